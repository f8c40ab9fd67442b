//! Trains the boilerplate line model (`src/analysis/boilerplate/data/line_model.txt`)
//! on the L3S-GN1 pages outside the held-out part:
//!
//! ```text
//! cargo run --release --example train_boilerplate_model -- [../shared/corpora/l3s-gn1-news-boilerplate/pages]
//! ```
//!
//! Logistic regression, full-batch gradient descent with Adam and a small
//! L2 penalty. A unit is a positive example when people labelled its lines
//! `not-content` or `related`, a negative one for `headline` or
//! `fulltext`; `supplemental` and `comments` (sometimes furniture,
//! sometimes not) are left out. The threshold is the one with the best F1
//! on the training part among those whose precision there reaches the
//! hand-written rules' own precision (and [`MIN_PRECISION`]). The held-out part is only printed, never used to
//! choose anything. The program is deterministic: the same pages give the
//! same file.

use std::path::PathBuf;

use factline::analysis::Settings;
use factline::analysis::boilerplate::model::{self, Model, N, Vector};
use factline::analysis::boilerplate::{Place, training_rows};
use factline::analysis::text::Segmentation;

/// Precision first: a flag hides a line from the other detectors and
/// offers to delete it. The threshold must keep the precision the
/// hand-written rules have on the training units, and at least this.
const MIN_PRECISION: f64 = 0.985;
/// A unit flagged on the model's word alone (no rule, no flagged
/// neighbour) must be furniture this often on the training part: lower
/// than [`MIN_PRECISION`] because these units are few next to the rules'
/// flags, higher than a coin so that a block never starts on a guess.
const MIN_START_PRECISION: f64 = 0.97;
/// The same between the article's paragraphs, where a wrong flag hides a
/// subheading or a list item of the story: 99 in 100. (At the threshold's
/// own requirement, the rules' precision, hardly any unit qualifies; at
/// [`MIN_PRECISION`] generic web pages lose list items of their content.)
const MIN_INSIDE_PRECISION: f64 = 0.99;

/// Passes of full-batch gradient descent (the loss has flattened well
/// before this on these pages).
const EPOCHS: usize = 600;
/// Adam's step size.
const RATE: f64 = 0.05;
/// L2 penalty on every weight but the bias: keeps rare features (slug,
/// bullet) from taking extreme weights.
const L2: f64 = 1e-4;

struct Example {
    x: Vector,
    y: bool,
    held_out: bool,
    start: Option<Place>,
}

fn label(labels: &[&str], lines: std::ops::Range<usize>) -> Option<bool> {
    let (mut pos, mut neg) = (0, 0);
    for l in lines.filter_map(|i| labels.get(i)) {
        match *l {
            "not-content" | "related" => pos += 1,
            "headline" | "fulltext" => neg += 1,
            _ => {}
        }
    }
    (pos + neg > 0 && pos != neg).then_some(pos > neg)
}

