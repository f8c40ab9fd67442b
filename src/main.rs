//! The `factline` binary: see `factline --help`.

use std::process::ExitCode;

use clap::Parser;
use factline::cli::{self, Cli};

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
