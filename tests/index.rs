//! The on-disk index: stored analyses give the same findings as fresh
//! ones, the stored format is pinned to its version, `factline index`
//! adds, updates, removes and keeps what it should, a process killed
//! while indexing leaves an index a restart completes, and a folder where
//! the index cannot be written still gets checked.

mod common;

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::sync::Arc;

use factline::analysis::{self, Corpus, DocAnalysis, DocId, RuleScope, Settings};
use factline::host::findings;
use factline::host::index::decode;
use factline::host::store::{FORMAT, FORMAT_FINGERPRINT, text_hash};

/// Texts written for these tests: headlines, quotations with and without
/// a speaker, figures (counts, money, percentages, dates, ages), page
/// furniture, a Spanish story.
const TEXTS: &[&str] = &[
    "Harbour bridge closes after storm damage\n\nBy Mara Olsen\n\n\
     The Kestrel Bay bridge was closed on 3 March 2024 after inspectors found cracks, \
     the city's transport office said on Tuesday.\n\n\
     \"We will not reopen it until it is safe,\" said Ilse Brandt, the office's director.\n\n\
     Repairs could cost $14m, according to an estimate seen by this paper. Some say the \
     work will take two years.\n\n\
     About 40,000 vehicles crossed the bridge each day, up 12% from 2019.\n\n\
     Share this article\nSubscribe to our newsletter\nRead more: Storm season ahead",
    "Kestrel Bay bridge shut\n\n\
     Officials closed the bridge on Sunday. Around 38,000 vehicles use it daily, the transport \
     office said. A 54-year-old engineer, Paul Reyes, was the first to report the cracks.\n\n\
     \"It was obvious,\" one worker said, speaking on condition of anonymity.\n\n\
     Critics claim the repairs will cost more than 20 million dollars.",
    "Cierra el puente de Kestrel Bay\n\n\
     Las autoridades cerraron el puente el domingo. Unos 40.000 vehículos lo cruzan cada día, \
     según la oficina de transporte. \"No lo abriremos hasta que sea seguro\", dijo Ilse Brandt.\n\n\
     Se calcula que las obras costarán 14 millones de dólares.",
];

fn analyse(id: &str, text: &str) -> DocAnalysis {
    analysis::analyze_document(DocId::new(id), Arc::from(text), &Settings::default())
}

/// What `FORMAT_FINGERPRINT` pins: the stored encoding of [`TEXTS`].
fn fingerprint() -> u64 {
    let mut bytes = Vec::new();
    for (i, text) in TEXTS.iter().enumerate() {
        let doc = analyse(&format!("t{i}.txt"), text);
        bytes.extend(postcard::to_stdvec(&doc).expect("encodes"));
    }
    text_hash(&bytes)
}

#[test]
fn index_format() {
    let now = fingerprint();
    assert_eq!(
        now, FORMAT_FINGERPRINT,
        "what the analysis stores changed: bump host::store::FORMAT (now {FORMAT}) and set \
         FORMAT_FINGERPRINT to {now:#018x}, so indexes written before are rebuilt"
    );
}

fn findings(docs: &[Arc<DocAnalysis>]) -> Vec<String> {
    let mut corpus = Corpus::new();
    corpus.upsert_many(docs.to_vec());
    docs.iter()
        .map(|d| {
            format!(
                "{:?}",
                analysis::check(d, &corpus, &Settings::default(), RuleScope::All)
            )
        })
        .collect()
}

