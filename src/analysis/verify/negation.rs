//! Whether a sentence is negated: it holds a negating word of the shared
//! lexicon (`data/lexicon/*/negation.txt`, English and Spanish, read by
//! [`crate::analysis::language::Lexicon`]).
//!
//! Used only to tell two passages that report the same statement apart by
//! polarity ("the port was closed" / "the port was not closed"), so a plain
//! word test is enough: both passages are already known to say nearly the
//! same thing.

use std::collections::HashSet;

use crate::analysis::language::{Lang, lexicon};

/// A negating word of English or Spanish (the shared lexicon's lists: a
/// draft and its sources may be in either language).
fn is_negation(word: &str) -> bool {
    [Lang::English, Lang::Spanish]
        .iter()
        .any(|&l| lexicon(l).negations.contains(word))
}

/// Whether `sentence` has an odd number of negating words (two negations
/// cancel: "not unlike", "never denied").
pub fn negated(sentence: &str) -> bool {
    let mut n = 0usize;
    for word in sentence.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’')) {
        let w = word.to_lowercase().replace('’', "'");
        if w.is_empty() {
            continue;
        }
        if is_negation(&w) {
            n += 1;
        } else if w.ends_with("n't") {
            // "wasn't", "didn't".
            n += 1;
        }
    }
    n % 2 == 1
}

/// The share of the shorter sentence's words (negating words left out,
/// lower case) that the other sentence has too: 1 for a restatement that
/// differs only by its polarity.
pub fn shared_words(a: &str, b: &str) -> f32 {
    let words = |s: &str| -> HashSet<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .filter(|w| !is_negation(w) && w != "t")
            .collect()
    };
    let (x, y) = (words(a), words(b));
    let smaller = x.len().min(y.len());
    if smaller == 0 {
        return 0.0;
    }
    x.intersection(&y).count() as f32 / smaller as f32
}

#[cfg(test)]
mod tests {
    use super::{negated, shared_words};

    #[test]
    fn restatements_share_their_words() {
        let a = "The operator said it had suspended all sailings until Friday.";
        let b = "The operator said it had not suspended sailings until Friday.";
        assert!(shared_words(a, b) >= 0.9, "{}", shared_words(a, b));
        let c = "Police did not say how many passengers were hurt.";
        let d = "Police said 14 passengers were hurt in the fire on Tuesday.";
        assert!(shared_words(c, d) < 0.8, "{}", shared_words(c, d));
    }

    #[test]
    fn reads_polarity() {
        assert!(negated("The port was not closed on Monday."));
        assert!(negated("The ministry denied that the port was closed."));
        assert!(negated("The mayor didn’t sign the order."));
        assert!(negated("El puerto no cerró el lunes."));
        assert!(!negated("The port was closed on Monday."));
        assert!(!negated("The ministry never denied the closure."));
        assert!(!negated("Nothing and nobody"), "two negations cancel");
    }
}
