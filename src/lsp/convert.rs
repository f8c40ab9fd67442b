//! Conversions between factline's types and LSP's. Positions go through
//! [`Document`]; nothing here counts characters itself.

use std::str::FromStr;

use tower_lsp_server::ls_types::{
    self as lsp, Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, DiagnosticTag,
    Location, NumberOrString, PositionEncodingKind, TextEdit, Uri,
};

use crate::analysis::{DocId, Finding, Severity};
use crate::document::{Document, Position, PositionEncoding, PositionRange};

/// The diagnostic `source` of everything factline publishes.
pub const SOURCE: &str = "factline";

/// Picks the position encoding: UTF-8 when the client offers it, else UTF-16.
pub fn negotiate_encoding(offered: Option<&[PositionEncodingKind]>) -> PositionEncoding {
    match offered {
        Some(kinds) if kinds.contains(&PositionEncodingKind::UTF8) => PositionEncoding::Utf8,
        _ => PositionEncoding::Utf16,
    }
}

pub fn encoding_kind(encoding: PositionEncoding) -> PositionEncodingKind {
    match encoding {
        PositionEncoding::Utf8 => PositionEncodingKind::UTF8,
        PositionEncoding::Utf16 => PositionEncodingKind::UTF16,
        PositionEncoding::Utf32 => PositionEncodingKind::UTF32,
    }
}

pub fn position(p: Position) -> lsp::Position {
    lsp::Position::new(p.line, p.character)
}

pub fn from_position(p: lsp::Position) -> Position {
    Position::new(p.line, p.character)
}

pub fn range(r: PositionRange) -> lsp::Range {
    lsp::Range::new(position(r.start), position(r.end))
}

pub fn from_range(r: lsp::Range) -> PositionRange {
    PositionRange {
        start: from_position(r.start),
        end: from_position(r.end),
    }
}

/// The LSP range of a byte span of `doc`.
pub fn span_range(
    doc: &Document,
    span: std::ops::Range<usize>,
    enc: PositionEncoding,
) -> lsp::Range {
    range(doc.range(span, enc))
}

pub fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Information => DiagnosticSeverity::INFORMATION,
        Severity::Hint => DiagnosticSeverity::HINT,
    }
}

/// The URI a document id stands for (ids are URIs in the server).
pub fn uri(id: &DocId) -> Option<Uri> {
    Uri::from_str(id.as_str()).ok()
}

/// The rule's documentation page (`docs/rules/<code>.md`) as a file URI,
/// when the source tree this server was built from is still there; the
/// page is also the rule module's doc comment and its SARIF help.
pub fn rule_doc_uri(code: &str) -> Option<Uri> {
    // Looked up once per rule, not once per diagnostic on every keystroke:
    // the pages are part of the source tree, which does not move while the
    // server runs.
    static PAGES: std::sync::LazyLock<std::collections::HashMap<&'static str, Uri>> =
        std::sync::LazyLock::new(|| {
            crate::analysis::rules::all_meta()
                .filter_map(|m| {
                    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                        .join("docs/rules")
                        .join(format!("{}.md", m.code));
                    path.is_file()
                        .then(|| Uri::from_file_path(path))
                        .flatten()
                        .map(|u| (m.code, u))
                })
                .collect()
        });
    PAGES.get(code).cloned()
}

/// Converts a finding. `lookup` gives the document a related span points
/// into (the analysed text of another document, or this one).
pub fn diagnostic<'a>(
    finding: &Finding,
    doc: &Document,
    enc: PositionEncoding,
    mut lookup: impl FnMut(&DocId) -> Option<&'a Document>,
) -> Diagnostic {
    let related: Vec<DiagnosticRelatedInformation> = finding
        .related
        .iter()
        .filter_map(|r| {
            let target = lookup(&r.doc)?;
            Some(DiagnosticRelatedInformation {
                location: Location::new(uri(&r.doc)?, span_range(target, r.span.clone(), enc)),
                message: r.message.clone(),
            })
        })
        .collect();
    Diagnostic {
        range: span_range(doc, finding.span.clone(), enc),
        severity: Some(severity(finding.severity)),
        code: Some(NumberOrString::String(finding.code.to_string())),
        code_description: rule_doc_uri(finding.code).map(|href| lsp::CodeDescription { href }),
        source: Some(SOURCE.to_string()),
        message: finding.message.clone(),
        related_information: (!related.is_empty()).then_some(related),
        tags: finding
            .unnecessary
            .then(|| vec![DiagnosticTag::UNNECESSARY]),
        data: None,
    }
}

/// Converts a fix's edits.
pub fn text_edits(
    fix: &crate::analysis::Fix,
    doc: &Document,
    enc: PositionEncoding,
) -> Vec<TextEdit> {
    fix.edits
        .iter()
        .map(|e| TextEdit::new(span_range(doc, e.span.clone(), enc), e.text.clone()))
        .collect()
}
