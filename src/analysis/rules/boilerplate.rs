//! # `boilerplate`
//!
//! Leftover page furniture in a scraped article: the parts of the web page around the story that
//! the scraper kept. Editors fade these lines (diagnostic tag *Unnecessary*), and each finding has a
//! fix that deletes it.
//!
//! ## What it flags
//! Each line (or block of lines) that is page furniture rather than the article:
//!
//! - link teasers and section labels: "Related videos:", "Also Read: …", "Read more", "More from …",
//!   "Filed under:", "Share this", "Leave a Reply", "Sign up for our newsletter", "Advertisement",
//!   "Click here …", cookie and subscription notices, comment counts;
//! - image residue: file-name slugs (`bridge-collapse-marlow-quay-images-0`), "image source from: …",
//!   photo credits ("Photo: … / Getty Images"), labelled media captions ("Gallery: …");
//! - page stamps: a weekday or date alone on a line outside the story, "03-09-2024 Vol 517",
//!   "Published … | Updated …", "Last Updated at 6:48 p.m.";
//! - bylines and author biographies at the edges of the article ("By …", a name alone on the last
//!   line, "… is director of … at …"), credit lines ("… contributed to this report.");
//! - text addressed to the reader about the website ("Your notification has been saved.",
//!   "If you do not receive the verification email, check your Spam folder.");
//! - runs of very short lines with no sentence among them (menus, link lists), and short lines
//!   isolated among them;
//! - a line that repeats an earlier line word for word (teaser headlines shown twice);
//! - readers' comments: everything under a comments heading ("14 Comments", "Have your say",
//!   "Comentarios (3)") that comes after three paragraphs of the article, as **one** block; a
//!   reader's claim is not the outlet's reporting, so the other rules skip it too;
//! - blocks: a "Related Posts" heading with the teasers under it (headlines, repeated headlines,
//!   blurbs cut off with "…") is **one** finding covering the block, with one fix;
//! - site template text: a short line that is not prose and appears verbatim (up to case, spacing,
//!   punctuation and numbers) in other documents of the corpus: three documents in all, or two when
//!   it stands outside the article's paragraphs.
//!
//! Lines are judged by features, not by a phrase list alone: position and distance to the edges
//! of the article, word count, density of function words (English or Spanish), whether the line
//! ends like a sentence, Title Case, slug shape, repetition inside the document and across the
//! corpus, and the labels of the neighbouring lines (furniture comes in runs, at the edges). A
//! learned line model (logistic regression trained on human-labelled news pages, shipped as data)
//! weighs these shapes together with the phrase cues and context rules: it drops a context rule's
//! flag (a run of short lines, an isolated or repeated line) it rates unlikely, extends a flagged
//! block to the neighbouring lines it rates as furniture, and, on a page where the rules already
//! found furniture (three flagged units or more), starts a block at a line it is sure of: one that
//! does not read as prose, at a stricter threshold between the article's paragraphs (message: "the
//! line model rates it N% likely"). On a clean article it never starts a block on its own. The
//! message (and the hover) says which evidence decided. The lines only the model flagged are not
//! removed in bulk: each keeps its own fix, applied by someone who looked at it.
//!
//! The phrase cues know the wording of English and Spanish sites: "Lea también:", "Noticias
//! relacionadas", "Te puede interesar", "Compartir en …", "Suscríbete", bylines "Por …",
//! "Todos los derechos reservados", "Publicado: …", cookie and comment text. Function words,
//! finite verb forms, months and weekdays come from the shared lexicon (`data/lexicon/`).
//!
//! Never flagged: the headline; subheadings between paragraphs of the article; short paragraphs
//! that read as sentences; quotations; a story dateline ("ANCHORAGE –", "PORT ALDREN (AP) —");
//! lists that the story introduces ("The victims were:") or bullets inside it; lines matching
//! `boilerplate.allow`. A line shared with other documents is never flagged when it is prose (two
//! outlets quoting the same sentence), nor in a document that is mostly a copy of another one.
//!
//! ## Why it matters
//! Furniture is not reporting. Left in a source, it is read as part of the story by everyone and
//! everything downstream: a teaser for another article looks like a claim of this one, a "Related
//! Posts" list brings in figures from other stories, a restated FAQ doubles every claim. Removing it
//! leaves the text a fact-checker has to check.
//!
//! ## Example
//! Flagged:
//!
//! ```text
//! Related videos:
//! ^^^^^^^^^^^^^^^ boilerplate
//! us-diplomat-visits-harbour-works-images-0
//! ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ boilerplate
//! Also Read: Council approves new ferry timetable
//! ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ boilerplate
//! By Dana Whitcombe, Harbor Ledger
//! ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ boilerplate
//! Leave a Reply
//! ^^^^^^^^^^^^^ boilerplate
//! ```
//!
//! Not flagged:
//!
//! ```text
//! Footbridge gives way at Marlow Quay lantern festival
//!
//! MARLOW QUAY — A wooden footbridge over the Tessel Canal gave way on Saturday night during the
//! lantern festival, and twelve people were taken to hospital.
//!
//! Engineers question the April inspection
//!
//! The bridge passed an inspection in April, the council said. The investigation is ongoing.
//!
//! "It just folded in the middle, like a piece of paper," said Ana Ruiz, who was on the bank.
//! ```
//!
//! The headline, the dateline, a subheading between paragraphs, a short paragraph of reporting and a
//! quotation are all article text.
//!
//! Fixes: "Remove this line" / "Remove this block" deletes the lines with their line breaks; a gap
//! of blank lines stays where one was, so no blank gaps pile up. The source action "Remove all
//! boilerplate in this file" (`source.fixAll.factline`) and `factline check --fix` remove every
//! finding of this rule at once, except the lines only the line model flagged and readers'
//! comments: those keep their own fix (the message says so).
//!
//! **No fix deletes prose.** Every removal goes through one guard: a line that reads as a sentence
//! of English or Spanish prose (five or more words, function words of its language, a finite verb —
//! in Spanish the present tense too, read by the part-of-speech tagger —, a sentence end) is kept, unless it is site template text that recurs verbatim in other documents
//! of the corpus (a wire copyright notice) or matches your `boilerplate.extra_patterns`. A block
//! stops at such a line; a finding whose lines are all kept has no fix, and its message says to
//! check it by hand. Runs of short lines, date stamps and bylines never take a line that reads as
//! prose, and label wording ("Posted on …", "By …") opening a sentence does not make it furniture.
//!
//! ## Measured
//! Line labels by people; a line is furniture when labelled `not-content` or `related`, article
//! when `headline` or `fulltext`. Kept-text token F1: the words of the lines left unflagged against
//! the words of the human article body (bag of lower-cased words, summed over pages).
//!
//! | data | before | now |
//! |---|---|---|
//! | L3S-GN1, 131 held-out pages (one in five by name hash, never trained on): line precision / recall / F1 | 0.997 / 0.889 / 0.940 | 0.997 / 0.903 / 0.948 |
//! | L3S-GN1 held-out: kept-text token precision / recall / F1 (keeping every line: F1 0.677) | 0.851 (F1) | 0.844 / 0.997 / 0.914 |
//! | L3S-GN1 held-out pages of sites no training page is of (44 of the 131; site groups from shared template lines): line precision / recall / F1 | — | 0.992 / 0.914 / 0.951 |
//! | the same 44 pages: kept-text token precision / recall / F1 (every line: F1 0.701) | — | 0.866 / 0.996 / 0.927 |
//! | CleanEval dev, 58 generic 2006 web pages (out of domain): line precision / recall / F1 | 0.824 / 0.803 / 0.813 | 0.803 / 0.811 / 0.807 |
//! | CleanEval dev: kept-text token F1 against the gold text (every line: 0.929) | 0.956 | 0.943 |
//! | BBC, 2,224 clean articles: flagged lines per 1,000 | 1.71 | 1.71 |
//! | fix-all: article lines removed, L3S-GN1 (of 8,923) / CleanEval (of 4,686) | 249 / 831 | 221 / 590 |
//!
//! "Before" is the line model flagging on its own, with fix-all removing its flags and no comment
//! sections. Per category on the L3S held-out pages (share of lines flagged, before → now):
//! `not-content` (menus, footers, share rows, cookie and newsletter text) 89.0% → 90.5%; `related`
//! (lists of links to other articles) 66.7% → 66.7%; `supplemental` (captions, bylines, date
//! stamps) 62.7% → 62.7%; `comments` 33.8% → 76.6%; article lines: `fulltext` 1.1% → 1.1%,
//! `headline` 12.1% → 12.1%. No article line of the held-out pages falls in a comment section. On
//! the five seed articles no article line is flagged. Captions, bylines and date stamps are
//! labelled `supplemental` together; menus, cookie, share and footer text are all `not-content`.
//! The L3S pages carry no address, so a site is read from its template: two pages are one site
//! when they share at least two furniture lines of 15 characters or more that no more than eight
//! pages hold. 87 of the 131 held-out pages share a site with a training page; the other 44 are the
//! nearest this data comes to sites nobody tuned to. The learned model never saw them; the
//! hand-written cue phrases were written while reading L3S pages, so for them the split is not
//! blind. On those 44 pages 25 article lines are flagged, 18 of 624 `fulltext` (2.9%) and 7 of 50
//! headlines: by navigation runs 14, the model 7, a cue 3, a related block 1.
//! CleanEval's gold text keeps the comments of blogs and forums as the page's content, which is
//! what its line precision lost.
//!
//! Reproduce: `cargo test --test boilerplate_model -- --nocapture` and
//! `cargo test --test boilerplate_corpus bbc -- --nocapture` (both need `../shared/corpora`).
//! Retrain the model: `cargo run --release --example train_boilerplate_model` (it writes the
//! shipped weights byte for byte; nothing retrains them at build or test time).
//!
//! ## Configuration
//! ```toml
//! [rules.boilerplate]
//! severity = "warning"
//!
//! [boilerplate]
//! # Regexes (case-insensitive) matched against each whole line, trimmed.
//! # Lines matching one are page furniture wherever they are.
//! extra_patterns = ["^Sponsored by .*$", "^Harbor Ledger Morning Briefing$"]
//! # Lines matching one are never flagged (this wins over everything).
//! allow = ["^Editor's note:"]
//! ```
//!
//! An invalid regex is reported with its key (`boilerplate.extra_patterns`) and the list keeps its
//! previous value.
//!
//! ## Known false positives
//! A short line of the story that stands alone outside the article's paragraphs, between two
//! flagged lines (for example a one-line postscript after a "Share this" row) goes with the
//! furniture around it. A photo caption with a credit in brackets ("… (AP Photo/Jane Roe)") is
//! flagged as a photo credit. Add such lines to `boilerplate.allow` when your sources use them.

use super::{Docs, Reach, Rule, RuleContext, RuleMeta};
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
    docs: Docs::from_source(include_str!("boilerplate.rs")),
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
                | Reason::Comments { .. }
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
