//! Learns the weights of the related-passage score
//! (`src/analysis/related/weights.tsv`) and measures components on ECB+.
//!
//! ```text
//! cargo run --release --example related_learn            # measure, print the weights
//! cargo run --release --example related_learn -- --write # and write weights.tsv, gate.tsv, ranking.tsv
//! cargo run --release --example related_learn -- --drop story,doc_words # without features
//! cargo run --release --example related_learn -- --balanced-negatives # negatives by kind
//! cargo run --release --example related_learn -- --saturate-grid  # gated document features
//! ```
//!
//! To compare designs on the held-out topics (the shipped weights are
//! learned with neither): `--drop a,b` leaves the named features out of
//! the fit (weight 0); `--best-gold` pairs only each ECB+ query's best
//! gold passage (under the fit so far, fitted again until the choice
//! settles) with the other candidates, a top-of-the-ranking objective.
//! Measured (every candidate ranked): it moves weight from the
//! documents' shared words to their shared names and dates (`doc_words`
//! 1.49 to 0.78, `story` 1.34 to 1.73) and loses held-out recall@1 (0.778
//! to 0.760, MRR 0.854 to 0.840), so every gold passage is paired.
//!
//! Measured with the negatives balanced by kind (held-out, every
//! candidate ranked; through the index with `related_eval`): the
//! ranking's recall@1 0.790 either way, MRR 0.859 to 0.860 (through the
//! index recall@1 0.790, recall@5 0.946, MRR 0.859 to 0.860; MSRP test
//! recall@1 0.952 to 0.953; STS unchanged, the pair score being the
//! same). The weight moves from the documents' story to the passages'
//! words (`story` 1.42 to 1.26, `doc_words` 1.59 to 1.50, `terms` 0.86
//! to 0.92, `terms_min` 0.94 to 1.01), not enough to reorder passages
//! among articles that all report one story (the seed pairs stay at 6 of
//! 10 in the top three), and the ranking's scores rise, so more first
//! results pass the related floor: on the GVA subset of
//! `tests/related_eval.rs` the top result is from the same incident for
//! 0.795 of 1,701 passages (0.837 of 1,586 before), under the 0.8 the
//! floor keeps. Not shipped.
//!
//! Also measured and not kept (`--saturate-grid`): the documents'
//! features read as a gate, `story` full at a shared share of names and
//! dates of 0.35, 0.25 or 0.15 instead of 0.5, and `doc_words` full at a
//! cosine of 0.5 or 0.35, so that every article on the story looks alike
//! and the passages' own evidence orders them. The tuning topics choose
//! `story` at 0.35 and `doc_words` at 0.5 (recall@1 0.785 to 0.814, MRR
//! 0.862 to 0.875), which loses held-out recall@1 (0.790 to 0.778, MRR
//! 0.860 to 0.851); every saturated `doc_words` loses held-out recall@1.
//!
//! Also measured and not kept: two more features, refitted here. A learned
//! table of stems that restate each other (stem pairs that stand on the
//! two sides of a paraphrase more often than on the two sides of other
//! pairs, counted once per story, from MSRP train, STS 2012 MSRpar train
//! and the ECB+ tuning topics: 94 pairs at three stories or more, such as
//! "lawyer" and "attorney", and many that only share a story) read as the
//! share of the passages' rarity that the other restates; and the shared
//! words times the shared story. The fit gives the first 0.55 and the
//! second nothing (0.003 in the ranking), and through the index they
//! lose held-out ECB+ recall@1 (0.790 to 0.784, MRR 0.859 to 0.856, recall@5
//! 0.946 either way) and verification precision (0.931 to 0.915), with
//! MSRP test recall@1 0.952 and the STS mean 0.706 to 0.707. The tuning
//! pairs are too few for a relatedness table (about 3,000 distinct
//! stories); a larger source of restatements is what such a feature needs.
//!
//! Shipped since: the ranking in two stages (`two_stage`), a document
//! gate (`gate.tsv`: `story`, `doc_words` and the candidate's date, year
//! and count conflicts, fitted pointwise on whether a candidate's
//! document reports the query's event) times a
//! passage score (`ranking.tsv`: the passages' features, fitted pairwise
//! only among the passages of documents that report it, the gold against
//! the same story's other sentences, with MSRP's and STS's pairs, then
//! levelled on those passages), with a second relative feature,
//! `set_best` (the passage's shared words over the best of every
//! candidate's). Every candidate ranked, held-out recall@1 0.790 to 0.802
//! and MRR 0.859 to 0.865 (tuning 0.797 / 0.868); `set_best` in the
//! one-stage model instead loses held-out recall@1 (0.766, MRR 0.845):
//! the relative feature helps only where the gate has taken the story out
//! of the passage's score. The gate first read the documents' features
//! alone, and the evidence of another event (a disagreeing date, year or
//! count) only reached the passage ranker, learned among the passages of
//! one story, where such a conflict says little: a report of the same
//! town's flood in another year, on the same names, passed the gate as
//! the story's. Read by the gate (date −0.54, year −1.57, count −1.75),
//! held-out recall@1 and MRR stay 0.802 / 0.865 (tuning 0.797 / 0.868).
//!
//! Measured first and not kept: `lead` by passage, how near both
//! passages stand to the start of their articles (each 1 for its
//! document's first indexed passage, a fifth less for each indexed
//! passage before it, the product of the two), read by the passage
//! ranker only. The fit gives it 2.49 (after levelling); every candidate
//! ranked, tuning recall@1 / MRR 0.797 / 0.868 to 0.831 / 0.893,
//! held-out 0.802 / 0.865 to 0.808 / 0.871. But a headline counts as its
//! article's first passage, and on short reports (the related fixtures
//! of the unit, command-line and editor tests, and the seed articles'
//! tour announcement, whose restatements rank 7th behind three
//! headlines) every headline that shares a few words outranks the
//! sentence that restates the query.
//!
//! Shipped since: `lead` by paragraph (`related::lead`): 1 for every
//! sentence of the first body paragraph, a fifth less for each body
//! paragraph before it, 0 for a headline or subheading (told by layout:
//! a one-sentence paragraph without final punctuation), the product of
//! the query's and the candidate's, read by the passage ranker only (the
//! pair score and the gate leave it out). The fit gives it 2.31 (after
//! levelling); every candidate ranked, tuning recall@1 / MRR 0.797 /
//! 0.868 to 0.831 / 0.897, held-out 0.802 / 0.865 to 0.802 / 0.869
//! (`--drop lead` measures the ranking without it). Through the index
//! (`related_eval`): held-out recall@1 / recall@5 / MRR 0.802 / 0.952 /
//! 0.865 to 0.802 / 0.952 / 0.869, MSRP test recall@1 0.952 and the STS
//! mean 0.706 unchanged (the pair score is the same), verification
//! unchanged (held-out corroborated precision 0.931, recall 0.982), the
//! GVA subset's top result from the same incident 0.883 of 2,009
//! passages to 0.887 of 1,931; the seed pairs 8
//! to 9 of 10 in the top three (the strike on the gang's vessel found,
//! the tour's announcement kept).
//!
//! Also measured and not kept: a headline role of its own, 1 when
//! exactly one of the two passages is a headline, read by the passage
//! ranker beside `lead`. ECB+ marks a title that names the event as
//! related like any sentence of it, so the fit gives the role +1.29
//! where the seed pairs needed it to count against a headline, and it
//! loses held-out recall@1 / MRR (0.802 / 0.869 to 0.772 / 0.850;
//! tuning 0.836 / 0.898). What a headline is for (naming the story, not
//! restating a fact) is not what ECB+ labels.
//!
//! Training data (nothing here is evaluated on afterwards):
//! - ECB+ dev, tuning topics only (`ECB_TUNING`): every indexed passage of
//!   every other article that shares anything with the query sentence,
//!   labelled by the gold (`related_sentences.tsv`): pairwise (each gold
//!   passage against each other candidate of the same query) and
//!   pointwise (for the level of the score). With `--balanced-negatives`
//!   the ranking weighs its negatives by kind: the other passages of the articles that report
//!   the query's event (same story, another sentence), the passages of
//!   the topic's other articles (the other event of the same kind) and
//!   those of other topics each make a third of a query's weight, so the
//!   few hard negatives of the query's own story are not drowned by the
//!   many easy ones; by default (shipped) every pair weighs the same,
//!   and the pair score always does (see `main`);
//! - MSRP train: each labelled pair pointwise, and each paraphrase against
//!   the other candidates its sentence retrieves, pairwise;
//! - STS 2012 MSRpar train: each pair pointwise, the graded score / 5 as
//!   a soft label, and each two pairs of different grades pairwise.
//!
//! The model is logistic over `related::Features`, fitted by Newton's
//! method with an L2 penalty in two stages (for the pair score, and for
//! the one-stage ranking printed for comparison): the weights from the pairwise
//! examples (ECB+, MSRP and STS weighing the same), which say which candidate is
//! the same event; then a scale and a bias on that ranking from the
//! pointwise examples (each source weighing the same), which say how
//! likely a pair is the same fact, so that the related threshold keeps a
//! meaning. It prints, on the ECB+ tuning topics and on the
//! held-out ones, recall@1 and MRR of the learned score and of the former
//! hand-weighted formula with each of its components taken out
//! (ranking every candidate, not only the index's first pass). The held-out
//! half is measured, never fitted: the ranking through the real index is
//! `cargo run --release --example related_eval -- ecb`.

