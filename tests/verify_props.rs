//! Verification of arbitrary drafts against arbitrary sources: it never
//! panics, every span it returns lies on character boundaries of its own
//! document, and each status agrees with the evidence listed for it.

use std::sync::Arc;

use factline::analysis::verify::{self, Status};
use factline::analysis::{Corpus, DocAnalysis, DocId, Settings, analyze_document};
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;

/// Pieces of news text dense in what verification reads: figures with
/// units and currencies, dates relative and absolute, places after "in",
/// names, quotations, negations, sentence ends.
const PIECES: &[&str] = &[
    "The sea rose ",
    "2.5 metres ",
    "1.8 metres ",
    "above the quay",
    "Insurers put the damage at ",
    "60 million euros",
    "45 million euros",
    "€5 billion ",
    "Halloran's third visit to the Veltran Islands",
    "his fourth visit to the Veltran Islands",
    " landed in Port Velle on 14 May",
    "In Port Velle, he will arrive on 16 May",
    " yesterday",
    " on Monday",
    "Published 12 March 2026\n\n",
    "14 passengers were injured",
    " did not ",
    " said Ines Corvo",
    "\u{201c}We had never seen it,\u{201d} ",
    ", ",
    ". ",
    ".\n\n",
    "\n",
    "?",
    "é",
    "\u{2014}",
    "40%",
    "a 60-day pause",
    " between 10 and 12 ",
];

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::collection::vec(prop::sample::select(PIECES), 0..60).prop_map(|v| v.concat()),
        1 => any::<String>(),
    ]
}

fn valid(text: &str, span: &std::ops::Range<usize>) -> bool {
    span.start <= span.end
        && span.end <= text.len()
        && text.is_char_boundary(span.start)
        && text.is_char_boundary(span.end)
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 128,
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(
            "proptest-regressions/verify_props.txt",
        ))),
        ..ProptestConfig::default()
    })]

    #[test]
    fn verification_never_panics_and_its_spans_and_statuses_hold(
        draft in text(),
        a in text(),
        b in text(),
    ) {
        let settings = Settings::default();
        let mut corpus = Corpus::new();
        for (name, t) in [("a.txt", &a), ("b.txt", &b)] {
            corpus.upsert(Arc::new(analyze_document(DocId::new(name), Arc::from(t.as_str()), &settings)));
        }
        let doc = Arc::new(analyze_document(DocId::new("draft.txt"), Arc::from(draft.as_str()), &settings));
        corpus.upsert(doc.clone());
        let v = verify::verify(&doc, &corpus, &|d: &DocAnalysis| d.id != doc.id);
        prop_assert_eq!(v.sources, 2);
        let text_of = |id: &DocId| if id.as_str() == "a.txt" { &a } else { &b };
        for c in &v.claims {
            prop_assert!(valid(&draft, &c.span));
            for f in &c.figures {
                prop_assert!(valid(&draft, &f.span));
                for m in &f.mentions {
                    prop_assert!(m.doc.as_str() != "draft.txt");
                    prop_assert!(valid(text_of(&m.doc), &m.span));
                }
            }
            for e in c.support.iter().chain(&c.contradictions) {
                prop_assert!(e.doc.as_str() != "draft.txt");
                prop_assert!(valid(text_of(&e.doc), &e.span));
            }
            match c.status {
                Status::Contradicted => prop_assert!(!c.contradictions.is_empty()),
                Status::Corroborated => prop_assert!(c.contradictions.is_empty() && !c.support.is_empty()),
                Status::Unsourced => prop_assert!(c.contradictions.is_empty() && c.support.is_empty()),
            }
        }
    }
}
