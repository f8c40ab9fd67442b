//! The per-document analysis: everything factline reads out of one text,
//! computed once per version and shared behind an `Arc`.
//!
//! Rules and queries read a [`DocAnalysis`]; none of them re-segments or
//! re-parses the text.

use std::ops::Range;
use std::sync::Arc;

use super::DocId;
use super::Settings;
use super::attribution::{self, DocAttribution};
use super::boilerplate::{self, Boilerplate};
use super::figures::{self, Figures};
use super::language::{LangDoc, SentenceLang};
use super::related;
use super::reuse::{self, ParagraphMap};
use super::rules::memo::{Carry, RuleMemos};
use super::text::Segmentation;

/// One document, read. Serialized without its id, name and text (see
/// [`DocAnalysis::restore`]), for hosts that store analyses.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub struct DocAnalysis {
    #[serde(skip, default = "unnamed")]
    pub id: DocId,
    /// Short name for messages ("001.txt"): the file name, or the id.
    #[serde(skip)]
    pub name: String,
    /// The text, verbatim.
    #[serde(skip)]
    pub text: Arc<str>,
    pub segmentation: Segmentation,
    /// Which lines are leftover page furniture (document evidence only;
    /// see [`boilerplate::template_lines`] for corpus evidence).
    pub boilerplate: Boilerplate,
    /// Every figure of the text (see [`figures`]).
    pub figures: Figures,
    /// Who says what, sentence by sentence (see [`attribution`]).
    pub attribution: DocAttribution,
    /// The passages the related-passage index reads (see [`related`]).
    pub related: related::DocPassages,
    /// The language, and each sentence's tokens, tags, lemmas and noun
    /// phrases, read on first use (see [`DocAnalysis::sentence_language`]).
    pub language: LangDoc,
    /// What the text of each paragraph decided for the boilerplate
    /// detector, for the next version to take over: kept by
    /// [`analyze_edited`] only, and not stored (a document read by
    /// [`analyze_document`] or restored reads every paragraph on its first
    /// edit).
    #[serde(skip)]
    pub boilerplate_units: boilerplate::UnitTexts,
    /// Each paragraph's content hash ([`reuse::paragraph_hashes`]), by
    /// which the next version finds the paragraphs it repeats: kept by
    /// [`analyze_edited`] only, and not stored.
    #[serde(skip)]
    pub paragraph_hashes: Vec<u64>,
    /// The findings of the rules that read a bounded neighbourhood, kept
    /// by the check of this version for the next one (see
    /// [`rules::memo`](super::rules::memo)): on versions read by
    /// [`analyze_edited`] only, and not stored.
    #[serde(skip)]
    pub rule_memos: RuleMemos,
    /// What this version takes over from the findings of the version
    /// before it (made by [`analyze_edited`]).
    #[serde(skip)]
    pub carry: Option<Carry>,
}

/// The id of a deserialized analysis until [`DocAnalysis::restore`] names it.
fn unnamed() -> DocId {
    DocId::new("")
}

impl DocAnalysis {
    /// A stored analysis (deserialized) given back its id and the text it
    /// was made from: equal to `analyze_document(id, text, settings)` when
    /// `text` and the settings are the ones it was computed with.
    pub fn restore(mut self, id: DocId, text: Arc<str>) -> DocAnalysis {
        self.name = short_name(id.as_str());
        self.id = id;
        self.text = text;
        self
    }

    /// The text of a byte range (clamped to the text and to character
    /// boundaries, so a stale span never panics).
    pub fn slice(&self, span: Range<usize>) -> &str {
        let mut end = span.end.min(self.text.len());
        while !self.text.is_char_boundary(end) {
            end -= 1;
        }
        let mut start = span.start.min(end);
        while !self.text.is_char_boundary(start) {
            start -= 1;
        }
        &self.text[start..end]
    }

    /// One-based line number of a byte offset, for messages.
    pub fn line_number(&self, offset: usize) -> usize {
        self.segmentation.line_at(offset) + 1
    }

