//! A workspace read lazily from its on-disk index (`index.lazy_above`):
//! the server holds the open documents and the stored sources the index
//! proposes for them, not every source, and the open draft's
//! cross-document findings (a figure another source contradicts, a
//! related passage) still come, as they do when every source is held.

mod common;

use common::{Client, file_uri, write_fixture};
use serde_json::{Value, json};

/// A source and a draft that report one event; the source's toll is
/// `{toll}`.
fn source(toll: &str) -> String {
    format!(
        "Collapse at Marrowgate\n\n\
         MARROWGATE — {toll} people were killed when the old rail bridge over the Quell collapsed on Tuesday evening, the county fire service said.\n\n\
         Rescue teams worked through the night to reach cars trapped under the fallen span.\n"
    )
}
const DRAFT: &str = "Draft: the Marrowgate collapse\n\n\
    The collapse of the old rail bridge over the Quell in Marrowgate on Tuesday killed 11 people, according to the county fire service.\n";
/// Sources that share nothing with the draft.
const UNRELATED: [&str; 2] = [
    "Choir recital\n\nThe Harwick choir performed carols in the cathedral nave, and the audience applauded warmly.\n",
    "Orchard harvest\n\nGrowers near Pellam picked a record crop of russet apples this autumn, packers reported.\n",
];

fn conflicts(d: &[Value]) -> Vec<&Value> {
    d.iter()
        .filter(|d| d["code"] == "inconsistent-figure")
        .collect()
}

/// The conflicts' messages and the related passages' files of the open
/// draft, once its conflict with the source has come, in a workspace
/// with `config`; and how many documents the server holds then. With
/// `indexed_before`, `factline index` has indexed the folder under the
/// default configuration first (a folder that small is held whole, so
/// the index keeps no postings until the server reads it lazily).
async fn draft_findings(config: &str, indexed_before: bool) -> (Vec<String>, Vec<String>, u64) {
    let fixture = format!(
        "//- /factline.toml\n\n//- /sources/bridge.txt\n{}//- /sources/choir.txt\n{}//- /sources/orchard.txt\n{}",
        source("Fourteen"),
        UNRELATED[0],
        UNRELATED[1]
    );
    let dir = write_fixture(&fixture);
    if indexed_before {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_factline"))
            .args(["index", "-q", "."])
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        let store = factline::host::SqliteStore::open(&dir.path().join(".factline")).unwrap();
        assert!(!store.keeps_postings().unwrap());
    }
    std::fs::write(dir.path().join("factline.toml"), config).unwrap();
    let mut c = Client::start();
    c.initialize_default(Some(dir.path())).await;
    c.wait_indexed().await;
    let bridge = file_uri(&dir.path().join("sources/bridge.txt"));
    let draft = file_uri(&dir.path().join("draft.txt"));
    c.open(&draft, 1, DRAFT).await;
    // Read lazily, the source comes when the index's watcher has fetched
    // it: waited for as an event.
    let d = c
        .diagnostics_where(&draft, |d| !conflicts(d).is_empty())
        .await;
    let conflict = conflicts(&d)[0];
    assert_eq!(
        conflict["relatedInformation"][0]["location"]["uri"],
        bridge.as_str(),
        "{conflict:#}"
    );
    let messages = conflicts(&d)
        .iter()
        .map(|c| c["message"].as_str().unwrap_or("").to_string())
        .collect();
    let r = c
        .request(
            "factline/relatedPassages",
            json!({"textDocument": {"uri": draft}, "position": {"line": 2, "character": 10}}),
        )
        .await;
    let mut related: Vec<String> = r["result"]["results"]
        .as_array()
        .map(|l| {
            l.iter()
                .filter_map(|x| x["uri"].as_str())
                .map(|u| u.rsplit('/').next().unwrap_or(u).to_string())
                .collect()
        })
        .unwrap_or_default();
    related.dedup();
    let held = c.request("factline/status", json!(null)).await["result"]["sources"]
        .as_u64()
        .unwrap_or(0);

    // A change of the source on disk reaches the draft through the index.
    std::fs::write(
        dir.path().join("sources/bridge.txt"),
        source("Nine").as_bytes(),
    )
    .unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": bridge, "type": 2}]}),
    )
    .await;
    c.diagnostics_where(&draft, |d| {
        conflicts(d)
            .iter()
            .any(|c| c["message"].as_str().unwrap_or("").contains('9'))
    })
    .await;
    c.shutdown().await;
    (messages, related, held)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_draft_in_a_workspace_read_lazily_keeps_its_cross_document_findings() {
    let (lazy_conflicts, lazy_related, lazy_held) =
        draft_findings("[index]\nlazy_above = 0\n", false).await;
    let (eager_conflicts, eager_related, eager_held) = draft_findings("", false).await;
    // An index written while the folder was held whole gets its postings
    // when the server first reads it lazily.
    let (later_conflicts, later_related, later_held) =
        draft_findings("[index]\nlazy_above = 0\n", true).await;
    assert_eq!(lazy_conflicts, eager_conflicts);
    assert_eq!(later_conflicts, eager_conflicts);
    assert_eq!(later_related, eager_related);
    assert_eq!(later_held, 2);
    assert!(
        lazy_related.iter().any(|f| f == "bridge.txt"),
        "{lazy_related:?}"
    );
    assert_eq!(lazy_related, eager_related);
    // Every source held eagerly; lazily, the draft and what it reaches.
    assert_eq!(eager_held, 4);
    assert_eq!(lazy_held, 2, "the draft and its source only");
}
