//! Page furniture on the five seed articles (`../shared/seeds`, skipped with
//! a notice when missing): every line judged furniture in
//! `tests/fixtures/seeds/furniture.tsv` is flagged — as boilerplate, or inside
//! the generated FAQ — and no other non-blank line (the article) is.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use factline::analysis::{Corpus, DocId, RuleScope, Settings, analyze_document, check};

/// (file stem, 1-based line) -> what the line is.
fn judged() -> BTreeMap<(String, usize), String> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/seeds/furniture.tsv"
    );
    std::fs::read_to_string(path)
        .expect("furniture.tsv")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let mut f = l.split('\t');
            let (stem, line, what) = (f.next(), f.next(), f.next());
            (
                (
                    stem.expect("stem").to_string(),
                    line.and_then(|n| n.parse().ok()).expect("line number"),
                ),
                what.expect("what the line is").to_string(),
            )
        })
        .collect()
}

#[test]
fn seed_furniture_is_flagged_and_the_articles_are_not() {
    let Some(dir) = common::shared("seeds") else {
        return;
    };
    let judged = judged();
    let settings = Settings::default();
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("seeds")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    assert_eq!(paths.len(), 5, "the five seed articles");
    let mut corpus = Corpus::new();
    let docs: Vec<_> = paths
        .iter()
        .map(|p| {
            let text = std::fs::read_to_string(p).expect("seed");
            let doc = Arc::new(analyze_document(
                DocId::new(p.display().to_string()),
                Arc::from(text),
                &settings,
            ));
            corpus.upsert(doc.clone());
            (p.file_stem().unwrap().to_string_lossy().to_string(), doc)
        })
        .collect();
    let (mut furniture, mut found, mut article, mut article_flagged) = (0, 0, 0, Vec::new());
    for (stem, doc) in &docs {
        // Lines inside a generated-FAQ finding: the FAQ is reported as a
        // whole, not line by line.
        let faq: BTreeSet<usize> = check(doc, &corpus, &settings, RuleScope::All)
            .iter()
            .filter(|f| f.code == "generated-faq")
            .flat_map(|f| {
                let first = doc.segmentation.line_at(f.span.start);
                let last = doc.segmentation.line_at(f.span.end.saturating_sub(1));
                first..=last
            })
            .collect();
        for (i, line) in doc.segmentation.lines.iter().enumerate() {
            if doc.text[line.span.clone()].trim().is_empty() {
                continue;
            }
            let flagged = doc.is_boilerplate_line(i) || faq.contains(&i);
            match judged.get(&(stem.clone(), i + 1)) {
                Some(what) => {
                    furniture += 1;
                    if flagged {
                        found += 1;
                    } else {
                        println!("missed furniture: {stem} line {} ({what})", i + 1);
                    }
                }
                None => {
                    article += 1;
                    if flagged {
                        article_flagged.push(format!("{stem} line {}", i + 1));
                    }
                }
            }
        }
    }
    println!(
        "seeds: {found} of {furniture} furniture lines flagged; {} of {article} article lines flagged",
        article_flagged.len()
    );
    assert_eq!(
        furniture,
        judged.len(),
        "every judged line is a non-blank line of a seed"
    );
    assert_eq!(found, furniture, "every piece of furniture is flagged");
    assert!(
        article_flagged.is_empty(),
        "article lines flagged: {article_flagged:?}"
    );
}
