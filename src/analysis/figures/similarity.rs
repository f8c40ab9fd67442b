//! Whether two passages report the same fact.
//!
//! [`PassageSimilarity`] is the question `inconsistent-figure` and the
//! figure hover ask about the passages around two figures. The corpus
//! answers it with the related-passage index ([`RelatedSimilarity`]): the
//! *topical* score of the two sentences (symmetric BM25 with shared names,
//! figures and quotes, see [`crate::analysis::related`]) — topical, because
//! a disagreeing figure is what the rules look for, not a reason to look
//! away — discounted when the two documents tell different stories.
//!
//! "Three people were killed when the bridge at Elmford collapsed" and
//! "The Elmford bridge collapse killed four" score high; "Four people died
//! in a fire in Carrow" against either scores low, even in a corpus of one
//! story, and two sentences dated on different days ("on 3 May" and "on 9
//! June") are about different events unless the dates are the figures being
//! compared or the sentences are otherwise near-paraphrases.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use super::incident::{self, SAME_INCIDENT, SAME_INCIDENT_ONE_SIDED};
use super::{FastMap, Figure, FigureKind};
use crate::analysis::related::{self, PassageRef};
use crate::analysis::{Corpus, DocAnalysis};

/// A topical score at which two sentences say the same thing in other
/// words ("A ship struck the crane on October 15, injuring 14" and "A ship
/// struck the crane on Oct. 14, injuring 12").
const PARAPHRASE: f32 = 0.55;

/// How alike the passages around two figures are, from 0 (unrelated) to 1
/// (the same passage).
pub trait PassageSimilarity {
    /// The similarity, or any value below `at_least` when it is below
    /// `at_least` (callers that only compare it with a threshold let the
    /// implementation stop early).
    fn similarity(
        &self,
        a: &DocAnalysis,
        fa: &Figure,
        b: &DocAnalysis,
        fb: &Figure,
        at_least: f32,
    ) -> f32;

    /// How sure it is that two documents report one incident (0–1): the
    /// names and dates they share. 0 when it cannot tell.
    fn same_incident(&self, _a: &DocAnalysis, _b: &DocAnalysis) -> f32 {
        0.0
    }
}

/// The similarity of passages of `corpus`, with the statistics of the
/// whole corpus.
pub fn for_corpus(corpus: &Corpus) -> RelatedSimilarity<'_> {
    with_statistics(corpus, Arc::new(related::Stats::new(corpus)))
}

/// The similarity the figure rules use to compare the figures of `doc`
/// with the corpus: with the statistics of the corpus without `doc`
/// ([`related::Stats::without`]), which the document's own edits do not
/// move.
pub fn for_document<'a>(corpus: &'a Corpus, doc: &DocAnalysis) -> RelatedSimilarity<'a> {
    with_statistics(corpus, Arc::new(related::Stats::without(corpus, &doc.id)))
}

/// The similarity of passages of `corpus` with the given statistics
/// (made once for the several similarities of one check).
pub fn with_statistics<'a>(
    corpus: &'a Corpus,
    stats: Arc<related::Stats<'a>>,
) -> RelatedSimilarity<'a> {
    RelatedSimilarity {
        corpus,
        stats,
        memo: None,
        contexts: RefCell::default(),
        stories: RefCell::default(),
        incidents: RefCell::default(),
        passages: RefCell::default(),
        across: RefCell::default(),
    }
}

