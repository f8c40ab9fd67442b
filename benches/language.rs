//! Language-layer speed, single-threaded: the tagger alone on tokenized
//! sentences, and tokenizing, tagging and lemmatizing the sentences of real
//! articles (GVA and BBC from `../shared/corpora`, else generated text);
//! then what the layer adds to a document's analysis: the language read at
//! indexing, and every sentence read (the most a rule can ask for), beside
//! the whole `analyze_document` on one thread.
//!
//! ```text
//! cargo bench --bench language
//! ```
//!
//! Timings are printed, never asserted.

use std::path::Path;
use std::time::Instant;

use std::sync::Arc;

use factline::analysis::language::{self, lemma, tagger};
use factline::analysis::text::Segmentation;
use factline::analysis::{DocId, Settings, analyze_document};

/// Time this thread has run on a CPU (Linux `schedstat`), so a busy
/// machine does not make the layer look slower than it is; wall-clock time
/// elsewhere.
struct Clock {
    wall: Instant,
    cpu: Option<u64>,
}

fn cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}

impl Clock {
    fn start() -> Self {
        Clock {
            wall: Instant::now(),
            cpu: cpu_ns(),
        }
    }
    /// (CPU seconds when known else wall seconds, wall seconds).
    fn stop(&self) -> (f64, f64) {
        let wall = self.wall.elapsed().as_secs_f64();
        let cpu = match (self.cpu, cpu_ns()) {
            (Some(a), Some(b)) => (b - a) as f64 / 1e9,
            _ => wall,
        };
        (cpu, wall)
    }
}

fn report(what: &str, tokens: usize, clock: &Clock) {
    let (cpu, wall) = clock.stop();
    println!(
        "{what}: {cpu:.3} s on CPU ({:.2} M tokens/s), {wall:.3} s wall",
        tokens as f64 / cpu / 1e6
    );
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

fn texts() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora");
    let mut files = Vec::new();
    txt_files(&root.join("gva-multisource-incidents/docs"), &mut files);
    txt_files(&root.join("bbc-news-2225"), &mut files);
    let mut out: Vec<String> = files
        .into_iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect();
    if out.is_empty() {
        eprintln!("notice: ../shared/corpora not found; timing generated text");
        let words = [
            "The",
            "council",
            "said",
            "on",
            "Tuesday",
            "that",
            "the",
            "flood",
            "cost",
            "$4bn",
            ",",
            "officials",
            "reported",
            ".",
        ];
        for d in 0..2000 {
            let mut t = String::new();
            for s in 0..20 {
                for (i, w) in words.iter().enumerate() {
                    t.push_str(words[(i + s + d) % words.len()].max(w));
                    t.push(' ');
                }
                t.push_str(".\n");
            }
            out.push(t);
        }
    }
    out
}

fn main() {
    let texts = texts();
    // Force the model and the lemma table to load before timing.
    let _ = tagger::english().tag(&["warm", "up"]);
    let _ = lemma::lemma("warming", language::Upos::Verb);

    // Tokenize once, to time the tagger alone.
    let mut sentences: Vec<Vec<&str>> = Vec::new();
    let clock = Clock::start();
    for t in &texts {
        let seg = Segmentation::new(t);
        for s in &seg.sentences {
            let toks = language::tokenize(t, s.span.clone());
            sentences.push(toks.iter().map(|k| &t[k.span.clone()]).collect());
        }
    }
    let n_tokens: usize = sentences.iter().map(Vec::len).sum();
    let bytes: usize = texts.iter().map(String::len).sum();
    println!(
        "{} documents, {} sentences, {n_tokens} tokens, {:.1} MB",
        texts.len(),
        sentences.len(),
        bytes as f64 / 1e6
    );
    report("segment + tokenize", n_tokens, &clock);

    let clock = Clock::start();
    let mut tagged = 0usize;
    for s in &sentences {
        tagged += tagger::english().tag(s).len();
    }
    report("tag", tagged, &clock);

    let clock = Clock::start();
    let mut lemmas = 0usize;
    for s in &sentences {
        let tags = tagger::english().tag(s);
        for (w, t) in s.iter().zip(tags) {
            lemmas += lemma::lemma(w, t).len();
        }
    }
    report("tag + lemmatize", n_tokens, &clock);
    assert!(lemmas > 0);

    // Per document, on one thread of a one-thread pool (so the analysis
    // runs its parts in sequence and its CPU time is this thread's).
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("pool");
    pool.install(|| {
        let settings = Settings::default();
        let clock = Clock::start();
        let mut docs = Vec::with_capacity(texts.len());
        for (i, t) in texts.iter().enumerate() {
            docs.push(analyze_document(
                DocId::new(format!("{i}.txt")),
                Arc::from(t.as_str()),
                &settings,
            ));
        }
        report(
            "analyze_document (language detected, no sentence read)",
            n_tokens,
            &clock,
        );
        let clock = Clock::start();
        for t in &texts {
            std::hint::black_box(language::detect(t));
        }
        report("  of which: language detection", n_tokens, &clock);
        let clock = Clock::start();
        let mut read = 0;
        for d in &docs {
            for i in 0..d.segmentation.sentences.len() {
                read += d.sentence_language(i).map_or(0, |s| s.tokens.len());
            }
        }
        report(
            "then every sentence read (tokens, tags, lemmas, chunks)",
            read,
            &clock,
        );
    });
}
