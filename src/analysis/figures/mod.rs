//! Figures: every number in a text, read as a fact-checker reads it.
//!
//! [`extract`] finds cardinals in digits and in words ("4,000", "eleven",
//! "2.5 million", "a dozen"), percentages ("40%", "forty per cent"), money
//! with its currency ("$20m", "nearly twenty million dollars", "€5
//! billion", "30 million pesos"), dates ("Sept. 2", "2 September 2025",
//! "03-09-2024", "February 2024"), years ("in 2009"), durations ("a
//! 60-day pause", "seven months"), ages ("Darnell Quist, 31,"),
//! ordinals ("third trip", "maiden trip" = first) and ranges ("between 10
//! and 12"). Each [`Figure`] has its byte span, its normalised value, the
//! [interval](Interval) of values its wording allows ("over 4,000" is
//! 4,000–5,000) and [what it counts](Counted): the noun phrase it
//! modifies, the event verb, the entities of its paragraph.
//!
//! Spelled-out numbers are parsed by the `text2num` crate; this module
//! finds where they are, joins them with scale words, units and hedges,
//! and rejects what only looks like a figure: "one of the", "a" alone,
//! "second" as a unit of time, "May" the modal, phone numbers,
//! "COVID-19", "Boeing 737", "No. 10 Downing Street", scores ("2-1"),
//! times of day and street addresses.
//!
//! Cross-document questions — is this the same quantity as that one, do
//! they agree — are answered by [`same_quantity`], [`compare`] and the
//! corpus [`FigureIndex`]. Whether two passages report the same fact is
//! asked through the [`PassageSimilarity`] trait, which the
//! related-passage index answers ([`RelatedSimilarity`]).

mod clause;
mod compare;
mod counted;
mod describe;
mod docdate;
mod incident;
mod index;
mod interval;
mod lexicon;
mod reuse;
mod scan;
mod similarity;
mod spanish;
mod token;

use std::fmt;
use std::ops::Range;
use std::sync::Arc;

pub use compare::{
    Mention, agree, agree_in, agreement_key, comparable, gives_both, mentions,
    perpetrator_may_count, same_event, same_fact, told_apart,
};
pub use counted::{Concept, ConceptClass, Counted, same_quantity, same_toll};
pub use describe::{hover, inlay_hints, phrase, snippet, why_same};
pub use docdate::{ages_agree, document_date, report_span, report_time};
pub use incident::{
    FEATURE_NAMES as INCIDENT_EVIDENCE, SAME_INCIDENT, probability as incident_probability,
};
pub use index::{FigureIndex, MAX_PER_DOCUMENT};
pub use interval::{Interval, Qualifier};
pub use lexicon::TimeUnit;
pub(crate) use reuse::figure_digest;
pub use reuse::{MentionCache, MentionReuse};
pub use similarity::{
    PassageSimilarity, RelatedSimilarity, for_corpus, for_document, with_statistics,
};

use super::reuse::{Carried, ParagraphMap};
use super::text::Segmentation;

/// What kind of quantity a figure is.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum FigureKind {
    /// A number of things: "13 detainees", "over 3,000 sailors".
    Count,
    /// "40%", "forty per cent".
    Percent,
    /// "3 percentage points".
    PercentPoints,
    /// An amount of money in [`Figure::currency`].
    Money,
    /// A calendar date, possibly partial ("September 2", "February 2024").
    Date,
    /// A year on its own ("in 2009").
    Year,
    /// A length of time, normalised to days ("seven months").
    Duration,
    /// A person's age in years ("31", "9-year-old").
    Age,
    /// A rank: "third trip", "first Latino", "maiden trip".
    Ordinal,
}

impl FigureKind {
    pub fn name(self) -> &'static str {
        match self {
            FigureKind::Count => "count",
            FigureKind::Percent => "percentage",
            FigureKind::PercentPoints => "percentage points",
            FigureKind::Money => "money",
            FigureKind::Date => "date",
            FigureKind::Year => "year",
            FigureKind::Duration => "duration",
            FigureKind::Age => "age",
            FigureKind::Ordinal => "ordinal",
        }
    }
}

