//! Verification of a draft against its sources: claim by claim, which
//! sources report it, which contradict it, and what nothing supports.
//!
//! A fact-checker reads a draft one claim at a time and asks three
//! questions of the folder of sources beside it. This module answers them:
//!
//! 1. **Claims** ([`claims`]): the sentences worth checking — those with a
//!    figure or a date, a quoted or attributed statement, or named
//!    participants — each with a check-worthiness score that says where it
//!    comes from ("2 figures +4, quoted statement +2"). Headings, questions,
//!    page furniture and the writer's framing (sentences with none of these)
//!    are not claims.
//! 2. **Status** ([`verify`]) of each claim against the source documents:
//!    - *contradicted*: a source gives another value for the same quantity
//!      (the same-fact test of [`figures::mentions`], the comparison
//!      `inconsistent-figure` uses, read for a claim by [`quantity`]: a
//!      figure that counts the same thing strongly needs only a modestly
//!      alike passage, a close paraphrase makes its only figures of one
//!      kind the same quantity, a place and an event word date one event),
//!      or a closely related source passage says the opposite (one of the
//!      two is negated and the other not);
//!    - *corroborated*: sources report it — a related passage
//!      ([`related::query_alone`]) at or above [`CORROBORATED`] (for a claim
//!      that gives quantities, one that gives one of them or is related at
//!      [`FIGURE_CLAIM`]), or an
//!      agreeing mention of one of its figures (found as for
//!      *contradicted*); the best passage of each source is kept;
//!    - *unsourced*: no source passage reports it.
//!
//! Which documents are sources is the caller's choice (`is_source`): on
//! the command line every file of the corpus but the draft; in the editor
//! every indexed document that is not a draft.
//!
//! Pure: text in, claims out, byte offsets; no I/O.

mod negation;
pub mod quantity;
pub mod timeline;

use std::collections::HashMap;
use std::ops::Range;

use super::figures::{self, FigureKind};
use super::related::{self, Options};
use super::{Corpus, DocAnalysis, DocId};

/// The lowest related-passage score at which a source passage is taken to
/// report the claim. Chosen on the tuning half of the ECB+ dev topics
/// (`tests/verify_eval.rs`; run it with `FACTLINE_VERIFY_SWEEP=1` for the
/// table) for the learned related score: 0.12 gave corroborated precision
/// 0.982 and recall 0.862 there (0.10: 0.967 / 0.908; 0.15: 1.000 /
/// 0.815). A false "corroborated" hides a claim nothing supports, so
/// precision decides. Lower than the related index's own floor
/// ([`related::MIN_SCORE`]): a source passage that shares a claim's figure
/// or names is evidence even when it ranks below what is worth listing.
pub const CORROBORATED: f32 = 0.12;

/// A related passage this close, that has nearly every word of the claim
/// (or the claim every word of it, [`SAME_WORDS`]), is the same statement;
/// if one of the two is negated and the other is not, they contradict each
/// other. On the learned related score a restatement that differs only by
/// "not" scores about 0.6, a sentence about the same event in other words
/// 0.2 to 0.4.
const SAME_STATEMENT: f32 = 0.45;

/// A source passage related this closely to a claim reports the same
/// event, so a date it gives that cannot be the claim's is a
/// contradiction (see [`timeline`]). Chosen on the ECB+ tuning topics
/// (`tests/verify_eval.rs`), where the other event's sentences (same kind
/// of event, other place and day) must not be contradicted.
pub const SAME_EVENT: f32 = 0.3;

/// A source passage related this closely reports a claim that gives
/// quantities even when it gives none of them; below it, a passage that
/// gives none of the claim's quantities does not report the claim (it
/// shares the story's place and a word or two). The bar of a date of the
/// same event ([`SAME_EVENT`]), not tuned again: on the ECB+ tuning topics
/// it took corroborated precision from 0.982 to 1.000 (recall 0.862 to
/// 0.846); on the held-out topics from 0.873 to 0.915 (recall 1.000 to
/// 0.982), unsourced recall from 0.873 to 0.921.
const FIGURE_CLAIM: f32 = SAME_EVENT;

