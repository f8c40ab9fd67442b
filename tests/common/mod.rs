//! Shared helpers for integration tests: an LSP client that drives the real
//! service over an in-memory stream, and fixture corpora written as one
//! string with `//- /name.txt` headers.
#![allow(dead_code)]

use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader, DuplexStream};

/// How long a test waits for one expected message before failing. Generous:
/// this bounds a hang, it does not measure speed.
pub const WAIT: Duration = Duration::from_secs(120);

/// A language client talking to an in-process factline server.
pub struct Client {
    writer: tokio::io::WriteHalf<DuplexStream>,
    reader: BufReader<tokio::io::ReadHalf<DuplexStream>>,
    next_id: i64,
    /// Messages received but not yet consumed by a `wait_*` call.
    backlog: VecDeque<Value>,
    /// Every `$/progress` and `window/*Message` notification seen, in order.
    pub seen: Vec<Value>,
}

impl Client {
    /// Starts a server on a fresh runtime task.
    pub fn start() -> Self {
        let (client_io, server_io) = tokio::io::duplex(1 << 22);
        let (server_read, server_write) = tokio::io::split(server_io);
        tokio::spawn(factline::lsp::serve(server_read, server_write));
        let (read, write) = tokio::io::split(client_io);
        Self {
            writer: write,
            reader: BufReader::new(read),
            next_id: 1,
            backlog: VecDeque::new(),
            seen: Vec::new(),
        }
    }

    pub async fn send_raw(&mut self, bytes: &[u8]) {
        self.writer
            .write_all(bytes)
            .await
            .expect("server stream open");
        self.writer.flush().await.expect("flush");
    }

    pub async fn send(&mut self, message: &Value) {
        let body = serde_json::to_vec(message).expect("serialisable");
        let header = format!("Content-Length: {}\r\n\r\n", body.len());
        self.send_raw(header.as_bytes()).await;
        self.send_raw(&body).await;
    }

