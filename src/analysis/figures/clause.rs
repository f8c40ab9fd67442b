//! What a figure's clause says beside the figure: the time it speaks of
//! and whose figure it is. Two values of one counted thing are two
//! quantities, not a conflict, when their clauses speak of different times
//! ("shares rose 3% at noon", "closed 1% higher"; "grew 9% last year",
//! "this year's 7%") or of different owners ("Sony sold 2m consoles",
//! "Nintendo sold 3m").
//!
//! Read from the language layer (`DocAnalysis::sentence_language`), by
//! construction, not by listing phrases: a time is a year or date the
//! figure reader found, a month or weekday of the lexicon, a unit of time
//! (`time_units.txt`) with a word that places it (`time_deixis.txt`:
//! "last year", "two weeks ago", "a week earlier", "yesterday"), or a part
//! of a day or a session after a preposition ("at noon", "at the close").
//! Each time expression belongs to the figure nearest to it in its clause
//! (the one before it on a tie: "rose 5% in 2004 and 3% in 2003"). The
//! scope is the name that owns the counted phrase ("Sony's sales"), the
//! name after it ("sales of Sony"), else the names of the subject of the
//! clause's verb ("The Aviator has 11 nominations"), a verb of saying
//! never giving one ("Sony said it sold …").

use std::borrow::Cow;
use std::ops::Range;
use std::sync::OnceLock;

use super::lexicon::{TimeUnit, month, time_unit};
use super::{Figure, FigureKind};
use crate::analysis::DocAnalysis;
use crate::analysis::language::{Lang, Upos, chunk, lexicon};

/// A time a clause speaks of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Time {
    Year(i32),
    Month(u8),
    Weekday(u8),
    /// The unit of time around the report's, moved by the offset ("last
    /// year": a year back; "this week"; "yesterday").
    Deictic(TimeUnit, i32),
    /// Units of time away from the time the story last spoke of ("a week
    /// earlier", "two days later").
    Anaphoric(TimeUnit, i32),
    /// A part of a day or of a session ("noon", "the close"), hashed.
    Part(u64),
}

/// What a figure's clause says beside the figure.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct Clause {
    /// The times its clause speaks of, in text order.
    pub times: Vec<Time>,
    /// The hashed lower-case names whose figure it is; empty when none is
    /// read.
    pub scope: Vec<u64>,
    /// For a share: the hashed lemmas of what it is a share of ("60
    /// percent *of white voters*"), sorted; empty when not said.
    pub base: Vec<u64>,
    /// The figure is what a verb in the perfect aspect has come to by the
    /// time of the report ("has sold 3.1 million handsets", "have raised
    /// $40m"): a total that grows from one report to the next.
    pub up_to_report: bool,
}

/// What comparing reads of each figure of a document in its own sentence
/// (its clause, whether it is a term of a ratio, the digest of its
/// passage), read once on first use:
/// a figure is weighed against many candidates, and each candidate
/// against the figures of many checked documents, so reading it again for
/// each pair made the comparison's cost grow with the candidates rather
/// than with the figures. Lives in the document's
/// [`Figures`](super::Figures), which do not change once read; a clone
/// starts empty.
#[derive(Default)]
pub(super) struct Reads(OnceLock<Box<[FigureReads]>>);

#[derive(Default)]
pub(super) struct FigureReads {
    clause: OnceLock<Box<Clause>>,
    ratio: OnceLock<bool>,
    /// The digest of what a topical score reads of the figure's passage
    /// ([`passage_digest`](super::reuse::passage_digest)), `None` when
    /// its sentence has no passage.
    passage: OnceLock<Option<u64>>,
}

impl Clone for Reads {
    fn clone(&self) -> Self {
        Self::default()
    }
}

impl std::fmt::Debug for Reads {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Reads")
    }
}