#[test]
fn stored_analyses_give_the_same_findings() {
    let mut texts: Vec<(String, String)> = TEXTS
        .iter()
        .enumerate()
        .map(|(i, t)| (format!("t{i}.txt"), t.to_string()))
        .collect();
    if let Some(seeds) = common::shared("seeds") {
        let mut files: Vec<_> = std::fs::read_dir(seeds)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        files.sort();
        for f in files {
            let text = std::fs::read_to_string(&f).unwrap();
            texts.push((f.display().to_string(), text));
        }
    }
    let fresh: Vec<Arc<DocAnalysis>> = texts
        .iter()
        .map(|(id, t)| Arc::new(analyse(id, t)))
        .collect();
    let stored: Vec<Arc<DocAnalysis>> = fresh
        .iter()
        .map(|d| {
            let blob = postcard::to_stdvec(&**d).unwrap();
            let back = decode(&blob, d.id.clone(), d.text.clone()).expect("decodes");
            assert_eq!(back.name, d.name);
            assert_eq!(back.language.lang, d.language.lang);
            // Encoding what was read back gives the same bytes.
            assert_eq!(postcard::to_stdvec(&back).unwrap().len(), blob.len());
            Arc::new(back)
        })
        .collect();
    let (a, b) = (findings(&fresh), findings(&stored));
    assert!(a.iter().any(|f| f.len() > 2), "the texts have findings");
    assert_eq!(a, b);
}

#[test]
fn damaged_entries_are_not_trusted() {
    let doc = analyse("a.txt", TEXTS[0]);
    let blob = postcard::to_stdvec(&doc).unwrap();
    for cut in [0, 1, blob.len() / 3, blob.len() - 1] {
        assert!(decode(&blob[..cut], doc.id.clone(), doc.text.clone()).is_none());
    }
    // Another, shorter text than the analysis was made from.
    assert!(decode(&blob, doc.id.clone(), Arc::from("short")).is_none());
    let mut flipped = blob.clone();
    for b in flipped.iter_mut().step_by(7) {
        *b ^= 0x5a;
    }
    // Never a panic; either refused or some analysis (the hash guards
    // which text an entry belongs to).
    let _ = decode(&flipped, doc.id.clone(), doc.text.clone());
}

