//! The corpus-wide passage index: an inverted index from keys (terms,
//! entity names, figures, quote shingles) to passages, updated one
//! document at a time.
//!
//! Layout, for memory proportional to the corpus:
//! - keys are 64-bit hashes interned to dense `u32` ids; a key whose last
//!   posting goes is dropped and its id reused;
//! - a posting is a `u32` passage id and a `u8` term frequency, in two
//!   parallel vectors per key, sorted by passage id;
//! - a passage keeps its id while its keys do not change: a new version of
//!   a document keeps the ids of the passages it shares with the indexed
//!   version at its start and its end (the passages an edit did not touch,
//!   compared key by key) and, between them, of each passage whose keys an
//!   old passage there has (found by a digest of its keys: an edit that
//!   changes a name's reading changes passages far apart); it drops the
//!   ids of the other old passages from their keys' lists and gives the
//!   new ones fresh ids at the end, so that an edit costs what it changed,
//!   not what the document holds; new ids are the largest, so every list
//!   stays sorted by appending;
//! - ids of removed passages are reclaimed by renumbering every list once
//!   half of the id space is dead (amortised over many edits).
//!
//! What a query reads of the index (postings, document frequencies, the
//! passages' lengths) does not depend on the ids, so the results of an
//! index updated edit by edit are those of one built afresh.

use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::{Arc, OnceLock};

use crate::analysis::{DocAnalysis, DocId};

use super::passages::Passage;
use super::{StoryContext, Weighed};

/// Keys are already well-mixed hashes: use them as they are.
#[derive(Default)]
pub(crate) struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) ^ u64::from(b) ^ (self.0 >> 56);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

pub(crate) type KeyMap = HashMap<u64, u32, BuildHasherDefault<KeyHasher>>;

/// A key's entry in the [`Index`]: its postings list and that list's
/// length.
#[derive(Clone, Copy, Debug)]
struct KeyEntry {
    list: u32,
    df: u32,
}

#[derive(Debug, Default)]
struct Postings {
    ids: Vec<u32>,
    tf: Vec<u8>,
}

const DEAD: u32 = u32::MAX;

/// Where a passage id points.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Slot {
    /// Document slot, or [`DEAD`].
    pub doc: u32,
    /// Passage index in the document.
    pub passage: u32,
}

#[derive(Debug)]
struct IndexedDoc {
    doc: Arc<DocAnalysis>,
    /// The ids of its indexed passages, in the document's order.
    ids: Vec<u32>,
    /// Its part of the statistics, once asked for ([`Index::share`]):
    /// kept up to date through its new versions, so that the document
    /// being edited is not read whole again on each keystroke.
    share: OnceLock<Arc<Share>>,
}

/// Whether two passages give the index the same postings and length (the
/// fields [`Passage::keys`] reads), so one may keep the other's id.
fn same_keys(a: &Passage, b: &Passage) -> bool {
    a.len == b.len
        && a.terms == b.terms
        && a.tfs == b.tfs
        && a.quotes == b.quotes
        && a.entities.len() == b.entities.len()
        && a.entities
            .iter()
            .zip(b.entities.iter())
            .all(|(x, y)| x.canon == y.canon && x.short == y.short)
        && a.figures.len() == b.figures.len()
        && a.figures
            .iter()
            .zip(b.figures.iter())
            .all(|(x, y)| x.key == y.key)
}

/// A digest of the fields [`same_keys`] compares, by which a passage of
/// a new version finds an old one with the same keys.
fn keys_digest(p: &Passage) -> u64 {
    use std::hash::Hash;
    let mut h = std::collections::hash_map::DefaultHasher::new();
    (p.len, &p.terms, &p.tfs, &p.quotes).hash(&mut h);
    h.write_usize(p.entities.len());
    for e in p.entities.iter() {
        (e.canon, e.short).hash(&mut h);
    }
    h.write_usize(p.figures.len());
    for f in p.figures.iter() {
        f.key.hash(&mut h);
    }
    h.finish()
}

/// Mean BM25 length of `live` passages of `total` length (1 for none).
fn mean_len(total: u64, live: u32) -> f32 {
    if live == 0 {
        return 1.0;
    }
    (total as f64 / f64::from(live)).max(1.0) as f32
}

