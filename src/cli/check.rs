//! `factline check`: read the paths and the corpus folders, analyse every
//! file, run the rules on the checked ones, print.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use super::{CheckArgs, Format, output, status};
use crate::analysis::{
    self, Corpus, DocAnalysis, DocId, Finding, RuleScope, Settings, Severity,
    rules::UNREADABLE_FILE,
};
use crate::config::{Config, IssueLevel};
use crate::reviewed::Reviewed;
use crate::workspace;

/// One checked file and what was found in it.
pub struct FileReport {
    /// The path as given (or joined from a given folder).
    pub path: String,
    /// The text, when it could be read.
    pub text: Option<Arc<str>>,
    pub findings: Vec<Finding>,
    /// The analysis the findings were made from (for fixes).
    pub doc: Option<Arc<DocAnalysis>>,
}

/// Everything a check produced, ready to print.
pub struct Report {
    pub files: Vec<FileReport>,
    /// Texts of every document a finding may point into, by id (= path).
    pub texts: HashMap<DocId, Arc<str>>,
}

/// Loads the configuration for a check: `--config`, or the nearest
/// `factline.toml` above the first path or the working directory.
pub fn load_config(explicit: Option<&Path>, paths: &[PathBuf]) -> (Config, bool) {
    let mut config = Config::default();
    let file = config_file(explicit, paths);
    let mut failed = false;
    if let Some(file) = file {
        for issue in config.apply_file(&file) {
            failed |= issue.level == IssueLevel::Error;
            eprintln!("factline: {issue}");
        }
    }
    (config, failed)
}

/// The configuration file of a command: `--config`, or the nearest
/// `factline.toml` above the first path or the working directory.
pub fn config_file(explicit: Option<&Path>, paths: &[PathBuf]) -> Option<PathBuf> {
    explicit.map(Path::to_path_buf).or_else(|| {
        paths
            .iter()
            .find_map(|p| workspace::find_config(p))
            .or_else(|| {
                std::env::current_dir()
                    .ok()
                    .and_then(|d| workspace::find_config(&d))
            })
    })
}

/// Which rules' findings are reported (`--rule`, `--exclude-rule`).
#[derive(Debug, Default)]
pub struct RuleFilter {
    only: Vec<String>,
    exclude: Vec<String>,
}

impl RuleFilter {
    /// Checks the codes given; an unknown one is an error that names the
    /// closest known code.
    pub fn new(only: &[String], exclude: &[String]) -> Result<Self, String> {
        let known: Vec<&str> = analysis::rules::all_meta().map(|m| m.code).collect();
        for code in only.iter().chain(exclude) {
            if !known.contains(&code.as_str()) {
                return Err(
                    match crate::config::did_you_mean(code, known.iter().copied()) {
                        Some(near) => {
                            format!("no rule has the code `{code}`; did you mean `{near}`?")
                        }
                        None => format!(
                            "no rule has the code `{code}`; known rules: {}",
                            known.join(", ")
                        ),
                    },
                );
            }
        }
        Ok(Self {
            only: only.to_vec(),
            exclude: exclude.to_vec(),
        })
    }

    /// Whether findings of `code` are reported.
    pub fn keeps(&self, code: &str) -> bool {
        (self.only.is_empty() || self.only.iter().any(|c| c == code))
            && !self.exclude.iter().any(|c| c == code)
    }

    /// Drops the findings of the rules left out.
    pub fn apply(&self, report: &mut Report) {
        for file in &mut report.files {
            file.findings.retain(|f| self.keeps(f.code));
        }
    }
}

/// A progress bar on stderr while sources are read and checked, shown only
/// when stderr is a terminal (never in pipes, logs or CI) and not `--quiet`.
pub fn progress_bar(quiet: bool) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if quiet || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(0);
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{msg:10} [{bar:30}] {human_pos}/{human_len} files ({elapsed}, {eta} left)",
    ) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar
}

