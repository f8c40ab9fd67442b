//! The server process's life cycle against clients that misbehave: input
//! closed while the server waits for the client's answer, `exit` with and
//! without `shutdown`, a client that never answers anything. Each sequence
//! drives the real binary over stdio and waits for the process to end.
//!
//! "Gone" is detected by waiting on the child's exit with a generous
//! ceiling ([`CEILING`]): a hang is infinite, a slow machine is not. The
//! measured exit time is printed (`cargo test --test lifecycle -- --nocapture`).

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

mod common;

/// Upper bound on any wait in these tests: far above any real exit or
/// answer time, so only a hang reaches it.
const CEILING: Duration = Duration::from_secs(60);

/// The server under test: its stdin, the messages it writes, and its exit.
struct Server {
    stdin: Option<ChildStdin>,
    messages: Receiver<Value>,
    exited: Receiver<ExitStatus>,
    /// The process id, to end a server that hangs when the test fails.
    pid: u32,
    /// Whether its exit was seen.
    gone: bool,
    next_id: i64,
}

impl Drop for Server {
    /// A failed test must not leave a hung server behind.
    fn drop(&mut self) {
        self.stdin = None;
        if self.gone || self.exited.try_recv().is_ok() {
            return;
        }
        #[cfg(unix)]
        let _ = Command::new("kill")
            .args(["-9", &self.pid.to_string()])
            .status();
    }
}

impl Server {
    fn start(root: Option<&std::path::Path>) -> Self {
        let mut command = Command::new(env!("CARGO_BIN_EXE_factline"));
        command
            .args(["lsp", "--stdio"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null());
        if let Some(root) = root {
            command.current_dir(root);
        }
        let mut child: Child = command.spawn().expect("server starts");
        let pid = child.id();
        let stdin = child.stdin.take();
        let stdout = child.stdout.take().expect("piped stdout");
        let (tx, messages) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            loop {
                let mut length = None;
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(v) = line.strip_prefix("Content-Length: ") {
                        length = v.parse::<usize>().ok();
                    }
                }
                let mut body = vec![0; length.expect("Content-Length")];
                if reader.read_exact(&mut body).is_err() {
                    return;
                }
                let message: Value = serde_json::from_slice(&body).expect("server sends JSON");
                if tx.send(message).is_err() {
                    return;
                }
            }
        });
        let (tx, exited) = channel();
        std::thread::spawn(move || {
            let status = child.wait().expect("wait for the server");
            let _ = tx.send(status);
        });
        Self {
            stdin,
            messages,
            exited,
            pid,
            gone: false,
            next_id: 1,
        }
    }

    fn send(&mut self, message: Value) {
        let body = message.to_string();
        let stdin = self.stdin.as_mut().expect("stdin open");
        write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("write");
        stdin.flush().expect("flush");
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    fn request(&mut self, method: &str, params: Value) -> i64 {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        id
    }

    /// Waits for the first message that matches; the others are dropped
    /// (requests from the server are never answered).
    fn wait_for(&self, what: &str, pred: impl Fn(&Value) -> bool) -> Value {
        let deadline = Instant::now() + CEILING;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.messages.recv_timeout(left) {
                Ok(m) if pred(&m) => return m,
                Ok(_) => {}
                Err(RecvTimeoutError::Timeout) => panic!("no {what} within {CEILING:?}"),
                Err(RecvTimeoutError::Disconnected) => panic!("server output ended before {what}"),
            }
        }
    }

    fn response(&self, id: i64) -> Value {
        self.wait_for(&format!("response {id}"), |m| {
            m["id"] == json!(id) && m.get("method").is_none()
        })
    }

    fn server_request(&self, method: &str) -> Value {
        self.wait_for(method, |m| m["method"] == method && m.get("id").is_some())
    }

    fn close_input(&mut self) {
        self.stdin = None;
    }

    /// Waits for the process to end; prints and returns how long it took.
    fn wait_gone(&mut self, label: &str) -> ExitStatus {
        let start = Instant::now();
        let status = self
            .exited
            .recv_timeout(CEILING)
            .unwrap_or_else(|_| panic!("{label}: the server is still running after {CEILING:?}"));
        self.gone = true;
        println!(
            "{label}: the server exited in {:.3} s with {status}",
            start.elapsed().as_secs_f64()
        );
        status
    }

    fn initialize(&mut self, capabilities: Value, root: Option<&std::path::Path>) {
        let folders = root.map(|r| json!([{"uri": common::file_uri(r), "name": "ws"}]));
        let id = self.request(
            "initialize",
            json!({"processId": null, "capabilities": capabilities,
                   "rootUri": root.map(common::file_uri), "workspaceFolders": folders}),
        );
        self.response(id);
        self.notify("initialized", json!({}));
    }
}

fn watching() -> Value {
    json!({"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true},
                         "configuration": true},
           "window": {"workDoneProgress": true}})
}

#[test]
fn input_closed_while_waiting_for_registration() {
    let mut s = Server::start(None);
    s.initialize(watching(), None);
    s.server_request("client/registerCapability");
    s.close_input();
    let status = s.wait_gone("input closed during client/registerCapability");
    assert_eq!(status.code(), Some(0), "the client went away: not an error");
}

