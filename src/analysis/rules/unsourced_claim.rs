//! # `unsourced-claim`
//!
//! A claim of a draft that no source in the folder reports.
//!
//! ## What it flags
//! Only in drafts (the files matched by the `drafts` globs, the files given to `factline check`
//! with `--draft`, and in the editor a document open outside the indexed sources). A sentence of
//! the draft that is worth checking — it gives a figure or a date, a quoted or attributed
//! statement, or names the people and places of an event — when no passage of any source reports
//! it: no related passage at the corroboration threshold (for a claim that gives quantities, one
//! that gives one of them or says nearly what the claim says) and no agreeing mention of its
//! figures. The finding is on the whole sentence; the message says how many sources were compared and what
//! makes the sentence a claim.
//!
//! Not flagged: sources themselves, headings, questions, the writer's framing (sentences with no
//! figure, name or quotation), page boilerplate, and every claim of a draft when the folder has no
//! source to compare it with. A claim that a source *contradicts* is not unsourced: the
//! verification (the hover, the claims outline, `factline verify`) shows it contradicted with the
//! source passage, and where the figure comparison takes the two for one quantity its figure gets
//! an `inconsistent-figure` finding too.
//!
//! Measured on the ECB+ dev articles (drafts about one real event checked against reports of it
//! and against reports of a different event of the same kind, topics held out from tuning): when
//! factline calls a claim unsourced it is right 0.98 of the time, and it finds 0.92 of the claims
//! the sources do not report.
//!
//! ## Why it matters
//! A fact-checker's question for every sentence of a draft is "which of my sources says this?".
//! A claim that nothing in the folder reports is either the writer's own reporting (then it needs
//! its own source in the text) or a detail that crept in from memory, another story or a mistake.
//! Listing them is the verification log's to-do list.
//!
//! ## Example
//! A source in the folder reports a ferry fire and the suspended sailings; the draft adds the
//! ship's history, which no source reports:
//!
//! ```text
//! ==> ferry.txt <==
//! A fire broke out in the engine room of the ferry Marisol Bay on Monday, injuring 14 passengers.
//! Brightwater Lines said it has suspended its Port Aldren sailings until Friday.
//! ==> draft.txt (draft) <==
//! The Marisol Bay was built in 1998 at the Keldane shipyard and was refitted in 2019 for 9 million euros.
//! ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ unsourced-claim
//! ```
//!
//! Not flagged: what the sources report, and what is not a claim (a question):
//!
//! ```text
//! ==> ferry.txt <==
//! A fire broke out in the engine room of the ferry Marisol Bay on Monday, injuring 14 passengers.
//! Brightwater Lines said it has suspended its Port Aldren sailings until Friday.
//! ==> draft.txt (draft) <==
//! Brightwater Lines has suspended its Port Aldren sailings until Friday.
//! Why did a ferry with a recent refit catch fire?
//! ```
//!
//! ## Configuration
//! ```toml
//! drafts = ["drafts/**"]
//!
//! [rules.unsourced-claim]
//! enabled = true
//! severity = "information"
//! ```
//!
//! ## Measured
//!
//! A claim flagged unsourced is one no source reports in these measurements:
//!
//! - ECB+ dev, four held-out topics (articles about a topic's first event are the sources; every
//!   article is verified in turn, so the second event's are hard negatives): precision 0.983,
//!   recall 0.921 (`cargo test --test verify_eval -- --nocapture`).
//! - A desk fixture (three dated reports of one storm, a twelve-claim draft written for the test):
//!   precision 1.000, recall 1.000 (`cargo test --test verify_fixtures -- --nocapture`).
//! - A draft written to restate the five seed articles, with three sentences added that no seed
//!   reports: precision 1.000, recall 1.000 (`cargo test --test verify_seeds -- --nocapture`;
//!   needs `../shared/seeds`).

use super::{Docs, Reach, Rule, RuleContext, RuleMeta};
use crate::analysis::verify::{self, Status};
use crate::analysis::{DocAnalysis, Finding, Severity};

pub struct UnsourcedClaim;

static META: RuleMeta = RuleMeta {
    code: "unsourced-claim",
    title: "Unsourced claim",
    default_severity: Severity::Information,
    reach: Reach::Corpus,
    summary: "A claim of a draft that no source in the folder reports.",
    docs: Docs::from_source(include_str!("unsourced_claim.rs")),
};

impl Rule for UnsourcedClaim {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
        let drafts = &cx.settings.drafts;
        if !drafts.contains(&cx.doc.id) {
            return;
        }
        let is_source = |d: &DocAnalysis| !drafts.contains(&d.id);
        let v = verify::verify(cx.doc, cx.corpus, &is_source);
        if v.sources == 0 {
            return;
        }
        for claim in v.claims.iter().filter(|c| c.status == Status::Unsourced) {
            out.push(Finding::new(
                &META,
                claim.span.clone(),
                message(claim, v.sources),
            ));
        }
    }
}

/// The message of an unsourced claim checked against `sources` sources.
pub fn message(claim: &verify::Claim, sources: usize) -> String {
    format!(
        "No source in the folder reports this claim ({} compared): {} to check. Add the source it comes from.",
        plural(sources),
        claim
            .worth
            .iter()
            .map(|w| w.what.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    )
}

fn plural(n: usize) -> String {
    if n == 1 {
        "1 source".to_string()
    } else {
        format!("{n} sources")
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use crate::analysis::settings::Drafts;
    use crate::analysis::{Corpus, DocId, RuleScope, Settings, analyze_document, check};

    const SOURCE: &str = "A fire aboard the ferry Marisol Bay injured 14 passengers off Port Aldren on Tuesday, the coast guard said.\n\n\
        Brightwater Lines suspended its Port Aldren sailings until Friday, the company said.\n";
    const DRAFT: &str = "Brightwater Lines has suspended its Port Aldren sailings until Friday, the company said.\n\n\
        The Marisol Bay was built in 1998 at the Keldane shipyard for 9 million euros.\n";

    fn flagged(drafts: &[&str], with_source: bool) -> Vec<String> {
        let settings = Settings {
            drafts: Drafts::new(drafts.iter().map(|d| DocId::new(*d))),
            ..Default::default()
        };
        let mut c = Corpus::new();
        let mut files = vec![("draft.txt", DRAFT)];
        if with_source {
            files.push(("source.txt", SOURCE));
        }
        for (name, text) in files {
            c.upsert(Arc::new(analyze_document(
                DocId::new(name),
                Arc::from(text),
                &settings,
            )));
        }
        let doc = c.get(&DocId::new("draft.txt")).unwrap().clone();
        check(&doc, &c, &settings, RuleScope::All)
            .into_iter()
            .filter(|f| f.code == "unsourced-claim")
            .map(|f| doc.text[f.span].to_string())
            .collect()
    }

    #[test]
    fn flags_what_no_source_reports_in_a_draft() {
        assert_eq!(
            flagged(&["draft.txt"], true),
            ["The Marisol Bay was built in 1998 at the Keldane shipyard for 9 million euros."]
        );
    }

    #[test]
    fn quiet_for_sources_and_without_sources() {
        assert!(flagged(&[], true).is_empty(), "not a draft");
        assert!(
            flagged(&["draft.txt"], false).is_empty(),
            "nothing to compare"
        );
    }
}
