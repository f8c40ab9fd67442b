//! The corpus index of figures: from "what is counted, near which names"
//! to the figures of every document, so that "every other mention of this
//! quantity" is a few hash lookups.
//!
//! A figure is filed under one key per (topic, name) pair: its topics are
//! its kind together with its event ("killed") and with its counted thing
//! ("suspects"), as concepts when the synonym table knows the word, else as
//! stems; its names are those of its sentence (with their other forms, see
//! [`Counted::sentence_initials`](super::Counted)) and then of its paragraph (at
//! most [`MAX_NAMES`]). Two figures that [`same_quantity`] could match
//! share a topic, and two passages about one fact share a name, so a lookup
//! with the same keys finds them; the choice is symmetric, so a pair found
//! from one side is found from the other. Other forms of names are filed
//! apart, since two other forms alone never make one fact (see `keys_of`).
//!
//! A toll (people killed, injured or shot) is also filed under its event
//! with what identifies its document's incident
//! ([`Counted::incident`](super::Counted): the names the document repeats,
//! its rare figures), in a key space of its own: two reports of one
//! incident may place their tolls in sentences that share no name ("Harris
//! County deputies", "a club in Spring"). A lookup passes by such a key
//! when more than [`MAX_INCIDENT_DOCUMENTS`] documents' tolls are filed
//! under it (a city, an agency). The same-incident model decides.
//!
//! [`same_quantity`]: super::same_quantity

use std::sync::Arc;

use super::counted::ConceptClass;
use super::{FastMap, Figure, FigureKind, Fnv};
use crate::analysis::{DocAnalysis, DocId};

/// Names per figure used as keys.
pub const MAX_NAMES: usize = 10;

/// Figures of one document filed under one key that a lookup returns. A
/// key is a topic with a name: a news story repeats one quantity near one
/// name a handful of times (at most 6 in a BBC article); 5 of the 6,335
/// GVA documents, lists of incidents, file more (up to 127), and their
/// findings are the same as without the cap. It keeps one document of
/// thousands of alike figures from making every lookup cost its length.
pub const MAX_PER_DOCUMENT: usize = 32;

/// Figures of the corpus by topic and name.
///
/// Each key lists one run per document (`(slot, start, len)` into that
/// document's `filed` list), so a lookup skips a document, or takes a
/// bounded part of it, without reading its entries.
#[derive(Debug, Default)]
pub struct FigureIndex {
    postings: FastMap<u64, Vec<(u32, u32, u32)>>,
    slots: FastMap<DocId, u32>,
    /// Each slot's document, so that candidates need no look-up by id.
    docs: Vec<Option<Arc<DocAnalysis>>>,
    /// Each slot's figure indices, grouped by key (the runs point here).
    filed: Vec<Vec<u32>>,
    /// Each slot's keys, sorted: what removing its document visits,
    /// without reading its figures again.
    keys: Vec<Box<[u64]>>,
    /// Each slot's keys per figure, kept for a document filed again (an
    /// edited one): what its next version takes over for the figures whose
    /// keys it would compute alike. Empty for one filed once.
    figure_keys: Vec<FigureKeys>,
    free: Vec<u32>,
}

/// The keys each figure of a document is filed under, sorted and without
/// repeats: figure `i`'s are `keys[ends[i - 1]..ends[i]]` (from 0 for the
/// first).
#[derive(Debug, Default)]
struct FigureKeys {
    ends: Vec<u32>,
    keys: Vec<u64>,
}

impl FigureKeys {
    fn of(&self, i: usize) -> Option<&[u64]> {
        let end = *self.ends.get(i)? as usize;
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        self.keys.get(start..end)
    }
}

