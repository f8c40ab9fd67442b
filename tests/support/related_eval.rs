//! Measures related-passage ranking on real news data (../shared/corpora),
//! against a lexical TF-IDF baseline. Used by `tests/related_eval.rs`
//! (subsets, debug builds) and `examples/related_eval.rs` (everything,
//! release builds).
#![allow(dead_code)]

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;

use factline::analysis::related::{self, Options, PassageRef};
use factline::analysis::{Corpus, DocAnalysis, DocId, Settings, analyze_document};

/// Reads a text file, dropping a byte-order mark; invalid UTF-8 is replaced.
pub fn read(path: &Path) -> String {
    let bytes = std::fs::read(path).unwrap_or_default();
    let s = String::from_utf8_lossy(&bytes).into_owned();
    s.trim_start_matches('\u{feff}').to_string()
}

pub fn analyze(id: &str, text: &str) -> Arc<DocAnalysis> {
    Arc::new(analyze_document(
        DocId::new(id),
        Arc::from(text),
        &Settings::default(),
    ))
}

/// Documents analysed in parallel.
pub fn analyze_all(items: Vec<(String, String)>) -> Vec<Arc<DocAnalysis>> {
    use rayon::prelude::*;
    items
        .into_par_iter()
        .map(|(id, text)| analyze(&id, &text))
        .collect()
}

pub fn corpus_of(docs: &[Arc<DocAnalysis>]) -> Corpus {
    let mut corpus = Corpus::new();
    for d in docs {
        corpus.upsert(d.clone());
    }
    corpus
}

// ---------------------------------------------------------------------------
// TF-IDF baseline: lower-case tokens of two or more word characters, raw
// term counts, smoothed idf, L2-normalised vectors, cosine similarity (the
// usual scikit-learn defaults).

pub struct TfIdf {
    vocab: HashMap<String, u32>,
    idf: Vec<f32>,
    vectors: Vec<Vec<(u32, f32)>>,
    postings: Vec<Vec<(u32, f32)>>,
}

pub fn tokens(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|t| t.chars().count() >= 2)
        .map(str::to_lowercase)
        .collect()
}

impl TfIdf {
    pub fn new(texts: &[&str]) -> Self {
        let mut vocab: HashMap<String, u32> = HashMap::new();
        let mut df: Vec<u32> = Vec::new();
        let mut counts: Vec<HashMap<u32, f32>> = Vec::with_capacity(texts.len());
        for t in texts {
            let mut c: HashMap<u32, f32> = HashMap::new();
            for tok in tokens(t) {
                let n = vocab.len() as u32;
                let id = *vocab.entry(tok).or_insert(n);
                if id as usize >= df.len() {
                    df.push(0);
                }
                *c.entry(id).or_default() += 1.0;
            }
            for &id in c.keys() {
                df[id as usize] += 1;
            }
            counts.push(c);
        }
        let n = texts.len() as f32;
        let idf: Vec<f32> = df
            .iter()
            .map(|&d| ((1.0 + n) / (1.0 + d as f32)).ln() + 1.0)
            .collect();
        let mut postings: Vec<Vec<(u32, f32)>> = vec![Vec::new(); vocab.len()];
        let vectors: Vec<Vec<(u32, f32)>> = counts
            .into_iter()
            .enumerate()
            .map(|(doc, c)| {
                let mut v: Vec<(u32, f32)> = c
                    .into_iter()
                    .map(|(t, tf)| (t, tf * idf[t as usize]))
                    .collect();
                let norm = v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt().max(1e-9);
                for (t, w) in &mut v {
                    *w /= norm;
                    postings[*t as usize].push((doc as u32, *w));
                }
                v.sort_by_key(|&(t, _)| t);
                v
            })
            .collect();
        Self {
            vocab,
            idf,
            vectors,
            postings,
        }
    }

    pub fn cosine(&self, a: usize, b: usize) -> f32 {
        let (va, vb) = (&self.vectors[a], &self.vectors[b]);
        let (mut i, mut j, mut s) = (0, 0, 0.0);
        while i < va.len() && j < vb.len() {
            match va[i].0.cmp(&vb[j].0) {
                std::cmp::Ordering::Equal => {
                    s += va[i].1 * vb[j].1;
                    i += 1;
                    j += 1;
                }
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
            }
        }
        s
    }

