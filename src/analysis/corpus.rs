//! The corpus: every analysed document of the workspace, and the indexes
//! that cross-document rules and queries ask.
//!
//! Documents are added, replaced and removed one at a time; each index
//! updates only the entries of the document that changed, so an edit in a
//! draft never re-indexes the other sources.

use std::collections::HashMap;
use std::sync::Arc;

use super::figures::FigureIndex;
use super::{DocAnalysis, DocId};

/// All analysed documents, with their indexes.
#[derive(Debug, Default)]
pub struct Corpus {
    docs: HashMap<DocId, Arc<DocAnalysis>>,
    /// Figures by what they count and the names near them.
    pub figures: FigureIndex,
}

impl Corpus {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds or replaces a document.
    pub fn upsert(&mut self, doc: Arc<DocAnalysis>) {
        self.remove(&doc.id.clone());
        self.figures.insert(&doc);
        self.docs.insert(doc.id.clone(), doc);
    }

    /// Removes a document; unknown ids are ignored.
    pub fn remove(&mut self, id: &DocId) -> Option<Arc<DocAnalysis>> {
        let old = self.docs.remove(id);
        if let Some(doc) = &old {
            self.figures.remove(doc);
        }
        old
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

    /// Every document, in no particular order.
    pub fn docs(&self) -> impl Iterator<Item = &Arc<DocAnalysis>> {
        self.docs.values()
    }
}
