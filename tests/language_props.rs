//! Property tests of the language layer: any text gives ordered,
//! non-overlapping tokens on character boundaries, and reading every
//! sentence (tags, lemmas, chunks, subjects) never panics.

use std::sync::Arc;

use factline::analysis::language::chunk::subject_of;
use factline::analysis::language::{detect, tokenize};
use factline::analysis::{DocId, Settings, analyze_document};
use proptest::prelude::*;

/// Text with the characters the tokenizer treats specially.
fn newsy() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "a",
        "Dr",
        ".",
        "U.S.",
        "n't",
        "'s",
        "’",
        "'",
        "$",
        "4bn",
        "3.5",
        "%",
        "1,200",
        "“",
        "”",
        "\"",
        "—",
        "-",
        "www.x.org",
        "a@b.co",
        "é",
        "\u{301}",
        " ",
        "\n",
        "\t",
        "…",
        "🙂",
        "\u{0}",
        "¿",
        "21st",
    ]);
    prop::collection::vec(pieces, 0..60).prop_map(|v| v.concat())
}

proptest! {
    #[test]
    fn tokens_are_ordered_spans_on_boundaries(text in prop_oneof![newsy(), any::<String>()]) {
        let tokens = tokenize(&text, 0..text.len());
        let mut prev = 0;
        for t in &tokens {
            prop_assert!(t.span.start >= prev && t.span.start < t.span.end);
            prop_assert!(text.is_char_boundary(t.span.start) && text.is_char_boundary(t.span.end));
            prop_assert!(!text[t.span.clone()].trim().is_empty());
            prev = t.span.end;
        }
        let _ = detect(&text);
    }

    #[test]
    fn every_sentence_reads_without_panicking(text in newsy()) {
        let doc = analyze_document(DocId::new("p.txt"), Arc::from(text.as_str()), &Settings::default());
        for i in 0..doc.segmentation.sentences.len() {
            let s = doc.sentence_language(i).expect("sentence in range");
            prop_assert_eq!(s.tags.len(), s.tokens.len());
            prop_assert_eq!(s.lemmas.len(), s.tokens.len());
            let words: Vec<&str> = (0..s.tokens.len()).map(|k| s.word(&doc.text, k)).collect();
            for c in s.chunks.iter() {
                prop_assert!(c.start < c.end && c.end <= s.tokens.len());
            }
            for v in 0..s.tokens.len() + 2 {
                let _ = subject_of(&words, &s.tags, &s.chunks, v);
            }
        }
        prop_assert!(doc.sentence_language(doc.segmentation.sentences.len()).is_none());
    }
}
