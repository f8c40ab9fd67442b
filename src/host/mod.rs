//! The host layer: from folders on disk to an analysed corpus.
//!
//! Finding the `.txt` sources of folders (each file once, however it is
//! reached), reading them with the size and encoding checks of
//! [`workspace`], analysing them on every core (or taking their analysis
//! from the on-disk index, [`index`] and [`store`]), and storing them in a
//! [`Corpus`]. The command line's subcommands and the server's workspace
//! indexing load through here; what could not be read is returned as
//! messages for the caller to print.

pub mod archive;
pub mod findings;
pub mod index;
pub mod postgres;
pub mod reach;
pub mod store;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::analysis::settings::Drafts;
use crate::analysis::{self, Corpus, DocAnalysis, DocId, Settings};
use crate::config::Config;
use crate::workspace;

pub use archive::Archive;
pub use index::{Loader, Stats};
pub use postgres::PgStore;
pub use store::{SqliteStore, Store};

/// What loading produced.
#[derive(Debug, Default)]
pub struct Loaded {
    pub corpus: Corpus,
    /// Files that were found but not loaded, with the reason.
    pub problems: Vec<String>,
}

/// Every `.txt` file under `dirs` (exclusions of `config` applied), each
/// once, in a stable order, leaving out the files of `skip` (compared by
/// canonical path). Folders that do not exist and unreadable entries are
/// reported in the returned messages.
pub fn discover(
    dirs: &[PathBuf],
    config: &Config,
    skip: &[PathBuf],
) -> (Vec<PathBuf>, Vec<String>) {
    let excludes = workspace::exclude_set(&config.exclude);
    let canonical = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
    let mut seen: HashSet<PathBuf> = skip.iter().map(|p| canonical(p)).collect();
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for dir in dirs {
        if !dir.is_dir() {
            problems.push(format!("{}: not a folder", dir.display()));
            continue;
        }
        let (found, issues) = workspace::discover(dir, &excludes);
        problems.extend(issues);
        for f in found {
            // "./sources/a.txt" reads better as "sources/a.txt".
            let f = match f.strip_prefix(".") {
                Ok(rel) if dir.as_os_str() == "." => rel.to_path_buf(),
                _ => f,
            };
            if seen.insert(canonical(&f)) {
                files.push(f);
            }
        }
    }
    (files, problems)
}

/// Reads and analyses `path` as document `path.display()`.
pub fn analyse_file(
    path: &Path,
    settings: &Settings,
    max_bytes: u64,
) -> Result<Arc<DocAnalysis>, String> {
    let id = DocId::new(path.display().to_string());
    workspace::read_source(path, max_bytes)
        .map(|text| Arc::new(analysis::analyze_document(id, Arc::from(text), settings)))
        .map_err(|e| format!("{}: {e}", path.display()))
}

/// Reads and analyses `files` on every core (through `store` when given)
/// and stores them in a corpus.
pub fn load(
    files: Vec<PathBuf>,
    settings: &Settings,
    max_bytes: u64,
    store: Option<&dyn Store>,
) -> Loaded {
    let named = with_ids(files);
    let loader = Loader::new(settings, max_bytes, store);
    let (read, _) = loader.load(&named, false, &|_| {});
    let mut loaded = Loaded::default();
    if let Some(problem) = loader.store_problem() {
        loaded.problems.push(store_message(&problem));
    }
    let mut batch = Vec::with_capacity(read.len());
    for ((path, _), r) in named.iter().zip(read) {
        match r {
            Ok(doc) => batch.push(doc),
            Err(e) => loaded.problems.push(format!("{}: {e}", path.display())),
        }
    }
    loaded.corpus.upsert_many(batch);
    loaded
}

/// Each path with the id the command line knows it by (the path as
/// displayed).
pub fn with_ids(files: Vec<PathBuf>) -> Vec<(PathBuf, DocId)> {
    files
        .into_iter()
        .map(|p| {
            let id = DocId::new(p.display().to_string());
            (p, id)
        })
        .collect()
}

/// The workspace root of a command: the folder of the configuration file
/// when there is one, else the first path given (its folder, for a file).
pub fn workspace_root(config_file: Option<&Path>, paths: &[PathBuf]) -> PathBuf {
    if let Some(file) = config_file {
        return folder_of(file);
    }
    match paths.first() {
        Some(p) if p.is_dir() => p.clone(),
        Some(p) => folder_of(p),
        None => PathBuf::from("."),
    }
}

/// The index folder of the workspace at `root` (`index.path`, which the
/// configuration keeps inside the root).
pub fn index_dir(root: &Path, config: &Config) -> PathBuf {
    root.join(&config.index_path)
}

