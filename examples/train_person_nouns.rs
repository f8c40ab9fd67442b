//! Learns the English nouns that name a person (`data/lexicon/en/person_nouns.txt`)
//! from the entity annotation of the GUM treebank:
//!
//! ```text
//! cargo run --release --example train_person_nouns -- [../shared/corpora/ud-treebanks/en-gum] > data/lexicon/en/person_nouns.txt
//! ```
//!
//! GUM marks every mention of an entity with its type (`Entity=(12-person-…`
//! in the MISC column). For every `person` mention whose syntactic head
//! (the one word of the mention whose head lies outside it) is a common
//! noun, the noun's lemma is counted; so is every use of the lemma as a
//! common noun. A lemma is a person noun when it heads a person mention at
//! least [`MIN_HEADS`] times and at least [`MIN_SHARE`] of its uses do.
//! That keeps "official", "officer", "reporter", "resident" and leaves out
//! nouns that only sometimes stand for people ("group", "number",
//! "family"); a lemma whose person mentions are mostly partitive ("a
//! majority of voters") counts people rather than naming one and is left
//! out too ([`MAX_PARTITIVE`]).
//!
//! `anonymous-source` reads the list (through the shared lexicon) to tell a
//! speaker described by role ("a campaign aide", "an agency spokesman")
//! from an unnamed thing ("a new report"); `tests/attribution_polnear.rs`
//! uses it in its transparent criterion of an anonymous gold Source.
//! Deterministic: the same treebank gives the same file.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

/// A lemma must head this many person mentions: a single mention may be a
/// metaphor or an annotation slip.
const MIN_HEADS: usize = 2;
/// Above this share of its person mentions followed by "of", a noun
/// counts people rather than naming one ("a majority of voters",
/// "thousands of residents").
const MAX_PARTITIVE: f64 = 0.5;
/// The share of a lemma's uses as a common noun that head a person
/// mention. Below half, the noun names people only sometimes ("group",
/// "family", "side") and calling its speaker a person would be a guess.
const MIN_SHARE: f64 = 0.5;

struct Tok {
    id: String,
    head: String,
    lemma: String,
    upos: String,
    misc: String,
}

/// Person mentions of one sentence as inclusive token index ranges, read
/// from the `Entity=` bracket notation: `(ID-type…` opens a mention, `ID)`
/// closes it, `(ID-type…)` is a one-token mention.
fn person_mentions(toks: &[Tok]) -> Vec<(usize, usize)> {
    let mut open: HashMap<String, Vec<(usize, bool)>> = HashMap::new();
    let mut out = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        let Some(e) = t.misc.split('|').find_map(|f| f.strip_prefix("Entity=")) else {
            continue;
        };
        let b = e.as_bytes();
        let mut j = 0;
        while j < b.len() {
            if b[j] == b'(' {
                let rest = &e[j + 1..];
                let len = rest.find(['(', ')']).unwrap_or(rest.len());
                let body = &rest[..len];
                let mut parts = body.split('-');
                let id = parts.next().unwrap_or("").to_string();
                let person = parts.next() == Some("person");
                j += 1 + len;
                if j < b.len() && b[j] == b')' {
                    if person {
                        out.push((i, i));
                    }
                    j += 1;
                } else {
                    open.entry(id).or_default().push((i, person));
                }
            } else if b[j].is_ascii_digit() {
                let rest = &e[j..];
                let len = rest
                    .find(|c: char| !c.is_ascii_digit())
                    .unwrap_or(rest.len());
                let id = &rest[..len];
                j += len;
                if j < b.len() && b[j] == b')' {
                    j += 1;
                    if let Some((s, person)) = open.get_mut(id).and_then(|v| v.pop())
                        && person
                    {
                        out.push((s, i));
                    }
                }
            } else {
                j += 1;
            }
        }
    }
    out
}

fn main() {
    let dir = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("../shared/corpora/ud-treebanks/en-gum"));
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "conllu"))
        .collect();
    files.sort();
    let mut heads: HashMap<String, usize> = HashMap::new();
    let mut uses: HashMap<String, usize> = HashMap::new();
    let mut partitive: HashMap<String, usize> = HashMap::new();
    for f in &files {
        let text = std::fs::read_to_string(f).expect("treebank file");
        let mut sentence: Vec<Tok> = Vec::new();
        for line in text.lines().chain(std::iter::once("")) {
            if line.starts_with('#') {
                continue;
            }
            if line.trim().is_empty() {
                for (s, e) in person_mentions(&sentence) {
                    let ids: Vec<&str> = sentence[s..=e].iter().map(|t| t.id.as_str()).collect();
                    let mut outside = sentence[s..=e]
                        .iter()
                        .filter(|t| !ids.contains(&t.head.as_str()));
                    if let (Some(h), None) = (outside.next(), outside.next())
                        && h.upos == "NOUN"
                    {
                        let lemma = h.lemma.to_lowercase();
                        let at = sentence.iter().position(|t| t.id == h.id).unwrap_or(0);
                        if at < e && sentence[at + 1].lemma.eq_ignore_ascii_case("of") {
                            *partitive.entry(lemma.clone()).or_default() += 1;
                        }
                        *heads.entry(lemma).or_default() += 1;
                    }
                }
                for t in sentence.iter().filter(|t| t.upos == "NOUN") {
                    *uses.entry(t.lemma.to_lowercase()).or_default() += 1;
                }
                sentence.clear();
                continue;
            }
            let c: Vec<&str> = line.split('\t').collect();
            if c.len() < 10 || c[0].contains(['-', '.']) {
                continue;
            }
            sentence.push(Tok {
                id: c[0].to_string(),
                head: c[6].to_string(),
                lemma: c[2].to_string(),
                upos: c[3].to_string(),
                misc: c[9].to_string(),
            });
        }
    }
    let kept: BTreeMap<&String, usize> = heads
        .iter()
        .filter(|(lemma, n)| {
            let all = uses.get(*lemma).copied().unwrap_or(0).max(**n);
            let of = partitive.get(*lemma).copied().unwrap_or(0);
            **n >= MIN_HEADS
                && **n as f64 / all as f64 >= MIN_SHARE
                && (of as f64) / (**n as f64) <= MAX_PARTITIVE
                && lemma.chars().all(|c| c.is_alphabetic() || c == '-')
        })
        .map(|(l, n)| (l, *n))
        .collect();
    println!(
        "# Nouns that name a person, learned from the person mentions of the GUM treebank\n\
         # (CC BY) by examples/train_person_nouns.rs: lemmas heading a person mention at least\n\
         # {MIN_HEADS} times and in at least {MIN_SHARE} of their uses as a noun, at most\n\
         # {MAX_PARTITIVE} of those mentions partitive (\"a majority of\"). Regenerate, never edit."
    );
    for lemma in kept.keys() {
        println!("{lemma}");
    }
    eprintln!(
        "{} files, {} person lemmas kept of {} seen",
        files.len(),
        kept.len(),
        heads.len()
    );
}
