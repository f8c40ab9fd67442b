//! The transport: LSP base-protocol framing over a byte stream, and the
//! loop that feeds messages to the service.
//!
//! tower-lsp-server's own `Server::serve` stops reading at the first frame
//! it cannot decode (tokio-util's `FramedRead` ends the stream after a
//! decoder error), so one malformed message would end the session. This
//! loop is the same shape (requests run concurrently, at most
//! [`MAX_CONCURRENCY`] at a time, started in arrival order), with a codec
//! that never fails on content:
//! - a body that is not JSON gets a `-32700` (parse error) response;
//! - JSON that is not a JSON-RPC message gets `-32600` (invalid request);
//! - garbage between messages, or a wrong `Content-Length`, is skipped up
//!   to the next `Content-Length` header.
//!
//! Only an I/O error on the input, or its end, ends the loop.

use bytes::{Buf, BytesMut};
use futures::channel::mpsc;
use futures::{FutureExt, SinkExt, StreamExt, TryFutureExt, future, join};
use serde_json::Value;
use tokio::io::{AsyncRead, AsyncWrite};
use tokio_util::codec::{Decoder, Encoder, FramedRead, FramedWrite};
use tower::Service;
use tower_lsp_server::jsonrpc::{Error, Id, Request, Response};
use tower_lsp_server::{ClientSocket, LspService};

use super::Backend;

/// How many requests run at once (as tower-lsp-server's default).
pub const MAX_CONCURRENCY: usize = 4;

/// Messages larger than this are skipped with an error: no editor sends a
/// document this large, and reading it would only exhaust memory.
pub const MAX_MESSAGE_BYTES: usize = 256 << 20;

/// Headers longer than this without a blank line are garbage.
const MAX_HEADER_BYTES: usize = 8 << 10;

/// One decoded frame from the client.
#[derive(Debug)]
pub enum Incoming {
    Request(Request),
    Response(Response),
    /// A frame that is not a JSON-RPC message: answer with this error.
    Malformed(Id, Error),
}

/// One frame to the client.
#[derive(Debug)]
pub enum Outgoing {
    Request(Request),
    Response(Response),
}

