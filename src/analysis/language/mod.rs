//! The language layer: one tokenizer, the language of a document, part of
//! speech (UPOS) from a trained tagger, lemmas, noun-phrase chunks, and the
//! lexicon kept as data files. Computed once per document and read by every
//! detector family.
//!
//! Pure like the rest of `analysis`: the tagger's model and the lexicon are
//! embedded at compile time and parsed once on first use.
//!
//! [`LangDoc`] is the layer of one document, stored in `DocAnalysis`: the
//! language is read when the document is analysed; the words of a sentence
//! (tokens, tags, lemmas, noun phrases) are read the first time a rule asks
//! for them (`DocAnalysis::sentence_language`), so indexing a workspace
//! pays only for the sentences its rules read.
//!
//! English and Spanish have their own tagging model; lemmas are English
//! only (a Spanish word's lemma is its lower-case form for now), and the
//! chunk rules are the English ones. A document whose language is unknown
//! is read as English.

pub mod chunk;
pub mod conllu;
pub mod detect;
pub mod lemma;
pub mod lexicon;
pub mod tagger;
pub mod tokenize;

use std::ops::Range;
use std::sync::{Arc, OnceLock};

use super::reuse::ParagraphMap;
use super::text::Segmentation;

pub use detect::detect;
pub use lexicon::{Lexicon, lexicon};

pub use tagger::{Tagger, Upos};
pub use tokenize::{Token, TokenKind, tokenize};

/// A language the layer knows.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
pub enum Lang {
    #[default]
    English,
    Spanish,
    /// Too little text, or not running prose in a known language.
    Unknown,
}

/// The words of one sentence, read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SentenceLang {
    /// Tokens with byte ranges in the document's text.
    pub tokens: Vec<Token>,
    /// One part of speech per token.
    pub tags: Arc<[Upos]>,
    /// One lemma per token.
    pub lemmas: Arc<[String]>,
    /// Base noun phrases, as ranges of token indexes.
    pub chunks: Arc<[Range<usize>]>,
}

impl SentenceLang {
    /// The same words with their offsets moved from a text where their
    /// paragraph started at `from` to one where it starts at `to`. Only
    /// the tokens hold offsets: the tags, lemmas and chunks are shared
    /// with `self`, so that carrying a sentence over to an edited version
    /// copies one list, not a string per word.
    fn moved(&self, from: usize, to: usize) -> SentenceLang {
        SentenceLang {
            tokens: self
                .tokens
                .iter()
                .map(|t| Token {
                    span: (t.span.start.saturating_sub(from) + to)
                        ..(t.span.end.saturating_sub(from) + to),
                    kind: t.kind,
                })
                .collect(),
            tags: self.tags.clone(),
            lemmas: self.lemmas.clone(),
            chunks: self.chunks.clone(),
        }
    }

    /// Reads `span` of `text` in language `lang`.
    pub fn read(text: &str, span: Range<usize>, lang: Lang) -> SentenceLang {
        let tokens = tokenize(text, span);
        let words: Vec<&str> = tokens.iter().map(|t| &text[t.span.clone()]).collect();
        let (tags, lemmas): (Vec<Upos>, Vec<String>) = if lang == Lang::Spanish {
            let tags = tagger::spanish().tag(&words);
            let lemmas = words
                .iter()
                .map(|w| lexicon::normalize(w).into_owned())
                .collect();
            (tags, lemmas)
        } else {
            let tags = tagger::english().tag(&words);
            let lemmas = words
                .iter()
                .zip(&tags)
                .map(|(w, t)| lemma::lemma(w, *t))
                .collect();
            (tags, lemmas)
        };
        let chunks = chunk::noun_phrases(&words, &tags);
        SentenceLang {
            tokens,
            tags: tags.into(),
            lemmas: lemmas.into(),
            chunks: chunks.into(),
        }
    }

    /// The text of token `i`.
    pub fn word<'t>(&self, text: &'t str, i: usize) -> &'t str {
        self.tokens
            .get(i)
            .and_then(|t| text.get(t.span.clone()))
            .unwrap_or("")
    }
}

/// The language layer of one document: its language, and each sentence's
/// words read on first use (parallel to `Segmentation::sentences`).
#[derive(Debug, Default)]
pub struct LangDoc {
    pub lang: Lang,
    sentences: Vec<OnceLock<SentenceLang>>,
}

impl LangDoc {
    /// Detects the language; reads no sentence yet.
    pub fn new(text: &str, segmentation: &Segmentation) -> LangDoc {
        LangDoc {
            lang: detect(text),
            sentences: (0..segmentation.sentences.len())
                .map(|_| OnceLock::new())
                .collect(),
        }
    }

