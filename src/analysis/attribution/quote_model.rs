//! The learned quotation model: whether a quotation the structural reading
//! gave no speaker is attributed all the same, by logistic regression over
//! features of the language layer and of the attribution around it.
//!
//! The structural reading ([`super::analyze`]) credits a quotation when a
//! construction it knows names the speaker. Real reporting credits speech in
//! many more ways: a verb the closed lists do not know ("crowed", "was heard
//! saying"), a speaker in the sentence before or after, a transcript turn
//! ("NAME: …"), a reader's sign-off on the next line ("— Name"), a credit
//! after the closing mark ("[Quartz]", ", by Name"), a paragraph
//! of one speaker's words. Rather than another list of exceptions, this
//! model weighs the evidence around a quotation the reading left without a
//! speaker, and `unattributed-quote` flags it only when the evidence says
//! no one is credited.
//!
//! Two parts are learned from people's marks (PolNeAR train: every Source,
//! Cue and Content of 840 political news articles), both data:
//! - the *cue lemmas* (`data/attribution/cue_lemmas_en.txt`): for each verb
//!   lemma, the share of its occurrences that people marked as (part of) an
//!   attribution cue — an open class read from data, not a hand list;
//! - the *weights* (`data/attribution/quote_model.txt`) over [`NAMES`] and
//!   the threshold below which a quotation is unattributed.
//!
//! Both are written by `cargo run --example train_quote_model`; nothing
//! retrains them at build or test time. `tests/attribution_polnear.rs`
//! measures the shipped model on PolNeAR dev, which training never reads.
//!
//! Only the quotations that are candidates for the rule are scored, and only
//! their sentence and its neighbours are read by the language layer.

use std::collections::HashMap;
use std::sync::LazyLock;

use super::{QuoteKind, SourceKind};
use crate::analysis::DocAnalysis;
use crate::analysis::language::{Lang, SentenceLang, Upos, chunk};

/// Names of the features, in the order of the weight vector (the data file
/// names each weight; the loader checks the names).
pub const NAMES: &[&str] = &[
    "bias",
    "log_words",
    "short",
    "statement",
    "ends_sentence",
    "ends_comma",
    "question",
    "whole_paragraph",
    "opens_paragraph",
    "colon_before",
    "quote_share",
    "title_case_share",
    "own_source",
    "own_crowd",
    "prev_source",
    "next_source",
    "paragraph_source",
    "prev_paragraph_source",
    "next_paragraph_source",
    "cue_here",
    "cue_prev",
    "cue_next",
    "cue_subject_here",
    "cue_subject_near",
    "reporting_verb_here",
    "proper_noun_outside",
    "pronoun_outside",
    "turn_label",
    "sign_off_next",
    "quote_spoken_in_paragraph",
    "prev_quote_spoken",
    "verb_tag_after",
    "verb_tag_before",
    "paragraph_title_case",
    "person_subject_before",
    "credit_after",
    "turn_run",
];

/// Number of features.
pub const N: usize = 37;

/// One quotation's features.
pub type Vector = [f64; N];

/// A cue score at least this high counts a verb as a reporting cue for the
/// "has a subject" features: a verb people marked as a cue in at least a
/// third of its uses is a reporting verb in the sense of the data (the
/// continuous score itself is a feature).
pub const CUE_SUBJECT_MIN: f64 = 0.3;

/// Learned cue lemmas: verb lemma → the share of its occurrences marked as
/// a cue.
#[derive(Clone, Debug, Default)]
pub struct CueLemmas {
    scores: HashMap<String, f64>,
}

impl CueLemmas {
    /// Reads `lemma<TAB>score` lines (`#` starts a comment).
    pub fn from_tsv(data: &str) -> CueLemmas {
        let scores = data
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .filter_map(|l| {
                let (k, v) = l.split_once('\t')?;
                Some((k.trim().to_lowercase(), v.trim().parse().ok()?))
            })
            .collect();
        CueLemmas { scores }
    }

