//! Whether the language layer's tokens could replace the related index's
//! own word splitter (`src/analysis/related/terms.rs`): the index terms of
//! every sentence read both ways, and the time each way takes to split the
//! words. Run in release:
//!
//! ```text
//! cargo run --release --example related_terms
//! ```
//!
//! It reads the ECB+ dev articles and the BBC news articles in
//! `../shared/corpora` and says so when they are missing. It prints the
//! share of sentences whose terms are the same both ways, the share of
//! term occurrences read one way only, the words behind the most frequent
//! differences, and the splitting time per
//! megabyte each way (best of five rounds).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use factline::analysis::language::Lang;
use factline::analysis::related;
use factline::analysis::text::Segmentation;

fn txt_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| Some(e.ok()?.path())).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            txt_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "txt") {
            out.push(p);
        }
    }
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora");
    if !root.exists() {
        eprintln!("notice: {} not found; nothing to measure", root.display());
        return;
    }
    for set in ["ecbplus-dev/docs", "bbc-news-2225"] {
        let mut files = Vec::new();
        txt_files(&root.join(set), &mut files);
        let texts: Vec<String> = files
            .iter()
            .filter_map(|p| std::fs::read_to_string(p).ok())
            .collect();
        if texts.is_empty() {
            eprintln!("notice: {set} not found; skipped");
            continue;
        }
        let segs: Vec<Segmentation> = texts.iter().map(|t| Segmentation::new(t)).collect();
        let (mut sentences, mut same) = (0usize, 0usize);
        let (mut total, mut one_way) = (0usize, 0usize);
        // Term hash → (occurrences only ours read, only the layer's read,
        // a word it was read from).
        let mut diffs: HashMap<u64, (usize, usize, String)> = HashMap::new();
        for (text, seg) in texts.iter().zip(&segs) {
            for s in &seg.sentences {
                let (mut ours, mut layer) =
                    related::terms_two_ways(text, s.span.clone(), Lang::English);
                ours.sort_unstable_by_key(|(h, _)| *h);
                layer.sort_unstable_by_key(|(h, _)| *h);
                sentences += 1;
                same += usize::from(
                    ours.len() == layer.len() && ours.iter().zip(&layer).all(|(a, b)| a.0 == b.0),
                );
                total += ours.len().max(layer.len());
                // Multiset difference both ways.
                let (mut i, mut j) = (0, 0);
                while i < ours.len() || j < layer.len() {
                    let word = |r: &std::ops::Range<usize>| text[r.clone()].to_string();
                    match (ours.get(i), layer.get(j)) {
                        (Some(a), Some(b)) if a.0 == b.0 => {
                            i += 1;
                            j += 1;
                        }
                        (Some(a), b) if b.is_none_or(|b| a.0 < b.0) => {
                            one_way += 1;
                            let e = diffs.entry(a.0).or_insert((0, 0, word(&a.1)));
                            e.0 += 1;
                            i += 1;
                        }
                        (_, Some(b)) => {
                            one_way += 1;
                            let e = diffs.entry(b.0).or_insert((0, 0, word(&b.1)));
                            e.1 += 1;
                            j += 1;
                        }
                        _ => break,
                    }
                }
            }
        }
        let mut top: Vec<(u64, (usize, usize, String))> = diffs.into_iter().collect();
        top.sort_by_key(|(k, (a, b, _))| (std::cmp::Reverse(a + b), *k));
        println!(
            "{set}: {} articles, {sentences} sentences; the same terms both ways for {:.3} of the sentences; {:.4} of {total} term occurrences read one way only; {} distinct terms differ, the twenty most frequent (a word, only ours, only the layer's): {:?}",
            texts.len(),
            same as f64 / sentences.max(1) as f64,
            one_way as f64 / total.max(1) as f64,
            top.len(),
            top.iter()
                .take(20)
                .map(|(_, (a, b, w))| (w.as_str(), *a, *b))
                .collect::<Vec<_>>()
        );
        let bytes: usize = texts.iter().map(String::len).sum();
        for (name, layer) in [("ours", false), ("layer", true)] {
            let mut best = f64::INFINITY;
            let mut words = 0;
            for _ in 0..5 {
                let t = Instant::now();
                words = 0;
                for (text, seg) in texts.iter().zip(&segs) {
                    for s in &seg.sentences {
                        words += related::split_words(text, s.span.clone(), layer);
                    }
                }
                best = best.min(t.elapsed().as_secs_f64());
            }
            println!(
                "  split by {name:5}: {words} words, {:.2} ms per MB (best of 5)",
                best * 1e3 / (bytes as f64 / 1e6)
            );
        }
    }
}
