//! Whether two passages report the same fact.
//!
//! [`PassageSimilarity`] is the question `inconsistent-figure` and the
//! figure hover ask about the passages around two figures. It is a trait so
//! that the related-passage index (BM25 over passages plus shared
//! entities) can answer it once it exists: implement the trait for the
//! index and return it from [`for_corpus`]. Until then
//! [`LexicalSimilarity`] answers with a measure of its own: overlap of
//! stemmed content words in the two sentences and the two paragraphs, plus
//! shared names.

use std::cell::RefCell;
use std::collections::HashMap;

use super::counted::{shared, stem};
use super::{Figure, Fnv, lexicon};
use crate::analysis::{Corpus, DocAnalysis};

/// How alike the passages around two figures are, from 0 (unrelated) to 1
/// (the same passage).
pub trait PassageSimilarity {
    fn similarity(&self, a: &DocAnalysis, fa: &Figure, b: &DocAnalysis, fb: &Figure) -> f32;
}

/// The similarity the figure rules use for `corpus`.
///
/// **Integration seam:** when the related-passage index is in the corpus,
/// return its similarity here (an adapter implementing
/// [`PassageSimilarity`] over the index's passage scores, normalised to
/// 0–1); the thresholds in `compare.rs` are calibrated for scores where
/// paraphrases of one fact reach about 0.3 and unrelated passages of one
/// story stay under 0.15.
pub fn for_corpus(_corpus: &Corpus) -> LexicalSimilarity {
    LexicalSimilarity::default()
}

/// (document address, sentence or paragraph index, is a paragraph).
type BagKey = (usize, usize, bool);

/// Content-word and name overlap, computed on demand and cached per
/// sentence and paragraph for the lifetime of the value.
#[derive(Default)]
pub struct LexicalSimilarity {
    cache: RefCell<HashMap<BagKey, Box<[u64]>>>,
}

impl LexicalSimilarity {
    /// Sorted, deduplicated hashed stems of the content words of a sentence
    /// (`paragraph == false`) or of a paragraph.
    fn bag(&self, doc: &DocAnalysis, index: usize, paragraph: bool) -> Box<[u64]> {
        let key = (doc as *const DocAnalysis as usize, index, paragraph);
        if let Some(b) = self.cache.borrow().get(&key) {
            return b.clone();
        }
        let span = if paragraph {
            doc.segmentation
                .paragraphs
                .get(index)
                .map(|p| p.span.clone())
        } else {
            doc.segmentation
                .sentences
                .get(index)
                .map(|s| s.span.clone())
        };
        let bag = span.map_or_else(|| Box::from([]), |span| content_words(doc.slice(span)));
        self.cache.borrow_mut().insert(key, bag.clone());
        bag
    }
}

/// Dice coefficient of two sorted sets.
fn dice(a: &[u64], b: &[u64]) -> f32 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    2.0 * shared(a, b) as f32 / (a.len() + b.len()) as f32
}

impl PassageSimilarity for LexicalSimilarity {
    fn similarity(&self, a: &DocAnalysis, fa: &Figure, b: &DocAnalysis, fb: &Figure) -> f32 {
        let sa = self.bag(a, fa.sentence, false);
        let sb = self.bag(b, fb.sentence, false);
        let pa = self.bag(a, fa.paragraph, true);
        let pb = self.bag(b, fb.paragraph, true);
        // Across documents, one fact has the same actors and places: two
        // sentences that both name someone and name no one in common
        // ("China's economy grew by 9.5%", "Singapore's economy grew by
        // 8.1%") are about different facts; a sentence that names no one
        // borrows its paragraph's names.
        if a.id != b.id {
            let (xa, xb) = (&fa.counted.sentence_entities, &fb.counted.sentence_entities);
            let both_named = !xa.is_empty() && !xb.is_empty();
            let shared_names = if both_named {
                shared(xa, xb)
            } else {
                shared(&fa.counted.entities, &fb.counted.entities)
            };
            if shared_names == 0 {
                return 0.0;
            }
        }
        let sentence = dice(&sa, &sb);
        let paragraph = dice(&pa, &pb);
        // Names the two sentences share, and names the two paragraphs share.
        let overlap = |x: &[u64], y: &[u64]| {
            if x.is_empty() || y.is_empty() {
                0.0
            } else {
                (shared(x, y) as f32 / x.len().min(y.len()) as f32).min(1.0)
            }
        };
        let names = overlap(&fa.counted.sentence_entities, &fb.counted.sentence_entities);
        let para_names = overlap(&fa.counted.entities, &fb.counted.entities);
        // The sentences carry the fact; the paragraphs only confirm it.
        (0.6 * sentence + 0.25 * names + 0.075 * paragraph + 0.075 * para_names).min(1.0)
    }
}

/// Hashed stems of the content words of `text`: letters only, three or
/// more characters, no function words, no number words.
pub fn content_words(text: &str) -> Box<[u64]> {
    let mut out: Vec<u64> = Vec::new();
    let mut buf = String::new();
    for word in text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’')) {
        let word = word.trim_matches(['\'', '’']);
        if word.chars().count() < 3 || !word.chars().all(char::is_alphabetic) {
            continue;
        }
        buf.clear();
        buf.extend(word.chars().flat_map(char::to_lowercase));
        if lexicon::STOPWORDS.contains(buf.as_str()) || lexicon::is_number_word(&buf) {
            continue;
        }
        out.push(Fnv::hash(&stem(&buf)));
    }
    out.sort_unstable();
    out.dedup();
    out.into_boxed_slice()
}
