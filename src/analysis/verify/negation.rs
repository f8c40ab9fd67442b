//! Whether a sentence is negated: it holds a negating word of the shared
//! lexicon (`data/lexicon/*/negation.txt`, English and Spanish).
//!
//! Used only to tell two passages that report the same statement apart by
//! polarity ("the port was closed" / "the port was not closed"), so a plain
//! word test is enough: both passages are already known to say nearly the
//! same thing.

use std::collections::HashSet;
use std::sync::LazyLock;

static WORDS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    [
        include_str!("../../../data/lexicon/en/negation.txt"),
        include_str!("../../../data/lexicon/es/negation.txt"),
    ]
    .iter()
    .flat_map(|list| list.lines())
    .map(str::trim)
    .filter(|l| !l.is_empty() && !l.starts_with('#'))
    .collect()
});

/// Whether `sentence` has an odd number of negating words (two negations
/// cancel: "not unlike", "never denied").
pub fn negated(sentence: &str) -> bool {
    let mut n = 0usize;
    for word in sentence.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’')) {
        let w = word.to_lowercase().replace('’', "'");
        if w.is_empty() {
            continue;
        }
        if WORDS.contains(w.as_str()) {
            n += 1;
        } else if w.ends_with("n't") {
            // "wasn't", "didn't".
            n += 1;
        }
    }
    n % 2 == 1
}

#[cfg(test)]
mod tests {
    use super::negated;

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
