//! `textDocument/inlayHint`: the normalised value after each figure
//! written in words ("nearly twenty million dollars" → "= nearly
//! $20,000,000"). Off unless the `inlay_hints` setting is on.

use tower_lsp_server::ls_types::{InlayHint, InlayHintLabel, Range};

use super::convert;
use super::state::{State, read};
use crate::analysis::{DocId, figures};

impl State {
    /// The hints of an open document inside `range`; none when the setting
    /// is off or the document is not analysable.
    pub fn inlay_hints(&self, id: &DocId, range: Range) -> Vec<InlayHint> {
        if !read(&self.config).config.inlay_hints {
            return Vec::new();
        }
        let Some(snap) = self.snapshot(id) else {
            return Vec::new();
        };
        let enc = self.encoding();
        let bytes = snap.doc.byte_range(convert::from_range(range), enc);
        figures::inlay_hints(&snap.analysis)
            .into_iter()
            .filter(|(offset, _)| bytes.start <= *offset && *offset <= bytes.end)
            .map(|(offset, label)| InlayHint {
                position: convert::position(snap.doc.position(offset, enc)),
                label: InlayHintLabel::String(label),
                kind: None,
                text_edits: None,
                tooltip: None,
                padding_left: Some(true),
                padding_right: None,
                data: None,
            })
            .collect()
    }
}