/// [`PassageSimilarity`] from the related-passage index of a corpus.
///
/// One value serves one check of one document: it remembers each
/// document's story context and each pair's story (by address: the
/// documents outlive `self`), which the corpus must not change under.
pub struct RelatedSimilarity<'a> {
    corpus: &'a Corpus,
    /// The statistics every score reads.
    stats: Arc<related::Stats<'a>>,
    /// Topical scores kept from the last check of the compared document.
    memo: Option<Arc<TopicalMemo>>,
    contexts: RefCell<HashMap<usize, Arc<related::StoryContext>>>,
    stories: RefCell<HashMap<(usize, usize), related::Story>>,
    /// Each pair's same-incident probability (by address, like `stories`).
    incidents: RefCell<HashMap<(usize, usize), f32>>,
    /// Each sentence pair's score, by (document address, sentence) on each
    /// side: the figures of two sentences are often compared pairwise, and
    /// the score reads both sentences whole, so a long sentence full of
    /// figures would otherwise be read once per pair.
    passages: RefCell<FastMap<(usize, usize, usize, usize), related::Topical>>,
    /// Each sentence pair's score across documents, by (document address,
    /// sentence) on one side and the digest of what the score reads of
    /// the other passage: copies of a story (syndicated wire copy, a
    /// report republished with a line added) give a figure one candidate
    /// per copy in the same words, and the score reads only the two
    /// passages, so it is weighed once for all of them.
    across: RefCell<FastMap<(usize, usize, u64), related::Topical>>,
}

impl<'a> RelatedSimilarity<'a> {
    /// The corpus whose passages are compared.
    pub fn corpus(&self) -> &'a Corpus {
        self.corpus
    }

    /// The statistics every score reads.
    pub fn statistics(&self) -> &related::Stats<'a> {
        &self.stats
    }

    /// Takes and keeps topical scores in `memo` (see [`TopicalMemo`]).
    pub(super) fn with_memo(mut self, memo: Option<Arc<TopicalMemo>>) -> Self {
        self.memo = memo;
        self
    }

    /// Gives `doc`'s story context, computed beforehand with the same
    /// statistics by [`story_context_in`] (when several similarities
    /// compare one document).
    ///
    /// [`story_context_in`]: related::story_context_in
    pub fn with_context(self, doc: &DocAnalysis, context: Arc<related::StoryContext>) -> Self {
        self.contexts
            .borrow_mut()
            .insert(doc as *const DocAnalysis as usize, context);
        self
    }

    /// `doc`'s names and dates weighed (only the story factor is read
    /// here, not the documents' words).
    fn context(&self, doc: &DocAnalysis) -> Arc<related::StoryContext> {
        let key = doc as *const DocAnalysis as usize;
        self.contexts
            .borrow_mut()
            .entry(key)
            .or_insert_with(|| Arc::new(related::story_names_in(&self.stats, doc)))
            .clone()
    }

    /// The evidence that `a` and `b` report one incident, as the
    /// same-incident model reads it (see [`INCIDENT_EVIDENCE`](super::INCIDENT_EVIDENCE)
    /// for the names): what [`PassageSimilarity::same_incident`] weighs,
    /// for training and explaining the model.
    pub fn incident_evidence(&self, a: &DocAnalysis, b: &DocAnalysis) -> [f32; incident::FEATURES] {
        incident::evidence(self.story(a, b).shared(), a, b)
    }

    fn story(&self, a: &DocAnalysis, b: &DocAnalysis) -> related::Story {
        let key = (
            a as *const DocAnalysis as usize,
            b as *const DocAnalysis as usize,
        );
        if let Some(s) = self.stories.borrow().get(&key) {
            return *s;
        }
        let story = related::story_between(a, &self.context(a), b, &self.context(b));
        self.stories.borrow_mut().insert(key, story);
        story
    }
}

