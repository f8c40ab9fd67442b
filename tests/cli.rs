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
    // The default severity stayed in force: the finding is still a hint.
    assert!(
        stdout(&o).contains("hint[weasel-attribution]"),
        "{}",
        stdout(&o)
    );
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

#[test]
fn rule_filters_keep_or_drop_rules_and_unknown_codes_suggest_one() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let all = factline(&["check", "--format", "json", "examples"], repo);
    let codes = |o: &Output| -> Vec<String> {
        let doc: Value = serde_json::from_slice(&o.stdout).expect("JSON");
        doc["files"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|f| f["diagnostics"].as_array().unwrap().clone())
            .map(|d| d["code"].as_str().unwrap().to_string())
            .collect()
    };
    let all_codes = codes(&all);
    assert!(
        all_codes.iter().any(|c| c == "boilerplate"),
        "{all_codes:?}"
    );
    assert!(all_codes.iter().any(|c| c == "inconsistent-figure"));

    let only = factline(
        &[
            "check",
            "--format",
            "json",
            "--rule",
            "inconsistent-figure",
            "examples",
        ],
        repo,
    );
    let only_codes = codes(&only);
    assert!(!only_codes.is_empty());
    assert!(only_codes.iter().all(|c| c == "inconsistent-figure"));
    assert_eq!(
        only_codes.len(),
        all_codes
            .iter()
            .filter(|c| *c == "inconsistent-figure")
            .count()
    );

    let without = factline(
        &[
            "check",
            "--format",
            "json",
            "--exclude-rule",
            "boilerplate",
            "examples",
        ],
        repo,
    );
    let without_codes = codes(&without);
    assert!(!without_codes.iter().any(|c| c == "boilerplate"));
    assert_eq!(
        without_codes.len(),
        all_codes.iter().filter(|c| *c != "boilerplate").count()
    );

    let typo = factline(
        &["check", "--rule", "inconsistent-figures", "examples"],
        repo,
    );
    assert_eq!(typo.status.code(), Some(2));
    assert!(
        stderr(&typo).contains("did you mean `inconsistent-figure`?"),
        "{}",
        stderr(&typo)
    );
    assert!(stdout(&typo).is_empty(), "{}", stdout(&typo));
    let unknown = factline(&["check", "--exclude-rule", "spelling", "examples"], repo);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(
        stderr(&unknown).contains("known rules: "),
        "{}",
        stderr(&unknown)
    );
}

#[test]
fn summary_counts_by_rule_and_file_and_quiet_prints_only_counts() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let doc: Value =
        serde_json::from_slice(&factline(&["check", "--format", "json", "examples"], repo).stdout)
            .unwrap();
    let o = factline(&["check", "--summary", "--quiet", "examples"], repo);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(!out.contains("warning["), "{out}");
    assert!(out.contains("findings by rule:"), "{out}");
    // Every file with findings, with its count.
    for file in doc["files"].as_array().unwrap() {
        let n = file["diagnostics"].as_array().unwrap().len();
        if n > 0 {
            let line = format!("{n:>7}  {}", file["path"].as_str().unwrap());
            assert!(out.contains(&line), "{line:?} in\n{out}");
        }
    }
    // Rule counts add up to the total on the closing line.
    let per_rule: usize = out
        .lines()
        .skip_while(|l| *l != "findings by rule:")
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .map(|l| {
            l.split_whitespace()
                .nth(1)
                .unwrap()
                .parse::<usize>()
                .unwrap()
        })
        .sum();
    let total: usize = doc["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["diagnostics"].as_array().unwrap().len())
        .sum();
    assert_eq!(per_rule, total, "{out}");
    assert!(
        out.trim_end().ends_with(&format!(
            "{total} findings in 3 of 3 files (8 warnings, 2 information, 8 hints)"
        )),
        "{out}"
    );
    // With JSON, stdout stays one document and the summary goes to stderr.
    let o = factline(
        &["check", "--format", "json", "--summary", "examples"],
        repo,
    );
    serde_json::from_slice::<Value>(&o.stdout).expect("stdout is one JSON document");
    assert!(stderr(&o).contains("findings by file"), "{}", stderr(&o));
    // Not a terminal: no progress bar on stderr.
    let o = factline(&["check", "examples"], repo);
    assert!(stderr(&o).is_empty(), "{}", stderr(&o));
}

