//! Timeline: the dates a passage gives, as days of the calendar, with the
//! relative ones ("yesterday", "next week", "on Sunday", "el pasado
//! martes", "ayer") resolved against the document's own date.
//!
//! A draft usually writes "on 4 September"; the wire copy it was written
//! from, dated 5 September, writes "yesterday". Both are the same day, and
//! only a calendar sees it. So every date of a passage is read as an
//! interval of days ([`Days`]):
//!
//! - absolute dates come from the figures analysis (`FigureKind::Date`,
//!   with the document's year when the text leaves it out);
//! - relative expressions come from `relative_dates.tsv` (English and
//!   Spanish; weekday names from the shared lexicon) and need the
//!   document's date ([`anchor`]: its dateline, "Published …" line or
//!   first full date near the top, as [`figures::document_date`] reads it);
//!   without one they are left unresolved, never guessed;
//! - "three days ago" / "hace tres días": a length of time the figures
//!   analysis read, before "ago" or after "hace".
//!
//! A bare weekday ("said on Sunday", "will vote on Sunday") is the nearest
//! such day before the document's date, or after it when the words before
//! it speak of the future (a future marker of the data file, or a Spanish
//! synthetic future: "votará el domingo").
//!
//! [`relation`] compares two dates: the same day (or a day inside the
//! other's week or month), dates that cannot both be true, or nothing to
//! say. Whether two passages date the *same event* is the caller's
//! question (verification asks the related-passage score).
//!
//! Pure: text in, day numbers out.

use std::ops::Range;
use std::sync::LazyLock;

use crate::analysis::DocAnalysis;
use crate::analysis::figures::{self, DateValue, FigureKind};
use crate::analysis::language::{Lang, lexicon};

/// An interval of days, both ends included, counted from 1970-01-01.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Days {
    pub first: i64,
    pub last: i64,
}

impl Days {
    pub fn day(d: i64) -> Days {
        Days { first: d, last: d }
    }

    /// One day exactly.
    pub fn is_day(&self) -> bool {
        self.first == self.last
    }

    pub fn width(&self) -> i64 {
        self.last - self.first + 1
    }
}

impl std::fmt::Display for Days {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let show = |d: i64| {
            let (y, m, day) = civil_from_days(d);
            DateValue {
                year: Some(y),
                month: Some(m),
                day: Some(day),
                day_month_ambiguous: false,
            }
            .to_string()
        };
        if self.is_day() {
            f.write_str(&show(self.first))
        } else {
            write!(f, "{} to {}", show(self.first), show(self.last))
        }
    }
}

/// What a date mention says, as far as it can be read.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum When {
    /// Days of the calendar.
    Days(Days),
    /// A day and month with no year to place them ("on 4 September" in a
    /// text that gives no year).
    Calendar(DateValue),
}

/// A date in a passage.
#[derive(Clone, Debug, PartialEq)]
pub struct TimeMention {
    /// The words ("yesterday", "4 September 2026"), a byte range of the text.
    pub span: Range<usize>,
    /// Resolved against the document's date (the words are relative).
    pub relative: bool,
    pub when: When,
}

/// How two dates of (what the caller takes to be) one event compare.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Relation {
    /// The same day, or a day within the other's week or month.
    Same,
    /// They cannot both be true.
    Conflict,
    /// Too vague or ambiguous to say.
    Unknown,
}

/// The widest relative interval a day can agree with ("last month").
/// "Last year" says too little to corroborate a day.
const MAX_AGREEING_WIDTH: i64 = 31;

/// The widest intervals that can conflict: two disjoint weeks or months
/// are a real disagreement about when something happened; a year against
/// a day is too vague to call.
const MAX_CONFLICTING_WIDTH: i64 = 31;

/// A length of time before "ago" is taken as an offset in days up to this
/// ("two days ago"); longer ones ("20 years ago") date nothing to the day.
const MAX_AGO_DAYS: f64 = 62.0;

