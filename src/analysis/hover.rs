//! What factline says about the text under the cursor.
//!
//! Each detector contributes sections about the thing at an offset (the
//! boilerplate line and why, the sentence's attribution, the figure and its
//! other mentions, the related passages). The language server shows them
//! after the findings at that offset. Sections are Markdown; locations in
//! other documents are written as `name:line`.

use std::ops::Range;

use super::{Corpus, DocAnalysis, Settings};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{DocId, analyze_document};
    use std::sync::Arc;

    #[test]
    fn a_flagged_line_says_why() {
        let text = "Footbridge Reopens\n\nfootbridge-reopens-after-repairs-images-0\n\nThe footbridge over the canal reopened on Saturday after three months of repairs, the council said.\n";
        let doc = analyze_document(DocId::new("a.txt"), Arc::from(text), &Settings::default());
        let at = text.find("images").unwrap();
        let sections = describe(&doc, &Corpus::new(), &Settings::default(), at);
        assert_eq!(sections.len(), 1);
        let md = &sections[0].markdown;
        assert!(md.starts_with("**Page boilerplate** (line 3 of 6)"), "{md}");
        assert!(md.contains("ending in -images-0"), "{md}");
        assert!(md.contains("no sentence end"), "{md}");
        assert_eq!(
            &text[sections[0].span.clone()],
            "footbridge-reopens-after-repairs-images-0"
        );
        let body = text.find("reopened").unwrap();
        assert!(describe(&doc, &Corpus::new(), &Settings::default(), body).is_empty());
    }
}

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
    if let Some((span, markdown)) = super::boilerplate::describe(doc, corpus, offset) {
        sections.push(HoverSection { span, markdown });
    }
    if let Some((span, markdown)) = super::figures::hover(doc, corpus, offset) {
        sections.push(HoverSection { span, markdown });
    }
    let _ = settings;
    sections
}
