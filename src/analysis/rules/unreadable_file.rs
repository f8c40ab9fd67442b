//! # `unreadable-file`
//!
//! A file factline cannot read as news text: it is not valid UTF-8, it looks binary, or it is
//! larger than `max_file_bytes`.
//!
//! ## What it flags
//! The first line of such a file when it is checked or opened. The file is left out of the corpus,
//! so other documents are never compared with it. The message says which of the three it is
//! (for invalid UTF-8, the byte offset of the first bad sequence).
//!
//! ## Why it matters
//! A source that silently drops out of the corpus hides the conflicts and related passages it
//! would have shown. Saying so, once, lets the fact-checker re-save the file as UTF-8 or raise the
//! limit.
//!
//! ## Example
//! Flagged: a `.txt` saved as Windows-1252 with "café" in it; a PDF renamed to `.txt`; a 40 MB
//! log file in the sources folder.
//!
//! Not flagged: UTF-8 text with or without a byte-order mark, with any line endings; an empty file.
//!
//! ## Configuration
//! ```toml
//! max_file_bytes = 2000000   # files larger than this are not read
//!
//! [rules.unreadable-file]
//! severity = "warning"
//! ```

use super::{Docs, Reach, RuleMeta};
use crate::analysis::Severity;

/// The diagnostic given to a file that cannot be analysed (not UTF-8,
/// binary, too large). It is raised by whoever reads files, not by a rule,
/// but it is configured and documented like one.
pub static UNREADABLE_FILE: RuleMeta = RuleMeta {
    code: "unreadable-file",
    title: "Unreadable file",
    default_severity: Severity::Error,
    reach: Reach::Document,
    summary: "The file is not UTF-8 text, looks binary, or is larger than `max_file_bytes`.",
    docs: Docs::from_source(include_str!("unreadable_file.rs")),
};
