//! The document model: a rope plus the conversions between byte offsets and
//! editor positions.
//!
//! Analysis speaks byte offsets into a `&str`. Editors speak `(line, character)`
//! where `character` counts UTF-8 bytes, UTF-16 code units or Unicode scalar
//! values, depending on the negotiated encoding. This module is the only place
//! in the crate where one is converted into the other: the language server and
//! the command line both go through [`Document`].
//!
//! Line breaks are `\n`, `\r\n` and a lone `\r`, as in the LSP specification
//! (ropey is built with its `cr_lines` feature and without `unicode_lines`, so
//! U+2028 and friends are not line breaks here either).
//!
//! Invariant: no conversion panics. A position past the end of a line is
//! clamped to the end of that line's content; a line past the end of the
//! document is clamped to the end of the document; a position inside a UTF-16
//! surrogate pair or a multi-byte UTF-8 sequence is rounded down to the start
//! of that character.

use std::ops::Range;

use ropey::{Rope, RopeSlice};

/// How the `character` of a [`Position`] is counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum PositionEncoding {
    /// UTF-8 code units (bytes).
    Utf8,
    /// UTF-16 code units: the LSP default and the only encoding every client supports.
    #[default]
    Utf16,
    /// Unicode scalar values (what the command line's JSON output uses).
    Utf32,
}

/// A zero-based line and character, counted in some [`PositionEncoding`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Position {
    pub line: u32,
    pub character: u32,
}

impl Position {
    pub const fn new(line: u32, character: u32) -> Self {
        Self { line, character }
    }
}

/// A half-open range of [`Position`]s.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct PositionRange {
    pub start: Position,
    pub end: Position,
}

/// A text document: the text in a rope, with position conversions.
#[derive(Clone, Debug, Default)]
pub struct Document {
    rope: Rope,
}

impl Document {
    pub fn new(text: &str) -> Self {
        Self {
            rope: Rope::from_str(text),
        }
    }

    /// The whole text, verbatim.
    pub fn text(&self) -> String {
        self.rope.to_string()
    }

    pub fn len_bytes(&self) -> usize {
        self.rope.len_bytes()
    }

    /// Number of lines, counting the empty line after a final line break.
    pub fn line_count(&self) -> usize {
        self.rope.len_lines()
    }

    /// The zero-based line that contains `offset` (clamped to the text).
    pub fn line_of(&self, offset: usize) -> usize {
        let offset = self.floor_boundary(offset);
        self.rope.byte_to_line(offset)
    }

    /// The byte range of line `line`'s content, without its line break.
    /// A line past the end gives the empty range at the end of the text.
    pub fn line_range(&self, line: usize) -> Range<usize> {
        if line >= self.rope.len_lines() {
            let end = self.rope.len_bytes();
            return end..end;
        }
        let start = self.rope.line_to_byte(line);
        let slice = self.rope.line(line);
        start..start + content_len_bytes(slice)
    }

    /// Converts a byte offset to a position. Offsets past the end are clamped
    /// to the end; offsets inside a character are rounded down to its start.
    pub fn position(&self, offset: usize, encoding: PositionEncoding) -> Position {
        let offset = self.floor_boundary(offset);
        let line = self.rope.byte_to_line(offset);
        let line_start = self.rope.line_to_byte(line);
        let slice = self.rope.line(line);
        // An offset between a `\r` and its `\n` sits inside the line break:
        // report it at the end of the line's content.
        let in_line = (offset - line_start).min(content_len_bytes(slice));
        let character = match encoding {
            PositionEncoding::Utf8 => in_line,
            PositionEncoding::Utf16 => slice.char_to_utf16_cu(slice.byte_to_char(in_line)),
            PositionEncoding::Utf32 => slice.byte_to_char(in_line),
        };
        Position::new(saturating_u32(line), saturating_u32(character))
    }

    /// Converts a byte range to a position range.
    pub fn range(&self, range: Range<usize>, encoding: PositionEncoding) -> PositionRange {
        PositionRange {
            start: self.position(range.start, encoding),
            end: self.position(range.end.max(range.start), encoding),
        }
    }

    /// Converts a position to a byte offset, clamping as described in the
    /// module documentation. Never panics.
    pub fn offset(&self, position: Position, encoding: PositionEncoding) -> usize {
        let line = position.line as usize;
        if line >= self.rope.len_lines() {
            return self.rope.len_bytes();
        }
        let line_start = self.rope.line_to_byte(line);
        let slice = self.rope.line(line);
        let content_bytes = content_len_bytes(slice);
        let content_chars = slice.byte_to_char(content_bytes);
        let wanted = position.character as usize;
        let in_line = match encoding {
            PositionEncoding::Utf8 => {
                let byte = wanted.min(content_bytes);
                slice.char_to_byte(slice.byte_to_char(byte))
            }
            PositionEncoding::Utf16 => {
                let units = wanted.min(slice.char_to_utf16_cu(content_chars));
                slice.char_to_byte(slice.utf16_cu_to_char(units))
            }
            PositionEncoding::Utf32 => slice.char_to_byte(wanted.min(content_chars)),
        };
        line_start + in_line
    }