impl FigureIndex {
    /// Files every figure of `doc` (call after removing its old version).
    pub fn insert(&mut self, doc: &Arc<DocAnalysis>) {
        if doc.figures.is_empty() {
            return;
        }
        let slot = match self.free.pop() {
            Some(s) => {
                self.docs[s as usize] = Some(doc.clone());
                s
            }
            None => {
                self.docs.push(Some(doc.clone()));
                self.filed.push(Vec::new());
                self.keys.push(Box::default());
                self.figure_keys.push(FigureKeys::default());
                (self.docs.len() - 1) as u32
            }
        };
        self.slots.insert(doc.id.clone(), slot);
        // A document filed once (most of a corpus) keeps no keys per
        // figure: they are kept from its first new version on.
        self.figure_keys[slot as usize] = FigureKeys::default();
        let pairs = filed_pairs(doc, None, &mut FigureKeys::default());
        let filed = &mut self.filed[slot as usize];
        filed.clear();
        filed.extend(pairs.iter().map(|&(_, i)| i));
        let mut filed_keys = Vec::new();
        for (key, from, len) in runs(&pairs) {
            self.postings
                .entry(key)
                .or_default()
                .push((slot, from, len));
            filed_keys.push(key);
        }
        self.keys[slot as usize] = filed_keys.into();
    }

    /// Files the figures of a new version of `doc` in place of those of
    /// the version inserted (as [`FigureIndex::remove`] then
    /// [`FigureIndex::insert`] do, in the same slot): the keys both
    /// versions file under keep their place in their lists and only their
    /// runs are moved, so an edit that leaves most keys of a long draft
    /// alone neither drops nor makes their lists.
    pub fn replace(&mut self, doc: &Arc<DocAnalysis>) {
        let Some(&slot) = self.slots.get(&doc.id) else {
            self.insert(doc);
            return;
        };
        if doc.figures.is_empty() {
            self.remove(doc);
            return;
        }
        let old_doc = self.docs[slot as usize].replace(doc.clone());
        let old_keys = std::mem::take(&mut self.figure_keys[slot as usize]);
        let mut figure_keys = FigureKeys::default();
        let previous = old_doc.as_deref().map(|d| (d, &old_keys));
        let pairs = filed_pairs(doc, previous, &mut figure_keys);
        self.figure_keys[slot as usize] = figure_keys;
        let filed = &mut self.filed[slot as usize];
        filed.clear();
        filed.extend(pairs.iter().map(|&(_, i)| i));
        let old = std::mem::take(&mut self.keys[slot as usize]);
        let mut filed_keys = Vec::new();
        // Both key lists are sorted: walk them side by side.
        let mut o = 0;
        for (key, from, len) in runs(&pairs) {
            while o < old.len() && old[o] < key {
                self.unfile(old[o], slot);
                o += 1;
            }
            let list = self.postings.entry(key).or_default();
            let at = if o < old.len() && old[o] == key {
                o += 1;
                list.iter().position(|&(s, _, _)| s == slot)
            } else {
                None
            };
            match at {
                Some(at) => list[at] = (slot, from, len),
                None => list.push((slot, from, len)),
            }
            filed_keys.push(key);
        }
        for &k in &old[o..] {
            self.unfile(k, slot);
        }
        self.keys[slot as usize] = filed_keys.into();
    }

    /// Takes the run of `slot` out of the list of `key`.
    fn unfile(&mut self, key: u64, slot: u32) {
        if let Some(list) = self.postings.get_mut(&key) {
            list.retain(|&(s, _, _)| s != slot);
            if list.is_empty() {
                self.postings.remove(&key);
            }
        }
    }

    /// Forgets the figures of `doc` (the version that was inserted).
    pub fn remove(&mut self, doc: &DocAnalysis) {
        let Some(slot) = self.slots.remove(&doc.id) else {
            return;
        };
        let keys = std::mem::take(&mut self.keys[slot as usize]);
        for &k in keys.iter() {
            self.unfile(k, slot);
        }
        self.docs[slot as usize] = None;
        self.filed[slot as usize] = Vec::new();
        self.figure_keys[slot as usize] = FigureKeys::default();
        self.free.push(slot);
    }

