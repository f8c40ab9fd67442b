//! Related passages: the passages of the corpus that report the same fact
//! as a given sentence.
//!
//! Every document is cut into passages (one per sentence, grouped by
//! paragraph, headlines kept; see [`DocPassages`]), computed once per
//! version in [`DocAnalysis::related`]. The [`Corpus`] keeps an inverted
//! [`Index`] of them, updated one document at a time.
//!
//! # Score
//!
//! Two passages are compared on four kinds of evidence, each from 0 to 1:
//! - **terms**: BM25 over normalised, stemmed words without stop words
//!   (numbers included), each passage's BM25 against the other divided by
//!   its BM25 against itself; the geometric mean of the two directions, so
//!   the score is symmetric and a short generic sentence ("Four people were
//!   shot.") is not close to every long one that contains its words;
//! - **entities**: the named entities both mention, weighted by rarity,
//!   with surnames and roles resolved inside each document ("Lindqvist", "the
//!   Secretary of State" → "Ana Lindqvist"); a match on the surname alone
//!   counts 0.7;
//! - **figures**: the same normalised date, amount, percentage or count;
//! - **quotes**: the same quoted words (four or more in a row).
//!
//! The *topical* score adds the other kinds to the terms without letting
//! their absence count against a passage:
//! `1 − (1 − terms)(1 − 0.15·entities)(1 − 0.3·figures)(1 − 0.5·quotes)`.
//! Rules that compare figures across passages use it (see below).
//!
//! The ranking *score* is learned, not hand-weighted: a logistic model
//! ([`Model`], weights in `weights.tsv`, see [`model`]) over [`Features`]:
//! the term measures (normalised BM25 both ways, their geometric mean, the
//! idf-weighted cosine, the rarity of the shared words), the entity,
//! figure and quote overlaps, evidence of a different event (both give
//! calendar dates and none agree, both give years and none agree, both
//! count the same thing with different numbers) and the documents'
//! context:
//! - how much the two documents share the names and dates that identify a
//!   story, weighted by rarity and repetition (the overlap coefficient,
//!   counted as full at one half: `c`, 0 to 1). Reports of the same
//!   incident name the same victims, streets and dates; a sentence such as
//!   "Police said the shooting is under investigation" is related only to
//!   its own story's reports;
//! - the cosine of the documents' idf-weighted frequent words (two
//!   earthquakes are both "magnitude", "quake", "tsunami", but each report
//!   of one of them repeats its own places and consequences).
//!
//! Two one-sentence documents have no context beyond the passages, and
//! are not discounted. Passages that share nothing score 0.
//!
//! A query ranks in two learned stages over the same features and two
//! more, each candidate's shared words over the best of its document's
//! among the query's candidates ([`Features::doc_best`]) and over the best
//! of every candidate's ([`Features::set_best`]): a document gate
//! (`gate.tsv`, the documents' features and the candidate's evidence of
//! another event, a disagreeing date, year or count, fitted on whether a
//! candidate's document reports the query's event) times a passage score
//! (`ranking.tsv`, the passages' features and how near both stand to the
//! start of their articles' body, [`Features::lead`], read by paragraph
//! with headlines left out, fitted only among the passages of documents
//! that report it). The gate says whether a document is on
//! the story, and among the documents that are, the passage that says
//! what the query says comes first, whichever of them shares the most of
//! the story: a one-stage model let every passage of the fullest
//! same-story document outrank the restatement in another one. Scores
//! read as evidence on their own ([`similarity`], verification through
//! [`query_alone`]) come from the pair model, learned without the
//! relative features: they lift each document's best passage in absolute
//! terms too (on the held-out ECB+ drafts of verification the first of
//! them let near-misses of the other event be corroborated). The gate is
//! learned on sentences of whole articles: a query whose document has at
//! most one passage indexed (a one-line draft, a copy whose other lines
//! are boilerplate) has no story beyond its sentence, which the gate would
//! read as sharing none: it ranks by the pair score. (Reading such a
//! query's documents as neutral instead, as between two one-passage
//! documents, lowers held-out ECB+ recall@1 to 0.784.)
//!
//! On ECB+ (two real events per topic), the ranking ranks a passage of
//! the same event first for 80.2% of the held-out topics' queries (MRR
//! 0.869, 0.865 without [`Features::lead`]; the one-stage ranking 79%,
//! the pair score alone 78%), where TF-IDF does for 74% and the former
//! hand-weighted score for 74%.
//! [`Similarity::story`] keeps the former context factor, `0.3 + 0.7·c`,
//! for the figure rules.
//!
//! Same place on another date, or the same people at other talks, thus
//! rank below the same event.
//!
//! # Using it
//!
//! ```text
//! query(corpus: &Corpus, doc: &DocAnalysis, span: Range<usize>, limit: usize) -> Vec<RelatedPassage>
//! query_with(corpus: &Corpus, doc: &DocAnalysis, span: Range<usize>, options: &Options) -> Vec<RelatedPassage>
//! similarity(corpus: &Corpus, a: PassageRef<'_>, b: PassageRef<'_>) -> Similarity
//! explain(corpus: &Corpus, a: PassageRef<'_>, b: PassageRef<'_>) -> Reasons
//! paragraph_related(corpus: &Corpus, doc: &DocAnalysis, paragraph: usize, options: &Options) -> Vec<RelatedPassage>
//! hover_section(doc: &DocAnalysis, corpus: &Corpus, offset: usize) -> Option<HoverSection>
//! PassageRef::at(doc: &DocAnalysis, offset: usize) -> Option<PassageRef<'_>>
//! RelatedPassage { doc: DocId, passage: usize, span: Range<usize>, score: f32,
//!                  reasons: Reasons { terms, entities, figures, quotes: Vec<String> } }
//! ```
//!
//! - [`query`] ranks the passages related to the sentence at a byte span:
//!   other documents first, then (below them, halved) near-duplicates
//!   elsewhere in the same document (a FAQ restating the article); the
//!   sentence's own paragraph is left out. Results score at least
//!   [`MIN_SCORE`], except the best one in another document, which needs
//!   only [`FIRST_MIN_SCORE`]: being ranked first among every candidate is
//!   evidence of its own, and a restatement in other words scores low in
//!   absolute terms even where nothing comes closer. Each result carries its
//!   [`Reasons`]. [`query_with`] takes [`Options`] (limit, minimum score,
//!   same document or not, reasons or not). `doc` need not be in the
//!   corpus (an editor's unsaved text); its own copy there is skipped.
//! - [`similarity`] compares two passages directly (no allocation, a few
//!   dozen hash look-ups; a few microseconds, see the benchmark): rules that
//!   need to know whether two passages talk about the same thing
//!   (inconsistent figures) use `similarity(..).topical >= SAME_FACT` —
//!   the topical score, because disagreeing figures are what such a rule
//!   looks for, not a reason to look away — together with
//!   [`Similarity::date_conflict`] (a different day is another event). On
//!   the MSRP test pairs (all about one event each), `topical >= SAME_FACT`
//!   keeps 98.7% of the paraphrases. To find the candidates first, call
//!   [`query_with`] with `min_score: 0.0`.
//! - [`explain`] says what two passages share, as written in the first.
//! - [`paragraph_related`] unites the results of a paragraph's sentences
//!   (code lens); [`hover_section`] writes the hover text.
//!
//! ```text
//! query:   "Lindqvist flies to Estavia City on May 4 for talks with Castellan."
//! result:  "The Secretary of State is due in Estavia City on May 4 to see
//!           President Irene Castellan."   shared: Estavia City, Castellan,
//!                                          May 4, Lindqvist
//! ranked below: "Lindqvist met Castellan in Estavia City on March 10." (dates disagree)
//! ```
//!
//! # Inputs from the other detectors
//!
//! Both are arguments of [`DocPassages::new`], which `analyze_document`
//! calls once per document version:
//! - Boilerplate: a per-line filter (`Fn(usize) -> bool`, line index into
//!   the segmentation); sentences on boilerplate lines are not indexed, so
//!   they are never a result. They are still text a reader may ask about (a
//!   generated FAQ restating the article's facts), so a query from one
//!   finds related passages as any other sentence's does.
//! - Figures: a [`FigureSource`], the figures of a sentence span, converted
//!   from the figures module's with [`figures_for_index`] so that equal
//!   values get equal keys.

pub mod entities;
pub mod figures;
pub mod index;
mod model;
pub mod passages;
pub mod quotes;
mod terms;

#[doc(hidden)]
pub use terms::{split_words, terms_two_ways};

