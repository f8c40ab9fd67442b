//! The ranking score: a logistic model over what two passages share,
//! with weights learned on data, not set by hand.
//!
//! [`Features`] are the kinds of evidence the module documentation lists
//! (terms, entities, figures, quotes, conflicting dates and counts, the
//! documents' shared story), each from 0 to 1. The score is
//! `σ(bias + Σ wᵢ·xᵢ)`: the probability, as learned, that a candidate
//! reports the same event as the query.
//!
//! Two models share the features: the pair score (`weights.tsv`), what
//! two passages compared alone share, which [`super::similarity`] and
//! the evidence of verification read; and the ranking score
//! (`ranking.tsv`), which also weighs a candidate against its document's
//! other candidates ([`Features::doc_best`]) and orders the results of a
//! query. The ranking feature puts the best passage of each document
//! higher in absolute terms too, so a score read as evidence on its own
//! comes from the pair model, learned without it.
//!
//! The weights are data: `weights.tsv` and `ranking.tsv` beside this file, compiled in,
//! written by `cargo run --release --example related_learn` (logistic
//! regression on labelled pairs; see that program for the data and the
//! held-out measure). Nothing retrains at run time or in CI; a test
//! checks the shipped file names every feature once, and
//! `tests/related_eval.rs` checks its ranking on held-out news.

use std::sync::LazyLock;

/// The number of features.
pub const FEATURES: usize = 16;

/// The features' names, in [`Features::vector`] order, as in `weights.tsv`.
pub const FEATURE_NAMES: [&str; FEATURES] = [
    "terms",
    "terms_min",
    "terms_max",
    "cosine",
    "shared",
    "entities",
    "figures",
    "quotes",
    "date_conflict",
    "year_conflict",
    "count_conflict",
    "story",
    "doc_words",
    "doc_best",
    "set_best",
    "lead",
];

/// What two passages share, each from 0 to 1.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Features {
    /// Normalised BM25, the geometric mean of the two directions.
    pub terms: f32,
    /// The smaller of the two directions (how much of the fuller passage
    /// the other covers).
    pub terms_min: f32,
    /// The larger of the two directions.
    pub terms_max: f32,
    /// Cosine of the passages' idf-weighted word counts.
    pub cosine: f32,
    /// The summed rarity of the shared words, full at about four rare words.
    pub shared: f32,
    /// Weighted overlap of named entities (surnames and roles resolved).
    pub entities: f32,
    /// Weighted overlap of figures.
    pub figures: f32,
    /// Shared quoted words.
    pub quotes: f32,
    /// 1 when both give calendar dates and none agree.
    pub date_conflict: f32,
    /// 1 when both give years and none agree.
    pub year_conflict: f32,
    /// 1 when both count the same thing with different numbers.
    pub count_conflict: f32,
    /// How much the two documents' stories share (1 within a document and
    /// between two one-passage documents).
    pub story: f32,
    /// Cosine of the two documents' idf-weighted frequent words (1 where
    /// `story` is 1 by default).
    pub doc_words: f32,
    /// The passage's shared words (`terms`) over the most any passage of
    /// its document shares with the query among the query's candidates:
    /// 1 for the document's best match, lower for a passage that shares
    /// the story but less of the sentence than its neighbours do. A
    /// ranking feature: 1 where two passages are compared alone.
    pub doc_best: f32,
    /// The passage's shared words (`terms`) over the most any candidate of
    /// the query shares: 1 for the query's best match in words, lower for
    /// a passage whose document shares the story but whose sentence says
    /// less of the query's than another document's does. A ranking
    /// feature: 1 where two passages are compared alone.
    pub set_best: f32,
    /// How near both passages stand to the start of their articles' body:
    /// the product of each one's [`super::lead`] (1 for every sentence of
    /// the first body paragraph, a fifth less for each body paragraph
    /// before it, 0 from the sixth and for a headline). Reports of one
    /// event tell its main fact first, and each then goes on to details of
    /// its own, so among the passages of a story two leads restate each
    /// other more often than two later sentences that share as many words.
    /// A ranking feature: 1 where two passages are compared alone
    /// (one-sentence documents are their own leads), left out of the pair
    /// score.
    pub lead: f32,
}

impl Features {
    /// The features in [`FEATURE_NAMES`] order.
    pub fn vector(&self) -> [f32; FEATURES] {
        [
            self.terms,
            self.terms_min,
            self.terms_max,
            self.cosine,
            self.shared,
            self.entities,
            self.figures,
            self.quotes,
            self.date_conflict,
            self.year_conflict,
            self.count_conflict,
            self.story,
            self.doc_words,
            self.doc_best,
            self.set_best,
            self.lead,
        ]
    }
}

/// A logistic model over [`Features`].
#[derive(Clone, Debug, PartialEq)]
pub struct Model {
    pub bias: f32,
    pub weights: [f32; FEATURES],
}