    /// Documents ranked by cosine with document `q` (itself and those in
    /// `skip` left out), best first, at most `limit`.
    pub fn rank(&self, q: usize, limit: usize, skip: &dyn Fn(usize) -> bool) -> Vec<(usize, f32)> {
        let mut acc = vec![0.0f32; self.vectors.len()];
        let mut touched = Vec::new();
        for &(t, w) in &self.vectors[q] {
            for &(d, w2) in &self.postings[t as usize] {
                if acc[d as usize] == 0.0 {
                    touched.push(d as usize);
                }
                acc[d as usize] += w * w2;
            }
        }
        let mut v: Vec<(usize, f32)> = touched
            .into_iter()
            .map(|d| (d, acc[d]))
            .filter(|&(d, _)| d != q && !skip(d))
            .collect();
        v.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        v.truncate(limit);
        v
    }
}

// ---------------------------------------------------------------------------
// Ranking metrics.

#[derive(Clone, Copy, Debug, Default)]
pub struct RankScores {
    pub queries: usize,
    pub recall_at_1: f64,
    pub mrr: f64,
}

fn rank_scores(ranks: &[Option<usize>]) -> RankScores {
    let n = ranks.len().max(1) as f64;
    RankScores {
        queries: ranks.len(),
        recall_at_1: ranks.iter().filter(|r| **r == Some(1)).count() as f64 / n,
        mrr: ranks
            .iter()
            .map(|r| r.map_or(0.0, |k| 1.0 / k as f64))
            .sum::<f64>()
            / n,
    }
}

/// Spearman's rank correlation (ties get their mean rank).
pub fn spearman(x: &[f64], y: &[f64]) -> f64 {
    fn ranks(v: &[f64]) -> Vec<f64> {
        let mut idx: Vec<usize> = (0..v.len()).collect();
        idx.sort_by(|&a, &b| v[a].total_cmp(&v[b]));
        let mut r = vec![0.0; v.len()];
        let mut i = 0;
        while i < idx.len() {
            let mut j = i;
            while j + 1 < idx.len() && v[idx[j + 1]] == v[idx[i]] {
                j += 1;
            }
            let mean = (i + j) as f64 / 2.0 + 1.0;
            for k in i..=j {
                r[idx[k]] = mean;
            }
            i = j + 1;
        }
        r
    }
    let (rx, ry) = (ranks(x), ranks(y));
    let n = rx.len() as f64;
    let (mx, my) = (rx.iter().sum::<f64>() / n, ry.iter().sum::<f64>() / n);
    let mut num = 0.0;
    let (mut dx, mut dy) = (0.0, 0.0);
    for i in 0..rx.len() {
        num += (rx[i] - mx) * (ry[i] - my);
        dx += (rx[i] - mx).powi(2);
        dy += (ry[i] - my).powi(2);
    }
    num / (dx.sqrt() * dy.sqrt()).max(1e-12)
}

// ---------------------------------------------------------------------------
// MSRP: for each paraphrase pair, rank the second sentence among all
// sentences of the split.

pub struct MsrpResult {
    pub ours: RankScores,
    pub tfidf: RankScores,
    pub sentences: usize,
}

