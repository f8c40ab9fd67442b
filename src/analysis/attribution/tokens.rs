//! Words and punctuation of a sentence, as byte spans with what the
//! lexicon knows about each word. One pass, no allocation per token.
//!
//! Why attribution keeps its own tokens rather than the language layer's:
//! the structural reading runs on every sentence of every document, while
//! the layer tags only the sentences a rule asks about (lazily, per
//! sentence). Reading attribution from the layer's tokens meant tagging
//! every sentence, which cost +15% CPU on cold indexing of the real
//! articles (`cargo bench --bench factline -- --only cold`). These tokens
//! are a byte scan with one lexicon lookup per word; the words they are
//! looked up in are the shared lexicon's data files, so no word list is
//! private to them.

use std::ops::Range;

use super::lexicon::{self, Class, Entry};

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
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Characters that may join two parts of one word ("U.S.", "co-founder",
/// "Reyner’s", "AT&T", "24/7").
fn is_joiner(c: char) -> bool {
    matches!(
        c,
        '\'' | '’' | '-' | '.' | '&' | '/' | '‑' | ',' | '@' | '_'
    )
}

fn is_quote_char(c: char) -> bool {
    matches!(
        c,
        '"' | '“' | '”' | '„' | '‟' | '«' | '»' | '‘' | '’' | '\'' | '‹' | '›'
    )
}

/// Appends the tokens of `text[span]` to `out`. A period that does not end
/// the span (abbreviations, initials) stays with its word.
pub fn tokenize(text: &str, span: Range<usize>, out: &mut Vec<Token>) {
    let s = &text[span.clone()];
    let base = span.start;
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if c.is_whitespace() {
            continue;
        }
        let start = base + i;
        if is_word_char(c) || (matches!(c, '$' | '£' | '€' | '#') && next_is_alnum(s, i)) {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = it.peek() {
                if is_word_char(d) {
                    end = j + d.len_utf8();
                    it.next();
                    continue;
                }
                if is_joiner(d) {
                    let after = j + d.len_utf8();
                    let next = s[after..].chars().next();
                    let joins = match d {
                        // "1,200" but not "yes,no".
                        ',' => {
                            s[..j].ends_with(|p: char| p.is_ascii_digit())
                                && next.is_some_and(|n| n.is_ascii_digit())
                        }
                        _ => next.is_some_and(is_word_char),
                    };
                    if joins {
                        end = after;
                        it.next();
                        continue;
                    }
                    // A period that does not end the sentence belongs to
                    // its word: "U.S.", "Gen.", "J.".
                    if d == '.' && s[after..].trim_start().chars().next().is_some() {
                        end = after;
                        it.next();
                    }
                    // "officials’ statement": a plural possessive.
                    if matches!(d, '\'' | '’')
                        && s[..j].ends_with(['s', 'S'])
                        && s[after..].chars().next().is_some_and(|n| n.is_whitespace())
                        && s[after..]
                            .trim_start()
                            .chars()
                            .next()
                            .is_some_and(char::is_lowercase)
                    {
                        end = after;
                        it.next();
                    }
                }
                break;
            }
            out.push(word(text, start, base + end));
            continue;
        }
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
        out.push(Token {
            start,
            end: start + c.len_utf8(),
            kind,
            cap: false,
            acronym: false,
            digit: false,
            possessive: false,
            quoted: false,
            entry: None,
        });
    }
}

fn next_is_alnum(s: &str, i: usize) -> bool {
    s[i..].chars().nth(1).is_some_and(|c| c.is_alphanumeric())
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
    fn possessives_are_looked_up_by_their_stem() {
        let text = "the ministry’s claim";
        let mut out = Vec::new();
        tokenize(text, 0..text.len(), &mut out);
        assert!(out[1].possessive);
        assert_eq!(out[1].stem(text), "ministry");
        assert!(out[1].has(Class::BODY));
    }
}