/// The reads of figure `f` of `doc`, `None` when `f` is not one of
/// `doc`'s figures (a figure of a copy).
pub(super) fn reads<'d>(doc: &'d DocAnalysis, f: &Figure) -> Option<&'d FigureReads> {
    let list = &doc.figures.list;
    let size = std::mem::size_of::<Figure>().max(1);
    let offset = (f as *const Figure as usize).checked_sub(list.as_ptr() as usize)?;
    let i = offset / size;
    if offset % size != 0 || !std::ptr::eq(list.get(i)?, f) {
        return None;
    }
    doc.figures
        .reads
        .0
        .get_or_init(|| (0..list.len()).map(|_| FigureReads::default()).collect())
        .get(i)
}

/// [`read`], kept in the document for the next pair.
pub(super) fn kept<'d>(doc: &'d DocAnalysis, f: &Figure) -> Cow<'d, Clause> {
    match reads(doc, f) {
        Some(r) => Cow::Borrowed(&**r.clause.get_or_init(|| Box::new(read(doc, f)))),
        None => Cow::Owned(read(doc, f)),
    }
}

/// Whether figure `f` of `doc` is a term of a ratio, as `ratio` answers
/// it, kept in the document for the next pair.
pub(super) fn kept_ratio(
    doc: &DocAnalysis,
    f: &Figure,
    ratio: fn(&DocAnalysis, &Figure) -> bool,
) -> bool {
    match reads(doc, f) {
        Some(r) => *r.ratio.get_or_init(|| ratio(doc, f)),
        None => ratio(doc, f),
    }
}

/// The digest of what a topical score reads of the passage of figure `f`
/// of `doc` ([`passage_digest`](super::reuse::passage_digest)), kept in
/// the document: every check that meets the figure as a candidate asks
/// it, so it is computed once per figure, not once per check. `None` when
/// the figure's sentence has no passage.
pub(super) fn kept_passage_digest(doc: &DocAnalysis, f: &Figure) -> Option<u64> {
    let digest = || {
        crate::analysis::effort::add_passage_digest();
        doc.related
            .passages
            .get(f.sentence)
            .map(super::reuse::passage_digest)
    };
    match reads(doc, f) {
        Some(r) => *r.passage.get_or_init(digest),
        None => digest(),
    }
}