fn factline(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_factline"))
        .args(args)
        .current_dir(cwd)
        .stdin(Stdio::null())
        .output()
        .expect("factline runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn write_sources(dir: &Path, n: usize) {
    for i in 0..n {
        let text = format!(
            "{}\n\nStory {i}: {} more people were counted on day {i}, the office said.\n",
            TEXTS[i % TEXTS.len()],
            100 + i
        );
        std::fs::write(dir.join(format!("s{i:04}.txt")), text).unwrap();
    }
}

#[test]
fn index_adds_updates_removes_and_keeps() {
    let tmp = tempfile::tempdir().unwrap();
    let ws = tmp.path();
    write_sources(ws, 5);
    let first = stdout(&factline(&["index", "."], ws));
    assert!(
        first.contains("5 added, 0 updated, 0 removed, 0 unchanged"),
        "{first}"
    );
    assert!(ws.join(".factline/index.sqlite3").is_file());
    let again = stdout(&factline(&["index", "."], ws));
    assert!(
        again.contains("0 added, 0 updated, 0 removed, 5 unchanged"),
        "{again}"
    );
    std::fs::write(
        ws.join("s0001.txt"),
        "Edited.\n\nNow 7 people, police said.\n",
    )
    .unwrap();
    std::fs::remove_file(ws.join("s0002.txt")).unwrap();
    std::fs::write(ws.join("new.txt"), TEXTS[2]).unwrap();
    let changed = stdout(&factline(&["index", "."], ws));
    assert!(
        changed.contains("1 added, 1 updated, 1 removed, 3 unchanged"),
        "{changed}"
    );
    // A settings change that alters the analysis re-analyses everything.
    std::fs::write(
        ws.join("factline.toml"),
        "[boilerplate]\nallow = [\"^Share this article$\"]\n",
    )
    .unwrap();
    let settings = stdout(&factline(&["index", "."], ws));
    assert!(settings.contains("5 updated"), "{settings}");

    // `check` through the index reports what it reports without one.
    let indexed = factline(&["check", "--format", "json", "."], ws);
    let memory = factline(&["check", "--no-index", "--format", "json", "."], ws);
    assert_eq!(indexed.status.code(), memory.status.code());
    assert_eq!(stdout(&indexed), stdout(&memory));
    assert!(stdout(&indexed).contains("\"diagnostics\""));
}

#[test]
fn kept_findings_round_trip() {
    let docs: Vec<Arc<DocAnalysis>> = TEXTS
        .iter()
        .enumerate()
        .map(|(i, t)| Arc::new(analyse(&format!("t{i}.txt"), t)))
        .collect();
    let mut corpus = Corpus::new();
    corpus.upsert_many(docs.clone());
    let mut total = 0;
    for doc in &docs {
        let found = analysis::check(doc, &corpus, &Settings::default(), RuleScope::All);
        total += found.len();
        let blob = findings::encode(doc, &found).expect("encodes");
        let back = findings::decode(&blob).expect("decodes");
        let hashes: Vec<String> = found
            .iter()
            .map(|f| factline::reviewed::finding_hash(doc, &f.span))
            .collect();
        let (again, sentences): (Vec<_>, Vec<_>) = back.into_iter().unzip();
        assert_eq!(again, found);
        assert_eq!(sentences, hashes);
        // A damaged row is refused, never read as other findings.
        if !blob.is_empty() {
            assert!(findings::decode(&blob[..blob.len() - 1]).is_none());
        }
    }
    assert!(total > 3, "the texts give findings to keep: {total}");
}

/// The JSON report of `check` in `ws`, and its exit status.
fn check_json(ws: &Path, extra: &[&str]) -> (String, Option<i32>) {
    let mut args = vec!["check", "--format", "json"];
    args.extend_from_slice(extra);
    args.push(".");
    let out = factline(&args, ws);
    (stdout(&out), out.status.code())
}

#[test]
fn an_unchanged_check_gives_the_findings_of_a_fresh_one() {
    use rusqlite::Connection;
    let tmp = tempfile::tempdir().unwrap();
    let ws = tmp.path();
    write_sources(ws, 6);
    let fresh = check_json(ws, &["--no-index"]);
    let first = check_json(ws, &[]);
    assert_eq!(first, fresh);
    assert!(fresh.0.contains("\"diagnostics\""));
    let again = check_json(ws, &[]);
    assert_eq!(
        again, fresh,
        "an unchanged check reports what a fresh one does"
    );

    // The second check took its findings from the index: a kept row made
    // empty by hand shows (nothing else would empty that file's report).
    let db = Connection::open(ws.join(".factline/index.sqlite3")).unwrap();
    let kept: i64 = db
        .query_row("SELECT count(*) FROM checks WHERE key <> ''", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(kept, 6);
    let emptied = db
        .execute(
            "UPDATE checks SET findings = ?1 WHERE key LIKE '%s0000.txt'",
            [postcard::to_stdvec(&Vec::<u8>::new()).unwrap()],
        )
        .unwrap();
    assert_eq!(emptied, 1);
    let tampered = check_json(ws, &[]);
    assert_ne!(tampered.0, fresh.0, "the kept findings are read");
    db.execute("DELETE FROM checks WHERE key LIKE '%s0000.txt'", [])
        .unwrap();

    // One source changed: the documents it reaches are checked again.
    std::fs::write(
        ws.join("s0003.txt"),
        "Kestrel Bay bridge shut\n\nAround 52,000 vehicles use it daily, the transport \
         office said. \"It was obvious,\" one worker said.\n",
    )
    .unwrap();
    let changed = check_json(ws, &[]);
    assert_eq!(changed, check_json(ws, &["--no-index"]));
    assert_ne!(changed.0, fresh.0);
    assert_eq!(check_json(ws, &[]), changed);

    // A setting that only changes what is reported is part of the state.
    std::fs::write(
        ws.join("factline.toml"),
        "[rules.unattributed-quote]\nseverity = \"error\"\n",
    )
    .unwrap();
    let severe = check_json(ws, &[]);
    assert_eq!(severe, check_json(ws, &["--no-index"]));
    assert_eq!(check_json(ws, &[]), severe);

    // Marking a finding as reviewed hides it from the kept findings too.
    let docs: Vec<Arc<DocAnalysis>> = (0..6)
        .map(|i| {
            let name = format!("s{i:04}.txt");
            let text = std::fs::read_to_string(ws.join(&name)).unwrap();
            Arc::new(analyse(&format!("./{name}"), &text))
        })
        .collect();
    let mut corpus = Corpus::new();
    corpus.upsert_many(docs.clone());
    let doc = &docs[1];
    let found = analysis::check(doc, &corpus, &Settings::default(), RuleScope::All);
    let finding = found.first().expect("s0001.txt has findings");
    std::fs::write(
        ws.join(".factline/reviewed.toml"),
        format!(
            "[[reviewed]]\nfile = \"s0001.txt\"\nrule = \"{}\"\nsentence = \"{}\"\n",
            finding.code,
            factline::reviewed::finding_hash(doc, &finding.span)
        ),
    )
    .unwrap();
    let reviewed = check_json(ws, &[]);
    assert_eq!(reviewed, check_json(ws, &["--no-index"]));
    assert_ne!(reviewed.0, severe.0, "the reviewed finding is hidden");
}

/// Two reports of one ferry's stop, an unrelated story with an unsourced
/// figure, and a short note without figures.
const FERRY: &[(&str, &str)] = &[
    (
        "a.txt",
        "Ferry service suspended at Linmouth\n\nThe Linmouth ferry stopped running on \
         4 May 2024 after an engine fire, the port authority said. About 1,200 passengers \
         use the Linmouth ferry each day, the authority said.\n\n\
         Subscribe to our newsletter\n",
    ),
    (
        "b.txt",
        "Linmouth ferry halted\n\nThe port authority halted the Linmouth ferry after an \
         engine fire on Saturday. About 1,200 passengers use the Linmouth ferry each day, \
         the authority said.\n\nSubscribe to our newsletter\n",
    ),
    (
        "c.txt",
        "Orchard harvest falls in Dellow\n\nApple growers in the Dellow valley picked 30% \
         fewer apples this autumn than last year. Some say the late frost is to blame.\n",
    ),
    (
        "d.txt",
        "Choir practice moves\n\n\"We will sing in the old hall from now on,\" a member \
         said.\n",
    ),
];

/// A change made to a workspace.
type Step = Box<dyn Fn(&Path)>;

/// Each file's diagnostics in a JSON report, by path.
fn diagnostics_by_file(report: &str) -> std::collections::BTreeMap<String, String> {
    let v: serde_json::Value = serde_json::from_str(report).expect("a JSON report");
    v["files"]
        .as_array()
        .expect("files")
        .iter()
        .map(|f| {
            (
                f["path"]
                    .as_str()
                    .unwrap_or_default()
                    .trim_start_matches("./")
                    .to_string(),
                f["diagnostics"].to_string(),
            )
        })
        .collect()
}

#[test]
fn a_changed_source_rechecks_only_what_it_reaches() {
    use rusqlite::Connection;
    let tmp = tempfile::tempdir().unwrap();
    let ws = tmp.path();
    for (name, text) in FERRY {
        std::fs::write(ws.join(name), text).unwrap();
    }
    let first = check_json(ws, &[]);
    assert_eq!(first, check_json(ws, &["--no-index"]));
    let c_before = diagnostics_by_file(&first.0)["c.txt"].clone();
    assert_ne!(c_before, "[]", "the unrelated story has findings");

    // The unrelated story's kept findings are emptied by hand: a check
    // that takes them instead of checking it again shows it.
    let db = Connection::open(ws.join(".factline/index.sqlite3")).unwrap();
    let emptied = db
        .execute(
            "UPDATE checks SET findings = ?1 WHERE key LIKE '%c.txt'",
            [postcard::to_stdvec(&Vec::<u8>::new()).unwrap()],
        )
        .unwrap();
    assert_eq!(emptied, 1);

    // A corrected figure (the same words, another value) in one report.
    let b = FERRY[1].1.replace("About 1,200", "About 1,900");
    std::fs::write(ws.join("b.txt"), &b).unwrap();
    let fresh = check_json(ws, &["--no-index"]);
    assert!(
        fresh.0.contains("inconsistent-figure"),
        "the two reports now disagree: {}",
        fresh.0
    );
    let changed = check_json(ws, &[]);
    assert_eq!(changed.1, fresh.1);
    let (now, want) = (
        diagnostics_by_file(&changed.0),
        diagnostics_by_file(&fresh.0),
    );
    for name in ["a.txt", "b.txt", "d.txt"] {
        assert_eq!(now[name], want[name], "{name} as a fresh check gives it");
    }
    assert_eq!(
        now["c.txt"], "[]",
        "the story the change cannot reach is not checked again"
    );
    db.execute("DELETE FROM checks WHERE key LIKE '%c.txt'", [])
        .unwrap();
    assert_eq!(check_json(ws, &[]), fresh);

    // Every other kind of change gives what a fresh check gives: a longer
    // text (the corpus's passage statistics change), a removed source, an
    // added one, a source that can no longer be read, and back.
    let steps: Vec<Step> = vec![
        Box::new(|ws| {
            let a = format!(
                "{}\nThe authority said 14 crew members were on board.\n",
                FERRY[0].1
            );
            std::fs::write(ws.join("a.txt"), a).unwrap();
        }),
        Box::new(|ws| std::fs::remove_file(ws.join("d.txt")).unwrap()),
        Box::new(|ws| {
            std::fs::write(
                ws.join("e.txt"),
                "Linmouth ferry to return\n\nThe ferry will carry about 1,500 passengers a \
                 day when it returns, officials said.\n",
            )
            .unwrap()
        }),
        Box::new(|ws| std::fs::write(ws.join("b.txt"), [0xff, 0xfe, 0x00, 0xd8]).unwrap()),
        Box::new(move |ws| std::fs::write(ws.join("b.txt"), &b).unwrap()),
    ];
    for (i, step) in steps.iter().enumerate() {
        step(ws);
        let fresh = check_json(ws, &["--no-index"]);
        assert_eq!(check_json(ws, &[]), fresh, "step {i}");
        assert_eq!(check_json(ws, &[]), fresh, "step {i}, unchanged");
    }
}

#[test]
fn no_index_and_disabled_index_write_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let ws = tmp.path();
    write_sources(ws, 2);
    factline(&["check", "--no-index", "."], ws);
    assert!(!ws.join(".factline").exists());
    std::fs::write(ws.join("factline.toml"), "[index]\nenabled = false\n").unwrap();
    factline(&["check", "."], ws);
    assert!(!ws.join(".factline").exists());
    // A path that leads out of the workspace is refused by the configuration.
    std::fs::write(
        ws.join("factline.toml"),
        "[index]\npath = \"../elsewhere\"\n",
    )
    .unwrap();
    let out = factline(&["check", "."], ws);
    assert!(String::from_utf8_lossy(&out.stderr).contains("index.path"));
    assert!(!tmp.path().join("../elsewhere").exists());
}

#[test]
fn an_unwritable_index_falls_back_to_memory_once() {
    let tmp = tempfile::tempdir().unwrap();
    let ws = tmp.path();
    write_sources(ws, 3);
    // `.factline` is a file: no index folder can be made there (this works
    // as root too, where permissions would not stop a write).
    std::fs::write(ws.join(".factline"), "not a folder").unwrap();
    let out = factline(&["check", "--format", "json", "."], ws);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.matches("on-disk index is not used").count(), 1, "{err}");
    let memory = factline(&["check", "--no-index", "--format", "json", "."], ws);
    assert_eq!(stdout(&out), stdout(&memory));
    assert_eq!(out.status.code(), memory.status.code());
}

