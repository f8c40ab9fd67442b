//! Attribution of an edited document, re-reading only the paragraphs
//! around the edit.
//!
//! [`analyze`] reads a document as a whole, but what it decides for a
//! sentence depends on a bounded neighbourhood: a pronoun or role is
//! resolved among the mentions of the [`CONTEXT_SENTENCES`] sentences
//! before it at most, a crowd is corroborated by its paragraph or the next
//! sentence, a speaker tag is read in the next sentence of the paragraph.
//! The one unbounded dependency is a chain of quotations: a quotation that
//! continues from the paragraph before, or one opening its sentence that
//! takes the speaker of the sentence before (which may itself have taken
//! it the same way), and a later segment's speaker given back to earlier
//! segments. Such a chain passes from one paragraph to the next only
//! through a quotation mark in the first sentence of the later paragraph.
//!
//! So [`analyze_reusing`] cuts the document only between two paragraphs
//! where the later one's first sentence has no opening quotation mark
//! (a *clean cut*). The paragraphs the edit changed, widened by
//! [`CONTEXT_SENTENCES`] sentences and out to clean cuts, are the part
//! taken from a new reading; that reading runs over a window widened once
//! more in the same way (so everything the part reads is in it), with
//! [`analyze`] itself over the window's paragraphs. Everything outside the
//! part is taken from the previous version, its sentence, quotation and
//! byte positions moved by the edit. When the document's language changed
//! (the caller passes no previous version then), when the previous version
//! does not line up, or when the part would be most of the document, the
//! whole document is read by [`analyze`]. A property test
//! (`tests/incremental_props.rs`) checks that the result equals
//! [`analyze`]'s after random edits.

use std::ops::Range;

use super::{Attribution, DocAttribution, Quote, SentenceAttribution, analyze};
use crate::analysis::effort;
use crate::analysis::text::{Paragraph, Segmentation, Sentence};

/// Sentences of context read on each side of what changed. A sentence's
/// attribution reads at most six sentences back (pronoun resolution's
/// window in `resolve`) and one sentence on (a crowd named in the next
/// sentence, a speaker tag); eight leaves a margin over both.
pub const CONTEXT_SENTENCES: usize = 8;

/// Above this share of the document's paragraphs, the window is read as
/// the whole document: splicing would save little.
const MAX_WINDOW_SHARE: f64 = 0.5;

/// The attribution of `text` (segmented as `seg`), equal to
/// [`analyze`]`(text, seg)`, taking over from `before` (the previous
/// version's text, attribution and segmentation; to be given only when
/// the document's language is unchanged) what lies far enough from the
/// edit (see the module documentation).
pub fn analyze_reusing(
    text: &str,
    seg: &Segmentation,
    before: Option<(&str, &DocAttribution, &Segmentation)>,
) -> DocAttribution {
    before
        .and_then(|(old_text, old, old_seg)| splice(text, seg, old_text, old, old_seg))
        .unwrap_or_else(|| {
            effort::add_sentences_attributed(seg.sentences.len());
            analyze(text, seg)
        })
}

/// Whether the document may be cut before paragraph `p` (see the module
/// documentation): no quotation chain passes into it.
fn clean_cut(text: &str, seg: &Segmentation, p: usize) -> bool {
    let Some(para) = seg.paragraphs.get(p) else {
        // The end of the document.
        return true;
    };
    let first = seg
        .sentences
        .get(para.sentences.start)
        .filter(|_| !para.sentences.is_empty())
        .map_or(para.span.clone(), |s| s.span.clone());
    !text
        .get(first)
        .unwrap_or("")
        .contains(['"', '“', '”', '„', '«', '»', '‘', '’', '\''])
}

/// Paragraphs `range` of `seg` widened by [`CONTEXT_SENTENCES`] sentences
/// on each side and out to clean cuts.
pub(crate) fn widen(text: &str, seg: &Segmentation, range: Range<usize>) -> Range<usize> {
    let n = seg.paragraphs.len();
    let (mut start, mut end) = (range.start.min(n), range.end.min(n));
    let mut read = 0;
    while start > 0 && (read < CONTEXT_SENTENCES || !clean_cut(text, seg, start)) {
        start -= 1;
        read += seg.paragraphs[start].sentences.len();
    }
    let mut read = 0;
    while end < n && (read < CONTEXT_SENTENCES || !clean_cut(text, seg, end)) {
        read += seg.paragraphs[end].sentences.len();
        end += 1;
    }
    start..end
}

