//! `factline index DIR`: builds or updates the on-disk index of a
//! workspace (or, with `--store URL`, loads its sources into the
//! desk-wide index), with a progress bar, and says what it did.

use std::collections::HashSet;
use std::time::Instant;

use super::{IndexArgs, check, status};
use crate::host;

/// Runs `factline index` and returns the exit status.
pub fn run(args: &IndexArgs) -> u8 {
    if !args.dir.is_dir() {
        eprintln!("factline: {}: not a folder", args.dir.display());
        return status::ERROR;
    }
    let paths = std::slice::from_ref(&args.dir);
    let (config, config_failed) = check::load_config(args.config.as_deref(), paths);
    if config_failed {
        return status::ERROR;
    }
    let root = host::workspace_root(
        check::config_file(args.config.as_deref(), paths).as_deref(),
        paths,
    );
    if let Some(url) = args.store.as_deref() {
        return into_archive(args, url, &config);
    }
    if !config.index_enabled {
        eprintln!("factline: the index is turned off (index.enabled = false); nothing to do");
        return status::ERROR;
    }
    let store = match host::open_index(&root, &config) {
        Ok(Some(store)) => store,
        Ok(None) => return status::ERROR,
        Err(message) => {
            eprintln!("factline: {message}");
            return status::ERROR;
        }
    };
    let started = Instant::now();
    let (files, problems) = host::discover(paths, &config, &[]);
    for p in &problems {
        eprintln!("factline: {p}");
    }
    let lazy = files.len() > config.index_lazy_above;
    let progress = check::progress_bar(args.quiet);
    progress.set_message("indexing");
    progress.set_length(files.len() as u64);
    let named = host::with_ids(files);
    let settings = config.settings();
    let loader = host::Loader::new(&settings, config.max_file_bytes, Some(&store));
    let (_, stats) = loader.load(&named, true, &|done| progress.set_position(done as u64));
    progress.finish_and_clear();
    if let Some(problem) = loader.store_problem() {
        eprintln!("factline: the index could not be written: {problem}");
        return status::ERROR;
    }
    // A folder the server will read lazily needs the index's postings:
    // kept from now on, so the server's first start finds them; built
    // here in one pass if they were off (cheaper than with each commit).
    if lazy && let Err(e) = store.keep_postings() {
        eprintln!("factline: the index cannot keep postings: {e}");
        return status::ERROR;
    }
    say(named.len(), started, &stats);
    println!("index: {}", host::Store::location(&store));
    if problems.is_empty() {
        status::CLEAN
    } else {
        status::ERROR
    }
}

/// Batches analysed ahead of the one the database is writing: one keeps
/// both cores analysing while a batch is written, and holds at most two
/// batches' analyses beside the one being written.
const PIPELINE: usize = 1;

/// The files of `chunk` whose text hashes to what `stored` holds under
/// their key (their keys), and the others, to be analysed.
fn unchanged_in(
    chunk: &[(std::path::PathBuf, crate::analysis::DocId)],
    stored: &std::collections::HashMap<String, u64>,
    max_bytes: u64,
) -> (
    Vec<String>,
    Vec<(std::path::PathBuf, crate::analysis::DocId)>,
) {
    use rayon::prelude::*;
    if stored.is_empty() {
        return (Vec::new(), chunk.to_vec());
    }
    let same: Vec<Option<String>> = chunk
        .par_iter()
        .map(|(path, _)| {
            let key = host::index::key_of(path);
            let hash = *stored.get(&key)?;
            let text = crate::workspace::read_source(path, max_bytes).ok()?;
            (host::store::text_hash(text.as_bytes()) == hash).then_some(key)
        })
        .collect();
    let mut unchanged = Vec::new();
    let mut todo = Vec::new();
    for (file, same) in chunk.iter().zip(same) {
        match same {
            Some(key) => unchanged.push(key),
            None => todo.push(file.clone()),
        }
    }
    (unchanged, todo)
}

/// Prints what indexing did.
fn say(sources: usize, started: Instant, stats: &host::Stats) {
    let host::Stats {
        added,
        updated,
        unchanged,
        removed,
        unreadable,
    } = *stats;
    println!(
        "indexed {sources} sources in {:.2} s: {added} added, {updated} updated, {removed} removed, \
         {unchanged} unchanged{}",
        started.elapsed().as_secs_f64(),
        if unreadable > 0 {
            format!(", {unreadable} unreadable")
        } else {
            String::new()
        }
    );
}

