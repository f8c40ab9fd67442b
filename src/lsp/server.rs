//! The `LanguageServer` implementation: protocol glue only.
//!
//! Handlers run concurrently. Every notification that changes a document
//! applies its change synchronously, before its first `.await`, so edits are
//! applied in the order the client sent them. Analysis runs on a blocking
//! thread, driven by [`worker`]; request handlers read state on blocking
//! threads too, so the message loop never waits on analysis.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use serde_json::Value;
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Bounded, Client, LanguageServer, NotCancellable, OngoingProgress};

use super::convert;
use super::roots;
use super::state::{OpenDoc, State, doc_id, id_path, lock, read, write};
use crate::analysis::{DocAnalysis, DocId};
use crate::config::IssueLevel;
use crate::document::Document;
use crate::workspace;

/// Language ids the server analyses; other documents are ignored unless
/// their file name ends in `.txt`.
const LANGUAGE_IDS: &[&str] = &["plaintext", "text"];

/// How long the server waits for the client to answer one of its requests
/// (registration, configuration, a progress token, a refresh). Editors
/// answer in milliseconds; this only bounds a client that never answers,
/// so that no handler or task waits forever. (When the client's input ends,
/// the transport fails the requests at once.)
const CLIENT_ANSWER_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

/// Waits for the client's answer to a request the server sent, at most
/// [`CLIENT_ANSWER_TIMEOUT`].
async fn client_answer<T>(request: impl std::future::Future<Output = Result<T>>) -> Result<T> {
    tokio::time::timeout(CLIENT_ANSWER_TIMEOUT, request)
        .await
        .unwrap_or_else(|_| {
            Err(Error {
                message: "the client did not answer in time".into(),
                ..Error::internal_error()
            })
        })
}

/// Client capabilities the server adapts to.
#[derive(Debug, Default, Clone, Copy)]
struct ClientFlags {
    work_done_progress: bool,
    watch_files: bool,
    pull_configuration: bool,
    inlay_refresh: bool,
    /// The client pulls diagnostics (`textDocument/diagnostic`, LSP 3.17).
    pull_diagnostics: bool,
    /// The client accepts `workspace/diagnostic/refresh`.
    diagnostic_refresh: bool,
}

pub struct Backend {
    client: Client,
    state: Arc<State>,
    flags: std::sync::Mutex<ClientFlags>,
    /// Incremented by each workspace indexing; an older run stops early.
    index_generation: Arc<AtomicU64>,
}

impl Backend {
    pub fn new(client: Client) -> Self {
        Self {
            client,
            state: Arc::new(State::default()),
            flags: Default::default(),
            index_generation: Arc::new(AtomicU64::new(0)),
        }
    }

    /// `factline/documentState`: the server's copy of an open document
    /// (version and text), so an editor integration can check that its
    /// edits arrive as it sent them.
    pub async fn document_state(&self, params: TextDocumentIdentifier) -> Result<Value> {
        let id = doc_id(&params.uri);
        let open = lock(&self.state.open);
        let doc = open.get(&id).ok_or_else(|| {
            Error::invalid_params(format!("document not open: {}", params.uri.as_str()))
        })?;
        Ok(serde_json::json!({"version": doc.version, "text": doc.doc.text()}))
    }

    /// `factline/status`: how many sources the corpus holds, which files
    /// were left out and why, whether indexing is under way, and how many
    /// claims drafts' verifications have compared with the sources.
    pub async fn status(&self) -> Result<Value> {
        let sources = read(&self.state.corpus).len();
        let mut skipped: Vec<Value> = lock(&self.state.skipped)
            .iter()
            .map(|(id, reason)| serde_json::json!({"uri": id.as_str(), "reason": reason}))
            .collect();
        skipped.sort_by(|a, b| a["uri"].as_str().cmp(&b["uri"].as_str()));
        let open = lock(&self.state.open).len();
        let root = {
            let roots = read(&self.state.roots);
            let origin = read(&self.state.root_origin);
            serde_json::json!({
                "folders": roots.iter().map(|r| r.display().to_string()).collect::<Vec<_>>(),
                "from": origin.name(),
                "notice": origin.notice(&roots),
            })
        };
        Ok(serde_json::json!({
            "sources": sources,
            "root": root,
            "open": open,
            "skipped": skipped,
            "indexing": self.state.indexing.load(Ordering::SeqCst),
            "verification": {"claims_compared": self.state.verifier.claims_compared()},
        }))
    }

    /// `factline/relatedPassages`: the passages related to the sentence at a
    /// position, ranked, with scores and reasons (see the README).
    pub async fn related_passages(
        &self,
        params: super::related::RelatedPassagesParams,
    ) -> Result<Value> {
        self.blocking(move |s| s.related_passages(&params))
            .await?
            .map_err(Error::invalid_params)
    }

    fn flags(&self) -> ClientFlags {
        *lock(&self.flags)
    }

