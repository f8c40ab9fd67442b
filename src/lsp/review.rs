//! "Mark as reviewed": a code action carrying the `factline.markReviewed`
//! command, and the command itself (`workspace/executeCommand`, so it works
//! in every editor without a plugin).
//!
//! The command records the finding (file, rule, hash of its sentence) in
//! `.factline/reviewed.toml` at the workspace root that holds the file (see
//! [`crate::reviewed`]); the server then hides it until the sentence changes.
//! With a desk-wide store configured (`store = "postgres://…"`) the finding
//! is recorded in its database instead, so every server on it hides it,
//! and the lists read at start and on every change include the database's.

use std::path::PathBuf;

use serde_json::{Value, json};
use tower_lsp_server::ls_types::{CodeAction, CodeActionKind, Command, Diagnostic, Uri};

use super::state::{State, id_path, read, write};
use crate::analysis::{DocAnalysis, Finding};
use crate::reviewed::{self, Entry, Reviewed};

/// The command's name, advertised in `executeCommandProvider`.
pub const MARK_REVIEWED: &str = "factline.markReviewed";

impl State {
    /// Re-reads the reviewed lists of the workspace roots. Returns the
    /// problems found (an invalid file is reported and ignored).
    pub fn load_reviewed(&self) -> Vec<String> {
        let roots: Vec<PathBuf> = read(&self.roots).clone();
        let (mut reviewed, mut problems) = Reviewed::load(&roots);
        match self.archive_reviews() {
            Ok(Some(entries)) => {
                for root in &roots {
                    reviewed.extend_all(root, &entries);
                }
            }
            Ok(None) => {}
            Err(message) => problems.push(message),
        }
        *write(&self.reviewed) = reviewed;
        problems
    }

    /// The desk-wide store of the configuration, connected, if there is
    /// one.
    fn archive(&self) -> Result<Option<crate::host::PgStore>, String> {
        let config = read(&self.config).config.clone();
        crate::host::open_archive(None, &config)
    }

    /// The reviewed findings recorded in the desk-wide store, if there is
    /// one.
    fn archive_reviews(&self) -> Result<Option<std::collections::BTreeSet<Entry>>, String> {
        match self.archive()? {
            Some(archive) => archive
                .reviews()
                .map(Some)
                .map_err(|e| format!("the store {}: {e}", archive.location())),
            None => Ok(None),
        }
    }

    /// Whether a finding of an analysed document is marked as reviewed.
    pub fn is_reviewed(&self, analysis: Option<&DocAnalysis>, finding: &Finding) -> bool {
        let Some(a) = analysis else { return false };
        let reviewed = read(&self.reviewed);
        if reviewed.is_empty() {
            return false;
        }
        id_path(&a.id).is_some_and(|path| reviewed.contains(&path, a, finding))
    }

    /// The workspace root that holds a document's file, and the file's
    /// path relative to it.
    fn review_location(&self, analysis: &DocAnalysis) -> Option<(PathBuf, String)> {
        self.review_location_of(&id_path(&analysis.id)?)
    }

    /// The workspace root that really holds `path` (`..` and symbolic links
    /// resolved, [`crate::paths`]), and the path relative to it.
    fn review_location_of(&self, path: &std::path::Path) -> Option<(PathBuf, String)> {
        read(&self.roots).iter().find_map(|root| {
            let rel = crate::paths::relative_inside(root, path)?;
            Some((reviewed::absolute(root), rel))
        })
    }

    /// The "Mark as reviewed" action for a finding, when its file is in a
    /// workspace root (there is somewhere to record it).
    pub fn review_action(
        &self,
        uri: &Uri,
        analysis: &DocAnalysis,
        finding: &Finding,
        diagnostic: &Diagnostic,
    ) -> Option<CodeAction> {
        self.review_location(analysis)?;
        let hash = reviewed::finding_hash(analysis, &finding.span);
        Some(CodeAction {
            title: format!("Mark as reviewed ({})", finding.code),
            kind: Some(CodeActionKind::QUICKFIX),
            diagnostics: Some(vec![diagnostic.clone()]),
            command: Some(Command {
                title: "Mark as reviewed".to_string(),
                command: MARK_REVIEWED.to_string(),
                arguments: Some(vec![json!({
                    "uri": uri.as_str(),
                    "rule": finding.code,
                    "sentence": hash,
                })]),
            }),
            is_preferred: Some(false),
            ..Default::default()
        })
    }

    /// Runs `factline.markReviewed` with its arguments: records the entry
    /// and updates the in-memory list. Returns a message for the user on
    /// failure.
    pub fn mark_reviewed(&self, arguments: &[Value]) -> Result<Entry, String> {
        let arg = arguments
            .first()
            .ok_or("factline.markReviewed needs {uri, rule, sentence}")?;
        let field = |k: &str| {
            arg.get(k)
                .and_then(Value::as_str)
                .map(str::to_string)
                .ok_or_else(|| format!("factline.markReviewed: missing `{k}`"))
        };
        let (uri, rule, sentence) = (field("uri")?, field("rule")?, field("sentence")?);
        if crate::analysis::rules::meta(&rule).is_none() {
            return Err(format!("factline.markReviewed: no rule `{rule}`"));
        }
        if sentence.len() != 16 || !sentence.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err("factline.markReviewed: `sentence` is not a sentence hash".to_string());
        }
        let uri: Uri = uri
            .parse()
            .map_err(|_| format!("factline.markReviewed: `{uri}` is not a URI"))?;
        let id = super::state::doc_id(&uri);
        let path = id_path(&id).ok_or("factline.markReviewed: the document is not a file")?;
        let (root, file) = self
            .review_location_of(&path)
            .ok_or("factline.markReviewed: the file is outside the workspace folders")?;
        let entry = Entry {
            file,
            rule,
            sentence,
        };
        match self.archive()? {
            Some(archive) => {
                archive
                    .record_review(&entry)
                    .map_err(|e| format!("the store {}: {e}", archive.location()))?;
                let shared = archive
                    .reviews()
                    .map_err(|e| format!("the store {}: {e}", archive.location()))?;
                write(&self.reviewed).extend_all(&root, &shared);
            }
            None => {
                let all = reviewed::record(&root, entry.clone())?;
                write(&self.reviewed).set(&root, all);
            }
        }
        Ok(entry)
    }
}
