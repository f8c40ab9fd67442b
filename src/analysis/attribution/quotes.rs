//! Quotations: where each one opens and closes, in straight or curly marks,
//! over sentences and paragraphs.
//!
//! - Curly double quotes pair by nesting; straight double quotes pair in
//!   order, with a closing mark recognised by its place (after a word, before
//!   white space or punctuation).
//! - A quotation still open at the end of a paragraph continues into the
//!   next one when that paragraph opens with a quotation mark (the news
//!   convention for a quote over several paragraphs); otherwise it ends with
//!   its paragraph.
//! - Single quotes (‘…’ and '…') count only outside double quotes, when the
//!   opening mark follows white space and the closing one is not an
//!   apostrophe, and only within one paragraph.

use std::ops::Range;

use crate::analysis::text::Segmentation;

/// One quotation segment (a quotation spanning paragraphs has one segment
/// per paragraph, chained by `continues`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawQuote {
    /// From the opening mark to the end of the closing mark (or the end of
    /// the paragraph when it does not close there).
    pub span: Range<usize>,
    /// The quoted words, without the marks.
    pub inner: Range<usize>,
    pub closed: bool,
    /// The previous segment of the same quotation.
    pub continues: Option<usize>,
}

fn is_open_double(c: char) -> bool {
    matches!(c, '“' | '„' | '«')
}

fn is_close_double(c: char) -> bool {
    matches!(c, '”' | '»')
}

/// Finds the quotations of a text.
pub fn find(text: &str, seg: &Segmentation) -> Vec<RawQuote> {
    let mut out: Vec<RawQuote> = Vec::new();
    // An unclosed double quotation at the end of the previous paragraph.
    let mut carried: Option<usize> = None;
    for para in &seg.paragraphs {
        let span = para.span.clone();
        let p = &text[span.clone()];
        let base = span.start;
        let chars: Vec<(usize, char)> = p.char_indices().collect();
        let first_is_quote = chars
            .first()
            .is_some_and(|&(_, c)| c == '"' || is_open_double(c));
        let continues = if first_is_quote { carried } else { None };
        carried = None;
        // Open double quotation: (byte offset of the mark, its length).
        let mut double: Option<(usize, usize)> = None;
        let mut single: Option<(usize, usize)> = None;
        let mut chain = continues;
        for (k, &(i, c)) in chars.iter().enumerate() {
            let prev = k.checked_sub(1).map(|k| chars[k].1);
            let next = chars.get(k + 1).map(|&(_, c)| c);
            let len = c.len_utf8();
            let opens_here = prev.is_none_or(|p| p.is_whitespace() || "([{—–-/".contains(p))
                && next.is_some_and(|n| !n.is_whitespace());
            let closes_here = prev.is_some_and(|p| !p.is_whitespace())
                && next.is_none_or(|n| !n.is_alphanumeric());
            match c {
                c if is_open_double(c) && double.is_none() => {
                    double = Some((i, len));
                    single = None;
                }
                c if is_close_double(c) => {
                    if let Some((o, olen)) = double.take() {
                        push(&mut out, base, o, olen, Some((i, len)), &mut chain);
                    }
                }
                '"' => match double {
                    Some((o, olen)) => {
                        let before = p[o + olen..i].trim_end();
                        if opens_here && !closes_here && before.is_empty() {
                            // `" "`: a stray mark; restart here.
                            double = Some((i, len));
                        } else if opens_here
                            && !closes_here
                            && before.ends_with(['.', '!', '?', '…', ':'])
                        {
                            // `"First part. "Second part`: paragraphs of one
                            // quotation run together, the closing mark lost.
                            // The first part ends; the next continues it.
                            let end = base + o + olen + before.len();
                            out.push(RawQuote {
                                span: base + o..end,
                                inner: base + o + olen..end,
                                closed: false,
                                continues: chain.take(),
                            });
                            chain = Some(out.len() - 1);
                            double = Some((i, len));
                        } else {
                            double = None;
                            push(&mut out, base, o, olen, Some((i, len)), &mut chain);
                        }
                    }
                    None => {
                        if opens_here || !closes_here {
                            double = Some((i, len));
                            single = None;
                        }
                    }
                },
                '‘' if double.is_none() && opens_here && single.is_none() => {
                    single = Some((i, len));
                }
                '\'' if double.is_none() => {
                    if let Some((o, olen)) = single {
                        if closes_here && text.as_bytes()[base + o] == b'\'' {
                            single = None;
                            push(&mut out, base, o, olen, Some((i, len)), &mut None);
                        }
                    } else if opens_here && next.is_some_and(char::is_alphabetic) {
                        single = Some((i, len));
                    }
                }
                '’' if double.is_none() => {
                    if let Some((o, olen)) = single
                        && closes_here
                        && p[o..].starts_with('‘')
                    {
                        single = None;
                        push(&mut out, base, o, olen, Some((i, len)), &mut None);
                    }
                }
                _ => {}
            }
        }
        if let Some((o, olen)) = double {
            push(&mut out, base, o, olen, None, &mut chain);
            out.last_mut().expect("just pushed").span.end = span.end;
            out.last_mut().expect("just pushed").inner.end = span.end;
            carried = Some(out.len() - 1);
        }
    }
    out
}

