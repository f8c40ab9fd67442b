//! Boilerplate in the editor: faded diagnostics, a quick fix per finding,
//! "Remove all boilerplate in this file" as a source action, and a hover
//! that says why.

mod common;

use common::Client;
use serde_json::{Value, json};

const SCRAPED: &str = "Related videos:
Harbour Tunnel Closes for Emergency Repairs
The harbour tunnel closed on Tuesday after inspectors found water seeping through a joint in its eastern section, the transport authority said.
harbour-tunnel-closes-for-emergency-repairs-images-0
Drivers were sent over the old bridge, where queues stretched for three kilometres at the evening rush hour.
Repairs will take at least a week, the authority said.
Leave a Reply";

const ARTICLE: &str = "Harbour Tunnel Closes for Emergency Repairs
The harbour tunnel closed on Tuesday after inspectors found water seeping through a joint in its eastern section, the transport authority said.
Drivers were sent over the old bridge, where queues stretched for three kilometres at the evening rush hour.
Repairs will take at least a week, the authority said.";

/// Applies LSP text edits (UTF-16 positions; the text here is ASCII).
fn apply(text: &str, edits: &[Value]) -> String {
    let offset = |pos: &Value| -> usize {
        let line = pos["line"].as_u64().unwrap() as usize;
        let ch = pos["character"].as_u64().unwrap() as usize;
        let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
        start + ch
    };
    let mut spans: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|e| {
            (
                offset(&e["range"]["start"]),
                offset(&e["range"]["end"]),
                e["newText"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    spans.sort();
    let mut out = String::new();
    let mut at = 0;
    for (s, e, t) in spans {
        assert!(s >= at, "edits overlap");
        out.push_str(&text[at..s]);
        out.push_str(&t);
        at = e;
    }
    out.push_str(&text[at..]);
    out
}

#[tokio::test]
async fn boilerplate_is_faded_fixable_and_explained() {
    let mut c = Client::start();
    let init = c.initialize(json!({}), None).await;
    let kinds = &init["result"]["capabilities"]["codeActionProvider"]["codeActionKinds"];
    assert!(
        kinds
            .as_array()
            .unwrap()
            .contains(&json!("source.fixAll.factline")),
        "{kinds}"
    );

    let uri = "file:///tmp/factline-test/tunnel.txt";
    c.open(uri, 1, SCRAPED).await;
    let diags = c.diagnostics(uri, 1).await;
    let lines: Vec<u64> = diags
        .iter()
        .filter(|d| d["code"] == "boilerplate")
        .map(|d| d["range"]["start"]["line"].as_u64().unwrap())
        .collect();
    assert_eq!(lines, [0, 3, 6], "{diags:#?}");
    for d in diags.iter().filter(|d| d["code"] == "boilerplate") {
        assert_eq!(d["tags"], json!([1]), "Unnecessary: {d}");
        assert_eq!(d["severity"], 2);
    }

    // Quick fix on the slug line.
    let slug = diags
        .iter()
        .find(|d| d["range"]["start"]["line"] == 3)
        .unwrap();
    let r = c
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri}, "range": slug["range"],
                   "context": {"diagnostics": [slug]}}),
        )
        .await;
    let actions = r["result"].as_array().expect("actions");
    let quick: Vec<&Value> = actions.iter().filter(|a| a["kind"] == "quickfix").collect();
    assert_eq!(quick.len(), 1, "{r}");
    assert_eq!(quick[0]["title"], "Remove this line");
    assert!(
        !actions
            .iter()
            .any(|a| a["kind"] == "source.fixAll.factline"),
        "the source action is offered only when asked for"
    );
    let edits = quick[0]["edit"]["changes"][uri].as_array().unwrap();
    let after = apply(SCRAPED, edits);
    assert!(!after.contains("images-0"));
    assert!(!after.contains("\n\n"), "no blank gap: {after}");

    // "Remove all boilerplate in this file", asked for as source.fixAll.
    let r = c
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri},
                   "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
                   "context": {"diagnostics": [], "only": ["source.fixAll"]}}),
        )
        .await;
    let actions = r["result"].as_array().expect("actions");
    assert_eq!(actions.len(), 1, "{r}");
    assert_eq!(actions[0]["kind"], "source.fixAll.factline");
    assert_eq!(actions[0]["title"], "Remove all boilerplate in this file");
    let changes = actions[0]["edit"]["changes"].as_object().unwrap();
    assert_eq!(changes.len(), 1, "one edit, to this file");
    let after = apply(SCRAPED, changes[uri].as_array().unwrap());
    assert_eq!(after, ARTICLE);

    // Hover on the slug says why.
    let hover = c
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": {"line": 3, "character": 5}}),
        )
        .await;
    let text = hover["result"]["contents"]["value"]
        .as_str()
        .unwrap_or_default();
    assert!(
        text.contains("Image file name left from the page: lowercase words joined by hyphens, ending in -images-0"),
        "{text}"
    );
    assert!(
        text.contains("**Page boilerplate** (line 4 of 7)"),
        "{text}"
    );

    // Nothing to remove: no source action.
    let clean = "file:///tmp/factline-test/clean.txt";
    c.open(clean, 1, ARTICLE).await;
    let d = c.diagnostics(clean, 1).await;
    assert!(d.iter().all(|d| d["code"] != "boilerplate"), "{d:#?}");
    let r = c
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": clean},
                   "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
                   "context": {"diagnostics": [], "only": ["source.fixAll.factline"]}}),
        )
        .await;
    assert_eq!(r["result"], json!([]), "{r}");
    c.shutdown().await;
}