/// `file` is `msr_paraphrase_{train,test}.txt`; `max_pairs` limits the
/// number of queries (every sentence of the split stays in the corpus).
pub fn msrp(file: &Path, max_pairs: Option<usize>) -> MsrpResult {
    let text = read(file);
    let mut sentences: Vec<(String, String)> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for line in text.lines().skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 5 {
            continue;
        }
        let mut id = |sid: &str, s: &str| -> usize {
            *index.entry(sid.to_string()).or_insert_with(|| {
                sentences.push((sid.to_string(), s.to_string()));
                sentences.len() - 1
            })
        };
        let a = id(f[1], f[3]);
        let b = id(f[2], f[4]);
        if f[0] == "1" {
            pairs.push((a, b));
        }
    }
    if let Some(m) = max_pairs {
        pairs.truncate(m);
    }
    let docs = analyze_all(sentences.clone());
    let corpus = corpus_of(&docs);
    let options = Options {
        limit: 100,
        min_score: 0.0,
        first_min_score: 0.0,
        same_document: false,
        reasons: false,
    };
    let mut ours = Vec::new();
    for &(a, b) in &pairs {
        let d = &docs[a];
        let target = &docs[b].id;
        let span = d.related.passages.first().map_or(0..0, |p| p.span.clone());
        let results = related::query_with(&corpus, d, span, &options);
        // One entry per document: its best passage.
        let mut seen = HashSet::new();
        let rank = results
            .iter()
            .filter(|r| seen.insert(r.doc.clone()))
            .position(|r| &r.doc == target)
            .map(|p| p + 1);
        ours.push(rank);
    }
    let texts: Vec<&str> = sentences.iter().map(|(_, s)| s.as_str()).collect();
    let tfidf = TfIdf::new(&texts);
    let base: Vec<Option<usize>> = pairs
        .iter()
        .map(|&(a, b)| {
            tfidf
                .rank(a, 100, &|_| false)
                .iter()
                .position(|&(d, _)| d == b)
                .map(|p| p + 1)
        })
        .collect();
    MsrpResult {
        ours: rank_scores(&ours),
        tfidf: rank_scores(&base),
        sentences: sentences.len(),
    }
}

// ---------------------------------------------------------------------------
// STS: Spearman correlation of the pairwise score with the gold scores.

pub struct StsResult {
    pub pairs: usize,
    pub ours: f64,
    pub tfidf: f64,
}

/// `file` is a `score<TAB>sentence1<TAB>sentence2` file; unscored rows are
/// skipped. The corpus (for rarity) is every sentence of the file.
pub fn sts(file: &Path) -> StsResult {
    let text = read(file);
    let mut rows: Vec<(f64, String, String)> = Vec::new();
    for line in text.lines() {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 3 {
            continue;
        }
        let Ok(score) = f[0].trim().parse::<f64>() else {
            continue;
        };
        rows.push((score, f[1].to_string(), f[2].to_string()));
    }
    let mut items = Vec::new();
    for (i, (_, a, b)) in rows.iter().enumerate() {
        items.push((format!("a{i}"), a.clone()));
        items.push((format!("b{i}"), b.clone()));
    }
    let docs = analyze_all(items.clone());
    let corpus = corpus_of(&docs);
    let gold: Vec<f64> = rows.iter().map(|r| r.0).collect();
    let ours: Vec<f64> = (0..rows.len())
        .map(|i| {
            let (a, b) = (&docs[2 * i], &docs[2 * i + 1]);
            let mut best: f32 = 0.0;
            for ia in 0..a.related.passages.len() {
                for ib in 0..b.related.passages.len() {
                    let s = related::similarity(
                        &corpus,
                        PassageRef { doc: a, index: ia },
                        PassageRef { doc: b, index: ib },
                    );
                    best = best.max(s.score);
                }
            }
            f64::from(best)
        })
        .collect();
    let texts: Vec<&str> = items.iter().map(|(_, s)| s.as_str()).collect();
    let tfidf = TfIdf::new(&texts);
    let base: Vec<f64> = (0..rows.len())
        .map(|i| f64::from(tfidf.cosine(2 * i, 2 * i + 1)))
        .collect();
    StsResult {
        pairs: rows.len(),
        ours: spearman(&ours, &gold),
        tfidf: spearman(&base, &gold),
    }
}

// ---------------------------------------------------------------------------
// GVA: reports of the same incident by different outlets should find each
// other.

pub struct GvaResult {
    pub documents: usize,
    pub incidents: usize,
    pub passages: usize,
    /// Queries: the lead sentence of each document of a multi-report incident.
    pub queries: usize,
    /// Top result (ours / TF-IDF) from a document of the same incident.
    pub ours_p1: f64,
    pub tfidf_p1: f64,
    /// Every passage of a sample of those documents (one in `sample`): how
    /// many have a result at or above the related threshold, and how often
    /// the top one is of the same incident.
    pub thresholded: usize,
    pub thresholded_precision: f64,
}

