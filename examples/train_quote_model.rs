//! Trains the quotation model of `unattributed-quote`
//! (`data/attribution/quote_model.txt`) and the cue lemmas it reads
//! (`data/attribution/cue_lemmas_en.txt`) on PolNeAR **train**:
//!
//! ```text
//! cargo run --release --example train_quote_model -- [../shared/corpora/polnear-attribution/train]
//! ```
//!
//! 1. Cue lemmas: every word the English tagger calls a verb, counted by
//!    lemma; the score of a lemma is the share of its occurrences that lie
//!    in a Cue span people marked (smoothed towards zero by
//!    [`PRIOR_USES`]); lemmas seen fewer than [`MIN_USES`] times are left
//!    out.
//! 2. The model: logistic regression (full-batch gradient descent with
//!    Adam, a small L2 penalty) over `quote_model::features` of every
//!    quotation (the few hundred candidates alone are too few to learn
//!    what attributes speech; every quotation teaches it). A quotation is
//!    attributed (positive) when its words lie inside a Content whose
//!    attribution has a Source.
//! 3. The thresholds: out-of-fold probabilities ([`FOLDS`]-fold cross
//!    validation over articles, on train); for the candidates the rule
//!    asks about (`quote_model::candidates`), the threshold with the best
//!    recall of unattributed quotations whose out-of-fold precision
//!    reaches [`MIN_PRECISION`]. Candidates with evidence of a speaker and
//!    candidates with none (`quote_model::no_evidence`) get one threshold
//!    each, chosen on their own; with evidence, the precision must clear
//!    the bar by [`PRECISION_Z`] standard errors.
//!
//! Dev is never read here; `tests/attribution_polnear.rs` measures the
//! shipped files on it. Deterministic: the same data give the same files.

#[path = "../tests/support/logistic.rs"]
mod logistic;
#[path = "../tests/support/polnear.rs"]
mod polnear;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use factline::analysis::attribution::quote_model::{self, CueLemmas, Model, N, Vector};
use factline::analysis::language::Upos;
use factline::analysis::{DocAnalysis, DocId, Settings, analyze_document};
use logistic::{dot, sigmoid, wilson_lower};
use polnear::{Gold, inside, overlaps};

/// A lemma must be seen this often to get a score: rarer verbs tell
/// nothing reliable.
const MIN_USES: usize = 5;
/// Additive smoothing of the cue share towards zero: a verb seen 5 times, 5
/// of them as a cue, scores 5/7, not 1.
const PRIOR_USES: f64 = 2.0;
/// Lemmas scoring below this are left out of the file (they add nothing
/// over an unknown verb's zero).
const MIN_SCORE: f64 = 0.02;
/// L2 penalty on every weight but the bias: keeps rare features from
/// taking extreme weights on a few hundred examples.
const L2: f64 = 1e-3;
/// Folds of the cross validation that chooses the threshold.
const FOLDS: usize = 5;
/// Precision first: a flag on a quotation the article attributes tells a
/// fact-checker the rule is wrong. The threshold must reach this precision
/// (out of fold) on train: the precision below which a rule ships as a hint.
const MIN_PRECISION: f64 = 0.8;
/// Standard errors the out-of-fold precision must clear [`MIN_PRECISION`]
/// by (the lower end of its Wilson interval): the candidates the rule asks
/// about number a few hundred, so a threshold chosen on a point estimate
/// of some thirty flags fits noise (0.81 out of fold on train reached 0.33
/// on unseen articles).
const PRECISION_Z: f64 = 1.0;

/// Fits the model's weights on `rows` (features, attributed).
fn fit(rows: &[(Vector, bool)]) -> Vector {
    logistic::fit(rows, |(x, y)| (x, *y), &[true; N], L2)
}

