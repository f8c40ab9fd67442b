//! Every rule over real Spanish text: the sentences of Universal
//! Dependencies Spanish-GSD (news, blogs, encyclopaedia; CC BY-SA 4.0), read
//! from `../shared/corpora/ud-treebanks/es-gsd` and never copied here.
//!
//! The sentences are laid out as articles (three sentences a paragraph,
//! seven paragraphs a document, in the treebank's order) and checked as one
//! folder, so the cross-document rules compare them too. Every finding is
//! mapped to its sentence's `sent_id` and looked up in
//! `tests/fixtures/es-gsd/judged.tsv`, where a person who read the sentence
//! said whether the finding is right (`ok`) or not (`wrong`), with a reason
//! in their own words. The dev split is the one the Spanish reading was
//! tuned on; the test split is held out. Printed: findings per rule, the rate
//! per 1,000 sentences and the precision over the judged findings, with the
//! English figure of the rule's documentation beside it.
//!
//! Run: `cargo test --test spanish_real -- --nocapture` (the unjudged
//! findings are listed with their sentence; with `ES_GSD_LIST=1`, every
//! finding with its verdict).

mod common;

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use factline::analysis::{
    Corpus, DocId, RuleScope, Settings, analyze_document, apply_edits, check, fix_all,
};

/// Sentences a paragraph, paragraphs a document: an article's shape.
const PER_PARAGRAPH: usize = 3;
const PER_DOCUMENT: usize = 21;

/// Precision of each rule on English held-out text, from the "## Measured"
/// section of its documentation.
const ENGLISH: &[(&str, f64, &str)] = &[
    ("anonymous-source", 0.85, "PolNeAR dev"),
    ("unattributed-quote", 1.00, "PolNeAR dev, 2 findings"),
    ("weasel-attribution", 0.56, "Szeged WikiWeasel"),
    ("unattributed-statistic", 0.28, "scraped news, 25 read"),
    ("inconsistent-figure", 0.57, "ECB+ dev and GVA"),
    ("boilerplate", 0.997, "L3S-GN1 held-out lines"),
];

struct Sentence {
    id: String,
    text: String,
}

/// Whether a sentence's quotation marks open and close inside it. The
/// treebank cut its sentences from their texts, so a quotation may open in
/// a sentence it does not hold; laid beside an unrelated sentence, its mark
/// would pair with a mark there, which no real text does.
fn balanced(s: &str) -> bool {
    let count = |c: char| s.chars().filter(|&x| x == c).count();
    count('"') % 2 == 0
        && count('«') == count('»')
        && count('“') == count('”')
        && s.split_whitespace()
            .map(|w| w.trim_end_matches([',', '.', ';', ':', ')', '!', '?']))
            .filter(|w| w.starts_with('\'') || w.ends_with('\''))
            .count()
            % 2
            == 0
}

fn read_conllu(path: &std::path::Path) -> Vec<Sentence> {
    let data = std::fs::read_to_string(path).expect("readable CoNLL-U");
    let mut out = Vec::new();
    let mut id = None;
    for line in data.lines() {
        if let Some(v) = line.strip_prefix("# sent_id = ") {
            id = Some(v.trim().to_string());
        } else if let Some(v) = line.strip_prefix("# text = ")
            && let Some(id) = id.take()
        {
            out.push(Sentence {
                id,
                text: v.trim().to_string(),
            });
        }
    }
    out
}

/// `(rule, sent_id)` → verdict.
fn judged() -> HashMap<(String, String), bool> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/es-gsd/judged.tsv"
    );
    let data = std::fs::read_to_string(path).unwrap_or_default();
    let mut out = HashMap::new();
    for line in data.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        assert!(cols.len() >= 3, "judged.tsv: bad line {line:?}");
        let ok = match cols[2] {
            "ok" => true,
            "wrong" => false,
            v => panic!("judged.tsv: verdict {v:?} is neither ok nor wrong"),
        };
        out.insert((cols[0].to_string(), cols[1].to_string()), ok);
    }
    out
}

/// What one split gives.
#[derive(Default)]
struct Tally {
    sentences: usize,
    documents: usize,
    not_spanish: usize,
    /// rule → (findings, judged right, judged wrong)
    rules: BTreeMap<&'static str, (usize, usize, usize)>,
    unjudged: Vec<String>,
    /// Every finding with its verdict, listed when `ES_GSD_LIST` is set.
    listed: Vec<String>,
    /// Sentences `--fix` would remove or change.
    fixed_away: Vec<String>,
}

fn run(split: &str, sentences: &[Sentence], verdicts: &HashMap<(String, String), bool>) -> Tally {
    run_laid_out(split, sentences, verdicts, PER_PARAGRAPH)
}

