//! The language server: a thin protocol layer over [`crate::analysis`].
//!
//! - [`server`]: the `LanguageServer` handlers and the analysis worker.
//! - `state`: open documents, the corpus, configuration, the scheduler.
//! - `features`: request handlers that read the state (hover, code actions).
//! - `convert`: findings and positions to LSP types.
//!
//! Invariant: only this module uses tower-lsp-server types, and positions are
//! computed only by [`crate::document::Document`].

mod convert;
mod features;
pub mod server;
mod state;

pub use server::Backend;
use tower_lsp_server::{ClientSocket, LspService, Server};

/// The service, for serving over any transport (tests use an in-memory
/// stream).
pub fn service() -> (LspService<Backend>, ClientSocket) {
    LspService::build(Backend::new).finish()
}

/// Serves LSP on stdin/stdout until `exit` or until stdin closes.
pub async fn serve_stdio() {
    let (service, socket) = service();
    Server::new(tokio::io::stdin(), tokio::io::stdout(), socket)
        .serve(service)
        .await;
}
