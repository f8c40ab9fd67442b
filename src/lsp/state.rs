//! The server's state and its analysis engine.
//!
//! Locks are `std::sync` locks, held for short synchronous sections and never
//! across an `.await`. The edit path only touches [`State::open`]; analysis
//! runs on a blocking thread and takes the corpus lock there.
//!
//! Lock order, where two are held at once: `open`, then `skipped`, then
//! `results`, then `corpus`. Analysis copies what it needs from `open` first
//! and never takes it while holding another lock.

use std::collections::{HashMap, HashSet};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, RwLock, RwLockReadGuard, RwLockWriteGuard};

use serde_json::Value;
use tokio::sync::Notify;
use tower_lsp_server::ls_types::{Diagnostic, DiagnosticSeverity, NumberOrString, Uri};

use super::convert;
use crate::analysis::{
    self, Corpus, DocAnalysis, DocId, Finding, RuleScope, Settings, rules::UNREADABLE_FILE,
};
use crate::config::{Config, ConfigIssue};
use crate::document::{Document, PositionEncoding};
use crate::workspace;

/// Locks a mutex, recovering the data if a panicking thread poisoned it:
/// every critical section leaves the state consistent, so a panic elsewhere
/// must not take the whole server down.
pub fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

pub fn read<T>(m: &RwLock<T>) -> RwLockReadGuard<'_, T> {
    m.read().unwrap_or_else(|e| e.into_inner())
}

pub fn write<T>(m: &RwLock<T>) -> RwLockWriteGuard<'_, T> {
    m.write().unwrap_or_else(|e| e.into_inner())
}

/// What an edit replaced, sent to the thread that frees it.
enum Retired {
    Results(Vec<Results>),
    /// Answered once everything sent before it is freed.
    #[cfg(test)]
    Flush(std::sync::mpsc::Sender<()>),
    /// Frees nothing more until this is answered (or dropped).
    #[cfg(test)]
    Hold(std::sync::mpsc::Receiver<()>),
}

/// The thread that frees what an edit replaced (see [`release_later`]),
/// started on first use.
static RELEASE: std::sync::LazyLock<Mutex<Option<std::sync::mpsc::Sender<Retired>>>> =
    std::sync::LazyLock::new(|| {
        let (tx, rx) = std::sync::mpsc::channel::<Retired>();
        let started = std::thread::Builder::new()
            .name("factline-release".into())
            .spawn(move || {
                for retired in rx {
                    match retired {
                        Retired::Results(old) => drop(old),
                        #[cfg(test)]
                        Retired::Flush(done) => {
                            let _ = done.send(());
                        }
                        #[cfg(test)]
                        Retired::Hold(until) => {
                            let _ = until.recv();
                        }
                    }
                }
            });
        Mutex::new(started.ok().map(|_| tx))
    });

/// Frees the results an edit replaced (with their analysis, when the
/// corpus no longer holds it) after the diagnostics are out, on a thread
/// of its own: freeing a long draft's analysis (every passage, figure and
/// sentence's words, each its own allocation) took about a tenth of a
/// keystroke's CPU on a 1.9 MB draft, and the edit's answer need not wait
/// for it. Where no thread can be started, they are freed here.
fn release_later(old: Vec<Results>) {
    if old.is_empty() {
        return;
    }
    let sender = lock(&RELEASE).clone();
    if let Some(tx) = sender
        && let Err(std::sync::mpsc::SendError(Retired::Results(old))) =
            tx.send(Retired::Results(old))
    {
        drop(old);
    }
}

/// Waits until everything [`release_later`] was given before this call is
/// freed.
#[cfg(test)]
fn released() {
    let (tx, rx) = std::sync::mpsc::channel();
    let sender = lock(&RELEASE).clone();
    if let Some(release) = sender
        && release.send(Retired::Flush(tx)).is_ok()
    {
        let _ = rx.recv();
    }
}

