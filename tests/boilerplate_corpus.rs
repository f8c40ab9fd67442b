//! The boilerplate detector measured on real third-party data (skipped with
//! a notice when `../shared` is missing):
//!
//! - L3S-GN1: 621 news pages flattened to lines, each labelled by people.
//!   Line-level precision and recall, where a line is *positive* when
//!   labelled `not-content` or `related` and *negative* when labelled
//!   `headline` or `fulltext`. `supplemental` (captions, datelines, bylines:
//!   some are furniture, some open the story) and `comments` (readers'
//!   comments: page content, but not the article) are left out of both and
//!   reported as flag rates on their own.
//! - BBC News: 2,225 clean articles, where almost nothing should be
//!   flagged: flags per 1,000 lines, and time per document.
//! - The GVA scraped articles: flags per 1,000 lines (read them with
//!   `cargo run --example boilerplate_lines`).
//!
//! The floors below sit a margin under what the detector achieved when
//! they were set, so a regression fails; the figures are printed.

mod common;

use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

use factline::analysis::boilerplate::{reads_as_prose, shared_template_lines, template_lines};
use factline::analysis::{
    Corpus, DocAnalysis, DocId, RuleScope, Settings, analyze_document, check, fix_all,
};

fn analyse(path: &Path, settings: &Settings) -> Option<Arc<DocAnalysis>> {
    let text = std::fs::read_to_string(path).ok()?;
    Some(Arc::new(analyze_document(
        DocId::new(path.display().to_string()),
        Arc::from(text),
        settings,
    )))
}

fn txt_files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "txt") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

#[derive(Default, Debug)]
struct Counts {
    tp: usize,
    fp: usize,
    fn_: usize,
    tn: usize,
    supplemental: (usize, usize),
    comments: (usize, usize),
    headline: (usize, usize),
}

impl Counts {
    fn precision(&self) -> f64 {
        self.tp as f64 / (self.tp + self.fp).max(1) as f64
    }
    fn recall(&self) -> f64 {
        self.tp as f64 / (self.tp + self.fn_).max(1) as f64
    }
}

fn score(counts: &mut Counts, label: &str, flagged: bool) {
    let f = usize::from(flagged);
    match label {
        "not-content" | "related" => {
            if flagged {
                counts.tp += 1
            } else {
                counts.fn_ += 1
            }
        }
        "headline" | "fulltext" => {
            if label == "headline" {
                counts.headline.0 += f;
                counts.headline.1 += 1;
            }
            if flagged {
                counts.fp += 1
            } else {
                counts.tn += 1
            }
        }
        "supplemental" => {
            counts.supplemental.0 += f;
            counts.supplemental.1 += 1;
        }
        "comments" => {
            counts.comments.0 += f;
            counts.comments.1 += 1;
        }
        other => panic!("unknown label {other:?}"),
    }
}

#[test]
fn l3s_gn1_line_precision_and_recall() {
    let Some(dir) = common::shared("corpora/l3s-gn1-news-boilerplate/pages") else {
        return;
    };
    let settings = Settings::default();
    let mut docs = Vec::new();
    for path in txt_files(&dir) {
        let labels = std::fs::read_to_string(path.with_extension("labels")).expect("labels");
        let doc = analyse(&path, &settings).expect("readable page");
        docs.push((doc, labels));
    }
    assert!(docs.len() > 600, "{} pages", docs.len());

    let mut corpus = Corpus::new();
    for (doc, _) in &docs {
        corpus.upsert(doc.clone());
    }
    let (mut alone, mut with_corpus) = (Counts::default(), Counts::default());
    for (doc, labels) in &docs {
        let template: Vec<std::ops::Range<usize>> = template_lines(doc, &corpus)
            .into_iter()
            .map(|t| t.lines)
            .collect();
        let labels: Vec<&str> = labels.lines().collect();
        for (i, label) in labels.iter().enumerate() {
            let flagged = doc.is_boilerplate_line(i);
            score(&mut alone, label, flagged);
            let shared = template.iter().any(|r| r.contains(&i));
            score(&mut with_corpus, label, flagged || shared);
        }
    }
    for (name, c) in [
        ("document evidence", &alone),
        ("with corpus evidence", &with_corpus),
    ] {
        println!(
            "L3S-GN1 {name}: precision {:.3}, recall {:.3} (tp {}, fp {}, fn {}, tn {}); \
             flagged: headlines {}/{}, supplemental {}/{}, comments {}/{}",
            c.precision(),
            c.recall(),
            c.tp,
            c.fp,
            c.fn_,
            c.tn,
            c.headline.0,
            c.headline.1,
            c.supplemental.0,
            c.supplemental.1,
            c.comments.0,
            c.comments.1
        );
    }
    assert!(alone.precision() >= FLOOR_PRECISION, "{alone:?}");
    // Headlines are protected; on these full pages some sit inside menus.
    assert!(alone.headline.0 * 4 <= alone.headline.1, "{alone:?}");
    assert!(alone.recall() >= FLOOR_RECALL, "{alone:?}");
    assert!(
        with_corpus.precision() >= FLOOR_PRECISION,
        "{with_corpus:?}"
    );
    assert!(with_corpus.recall() >= alone.recall());
}

