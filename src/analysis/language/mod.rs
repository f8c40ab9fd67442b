//! The language layer: one tokenizer, the language of a document, part of
//! speech (UPOS) from a trained tagger, lemmas, noun-phrase chunks, and the
//! lexicon kept as data files. Computed once per document and read by every
//! detector family.
//!
//! Pure like the rest of `analysis`: the tagger's model and the lexicon are
//! embedded at compile time and parsed once on first use.

pub mod chunk;
pub mod conllu;
pub mod detect;
pub mod lemma;
pub mod lexicon;
pub mod tagger;
pub mod tokenize;

pub use detect::detect;
pub use lexicon::{Lexicon, lexicon};
pub use tagger::{Tagger, Upos};
pub use tokenize::{Token, TokenKind, tokenize};

/// A language the layer knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    English,
    Spanish,
    /// Too little text, or not running prose in a known language.
    Unknown,
}
