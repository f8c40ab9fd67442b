#![doc = include_str!("../../../docs/rules/generated-faq.md")]

use super::{Reach, Rule, RuleContext, RuleMeta};
use crate::analysis::boilerplate::{self, Kind};
use crate::analysis::{Finding, Severity};

pub struct GeneratedFaq;

pub(crate) static META: RuleMeta = RuleMeta {
    code: "generated-faq",
    title: "Generated FAQ",
    default_severity: Severity::Information,
    reach: Reach::Document,
    summary: "A \"Frequently Asked Questions\" block whose answers restate the article.",
    docs: include_str!("../../../docs/rules/generated-faq.md"),
};

impl Rule for GeneratedFaq {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
        let doc = cx.doc;
        for region in doc.boilerplate.regions() {
            if region.kind != Kind::GeneratedFaq {
                continue;
            }
            let mut f = Finding::new(&META, region.span.clone(), region.reason.message());
            f.unnecessary = true;
            f.fixes.extend(boilerplate::removal_fix(
                doc,
                format!("Remove the FAQ block ({} lines)", region.lines.len()),
                std::slice::from_ref(&region.lines),
                // Questions and answers read as prose by design; the block
                // was flagged because its answers restate the article, so
                // removing it loses no reporting.
                |_| true,
            ));
            out.push(f);
        }
    }
}