/// One indexed document's part of the index's statistics (see
/// [`Index::share`]).
#[derive(Clone, Debug, Default)]
pub(crate) struct Share {
    /// Per key, the document's passages that have it.
    pub df: KeyMap,
    /// Its indexed passages.
    pub passages: u32,
    /// Their BM25 lengths summed.
    pub total_len: u64,
}

impl Share {
    /// Counts an indexed passage in.
    fn add(&mut self, p: &Passage) {
        for (k, _) in p.keys() {
            *self.df.entry(k).or_insert(0) += 1;
        }
        self.passages += 1;
        self.total_len += u64::from(p.len);
    }

    /// Counts an indexed passage out.
    fn take(&mut self, p: &Passage) {
        for (k, _) in p.keys() {
            if let Some(n) = self.df.get_mut(&k) {
                *n -= 1;
                if *n == 0 {
                    self.df.remove(&k);
                }
            }
        }
        self.passages -= 1;
        self.total_len -= u64::from(p.len);
    }
}

/// The passage index of a [`Corpus`](crate::analysis::Corpus).
#[derive(Default)]
pub struct Index {
    /// Each key's postings list and its length (the key's document
    /// frequency, kept beside the list's number so that an idf reads one
    /// entry of this map and not the list it points to).
    keys: HashMap<u64, KeyEntry, BuildHasherDefault<KeyHasher>>,
    lists: Vec<Postings>,
    free_lists: Vec<u32>,
    slots: Vec<Slot>,
    /// By passage id, the passage's BM25 length (dense, so that the first
    /// pass of a query reads few cache lines of it).
    lens: Vec<u16>,
    docs: Vec<Option<IndexedDoc>>,
    free_docs: Vec<u32>,
    by_id: HashMap<DocId, u32>,
    /// The indexed documents' ids in order, with their slots.
    ordered: BTreeMap<DocId, u32>,
    /// By document slot, a number that orders the documents as their ids
    /// do ([`Index::doc_order`]).
    order: Vec<u64>,
    live: u32,
    total_len: u64,
    /// Each indexed document's [`StoryContext`] and each indexed passage's
    /// [`Weighed`] words, weighed with the whole index's statistics, filled
    /// as queries ask for them and dropped by any change to the index (see
    /// [`Index::story`], [`Index::weighed`]).
    stories: OnceLock<Stories>,
}

/// What one version of the index keeps between its queries, with the
/// digest of the statistics it was weighed with: the weighed
/// [`StoryContext`]s by document slot and the [`Weighed`] words of the
/// passages by passage id (in chunks of [`WEIGHED_CHUNK`] ids, allocated
/// as queries reach them).
struct Stories {
    digest: (u32, u32),
    by_slot: Box<[OnceLock<StoryContext>]>,
    passages: Box<[OnceLock<WeighedChunk>]>,
}

/// The kept [`Weighed`] words of [`WEIGHED_CHUNK`] consecutive passage ids.
type WeighedChunk = Box<[OnceLock<Weighed>]>;

/// The space between two documents' numbers in the order of their ids
/// when they are numbered afresh (see [`Index::place`]).
const ORDER_GAP: u64 = 1 << 32;

/// Passage ids per chunk of kept [`Weighed`] words.
const WEIGHED_CHUNK: usize = 256;

impl std::fmt::Debug for Index {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Index")
            .field("documents", &self.by_id.len())
            .field("passages", &self.live)
            .field("keys", &self.keys.len())
            .finish()
    }
}

impl Index {
    /// Adds a document's indexed passages, or replaces the indexed
    /// version of it: the passages the two versions share at their start
    /// and end keep their ids, the others are removed and added.
    pub fn insert(&mut self, doc: &Arc<DocAnalysis>) {
        self.forget_stories();
        if self.slots.len() > 2 * self.live as usize + 4096 {
            self.compact();
        }
        if let Some(&dslot) = self.by_id.get(&doc.id)
            && self.docs[dslot as usize].is_some()
        {
            self.replace(dslot, doc);
            return;
        }
        let dslot = match self.free_docs.pop() {
            Some(s) => s,
            None => {
                self.docs.push(None);
                (self.docs.len() - 1) as u32
            }
        };
        let mut ids = Vec::new();
        for (pi, p) in doc.related.passages.iter().enumerate() {
            if p.indexed {
                ids.push(self.add_passage(dslot, pi, p));
            }
        }
        self.docs[dslot as usize] = Some(IndexedDoc {
            doc: doc.clone(),
            ids,
            share: OnceLock::new(),
        });
        self.by_id.insert(doc.id.clone(), dslot);
        self.place(&doc.id, dslot);
    }

