//! The `factline` binary: see `factline --help`.

use std::process::ExitCode;

use clap::Parser;
use factline::cli::{self, Cli};

/// Analysis allocates many small, short-lived vectors and strings (tokens,
/// words, candidates) on every thread; mimalloc serves those from per-thread
/// pages where glibc's malloc spent a tenth of `factline check`.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // Logs go to stderr: stdout carries the protocol or the report.
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_ansi(false)
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("FACTLINE_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .init();
    cli::run(Cli::parse())
}