/// Loads incidents from `docs` (sorted by folder name); `max_multi` and
/// `max_single` limit the multi-report incidents and the single-report ones
/// (distractors).
pub fn gva(
    docs_dir: &Path,
    max_multi: Option<usize>,
    max_single: Option<usize>,
    sample: usize,
) -> GvaResult {
    let mut dirs: Vec<_> = std::fs::read_dir(docs_dir)
        .map(|r| r.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    dirs.sort();
    let mut items: Vec<(String, String)> = Vec::new();
    let mut incident_of: Vec<usize> = Vec::new();
    let mut multi_docs: Vec<usize> = Vec::new();
    let (mut n_multi, mut n_single, mut incidents) = (0, 0, 0);
    for dir in dirs {
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .map(|r| r.filter_map(Result::ok).map(|e| e.path()).collect())
            .unwrap_or_default();
        files.sort();
        let multi = files.len() >= 2;
        if multi {
            if max_multi.is_some_and(|m| n_multi >= m) {
                continue;
            }
            n_multi += 1;
        } else {
            if max_single.is_some_and(|m| n_single >= m) {
                continue;
            }
            n_single += 1;
        }
        for f in files {
            if multi {
                multi_docs.push(items.len());
            }
            items.push((f.display().to_string(), read(&f)));
            incident_of.push(incidents);
        }
        incidents += 1;
    }
    let docs = analyze_all(items.clone());
    let corpus = corpus_of(&docs);
    let by_id: HashMap<DocId, usize> = docs
        .iter()
        .enumerate()
        .map(|(i, d)| (d.id.clone(), i))
        .collect();

    // Sentences that recur verbatim in two incidents are page furniture
    // (until boilerplate detection is wired in); they are not queries.
    let mut seen_in: HashMap<String, HashSet<usize>> = HashMap::new();
    for (i, d) in docs.iter().enumerate() {
        for p in &d.related.passages {
            seen_in
                .entry(normal(d.slice(p.span.clone())))
                .or_default()
                .insert(incident_of[i]);
        }
    }
    let furniture = |d: &DocAnalysis, p: &related::Passage| {
        seen_in
            .get(&normal(d.slice(p.span.clone())))
            .is_some_and(|s| s.len() > 1)
    };

    let options = Options {
        limit: 5,
        min_score: 0.0,
        first_min_score: 0.0,
        same_document: false,
        reasons: false,
    };
    // TF-IDF over sentences, for the baseline.
    let mut sent_texts: Vec<String> = Vec::new();
    let mut sent_doc: Vec<usize> = Vec::new();
    let mut sent_of: HashMap<(usize, usize), usize> = HashMap::new();
    for (i, d) in docs.iter().enumerate() {
        for (k, p) in d.related.passages.iter().enumerate() {
            sent_of.insert((i, k), sent_texts.len());
            sent_texts.push(d.slice(p.span.clone()).to_string());
            sent_doc.push(i);
        }
    }
    let refs: Vec<&str> = sent_texts.iter().map(String::as_str).collect();
    let tfidf = TfIdf::new(&refs);

    let (mut queries, mut ours_ok, mut base_ok) = (0, 0, 0);
    let (mut answered, mut answered_ok) = (0, 0);
    for (n, &i) in multi_docs.iter().enumerate() {
        let d = &docs[i];
        let lead = d
            .related
            .passages
            .iter()
            .position(|p| p.indexed && !p.headline && p.span.len() >= 60 && !furniture(d, p));
        if let Some(k) = lead {
            queries += 1;
            let results =
                related::query_with(&corpus, d, d.related.passages[k].span.clone(), &options);
            if results
                .first()
                .and_then(|r| by_id.get(&r.doc))
                .is_some_and(|&j| incident_of[j] == incident_of[i])
            {
                ours_ok += 1;
            }
            let q = sent_of[&(i, k)];
            let top = tfidf.rank(q, 1, &|s| sent_doc[s] == i).into_iter().next();
            if top.is_some_and(|(s, _)| incident_of[sent_doc[s]] == incident_of[i]) {
                base_ok += 1;
            }
        }
        for p in &d.related.passages {
            if n % sample.max(1) != 0 || !p.indexed || furniture(d, p) {
                continue;
            }
            let results = related::query_with(
                &corpus,
                d,
                p.span.clone(),
                &Options {
                    limit: 1,
                    min_score: related::MIN_SCORE,
                    first_min_score: related::FIRST_MIN_SCORE,
                    same_document: false,
                    reasons: false,
                },
            );
            if let Some(r) = results.first() {
                answered += 1;
                if by_id
                    .get(&r.doc)
                    .is_some_and(|&j| incident_of[j] == incident_of[i])
                {
                    answered_ok += 1;
                }
            }
        }
    }
    GvaResult {
        documents: docs.len(),
        incidents,
        passages: corpus.related().passages(),
        queries,
        ours_p1: ours_ok as f64 / queries.max(1) as f64,
        tfidf_p1: base_ok as f64 / queries.max(1) as f64,
        thresholded: answered,
        thresholded_precision: answered_ok as f64 / answered.max(1) as f64,
    }
}

fn normal(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

// ---------------------------------------------------------------------------
// BM25 baseline over the same units as the TF-IDF one: the same tokens,
// k1 = 1.2, b = 0.75, the query's distinct tokens, idf
// ln(1 + (N − df + 0.5)/(df + 0.5)).

pub struct Bm25 {
    vocab: HashMap<String, u32>,
    idf: Vec<f32>,
    lens: Vec<f32>,
    avg_len: f32,
    /// Per token: (unit, count).
    postings: Vec<Vec<(u32, f32)>>,
    /// Per unit: its distinct tokens.
    units: Vec<Vec<u32>>,
}

impl Bm25 {
    const K1: f32 = 1.2;
    const B: f32 = 0.75;

    pub fn new(texts: &[&str]) -> Self {
        let mut vocab: HashMap<String, u32> = HashMap::new();
        let mut postings: Vec<Vec<(u32, f32)>> = Vec::new();
        let mut lens = Vec::with_capacity(texts.len());
        let mut units = Vec::with_capacity(texts.len());
        for (u, t) in texts.iter().enumerate() {
            let toks = tokens(t);
            lens.push(toks.len() as f32);
            let mut c: HashMap<u32, f32> = HashMap::new();
            for tok in toks {
                let n = vocab.len() as u32;
                let id = *vocab.entry(tok).or_insert(n);
                if id as usize >= postings.len() {
                    postings.push(Vec::new());
                }
                *c.entry(id).or_default() += 1.0;
            }
            let mut ids: Vec<u32> = c.keys().copied().collect();
            ids.sort_unstable();
            for &id in &ids {
                postings[id as usize].push((u as u32, c[&id]));
            }
            units.push(ids);
        }
        let n = texts.len() as f32;
        let idf = postings
            .iter()
            .map(|p| {
                let df = p.len() as f32;
                (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
            })
            .collect();
        let avg_len = lens.iter().sum::<f32>() / n.max(1.0);
        Self {
            vocab,
            idf,
            lens,
            avg_len: avg_len.max(1.0),
            postings,
            units,
        }
    }

    /// Units ranked by BM25 of unit `q`'s tokens (itself and those in
    /// `skip` left out), best first, at most `limit`.
    pub fn rank(&self, q: usize, limit: usize, skip: &dyn Fn(usize) -> bool) -> Vec<(usize, f32)> {
        let mut acc = vec![0.0f32; self.lens.len()];
        let mut touched = Vec::new();
        for &t in &self.units[q] {
            let idf = self.idf[t as usize];
            for &(u, tf) in &self.postings[t as usize] {
                let len = self.lens[u as usize];
                let part = tf * (Self::K1 + 1.0)
                    / (tf + Self::K1 * (1.0 - Self::B + Self::B * len / self.avg_len));
                if acc[u as usize] == 0.0 {
                    touched.push(u as usize);
                }
                acc[u as usize] += idf * part;
            }
        }
        let mut v: Vec<(usize, f32)> = touched
            .into_iter()
            .map(|u| (u, acc[u]))
            .filter(|&(u, _)| u != q && !skip(u))
            .collect();
        v.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        v.truncate(limit);
        v
    }
}

// ---------------------------------------------------------------------------
// ECB+ dev: news on the same kinds of event, each topic holding two real
// events. Every article is indexed as one corpus; each query sentence
// should find the sentences of other articles that report the same event
// (`related_sentences.tsv`). Articles are one sentence per line; a result
// passage counts as the lines it covers.

/// The topics weights and constants are tuned on, fixed before any result
/// was looked at: the dev split's eight topics in numeric order, every
/// other one.
pub const ECB_TUNING: [&str; 4] = ["2", "12", "21", "34"];
/// The topics reported on and never tuned on: the other four.
pub const ECB_HELD_OUT: [&str; 4] = ["5", "18", "23", "35"];

/// Which queries a measure covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EcbSplit {
    Tuning,
    HeldOut,
    All,
}

impl EcbSplit {
    pub fn name(self) -> &'static str {
        match self {
            EcbSplit::Tuning => "tuning",
            EcbSplit::HeldOut => "held-out",
            EcbSplit::All => "all",
        }
    }

    pub fn has(self, topic: &str) -> bool {
        match self {
            EcbSplit::Tuning => ECB_TUNING.contains(&topic),
            EcbSplit::HeldOut => ECB_HELD_OUT.contains(&topic),
            EcbSplit::All => true,
        }
    }
}

pub struct EcbQuery {
    pub topic: String,
    /// Index into [`Ecb::docs`].
    pub doc: usize,
    /// Line (= gold sentence id) of the query.
    pub line: usize,
    /// (document, line) of every sentence of another article reporting the
    /// same event.
    pub gold: HashSet<(usize, usize)>,
}

pub struct Ecb {
    pub docs: Vec<Arc<DocAnalysis>>,
    pub corpus: Corpus,
    /// Per document, the byte range of each line.
    pub lines: Vec<Vec<std::ops::Range<usize>>>,
    pub queries: Vec<EcbQuery>,
}

/// Ranked (document, line) units, best first, duplicates removed.
pub type Ranking = Vec<(usize, usize)>;

/// Reads `ecbplus-dev`: every article, and the queries with their gold.
pub fn ecb_load(dir: &Path) -> Ecb {
    let mut files: Vec<_> = std::fs::read_dir(dir.join("docs"))
        .map(|r| r.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.sort();
    let mut items = Vec::new();
    for f in &files {
        let name = f
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        items.push((name, read(f)));
    }
    let lines: Vec<Vec<std::ops::Range<usize>>> = items
        .iter()
        .map(|(_, text)| {
            let mut out = Vec::new();
            let mut start = 0;
            for l in text.split_inclusive('\n') {
                out.push(start..start + l.trim_end().len());
                start += l.len();
            }
            out
        })
        .collect();
    let by_name: HashMap<String, usize> = items
        .iter()
        .enumerate()
        .map(|(i, (n, _))| (n.clone(), i))
        .collect();
    let docs = analyze_all(items);
    let corpus = corpus_of(&docs);
    let mut queries = Vec::new();
    for row in read(&dir.join("related_sentences.tsv")).lines().skip(1) {
        let f: Vec<&str> = row.split('\t').collect();
        if f.len() < 4 {
            continue;
        }
        let (Some(&doc), Ok(line)) = (by_name.get(f[0]), f[1].parse::<usize>()) else {
            continue;
        };
        let gold: HashSet<(usize, usize)> = f[3]
            .split_whitespace()
            .filter_map(|g| {
                let (d, s) = g.rsplit_once(':')?;
                Some((*by_name.get(d)?, s.parse().ok()?))
            })
            .collect();
        if gold.is_empty() || line >= lines[doc].len() {
            continue;
        }
        let topic = f[0].split('_').next().unwrap_or("").to_string();
        queries.push(EcbQuery {
            topic,
            doc,
            line,
            gold,
        });
    }
    Ecb {
        docs,
        corpus,
        lines,
        queries,
    }
}

impl Ecb {
    /// The lines of document `d` that `span` covers.
    pub fn lines_of(&self, d: usize, span: &std::ops::Range<usize>) -> Vec<usize> {
        self.lines[d]
            .iter()
            .enumerate()
            .filter(|(_, l)| {
                l.start < span.end.max(span.start + 1) && span.start < l.end.max(l.start + 1)
            })
            .map(|(i, _)| i)
            .collect()
    }

    /// factline's ranking for query `q`.
    pub fn ours(&self, q: &EcbQuery) -> Ranking {
        let options = Options {
            limit: 100,
            min_score: 0.0,
            first_min_score: 0.0,
            same_document: false,
            reasons: false,
        };
        let by_id: HashMap<&DocId, usize> = self
            .docs
            .iter()
            .enumerate()
            .map(|(i, d)| (&d.id, i))
            .collect();
        let d = &self.docs[q.doc];
        let results =
            related::query_with(&self.corpus, d, self.lines[q.doc][q.line].clone(), &options);
        let mut out = Vec::new();
        let mut seen = HashSet::new();
        for r in results {
            let Some(&j) = by_id.get(&r.doc) else {
                continue;
            };
            for l in self.lines_of(j, &r.span) {
                if seen.insert((j, l)) {
                    out.push((j, l));
                }
            }
        }
        out
    }

    /// Every line of every article as one unit, for the baselines:
    /// (units' texts, unit → (document, line)).
    pub fn units(&self) -> (Vec<&str>, Vec<(usize, usize)>) {
        let mut texts = Vec::new();
        let mut at = Vec::new();
        for (d, doc) in self.docs.iter().enumerate() {
            for (l, span) in self.lines[d].iter().enumerate() {
                texts.push(doc.slice(span.clone()));
                at.push((d, l));
            }
        }
        (texts, at)
    }
}

#[derive(Clone, Copy, Debug, Default)]
pub struct EcbScores {
    pub queries: usize,
    pub recall_at_1: f64,
    pub recall_at_5: f64,
    pub mrr: f64,
}

impl std::fmt::Display for EcbScores {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "recall@1 {:.3} recall@5 {:.3} MRR {:.3}",
            self.recall_at_1, self.recall_at_5, self.mrr
        )
    }
}