// Matrix code (gradients, Hessians, elimination) reads best with indices.
#![allow(clippy::needless_range_loop)]

#[path = "../tests/support/related_eval.rs"]
mod eval;

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use factline::analysis::related::{
    self, FEATURE_NAMES, Features, Model, Options, PassageRef, Story,
};
use factline::analysis::{Corpus, DocAnalysis};
use rayon::prelude::*;

const N: usize = FEATURE_NAMES.len();

/// One term of the loss: `weight · CE(label, σ(θ·x))`; `x[0]` is 1 for a
/// pointwise example (the bias counts), 0 for a pairwise difference.
#[derive(Clone)]
struct Example {
    x: Vec<f64>,
    label: f64,
    weight: f64,
}

/// The first passage of a one-sentence document.
fn first(d: &DocAnalysis) -> PassageRef<'_> {
    PassageRef { doc: d, index: 0 }
}

/// The features `--drop` leaves out of the fit (their column is 0).
static DROPPED: std::sync::OnceLock<Vec<bool>> = std::sync::OnceLock::new();

/// The feature vector with dropped features at 0.
fn kept(f: &Features) -> [f32; N] {
    let mut v = f.vector();
    if let Some(dropped) = DROPPED.get() {
        for (x, &d) in v.iter_mut().zip(dropped) {
            if d {
                *x = 0.0;
            }
        }
    }
    v
}

fn pointwise(f: &Features) -> Vec<f64> {
    let mut x = vec![1.0];
    x.extend(kept(f).iter().map(|&v| f64::from(v)));
    x
}

fn pairwise(better: &Features, worse: &Features) -> Vec<f64> {
    let mut x = vec![0.0];
    x.extend(
        kept(better)
            .iter()
            .zip(kept(worse))
            .map(|(&a, b)| f64::from(a) - f64::from(b)),
    );
    x
}

/// Gives every example of one source the same total weight `total`.
fn source(mut v: Vec<Example>, total: f64) -> Vec<Example> {
    let sum: f64 = v.iter().map(|e| e.weight).sum();
    for e in &mut v {
        e.weight *= total / sum.max(1e-12);
    }
    v
}

/// L2 penalty on the weights (not the bias), relative to a unit of total
/// example weight: enough to keep collinear features (the term measures)
/// from trading huge opposite weights.
const L2: f64 = 1e-3;

/// The weight of the ECB+ tuning pairs in the ranking, against MSRP's 1:
/// the two sources weigh the same (news coverage of events, and
/// paraphrases that must still rank first). Weighing ECB+ 3 or 100 times
/// more gains nothing on the tuning topics' recall@1.
const PAIRWISE_ECB: f64 = 1.0;