    /// Whether line `line` (0-based) is page boilerplate or a generated
    /// FAQ. Detectors that read the article skip such lines.
    pub fn is_boilerplate_line(&self, line: usize) -> bool {
        self.boilerplate.is_line(line)
    }

    /// Whether the byte range `span` lies inside boilerplate (a flagged
    /// line or block). Detectors skip sentences, quotes and figures for
    /// which this is true.
    pub fn in_boilerplate(&self, span: Range<usize>) -> bool {
        self.boilerplate.contains_span(span)
    }

    /// The tokens, parts of speech, lemmas and noun phrases of sentence
    /// `i` (an index into `segmentation.sentences`), read the first time
    /// they are asked for; `None` past the last sentence.
    pub fn sentence_language(&self, i: usize) -> Option<&SentenceLang> {
        self.language.sentence(&self.text, &self.segmentation, i)
    }

    /// "name:line", for messages that point at another passage.
    pub fn location(&self, offset: usize) -> String {
        format!("{}:{}", self.name, self.line_number(offset))
    }
}

/// With the `fault-injection` feature (tests only), analysing a text that
/// contains this marker panics.
pub const FAULT_INJECTION_MARKER: &str = "<<factline-fault-injection: panic>>";

/// Reads one document. Never fails: odd text gives an analysis with fewer
/// things in it.
pub fn analyze_document(id: DocId, text: Arc<str>, settings: &Settings) -> DocAnalysis {
    let mut doc = analyze_edited(None, id, text, settings);
    // Kept only for documents that are edited (those read through
    // `analyze_edited`): an indexed corpus would hold them for every
    // paragraph of every source.
    doc.boilerplate_units = Default::default();
    doc.paragraph_hashes = Vec::new();
    doc.carry = None;
    doc.related.forget_reading();
    doc
}

/// Paragraphs read afresh up to which an edit's analysis stays on one
/// thread (see [`analyze_edited`]).
const FEW_PARAGRAPHS_READ: usize = 16;

