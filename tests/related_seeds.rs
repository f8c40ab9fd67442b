//! Related passages on the seed articles: five outlets' reports of one
//! diplomatic tour. Ten sentences were picked by hand, and for each the
//! lines of the other articles that report the same fact were written
//! down (by file and line, so no seed text is in the project). A query
//! counts when one of those lines is among its first three results.
//!
//! Run with `cargo test --test related_seeds -- --nocapture` to see each
//! query's results, where the first expected passage ranks with no floor
//! on the score, and the score parts (the learned model's features) of
//! every passage ranked above it; skips with a notice when
//! `../shared/seeds` is missing.

mod common;

use std::sync::Arc;

use factline::analysis::{Corpus, DocId, Settings, analyze_document, related};

/// A line of a seed file: the start of its name, and the line counted
/// from 1.
type Line = (&'static str, usize);

/// (query file, query line, lines reporting the same fact).
const PAIRS: [(&str, usize, &[Line]); 10] = [
    // The arrival in Mexico City and the meeting with Mexico's president.
    ("000", 5, &[("002", 4), ("001", 3), ("003", 15)]),
    // The tour of Mexico and Ecuador announced for next week.
    ("000", 3, &[("002", 2), ("003", 7)]),
    // The tour's aims: drugs, migration, trade, China.
    ("000", 19, &[("003", 9), ("002", 2), ("003", 7)]),
    // Cooperation with Ecuador's government under Noboa.
    ("000", 8, &[("002", 6), ("003", 19)]),
    // The strike on a gang's vessel before the tour.
    ("001", 2, &[("004", 7)]),
    // Fentanyl as the focus of the talks in Mexico.
    ("002", 5, &[("000", 5), ("001", 3)]),
    // Talks in Ecuador with Noboa, steering it away from China.
    ("002", 6, &[("003", 19), ("000", 8), ("001", 6), ("000", 7)]),
    // In Ecuador: violence of cartels, countering China.
    ("001", 6, &[("002", 6), ("002", 7), ("003", 25), ("000", 7)]),
    // Mexico's president and the expansion of security cooperation.
    (
        "004",
        11,
        &[("003", 15), ("000", 5), ("002", 4), ("001", 3)],
    ),
    // Security cooperation against criminal organisations in Mexico.
    (
        "003",
        15,
        &[("004", 11), ("000", 5), ("002", 4), ("001", 5)],
    ),
];

/// Hits in the first three: 3 with one absolute floor on the score, 5
/// since the best result in another document needs only
/// `related::FIRST_MIN_SCORE`, 6 since a sentence on a boilerplate line
/// (a generated FAQ) is a query like any other, 8 since the ranking reads
/// a document gate and a passage score learned apart, 9 since the passage
/// score reads how near both passages stand to the start of their
/// articles' body, by paragraph and with headlines left out (the strike
/// on the gang's vessel now finds its restatement first; nothing was
/// tuned on this set).
const FLOOR: usize = 9;

#[test]
fn seed_pairs_in_the_top_three() {
    let Some(dir) = common::shared("seeds") else {
        return;
    };
    let mut files: Vec<(String, String)> = std::fs::read_dir(&dir)
        .expect("readable")
        .filter_map(|e| {
            let p = e.ok()?.path();
            (p.extension()? == "txt").then(|| {
                let name = p.file_name()?.to_string_lossy().into_owned();
                Some((name, std::fs::read_to_string(&p).ok()?))
            })?
        })
        .collect();
    files.sort();
    let mut corpus = Corpus::new();
    for (name, text) in &files {
        corpus.upsert(Arc::new(analyze_document(
            DocId::new(name.as_str()),
            Arc::from(text.as_str()),
            &Settings::default(),
        )));
    }
    let name_of = |prefix: &str| {
        files
            .iter()
            .find(|(n, _)| n.starts_with(prefix))
            .map(|(n, _)| n.clone())
            .expect("seed file")
    };
    // The 1-based line of a byte offset.
    let line_of = |text: &str, at: usize| text[..at.min(text.len())].matches('\n').count() + 1;
    let mut hits = 0;
    let mut hits_unfloored = 0;
    for (file, line, expected) in PAIRS {
        let name = name_of(file);
        let doc = corpus.get(&DocId::new(name.as_str())).expect("in corpus");
        let start: usize = doc
            .text
            .split_inclusive('\n')
            .take(line - 1)
            .map(str::len)
            .sum();
        let results = related::query(&corpus, doc, start..start + 1, 3);
        let found = results.iter().any(|r| {
            let other = corpus.get(&r.doc).expect("in corpus");
            expected.iter().any(|&(f, l)| {
                r.doc.as_str() == name_of(f) && line_of(&other.text, r.span.start) == l
            })
        });
        hits += usize::from(found);
        // Where the first expected passage ranks with no floor on the score.
        let all = related::query_with(
            &corpus,
            doc,
            start..start + 1,
            &related::Options {
                limit: 50,
                min_score: 0.0,
                first_min_score: 0.0,
                same_document: false,
                reasons: false,
            },
        );
        let rank = all.iter().position(|r| {
            let other = corpus.get(&r.doc).expect("in corpus");
            expected.iter().any(|&(f, l)| {
                r.doc.as_str() == name_of(f) && line_of(&other.text, r.span.start) == l
            })
        });
        // The pair score's parts of the passages ranked above the expected one,
        // and of the expected one (or the first expected line, when the
        // index did not return it), so a miss says why.
        let features = |r: &related::RelatedPassage| {
            let other = corpus.get(&r.doc).expect("in corpus");
            let q = related::PassageRef::at(doc, start).expect("a passage");
            let b = related::PassageRef {
                doc: other,
                index: r.passage,
            };
            let f = related::similarity(&corpus, q, b).features;
            related::FEATURE_NAMES
                .iter()
                .zip(f.vector())
                // The pair score's parts: the relative features are 1 for
                // a pair alone.
                .filter(|(n, v)| *v != 0.0 && !["doc_best", "set_best"].contains(*n))
                .map(|(n, v)| format!("{n} {v:.2}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        for r in all.iter().take(rank.map_or(3, |k| k + 1)) {
            let other = corpus.get(&r.doc).expect("in corpus");
            println!(
                "    {}:{} {:.3} [{}]",
                &r.doc.as_str()[..3],
                line_of(&other.text, r.span.start),
                r.score,
                features(r)
            );
        }
        let unfloored_top3 = rank.is_some_and(|k| k < 3);
        hits_unfloored += usize::from(unfloored_top3);
        println!(
            "  with no floor: first expected at rank {} ({:.2})",
            rank.map_or("none".to_string(), |k| (k + 1).to_string()),
            rank.map_or(0.0, |k| all[k].score)
        );
        println!(
            "{file}:{line} {} — top 3: {}",
            if found { "hit" } else { "miss" },
            results
                .iter()
                .map(|r| {
                    let other = corpus.get(&r.doc).expect("in corpus");
                    format!(
                        "{}:{} ({:.2})",
                        &r.doc.as_str()[..3],
                        line_of(&other.text, r.span.start),
                        r.score
                    )
                })
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    println!(
        "seed pairs: {hits} of {} in the top 3 ({hits_unfloored} with no floor on the score)",
        PAIRS.len()
    );
    assert!(hits >= FLOOR, "{hits} of {}", PAIRS.len());
}