/// Words read before a bare weekday for a future marker: the verb of its
/// clause is near ("will be held in the capital on Sunday").
const FUTURE_WINDOW: usize = 8;

/// The day the document was written, when its text says (a complete,
/// unambiguous date from [`figures::document_date`]).
pub fn anchor(doc: &DocAnalysis) -> Option<i64> {
    let d = doc.figures.date?;
    if d.day_month_ambiguous {
        return None;
    }
    days_from_civil(d.year?, d.month?, d.day?)
}

/// The dates within `span` of `doc`, in text order: absolute dates read by
/// the figures analysis, and relative expressions resolved against
/// [`anchor`] (left out when the document has no date).
pub fn mentions(doc: &DocAnalysis, span: Range<usize>) -> Vec<TimeMention> {
    let anchor = anchor(doc);
    let year = doc.figures.date.and_then(|d| d.year);
    let mut out: Vec<TimeMention> = Vec::new();
    for f in &doc.figures.list {
        if f.span.start < span.start || f.span.end > span.end || doc.in_boilerplate(f.span.clone())
        {
            continue;
        }
        match f.kind {
            FigureKind::Date => {
                if let Some(d) = f.date
                    && let Some(when) = absolute(d, year)
                {
                    out.push(TimeMention {
                        span: f.span.clone(),
                        relative: false,
                        when,
                    });
                }
            }
            FigureKind::Duration => {
                if let Some(a) = anchor
                    && let Some(m) = ago(doc, f, a)
                {
                    out.push(m);
                }
            }
            _ => {}
        }
    }
    if let Some(a) = anchor {
        let text = doc.slice(span.clone());
        for (range, resolved) in relative(text, a) {
            let abs = span.start + range.start..span.start + range.end;
            if out
                .iter()
                .any(|m| m.span.start < abs.end && abs.start < m.span.end)
            {
                continue;
            }
            out.push(TimeMention {
                span: abs,
                relative: true,
                when: When::Days(resolved),
            });
        }
    }
    out.sort_by_key(|m| m.span.start);
    out
}

/// An absolute date as days: exact with a year (its own or the
/// document's), a month without a day as the month, a day and month with
/// no year at all as a calendar date.
fn absolute(d: DateValue, doc_year: Option<i32>) -> Option<When> {
    if d.day_month_ambiguous {
        return None;
    }
    let month = d.month?;
    match (d.year.or(doc_year), d.day) {
        (Some(y), Some(day)) => days_from_civil(y, month, day).map(|x| When::Days(Days::day(x))),
        (Some(y), None) => month_days(y, month).map(When::Days),
        (None, Some(_)) => Some(When::Calendar(d)),
        (None, None) => None,
    }
}

/// "three days ago", "hace tres días": a duration the figures read.
fn ago(doc: &DocAnalysis, f: &figures::Figure, anchor: i64) -> Option<TimeMention> {
    if !(1.0..=MAX_AGO_DAYS).contains(&f.value) {
        return None;
    }
    let after = doc.text.get(f.span.end..)?.trim_start();
    let before = doc.text.get(..f.span.start)?.trim_end();
    let is_word_end = |s: &str, w: &str| {
        s.len() >= w.len()
            && s.get(s.len() - w.len()..)
                .is_some_and(|t| t.eq_ignore_ascii_case(w))
            && !s[..s.len() - w.len()]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
    };
    let starts_word = after
        .get(..3)
        .is_some_and(|t| t.eq_ignore_ascii_case("ago"))
        && !after[3..].chars().next().is_some_and(char::is_alphanumeric);
    let (span, n) = if starts_word {
        let end = doc.text.len() - after.len() + 3;
        (f.span.start..end, f.value)
    } else if is_word_end(before, "hace") {
        (before.len() - 4..f.span.end, f.value)
    } else {
        return None;
    };
    let back = n.round() as i64;
    // A week or more is counted loosely ("two weeks ago" is any day of
    // that week).
    let slack = if back >= 7 { 3 } else { 0 };
    Some(TimeMention {
        span,
        relative: true,
        when: When::Days(Days {
            first: anchor - back - slack,
            last: anchor - back + slack,
        }),
    })
}

