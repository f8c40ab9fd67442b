//! The rule registry: one table names every rule.
//!
//! Adding a rule touches two places: its own file in this folder and the
//! [`RULES`] table below. The rule file's `//!` doc comment is its one
//! documentation: hover text and SARIF help read it from the file's source
//! ([`Docs`]), `docs/rules/<code>.md` and the README's rule table are
//! generated from it, and the examples in its `## Example` section run as
//! annotated snapshot tests (`tests/rule_docs.rs`; `UPDATE_DOCS=1` rewrites
//! the pages, the table and the snapshots). Tests check that codes are unique
//! kebab-case names and that every rule's documentation has the required
//! sections.

mod anonymous_source;
pub mod boilerplate;
pub mod generated_faq;
mod inconsistent_figure;
pub mod memo;
mod unattributed_quote;
mod unattributed_statistic;
mod unreadable_file;
mod unsourced_claim;
mod weasel_attribution;

use std::sync::OnceLock;

use super::{Corpus, DocAnalysis, Finding, Settings, Severity};

pub use unreadable_file::UNREADABLE_FILE;

pub use unsourced_claim::message as unsourced_message;

/// Whether a rule reads only its document or compares it with the corpus.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reach {
    Document,
    Corpus,
}

/// What describes a rule: its code, default severity and documentation.
#[derive(Debug)]
pub struct RuleMeta {
    /// Stable kebab-case code, used in configuration and in diagnostics.
    pub code: &'static str,
    /// A short title ("Weasel attribution").
    pub title: &'static str,
    pub default_severity: Severity,
    pub reach: Reach,
    /// One sentence: what the rule flags.
    pub summary: &'static str,
    /// The rule's documentation in Markdown, with the sections listed in
    /// [`DOC_SECTIONS`]; shown on hover and in SARIF output.
    pub docs: Docs,
}

/// A rule's documentation: the `//!` doc comment at the top of its file,
/// read from the file's own source (`include_str!` of the file), so the
/// comment rustdoc shows, the hover text and the generated page are one text.
#[derive(Debug)]
pub struct Docs {
    source: &'static str,
    text: OnceLock<String>,
}

impl Docs {
    /// `source` is the whole text of the rule's file.
    pub const fn from_source(source: &'static str) -> Self {
        Self {
            source,
            text: OnceLock::new(),
        }
    }

    /// The Markdown of the doc comment, without the `//!` markers.
    pub fn text(&self) -> &str {
        self.text.get_or_init(|| doc_comment(self.source))
    }
}

/// The leading `//!` lines of a Rust source file, markers and the one space
/// after them removed.
pub fn doc_comment(source: &str) -> String {
    let mut out = String::new();
    for line in source.lines() {
        let Some(rest) = line.strip_prefix("//!") else {
            break;
        };
        out.push_str(rest.strip_prefix(' ').unwrap_or(rest));
        out.push('\n');
    }
    out
}

/// The sections every rule's documentation has, in this order.
pub const DOC_SECTIONS: &[&str] = &[
    "## What it flags",
    "## Why it matters",
    "## Example",
    "## Configuration",
];

/// Which rules a [`check`](super::check) runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RuleScope {
    /// Every rule.
    All,
    /// Only the rules that compare documents: enough to refresh a document
    /// when another one changed.
    CrossDocument,
    /// Only the rules that read one document.
    DocumentOnly,
}

impl RuleScope {
    pub fn includes(self, meta: &RuleMeta) -> bool {
        match self {
            RuleScope::All => true,
            RuleScope::CrossDocument => meta.reach == Reach::Corpus,
            RuleScope::DocumentOnly => meta.reach == Reach::Document,
        }
    }
}

/// What a rule sees: one document, the corpus (read-only), the settings.
pub struct RuleContext<'a> {
    pub doc: &'a DocAnalysis,
    pub corpus: &'a Corpus,
    pub settings: &'a Settings,
}

/// A rule: reads a document, appends findings.
pub trait Rule: Sync {
    fn meta(&self) -> &'static RuleMeta;
    fn check(&self, cx: &RuleContext<'_>, out: &mut Vec<Finding>);

    /// For a rule whose findings about the sentences of one paragraph
    /// depend only on the document's analysis of that paragraph, of the
    /// paragraphs a quotation of it spans, and of `k` paragraphs on each
    /// side (never on the corpus or the settings), `Some(k)`: the registry
    /// then runs it paragraph by paragraph ([`Rule::check_sentences`]) and,
    /// after an edit, only over the paragraphs the edit reached, taking the
    /// other findings over from the version before (see [`memo`]).
    fn neighbourhood(&self) -> Option<usize> {
        None
    }

    /// The findings about sentences `sentences` (the whole sentences of
    /// consecutive paragraphs) of a rule with a [`Rule::neighbourhood`]:
    /// [`Rule::check`]'s findings are those of every paragraph in turn.
    fn check_sentences(
        &self,
        cx: &RuleContext<'_>,
        sentences: std::ops::Range<usize>,
        out: &mut Vec<Finding>,
    ) {
        let _ = sentences;
        self.check(cx, out);
    }

    /// Whether the rule's fixes may be applied all at once without review
    /// ("Remove all boilerplate in this file", `factline check --fix`).
    /// Such a rule's findings cover whole lines and its fixes only delete
    /// them; [`super::fix_all`] relies on that.
    fn auto_fix(&self) -> bool {
        false
    }
}

/// Every rule, in the order their findings are produced.
pub static RULES: &[&dyn Rule] = &[
    &weasel_attribution::WeaselAttribution,
    &unattributed_quote::UnattributedQuote,
    &anonymous_source::AnonymousSource,
    &boilerplate::BoilerplateRule,
    &generated_faq::GeneratedFaq,
    &inconsistent_figure::InconsistentFigure,
    &unattributed_statistic::UnattributedStatistic,
    &unsourced_claim::UnsourcedClaim,
];

/// Whether the rule with this code applies its fixes in bulk (see
/// [`Rule::auto_fix`]).
pub fn auto_fix(code: &str) -> bool {
    RULES.iter().any(|r| r.meta().code == code && r.auto_fix())
}

/// Every rule's description, including [`UNREADABLE_FILE`].
pub fn all_meta() -> impl Iterator<Item = &'static RuleMeta> {
    RULES
        .iter()
        .map(|r| r.meta())
        .chain(std::iter::once(&UNREADABLE_FILE))
}

/// Looks up a rule's description by code.
pub fn meta(code: &str) -> Option<&'static RuleMeta> {
    all_meta().find(|m| m.code == code)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn codes_are_unique_kebab_case() {
        let mut seen = HashSet::new();
        for meta in all_meta() {
            assert!(seen.insert(meta.code), "duplicate code {}", meta.code);
            assert!(
                !meta.code.is_empty()
                    && meta
                        .code
                        .split('-')
                        .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_lowercase())),
                "{} is not kebab-case",
                meta.code
            );
        }
    }

    #[test]
    fn every_rule_is_documented_in_fixed_sections() {
        for meta in all_meta() {
            let mut from = 0;
            for section in DOC_SECTIONS {
                let docs = meta.docs.text();
                let at = docs[from..]
                    .find(section)
                    .unwrap_or_else(|| panic!("{}: missing or misplaced {section:?}", meta.code));
                from += at + section.len();
            }
            assert!(
                meta.docs.text().starts_with(&format!("# `{}`", meta.code)),
                "{}: docs must open with `# `{}``",
                meta.code,
                meta.code
            );
        }
    }
}
