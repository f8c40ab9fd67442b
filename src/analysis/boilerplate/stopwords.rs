//! English function words, for the stop-word density of a line.
//!
//! Running prose is full of closed-class words (articles, pronouns,
//! prepositions, conjunctions, auxiliaries): a third or more of its tokens.
//! Menus, teaser headlines, bylines and captions are mostly names and
//! nouns. The ratio separates them better than length alone does (Pomikálek's
//! jusText uses it as its main feature). Only the closed classes are listed
//! here, so the list is short, stable and cheap to match; lexical words such
//! as "said" or "people" are left out on purpose, because they occur in
//! headlines as often as in prose.

/// Sorted (a unit test checks), lower case, straight apostrophes.
const STOP_WORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "also",
    "although",
    "am",
    "among",
    "an",
    "and",
    "another",
    "any",
    "are",
    "aren't",
    "around",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "behind",
    "being",
    "below",
    "beneath",
    "beside",
    "besides",
    "between",
    "beyond",
    "both",
    "but",
    "by",
    "can",
    "can't",
    "cannot",
    "could",
    "couldn't",
    "did",
    "didn't",
    "do",
    "does",
    "doesn't",
    "doing",
    "don't",
    "down",
    "during",
    "each",
    "either",
    "else",
    "enough",
    "even",
    "ever",
    "every",
    "few",
    "for",
    "from",
    "further",
    "had",
    "hadn't",
    "has",
    "hasn't",
    "have",
    "haven't",
    "having",
    "he",
    "he's",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "however",
    "i",
    "i'm",
    "if",
    "in",
    "inside",
    "into",
    "is",
    "isn't",
    "it",
    "it's",
    "its",
    "itself",
    "just",
    "least",
    "less",
    "may",
    "me",
    "might",
    "mine",
    "more",
    "most",
    "much",
    "must",
    "my",
    "myself",
    "neither",
    "never",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "often",
    "on",
    "once",
    "one",
    "only",
    "onto",
    "or",
    "other",
    "others",
    "ought",
    "our",
    "ours",
    "ourselves",
    "out",
    "outside",
    "over",
    "own",
    "per",
    "rather",
    "same",
    "shall",
    "she",
    "she's",
    "should",
    "shouldn't",
    "since",
    "so",
    "some",
    "such",
    "than",
    "that",
    "that's",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "there's",
    "these",
    "they",
    "they're",
    "this",
    "those",
    "though",
    "through",
    "throughout",
    "thus",
    "to",
    "too",
    "toward",
    "towards",
    "under",
    "unless",
    "until",
    "up",
    "upon",
    "us",
    "very",
    "via",
    "was",
    "wasn't",
    "we",
    "we're",
    "were",
    "weren't",
    "what",
    "whatever",
    "when",
    "whenever",
    "where",
    "whereas",
    "whether",
    "which",
    "while",
    "who",
    "whom",
    "whose",
    "why",
    "will",
    "with",
    "within",
    "without",
    "won't",
    "would",
    "wouldn't",
    "yet",
    "you",
    "you're",
    "your",
    "yours",
    "yourself",
];

/// Whether `word` (any case, straight or curly apostrophe) is a function
/// word. Does not allocate.
pub fn is_stop_word(word: &str) -> bool {
    let mut buf = [0u8; 12];
    let mut n = 0;
    for c in word.chars() {
        let b = match c {
            '’' | '\'' => b'\'',
            c if c.is_ascii_alphabetic() => c.to_ascii_lowercase() as u8,
            _ => return false,
        };
        if n == buf.len() {
            return false;
        }
        buf[n] = b;
        n += 1;
    }
    // Only ASCII bytes were written.
    let lower = std::str::from_utf8(&buf[..n]).unwrap_or("");
    !lower.is_empty() && STOP_WORDS.binary_search(&lower).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_is_sorted_and_unique() {
        assert!(STOP_WORDS.windows(2).all(|w| w[0] < w[1]));
        assert!(STOP_WORDS.iter().all(|w| w.len() <= 12));
    }

    #[test]
    fn matches_any_case_and_curly_apostrophes() {
        assert!(is_stop_word("The"));
        assert!(is_stop_word("DOESN’T"));
        assert!(is_stop_word("of"));
        assert!(!is_stop_word("Reyner"));
        assert!(!is_stop_word("said"));
        assert!(!is_stop_word(""));
        assert!(!is_stop_word("théâtre"));
        assert!(!is_stop_word("internationalisation"));
    }
}
