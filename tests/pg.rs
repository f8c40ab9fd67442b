//! The desk-wide index on a real PostgreSQL server (see `tests/pg_support`
//! for where the server comes from): `factline index --store` loads a
//! folder into the database, and `verify`, `related` and `check` with
//! `--store` find the archive's sources from a folder that holds only the
//! draft; reviews recorded by several writers at once are all kept.

mod pg_support;

use std::path::{Path, PathBuf};
use std::process::Output;

use serde_json::Value;

use pg_support::{database, factline};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The invented ferry sources copied to `archive/`, the draft alone in
/// `newsroom/`, under a temporary folder.
fn desk() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let archive = tmp.path().join("archive");
    let newsroom = tmp.path().join("newsroom");
    std::fs::create_dir_all(&archive).unwrap();
    std::fs::create_dir_all(&newsroom).unwrap();
    for e in std::fs::read_dir(fixtures().join("verify")).unwrap() {
        let e = e.unwrap();
        // Only the sources: other tests leave an index folder beside them.
        if e.file_type().unwrap().is_file() {
            std::fs::copy(e.path(), archive.join(e.file_name())).unwrap();
        }
    }
    std::fs::copy(
        fixtures().join("verify-draft/draft.txt"),
        newsroom.join("draft.txt"),
    )
    .unwrap();
    (tmp, archive, newsroom)
}

fn index(dir: &Path, url: &str) -> String {
    let out = factline()
        .args(["index", "-q"])
        .arg(dir)
        .args(["--store", url])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    stdout(&out)
}

#[test]
fn a_draft_is_verified_against_the_archive() {
    let Some(db) = database("verify") else { return };
    let (_tmp, archive, newsroom) = desk();
    let said = index(&archive, &db.url);
    assert!(said.contains("3 added"), "{said}");
    // Unchanged sources are not sent again.
    let said = index(&archive, &db.url);
    assert!(said.contains("3 unchanged"), "{said}");

    let draft = newsroom.join("draft.txt");
    let verify = |store: bool| {
        let mut cmd = factline();
        cmd.arg("verify").arg(&draft).args(["--format", "json"]);
        if store {
            cmd.args(["--store", &db.url]);
        }
        let out = cmd.output().unwrap();
        let v: Value = serde_json::from_str(&stdout(&out))
            .unwrap_or_else(|e| panic!("{e}: {}{}", stdout(&out), stderr(&out)));
        v
    };
    // Alone in its folder, nothing corroborates the draft.
    let alone = verify(false);
    assert_eq!(alone["summary"]["corroborated"], 0, "{alone:#}");
    // With the store: what the same sources in a local folder give
    // (tests/verify_cli.rs): one contradicted, two corroborated.
    let v = verify(true);
    assert_eq!(v["summary"]["contradicted"], 1, "{v:#}");
    assert_eq!(v["summary"]["corroborated"], 2, "{v:#}");
    let archive_key = archive.display().to_string();
    let cited: Vec<&str> = v["claims"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["sources"].as_array().unwrap())
        .filter_map(|s| s["path"].as_str())
        .collect();
    assert!(
        !cited.is_empty() && cited.iter().all(|p| p.starts_with(&archive_key)),
        "sources cited from the archive, by their stored path: {cited:?}"
    );
}

#[test]
fn related_passages_come_from_the_archive() {
    let Some(db) = database("related") else {
        return;
    };
    let (_tmp, archive, newsroom) = desk();
    index(&archive, &db.url);
    let target = format!("{}:3", newsroom.join("draft.txt").display());
    let related = |store: bool| {
        let mut cmd = factline();
        cmd.args(["related", &target, "--format", "json"]);
        if store {
            cmd.args(["--store", &db.url]);
        }
        let out = cmd.output().unwrap();
        let v: Value = serde_json::from_str(&stdout(&out))
            .unwrap_or_else(|e| panic!("{e}: {}{}", stdout(&out), stderr(&out)));
        v["results"].as_array().cloned().unwrap_or_default()
    };
    let archive_key = archive.display().to_string();
    let from_archive = |found: &[Value]| {
        found
            .iter()
            .filter(|r| r["path"].as_str().unwrap_or("").starts_with(&archive_key))
            .count()
    };
    assert_eq!(from_archive(&related(false)), 0);
    let found = related(true);
    assert!(from_archive(&found) > 0, "{found:#?}");
    assert!(!found.is_empty(), "no related passage from the archive");
    let top = &found[0];
    assert!(
        top["path"]
            .as_str()
            .unwrap()
            .starts_with(&archive.display().to_string()),
        "{top:#}"
    );
    // The archive's report of the same fire and its injuries.
    assert!(
        found.iter().any(|r| {
            let t = r["text"].as_str().unwrap_or("");
            t.contains("Marisol Bay") && t.contains("injured")
        }),
        "{found:#?}"
    );
}

