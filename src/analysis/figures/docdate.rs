//! The date of a document: when it was published, as far as the text says.
//!
//! In order: a date on a "Published", "Posted", "Updated" or "Date" line
//! near the top; a line near the top that is mostly a date (a dateline
//! like "03-09-2024 Vol 517"); the first complete date (day, month and
//! year) in the opening paragraphs. Used to say that casualty counts which differ
//! between two reports may simply have been updated, and to read a
//! person's age in two reports years apart as the same person grown older
//! ([`ages_agree`]).

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

/// Years two reports of unknown dates may be apart, either way: outlets
/// covering one incident report it within days or months, and a report
/// written years later says so by naming a year (see [`report_span`]).
const UNDATED_SPAN: f64 = 1.0;

/// How far, in years, the birthdays between two reports may be from the
/// time between them and still be the likelier count: a person has
/// either the whole years elapsed or one more behind them, the one more
/// as likely as the part of a year left over. Half a year: the count
/// nearest the elapsed time.
const BIRTHDAY_SLACK: f64 = 0.5;

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

/// When a report speaks from, as an interval of years: a day when its
/// own date names one, else the whole year it names or, failing that, the
/// latest year it mentions (see [`report_time`]). `None` when it names no
/// year.
pub fn report_span(doc: &DocAnalysis) -> Option<(f64, f64)> {
    let t = report_time(doc)?;
    let to_the_day = doc.figures.date.is_some_and(|d| d.ordinal_day().is_some());
    Some(if to_the_day {
        (t, t + 1.0 / ORDINAL_YEAR)
    } else {
        (t, t + 1.0)
    })
}

/// Whether two ages of one person, in `a` and `b`, can both be true: an
/// age is whole years ("34" is 34 to just under 35), so between two
/// reports `d` years apart a person grows by `d` rounded down or up, the
/// nearer the likelier. The ages agree when their difference (the later
/// report's minus the earlier one's) is within [`BIRTHDAY_SLACK`] of some
/// time the reports may be apart: their dates' interval ("Edwin Joseph,
/// 25," in the report of an arrest in 2016, "Joseph, 28," in the report
/// of his trial in 2019), or up to [`UNDATED_SPAN`] either way when
/// either report's time is unknown ("34" and "35" in two undated reports
/// of one shooting: a birthday may lie between them). Two reports a week
/// apart that give 22 and 23 disagree. `false` for other figures.
pub fn ages_agree(a: &DocAnalysis, fa: &Figure, b: &DocAnalysis, fb: &Figure) -> bool {
    if fa.kind != FigureKind::Age || fb.kind != FigureKind::Age {
        return false;
    }
    // The years from report `a` to report `b`, as an interval; none
    // within one report.
    let one_report = std::ptr::eq(a, b) || a.id == b.id;
    let (lo, hi) = match (report_span(a), report_span(b)) {
        _ if one_report => (0.0, 0.0),
        (Some((a0, a1)), Some((b0, b1))) => (b0 - a1, b1 - a0),
        _ => (-UNDATED_SPAN, UNDATED_SPAN),
    };
    let grown = fb.value - fa.value;
    grown.is_finite() && grown >= lo - BIRTHDAY_SLACK && grown <= hi + BIRTHDAY_SLACK
}