    pub fn from_scores(scores: HashMap<String, f64>) -> CueLemmas {
        CueLemmas { scores }
    }

    /// The score of `lemma` (0 when unknown).
    pub fn score(&self, lemma: &str) -> f64 {
        self.scores.get(lemma).copied().unwrap_or(0.0)
    }

    pub fn len(&self) -> usize {
        self.scores.len()
    }

    pub fn is_empty(&self) -> bool {
        self.scores.is_empty()
    }
}

/// The shipped cue lemmas (English; PolNeAR is English).
pub fn cue_lemmas() -> &'static CueLemmas {
    static C: LazyLock<CueLemmas> = LazyLock::new(|| {
        CueLemmas::from_tsv(include_str!("../../../data/attribution/cue_lemmas_en.txt"))
    });
    &C
}

/// The weights and the threshold.
#[derive(Clone, Debug)]
pub struct Model {
    pub weights: Vector,
    /// A quotation whose probability of being attributed is below this is
    /// unattributed.
    pub threshold: f64,
    /// The same for a quotation with no evidence of a speaker
    /// ([`no_evidence`]).
    pub threshold_no_evidence: f64,
}

impl Model {
    /// Reads `name<TAB>weight` lines and a `threshold<TAB>value` line; a
    /// missing or unknown name leaves the model untrained: weights zero and
    /// a threshold above every probability, so that every quotation the
    /// structural reading left without a speaker stays unattributed (the
    /// model never removes reporting it has not learned to remove).
    pub fn from_text(data: &str) -> Model {
        let (weights, other) = read_weights::<N>(data, NAMES);
        let Some(weights) = weights else {
            return Model {
                weights: [0.0; N],
                threshold: 1.1,
                threshold_no_evidence: 1.1,
            };
        };
        Model {
            weights,
            threshold: other.get("threshold").copied().unwrap_or(0.5),
            threshold_no_evidence: other.get("threshold_no_evidence").copied().unwrap_or(0.5),
        }
    }

    pub fn to_text(&self) -> String {
        let mut s = String::from(
            "# Quotation model: logistic regression weights (probability that a\n\
             # quotation is attributed), written by `cargo run --example train_quote_model`.\n",
        );
        for (n, w) in NAMES.iter().zip(self.weights) {
            s.push_str(&format!("{n}\t{w:.6}\n"));
        }
        s.push_str(&format!("threshold\t{:.6}\n", self.threshold));
        s.push_str(&format!(
            "threshold_no_evidence\t{:.6}\n",
            self.threshold_no_evidence
        ));
        s
    }

    /// The probability that a quotation with features `x` is attributed.
    pub fn probability(&self, x: &Vector) -> f64 {
        let z: f64 = self.weights.iter().zip(x).map(|(w, v)| w * v).sum();
        1.0 / (1.0 + (-z).exp())
    }
}

/// The shipped model.
pub fn model() -> &'static Model {
    static M: LazyLock<Model> = LazyLock::new(|| {
        Model::from_text(include_str!("../../../data/attribution/quote_model.txt"))
    });
    &M
}

/// The quotations `unattributed-quote` considers: the structural reading
/// found no speaker, they are not continued from an earlier segment, not on
/// a boilerplate line, statements or phrases (not single terms, titles or
/// names), not in a headline, and a phrase is not in a paragraph that
/// cites a source (its wording, most likely).
pub fn candidates(doc: &DocAnalysis) -> Vec<usize> {
    candidates_in(doc, 0..usize::MAX)
}

