//! Lemmas: the dictionary form of a word given its part of speech
//! ("said"/VERB → "say", "cities"/NOUN → "city").
//!
//! Regular inflection is undone by suffix rules per part of speech; where a
//! rule has several readings ("hoped" → "hop" or "hope") the one that is a
//! known lemma of that class wins. Irregular forms ("went", "children",
//! "better") and the known lemmas come from a table learned from the
//! tagger's training treebanks (`data/tagger/en-lemmas.tsv`, written by
//! `train_tagger`): only the forms the rules get wrong are listed.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use super::conllu::Sentence;
use super::tagger::Upos;

/// The learned part of the lemmatizer.
#[derive(Debug, Default)]
pub struct LemmaTable {
    /// (lower-case form, tag) → lemma, where the rules are wrong.
    exceptions: HashMap<(String, Upos), String>,
    /// Lemmas seen per class (nouns, verbs, adjectives).
    known: HashMap<Class, HashSet<String>>,
}

/// Word classes that share inflection rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Class {
    Noun,
    Verb,
    Adj,
}

fn class(tag: Upos) -> Option<Class> {
    match tag {
        Upos::Noun => Some(Class::Noun),
        Upos::Verb | Upos::Aux => Some(Class::Verb),
        Upos::Adj | Upos::Adv => Some(Class::Adj),
        _ => None,
    }
}

fn lower(form: &str) -> String {
    // Most words are ASCII, where this is the same lowering without going
    // through characters.
    if form.is_ascii() {
        return form.to_ascii_lowercase();
    }
    form.chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c == '’' || c == 'ʼ' { '\'' } else { c })
        .collect()
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u')
}

/// The two readings of a word in "-es", the likelier first: after a
/// sibilant the "e" is part of the ending ("glasses", "fixes"), elsewhere
/// of the stem ("prices", "hopes").
fn es_plural(w: &str) -> [String; 2] {
    let (one, two) = (w[..w.len() - 1].to_string(), w[..w.len() - 2].to_string());
    if ["sses", "xes", "ches", "shes", "zes"]
        .iter()
        .any(|s| w.ends_with(s))
    {
        [two, one]
    } else {
        [one, two]
    }
}

/// A stem with and without a final "e", the likelier first: a stem that
/// ends in one vowel and one consonant lost an "e" ("hoping" → "hope",
/// "stated" → "state"); others did not ("walked", "opening").
fn e_readings(stem: &str) -> [String; 2] {
    let c: Vec<char> = stem.chars().rev().take(3).collect();
    let cvc = c.len() == 3
        && !is_vowel(c[0])
        && !matches!(c[0], 'w' | 'x' | 'y')
        && is_vowel(c[1])
        && !is_vowel(c[2]);
    let with_e = format!("{stem}e");
    if cvc {
        [with_e, stem.to_string()]
    } else {
        [stem.to_string(), with_e]
    }
}

/// Candidate lemmas of `w` (lower case) in class `c`, most likely first;
/// `w` itself is always the last candidate.
fn candidates(w: &str, c: Class) -> Vec<String> {
    let mut out = Vec::new();
    let strip = |n: usize| w[..w.len() - n].to_string();
    let undouble = |stem: &str| -> Option<String> {
        let b = stem.as_bytes();
        (b.len() >= 3 && b[b.len() - 1] == b[b.len() - 2] && !is_vowel(b[b.len() - 1] as char))
            .then(|| stem[..stem.len() - 1].to_string())
    };
    let n = w.chars().count();
    match c {
        Class::Noun | Class::Verb if n > 3 && w.ends_with("ies") => {
            out.push(format!("{}y", strip(3)))
        }
        _ => {}
    }
    match c {
        Class::Noun => {
            if n > 3 && w.ends_with("ves") {
                out.push(format!("{}f", strip(3)));
                out.push(format!("{}fe", strip(3)));
            }
            if n > 3 && w.ends_with("es") {
                out.extend(es_plural(w));
            } else if n > 2
                && w.ends_with('s')
                && !w.ends_with("ss")
                && !w.ends_with("us")
                && !w.ends_with("is")
            {
                out.push(strip(1));
            }
            if n > 3 && w.ends_with("men") {
                out.push(format!("{}man", strip(3)));
            }
        }
        Class::Verb => {
            if n > 3 && w.ends_with("ied") {
                out.push(format!("{}y", strip(3)));
            }
            if n > 3 && w.ends_with("ed") {
                let stem = strip(2);
                out.extend(e_readings(&stem));
                out.extend(undouble(&stem));
            } else if n > 4 && w.ends_with("ing") {
                let stem = strip(3);
                out.extend(e_readings(&stem));
                out.extend(undouble(&stem));
            } else if n > 3 && w.ends_with("es") {
                out.extend(es_plural(w));
            } else if n > 2 && w.ends_with('s') && !w.ends_with("ss") {
                out.push(strip(1));
            }
        }
        Class::Adj => {
            for suffix in ["est", "er"] {
                if n > suffix.len() + 2 && w.ends_with(suffix) {
                    let stem = strip(suffix.len());
                    if let Some(s) = stem.strip_suffix('i') {
                        out.push(format!("{s}y"));
                    }
                    out.push(stem.clone());
                    out.push(format!("{stem}e"));
                    out.extend(undouble(&stem));
                    break;
                }
            }
        }
    }
    out.push(w.to_string());
    out
}

