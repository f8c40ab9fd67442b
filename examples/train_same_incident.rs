//! Trains the same-incident model of the figure comparison
//! (`data/figures/same_incident.txt`): a logistic regression over the
//! evidence that two documents report one incident
//! (`RelatedSimilarity::incident_evidence`).
//!
//! ```text
//! cargo run --release --example train_same_incident -- [../shared/corpora] [data/figures/same_incident.txt]
//! ```
//!
//! Examples are pairs of documents, labelled by the corpora's own grouping:
//!
//! - GVA multi-outlet shooting reports (`gva-multisource-incidents/docs/<incident>/`):
//!   two reports in one incident folder are one incident; two in different
//!   folders are not. Training reads the incidents numbered up to
//!   [`TUNING_LAST`] only. Folders are read in runs of [`RUN`] consecutive
//!   incidents as one corpus (incidents numbered close together happened
//!   close in time, often in one state: hard negatives), and every
//!   multi-report folder also alone (the rule is also run on one
//!   incident's reports, where the corpus statistics are those of a
//!   handful of documents). Across folders only pairs that give a toll of
//!   one kind are taken: those are the pairs the comparison asks about.
//! - ECB+ dev (`ecbplus-dev/docs`): each topic holds two real events, the
//!   `ecb` and the `ecbplus` articles; two articles of one topic report one
//!   event when they are of the same half. Training reads the topics of
//!   [`ECB_TRAIN_TOPICS`].
//!
//! Each class is weighed to half the loss, so the decision boundary is
//! probability 0.5. Full-batch gradient descent with a small L2 penalty.
//!
//! Held out (printed, never trained on): GVA incidents numbered above
//! [`TUNING_LAST`] (the first [`HELD_OUT_FOLDERS`] of them, in runs as
//! above) and the other ECB+ dev topics; `tests/figures_same_incident.rs`
//! checks the shipped model's accuracy on them. Deterministic.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use factline::analysis::figures::{INCIDENT_EVIDENCE, for_corpus, same_toll};
use factline::analysis::{Corpus, DocAnalysis, DocId, Settings, analyze_document};

/// The last GVA incident of the tuning half (the rest are held out).
const TUNING_LAST: u64 = 408_276;
/// Consecutive GVA incident folders read as one corpus.
const RUN: usize = 40;
/// Held-out GVA folders read for the printed accuracy.
const HELD_OUT_FOLDERS: usize = 400;
/// ECB+ dev topics trained on; the others are held out.
const ECB_TRAIN_TOPICS: [&str; 4] = ["2", "5", "12", "18"];
/// Passes of full-batch gradient descent.
const EPOCHS: usize = 3000;
/// Step size.
const RATE: f64 = 0.5;
/// L2 penalty on the weights (not the bias): a few features, thousands of
/// examples; keeps weights of rarely-seen evidence moderate.
const L2: f64 = 1e-3;

const N: usize = INCIDENT_EVIDENCE.len();

struct Example {
    x: [f32; N],
    same: bool,
}

fn read(path: &Path) -> Option<Arc<DocAnalysis>> {
    let bytes = std::fs::read(path).ok()?;
    let text = String::from_utf8_lossy(&bytes);
    Some(Arc::new(analyze_document(
        DocId::new(path.display().to_string()),
        Arc::from(text.as_ref()),
        &Settings::default(),
    )))
}