/// See [`SAME_STATEMENT`]: the share of the shorter sentence's words the
/// other has.
const SAME_WORDS: f32 = 0.8;

/// A claim needs at least this check-worthiness (see [`Worth`]).
const MIN_WORTH: f32 = 2.0;

/// Sentences shorter than this many words are not claims (captions,
/// fragments).
const MIN_WORDS: usize = 5;

/// Claims of earlier runs a [`ClaimCache`] keeps beyond the last run's:
/// enough for the sentences of an edit undone, bounded so a long session
/// does not grow the cache.
const KEPT_CLAIMS: usize = 256;

/// Source passages kept per claim (the best of each source).
const MAX_SUPPORT: usize = 8;

/// Related passages asked for per claim before keeping the best of each
/// source.
const QUERY_LIMIT: usize = 30;

/// What a claim is, against its sources.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Status {
    Contradicted,
    Unsourced,
    Corroborated,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Corroborated => "corroborated",
            Status::Contradicted => "contradicted",
            Status::Unsourced => "unsourced",
        }
    }
}

/// One part of a claim's check-worthiness: what it is and what it adds.
#[derive(Clone, Debug, PartialEq)]
pub struct Worth {
    pub what: String,
    pub points: f32,
}

/// A source passage that bears on a claim.
#[derive(Clone, Debug, PartialEq)]
pub struct Evidence {
    pub doc: DocId,
    /// The passage (a sentence, or for a figure the figure) in that document.
    pub span: Range<usize>,
    /// The related-passage score, 0 to 1 (1 for an agreeing or conflicting
    /// figure found by the same-fact test).
    pub score: f32,
    /// Why: "shares Castellan, 12 March, strike" or "14 here, 11 there".
    pub reason: String,
}

/// One figure of a claim and how each source gives the same quantity.
#[derive(Clone, Debug, PartialEq)]
pub struct FigureCheck {
    /// The figure in the draft.
    pub span: Range<usize>,
    /// "more than 4,000".
    pub phrase: String,
    /// What it counts, in the draft's words: "injured 14 passengers".
    pub what: String,
    /// The same quantity in the sources, best first.
    pub mentions: Vec<FigureMention>,
}

/// A source's mention of a claim's quantity.
#[derive(Clone, Debug, PartialEq)]
pub struct FigureMention {
    pub doc: DocId,
    pub span: Range<usize>,
    pub phrase: String,
    pub agrees: bool,
}

/// A check-worthy sentence of a draft, with its status.
#[derive(Clone, Debug, PartialEq)]
pub struct Claim {
    /// Index of the sentence in the draft's segmentation.
    pub sentence: usize,
    /// The sentence, trimmed, as a byte range of the draft.
    pub span: Range<usize>,
    /// Check-worthiness: the sum of `worth`.
    pub score: f32,
    pub worth: Vec<Worth>,
    pub status: Status,
    /// The best passage of each source that reports it, best first.
    pub support: Vec<Evidence>,
    /// Source passages that contradict it.
    pub contradictions: Vec<Evidence>,
    /// Its figures, each with the sources' values for the same quantity.
    pub figures: Vec<FigureCheck>,
}

impl Claim {
    /// "2 figures +6, quoted statement +2": the score explained.
    pub fn worth_summary(&self) -> String {
        self.worth
            .iter()
            .map(|w| {
                format!(
                    "{} +{}",
                    w.what,
                    figures::format_number(f64::from(w.points))
                )
            })
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Distinct sources that report the claim.
    pub fn supporting_sources(&self) -> usize {
        let mut docs: Vec<&DocId> = self.support.iter().map(|e| &e.doc).collect();
        docs.sort();
        docs.dedup();
        docs.len()
    }
}

/// The claims of a draft in text order, with their status.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Verification {
    pub claims: Vec<Claim>,
    /// How many source documents were compared.
    pub sources: usize,
}

impl Verification {
    /// The claims ranked for checking: contradicted first, then unsourced,
    /// then corroborated; within each, the most check-worthy first.
    pub fn ranked(&self) -> Vec<&Claim> {
        let mut v: Vec<&Claim> = self.claims.iter().collect();
        v.sort_by(|a, b| {
            a.status
                .cmp(&b.status)
                .then(b.score.total_cmp(&a.score))
                .then(a.span.start.cmp(&b.span.start))
        });
        v
    }

