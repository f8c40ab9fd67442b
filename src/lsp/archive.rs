//! Archives in the server: the desk-wide store (`store = "postgres://…"`)
//! and, for a workspace read lazily (more sources than
//! `index.lazy_above`), the workspace's own on-disk index. The archive's
//! documents related to the open documents are kept in the corpus, so
//! related passages, figure mentions and corroboration come from the
//! whole archive while the corpus holds only what the open documents
//! reach. The workspace's sources are published to the desk-wide store
//! after each indexing.
//!
//! One watcher thread per server and archive ([`Source`]) fetches the
//! related documents through the [`Archive`] seam when the open
//! documents change, when indexing ends or a file changes ([`poke`]),
//! and, for the desk-wide store, when another process commits sources
//! (`LISTEN` on [`crate::host::postgres::CHANNEL`]); then it asks for the
//! open documents to be re-checked. It holds the state weakly and ends
//! with the server or when the configuration no longer names its archive.
//! The stores' clients are blocking: everything here runs on its own
//! threads, never on the async runtime's.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, Weak};
use std::time::Duration;

use postgres::fallible_iterator::FallibleIterator;

use super::state::{State, id_path, lock, path_id, read, write};
use crate::analysis::{DocAnalysis, DocId, corpus::facts_key};
use crate::host::{self, Archive, PgStore};

/// How long the watcher waits for a notification before looking at the
/// open documents again: an edit is answered from the archive within
/// about this long. Short enough to follow typing pauses, long enough
/// that an idle server sends a query a second at most (and then only if
/// the open documents changed).
const WAKE: Duration = Duration::from_millis(500);

/// What a watcher reads its related documents from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// The desk-wide store at this URL.
    Store(String),
    /// The workspace's on-disk index in this folder, read lazily.
    Index(PathBuf),
}

impl Source {
    /// Whether `state`'s configuration still names this archive.
    fn wanted(&self, state: &State) -> bool {
        match self {
            Source::Store(url) => read(&state.config).config.store.as_deref() == Some(url),
            Source::Index(dir) => read(&state.lazy_index).as_ref() == Some(dir),
        }
    }

    fn describe(&self) -> String {
        match self {
            Source::Store(url) => format!("the store {}", host::postgres::redact(url)),
            Source::Index(dir) => format!("the index in {}", dir.display()),
        }
    }
}

/// A watcher running: its server's state, its archive and its request to
/// fetch again ([`poke`]).
type Running = (Weak<State>, Source, Arc<AtomicBool>);

/// The watchers running.
static RUNNING: Mutex<Vec<Running>> = Mutex::new(Vec::new());

/// Starts the watcher of `state` for the store at `url` unless one runs.
pub fn ensure_watching(state: &Arc<State>, url: &str) {
    ensure(state, Source::Store(url.to_string()));
}

/// Starts the watcher of `state` for its on-disk index in `dir` (a
/// workspace read lazily) unless one runs; one that runs fetches again.
pub fn ensure_watching_index(state: &Arc<State>, dir: PathBuf) {
    ensure(state, Source::Index(dir));
}

/// Asks every watcher of `state` to fetch again (the workspace's files
/// changed: a related document may have come or gone).
pub fn poke(state: &State) {
    let running = RUNNING.lock().unwrap_or_else(|e| e.into_inner());
    for (s, _, again) in running.iter() {
        if std::ptr::eq(s.as_ptr(), state) {
            again.store(true, Ordering::SeqCst);
        }
    }
}

fn ensure(state: &Arc<State>, source: Source) {
    let again = Arc::new(AtomicBool::new(false));
    {
        let mut running = RUNNING.lock().unwrap_or_else(|e| e.into_inner());
        running.retain(|(s, _, _)| s.strong_count() > 0);
        if let Some((_, _, flag)) = running
            .iter()
            .find(|(s, src, _)| src == &source && std::ptr::eq(s.as_ptr(), Arc::as_ptr(state)))
        {
            flag.store(true, Ordering::SeqCst);
            return;
        }
        running.push((Arc::downgrade(state), source.clone(), again.clone()));
    }
    let weak = Arc::downgrade(state);
    let spawned = std::thread::Builder::new()
        .name("factline-archive".into())
        .spawn(move || {
            if let Err(e) = watch(&weak, &source, &again) {
                tracing::warn!("{}: {e}", source.describe());
            }
            let mut running = RUNNING.lock().unwrap_or_else(|e| e.into_inner());
            running.retain(|(s, src, _)| !(src == &source && s.ptr_eq(&weak)));
            drop(running);
            // What it fetched is no longer its to keep or drop.
            let mut fetched = FETCHED.lock().unwrap_or_else(|e| e.into_inner());
            fetched.retain(|(s, src, _)| !(src == &source && s.ptr_eq(&weak)));
        });
    if let Err(e) = spawned {
        tracing::warn!("cannot start the archive's watcher: {e}");
    }
}

