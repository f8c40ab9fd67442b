//! Attribution: who says what, sentence by sentence.
//!
//! For every sentence of a document this works out its *source* (a named
//! person or body, a pronoun or role that refers back to one, an anonymous
//! source, an unnamed crowd, or no one), the *reporting construction* that
//! credits it ("said", "told reporters", "according to", "described … as",
//! "what X calls", "“…,” said X", "As X stated, “…”", a passive with or
//! without its agent), the *medium* when one is named ("in a post on its
//! website") and the *quotations* in it, each with its speaker.
//!
//! It is decided structurally, not by keywords: a reporting verb counts when
//! a subject stands before it (read back over adverbs, auxiliaries and
//! parentheticals such as ", chief economist at Norte Capital,"), or a speaker
//! after it ("…,” said the minister"); "according to" takes the phrase after
//! it; a passive reporting verb takes the agent after "by", or credits no one
//! without one; a participle clause (", telling reporters, …") speaks for
//! its sentence's speaker; a quotation takes the speaker of its sentence(s),
//! of a tag right after it, of the previous paragraph's segment when it runs
//! over paragraphs, or of the sentence before it when it opens its sentence
//! (a quote that continues). The word lists it decides with are data tables
//! in [`lexicon`], compiled once.
//!
//! # Using it
//!
//! [`analyze`] runs once per document version; the result is
//! [`DocAnalysis::attribution`](crate::analysis::DocAnalysis::attribution),
//! with one [`SentenceAttribution`] per sentence, parallel to
//! `segmentation.sentences`. What other detectors ask:
//!
//! - [`DocAttribution::sentence`]`(i)`: the attribution of sentence `i`.
//! - [`DocAttribution::has_source`]`(i)`: whether sentence `i` has a source
//!   — named, a reference to one, or anonymous; its own, or the speaker of a
//!   quotation it is part of. An unnamed crowd ("critics say") or an
//!   agentless phrase ("is seen as") is not a source.
//! - [`DocAttribution::paragraph_has_source`]`(p)`: whether any sentence of
//!   paragraph `p` has one.
//! - [`DocAnalysis::source_at`](crate::analysis::DocAnalysis::source_at)`(offset)`:
//!   the attribution that stands behind the text at a byte offset — the
//!   speaker of the quotation it is in, else its sentence's source.
//! - [`DocAnalysis::is_sourced_at`](crate::analysis::DocAnalysis::is_sourced_at)`(offset)`:
//!   whether the text at `offset` has a source in its sentence or its
//!   paragraph. This is the question `unattributed-statistic` asks of a
//!   figure: "a statistic stated as fact with no source in its sentence or
//!   paragraph; a figure that is part of an attributed statement is
//!   attributed".

pub mod anon_model;
mod incremental;
pub mod lexicon;
mod parse;
pub mod quote_model;
mod quotes;
mod spanish;
mod tokens;

use std::ops::Range;

use super::DocAnalysis;
use super::text::Segmentation;
use crate::analysis::language::lexicon::HashSet;
pub use incremental::analyze_reusing;
pub(crate) use incremental::widen;
use lexicon::Class;
use tokens::{Kind, Token};

/// Who a claim is credited to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum SourceKind {
    /// A named person or body: "Harbour Minister Tomas Reyner",
    /// "the Interior Ministry", "analysts at Brannock Research".
    Named,
    /// A pronoun or role that refers back to one: "she", "the official",
    /// "the company", "police".
    Reference,
    /// Someone the reader cannot check: "a senior Interior Ministry
    /// official", "sources familiar with the talks", "U.S. officials".
    Anonymous,
    /// An unnamed crowd or a vague body of work: "many", "critics",
    /// "experts", "studies".
    Crowd,
    /// No one: an agentless passive ("it is believed", "is seen as") or an
    /// adverb ("reportedly").
    Nobody,
}

impl SourceKind {
    /// Whether the kind is a source for "has a source" questions: named,
    /// a reference to one, or anonymous.
    pub fn is_source(self) -> bool {
        matches!(
            self,
            SourceKind::Named | SourceKind::Reference | SourceKind::Anonymous
        )
    }

    pub fn label(self) -> &'static str {
        match self {
            SourceKind::Named => "named",
            SourceKind::Reference => "refers back",
            SourceKind::Anonymous => "anonymous",
            SourceKind::Crowd => "unnamed crowd",
            SourceKind::Nobody => "no one",
        }
    }
}

/// How a claim is credited.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Construction {
    /// A subject and a reporting verb: "X said", "X warned", "X told
    /// reporters", ", telling reporters".
    Verb,
    /// "X described … as …", "X referred to … as".
    DescribedAs,
    /// "what X calls / refers to as".
    WhatXCalls,
    /// "As X stated, …".
    AsXStated,
    /// "“…,” said X" / "“…,” X said".
    AfterQuote,
    /// "X: “…”".
    BeforeQuote,
    /// "according to X".
    AccordingTo,
    /// "his claim that", "a statement from X".
    ReportingNoun,
    /// A passive reporting verb with its agent: "labelled by Washington as".
    Passive,
    /// A passive reporting verb with no agent ("it is believed", "is seen
    /// as", "widely considered", "largely attributed to"), or with a crowd
    /// for agent ("seen by many as").
    Agentless,
    /// An adverb that credits no one: "reportedly".
    Hedge,
    /// The speaker of a quotation that continues from the sentence before.
    CarriedOver,
    /// The subject of the sentence, for a quoted phrase in its predicate:
    /// "The council wants “a clean break with the past”".
    Subject,
}

impl Construction {
    /// How the hover names it; `cue` is the text of the reporting word.
    pub fn describe(self, cue: &str) -> String {
        match self {
            Construction::Verb | Construction::AfterQuote | Construction::AsXStated => {
                cue.to_string()
            }
            Construction::DescribedAs => format!("{cue} … as"),
            Construction::WhatXCalls => format!("what … {cue}"),
            Construction::BeforeQuote => "speaker before the quote".to_string(),
            Construction::AccordingTo => "according to".to_string(),
            Construction::ReportingNoun => format!("their {cue}"),
            Construction::Passive => format!("{cue} by"),
            Construction::Agentless => format!("“{cue}” with no agent"),
            Construction::Hedge => format!("“{cue}”"),
            Construction::CarriedOver => "carried over from the sentence before".to_string(),
            Construction::Subject => "subject of the sentence".to_string(),
        }
    }
}

