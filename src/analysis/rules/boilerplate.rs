#![doc = include_str!("../../../docs/rules/boilerplate.md")]

use super::{Reach, Rule, RuleContext, RuleMeta};
use crate::analysis::boilerplate::{self, Kind, Reason};
use crate::analysis::{Finding, Severity};

pub struct BoilerplateRule;

pub(crate) static META: RuleMeta = RuleMeta {
    code: "boilerplate",
    title: "Leftover page boilerplate",
    default_severity: Severity::Warning,
    // Corpus evidence (template lines shared with other documents) changes
    // when other documents do.
    reach: Reach::Corpus,
    summary: "A line or block that is page furniture (menus, link teasers, image names, bylines, sign-up prompts, site template text), not the article.",
    docs: include_str!("../../../docs/rules/boilerplate.md"),
};

impl Rule for BoilerplateRule {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
        let doc = cx.doc;
        for region in doc.boilerplate.regions() {
            if region.kind != Kind::Boilerplate {
                continue;
            }
            let title = match region.reason {
                Reason::RelatedBlock { .. } | Reason::Navigation { .. }
                    if region.lines.len() > 1 =>
                {
                    format!("Remove this block ({} lines)", region.lines.len())
                }
                _ => "Remove this line".to_string(),
            };
            let mut f = Finding::new(&META, region.span.clone(), region.reason.message());
            f.unnecessary = true;
            f.fixes.push(boilerplate::removal_fix(
                doc,
                title,
                std::slice::from_ref(&region.lines),
            ));
            out.push(f);
        }
        for t in boilerplate::template_lines(doc, cx.corpus) {
            let mut f = Finding::new(&META, t.span.clone(), template_message(t.other_docs));
            f.unnecessary = true;
            f.fixes.push(boilerplate::removal_fix(
                doc,
                "Remove this line".to_string(),
                std::slice::from_ref(&t.lines),
            ));
            out.push(f);
        }
    }

    fn auto_fix(&self) -> bool {
        true
    }
}

/// The message for a line shared with other documents.
pub fn template_message(other_docs: u32) -> String {
    format!(
        "Site template text: this exact line appears in {other_docs} other document{} of the corpus, and it is not prose.",
        if other_docs == 1 { "" } else { "s" }
    )
}
