//! Cross-document comparisons kept from one check of a document to the
//! next, so that an edit compares again only what it touched.
//!
//! Comparing a figure with the other documents ([`across_documents`])
//! reads three things: the figure and what its document says around it
//! (its sentence's figures and passage, the document's names, the ages
//! given to its person), the other documents, and the statistics of the
//! passage similarity (document frequencies, passage count, mean passage
//! length, and the story contexts weighed with them).
//!
//! The statistics are those of the corpus *without* the document being
//! checked ([`Stats::without`]): the document is the query, as in
//! information retrieval, and only what it is compared with is counted.
//! With the statistics of the whole corpus, every word typed would move
//! the mean passage length, and often a document frequency, that every
//! score reads, so that every candidate the similarity was asked about
//! had to be weighed again on each keystroke (about three quarters of the
//! cross-document check of a 20 KB draft among 10,000 articles). Splitting
//! each score into a part kept and a part recomputed was the other way:
//! but BM25 reads the mean length inside every term's weight, so the part
//! recomputed would have been the whole score. Leaving the checked
//! document out makes its own edits move nothing its comparisons read of
//! the corpus, and a fresh check reads the same statistics, in the server
//! or on the command line, the document being in the corpus or not.
//!
//! Most candidates are turned down by what the figures say (another
//! quantity, another time, no name in common) before the similarity is
//! asked; the few for which it is asked are noted. A kept result is used
//! as it is only when nothing it read changed, and its noted candidates
//! are weighed again when only the story weights did:
//!
//! - each figure's result is filed under a digest of everything it reads
//!   of its own document ([`figure_digests`]), offsets made relative to
//!   its sentence, so text typed elsewhere leaves it valid; the names its
//!   document mentions are read only as "does it mention this name?" for
//!   a few names of the candidates, so the result keeps those answers
//!   and holds while they stand (typing a new name elsewhere leaves it
//!   valid);
//! - any change of another document drops everything kept
//!   ([`MentionCache::changed`]): it may change the statistics;
//! - the statistics (the passage count and mean length without the
//!   document) are one digest, checked all the same: when it changes, or
//!   the document gains or loses its only passage, every kept figure's
//!   noted candidates are weighed again;
//! - the document's story context (its names and dates weighed) is read
//!   only where two documents' stories are weighed against each other,
//!   as the weights of the names both mention over the smaller of the two
//!   totals: when it changes (a name typed or deleted), a kept figure's
//!   noted candidates are weighed again only if one of their documents
//!   mentions a name whose weight changed, or the smaller total may have
//!   changed ([`story_stale`]). Only the story is read anew there: the
//!   topical scores of the passage pairs come from the last check
//!   ([`TopicalMemo`], filed under the digest of the document's passage),
//!   which typing a name in the editor's document would otherwise read
//!   again for hundreds of candidates (about a third of the keystroke's
//!   CPU, measured with `examples/edit_profile.rs` on a 20 KB draft among
//!   10,000 generated articles).
//!
//! So a kept result is always the one a fresh comparison would give (a
//! property test checks it after random edits of drafts and sources).
//! Results are kept only for a document checked on its own (the editor's,
//! not a batch of a folder), as the corpus holds it, and for a few
//! documents at a time.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::hash::{Hash, Hasher};
use std::ops::Range;
use std::sync::{Arc, Mutex, PoisonError};

use super::compare::{
    Across, Noted, across_documents, best_per_document, reweigh, within_document,
};
use super::similarity::{PassageSimilarity, RelatedSimilarity, TopicalMemo};
use super::{FastMap, FastSet, Figure, Fnv, Mention, comparable};
use crate::analysis::related::{Passage, Stats, StoryContext, story_names_in};
use crate::analysis::{Corpus, DocAnalysis, DocId};

/// Documents whose comparisons are kept at once. The editor's document
/// is the one that matters; the others open beside it are re-checked only
/// after its facts change, which drops theirs anyway.
const MAX_DOCUMENTS: usize = 8;

/// The comparisons kept for each recently checked document (in the
/// [`Corpus`]).
#[derive(Debug, Default)]
pub struct MentionCache {
    docs: Mutex<Docs>,
}