/// A source: the phrase that names it, and what it is.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Source {
    /// The phrase ("a senior port official"); for
    /// [`SourceKind::Nobody`], the agentless phrase itself.
    pub span: Range<usize>,
    pub kind: SourceKind,
    /// For a pronoun or role that refers back: the phrase it refers to.
    pub refers_to: Option<Range<usize>>,
    /// What the referenced phrase is, when resolved ("the official" →
    /// anonymous).
    pub refers_to_kind: Option<SourceKind>,
}

/// One reporting construction: a source credited with (part of) a sentence.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Attribution {
    pub source: Source,
    pub construction: Construction,
    /// The reporting word or phrase: "said", "told reporters", "according
    /// to", "described", "reportedly".
    pub cue: Range<usize>,
    /// The whole phrase a rule points at: "many interpret", "widely
    /// believed", "a harbour official noted".
    pub phrase: Range<usize>,
    /// Where it was said: "in a late-night post on its website".
    pub medium: Option<Range<usize>>,
    /// The sentence the construction is in.
    pub sentence: usize,
    /// For a crowd: the same paragraph (or the next sentence) names one of
    /// it ("Analysts said … said Jane Doe, an analyst at …").
    pub corroborated: bool,
    /// An unnamed crowd or agentless phrase inside a statement the sentence
    /// credits to a source ("The ministry said the ship is believed to …").
    pub within_attributed: bool,
}

/// What a quotation is, by its words and what introduces it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum QuoteKind {
    /// A quoted statement: a clause, several words, or a full sentence.
    Statement,
    /// A quoted phrase of two or more words inside the writer's sentence.
    Phrase,
    /// One quoted word ("a “temporary” closure").
    Term,
    /// A title or a slogan in title case ("Safe Streets Now").
    Title,
    /// A name introduced as one: "so-called", "dubbed", "known as".
    Name,
}

/// A quotation segment.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Quote {
    /// With its marks (to the end of the paragraph when it does not close).
    pub span: Range<usize>,
    /// The quoted words.
    pub inner: Range<usize>,
    pub closed: bool,
    /// The sentences it overlaps.
    pub sentences: Range<usize>,
    pub kind: QuoteKind,
    /// The previous segment of a quotation that runs over paragraphs.
    pub continues: Option<usize>,
    /// Who says it, if anyone.
    pub speaker: Option<Attribution>,
}

/// The attribution of one sentence.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SentenceAttribution {
    /// Every reporting construction in the sentence, in text order.
    pub attributions: Vec<Attribution>,
    /// Indices into [`DocAttribution::quotes`] of the quotations it overlaps.
    pub quotes: Vec<usize>,
    /// When the sentence has no source of its own but is part of a
    /// quotation whose speaker is named elsewhere (a quote that continues,
    /// or a speaker tag after it).
    pub carried: Option<Attribution>,
    /// Hedges in the writer's voice ("allegedly", "reportedly").
    pub hedges: Vec<Range<usize>>,
    /// A one-line paragraph without final punctuation: a headline or a
    /// caption.
    pub heading: bool,
}

impl SentenceAttribution {
    /// The sentence's source: its first own attribution to a named,
    /// referenced or anonymous source, else the one carried over.
    pub fn source(&self) -> Option<&Attribution> {
        self.attributions
            .iter()
            .find(|a| a.source.kind.is_source())
            .or(self.carried.as_ref().filter(|a| a.source.kind.is_source()))
    }

    pub fn has_source(&self) -> bool {
        self.source().is_some()
    }
}

/// The attribution of a whole document.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct DocAttribution {
    /// Parallel to `Segmentation::sentences`.
    pub sentences: Vec<SentenceAttribution>,
    pub quotes: Vec<Quote>,
    /// Parallel to `Segmentation::paragraphs`.
    pub paragraph_sourced: Vec<bool>,
}

impl DocAttribution {
    /// The attribution of sentence `i`.
    pub fn sentence(&self, i: usize) -> Option<&SentenceAttribution> {
        self.sentences.get(i)
    }

    /// Whether sentence `i` has a source (see [`SentenceAttribution::source`]).
    pub fn has_source(&self, i: usize) -> bool {
        self.sentences.get(i).is_some_and(|s| s.has_source())
    }

    /// Whether any sentence of paragraph `p` has a source.
    pub fn paragraph_has_source(&self, p: usize) -> bool {
        self.paragraph_sourced.get(p).copied().unwrap_or(false)
    }

    /// The quotation whose words contain byte `offset`.
    pub fn quote_at(&self, offset: usize) -> Option<&Quote> {
        self.quotes
            .iter()
            .find(|q| q.span.start <= offset && offset < q.span.end.max(q.span.start + 1))
    }
}

impl DocAnalysis {
    /// The attribution that stands behind the text at byte `offset`: the
    /// speaker of the quotation it is in, else the source of its sentence.
    pub fn source_at(&self, offset: usize) -> Option<&Attribution> {
        if let Some(q) = self.attribution.quote_at(offset)
            && let Some(s) = q.speaker.as_ref().filter(|s| s.source.kind.is_source())
        {
            return Some(s);
        }
        let i = self.segmentation.sentence_at(offset)?;
        self.attribution.sentence(i)?.source()
    }

    /// Whether the text at byte `offset` has a source in its sentence or in
    /// its paragraph.
    pub fn is_sourced_at(&self, offset: usize) -> bool {
        if self.source_at(offset).is_some() {
            return true;
        }
        let Some(i) = self.segmentation.sentence_at(offset) else {
            return false;
        };
        self.segmentation
            .sentences
            .get(i)
            .is_some_and(|s| self.attribution.paragraph_has_source(s.paragraph))
    }
}