    pub async fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}))
            .await;
    }

    /// Sends a request and returns its id without waiting.
    pub async fn request_async(&mut self, method: &str, params: Value) -> i64 {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}))
            .await;
        id
    }

    /// Sends a request and waits for its response (the whole message, with
    /// `result` or `error`).
    pub async fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.request_async(method, params).await;
        self.wait_for(|m| m.get("id") == Some(&json!(id)) && m.get("method").is_none())
            .await
    }

    /// Reads one message from the server, answering the server's own
    /// requests (registration, progress tokens, configuration) on the way.
    async fn read_message(&mut self) -> Value {
        let mut length = None;
        loop {
            let mut line = String::new();
            let n = self.reader.read_line(&mut line).await.expect("read header");
            assert!(n > 0, "server closed the stream");
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(v) = line.strip_prefix("Content-Length: ") {
                length = Some(v.parse::<usize>().expect("length"));
            }
        }
        let mut body = vec![0; length.expect("Content-Length header")];
        self.reader.read_exact(&mut body).await.expect("read body");
        let message: Value = serde_json::from_slice(&body).expect("server sends JSON");
        if let (Some(id), Some(method)) = (message.get("id"), message.get("method")) {
            let result = match method.as_str() {
                Some("workspace/configuration") => {
                    let n = message["params"]["items"].as_array().map_or(0, Vec::len);
                    Value::Array(vec![Value::Null; n])
                }
                _ => Value::Null,
            };
            let reply = json!({"jsonrpc": "2.0", "id": id, "result": result});
            self.send(&reply).await;
        }
        if let Some(method) = message.get("method").and_then(Value::as_str)
            && (method == "$/progress" || method.starts_with("window/"))
        {
            self.seen.push(message.clone());
        }
        message
    }

    /// Waits for the first message (new or in the backlog) that matches.
    pub async fn wait_for(&mut self, pred: impl Fn(&Value) -> bool) -> Value {
        self.wait_for_within(pred, Some(WAIT)).await
    }

    /// [`Client::wait_for`] with a chosen bound; `None` waits for the event
    /// however long it takes (for work whose length depends on the
    /// machine, such as indexing a huge folder; the server closing the
    /// stream still ends the wait).
    pub async fn wait_for_within(
        &mut self,
        pred: impl Fn(&Value) -> bool,
        limit: Option<Duration>,
    ) -> Value {
        if let Some(i) = self.backlog.iter().position(&pred) {
            return self.backlog.remove(i).expect("index in range");
        }
        let deadline = limit.map(|l| tokio::time::Instant::now() + l);
        loop {
            let message = match deadline {
                Some(deadline) => tokio::time::timeout_at(deadline, self.read_message())
                    .await
                    .unwrap_or_else(|_| {
                        panic!(
                            "timed out waiting for a message; backlog: {:#?}",
                            self.backlog
                        )
                    }),
                None => self.read_message().await,
            };
            if pred(&message) {
                return message;
            }
            self.backlog.push_back(message);
        }
    }

    /// The messages received but not yet consumed by a `wait_*` call.
    pub fn backlog(&self) -> &VecDeque<Value> {
        &self.backlog
    }

    /// Drops every buffered message.
    pub fn clear(&mut self) {
        self.backlog.clear();
    }

    /// Initializes with the given client capabilities and workspace root.
    pub async fn initialize(&mut self, capabilities: Value, root: Option<&Path>) -> Value {
        let folders = root.map(|r| json!([{"uri": file_uri(r), "name": "workspace"}]));
        let response = self
            .request(
                "initialize",
                json!({
                    "processId": null,
                    "rootUri": root.map(file_uri),
                    "capabilities": capabilities,
                    "workspaceFolders": folders,
                }),
            )
            .await;
        self.notify("initialized", json!({})).await;
        response
    }

    /// Initializes with typical capabilities (progress, file watching).
    pub async fn initialize_default(&mut self, root: Option<&Path>) -> Value {
        self.initialize(
            json!({
                "window": {"workDoneProgress": true},
                "workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}},
            }),
            root,
        )
        .await
    }

    /// Waits until the workspace index is built (the progress ends).
    pub async fn wait_indexed(&mut self) {
        self.wait_for(|m| m["method"] == "$/progress" && m["params"]["value"]["kind"] == "end")
            .await;
    }

    /// Waits until the workspace index is built, however long it takes:
    /// the length of indexing depends on the machine and its load, so it
    /// is waited on as an event, not against a clock.
    pub async fn wait_indexed_however_long(&mut self) {
        self.wait_for_within(
            |m| m["method"] == "$/progress" && m["params"]["value"]["kind"] == "end",
            None,
        )
        .await;
    }

    pub async fn open(&mut self, uri: &str, version: i32, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "plaintext", "version": version, "text": text}}),
        )
        .await;
    }

    /// Waits for diagnostics of `uri` at `version`.
    pub async fn diagnostics(&mut self, uri: &str, version: i32) -> Vec<Value> {
        let m = self
            .wait_for(|m| {
                m["method"] == "textDocument/publishDiagnostics"
                    && m["params"]["uri"] == uri
                    && m["params"]["version"] == version
            })
            .await;
        m["params"]["diagnostics"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    /// Waits for diagnostics of `uri` (any version) that satisfy `pred`.
    pub async fn diagnostics_where(
        &mut self,
        uri: &str,
        pred: impl Fn(&[Value]) -> bool,
    ) -> Vec<Value> {
        let m = self
            .wait_for(|m| {
                m["method"] == "textDocument/publishDiagnostics"
                    && m["params"]["uri"] == uri
                    && m["params"]["diagnostics"]
                        .as_array()
                        .is_some_and(|d| pred(d))
            })
            .await;
        m["params"]["diagnostics"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    pub async fn shutdown(&mut self) {
        let r = self.request("shutdown", Value::Null).await;
        assert_eq!(r["result"], Value::Null, "{r}");
        self.notify("exit", Value::Null).await;
    }
}

/// `file://` URI of a path (absolute paths only).
pub fn file_uri(path: &Path) -> String {
    let mut out = String::from("file://");
    for b in path.to_string_lossy().bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(b as char)
            }
            other => out.push_str(&format!("%{other:02X}")),
        }
    }
    out
}

/// Writes a fixture corpus given as one string:
///
/// ```text
/// //- /sources/a.txt
/// text of a
/// //- /draft.txt
/// text of the draft
/// ```
///
/// into a fresh temporary folder and returns it.
pub fn write_fixture(fixture: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, text) in parse_fixture(fixture) {
        let path = dir.path().join(name.trim_start_matches('/'));
        std::fs::create_dir_all(path.parent().expect("has parent")).expect("mkdir");
        std::fs::write(&path, text).expect("write fixture file");
    }
    dir
}

/// Splits a fixture string into `(name, text)` pairs.
pub fn parse_fixture(fixture: &str) -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = Vec::new();
    for line in fixture.split_inclusive('\n') {
        if let Some(name) = line.strip_prefix("//- ") {
            files.push((name.trim().to_string(), String::new()));
        } else if let Some((_, text)) = files.last_mut() {
            text.push_str(line);
        }
    }
    files
}

/// A corpus of the documents of a fixture string (see [`parse_fixture`]),
/// each analysed with the default settings.
pub fn corpus_of_fixture(fixture: &str) -> factline::analysis::Corpus {
    let mut corpus = factline::analysis::Corpus::new();
    for (name, text) in parse_fixture(fixture) {
        corpus.upsert(std::sync::Arc::new(factline::analysis::analyze_document(
            factline::analysis::DocId::new(name),
            std::sync::Arc::from(text.as_str()),
            &factline::analysis::Settings::default(),
        )));
    }
    corpus
}

/// The project's fixture folder.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// `../shared` beside the project, when present (CI has it). Prints a
/// notice and returns `None` otherwise, so tests can skip that part.
pub fn shared(sub: &str) -> Option<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared")
        .join(sub);
    if path.exists() {
        Some(path)
    } else {
        eprintln!(
            "notice: {} not found; skipping the part of this test that needs it",
            path.display()
        );
        None
    }
}
