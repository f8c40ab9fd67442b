//! A rule's documentation is the `//!` doc comment of its file in
//! `src/analysis/rules/`. This test keeps what is made from it honest:
//!
//! - `docs/rules/<code>.md` is the doc comment, generated;
//! - the README's rule table (between `<!-- rules:begin -->` and
//!   `<!-- rules:end -->`) lists every rule with its default severity and
//!   summary, generated;
//! - every ```` ```text ```` block in a rule's `## Example` section is run
//!   through the analysis and must show exactly that rule's findings, as an
//!   annotated snapshot: a line of `^` under the flagged text, followed by
//!   the rule's code. A block with no annotation says "nothing flagged here",
//!   and is checked just the same. Several documents in one block are
//!   separated by `==> name.txt <==` lines; `==> name.txt (draft) <==` makes
//!   that document a draft (for `unsourced-claim`).
//!
//! `UPDATE_DOCS=1 cargo test --test rule_docs` rewrites the pages, the table
//! and the snapshots in the doc comments; review the diff before committing.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use factline::analysis::rules::{self, RuleMeta};
use factline::analysis::settings::Drafts;
use factline::analysis::{self, Corpus, DocId, Finding, RuleScope, Settings, analyze_document};

const BEGIN: &str = "<!-- rules:begin -->";
const END: &str = "<!-- rules:end -->";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn updating() -> bool {
    std::env::var_os("UPDATE_DOCS").is_some_and(|v| !v.is_empty() && v != "0")
}

/// The rule file that defines `code` (the one whose `RuleMeta` names it).
fn rule_file(code: &str) -> PathBuf {
    let dir = root().join("src/analysis/rules");
    let needle = format!("code: \"{code}\"");
    let mut found = Vec::new();
    for entry in fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "rs")
            && fs::read_to_string(&path).unwrap().contains(&needle)
        {
            found.push(path);
        }
    }
    assert_eq!(found.len(), 1, "{code}: defined in {found:?}");
    found.pop().unwrap()
}

fn relative(path: &Path) -> String {
    path.strip_prefix(root())
        .unwrap_or(path)
        .display()
        .to_string()
}

/// The page of a rule: its file's doc comment as it is on disk (the
/// compiled-in text is the same once the crate is rebuilt).
fn page(meta: &RuleMeta) -> String {
    let path = rule_file(meta.code);
    let source = fs::read_to_string(&path).unwrap();
    format!(
        "<!-- Generated from the doc comment of {}: edit it there, then run \
         `UPDATE_DOCS=1 cargo test --test rule_docs`. -->\n{}",
        relative(&path),
        rules::doc_comment(&source)
    )
}

/// Compares `want` with the file at `path`; rewrites it when updating,
/// otherwise returns a complaint.
fn keep_current(path: &Path, want: &str) -> Option<String> {
    let have = fs::read_to_string(path).unwrap_or_default();
    if have == want {
        return None;
    }
    if updating() {
        fs::write(path, want).unwrap();
        return None;
    }
    Some(relative(path))
}

fn pages_current() {
    let mut stale = Vec::new();
    for meta in rules::all_meta() {
        let path = root().join("docs/rules").join(format!("{}.md", meta.code));
        stale.extend(keep_current(&path, &page(meta)));
    }
    // No page for a rule that no longer exists.
    for entry in fs::read_dir(root().join("docs/rules")).unwrap() {
        let path = entry.unwrap().path();
        let code = path.file_stem().unwrap().to_string_lossy().into_owned();
        if path.extension().is_some_and(|e| e == "md") && rules::meta(&code).is_none() {
            if updating() {
                fs::remove_file(&path).unwrap();
            } else {
                stale.push(format!("{} (no such rule)", relative(&path)));
            }
        }
    }
    assert!(
        stale.is_empty(),
        "out of date with the rules' doc comments: {stale:?}; run `UPDATE_DOCS=1 cargo test --test rule_docs`"
    );
}