/// Recall@k: the share of queries with a gold sentence among the first k
/// results; MRR: the mean of 1 / the rank of the first gold sentence (0 when
/// none is in the first 100).
pub fn ecb_scores(ecb: &Ecb, split: EcbSplit, rank: &dyn Fn(&EcbQuery) -> Ranking) -> EcbScores {
    let mut s = EcbScores::default();
    for q in ecb.queries.iter().filter(|q| split.has(&q.topic)) {
        let ranking = rank(q);
        let first = ranking.iter().take(100).position(|u| q.gold.contains(u));
        s.queries += 1;
        if first == Some(0) {
            s.recall_at_1 += 1.0;
        }
        if first.is_some_and(|p| p < 5) {
            s.recall_at_5 += 1.0;
        }
        s.mrr += first.map_or(0.0, |p| 1.0 / (p + 1) as f64);
    }
    let n = s.queries.max(1) as f64;
    s.recall_at_1 /= n;
    s.recall_at_5 /= n;
    s.mrr /= n;
    s
}

/// A baseline's ranking of the units other than a query unit and those
/// it skips.
type UnitRanker<'a> = &'a dyn Fn(usize, &dyn Fn(usize) -> bool) -> Vec<(usize, f32)>;

pub struct EcbResult {
    pub split: EcbSplit,
    pub ours: EcbScores,
    pub tfidf: EcbScores,
    pub bm25: EcbScores,
}

