//! Verification measured on a desk fixture: three source reports of one
//! (invented) storm, dated, some giving dates relatively ("yesterday", "on
//! Wednesday", "on Monday"), and a draft that restates them in other
//! words, with figures and dates changed and sentences no source reports.
//! Each draft sentence carries the status a fact-checker expects; the test
//! prints precision and recall of the three statuses and holds floors.
//!
//! The texts are written for this test.

use std::sync::Arc;

#[path = "support/status_scores.rs"]
mod status_scores;

use factline::analysis::verify::{self, Status};
use factline::analysis::{Corpus, DocAnalysis, DocId, Settings, analyze_document};

const GAZETTE: &str = "Storm surge floods Calder Bay harbour district

By Rosa Imbert, Tidewater Gazette
Published 12 March 2026

A storm surge flooded the harbour district of Calder Bay yesterday, forcing 1,200 residents from their homes, the regional emergency agency said.

Agency director Tomasz Reyl said the water rose 1.8 metres above the quay in less than an hour.

\"We had never seen the sea come in this fast,\" said Hanne Ostrova, who runs a bakery on Quay Street.

The town council will hold an emergency session on Monday to decide on repairs to the sea wall.

Schools in the harbour district will stay closed until next week, the education office said.
";

const RADIO: &str = "Calder Bay evacuates 1,200 after surge

Coast Radio newsroom
13 March 2026

About 1,200 people left their homes in Calder Bay on Wednesday after a storm surge swept into the harbour district, emergency officials said.

The sea wall, built in 1974, failed along a 300-metre stretch, according to engineer Paolo Ventris of the port authority.

Two fishing boats sank at their moorings and a third was carried onto the promenade.

Insurers estimate the damage at 45 million euros, the regional chamber of commerce said.
";

const BULLETIN: &str = "Calder Bay flood: what we know

Harbourside Bulletin, 12 March 2026

The regional emergency agency opened two shelters in Calder Bay's sports halls last night for residents of the flooded harbour district.

Port authority engineers began inspecting the damaged sea wall this morning.

Fishermen said two boats had gone down at their moorings during the surge.
";

/// The draft, one claim a paragraph, each with the status expected.
const DRAFT: &[(&str, Status)] = &[
    (
        "A storm surge flooded the harbour district of Calder Bay on 11 March, and about 1,200 residents had to leave their homes, the regional emergency agency said.",
        Status::Corroborated,
    ),
    (
        "Tomasz Reyl, who heads the agency, said the sea rose 2.5 metres above the quay within an hour.",
        Status::Contradicted,
    ),
    (
        "Bakery owner Hanne Ostrova said she had never seen the sea come in so fast.",
        Status::Corroborated,
    ),
    (
        "The town council meets in emergency session on 17 March to decide how to repair the sea wall.",
        Status::Contradicted,
    ),
    (
        "According to port authority engineer Paolo Ventris, the sea wall, built in 1974, gave way along a 300-metre stretch.",
        Status::Corroborated,
    ),
    (
        "Two fishing boats sank at their moorings during the surge in Calder Bay.",
        Status::Corroborated,
    ),
    (
        "Insurers put the damage at 60 million euros, the regional chamber of commerce said.",
        Status::Contradicted,
    ),
    (
        "The emergency agency opened two shelters in the sports halls of Calder Bay on 11 March.",
        Status::Corroborated,
    ),
    (
        "The harbour master, Lidia Borrell, said a new tide gauge had been ordered in January for 80,000 euros.",
        Status::Unsourced,
    ),
    (
        "Calder Bay was last flooded in 1953, when 14 people died, local historian Ewan Patchett said.",
        Status::Unsourced,
    ),
    (
        "The regional government has promised 5 million euros in emergency aid to shop owners on Quay Street.",
        Status::Unsourced,
    ),
    (
        "Schools in the harbour district reopened on 12 March, the education office said.",
        Status::Contradicted,
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
fn a_desk_draft_is_verified_claim_by_claim() {
    let mut corpus = Corpus::new();
    for (name, text) in [
        ("gazette.txt", GAZETTE),
        ("radio.txt", RADIO),
        ("bulletin.txt", BULLETIN),
    ] {
        corpus.upsert(analyse(name, text));
    }
    let mut text = String::from("Calder Bay storm: desk draft\n\n");
    let mut starts = Vec::new();
    for (sentence, _) in DRAFT {
        starts.push(text.len());
        text.push_str(sentence);
        text.push_str("\n\n");
    }
    let draft = analyse("draft.txt", &text);
    corpus.upsert(draft.clone());
    let v = verify::verify(&draft, &corpus, &|d: &DocAnalysis| d.id != draft.id);

    // (expected, found) per sentence; None: not a claim.
    let mut pairs: Vec<(Status, Option<Status>)> = Vec::new();
    for (i, (sentence, expected)) in DRAFT.iter().enumerate() {
        let found = v.claim_at(starts[i] + 1).map(|c| c.status);
        let claim = v.claim_at(starts[i] + 1);
        println!(
            "{:<12} {:<12} {}{}",
            expected.as_str(),
            found.map_or("not a claim", Status::as_str),
            &sentence[..sentence.len().min(70)],
            claim
                .map(|c| {
                    let why: Vec<String> = c
                        .contradictions
                        .iter()
                        .chain(&c.support)
                        .take(2)
                        .map(|e| format!("{}: {}", e.doc, e.reason))
                        .collect();
                    format!("\n{:>26}{}", "", why.join(" | "))
                })
                .unwrap_or_default()
        );
        pairs.push((*expected, found));
    }
    // Floors a regression must not cross: the values measured (README,
    // verification section). What it misses: a reopening date against
    // "closed until next week" (corroborated by a source's dateline).
    let floor = |status: Status| match status {
        Status::Corroborated => (0.83, 1.0),
        Status::Contradicted => (1.0, 0.75),
        Status::Unsourced => (1.0, 1.0),
    };
    status_scores::assert_floors(
        &pairs.iter().map(|&(e, f)| (e, f, true)).collect::<Vec<_>>(),
        floor,
    );
    // The timeline's part: the source's "yesterday" is the draft's 11 March,
    // and its "on Monday" is not the draft's 17 March.
    let first = v.claim_at(starts[0] + 1).expect("a claim");
    assert!(
        first
            .support
            .iter()
            .any(|e| e.reason.contains("same day: 11 March 2026")),
        "{first:#?}"
    );
    let council = v.claim_at(starts[3] + 1).expect("a claim");
    assert!(
        council
            .contradictions
            .iter()
            .any(|e| e.reason.contains("16 March 2026 (‘on Monday’)")),
        "{council:#?}"
    );
}
