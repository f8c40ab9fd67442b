//! The learned line model: which units are page furniture, by logistic
//! regression over features that transfer across sites.
//!
//! The features ([`NAMES`]) are shapes, not phrases: length, function-word
//! share (English or Spanish), capitalisation, digits, sentence ends, date
//! shape, prose evidence, where the unit stands in the page and relative to
//! the article's paragraphs, the same features of its neighbours (the
//! context window of jusText and boilerpipe), and the hand-written cues and
//! context rules of [`super::classify`] as evidence among the others rather
//! than verdicts. Whether a line recurs in other documents of the corpus is
//! not a feature here: it depends on the corpus, so it is added at check
//! time ([`super::template_lines`]).
//!
//! The weights are data (`data/line_model.txt`), written by
//! `cargo run --example train_boilerplate_model` from the L3S-GN1 pages
//! outside the held-out part ([`held_out`]); nothing retrains them at build
//! or test time. A test measures the shipped model on the held-out part.

use std::sync::OnceLock;

/// Names of the features, in the order of the weight vector (the data
/// file names each weight; the loader checks the names).
pub const NAMES: &[&str] = &[
    "bias",
    "log_words",
    "function_share",
    "capitalised_share",
    "numeric_share",
    "sentence_end",
    "cut_off",
    "colon_end",
    "question",
    "quotation",
    "bullet",
    "second_person",
    "interface_words",
    "slug",
    "date_only",
    "stamp_word",
    "title_case",
    "name_shaped",
    "reads_as_prose",
    "class_good",
    "class_near",
    "cue",
    "cue_about_site",
    "cue_links",
    "rule_flag",
    "rule_context_flag",
    "repeated",
    "mean_word_length",
    "position",
    "before_article",
    "after_article",
    "headline",
    "log_short_run",
    "log_distance_to_paragraph",
    "prev_log_words",
    "prev_function_share",
    "prev_sentence_end",
    "prev_rule_flag",
    "prev_class_good",
    "next_log_words",
    "next_function_share",
    "next_sentence_end",
    "next_rule_flag",
    "next_class_good",
    "prev2_log_words",
    "prev2_function_share",
    "prev2_sentence_end",
    "prev2_rule_flag",
    "prev2_class_good",
    "next2_log_words",
    "next2_function_share",
    "next2_sentence_end",
    "next2_rule_flag",
    "next2_class_good",
];

/// Number of features.
pub const N: usize = NAMES.len();

/// A feature vector.
pub type Vector = [f32; N];

/// Weights and the decision threshold.
#[derive(Clone, Debug, PartialEq)]
pub struct Model {
    pub weights: Vector,
    /// Probability at or above which a unit is furniture (chosen on the
    /// training part for precision, see the data file).
    pub threshold: f32,
    /// Probability at or above which the model flags a unit that no rule
    /// flagged and no flagged neighbour leads to (outside the article's
    /// paragraphs, never prose; chosen on the training part, see the data
    /// file).
    pub start_threshold: f32,
    /// The same between the article's first and last paragraphs, where a
    /// short line is more often a subheading or a list item of the story
    /// (chosen on the training part for a higher precision).
    pub inside_threshold: f32,
}

impl Model {
    /// Probability that the unit with features `x` is page furniture.
    pub fn probability(&self, x: &Vector) -> f32 {
        let z: f32 = self.weights.iter().zip(x).map(|(w, v)| w * v).sum();
        1.0 / (1.0 + (-z).exp())
    }

    /// Parses the data file format: `threshold <p>`, `start_threshold <p>`,
    /// `inside_threshold <p>`,
    /// then `<name> <weight>`
    /// for every feature in [`NAMES`] order; `#` starts a comment.
    pub fn parse(text: &str) -> Option<Model> {
        let mut threshold = None;
        let mut start_threshold = None;
        let mut inside_threshold = None;
        let mut weights = [0f32; N];
        let mut k = 0;
        for line in text.lines() {
            let line = line.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            let mut parts = line.split_whitespace();
            let (name, value) = (parts.next()?, parts.next()?.parse::<f32>().ok()?);
            if !value.is_finite() || parts.next().is_some() {
                return None;
            }
            if name == "threshold" {
                threshold = Some(value);
            } else if name == "start_threshold" {
                start_threshold = Some(value);
            } else if name == "inside_threshold" {
                inside_threshold = Some(value);
            } else {
                if NAMES.get(k) != Some(&name) {
                    return None;
                }
                weights[k] = value;
                k += 1;
            }
        }
        (k == N).then_some(Model {
            weights,
            threshold: threshold?,
            start_threshold: start_threshold?,
            inside_threshold: inside_threshold?,
        })
    }

    /// The data file text for this model.
    pub fn to_text(&self, header: &str) -> String {
        let mut out = String::new();
        for l in header.lines() {
            out.push_str("# ");
            out.push_str(l);
            out.push('\n');
        }
        out.push_str(&format!("threshold {}\n", self.threshold));
        out.push_str(&format!("start_threshold {}\n", self.start_threshold));
        out.push_str(&format!("inside_threshold {}\n", self.inside_threshold));
        for (name, w) in NAMES.iter().zip(&self.weights) {
            out.push_str(&format!("{name} {w}\n"));
        }
        out
    }
}

/// The shipped model; `None` if the data file does not parse (then the
/// hand-written rules decide alone, and a unit test fails).
pub fn shipped() -> Option<&'static Model> {
    static MODEL: OnceLock<Option<Model>> = OnceLock::new();
    MODEL
        .get_or_init(|| Model::parse(include_str!("data/line_model.txt")))
        .as_ref()
}

/// The L3S-GN1 pages held out from training, by page name (the file stem,
/// a UUID): one page in five, by a hash of the name, fixed before any
/// training or measurement so that the shipped model is measured on pages
/// it never saw.
pub fn held_out(page: &str) -> bool {
    // FNV-1a, 64 bits: stable across platforms and releases.
    use std::hash::Hasher;
    let mut h = fnv::FnvHasher::default();
    h.write(page.as_bytes());
    h.finish().is_multiple_of(5)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_model_parses() {
        let m = shipped().expect("data/line_model.txt parses");
        assert!(m.threshold > 0.0 && m.threshold < 1.0);
        assert!(m.start_threshold >= m.threshold && m.start_threshold <= 1.0);
        assert!(m.inside_threshold >= m.threshold && m.inside_threshold <= 1.0);
        assert!(m.weights.iter().all(|w| w.is_finite()));
        assert_eq!(Model::parse(&m.to_text("again")), Some(m.clone()));
    }

    #[test]
    fn malformed_data_is_refused() {
        assert_eq!(Model::parse(""), None);
        assert_eq!(Model::parse("threshold 0.5\nbias 1\n"), None);
        assert_eq!(Model::parse("threshold x"), None);
        assert_eq!(Model::parse("threshold NaN"), None);
    }

    #[test]
    fn the_split_is_fixed() {
        let pages = (0..1000).map(|i| format!("page-{i}"));
        let held = pages.filter(|p| held_out(p)).count();
        assert!((150..250).contains(&held), "{held}");
        assert_eq!(held_out("a"), held_out("a"));
    }
}
