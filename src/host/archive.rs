//! The archive seam: a store that proposes, for the passages of the
//! documents being checked, the stored documents sharing their rarest
//! index keys, so a run holds those documents and not the whole archive.
//!
//! Two stores answer it: the desk-wide database ([`super::PgStore`], its
//! candidates read from a GIN index) and the on-disk index
//! ([`super::SqliteStore`], from a B-tree of `(key, source, passage)`
//! postings). Both ask with the same keys ([`passage_keys`]: the ones the
//! in-memory passage index uses), keep the same rarest ones per passage
//! ([`rarest`]) and rank the candidate documents the same way
//! ([`Archive::related_documents`]); each implements only how postings,
//! frequencies and sources are read. factline's own score re-ranks what
//! is fetched, as if it were local.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use super::store::StoreError;
use crate::analysis::{DocAnalysis, DocId};

/// How many candidate passages a store returns per query passage. The
/// scorer keeps about ten related passages per sentence; twice that
/// leaves room for the re-ranking to disagree with the key overlap.
pub const PER_PASSAGE: i64 = 20;

/// A passage asks the archive with this many of its index keys, the
/// rarest in the archive (fewest passages hold them). A sentence has 10 to
/// 20 keys; its rarest carry the names, figures and specific words that
/// identify a fact, while its common words have posting lists thousands
/// of passages long that would make every query read a large part of the
/// archive. The candidates are re-ranked on all their keys by factline.
pub const RARE_KEYS: usize = 8;

/// A key held by more than this share of the stored passages is not asked
/// with: measured on 8,560 real articles (153,409 passages), the slowest
/// candidate queries were those whose rarest keys were still held by
/// thousands of passages; leaving out keys above 1% took the 99th
/// percentile from 184 to 78 ms, and such keys are common words, which
/// say little about which fact a sentence reports.
pub const COMMON_SHARE: f64 = 0.01;

/// How many stored passages one query passage's keys may reach in all: a
/// passage asks with its rarest keys, adding the next rarest while the
/// passages holding the keys taken stay within this budget (its rarest
/// one is always asked with). The work of a candidate query is reading
/// and intersecting those posting lists, so a budget would bound each
/// passage's share of a first fetch whatever the archive's size. None is
/// set (`i64::MAX`): measured on generated archives of 20,000 and 100,000
/// articles (`docs/archive.md`), every budget that saved time lost more
/// than 1% of the final top-5 related passages (20,000 at 100,000
/// articles: half the time, 65% of the top 5 kept), and those that kept
/// them all saved under a tenth.
pub const KEY_BUDGET: i64 = i64::MAX;

/// The least [`COMMON_SHARE`] allows, so that a small archive (where 1%
/// is a handful of passages) still asks with its ordinary words.
pub const COMMON_FLOOR: i32 = 1_000;

/// At most this many passages are asked about in one run: a draft has
/// tens, a folder checked whole may have hundreds of thousands, and each
/// is one query. Past it (a `check` of a large folder without drafts) the
/// later documents' passages are not asked about; naming the drafts
/// keeps a run's questions to them.
pub const MAX_QUERIES: usize = 5_000;

/// At most this many archive documents are fetched for one run (a draft,
/// a `check`): bounds the memory a query can take whatever the archive's
/// size (a fetched document costs about 30 KB decoded).
pub const MAX_DOCS: usize = 400;

/// One candidate passage: its source's id in the store, the source's
/// key, and how many of the asked keys the passage holds.
pub type Candidate = (i64, String, i32);

/// A fetched source: its key, its text and its encoded analysis.
pub type Fetched = (String, Arc<str>, Vec<u8>);

/// A store that proposes related documents by passage keys.
/// Implementations are shared between threads.
pub trait Archive: Send + Sync {
    /// How many stored passages hold each of `keys` (those held by at
    /// least one), and how many passages are stored in all.
    fn frequencies(&self, keys: &[i64]) -> Result<(HashMap<i64, i32>, i64), StoreError>;

    /// For each of `rare` (a passage's rarest keys), the [`PER_PASSAGE`]
    /// stored passages holding the most of them (ties by source id), as
    /// candidates.
    fn candidates(&self, rare: &[Vec<i64>]) -> Result<Vec<Vec<Candidate>>, StoreError>;

    /// The sources of `ids`, each as its key, its text and its encoded
    /// analysis, in key order; a source whose text is no longer the one
    /// analysed is left out.
    fn sources(&self, ids: &[i64]) -> Result<Vec<Fetched>, StoreError>;

    /// [`KEY_BUDGET`] unless changed to measure it.
    fn key_budget(&self) -> i64 {
        KEY_BUDGET
    }

    /// Where it is, for messages.
    fn archive_location(&self) -> String;

    /// The archive documents related to `docs`: for each of their indexed
    /// passages the [`PER_PASSAGE`] stored passages sharing the most of its
    /// [`RARE_KEYS`] rarest index keys, their documents fetched and
    /// decoded (at most [`MAX_DOCS`], those sharing the most first),
    /// leaving out the sources whose key `skip` accepts (loaded already).
    /// Each is given the id `id_of` makes of its key.
    fn related_documents(
        &self,
        docs: &[&DocAnalysis],
        skip: &dyn Fn(&str) -> bool,
        id_of: &dyn Fn(&str) -> DocId,
    ) -> Result<Vec<Arc<DocAnalysis>>, StoreError> {
        related_to_keys(self, passages_keys(docs), skip, id_of)
    }

