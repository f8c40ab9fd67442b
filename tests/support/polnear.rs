//! Reading the PolNeAR attribution gold (brat `.ann` files) into byte
//! ranges of the text factline reads, shared by the dev-set test
//! (`tests/attribution_polnear.rs`) and the trainers of the quotation
//! model and the anonymous-source decision (`examples/train_quote_model.rs`,
//! `examples/train_anonymous_model.rs`), so all judge against one reading.

#![allow(dead_code)]

use std::collections::HashMap;
use std::ops::Range;

use factline::analysis::DocAnalysis;
use factline::analysis::attribution::{self, lexicon::Class};
use factline::analysis::language::{Lang, SentenceLang, Upos, lemma::lemma, lexicon};

/// Byte offset of each code point offset (and of the end).
pub fn code_point_bytes(text: &str) -> Vec<usize> {
    let mut v: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
    v.push(text.len());
    v
}

pub struct Gold {
    /// Byte ranges of Contents whose attribution has a Source.
    pub sourced_contents: Vec<Range<usize>>,
    /// Byte ranges of every Source.
    pub sources: Vec<Range<usize>>,
    /// Byte ranges of every Cue.
    pub cues: Vec<Range<usize>>,
    /// Each attribution with a Source: its Source's and its Cue's ranges.
    pub source_cues: Vec<SourceCue>,
    /// Each Content range with the Source ranges of its attribution.
    pub content_sources: Vec<(Range<usize>, Vec<Range<usize>>)>,
}

/// The ranges of one attribution's Source and of its Cue.
pub type SourceCue = (Vec<Range<usize>>, Vec<Range<usize>>);

/// Reads a brat `.ann` file; `bytes` maps code points of the file's text
/// (with any byte-order mark) to byte offsets of the text factline reads.
pub fn read_ann(ann: &str, bytes: &[usize], bom: usize) -> Gold {
    let to_byte = |cp: usize| bytes.get(cp).map(|b| b.saturating_sub(bom));
    let mut spans: HashMap<&str, (&str, Vec<Range<usize>>)> = HashMap::new();
    let mut events = Vec::new();
    for line in ann.lines() {
        let cols: Vec<&str> = line.split('\t').collect();
        if line.starts_with('T') && cols.len() >= 2 {
            let mut head = cols[1].splitn(2, ' ');
            let (Some(label), Some(offsets)) = (head.next(), head.next()) else {
                continue;
            };
            let ranges = offsets
                .split(';')
                .filter_map(|r| {
                    let (a, b) = r.trim().split_once(' ')?;
                    Some(to_byte(a.parse().ok()?)?..to_byte(b.parse().ok()?)?)
                })
                .collect();
            spans.insert(cols[0], (label, ranges));
        } else if line.starts_with('E') && cols.len() >= 2 {
            events.push(cols[1]);
        }
    }
    let mut gold = Gold {
        sourced_contents: Vec::new(),
        sources: Vec::new(),
        cues: Vec::new(),
        source_cues: Vec::new(),
        content_sources: Vec::new(),
    };
    for (label, ranges) in spans.values() {
        match *label {
            "Source" => gold.sources.extend(ranges.iter().cloned()),
            "Cue" => gold.cues.extend(ranges.iter().cloned()),
            _ => {}
        }
    }
    for e in events {
        let roles: Vec<(&str, &str)> = e.split(' ').filter_map(|r| r.split_once(':')).collect();
        if !roles.iter().any(|(role, _)| *role == "Source") {
            continue;
        }
        let role_ranges = |name: &str| -> Vec<Range<usize>> {
            roles
                .iter()
                .filter(|(role, _)| *role == name)
                .filter_map(|(_, id)| spans.get(id))
                .flat_map(|(_, r)| r.iter().cloned())
                .collect()
        };
        let event_sources = role_ranges("Source");
        gold.source_cues
            .push((event_sources.clone(), role_ranges("Cue")));
        for (role, id) in roles {
            if role.starts_with("Content")
                && let Some((_, ranges)) = spans.get(id)
            {
                gold.sourced_contents.extend(ranges.iter().cloned());
                for r in ranges {
                    gold.content_sources
                        .push((r.clone(), event_sources.clone()));
                }
            }
        }
    }
    gold
}