/// Reads the clause of figure `f` of `doc`. English only: a Spanish
/// document's clause reads nothing (nothing then tells two figures apart).
pub(super) fn read(doc: &DocAnalysis, f: &Figure) -> Clause {
    crate::analysis::effort::add_clause_read();
    if doc.language.lang == Lang::Spanish {
        return Clause::default();
    }
    let Some(s) = doc.sentence_language(f.sentence) else {
        return Clause::default();
    };
    let text = &doc.text;
    let n = s.tokens.len().min(s.tags.len());
    if n == 0 {
        return Clause::default();
    }
    let words: Vec<&str> = (0..n).map(|i| s.word(text, i)).collect();
    let lower: Vec<String> = words
        .iter()
        .map(|w| lexicon::normalize(w).into_owned())
        .collect();
    let tags = &s.tags[..n];
    let token_of = |at: usize| {
        s.tokens[..n]
            .partition_point(|t| t.span.end <= at)
            .min(n - 1)
    };
    let tokens_of = |r: &Range<usize>| token_of(r.start)..(token_of(r.end.saturating_sub(1)) + 1);
    let segments = segments(&lower, tags);
    let after_noun = f
        .counted
        .noun
        .as_ref()
        .map(|r| token_of(r.end.saturating_sub(1)) + 1);

    // The figures that compete for the sentence's times: every figure but
    // the times themselves, and `f`.
    let siblings = doc.figures.of_sentence(f.sentence);
    let own = token_of(f.number_span.start);
    let mut anchors: Vec<usize> = siblings
        .iter()
        .filter(|g| {
            g.span == f.span
                || !matches!(
                    g.kind,
                    FigureKind::Date | FigureKind::Year | FigureKind::Duration
                )
        })
        .map(|g| token_of(g.number_span.start))
        .collect();
    anchors.push(own);
    anchors.sort_unstable();
    anchors.dedup();

    let mut times: Vec<(usize, Time)> = Vec::new();
    let mut inside_dates = vec![false; n];
    for g in siblings {
        if !matches!(g.kind, FigureKind::Date | FigureKind::Year) || g.span == f.span {
            continue;
        }
        let Some(d) = g.date else { continue };
        let r = tokens_of(&g.span);
        for k in r.clone() {
            inside_dates[k] = true;
        }
        if let Some(y) = d.year {
            times.push((r.start, Time::Year(y)));
        }
        if let Some(m) = d.month {
            times.push((r.start, Time::Month(m)));
        }
    }
    let english = lexicon(Lang::English);
    let capital = |i: usize| words[i].chars().next().is_some_and(char::is_uppercase);
    let preposition = |i: usize| i > 0 && tags[i - 1] == Upos::Adp;
    for i in 0..n {
        if inside_dates[i] {
            continue;
        }
        let w = lower[i].as_str();
        if let Some(m) = month(w)
            && capital(i)
            && w.len() > 3
            && matches!(tags[i], Upos::Propn | Upos::Noun)
        {
            times.push((i, Time::Month(m)));
            continue;
        }
        if let Some(&d) = english.weekdays.get(w)
            && capital(i)
        {
            times.push((i, Time::Weekday(d)));
            continue;
        }
        // A verb of a part of a session is read by its lemma ("closed up
        // 4.75%": at the close).
        let lemma;
        let key = if tags[i] == Upos::Verb {
            lemma = crate::analysis::language::lemma::lemma(words[i], tags[i]);
            lemma.as_str()
        } else {
            w
        };
        let Some((role, unit, offset)) = english.figures.time_deixis.get(key) else {
            continue;
        };
        let offset: i32 = offset.parse().unwrap_or(0);
        match role.as_str() {
            "before-unit" if matches!(tags[i], Upos::Det | Upos::Adj) => {
                if let Some(u) = lower.get(i + 1).and_then(|x| time_unit(x)) {
                    times.push((i, Time::Deictic(u, offset)));
                }
            }
            "after-unit" if i >= 2 => {
                let Some(u) = time_unit(&lower[i - 1]) else {
                    continue;
                };
                let count = match lower[i - 2].as_str() {
                    "a" | "an" | "one" => Some(1),
                    x => x.parse::<i32>().ok().or_else(|| {
                        english
                            .number_words
                            .contains(x)
                            .then(|| number_word(x))
                            .flatten()
                    }),
                };
                let Some(count) = count else { continue };
                let t = if unit == "report" {
                    Time::Deictic(u, offset * count)
                } else {
                    Time::Anaphoric(u, offset * count)
                };
                times.push((i - 2, t));
            }
            "day" => {
                if let Some(u) = time_unit(unit) {
                    times.push((i, Time::Deictic(u, offset)));
                }
            }
            "part" => {
                let after_weekday = i > 0 && english.weekdays.contains_key(lower[i - 1].as_str());
                let placed = preposition(i)
                    || (i > 1 && tags[i - 1] == Upos::Det && preposition(i - 1))
                    || after_weekday
                    || matches!(tags[i], Upos::Adv | Upos::Verb);
                if placed && matches!(tags[i], Upos::Noun | Upos::Adv | Upos::Verb) {
                    let name = if unit == "-" { key } else { unit.as_str() };
                    times.push((i, Time::Part(fnv_hash(name))));
                }
            }
            _ => {}
        }
    }
    let mut mine: Vec<Time> = Vec::new();
    for (at, t) in times {
        let nearest = anchors
            .iter()
            .filter(|&&a| segments[a] == segments[at])
            .min_by_key(|&&a| (a.abs_diff(at), a > at));
        if nearest == Some(&own) && !mine.contains(&t) {
            mine.push(t);
        }
    }
    // What a share is a share of: the phrase after "of" right after it.
    let mut base = Vec::new();
    if matches!(f.kind, FigureKind::Percent | FigureKind::PercentPoints) {
        let k = token_of(f.span.end.saturating_sub(1)) + 1;
        if lower.get(k).is_some_and(|w| w == "of") {
            let phrase = (k + 1..n).take_while(|&i| {
                matches!(
                    tags[i],
                    Upos::Det | Upos::Adj | Upos::Noun | Upos::Propn | Upos::Num
                )
            });
            base = phrase
                .filter(|&i| matches!(tags[i], Upos::Noun | Upos::Propn | Upos::Adj))
                .map(|i| fnv_hash(&s.lemmas[i].to_lowercase()))
                .collect();
            base.sort_unstable();
            base.dedup();
        }
    }
    Clause {
        base,
        times: mine,
        scope: scope(after_noun, &words, &lower, tags, &s.chunks, &segments, own),
        up_to_report: perfect_object(&lower, &s.lemmas[..n], tags, &segments, own),
    }
}

