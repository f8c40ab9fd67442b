//! Figure comparisons kept from one check of a document to the next, so
//! that an edit compares again only what it touched: those with the other
//! documents, and the pairs of the document's own figures.
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
//!   of its own document ([`local_digests`], [`across_digests`]), offsets made relative to
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
//!
//! Within the document, the candidates of each figure are chosen by topic
//! and nearness ([`Figures::same_topic`](super::Figures::same_topic)),
//! afresh only for the figures an edit changed and those whose nearest
//! figures of a topic reach them ([`Carried`]): the others keep their
//! candidates and mentions from the last check. Each
//! candidate pair's result (whether the two are one quantity, how sure,
//! and whether they agree) is kept under the digests of its two figures
//! ([`within_digests`]): what the pair reads of each figure, its sentence,
//! its passage and its person's ages, and the one document-wide fact a
//! pair reads (a perpetrator's death); with the statistics, as above. An
//! edit then weighs only the pairs that touch a figure whose digest
//! changed; a perpetrator's death told or untold weighs them all again.
//! Weighing the pairs was the largest part of a keystroke's CPU in a long draft (283
//! of 637 ms for a 1.9 MB draft alone, measured with
//! `examples/edit_profile.rs`); looking the kept ones up is a hash lookup
//! per pair, and a figure whose candidates are all unchanged (the digest
//! of its own and theirs, in order) takes its mentions whole, one lookup
//! per figure. The pairs of figures gone are swept when they outnumber
//! the live ones.
//!
//! Results are kept only for a document checked on its own (the editor's,
//! not a batch of a folder), as the corpus holds it, and for a few
//! documents at a time; a document alone in its corpus keeps its pairs.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::hash::{Hash, Hasher};
use std::ops::Range;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use super::compare::{
    Across, Noted, Weighed, across_documents, best_per_document, part_of_more, reweigh,
    within_candidates, within_document, within_pair,
};
use super::similarity::{PassageSimilarity, RelatedSimilarity, TopicalMemo};
use super::{Counted, FastMap, FastSet, Figure, Fnv, Interval, Mention, comparable};
use crate::analysis::related::{Passage, Stats, StoryContext, story_names_in};
use crate::analysis::settings::Drafts;
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
    /// The pairs of the document's own figures weighed, by the two
    /// figures' digests (see [`within_digests`]).
    within: Pairs,
    /// Each figure's mentions among its own document's figures, by the
    /// digest of the figure and of its candidates in order (see
    /// [`WithinState::mentions`]).
    within_figures: FigureMentions,
    /// Each figure's candidates and mentions among its own document's
    /// figures, in text order, to be carried over whole to a figure the
    /// next check finds unchanged and out of an edit's reach (see
    /// [`Carried`]).
    within_layout: Option<Layout>,
    /// The comparisons with the other documents; `None` when the document
    /// was alone in its corpus.
    across: Option<KeptAcross>,
}

/// One figure's comparison with its own document's figures: the digest of
/// the figure and its candidates (the key of [`FigureMentions`]), its
/// candidates as offsets from the figure's own index (so that a figure
/// moved by an edit before it keeps them), and its mentions.
#[derive(Debug)]
struct WithinEntry {
    key: u64,
    candidates: Box<[i32]>,
    found: Arc<[Found]>,
}

/// What one check of a document knew of its figures' places: each
/// figure's digest, sentence and comparison (`None` for one not compared:
/// in boilerplate, or of no comparable kind), and the first and last
/// figure of each topic.
#[derive(Debug)]
struct Layout {
    digests: Vec<u64>,
    sentences: Vec<usize>,
    entries: Vec<Option<Arc<WithinEntry>>>,
    topics: FastMap<u64, (u32, u32)>,
}

