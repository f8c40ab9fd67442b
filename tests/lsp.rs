//! The real server over an in-memory stream: initialization, document
//! sync, diagnostics, hover, shutdown.

mod common;

use common::Client;
use serde_json::{Value, json};

const ARTICLE: &str = "Dam Repairs Delayed Again\n\
The regional water authority said on Monday that repairs to the Kessel dam will slip to spring.\n\
The delay is largely attributed to a shortage of steel, and critics say the budget was never realistic.\n";

#[tokio::test]
async fn negotiates_utf8_when_offered_and_utf16_otherwise() {
    let mut c = Client::start();
    let r = c
        .initialize(
            json!({"general": {"positionEncodings": ["utf-16", "utf-8"]}}),
            None,
        )
        .await;
    assert_eq!(r["result"]["capabilities"]["positionEncoding"], "utf-8");
    assert_eq!(r["result"]["capabilities"]["textDocumentSync"]["change"], 2);
    c.shutdown().await;

    let mut c = Client::start();
    let r = c.initialize(json!({}), None).await;
    assert_eq!(r["result"]["capabilities"]["positionEncoding"], "utf-16");
    assert_eq!(r["result"]["serverInfo"]["name"], "factline");
    c.shutdown().await;
}

#[tokio::test]
async fn publishes_versioned_diagnostics_on_open_and_hovers_them() {
    let mut c = Client::start();
    c.initialize(json!({}), None).await;
    let uri = "file:///tmp/factline-test/dam.txt";
    c.open(uri, 3, ARTICLE).await;
    let diags = c.diagnostics(uri, 3).await;
    let phrases: Vec<(&str, u64)> = diags
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap(),
                d["range"]["start"]["line"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        phrases,
        [("weasel-attribution", 2), ("weasel-attribution", 2)],
        "{diags:#?}"
    );
    assert!(
        diags
            .iter()
            .all(|d| d["source"] == "factline" && d["severity"] == 4)
    );

    let start = &diags[0]["range"]["start"];
    let hover = c
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": start}),
        )
        .await;
    let text = hover["result"]["contents"]["value"]
        .as_str()
        .unwrap_or_default();
    // What is under the cursor comes first: the sentence's attribution.
    assert!(
        text.starts_with("No source") || text.starts_with("Credited") || text.starts_with("**"),
        "{text}"
    );
    let rule_at = text
        .find("`weasel-attribution`")
        .expect("the rule is named");
    assert!(
        rule_at > 0,
        "the rule comes after what is under the cursor: {text}"
    );
    // One line links the rule's page; the page itself is not shown, and
    // the diagnostic's message (shown by the editor) is not repeated.
    let href = format!(
        "file://{}/docs/rules/weasel-attribution.md",
        env!("CARGO_MANIFEST_DIR")
    );
    assert!(
        text.contains(&format!("[rule documentation]({href})")),
        "{text}"
    );
    assert!(!text.contains("## Why it matters"), "{text}");
    let message = diags[0]["message"].as_str().unwrap();
    assert!(!text.contains(message), "{text}");
    assert!(text.lines().count() < 15, "{text}");
    assert_eq!(diags[0]["codeDescription"]["href"], href, "{diags:#?}");

    // Away from any finding: nothing to say (yet), and no error.
    let hover = c
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 2}}),
        )
        .await;
    assert!(hover.get("error").is_none(), "{hover}");
    c.shutdown().await;
}

#[tokio::test]
async fn stale_and_unknown_changes_are_dropped() {
    let mut c = Client::start();
    c.initialize(json!({}), None).await;
    let uri = "file:///tmp/factline-test/stale.txt";
    c.open(uri, 5, "Critics say it is late.").await;
    c.diagnostics(uri, 5).await;
    // Version 5 again: stale, ignored.
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 5},
               "contentChanges": [{"text": "Replaced entirely."}]}),
    )
    .await;
    // A document that was never opened.
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": "file:///nowhere.txt", "version": 9},
               "contentChanges": [{"text": "x"}]}),
    )
    .await;
    let state = c
        .request("factline/documentState", json!({"uri": uri}))
        .await;
    assert_eq!(state["result"]["text"], "Critics say it is late.");
    assert_eq!(state["result"]["version"], 5);
    let missing = c
        .request(
            "factline/documentState",
            json!({"uri": "file:///nowhere.txt"}),
        )
        .await;
    assert_eq!(missing["error"]["code"], -32602, "{missing}");
    c.shutdown().await;
}

/// A deterministic pseudo-random sequence (no external seed needed).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, bound: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % bound.max(1)
    }
}

/// Byte offset of a UTF-16 position in `text` (test-side model).
fn utf16_to_byte(text: &str, line: usize, character: usize) -> usize {
    let mut line_start = 0;
    for (i, l) in text.split_inclusive('\n').enumerate() {
        if i == line {
            break;
        }
        line_start += l.len();
    }
    let mut units = 0;
    for (b, ch) in text[line_start..].char_indices() {
        if units >= character || ch == '\n' {
            return line_start + b;
        }
        units += ch.len_utf16();
    }
    text.len()
}