fn run_laid_out(
    split: &str,
    sentences: &[Sentence],
    verdicts: &HashMap<(String, String), bool>,
    per_paragraph: usize,
) -> Tally {
    let settings = Settings::default();
    let mut tally = Tally {
        sentences: sentences.len(),
        ..Tally::default()
    };
    // Each document's text and where each sentence sits in it.
    let mut docs = Vec::new();
    for (n, chunk) in sentences.chunks(PER_DOCUMENT).enumerate() {
        let mut text = String::new();
        let mut at = Vec::new();
        for (k, s) in chunk.iter().enumerate() {
            if k > 0 {
                text.push_str(if k % per_paragraph == 0 { "\n\n" } else { " " });
            }
            at.push((text.len()..text.len() + s.text.len(), s));
            text.push_str(&s.text);
        }
        text.push('\n');
        let doc = Arc::new(analyze_document(
            DocId::new(format!("{split}-{n:03}.txt")),
            Arc::from(text.as_str()),
            &settings,
        ));
        if doc.language.lang != factline::analysis::language::Lang::Spanish {
            tally.not_spanish += 1;
        }
        docs.push((doc, at));
    }
    tally.documents = docs.len();
    let mut corpus = Corpus::new();
    corpus.upsert_many(docs.iter().map(|(d, _)| d.clone()).collect());
    for (doc, at) in &docs {
        let findings = check(doc, &corpus, &settings, RuleScope::All);
        for f in &findings {
            let Some((span, s)) = at
                .iter()
                .find(|(r, _)| r.start <= f.span.start && f.span.start < r.end.max(r.start + 1))
            else {
                continue;
            };
            let entry = tally.rules.entry(f.code).or_default();
            entry.0 += 1;
            let verdict = verdicts.get(&(f.code.to_string(), s.id.clone()));
            tally.listed.push(format!(
                "{}\t{}\t{}\t«{}» in: {}",
                f.code,
                s.id,
                verdict.map_or("unjudged", |&v| if v { "ok" } else { "wrong" }),
                doc.text.get(f.span.clone()).unwrap_or(""),
                doc.text.get(span.clone()).unwrap_or("")
            ));
            match verdict {
                Some(true) => entry.1 += 1,
                Some(false) => entry.2 += 1,
                None => tally.unjudged.push(format!(
                    "{}\t{}\t«{}» in: {}",
                    f.code,
                    s.id,
                    doc.text.get(f.span.clone()).unwrap_or(""),
                    doc.text.get(span.clone()).unwrap_or("")
                )),
            }
        }
        if let Some(fix) = fix_all(doc, &findings) {
            let fixed = apply_edits(&doc.text, &fix.edits);
            for (_, s) in at {
                if !fixed.contains(s.text.as_str()) {
                    tally.fixed_away.push(format!("{}: {}", s.id, s.text));
                }
            }
        }
    }
    tally
}

fn report(split: &str, t: &Tally) {
    eprintln!(
        "es-gsd {split}: {} sentences in {} documents ({} not read as Spanish)",
        t.sentences, t.documents, t.not_spanish
    );
    for (rule, en, data) in ENGLISH {
        let (n, ok, wrong) = t.rules.get(rule).copied().unwrap_or_default();
        let precision = if ok + wrong > 0 {
            format!(
                "{:.2} ({ok} of {})",
                ok as f64 / (ok + wrong) as f64,
                ok + wrong
            )
        } else {
            "-".to_string()
        };
        eprintln!(
            "  {rule:<24} {n:>3} findings, {:>6.2} per 1,000 sentences, precision {precision:<14} English {en:.2} ({data})",
            n as f64 * 1000.0 / t.sentences.max(1) as f64
        );
    }
    for (rule, (n, _, _)) in &t.rules {
        if !ENGLISH.iter().any(|(r, _, _)| r == rule) {
            eprintln!("  {rule:<24} {n:>3} findings");
        }
    }
    for u in &t.unjudged {
        eprintln!("  unjudged: {u}");
    }
    if std::env::var_os("ES_GSD_LIST").is_some() {
        for l in &t.listed {
            eprintln!("  finding: {l}");
        }
    }
}

#[test]
fn every_rule_on_real_spanish_sentences() {
    let Some(dir) = common::shared("corpora/ud-treebanks/es-gsd") else {
        return;
    };
    let verdicts = judged();
    let mut held_out = None;
    for split in ["dev", "test"] {
        let all = read_conllu(&dir.join(format!("es_gsd-ud-{split}.conllu")));
        assert!(all.len() > 100, "{split}: {} sentences", all.len());
        let total = all.len();
        let sentences: Vec<Sentence> = all.into_iter().filter(|s| balanced(&s.text)).collect();
        eprintln!(
            "es-gsd {split}: {} of {total} sentences left out: their quotation marks open or close outside them",
            total - sentences.len()
        );
        let t = run(split, &sentences, &verdicts);
        report(split, &t);
        assert_eq!(t.not_spanish, 0, "{split}: documents not read as Spanish");
        assert!(
            t.fixed_away.is_empty(),
            "{split}: --fix would remove Spanish prose:\n{}",
            t.fixed_away.join("\n")
        );
        if split == "test" {
            held_out = Some(t);
        }
    }
    let t = held_out.expect("test split read");
    // Every sentence a paragraph of its own: short lines one after another,
    // the shape of a navigation menu, must still be read as prose.
    let all = read_conllu(&dir.join("es_gsd-ud-test.conllu"));
    let sentences: Vec<Sentence> = all.into_iter().filter(|s| balanced(&s.text)).collect();
    let lines = run_laid_out("test", &sentences, &verdicts, 1);
    let furniture = lines.rules.get("boilerplate").map_or(0, |r| r.0);
    eprintln!(
        "es-gsd test, one sentence a paragraph: {furniture} boilerplate findings, {} sentences --fix would remove",
        lines.fixed_away.len()
    );
    assert!(
        lines.fixed_away.is_empty(),
        "--fix would remove Spanish prose laid out one sentence a line:\n{}",
        lines.fixed_away.join("\n")
    );
    // The held-out split is judged in full, so its precision is a measure,
    // not a sample of what happened to be read.
    assert!(
        t.unjudged.is_empty(),
        "{} findings on the held-out split are not judged in tests/fixtures/es-gsd/judged.tsv",
        t.unjudged.len()
    );
}