/// One document's kept comparisons with the other documents.
#[derive(Debug)]
struct KeptAcross {
    /// The document's story context as the comparisons read it.
    story: StoryContext,
    /// By figure digest.
    entries: FastMap<u64, Arc<Entry>>,
    /// The topical scores of the last check (see [`TopicalMemo`]).
    topical: FastMap<(u64, usize, usize), crate::analysis::related::Topical>,
}

/// A mention of a figure among its own document's figures: the place of
/// the other figure among its candidates, the score and whether the two
/// agree.
type Found = (u32, f32, bool);

/// Pairs of a document's own figures weighed, by the two figures' digests.
type Pairs = FastMap<(u64, u64), Weighed>;

/// Each figure's mentions among its document's figures, by the digest of
/// the figure and its candidates.
type FigureMentions = FastMap<u64, Arc<[Found]>>;

/// Kept pairs of a document's own figures beyond this many, and beyond
/// twice the pairs its last check read, are swept: those of a figure no
/// longer in the document go. Typing in a sentence with figures leaves
/// its old pairs behind at every keystroke; sweeping only when they are
/// the majority keeps each sweep's cost below the checks that made them,
/// and a draft of a few figures never sweeps.
const MIN_SWEPT_PAIRS: usize = 4096;

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

    /// How many figure comparisons with other documents are kept for
    /// `id`, for tests.
    pub fn kept(&self, id: &DocId) -> usize {
        self.lock()
            .kept
            .get(id)
            .and_then(|k| k.across.as_ref())
            .map_or(0, |k| k.entries.len())
    }

    /// How many pairs of `id`'s own figures are kept, for tests.
    pub fn kept_pairs(&self, id: &DocId) -> usize {
        self.lock().kept.get(id).map_or(0, |k| k.within.len())
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
    kept: Option<KeptState>,
}

/// What one check reads of and adds to the kept comparisons.
struct KeptState {
    shared: u64,
    statistics: u64,
    within: WithinState,
    /// `None` when the document is alone in its corpus.
    across: Option<ReuseState>,
}

/// The pairs of the document's own figures: those kept and those weighed
/// in this check.
struct WithinState {
    /// Each figure's digest (see [`within_digests`]).
    digests: Vec<u64>,
    kept: Pairs,
    /// Each figure's mentions, kept.
    figures: FigureMentions,
    /// Pairs this check read (kept or weighed).
    live: AtomicUsize,
    fresh: Mutex<Vec<((u64, u64), Weighed)>>,
    /// Each figure's mentions of this check.
    fresh_figures: Mutex<Vec<(u64, Arc<[Found]>)>>,
    /// The last check's figures, aligned with this one's.
    carried: Option<Carried>,
    /// Each figure's comparison of this check, by index.
    fresh_entries: Mutex<Vec<(usize, Arc<WithinEntry>)>>,
}

/// The last check's figures, aligned with the document's: the figures
/// before the first one an edit changed (`prefix`, at the same indices,
/// in the same sentences) and after the last one (`suffix` of them, moved
/// by the same number of figures and sentences). A figure of either run
/// keeps its candidates when every one of them is in its run: per topic,
/// its [`MAX_SAME_DOC_PER_SIDE`](super::MAX_SAME_DOC_PER_SIDE) nearest on
/// the side of the edit lie in its run (or, fewer of the topic, none of
/// either version lies beyond it); its own digest and theirs are then
/// unchanged too, so its mentions are those kept, taken without choosing
/// its candidates again. A keystroke thus chooses afresh only the
/// candidates of the figures it touched and of those whose nearest
/// figures of a topic reach it.
struct Carried {
    layout: Layout,
    prefix: usize,
    suffix: usize,
}

