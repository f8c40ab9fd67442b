//! Loading sources through the on-disk index: each file is read, and its
//! analysis taken from the [`Store`] when the text (by hash) and the
//! settings that shape the analysis are the ones it was computed from;
//! otherwise it is analysed and stored. Files are handled in batches: a
//! batch's new analyses are committed in one transaction, on a thread of
//! its own while the next batch is read and analysed (a commit waits on
//! the disk, the analysis on the processor), so a process killed mid-way
//! keeps every batch committed before and loses only the one being
//! committed and the one being analysed. Commits are made in order, and
//! [`Loader::load`] returns once the last has ended.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::UNIX_EPOCH;

use rayon::prelude::*;

use super::store::{Entry, Store, text_hash};
use crate::analysis::{self, DocAnalysis, DocId, Settings};
use crate::workspace::{self, SourceError};

/// Files read, analysed and stored together. Large enough that a
/// transaction's cost is spread over many files and both cores stay busy,
/// small enough that a killed process loses little work and a batch's
/// encoded analyses stay a few megabytes in memory.
pub const BATCH: usize = 256;

/// What loading did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    /// Analysed and stored for the first time.
    pub added: usize,
    /// Analysed again (the text or the settings changed).
    pub updated: usize,
    /// Read from the index.
    pub unchanged: usize,
    /// Stored entries dropped because their file is gone.
    pub removed: usize,
    /// Files that could not be read (too large, not text, …).
    pub unreadable: usize,
}

/// A hash of the settings that change what the analysis computes (the
/// boilerplate patterns); other settings only filter findings.
pub fn settings_fingerprint(settings: &Settings) -> u64 {
    let mut text = String::new();
    for (name, list) in [
        ("extra", &settings.boilerplate.extra_patterns),
        ("allow", &settings.boilerplate.allow),
    ] {
        text.push_str(name);
        for r in list {
            text.push('\u{1f}');
            text.push_str(r.as_str());
        }
        text.push('\u{1e}');
    }
    text_hash(text.as_bytes())
}

/// The key of a file in the index: its absolute path, `.` and `..`
/// removed (however the file was named on the command line).
pub fn key_of(path: &Path) -> String {
    crate::paths::lexical(path).display().to_string()
}

/// Reads and analyses sources, through a store when there is one.
pub struct Loader<'a> {
    pub settings: &'a Settings,
    pub max_bytes: u64,
    pub store: Option<&'a dyn Store>,
    /// Problems of the store (it failed part-way): said once, then the
    /// loader goes on without it.
    store_failed: std::sync::Mutex<Option<String>>,
    /// Whether to keep the stored analyses that loading replaces
    /// ([`Loader::keep_replaced`]), and those kept.
    keep_replaced: bool,
    replaced: std::sync::Mutex<HashMap<String, (Entry, Vec<u8>)>>,
    /// Whether [`Loader::load_changed`] runs: a source whose stored
    /// analysis is valid is neither fetched nor decoded.
    lazy: bool,
    /// The store's entries read once by the caller
    /// ([`Loader::with_entries`]), else read at each load.
    entries: Option<Arc<HashMap<String, Entry>>>,
}

/// One file's outcome.
pub type Loaded = Result<Arc<DocAnalysis>, SourceError>;

impl<'a> Loader<'a> {
    pub fn new(settings: &'a Settings, max_bytes: u64, store: Option<&'a dyn Store>) -> Self {
        Self {
            settings,
            max_bytes,
            store,
            store_failed: Default::default(),
            keep_replaced: false,
            replaced: Default::default(),
            lazy: false,
            entries: None,
        }
    }

    /// Loads against `entries`, the store's entries read once by a caller
    /// that loads a folder in several calls (the server's indexing, a
    /// batch at a time), instead of reading them again at each call: at
    /// 100,000 sources that read is a table scan per batch.
    pub fn with_entries(mut self, entries: Arc<HashMap<String, Entry>>) -> Self {
        self.entries = Some(entries);
        self
    }

