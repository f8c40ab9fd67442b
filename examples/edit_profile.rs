//! The server's keystroke path in one process, for profiling it with
//! `perf`: a generated corpus is analysed and indexed, then a draft is
//! edited one character at a time and each version is analysed, put in the
//! corpus and checked, as `lsp::state` does. Prints the p50 and p99 of each
//! step.
//!
//! `cargo run --release --example edit_profile -- [ARTICLES] [DRAFT_BYTES] [EDITS]`
//! (defaults 10000, 20000, 300).

// Only part of the generator is used here.
#[allow(dead_code)]
#[path = "../benches/factline/generator.rs"]
mod generator;

use std::sync::Arc;
use std::time::Instant;

use factline::analysis::{self, Corpus, DocId, RuleScope, Settings};

fn main() {
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let articles = args.first().copied().unwrap_or(10_000);
    let bytes = args.get(1).copied().unwrap_or(20_000);
    let edits = args.get(2).copied().unwrap_or(300);
    // As the server's keystroke path: the drafts' verification runs after
    // the diagnostics are out, not in this loop.
    let mut settings = Settings::default();
    let mut unsourced = settings.rule("unsourced-claim");
    unsourced.enabled = false;
    settings.rules.insert("unsourced-claim".into(), unsourced);
    let started = Instant::now();
    let mut corpus = Corpus::new();
    let docs: Vec<_> = generator::corpus(articles, 14, 7)
        .into_iter()
        .map(|(name, text)| {
            Arc::new(analysis::analyze_document(
                DocId::new(name),
                Arc::from(text),
                &settings,
            ))
        })
        .collect();
    corpus.upsert_many(docs);
    eprintln!(
        "{articles} articles indexed in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let mut text = generator::draft(bytes, 7, 99);
    let id = DocId::new("zz-draft.txt");
    let at = text[..text.len() / 2].rfind('\n').map_or(0, |i| i + 1);
    let (mut read, mut index, mut check) = (Vec::new(), Vec::new(), Vec::new());
    let mut findings = 0;
    for i in 0..edits {
        if i % 2 == 0 {
            text.insert(at, 'x');
        } else {
            text.remove(at);
        }
        let t = Instant::now();
        let doc = Arc::new(analysis::analyze_document(
            id.clone(),
            Arc::from(text.as_str()),
            &settings,
        ));
        read.push(t.elapsed().as_secs_f64() * 1e3);
        let t = Instant::now();
        corpus.upsert(doc.clone());
        index.push(t.elapsed().as_secs_f64() * 1e3);
        let t = Instant::now();
        findings = analysis::check(&doc, &corpus, &settings, RuleScope::All).len();
        check.push(t.elapsed().as_secs_f64() * 1e3);
    }
    for (name, samples) in [("analyse", read), ("index", index), ("check", check)] {
        let mut s = samples;
        s.sort_by(f64::total_cmp);
        let p = |q: f64| s.get(((s.len() as f64 - 1.0) * q) as usize).copied();
        eprintln!(
            "{name:8} p50 {:6.2} ms  p99 {:6.2} ms",
            p(0.5).unwrap_or(0.0),
            p(0.99).unwrap_or(0.0)
        );
    }
    eprintln!("{findings} findings on the last version");
}
