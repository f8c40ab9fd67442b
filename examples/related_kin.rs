//! Learns which word stems restate each other (`data/lexicon/en/related_stems.tsv`):
//! pairs of stems that stand on the two sides of a paraphrase, one in each
//! sentence and neither in both, more often than on the two sides of a
//! pair that is not one.
//!
//! ```text
//! cargo run --release --example related_kin            # print what it would keep
//! cargo run --release --example related_kin -- --write # and write the table
//! ```
//!
//! Training data (the same tuning parts as `related_learn`; nothing here is
//! evaluated on afterwards):
//! - MSRP train: paraphrases against pairs labelled not paraphrases;
//! - STS 2012 MSRpar train: pairs graded 4 or more against 2.5 or less;
//! - ECB+ dev, tuning topics only (`ECB_TUNING`): each query sentence with
//!   each sentence of another article reporting the same event, against
//!   the other sentences of the topic's other articles that share a word
//!   with it (the same story, another event or another fact).
//!
//! For each pair, every stem of one sentence that the other lacks is paired
//! with every such stem of the other. A stem pair is kept when it is seen
//! on at least `MIN_POSITIVE` paraphrases, stands there more often than
//! chance (pointwise mutual information over the paraphrases' unshared
//! stems of at least `MIN_PMI`), and a pair that shows it is more likely a
//! paraphrase than not with the two kinds weighing the same:
//! `p = c⁺ / (c⁺ + c⁻·N⁺/N⁻ + 1)` of at least `MIN_P`. Its weight is `p`.
//! Every count is of distinct stories, not pairs: an MSRP or STS pair is
//! a story of its own, an ECB+ topic one story, since the reports of one
//! event repeat its names and places beside each other in every pair.

#[path = "../tests/support/related_eval.rs"]
#[allow(dead_code)]
mod eval;

use std::collections::{HashMap, HashSet};
use std::path::Path;

use factline::analysis::related::stems;

const MIN_POSITIVE: f64 = 3.0;
const MIN_PMI: f64 = 1.0;
const MIN_P: f64 = 0.6;

/// Stem-pair counts in distinct stories (see [`Counts::add`]).
#[derive(Default)]
struct Counts {
    /// Interned stems.
    ids: HashMap<String, u32>,
    names: Vec<String>,
    /// (smaller id, larger id) → per kind (paraphrase, not): the last story
    /// counted and the stories that show the pair.
    pairs: HashMap<(u32, u32), [(u32, f64); 2]>,
    /// Stem → (last story, paraphrase stories where it is unshared).
    marginal: HashMap<u32, (u32, f64)>,
    /// Paraphrase and other stories.
    n: [f64; 2],
    last_story: [u32; 2],
    /// Sentence → its interned stems.
    memo: HashMap<String, HashSet<u32>>,
}

impl Counts {
    fn id(&mut self, s: &str) -> u32 {
        if let Some(&i) = self.ids.get(s) {
            return i;
        }
        let i = self.names.len() as u32;
        self.ids.insert(s.to_string(), i);
        self.names.push(s.to_string());
        i
    }

    fn stem_ids(&mut self, text: &str) -> HashSet<u32> {
        if let Some(s) = self.memo.get(text) {
            return s.clone();
        }
        let ids: HashSet<u32> = stems(text).iter().map(|s| self.id(s)).collect();
        self.memo.insert(text.to_string(), ids.clone());
        ids
    }

    /// Counts a pair of story `story` (numbered from 1; a story's pairs
    /// come one after another). A stem pair counts once per story: the
    /// reports of one event repeat its names and places, which stand beside
    /// each other in every pair of them, so only the number of distinct
    /// stories that show a stem pair is evidence that it restates.
    fn add(&mut self, a: &str, b: &str, positive: bool, story: u32) {
        let kind = usize::from(!positive);
        let sa = self.stem_ids(a);
        let sb = self.stem_ids(b);
        let ua: Vec<u32> = sa.difference(&sb).copied().collect();
        let ub: Vec<u32> = sb.difference(&sa).copied().collect();
        if self.last_story[kind] != story {
            self.last_story[kind] = story;
            self.n[kind] += 1.0;
        }
        for &x in &ua {
            for &y in &ub {
                let e = &mut self.pairs.entry((x.min(y), x.max(y))).or_default()[kind];
                if e.0 != story {
                    *e = (story, e.1 + 1.0);
                }
            }
        }
        if positive {
            for &x in ua.iter().chain(&ub) {
                let e = self.marginal.entry(x).or_default();
                if e.0 != story {
                    *e = (story, e.1 + 1.0);
                }
            }
        }
    }
}

/// (sentence, sentence, positive) pairs of one source.
type Pairs = Vec<(String, String, bool, String)>;

fn msrp(file: &Path) -> Pairs {
    eval::read(file)
        .lines()
        .skip(1)
        .filter_map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            (f.len() >= 5).then(|| {
                let story = format!("msrp {} {}", f[1], f[2]);
                (f[3].to_string(), f[4].to_string(), f[0] == "1", story)
            })
        })
        .collect()
}

fn sts(file: &Path) -> Pairs {
    eval::read(file)
        .lines()
        .enumerate()
        .filter_map(|(n, l)| {
            let f: Vec<&str> = l.split('\t').collect();
            let score: f64 = f.first()?.parse().ok()?;
            if f.len() < 3 || (2.5..4.0).contains(&score) {
                return None;
            }
            Some((
                f[1].to_string(),
                f[2].to_string(),
                score >= 4.0,
                format!("sts {n}"),
            ))
        })
        .collect()
}