/// A calendar date; any part may be unknown. "03-09-2024" is ambiguous
/// between 3 September and 9 March: `day_month_ambiguous` says the day
/// and month may be swapped.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
pub struct DateValue {
    pub year: Option<i32>,
    pub month: Option<u8>,
    pub day: Option<u8>,
    pub day_month_ambiguous: bool,
}

impl DateValue {
    /// Whether the two dates can be the same day.
    pub fn compatible(&self, other: &DateValue) -> bool {
        let fits = |a: &DateValue, b: &DateValue| {
            let eq = |x: Option<i64>, y: Option<i64>| x.is_none() || y.is_none() || x == y;
            eq(a.year.map(i64::from), b.year.map(i64::from))
                && eq(a.month.map(i64::from), b.month.map(i64::from))
                && eq(a.day.map(i64::from), b.day.map(i64::from))
        };
        let swapped = |d: &DateValue| DateValue {
            month: d.day,
            day: d.month,
            ..*d
        };
        fits(self, other)
            || (self.day_month_ambiguous && fits(&swapped(self), other))
            || (other.day_month_ambiguous && fits(self, &swapped(other)))
            || (self.day_month_ambiguous
                && other.day_month_ambiguous
                && fits(&swapped(self), &swapped(other)))
    }

    /// Whether the two dates can be a few days apart at most: the same
    /// event reported by two outlets ("on October 15", "on Oct. 14"), where
    /// dates of different months or years are different periods.
    pub fn within_days(&self, other: &DateValue, days: i64) -> bool {
        if self.compatible(other) {
            return true;
        }
        if self.day_month_ambiguous || other.day_month_ambiguous {
            return false;
        }
        let year = match (self.year, other.year) {
            (Some(a), Some(b)) if a != b => return false,
            (a, b) => i64::from(a.or(b).unwrap_or(2001)),
        };
        let (Some(m1), Some(d1), Some(m2), Some(d2)) =
            (self.month, self.day, other.month, other.day)
        else {
            return false;
        };
        let ordinal = |m: u8, d: u8| {
            const BEFORE: [i64; 12] = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
            let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
            BEFORE[usize::from(m.clamp(1, 12)) - 1] + i64::from(d) + i64::from(leap && m > 2)
        };
        (ordinal(m1, d1) - ordinal(m2, d2)).abs() <= days
    }

    /// The date with what it leaves unsaid taken from `reference` (the
    /// date of the document that states it): "September 4" in a report
    /// published on 2 September 2025 is 4 September 2025. A date that
    /// gives its year, or a reference without one, is left as it is.
    pub fn resolved(&self, reference: Option<&DateValue>) -> DateValue {
        let mut d = *self;
        if let Some(r) = reference
            && d.year.is_none()
            && d.month.is_some()
        {
            d.year = r.year;
        }
        d
    }

    /// A comparable number (days since year 0, roughly) when the date is
    /// complete and unambiguous.
    pub fn ordinal_day(&self) -> Option<i64> {
        if self.day_month_ambiguous {
            return None;
        }
        let (y, m, d) = (self.year?, self.month?, self.day?);
        Some(i64::from(y) * 372 + i64::from(m) * 31 + i64::from(d))
    }
}

impl fmt::Display for DateValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let month = self
            .month
            .and_then(|m| lexicon::MONTH_NAMES.get(usize::from(m).wrapping_sub(1)));
        let mut parts: Vec<String> = Vec::new();
        if let Some(d) = self.day {
            parts.push(d.to_string());
        }
        if let Some(m) = month {
            parts.push((*m).to_string());
        }
        if let Some(y) = self.year {
            parts.push(y.to_string());
        }
        f.write_str(&parts.join(" "))?;
        if self.day_month_ambiguous {
            f.write_str(" (or day and month swapped)")?;
        }
        Ok(())
    }
}

/// `&'static str` by another name, so that serde's derive reads a stored
/// one through [`crate::analysis::interned`] rather than borrowing it.
pub type StaticStr = &'static str;

