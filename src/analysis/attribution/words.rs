//! The words of a sentence as the attribution reader reads them: the
//! tokens of the language layer's tokenizer (`language::tokenize`), with
//! what the attribution lexicon knows about each word.
//!
//! The layer splits words the way treebanks do; the reader takes a word
//! with its clitic as one word ("ministry’s" is a possessive noun,
//! "don't" one verb form), a compound joined by a hyphen, slash, ampersand
//! or apostrophe as one word ("co-founder", "AT&T", "24/7", "officials’
//! claims"), an amount with its currency sign ("$4bn"), and a period that
//! does not end its sentence with the word before it ("Gen.", "said.”").
//! Joining only ever merges adjacent layer tokens with nothing between
//! them, so every word is still a range of the text.

use std::ops::Range;

use super::lexicon::{self, Class, Entry};
use crate::analysis::language::{self, TokenKind};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Word,
    Comma,
    Colon,
    Semicolon,
    /// A quotation mark of any kind; whether it opens or closes is decided
    /// by the quotation pass.
    Quote,
    OpenBracket,
    CloseBracket,
    /// A dash standing alone ("—", " - ").
    Dash,
    /// ".", "!", "?", "…".
    Stop,
    Other,
}

#[derive(Clone, Copy, Debug)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    /// Starts with an upper-case letter.
    pub cap: bool,
    /// Two or more letters, all upper case ("BBC", "U.S.").
    pub acronym: bool,
    pub digit: bool,
    /// Ends in "'s", "’s" or "s'" .
    pub possessive: bool,
    /// Inside a quotation (set by the quotation pass).
    pub quoted: bool,
    /// What the lexicon knows about the word (without a possessive ending).
    pub entry: Option<&'static Entry>,
}

impl Token {
    pub fn span(&self) -> Range<usize> {
        self.start..self.end
    }

    pub fn class(&self) -> Class {
        self.entry.map_or(Class::empty(), |e| e.class)
    }

    pub fn has(&self, class: Class) -> bool {
        self.kind == Kind::Word && self.class().intersects(class)
    }

    pub fn verb(&self) -> Option<lexicon::Verb> {
        if self.kind != Kind::Word || self.possessive {
            return None;
        }
        self.entry.and_then(|e| e.verb)
    }

    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }

    /// The word without a possessive ending.
    pub fn stem<'t>(&self, text: &'t str) -> &'t str {
        let t = self.text(text);
        if !self.possessive {
            return t;
        }
        t.strip_suffix("'s")
            .or_else(|| t.strip_suffix("’s"))
            .or_else(|| t.strip_suffix('\''))
            .or_else(|| t.strip_suffix('’'))
            .unwrap_or(t)
    }

    /// Whether the word is `w` (ASCII, any case).
    pub fn is(&self, text: &str, w: &str) -> bool {
        self.kind == Kind::Word && self.text(text).eq_ignore_ascii_case(w)
    }
}

/// Characters that join two parts of one word when nothing separates
/// them ("co-founder", "AT&T", "24/7", "name@host").
fn is_joiner(c: &str) -> bool {
    matches!(c, "'" | "’" | "-" | "." | "&" | "/" | "‑" | "@" | "_")
}

/// A sign that makes one word with the amount after it ("$4bn").
fn is_sign(c: &str) -> bool {
    matches!(c, "$" | "£" | "€" | "#")
}

fn is_quote_char(c: char) -> bool {
    matches!(
        c,
        '"' | '“' | '”' | '„' | '‟' | '«' | '»' | '‘' | '’' | '\'' | '‹' | '›'
    )
}

fn wordlike(k: TokenKind) -> bool {
    matches!(
        k,
        TokenKind::Word | TokenKind::Number | TokenKind::Url | TokenKind::Email
    )
}

/// Appends the words of `text[span]` to `out`, read from the language
/// layer's tokens.
#[cfg(test)]
pub fn tokenize(text: &str, span: Range<usize>, out: &mut Vec<Token>) {
    tokenize_with(text, span, out, &mut Vec::new());
}

/// [`tokenize`] with a buffer for the layer's tokens, reused from one
/// sentence to the next.
pub fn tokenize_with(
    text: &str,
    span: Range<usize>,
    out: &mut Vec<Token>,
    layer: &mut Vec<language::Token>,
) {
    layer.clear();
    language::tokenize::tokenize_into(text, span.clone(), layer);
    let layer = &*layer;
    let s = |t: &language::Token| &text[t.span.clone()];
    let mut i = 0;
    while i < layer.len() {
        let first = &layer[i];
        let start = first.span.start;
        let mut end = first.span.end;
        let mut j = i + 1;
        let opens_word = wordlike(first.kind)
            || (is_sign(s(first))
                && layer
                    .get(j)
                    .is_some_and(|n| n.span.start == end && wordlike(n.kind)));
        if !opens_word {
            // Punctuation and symbols: one token a character, as the
            // reader counts them.
            let mut at = start;
            for c in s(first).chars() {
                out.push(mark(at, c));
                at += c.len_utf8();
            }
            i = j;
            continue;
        }
        while let Some(next) = layer.get(j) {
            if next.span.start != end {
                break;
            }
            let n = s(next);
            if wordlike(next.kind) {
                // A clitic ("’s", "n't") or the letters of an amount.
                end = next.span.end;
                j += 1;
                continue;
            }
            let after = layer.get(j + 1);
            if is_joiner(n)
                && after.is_some_and(|a| a.span.start == next.span.end && wordlike(a.kind))
            {
                end = after.map_or(end, |a| a.span.end);
                j += 2;
                continue;
            }
            let rest = text.get(next.span.end..span.end).unwrap_or("");
            // A period that does not end the span belongs to its word.
            if n == "." && !rest.trim_start().is_empty() {
                end = next.span.end;
                j += 1;
                break;
            }
            // "officials’ statement": a plural possessive.
            if (n == "'" || n == "’")
                && text[start..end].ends_with(['s', 'S'])
                && rest.starts_with(char::is_whitespace)
                && rest.trim_start().starts_with(char::is_lowercase)
            {
                end = next.span.end;
                j += 1;
            }
            break;
        }
        out.push(word(text, start, end));
        i = j;
    }
}

