//! Function words of English and Spanish, for the function-word density of
//! a line.
//!
//! Running prose is full of closed-class words (articles, pronouns,
//! prepositions, conjunctions, auxiliaries): a third or more of its tokens.
//! Menus, teaser headlines, bylines and captions are mostly names and
//! nouns. The ratio separates them better than length alone does (Pomikálek's
//! jusText uses it as its main feature). Only the closed classes are listed,
//! so the lists are short, stable and cheap to match; lexical words such as
//! "said" or "people" are left out on purpose, because they occur in
//! headlines as often as in prose.
//!
//! The lists are data files (`data/function_words_en.txt`,
//! `data/function_words_es.txt`): one lower-case word a line, sorted
//! bytewise, straight apostrophes (a unit test checks).

use std::sync::OnceLock;

/// The English list, as shipped.
const EN: &str = include_str!("data/function_words_en.txt");
/// The Spanish list, as shipped.
const ES: &str = include_str!("data/function_words_es.txt");

/// A language whose function words are listed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    En,
    Es,
}

fn list(lang: Lang) -> &'static [&'static str] {
    static LISTS: OnceLock<[Vec<&'static str>; 2]> = OnceLock::new();
    let lists = LISTS.get_or_init(|| {
        let parse = |s: &'static str| {
            let mut v: Vec<&'static str> =
                s.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
            v.sort_unstable();
            v.dedup();
            v
        };
        [parse(EN), parse(ES)]
    });
    match lang {
        Lang::En => &lists[0],
        Lang::Es => &lists[1],
    }
}

/// Lower-cases `word` into `buf` (curly apostrophes made straight); `None`
/// when it does not fit or holds something other than letters and
/// apostrophes. Does not allocate.
pub(super) fn lower_into<'b>(word: &str, buf: &'b mut [u8; 32]) -> Option<&'b str> {
    let mut n = 0;
    for c in word.chars() {
        let c = match c {
            '’' | '\'' => '\'',
            c if c.is_alphabetic() => {
                let mut lower = c.to_lowercase();
                let l = lower.next()?;
                if lower.next().is_some() {
                    return None;
                }
                l
            }
            _ => return None,
        };
        let len = c.len_utf8();
        if n + len > buf.len() {
            return None;
        }
        c.encode_utf8(&mut buf[n..n + len]);
        n += len;
    }
    std::str::from_utf8(&buf[..n])
        .ok()
        .filter(|s| !s.is_empty())
}

/// Whether `word` (any case, straight or curly apostrophe) is a function
/// word of `lang`. Does not allocate.
pub fn is_function_word(word: &str, lang: Lang) -> bool {
    let mut buf = [0u8; 32];
    lower_into(word, &mut buf).is_some_and(|w| list(lang).binary_search(&w).is_ok())
}

/// Whether `word` is an English function word.
pub fn is_stop_word(word: &str) -> bool {
    is_function_word(word, Lang::En)
}

/// Whether `word` is a function word of English or Spanish.
pub fn is_any_function_word(word: &str) -> bool {
    let mut buf = [0u8; 32];
    lower_into(word, &mut buf).is_some_and(|w| {
        list(Lang::En).binary_search(&w).is_ok() || list(Lang::Es).binary_search(&w).is_ok()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_files_are_sorted_unique_and_lower_case() {
        for data in [EN, ES] {
            let words: Vec<&str> = data.lines().collect();
            assert!(words.windows(2).all(|w| w[0] < w[1]), "sorted and unique");
            assert!(
                words
                    .iter()
                    .all(|w| !w.is_empty() && w.len() <= 12 && *w == w.to_lowercase())
            );
        }
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

    #[test]
    fn spanish_words_with_accents() {
        assert!(is_function_word("Está", Lang::Es));
        assert!(is_function_word("también", Lang::Es));
        assert!(is_function_word("LOS", Lang::Es));
        assert!(!is_function_word("vecinos", Lang::Es));
        assert!(!is_function_word("the", Lang::Es));
        assert!(is_any_function_word("the") && is_any_function_word("del"));
    }
}