impl PassageSimilarity for RelatedSimilarity<'_> {
    fn similarity(
        &self,
        a: &DocAnalysis,
        fa: &Figure,
        b: &DocAnalysis,
        fb: &Figure,
        at_least: f32,
    ) -> f32 {
        // Across documents, one fact has the same actors and places: two
        // sentences that both name someone and name no one in common
        // ("Estavia's exports grew by 6.5%", "Corvania's exports grew by
        // 4.2%") are about different facts; a sentence that names no one
        // borrows its paragraph's names.
        let cross = a.id != b.id;
        if cross {
            let (xa, xb) = (&fa.counted.sentence_entities, &fb.counted.sentence_entities);
            let shared_names = if !xa.is_empty() && !xb.is_empty() {
                super::counted::shared_names(&fa.counted, &fb.counted)
            } else {
                super::counted::shared(&fa.counted.entities, &fb.counted.entities)
            };
            // Names at different scales ("Harris County deputies" and "the
            // club in Spring") are one scope for a toll when the documents
            // report one incident and each mentions the other sentence's
            // names too:
            // the documents place them together. A name one document never
            // mentions is another place or person.
            let placed = || {
                super::counted::same_toll(fa, fb)
                    && !xa.is_empty()
                    && !xb.is_empty()
                    && placed_together(self, a, fa, b, fb)
            };
            if shared_names == 0 && !placed() {
                return 0.0;
            }
        }
        // The topical score does not depend on the story, which only
        // lowers it: below the bar without it, the story is not needed.
        let key = (
            a as *const DocAnalysis as usize,
            fa.sentence,
            b as *const DocAnalysis as usize,
            fb.sentence,
        );
        // Only a sentence with several figures is asked about again.
        let reused = a.figures.of_sentence(fa.sentence).len() > 1
            || b.figures.of_sentence(fb.sentence).len() > 1;
        let cached = if reused {
            self.passages.borrow().get(&key).copied()
        } else {
            None
        };
        let memo = self
            .memo
            .as_ref()
            .and_then(|m| Some((m, m.key(a, fa.sentence, b, fb.sentence)?)));
        // Across documents, by what the score reads of the other passage.
        let across = cross
            .then(|| {
                let digest = super::clause::kept_passage_digest(b, fb)?;
                Some((a as *const DocAnalysis as usize, fa.sentence, digest))
            })
            .flatten();
        let s = cached.unwrap_or_else(|| {
            if let Some((m, k)) = memo
                && let Some(s) = m.get(k)
            {
                return s;
            }
            let known = across.and_then(|k| self.across.borrow().get(&k).copied());
            let s = known.unwrap_or_else(|| {
                crate::analysis::effort::add_passage_score();
                related::topical_in(
                    &self.stats,
                    PassageRef {
                        doc: a,
                        index: fa.sentence,
                    },
                    PassageRef {
                        doc: b,
                        index: fb.sentence,
                    },
                )
            });
            if let Some((m, k)) = memo {
                m.put(k, s);
            }
            if reused {
                self.passages.borrow_mut().insert(key, s);
            }
            if let Some(k) = across
                && known.is_none()
            {
                self.across.borrow_mut().insert(k, s);
            }
            s
        });
        // Sentences dated on different days tell of different events,
        // unless those dates are what is being compared, or the sentences
        // are near-paraphrases: then the dates disagree too, and the figure
        // is compared all the same.
        if s.date_conflict
            && s.topical < PARAPHRASE
            && !matches!(fa.kind, FigureKind::Date | FigureKind::Year)
        {
            return 0.0;
        }
        if s.topical < at_least {
            return s.topical;
        }
        s.topical * self.story(a, b).factor()
    }

    fn same_incident(&self, a: &DocAnalysis, b: &DocAnalysis) -> f32 {
        if std::ptr::eq(a, b) || a.id == b.id {
            return 0.0;
        }
        let key = (
            a as *const DocAnalysis as usize,
            b as *const DocAnalysis as usize,
        );
        if let Some(p) = self.incidents.borrow().get(&key) {
            return *p;
        }
        let p = incident::probability(&self.incident_evidence(a, b));
        self.incidents.borrow_mut().insert(key, p);
        p
    }
}

/// (digest of a passage of the checked document, address of the other
/// document, its passage).
type MemoKey = (u64, usize, usize);

/// The topical scores of one document's passages against other
/// documents' passages, kept from one check of the document to the next
/// (by [`MentionReuse`](super::MentionReuse)) while the other documents
/// and the statistics stay as they were, so that a comparison weighed
/// again because only the document's story changed does not read the two
/// passages again. A score is filed under what it reads of the document's
/// passage (its digest) and the other passage, which outlives the memo
/// (any change of another document drops it); it is the score a fresh
/// comparison gives, to the bit.
#[derive(Debug, Default)]
pub(super) struct TopicalMemo {
    /// The address of the checked document.
    doc: usize,
    /// The digest of each of its passages.
    passages: Vec<u64>,
    /// Scores of the last check.
    earlier: FastMap<MemoKey, related::Topical>,
    /// Scores read or computed in this check: kept for the next.
    used: Mutex<FastMap<MemoKey, related::Topical>>,
}

