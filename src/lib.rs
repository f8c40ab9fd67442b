//! factline: annotates plain-text news sources for fact-checkers.
//!
//! - [`analysis`]: pure analysis, text in and findings out (byte offsets).
//! - [`document`]: the document model, the one place positions are computed.
//! - [`config`]: reads and validates `factline.toml` and editor settings.
//! - [`workspace`]: finds and reads the `.txt` sources of a folder.
//! - [`host`]: loads folders of sources into an analysed corpus.
//! - [`reviewed`]: findings marked as reviewed (`.factline/reviewed.toml`).
//! - [`paths`]: paths from the editor made comparable (`..`, links) before
//!   any check.
//! - [`lsp`]: the language server.
//! - [`cli`]: the `factline check` command line.

pub mod analysis;
pub mod cli;
pub mod config;
pub mod document;
pub mod host;
pub mod lsp;
pub mod paths;
pub mod reviewed;
pub mod workspace;
