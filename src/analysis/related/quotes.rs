//! Quotations: the words between quotation marks, as overlapping
//! three-word shingles, so that two passages quoting the same words (even
//! a different stretch of a longer quote) meet.
//!
//! Quotes are paired over a whole paragraph, so a sentence inside a quote
//! that runs over several sentences is quoted too. An opening mark without
//! its closing one runs to the end of the paragraph (news style for a quote
//! that continues in the next paragraph).
//!
//! Example: `“We will rebuild every house on this road,” the mayor said`
//! and `The mayor vowed to “rebuild every house on this road.”` share four
//! shingles. A scare quote of one or two words (“disgrace”) has no shingle
//! and makes no match.

use std::ops::Range;

use super::terms::{fold_into, key_hash, kind, words};

/// Words per shingle.
pub const SHINGLE: usize = 3;

/// The quoted stretches of the paragraph `para` of `text` (without the
/// marks), in order.
pub fn quote_spans(text: &str, para: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let Some(p) = text.get(para.clone()) else {
        return out;
    };
    let mut open: Option<(usize, char)> = None;
    for (i, c) in p.char_indices() {
        let at = para.start + i;
        match (c, open) {
            ('“' | '«' | '„', None) => open = Some((at + c.len_utf8(), c)),
            ('"', None) => open = Some((at + 1, '"')),
            ('”', Some((s, '“' | '„'))) | ('»', Some((s, '«'))) | ('"', Some((s, '"'))) => {
                out.push(s..at);
                open = None;
            }
            // A straight quote closing a curly one (mixed typing).
            ('"', Some((s, '“'))) => {
                out.push(s..at);
                open = None;
            }
            _ => {}
        }
    }
    if let Some((s, _)) = open
        && s < para.end
    {
        out.push(s..para.end);
    }
    out
}

/// The shingle hashes of the quoted words inside `span`, sorted and
/// deduplicated. `quotes` are the paragraph's [`quote_spans`].
pub fn shingles(text: &str, span: Range<usize>, quotes: &[Range<usize>]) -> Vec<u64> {
    let mut out = Vec::new();
    let mut buf = String::new();
    for q in quotes {
        let part = q.start.max(span.start)..q.end.min(span.end);
        if part.start >= part.end {
            continue;
        }
        let folded: Vec<String> = words(text, part)
            .into_iter()
            .map(|w| {
                fold_into(&text[w], &mut buf);
                buf.clone()
            })
            .collect();
        for win in folded.windows(SHINGLE) {
            out.push(shingle_hash(win));
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

fn shingle_hash(win: &[String]) -> u64 {
    let mut bytes = Vec::with_capacity(32);
    for w in win {
        bytes.extend_from_slice(w.as_bytes());
        bytes.push(b' ');
    }
    key_hash(kind::QUOTE, &bytes)
}

/// How much of the smaller quotation the two passages share, 0 to 1. One
/// shared shingle is enough only when a quote is a single shingle long;
/// otherwise two (four words in a row) are needed.
pub fn overlap(a: &[u64], b: &[u64]) -> f32 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let shared = super::sorted_intersection_count(a, b);
    let smaller = a.len().min(b.len());
    if shared == 0 || (shared < 2 && smaller > 1) {
        return 0.0;
    }
    shared as f32 / smaller as f32
}

/// The longest stretch of quoted words of `span` whose shingles are all in
/// `other`, as a byte range (for showing the shared quote).
pub fn shared_stretch(
    text: &str,
    span: Range<usize>,
    quotes: &[Range<usize>],
    other: &[u64],
) -> Option<Range<usize>> {
    let mut best: Option<Range<usize>> = None;
    let mut buf = String::new();
    for q in quotes {
        let part = q.start.max(span.start)..q.end.min(span.end);
        if part.start >= part.end {
            continue;
        }
        let ws = words(text, part);
        let folded: Vec<String> = ws
            .iter()
            .map(|w| {
                fold_into(&text[w.clone()], &mut buf);
                buf.clone()
            })
            .collect();
        let mut run: Option<(usize, usize)> = None;
        for (k, win) in folded.windows(SHINGLE).enumerate() {
            if other.binary_search(&shingle_hash(win)).is_ok() {
                let (s, _) = run.unwrap_or((k, k));
                run = Some((s, k + SHINGLE - 1));
                let r = ws[s].start..ws[k + SHINGLE - 1].end;
                if best.as_ref().is_none_or(|b| r.len() > b.len()) {
                    best = Some(r);
                }
            } else {
                run = None;
            }
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_curly_straight_and_unclosed_quotes() {
        let t = "He said “we will rebuild the dam” and \"soon, very soon\" before “leaving";
        let spans: Vec<&str> = quote_spans(t, 0..t.len())
            .into_iter()
            .map(|r| &t[r])
            .collect();
        assert_eq!(
            spans,
            ["we will rebuild the dam", "soon, very soon", "leaving"]
        );
        assert!(quote_spans("", 0..0).is_empty());
    }

    #[test]
    fn the_same_quoted_words_overlap() {
        let a = "“We will rebuild every house on this road,” the mayor said.";
        let b = "The mayor vowed to “rebuild every house on this road.”";
        let c = "She called it a “disgrace” for the harbour.";
        let sa = shingles(a, 0..a.len(), &quote_spans(a, 0..a.len()));
        let sb = shingles(b, 0..b.len(), &quote_spans(b, 0..b.len()));
        let sc = shingles(c, 0..c.len(), &quote_spans(c, 0..c.len()));
        assert!(overlap(&sa, &sb) > 0.8);
        assert!(sc.is_empty());
        assert_eq!(overlap(&sa, &sc), 0.0);
        let stretch = shared_stretch(a, 0..a.len(), &quote_spans(a, 0..a.len()), &sb).unwrap();
        assert_eq!(&a[stretch], "rebuild every house on this road");
    }
}