/// Holds the release thread until the returned sender is dropped.
#[cfg(test)]
fn hold_release() -> std::sync::mpsc::Sender<()> {
    let (tx, rx) = std::sync::mpsc::channel();
    if let Some(release) = lock(&RELEASE).clone() {
        let _ = release.send(Retired::Hold(rx));
    }
    tx
}

/// A document the editor has open.
#[derive(Debug)]
pub struct OpenDoc {
    pub uri: Uri,
    pub doc: Document,
    pub version: i32,
}

/// The latest analysis of an open document.
#[derive(Debug)]
pub struct Results {
    pub version: i32,
    /// The text the analysis was made of, for position conversion.
    pub doc: Document,
    pub analysis: Option<Arc<DocAnalysis>>,
    /// Findings of the rules that read one document.
    pub local: Vec<Finding>,
    /// Findings of the rules that compare documents.
    pub cross: Vec<Finding>,
    /// The [`State::facts`] generation `cross` was checked at: older than
    /// the current one, the document waits for [`State::refresh_others`].
    pub cross_at: u64,
    /// [`analysis::corpus::facts_key`] of `analysis`, kept so that the next
    /// edit need not compute it again.
    pub facts: Option<u64>,
    /// Why the document is not analysed, if it is not.
    pub unreadable: Option<String>,
    /// What was last published, to skip republishing the same thing.
    pub published: Vec<Diagnostic>,
    /// A draft's verification at this version, once it has run (see
    /// `verify`).
    pub verified: Option<super::verify::Verified>,
    /// Until then, the last verification's findings moved onto this text.
    pub carried: Vec<Finding>,
}

impl Results {
    pub fn findings(&self) -> impl Iterator<Item = &Finding> {
        let verified: &[Finding] = match &self.verified {
            Some(v) if v.version == self.version => &v.findings,
            _ => &self.carried,
        };
        self.local.iter().chain(&self.cross).chain(verified)
    }

    /// The verification findings to show on `new_text` until the draft is
    /// verified again.
    fn carry(&self, new_text: &str) -> Vec<Finding> {
        match (&self.verified, &self.analysis) {
            (Some(v), Some(a)) => super::verify::carry_over(v, &a.text, new_text),
            _ => Vec::new(),
        }
    }
}

/// The configuration's sources and the result of layering them.
#[derive(Debug, Default)]
pub struct ConfigState {
    pub file: Option<PathBuf>,
    pub editor: Value,
    pub config: Config,
    pub settings: Arc<Settings>,
}

impl ConfigState {
    /// Rebuilds the configuration: defaults, then the file, then the editor.
    pub fn rebuild(&mut self) -> Vec<ConfigIssue> {
        let mut config = Config::default();
        let mut issues = Vec::new();
        if let Some(file) = &self.file
            && file.is_file()
        {
            issues.extend(config.apply_file(file));
        }
        issues.extend(config.apply_editor_settings(&self.editor, "editor settings"));
        self.settings = Arc::new(config.settings());
        self.config = config;
        issues
    }
}

/// Latest-wins scheduling: edits mark documents dirty and wake the worker.
#[derive(Debug, Default)]
pub struct Scheduler {
    dirty: Mutex<Vec<DocId>>,
    refresh_all: AtomicBool,
    pub notify: Notify,
    /// Counts the changes of the corpus or configuration that call for
    /// re-checking everything; pulled workspace diagnostics are made per
    /// generation.
    pub generation: AtomicU64,
    /// Woken at each new generation.
    pub changed: Notify,
}

impl Scheduler {
    /// Queues a document for analysis and wakes the worker.
    pub fn mark(&self, id: DocId) {
        {
            let mut dirty = lock(&self.dirty);
            if !dirty.contains(&id) {
                dirty.push(id);
            }
        }
        self.notify.notify_one();
    }

    /// Asks for every open document to be re-checked (the corpus or the
    /// configuration changed).
    pub fn refresh_all(&self) {
        self.refresh_all.store(true, Ordering::SeqCst);
        self.generation.fetch_add(1, Ordering::SeqCst);
        self.changed.notify_waiters();
        self.notify.notify_one();
    }