/// Whether the figure at token `own` is the object of a verb in the
/// present perfect: read back over the figure's own phrase (determiners,
/// adjectives, numbers, nouns and the prepositions between them: "has
/// managed speeds of 70.72") to the first verb of its clause, which must
/// follow a present form of "have" (adverbs and a passive "been" between
/// them: "has already sold", "have been sold"). The past perfect ("had
/// killed 14") places its event before another past one, not at the
/// report.
fn perfect_object(
    lower: &[String],
    lemmas: &[String],
    tags: &[Upos],
    segments: &[usize],
    own: usize,
) -> bool {
    // The longest figure phrase read back over ("speeds of more than").
    const REACH: usize = 8;
    let floor = own.saturating_sub(REACH);
    let phrase = |t: Upos| {
        matches!(
            t,
            Upos::Det | Upos::Adj | Upos::Num | Upos::Noun | Upos::Adp | Upos::Adv | Upos::Sym
        )
    };
    let mut k = own;
    let verb = loop {
        if k == floor {
            return false;
        }
        k -= 1;
        if segments[k] != segments[own] {
            return false;
        }
        match tags[k] {
            Upos::Verb => break k,
            t if phrase(t) => continue,
            _ => return false,
        }
    };
    let have = |i: usize| {
        tags[i] == Upos::Aux
            && lemmas[i].eq_ignore_ascii_case("have")
            && !matches!(lower[i].as_str(), "had" | "'d" | "’d")
    };
    let be = |i: usize| tags[i] == Upos::Aux && lemmas[i].eq_ignore_ascii_case("be");
    let mut i = verb;
    while i > 0 {
        i -= 1;
        if have(i) {
            return true;
        }
        if !(tags[i] == Upos::Adv || (be(i) && i + 1 == verb)) {
            return false;
        }
    }
    false
}

/// The value of a number word ("two" → 2, "twenty" → 20) for a count of
/// time units, read by the same parser as the figures' spelled-out numbers.
fn number_word(w: &str) -> Option<i32> {
    static EN: std::sync::LazyLock<text2num::lang::English> =
        std::sync::LazyLock::new(text2num::lang::English::default);
    text2num::text2digits(w, &*EN).ok()?.parse().ok()
}

fn fnv_hash(w: &str) -> u64 {
    use std::hash::Hasher;
    let mut h = fnv::FnvHasher::default();
    h.write(w.as_bytes());
    h.finish()
}

/// Each token's clause, numbered from 0: a clause ends at a semicolon, and
/// a subordinating conjunction ("while", "whereas", "after") or a
/// coordinating one after a comma (", but") opens the next.
fn segments(lower: &[String], tags: &[Upos]) -> Vec<usize> {
    let mut out = Vec::with_capacity(tags.len());
    let mut k = 0;
    for i in 0..tags.len() {
        let opens = tags[i] == Upos::Sconj
            || (tags[i] == Upos::Cconj && i > 0 && lower[i - 1] == ",")
            || lower[i] == ";";
        if opens && i > 0 {
            k += 1;
        }
        out.push(k);
    }
    out
}

