//! factline's benchmarks: `cargo bench --bench factline`.
//!
//! Drives the real `factline` binary the way an editor does (LSP over
//! pipes) and the way CI does (`factline check`), on generated corpora of
//! any size and on the real corpora in `../shared/corpora` when present.
//! The `adversarial` group checks texts shaped to make a careless
//! analysis quadratic (`adversarial.rs`), from 25 KB to 1 MB, and gives the
//! time per KB. Prints one table; nothing here asserts a timing.
//!
//! Options (after `--`): `--quick` (smaller sizes, for a smoke run),
//! `--only NAME` (cold, edit, verify, requests, restart, check, harper, typos, adversarial, archive:
//! only on its own, with `FACTLINE_BENCH_STORE=postgres://…` naming a loaded archive), `--harper PATH`
//! and `--typos PATH` (a harper-ls and a typos-lsp binary to compare the edit loop with; default:
//! `harper-ls` and `typos-lsp` on PATH or in `~/.cargo/bin` if present). `FACTLINE_BENCH_BIN=PATH` measures another build
//! of `factline` (say, the one before a change) in place of this one.

mod adversarial;
mod generator;

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::sync::{Arc, LazyLock, Mutex};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// The `factline` binary measured: `FACTLINE_BENCH_BIN` when set (another
/// build, such as the one before a change, measured in its own run under the
/// same load as this build's), else the one built with this benchmark.
static BIN: LazyLock<PathBuf> = LazyLock::new(|| {
    std::env::var_os("FACTLINE_BENCH_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_factline")))
});
/// The seed of the generated corpora; drafts are written about its events.
const CORPUS_SEED: u64 = 7;

/// An LSP client over a child process's pipes.
struct Lsp {
    child: Child,
    stdin: Arc<Mutex<ChildStdin>>,
    inbox: Receiver<Value>,
    next_id: i64,
}

fn frame(v: &Value) -> Vec<u8> {
    let body = serde_json::to_vec(v).expect("json");
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend(body);
    out
}

impl Lsp {
    fn spawn(program: &Path, args: &[&str]) -> Self {
        let mut child = Command::new(program)
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", program.display()));
        let stdin = Arc::new(Mutex::new(child.stdin.take().expect("stdin")));
        let stdout = child.stdout.take().expect("stdout");
        let (tx, rx) = channel();
        let replier = stdin.clone();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            loop {
                let mut len = None;
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
                        len = v.parse::<usize>().ok();
                    }
                }
                let Some(len) = len else { return };
                let mut body = vec![0; len];
                if reader.read_exact(&mut body).is_err() {
                    return;
                }
                let Ok(msg) = serde_json::from_slice::<Value>(&body) else {
                    continue;
                };
                // Answer the server's own requests (progress tokens,
                // registrations, configuration).
                if let (Some(id), Some(method)) = (msg.get("id"), msg.get("method")) {
                    let result = if method == "workspace/configuration" {
                        json!([null])
                    } else {
                        Value::Null
                    };
                    let reply = frame(&json!({"jsonrpc": "2.0", "id": id, "result": result}));
                    let _ = replier.lock().unwrap().write_all(&reply);
                    continue;
                }
                if tx.send(msg).is_err() {
                    return;
                }
            }
        });
        Self {
            child,
            stdin,
            inbox: rx,
            next_id: 1,
        }
    }

    fn send(&mut self, v: Value) {
        let bytes = frame(&v);
        let mut w = self.stdin.lock().unwrap();
        w.write_all(&bytes).expect("server alive");
        w.flush().expect("flush");
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    fn request_id(&mut self, method: &str, params: Value) -> i64 {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        id
    }

    fn wait(&mut self, timeout: Duration, pred: impl Fn(&Value) -> bool) -> Option<Value> {
        let deadline = Instant::now() + timeout;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.inbox.recv_timeout(left) {
                Ok(m) if pred(&m) => return Some(m),
                Ok(_) => {}
                Err(RecvTimeoutError::Timeout) | Err(RecvTimeoutError::Disconnected) => {
                    return None;
                }
            }
        }
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.request_id(method, params);
        self.wait(Duration::from_secs(600), |m| {
            m["id"] == id && m.get("method").is_none()
        })
        .unwrap_or(Value::Null)
    }

    /// One keystroke of the edit loops: round `i` types "x" at the start of
    /// `line` (even rounds) or deletes it again (odd rounds), as version
    /// `2 + i`; the milliseconds until that version's diagnostics arrive,
    /// `None` when they never do.
    fn keystroke(&mut self, u: &str, line: usize, i: usize) -> Option<f64> {
        let version = 2 + i as i64;
        let (end, text) = if i.is_multiple_of(2) {
            (0, "x")
        } else {
            (1, "")
        };
        let change = json!([{"range": {"start": {"line": line, "character": 0}, "end": {"line": line, "character": end}}, "text": text}]);
        let start = Instant::now();
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": u, "version": version}, "contentChanges": change}),
        );
        self.wait(Duration::from_secs(30), |m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == u
                && m["params"]["version"] == version
        })?;
        Some(start.elapsed().as_secs_f64() * 1000.0)
    }

    fn initialize(&mut self, root: Option<&Path>, full_sync_only: bool) -> Value {
        let root_uri = root.map(uri);
        let _ = full_sync_only;
        let r = self.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": root_uri,
                "workspaceFolders": root_uri.as_ref().map(|u| json!([{"uri": u, "name": "bench"}])),
                "capabilities": {
                    "general": {"positionEncodings": ["utf-16"]},
                    "window": {"workDoneProgress": true},
                    "textDocument": {"publishDiagnostics": {"versionSupport": true}},
                },
            }),
        );
        self.notify("initialized", json!({}));
        r
    }

    /// Peak resident memory of the server so far, in MiB.
    fn peak_mib(&self) -> f64 {
        peak_mib(self.child.id())
    }

    fn stop(mut self) {
        let _ = self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        let _ = self.child.wait();
    }
}

