//! Printing a [`Report`]: compiler-style text, JSON, SARIF 2.1.0.
//!
//! Positions come from [`Document`] in Unicode scalar values (JSON and
//! SARIF count characters that way; the human format shows 1-based lines
//! and columns).

use std::cell::RefCell;
use std::collections::HashMap;
use std::io::{self, Write};
use std::ops::Range;
use std::sync::Arc;

use serde::Serialize;
use serde::ser::{Error as _, SerializeMap, Serializer};
use serde_json::{Value, json};

use super::check::Report;
use crate::analysis::{DocId, Finding, Severity, rules};
use crate::document::{Document, PositionEncoding, PositionRange};

const ENC: PositionEncoding = PositionEncoding::Utf32;

/// Documents by id, built on first use.
struct Docs<'a> {
    texts: &'a HashMap<DocId, Arc<str>>,
    cache: HashMap<DocId, Document>,
}

impl<'a> Docs<'a> {
    fn new(texts: &'a HashMap<DocId, Arc<str>>) -> Self {
        Self {
            texts,
            cache: HashMap::new(),
        }
    }

    fn get(&mut self, id: &DocId) -> Option<&Document> {
        if !self.cache.contains_key(id) {
            let text = self.texts.get(id)?;
            self.cache.insert(id.clone(), Document::new(text));
        }
        self.cache.get(id)
    }

    fn range(&mut self, id: &DocId, span: Range<usize>) -> PositionRange {
        self.get(id).map(|d| d.range(span, ENC)).unwrap_or_default()
    }
}

/// A range as JSON: 0-based line, character in Unicode scalar values.
pub(crate) fn range_json(r: PositionRange) -> Value {
    json!({
        "start": {"line": r.start.line, "character": r.start.character},
        "end": {"line": r.end.line, "character": r.end.character},
    })
}

/// A JSON array of values made one at a time, as the serializer asks for
/// them: a report's findings are never all turned into JSON at once.
struct Streamed<I>(RefCell<Option<I>>);

impl<I: Iterator<Item = Value>> Streamed<I> {
    fn new(items: I) -> Self {
        Self(RefCell::new(Some(items)))
    }
}

impl<I: Iterator<Item = Value>> Serialize for Streamed<I> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let items = self
            .0
            .borrow_mut()
            .take()
            .ok_or_else(|| S::Error::custom("a streamed array is written once"))?;
        s.collect_seq(items)
    }
}

/// Files turned into JSON together, on every core, before they are
/// written in order: enough to keep both cores busy, few enough that a
/// report's findings are never all held as JSON at once.
const JSON_CHUNK: usize = 256;

/// `--format json`: one document, stable shape (see the README).
pub fn json(out: &mut impl Write, report: &Report) -> io::Result<()> {
    use rayon::prelude::*;
    let texts = &report.texts;
    let files = Streamed::new(report.files.chunks(JSON_CHUNK).flat_map(|chunk| {
        chunk
            .par_iter()
            .map_init(|| Docs::new(texts), |docs, file| file_json(docs, file))
            .collect::<Vec<Value>>()
    }));
    struct JsonReport<I>(Streamed<I>);
    impl<I: Iterator<Item = Value>> Serialize for JsonReport<I> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let mut map = s.serialize_map(Some(2))?;
            map.serialize_entry("version", &1)?;
            map.serialize_entry("files", &self.0)?;
            map.end()
        }
    }
    serde_json::to_writer_pretty(&mut *out, &JsonReport(files))?;
    writeln!(out)
}

/// One file of the JSON report: its path and its findings.
fn file_json(docs: &mut Docs<'_>, file: &super::check::FileReport) -> Value {
    let id = DocId::new(file.path.as_str());
    let diagnostics: Vec<Value> = file
        .findings
        .iter()
        .map(|f| {
            let related: Vec<Value> = f
                .related
                .iter()
                .map(|r| {
                    json!({
                        "path": r.doc.as_str(),
                        "range": range_json(docs.range(&r.doc, r.span.clone())),
                        "byte_range": [r.span.start, r.span.end],
                        "message": r.message,
                    })
                })
                .collect();
            json!({
                "code": f.code,
                "severity": f.severity.as_str(),
                "message": f.message,
                "range": range_json(docs.range(&id, f.span.clone())),
                "byte_range": [f.span.start, f.span.end],
                "related": related,
            })
        })
        .collect();
    json!({"path": file.path, "diagnostics": diagnostics})
}

/// How many characters of a long line are shown around a finding.
const CONTEXT_CHARS: usize = 40;
/// The longest excerpt of a line that is printed whole.
const MAX_LINE_CHARS: usize = 100;

/// What `--format human` prints besides the findings.
#[derive(Debug, Default, Clone, Copy)]
pub struct HumanOptions {
    /// Only the closing count line (and the summary, if asked for).
    pub quiet: bool,
    /// Counts by rule and by file before the closing line.
    pub summary: bool,
}

/// `--format human`: `path:line:col: severity[code]: message`, the line,
/// carets under the span, related locations.
pub fn human(out: &mut impl Write, report: &Report) -> io::Result<()> {
    human_with(out, report, HumanOptions::default())
}

