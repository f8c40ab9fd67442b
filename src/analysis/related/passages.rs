//! A document cut into passages, with what each passage says: its terms,
//! entities, figures and quoted words.
//!
//! There is one passage per sentence of the segmentation (same index), with
//! its paragraph; a headline (a one-sentence paragraph without final
//! punctuation) is a passage like any other. Boilerplate sentences and
//! sentences with almost nothing in them are kept in the list (so indices
//! stay aligned) but not indexed. A boilerplate sentence keeps what it says
//! ([`Passage::queryable`]): it is never a candidate, but a reader may still
//! ask what else reports it (a generated FAQ restating the article).

use std::ops::Range;

use std::sync::Arc;

use super::entities::{self, EntityMention, NameCache, ParagraphInput, ParagraphWords};
use super::figures::{Figure, FigureKind};
use super::quotes;
use super::terms::terms_of_word;
use crate::analysis::language::Lang;
use crate::analysis::reuse::ParagraphMap;
use crate::analysis::text::Segmentation;

/// One sentence, read for matching.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub struct Passage {
    /// The sentence's byte range.
    pub span: Range<usize>,
    /// Index into the segmentation's paragraphs.
    pub paragraph: usize,
    /// A headline or subheading: a one-sentence paragraph without final
    /// punctuation.
    pub headline: bool,
    /// Whether the passage is in the index: [`Passage::queryable`] and not
    /// on boilerplate lines.
    pub indexed: bool,
    /// Distinct term hashes, sorted. Shared with the version before for
    /// a sentence an edit left unchanged (as `tfs` and `quotes`).
    pub(crate) terms: Arc<[u64]>,
    /// Occurrences of each term (saturating), parallel to `terms`.
    pub(crate) tfs: Arc<[u8]>,
    /// Number of term occurrences (the BM25 length).
    pub(crate) len: u16,
    pub entities: Box<[EntityMention]>,
    pub figures: Box<[Figure]>,
    /// Quoted-word shingle hashes, sorted.
    pub(crate) quotes: Arc<[u64]>,
}

impl Passage {
    /// Whether the passage says enough to be compared with others: two
    /// terms, or a term and a name. Read from the stored terms and names
    /// alone, so that a boilerplate sentence (kept, not indexed) can still
    /// be the query of a search.
    pub fn queryable(&self) -> bool {
        self.terms.len() >= 2 || (!self.terms.is_empty() && !self.entities.is_empty())
    }

    /// Every index key of the passage with its term frequency: terms,
    /// entity names and short names, figures and quote shingles. Sorted by
    /// key, no duplicates.
    pub(crate) fn keys(&self) -> Vec<(u64, u8)> {
        let mut keys: Vec<(u64, u8)> = Vec::with_capacity(
            self.terms.len() + self.entities.len() * 2 + self.figures.len() + self.quotes.len(),
        );
        keys.extend(self.terms.iter().copied().zip(self.tfs.iter().copied()));
        for e in self.entities.iter() {
            keys.push((e.canon, 1));
            keys.push((e.short, 1));
        }
        keys.extend(self.figures.iter().map(|f| (f.key, 1)));
        keys.extend(self.quotes.iter().map(|&q| (q, 1)));
        keys.sort_unstable_by_key(|&(k, _)| k);
        keys.dedup_by_key(|&mut (k, _)| k);
        keys
    }

    /// The keys this passage adds to its document's context (entities and dates).
    pub(crate) fn context_keys(&self) -> impl Iterator<Item = u64> + '_ {
        self.entities
            .iter()
            .filter(|e| !e.weak)
            .map(|e| e.canon)
            .chain(
                self.figures
                    .iter()
                    .filter(|f| f.kind == FigureKind::Date)
                    .map(|f| f.key),
            )
    }
}