impl LemmaTable {
    /// The lemma of `form` tagged `tag`.
    pub fn lemma(&self, form: &str, tag: Upos) -> String {
        match tag {
            Upos::Propn | Upos::Num | Upos::Punct | Upos::Sym | Upos::X => return form.to_string(),
            _ => {}
        }
        // The key is made once and its word read back: no copy per look-up.
        let key = (lower(form), tag);
        if let Some(l) = self.exceptions.get(&key) {
            return l.clone();
        }
        self.by_rule(&key.0, tag)
    }

    fn by_rule(&self, w: &str, tag: Upos) -> String {
        let Some(c) = class(tag) else {
            return w.to_string();
        };
        let cands = candidates(w, c);
        let known = self.known.get(&c);
        if let Some(hit) = cands
            .iter()
            .find(|l| known.is_some_and(|k| k.contains(l.as_str())))
        {
            return hit.clone();
        }
        // Unknown word: the plain reading of a regular noun or verb ending;
        // adjectives ("eager", "bitter") keep their form.
        if c == Class::Adj {
            w.to_string()
        } else {
            cands.into_iter().next().unwrap_or_default()
        }
    }

    /// Reads the table written by [`LemmaTable::to_tsv`]; malformed lines
    /// are skipped.
    pub fn from_tsv(text: &str) -> LemmaTable {
        let mut t = LemmaTable::default();
        for line in text.lines() {
            let mut cols = line.split('\t');
            let (Some(a), Some(b), Some(c)) = (cols.next(), cols.next(), cols.next()) else {
                continue;
            };
            if a == "=" {
                let class = match b {
                    "N" => Class::Noun,
                    "V" => Class::Verb,
                    "A" => Class::Adj,
                    _ => continue,
                };
                t.known.entry(class).or_default().insert(c.to_string());
            } else if let Some(tag) = Upos::parse(b) {
                t.exceptions.insert((a.to_string(), tag), c.to_string());
            }
        }
        t
    }

    /// One entry a line: `form TAB UPOS TAB lemma` for exceptions,
    /// `= TAB N|V|A TAB lemma` for known lemmas; sorted.
    pub fn to_tsv(&self) -> String {
        let mut lines: Vec<String> = self
            .exceptions
            .iter()
            .map(|((f, t), l)| format!("{f}\t{}\t{l}", t.as_str()))
            .collect();
        for (c, set) in &self.known {
            let c = match c {
                Class::Noun => "N",
                Class::Verb => "V",
                Class::Adj => "A",
            };
            lines.extend(set.iter().map(|l| format!("=\t{c}\t{l}")));
        }
        lines.sort();
        let mut out = String::from(
            "# Lemma table learned from the tagger's training treebanks (see README.md).\n",
        );
        for l in lines {
            out.push_str(&l);
            out.push('\n');
        }
        out
    }
}

