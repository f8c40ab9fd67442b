//! Structural invariants of the code base.

use std::path::Path;

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("readable source folder") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// `src/analysis` is pure: no protocol types, no async runtime, no JSON.
#[test]
fn analysis_uses_no_protocol_async_or_json_crates() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/analysis");
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    assert!(files.len() > 3, "analysis sources found");
    for file in files {
        let text = std::fs::read_to_string(&file).expect("readable");
        for forbidden in [
            "tower_lsp_server",
            "ls_types",
            "tokio",
            "serde_json",
            "std::fs",
            "std::net",
        ] {
            assert!(
                !text.contains(forbidden),
                "{} uses `{forbidden}`: src/analysis must stay pure",
                file.display()
            );
        }
    }
}

/// The README's `cargo run --release -- check examples/` needs one binary
/// to run: with `train_tagger` beside `factline`, `default-run` names it.
#[test]
fn cargo_run_runs_factline() {
    let manifest =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml"))
            .expect("Cargo.toml");
    let value: toml::Value = toml::from_str(&manifest).expect("valid Cargo.toml");
    let bins = value
        .get("bin")
        .and_then(|b| b.as_array())
        .map_or(0, |b| b.len());
    if bins > 0 {
        assert_eq!(
            value["package"].get("default-run").and_then(|v| v.as_str()),
            Some("factline"),
            "Cargo.toml has several binaries: `cargo run` needs default-run = \"factline\""
        );
    }
}