/// Rounds of choosing each ECB+ query's best gold passage and fitting
/// again (`--best-gold`); the choice settled in three or four.
const TOP_GOLD_ROUNDS: usize = 5;

/// The ECB+ tuning topics' pairwise examples: every gold passage against
/// every other candidate; with `best`, only the query's gold passage that
/// `best` scores highest (recall@1 and MRR ask only that the best report
/// of the event come first; see `--best-gold`). Each query weighs the
/// same.
fn ecb_pairs(
    cands: &[Candidates],
    best: Option<&dyn Fn(&Features) -> f64>,
    balanced: bool,
) -> Vec<Example> {
    let mut out = Vec::new();
    for c in cands
        .iter()
        .filter(|c| eval::EcbSplit::Tuning.has(&c.topic))
    {
        let mut gold: Vec<&Features> = c.items.iter().filter(|i| i.1).map(|i| &i.0).collect();
        if let Some(score) = best
            && let Some(top) = gold
                .iter()
                .copied()
                .max_by(|a, b| score(a).total_cmp(&score(b)))
        {
            gold = vec![top];
        }
        let other: Vec<(&Features, Kind)> = c
            .items
            .iter()
            .zip(&c.kinds)
            .filter(|(i, _)| !i.1)
            .map(|(i, &k)| (&i.0, k))
            .collect();
        // Each negative's share of the query's weight: the same for every
        // pair, or (`balanced`) the same for each kind of negative
        // present, so that the few passages of the query's own story weigh
        // as much as the many of other stories.
        let kinds = [Kind::SameStory, Kind::SameTopic, Kind::Other];
        let count = |k: Kind| other.iter().filter(|o| o.1 == k).count();
        let present = kinds.iter().filter(|&&k| count(k) > 0).count().max(1);
        let share = |k: Kind| -> f64 {
            if !balanced {
                1.0 / other.len().max(1) as f64
            } else {
                1.0 / (present * count(k).max(1)) as f64
            }
        };
        let g_n = gold.len().max(1) as f64;
        for g in &gold {
            for &(o, k) in &other {
                out.push(Example {
                    x: pairwise(g, o),
                    label: 1.0,
                    weight: share(k) / g_n,
                });
            }
        }
    }
    out
}

/// The ECB+ tuning topics' pointwise examples, each query weighing the same.
fn ecb_points(cands: &[Candidates]) -> Vec<Example> {
    let mut out = Vec::new();
    for c in cands
        .iter()
        .filter(|c| eval::EcbSplit::Tuning.has(&c.topic))
    {
        let n = c.items.len().max(1) as f64;
        for (f, g) in &c.items {
            out.push(Example {
                x: pointwise(f),
                label: if *g { 1.0 } else { 0.0 },
                weight: 1.0 / n,
            });
        }
    }
    out
}

/// The documents' features read as a gate: `story` full at a shared
/// share `s` of the names and dates (the shipped feature is full at 0.5)
/// and `doc_words` full at a cosine `t`, so that among documents on one
/// story the passages' own evidence orders the candidates.
fn saturated(cands: &[Candidates], s: f32, t: f32) -> Vec<Candidates> {
    let mut out = cands.to_vec();
    for c in &mut out {
        for (f, _) in &mut c.items {
            f.story = (f.story * 0.5 / s).min(1.0);
            f.doc_words = (f.doc_words / t).min(1.0);
        }
    }
    out
}

/// `--saturate-grid`: the ranking fitted with the documents' features
/// saturated at several points, measured on the tuning topics (the choice)
/// and the held-out ones (the report).
fn saturate_grid(
    cands: &[Candidates],
    msrp_pair: &[Example],
    sts_pair: &[Example],
    msrp_point: &[Example],
    sts_point: &[Example],
) {
    use eval::EcbSplit::{HeldOut, Tuning};
    let mut rest = Vec::new();
    rest.extend(source(msrp_pair.to_vec(), 1.0));
    rest.extend(source(sts_pair.to_vec(), 1.0));
    for s in [0.5f32, 0.35, 0.25, 0.15] {
        for t in [1.0f32, 0.5, 0.35] {
            let c = saturated(cands, s, t);
            let mut pairs = source(ecb_pairs(&c, None, true), PAIRWISE_ECB);
            pairs.extend(rest.iter().cloned());
            let w = fit(&pairs);
            let model = level_fit(&w, &ecb_points(&c), msrp_point, sts_point);
            let (t1, tm, _) = measure(&c, Tuning, &|f| model.score(f));
            let (h1, hm, _) = measure(&c, HeldOut, &|f| model.score(f));
            println!(
                "story full at {s:.2}, doc_words full at {t:.2}: tuning {t1:.3} / {tm:.3}   held-out {h1:.3} / {hm:.3}   story {:.2} doc_words {:.2} terms {:.2}",
                model.weights[11], model.weights[12], model.weights[0]
            );
        }
    }
}