use std::cell::RefCell;
use std::ops::Range;

pub use figures::from_extracted as figures_for_index;
pub use index::Index;
pub use model::{FEATURE_NAMES, Features, Model};
pub use passages::{DocPassages, FigureSource, LineFilter, Passage, PassageReading};

use super::hover::HoverSection;
use super::{Corpus, DocAnalysis, DocId};
use figures::FigureKind;
use terms::FxHashMap;

/// Results at or above this score are "related": listed by
/// `textDocument/references`, counted by the code lens, shown on hover.
/// On the ECB+ tuning topics, as many queries get a related result at this
/// learned score (171 of 177) as at the former hand-weighted score's 0.30
/// (173), the first one of the same event about as often (0.772 against
/// 0.792); a higher bar drops plain reports of the same fact in small
/// corpora. See `examples/related_learn.rs`.
pub const MIN_SCORE: f32 = 0.15;

/// The best result of a query in another document is related at or above
/// this lower score. The learned score is a probability over every
/// candidate pair, and a restatement in other words shares few of the
/// query's words, so its absolute score stays low even where nothing in
/// the corpus comes closer; ranking first among all candidates is evidence
/// of its own where the corpus holds a report of the fact. Calibrated on
/// data never trained on: on the held-out ECB+ topics (every query has a
/// report elsewhere; `examples/related_learn.rs` prints the table) the
/// first candidate is of the same event for 0.787 of the 164 queries whose
/// first scores 0.10 or more, 0.800 of 160 at 0.15; on the GVA subset of
/// `tests/related_eval.rs` (many incidents have one report only, so a
/// first candidate is often no report at all) the top result is from the
/// same incident for 0.815 of 1,570 passages at 0.10, 0.774 of 1,820 at
/// 0.08 and 0.843 of 1,374 at 0.12: 0.10 is the lowest of these that keeps
/// it at 0.8 or more. Measured again with the ranking model (`ranking.tsv`),
/// not moved: 0.799 of 164 held-out ECB+ queries at 0.10, 0.812 of 160 at
/// 0.15; GVA 0.837 of 1,586 passages at 0.10. With the two-stage ranking
/// (gate × passage), not moved: 0.802 of 167 held-out ECB+ queries at
/// 0.10, 0.806 of 165 at 0.15; GVA 0.883 of 2,009 passages at 0.10.
/// Results after the first still need [`MIN_SCORE`].
pub const FIRST_MIN_SCORE: f32 = 0.10;

/// A topical score at or above this means two passages report the same
/// fact (for rules that compare figures across passages).
pub const SAME_FACT: f32 = 0.40;

/// How much each other kind of evidence can raise the term score in the
/// topical score (not the ranking score, which is learned): the topical
/// score is `1 − (1 − terms)(1 − 0.15·entities)(1 − 0.3·figures)(1 −
/// 0.5·quotes)`, so shared names, figures and quotes add to shared words
/// but a passage without them is not pulled down.
const W_ENTITIES: f32 = 0.15;
const W_FIGURES: f32 = 0.3;
const W_QUOTES: f32 = 0.5;
/// A match on a surname alone, relative to the full name.
const SHORT_NAME_MATCH: f32 = 0.7;
/// Weight of the documents' shared context in [`Story::factor`]:
/// `1 − CONTEXT + CONTEXT · context`, the figure rules' discount.
const CONTEXT: f32 = 0.7;
/// Documents that share this much of their story's weighted names and
/// dates (the smaller document's) have a full context: reports of one
/// story each add names of their own.
const CONTEXT_FULL: f32 = 0.5;
/// Passages of the query's own document: halved and listed last.
const SAME_DOCUMENT: f32 = 0.5;
/// Candidates re-scored per query, at least.
const POOL: usize = 200;
/// BM25 parameters.
const K1: f32 = 1.2;
const B: f32 = 0.75;

/// Why two passages are related: what they share, as written in the query
/// passage.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Reasons {
    /// Shared words (not part of a shared name), rarest first.
    pub terms: Vec<String>,
    /// Shared named entities.
    pub entities: Vec<String>,
    /// Shared figures (dates, amounts, counts).
    pub figures: Vec<String>,
    /// Shared quoted words.
    pub quotes: Vec<String>,
}

impl Reasons {
    /// "Estavia City, Castellan, May 4, security": entities, figures,
    /// quotes, then words, at most `max` items.
    pub fn summary(&self, max: usize) -> String {
        let quoted: Vec<String> = self.quotes.iter().map(|q| format!("“{q}”")).collect();
        self.entities
            .iter()
            .chain(&self.figures)
            .chain(&quoted)
            .chain(&self.terms)
            .take(max)
            .cloned()
            .collect::<Vec<_>>()
            .join(", ")
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
            && self.entities.is_empty()
            && self.figures.is_empty()
            && self.quotes.is_empty()
    }
}

/// A passage related to a query.
#[derive(Clone, Debug, PartialEq)]
pub struct RelatedPassage {
    pub doc: DocId,
    /// The passage's index in its document's [`DocPassages::passages`].
    pub passage: usize,
    /// The passage (a sentence) as a byte range of its document.
    pub span: Range<usize>,
    pub score: f32,
    pub reasons: Reasons,
}

/// A passage of a document.
#[derive(Clone, Copy, Debug)]
pub struct PassageRef<'a> {
    pub doc: &'a DocAnalysis,
    /// Index into `doc.related.passages` (= the sentence index).
    pub index: usize,
}

impl<'a> PassageRef<'a> {
    /// The passage of the sentence at `offset` of `doc`.
    pub fn at(doc: &'a DocAnalysis, offset: usize) -> Option<Self> {
        let index = doc.related.passage_at(&doc.segmentation, offset)?;
        Some(Self { doc, index })
    }

    fn passage(&self) -> Option<&'a Passage> {
        self.doc.related.passages.get(self.index)
    }
}

/// How two passages compare (see the module documentation).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Similarity {
    /// The ranking score, 0 to 1: the learned model's probability that the
    /// passages report the same fact (0 when they share nothing).
    pub score: f32,
    /// Shared words raised by shared names, figures and quotes, with no
    /// discount (see the module documentation).
    pub topical: f32,
    pub terms: f32,
    pub entities: f32,
    pub figures: f32,
    pub quotes: f32,
    /// Both give calendar dates and none agree.
    pub date_conflict: bool,
    /// Both count the same thing with different numbers.
    pub figure_conflict: bool,
    /// How much the two documents' stories share, as the factor it puts on
    /// the score: 1 within one document, down to 0.3 for documents that
    /// share no names or dates (see the module documentation).
    pub story: f32,
    /// What the score is computed from.
    pub features: Features,
}

/// What [`query_with`] returns.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    /// At most this many results.
    pub limit: usize,
    /// Leave out results below this score...
    pub min_score: f32,
    /// ...except the best result in another document, kept at or above
    /// this score when it is lower (see [`FIRST_MIN_SCORE`]). Set it to
    /// `min_score` for one absolute floor.
    pub first_min_score: f32,
    /// Include near-duplicates from the query's own document (after the others).
    pub same_document: bool,
    /// Fill in [`RelatedPassage::reasons`].
    pub reasons: bool,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            limit: 10,
            min_score: MIN_SCORE,
            first_min_score: FIRST_MIN_SCORE,
            same_document: true,
            reasons: true,
        }
    }
}

/// Corpus statistics for scoring: the number of indexed passages, each
/// key's document frequency (the passages that have it) and the mean
/// passage length, of the whole index ([`Stats::new`]) or of every
/// document but one ([`Stats::without`]).
///
/// The figure comparison of a document reads the statistics of the
/// others: the document being checked is the query, as in information
/// retrieval, and only the collection it is compared with is counted. So
/// a keystroke in the editor's document leaves the statistics its own
/// comparisons read exactly as they were, and comparisons kept from its
/// last check hold (see `figures::reuse`); a fresh check of the document
/// reads the same statistics, the document being in the corpus or not.
pub struct Stats<'a> {
    index: &'a Index,
    n: f32,
    avg_len: f32,
    /// The left-out document's part, subtracted from each key's count.
    without: Option<std::sync::Arc<index::Share>>,
}

impl<'a> Stats<'a> {
    /// The statistics of every indexed passage.
    pub fn new(corpus: &'a Corpus) -> Self {
        let index = corpus.related();
        Self {
            index,
            n: index.passages().max(1) as f32,
            avg_len: index.avg_len(),
            without: None,
        }
    }