impl Carried {
    /// Aligns the last check's `layout` with the figures of `doc`, whose
    /// digests are `digests`.
    fn new(layout: Layout, doc: &DocAnalysis, digests: &[u64]) -> Self {
        let list = &doc.figures.list;
        let (old, new) = (layout.digests.len(), digests.len());
        let prefix = (0..old.min(new))
            .take_while(|&i| {
                layout.digests[i] == digests[i] && layout.sentences[i] == list[i].sentence
            })
            .count();
        let shift = |k: usize| (list[new - k].sentence as i64) - (layout.sentences[old - k] as i64);
        let moved = if old > prefix && new > prefix {
            shift(1)
        } else {
            0
        };
        let suffix = (1..=old.min(new) - prefix)
            .take_while(|&k| layout.digests[old - k] == digests[new - k] && shift(k) == moved)
            .count();
        Self {
            layout,
            prefix,
            suffix,
        }
    }

    /// The last check's comparison of figure `index` (`f`) of `doc`, when
    /// it is unchanged and its candidates are out of the edit's reach.
    fn entry(&self, doc: &DocAnalysis, index: usize, f: &Figure) -> Option<&Arc<WithinEntry>> {
        let figures = &doc.figures;
        let (old, new) = (self.layout.digests.len(), figures.list.len());
        let before = index < self.prefix;
        let old_index = if before {
            index
        } else if index >= new - self.suffix {
            index + old - new
        } else {
            return None;
        };
        let entry = self.layout.entries.get(old_index)?.as_ref()?;
        let sentence_of = |k: u32| {
            figures
                .list
                .get(k as usize)
                .map_or(usize::MAX, |g| g.sentence)
        };
        let mut topics = Vec::with_capacity(3);
        super::index::topics_of(f, &mut topics);
        let per_side = super::MAX_SAME_DOC_PER_SIDE;
        for t in &topics {
            let list = figures.by_topic.get(t).map_or(&[][..], |l| &l[..]);
            let (first, last) = self.layout.topics.get(t).copied()?;
            let kept = if before {
                // The nearest after its sentence, all before the edit.
                let hi = list.partition_point(|&k| sentence_of(k) <= f.sentence);
                match list.get(hi + per_side - 1) {
                    Some(&k) => (k as usize) < self.prefix,
                    None => {
                        list.last().is_none_or(|&k| (k as usize) < self.prefix)
                            && (last as usize) < self.prefix
                    }
                }
            } else {
                // The nearest before its sentence, all after the edit.
                let lo = list.partition_point(|&k| sentence_of(k) < f.sentence);
                match lo.checked_sub(per_side) {
                    Some(a) => list[a] as usize >= new - self.suffix,
                    None => {
                        list.first()
                            .is_none_or(|&k| k as usize >= new - self.suffix)
                            && first as usize >= old - self.suffix
                    }
                }
            };
            if !kept {
                return None;
            }
        }
        Some(entry)
    }
}

