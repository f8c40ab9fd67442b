//! The shipped boilerplate line model measured on pages it never saw
//! (skipped with a notice when `../shared` is missing):
//!
//! - L3S-GN1, the held-out part (`boilerplate::model::held_out`: one page in
//!   five, by a hash of its name): line precision and recall, where a line
//!   is *positive* when labelled `not-content` or `related` and *negative*
//!   when labelled `headline` or `fulltext`; the share flagged of every
//!   label (`comments` and `supplemental`: captions, bylines, datelines,
//!   are reported, not scored); precision by the reason given.
//! - CleanEval dev (generic 2006 web pages, out of domain): line precision
//!   and recall against the silver `content`/`boilerplate` labels.
//!
//! - Kept-text token F1: the words of the lines left unflagged against the
//!   words of the human article body (L3S-GN1 held-out pages: the
//!   `headline` and `fulltext` lines; CleanEval dev: the gold text), as a
//!   bag of lower-cased words summed over the pages.
//!
//! The floors sit a margin under what the detector achieved when they were
//! set, so a regression fails; the figures are printed.

mod common;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use factline::analysis::boilerplate::{Reason, model, template_lines};
use factline::analysis::{Corpus, DocAnalysis, DocId, Settings, analyze_document};

fn pages(dir: &Path) -> Vec<(String, Arc<DocAnalysis>, Vec<String>)> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("pages")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    let settings = Settings::default();
    paths
        .iter()
        .map(|p| {
            let text = std::fs::read_to_string(p).expect("page");
            let labels = std::fs::read_to_string(p.with_extension("labels")).expect("labels");
            let name = p
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or("")
                .to_string();
            let doc = analyze_document(
                DocId::new(p.display().to_string()),
                Arc::from(text),
                &settings,
            );
            (
                name,
                Arc::new(doc),
                labels.lines().map(str::to_string).collect(),
            )
        })
        .collect()
}

#[derive(Default, Debug)]
struct Score {
    tp: usize,
    fp: usize,
    fn_: usize,
}

impl Score {
    fn add(&mut self, positive: bool, flagged: bool) {
        match (positive, flagged) {
            (true, true) => self.tp += 1,
            (false, true) => self.fp += 1,
            (true, false) => self.fn_ += 1,
            _ => {}
        }
    }
    fn precision(&self) -> f64 {
        self.tp as f64 / (self.tp + self.fp).max(1) as f64
    }
    fn recall(&self) -> f64 {
        self.tp as f64 / (self.tp + self.fn_).max(1) as f64
    }
    fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        2.0 * p * r / (p + r).max(1e-9)
    }
}

/// Bag-of-words overlap of kept text against a human article body,
/// summed over pages.
#[derive(Default, Debug)]
struct Kept {
    overlap: usize,
    kept: usize,
    gold: usize,
}

fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

impl Kept {
    fn add(&mut self, kept: &str, gold: &str) {
        let mut bag: HashMap<String, usize> = HashMap::new();
        for w in words(gold) {
            *bag.entry(w).or_default() += 1;
            self.gold += 1;
        }
        for w in words(kept) {
            self.kept += 1;
            if let Some(n) = bag.get_mut(&w).filter(|n| **n > 0) {
                *n -= 1;
                self.overlap += 1;
            }
        }
    }
    fn f1(&self) -> (f64, f64, f64) {
        let p = self.overlap as f64 / self.kept.max(1) as f64;
        let r = self.overlap as f64 / self.gold.max(1) as f64;
        (p, r, 2.0 * p * r / (p + r).max(1e-9))
    }
}

/// The text of the lines of `doc` that are not flagged.
fn kept_text(doc: &DocAnalysis) -> String {
    let mut out = String::new();
    for (i, line) in doc.segmentation.lines.iter().enumerate() {
        if !doc.is_boilerplate_line(i) {
            out.push_str(&doc.text[line.span.clone()]);
            out.push('\n');
        }
    }
    out
}