    /// Gives the new document `id` in slot `dslot` its number in the order
    /// of document ids: between those of the ids before and after it, or,
    /// where they leave no room, every document numbered again (rare: the
    /// numbers start [`ORDER_GAP`] apart).
    fn place(&mut self, id: &DocId, dslot: u32) {
        use std::ops::Bound::{Excluded, Unbounded};
        let before = self
            .ordered
            .range(..id)
            .next_back()
            .map(|(_, &s)| self.order[s as usize]);
        let after = self
            .ordered
            .range::<DocId, _>((Excluded(id), Unbounded))
            .next()
            .map(|(_, &s)| self.order[s as usize]);
        self.ordered.insert(id.clone(), dslot);
        if self.order.len() <= dslot as usize {
            self.order.resize(dslot as usize + 1, 0);
        }
        let number = match (before, after) {
            (None, None) => Some(ORDER_GAP),
            (Some(b), None) => b.checked_add(ORDER_GAP),
            (b, Some(a)) => {
                let b = b.unwrap_or(0);
                (a - b >= 2).then(|| b + (a - b) / 2)
            }
        };
        match number {
            Some(n) => self.order[dslot as usize] = n,
            None => {
                for (k, &s) in self.ordered.values().enumerate() {
                    self.order[s as usize] = (k as u64 + 1) * ORDER_GAP;
                }
            }
        }
    }

    /// Gives passage `pi` of the document in slot `dslot` a new id (the
    /// largest) and appends it to its keys' lists.
    fn add_passage(&mut self, dslot: u32, pi: usize, p: &Passage) -> u32 {
        let id = self.slots.len() as u32;
        self.slots.push(Slot {
            doc: dslot,
            passage: pi as u32,
        });
        self.lens.push(p.len);
        for (key, tf) in p.keys() {
            // One look-up per key: the entry found or made is where the
            // list's new length is kept.
            let entry = self.keys.entry(key).or_insert_with(|| {
                let list = self.free_lists.pop().unwrap_or_else(|| {
                    self.lists.push(Postings::default());
                    (self.lists.len() - 1) as u32
                });
                KeyEntry { list, df: 0 }
            });
            let list = &mut self.lists[entry.list as usize];
            list.ids.push(id);
            list.tf.push(tf);
            entry.df = list.ids.len() as u32;
        }
        self.total_len += u64::from(p.len);
        self.live += 1;
        crate::analysis::effort::add_passages_indexed(1);
        id
    }