#[test]
fn no_txt_file_is_a_warning_and_exit_two() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("empty")).unwrap();
    std::fs::create_dir(dir.path().join("pages")).unwrap();
    std::fs::write(
        dir.path().join("pages/story.html"),
        "<p>Critics say it failed.</p>",
    )
    .unwrap();
    for folder in ["empty", "pages"] {
        let o = factline(&["check", folder], dir.path());
        assert_eq!(o.status.code(), Some(2), "{folder}: {}", stdout(&o));
        assert!(
            stderr(&o).contains("no .txt file found in"),
            "{folder}: {}",
            stderr(&o)
        );
    }
}

/// `text` as UTF-16 with a byte-order mark.
fn utf16(text: &str, little: bool) -> Vec<u8> {
    let mut bytes = if little {
        vec![0xFF, 0xFE]
    } else {
        vec![0xFE, 0xFF]
    };
    for u in text.encode_utf16() {
        bytes.extend(if little {
            u.to_le_bytes()
        } else {
            u.to_be_bytes()
        });
    }
    bytes
}

#[test]
fn utf16_files_with_a_byte_order_mark_are_checked_at_the_right_positions() {
    let text = "Ünïcode headline 😀\n\nThe plan is widely believed to have failed.\n\n\
                Also Read: Council votes on the new harbour budget\n";
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("le.txt"), utf16(text, true)).unwrap();
    std::fs::write(dir.path().join("be.txt"), utf16(text, false)).unwrap();
    std::fs::write(dir.path().join("utf8.txt"), text).unwrap();
    // Each alone (three copies of one text would compare with each other).
    let diagnostics = |name: &str| -> Value {
        let o = factline(&["check", "--format", "json", name], dir.path());
        let doc: Value = serde_json::from_slice(&o.stdout).unwrap();
        doc["files"][0]["diagnostics"].clone()
    };
    let reference = diagnostics("utf8.txt");
    assert_eq!(reference.as_array().unwrap().len(), 2, "{reference}");
    for name in ["le.txt", "be.txt"] {
        let d = diagnostics(name);
        assert_eq!(d, reference, "{name}");
        for diag in d.as_array().unwrap() {
            assert_ne!(diag["code"], "unreadable-file");
            if diag["code"] == "weasel-attribution" {
                assert_eq!(text_at(text, &diag["range"]), "widely believed");
            }
        }
    }
    // --fix leaves UTF-16 files alone and says so.
    let o = factline(&["check", "--fix", "le.txt"], dir.path());
    assert!(stderr(&o).contains("UTF-16"), "{}", stderr(&o));
    assert_eq!(
        std::fs::read(dir.path().join("le.txt")).unwrap(),
        utf16(text, true)
    );
}

#[test]
fn a_configuration_typo_suggests_the_key_meant() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("factline.toml"), "max_file_byte = 10\n").unwrap();
    std::fs::copy(
        fixtures().join("flagged/bridge.txt"),
        dir.path().join("bridge.txt"),
    )
    .unwrap();
    let o = factline(&["check", "bridge.txt"], dir.path());
    let err = stderr(&o);
    assert!(err.contains("`max_file_byte`"), "{err}");
    assert!(err.contains("did you mean `max_file_bytes`?"), "{err}");
    assert_eq!(err.matches("max_file_byte`").count(), 1, "said once: {err}");
}

/// The README's example runs, as printed: each line it shows is printed
/// by the program, in that order, and its closing line is the program's.
#[test]
fn the_readme_examples_are_what_the_program_prints() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(repo.join("README.md")).unwrap();
    let mut checked = 0;
    let mut lines = readme.lines();
    while let Some(line) = lines.next() {
        let Some(command) = line.strip_prefix("$ factline ") else {
            continue;
        };
        let shown: Vec<&str> = lines.by_ref().take_while(|l| *l != "```").collect();
        let args: Vec<&str> = command.split_whitespace().collect();
        let o = factline(&args, repo);
        let out = stdout(&o);
        let printed: Vec<&str> = out.lines().collect();
        let mut at = 0;
        // A line "…" stands for lines left out; the last line shown is
        // the program's last.
        if let Some(last) = shown.last().filter(|l| **l != "…" && !l.is_empty()) {
            assert_eq!(
                printed.last().copied().unwrap_or(""),
                *last,
                "README closing line of `{command}`"
            );
        }
        for expected in shown.iter().filter(|l| **l != "…") {
            let found = printed[at..]
                .iter()
                .position(|p| *p == *expected)
                .unwrap_or_else(|| {
                    panic!(
                        "README shows {expected:?} for `{command}`, not printed in order:\n{out}"
                    )
                });
            at += found + 1;
        }
        checked += 1;
    }
    assert!(checked >= 2, "the README's example runs were found");
}
