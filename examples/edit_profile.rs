//! The server's keystroke path in one process, for profiling it with
//! `perf`: a generated corpus is analysed and indexed, then a draft is
//! edited one character at a time and each version is analysed (reusing
//! the previous version's analysis), put in the corpus and checked, as
//! `lsp::state` does. Prints each step's wall-clock p50 and p99 and its
//! mean CPU time (every thread): on a loaded machine compare CPU times.
//!
//! `cargo run --profile bench --example edit_profile -- [ARTICLES] [DRAFT_BYTES] [EDITS] [fresh] [middle-line]`
//! (defaults 10000, 20000, 300). With `middle-line`, the edits are made
//! where the benchmark's editor makes them (the start of the middle line)
//! rather than at the start of the line holding the middle byte. With `fresh`, a source is put in the
//! corpus again before each edit, which drops the figure comparisons kept
//! from the draft's last check: every edit then compares every figure, as
//! when nothing was kept.

// Only part of the generator is used here.
#[allow(dead_code)]
#[path = "../benches/factline/generator.rs"]
mod generator;

use std::sync::Arc;
use std::time::Instant;

use factline::analysis::{self, Corpus, DocId, RuleScope, Settings};

/// CPU time of every thread of this process so far, in milliseconds (from
/// `/proc/self/task/*/schedstat`; 0 where that is not readable): on a
/// loaded machine the wall clock measures the other processes too.
fn cpu_ms() -> f64 {
    let Ok(tasks) = std::fs::read_dir("/proc/self/task") else {
        return 0.0;
    };
    tasks
        .filter_map(|t| std::fs::read_to_string(t.ok()?.path().join("schedstat")).ok())
        .filter_map(|s| s.split_whitespace().next()?.parse::<f64>().ok())
        .sum::<f64>()
        / 1e6
}

/// Wall-clock and CPU milliseconds of one step.
fn timed<T>(wall: &mut Vec<f64>, cpu: &mut Vec<f64>, step: impl FnOnce() -> T) -> T {
    let (t, c) = (Instant::now(), cpu_ms());
    let out = step();
    cpu.push(cpu_ms() - c);
    wall.push(t.elapsed().as_secs_f64() * 1e3);
    out
}