    /// The statistics of every indexed passage but those of document `id`
    /// (as [`Stats::new`] when it is not indexed).
    pub fn without(corpus: &'a Corpus, id: &DocId) -> Self {
        let index = corpus.related();
        let Some(share) = index.share(id) else {
            return Self::new(corpus);
        };
        let (live, avg_len) = index.passages_without(&share);
        Self {
            index,
            n: live.max(1) as f32,
            avg_len,
            without: Some(share),
        }
    }

    /// A digest of the statistics: two values with the same digest score
    /// every pair of passages alike, as long as the index is not changed
    /// other than through the left-out document.
    pub(crate) fn digest(&self) -> (u32, u32) {
        (self.n.to_bits(), self.avg_len.to_bits())
    }

    /// `read` of the [`StoryContext`] of `doc`, the indexed document in
    /// document slot `slot`, weighed with these statistics: kept with the
    /// index for the statistics of the whole index ([`Index::story`]),
    /// weighed afresh for those without a document. Either way the same
    /// weights, to the bit, as [`story_context_in`].
    fn weighed<R>(&self, slot: u32, doc: &DocAnalysis, read: impl FnOnce(&StoryContext) -> R) -> R {
        if self.without.is_none() {
            self.index
                .story(slot, self.digest(), || weigh(self, doc), read)
        } else {
            read(&weigh(self, doc))
        }
    }

    /// `read` of the [`Weighed`] words of `p`, the indexed passage `id`
    /// (`None` for a passage that is not in the index), weighed with these
    /// statistics: kept with the index for the statistics of the whole
    /// index ([`Index::weighed`]), weighed afresh otherwise.
    fn weighed_passage<R>(
        &self,
        id: Option<u32>,
        p: &Passage,
        read: impl FnOnce(&Weighed) -> R,
    ) -> R {
        match id {
            Some(id) if self.without.is_none() => {
                self.index
                    .weighed(id, self.digest(), || weigh_passage(self, p), read)
            }
            _ => read(&weigh_passage(self, p)),
        }
    }

    fn df(&self, key: u64) -> u32 {
        let df = self.index.df(key);
        match &self.without {
            Some(share) if df > 0 => df.saturating_sub(share.df.get(&key).copied().unwrap_or(0)),
            _ => df,
        }
    }

    fn idf(&self, key: u64) -> f32 {
        let df = (self.df(key) as f32).min(self.n);
        (1.0 + (self.n - df + 0.5) / (df + 0.5)).ln()
    }

    fn tf_part(&self, tf: f32, len: u16) -> f32 {
        tf * (K1 + 1.0) / (tf + K1 * (1.0 - B + B * f32::from(len.max(1)) / self.avg_len))
    }
}

/// Compares two passages: a hash look-up per term, name, figure and story
/// key. Passages out of range compare as 0. To compare many pairs of two
/// documents, weigh their stories once ([`story_between`],
/// [`similarity_in_story`]).
pub fn similarity(corpus: &Corpus, a: PassageRef<'_>, b: PassageRef<'_>) -> Similarity {
    let stats = Stats::new(corpus);
    let (Some(pa), Some(pb)) = (a.passage(), b.passage()) else {
        return Similarity::default();
    };
    let story = doc_context(&stats, a.doc, b.doc);
    let mut sim = compare(&stats, pa, pb, story);
    sim.features.lead = lead(a.doc, a.index) * lead(b.doc, b.index);
    sim
}

/// The body paragraphs before a passage at which [`lead`] reaches 0: a
/// news lead and the paragraphs that follow it up.
const LEAD_SPAN: usize = 5;

/// The passages [`lead`] reads before giving up: a paragraph of this many
/// sentences is not an article's opening any more.
const LEAD_SCAN: usize = 48;

/// How near passage `index` stands to the start of its document's body,
/// read for [`Features::lead`], by paragraph: 1 for every sentence of the
/// first paragraph with an indexed sentence that is not a headline, a
/// fifth less for each such paragraph before it, 0 from the sixth. A
/// headline or subheading ([`Passage::headline`], told by layout: a
/// one-sentence paragraph without final punctuation) is no part of the
/// lead: it names the story in a few words without telling its first
/// fact, and counted as the lead it outranked, on short reports, the
/// sentences restating the query. Reads at most
/// [`LEAD_SCAN`] passages, so it costs the same in a long document.
pub fn lead(doc: &DocAnalysis, index: usize) -> f32 {
    let passages = &doc.related.passages;
    match passages.get(index) {
        Some(p) if !p.headline && index < LEAD_SCAN => {}
        _ => return 0.0,
    }
    let mut before = 0;
    let mut last = None;
    for p in passages[..index]
        .iter()
        .filter(|p| p.indexed && !p.headline)
    {
        if last != Some(p.paragraph) && p.paragraph != passages[index].paragraph {
            last = Some(p.paragraph);
            before += 1;
            if before == LEAD_SPAN {
                return 0.0;
            }
        }
    }
    1.0 - before as f32 / LEAD_SPAN as f32
}

/// How much two documents' stories share (the `ctx` of
/// [`similarity_in_story`]); the same for every pair of their passages, so
/// callers comparing many pairs compute it once per pair of documents
/// ([`story_between`]).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Story {
    /// The shared names and dates (0 to 1); `None` within one document or
    /// between two one-passage documents.
    context: Option<f32>,
    /// Cosine of the documents' idf-weighted frequent words (1 where
    /// `context` is `None`).
    words: f32,
}

impl Story {
    /// Within one document, or when the documents say nothing beyond their
    /// passages: no discount.
    pub const NONE: Story = Story {
        context: None,
        words: 1.0,
    };

    /// The factor the shared names and dates put on a topical score
    /// ([`Similarity::story`]): from 0.3 for documents that share none to 1.
    pub fn factor(self) -> f32 {
        story_factor(self.context)
    }

    /// How much the documents share the names and dates that identify a
    /// story (0 to 1; 0 within one document).
    pub fn shared(self) -> f32 {
        self.context.unwrap_or(0.0)
    }
}

/// One document's side of a [`Story`]: its context keys weighted against
/// the corpus, computed once when a document is compared with many others.
#[derive(Clone, Debug)]
pub struct StoryContext {
    /// (key, weight), sorted by key.
    weighted: Box<[(u64, f32)]>,
    /// The weights summed in key order.
    total: f32,
    /// At most one indexed passage.
    single: bool,
    /// The document's frequent words weighted by idf, L2-normalised,
    /// sorted by key.
    words: Box<[(u64, f32)]>,
}

impl StoryContext {
    /// The weighted names and dates, sorted by key.
    pub(crate) fn weighted(&self) -> &[(u64, f32)] {
        &self.weighted
    }

    /// The weights summed.
    pub(crate) fn total(&self) -> f32 {
        self.total
    }

    /// Whether the document has at most one indexed passage.
    pub(crate) fn single(&self) -> bool {
        self.single
    }
}

/// The [`StoryContext`] of `doc` in `corpus`.
pub fn story_context(corpus: &Corpus, doc: &DocAnalysis) -> StoryContext {
    weigh(&Stats::new(corpus), doc)
}

/// The part of `doc`'s [`StoryContext`] that [`Story::factor`] reads (its
/// names and dates, not its words), for callers that need only the factor:
/// the figure comparison weighs thousands of candidate documents per check.
pub fn story_names(corpus: &Corpus, doc: &DocAnalysis) -> StoryContext {
    weigh_names(&Stats::new(corpus), doc)
}

/// [`story_context`] weighed with the given statistics.
pub fn story_context_in(stats: &Stats<'_>, doc: &DocAnalysis) -> StoryContext {
    weigh(stats, doc)
}

/// [`story_names`] weighed with the given statistics.
pub fn story_names_in(stats: &Stats<'_>, doc: &DocAnalysis) -> StoryContext {
    weigh_names(stats, doc)
}

fn weigh(stats: &Stats<'_>, doc: &DocAnalysis) -> StoryContext {
    let mut context = weigh_names(stats, doc);
    let mut words: Box<[(u64, f32)]> = doc
        .related
        .words
        .iter()
        .map(|&(k, n)| (k, stats.idf(k) * f32::from(n)))
        .collect();
    let norm = words.iter().map(|&(_, w)| w * w).sum::<f32>().sqrt();
    if norm > 0.0 {
        for w in words.iter_mut() {
            w.1 /= norm;
        }
    }
    context.words = words;
    context
}