    /// Runs a read-only handler on a blocking thread. A panic becomes an
    /// internal error for this request only.
    async fn blocking<T: Send + 'static>(
        &self,
        f: impl FnOnce(&State) -> T + Send + 'static,
    ) -> Result<T> {
        let state = self.state.clone();
        tokio::task::spawn_blocking(move || f(&state))
            .await
            .map_err(|e| {
                tracing::error!("request handler panicked: {e}");
                Error::internal_error()
            })
    }

    /// Reports configuration problems to the user: those not already shown
    /// by the last report (the same settings read again say nothing new).
    async fn report_config(&self, issues: Vec<crate::config::ConfigIssue>) {
        let issues = {
            let mut shown = lock(&self.state.reported_config);
            let texts: Vec<String> = issues.iter().map(ToString::to_string).collect();
            let fresh: Vec<_> = issues
                .into_iter()
                .zip(&texts)
                .filter(|(_, text)| !shown.contains(text))
                .map(|(issue, _)| issue)
                .collect();
            *shown = texts;
            fresh
        };
        for issue in issues {
            let typ = match issue.level {
                IssueLevel::Error => MessageType::ERROR,
                IssueLevel::Warning => MessageType::WARNING,
            };
            tracing::warn!("{issue}");
            self.client
                .show_message(typ, format!("factline: {issue}"))
                .await;
        }
    }

    /// Re-reads the configuration from its sources, then re-indexes.
    async fn reload_config(&self) {
        let (issues, unchanged) = {
            let mut config = write(&self.state.config);
            let before = config.config.clone();
            let issues = config.rebuild();
            (issues, config.config == before)
        };
        self.report_config(issues).await;
        self.reload_reviewed().await;
        if unchanged {
            // The same settings sent again (editors send them at start and
            // just after): nothing to re-read or re-index.
            self.state.scheduler.refresh_all();
            return;
        }
        // Settings can change what a document's analysis holds: re-read the
        // open documents, and re-index the rest.
        let open: Vec<DocId> = lock(&self.state.open).keys().cloned().collect();
        for id in open {
            self.state.scheduler.mark(id);
        }
        if self.flags().inlay_refresh
            && let Err(err) = client_answer(self.client.inlay_hint_refresh()).await
        {
            tracing::debug!("inlay hint refresh failed: {err}");
        }
        self.spawn_indexing();
    }

    /// Re-reads `.factline/reviewed.toml` of every root and reports
    /// problems with it.
    async fn reload_reviewed(&self) {
        let state = self.state.clone();
        let problems = tokio::task::spawn_blocking(move || state.load_reviewed())
            .await
            .unwrap_or_default();
        for p in problems {
            tracing::warn!("{p}");
            self.client
                .show_message(MessageType::WARNING, format!("factline: {p}"))
                .await;
        }
    }

    /// Takes the workspace roots from `initialize` (see [`roots`]), with
    /// the configuration file and editor settings that go with them.
    fn initialize_roots(&self, params: &InitializeParams) {
        let (roots, origin) = roots::from_initialize(params);
        {
            let mut config = write(&self.state.config);
            config.file = roots.first().map(|r| r.join(crate::config::FILE_NAME));
            config.editor = params.initialization_options.clone().unwrap_or(Value::Null);
        }
        if let Some(notice) = origin.notice(&roots) {
            tracing::info!("{notice}");
        }
        *write(&self.state.roots) = roots;
        *write(&self.state.root_origin) = origin;
    }

    /// Tells the client, once, where the workspace roots came from when
    /// they are not the editor's own workspace folders.
    async fn log_root_origin(&self) {
        let notice = {
            let roots = read(&self.state.roots);
            let origin = read(&self.state.root_origin);
            // A pending root is told of when it is taken, not before.
            (*origin != roots::RootOrigin::Pending)
                .then(|| origin.notice(&roots))
                .flatten()
        };
        if let Some(notice) = notice {
            self.client
                .log_message(MessageType::INFO, format!("factline: {notice}"))
                .await;
        }
    }

    /// When the editor sent no root, takes the folder of the first file
    /// opened as the workspace: its configuration, its reviewed findings
    /// and its sources, indexed as for a workspace folder.
    async fn adopt_folder_of(&self, uri: &Uri) {
        {
            let origin = read(&self.state.root_origin);
            if *origin != roots::RootOrigin::Pending {
                return;
            }
        }
        let Some((dir, file)) = roots::folder_of(uri) else {
            return;
        };
        {
            let mut origin = write(&self.state.root_origin);
            if *origin != roots::RootOrigin::Pending {
                return;
            }
            *origin = roots::RootOrigin::OpenFile(file);
            *write(&self.state.roots) = vec![dir.clone()];
            write(&self.state.config).file = Some(dir.join(crate::config::FILE_NAME));
        }
        self.log_root_origin().await;
        let issues = write(&self.state.config).rebuild();
        self.report_config(issues).await;
        self.reload_reviewed().await;
        self.spawn_indexing();
    }

    fn spawn_indexing(&self) {
        let generation = self.index_generation.fetch_add(1, Ordering::SeqCst) + 1;
        let task = IndexTask {
            client: self.client.clone(),
            state: self.state.clone(),
            progress: self.flags().work_done_progress,
            generation,
            current: self.index_generation.clone(),
        };
        tokio::spawn(task.run());
    }
}

/// Asks the client to watch the sources and factline's own files.
async fn register_watchers(client: &Client) {
    let options = DidChangeWatchedFilesRegistrationOptions {
        watchers: [
            "**/*.txt",
            "**/*.TXT",
            "**/factline.toml",
            "**/.factline/reviewed.toml",
        ]
        .into_iter()
        .map(|g| FileSystemWatcher {
            glob_pattern: GlobPattern::String(g.to_string()),
            kind: None,
        })
        .collect(),
    };
    let registration = Registration {
        id: "factline-watch-sources".to_string(),
        method: "workspace/didChangeWatchedFiles".to_string(),
        register_options: serde_json::to_value(options).ok(),
    };
    if let Err(err) = client_answer(client.register_capability(vec![registration])).await {
        tracing::warn!("could not watch files: {err}");
    }
}