/// Opens the on-disk index of the workspace at `root`: `Ok(None)` when it
/// is turned off, `Err` (a message) when it cannot be used, in which case
/// the caller loads in memory and says so once.
pub fn open_index(root: &Path, config: &Config) -> Result<Option<SqliteStore>, String> {
    if !config.index_enabled {
        return Ok(None);
    }
    let dir = index_dir(root, config);
    // The configuration keeps `index.path` relative and free of `..`; a
    // link inside the root that leads out of it is refused here.
    let inside = crate::paths::resolve(&dir).starts_with(crate::paths::resolve(root));
    if !inside && dir.exists() {
        return Err(store_message(&format!(
            "{} leads outside the workspace",
            dir.display()
        )));
    }
    SqliteStore::open(&dir)
        .map(Some)
        .map_err(|e| store_message(&e.0))
}

/// The message that says the index is not used for this run.
pub fn store_message(problem: &str) -> String {
    format!("the on-disk index is not used ({problem}); sources are analysed in memory")
}

/// The folder a file is in ("." for a bare file name).
pub fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// The folder `drafts` and `exclude` globs are relative to for `path`:
/// the folder of the nearest `factline.toml` above it, else its own folder.
pub fn root_for(path: &Path) -> PathBuf {
    match workspace::find_config(path) {
        Some(file) => folder_of(&file),
        None => folder_of(path),
    }
}

/// Whether `path` matches the `drafts` globs of `config`, relative to
/// `root` (both compared as canonical paths, however they were spelled).
pub fn is_draft(config: &Config, root: &Path, path: &Path) -> bool {
    if config.drafts.is_empty() {
        return false;
    }
    let canonical = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
    let set = workspace::exclude_set(&config.drafts);
    workspace::is_excluded(&canonical(root), &canonical(path), &set)
}

/// The drafts among `paths` (document ids are the paths as displayed):
/// those matching the `drafts` globs and those given as `draft_files`.
pub fn drafts_among<'a>(paths: impl IntoIterator<Item = &'a PathBuf>, config: &Config) -> Drafts {
    if config.drafts.is_empty() && config.draft_files.is_empty() {
        return Drafts::default();
    }
    let canonical = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
    let given: HashSet<PathBuf> = config.draft_files.iter().map(|p| canonical(p)).collect();
    Drafts::new(
        paths
            .into_iter()
            .filter(|p| given.contains(&canonical(p)) || is_draft(config, &root_for(p), p))
            .map(|p| DocId::new(p.display().to_string())),
    )
}

/// The desk-wide store named by `--store` (else by `store` in the
/// configuration), connected; `Ok(None)` when neither names one.
pub fn open_archive(flag: Option<&str>, config: &Config) -> Result<Option<PgStore>, String> {
    let Some(url) = flag.or(config.store.as_deref()) else {
        return Ok(None);
    };
    if !postgres::is_url(url) {
        return Err(format!(
            "--store: expected a PostgreSQL URL (postgres://user@host/database), found {}",
            postgres::redact(url)
        ));
    }
    PgStore::connect(url)
        .map(Some)
        .map_err(|e| format!("the store {} cannot be used: {e}", postgres::redact(url)))
}

/// Adds to `corpus` the archive documents related to `queries` (the
/// documents being checked, a draft, a query's document), fetched from
/// `archive`, each known by its key; the sources of `local_paths` and
/// those already in the corpus are not fetched again. Returns the
/// documents added.
pub fn add_archive(
    corpus: &mut Corpus,
    queries: &[&DocAnalysis],
    local_paths: &[PathBuf],
    archive: &dyn Archive,
) -> Result<Vec<Arc<DocAnalysis>>, String> {
    add_archive_for(corpus, queries, None, local_paths, archive)
}

/// [`add_archive`] for one passage (by index) of one document.
pub fn add_archive_for_passage(
    corpus: &mut Corpus,
    doc: &DocAnalysis,
    passage: usize,
    local_paths: &[PathBuf],
    archive: &dyn Archive,
) -> Result<Vec<Arc<DocAnalysis>>, String> {
    add_archive_for(corpus, &[doc], Some(passage), local_paths, archive)
}

fn add_archive_for(
    corpus: &mut Corpus,
    queries: &[&DocAnalysis],
    passage: Option<usize>,
    local_paths: &[PathBuf],
    archive: &dyn Archive,
) -> Result<Vec<Arc<DocAnalysis>>, String> {
    let local: HashSet<String> = local_paths.iter().map(|p| index::key_of(p)).collect();
    let skip = |key: &str| local.contains(key);
    let id_of = |key: &str| DocId::new(key);
    let docs = match (passage, queries.first()) {
        (Some(i), Some(doc)) => archive.related_to_passage(doc, i, &skip, &id_of),
        _ => archive.related_documents(queries, &skip, &id_of),
    }
    .map_err(|e| format!("the store {}: {e}", archive.archive_location()))?;
    let fresh: Vec<Arc<DocAnalysis>> = docs
        .into_iter()
        .filter(|d| !corpus.contains(&d.id))
        .collect();
    corpus.upsert_many(fresh.clone());
    Ok(fresh)
}
