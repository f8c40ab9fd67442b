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

use super::text::{Segmentation, common_prefix, common_suffix};

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
        let old_hashes = paragraph_hashes(old.0, old.1);
        let new_hashes = paragraph_hashes(new.0, new.1);
        Self::with_hashes(
            (old.0, old.1, &old_hashes),
            (new.0, new.1, &new_hashes),
            wanted,
        )
    }

    /// [`ParagraphMap::new`], given each paragraph's [`paragraph_hashes`]
    /// (for the new version, see [`hashes_reusing`]): an edit then hashes
    /// only the paragraphs it changed.
    pub fn with_hashes(
        old: (&str, &Segmentation, &[u64]),
        new: (&str, &Segmentation, &[u64]),
        wanted: impl Fn(usize) -> bool,
    ) -> Self {
        let (old_text, old_seg, old_hashes) = old;
        let (text, seg, new_hashes) = new;
        let mut by_hash: HashMap<u64, Vec<usize>> = HashMap::new();
        for (pi, &h) in old_hashes.iter().enumerate().take(old_seg.paragraphs.len()) {
            if wanted(pi) {
                by_hash.entry(h).or_default().push(pi);
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
            let hash = match new_hashes.get(np) {
                Some(&h) => h,
                None => content_hash(t),
            };
            let Some(candidates) = by_hash.get(&hash) else {
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

/// The hash of each paragraph of `text` (see [`content_hash`]).
pub fn paragraph_hashes(text: &str, seg: &Segmentation) -> Vec<u64> {
    seg.paragraphs
        .iter()
        .map(|p| content_hash(text.get(p.span.clone()).unwrap_or("")))
        .collect()
}

/// [`paragraph_hashes`] of `text`, an edited version of `old_text`, taking
/// over from `old_hashes` the hash of every paragraph that lies in the
/// bytes before or after the change and was a paragraph of the old
/// version there (the same text, hence the same hash): only the
/// paragraphs the edit touched are hashed. `old_hashes` not of `old_seg`
/// (another length) are not used.
pub fn hashes_reusing(
    old_text: &str,
    old_seg: &Segmentation,
    old_hashes: &[u64],
    text: &str,
    seg: &Segmentation,
) -> Vec<u64> {
    if old_hashes.len() != old_seg.paragraphs.len() {
        return paragraph_hashes(text, seg);
    }
    let (a, b) = (old_text.as_bytes(), text.as_bytes());
    let prefix = common_prefix(a, b);
    let suffix = common_suffix(a, b, a.len().min(b.len()) - prefix);
    let (old_end, new_end) = (a.len() - suffix, b.len() - suffix);
    // The old paragraph with exactly this span, if any.
    let old_at = |span: std::ops::Range<usize>| {
        let q = old_seg
            .paragraphs
            .partition_point(|p| p.span.start < span.start);
        old_seg
            .paragraphs
            .get(q)
            .filter(|p| p.span == span)
            .map(|_| old_hashes[q])
    };
    seg.paragraphs
        .iter()
        .map(|p| {
            let kept = if p.span.end <= prefix {
                old_at(p.span.clone())
            } else if p.span.start >= new_end {
                let start = p.span.start - new_end + old_end;
                old_at(start..start + p.span.len())
            } else {
                None
            };
            kept.unwrap_or_else(|| content_hash(text.get(p.span.clone()).unwrap_or("")))
        })
        .collect()
}

/// The hash a paragraph is matched by.
pub(crate) fn content_hash(text: &str) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut h);
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The hashes of the paragraphs an edit left where they were, or moved
    /// whole, are taken over (marked here by old hashes that are not
    /// theirs); the touched paragraph is hashed again.
    #[test]
    fn a_keystroke_hashes_only_the_paragraph_it_touched() {
        let old: String = (0..50)
            .map(|i| format!("Paragraph {i} says one thing.\n\n"))
            .collect();
        let old_seg = Segmentation::new(&old);
        let at = old.find("Paragraph 25").expect("paragraph 25") + 3;
        let new = format!("{}x{}", &old[..at], &old[at..]);
        let seg = Segmentation::new(&new);
        let right = paragraph_hashes(&new, &seg);
        let taken = hashes_reusing(
            &old,
            &old_seg,
            &paragraph_hashes(&old, &old_seg),
            &new,
            &seg,
        );
        assert_eq!(taken, right);
        let marked: Vec<u64> = (0..old_seg.paragraphs.len() as u64).collect();
        let taken = hashes_reusing(&old, &old_seg, &marked, &new, &seg);
        let hashed: Vec<usize> = (0..taken.len()).filter(|&i| taken[i] == right[i]).collect();
        assert_eq!(hashed, [25]);
        assert_eq!(taken[26], 26, "moved by a byte, taken over");
        // The same map as with every paragraph hashed.
        let map = ParagraphMap::with_hashes(
            (&old, &old_seg, &paragraph_hashes(&old, &old_seg)),
            (&new, &seg, &right),
            |_| true,
        );
        assert_eq!(map.carried(), 49);
        assert!(map.get(25).is_none());
        assert_eq!(map.get(26).map(|c| c.old), Some(26));
    }
}
