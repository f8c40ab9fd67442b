//! Language of a document: the share of its words that are function words
//! of each language with a lexicon. Function words make up a third or more
//! of running prose and the English and Spanish lists barely overlap, so
//! the ratio separates the two on a few sentences.

use super::Lang;
use super::lexicon::{lexicon, normalize};
use super::tokenize::{TokenKind, tokenize};

/// How many words are read at most: the start of a long text is enough.
const MAX_WORDS: usize = 2000;

/// Below this share of function words (of either language) the text is
/// not running prose in a known language (a list, a table, another
/// language): prose runs at 0.3 to 0.5, headline lists near 0.1.
const MIN_SHARE: f64 = 0.15;

/// Fewer words than this decide nothing.
const MIN_WORDS: usize = 5;

/// The language of `text`.
pub fn detect(text: &str) -> Lang {
    let (en, es) = (lexicon(Lang::English), lexicon(Lang::Spanish));
    let mut words = 0usize;
    let (mut n_en, mut n_es) = (0usize, 0usize);
    // Tokenize a prefix cut on a character boundary.
    let mut end = text.len().min(MAX_WORDS * 8);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    for t in tokenize(text, 0..end) {
        if t.kind != TokenKind::Word {
            continue;
        }
        let w = normalize(&text[t.span]);
        words += 1;
        n_en += usize::from(en.stop_words.contains(w.as_ref()));
        n_es += usize::from(es.stop_words.contains(w.as_ref()));
        if words >= MAX_WORDS {
            break;
        }
    }
    if words < MIN_WORDS {
        return Lang::Unknown;
    }
    let best = n_en.max(n_es) as f64 / words as f64;
    if best < MIN_SHARE || n_en == n_es {
        Lang::Unknown
    } else if n_en > n_es {
        Lang::English
    } else {
        Lang::Spanish
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_english_from_spanish() {
        assert_eq!(
            detect("The council said on Monday that it would review the plan before the vote."),
            Lang::English
        );
        assert_eq!(
            detect("El ayuntamiento dijo el lunes que revisará el plan antes de la votación."),
            Lang::Spanish
        );
        assert_eq!(
            detect("Home | News | Sport | Weather | Contact"),
            Lang::Unknown
        );
        assert_eq!(detect(""), Lang::Unknown);
    }
}