/// Repairs, before it is decoded, a notification whose one bad part would
/// otherwise make the whole of it fail to decode (and be dropped): in
/// `workspace/didChangeWorkspaceFolders`, a folder that is not a valid
/// `WorkspaceFolder` is left out and logged, and the others are handled.
pub fn lenient(request: tower_lsp_server::jsonrpc::Request) -> tower_lsp_server::jsonrpc::Request {
    use tower_lsp_server::jsonrpc::Request;
    if request.method() != "workspace/didChangeWorkspaceFolders" {
        return request;
    }
    let (method, id, params) = request.into_parts();
    let mut params = params.unwrap_or(Value::Null);
    for side in ["added", "removed"] {
        let Some(list) = params
            .get_mut("event")
            .and_then(|e| e.get_mut(side))
            .and_then(Value::as_array_mut)
        else {
            continue;
        };
        list.retain(|folder| {
            let ok = serde_json::from_value::<WorkspaceFolder>(folder.clone()).is_ok();
            if !ok {
                tracing::warn!(
                    "workspace folder change: ignoring an invalid {side} folder: {folder}"
                );
            }
            ok
        });
    }
    let mut builder = Request::build(method).params(params);
    if let Some(id) = id {
        builder = builder.id(id);
    }
    builder.finish()
}

/// Analyses queued documents, latest first, until there is nothing left;
/// then waits for the next edit. A burst of edits during one run costs one
/// more run on the newest text. After each run's diagnostics are out come
/// the drafts' verification, then the other open documents whose
/// cross-document findings the edit may have changed; a newer edit stops
/// either.
async fn worker(client: Client, state: Arc<State>, diagnostic_refresh: bool) {
    loop {
        state.scheduler.notify.notified().await;
        loop {
            let (batch, refresh_all) = state.scheduler.take();
            if batch.is_empty() && !refresh_all {
                break;
            }
            let st = state.clone();
            let edited = batch.clone();
            let verify_ids: Vec<DocId> = if refresh_all {
                lock(&state.open).keys().cloned().collect()
            } else {
                batch.clone()
            };
            let run = tokio::task::spawn_blocking(move || st.run_analysis(&batch, refresh_all));
            match run.await {
                Ok(publishes) if state.pull_diagnostics.load(Ordering::SeqCst) => {
                    let everything = refresh_all;
                    announce_pulled(&client, diagnostic_refresh, everything, &edited, &publishes)
                        .await;
                }
                Ok(publishes) => {
                    for p in publishes {
                        client
                            .publish_diagnostics(p.uri, p.diagnostics, Some(p.version))
                            .await;
                    }
                }
                Err(err) => tracing::error!("analysis panicked; the server goes on: {err}"),
            }
            // Drafts are verified after their diagnostics are out, unless a
            // newer edit is already queued (then its run verifies).
            if state.scheduler.pending() {
                continue;
            }
            let st = state.clone();
            let run = tokio::task::spawn_blocking(move || {
                let stop = || st.scheduler.pending();
                st.run_verification(&verify_ids, &stop)
            });
            match run.await {
                Ok(Some(publishes)) if state.pull_diagnostics.load(Ordering::SeqCst) => {
                    announce_pulled(&client, diagnostic_refresh, false, &[], &publishes).await;
                }
                Ok(Some(publishes)) => {
                    for p in publishes {
                        client
                            .publish_diagnostics(p.uri, p.diagnostics, Some(p.version))
                            .await;
                    }
                }
                Ok(None) => continue,
                Err(err) => tracing::error!("verification panicked; the server goes on: {err}"),
            }
            // Then the other open documents whose cross-document findings
            // may have changed with the edit (latest wins: a newer edit
            // stops this, and the next run takes it up again).
            if state.scheduler.pending() {
                continue;
            }
            let st = state.clone();
            let run = tokio::task::spawn_blocking(move || {
                let stop = || st.scheduler.pending();
                st.refresh_others(&stop)
            });
            match run.await {
                Ok(publishes) if state.pull_diagnostics.load(Ordering::SeqCst) => {
                    announce_pulled(&client, diagnostic_refresh, false, &[], &publishes).await;
                }
                Ok(publishes) => {
                    for p in publishes {
                        client
                            .publish_diagnostics(p.uri, p.diagnostics, Some(p.version))
                            .await;
                    }
                }
                Err(err) => tracing::error!("re-checking open documents panicked: {err}"),
            }
        }
    }
}

/// With a client that pulls diagnostics, nothing is pushed: the client
/// pulls an edited document itself, and is asked to pull again
/// (`workspace/diagnostic/refresh`) when the diagnostics of another
/// document changed, or when everything was re-checked (indexing ended,
/// files or settings changed: the documents re-read before that, for new
/// settings, were not edited by the client, which does not know).
async fn announce_pulled(
    client: &Client,
    refresh_supported: bool,
    everything: bool,
    edited: &[DocId],
    changed: &[super::state::Publish],
) {
    let others_changed = changed
        .iter()
        .any(|p| !edited.contains(&super::state::doc_id(&p.uri)));
    if refresh_supported
        && (everything || others_changed)
        && let Err(err) = client.workspace_diagnostic_refresh().await
    {
        tracing::debug!("diagnostic refresh failed: {err}");
    }
}

