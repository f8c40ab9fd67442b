//! A draft that restates the five seed articles in its own words, with
//! seven figures changed: each changed figure must be flagged with the seed
//! it contradicts, no kept figure may be flagged, and the seeds (which
//! agree) must stay quiet. The seeds are read from `../shared/seeds`; the
//! test says so and stops when they are missing.

mod common;

use std::sync::Arc;

use factline::analysis::{
    Corpus, DocAnalysis, DocId, Finding, RuleScope, Settings, analyze_document, check,
};

/// Written for this test: the seeds' story told in other words. Each line
/// after the title carries one figure checked below.
const DRAFT: &str = "Rubio heads south: what the record says

Secretary of State Marco Rubio reached Mexico City on Thursday, September 4, for talks with President Claudia Sheinbaum on security and fentanyl.

He was due to land in Ecuador on September 3 to see President Daniel Noboa.

The tour is Rubio's second trip to Latin America since he became the top U.S. diplomat.

Days before he left, Trump said a U.S. strike on a boat run by the Tren de Aragua gang had killed 14 alleged members.

Washington has sent more than 4,000 troops and several warships to the Caribbean.

Sheinbaum gathered 32 governors at her top security forum hours before Rubio arrived.

Mexico has extradited 65 cartel figures to the United States.

Mexico escaped 30% tariffs on its exports by winning a 60-day pause to negotiate a trade deal.

Caracas freed 15 political prisoners this week to ease the pressure.

Ecuador counted more than 5,000 murders by July, and its homicide rate rose 40% in 2025.

The U.S. military base in Ecuador was closed in 2008, under President Rafael Correa.
";

/// The changed figures, and the seed (by file-name prefix) that gives the
/// true value.
const WRONG: [(&str, &str); 7] = [
    ("September 4", "000_"),
    ("second trip", "001_"),
    ("14", "001_"),
    ("65", "001_"),
    ("60-day", "003_"),
    ("15", "000_"),
    ("2008", "004_"),
];

/// Figures the draft keeps: never flagged.
const RIGHT: [&str; 7] = ["September 3", "4,000", "32", "30%", "5,000", "40%", "2025"];

fn seed_corpus() -> Option<(Corpus, Vec<DocId>)> {
    let dir = common::shared("seeds")?;
    let mut corpus = Corpus::new();
    let mut names = Vec::new();
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("readable seeds")
        .map(|e| e.expect("entry").path())
        .collect();
    paths.sort();
    for path in paths {
        let text = std::fs::read_to_string(&path).expect("UTF-8 seed");
        let name = path.file_name().expect("file name").to_string_lossy();
        let id = DocId::new(format!("/seeds/{name}"));
        names.push(id.clone());
        corpus.upsert(Arc::new(analyze_document(
            id,
            Arc::from(text.as_str()),
            &Settings::default(),
        )));
    }
    Some((corpus, names))
}

/// The settings of a desk that names its draft (`drafts` globs,
/// `--draft`, or the editor's document outside the sources).
fn settings() -> Settings {
    Settings {
        drafts: factline::analysis::settings::Drafts::new([DocId::new("/draft.txt")]),
        ..Settings::default()
    }
}

/// Adds the draft (analysed as any file is) to `corpus` under its name.
fn add_draft(corpus: &mut Corpus) -> (DocId, Arc<DocAnalysis>) {
    let id = DocId::new("/draft.txt");
    corpus.upsert(Arc::new(analyze_document(
        id.clone(),
        Arc::from(DRAFT),
        &Settings::default(),
    )));
    let draft = corpus.get(&id).expect("in corpus").clone();
    (id, draft)
}

fn only_figures(found: Vec<Finding>) -> Vec<Finding> {
    found
        .into_iter()
        .filter(|f| f.code == "inconsistent-figure")
        .collect()
}

fn figure_findings(doc: &DocAnalysis, corpus: &Corpus) -> Vec<Finding> {
    only_figures(check(doc, corpus, &settings(), RuleScope::All))
}

#[test]
fn a_restating_draft_gets_its_changed_figures_flagged() {
    let Some((mut corpus, seeds)) = seed_corpus() else {
        return;
    };
    let (id, draft) = add_draft(&mut corpus);
    let found = figure_findings(&draft, &corpus);
    for f in &found {
        println!("{} | {}", &DRAFT[f.span.clone()], f.message);
    }
    // A finding covers a wrong figure when its span lies inside the
    // figure's words (or they inside it) and it names the right seed.
    let covers = |needle: &str, seed: &str| {
        let at = DRAFT.find(needle).expect("figure in draft");
        let words = at..at + needle.len();
        found.iter().any(|f| {
            f.span.start < words.end
                && words.start < f.span.end
                && f.related.iter().any(|r| r.doc.as_str().contains(seed))
        })
    };
    let flagged: Vec<&str> = WRONG
        .iter()
        .filter(|(needle, seed)| covers(needle, seed))
        .map(|(needle, _)| *needle)
        .collect();
    println!("flagged {} of {}: {flagged:?}", flagged.len(), WRONG.len());
    assert_eq!(flagged.len(), WRONG.len(), "{found:#?}");
    for right in RIGHT {
        let at = DRAFT.find(right).expect("figure in draft");
        assert!(
            !found
                .iter()
                .any(|f| f.span.start < at + right.len() && at < f.span.end),
            "kept figure {right} flagged: {found:#?}"
        );
    }
    // Every finding is one of the changed figures.
    for f in &found {
        let text = &DRAFT[f.span.clone()];
        assert!(
            WRONG
                .iter()
                .any(|(needle, _)| needle.contains(text) || text.contains(needle)),
            "unexpected finding on {text:?}: {}",
            f.message
        );
    }
    // The seeds agree among themselves: the draft is the only one wrong,
    // so a seed's findings all point at the draft.
    for seed in &seeds {
        let doc = corpus.get(seed).expect("in corpus");
        for f in figure_findings(doc, &corpus) {
            assert!(
                f.related.iter().all(|r| r.doc == id),
                "{}: {}",
                doc.name,
                f.message
            );
        }
    }
}

/// Naming a file a draft in the settings changes how its figures are
/// compared (as a restatement of its sources) while its text stays as it
/// was: the comparisons kept from a check made before must not stand in
/// for the new ones.
#[test]
fn naming_the_draft_takes_effect_without_an_edit() {
    let Some((mut corpus, _)) = seed_corpus() else {
        return;
    };
    let (_, draft) = add_draft(&mut corpus);
    let as_source = only_figures(check(&draft, &corpus, &Settings::default(), RuleScope::All));
    let as_draft = figure_findings(&draft, &corpus);
    // A fresh corpus that never saw the draft checked as a source.
    let (mut fresh, _) = seed_corpus().expect("seeds read above");
    let (_, fresh_draft) = add_draft(&mut fresh);
    let expected = figure_findings(&fresh_draft, &fresh);
    assert_ne!(
        format!("{as_source:?}"),
        format!("{expected:?}"),
        "the draft setting changes these findings, or this test shows nothing"
    );
    assert_eq!(format!("{as_draft:?}"), format!("{expected:?}"));
}
