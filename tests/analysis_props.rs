//! Arbitrary text never makes the analysis panic, and findings always lie
//! inside the text on character boundaries.

use std::sync::Arc;

use factline::analysis::{Corpus, DocId, RuleScope, Settings, analyze_document, check};
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;

/// Fragments that exercise every detector: page furniture, quotes,
/// attributions, figures, dates, names, odd punctuation and scripts.
const PIECES: &[&str] = &[
    "Related videos:",
    "Also Read: ",
    "Leave a Reply",
    "Filed under:",
    "By ",
    "Related Posts",
    "image-slug-images-0",
    "“",
    "”",
    "\"",
    "‘",
    "’",
    " said",
    " told reporters",
    "according to ",
    "Critics say",
    " many interpret ",
    "a senior official",
    "Mr. ",
    "U.S. ",
    "Sept. 2",
    "03-09-2024",
    "$6 million",
    "six million dollars",
    "40%",
    "forty per cent",
    "over 4,000",
    "nearly twenty",
    "between 10 and 12",
    "10-12",
    "third trip",
    "maiden",
    "1.5",
    "2009",
    "killed",
    "injured",
    "Ana Lindqvist",
    "Lindqvist",
    "the Secretary of State",
    "Frequently Asked Questions",
    "?",
    "!",
    "…",
    ".",
    ",",
    " ",
    "\n",
    "\r\n",
    "\r",
    "\n\n",
    "😀",
    "𐐀",
    "é",
    "ﬁ",
    "\u{200b}",
    "\u{2028}",
    "—",
    "a",
    "The",
    "0",
    "9",
    "%",
    "$",
    "€",
    "£",
    "(",
    ")",
    ":",
    "-",
    "–",
];

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::collection::vec(prop::sample::select(PIECES), 0..120).prop_map(|v| v.concat()),
        any::<String>(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 300,
        // Integration tests have no `lib.rs` beside them: name the file
        // where failing cases are kept (committed, replayed first).
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(
            "proptest-regressions/analysis_props.txt",
        ))),
        ..ProptestConfig::default()
    })]

    #[test]
    fn analysis_never_panics_and_spans_are_valid(a in text(), b in text()) {
        let settings = Settings::default();
        let mut corpus = Corpus::new();
        let other = Arc::new(analyze_document(DocId::new("other.txt"), Arc::from(b.as_str()), &settings));
        corpus.upsert(other.clone());
        let doc = Arc::new(analyze_document(DocId::new("draft.txt"), Arc::from(a.as_str()), &settings));
        corpus.upsert(doc.clone());
        for (d, t) in [(&doc, &a), (&other, &b)] {
            // Figures are in text order, hence by sentence (lookups by
            // sentence rely on it).
            prop_assert!(d.figures.list.windows(2).all(|w| w[0].sentence <= w[1].sentence));
            for f in check(d, &corpus, &settings, RuleScope::All) {
                prop_assert!(f.span.start <= f.span.end && f.span.end <= t.len());
                prop_assert!(t.is_char_boundary(f.span.start) && t.is_char_boundary(f.span.end));
                for r in &f.related {
                    let target = if r.doc == d.id { t } else if r.doc.as_str() == "draft.txt" { &a } else { &b };
                    prop_assert!(r.span.end <= target.len());
                    prop_assert!(target.is_char_boundary(r.span.start) && target.is_char_boundary(r.span.end));
                }
                for fix in &f.fixes {
                    for e in &fix.edits {
                        prop_assert!(e.span.end <= t.len() && t.is_char_boundary(e.span.start) && t.is_char_boundary(e.span.end));
                    }
                }
            }
        }
        corpus.remove(&doc.id);
        prop_assert_eq!(corpus.len(), 1);
    }
}