impl WithinState {
    /// [`within_document`] of figure `index` (`f`). When neither the
    /// figure nor any of its candidates changed (the digest of the figure
    /// and its candidates' digests, in order, is one kept), its mentions
    /// are those kept: one lookup per figure. Otherwise each pair is taken
    /// from the kept ones when both figures' digests are those it was
    /// weighed with, and weighed afresh when not.
    fn mentions<'a>(
        &self,
        doc: &'a DocAnalysis,
        index: usize,
        f: &Figure,
        sim: &dyn PassageSimilarity,
    ) -> Vec<Mention<'a>> {
        let Some(&digest) = self.digests.get(index) else {
            return within_document(doc, index, f, sim);
        };
        if let Some(entry) = self.carried.as_ref().and_then(|c| c.entry(doc, index, f)) {
            crate::analysis::effort::add_within_carried();
            self.live
                .fetch_add(entry.candidates.len(), Ordering::Relaxed);
            let out = entry
                .found
                .iter()
                .filter_map(|&(at, score, agrees)| {
                    let offset = *entry.candidates.get(at as usize)?;
                    Some(Mention {
                        doc,
                        figure: index.checked_add_signed(offset as isize)?,
                        agrees,
                        score,
                    })
                })
                .collect();
            self.fresh_figures
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push((entry.key, entry.found.clone()));
            self.fresh_entries
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push((index, entry.clone()));
            return out;
        }
        let candidates = within_candidates(doc, index, f);
        let digest_of = |j: usize| self.digests.get(j).copied().unwrap_or_default();
        let mut h = Fnv::new();
        h.write_u64(digest);
        for &j in &candidates {
            h.write_u64(digest_of(j));
        }
        let key = h.finish();
        self.live.fetch_add(candidates.len(), Ordering::Relaxed);
        let found = match self.figures.get(&key) {
            Some(found) => found.clone(),
            None => {
                let mut f_part = None;
                let mut fresh = Vec::new();
                let mut found = Vec::new();
                for (at, &j) in candidates.iter().enumerate() {
                    let pair = (digest, digest_of(j));
                    let weighed = match self.kept.get(&pair) {
                        Some(&w) => w,
                        None => {
                            let part = *f_part.get_or_insert_with(|| part_of_more(doc, f));
                            let w = within_pair(doc, f, part, &doc.figures.list[j], sim);
                            fresh.push((pair, w));
                            w
                        }
                    };
                    if let Some((score, agrees)) = weighed {
                        found.push((at as u32, score, agrees));
                    }
                }
                if !fresh.is_empty() {
                    self.fresh
                        .lock()
                        .unwrap_or_else(PoisonError::into_inner)
                        .extend(fresh);
                }
                Arc::from(found)
            }
        };
        let out = found
            .iter()
            .filter_map(|&(at, score, agrees)| {
                Some(Mention {
                    doc,
                    figure: *candidates.get(at as usize)?,
                    agrees,
                    score,
                })
            })
            .collect();
        let entry = WithinEntry {
            key,
            candidates: candidates
                .iter()
                .map(|&j| (j as i64 - index as i64) as i32)
                .collect(),
            found: found.clone(),
        };
        self.fresh_figures
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push((key, found));
        self.fresh_entries
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push((index, Arc::new(entry)));
        out
    }

    /// The kept pairs with this check's added, and the figures' mentions
    /// of this check. The pairs of figures no longer in the document are
    /// swept when the pairs kept outnumber twice those this check read;
    /// if that leaves too many still (figures moved apart), all go.
    fn into_kept(self, doc: &DocAnalysis) -> (Pairs, FigureMentions, Layout) {
        let mut kept = self.kept;
        kept.extend(
            self.fresh
                .into_inner()
                .unwrap_or_else(PoisonError::into_inner),
        );
        let live = self.live.into_inner();
        if kept.len() > MIN_SWEPT_PAIRS.max(2 * live) {
            let current: FastSet<u64> = self.digests.iter().copied().collect();
            kept.retain(|(a, b), _| current.contains(a) && current.contains(b));
            if kept.len() > MIN_SWEPT_PAIRS.max(4 * live) {
                kept.clear();
            }
        }
        let figures = self
            .fresh_figures
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner)
            .into_iter()
            .collect();
        let list = &doc.figures.list;
        let mut entries: Vec<Option<Arc<WithinEntry>>> = vec![None; list.len()];
        for (i, e) in self
            .fresh_entries
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner)
        {
            if let Some(slot) = entries.get_mut(i) {
                *slot = Some(e);
            }
        }
        let layout = Layout {
            digests: self.digests,
            sentences: list.iter().map(|f| f.sentence).collect(),
            entries,
            topics: doc
                .figures
                .by_topic
                .iter()
                .filter_map(|(&t, l)| Some((t, (*l.first()?, *l.last()?))))
                .collect(),
        };
        (kept, figures, layout)
    }
}