impl TopicalMemo {
    pub(super) fn new(
        doc: &DocAnalysis,
        passages: Vec<u64>,
        earlier: FastMap<MemoKey, related::Topical>,
    ) -> Self {
        Self {
            doc: doc as *const DocAnalysis as usize,
            passages,
            earlier,
            used: Mutex::default(),
        }
    }

    /// The key of the pair, when `a` is the checked document and `b`
    /// another.
    fn key(&self, a: &DocAnalysis, sa: usize, b: &DocAnalysis, sb: usize) -> Option<MemoKey> {
        (a as *const DocAnalysis as usize == self.doc && a.id != b.id).then_some((
            *self.passages.get(sa)?,
            b as *const DocAnalysis as usize,
            sb,
        ))
    }

    fn get(&self, k: MemoKey) -> Option<related::Topical> {
        let mut used = self.used.lock().unwrap_or_else(PoisonError::into_inner);
        let s = self.earlier.get(&k).or_else(|| used.get(&k)).copied()?;
        used.insert(k, s);
        Some(s)
    }

    fn put(&self, k: MemoKey, s: related::Topical) {
        self.used
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(k, s);
    }

    /// The scores of this check, for the next.
    pub(super) fn take_used(&self) -> FastMap<MemoKey, related::Topical> {
        std::mem::take(&mut *self.used.lock().unwrap_or_else(PoisonError::into_inner))
    }
}

/// Whether two tolls of one kind (`fa` in `a`, `fb` in `b`) are placed in
/// one incident: the same-incident model takes the reports for one
/// incident ([`SAME_INCIDENT`]) and each sentence names only what the
/// other report mentions too (the scope of a toll that one report of an
/// incident never names is another incident's: "191 people were killed in
/// Madrid" in a yearly review against one disaster's toll). When both
/// sentences name something and only one's names are all known to the
/// other report (a report that names the county, never the suburb another
/// outlet names), the model must be surer ([`SAME_INCIDENT_ONE_SIDED`]);
/// when neither's are, the tolls are of two places.
pub(super) fn placed_together(
    sim: &dyn PassageSimilarity,
    a: &DocAnalysis,
    fa: &Figure,
    b: &DocAnalysis,
    fb: &Figure,
) -> bool {
    let (xa, xb) = (&fa.counted.sentence_entities, &fb.counted.sentence_entities);
    let bar = match (known(xa, &b.figures.names), known(xb, &a.figures.names)) {
        (true, true) => SAME_INCIDENT,
        // Each sentence places its toll, one where the other report never
        // looks; a sentence that names nothing is known to any report and
        // is no evidence of one scope ("191 people were killed … in
        // Madrid" against a sentence naming nothing in a review of the
        // year's disasters).
        (true, false) | (false, true) if !xa.is_empty() && !xb.is_empty() => {
            SAME_INCIDENT_ONE_SIDED
        }
        _ => return false,
    };
    sim.same_incident(a, b) >= bar
}

/// Whether each figure's sentence names something the other document
/// never mentions ("a shooting in Millbrook", "a shooting in Ashford"):
/// two tolls of two places, however alike the words around them.
pub(super) fn names_foreign(a: &DocAnalysis, fa: &Figure, b: &DocAnalysis, fb: &Figure) -> bool {
    !known(&fa.counted.sentence_entities, &b.figures.names)
        && !known(&fb.counted.sentence_entities, &a.figures.names)
}

/// Whether every name of `names` is among `document`'s (both sorted).
fn known(names: &[u64], document: &[u64]) -> bool {
    super::counted::shared(names, document) == names.len()
}
