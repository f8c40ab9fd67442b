//! The date of a document: when it was published, as far as the text says.
//!
//! In order: a date on a "Published", "Posted", "Updated" or "Date" line
//! near the top; a line near the top that is mostly a date (a dateline
//! like "03-09-2024 Vol 517"); the first complete date (day, month and
//! year) in the opening paragraphs. Used to say that casualty counts which differ
//! between two reports may simply have been updated.

use super::{DateValue, Figure, FigureKind};
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