    /// The claim whose sentence contains byte `offset`.
    pub fn claim_at(&self, offset: usize) -> Option<&Claim> {
        self.claims
            .iter()
            .find(|c| c.span.start <= offset && offset <= c.span.end)
    }

    /// How many claims have `status`.
    pub fn count(&self, status: Status) -> usize {
        self.claims.iter().filter(|c| c.status == status).count()
    }
}

/// A check-worthy sentence before it is compared with sources.
#[derive(Clone, Debug, PartialEq)]
pub struct Candidate {
    pub sentence: usize,
    pub span: Range<usize>,
    pub score: f32,
    pub worth: Vec<Worth>,
}

/// The check-worthy sentences of `doc`, in text order (see the module
/// documentation for what counts).
pub fn claims(doc: &DocAnalysis) -> Vec<Candidate> {
    let mut out = Vec::new();
    for (i, sentence) in doc.segmentation.sentences.iter().enumerate() {
        let span = trim(&doc.text, sentence.span.clone());
        if span.is_empty() || doc.in_boilerplate(span.clone()) {
            continue;
        }
        let text = doc.slice(span.clone());
        if text
            .trim_end_matches(['"', '”', '’', '\'', ')'])
            .ends_with('?')
        {
            continue;
        }
        if text.split_whitespace().count() < MIN_WORDS {
            continue;
        }
        let att = doc.attribution.sentence(i);
        if att.is_some_and(|a| a.heading) {
            continue;
        }
        let worth = worth_of(doc, i, span.clone());
        let score: f32 = worth.iter().map(|w| w.points).sum();
        if score >= MIN_WORTH {
            out.push(Candidate {
                sentence: i,
                span,
                score,
                worth,
            });
        }
    }
    out
}

