//! The one tokenizer: news text to word tokens with byte offsets, split the
//! way Universal Dependencies treebanks split words, so the tagger sees at
//! run time the tokens it was trained on.
//!
//! - Clitics are their own tokens: "don't" → "do" + "n't", "she's" →
//!   "she" + "'s", "teachers'" → "teachers" + "'" (straight or curly
//!   apostrophe).
//! - Numbers keep their separators ("1,200.5", "10:30"); a sign, currency
//!   symbol, percent sign or unit is its own token ("$4bn" → "$" "4" "bn",
//!   "3.5%" → "3.5" "%"), ordinals and decades stay whole ("21st",
//!   "1990s").
//! - Abbreviations keep their period ("Dr.", "U.S.", "e.g.", an initial
//!   "J."); the known ones are data (`data/lexicon/*/abbreviations.txt`).
//! - URLs and e-mail addresses are single tokens; hyphens, slashes, dashes
//!   and quotes (straight, curly, guillemets) split words.
//!
//! Every token is a non-empty range of the text on character boundaries,
//! in order and non-overlapping; no input panics.

use std::ops::Range;

use super::lexicon;

/// What a token is, read from its characters alone.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// Letters (and digits after a letter): "water", "G20", "O'Brien".
    Word,
    /// Starts with a digit: "1,200.5", "21st", "1990s".
    Number,
    /// Punctuation: quotes, brackets, dashes, ".", "...".
    Punct,
    /// Currency, percent and other symbols: "$", "%", "°".
    Symbol,
    Url,
    Email,
}

/// One token: its byte range in the text and its kind.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    pub span: Range<usize>,
    pub kind: TokenKind,
}

/// Whether `c` separates or surrounds words as punctuation.
fn is_punct(c: char) -> bool {
    c.is_ascii_punctuation()
        && !matches!(
            c,
            '$' | '%' | '+' | '<' | '=' | '>' | '^' | '|' | '~' | '#' | '&' | '@'
        )
        || matches!(
            c,
            '‘' | '’'
                | '‚'
                | '‛'
                | '“'
                | '”'
                | '„'
                | '‟'
                | '«'
                | '»'
                | '‹'
                | '›'
                | '–'
                | '—'
                | '―'
                | '‐'
                | '‑'
                | '‒'
                | '…'
                | '¡'
                | '¿'
                | '•'
                | '·'
                | '¶'
                | '§'
                | '†'
                | '‡'
                | '′'
                | '″'
                | '。'
                | '、'
                | '「'
                | '」'
        )
}

/// Whether `c` is a symbol token of its own.
fn is_symbol(c: char) -> bool {
    matches!(
        c,
        '$' | '%'
            | '+'
            | '<'
            | '='
            | '>'
            | '^'
            | '|'
            | '~'
            | '#'
            | '&'
            | '@'
            | '°'
            | '€'
            | '£'
            | '¥'
            | '¢'
            | '‰'
            | '©'
            | '®'
            | '™'
            | '×'
            | '÷'
            | '±'
    ) || (!c.is_alphanumeric() && !c.is_whitespace() && !is_punct(c) && is_symbol_category(c))
}

/// Other symbols (mathematical, currency, arrows, emoji): no Unicode
/// category tables in std, so the symbol blocks are named by range.
fn is_symbol_category(c: char) -> bool {
    matches!(c as u32, 0x20A0..=0x20CF | 0x2190..=0x23FF | 0x2500..=0x27BF | 0x2B00..=0x2BFF | 0x1F000..=0x1FAFF)
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ')
}

/// A character that belongs inside a word: letters, digits and anything
/// else that is neither space, punctuation nor symbol (combining marks).
fn is_word_char(c: char) -> bool {
    !c.is_whitespace() && !is_punct(c) && !is_symbol(c) && !c.is_control()
}

/// Tokenizes `span` of `text` (a sentence, a line or the whole text).
/// A span off character boundaries is narrowed to them.
pub fn tokenize(text: &str, span: Range<usize>) -> Vec<Token> {
    let mut out = Vec::new();
    tokenize_into(text, span, &mut out);
    out
}

