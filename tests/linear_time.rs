//! The analysis does work linear in its input on adversarial texts: one
//! paragraph of thousands of figures, sentences of figures that never end,
//! thousands of sentences with one number, thousands of quotations (closed,
//! unbalanced, chained in one sentence, bare curly marks), a line with no
//! punctuation, thousands of capitalised names, repeated page-furniture
//! cues; each checked alone and beside a copy of itself (the corpus
//! comparison).
//!
//! Nothing here times anything: the analysis counts the candidates it
//! examines (`analysis::effort`) and each count on four times the text
//! must stay within a linear bound of the count on the smaller one. A
//! quadratic comparison makes the count grow sixteenfold.

#[path = "../benches/factline/adversarial.rs"]
mod adversarial;

use std::sync::Arc;

use factline::analysis::effort::{self, Effort};
use factline::analysis::{Corpus, DocId, RuleScope, Settings, analyze_document, check};

/// The smaller text; the larger is four times it.
const SMALL: usize = 16 * 1024;
/// Four times the input may cost this much more: linear growth plus slack
/// for the uneven end of a generated text.
const LINEAR: f64 = 4.5;

/// Figure pairs (and candidates) weighed per figure at most, per copy of
/// the document in the corpus: a figure is
/// compared with at most 32 figures on each side of it per topic, and is
/// filed under at most three topics (`FigureIndex::topics_of`): 192, and
/// slack. Below the caps (a small text) the work per figure still grows
/// with the number of neighbours, so four times the text may cost more than
/// four times the pairs while staying under this constant per figure; the
/// ratio is checked only past it.
const PAIRS_PER_FIGURE: u64 = 200;

/// The work of analysing `copies` copies of one text and checking the
/// first against the others (as `factline check` does with the files it is
/// given), and how many findings it gave.
fn work(text: &str, copies: usize) -> (Effort, usize) {
    effort::reset();
    let mut corpus = Corpus::new();
    for i in 0..copies {
        corpus.upsert(Arc::new(analyze_document(
            DocId::new(format!("adversarial-{i}.txt")),
            Arc::from(text),
            &Settings::default(),
        )));
    }
    let Some(doc) = corpus.get(&DocId::new("adversarial-0.txt")) else {
        panic!("the first copy is in the corpus");
    };
    let findings = check(doc, &corpus, &Settings::default(), RuleScope::All).len();
    (effort::read(), findings)
}

fn bounded(shape: &str, what: &str, small: u64, large: u64) {
    assert!(
        large as f64 <= LINEAR * small.max(1) as f64,
        "{shape}: {what} grew from {small} to {large} on four times the text"
    );
}

/// One test, so the global counters see one analysis at a time.
#[test]
fn work_grows_linearly_on_every_adversarial_shape() {
    for &shape in adversarial::SHAPES {
        for copies in [1, 2] {
            let small_text = adversarial::text(shape, SMALL);
            let large_text = adversarial::text(shape, 4 * SMALL);
            assert!(
                large_text.len() >= 4 * SMALL,
                "{shape}: generator too short"
            );
            let (small, _) = work(&small_text, copies);
            let (large, findings) = work(&large_text, copies);
            let label = format!("{shape} ({copies} copies)");
            let figures = analyze_document(
                DocId::new("count.txt"),
                Arc::from(large_text.as_str()),
                &Settings::default(),
            )
            .figures
            .list
            .len() as u64;
            if large.figure_pairs > PAIRS_PER_FIGURE * figures.max(1) * copies as u64 {
                bounded(
                    &label,
                    "figure pairs",
                    small.figure_pairs,
                    large.figure_pairs,
                );
            }
            if large.figure_candidates > PAIRS_PER_FIGURE * figures.max(1) * copies as u64 {
                bounded(
                    &label,
                    "figure candidates",
                    small.figure_candidates,
                    large.figure_candidates,
                );
            }
            bounded(
                &label,
                "quotation tokens",
                small.quote_tokens,
                large.quote_tokens,
            );
            // The shapes exercise what they are meant to: the counts are
            // not trivially zero.
            if shape.contains("figure") || shape == "same-number" {
                assert!(
                    large.figure_pairs > 1000,
                    "{label}: only {} figure pairs weighed",
                    large.figure_pairs
                );
            }
            if shape.contains("quote") {
                assert!(
                    large.quote_tokens > 1000,
                    "{label}: only {} quotation tokens read",
                    large.quote_tokens
                );
            }
            eprintln!("{label}: {small:?} -> {large:?}, {findings} findings");
        }
    }
}