/// One figure in a text.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct Figure {
    /// The whole expression, hedges and currency included
    /// ("nearly twenty million dollars").
    pub span: Range<usize>,
    /// The number itself ("twenty million").
    pub number_span: Range<usize>,
    pub kind: FigureKind,
    /// The normalised value: a count, a percentage, an amount in
    /// `currency`, a rank, a duration in days, an age or a year. For a
    /// date, the year if known (see `date`).
    pub value: f64,
    /// The values the wording allows.
    pub interval: Interval,
    pub qualifier: Qualifier,
    /// ISO code, or a generic name ("peso") when the text does not say
    /// which country's.
    #[serde(with = "crate::analysis::interned::option")]
    pub currency: Option<StaticStr>,
    /// The unit a duration was written in.
    pub time_unit: Option<TimeUnit>,
    pub date: Option<DateValue>,
    /// Written (at least partly) in words: "twenty million", "a dozen".
    pub in_words: bool,
    /// Index of its sentence in the document's segmentation.
    pub sentence: usize,
    /// Index of its paragraph.
    pub paragraph: usize,
    pub counted: Counted,
}

impl Figure {
    /// The figure of a paragraph carried over to an edited version (see
    /// [`crate::analysis::reuse`]), at the paragraph's new place: every
    /// byte offset and index it holds, moved.
    pub(crate) fn moved(&self, c: &Carried) -> Figure {
        let mut f = self.clone();
        f.span = c.span(&f.span);
        f.number_span = c.span(&f.number_span);
        f.sentence = c.sentence(f.sentence);
        f.paragraph = c.paragraph();
        for span in [
            &mut f.counted.noun,
            &mut f.counted.verb,
            &mut f.counted.complement_span,
        ]
        .into_iter()
        .flatten()
        {
            *span = c.span(span);
        }
        f
    }

    /// The day a date figure names, with a missing year taken from the
    /// document's own date (`doc_date`, see [`Figures::date`]); `None` for
    /// other kinds.
    pub fn resolved_date(&self, doc_date: Option<&DateValue>) -> Option<DateValue> {
        (self.kind == FigureKind::Date)
            .then_some(self.date?)
            .map(|d| d.resolved(doc_date))
    }

    /// The value as a reader would write it: "20,000,000", "$6,000,000",
    /// "40%", "2 September 2025", "210 days (7 months)", "3rd".
    pub fn display_value(&self) -> String {
        match self.kind {
            FigureKind::Date => self
                .date
                .map(|d| d.to_string())
                .unwrap_or_else(|| format_number(self.value)),
            FigureKind::Year => format!("{}", self.value as i64),
            FigureKind::Percent => format!("{}%", format_number(self.value)),
            FigureKind::PercentPoints => {
                format!("{} percentage points", format_number(self.value))
            }
            FigureKind::Money => {
                let code = self.currency.unwrap_or("");
                let (pre, post) = lexicon::currency_display(code);
                if pre.is_empty() && post.is_empty() {
                    format!("{} {code}", format_number(self.value))
                } else {
                    format!("{pre}{}{post}", format_number(self.value))
                }
            }
            FigureKind::Duration => {
                let unit = self.time_unit.unwrap_or(TimeUnit::Day);
                let n = self.value / unit.days();
                format!(
                    "{} {}",
                    format_number(n),
                    unit.name((n - 1.0).abs() > f64::EPSILON)
                )
            }
            FigureKind::Age => format!("{} years old", format_number(self.value)),
            FigureKind::Ordinal => ordinal(self.value as i64),
            FigureKind::Count => format_number(self.value),
        }
    }

    /// The interval in the figure's own terms ("4,000–5,000").
    pub fn display_interval(&self) -> String {
        let scale = match self.kind {
            FigureKind::Duration => self.time_unit.unwrap_or(TimeUnit::Day).days(),
            _ => 1.0,
        };
        let end = |v: f64| {
            if v.is_infinite() {
                "∞".to_string()
            } else {
                format_number(v / scale)
            }
        };
        let Interval { lo, hi } = self.interval;
        if (hi - lo).abs() < 1e-9 {
            end(lo)
        } else {
            format!("{}–{}", end(lo), end(hi))
        }
    }

