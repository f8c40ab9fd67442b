//! Trains the part-of-speech model and the lemma table from Universal
//! Dependencies treebanks and reports held-out accuracy. Built only with
//! the `training` feature; the shipped model is in `data/tagger/`.
//!
//! ```text
//! cargo run --release --features training --bin train_tagger -- \
//!     ../shared/corpora/ud-treebanks [--epochs N] [--write data/tagger]
//! ```

use std::path::{Path, PathBuf};

use factline::analysis::language::conllu::{self, Sentence};
use factline::analysis::language::lemma;
use factline::analysis::language::tagger::{self, train};

fn read(path: &Path) -> Vec<Sentence> {
    match std::fs::read_to_string(path) {
        Ok(text) => conllu::parse(&text),
        Err(e) => {
            eprintln!("cannot read {}: {e}", path.display());
            std::process::exit(2);
        }
    }
}

/// Spanish: trained on the GSD dev split, measured on its test split, both
/// read as written ("del" is one word, as the tokenizer leaves it).
fn train_spanish(root: &Path, opt: train::Options, write: Option<&Path>) {
    let read_surface = |p: PathBuf| match std::fs::read_to_string(&p) {
        Ok(t) => conllu::parse_surface(&t),
        Err(e) => {
            eprintln!("cannot read {}: {e}", p.display());
            std::process::exit(2);
        }
    };
    let training = read_surface(root.join("es-gsd/es_gsd-ud-dev.conllu"));
    let test = read_surface(root.join("es-gsd/es_gsd-ud-test.conllu"));
    let data: Vec<Vec<(String, tagger::Upos)>> = training
        .iter()
        .map(|s| s.words.iter().map(|w| (w.form.clone(), w.upos)).collect())
        .collect();
    let words: usize = data.iter().map(Vec::len).sum();
    eprintln!("Spanish training: {} sentences, {words} words", data.len());
    let model = train::train(&data, opt);
    let bytes = model.to_bytes();
    eprintln!(
        "{opt:?}: {} features, {} bytes",
        model.feature_count(),
        bytes.len()
    );
    let acc = tagger::evaluate(&model, &test);
    println!(
        "GSD test: UPOS {:.2}% of {} words; PROPN recall {:.2}% of {}",
        100.0 * acc.overall(),
        acc.words,
        100.0 * acc.propn_recall(),
        acc.propn
    );
    if let Some(dir) = write {
        let path = dir.join("es.model");
        if let Err(e) = std::fs::write(&path, &bytes) {
            eprintln!("cannot write {}: {e}", path.display());
            std::process::exit(1);
        }
        eprintln!("wrote {}", path.display());
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let mut root = None;
    let mut write = None;
    let mut errors = false;
    let mut spanish = false;
    let mut opt = train::Options::default();
    while let Some(a) = args.next() {
        match a.as_str() {
            "--epochs" => {
                opt.epochs = args
                    .next()
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(opt.epochs)
            }
            "--prune" => {
                opt.prune = args
                    .next()
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(opt.prune)
            }
            "--dict-min-count" => {
                opt.dict_min_count = args
                    .next()
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(opt.dict_min_count)
            }
            "--errors" => errors = true,
            "--spanish" => spanish = true,
            "--write" => write = args.next().map(PathBuf::from),
            _ => root = Some(PathBuf::from(a)),
        }
    }
    let Some(root) = root else {
        eprintln!("usage: train_tagger TREEBANKS_DIR [--epochs N] [--prune X] [--write DIR]");
        std::process::exit(2);
    };
    if spanish {
        train_spanish(&root, opt, write.as_deref());
        return;
    }
    let gum = root.join("en-gum");
    let mut names: Vec<String> = std::fs::read_dir(&gum)
        .map(|d| {
            d.filter_map(|e| e.ok())
                .filter_map(|e| {
                    e.file_name()
                        .to_str()
                        .and_then(|n| n.strip_suffix(".conllu"))
                        .map(str::to_string)
                })
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    let mut training = Vec::new();
    let mut held_out = Vec::new();
    for n in &names {
        let path = gum.join(format!("{n}.conllu"));
        if tagger::HELD_OUT_NEWS.contains(&n.as_str()) {
            held_out.extend(read(&path));
        } else if tagger::is_training_document(n) {
            training.extend(read(&path));
        }
    }
    let ewt_dev = read(&root.join("en-ewt/en_ewt-ud-dev.conllu"));
    let ewt_test = read(&root.join("en-ewt/en_ewt-ud-test.conllu"));
    let words: usize = training.iter().map(|s| s.words.len()).sum();
    eprintln!(
        "training: {} sentences, {words} words; held-out GUM news: {} sentences",
        training.len(),
        held_out.len()
    );
    let data: Vec<Vec<(String, tagger::Upos)>> = training
        .iter()
        .map(|s| s.words.iter().map(|w| (w.form.clone(), w.upos)).collect())
        .collect();
    let start = std::time::Instant::now();
    let model = train::train(&data, opt);
    let bytes = model.to_bytes();
    eprintln!(
        "{opt:?}: trained in {:.1?}, {} features, {} bytes",
        start.elapsed(),
        model.feature_count(),
        bytes.len()
    );
    for (name, set) in [
        ("EWT dev", &ewt_dev),
        ("GUM news held out", &held_out),
        ("EWT test", &ewt_test),
    ] {
        let acc = tagger::evaluate(&model, set);
        println!(
            "{name}: UPOS {:.2}% of {} words; PROPN recall {:.2}% of {}",
            100.0 * acc.overall(),
            acc.words,
            100.0 * acc.propn_recall(),
            acc.propn
        );
    }
    if errors {
        // Most frequent confusions on the tuning set.
        let mut confusions: std::collections::HashMap<(String, &str, &str), usize> =
            Default::default();
        for s in &ewt_dev {
            let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
            for (w, t) in s.words.iter().zip(model.tag(&forms)) {
                if w.upos != t {
                    *confusions
                        .entry((w.form.to_lowercase(), w.upos.as_str(), t.as_str()))
                        .or_default() += 1;
                    *confusions
                        .entry(("*".into(), w.upos.as_str(), t.as_str()))
                        .or_default() += 1;
                }
            }
        }
        let mut v: Vec<_> = confusions.into_iter().collect();
        v.sort_by_key(|e| std::cmp::Reverse(e.1));
        for ((w, g, p), n) in v.iter().take(60) {
            println!("{n:5} {w} gold {g} tagged {p}");
        }
    }
    let lemmas = lemma::train_table(&training);
    for (name, set) in [("GUM news held out", &held_out), ("EWT test", &ewt_test)] {
        let (n, ok) = lemma::evaluate_with(&lemmas, set);
        println!(
            "{name}: lemma accuracy (gold tags) {:.2}% of {n}",
            100.0 * ok as f64 / n.max(1) as f64
        );
    }
    if let Some(dir) = write {
        let model_path = dir.join("en.model");
        let lemma_path = dir.join("en-lemmas.tsv");
        if let Err(e) = std::fs::write(&model_path, &bytes)
            .and_then(|_| std::fs::write(&lemma_path, lemmas.to_tsv()))
        {
            eprintln!("cannot write to {}: {e}", dir.display());
            std::process::exit(1);
        }
        eprintln!(
            "wrote {} and {}",
            model_path.display(),
            lemma_path.display()
        );
    }
}
