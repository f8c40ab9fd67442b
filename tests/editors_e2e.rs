//! The real editors, driven end to end against the server: Neovim, Helix
//! and VS Code (code-server in headless Chromium). See `editors/README.md`.
//!
//! They need the editors installed (`editors/scripts/install-*.sh`, which
//! `.ci/run` calls), so they run only when `FACTLINE_E2E=1`; otherwise this
//! test prints a notice and passes. With `FACTLINE_E2E=1`, a missing editor
//! is a failure.

use std::path::Path;
use std::process::Command;

#[test]
fn editors_end_to_end() {
    if std::env::var("FACTLINE_E2E").as_deref() != Ok("1") {
        eprintln!(
            "notice: editor end-to-end tests skipped; set FACTLINE_E2E=1 after installing the \
             editors (editors/scripts/install-*.sh), as .ci/run does"
        );
        return;
    }
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    // The server under test: the release build when CI made one (that is
    // what the VS Code package bundles), else this test build's binary.
    let bin = std::env::var("FACTLINE_BIN")
        .unwrap_or_else(|_| env!("CARGO_BIN_EXE_factline").to_string());
    let editors =
        std::env::var("FACTLINE_E2E_EDITORS").unwrap_or_else(|_| "nvim helix vscode".into());
    let status = Command::new(repo.join("editors/tests/run_e2e.sh"))
        .args(editors.split_whitespace())
        .env("FACTLINE_BIN", &bin)
        .current_dir(repo)
        .status()
        .expect("editors/tests/run_e2e.sh runs");
    assert!(
        status.success(),
        "editor end-to-end tests failed; see their output above and target/e2e/"
    );
}