    /// A key for "the same value": two figures with equal keys state the
    /// same value of the same kind (for currencies, in the same currency).
    /// The related-passage index can count shared keys as evidence that
    /// two passages report the same facts. Approximate figures key on their
    /// written value, so "over 4,000" and "more than 4,000" share a key.
    pub fn value_key(&self) -> FigureKey {
        let mut h = Fnv::new();
        h.write(self.kind.name().as_bytes());
        match self.kind {
            FigureKind::Date => {
                if let Some(d) = self.date {
                    h.write(format!("{:?}{:?}{:?}", d.year, d.month, d.day).as_bytes());
                }
            }
            _ => {
                h.write(self.currency.unwrap_or("").as_bytes());
                h.write(&((self.value * 1000.0).round() as i64).to_le_bytes());
            }
        }
        FigureKey(h.finish())
    }
}

/// Figures two passages share: pairs (one from each slice) with the same
/// [`value_key`](Figure::value_key) — the same kind, currency and value,
/// however written ("13" and "thirteen", "$6 million" and "six million
/// dollars"). For the related-passage index's "shared figures" reason:
/// pass the figures of two passages (`doc.figures.in_span(span)`).
/// Quadratic in the (small) number of figures per passage.
pub fn shared_figures<'a>(a: &'a [Figure], b: &'a [Figure]) -> Vec<(&'a Figure, &'a Figure)> {
    let mut out = Vec::new();
    for f in a {
        let k = f.value_key();
        if let Some(g) = b.iter().find(|g| g.value_key() == k) {
            out.push((f, g));
        }
    }
    out
}

/// A hashable summary of a figure's kind and value; see [`Figure::value_key`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FigureKey(pub u64);

/// Every figure of one document, in text order.
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct Figures {
    pub list: Vec<Figure>,
    /// The document's own date (dateline, "Published …"), if found.
    pub date: Option<DateValue>,
    /// Figure indices by topic (what is counted, see
    /// [`index::topics_of`]), each list in text order: the other mentions
    /// of a quantity within the document without reading every figure.
    by_topic: FastMap<u64, Vec<u32>>,
    /// Indices of the dates and years with a value, in text order.
    dated: Vec<u32>,
    /// Every name the document mentions (hashed as in
    /// [`Counted::sentence_entities`], sorted): a document that names two
    /// places ("the club in Spring", "Harris County deputies") places them
    /// in one scope, so a toll given for either is one quantity.
    #[serde(default)]
    pub names: Arc<[u64]>,
    /// Per paragraph, the names it mentions in order (repeats kept): what
    /// an edited version's [`extract_reusing`] takes over with the
    /// paragraph's figures. Not stored: an analysis read back from disk is
    /// read afresh on its first edit.
    #[serde(skip)]
    paragraph_names: Vec<Box<[u64]>>,
    /// Per paragraph, its names outside sentences written in capitals
    /// (carried over like `paragraph_names`). Not stored.
    #[serde(skip)]
    paragraph_story: Vec<Box<[u64]>>,
    /// Whether the document tells the death of the one who did the harm
    /// ("killed three people before killing himself", "the gunman died"):
    /// its tolls of people killed or shot may count him or not (see
    /// [`compare::agree_in`]).
    #[serde(default)]
    pub perpetrator_died: bool,
    /// Per paragraph, whether it tells that death (carried over with the
    /// paragraph's figures, like `paragraph_names`). Not stored.
    #[serde(skip)]
    paragraph_deaths: Vec<bool>,
    /// What comparing a figure reads of its own sentence, read on first
    /// use (see [`clause::kept`]). Not stored, not cloned.
    #[serde(skip)]
    reads: clause::Reads,
}

/// Dates of one sentence that date its other figures. A sentence that
/// dates more than a few events is a list, and its first dates are as good
/// as any; the cap keeps a sentence of thousands of dates from making each
/// comparison read them all.
pub const MAX_DATES_PER_SENTENCE: usize = 8;

/// Figures of one document examined as other mentions of one figure's
/// quantity, on each side of it, per topic. A news story restates a figure
/// a few times: on the BBC corpus no figure has more than 9 candidates in
/// all, and only 8 of the 6,335 GVA documents (lists of incidents, up to
/// 736 figures) come near this many, with the same findings as when every
/// pair was compared. A text of thousands of figures of one topic is
/// compared with the nearest, which keeps the comparison linear in it.
pub const MAX_SAME_DOC_PER_SIDE: usize = 32;

