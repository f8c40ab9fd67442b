//! The corpus: every analysed document of the workspace, and the indexes
//! that cross-document rules and queries ask.
//!
//! Documents are added, replaced and removed one at a time; each index
//! updates only the entries of the document that changed, so an edit in a
//! draft never re-indexes the other sources.

use std::collections::HashMap;
use std::sync::Arc;

use super::related;
use super::{DocAnalysis, DocId};

/// All analysed documents, with their indexes.
#[derive(Debug, Default)]
pub struct Corpus {
    docs: HashMap<DocId, Arc<DocAnalysis>>,
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
        self.related.insert(&doc);
        self.docs.insert(doc.id.clone(), doc);
    }

    /// Removes a document; unknown ids are ignored.
    pub fn remove(&mut self, id: &DocId) -> Option<Arc<DocAnalysis>> {
        self.related.remove(id);
        self.docs.remove(id)
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