/// Learns the table from gold sentences: known lemmas per class, and the
/// (form, tag) pairs whose most frequent gold lemma the rules miss.
pub fn train_table(sentences: &[Sentence]) -> LemmaTable {
    let mut t = LemmaTable::default();
    let mut counts: HashMap<(String, Upos), HashMap<String, usize>> = HashMap::new();
    for w in sentences.iter().flat_map(|s| &s.words) {
        let lemma = if w.upos == Upos::Propn {
            w.lemma.clone()
        } else {
            lower(&w.lemma)
        };
        if lemma.contains(char::is_whitespace) || lemma == "_" || lemma.len() > 60 {
            continue;
        }
        if let Some(c) = class(w.upos) {
            t.known.entry(c).or_default().insert(lemma.clone());
        }
        *counts
            .entry((lower(&w.form), w.upos))
            .or_default()
            .entry(lemma)
            .or_default() += 1;
    }
    for ((form, tag), lemmas) in counts {
        let Some((best, _)) = lemmas
            .into_iter()
            .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
        else {
            continue;
        };
        if matches!(
            tag,
            Upos::Propn | Upos::Num | Upos::Punct | Upos::Sym | Upos::X
        ) {
            continue;
        }
        if t.by_rule(&form, tag) != best {
            t.exceptions.insert((form, tag), best);
        }
    }
    t
}

/// Words and correct lemmas of `table` on gold-tagged sentences (case
/// ignored except for proper nouns).
pub fn evaluate_with(table: &LemmaTable, sentences: &[Sentence]) -> (usize, usize) {
    let (mut n, mut ok) = (0, 0);
    for w in sentences.iter().flat_map(|s| &s.words) {
        if w.lemma == "_" {
            continue;
        }
        n += 1;
        let got = table.lemma(&w.form, w.upos);
        ok += usize::from(if w.upos == Upos::Propn {
            got == w.lemma
        } else {
            lower(&got) == lower(&w.lemma)
        });
    }
    (n, ok)
}

static ENGLISH: LazyLock<LemmaTable> =
    LazyLock::new(|| LemmaTable::from_tsv(include_str!("../../../data/tagger/en-lemmas.tsv")));

/// The lemma of an English word tagged `tag`.
pub fn lemma(form: &str, tag: Upos) -> String {
    ENGLISH.lemma(form, tag)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> LemmaTable {
        LemmaTable::from_tsv(
            "went\tVERB\tgo\n=\tV\thope\n=\tV\thop\n=\tV\tstop\n=\tN\tcity\n=\tA\tbig\nbroken line\n",
        )
    }

    #[test]
    fn rules_prefer_known_lemmas() {
        let t = table();
        assert_eq!(t.lemma("went", Upos::Verb), "go");
        assert_eq!(t.lemma("hoping", Upos::Verb), "hope");
        assert_eq!(t.lemma("stopped", Upos::Verb), "stop");
        assert_eq!(t.lemma("Cities", Upos::Noun), "city");
        assert_eq!(t.lemma("bigger", Upos::Adj), "big");
        assert_eq!(t.lemma("walked", Upos::Verb), "walk");
        assert_eq!(t.lemma("glasses", Upos::Noun), "glass");
        assert_eq!(t.lemma("prices", Upos::Noun), "price");
        assert_eq!(t.lemma("eager", Upos::Adj), "eager");
        assert_eq!(t.lemma("Paris", Upos::Propn), "Paris");
        assert_eq!(t.lemma("The", Upos::Det), "the");
        assert_eq!(t.lemma("", Upos::Verb), "");
    }

    #[test]
    fn ascii_forms_lower_as_characters_do() {
        let by_chars = |w: &str| -> String {
            w.chars()
                .flat_map(char::to_lowercase)
                .map(|c| if c == '’' || c == 'ʼ' { '\'' } else { c })
                .collect()
        };
        let mut words: Vec<String> = (0u8..128).map(|b| char::from(b).to_string()).collect();
        words.extend(["", "Don't", "SAID", "x-Ray", "Kilometres2"].map(String::from));
        for w in &words {
            assert_eq!(lower(w), by_chars(w), "{w:?}");
        }
        assert_eq!(lower("Ÿ’S"), "ÿ's");
    }

    #[test]
    fn shipped_table_knows_irregular_forms() {
        assert_eq!(lemma("said", Upos::Verb), "say");
        assert_eq!(lemma("was", Upos::Aux), "be");
        assert_eq!(lemma("children", Upos::Noun), "child");
        assert_eq!(lemma("n't", Upos::Part), "not");
        assert_eq!(lemma("announced", Upos::Verb), "announce");
    }
}