/// The marker the quick fixes insert after an unsourced claim.
pub const SOURCE_MARKER: &str = " [source?]";

/// Where a marker goes after the claim of a sentence: before its final
/// punctuation, or after a closing quotation mark that ends it.
pub fn claim_end(text: &str, sentence: Range<usize>) -> usize {
    let s = text.get(sentence.clone()).unwrap_or("");
    let trimmed = s.trim_end_matches(['.', '!', '?', '…']);
    sentence.start + trimmed.len()
}

/// A fix inserting [`SOURCE_MARKER`] at `at`, unless one is already there.
pub fn marker_fix(text: &str, at: usize) -> Option<super::Fix> {
    let at = at.min(text.len());
    if !text.is_char_boundary(at) || text[at..].starts_with(SOURCE_MARKER) {
        return None;
    }
    Some(super::Fix {
        title: "Insert a [source?] marker after the claim".to_string(),
        edits: vec![super::Edit {
            span: at..at,
            text: SOURCE_MARKER.to_string(),
        }],
    })
}

/// Reference markers in `span` of `text`: "(12)", "[3]", "(10, 11)",
/// "(4–6)". Each with its byte offset and whether it ends the sentence
/// (only final punctuation after it). A marker elsewhere counts only right
/// after the phrase it cites; a number in brackets inside a sentence is
/// more often an age or a count.
fn reference_markers(text: &str, span: Range<usize>) -> Vec<(usize, bool)> {
    static MARKER: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"[(\[]\d{1,3}(?:\s*[,–-]\s*\d{1,3})*[)\]]").expect("valid pattern")
    });
    let Some(s) = text.get(span.clone()) else {
        return Vec::new();
    };
    MARKER
        .find_iter(s)
        .map(|m| {
            let rest = s[m.end()..].trim_start_matches(['.', '!', '?', '…', ' ', '"', '”']);
            (span.start + m.start(), rest.is_empty())
        })
        .collect()
}

/// A phrase seen so far that a pronoun or role may refer back to.
struct Mention {
    sentence: usize,
    span: Range<usize>,
    kind: SourceKind,
    /// The lower-case head word ("official", "reyner").
    head: String,
    head_class: Class,
    proper: bool,
    /// A speaker or the subject of its sentence, rather than a possessor
    /// ("Reyner’s rhetoric").
    strong: bool,
}