/// The [`candidates`] whose first sentence is one of `sentences`.
pub fn candidates_in(doc: &DocAnalysis, sentences: std::ops::Range<usize>) -> Vec<usize> {
    let attribution = &doc.attribution;
    // Quotations are in text order, so their first sentences are too.
    let from = attribution
        .quotes
        .partition_point(|q| q.sentences.start < sentences.start);
    attribution.quotes[from..]
        .iter()
        .enumerate()
        .map(|(k, q)| (from + k, q))
        .take_while(|(_, q)| q.sentences.start < sentences.end)
        .filter(|(_, q)| {
            q.speaker.is_none()
                && q.continues.is_none()
                && !doc.in_boilerplate(q.span.clone())
                && matches!(q.kind, QuoteKind::Statement | QuoteKind::Phrase)
                && !attribution
                    .sentence(q.sentences.start)
                    .is_some_and(|s| s.heading)
                && !(q.kind == QuoteKind::Phrase
                    && doc
                        .segmentation
                        .sentences
                        .get(q.sentences.start)
                        .is_some_and(|s| attribution.paragraph_has_source(s.paragraph)))
        })
        .map(|(i, _)| i)
        .collect()
}

/// The features that are evidence of a speaker: a source, a cue verb, a
/// speaker tag, a transcript turn, a sign-off, a spoken quotation nearby, a
/// person as the subject of the verb before the quotation, a credit after it.
const EVIDENCE: &[usize] = &[
    12, 14, 15, 16, 17, 18, 22, 23, 24, 27, 28, 29, 30, 31, 32, 34, 35, 36,
];
/// The cue-score features, evidence when a verb scores as a cue.
const CUE_SCORES: &[usize] = &[19, 20, 21];

/// Whether `x` holds no evidence of a speaker at all. The model learned
/// from news in which nearly every quotation is attributed, so its prior
/// leans to "attributed"; where nothing speaks for a quotation, that prior
/// is weighed against its own threshold.
pub fn no_evidence(x: &Vector) -> bool {
    EVIDENCE.iter().all(|&i| x[i] == 0.0) && CUE_SCORES.iter().all(|&i| x[i] < CUE_SUBJECT_MIN)
}

/// Whether quotation `qi`, which the structural reading left without a
/// speaker, is attributed all the same: the shipped model's probability at
/// the threshold for its kind of evidence or above (English only). The
/// trainer sets the threshold for quotations with evidence to zero when no
/// threshold reaches the precision it asks for: every such quotation is
/// then read as attributed.
pub fn attributed(doc: &DocAnalysis, qi: usize) -> bool {
    // The model and its cue lemmas are learned from English news: a
    // Spanish quotation is left to the structural reading (which reads
    // Spanish speakers, `super::spanish`).
    if doc.language.lang == Lang::Spanish {
        return false;
    }
    let m = model();
    let x = features(doc, qi, cue_lemmas());
    let t = if no_evidence(&x) {
        m.threshold_no_evidence
    } else {
        m.threshold
    };
    m.probability(&x) >= t
}

/// Evidence from the verbs of sentence `s` outside `quote`: the highest cue
/// score, and whether a verb scoring at least [`CUE_SUBJECT_MIN`] has a
/// subject (a noun phrase before it, or after it when it opens a clause).
fn cue_evidence(
    text: &str,
    s: &SentenceLang,
    quote: &std::ops::Range<usize>,
    cues: &CueLemmas,
    lang: Lang,
) -> (f64, bool, bool) {
    let mut best: f64 = 0.0;
    let mut subject = false;
    let mut listed = false;
    let words: Vec<&str> = (0..s.tokens.len()).map(|i| s.word(text, i)).collect();
    let lex = crate::analysis::language::lexicon(lang);
    for (i, t) in s.tokens.iter().enumerate() {
        if quote.start <= t.span.start && t.span.end <= quote.end {
            continue;
        }
        if s.tags[i] != Upos::Verb {
            continue;
        }
        let lemma = &s.lemmas[i];
        let score = cues.score(lemma);
        best = best.max(score);
        listed |= lex.reporting_verb(lemma).is_some();
        if (score >= CUE_SUBJECT_MIN || lex.reporting_verb(lemma).is_some())
            && let Some(c) = chunk::subject_of(&words, &s.tags, &s.chunks, i)
            && !(quote.start <= s.tokens[c.start].span.start
                && s.tokens[c.end - 1].span.end <= quote.end)
        {
            subject = true;
        }
    }
    (best, subject, listed)
}

