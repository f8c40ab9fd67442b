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
    if let Some((span, markdown)) = super::boilerplate::describe(doc, corpus, offset) {
        sections.push(HoverSection { span, markdown });
    }
    if let Some((span, markdown)) = super::figures::hover(doc, corpus, offset) {
        sections.push(HoverSection { span, markdown });
    }
    let _ = settings;
    if let Some(i) = doc.segmentation.sentence_at(offset)
        && !doc.in_boilerplate(doc.segmentation.sentences[i].span.clone())
        && let Some(markdown) = super::attribution::describe_sentence(doc, i)
    {
        sections.push(HoverSection {
            span: doc.segmentation.sentences[i].span.clone(),
            markdown,
        });
    }
    sections.extend(super::related::hover_section(doc, corpus, offset));
    sections
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{DocId, analyze_document};
    use std::sync::Arc;

    fn hover(text: &str, at: &str) -> String {
        let doc = analyze_document(DocId::new("t.txt"), Arc::from(text), &Settings::default());
        let offset = text.find(at).expect("in text");
        describe(&doc, &Corpus::new(), &Settings::default(), offset)
            .into_iter()
            .map(|s| s.markdown)
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn attribution_of_the_sentence_under_the_cursor() {
        let text = "Harbour minister Tomas Reyner described the closure as a “blow to the coast”. \
                    Ships queued outside.\n\nThe port was empty.";
        let h = hover(text, "closure");
        assert!(
            h.contains(
                "Source: Harbour minister Tomas Reyner · described … as · quote: “blow to the coast”"
            ),
            "{h}"
        );
        let h = hover(text, "queued");
        assert!(
            h.contains("No source in this sentence; its paragraph cites Harbour minister Tomas Reyner (t.txt:1)"),
            "{h}"
        );
        assert!(hover(text, "empty").contains("No source in this sentence or its paragraph"));
        let h = hover(
            "In a move many interpret as a bluff, the port shut.",
            "bluff",
        );
        assert!(
            h.contains("Credited to an unnamed crowd: “many interpret”"),
            "{h}"
        );
    }

    #[test]
    fn a_flagged_line_says_why() {
        let text = "Footbridge Reopens\n\nfootbridge-reopens-after-repairs-images-0\n\nThe footbridge over the canal reopened on Saturday after three months of repairs, the council said.\n";
        let doc = analyze_document(DocId::new("a.txt"), Arc::from(text), &Settings::default());
        let at = text.find("images").unwrap();
        let sections = describe(&doc, &Corpus::new(), &Settings::default(), at);
        // The boilerplate section first; a slug line has no attribution.
        assert_eq!(sections.len(), 1, "{sections:?}");
        let md = &sections[0].markdown;
        assert!(md.starts_with("**Page boilerplate** (line 3 of 6)"), "{md}");
        assert!(md.contains("ending in -images-0"), "{md}");
        assert!(md.contains("no sentence end"), "{md}");
        assert_eq!(
            &text[sections[0].span.clone()],
            "footbridge-reopens-after-repairs-images-0"
        );
        let body = text.find("reopened").unwrap();
        assert!(
            describe(&doc, &Corpus::new(), &Settings::default(), body)
                .iter()
                .all(|s| !s.markdown.starts_with("**Page boilerplate**"))
        );
    }
}