    /// Keeps, for [`Loader::replaced`], the stored analysis of each source
    /// whose text changed (or can no longer be read), read before loading
    /// replaces it: what a check needs to tell which other documents the
    /// change reaches.
    pub fn keep_replaced(mut self) -> Self {
        self.keep_replaced = true;
        self
    }

    /// The stored entries and encoded analyses that loading replaced (see
    /// [`Loader::keep_replaced`]), by key.
    pub fn replaced(&self) -> HashMap<String, (Entry, Vec<u8>)> {
        std::mem::take(&mut *self.replaced.lock().unwrap_or_else(|e| e.into_inner()))
    }

    /// Why the store stopped being used during loading, if it did.
    pub fn store_problem(&self) -> Option<String> {
        self.store_failed
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    fn store(&self) -> Option<&'a dyn Store> {
        let failed = self
            .store_failed
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .is_some();
        if failed { None } else { self.store }
    }

    fn fail(&self, err: impl std::fmt::Display) {
        let mut slot = self.store_failed.lock().unwrap_or_else(|e| e.into_inner());
        if slot.is_none() {
            *slot = Some(err.to_string());
        }
    }

    /// Reads and analyses `files` (each with the id it is known by), in
    /// order, calling `progress` with the number of files done after each
    /// batch. Stored entries of files that no longer exist are dropped
    /// when `prune` is set.
    pub fn load(
        &self,
        files: &[(PathBuf, DocId)],
        prune: bool,
        progress: &(dyn Fn(usize) + Sync),
    ) -> (Vec<Loaded>, Stats) {
        let (loaded, stats) = self.load_each(files, prune, progress);
        let loaded = loaded
            .into_iter()
            .map(|l| {
                // Only a lazy load leaves a source out.
                l.unwrap_or_else(|| {
                    Err(SourceError::Io(std::io::Error::other(
                        "its stored analysis was not read",
                    )))
                })
            })
            .collect();
        (loaded, stats)
    }

    /// [`Loader::load`] that reads only what changed: a source whose
    /// stored analysis is still valid gives `None` (its analysis stays in
    /// the store, unread); the others are analysed and stored as by
    /// [`Loader::load`]. Without a store every source is analysed. Also
    /// returns why the store stopped being used, if it did (the sources
    /// after that are analysed and not stored).
    pub fn load_changed(
        mut self,
        files: &[(PathBuf, DocId)],
        prune: bool,
        progress: &(dyn Fn(usize) + Sync),
    ) -> (Vec<Option<Loaded>>, Stats, Option<String>) {
        self.lazy = true;
        let (loaded, stats) = self.load_each(files, prune, progress);
        (loaded, stats, self.store_problem())
    }

    fn load_each(
        &self,
        files: &[(PathBuf, DocId)],
        prune: bool,
        progress: &(dyn Fn(usize) + Sync),
    ) -> (Vec<Option<Loaded>>, Stats) {
        let entries: Arc<HashMap<String, Entry>> = match (self.store(), &self.entries) {
            (None, _) => Arc::default(),
            (Some(_), Some(e)) => e.clone(),
            (Some(s), None) => match s.entries() {
                Ok(e) => Arc::new(e),
                Err(err) => {
                    self.fail(err);
                    Arc::default()
                }
            },
        };
        let fingerprint = settings_fingerprint(self.settings);
        let mut out = Vec::with_capacity(files.len());
        let mut stats = Stats::default();
        let mut seen: HashSet<String> = HashSet::with_capacity(files.len());
        std::thread::scope(|scope| {
            // The commit under way, of the batch before the one analysed.
            let mut committing: Option<std::thread::ScopedJoinHandle<'_, ()>> = None;
            for batch in files.chunks(BATCH) {
                let (loaded, batch_stats, put) =
                    self.batch(batch, &entries, fingerprint, &mut seen);
                if let Some(previous) = committing.take() {
                    self.wait_commit(previous);
                }
                if let Some(store) = self.store()
                    && !put.is_empty()
                {
                    committing = Some(scope.spawn(move || {
                        if let Err(err) = store.commit(&put, &[]) {
                            self.fail(err);
                        }
                    }));
                }
                out.extend(loaded);
                stats.added += batch_stats.added;
                stats.updated += batch_stats.updated;
                stats.unchanged += batch_stats.unchanged;
                stats.unreadable += batch_stats.unreadable;
                progress(out.len());
            }
            if let Some(last) = committing {
                self.wait_commit(last);
            }
        });
        if prune && let Some(store) = self.store() {
            match prune_missing(store, &entries, &seen) {
                Ok(n) => stats.removed = n,
                Err(err) => self.fail(err),
            }
        }
        (out, stats)
    }