/// Reads a new version of a document, reusing what the analysis of the
/// version before it (`previous`, if any) read of unchanged paragraphs
/// (found by [`ParagraphMap`]): the language layer's words (see
/// [`LangDoc::reusing`]), the figures (see [`figures::extract_reusing`])
/// and the passages' terms (see [`related::DocPassages::read_reusing`]).
/// The result is the same as [`analyze_document`]'s.
pub fn analyze_edited(
    previous: Option<&DocAnalysis>,
    id: DocId,
    text: Arc<str>,
    settings: &Settings,
) -> DocAnalysis {
    #[cfg(feature = "fault-injection")]
    if text.contains(FAULT_INJECTION_MARKER) {
        panic!("fault injection: analysis of {id} panics on purpose");
    }
    let name = short_name(id.as_str());
    // Only the lines and paragraphs around the bytes an edit changed are
    // cut again.
    let segmentation = match previous {
        Some(p) => Segmentation::reusing(&p.text, &p.segmentation, &text),
        None => Segmentation::new(&text),
    };
    // Each paragraph's hash, taken over where the edit left it (those of
    // a version read by `analyze_document` or restored are hashed again).
    let old_hashes = previous.map(|p| match p.paragraph_hashes.len() {
        n if n == p.segmentation.paragraphs.len() => {
            std::borrow::Cow::Borrowed(&p.paragraph_hashes[..])
        }
        _ => std::borrow::Cow::Owned(reuse::paragraph_hashes(&p.text, &p.segmentation)),
    });
    let paragraph_hashes = match (previous, &old_hashes) {
        (Some(p), Some(old)) => {
            reuse::hashes_reusing(&p.text, &p.segmentation, old, &text, &segmentation)
        }
        _ => reuse::paragraph_hashes(&text, &segmentation),
    };
    let map = previous.zip(old_hashes.as_ref()).map(|(p, old)| {
        ParagraphMap::with_hashes(
            (&p.text, &p.segmentation, old),
            (&text, &segmentation, &paragraph_hashes),
            |_| true,
        )
    });
    // Figures read digits by the language's conventions ("1.200").
    let language = match (previous, &map) {
        (Some(p), Some(map)) => {
            LangDoc::reusing(&text, &segmentation, &p.language, &p.segmentation, map)
        }
        _ => LangDoc::new(&text, &segmentation),
    };
    // What an unchanged paragraph read in another language may not say.
    let figures_before = match (previous, &map) {
        (Some(p), Some(map)) if p.language.lang == language.lang => {
            Some((&p.figures, &p.segmentation, map))
        }
        _ => None,
    };
    let lang = language.lang;
    // Attribution reads English and Spanish documents differently.
    let attribution_before = previous
        .filter(|p| p.language.lang == language.lang)
        .map(|p| (&*p.text, &p.attribution, &p.segmentation));
    // What a unit's text decides does not depend on the language.
    let boilerplate_before = previous
        .zip(map.as_ref())
        .map(|(p, map)| (&p.boilerplate_units, map));
    let passages_before = previous.zip(map.as_ref()).map(|(p, map)| (&p.related, map));
    // Boilerplate, figures, attribution and the words of the passages are
    // read independently of each other: on a long text, reading them on
    // two threads halves the wait after a keystroke.
    let left = || {
        (
            boilerplate::detect_reusing(&text, &segmentation, settings, boilerplate_before),
            figures::extract_reusing(&text, &segmentation, language.lang, figures_before),
        )
    };
    let right = || {
        (
            attribution::analyze_reusing(&text, &segmentation, attribution_before),
            related::DocPassages::read_reusing(&text, &segmentation, lang, passages_before),
        )
    };
    // After a keystroke nearly every paragraph is taken over, and what
    // is left is a few lookups per paragraph: waking a second thread for
    // that costs more CPU than it saves (its spinning after the join
    // counted for as much again as the work itself at 100 KB).
    let few_read = map.as_ref().is_some_and(|m| {
        segmentation.paragraphs.len().saturating_sub(m.carried()) <= FEW_PARAGRAPHS_READ
    });
    let (((boilerplate, boilerplate_units), figures), (attribution, reading)) = if few_read {
        (left(), right())
    } else {
        super::join(left, right)
    };
    // Page furniture is related to nothing, and passages compare the
    // figures this module read.
    let is_boilerplate_line = |line: usize| boilerplate.is_line(line);
    let figures_of =
        |span: std::ops::Range<usize>| related::figures_for_index(figures.in_span(span));
    let related = reading.finish(&segmentation, &is_boilerplate_line, &figures_of);
    let mut doc = DocAnalysis {
        id,
        name,
        text,
        segmentation,
        boilerplate,
        figures,
        attribution,
        related,
        language,
        boilerplate_units,
        paragraph_hashes,
        rule_memos: RuleMemos::default(),
        carry: None,
    };
    doc.carry = previous.and_then(|p| Carry::new(p, &doc));
    doc
}

/// The last path segment of a path or URI, percent-decoded where that is
/// plain ASCII; the whole id when there is none.
fn short_name(id: &str) -> String {
    let last = id
        .trim_end_matches(['/', '\\'])
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or(id);
    let decoded = percent_decode(last);
    if decoded.is_empty() {
        id.to_string()
    } else {
        decoded
    }
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let Ok(b) = u8::from_str_radix(s.get(i + 1..i + 3).unwrap_or(""), 16)
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_locations() {
        let doc = analyze_document(
            DocId::new("file:///news/Caf%C3%A9%20report.txt"),
            Arc::from("Headline\nBody line one.\nBody line two."),
            &Settings::default(),
        );
        assert_eq!(doc.name, "Café report.txt");
        assert_eq!(doc.location(12), "Café report.txt:2");
        assert_eq!(short_name("drafts/draft.txt"), "draft.txt");
        assert_eq!(short_name("%"), "%");
        assert_eq!(doc.slice(3..1000), "dline\nBody line one.\nBody line two.");
    }
}