    /// Whether work is queued (a newer edit makes a running verification
    /// moot).
    pub fn pending(&self) -> bool {
        !lock(&self.dirty).is_empty() || self.refresh_all.load(Ordering::SeqCst)
    }

    /// Takes the queued work.
    pub fn take(&self) -> (Vec<DocId>, bool) {
        let dirty = std::mem::take(&mut *lock(&self.dirty));
        (dirty, self.refresh_all.swap(false, Ordering::SeqCst))
    }
}

/// Runs the rules, turning a panic in a rule into no findings (and a log
/// line) for this document only.
pub fn guarded_check(
    doc: &DocAnalysis,
    corpus: &Corpus,
    settings: &Settings,
    scope: RuleScope,
) -> Vec<Finding> {
    catch_unwind(AssertUnwindSafe(|| {
        analysis::check(doc, corpus, settings, scope)
    }))
    .unwrap_or_else(|_| {
        tracing::error!("a rule panicked on {}; its findings are dropped", doc.id);
        Vec::new()
    })
}

/// The document-only and the cross-document findings of `doc`, side by
/// side: the rules of the document on a thread of their own while the
/// figure comparison (which splits its figures over the rayon pool) runs
/// here. A scoped thread rather than the pool, so that each check still
/// runs as a document's own, not as part of a batch.
fn check_both(
    doc: &DocAnalysis,
    corpus: &Corpus,
    settings: &Settings,
) -> (Vec<Finding>, Vec<Finding>) {
    let local = || guarded_check(doc, corpus, settings, RuleScope::DocumentOnly);
    std::thread::scope(|s| {
        // Where no thread can be started, one after the other.
        let beside = std::thread::Builder::new().spawn_scoped(s, local).ok();
        let cross = guarded_check(doc, corpus, settings, RuleScope::CrossDocument);
        // `guarded_check` does not unwind; were the thread to, the rules of
        // the document are run again here.
        let local = beside.and_then(|t| t.join().ok()).unwrap_or_else(local);
        (local, cross)
    })
}

/// A document read by one analysis run.
struct Fresh {
    id: DocId,
    version: i32,
    doc: Document,
    outcome: Result<Arc<DocAnalysis>, String>,
    /// The facts key of the analysis, if there is one.
    facts: Option<u64>,
}

/// A `textDocument/publishDiagnostics` to send.
#[derive(Debug)]
pub struct Publish {
    pub uri: Uri,
    pub version: i32,
    pub diagnostics: Vec<Diagnostic>,
}

/// Everything the server knows.
#[derive(Debug, Default)]
pub struct State {
    pub encoding: RwLock<PositionEncoding>,
    pub open: Mutex<HashMap<DocId, OpenDoc>>,
    pub results: Mutex<HashMap<DocId, Results>>,
    pub corpus: RwLock<Corpus>,
    pub config: RwLock<ConfigState>,
    pub roots: RwLock<Vec<PathBuf>>,
    /// Where `roots` came from (the editor, or a fallback).
    pub root_origin: RwLock<super::roots::RootOrigin>,
    /// Files on disk left out of the corpus, with the reason.
    pub skipped: Mutex<HashMap<DocId, String>>,
    pub scheduler: Scheduler,
    /// Whether a workspace indexing is under way.
    pub indexing: AtomicBool,
    /// Findings marked as reviewed, by workspace root. A leaf lock: taken
    /// last, and no other lock is taken while it is held.
    pub reviewed: RwLock<crate::reviewed::Reviewed>,
    /// Position models of corpus texts that findings point into.
    pub documents: DocumentCache,
    /// The configuration problems last shown to the user, so that reading
    /// the same settings again (an editor sends them at start and again
    /// just after) does not show them twice. A leaf lock.
    pub reported_config: Mutex<Vec<String>>,
    /// Whether the client pulls diagnostics (then open documents are not
    /// pushed, see `pull`).
    pub pull_diagnostics: AtomicBool,
    /// The generation the last workspace diagnostic report was made for.
    pub workspace_reported: AtomicU64,
    /// Counts the analyses that changed what other documents' cross-document
    /// rules read (a figure, a passage's terms: [`analysis::corpus::facts_key`]).
    /// Open documents checked at an older generation are checked again in
    /// the background ([`State::refresh_others`]).
    pub facts: AtomicU64,
    /// Drafts' claim caches and verifications under way (see `verify`).
    pub verifier: super::verify::Verifier,
    /// The on-disk index folder when the workspace is read from it lazily
    /// (more sources than `index.lazy_above`): the corpus then holds the
    /// open documents and the stored documents related to them
    /// (`archive`), not every source.
    pub lazy_index: RwLock<Option<PathBuf>>,
}