fn weigh_names(stats: &Stats<'_>, doc: &DocAnalysis) -> StoryContext {
    let weighted: Box<[(u64, f32)]> = doc
        .related
        .context
        .iter()
        .map(|&(k, n)| (k, context_weight(stats, k, n)))
        .collect();
    let total = weighted.iter().map(|&(_, w)| w).sum();
    StoryContext {
        weighted,
        total,
        single: single_passage(doc),
        words: Box::default(),
    }
}

/// How much two documents share what identifies their stories: the names
/// and dates both mention, each weighted by rarity and by how many passages
/// repeat it, over the smaller document's total (the overlap coefficient),
/// reaching 1 at [`CONTEXT_FULL`]. [`Story::NONE`] within one document and
/// when both are one-passage documents: then the passages are all there
/// is, and the documents say nothing more.
pub fn story_between(
    a: &DocAnalysis,
    ca: &StoryContext,
    b: &DocAnalysis,
    cb: &StoryContext,
) -> Story {
    if std::ptr::eq(a, b) || a.id == b.id {
        return Story::NONE;
    }
    if ca.single && cb.single {
        return Story::NONE;
    }
    let words = sorted_dot(&ca.words, &cb.words).clamp(0.0, 1.0);
    let (x, y) = (&ca.weighted, &cb.weighted);
    if x.is_empty() || y.is_empty() {
        return Story {
            context: Some(0.0),
            words,
        };
    }
    // A merge without branches on the keys' order (they are hashes: which
    // side steps is not predictable); adding 0 where keys differ leaves
    // the sum as it was.
    let (mut i, mut j) = (0, 0);
    let mut shared = 0.0f32;
    while i < x.len() && j < y.len() {
        let ((kx, wx), (ky, wy)) = (x[i], y[j]);
        shared += if kx == ky { wx.min(wy) } else { 0.0 };
        i += usize::from(kx <= ky);
        j += usize::from(ky <= kx);
    }
    Story {
        context: Some(context_value(shared, ca.total, cb.total)),
        words,
    }
}

/// The dot product of two vectors sorted by key.
fn sorted_dot(x: &[(u64, f32)], y: &[(u64, f32)]) -> f32 {
    // Without branches on the keys' order, as in [`story_between`].
    let (mut i, mut j, mut dot) = (0, 0, 0.0f32);
    while i < x.len() && j < y.len() {
        let ((kx, wx), (ky, wy)) = (x[i], y[j]);
        dot += if kx == ky { wx * wy } else { 0.0 };
        i += usize::from(kx <= ky);
        j += usize::from(ky <= kx);
    }
    dot
}

/// [`similarity`] with the documents' [`Story`] already known.
pub fn similarity_in_story(
    corpus: &Corpus,
    a: PassageRef<'_>,
    b: PassageRef<'_>,
    story: Story,
) -> Similarity {
    let stats = Stats::new(corpus);
    let (Some(pa), Some(pb)) = (a.passage(), b.passage()) else {
        return Similarity::default();
    };
    let mut sim = compare(&stats, pa, pb, story);
    sim.features.lead = lead(a.doc, a.index) * lead(b.doc, b.index);
    sim
}

/// What the figure comparison reads of two passages: their topical score
/// and whether they give disagreeing dates, as [`similarity_in_story`]
/// computes them (see [`Similarity`]).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Topical {
    pub topical: f32,
    pub date_conflict: bool,
}

/// The [`Topical`] part of [`similarity_in_story`] alone: without the
/// learned score's features, which the figure comparison does not read
/// and which cost more than the rest for each of its many pairs.
pub fn topical(corpus: &Corpus, a: PassageRef<'_>, b: PassageRef<'_>) -> Topical {
    topical_in(&Stats::new(corpus), a, b)
}

/// [`topical`] with the given statistics.
pub fn topical_in(stats: &Stats<'_>, a: PassageRef<'_>, b: PassageRef<'_>) -> Topical {
    let (Some(pa), Some(pb)) = (a.passage(), b.passage()) else {
        return Topical::default();
    };
    Topical {
        topical: topical_score(stats, pa, pb, lexical(stats, pa, pb).terms),
        date_conflict: dates_disagree(pa, pb),
    }
}

/// Shared words (`terms`) raised by shared names, figures and quotes:
/// (topical, entities, figures, quotes).
fn topical_parts(stats: &Stats<'_>, a: &Passage, b: &Passage, terms: f32) -> (f32, f32, f32, f32) {
    let entities = entity_overlap(stats, a, b);
    let figures = figure_overlap(stats, a, b);
    let quotes = quotes::overlap(&a.quotes, &b.quotes);
    let topical = (1.0
        - (1.0 - terms)
            * (1.0 - W_ENTITIES * entities)
            * (1.0 - W_FIGURES * figures)
            * (1.0 - W_QUOTES * quotes))
        .clamp(0.0, 1.0);
    (topical, entities, figures, quotes)
}

fn topical_score(stats: &Stats<'_>, a: &Passage, b: &Passage, terms: f32) -> f32 {
    topical_parts(stats, a, b, terms).0
}

/// The date part of [`conflicts`]: both give calendar dates and none of
/// `a`'s has a key of `b`'s figures. Builds the key set only when both
/// have dates (rare), so most pairs allocate nothing.
fn dates_disagree(a: &Passage, b: &Passage) -> bool {
    let is_date = |f: &&figures::Figure| f.kind == FigureKind::Date;
    if !a.figures.iter().any(|f| is_date(&f)) || !b.figures.iter().any(|f| is_date(&f)) {
        return false;
    }
    let theirs: terms::FxHashSet<u64> = b.figures.iter().map(|g| g.key).collect();
    !a.figures
        .iter()
        .filter(is_date)
        .any(|f| theirs.contains(&f.key))
}

/// The documents' context for [`compare`]: `None` within one document or
/// when neither document has more than one passage.
fn doc_context(stats: &Stats<'_>, da: &DocAnalysis, db: &DocAnalysis) -> Story {
    if std::ptr::eq(da, db) || da.id == db.id {
        return Story::NONE;
    }
    story_between(da, &weigh(stats, da), db, &weigh(stats, db))
}

fn story_factor(ctx: Option<f32>) -> f32 {
    ctx.map_or(1.0, |ctx| 1.0 - CONTEXT + CONTEXT * ctx)
}

fn compare(stats: &Stats<'_>, a: &Passage, b: &Passage, st: Story) -> Similarity {
    compare_lexical(stats, a, b, st, lexical(stats, a, b))
}

/// [`compare`] with the passages' [`Lexical`] measures already computed
/// (from their [`Weighed`] words, [`lexical_weighed`]).
fn compare_lexical(
    stats: &Stats<'_>,
    a: &Passage,
    b: &Passage,
    st: Story,
    lex: Lexical,
) -> Similarity {
    let terms = lex.terms;
    let (topical, entities, figures, quotes) = topical_parts(stats, a, b, terms);
    let (date_conflict, year_conflict, figure_conflict) = conflicts(a, b);
    let story = st.factor();
    let features = Features {
        terms,
        terms_min: lex.min,
        terms_max: lex.max,
        cosine: lex.cosine,
        shared: lex.shared,
        entities,
        figures,
        quotes,
        date_conflict: f32::from(u8::from(date_conflict)),
        year_conflict: f32::from(u8::from(year_conflict)),
        count_conflict: f32::from(u8::from(figure_conflict)),
        story: st.context.unwrap_or(1.0),
        doc_words: st.words,
        doc_best: 1.0,
        set_best: 1.0,
        lead: 1.0,
    };
    // Nothing in common is no evidence at all, whatever the model's bias.
    let score = if topical > 0.0 {
        model::score(&features)
    } else {
        0.0
    };
    Similarity {
        score,
        topical,
        terms,
        entities,
        figures,
        quotes,
        date_conflict,
        figure_conflict,
        story,
        features,
    }
}

/// [`Features::doc_best`]: a candidate's shared words over the most any
/// candidate of its document shares with the query (1 when none shares
/// any, so that a document without shared words is not singled out);
/// with the most of every candidate's, [`Features::set_best`].
pub fn doc_best(terms: f32, best: f32) -> f32 {
    if best > 0.0 {
        (terms / best).clamp(0.0, 1.0)
    } else {
        1.0
    }
}

fn single_passage(d: &DocAnalysis) -> bool {
    d.related.passages.iter().filter(|p| p.indexed).count() <= 1
}

/// A name the document repeats identifies its story more than one it
/// mentions in passing.
fn context_weight(stats: &Stats<'_>, key: u64, n: u16) -> f32 {
    stats.idf(key) * (1.0 + f32::from(n)).ln()
}

