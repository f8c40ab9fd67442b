//! Nothing a client or a file does takes the server down: malformed
//! messages, odd requests, hostile files, edit storms, a panicking analysis.

mod common;

use std::time::Duration;

use common::{Client, file_uri, write_fixture};
use serde_json::{Value, json};

const ARTICLE: &str = "Library Hours Cut\n\nThe city library will close at 6 p.m. from May, the council said.\n\
Critics say the change hurts students.\n";

/// The server still answers correctly after whatever came before.
async fn still_serves(c: &mut Client, uri: &str, version: i32) {
    c.open(uri, version, ARTICLE).await;
    let d = c.diagnostics(uri, version).await;
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0]["code"], "weasel-attribution");
}

#[tokio::test]
async fn malformed_messages_get_errors_and_the_server_goes_on() {
    let mut c = Client::start();
    c.initialize(json!({}), None).await;

    // Not JSON at all.
    let body = b"{this is not json";
    c.send_raw(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes())
        .await;
    c.send_raw(body).await;
    let e = c
        .wait_for(|m| m.get("error").is_some() && m["id"].is_null())
        .await;
    assert_eq!(e["error"]["code"], -32700, "{e}");

    // JSON, but not a JSON-RPC message.
    c.send(&json!({"hello": "world"})).await;

    // An unknown request and an unknown notification.
    let r = c.request("factline/noSuchThing", json!({})).await;
    assert_eq!(r["error"]["code"], -32601, "{r}");
    c.notify("$/noSuchNotification", json!({})).await;

    // Wrong params.
    let r = c
        .request("textDocument/hover", json!({"textDocument": 3}))
        .await;
    assert_eq!(r["error"]["code"], -32602, "{r}");

    still_serves(&mut c, "file:///tmp/robust/a.txt", 1).await;
    c.shutdown().await;
}

#[tokio::test]
async fn a_wrong_content_length_is_survived() {
    let mut c = Client::start();
    c.initialize(json!({}), None).await;
    // Announces fewer bytes than it sends: the server reads a truncated
    // message, then garbage; it must resynchronise on the next header.
    let body =
        serde_json::to_vec(&json!({"jsonrpc": "2.0", "id": 900, "method": "factline/status"}))
            .unwrap();
    c.send_raw(format!("Content-Length: {}\r\n\r\n", body.len() - 5).as_bytes())
        .await;
    c.send_raw(&body).await;
    tokio::time::sleep(Duration::from_millis(50)).await;
    let r = c.request("factline/status", Value::Null).await;
    assert!(r["result"]["sources"].is_number(), "{r}");
    still_serves(&mut c, "file:///tmp/robust/b.txt", 1).await;
    c.shutdown().await;
}

#[tokio::test]
async fn requests_for_unknown_documents_and_positions_out_of_range() {
    let mut c = Client::start();
    c.initialize(json!({}), None).await;
    for method in ["textDocument/hover", "textDocument/codeAction"] {
        let params = json!({
            "textDocument": {"uri": "file:///never/opened.txt"},
            "position": {"line": 0, "character": 0},
            "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
            "context": {"diagnostics": []},
        });
        let r = c.request(method, params).await;
        assert!(
            r.get("error").is_none() || r["error"]["code"] == -32602,
            "{method}: {r}"
        );
    }
    let uri = "file:///tmp/robust/range.txt";
    still_serves(&mut c, uri, 1).await;
    let r = c
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": {"line": 4000, "character": 99999}}),
        )
        .await;
    assert!(r.get("error").is_none(), "{r}");
    // An edit whose range lies past the end is clamped to the end.
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2},
               "contentChanges": [{"range": {"start": {"line": 99, "character": 5}, "end": {"line": 120, "character": 0}},
                                   "text": "Tail."}]}),
    )
    .await;
    let s = c
        .request("factline/documentState", json!({"uri": uri}))
        .await;
    assert_eq!(s["result"]["text"], format!("{ARTICLE}Tail."));
    c.diagnostics(uri, 2).await;
    c.shutdown().await;
}