/// `--two-stage`: a document gate and a passage ranker learned apart,
/// measured on the tuning topics and the held-out ones. The gate reads the
/// documents' features (`story`, `doc_words`) and the candidate's evidence
/// of another event ([`GATE_FEATURES`]) and is fitted on whether a
/// candidate's document reports the query's event; the passage
/// ranker reads the rest (the document-relative `doc_best` and
/// `set_best` included) and is fitted only among candidates of documents
/// that report it (the gold against the same story's other sentences),
/// with MSRP's and STS's pairs; the score is gate × passage.
fn two_stage(cands: &[Candidates], msrp_pair: &[Example], sts_pair: &[Example]) -> (Model, Model) {
    use eval::EcbSplit::{HeldOut, Tuning};
    let at = |name: &str| 1 + FEATURE_NAMES.iter().position(|n| *n == name).unwrap_or(0);
    let (story, words) = (at("story"), at("doc_words"));
    // The gate's inputs (columns of `pointwise`'s vector, the bias first).
    let gate_cols: Vec<usize> = std::iter::once(0)
        .chain(GATE_FEATURES.iter().map(|n| at(n)))
        .collect();
    let gate_x = |f: &Features| -> Vec<f64> {
        let x = pointwise(f);
        gate_cols.iter().map(|&i| x[i]).collect()
    };
    let mut gate_ex = Vec::new();
    let mut pass_pairs = Vec::new();
    let mut pass_points = Vec::new();
    for c in cands.iter().filter(|c| Tuning.has(&c.topic)) {
        let n = c.items.len().max(1) as f64;
        for ((f, _), k) in c.items.iter().zip(&c.kinds) {
            let on_story = matches!(k, Kind::Gold | Kind::SameStory);
            gate_ex.push(Example {
                x: gate_x(f),
                label: f64::from(u8::from(on_story)),
                weight: 1.0 / n,
            });
        }
        let gold: Vec<&Features> = c.items.iter().filter(|i| i.1).map(|i| &i.0).collect();
        let same: Vec<&Features> = c
            .items
            .iter()
            .zip(&c.kinds)
            .filter(|(_, k)| **k == Kind::SameStory)
            .map(|(i, _)| &i.0)
            .collect();
        let m = (gold.len() * same.len()).max(1) as f64;
        for g in &gold {
            for o in &same {
                pass_pairs.push(Example {
                    x: pairwise(g, o),
                    label: 1.0,
                    weight: 1.0 / m,
                });
            }
        }
        let on = (gold.len() + same.len()).max(1) as f64;
        for (f, g) in c
            .items
            .iter()
            .zip(&c.kinds)
            .filter(|(_, k)| matches!(k, Kind::Gold | Kind::SameStory))
            .map(|(i, _)| (&i.0, i.1))
        {
            pass_points.push(Example {
                x: pointwise(f),
                label: f64::from(u8::from(g)),
                weight: 1.0 / on,
            });
        }
    }
    let gate = fit(&gate_ex);
    let strip = |v: Vec<Example>| -> Vec<Example> {
        v.into_iter()
            .map(|mut e| {
                e.x[story] = 0.0;
                e.x[words] = 0.0;
                e
            })
            .collect()
    };
    let mut pairs = source(strip(pass_pairs), 1.0);
    pairs.extend(source(strip(msrp_pair.to_vec()), 1.0));
    pairs.extend(source(strip(sts_pair.to_vec()), 1.0));
    let w = fit(&pairs);
    let level = |v: &[Example]| -> Vec<Example> {
        v.iter()
            .map(|e| Example {
                x: vec![1.0, e.x.iter().zip(&w).skip(1).map(|(x, w)| x * w).sum()],
                ..e.clone()
            })
            .collect()
    };
    let ab = fit(&level(&strip(pass_points)));
    print!("two-stage gate: bias {:.3}", gate[0]);
    for (name, g) in GATE_FEATURES.iter().zip(&gate[1..]) {
        print!(" {name} {g:.3}");
    }
    println!("; passage level {:.3} + {:.3}·rank", ab[0], ab[1]);
    for (name, wi) in FEATURE_NAMES.iter().zip(&w[1..]) {
        print!(" {name} {wi:.3}");
    }
    println!();
    let mut gate_model = Model {
        bias: gate[0] as f32,
        weights: [0.0; N],
    };
    for (&col, g) in gate_cols[1..].iter().zip(&gate[1..]) {
        gate_model.weights[col - 1] = *g as f32;
    }
    let mut passage = Model {
        bias: ab[0] as f32,
        weights: [0.0; N],
    };
    for i in 0..N {
        passage.weights[i] = (ab[1] * w[i + 1]) as f32;
    }
    let score = |f: &Features| gate_model.score(f) * passage.score(f);
    let (t1, tm, _) = measure(cands, Tuning, &score);
    let (h1, hm, _) = measure(cands, HeldOut, &score);
    println!("two-stage gate × passage: tuning {t1:.3} / {tm:.3}   held-out {h1:.3} / {hm:.3}");
    (gate_model, passage)
}

/// What the document gate reads: the documents' shared story and words,
/// and the candidate's evidence of another event (a date, a year or a
/// count of the same thing that disagrees), which says as much about
/// whether its document reports the query's event as the story does.
const GATE_FEATURES: [&str; 5] = [
    "story",
    "doc_words",
    "date_conflict",
    "year_conflict",
    "count_conflict",
];

/// Newton's method on the penalised cross-entropy.
fn fit(examples: &[Example]) -> Vec<f64> {
    let p = examples.first().map_or(1, |e| e.x.len());
    let mut theta = vec![0.0; p];
    for _ in 0..50 {
        let zero = || (vec![0.0; p], vec![vec![0.0; p]; p]);
        let (mut g, mut h) = examples
            .par_iter()
            .fold(zero, |(mut g, mut h), e| {
                let z: f64 = theta.iter().zip(&e.x).map(|(t, x)| t * x).sum();
                let q = 1.0 / (1.0 + (-z).exp());
                for i in 0..p {
                    g[i] += e.weight * (q - e.label) * e.x[i];
                    for j in 0..p {
                        h[i][j] += e.weight * q * (1.0 - q) * e.x[i] * e.x[j];
                    }
                }
                (g, h)
            })
            .reduce(zero, |(mut g, mut h), (g2, h2)| {
                for i in 0..p {
                    g[i] += g2[i];
                    for j in 0..p {
                        h[i][j] += h2[i][j];
                    }
                }
                (g, h)
            });
        for i in 1..p {
            g[i] += L2 * theta[i];
            h[i][i] += L2;
        }
        h[0][0] += 1e-9;
        let step = solve(h, g);
        let mut moved = 0.0f64;
        for i in 0..p {
            theta[i] -= step[i];
            moved = moved.max(step[i].abs());
        }
        if moved < 1e-7 {
            break;
        }
    }
    theta
}