/// What one check reads of and adds to the kept comparisons with the
/// other documents.
struct ReuseState {
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
    /// within a parallel batch, or when `doc` is not the corpus's version
    /// of its document; only the pairs of its own figures when it is the
    /// corpus's only document.
    pub fn open(corpus: &'a Corpus, doc: &'a DocAnalysis, drafts: &Drafts) -> Self {
        let stats = Arc::new(Stats::without(corpus, &doc.id));
        let own = corpus.get(&doc.id).is_some_and(|d| std::ptr::eq(&**d, doc));
        if !own || crate::analysis::within_parallel_batch() {
            return Self {
                corpus,
                doc,
                stats,
                memo: None,
                kept: None,
            };
        }
        let shared = shared_digest(doc, drafts);
        let statistics = statistics_digest(&stats);
        let local = local_digests(doc);
        let previous = corpus
            .mentions
            .lock()
            .kept
            .remove(&doc.id)
            .filter(|k| k.shared == shared);
        let (pairs, figures, layout, previous) = match previous {
            // The pairs read the statistics too (the document frequencies
            // of the other documents, which drop everything when they
            // change, and the passage count and mean length).
            Some(k) if k.statistics == statistics => (
                k.within,
                k.within_figures,
                k.within_layout,
                k.across.map(|a| (k.statistics, a)),
            ),
            Some(k) => (
                FastMap::default(),
                FastMap::default(),
                None,
                k.across.map(|a| (k.statistics, a)),
            ),
            None => (FastMap::default(), FastMap::default(), None, None),
        };
        let digests = within_digests(doc, &local);
        let carried = layout.map(|l| Carried::new(l, doc, &digests));
        let within = WithinState {
            digests,
            kept: pairs,
            figures,
            live: AtomicUsize::new(0),
            fresh: Mutex::new(Vec::new()),
            fresh_figures: Mutex::new(Vec::new()),
            carried,
            fresh_entries: Mutex::new(Vec::new()),
        };
        // Alone, the document has nothing to compare its figures with
        // but its own.
        if corpus.len() <= 1 {
            return Self {
                corpus,
                doc,
                stats,
                memo: None,
                kept: Some(KeptState {
                    shared,
                    statistics,
                    within,
                    across: None,
                }),
            };
        }
        let story = story_names_in(&stats, doc);
        let (kept, restat, story_before, topical) = match previous {
            Some((before, k)) => {
                let restat = before != statistics || k.story.single() != story.single();
                let topical = if before == statistics {
                    k.topical
                } else {
                    FastMap::default()
                };
                (k.entries, restat, Some(k.story), topical)
            }
            None => (FastMap::default(), false, None, FastMap::default()),
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
        let digests = across_digests(doc, &local);
        let stale = match &story_before {
            Some(before) if !restat => story_stale(&stats, corpus, &kept, &digests, before, &story),
            _ => FastSet::default(),
        };

        Self {
            corpus,
            doc,
            stats,
            memo,
            kept: Some(KeptState {
                shared,
                statistics,
                within,
                across: Some(ReuseState {
                    restat,
                    kept,
                    stale,
                    story,
                    digests,
                    fresh: Mutex::new(Vec::new()),
                }),
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

    /// How many of the document's figures [`MentionReuse::mentions`] is
    /// likely to compare afresh rather than take from the last check: those
    /// the edit moved out of the kept layout of the document's own figures,
    /// and those with no kept (or a stale) comparison with the other
    /// documents. An estimate, read only to decide whether the comparisons
    /// are worth spreading over threads: every figure is still checked.
    pub fn likely_fresh(&self) -> usize {
        let n = self.doc.figures.list.len();
        let Some(kept) = &self.kept else {
            return self
                .doc
                .figures
                .list
                .iter()
                .filter(|f| comparable(f))
                .count();
        };
        let within = |i: usize| match &kept.within.carried {
            Some(c) => i >= c.prefix && i < n.saturating_sub(c.suffix),
            None => true,
        };
        let across = |i: usize| match &kept.across {
            None => false,
            Some(a) if a.restat => true,
            Some(a) => a
                .digests
                .get(i)
                .is_none_or(|d| !a.kept.contains_key(d) || a.stale.contains(d)),
        };
        // A figure that compares with nothing is looked at and left.
        let list = &self.doc.figures.list;
        (0..n)
            .filter(|&i| comparable(&list[i]) && (within(i) || across(i)))
            .count()
    }

    /// [`mentions`](super::mentions) of figure `index`, the comparisons
    /// taken from the last check where they are still valid.
    pub fn mentions(&self, index: usize, sim: &dyn PassageSimilarity) -> Vec<Mention<'a>> {
        let (doc, corpus) = (self.doc, self.corpus);
        let Some(f) = doc.figures.list.get(index) else {
            return Vec::new();
        };
        if !comparable(f) {
            return Vec::new();
        }
        let mut out = match &self.kept {
            Some(k) => k.within.mentions(doc, index, f, sim),
            None => within_document(doc, index, f, sim),
        };
        let Some(kept) = &self.kept else {
            let cross = across_documents(doc, f, corpus, sim, None);
            out.extend(cross.into_iter().filter_map(|c| c.mention(corpus)));
            return best_per_document(out);
        };
        // Kept without comparisons across documents: the document is the
        // only one of its corpus, so there is no other to look up.
        let Some(state) = kept.across.as_ref() else {
            return best_per_document(out);
        };
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
        let Some(state) = self.kept.take() else {
            return;
        };
        let across = state.across.map(|across| {
            let fresh = across
                .fresh
                .into_inner()
                .unwrap_or_else(PoisonError::into_inner);
            KeptAcross {
                story: across.story,
                entries: fresh.into_iter().collect(),
                topical: self
                    .memo
                    .as_ref()
                    .map(|m| m.take_used())
                    .unwrap_or_default(),
            }
        });
        let (within, within_figures, layout) = state.within.into_kept(self.doc);
        let kept = Kept {
            shared: state.shared,
            statistics: state.statistics,
            within,
            within_figures,
            within_layout: Some(layout),
            across,
        };
        let mut docs = self.corpus.mentions.lock();
        let docs = &mut *docs;
        if docs.kept.len() >= MAX_DOCUMENTS && !docs.kept.contains_key(&self.doc.id) {
            let last = docs.last_changed.as_ref();
            docs.kept.retain(|id, _| Some(id) == last);
        }
        docs.kept.insert(self.doc.id.clone(), kept);
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
/// figure's own sentence and the names each entry keeps: its id; and
/// which documents are drafts (a draft's passages are compared as a
/// restatement of its sources, so naming another file a draft in the
/// settings changes results while no text changes).
fn shared_digest(doc: &DocAnalysis, drafts: &Drafts) -> u64 {
    let mut h = DebugHash(Fnv::new());
    let _ = write!(h, "{:?}", doc.id);
    h.0.write_u64(drafts.digest());
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

/// Each figure's digest of what comparing it reads of its own document
/// beyond the document-wide facts: the figure, the other figures of its
/// sentence (offsets relative to the sentence), its passage's contents,
/// and the ages its document gives the same person. Linear in the
/// figures: each sentence's figures and passage, and each person's ages,
/// are digested once.
fn local_digests(doc: &DocAnalysis) -> Vec<u64> {
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
            let mut h = Digest::default();
            hash_figure(f, sentence_start(f), &mut h);
            h.finish()
        })
        .collect();
    // Every age given to each person, in text order.
    let mut persons: FastMap<u64, Digest> = FastMap::default();
    for g in list {
        if let Some(person) = g.counted.person {
            (g.kind, g.value.to_bits()).hash(persons.entry(person).or_default());
        }
    }
    let persons: FastMap<u64, u64> = persons.into_iter().map(|(p, h)| (p, h.finish())).collect();
    let mut out = Vec::with_capacity(list.len());
    let mut first = 0;
    // The section stamp of every paragraph up to the last figure's, read
    // in one pass.
    let stamps = list
        .last()
        .map(|f| super::clause::section_stamps(doc, f.paragraph))
        .unwrap_or_default();
    while first < list.len() {
        let sentence = list[first].sentence;
        let end = first + list[first..].partition_point(|g| g.sentence == sentence);
        // The sentence's figures and its passage, digested once.
        let mut h = Digest::default();
        for d in &alone[first..end] {
            h.write_u64(*d);
        }
        if let Some(p) = doc.related.passages.get(sentence) {
            hash_passage(p, &mut h);
        }
        // Its words: the clause of a figure (its time, its owner) is read
        // from them (`clause::read`).
        // and the time stamp of its section of a running report.
        if let Some(s) = doc.segmentation.sentences.get(sentence) {
            h.write(doc.text.get(s.span.clone()).unwrap_or("").as_bytes());
            let stamp = match stamps.get(s.paragraph) {
                Some(&stamp) => stamp,
                None => super::clause::section_stamp(doc, s.paragraph),
            };
            stamp.hash(&mut h);
        }
        let around = h.finish();
        for i in first..end {
            let mut h = Digest::default();
            h.write_u64(alone[i]);
            // Itself marked among its sentence's figures.
            h.write_usize(i - first);
            h.write_u64(around);
            if let Some(person) = list[i].counted.person {
                h.write_u64(persons.get(&person).copied().unwrap_or_default());
            }
            out.push(h.finish());
        }
        first = end.max(first + 1);
    }
    out
}

/// Each figure's digest for the comparison with its own document's
/// figures: its [`local_digests`] and the one document-wide fact a pair
/// of one document reads, whether it tells a perpetrator's death (tolls
/// that may count him). Ages within one report are of one time, so its
/// date is not read.
fn within_digests(doc: &DocAnalysis, local: &[u64]) -> Vec<u64> {
    let whole = u64::from(doc.figures.perpetrator_died);
    local.iter().map(|&d| mix(whole, d)).collect()
}

/// Each figure's digest for the comparison with other documents: its
/// [`local_digests`] and what every such comparison reads of the document
/// as a whole: its date, the time of the report (ages grown between
/// reports), whether it tells a perpetrator's death (tolls that may
/// count him) and what identifies its incident (the keys its tolls are
/// looked up under, `Counted::incident`). Its names are kept by each
/// entry, as the lookups it made.
fn across_digests(doc: &DocAnalysis, local: &[u64]) -> Vec<u64> {
    let whole = {
        let mut h = DebugHash(Fnv::new());
        let incident = doc
            .figures
            .list
            .iter()
            .map(|f| &f.counted.incident)
            .find(|keys| !keys.is_empty());
        let _ = write!(
            h,
            "{:?}{:?}{}{:?}",
            doc.figures.date,
            super::docdate::report_time(doc).map(f64::to_bits),
            doc.figures.perpetrator_died,
            incident
        );
        h.0.finish()
    };
    local.iter().map(|&d| mix(whole, d)).collect()
}

/// The hasher of the digests a document's figures are kept under from one
/// check to the next ([`local_digests`]): eight bytes at a time, each folded
/// in by a full 64×64→128-bit multiplication, where FNV takes one byte at a
/// time and was a tenth of a keystroke's CPU in a 1.9 MB draft. The digests
/// live in memory only, so they need not be stable across versions.
#[derive(Clone, Copy, Debug)]
struct Digest(u64);

impl Default for Digest {
    fn default() -> Self {
        Digest(0x243f_6a88_85a3_08d3)
    }
}

impl Digest {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;

    #[inline]
    fn fold(a: u64) -> u64 {
        let p = u128::from(a) * u128::from(Self::K);
        (p as u64) ^ ((p >> 64) as u64)
    }
}

impl Hasher for Digest {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut s = Self::fold(self.0 ^ bytes.len() as u64);
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            s = Self::fold(s ^ u64::from_le_bytes(w));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut w = [0u8; 8];
            w[..rest.len()].copy_from_slice(rest);
            s = Self::fold(s ^ u64::from_le_bytes(w));
        }
        self.0 = s;
    }

    #[inline]
    fn write_u8(&mut self, x: u8) {
        self.write_u64(u64::from(x));
    }

    #[inline]
    fn write_u32(&mut self, x: u32) {
        self.write_u64(u64::from(x));
    }

    #[inline]
    fn write_u64(&mut self, x: u64) {
        self.0 = Self::fold(self.0 ^ x).wrapping_add(Self::K);
    }

    #[inline]
    fn write_usize(&mut self, x: usize) {
        self.write_u64(x as u64);
    }

    fn finish(&self) -> u64 {
        Self::fold(self.0 ^ Self::K)
    }
}

fn mix(a: u64, b: u64) -> u64 {
    let mut h = Fnv::new();
    h.write_u64(a);
    h.write_u64(b);
    h.finish()
}

/// [`hash_figure`] alone: a digest of figure `f` without its place
/// (offsets relative to `start`), what the facts another document reads of
/// a figure's document are made of.
pub(crate) fn figure_digest(f: &Figure, start: usize) -> u64 {
    let mut h = Fnv::new();
    hash_figure(f, start, &mut h);
    h.finish()
}

/// Digests figure `f` without its place: offsets relative to `start`
/// (its sentence's), and neither its sentence's nor its paragraph's index.
/// Every field is named, so that a field added to [`Figure`] or
/// [`Counted`] is added here too (the compiler says so).
fn hash_figure<H: Hasher>(f: &Figure, start: usize, h: &mut H) {
    let Figure {
        span,
        number_span,
        kind,
        value,
        interval,
        qualifier,
        currency,
        time_unit,
        date,
        in_words,
        sentence: _,
        paragraph: _,
        counted,
    } = f;
    let rel = |r: &Range<usize>| (r.start.saturating_sub(start), r.end.saturating_sub(start));
    let Interval { lo, hi } = interval;
    rel(span).hash(h);
    rel(number_span).hash(h);
    kind.hash(h);
    value.to_bits().hash(h);
    (lo.to_bits(), hi.to_bits()).hash(h);
    qualifier.hash(h);
    currency.hash(h);
    time_unit.hash(h);
    date.hash(h);
    in_words.hash(h);
    let Counted {
        noun,
        head,
        head_concept,
        verb,
        verb_stem,
        verb_concept,
        modifiers,
        complement,
        complement_initials,
        complement_span,
        owner,
        person,
        hypothetical,
        cumulative,
        compound,
        partitive,
        victims_only,
        sentence_entities,
        sentence_initials,
        entities,
        incident,
    } = counted;
    noun.as_ref().map(rel).hash(h);
    head.hash(h);
    head_concept.hash(h);
    verb.as_ref().map(rel).hash(h);
    verb_stem.hash(h);
    verb_concept.hash(h);
    modifiers.hash(h);
    complement.hash(h);
    complement_initials.hash(h);
    complement_span.as_ref().map(rel).hash(h);
    owner.hash(h);
    person.hash(h);
    (hypothetical, cumulative, compound, partitive, victims_only).hash(h);
    sentence_entities.hash(h);
    sentence_initials.hash(h);
    entities.hash(h);
    // What identifies the document's incident: read by the lookup in
    // other documents only, digested with the document (`across_digests`),
    // so that a date edited leaves the pairs within the document kept.
    let _ = incident;
}

/// The digest of what the comparison of two passages reads of one
/// ([`hash_passage`]): two passages with one digest score alike against
/// any other.
pub(super) fn passage_digest(p: &Passage) -> u64 {
    let mut h = Fnv::new();
    hash_passage(p, &mut h);
    h.finish()
}

/// What the comparison of two passages reads of one.
fn hash_passage<H: Hasher>(p: &Passage, h: &mut H) {
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
