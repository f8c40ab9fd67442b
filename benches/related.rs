//! Related-passage speed: query latency over a corpus of 100,000+ passages
//! and re-indexing a 20 KB document after an edit.
//!
//! ```text
//! cargo bench --bench related
//! ```
//!
//! The corpus is the GVA articles of `../shared/corpora` (and the BBC ones
//! if more passages are needed) when present, else generated text. Timings
//! are printed, never asserted.

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use factline::analysis::related::{self, Options};
use factline::analysis::{Corpus, DocAnalysis, DocId, Settings, analyze_document};

const TARGET_PASSAGES: usize = 100_000;

/// A deterministic pseudo-random sequence.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, bound: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % bound.max(1)
    }
}

fn analyze(id: &str, text: &str) -> Arc<DocAnalysis> {
    Arc::new(analyze_document(
        DocId::new(id),
        Arc::from(text),
        &Settings::default(),
    ))
}

fn txt_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = rd.filter_map(Result::ok).map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            txt_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "txt") {
            out.push(p);
        }
    }
}

/// Real articles when ../shared is there.
fn real_texts() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora");
    let mut files = Vec::new();
    txt_files(&root.join("gva-multisource-incidents/docs"), &mut files);
    txt_files(&root.join("bbc-news-2225"), &mut files);
    files
        .into_iter()
        .filter_map(|p| {
            let text = std::fs::read_to_string(&p).ok()?;
            Some((p.display().to_string(), text))
        })
        .collect()
}

const WORDS: &[&str] = &[
    "council",
    "harbour",
    "river",
    "minister",
    "budget",
    "flood",
    "police",
    "shooting",
    "school",
    "election",
    "hospital",
    "bridge",
    "report",
    "inquiry",
    "court",
    "tax",
    "storm",
    "fire",
    "market",
    "strike",
    "union",
    "water",
    "energy",
    "price",
    "village",
    "mayor",
    "road",
    "train",
    "airport",
    "farm",
    "museum",
    "festival",
    "contract",
    "company",
    "workers",
    "families",
    "residents",
    "officials",
    "repairs",
    "damage",
    "evacuated",
    "announced",
    "approved",
    "rejected",
    "delayed",
    "opened",
    "closed",
    "arrested",
    "charged",
    "injured",
];
const NAMES: &[&str] = &[
    "Ana Lindqvist",
    "Tomas Ekberg",
    "Rosa Valdés",
    "Paulo Neri",
    "Port Aldren",
    "Harlow",
    "Kessel",
    "Marta Oyelaran",
    "Dunmore",
    "Elsa Brandt",
    "Varn County",
    "Iker Sola",
];

/// Generated news-like articles, for when ../shared is missing.
fn synthetic_texts(n: usize) -> Vec<(String, String)> {
    let mut rng = Lcg(7);
    (0..n)
        .map(|d| {
            let mut text = String::new();
            for _ in 0..8 {
                for _ in 0..3 {
                    let name = NAMES[rng.next(NAMES.len())];
                    text.push_str(&format!(
                        "{name} said the {} {} {} {} on March {} after {} {} {}. ",
                        WORDS[rng.next(WORDS.len())],
                        WORDS[rng.next(WORDS.len())],
                        WORDS[rng.next(WORDS.len())],
                        WORDS[rng.next(WORDS.len())],
                        1 + rng.next(28),
                        10 + rng.next(900),
                        WORDS[rng.next(WORDS.len())],
                        WORDS[rng.next(WORDS.len())],
                    ));
                }
                text.push('\n');
            }
            (format!("synthetic/{d}.txt"), text)
        })
        .collect()
}

/// The process's resident memory in MB, where /proc says it (Linux).
fn rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// The CPU time this thread has run, where /proc says it (Linux:
/// `/proc/thread-self/schedstat`, nanoseconds on a CPU, brought up to date
/// at the scheduler's ticks: good for a sum over many queries, not for one
/// query). On a loaded machine the wall-clock latency of a query includes
/// the time other processes held the CPU; the CPU time does not.
fn thread_cpu() -> Option<Duration> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = s.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(ns))
}