/// Whether the words of `span` (without quotation marks and edge
/// punctuation, which annotators often leave out) lie inside one of `of`.
pub fn inside(text: &str, span: &Range<usize>, of: &[Range<usize>]) -> bool {
    let s = text.get(span.clone()).unwrap_or("");
    let inner = s.trim_start_matches(|c: char| !c.is_alphanumeric());
    let start = span.start + (s.len() - inner.len());
    let end = start + inner.trim_end_matches(|c: char| !c.is_alphanumeric()).len();
    of.iter().any(|r| r.start <= start && end <= r.end)
}

pub fn overlaps(span: &Range<usize>, of: &[Range<usize>]) -> bool {
    of.iter().any(|r| r.start < span.end && span.start < r.end)
}

/// One PolNeAR article: its `.ann` file name, the text factline reads (no
/// byte-order mark) and its gold.
pub struct Article {
    pub name: String,
    pub text: String,
    pub gold: Gold,
}

/// Every article of a split folder (`…/train`, `…/dev`), by `.ann` name.
pub fn articles(root: &std::path::Path) -> Vec<Article> {
    let mut names: Vec<String> = std::fs::read_dir(root.join("attributions"))
        .expect("attributions folder")
        .filter_map(|e| e.ok())
        .filter_map(|e| e.file_name().to_str().map(str::to_string))
        .filter(|n| n.ends_with(".ann"))
        .collect();
    names.sort();
    let mut out = Vec::new();
    for ann_name in names {
        // `<article>_<annotator>.ann` or `<article>.ann`.
        let stem = ann_name.trim_end_matches(".ann");
        let text_path = [
            stem.to_string(),
            stem.rsplit_once('_')
                .map_or(String::new(), |(a, _)| a.to_string()),
        ]
        .into_iter()
        .map(|s| root.join("text").join(format!("{s}.txt")))
        .find(|p| p.exists());
        let Some(text_path) = text_path else { continue };
        let raw = std::fs::read_to_string(&text_path).expect("text");
        let ann = std::fs::read_to_string(root.join("attributions").join(&ann_name)).expect("ann");
        let bom = if raw.starts_with('\u{feff}') {
            '\u{feff}'.len_utf8()
        } else {
            0
        };
        let gold = read_ann(&ann, &code_point_bytes(&raw), bom);
        out.push(Article {
            name: ann_name,
            text: raw[bom..].to_string(),
            gold,
        });
    }
    out
}

/// The fold (of `k`) an article falls in, by a hash of its name without
/// the annotator: every annotation of one article falls in one fold.
pub fn fold(ann_name: &str, k: usize) -> usize {
    let stem = ann_name.trim_end_matches(".ann");
    let article = stem.rsplit_once('_').map_or(stem, |(a, _)| a);
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in article.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    (h % k as u64) as usize
}

/// Folds of PolNeAR train for the anonymous-source decision
/// (`examples/train_anonymous_model.rs`).
pub const MODEL_FOLDS: usize = 5;
/// The fold of train that decision is not fitted on: the test measures the
/// shipped weights there.
pub const MODEL_HELD_OUT: usize = 0;

/// The language layer of the sentence `span` starts in.
pub fn language_at<'d>(doc: &'d DocAnalysis, span: &Range<usize>) -> Option<&'d SentenceLang> {
    let i = doc
        .segmentation
        .sentences
        .iter()
        .position(|s| s.span.start <= span.start && span.start < s.span.end)?;
    doc.sentence_language(i)
}