    /// [`Archive::related_documents`] of one passage of `doc` (by its index
    /// in `doc.related.passages`): what a related-passages query needs.
    fn related_to_passage(
        &self,
        doc: &DocAnalysis,
        passage: usize,
        skip: &dyn Fn(&str) -> bool,
        id_of: &dyn Fn(&str) -> DocId,
    ) -> Result<Vec<Arc<DocAnalysis>>, StoreError> {
        let passages: Vec<Vec<i64>> = passage_keys(doc)
            .into_iter()
            .filter(|(n, _)| *n as usize == passage)
            .map(|(_, k)| k)
            .collect();
        related_to_keys(self, passages, skip, id_of)
    }
}

fn related_to_keys<A: Archive + ?Sized>(
    archive: &A,
    passages: Vec<Vec<i64>>,
    skip: &dyn Fn(&str) -> bool,
    id_of: &dyn Fn(&str) -> DocId,
) -> Result<Vec<Arc<DocAnalysis>>, StoreError> {
    let rare = rare_keys(archive, passages, archive.key_budget())?;
    // Each source's best overlap with any query passage.
    let mut best: HashMap<i64, i64> = HashMap::new();
    for found in archive.candidates(&rare)? {
        for (source, key, shared) in found {
            if skip(&key) {
                continue;
            }
            let e = best.entry(source).or_insert(0);
            *e = (*e).max(i64::from(shared));
        }
    }
    let mut ranked: Vec<(i64, i64)> = best.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    ranked.truncate(MAX_DOCS);
    let ids: Vec<i64> = ranked.iter().map(|(id, _)| *id).collect();
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(archive
        .sources(&ids)?
        .into_iter()
        .filter_map(|(key, text, blob)| {
            super::index::decode(&blob, id_of(&key), text).map(Arc::new)
        })
        .collect())
}

/// The distinct passages of `passages` (at most [`MAX_QUERIES`]), each
/// reduced to its rarest keys (see [`rarest`]), those left with none
/// dropped.
pub fn rare_keys<A: Archive + ?Sized>(
    archive: &A,
    mut passages: Vec<Vec<i64>>,
    budget: i64,
) -> Result<Vec<Vec<i64>>, StoreError> {
    // A sentence repeated (a wire copy, a standfirst) is asked once.
    let mut asked = HashSet::new();
    passages.retain(|k| asked.insert(k.clone()));
    passages.truncate(MAX_QUERIES);
    let mut all: Vec<i64> = passages.iter().flatten().copied().collect();
    all.sort_unstable();
    all.dedup();
    if all.is_empty() {
        return Ok(Vec::new());
    }
    let (df, stored) = archive.frequencies(&all)?;
    // Keys more passages hold than this are too common to ask with.
    let common = COMMON_FLOOR.max((stored as f64 * COMMON_SHARE) as i32);
    Ok(passages
        .iter()
        .map(|keys| rarest(keys, &df, common, budget))
        .filter(|rare| !rare.is_empty())
        .collect())
}

/// The keys of a passage that stored passages hold (and at most `common`
/// of them), rarest first, at most [`RARE_KEYS`], and no more than the
/// first whose frequencies add up past `budget`.
pub fn rarest(keys: &[i64], df: &HashMap<i64, i32>, common: i32, budget: i64) -> Vec<i64> {
    let mut held: Vec<(i32, i64)> = keys
        .iter()
        .filter_map(|k| df.get(k).map(|&d| (d, *k)))
        .filter(|(d, _)| *d > 0 && *d <= common)
        .collect();
    held.sort_unstable();
    held.truncate(RARE_KEYS);
    let mut reach = 0i64;
    held.into_iter()
        .enumerate()
        .take_while(|(i, (d, _))| {
            reach = reach.saturating_add(i64::from(*d));
            *i == 0 || reach <= budget
        })
        .map(|(_, (_, k))| k)
        .collect()
}

/// The keys of every passage of `docs`, in order: what a candidate query
/// asks with, one list per passage.
pub fn passages_keys(docs: &[&DocAnalysis]) -> Vec<Vec<i64>> {
    docs.iter()
        .flat_map(|d| passage_keys(d))
        .map(|(_, k)| k)
        .collect()
}

/// Each indexed passage of `doc` with its index keys (as the stores'
/// signed integers), numbered in the document's order.
pub fn passage_keys(doc: &DocAnalysis) -> Vec<(i32, Vec<i64>)> {
    doc.related
        .passages
        .iter()
        .enumerate()
        .filter(|(_, p)| p.indexed)
        .map(|(n, p)| {
            let keys: Vec<i64> = p.keys().into_iter().map(|(k, _)| k as i64).collect();
            (n as i32, keys)
        })
        .filter(|(_, keys)| !keys.is_empty())
        .collect()
}