fn txt_files(dir: &Path) -> Vec<PathBuf> {
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
fn gva(dir: &Path, folders: &[u64]) -> Vec<Example> {
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
fn ecb(dir: &Path, topics: &[&str]) -> Vec<Example> {
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

fn sigmoid(z: f64) -> f64 {
    1.0 / (1.0 + (-z).exp())
}

fn train(data: &[Example]) -> (f64, [f64; N]) {
    let pos = data.iter().filter(|e| e.same).count().max(1) as f64;
    let neg = data.iter().filter(|e| !e.same).count().max(1) as f64;
    let (mut b, mut w) = (0.0f64, [0.0f64; N]);
    for _ in 0..EPOCHS {
        let (mut gb, mut gw) = (0.0f64, [0.0f64; N]);
        for e in data {
            let z = b + w
                .iter()
                .zip(e.x.iter())
                .map(|(w, x)| w * f64::from(*x))
                .sum::<f64>();
            let y = f64::from(u8::from(e.same));
            let weight = if e.same { 0.5 / pos } else { 0.5 / neg };
            let d = (sigmoid(z) - y) * weight;
            gb += d;
            for (g, x) in gw.iter_mut().zip(e.x.iter()) {
                *g += d * f64::from(*x);
            }
        }
        b -= RATE * gb;
        for (wi, gi) in w.iter_mut().zip(gw.iter()) {
            *wi -= RATE * (gi + L2 * *wi);
        }
    }
    (b, w)
}

/// The same-incident test before the model: the shared story context
/// alone at 0.6.
const BASELINE: f64 = 0.6;

fn score(name: &str, data: &[Example], b: f64, w: &[f64; N]) {
    report(name, data, |x| {
        let z = b + w
            .iter()
            .zip(x.iter())
            .map(|(w, x)| w * f64::from(*x))
            .sum::<f64>();
        sigmoid(z) >= 0.5
    });
    report("  the shipped bar (probability ≥ 0.9)", data, |x| {
        let z = b + w
            .iter()
            .zip(x.iter())
            .map(|(w, x)| w * f64::from(*x))
            .sum::<f64>();
        sigmoid(z) >= 0.9
    });
    report("  baseline (story context ≥ 0.6)", data, |x| {
        f64::from(x[0]) >= BASELINE
    });
}

fn report(name: &str, data: &[Example], same: impl Fn(&[f32; N]) -> bool) {
    let (mut tp, mut fp, mut tn, mut fn_) = (0, 0, 0, 0);
    for e in data {
        match (same(&e.x), e.same) {
            (true, true) => tp += 1,
            (true, false) => fp += 1,
            (false, false) => tn += 1,
            (false, true) => fn_ += 1,
        }
    }
    let recall = tp as f64 / (tp + fn_).max(1) as f64;
    let specificity = tn as f64 / (tn + fp).max(1) as f64;
    println!(
        "{name}: {} pairs ({} same); same incident found {tp} of {} (recall {recall:.3}), different told apart {tn} of {} ({specificity:.3}), balanced accuracy {:.3}",
        data.len(),
        tp + fn_,
        tp + fn_,
        tn + fp,
        (recall + specificity) / 2.0
    );
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = PathBuf::from(args.first().map_or("../shared/corpora", String::as_str));
    let out = PathBuf::from(
        args.get(1)
            .map_or("data/figures/same_incident.txt", String::as_str),
    );
    let gva_dir = root.join("gva-multisource-incidents/docs");
    let mut folders: Vec<u64> = std::fs::read_dir(&gva_dir)
        .expect("GVA incident folders")
        .filter_map(|e| e.ok()?.file_name().to_str()?.parse().ok())
        .collect();
    folders.sort_unstable();
    let (tuning, held): (Vec<u64>, Vec<u64>) = folders.iter().partition(|&&f| f <= TUNING_LAST);
    let held: Vec<u64> = held.into_iter().take(HELD_OUT_FOLDERS).collect();
    let ecb_dir = root.join("ecbplus-dev/docs");
    let ecb_held: Vec<&str> = ["21", "23", "34", "35"].to_vec();

    let mut data = gva(&gva_dir, &tuning);
    let gva_n = data.len();
    data.extend(ecb(&ecb_dir, &ECB_TRAIN_TOPICS));
    println!(
        "training: {gva_n} GVA pairs, {} ECB+ pairs",
        data.len() - gva_n
    );
    let (b, w) = train(&data);
    score("training (GVA tuning + ECB+ train topics)", &data, b, &w);
    score("GVA tuning", &data[..gva_n], b, &w);
    score("ECB+ train topics", &data[gva_n..], b, &w);
    score(
        "held out: GVA incidents above the tuning half",
        &gva(&gva_dir, &held),
        b,
        &w,
    );
    score(
        "held out: ECB+ topics 21, 23, 34, 35",
        &ecb(&ecb_dir, &ecb_held),
        b,
        &w,
    );

    let mut text = String::from(
        "# Same-incident model of the figure comparison: logistic regression over the\n\
         # evidence that two documents report one incident (see src/analysis/figures/incident.rs).\n\
         # Trained by `cargo run --release --example train_same_incident` on GVA incidents\n\
         # numbered up to 408276 and ECB+ dev topics 2, 5, 12, 18. Generated: do not edit.\n",
    );
    text.push_str(&format!("bias {b:.4}\n"));
    for (name, wi) in INCIDENT_EVIDENCE.iter().zip(w.iter()) {
        text.push_str(&format!("{name} {wi:.4}\n"));
    }
    std::fs::write(&out, text).expect("weights written");
    println!("wrote {}", out.display());
}