fn peak_mib(pid: u32) -> f64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

fn uri(path: &Path) -> String {
    let mut out = String::from("file://");
    for b in path.to_string_lossy().bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(b as char)
            }
            o => out.push_str(&format!("%{o:02X}")),
        }
    }
    out
}

fn percentile(samples: &mut [f64], p: f64) -> f64 {
    if samples.is_empty() {
        return f64::NAN;
    }
    samples.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let i = ((samples.len() as f64 - 1.0) * p).round() as usize;
    samples[i]
}

/// A generated corpus of `n` articles on disk (cached under target/).
fn generated(n: usize) -> (PathBuf, u64) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target/bench-corpus")
        .join(format!("v{}-{n}", generator::VERSION));
    let marker = dir.join(".complete");
    if !marker.exists() {
        let _ = std::fs::remove_dir_all(&dir);
        for (i, (name, text)) in generator::corpus(n, 14, CORPUS_SEED)
            .into_iter()
            .enumerate()
        {
            let sub = dir.join(format!("{:03}", i / 1000));
            std::fs::create_dir_all(&sub).unwrap();
            std::fs::write(sub.join(name), text).unwrap();
        }
        std::fs::write(&marker, "").unwrap();
    }
    (dir.clone(), dir_bytes(&dir))
}

fn dir_bytes(dir: &Path) -> u64 {
    let (files, _) = factline::workspace::discover(dir, &factline::workspace::exclude_set(&[]));
    files
        .iter()
        .filter_map(|f| std::fs::metadata(f).ok())
        .map(|m| m.len())
        .sum()
}

/// The real corpora (GVA articles and BBC), as one folder of symlinks.
fn real_corpus() -> Option<(PathBuf, u64)> {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora");
    let gva = shared.join("gva-multisource-incidents/docs");
    let bbc = shared.join("bbc-news-2225");
    if !gva.is_dir() || !bbc.is_dir() {
        println!("notice: ../shared/corpora not found; skipping the real-corpus benchmarks");
        return None;
    }
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-corpus/real");
    std::fs::create_dir_all(&dir).unwrap();
    for (name, target) in [("gva", &gva), ("bbc", &bbc)] {
        let link = dir.join(name);
        if !link.exists() {
            #[cfg(unix)]
            std::os::unix::fs::symlink(target.canonicalize().unwrap(), &link).unwrap();
        }
    }
    let bytes = dir_bytes(&dir);
    Some((dir, bytes))
}

/// A draft made of real reporting: the first article of each GVA incident
/// that several outlets covered, until `bytes` (read at run time; the
/// other outlets' articles stay in the corpus, so the draft's figures have
/// real other mentions).
fn real_draft(bytes: usize) -> Option<String> {
    let docs = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpora/gva-multisource-incidents/docs");
    let mut incidents: Vec<PathBuf> = std::fs::read_dir(&docs)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    incidents.sort();
    let mut text = String::new();
    for dir in incidents {
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .ok()?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        if files.len() < 2 {
            continue;
        }
        files.sort();
        if let Ok(article) = std::fs::read_to_string(&files[0]) {
            text.push_str(&article);
            text.push_str("\n\n");
        }
        if text.len() >= bytes {
            return Some(text);
        }
    }
    (!text.is_empty()).then_some(text)
}

struct Row(String, String);

fn cold_index(label: &str, dir: &Path, bytes: u64, rows: &mut Vec<Row>) {
    drop_index(dir);
    let mut lsp = Lsp::spawn(&BIN, &["lsp"]);
    let start = Instant::now();
    lsp.initialize(Some(dir), false);
    let ended = lsp.wait(Duration::from_secs(900), |m| {
        m["method"] == "$/progress" && m["params"]["value"]["kind"] == "end"
    });
    let secs = start.elapsed().as_secs_f64();
    let status = lsp.request("factline/status", Value::Null);
    let sources = status["result"]["sources"].as_u64().unwrap_or(0);
    let mib = lsp.peak_mib();
    lsp.stop();
    rows.push(Row(
        format!("cold index: {label}"),
        if ended.is_some() {
            format!(
                "{sources} sources, {:.1} MB in {secs:.2} s = {:.1} MB/s, peak {mib:.0} MiB",
                bytes as f64 / 1e6,
                bytes as f64 / 1e6 / secs
            )
        } else {
            "did not finish".into()
        },
    ));
}

/// A language server to measure: how to start it and how it syncs.
struct Subject<'a> {
    label: &'a str,
    program: &'a Path,
    args: &'a [&'a str],
    /// Send the whole text on each change (harper-ls supports only that).
    full_sync: bool,
}