/// The base-protocol codec (`Content-Length` framing, JSON bodies).
#[derive(Debug, Default)]
pub struct Codec {
    /// The announced length of the body being read.
    body_len: Option<usize>,
    /// Bytes of an oversized body still to discard.
    skip: usize,
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn find_ignore_case(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

/// Classifies a body.
pub fn parse_body(body: &[u8]) -> Incoming {
    let Ok(value) = serde_json::from_slice::<Value>(body) else {
        return Incoming::Malformed(Id::Null, Error::parse_error());
    };
    let id = value
        .get("id")
        .cloned()
        .and_then(|id| serde_json::from_value::<Id>(id).ok())
        .unwrap_or(Id::Null);
    if value.get("method").is_some() {
        match serde_json::from_value::<Request>(value) {
            Ok(r) => Incoming::Request(r),
            Err(e) => Incoming::Malformed(id, invalid_request(e)),
        }
    } else if value.get("result").is_some() || value.get("error").is_some() {
        match serde_json::from_value::<Response>(value) {
            Ok(r) => Incoming::Response(r),
            Err(e) => Incoming::Malformed(id, invalid_request(e)),
        }
    } else {
        Incoming::Malformed(
            id,
            Error {
                message: "not a JSON-RPC request, notification or response".into(),
                ..Error::invalid_request()
            },
        )
    }
}

fn invalid_request(e: serde_json::Error) -> Error {
    Error {
        message: format!("invalid JSON-RPC message: {e}").into(),
        ..Error::invalid_request()
    }
}

impl Decoder for Codec {
    type Item = Incoming;
    type Error = std::io::Error;

    fn decode(&mut self, src: &mut BytesMut) -> Result<Option<Incoming>, std::io::Error> {
        loop {
            if self.skip > 0 {
                let n = self.skip.min(src.len());
                src.advance(n);
                self.skip -= n;
                if self.skip > 0 {
                    return Ok(None);
                }
                return Ok(Some(Incoming::Malformed(
                    Id::Null,
                    Error {
                        message: format!("message larger than {MAX_MESSAGE_BYTES} bytes skipped")
                            .into(),
                        ..Error::invalid_request()
                    },
                )));
            }
            if let Some(len) = self.body_len {
                if src.len() < len {
                    src.reserve(len - src.len());
                    return Ok(None);
                }
                let body = src.split_to(len);
                self.body_len = None;
                return Ok(Some(parse_body(&body)));
            }
            // Headers: up to a blank line; the length may follow garbage.
            let Some(end) = find(src, b"\r\n\r\n") else {
                if src.len() > MAX_HEADER_BYTES {
                    // Keep only what might start the next header.
                    let keep = find_ignore_case(src, b"content-length")
                        .unwrap_or(src.len() - b"content-length".len());
                    src.advance(keep.max(1));
                }
                return Ok(None);
            };
            let header = &src[..end];
            let length = find_ignore_case(header, b"content-length:").and_then(|at| {
                let rest = &header[at + b"content-length:".len()..];
                let line_end = find(rest, b"\r\n").unwrap_or(rest.len());
                std::str::from_utf8(&rest[..line_end])
                    .ok()?
                    .trim()
                    .parse::<usize>()
                    .ok()
            });
            src.advance(end + 4);
            match length {
                Some(len) if len > MAX_MESSAGE_BYTES => self.skip = len,
                Some(len) => self.body_len = Some(len),
                None => {
                    return Ok(Some(Incoming::Malformed(
                        Id::Null,
                        Error {
                            message: "missing or invalid Content-Length header".into(),
                            ..Error::parse_error()
                        },
                    )));
                }
            }
        }
    }
}

impl Encoder<Outgoing> for Codec {
    type Error = std::io::Error;

    fn encode(&mut self, item: Outgoing, dst: &mut BytesMut) -> Result<(), std::io::Error> {
        let body = match &item {
            Outgoing::Request(r) => serde_json::to_vec(r),
            Outgoing::Response(r) => serde_json::to_vec(r),
        }
        .map_err(std::io::Error::other)?;
        dst.extend_from_slice(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes());
        dst.extend_from_slice(&body);
        Ok(())
    }
}

/// How a session ended, for the process's exit status.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ending {
    /// The client sent `exit`; `after_shutdown` says whether `shutdown`
    /// came first (the LSP specification asks for status 0 then, 1 if not).
    Exit { after_shutdown: bool },
    /// The input ended (or failed) without `exit`: the client went away.
    InputClosed { after_shutdown: bool },
}

impl Ending {
    /// The exit status the LSP specification asks for: 0 after `shutdown`,
    /// 1 for an `exit` without it. The end of the input without `exit` is
    /// the client going away (an editor that quits or crashes), not an
    /// error of the server: 0.
    pub fn status(self) -> u8 {
        match self {
            Ending::Exit {
                after_shutdown: false,
            } => 1,
            _ => 0,
        }
    }
}

/// Server-to-client requests written and not yet answered, and whether
/// the client can still answer at all.
#[derive(Default)]
struct Outstanding {
    ids: std::sync::Mutex<std::collections::HashSet<Id>>,
    /// Set once the input has ended (or `exit` arrived): no answer can come.
    closed: std::sync::atomic::AtomicBool,
}

impl Outstanding {
    fn lock(&self) -> std::sync::MutexGuard<'_, std::collections::HashSet<Id>> {
        self.ids.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// The answer given in the client's place to a request it can no longer
/// answer.
fn no_answer(id: Id) -> Response {
    Response::from_error(
        id,
        Error {
            message: "the client closed the connection before answering".into(),
            ..Error::internal_error()
        },
    )
}

/// Serves `service` over the byte streams until `exit` or the input ends.
///
/// When the input ends or `exit` arrives, reading stops and every request
/// the server sent the client and still waits on is failed at once (so is
/// any the server sends afterwards): a handler waiting for the client's
/// answer finishes, and the session ends after the handlers under way, with
/// their responses written. `exit` is not passed to the service: the
/// service would stop routing the client's answers, and the failures above
/// could not reach the handlers.
pub async fn serve<I, O>(
    input: I,
    output: O,
    mut service: LspService<Backend>,
    socket: ClientSocket,
) -> Ending
where
    I: AsyncRead + Unpin,
    O: AsyncWrite,
{
    let (mut client_requests, client_responses) = socket.split();
    let outstanding = Outstanding::default();
    // Responses for the server's own requests: the client's, and the
    // failures given in its place.
    let (answers_tx, answers_rx) = mpsc::unbounded::<Response>();
    let (outgoing_tx, outgoing_rx) = mpsc::unbounded::<Outgoing>();
    let (mut tasks_tx, tasks_rx) = mpsc::channel(100);
    // Resolved when the handlers under way have finished after the input
    // ended: the relay of server-to-client messages can stop then.
    let (handlers_done_tx, handlers_done_rx) = futures::channel::oneshot::channel::<()>();

    let run_tasks = {
        let outgoing_tx = outgoing_tx.clone();
        async move {
            let _ = tasks_rx
                .buffer_unordered(MAX_CONCURRENCY)
                .filter_map(future::ready)
                .map(|r| Ok(Outgoing::Response(r)))
                .forward(outgoing_tx.sink_map_err(|_| unreachable_sink()))
                .await;
            let _ = handlers_done_tx.send(());
        }
    };

    // Server-to-client messages go out while the client can answer; once
    // it cannot, requests are failed here instead of waiting forever.
    let relay = {
        let outgoing_tx = outgoing_tx.clone();
        let answers_tx = answers_tx.clone();
        let outstanding = &outstanding;
        async move {
            let mut handlers_done = handlers_done_rx.fuse();
            loop {
                let next = futures::select_biased! {
                    _ = handlers_done => None,
                    r = client_requests.next() => r,
                };
                let Some(request) = next else { break };
                if let Some(id) = request.id().cloned() {
                    // The flag is read under the lock that closing takes, so
                    // a request is either failed here or when closing.
                    let mut ids = outstanding.lock();
                    if outstanding.closed.load(std::sync::atomic::Ordering::SeqCst) {
                        drop(ids);
                        let _ = answers_tx.unbounded_send(no_answer(id));
                        continue;
                    }
                    ids.insert(id);
                }
                let _ = outgoing_tx.unbounded_send(Outgoing::Request(request));
            }
            outgoing_tx.close_channel();
            answers_tx.close_channel();
        }
    };

    let answer = answers_rx
        .map(Ok)
        .forward(client_responses.sink_map_err(|e| {
            tracing::debug!("client response not routed: {e}");
            unreachable_sink()
        }));

    let write = outgoing_rx
        .map(Ok)
        .forward(FramedWrite::new(output, Codec::default()));

    let read = {
        let answers_tx = answers_tx.clone();
        let outgoing_tx = outgoing_tx.clone();
        let outstanding = &outstanding;
        async move {
            let mut frames = FramedRead::new(input, Codec::default());
            let mut after_shutdown = false;
            let mut ending = None;
            while let Some(frame) = frames.next().await {
                match frame {
                    Ok(Incoming::Request(request)) => {
                        let request = super::server::lenient(request);
                        if request.method() == "exit" {
                            ending = Some(Ending::Exit { after_shutdown });
                            break;
                        }
                        after_shutdown |= request.method() == "shutdown";
                        if let Err(err) = future::poll_fn(|cx| service.poll_ready(cx)).await {
                            tracing::error!("service stopped: {err}");
                            break;
                        }
                        let task = service.call(request).unwrap_or_else(|err| {
                            tracing::error!("{err}");
                            None
                        });
                        if tasks_tx.send(task.boxed()).await.is_err() {
                            break;
                        }
                    }
                    Ok(Incoming::Response(response)) => {
                        outstanding.lock().remove(response.id());
                        let _ = answers_tx.unbounded_send(response);
                    }
                    Ok(Incoming::Malformed(id, error)) => {
                        tracing::warn!("malformed message: {}", error.message);
                        let _ = outgoing_tx
                            .unbounded_send(Outgoing::Response(Response::from_error(id, error)));
                    }
                    Err(err) => {
                        tracing::error!("reading the client's messages failed: {err}");
                        break;
                    }
                }
            }
            // No answer can come any more: fail what is waiting for one.
            let waiting: Vec<Id> = {
                let mut ids = outstanding.lock();
                outstanding
                    .closed
                    .store(true, std::sync::atomic::Ordering::SeqCst);
                ids.drain().collect()
            };
            if !waiting.is_empty() {
                tracing::info!(
                    "failing {} request(s) the client did not answer",
                    waiting.len()
                );
            }
            for id in waiting {
                let _ = answers_tx.unbounded_send(no_answer(id));
            }
            tasks_tx.disconnect();
            drop(frames);
            ending.unwrap_or(Ending::InputClosed { after_shutdown })
        }
    };

    drop(outgoing_tx);
    drop(answers_tx);
    let (ending, ..) = join!(read, run_tasks, relay, answer, write);
    ending
}

fn unreachable_sink() -> std::io::Error {
    std::io::Error::other("response channel closed")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode_all(bytes: &[u8]) -> Vec<Incoming> {
        let mut codec = Codec::default();
        let mut buf = BytesMut::from(bytes);
        let mut out = Vec::new();
        while let Some(item) = codec.decode(&mut buf).unwrap() {
            out.push(item);
        }
        out
    }

    fn frame(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    #[test]
    fn decodes_requests_and_survives_garbage() {
        let ok = r#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#;
        let input = format!(
            "{}{}garbage{}{}",
            frame("{not json"),
            frame(r#"{"hello":1}"#),
            frame(ok),
            frame(r#"{"jsonrpc":"2.0","id":7,"result":null}"#)
        );
        let items = decode_all(input.as_bytes());
        assert!(matches!(&items[0], Incoming::Malformed(Id::Null, e) if e.code.code() == -32700));
        assert!(matches!(&items[1], Incoming::Malformed(_, e) if e.code.code() == -32600));
        assert!(matches!(&items[2], Incoming::Request(r) if r.method() == "shutdown"));
        assert!(matches!(&items[3], Incoming::Response(_)));
        assert_eq!(items.len(), 4);
    }

    #[test]
    fn a_short_content_length_costs_one_message() {
        let ok = r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#;
        let input = format!("Content-Length: 10\r\n\r\n{ok}{}", frame(ok));
        let items = decode_all(input.as_bytes());
        assert!(matches!(items[0], Incoming::Malformed(..)));
        assert!(matches!(items.last(), Some(Incoming::Request(r)) if r.method() == "initialized"));
    }

    #[test]
    fn missing_and_huge_lengths() {
        let items = decode_all(b"Content-Type: x\r\n\r\n");
        assert!(matches!(items[0], Incoming::Malformed(..)));
        let mut codec = Codec::default();
        let mut buf = BytesMut::from(
            format!("Content-Length: {}\r\n\r\nabc", MAX_MESSAGE_BYTES + 1).as_bytes(),
        );
        assert!(codec.decode(&mut buf).unwrap().is_none());
        assert_eq!(codec.skip, MAX_MESSAGE_BYTES + 1 - 3);
    }
}
