//! Attribution in the editor: hover on a sentence, the [source?] quick fix,
//! and "Mark as reviewed" through `workspace/executeCommand`.

mod common;

use common::{Client, file_uri, write_fixture};
use serde_json::{Value, json};

const FIXTURE: &str = r#"
//- /sources/wire.txt
Quay Crane Collapses at Valmera Port

A container ship struck a crane at the Port of Valmera on Tuesday, the port authority said.
//- /draft.txt
Valmera Port Draft

Harbour minister Tomas Reyner described the closure as a “blow to the coast”.

The port reopened, a decision that many interpret as a concession to the union.
"#;

fn codes(diags: &[Value]) -> Vec<&str> {
    diags.iter().filter_map(|d| d["code"].as_str()).collect()
}

#[tokio::test]
async fn hover_fix_and_mark_as_reviewed() {
    let dir = write_fixture(FIXTURE);
    let mut c = Client::start();
    let init = c.initialize_default(Some(dir.path())).await;
    assert_eq!(
        init["result"]["capabilities"]["executeCommandProvider"]["commands"],
        json!(["factline.markReviewed"])
    );
    c.wait_indexed().await;
    let path = dir.path().join("draft.txt");
    let uri = file_uri(&path);
    let text = std::fs::read_to_string(&path).unwrap();
    c.open(&uri, 1, &text).await;
    let diags = c.diagnostics(&uri, 1).await;
    assert_eq!(codes(&diags), ["weasel-attribution"], "{diags:#?}");
    let weasel = diags[0].clone();
    assert_eq!(weasel["range"]["start"]["line"], 4);

    // Hover on the attributed sentence names its source and construction.
    let hover = c
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": {"line": 2, "character": 20}}),
        )
        .await;
    let md = hover["result"]["contents"]["value"].as_str().unwrap_or("");
    assert!(
        md.contains(
            "Source: Harbour minister Tomas Reyner · described … as · quote: “blow to the coast”"
        ),
        "{md}"
    );

    // Code actions: the [source?] marker and "Mark as reviewed".
    let actions = c
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri}, "range": weasel["range"],
                   "context": {"diagnostics": [weasel]}}),
        )
        .await;
    let actions = actions["result"].as_array().cloned().unwrap_or_default();
    let marker = actions
        .iter()
        .find(|a| a["title"].as_str().unwrap_or("").contains("[source?]"))
        .expect("a marker fix");
    let edit = &marker["edit"]["changes"][uri.as_str()][0];
    assert_eq!(edit["newText"], " [source?]");
    assert_eq!(edit["range"]["start"]["line"], 4);
    let review = actions
        .iter()
        .find(|a| a["command"]["command"] == "factline.markReviewed")
        .expect("a Mark as reviewed action");
    let args = review["command"]["arguments"].clone();
    assert_eq!(args[0]["rule"], "weasel-attribution");

    // Run the command as the editor would.
    let r = c
        .request(
            "workspace/executeCommand",
            json!({"command": "factline.markReviewed", "arguments": args}),
        )
        .await;
    assert_eq!(r["result"]["file"], "draft.txt", "{r}");
    let recorded = std::fs::read_to_string(dir.path().join(".factline/reviewed.toml")).unwrap();
    assert!(
        recorded.contains("file = \"draft.txt\"")
            && recorded.contains("rule = \"weasel-attribution\""),
        "{recorded}"
    );
    // The finding is gone from the diagnostics.
    let m = c
        .wait_for(|m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri.as_str()
                && m["params"]["diagnostics"]
                    .as_array()
                    .is_some_and(|d| d.is_empty())
        })
        .await;
    assert_eq!(m["params"]["version"], 1);

    // Editing the sentence brings it back; editing another one does not.
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2},
               "contentChanges": [{"range": {"start": {"line": 2, "character": 0},
                                             "end": {"line": 2, "character": 7}},
                                   "text": "Port"}]}),
    )
    .await;
    assert!(codes(&c.diagnostics(&uri, 2).await).is_empty());
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 3},
               "contentChanges": [{"range": {"start": {"line": 4, "character": 4},
                                             "end": {"line": 4, "character": 8}},
                                   "text": "harbour"}]}),
    )
    .await;
    assert_eq!(codes(&c.diagnostics(&uri, 3).await), ["weasel-attribution"]);

    // A bad command is refused with a message.
    let r = c
        .request(
            "workspace/executeCommand",
            json!({"command": "factline.markReviewed", "arguments": [{"uri": uri}]}),
        )
        .await;
    assert!(
        r["error"]["message"]
            .as_str()
            .unwrap_or("")
            .contains("rule"),
        "{r}"
    );
    c.shutdown().await;
}

#[tokio::test]
async fn a_reviewed_list_on_disk_is_honoured_and_reloaded() {
    let dir = write_fixture(FIXTURE);
    let draft = std::fs::read_to_string(dir.path().join("draft.txt")).unwrap();
    let sentence = draft.lines().nth(4).unwrap();
    std::fs::create_dir_all(dir.path().join(".factline")).unwrap();
    let list = format!(
        "[[reviewed]]\nfile = \"draft.txt\"\nrule = \"weasel-attribution\"\nsentence = \"{}\"\n",
        factline::reviewed::sentence_hash(sentence)
    );
    std::fs::write(dir.path().join(".factline/reviewed.toml"), &list).unwrap();
    let mut c = Client::start();
    c.initialize_default(Some(dir.path())).await;
    c.wait_indexed().await;
    let uri = file_uri(&dir.path().join("draft.txt"));
    c.open(&uri, 1, &draft).await;
    assert!(codes(&c.diagnostics(&uri, 1).await).is_empty());

    // The list is emptied on disk (say, by version control): the finding
    // comes back.
    std::fs::write(dir.path().join(".factline/reviewed.toml"), "").unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": file_uri(&dir.path().join(".factline/reviewed.toml")), "type": 2}]}),
    )
    .await;
    c.wait_for(|m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == uri.as_str()
            && m["params"]["diagnostics"]
                .as_array()
                .is_some_and(|d| !d.is_empty())
    })
    .await;
    c.shutdown().await;
}
