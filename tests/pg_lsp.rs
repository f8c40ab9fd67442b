//! Several language servers on one desk-wide store (a real PostgreSQL,
//! see `tests/pg_support`): a source indexed by one server is found by
//! another's related passages (and leaves its corpus once the open
//! document no longer reaches it), and reviews marked by four servers at
//! once are all kept.

mod common;
mod pg_support;

use std::path::Path;
use std::time::{Duration, Instant};

use common::{Client, file_uri};
use serde_json::{Value, json};

/// Writes `factline.toml` naming the store, and `files`, under `dir`.
fn workspace(dir: &Path, url: &str, files: &[(&str, &str)]) {
    pg_support::write_files(dir, files);
    std::fs::write(dir.join("factline.toml"), format!("store = \"{url}\"\n")).unwrap();
}

fn fixture(rel: &str) -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(rel),
    )
    .unwrap()
}

async fn test_db(name: &'static str) -> Option<pg_support::TestDb> {
    tokio::task::spawn_blocking(move || pg_support::database(name))
        .await
        .unwrap()
}

/// How long a poll waits before asking again, and the ceiling past which
/// the test fails: a bound on a hang, not a speed requirement.
const POLL: Duration = Duration::from_millis(100);
const CEILING: Duration = Duration::from_secs(120);

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_source_indexed_by_one_server_is_related_by_another() {
    let Some(db) = test_db("two_servers").await else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    let draft = fixture("verify-draft/draft.txt");
    workspace(&b, &db.url, &[("draft.txt", &draft)]);
    workspace(
        &a,
        &db.url,
        &[("sources/coast-wire.txt", &fixture("verify/coast-wire.txt"))],
    );

    // Server B: the draft open, nothing related to it yet.
    let mut server_b = Client::start();
    server_b.initialize_default(Some(&b)).await;
    server_b.wait_indexed().await;
    let uri = file_uri(&b.join("draft.txt"));
    server_b.open(&uri, 1, &draft).await;
    server_b.diagnostics(&uri, 1).await;
    let a_uri = file_uri(&a);
    let related_from_a = |r: &Value| {
        r["result"]["results"].as_array().map_or(0, |l| {
            l.iter()
                .filter(|x| x["uri"].as_str().unwrap_or("").starts_with(&a_uri))
                .count()
        })
    };
    let ask = json!({"textDocument": {"uri": uri}, "position": {"line": 2, "character": 10}});
    let r = server_b
        .request("factline/relatedPassages", ask.clone())
        .await;
    assert_eq!(related_from_a(&r), 0, "{r}");

    // Server A indexes its workspace, which publishes it to the store.
    let mut server_a = Client::start();
    server_a.initialize_default(Some(&a)).await;
    server_a.wait_indexed().await;
    let indexed = Instant::now();

    // B is told of the commit and fetches A's source for its draft.
    let found = loop {
        let r = server_b
            .request("factline/relatedPassages", ask.clone())
            .await;
        if related_from_a(&r) > 0 {
            break r;
        }
        assert!(indexed.elapsed() < CEILING, "never found: {r}");
        tokio::time::sleep(POLL).await;
    };
    eprintln!(
        "found by the other server {:.2} s after indexing ended",
        indexed.elapsed().as_secs_f64()
    );
    let top = &found["result"]["results"][0];
    assert!(top["uri"].as_str().unwrap().starts_with(&a_uri), "{found}");

    // The draft rewritten about something else: the archive's document it
    // no longer reaches leaves B's corpus (only the draft stays).
    let sources = |r: &Value| r["result"]["sources"].as_u64().unwrap_or(0);
    let before = sources(&server_b.request("factline/status", json!(null)).await);
    assert!(before >= 2, "the draft and what was fetched: {before}");
    server_b
        .notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": 2},
                   "contentChanges": [{"text": "The choir will sing in the old hall on Sunday.\n"}]}),
        )
        .await;
    let changed = Instant::now();
    loop {
        let r = server_b.request("factline/status", json!(null)).await;
        if sources(&r) == 1 {
            break;
        }
        assert!(changed.elapsed() < CEILING, "never dropped: {r}");
        tokio::time::sleep(POLL).await;
    }
    server_a.shutdown().await;
    server_b.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn four_servers_marking_at_once_lose_no_review() {
    let Some(db) = test_db("four_servers").await else {
        return;
    };
    const PER_SERVER: usize = 25;
    let tmp = tempfile::tempdir().unwrap();
    let mut servers = Vec::new();
    for s in 0..4 {
        let dir = tmp.path().join(format!("checkout{s}"));
        workspace(&dir, &db.url, &[("draft.txt", "A draft.\n")]);
        let mut c = Client::start();
        c.initialize_default(Some(&dir)).await;
        c.wait_indexed().await;
        servers.push((c, dir));
    }
    // Every server marks its findings at the same time.
    let marking = servers.into_iter().enumerate().map(|(s, (mut c, dir))| {
        tokio::spawn(async move {
            let uri = file_uri(&dir.join("draft.txt"));
            for i in 0..PER_SERVER {
                let r = c
                    .request(
                        "workspace/executeCommand",
                        json!({"command": "factline.markReviewed", "arguments": [{
                            "uri": uri,
                            "rule": "weasel-attribution",
                            "sentence": format!("{:016x}", s * 1000 + i),
                        }]}),
                    )
                    .await;
                assert!(r.get("error").is_none(), "{r}");
            }
            (c, dir)
        })
    });
    let servers: Vec<_> = futures::future::join_all(marking)
        .await
        .into_iter()
        .map(|r| r.unwrap())
        .collect();
    let url = db.url.clone();
    let stored = tokio::task::spawn_blocking(move || {
        factline::host::PgStore::connect(&url)
            .unwrap()
            .reviews()
            .unwrap()
    })
    .await
    .unwrap();
    assert_eq!(stored.len(), 4 * PER_SERVER, "{stored:?}");
    // Recorded in the database, not in a checkout's file.
    for (_, dir) in &servers {
        assert!(!dir.join(".factline/reviewed.toml").exists());
    }
    for (mut c, _) in servers {
        c.shutdown().await;
    }
}
