//! The desk-wide store in the server (`store = "postgres://…"`): the
//! workspace's sources are published to it after each indexing, and the
//! archive's documents related to the open documents are kept in the
//! corpus beside the workspace's, so related passages, figure mentions and
//! corroboration come from the whole archive.
//!
//! One watcher thread per server and store URL fetches the related
//! documents when the open documents change and when another process
//! commits sources (`LISTEN` on [`crate::host::postgres::CHANNEL`]), then
//! asks for the open documents to be re-checked. It holds the state
//! weakly and ends with the server or when the configuration names
//! another store. The `postgres` client is blocking: everything here runs
//! on its own threads, never on the async runtime's.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, Weak};
use std::time::Duration;

use postgres::fallible_iterator::FallibleIterator;

use super::state::{State, id_path, lock, path_id, read, write};
use crate::analysis::{DocAnalysis, DocId, corpus::facts_key};
use crate::host::{self, PgStore};

/// How long the watcher waits for a notification before looking at the
/// open documents again: an edit is answered from the archive within
/// about this long. Short enough to follow typing pauses, long enough
/// that an idle server sends a query a second at most (and then only if
/// the open documents changed).
const WAKE: Duration = Duration::from_millis(500);

/// The watchers running, by server state and URL.
static RUNNING: Mutex<Vec<(Weak<State>, String)>> = Mutex::new(Vec::new());

/// Starts the watcher of `state` for `url` unless one runs.
pub fn ensure_watching(state: &Arc<State>, url: &str) {
    {
        let mut running = RUNNING.lock().unwrap_or_else(|e| e.into_inner());
        running.retain(|(s, _)| s.strong_count() > 0);
        if running
            .iter()
            .any(|(s, u)| u == url && std::ptr::eq(s.as_ptr(), Arc::as_ptr(state)))
        {
            return;
        }
        running.push((Arc::downgrade(state), url.to_string()));
    }
    let weak = Arc::downgrade(state);
    let url = url.to_string();
    let spawned = std::thread::Builder::new()
        .name("factline-archive".into())
        .spawn(move || {
            if let Err(e) = watch(&weak, &url) {
                tracing::warn!("the store {}: {e}", host::postgres::redact(&url));
            }
            let mut running = RUNNING.lock().unwrap_or_else(|e| e.into_inner());
            running.retain(|(s, u)| !(u == &url && s.ptr_eq(&weak)));
        });
    if let Err(e) = spawned {
        tracing::warn!("cannot start the store's watcher: {e}");
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
        .filter(|(s, _)| std::ptr::eq(s.as_ptr(), state))
        .flat_map(|(_, ids)| ids.keys().cloned())
        .collect()
}

/// Per server state, the archive documents it holds and their text hash.
#[allow(clippy::type_complexity)]
static FETCHED: Mutex<Vec<(Weak<State>, HashMap<DocId, u64>)>> = Mutex::new(Vec::new());

fn watch(weak: &Weak<State>, url: &str) -> Result<(), String> {
    let store = PgStore::connect(url).map_err(|e| e.to_string())?;
    let mut listener =
        postgres::Client::connect(url, postgres::NoTls).map_err(|e| e.to_string())?;
    listener
        .batch_execute(&format!("LISTEN {}", host::postgres::CHANNEL))
        .map_err(|e| e.to_string())?;
    let mut last: Option<u64> = None;
    let mut notified = true;
    loop {
        let Some(state) = weak.upgrade() else {
            return Ok(());
        };
        if read(&state.config).config.store.as_deref() != Some(url) {
            return Ok(());
        }
        let (queries, key) = open_queries(&state);
        if notified || last != Some(key) {
            last = Some(key);
            refresh(&state, weak, &store, &queries)?;
        }
        drop(state);
        notified = {
            let mut n = listener.notifications();
            let got = n
                .timeout_iter(WAKE)
                .next()
                .map_err(|e| e.to_string())?
                .is_some();
            // Several commits at once are one fetch: the pending ones are
            // read without waiting.
            while got && n.iter().next().map_err(|e| e.to_string())?.is_some() {}
            got
        };
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
    store: &PgStore,
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
    let docs = store
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
    registry.retain(|(s, _)| s.strong_count() > 0);
    let held = match registry.iter_mut().position(|(s, _)| s.ptr_eq(weak)) {
        Some(i) => &mut registry[i].1,
        None => {
            registry.push((weak.clone(), HashMap::new()));
            &mut registry.last_mut().expect("just pushed").1
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
        "{} related sources fetched from the store, {} dropped",
        fresh.len(),
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
