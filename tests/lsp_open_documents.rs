//! Other open documents after an edit: their cross-document findings are
//! checked again after the edited document's diagnostics are out, and only
//! when the edit changed something they compare against (a figure, a
//! passage's words). Waits on messages only.

mod common;

use common::{Client, file_uri, write_fixture};
use serde_json::{Value, json};

const HARBOUR_SOURCE: &str = "Grain Silo Fire at Pellow Harbour\n\n\
    PELLOW — Fourteen dock workers were hurt when a grain silo caught fire at Pellow Harbour on Sunday morning, the port authority said.\n\n\
    Crews kept the flames away from the fuel depot next to the quay.\n";
const HARBOUR_DRAFT: &str = "Draft: the Pellow silo fire\n\n\
    The grain silo fire at Pellow Harbour on Sunday morning hurt 11 dock workers, according to the port authority.\n";

fn is_publish(m: &Value, uri: &str) -> bool {
    m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
}

fn conflict_messages(m: &Value) -> Vec<String> {
    m["params"]["diagnostics"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|d| d["code"] == "inconsistent-figure")
        .filter_map(|d| d["message"].as_str().map(str::to_string))
        .collect()
}

fn change(uri: &str, version: i32, text: &str) -> Value {
    json!({"textDocument": {"uri": uri, "version": version},
           "contentChanges": [{"text": text}]})
}

#[tokio::test]
async fn only_an_edit_that_changes_a_figure_rechecks_the_other_documents() {
    let dir = write_fixture("//- /empty.txt\n\n");
    let mut c = Client::start();
    c.initialize_default(Some(dir.path())).await;
    c.wait_indexed().await;
    let source = file_uri(&dir.path().join("source.txt"));
    let draft = file_uri(&dir.path().join("draft.txt"));
    c.open(&draft, 1, HARBOUR_DRAFT).await;
    c.diagnostics(&draft, 1).await;
    c.open(&source, 1, HARBOUR_SOURCE).await;
    // The draft learns of the source's 14 once the source is read.
    let m = c
        .wait_for(|m| is_publish(m, &draft) && !conflict_messages(m).is_empty())
        .await;
    assert!(conflict_messages(&m)[0].contains("14"), "{m:#}");
    c.diagnostics(&source, 1).await;
    c.clear();

    // White space in a sentence without a figure: nothing the draft
    // compares against changes.
    let spaced = HARBOUR_SOURCE.replace("Crews kept", "Crews  kept");
    c.notify("textDocument/didChange", change(&source, 2, &spaced))
        .await;
    c.diagnostics(&source, 2).await;

    // A new figure in the source: the draft is checked again, after the
    // source's own diagnostics.
    let twelve = spaced.replace("Fourteen", "Twelve");
    c.notify("textDocument/didChange", change(&source, 3, &twelve))
        .await;
    let m = c
        .wait_for(|m| is_publish(m, &draft) && !conflict_messages(m).is_empty())
        .await;
    let messages = conflict_messages(&m);
    assert!(messages[0].contains("12"), "{m:#}");
    assert!(
        c.backlog()
            .iter()
            .any(|b| is_publish(b, &source) && b["params"]["version"] == 3),
        "the edited document's diagnostics come first: {:#?}",
        c.backlog()
    );
    assert!(
        !c.backlog().iter().any(|b| is_publish(b, &draft)),
        "the draft was published for the white-space edit: {:#?}",
        c.backlog()
    );

    // Eleven in the source too: the draft's conflict goes.
    let eleven = HARBOUR_SOURCE.replace("Fourteen", "Eleven");
    c.notify("textDocument/didChange", change(&source, 4, &eleven))
        .await;
    c.wait_for(|m| is_publish(m, &draft) && conflict_messages(m).is_empty())
        .await;
    c.shutdown().await;
}