fn main() {
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let articles = args.first().copied().unwrap_or(10_000);
    let bytes = args.get(1).copied().unwrap_or(20_000);
    let edits = args.get(2).copied().unwrap_or(300);
    let fresh = std::env::args().any(|a| a == "fresh");
    // Where the benchmark's editor types: the first character of the
    // middle line (which may be a blank line between paragraphs).
    let at_middle_line = std::env::args().any(|a| a == "middle-line");
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
    let a_source = docs.first().cloned();
    corpus.upsert_many(docs);
    eprintln!(
        "{articles} articles indexed in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let mut text = generator::draft(bytes, 7, 99);
    let id = DocId::new("zz-draft.txt");
    let at = if at_middle_line {
        let line = text.lines().count() / 2;
        text.split_inclusive('\n').take(line).map(str::len).sum()
    } else {
        text[..text.len() / 2].rfind('\n').map_or(0, |i| i + 1)
    };
    // Per step: wall-clock and CPU samples.
    let steps = ["analyse", "facts", "index", "local", "cross"];
    let mut wall: Vec<Vec<f64>> = vec![Vec::new(); steps.len()];
    let mut cpu: Vec<Vec<f64>> = vec![Vec::new(); steps.len()];
    let mut keys = 0u64;
    let mut effort = analysis::effort::Effort::default();
    let mut findings = 0;
    let mut previous: Option<Arc<analysis::DocAnalysis>> = None;
    // The version before the last, for the breakdown of the analysis.
    let mut before_last: Option<Arc<analysis::DocAnalysis>> = None;
    let (mut free_wall, mut free_cpu) = (Vec::new(), Vec::new());
    for i in 0..edits {
        if fresh && let Some(source) = &a_source {
            corpus.upsert(source.clone());
        }
        if i % 2 == 0 {
            text.insert(at, 'x');
        } else {
            text.remove(at);
        }
        let doc = timed(&mut wall[0], &mut cpu[0], || {
            Arc::new(analysis::analyze_edited(
                previous.as_deref(),
                id.clone(),
                Arc::from(text.as_str()),
                &settings,
            ))
        });
        keys ^= timed(&mut wall[1], &mut cpu[1], || {
            analysis::corpus::facts_key(&doc)
        });
        timed(&mut wall[2], &mut cpu[2], || corpus.upsert(doc.clone()));
        findings = timed(&mut wall[3], &mut cpu[3], || {
            analysis::check(&doc, &corpus, &settings, RuleScope::DocumentOnly).len()
        });
        analysis::effort::reset();
        findings += timed(&mut wall[4], &mut cpu[4], || {
            analysis::check(&doc, &corpus, &settings, RuleScope::CrossDocument).len()
        });
        effort = analysis::effort::read();
        // Freeing a replaced version: the server does it after answering,
        // on a thread of its own, so it is not counted in the edit.
        let replaced = before_last.take();
        timed(&mut free_wall, &mut free_cpu, || drop(replaced));
        before_last = previous.replace(doc);
    }
    let p50 = |mut s: Vec<f64>| {
        s.sort_by(f64::total_cmp);
        s.get(s.len() / 2).copied().unwrap_or(0.0)
    };
    let p99 = |mut s: Vec<f64>| {
        s.sort_by(f64::total_cmp);
        s.get(((s.len() as f64 - 1.0) * 0.99) as usize)
            .copied()
            .unwrap_or(0.0)
    };
    // The kernel counts a running thread's time at scheduler ticks, so one
    // sample is coarse; the mean over many edits is not.
    let mean = |s: &[f64]| s.iter().sum::<f64>() / s.len().max(1) as f64;
    let sum = |v: &[Vec<f64>]| -> Vec<f64> {
        (0..v[0].len())
            .map(|j| v.iter().map(|s| s[j]).sum())
            .collect()
    };
    let (all_wall, all_cpu) = (sum(&wall), sum(&cpu));
    for (i, name) in steps.iter().enumerate() {
        eprintln!(
            "{name:8} wall p50 {:7.2} ms  p99 {:7.2} ms   cpu mean {:7.2} ms",
            p50(wall[i].clone()),
            p99(wall[i].clone()),
            mean(&cpu[i])
        );
    }
    eprintln!(
        "{:8} wall p50 {:7.2} ms  p99 {:7.2} ms   cpu mean {:7.2} ms",
        "edit",
        p50(all_wall.clone()),
        p99(all_wall),
        mean(&all_cpu)
    );
    eprintln!(
        "{:8} wall p50 {:7.2} ms  p99 {:7.2} ms   cpu mean {:7.2} ms   (freeing a replaced version, after the answer)",
        "free",
        p50(free_wall.clone()),
        p99(free_wall),
        mean(&free_cpu)
    );
    if let (Some(old), Some(new)) = (&before_last, &previous) {
        analysis_steps(old, new, &settings);
        check_steps(new, &mut corpus, &settings);
    }
    eprintln!("{findings} findings on the last version (digest of the facts keys: {keys:x})");
    eprintln!(
        "cross-document check of the last version: {} figures, {} candidates from the indexes, {} pairs weighed, {} figures' comparisons reused{}",
        previous.map_or(0, |d| d.figures.list.len()),
        effort.figure_candidates,
        effort.figure_pairs,
        effort.figures_reused,
        if fresh { " (fresh: nothing kept)" } else { "" }
    );
}

/// CPU time of each rule of the check of the last version, each checked
/// alone as after an edit (the document put in the corpus again first, so
/// that what its last check kept is read as on a keystroke): where the
/// check's time goes.
fn check_steps(doc: &Arc<analysis::DocAnalysis>, corpus: &mut Corpus, settings: &Settings) {
    // As in `analysis_steps`: enough scheduler ticks per step.
    const MIN_REPEAT: usize = 3;
    const MIN_CPU_MS: f64 = 300.0;
    for rule in analysis::RULES {
        let code = rule.meta().code;
        if !settings.rule(code).enabled {
            continue;
        }
        let mut alone = settings.clone();
        for other in analysis::RULES {
            let mut s = alone.rule(other.meta().code);
            s.enabled = other.meta().code == code;
            alone.rules.insert(other.meta().code.into(), s);
        }
        let (c, mut n, mut spent) = (cpu_ms(), 0, 0.0);
        let mut findings = 0;
        while n < MIN_REPEAT || cpu_ms() - c < MIN_CPU_MS {
            corpus.upsert(doc.clone());
            let t = cpu_ms();
            findings = analysis::check(doc, corpus, &alone, RuleScope::All).len();
            spent += cpu_ms() - t;
            n += 1;
        }
        eprintln!(
            "  check: {code:30} cpu mean {:7.3} ms   ({findings} findings)",
            spent / n as f64
        );
    }
}

/// CPU time of each step of the analysis of the last edit (the mean over
/// a few repetitions), read again from the version before it: where an
/// edit's analysis goes, and what each step takes over from that version.
fn analysis_steps(old: &analysis::DocAnalysis, new: &analysis::DocAnalysis, settings: &Settings) {
    use analysis::reuse::ParagraphMap;
    use analysis::text::Segmentation;
    use analysis::{attribution, boilerplate, figures, language, related};
    // The kernel counts CPU time at scheduler ticks: each step is repeated
    // until it has run a fair number of them.
    const MIN_REPEAT: usize = 3;
    const MIN_CPU_MS: f64 = 300.0;
    let step = |name: &str, f: &mut dyn FnMut()| {
        analysis::effort::reset();
        let c = cpu_ms();
        let mut n = 0;
        while n < MIN_REPEAT || cpu_ms() - c < MIN_CPU_MS {
            f();
            n += 1;
        }
        let e = analysis::effort::read();
        eprintln!(
            "  analyse: {name:30} cpu mean {:7.3} ms   (units read {}, sentences attributed {}, paragraphs' words read {}, looked for names {}, of {} paragraphs, {} sentences)",
            (cpu_ms() - c) / n as f64,
            e.units_read / n as u64,
            e.sentences_attributed / n as u64,
            e.word_paragraphs_read / n as u64,
            e.name_paragraphs_read / n as u64,
            new.segmentation.paragraphs.len(),
            new.segmentation.sentences.len(),
        );
    };
    let text = &new.text;
    let seg = &new.segmentation;
    step("segmentation", &mut || {
        std::hint::black_box(Segmentation::new(text));
    });
    step("segmentation (reusing)", &mut || {
        std::hint::black_box(Segmentation::reusing(&old.text, &old.segmentation, text));
    });
    let old_hashes = analysis::reuse::paragraph_hashes(&old.text, &old.segmentation);
    let map = ParagraphMap::new((&old.text, &old.segmentation), (text, seg), |_| true);
    step("paragraph map (reusing hashes)", &mut || {
        let hashes =
            analysis::reuse::hashes_reusing(&old.text, &old.segmentation, &old_hashes, text, seg);
        std::hint::black_box(ParagraphMap::with_hashes(
            (&old.text, &old.segmentation, &old_hashes),
            (text, seg, &hashes),
            |_| true,
        ));
    });
    step("language layer (reusing)", &mut || {
        std::hint::black_box(language::LangDoc::reusing(
            text,
            seg,
            &old.language,
            &old.segmentation,
            &map,
        ));
    });
    step("boilerplate (whole document)", &mut || {
        std::hint::black_box(boilerplate::detect(text, seg, settings));
    });
    step("boilerplate (reusing)", &mut || {
        std::hint::black_box(boilerplate::detect_reusing(
            text,
            seg,
            settings,
            Some((&old.boilerplate_units, &map)),
        ));
    });
    step("figures (reusing)", &mut || {
        std::hint::black_box(figures::extract_reusing(
            text,
            seg,
            new.language.lang,
            Some((&old.figures, &old.segmentation, &map)),
        ));
    });
    step("attribution (whole document)", &mut || {
        std::hint::black_box(attribution::analyze_reusing(text, seg, None));
    });
    step("attribution (reusing)", &mut || {
        std::hint::black_box(attribution::analyze_reusing(
            text,
            seg,
            Some((&old.text, &old.attribution, &old.segmentation)),
        ));
    });
    step("passages' words (reusing)", &mut || {
        std::hint::black_box(related::DocPassages::read_reusing(
            text,
            seg,
            new.language.lang,
            Some((&old.related, &map)),
        ));
    });
}