/// Reads the attribution of every sentence of `text`.
pub fn analyze(text: &str, seg: &Segmentation) -> DocAttribution {
    let raw_quotes = quotes::find(text, seg);
    let spanish = super::language::detect(text) == super::language::Lang::Spanish;

    // Tokens of every sentence, in one vector.
    let mut toks: Vec<Token> = Vec::with_capacity(text.len() / 5);
    let mut ranges: Vec<Range<usize>> = Vec::with_capacity(seg.sentences.len());
    for s in &seg.sentences {
        let start = toks.len();
        tokens::tokenize(text, s.span.clone(), &mut toks);
        ranges.push(start..toks.len());
    }
    // Mark quoted words and quotation marks (both lists are sorted).
    let mut opens = vec![false; toks.len()];
    let mut closes = vec![false; toks.len()];
    {
        let mut q = 0;
        for (k, t) in toks.iter_mut().enumerate() {
            while q < raw_quotes.len() && raw_quotes[q].span.end <= t.start {
                q += 1;
            }
            let mut r = q;
            while r < raw_quotes.len() && raw_quotes[r].span.start <= t.start {
                let rq = &raw_quotes[r];
                if t.kind == Kind::Quote && t.start == rq.span.start {
                    opens[k] = true;
                } else if t.kind == Kind::Quote && rq.closed && t.start == rq.inner.end {
                    closes[k] = true;
                } else if rq.inner.start <= t.start && t.start < rq.inner.end {
                    t.quoted = true;
                }
                r += 1;
            }
        }
    }

    let mut out = DocAttribution {
        sentences: Vec::with_capacity(seg.sentences.len()),
        quotes: Vec::with_capacity(raw_quotes.len()),
        paragraph_sourced: vec![false; seg.paragraphs.len()],
    };
    let mut mentions: Vec<Mention> = Vec::new();
    let mut cues_of: Vec<Vec<parse::Cue>> = Vec::with_capacity(seg.sentences.len());
    // Each sentence's first-word tag, read once however often the sentence
    // is parsed.
    let first_tags: Vec<parse::FirstTag> = vec![parse::FirstTag::new(); seg.sentences.len()];

    for (si, s) in seg.sentences.iter().enumerate() {
        let r = ranges[si].clone();
        let sentence = parse::Sentence::new(
            text,
            &toks[r.clone()],
            &opens[r.clone()],
            &closes[r.clone()],
            &first_tags[si],
        );
        let cues = sentence.cues();
        // The subject of the main clause and the named possessors, as
        // mentions for later pronouns.
        if let Some(np) = sentence.main_subject()
            && sentence.proper(np.head)
        {
            let head = &sentence.toks[np.head];
            mentions.push(Mention {
                sentence: si,
                span: sentence.toks[np.start].start..sentence.toks[np.end - 1].end,
                kind: SourceKind::Named,
                head: head.stem(text).to_lowercase(),
                head_class: head.class(),
                proper: true,
                strong: true,
            });
        }
        for (k, t) in sentence.toks.iter().enumerate() {
            if t.possessive && sentence.proper(k) {
                mentions.push(Mention {
                    sentence: si,
                    span: t.start..t.end,
                    kind: SourceKind::Named,
                    head: t.stem(text).to_lowercase(),
                    head_class: t.class(),
                    proper: true,
                    strong: false,
                });
            }
        }
        let mut attributions = Vec::with_capacity(cues.len());
        for c in &cues {
            let mut source = Source {
                span: c.source.clone(),
                kind: c.kind,
                refers_to: None,
                refers_to_kind: None,
            };
            if c.kind == SourceKind::Reference {
                if let Some(a) = &c.antecedent {
                    source.refers_to = Some(a.clone());
                    source.refers_to_kind = mentions
                        .iter()
                        .rev()
                        .find(|m| m.span == *a)
                        .map(|m| m.kind)
                        .or(Some(SourceKind::Named));
                } else if let Some(h) = c.source_head {
                    let head = &sentence.toks[h];
                    if let Some(m) = resolve(text, head, c.pronoun, si, &mentions) {
                        source.refers_to = Some(m.span.clone());
                        source.refers_to_kind = Some(m.kind);
                    }
                }
            }
            attributions.push(Attribution {
                source,
                construction: c.construction,
                cue: c.cue.clone(),
                phrase: c.phrase.clone(),
                medium: c.medium.clone(),
                sentence: si,
                corroborated: false,
                within_attributed: false,
            });
            if matches!(c.kind, SourceKind::Named | SourceKind::Anonymous)
                && let Some(h) = c.source_head
            {
                let head = &sentence.toks[h];
                mentions.push(Mention {
                    sentence: si,
                    span: c.source.clone(),
                    kind: c.kind,
                    head: head.stem(text).to_lowercase(),
                    head_class: head.class(),
                    proper: sentence.proper(h),
                    strong: true,
                });
            }
        }
        // Statements credited to a source carry the crowds and agentless
        // phrases inside them.
        let reported: Vec<usize> = attributions
            .iter()
            .filter(|a| {
                a.source.kind.is_source()
                    && !matches!(
                        a.construction,
                        Construction::ReportingNoun | Construction::Subject
                    )
            })
            .map(|a| a.cue.start)
            .collect();
        for (a, c) in attributions.iter_mut().zip(&cues) {
            if matches!(a.source.kind, SourceKind::Crowd | SourceKind::Nobody) {
                a.within_attributed = reported.iter().any(|&r| r < a.phrase.start)
                    || is_end_tag(&sentence, &cues, c.at);
            }
        }
        // A reference marker cites the work a crowd or vague body of work
        // stands for ("Studies show (10, 11) that …", "… faster [3].").
        if attributions
            .iter()
            .any(|a| matches!(a.source.kind, SourceKind::Crowd | SourceKind::Nobody))
        {
            let markers = reference_markers(text, s.span.clone());
            for a in &mut attributions {
                if matches!(a.source.kind, SourceKind::Crowd | SourceKind::Nobody)
                    && markers.iter().any(|&(at, end)| {
                        end || (at >= a.phrase.end && text[a.phrase.end..at].trim().is_empty())
                    })
                {
                    a.corroborated = true;
                }
            }
        }
        // Spanish constructions, read from the language layer, in place of
        // the structural reading above (which is English: it takes "El"
        // for a name).
        if spanish {
            attributions = spanish::read_sentence(text, s.span.clone(), si);
        }
        let hedges = sentence
            .toks
            .iter()
            .filter(|t| t.has(Class::HEDGE) && !t.quoted)
            .map(Token::span)
            .collect();
        let para = &seg.paragraphs[s.paragraph];
        let heading = para.sentences.len() == 1 && is_heading(&text[s.span.clone()]);
        out.sentences.push(SentenceAttribution {
            attributions,
            quotes: Vec::new(),
            carried: None,
            hedges,
            heading,
        });
        cues_of.push(cues);
    }

    // Quotations and their speakers.
    for (qi, rq) in raw_quotes.iter().enumerate() {
        let first = seg.sentence_at_or_after(rq.span.start).unwrap_or(0);
        let last = seg
            .sentence_at(rq.span.end.saturating_sub(1))
            .unwrap_or(first)
            .max(first);
        let sentences = first..(last + 1).min(seg.sentences.len().max(first));
        let mut kind = quote_kind(text, &toks, &ranges, rq, first);
        if spanish && let Some(s) = seg.sentences.get(first) {
            kind = spanish::quote_kind(
                text,
                s.span.clone(),
                rq.span.clone(),
                rq.inner.clone(),
                kind,
            );
        }
        let mut quote = Quote {
            span: rq.span.clone(),
            inner: rq.inner.clone(),
            closed: rq.closed,
            sentences: sentences.clone(),
            kind,
            continues: rq.continues,
            speaker: None,
        };
        quote.speaker = speaker(
            text,
            seg,
            &toks,
            &ranges,
            (&opens, &closes),
            &first_tags,
            &out,
            &quote,
            qi,
        );
        // The subject of a sentence is read by the English structural
        // reading, which does not read Spanish sentences.
        if spanish
            && quote
                .speaker
                .as_ref()
                .is_some_and(|a| a.construction == Construction::Subject)
        {
            quote.speaker = None;
        }
        for si in sentences {
            if let Some(s) = out.sentences.get_mut(si) {
                s.quotes.push(qi);
                // A sentence that is part of a quotation spoken by someone
                // named elsewhere carries that source (before the next
                // quotation asks the sentence before it).
                if !s.has_source()
                    && let Some(a) = quote.speaker.as_ref().filter(|a| {
                        a.source.kind.is_source() && a.construction != Construction::Subject
                    })
                {
                    let mut a = a.clone();
                    if a.sentence != si {
                        a.construction = Construction::CarriedOver;
                    }
                    s.carried = Some(a);
                }
            }
        }
        out.quotes.push(quote);
    }

    // A quotation over paragraphs whose speaker is named in a later
    // segment ("“… by night. “On the early shift …,” explains Ms Oduya").
    // The first later segment continuing each quotation, found in one pass.
    let mut continued_by: Vec<Option<usize>> = vec![None; out.quotes.len()];
    for r in (0..out.quotes.len()).rev() {
        if let Some(p) = out.quotes[r].continues
            && p < r
            && let Some(slot) = continued_by.get_mut(p)
        {
            *slot = Some(r);
        }
    }
    for qi in (0..out.quotes.len()).rev() {
        if out.quotes[qi].speaker.is_some() {
            continue;
        }
        let later = continued_by[qi].and_then(|r| out.quotes[r].speaker.clone());
        if let Some(mut a) = later {
            a.construction = Construction::CarriedOver;
            for si in out.quotes[qi].sentences.clone() {
                if let Some(s) = out.sentences.get_mut(si)
                    && !s.has_source()
                    && a.source.kind.is_source()
                {
                    s.carried = Some(a.clone());
                }
            }
            out.quotes[qi].speaker = Some(a);
        }
    }

    // Crowds named in the same paragraph or the next sentence.
    for si in 0..out.sentences.len() {
        let p = seg.sentences[si].paragraph;
        for ai in 0..out.sentences[si].attributions.len() {
            let a = &out.sentences[si].attributions[ai];
            if a.source.kind != SourceKind::Crowd {
                continue;
            }
            let window = seg.paragraphs[p].sentences.start
                ..(seg.paragraphs[p].sentences.end.max(si + 2)).min(seg.sentences.len());
            // "A report suggests … The report, by the Children's Society,
            // found …": a vague document the paragraph names.
            if is_document(text, &a.source.span) {
                let named = window.clone().any(|sj| {
                    sj != si
                        && out.sentences[sj]
                            .attributions
                            .iter()
                            .any(|b| b.source.kind == SourceKind::Named)
                });
                out.sentences[si].attributions[ai].corroborated |= named;
                continue;
            }
            let Some(singular) = crowd_singular(text, &a.source.span) else {
                continue;
            };
            let own = a.source.span.clone();
            let corroborated = window.into_iter().any(|sj| {
                let named = out.sentences[sj]
                    .attributions
                    .iter()
                    .any(|b| b.source.kind == SourceKind::Named);
                named
                    && toks[ranges[sj].clone()].iter().any(|t| {
                        !(own.start <= t.start && t.end <= own.end)
                            && t.kind == Kind::Word
                            && t.stem(text).eq_ignore_ascii_case(&singular)
                    })
            });
            out.sentences[si].attributions[ai].corroborated |= corroborated;
        }
    }

    for (si, s) in seg.sentences.iter().enumerate() {
        if out.sentences[si].has_source() {
            out.paragraph_sourced[s.paragraph] = true;
        }
    }
    out
}