/// Whether the gold Source `span` is anonymous by the criterion of the
/// module doc of `tests/attribution_polnear.rs`, read from the language layer of the sentence it starts in.
pub fn anonymous_gold(doc: &DocAnalysis, span: &Range<usize>) -> bool {
    let Some(lang) = language_at(doc, span) else {
        return false;
    };
    let text = &*doc.text;
    let idx: Vec<usize> = (0..lang.tokens.len())
        .filter(|&k| {
            let t = &lang.tokens[k].span;
            t.start >= span.start && t.end <= span.end
        })
        .collect();
    if idx.is_empty() {
        return false;
    }
    // The pre-modified noun phrase ends at the first preposition,
    // punctuation, pronoun or verb after a noun.
    let class = |k: usize| {
        attribution::lexicon::lookup(&lang.word(text, k).to_lowercase())
            .map_or(Class::empty(), |e| e.class)
    };
    let nouns = Class::ANONYMOUS | Class::ROLE | Class::PROFESSION | Class::CROWD;
    let mut head = None;
    let mut end = idx.len();
    for (n, &k) in idx.iter().enumerate() {
        match lang.tags[k] {
            // "a Chinese official": the tagger may read a role as an adjective.
            _ if class(k).intersects(nouns) => head = Some(k),
            Upos::Noun | Upos::Propn => head = Some(k),
            Upos::Adp | Upos::Punct | Upos::Pron | Upos::Verb | Upos::Aux | Upos::Sconj
                if head.is_some() =>
            {
                end = n;
                break;
            }
            _ => {}
        }
    }
    let Some(head) = head else { return false };
    // "source", "aide", "insider": heads that stand for unnamed people
    // whatever their determiner.
    let anonymous_head = class(head).contains(Class::ANONYMOUS);
    let marked = idx.iter().any(|&k| {
        matches!(
            lang.word(text, k).to_lowercase().as_str(),
            "familiar" | "close" | "anonymity" | "anonymous" | "unnamed" | "authorized"
        )
    });
    let word = lang.word(text, head).to_lowercase();
    let lemma = lemma(&word, Upos::Noun);
    // A capitalised common noun the tagger takes for a name ("Aides said").
    let noun = lang.tags[head] == Upos::Noun || class(head).intersects(nouns);
    let role = anonymous_head || class(head).intersects(Class::ROLE | Class::PROFESSION);
    if !noun || !(role || lexicon(Lang::English).is_person_noun(&lemma)) {
        return false;
    }
    // "Senator Ted Cruz", "Former Secretary of State Madeleine Albright":
    // a capitalised role inside a sentence is a title before a name.
    let starts_sentence = doc
        .segmentation
        .sentences
        .iter()
        .any(|s| s.span.start == lang.tokens[head].span.start);
    let title = lang.word(text, head).starts_with(char::is_uppercase)
        && (!starts_sentence || lang.tags.get(head + 1) == Some(&Upos::Propn));
    if title {
        return false;
    }
    let plural = class(head).contains(Class::PLURAL) || word.ends_with('s');
    // Unnamed crowds ("critics", "others"), bare plurals of anyone
    // ("voters", "women") and quantified groups of anyone ("some
    // lawmakers", "all three candidates") are `weasel-attribution`'s.
    if (class(head).contains(Class::CROWD) && !marked)
        || (plural && !role && !marked)
        || (!anonymous_head
            && !marked
            && idx.iter().take_while(|&&k| k < head).any(|&k| {
                class(k).contains(Class::QUANTIFIER)
                    || matches!(
                        lang.word(text, k).to_lowercase().as_str(),
                        "all" | "both" | "other" | "most"
                    )
            }))
    {
        return false;
    }
    let first = lang.word(text, idx[0]).to_lowercase();
    // "the official", "this adviser": someone the text has introduced.
    if ["the", "this", "that", "these", "those"].contains(&first.as_str()) {
        return false;
    }
    let pre = &idx[..end];
    let possessive = pre.iter().any(|&k| {
        matches!(lang.word(text, k), "'s" | "’s" | "'" | "’")
            || ["his", "her", "their", "its", "our", "my", "your"]
                .contains(&lang.word(text, k).to_lowercase().as_str())
    });
    // "his aide" is one known person; "his aides", "Clinton's advisers" are
    // not named.
    if possessive && !plural {
        return false;
    }
    if pre
        .iter()
        .any(|&k| k != idx[0] && lang.tags[k] == Upos::Pron && !possessive)
        || lang.tags[idx[0]] == Upos::Pron && !possessive
    {
        return false;
    }
    // A name in apposition: "a spokesman, Tom Rowe", "a worker named …".
    let rest = &idx[end..];
    !rest.iter().enumerate().any(|(n, &k)| {
        lang.tags[k] == Upos::Propn
            && rest[..n]
                .iter()
                .any(|&j| matches!(lang.word(text, j), "," | "named" | "called" | "calling"))
    })
}