/// Achieved when set: precision 0.994, recall 0.876 (document evidence).
const FLOOR_PRECISION: f64 = 0.98;
const FLOOR_RECALL: f64 = 0.84;

fn flags_per_thousand(dir: &Path, label: &str) -> Option<(f64, usize, f64)> {
    let settings = Settings::default();
    let files = txt_files(dir);
    if files.is_empty() {
        return None;
    }
    let texts: Vec<String> = files
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect();
    let started = Instant::now();
    let docs: Vec<Arc<DocAnalysis>> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| {
            Arc::new(analyze_document(
                DocId::new(format!("{label}/{i}")),
                Arc::from(t.as_str()),
                &settings,
            ))
        })
        .collect();
    let per_doc_us = started.elapsed().as_secs_f64() * 1e6 / docs.len() as f64;
    let mut lines = 0usize;
    let mut flagged = 0usize;
    for d in &docs {
        for (i, l) in d.segmentation.lines.iter().enumerate() {
            if d.text[l.span.clone()].trim().is_empty() {
                continue;
            }
            lines += 1;
            flagged += usize::from(d.is_boilerplate_line(i));
        }
    }
    Some((flagged as f64 * 1000.0 / lines as f64, lines, per_doc_us))
}

#[test]
fn bbc_clean_articles_are_left_alone() {
    let Some(dir) = common::shared("corpora/bbc-news-2225") else {
        return;
    };
    let (rate, lines, us) = flags_per_thousand(&dir, "bbc").expect("BBC files");
    println!(
        "BBC: {rate:.2} flagged lines per 1,000 non-blank lines ({lines} lines); \
         {us:.0} µs per document (analysis, this build profile)"
    );
    assert!(rate <= CEILING_BBC, "{rate}");
}

/// Achieved when set: 1.71 flagged lines per 1,000 (sports fixture boxes
/// and "Listen to the full interview" promos); must stay under 2.
const CEILING_BBC: f64 = 2.0;

#[test]
fn gva_scraped_articles_rate() {
    let Some(dir) = common::shared("corpora/gva-multisource-incidents/docs") else {
        return;
    };
    let (rate, lines, us) = flags_per_thousand(&dir, "gva").expect("GVA files");
    println!(
        "GVA: {rate:.1} flagged lines per 1,000 non-blank lines ({lines} lines); {us:.0} µs per document"
    );
    // Scraped pages carry furniture, but most lines are reporting.
    assert!(rate > 20.0 && rate < 150.0, "{rate}");
}

/// Lines of `doc` (by index) that `fix` deletes.
fn removed_lines(doc: &DocAnalysis, fix: &factline::analysis::Fix) -> Vec<usize> {
    doc.segmentation
        .lines
        .iter()
        .enumerate()
        .filter(|(_, l)| !doc.text[l.span.clone()].trim().is_empty())
        .filter(|(_, l)| {
            fix.edits
                .iter()
                .any(|e| e.span.start <= l.span.start && l.span.end <= e.span.end)
        })
        .map(|(i, _)| i)
        .collect()
}

/// Fix-all over a whole corpus (corpus evidence included), as
/// `factline check --fix` applies it: for each document, the lines removed,
/// each with whether it is shared site template text (the one kind of
/// prose the removal guard lets a fix delete).
fn fix_all_removals(docs: &[Arc<DocAnalysis>]) -> Vec<Vec<(usize, bool)>> {
    let settings = Settings::default();
    let mut corpus = Corpus::new();
    for d in docs {
        corpus.upsert(d.clone());
    }
    docs.iter()
        .map(|d| {
            let findings = check(d, &corpus, &settings, RuleScope::All);
            let Some(fix) = fix_all(d, &findings) else {
                return Vec::new();
            };
            let template = shared_template_lines(d, &corpus);
            removed_lines(d, &fix)
                .into_iter()
                .map(|i| (i, template[i]))
                .collect()
        })
        .collect()
}

fn analyse_dir(dir: &Path) -> Vec<(Arc<DocAnalysis>, std::path::PathBuf)> {
    let settings = Settings::default();
    txt_files(dir)
        .into_iter()
        .filter_map(|p| analyse(&p, &settings).map(|d| (d, p)))
        .collect()
}

