//! The pairs of documents the same-incident model of the figure comparison
//! is trained and checked on (`examples/train_same_incident.rs` trains it;
//! `tests/figures_same_incident.rs` checks the shipped weights on the
//! held-out pairs), labelled by the corpora's own grouping:
//!
//! - GVA multi-outlet shooting reports (`gva-multisource-incidents/docs/<incident>/`):
//!   two reports in one incident folder are one incident; two in different
//!   folders are not. Folders are read in runs of [`RUN`] consecutive
//!   incidents as one corpus (incidents numbered close together happened
//!   close in time, often in one state: hard negatives), and every
//!   multi-report folder also alone. Across folders only pairs that give a
//!   toll of one kind are taken: those are the pairs the comparison asks
//!   about.
//! - ECB+ dev (`ecbplus-dev/docs`): each topic holds two real events, the
//!   `ecb` and the `ecbplus` articles; two articles of one topic report one
//!   event when they are of the same half.
//!
//! Training reads GVA incidents numbered up to [`TUNING_LAST`] and the ECB+
//! topics of [`ECB_TRAIN_TOPICS`]; held out are the first
//! [`HELD_OUT_FOLDERS`] GVA incidents above it and [`ECB_HELD_OUT_TOPICS`].

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::Arc;

use factline::analysis::figures::{INCIDENT_EVIDENCE, for_corpus, same_toll};
use factline::analysis::{Corpus, DocAnalysis, DocId, Settings, analyze_document};

/// The last GVA incident of the tuning half (the rest are held out).
pub const TUNING_LAST: u64 = 408_276;
/// Consecutive GVA incident folders read as one corpus.
pub const RUN: usize = 40;
/// Held-out GVA folders read for the printed accuracy.
pub const HELD_OUT_FOLDERS: usize = 400;
/// ECB+ dev topics trained on.
pub const ECB_TRAIN_TOPICS: [&str; 4] = ["2", "5", "12", "18"];
/// ECB+ dev topics held out.
pub const ECB_HELD_OUT_TOPICS: [&str; 4] = ["21", "23", "34", "35"];
/// The number of pieces of evidence a pair has.
pub const N: usize = INCIDENT_EVIDENCE.len();

/// One pair of documents: its evidence, and whether it is one incident.
pub struct Example {
    pub x: [f32; N],
    pub same: bool,
}

/// The analysis of the source at `path` (read leniently), if readable.
pub fn read(path: &Path) -> Option<Arc<DocAnalysis>> {
    let bytes = std::fs::read(path).ok()?;
    let text = String::from_utf8_lossy(&bytes);
    Some(Arc::new(analyze_document(
        DocId::new(path.display().to_string()),
        Arc::from(text.as_ref()),
        &Settings::default(),
    )))
}

/// The `.txt` files directly in `dir`, sorted.
pub fn txt_files(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|r| {
            r.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|e| e == "txt"))
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

/// Whether the two documents give a toll of one kind.
fn tolls_meet(a: &DocAnalysis, b: &DocAnalysis) -> bool {
    a.figures
        .list
        .iter()
        .any(|f| b.figures.list.iter().any(|g| same_toll(f, g)))
}

/// Pairs of documents in one corpus, each with its group; `all` takes
/// every pair, otherwise pairs of different groups only where tolls meet.
fn pairs_of(docs: &[(Arc<DocAnalysis>, String)], all: bool, out: &mut Vec<Example>) {
    let mut corpus = Corpus::new();
    for (d, _) in docs {
        corpus.upsert(d.clone());
    }
    let sim = for_corpus(&corpus);
    for (i, (a, ga)) in docs.iter().enumerate() {
        for (b, gb) in docs.iter().skip(i + 1) {
            let same = ga == gb;
            if !same && !all && !tolls_meet(a, b) {
                continue;
            }
            out.push(Example {
                x: sim.incident_evidence(a, b),
                same,
            });
        }
    }
}

/// GVA examples from the incident folders `folders` (by number).
pub fn gva(dir: &Path, folders: &[u64]) -> Vec<Example> {
    let mut out = Vec::new();
    for run in folders.chunks(RUN) {
        let mut docs = Vec::new();
        for f in run {
            let group: Vec<(Arc<DocAnalysis>, String)> = txt_files(&dir.join(f.to_string()))
                .iter()
                .filter_map(|p| read(p).map(|d| (d, f.to_string())))
                .collect();
            if group.len() > 1 {
                pairs_of(&group, true, &mut out);
            }
            docs.extend(group);
        }
        // Pairs within a folder were taken alone above; here the pairs
        // across folders.
        let mut across = Vec::new();
        pairs_of(&docs, false, &mut across);
        out.extend(across.into_iter().filter(|e| !e.same));
    }
    out
}

/// ECB+ examples from the topics `topics`.
pub fn ecb(dir: &Path, topics: &[&str]) -> Vec<Example> {
    let mut out = Vec::new();
    let files = txt_files(dir);
    for t in topics {
        let docs: Vec<(Arc<DocAnalysis>, String)> = files
            .iter()
            .filter(|p| {
                p.file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with(&format!("{t}_")))
            })
            .filter_map(|p| {
                let half = if p.to_string_lossy().ends_with("ecbplus.txt") {
                    "plus"
                } else {
                    "ecb"
                };
                read(p).map(|d| (d, half.to_string()))
            })
            .collect();
        pairs_of(&docs, true, &mut out);
    }
    out
}

/// The GVA incident folders of `root` (a `corpora` folder), by number:
/// the tuning half and the held-out folders.
pub fn gva_folders(root: &Path) -> (Vec<u64>, Vec<u64>) {
    let mut folders: Vec<u64> = std::fs::read_dir(root.join("gva-multisource-incidents/docs"))
        .expect("GVA incident folders")
        .filter_map(|e| e.ok()?.file_name().to_str()?.parse().ok())
        .collect();
    folders.sort_unstable();
    let (tuning, held): (Vec<u64>, Vec<u64>) = folders.iter().partition(|&&f| f <= TUNING_LAST);
    (tuning, held.into_iter().take(HELD_OUT_FOLDERS).collect())
}