#[cfg(unix)]
#[test]
fn a_killed_indexing_leaves_an_index_a_restart_completes() {
    use rusqlite::Connection;

    let tmp = tempfile::tempdir().unwrap();
    let ws = tmp.path();
    // Enough sources that indexing spans many committed batches.
    let total = 4 * factline::host::index::BATCH;
    write_sources(ws, total);
    let mut child = Command::new(env!("CARGO_BIN_EXE_factline"))
        .args(["index", "--quiet", "."])
        .current_dir(ws)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let db = ws.join(".factline/index.sqlite3");
    let count = |db: &Path| -> Option<usize> {
        let conn = Connection::open(db).ok()?;
        conn.busy_timeout(std::time::Duration::from_secs(30)).ok()?;
        conn.query_row("SELECT count(*) FROM sources", [], |r| r.get::<_, i64>(0))
            .ok()
            .map(|n| n as usize)
    };
    // Wait for the first committed batch, then kill the process outright.
    let committed = loop {
        if let Ok(Some(status)) = child.try_wait() {
            panic!("indexing ended ({status}) before it could be interrupted");
        }
        if db.is_file()
            && let Some(n) = count(&db)
            && n > 0
        {
            break n;
        }
        // Polled, not timed: the wait ends on the commit, however long it takes.
        std::thread::sleep(std::time::Duration::from_millis(10));
    };
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    assert!(committed < total, "killed mid-way ({committed} of {total})");

    // The file is intact and holds whole batches only.
    let conn = Connection::open(&db).unwrap();
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    drop(conn);
    let kept = count(&db).unwrap();
    assert!(kept >= committed && kept < total, "{kept} of {total}");
    assert_eq!(kept % factline::host::index::BATCH, 0, "{kept}");

    // A restart analyses only what was not committed, and the result is
    // the index a full run makes.
    let out = stdout(&factline(&["index", "."], ws));
    assert!(
        out.contains(&format!(
            "{} added, 0 updated, 0 removed, {kept} unchanged",
            total - kept
        )),
        "{out}"
    );
    assert_eq!(count(&db), Some(total));
    let indexed = factline(&["check", "--format", "json", "."], ws);
    let memory = factline(&["check", "--no-index", "--format", "json", "."], ws);
    assert_eq!(stdout(&indexed), stdout(&memory));
}