    /// Figures filed under a key `f` would be filed under, as (document,
    /// figure index), each once, grouped by document; none of `skip`, and
    /// at most [`MAX_PER_DOCUMENT`] of one document under one key (the
    /// first in text order).
    pub fn candidates(&self, f: &Figure, skip: Option<&DocId>) -> Vec<(&DocAnalysis, usize)> {
        self.candidate_slots(f, skip)
            .into_iter()
            .filter_map(|(s, i)| Some((self.doc_at(s)?, i as usize)))
            .collect()
    }

    /// [`FigureIndex::candidates`] as (slot, figure index), sorted: the
    /// slot names the document ([`FigureIndex::doc_at`]) for as long as it
    /// is not removed.
    pub(super) fn candidate_slots(&self, f: &Figure, skip: Option<&DocId>) -> Vec<(u32, u32)> {
        let skip = skip.and_then(|id| self.slots.get(id)).copied();
        let mut keys = Vec::new();
        let mut incident = Vec::new();
        keys_of(f, Use::Lookup, &mut keys, Some(&mut incident));
        incident.sort_unstable();
        incident.dedup();
        keys.sort_unstable();
        keys.dedup();
        let mut hits: Vec<(u32, u32)> = Vec::new();
        let by_name = keys.iter().map(|&k| (k, false));
        let by_incident = incident.iter().map(|&k| (k, true));
        for (k, of_incident) in by_name.chain(by_incident) {
            let Some(list) = self.postings.get(&k) else {
                continue;
            };
            if of_incident && list.len() > MAX_INCIDENT_DOCUMENTS {
                continue;
            }
            for &(slot, start, len) in list {
                if Some(slot) == skip {
                    continue;
                }
                let Some(filed) = self.filed.get(slot as usize) else {
                    continue;
                };
                let (start, len) = (start as usize, (len as usize).min(MAX_PER_DOCUMENT));
                let run = filed.get(start..start + len).unwrap_or(&[]);
                crate::analysis::effort::add_figure_candidates(run.len());
                hits.extend(run.iter().map(|&i| (slot, i)));
            }
        }
        hits.sort_unstable();
        hits.dedup();
        hits
    }

    /// The document filed in `slot`, if any.
    /// The slot document `id` is filed in, if it has figures in the index.
    /// The index files each id in one slot, so comparing slots tells
    /// whether a candidate is that document without reading its id.
    pub(super) fn slot_of(&self, id: &DocId) -> Option<u32> {
        self.slots.get(id).copied()
    }

    pub fn doc_at(&self, slot: u32) -> Option<&DocAnalysis> {
        self.docs.get(slot as usize)?.as_deref()
    }

    /// The most figures one document files under one key, for statistics
    /// (compare with [`MAX_PER_DOCUMENT`]).
    pub fn largest_run(&self) -> usize {
        self.postings
            .values()
            .flat_map(|runs| runs.iter().map(|&(_, _, len)| len as usize))
            .max()
            .unwrap_or(0)
    }

    /// Number of (key, figure) entries, for statistics.
    pub fn entries(&self) -> usize {
        self.filed.iter().map(Vec::len).sum()
    }
}

/// Every (key, figure index) a document's figures are filed under, sorted
/// by key, then by figure: each key's figures in text order. Each
/// figure's keys are written to `out`; those of a figure of `previous`
/// (the version filed before, with its keys) that computes its keys from
/// the same fields ([`same_key_fields`]) are taken over rather than
/// computed again: an edit leaves the figures before it at their index
/// and those after it at their index from the end.
fn filed_pairs(
    doc: &DocAnalysis,
    previous: Option<(&DocAnalysis, &FigureKeys)>,
    out: &mut FigureKeys,
) -> Vec<(u64, u32)> {
    let list = &doc.figures.list;
    let mut pairs: Vec<(u64, u32)> = Vec::new();
    let mut keys = Vec::new();
    out.ends.clear();
    out.keys.clear();
    out.ends.reserve(list.len());
    for (i, f) in list.iter().enumerate() {
        let carried = previous.and_then(|(old, old_keys)| {
            let old_list = &old.figures.list;
            let from_end = (i + old_list.len()).checked_sub(list.len());
            [Some(i), from_end]
                .into_iter()
                .flatten()
                .find(|&j| old_list.get(j).is_some_and(|g| same_key_fields(f, g)))
                .and_then(|j| old_keys.of(j))
        });
        match carried {
            Some(old) => out.keys.extend_from_slice(old),
            None => {
                keys.clear();
                keys_of(f, Use::File, &mut keys, None);
                keys.sort_unstable();
                keys.dedup();
                out.keys.extend_from_slice(&keys);
            }
        }
        let start = out.ends.last().copied().unwrap_or(0) as usize;
        pairs.extend(out.keys[start..].iter().map(|&k| (k, i as u32)));
        out.ends.push(out.keys.len() as u32);
    }
    pairs.sort_unstable();
    pairs
}