/// How two dates compare (see [`Relation`]).
pub fn relation(a: &When, b: &When) -> Relation {
    match (a, b) {
        (When::Days(x), When::Days(y)) => {
            if x.is_day() && y.is_day() {
                return if x.first == y.first {
                    Relation::Same
                } else {
                    Relation::Conflict
                };
            }
            let overlap = x.first <= y.last && y.first <= x.last;
            if overlap {
                let (day, wide) = if x.width() <= y.width() {
                    (x, y)
                } else {
                    (y, x)
                };
                if day.is_day() && wide.width() <= MAX_AGREEING_WIDTH {
                    Relation::Same
                } else {
                    Relation::Unknown
                }
            } else if x.width() <= MAX_CONFLICTING_WIDTH && y.width() <= MAX_CONFLICTING_WIDTH {
                Relation::Conflict
            } else {
                Relation::Unknown
            }
        }
        (When::Calendar(x), When::Calendar(y)) => {
            if x.compatible(y) {
                Relation::Same
            } else {
                Relation::Conflict
            }
        }
        (When::Calendar(c), When::Days(d)) | (When::Days(d), When::Calendar(c)) => {
            if !d.is_day() {
                return Relation::Unknown;
            }
            let (_, m, day) = civil_from_days(d.first);
            if c.month == Some(m) && c.day == Some(day) {
                Relation::Same
            } else {
                Relation::Conflict
            }
        }
    }
}