/// [`tokenize`], appending to `out`.
pub fn tokenize_into(text: &str, span: Range<usize>, out: &mut Vec<Token>) {
    let mut end = span.end.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let mut start = span.start.min(end);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    let mut at = start;
    let bytes = text.as_bytes();
    while at < end {
        // Chunks between white space.
        let Some(c) = text[at..end].chars().next() else {
            break;
        };
        if c.is_whitespace() || c.is_control() {
            at += c.len_utf8();
            continue;
        }
        let mut chunk_end = at;
        for (i, c) in text[at..end].char_indices() {
            if c.is_whitespace() || (c.is_control() && c != '\u{200d}') {
                break;
            }
            chunk_end = at + i + c.len_utf8();
        }
        let _ = bytes;
        chunk(text, at..chunk_end, out);
        at = chunk_end;
    }
}

/// Trailing characters that close a sentence or a quote rather than
/// belong to a URL or an address.
fn trailing_punct_len(s: &str) -> usize {
    let trimmed = s.trim_end_matches(|c: char| {
        matches!(
            c,
            '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '"' | '\'' | '’' | '”' | '»'
        )
    });
    s.len() - trimmed.len()
}

fn is_url_start(s: &str) -> bool {
    let lower =
        |p: &str| s.len() >= p.len() && s.as_bytes()[..p.len()].eq_ignore_ascii_case(p.as_bytes());
    lower("http://") || lower("https://") || lower("www.")
}

/// Whether `s` is local@domain.tld.
fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && local
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '-' | '+'))
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && domain
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-'))
}

/// Splits one white-space-free chunk.
fn chunk(text: &str, span: Range<usize>, out: &mut Vec<Token>) {
    let s = &text[span.clone()];
    // URLs and e-mail addresses, after any opening punctuation.
    let lead = s.len()
        - s.trim_start_matches(|c: char| {
            matches!(c, '(' | '[' | '"' | '\'' | '‘' | '“' | '«' | '<')
        })
        .len();
    let body = &s[lead..];
    let body = &body[..body.len() - trailing_punct_len(body)];
    if !body.is_empty() && (is_url_start(body) || is_email(body)) {
        let kind = if is_email(body) {
            TokenKind::Email
        } else {
            TokenKind::Url
        };
        let b0 = span.start + lead;
        punct_run(text, span.start..b0, out);
        out.push(Token {
            span: b0..b0 + body.len(),
            kind,
        });
        punct_run(text, b0 + body.len()..span.end, out);
        return;
    }
    let mut at = span.start;
    let end = span.end;
    while at < end {
        let rest = &text[at..end];
        let Some(c) = rest.chars().next() else { break };
        if c.is_ascii_digit() {
            at = number(text, at, end, out);
        } else if is_word_char(c) {
            at = word(text, at, end, out);
        } else if is_symbol(c) {
            out.push(Token {
                span: at..at + c.len_utf8(),
                kind: TokenKind::Symbol,
            });
            at += c.len_utf8();
        } else {
            at = punct(text, at, end, out);
        }
    }
}

/// Every character of `span` as punctuation (runs of dots and dashes kept).
fn punct_run(text: &str, span: Range<usize>, out: &mut Vec<Token>) {
    let mut at = span.start;
    while at < span.end {
        let Some(c) = text[at..span.end].chars().next() else {
            break;
        };
        if is_symbol(c) {
            out.push(Token {
                span: at..at + c.len_utf8(),
                kind: TokenKind::Symbol,
            });
            at += c.len_utf8();
        } else {
            at = punct(text, at, span.end, out);
        }
    }
}

/// One punctuation token at `at`: "..." and "--" stay together.
fn punct(text: &str, at: usize, end: usize, out: &mut Vec<Token>) -> usize {
    let rest = &text[at..end];
    let c = rest.chars().next().unwrap_or('.');
    let mut len = c.len_utf8();
    if matches!(c, '.' | '-' | '!' | '?') {
        len = rest.len() - rest.trim_start_matches(c).len();
    }
    out.push(Token {
        span: at..at + len,
        kind: TokenKind::Punct,
    });
    at + len
}