impl Figures {
    /// The figure whose span contains `offset` (the innermost, if nested).
    pub fn at(&self, offset: usize) -> Option<usize> {
        let i = self.list.partition_point(|f| f.span.start <= offset);
        (0..i)
            .rev()
            .take(4)
            .find(|&k| offset <= self.list[k].span.end)
    }

    /// The figures inside a byte range (a sentence or a paragraph).
    pub fn in_span(&self, span: Range<usize>) -> &[Figure] {
        let a = self.list.partition_point(|f| f.span.start < span.start);
        let b = self.list.partition_point(|f| f.span.start < span.end);
        &self.list[a..b.max(a)]
    }

    /// The figures of sentence `sentence` (figures are in text order, so
    /// by sentence too).
    pub fn of_sentence(&self, sentence: usize) -> &[Figure] {
        let a = self.list.partition_point(|f| f.sentence < sentence);
        let b = self.list.partition_point(|f| f.sentence <= sentence);
        &self.list[a..b.max(a)]
    }

    pub fn len(&self) -> usize {
        self.list.len()
    }

    /// The dates of sentence `sentence` (dates and years with a value), at
    /// most [`MAX_DATES_PER_SENTENCE`], in text order.
    pub fn dates_of_sentence(&self, sentence: usize) -> impl Iterator<Item = DateValue> + '_ {
        let sentence_of = |k: u32| self.list.get(k as usize).map_or(usize::MAX, |g| g.sentence);
        let a = self.dated.partition_point(|&k| sentence_of(k) < sentence);
        self.dated[a..]
            .iter()
            .take_while(move |&&k| sentence_of(k) == sentence)
            .take(MAX_DATES_PER_SENTENCE)
            .filter_map(|&k| self.list.get(k as usize)?.date)
    }

    /// Figures that may count the same as figure `index` in other
    /// sentences of the document: those sharing a topic with it, at most
    /// [`MAX_SAME_DOC_PER_SIDE`] before and after it per topic (the
    /// nearest), in text order, each once.
    pub fn same_topic(&self, index: usize) -> Vec<usize> {
        let Some(f) = self.list.get(index) else {
            return Vec::new();
        };
        let mut topics = Vec::with_capacity(3);
        index::topics_of(f, &mut topics);
        let mut out: Vec<usize> = Vec::new();
        for t in &topics {
            let Some(list) = self.by_topic.get(t) else {
                continue;
            };
            let sentence_of = |k: u32| self.list.get(k as usize).map_or(usize::MAX, |g| g.sentence);
            // The figure's own sentence, skipped: its figures are contiguous.
            let lo = list.partition_point(|&k| sentence_of(k) < f.sentence);
            let hi = list.partition_point(|&k| sentence_of(k) <= f.sentence);
            let before = &list[lo.saturating_sub(MAX_SAME_DOC_PER_SIDE)..lo];
            let after = &list[hi..(hi + MAX_SAME_DOC_PER_SIDE).min(list.len())];
            super::effort::add_figure_candidates(before.len() + after.len());
            out.extend(before.iter().chain(after).map(|&k| k as usize));
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }
}

/// Extracts every figure of a segmented text. Linear in the text's length;
/// never panics.
pub fn extract(text: &str, seg: &Segmentation) -> Figures {
    extract_in(text, seg, super::language::detect(text))
}

/// [`extract`] for a text whose language is known: a Spanish text writes
/// "1.200" for 1,200 and "3,5" for 3.5.
pub fn extract_in(text: &str, seg: &Segmentation, lang: super::language::Lang) -> Figures {
    extract_reusing(text, seg, lang, None)
}