/// Solves `a · x = b` by Gaussian elimination with partial pivoting.
fn solve(mut a: Vec<Vec<f64>>, mut b: Vec<f64>) -> Vec<f64> {
    let p = b.len();
    for c in 0..p {
        let pivot = (c..p)
            .max_by(|&i, &j| a[i][c].abs().total_cmp(&a[j][c].abs()))
            .unwrap_or(c);
        a.swap(c, pivot);
        b.swap(c, pivot);
        let d = if a[c][c].abs() < 1e-12 {
            1e-12
        } else {
            a[c][c]
        };
        for r in c + 1..p {
            let f = a[r][c] / d;
            for k in c..p {
                a[r][k] -= f * a[c][k];
            }
            b[r] -= f * b[c];
        }
    }
    let mut x = vec![0.0; p];
    for c in (0..p).rev() {
        let s: f64 = (c + 1..p).map(|k| a[c][k] * x[k]).sum();
        let d = if a[c][c].abs() < 1e-12 {
            1e-12
        } else {
            a[c][c]
        };
        x[c] = (b[c] - s) / d;
    }
    x
}

/// One ECB+ query's candidates: (features, is gold), and for each the
/// kind of candidate it is ([`Kind`]).
#[derive(Clone)]
struct Candidates {
    topic: String,
    items: Vec<(Features, bool)>,
    kinds: Vec<Kind>,
}

/// What a candidate of an ECB+ query is, beside gold or not.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A passage of the query's event.
    Gold,
    /// Another passage of an article that reports the query's event: the
    /// same story, another sentence (what the document's features cannot
    /// tell apart from the gold).
    SameStory,
    /// A passage of another article of the topic (the other event of the
    /// same kind: a near-miss).
    SameTopic,
    /// A passage of another topic.
    Other,
}

fn ecb_candidates(ecb: &eval::Ecb) -> Vec<Candidates> {
    let contexts: Vec<related::StoryContext> = ecb
        .docs
        .iter()
        .map(|d| related::story_context(&ecb.corpus, d))
        .collect();
    ecb.queries
        .par_iter()
        .map(|q| {
            let d = &ecb.docs[q.doc];
            let span = ecb.lines[q.doc][q.line].clone();
            let mut items = Vec::new();
            let mut kinds = Vec::new();
            if let Some(a) = PassageRef::at(d, span.start) {
                for (j, other) in ecb.docs.iter().enumerate() {
                    if j == q.doc {
                        continue;
                    }
                    let story = related::story_between(d, &contexts[q.doc], other, &contexts[j]);
                    let first = items.len();
                    let reports_event = q.gold.iter().any(|&(g, _)| g == j);
                    let same_topic = other.id.as_str().split('_').next() == Some(q.topic.as_str());
                    for (k, p) in other.related.passages.iter().enumerate() {
                        if !p.indexed {
                            continue;
                        }
                        let b = PassageRef {
                            doc: other,
                            index: k,
                        };
                        let s = related::similarity_in_story(&ecb.corpus, a, b, story);
                        if s.topical <= 0.0 {
                            continue;
                        }
                        let gold = ecb
                            .lines_of(j, &p.span)
                            .iter()
                            .any(|&l| q.gold.contains(&(j, l)));
                        items.push((s.features, gold));
                        kinds.push(if gold {
                            Kind::Gold
                        } else if reports_event {
                            Kind::SameStory
                        } else if same_topic {
                            Kind::SameTopic
                        } else {
                            Kind::Other
                        });
                    }
                    // Each candidate against the best of its document's,
                    // as the query ranks them.
                    let best = items[first..]
                        .iter()
                        .map(|i: &(Features, bool)| i.0.terms)
                        .fold(0.0f32, f32::max);
                    for item in &mut items[first..] {
                        item.0.doc_best = related::doc_best(item.0.terms, best);
                    }
                }
                // And against the best of every candidate.
                let best = items.iter().map(|i| i.0.terms).fold(0.0f32, f32::max);
                for item in &mut items {
                    item.0.set_best = related::doc_best(item.0.terms, best);
                }
            }
            Candidates {
                topic: q.topic.clone(),
                items,
                kinds,
            }
        })
        .collect()
}

/// Recall@1 and MRR of `score` over the queries of `split` (every
/// candidate ranked; ties broken against the gold).
fn measure(
    cands: &[Candidates],
    split: eval::EcbSplit,
    score: &dyn Fn(&Features) -> f32,
) -> (f64, f64, usize) {
    let (mut r1, mut mrr, mut n) = (0.0, 0.0, 0);
    for c in cands.iter().filter(|c| split.has(&c.topic)) {
        n += 1;
        let scored: Vec<(f32, bool)> = c.items.iter().map(|(f, g)| (score(f), *g)).collect();
        let Some(best_gold) = scored
            .iter()
            .filter(|s| s.1)
            .map(|s| s.0)
            .max_by(f32::total_cmp)
        else {
            continue;
        };
        let rank = 1 + scored.iter().filter(|s| !s.1 && s.0 >= best_gold).count();
        if rank == 1 {
            r1 += 1.0;
        }
        mrr += 1.0 / rank as f64;
    }
    let d = n.max(1) as f64;
    (r1 / d, mrr / d, n)
}

/// The former hand-weighted score, with switches to take components out.
#[derive(Clone, Copy)]
struct Former {
    entities: bool,
    figures: bool,
    quotes: bool,
    date: bool,
    year: bool,
    count: bool,
    story: bool,
}

const FORMER: Former = Former {
    entities: true,
    figures: true,
    quotes: true,
    date: true,
    year: true,
    count: true,
    story: true,
};

fn former(f: &Features, terms: f32, on: Former) -> f32 {
    let pick = |yes: bool, v: f32| if yes { v } else { 0.0 };
    let topical = 1.0
        - (1.0 - terms)
            * (1.0 - 0.15 * pick(on.entities, f.entities))
            * (1.0 - 0.3 * pick(on.figures, f.figures))
            * (1.0 - 0.5 * pick(on.quotes, f.quotes));
    let mut s = topical;
    if on.date && f.date_conflict > 0.0 {
        s *= 0.5;
    }
    if on.year && f.year_conflict > 0.0 {
        s *= 0.8;
    }
    if on.count && f.count_conflict > 0.0 {
        s *= 0.85;
    }
    if on.story {
        s *= 0.3 + 0.7 * f.story;
    }
    s
}