/// A document's passages.
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct DocPassages {
    /// The document's language: how its words become terms.
    pub lang: Lang,
    /// One per sentence, in the segmentation's order.
    pub passages: Vec<Passage>,
    /// Canonical display names of the entities ("Ana Lindqvist").
    pub names: Vec<Box<str>>,
    /// Quoted stretches of the whole text, in order.
    pub(crate) quote_spans: Vec<Range<usize>>,
    /// What identifies the document's story: its entities' canonical keys
    /// and its dates (the 32 most repeated), sorted, each with the number of
    /// passages that have it.
    pub(crate) context: Box<[(u64, u16)]>,
    /// What the document is about in words: its [`DOC_TERMS`] most
    /// frequent terms over the indexed passages, sorted by key, each with
    /// its count.
    pub(crate) words: Box<[(u64, u16)]>,
    /// What the entity reader read of each paragraph, for reading the
    /// next version of an edited document (see
    /// [`DocPassages::read_reusing`]); not stored, and dropped for a
    /// document that is not edited ([`DocPassages::forget_reading`]).
    #[serde(skip)]
    pub(crate) names_cache: NameCache,
}

/// At most this many names and dates describe a document's story.
const CONTEXT_KEYS: usize = 32;
/// At most this many terms describe what a document is about: enough for
/// a news article's recurring vocabulary, few enough that comparing two
/// documents costs a couple of hundred hash look-ups per query candidate.
const DOC_TERMS: usize = 128;

/// `(key, count)` pairs summed by key, the `cap` largest counts kept
/// (ties to the smaller key), sorted by key.
fn top_counts(mut v: Vec<(u64, u16)>, cap: usize) -> Box<[(u64, u16)]> {
    v.sort_unstable_by_key(|&(k, _)| k);
    v.dedup_by(|next, kept| {
        if next.0 == kept.0 {
            kept.1 = kept.1.saturating_add(next.1);
            true
        } else {
            false
        }
    });
    if v.len() > cap {
        v.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        v.truncate(cap);
        v.sort_unstable_by_key(|&(k, _)| k);
    }
    v.into_boxed_slice()
}

/// Says whether a line (an index into the segmentation's lines) is
/// boilerplate. See [`DocPassages::new`].
pub type LineFilter<'a> = &'a dyn Fn(usize) -> bool;

/// Gives the figures of a sentence (its byte span in the text), for
/// [`DocPassages::new`].
pub type FigureSource<'a> = &'a dyn Fn(Range<usize>) -> Vec<Figure>;

impl DocPassages {
    /// Reads the passages of `text`.
    ///
    /// **Boilerplate seam:** `is_boilerplate_line` gets a line index and
    /// says whether the line is page furniture ("Related videos:", "Also
    /// Read: …"). A sentence whose lines are all boilerplate is not indexed,
    /// so it is never related to anything. `analyze_document` passes the
    /// boilerplate detector's per-line verdict here.
    ///
    /// **Figures:** `figures` gives a sentence's figures; `analyze_document`
    /// passes the figures module's, converted with
    /// [`super::figures_for_index`].
    pub fn new(
        text: &str,
        seg: &Segmentation,
        lang: Lang,
        is_boilerplate_line: LineFilter<'_>,
        figures: FigureSource<'_>,
    ) -> Self {
        Self::read(text, seg, lang).finish(seg, is_boilerplate_line, figures)
    }

    /// The part of [`DocPassages::new`] that needs neither the boilerplate
    /// verdicts nor the figures, so that it can run beside them. `lang` is
    /// the document's language (see [`super::terms::terms_of_word`]).
    pub fn read(text: &str, seg: &Segmentation, lang: Lang) -> PassageReading {
        Self::read_reusing(text, seg, lang, None)
    }

