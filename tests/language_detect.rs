//! The language of a document measured on text the detector was never
//! tuned on: the sentences of the Universal Dependencies treebanks
//! (English EWT dev and test, Spanish GSD dev and test), one sentence at a
//! time and in consecutive sentences gathered to 30 words (a paragraph).
//! Skipped with a notice when `../shared` is missing; prints its figures
//! (`cargo test --test language_detect -- --nocapture`).

mod common;

use std::path::Path;

use factline::analysis::language::{Lang, detect};

/// The `# text = …` lines of a CoNLL-U file.
fn sentences(path: &Path) -> Vec<String> {
    let data = std::fs::read_to_string(path).unwrap_or_default();
    data.lines()
        .filter_map(|l| l.strip_prefix("# text = "))
        .map(str::to_string)
        .collect()
}

struct Score {
    n: usize,
    right: usize,
    unknown: usize,
    wrong: usize,
}

fn score(texts: &[String], want: Lang) -> Score {
    let mut s = Score {
        n: 0,
        right: 0,
        unknown: 0,
        wrong: 0,
    };
    for t in texts {
        s.n += 1;
        match detect(t) {
            l if l == want => s.right += 1,
            Lang::Unknown => s.unknown += 1,
            _ => s.wrong += 1,
        }
    }
    s
}

#[test]
fn detector_on_treebank_sentences() {
    let Some(ud) = common::shared("corpora/ud-treebanks") else {
        return;
    };
    let mut en = sentences(&ud.join("en-ewt/en_ewt-ud-dev.conllu"));
    en.extend(sentences(&ud.join("en-ewt/en_ewt-ud-test.conllu")));
    let mut es = sentences(&ud.join("es-gsd/es_gsd-ud-dev.conllu"));
    es.extend(sentences(&ud.join("es-gsd/es_gsd-ud-test.conllu")));
    assert!(en.len() > 4000 && es.len() > 1800);
    for (name, texts, want) in [
        ("English EWT", &en, Lang::English),
        ("Spanish GSD", &es, Lang::Spanish),
    ] {
        // Sentences of eight words or more: a line of prose.
        let long: Vec<String> = texts
            .iter()
            .filter(|t| t.split_whitespace().count() >= 8)
            .cloned()
            .collect();
        // Consecutive sentences gathered to 30 words or more: a paragraph.
        let mut docs: Vec<String> = Vec::new();
        let mut cur = String::new();
        for t in texts.iter() {
            cur.push_str(t);
            cur.push(' ');
            if cur.split_whitespace().count() >= 30 {
                docs.push(std::mem::take(&mut cur));
            }
        }
        let (s, d) = (score(&long, want), score(&docs, want));
        println!(
            "{name}: {} sentences of 8+ words: right {:.3}, unknown {:.3}, wrong {:.3} | {} paragraphs of 30+ words: right {:.3}, unknown {:.3}, wrong {:.3}",
            s.n,
            s.right as f64 / s.n as f64,
            s.unknown as f64 / s.n as f64,
            s.wrong as f64 / s.n as f64,
            d.n,
            d.right as f64 / d.n as f64,
            d.unknown as f64 / d.n as f64,
            d.wrong as f64 / d.n as f64,
        );
        // The wrong language is the costly error (a Spanish source read
        // with English rules); "unknown" only means too little to tell.
        assert!(
            s.wrong as f64 / s.n as f64 <= 0.01,
            "{name}: {} wrong",
            s.wrong
        );
        assert!(
            d.wrong as f64 / d.n as f64 <= 0.005,
            "{name}: {} wrong",
            d.wrong
        );
        assert!(
            d.right as f64 / d.n as f64 >= 0.95,
            "{name}: {} right",
            d.right
        );
    }
}