/// Points for what makes a sentence worth checking. Figures weigh most
/// (they are what is most often wrong and easiest to check), then quoted
/// and attributed statements, then named participants.
fn worth_of(doc: &DocAnalysis, i: usize, span: Range<usize>) -> Vec<Worth> {
    let mut worth = Vec::new();
    let figs: Vec<&figures::Figure> = doc
        .figures
        .of_sentence(i)
        .iter()
        .filter(|f| !doc.in_boilerplate(f.span.clone()))
        .collect();
    let dates = figs
        .iter()
        .filter(|f| matches!(f.kind, FigureKind::Date | FigureKind::Year))
        .count();
    let quantities = figs.len() - dates;
    if quantities > 0 {
        worth.push(Worth {
            what: plural(quantities, "figure", "figures"),
            points: 3.0 + (quantities as f32 - 1.0).min(2.0),
        });
    }
    if dates > 0 {
        worth.push(Worth {
            what: plural(dates, "date", "dates"),
            points: 2.0,
        });
    }
    if let Some(att) = doc.attribution.sentence(i) {
        let quoted = att.quotes.iter().any(|&q| {
            doc.attribution.quotes.get(q).is_some_and(|q| {
                q.kind == crate::analysis::attribution::QuoteKind::Statement
                    && q.speaker
                        .as_ref()
                        .is_some_and(|s| s.source.kind.is_source())
            })
        });
        if quoted {
            worth.push(Worth {
                what: "quoted statement".to_string(),
                points: 2.0,
            });
        } else if att.source().is_some() {
            worth.push(Worth {
                what: "attributed statement".to_string(),
                points: 1.5,
            });
        }
    }
    let names = doc
        .related
        .passages
        .get(i)
        .map(|p| {
            let mut seen: Vec<u64> = p
                .entities
                .iter()
                .filter(|e| !e.weak && e.span.start >= span.start && e.span.end <= span.end)
                .map(|e| e.canon)
                .collect();
            seen.sort_unstable();
            seen.dedup();
            seen.len()
        })
        .unwrap_or(0);
    if names > 0 {
        worth.push(Worth {
            what: plural(names, "name", "names"),
            points: names.min(2) as f32,
        });
    }
    worth
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// The sentence without surrounding white space.
fn trim(text: &str, span: Range<usize>) -> Range<usize> {
    let s = text.get(span.clone()).unwrap_or("");
    let start = span.start + (s.len() - s.trim_start().len());
    let end = span.start + s.trim_end().len();
    start..end.max(start)
}

/// Every claim of `doc` with its status against the documents of `corpus`
/// for which `is_source` is true (never `doc` itself).
pub fn verify(
    doc: &DocAnalysis,
    corpus: &Corpus,
    is_source: &dyn Fn(&DocAnalysis) -> bool,
) -> Verification {
    verify_with(doc, corpus, is_source, CORROBORATED)
}

/// [`verify`] with another threshold for corroboration (for measuring).
pub fn verify_with(
    doc: &DocAnalysis,
    corpus: &Corpus,
    is_source: &dyn Fn(&DocAnalysis) -> bool,
    corroborated: f32,
) -> Verification {
    verify_inner(doc, corpus, is_source, corroborated, &|| false).unwrap_or_default()
}

/// [`verify`], giving up (`None`) as soon as `stop` answers true between
/// two claims: for an editor, where a newer edit makes the work moot.
pub fn verify_until(
    doc: &DocAnalysis,
    corpus: &Corpus,
    is_source: &dyn Fn(&DocAnalysis) -> bool,
    stop: &dyn Fn() -> bool,
) -> Option<Verification> {
    verify_inner(doc, corpus, is_source, CORROBORATED, stop)
}

/// The claim of the sentence at byte `offset` of `doc`, with its status,
/// if that sentence is a claim: one claim's work, for a hover.
pub fn claim_at(
    doc: &DocAnalysis,
    corpus: &Corpus,
    is_source: &dyn Fn(&DocAnalysis) -> bool,
    offset: usize,
) -> Option<Claim> {
    let sentence = doc.segmentation.sentence_at(offset)?;
    let c = claims(doc).into_iter().find(|c| c.sentence == sentence)?;
    let sim = figures::for_document(corpus, doc);
    let context = std::sync::Arc::new(related::story_context_in(sim.statistics(), doc));
    let sim = sim.with_context(doc, context);
    Some(status_of(doc, corpus, is_source, &sim, CORROBORATED, c))
}

/// The claims of a draft's last verifications, kept to be reused by the
/// next one: an edit re-verifies only the claims it touched.
///
/// A claim's entry is keyed by its text, the draft's date (relative
/// dates resolve against it) and what the agreement of two figures reads
/// of the draft as a whole ([`figures::agreement_key`]: the time it speaks
/// from, a perpetrator's death), which turns a claim's figure from
/// contradicted to agreeing. Entries hold only while the sources are the
/// same: the caller names them with a fingerprint ([`verify_cached`]), and
/// a new one empties the cache. Nothing else the rest of the draft says is
/// in the key: the related score reads the draft's story (its names, dates and
/// words) only as a document-level feature, which one edit elsewhere moves
/// by a hair, so a reused claim's evidence scores may differ from a fresh
/// run's in the last digits; re-verifying every claim on each keystroke is
/// what the cache is for. The claims of the run before the last are kept
/// too (an edit undone finds them).
#[derive(Clone, Debug, Default)]
pub struct ClaimCache {
    sources: u64,
    /// Claim key → the claim, its draft spans relative to its start.
    entries: HashMap<u64, Claim>,
    /// Claims the last verification took from the cache.
    pub reused: usize,
    /// Claims the last verification compared with the sources.
    pub verified: usize,
}

/// [`verify_until`] that reuses `cache` for the claims whose key did not
/// change (see [`ClaimCache`]) and leaves in it the claims of this
/// verification. `sources` fingerprints the source documents: when it
/// differs from the cache's, nothing is reused.
pub fn verify_cached(
    doc: &DocAnalysis,
    corpus: &Corpus,
    is_source: &dyn Fn(&DocAnalysis) -> bool,
    sources: u64,
    cache: &mut ClaimCache,
    stop: &dyn Fn() -> bool,
) -> Option<Verification> {
    if cache.sources != sources {
        cache.entries.clear();
        cache.sources = sources;
    }
    // What every claim's key reads of the draft as a whole.
    let story = (timeline::anchor(doc), figures::agreement_key(doc));
    let mut fresh: HashMap<u64, Claim> = HashMap::new();
    let (mut reused, mut verified) = (0, 0);
    let v = verify_each(
        doc,
        corpus,
        is_source,
        CORROBORATED,
        stop,
        &mut |c, compute| {
            let key = claim_key(doc, c, story);
            let claim = match cache.entries.get(&key) {
                Some(hit) => {
                    reused += 1;
                    moved(hit, c)
                }
                None => {
                    verified += 1;
                    compute()
                }
            };
            fresh.insert(key, relative(&claim));
            claim
        },
    )?;
    // The previous run's claims stay while they are few beside this one's.
    if cache.entries.len() <= fresh.len() + KEPT_CLAIMS {
        for (k, c) in cache.entries.drain() {
            fresh.entry(k).or_insert(c);
        }
    }
    cache.entries = fresh;
    cache.reused = reused;
    cache.verified = verified;
    Some(v)
}

fn claim_key(doc: &DocAnalysis, c: &Candidate, story: (Option<i64>, u64)) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    doc.slice(c.span.clone()).hash(&mut h);
    story.hash(&mut h);
    h.finish()
}

