//! Figures as the related-passage index compares them: each figure the
//! figures module read ([`crate::analysis::figures`]) reduced to a key that
//! is equal when two passages give the same figure in different words.
//!
//! "September 2" and "2 September" are the date 09-02; "$20 million" and
//! "twenty million dollars" are the amount USD 20,000,000; "40%" and "forty
//! per cent" are 40 %; "5,000" and "five thousand" are the count 5,000, and
//! a count keeps what it counts, so "11 members" and "13 members" are two
//! values of one quantity ([`super::Similarity::figure_conflict`]).

use std::ops::Range;

use super::terms::{key_hash, kind, term};

/// What a figure measures. Keys of different kinds never match.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum FigureKind {
    /// A calendar day: value = month × 100 + day.
    Date,
    /// A month without a day: value = month.
    Month,
    Year,
    /// Value in hundredths of a percent.
    Percent,
    /// Value in hundredths of the currency unit.
    Money,
    /// Value in hundredths.
    Count,
    Ordinal,
}

/// One figure of a passage.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Figure {
    pub kind: FigureKind,
    /// The normalised value (see [`FigureKind`]).
    pub value: i64,
    /// Hash of kind, currency and value: equal keys are the same figure.
    pub key: u64,
    /// Hash of the counted thing ("people" in "11 people"), 0 when unknown.
    pub unit: u64,
    /// The figure as written.
    pub span: Range<usize>,
}

impl Figure {
    /// A figure of `kind` with a normalised `value`; `currency` is a short
    /// code ("usd") for money and empty otherwise.
    pub fn new(
        kind: FigureKind,
        value: i64,
        currency: &str,
        unit: u64,
        span: Range<usize>,
    ) -> Self {
        let mut bytes = Vec::with_capacity(16);
        bytes.push(kind as u8);
        bytes.extend_from_slice(currency.as_bytes());
        bytes.push(0);
        bytes.extend_from_slice(&value.to_le_bytes());
        Self {
            kind,
            value,
            key: key_hash(kind::FIGURE, &bytes),
            unit,
            span,
        }
    }
}

/// The figures the figures module read (`doc.figures`), as keys for
/// comparing passages. A date with a day is a [`FigureKind::Date`], a month
/// alone a [`FigureKind::Month`]; durations, ages and percentage points
/// count as [`FigureKind::Count`]s of their unit, so "7 months" and "seven
/// months" agree and "7 months" and "9 months" disagree.
pub fn from_extracted(list: &[crate::analysis::figures::Figure]) -> Vec<Figure> {
    use crate::analysis::figures::FigureKind as K;
    let hundredths = |v: f64| (v * 100.0).round() as i64;
    let mut out = Vec::with_capacity(list.len());
    for f in list {
        let span = f.span.clone();
        let unit = || f.counted.head.as_deref().and_then(term).unwrap_or(0);
        let figure = match f.kind {
            K::Date => {
                let Some(d) = f.date else { continue };
                match (d.month, d.day) {
                    (Some(m), Some(day)) => Figure::new(
                        FigureKind::Date,
                        i64::from(m) * 100 + i64::from(day),
                        "",
                        0,
                        span,
                    ),
                    (Some(m), None) => Figure::new(FigureKind::Month, i64::from(m), "", 0, span),
                    _ => match d.year {
                        Some(y) => Figure::new(FigureKind::Year, i64::from(y), "", 0, span),
                        None => continue,
                    },
                }
            }
            K::Year => Figure::new(FigureKind::Year, f.value as i64, "", 0, span),
            K::Percent => Figure::new(FigureKind::Percent, hundredths(f.value), "", 0, span),
            K::Money => Figure::new(
                FigureKind::Money,
                hundredths(f.value),
                &f.currency.unwrap_or("").to_ascii_lowercase(),
                0,
                span,
            ),
            K::Ordinal => Figure::new(FigureKind::Ordinal, f.value as i64, "", 0, span),
            K::Count => Figure::new(FigureKind::Count, hundredths(f.value), "", unit(), span),
            K::Duration => {
                let days = f.time_unit.map(|u| u.days()).unwrap_or(1.0);
                let in_unit = f.value / days;
                let unit_hash = f.time_unit.and_then(|u| term(u.name(true))).unwrap_or(0);
                Figure::new(FigureKind::Count, hundredths(in_unit), "", unit_hash, span)
            }
            K::Age => Figure::new(
                FigureKind::Count,
                hundredths(f.value),
                "",
                term("years").unwrap_or(0),
                span,
            ),
            K::PercentPoints => Figure::new(
                FigureKind::Count,
                hundredths(f.value),
                "",
                term("points").unwrap_or(0),
                span,
            ),
        };
        out.push(figure);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::text::Segmentation;

    fn read(text: &str) -> Vec<Figure> {
        let seg = Segmentation::new(text);
        from_extracted(&crate::analysis::figures::extract(text, &seg).list)
    }

    fn figs(text: &str) -> Vec<(FigureKind, i64, String)> {
        read(text)
            .into_iter()
            .map(|f| (f.kind, f.value, text[f.span].to_string()))
            .collect()
    }

    fn keys(text: &str) -> Vec<u64> {
        read(text).into_iter().map(|f| f.key).collect()
    }

    #[test]
    fn dates_in_several_spellings_share_a_key() {
        assert_eq!(
            keys("They met on September 2."),
            keys("They met on 2 September.")
        );
        assert_eq!(
            keys("They met on Sept. 2."),
            keys("They met on September 2nd.")
        );
        assert_ne!(
            keys("They met on September 2."),
            keys("They met on September 3.")
        );
        assert_eq!(figs("It closed in March.")[0].0, FigureKind::Month);
        assert_eq!(
            figs("It closed in 2019.")[0],
            (FigureKind::Year, 2019, "2019".into())
        );
    }

    #[test]
    fn amounts_percentages_and_counts_normalise() {
        assert_eq!(
            keys("The fund holds $20 million."),
            keys("The fund holds twenty million dollars.")
        );
        assert_eq!(
            keys("Prices rose 40%."),
            keys("Prices rose forty per cent.")
        );
        assert_eq!(
            keys("Police counted 5,000 marchers."),
            keys("Police counted five thousand marchers.")
        );
        assert_eq!(
            figs("The fire displaced 253 people.")[0],
            (FigureKind::Count, 25300, "253".into())
        );
        assert_eq!(figs("It was her third trip.")[0].0, FigureKind::Ordinal);
    }

    #[test]
    fn counts_keep_what_they_count() {
        let a = read("The raid killed 11 members of the gang.");
        let b = read("The raid killed 13 members of the gang.");
        assert_eq!(a[0].unit, b[0].unit);
        assert_ne!(a[0].unit, 0);
        assert_ne!(a[0].key, b[0].key);
        // Lengths of time count their unit: seven months is not seven days.
        let m = read("The trial lasted seven months.");
        let d = read("The trial lasted seven days.");
        assert_eq!(m[0].kind, FigureKind::Count);
        assert_ne!(m[0].unit, d[0].unit);
    }
}