/// Whether the cue at `at` is followed, at the end of the sentence, by a
/// speaker tag (", police said.").
fn is_end_tag(sentence: &parse::Sentence<'_>, cues: &[parse::Cue], at: usize) -> bool {
    cues.iter().any(|o| {
        o.kind.is_source()
            && o.at > at
            && o.at + 4 >= sentence.toks.len()
            && matches!(
                o.construction,
                Construction::Verb | Construction::AfterQuote
            )
    })
}

/// Whether a source phrase is a document ("a report", "new research").
fn is_document(text: &str, span: &Range<usize>) -> bool {
    text.get(span.clone())
        .and_then(|p| p.split_whitespace().last())
        .and_then(lexicon::lookup)
        .is_some_and(|e| e.class.contains(Class::DOCUMENT))
}

/// "analysts" → "analyst": the singular a named member of a crowd goes by.
fn crowd_singular(text: &str, span: &Range<usize>) -> Option<String> {
    let phrase = text.get(span.clone())?;
    let last = phrase.split_whitespace().last()?;
    let entry = lexicon::lookup(last)?;
    if !entry.class.intersects(Class::CROWD | Class::PROFESSION) {
        return None;
    }
    // An invariant plural ("people") or a quantifier ("others") names no
    // member by a singular.
    let invariant = entry.class.contains(Class::PLURAL) && !last.ends_with(['s', 'S']);
    if invariant || entry.class.contains(Class::QUANTIFIER) {
        return None;
    }
    let lower = last.to_lowercase();
    let singular = lower.strip_suffix('s').unwrap_or(&lower);
    (singular.len() > 3).then(|| singular.to_string())
}

/// Finds what a pronoun or a role refers back to: a fitting phrase earlier
/// in the same sentence, else the latest speaker or subject of the
/// sentences before, else the latest named possessor.
fn resolve<'m>(
    text: &str,
    head: &Token,
    pronoun: bool,
    sentence: usize,
    mentions: &'m [Mention],
) -> Option<&'m Mention> {
    let word = head.stem(text).to_lowercase();
    let org = lexicon::LISTS.neuter_pronoun.contains(word.as_str());
    let person = lexicon::LISTS.personal_pronoun.contains(word.as_str());
    let singular = word.strip_suffix('s').unwrap_or(&word).to_string();
    let class = head.class();
    let fits = |m: &Mention| {
        if pronoun {
            if org {
                !m.head_class.intersects(Class::ROLE | Class::ANONYMOUS)
            } else if person {
                !m.head_class.intersects(Class::BODY | Class::DOCUMENT)
                    && (m.proper || m.head_class.intersects(Class::ROLE | Class::ANONYMOUS))
            } else {
                true
            }
        } else {
            m.head == word
                || m.head == singular
                || m.head.strip_suffix('s') == Some(&singular)
                || (class.intersects(Class::ANONYMOUS) && m.kind == SourceKind::Anonymous)
        }
    };
    let window = |m: &&Mention| m.sentence + 6 >= sentence;
    mentions
        .iter()
        .rev()
        .filter(|m| m.sentence == sentence && m.span.end <= head.start)
        .find(|m| fits(m))
        .or_else(|| {
            mentions
                .iter()
                .rev()
                .filter(|m| m.sentence < sentence)
                .take_while(window)
                .find(|m| m.strong && fits(m))
        })
        .or_else(|| {
            mentions
                .iter()
                .rev()
                .filter(|m| m.sentence < sentence)
                .take_while(window)
                .find(|m| fits(m))
        })
}

/// A line that does not end like a sentence: a headline or a caption.
fn is_heading(s: &str) -> bool {
    let trimmed = s.trim_end_matches(['"', '”', '’', '\'', ')', ']']);
    !trimmed.ends_with(['.', '!', '?', '…', ':']) && s.split_whitespace().count() <= 20
}

