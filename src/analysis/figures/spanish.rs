//! Spanish numbers for the figure scanner (`scan.rs`), used when a text is
//! Spanish: numbers in words parsed by `text2num`'s Spanish grammar
//! ("doscientos", "mil doscientos", "treinta y cinco", "dos millones"),
//! ordinals ("tercera visita"), scale words after digits ("1,5 millones",
//! "20 mil") and currency names after an amount, also across "de" ("dos
//! millones de dólares").
//!
//! Percentages written in words ("12 por ciento", "dos puntos
//! porcentuales"), and what an amount of money or a percentage measures
//! ([`read_measured`]): the thing it pays for after "por", "para", "a" or
//! "en" ("1,5 millones de euros *por el puente*"), the whole it is a share
//! of ("el 53 % *de los votos*"), else the subject of its verb ("*la obra*
//! costó 1,5 millones"), read with the Spanish tagger. The head noun is
//! filed under its English equivalent where the bilingual list has one
//! (`to_english.txt`), so that "dos millones de dólares para el programa"
//! and "$2 million for the program" name one thing.
//!
//! The words are data: cardinals in `data/lexicon/es/number_words.txt` (the
//! shared lexicon's), ordinals in `ordinal_words.txt`, scales in
//! `scales.txt`, currencies in `currencies.txt`, percentages in
//! `percent.txt`, the prepositions of what is measured in
//! `measured_prepositions.txt`. Digits ("1.200" for 1,200, "3,5" for 3.5)
//! are read by the scanner itself.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use text2num::lang::Spanish;

use super::counted::{Counted, concept, stem};
use super::interval::Qualifier;
use super::scan::{Raw, Sent};
use super::{FigureKind, Fnv};
use crate::analysis::language::{Lang, Upos, lexicon, tagger};

static ES: LazyLock<Spanish> = LazyLock::new(Spanish::default);

fn entries(data: &'static str) -> impl Iterator<Item = &'static str> {
    data.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

static ORDINALS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| entries(include_str!("../../../data/lexicon/es/ordinal_words.txt")).collect());

static SCALES: LazyLock<HashMap<&'static str, f64>> = LazyLock::new(|| {
    entries(include_str!("../../../data/lexicon/es/scales.txt"))
        .filter_map(|l| {
            let (w, v) = l.split_once('\t')?;
            Some((w.trim(), v.trim().parse().ok()?))
        })
        .collect()
});

static CURRENCIES: LazyLock<HashMap<&'static str, &'static str>> = LazyLock::new(|| {
    entries(include_str!("../../../data/lexicon/es/currencies.txt"))
        .filter_map(|l| {
            let (w, c) = l.split_once('\t')?;
            Some((w.trim(), c.trim()))
        })
        .collect()
});

/// Hedges before a figure, longest first: (words, qualifier).
static QUALIFIERS: LazyLock<Vec<(Vec<&'static str>, Qualifier)>> = LazyLock::new(|| {
    let mut out: Vec<(Vec<&'static str>, Qualifier)> =
        entries(include_str!("../../../data/lexicon/es/qualifiers.txt"))
            .filter_map(|l| {
                let (phrase, q) = l.split_once('\t')?;
                let q = match q.trim() {
                    "over" => Qualifier::Over,
                    "at_least" => Qualifier::AtLeast,
                    "under" => Qualifier::Under,
                    "at_most" => Qualifier::AtMost,
                    "about" => Qualifier::About,
                    "nearly" => Qualifier::Nearly,
                    _ => return None,
                };
                Some((phrase.split_whitespace().collect(), q))
            })
            .collect();
    out.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
    out
});

/// The hedge that ends right before a figure, from the lower-case words
/// before it (`before`, nearest last; "" for a token that is not a word):
/// its qualifier and how many words it takes ("más de": 2).
pub(super) fn qualifier_before(before: &[&str]) -> Option<(Qualifier, usize)> {
    QUALIFIERS.iter().find_map(|(words, q)| {
        let n = words.len();
        (before.len() >= n && before[before.len() - n..] == words[..]).then_some((*q, n))
    })
}

/// Whether a lower-case word can be part of a Spanish number in words.
pub(super) fn is_number_word(lw: &str) -> bool {
    ORDINALS.contains(lw) || lexicon(Lang::Spanish).is_number_word(lw)
}

/// "y" joins tens and units ("treinta y cinco") inside a run.
pub(super) fn is_linking(lw: &str) -> bool {
    lw == "y"
}

/// A word for `text2num`.
struct Word<'a>(&'a str);

impl text2num::Token for &Word<'_> {
    fn text(&self) -> Cow<'_, str> {
        Cow::Borrowed(self.0)
    }

    fn text_lowercase(&self) -> Cow<'_, str> {
        Cow::Borrowed(self.0)
    }
}