/// Position models ([`Document`]s) of the corpus texts that related spans
/// point into, kept from one analysis to the next: an edit in a draft
/// republishes its conflicts with the same sources, whose line indexes
/// need not be rebuilt. An entry serves while the corpus holds the same
/// text (compared by identity). A leaf lock: nothing else is taken while it
/// is held.
#[derive(Debug, Default)]
pub struct DocumentCache(Mutex<HashMap<DocId, CachedDocument>>);

/// The text a position model was built from, and the model.
type CachedDocument = (Arc<str>, Arc<Document>);

/// Entries kept at most; past it the cache starts over.
const DOCUMENT_CACHE_ENTRIES: usize = 4096;

impl DocumentCache {
    /// The position model of `analysis`'s text.
    pub fn get(&self, analysis: &DocAnalysis) -> Arc<Document> {
        let mut map = lock(&self.0);
        if let Some((text, doc)) = map.get(&analysis.id)
            && Arc::ptr_eq(text, &analysis.text)
        {
            return doc.clone();
        }
        if map.len() >= DOCUMENT_CACHE_ENTRIES {
            map.clear();
        }
        let doc = Arc::new(Document::new(&analysis.text));
        map.insert(analysis.id.clone(), (analysis.text.clone(), doc.clone()));
        doc
    }
}

/// The id of a document: its URI, normalised through the file path for
/// `file:` URIs (percent-decoded, `.` and `..` removed: [`uri_path`]) so
/// that the editor's spelling and ours agree.
pub fn doc_id(uri: &Uri) -> DocId {
    if let Some(path) = uri_path(uri)
        && let Some(normal) = Uri::from_file_path(&path)
    {
        return DocId::new(normal.as_str());
    }
    DocId::new(uri.as_str())
}

/// The file a `file:` URI from the client names: percent-decoded, made
/// absolute, `.` and `..` removed ([`crate::paths::lexical`]). Every path
/// the server takes from the client goes through here; whether it is inside
/// the workspace is then asked of where it really leads
/// ([`State::in_workspace`]).
pub fn uri_path(uri: &Uri) -> Option<PathBuf> {
    if !uri.scheme().as_str().eq_ignore_ascii_case("file") {
        return None;
    }
    uri.to_file_path().map(|p| crate::paths::lexical(&p))
}

/// The id of a file on disk.
pub fn path_id(path: &Path) -> Option<DocId> {
    Uri::from_file_path(crate::paths::lexical(path)).map(|u| DocId::new(u.as_str()))
}

/// The file a document id stands for, if it is a `file:` URI.
pub fn id_path(id: &DocId) -> Option<PathBuf> {
    uri_path(&convert::uri(id)?)
}

impl State {
    pub fn encoding(&self) -> PositionEncoding {
        *read(&self.encoding)
    }

    pub fn settings(&self) -> Arc<Settings> {
        read(&self.config).settings.clone()
    }

    pub fn max_file_bytes(&self) -> u64 {
        read(&self.config).config.max_file_bytes
    }