/// The pulled-diagnostics capability: one set of diagnostics under the
/// name "factline", which a change in one document can alter in others
/// (figures are compared across documents), for the whole workspace.
fn pull_capability() -> DiagnosticServerCapabilities {
    DiagnosticServerCapabilities::Options(DiagnosticOptions {
        identifier: Some("factline".to_string()),
        inter_file_dependencies: true,
        workspace_diagnostics: true,
        work_done_progress_options: Default::default(),
    })
}

/// Indexing of the workspace folders, with progress.
struct IndexTask {
    client: Client,
    state: Arc<State>,
    progress: bool,
    generation: u64,
    current: Arc<AtomicU64>,
}

impl IndexTask {
    fn stale(&self) -> bool {
        self.current.load(Ordering::SeqCst) != self.generation
    }

    async fn run(self) {
        self.state.indexing.store(true, Ordering::SeqCst);
        let roots: Vec<PathBuf> = read(&self.state.roots).clone();
        let excludes = read(&self.state.config).config.exclude.clone();
        let discovered = tokio::task::spawn_blocking(move || {
            let set = workspace::exclude_set(&excludes);
            let mut files = Vec::new();
            let mut problems = Vec::new();
            for root in &roots {
                let (f, p) = workspace::discover(root, &set);
                files.extend(f);
                problems.extend(p);
            }
            (files, problems)
        })
        .await;
        let Ok((files, problems)) = discovered else {
            tracing::error!("workspace discovery panicked");
            return;
        };
        for p in problems {
            tracing::warn!("while listing sources: {p}");
            self.client
                .log_message(MessageType::WARNING, format!("factline: {p}"))
                .await;
        }
        // The on-disk index of the (first) workspace folder: sources
        // unchanged since the last start are read from it, not analysed.
        let root = read(&self.state.roots).first().cloned();
        let config = read(&self.state.config).config.clone();
        let store = match root {
            Some(root) => {
                tokio::task::spawn_blocking(move || crate::host::open_index(&root, &config))
                    .await
                    .unwrap_or(Ok(None))
            }
            None => Ok(None),
        };
        let store: Option<Arc<crate::host::SqliteStore>> = match store {
            Ok(s) => s.map(Arc::new),
            Err(message) => {
                tracing::warn!("{message}");
                self.client
                    .log_message(MessageType::WARNING, format!("factline: {message}"))
                    .await;
                None
            }
        };
        let total = files.len();
        // A large workspace is read from its index lazily: unchanged
        // sources stay in the index, and the corpus holds the open
        // documents and the stored documents related to them.
        let lazy_above = read(&self.state.config).config.index_lazy_above;
        let lazy_dir = match (&store, read(&self.state.roots).first()) {
            (Some(_), Some(root)) if total > lazy_above => Some(crate::host::index_dir(
                root,
                &read(&self.state.config).config,
            )),
            _ => None,
        };
        *write(&self.state.lazy_index) = lazy_dir.clone();
        let lazy = lazy_dir.is_some();
        // The index's entries, read once for every batch of this indexing.
        let entries = match store.clone() {
            Some(st) => tokio::task::spawn_blocking(move || crate::host::Store::entries(&*st))
                .await
                .ok()
                .and_then(|r| r.inspect_err(|e| tracing::warn!("{e}")).ok())
                .map(Arc::new),
            None => None,
        };
        if lazy {
            tracing::info!(
                "{} sources, more than index.lazy_above = {lazy_above}: read from the index lazily",
                thousands(total)
            );
        }
        // The progress token is asked for beside the work: indexing never
        // waits for the client's answer, and reports once it has come.
        let mut progress = if self.progress {
            let client = self.client.clone();
            let token = NumberOrString::String(format!("factline/indexing/{}", self.generation));
            IndexProgress::Waiting(tokio::spawn(async move {
                client_answer(client.create_work_done_progress(token.clone()))
                    .await
                    .ok()?;
                Some(
                    client
                        .progress(token, "factline")
                        .with_message(format!("Indexing 0/{} sources", thousands(total)))
                        .with_percentage(0)
                        .begin()
                        .await,
                )
            }))
        } else {
            IndexProgress::Ready(None)
        };
        let started = std::time::Instant::now();
        let chunk_size = (total / 20).clamp(64, 2048);
        let mut done = 0;
        let mut seen: std::collections::HashSet<DocId> = Default::default();
        // A batch is stored in the corpus while the next one is read and
        // analysed: storing is serial, analysing is parallel, and the two
        // overlap. Batches are stored in order.
        let mut storing: Option<tokio::task::JoinHandle<Vec<DocId>>> = None;
        for chunk in files.chunks(chunk_size).map(Some).chain([None]) {
            // After the last batch, or once a newer indexing took over, only
            // the batch being stored is waited for.
            let stop = chunk.is_none() || self.stale();
            let analysed = match chunk {
                Some(chunk) if !stop => {
                    let chunk = chunk.to_vec();
                    let st = self.state.clone();
                    let store = store.clone();
                    let entries = entries.clone();
                    tokio::task::spawn_blocking(move || {
                        analyse_chunk(&st, chunk, store, entries, lazy)
                    })
                    .await
                    .inspect_err(|err| tracing::error!("indexing a batch panicked; skipped: {err}"))
                    .ok()
                }
                _ => None,
            };
            if let Some(previous) = storing.take() {
                match previous.await {
                    Ok(ids) => seen.extend(ids),
                    Err(err) => tracing::error!("storing a batch panicked; skipped: {err}"),
                }
                done = (done + chunk_size).min(total);
                if let Some(p) = progress.ready().await {
                    let pct = (done * 100 / total.max(1)) as u32;
                    p.report_with_message(
                        format!("Indexing {}/{} sources", thousands(done), thousands(total)),
                        pct,
                    )
                    .await;
                }
            }
            if stop {
                break;
            }
            if let Some(batch) = analysed {
                let st = self.state.clone();
                storing = Some(tokio::task::spawn_blocking(move || store_chunk(&st, batch)));
            }
        }
        if !self.stale() {
            // Files that vanished since the last indexing.
            let st = self.state.clone();
            let store = store.clone();
            let _ = tokio::task::spawn_blocking(move || {
                let open = lock(&st.open);
                let mut corpus = write(&st.corpus);
                let gone: Vec<DocId> = corpus
                    .docs()
                    .map(|d| d.id.clone())
                    .filter(|id| !seen.contains(id) && !open.contains_key(id))
                    .collect();
                for id in gone {
                    corpus.remove(&id);
                }
                drop(corpus);
                drop(open);
                // Entries of files deleted since the index was written.
                if let Some(store) = store {
                    let pruned = crate::host::Store::entries(&*store).and_then(|entries| {
                        crate::host::index::prune_missing(&*store, &entries, &Default::default())
                    });
                    if let Err(err) = pruned {
                        tracing::warn!("the index could not be pruned: {err}");
                    }
                }
            })
            .await;
        }
        let store_url = read(&self.state.config).config.store.clone();
        if let Some(url) = store_url
            && !self.stale()
        {
            // The desk-wide store: the workspace's sources published to it,
            // and the archive's related documents fetched from it.
            let st = self.state.clone();
            let u = url.clone();
            let published = tokio::task::spawn_blocking(move || {
                let store = crate::host::PgStore::connect(&u).map_err(|e| e.to_string())?;
                super::archive::publish_workspace(&st, &store)
            })
            .await;
            match published {
                Ok(Ok(stats)) => tracing::info!(
                    "published to the store: {} added, {} updated, {} unchanged",
                    stats.added,
                    stats.updated,
                    stats.unchanged
                ),
                Ok(Err(message)) => {
                    tracing::warn!("{message}");
                    self.client
                        .log_message(MessageType::WARNING, format!("factline: {message}"))
                        .await;
                }
                Err(err) => tracing::error!("publishing to the store panicked: {err}"),
            }
            super::archive::ensure_watching(&self.state, &url);
        }
        if let Some(dir) = lazy_dir
            && !self.stale()
        {
            // Read lazily, the index answers from its postings: kept from
            // now on, and built here in one pass from what it holds if they
            // were off (cheaper than with each batch's commit).
            let kept = match store.clone() {
                Some(st) => tokio::task::spawn_blocking(move || st.keep_postings())
                    .await
                    .unwrap_or_else(|e| Err(crate::host::store::StoreError(e.to_string()))),
                None => Ok(()),
            };
            if let Err(e) = kept {
                let message = format!(
                    "the index cannot keep the postings a workspace read lazily needs, so no stored source is proposed: {e}"
                );
                tracing::warn!("{message}");
                self.client
                    .log_message(MessageType::WARNING, format!("factline: {message}"))
                    .await;
            }
            super::archive::ensure_watching_index(&self.state, dir);
        }
        let message = if self.stale() {
            // A newer indexing (new settings or folders) took over: this
            // one did not index everything, and must not say it did.
            "Indexing restarted".to_string()
        } else {
            format!(
                "Indexed {} sources in {:.1} s",
                thousands(total),
                started.elapsed().as_secs_f64()
            )
        };
        tracing::info!("{message}");
        if !self.stale() {
            self.state.indexing.store(false, Ordering::SeqCst);
        }
        self.state.scheduler.refresh_all();
        // The end is reported once the client has answered for the token
        // (bounded by `client_answer`).
        if let Some(p) = progress.finish().await {
            p.finish_with_message(message).await;
        }
    }
}