/// The segmentation of paragraphs `range` of `seg` alone, positions in the
/// text unchanged, indices counted from the first of them.
fn part(seg: &Segmentation, range: Range<usize>) -> Segmentation {
    let p_first = range.start;
    let paras = &seg.paragraphs[range];
    let (Some(first), Some(last)) = (paras.first(), paras.last()) else {
        return Segmentation::default();
    };
    let (s0, l0, p0) = (
        first.sentences.start,
        first.lines.start,
        first.sentences.start..last.sentences.end,
    );
    Segmentation {
        lines: seg.lines[first.lines.start..last.lines.end].to_vec(),
        paragraphs: paras
            .iter()
            .map(|p| Paragraph {
                span: p.span.clone(),
                lines: p.lines.start - l0..p.lines.end - l0,
                sentences: p.sentences.start - s0..p.sentences.end - s0,
            })
            .collect(),
        sentences: seg.sentences[p0]
            .iter()
            .map(|s| Sentence {
                span: s.span.clone(),
                paragraph: s.paragraph - p_first,
            })
            .collect(),
    }
}

/// How positions move from one reading to the result: byte offsets and
/// sentence indices by a fixed amount, quotation indices by a table.
struct Shift<'a> {
    bytes: isize,
    sentences: isize,
    quotes: &'a dyn Fn(usize) -> Option<usize>,
}

impl Shift<'_> {
    fn byte(&self, at: usize) -> usize {
        at.checked_add_signed(self.bytes).unwrap_or(0)
    }

    fn span(&self, r: &Range<usize>) -> Range<usize> {
        self.byte(r.start)..self.byte(r.end)
    }

    fn sentence(&self, i: usize) -> usize {
        i.checked_add_signed(self.sentences).unwrap_or(0)
    }

    fn attribution(&self, a: &Attribution) -> Attribution {
        let Attribution {
            source,
            construction,
            cue,
            phrase,
            medium,
            sentence,
            corroborated,
            within_attributed,
        } = a;
        let mut source = source.clone();
        source.span = self.span(&source.span);
        source.refers_to = source.refers_to.as_ref().map(|r| self.span(r));
        Attribution {
            source,
            construction: *construction,
            cue: self.span(cue),
            phrase: self.span(phrase),
            medium: medium.as_ref().map(|m| self.span(m)),
            sentence: self.sentence(*sentence),
            corroborated: *corroborated,
            within_attributed: *within_attributed,
        }
    }

    fn sentence_attribution(&self, s: &SentenceAttribution) -> Option<SentenceAttribution> {
        let SentenceAttribution {
            attributions,
            quotes,
            carried,
            hedges,
            heading,
        } = s;
        Some(SentenceAttribution {
            attributions: attributions.iter().map(|a| self.attribution(a)).collect(),
            quotes: quotes
                .iter()
                .map(|&q| (self.quotes)(q))
                .collect::<Option<_>>()?,
            carried: carried.as_ref().map(|a| self.attribution(a)),
            hedges: hedges.iter().map(|h| self.span(h)).collect(),
            heading: *heading,
        })
    }

    fn quote(&self, q: &Quote) -> Option<Quote> {
        let Quote {
            span,
            inner,
            closed,
            sentences,
            kind,
            continues,
            speaker,
        } = q;
        Some(Quote {
            span: self.span(span),
            inner: self.span(inner),
            closed: *closed,
            sentences: self.sentence(sentences.start)..self.sentence(sentences.end),
            kind: *kind,
            continues: match continues {
                Some(c) => Some((self.quotes)(*c)?),
                None => None,
            },
            speaker: speaker.as_ref().map(|a| self.attribution(a)),
        })
    }
}