/// One expression of the data file.
struct Pattern {
    words: Vec<String>,
    unit: Unit,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Unit {
    Day(i64),
    Week(i64),
    Month(i64),
    Year(i64),
    Weekday(WeekdayOffset),
    None,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum WeekdayOffset {
    Last,
    Next,
    This,
    Tense,
}

struct Table {
    /// Longest first.
    patterns: Vec<Pattern>,
    /// The words expressions start with, to skip every other word at once.
    firsts: std::collections::HashSet<String>,
    future: Vec<String>,
}

static TABLE: LazyLock<Table> = LazyLock::new(|| parse_table(include_str!("relative_dates.tsv")));

fn parse_table(data: &str) -> Table {
    let mut patterns = Vec::new();
    let mut future = Vec::new();
    for line in data.lines() {
        let line = line.trim_end();
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() == 2 && cols[0] == "future" {
            future.push(cols[1].to_lowercase());
            continue;
        }
        if cols.len() != 3 {
            continue;
        }
        let n = cols[2].trim_start_matches('+').parse::<i64>();
        let unit = match (cols[1], n) {
            ("day", Ok(n)) => Unit::Day(n),
            ("week", Ok(n)) => Unit::Week(n),
            ("month", Ok(n)) => Unit::Month(n),
            ("year", Ok(n)) => Unit::Year(n),
            ("weekday", Ok(-1)) => Unit::Weekday(WeekdayOffset::Last),
            ("weekday", Ok(1)) => Unit::Weekday(WeekdayOffset::Next),
            ("weekday", Ok(0)) => Unit::Weekday(WeekdayOffset::This),
            ("weekday", Err(_)) if cols[2] == "tense" => Unit::Weekday(WeekdayOffset::Tense),
            ("none", _) => Unit::None,
            _ => continue,
        };
        patterns.push(Pattern {
            words: cols[0].split(' ').map(str::to_lowercase).collect(),
            unit,
        });
    }
    patterns.sort_by_key(|p| std::cmp::Reverse(p.words.len()));
    let firsts = patterns
        .iter()
        .filter_map(|p| p.words.first().cloned())
        .collect();
    Table {
        patterns,
        firsts,
        future,
    }
}

/// A word of the text: its byte range and lower-case form.
struct Word {
    span: Range<usize>,
    lower: String,
    capitalised: bool,
    /// Punctuation (other than an apostrophe) right after it.
    then_punct: bool,
}

fn words(text: &str) -> Vec<Word> {
    let mut out: Vec<Word> = Vec::new();
    let mut start: Option<usize> = None;
    let is_word = |c: char| c.is_alphanumeric() || c == '\'' || c == '’';
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        match (start, is_word(c)) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                let w = &text[s..i];
                let lower = w.to_lowercase().replace('’', "'");
                let lower = lower.trim_matches('\'');
                // The possessive reads as its noun: "last month's figures".
                let lower = lower.strip_suffix("'s").unwrap_or(lower).to_string();
                out.push(Word {
                    span: s..i,
                    capitalised: w.chars().next().is_some_and(char::is_uppercase),
                    lower,
                    then_punct: !c.is_whitespace() && i < text.len(),
                });
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// A weekday name in either language, 1 (Monday) ..= 7; "Monday's" too.
fn weekday(word: &str) -> Option<u8> {
    let w = word
        .strip_suffix("'s")
        .unwrap_or(word)
        .trim_end_matches('\'');
    [Lang::English, Lang::Spanish]
        .iter()
        .find_map(|&l| lexicon(l).weekday(w))
}

/// Whether the words before `at` speak of the future (see
/// [`FUTURE_WINDOW`]); a comma, a semicolon or a reporting "that" ends the
/// clause.
fn future_before(ws: &[Word], at: usize) -> bool {
    let table = &*TABLE;
    for w in ws[..at].iter().rev().take(FUTURE_WINDOW) {
        // Punctuation right after an earlier word ends this clause there.
        if w.then_punct {
            return false;
        }
        if table.future.contains(&w.lower) || w.lower.ends_with("'ll") || spanish_future(&w.lower) {
            return true;
        }
        if w.lower == "that" || w.lower == "que" {
            return false;
        }
    }
    false
}

/// A Spanish synthetic future of the third person ("será", "votarán"): the
/// stressed endings -rá, -rán, which no other verb form has.
fn spanish_future(word: &str) -> bool {
    word.chars().count() > 3 && (word.ends_with("rá") || word.ends_with("rán"))
}

/// The relative expressions of `text` resolved against `anchor`: byte
/// ranges of `text` and their days.
pub fn relative(text: &str, anchor: i64) -> Vec<(Range<usize>, Days)> {
    let ws = words(text);
    let days: Vec<Option<u8>> = ws.iter().map(|w| weekday(&w.lower)).collect();
    let table = &*TABLE;
    let mut out = Vec::new();
    let mut i = 0;
    while i < ws.len() {
        let starts = table.firsts.contains(&ws[i].lower)
            || (days[i].is_some() && table.firsts.contains("{weekday}"));
        if !starts {
            i += 1;
            continue;
        }
        let mut matched: Option<(usize, Unit, Option<u8>)> = None;
        for p in &table.patterns {
            if i + p.words.len() > ws.len() {
                continue;
            }
            let mut day = None;
            let ok = p.words.iter().enumerate().all(|(k, pw)| {
                if pw == "{weekday}" {
                    day = days[i + k];
                    day.is_some()
                } else {
                    *pw == ws[i + k].lower
                }
            });
            if ok {
                matched = Some((p.words.len(), p.unit, day));
                break;
            }
        }
        let Some((n, unit, day)) = matched else {
            i += 1;
            continue;
        };
        let last = &ws[i + n - 1];
        // "Sunday Times", "Monday Night Football": a weekday that starts a
        // name is not a date.
        let names_something = day.is_some()
            && !last.then_punct
            && ws.get(i + n).is_some_and(|w| w.capitalised)
            && !text[last.span.clone()].ends_with('s');
        let resolved = if names_something {
            None
        } else {
            resolve(unit, day, anchor, || future_before(&ws, i))
        };
        if let Some(days) = resolved {
            out.push((ws[i].span.start..last.span.end, days));
        }
        i += n;
    }
    out
}

fn resolve(unit: Unit, day: Option<u8>, anchor: i64, future: impl Fn() -> bool) -> Option<Days> {
    match unit {
        Unit::Day(n) => Some(Days::day(anchor + n)),
        Unit::Week(n) => {
            let monday = anchor - (weekday_of(anchor) - 1) + 7 * n;
            Some(Days {
                first: monday,
                last: monday + 6,
            })
        }
        Unit::Month(n) => {
            let (y, m, _) = civil_from_days(anchor);
            let total = i64::from(y) * 12 + i64::from(m) - 1 + n;
            let (y, m) = (total.div_euclid(12), total.rem_euclid(12) + 1);
            month_days(i32::try_from(y).ok()?, m as u8)
        }
        Unit::Year(n) => {
            let (y, _, _) = civil_from_days(anchor);
            let y = y.checked_add(i32::try_from(n).ok()?)?;
            Some(Days {
                first: days_from_civil(y, 1, 1)?,
                last: days_from_civil(y, 12, 31)?,
            })
        }
        Unit::Weekday(offset) => {
            let want = i64::from(day?);
            let today = weekday_of(anchor);
            let back = (today - want).rem_euclid(7); // 0..=6 days ago
            let ahead = (want - today).rem_euclid(7); // 0..=6 days ahead
            let d = match offset {
                WeekdayOffset::Last => anchor - if back == 0 { 7 } else { back },
                WeekdayOffset::Next => anchor + if ahead == 0 { 7 } else { ahead },
                WeekdayOffset::This => anchor - (today - 1) + (want - 1),
                WeekdayOffset::Tense => {
                    if future() {
                        anchor + if ahead == 0 { 7 } else { ahead }
                    } else {
                        anchor - back
                    }
                }
            };
            Some(Days::day(d))
        }
        Unit::None => None,
    }
}

/// 1 (Monday) ..= 7 (Sunday). 1970-01-01 was a Thursday.
fn weekday_of(days: i64) -> i64 {
    (days + 3).rem_euclid(7) + 1
}

/// The days of a month.
fn month_days(y: i32, m: u8) -> Option<Days> {
    let first = days_from_civil(y, m, 1)?;
    let next = if m == 12 {
        days_from_civil(y.checked_add(1)?, 1, 1)?
    } else {
        days_from_civil(y, m + 1, 1)?
    };
    Some(Days {
        first,
        last: next - 1,
    })
}

/// Days since 1970-01-01 of a valid date of the proleptic Gregorian
/// calendar (Hinnant's algorithm); `None` for "31 February".
pub fn days_from_civil(y: i32, m: u8, d: u8) -> Option<i64> {
    if !(1..=12).contains(&m) || d == 0 || !(-100_000..=100_000).contains(&y) {
        return None;
    }
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    const LEN: [u8; 12] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    let len = LEN[usize::from(m) - 1] + u8::from(leap && m == 2);
    if d > len {
        return None;
    }
    let y = i64::from(y) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// The date of a day number (inverse of [`days_from_civil`]).
pub fn civil_from_days(z: i64) -> (i32, u8, u8) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let y = y + i64::from(m <= 2);
    (
        y.clamp(i64::from(i32::MIN), i64::from(i32::MAX)) as i32,
        m,
        d,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u8, d: u8) -> i64 {
        days_from_civil(y, m, d).unwrap()
    }

    fn resolved(text: &str, anchor: i64) -> Vec<(String, Days)> {
        relative(text, anchor)
            .into_iter()
            .map(|(r, d)| (text[r].to_string(), d))
            .collect()
    }

    #[test]
    fn calendar_round_trips() {
        assert_eq!(day(1970, 1, 1), 0);
        assert_eq!(weekday_of(0), 4);
        for z in [-800_000, -1, 0, 59, 11_016, 20_000, 738_000] {
            let (y, m, d) = civil_from_days(z);
            assert_eq!(days_from_civil(y, m, d), Some(z));
        }
        assert_eq!(days_from_civil(2023, 2, 29), None);
        assert!(days_from_civil(2024, 2, 29).is_some());
        // 6 December 2026 is a Sunday.
        assert_eq!(weekday_of(day(2026, 12, 6)), 7);
    }

    #[test]
    fn english_expressions_resolve_against_the_anchor() {
        // Saturday 5 September 2026.
        let a = day(2026, 9, 5);
        assert_eq!(weekday_of(a), 6);
        let r = resolved(
            "The ferry sank yesterday and the inquiry opens next week.",
            a,
        );
        assert_eq!(r[0], ("yesterday".into(), Days::day(day(2026, 9, 4))));
        assert_eq!(r[1].0, "next week");
        assert_eq!(
            r[1].1,
            Days {
                first: day(2026, 9, 7),
                last: day(2026, 9, 13)
            }
        );
        let r = resolved("The council met on Thursday.", a);
        assert_eq!(r, vec![("on Thursday".into(), Days::day(day(2026, 9, 3)))]);
        let r = resolved("The council will meet on Thursday.", a);
        assert_eq!(r, vec![("on Thursday".into(), Days::day(day(2026, 9, 10)))]);
        let r = resolved("Last Tuesday's vote and last month's figures.", a);
        assert_eq!(r[0].1, Days::day(day(2026, 9, 1)));
        assert_eq!(
            r[1].1,
            Days {
                first: day(2026, 8, 1),
                last: day(2026, 8, 31)
            }
        );
        // A weekday that names something, and a weekday in general.
        assert!(resolved("He wrote for the Sunday Herald every Monday.", a).is_empty());
    }

    #[test]
    fn spanish_expressions_resolve_against_the_anchor() {
        let a = day(2026, 9, 5);
        let r = resolved("El pasado martes llovió y ayer cerró el puerto.", a);
        assert_eq!(
            r[0],
            ("El pasado martes".into(), Days::day(day(2026, 9, 1)))
        );
        assert_eq!(r[1], ("ayer".into(), Days::day(day(2026, 9, 4))));
        let r = resolved("El pleno votará el domingo por la mañana.", a);
        assert_eq!(r, vec![("el domingo".into(), Days::day(day(2026, 9, 6)))]);
        let r = resolved("Mañana abre la feria.", a);
        assert_eq!(r, vec![("Mañana".into(), Days::day(day(2026, 9, 6)))]);
    }

    #[test]
    fn relations() {
        let d = |y, m, dd| When::Days(Days::day(day(y, m, dd)));
        assert_eq!(relation(&d(2026, 9, 4), &d(2026, 9, 4)), Relation::Same);
        assert_eq!(relation(&d(2026, 9, 4), &d(2026, 9, 2)), Relation::Conflict);
        let week = When::Days(Days {
            first: day(2026, 9, 7),
            last: day(2026, 9, 13),
        });
        assert_eq!(relation(&d(2026, 9, 9), &week), Relation::Same);
        assert_eq!(relation(&week, &d(2026, 9, 20)), Relation::Conflict);
        let year = When::Days(Days {
            first: day(2026, 1, 1),
            last: day(2026, 12, 31),
        });
        assert_eq!(relation(&d(2026, 9, 9), &year), Relation::Unknown);
        let cal = When::Calendar(DateValue {
            year: None,
            month: Some(9),
            day: Some(4),
            day_month_ambiguous: false,
        });
        assert_eq!(relation(&cal, &d(2026, 9, 4)), Relation::Same);
        assert_eq!(relation(&cal, &d(2026, 9, 3)), Relation::Conflict);
    }

    #[test]
    fn odd_input_never_panics() {
        for t in [
            "",
            "'",
            "’s",
            "on",
            "el",
            "hace",
            "ago",
            "Monday",
            "ayer ayer",
        ] {
            let _ = relative(t, 0);
            let _ = relative(t, i64::MAX / 4);
        }
        assert_eq!(days_from_civil(i32::MAX, 1, 1), None);
    }
}