/// Whether `line` opens like a transcript turn: one to four capitalised
/// words (or an all-capital name) and a colon, before any other text.
fn turn_label(line: &str) -> bool {
    let Some((head, _)) = line.split_once(':') else {
        return false;
    };
    let words: Vec<&str> = head.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= 4
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && w.chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '.' | '\'' | '’' | '-'))
        })
}

/// Whether `line` is a sign-off: a dash and a capitalised word.
fn sign_off(line: &str) -> bool {
    let t = line.trim_start();
    let Some(rest) = t.strip_prefix(['—', '―', '–', '-']) else {
        return false;
    };
    let rest = rest.trim_start_matches(['—', '―', '–', '-', ' ']);
    rest.chars().next().is_some_and(char::is_uppercase)
}

/// The features of quotation `qi` of `doc`, with the verbs' cue scores
/// from `cues`.
pub fn features(doc: &DocAnalysis, qi: usize, cues: &CueLemmas) -> Vector {
    let mut x = [0.0; N];
    x[0] = 1.0;
    let att = &doc.attribution;
    let seg = &doc.segmentation;
    let text = &*doc.text;
    let Some(q) = att.quotes.get(qi) else {
        return x;
    };
    let inner = text.get(q.inner.clone()).unwrap_or("");
    let words: Vec<&str> = inner.split_whitespace().collect();
    let n_words = words.len();
    x[1] = (1.0 + n_words as f64).ln();
    x[2] = f64::from(n_words <= 3);
    x[3] = f64::from(q.kind == QuoteKind::Statement);
    let end = inner.trim_end();
    x[4] = f64::from(end.ends_with(['.', '!', '?', '…']));
    x[5] = f64::from(end.ends_with(','));
    x[6] = f64::from(inner.contains('?'));
    let first = q.sentences.start.min(seg.sentences.len().saturating_sub(1));
    let last = q.sentences.end.saturating_sub(1).max(first);
    let Some(para_i) = seg.sentences.get(first).map(|s| s.paragraph) else {
        return x;
    };
    let para = &seg.paragraphs[para_i];
    let para_text = text.get(para.span.clone()).unwrap_or("");
    let para_len = para_text.trim().len().max(1);
    let quote_len = q.span.end.min(para.span.end).saturating_sub(q.span.start);
    x[7] = f64::from(quote_len * 10 >= para_len * 8);
    x[8] = f64::from(
        q.span.start <= para.span.start + (para_text.len() - para_text.trim_start().len()),
    );
    x[9] = f64::from(
        text.get(..q.span.start)
            .unwrap_or("")
            .trim_end()
            .ends_with(':'),
    );
    let sent_span = seg.sentences[first].span.start..seg.sentences[last].span.end;
    x[10] = quote_len as f64 / sent_span.len().max(1) as f64;
    let capitalised = words
        .iter()
        .filter(|w| {
            w.chars()
                .find(|c| c.is_alphabetic())
                .is_some_and(char::is_uppercase)
        })
        .count();
    x[11] = capitalised as f64 / n_words.max(1) as f64;
    let own = (first..=last).filter_map(|i| att.sentence(i));
    x[12] = f64::from(own.clone().any(|s| s.has_source()));
    x[13] = f64::from(
        own.flat_map(|s| &s.attributions)
            .any(|a| matches!(a.source.kind, SourceKind::Crowd | SourceKind::Nobody)),
    );
    x[14] = f64::from(first > 0 && att.has_source(first - 1));
    x[15] = f64::from(att.has_source(last + 1));
    x[16] = f64::from(att.paragraph_has_source(para_i));
    x[17] = f64::from(para_i > 0 && att.paragraph_has_source(para_i - 1));
    x[18] = f64::from(att.paragraph_has_source(para_i + 1));
    let lang = doc.language.lang;
    let none = 0..0;
    let mut listed = false;
    for i in first..=last {
        if let Some(s) = doc.sentence_language(i) {
            let (best, subject, l) = cue_evidence(text, s, &q.span, cues, lang);
            x[19] = x[19].max(best);
            x[22] = x[22].max(f64::from(subject));
            listed |= l;
            let outside = |k: usize| {
                let t = &s.tokens[k].span;
                !(q.span.start <= t.start && t.end <= q.span.end)
            };
            x[25] = x[25].max(f64::from(
                (0..s.tokens.len()).any(|k| s.tags[k] == Upos::Propn && outside(k)),
            ));
            x[26] = x[26].max(f64::from(
                (0..s.tokens.len()).any(|k| s.tags[k] == Upos::Pron && outside(k)),
            ));
        }
    }
    x[24] = f64::from(listed);
    if first > 0
        && let Some(s) = doc.sentence_language(first - 1)
    {
        let (best, subject, _) = cue_evidence(text, s, &none, cues, lang);
        x[20] = best;
        x[23] = x[23].max(f64::from(subject));
    }
    if let Some(s) = doc.sentence_language(last + 1) {
        let (best, subject, _) = cue_evidence(text, s, &none, cues, lang);
        x[21] = best;
        x[23] = x[23].max(f64::from(subject));
    }
    x[27] = f64::from(turn_label(para_text.trim_start()));
    let next_line = text
        .get(q.span.end..)
        .unwrap_or("")
        .split('\n')
        .map(str::trim)
        .skip(1)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    x[28] = f64::from(sign_off(next_line));
    x[29] = f64::from(att.quotes.iter().any(|o| {
        o.speaker.is_some()
            && seg.sentences.get(o.sentences.start).map(|s| s.paragraph) == Some(para_i)
    }));
    x[30] = f64::from(att.quotes[..qi].iter().rev().take(1).any(|o| {
        o.speaker
            .as_ref()
            .is_some_and(|a| a.source.kind.is_source())
            && seg
                .sentences
                .get(o.sentences.start)
                .is_some_and(|s| s.paragraph + 2 >= para_i)
    }));
    if let Some(s) = doc.sentence_language(last) {
        x[31] = f64::from(verb_tag_after(s, q.span.end));
    }
    if let Some(s) = doc.sentence_language(first) {
        x[32] = f64::from(verb_tag_before(s, q.span.start));
    }
    let outside: Vec<&str> = para_text
        .split_whitespace()
        .filter(|w| !inner.contains(*w))
        .collect();
    let caps = outside
        .iter()
        .filter(|w| {
            w.chars()
                .find(|c| c.is_alphabetic())
                .is_some_and(char::is_uppercase)
        })
        .count();
    x[33] = caps as f64 / outside.len().max(1) as f64;
    if let Some(s) = doc.sentence_language(first) {
        x[34] = f64::from(person_subject_before(text, s, q.span.start, lang));
    }
    let rest_of_line = text
        .get(q.span.end..)
        .unwrap_or("")
        .split('\n')
        .next()
        .unwrap_or("");
    x[35] = f64::from(credit_after(rest_of_line));
    x[36] = f64::from(turn_run(doc, para_i));
    x
}