/// Runs `factline check` and returns the exit status.
pub fn run(args: &CheckArgs) -> u8 {
    let filter = match RuleFilter::new(&args.rules, &args.exclude_rules) {
        Ok(f) => f,
        Err(message) => {
            eprintln!("factline: {message}");
            return status::ERROR;
        }
    };
    let (mut config, config_failed) = load_config(args.config.as_deref(), &args.paths);
    config.draft_files = args.draft.clone();
    // Drafts are checked too.
    let mut checked = args.paths.clone();
    checked.extend(args.draft.iter().cloned());
    let args = &CheckArgs {
        paths: checked,
        ..args.clone()
    };
    let (reviewed, problems) = Reviewed::load(&reviewed_roots(args.config.as_deref(), &args.paths));
    for p in &problems {
        eprintln!("factline: {p}");
    }
    // A reviewed list that cannot be read is a configuration error: the
    // report would show findings the user marked as reviewed.
    let config_failed = config_failed || !problems.is_empty();
    let progress = progress_bar(args.quiet);
    let root = crate::host::workspace_root(
        config_file(args.config.as_deref(), &args.paths).as_deref(),
        &args.paths,
    );
    let store = super::open_store(&root, &config, args.no_index);
    let store = store.as_ref().map(|s| s as &dyn crate::host::Store);
    let archive = match crate::host::open_archive(args.store.as_deref(), &config) {
        Ok(a) => a,
        Err(message) => {
            progress.finish_and_clear();
            eprintln!("factline: {message}");
            return status::ERROR;
        }
    };
    let mut reviewed = reviewed;
    if let Some(archive) = &archive {
        // Findings the desk marked as reviewed, in the shared database.
        match archive.reviews() {
            Ok(entries) => reviewed.extend_all(&root, &entries),
            Err(e) => {
                progress.finish_and_clear();
                eprintln!("factline: the store {}: {e}", archive.location());
                return status::ERROR;
            }
        }
    }
    // `--fix` needs every checked file's analysis, so it never takes
    // findings kept from an earlier check.
    let (mut report, mut io_failed) = check_paths_with(
        &args.paths,
        &args.corpus,
        &config,
        &reviewed,
        &progress,
        store,
        archive.as_ref(),
        !args.fix,
    );
    if report.files.is_empty() && !io_failed {
        progress.finish_and_clear();
        let paths: Vec<String> = args.paths.iter().map(|p| p.display().to_string()).collect();
        eprintln!(
            "factline: warning: no .txt file found in {}; factline checks plain-text sources \
             (*.txt) only",
            paths.join(", ")
        );
        return status::ERROR;
    }
    if args.fix && !problems.is_empty() {
        // Without the list, findings marked as reviewed (lines the user
        // chose to keep) would be removed.
        eprintln!("factline: --fix: nothing changed, because the reviewed list cannot be read");
    } else if args.fix {
        let outcome = fix_files(&report);
        for (path, err) in &outcome.not_written {
            eprintln!("factline: {path}: {err}");
        }
        io_failed |= !outcome.not_written.is_empty();
        if !outcome.written.is_empty() {
            // Report what is left.
            let (again, failed) = check_paths_with(
                &args.paths,
                &args.corpus,
                &config,
                &reviewed,
                &progress,
                store,
                archive.as_ref(),
                false,
            );
            report = again;
            io_failed |= failed;
        }
    }
    progress.finish_and_clear();
    filter.apply(&mut report);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let options = output::HumanOptions {
        quiet: args.quiet,
        summary: args.summary,
    };
    let mut printed = match args.format {
        Format::Human => output::human_with(&mut out, &report, options),
        Format::Json => output::json(&mut out, &report),
        Format::Sarif => output::sarif(&mut out, &report),
    };
    if args.summary && args.format != Format::Human {
        printed = printed.and(output::summary(&mut std::io::stderr().lock(), &report));
    }
    let printed = printed.and_then(|()| out.flush());
    if let Err(err) = &printed {
        eprintln!("factline: cannot write the report to the standard output: {err}");
    }
    if printed.is_err() || config_failed || io_failed {
        return status::ERROR;
    }
    let serious = report
        .files
        .iter()
        .flat_map(|f| &f.findings)
        .any(|f| f.severity <= Severity::Warning);
    // The command ends here: freeing every document's analysis one by one
    // would keep one core busy for nothing, so the report is released
    // with the process.
    std::mem::forget(report);
    if serious {
        status::FINDINGS
    } else {
        status::CLEAN
    }
}

