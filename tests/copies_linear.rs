//! Near-duplicate copies of a story (wire copy republished with a line
//! added) cost the figure comparison work per copy, not per copy and per
//! pair of copies: a candidate passage in the same words as one already
//! weighed is not scored again, and each figure's clause and the digest
//! of its passage are read once however many figures and documents it is
//! weighed against.
//!
//! Nothing here times anything: the comparison counts the passage scores
//! it computes and the clauses it reads (`analysis::effort`).

use std::sync::Arc;

use factline::analysis::effort::{self, Effort};
use factline::analysis::{Corpus, DocId, RuleScope, Settings, analyze_document, check};

const STORY: &str = "Boats sent into Marlow Vale after the river burst its banks\n\n\
Heavy rain flooded the town of Marlow Vale on Tuesday, and the county fire service said \
14 people were rescued from their homes by boat.\n\n\
Volunteers opened the Marlow Vale community hall as a shelter for the night.\n";

/// Another outlet's report of the flood, with its own count, as copy `i`
/// of the wire service gives it.
fn wire(i: usize) -> String {
    format!(
        "Residents of Marlow Vale rescued by boat\n\n\
         The county fire service said 9 people were rescued from their homes by boat after \
         heavy rain flooded Marlow Vale on Tuesday.\n\n\
         Forecasters expect more rain in the valley later this week.\n\n\
         Distributed by Wire Service {i}.\n"
    )
}

/// The corpus of the story and `copies` copies of the wire report.
fn corpus(copies: usize) -> Corpus {
    let settings = Settings::default();
    let mut corpus = Corpus::new();
    corpus.upsert(Arc::new(analyze_document(
        DocId::new("story.txt"),
        Arc::from(STORY),
        &settings,
    )));
    for i in 0..copies {
        corpus.upsert(Arc::new(analyze_document(
            DocId::new(format!("wire-{i}.txt")),
            Arc::from(wire(i).as_str()),
            &settings,
        )));
    }
    corpus
}

/// The work of checking `ids` of the corpus and the story's
/// `inconsistent-figure` findings.
fn work(corpus: &Corpus, ids: &[DocId]) -> (Effort, usize) {
    effort::reset();
    let mut conflicts = 0;
    for id in ids {
        let doc = corpus.get(id).expect("the document is in the corpus");
        let found = check(doc, corpus, &Settings::default(), RuleScope::All);
        if id.as_str() == "story.txt" {
            conflicts = found
                .iter()
                .filter(|f| f.code == "inconsistent-figure")
                .count();
        }
    }
    (effort::read(), conflicts)
}

/// One test, so the global counters see one check at a time.
#[test]
fn copies_of_a_report_are_weighed_once() {
    let story = [DocId::new("story.txt")];
    let (one, found_one) = work(&corpus(1), &story);
    let (four, found_four) = work(&corpus(4), &story);
    // The comparison runs: the story's count conflicts with the wire's,
    // and each copy is a candidate of its own.
    assert!(found_one > 0, "the story's 14 conflicts with the wire's 9");
    assert_eq!(found_one, found_four);
    assert!(
        four.figure_pairs > one.figure_pairs,
        "each copy is weighed: {} pairs with one copy, {} with four",
        one.figure_pairs,
        four.figure_pairs
    );
    // The copies' passages are the same words: scored once.
    assert!(one.passage_scores > 0);
    assert_eq!(
        one.passage_scores, four.passage_scores,
        "four copies of the wire report scored as one"
    );

    // Checking every document: each figure's clause is read at most once,
    // however many pairs it is in.
    let corpus = corpus(4);
    let all: Vec<DocId> = std::iter::once(DocId::new("story.txt"))
        .chain((0..4).map(|i| DocId::new(format!("wire-{i}.txt"))))
        .collect();
    let figures: usize = all
        .iter()
        .map(|id| corpus.get(id).unwrap().figures.list.len())
        .sum();
    let (every, _) = work(&corpus, &all);
    // Each document is checked against the four others: a figure's
    // passage digest, asked by every check that meets it as a candidate,
    // is computed once.
    assert!(every.passage_scores > 0);
    assert!(
        every.passage_digests <= figures as u64,
        "{} passage digests for {figures} figures in {} pairs",
        every.passage_digests,
        every.figure_pairs
    );
    assert!(every.figure_pairs > figures as u64);
    assert!(
        every.clauses_read <= figures as u64,
        "{} clauses read for {figures} figures in {} pairs",
        every.clauses_read,
        every.figure_pairs
    );
}