    /// Replaces the indexed version of the document in slot `dslot` with
    /// `doc`, keeping the ids of the passages they share at both ends.
    fn replace(&mut self, dslot: u32, doc: &Arc<DocAnalysis>) {
        let Some(entry) = self.docs[dslot as usize].take() else {
            return;
        };
        let old: Vec<&Passage> = entry
            .doc
            .related
            .passages
            .iter()
            .filter(|p| p.indexed)
            .collect();
        let new: Vec<(usize, &Passage)> = doc
            .related
            .passages
            .iter()
            .enumerate()
            .filter(|(_, p)| p.indexed)
            .collect();
        let mut head = 0;
        while head < old.len().min(new.len()) && same_keys(old[head], new[head].1) {
            head += 1;
        }
        let mut tail = 0;
        while tail < old.len().min(new.len()) - head
            && same_keys(old[old.len() - 1 - tail], new[new.len() - 1 - tail].1)
        {
            tail += 1;
        }
        // The kept passages point at their place in the new version.
        for (k, &(pi, _)) in new[..head].iter().enumerate() {
            self.slots[entry.ids[k] as usize].passage = pi as u32;
        }
        for t in 0..tail {
            let id = entry.ids[old.len() - 1 - t];
            self.slots[id as usize].passage = new[new.len() - 1 - t].0 as u32;
        }
        // Between them, a passage whose keys an old one of the range has
        // keeps that one's id (an edit that changes a name's reading, or
        // two places at once, leaves the passages between them alone); the
        // others leave and the new ones come in.
        let (old_mid, new_mid) = (head..old.len() - tail, head..new.len() - tail);
        let mut unmatched: HashMap<u64, Vec<usize>> = HashMap::with_capacity(old_mid.len());
        for k in old_mid.clone().rev() {
            unmatched.entry(keys_digest(old[k])).or_default().push(k);
        }
        // For each new passage of the range, the old one it keeps.
        let mut kept_old = vec![false; old.len()];
        let mut matched: Vec<Option<usize>> = Vec::with_capacity(new_mid.len());
        for &(_, p) in &new[new_mid.clone()] {
            let found = unmatched.get_mut(&keys_digest(p)).and_then(|ks| {
                let at = ks.iter().rposition(|&k| same_keys(old[k], p))?;
                Some(ks.remove(at))
            });
            if let Some(k) = found {
                kept_old[k] = true;
            }
            matched.push(found);
        }
        let removed: Vec<(u32, &Passage)> = old_mid
            .clone()
            .filter(|&k| !kept_old[k])
            .map(|k| (entry.ids[k], old[k]))
            .collect();
        self.remove_passages(&removed);
        let mut ids = Vec::with_capacity(new.len());
        ids.extend_from_slice(&entry.ids[..head]);
        let mut added: Vec<&Passage> = Vec::new();
        for (&(pi, p), found) in new[new_mid].iter().zip(matched) {
            match found {
                Some(k) => {
                    let id = entry.ids[k];
                    self.slots[id as usize].passage = pi as u32;
                    ids.push(id);
                }
                None => {
                    ids.push(self.add_passage(dslot, pi, p));
                    added.push(p);
                }
            }
        }
        ids.extend_from_slice(&entry.ids[old_mid.end..]);
        let share = OnceLock::new();
        if let Some(mut kept) = entry.share.into_inner() {
            let part = Arc::make_mut(&mut kept);
            for &(_, p) in &removed {
                part.take(p);
            }
            for &p in &added {
                part.add(p);
            }
            let _ = share.set(kept);
        }
        self.docs[dslot as usize] = Some(IndexedDoc {
            doc: doc.clone(),
            ids,
            share,
        });
    }

    /// Removes passages (id and passage) from their keys' lists and marks
    /// their ids dead.
    fn remove_passages(&mut self, passages: &[(u32, &Passage)]) {
        // (key, id) for every posting to drop, grouped by key, ids sorted.
        let mut postings: Vec<(u64, u32)> = Vec::new();
        for &(id, p) in passages {
            postings.extend(p.keys().into_iter().map(|(k, _)| (k, id)));
            self.total_len -= u64::from(p.len);
            self.slots[id as usize].doc = DEAD;
        }
        postings.sort_unstable();
        for group in postings.chunk_by(|a, b| a.0 == b.0) {
            let key = group[0].0;
            let Some(&KeyEntry { list: kid, .. }) = self.keys.get(&key) else {
                continue;
            };
            let list = &mut self.lists[kid as usize];
            let (min, max) = (group[0].1, group[group.len() - 1].1);
            let lo = list.ids.partition_point(|&x| x < min);
            let hi = list.ids.partition_point(|&x| x <= max);
            // Keep, within lo..hi, the ids not in the group (both sorted).
            let mut write = lo;
            let mut drop = group.iter().map(|&(_, id)| id).peekable();
            for read in lo..hi {
                let id = list.ids[read];
                while drop.next_if(|&d| d < id).is_some() {}
                if drop.next_if_eq(&id).is_some() {
                    continue;
                }
                list.ids[write] = id;
                list.tf[write] = list.tf[read];
                write += 1;
            }
            list.ids.drain(write..hi);
            list.tf.drain(write..hi);
            if list.ids.is_empty() {
                *list = Postings::default();
                self.keys.remove(&key);
                self.free_lists.push(kid);
            } else if let Some(e) = self.keys.get_mut(&key) {
                e.df = list.ids.len() as u32;
            }
        }
        self.live -= passages.len() as u32;
        crate::analysis::effort::add_passages_indexed(passages.len());
    }