/// What `--fix` did.
#[derive(Debug, Default)]
pub struct FixOutcome {
    /// Files rewritten, with the number of lines removed.
    pub written: Vec<(String, usize)>,
    /// Files left alone, and why (changed since read, I/O error).
    pub not_written: Vec<(String, String)>,
}

/// Applies every bulk-applicable fix (boilerplate removals, see
/// [`analysis::fix_all`]) of the checked files to the files on disk. A
/// file is written only if it still holds the text that was checked; the
/// write is atomic ([`workspace::write_atomic_if_unchanged`]).
pub fn fix_files(report: &Report) -> FixOutcome {
    let mut outcome = FixOutcome::default();
    for file in &report.files {
        let Some(doc) = &file.doc else { continue };
        let Some(fix) = analysis::fix_all(doc, &file.findings) else {
            continue;
        };
        let path = Path::new(&file.path);
        let stamp = match workspace::read_stamped(path) {
            Ok(s) => s,
            Err(err) => {
                outcome.not_written.push((
                    file.path.clone(),
                    format!("cannot read the file again: {err}"),
                ));
                continue;
            }
        };
        if workspace::utf16_bom(&stamp.bytes).is_some() {
            outcome.not_written.push((
                file.path.clone(),
                "a UTF-16 file is not rewritten by --fix; re-save it as UTF-8 to fix it"
                    .to_string(),
            ));
            continue;
        }
        // The text checked is the file minus a byte-order mark.
        let bom = stamp.bytes.starts_with(b"\xEF\xBB\xBF");
        let body = &stamp.bytes[if bom { 3 } else { 0 }..];
        if body != doc.text.as_bytes() {
            outcome.not_written.push((
                file.path.clone(),
                workspace::WriteError::Changed.to_string(),
            ));
            continue;
        }
        let fixed = analysis::apply_edits(&doc.text, &fix.edits);
        let mut bytes = Vec::with_capacity(fixed.len() + 3);
        if bom {
            bytes.extend_from_slice(b"\xEF\xBB\xBF");
        }
        bytes.extend_from_slice(fixed.as_bytes());
        match workspace::write_atomic_if_unchanged(path, &stamp, &bytes) {
            Ok(()) => {
                let removed = doc
                    .text
                    .lines()
                    .count()
                    .saturating_sub(fixed.lines().count());
                outcome.written.push((file.path.clone(), removed));
            }
            Err(err) => outcome
                .not_written
                .push((file.path.clone(), err.to_string())),
        }
    }
    outcome
}

/// A file to read: its display path, and whether it is checked or only
/// part of the corpus.
struct Source {
    path: PathBuf,
    checked: bool,
}

/// Where `factline check` looks for `.factline/reviewed.toml`: each checked
/// folder, and the folder of the configuration file.
pub fn reviewed_roots(explicit: Option<&Path>, paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut roots: Vec<PathBuf> = paths.iter().filter(|p| p.is_dir()).cloned().collect();
    let config = config_file(explicit, paths);
    if let Some(dir) = config.as_deref().and_then(Path::parent) {
        roots.push(if dir.as_os_str().is_empty() {
            PathBuf::from(".")
        } else {
            dir.to_path_buf()
        });
    }
    roots
}

/// Checks `paths` against themselves and the `corpus` folders. Returns the
/// report and whether some path could not be read.
pub fn check_paths(paths: &[PathBuf], corpus_dirs: &[PathBuf], config: &Config) -> (Report, bool) {
    check_paths_reviewed(paths, corpus_dirs, config, &Reviewed::default())
}