    /// [`DocPassages::read`] for an edited text, taking over from
    /// `previous` (the passages of the version before it, read in the same
    /// language, with its segmentation and the unchanged paragraphs: see
    /// [`crate::analysis::reuse`]) the terms, their counts and the quoted
    /// shingles of every sentence of an unchanged paragraph, which depend
    /// on the paragraph's text and the language only, and its words as the
    /// entity reader read them. A name's evidence is every sentence of the
    /// document: the entity reader keeps it as counts per word, updated by
    /// the paragraphs the edit removed and added, and looks for names
    /// again only in the new paragraphs and in those holding a word whose
    /// evidence changed; the names are then resolved over the whole
    /// document (see [`entities::extract_paragraphs`]). The result is the
    /// same as [`DocPassages::read`]'s.
    pub fn read_reusing(
        text: &str,
        seg: &Segmentation,
        lang: Lang,
        previous: Option<(&DocPassages, &ParagraphMap)>,
    ) -> PassageReading {
        let previous = previous.filter(|(old, _)| old.lang == lang);
        // The passage sentence `si` (of paragraph `p`) was before the edit.
        let carried = |si: usize, p: usize| -> Option<&Passage> {
            let (old, map) = previous?;
            old.passages.get(map.get(p)?.old_sentence(si))
        };
        // Each paragraph's words: those of an unchanged paragraph are the
        // version before's (with what the entity reader read of them).
        let mut inputs = Vec::with_capacity(seg.paragraphs.len());
        let mut words: Vec<Arc<ParagraphWords>> = Vec::with_capacity(seg.paragraphs.len());
        for (pi, p) in seg.paragraphs.iter().enumerate() {
            let kept = previous.and_then(|(old, map)| {
                let q = map.get(pi)?.old;
                Some((q, old.names_cache.paragraph(q)?.clone()))
            });
            if let Some((q, kept)) = kept {
                words.push(kept.words().clone());
                inputs.push(ParagraphInput::Kept(q, kept));
                continue;
            }
            crate::analysis::effort::add_word_paragraph_read();
            let at = p.span.start;
            let read = Arc::new(ParagraphWords::read(
                text.get(p.span.clone()).unwrap_or(""),
                seg.sentences[p.sentences.clone()]
                    .iter()
                    .map(|s| s.span.start.saturating_sub(at)..s.span.end.saturating_sub(at)),
            ));
            words.push(read.clone());
            inputs.push(ParagraphInput::Read(read));
        }
        let bounds: Vec<(usize, usize, usize)> = seg
            .paragraphs
            .iter()
            .map(|p| (p.span.start, p.sentences.start, p.sentences.len()))
            .collect();
        let (ents, names_cache) = entities::extract_paragraphs(
            text,
            &bounds,
            inputs,
            previous.map(|(old, _)| &old.names_cache),
        );
        let mut quote_spans = Vec::new();
        let mut para_quotes: Vec<Vec<Range<usize>>> = Vec::with_capacity(seg.paragraphs.len());
        for (p, w) in seg.paragraphs.iter().zip(&words) {
            let at = p.span.start;
            let q: Vec<Range<usize>> = w.quotes.iter().map(|q| q.start + at..q.end + at).collect();
            quote_spans.extend(q.iter().cloned());
            para_quotes.push(q);
        }
        let mut passages = Vec::with_capacity(seg.sentences.len());
        let mut buf = String::new();
        let mut hashes: Vec<u64> = Vec::new();
        let mut entity_lists = ents.by_sentence.into_iter();
        for (si, sentence) in seg.sentences.iter().enumerate() {
            let span = &sentence.span;
            let entities = entity_lists.next().unwrap_or_default();
            if let Some(before) = carried(si, sentence.paragraph) {
                passages.push(Passage {
                    span: span.clone(),
                    paragraph: sentence.paragraph,
                    headline: before.headline,
                    indexed: false,
                    terms: before.terms.clone(),
                    tfs: before.tfs.clone(),
                    len: before.len,
                    entities: entities.into_boxed_slice(),
                    figures: Box::default(),
                    quotes: before.quotes.clone(),
                });
                continue;
            }
            // The sentence's words, read with its paragraph.
            let paragraph = seg.paragraphs.get(sentence.paragraph);
            let ptext = paragraph.map_or("", |p| text.get(p.span.clone()).unwrap_or(""));
            let pw = words.get(sentence.paragraph);
            let ws = pw
                .zip(paragraph)
                .and_then(|(w, p)| w.sentences.get(si.checked_sub(p.sentences.start)?))
                .map_or(&[][..], Vec::as_slice);
            let arena = pw.map_or("", |w| w.arena.as_str());
            hashes.clear();
            for w in ws {
                terms_of_word(ptext, arena, w, lang, &mut buf, |h| hashes.push(h));
            }
            let len = hashes.len() as u32;
            hashes.sort_unstable();
            let mut terms: Vec<(u64, u32)> = Vec::with_capacity(hashes.len());
            for &h in &hashes {
                match terms.last_mut() {
                    Some((last, n)) if *last == h => *n += 1,
                    _ => terms.push((h, 1)),
                }
            }
            let quotes = para_quotes
                .get(sentence.paragraph)
                .map(|q| quotes::shingles(text, span.clone(), q))
                .unwrap_or_default();
            let paragraph = seg.paragraphs.get(sentence.paragraph);
            let headline = paragraph.is_some_and(|p| p.sentences.len() == 1)
                && !text[span.clone()]
                    .trim_end()
                    .ends_with(['.', '!', '?', '…', '"', '”', ':'])
                && ws.len() <= 25;
            passages.push(Passage {
                span: span.clone(),
                paragraph: sentence.paragraph,
                headline,
                indexed: false,
                tfs: terms.iter().map(|&(_, c)| c.min(255) as u8).collect(),
                terms: terms.iter().map(|&(h, _)| h).collect(),
                len: len.min(u32::from(u16::MAX)) as u16,
                entities: entities.into_boxed_slice(),
                figures: Box::default(),
                quotes: quotes.into(),
            });
        }
        PassageReading {
            lang,
            passages,
            names: ents.names,
            quote_spans,
            names_cache,
        }
    }
}