/// Measures the edit loop: one-character didChange → publishDiagnostics of
/// that version, on `draft` inside the corpus at `dir` (or alone), with the
/// documents `others` (name, text) open beside it.
fn edit_loop(
    subject: &Subject<'_>,
    dir: Option<&Path>,
    draft: String,
    rounds: usize,
    others: &[(String, String)],
    rows: &mut Vec<Row>,
) {
    let Subject {
        label,
        program,
        args,
        full_sync,
    } = *subject;
    let mut lsp = Lsp::spawn(program, args);
    lsp.initialize(dir, full_sync);
    if dir.is_some() {
        lsp.wait(Duration::from_secs(900), |m| {
            m["method"] == "$/progress" && m["params"]["value"]["kind"] == "end"
        });
    }
    let draft_dir = tempfile::tempdir().unwrap();
    for (name, text) in others {
        let u = uri(&draft_dir.path().join(name));
        lsp.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": u, "languageId": "plaintext", "version": 1, "text": text}}),
        );
        lsp.wait(Duration::from_secs(60), |m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == u
        });
    }
    let path = dir.unwrap_or(draft_dir.path()).join("zz-bench-draft.txt");
    let u = uri(&path);
    let mut text = draft;
    lsp.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": u, "languageId": "plaintext", "version": 1, "text": text}}),
    );
    let first = lsp.wait(Duration::from_secs(60), |m| {
        m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == u
    });
    if first.is_none() {
        rows.push(Row(
            format!("edit loop: {label}"),
            "no diagnostics published".into(),
        ));
        lsp.stop();
        return;
    }
    let mut samples = Vec::with_capacity(rounds);
    let line = text.lines().count() / 2;
    for i in 0..rounds {
        let version = 2 + i as i64;
        let ch = if i % 2 == 0 { "x" } else { "" };
        let change = if full_sync {
            let at = text.len() / 2;
            let at = (0..=at)
                .rev()
                .find(|&b| text.is_char_boundary(b))
                .unwrap_or(0);
            if ch.is_empty() {
                text.remove(at);
            } else {
                text.insert_str(at, ch);
            }
            json!([{"text": text}])
        } else if ch.is_empty() {
            json!([{"range": {"start": {"line": line, "character": 0}, "end": {"line": line, "character": 1}}, "text": ""}])
        } else {
            json!([{"range": {"start": {"line": line, "character": 0}, "end": {"line": line, "character": 0}}, "text": ch}])
        };
        let start = Instant::now();
        lsp.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": u, "version": version}, "contentChanges": change}),
        );
        let got = lsp.wait(Duration::from_secs(30), |m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == u
                && (m["params"]["version"] == version || m["params"].get("version").is_none())
        });
        if got.is_none() {
            break;
        }
        samples.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    let n = samples.len();
    let p50 = percentile(&mut samples, 0.5);
    let p99 = percentile(&mut samples, 0.99);
    rows.push(Row(
        format!("edit loop: {label}"),
        format!("{n} edits: p50 {p50:.1} ms, p99 {p99:.1} ms"),
    ));
    lsp.stop();
}

/// A draft open from outside the workspace (so a draft) in the corpus at
/// `dir`: after each one-character edit, the time to its diagnostics, then
/// to the claims outline (`textDocument/documentSymbol`, asked as soon as
/// the diagnostics arrive, while the draft's verification may still run).
fn verify_loop(dir: &Path, draft: String, rounds: usize, rows: &mut Vec<Row>) {
    let mut lsp = Lsp::spawn(&BIN, &["lsp"]);
    lsp.initialize(Some(dir), false);
    lsp.wait(Duration::from_secs(900), |m| {
        m["method"] == "$/progress" && m["params"]["value"]["kind"] == "end"
    });
    let draft_dir = tempfile::tempdir().unwrap();
    let u = uri(&draft_dir.path().join("draft.txt"));
    lsp.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": u, "languageId": "plaintext", "version": 1, "text": draft}}),
    );
    lsp.wait(Duration::from_secs(60), |m| {
        m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == u
    });
    let line = draft.lines().count() / 2;
    let (mut diagnostics, mut outline) = (Vec::new(), Vec::new());
    let mut claims = 0;
    for i in 0..rounds {
        let Some(ms) = lsp.keystroke(&u, line, i) else {
            break;
        };
        diagnostics.push(ms);
        let start = Instant::now();
        let r = lsp.request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": u}}),
        );
        // The outline is timed from the keystroke, as the diagnostics are.
        outline.push(ms + start.elapsed().as_secs_f64() * 1000.0);
        claims = r["result"].as_array().map_or(0, |a| a.len());
    }
    let n = diagnostics.len();
    rows.push(Row(
        "verify: 20 KB draft, diagnostics after an edit".into(),
        format!(
            "{n} edits: p50 {:.1} ms, p99 {:.1} ms",
            percentile(&mut diagnostics, 0.5),
            percentile(&mut diagnostics, 0.99)
        ),
    ));
    rows.push(Row(
        "verify: 20 KB draft, claims outline after an edit".into(),
        format!(
            "{n} edits, {claims} claims: p50 {:.1} ms, p99 {:.1} ms",
            percentile(&mut outline, 0.5),
            percentile(&mut outline, 0.99)
        ),
    ));
    lsp.stop();
}

/// Request latencies at the corpus in `dir`, on a draft placed in it.
fn requests(dir: &Path, rows: &mut Vec<Row>, rounds: usize) {
    let mut lsp = Lsp::spawn(&BIN, &["lsp"]);
    lsp.initialize(Some(dir), false);
    lsp.wait(Duration::from_secs(900), |m| {
        m["method"] == "$/progress" && m["params"]["value"]["kind"] == "end"
    });
    let path = dir.join("zz-bench-draft.txt");
    let u = uri(&path);
    let text = generator::draft(20_000, CORPUS_SEED, 99);
    let lines = text.lines().count();
    lsp.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": u, "languageId": "plaintext", "version": 1, "text": text}}),
    );
    lsp.wait(Duration::from_secs(60), |m| {
        m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == u
    });
    let methods: &[(&str, &str)] = &[
        ("hover", "textDocument/hover"),
        ("definition", "textDocument/definition"),
        ("references", "textDocument/references"),
        ("relatedPassages", "factline/relatedPassages"),
    ];
    for (name, method) in methods {
        let mut samples = Vec::new();
        let mut unsupported = false;
        for i in 0..rounds {
            let line = (i * 7) % lines.max(1);
            let params = json!({
                "textDocument": {"uri": u},
                "position": {"line": line, "character": 5},
                "context": {"includeDeclaration": false},
                "limit": 10,
            });
            let start = Instant::now();
            let r = lsp.request(method, params);
            if r["error"]["code"] == -32601 {
                unsupported = true;
                break;
            }
            samples.push(start.elapsed().as_secs_f64() * 1000.0);
        }
        let value = if unsupported {
            "not supported".to_string()
        } else {
            let p50 = percentile(&mut samples, 0.5);
            let p99 = percentile(&mut samples, 0.99);
            format!(
                "{} requests: p50 {p50:.2} ms, p99 {p99:.2} ms",
                samples.len()
            )
        };
        rows.push(Row(name.to_string(), value));
    }
    lsp.stop();
}

