//! The fuzz target: property tests with a fixed seed and a fixed case
//! budget, run by `cargo test` (and so in CI) in bounded, repeatable time.
//!
//! - the analysis of arbitrary text (scripts, quotes, digits, every line
//!   break, huge numbers, very long lines): no panic; every span, related
//!   span and edit in range and on character boundaries; every fix applies
//!   whole and removes nothing outside its finding's lines but blank space;
//!   "fix all" keeps every character outside the removed blocks;
//! - random edit sequences through the document model, with positions in
//!   and out of range in every encoding: no panic, positions and offsets
//!   stay in range and on boundaries;
//! - random edit sequences through the server (open, change, close,
//!   reopen): the server's copy matches the document model, diagnostics
//!   for the last version arrive and lie inside the text.
//!
//! Determinism: every block uses [`config`] — a fixed RNG seed, a fixed
//! number of cases and no forking — so a run explores the same inputs
//! each time; failures found are kept in the committed
//! `proptest-regressions/fuzz.txt` and replayed first. To explore further
//! locally, change the seed (`FUZZ_SEED`) or raise the cases: a new failure
//! is written to that file, to commit with its fix.

use std::ops::Range;
use std::sync::Arc;

use factline::analysis::{
    Corpus, DocAnalysis, DocId, Finding, RuleScope, Settings, analyze_document, apply_edits, check,
    fix_all,
};
use factline::document::{Document, PositionEncoding, PositionRange};
use proptest::prelude::*;
use proptest::test_runner::{Config, FileFailurePersistence, RngAlgorithm, RngSeed};

mod common;

/// The fixed seed: the same inputs on every run and every machine.
const FUZZ_SEED: u64 = 0x00fa_c711_e5ee_d001;

/// The committed file of failures found so far, replayed before new cases.
const REGRESSIONS: &str = "proptest-regressions/fuzz.txt";

/// The configuration of every block here, with its case budget (chosen so
/// that the whole file stays within about a minute of a debug build on a
/// loaded two-core machine).
fn config(cases: u32) -> Config {
    Config {
        cases,
        rng_algorithm: RngAlgorithm::ChaCha,
        rng_seed: RngSeed::Fixed(FUZZ_SEED),
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(REGRESSIONS))),
        // Shrinking a failure is worth some time, but bounded.
        max_shrink_iters: 2_000,
        ..Config::default()
    }
}

/// Pieces that reach every detector and every corner of text handling.
const PIECES: &[&str] = &[
    // Quotes and attribution.
    "“",
    "”",
    "\"",
    "'",
    "‘",
    "’",
    "«",
    "»",
    "„",
    " said",
    " told reporters",
    "according to ",
    "Critics say",
    "a senior official",
    "officials said",
    "Mr. ",
    "Dr. ",
    "dijo",
    "según ",
    "fuentes ", // Figures, including absurd ones.
    "0",
    "7",
    "42",
    "1,000",
    "3.5",
    "40%",
    "$6 million",
    "€2bn",
    "1e308",
    "1e999",
    "-0.000001",
    "10^100",
    "½",
    "٣٤",
    "１２３",
    "twenty-one",
    "a million",
    "999,999,999,999,999,999,999",
    "18446744073709551616",
    "between 10 and 12",
    "10-12",
    "2024",
    "03/09/2024",
    "Sept. 2",
    // Page furniture.
    "Share this article",
    "Leave a Reply",
    "Related Posts",
    "Also Read: ",
    "Filed under:",
    "Frequently Asked Questions", // Line breaks and spaces.
    "\n",
    "\r\n",
    "\r",
    "\n\n",
    "\u{2028}",
    "\u{2029}",
    "\u{85}",
    "\t",
    " ",
    "\u{a0}",
    "\u{200b}",
    "\u{feff}", // Scripts and combining marks.
    "é",
    "e\u{301}",
    "ñ",
    "中文",
    "😀",
    "👩‍👩‍👧",
    "𐐀",
    "ﬁ",
    "ǅ",
    "ÿ",
    "ß",
    "İ",
    // Punctuation and words.
    ".",
    ",",
    "?",
    "!",
    "…",
    ":",
    ";",
    "-",
    "–",
    "—",
    "(",
    ")",
    "[",
    "]",
    "The",
    "port",
    "a",
    " ",
    "and",
    "per cent",
];