/// The indexing's progress report: waiting for the client's token, or
/// begun (or not reported at all).
enum IndexProgress {
    Waiting(tokio::task::JoinHandle<Option<OngoingProgress<Bounded, NotCancellable>>>),
    Ready(Option<OngoingProgress<Bounded, NotCancellable>>),
}

impl IndexProgress {
    /// The report, if it has begun; never waits for the client.
    async fn ready(&mut self) -> Option<&OngoingProgress<Bounded, NotCancellable>> {
        if let IndexProgress::Waiting(handle) = self
            && handle.is_finished()
        {
            *self = IndexProgress::Ready(handle.await.ok().flatten());
        }
        match self {
            IndexProgress::Ready(p) => p.as_ref(),
            IndexProgress::Waiting(_) => None,
        }
    }

    /// The report, waiting for the client's answer if it has not come.
    async fn finish(self) -> Option<OngoingProgress<Bounded, NotCancellable>> {
        match self {
            IndexProgress::Waiting(handle) => handle.await.ok().flatten(),
            IndexProgress::Ready(p) => p,
        }
    }
}

/// A batch of files read and analysed: (id, path, analysis or why not;
/// `None` when read lazily and unchanged in the index).
type AnalysedChunk = Vec<(
    DocId,
    PathBuf,
    Option<std::result::Result<Arc<DocAnalysis>, workspace::SourceError>>,
    bool,
)>;