/// A document's passages before the boilerplate verdicts and the figures
/// are known ([`DocPassages::read`]); [`PassageReading::finish`] completes
/// them.
#[derive(Debug)]
pub struct PassageReading {
    lang: Lang,
    passages: Vec<Passage>,
    names: Vec<Box<str>>,
    quote_spans: Vec<Range<usize>>,
    names_cache: NameCache,
}

impl PassageReading {
    /// Adds the figures and the boilerplate verdicts (see
    /// [`DocPassages::new`] for both seams).
    pub fn finish(
        self,
        seg: &Segmentation,
        is_boilerplate_line: LineFilter<'_>,
        figures: FigureSource<'_>,
    ) -> DocPassages {
        let Self {
            lang,
            mut passages,
            names,
            quote_spans,
            names_cache,
        } = self;
        for p in passages.iter_mut() {
            let span = p.span.clone();
            p.figures = figures(span.clone()).into_boxed_slice();
            let boilerplate = {
                let first = seg.line_at(span.start);
                let last = seg.line_at(span.end.saturating_sub(1).max(span.start));
                (first..=last).all(is_boilerplate_line)
            };
            p.indexed = !boilerplate && p.queryable();
        }
        let mut keys: Vec<u64> = Vec::new();
        let mut context: Vec<(u64, u16)> = Vec::new();
        for p in passages.iter().filter(|p| p.indexed) {
            keys.clear();
            keys.extend(p.context_keys());
            keys.sort_unstable();
            keys.dedup();
            context.extend(keys.iter().map(|&k| (k, 1)));
        }
        context.sort_unstable_by_key(|&(k, _)| k);
        context.dedup_by(|next, kept| {
            if next.0 == kept.0 {
                kept.1 = kept.1.saturating_add(next.1);
                true
            } else {
                false
            }
        });
        let words = top_counts(
            passages
                .iter()
                .filter(|p| p.indexed)
                .flat_map(|p| p.terms.iter().zip(p.tfs.iter()))
                .map(|(&k, &tf)| (k, u16::from(tf)))
                .collect(),
            DOC_TERMS,
        );
        // The most repeated ones identify the story; the cap bounds the
        // cost of comparing two documents.
        if context.len() > CONTEXT_KEYS {
            context.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            context.truncate(CONTEXT_KEYS);
            context.sort_unstable_by_key(|&(k, _)| k);
        }
        DocPassages {
            lang,
            passages,
            names,
            quote_spans,
            words,
            context: context.into_boxed_slice(),
            names_cache,
        }
    }
}