/// One piece, a run of digits (up to hundreds long), or a long line.
fn chunk() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => prop::sample::select(PIECES).prop_map(str::to_string),
        1 => "[0-9]{1,400}",
        1 => (prop::sample::select(PIECES), 200usize..4_000)
            .prop_map(|(p, n)| p.replace(['\n', '\r'], " ").repeat(n / p.len().max(1) + 1)),
    ]
}

/// Lines of page furniture between lines of chunks, as a scraped page is:
/// this is what the boilerplate detector and its removals work on.
const FURNITURE: &[&str] = &[
    "Share this article",
    "Leave a Reply",
    "Related Posts",
    "Also Read: The bridge reopens",
    "Filed under: Transport",
    "Frequently Asked Questions",
    "Advertisement",
    "Subscribe to our newsletter",
    "Cookie settings",
    "Home | News | Sport",
    "",
];

fn page() -> impl Strategy<Value = String> {
    let line = prop_oneof![
        1 => prop::sample::select(FURNITURE).prop_map(str::to_string),
        1 => prop::collection::vec(chunk(), 1..12).prop_map(|v| v.concat()),
    ];
    (
        prop::collection::vec(line, 0..24),
        prop::sample::select(vec!["\n", "\r\n", "\r", "\n\n"]),
    )
        .prop_map(|(lines, br)| lines.join(br))
}

/// Arbitrary text: pieces, pages with furniture, sometimes any string.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::collection::vec(chunk(), 0..80).prop_map(|v| v.concat()),
        3 => page(),
        1 => any::<String>(),
    ]
}

/// Where a finding's lines start and end (line breaks included): a fix may
/// remove anything here, and only blank space elsewhere.
fn block(doc: &DocAnalysis, span: &Range<usize>) -> Range<usize> {
    let seg = &doc.segmentation;
    let first = seg.line_at(span.start);
    let last = seg.line_at(span.end.max(span.start));
    let start = seg.lines[first].span.start;
    let end = seg
        .lines
        .get(last + 1)
        .map_or(doc.text.len(), |l| l.span.start);
    start..end
}

fn is_blank_text(s: &str) -> bool {
    s.chars().all(char::is_whitespace)
}

/// Checks one finding of `doc`; returns a message on failure.
fn check_finding(doc: &DocAnalysis, texts: &[(&DocId, &str)], f: &Finding) -> Result<(), String> {
    let t: &str = &doc.text;
    let on_boundaries = |text: &str, r: &Range<usize>| {
        r.start <= r.end
            && r.end <= text.len()
            && text.is_char_boundary(r.start)
            && text.is_char_boundary(r.end)
    };
    if !on_boundaries(t, &f.span) {
        return Err(format!("{}: span {:?} not on the text", f.code, f.span));
    }
    for r in &f.related {
        let target = texts
            .iter()
            .find(|(id, _)| **id == r.doc)
            .map(|(_, text)| *text)
            .ok_or_else(|| format!("{}: related points to an unknown document", f.code))?;
        if !on_boundaries(target, &r.span) {
            return Err(format!(
                "{}: related span {:?} not on its text",
                f.code, r.span
            ));
        }
    }
    let block = block(doc, &f.span);
    for fix in &f.fixes {
        let mut edits: Vec<_> = fix.edits.iter().collect();
        edits.sort_by_key(|e| (e.span.start, e.span.end));
        let mut expected_len = t.len();
        for (i, e) in edits.iter().enumerate() {
            if !on_boundaries(t, &e.span) {
                return Err(format!("{}: edit {:?} not on the text", f.code, e.span));
            }
            if i > 0 && edits[i - 1].span.end > e.span.start {
                return Err(format!("{}: edits overlap in `{}`", f.code, fix.title));
            }
            // Removed text outside the finding's lines is blank space only.
            let outside = [
                e.span.start..e.span.end.min(block.start).max(e.span.start),
                e.span.start.max(block.end).min(e.span.end)..e.span.end,
            ];
            for r in outside {
                if !is_blank_text(&t[r.clone()]) {
                    return Err(format!(
                        "{}: `{}` removes {:?} outside its lines {block:?}",
                        f.code, fix.title, &t[r]
                    ));
                }
            }
            expected_len = expected_len - e.span.len() + e.text.len();
        }
        // Every edit applies: nothing is silently skipped.
        let fixed = apply_edits(t, &fix.edits);
        if fixed.len() != expected_len {
            return Err(format!("{}: `{}` did not apply whole", f.code, fix.title));
        }
    }
    Ok(())
}