#[derive(Debug, Default)]
struct Docs {
    kept: HashMap<DocId, Kept>,
    /// The document the corpus last changed: the one being edited, whose
    /// comparisons are never given up for another's.
    last_changed: Option<DocId>,
}

/// One document's kept comparisons.
#[derive(Debug)]
struct Kept {
    /// Digest of what every figure's comparison reads of the document (see
    /// [`shared_digest`]).
    shared: u64,
    /// Digest of the statistics every comparison reads (see
    /// [`statistics_digest`]).
    statistics: u64,
    /// The document's story context as the comparisons read it.
    story: StoryContext,
    /// By figure digest.
    entries: FastMap<u64, Arc<Entry>>,
    /// The topical scores of the last check (see [`TopicalMemo`]).
    topical: FastMap<(u64, usize, usize), crate::analysis::related::Topical>,
}

/// One figure's comparison with the other documents.
#[derive(Debug)]
struct Entry {
    /// Its mentions, in the order [`across_documents`] gave them.
    found: Box<[Across]>,
    /// The candidates (slot, figure) for which the passage similarity was
    /// asked, in that order: the only ones the statistics can change.
    consulted: Box<[(u32, u32)]>,
    /// The names of the document the comparison may have looked up, each
    /// with whether the document mentioned it, sorted by name.
    names: Box<[(u64, bool)]>,
}

impl Entry {
    fn new(found: Vec<Across>, noted: Noted, also: &[(u64, bool)], doc: &DocAnalysis) -> Self {
        let mut names: Vec<(u64, bool)> = noted
            .names
            .into_iter()
            .map(|n| (n, mentions_name(doc, n)))
            .chain(also.iter().copied())
            .collect();
        names.sort_unstable();
        names.dedup();
        Self {
            found: found.into(),
            consulted: noted.consulted.into(),
            names: names.into(),
        }
    }

    /// Whether `doc` still answers every name lookup the comparison made
    /// as it did.
    fn names_hold(&self, doc: &DocAnalysis) -> bool {
        self.names
            .iter()
            .all(|&(n, had)| mentions_name(doc, n) == had)
    }
}

/// Whether `doc` mentions the name `n` (as the figure comparison asks it).
fn mentions_name(doc: &DocAnalysis, n: u64) -> bool {
    doc.figures.names.binary_search(&n).is_ok()
}

impl MentionCache {
    fn lock(&self) -> std::sync::MutexGuard<'_, Docs> {
        self.docs.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The corpus changed: document `id` was added or replaced (`present`)
    /// or removed. What is kept for other documents is dropped; what is
    /// kept for `id` itself stays while it is present, to be checked
    /// against its new version (its own comparisons read the statistics
    /// of the other documents only).
    pub(crate) fn changed(&self, id: &DocId, present: bool) {
        let mut docs = self.lock();
        let own = docs.kept.remove(id);
        docs.kept.clear();
        docs.last_changed = Some(id.clone());
        if let (Some(kept), true) = (own, present) {
            docs.kept.insert(id.clone(), kept);
        }
    }

    /// Drops everything kept.
    pub(crate) fn clear(&self) {
        let mut docs = self.lock();
        docs.kept.clear();
        docs.last_changed = None;
    }

    /// How many figure comparisons are kept for `id`, for tests.
    pub fn kept(&self, id: &DocId) -> usize {
        self.lock().kept.get(id).map_or(0, |k| k.entries.len())
    }
}

/// The comparisons of one check of one document: kept results that are
/// still valid, and the new ones, stored back when it is dropped.
pub struct MentionReuse<'a> {
    corpus: &'a Corpus,
    doc: &'a DocAnalysis,
    /// The statistics of the corpus without `doc`, which its comparisons
    /// read.
    stats: Arc<Stats<'a>>,
    /// The topical scores kept for the next check (`None` when nothing
    /// is kept).
    memo: Option<Arc<TopicalMemo>>,
    /// `None` when nothing is kept for this check.
    state: Option<ReuseState>,
}

struct ReuseState {
    shared: u64,
    statistics: u64,
    /// Whether the statistics changed since the kept results.
    restat: bool,
    kept: FastMap<u64, Arc<Entry>>,
    /// Kept entries that compared a document whose story weighed against
    /// the document's may have changed.
    stale: FastSet<u64>,
    story: StoryContext,
    /// Each figure's digest.
    digests: Vec<u64>,
    fresh: Mutex<Vec<(u64, Arc<Entry>)>>,
}

