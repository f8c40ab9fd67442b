//! The command line: `factline check`, `factline related`, `factline lsp`.

pub mod check;
pub mod index;
pub mod output;
pub mod related;
pub mod verify;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

/// Annotates plain-text news sources for fact-checkers: leftover page
/// boilerplate, unattributed claims, figures that disagree across sources.
#[derive(Debug, Parser)]
#[command(name = "factline", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check files or folders of .txt sources and print the findings.
    Check(CheckArgs),
    /// Print the passages related to the sentence at PATH:LINE or PATH:LINE:COLUMN.
    Related(RelatedArgs),
    /// Verify a draft claim by claim against its sources: corroborated,
    /// contradicted or unsourced.
    Verify(VerifyArgs),
    /// Build or update the on-disk index of a folder (`.factline/` at its
    /// root, or `index.path`), and say what changed.
    Index(IndexArgs),
    /// Serve the Language Server Protocol on stdin/stdout.
    Lsp {
        /// Accepted for editors that pass it (the transport is always stdio).
        #[arg(long)]
        stdio: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Compiler-style messages with the line and a caret.
    Human,
    /// One JSON document (stable shape, see the README).
    Json,
    /// SARIF 2.1.0, for code-scanning services.
    Sarif,
}

#[derive(Debug, Clone, Parser)]
pub struct CheckArgs {
    /// Files or folders to check (a folder means every .txt under it).
    #[arg(required_unless_present = "draft")]
    pub paths: Vec<PathBuf>,
    /// A draft to check and verify against the other files (its claims that
    /// no source reports get `unsourced-claim`). Repeatable; the `drafts`
    /// globs of factline.toml name drafts too.
    #[arg(long, value_name = "FILE")]
    pub draft: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// A folder of further sources to compare with (not reported). Repeatable.
    #[arg(long, value_name = "DIR")]
    pub corpus: Vec<PathBuf>,
    /// Configuration file (default: the nearest factline.toml).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Remove every boilerplate finding from the checked files on disk
    /// (each written atomically, only if unchanged since read), then report
    /// what is left.
    #[arg(long)]
    pub fix: bool,
    /// Report only the findings of this rule (by code). Repeatable.
    #[arg(long = "rule", value_name = "CODE")]
    pub rules: Vec<String>,
    /// Leave out the findings of this rule (by code). Repeatable.
    #[arg(long = "exclude-rule", value_name = "CODE")]
    pub exclude_rules: Vec<String>,
    /// After the findings, count them by rule and by file (on stderr with
    /// --format json or sarif, so stdout stays one document).
    #[arg(long)]
    pub summary: bool,
    /// Print no finding, only the closing count (and the --summary if
    /// asked for), and no progress bar.
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// Analyse every source in memory: neither read nor update the on-disk
    /// index (also `index.enabled = false` in factline.toml).
    #[arg(long)]
    pub no_index: bool,
    /// The desk-wide index to use beside the local folder
    /// (`postgres://user@host/database`; also `store` in factline.toml).
    #[arg(long, value_name = "URL")]
    pub store: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RelatedFormat {
    /// The ranked list with locations and what each passage shares.
    Human,
    /// One JSON document (stable shape, see the README).
    Json,
}

#[derive(Debug, Parser)]
pub struct RelatedArgs {
    /// The sentence: PATH:LINE or PATH:LINE:COLUMN, 1-based; without COLUMN, the first
    /// sentence of the line.
    #[arg(value_name = "PATH:LINE[:COLUMN]")]
    pub target: String,
    /// A folder of further sources to search (PATH's folder always is). Repeatable.
    #[arg(long, value_name = "DIR")]
    pub corpus: Vec<PathBuf>,
    /// At most this many passages.
    #[arg(long, default_value_t = 10)]
    pub limit: usize,
    /// Output format.
    #[arg(long, value_enum, default_value_t = RelatedFormat::Human)]
    pub format: RelatedFormat,
    /// Analyse every source in memory: neither read nor update the on-disk
    /// index (also `index.enabled = false` in factline.toml).
    #[arg(long)]
    pub no_index: bool,
    /// The desk-wide index to use beside the local folder
    /// (`postgres://user@host/database`; also `store` in factline.toml).
    #[arg(long, value_name = "URL")]
    pub store: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum VerifyFormat {
    /// Each claim with its status and the source passages, ranked.
    Human,
    /// One JSON document (stable shape, see the README).
    Json,
    /// A Markdown verification log, with a checkbox per claim.
    Markdown,
}

#[derive(Debug, Parser)]
pub struct VerifyArgs {
    /// The draft to verify.
    #[arg(value_name = "DRAFT")]
    pub draft: PathBuf,
    /// A folder of further sources (the draft's folder always is one). Repeatable.
    #[arg(long, value_name = "DIR")]
    pub corpus: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = VerifyFormat::Human)]
    pub format: VerifyFormat,
    /// Also write a one-page HTML report (claims and a figure matrix) to FILE.
    #[arg(long, value_name = "FILE")]
    pub html: Option<PathBuf>,
    /// Configuration file (default: the nearest factline.toml).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Analyse every source in memory: neither read nor update the on-disk
    /// index (also `index.enabled = false` in factline.toml).
    #[arg(long)]
    pub no_index: bool,
    /// The desk-wide index to use beside the local folder
    /// (`postgres://user@host/database`; also `store` in factline.toml).
    #[arg(long, value_name = "URL")]
    pub store: Option<String>,
}

#[derive(Debug, Parser)]
pub struct IndexArgs {
    /// The workspace folder to index (its sources, every .txt under it).
    #[arg(value_name = "DIR", default_value = ".")]
    pub dir: PathBuf,
    /// Configuration file (default: the nearest factline.toml).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// No progress bar.
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// Load the sources into the desk-wide index at URL
    /// (`postgres://user@host/database`) instead of the on-disk index.
    #[arg(long, value_name = "URL")]
    pub store: Option<String>,
}

/// The on-disk index of the workspace at `root` for a command, unless
/// `--no-index` or `index.enabled = false`; when it cannot be used, says
/// so once on stderr and returns `None` (the command runs in memory).
pub fn open_store(
    root: &std::path::Path,
    config: &crate::config::Config,
    no_index: bool,
) -> Option<crate::host::SqliteStore> {
    if no_index {
        return None;
    }
    match crate::host::open_index(root, config) {
        Ok(store) => store,
        Err(message) => {
            eprintln!("factline: {message}");
            None
        }
    }
}

/// Exit statuses.
pub mod status {
    /// No finding at warning or above.
    pub const CLEAN: u8 = 0;
    /// At least one finding at warning or above.
    pub const FINDINGS: u8 = 1;
    /// A usage, configuration or I/O error.
    pub const ERROR: u8 = 2;
}

/// Runs the command line; returns the process's exit status.
pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Check(args) => ExitCode::from(check::run(&args)),
        Command::Related(args) => ExitCode::from(related::run(&args)),
        Command::Verify(args) => ExitCode::from(verify::run(&args)),
        Command::Index(args) => ExitCode::from(index::run(&args)),
        Command::Lsp { stdio: _ } => {
            let runtime = match tokio::runtime::Builder::new_multi_thread()
                .enable_all()
                .build()
            {
                Ok(rt) => rt,
                Err(err) => {
                    eprintln!("factline: cannot start the async runtime: {err}");
                    return ExitCode::from(status::ERROR);
                }
            };
            let ending = runtime.block_on(crate::lsp::serve_stdio());
            // Do not wait for analysis still running on blocking threads.
            runtime.shutdown_background();
            ExitCode::from(ending.status())
        }
    }
}