/// "Fix all" keeps every non-blank character outside the removed blocks, in
/// order.
fn check_fix_all(doc: &DocAnalysis, findings: &[Finding]) -> Result<(), String> {
    let Some(fix) = fix_all(doc, findings) else {
        return Ok(());
    };
    let t: &str = &doc.text;
    let blocks: Vec<Range<usize>> = findings
        .iter()
        .filter(|f| !f.fixes.is_empty() && factline::analysis::rules::auto_fix(f.code))
        // Lines only the line model flagged, and readers' comments, keep
        // their own fix and stay in bulk.
        .filter(|f| {
            let line = doc.segmentation.line_at(f.span.start);
            factline::analysis::boilerplate::bulk_removable(doc, line)
        })
        .map(|f| block(doc, &f.span))
        .collect();
    let kept: String = t
        .char_indices()
        .filter(|(i, c)| !c.is_whitespace() && !blocks.iter().any(|b| b.contains(i)))
        .map(|(_, c)| c)
        .collect();
    let fixed: String = apply_edits(t, &fix.edits)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    if kept != fixed {
        return Err(format!(
            "fix all changed text outside the removed lines:\n kept:  {kept:?}\n fixed: {fixed:?}"
        ));
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(160))]

    #[test]
    fn analysis_of_arbitrary_text(a in text(), b in text()) {
        let settings = Settings::default();
        let mut corpus = Corpus::new();
        let da = Arc::new(analyze_document(DocId::new("a.txt"), Arc::from(a.as_str()), &settings));
        let db = Arc::new(analyze_document(DocId::new("b.txt"), Arc::from(b.as_str()), &settings));
        corpus.upsert(da.clone());
        corpus.upsert(db.clone());
        let texts = [(&da.id, a.as_str()), (&db.id, b.as_str())];
        for doc in [&da, &db] {
            let findings = check(doc, &corpus, &settings, RuleScope::All);
            for f in &findings {
                if let Err(e) = check_finding(doc, &texts, f) {
                    return Err(TestCaseError::fail(e));
                }
            }
            if let Err(e) = check_fix_all(doc, &findings) {
                return Err(TestCaseError::fail(e));
            }
        }
    }
}

/// One edit: a range (possibly out of range, reversed or mid-character)
/// and its new text.
#[derive(Debug, Clone)]
struct Edit {
    range: Option<((u32, u32), (u32, u32))>,
    text: String,
}

fn edit() -> impl Strategy<Value = Edit> {
    let pos = || (0u32..12, prop_oneof![0u32..40, Just(u32::MAX)]);
    let small_text = prop::collection::vec(chunk(), 0..6).prop_map(|v| v.concat());
    (
        prop::option::weighted(0.95, (pos(), pos())),
        prop_oneof![4 => small_text, 1 => any::<String>()],
    )
        .prop_map(|(range, text)| Edit { range, text })
}

fn encoding() -> impl Strategy<Value = PositionEncoding> {
    prop::sample::select(vec![
        PositionEncoding::Utf8,
        PositionEncoding::Utf16,
        PositionEncoding::Utf32,
    ])
}

