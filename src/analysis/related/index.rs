//! The corpus-wide passage index: an inverted index from keys (terms,
//! entity names, figures, quote shingles) to passages, updated one
//! document at a time.
//!
//! Layout, for memory proportional to the corpus:
//! - keys are 64-bit hashes interned to dense `u32` ids; a key whose last
//!   posting goes is dropped and its id reused;
//! - a posting is a `u32` passage id and a `u8` term frequency, in two
//!   parallel vectors per key, sorted by passage id;
//! - a document's indexed passages get consecutive ids, so removing a
//!   document drains one contiguous range from each of its keys' lists
//!   (found by binary search); an edited document is re-added at the end,
//!   where the next edit removes it again cheaply;
//! - ids of removed documents are reclaimed by renumbering every list once
//!   half of the id space is dead (amortised over many edits).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::Arc;

use crate::analysis::{DocAnalysis, DocId};

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
    /// BM25 length.
    pub len: u16,
}

#[derive(Debug)]
struct IndexedDoc {
    doc: Arc<DocAnalysis>,
    first: u32,
    count: u32,
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
#[derive(Debug, Default)]
pub(crate) struct Share {
    /// Per key, the document's passages that have it.
    pub df: KeyMap,
    /// Its indexed passages.
    pub passages: u32,
    /// Their BM25 lengths summed.
    pub total_len: u64,
}

/// The passage index of a [`Corpus`](crate::analysis::Corpus).
#[derive(Default)]
pub struct Index {
    keys: KeyMap,
    lists: Vec<Postings>,
    free_lists: Vec<u32>,
    slots: Vec<Slot>,
    docs: Vec<Option<IndexedDoc>>,
    free_docs: Vec<u32>,
    by_id: HashMap<DocId, u32>,
    live: u32,
    total_len: u64,
}

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
    /// Adds a document's indexed passages (after removing any earlier
    /// version of it).
    pub fn insert(&mut self, doc: &Arc<DocAnalysis>) {
        self.remove(&doc.id);
        if self.slots.len() > 2 * self.live as usize + 4096 {
            self.compact();
        }
        let dslot = match self.free_docs.pop() {
            Some(s) => s,
            None => {
                self.docs.push(None);
                (self.docs.len() - 1) as u32
            }
        };
        let first = self.slots.len() as u32;
        let mut count = 0u32;
        for (pi, p) in doc.related.passages.iter().enumerate() {
            if !p.indexed {
                continue;
            }
            let id = self.slots.len() as u32;
            self.slots.push(Slot {
                doc: dslot,
                passage: pi as u32,
                len: p.len,
            });
            for (key, tf) in p.keys() {
                let kid = match self.keys.get(&key) {
                    Some(&k) => k,
                    None => {
                        let k = match self.free_lists.pop() {
                            Some(k) => k,
                            None => {
                                self.lists.push(Postings::default());
                                (self.lists.len() - 1) as u32
                            }
                        };
                        self.keys.insert(key, k);
                        k
                    }
                };
                let list = &mut self.lists[kid as usize];
                list.ids.push(id);
                list.tf.push(tf);
            }
            self.total_len += u64::from(p.len);
            count += 1;
        }
        self.live += count;
        self.docs[dslot as usize] = Some(IndexedDoc {
            doc: doc.clone(),
            first,
            count,
        });
        self.by_id.insert(doc.id.clone(), dslot);
    }

    /// Removes a document's passages; unknown ids are ignored.
    pub fn remove(&mut self, id: &DocId) {
        let Some(dslot) = self.by_id.remove(id) else {
            return;
        };
        let Some(entry) = self.docs[dslot as usize].take() else {
            return;
        };
        self.free_docs.push(dslot);
        let (first, end) = (entry.first, entry.first + entry.count);
        let mut keys: Vec<u64> = Vec::new();
        for p in entry.doc.related.passages.iter().filter(|p| p.indexed) {
            keys.extend(p.keys().into_iter().map(|(k, _)| k));
            self.total_len -= u64::from(p.len);
        }
        keys.sort_unstable();
        keys.dedup();
        for key in keys {
            let Some(&kid) = self.keys.get(&key) else {
                continue;
            };
            let list = &mut self.lists[kid as usize];
            let lo = list.ids.partition_point(|&x| x < first);
            let hi = list.ids.partition_point(|&x| x < end);
            list.ids.drain(lo..hi);
            list.tf.drain(lo..hi);
            if list.ids.is_empty() {
                *list = Postings::default();
                self.keys.remove(&key);
                self.free_lists.push(kid);
            }
        }
        for slot in &mut self.slots[first as usize..end as usize] {
            slot.doc = DEAD;
        }
        self.live -= entry.count;
        if self.live == 0 {
            // Nothing left: start afresh.
            *self = Self::default();
        }
    }

    /// Renumbers passage ids densely (dropping dead ones).
    fn compact(&mut self) {
        let mut map = vec![DEAD; self.slots.len()];
        let mut slots = Vec::with_capacity(self.live as usize);
        for (old, slot) in self.slots.iter().enumerate() {
            if slot.doc != DEAD {
                map[old] = slots.len() as u32;
                slots.push(*slot);
            }
        }
        for list in &mut self.lists {
            for id in &mut list.ids {
                *id = map[*id as usize];
            }
        }
        for d in self.docs.iter_mut().flatten() {
            if d.count > 0 {
                d.first = map[d.first as usize];
            } else {
                d.first = 0;
            }
        }
        self.slots = slots;
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
    pub(crate) fn share(&self, id: &DocId) -> Option<Share> {
        let &dslot = self.by_id.get(id)?;
        let entry = self.docs.get(dslot as usize)?.as_ref()?;
        let mut share = Share::default();
        for p in entry.doc.related.passages.iter().filter(|p| p.indexed) {
            for (k, _) in p.keys() {
                *share.df.entry(k).or_insert(0) += 1;
            }
            share.passages += 1;
            share.total_len += u64::from(p.len);
        }
        Some(share)
    }

    /// Number of indexed passages and mean BM25 length without `share`.
    pub(crate) fn passages_without(&self, share: &Share) -> (u32, f32) {
        let live = self.live.saturating_sub(share.passages);
        let total = self.total_len.saturating_sub(share.total_len);
        (live, mean_len(total, live))
    }

    /// Number of passages that have `key`.
    pub(crate) fn df(&self, key: u64) -> u32 {
        self.keys
            .get(&key)
            .map_or(0, |&k| self.lists[k as usize].ids.len() as u32)
    }

    /// The postings of `key`: passage ids and term frequencies.
    pub(crate) fn postings(&self, key: u64) -> Option<(&[u32], &[u8])> {
        let &k = self.keys.get(&key)?;
        let list = &self.lists[k as usize];
        Some((&list.ids, &list.tf))
    }

    /// Size of the id space (dead ids included), for dense score buffers.
    pub(crate) fn id_space(&self) -> usize {
        self.slots.len()
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
            + self.keys.capacity() * (8 + 4 + 1)
            + self.slots.capacity() * std::mem::size_of::<Slot>()
            + self.docs.capacity() * std::mem::size_of::<Option<IndexedDoc>>()
            + self.by_id.capacity() * (std::mem::size_of::<DocId>() + 4 + 1)
    }
}