fn readme_table() -> String {
    let mut out = String::from("| code | default | what it flags |\n|---|---|---|\n");
    for meta in rules::all_meta() {
        out.push_str(&format!(
            "| [`{code}`](docs/rules/{code}.md) | {} | {} |\n",
            meta.default_severity,
            meta.summary.replace('|', "\\|"),
            code = meta.code,
        ));
    }
    out
}

fn readme_current() {
    let path = root().join("README.md");
    let readme = fs::read_to_string(&path).unwrap();
    let (Some(b), Some(e)) = (readme.find(BEGIN), readme.find(END)) else {
        panic!("README.md lacks the {BEGIN} … {END} markers around the rule table");
    };
    let want = format!(
        "{}{BEGIN}\n{}{}",
        &readme[..b],
        readme_table(),
        &readme[e..]
    );
    let stale = keep_current(&path, &want);
    assert!(
        stale.is_none(),
        "README.md's rule table is out of date; run `UPDATE_DOCS=1 cargo test --test rule_docs`"
    );
}

/// One ```` ```text ```` block of a rule's `## Example` section: where it
/// sits in the rule file (line numbers of its content) and what it holds.
struct Block {
    /// Index in the file's lines of the first line inside the fence.
    first: usize,
    /// Index of the closing fence.
    end: usize,
    lines: Vec<String>,
}

fn example_blocks(source: &str) -> Vec<Block> {
    let lines: Vec<&str> = source.lines().collect();
    let mut blocks = Vec::new();
    let mut in_example = false;
    let mut i = 0;
    while i < lines.len() {
        let Some(doc) = lines[i].strip_prefix("//!") else {
            break;
        };
        let doc = doc.strip_prefix(' ').unwrap_or(doc);
        if doc.starts_with("## ") {
            in_example = doc.trim_end() == "## Example";
        } else if in_example && doc.trim_end() == "```text" {
            let first = i + 1;
            let mut end = first;
            while end < lines.len() {
                let inner = lines[end].strip_prefix("//!").unwrap_or("");
                if inner.trim() == "```" {
                    break;
                }
                end += 1;
            }
            let body = lines[first..end]
                .iter()
                .map(|l| {
                    let l = l.strip_prefix("//!").unwrap_or(l);
                    l.strip_prefix(' ').unwrap_or(l).to_string()
                })
                .collect();
            blocks.push(Block {
                first,
                end,
                lines: body,
            });
            i = end;
        }
        i += 1;
    }
    blocks
}

fn is_annotation(line: &str) -> bool {
    let t = line.trim_start();
    t.starts_with('^') && {
        let rest = t.trim_start_matches('^');
        rest.starts_with(' ')
            && rest[1..]
                .chars()
                .all(|c| c.is_ascii_lowercase() || c == '-')
    }
}

/// The documents of a block: name, text, whether it is a draft.
fn documents(block: &Block) -> Vec<(String, String, bool)> {
    let mut docs: Vec<(String, String, bool)> = Vec::new();
    for line in &block.lines {
        if let Some(header) = line
            .strip_prefix("==> ")
            .and_then(|l| l.strip_suffix(" <=="))
        {
            let (name, draft) = match header.strip_suffix(" (draft)") {
                Some(n) => (n, true),
                None => (header, false),
            };
            docs.push((name.to_string(), String::new(), draft));
            continue;
        }
        if is_annotation(line) {
            continue;
        }
        if docs.is_empty() {
            docs.push(("example.txt".to_string(), String::new(), false));
        }
        let text = &mut docs.last_mut().unwrap().1;
        text.push_str(line);
        text.push('\n');
    }
    docs
}