/// The findings of `draft.txt` when `factline check` runs on `dir`, as
/// (rule, line, character).
fn draft_findings(dir: &Path) -> Vec<(String, u64, u64)> {
    let out = factline()
        .arg("check")
        .arg(dir)
        .args(["--format", "json", "-q"])
        .output()
        .unwrap();
    let report = stdout(&out);
    let v: Value =
        serde_json::from_str(&report).unwrap_or_else(|e| panic!("{e}: {report}{}", stderr(&out)));
    let mut found: Vec<(String, u64, u64)> = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["path"].as_str().unwrap().ends_with("draft.txt"))
        .flat_map(|f| f["diagnostics"].as_array().unwrap())
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["range"]["start"]["line"].as_u64().unwrap(),
                d["range"]["start"]["character"].as_u64().unwrap(),
            )
        })
        .collect();
    found.sort();
    found
}

#[test]
fn check_with_the_store_finds_what_local_sources_give() {
    let Some(db) = database("check") else { return };
    let (tmp, archive, newsroom) = desk();
    index(&archive, &db.url);
    // The store named in factline.toml; the folder holds the draft only.
    std::fs::write(
        newsroom.join("factline.toml"),
        format!("drafts = [\"draft.txt\"]\nstore = \"{}\"\n", db.url),
    )
    .unwrap();
    let with_store = draft_findings(&newsroom);
    // The same sources beside the draft, no store.
    let local = tmp.path().join("local");
    std::fs::create_dir_all(local.join("sources")).unwrap();
    std::fs::write(local.join("factline.toml"), "drafts = [\"draft.txt\"]\n").unwrap();
    std::fs::copy(newsroom.join("draft.txt"), local.join("draft.txt")).unwrap();
    for e in std::fs::read_dir(&archive).unwrap() {
        let e = e.unwrap();
        if e.path().extension().is_some_and(|x| x == "txt") {
            std::fs::copy(e.path(), local.join("sources").join(e.file_name())).unwrap();
        }
    }
    let with_local = draft_findings(&local);
    assert!(
        with_local.iter().any(|f| f.0 == "inconsistent-figure"),
        "{with_local:?}"
    );
    assert_eq!(with_store, with_local);
}