/// The overlap coefficient of two weighted contexts, reaching 1 at
/// [`CONTEXT_FULL`].
fn context_value(shared: f32, wa: f32, wb: f32) -> f32 {
    let smaller: f32 = wa.min(wb);
    if smaller <= 0.0 {
        return 0.0;
    }
    (shared / smaller / CONTEXT_FULL).clamp(0.0, 1.0)
}

/// What two passages' words share (see [`Features`]); all zero when
/// either passage has no weighed word.
#[derive(Default)]
struct Lexical {
    /// Geometric mean of the two directions.
    terms: f32,
    min: f32,
    max: f32,
    cosine: f32,
    shared: f32,
}

/// Rarity (summed idf) of shared words at which [`Features::shared`]
/// reaches 1: about four rare words.
const SHARED_FULL: f32 = 30.0;

impl Lexical {
    /// From the share of each side's BM25 against itself that the other
    /// side covers (`ab / self_a`, `ba / self_b`), the dot product and
    /// norms of the idf-weighted counts, and the summed idf of the shared
    /// words.
    fn from_sums(x: f32, y: f32, dot: f32, norm_a: f32, norm_b: f32, shared: f32) -> Lexical {
        let (x, y) = (x.min(1.0), y.min(1.0));
        Lexical {
            // Geometric mean of the two directions: a short generic passage
            // ("Four people were shot.") that a long one covers is not close to it.
            terms: (x * y).sqrt().clamp(0.0, 1.0),
            min: x.min(y).clamp(0.0, 1.0),
            max: x.max(y).clamp(0.0, 1.0),
            cosine: (dot / (norm_a.sqrt() * norm_b.sqrt()).max(1e-9)).clamp(0.0, 1.0),
            shared: (shared / SHARED_FULL).min(1.0),
        }
    }
}

/// Symmetric normalised BM25: each passage's BM25 against the other,
/// divided by its BM25 against itself; with the cosine of the two
/// passages' idf-weighted word counts and the rarity of the shared words,
/// computed in the same pass.
fn lexical(stats: &Stats<'_>, a: &Passage, b: &Passage) -> Lexical {
    if a.terms.is_empty() || b.terms.is_empty() {
        return Lexical::default();
    }
    let (mut ab, mut ba, mut self_a, mut self_b) = (0.0, 0.0, 0.0, 0.0);
    let (mut dot, mut norm_a, mut norm_b, mut shared) = (0.0, 0.0, 0.0, 0.0);
    let (mut i, mut j) = (0, 0);
    while i < a.terms.len() || j < b.terms.len() {
        let ta = a.terms.get(i).copied();
        let tb = b.terms.get(j).copied();
        match (ta, tb) {
            (Some(x), Some(y)) if x == y => {
                let idf = stats.idf(x);
                let tfa = f32::from(a.tfs[i]);
                let tfb = f32::from(b.tfs[j]);
                ab += idf * stats.tf_part(tfb, b.len);
                ba += idf * stats.tf_part(tfa, a.len);
                self_a += idf * stats.tf_part(tfa, a.len);
                self_b += idf * stats.tf_part(tfb, b.len);
                dot += idf * idf * tfa * tfb;
                norm_a += (idf * tfa).powi(2);
                norm_b += (idf * tfb).powi(2);
                shared += idf;
                i += 1;
                j += 1;
            }
            (Some(x), y) if y.is_none_or(|y| x < y) => {
                let idf = stats.idf(x);
                let tfa = f32::from(a.tfs[i]);
                self_a += idf * stats.tf_part(tfa, a.len);
                norm_a += (idf * tfa).powi(2);
                i += 1;
            }
            (_, Some(y)) => {
                let idf = stats.idf(y);
                let tfb = f32::from(b.tfs[j]);
                self_b += idf * stats.tf_part(tfb, b.len);
                norm_b += (idf * tfb).powi(2);
                j += 1;
            }
            _ => break,
        }
    }
    if self_a <= 0.0 || self_b <= 0.0 {
        return Lexical::default();
    }
    Lexical::from_sums(ab / self_a, ba / self_b, dot, norm_a, norm_b, shared)
}

/// A passage's words weighed with one version of the statistics: what
/// [`lexical`] reads of each side, computed once per passage and version
/// ([`Stats::weighed_passage`]) rather than once per comparison.
#[derive(Clone, Debug)]
pub(crate) struct Weighed {
    /// Per term, parallel to [`Passage::terms`]: its idf, and its idf
    /// times its BM25 frequency part in the passage.
    terms: Box<[(f32, f32)]>,
    /// BM25 of the passage against itself (the second parts summed in
    /// term order).
    self_score: f32,
    /// The squared norm of the idf-weighted counts.
    norm: f32,
}

/// The [`Weighed`] words of `p` with `stats`: the same values, to the bit,
/// as [`lexical`] and [`Stats::self_score`] compute term by term.
fn weigh_passage(stats: &Stats<'_>, p: &Passage) -> Weighed {
    let (mut self_score, mut norm) = (0.0f32, 0.0f32);
    let terms = p
        .terms
        .iter()
        .zip(p.tfs.iter())
        .map(|(&t, &tf)| {
            let idf = stats.idf(t);
            let tf = f32::from(tf);
            let w = idf * stats.tf_part(tf, p.len);
            self_score += w;
            norm += (idf * tf).powi(2);
            (idf, w)
        })
        .collect();
    Weighed {
        terms,
        self_score,
        norm,
    }
}

/// [`lexical`] of two passages from their [`Weighed`] words: a merge of
/// the two term lists without a look-up, the same values to the bit.
fn lexical_weighed(a: &Passage, wa: &Weighed, b: &Passage, wb: &Weighed) -> Lexical {
    let (self_a, self_b) = (wa.self_score, wb.self_score);
    if a.terms.is_empty() || b.terms.is_empty() || self_a <= 0.0 || self_b <= 0.0 {
        return Lexical::default();
    }
    let (mut ab, mut ba, mut dot, mut shared) = (0.0f32, 0.0f32, 0.0f32, 0.0f32);
    let (mut i, mut j) = (0, 0);
    while i < a.terms.len() && j < b.terms.len() {
        match a.terms[i].cmp(&b.terms[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                let (idf, wai) = wa.terms[i];
                let wbj = wb.terms[j].1;
                let tfa = f32::from(a.tfs[i]);
                let tfb = f32::from(b.tfs[j]);
                ab += wbj;
                ba += wai;
                dot += idf * idf * tfa * tfb;
                shared += idf;
                i += 1;
                j += 1;
            }
        }
    }
    Lexical::from_sums(ab / self_a, ba / self_b, dot, wa.norm, wb.norm, shared)
}

/// The weighted Dice overlap of `a` and `b`, given `side(x, y)`: the
/// weight of `x`'s items that `y` shares and of all `x`'s items.
fn weighted_dice(a: &Passage, b: &Passage, side: impl Fn(&Passage, &Passage) -> (f32, f32)) -> f32 {
    let (ma, ta) = side(a, b);
    let (mb, tb) = side(b, a);
    if ta + tb <= 0.0 {
        return 0.0;
    }
    ((ma + mb) / (ta + tb)).clamp(0.0, 1.0)
}

/// Weighted Dice overlap of the passages' entities.
fn entity_overlap(stats: &Stats<'_>, a: &Passage, b: &Passage) -> f32 {
    if a.entities.is_empty() || b.entities.is_empty() {
        return 0.0;
    }
    let side = |x: &Passage, y: &Passage| -> (f32, f32) {
        let mut total = 0.0;
        let mut matched = 0.0;
        for (k, e) in x.entities.iter().enumerate() {
            if e.weak || x.entities[..k].iter().any(|p| p.canon == e.canon) {
                continue;
            }
            let w = stats.idf(e.canon);
            total += w;
            if y.entities.iter().any(|f| f.canon == e.canon) {
                matched += w;
            } else if y.entities.iter().any(|f| f.short == e.short) {
                matched += SHORT_NAME_MATCH * w;
            }
        }
        (matched, total)
    };
    weighted_dice(a, b, side)
}

/// Weighted Dice overlap of the passages' figures.
fn figure_overlap(stats: &Stats<'_>, a: &Passage, b: &Passage) -> f32 {
    if a.figures.is_empty() || b.figures.is_empty() {
        return 0.0;
    }
    if a.figures.len() <= FEW_FIGURES && b.figures.len() <= FEW_FIGURES {
        few_figure_overlap(stats, a, b)
    } else {
        set_figure_overlap(stats, a, b)
    }
}