fn analyze_all(items: Vec<(String, String)>) -> (Vec<Arc<DocAnalysis>>, Corpus) {
    let docs = eval::analyze_all(items);
    let corpus = eval::corpus_of(&docs);
    (docs, corpus)
}

/// MSRP train: pointwise pairs and pairwise paraphrase-vs-candidate.
fn msrp(file: &Path) -> (Vec<Example>, Vec<Example>) {
    let text = eval::read(file);
    let mut sentences: Vec<(String, String)> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut pairs: Vec<(usize, usize, f64)> = Vec::new();
    for line in text.lines().skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 5 {
            continue;
        }
        let mut id = |sid: &str, s: &str| -> usize {
            *index.entry(sid.to_string()).or_insert_with(|| {
                sentences.push((sid.to_string(), s.to_string()));
                sentences.len() - 1
            })
        };
        let a = id(f[1], f[3]);
        let b = id(f[2], f[4]);
        pairs.push((a, b, if f[0] == "1" { 1.0 } else { 0.0 }));
    }
    let (docs, corpus) = analyze_all(sentences);
    let point: Vec<Example> = pairs
        .par_iter()
        .filter(|&&(a, b, _)| {
            !docs[a].related.passages.is_empty() && !docs[b].related.passages.is_empty()
        })
        .map(|&(a, b, label)| {
            let s = related::similarity_in_story(
                &corpus,
                first(&docs[a]),
                first(&docs[b]),
                Story::NONE,
            );
            Example {
                x: pointwise(&s.features),
                label,
                weight: 1.0,
            }
        })
        .collect();
    // The whole first-pass pool (at most 400), whatever the current
    // weights would keep of it.
    let options = Options {
        limit: 400,
        min_score: 0.0,
        first_min_score: 0.0,
        same_document: false,
        reasons: false,
    };
    let pair: Vec<Example> = pairs
        .par_iter()
        .filter(|p| p.2 > 0.5)
        .flat_map_iter(|&(a, b, _)| {
            let (da, db) = (&docs[a], &docs[b]);
            let mut out = Vec::new();
            let (Some(pa), Some(_)) = (da.related.passages.first(), db.related.passages.first())
            else {
                return out;
            };
            let mut target =
                related::similarity_in_story(&corpus, first(da), first(db), Story::NONE).features;
            let results = related::query_with(&corpus, da, pa.span.clone(), &options);
            let mut others: Vec<Features> = Vec::new();
            for r in results.iter().filter(|r| r.doc != db.id) {
                let Some(other) = corpus.get(&r.doc) else {
                    continue;
                };
                let s = related::similarity_in_story(
                    &corpus,
                    first(da),
                    PassageRef {
                        doc: other,
                        index: r.passage,
                    },
                    Story::NONE,
                );
                others.push(s.features);
            }
            // Each candidate against the best of the query's candidates.
            let best = others.iter().map(|f| f.terms).fold(target.terms, f32::max);
            target.set_best = related::doc_best(target.terms, best);
            for f in &mut others {
                f.set_best = related::doc_best(f.terms, best);
            }
            let n = others.len().max(1) as f64;
            for s in &others {
                out.push(Example {
                    x: pairwise(&target, s),
                    label: 1.0,
                    weight: 1.0 / n,
                });
            }
            out
        })
        .collect();
    (point, pair)
}

/// Each STS pair's features (its best pair of passages, as the evaluation
/// compares them) and its graded score / 5.
fn sts_features(file: &Path) -> Vec<(Features, f64)> {
    let text = eval::read(file);
    let mut items = Vec::new();
    let mut gold = Vec::new();
    for line in text.lines() {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 3 {
            continue;
        }
        let Ok(score) = f[0].trim().parse::<f64>() else {
            continue;
        };
        let i = gold.len();
        items.push((format!("a{i}"), f[1].to_string()));
        items.push((format!("b{i}"), f[2].to_string()));
        gold.push((score / 5.0).clamp(0.0, 1.0));
    }
    let (docs, corpus) = analyze_all(items);
    (0..gold.len())
        .filter_map(|i| {
            let (a, b) = (&docs[2 * i], &docs[2 * i + 1]);
            let mut best: Option<related::Similarity> = None;
            for ia in 0..a.related.passages.len() {
                for ib in 0..b.related.passages.len() {
                    let s = related::similarity(
                        &corpus,
                        PassageRef { doc: a, index: ia },
                        PassageRef { doc: b, index: ib },
                    );
                    if best.is_none_or(|x| s.topical > x.topical) {
                        best = Some(s);
                    }
                }
            }
            Some((best?.features, gold[i]))
        })
        .collect()
}

/// STS: each pair pointwise (the graded score / 5 as a soft label), and
/// each two pairs of different grades pairwise (the higher one first).
fn sts(file: &Path) -> (Vec<Example>, Vec<Example>) {
    let rows = sts_features(file);
    let point = rows
        .iter()
        .map(|(f, g)| Example {
            x: pointwise(f),
            label: *g,
            weight: 1.0,
        })
        .collect();
    let mut pair = Vec::new();
    for (i, (fi, gi)) in rows.iter().enumerate() {
        for (fj, gj) in &rows[i + 1..] {
            if gi > gj {
                pair.push(Example {
                    x: pairwise(fi, fj),
                    label: 1.0,
                    weight: 1.0,
                });
            } else if gj > gi {
                pair.push(Example {
                    x: pairwise(fj, fi),
                    label: 1.0,
                    weight: 1.0,
                });
            }
        }
    }
    (point, pair)
}

/// Spearman correlation of `score` with the STS grades of `rows`.
fn sts_spearman(rows: &[(Features, f64)], score: &dyn Fn(&Features) -> f32) -> f64 {
    let ours: Vec<f64> = rows.iter().map(|(f, _)| f64::from(score(f))).collect();
    let gold: Vec<f64> = rows.iter().map(|r| r.1).collect();
    eval::spearman(&ours, &gold)
}

