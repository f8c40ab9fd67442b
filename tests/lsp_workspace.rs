//! The server and the workspace folder: indexing with progress, files
//! created, changed and deleted on disk, unreadable files, configuration.

mod common;

use std::time::Duration;

use common::{Client, file_uri, write_fixture};
use serde_json::{Value, json};

const SOURCES: &str = r#"
//- /sources/ferry.txt
Ferry Service Cut to Two Sailings a Day

The island ferry operator said on Friday it would run two sailings a day from March.
//- /sources/school.txt
School Roof Repairs Finish Early

Contractors finished repairs to the Linden Road school roof a week early, the district said.
//- /notes/.hidden/skip.txt
A hidden folder is never indexed.
//- /node_modules/pkg/skip.txt
Neither is node_modules.
//- /draft.txt
Draft

Critics say the ferry cuts will hurt tourism.
"#;

async fn status(c: &mut Client) -> Value {
    c.request("factline/status", Value::Null).await["result"].clone()
}

/// Polls `factline/status` until `pred` holds (file events are handled
/// asynchronously and announce nothing when done). Bounded only by the
/// generous hang limit, not by how fast this machine is.
async fn wait_status(c: &mut Client, pred: impl Fn(&Value) -> bool) -> Value {
    let start = std::time::Instant::now();
    while start.elapsed() < common::WAIT {
        let s = status(c).await;
        if pred(&s) {
            return s;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    panic!("status never matched; last: {}", status(c).await);
}

#[tokio::test]
async fn indexes_the_workspace_with_progress() {
    let dir = write_fixture(SOURCES);
    let mut c = Client::start();
    c.initialize_default(Some(dir.path())).await;
    c.wait_indexed().await;
    let s = status(&mut c).await;
    assert_eq!(s["sources"], 3, "{s}");
    assert_eq!(s["indexing"], false);
    let progress: Vec<&Value> = c
        .seen
        .iter()
        .filter(|m| m["method"] == "$/progress")
        .collect();
    assert_eq!(progress[0]["params"]["value"]["kind"], "begin");
    assert!(
        progress.iter().any(|m| m["params"]["value"]["message"]
            .as_str()
            .is_some_and(|t| t.contains("Indexing 3/3 sources"))),
        "{progress:#?}"
    );
    c.shutdown().await;
}

#[tokio::test]
async fn files_created_changed_and_deleted_on_disk_update_the_corpus() {
    let dir = write_fixture(SOURCES);
    let mut c = Client::start();
    c.initialize_default(Some(dir.path())).await;
    c.wait_indexed().await;

    let new = dir.path().join("sources/port.txt");
    std::fs::write(
        &new,
        "Port Strike Ends\n\nDockworkers voted to return on Monday.\n",
    )
    .unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": file_uri(&new), "type": 1}]}),
    )
    .await;
    wait_status(&mut c, |s| s["sources"] == 4).await;

    std::fs::write(&new, b"caf\xe9 not utf-8").unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": file_uri(&new), "type": 2}]}),
    )
    .await;
    let s = wait_status(&mut c, |s| s["sources"] == 3).await;
    assert!(
        s["skipped"][0]["reason"]
            .as_str()
            .unwrap()
            .contains("not valid UTF-8"),
        "{s}"
    );

    std::fs::remove_file(&new).unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": file_uri(&new), "type": 3}]}),
    )
    .await;
    wait_status(&mut c, |s| {
        s["sources"] == 3 && s["skipped"].as_array().unwrap().is_empty()
    })
    .await;
    c.shutdown().await;
}

#[tokio::test]
async fn a_file_deleted_while_open_stays_served_until_closed() {
    let dir = write_fixture(SOURCES);
    let mut c = Client::start();
    c.initialize_default(Some(dir.path())).await;
    c.wait_indexed().await;
    let path = dir.path().join("draft.txt");
    let uri = file_uri(&path);
    let text = std::fs::read_to_string(&path).unwrap();
    c.open(&uri, 1, &text).await;
    assert_eq!(c.diagnostics(&uri, 1).await.len(), 1);

    std::fs::remove_file(&path).unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri, "type": 3}]}),
    )
    .await;
    // Still open: edits are still analysed.
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2},
               "contentChanges": [{"text": "Draft\n\nSome say it rained.\n"}]}),
    )
    .await;
    let d = c.diagnostics(&uri, 2).await;
    assert_eq!(d[0]["code"], "weasel-attribution", "{d:?}");
    // The open document stands in for its deleted file.
    assert_eq!(status(&mut c).await["sources"], 3);

    c.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    )
    .await;
    let cleared = c
        .wait_for(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri)
        .await;
    assert_eq!(cleared["params"]["diagnostics"], json!([]));
    // Closed and gone from disk: gone from the corpus.
    wait_status(&mut c, |s| s["sources"] == 2 && s["open"] == 0).await;
    c.shutdown().await;
}