fn reason_name(r: &Reason) -> &'static str {
    match r {
        Reason::Cue(_) => "cue",
        Reason::Custom(_) => "custom",
        Reason::Slug { .. } => "slug",
        Reason::DateStamp => "date stamp",
        Reason::NameByline => "byline",
        Reason::AuthorBio => "author bio",
        Reason::ReaderInterface => "reader interface",
        Reason::Navigation { .. } => "navigation",
        Reason::Repeated { .. } => "repeated",
        Reason::Isolated => "isolated",
        Reason::Learned { .. } => "learned",
        Reason::Comments { .. } => "comments",
        Reason::RelatedBlock { .. } => "related block",
        Reason::Faq { .. } => "faq",
    }
}

type Page = (String, Arc<DocAnalysis>, Vec<String>);

/// Pages of one site, as far as the flattened text tells: two pages are of
/// one site when they share at least [`SITE_SHARED_LINES`] lines that people
/// labelled as page furniture (`not-content`, `related`, `supplemental`), of
/// at least [`SITE_LINE_CHARS`] characters, found on no more than
/// [`SITE_MAX_PAGES`] pages (a site's own template wording, not a phrase
/// every site uses); the groups are the connected pages. The page names
/// carry no address, so this is the evidence there is. Returns each page's
/// group number, in the order of `pages`.
fn site_groups(pages: &[Page]) -> Vec<usize> {
    let furniture: Vec<std::collections::HashSet<&str>> = pages
        .iter()
        .map(|(_, doc, labels)| {
            doc.segmentation
                .lines
                .iter()
                .zip(labels)
                .filter(|(_, l)| matches!(l.as_str(), "not-content" | "related" | "supplemental"))
                .map(|(line, _)| doc.text[line.span.clone()].trim())
                .filter(|t| t.chars().count() >= SITE_LINE_CHARS)
                .collect()
        })
        .collect();
    let mut holders: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, lines) in furniture.iter().enumerate() {
        for line in lines {
            holders.entry(line).or_default().push(i);
        }
    }
    let mut shared: HashMap<(usize, usize), usize> = HashMap::new();
    for pages in holders.values() {
        if pages.len() < 2 || pages.len() > SITE_MAX_PAGES {
            continue;
        }
        for (k, &a) in pages.iter().enumerate() {
            for &b in &pages[k + 1..] {
                *shared.entry((a, b)).or_default() += 1;
            }
        }
    }
    let mut parent: Vec<usize> = (0..pages.len()).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    let mut pairs: Vec<_> = shared.into_iter().collect();
    pairs.sort_unstable();
    for ((a, b), n) in pairs {
        if n >= SITE_SHARED_LINES {
            let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
            parent[ra] = rb;
        }
    }
    (0..pages.len()).map(|i| root(&mut parent, i)).collect()
}

/// A site's template shares more than one line between its pages; one
/// shared line is often a syndicated headline in two sites' link lists.
const SITE_SHARED_LINES: usize = 2;
/// Short lines ("Home", "Print") are every site's.
const SITE_LINE_CHARS: usize = 15;
/// A line on more pages than this is common wording, not one site's
/// template (the largest site has 17 pages).
const SITE_MAX_PAGES: usize = 8;

/// What the detector does on some labelled pages.
#[derive(Default)]
struct Report {
    pages: usize,
    alone: Score,
    with_corpus: Score,
    /// Label -> (flagged, lines).
    by_label: BTreeMap<String, (usize, usize)>,
    /// Reason -> (furniture, article) lines flagged.
    by_reason: BTreeMap<&'static str, (usize, usize)>,
    kept: Kept,
    keep_all: Kept,
    /// Label -> words left unflagged.
    kept_by_label: BTreeMap<String, usize>,
}

