//! `factline index DIR`: builds or updates the on-disk index of a
//! workspace, with a progress bar, and says what it did.

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
    let host::Stats {
        added,
        updated,
        unchanged,
        removed,
        unreadable,
    } = stats;
    println!(
        "indexed {} sources in {:.2} s: {added} added, {updated} updated, {removed} removed, \
         {unchanged} unchanged{}",
        named.len(),
        started.elapsed().as_secs_f64(),
        if unreadable > 0 {
            format!(", {unreadable} unreadable")
        } else {
            String::new()
        }
    );
    println!("index: {}", host::Store::location(&store));
    if problems.is_empty() {
        status::CLEAN
    } else {
        status::ERROR
    }
}
