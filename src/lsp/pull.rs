//! Pulled diagnostics (LSP 3.17): `textDocument/diagnostic` for open
//! documents and `workspace/diagnostic` for the sources never opened, so an
//! editor can list the findings of the whole folder (VS Code's Problems
//! panel). Clients that cannot pull keep getting `publishDiagnostics`.
//!
//! A workspace report is made when the corpus or the configuration
//! changes (indexing done, a file changed on disk, new settings, a finding
//! reviewed), not on each keystroke in an open draft: re-checking every
//! source per keystroke would cost a full `factline check`. The request is
//! held open (a long poll, which the protocol allows) until there is
//! something new to say, so a client that asks again at once does not
//! make the server check the folder again for nothing.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::Ordering;

use rayon::prelude::*;
use tower_lsp_server::ls_types::{
    Diagnostic, FullDocumentDiagnosticReport, NumberOrString, WorkspaceDocumentDiagnosticReport,
    WorkspaceFullDocumentDiagnosticReport,
};

use super::convert;
use super::state::{State, guarded_check, lock, read};
use crate::analysis::{DocId, RuleScope, rules::UNREADABLE_FILE};
use crate::config::WorkspaceDiagnostics;
use crate::document::Document;

impl State {
    /// The diagnostics of an open document at its current text (the
    /// published results when they are current, else a fresh check).
    pub fn pull_document(&self, id: &DocId) -> Vec<Diagnostic> {
        {
            let open = lock(&self.open);
            let current = open.get(id).map(|o| o.version);
            drop(open);
            let results = lock(&self.results);
            if let Some(r) = results.get(id)
                && Some(r.version) == current
            {
                let corpus = read(&self.corpus);
                let mut cache = HashMap::new();
                return self.diagnostics_of(r, &corpus, self.encoding(), &mut cache);
            }
        }
        if let Some(snap) = self.snapshot(id) {
            let corpus = read(&self.corpus);
            return self.diagnostics_for(&snap.analysis, &snap.doc, &snap.findings, &corpus);
        }
        // Not analysable (too large, unreadable) or not open: what the
        // workspace report would say.
        let corpus = read(&self.corpus);
        if let Some(a) = corpus.get(id) {
            let doc = Document::new(&a.text);
            let settings = self.settings();
            let mut findings = guarded_check(a, &corpus, &settings, RuleScope::All);
            findings.retain(|f| !self.is_reviewed(Some(a), f));
            return self.diagnostics_for(a, &doc, &findings, &corpus);
        }
        drop(corpus);
        lock(&self.skipped)
            .get(id)
            .map(|reason| self.unreadable_diagnostic(reason))
            .into_iter()
            .flatten()
            .collect()
    }

    /// The reports of every source that is not open (open documents are
    /// pulled one by one), or none with `workspace_diagnostics = "open"`.
    pub fn pull_workspace(&self, result_id: &str) -> Vec<WorkspaceDocumentDiagnosticReport> {
        if read(&self.config).config.workspace_diagnostics == WorkspaceDiagnostics::Open {
            return Vec::new();
        }
        let open: Vec<DocId> = lock(&self.open).keys().cloned().collect();
        let skipped: Vec<(DocId, String)> = lock(&self.skipped)
            .iter()
            .filter(|(id, _)| !open.contains(id))
            .map(|(id, r)| (id.clone(), r.clone()))
            .collect();
        let corpus = read(&self.corpus);
        let settings = self.settings();
        let docs: Vec<_> = corpus.docs().filter(|d| !open.contains(&d.id)).collect();
        let report = |id: &DocId, items: Vec<Diagnostic>| {
            convert::uri(id).map(|uri| {
                WorkspaceDocumentDiagnosticReport::Full(WorkspaceFullDocumentDiagnosticReport {
                    uri,
                    version: None,
                    full_document_diagnostic_report: FullDocumentDiagnosticReport {
                        result_id: Some(result_id.to_string()),
                        items,
                    },
                })
            })
        };
        let mut items: Vec<WorkspaceDocumentDiagnosticReport> = docs
            .par_iter()
            .filter_map(|a| {
                let mut findings = guarded_check(a, &corpus, &settings, RuleScope::All);
                findings.retain(|f| !self.is_reviewed(Some(a), f));
                let doc = Document::new(&a.text);
                report(&a.id, self.diagnostics_for(a, &doc, &findings, &corpus))
            })
            .collect();
        items.extend(skipped.iter().filter_map(|(id, reason)| {
            report(id, self.unreadable_diagnostic(reason).into_iter().collect())
        }));
        items
    }

    /// Converts findings of `a` (whose text is `doc`), with the related
    /// locations in the documents they point into.
    fn diagnostics_for(
        &self,
        a: &crate::analysis::DocAnalysis,
        doc: &Document,
        findings: &[crate::analysis::Finding],
        corpus: &crate::analysis::Corpus,
    ) -> Vec<Diagnostic> {
        let enc = self.encoding();
        let mut others: HashMap<DocId, Arc<Document>> = HashMap::new();
        for f in findings {
            for rel in &f.related {
                if rel.doc != a.id
                    && !others.contains_key(&rel.doc)
                    && let Some(o) = corpus.get(&rel.doc)
                {
                    others.insert(rel.doc.clone(), Arc::new(Document::new(&o.text)));
                }
            }
        }
        findings
            .iter()
            .map(|f| {
                convert::diagnostic(f, doc, enc, |id| {
                    if *id == a.id {
                        Some(doc)
                    } else {
                        others.get(id).map(|d| &**d)
                    }
                })
            })
            .collect()
    }

    /// The one `unreadable-file` diagnostic of a file left out, if the rule
    /// is on.
    fn unreadable_diagnostic(&self, reason: &str) -> Option<Diagnostic> {
        let settings = self.settings();
        let rule = settings.rule(UNREADABLE_FILE.code);
        rule.enabled.then(|| Diagnostic {
            severity: Some(convert::severity(
                rule.severity.unwrap_or(UNREADABLE_FILE.default_severity),
            )),
            code: Some(NumberOrString::String(UNREADABLE_FILE.code.into())),
            source: Some(convert::SOURCE.into()),
            message: reason.to_string(),
            ..Default::default()
        })
    }

    /// The current workspace-diagnostics generation, as a result id.
    pub fn diagnostics_result_id(&self) -> String {
        format!("g{}", self.scheduler.generation.load(Ordering::SeqCst))
    }
}