fn main() {
    let dir = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("../shared/corpora/l3s-gn1-news-boilerplate/pages")
        });
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    let settings = Settings::default();
    let mut examples = Vec::new();
    let (mut train_pages, mut held_pages) = (0, 0);
    for path in &paths {
        let (Ok(text), Ok(labels)) = (
            std::fs::read_to_string(path),
            std::fs::read_to_string(path.with_extension("labels")),
        ) else {
            continue;
        };
        let page = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        let held_out = model::held_out(page);
        if held_out {
            held_pages += 1;
        } else {
            train_pages += 1;
        }
        let labels: Vec<&str> = labels.lines().collect();
        let seg = Segmentation::new(&text);
        for row in training_rows(&text, &seg, &settings) {
            if let Some(y) = label(&labels, row.lines) {
                examples.push(Example {
                    x: row.x,
                    y,
                    held_out,
                    start: row.start,
                });
            }
        }
    }
    let train: Vec<&Example> = examples.iter().filter(|e| !e.held_out).collect();
    let held: Vec<&Example> = examples.iter().filter(|e| e.held_out).collect();
    eprintln!(
        "{train_pages} training pages ({} units), {held_pages} held-out pages ({} units)",
        train.len(),
        held.len()
    );

    let mut w = [0f64; N];
    let (mut m, mut v) = ([0f64; N], [0f64; N]);
    let (b1, b2, eps) = (0.9f64, 0.999f64, 1e-8f64);
    for epoch in 1..=EPOCHS {
        let mut grad = [0f64; N];
        let mut loss = 0.0;
        for e in &train {
            let z: f64 = w.iter().zip(&e.x).map(|(w, x)| w * f64::from(*x)).sum();
            let p = 1.0 / (1.0 + (-z).exp());
            let y = f64::from(u8::from(e.y));
            loss -= y * p.max(1e-12).ln() + (1.0 - y) * (1.0 - p).max(1e-12).ln();
            for (g, x) in grad.iter_mut().zip(&e.x) {
                *g += (p - y) * f64::from(*x);
            }
        }
        let count = train.len().max(1) as f64;
        for k in 0..N {
            let g = grad[k] / count + if k == 0 { 0.0 } else { L2 * w[k] };
            m[k] = b1 * m[k] + (1.0 - b1) * g;
            v[k] = b2 * v[k] + (1.0 - b2) * g * g;
            let mh = m[k] / (1.0 - b1.powi(epoch as i32));
            let vh = v[k] / (1.0 - b2.powi(epoch as i32));
            w[k] -= RATE * mh / (vh.sqrt() + eps);
        }
        if epoch % 100 == 0 {
            eprintln!("epoch {epoch}: log loss {:.4}", loss / count);
        }
    }
    let mut model = Model {
        weights: [0f32; N],
        threshold: 0.5,
        start_threshold: 1.0,
        inside_threshold: 1.0,
    };
    for (mw, w) in model.weights.iter_mut().zip(&w) {
        *mw = *w as f32;
    }

    // The threshold, on the training part only.
    let scored = |set: &[&Example]| -> Vec<(f32, bool)> {
        set.iter().map(|e| (model.probability(&e.x), e.y)).collect()
    };
    let prf = |scores: &[(f32, bool)], t: f32| {
        let (mut tp, mut fp, mut fn_) = (0f64, 0f64, 0f64);
        for &(p, y) in scores {
            match (p >= t, y) {
                (true, true) => tp += 1.0,
                (true, false) => fp += 1.0,
                (false, true) => fn_ += 1.0,
                _ => {}
            }
        }
        let p = tp / (tp + fp).max(1.0);
        let r = tp / (tp + fn_).max(1.0);
        (p, r, 2.0 * p * r / (p + r).max(1e-9))
    };
    let train_scores = scored(&train);
    let held_scores = scored(&held);
    // The rules alone (their verdict is the feature `rule_flag`).
    let rule = model::NAMES
        .iter()
        .position(|n| *n == "rule_flag")
        .expect("rule_flag");
    let rules =
        |set: &[&Example]| -> Vec<(f32, bool)> { set.iter().map(|e| (e.x[rule], e.y)).collect() };
    let (rp, rr, rf) = prf(&rules(&train), 0.5);
    let (hrp, hrr, hrf) = prf(&rules(&held), 0.5);
    eprintln!(
        "rules alone: training units P {rp:.3} R {rr:.3} F1 {rf:.3}; held-out units P {hrp:.3} R {hrr:.3} F1 {hrf:.3}"
    );
    let min_precision = MIN_PRECISION.max(rp);
    let mut best = (0.5f32, -1.0f64);
    for i in 1..100 {
        let t = i as f32 / 100.0;
        let (p, r, f1) = prf(&train_scores, t);
        if i % 10 == 0 {
            eprintln!("  threshold {t:.2}: training units P {p:.3} R {r:.3}");
        }
        if p >= min_precision && f1 > best.1 {
            best = (t, f1);
        }
    }
    model.threshold = best.0;
    let (tp, tr, tf) = prf(&train_scores, model.threshold);
    let (hp, hr, hf) = prf(&held_scores, model.threshold);
    eprintln!(
        "threshold {:.2}: training units P {tp:.3} R {tr:.3} F1 {tf:.3}; held-out units P {hp:.3} R {hr:.3} F1 {hf:.3}",
        model.threshold
    );

    // The start thresholds: the lowest at which the units the model would
    // flag on its own word alone are right at least MIN_START_PRECISION
    // (outside the article's paragraphs) or MIN_INSIDE_PRECISION (between
    // them) of the time on the training part, at that threshold and every
    // one above it.
    let choose = |inside: bool, min: f64| -> f32 {
        let scores: Vec<(f32, bool)> = train
            .iter()
            .filter(|e| e.start.is_some_and(|p| (p == Place::Inside) == inside))
            .map(|e| (model.probability(&e.x), e.y))
            .collect();
        let mut chosen = 1.0;
        for i in (0..=200).rev() {
            let t = model.threshold + (1.0 - model.threshold) * i as f32 / 200.0;
            let tp = scores.iter().filter(|(p, y)| *p >= t && *y).count();
            let all = scores.iter().filter(|(p, _)| *p >= t).count();
            if all > 0 && (tp as f64) < min * all as f64 {
                break;
            }
            chosen = t;
        }
        chosen
    };
    let (start, inside) = (
        choose(false, MIN_START_PRECISION),
        choose(true, MIN_INSIDE_PRECISION),
    );
    (model.start_threshold, model.inside_threshold) = (start, inside);
    for (name, set) in [("training", &train), ("held-out", &held)] {
        for inside in [false, true] {
            let t = if inside {
                model.inside_threshold
            } else {
                model.start_threshold
            };
            let picked: Vec<bool> = set
                .iter()
                .filter(|e| {
                    e.start.is_some_and(|p| (p == Place::Inside) == inside)
                        && model.probability(&e.x) >= t
                })
                .map(|e| e.y)
                .collect();
            eprintln!(
                "{name}, {} the article, threshold {t:.3}: {} of {} new flags right",
                if inside { "inside" } else { "outside" },
                picked.iter().filter(|y| **y).count(),
                picked.len()
            );
        }
    }

    let header = format!(
        "Boilerplate line model: logistic regression, written by\n\
         `cargo run --release --example train_boilerplate_model`.\n\
         Trained on {train_pages} L3S-GN1 pages ({} units; the {held_pages} held-out pages unseen).\n\
         Threshold: best F1 on the training units with precision >= {min_precision:.3}\n\
         (the rules' own precision there, or {MIN_PRECISION}).\n\
         Start threshold: the lowest at which the units flagged on the model's word\n\
         alone are right >= {MIN_START_PRECISION} of the time on the training units\n\
         (>= {MIN_INSIDE_PRECISION} between the article's paragraphs: inside threshold).\n\
         Do not edit by hand: retrain.",
        train.len()
    );
    let out = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("src/analysis/boilerplate/data/line_model.txt");
    std::fs::write(&out, model.to_text(&header)).expect("write the model");
    eprintln!("wrote {}", out.display());
}
