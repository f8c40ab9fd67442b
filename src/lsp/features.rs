//! Request handlers that read the state: hover and code actions. Each runs
//! synchronously on a blocking thread (the server wraps them).

use std::collections::HashMap;
use std::sync::Arc;

use tower_lsp_server::ls_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, Hover, HoverContents, MarkupContent,
    MarkupKind, Position, Range, Uri, WorkspaceEdit,
};

use super::convert;
use super::state::{State, lock, read};
use crate::analysis::{self, DocAnalysis, DocId, Finding, RuleScope, rules};
use crate::document::Document;

/// The code action kind of "Remove all boilerplate in this file".
pub const FIX_ALL_KIND: &str = "source.fixAll.factline";

/// An open document's analysis, consistent with its current text.
pub struct Snapshot {
    pub analysis: Arc<DocAnalysis>,
    pub doc: Document,
    pub findings: Vec<Finding>,
}

impl State {
    /// The analysis of an open document at its current version: the
    /// published one when it is current, else a fresh one (not stored).
    /// `None` when the document is not open or not analysable.
    pub fn snapshot(&self, id: &DocId) -> Option<Snapshot> {
        let (version, doc) = {
            let open = lock(&self.open);
            let o = open.get(id)?;
            (o.version, o.doc.clone())
        };
        {
            let results = lock(&self.results);
            if let Some(r) = results.get(id)
                && r.version == version
            {
                let analysis = r.analysis.clone()?;
                let findings = r
                    .findings()
                    .filter(|f| !self.is_reviewed(Some(&analysis), f))
                    .cloned()
                    .collect();
                return Some(Snapshot {
                    analysis,
                    doc: r.doc.clone(),
                    findings,
                });
            }
        }
        if doc.len_bytes() as u64 > self.max_file_bytes() || lock(&self.skipped).contains_key(id) {
            return None;
        }
        let settings = self.settings();
        let analysis = Arc::new(analysis::analyze_document(
            id.clone(),
            Arc::from(doc.text()),
            &settings,
        ));
        let corpus = read(&self.corpus);
        let mut findings = analysis::check(&analysis, &corpus, &settings, RuleScope::All);
        findings.retain(|f| !self.is_reviewed(Some(&analysis), f));
        Some(Snapshot {
            analysis,
            doc,
            findings,
        })
    }

    /// `textDocument/hover`: in a draft, the claim's standing against the
    /// sources first (corroborated, contradicted or unsourced: what a
    /// fact-checker hovers a draft's sentence for, and what a popup cut to
    /// the editor's height must not push out of sight); then what is under
    /// the cursor (the figure, its mentions and conflicts, the speaker, the
    /// related passages), then one line per finding there naming its rule
    /// and linking the rule's page. The finding's message is not repeated: editors show
    /// it with the diagnostic. `name:line` locations are links.
    pub fn hover(&self, id: &DocId, position: Position) -> Option<Hover> {
        let snap = self.snapshot(id)?;
        let enc = self.encoding();
        let offset = snap.doc.offset(convert::from_position(position), enc);
        let mut sections: Vec<String> = Vec::new();
        let mut range = None;
        let settings = self.settings();
        let corpus = read(&self.corpus);
        for section in analysis::hover::describe(&snap.analysis, &corpus, &settings, offset) {
            range.get_or_insert_with(|| convert::span_range(&snap.doc, section.span.clone(), enc));
            sections.push(section.markdown);
        }
        drop(corpus);
        if let Some(md) = language_section(&snap.analysis, &settings, offset) {
            let text = &snap.analysis.text;
            let first = 0..text.find('\n').unwrap_or(text.len());
            range.get_or_insert_with(|| convert::span_range(&snap.doc, first, enc));
            sections.push(md);
        }
        if let Some(md) = self.claim_hover(&snap.analysis, offset) {
            if let Some(i) = snap.analysis.segmentation.sentence_at(offset)
                && let Some(sentence) = snap.analysis.segmentation.sentences.get(i)
            {
                range.get_or_insert_with(|| {
                    convert::span_range(&snap.doc, sentence.span.clone(), enc)
                });
            }
            sections.insert(0, md);
        }
        let corpus = read(&self.corpus);
        let mut rule_lines: Vec<String> = Vec::new();
        for f in snap
            .findings
            .iter()
            .filter(|f| f.span.start <= offset && offset <= f.span.end)
        {
            range.get_or_insert_with(|| convert::span_range(&snap.doc, f.span.clone(), enc));
            let line = rule_line(f);
            if !rule_lines.contains(&line) {
                rule_lines.push(line);
            }
        }
        if !rule_lines.is_empty() {
            sections.push(rule_lines.join("  \n"));
        }
        if sections.is_empty() {
            return None;
        }
        let value = link_locations(&sections.join("\n\n---\n\n"), &snap.analysis, &corpus);
        Some(Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value,
            }),
            range,
        })
    }

    /// `textDocument/codeAction`: the fixes of the findings in `range`.
    pub fn code_actions(
        &self,
        uri: &Uri,
        id: &DocId,
        range: Range,
        only: Option<&[CodeActionKind]>,
    ) -> Vec<CodeActionOrCommand> {
        let Some(snap) = self.snapshot(id) else {
            return Vec::new();
        };
        let enc = self.encoding();
        let wanted = |kind: &CodeActionKind| {
            only.is_none_or(|only| {
                only.iter().any(|o| {
                    kind.as_str() == o.as_str()
                        || kind.as_str().starts_with(&format!("{}.", o.as_str()))
                })
            })
        };
        let bytes = snap.doc.byte_range(convert::from_range(range), enc);
        let mut actions = Vec::new();
        // "Remove all boilerplate in this file": only when asked for by
        // kind (source.fixAll, source.fixAll.factline or source), so it
        // does not crowd the quick fixes.
        let fix_all_kind = CodeActionKind::new(FIX_ALL_KIND);
        if only.is_some()
            && wanted(&fix_all_kind)
            && let Some(fix) = analysis::fix_all(&snap.analysis, &snap.findings)
        {
            actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: fix.title.clone(),
                kind: Some(fix_all_kind),
                edit: Some(edit(uri, convert::text_edits(&fix, &snap.doc, enc))),
                ..Default::default()
            }));
        }
        if wanted(&CodeActionKind::QUICKFIX) {
            for f in snap
                .findings
                .iter()
                .filter(|f| f.span.start <= bytes.end && bytes.start <= f.span.end)
            {
                let diagnostic = convert::diagnostic(f, &snap.doc, enc, |_| None);
                if let Some(action) = self.review_action(uri, &snap.analysis, f, &diagnostic) {
                    actions.push(CodeActionOrCommand::CodeAction(action));
                }
                for fix in &f.fixes {
                    actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                        title: fix.title.clone(),
                        kind: Some(CodeActionKind::QUICKFIX),
                        diagnostics: Some(vec![diagnostic.clone()]),
                        edit: Some(edit(uri, convert::text_edits(fix, &snap.doc, enc))),
                        is_preferred: Some(f.fixes.len() == 1),
                        ..Default::default()
                    }));
                }
            }
        }
        actions
    }
}