    /// The words of sentence `i` (read now if no one asked before); `None`
    /// past the last sentence. `text` and `segmentation` must be the ones
    /// this layer was made from.
    pub fn sentence(
        &self,
        text: &str,
        segmentation: &Segmentation,
        i: usize,
    ) -> Option<&SentenceLang> {
        let cell = self.sentences.get(i)?;
        let span = segmentation.sentences.get(i)?.span.clone();
        Some(cell.get_or_init(|| SentenceLang::read(text, span, self.lang)))
    }

    /// How many sentences have been read so far.
    pub fn sentences_read(&self) -> usize {
        self.sentences.iter().filter(|c| c.get().is_some()).count()
    }

    /// The layer of an edited text, taking over what `previous` (the layer
    /// of the text before the edit) has read: the words of every paragraph
    /// whose text is unchanged, found wherever the paragraph now sits
    /// (`map`, see [`crate::analysis::reuse`]), are moved to their new
    /// offsets instead of being tagged again. The result is the same as
    /// [`LangDoc::new`] would give, read as far as `previous` was.
    /// `previous`'s segmentation is `old_seg`.
    pub fn reusing(
        text: &str,
        segmentation: &Segmentation,
        previous: &LangDoc,
        old_seg: &Segmentation,
        map: &ParagraphMap,
    ) -> LangDoc {
        let doc = LangDoc::new(text, segmentation);
        if doc.lang != previous.lang || previous.sentences_read() == 0 {
            return doc;
        }
        for (np, p) in segmentation.paragraphs.iter().enumerate() {
            let Some(c) = map.get(np) else {
                continue;
            };
            let Some(old) = old_seg.paragraphs.get(c.old) else {
                continue;
            };
            for (a, b) in old.sentences.clone().zip(p.sentences.clone()) {
                if let (Some(read), Some(cell)) = (
                    previous.sentences.get(a).and_then(OnceLock::get),
                    doc.sentences.get(b),
                ) {
                    let _ = cell.set(read.moved(old.span.start, p.span.start));
                }
            }
        }
        doc
    }
}

/// Stored as the language and the number of sentences: the words of a
/// sentence are read again on first use, as after [`LangDoc::new`].
impl serde::Serialize for LangDoc {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        serde::Serialize::serialize(&(self.lang, self.sentences.len() as u64), s)
    }
}

impl<'de> serde::Deserialize<'de> for LangDoc {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let (lang, count): (Lang, u64) = serde::Deserialize::deserialize(d)?;
        // A count past what any text can have is a damaged store, not a
        // reason to allocate without bound.
        let count = usize::try_from(count)
            .ok()
            .filter(|&n| n <= u32::MAX as usize)
            .ok_or_else(|| serde::de::Error::custom("sentence count out of range"))?;
        Ok(LangDoc {
            lang,
            sentences: (0..count).map(|_| OnceLock::new()).collect(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_are_read_on_demand_with_document_offsets() {
        let text = "Prices rose. The minister said the plan would cost $4bn.";
        let seg = Segmentation::new(text);
        let doc = LangDoc::new(text, &seg);
        assert_eq!(doc.sentences_read(), 0);
        let s = doc.sentence(text, &seg, 1).expect("second sentence");
        assert_eq!(doc.sentences_read(), 1);
        assert_eq!(s.word(text, 0), "The");
        assert_eq!(s.tokens.len(), s.tags.len());
        assert_eq!(s.tokens.len(), s.lemmas.len());
        let said = (0..s.tokens.len())
            .find(|&i| s.word(text, i) == "said")
            .expect("said");
        assert_eq!(s.lemmas[said], "say");
        assert_eq!(s.tags[said], Upos::Verb);
        assert!(
            s.chunks
                .iter()
                .any(|c| s.word(text, c.start) == "The" && s.word(text, c.end - 1) == "minister")
        );
        assert!(doc.sentence(text, &seg, 99).is_none());
    }

    #[test]
    fn spanish_is_tagged_with_the_spanish_model() {
        let text = "El ministro dijo que el plan costará mucho. La oposición lo negó.";
        let seg = Segmentation::new(text);
        let doc = LangDoc::new(text, &seg);
        assert_eq!(doc.lang, Lang::Spanish);
        let s = doc.sentence(text, &seg, 0).expect("sentence");
        assert_eq!(s.tags.len(), s.tokens.len());
        assert_eq!(&s.tags[..3], [Upos::Det, Upos::Noun, Upos::Verb]);
        assert_eq!(s.lemmas[0], "el");
        assert!(s.chunks.contains(&(0..2)));
    }
}