/// Reads and analyses a batch of files in parallel, through the on-disk
/// index when there is one; `lazy`, only the new and changed ones are
/// analysed (and stored), and none is kept in the corpus but the open.
fn analyse_chunk(
    state: &State,
    paths: Vec<PathBuf>,
    store: Option<Arc<crate::host::SqliteStore>>,
    entries: Option<Arc<std::collections::HashMap<String, crate::host::store::Entry>>>,
    lazy: bool,
) -> AnalysedChunk {
    let settings = state.settings();
    let max = state.max_file_bytes();
    let named: Vec<(PathBuf, DocId)> = paths
        .into_iter()
        .filter_map(|path| {
            let id = super::state::path_id(&path)?;
            Some((path, id))
        })
        .collect();
    let store = store.as_deref().map(|s| s as &dyn crate::host::Store);
    let mut loader = crate::host::Loader::new(&settings, max, store);
    if let Some(entries) = entries {
        loader = loader.with_entries(entries);
    }
    let (read, problem, lazy): (Vec<_>, _, _) = if lazy && store.is_some() {
        let (read, _, problem) = loader.load_changed(&named, false, &|_| {});
        // A store that failed part-way leaves the batch's sources analysed
        // and not stored: they are kept in the corpus.
        let lazy = problem.is_none();
        (read, problem, lazy)
    } else {
        let (read, _) = loader.load(&named, false, &|_| {});
        let problem = loader.store_problem();
        (read.into_iter().map(Some).collect(), problem, false)
    };
    if let Some(problem) = problem {
        tracing::warn!("{}", crate::host::store_message(&problem));
    }
    named
        .into_iter()
        .zip(read)
        .map(|((path, id), outcome)| (id, path, outcome, lazy))
        .collect()
}

/// Stores an analysed batch in the corpus (documents open in the editor
/// keep the editor's text). Returns the ids seen (readable or not).
fn store_chunk(state: &State, loaded: AnalysedChunk) -> Vec<DocId> {
    let open = lock(&state.open);
    let mut skipped = lock(&state.skipped);
    let mut corpus = write(&state.corpus);
    let mut ids = Vec::with_capacity(loaded.len());
    let mut analysed = Vec::with_capacity(loaded.len());
    for (id, path, outcome, lazy) in loaded {
        ids.push(id.clone());
        match outcome {
            // Read lazily: in the index, out of the corpus (the index's
            // watcher fetches what the open documents reach).
            None | Some(Ok(_)) if lazy => {
                skipped.remove(&id);
                if !open.contains_key(&id) {
                    corpus.remove(&id);
                }
            }
            None => {}
            Some(Ok(a)) => {
                skipped.remove(&id);
                if !open.contains_key(&id) {
                    analysed.push(a);
                }
            }
            Some(Err(err)) => {
                tracing::warn!("{}: {err}", path.display());
                if !open.contains_key(&id) {
                    corpus.remove(&id);
                }
                skipped.insert(id, err.to_string());
            }
        }
    }
    corpus.upsert_many(analysed);
    ids
}