    /// Whether a path really is inside a workspace root (`..` and symbolic
    /// links resolved, [`crate::paths::is_inside`]) and not excluded.
    pub fn in_workspace(&self, path: &Path) -> bool {
        let roots = read(&self.roots);
        let excludes = workspace::exclude_set(&read(&self.config).config.exclude);
        let path = crate::paths::lexical(path);
        roots.iter().any(|root| {
            crate::paths::is_inside(root, &path)
                && !workspace::is_excluded(&crate::paths::lexical(root), &path, &excludes)
        })
    }

    /// Reads a file from disk into the corpus, unless it is open (the
    /// editor's text wins) or unreadable (then it is recorded as skipped).
    pub fn load_disk_file(&self, path: &Path) {
        let Some(id) = path_id(path) else { return };
        if lock(&self.open).contains_key(&id) {
            return;
        }
        let lazy = read(&self.lazy_index).clone();
        if let Some(dir) = lazy {
            self.index_disk_file(&dir, path, id);
            return;
        }
        match workspace::read_source(path, self.max_file_bytes()) {
            Ok(text) => {
                lock(&self.skipped).remove(&id);
                let analysis = analysis::analyze_document(id, Arc::from(text), &self.settings());
                write(&self.corpus).upsert(Arc::new(analysis));
            }
            Err(err) => {
                tracing::warn!("{}: {err}", path.display());
                write(&self.corpus).remove(&id);
                lock(&self.skipped).insert(id, err.to_string());
            }
        }
    }

    /// A changed file of a workspace read lazily: analysed into the on-disk
    /// index in `dir` (if it changed), and out of the corpus unless open;
    /// the index's watcher fetches it back if the open documents reach it.
    fn index_disk_file(&self, dir: &Path, path: &Path, id: DocId) {
        let max = self.max_file_bytes();
        let settings = self.settings();
        let outcome = match crate::host::SqliteStore::open(dir) {
            Ok(store) => {
                let loader = crate::host::Loader::new(&settings, max, Some(&store));
                let (mut read, _, problem) =
                    loader.load_changed(&[(path.to_path_buf(), id.clone())], false, &|_| {});
                if let Some(problem) = problem {
                    tracing::warn!("{}", crate::host::store_message(&problem));
                }
                read.pop().flatten()
            }
            Err(err) => {
                tracing::warn!("{}", crate::host::store_message(&err.0));
                None
            }
        };
        match outcome {
            Some(Err(err)) => {
                tracing::warn!("{}: {err}", path.display());
                lock(&self.skipped).insert(id.clone(), err.to_string());
            }
            _ => {
                lock(&self.skipped).remove(&id);
            }
        }
        // Lock order: open before corpus.
        let open = lock(&self.open);
        if !open.contains_key(&id) {
            write(&self.corpus).remove(&id);
        }
        drop(open);
        super::archive::poke(self);
    }

    /// Forgets a deleted file, unless it is open.
    pub fn forget_disk_file(&self, path: &Path) {
        let Some(id) = path_id(path) else { return };
        lock(&self.skipped).remove(&id);
        if !lock(&self.open).contains_key(&id) {
            write(&self.corpus).remove(&id);
        }
    }