/// Whether two figures have the same keys for `keys_of`: it reads these
/// fields alone (`topics_of` and [`toll_event`](super::counted::toll_event)
/// read kind, currency, person, head and verb with their concepts; the
/// names and the incident make the rest).
fn same_key_fields(a: &Figure, b: &Figure) -> bool {
    let same = |x: &Arc<[u64]>, y: &Arc<[u64]>| Arc::ptr_eq(x, y) || x[..] == y[..];
    let (c, d) = (&a.counted, &b.counted);
    a.kind == b.kind
        && a.currency == b.currency
        && c.person == d.person
        && c.head == d.head
        && c.head_concept == d.head_concept
        && c.verb_stem == d.verb_stem
        && c.verb_concept == d.verb_concept
        && same(&c.sentence_entities, &d.sentence_entities)
        && same(&c.sentence_initials, &d.sentence_initials)
        && same(&c.entities, &d.entities)
        && same(&c.incident, &d.incident)
}

/// Each key of `pairs` (sorted, see [`filed_pairs`]) with its run of
/// figures there (start and length in the slot's filed list).
fn runs(pairs: &[(u64, u32)]) -> impl Iterator<Item = (u64, u32, u32)> + '_ {
    let mut start = 0;
    std::iter::from_fn(move || {
        let key = pairs.get(start)?.0;
        let end = start + pairs[start..].partition_point(|&(k, _)| k == key);
        let run = (key, start as u32, (end - start) as u32);
        start = end;
        Some(run)
    })
}

/// The topics of a figure: its kind (and currency family) with its event
/// and with its counted thing. Two figures that [`same_quantity`] could
/// match share one.
///
/// [`same_quantity`]: super::same_quantity
pub(super) fn topics_of(f: &Figure, topics: &mut Vec<u64>) {
    topics.clear();
    let mut kind = Fnv::new();
    kind.write(f.kind.name().as_bytes());
    if f.kind == FigureKind::Money {
        let c = f.currency.unwrap_or("");
        let family = if matches!(c, "MXN" | "ARS" | "COP" | "CLP" | "PHP") {
            "peso"
        } else {
            c
        };
        kind.write(family.as_bytes());
    }
    let c = &f.counted;
    let topic = |tag: &str, word: &str| {
        let mut h = kind;
        h.write(tag.as_bytes());
        h.write(word.as_bytes());
        h.finish()
    };
    if f.kind == FigureKind::Age {
        if let Some(p) = c.person {
            topics.push(topic("person", &p.to_string()));
        }
    } else {
        if let Some(k) = c.verb_concept.filter(|k| k.class == ConceptClass::Event) {
            topics.push(topic("e", k.name));
        } else if let Some(v) = &c.verb_stem {
            topics.push(topic("e", v));
        }
        match (&c.head, c.head_concept) {
            (Some(_), Some(k)) if k.class == ConceptClass::Event => {
                topics.push(topic("e", k.name));
            }
            (Some(_), Some(k)) => topics.push(topic("t", k.name)),
            (Some(h), None) => topics.push(topic("t", h)),
            _ => {}
        }
        // People in general and a specific group of persons can be the same.
        if let Some(k) = c.head_concept
            && matches!(k.class, ConceptClass::People | ConceptClass::Person)
        {
            topics.push(topic("t", "*person"));
        }
    }
    topics.sort_unstable();
    topics.dedup();
}

