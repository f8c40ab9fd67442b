//! The removal guard's question: does a line read as prose?
//!
//! A boilerplate fix deletes text, and deleting a sentence of reporting is
//! the worst thing this detector can do. Every removal therefore goes
//! through [`reads_as_prose`] (see [`super::line_removal_edits`]): a line
//! that reads as a sentence of English or Spanish prose is never removed,
//! unless the corpus shows it to be site template text or the user's own
//! `boilerplate.extra_patterns` flag it.
//!
//! "Reads as prose" is judged from what a line shows, the tagger asked
//! only where the endings cannot tell:
//!
//! - **length**: enough words to be a sentence rather than a label;
//! - **function words**: articles, prepositions, pronouns and auxiliaries
//!   of the line's language (English or Spanish, whichever has more of them
//!   in the line), a large share in running text and a small one in menus,
//!   names and headlines;
//! - **a finite verb**: an auxiliary, modal or common irregular form (the
//!   lexicon's `finite_verbs.txt`), or verb morphology: English
//!   past tense in "-ed", a subject pronoun before a word, "the port runs";
//!   Spanish preterite, imperfect, future and conditional endings
//!   ("-ó", "-aron", "-aba", "-ían", "-rá", "-ría"); for a Spanish line
//!   that has everything else, the present tense as the language layer's
//!   tagger reads it (a verb that does not open the line and is not an
//!   infinitive, participle or gerund);
//! - **a sentence end**, or a line long enough that a lost end does not
//!   matter; a line cut off with "…" is a teaser, not prose.
//!
//! [`reads_as_prose`] is the seam: a part-of-speech tagger can replace its
//! inside (a finite verb read from tags) without changing any caller.

use super::words::{is_finite_verb, is_function_word, lower_into};
use crate::analysis::language::Lang;

/// Fewer words than this are a label, a caption or a menu item even when
/// they end with a period ("Police closed the road." stays removable when
/// the detector flags it; a longer sentence does not).
pub const MIN_WORDS: u32 = 5;

/// Share of function words below which a line is a list of names and
/// nouns: headlines and menus sit near 0.1, running prose near 0.4 in both
/// languages; 0.2 keeps terse news sentences ("Copyright 2008 The
/// Associated Press. All rights reserved." has 0.25).
pub const MIN_FUNCTION_SHARE: f32 = 0.2;

/// Without a sentence end, a line this long (with a verb and function
/// words) is still a paragraph whose punctuation was lost in scraping.
pub const LONG_LINE_WORDS: u32 = 15;

/// What [`reads_as_prose`] looked at.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ProseEvidence {
    pub words: u32,
    /// The language whose function words the line has more of (English on
    /// a tie).
    pub lang: Lang,
    /// Function words of that language.
    pub function_words: u32,
    /// An auxiliary, a finite form from the lists, or verb morphology.
    pub finite_verb: bool,
    /// Ends with `.`, `!` or `?` (before closing quotes or brackets).
    pub sentence_end: bool,
    /// Ends with "…" or "...": a teaser cut off.
    pub cut_off: bool,
}

impl ProseEvidence {
    /// Share of function words among the words.
    pub fn function_share(&self) -> f32 {
        if self.words == 0 {
            0.0
        } else {
            self.function_words as f32 / self.words as f32
        }
    }

    /// The decision.
    pub fn is_prose(&self) -> bool {
        self.words >= MIN_WORDS
            && !self.cut_off
            && self.finite_verb
            && self.function_share() >= MIN_FUNCTION_SHARE
            && (self.sentence_end || self.words >= LONG_LINE_WORDS)
    }
}

/// Whether `line` reads as a sentence of prose (English or Spanish): enough
/// words, a finite verb, function words, a sentence end. The removal guard
/// of every boilerplate fix.
pub fn reads_as_prose(line: &str) -> bool {
    prose_evidence(line).is_prose()
}

/// One word of the line, lower-cased on the stack.
#[derive(Clone, Copy)]
struct Word {
    buf: [u8; 32],
    len: usize,
    /// Starts with a lower-case letter (or opens the line): morphology
    /// applies ("Reed" and "Ted" are names).
    plain: bool,
}