/// The numbers in a run of lower-case Spanish number words, positions
/// relative to the run. An article on its own is not a count ("un
/// vecino", "una visita"); with a scale it is ("un millón").
pub(super) fn find_numbers(words: &[&str]) -> Vec<text2num::Occurence> {
    let ws: Vec<Word<'_>> = words.iter().map(|w| Word(w)).collect();
    text2num::find_numbers(ws.iter(), &*ES, 0.0)
        .into_iter()
        .filter(|o| {
            !(o.end == o.start + 1
                && words
                    .get(o.start)
                    .is_some_and(|w| matches!(*w, "un" | "una" | "uno")))
        })
        .collect()
}

/// A preposition that introduces the place a figure belongs to ("tercera
/// visita *a Ecuador*", "300 muertos *en Gaza*").
pub(super) fn place_preposition(lw: &str) -> bool {
    matches!(lw, "a" | "en" | "hacia" | "desde" | "para")
}

/// A definite article before a place ("en *la* Patagonia").
pub(super) fn is_article(lw: &str) -> bool {
    matches!(lw, "el" | "la" | "los" | "las")
}

/// The multiplier of a Spanish scale word ("millones" → 1e6).
pub(super) fn scale(lw: &str) -> Option<f64> {
    SCALES.get(lw).copied()
}

/// A currency named after an amount: `first` the word right after it,
/// `second` the one after that. Returns the currency and how many words
/// it took ("dólares": 1; "de dólares", after a scale word: 2).
pub(super) fn currency_after(first: &str, second: &str) -> Option<(&'static str, usize)> {
    if let Some(&c) = CURRENCIES.get(first) {
        return Some((c, 1));
    }
    if first == "de" {
        return CURRENCIES.get(second).map(|&c| (c, 2));
    }
    None
}

/// What a percentage word after a number makes of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum PercentWord {
    Percent,
    Points,
}

/// The phrases of `percent.txt`, longest first.
static PERCENT: LazyLock<Vec<(Vec<&'static str>, PercentWord)>> = LazyLock::new(|| {
    let mut out: Vec<(Vec<&'static str>, PercentWord)> =
        entries(include_str!("../../../data/lexicon/es/percent.txt"))
            .filter_map(|l| {
                let (phrase, kind) = l.split_once('\t')?;
                let kind = match kind.trim() {
                    "percent" => PercentWord::Percent,
                    "points" => PercentWord::Points,
                    _ => return None,
                };
                Some((phrase.split_whitespace().collect(), kind))
            })
            .collect();
    out.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
    out
});

/// A percentage written after a number, from the lower-case words after
/// it (`after`, nearest first): its kind and how many words it takes ("por
/// ciento": 2).
pub(super) fn percent_after(after: &[&str]) -> Option<(PercentWord, usize)> {
    PERCENT.iter().find_map(|(words, kind)| {
        let n = words.len();
        (after.len() >= n && after[..n] == words[..]).then_some((*kind, n))
    })
}

/// A `measured_prepositions.txt`: word → (introduces what money pays for,
/// what a percentage measures).
fn measured(data: &'static str) -> HashMap<&'static str, (bool, bool)> {
    entries(data)
        .filter_map(|l| {
            let (w, kinds) = l.split_once('\t')?;
            let money = kinds.split_whitespace().any(|k| k == "money");
            let percent = kinds.split_whitespace().any(|k| k == "percent");
            Some((w.trim(), (money, percent)))
        })
        .collect()
}

static MEASURED_ES: LazyLock<HashMap<&'static str, (bool, bool)>> = LazyLock::new(|| {
    measured(include_str!(
        "../../../data/lexicon/es/measured_prepositions.txt"
    ))
});
static MEASURED_EN: LazyLock<HashMap<&'static str, (bool, bool)>> = LazyLock::new(|| {
    measured(include_str!(
        "../../../data/lexicon/en/measured_prepositions.txt"
    ))
});

static ES_STEMMER: LazyLock<frostem::Stemmer> =
    LazyLock::new(|| frostem::Stemmer::new(frostem::Algorithm::Spanish));

/// Spanish stem → the English equivalent of `to_english.txt` (the first in
/// the file's order of keys).
static TO_ENGLISH: LazyLock<HashMap<String, String>> = LazyLock::new(|| {
    let mut out = HashMap::new();
    let mut keys: Vec<(&String, &Vec<String>)> = lexicon(Lang::Spanish).to_english.iter().collect();
    keys.sort();
    for (es, en) in keys {
        if let Some(first) = en.first() {
            out.entry(ES_STEMMER.stem(es).into_owned())
                .or_insert_with(|| first.clone());
        }
    }
    out
});