/// ECB+ tuning topics: gold pairs, and the other sentences of the topic's
/// other articles that share a stem with the query.
fn ecb(dir: &Path) -> Pairs {
    let mut docs: HashMap<String, Vec<String>> = HashMap::new();
    if let Ok(rd) = std::fs::read_dir(dir.join("docs")) {
        for e in rd.flatten() {
            let p = e.path();
            let Some(name) = p.file_stem().map(|s| s.to_string_lossy().into_owned()) else {
                continue;
            };
            let topic = name.split('_').next().unwrap_or("");
            if !eval::ECB_TUNING.contains(&topic) {
                continue;
            }
            docs.insert(name, eval::read(&p).lines().map(str::to_string).collect());
        }
    }
    let line_stems: HashMap<&String, Vec<Vec<String>>> = docs
        .iter()
        .map(|(n, lines)| (n, lines.iter().map(|l| stems(l)).collect()))
        .collect();
    let mut out = Vec::new();
    for row in eval::read(&dir.join("related_sentences.tsv"))
        .lines()
        .skip(1)
    {
        let f: Vec<&str> = row.split('\t').collect();
        if f.len() < 4 {
            continue;
        }
        let topic = f[0].split('_').next().unwrap_or("");
        let (Some(lines), Ok(line)) = (docs.get(f[0]), f[1].parse::<usize>()) else {
            continue;
        };
        let Some(query) = lines.get(line) else {
            continue;
        };
        let gold: HashSet<(&str, usize)> = f[3]
            .split_whitespace()
            .filter_map(|g| {
                let (d, s) = g.rsplit_once(':')?;
                Some((d, s.parse().ok()?))
            })
            .collect();
        let qs: HashSet<String> = stems(query).into_iter().collect();
        let mut names: Vec<&String> = docs.keys().collect();
        names.sort();
        for name in names {
            if name == f[0] || name.split('_').next() != Some(topic) {
                continue;
            }
            for (k, other) in docs[name].iter().enumerate() {
                let positive = gold.contains(&(name.as_str(), k));
                if !positive && !line_stems[name][k].iter().any(|s| qs.contains(s)) {
                    continue;
                }
                out.push((
                    query.clone(),
                    other.clone(),
                    positive,
                    format!("ecb {topic}"),
                ));
            }
        }
    }
    out
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora");
    if !root.exists() {
        eprintln!("notice: {} not found; nothing to learn", root.display());
        return;
    }
    let write = std::env::args().any(|a| a == "--write");
    let sources = [
        (
            "MSRP train",
            msrp(&root.join("msrp/msr_paraphrase_train.txt")),
        ),
        (
            "STS 2012 MSRpar train",
            sts(&root.join("sts-news/2012/MSRpar.train.tsv")),
        ),
        ("ECB+ tuning topics", ecb(&root.join("ecbplus-dev"))),
    ];
    let mut counts = Counts::default();
    let mut story_ids: HashMap<String, u32> = HashMap::new();
    for (name, pairs) in &sources {
        let pos = pairs.iter().filter(|p| p.2).count();
        println!(
            "{name}: {pos} paraphrase pairs, {} other pairs",
            pairs.len() - pos
        );
        let mut sorted: Vec<&(String, String, bool, String)> = pairs.iter().collect();
        sorted.sort_by(|x, y| x.3.cmp(&y.3));
        for (a, b, positive, story) in sorted {
            let next = story_ids.len() as u32 + 1;
            let id = *story_ids.entry(story.clone()).or_insert(next);
            counts.add(a, b, *positive, id);
        }
    }
    println!(
        "{} paraphrase stories, {} other stories",
        counts.n[0], counts.n[1]
    );
    let mut kept: Vec<(String, String, f64, f64, f64)> = Vec::new();
    let ratio = counts.n[0] / counts.n[1].max(1.0);
    for (&(x, y), &[(_, cp), (_, cn)]) in &counts.pairs {
        if cp < MIN_POSITIVE {
            continue;
        }
        let (mx, my) = (counts.marginal[&x].1, counts.marginal[&y].1);
        let pmi = (cp * counts.n[0] / (mx * my)).ln();
        let p = cp / (cp + cn * ratio + 1.0);
        if pmi < MIN_PMI || p < MIN_P {
            continue;
        }
        let (a, b) = (&counts.names[x as usize], &counts.names[y as usize]);
        kept.push((a.clone(), b.clone(), p, pmi, cp));
    }
    kept.sort_by(|a, b| b.2.total_cmp(&a.2).then(a.0.cmp(&b.0)).then(a.1.cmp(&b.1)));
    println!("{} stem pairs kept; the first 60:", kept.len());
    for (a, b, p, pmi, c) in kept.iter().take(60) {
        println!("  {a:14} {b:14} p {p:.2} PMI {pmi:.2} paraphrase stories {c}");
    }
    if write {
        let mut rows: Vec<(String, String, f64)> = kept
            .iter()
            .map(|(a, b, p, _, _)| {
                let (a, b) = if a <= b { (a, b) } else { (b, a) };
                (a.clone(), b.clone(), *p)
            })
            .collect();
        rows.sort_by(|x, y| x.0.cmp(&y.0).then(x.1.cmp(&y.1)));
        let mut text = String::from(
            "# English word stems that restate each other: stem<TAB>stem<TAB>weight.\n\
             # Learned by `cargo run --release --example related_kin -- --write`\n\
             # (MSRP train, STS 2012 MSRpar train, ECB+ dev tuning topics); do not edit by hand.\n",
        );
        for (a, b, p) in rows {
            text.push_str(&format!("{a}\t{b}\t{p:.3}\n"));
        }
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/lexicon/en/related_stems.tsv");
        std::fs::write(&path, text).expect("writable data file");
        println!("wrote {}", path.display());
    }
}