    /// Waits for a commit made by [`Loader::load`]; one that panicked is
    /// the store's failure.
    fn wait_commit(&self, commit: std::thread::ScopedJoinHandle<'_, ()>) {
        if commit.join().is_err() {
            self.fail("writing a batch to the index failed");
        }
    }

    /// Reads and analyses one batch; returns what was loaded, what
    /// happened and the new analyses to store (which the caller commits).
    fn batch(
        &self,
        batch: &[(PathBuf, DocId)],
        entries: &HashMap<String, Entry>,
        fingerprint: u64,
        seen: &mut HashSet<String>,
    ) -> (Vec<Option<Loaded>>, Stats, Vec<Put>) {
        let store = self.store();
        // Read every file of the batch and say what it is now.
        let read: Vec<(Result<String, SourceError>, Entry)> = batch
            .par_iter()
            .map(|(path, _)| {
                let text = workspace::read_source(path, self.max_bytes);
                let (size, mtime_ns) = stamp(path);
                let hash = text.as_ref().map_or(0, |t| text_hash(t.as_bytes()));
                let entry = Entry {
                    key: key_of(path),
                    size,
                    mtime_ns,
                    hash,
                    settings: fingerprint,
                };
                (text, entry)
            })
            .collect();
        seen.extend(read.iter().map(|(_, e)| e.key.clone()));
        // The stored analyses still valid, fetched in one read.
        let valid: Vec<&str> = read
            .iter()
            .filter(|(text, e)| {
                text.is_ok()
                    && entries
                        .get(&e.key)
                        .is_some_and(|s| s.hash == e.hash && s.settings == e.settings)
            })
            .map(|(_, e)| e.key.as_str())
            .collect();
        // Nothing to fetch is not asked for: the store may be busy with
        // the previous batch's commit.
        let lazy = self.lazy && store.is_some();
        let stored_valid: HashSet<String> = if lazy {
            valid.iter().map(|k| k.to_string()).collect()
        } else {
            HashSet::new()
        };
        let mut blobs = match store
            .filter(|_| !valid.is_empty() && !lazy)
            .map(|s| s.analyses(&valid))
        {
            Some(Ok(b)) => b,
            Some(Err(err)) => {
                self.fail(err);
                HashMap::new()
            }
            None => HashMap::new(),
        };
        if self.keep_replaced
            && let Some(store) = store
        {
            let changed: Vec<&str> = read
                .iter()
                .filter(|(text, e)| {
                    entries
                        .get(&e.key)
                        .is_some_and(|s| text.is_err() || s.hash != e.hash)
                })
                .map(|(_, e)| e.key.as_str())
                .collect();
            let old = if changed.is_empty() {
                Ok(HashMap::new())
            } else {
                store.analyses(&changed)
            };
            match old {
                Ok(old) => {
                    let mut kept = self.replaced.lock().unwrap_or_else(|e| e.into_inner());
                    for (key, blob) in old {
                        if let Some(entry) = entries.get(&key) {
                            kept.insert(key, (entry.clone(), blob));
                        }
                    }
                }
                Err(err) => self.fail(err),
            }
        }
        let work: Vec<_> = read
            .into_iter()
            .zip(batch)
            .map(|((text, entry), (_, id))| {
                let blob = blobs.remove(&entry.key);
                let stored = stored_valid.contains(&entry.key);
                (text, entry, blob, id.clone(), stored)
            })
            .collect();
        // Decode what is stored, analyse (and encode) the rest.
        let done: Vec<Done> = work
            .into_par_iter()
            .map(|(text, entry, blob, id, stored)| {
                if stored {
                    return (None, None, Outcome::Unchanged);
                }
                let text: Arc<str> = match text {
                    Ok(t) => Arc::from(t),
                    Err(e) => return (Some(Err(e)), None, Outcome::Unreadable),
                };
                if let Some(doc) = blob.and_then(|b| decode(&b, id.clone(), text.clone())) {
                    return (Some(Ok(Arc::new(doc))), None, Outcome::Unchanged);
                }
                let outcome = if entries.contains_key(&entry.key) {
                    Outcome::Updated
                } else {
                    Outcome::Added
                };
                let doc = analysis::analyze_document(id, text, self.settings);
                let put = store
                    .and_then(|_| postcard::to_stdvec(&doc).ok())
                    .map(|b| (entry, b));
                (Some(Ok(Arc::new(doc))), put, outcome)
            })
            .collect();
        let mut stats = Stats::default();
        let mut put = Vec::new();
        let mut loaded = Vec::with_capacity(done.len());
        for (doc, p, outcome) in done {
            match outcome {
                Outcome::Added => stats.added += 1,
                Outcome::Updated => stats.updated += 1,
                Outcome::Unchanged => stats.unchanged += 1,
                Outcome::Unreadable => stats.unreadable += 1,
            }
            put.extend(p);
            loaded.push(doc);
        }
        (loaded, stats, put)
    }
}

