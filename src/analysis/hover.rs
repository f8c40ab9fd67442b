//! What factline says about the text under the cursor.
//!
//! Each detector contributes sections about the thing at an offset (the
//! boilerplate line and why, the sentence's attribution, the figure and its
//! other mentions, the related passages). The language server shows them
//! after the findings at that offset. Sections are Markdown; locations in
//! other documents are written as `name:line`.

use std::ops::Range;

use super::{Corpus, DocAnalysis, Settings};

/// One part of a hover.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HoverSection {
    /// The text the section is about (the hover's highlighted range).
    pub span: Range<usize>,
    /// Markdown.
    pub markdown: String,
}

/// Every section about the text at `offset`, most specific first.
pub fn describe(
    doc: &DocAnalysis,
    corpus: &Corpus,
    settings: &Settings,
    offset: usize,
) -> Vec<HoverSection> {
    let mut sections = Vec::new();
    // Detectors add their sections here, most specific first.
    let _ = settings;
    sections.extend(super::related::hover_section(doc, corpus, offset));
    sections
}