/// Paragraphs back over which a transcript turn carries its speaker: a
/// turn of a debate or an interview runs over a few paragraphs ("PENCE:
/// …" and then the rest of his answer), rarely more.
const TURN_REACH: usize = 3;

/// Whether paragraph `p` continues a transcript turn: one of the
/// [`TURN_REACH`] paragraphs before it opens with a turn label ("PENCE:",
/// "Mayor Lin Okafor:"), and no paragraph between names another source.
fn turn_run(doc: &DocAnalysis, p: usize) -> bool {
    let text = &*doc.text;
    let paragraphs = &doc.segmentation.paragraphs;
    for back in 1..=TURN_REACH.min(p) {
        let q = p - back;
        let para = text.get(paragraphs[q].span.clone()).unwrap_or("");
        if turn_label(para.trim_start()) {
            return true;
        }
        if doc.attribution.paragraph_has_source(q) {
            return false;
        }
    }
    false
}

/// Words a credit after a quotation may hold: a publication or a name
/// ("[Quartz]", "(Reuters)", "[The Daily Ledger.]").
const CREDIT_WORDS: usize = 5;

/// "“…” [Quartz]", "“…” (Reuters)", "“…,” by Dana Whitlock: http://…": right
/// after the closing mark, on the same line, a bracketed name or a byline
/// credits the quoted words to a publication or a writer.
fn credit_after(rest: &str) -> bool {
    let t = rest.trim_start_matches([',', '.', ' ', '\u{a0}', '\t']);
    let capital = |w: &str| {
        w.chars()
            .find(|c| c.is_alphanumeric())
            .is_some_and(char::is_uppercase)
    };
    if let Some(inner) = t.strip_prefix(['[', '(']) {
        let Some(end) = inner.find([']', ')']) else {
            return false;
        };
        let words: Vec<&str> = inner[..end].split_whitespace().collect();
        return !words.is_empty() && words.len() <= CREDIT_WORDS && capital(words[0]);
    }
    // "“…” — Dana Whitlock, Ohio": a dash and a name sign the words off.
    if let Some(rest) = t.strip_prefix(['—', '―', '–']) {
        return rest
            .trim_start_matches(['—', '―', '–', ' ', '\u{a0}'])
            .split_whitespace()
            .next()
            .is_some_and(capital);
    }
    let mut words = t.split_whitespace();
    words
        .next()
        .is_some_and(|w| super::lexicon::LISTS.agent_preposition.contains(w))
        && words.next().is_some_and(capital)
}

