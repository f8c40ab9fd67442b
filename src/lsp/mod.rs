//! The language server: a thin protocol layer over [`crate::analysis`].
//!
//! - [`server`]: the `LanguageServer` handlers and the analysis worker.
//! - `state`: open documents, the corpus, configuration, the scheduler.
//! - `features`: request handlers that read the state (hover, code actions).
//! - `inlay`: inlay hints (figures written in words).
//! - `related`: go to related passage, references, code lens and
//!   `factline/relatedPassages`.
//! - `convert`: findings and positions to LSP types.
//! - `review`: "Mark as reviewed" (`factline.markReviewed`).
//! - [`transport`]: framing, and the end of a session (requests the
//!   client can no longer answer are failed; the exit status).
//! - `pull`: pulled diagnostics, of open documents and of the whole workspace.
//! - `roots`: the workspace roots when the editor sends none.
//! - `archive`: the desk-wide store: the workspace published to it, the
//!   archive's documents related to the open ones fetched into the corpus.
//! - `verify`: drafts, their claims verified after each edit's diagnostics,
//!   the claims outline (document symbols), claim lenses and hovers.
//!
//! Invariant: only this module uses tower-lsp-server types, and positions are
//! computed only by [`crate::document::Document`].

mod archive;
mod convert;
mod features;
mod inlay;
mod pull;
mod related;
mod review;
mod roots;
pub mod server;
mod state;
pub mod transport;
mod verify;

pub use server::Backend;
use tower_lsp_server::{ClientSocket, LspService};

/// The service, for serving over any transport (tests use an in-memory
/// stream).
pub fn service() -> (LspService<Backend>, ClientSocket) {
    LspService::build(Backend::new)
        .custom_method("factline/documentState", Backend::document_state)
        .custom_method("factline/status", Backend::status)
        .custom_method("factline/relatedPassages", Backend::related_passages)
        .finish()
}

pub use transport::Ending;

/// Serves LSP over any byte streams until `exit` or until `input` closes;
/// says how the session ended.
pub async fn serve<I, O>(input: I, output: O) -> Ending
where
    I: tokio::io::AsyncRead + Unpin,
    O: tokio::io::AsyncWrite,
{
    let (service, socket) = service();
    transport::serve(input, output, service, socket).await
}

/// Serves LSP on stdin/stdout until `exit` or until stdin closes.
pub async fn serve_stdio() -> Ending {
    serve(tokio::io::stdin(), tokio::io::stdout()).await
}