/// Stores `text` as the file `name` under `dir` (written to disk too: the
/// index reads a proposed source's text back from its file).
fn stored(dir: &Path, name: &str, text: &str) -> (factline::host::store::Entry, Vec<u8>) {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    let key = factline::host::index::key_of(&path);
    let doc = analyse(&key, text);
    let entry = factline::host::store::Entry {
        key,
        size: text.len() as u64,
        mtime_ns: 0,
        hash: text_hash(text.as_bytes()),
        settings: 0,
    };
    (entry, postcard::to_stdvec(&doc).unwrap())
}

/// The index's key frequencies are those a recount of `texts`' passages
/// gives, and its number of passages theirs.
fn frequencies_match(store: &factline::host::SqliteStore, texts: &[&str]) {
    use factline::host::Archive;
    let mut counts: std::collections::HashMap<i64, i32> = Default::default();
    let mut passages = 0;
    for (i, t) in texts.iter().enumerate() {
        let doc = analyse(&format!("r{i}.txt"), t);
        for (_, keys) in factline::host::archive::passage_keys(&doc) {
            passages += 1;
            for k in keys {
                *counts.entry(k).or_insert(0) += 1;
            }
        }
    }
    let mut all: Vec<i64> = counts.keys().copied().collect();
    // Keys of the first text, which may be gone: asked, never held.
    for (_, keys) in factline::host::archive::passage_keys(&analyse("t0.txt", TEXTS[0])) {
        all.extend(keys);
    }
    all.sort_unstable();
    all.dedup();
    let (df, stored) = store.frequencies(&all).unwrap();
    assert_eq!(df, counts);
    assert_eq!(stored, passages);
}