/// Clean edited articles: fix-all removes no line that reads as prose
/// (template text shared by several articles aside), and next to nothing
/// at all: every removed line is printed.
#[test]
fn fix_all_on_clean_articles_removes_no_prose() {
    let Some(dir) = common::shared("corpora/bbc-news-2225") else {
        return;
    };
    let docs: Vec<Arc<DocAnalysis>> = analyse_dir(&dir).into_iter().map(|(d, _)| d).collect();
    let removals = fix_all_removals(&docs);
    let (mut removed, mut template) = (0, 0);
    let mut prose = Vec::new();
    for (d, lines) in docs.iter().zip(&removals) {
        for &(i, shared) in lines {
            removed += 1;
            template += usize::from(shared);
            let t = &d.text[d.segmentation.lines[i].span.clone()];
            println!("  removed{}: {t}", if shared { " (template)" } else { "" });
            if reads_as_prose(t) && !shared {
                prose.push(t.to_string());
            }
        }
    }
    println!(
        "BBC fix-all: {removed} lines removed in {} documents ({template} shared template lines), {} prose",
        docs.len(),
        prose.len()
    );
    assert!(prose.is_empty(), "{prose:#?}");
    assert!(removed <= CEILING_BBC_REMOVED, "{removed}");
}

/// Achieved when set: 43 lines in 2,225 articles, 32 of them lines shared
/// by several articles (fixture boxes, referee lists, kick-off times and
/// dates of match reports), the others dates and venues of fixture boxes
/// and two promos; none prose but one recurring author biography.
const CEILING_BBC_REMOVED: usize = 50;

/// The labelled sets: fix-all never removes a line that people labelled as
/// the article (L3S-GN1 `headline`/`fulltext`, CleanEval `content`) and
/// that reads as prose, unless it is template text shared across the
/// corpus (a wire copyright notice); every removed article line is
/// printed, with the count.
#[test]
fn fix_all_on_labelled_pages_removes_no_article_prose() {
    let mut failures = Vec::new();
    for (name, sub, article, ceiling) in [
        (
            "L3S-GN1",
            "corpora/l3s-gn1-news-boilerplate/pages",
            &["headline", "fulltext"][..],
            CEILING_L3S_ARTICLE_REMOVED,
        ),
        (
            "CleanEval",
            "corpora/cleaneval-dev/pages",
            &["content"][..],
            CEILING_CLEANEVAL_ARTICLE_REMOVED,
        ),
    ] {
        let Some(dir) = common::shared(sub) else {
            continue;
        };
        let pages = analyse_dir(&dir);
        let docs: Vec<Arc<DocAnalysis>> = pages.iter().map(|(d, _)| d.clone()).collect();
        let removals = fix_all_removals(&docs);
        let (mut removed, mut article_lines, mut article_removed) = (0usize, 0usize, 0usize);
        for ((d, path), lines) in pages.iter().zip(&removals) {
            let labels = std::fs::read_to_string(path.with_extension("labels")).expect("labels");
            let labels: Vec<&str> = labels.lines().collect();
            article_lines += labels.iter().filter(|l| article.contains(l)).count();
            removed += lines.len();
            for &(i, shared) in lines {
                if labels.get(i).is_some_and(|l| article.contains(l)) {
                    article_removed += 1;
                    let t = &d.text[d.segmentation.lines[i].span.clone()];
                    let prose = reads_as_prose(t);
                    println!(
                        "  {name} removed article line{}: {t}",
                        if shared { " (template)" } else { "" }
                    );
                    if prose && !shared {
                        failures.push(format!("{name}: {t}"));
                    }
                }
            }
        }
        println!(
            "{name} fix-all: {removed} lines removed; {article_removed} of {article_lines} article lines removed"
        );
        if article_removed > ceiling {
            failures.push(format!(
                "{name}: {article_removed} article lines removed (ceiling {ceiling})"
            ));
        }
    }
    assert!(failures.is_empty(), "article prose removed: {failures:#?}");
}

/// Article lines fix-all may remove at most (short lines people labelled
/// as the article: photo credits, standfirsts, a forum post's title; none
/// reads as prose). Set at what fix-all removed before the line model
/// flagged lines on its own (229 of 8,923 and 613 of 4,686); achieved when
/// set, with the model's own flags left out of bulk removal: 221 and 590
/// (with them: 249 and 831).
const CEILING_L3S_ARTICLE_REMOVED: usize = 229;
const CEILING_CLEANEVAL_ARTICLE_REMOVED: usize = 613;