/// Tokens before an opening mark searched for the verb whose subject
/// [`person_subject_before`] reads: a verb and its object ("described the
/// motion as") fit well within it, and a run of quotations with no verb is
/// not read back to its start once per quotation.
const SUBJECT_VERB_REACH: usize = 12;

/// "Marlow called the plan “a gift to smugglers”", "while the narrator
/// mentions “the missing files”": the nearest verb before the opening mark has a
/// subject that stands for a person (a name, a personal pronoun, or a noun
/// the lexicon knows as a person noun or role), so the quoted words sit in
/// the predicate of someone's act, whatever the verb.
fn person_subject_before(text: &str, s: &SentenceLang, start: usize, lang: Lang) -> bool {
    let at = s.tokens.partition_point(|t| t.span.end <= start);
    let Some(verb) = (at.saturating_sub(SUBJECT_VERB_REACH)..at)
        .rev()
        .find(|&k| s.tags[k] == Upos::Verb)
    else {
        return false;
    };
    let words: Vec<&str> = (0..s.tokens.len()).map(|i| s.word(text, i)).collect();
    let Some(subject) = chunk::subject_of(&words, &s.tags, &s.chunks, verb) else {
        return false;
    };
    if subject.end > at {
        return false;
    }
    let head = subject.end - 1;
    match s.tags[head] {
        Upos::Propn | Upos::Pron => true,
        Upos::Noun => crate::analysis::language::lexicon(lang).is_person_noun(&s.lemmas[head]),
        _ => false,
    }
}

/// Words a speaker tag may run to after a quotation before its clause
/// ends: "“…,” the defendant was heard saying."
const TAG_WORDS: usize = 6;