/// `factline check` on a folder: wall time, MB/s, peak memory.
/// Runs `factline check --format json` on `path`: seconds, peak resident
/// MiB and findings.
fn run_check(path: &Path) -> (f64, f64, usize) {
    run_check_with(path, &[])
}

/// Removes the on-disk index of the workspace at `dir`, so that the next
/// run starts cold.
fn drop_index(dir: &Path) {
    let _ = std::fs::remove_dir_all(dir.join(".factline"));
}

fn run_check_with(path: &Path, extra: &[&str]) -> (f64, f64, usize) {
    let start = Instant::now();
    let mut child = Command::new(&*BIN)
        .args(["check", "--format", "json"])
        .args(extra)
        .arg(path)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("factline check runs");
    let pid = child.id();
    let mut stdout = child.stdout.take().unwrap();
    let sink = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = stdout.read_to_end(&mut buf);
        buf
    });
    let mut peak: f64 = 0.0;
    loop {
        if let Ok(Some(_)) = child.try_wait() {
            break;
        }
        let now = peak_mib(pid);
        if now.is_finite() {
            peak = peak.max(now);
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    let secs = start.elapsed().as_secs_f64();
    let out = sink.join().unwrap_or_default();
    let findings = serde_json::from_slice::<Value>(&out)
        .ok()
        .and_then(|v| {
            v["files"].as_array().map(|fs| {
                fs.iter()
                    .map(|f| f["diagnostics"].as_array().map_or(0, Vec::len))
                    .sum::<usize>()
            })
        })
        .unwrap_or(0);
    (secs, peak, findings)
}

/// `factline check` without the index, then with it from nothing (it is
/// written), then again on the unchanged folder.
fn check(label: &str, dir: &Path, bytes: u64, rows: &mut Vec<Row>) {
    drop_index(dir);
    // The baseline: a ripgrep scan of the same files, by CPU time.
    let rg = rg_cpu(dir);
    for (what, extra) in [
        ("no index", &["--no-index"][..]),
        ("first run, index written", &[][..]),
        ("unchanged folder, index read", &[][..]),
    ] {
        let before = children_cpu();
        let (secs, peak, findings) = run_check_with(dir, extra);
        let cpu = children_cpu() - before;
        let ratio = rg.map_or_else(String::new, |rg| {
            format!(", {:.1}× the CPU of `rg -L -c the` ({rg:.2} s)", cpu / rg)
        });
        rows.push(Row(
            format!("check: {label}, {what}"),
            format!(
                "{:.1} MB in {secs:.2} s = {:.1} MB/s, CPU {cpu:.2} s{ratio}, peak {peak:.0} MiB, \
                 {findings} findings",
                bytes as f64 / 1e6,
                bytes as f64 / 1e6 / secs
            ),
        ));
    }
}

/// `factline check --no-index` on `dir` and on the same folder with one
/// and three lightly altered copies of every article beside it (a line
/// added and a word changed, as syndicated wire copy is republished): the
/// CPU per article at 1×, 2× and 4× the articles, which stays flat when
/// the work is linear in the number of articles.
fn check_copies(label: &str, dir: &Path, rows: &mut Vec<Row>) {
    let mut per_article = Vec::new();
    for k in [1usize, 2, 4] {
        let folder = copies(dir, k);
        let (files, _) =
            factline::workspace::discover(&folder, &factline::workspace::exclude_set(&[]));
        let before = children_cpu();
        let (secs, _, findings) = run_check_with(&folder, &["--no-index"]);
        let cpu = children_cpu() - before;
        let each = cpu / files.len().max(1) as f64 * 1000.0;
        per_article.push(each);
        rows.push(Row(
            format!("check: {label}, {k}× with copies, no index"),
            format!(
                "{} articles: {secs:.2} s, CPU {cpu:.2} s = {each:.2} ms an article \
                 (×{:.2} the 1× figure), {findings} findings",
                files.len(),
                each / per_article[0]
            ),
        ));
    }
}

/// `dir` (a folder of links) with `k - 1` altered copies of every article
/// beside it, under `target/bench-corpus/copies{k}`: copy `c` has the
/// first `c` uses of "said" changed to "stated" and a line naming a wire
/// service added at the end.
fn copies(dir: &Path, k: usize) -> PathBuf {
    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("target/bench-corpus/copies{k}"));
    let done = out.join(".complete");
    if done.exists() {
        return out;
    }
    let _ = std::fs::remove_dir_all(&out);
    std::fs::create_dir_all(&out).unwrap();
    #[cfg(unix)]
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let target = entry.path().canonicalize().unwrap();
        std::os::unix::fs::symlink(target, out.join(entry.file_name())).unwrap();
    }
    let (files, _) = factline::workspace::discover(dir, &factline::workspace::exclude_set(&[]));
    for c in 1..k {
        for file in &files {
            let Ok(text) = std::fs::read_to_string(file) else {
                continue;
            };
            let mut altered = String::with_capacity(text.len() + 40);
            let mut rest = text.as_str();
            for _ in 0..c {
                let Some(at) = find_word(rest, "said") else {
                    break;
                };
                altered.push_str(&rest[..at]);
                altered.push_str("stated");
                rest = &rest[at + 4..];
            }
            altered.push_str(rest);
            altered.push_str(&format!("\nDistributed by Wire Service {c}.\n"));
            let relative = file.strip_prefix(dir).unwrap();
            let to = out.join(format!("wire{c}")).join(relative);
            std::fs::create_dir_all(to.parent().unwrap()).unwrap();
            std::fs::write(to, altered).unwrap();
        }
    }
    std::fs::write(&done, "").unwrap();
    out
}