/// The names whose figure `f` is (see the module doc), hashed, sorted.
#[allow(clippy::too_many_arguments)]
fn scope(
    after_noun: Option<usize>,
    words: &[&str],
    lower: &[String],
    tags: &[Upos],
    chunks: &[Range<usize>],
    segments: &[usize],
    own: usize,
) -> Vec<u64> {
    let n = tags.len();
    let name = |i: usize| {
        tags[i] == Upos::Propn
            && words[i].chars().next().is_some_and(char::is_uppercase)
            && month(&lower[i]).is_none()
            && !lexicon(Lang::English)
                .weekdays
                .contains_key(lower[i].as_str())
    };
    let hashed = |r: Range<usize>| {
        let mut out: Vec<u64> = r
            .filter(|&i| name(i))
            .map(|i| fnv_hash(&lower[i]))
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    };
    let possessive = |i: usize| matches!(lower.get(i).map(String::as_str), Some("'s" | "’s"));
    // The owner: names right before "'s" in the phrase of the figure
    // ("Sony's 2m consoles", "the firm Sony's sales").
    let phrase = chunks.iter().find(|c| c.contains(&own));
    if let Some(c) = phrase {
        let mut out = Vec::new();
        for i in c.start..own {
            if possessive(i + 1) && name(i) {
                let mut j = i;
                while j > c.start && name(j - 1) {
                    j -= 1;
                }
                out = hashed(j..i + 1);
            }
        }
        if !out.is_empty() {
            return out;
        }
    }
    // "sales of Sony", "the 11 nominations of The Aviator".
    let after = after_noun.or_else(|| phrase.map(|c| c.end));
    if let Some(mut k) = after
        && lower.get(k).is_some_and(|w| w == "of")
    {
        k += 1;
        if lower.get(k).is_some_and(|w| w == "the") {
            k += 1;
        }
        let start = k;
        while k < n && name(k) {
            k += 1;
        }
        if k > start {
            return hashed(start..k);
        }
    }
    // The subject of the verb the figure follows in its clause.
    let Some(v) = (0..own)
        .rev()
        .take_while(|&k| segments[k] == segments[own] && tags[k] != Upos::Sconj)
        .find(|&k| matches!(tags[k], Upos::Verb | Upos::Aux))
    else {
        return Vec::new();
    };
    let lemma = crate::analysis::language::lemma::lemma(words[v], tags[v]);
    if lexicon(Lang::English).reporting_verb(&lemma).is_some() {
        return Vec::new();
    }
    chunk::subject_of(words, tags, chunks, v).map_or_else(Vec::new, hashed)
}

/// Whether two clauses speak of different times: both name a time of one
/// kind, and they differ. Times relative to the report ("last year",
/// "yesterday") are compared only between reports of one time
/// (`same_report_time`); a time relative to the story ("a week earlier")
/// differs from a clause that moves no time at all.
pub(super) fn different_times(a: &Clause, b: &Clause, same_report_time: bool) -> bool {
    use Time::*;
    let of = |c: &Clause, pick: &dyn Fn(&Time) -> Option<u64>| -> Vec<u64> {
        c.times.iter().filter_map(pick).collect()
    };
    let differ = |pick: &dyn Fn(&Time) -> Option<u64>| {
        let (x, y) = (of(a, pick), of(b, pick));
        !x.is_empty() && !y.is_empty() && !x.iter().any(|v| y.contains(v))
    };
    let year = |t: &Time| match t {
        Year(y) => Some(*y as u64),
        _ => None,
    };
    let month = |t: &Time| match t {
        Month(m) => Some(u64::from(*m)),
        _ => None,
    };
    let weekday = |t: &Time| match t {
        Weekday(d) => Some(u64::from(*d)),
        _ => None,
    };
    let part = |t: &Time| match t {
        Part(h) => Some(*h),
        _ => None,
    };
    if differ(&year) || differ(&month) || differ(&weekday) || differ(&part) {
        return true;
    }
    if same_report_time {
        for u in [
            TimeUnit::Day,
            TimeUnit::Week,
            TimeUnit::Month,
            TimeUnit::Year,
        ] {
            let deictic = |t: &Time| match t {
                Deictic(x, k) if *x == u => Some(*k as u64),
                _ => None,
            };
            if differ(&deictic) {
                return true;
            }
        }
    }
    let anaphoric = |c: &Clause| -> Vec<(TimeUnit, i32)> {
        c.times
            .iter()
            .filter_map(|t| match t {
                Anaphoric(u, k) => Some((*u, *k)),
                _ => None,
            })
            .collect()
    };
    anaphoric(a) != anaphoric(b)
}