/// [`figure_overlap`] of passages with few figures (most passages): the
/// lists read, nothing allocated.
fn few_figure_overlap(stats: &Stats<'_>, a: &Passage, b: &Passage) -> f32 {
    let side = |x: &Passage, y: &Passage| -> (f32, f32) {
        let mut total = 0.0;
        let mut matched = 0.0;
        for (k, f) in x.figures.iter().enumerate() {
            if x.figures[..k].iter().any(|g| g.key == f.key) {
                continue;
            }
            let w = stats.idf(f.key);
            total += w;
            if y.figures.iter().any(|g| g.key == f.key) {
                matched += w;
            }
        }
        (matched, total)
    };
    weighted_dice(a, b, side)
}

/// [`figure_overlap`] through key sets.
fn set_figure_overlap(stats: &Stats<'_>, a: &Passage, b: &Passage) -> f32 {
    // Key sets, so that a passage of thousands of figures is not read once
    // per figure (the sums keep the text order of first occurrences).
    let side = |x: &Passage, y: &Passage| -> (f32, f32) {
        let theirs: terms::FxHashSet<u64> = y.figures.iter().map(|g| g.key).collect();
        let mut seen = terms::FxHashSet::default();
        let mut total = 0.0;
        let mut matched = 0.0;
        for f in &x.figures {
            if !seen.insert(f.key) {
                continue;
            }
            let w = stats.idf(f.key);
            total += w;
            if theirs.contains(&f.key) {
                matched += w;
            }
        }
        (matched, total)
    };
    weighted_dice(a, b, side)
}

/// Passages with at most this many figures are compared by reading the
/// lists rather than through key sets: the same answers, no allocation.
const FEW_FIGURES: usize = 16;

/// (dates disagree, years disagree, counts of one thing disagree).
fn conflicts(a: &Passage, b: &Passage) -> (bool, bool, bool) {
    if a.figures.is_empty() || b.figures.is_empty() {
        return (false, false, false);
    }
    if a.figures.len() <= FEW_FIGURES && b.figures.len() <= FEW_FIGURES {
        return few_conflicts(a, b);
    }
    set_conflicts(a, b)
}

/// [`conflicts`] through key sets: linear in the figures.
fn set_conflicts(a: &Passage, b: &Passage) -> (bool, bool, bool) {
    // Sets of keys rather than pairs of figures: linear in the figures.
    let their_keys: terms::FxHashSet<u64> = b.figures.iter().map(|g| g.key).collect();
    let disagree = |kind: FigureKind| -> bool {
        let mut ours = a.figures.iter().filter(|f| f.kind == kind).peekable();
        if ours.peek().is_none() || !b.figures.iter().any(|g| g.kind == kind) {
            return false;
        }
        !ours.any(|f| their_keys.contains(&f.key))
    };
    let counted = |p: &Passage| {
        p.figures
            .iter()
            .filter(|f| f.kind == FigureKind::Count && f.unit != 0)
            .map(|f| (f.unit, f.key))
            .collect::<Vec<_>>()
    };
    let (ours, theirs) = (counted(a), counted(b));
    // A unit counted on both sides conflicts when no value of it is shared.
    let their_units: terms::FxHashSet<u64> = theirs.iter().map(|&(u, _)| u).collect();
    let their_pairs: terms::FxHashSet<(u64, u64)> = theirs.iter().copied().collect();
    let shared_units: terms::FxHashSet<u64> = ours
        .iter()
        .filter(|p| their_pairs.contains(p))
        .map(|&(u, _)| u)
        .collect();
    let counts = ours
        .iter()
        .any(|&(u, _)| their_units.contains(&u) && !shared_units.contains(&u));
    (
        disagree(FigureKind::Date),
        disagree(FigureKind::Year),
        counts,
    )
}

/// [`conflicts`] of passages with few figures, read from the lists.
fn few_conflicts(a: &Passage, b: &Passage) -> (bool, bool, bool) {
    let theirs_have = |key: u64| b.figures.iter().any(|g| g.key == key);
    let disagree = |kind: FigureKind| -> bool {
        let mut ours = a.figures.iter().filter(|f| f.kind == kind).peekable();
        if ours.peek().is_none() || !b.figures.iter().any(|g| g.kind == kind) {
            return false;
        }
        !ours.any(|f| theirs_have(f.key))
    };
    fn counted(p: &Passage) -> impl Iterator<Item = (u64, u64)> + '_ {
        p.figures
            .iter()
            .filter(|f| f.kind == FigureKind::Count && f.unit != 0)
            .map(|f| (f.unit, f.key))
    }
    // A unit counted on both sides conflicts when no value of it is shared.
    let their_unit = |u: u64| counted(b).any(|(v, _)| v == u);
    let their_pair = |p: (u64, u64)| counted(b).any(|q| q == p);
    let shared_unit = |u: u64| counted(a).any(|(v, k)| v == u && their_pair((v, k)));
    let counts = counted(a).any(|(u, _)| their_unit(u) && !shared_unit(u));
    (
        disagree(FigureKind::Date),
        disagree(FigureKind::Year),
        counts,
    )
}

pub(crate) fn sorted_intersection_count(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
        }
    }
    n
}

thread_local! {
    /// Dense score buffer over passage ids, reused across queries; only the
    /// touched entries are reset.
    static SCRATCH: RefCell<(Vec<f32>, Vec<u32>)> = const { RefCell::new((Vec::new(), Vec::new())) };
}

/// The passages related to the sentence at `span.start` of `doc` (or the
/// first one after it on its line), best first, at most `limit`, at or
/// above [`MIN_SCORE`] (the best one in another document at or above
/// [`FIRST_MIN_SCORE`]), with reasons. Other documents come first; passages
/// of `doc` itself follow, halved, leaving out the sentence's own
/// paragraph. A near-empty sentence gets nothing; a sentence on a
/// boilerplate line is a query like any other, but never a result.
pub fn query(
    corpus: &Corpus,
    doc: &DocAnalysis,
    span: Range<usize>,
    limit: usize,
) -> Vec<RelatedPassage> {
    query_with(
        corpus,
        doc,
        span,
        &Options {
            limit,
            ..Options::default()
        },
    )
}

/// [`query`] with options.
pub fn query_with(
    corpus: &Corpus,
    doc: &DocAnalysis,
    span: Range<usize>,
    options: &Options,
) -> Vec<RelatedPassage> {
    query_scored(corpus, doc, span, options, Scoring::Ranking)
}

/// [`query_with`] with each candidate scored alone by the pair score
/// (not weighed against its document's other candidates), for callers
/// that read a result's score as evidence on its own: verification.
pub fn query_alone(
    corpus: &Corpus,
    doc: &DocAnalysis,
    span: Range<usize>,
    options: &Options,
) -> Vec<RelatedPassage> {
    query_scored(corpus, doc, span, options, Scoring::Alone)
}

fn query_scored(
    corpus: &Corpus,
    doc: &DocAnalysis,
    span: Range<usize>,
    options: &Options,
    scoring: Scoring,
) -> Vec<RelatedPassage> {
    let Some(q) = PassageRef::at(doc, span.start) else {
        return Vec::new();
    };
    let stats = Stats::new(corpus);
    let mut results = ranked(&stats, q, options, scoring);
    results.truncate(options.limit);
    if options.reasons {
        add_reasons(corpus, &stats, q, &mut results);
    }
    results
}

/// How [`ranked`] scores the candidates of other documents.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Scoring {
    /// The ranking model, each candidate also against the best of its
    /// document's ([`Features::doc_best`]).
    Ranking,
    /// The pair model, each candidate alone.
    Alone,
}

/// Fills in the reasons of `results`, read from the query passage `q`.
fn add_reasons(
    corpus: &Corpus,
    stats: &Stats<'_>,
    q: PassageRef<'_>,
    results: &mut [RelatedPassage],
) {
    let doc = q.doc;
    if let Some(pa) = q.passage() {
        let words = PassageWords::read(doc, pa);
        for r in results.iter_mut() {
            let other = if r.doc == doc.id {
                Some(doc)
            } else {
                corpus.get(&r.doc).map(|d| &**d)
            };
            if let Some(pb) = other.and_then(|o| o.related.passages.get(r.passage)) {
                r.reasons = explain_passages(stats, doc, pa, pb, &words);
            }
        }
    }
}

