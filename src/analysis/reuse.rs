//! What an edited document can take over from the analysis of the version
//! before it, paragraph by paragraph.
//!
//! An edit touches a few paragraphs; the others keep their text and move
//! (bytes, sentences, lines before them come or go). [`ParagraphMap`]
//! finds, for each paragraph of the new version, a paragraph of the old
//! one with the same text cut into the same sentences (by content hash,
//! then compared), and [`Carried`] moves what was read of it to its new
//! place. A family of the analysis whose per-paragraph output depends only
//! on the paragraph's text and the document's language takes that output
//! over and reads only the other paragraphs; what depends on the whole
//! document (counts over every paragraph, the order of everything) it
//! recomputes from the per-paragraph parts, which is cheap. The language
//! layer's words ([`super::language::LangDoc::reusing`]), the figures
//! ([`super::figures::extract_reusing`]) and the passages' terms and
//! names ([`super::related::DocPassages::read_reusing`]) go through this
//! map. Where a paragraph's reading depends on a statistic of the whole
//! document (whether a word is capitalised elsewhere), the statistic is
//! kept as counts per paragraph's contribution, updated by the paragraphs
//! the edit removed and added, and only the paragraphs that asked about a
//! changed part of it are read again.
//!
//! The map is built in one pass over both texts (a hash of each
//! paragraph), so finding what to reuse grows only with the text's
//! length, never with the work the families do per paragraph.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};

use super::text::Segmentation;

/// Where one paragraph of the old version stands in the new one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Carried {
    /// The paragraph's index in the old segmentation.
    pub old: usize,
    /// Its first byte, sentence and line, before and after.
    old_start: (usize, usize, usize),
    new_start: (usize, usize, usize),
    new_paragraph: usize,
}

impl Carried {
    /// A byte offset of the old paragraph at its new place.
    pub fn byte(&self, at: usize) -> usize {
        at.saturating_sub(self.old_start.0) + self.new_start.0
    }

    /// A byte range of the old paragraph at its new place.
    pub fn span(&self, span: &std::ops::Range<usize>) -> std::ops::Range<usize> {
        self.byte(span.start)..self.byte(span.end)
    }

    /// The index of one of the old paragraph's sentences, in the new
    /// segmentation.
    pub fn sentence(&self, i: usize) -> usize {
        i.saturating_sub(self.old_start.1) + self.new_start.1
    }

    /// The index in the old segmentation of sentence `i` of the new one
    /// (one of the paragraph's sentences).
    pub fn old_sentence(&self, i: usize) -> usize {
        i.saturating_sub(self.new_start.1) + self.old_start.1
    }

    /// The index of one of the old paragraph's lines, in the new
    /// segmentation.
    pub fn line(&self, i: usize) -> usize {
        i.saturating_sub(self.old_start.2) + self.new_start.2
    }

    /// The paragraph's index in the new segmentation.
    pub fn paragraph(&self) -> usize {
        self.new_paragraph
    }
}

/// For each paragraph of a new version, the old paragraph it repeats, if
/// any (see the module documentation).
#[derive(Clone, Debug, Default)]
pub struct ParagraphMap {
    carried: Vec<Option<Carried>>,
}

impl ParagraphMap {
    /// Matches the paragraphs of `new` with those of `old` (each a text and
    /// its segmentation) that have the same text, cut into the same
    /// sentences. `wanted` says which old paragraphs are worth matching
    /// (those with something to take over).
    pub fn new(
        old: (&str, &Segmentation),
        new: (&str, &Segmentation),
        wanted: impl Fn(usize) -> bool,
    ) -> Self {
        let (old_text, old_seg) = old;
        let (text, seg) = new;
        let mut by_hash: HashMap<u64, Vec<usize>> = HashMap::new();
        for (pi, p) in old_seg.paragraphs.iter().enumerate() {
            if wanted(pi)
                && let Some(t) = old_text.get(p.span.clone())
            {
                by_hash.entry(content_hash(t)).or_default().push(pi);
            }
        }
        let mut carried = vec![None; seg.paragraphs.len()];
        if by_hash.is_empty() {
            return Self { carried };
        }
        for (np, p) in seg.paragraphs.iter().enumerate() {
            let Some(t) = text.get(p.span.clone()) else {
                continue;
            };
            let Some(candidates) = by_hash.get(&content_hash(t)) else {
                continue;
            };
            // The same text, cut into the same sentences (a hash collision
            // or a different cut reads the paragraph afresh).
            let same = |q: &&usize| {
                let o = &old_seg.paragraphs[**q];
                old_text.get(o.span.clone()) == Some(t)
                    && o.lines.len() == p.lines.len()
                    && o.sentences.len() == p.sentences.len()
                    && o.sentences.clone().zip(p.sentences.clone()).all(|(a, b)| {
                        let (a, b) = (&old_seg.sentences[a].span, &seg.sentences[b].span);
                        a.start - o.span.start == b.start - p.span.start
                            && a.end - o.span.start == b.end - p.span.start
                    })
            };
            if let Some(&q) = candidates.iter().find(same) {
                let o = &old_seg.paragraphs[q];
                carried[np] = Some(Carried {
                    old: q,
                    old_start: (o.span.start, o.sentences.start, o.lines.start),
                    new_start: (p.span.start, p.sentences.start, p.lines.start),
                    new_paragraph: np,
                });
            }
        }
        Self { carried }
    }

    /// Where new paragraph `p` was in the old version, if it is carried
    /// over.
    pub fn get(&self, p: usize) -> Option<&Carried> {
        self.carried.get(p)?.as_ref()
    }

    /// How many paragraphs are carried over.
    pub fn carried(&self) -> usize {
        self.carried.iter().filter(|c| c.is_some()).count()
    }
}

/// The hash a paragraph is matched by.
pub(crate) fn content_hash(text: &str) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut h);
    h.finish()
}