/// Drops the entries of `entries` (all of `store`'s when `None`) whose
/// file is gone, leaving those in `seen` (just loaded) alone. Returns how
/// many were dropped. Entries of files that exist but were not loaded
/// this time (another folder, an excluded file) are kept.
pub fn prune_missing(
    store: &dyn Store,
    entries: &HashMap<String, Entry>,
    seen: &HashSet<String>,
) -> Result<usize, super::store::StoreError> {
    let gone: Vec<String> = entries
        .keys()
        .filter(|k| !seen.contains(*k) && !Path::new(k).exists())
        .cloned()
        .collect();
    store.commit(&[], &gone)?;
    Ok(gone.len())
}

/// One file of a batch, done: its analysis (`None`: valid in the store and
/// not read, by [`Loader::load_changed`]), what to store, what happened.
type Done = (Option<Loaded>, Option<Put>, Outcome);

/// A new analysis to store: its entry and its encoding.
type Put = (Entry, Vec<u8>);

enum Outcome {
    Added,
    Updated,
    Unchanged,
    Unreadable,
}

/// A stored analysis given back its id and text; `None` if it cannot be
/// decoded (a damaged entry is analysed again, never trusted).
pub fn decode(blob: &[u8], id: DocId, text: Arc<str>) -> Option<DocAnalysis> {
    let doc: DocAnalysis = postcard::from_bytes(blob).ok()?;
    // An analysis whose offsets do not fit the text is not this text's.
    let fits = doc
        .segmentation
        .lines
        .last()
        .is_none_or(|l| l.span.end <= text.len());
    fits.then(|| doc.restore(id, text))
}

/// The size and modification time of `path` (zeros if unknown).
pub fn stamp(path: &Path) -> (u64, i64) {
    match std::fs::metadata(path) {
        Ok(m) => {
            let mtime = m
                .modified()
                .ok()
                .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos().min(i64::MAX as u128) as i64);
            (m.len(), mtime)
        }
        Err(_) => (0, 0),
    }
}