/// Publishes the workspace's sources (the corpus's documents that are
/// files, not open in the editor, not fetched from the archive) to the
/// store; unchanged ones are not sent. Blocking.
pub fn publish_workspace(state: &State, store: &PgStore) -> Result<host::Stats, String> {
    let settings = state.settings();
    let fingerprint = host::index::settings_fingerprint(&settings);
    let mut publisher = host::postgres::Publisher::new(store, fingerprint)
        .map_err(|e| format!("the store {}: {e}", store.location()))?;
    let fetched = fetched_ids(state);
    let docs: Vec<(PathBuf, Option<Arc<DocAnalysis>>)> = {
        let open = lock(&state.open);
        let corpus = read(&state.corpus);
        corpus
            .docs()
            .filter(|d| !open.contains_key(&d.id) && !fetched.contains(&d.id))
            .filter_map(|d| Some((id_path(&d.id)?, Some(d.clone()))))
            .collect()
    };
    let mut stats = host::Stats::default();
    for chunk in docs.chunks(host::index::BATCH) {
        publisher
            .publish(chunk, &mut stats)
            .map_err(|e| format!("the store {}: {e}", store.location()))?;
    }
    Ok(stats)
}

/// The ids of the documents the watchers fetched from the archive (they
/// are not the workspace's, and are never published back).
fn fetched_ids(state: &State) -> HashSet<DocId> {
    let fetched = FETCHED.lock().unwrap_or_else(|e| e.into_inner());
    fetched
        .iter()
        .filter(|(s, _, _)| std::ptr::eq(s.as_ptr(), state))
        .flat_map(|(_, _, ids)| ids.keys().cloned())
        .collect()
}

/// Per server state and archive, the archive documents it holds and
/// their text hash.
#[allow(clippy::type_complexity)]
static FETCHED: Mutex<Vec<(Weak<State>, Source, HashMap<DocId, u64>)>> = Mutex::new(Vec::new());

fn watch(weak: &Weak<State>, source: &Source, again: &AtomicBool) -> Result<(), String> {
    match source {
        Source::Store(url) => {
            let store = PgStore::connect(url).map_err(|e| e.to_string())?;
            let mut listener =
                postgres::Client::connect(url, postgres::NoTls).map_err(|e| e.to_string())?;
            listener
                .batch_execute(&format!("LISTEN {}", host::postgres::CHANNEL))
                .map_err(|e| e.to_string())?;
            follow(weak, source, &store, again, &mut || {
                let mut n = listener.notifications();
                let got = n
                    .timeout_iter(WAKE)
                    .next()
                    .map_err(|e| e.to_string())?
                    .is_some();
                // Several commits at once are one fetch: the pending ones
                // are read without waiting.
                while got && n.iter().next().map_err(|e| e.to_string())?.is_some() {}
                Ok(got)
            })
        }
        Source::Index(dir) => {
            // A connection of its own: the index's readers never wait for
            // the indexing's writes (write-ahead log).
            let max = weak
                .upgrade()
                .map_or(crate::config::DEFAULT_MAX_FILE_BYTES, |s| {
                    s.max_file_bytes()
                });
            let store = host::SqliteStore::open(dir)
                .map_err(|e| e.to_string())?
                .with_max_bytes(max);
            // The workspace's own files change through the server, which
            // pokes the watcher: nothing else to listen to.
            follow(weak, source, &store, again, &mut || {
                std::thread::sleep(WAKE);
                Ok(false)
            })
        }
    }
}

/// The watcher's loop: fetches when `wait` says the archive changed, when
/// poked, or when the open documents' facts changed.
fn follow(
    weak: &Weak<State>,
    source: &Source,
    archive: &dyn Archive,
    again: &AtomicBool,
    wait: &mut dyn FnMut() -> Result<bool, String>,
) -> Result<(), String> {
    let mut last: Option<u64> = None;
    let mut notified = true;
    loop {
        let Some(state) = weak.upgrade() else {
            return Ok(());
        };
        if !source.wanted(&state) {
            return Ok(());
        }
        let (queries, key) = open_queries(&state);
        let poked = again.swap(false, Ordering::SeqCst);
        if notified || poked || last != Some(key) {
            last = Some(key);
            if let Err(e) = refresh(&state, weak, source, archive, &queries) {
                // Said, and asked again at the next change.
                tracing::warn!("{}: {e}", source.describe());
                last = None;
            }
        }
        drop(state);
        notified = wait()?;
    }
}

