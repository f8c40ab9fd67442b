//! Related passages in the editor: go to definition (the best related
//! passage in another document), find references (every related passage,
//! best first), a code lens above each paragraph ("3 related passages in 2
//! sources"), and the custom request `factline/relatedPassages` with scores
//! and reasons. Each handler runs synchronously on a blocking thread; the
//! ranking itself is [`crate::analysis::related`].

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use serde::Deserialize;
use serde_json::{Value, json};
use tower_lsp_server::ls_types::{
    CodeLens, Command, GotoDefinitionResponse, Location, Position, TextDocumentIdentifier, Uri,
};

use super::convert;
use super::state::{State, doc_id, read};
use crate::analysis::related::{self, Options, RelatedPassage};
use crate::analysis::{Corpus, DocAnalysis, DocId};
use crate::document::Document;

/// The client command a code lens runs: arguments are the document URI,
/// the lens position and the locations, in the shape of VS Code's
/// `editor.action.showReferences` (the VS Code extension and the Neovim
/// configuration in `editors/` handle it).
pub const SHOW_COMMAND: &str = "factline.showRelatedPassages";

/// How many passages `textDocument/references` lists at most.
const MAX_REFERENCES: usize = 100;

/// Params of `factline/relatedPassages`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RelatedPassagesParams {
    pub text_document: TextDocumentIdentifier,
    pub position: Position,
    /// At most this many results (default 10).
    #[serde(default)]
    pub limit: Option<usize>,
}

/// A document read for a request: its analysis and the text positions are
/// computed on.
struct Source {
    analysis: Arc<DocAnalysis>,
    doc: Document,
}

/// Positions of other documents' spans, each document converted once.
struct Docs<'a> {
    corpus: &'a Corpus,
    documents: &'a super::state::DocumentCache,
    own: (&'a DocId, &'a Document),
    cache: HashMap<DocId, Arc<Document>>,
}

impl<'a> Docs<'a> {
    fn new(
        corpus: &'a Corpus,
        documents: &'a super::state::DocumentCache,
        own: &'a Source,
    ) -> Self {
        Self {
            corpus,
            documents,
            own: (&own.analysis.id, &own.doc),
            cache: HashMap::new(),
        }
    }

    fn location(
        &mut self,
        r: &RelatedPassage,
        enc: crate::document::PositionEncoding,
    ) -> Option<Location> {
        let uri = convert::uri(&r.doc)?;
        if &r.doc == self.own.0 {
            return Some(Location::new(
                uri,
                convert::span_range(self.own.1, r.span.clone(), enc),
            ));
        }
        if !self.cache.contains_key(&r.doc) {
            let a = self.corpus.get(&r.doc)?;
            self.cache.insert(r.doc.clone(), self.documents.get(a));
        }
        let doc = self.cache.get(&r.doc)?;
        Some(Location::new(
            uri,
            convert::span_range(doc, r.span.clone(), enc),
        ))
    }
}

impl State {
    /// The analysis of a document: the open one (current text), else the
    /// corpus's copy of a file on disk.
    fn source(&self, id: &DocId) -> Option<Source> {
        if let Some(snap) = self.snapshot(id) {
            return Some(Source {
                analysis: snap.analysis,
                doc: snap.doc,
            });
        }
        let analysis = read(&self.corpus).get(id)?.clone();
        let doc = Document::new(&analysis.text);
        Some(Source { analysis, doc })
    }

    /// The ranked related passages of the sentence at `position`.
    fn related_at(
        &self,
        source: &Source,
        corpus: &Corpus,
        position: Position,
        options: &Options,
    ) -> Vec<RelatedPassage> {
        let enc = self.encoding();
        let offset = source.doc.offset(convert::from_position(position), enc);
        related::query_with(corpus, &source.analysis, offset..offset, options)
    }

    /// `textDocument/definition`: the best related passage in another document.
    pub fn related_definition(
        &self,
        id: &DocId,
        position: Position,
    ) -> Option<GotoDefinitionResponse> {
        let source = self.source(id)?;
        let corpus = read(&self.corpus);
        let results = self.related_at(
            &source,
            &corpus,
            position,
            &Options {
                limit: 1,
                same_document: false,
                reasons: false,
                ..Options::default()
            },
        );
        let best = results.first()?;
        let location =
            Docs::new(&corpus, &self.documents, &source).location(best, self.encoding())?;
        Some(GotoDefinitionResponse::Scalar(location))
    }

    /// `textDocument/references`: every related passage at or above the
    /// threshold, best first (other documents, then the same document).
    pub fn related_references(&self, id: &DocId, position: Position) -> Option<Vec<Location>> {
        let source = self.source(id)?;
        let corpus = read(&self.corpus);
        let results = self.related_at(
            &source,
            &corpus,
            position,
            &Options {
                limit: MAX_REFERENCES,
                reasons: false,
                ..Options::default()
            },
        );
        let enc = self.encoding();
        let mut docs = Docs::new(&corpus, &self.documents, &source);
        Some(
            results
                .iter()
                .filter_map(|r| docs.location(r, enc))
                .collect(),
        )
    }

