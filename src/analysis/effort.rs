//! Counters of the work the analysis does on one text, so that tests can
//! prove it grows linearly with the input without timing anything.
//!
//! Each counter is a relaxed atomic bumped where the analysis examines a
//! candidate: a figure pair weighed as one quantity, a figure returned by
//! an index lookup, a token read around a quotation. Counting costs one
//! uncontended addition; the counts are meaningful only while one text at
//! a time is analysed (tests run such measurements on one thread of
//! control).

use std::sync::atomic::{AtomicU64, Ordering};

static FIGURE_PAIRS: AtomicU64 = AtomicU64::new(0);
static FIGURE_CANDIDATES: AtomicU64 = AtomicU64::new(0);
static QUOTE_TOKENS: AtomicU64 = AtomicU64::new(0);
static PARAGRAPHS_READ: AtomicU64 = AtomicU64::new(0);
static FIGURES_REUSED: AtomicU64 = AtomicU64::new(0);
static UNITS_READ: AtomicU64 = AtomicU64::new(0);
static SENTENCES_ATTRIBUTED: AtomicU64 = AtomicU64::new(0);
static WORD_PARAGRAPHS_READ: AtomicU64 = AtomicU64::new(0);
static NAME_PARAGRAPHS_READ: AtomicU64 = AtomicU64::new(0);
static PASSAGES_INDEXED: AtomicU64 = AtomicU64::new(0);
static WITHIN_CARRIED: AtomicU64 = AtomicU64::new(0);
static PASSAGE_SCORES: AtomicU64 = AtomicU64::new(0);
static CLAUSES_READ: AtomicU64 = AtomicU64::new(0);
static PASSAGE_DIGESTS: AtomicU64 = AtomicU64::new(0);
static RULE_PARAGRAPHS: AtomicU64 = AtomicU64::new(0);
static FIGURES_LIKELY_FRESH: AtomicU64 = AtomicU64::new(0);

/// What has been counted since the last [`reset`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Effort {
    /// Figure pairs weighed as mentions of one quantity.
    pub figure_pairs: u64,
    /// Figures returned by lookups in the figure indexes.
    pub figure_candidates: u64,
    /// Tokens read to classify quotations and find their speakers.
    pub quote_tokens: u64,
    /// Paragraphs whose figures were read from the text, not carried over
    /// from the analysis of an earlier version (see
    /// [`super::reuse`]).
    pub paragraphs_read: u64,
    /// Figures whose comparison with other documents was taken from the
    /// document's previous check instead of being weighed again.
    pub figures_reused: u64,
    /// Boilerplate units (paragraphs) whose features were read from the
    /// text, not carried over from the analysis of an earlier version.
    pub units_read: u64,
    /// Sentences read by the attribution analysis (every sentence of a
    /// document read whole; those of the window around an edit when the
    /// rest is taken over from the version before).
    pub sentences_attributed: u64,
    /// Paragraphs whose words the passages read from the text, not taken
    /// over from the version before.
    pub word_paragraphs_read: u64,
    /// Paragraphs the entity reader looked for names in (its first pass):
    /// those read from the text, and the unchanged ones holding a word
    /// whose evidence of capitalisation the edit changed.
    pub name_paragraphs_read: u64,
    /// Passages put in or taken out of the related-passage index (a new
    /// version of a document moves only the passages it changed).
    pub passages_indexed: u64,
    /// Figures whose candidates and mentions among their own document's
    /// figures were taken from the document's previous check without
    /// choosing the candidates again (unchanged, out of the edit's reach).
    pub within_carried: u64,
    /// Topical scores of two passages computed for the figure comparison
    /// (not taken from a score of the same two passages' words).
    pub passage_scores: u64,
    /// Figures' clauses read for the figure comparison (each figure's
    /// once, then kept).
    pub clauses_read: u64,
    /// Digests of a candidate figure's passage computed for the figure
    /// comparison (each figure's once, then kept, whatever the number of
    /// documents checked against it).
    pub passage_digests: u64,
    /// Paragraphs a rule with a bounded neighbourhood was run over (the
    /// others' findings taken over from the version before; see
    /// [`super::rules::memo`]), summed over the rules.
    pub rule_paragraphs: u64,
    /// Figures the figure check expected to compare afresh rather than
    /// take from its last check (the estimate that decides whether the
    /// comparisons are spread over threads), summed over the checks.
    pub figures_likely_fresh: u64,
}