/// A number at `at` (an ASCII digit): digits with internal "," "." ":"
/// separators, then an ordinal or decade suffix or a capital ("3D").
fn number(text: &str, at: usize, end: usize, out: &mut Vec<Token>) -> usize {
    let b = text.as_bytes();
    let mut i = at;
    while i < end && b[i].is_ascii_digit() {
        i += 1;
    }
    while i + 1 < end && matches!(b[i], b',' | b'.' | b':') && b[i + 1].is_ascii_digit() {
        i += 1;
        while i < end && b[i].is_ascii_digit() {
            i += 1;
        }
    }
    // Letters right after the digits.
    let mut j = i;
    while j < end {
        let Some(c) = text[j..end].chars().next() else {
            break;
        };
        if !c.is_alphabetic() {
            break;
        }
        j += c.len_utf8();
    }
    let letters = &text[i..j];
    let next_is_word = text[j..end]
        .chars()
        .next()
        .is_some_and(|c| c.is_alphanumeric());
    let keep = !next_is_word
        && (matches!(
            letters.to_ascii_lowercase().as_str(),
            "st" | "nd" | "rd" | "th" | "s"
        ) || (letters.len() == 1 && letters.chars().all(|c| c.is_ascii_uppercase())));
    if keep {
        i = j;
    } else if next_is_word && !letters.is_empty() {
        // "2nd-hand" stays split at the hyphen; "19a5" is one odd word.
        i = j;
        while i < end {
            let Some(c) = text[i..end].chars().next() else {
                break;
            };
            if !is_word_char(c) {
                break;
            }
            i += c.len_utf8();
        }
    }
    out.push(Token {
        span: at..i,
        kind: TokenKind::Number,
    });
    i
}