    /// Converts a position range to a byte range; a reversed range is
    /// reordered rather than rejected.
    pub fn byte_range(&self, range: PositionRange, encoding: PositionEncoding) -> Range<usize> {
        let a = self.offset(range.start, encoding);
        let b = self.offset(range.end, encoding);
        a.min(b)..a.max(b)
    }

    /// Replaces a byte range (clamped to the text and to character
    /// boundaries) with `text`.
    pub fn replace(&mut self, range: Range<usize>, text: &str) {
        let start = self.floor_boundary(range.start.min(range.end));
        let end = self.floor_boundary(range.end.max(range.start));
        let start_char = self.rope.byte_to_char(start);
        let end_char = self.rope.byte_to_char(end);
        if end_char > start_char {
            self.rope.remove(start_char..end_char);
        }
        if !text.is_empty() {
            self.rope.insert(start_char, text);
        }
    }

    /// Applies one `contentChanges` entry of `textDocument/didChange`: a
    /// ranged replacement, or the whole text when `range` is `None`.
    pub fn apply_change(
        &mut self,
        range: Option<PositionRange>,
        text: &str,
        encoding: PositionEncoding,
    ) {
        match range {
            Some(range) => {
                let bytes = self.byte_range(range, encoding);
                self.replace(bytes, text);
            }
            None => self.rope = Rope::from_str(text),
        }
    }

    /// Rounds `offset` down to the nearest character boundary inside the text.
    fn floor_boundary(&self, offset: usize) -> usize {
        let offset = offset.min(self.rope.len_bytes());
        self.rope.char_to_byte(self.rope.byte_to_char(offset))
    }
}

/// Length in bytes of a line slice without its trailing line break.
fn content_len_bytes(slice: RopeSlice<'_>) -> usize {
    let len = slice.len_bytes();
    if len == 0 {
        return 0;
    }
    match slice.byte(len - 1) {
        b'\n' if len >= 2 && slice.byte(len - 2) == b'\r' => len - 2,
        b'\n' | b'\r' => len - 1,
        _ => len,
    }
}

fn saturating_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use PositionEncoding::*;

    #[test]
    fn astral_characters_count_two_utf16_units() {
        let doc = Document::new("a😀b\n𐐀x");
        assert_eq!(doc.position(5, Utf16), Position::new(0, 3));
        assert_eq!(doc.position(5, Utf8), Position::new(0, 5));
        assert_eq!(doc.position(5, Utf32), Position::new(0, 2));
        assert_eq!(doc.offset(Position::new(0, 3), Utf16), 5);
        // Inside the surrogate pair: rounded down to the emoji's start.
        assert_eq!(doc.offset(Position::new(0, 2), Utf16), 1);
        // Inside the UTF-8 sequence: rounded down too.
        assert_eq!(doc.offset(Position::new(0, 3), Utf8), 1);
        assert_eq!(doc.offset(Position::new(1, 2), Utf16), 11);
        assert_eq!(doc.position(11, Utf16), Position::new(1, 2));
    }

    #[test]
    fn positions_past_the_end_are_clamped() {
        let doc = Document::new("ab\r\ncd");
        assert_eq!(doc.offset(Position::new(0, 99), Utf16), 2);
        assert_eq!(doc.offset(Position::new(7, 0), Utf16), 6);
        assert_eq!(doc.position(99, Utf16), Position::new(1, 2));
        // Between `\r` and `\n`: the end of line 0's content.
        assert_eq!(doc.position(3, Utf16), Position::new(0, 2));
    }

    #[test]
    fn lone_cr_and_crlf_are_line_breaks_but_u2028_is_not() {
        let doc = Document::new("a\rb\r\nc\u{2028}d");
        assert_eq!(doc.line_count(), 3);
        assert_eq!(doc.line_range(1), 2..3);
        assert_eq!(doc.position(5, Utf16), Position::new(2, 0));
        assert_eq!(doc.position(doc.len_bytes(), Utf16), Position::new(2, 3));
    }

    #[test]
    fn empty_text_and_final_line_break() {
        let empty = Document::new("");
        assert_eq!(empty.position(0, Utf16), Position::new(0, 0));
        assert_eq!(empty.offset(Position::new(3, 3), Utf16), 0);
        let doc = Document::new("x\n");
        assert_eq!(doc.line_count(), 2);
        assert_eq!(doc.position(2, Utf16), Position::new(1, 0));
        assert_eq!(doc.line_range(5), 2..2);
    }

    #[test]
    fn edits_apply_in_each_encoding() {
        let mut doc = Document::new("“Hola”, dijo 😀 Pérez.\n");
        let start = doc.position(doc.text().find('😀').unwrap(), Utf16);
        let end = Position::new(start.line, start.character + 2);
        doc.apply_change(Some(PositionRange { start, end }), "él", Utf16);
        assert_eq!(doc.text(), "“Hola”, dijo él Pérez.\n");
        doc.apply_change(
            Some(PositionRange {
                start: Position::new(0, 0),
                end: Position::new(0, 3),
            }),
            "«",
            Utf8,
        );
        assert_eq!(doc.text(), "«Hola”, dijo él Pérez.\n");
        doc.apply_change(None, "new", Utf32);
        assert_eq!(doc.text(), "new");
    }
}