/// Candidates from the index, re-scored with [`compare`]; then the same
/// document's near-duplicates.
fn ranked(
    stats: &Stats<'_>,
    q: PassageRef<'_>,
    options: &Options,
    scoring: Scoring,
) -> Vec<RelatedPassage> {
    // Near-empty sentences are related to nothing; boilerplate ones are
    // not indexed (never candidates) but may ask.
    let Some(qp) = q.passage().filter(|p| p.queryable()) else {
        return Vec::new();
    };
    let index = stats.index;
    let mut out: Vec<RelatedPassage> = Vec::new();
    let pool = options.limit.saturating_mul(8).clamp(POOL, 2 * POOL);
    // The query's words weighed once, for the first pass and every
    // candidate (it need not be indexed: an editor's unsaved text).
    let qw = weigh_passage(stats, qp);
    let candidates = candidates(stats, qp, &qw, pool, &q.doc.id);
    // Candidates share documents: each document's context once, and the
    // query's own side of it once.
    let mut contexts: FxHashMap<u32, Story> = FxHashMap::default();
    let own = match index.doc_slot(&q.doc.id) {
        // The indexed version of the query's document: its weighed
        // context may be kept already.
        Some(slot)
            if index
                .doc_in(slot)
                .is_some_and(|d| std::ptr::eq(&**d, q.doc)) =>
        {
            stats.weighed(slot, q.doc, StoryContext::clone)
        }
        _ => weigh(stats, q.doc),
    };
    let own_lead = lead(q.doc, q.index);
    // The ranking's document gate reads what the two documents share; a
    // query whose document has at most one passage indexed (a one-line
    // draft, a copy whose other lines are boilerplate) has no story beyond
    // its sentence, which the gate would read as sharing none: it is
    // ranked by the pair score, learned on lone pairs too.
    let scoring = if own.single { Scoring::Alone } else { scoring };
    let floor = options.min_score.min(options.first_min_score);
    // Every candidate's features first, then each weighed against the
    // best of its own document's candidates (`Features::doc_best`).
    let mut scored: Vec<(u32, &DocAnalysis, usize, Similarity)> = Vec::new();
    let mut best_terms: FxHashMap<u32, f32> = FxHashMap::default();
    let mut set_best = 0.0f32;
    for id in candidates {
        let Some(slot) = index.slot(id) else { continue };
        let Some(cd) = index.doc(&slot) else { continue };
        let Some(cp) = cd.related.passages.get(slot.passage as usize) else {
            continue;
        };
        let ctx = *contexts.entry(slot.doc).or_insert_with(|| {
            stats.weighed(slot.doc, cd, |theirs| {
                story_between(q.doc, &own, cd, theirs)
            })
        });
        let lex = stats.weighed_passage(Some(id), cp, |cw| lexical_weighed(qp, &qw, cp, cw));
        let sim = compare_lexical(stats, qp, cp, ctx, lex);
        if sim.topical <= 0.0 {
            continue;
        }
        let best = best_terms.entry(slot.doc).or_insert(0.0);
        *best = best.max(sim.terms);
        set_best = set_best.max(sim.terms);
        scored.push((slot.doc, &**cd, slot.passage as usize, sim));
    }
    for (doc_slot, cd, passage, mut sim) in scored {
        let score = match scoring {
            Scoring::Ranking => {
                let best = best_terms.get(&doc_slot).copied().unwrap_or(0.0);
                sim.features.doc_best = doc_best(sim.terms, best);
                sim.features.set_best = doc_best(sim.terms, set_best);
                sim.features.lead = own_lead * lead(cd, passage);
                model::ranking_score(&sim.features)
            }
            Scoring::Alone => sim.score,
        };
        if score >= floor && score > 0.0 {
            out.push(RelatedPassage {
                doc: cd.id.clone(),
                passage,
                span: cd.related.passages[passage].span.clone(),
                score,
                reasons: Reasons::default(),
            });
        }
    }
    sort_results(&mut out);
    // Below the first, every result needs the full floor.
    if let Some(rest) = out.get(1..) {
        let keep = 1 + rest
            .iter()
            .take_while(|r| r.score >= options.min_score)
            .count();
        out.truncate(keep);
    }
    if options.same_document {
        let mut same: Vec<RelatedPassage> = Vec::new();
        for (i, p) in q.doc.related.passages.iter().enumerate() {
            if i == q.index || p.paragraph == qp.paragraph || !p.indexed {
                continue;
            }
            let sim = compare(stats, qp, p, Story::NONE);
            let score = sim.score * SAME_DOCUMENT;
            if score >= options.min_score && score > 0.0 {
                same.push(RelatedPassage {
                    doc: q.doc.id.clone(),
                    passage: i,
                    span: p.span.clone(),
                    score,
                    reasons: Reasons::default(),
                });
            }
        }
        sort_results(&mut same);
        out.extend(same);
    }
    out
}

fn sort_results(v: &mut [RelatedPassage]) {
    v.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| a.doc.cmp(&b.doc))
            .then(a.span.start.cmp(&b.span.start))
    });
}

/// The `pool` passage ids of other documents with the highest first-pass
/// score (normalised BM25 of the query's terms plus shared names, figures
/// and quotes).
fn candidates(stats: &Stats<'_>, q: &Passage, qw: &Weighed, pool: usize, own: &DocId) -> Vec<u32> {
    let index = stats.index;
    SCRATCH.with(|cell| {
        let mut guard = cell.borrow_mut();
        let (acc, touched) = &mut *guard;
        if acc.len() < index.id_space() {
            acc.resize(index.id_space(), 0.0);
        }
        touched.clear();
        // The BM25 frequency part of a term found once, by passage length
        // (the same value as `Stats::tf_part` computes, read from a table).
        let once: Vec<f32> = (0..=TF_TABLE).map(|len| stats.tf_part(1.0, len)).collect();
        let lens = index.lens();
        let norm = qw.self_score.max(1e-6);
        for (&t, &(idf, _)) in q.terms.iter().zip(qw.terms.iter()) {
            if let Some((ids, tfs)) = index.postings(t) {
                let idf = idf / norm;
                accumulate(acc, touched, ids, |k| {
                    let (tf, len) = (tfs[k], lens[ids[k] as usize]);
                    let part = match once.get(usize::from(len)) {
                        Some(&part) if tf == 1 => part,
                        _ => stats.tf_part(f32::from(tf), len),
                    };
                    idf * part
                });
            }
        }
        let n_ent = q.entities.iter().filter(|e| !e.weak).count().max(1) as f32;
        for e in q.entities.iter().filter(|e| !e.weak) {
            if let Some((ids, _)) = index.postings(e.canon) {
                accumulate(acc, touched, ids, |_| W_ENTITIES / n_ent);
            } else if let Some((ids, _)) = index.postings(e.short) {
                accumulate(acc, touched, ids, |_| SHORT_NAME_MATCH * W_ENTITIES / n_ent);
            }
        }
        let n_fig = q.figures.len().max(1) as f32;
        for f in q.figures.iter() {
            if let Some((ids, _)) = index.postings(f.key) {
                accumulate(acc, touched, ids, |_| W_FIGURES / n_fig);
            }
        }
        let n_q = q.quotes.len().max(1) as f32;
        for &s in q.quotes.iter() {
            if let Some((ids, _)) = index.postings(s) {
                accumulate(acc, touched, ids, |_| W_QUOTES / n_q);
            }
        }
        // The passages of the query's own document are left out.
        if let Some(own) = index.doc_slot(own) {
            for &id in index.doc_ids(own) {
                acc[id as usize] = 0.0;
            }
        }
        let mut scored: Vec<(f32, u32)> = Vec::with_capacity(touched.len());
        for &id in touched.iter() {
            let s = acc[id as usize];
            acc[id as usize] = 0.0;
            if s != 0.0 {
                scored.push((s, id));
            }
        }
        if scored.len() <= pool {
            return scored.into_iter().map(|(_, id)| id).collect();
        }
        // The pool: every passage above the `pool`-th best score, and of
        // those at that score, the first in the order of document ids and
        // passage indices, not of passage ids: ids follow the order
        // documents were added, and the pool kept at the cut-off must not
        // depend on it. The index keeps the documents' order as numbers
        // ([`Index::doc_order`]), so no id's text is compared. The order
        // of the pool is not read: the ranking sorts what it scores.
        scored.select_nth_unstable_by(pool - 1, |a, b| b.0.total_cmp(&a.0));
        let cut = scored[pool - 1].0;
        let mut pool_ids: Vec<u32> = Vec::with_capacity(pool);
        let mut tied: Vec<(u64, u32, u32)> = Vec::new();
        for &(s, id) in scored.iter() {
            match s.total_cmp(&cut) {
                std::cmp::Ordering::Greater => pool_ids.push(id),
                std::cmp::Ordering::Equal => {
                    if let Some(slot) = index.slot(id) {
                        tied.push((index.doc_order(slot.doc), slot.passage, id));
                    }
                }
                std::cmp::Ordering::Less => {}
            }
        }
        let need = pool - pool_ids.len();
        if tied.len() > need {
            tied.select_nth_unstable(need);
            tied.truncate(need);
        }
        pool_ids.extend(tied.into_iter().map(|(_, _, id)| id));
        pool_ids
    })
}