fn position_range(((l1, c1), (l2, c2)): ((u32, u32), (u32, u32))) -> PositionRange {
    PositionRange {
        start: factline::document::Position::new(l1, c1),
        end: factline::document::Position::new(l2, c2),
    }
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn edit_sequences_through_the_document_model(
        initial in text(),
        edits in prop::collection::vec(edit(), 0..30),
        enc in encoding(),
    ) {
        let mut doc = Document::new(&initial);
        for e in &edits {
            doc.apply_change(e.range.map(position_range), &e.text, enc);
            let text = doc.text();
            // Every position maps to an offset on a boundary, and back.
            for (l, c) in [(0, 0), (1, 3), (5, 17), (11, 39), (u32::MAX, u32::MAX)] {
                let p = factline::document::Position::new(l, c);
                let offset = doc.offset(p, enc);
                prop_assert!(offset <= text.len() && text.is_char_boundary(offset));
                let back = doc.position(offset, enc);
                prop_assert!(doc.offset(back, enc) <= text.len());
            }
            for offset in [0, text.len() / 2, text.len(), text.len() + 7] {
                let p = doc.position(offset, enc);
                let o = doc.offset(p, enc);
                prop_assert!(o <= text.len() && text.is_char_boundary(o));
            }
        }
    }
}

/// What the server is sent in one case: the initial text, then edits and
/// now and then a close and reopen.
#[derive(Debug, Clone)]
enum Step {
    Change(Vec<Edit>),
    Reopen(String),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        9 => prop::collection::vec(edit(), 1..4).prop_map(Step::Change),
        1 => text().prop_map(Step::Reopen),
    ]
}

proptest! {
    #![proptest_config(config(24))]

    #[test]
    fn edit_sequences_through_the_server(
        initial in text(),
        steps in prop::collection::vec(step(), 1..12),
    ) {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("runtime");
        let outcome: Result<(), TestCaseError> = runtime.block_on(async {
            let uri = "file:///fuzz/draft.txt";
            let mut c = common::Client::start();
            c.initialize(serde_json::json!({}), None).await;
            c.open(uri, 1, &initial).await;
            // The client announces no encoding: positions are UTF-16.
            let mut model = Document::new(&initial);
            let mut version = 1;
            for s in &steps {
                version += 1;
                match s {
                    Step::Change(edits) => {
                        let changes: Vec<serde_json::Value> = edits
                            .iter()
                            .map(|e| match e.range {
                                Some(((l1, c1), (l2, c2))) => serde_json::json!({
                                    "range": {"start": {"line": l1, "character": c1},
                                              "end": {"line": l2, "character": c2}},
                                    "text": e.text,
                                }),
                                None => serde_json::json!({"text": e.text}),
                            })
                            .collect();
                        c.notify(
                            "textDocument/didChange",
                            serde_json::json!({"textDocument": {"uri": uri, "version": version},
                                               "contentChanges": changes}),
                        )
                        .await;
                        for e in edits {
                            model.apply_change(e.range.map(position_range), &e.text, PositionEncoding::Utf16);
                        }
                    }
                    Step::Reopen(text) => {
                        c.notify("textDocument/didClose", serde_json::json!({"textDocument": {"uri": uri}})).await;
                        c.open(uri, version, text).await;
                        model = Document::new(text);
                    }
                }
            }
            let state = c
                .request("factline/documentState", serde_json::json!({"uri": uri}))
                .await;
            prop_assert_eq!(&state["result"]["version"], &serde_json::json!(version));
            let expected = model.text();
            prop_assert_eq!(state["result"]["text"].as_str(), Some(expected.as_str()));
            let diagnostics = c.diagnostics(uri, version).await;
            let text = model.text();
            let lines = 1 + (text.matches('\n').count() + text.matches('\r').count()
                - text.matches("\r\n").count()) as u64;
            for d in &diagnostics {
                for end in ["start", "end"] {
                    let line = d["range"][end]["line"].as_u64().unwrap_or(u64::MAX);
                    prop_assert!(line < lines, "diagnostic outside the text: {}", d);
                }
            }
            c.shutdown().await;
            Ok(())
        });
        runtime.shutdown_background();
        outcome?;
    }
}