/// "“…,” Toomey fumed" / "“…,” said the editorial": right after the
/// closing mark, a short clause with a verb and a noun phrase, whatever
/// the verb (the shape is the evidence, not a list).
fn verb_tag_after(s: &SentenceLang, end: usize) -> bool {
    let from = s.tokens.partition_point(|t| t.span.start < end);
    let mut verb = false;
    let mut nominal = false;
    for k in from..(from + TAG_WORDS).min(s.tokens.len()) {
        match s.tags[k] {
            Upos::Verb => verb = true,
            Upos::Propn | Upos::Pron | Upos::Noun => nominal = true,
            Upos::Punct => break,
            _ => {}
        }
    }
    verb && nominal
}

/// "Another advised, “…”" / "Toomey wrote: “…”": a verb among the last
/// few words before a comma or colon that opens the quotation.
fn verb_tag_before(s: &SentenceLang, start: usize) -> bool {
    let at = s.tokens.partition_point(|t| t.span.end <= start);
    if at == 0 || s.tags[at - 1] != Upos::Punct {
        return false;
    }
    (at.saturating_sub(TAG_WORDS)..at - 1).any(|k| s.tags[k] == Upos::Verb)
}

/// Reads a model file of `name<TAB>value` lines (`#` starts a comment):
/// the weight of each of `names`, in their order, when the file gives
/// every one (`None` otherwise: a model missing a weight is not the one
/// trained), and every other named value (thresholds).
pub(super) fn read_weights<const N: usize>(
    data: &str,
    names: &[&str],
) -> (Option<[f64; N]>, HashMap<String, f64>) {
    let mut weights = [0.0; N];
    let mut seen = [false; N];
    let mut other = HashMap::new();
    for l in data.lines().map(str::trim) {
        if l.is_empty() || l.starts_with('#') {
            continue;
        }
        let Some((k, v)) = l.split_once('\t') else {
            continue;
        };
        let Ok(v) = v.trim().parse::<f64>() else {
            continue;
        };
        match names.iter().position(|n| *n == k) {
            Some(i) if i < N => {
                weights[i] = v;
                seen[i] = true;
            }
            Some(_) => {}
            None => {
                other.insert(k.to_string(), v);
            }
        }
    }
    (seen.iter().all(|&s| s).then_some(weights), other)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transcript_turns_and_sign_offs_are_read() {
        assert!(turn_label("PENCE: We will win."));
        assert!(turn_label("Mayor Lin Okafor: The pier is open."));
        assert!(!turn_label("The plan has three parts: tax, spend, save."));
        assert!(!turn_label("No colon here"));
        assert!(sign_off("— Dana Whitlock, Ohio"));
        assert!(sign_off("―Marco"));
        assert!(!sign_off("- and then more"));
        assert!(!sign_off("Dana Whitlock"));
    }

    #[test]
    fn credits_after_a_quotation_are_read() {
        assert!(credit_after(" [Quartz]"));
        assert!(credit_after(" (Harbour Ledger.)"));
        assert!(credit_after(", by Dana Whitlock: http://example.org/a"));
        assert!(credit_after(" — Dana Whitlock, Ohio"));
        assert!(credit_after(" ―Marco Ruiz"));
        assert!(!credit_after(" — and the harbour closed."));
        assert!(!credit_after(" (2007) — “Yes.”"));
        assert!(!credit_after(
            " [and then more words than a credit holds here]"
        ));
        assert!(!credit_after(" by the end of the year"));
        assert!(!credit_after(" and the harbour closed."));
        assert!(!credit_after(""));
    }

    #[test]
    fn model_files_parse_and_an_incomplete_file_is_untrained() {
        let m = model();
        assert!(
            m.weights.iter().any(|w| *w != 0.0),
            "the shipped model has weights"
        );
        assert!(!cue_lemmas().is_empty());
        assert!(cue_lemmas().score("say") > 0.5);
        let partial = Model::from_text("bias\t3.0\nthreshold\t0.2\n");
        assert!(partial.weights.iter().all(|w| *w == 0.0));
        let again = Model::from_text(&m.to_text());
        assert_eq!(again.threshold, (m.threshold * 1e6).round() / 1e6);
    }
}
