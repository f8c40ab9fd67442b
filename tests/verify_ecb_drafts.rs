//! Verification measured on drafts written about four held-out ECB+ dev
//! events (../shared/corpora/ecbplus-dev; skipped with a notice without
//! it). Each draft restates a few facts of its topic's first event in
//! other words, changes some figures and adds sentences no report gives;
//! the sources are the topic's reports of that event (`…ecb`). The topics
//! are those `tests/verify_eval.rs` holds out, and nothing was tuned on
//! these drafts: they were written, then measured once.
//!
//! The drafts are written for this test; only names and figures of the
//! events appear in them.

mod common;

use std::sync::Arc;

#[path = "support/status_scores.rs"]
mod status_scores;

use factline::analysis::verify::{self, Status};
use factline::analysis::{Corpus, DocAnalysis, DocId, Settings, analyze_document};

use Status::{Contradicted, Corroborated, Unsourced};

/// (topic, the draft's sentences with the status expected).
const DRAFTS: &[(&str, &[(&str, Status)])] = &[
    (
        "5",
        &[
            (
                "The Philadelphia 76ers fired head coach Maurice Cheeks, and assistant general manager Tony DiLeo takes over for the rest of the season.",
                Corroborated,
            ),
            ("DiLeo has spent 15 seasons with the 76ers.", Contradicted),
            (
                "Cheeks was in his third season as coach of the Sixers.",
                Contradicted,
            ),
            (
                "Last season the team won 45 games and took Detroit to six games in the playoffs.",
                Contradicted,
            ),
            (
                "Season-ticket sales fell by 12% after the loss in Cleveland, the team's marketing office said.",
                Unsourced,
            ),
        ],
    ),
    (
        "18",
        &[
            (
                "Police say Eric Allen Kirkpatrick, 61, shot dead Benjamin David Banky at an office Christmas party in Vancouver.",
                Corroborated,
            ),
            (
                "Kirkpatrick gave himself up after four hours of negotiations with officers.",
                Contradicted,
            ),
            ("The victim, Benjamin David Banky, was 45.", Contradicted),
            (
                "At least a dozen people were at the party when the gunman walked in, police said.",
                Corroborated,
            ),
            (
                "The company had hired 30 new staff in the autumn, a spokesman for Tallgrass said.",
                Unsourced,
            ),
        ],
    ),
    (
        "23",
        &[
            (
                "An Australian climber survived two nights on Mount Cook after watching his brother fall to his death.",
                Corroborated,
            ),
            (
                "Dr Mark Vinar, 48, is presumed dead after he disappeared off Zurbriggens Ridge on Thursday.",
                Contradicted,
            ),
            (
                "The Perth man spent up to three nights in an ice cave on New Zealand's highest peak.",
                Contradicted,
            ),
            (
                "Rescue helicopters flew 14 sorties over the ridge on Saturday, the park service said.",
                Unsourced,
            ),
        ],
    ),
    (
        "35",
        &[
            (
                "Chargers receiver Vincent Jackson was arrested on suspicion of drunken driving early Tuesday but will play in Sunday's playoff game at Pittsburgh.",
                Corroborated,
            ),
            (
                "Jackson, 27, was pulled over on state Route 52 just after 2:30 a.m., California Highway Patrol Officer Brad Baehr said.",
                Contradicted,
            ),
            (
                "Jackson was already on probation for a drunken-driving arrest in June 2005.",
                Contradicted,
            ),
            (
                "The Chargers fined Jackson $50,000 on Wednesday, a team spokesman said.",
                Unsourced,
            ),
        ],
    ),
];

fn analyse(name: &str, text: &str) -> Arc<DocAnalysis> {
    Arc::new(analyze_document(
        DocId::new(name),
        Arc::from(text),
        &Settings::default(),
    ))
}

#[test]
fn drafts_written_about_held_out_ecbplus_events_are_verified() {
    let Some(root) = common::shared("corpora/ecbplus-dev") else {
        return;
    };
    // (expected, found) per draft sentence; None: not a claim.
    let mut pairs: Vec<(Status, Option<Status>)> = Vec::new();
    for (topic, sentences) in DRAFTS {
        let mut corpus = Corpus::new();
        for entry in std::fs::read_dir(root.join("docs")).expect("docs") {
            let path = entry.expect("entry").path();
            let name = path.file_stem().unwrap().to_string_lossy().to_string();
            if name.split('_').next() == Some(topic) && name.ends_with("ecb") {
                let text = std::fs::read_to_string(&path).expect("utf-8");
                corpus.upsert(analyse(&name, &text));
            }
        }
        let mut text = String::new();
        let mut starts = Vec::new();
        for (sentence, _) in *sentences {
            starts.push(text.len());
            text.push_str(sentence);
            text.push_str("\n\n");
        }
        let draft = analyse(&format!("draft-{topic}"), &text);
        corpus.upsert(draft.clone());
        let v = verify::verify(&draft, &corpus, &|d: &DocAnalysis| d.id != draft.id);
        println!("topic {topic}: {} sources", v.sources);
        for (i, (sentence, expected)) in sentences.iter().enumerate() {
            let claim = v.claim_at(starts[i] + 1);
            let found = claim.map(|c| c.status);
            println!(
                "  {:<12} {:<12} {}",
                expected.as_str(),
                found.map_or("not a claim", Status::as_str),
                &sentence[..sentence.len().min(70)]
            );
            if let Some(c) = claim {
                for e in c.contradictions.iter().chain(&c.support).take(2) {
                    println!("{:>30}{}: {}", "", e.doc, e.reason);
                }
            }
            pairs.push((*expected, found));
        }
    }
    // Floors a regression must not cross: the values measured (README,
    // verification section). What it misses: six of the nine changed
    // figures, which the figure analysis does not read as the quantity the
    // sources give (a rank with no place, "four hours of negotiations", an
    // age after "was" or after a lone surname, a date whose event is a
    // noun); three of them pass as unsourced, three as corroborated by a
    // passage that shares their names.
    let floor = |status: Status| match status {
        Corroborated => (0.62, 1.0),
        Contradicted => (1.0, 0.33),
        Unsourced => (0.57, 1.0),
    };
    status_scores::assert_floors(
        &pairs.iter().map(|&(e, f)| (e, f, true)).collect::<Vec<_>>(),
        floor,
    );
}