impl Model {
    /// Reads `name<TAB or spaces>weight` lines (`bias` and every feature
    /// name; `#` starts a comment). Errors name the line.
    pub fn parse(text: &str) -> Result<Model, String> {
        let mut bias = None;
        let mut weights = [None; FEATURES];
        for (n, line) in text.lines().enumerate() {
            let line = line.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            let mut parts = line.split_whitespace();
            let (Some(name), Some(value), None) = (parts.next(), parts.next(), parts.next()) else {
                return Err(format!("line {}: expected a name and a weight", n + 1));
            };
            let value: f32 = value
                .parse()
                .ok()
                .filter(|v: &f32| v.is_finite())
                .ok_or_else(|| format!("line {}: {value:?} is not a number", n + 1))?;
            let slot = if name == "bias" {
                &mut bias
            } else {
                let i = FEATURE_NAMES
                    .iter()
                    .position(|f| *f == name)
                    .ok_or_else(|| format!("line {}: unknown feature {name:?}", n + 1))?;
                &mut weights[i]
            };
            if slot.replace(value).is_some() {
                return Err(format!("line {}: {name} given twice", n + 1));
            }
        }
        let bias = bias.ok_or("no bias")?;
        let mut out = [0.0; FEATURES];
        for (i, w) in weights.iter().enumerate() {
            out[i] = w.ok_or_else(|| format!("no weight for {}", FEATURE_NAMES[i]))?;
        }
        Ok(Model { bias, weights: out })
    }

    /// The model as `weights.tsv` writes it.
    pub fn to_text(&self) -> String {
        let mut s = format!("bias\t{}\n", self.bias);
        for (name, w) in FEATURE_NAMES.iter().zip(self.weights) {
            s.push_str(&format!("{name}\t{w}\n"));
        }
        s
    }

    /// `σ(bias + Σ wᵢ·xᵢ)`.
    pub fn score(&self, f: &Features) -> f32 {
        let z = self.bias
            + self
                .weights
                .iter()
                .zip(f.vector())
                .map(|(w, x)| w * x)
                .sum::<f32>();
        1.0 / (1.0 + (-z).exp())
    }

    /// The weights compiled into the program: the pair score's, learned
    /// without [`Features::doc_best`] (its weight is 0).
    pub fn shipped() -> &'static Model {
        &SHIPPED
    }

    /// The ranking's passage weights compiled into the program, learned
    /// with [`Features::doc_best`] and [`Features::set_best`] among the
    /// passages of documents on the query's story.
    pub fn shipped_ranking() -> &'static Model {
        &RANKING
    }

    /// The ranking's document gate compiled into the program: whether a
    /// candidate's document is on the query's story, from the documents'
    /// features (`story`, `doc_words`) and the candidate's evidence of
    /// another event (`date_conflict`, `year_conflict`, `count_conflict`).
    pub fn shipped_gate() -> &'static Model {
        &GATE
    }
}

/// The shipped weights. A unit test proves they parse; should they not,
/// every score would be 0.5 and the ranking fall back to the first pass,
/// not a panic.
static SHIPPED: LazyLock<Model> = LazyLock::new(|| parse_or_flat(include_str!("weights.tsv")));

/// The shipped ranking weights (`ranking.tsv`), parsed as [`SHIPPED`].
static RANKING: LazyLock<Model> = LazyLock::new(|| parse_or_flat(include_str!("ranking.tsv")));

/// The shipped document gate (`gate.tsv`), parsed as [`SHIPPED`].
static GATE: LazyLock<Model> = LazyLock::new(|| parse_or_flat(include_str!("gate.tsv")));

fn parse_or_flat(text: &str) -> Model {
    Model::parse(text).unwrap_or(Model {
        bias: 0.0,
        weights: [0.0; FEATURES],
    })
}

/// The shipped model's score.
pub(super) fn score(f: &Features) -> f32 {
    SHIPPED.score(f)
}

/// The shipped ranking score: the document gate × the passage score,
/// the probability that the document is on the query's story times that
/// of this passage among the story's passages.
pub(super) fn ranking_score(f: &Features) -> f32 {
    GATE.score(f) * RANKING.score(f)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_weights_name_every_feature_once() {
        let m = Model::parse(include_str!("weights.tsv")).expect("weights.tsv parses");
        assert_eq!(Model::parse(&m.to_text()).as_ref(), Ok(&m));
        assert_eq!(Model::shipped(), &m);
        let r = Model::parse(include_str!("ranking.tsv")).expect("ranking.tsv parses");
        assert_eq!(Model::shipped_ranking(), &r);
        let g = Model::parse(include_str!("gate.tsv")).expect("gate.tsv parses");
        assert_eq!(Model::shipped_gate(), &g);
        // The gate reads the documents' features and the evidence of
        // another event; the passage ranker leaves the documents' to it.
        for (i, name) in FEATURE_NAMES.iter().enumerate() {
            let document = ["story", "doc_words"].contains(name);
            let other_event = ["date_conflict", "year_conflict", "count_conflict"].contains(name);
            assert_eq!(g.weights[i] != 0.0, document || other_event, "gate {name}");
            if document {
                assert_eq!(r.weights[i], 0.0, "ranking {name}");
            }
        }
        // The pair score is learned without the ranking features.
        for name in ["doc_best", "set_best", "lead"] {
            let i = FEATURE_NAMES.iter().position(|n| *n == name);
            assert_eq!(i.map(|i| m.weights[i]), Some(0.0), "{name}");
        }
    }

    #[test]
    fn bad_weight_files_are_errors_not_panics() {
        for bad in [
            "",
            "bias 1",
            "bias x",
            "bias 1\nbias 2",
            "bias 1\nnothing 2",
            "bias 1 2",
            "bias NaN",
        ] {
            assert!(Model::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn more_shared_evidence_never_lowers_a_positive_weight_score() {
        let mut m = Model::parse(include_str!("weights.tsv")).expect("parses");
        m.weights = [1.0; FEATURES];
        let low = Features::default();
        let high = Features { terms: 0.5, ..low };
        assert!(m.score(&high) > m.score(&low));
    }
}
