//! The corpus: every analysed document of the workspace, and the indexes
//! that cross-document rules and queries ask.
//!
//! Documents are added, replaced and removed one at a time; each index
//! updates only the entries of the document that changed, so an edit in a
//! draft never re-indexes the other sources.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use super::figures::{self, FigureIndex, Fnv, MentionCache};
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
    /// The cross-document figure comparisons of the documents checked last,
    /// kept for their next check (see [`MentionCache`]).
    pub(crate) mentions: MentionCache,
}

impl Corpus {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds or replaces a document.
    pub fn upsert(&mut self, doc: Arc<DocAnalysis>) {
        // The passage and figure indexes replace a document's earlier
        // version themselves, keeping what the edit did not change.
        self.unindex(&doc.id.clone(), false, false);
        self.mentions.changed(&doc.id, true);
        count_lines(&mut self.line_docs, &doc);
        self.figures.replace(&doc);
        self.related.insert(&doc);
        self.docs.insert(doc.id.clone(), doc);
    }

    /// Adds or replaces many documents at once (as [`Corpus::upsert`] one
    /// after another would, the last of two with one id winning), filling
    /// the indexes side by side: for indexing a workspace.
    pub fn upsert_many(&mut self, batch: Vec<Arc<DocAnalysis>>) {
        let mut last: HashMap<DocId, usize> = HashMap::with_capacity(batch.len());
        for (i, d) in batch.iter().enumerate() {
            last.insert(d.id.clone(), i);
        }
        let batch: Vec<Arc<DocAnalysis>> = batch
            .into_iter()
            .enumerate()
            .filter(|(i, d)| last.get(&d.id) == Some(i))
            .map(|(_, d)| d)
            .collect();
        self.mentions.clear();
        for d in &batch {
            self.unindex(&d.id, false, true);
        }
        let Self {
            docs,
            line_docs,
            figures,
            related,
            ..
        } = self;
        // Each index sees the documents in batch order, as one by one.
        rayon::join(
            || {
                for d in &batch {
                    related.insert(d);
                }
            },
            || {
                for d in &batch {
                    figures.insert(d);
                    count_lines(line_docs, d);
                }
            },
        );
        for d in batch {
            docs.insert(d.id.clone(), d);
        }
    }

    /// Removes a document; unknown ids are ignored.
    pub fn remove(&mut self, id: &DocId) -> Option<Arc<DocAnalysis>> {
        let doc = self.unindex(id, true, true)?;
        self.mentions.changed(id, false);
        Some(doc)
    }