/// [`check_paths`], leaving out the findings marked as reviewed.
pub fn check_paths_reviewed(
    paths: &[PathBuf],
    corpus_dirs: &[PathBuf],
    config: &Config,
    reviewed: &Reviewed,
) -> (Report, bool) {
    let hidden = indicatif::ProgressBar::hidden();
    check_paths_with(
        paths,
        corpus_dirs,
        config,
        reviewed,
        &hidden,
        None,
        None,
        false,
    )
}

/// [`check_paths_reviewed`], advancing `progress` as files are read and
/// analysed, then as the checked ones are checked; analyses are taken
/// from and added to `store` when there is one, and so are the findings
/// (without an `archive`, whose documents are not part of the state they
/// are kept with): with `reuse`, a check over the same sources, settings
/// and build as the last one takes its findings back from the store
/// ([`crate::host::findings`]) instead of checking again.
#[allow(clippy::too_many_arguments)]
pub fn check_paths_with(
    paths: &[PathBuf],
    corpus_dirs: &[PathBuf],
    config: &Config,
    reviewed: &Reviewed,
    progress: &indicatif::ProgressBar,
    store: Option<&dyn crate::host::Store>,
    archive: Option<&crate::host::PgStore>,
    reuse: bool,
) -> (Report, bool) {
    let excludes = workspace::exclude_set(&config.exclude);
    let mut io_failed = false;
    let mut sources: Vec<Source> = Vec::new();
    for path in paths {
        if !path.exists() {
            eprintln!("factline: {}: no such file or folder", path.display());
            io_failed = true;
            continue;
        }
        let (files, problems) = workspace::discover(path, &excludes);
        for p in problems {
            eprintln!("factline: {p}");
        }
        sources.extend(files.into_iter().map(|path| Source {
            path,
            checked: true,
        }));
    }
    for dir in corpus_dirs {
        if !dir.is_dir() {
            eprintln!("factline: --corpus {}: not a folder", dir.display());
            io_failed = true;
            continue;
        }
        let (files, problems) = workspace::discover(dir, &excludes);
        for p in problems {
            eprintln!("factline: {p}");
        }
        sources.extend(files.into_iter().map(|path| Source {
            path,
            checked: false,
        }));
    }
    // A file both checked and in a corpus folder is read once, as checked.
    let mut seen = std::collections::HashSet::new();
    sources.sort_by_key(|s| !s.checked);
    // Resolving a path is a few system calls per folder on the way:
    // done on every core, then compared in order.
    let canonical: Vec<PathBuf> = sources
        .par_iter()
        .map(|s| s.path.canonicalize().unwrap_or_else(|_| s.path.clone()))
        .collect();
    let mut canonical = canonical.into_iter();
    sources.retain(|_| canonical.next().is_some_and(|c| seen.insert(c)));

    let mut settings: Settings = config.settings();
    settings.drafts = crate::host::drafts_among(sources.iter().map(|s| &s.path), config);
    let max = config.max_file_bytes;
    let checked = sources.iter().filter(|s| s.checked).count();
    progress.set_message("reading");
    progress.set_length(sources.len() as u64);
    progress.set_position(0);
    let named: Vec<(PathBuf, DocId)> = sources
        .iter()
        .map(|s| (s.path.clone(), DocId::new(s.path.display().to_string())))
        .collect();
    // Findings are kept only for a check of local sources.
    let keep = if archive.is_none() { store } else { None };
    if let Some(store) = keep.filter(|_| reuse) {
        let listed: Vec<(PathBuf, DocId, bool)> = named
            .iter()
            .zip(&sources)
            .map(|((p, id), s)| (p.clone(), id.clone(), s.checked))
            .collect();
        if let Some(kept) = crate::host::findings::reuse(store, &listed, &settings, max) {
            progress.set_position(sources.len() as u64);
            return (reused_report(sources, kept, reviewed, &settings), io_failed);
        }
    }
    // The last check, to take the findings a change does not reach.
    let previous = keep.filter(|_| reuse).and_then(|store| {
        let now = named
            .iter()
            .map(|(p, _)| crate::host::index::key_of(p))
            .collect();
        crate::host::findings::Previous::read(store, &settings, &now)
    });
    let mut loader = crate::host::Loader::new(&settings, max, store);
    if previous.is_some() {
        loader = loader.keep_replaced();
    }
    let (loaded, _) = loader.load(&named, true, &|done| progress.set_position(done as u64));
    if let Some(problem) = loader.store_problem() {
        eprintln!("factline: {}", crate::host::store_message(&problem));
    }
    let read: Vec<(Source, Result<Arc<DocAnalysis>, String>)> = sources
        .into_iter()
        .zip(loaded)
        .map(|(source, outcome)| (source, outcome.map_err(|e| e.to_string())))
        .collect();

    let mut corpus = Corpus::new();
    let mut texts = HashMap::new();
    let mut analysed = Vec::with_capacity(read.len());
    for (source, outcome) in &read {
        match outcome {
            Ok(a) => {
                texts.insert(a.id.clone(), a.text.clone());
                analysed.push(a.clone());
            }
            Err(err) if !source.checked => {
                eprintln!("factline: {}: {err}", source.path.display());
            }
            Err(_) => {}
        }
    }
    corpus.upsert_many(analysed);
    if let Some(archive) = archive {
        // The desk-wide index: the archive's documents related to the
        // checked ones, beside the local folders (never reported).
        progress.set_message("fetching related sources");
        // The drafts when there are some (what a desk verifies), else
        // every checked file.
        let checked: Vec<&DocAnalysis> = read
            .iter()
            .filter(|(s, _)| s.checked)
            .filter_map(|(_, r)| r.as_deref().ok())
            .collect();
        let drafts: Vec<&DocAnalysis> = checked
            .iter()
            .copied()
            .filter(|d| settings.drafts.contains(&d.id))
            .collect();
        let queries = if drafts.is_empty() { checked } else { drafts };
        let local: Vec<PathBuf> = read.iter().map(|(s, _)| s.path.clone()).collect();
        match crate::host::add_archive(&mut corpus, &queries, &local, archive) {
            Ok(added) => {
                for a in added {
                    texts.insert(a.id.clone(), a.text.clone());
                }
            }
            Err(message) => {
                eprintln!("factline: {message}");
                io_failed = true;
            }
        }
    }

    // The state these findings are computed against, from the texts
    // analysed (not read again), so what is kept is what was checked.
    let keys: Vec<String> = read
        .iter()
        .map(|(s, _)| crate::host::index::key_of(&s.path))
        .collect();
    let states: Vec<crate::host::findings::SourceState<'_>> = match keep {
        None => Vec::new(),
        Some(_) => read
            .iter()
            .zip(&named)
            .zip(&keys)
            .map(
                |(((source, outcome), (_, id)), key)| crate::host::findings::SourceState {
                    id: id.as_str(),
                    key,
                    text: outcome
                        .as_ref()
                        .map(|a| crate::host::store::text_hash(a.text.as_bytes()))
                        .map_err(Clone::clone),
                    checked: source.checked,
                },
            )
            .collect(),
    };
    let state = keep.map(|_| crate::host::findings::CheckState::new(&settings, &states));
    // After a change, the findings of the sources it cannot reach are
    // taken from the last check.
    let plan = previous.and_then(|previous| {
        let now: Vec<_> = states
            .iter()
            .zip(&read)
            .map(|(s, (_, outcome))| (s.clone(), outcome.as_ref().ok()))
            .collect();
        crate::host::findings::plan(keep?, previous, &now, loader.replaced(), &corpus, &settings)
    });
    progress.set_message("checking");
    progress.set_length(checked as u64);
    progress.set_position(0);
    let done: Vec<(FileReport, Option<KeptRow>)> = read
        .par_iter()
        .filter(|(source, _)| source.checked)
        .map(|(source, outcome)| {
            progress.inc(1);
            let path = source.path.display().to_string();
            match outcome {
                Ok(a) => {
                    let key = crate::host::index::key_of(&source.path);
                    let taken = plan.as_ref().and_then(|p| {
                        let blob = p.kept.get(&key)?;
                        Some((crate::host::findings::decode(blob)?, blob.clone()))
                    });
                    if let Some((found, blob)) = taken {
                        let findings = found
                            .into_iter()
                            .filter(|(f, sentence)| {
                                !reviewed.contains_hashed(&source.path, f.code, sentence)
                            })
                            .map(|(f, _)| f)
                            .collect();
                        let report = FileReport {
                            path,
                            text: Some(a.text.clone()),
                            findings,
                            doc: Some(a.clone()),
                        };
                        return (report, Some((key, blob)));
                    }
                    let mut findings = analysis::check(a, &corpus, &settings, RuleScope::All);
                    let kept = state.and_then(|_| {
                        crate::host::findings::encode(a, &findings).map(|b| (key, b))
                    });
                    reviewed.retain_unreviewed(&source.path, a, &mut findings);
                    let report = FileReport {
                        path,
                        text: Some(a.text.clone()),
                        findings,
                        doc: Some(a.clone()),
                    };
                    (report, kept)
                }
                Err(err) => (unreadable_report(path, err, &settings), None),
            }
        })
        .collect();
    let mut files = Vec::with_capacity(done.len());
    let mut rows = Vec::new();
    for (file, row) in done {
        files.push(file);
        rows.extend(row);
    }
    // The list of sources goes with the findings, for the next check.
    rows.extend(crate::host::findings::list_row(&settings, &states));
    if let (Some(store), Some(state)) = (keep, state)
        && let Err(err) = store.put_findings(state.0, &rows)
    {
        eprintln!("factline: the findings could not be kept in the index: {err}");
    }
    drop(plan);
    // Freeing the corpus's indexes (millions of small allocations) is
    // left to a worker, beside the printing of the report.
    rayon::spawn(move || drop(corpus));
    (Report { files, texts }, io_failed)
}