/// The analyses of the open documents, and a key that changes when what
/// the archive is asked for them changes.
fn open_queries(state: &State) -> (Vec<Arc<DocAnalysis>>, u64) {
    let ids: Vec<DocId> = lock(&state.open).keys().cloned().collect();
    let corpus = read(&state.corpus);
    let mut docs: Vec<Arc<DocAnalysis>> = ids
        .iter()
        .filter_map(|id| corpus.get(id).cloned())
        .collect();
    docs.sort_by(|a, b| a.id.as_str().cmp(b.id.as_str()));
    let mut text = String::new();
    for d in &docs {
        text.push_str(d.id.as_str());
        text.push_str(&facts_key(d).to_string());
        text.push('\u{1e}');
    }
    (docs, host::store::text_hash(text.as_bytes()))
}

/// Fetches the archive's documents related to `queries` into the corpus
/// (new or changed ones only) and asks for a re-check if any came.
fn refresh(
    state: &Arc<State>,
    weak: &Weak<State>,
    source: &Source,
    archive: &dyn Archive,
    queries: &[Arc<DocAnalysis>],
) -> Result<(), String> {
    if queries.is_empty() {
        return Ok(());
    }
    let fetched = fetched_ids(state);
    let refs: Vec<&DocAnalysis> = queries.iter().map(|d| &**d).collect();
    // The workspace's own sources (and the open documents) are in the
    // corpus already: not fetched back.
    let local: HashSet<String> = {
        let corpus = read(&state.corpus);
        corpus
            .docs()
            .filter(|d| !fetched.contains(&d.id))
            .filter_map(|d| id_path(&d.id))
            .map(|p| host::index::key_of(&p))
            .collect()
    };
    let docs = archive
        .related_documents(&refs, &|key| local.contains(key), &|key| {
            path_id(std::path::Path::new(key)).unwrap_or_else(|| DocId::new(key))
        })
        .map_err(|e| e.to_string())?;
    // Indexing drops documents that are not the workspace's files: those
    // are fetched again.
    let missing: HashSet<DocId> = {
        let corpus = read(&state.corpus);
        docs.iter()
            .filter(|d| !corpus.contains(&d.id))
            .map(|d| d.id.clone())
            .collect()
    };
    let mut registry = FETCHED.lock().unwrap_or_else(|e| e.into_inner());
    registry.retain(|(s, _, _)| s.strong_count() > 0);
    let held = match registry
        .iter_mut()
        .position(|(s, src, _)| s.ptr_eq(weak) && src == source)
    {
        Some(i) => &mut registry[i].2,
        None => {
            registry.push((weak.clone(), source.clone(), HashMap::new()));
            &mut registry.last_mut().expect("just pushed").2
        }
    };
    // What the open documents no longer reach leaves the corpus: the
    // archive's documents held are those related to what is open now
    // (at most the store's per-run bound), whatever the archive's size.
    let current: HashSet<&DocId> = docs.iter().map(|d| &d.id).collect();
    let stale: Vec<DocId> = held
        .keys()
        .filter(|id| !current.contains(id))
        .cloned()
        .collect();
    for id in &stale {
        held.remove(id);
    }
    let fresh: Vec<Arc<DocAnalysis>> = docs
        .into_iter()
        .filter(|d| {
            missing.contains(&d.id)
                || held.get(&d.id) != Some(&host::store::text_hash(d.text.as_bytes()))
        })
        .collect();
    if fresh.is_empty() && stale.is_empty() {
        return Ok(());
    }
    for d in &fresh {
        held.insert(d.id.clone(), host::store::text_hash(d.text.as_bytes()));
    }
    drop(registry);
    tracing::info!(
        "{} related sources fetched from {}, {} dropped",
        fresh.len(),
        source.describe(),
        stale.len()
    );
    {
        // Lock order: open before corpus. A document the editor opened
        // since it was fetched is the editor's now.
        let open = lock(&state.open);
        let mut corpus = write(&state.corpus);
        for id in stale.iter().filter(|id| !open.contains_key(*id)) {
            corpus.remove(id);
        }
        corpus.upsert_many(fresh);
    }
    state.scheduler.refresh_all();
    Ok(())
}