    /// Analyses the queued documents and re-checks the others, returning
    /// the diagnostics to publish. Runs on a blocking thread.
    pub fn run_analysis(&self, batch: &[DocId], refresh_all: bool) -> Vec<Publish> {
        let settings = self.edit_settings();
        let enc = self.encoding();
        let max = self.max_file_bytes();

        // 1. Snapshot the queued documents' text (cheap: ropes share nodes).
        let snapshots: Vec<(DocId, i32, Document)> = {
            let open = lock(&self.open);
            batch
                .iter()
                .filter_map(|id| {
                    let d = open.get(id)?;
                    Some((id.clone(), d.version, d.doc.clone()))
                })
                .collect()
        };

        // 2. Read each one, outside any lock.
        let mut fresh: Vec<Fresh> = Vec::with_capacity(snapshots.len());
        for (id, version, doc) in snapshots {
            let skipped = lock(&self.skipped).get(&id).cloned();
            let outcome = match skipped {
                Some(reason) => Err(reason),
                None if doc.len_bytes() as u64 > max => Err(format!(
                    "file is {} bytes, larger than max_file_bytes ({max}); it is not analysed",
                    doc.len_bytes()
                )),
                None => {
                    let text: Arc<str> = Arc::from(doc.text());
                    // The last analysis of this document, whose unchanged
                    // paragraphs need not be read again.
                    let previous = lock(&self.results)
                        .get(&id)
                        .and_then(|r| r.analysis.clone());
                    let run = catch_unwind(AssertUnwindSafe(|| {
                        analysis::analyze_edited(previous.as_deref(), id.clone(), text, &settings)
                    }));
                    match run {
                        Ok(a) => Ok(Arc::new(a)),
                        Err(_) => {
                            // Logged by the panic hook; keep the last good
                            // results and go on with the other documents.
                            tracing::error!(
                                "analysis of {id} panicked; its diagnostics are not updated"
                            );
                            continue;
                        }
                    }
                }
            };
            let facts = outcome
                .as_ref()
                .ok()
                .map(|a| analysis::corpus::facts_key(a));
            fresh.push(Fresh {
                id,
                version,
                doc,
                outcome,
                facts,
            });
        }

        // 3. Put them in the corpus, noting whether what other documents
        //    compare against changed.
        let known: HashMap<DocId, (Arc<DocAnalysis>, u64)> = {
            let results = lock(&self.results);
            fresh
                .iter()
                .filter_map(|f| {
                    let r = results.get(&f.id)?;
                    Some((f.id.clone(), (r.analysis.clone()?, r.facts?)))
                })
                .collect()
        };
        let facts_changed = {
            let mut corpus = write(&self.corpus);
            let mut changed = false;
            for Fresh {
                id, outcome, facts, ..
            } in &fresh
            {
                let before = corpus.get(id).map(|a| match known.get(id) {
                    Some((b, key)) if Arc::ptr_eq(a, b) => *key,
                    _ => analysis::corpus::facts_key(a),
                });
                match outcome {
                    Ok(a) => corpus.upsert(a.clone()),
                    Err(_) => {
                        corpus.remove(id);
                    }
                }
                changed |= before != *facts;
            }
            changed
        };
        let facts = if facts_changed {
            self.facts.fetch_add(1, Ordering::SeqCst) + 1
        } else {
            self.facts.load(Ordering::SeqCst)
        };

        // 4. Check them, and re-check the cross-document rules of the other
        //    open documents.
        // The open documents' current versions, taken before the other
        // locks (see the lock order above).
        let current: HashMap<DocId, (Uri, i32)> = lock(&self.open)
            .iter()
            .map(|(id, o)| (id.clone(), (o.uri.clone(), o.version)))
            .collect();
        let mut results = lock(&self.results);
        let corpus = read(&self.corpus);
        let mut touched: Vec<DocId> = Vec::new();
        // The results each edit replaces, freed after the answer.
        let mut retired: Vec<Results> = Vec::new();
        for Fresh {
            id,
            version,
            doc,
            outcome,
            facts: key,
        } in fresh
        {
            let previous = results.remove(&id);
            let published = previous
                .as_ref()
                .map(|r| r.published.clone())
                .unwrap_or_default();
            let entry = match outcome {
                Ok(a) => {
                    let (local, cross) = check_both(&a, &corpus, &settings);
                    Results {
                        version,
                        doc,
                        local,
                        cross,
                        cross_at: facts,
                        facts: key,
                        carried: previous
                            .as_ref()
                            .map(|r| r.carry(&a.text))
                            .unwrap_or_default(),
                        analysis: Some(a),
                        unreadable: None,
                        published,
                        verified: None,
                    }
                }
                Err(reason) => Results {
                    version,
                    doc,
                    analysis: None,
                    local: Vec::new(),
                    cross: Vec::new(),
                    cross_at: facts,
                    facts: None,
                    unreadable: Some(reason),
                    published,
                    verified: None,
                    carried: Vec::new(),
                },
            };
            results.insert(id.clone(), entry);
            touched.push(id);
            retired.extend(previous);
        }
        // The last holders of the replaced analyses, besides `retired`.
        drop(known);
        // The other open documents are re-checked here only when everything
        // is (the corpus or the settings changed); after an edit, those
        // whose facts changed are re-checked by `refresh_others`, once the
        // edited documents' diagnostics are out.
        let others: Vec<DocId> = if refresh_all {
            results
                .keys()
                .filter(|id| !touched.contains(id))
                .cloned()
                .collect()
        } else {
            Vec::new()
        };
        for id in &others {
            let Some(r) = results.get_mut(id) else {
                continue;
            };
            if let Some(a) = &r.analysis {
                r.local = guarded_check(a, &corpus, &settings, RuleScope::DocumentOnly);
                r.cross = guarded_check(a, &corpus, &settings, RuleScope::CrossDocument);
            }
            r.cross_at = facts;
        }

        // 5. Convert, and keep what changed and is still current.
        let mut docs_cache: HashMap<DocId, Arc<Document>> = HashMap::new();
        let mut publishes = Vec::new();
        let candidates: Vec<DocId> = touched.iter().chain(others.iter()).cloned().collect();
        let touched: HashSet<DocId> = touched.into_iter().collect();
        for id in candidates {
            let Some((uri, version)) = current.get(&id) else {
                continue;
            };
            let Some(r) = results.get(&id) else { continue };
            if r.version != *version {
                // A newer edit is queued; its run will publish.
                continue;
            }
            let diagnostics = self.diagnostics_of(r, &corpus, enc, &mut docs_cache);
            if !touched.contains(&id) && diagnostics == r.published {
                continue;
            }
            publishes.push(Publish {
                uri: uri.clone(),
                version: r.version,
                diagnostics,
            });
        }
        for p in &publishes {
            if let Some(r) = results.get_mut(&doc_id(&p.uri)) {
                r.published = p.diagnostics.clone();
            }
        }
        drop(corpus);
        drop(results);
        release_later(retired);
        publishes
    }