/// A word at `at`: word characters joined by internal apostrophes and by
/// dots between letters ("U.S.", "e.g."), then clitics split off and an
/// abbreviation's period attached.
fn word(text: &str, at: usize, end: usize, out: &mut Vec<Token>) -> usize {
    let mut i = at;
    let mut dotted = false;
    loop {
        while i < end {
            let Some(c) = text[i..end].chars().next() else {
                break;
            };
            if !is_word_char(c) {
                break;
            }
            i += c.len_utf8();
        }
        let Some(c) = text[i..end].chars().next() else {
            break;
        };
        let after = text[i + c.len_utf8()..end].chars().next();
        let joins = after.is_some_and(|a| a.is_alphabetic())
            && (is_apostrophe(c)
                || (c == '.'
                    && text[at..i]
                        .chars()
                        .last()
                        .is_some_and(|l| l.is_alphabetic())));
        if !joins {
            break;
        }
        dotted |= c == '.';
        i += c.len_utf8();
    }
    let w = &text[at..i];
    // Clitics (UD splits them): n't, 's, 're, 've, 'll, 'd, 'm.
    let mut split = None;
    let lower_end: String = w
        .chars()
        .rev()
        .take(4)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .flat_map(char::to_lowercase)
        .collect();
    let norm: String = lower_end
        .chars()
        .map(|c| if is_apostrophe(c) { '\'' } else { c })
        .collect();
    if !dotted {
        if norm.ends_with("n't") && w.chars().count() > 3 {
            let tail: usize = w.chars().rev().take(3).map(char::len_utf8).sum();
            split = Some(i - tail);
        } else {
            for clitic in ["'s", "'re", "'ve", "'ll", "'d", "'m"] {
                if norm.ends_with(clitic) && w.chars().count() > clitic.chars().count() {
                    let tail: usize = w
                        .chars()
                        .rev()
                        .take(clitic.chars().count())
                        .map(char::len_utf8)
                        .sum();
                    split = Some(i - tail);
                    break;
                }
            }
        }
    }
    if let Some(s) = split {
        out.push(Token {
            span: at..s,
            kind: TokenKind::Word,
        });
        out.push(Token {
            span: s..i,
            kind: TokenKind::Word,
        });
        return i;
    }
    // An abbreviation keeps its period.
    if text[i..end].starts_with('.') && !text[i..end].starts_with("..") {
        let single_capital = w.chars().count() == 1 && w.chars().all(char::is_uppercase);
        let next = text[i + 1..end].chars().next();
        let chunk_final = next.is_none_or(|c| !c.is_alphanumeric());
        if chunk_final && (dotted || single_capital || lexicon::is_abbreviation(w)) {
            out.push(Token {
                span: at..i + 1,
                kind: TokenKind::Word,
            });
            return i + 1;
        }
    }
    out.push(Token {
        span: at..i,
        kind: TokenKind::Word,
    });
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<&str> {
        tokenize(s, 0..s.len())
            .into_iter()
            .map(|t| &s[t.span])
            .collect()
    }

    #[test]
    fn splits_clitics_as_treebanks_do() {
        assert_eq!(words("I don't know"), ["I", "do", "n't", "know"]);
        assert_eq!(words("They can’t stay"), ["They", "ca", "n’t", "stay"]);
        assert_eq!(
            words("the mayor's office"),
            ["the", "mayor", "'s", "office"]
        );
        assert_eq!(
            words("we'll see, you're right"),
            ["we", "'ll", "see", ",", "you", "'re", "right"]
        );
        assert_eq!(
            words("the teachers' union"),
            ["the", "teachers", "'", "union"]
        );
        assert_eq!(words("O'Neill left"), ["O'Neill", "left"]);
    }

    #[test]
    fn keeps_numbers_and_splits_units() {
        assert_eq!(words("1,200.5 people"), ["1,200.5", "people"]);
        assert_eq!(words("up 3.5%."), ["up", "3.5", "%", "."]);
        assert_eq!(words("$4bn deal"), ["$", "4", "bn", "deal"]);
        assert_eq!(
            words("the 21st century, the 1990s"),
            ["the", "21st", "century", ",", "the", "1990s"]
        );
        assert_eq!(words("at 10:30, 3D"), ["at", "10:30", ",", "3D"]);
        assert_eq!(words("€1.2m"), ["€", "1.2", "m"]);
    }

    #[test]
    fn keeps_abbreviations_and_initials() {
        assert_eq!(
            words("Dr. Smith of the U.S. said"),
            ["Dr.", "Smith", "of", "the", "U.S.", "said"]
        );
        assert_eq!(
            words("John F. Kennedy, e.g. this."),
            ["John", "F.", "Kennedy", ",", "e.g.", "this", "."]
        );
        assert_eq!(words("It ended."), ["It", "ended", "."]);
        assert_eq!(words("Wait..."), ["Wait", "..."]);
    }

    #[test]
    fn quotes_dashes_urls_and_addresses() {
        assert_eq!(
            words("“Yes,” she said—twice"),
            ["“", "Yes", ",", "”", "she", "said", "—", "twice"]
        );
        assert_eq!(
            words("(see https://example.org/a?b=1)."),
            ["(", "see", "https://example.org/a?b=1", ")", "."]
        );
        assert_eq!(
            words("Write to desk@example.com."),
            ["Write", "to", "desk@example.com", "."]
        );
        assert_eq!(words("long-term"), ["long", "-", "term"]);
        assert_eq!(words("«Sí», dijo"), ["«", "Sí", "»", ",", "dijo"]);
    }

    #[test]
    fn odd_input_never_panics_and_spans_are_ordered() {
        let cases = [
            "",
            "   ",
            "'",
            "n't",
            "'s",
            "...",
            "a.",
            ".a",
            "1.",
            "é\u{301}t",
            "\u{0}x",
            "@@",
            "x@",
            "www.",
            "💥💥 ok",
            "ab'",
            "5'",
            "A.B.C",
        ];
        for s in cases {
            let toks = tokenize(s, 0..s.len());
            let mut prev = 0;
            for t in &toks {
                assert!(
                    t.span.start >= prev && t.span.start < t.span.end,
                    "{s:?}: {toks:?}"
                );
                assert!(s.is_char_boundary(t.span.start) && s.is_char_boundary(t.span.end));
                prev = t.span.end;
            }
        }
        // Off-boundary spans are narrowed.
        let s = "né x";
        assert_eq!(tokenize(s, 2..s.len()).len(), 1);
    }
}