/// A checked file's key in the index and its encoded findings.
type KeptRow = (String, Vec<u8>);

/// The report of a file that could not be read (an `unreadable-file`
/// finding, unless that rule is off).
fn unreadable_report(path: String, err: &str, settings: &Settings) -> FileReport {
    let unreadable = settings.rule(UNREADABLE_FILE.code);
    let mut findings = Vec::new();
    if unreadable.enabled {
        let mut f = Finding::new(&UNREADABLE_FILE, 0..0, err.to_string());
        f.severity = unreadable.severity.unwrap_or(f.severity);
        findings.push(f);
    }
    FileReport {
        path,
        text: None,
        findings,
        doc: None,
    }
}

/// The report of a check whose findings were all taken back from the
/// store: the same files, texts and findings a fresh check gives, without
/// the analyses (so nothing for `--fix`).
fn reused_report(
    sources: Vec<Source>,
    kept: crate::host::findings::Reused,
    reviewed: &Reviewed,
    settings: &Settings,
) -> Report {
    let mut texts = HashMap::new();
    let mut files = Vec::new();
    for ((source, text), found) in sources.into_iter().zip(kept.texts).zip(kept.findings) {
        let path = source.path.display().to_string();
        match text {
            Ok(text) => {
                texts.insert(DocId::new(path.clone()), text.clone());
                if !source.checked {
                    continue;
                }
                let findings = found
                    .unwrap_or_default()
                    .into_iter()
                    .filter(|(f, sentence)| {
                        !reviewed.contains_hashed(&source.path, f.code, sentence)
                    })
                    .map(|(f, _)| f)
                    .collect();
                files.push(FileReport {
                    path,
                    text: Some(text),
                    findings,
                    doc: None,
                });
            }
            Err(err) if !source.checked => eprintln!("factline: {}: {err}", source.path.display()),
            Err(err) => files.push(unreadable_report(path, &err, settings)),
        }
    }
    Report { files, texts }
}