/// `claim` with its draft spans relative to its start.
fn relative(claim: &Claim) -> Claim {
    let mut c = claim.clone();
    let at = claim.span.start;
    c.span = 0..claim.span.len();
    for f in &mut c.figures {
        f.span = f.span.start.saturating_sub(at)..f.span.end.saturating_sub(at);
    }
    c
}

/// A cached claim placed on the candidate `c` (same text, maybe moved).
fn moved(cached: &Claim, c: &Candidate) -> Claim {
    let mut claim = cached.clone();
    let at = c.span.start;
    claim.sentence = c.sentence;
    claim.span = c.span.clone();
    claim.score = c.score;
    claim.worth = c.worth.clone();
    for f in &mut claim.figures {
        f.span = f.span.start + at..f.span.end + at;
    }
    claim
}

fn verify_inner(
    doc: &DocAnalysis,
    corpus: &Corpus,
    is_source: &dyn Fn(&DocAnalysis) -> bool,
    corroborated: f32,
    stop: &dyn Fn() -> bool,
) -> Option<Verification> {
    verify_each(
        doc,
        corpus,
        is_source,
        corroborated,
        stop,
        &mut |_, compute| compute(),
    )
}

/// The verification, each claim made by `each` (given the candidate and
/// the computation of its status, which it may skip).
fn verify_each(
    doc: &DocAnalysis,
    corpus: &Corpus,
    is_source: &dyn Fn(&DocAnalysis) -> bool,
    corroborated: f32,
    stop: &dyn Fn() -> bool,
    each: &mut dyn FnMut(&Candidate, &mut dyn FnMut() -> Claim) -> Claim,
) -> Option<Verification> {
    let candidates = claims(doc);
    let sources = corpus
        .docs()
        .filter(|d| d.id != doc.id && is_source(d))
        .count();
    if candidates.is_empty() {
        return Some(Verification {
            claims: Vec::new(),
            sources,
        });
    }
    // The story context and similarity are made once, and only when a
    // claim needs comparing.
    let mut sim: Option<figures::RelatedSimilarity<'_>> = None;
    let mut claims = Vec::with_capacity(candidates.len());
    for c in candidates {
        if stop() {
            return None;
        }
        let claim = each(&c, &mut || {
            let sim = sim.get_or_insert_with(|| {
                let sim = figures::for_document(corpus, doc);
                let context = std::sync::Arc::new(related::story_context_in(sim.statistics(), doc));
                sim.with_context(doc, context)
            });
            status_of(doc, corpus, is_source, sim, corroborated, c.clone())
        });
        claims.push(claim);
    }
    Some(Verification { claims, sources })
}