#[tokio::test]
async fn hostile_files_in_the_workspace_are_left_out_and_the_rest_is_served() {
    let dir = write_fixture(
        "//- /good.txt\nLibrary Hours Cut\n\nThe council said the library will close early.\n",
    );
    let root = dir.path();
    std::fs::write(root.join("latin1.txt"), b"Caf\xe9 au lait\n").unwrap();
    std::fs::write(root.join("binary.txt"), [0u8, 159, 146, 150, 0, 1, 2, 3]).unwrap();
    std::fs::write(root.join("empty.txt"), b"").unwrap();
    std::fs::write(
        root.join("crlf.txt"),
        b"Title\r\n\r\nSome say it works.\r\n",
    )
    .unwrap();
    std::fs::write(root.join("cr.txt"), b"Title\r\rSome say it works.\r").unwrap();
    std::fs::write(
        root.join("bom.txt"),
        b"\xEF\xBB\xBFTitle\n\nSome say it works.\n",
    )
    .unwrap();
    // One 1 MB line of real-looking words (under the 2 MB default limit).
    let line = "The council said repairs would continue through the week. ".repeat(17_000);
    std::fs::write(root.join("long-line.txt"), &line).unwrap();
    // A 50 MB file: over the limit, left out without being read whole.
    let big = std::fs::File::create(root.join("huge.txt")).unwrap();
    big.set_len(50_000_000).unwrap();
    // A symlink loop.
    #[cfg(unix)]
    std::os::unix::fs::symlink(root, root.join("loop")).unwrap();

    let mut c = Client::start();
    c.initialize_default(Some(root)).await;
    c.wait_indexed().await;
    let s = c.request("factline/status", Value::Null).await["result"].clone();
    let skipped: Vec<&str> = s["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["uri"].as_str().unwrap().rsplit('/').next().unwrap())
        .collect();
    assert_eq!(skipped, ["binary.txt", "huge.txt", "latin1.txt"], "{s}");
    // good, empty, crlf, cr, bom, long-line.
    assert_eq!(s["sources"], 6, "{s}");

    // Line endings and the BOM do not shift positions.
    for name in ["crlf.txt", "cr.txt", "bom.txt"] {
        let path = root.join(name);
        let text = std::fs::read_to_string(&path).unwrap();
        let text = text.trim_start_matches('\u{feff}');
        let uri = file_uri(&path);
        c.open(&uri, 1, text).await;
        let d = c.diagnostics(&uri, 1).await;
        assert_eq!(d.len(), 1, "{name}: {d:?}");
        assert_eq!(
            d[0]["range"]["start"],
            json!({"line": 2, "character": 0}),
            "{name}"
        );
        assert_eq!(
            d[0]["range"]["end"],
            json!({"line": 2, "character": 8}),
            "{name}"
        );
    }
    // The huge file, opened, gets one clear diagnostic.
    let uri = file_uri(&root.join("huge.txt"));
    c.open(&uri, 1, "x").await;
    let d = c.diagnostics(&uri, 1).await;
    assert!(
        d[0]["message"].as_str().unwrap().contains("max_file_bytes"),
        "{d:?}"
    );
    c.shutdown().await;
}

#[tokio::test]
async fn a_folder_of_100000_tiny_files_is_indexed() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..100_000 {
        let sub = dir.path().join(format!("{:03}", i / 1000));
        if i % 1000 == 0 {
            std::fs::create_dir_all(&sub).unwrap();
        }
        std::fs::write(sub.join(format!("{i}.txt")), format!("Note {i}.\n")).unwrap();
    }
    // Held whole, not read lazily from the index (past 20,000 sources by
    // default): every one of them is then a source the server holds.
    std::fs::write(
        dir.path().join("factline.toml"),
        "[index]\nlazy_above = 1000000\n",
    )
    .unwrap();
    let mut c = Client::start();
    c.initialize_default(Some(dir.path())).await;
    // However long indexing takes on this machine: the test is about
    // correctness at this size, not speed (the benchmark measures that).
    c.wait_indexed_however_long().await;
    let s = c.request("factline/status", Value::Null).await;
    assert_eq!(s["result"]["sources"], 100_000);
    still_serves(&mut c, "file:///tmp/robust/after-many.txt", 1).await;
    c.shutdown().await;
}