/// The block as it should read: each document's lines, with a `^` line
/// under every finding of `code`.
fn render(block: &Block, code: &str) -> Vec<String> {
    let docs = documents(block);
    let named = block.lines.iter().any(|l| l.starts_with("==> "));
    let drafts = Drafts::new(
        docs.iter()
            .filter(|d| d.2)
            .map(|d| DocId::new(d.0.as_str())),
    );
    let settings = Settings {
        drafts,
        ..Settings::default()
    };
    let mut corpus = Corpus::new();
    let analysed: Vec<_> = docs
        .iter()
        .map(|(name, text, _)| {
            Arc::new(analyze_document(
                DocId::new(name.as_str()),
                Arc::from(text.as_str()),
                &settings,
            ))
        })
        .collect();
    for doc in &analysed {
        corpus.upsert(doc.clone());
    }
    let mut out = Vec::new();
    for ((name, text, draft), doc) in docs.iter().zip(&analysed) {
        if named {
            out.push(format!(
                "==> {name}{} <==",
                if *draft { " (draft)" } else { "" }
            ));
        }
        let findings: Vec<Finding> = analysis::check(doc, &corpus, &settings, RuleScope::All)
            .into_iter()
            .filter(|f| f.code == code)
            .collect();
        let mut at = 0;
        for line in text.split_inclusive('\n') {
            let content = line.trim_end_matches('\n');
            let (start, end) = (at, at + content.len());
            out.push(content.to_string());
            for f in &findings {
                let (s, e) = (f.span.start.max(start), f.span.end.min(end));
                let touches = f.span.start < end.max(start + 1) && f.span.end > start;
                if !touches || s > e {
                    continue;
                }
                let col = content[..s - start].chars().count();
                let width = content[s - start..e - start].chars().count().max(1);
                out.push(format!("{}{} {code}", " ".repeat(col), "^".repeat(width)));
            }
            at += line.len();
        }
    }
    out
}

fn examples_current() {
    let mut failures = Vec::new();
    let mut ran = 0;
    let mut files: BTreeMap<PathBuf, Vec<String>> = BTreeMap::new();
    for meta in rules::all_meta() {
        let path = rule_file(meta.code);
        let source = fs::read_to_string(&path).unwrap();
        let mut lines: Vec<String> = source.lines().map(str::to_string).collect();
        let blocks = example_blocks(&source);
        // Rewrite from the last block so earlier line numbers stay valid.
        for block in blocks.iter().rev() {
            ran += 1;
            let want = render(block, meta.code);
            if want == block.lines {
                continue;
            }
            if updating() {
                let doc_lines = want.iter().map(|l| {
                    if l.is_empty() {
                        "//!".to_string()
                    } else {
                        format!("//! {l}")
                    }
                });
                lines.splice(block.first..block.end, doc_lines);
            } else {
                failures.push(format!(
                    "{} (line {}), {}:\n--- documented\n{}\n--- found\n{}",
                    relative(&path),
                    block.first + 1,
                    meta.code,
                    block.lines.join("\n"),
                    want.join("\n")
                ));
            }
        }
        if updating() {
            files.insert(path, lines);
        }
    }
    for (path, lines) in files {
        let mut text = lines.join("\n");
        text.push('\n');
        if fs::read_to_string(&path).unwrap() != text {
            fs::write(&path, text).unwrap();
        }
    }
    assert!(ran >= 10, "only {ran} example blocks found");
    assert!(
        failures.is_empty(),
        "rule examples differ from what the rules find (run `UPDATE_DOCS=1 cargo test --test \
         rule_docs` if the change is intended, then read the diff):\n\n{}",
        failures.join("\n\n")
    );
}

/// One test, in order: the examples first (updating them changes the doc
/// comments), then the pages and the README made from those comments.
#[test]
fn rule_docs_are_current() {
    examples_current();
    pages_current();
    readme_current();
}

#[test]
fn every_runnable_rule_has_flagged_and_clean_examples() {
    for meta in rules::all_meta() {
        if meta.code == "unreadable-file" {
            // Raised by whoever reads files: its examples are files, not text.
            continue;
        }
        let source = fs::read_to_string(rule_file(meta.code)).unwrap();
        let blocks = example_blocks(&source);
        let flagged = blocks
            .iter()
            .any(|b| b.lines.iter().any(|l| is_annotation(l)));
        let clean = blocks
            .iter()
            .any(|b| !b.lines.iter().any(|l| is_annotation(l)));
        assert!(
            flagged && clean,
            "{}: the `## Example` section needs a block with a finding and one without",
            meta.code
        );
    }
}