fn status_of(
    doc: &DocAnalysis,
    corpus: &Corpus,
    is_source: &dyn Fn(&DocAnalysis) -> bool,
    sim: &figures::RelatedSimilarity<'_>,
    corroborated: f32,
    c: Candidate,
) -> Claim {
    let mut support: Vec<Evidence> = Vec::new();
    let mut contradictions: Vec<Evidence> = Vec::new();
    let mut checks: Vec<FigureCheck> = Vec::new();
    let source_ok = |d: &DocAnalysis| d.id != doc.id && is_source(d);

    // Related passages: the sources that report the same fact.
    // Each passage scored alone: the score is read as evidence.
    let related = related::query_alone(
        corpus,
        doc,
        c.span.clone(),
        &Options {
            limit: QUERY_LIMIT,
            min_score: corroborated,
            first_min_score: corroborated,
            same_document: false,
            reasons: true,
        },
    );

    // Figures: the same quantity in a source, agreeing or not.
    for (fi, f) in doc.figures.list.iter().enumerate() {
        if f.sentence != c.sentence || doc.in_boilerplate(f.span.clone()) {
            continue;
        }
        let mut check = FigureCheck {
            span: f.span.clone(),
            phrase: figures::phrase(f),
            what: figures::snippet(doc, f),
            mentions: Vec::new(),
        };
        for m in quantity::mentions(doc, fi, corpus, sim, &related, &source_ok) {
            let g = m.figure();
            check.mentions.push(FigureMention {
                doc: m.doc.id.clone(),
                span: g.span.clone(),
                phrase: figures::phrase(g),
                agrees: m.agrees,
            });
            if m.agrees {
                let span = sentence_span(m.doc, g.span.start).unwrap_or(g.span.clone());
                push_best(
                    &mut support,
                    Evidence {
                        doc: m.doc.id.clone(),
                        span,
                        score: 1.0,
                        reason: format!("same {}: {}", f.kind.name(), figures::phrase(g)),
                    },
                );
            } else {
                contradictions.push(Evidence {
                    doc: m.doc.id.clone(),
                    span: g.span.clone(),
                    score: 1.0,
                    reason: format!(
                        "{} here, {} there (‘{}’)",
                        figures::phrase(f),
                        figures::phrase(g),
                        figures::snippet(m.doc, g)
                    ),
                });
            }
        }
        checks.push(check);
    }

    let claim_negated = negation::negated(doc.slice(c.span.clone()));
    // The claim's quantities (not its dates): what it reports.
    let quantities: Vec<&figures::Figure> = doc
        .figures
        .of_sentence(c.sentence)
        .iter()
        .filter(|f| !matches!(f.kind, FigureKind::Date | FigureKind::Year))
        .collect();
    for r in &related {
        let Some(other) = corpus.get(&r.doc) else {
            continue;
        };
        if !source_ok(other) {
            continue;
        }
        let why = r.reasons.summary(5);
        // A claim that gives quantities is reported by a passage that
        // gives one of them too, or says nearly what the claim says; a
        // passage that only shares its place and a word or two reports
        // something else about the story.
        let gives = |q: &&figures::Figure| {
            let k = q.value_key();
            other
                .figures
                .in_span(r.span.clone())
                .iter()
                .any(|g| g.value_key() == k)
        };
        if !quantities.is_empty() && r.score < FIGURE_CLAIM && !quantities.iter().any(gives) {
            continue;
        }
        if r.score >= SAME_STATEMENT
            && negation::negated(other.slice(r.span.clone())) != claim_negated
            && negation::shared_words(doc.slice(c.span.clone()), other.slice(r.span.clone()))
                >= SAME_WORDS
        {
            contradictions.push(Evidence {
                doc: r.doc.clone(),
                span: r.span.clone(),
                score: r.score,
                reason: if claim_negated {
                    "the claim is negated here and stated there".to_string()
                } else {
                    "the claim is stated here and negated there".to_string()
                },
            });
            continue;
        }
        push_best(
            &mut support,
            Evidence {
                doc: r.doc.clone(),
                span: r.span.clone(),
                score: r.score,
                reason: if why.is_empty() {
                    "related passage".to_string()
                } else {
                    format!("shares {why}")
                },
            },
        );
    }
    dates_of(
        doc,
        corpus,
        &source_ok,
        &c,
        &related,
        &mut support,
        &mut contradictions,
    );
    // A passage that gives a conflicting value reports the event, not the
    // claim: it is listed as a contradiction only.
    support.retain(|e| {
        !contradictions
            .iter()
            .any(|c| c.doc == e.doc && e.span.start <= c.span.start && c.span.end <= e.span.end)
    });
    support.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| a.doc.cmp(&b.doc))
            .then(a.span.start.cmp(&b.span.start))
    });
    support.truncate(MAX_SUPPORT);
    contradictions.sort_by(|a, b| a.doc.cmp(&b.doc).then(a.span.start.cmp(&b.span.start)));
    contradictions.dedup_by(|a, b| a.doc == b.doc && a.span == b.span);
    let status = if !contradictions.is_empty() {
        Status::Contradicted
    } else if !support.is_empty() {
        Status::Corroborated
    } else {
        Status::Unsourced
    };
    Claim {
        sentence: c.sentence,
        span: c.span,
        score: c.score,
        worth: c.worth,
        status,
        support,
        contradictions,
        figures: checks,
    }
}