fn edit(uri: &Uri, edits: Vec<tower_lsp_server::ls_types::TextEdit>) -> WorkspaceEdit {
    WorkspaceEdit {
        changes: Some(HashMap::from([(uri.clone(), edits)])),
        ..Default::default()
    }
}

/// A finding in a hover: the message, then the rule's documentation.
/// On the first line of a document: its language, and whether the
/// `languages` setting leaves it unchecked.
fn language_section(
    doc: &DocAnalysis,
    settings: &analysis::Settings,
    offset: usize,
) -> Option<String> {
    let first_line_end = doc.text.find('\n').unwrap_or(doc.text.len());
    if offset > first_line_end {
        return None;
    }
    let lang = doc.language.lang;
    let mut md = match lang.code() {
        Some(code) => format!("**Language:** {} (`{code}`)", lang.name()),
        None => {
            "**Language:** not known (too little running prose in English or Spanish)".to_string()
        }
    };
    if !settings.checks_language(lang) {
        let codes: Vec<String> = settings
            .languages
            .iter()
            .filter_map(|l| l.code())
            .map(|c| format!("`{c}`"))
            .collect();
        md.push_str(&format!(
            "  \nNot checked: `languages` is {}.",
            codes.join(", ")
        ));
    }
    Some(md)
}

fn rule_line(f: &Finding) -> String {
    let title = rules::meta(f.code).map_or("", |m| m.title);
    let title = if title.is_empty() {
        String::new()
    } else {
        format!(" — {title}")
    };
    match convert::rule_doc_uri(f.code) {
        Some(uri) => format!(
            "{} `{}`{title} · [rule documentation]({})",
            f.severity,
            f.code,
            uri.as_str()
        ),
        None => format!(
            "{} `{}`{title} · documented in docs/rules/{}.md",
            f.severity, f.code, f.code
        ),
    }
}

/// Turns each `name:line` of a document the server knows into a link to
/// that line (a file URI with a `#L` fragment). A name shared by several
/// documents is resolved to the one in the hovered document's folder, or
/// left as text.
fn link_locations(markdown: &str, current: &DocAnalysis, corpus: &analysis::Corpus) -> String {
    static LOCATION: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"`?([^\s`:()\[\]“”‘’*]+):([0-9]+)`?").expect("valid regex")
    });
    let names: std::collections::HashSet<&str> = LOCATION
        .captures_iter(markdown)
        .filter_map(|c| c.get(1).map(|m| m.as_str()))
        .collect();
    if names.is_empty() {
        return markdown.to_string();
    }
    let folder = |id: &DocId| {
        id.as_str()
            .rsplit_once('/')
            .map(|(dir, _)| dir.to_string())
            .unwrap_or_default()
    };
    let here = folder(&current.id);
    // Name → the one document it stands for (None: ambiguous).
    let mut targets: HashMap<&str, Option<DocId>> = HashMap::new();
    if names.contains(current.name.as_str()) {
        targets.insert(current.name.as_str(), Some(current.id.clone()));
    }
    for doc in corpus.docs() {
        let Some(&name) = names.get(doc.name.as_str()) else {
            continue;
        };
        if doc.id == current.id
            || targets
                .get(name)
                .is_some_and(|t| t.as_ref() == Some(&current.id))
        {
            continue;
        }
        match targets.get_mut(name) {
            None => {
                targets.insert(name, Some(doc.id.clone()));
            }
            Some(slot) => {
                let same_folder = |id: &DocId| folder(id) == here;
                *slot = match slot.take() {
                    Some(a) if same_folder(&a) && !same_folder(&doc.id) => Some(a),
                    Some(a) if !same_folder(&a) && same_folder(&doc.id) => Some(doc.id.clone()),
                    _ => None,
                };
            }
        }
    }
    LOCATION
        .replace_all(markdown, |c: &regex::Captures| {
            let name = &c[1];
            let line = &c[2];
            let whole = &c[0];
            let uri = targets
                .get(name)
                .and_then(Option::as_ref)
                .and_then(convert::uri)
                .filter(|u| u.scheme().as_str().eq_ignore_ascii_case("file"));
            match uri {
                Some(uri) => format!("[`{name}:{line}`]({}#L{line})", uri.as_str()),
                None => whole.to_string(),
            }
        })
        .into_owned()
}