/// The byte offset of `word` as a whole word in `text`.
fn find_word(text: &str, word: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    text.match_indices(word).map(|(i, _)| i).find(|&i| {
        let before = i.checked_sub(1).map(|j| bytes[j]);
        let after = bytes.get(i + word.len()).copied();
        !before.is_some_and(|b| b.is_ascii_alphanumeric())
            && !after.is_some_and(|b| b.is_ascii_alphanumeric())
    })
}

/// CPU seconds (user and system) of this process's waited-for children.
fn children_cpu() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // The fields after the command name (which is in parentheses).
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map_or("", |(_, rest)| rest)
        .split_whitespace()
        .collect();
    // cutime and cstime are fields 16 and 17 of the line (from 1), in
    // clock ticks of 1/100 s.
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    (ticks(13) + ticks(14)) / 100.0
}

/// The CPU seconds of `rg -L -c the DIR` (a scan of every file), or
/// `None` when ripgrep is not installed.
fn rg_cpu(dir: &Path) -> Option<f64> {
    let before = children_cpu();
    let status = Command::new("rg")
        .args(["-L", "-c", "the"])
        .arg(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .ok()?;
    let cpu = children_cpu() - before;
    // Exit 1 is "no match", not a failure.
    (status.code().is_some_and(|c| c <= 1) && cpu > 0.0).then_some(cpu)
}

/// A restart of the server on `dir` with an up-to-date index (built by a
/// first start): the time from starting the process to the first
/// diagnostics of a draft opened at once, and to the end of indexing.
///
/// `lazy`: the workspace is read from its index lazily (`index.lazy_above
/// = 0`), and the draft's diagnostics "against the corpus" are those
/// after the index's related documents were fetched.
fn restart(label: &str, dir: &Path, draft: String, lazy: bool, rows: &mut Vec<Row>) {
    let config = if lazy {
        "[index]\nlazy_above = 0\n"
    } else {
        ""
    };
    std::fs::write(dir.join("factline.toml"), config).unwrap();
    drop_index(dir);
    let mut first = Lsp::spawn(&BIN, &["lsp"]);
    first.initialize(Some(dir), false);
    let built = first.wait(Duration::from_secs(900), |m| {
        m["method"] == "$/progress" && m["params"]["value"]["kind"] == "end"
    });
    first.stop();
    if built.is_none() {
        rows.push(Row(format!("restart: {label}"), "did not index".into()));
        return;
    }
    let start = Instant::now();
    let mut lsp = Lsp::spawn(&BIN, &["lsp"]);
    lsp.initialize(Some(dir), false);
    let draft_dir = tempfile::tempdir().unwrap();
    let u = uri(&draft_dir.path().join("restart-draft.txt"));
    lsp.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": u, "languageId": "plaintext", "version": 1, "text": draft}}),
    );
    let mut first_diagnostics = None;
    let mut indexed = None;
    let mut after_index = None;
    let mut latest = None;
    while after_index.is_none() {
        let Some(m) = lsp.wait(Duration::from_secs(300), |m| {
            (m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == u)
                || (m["method"] == "$/progress" && m["params"]["value"]["kind"] == "end")
        }) else {
            break;
        };
        let t = start.elapsed().as_secs_f64();
        if m["method"] == "$/progress" {
            indexed = Some(t);
            if lazy {
                // The index's watcher fetches the draft's related
                // documents once indexing ends: the next diagnostics
                // after they are held are against them.
                if !wait_fetched(&mut lsp, 1) {
                    break;
                }
            }
        } else {
            first_diagnostics.get_or_insert(t);
            if indexed.is_some() {
                after_index = Some(t);
            }
            latest = Some(m);
        }
    }
    // Kept to compare what the two modes find on the draft: its last
    // diagnostics once the server has published nothing new for it for
    // 5 s (the verification of the draft is published after its check).
    let mut last = latest;
    while let Some(m) = lsp.wait(Duration::from_secs(5), |m| {
        m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == u
    }) {
        last = Some(m);
    }
    if let Some(m) = last {
        let name = if lazy { "lazy" } else { "eager" };
        let out =
            Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("target/bench-restart-{name}.json"));
        let _ = std::fs::write(out, m["params"]["diagnostics"].to_string());
    }
    let mib = lsp.peak_mib();
    let resident = resident_mib(lsp.child.id());
    let held = held_sources(&mut lsp);
    lsp.stop();
    let show = |t: Option<f64>| t.map_or("never".to_string(), |t| format!("{t:.2} s"));
    let (mode, against) = if lazy {
        ("read lazily", "its related documents")
    } else {
        ("whole corpus held", "the whole corpus")
    };
    rows.push(Row(
        format!("restart with an up-to-date index, {mode}: {label}"),
        format!(
            "draft's first diagnostics {}, index loaded {}, draft's diagnostics against \
             {against} {}, {held} documents held, resident {resident:.0} MiB, peak {mib:.0} MiB",
            show(first_diagnostics),
            show(indexed),
            show(after_index)
        ),
    ));
}

/// How long the archive bench waits for the archive's documents related
/// to the draft: the first fetch's candidate queries read posting lists
/// that grow with the archive (about a minute at 100,000 generated
/// articles on a loaded machine), so a large archive needs well over the
/// five minutes that bounded it before; a fetch that never comes still
/// ends the bench.
const ARCHIVE_FETCH: Duration = Duration::from_secs(1800);