fn main() {
    let root = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("../shared/corpora/polnear-attribution/train"));
    let settings = Settings::default();
    let mut docs: Vec<(DocAnalysis, Gold)> = Vec::new();
    for art in polnear::articles(&root) {
        let doc = analyze_document(DocId::new(art.name), Arc::from(art.text), &settings);
        docs.push((doc, art.gold));
    }
    eprintln!("{} training articles", docs.len());

    // 1. Cue lemmas.
    let mut uses: HashMap<String, (usize, usize)> = HashMap::new();
    for (doc, gold) in &docs {
        for i in 0..doc.segmentation.sentences.len() {
            let Some(s) = doc.sentence_language(i) else {
                continue;
            };
            for (k, t) in s.tokens.iter().enumerate() {
                if s.tags[k] != Upos::Verb {
                    continue;
                }
                let e = uses.entry(s.lemmas[k].to_lowercase()).or_default();
                e.0 += 1;
                e.1 += usize::from(overlaps(&t.span, &gold.cues));
            }
        }
    }
    let mut scored: Vec<(String, f64)> = uses
        .into_iter()
        .filter(|(_, (n, _))| *n >= MIN_USES)
        .map(|(l, (n, c))| (l, c as f64 / (n as f64 + PRIOR_USES)))
        .filter(|(_, s)| *s >= MIN_SCORE)
        .collect();
    scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut out = String::from(
        "# Cue lemmas: verb lemma<TAB>share of its uses people marked as an attribution\n\
         # cue (PolNeAR train, smoothed). Written by `cargo run --example train_quote_model`.\n",
    );
    for (l, s) in &scored {
        out.push_str(&format!("{l}\t{s:.4}\n"));
    }
    std::fs::write("data/attribution/cue_lemmas_en.txt", out).expect("write cue lemmas");
    eprintln!(
        "{} cue lemmas; top: {:?}",
        scored.len(),
        &scored[..scored.len().min(15)]
    );
    let cues = CueLemmas::from_scores(scored.into_iter().collect());

    // 2. Rows: candidates with their gold label, grouped by article.
    let mut rows: Vec<(usize, Vector, bool)> = Vec::new();
    let mut is_candidate: Vec<bool> = Vec::new();
    for (d, (doc, gold)) in docs.iter().enumerate() {
        let cands = quote_model::candidates(doc);
        for qi in 0..doc.attribution.quotes.len() {
            let cand = cands.contains(&qi);
            let q = &doc.attribution.quotes[qi];
            let y = inside(&doc.text, &q.span, &gold.sourced_contents);
            rows.push((d, quote_model::features(doc, qi, &cues), y));
            is_candidate.push(cand);
        }
    }
    let positives = rows.iter().filter(|r| r.2).count();
    eprintln!(
        "{} quotations, {} attributed, {} not",
        rows.len(),
        positives,
        rows.len() - positives
    );

    // 3. Out-of-fold probabilities and the threshold.
    let mut oof = vec![0.0; rows.len()];
    for f in 0..FOLDS {
        let train: Vec<(Vector, bool)> = rows
            .iter()
            .filter(|r| r.0 % FOLDS != f)
            .map(|r| (r.1, r.2))
            .collect();
        let w = fit(&train);
        for (i, r) in rows.iter().enumerate() {
            if r.0 % FOLDS == f {
                oof[i] = sigmoid(dot(&w, &r.1, &[true; N]));
            }
        }
    }
    // `DUMP=1`: every candidate with its out-of-fold probability, its gold
    // label and the Source people credit it to, to read why the model
    // misses a speaker.
    if std::env::var_os("DUMP").is_some() {
        let mut k = 0;
        for (d, (doc, gold)) in docs.iter().enumerate() {
            let cands = quote_model::candidates(doc);
            for qi in 0..doc.attribution.quotes.len() {
                let row = k;
                k += 1;
                if !cands.contains(&qi) {
                    continue;
                }
                let q = &doc.attribution.quotes[qi];
                let para = doc.segmentation.sentences[q.sentences.start].paragraph;
                let ptext = doc.slice(doc.segmentation.paragraphs[para].span.clone());
                let prev = para
                    .checked_sub(1)
                    .map(|p| doc.slice(doc.segmentation.paragraphs[p].span.clone()))
                    .unwrap_or("");
                let sources: Vec<&str> = gold
                    .content_sources
                    .iter()
                    .filter(|(c, _)| inside(&doc.text, &q.span, std::slice::from_ref(c)))
                    .flat_map(|(_, s)| s.iter().map(|r| doc.slice(r.clone())))
                    .collect();
                println!(
                    "== {row} ne={} p={:.2} y={} d={d} {}\n  X: {:?}\n  PREV: {}\n  PARA: {}\n  QUOTE: {}\n  GOLD: {sources:?}",
                    quote_model::no_evidence(&rows[row].1),
                    oof[row],
                    rows[row].2,
                    doc.id,
                    rows[row].1.map(|v| (v * 100.0).round() / 100.0),
                    prev.chars().take(300).collect::<String>(),
                    ptext.chars().take(500).collect::<String>(),
                    doc.slice(q.span.clone())
                );
            }
        }
    }
    let unattributed = rows
        .iter()
        .zip(&is_candidate)
        .filter(|(r, c)| **c && !r.2)
        .count();
    // Candidates with no evidence of a speaker get their own threshold:
    // the prior the model learned from news where nearly every quotation
    // is attributed weighs differently where nothing speaks for it.
    let cand: Vec<(bool, f64, bool)> = rows
        .iter()
        .zip(&oof)
        .zip(&is_candidate)
        .filter(|(_, c)| **c)
        .map(|((r, p), _)| (quote_model::no_evidence(&r.1), *p, r.2))
        .collect();
    // Each kind of candidate gets its own threshold, chosen on its own
    // candidates. Where the model weighs evidence of a speaker, the classes
    // overlap and the threshold sits where a few quotations decide it: its
    // out-of-fold precision must clear the bar by [`PRECISION_Z`] standard
    // errors. A candidate with no evidence of a speaker at all is the case
    // the rule exists for; there the point estimate must reach the bar.
    let choose = |none: bool, z: f64| -> (f64, usize, usize) {
        let mut best: Option<(f64, usize, usize)> = None;
        for s in 1..100 {
            let t = s as f64 / 100.0;
            let (mut right, mut wrong) = (0, 0);
            for &(n, p, y) in &cand {
                if n == none && p < t {
                    if y {
                        wrong += 1;
                    } else {
                        right += 1;
                    }
                }
            }
            if right > 0
                && wilson_lower(right, right + wrong, z) >= MIN_PRECISION
                && best.is_none_or(|b| (right, usize::MAX - wrong) > (b.1, usize::MAX - b.2))
            {
                best = Some((t, right, wrong));
            }
        }
        best.unwrap_or((0.0, 0, 0))
    };
    let (threshold, right_e, wrong_e) = choose(false, PRECISION_Z);
    let (threshold_no_evidence, right_n, wrong_n) = choose(true, 0.0);
    let (right, wrong) = (right_e + right_n, wrong_e + wrong_n);
    eprintln!(
        "chosen thresholds {threshold:.2} (evidence: {right_e} right, {wrong_e} wrong) and \
         {threshold_no_evidence:.2} (none: {right_n} right, {wrong_n} wrong): \
         {right} right, {wrong} wrong of {unattributed} unattributed candidates (out of fold, train)"
    );
    let all: Vec<(Vector, bool)> = rows.iter().map(|r| (r.1, r.2)).collect();
    let model = Model {
        weights: fit(&all),
        threshold,
        threshold_no_evidence,
    };
    std::fs::write("data/attribution/quote_model.txt", model.to_text()).expect("write model");
    for (n, w) in quote_model::NAMES.iter().zip(model.weights) {
        eprintln!("{n:>28} {w:+.3}");
    }
}
