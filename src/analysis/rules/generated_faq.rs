//! # `generated-faq`
//!
//! A "Frequently Asked Questions" block that a site generated from the article: a heading, then
//! questions, each followed by an answer that restates what the article already said.
//!
//! ## What it flags
//! A heading such as "Frequently Asked Questions about …", "FAQ" or "Questions and answers",
//! followed by two or more questions (lines ending with "?") with their answers, when at least half
//! of the answers' words already appear in the article above the block. The whole block is **one**
//! finding, faded in the editor, with one fix that deletes it.
//!
//! A questions-and-answers section whose answers bring new material (an interview, an explainer
//! with facts not in the story) is not flagged.
//!
//! ## Why it matters
//! The answers repeat the article's claims, usually without their attribution ("The footbridge
//! was known to be unsafe", where the article quoted a named engineer). Left in, every claim and figure is
//! counted twice and loses its source. Some desks keep such blocks, so this is a separate rule with
//! severity *information*: it does not fail `factline check`, and `check --fix` and "Remove all
//! boilerplate in this file" leave it alone. Use the quick fix to remove a block.
//!
//! ## Example
//! Flagged: a block after the article that asks and answers what the article already says.
//!
//! ```text
//! A wooden footbridge over the Tessel Canal collapsed during the lantern festival on Saturday,
//! injuring 12 people. The footbridge had passed a safety inspection in April, festival organisers
//! said. Engineers from the council will examine the remains this week.
//!
//! Frequently Asked Questions about the Marlow Quay Footbridge Collapse
//! ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ generated-faq
//! What happened at the lantern festival?
//! ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ generated-faq
//! A wooden footbridge over the Tessel Canal collapsed during the festival, injuring 12 people.
//! ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ generated-faq
//! When was the bridge last inspected?
//! ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ generated-faq
//! The footbridge had passed a safety inspection in April, festival organisers said.
//! ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ generated-faq
//! ```
//!
//! Not flagged: a question-and-answer interview whose answers are the interviewee's own words and
//! not in the text above.
//!
//! ```text
//! The festival's director, Ines Moor, spoke to us the day after the collapse.
//!
//! What happened at the lantern festival?
//! We had checked the bridge that morning, and the crowd was smaller than last year.
//!
//! Will the festival return next year?
//! Only if the council rebuilds the crossing with steel, and I will ask them to.
//! ```
//!
//! ## Configuration
//! ```toml
//! [rules.generated-faq]
//! enabled = true
//! severity = "information"
//! ```

use super::{Docs, Reach, Rule, RuleContext, RuleMeta};
use crate::analysis::boilerplate::{self, Kind};
use crate::analysis::{Finding, Severity};

pub struct GeneratedFaq;

pub(crate) static META: RuleMeta = RuleMeta {
    code: "generated-faq",
    title: "Generated FAQ",
    default_severity: Severity::Information,
    reach: Reach::Document,
    summary: "A \"Frequently Asked Questions\" block whose answers restate the article.",
    docs: Docs::from_source(include_str!("generated_faq.rs")),
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