impl DocPassages {
    /// Drops what was kept for reading the next version of the document
    /// (a document that is not edited would hold it for every paragraph).
    pub fn forget_reading(&mut self) {
        self.names_cache = NameCache::default();
    }

    /// The passage of the sentence at `offset` (or the first one after it
    /// on the same line), if any.
    pub fn passage_at(&self, seg: &Segmentation, offset: usize) -> Option<usize> {
        if let Some(i) = seg.sentence_at(offset) {
            return Some(i);
        }
        let i = seg.sentence_at_or_after(offset)?;
        let same_line = seg.line_at(seg.sentences[i].span.start) == seg.line_at(offset);
        same_line.then_some(i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_passage_per_sentence_with_headlines_and_filtered_lines() {
        let text = "Harbour Reopens After Storm\n\
                    The harbour at Port Aldren reopened on May 4. “We are open for business again,” said Mayor Tomas Ekberg.\n\
                    Related videos:\n";
        let seg = Segmentation::new(text);
        let figs = crate::analysis::figures::extract(text, &seg);
        let source = |span: Range<usize>| super::super::figures::from_extracted(figs.in_span(span));
        let dp = DocPassages::new(text, &seg, Lang::English, &|line| line == 2, &source);
        assert_eq!(dp.passages.len(), seg.sentences.len());
        assert!(dp.passages[0].headline && dp.passages[0].indexed);
        assert!(!dp.passages[1].headline);
        assert_eq!(dp.passages[1].figures.len(), 1);
        assert!(!dp.passages[2].quotes.is_empty());
        assert!(!dp.passages[2].entities.is_empty());
        // The boilerplate line is kept but not indexed.
        assert!(!dp.passages[3].indexed);
        assert!(!dp.context.is_empty());
        assert_eq!(
            dp.passage_at(&seg, text.find("harbour at").unwrap()),
            Some(1)
        );
    }

    #[test]
    fn figures_can_come_from_elsewhere() {
        let text = "The fund is worth twelve million.\nIt opened on May 4.\n";
        let seg = Segmentation::new(text);
        let source = |span: Range<usize>| -> Vec<Figure> {
            let at = text.find("twelve million").unwrap();
            if span.contains(&at) {
                vec![Figure::new(
                    FigureKind::Count,
                    1_200_000_000,
                    "",
                    0,
                    at..at + 14,
                )]
            } else {
                Vec::new()
            }
        };
        let dp = DocPassages::new(text, &seg, Lang::English, &|_| false, &source);
        assert_eq!(dp.passages[0].figures.len(), 1);
        assert_eq!(dp.passages[0].figures[0].value, 1_200_000_000);
        // The source is the only reader: May 4 is not seen.
        assert!(dp.passages[1].figures.is_empty());
    }

    #[test]
    fn odd_text_does_not_panic() {
        for text in [
            "",
            "\r\n\r\n",
            "😀",
            "“",
            "\"a\" \"",
            "É. é. É",
            "1,000,000,000,000,000,000,000",
        ] {
            let seg = Segmentation::new(text);
            let figs = crate::analysis::figures::extract(text, &seg);
            let source =
                |span: Range<usize>| super::super::figures::from_extracted(figs.in_span(span));
            let dp = DocPassages::new(text, &seg, Lang::English, &|_| false, &source);
            assert_eq!(dp.passages.len(), seg.sentences.len());
        }
    }
}