/// The splice of the module documentation, or `None` where the whole
/// document must be read.
fn splice(
    text: &str,
    seg: &Segmentation,
    old_text: &str,
    old: &DocAttribution,
    old_seg: &Segmentation,
) -> Option<DocAttribution> {
    let (n, on) = (seg.paragraphs.len(), old_seg.paragraphs.len());
    if old.sentences.len() != old_seg.sentences.len() || old.paragraph_sourced.len() != on || n == 0
    {
        return None;
    }
    // Unchanged paragraphs at the start, in place, and at the end, moved
    // together by the edit: the same text, cut into the same sentences.
    let same = seg.unchanged(text, old_seg, old_text)?;
    let (prefix, suffix) = (same.prefix, same.suffix);
    let (bytes, sentences) = (same.bytes, same.sentences);
    let changed = prefix..n - suffix;
    let taken = widen(text, seg, changed);
    let window = widen(text, seg, taken.clone());
    if window.len() as f64 > MAX_WINDOW_SHARE * n as f64 {
        return None;
    }
    // The part taken from the new reading, in the old version: the same
    // paragraphs before it, the same number after it.
    let old_after = on - (n - taken.end);
    let sentence_at = |s: &Segmentation, p: usize| {
        s.paragraphs
            .get(p)
            .map_or(s.sentences.len(), |p| p.sentences.start)
    };
    let (new_s0, new_s1) = (sentence_at(seg, taken.start), sentence_at(seg, taken.end));
    let old_s1 = sentence_at(old_seg, old_after);
    let starts =
        |p: usize, s: &Segmentation| s.paragraphs.get(p).map_or(usize::MAX, |p| p.span.start);
    let (part_start, part_end) = (starts(taken.start, seg), starts(taken.end, seg));
    let old_part_end = starts(old_after, old_seg);

    let window_seg = part(seg, window.clone());
    effort::add_sentences_attributed(window_seg.sentences.len());
    let read = analyze(text, &window_seg);
    let window_s0 = sentence_at(seg, window.start);
    // Quotations: the old ones before the part, the new reading's inside
    // it, the old ones after it.
    let old_before = old.quotes.partition_point(|q| q.span.start < part_start);
    let old_from = old.quotes.partition_point(|q| q.span.start < old_part_end);
    let read_from = read.quotes.partition_point(|q| q.span.start < part_start);
    let read_to = read.quotes.partition_point(|q| q.span.start < part_end);
    let inside = read_to - read_from;
    let keep = |q: usize| (q < old_before).then_some(q);
    let from_read = |q: usize| {
        (read_from..read_to)
            .contains(&q)
            .then(|| q - read_from + old_before)
    };
    let from_old_after = |q: usize| (q >= old_from).then(|| q - old_from + old_before + inside);
    let unmoved = Shift {
        bytes: 0,
        sentences: 0,
        quotes: &keep,
    };
    let reread = Shift {
        bytes: 0,
        sentences: window_s0 as isize,
        quotes: &from_read,
    };
    let moved = Shift {
        bytes,
        sentences,
        quotes: &from_old_after,
    };

    let mut out = DocAttribution {
        sentences: Vec::with_capacity(seg.sentences.len()),
        quotes: Vec::with_capacity(old_before + inside + old.quotes.len() - old_from),
        paragraph_sourced: Vec::with_capacity(n),
    };
    for s in &old.sentences[..new_s0] {
        out.sentences.push(unmoved.sentence_attribution(s)?);
    }
    for s in read.sentences.get(new_s0 - window_s0..new_s1 - window_s0)? {
        out.sentences.push(reread.sentence_attribution(s)?);
    }
    for s in old.sentences.get(old_s1..)? {
        out.sentences.push(moved.sentence_attribution(s)?);
    }
    for q in &old.quotes[..old_before] {
        out.quotes.push(unmoved.quote(q)?);
    }
    for q in &read.quotes[read_from..read_to] {
        out.quotes.push(reread.quote(q)?);
    }
    for q in &old.quotes[old_from..] {
        out.quotes.push(moved.quote(q)?);
    }
    out.paragraph_sourced
        .extend_from_slice(&old.paragraph_sourced[..taken.start]);
    out.paragraph_sourced.extend_from_slice(
        read.paragraph_sourced
            .get(taken.start - window.start..taken.end - window.start)?,
    );
    out.paragraph_sourced
        .extend_from_slice(&old.paragraph_sourced[old_after..]);
    (out.sentences.len() == seg.sentences.len() && out.paragraph_sourced.len() == n).then_some(out)
}
