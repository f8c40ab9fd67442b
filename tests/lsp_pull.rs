//! Pulled diagnostics (LSP 3.17): the findings of every source, opened or
//! not, for a client that asks for them; `publishDiagnostics` for one that
//! does not.

mod common;

use common::{Client, file_uri, write_fixture};
use serde_json::{Value, json};

const FOLDER: &str = "\
//- /harbour-gazette.txt
Ferry fire off Castrel Point

Seventeen passengers were rescued after a fire broke out on the ferry Marisol off Castrel Point on Sunday, the coast guard said.

Critics say the ferry was too old to sail.
//- /island-post.txt
Marisol passengers brought ashore

The coast guard said 17 passengers were rescued from the burning ferry Marisol near Castrel Point on Sunday.
//- /draft.txt
Draft: the Marisol fire

According to the coast guard, 23 passengers were rescued after the fire on the ferry Marisol off Castrel Point on Sunday.
";

/// Capabilities of a client that pulls diagnostics.
fn pulling() -> Value {
    json!({
        "window": {"workDoneProgress": true},
        "textDocument": {"diagnostic": {"relatedDocumentSupport": false}},
        "workspace": {"diagnostics": {"refreshSupport": true}},
    })
}

/// Workspace reports by file name: the codes of each file's diagnostics.
fn by_name(report: &Value) -> std::collections::BTreeMap<String, Vec<String>> {
    report["result"]["items"]
        .as_array()
        .unwrap_or_else(|| panic!("{report}"))
        .iter()
        .map(|item| {
            let name = item["uri"]
                .as_str()
                .unwrap()
                .rsplit('/')
                .next()
                .unwrap()
                .to_string();
            let codes = item["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|d| d["code"].as_str().unwrap().to_string())
                .collect();
            (name, codes)
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pulling_client_gets_the_findings_of_files_never_opened() {
    let dir = write_fixture(FOLDER);
    let mut c = Client::start();
    let init = c.initialize(pulling(), Some(dir.path())).await;
    let provider = &init["result"]["capabilities"]["diagnosticProvider"];
    assert_eq!(provider["workspaceDiagnostics"], true, "{init}");
    assert_eq!(provider["interFileDependencies"], true, "{init}");
    c.wait_indexed().await;

    let report = c
        .request("workspace/diagnostic", json!({"previousResultIds": []}))
        .await;
    let files = by_name(&report);
    assert_eq!(files.len(), 3, "{files:?}");
    assert!(
        files["draft.txt"].contains(&"inconsistent-figure".to_string()),
        "{files:?}"
    );
    assert!(
        files["harbour-gazette.txt"].contains(&"weasel-attribution".to_string()),
        "{files:?}"
    );
    let result_id = report["result"]["items"][0]["resultId"].clone();
    assert!(result_id.is_string(), "{report}");

    // An open document is pulled on its own, at its current text, and
    // nothing is pushed.
    let draft = file_uri(&dir.path().join("draft.txt"));
    let text = std::fs::read_to_string(dir.path().join("draft.txt")).unwrap();
    c.open(&draft, 1, &text).await;
    let pulled = c
        .request(
            "textDocument/diagnostic",
            json!({"textDocument": {"uri": draft}}),
        )
        .await;
    assert_eq!(pulled["result"]["kind"], "full", "{pulled}");
    let items = pulled["result"]["items"].as_array().unwrap();
    assert!(
        items.iter().any(|d| d["code"] == "inconsistent-figure"
            && d["relatedInformation"][0]["location"]["uri"]
                .as_str()
                .is_some_and(|u| u.starts_with("file://"))),
        "{pulled}"
    );

    // Asked again with nothing new, the request waits for a change: a new
    // source on disk ends it, and the new file is in the report.
    let previous: Vec<Value> = report["result"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| json!({"uri": i["uri"], "value": i["resultId"]}))
        .collect();
    let id = c
        .request_async(
            "workspace/diagnostic",
            json!({"previousResultIds": previous}),
        )
        .await;
    let added = dir.path().join("coast-news.txt");
    std::fs::write(
        &added,
        "Coast news\n\nMany believe the ferry service will end.\n",
    )
    .unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": file_uri(&added), "type": 1}]}),
    )
    .await;
    let report = c
        .wait_for(|m| m["id"] == json!(id) && m.get("method").is_none())
        .await;
    let files = by_name(&report);
    assert!(files.contains_key("coast-news.txt"), "{files:?}");
    assert!(
        !files.contains_key("draft.txt"),
        "open documents are pulled alone: {files:?}"
    );
    assert_ne!(report["result"]["items"][0]["resultId"], result_id);
    assert!(
        !c.backlog()
            .iter()
            .any(|m| m["method"] == "textDocument/publishDiagnostics"),
        "nothing pushed to a pulling client: {:#?}",
        c.backlog()
    );
    c.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn workspace_diagnostics_open_limits_the_report_to_open_files() {
    let dir = write_fixture(FOLDER);
    let mut c = Client::start();
    let folders = json!([{"uri": file_uri(dir.path()), "name": "w"}]);
    c.request(
        "initialize",
        json!({
            "processId": null,
            "rootUri": file_uri(dir.path()),
            "workspaceFolders": folders,
            "capabilities": pulling(),
            "initializationOptions": {"factline": {"workspace_diagnostics": "open"}},
        }),
    )
    .await;
    c.notify("initialized", json!({})).await;
    c.wait_indexed().await;
    let report = c
        .request("workspace/diagnostic", json!({"previousResultIds": []}))
        .await;
    assert_eq!(report["result"]["items"], json!([]), "{report}");
    // Asked again, the request is held open; shutting down still answers.
    c.request_async("workspace/diagnostic", json!({"previousResultIds": []}))
        .await;
    c.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_that_cannot_pull_gets_diagnostics_pushed() {
    let dir = write_fixture(FOLDER);
    let mut c = Client::start();
    let init = c.initialize_default(Some(dir.path())).await;
    assert!(
        init["result"]["capabilities"]
            .get("diagnosticProvider")
            .is_none(),
        "{init}"
    );
    c.wait_indexed().await;
    let draft = file_uri(&dir.path().join("draft.txt"));
    let text = std::fs::read_to_string(dir.path().join("draft.txt")).unwrap();
    c.open(&draft, 1, &text).await;
    let d = c.diagnostics(&draft, 1).await;
    assert!(
        d.iter().any(|d| d["code"] == "inconsistent-figure"),
        "{d:#?}"
    );
    c.shutdown().await;
}

/// A client that pulls but cannot be asked to pull again when another
/// document changes its findings (Neovim 0.11) would keep stale ones: it
/// gets them pushed.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_that_cannot_be_told_to_pull_again_gets_diagnostics_pushed() {
    let dir = write_fixture(FOLDER);
    let mut c = Client::start();
    let init = c
        .initialize(
            json!({
                "window": {"workDoneProgress": true},
                "textDocument": {"diagnostic": {}},
            }),
            Some(dir.path()),
        )
        .await;
    assert!(
        init["result"]["capabilities"]
            .get("diagnosticProvider")
            .is_none(),
        "{init}"
    );
    c.wait_indexed().await;
    let draft = file_uri(&dir.path().join("draft.txt"));
    let text = std::fs::read_to_string(dir.path().join("draft.txt")).unwrap();
    c.open(&draft, 1, &text).await;
    let d = c.diagnostics(&draft, 1).await;
    assert!(
        d.iter().any(|d| d["code"] == "inconsistent-figure"),
        "{d:#?}"
    );
    c.shutdown().await;
}

/// New settings change an open document's findings without an edit from
/// the client: it is asked to pull again, and the pull reflects them.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn new_settings_ask_a_pulling_client_to_pull_again() {
    let dir = write_fixture(FOLDER);
    let mut c = Client::start();
    c.initialize(pulling(), Some(dir.path())).await;
    c.wait_indexed().await;
    // The end of indexing asks for a pull; the one after the new settings
    // must be told from it.
    c.wait_for(|m| m["method"] == "workspace/diagnostic/refresh")
        .await;
    let draft = file_uri(&dir.path().join("draft.txt"));
    let text = std::fs::read_to_string(dir.path().join("draft.txt")).unwrap();
    c.open(&draft, 1, &text).await;
    let codes = |pulled: &Value| -> Vec<String> {
        pulled["result"]["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["code"].as_str().unwrap().to_string())
            .collect()
    };
    let pulled = c
        .request(
            "textDocument/diagnostic",
            json!({"textDocument": {"uri": draft}}),
        )
        .await;
    assert!(
        codes(&pulled).contains(&"inconsistent-figure".to_string()),
        "{pulled}"
    );
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"factline": {"rules": {"inconsistent-figure": {"enabled": false}}}}}),
    )
    .await;
    c.wait_for(|m| m["method"] == "workspace/diagnostic/refresh")
        .await;
    let pulled = c
        .request(
            "textDocument/diagnostic",
            json!({"textDocument": {"uri": draft}}),
        )
        .await;
    assert!(
        !codes(&pulled).contains(&"inconsistent-figure".to_string()),
        "{pulled}"
    );
    c.shutdown().await;
}