impl Word {
    const EMPTY: Word = Word {
        buf: [0; 32],
        len: 0,
        plain: false,
    };

    fn as_str(&self) -> &str {
        std::str::from_utf8(&self.buf[..self.len]).unwrap_or("")
    }
}

/// The evidence [`reads_as_prose`] decides on. Allocates only for a
/// Spanish line that would read as prose but for a finite verb the lists
/// and endings do not know (the present tense: "El ayuntamiento investiga
/// el caso."): that line is read by the Spanish tagger
/// ([`spanish_tagged_verb`]).
pub fn prose_evidence(line: &str) -> ProseEvidence {
    let text = line.trim();
    let core = text.trim_end_matches(|c: char| {
        matches!(c, '"' | '\'' | '”' | '’' | '»' | ')' | ']') || c.is_whitespace()
    });
    let cut_off = core.ends_with('…') || core.ends_with("...");
    let sentence_end = !cut_off && core.ends_with(['.', '!', '?']);
    let mut ev = ProseEvidence {
        words: 0,
        lang: Lang::English,
        function_words: 0,
        finite_verb: false,
        sentence_end,
        cut_off,
    };
    if text
        .split_whitespace()
        .nth(MIN_WORDS as usize - 1)
        .is_none()
    {
        // Too short to be prose whatever it holds: no need to read it.
        ev.words = text.split_whitespace().count() as u32;
        return ev;
    }
    let (mut en, mut es) = (0u32, 0u32);
    let (mut verb_en, mut verb_es) = (false, false);
    // The two words before this one.
    let mut prev = [Word::EMPTY; 2];
    for raw in text.split_whitespace() {
        let w = raw.trim_matches(|c: char| !c.is_alphanumeric());
        if w.is_empty() {
            continue;
        }
        let first = ev.words == 0;
        ev.words += 1;
        let mut word = Word::EMPTY;
        match lower_into(w, &mut word.buf) {
            Some(l) => word.len = l.len(),
            None => {
                prev = [prev[1], Word::EMPTY];
                continue;
            }
        }
        word.plain = first || w.chars().next().is_some_and(char::is_lowercase);
        let lw = word.as_str();
        let fn_en = is_function_word(lw, Lang::English);
        let fn_es = is_function_word(lw, Lang::Spanish);
        en += u32::from(fn_en);
        es += u32::from(fn_es);
        if !verb_en {
            verb_en = english_verb(&word, fn_en, &prev);
        }
        if !verb_es {
            verb_es = spanish_verb(&word);
        }
        prev = [prev[1], word];
    }
    (ev.lang, ev.function_words) = if es > en {
        (Lang::Spanish, es)
    } else {
        (Lang::English, en)
    };
    ev.finite_verb = match ev.lang {
        Lang::Spanish => verb_es,
        Lang::English | Lang::Unknown => verb_en,
    };
    if ev.lang == Lang::Spanish && !ev.finite_verb {
        let needs_verb = ProseEvidence {
            finite_verb: true,
            ..ev
        };
        if needs_verb.is_prose() {
            ev.finite_verb = spanish_tagged_verb(text);
        }
    }
    ev
}

/// Whether the Spanish tagger reads a finite verb in `text`: a word tagged
/// verb or auxiliary that is not the line's first word (an imperative
/// opens a call to action: "Suscríbete a nuestro boletín.") and has no
/// ending of an infinitive, participle or gerund ("recibir", "publicado",
/// "cargando"), which label and form lines use without a finite verb.
fn spanish_tagged_verb(text: &str) -> bool {
    use crate::analysis::language::{Upos, tagger};
    let words: Vec<&str> = text
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .collect();
    let tags = tagger::spanish().tag(&words);
    words.iter().zip(&tags).skip(1).any(|(w, t)| {
        let w = w.to_lowercase();
        matches!(t, Upos::Verb | Upos::Aux)
            && w.chars().next().is_some_and(char::is_alphabetic)
            && ![
                "ar", "er", "ir", "ado", "ada", "ados", "adas", "ido", "ida", "idos", "idas",
                "ando", "iendo",
            ]
            .iter()
            .any(|e| w.ends_with(e))
    })
}