impl<'a> MentionReuse<'a> {
    /// Opens the kept comparisons of `doc` in `corpus`. Nothing is kept
    /// within a parallel batch, when `doc` is not the corpus's version of
    /// its document, or when it is the corpus's only document (there is
    /// nothing to compare it with, and the digests would be all the work).
    pub fn open(corpus: &'a Corpus, doc: &'a DocAnalysis) -> Self {
        let stats = Arc::new(Stats::without(corpus, &doc.id));
        let own = corpus.get(&doc.id).is_some_and(|d| std::ptr::eq(&**d, doc));
        if !own || corpus.len() <= 1 || crate::analysis::within_parallel_batch() {
            return Self {
                corpus,
                doc,
                stats,
                memo: None,
                state: None,
            };
        }
        let shared = shared_digest(doc);
        let statistics = statistics_digest(&stats);
        let story = story_names_in(&stats, doc);
        let previous = corpus.mentions.lock().kept.remove(&doc.id);
        let (kept, restat, story_before, topical) = match previous {
            Some(k) if k.shared == shared => {
                let restat = k.statistics != statistics || k.story.single() != story.single();
                let topical = if k.statistics == statistics {
                    k.topical
                } else {
                    FastMap::default()
                };
                (k.entries, restat, Some(k.story), topical)
            }
            _ => (FastMap::default(), false, None, FastMap::default()),
        };
        let passages = doc
            .related
            .passages
            .iter()
            .map(|p| {
                let mut h = Fnv::new();
                hash_passage(p, &mut h);
                h.finish()
            })
            .collect();
        let memo = Some(Arc::new(TopicalMemo::new(doc, passages, topical)));
        let digests = figure_digests(doc);
        let stale = match &story_before {
            Some(before) if !restat => story_stale(&stats, corpus, &kept, &digests, before, &story),
            _ => FastSet::default(),
        };

        Self {
            corpus,
            doc,
            stats,
            memo,
            state: Some(ReuseState {
                shared,
                statistics,
                restat,
                kept,
                stale,
                story,
                digests,
                fresh: Mutex::new(Vec::new()),
            }),
        }
    }

    /// The statistics the comparisons of the document read: those of the
    /// corpus without it ([`Stats::without`]). The similarity given to
    /// [`MentionReuse::mentions`] must read these.
    pub fn statistics(&self) -> Arc<Stats<'a>> {
        self.stats.clone()
    }

    /// The similarity the comparisons of the document use: with its
    /// [`statistics`](Self::statistics) and the topical scores kept from
    /// its last check.
    pub fn similarity(&self) -> RelatedSimilarity<'a> {
        super::with_statistics(self.corpus, self.stats.clone()).with_memo(self.memo.clone())
    }

    /// [`mentions`](super::mentions) of figure `index`, the comparison with
    /// other documents taken from the last check when it is still valid.
    pub fn mentions(&self, index: usize, sim: &dyn PassageSimilarity) -> Vec<Mention<'a>> {
        let (doc, corpus) = (self.doc, self.corpus);
        let Some(f) = doc.figures.list.get(index) else {
            return Vec::new();
        };
        let Some(state) = &self.state else {
            return super::mentions(doc, index, corpus, sim);
        };
        if !comparable(f) {
            return Vec::new();
        }
        let mut out = within_document(doc, index, f, sim);
        let digest = state.digests[index];
        // A kept result whose name lookups no longer hold may have turned
        // down any candidate by them: compared again from the start.
        let kept = state.kept.get(&digest).filter(|e| e.names_hold(doc));
        let entry = match kept {
            Some(e) if !state.restat && !state.stale.contains(&digest) => {
                crate::analysis::effort::add_figure_reused();
                e.clone()
            }
            // The same candidates turned down by what the figures say; the
            // others weighed again with the new statistics.
            Some(e) => {
                let mut noted = Noted::default();
                let found = reweigh(doc, f, corpus, sim, &e.consulted, Some(&mut noted));
                Arc::new(Entry::new(found, noted, &e.names, doc))
            }
            None => {
                let mut noted = Noted::default();
                let found = across_documents(doc, f, corpus, sim, Some(&mut noted));
                Arc::new(Entry::new(found, noted, &[], doc))
            }
        };
        let mut complete = true;
        for a in entry.found.iter() {
            match a.mention(corpus) {
                Some(m) => out.push(m),
                None => complete = false,
            }
        }
        if complete {
            state
                .fresh
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push((digest, entry));
        }
        best_per_document(out)
    }
}