/// `factline index DIR --store URL`: the sources of `DIR` read, those
/// whose text and settings the database already holds left alone (not
/// analysed again), the rest analysed and published to the desk-wide index
/// a batch per transaction; stored sources under `DIR` whose file is gone
/// are removed. The on-disk index is neither read nor written: the
/// database's own entries say what is unchanged, and writing the analyses
/// twice cost about a sixth of the loading's CPU and as much disk again.
fn into_archive(args: &IndexArgs, url: &str, config: &crate::config::Config) -> u8 {
    let archive = match host::open_archive(Some(url), config) {
        Ok(Some(a)) => a,
        Ok(None) => return status::ERROR,
        Err(message) => {
            eprintln!("factline: {message}");
            return status::ERROR;
        }
    };
    let started = Instant::now();
    let paths = std::slice::from_ref(&args.dir);
    let (files, problems) = host::discover(paths, config, &[]);
    for p in &problems {
        eprintln!("factline: {p}");
    }
    let progress = check::progress_bar(args.quiet);
    progress.set_message("indexing");
    progress.set_length(files.len() as u64);
    let named = host::with_ids(files);
    let settings = config.settings();
    let fingerprint = host::index::settings_fingerprint(&settings);
    // Into an empty store, the bulk path: the inverted index and the key
    // frequencies built once at the end (see `PgStore::begin_bulk`).
    let (publisher, bulk) = match archive
        .begin_bulk()
        .and_then(|bulk| host::postgres::Publisher::new(&archive, fingerprint).map(|p| (p, bulk)))
    {
        Ok(p) => p,
        Err(e) => {
            progress.finish_and_clear();
            eprintln!("factline: the store {}: {e}", archive.location());
            return status::ERROR;
        }
    };
    let loader = host::Loader::new(&settings, config.max_file_bytes, None);
    // What the database holds: a file hashing to its stored text is not
    // read again by the loader nor analysed. Empty for a first load.
    let stored = publisher.stored_hashes();
    // A batch at a time: memory stays a few batches' analyses whatever
    // the folder's size. Analysis (on every core) and the database's
    // writes overlap: the writer thread publishes one batch while the
    // next is read and analysed, at most [`PIPELINE`] batches ahead.
    let (published, failed) = std::thread::scope(|scope| {
        let (send, receive) = std::sync::mpsc::sync_channel::<(Vec<_>, Vec<String>)>(PIPELINE);
        let writer = scope.spawn(move || {
            let mut publisher = publisher;
            let mut stats = host::Stats::default();
            let mut seen = HashSet::new();
            for (loaded, unchanged) in receive {
                stats.unchanged += unchanged.len();
                seen.extend(unchanged);
                match publisher.publish(&loaded, &mut stats) {
                    Ok(keys) => seen.extend(keys),
                    Err(e) => return Err(e),
                }
            }
            Ok((publisher, stats, seen))
        });
        let mut done = 0;
        for chunk in named.chunks(host::index::BATCH) {
            let (unchanged, todo) = unchanged_in(chunk, &stored, config.max_file_bytes);
            let (read, _) = loader.load(&todo, false, &|_| {});
            let loaded: Vec<_> = todo
                .iter()
                .zip(read)
                .map(|((path, _), r)| (path.clone(), r.ok()))
                .collect();
            if send.send((loaded, unchanged)).is_err() {
                // The writer stopped on an error, said below.
                break;
            }
            done += chunk.len();
            progress.set_position(done as u64);
        }
        drop(send);
        match writer.join() {
            Ok(Ok(published)) => (Some(published), None),
            Ok(Err(e)) => (None, Some(e.to_string())),
            Err(_) => (None, Some("the writer stopped".to_string())),
        }
    });
    let Some((mut publisher, mut stats, seen)) = published else {
        progress.finish_and_clear();
        eprintln!(
            "factline: the store {}: {}",
            archive.location(),
            failed.unwrap_or_default()
        );
        return status::ERROR;
    };
    // Sources of this folder that were stored before and are gone now.
    match publisher
        .prune(&args.dir, &seen)
        .and_then(|n| archive.end_bulk().map(|_| n))
    {
        Ok(n) => stats.removed = n,
        Err(e) => {
            progress.finish_and_clear();
            eprintln!("factline: the store {}: {e}", archive.location());
            return status::ERROR;
        }
    }
    progress.finish_and_clear();
    say(named.len(), started, &stats);
    if bulk {
        println!(
            "store: {} (loaded in bulk: its index built after the data)",
            archive.location()
        );
    } else {
        println!("store: {}", archive.location());
    }
    if problems.is_empty() {
        status::CLEAN
    } else {
        status::ERROR
    }
}