/// The index answers the archive seam as the desk-wide store does: the
/// stored sources related to a draft are proposed and the unrelated one
/// is not, and its postings, once kept, follow a replaced and a removed
/// source.
#[test]
fn the_index_proposes_related_sources_and_keeps_its_postings() {
    use factline::host::{Archive, Store};
    let dir = tempfile::tempdir().unwrap();
    let store = factline::host::SqliteStore::open(&dir.path().join(".factline")).unwrap();
    let unrelated = "Orchard harvest\n\nGrowers near Pellam picked a record crop of russet \
                     apples this autumn, packers reported.\n";
    let puts = vec![
        stored(dir.path(), "a.txt", TEXTS[0]),
        stored(dir.path(), "b.txt", TEXTS[1]),
        stored(dir.path(), "c.txt", unrelated),
    ];
    let keys: Vec<String> = puts.iter().map(|(e, _)| e.key.clone()).collect();
    store.commit(&puts, &[]).unwrap();
    // A new index keeps no postings (a folder held whole never reads
    // them); turned on, they are built from what it holds, and kept by
    // every commit after.
    assert!(!store.keeps_postings().unwrap());
    frequencies_match(&store, &[]);
    store.keep_postings().unwrap();
    assert!(store.keeps_postings().unwrap());
    frequencies_match(&store, &[TEXTS[0], TEXTS[1], unrelated]);
    store.keep_postings().unwrap();
    frequencies_match(&store, &[TEXTS[0], TEXTS[1], unrelated]);

    let draft = analyse(
        "draft.txt",
        "Draft\n\nInspectors found cracks in the Kestrel Bay bridge, which was closed \
         on 3 March 2024, the transport office said.\n",
    );
    let proposed = store
        .related_documents(&[&draft], &|_| false, &|k| DocId::new(k))
        .unwrap();
    let ids: Vec<&str> = proposed.iter().map(|d| d.id.as_str()).collect();
    assert!(ids.contains(&keys[0].as_str()), "{ids:?}");
    assert!(ids.contains(&keys[1].as_str()), "{ids:?}");
    assert!(!ids.contains(&keys[2].as_str()), "{ids:?}");
    // What it gives back is the stored analysis of the file's text.
    assert_eq!(&*proposed[0].text, TEXTS[0]);
    // A source whose file changed since it was stored is not given back.
    std::fs::write(dir.path().join("b.txt"), "Changed since.\n").unwrap();
    let skip_a = |k: &str| k == keys[0];
    let proposed = store
        .related_documents(&[&draft], &skip_a, &|k| DocId::new(k))
        .unwrap();
    assert!(proposed.is_empty(), "{proposed:?}");

    // b replaced by the Spanish story, a removed.
    let replaced = stored(dir.path(), "b.txt", TEXTS[2]);
    store.commit(&[replaced], &[keys[0].clone()]).unwrap();
    frequencies_match(&store, &[TEXTS[2], unrelated]);
    // Reopened, the same.
    drop(store);
    let store = factline::host::SqliteStore::open(&dir.path().join(".factline")).unwrap();
    frequencies_match(&store, &[TEXTS[2], unrelated]);
}

/// `factline index` on a folder past `index.lazy_above` leaves the index
/// ready to be read lazily: its postings are kept, and hold every passage
/// of its sources; under the limit it keeps none.
#[test]
fn index_keeps_postings_only_past_lazy_above() {
    use factline::host::Archive;
    let tmp = tempfile::tempdir().unwrap();
    let ws = tmp.path();
    write_sources(ws, 5);
    assert!(factline(&["index", "-q", "."], ws).status.success());
    let store = factline::host::SqliteStore::open(&ws.join(".factline")).unwrap();
    assert!(!store.keeps_postings().unwrap());
    drop(store);
    std::fs::write(ws.join("factline.toml"), "[index]\nlazy_above = 2\n").unwrap();
    assert!(factline(&["index", "-q", "."], ws).status.success());
    let store = factline::host::SqliteStore::open(&ws.join(".factline")).unwrap();
    assert!(store.keeps_postings().unwrap());
    let (_, passages) = store.frequencies(&[]).unwrap();
    let expected: i64 = std::fs::read_dir(ws)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            factline::host::archive::passage_keys(&analyse("x.txt", &text)).len() as i64
        })
        .sum();
    assert!(expected > 0);
    assert_eq!(passages, expected);
}