/// Stage 2, the level: σ(a·ranking + b) from the pointwise examples
/// (each source weighing the same), so that a score reads as how likely
/// the pair is the same fact; `w` is the ranking of stage 1 (its first
/// entry, the bias slot, unused).
fn level_fit(w: &[f64], ecb: &[Example], msrp: &[Example], sts: &[Example]) -> Model {
    let level = |v: &[Example]| -> Vec<Example> {
        v.iter()
            .map(|e| Example {
                x: vec![1.0, e.x.iter().zip(w).skip(1).map(|(x, w)| x * w).sum()],
                ..e.clone()
            })
            .collect()
    };
    let mut points = Vec::new();
    points.extend(source(level(ecb), 1.0));
    points.extend(source(level(msrp), 1.0));
    points.extend(source(level(sts), 1.0));
    let ab = fit(&points);
    let mut model = Model {
        bias: ab[0] as f32,
        weights: [0.0; N],
    };
    for i in 0..N {
        model.weights[i] = (ab[1] * w[i + 1]) as f32;
    }
    model
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora");
    if !root.exists() {
        eprintln!("notice: {} not found; nothing to learn", root.display());
        return;
    }
    let args: Vec<String> = std::env::args().collect();
    let write = args.iter().any(|a| a == "--write");
    let drop: Vec<&str> = args
        .iter()
        .position(|a| a == "--drop")
        .and_then(|i| args.get(i + 1))
        .map(|s| s.split(',').collect())
        .unwrap_or_default();
    for name in &drop {
        if !FEATURE_NAMES.contains(name) {
            eprintln!(
                "unknown feature {name:?}; features: {}",
                FEATURE_NAMES.join(", ")
            );
            return;
        }
    }
    let other_design = ["--best-gold", "--balanced-negatives"];
    if write && (!drop.is_empty() || args.iter().any(|a| other_design.contains(&a.as_str()))) {
        eprintln!(
            "--write learns the shipped design; leave out --drop, --best-gold and --balanced-negatives"
        );
        return;
    }
    let balanced = args.iter().any(|a| a == "--balanced-negatives");
    let _ = DROPPED.set(FEATURE_NAMES.iter().map(|n| drop.contains(n)).collect());
    let ecb = eval::ecb_load(&root.join("ecbplus-dev"));
    let cands = ecb_candidates(&ecb);
    use eval::EcbSplit::{HeldOut, Tuning};

    println!("Components of the former score, every candidate ranked (recall@1 / MRR):");
    let row = |name: &str, f: &dyn Fn(&Features) -> f32| {
        let (t1, tm, tn) = measure(&cands, Tuning, f);
        let (h1, hm, hn) = measure(&cands, HeldOut, f);
        println!("  {name:34} tuning ({tn}) {t1:.3} / {tm:.3}   held-out ({hn}) {h1:.3} / {hm:.3}");
    };
    row("former score", &|f| former(f, f.terms, FORMER));
    let off = |g: fn(&mut Former)| {
        let mut o = FORMER;
        g(&mut o);
        o
    };
    let ablations: [(&str, Former); 8] = [
        ("  without story discount", off(|o| o.story = false)),
        ("  without date conflict", off(|o| o.date = false)),
        ("  without year conflict", off(|o| o.year = false)),
        ("  without count conflict", off(|o| o.count = false)),
        ("  without entities", off(|o| o.entities = false)),
        ("  without figures", off(|o| o.figures = false)),
        ("  without quotes", off(|o| o.quotes = false)),
        (
            "  terms alone",
            Former {
                entities: false,
                figures: false,
                quotes: false,
                date: false,
                year: false,
                count: false,
                story: false,
            },
        ),
    ];
    for (name, on) in ablations {
        row(name, &|f| former(f, f.terms, on));
    }
    row("  terms: cosine instead of BM25", &|f| {
        former(f, f.cosine, FORMER)
    });
    row("  terms: the smaller direction", &|f| {
        former(f, f.terms_min, FORMER)
    });
    row("  terms: the larger direction", &|f| {
        former(f, f.terms_max, FORMER)
    });
    row("cosine alone", &|f| f.cosine);

    // Training examples.
    let mut ecb_point = Vec::new();
    for c in cands.iter().filter(|c| Tuning.has(&c.topic)) {
        let n = c.items.len().max(1) as f64;
        for (f, g) in &c.items {
            let label = if *g { 1.0 } else { 0.0 };
            ecb_point.push(Example {
                x: pointwise(f),
                label,
                weight: 1.0 / n,
            });
        }
    }
    let ecb_pair = ecb_pairs(&cands, None, balanced);
    let ecb_pair_flat = ecb_pairs(&cands, None, false);
    let (msrp_point, msrp_pair) = msrp(&root.join("msrp/msr_paraphrase_train.txt"));
    let (sts_point, sts_pair) = sts(&root.join("sts-news/2012/MSRpar.train.tsv"));
    println!(
        "Examples: ECB+ tuning {} pairwise, {} pointwise; MSRP train {} pointwise, {} pairwise; STS MSRpar train {} pointwise, {} pairwise",
        ecb_pair.len(),
        ecb_point.len(),
        msrp_point.len(),
        msrp_pair.len(),
        sts_point.len(),
        sts_pair.len()
    );
    // The shipped ranking: the document gate and the passage ranker.
    let (gate, passage) = two_stage(&cands, &msrp_pair, &sts_pair);
    if args.iter().any(|a| a == "--saturate-grid") {
        saturate_grid(&cands, &msrp_pair, &sts_pair, &msrp_point, &sts_point);
        return;
    }
    // Stage 1, the ranking: which candidate is the same event, from the
    // pairwise examples (no bias).
    let mut rest = Vec::new();
    rest.extend(source(msrp_pair, 1.0));
    rest.extend(source(sts_pair, 1.0));
    let mut pairs = source(ecb_pair, PAIRWISE_ECB);
    pairs.extend(rest.iter().map(Example::clone));
    let mut w = fit(&pairs);
    if args.iter().any(|a| a == "--best-gold") {
        // Each query's best gold passage under the fit so far, against
        // every other candidate; fitted again until the choice settles.
        for round in 1..=TOP_GOLD_ROUNDS {
            let score = |f: &Features| -> f64 {
                kept(f)
                    .iter()
                    .zip(&w[1..])
                    .map(|(&x, w)| f64::from(x) * w)
                    .sum()
            };
            let mut pairs = source(ecb_pairs(&cands, Some(&score), balanced), PAIRWISE_ECB);
            pairs.extend(rest.iter().map(Example::clone));
            let next = fit(&pairs);
            let moved = next
                .iter()
                .zip(&w)
                .map(|(a, b)| (a - b).abs())
                .fold(0.0, f64::max);
            w = next;
            println!(
                "ECB+ pairs: each query's best gold passage, round {round} (weights moved {moved:.4})"
            );
            if moved < 1e-4 {
                break;
            }
        }
    }
    let model = level_fit(&w, &ecb_point, &msrp_point, &sts_point);
    // The pair score: the same fit without the ranking feature, whose
    // column is left at 0 (see `related::model`), and with every ECB+
    // negative weighing the same: it is read as evidence on its own
    // (verification, the figure rules), not to order one query's
    // candidates, and balancing the kinds of negatives lowered its
    // held-out recall@1 (0.778 to 0.772) while the ranking's held
    // (0.790, MRR 0.859 to 0.860).
    let ranking_only: Vec<usize> = FEATURE_NAMES
        .iter()
        .enumerate()
        .filter(|(_, n)| ["doc_best", "set_best", "lead"].contains(n))
        .map(|(i, _)| 1 + i)
        .collect();
    let mut flat = source(ecb_pair_flat, PAIRWISE_ECB);
    flat.extend(rest.iter().map(Example::clone));
    let alone: Vec<Example> = flat
        .iter()
        .map(|e| {
            let mut e = e.clone();
            for &i in &ranking_only {
                e.x[i] = 0.0;
            }
            e
        })
        .collect();
    let pair_model = level_fit(&fit(&alone), &ecb_point, &msrp_point, &sts_point);
    row("learned pair score (each alone)", &|f| pair_model.score(f));
    row("one-stage ranking (not shipped)", &|f| model.score(f));
    let rank = |f: &Features| gate.score(f) * passage.score(f);
    row("learned ranking: gate × passage", &rank);
    // The related threshold: how many queries have a first candidate at
    // or above it and how often that one is the same event, for the former
    // score at its threshold and the learned one at several, on the tuning
    // topics and on the held-out ones (which calibrate the floor).
    let answered =
        |split: eval::EcbSplit, score: &dyn Fn(&Features) -> f32, t: f32| -> (usize, f64) {
            let (mut n, mut ok) = (0, 0);
            for c in cands.iter().filter(|c| split.has(&c.topic)) {
                let top = c
                    .items
                    .iter()
                    .map(|(f, g)| (score(f), *g))
                    .max_by(|a, b| a.0.total_cmp(&b.0));
                if let Some((_, g)) = top.filter(|x| x.0 >= t) {
                    n += 1;
                    ok += usize::from(g);
                }
            }
            (n, ok as f64 / n.max(1) as f64)
        };
    let (n, p) = answered(Tuning, &|f| former(f, f.terms, FORMER), 0.30);
    let (hn, hp) = answered(HeldOut, &|f| former(f, f.terms, FORMER), 0.30);
    println!(
        "Queries with a related result: former score >= 0.30: tuning {n}, precision {p:.3}; held-out {hn}, precision {hp:.3}"
    );
    for t in [0.03, 0.05, 0.08, 0.10, 0.15, 0.20, 0.25, 0.30] {
        let (n, p) = answered(Tuning, &rank, t);
        let (hn, hp) = answered(HeldOut, &rank, t);
        println!(
            "  learned score >= {t:.2}: tuning {n}, precision {p:.3}; held-out {hn}, precision {hp:.3}"
        );
    }
    println!(
        "STS test files (never learned from), Spearman of the former score | the learned one:"
    );
    for f in [
        "2012/MSRpar.test.tsv",
        "2013/headlines.test.tsv",
        "2014/headlines.test.tsv",
        "2015/headlines.test.tsv",
        "2016/headlines.test.tsv",
    ] {
        let rows = sts_features(&root.join("sts-news").join(f));
        println!(
            "  {f:26} {:.3} | {:.3}",
            sts_spearman(&rows, &|x| former(x, x.terms, FORMER)),
            sts_spearman(&rows, &|x| pair_model.score(x))
        );
    }
    let header = |what: &str| {
        format!(
            "# Weights of the related-passage {what}: σ(bias + Σ weight·feature).\n\
             # Learned by `cargo run --release --example related_learn -- --write`\n\
             # (logistic regression on ECB+ dev tuning topics, MSRP train and STS 2012\n\
             # MSRpar train); do not edit by hand.\n"
        )
    };
    let files = [
        (
            "weights.tsv",
            format!(
                "{}# Each pair scored alone: doc_best, set_best and lead left out of the fit.\n{}",
                header("pair score"),
                pair_model.to_text()
            ),
        ),
        (
            "gate.tsv",
            format!(
                "{}# The document gate of the ranking: the documents' features and the evidence of another event.\n{}",
                header("ranking's document gate"),
                gate.to_text()
            ),
        ),
        (
            "ranking.tsv",
            format!(
                "{}# The passage ranker, fitted among passages of documents on the query's story;\n# a result's ranking score is its gate × this score.\n{}",
                header("ranking's passage score"),
                passage.to_text()
            ),
        ),
    ];
    for (name, text) in files {
        println!("{name}:\n{text}");
        if write {
            let path = Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("src/analysis/related")
                .join(name);
            match std::fs::write(&path, &text) {
                Ok(()) => println!("written: {}", path.display()),
                Err(e) => eprintln!("cannot write {}: {e}", path.display()),
            }
        }
    }
}