fn quote_kind(
    text: &str,
    toks: &[Token],
    ranges: &[Range<usize>],
    q: &quotes::RawQuote,
    first: usize,
) -> QuoteKind {
    let Some(r) = ranges.get(first) else {
        return QuoteKind::Statement;
    };
    let sent = &toks[r.clone()];
    // Tokens are in text order: the quotation's neighbourhood is found by
    // binary search, so a sentence of thousands of quotations is not read
    // once per quotation.
    let inner_from = sent.partition_point(|t| t.start < q.inner.start);
    let inner_to = sent.partition_point(|t| t.start < q.inner.end);
    let inner: Vec<&Token> = sent[inner_from..inner_to.max(inner_from)]
        .iter()
        .filter(|t| t.end <= q.inner.end)
        .collect();
    let before_end = sent.partition_point(|t| t.end <= q.span.start);
    let after_at = sent.partition_point(|t| t.start < q.span.end);
    crate::analysis::effort::add_quote_tokens(inner.len() + 2);
    let words: Vec<&&Token> = inner.iter().filter(|t| t.kind == Kind::Word).collect();
    let inner_text = text.get(q.inner.clone()).unwrap_or("");
    let has_stop = inner_text.trim_end().ends_with(['.', '!', '?', '…'])
        || inner.iter().any(|t| t.kind == Kind::Stop);
    // The last two words before the opening mark (the nearest last),
    // looked for among the few tokens before it.
    let before: Vec<&Token> = sent[..before_end]
        .iter()
        .rev()
        .take(QUOTE_CONTEXT_TOKENS)
        .filter(|t| t.kind == Kind::Word)
        .take(2)
        .collect();
    crate::analysis::effort::add_quote_tokens(QUOTE_CONTEXT_TOKENS.min(before_end));
    let role = |t: &Token, set: &HashSet<&'static str>| {
        t.kind == Kind::Word && set.contains(t.text(text).to_ascii_lowercase().as_str())
    };
    let lists = &*lexicon::LISTS;
    let named = before.iter().any(|t| {
        t.has(Class::NAMING)
            || role(t, lists.as_marker) && before.get(1).is_some_and(|p| role(p, lists.naming_as))
    }) && before
        .first()
        .is_some_and(|t| t.has(Class::NAMING) || role(t, lists.as_marker));
    // "the “I'm loving it” catchphrase", "'chip and pin' cards": a quoted
    // term used as a modifier, or named by the word after it.
    let after_at = (after_at < sent.len()).then_some(after_at);
    let modifier = after_at.is_some_and(|k| {
        let t = &sent[k];
        // The word after the quote is a noun: one the lexicon knows, or an
        // unknown word followed by a verb ("'chip and pin' cards have …").
        let verb_next = sent.get(k + 1).is_some_and(|n| {
            n.kind == Kind::Word
                && !n.cap
                && (n.has(Class::BE | Class::AUX | Class::MODAL)
                    || n.verb().is_some()
                    || n.text(text).ends_with("ed"))
        });
        t.kind == Kind::Word
            && !t.cap
            && (t.has(Class::NAMING | Class::DOCUMENT | Class::MEDIUM | Class::BODY)
                || (t.entry.is_none() && verb_next))
    });
    if named || (modifier && words.len() <= 4 && q.closed) {
        return QuoteKind::Name;
    }
    // Beyond the first sentence: a quotation running on is a statement.
    if q.span.end > sent.last().map_or(0, |t| t.end) || !q.closed {
        return QuoteKind::Statement;
    }
    if words.len() <= 1 {
        return QuoteKind::Term;
    }
    let title = !has_stop
        && words.len() <= 8
        && words.iter().enumerate().all(|(i, t)| {
            let w = t.text(text);
            t.cap || t.digit || (i > 0 && w.len() <= 4 && w.chars().all(char::is_lowercase))
        });
    if title {
        return QuoteKind::Title;
    }
    let intro = before_end
        .checked_sub(1)
        .map(|k| &sent[k])
        .is_none_or(|t| matches!(t.kind, Kind::Colon | Kind::Comma | Kind::Dash | Kind::Stop));
    let capital = words.first().is_some_and(|t| t.cap);
    if has_stop || words.len() >= 10 || (intro && capital && words.len() >= 4) {
        QuoteKind::Statement
    } else {
        QuoteKind::Phrase
    }
}

/// Tokens read before a quotation to classify it or to tell whether it
/// opens its sentence: the two words before the mark and three words with
/// their commas are all the rules ask, and ordinary punctuation never fills
/// this many; a run of thousands of marks is not read once per quotation.
const QUOTE_CONTEXT_TOKENS: usize = 16;

/// Attributions of one sentence weighed as a quotation's speaker. News
/// sentences have a few; a sentence with more is a run-on list of quotes
/// and speakers, where the speaker is among those next to the quotation,
/// and reading all of them for each quotation would make it quadratic.
const SPEAKER_CANDIDATES: usize = 32;

