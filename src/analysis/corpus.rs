//! The corpus: every analysed document of the workspace, and the indexes
//! that cross-document rules and queries ask.
//!
//! Documents are added, replaced and removed one at a time; each index
//! updates only the entries of the document that changed, so an edit in a
//! draft never re-indexes the other sources.

use std::collections::HashMap;
use std::sync::Arc;

use super::figures::FigureIndex;
use super::related;
use super::{DocAnalysis, DocId};

/// All analysed documents, with their indexes.
#[derive(Debug, Default)]
pub struct Corpus {
    docs: HashMap<DocId, Arc<DocAnalysis>>,
    /// Boilerplate: normalised line hash → number of documents with that
    /// line (each document counted once).
    line_docs: HashMap<u64, u32>,
    /// Figures by what they count and the names near them.
    pub figures: FigureIndex,
    /// Passages for related-passage queries.
    related: related::Index,
}

impl Corpus {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds or replaces a document.
    pub fn upsert(&mut self, doc: Arc<DocAnalysis>) {
        self.remove(&doc.id.clone());
        for &h in doc.boilerplate.hashes() {
            *self.line_docs.entry(h).or_insert(0) += 1;
        }
        self.figures.insert(&doc);
        self.related.insert(&doc);
        self.docs.insert(doc.id.clone(), doc);
    }

    /// Removes a document; unknown ids are ignored.
    pub fn remove(&mut self, id: &DocId) -> Option<Arc<DocAnalysis>> {
        let doc = self.docs.remove(id)?;
        self.figures.remove(&doc);
        self.related.remove(id);
        for h in doc.boilerplate.hashes() {
            if let Some(count) = self.line_docs.get_mut(h) {
                *count -= 1;
                if *count == 0 {
                    self.line_docs.remove(h);
                }
            }
        }
        Some(doc)
    }

    /// How many documents have a line with this normalised hash
    /// ([`boilerplate::features::normalised_hash`](super::boilerplate::features::normalised_hash)).
    pub fn line_doc_count(&self, hash: u64) -> u32 {
        self.line_docs.get(&hash).copied().unwrap_or(0)
    }

    pub fn get(&self, id: &DocId) -> Option<&Arc<DocAnalysis>> {
        self.docs.get(id)
    }

    pub fn contains(&self, id: &DocId) -> bool {
        self.docs.contains_key(id)
    }

    pub fn len(&self) -> usize {
        self.docs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// The related-passage index (see [`related`]).
    pub fn related(&self) -> &related::Index {
        &self.related
    }

    /// Every document, in no particular order.
    pub fn docs(&self) -> impl Iterator<Item = &Arc<DocAnalysis>> {
        self.docs.values()
    }
}
