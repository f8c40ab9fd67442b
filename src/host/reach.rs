//! Which documents' findings a change of some sources can reach.
//!
//! A checked document's findings read, beyond its own analysis, three
//! things of the other documents (see the cross-document rules):
//! - how many documents hold each of its line hashes (`boilerplate`;
//!   each document counts a hash once);
//! - the figures of other documents filed under the keys its figures look
//!   up, and the similarity of their passages (`inconsistent-figure`),
//!   which weighs shared index keys by their document frequency and the
//!   passages' lengths against the corpus's mean (BM25): so the counts of
//!   every key its passages, story and candidates' passages hold, the
//!   number of passages and their total length;
//! - for a draft, the whole corpus (`unsourced-claim` verifies it).
//!
//! [`reached`] compares the analyses of the changed sources before and
//! after (a removed source has only a before, an added one only an after)
//! and returns the documents for which any of those inputs differs. It is
//! exact in the direction that matters: a document it leaves out reads
//! the same inputs as before, so its findings are the ones kept; it may
//! take in more than needed (a figure whose comparison does not change).

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use crate::analysis::figures::FigureIndex;
use crate::analysis::settings::Drafts;
use crate::analysis::{Corpus, DocAnalysis, DocId};

/// What the changed sources altered of what other documents read.
pub struct Footprint {
    /// Line hashes held by a different number of documents after.
    lines: HashSet<u64>,
    /// The changed sources' figures before and after (one index each),
    /// filed as the corpus files them.
    figures: [FigureIndex; 2],
    /// The number of indexed passages or their total length changed.
    stats: bool,
    /// Index keys whose document frequency changed.
    keys: HashSet<u64>,
}

impl Footprint {
    /// The footprint of replacing `before` with `after`.
    pub fn new(before: &[Arc<DocAnalysis>], after: &[Arc<DocAnalysis>]) -> Self {
        let mut count: HashMap<u64, i64> = HashMap::new();
        let mut figures = [FigureIndex::default(), FigureIndex::default()];
        for ((index, docs), sign) in figures.iter_mut().zip([before, after]).zip([-1, 1]) {
            for d in docs {
                for &h in d.boilerplate.hashes() {
                    *count.entry(h).or_insert(0) += sign;
                }
                index.insert(d);
            }
        }
        let lines = count
            .into_iter()
            .filter(|&(_, n)| n != 0)
            .map(|(h, _)| h)
            .collect();
        let (b, a) = (frequencies(before), frequencies(after));
        let mut keys = HashSet::new();
        for (k, n) in &b.df {
            if a.df.get(k) != Some(n) {
                keys.insert(*k);
            }
        }
        for (k, n) in &a.df {
            if b.df.get(k) != Some(n) {
                keys.insert(*k);
            }
        }
        Self {
            lines,
            figures,
            stats: (b.passages, b.length) != (a.passages, a.length),
            keys,
        }
    }

    /// Whether nothing another document reads changed.
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
            && self.figures.iter().all(|f| f.entries() == 0)
            && !self.stats
            && self.keys.is_empty()
    }
}

/// Document frequencies of the index keys of some documents' indexed
/// passages (each passage counts a key once), with the passages' number
/// and total BM25 length: what the passage index sums over documents.
struct Frequencies {
    df: HashMap<u64, u32>,
    passages: u64,
    length: u64,
}

fn frequencies(docs: &[Arc<DocAnalysis>]) -> Frequencies {
    let mut f = Frequencies {
        df: HashMap::new(),
        passages: 0,
        length: 0,
    };
    for d in docs {
        for p in d.related.passages.iter().filter(|p| p.indexed) {
            f.passages += 1;
            f.length += u64::from(p.len);
            for (k, _) in p.keys() {
                *f.df.entry(k).or_insert(0) += 1;
            }
        }
    }
    f
}

/// Whether a document's passages, story words or names hold a key of `keys`.
fn holds_any(doc: &DocAnalysis, keys: &HashSet<u64>) -> bool {
    if keys.is_empty() {
        return false;
    }
    let r = &doc.related;
    r.context.iter().any(|(k, _)| keys.contains(k))
        || r.words.iter().any(|(k, _)| keys.contains(k))
        || r.passages
            .iter()
            .any(|p| p.keys().iter().any(|(k, _)| keys.contains(k)))
}

/// The documents among `docs` (unchanged ones, in `corpus` as it is after
/// the change) whose findings the change `footprint` can reach.
pub fn reached<'a>(
    corpus: &Corpus,
    footprint: &Footprint,
    drafts: &Drafts,
    docs: impl IntoIterator<Item = &'a DocAnalysis>,
) -> HashSet<DocId> {
    let mut touched: HashMap<DocId, bool> = HashMap::new();
    let mut out = HashSet::new();
    for d in docs {
        if reaches(corpus, footprint, drafts, d, &mut touched) {
            out.insert(d.id.clone());
        }
    }
    out
}

fn reaches(
    corpus: &Corpus,
    fp: &Footprint,
    drafts: &Drafts,
    d: &DocAnalysis,
    touched: &mut HashMap<DocId, bool>,
) -> bool {
    if fp.is_empty() {
        return false;
    }
    // A draft is verified against the whole corpus.
    if drafts.contains(&d.id) {
        return true;
    }
    if d.boilerplate.hashes().iter().any(|h| fp.lines.contains(h)) {
        return true;
    }
    // Without figures, nothing else of other documents is read.
    if d.figures.is_empty() {
        return false;
    }
    if fp.stats {
        return true;
    }
    let list = &d.figures.list;
    if list
        .iter()
        .any(|f| fp.figures.iter().any(|i| !i.candidates(f, None).is_empty()))
    {
        return true;
    }
    let mut holds = |e: &DocAnalysis| {
        *touched
            .entry(e.id.clone())
            .or_insert_with(|| holds_any(e, &fp.keys))
    };
    if holds(d) {
        return true;
    }
    // A candidate's keys are weighed in the similarity of its passage
    // with this document's.
    list.iter().any(|f| {
        corpus
            .figures
            .candidates(f, Some(&d.id))
            .into_iter()
            .any(|(e, _)| holds(e))
    })
}