fn measure(pages: &[&Page], corpus: &Corpus) -> Report {
    let mut r = Report {
        pages: pages.len(),
        ..Report::default()
    };
    for (_, doc, labels) in pages {
        let gold: String = doc
            .segmentation
            .lines
            .iter()
            .zip(labels)
            .filter(|(_, l)| matches!(l.as_str(), "headline" | "fulltext"))
            .map(|(line, _)| format!("{}\n", &doc.text[line.span.clone()]))
            .collect();
        r.kept.add(&kept_text(doc), &gold);
        r.keep_all.add(&doc.text, &gold);
        for (i, (line, label)) in doc.segmentation.lines.iter().zip(labels).enumerate() {
            if !doc.is_boilerplate_line(i) {
                *r.kept_by_label.entry(label.clone()).or_default() +=
                    words(&doc.text[line.span.clone()]).count();
            }
        }
        let template: Vec<std::ops::Range<usize>> = template_lines(doc, corpus)
            .into_iter()
            .map(|t| t.lines)
            .collect();
        for (i, label) in labels.iter().enumerate() {
            let flagged = doc.is_boilerplate_line(i);
            let shared = template.iter().any(|r| r.contains(&i));
            let slot = r.by_label.entry(label.clone()).or_default();
            slot.0 += usize::from(flagged);
            slot.1 += 1;
            let positive = match label.as_str() {
                "not-content" | "related" => true,
                "headline" | "fulltext" => false,
                _ => continue,
            };
            r.alone.add(positive, flagged);
            r.with_corpus.add(positive, flagged || shared);
            if let Some(region) = doc.boilerplate.region_of_line(i) {
                let slot = r.by_reason.entry(reason_name(&region.reason)).or_default();
                if positive {
                    slot.0 += 1;
                } else {
                    slot.1 += 1;
                }
            }
        }
    }
    r
}

fn print_report(what: &str, r: &Report) {
    for (name, s) in [
        ("document evidence", &r.alone),
        ("with corpus evidence", &r.with_corpus),
    ] {
        println!(
            "L3S-GN1 {what} ({} pages), {name}: precision {:.3}, recall {:.3}, F1 {:.3} ({s:?})",
            r.pages,
            s.precision(),
            s.recall(),
            s.f1()
        );
    }
    for (name, k) in [("unflagged lines", &r.kept), ("every line", &r.keep_all)] {
        let (p, rc, f) = k.f1();
        println!(
            "L3S-GN1 {what} kept-text tokens, {name}: precision {p:.3}, recall {rc:.3}, F1 {f:.3}"
        );
    }
    println!("  words left unflagged, by label: {:?}", r.kept_by_label);
    for (label, (flagged, lines)) in &r.by_label {
        println!(
            "  {label}: {flagged} of {lines} lines flagged ({:.1}%)",
            *flagged as f64 * 100.0 / (*lines).max(1) as f64
        );
    }
    for (reason, (good, bad)) in &r.by_reason {
        println!("  flagged as {reason}: {good} furniture lines, {bad} article lines");
    }
}

#[test]
fn l3s_held_out_pages() {
    let Some(dir) = common::shared("corpora/l3s-gn1-news-boilerplate/pages") else {
        return;
    };
    let all = pages(&dir);
    let mut corpus = Corpus::new();
    for (_, d, _) in &all {
        corpus.upsert(d.clone());
    }
    let held: Vec<&Page> = all.iter().filter(|(n, _, _)| model::held_out(n)).collect();
    assert!(held.len() > 100, "{} held-out pages", held.len());
    let r = measure(&held, &corpus);
    print_report("held-out", &r);
    assert!(r.alone.precision() >= FLOOR_PRECISION, "{:?}", r.alone);
    assert!(r.kept.f1().2 >= FLOOR_KEPT_F1, "{:?}", r.kept);
    assert!(r.alone.recall() >= FLOOR_RECALL, "{:?}", r.alone);
    assert!(
        r.with_corpus.precision() >= FLOOR_PRECISION,
        "{:?}",
        r.with_corpus
    );

    // The held-out pages of sites that no training page comes from: the
    // model learned nothing of their templates.
    let groups = site_groups(&all);
    let trained: std::collections::HashSet<usize> = all
        .iter()
        .zip(&groups)
        .filter(|((n, _, _), _)| !model::held_out(n))
        .map(|(_, g)| *g)
        .collect();
    let unseen: Vec<&Page> = all
        .iter()
        .zip(&groups)
        .filter(|((n, _, _), g)| model::held_out(n) && !trained.contains(g))
        .map(|(p, _)| p)
        .collect();
    let sites = groups
        .iter()
        .collect::<std::collections::HashSet<_>>()
        .len();
    println!(
        "{} pages in {sites} site groups; {} of {} held-out pages are of a site no training page is of",
        all.len(),
        unseen.len(),
        held.len()
    );
    assert!(unseen.len() >= 30, "{} unseen-site pages", unseen.len());
    let u = measure(&unseen, &corpus);
    print_report("held-out, unseen sites", &u);
    assert!(u.alone.precision() >= FLOOR_PRECISION, "{:?}", u.alone);
    assert!(u.kept.f1().2 >= UNSEEN_FLOOR_KEPT_F1, "{:?}", u.kept);
    assert!(u.alone.f1() >= UNSEEN_FLOOR_LINE_F1, "{:?}", u.alone);
}

