//! Trains the same-incident model of the figure comparison
//! (`data/figures/same_incident.txt`): a logistic regression over the
//! evidence that two documents report one incident
//! (`RelatedSimilarity::incident_evidence`).
//!
//! ```text
//! cargo run --release --example train_same_incident -- [../shared/corpora] [data/figures/same_incident.txt]
//! ```
//!
//! The pairs, their labels and the held-out split are those of
//! `tests/support/same_incident.rs`. Each class is weighed to half the
//! loss, so the decision boundary is probability 0.5. Full-batch gradient
//! descent with a small L2 penalty. The held-out accuracy is printed, never
//! trained on; `tests/figures_same_incident.rs` checks the shipped model's
//! accuracy on it. Deterministic.

use std::path::PathBuf;

use factline::analysis::figures::INCIDENT_EVIDENCE;

#[path = "../tests/support/same_incident.rs"]
mod pairs;

use pairs::{ECB_HELD_OUT_TOPICS, ECB_TRAIN_TOPICS, Example, N, ecb, gva, gva_folders};

/// Passes of full-batch gradient descent.
const EPOCHS: usize = 3000;
/// Step size.
const RATE: f64 = 0.5;
/// L2 penalty on the weights (not the bias): a few features, thousands of
/// examples; keeps weights of rarely-seen evidence moderate.
const L2: f64 = 1e-3;

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
            let z = logit(b, &w, &e.x);
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

/// The model's log-odds that the pair with evidence `x` is one incident.
fn logit(b: f64, w: &[f64; N], x: &[f32; N]) -> f64 {
    b + w
        .iter()
        .zip(x.iter())
        .map(|(w, x)| w * f64::from(*x))
        .sum::<f64>()
}

fn score(name: &str, data: &[Example], b: f64, w: &[f64; N]) {
    report(name, data, |x| sigmoid(logit(b, w, x)) >= 0.5);
    report("  the shipped bar (probability ≥ 0.9)", data, |x| {
        sigmoid(logit(b, w, x)) >= 0.9
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
    let (tuning, held) = gva_folders(&root);
    let ecb_dir = root.join("ecbplus-dev/docs");

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
        &ecb(&ecb_dir, &ECB_HELD_OUT_TOPICS),
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