impl Drop for MentionReuse<'_> {
    fn drop(&mut self) {
        let Some(state) = self.state.take() else {
            return;
        };
        let fresh = state
            .fresh
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner);
        let entries: FastMap<u64, Arc<Entry>> = fresh.into_iter().collect();
        let mut docs = self.corpus.mentions.lock();
        let docs = &mut *docs;
        if docs.kept.len() >= MAX_DOCUMENTS && !docs.kept.contains_key(&self.doc.id) {
            let last = docs.last_changed.as_ref();
            docs.kept.retain(|id, _| Some(id) == last);
        }
        docs.kept.insert(
            self.doc.id.clone(),
            Kept {
                shared: state.shared,
                statistics: state.statistics,
                story: state.story,
                entries,
                topical: self
                    .memo
                    .as_ref()
                    .map(|m| m.take_used())
                    .unwrap_or_default(),
            },
        );
    }
}

/// A [`Hasher`] that `write!` can format into, so that a value's `Debug`
/// text is hashed without being allocated.
struct DebugHash(Fnv);

impl std::fmt::Write for DebugHash {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.0.write(s.as_bytes());
        Ok(())
    }
}

/// What every figure's comparison reads of `doc` itself, beyond the
/// figure's own sentence and the names each entry keeps: its id.
fn shared_digest(doc: &DocAnalysis) -> u64 {
    let mut h = DebugHash(Fnv::new());
    let _ = write!(h, "{:?}", doc.id);
    h.0.finish()
}

/// The statistics every comparison of a document's figures reads: the
/// passage count and mean length of the corpus without the document. (Its
/// story names weighed are kept apart, see [`story_stale`]; its words are
/// compared only with other documents' words, which the figure comparison
/// does not weigh.) The document's own edits leave it as it was; the
/// document frequencies are those of the other documents, whose change
/// drops everything kept.
fn statistics_digest(stats: &Stats<'_>) -> u64 {
    let mut h = Fnv::new();
    let (n, avg_len) = stats.digest();
    h.write_u32(n);
    h.write_u32(avg_len);
    h.finish()
}

/// The kept entries among `digests` whose stories may have changed from
/// `before` to `after` (the document's story names, its single-passage
/// flag unchanged). Two documents' story is the weights of the names both
/// mention (the smaller of each), summed in key order, over the smaller
/// of their totals (`related::story_between`): for a document that
/// mentions none of the names whose weight changed, and whose own total
/// is at most both of the document's, it is the same to the bit. Each
/// compared document is looked at once.
fn story_stale(
    stats: &Stats<'_>,
    corpus: &Corpus,
    kept: &FastMap<u64, Arc<Entry>>,
    digests: &[u64],
    before: &StoryContext,
    after: &StoryContext,
) -> FastSet<u64> {
    let mut stale = FastSet::default();
    let (x, y) = (before.weighted(), after.weighted());
    let same_weights = x.len() == y.len()
        && x.iter()
            .zip(y)
            .all(|(a, b)| a.0 == b.0 && a.1.to_bits() == b.1.to_bits());
    if same_weights && before.total().to_bits() == after.total().to_bits() {
        return stale;
    }
    // The keys whose weight changed, sorted.
    let mut moved: Vec<u64> = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < x.len() || j < y.len() {
        match (x.get(i), y.get(j)) {
            (Some(a), Some(b)) if a.0 == b.0 => {
                if a.1.to_bits() != b.1.to_bits() {
                    moved.push(a.0);
                }
                i += 1;
                j += 1;
            }
            (Some(a), Some(b)) if a.0 < b.0 => {
                moved.push(a.0);
                i += 1;
            }
            (Some(_), Some(b)) => {
                moved.push(b.0);
                j += 1;
            }
            (Some(a), None) => {
                moved.push(a.0);
                i += 1;
            }
            (None, Some(b)) => {
                moved.push(b.0);
                j += 1;
            }
            (None, None) => break,
        }
    }
    let same_total = before.total().to_bits() == after.total().to_bits();

    let floor = before.total().min(after.total());
    let mut docs: FastMap<u32, bool> = FastMap::default();
    for digest in digests {
        let Some(e) = kept.get(digest) else {
            continue;
        };
        let hit = e.consulted.iter().any(|&(slot, _)| {
            *docs.entry(slot).or_insert_with(|| {
                let Some(other) = corpus.figures.doc_at(slot) else {
                    return true;
                };
                let context = &other.related.context;
                let names = moved
                    .iter()
                    .any(|k| context.binary_search_by_key(k, |&(c, _)| c).is_ok());
                // A total above the floor, or not a number: may differ.
                let above = !matches!(
                    story_names_in(stats, other).total().partial_cmp(&floor),
                    Some(std::cmp::Ordering::Less | std::cmp::Ordering::Equal)
                );
                names || (!same_total && above)
            })
        });
        if hit {
            stale.insert(*digest);
        }
    }
    stale
}

