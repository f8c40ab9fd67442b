//! The workspace when the editor sends no folder: `rootPath` alone (as
//! Helix sends in a plain folder), or nothing at all (as Neovim sends when
//! it finds no root marker). Either way the other sources in the folder are
//! indexed and a draft's figure is compared with them.

mod common;

use common::{Client, file_uri, write_fixture};
use serde_json::{Value, json};

/// Two sources and a draft that contradicts their death toll.
const FOLDER: &str = "\
//- /harbour-gazette.txt
Ferry fire off Castrel Point

Seventeen passengers were rescued after a fire broke out on the ferry Marisol off Castrel Point on Sunday, the coast guard said.

The ferry was towed back to port by two tugboats.
//- /island-post.txt
Marisol passengers brought ashore

The coast guard said 17 passengers were rescued from the burning ferry Marisol near Castrel Point on Sunday.
//- /draft.txt
Draft: the Marisol fire

According to the coast guard, 23 passengers were rescued after the fire on the ferry Marisol off Castrel Point on Sunday.
";

fn conflicts(d: &[Value]) -> usize {
    d.iter()
        .filter(|d| d["code"] == "inconsistent-figure")
        .count()
}

/// Waits until the draft's diagnostics hold an `inconsistent-figure`
/// finding (the draft is re-checked once the folder is indexed).
async fn wait_conflict(c: &mut Client, uri: &str) -> Vec<Value> {
    c.diagnostics_where(uri, |d| conflicts(d) > 0).await
}

fn logged(c: &Client, needle: &str) -> usize {
    c.seen
        .iter()
        .filter(|m| {
            m["method"] == "window/logMessage"
                && m["params"]["message"]
                    .as_str()
                    .is_some_and(|s| s.contains(needle))
        })
        .count()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn root_path_alone_is_the_workspace() {
    let dir = write_fixture(FOLDER);
    let mut c = Client::start();
    c.request(
        "initialize",
        json!({
            "processId": null,
            "rootUri": null,
            "rootPath": dir.path().to_string_lossy(),
            "workspaceFolders": [],
            "capabilities": {"window": {"workDoneProgress": true}},
        }),
    )
    .await;
    c.notify("initialized", json!({})).await;
    c.wait_indexed().await;
    let draft = file_uri(&dir.path().join("draft.txt"));
    let text = std::fs::read_to_string(dir.path().join("draft.txt")).unwrap();
    c.open(&draft, 1, &text).await;
    let d = wait_conflict(&mut c, &draft).await;
    assert!(
        d.iter()
            .any(|d| d["message"].as_str().unwrap().contains("17")),
        "{d:#?}"
    );
    let s = c.request("factline/status", Value::Null).await;
    assert_eq!(s["result"]["root"]["from"], "rootPath", "{s}");
    assert_eq!(s["result"]["sources"], 3, "{s}");
    assert_eq!(logged(&c, "rootPath"), 1, "{:#?}", c.seen);
    c.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_no_root_the_open_files_folder_is_the_workspace() {
    let dir = write_fixture(FOLDER);
    let mut c = Client::start();
    c.request(
        "initialize",
        json!({
            "processId": null,
            "rootUri": null,
            "workspaceFolders": [],
            "capabilities": {"window": {"workDoneProgress": true}},
        }),
    )
    .await;
    c.notify("initialized", json!({})).await;
    let s = c.request("factline/status", Value::Null).await;
    assert_eq!(s["result"]["root"]["from"], "none", "{s}");

    let draft = file_uri(&dir.path().join("draft.txt"));
    let text = std::fs::read_to_string(dir.path().join("draft.txt")).unwrap();
    c.open(&draft, 1, &text).await;
    let d = wait_conflict(&mut c, &draft).await;
    assert_eq!(conflicts(&d), 1, "{d:#?}");

    let s = c.request("factline/status", Value::Null).await;
    assert_eq!(s["result"]["root"]["from"], "open file", "{s}");
    let folder = dir.path().to_string_lossy().into_owned();
    assert_eq!(s["result"]["root"]["folders"], json!([folder]), "{s}");
    assert!(
        s["result"]["root"]["notice"]
            .as_str()
            .is_some_and(|n| n.contains("draft.txt")),
        "{s}"
    );
    // Said once, however many files are opened next.
    let other = file_uri(&dir.path().join("island-post.txt"));
    let text = std::fs::read_to_string(dir.path().join("island-post.txt")).unwrap();
    c.open(&other, 1, &text).await;
    c.diagnostics(&other, 1).await;
    assert_eq!(logged(&c, "folder of draft.txt"), 1, "{:#?}", c.seen);
    c.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn workspace_folders_win_and_nothing_is_said() {
    let dir = write_fixture(FOLDER);
    let mut c = Client::start();
    c.initialize_default(Some(dir.path())).await;
    c.wait_indexed().await;
    let s = c.request("factline/status", Value::Null).await;
    assert_eq!(s["result"]["root"]["from"], "workspaceFolders", "{s}");
    assert_eq!(s["result"]["root"]["notice"], Value::Null, "{s}");
    assert_eq!(logged(&c, "no workspace folder"), 0, "{:#?}", c.seen);
    c.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_file_in_a_folder_that_does_not_exist_takes_no_root() {
    let mut c = Client::start();
    c.initialize(json!({}), None).await;
    let uri = "file:///nonexistent-factline/draft.txt";
    c.open(uri, 1, "Critics say the plan failed.\n").await;
    let d = c.diagnostics(uri, 1).await;
    assert_eq!(d.len(), 1, "{d:?}");
    let s = c.request("factline/status", Value::Null).await;
    assert_eq!(s["result"]["root"]["from"], "none", "{s}");
    c.shutdown().await;
}