    /// Re-checks the cross-document rules of the open documents checked
    /// before the latest change of facts ([`State::facts`]), one at a time,
    /// and returns the diagnostics that changed. Stops, leaving the rest for
    /// a later call, as soon as `stop` says a newer edit is queued. Runs on
    /// a blocking thread, after the edited documents' diagnostics are out.
    pub fn refresh_others(&self, stop: &dyn Fn() -> bool) -> Vec<Publish> {
        let settings = self.edit_settings();
        let enc = self.encoding();
        let facts = self.facts.load(Ordering::SeqCst);
        let stale: Vec<(DocId, i32, Arc<DocAnalysis>)> = lock(&self.results)
            .iter()
            .filter(|(_, r)| r.cross_at < facts)
            .filter_map(|(id, r)| Some((id.clone(), r.version, r.analysis.clone()?)))
            .collect();
        let mut docs_cache: HashMap<DocId, Arc<Document>> = HashMap::new();
        let mut publishes = Vec::new();
        for (id, version, a) in stale {
            if stop() {
                break;
            }
            let cross = {
                let corpus = read(&self.corpus);
                guarded_check(&a, &corpus, &settings, RuleScope::CrossDocument)
            };
            let current = lock(&self.open)
                .get(&id)
                .map(|o| (o.uri.clone(), o.version));
            let mut results = lock(&self.results);
            let Some(r) = results.get_mut(&id) else {
                continue;
            };
            let same =
                r.version == version && r.analysis.as_ref().is_some_and(|b| Arc::ptr_eq(b, &a));
            if !same {
                // Re-analysed meanwhile, at a newer generation.
                continue;
            }
            r.cross = cross;
            r.cross_at = facts;
            let Some((uri, open_version)) = current else {
                continue;
            };
            if open_version != version {
                continue;
            }
            let corpus = read(&self.corpus);
            let diagnostics = self.diagnostics_of(r, &corpus, enc, &mut docs_cache);
            if diagnostics != r.published {
                r.published = diagnostics.clone();
                publishes.push(Publish {
                    uri,
                    version,
                    diagnostics,
                });
            }
        }
        publishes
    }