/// The server over a desk-wide archive on PostgreSQL (`url`, loaded by
/// `factline index DIR --store URL`, e.g. with `examples/archive_corpus`'s
/// articles, whose events the generated draft reports): a workspace
/// holding only the 20 KB draft and `store = URL`. Measured: the draft's
/// first diagnostics, its diagnostics once the archive's related
/// documents are fetched, related passages and the edit loop after that,
/// and the server's resident memory (now and peak).
fn archive(url: &str, rounds: usize, rows: &mut Vec<Row>) {
    let ws = tempfile::tempdir().unwrap();
    std::fs::write(
        ws.path().join("factline.toml"),
        format!("store = \"{url}\"\n"),
    )
    .unwrap();
    let text = generator::draft(20_000, CORPUS_SEED, 99);
    let lines = text.lines().count();
    let path = ws.path().join("draft.txt");
    std::fs::write(&path, &text).unwrap();
    let u = uri(&path);
    let start = Instant::now();
    let mut lsp = Lsp::spawn(&BIN, &["lsp"]);
    lsp.initialize(Some(ws.path()), false);
    lsp.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": u, "languageId": "plaintext", "version": 1, "text": text}}),
    );
    let is_draft =
        |m: &Value| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == u;
    let first = lsp.wait(Duration::from_secs(120), is_draft);
    let first_at = start.elapsed().as_secs_f64();
    // The archive's documents related to the draft arrive after the
    // first diagnostics; the draft is then checked again.
    let fetched = first.and_then(|_| lsp.wait(ARCHIVE_FETCH, is_draft));
    let fetched_at = start.elapsed().as_secs_f64();
    if fetched.is_none() {
        rows.push(Row(
            "archive: server".into(),
            "the archive's documents never arrived".into(),
        ));
        lsp.stop();
        return;
    }
    let (mut related, found, mut edits) = queries_and_keystrokes(&mut lsp, &u, lines, rounds);
    let resident = resident_mib(lsp.child.id());
    let peak = lsp.peak_mib();
    lsp.stop();
    let (n, e) = (related.len(), edits.len());
    rows.push(Row(
        "archive: draft's diagnostics".into(),
        format!("first {first_at:.2} s, with the archive's related documents {fetched_at:.2} s"),
    ));
    rows.push(Row(
        "archive: relatedPassages".into(),
        format!(
            "{n} requests ({found} passages): p50 {:.2} ms, p99 {:.2} ms",
            percentile(&mut related, 0.5),
            percentile(&mut related, 0.99)
        ),
    ));
    rows.push(Row(
        "archive: edit loop, 20 KB draft".into(),
        format!(
            "{e} edits: p50 {:.1} ms, p99 {:.1} ms",
            percentile(&mut edits, 0.5),
            percentile(&mut edits, 0.99)
        ),
    ));
    rows.push(Row(
        "archive: server memory".into(),
        format!("resident {resident:.0} MiB at the end, peak {peak:.0} MiB"),
    ));
}

/// How many documents the server's corpus holds (`factline/status`).
fn held_sources(lsp: &mut Lsp) -> u64 {
    lsp.request("factline/status", json!(null))["result"]["sources"]
        .as_u64()
        .unwrap_or(0)
}

/// Waits until the server holds more than `open` documents (the open
/// ones): the related documents a lazily read index proposes have come.
/// Asks every 50 ms for at most [`ARCHIVE_FETCH`]; false if they never
/// came.
fn wait_fetched(lsp: &mut Lsp, open: u64) -> bool {
    let start = Instant::now();
    while start.elapsed() < ARCHIVE_FETCH {
        if held_sources(lsp) > open {
            return true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    false
}

/// The server over a large local folder read lazily from its on-disk
/// index: `dir` (e.g. `examples/archive_corpus`'s articles, whose events
/// the generated draft reports) gets `index.lazy_above = 0` and a 20 KB
/// draft. Measured: building the index (`factline index`), then a
/// server's first diagnostics of the open draft, its diagnostics once the
/// index's related documents are fetched, related passages and the edit
/// loop after that, and the server's resident memory (now and peak).
fn local_archive(dir: &Path, rounds: usize, rows: &mut Vec<Row>) {
    std::fs::write(dir.join("factline.toml"), "[index]\nlazy_above = 0\n").unwrap();
    let text = generator::draft(20_000, CORPUS_SEED, 99);
    let lines = text.lines().count();
    let draft_dir = tempfile::tempdir().unwrap();
    let path = draft_dir.path().join("draft.txt");
    std::fs::write(&path, &text).unwrap();
    let u = uri(&path);
    let built = Instant::now();
    let status = Command::new(&*BIN)
        .args(["index", "-q"])
        .arg(dir)
        .status()
        .expect("factline index runs");
    rows.push(Row(
        "local archive: factline index (the index as it was found)".into(),
        format!(
            "{:.1} s, {}",
            built.elapsed().as_secs_f64(),
            if status.success() { "ok" } else { "failed" }
        ),
    ));
    let start = Instant::now();
    let mut lsp = Lsp::spawn(&BIN, &["lsp"]);
    lsp.initialize(Some(dir), false);
    lsp.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": u, "languageId": "plaintext", "version": 1, "text": text}}),
    );
    let is_draft =
        |m: &Value| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == u;
    // The draft's first diagnostics and the end of indexing, in either
    // order.
    let (mut first_at, mut indexed_at) = (None, None);
    while first_at.is_none() || indexed_at.is_none() {
        let Some(m) = lsp.wait(ARCHIVE_FETCH, |m| {
            is_draft(m) || (m["method"] == "$/progress" && m["params"]["value"]["kind"] == "end")
        }) else {
            break;
        };
        let t = start.elapsed().as_secs_f64();
        if m["method"] == "$/progress" {
            indexed_at = Some(t);
        } else {
            first_at.get_or_insert(t);
        }
    }
    let (first_at, indexed_at) = (first_at.unwrap_or(f64::NAN), indexed_at.unwrap_or(f64::NAN));
    let fetched = indexed_at.is_finite() && wait_fetched(&mut lsp, 1);
    let fetched = fetched && lsp.wait(ARCHIVE_FETCH, is_draft).is_some();
    let fetched_at = start.elapsed().as_secs_f64();
    if !fetched {
        rows.push(Row(
            "local archive: server".into(),
            "the index's related documents never arrived".into(),
        ));
        lsp.stop();
        return;
    }
    let held = held_sources(&mut lsp);
    let (mut related, found, mut edits) = queries_and_keystrokes(&mut lsp, &u, lines, rounds);
    let resident = resident_mib(lsp.child.id());
    let peak = lsp.peak_mib();
    lsp.stop();
    let _ = std::fs::remove_file(dir.join("factline.toml"));
    let (n, e) = (related.len(), edits.len());
    rows.push(Row(
        "local archive: draft's diagnostics".into(),
        format!(
            "first {first_at:.2} s, indexing ended {indexed_at:.2} s, with the index's related \
             documents ({held} held) {fetched_at:.2} s"
        ),
    ));
    rows.push(Row(
        "local archive: relatedPassages".into(),
        format!(
            "{n} requests ({found} passages): p50 {:.2} ms, p99 {:.2} ms",
            percentile(&mut related, 0.5),
            percentile(&mut related, 0.99)
        ),
    ));
    rows.push(Row(
        "local archive: edit loop, 20 KB draft".into(),
        format!(
            "{e} edits: p50 {:.1} ms, p99 {:.1} ms",
            percentile(&mut edits, 0.5),
            percentile(&mut edits, 0.99)
        ),
    ));
    rows.push(Row(
        "local archive: server memory".into(),
        format!("resident {resident:.0} MiB at the end, peak {peak:.0} MiB"),
    ));
}

/// Resident memory of a process now, in MiB.
fn resident_mib(pid: u32) -> f64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

/// `factline check` on one adversarial text of each shape and size: the
/// time per KB stays flat when the analysis is linear.
fn adversarial_checks(sizes_kb: &[usize], rows: &mut Vec<Row>) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-adversarial");
    for &shape in adversarial::SHAPES {
        for &kb in sizes_kb {
            let file = root.join(format!("{shape}-{kb}.txt"));
            let text = adversarial::text(shape, kb * 1024);
            std::fs::create_dir_all(&root).unwrap();
            std::fs::write(&file, &text).unwrap();
            let (secs, peak, findings) = run_check(&file);
            rows.push(Row(
                format!("adversarial: {shape}, {kb} KB"),
                format!(
                    "{secs:.2} s = {:.2} ms/KB, peak {peak:.0} MiB, {findings} findings",
                    secs * 1000.0 / (text.len() as f64 / 1024.0)
                ),
            ));
        }
    }
}

