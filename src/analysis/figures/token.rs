//! A small tokenizer for figure extraction: words, numbers and single
//! symbols, each with its byte span and whether white space came before it.
//!
//! - A word starts with a letter and runs over letters and digits, with
//!   inner hyphens and apostrophes ("twenty-five", "year-old", "Reyner’s",
//!   "COVID-19"). A run of single letters each followed by a period is one
//!   word ("U.S.", "p.m.").
//! - A number starts with an ASCII digit and runs over digits, with a
//!   decimal point or a thousands comma when a digit follows ("4,000",
//!   "1.5"). Letters glued to it start a new, *attached* token ("20m",
//!   "3rd", "1.13bn").
//! - Anything else that is not white space is a one-character symbol.
//!
//! Why the figure reader does not read the language layer's tokens
//! (`language::tokenize`): the layer splits words the way the treebanks
//! its tagger learned from do, and a figure is read across those splits.
//! It splits hyphenated words ("twenty-five", "year-old", "COVID-19": one
//! word here, three tokens there), keeps letters glued to digits whole
//! ("21st", "1990s"; the figure reader wants the number and its suffix, as
//! in "20m" and "3rd") and keeps times whole ("10:30"); the figure reader
//! also asks whether white space came before a token ("$ 20" against
//! "$20"). And the layer reads a sentence's words only when a rule asks
//! (`DocAnalysis::sentence_language`), while every sentence is read for
//! figures, beside the attribution analysis: sharing the layer's tokens
//! would tokenize every sentence the layer's way too, for a view that puts
//! the splits back together. This scan is one pass over the characters,
//! with no lists (dotted acronyms are found by their shape).

use std::ops::Range;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokKind {
    Word,
    Num,
    Sym,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tok {
    pub start: usize,
    pub end: usize,
    pub kind: TokKind,
    /// White space (or the start of the text) comes right before.
    pub space_before: bool,
}

impl Tok {
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

fn is_hyphen(c: char) -> bool {
    c == '-' || c == '‑'
}

/// Tokenizes `text[span]`; spans in the result are into `text`.
pub fn tokenize(text: &str, span: Range<usize>, out: &mut Vec<Tok>) {
    let Some(s) = text.get(span.clone()) else {
        return;
    };
    let base = span.start;
    let mut it = s.char_indices().peekable();
    let mut space_before = true;
    while let Some((i, c)) = it.next() {
        if c.is_whitespace() {
            space_before = true;
            continue;
        }
        let start = i;
        let mut end = i + c.len_utf8();
        let kind;
        // ".08": a decimal without its leading zero, after white space.
        let bare_decimal = c == '.'
            && space_before
            && s[i + 1..]
                .chars()
                .next()
                .is_some_and(|n| n.is_ascii_digit());
        if c.is_ascii_digit() || bare_decimal {
            kind = TokKind::Num;
            while let Some(&(j, d)) = it.peek() {
                if d.is_ascii_digit() {
                    end = j + 1;
                    it.next();
                } else if d == '.' || d == ',' {
                    // A separator belongs to the number only before a digit.
                    let next = s[j + 1..].chars().next();
                    if next.is_some_and(|n| n.is_ascii_digit()) {
                        end = j + 1;
                        it.next();
                    } else {
                        break;
                    }
                } else {
                    break;
                }
            }
        } else if c.is_alphabetic() {
            kind = TokKind::Word;
            // Dotted acronyms: "U.S.", "p.m.", "U.N."
            if let Some(len) = dotted_acronym(&s[i..]) {
                end = i + len;
                while it.peek().is_some_and(|&(j, _)| j < end) {
                    it.next();
                }
            } else {
                while let Some(&(j, d)) = it.peek() {
                    if d.is_alphanumeric() {
                        end = j + d.len_utf8();
                        it.next();
                    } else if is_hyphen(d) || is_apostrophe(d) {
                        let next = s[j + d.len_utf8()..].chars().next();
                        if next.is_some_and(char::is_alphanumeric) {
                            end = j + d.len_utf8();
                            it.next();
                        } else {
                            break;
                        }
                    } else {
                        break;
                    }
                }
            }
        } else {
            kind = TokKind::Sym;
        }
        out.push(Tok {
            start: base + start,
            end: base + end,
            kind,
            space_before,
        });
        space_before = false;
    }
}

/// Length in bytes of a dotted acronym at the start of `s` ("U.S." → 4):
/// at least two single letters, each followed by a period.
fn dotted_acronym(s: &str) -> Option<usize> {
    let mut pairs = 0;
    let mut len = 0;
    let mut rest = s;
    loop {
        let mut look = rest.chars();
        match (look.next(), look.next()) {
            (Some(l), Some('.')) if l.is_alphabetic() => {
                pairs += 1;
                len += l.len_utf8() + 1;
                rest = look.as_str();
            }
            _ => break,
        }
    }
    (pairs >= 2).then_some(len)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<(&str, TokKind, bool)> {
        let mut out = Vec::new();
        tokenize(s, 0..s.len(), &mut out);
        out.iter()
            .map(|t| (t.text(s), t.kind, t.space_before))
            .collect()
    }

    #[test]
    fn numbers_words_and_symbols() {
        use TokKind::*;
        assert_eq!(
            toks("over 4,000 U.S. sailors, $1.13bn and 2.5 million."),
            [
                ("over", Word, true),
                ("4,000", Num, true),
                ("U.S.", Word, true),
                ("sailors", Word, true),
                (",", Sym, false),
                ("$", Sym, true),
                ("1.13", Num, false),
                ("bn", Word, false),
                ("and", Word, true),
                ("2.5", Num, true),
                ("million", Word, true),
                (".", Sym, false),
            ]
        );
        assert_eq!(
            toks("twenty-five 90-day COVID-19 Reyner’s"),
            [
                ("twenty-five", Word, true),
                ("90", Num, true),
                ("-", Sym, false),
                ("day", Word, false),
                ("COVID-19", Word, true),
                ("Reyner’s", Word, true),
            ]
        );
        assert_eq!(
            toks("in 2009."),
            [("in", Word, true), ("2009", Num, true), (".", Sym, false)]
        );
        assert_eq!(
            toks("9 a.m. on"),
            [("9", Num, true), ("a.m.", Word, true), ("on", Word, true)]
        );
        assert_eq!(toks("A. Smith")[0], ("A", Word, true));
        assert_eq!(toks("rose .08 points")[1], (".08", Num, true));
        assert_eq!(toks("end. 5")[1], (".", Sym, false));
    }

    #[test]
    fn odd_text_never_panics() {
        for s in [
            "",
            "😀 4,",
            "“12”",
            "1.",
            ",5",
            "U.S",
            "a.b.c",
            "\r\n3\u{2009}000",
            "é.é.",
        ] {
            let _ = toks(s);
        }
    }
}