fn stats(mut v: Vec<Duration>) -> String {
    v.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let mean = v.iter().map(|d| ms(*d)).sum::<f64>() / v.len().max(1) as f64;
    format!(
        "median {:.3} ms, p90 {:.3} ms, p99 {:.3} ms, max {:.3} ms, mean {:.3} ms ({} runs)",
        ms(v[v.len() / 2]),
        ms(v[v.len() * 9 / 10]),
        ms(v[v.len() * 99 / 100]),
        ms(v[v.len() - 1]),
        mean,
        v.len()
    )
}

fn main() {
    // `cargo test --benches` runs this with `--bench`-less arguments; keep it quick then.
    let quick = std::env::args().any(|a| a == "--test");
    let mut texts = real_texts();
    let source = if texts.is_empty() {
        eprintln!("notice: ../shared/corpora not found; using generated articles");
        texts = synthetic_texts(5_000);
        "generated articles"
    } else {
        "GVA + BBC articles"
    };
    if quick {
        texts.truncate(200);
    }
    let t = Instant::now();
    let docs: Vec<Arc<DocAnalysis>> = {
        use rayon::prelude::*;
        texts
            .par_iter()
            .map(|(id, text)| analyze(id, text))
            .collect()
    };
    let analyse = t.elapsed();
    let t = Instant::now();
    let mut corpus = Corpus::new();
    let mut used = 0;
    for d in &docs {
        corpus.upsert(d.clone());
        used += 1;
        if corpus.related().passages() >= TARGET_PASSAGES && !quick {
            break;
        }
    }
    let index = t.elapsed();
    let passages = corpus.related().passages();
    // The texts read for the benchmark are dropped from the count below.
    let texts_mb = texts.iter().map(|(_, t)| t.len()).sum::<usize>() as f64 / 1e6;
    if let Some(rss) = rss_mb() {
        println!(
            "process RSS {rss:.0} MB with every article analysed ({} documents, {texts_mb:.0} MB of text kept twice)",
            docs.len()
        );
    }
    println!(
        "corpus: {used} {source}, {passages} indexed passages; analysis {:.2} s (2 threads), indexing {:.2} s; index heap {:.1} MB ({:.0} bytes/passage)",
        analyse.as_secs_f64(),
        index.as_secs_f64(),
        corpus.related().heap_bytes() as f64 / 1e6,
        corpus.related().heap_bytes() as f64 / passages.max(1) as f64
    );

    // Queries: random indexed sentences of the corpus.
    let mut rng = Lcg(42);
    let runs = if quick { 20 } else { 1000 };
    let mut with_reasons = Vec::with_capacity(runs);
    let mut queried = Vec::with_capacity(runs);
    let mut without = Vec::with_capacity(runs);
    let mut found = 0usize;
    while with_reasons.len() < runs {
        let d = &docs[rng.next(used)];
        let ps: Vec<_> = d.related.passages.iter().filter(|p| p.indexed).collect();
        if ps.is_empty() {
            continue;
        }
        let p = ps[rng.next(ps.len())];
        let t = Instant::now();
        let r = related::query(&corpus, d, p.span.clone(), 10);
        with_reasons.push(t.elapsed());
        queried.push((d, p.span.clone()));
        found += r.len();
        let t = Instant::now();
        let _ = related::query_with(
            &corpus,
            d,
            p.span.clone(),
            &Options {
                reasons: false,
                ..Options::default()
            },
        );
        without.push(t.elapsed());
    }
    println!("query (limit 10, with reasons):    {}", stats(with_reasons));
    // The same queries again, their CPU time summed.
    let (c, t) = (thread_cpu(), Instant::now());
    for (d, span) in &queried {
        std::hint::black_box(related::query(&corpus, d, span.clone(), 10));
    }
    let wall = t.elapsed();
    if let (Some(before), Some(after)) = (c, thread_cpu()) {
        let per = |d: Duration| d.as_secs_f64() * 1000.0 / queried.len().max(1) as f64;
        println!(
            "  the same queries again: CPU time {:.3} ms a query, wall {:.3} ms a query",
            per(after.saturating_sub(before)),
            per(wall)
        );
    }
    // The same queries, each the first of its version of the corpus:
    // nothing kept from earlier queries (each candidate document's story
    // weighed afresh), as after an edit.
    let mut cold = Vec::with_capacity(queried.len());
    let mut cold_cpu = Duration::ZERO;
    for (d, span) in &queried {
        corpus.forget_related_stories();
        let c = thread_cpu();
        let t = Instant::now();
        std::hint::black_box(related::query(&corpus, d, span.clone(), 10));
        cold.push(t.elapsed());
        if let (Some(before), Some(after)) = (c, thread_cpu()) {
            cold_cpu += after.saturating_sub(before);
        }
    }
    println!("query, first of its corpus version: {}", stats(cold));
    println!(
        "  CPU time {:.3} ms a query",
        cold_cpu.as_secs_f64() * 1000.0 / queried.len().max(1) as f64
    );
    println!("query (limit 10, without reasons): {}", stats(without));
    println!(
        "  {:.1} related passages per query on average",
        found as f64 / runs as f64
    );

    // Pairwise similarity of random passages of two documents.
    let mut pairs = Vec::with_capacity(runs);
    let mut rng = Lcg(9);
    while pairs.len() < runs {
        let (a, b) = (&docs[rng.next(used)], &docs[rng.next(used)]);
        let (na, nb) = (a.related.passages.len(), b.related.passages.len());
        if na == 0 || nb == 0 {
            continue;
        }
        let pa = related::PassageRef {
            doc: a,
            index: rng.next(na),
        };
        let pb = related::PassageRef {
            doc: b,
            index: rng.next(nb),
        };
        let t = Instant::now();
        let s = related::similarity(&corpus, pa, pb);
        pairs.push(t.elapsed());
        std::hint::black_box(s);
    }
    println!("similarity of two passages:        {}", stats(pairs));

    // Code lenses: every paragraph of 20 articles, as a client resolving
    // all of a document's lenses would.
    let mut lens = Vec::new();
    for k in 0..if quick { 2 } else { 20 } {
        let d = &docs[(k * 97) % used];
        for p in 0..d.segmentation.paragraphs.len() {
            let t = Instant::now();
            let _ = related::paragraph_related(&corpus, d, p, &Options::default());
            lens.push(t.elapsed());
        }
    }
    println!("code lens, one paragraph:          {}", stats(lens));

    // Re-indexing a 20 KB document after an edit.
    let mut draft = String::new();
    let mut k = 0;
    while draft.len() < 20_000 {
        draft.push_str(&texts[k % texts.len()].1);
        draft.push_str("\n\n");
        k += 1;
    }
    let mut cut = 20_000.min(draft.len());
    while !draft.is_char_boundary(cut) {
        cut -= 1;
    }
    draft.truncate(cut);
    let id = "draft/edited.txt";
    corpus.upsert(analyze(id, &draft));
    let edits = if quick { 5 } else { 300 };
    let (mut analysis, mut upsert, mut total) = (Vec::new(), Vec::new(), Vec::new());
    for i in 0..edits {
        // Type one character somewhere in the middle.
        let mut at = (i * 7919) % draft.len();
        while !draft.is_char_boundary(at) {
            at -= 1;
        }
        draft.insert(at, if i % 2 == 0 { 'x' } else { ' ' });
        let t0 = Instant::now();
        let a = analyze(id, &draft);
        let t1 = Instant::now();
        corpus.upsert(a);
        let t2 = Instant::now();
        analysis.push(t1 - t0);
        upsert.push(t2 - t1);
        total.push(t2 - t0);
    }
    println!(
        "re-index a {} KB document after an edit, total:    {}",
        draft.len() / 1000,
        stats(total)
    );
    println!(
        "  of which analyze_document (all detectors): {}",
        stats(analysis)
    );
    println!(
        "  of which Corpus::upsert (index update):    {}",
        stats(upsert)
    );
}