/// 1234567 → "1,234,567".
fn thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn capabilities(encoding: PositionEncodingKind) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(encoding),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                save: Some(TextDocumentSyncSaveOptions::Supported(false)),
                ..Default::default()
            },
        )),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        document_symbol_provider: Some(OneOf::Left(true)),
        inlay_hint_provider: Some(OneOf::Left(true)),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        code_lens_provider: Some(CodeLensOptions {
            resolve_provider: Some(true),
        }),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![
                CodeActionKind::QUICKFIX,
                CodeActionKind::new(super::features::FIX_ALL_KIND),
            ]),
            resolve_provider: Some(false),
            ..Default::default()
        })),
        execute_command_provider: Some(ExecuteCommandOptions {
            commands: vec![super::review::MARK_REVIEWED.to_string()],
            ..Default::default()
        }),
        workspace: Some(WorkspaceServerCapabilities {
            workspace_folders: Some(WorkspaceFoldersServerCapabilities {
                supported: Some(true),
                change_notifications: Some(OneOf::Left(true)),
            }),
            file_operations: None,
        }),
        ..Default::default()
    }
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let caps = &params.capabilities;
        let encoding = convert::negotiate_encoding(
            caps.general
                .as_ref()
                .and_then(|g| g.position_encodings.as_deref()),
        );
        *write(&self.state.encoding) = encoding;
        *lock(&self.flags) = ClientFlags {
            work_done_progress: caps
                .window
                .as_ref()
                .and_then(|w| w.work_done_progress)
                .unwrap_or(false),
            watch_files: caps
                .workspace
                .as_ref()
                .and_then(|w| w.did_change_watched_files.as_ref())
                .and_then(|d| d.dynamic_registration)
                .unwrap_or(false),
            pull_configuration: caps
                .workspace
                .as_ref()
                .and_then(|w| w.configuration)
                .unwrap_or(false),
            inlay_refresh: caps
                .workspace
                .as_ref()
                .and_then(|w| w.inlay_hint.as_ref())
                .and_then(|i| i.refresh_support)
                .unwrap_or(false),
            pull_diagnostics: caps
                .text_document
                .as_ref()
                .is_some_and(|t| t.diagnostic.is_some()),
            diagnostic_refresh: caps
                .workspace
                .as_ref()
                .and_then(|w| w.diagnostics.as_ref())
                .and_then(|d| d.refresh_support)
                .unwrap_or(false),
        };
        // Pulled diagnostics only with a client that can be told to pull
        // again: a change in one document (or on disk, or in the settings)
        // alters the findings of others, and a client that cannot be told
        // would keep stale ones. Others get them pushed.
        let pull = self.flags().pull_diagnostics && self.flags().diagnostic_refresh;
        self.state.pull_diagnostics.store(pull, Ordering::SeqCst);

        self.initialize_roots(&params);

        tokio::spawn(worker(
            self.client.clone(),
            self.state.clone(),
            self.flags().diagnostic_refresh,
        ));

        let mut capabilities = capabilities(convert::encoding_kind(encoding));
        if pull {
            capabilities.diagnostic_provider = Some(pull_capability());
        }
        Ok(InitializeResult {
            capabilities,
            server_info: Some(ServerInfo {
                name: "factline".to_string(),
                version: Some(env!("CARGO_PKG_VERSION").to_string()),
            }),
            offset_encoding: None,
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        self.log_root_origin().await;
        let issues = write(&self.state.config).rebuild();
        self.report_config(issues).await;
        self.reload_reviewed().await;
        // Indexing needs no answer from the client: it starts first, and the
        // registration is waited for in the background.
        self.spawn_indexing();
        if self.flags().watch_files {
            let client = self.client.clone();
            tokio::spawn(async move { register_watchers(&client).await });
        }
    }

    async fn shutdown(&self) -> Result<()> {
        self.index_generation.fetch_add(1, Ordering::SeqCst);
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let item = params.text_document;
        let is_txt = item
            .uri
            .path()
            .as_str()
            .to_ascii_lowercase()
            .ends_with(".txt");
        if !LANGUAGE_IDS.contains(&item.language_id.as_str()) && !is_txt {
            tracing::debug!("ignoring {} ({})", item.uri.as_str(), item.language_id);
            return;
        }
        let id = doc_id(&item.uri);
        let uri = item.uri.clone();
        lock(&self.state.open).insert(
            id.clone(),
            OpenDoc {
                uri: item.uri,
                doc: Document::new(&item.text),
                version: item.version,
            },
        );
        self.state.scheduler.mark(id);
        self.adopt_folder_of(&uri).await;
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let id = doc_id(&params.text_document.uri);
        let version = params.text_document.version;
        let enc = self.state.encoding();
        {
            let mut open = lock(&self.state.open);
            let Some(doc) = open.get_mut(&id) else {
                tracing::warn!(
                    "didChange for a document that is not open: {}",
                    params.text_document.uri.as_str()
                );
                return;
            };
            if version <= doc.version {
                tracing::warn!(
                    "dropping stale didChange for {} (version {version}, have {})",
                    params.text_document.uri.as_str(),
                    doc.version
                );
                return;
            }
            for change in &params.content_changes {
                doc.doc
                    .apply_change(change.range.map(convert::from_range), &change.text, enc);
            }
            doc.version = version;
        }
        self.state.scheduler.mark(id);
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        let id = doc_id(&uri);
        let was_open = lock(&self.state.open).remove(&id).is_some();
        lock(&self.state.results).remove(&id);
        if !was_open {
            return;
        }
        self.client.publish_diagnostics(uri, Vec::new(), None).await;
        // The file on disk (if it is part of the workspace) takes the
        // editor's place in the corpus.
        let state = self.state.clone();
        let _ = tokio::task::spawn_blocking(move || match id_path(&id) {
            Some(path) if path.is_file() && state.in_workspace(&path) => {
                state.load_disk_file(&path)
            }
            _ => {
                write(&state.corpus).remove(&id);
            }
        })
        .await;
        self.state.scheduler.refresh_all();
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        let mut config_changed = false;
        let mut reviewed_changed = false;
        let mut paths = Vec::new();
        for change in params.changes {
            // Normalised (`..`, percent-encoding) before any check; whether
            // it is inside the workspace is asked below, of where it leads.
            let Some(path) = super::state::uri_path(&change.uri) else {
                continue;
            };
            if path.file_name().is_some_and(|n| n == crate::reviewed::FILE)
                && path
                    .parent()
                    .and_then(|p| p.file_name())
                    .is_some_and(|n| n == crate::reviewed::DIR)
            {
                reviewed_changed = true;
            } else if path
                .file_name()
                .is_some_and(|n| n == crate::config::FILE_NAME)
            {
                config_changed = true;
            } else if workspace::is_source_path(&path) {
                paths.push((path, change.typ));
            }
        }
        if config_changed {
            self.reload_config().await;
            return;
        }
        if reviewed_changed {
            self.reload_reviewed().await;
            self.state.scheduler.refresh_all();
        }
        if paths.is_empty() {
            return;
        }
        let state = self.state.clone();
        let _ = tokio::task::spawn_blocking(move || {
            for (path, typ) in paths {
                if !state.in_workspace(&path) {
                    tracing::warn!(
                        "ignoring a change outside the workspace folders: {}",
                        path.display()
                    );
                } else if typ == FileChangeType::DELETED || !path.is_file() {
                    state.forget_disk_file(&path);
                } else {
                    state.load_disk_file(&path);
                }
            }
        })
        .await;
        self.state.scheduler.refresh_all();
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        let mut settings = params.settings;
        let empty = settings.is_null() || settings.as_object().is_some_and(|m| m.is_empty());
        if empty && self.flags().pull_configuration {
            let item = ConfigurationItem {
                scope_uri: None,
                section: Some("factline".to_string()),
            };
            match client_answer(self.client.configuration(vec![item])).await {
                Ok(mut values) if !values.is_empty() => settings = values.swap_remove(0),
                Ok(_) => {}
                Err(err) => tracing::warn!("workspace/configuration failed: {err}"),
            }
        }
        write(&self.state.config).editor = settings;
        self.reload_config().await;
    }

    async fn did_change_workspace_folders(&self, params: DidChangeWorkspaceFoldersParams) {
        {
            let mut roots = write(&self.state.roots);
            for removed in &params.event.removed {
                if let Some(p) = super::state::uri_path(&removed.uri) {
                    roots.retain(|r| crate::paths::lexical(r) != p);
                }
            }
            for added in &params.event.added {
                match super::state::uri_path(&added.uri) {
                    Some(p) => roots.push(p),
                    None => tracing::warn!(
                        "workspace folder change: {} is not a folder on disk; ignored",
                        added.uri.as_str()
                    ),
                }
            }
            if !params.event.added.is_empty() {
                *write(&self.state.root_origin) = roots::RootOrigin::WorkspaceFolders;
            }
        }
        self.spawn_indexing();
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let p = params.text_document_position_params;
        let id = doc_id(&p.text_document.uri);
        self.blocking(move |s| s.hover(&id, p.position)).await
    }

    async fn inlay_hint(&self, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        let id = doc_id(&params.text_document.uri);
        let range = params.range;
        let hints = self.blocking(move |s| s.inlay_hints(&id, range)).await?;
        Ok(Some(hints))
    }

    async fn execute_command(&self, params: ExecuteCommandParams) -> Result<Option<LSPAny>> {
        if params.command != super::review::MARK_REVIEWED {
            return Err(Error::invalid_params(format!(
                "unknown command: {}",
                params.command
            )));
        }
        let arguments = params.arguments;
        match self.blocking(move |s| s.mark_reviewed(&arguments)).await? {
            Ok(entry) => {
                tracing::info!("marked {} in {} as reviewed", entry.rule, entry.file);
                self.state.scheduler.refresh_all();
                Ok(Some(serde_json::json!({
                    "file": entry.file,
                    "rule": entry.rule,
                    "sentence": entry.sentence,
                })))
            }
            Err(message) => {
                self.client
                    .show_message(MessageType::ERROR, format!("factline: {message}"))
                    .await;
                Err(Error::invalid_params(message))
            }
        }
    }

    async fn goto_definition(
        &self,
        params: GotoDefinitionParams,
    ) -> Result<Option<GotoDefinitionResponse>> {
        let p = params.text_document_position_params;
        let id = doc_id(&p.text_document.uri);
        self.blocking(move |s| s.related_definition(&id, p.position))
            .await
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        let p = params.text_document_position;
        let id = doc_id(&p.text_document.uri);
        self.blocking(move |s| s.related_references(&id, p.position))
            .await
    }

    async fn code_lens(&self, params: CodeLensParams) -> Result<Option<Vec<CodeLens>>> {
        let uri = params.text_document.uri;
        let id = doc_id(&uri);
        let lenses = self
            .blocking(move |s| {
                let mut lenses = s.related_code_lenses(&uri, &id);
                lenses.extend(s.claim_lenses(&id));
                lenses
            })
            .await?;
        Ok(Some(lenses))
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        let id = doc_id(&params.text_document.uri);
        let symbols = self.blocking(move |s| s.document_symbols(&id)).await?;
        Ok(symbols.map(DocumentSymbolResponse::Nested))
    }

    async fn code_lens_resolve(&self, lens: CodeLens) -> Result<CodeLens> {
        self.blocking(move |s| s.resolve_related_lens(lens)).await
    }

    async fn diagnostic(
        &self,
        params: DocumentDiagnosticParams,
    ) -> Result<DocumentDiagnosticReportResult> {
        let id = doc_id(&params.text_document.uri);
        let items = self.blocking(move |s| s.pull_document(&id)).await?;
        Ok(DocumentDiagnosticReportResult::Report(
            DocumentDiagnosticReport::Full(RelatedFullDocumentDiagnosticReport {
                related_documents: None,
                full_document_diagnostic_report: FullDocumentDiagnosticReport {
                    result_id: None,
                    items,
                },
            }),
        ))
    }

    async fn workspace_diagnostic(
        &self,
        _params: WorkspaceDiagnosticParams,
    ) -> Result<WorkspaceDiagnosticReportResult> {
        // Held open until there is something new since the last report (a
        // long poll): indexing finished, files or settings changed.
        loop {
            let changed = self.state.scheduler.changed.notified();
            tokio::pin!(changed);
            changed.as_mut().enable();
            let generation = self.state.scheduler.generation.load(Ordering::SeqCst);
            let indexing = self.state.indexing.load(Ordering::SeqCst);
            let reported = self.state.workspace_reported.load(Ordering::SeqCst);
            if !indexing && reported != generation + 1 {
                break;
            }
            changed.await;
        }
        let generation = self.state.scheduler.generation.load(Ordering::SeqCst);
        let items = self
            .blocking(move |s| {
                let result_id = s.diagnostics_result_id();
                s.pull_workspace(&result_id)
            })
            .await?;
        self.state
            .workspace_reported
            .store(generation + 1, Ordering::SeqCst);
        Ok(WorkspaceDiagnosticReportResult::Report(
            WorkspaceDiagnosticReport { items },
        ))
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let uri = params.text_document.uri;
        let id = doc_id(&uri);
        let only = params.context.only;
        let range = params.range;
        let actions = self
            .blocking(move |s| s.code_actions(&uri, &id, range, only.as_deref()))
            .await?;
        Ok(Some(actions))
    }
}