/// Passage lengths up to which the first pass reads the frequency part
/// of a term found once from a table.
const TF_TABLE: u16 = 255;

/// Adds `weight(k)` to the first-pass score of passage `ids[k]` for each
/// `k`, noting in `touched` the passages scored for the first time (their
/// scores stay non-zero, so that none is noted twice).
#[inline]
fn accumulate(acc: &mut [f32], touched: &mut Vec<u32>, ids: &[u32], weight: impl Fn(usize) -> f32) {
    for (k, &id) in ids.iter().enumerate() {
        let slot = &mut acc[id as usize];
        if *slot == 0.0 {
            touched.push(id);
        }
        *slot += weight(k);
        if *slot == 0.0 {
            *slot = f32::MIN_POSITIVE;
        }
    }
}

/// What two passages share, as written in `a`.
pub fn explain(corpus: &Corpus, a: PassageRef<'_>, b: PassageRef<'_>) -> Reasons {
    let stats = Stats::new(corpus);
    match (a.passage(), b.passage()) {
        (Some(pa), Some(pb)) => {
            explain_passages(&stats, a.doc, pa, pb, &PassageWords::read(a.doc, pa))
        }
        _ => Reasons::default(),
    }
}

const MAX_REASON_TERMS: usize = 6;

/// The words of a query passage with their terms, in text order: read once
/// per query, for the reasons of every result.
struct PassageWords {
    arena: String,
    words: Vec<terms::Word>,
    /// (index into `words`, term), in the order the words come.
    terms: Vec<(u32, u64)>,
}

impl PassageWords {
    fn read(da: &DocAnalysis, a: &Passage) -> Self {
        let text = &*da.text;
        let mut arena = String::new();
        let mut buf = String::new();
        let words = terms::read_words(text, a.span.clone(), &mut arena);
        let mut found = Vec::new();
        for (i, w) in words.iter().enumerate() {
            terms::terms_of_word(text, &arena, w, da.related.lang, &mut buf, |t| {
                found.push((i as u32, t));
            });
        }
        Self {
            arena,
            words,
            terms: found,
        }
    }
}

fn explain_passages(
    stats: &Stats<'_>,
    da: &DocAnalysis,
    a: &Passage,
    b: &Passage,
    words: &PassageWords,
) -> Reasons {
    let text = &*da.text;
    let mut reasons = Reasons::default();
    let mut entity_spans: Vec<Range<usize>> = Vec::new();
    for e in a.entities.iter() {
        let shared = b
            .entities
            .iter()
            .any(|f| (f.canon == e.canon || f.short == e.short) && !(e.weak && f.weak));
        if !shared {
            continue;
        }
        // As written ("Castellan"), unless it is a role ("the Secretary
        // of State"): then the name it stands for.
        let written = tidy(text.get(e.span.clone()).unwrap_or(""));
        let canonical = da
            .related
            .names
            .get(e.name as usize)
            .map(|n| n.to_string())
            .unwrap_or_default();
        let part_of_name = canonical.to_lowercase().contains(&written.to_lowercase());
        let name = if part_of_name && written.chars().next().is_some_and(char::is_uppercase) {
            written
        } else {
            canonical
        };
        entity_spans.push(e.span.clone());
        if !name.is_empty() && !reasons.entities.contains(&name) {
            reasons.entities.push(name);
        }
    }
    for f in a.figures.iter() {
        if b.figures.iter().any(|g| g.key == f.key) {
            let s = tidy(text.get(f.span.clone()).unwrap_or(""));
            if !s.is_empty() && !reasons.figures.contains(&s) {
                reasons.figures.push(s);
            }
        }
    }
    if quotes::overlap(&a.quotes, &b.quotes) > 0.0
        && let Some(stretch) =
            quotes::shared_stretch(text, a.span.clone(), &da.related.quote_spans, &b.quotes)
    {
        reasons
            .quotes
            .push(shorten(text.get(stretch).unwrap_or(""), 80));
    }
    // Shared words outside shared names, rarest first.
    let mut shared: Vec<(f32, u64)> = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < a.terms.len() && j < b.terms.len() {
        match a.terms[i].cmp(&b.terms[j]) {
            std::cmp::Ordering::Equal => {
                shared.push((stats.idf(a.terms[i]), a.terms[i]));
                i += 1;
                j += 1;
            }
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
        }
    }
    shared.sort_by(|x, y| y.0.total_cmp(&x.0));
    let figure_spans: Vec<Range<usize>> = a.figures.iter().map(|f| f.span.clone()).collect();
    for (_, h) in shared {
        if reasons.terms.len() >= MAX_REASON_TERMS {
            break;
        }
        let found = words
            .terms
            .iter()
            .find(|&&(_, t)| t == h)
            .and_then(|&(i, _)| words.words.get(i as usize));
        let Some(word) = found else { continue };
        let inside = |spans: &[Range<usize>]| {
            spans
                .iter()
                .any(|s| s.start <= word.span.start && word.span.end <= s.end)
        };
        if inside(&entity_spans) || inside(&figure_spans) {
            continue;
        }
        let w = words.arena[word.key.clone()].to_string();
        if !w.is_empty() && !reasons.terms.contains(&w) {
            reasons.terms.push(w);
        }
    }
    reasons
}

/// Collapses white space.
fn tidy(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_end_matches("’s")
        .trim_end_matches("'s")
        .to_string()
}

/// At most `max` characters, white space collapsed, with "…" when cut.
pub fn shorten(s: &str, max: usize) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() <= max {
        return s;
    }
    let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
    if let Some(space) = out.rfind(' ')
        && space > max / 2
    {
        out.truncate(space);
    }
    out.push('…');
    out
}

/// The passages related to any sentence of paragraph `paragraph` of `doc`
/// (each passage once, with its best score), best first. Same-document
/// passages are left out. For the code lens: reasons are not computed.
pub fn paragraph_related(
    corpus: &Corpus,
    doc: &DocAnalysis,
    paragraph: usize,
    options: &Options,
) -> Vec<RelatedPassage> {
    let Some(p) = doc.segmentation.paragraphs.get(paragraph) else {
        return Vec::new();
    };
    let stats = Stats::new(corpus);
    let opts = Options {
        same_document: false,
        reasons: false,
        ..*options
    };
    let mut all: Vec<RelatedPassage> = Vec::new();
    for index in p.sentences.clone() {
        if !doc
            .related
            .passages
            .get(index)
            .is_some_and(Passage::queryable)
        {
            continue;
        }
        for r in ranked(&stats, PassageRef { doc, index }, &opts, Scoring::Ranking) {
            match all
                .iter_mut()
                .find(|x| x.doc == r.doc && x.passage == r.passage)
            {
                Some(x) => x.score = x.score.max(r.score),
                None => all.push(r),
            }
        }
    }
    sort_results(&mut all);
    all.truncate(options.limit);
    all
}

/// The hover section for the sentence at `offset`: its three best related
/// passages in other documents, each with a snippet, `name:line` and what
/// they share.
pub fn hover_section(doc: &DocAnalysis, corpus: &Corpus, offset: usize) -> Option<HoverSection> {
    let q = PassageRef::at(doc, offset)?;
    let span = q.passage()?.span.clone();
    let results = query_with(
        corpus,
        doc,
        span.clone(),
        &Options {
            limit: 3,
            same_document: false,
            ..Options::default()
        },
    );
    if results.is_empty() {
        return None;
    }
    let mut md = String::from("**Related passages**\n");
    for (i, r) in results.iter().enumerate() {
        let Some(other) = corpus.get(&r.doc) else {
            continue;
        };
        let snippet = shorten(other.slice(r.span.clone()), 140);
        md.push_str(&format!(
            "\n{}. `{}` ({:.2}) — {}",
            i + 1,
            other.location(r.span.start),
            r.score,
            escape_markdown(&snippet)
        ));
        let why = r.reasons.summary(5);
        if !why.is_empty() {
            md.push_str(&format!("  \n   *shared: {}*", escape_markdown(&why)));
        }
        md.push('\n');
    }
    Some(HoverSection { span, markdown: md })
}

fn escape_markdown(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests;
