//! Verification of a draft that restates the five seed articles
//! (`../shared/seeds`; skipped with a notice without them): every claim the
//! seeds report is corroborated by the seed that reports it, every figure
//! the draft changed is contradicted with the seed passage that gives the
//! true value, and the sentences the draft adds are unsourced. The test
//! prints precision and recall of the three statuses and holds floors.
//!
//! The draft is written for this test (the seeds' story in other words,
//! the same draft `tests/figures_draft.rs` checks, plus three sentences no
//! seed reports); nothing of the seeds is copied here but the figures.

mod common;

use std::sync::Arc;

#[path = "support/status_scores.rs"]
mod status_scores;

use factline::analysis::verify::{self, Claim, Status};
use factline::analysis::{Corpus, DocAnalysis, DocId, Settings, analyze_document};

/// One draft paragraph: its text, the status a fact-checker expects, the
/// seed (by file-name prefix) that reports or contradicts it, and for a
/// changed figure the true value as the seed writes it (the contradicting
/// passage must contain it).
struct Line {
    text: &'static str,
    expected: Status,
    seed: Option<&'static str>,
    true_value: Option<&'static str>,
}

const fn kept(text: &'static str, seed: &'static str) -> Line {
    Line {
        text,
        expected: Status::Corroborated,
        seed: Some(seed),
        true_value: None,
    }
}

const fn changed(text: &'static str, seed: &'static str, true_value: &'static str) -> Line {
    Line {
        text,
        expected: Status::Contradicted,
        seed: Some(seed),
        true_value: Some(true_value),
    }
}

const fn added(text: &'static str) -> Line {
    Line {
        text,
        expected: Status::Unsourced,
        seed: None,
        true_value: None,
    }
}

const TITLE: &str = "Rubio heads south: what the record says";

const DRAFT: &[Line] = &[
    changed(
        "Secretary of State Marco Rubio reached Mexico City on Thursday, September 4, for talks with President Claudia Sheinbaum on security and fentanyl.",
        "000_",
        "September 2",
    ),
    kept(
        "He was due to land in Ecuador on September 3 to see President Daniel Noboa.",
        "000_",
    ),
    changed(
        "The tour is Rubio's second trip to Latin America since he became the top U.S. diplomat.",
        "001_",
        "third",
    ),
    changed(
        "Days before he left, Trump said a U.S. strike on a boat run by the Tren de Aragua gang had killed 14 alleged members.",
        "001_",
        "11",
    ),
    kept(
        "Washington has sent more than 4,000 troops and several warships to the Caribbean.",
        "001_",
    ),
    kept(
        "Sheinbaum gathered 32 governors at her top security forum hours before Rubio arrived.",
        "001_",
    ),
    changed(
        "Mexico has extradited 65 cartel figures to the United States.",
        "001_",
        "55",
    ),
    changed(
        "Mexico escaped 30% tariffs on its exports by winning a 60-day pause to negotiate a trade deal.",
        "003_",
        "90-day",
    ),
    changed(
        "Caracas freed 15 political prisoners this week to ease the pressure.",
        "000_",
        "13",
    ),
    kept(
        "Ecuador counted more than 5,000 murders by July, and its homicide rate rose 40% in 2025.",
        "004_",
    ),
    changed(
        "The U.S. military base in Ecuador was closed in 2008, under President Rafael Correa.",
        "004_",
        "2009",
    ),
    added(
        "Rubio's delegation included 12 senators from both parties, a State Department spokesman said.",
    ),
    added(
        "Noboa asked Washington for $300 million in aid for Ecuador's police, his office said on Friday.",
    ),
    added(
        "A poll published in Mexico City found that 58% of Mexicans distrust the security agreement.",
    ),
];

fn analyse(name: &str, text: &str) -> Arc<DocAnalysis> {
    Arc::new(analyze_document(
        DocId::new(name),
        Arc::from(text),
        &Settings::default(),
    ))
}

fn seed_corpus() -> Option<Corpus> {
    let dir = common::shared("seeds")?;
    let mut corpus = Corpus::new();
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("readable seeds")
        .map(|e| e.expect("entry").path())
        .collect();
    paths.sort();
    for path in paths {
        let text = std::fs::read_to_string(&path).expect("UTF-8 seed");
        let name = path.file_name().expect("file name").to_string_lossy();
        corpus.upsert(analyse(&format!("/seeds/{name}"), &text));
    }
    Some(corpus)
}

/// Whether the claim names the expected seed the way its status needs:
/// a contradiction from that seed whose passage holds the true value, or
/// support from that seed.
fn right_source(corpus: &Corpus, claim: &Claim, line: &Line) -> bool {
    let Some(seed) = line.seed else {
        return true;
    };
    let from_seed = |doc: &DocId| doc.as_str().contains(seed);
    match line.expected {
        Status::Contradicted => claim.contradictions.iter().any(|e| {
            from_seed(&e.doc)
                && corpus.get(&e.doc).is_some_and(|d| {
                    line.true_value
                        .is_some_and(|v| d.slice(e.span.clone()).contains(v))
                })
        }),
        Status::Corroborated => claim.support.iter().any(|e| from_seed(&e.doc)),
        Status::Unsourced => true,
    }
}

#[test]
fn a_draft_restating_the_seeds_is_verified_claim_by_claim() {
    let Some(mut corpus) = seed_corpus() else {
        return;
    };
    let mut text = format!("{TITLE}\n\n");
    let mut starts = Vec::new();
    for line in DRAFT {
        starts.push(text.len());
        text.push_str(line.text);
        text.push_str("\n\n");
    }
    let draft = analyse("/draft.txt", &text);
    corpus.upsert(draft.clone());
    let v = verify::verify(&draft, &corpus, &|d: &DocAnalysis| d.id != draft.id);
    assert_eq!(v.sources, 5);

    // (expected, found, with the right source) per line.
    let mut rows: Vec<(Status, Option<Status>, bool)> = Vec::new();
    for (i, line) in DRAFT.iter().enumerate() {
        let claim = v.claim_at(starts[i] + 1);
        let found = claim.map(|c| c.status);
        let right = claim.is_some_and(|c| right_source(&corpus, c, line));
        println!(
            "{:<12} {:<12} {:<5} {}",
            line.expected.as_str(),
            found.map_or("not a claim", Status::as_str),
            if right { "" } else { "WRONG" },
            &line.text[..line.text.len().min(70)],
        );
        if let Some(c) = claim {
            for e in c.contradictions.iter().chain(&c.support).take(3) {
                println!("{:>32}{}: {}", "", e.doc, e.reason);
            }
        }
        rows.push((line.expected, found, right));
    }
    // Floors a regression must not cross: the values measured (README,
    // verification section).
    let floor = |status: Status| match status {
        Status::Corroborated => (1.0, 1.0),
        Status::Contradicted => (1.0, 1.0),
        Status::Unsourced => (1.0, 1.0),
    };
    status_scores::assert_floors(&rows, floor);
}