    /// The diagnostics of one open document's results.
    pub fn diagnostics_of(
        &self,
        r: &Results,
        corpus: &Corpus,
        enc: PositionEncoding,
        cache: &mut HashMap<DocId, Arc<Document>>,
    ) -> Vec<Diagnostic> {
        if let Some(reason) = &r.unreadable {
            let settings = self.settings();
            let rule = settings.rule(UNREADABLE_FILE.code);
            if !rule.enabled {
                return Vec::new();
            }
            let line = r.doc.line_range(0);
            return vec![Diagnostic {
                range: convert::span_range(&r.doc, line, enc),
                severity: Some(convert::severity(
                    rule.severity.unwrap_or(UNREADABLE_FILE.default_severity),
                )),
                code: Some(NumberOrString::String(UNREADABLE_FILE.code.into())),
                source: Some(convert::SOURCE.into()),
                message: reason.clone(),
                ..Default::default()
            }];
        }
        // Documents that related spans point into.
        let self_id = r.analysis.as_ref().map(|a| a.id.clone());
        for f in r.findings() {
            for rel in &f.related {
                if Some(&rel.doc) != self_id.as_ref()
                    && !cache.contains_key(&rel.doc)
                    && let Some(a) = corpus.get(&rel.doc)
                {
                    cache.insert(rel.doc.clone(), self.documents.get(a));
                }
            }
        }
        let cache = &*cache;
        let mut out: Vec<Diagnostic> = r
            .findings()
            .filter(|f| !self.is_reviewed(r.analysis.as_deref(), f))
            .map(|f| {
                convert::diagnostic(f, &r.doc, enc, |id| {
                    if Some(id) == self_id.as_ref() {
                        Some(&r.doc)
                    } else {
                        cache.get(id).map(|d| &**d)
                    }
                })
            })
            .collect();
        out.sort_by_key(|d| {
            (
                d.range.start.line,
                d.range.start.character,
                d.severity.unwrap_or(DiagnosticSeverity::HINT),
            )
        });
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An edit's answer frees nothing on its way: the results and the
    /// analysis it replaced are handed to the release thread, which frees
    /// them after (and keeps none alive).
    #[test]
    fn an_edit_frees_the_analysis_it_replaced_after_answering() {
        let state = State::default();
        let uri: Uri = "file:///drafts/harbour.txt".parse().expect("a uri");
        let id = doc_id(&uri);
        let open = |version: i32, text: &str| {
            lock(&state.open).insert(
                id.clone(),
                OpenDoc {
                    uri: uri.clone(),
                    doc: Document::new(text),
                    version,
                },
            );
            state.run_analysis(std::slice::from_ref(&id), false)
        };
        let text = "The council said the ferry carries 300 passengers.\n\nRepairs will cost $4 million, officials said.\n";
        let first = open(1, text);
        assert_eq!(first.len(), 1, "{first:?}");
        let old = lock(&state.results)
            .get(&id)
            .and_then(|r| r.analysis.as_ref().map(Arc::downgrade))
            .expect("an analysis");
        // Held, the release thread cannot free it: the answer came first.
        let held = hold_release();
        let second = open(2, &text.replace("300", "350"));
        assert_eq!(second.len(), 1, "{second:?}");
        assert!(
            old.upgrade().is_some(),
            "the replaced analysis was freed before the answer"
        );
        drop(held);
        released();
        assert!(
            old.upgrade().is_none(),
            "the replaced analysis is still held"
        );
        let now = lock(&state.results)
            .get(&id)
            .and_then(|r| r.analysis.clone())
            .expect("an analysis");
        assert!(now.text.contains("350"));
    }
}
