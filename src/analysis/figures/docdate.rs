//! The date of a document: when it was published, as far as the text says.
//!
//! In order: a date on a "Published", "Posted", "Updated" or "Date" line
//! near the top; a line near the top that is mostly a date (a dateline
//! like "03-09-2024 Vol 517"); the first complete date (day, month and
//! year) in the opening paragraphs. Used to say that casualty counts which differ
//! between two reports may simply have been updated, and to read a
//! person's age in two reports years apart as the same person grown older
//! ([`aged_between`]).

use super::{DateValue, Figure, FigureKind};
use crate::analysis::DocAnalysis;
use crate::analysis::text::Segmentation;

/// Lines read for a date, from the top.
const TOP_LINES: usize = 12;
/// Paragraphs searched for a first full date.
const TOP_PARAGRAPHS: usize = 5;

pub fn document_date(text: &str, seg: &Segmentation, figures: &[Figure]) -> Option<DateValue> {
    let dated = |f: &&Figure| {
        f.kind == FigureKind::Date
            && f.date
                .is_some_and(|d| d.year.is_some() && d.month.is_some())
    };
    let first_on = |span: std::ops::Range<usize>| {
        figures
            .iter()
            .filter(dated)
            .find(|f| f.span.start >= span.start && f.span.end <= span.end)
            .and_then(|f| f.date)
    };
    for line in seg.lines.iter().take(TOP_LINES) {
        let Some(s) = text.get(line.span.clone()) else {
            continue;
        };
        let lower = s.trim_start().to_lowercase();
        let labelled = [
            "published",
            "posted",
            "updated",
            "last updated",
            "first published",
            "date:",
            "dated",
        ]
        .iter()
        .any(|p| lower.starts_with(p));
        if labelled && let Some(d) = first_on(line.span.clone()) {
            return Some(d);
        }
        // A line that is mostly a date.
        if let Some(f) = figures
            .iter()
            .filter(dated)
            .find(|f| f.span.start >= line.span.start && f.span.end <= line.span.end)
            && (f.span.end - f.span.start) * 2 >= s.trim().len()
        {
            return f.date;
        }
    }
    // A full date (day, month and year) in the opening paragraphs.
    let end = seg
        .paragraphs
        .get(TOP_PARAGRAPHS.min(seg.paragraphs.len()).saturating_sub(1))
        .map_or(0, |p| p.span.end);
    figures
        .iter()
        .filter(|f| f.span.end <= end && f.kind == FigureKind::Date)
        .find_map(|f| {
            f.date
                .filter(|d| d.year.is_some() && d.month.is_some() && d.day.is_some())
        })
}

/// Days in a year on the scale of [`DateValue::ordinal_day`] (12 months
/// of 31 days).
const ORDINAL_YEAR: f64 = 372.0;

/// Years an age may stray from the time between two reports: a birthday
/// may fall between them, and a report known only by its year may come
/// from any day of it.
const AGE_SLACK: f64 = 1.0;

/// Years two reports must be apart for a grown age to be read as time
/// passing: reports of one event come days or weeks apart, and an age that
/// differs between them by one is more often one outlet's error than a
/// birthday.
const MIN_ELAPSED: f64 = 0.5;

/// When a report speaks from, in years: its own date (day and month
/// counted when known), else the latest year it names ("arrested in 2016",
/// "the trial, in March 2019"), a report's events being no later than the
/// report. `None` when it names no year.
pub fn report_time(doc: &DocAnalysis) -> Option<f64> {
    if let Some(d) = doc.figures.date {
        if let Some(day) = d.ordinal_day() {
            return Some(day as f64 / ORDINAL_YEAR);
        }
        if let Some(y) = d.year {
            return Some(f64::from(y));
        }
    }
    doc.figures
        .list
        .iter()
        .filter_map(|f| match f.kind {
            FigureKind::Year => Some(f.value),
            FigureKind::Date => f.date.and_then(|d| d.year).map(f64::from),
            _ => None,
        })
        .filter(|y| y.is_finite())
        .reduce(f64::max)
}

/// Whether two ages of one person, in `a` and `b`, differ by about the
/// years between the two reports, the later report giving the higher age
/// ("Edwin Joseph, 25," in the report of an arrest in 2016, "Joseph, 28,"
/// in the report of his trial in 2019): both are true, each at its time.
/// `false` for other figures, and when either report's time is unknown.
pub fn aged_between(a: &DocAnalysis, fa: &Figure, b: &DocAnalysis, fb: &Figure) -> bool {
    if fa.kind != FigureKind::Age || fb.kind != FigureKind::Age {
        return false;
    }
    let (Some(ta), Some(tb)) = (report_time(a), report_time(b)) else {
        return false;
    };
    // Order the two by report time: the later report's age minus the
    // earlier one's, against the years between them.
    let (grown, elapsed) = if ta <= tb {
        (fb.value - fa.value, tb - ta)
    } else {
        (fa.value - fb.value, ta - tb)
    };
    elapsed >= MIN_ELAPSED && grown >= 1.0 && (grown - elapsed).abs() <= AGE_SLACK
}