/// The keys a figure is filed under (`Use::File`) or looked up under
/// (`Use::Lookup`).
///
/// Its names are of two sorts: names proper (its sentence's and
/// paragraph's) and other forms (initials, a sentence's first word that
/// may or may not be a name: "Nearly 3,700 homes…"). Two figures are only
/// ever taken for one fact when they share a name proper, or a name
/// proper of one is another form of the other
/// ([`shared_names`](super::counted::shared_names)); an other form on both
/// sides ("Nearly" and "Nearly") never counts. So other forms are filed in
/// their own key space, and a lookup asks a name proper in both spaces and
/// an other form only among names proper: the same pairs are found as with
/// one space, without the documents that merely open a sentence with the
/// same word.
///
/// A toll's keys by its document's incident go to `incident` when given
/// (a lookup reads them apart, see [`MAX_INCIDENT_DOCUMENTS`]), else to
/// `out` with the others.
fn keys_of(f: &Figure, use_: Use, out: &mut Vec<u64>, incident: Option<&mut Vec<u64>>) {
    let mut topics: Vec<u64> = Vec::with_capacity(3);
    topics_of(f, &mut topics);
    let c = &f.counted;
    // (name, is an other form)
    let mut names: Vec<(u64, bool)> = c
        .sentence_entities
        .iter()
        .map(|&e| (e, false))
        .take(MAX_NAMES)
        .collect();
    // Then the other forms of its names, then its paragraph's names.
    let others = c.sentence_initials.iter().map(|&e| (e, true));
    let paragraph = c.entities.iter().map(|&e| (e, false));
    for (e, other) in others.chain(paragraph) {
        let full = names.len() >= MAX_NAMES;
        match names.iter_mut().find(|(n, _)| *n == e) {
            // A paragraph's name that was first met as an other form is a
            // name proper all the same.
            Some(seen) => seen.1 &= other,
            None if full => break,
            None => names.push((e, other)),
        }
    }
    if names.is_empty() {
        names.push((0, false));
    }
    // A toll is also filed, and looked up, under what identifies its
    // document's incident (see `Counted::incident`), in a key space of
    // its own: reports of one incident whose toll sentences share no name.
    if let Some(event) = super::counted::toll_event(f) {
        let toll = Fnv::hash(event) ^ INCIDENT;
        let keys = c.incident.iter().map(|&k| toll ^ k.rotate_left(29));
        match incident {
            Some(incident) => incident.extend(keys),
            None => out.extend(keys),
        }
    }
    for &t in &topics {
        for &(n, other) in &names {
            let proper = t ^ n.rotate_left(17);
            let form = proper ^ OTHER_FORM;
            match (use_, other) {
                (Use::File, false) => out.push(proper),
                (Use::File, true) => out.push(form),
                (Use::Lookup, false) => {
                    out.push(proper);
                    out.push(form);
                }
                (Use::Lookup, true) => out.push(proper),
            }
        }
    }
}

/// Whether keys are wanted to file a figure or to look one up.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Use {
    File,
    Lookup,
}

/// Sets the key space of other forms of names apart from names proper.
const OTHER_FORM: u64 = 0x9e37_79b9_7f4a_7c15;

/// Documents whose tolls are filed under one of the keys of their
/// incident (a toll event with a name the document repeats, or a rare
/// figure) beyond which a lookup passes the key by: more reports than one
/// incident gets (of the 3,659 GVA incidents, 3 have more than 10 reports)
/// share it, so it names a city, a state or an agency, not an incident,
/// and would make every toll of a large corpus a candidate of every other.
/// Two reports of one incident share rarer keys too (a street, a club, a
/// victim, a spokesman). All GVA folders as one corpus got 154 findings
/// more than before these keys with 40 (104 against another incident's
/// report), 142 with 10 (91).
pub const MAX_INCIDENT_DOCUMENTS: usize = 10;

/// Sets the key space of tolls by their incident apart from the others.
const INCIDENT: u64 = 0xc2b2_ae3d_27d4_eb4f;