/// Whether two clauses' figures belong to different names (both read one
/// and they share no word), or are shares of different things (neither
/// phrase's words are all the other's).
pub(super) fn different_scopes(a: &Clause, b: &Clause) -> bool {
    let apart =
        |x: &[u64], y: &[u64]| !x.is_empty() && !y.is_empty() && !x.iter().any(|v| y.contains(v));
    // Shares: of "rural voters" and of "urban voters" differ, of "voters"
    // and of "rural voters" may be one.
    let within = |x: &[u64], y: &[u64]| x.iter().all(|v| y.contains(v));
    let bases_apart = !a.base.is_empty()
        && !b.base.is_empty()
        && !within(&a.base, &b.base)
        && !within(&b.base, &a.base);
    apart(&a.scope, &b.scope) || bases_apart
}

/// How far back a figure's section time stamp is looked for, in
/// paragraphs.
const MAX_STAMP_DISTANCE: usize = 80;

/// The time stamp of the section of a running report that paragraph
/// `paragraph` of `doc` sits in: the nearest paragraph before it (or it)
/// that is a time of day alone ("9:40 p.m.", "10 a.m."), as a live report
/// heads each update. Hashed; `None` when there is none. Two figures of one
/// document under different stamps are of two times (a delegate count at
/// 8:35 p.m. and at 9:40 p.m.).
pub(crate) fn section_stamp(doc: &DocAnalysis, paragraph: usize) -> Option<u64> {
    let paragraphs = &doc.segmentation.paragraphs;
    let last = paragraph.min(paragraphs.len().checked_sub(1)?);
    (last.saturating_sub(MAX_STAMP_DISTANCE)..=last)
        .rev()
        .find_map(|p| stamp(doc.text.get(paragraphs[p].span.clone())?))
}

/// [`section_stamp`] of every paragraph of `doc` up to `last` (inclusive),
/// in one pass that reads each paragraph once, where asking each one's
/// stamp reads up to [`MAX_STAMP_DISTANCE`] paragraphs before it.
pub(crate) fn section_stamps(doc: &DocAnalysis, last: usize) -> Vec<Option<u64>> {
    let paragraphs = &doc.segmentation.paragraphs;
    let n = paragraphs.len().min(last.saturating_add(1));
    let mut out = Vec::with_capacity(n);
    // The last paragraph read that is a stamp, and its hash.
    let mut seen: Option<(usize, u64)> = None;
    for (p, paragraph) in paragraphs[..n].iter().enumerate() {
        if let Some(h) = doc.text.get(paragraph.span.clone()).and_then(stamp) {
            seen = Some((p, h));
        }
        out.push(
            seen.filter(|&(q, _)| p - q <= MAX_STAMP_DISTANCE)
                .map(|(_, h)| h),
        );
    }
    out
}

/// A paragraph that is a time of day alone: a number (with its minutes)
/// and a word of `time_markers.txt`, hashed.
fn stamp(text: &str) -> Option<u64> {
    let text = text.trim();
    if text.len() > 24 {
        return None;
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    let [number, marker] = words.as_slice() else {
        return None;
    };
    let clock = number
        .split(':')
        .all(|p| !p.is_empty() && p.len() <= 2 && p.chars().all(|c| c.is_ascii_digit()));
    let marker = lexicon::normalize(marker);
    (clock && super::lexicon::is_time_marker(&marker)).then(|| fnv_hash(&text.to_lowercase()))
}

#[cfg(test)]
mod tests {
    use super::number_word;

    #[test]
    fn counts_of_time_units_in_words() {
        assert_eq!(number_word("two"), Some(2));
        assert_eq!(number_word("eleven"), Some(11));
        assert_eq!(number_word("twenty"), Some(20));
        assert_eq!(number_word("weeks"), None);
    }
}