/// How many files `--summary` lists by name; the rest are counted on one
/// line, so the summary of thousands of files stays one screen.
const SUMMARY_FILES: usize = 20;

/// `--summary`: findings counted by rule (every rule that found something,
/// most first) and by file (the [`SUMMARY_FILES`] with most findings).
pub fn summary(out: &mut impl Write, report: &Report) -> io::Result<()> {
    let mut by_rule: HashMap<&str, (usize, usize)> = HashMap::new();
    let mut by_file: Vec<(&str, usize)> = Vec::new();
    for file in &report.files {
        let mut rules_here: Vec<&str> = Vec::new();
        for f in &file.findings {
            by_rule.entry(f.code).or_default().0 += 1;
            if !rules_here.contains(&f.code) {
                rules_here.push(f.code);
                by_rule.entry(f.code).or_default().1 += 1;
            }
        }
        if !file.findings.is_empty() {
            by_file.push((&file.path, file.findings.len()));
        }
    }
    let mut rules: Vec<(&str, (usize, usize))> = by_rule.into_iter().collect();
    rules.sort_by(|a, b| b.1.0.cmp(&a.1.0).then(a.0.cmp(b.0)));
    by_file.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let width = rules.iter().map(|r| r.0.len()).max().unwrap_or(0);
    writeln!(out, "findings by rule:")?;
    for (code, (n, files)) in &rules {
        writeln!(
            out,
            "  {code:width$}  {n:>7}  in {files} file{}",
            if *files == 1 { "" } else { "s" }
        )?;
    }
    if rules.is_empty() {
        writeln!(out, "  (none)")?;
    }
    writeln!(out, "findings by file (most first):")?;
    for (path, n) in by_file.iter().take(SUMMARY_FILES) {
        writeln!(out, "  {n:>7}  {path}")?;
    }
    if by_file.len() > SUMMARY_FILES {
        let rest: usize = by_file[SUMMARY_FILES..].iter().map(|f| f.1).sum();
        writeln!(
            out,
            "  {rest:>7}  in {} more files",
            by_file.len() - SUMMARY_FILES
        )?;
    }
    if by_file.is_empty() {
        writeln!(out, "  (none)")?;
    }
    writeln!(out)
}

/// [`human`] with options (`--quiet`, `--summary`).
pub fn human_with(out: &mut impl Write, report: &Report, options: HumanOptions) -> io::Result<()> {
    let mut docs = Docs::new(&report.texts);
    let mut counts: HashMap<Severity, usize> = HashMap::new();
    for file in &report.files {
        let id = DocId::new(file.path.as_str());
        for f in &file.findings {
            *counts.entry(f.severity).or_default() += 1;
            if options.quiet {
                continue;
            }
            let r = docs.range(&id, f.span.clone());
            writeln!(
                out,
                "{}:{}:{}: {}[{}]: {}",
                file.path,
                r.start.line + 1,
                r.start.character + 1,
                f.severity,
                f.code,
                f.message
            )?;
            if let Some(doc) = docs.get(&id) {
                excerpt(out, doc, f)?;
            }
            for rel in &f.related {
                let rr = docs.range(&rel.doc, rel.span.clone());
                writeln!(
                    out,
                    "   = related: {}:{}:{}: {}",
                    rel.doc,
                    rr.start.line + 1,
                    rr.start.character + 1,
                    rel.message
                )?;
            }
            writeln!(out)?;
        }
    }
    if options.summary {
        summary(out, report)?;
    }
    let total: usize = counts.values().sum();
    let files_with = report
        .files
        .iter()
        .filter(|f| !f.findings.is_empty())
        .count();
    let mut parts: Vec<String> = Severity::ALL
        .iter()
        .filter_map(|s| {
            counts.get(s).map(|&n| {
                let plural = if n != 1 && *s != Severity::Information {
                    "s"
                } else {
                    ""
                };
                format!("{n} {s}{plural}")
            })
        })
        .collect();
    if parts.is_empty() {
        parts.push("no findings".into());
    }
    writeln!(
        out,
        "{} finding{} in {} of {} file{} ({})",
        total,
        if total == 1 { "" } else { "s" },
        files_with,
        report.files.len(),
        if report.files.len() == 1 { "" } else { "s" },
        parts.join(", ")
    )
}

/// Prints the finding's line (clipped around the span) with carets.
fn excerpt(out: &mut impl Write, doc: &Document, f: &Finding) -> io::Result<()> {
    let text = doc.text();
    let line = doc.line_of(f.span.start);
    let line_span = doc.line_range(line);
    let line_text = &text[line_span.clone()];
    let chars: Vec<char> = line_text.chars().collect();
    let start = doc.position(f.span.start, ENC).character as usize;
    let end_pos = doc.position(f.span.end, ENC);
    let end = if end_pos.line as usize == line {
        end_pos.character as usize
    } else {
        chars.len()
    }
    .max(start + 1)
    .min(chars.len().max(start + 1));
    let (from, to) = if chars.len() <= MAX_LINE_CHARS {
        (0, chars.len())
    } else {
        let from = start.saturating_sub(CONTEXT_CHARS);
        let to = (end + CONTEXT_CHARS).min(chars.len()).max(from);
        (from, to)
    };
    let mut shown: String = chars[from.min(chars.len())..to.min(chars.len())]
        .iter()
        .collect();
    let mut pad = start - from;
    if from > 0 {
        shown.insert(0, '…');
        pad += 1;
    }
    if to < chars.len() {
        shown.push('…');
    }
    let gutter = (line + 1).to_string();
    let blank = " ".repeat(gutter.len());
    writeln!(out, " {gutter} | {shown}")?;
    let carets = (end - start).min(to.saturating_sub(start)).max(1);
    writeln!(out, " {blank} | {}{}", " ".repeat(pad), "^".repeat(carets))
}