#[test]
fn a_bad_store_is_an_error_not_a_silent_local_run() {
    let (_tmp, _archive, newsroom) = desk();
    let out = factline()
        .arg("verify")
        .arg(newsroom.join("draft.txt"))
        .args(["--store", "postgres://nobody@127.0.0.1:1/none"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("cannot be used"), "{}", stderr(&out));
    let out = factline()
        .arg("verify")
        .arg(newsroom.join("draft.txt"))
        .args(["--store", "postgres://desk:s3cret@127.0.0.1:1/none"])
        .output()
        .unwrap();
    assert!(!stderr(&out).contains("s3cret"), "{}", stderr(&out));
}

#[test]
fn four_writers_lose_no_review() {
    let Some(db) = database("reviews") else {
        return;
    };
    const PER_WRITER: usize = 50;
    let writers: Vec<_> = (0..4)
        .map(|w| {
            let url = db.url.clone();
            std::thread::spawn(move || {
                let store = factline::host::PgStore::connect(&url).expect("connect");
                for i in 0..PER_WRITER {
                    store
                        .record_review(&factline::reviewed::Entry {
                            file: format!("drafts/{w}.txt"),
                            rule: "unattributed-quote".into(),
                            sentence: format!("{:016x}", w * 1000 + i),
                        })
                        .expect("record");
                }
            })
        })
        .collect();
    for w in writers {
        w.join().unwrap();
    }
    let store = factline::host::PgStore::connect(&db.url).unwrap();
    assert_eq!(store.reviews().unwrap().len(), 4 * PER_WRITER);
}

#[test]
fn key_frequencies_follow_updates_and_removals() {
    let Some(db) = database("frequencies") else {
        return;
    };
    let (_tmp, archive, _newsroom) = desk();
    index(&archive, &db.url);
    let wire = archive.join("coast-wire.txt");
    let text = std::fs::read_to_string(&wire).unwrap();
    std::fs::write(
        &wire,
        format!("{text}\nThe ferry's owner said an inquiry would begin on Monday.\n"),
    )
    .unwrap();
    std::fs::remove_file(archive.join("aldren-post.txt")).unwrap();
    let said = index(&archive, &db.url);
    assert!(said.contains("1 updated, 1 removed, 1 unchanged"), "{said}");
    // The stored frequencies are what the passages give.
    let mut client = postgres::Client::connect(&db.url, postgres::NoTls).unwrap();
    let stored: Vec<(i64, i64)> = client
        .query(
            "SELECT key, df::bigint FROM factline_keys WHERE df > 0 ORDER BY key",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect();
    let counted: Vec<(i64, i64)> = client
        .query(
            "SELECT k, count(*) FROM factline_passages, unnest(keys) k GROUP BY k ORDER BY k",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect();
    assert!(!counted.is_empty());
    assert_eq!(stored, counted);
}

/// An invented archive: `n` short reports built from small pools of
/// names, places, figures and days, so that many passages share some keys
/// and the candidate lists have ties and cut-offs.
fn generated_archive(dir: &Path, n: usize) {
    let names = [
        "Ilsa Varn",
        "Teodor Brask",
        "Mirela Oakes",
        "Jonah Kell",
        "Petra Lund",
    ];
    let places = ["Harrowby", "Selmouth", "Dunmere", "Carrick Vale"];
    let things = [
        "buses",
        "nurses",
        "classrooms",
        "bridges",
        "wells",
        "ferries",
    ];
    let days = ["Monday", "Tuesday", "Thursday", "Saturday"];
    for i in 0..n {
        let mut text = String::new();
        for j in 0..8 {
            let k = i * 7 + j * 3;
            let name = names[k % names.len()];
            let place = places[(k / 2) % places.len()];
            let thing = things[(k / 3) % things.len()];
            let day = days[(i + j) % days.len()];
            let count = 10 + (k % 13) * 5;
            text.push_str(&format!(
                "{name}, who leads the {place} council, said on {day} that {count} {thing} \
                 would be funded before the winter.\n\n"
            ));
        }
        std::fs::write(dir.join(format!("report-{i:03}.txt")), text).unwrap();
    }
}

#[test]
fn batched_candidates_are_the_per_passage_ones() {
    let Some(db) = database("batched") else {
        return;
    };
    let (tmp, archive, _newsroom) = desk();
    generated_archive(&archive, 60);
    index(&archive, &db.url);
    let store = factline::host::PgStore::connect(&db.url).unwrap();
    let settings = factline::analysis::Settings::default();
    let mut docs = Vec::new();
    for e in std::fs::read_dir(&archive).unwrap() {
        let path = e.unwrap().path();
        if path.extension().is_some_and(|x| x == "txt") {
            let text = std::fs::read_to_string(&path).unwrap();
            let id = factline::analysis::DocId::new(path.to_string_lossy().as_ref());
            docs.push(factline::analysis::analyze_document(
                id,
                text.into(),
                &settings,
            ));
        }
    }
    let draft = std::fs::read_to_string(tmp.path().join("newsroom/draft.txt")).unwrap();
    docs.push(factline::analysis::analyze_document(
        factline::analysis::DocId::new("draft.txt"),
        draft.into(),
        &settings,
    ));
    let refs: Vec<&factline::analysis::DocAnalysis> = docs.iter().collect();
    let each = store.candidates_of(&refs, false).unwrap();
    let batched = store.candidates_of(&refs, true).unwrap();
    // More passages than one statement asks about, so the split between
    // statements is exercised too.
    assert!(
        each.len() > factline::host::postgres::BATCH,
        "{} passages",
        each.len()
    );
    assert!(each.iter().filter(|c| !c.is_empty()).count() > each.len() / 2);
    assert!(
        each.iter()
            .any(|c| c.len() as i64 == factline::host::postgres::PER_PASSAGE)
    );
    assert_eq!(each, batched);
}

/// What a store holds, by source key (ids differ between databases): the
/// sources' entries, texts and analyses, their passages' keys, and the
/// keys' frequencies.
fn contents(url: &str) -> Vec<String> {
    let mut client = postgres::Client::connect(url, postgres::NoTls).unwrap();
    let mut out = Vec::new();
    for r in client
        .query(
            "SELECT key || ' ' || hash || ' ' || settings || ' ' || md5(text) || ' ' || md5(analysis)
             FROM factline_sources ORDER BY key",
            &[],
        )
        .unwrap()
    {
        out.push(r.get(0));
    }
    for r in client
        .query(
            "SELECT s.key || ' ' || p.n || ' ' || p.keys::text FROM factline_passages p
             JOIN factline_sources s ON s.id = p.source ORDER BY s.key, p.n",
            &[],
        )
        .unwrap()
    {
        out.push(r.get(0));
    }
    for r in client
        .query(
            "SELECT key || ' ' || df FROM factline_keys WHERE df > 0 ORDER BY key",
            &[],
        )
        .unwrap()
    {
        out.push(r.get(0));
    }
    out
}

/// How the stored analyses are compressed (`pg_column_compression`, and
/// how many of each), after checking that none is compressed with pglz
/// where the server has LZ4.
fn compressions(url: &str) -> Vec<(Option<String>, i64)> {
    let mut client = postgres::Client::connect(url, postgres::NoTls).unwrap();
    let lz4: bool = client
        .query_one(
            "SELECT coalesce(bool_or('lz4' = ANY (enumvals)), false) FROM pg_settings
             WHERE name = 'default_toast_compression'",
            &[],
        )
        .unwrap()
        .get(0);
    let found: Vec<(Option<String>, i64)> = client
        .query(
            "SELECT pg_column_compression(analysis), count(*) FROM factline_sources
             GROUP BY 1 ORDER BY 1",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect();
    if lz4 {
        assert!(
            found.iter().any(|(c, _)| c.as_deref() == Some("lz4"))
                && found.iter().all(|(c, _)| c.as_deref() != Some("pglz")),
            "{found:?}"
        );
    }
    found
}

/// Whether the store is as an ordinary one after loading: the passages'
/// inverted index there, no bulk load left unfinished, and every key's
/// stored frequency the number of passages holding it.
fn repaired(url: &str) -> bool {
    let mut client = postgres::Client::connect(url, postgres::NoTls).unwrap();
    let index: bool = client
        .query_one(
            "SELECT EXISTS (SELECT 1 FROM pg_indexes WHERE indexname = 'factline_passages_keys')",
            &[],
        )
        .unwrap()
        .get(0);
    let unfinished: bool = client
        .query_one(
            "SELECT EXISTS (SELECT 1 FROM factline_meta WHERE key = 'bulk_load')",
            &[],
        )
        .unwrap()
        .get(0);
    let wrong: i64 = client
        .query_one(
            "SELECT count(*) FROM (
                 SELECT k, count(*) AS n FROM factline_passages, unnest(keys) k GROUP BY k) c
             FULL JOIN (SELECT key, df FROM factline_keys WHERE df > 0) s ON s.key = c.k
             WHERE c.n IS DISTINCT FROM s.df",
            &[],
        )
        .unwrap()
        .get(0);
    index && !unfinished && wrong == 0
}

/// `verify`, `related` and `check` of the desk's draft against the store
/// at `url`, as printed.
fn answers(newsroom: &Path, url: &str) -> Vec<String> {
    let draft = newsroom.join("draft.txt");
    let target = format!("{}:3", draft.display());
    let mut out = Vec::new();
    for args in [
        vec!["verify", draft.to_str().unwrap(), "--format", "json"],
        vec!["related", &target, "--format", "json"],
    ] {
        let o = factline()
            .args(&args)
            .args(["--store", url])
            .output()
            .unwrap();
        assert!(o.status.code() != Some(2), "{}", stderr(&o));
        out.push(stdout(&o));
    }
    let o = factline()
        .arg("check")
        .arg(newsroom)
        .args(["--format", "json", "-q", "--no-index", "--store", url])
        .output()
        .unwrap();
    out.push(stdout(&o));
    out
}

#[test]
fn a_bulk_load_answers_as_an_ordinary_one() {
    let (Some(bulk), Some(plain)) = (database("bulk"), database("plain")) else {
        return;
    };
    let (_tmp, archive, newsroom) = desk();
    generated_archive(&archive, 40);
    std::fs::write(newsroom.join("factline.toml"), "drafts = [\"draft.txt\"]\n").unwrap();
    // Into an empty store: the bulk path.
    let said = index(&archive, &bulk.url);
    assert!(
        said.contains("43 added") && said.contains("loaded in bulk"),
        "{said}"
    );
    assert!(repaired(&bulk.url));
    // Another load holding the bulk lock: the ordinary path.
    factline::host::PgStore::connect(&plain.url).unwrap();
    let mut holder = postgres::Client::connect(&plain.url, postgres::NoTls).unwrap();
    holder
        .execute(
            "SELECT pg_advisory_lock($1)",
            &[&factline::host::postgres::LOAD_LOCK],
        )
        .unwrap();
    let said = index(&archive, &plain.url);
    assert!(
        said.contains("43 added") && !said.contains("loaded in bulk"),
        "{said}"
    );
    drop(holder);
    assert_eq!(contents(&bulk.url), contents(&plain.url));
    assert_eq!(compressions(&bulk.url), compressions(&plain.url));
    let (b, p) = (
        answers(&newsroom, &bulk.url),
        answers(&newsroom, &plain.url),
    );
    let verified: Value = serde_json::from_str(&b[0]).unwrap();
    assert_eq!(verified["summary"]["corroborated"], 2, "{verified:#}");
    assert!(b[1].contains("Marisol Bay"), "{}", b[1]);
    assert_eq!(b, p);
    // Indexed again, unchanged: nothing sent, no bulk path (not empty).
    let said = index(&archive, &bulk.url);
    assert!(
        said.contains("43 unchanged") && !said.contains("loaded in bulk"),
        "{said}"
    );
}

/// Each text file of `dir` analysed and given its store entry.
fn entries_of(
    dir: &Path,
) -> Vec<(
    factline::host::store::Entry,
    std::sync::Arc<factline::analysis::DocAnalysis>,
)> {
    let settings = factline::analysis::Settings::default();
    let fingerprint = factline::host::index::settings_fingerprint(&settings);
    let mut out = Vec::new();
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    for path in paths {
        let text = std::fs::read_to_string(&path).unwrap();
        out.push(entry_of(&path, text, fingerprint, &settings));
    }
    out
}

fn entry_of(
    path: &Path,
    text: String,
    fingerprint: u64,
    settings: &factline::analysis::Settings,
) -> (
    factline::host::store::Entry,
    std::sync::Arc<factline::analysis::DocAnalysis>,
) {
    let key = factline::host::index::key_of(path);
    let entry = factline::host::store::Entry {
        key: key.clone(),
        size: text.len() as u64,
        mtime_ns: 0,
        hash: factline::host::store::text_hash(text.as_bytes()),
        settings: fingerprint,
    };
    let doc = factline::analysis::analyze_document(
        factline::analysis::DocId::new(key.as_str()),
        text.into(),
        settings,
    );
    (entry, std::sync::Arc::new(doc))
}

#[test]
fn a_second_writer_during_a_bulk_load_stays_correct() {
    let (Some(db), Some(reference)) = (database("during"), database("reference")) else {
        return;
    };
    let (_tmp, archive, _newsroom) = desk();
    generated_archive(&archive, 60);
    let docs = entries_of(&archive);
    let (first, rest) = docs.split_at(30);
    let (theirs, last) = rest.split_at(15);
    let loader = factline::host::PgStore::connect(&db.url).unwrap();
    assert!(loader.begin_bulk().unwrap());
    loader.publish(first, &[]).unwrap();
    // A second writer connects and writes while the load runs: its own
    // sources, one of the loader's changed, one removed.
    let other = factline::host::PgStore::connect(&db.url).unwrap();
    assert!(!other.begin_bulk().unwrap(), "one bulk load at a time");
    other.publish(theirs, &[]).unwrap();
    let settings = factline::analysis::Settings::default();
    let fingerprint = factline::host::index::settings_fingerprint(&settings);
    let changed_path = PathBuf::from(&first[0].0.key);
    let changed = entry_of(
        &changed_path,
        format!(
            "{}\nThe council of Dunmere said 75 wells would be dug by spring.\n",
            first[0].1.text
        ),
        fingerprint,
        &settings,
    );
    other
        .publish(std::slice::from_ref(&changed), &[first[1].0.key.clone()])
        .unwrap();
    // One of the loader's next sources stored by the other first: the
    // loader's batch replaces it.
    other.publish(&last[..1], &[]).unwrap();
    loader.publish(last, &[]).unwrap();
    loader.end_bulk().unwrap();
    assert!(repaired(&db.url));
    // What an ordinary load of the same sources holds.
    let store = factline::host::PgStore::connect(&reference.url).unwrap();
    let mut all: Vec<_> = docs
        .iter()
        .filter(|(e, _)| e.key != first[0].0.key && e.key != first[1].0.key)
        .cloned()
        .collect();
    all.push(changed);
    store.publish(&all, &[]).unwrap();
    assert_eq!(contents(&db.url), contents(&reference.url));
}

#[test]
fn a_bulk_load_stopped_half_way_is_repaired_at_the_next_connection() {
    let Some(db) = database("stopped") else {
        return;
    };
    let (_tmp, archive, _newsroom) = desk();
    generated_archive(&archive, 20);
    let docs = entries_of(&archive);
    let loader = factline::host::PgStore::connect(&db.url).unwrap();
    assert!(loader.begin_bulk().unwrap());
    loader.publish(&docs[..10], &[]).unwrap();
    drop(loader);
    // The loader's connection is gone once the database no longer holds
    // its lock (the server notices the closed connection on its own).
    let mut client = postgres::Client::connect(&db.url, postgres::NoTls).unwrap();
    let mut polls = 0;
    while client
        .query_one(
            "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory'
                 AND ((classid::bigint << 32) | objid::bigint) = $1)",
            &[&factline::host::postgres::LOAD_LOCK],
        )
        .unwrap()
        .get::<_, bool>(0)
    {
        polls += 1;
        assert!(polls < 6000, "the stopped load's lock was never released");
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    assert!(!repaired(&db.url), "the stopped load left work to repair");
    factline::host::PgStore::connect(&db.url).unwrap();
    assert!(repaired(&db.url));
}

/// The archive and the articles the measurement harnesses below read:
/// `FACTLINE_MEASURE_STORE` (a URL) and `FACTLINE_MEASURE_DOCS` (paths,
/// comma-separated); `None`, with a note, when either is unset.
fn measure_env() -> Option<(String, String)> {
    let (Ok(url), Ok(files)) = (
        std::env::var("FACTLINE_MEASURE_STORE"),
        std::env::var("FACTLINE_MEASURE_DOCS"),
    ) else {
        eprintln!("note: FACTLINE_MEASURE_STORE and FACTLINE_MEASURE_DOCS not set");
        return None;
    };
    Some((url, files))
}

/// Not a check: the first fetch's candidate queries timed both ways on an
/// archive already loaded, for the numbers in `docs/archive.md`. Run with
/// `FACTLINE_MEASURE_STORE=URL FACTLINE_MEASURE_DOCS=a.txt,b.txt cargo test
/// --release --test pg -- --ignored --nocapture first_fetch`.
#[test]
#[ignore]
fn first_fetch_measured() {
    let Some((url, files)) = measure_env() else {
        return;
    };
    let store = factline::host::PgStore::connect(&url).unwrap();
    let settings = factline::analysis::Settings::default();
    let docs: Vec<factline::analysis::DocAnalysis> = files
        .split(',')
        .map(|f| {
            let text = std::fs::read_to_string(f).unwrap();
            factline::analysis::analyze_document(
                factline::analysis::DocId::new(f),
                text.into(),
                &settings,
            )
        })
        .collect();
    let refs: Vec<&factline::analysis::DocAnalysis> = docs.iter().collect();
    let mut seen = Vec::new();
    for round in 0..2 {
        for batched in [false, true] {
            let start = std::time::Instant::now();
            let found = store.candidates_of(&refs, batched).unwrap();
            let elapsed = start.elapsed().as_secs_f64();
            let rows: usize = found.iter().map(Vec::len).sum();
            eprintln!(
                "round {round} batched={batched}: {} passages asked, {rows} candidate rows, {:.3} s",
                found.len(),
                elapsed
            );
            seen.push(found);
        }
    }
    // Both ways found the same candidates on this archive too.
    assert!(seen.windows(2).all(|w| w[0] == w[1]));
}

/// Not a check: what the first fetch's key budget
/// (`factline::host::postgres::KEY_BUDGET`) costs in recall and saves in
/// time, on an archive already loaded, for the numbers in
/// `docs/archive.md`. Each of the listed articles (stored in the archive
/// under its path) is a draft whose own row is left out; its archive
/// documents are fetched without a budget and with each budget asked, and
/// compared: the documents fetched, and the top 5 related passages of
/// each of its sentences after factline's re-ranking over the draft and
/// what was fetched. Run with `FACTLINE_MEASURE_STORE=URL
/// FACTLINE_MEASURE_DOCS=a.txt,b.txt [FACTLINE_MEASURE_BUDGETS=2000,5000]
/// cargo test --release --test pg -- --ignored --nocapture first_fetch_recall`.
#[test]
#[ignore]
fn first_fetch_recall_measured() {
    use factline::analysis::related;
    use std::collections::BTreeSet;
    use std::sync::Arc;
    let Some((url, files)) = measure_env() else {
        return;
    };
    let budgets: Vec<i64> = std::env::var("FACTLINE_MEASURE_BUDGETS")
        .unwrap_or_else(|_| "2000,5000,10000,20000,50000".into())
        .split(',')
        .map(|b| b.trim().parse().unwrap())
        .collect();
    let store = factline::host::PgStore::connect(&url).unwrap();
    let settings = factline::analysis::Settings::default();
    type Tops = Vec<BTreeSet<(String, usize)>>;
    // Per budget: documents fetched that the reference fetched, of how
    // many; top-5 results kept, of how many; seconds fetching.
    let mut found = vec![(0usize, 0usize, 0usize, 0usize, 0f64); budgets.len()];
    let mut reference_secs = 0f64;
    let files: Vec<&str> = files.split(',').collect();
    for f in &files {
        let key = factline::host::index::key_of(Path::new(f));
        let text = std::fs::read_to_string(f).unwrap();
        let doc = Arc::new(factline::analysis::analyze_document(
            factline::analysis::DocId::new(key.as_str()),
            text.into(),
            &settings,
        ));
        let skip = |k: &str| k == key;
        let id_of = |k: &str| factline::analysis::DocId::new(k);
        let run = |budget: i64| -> (BTreeSet<String>, Tops, f64) {
            store.set_key_budget(budget);
            let start = std::time::Instant::now();
            let fetched = store.related_documents(&[&doc], &skip, &id_of).unwrap();
            let secs = start.elapsed().as_secs_f64();
            let ids = fetched.iter().map(|d| d.id.to_string()).collect();
            let mut corpus = factline::analysis::Corpus::new();
            corpus.upsert_many(vec![doc.clone()]);
            corpus.upsert_many(fetched);
            let tops = doc
                .related
                .passages
                .iter()
                .filter(|p| p.indexed)
                .map(|p| {
                    related::query(&corpus, &doc, p.span.clone(), 5)
                        .into_iter()
                        .map(|r| (r.doc.to_string(), r.passage))
                        .collect()
                })
                .collect();
            (ids, tops, secs)
        };
        let (ref_ids, ref_tops, secs) = run(i64::MAX);
        reference_secs += secs;
        for (b, slot) in budgets.iter().zip(&mut found) {
            let (ids, tops, secs) = run(*b);
            slot.0 += ids.intersection(&ref_ids).count();
            slot.1 += ref_ids.len();
            for (t, r) in tops.iter().zip(&ref_tops) {
                slot.2 += t.intersection(r).count();
                slot.3 += r.len();
            }
            slot.4 += secs;
        }
    }
    eprintln!(
        "{} drafts; no budget: {:.3} s fetching in all",
        files.len(),
        reference_secs
    );
    for (b, (d, dn, t, tn, secs)) in budgets.iter().zip(&found) {
        eprintln!(
            "budget {b}: documents {d}/{dn} = {:.4}, top-5 {t}/{tn} = {:.4}, {secs:.3} s fetching",
            *d as f64 / (*dn).max(1) as f64,
            *t as f64 / (*tn).max(1) as f64,
        );
    }
}
