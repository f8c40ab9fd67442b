//! Property tests of the document model: random incremental edits in UTF-16
//! and UTF-8 positions, against a plain `String` model with its own
//! position arithmetic.

use factline::document::{Document, Position, PositionEncoding, PositionRange};
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;

/// Pieces of news text that stress position arithmetic.
const PIECES: &[&str] = &[
    "a", "Pérez", "“", "”", "’", "—", "😀", "𐐀", "\n", "\r\n", "\r", " ", "said.", "U.S.", "é",
    "Zoë", "ﬁ", "\t",
];

fn units(c: char, enc: PositionEncoding) -> usize {
    match enc {
        PositionEncoding::Utf8 => c.len_utf8(),
        PositionEncoding::Utf16 => c.len_utf16(),
        PositionEncoding::Utf32 => 1,
    }
}

/// Byte ranges of each line's content (line breaks: \n, \r\n, \r).
fn model_lines(text: &str) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\n' || b[i] == b'\r' {
            out.push((start, i));
            if b[i] == b'\r' && b.get(i + 1) == Some(&b'\n') {
                i += 1;
            }
            start = i + 1;
        }
        i += 1;
    }
    out.push((start, b.len()));
    out
}

/// The model's clamping conversion from a position to a byte offset.
fn model_offset(text: &str, p: Position, enc: PositionEncoding) -> usize {
    let lines = model_lines(text);
    let Some(&(start, end)) = lines.get(p.line as usize) else {
        return text.len();
    };
    let mut acc = 0;
    for (b, c) in text[start..end].char_indices() {
        let u = units(c, enc);
        if acc + u > p.character as usize {
            return start + b;
        }
        acc += u;
    }
    end
}

fn model_position(text: &str, offset: usize, enc: PositionEncoding) -> Position {
    let lines = model_lines(text);
    let line = lines.iter().rposition(|&(s, _)| s <= offset).unwrap_or(0);
    let (s, e) = lines[line];
    let ch: usize = text[s..offset.min(e)].chars().map(|c| units(c, enc)).sum();
    Position::new(line as u32, ch as u32)
}

fn text_strategy() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..40).prop_map(|v| v.concat())
}

#[derive(Debug, Clone)]
struct Edit {
    start: (u32, u32),
    end: (u32, u32),
    text: String,
}

fn edit_strategy() -> impl Strategy<Value = Edit> {
    (0u32..8, 0u32..30, 0u32..8, 0u32..30, text_strategy()).prop_map(|(l1, c1, l2, c2, text)| {
        Edit {
            start: (l1, c1),
            end: (l2, c2),
            text,
        }
    })
}

fn encoding_strategy() -> impl Strategy<Value = PositionEncoding> {
    prop::sample::select(vec![
        PositionEncoding::Utf8,
        PositionEncoding::Utf16,
        PositionEncoding::Utf32,
    ])
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 400,
        // Integration tests have no `lib.rs` beside them: name the file
        // where failing cases are kept (committed, replayed first).
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(
            "proptest-regressions/document_props.txt",
        ))),
        ..ProptestConfig::default()
    })]

    /// Any sequence of edits, with any (even out-of-range or mid-character)
    /// positions, gives the model's text.
    #[test]
    fn edits_match_the_string_model(
        initial in text_strategy(),
        edits in prop::collection::vec(edit_strategy(), 0..25),
        enc in encoding_strategy(),
    ) {
        let mut doc = Document::new(&initial);
        let mut model = initial.clone();
        for e in &edits {
            let start = Position::new(e.start.0, e.start.1);
            let end = Position::new(e.end.0, e.end.1);
            let a = model_offset(&model, start, enc);
            let b = model_offset(&model, end, enc);
            let (a, b) = (a.min(b), a.max(b));
            model.replace_range(a..b, &e.text);
            doc.apply_change(Some(PositionRange { start, end }), &e.text, enc);
            prop_assert_eq!(doc.text(), model.clone());
        }
    }

    /// Offsets and positions convert both ways like the model.
    #[test]
    fn conversions_match_the_model(text in text_strategy(), enc in encoding_strategy()) {
        let doc = Document::new(&text);
        for (offset, _) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
            let p = doc.position(offset, enc);
            prop_assert_eq!(p, model_position(&text, offset, enc));
            let back = doc.offset(p, enc);
            prop_assert_eq!(back, model_offset(&text, p, enc));
            // Round trip, except inside a CRLF pair.
            let inside_crlf = offset > 0
                && text.as_bytes()[offset - 1] == b'\r'
                && text.as_bytes().get(offset) == Some(&b'\n');
            if !inside_crlf {
                prop_assert_eq!(back, offset);
            }
        }
    }
}