#[tokio::test]
async fn a_panicking_analysis_is_contained() {
    let mut c = Client::start();
    c.initialize(json!({}), None).await;
    let bad = "file:///tmp/robust/bad.txt";
    c.open(
        bad,
        1,
        &format!(
            "Title\n\n{}\n",
            factline::analysis::doc::FAULT_INJECTION_MARKER
        ),
    )
    .await;
    // The panicking document gets no diagnostics; others are served.
    still_serves(&mut c, "file:///tmp/robust/fine.txt", 1).await;
    let r = c
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": bad}, "position": {"line": 2, "character": 3}}),
        )
        .await;
    assert_eq!(r["error"]["code"], -32603, "the request fails alone: {r}");
    let r = c.request("factline/status", Value::Null).await;
    assert_eq!(r["result"]["open"], 2);
    c.shutdown().await;
}

/// A deterministic pseudo-random sequence.
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

/// An edit storm in UTF-8 positions (the encoding negotiated here), with
/// random and sometimes out-of-range ranges, compared with a fresh open.
#[tokio::test]
async fn an_edit_storm_of_10000_edits_ends_where_a_fresh_open_does() {
    let mut c = Client::start();
    let r = c
        .initialize(json!({"general": {"positionEncodings": ["utf-8"]}}), None)
        .await;
    assert_eq!(r["result"]["capabilities"]["positionEncoding"], "utf-8");
    let uri = "file:///tmp/robust/storm.txt";
    c.open(uri, 1, ARTICLE).await;
    let pieces = [
        "é",
        "😀",
        "”",
        "Some say ",
        "\r\n",
        "\n",
        "x",
        ".",
        " reportedly ",
    ];
    let mut rng = Lcg(7);
    for version in 2..=10_001 {
        let l1 = rng.next(8);
        let c1 = rng.next(60);
        let (l2, c2) = if rng.next(2) == 0 {
            (l1, c1)
        } else {
            (rng.next(8), rng.next(60))
        };
        let (start, end) = if (l1, c1) <= (l2, c2) {
            ((l1, c1), (l2, c2))
        } else {
            ((l2, c2), (l1, c1))
        };
        let text = if rng.next(3) == 0 {
            ""
        } else {
            pieces[rng.next(pieces.len())]
        };
        c.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version},
                   "contentChanges": [{"range": {"start": {"line": start.0, "character": start.1},
                                                 "end": {"line": end.0, "character": end.1}},
                                       "text": text}]}),
        )
        .await;
    }
    let state = c
        .request("factline/documentState", json!({"uri": uri}))
        .await;
    assert_eq!(state["result"]["version"], 10_001);
    let text = state["result"]["text"].as_str().unwrap().to_string();
    let edited = c.diagnostics(uri, 10_001).await;
    let fresh_uri = "file:///tmp/robust/storm-fresh.txt";
    c.open(fresh_uri, 1, &text).await;
    let fresh = c.diagnostics(fresh_uri, 1).await;
    let key = |ds: &[Value]| -> Vec<(Value, Value)> {
        ds.iter()
            .map(|d| (d["range"].clone(), d["message"].clone()))
            .collect()
    };
    assert_eq!(key(&edited), key(&fresh));
    c.shutdown().await;
}

/// The process itself: it exits on `exit`, and when stdin closes.
#[test]
fn the_server_process_exits_on_exit_and_on_end_of_input() {
    use std::io::Write;
    use std::process::{Command, Stdio};
    use std::time::Instant;

    let frame = |v: Value| {
        let body = v.to_string();
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    };
    for send_exit in [true, false] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_factline"))
            .args(["lsp", "--stdio"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("server starts");
        let mut stdin = child.stdin.take().unwrap();
        let mut input = frame(json!({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                                     "params": {"capabilities": {}}}));
        input += &frame(json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));
        if send_exit {
            input += &frame(json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}));
            input += &frame(json!({"jsonrpc": "2.0", "method": "exit"}));
        }
        stdin.write_all(input.as_bytes()).unwrap();
        if !send_exit {
            drop(stdin);
        }
        let start = Instant::now();
        loop {
            if let Some(status) = child.try_wait().unwrap() {
                assert!(status.success(), "exit status {status}");
                break;
            }
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "server did not exit (exit notification sent: {send_exit})"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}