/// Who says a quotation.
#[allow(clippy::too_many_arguments)]
fn speaker(
    text: &str,
    seg: &Segmentation,
    toks: &[Token],
    ranges: &[Range<usize>],
    (opens, closes): (&[bool], &[bool]),
    first_tags: &[parse::FirstTag],
    doc: &DocAttribution,
    quote: &Quote,
    qi: usize,
) -> Option<Attribution> {
    let _ = qi;
    // 1. A source in a sentence the quotation overlaps, nearest first.
    let mut best: Option<(usize, &Attribution)> = None;
    let mut vague: Option<&Attribution> = None;
    for si in quote.sentences.clone() {
        let all = doc.sentences.get(si).map_or(&[][..], |s| &s.attributions);
        // Attributions are in text order: in a sentence of very many, the
        // nearest to the quotation are the candidates.
        let near = if all.len() <= SPEAKER_CANDIDATES {
            all
        } else {
            let k = all.partition_point(|a| a.cue.start < quote.span.start);
            let half = SPEAKER_CANDIDATES / 2;
            &all[k.saturating_sub(half)..(k + half).min(all.len())]
        };
        crate::analysis::effort::add_quote_tokens(near.len());
        for a in near {
            if quote.inner.start <= a.cue.start && a.cue.end <= quote.inner.end {
                continue;
            }
            let d = if a.cue.start >= quote.span.end {
                a.cue.start - quote.span.end
            } else {
                quote.span.start.saturating_sub(a.cue.end)
            };
            if a.source.kind.is_source() {
                if best.is_none_or(|(bd, _)| d < bd) {
                    best = Some((d, a));
                }
            } else if vague.is_none() {
                vague = Some(a);
            }
        }
    }
    if let Some((_, a)) = best {
        return Some(a.clone());
    }
    // "Aragones' “no comment”": the possessor's words.
    // The token right before the opening mark (tokens are in text order).
    let before_quote = toks
        .partition_point(|t| t.end <= quote.span.start)
        .checked_sub(1);
    if let Some(k) = before_quote
        && toks[k].possessive
        && toks[k].cap
        && quote.span.start - toks[k].end <= 1
        && let Some(si) = seg.sentence_at(toks[k].start)
    {
        let span = toks[k].start..toks[k].end;
        let mut a = subject_attribution(span, SourceKind::Named, si);
        a.construction = Construction::ReportingNoun;
        return Some(a);
    }
    // 2. A speaker tag opening the next sentence: "“Why?” Ana asked."
    let last = quote.sentences.end.saturating_sub(1);
    if quote.closed
        && let Some(sent) = seg.sentences.get(last)
        && text[quote.span.end..sent.span.end].trim().is_empty()
        && let Some(next) = doc.sentences.get(last + 1)
        && seg.sentences[last + 1].paragraph == sent.paragraph
        && let Some(a) = next.attributions.first()
        && a.source.kind.is_source()
        && a.cue
            .start
            .saturating_sub(seg.sentences[last + 1].span.start)
            < 40
    {
        return Some(a.clone());
    }
    // 3. The previous segment of a quotation over paragraphs.
    if let Some(prev) = quote.continues
        && let Some(p) = doc.quotes.get(prev)
        && let Some(a) = &p.speaker
    {
        let mut a = a.clone();
        a.construction = Construction::CarriedOver;
        return Some(a);
    }
    if let Some(a) = vague {
        return Some(a.clone());
    }
    // 4. A quotation opening its sentence continues the speaker of the
    //    sentence before.
    let first = quote.sentences.start;
    // Opening its sentence, or within its first words ("We “would rather
    // wait”", "The bank “may look cautious …”").
    let opens_sentence = seg.sentences.get(first).is_some_and(|s| {
        s.span.start == quote.span.start
            || ranges.get(first).is_some_and(|r| {
                let mut lead = toks[r.clone()]
                    .iter()
                    .take_while(|t| t.start < quote.span.start)
                    .take(QUOTE_CONTEXT_TOKENS + 1);
                let mut words = 0;
                let mut n = 0;
                let fits = lead.all(|t| {
                    n += 1;
                    words += usize::from(t.kind == Kind::Word);
                    words <= 3 && matches!(t.kind, Kind::Word | Kind::Colon | Kind::Comma)
                });
                crate::analysis::effort::add_quote_tokens(n);
                fits && n <= QUOTE_CONTEXT_TOKENS
            })
    });
    if opens_sentence && first > 0 {
        // The latest source among the last few sentences, never further
        // back than the paragraph before: a quotation that opens its
        // sentence continues the last speaker, also across a paraphrase of
        // what they said ("X said … . It could mean … . “…”") and across a
        // paragraph break (news puts each quoted paragraph on its own).
        let para = seg.sentences[first].paragraph;
        let reach = 3;
        let prev_para = para
            .checked_sub(1)
            .map(|p| seg.paragraphs[p].sentences.clone());
        for back in 1..=reach.min(first) {
            let Some(prev) = doc.sentences.get(first - back) else {
                break;
            };
            // Never further back than the paragraph before.
            if prev.heading
                || (back > 1
                    && !prev_para
                        .as_ref()
                        .is_some_and(|r| r.contains(&(first - back))))
            {
                break;
            }
            if let Some(a) = prev
                .source()
                .filter(|a| a.construction != Construction::Subject)
            {
                let mut a = a.clone();
                a.construction = Construction::CarriedOver;
                return Some(a);
            }
            if prev.attributions.iter().any(|a| !a.source.kind.is_source()) {
                // A crowd or no one spoke last.
                break;
            }
        }
        // "Ms Halloran has tried the scheme … “We lent out 30 tablets …”":
        // the named subject of the sentence before.
        if let Some(r) = ranges.get(first - 1)
            && !doc.sentences[first - 1].heading
        {
            let sentence = parse::Sentence::new(
                text,
                &toks[r.clone()],
                &opens[r.clone()],
                &closes[r.clone()],
                &first_tags[first - 1],
            );
            if let Some(np) = sentence.main_subject()
                && sentence.proper(np.head)
                && sentence.toks[np.head].cap
                && !sentence.toks[np.start..np.end].iter().any(|t| t.quoted)
            {
                let span = sentence.toks[np.start].start..sentence.toks[np.end - 1].end;
                return Some(subject_attribution(span, SourceKind::Named, first - 1));
            }
        }
    }
    // 5. A quoted phrase in the predicate of a sentence whose subject is a
    //    person or a body, or a quotation introduced by a colon after a
    //    clause about one ("Ms Oduya is confident: “…”").
    let colon_intro = before_quote.is_some_and(|k| toks[k].kind == Kind::Colon);
    if let Some(r) = ranges.get(first) {
        let sentence = parse::Sentence::new(
            text,
            &toks[r.clone()],
            &opens[r.clone()],
            &closes[r.clone()],
            &first_tags[first],
        );
        // A statement needs a verb between its subject and itself
        // ("Norte Capital sees “…”").
        let verb_between = |np: &parse::Np| {
            sentence
                .toks
                .iter()
                .skip(np.end)
                .take_while(|t| t.start < quote.span.start)
                .any(|t| t.kind == Kind::Word && !t.cap)
        };
        if let Some(np) = sentence.main_subject()
            && sentence.toks[np.end - 1].end <= quote.span.start
            && (quote.kind != QuoteKind::Statement || colon_intro || verb_between(&np))
            && let Some(kind) = sentence.classify(&np, false, None)
            && kind.is_source()
        {
            let span = sentence.toks[np.start].start..sentence.toks[np.end - 1].end;
            return Some(subject_attribution(span, kind, first));
        }
    }
    None
}