fn listed(word: &str, lang: Lang) -> bool {
    is_finite_verb(word, lang)
}

/// An auxiliary or listed form; past tense in "-ed"; a word after a
/// subject pronoun ("she returns"); "the port runs".
fn english_verb(word: &Word, function: bool, prev: &[Word; 2]) -> bool {
    let w = word.as_str();
    if listed(w, Lang::English) {
        return true;
    }
    let n = w.chars().count();
    let past = word.plain && n >= 5 && w.ends_with("ed") && !w.ends_with("eed");
    let after_pronoun =
        !function && matches!(prev[1].as_str(), "he" | "she" | "it" | "they" | "we" | "i");
    let third_person = word.plain
        && !function
        && matches!(prev[0].as_str(), "the" | "a" | "an" | "this" | "that")
        && prev[1].len > 0
        && !is_function_word(prev[1].as_str(), Lang::English)
        && n >= 4
        && w.ends_with('s')
        && !w.ends_with("ss")
        && !w.contains('\'');
    past || after_pronoun || third_person
}

/// A listed form (haber, ser, estar, the reflexive "se"), or the endings of
/// the preterite, imperfect, future and conditional.
fn spanish_verb(word: &Word) -> bool {
    let w = word.as_str();
    if listed(w, Lang::Spanish) {
        return true;
    }
    let n = w.chars().count();
    word.plain
        && ((n >= 3 && w.ends_with('ó'))
            || (n >= 5
                && [
                    "aron", "ieron", "aba", "aban", "ían", "rán", "rá", "ría", "rían",
                ]
                .iter()
                .any(|s| w.ends_with(s))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spanish_reporting_reads_as_prose() {
        for s in [
            "Las familias afectadas pasaron la noche en el pabellón deportivo del barrio.",
            "El alcalde anunció ayer que la carretera seguirá cortada hasta el lunes.",
            "Los bomberos han controlado el incendio tras cuatro horas de trabajo.",
            "Según la policía, el conductor circulaba a más del doble de la velocidad permitida.",
            "La presa se llenó en apenas dos días por las lluvias de la semana.",
            // The present tense, read by the tagger.
            "El ayuntamiento investiga desde el lunes el origen de las grietas del puente.",
            "Los vecinos denuncian que el agua del grifo sale turbia desde hace semanas.",
        ] {
            assert!(reads_as_prose(s), "{s}: {:?}", prose_evidence(s));
        }
    }

    #[test]
    fn english_reporting_reads_as_prose() {
        for s in [
            "Shared online by testers at a hardware blog, the new model runs at twice the speed.",
            "The council said on Monday that the bridge would stay closed for weeks.",
            "Firefighters needed four hours to control the blaze in the storage room.",
            "She returns to the club after two seasons abroad with a new contract.",
            "Posted late on Friday, the statement blamed a contractor for the delay.",
        ] {
            assert!(reads_as_prose(s), "{s}: {:?}", prose_evidence(s));
        }
    }

    #[test]
    fn furniture_does_not() {
        for s in [
            "Home News Sport Business Culture Weather",
            "Related articles",
            "Posted on 12 March 2025 at 10:42",
            "Publicado el 3 de mayo de 2024",
            "Police closed the road.",
            "Share on Facebook Share on Twitter Email this story",
            "Inicio Noticias Deportes Economía Cultura",
            "Mayor Unveils Plan for New Riverside Market and Park",
            "The mayor said the council would review the plan after the …",
            "Lea también: Los mejores destinos para este verano",
            "Suscríbete a nuestro boletín para recibir las noticias del día.",
            "Publicado por la redacción de la edición digital de la mañana.",
        ] {
            assert!(!reads_as_prose(s), "{s}: {:?}", prose_evidence(s));
        }
    }

    #[test]
    fn odd_input() {
        for s in ["", " ", "…", "😀 😀 😀 😀 😀.", "a a a a a a a.", "\u{0}"] {
            let _ = reads_as_prose(s);
        }
        assert!(!reads_as_prose(""));
    }
}