/// Timeline: the claim's date against the date of each source passage
/// about the same event (related at [`SAME_EVENT`] or above), relative
/// dates resolved against their own document's date ([`timeline`]). The
/// same day explains the passage's support; days that cannot both be true
/// contradict. Only a claim and a passage that give one date each are
/// compared: with two, which date goes with which event is not known.
fn dates_of(
    doc: &DocAnalysis,
    corpus: &Corpus,
    source_ok: &dyn Fn(&DocAnalysis) -> bool,
    c: &Candidate,
    related: &[related::RelatedPassage],
    support: &mut Vec<Evidence>,
    contradictions: &mut Vec<Evidence>,
) {
    let mine = timeline::mentions(doc, c.span.clone());
    let [mine] = mine.as_slice() else {
        return;
    };
    for r in related.iter().filter(|r| r.score >= SAME_EVENT) {
        let Some(other) = corpus.get(&r.doc) else {
            continue;
        };
        if !source_ok(other) {
            continue;
        }
        let theirs = timeline::mentions(other, r.span.clone());
        let [theirs] = theirs.as_slice() else {
            continue;
        };
        let words = |d: &DocAnalysis, m: &timeline::TimeMention| {
            let said = d.slice(m.span.clone());
            match (&m.when, m.relative) {
                (timeline::When::Days(days), true) => format!("{days} (‘{said}’)"),
                _ => said.to_string(),
            }
        };
        match timeline::relation(&mine.when, &theirs.when) {
            timeline::Relation::Same => {
                if !mine.relative && !theirs.relative {
                    continue;
                }
                let reason = format!("same day: {}", words(other, theirs));
                match support
                    .iter_mut()
                    .find(|e| e.doc == r.doc && e.span == r.span)
                {
                    Some(e) => e.reason = format!("{reason}; {}", e.reason),
                    None => push_best(
                        support,
                        Evidence {
                            doc: r.doc.clone(),
                            span: r.span.clone(),
                            score: r.score,
                            reason,
                        },
                    ),
                }
            }
            timeline::Relation::Conflict => contradictions.push(Evidence {
                doc: r.doc.clone(),
                span: theirs.span.clone(),
                score: r.score,
                reason: format!("{} here, {} there", words(doc, mine), words(other, theirs)),
            }),
            timeline::Relation::Unknown => {}
        }
    }
}

/// Keeps the best evidence per source document.
fn push_best(support: &mut Vec<Evidence>, e: Evidence) {
    match support.iter_mut().find(|s| s.doc == e.doc) {
        Some(s) if s.score < e.score || (s.score == e.score && e.span.start < s.span.start) => {
            *s = e
        }
        Some(_) => {}
        None => support.push(e),
    }
}

/// The trimmed sentence of `doc` that contains `offset`.
fn sentence_span(doc: &DocAnalysis, offset: usize) -> Option<Range<usize>> {
    let i = doc.segmentation.sentence_at(offset)?;
    let s = doc.segmentation.sentences.get(i)?;
    Some(trim(&doc.text, s.span.clone()))
}

#[cfg(test)]
mod tests;
