//! Word lookups of the boilerplate family on the shared lexicon
//! ([`crate::analysis::language::lexicon`]): function words, finite verb
//! forms, months and weekdays of English and Spanish, without allocating.
//!
//! Running prose is full of closed-class words (articles, pronouns,
//! prepositions, conjunctions, auxiliaries): a third or more of its tokens.
//! Menus, teaser headlines, bylines and captions are mostly names and
//! nouns. The ratio separates them better than length alone does
//! (Pomikálek's jusText uses it as its main feature). The lists are the
//! lexicon's data files (`data/lexicon/<language>/`), shared with the other
//! detector families.

use crate::analysis::language::{Lang, lexicon};

/// Lower-cases `word` into `buf` (curly apostrophes made straight); `None`
/// when it does not fit or holds something other than letters and
/// apostrophes. Does not allocate.
pub(super) fn lower_into<'b>(word: &str, buf: &'b mut [u8; 32]) -> Option<&'b str> {
    // Most words are ASCII: lowered byte by byte, with the same answer as
    // the character path below (an ASCII character is alphabetic exactly
    // when it is an ASCII letter, and lowers to one byte).
    if word.is_ascii() {
        let bytes = word.as_bytes();
        let out = buf.get_mut(..bytes.len()).filter(|o| !o.is_empty())?;
        for (o, &b) in out.iter_mut().zip(bytes) {
            if !(b.is_ascii_alphabetic() || b == b'\'') {
                return None;
            }
            *o = b.to_ascii_lowercase();
        }
        return std::str::from_utf8(out).ok();
    }
    lower_chars_into(word, buf)
}

/// [`lower_into`] character by character: the reading for any word, which
/// the ASCII path must agree with.
fn lower_chars_into<'b>(word: &str, buf: &'b mut [u8; 32]) -> Option<&'b str> {
    let mut n = 0;
    for c in word.chars() {
        let c = match c {
            '’' | '\'' | 'ʼ' => '\'',
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

/// Whether `lower` (already lower case, straight apostrophes) is a
/// function word of `lang`.
pub(super) fn is_function_word(lower: &str, lang: Lang) -> bool {
    lexicon(lang).stop_words.contains(lower)
}

/// Whether `word` (any case, either apostrophe) is a function word of
/// English or Spanish.
pub fn is_any_function_word(word: &str) -> bool {
    let mut buf = [0u8; 32];
    lower_into(word, &mut buf)
        .is_some_and(|w| is_function_word(w, Lang::English) || is_function_word(w, Lang::Spanish))
}

/// Whether `word` (any case) is an English function word.
pub fn is_stop_word(word: &str) -> bool {
    let mut buf = [0u8; 32];
    lower_into(word, &mut buf).is_some_and(|w| is_function_word(w, Lang::English))
}

/// Whether `lower` is a listed finite verb form of `lang`.
pub(super) fn is_finite_verb(lower: &str, lang: Lang) -> bool {
    lexicon(lang).finite_verbs.contains(lower)
}

/// Whether `lower` (a trailing period allowed) names a month or a weekday,
/// in full or abbreviated, in English or Spanish.
pub(super) fn is_month_or_weekday(lower: &str) -> bool {
    let w = lower.trim_end_matches('.');
    [Lang::English, Lang::Spanish].into_iter().any(|lang| {
        let l = lexicon(lang);
        l.months.contains_key(w)
            || l.weekdays.contains_key(w)
            || l.weekday_abbreviations.contains_key(w)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let mut buf = [0u8; 32];
        let w = lower_into("Está", &mut buf).unwrap();
        assert!(is_function_word(w, Lang::Spanish));
        assert!(is_any_function_word("también") && is_any_function_word("LOS"));
        assert!(!is_any_function_word("vecinos"));
        assert!(is_any_function_word("the") && is_any_function_word("del"));
    }

    #[test]
    fn ascii_words_lower_as_characters_do() {
        let long = "a".repeat(32);
        let longer = "B".repeat(33);
        let mut words = vec![
            "",
            "a",
            "The",
            "DON'T",
            "o'clock",
            "x1",
            "well-known",
            "Z",
            "@",
            "'",
            "''",
            "it's.",
            "MiXeD",
            " a",
            "tab\t",
            &long,
            &longer,
        ];
        let bytes: Vec<String> = (0u8..128).map(|b| char::from(b).to_string()).collect();
        words.extend(bytes.iter().map(String::as_str));
        for w in words {
            let (mut buf, mut chars) = ([0u8; 32], [0u8; 32]);
            let fast = lower_into(w, &mut buf);
            assert_eq!(fast, lower_chars_into(w, &mut chars), "{w:?}");
        }
    }

    #[test]
    fn verbs_months_and_weekdays() {
        assert!(is_finite_verb("said", Lang::English) && is_finite_verb("hay", Lang::Spanish));
        assert!(!is_finite_verb("bridge", Lang::English));
        for w in ["may", "sept.", "tues", "sunday", "mayo", "miércoles", "sáb"] {
            assert!(is_month_or_weekday(w), "{w}");
        }
        assert!(!is_month_or_weekday("council"));
    }
}