#[tokio::test]
async fn unreadable_and_oversized_documents_get_one_diagnostic() {
    let dir = write_fixture(SOURCES);
    let latin = dir.path().join("sources/latin1.txt");
    std::fs::write(&latin, b"Caf\xe9 owners protest\n").unwrap();
    let mut c = Client::start();
    c.initialize(
        json!({"window": {"workDoneProgress": true}}),
        Some(dir.path()),
    )
    .await;
    c.wait_indexed().await;
    let uri = file_uri(&latin);
    // The editor decoded the file its own way; the server still refuses it.
    c.open(&uri, 1, "Café owners protest\n").await;
    let d = c.diagnostics(&uri, 1).await;
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0]["code"], "unreadable-file");
    assert_eq!(d[0]["severity"], 1);
    assert_eq!(d[0]["range"]["start"]["line"], 0);
    assert!(d[0]["message"].as_str().unwrap().contains("UTF-8"));
    c.shutdown().await;

    let mut c = Client::start();
    c.initialize(json!({}), None).await;
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"factline": {"max_file_bytes": 100}}}),
    )
    .await;
    let big = "Critics say it is too long. ".repeat(20);
    c.open("file:///nonexistent-factline/big.txt", 1, &big)
        .await;
    let d = c
        .diagnostics("file:///nonexistent-factline/big.txt", 1)
        .await;
    assert_eq!(d.len(), 1, "{d:?}");
    assert!(
        d[0]["message"]
            .as_str()
            .unwrap()
            .contains("max_file_bytes (100)")
    );
    c.shutdown().await;
}

#[tokio::test]
async fn configuration_errors_are_shown_and_settings_apply() {
    let dir = write_fixture(SOURCES);
    std::fs::write(
        dir.path().join("factline.toml"),
        "max_file_bytes = \"big\"\nmystery = 1\n",
    )
    .unwrap();
    let mut c = Client::start();
    c.initialize(
        json!({"window": {"workDoneProgress": true}}),
        Some(dir.path()),
    )
    .await;
    let shown = c
        .wait_for(|m| m["method"] == "window/showMessage" && m["params"]["type"] == 1)
        .await;
    assert!(
        shown["params"]["message"]
            .as_str()
            .unwrap()
            .contains("`max_file_bytes`"),
        "{shown}"
    );
    let warned = c
        .wait_for(|m| m["method"] == "window/showMessage" && m["params"]["type"] == 2)
        .await;
    assert!(
        warned["params"]["message"]
            .as_str()
            .unwrap()
            .contains("`mystery`")
    );
    c.wait_indexed().await;

    let uri = file_uri(&dir.path().join("draft.txt"));
    c.open(
        &uri,
        1,
        "Draft\n\nCritics say the ferry cuts will hurt tourism.\n",
    )
    .await;
    assert_eq!(c.diagnostics(&uri, 1).await.len(), 1);
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"factline": {"rules": {"weasel-attribution": {"severity": "hint"}}}}}),
    )
    .await;
    let d = c.diagnostics(&uri, 1).await;
    let d = if d.first().is_some_and(|d| d["severity"] == 4) {
        d
    } else {
        c.diagnostics(&uri, 1).await
    };
    assert_eq!(d[0]["severity"], 4, "{d:?}");
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"factline": {"rules": {"weasel-attribution": false}}}}),
    )
    .await;
    let cleared = c
        .wait_for(|m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && m["params"]["diagnostics"] == json!([])
        })
        .await;
    assert_eq!(cleared["params"]["version"], 1);
    c.shutdown().await;
}

const BRIDGE_SOURCE: &str = "Elmford Bridge Collapse\n\n\
    ELMFORD — Eleven people were killed when the old rail bridge over the Tarrow collapsed on Tuesday evening, the county fire service said.\n\n\
    Rescue teams worked through the night to reach cars trapped under the fallen span.\n";
const BRIDGE_DRAFT: &str = "Draft: the Elmford collapse\n\n\
    The collapse of the old rail bridge over the Tarrow in Elmford on Tuesday killed 11 people, according to the county fire service.\n";

fn conflicts(d: &[Value]) -> Vec<&Value> {
    d.iter()
        .filter(|d| d["code"] == "inconsistent-figure")
        .collect()
}