fn subject_attribution(span: Range<usize>, kind: SourceKind, sentence: usize) -> Attribution {
    Attribution {
        source: Source {
            span: span.clone(),
            kind,
            refers_to: None,
            refers_to_kind: None,
        },
        construction: Construction::Subject,
        cue: span.clone(),
        phrase: span,
        medium: None,
        sentence,
        corroborated: false,
        within_attributed: false,
    }
}

#[cfg(test)]
mod tests;

/// The hover text for sentence `i`: its sources with their constructions
/// and quotations, or why it has none.
pub fn describe_sentence(doc: &DocAnalysis, i: usize) -> Option<String> {
    let s = doc.attribution.sentence(i)?;
    let slice = |r: &Range<usize>| doc.slice(r.clone());
    // A referent without its possessive ending ("Reyner’s" → "Reyner").
    let referent = |r: &Range<usize>| {
        let t = doc.slice(r.clone());
        t.strip_suffix("’s")
            .or_else(|| t.strip_suffix("'s"))
            .unwrap_or(t)
    };
    let excerpt = |r: &Range<usize>| {
        let words: Vec<&str> = slice(r).split_whitespace().collect();
        let mut e = words[..words.len().min(12)].join(" ");
        if words.len() > 12 {
            e.push('…');
        }
        e
    };
    let construction = |a: &Attribution| match a.construction {
        Construction::ReportingNoun => slice(&a.phrase).to_string(),
        c => c.describe(slice(&a.cue)),
    };
    let label = |a: &Attribution| match (&a.source.refers_to, a.source.kind) {
        (Some(r), SourceKind::Reference) => {
            format!("{} ({})", slice(&a.source.span), referent(r))
        }
        _ => slice(&a.source.span).to_string(),
    };
    let mut lines: Vec<String> = Vec::new();
    // Lines by source: one per source, its constructions joined.
    let mut by_source: Vec<(Range<usize>, usize)> = Vec::new();
    let mut seen: Vec<(Range<usize>, Range<usize>)> = Vec::new();
    let quotes: Vec<&Quote> = s
        .quotes
        .iter()
        .filter_map(|&q| doc.attribution.quotes.get(q))
        .collect();
    let mut listed_quotes: Vec<Range<usize>> = Vec::new();
    let all = s.attributions.iter().chain(s.carried.iter());
    for a in all {
        let key = (a.source.span.clone(), a.cue.clone());
        if seen.contains(&key) {
            continue;
        }
        seen.push(key);
        if a.source.kind.is_source()
            && let Some(&(_, line)) = by_source.iter().find(|(span, _)| *span == a.source.span)
        {
            // "Reyner · echoed, telling reporters"
            let extra = construction(a);
            let l = &mut lines[line];
            let at = l.find(" · quote:").unwrap_or(l.len());
            l.insert_str(at, &format!(", {extra}"));
            continue;
        }
        if !a.source.kind.is_source() {
            let note = if a.within_attributed {
                " (inside a statement the sentence credits to a source)"
            } else if a.corroborated {
                " (the paragraph names one of them)"
            } else {
                ""
            };
            lines.push(format!(
                "Credited to {}: “{}”{note}",
                if a.source.kind == SourceKind::Crowd {
                    "an unnamed crowd"
                } else {
                    "no one"
                },
                slice(&a.phrase)
            ));
            continue;
        }
        let mut line = format!("Source: {}", slice(&a.source.span));
        match (a.source.kind, &a.source.refers_to) {
            (SourceKind::Reference, Some(r)) => {
                line.push_str(&format!(" (refers to {})", referent(r)));
            }
            (SourceKind::Anonymous, _) => line.push_str(" (anonymous)"),
            _ => {}
        }
        if let Some(SourceKind::Anonymous) = a.source.refers_to_kind {
            line.push_str(" (an anonymous source)");
        }
        line.push_str(" · ");
        line.push_str(&construction(a));
        if let Some(m) = &a.medium {
            line.push_str(&format!(" · {}", slice(m)));
        }
        for q in quotes.iter().filter(|q| {
            q.speaker
                .as_ref()
                .is_some_and(|sp| sp.source.span == a.source.span)
        }) {
            line.push_str(&format!(" · quote: “{}”", excerpt(&q.inner)));
            listed_quotes.push(q.span.clone());
        }
        by_source.push((a.source.span.clone(), lines.len()));
        lines.push(line);
    }
    for q in &quotes {
        if listed_quotes.contains(&q.span) {
            continue;
        }
        match &q.speaker {
            Some(sp) => lines.push(format!(
                "Quote: “{}” · speaker: {} ({})",
                excerpt(&q.inner),
                slice(&sp.source.span),
                sp.construction.describe(slice(&sp.cue))
            )),
            None => lines.push(format!("Quote with no speaker: “{}”", excerpt(&q.inner))),
        }
    }
    if !s.hedges.is_empty() {
        let hedges: Vec<&str> = s.hedges.iter().map(&slice).collect();
        lines.push(format!("Hedged: {}", hedges.join(", ")));
    }
    if !s.has_source() {
        let para = doc.segmentation.sentences.get(i).map(|x| x.paragraph);
        let cited = para.and_then(|p| {
            let range = doc.segmentation.paragraphs.get(p)?.sentences.clone();
            range
                .filter(|&j| j != i)
                .find_map(|j| doc.attribution.sentence(j)?.source())
        });
        lines.push(match cited {
            Some(a) => format!(
                "No source in this sentence; its paragraph cites {} ({})",
                label(a),
                doc.location(a.source.span.start)
            ),
            None => "No source in this sentence or its paragraph".to_string(),
        });
    }
    Some(format!("**Attribution**\n\n{}", lines.join("  \n")))
}