/// A punctuation or symbol character at `at`.
fn mark(at: usize, c: char) -> Token {
    let kind = match c {
        ',' => Kind::Comma,
        ':' => Kind::Colon,
        ';' => Kind::Semicolon,
        '(' | '[' | '{' => Kind::OpenBracket,
        ')' | ']' | '}' => Kind::CloseBracket,
        '—' | '–' | '-' | '―' => Kind::Dash,
        '.' | '!' | '?' | '…' => Kind::Stop,
        c if is_quote_char(c) => Kind::Quote,
        _ => Kind::Other,
    };
    Token {
        start: at,
        end: at + c.len_utf8(),
        kind,
        cap: false,
        acronym: false,
        digit: false,
        possessive: false,
        quoted: false,
        entry: None,
    }
}

fn word(text: &str, start: usize, end: usize) -> Token {
    let w = &text[start..end];
    let cap = w.chars().next().is_some_and(char::is_uppercase);
    let letters = w.chars().filter(|c| c.is_alphabetic()).count();
    let acronym = letters >= 2
        && w.chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase);
    let digit = w.chars().any(|c| c.is_ascii_digit());
    let possessive = w.len() > 2
        && (w.ends_with("'s")
            || w.ends_with("’s")
            || w.ends_with("s'")
            || w.ends_with("s’")
            || w.ends_with("'S")
            || w.ends_with("’S"));
    let key = if possessive {
        w.strip_suffix("'s")
            .or_else(|| w.strip_suffix("’s"))
            .or_else(|| w.strip_suffix("'S"))
            .or_else(|| w.strip_suffix("’S"))
            .or_else(|| w.strip_suffix('\''))
            .or_else(|| w.strip_suffix('’'))
            .unwrap_or(w)
    } else {
        w.strip_suffix('.').unwrap_or(w)
    };
    Token {
        start,
        end,
        kind: Kind::Word,
        cap,
        acronym,
        digit,
        possessive,
        quoted: false,
        entry: lexicon::lookup(key),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        tokenize(text, 0..text.len(), &mut out);
        out.iter().map(|t| t.text(text)).collect()
    }

    #[test]
    fn words_keep_their_joiners_and_non_final_periods() {
        assert_eq!(
            words("U.S. Sec. Reyner’s co-founder paid $1,200.50, AT&T said."),
            [
                "U.S.",
                "Sec.",
                "Reyner’s",
                "co-founder",
                "paid",
                "$1,200.50",
                ",",
                "AT&T",
                "said",
                "."
            ]
        );
        assert_eq!(
            words("“No,” he said: ‘stop’ — now…"),
            [
                "“", "No", ",", "”", "he", "said", ":", "‘", "stop", "’", "—", "now", "…"
            ]
        );
        assert_eq!(
            words("the officials’ claims"),
            ["the", "officials’", "claims"]
        );
        assert_eq!(words("said, “go”"), ["said", ",", "“", "go", "”"]);
        assert!(words("").is_empty());
        assert_eq!(words("😀 x"), ["😀", "x"]);
    }

    #[test]
    fn the_layers_split_parts_are_read_as_one_word() {
        assert_eq!(
            words("They don't sell $4bn long-term 24/7 bonds."),
            [
                "They",
                "don't",
                "sell",
                "$4bn",
                "long-term",
                "24/7",
                "bonds",
                "."
            ]
        );
        // Spaced punctuation stays apart; a run of dots is a stop a dot.
        assert_eq!(
            words("up - down -- out... $ 5"),
            ["up", "-", "down", "-", "-", "out", ".", ".", ".", "$", "5"]
        );
        // A closing single quote after a plural is not a possessive when
        // no lower-case word follows.
        assert_eq!(
            words("the ‘experts’ Said"),
            ["the", "‘", "experts", "’", "Said"]
        );
    }

    #[test]
    fn every_word_is_a_range_of_the_text_in_order() {
        for text in ["a’’b --x-- ‘’ 3.5%. U.S.-led", "é\u{301}x  $", "'s 's’ n't"] {
            let mut out = Vec::new();
            tokenize(text, 0..text.len(), &mut out);
            let mut at = 0;
            for t in &out {
                assert!(
                    at <= t.start && t.start < t.end && t.end <= text.len(),
                    "{text:?}"
                );
                assert!(text.get(t.start..t.end).is_some());
                at = t.end;
            }
        }
    }

    #[test]
    fn possessives_are_looked_up_by_their_stem() {
        let text = "the ministry’s claim";
        let mut out = Vec::new();
        tokenize(text, 0..text.len(), &mut out);
        assert!(out[1].possessive);
        assert_eq!(out[1].stem(text), "ministry");
        assert!(out[1].has(Class::BODY));
    }
}