fn sarif_level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Information | Severity::Hint => "note",
    }
}

/// A relative path as a SARIF artifact URI (forward slashes, percent-encoded
/// spaces and the like).
fn artifact_uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for c in path.replace('\\', "/").chars() {
        match c {
            'A'..='Z' | 'a'..='z' | '0'..='9' | '-' | '.' | '_' | '~' | '/' => out.push(c),
            other => {
                let mut buf = [0u8; 4];
                for b in other.encode_utf8(&mut buf).bytes() {
                    out.push_str(&format!("%{b:02X}"));
                }
            }
        }
    }
    out
}

fn sarif_region(r: PositionRange, span: &Range<usize>) -> Value {
    json!({
        "startLine": r.start.line + 1,
        "startColumn": r.start.character + 1,
        "endLine": r.end.line + 1,
        "endColumn": r.end.character + 1,
        "byteOffset": span.start,
        "byteLength": span.end - span.start,
    })
}

/// `--format sarif`: SARIF 2.1.0 with one run and every rule described.
pub fn sarif(out: &mut impl Write, report: &Report) -> io::Result<()> {
    let metas: Vec<&rules::RuleMeta> = rules::all_meta().collect();
    let rule_index: HashMap<&str, usize> =
        metas.iter().enumerate().map(|(i, m)| (m.code, i)).collect();
    let rules_json: Vec<Value> = metas
        .iter()
        .map(|m| {
            json!({
                "id": m.code,
                "name": m.title,
                "shortDescription": {"text": m.summary},
                "fullDescription": {"text": m.summary},
                "help": {"text": m.docs.text(), "markdown": m.docs.text()},
                "defaultConfiguration": {"level": sarif_level(m.default_severity)},
            })
        })
        .collect();
    let mut docs = Docs::new(&report.texts);
    let results = report.files.iter().flat_map(|file| {
        let id = DocId::new(file.path.as_str());
        file.findings.iter().map(move |f| (file, id.clone(), f))
    });
    let results = Streamed::new(results.map(move |(file, id, f)| {
        let r = docs.range(&id, f.span.clone());
        let related: Vec<Value> = f
            .related
            .iter()
            .enumerate()
            .map(|(i, rel)| {
                let rr = docs.range(&rel.doc, rel.span.clone());
                json!({
                    "id": i + 1,
                    "physicalLocation": {
                        "artifactLocation": {"uri": artifact_uri(rel.doc.as_str())},
                        "region": sarif_region(rr, &rel.span),
                    },
                    "message": {"text": rel.message},
                })
            })
            .collect();
        let mut result = json!({
            "ruleId": f.code,
            "level": sarif_level(f.severity),
            "message": {"text": f.message},
            "locations": [{
                "physicalLocation": {
                    "artifactLocation": {"uri": artifact_uri(&file.path)},
                    "region": sarif_region(r, &f.span),
                }
            }],
        });
        if let Some(i) = rule_index.get(f.code) {
            result["ruleIndex"] = json!(i);
        }
        if !related.is_empty() {
            result["relatedLocations"] = Value::Array(related);
        }
        result
    }));
    /// `{"$schema", "version", "runs": [{"tool", "columnKind", "results"}]}`
    /// with the results streamed.
    struct Log<I> {
        tool: Value,
        results: Streamed<I>,
    }
    struct Run<'a, I>(&'a Log<I>);
    impl<I: Iterator<Item = Value>> Serialize for Run<'_, I> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let mut map = s.serialize_map(Some(3))?;
            map.serialize_entry("tool", &self.0.tool)?;
            map.serialize_entry("columnKind", "unicodeCodePoints")?;
            map.serialize_entry("results", &self.0.results)?;
            map.end()
        }
    }
    impl<I: Iterator<Item = Value>> Serialize for Log<I> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let mut map = s.serialize_map(Some(3))?;
            map.serialize_entry("$schema", "https://json.schemastore.org/sarif-2.1.0.json")?;
            map.serialize_entry("version", "2.1.0")?;
            map.serialize_entry("runs", &[Run(self)])?;
            map.end()
        }
    }
    let log = Log {
        tool: json!({"driver": {
            "name": "factline",
            "version": env!("CARGO_PKG_VERSION"),
            "rules": rules_json,
        }}),
        results,
    };
    serde_json::to_writer_pretty(&mut *out, &log)?;
    writeln!(out)
}