/// Sets every counter to zero.
pub fn reset() {
    FIGURE_PAIRS.store(0, Ordering::Relaxed);
    FIGURE_CANDIDATES.store(0, Ordering::Relaxed);
    QUOTE_TOKENS.store(0, Ordering::Relaxed);
    PARAGRAPHS_READ.store(0, Ordering::Relaxed);
    FIGURES_REUSED.store(0, Ordering::Relaxed);
    UNITS_READ.store(0, Ordering::Relaxed);
    SENTENCES_ATTRIBUTED.store(0, Ordering::Relaxed);
    WORD_PARAGRAPHS_READ.store(0, Ordering::Relaxed);
    NAME_PARAGRAPHS_READ.store(0, Ordering::Relaxed);
    PASSAGES_INDEXED.store(0, Ordering::Relaxed);
    WITHIN_CARRIED.store(0, Ordering::Relaxed);
    PASSAGE_SCORES.store(0, Ordering::Relaxed);
    CLAUSES_READ.store(0, Ordering::Relaxed);
    PASSAGE_DIGESTS.store(0, Ordering::Relaxed);
    RULE_PARAGRAPHS.store(0, Ordering::Relaxed);
    FIGURES_LIKELY_FRESH.store(0, Ordering::Relaxed);
}

/// The counts so far.
pub fn read() -> Effort {
    Effort {
        figure_pairs: FIGURE_PAIRS.load(Ordering::Relaxed),
        figure_candidates: FIGURE_CANDIDATES.load(Ordering::Relaxed),
        quote_tokens: QUOTE_TOKENS.load(Ordering::Relaxed),
        paragraphs_read: PARAGRAPHS_READ.load(Ordering::Relaxed),
        figures_reused: FIGURES_REUSED.load(Ordering::Relaxed),
        units_read: UNITS_READ.load(Ordering::Relaxed),
        sentences_attributed: SENTENCES_ATTRIBUTED.load(Ordering::Relaxed),
        word_paragraphs_read: WORD_PARAGRAPHS_READ.load(Ordering::Relaxed),
        name_paragraphs_read: NAME_PARAGRAPHS_READ.load(Ordering::Relaxed),
        passages_indexed: PASSAGES_INDEXED.load(Ordering::Relaxed),
        within_carried: WITHIN_CARRIED.load(Ordering::Relaxed),
        passage_scores: PASSAGE_SCORES.load(Ordering::Relaxed),
        clauses_read: CLAUSES_READ.load(Ordering::Relaxed),
        passage_digests: PASSAGE_DIGESTS.load(Ordering::Relaxed),
        rule_paragraphs: RULE_PARAGRAPHS.load(Ordering::Relaxed),
        figures_likely_fresh: FIGURES_LIKELY_FRESH.load(Ordering::Relaxed),
    }
}

pub(crate) fn add_figures_likely_fresh(n: usize) {
    FIGURES_LIKELY_FRESH.fetch_add(n as u64, Ordering::Relaxed);
}

pub(crate) fn add_passage_score() {
    PASSAGE_SCORES.fetch_add(1, Ordering::Relaxed);
}

pub(crate) fn add_passage_digest() {
    PASSAGE_DIGESTS.fetch_add(1, Ordering::Relaxed);
}

pub(crate) fn add_clause_read() {
    CLAUSES_READ.fetch_add(1, Ordering::Relaxed);
}

pub(crate) fn add_figure_pair() {
    FIGURE_PAIRS.fetch_add(1, Ordering::Relaxed);
}

pub(crate) fn add_figure_candidates(n: usize) {
    FIGURE_CANDIDATES.fetch_add(n as u64, Ordering::Relaxed);
}

pub(crate) fn add_quote_tokens(n: usize) {
    QUOTE_TOKENS.fetch_add(n as u64, Ordering::Relaxed);
}

pub(crate) fn add_paragraph_read() {
    PARAGRAPHS_READ.fetch_add(1, Ordering::Relaxed);
}

pub(crate) fn add_within_carried() {
    WITHIN_CARRIED.fetch_add(1, Ordering::Relaxed);
}

pub(crate) fn add_figure_reused() {
    FIGURES_REUSED.fetch_add(1, Ordering::Relaxed);
}

pub(crate) fn add_unit_read() {
    UNITS_READ.fetch_add(1, Ordering::Relaxed);
}

pub(crate) fn add_sentences_attributed(n: usize) {
    SENTENCES_ATTRIBUTED.fetch_add(n as u64, Ordering::Relaxed);
}

pub(crate) fn add_word_paragraph_read() {
    WORD_PARAGRAPHS_READ.fetch_add(1, Ordering::Relaxed);
}

pub(crate) fn add_name_paragraph_read() {
    NAME_PARAGRAPHS_READ.fetch_add(1, Ordering::Relaxed);
}

pub(crate) fn add_passages_indexed(n: usize) {
    PASSAGES_INDEXED.fetch_add(n as u64, Ordering::Relaxed);
}

pub(crate) fn add_rule_paragraphs(n: usize) {
    RULE_PARAGRAPHS.fetch_add(n as u64, Ordering::Relaxed);
}