fn push(
    out: &mut Vec<RawQuote>,
    base: usize,
    open: usize,
    open_len: usize,
    close: Option<(usize, usize)>,
    chain: &mut Option<usize>,
) {
    let start = base + open;
    let (inner_end, end, closed) = match close {
        Some((c, clen)) => (base + c, base + c + clen, true),
        None => (start + open_len, start + open_len, false),
    };
    out.push(RawQuote {
        span: start..end,
        inner: start + open_len..inner_end,
        closed,
        continues: chain.take(),
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quotes(text: &str) -> Vec<(&str, bool, Option<usize>)> {
        let seg = Segmentation::new(text);
        find(text, &seg)
            .into_iter()
            .map(|q| (&text[q.inner], q.closed, q.continues))
            .collect()
    }

    #[test]
    fn curly_and_straight_quotes_pair() {
        assert_eq!(
            quotes("He said “we won” and \"they lost\" today."),
            [("we won", true, None), ("they lost", true, None)]
        );
        assert_eq!(
            quotes("“We will fight. We will win,” she said."),
            [("We will fight. We will win,", true, None)]
        );
    }

    #[test]
    fn a_quote_over_paragraphs_is_chained() {
        let text = "She said: “The first part.\n\n“The second part,” she added.\n\nNext.";
        assert_eq!(
            quotes(text),
            [
                ("The first part.", false, None),
                ("The second part,", true, Some(0))
            ]
        );
        // Without an opening mark on the next paragraph the quote ends.
        let text = "He said: \"Unclosed.\n\nPlain text \"here\".";
        assert_eq!(
            quotes(text),
            [("Unclosed.", false, None), ("here", true, None)]
        );
    }

    #[test]
    fn run_together_paragraphs_of_one_quote_are_split_and_chained() {
        let text = "He said: \"It will not close. \"We have the money.\" Then he left.";
        assert_eq!(
            quotes(text),
            [
                ("It will not close.", false, None),
                ("We have the money.", true, Some(0))
            ]
        );
    }

    #[test]
    fn single_quotes_are_not_apostrophes() {
        assert_eq!(
            quotes("Reyner’s plan, the ‘new deal’, and the users' 'lose patience' claim."),
            [("new deal", true, None), ("lose patience", true, None)]
        );
        assert_eq!(quotes("It's the firm's view."), []);
        assert_eq!(quotes("Open ‘but never closed."), []);
    }

    #[test]
    fn odd_text_does_not_panic() {
        for t in [
            "\"",
            "“",
            "”",
            "' '",
            "\"\"",
            "“😀”",
            "\r\n\"a\r\n\"b",
            "‘’’‘",
        ] {
            let _ = quotes(t);
        }
    }
}
