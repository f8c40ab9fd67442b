//! Related-passage quality on the full real data sets, against a TF-IDF
//! baseline. Run in release (it reads ~11 MB of articles and ~20,000
//! sentences):
//!
//! ```text
//! cargo run --release --example related_eval [-- msrp|sts|ecb|gva ...]
//! ```
//!
//! It needs `../shared/corpora` beside the project and says so when that is
//! missing. The integration test `tests/related_eval.rs` runs subsets of
//! the same measures in CI with floors.

#[path = "../tests/support/related_eval.rs"]
mod eval;

use std::path::Path;
use std::time::Instant;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora");
    if !root.exists() {
        eprintln!("notice: {} not found; nothing to measure", root.display());
        return;
    }
    let wanted: Vec<String> = std::env::args().skip(1).collect();
    let want = |name: &str| wanted.is_empty() || wanted.iter().any(|w| w == name);

    if want("msrp") {
        for split in ["test", "train"] {
            let t = Instant::now();
            let r = eval::msrp(&root.join(format!("msrp/msr_paraphrase_{split}.txt")), None);
            println!(
                "MSRP {split:5} ({} sentences, {} paraphrase queries): ours recall@1 {:.3} MRR {:.3} | TF-IDF recall@1 {:.3} MRR {:.3}   [{:.1} s]",
                r.sentences,
                r.ours.queries,
                r.ours.recall_at_1,
                r.ours.mrr,
                r.tfidf.recall_at_1,
                r.tfidf.mrr,
                t.elapsed().as_secs_f64()
            );
        }
    }
    if want("sts") {
        let files = [
            "2012/MSRpar.train.tsv",
            "2012/MSRpar.test.tsv",
            "2013/headlines.test.tsv",
            "2014/headlines.test.tsv",
            "2015/headlines.test.tsv",
            "2016/headlines.test.tsv",
        ];
        let (mut so, mut sb, mut n) = (0.0, 0.0, 0);
        for f in files {
            let r = eval::sts(&root.join("sts-news").join(f));
            println!(
                "STS {f:26} {:5} pairs: Spearman ours {:.3} | TF-IDF {:.3}",
                r.pairs, r.ours, r.tfidf
            );
            so += r.ours;
            sb += r.tfidf;
            n += 1;
        }
        println!(
            "STS mean over {n} files:             ours {:.3} | TF-IDF {:.3}",
            so / n as f64,
            sb / n as f64
        );
    }
    if want("ecb") {
        let t = Instant::now();
        let data = eval::ecb_load(&root.join("ecbplus-dev"));
        for r in eval::ecb(
            &data,
            &[
                eval::EcbSplit::Tuning,
                eval::EcbSplit::HeldOut,
                eval::EcbSplit::All,
            ],
        ) {
            println!(
                "ECB+ dev {:8} ({} queries): ours {} | TF-IDF {} | BM25 {}",
                r.split.name(),
                r.ours.queries,
                r.ours,
                r.tfidf,
                r.bm25
            );
        }
        println!("[{:.1} s]", t.elapsed().as_secs_f64());
    }
    if want("gva") {
        let t = Instant::now();
        let r = eval::gva(&root.join("gva-multisource-incidents/docs"), None, None, 4);
        println!(
            "GVA {} documents, {} incidents, {} passages: lead-sentence P@1 ours {:.3} | TF-IDF {:.3} ({} queries); \
             passages (of one document in four) with a related result (score >= {}, the first >= {}): {}, top one from the same incident {:.3}   [{:.1} s]",
            r.documents,
            r.incidents,
            r.passages,
            r.ours_p1,
            r.tfidf_p1,
            r.queries,
            factline::analysis::related::MIN_SCORE,
            factline::analysis::related::FIRST_MIN_SCORE,
            r.thresholded,
            r.thresholded_precision,
            t.elapsed().as_secs_f64()
        );
    }
}
