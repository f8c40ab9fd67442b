#![doc = include_str!("../../../docs/rules/boilerplate.md")]

use super::{Reach, Rule, RuleContext, RuleMeta};
use crate::analysis::boilerplate::{self, Kind, Reason};
use crate::analysis::{Finding, Fix, Severity};

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
        // Site template text is the one kind of prose a fix may delete.
        let mut template: Option<Vec<bool>> = None;
        for region in doc.boilerplate.regions() {
            if region.kind != Kind::Boilerplate {
                continue;
            }
            let title = match region.reason {
                Reason::RelatedBlock { .. }
                | Reason::Navigation { .. }
                | Reason::Learned { .. }
                    if region.lines.len() > 1 =>
                {
                    format!("Remove this block ({} lines)", region.lines.len())
                }
                _ => "Remove this line".to_string(),
            };
            let custom = matches!(region.reason, Reason::Custom(_));
            let template =
                template.get_or_insert_with(|| boilerplate::shared_template_lines(doc, cx.corpus));
            let fix =
                boilerplate::removal_fix(doc, title, std::slice::from_ref(&region.lines), |l| {
                    custom || template.get(l).copied().unwrap_or(false)
                });
            out.push(finding(region.span.clone(), region.reason.message(), fix));
        }
        for t in boilerplate::template_lines(doc, cx.corpus) {
            let fix = boilerplate::removal_fix(
                doc,
                "Remove this line".to_string(),
                std::slice::from_ref(&t.lines),
                |_| true,
            );
            out.push(finding(t.span.clone(), template_message(t.other_docs), fix));
        }
    }

    fn auto_fix(&self) -> bool {
        true
    }
}

/// A finding with its removal fix; without one (the guard kept every line:
/// it reads as prose) the message says so and the finding stays.
fn finding(span: std::ops::Range<usize>, message: String, fix: Option<Fix>) -> Finding {
    let message = if fix.is_some() {
        message
    } else {
        format!("{message} It reads as a sentence, so no fix removes it: check it by hand.")
    };
    let mut f = Finding::new(&META, span, message);
    f.unnecessary = true;
    f.fixes.extend(fix);
    f
}

/// The message for a line shared with other documents.
pub fn template_message(other_docs: u32) -> String {
    format!(
        "Site template text: this exact line appears in {other_docs} other document{} of the corpus, and it is not prose.",
        if other_docs == 1 { "" } else { "s" }
    )
}