/// factline, TF-IDF and BM25 on each split. The baselines index the same
/// articles' lines and rank the lines of the other articles.
pub fn ecb(ecb: &Ecb, splits: &[EcbSplit]) -> Vec<EcbResult> {
    let (texts, at) = ecb.units();
    let unit_of: HashMap<(usize, usize), usize> =
        at.iter().enumerate().map(|(i, &u)| (u, i)).collect();
    let tfidf = TfIdf::new(&texts);
    let bm25 = Bm25::new(&texts);
    let baseline = |scores: UnitRanker<'_>, q: &EcbQuery| -> Ranking {
        let Some(&u) = unit_of.get(&(q.doc, q.line)) else {
            return Vec::new();
        };
        scores(u, &|v| at[v].0 == q.doc)
            .into_iter()
            .map(|(v, _)| at[v])
            .collect()
    };
    let by_tfidf = |q: &EcbQuery| baseline(&|u, skip| tfidf.rank(u, 100, skip), q);
    let by_bm25 = |q: &EcbQuery| baseline(&|u, skip| bm25.rank(u, 100, skip), q);
    splits
        .iter()
        .map(|&split| EcbResult {
            split,
            ours: ecb_scores(ecb, split, &|q| ecb.ours(q)),
            tfidf: ecb_scores(ecb, split, &by_tfidf),
            bm25: ecb_scores(ecb, split, &by_bm25),
        })
        .collect()
}
