//! Prints one line saying which real-data parts of the test suite run and
//! which are skipped, and why.
//!
//! Tests that measure the detectors on real news data read `../shared`
//! through `common::shared` and skip that part when it is missing. Their
//! notice goes to stderr, which `cargo test` hides for passing tests, so a
//! newcomer could not tell a full run from a partial one. This target has
//! no test harness: what it prints is shown by `cargo test` as it is. The
//! parts are read from the test sources themselves (every
//! `common::shared("…")` call), so the list never goes out of date.

use std::collections::BTreeMap;
use std::path::Path;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let shared = root.join("../shared");
    let call = regex::Regex::new(r#"common::shared\(\s*"([^"]+)"\s*\)"#).expect("valid regex");
    // Data part → the test files that read it.
    let mut parts: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut files: Vec<_> = std::fs::read_dir(root.join("tests"))
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    files.sort();
    for path in files {
        if path.extension().is_none_or(|e| e != "rs") || path.ends_with("real_data.rs") {
            continue;
        }
        let Ok(source) = std::fs::read_to_string(&path) else {
            continue;
        };
        let name = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        for c in call.captures_iter(&source) {
            let users = parts.entry(c[1].to_string()).or_default();
            if !users.contains(&name) {
                users.push(name.clone());
            }
        }
    }
    let (present, missing): (Vec<_>, Vec<_>) = parts
        .iter()
        .partition(|(part, _)| shared.join(part).exists());
    let list = |v: &[(&String, &Vec<String>)]| {
        v.iter()
            .map(|(part, users)| format!("{part} ({})", users.join(", ")))
            .collect::<Vec<_>>()
            .join("; ")
    };
    let line = if missing.is_empty() {
        format!(
            "real data: all {} parts ran (../shared found): {}",
            present.len(),
            present
                .iter()
                .map(|(p, _)| p.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )
    } else if present.is_empty() {
        format!(
            "real data: all {} parts SKIPPED, ../shared not found (those tests checked only their fixtures): {}",
            missing.len(),
            list(&missing)
        )
    } else {
        format!(
            "real data: {} parts ran, {} SKIPPED (not found under ../shared): {}",
            present.len(),
            missing.len(),
            list(&missing)
        )
    };
    println!("\n{line}\n");
}
