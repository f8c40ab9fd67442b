//! Writes a generated archive of news articles (the benchmarks' generator:
//! several outlets reporting invented events, with page furniture, quotes
//! and figures) into a folder, a thousand files per subfolder, for
//! measuring `factline index --store` and the server on an archive of any
//! size. Articles are generated and written a thousand at a time, so a
//! million of them never sit in memory together.
//!
//! `cargo run --release --example archive_corpus -- ARTICLES DIR`

// Only part of the generator is used here.
#[allow(dead_code)]
#[path = "../benches/factline/generator.rs"]
mod generator;

use std::path::PathBuf;

/// The seed of the benchmarks' generated corpora, so an archive written
/// here holds the articles the benchmarks' drafts are written about.
const SEED: u64 = 7;

/// Paragraphs per article, as the benchmarks' corpora.
const PARAGRAPHS: usize = 14;

/// Files per subfolder (and per generated slice).
const PER_FOLDER: usize = 1000;

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(n), Some(dir)) = (
        args.next().and_then(|a| a.parse::<usize>().ok()),
        args.next().map(PathBuf::from),
    ) else {
        eprintln!("usage: archive_corpus ARTICLES DIR");
        std::process::exit(2);
    };
    let mut written = 0;
    let mut bytes = 0;
    for slice in 0..n.div_ceil(PER_FOLDER) {
        let count = PER_FOLDER.min(n - slice * PER_FOLDER);
        // Each slice is its own generated corpus (seed varied), so events
        // are reported by several outlets within a slice.
        let sub = dir.join(format!("{slice:04}"));
        std::fs::create_dir_all(&sub).expect("create the folder");
        for (name, text) in generator::corpus(count, PARAGRAPHS, SEED + slice as u64) {
            bytes += text.len();
            std::fs::write(sub.join(name), text).expect("write an article");
            written += 1;
        }
    }
    println!(
        "{written} articles, {:.1} MB, in {}",
        bytes as f64 / 1e6,
        dir.display()
    );
}