#[test]
fn input_closed_while_waiting_for_configuration() {
    let mut s = Server::start(None);
    s.initialize(watching(), None);
    s.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": null}),
    );
    s.server_request("workspace/configuration");
    s.close_input();
    s.wait_gone("input closed during workspace/configuration");
}

#[test]
fn shutdown_and_exit_with_a_registration_never_answered() {
    let mut s = Server::start(None);
    s.initialize(watching(), None);
    s.server_request("client/registerCapability");
    let id = s.request("shutdown", Value::Null);
    let r = s.response(id);
    assert_eq!(r["result"], Value::Null, "{r}");
    s.notify("exit", Value::Null);
    let status = s.wait_gone("shutdown + exit, registration unanswered");
    assert_eq!(status.code(), Some(0), "exit after shutdown is status 0");
}

#[test]
fn exit_without_shutdown_is_status_1() {
    let mut s = Server::start(None);
    s.initialize(json!({}), None);
    s.notify("exit", Value::Null);
    let status = s.wait_gone("exit without shutdown");
    assert_eq!(status.code(), Some(1), "the LSP specification asks for 1");
}

#[test]
fn exit_before_initialize_and_with_requests_pending() {
    // Before `initialize`.
    let mut s = Server::start(None);
    s.notify("exit", Value::Null);
    assert_eq!(s.wait_gone("exit before initialize").code(), Some(1));
    // With the configuration request and the registration both unanswered,
    // and the input left open: `exit` alone ends the process.
    let mut s = Server::start(None);
    s.initialize(watching(), None);
    s.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": null}),
    );
    s.server_request("workspace/configuration");
    let id = s.request("shutdown", Value::Null);
    s.response(id);
    s.notify("exit", Value::Null);
    assert_eq!(
        s.wait_gone("exit with two requests unanswered, input open")
            .code(),
        Some(0)
    );
}

#[test]
fn the_workspace_is_indexed_when_the_client_never_answers() {
    let dir = common::write_fixture(
        "//- /a.txt\nThe council approved the plan on Monday.\n\
         //- /b.txt\nThe port handled more cargo this year.\n",
    );
    let mut s = Server::start(None);
    s.initialize(watching(), Some(dir.path()));
    // Neither the registration nor the progress token is ever answered.
    s.server_request("client/registerCapability");
    let deadline = Instant::now() + CEILING;
    loop {
        let id = s.request("factline/status", Value::Null);
        let status = s.response(id);
        if status["result"]["sources"] == 2 && status["result"]["indexing"] == false {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "not indexed within {CEILING:?}: {status}"
        );
        // Between polls only: the loop ends on the server's answer.
        std::thread::sleep(Duration::from_millis(20));
    }
    let id = s.request("shutdown", Value::Null);
    s.response(id);
    s.notify("exit", Value::Null);
    assert_eq!(s.wait_gone("indexed without answers").code(), Some(0));
}

#[test]
fn a_bad_workspace_folder_does_not_drop_the_good_ones() {
    let dir = common::write_fixture("//- /c.txt\nThe bridge reopened after repairs.\n");
    let mut s = Server::start(None);
    s.initialize(json!({}), None);
    s.notify(
        "workspace/didChangeWorkspaceFolders",
        json!({"event": {
            "added": [
                {"uri": 42, "name": "not a folder"},
                {"uri": common::file_uri(dir.path()), "name": "good"},
                {"name": "no uri"},
            ],
            "removed": [{"uri": "::", "name": "bad"}],
        }}),
    );
    let deadline = Instant::now() + CEILING;
    loop {
        let id = s.request("factline/status", Value::Null);
        let status = s.response(id);
        if status["result"]["sources"] == 1 && status["result"]["indexing"] == false {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the good folder was not indexed: {status}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    s.close_input();
    s.wait_gone("after a bad workspace folder");
}

#[test]
fn a_client_that_stays_but_never_answers_stalls_nothing_for_ever() {
    // More unanswered configuration pulls than requests run at once: each
    // waits for its answer in a handler, and every handler slot is taken.
    let mut s = Server::start(None);
    s.initialize(watching(), None);
    let pulls = factline::lsp::transport::MAX_CONCURRENCY + 1;
    for _ in 0..pulls {
        s.notify(
            "workspace/didChangeConfiguration",
            json!({"settings": null}),
        );
    }
    // The client's input stays open and it never answers: the pulls time
    // out, and the request queued behind them is answered.
    let start = Instant::now();
    let id = s.request("factline/status", Value::Null);
    let status = s.response(id);
    println!(
        "status answered after {:.1} s behind {pulls} unanswered pulls",
        start.elapsed().as_secs_f64()
    );
    assert!(status["result"]["open"].is_number(), "{status}");
    let id = s.request("shutdown", Value::Null);
    s.response(id);
    s.notify("exit", Value::Null);
    assert_eq!(s.wait_gone("after unanswered pulls").code(), Some(0));
}