    /// Removes a document from the indexes (from the passage index only
    /// when `passages`, from the figure index only when `figures`: a new
    /// version replaces its entries there itself), leaving kept
    /// comparisons to the caller.
    fn unindex(&mut self, id: &DocId, passages: bool, figures: bool) -> Option<Arc<DocAnalysis>> {
        let doc = self.docs.remove(id)?;
        if figures {
            self.figures.remove(&doc);
        }
        if passages {
            self.related.remove(id);
        }
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

    /// Drops what the related-passage index keeps between the queries of
    /// one version of the corpus (see [`related::Index::forget_stories`]),
    /// so that the next query of each document is weighed afresh: for
    /// measuring a first query.
    #[doc(hidden)]
    pub fn forget_related_stories(&mut self) {
        self.related.forget_stories();
    }

    /// Every document, in no particular order.
    pub fn docs(&self) -> impl Iterator<Item = &Arc<DocAnalysis>> {
        self.docs.values()
    }
}

/// A digest of what the cross-document rules of *other* documents read of
/// `doc`: its line hashes (boilerplate recurring across documents), its
/// passages' index keys and story context (related passages, the
/// similarity of two figures' passages), and its figures as another
/// document's finding shows them (value, wording, what is counted, the
/// sentence quoted and the line named in the message). Byte offsets are
/// left out, so an edit that only moves these things (typing in a passage
/// without figures, where no term changes) keeps the digest; any change of
/// a figure or of a passage's terms changes it. Equal digests mean other
/// documents' cross-document findings need not be checked again.
pub fn facts_key(doc: &DocAnalysis) -> u64 {
    // Every part is hashed field by field (no text formatted, nothing
    // allocated): this runs on every keystroke, over the whole draft.
    let mut h = Fnv::new();
    doc.boilerplate.hashes().hash(&mut h);
    let p = &doc.related;
    p.names.hash(&mut h);
    p.context.hash(&mut h);
    p.words.hash(&mut h);
    for passage in &p.passages {
        (passage.indexed, passage.headline, passage.len).hash(&mut h);
        // Its index keys (see `Passage::keys`), part by part.
        passage.terms.hash(&mut h);
        passage.tfs.hash(&mut h);
        passage.quotes.hash(&mut h);
        h.write_usize(passage.figures.len());
        for g in passage.figures.iter() {
            g.key.hash(&mut h);
        }
        // A mention's display name by its text, not by its number, which
        // a name added earlier in the document changes for all.
        h.write_usize(passage.entities.len());
        for e in passage.entities.iter() {
            (e.canon, e.short, p.names.get(e.name as usize), e.weak).hash(&mut h);
        }
    }
    doc.figures.date.hash(&mut h);
    // The figures sentence by sentence (they are in text order): the
    // sentence's text once, then each figure without its offsets (those
    // of what it counts made relative to its sentence).
    let mut at_sentence = None;
    h.write_usize(doc.figures.list.len());
    for f in &doc.figures.list {
        let sentence = doc
            .segmentation
            .sentences
            .get(f.sentence)
            .map_or(0..0, |s| s.span.clone());
        if at_sentence != Some(f.sentence) {
            at_sentence = Some(f.sentence);
            doc.slice(sentence.clone()).hash(&mut h);
        }
        doc.slice(f.span.clone()).hash(&mut h);
        doc.line_number(f.span.start).hash(&mut h);
        (f.sentence, f.paragraph, f.in_words).hash(&mut h);
        doc.in_boilerplate(f.span.clone()).hash(&mut h);
        h.write_u64(figures::figure_digest(f, sentence.start));
        f.counted.incident.hash(&mut h);
    }
    h.finish()
}

/// Counts `doc` once for each of its normalised line hashes.
fn count_lines(line_docs: &mut HashMap<u64, u32>, doc: &DocAnalysis) {
    for &h in doc.boilerplate.hashes() {
        *line_docs.entry(h).or_insert(0) += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{RuleScope, Settings, analyze_document, check};

    fn doc(name: &str, text: &str) -> Arc<DocAnalysis> {
        Arc::new(analyze_document(
            DocId::new(name),
            Arc::from(text),
            &Settings::default(),
        ))
    }

    #[test]
    fn facts_change_with_figures_and_words_not_with_spacing() {
        let text = "Pier Closed After Storm\n\nThe storm damaged 40 metres of the Selby pier on Monday, the council said.\n\nEngineers will inspect the pier next week.\n";
        let key = |t: &str| facts_key(&doc("a.txt", t));
        let base = key(text);
        assert_eq!(base, key(text), "the same text, the same facts");
        // White space in a sentence without a figure changes nothing
        // another document reads.
        assert_eq!(base, key(&text.replace("will inspect", "will  inspect")));
        // A figure's value, a figure's line, a passage's words do.
        assert_ne!(base, key(&text.replace("40", "45")));
        assert_ne!(base, key(&format!("\n{text}")));
        assert_ne!(base, key(&text.replace("next week", "next month")));
    }

    #[test]
    fn a_batch_is_the_same_as_one_by_one() {
        let docs = [
            doc(
                "a.txt",
                "Related Posts\nA fire at the Kilford depot injured 12 workers, the fire service said on Monday.\nShare this article\n",
            ),
            doc(
                "b.txt",
                "Related Posts\nThe Kilford depot fire injured 15 workers, officials said on Monday.\nShare this article\n",
            ),
            doc("c.txt", "Old text of c about the Kilford depot."),
            doc(
                "c.txt",
                "Firefighters said 15 workers were hurt in the Kilford depot fire on Monday.\n",
            ),
        ];
        let mut one_by_one = Corpus::new();
        for d in &docs {
            one_by_one.upsert(d.clone());
        }
        let mut batch = Corpus::new();
        batch.upsert(doc("b.txt", "An earlier version of b."));
        batch.upsert_many(docs.to_vec());

        assert_eq!(batch.len(), 3);
        assert_eq!(batch.len(), one_by_one.len());
        assert_eq!(batch.figures.entries(), one_by_one.figures.entries());
        assert_eq!(
            format!("{:?}", batch.related()),
            format!("{:?}", one_by_one.related())
        );
        for d in &docs {
            for &h in d.boilerplate.hashes() {
                assert_eq!(batch.line_doc_count(h), one_by_one.line_doc_count(h));
            }
        }
        // The later c.txt won, and the findings are those of the serial corpus.
        assert!(Arc::ptr_eq(
            batch.get(&DocId::new("c.txt")).unwrap(),
            &docs[3]
        ));
        for d in &docs[..2] {
            let a = check(d, &batch, &Settings::default(), RuleScope::All);
            let b = check(d, &one_by_one, &Settings::default(), RuleScope::All);
            assert_eq!(format!("{a:?}"), format!("{b:?}"));
            assert!(a.iter().any(|f| f.code == "inconsistent-figure"), "{a:?}");
        }
    }
}