    /// Removes a document's passages; unknown ids are ignored.
    pub fn remove(&mut self, id: &DocId) {
        self.forget_stories();
        let Some(dslot) = self.by_id.remove(id) else {
            return;
        };
        let Some(entry) = self.docs[dslot as usize].take() else {
            return;
        };
        self.free_docs.push(dslot);
        self.ordered.remove(id);
        let passages: Vec<(u32, &Passage)> = entry
            .ids
            .iter()
            .copied()
            .zip(entry.doc.related.passages.iter().filter(|p| p.indexed))
            .collect();
        self.remove_passages(&passages);
        if self.live == 0 {
            // Nothing left: start afresh.
            *self = Self::default();
        }
    }

    /// Renumbers passage ids densely (dropping dead ones).
    fn compact(&mut self) {
        let mut map = vec![DEAD; self.slots.len()];
        let mut slots = Vec::with_capacity(self.live as usize);
        let mut lens = Vec::with_capacity(self.live as usize);
        for (old, slot) in self.slots.iter().enumerate() {
            if slot.doc != DEAD {
                map[old] = slots.len() as u32;
                slots.push(*slot);
                lens.push(self.lens[old]);
            }
        }
        self.lens = lens;
        for list in &mut self.lists {
            for id in &mut list.ids {
                *id = map[*id as usize];
            }
        }
        for d in self.docs.iter_mut().flatten() {
            for id in &mut d.ids {
                *id = map[*id as usize];
            }
        }
        self.slots = slots;
    }

    /// Drops what the index keeps for the queries of its version (the
    /// weighed story contexts and passages' words): every change to the
    /// index changes the statistics they were weighed with.
    pub fn forget_stories(&mut self) {
        self.stories = OnceLock::new();
    }

    /// The [`StoryContext`] of the indexed document in `slot`, weighed by
    /// `weigh` with statistics of digest `digest` (those of the whole
    /// index, [`super::Stats::new`]): weighed once per version of the
    /// index and kept until the index changes, so the many queries of one
    /// version (code lenses, verification, a command-line check) do not
    /// weigh every candidate document again. The cache holds at most one
    /// context per indexed document (a few hundred keys each, bounded by
    /// the document's own context and words). Statistics of another digest
    /// are weighed afresh.
    pub(crate) fn story<R>(
        &self,
        slot: u32,
        digest: (u32, u32),
        weigh: impl FnOnce() -> StoryContext,
        read: impl FnOnce(&StoryContext) -> R,
    ) -> R {
        let stories = self.version(digest);
        match stories.by_slot.get(slot as usize) {
            Some(cell) if stories.digest == digest => read(cell.get_or_init(weigh)),
            _ => read(&weigh()),
        }
    }

    /// What this version of the index keeps, created by its first query.
    fn version(&self, digest: (u32, u32)) -> &Stories {
        self.stories.get_or_init(|| Stories {
            digest,
            by_slot: (0..self.docs.len()).map(|_| OnceLock::new()).collect(),
            passages: (0..self.slots.len().div_ceil(WEIGHED_CHUNK))
                .map(|_| OnceLock::new())
                .collect(),
        })
    }

    /// `read` of the [`Weighed`] words of the indexed passage `id`, weighed
    /// by `weigh` with statistics of digest `digest` (those of the whole
    /// index): as [`Index::story`], weighed once per version of the index
    /// and kept until it changes (at most one per indexed passage: its
    /// terms' weights). Statistics of another digest are weighed afresh.
    pub(crate) fn weighed<R>(
        &self,
        id: u32,
        digest: (u32, u32),
        weigh: impl FnOnce() -> Weighed,
        read: impl FnOnce(&Weighed) -> R,
    ) -> R {
        let stories = self.version(digest);
        let (chunk, at) = (id as usize / WEIGHED_CHUNK, id as usize % WEIGHED_CHUNK);
        match stories.passages.get(chunk) {
            Some(cell) if stories.digest == digest => {
                let cells =
                    cell.get_or_init(|| (0..WEIGHED_CHUNK).map(|_| OnceLock::new()).collect());
                read(cells[at].get_or_init(weigh))
            }
            _ => read(&weigh()),
        }
    }

    /// Number of indexed passages.
    pub fn passages(&self) -> usize {
        self.live as usize
    }

    /// Number of indexed documents.
    pub fn documents(&self) -> usize {
        self.by_id.len()
    }

    /// Mean BM25 length of the indexed passages.
    pub(crate) fn avg_len(&self) -> f32 {
        mean_len(self.total_len, self.live)
    }

