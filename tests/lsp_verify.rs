//! Verification of a draft in the editor: the draft named by the `drafts`
//! globs gets `unsourced-claim` diagnostics once it is verified, the claims
//! outline as document symbols, a lens per claim and the claim's hover.

mod common;

use common::{Client, file_uri, write_fixture};
use serde_json::{Value, json};

const FOLDER: &str = "\
//- /factline.toml
drafts = [\"drafts/**\"]
//- /harbour-courier.txt
Ferry fire off Port Aldren injures passengers

A fire aboard the ferry Marisol Bay injured 14 passengers on Tuesday shortly after the vessel left Port Aldren, the coast guard said.

The operator, Brightwater Lines, said it had suspended all sailings from Port Aldren until Friday.
//- /coast-wire.txt
Passengers hurt in Port Aldren ferry blaze

Fourteen passengers were injured when fire broke out aboard the Marisol Bay near Port Aldren on Tuesday, according to the coast guard.

Brightwater Lines suspended its Port Aldren sailings until Friday, the company said.
";

const DRAFT: &str = "Fire on the Marisol Bay

A fire aboard the ferry Marisol Bay injured 19 passengers off Port Aldren on Tuesday, the coast guard said.

Brightwater Lines has suspended its Port Aldren sailings until Friday, the company said.

The Marisol Bay was built in 1998 at the Keldane shipyard and was refitted in 2019 for 9 million euros.
";

/// Claims the server's verifications have compared with the sources.
async fn claims_compared(c: &mut Client) -> u64 {
    let status = c.request("factline/status", Value::Null).await;
    status["result"]["verification"]["claims_compared"]
        .as_u64()
        .expect("a count")
}

fn codes(d: &[Value], code: &str) -> usize {
    d.iter().filter(|d| d["code"] == code).count()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_draft_is_verified_claim_by_claim() {
    let dir = write_fixture(FOLDER);
    std::fs::create_dir(dir.path().join("drafts")).unwrap();
    let draft_path = dir.path().join("drafts/draft.txt");
    std::fs::write(&draft_path, DRAFT).unwrap();
    let uri = file_uri(&draft_path);
    let mut c = Client::start();
    c.initialize_default(Some(dir.path())).await;
    c.wait_indexed().await;
    c.open(&uri, 1, DRAFT).await;

    // The verification publishes after the edit's own diagnostics.
    let m = c
        .wait_for(|m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri.as_str()
                && m["params"]["diagnostics"]
                    .as_array()
                    .is_some_and(|d| codes(d, "unsourced-claim") > 0)
        })
        .await;
    let diagnostics = m["params"]["diagnostics"].as_array().unwrap().clone();
    assert_eq!(
        codes(&diagnostics, "unsourced-claim"),
        1,
        "{diagnostics:#?}"
    );
    assert_eq!(
        codes(&diagnostics, "inconsistent-figure"),
        1,
        "{diagnostics:#?}"
    );
    let unsourced = diagnostics
        .iter()
        .find(|d| d["code"] == "unsourced-claim")
        .unwrap();
    assert_eq!(unsourced["range"]["start"]["line"], 6, "{unsourced}");
    // The draft's three claims were compared with the sources once.
    let compared = claims_compared(&mut c).await;
    assert_eq!(compared, 3);

    // The claims outline, ranked.
    let r = c
        .request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": uri}}),
        )
        .await;
    let names: Vec<String> = r["result"]
        .as_array()
        .expect("symbols")
        .iter()
        .map(|s| s["name"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(names.len(), 3, "{names:#?}");
    assert!(
        names[0].starts_with("contradicted · A fire aboard"),
        "{names:#?}"
    );
    assert!(
        names[1].starts_with("unsourced · The Marisol Bay was built"),
        "{names:#?}"
    );
    assert!(
        names[2].starts_with("corroborated · Brightwater Lines"),
        "{names:#?}"
    );

    // A lens per claim, with its counts.
    let r = c
        .request(
            "textDocument/codeLens",
            json!({"textDocument": {"uri": uri}}),
        )
        .await;
    let titles: Vec<String> = r["result"]
        .as_array()
        .expect("lenses")
        .iter()
        .filter_map(|l| l["command"]["title"].as_str().map(str::to_string))
        .collect();
    assert!(
        titles.contains(&"corroborated: 2 of 2 sources report it".to_string()),
        "{titles:#?}"
    );
    assert!(
        titles.contains(&"unsourced: 0 of 2 sources report it".to_string()),
        "{titles:#?}"
    );

    // The hover on a claim says who reports it.
    let r = c
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": {"line": 4, "character": 5}}),
        )
        .await;
    let value = r["result"]["contents"]["value"].as_str().unwrap_or("");
    // The claim's standing comes first: an editor that cuts a long popup
    // to its height still shows it.
    assert!(value.starts_with("**Claim**"), "{value}");
    assert!(
        value.contains("**Claim** (corroborated): reported by 2 of 2 sources"),
        "{value}"
    );
    // The outline and the hovers read the stored verification: no claim
    // was compared again.
    for line in [2, 6] {
        let r = c
            .request(
                "textDocument/hover",
                json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": 3}}),
            )
            .await;
        assert!(
            r["result"]["contents"]["value"]
                .as_str()
                .is_some_and(|v| v.contains("**Claim**")),
            "{r:#}"
        );
    }
    assert_eq!(claims_compared(&mut c).await, compared);

    // An edit elsewhere keeps the unsourced claim in view until the draft
    // is verified again.
    let edited = DRAFT.replace("Fire on the", "Fire aboard the");
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": edited}]}),
    )
    .await;
    let d = c.diagnostics(&uri, 2).await;
    assert_eq!(codes(&d, "unsourced-claim"), 1, "{d:#?}");

    // The figure put right: the outline asked at once (while the draft is
    // analysed and verified again) has that claim's new status, and the
    // claims the edit did not touch keep theirs.
    let fixed = edited.replace("19 passengers", "14 passengers");
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 3}, "contentChanges": [{"text": fixed}]}),
    )
    .await;
    let r = c
        .request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": uri}}),
        )
        .await;
    let mut names: Vec<String> = r["result"]
        .as_array()
        .expect("symbols")
        .iter()
        .map(|s| s["name"].as_str().unwrap().to_string())
        .collect();
    names.sort();
    assert_eq!(names.len(), 3, "{names:#?}");
    assert!(
        names[0].starts_with("corroborated · A fire aboard the ferry Marisol Bay injured 14"),
        "{names:#?}"
    );
    assert!(
        names[1].starts_with("corroborated · Brightwater Lines"),
        "{names:#?}"
    );
    assert!(
        names[2].starts_with("unsourced · The Marisol Bay was built"),
        "{names:#?}"
    );
    c.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sources_are_not_verified_as_drafts() {
    let dir = write_fixture(FOLDER);
    let path = dir.path().join("coast-wire.txt");
    let text = std::fs::read_to_string(&path).unwrap();
    let uri = file_uri(&path);
    let mut c = Client::start();
    c.initialize_default(Some(dir.path())).await;
    c.wait_indexed().await;
    c.open(&uri, 1, &text).await;
    let d = c.diagnostics(&uri, 1).await;
    assert_eq!(codes(&d, "unsourced-claim"), 0, "{d:#?}");
    let r = c
        .request(
            "textDocument/codeLens",
            json!({"textDocument": {"uri": uri}}),
        )
        .await;
    let claim_lenses = r["result"]
        .as_array()
        .map(|l| {
            l.iter()
                .filter(|l| {
                    l["command"]["title"]
                        .as_str()
                        .is_some_and(|t| t.contains("sources report it"))
                })
                .count()
        })
        .unwrap_or(0);
    assert_eq!(claim_lenses, 0);
    c.shutdown().await;
}
