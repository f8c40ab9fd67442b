//! The command line on fixture folders: output shapes and exit statuses.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

fn factline(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_factline"))
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("factline runs")
}

fn fixtures() -> std::path::PathBuf {
    common::fixtures().join("cli")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn clean_folder_exits_zero() {
    let o = factline(&["check", "clean"], &fixtures());
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert!(
        stdout(&o).contains("0 findings in 0 of 1 file"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn findings_at_warning_exit_one_with_compiler_style_output() {
    let o = factline(&["check", "flagged/bridge.txt"], &fixtures());
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(
        out.starts_with("flagged/bridge.txt:5:14: warning[weasel-attribution]: “widely believed”"),
        "{out}"
    );
    assert!(out.contains(" 5 | The delay is widely believed"), "{out}");
    assert!(
        out.contains(&format!("   | {}{}\n", " ".repeat(13), "^".repeat(15))),
        "{out}"
    );
}

/// The substring of `text` between two (line, character) positions counted
/// in Unicode scalar values.
fn text_at(text: &str, range: &Value) -> String {
    let pos = |p: &Value| -> usize {
        let line = p["line"].as_u64().unwrap() as usize;
        let ch = p["character"].as_u64().unwrap() as usize;
        let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
        text[start..]
            .char_indices()
            .nth(ch)
            .map_or(text.len(), |(b, _)| start + b)
    };
    text[pos(&range["start"])..pos(&range["end"])].to_string()
}

#[test]
fn json_has_the_stable_shape_and_consistent_ranges() {
    let o = factline(
        &["check", "--format", "json", "clean", "flagged"],
        &fixtures(),
    );
    assert_eq!(o.status.code(), Some(1));
    let doc: Value = serde_json::from_slice(&o.stdout).expect("one JSON document");
    assert_eq!(doc["version"], 1);
    let files = doc["files"].as_array().unwrap();
    let paths: Vec<&str> = files.iter().map(|f| f["path"].as_str().unwrap()).collect();
    assert_eq!(paths, ["clean/orchard.txt", "flagged/bridge.txt"]);
    assert_eq!(files[0]["diagnostics"].as_array().unwrap().len(), 0);
    let d = &files[1]["diagnostics"][0];
    assert_eq!(d["code"], "weasel-attribution");
    assert_eq!(d["severity"], "warning");
    assert!(d["related"].as_array().unwrap().is_empty());
    let text = std::fs::read_to_string(fixtures().join("flagged/bridge.txt")).unwrap();
    let b = d["byte_range"].as_array().unwrap();
    let bytes = &text[b[0].as_u64().unwrap() as usize..b[1].as_u64().unwrap() as usize];
    assert_eq!(bytes, "widely believed");
    assert_eq!(text_at(&text, &d["range"]), bytes);
    let keys: Vec<&String> = d.as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        [
            "code",
            "severity",
            "message",
            "range",
            "byte_range",
            "related"
        ]
    );
}

#[test]
fn sarif_describes_every_rule_and_locates_results() {
    let o = factline(&["check", "--format", "sarif", "flagged"], &fixtures());
    let log: Value = serde_json::from_slice(&o.stdout).expect("SARIF is JSON");
    assert_eq!(log["version"], "2.1.0");
    let run = &log["runs"][0];
    let rules: Vec<&str> = run["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    for meta in factline::analysis::rules::all_meta() {
        assert!(rules.contains(&meta.code), "{} not described", meta.code);
    }
    let result = &run["results"][0];
    assert_eq!(result["ruleId"], "weasel-attribution");
    assert_eq!(result["level"], "warning");
    let loc = &result["locations"][0]["physicalLocation"];
    assert_eq!(loc["artifactLocation"]["uri"], "flagged/bridge.txt");
    assert_eq!(loc["region"]["startLine"], 5);
    assert_eq!(loc["region"]["startColumn"], 14);
}

#[test]
fn a_missing_path_is_reported_and_the_others_still_checked() {
    let o = factline(
        &["check", "--format", "json", "nope", "flagged"],
        &fixtures(),
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("nope: no such file or folder"),
        "{}",
        stderr(&o)
    );
    let doc: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(doc["files"].as_array().unwrap().len(), 1);
}

#[test]
fn invalid_configuration_names_the_key_and_exits_two() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("factline.toml");
    std::fs::write(&config, "[rules.weasel-attribution]\nseverity = \"loud\"\n").unwrap();
    let o = factline(
        &["check", "--config", config.to_str().unwrap(), "flagged"],
        &fixtures(),
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("`rules.weasel-attribution.severity`"),
        "{}",
        stderr(&o)
    );
    // The default severity stayed in force: the finding is still a warning.
    assert!(stdout(&o).contains("warning[weasel-attribution]"));
}

#[test]
fn configuration_switches_rules_off_and_changes_severity() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        fixtures().join("flagged/bridge.txt"),
        dir.path().join("bridge.txt"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("factline.toml"),
        "[rules.weasel-attribution]\nseverity = \"information\"\n",
    )
    .unwrap();
    let o = factline(&["check", "."], dir.path());
    assert_eq!(o.status.code(), Some(0), "information only: {}", stdout(&o));
    assert!(stdout(&o).contains("information[weasel-attribution]"));
    std::fs::write(
        dir.path().join("factline.toml"),
        "rules.weasel-attribution = false\n",
    )
    .unwrap();
    let o = factline(&["check", "."], dir.path());
    assert!(stdout(&o).contains("0 findings"), "{}", stdout(&o));
}

#[test]
fn unreadable_files_get_one_finding_and_the_rest_is_checked() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("latin1.txt"), b"Caf\xe9 owners said\n").unwrap();
    std::fs::write(dir.path().join("blob.txt"), b"\x00\x01\x02binary").unwrap();
    std::fs::write(dir.path().join("empty.txt"), b"").unwrap();
    std::fs::copy(
        fixtures().join("flagged/bridge.txt"),
        dir.path().join("bridge.txt"),
    )
    .unwrap();
    let o = factline(&["check", "--format", "json", "."], dir.path());
    assert_eq!(o.status.code(), Some(1));
    let doc: Value = serde_json::from_slice(&o.stdout).unwrap();
    let by_path = |p: &str| -> Vec<Value> {
        doc["files"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["path"] == p)
            .unwrap_or_else(|| panic!("{p} listed"))["diagnostics"]
            .as_array()
            .unwrap()
            .clone()
    };
    let latin = by_path("./latin1.txt");
    assert_eq!(latin.len(), 1);
    assert_eq!(latin[0]["code"], "unreadable-file");
    assert_eq!(latin[0]["severity"], "error");
    assert!(
        latin[0]["message"]
            .as_str()
            .unwrap()
            .contains("not valid UTF-8")
    );
    assert!(
        by_path("./blob.txt")[0]["message"]
            .as_str()
            .unwrap()
            .contains("binary")
    );
    assert!(by_path("./empty.txt").is_empty());
    assert_eq!(by_path("./bridge.txt").len(), 1);
}

#[test]
fn corpus_folders_are_read_but_not_reported() {
    let o = factline(
        &["check", "--format", "json", "--corpus", "flagged", "clean"],
        &fixtures(),
    );
    assert_eq!(o.status.code(), Some(0));
    let doc: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(doc["files"].as_array().unwrap().len(), 1);
    assert_eq!(doc["files"][0]["path"], "clean/orchard.txt");
}

#[test]
fn usage_errors_exit_two() {
    let o = factline(&["check"], &fixtures());
    assert_eq!(o.status.code(), Some(2));
    let o = factline(&["check", "--format", "xml", "clean"], &fixtures());
    assert_eq!(o.status.code(), Some(2));
}