    /// `textDocument/codeLens`: one unresolved lens above each paragraph that
    /// has something to match; the count is computed on resolve, for the
    /// lenses the editor shows.
    pub fn related_code_lenses(&self, uri: &Uri, id: &DocId) -> Vec<CodeLens> {
        let Some(source) = self.source(id) else {
            return Vec::new();
        };
        let enc = self.encoding();
        let a = &source.analysis;
        let corpus = read(&self.corpus);
        // A lens only where there is something to open: a paragraph with
        // no related passage gets none (the count itself is resolved
        // lazily).
        let one = Options {
            limit: 1,
            ..Options::default()
        };
        a.segmentation
            .paragraphs
            .iter()
            .enumerate()
            .filter(|(_, p)| {
                p.sentences
                    .clone()
                    .any(|s| a.related.passages.get(s).is_some_and(|p| p.indexed))
            })
            .filter(|(i, _)| !related::paragraph_related(&corpus, a, *i, &one).is_empty())
            .map(|(i, p)| {
                let line = source.doc.line_of(p.span.start);
                let range = convert::span_range(
                    &source.doc,
                    p.span.start..source.doc.line_range(line).end,
                    enc,
                );
                CodeLens {
                    range,
                    command: None,
                    data: Some(json!({"uri": uri.as_str(), "paragraph": i})),
                }
            })
            .collect()
    }

    /// `codeLens/resolve`: "3 related passages in 2 sources", opening the list.
    pub fn resolve_related_lens(&self, mut lens: CodeLens) -> CodeLens {
        let data = lens.data.clone().unwrap_or(Value::Null);
        let uri = data["uri"].as_str().and_then(|u| u.parse::<Uri>().ok());
        let paragraph = data["paragraph"].as_u64().map(|p| p as usize);
        let (Some(uri), Some(paragraph)) = (uri, paragraph) else {
            lens.command = Some(Command::new(
                "no related passages".into(),
                String::new(),
                None,
            ));
            return lens;
        };
        let mut locations = Vec::new();
        let mut sources = HashSet::new();
        if let Some(source) = self.source(&doc_id(&uri)) {
            let corpus = read(&self.corpus);
            let results = related::paragraph_related(
                &corpus,
                &source.analysis,
                paragraph,
                &Options {
                    limit: MAX_REFERENCES,
                    ..Options::default()
                },
            );
            let enc = self.encoding();
            let mut docs = Docs::new(&corpus, &self.documents, &source);
            for r in &results {
                if let Some(l) = docs.location(r, enc) {
                    sources.insert(r.doc.clone());
                    locations.push(l);
                }
            }
        }
        let title = lens_title(locations.len(), sources.len());
        lens.command = Some(if locations.is_empty() {
            // Shown, not clickable.
            Command::new(title, String::new(), None)
        } else {
            Command::new(
                title,
                SHOW_COMMAND.to_string(),
                Some(vec![
                    json!(uri.as_str()),
                    json!(lens.range.start),
                    serde_json::to_value(&locations).unwrap_or(Value::Null),
                ]),
            )
        });
        lens
    }

    /// `factline/relatedPassages`: the ranked list with scores and reasons.
    pub fn related_passages(&self, params: &RelatedPassagesParams) -> Result<Value, String> {
        let id = doc_id(&params.text_document.uri);
        let source = self
            .source(&id)
            .ok_or_else(|| format!("unknown document: {}", params.text_document.uri.as_str()))?;
        let corpus = read(&self.corpus);
        let results = self.related_at(
            &source,
            &corpus,
            params.position,
            &Options {
                limit: params.limit.unwrap_or(10).clamp(1, 1000),
                ..Options::default()
            },
        );
        let enc = self.encoding();
        let offset = source
            .doc
            .offset(convert::from_position(params.position), enc);
        let query = related::PassageRef::at(&source.analysis, offset)
            .and_then(|q| source.analysis.related.passages.get(q.index))
            .map(|p| {
                json!({
                    "uri": params.text_document.uri.as_str(),
                    "range": convert::span_range(&source.doc, p.span.clone(), enc),
                    "text": source.analysis.slice(p.span.clone()),
                })
            })
            .unwrap_or(Value::Null);
        let mut docs = Docs::new(&corpus, &self.documents, &source);
        let list: Vec<Value> = results
            .iter()
            .filter_map(|r| {
                let location = docs.location(r, enc)?;
                let text = if r.doc == source.analysis.id {
                    source.analysis.slice(r.span.clone()).to_string()
                } else {
                    corpus.get(&r.doc)?.slice(r.span.clone()).to_string()
                };
                let name = if r.doc == source.analysis.id {
                    source.analysis.location(r.span.start)
                } else {
                    corpus.get(&r.doc)?.location(r.span.start)
                };
                Some(json!({
                    "uri": location.uri.as_str(),
                    "range": location.range,
                    "location": name,
                    "text": text,
                    "score": round(r.score),
                    "reasons": {
                        "terms": r.reasons.terms,
                        "entities": r.reasons.entities,
                        "figures": r.reasons.figures,
                        "quotes": r.reasons.quotes,
                    },
                }))
            })
            .collect();
        Ok(json!({"query": query, "results": list}))
    }
}

/// "3 related passages in 2 sources".
pub fn lens_title(passages: usize, sources: usize) -> String {
    match (passages, sources) {
        (0, _) => "no related passages".to_string(),
        (p, s) => format!(
            "{p} related passage{} in {s} source{}",
            if p == 1 { "" } else { "s" },
            if s == 1 { "" } else { "s" }
        ),
    }
}

fn round(score: f32) -> f64 {
    (f64::from(score) * 1000.0).round() / 1000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lens_titles() {
        assert_eq!(lens_title(0, 0), "no related passages");
        assert_eq!(lens_title(1, 1), "1 related passage in 1 source");
        assert_eq!(lens_title(3, 2), "3 related passages in 2 sources");
    }
}