/// Each figure's digest: the figure, the other figures of its sentence
/// (offsets relative to the sentence), its passage's contents, and the
/// ages its document gives the same person.
fn figure_digests(doc: &DocAnalysis) -> Vec<u64> {
    let list = &doc.figures.list;
    let sentence_start = |f: &Figure| {
        doc.segmentation
            .sentences
            .get(f.sentence)
            .map_or(0, |s| s.span.start)
    };
    // Each figure alone, without its offsets or its sentence's index.
    let alone: Vec<u64> = list
        .iter()
        .map(|f| {
            let start = sentence_start(f);
            let rel = |r: &Range<usize>| r.start.saturating_sub(start)..r.end.saturating_sub(start);
            let rel_opt = |r: &mut Option<Range<usize>>| {
                if let Some(r) = r {
                    *r = r.start.saturating_sub(start)..r.end.saturating_sub(start);
                }
            };
            let mut g = f.clone();
            g.span = rel(&f.span);
            g.number_span = rel(&f.number_span);
            g.sentence = 0;
            g.paragraph = 0;
            rel_opt(&mut g.counted.noun);
            rel_opt(&mut g.counted.verb);
            rel_opt(&mut g.counted.complement_span);
            let mut h = DebugHash(Fnv::new());
            let _ = write!(h, "{g:?}");
            h.0.finish()
        })
        .collect();
    // What every comparison reads of the document as a whole: its date,
    // the time of the report (ages grown between reports) and whether it
    // tells a perpetrator's death (tolls that may count him). Its names
    // are kept by each entry, as the lookups it made.
    let whole = {
        let mut h = DebugHash(Fnv::new());
        let _ = write!(
            h,
            "{:?}{:?}{}",
            doc.figures.date,
            super::docdate::report_time(doc).map(f64::to_bits),
            doc.figures.perpetrator_died
        );
        h.0.finish()
    };
    list.iter()
        .enumerate()
        .map(|(i, f)| {
            let mut h = Fnv::new();
            h.write_u64(whole);
            h.write_u64(alone[i]);
            // Its sentence's figures, itself marked among them.
            let first = list.partition_point(|g| g.sentence < f.sentence);
            for (k, g) in list[first..].iter().enumerate() {
                if g.sentence != f.sentence {
                    break;
                }
                (first + k == i).hash(&mut h);
                h.write_u64(alone[first + k]);
            }
            if let Some(p) = doc.related.passages.get(f.sentence) {
                hash_passage(p, &mut h);
            }
            if let Some(person) = f.counted.person {
                for g in list.iter().filter(|g| g.counted.person == Some(person)) {
                    (g.kind, g.value.to_bits()).hash(&mut h);
                }
            }
            h.finish()
        })
        .collect()
}

/// What the comparison of two passages reads of one.
fn hash_passage(p: &Passage, h: &mut Fnv) {
    (p.headline, p.indexed, p.len).hash(h);
    p.terms.hash(h);
    p.tfs.hash(h);
    // Not the index of a mention's display name: the comparison does not
    // read it, and a name added earlier in the document renumbers them all.
    for e in p.entities.iter() {
        (e.canon, e.short, e.weak).hash(h);
    }
    for g in p.figures.iter() {
        (g.kind, g.value, g.key, g.unit).hash(h);
    }
    p.quotes.hash(h);
}
