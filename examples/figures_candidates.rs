//! Measures the corpus figure index's candidate lookup for tolls: of the
//! pairs of tolls of one kind that the comparison's decision takes for one
//! quantity (asked of every pair, not only of those the index proposes),
//! how many the index proposes (candidate recall), and how many
//! candidates it proposes in all (the cost: each is weighed).
//!
//! ```text
//! cargo run --release --example figures_candidates -- [../shared/corpora] [runs]
//! ```
//!
//! GVA incidents of the tuning half (numbered up to the last tuning
//! incident of `tests/support/same_incident.rs`) are read in runs of
//! consecutive incident folders as one corpus, as the same-incident model
//! is trained: two reports in one folder tell one incident, two in
//! different folders tell two. `runs` caps how many runs are read (all by
//! default). Pairs are counted once per direction, as the rule compares
//! each figure with its candidates.

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::Arc;

use factline::analysis::figures::{FigureKind, agree_in, for_corpus, same_fact, same_toll};
use factline::analysis::{Corpus, DocAnalysis};

#[path = "../tests/support/same_incident.rs"]
mod pairs;

use pairs::{read, txt_files};

/// Counts over every run.
#[derive(Default)]
struct Tally {
    /// Candidates proposed for every figure (the cost).
    candidates: usize,
    /// Figures looked up.
    figures: usize,
    /// Toll pairs decided one quantity: [one incident, two incidents] ×
    /// [all, proposed].
    decided: [[usize; 2]; 2],
    /// Of those, the pairs whose values conflict.
    conflicting: [[usize; 2]; 2],
    /// Conflicting pairs of one incident (folder) the index does not
    /// propose, for reading.
    missed: Vec<String>,
}

fn run(docs: &[(Arc<DocAnalysis>, String)], tally: &mut Tally) {
    let mut corpus = Corpus::new();
    for (d, _) in docs {
        corpus.upsert(d.clone());
    }
    let sim = for_corpus(&corpus);
    for (a, ga) in docs {
        for (i, fa) in a.figures.list.iter().enumerate() {
            let proposed: HashSet<(usize, usize)> = corpus
                .figures
                .candidates(fa, Some(&a.id))
                .into_iter()
                .map(|(d, j)| (d as *const DocAnalysis as usize, j))
                .collect();
            tally.figures += 1;
            tally.candidates += proposed.len();
            if fa.kind != FigureKind::Count {
                continue;
            }
            for (b, gb) in docs {
                if Arc::ptr_eq(a, b) {
                    continue;
                }
                for (j, fb) in b.figures.list.iter().enumerate() {
                    if !same_toll(fa, fb) || same_fact(a, fa, b, fb, &sim).is_none() {
                        continue;
                    }
                    let other = usize::from(ga != gb);
                    let found = proposed.contains(&(Arc::as_ptr(b) as usize, j));
                    tally.decided[other][0] += 1;
                    tally.decided[other][1] += usize::from(found);
                    if !agree_in(a, fa, b, fb) {
                        tally.conflicting[other][0] += 1;
                        tally.conflicting[other][1] += usize::from(found);
                        if other == 0 && !found {
                            tally.missed.push(format!(
                                "{ga}: {} #{i} ‘{}’ / {} #{j} ‘{}’",
                                a.id,
                                &a.text[fa.span.clone()],
                                b.id,
                                &b.text[fb.span.clone()]
                            ));
                        }
                    }
                }
            }
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = PathBuf::from(args.first().map_or("../shared/corpora", String::as_str));
    let runs: usize = args
        .get(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(usize::MAX);
    let dir = root.join("gva-multisource-incidents/docs");
    if !dir.is_dir() {
        println!("no GVA corpus at {}: nothing measured", dir.display());
        return;
    }
    let (tuning, _) = pairs::gva_folders(&root);
    let mut tally = Tally::default();
    for chunk in tuning.chunks(pairs::RUN).take(runs) {
        let docs: Vec<(Arc<DocAnalysis>, String)> = chunk
            .iter()
            .flat_map(|f| {
                txt_files(&dir.join(f.to_string()))
                    .into_iter()
                    .filter_map(move |p| read(&p).map(|d| (d, f.to_string())))
            })
            .collect();
        run(&docs, &mut tally);
    }
    for m in &tally.missed {
        println!("missed: {m}");
    }
    let [one, two] = tally.decided;
    let [c_one, c_two] = tally.conflicting;
    println!(
        "figures {}, candidates proposed {} ({:.2} per figure)",
        tally.figures,
        tally.candidates,
        tally.candidates as f64 / tally.figures.max(1) as f64
    );
    println!(
        "toll pairs decided one quantity, one incident: {} proposed of {}; conflicting {} of {}",
        one[1], one[0], c_one[1], c_one[0]
    );
    println!(
        "toll pairs decided one quantity, two incidents: {} proposed of {}; conflicting {} of {}",
        two[1], two[0], c_two[1], c_two[0]
    );
}