/// Editing one open document re-checks the figures of the others: the
/// draft is told as soon as its source changes a figure, and told again
/// when the change is undone.
#[tokio::test]
async fn an_edit_in_one_document_republishes_the_others() {
    let dir = write_fixture("//- /empty.txt\n\n");
    let mut c = Client::start();
    c.initialize_default(Some(dir.path())).await;
    c.wait_indexed().await;
    let source = file_uri(&dir.path().join("source.txt"));
    let draft = file_uri(&dir.path().join("draft.txt"));
    c.open(&source, 1, BRIDGE_SOURCE).await;
    c.open(&draft, 1, BRIDGE_DRAFT).await;
    let d = c.diagnostics(&draft, 1).await;
    assert!(conflicts(&d).is_empty(), "the two agree: {d:#?}");

    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": source, "version": 2},
               "contentChanges": [{"text": BRIDGE_SOURCE.replace("Eleven", "Fourteen")}]}),
    )
    .await;
    let d = c
        .diagnostics_where(&draft, |d| !conflicts(d).is_empty())
        .await;
    let conflict = conflicts(&d)[0];
    assert!(
        conflict["message"].as_str().unwrap().contains("14"),
        "{conflict:#}"
    );
    let related = &conflict["relatedInformation"][0]["location"];
    assert_eq!(related["uri"], source.as_str(), "{conflict:#}");
    // The source itself is flagged too, pointing at the draft.
    let s = c.diagnostics(&source, 2).await;
    assert_eq!(conflicts(&s).len(), 1, "{s:#?}");

    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": source, "version": 3},
               "contentChanges": [{"text": BRIDGE_SOURCE}]}),
    )
    .await;
    c.diagnostics_where(&draft, |d| conflicts(d).is_empty())
        .await;
    c.shutdown().await;
}

/// A source changed on disk (not open) re-checks the open draft.
#[tokio::test]
async fn a_source_changed_on_disk_republishes_the_open_draft() {
    let dir = write_fixture("//- /empty.txt\n\n");
    let source_path = dir.path().join("source.txt");
    std::fs::write(&source_path, BRIDGE_SOURCE).unwrap();
    let mut c = Client::start();
    c.initialize_default(Some(dir.path())).await;
    c.wait_indexed().await;
    let draft = file_uri(&dir.path().join("draft.txt"));
    c.open(&draft, 1, BRIDGE_DRAFT).await;
    let d = c.diagnostics(&draft, 1).await;
    assert!(conflicts(&d).is_empty(), "{d:#?}");

    std::fs::write(&source_path, BRIDGE_SOURCE.replace("Eleven", "Nine")).unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": file_uri(&source_path), "type": 2}]}),
    )
    .await;
    let d = c
        .diagnostics_where(&draft, |d| !conflicts(d).is_empty())
        .await;
    assert!(
        conflicts(&d)[0]["message"].as_str().unwrap().contains('9'),
        "{d:#?}"
    );

    std::fs::remove_file(&source_path).unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": file_uri(&source_path), "type": 3}]}),
    )
    .await;
    c.diagnostics_where(&draft, |d| conflicts(d).is_empty())
        .await;
    c.shutdown().await;
}

/// Editors send their settings at start and again just after (Neovim's
/// `workspace/didChangeConfiguration`): the same problems are not shown
/// twice, the folder is not indexed twice, and the progress never claims
/// a full index it did not make.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_same_settings_again_say_nothing_new_and_do_not_reindex() {
    let dir = write_fixture(
        "//- /factline.toml\nmax_file_byte = 10\n//- /a.txt\nCritics say the plan failed.\n",
    );
    let mut c = Client::start();
    c.initialize_default(Some(dir.path())).await;
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"factline": {}}}),
    )
    .await;
    c.wait_indexed().await;
    // A barrier: new settings with a new problem; once it is shown, the
    // notification before it has been handled.
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"factline": {"colour": "red"}}}),
    )
    .await;
    c.wait_for(|m| {
        m["method"] == "window/showMessage"
            && m["params"]["message"]
                .as_str()
                .is_some_and(|s| s.contains("colour"))
    })
    .await;
    let shown = |needle: &str| {
        c.seen
            .iter()
            .filter(|m| {
                m["method"] == "window/showMessage"
                    && m["params"]["message"]
                        .as_str()
                        .is_some_and(|s| s.contains(needle))
            })
            .count()
    };
    assert_eq!(shown("max_file_byte`"), 1, "{:#?}", c.seen);
    assert!(
        c.seen.iter().any(|m| m["params"]["message"]
            .as_str()
            .is_some_and(|s| s.contains("did you mean `max_file_bytes`?"))),
        "{:#?}",
        c.seen
    );
    let ends: Vec<&str> = c
        .seen
        .iter()
        .filter(|m| m["method"] == "$/progress" && m["params"]["value"]["kind"] == "end")
        .filter_map(|m| m["params"]["value"]["message"].as_str())
        .collect();
    assert_eq!(
        ends.first()
            .copied()
            .map(|e| e.starts_with("Indexed 1 sources")),
        Some(true),
        "{ends:?}"
    );
    c.shutdown().await;
}