/// A position (line, UTF-16 character) at a char boundary of `text`.
fn random_position(text: &str, rng: &mut Lcg) -> (usize, usize) {
    let lines: Vec<&str> = text.split('\n').collect();
    let line = rng.next(lines.len());
    let chars: Vec<char> = lines[line].chars().collect();
    let n = rng.next(chars.len() + 1);
    (line, chars[..n].iter().map(|c| c.len_utf16()).sum())
}

#[tokio::test]
async fn a_burst_of_500_edits_ends_where_a_fresh_open_does() {
    let mut c = Client::start();
    c.initialize(json!({}), None).await;
    let uri = "file:///tmp/factline-test/burst.txt";
    let mut model = format!("{ARTICLE}“Quoted 😀 text,” said Ana Pérez — reportedly.\n");
    c.open(uri, 1, &model).await;
    let inserts = [
        "a",
        "é",
        "😀",
        " many interpret ",
        "\n",
        "”",
        "Critics say ",
        ".",
    ];
    let mut rng = Lcg(42);
    for version in 2..=501 {
        let (l1, c1) = random_position(&model, &mut rng);
        let (l2, c2) = if rng.next(3) == 0 {
            random_position(&model, &mut rng)
        } else {
            (l1, c1)
        };
        let (a, b) = (utf16_to_byte(&model, l1, c1), utf16_to_byte(&model, l2, c2));
        let ((sl, sc), (el, ec), s, e) = if a <= b {
            ((l1, c1), (l2, c2), a, b)
        } else {
            ((l2, c2), (l1, c1), b, a)
        };
        let insert = inserts[rng.next(inserts.len())];
        model.replace_range(s..e, insert);
        c.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version},
                   "contentChanges": [{"range": {"start": {"line": sl, "character": sc},
                                                 "end": {"line": el, "character": ec}},
                                       "text": insert}]}),
        )
        .await;
    }
    // A last edit appends a sentence that is certainly flagged, so the
    // comparison below compares something.
    let last_line = model.split('\n').count() - 1;
    let last_len: usize = model.rsplit('\n').next().unwrap().encode_utf16().count();
    let tail = "\nCritics say the repairs were rushed.";
    model.push_str(tail);
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 502},
               "contentChanges": [{"range": {"start": {"line": last_line, "character": last_len},
                                             "end": {"line": last_line, "character": last_len}},
                                   "text": tail}]}),
    )
    .await;
    let state = c
        .request("factline/documentState", json!({"uri": uri}))
        .await;
    assert_eq!(state["result"]["text"].as_str(), Some(model.as_str()));
    let edited = c.diagnostics(uri, 502).await;

    let fresh_uri = "file:///tmp/factline-test/fresh.txt";
    c.open(fresh_uri, 1, &model).await;
    let fresh = c.diagnostics(fresh_uri, 1).await;
    let strip = |ds: &[Value]| -> Vec<(Value, Value, Value)> {
        ds.iter()
            .map(|d| (d["range"].clone(), d["code"].clone(), d["message"].clone()))
            .collect()
    };
    assert_eq!(strip(&edited), strip(&fresh));
    assert!(!fresh.is_empty(), "the final text has weasel phrases");
    c.shutdown().await;
}

#[tokio::test]
async fn requests_after_shutdown_are_refused() {
    let mut c = Client::start();
    c.initialize(json!({}), None).await;
    let r = c.request("shutdown", Value::Null).await;
    assert_eq!(r["result"], Value::Null);
    let r = c
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": "file:///x.txt"}, "position": {"line": 0, "character": 0}}),
        )
        .await;
    assert_eq!(r["error"]["code"], -32600, "{r}");
}

/// Code lenses only where there is something to open; hover locations are
/// links to the line.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn code_lenses_only_over_related_paragraphs_and_hover_locations_link() {
    let dir = common::write_fixture(
        "//- /river-post.txt
Flood barrier fails in Ostrava Vale

Floodwater broke through the Ostrava Vale barrier on Friday night, forcing 340 families from their homes, the regional emergency office said.
//- /draft.txt
Barrier breach

The Ostrava Vale flood barrier gave way on Friday night and 410 families left their homes, the regional emergency office said.

Thanks for reading.
",
    );
    let mut c = Client::start();
    c.initialize_default(Some(dir.path())).await;
    c.wait_indexed().await;
    let uri = common::file_uri(&dir.path().join("draft.txt"));
    let text = std::fs::read_to_string(dir.path().join("draft.txt")).unwrap();
    c.open(&uri, 1, &text).await;
    c.diagnostics(&uri, 1).await;
    let r = c
        .request(
            "textDocument/codeLens",
            json!({"textDocument": {"uri": uri}}),
        )
        .await;
    let lines: Vec<u64> = r["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["range"]["start"]["line"].as_u64().unwrap())
        .collect();
    // The headline restates the source's headline and the paragraph its
    // paragraph (the two documents share the story); the sign-off line
    // relates to nothing and gets no lens.
    assert_eq!(lines, [0, 2], "{r}");

    // The figure's conflicting mention is a link to its line.
    let hover = c
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": {"line": 2, "character": 70}}),
        )
        .await;
    let md = hover["result"]["contents"]["value"].as_str().unwrap_or("");
    let source = common::file_uri(&dir.path().join("river-post.txt"));
    assert!(
        md.contains(&format!("[`river-post.txt:3`]({source}#L3)")),
        "{md}"
    );
    c.shutdown().await;
}