/// The language server `name` to compare with: `explicit` when given, else
/// the first `name` on PATH or in `~/.cargo/bin`.
fn server_binary(name: &str, explicit: Option<String>) -> Option<PathBuf> {
    if let Some(p) = explicit {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .chain(std::iter::once(PathBuf::from(format!(
            "{}/.cargo/bin",
            std::env::var("HOME").unwrap_or_default()
        ))))
        .map(|d| d.join(name))
        .find(|p| p.is_file())
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let quick = args.iter().any(|a| a == "--quick");
    let only = args
        .iter()
        .position(|a| a == "--only")
        .and_then(|i| args.get(i + 1).cloned());
    let option = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1).cloned())
    };
    let harper = server_binary("harper-ls", option("--harper"));
    let typos = server_binary("typos-lsp", option("--typos"));
    let run = |name: &str| only.as_deref().is_none_or(|o| o == name);
    let mut rows = Vec::new();
    let sizes: &[usize] = if quick {
        &[1_000]
    } else {
        &[1_000, 10_000, 50_000]
    };
    let edit_size = if quick { 1_000 } else { 10_000 };
    let rounds = if quick { 60 } else { 300 };

    if run("cold") {
        for &n in sizes {
            let (dir, bytes) = generated(n);
            cold_index(&format!("{n} generated articles"), &dir, bytes, &mut rows);
        }
        if let Some((dir, bytes)) = real_corpus() {
            cold_index("8,560 real articles (GVA + BBC)", &dir, bytes, &mut rows);
        }
    }
    if run("edit") {
        let (dir, _) = generated(edit_size);
        let label = format!("factline, 20 KB draft in {edit_size} articles");
        let subject = Subject {
            label: &label,
            program: &BIN,
            args: &["lsp"],
            full_sync: false,
        };
        let draft = generator::draft(20_000, CORPUS_SEED, 99);
        edit_loop(&subject, Some(&dir), draft, rounds, &[], &mut rows);
        if let Some((real, _)) = real_corpus()
            && let Some(draft) = real_draft(20_000)
        {
            let subject = Subject {
                label: "factline, 20 KB real draft in 8,560 real articles",
                ..subject
            };
            edit_loop(&subject, Some(&real), draft, rounds, &[], &mut rows);
        }
        let subject = Subject {
            label: "factline, 100 KB draft, no corpus",
            ..subject
        };
        let draft = generator::draft(100_000, CORPUS_SEED, 99);
        edit_loop(&subject, None, draft, rounds, &[], &mut rows);
        let subject = Subject {
            label: "factline, 1.9 MB draft, no corpus",
            ..subject
        };
        let draft = generator::draft(1_900_000, CORPUS_SEED, 99);
        edit_loop(&subject, None, draft, rounds.min(60), &[], &mut rows);
        // The same draft alone, then with other documents open (articles
        // about the same events, so their figures are compared with it).
        let open = if quick { 20 } else { 200 };
        let draft = generator::draft(20_000, CORPUS_SEED, 99);
        let subject = Subject {
            label: "factline, 20 KB draft, no corpus, nothing else open",
            ..subject
        };
        edit_loop(&subject, None, draft.clone(), rounds, &[], &mut rows);
        let label = format!("factline, 20 KB draft, no corpus, {open} other documents open");
        let subject = Subject {
            label: &label,
            ..subject
        };
        let others = generator::corpus(open, 14, CORPUS_SEED);
        edit_loop(&subject, None, draft, rounds, &others, &mut rows);
    }
    if run("harper") || run("edit") {
        match &harper {
            Some(h) => {
                for size in [20_000, 100_000] {
                    let label = format!("harper-ls, {} KB draft (full sync)", size / 1000);
                    let subject = Subject {
                        label: &label,
                        program: h,
                        args: &["--stdio"],
                        full_sync: true,
                    };
                    let draft = generator::draft(size, CORPUS_SEED, 99);
                    edit_loop(&subject, None, draft, rounds.min(100), &[], &mut rows);
                }
            }
            None => rows.push(Row(
                "edit loop: harper-ls".into(),
                "not installed (CC=clang cargo install harper-ls --locked)".into(),
            )),
        }
    }
    if run("typos") || run("edit") {
        match &typos {
            Some(t) => {
                for size in [20_000, 100_000] {
                    let label = format!("typos-lsp, {} KB draft", size / 1000);
                    let subject = Subject {
                        label: &label,
                        program: t,
                        args: &[],
                        full_sync: false,
                    };
                    let draft = generator::draft(size, CORPUS_SEED, 99);
                    edit_loop(&subject, None, draft, rounds.min(100), &[], &mut rows);
                }
            }
            None => rows.push(Row(
                "edit loop: typos-lsp".into(),
                "not installed (cargo install typos-lsp --locked)".into(),
            )),
        }
    }
    if run("verify") {
        let (dir, _) = generated(edit_size);
        let draft = generator::draft(20_000, CORPUS_SEED, 99);
        verify_loop(&dir, draft, rounds.min(100), &mut rows);
    }
    if run("requests") {
        let (dir, _) = generated(edit_size);
        requests(&dir, &mut rows, rounds);
    }
    if run("restart")
        && let Some((dir, _)) = real_corpus()
        && let Some(draft) = real_draft(20_000)
    {
        // The whole corpus held (the default at this size), then the same
        // folder read lazily from its index (`index.lazy_above = 0`).
        for lazy in [false, true] {
            restart(
                "8,560 real articles (GVA + BBC), 20 KB draft",
                &dir,
                draft.clone(),
                lazy,
                &mut rows,
            );
        }
        let _ = std::fs::remove_file(dir.join("factline.toml"));
    }
    if run("check") {
        if let Some((dir, bytes)) = real_corpus() {
            check("8,560 real articles (GVA + BBC)", &dir, bytes, &mut rows);
            if !quick {
                check_copies("8,560 real articles (GVA + BBC)", &dir, &mut rows);
            }
        }
        let (dir, bytes) = generated(sizes[sizes.len().min(2) - 1]);
        check(
            &format!("{} generated articles", sizes[sizes.len().min(2) - 1]),
            &dir,
            bytes,
            &mut rows,
        );
    }
    if only.as_deref() == Some("archive") {
        match (
            std::env::var("FACTLINE_BENCH_STORE"),
            std::env::var("FACTLINE_BENCH_ARCHIVE_DIR"),
        ) {
            (Ok(url), _) => archive(&url, rounds.min(200), &mut rows),
            (_, Ok(dir)) => local_archive(Path::new(&dir), rounds.min(200), &mut rows),
            _ => rows.push(Row(
                "archive".into(),
                "neither FACTLINE_BENCH_STORE (postgres://…, loaded with `factline index DIR \
                 --store URL`) nor FACTLINE_BENCH_ARCHIVE_DIR (a folder of articles, e.g. \
                 `examples/archive_corpus`'s) set"
                    .into(),
            )),
        }
    }
    if run("adversarial") {
        let sizes_kb: &[usize] = if quick {
            &[25, 100]
        } else {
            &[25, 100, 200, 1024]
        };
        adversarial_checks(sizes_kb, &mut rows);
    }

    let width = rows.iter().map(|r| r.0.len()).max().unwrap_or(0);
    println!();
    println!(
        "factline {} benchmarks on {} cores",
        env!("CARGO_PKG_VERSION"),
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
    println!("binary: {}", BIN.display());
    if let Ok(load) = std::fs::read_to_string("/proc/loadavg") {
        // Timings on a shared machine mean little without the load.
        println!(
            "load average at the end: {}",
            load.split_whitespace()
                .take(3)
                .collect::<Vec<_>>()
                .join(" ")
        );
    }
    for Row(k, v) in &rows {
        println!("{k:width$}  {v}");
    }
}

/// `rounds` related-passages queries on lines spread over the draft `u`
/// of `lines` lines (their times in ms, and how many results came), then
/// `rounds` keystrokes in its middle line (their times in ms).
fn queries_and_keystrokes(
    lsp: &mut Lsp,
    u: &str,
    lines: usize,
    rounds: usize,
) -> (Vec<f64>, usize, Vec<f64>) {
    let mut related = Vec::with_capacity(rounds);
    let mut found = 0usize;
    for i in 0..rounds {
        let line = (i * 7) % lines.max(1);
        let params = json!({
            "textDocument": {"uri": u},
            "position": {"line": line, "character": 5},
            "limit": 10,
        });
        let t = Instant::now();
        let r = lsp.request("factline/relatedPassages", params);
        related.push(t.elapsed().as_secs_f64() * 1000.0);
        found += r["result"]["results"].as_array().map_or(0, Vec::len);
    }
    let mut edits = Vec::with_capacity(rounds);
    let line = lines / 2;
    for i in 0..rounds {
        let Some(ms) = lsp.keystroke(u, line, i) else {
            break;
        };
        edits.push(ms);
    }
    (related, found, edits)
}