/// Kept-text token F1 on the held-out pages of unseen sites (44 pages);
/// achieved when set: 0.927 (keeping every line: 0.701).
const UNSEEN_FLOOR_KEPT_F1: f64 = 0.91;
/// Line F1 (document evidence) on the same pages; achieved when set: 0.951
/// (precision 0.992, recall 0.914).
const UNSEEN_FLOOR_LINE_F1: f64 = 0.935;

/// Achieved when set (held-out part, document evidence): precision 0.997,
/// recall 0.903 (without comment sections: 0.889; the model confirming and
/// growing the rules' flags only: 0.855; the hand-written rules alone:
/// 0.864).
const FLOOR_PRECISION: f64 = 0.99;
const FLOOR_RECALL: f64 = 0.89;
/// Kept-text token F1 on the held-out pages; achieved when set: 0.914
/// (0.851 before readers' comments were one block; 0.837 before the model
/// started blocks of its own; keeping every line: 0.677).
const FLOOR_KEPT_F1: f64 = 0.90;

#[test]
fn cleaneval_out_of_domain() {
    let Some(dir) = common::shared("corpora/cleaneval-dev/pages") else {
        return;
    };
    let all = pages(&dir);
    let gold_dir = dir.with_file_name("gold");
    let mut s = Score::default();
    let (mut kept, mut keep_all) = (Kept::default(), Kept::default());
    for (name, doc, labels) in &all {
        if let Ok(gold) = std::fs::read_to_string(gold_dir.join(format!("{name}.txt"))) {
            // The gold text without its URL line and markers.
            let gold: String = gold
                .lines()
                .filter(|l| !l.starts_with("URL:"))
                .map(|l| {
                    l.replace("<p>", " ")
                        .replace("<h>", " ")
                        .replace("<l>", " ")
                        + "\n"
                })
                .collect();
            kept.add(&kept_text(doc), &gold);
            keep_all.add(&doc.text, &gold);
        }
        for (i, label) in labels.iter().enumerate() {
            let positive = match label.as_str() {
                "boilerplate" => true,
                "content" => false,
                _ => continue,
            };
            s.add(positive, doc.is_boilerplate_line(i));
        }
    }
    println!(
        "CleanEval dev ({} pages): precision {:.3}, recall {:.3}, F1 {:.3} ({s:?})",
        all.len(),
        s.precision(),
        s.recall(),
        s.f1()
    );
    for (name, k) in [("unflagged lines", &kept), ("every line", &keep_all)] {
        let (p, r, f) = k.f1();
        println!(
            "CleanEval dev kept-text tokens, {name}: precision {p:.3}, recall {r:.3}, F1 {f:.3}"
        );
    }
    assert!(s.precision() >= CLEANEVAL_FLOOR_PRECISION, "{s:?}");
    assert!(kept.f1().2 >= CLEANEVAL_FLOOR_KEPT_F1, "{kept:?}");
}

/// Generic web pages are not news: precision is what must hold there.
/// Achieved when set: precision 0.803, recall 0.811 (before readers'
/// comments were one block: 0.824 and 0.803; before the model started
/// blocks of its own: 0.853 and 0.742; the rules alone: 0.806 and 0.674).
/// What it flags there against the silver labels is metadata and listing
/// lines (catalogue records, forum user names, comment counts), and the
/// comments of three blogs, which CleanEval's gold keeps as content.
const CLEANEVAL_FLOOR_PRECISION: f64 = 0.80;
/// Kept-text token F1 against the CleanEval gold text; achieved when set:
/// 0.943 (0.956 before comment sections; keeping every line: 0.929).
const CLEANEVAL_FLOOR_KEPT_F1: f64 = 0.94;
