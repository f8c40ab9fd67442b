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

    /// `textDocument/hover`.
    pub fn hover(&self, id: &DocId, position: Position) -> Option<Hover> {
        let snap = self.snapshot(id)?;
        let enc = self.encoding();
        let offset = snap.doc.offset(convert::from_position(position), enc);
        let mut sections: Vec<String> = Vec::new();
        let mut range = None;
        for f in snap
            .findings
            .iter()
            .filter(|f| f.span.start <= offset && offset <= f.span.end)
        {
            range.get_or_insert_with(|| convert::span_range(&snap.doc, f.span.clone(), enc));
            sections.push(finding_markdown(f));
        }
        let settings = self.settings();
        let corpus = read(&self.corpus);
        for section in analysis::hover::describe(&snap.analysis, &corpus, &settings, offset) {
            range.get_or_insert_with(|| convert::span_range(&snap.doc, section.span.clone(), enc));
            sections.push(section.markdown);
        }
        if sections.is_empty() {
            return None;
        }
        Some(Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value: sections.join("\n\n---\n\n"),
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
fn finding_markdown(f: &Finding) -> String {
    let mut out = format!("**{}[{}]** {}", f.severity, f.code, f.message);
    if let Some(meta) = rules::meta(f.code) {
        // The documentation opens with "# `code`"; the hover has its own title.
        let docs = meta
            .docs
            .split_once('\n')
            .map_or("", |(_, rest)| rest)
            .trim();
        out.push_str("\n\n");
        out.push_str(docs);
    }
    out
}
