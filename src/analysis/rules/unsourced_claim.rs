#![doc = include_str!("../../../docs/rules/unsourced-claim.md")]

use super::{Reach, Rule, RuleContext, RuleMeta};
use crate::analysis::verify::{self, Status};
use crate::analysis::{DocAnalysis, Finding, Severity};

pub struct UnsourcedClaim;

static META: RuleMeta = RuleMeta {
    code: "unsourced-claim",
    title: "Unsourced claim",
    default_severity: Severity::Information,
    reach: Reach::Corpus,
    summary: "A claim of a draft that no source in the folder reports.",
    docs: include_str!("../../../docs/rules/unsourced-claim.md"),
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