    /// What the indexed version of document `id` adds to the statistics
    /// (`None` when it is not indexed): the passages each of its keys is
    /// in, its passages and their lengths summed.
    pub(crate) fn share(&self, id: &DocId) -> Option<Arc<Share>> {
        let &dslot = self.by_id.get(id)?;
        let entry = self.docs.get(dslot as usize)?.as_ref()?;
        let share = entry.share.get_or_init(|| {
            let mut share = Share::default();
            for p in entry.doc.related.passages.iter().filter(|p| p.indexed) {
                share.add(p);
            }
            Arc::new(share)
        });
        Some(share.clone())
    }

    /// Number of indexed passages and mean BM25 length without `share`.
    pub(crate) fn passages_without(&self, share: &Share) -> (u32, f32) {
        let live = self.live.saturating_sub(share.passages);
        let total = self.total_len.saturating_sub(share.total_len);
        (live, mean_len(total, live))
    }

    /// Number of passages that have `key`.
    pub(crate) fn df(&self, key: u64) -> u32 {
        let df = self.keys.get(&key).map_or(0, |e| e.df);
        debug_assert_eq!(
            df,
            self.keys
                .get(&key)
                .map_or(0, |e| self.lists[e.list as usize].ids.len() as u32)
        );
        df
    }

    /// The postings of `key`: passage ids and term frequencies.
    pub(crate) fn postings(&self, key: u64) -> Option<(&[u32], &[u8])> {
        let k = self.keys.get(&key)?.list;
        let list = &self.lists[k as usize];
        Some((&list.ids, &list.tf))
    }

    /// Size of the id space (dead ids included), for dense score buffers.
    pub(crate) fn id_space(&self) -> usize {
        self.slots.len()
    }

    /// The BM25 lengths of the passages, by passage id.
    pub(crate) fn lens(&self) -> &[u16] {
        &self.lens
    }

    pub(crate) fn slot(&self, id: u32) -> Option<Slot> {
        self.slots
            .get(id as usize)
            .copied()
            .filter(|s| s.doc != DEAD)
    }

    /// The document slot of an indexed document.
    pub(crate) fn doc_slot(&self, id: &DocId) -> Option<u32> {
        self.by_id.get(id).copied()
    }

    /// The indexed document in document slot `dslot`.
    pub(crate) fn doc_in(&self, dslot: u32) -> Option<&Arc<DocAnalysis>> {
        self.docs
            .get(dslot as usize)
            .and_then(|d| d.as_ref())
            .map(|d| &d.doc)
    }

    /// A number that orders the indexed documents as their ids do, by
    /// document slot: equal scores are told apart without reading the
    /// ids' text.
    pub(crate) fn doc_order(&self, dslot: u32) -> u64 {
        self.order.get(dslot as usize).copied().unwrap_or(u64::MAX)
    }

    /// The ids of the indexed passages of the document in slot `dslot`.
    pub(crate) fn doc_ids(&self, dslot: u32) -> &[u32] {
        self.docs
            .get(dslot as usize)
            .and_then(|d| d.as_ref())
            .map_or(&[], |d| &d.ids)
    }

    /// The document of a live slot.
    pub(crate) fn doc(&self, slot: &Slot) -> Option<&Arc<DocAnalysis>> {
        self.docs
            .get(slot.doc as usize)
            .and_then(|d| d.as_ref())
            .map(|d| &d.doc)
    }

    /// Approximate heap bytes held by the index (not counting the
    /// documents themselves).
    pub fn heap_bytes(&self) -> usize {
        let lists: usize = self
            .lists
            .iter()
            .map(|l| l.ids.capacity() * 4 + l.tf.capacity())
            .sum();
        lists
            + self.lists.capacity() * std::mem::size_of::<Postings>()
            + self.keys.capacity() * (8 + 8 + 1)
            + self.slots.capacity() * std::mem::size_of::<Slot>()
            + self.lens.capacity() * 2
            + self.docs.capacity() * std::mem::size_of::<Option<IndexedDoc>>()
            + self.by_id.capacity() * (std::mem::size_of::<DocId>() + 4 + 1)
            + self.ordered.len() * (std::mem::size_of::<DocId>() + 4)
            + self.order.capacity() * 8
    }
}