/// [`extract_in`] for an edited text, taking over from `previous` (the
/// figures of the version before it, read in the same language, with its
/// segmentation and the paragraphs that are unchanged: see
/// [`crate::analysis::reuse`]) the figures of every unchanged paragraph,
/// moved to its new place. A paragraph's figures depend on its text and
/// the language only, except the names of a paragraph that has none (the
/// document's most frequent ones), chosen again over every paragraph; the
/// index by topic and the document's date are read again too. The result
/// is the same as [`extract_in`]'s.
pub fn extract_reusing(
    text: &str,
    seg: &Segmentation,
    lang: super::language::Lang,
    previous: Option<(&Figures, &Segmentation, &ParagraphMap)>,
) -> Figures {
    let carried = |p: usize| -> Option<scan::ParagraphScan> {
        let (old, old_seg, map) = previous?;
        let c = map.get(p)?;
        let names = old.paragraph_names.get(c.old)?;
        let story_names = old.paragraph_story.get(c.old)?.clone();
        let perpetrator_died = *old.paragraph_deaths.get(c.old)?;
        // The old paragraph's figures are contiguous (sorted by span).
        old_seg.paragraphs.get(c.old)?;
        let lo = old.list.partition_point(|f| f.paragraph < c.old);
        let hi = old.list.partition_point(|f| f.paragraph <= c.old);
        let figures = old.list[lo..hi]
            .iter()
            .map(|f| {
                let mut f = f.moved(c);
                if names.is_empty() {
                    f.counted.entities = Arc::from([]);
                }
                f
            })
            .collect();
        Some(scan::ParagraphScan {
            figures,
            names: names.clone(),
            story_names,
            perpetrator_died,
        })
    };
    let scan::DocumentScan {
        figures: mut list,
        names,
        paragraph_names,
        paragraph_story,
        paragraph_deaths,
    } = scan::scan_document(text, seg, lang, &carried);
    list.sort_by_key(|f| (f.span.start, f.span.end));
    let date = docdate::document_date(text, seg, &list);
    let mut by_topic: FastMap<u64, Vec<u32>> = FastMap::default();
    let mut topics = Vec::with_capacity(3);
    for (i, f) in list.iter().enumerate() {
        index::topics_of(f, &mut topics);
        for &t in &topics {
            by_topic.entry(t).or_default().push(i as u32);
        }
    }
    let dated = (0..list.len() as u32)
        .filter(|&i| {
            let f = &list[i as usize];
            matches!(f.kind, FigureKind::Date | FigureKind::Year) && f.date.is_some()
        })
        .collect();
    Figures {
        list,
        date,
        by_topic,
        dated,
        names: Arc::from(names),
        paragraph_names,
        paragraph_story,
        perpetrator_died: paragraph_deaths.contains(&true),
        paragraph_deaths,
        reads: clause::Reads::default(),
    }
}

/// 20000000 → "20,000,000"; 1.13e9 → "1,130,000,000"; 2.5 → "2.5".
pub fn format_number(v: f64) -> String {
    if !v.is_finite() {
        return "∞".to_string();
    }
    let neg = v < 0.0;
    let v = v.abs();
    let rounded = (v * 1000.0).round() / 1000.0;
    let int = rounded.trunc() as u128;
    let frac = rounded - rounded.trunc();
    let digits = int.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 6);
    if neg {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if frac > 1e-9 {
        let f = format!("{frac:.3}");
        out.push_str(f.trim_start_matches('0').trim_end_matches('0'));
    }
    out
}

fn ordinal(n: i64) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// FNV-1a, 64 bits (the `fnv` crate's): a fast, stable hash for short keys
/// (terms, entities). A copyable state, so a hash of a prefix can be
/// extended in several ways.
#[derive(Clone, Copy)]
pub(crate) struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv::new()
    }
}

impl std::hash::Hasher for Fnv {
    fn write(&mut self, bytes: &[u8]) {
        Fnv::write(self, bytes);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// Hash maps and sets keyed by short strings or hashes, with FNV (the
/// default SipHash costs more than the lookups it serves here).
pub(crate) type FastMap<K, V> = std::collections::HashMap<K, V, std::hash::BuildHasherDefault<Fnv>>;
pub(crate) type FastSet<K> = std::collections::HashSet<K, std::hash::BuildHasherDefault<Fnv>>;

impl Fnv {
    pub fn new() -> Self {
        use std::hash::Hasher;
        Fnv(fnv::FnvHasher::default().finish())
    }

    pub fn write(&mut self, bytes: &[u8]) {
        use std::hash::Hasher;
        let mut h = fnv::FnvHasher::with_key(self.0);
        h.write(bytes);
        self.0 = h.finish();
    }

    pub fn finish(self) -> u64 {
        self.0
    }

    pub fn hash(s: &str) -> u64 {
        let mut h = Fnv::new();
        h.write(s.as_bytes());
        h.finish()
    }
}

#[cfg(test)]
mod tests;