/// Words the noun phrase of what is measured may run to after its
/// preposition before its first noun: determiners and adjectives ("el
/// nuevo puente", "a joint program").
const MEASURED_LEAD: usize = 4;
/// Words a verb may stand before an amount, over hedges and articles
/// ("costó *más de* 1,5 millones", "subió *hasta el* 12 %").
const VERB_REACH: usize = 4;
/// Words a subject may run to before its verb ("la demanda de vehículos
/// nuevos subió …").
const SUBJECT_REACH: usize = 8;

/// What an amount of money or a percentage measures. Read for every
/// figure of a Spanish sentence, and for an English amount of money the
/// English reading left without a thing, so that the two sides of a
/// comparison across languages name it alike: the head noun after a
/// preposition of `measured_prepositions.txt` ("por el nuevo puente", "de
/// los votos", "for the new bridge"), else the subject of the verb before
/// the figure ("la obra costó …", "the bridge will cost …"; in a relative
/// clause the phrase before "que"). Fills `c`'s noun, head, concept and
/// modifiers (the adjectives and nouns around the head). A Spanish head and
/// its modifiers are filed under their English equivalents where
/// `to_english.txt` has them. In Spanish the verb is left out for money
/// (two sources word one payment with different verbs, "destinará",
/// "aportará": the thing paid for makes it one fact), and a percentage is
/// told as a level or a change. Leaves `c` as it is for other kinds or when
/// nothing is read.
///
/// `tags` holds the sentence's parts of speech once read, so that a
/// sentence of many amounts is tagged once.
pub(super) fn read_measured(
    s: &Sent<'_>,
    raw: &Raw,
    c: &mut Counted,
    tags: &mut Option<Vec<Upos>>,
) {
    let spanish = s.lang == Lang::Spanish;
    let money = raw.kind == FigureKind::Money;
    let percent = spanish && matches!(raw.kind, FigureKind::Percent | FigureKind::PercentPoints);
    if !(money || percent) || s.len() == 0 {
        return;
    }
    let (prepositions, of) = if spanish {
        (&*MEASURED_ES, ["de", "del"])
    } else {
        (&*MEASURED_EN, ["of", "of"])
    };
    let tags: &[Upos] = tags.get_or_insert_with(|| {
        let words: Vec<&str> = (0..s.len()).map(|i| s.tx(i)).collect();
        if spanish {
            tagger::spanish().tag(&words)
        } else {
            tagger::english().tag(&words)
        }
    });
    let lex = lexicon(s.lang);
    let noun = |k: usize| {
        tags.get(k) == Some(&Upos::Noun)
            && s.is_word(k)
            && lex.month(s.lw(k)).is_none()
            && lex.weekday(s.lw(k)).is_none()
    };
    // 1. After the figure: "por el nuevo puente", "de los votos", "for
    //    the new bridge". Spanish puts the head first ("los programas de
    //    prevención"), English last ("drug prevention programs").
    let after = prepositions
        .get(s.lw(raw.t1))
        .is_some_and(|&(m, p)| (money && m) || (percent && p));
    let mut found = None;
    if after {
        let start = raw.t1 + 1;
        let first = (start..(start + MEASURED_LEAD).min(s.len()))
            .take_while(|&k| noun(k) || matches!(tags[k], Upos::Det | Upos::Adj | Upos::Num))
            .find(|&k| noun(k));
        let head = first.map(|h| {
            let mut h = h;
            while !spanish && noun(h + 1) {
                h += 1;
            }
            h
        });
        found = head.map(|h| (start, h));
    }
    // 2. The subject of the verb before it: "la obra costó …", "el paro
    //    subió al 12 por ciento"; in a relative clause, the noun phrase
    //    before "que" ("el proyecto del puente, que costará …").
    if found.is_none() {
        let verb = (raw.t0.saturating_sub(VERB_REACH)..raw.t0)
            .rev()
            .take_while(|&k| s.is_word(k) && !matches!(tags[k], Upos::Noun | Upos::Propn))
            .find(|&k| matches!(tags[k], Upos::Verb | Upos::Aux));
        if let Some(mut v) = verb {
            // Over clitics and auxiliaries ("se pagarán", "will cost").
            while v > 0
                && (matches!(tags[v - 1], Upos::Aux)
                    || (spanish && matches!(s.lw(v - 1), "se" | "le" | "les")))
            {
                v -= 1;
            }
            if spanish && v > 0 && s.lw(v - 1) == "que" {
                v -= 1;
                if v > 0 && s.is_sym(v - 1, ",") {
                    v -= 1;
                }
            }
            let mut i = v;
            while i > 0
                && v - i < SUBJECT_REACH
                && s.is_word(i - 1)
                && (matches!(
                    tags[i - 1],
                    Upos::Det | Upos::Adj | Upos::Noun | Upos::Propn | Upos::Num | Upos::Adv
                ) || of.contains(&s.lw(i - 1)))
            {
                i -= 1;
            }
            // The last noun of a chain of complements: the thing itself
            // ("el coste *de la obra*", "el proyecto *del puente*", "the
            // cost of the *bridge*").
            let head = (i..v).rev().find(|&k| noun(k));
            found = head.map(|h| (i, h));
        }
    }
    let Some((start, head)) = found else {
        return;
    };
    let lw = s.lw(head);
    let (key, english) = if spanish {
        let es = ES_STEMMER.stem(lw);
        match TO_ENGLISH.get(es.as_ref()) {
            Some(en) => (stem(en), Some(en.as_str())),
            None => (es.into_owned(), None),
        }
    } else {
        (stem(lw), Some(lw))
    };
    c.noun = Some(s.start(start)..s.end(head));
    c.head_concept = english.and_then(concept).or_else(|| concept(lw));
    c.head = Some(key.into_boxed_str());
    let mut mods: Vec<u64> = (start..head)
        .chain(head + 1..(head + 3).min(s.len()))
        .filter(|&k| matches!(tags.get(k), Some(Upos::Adj | Upos::Noun)) && s.is_word(k))
        .map(|k| {
            let w = s.lw(k);
            let en = spanish
                .then(|| TO_ENGLISH.get(ES_STEMMER.stem(w).as_ref()))
                .flatten();
            Fnv::hash(&stem(en.map_or(w, String::as_str)))
        })
        .collect();
    mods.sort_unstable();
    c.modifiers = mods.into_boxed_slice();
    if !spanish {
        return;
    }
    c.verb = None;
    c.verb_concept = None;
    // A percentage is a level ("al 12 %", "el 53 % de los votos") or a
    // change ("subió un 5 %"); one is not the other.
    c.verb_stem = percent.then(|| {
        let share = after && matches!(s.lw(raw.t1), "de" | "del");
        let change = !share && raw.t0 > 0 && matches!(s.lw(raw.t0 - 1), "un" | "una");
        Box::from(if change { "change" } else { "level" })
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(text: &str) -> Vec<(f64, bool)> {
        let words: Vec<&str> = text.split(' ').collect();
        find_numbers(&words)
            .into_iter()
            .map(|o| (o.value, o.is_ordinal))
            .collect()
    }

    #[test]
    fn numbers_in_words() {
        assert_eq!(values("doscientos"), vec![(200.0, false)]);
        assert_eq!(values("mil doscientos"), vec![(1200.0, false)]);
        assert_eq!(values("treinta y cinco"), vec![(35.0, false)]);
        assert_eq!(values("dos millones"), vec![(2e6, false)]);
        assert_eq!(values("tercera"), vec![(3.0, true)]);
        assert!(values("una").is_empty());
        assert_eq!(values("un millón"), vec![(1e6, false)]);
    }

    #[test]
    fn scales_and_currencies() {
        assert_eq!(scale("millones"), Some(1e6));
        assert_eq!(scale("billón"), Some(1e12));
        assert_eq!(currency_after("de", "dólares"), Some(("USD", 2)));
        assert_eq!(currency_after("euros", ""), Some(("EUR", 1)));
        assert_eq!(currency_after("de", "vecinos"), None);
        assert_eq!(
            qualifier_before(&["evacuaron", "a", "más", "de"]),
            Some((Qualifier::Over, 2))
        );
        assert_eq!(
            qualifier_before(&["", "poco", "más", "de"]),
            Some((Qualifier::Over, 3))
        );
        assert_eq!(qualifier_before(&["los", "vecinos"]), None);
    }

    #[test]
    fn percentages_in_words() {
        assert_eq!(
            percent_after(&["por", "ciento"]),
            Some((PercentWord::Percent, 2))
        );
        assert_eq!(
            percent_after(&["puntos", "porcentuales"]),
            Some((PercentWord::Points, 2))
        );
        assert_eq!(percent_after(&["por", "la"]), None);
        assert_eq!(percent_after(&["por"]), None);
        assert_eq!(percent_after(&[]), None);
    }

    #[test]
    fn spanish_heads_are_filed_under_english_words() {
        assert_eq!(
            TO_ENGLISH.get(ES_STEMMER.stem("programas").as_ref()),
            Some(&"program".to_string())
        );
        assert_eq!(MEASURED_ES.get("por"), Some(&(true, false)));
        assert_eq!(MEASURED_ES.get("de"), Some(&(false, true)));
        assert_eq!(MEASURED_EN.get("for"), Some(&(true, false)));
    }
}
