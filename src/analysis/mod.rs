//! Pure analysis: text in, findings out.
//!
//! Everything here works on `&str` and byte offsets. There are no protocol
//! types, no I/O, no async and no JSON: the language server and the command
//! line convert what this module returns.
//!
//! The flow is two steps:
//! 1. [`analyze_document`] reads one text once (segmentation and every
//!    per-document extraction) into a [`DocAnalysis`]; the result is shared
//!    behind an `Arc` and stored in the [`Corpus`].
//! 2. [`check`] runs the enabled rules of the [registry](rules) over one
//!    document with read-only access to the corpus, for the rules that
//!    compare documents.
//!
//! Invariant: nothing in this module panics on any input text, and no
//! function returns `Err` because of what a text contains.

pub mod attribution;
pub mod boilerplate;
pub mod corpus;
pub mod doc;
pub mod effort;
pub mod figures;
pub mod hover;
pub mod interned;
pub mod language;
pub mod related;
pub mod reuse;
pub mod rules;
pub mod settings;
pub mod text;
pub mod verify;

use std::fmt;
use std::ops::Range;
use std::sync::Arc;

pub use corpus::Corpus;
pub use doc::{DocAnalysis, analyze_document, analyze_edited};
pub use rules::{RULES, Rule, RuleContext, RuleMeta, RuleScope};
pub use settings::{BoilerplateSettings, RuleSettings, Settings};

/// Identifies a document of the corpus: a URI in the server, a path on the
/// command line. Cheap to clone.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DocId(Arc<str>);

impl DocId {
    pub fn new(id: impl Into<Arc<str>>) -> Self {
        Self(id.into())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for DocId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl fmt::Display for DocId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// How serious a finding is. Ordered from most to least severe.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
    Information,
    Hint,
}

impl Severity {
    pub const ALL: [Severity; 4] = [
        Severity::Error,
        Severity::Warning,
        Severity::Information,
        Severity::Hint,
    ];

    /// The name used in configuration and in JSON output.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Information => "information",
            Severity::Hint => "hint",
        }
    }

    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == name)
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A place in another (or the same) document that explains a finding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Related {
    pub doc: DocId,
    pub span: Range<usize>,
    pub message: String,
}

/// Replace `span` with `text`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    pub span: Range<usize>,
    pub text: String,
}

/// A fix the user may accept: a title and the edits to one document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    pub title: String,
    pub edits: Vec<Edit>,
}

/// One finding of one rule in one document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// The rule's stable kebab-case code.
    pub code: &'static str,
    pub severity: Severity,
    /// Byte range in the document's text.
    pub span: Range<usize>,
    /// Names the evidence and stands alone.
    pub message: String,
    pub related: Vec<Related>,
    pub fixes: Vec<Fix>,
    /// Text the reader can skip (editors fade it).
    pub unnecessary: bool,
}

impl Finding {
    /// A finding with the rule's default severity and nothing attached.
    pub fn new(meta: &RuleMeta, span: Range<usize>, message: impl Into<String>) -> Self {
        Self {
            code: meta.code,
            severity: meta.default_severity,
            span,
            message: message.into(),
            related: Vec::new(),
            fixes: Vec::new(),
            unnecessary: false,
        }
    }
}

/// One fix applying every bulk-applicable finding of `findings` (the rules
/// whose [`Rule::auto_fix`] is true: boilerplate removals) to `doc`, as
/// non-overlapping edits; `None` when there is nothing to apply.
///
/// The removals are merged before the edits are made, so blank lines
/// between removed lines close up as they do for a single removal.
pub fn fix_all(doc: &DocAnalysis, findings: &[Finding]) -> Option<Fix> {
    let fixes = findings.iter().filter(|f| rules::auto_fix(f.code));
    let edits = boilerplate::merged_removal_edits(doc, fixes.filter_map(|f| f.fixes.first()));
    (!edits.is_empty()).then(|| Fix {
        title: "Remove all boilerplate in this file".to_string(),
        edits,
    })
}

/// Applies non-overlapping edits (sorted or not) to `text`.
pub fn apply_edits(text: &str, edits: &[Edit]) -> String {
    let mut sorted: Vec<&Edit> = edits.iter().collect();
    sorted.sort_by_key(|e| (e.span.start, e.span.end));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for e in sorted {
        let start = e.span.start.clamp(at, text.len());
        let end = e.span.end.clamp(start, text.len());
        if let (Some(keep), true) = (text.get(at..start), text.is_char_boundary(end)) {
            out.push_str(keep);
            out.push_str(&e.text);
            at = end;
        }
    }
    out.push_str(text.get(at..).unwrap_or(""));
    out
}

/// Runs the enabled rules in `scope` over `doc`, applies the configured
/// severities, and returns the findings sorted by position.
pub fn check(
    doc: &DocAnalysis,
    corpus: &Corpus,
    settings: &Settings,
    scope: RuleScope,
) -> Vec<Finding> {
    // A document in a language the configuration leaves out is not
    // checked (the hover of its first line says so).
    if !settings.checks_language(doc.language.lang) {
        return Vec::new();
    }
    let cx = RuleContext {
        doc,
        corpus,
        settings,
    };
    let mut findings = Vec::new();
    for rule in RULES {
        let meta = rule.meta();
        if !scope.includes(meta) || !settings.rule(meta.code).enabled {
            continue;
        }
        let start = findings.len();
        match rule.neighbourhood() {
            Some(k) => rules::memo::check(*rule, k, &cx, &mut findings),
            None => rule.check(&cx, &mut findings),
        }
        if let Some(severity) = settings.rule(meta.code).severity {
            for finding in &mut findings[start..] {
                finding.severity = severity;
            }
        }
    }
    let len = doc.text.len();
    for finding in &mut findings {
        // A rule bug must not produce a span outside the text.
        finding.span.end = finding.span.end.min(len);
        finding.span.start = finding.span.start.min(finding.span.end);
    }
    findings.sort_by(|a, b| {
        (a.span.start, a.span.end, a.code).cmp(&(b.span.start, b.span.end, b.code))
    });
    findings
}

/// Whether work is already spread over the thread pool (indexing a
/// workspace or checking a folder analyses many documents at once): then
/// one document's analysis runs on its own thread, since splitting it
/// further only adds scheduling. Called from outside the pool (the editor's
/// one changed document), it uses every core.
pub(crate) fn within_parallel_batch() -> bool {
    rayon::current_thread_index().is_some()
}

/// `rayon::join`, run in sequence inside a parallel batch (see
/// [`within_parallel_batch`]). The results are the same either way.
pub(crate) fn join<A, B, RA, RB>(a: A, b: B) -> (RA, RB)
where
    A: FnOnce() -> RA + Send,
    B: FnOnce() -> RB + Send,
    RA: Send,
    RB: Send,
{
    if within_parallel_batch() {
        (a(), b())
    } else {
        rayon::join(a, b)
    }
}
