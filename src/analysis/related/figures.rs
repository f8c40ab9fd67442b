//! Normalised figures of a passage: dates, years, amounts, percentages,
//! counts and ordinals, each reduced to a key that is equal when two
//! passages give the same figure in different words.
//!
//! "September 2" and "2 September" are the date 09-02; "$20 million",
//! "20 million dollars" and "twenty million dollars" are the amount
//! USD 20,000,000; "40%", "40 percent" and "forty per cent" are 40 %;
//! "5,000", "five thousand" and "5000" are the count 5,000; "third" and
//! "3rd" are the ordinal 3. Times of day ("6 p.m.", "2:51"), telephone and
//! reference numbers ("252-972-1411") and a bare "one" ("one of the") are
//! not figures.
//!
//! # Seam
//!
//! This is a small reader of its own. When the figures extractor lands in
//! `DocAnalysis`, `analyze_document` passes its figures to
//! [`super::DocPassages::new`] (a [`super::FigureSource`]), each converted
//! with [`Figure::new`] from the normalised value (same [`FigureKind`]s,
//! same units), and this reader is no longer called.

use std::ops::Range;
use std::sync::LazyLock;

use super::terms::{FxHashSet, Word, is_stop_word, key_hash, kind, term};

/// What a figure measures. Keys of different kinds never match.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
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
#[derive(Clone, Debug, PartialEq, Eq)]
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

const MONTHS: &[(&str, i64)] = &[
    ("january", 1),
    ("jan", 1),
    ("february", 2),
    ("feb", 2),
    ("march", 3),
    ("mar", 3),
    ("april", 4),
    ("apr", 4),
    ("may", 5),
    ("june", 6),
    ("jun", 6),
    ("july", 7),
    ("jul", 7),
    ("august", 8),
    ("aug", 8),
    ("september", 9),
    ("sept", 9),
    ("sep", 9),
    ("october", 10),
    ("oct", 10),
    ("november", 11),
    ("nov", 11),
    ("december", 12),
    ("dec", 12),
];

const SMALL: &[(&str, i64)] = &[
    ("zero", 0),
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("thirteen", 13),
    ("fourteen", 14),
    ("fifteen", 15),
    ("sixteen", 16),
    ("seventeen", 17),
    ("eighteen", 18),
    ("nineteen", 19),
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("sixty", 60),
    ("seventy", 70),
    ("eighty", 80),
    ("ninety", 90),
    ("dozen", 12),
];

const ORDINALS: &[(&str, i64)] = &[
    ("third", 3),
    ("fourth", 4),
    ("fifth", 5),
    ("sixth", 6),
    ("seventh", 7),
    ("eighth", 8),
    ("ninth", 9),
    ("tenth", 10),
    ("eleventh", 11),
    ("twelfth", 12),
    ("thirteenth", 13),
    ("fourteenth", 14),
    ("fifteenth", 15),
    ("twentieth", 20),
];

const SCALES: &[(&str, f64)] = &[
    ("hundred", 1e2),
    ("thousand", 1e3),
    ("million", 1e6),
    ("mln", 1e6),
    ("billion", 1e9),
    ("bn", 1e9),
    ("trillion", 1e12),
];

const CURRENCY_WORDS: &[(&str, &str)] = &[
    ("dollar", "usd"),
    ("dollars", "usd"),
    ("euro", "eur"),
    ("euros", "eur"),
    ("pound", "gbp"),
    ("pounds", "gbp"),
    ("peso", "mxn"),
    ("pesos", "mxn"),
    ("yen", "jpy"),
    ("yuan", "cny"),
    ("rupee", "inr"),
    ("rupees", "inr"),
];

fn lookup<T: Copy>(table: &[(&str, T)], w: &str) -> Option<T> {
    table.iter().find(|(k, _)| *k == w).map(|&(_, v)| v)
}

/// Every word the tables above know (the parts of "twenty-four" too).
static FIGURE_WORDS: LazyLock<FxHashSet<&'static str>> = LazyLock::new(|| {
    MONTHS
        .iter()
        .map(|(w, _)| *w)
        .chain(SMALL.iter().map(|(w, _)| *w))
        .chain(ORDINALS.iter().map(|(w, _)| *w))
        .chain(SCALES.iter().map(|(w, _)| *w))
        .collect()
});

/// Whether a folded word may start a figure: a digit, or a known word.
fn may_start(low: &str) -> bool {
    low.starts_with(|c: char| c.is_ascii_digit())
        || FIGURE_WORDS.contains(low)
        || low
            .split_once('-')
            .is_some_and(|(a, _)| FIGURE_WORDS.contains(a))
}

struct Tok<'a> {
    span: Range<usize>,
    raw: &'a str,
    /// The word's key (folded lower case).
    low: &'a str,
}

/// The figures among a sentence's `words` (keys in `arena`, see
/// [`super::terms::read_words`]).
pub(crate) fn extract(text: &str, arena: &str, words: &[Word]) -> Vec<Figure> {
    let mut out = Vec::new();
    let toks: Vec<Tok<'_>> = words
        .iter()
        .map(|w| Tok {
            span: w.span.clone(),
            raw: text.get(w.span.clone()).unwrap_or(""),
            low: arena.get(w.key.clone()).unwrap_or(""),
        })
        .collect();
    if !toks.iter().any(|t| may_start(t.low)) {
        return out;
    }
    let gap = |a: usize, b: usize| -> &str {
        match (toks.get(a), toks.get(b)) {
            (Some(x), Some(y)) => text.get(x.span.end..y.span.start).unwrap_or(""),
            (Some(x), None) => text
                .get(x.span.end..(x.span.end + 4).min(text.len()))
                .unwrap_or(""),
            _ => "",
        }
    };
    let spaced = |a: usize| -> bool { gap(a, a + 1).chars().all(char::is_whitespace) };
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        if !may_start(t.low) {
            i += 1;
            continue;
        }
        // Dates: "September 2", "Sept. 2, 2025", "2 September".
        if let Some(month) = lookup(MONTHS, t.low).filter(|_| is_capitalised(t.raw)) {
            if let Some(day) = toks.get(i + 1).and_then(|n| day_number(n.low))
                && gap(i, i + 1)
                    .trim_matches(|c: char| c.is_whitespace() || c == '.')
                    .is_empty()
            {
                out.push(Figure::new(
                    FigureKind::Date,
                    month * 100 + day,
                    "",
                    0,
                    t.span.start..toks[i + 1].span.end,
                ));
                i += 2;
                if let Some(y) = toks.get(i).and_then(|n| year(n.low))
                    && gap(i - 1, i).trim() == ","
                {
                    out.push(Figure::new(
                        FigureKind::Year,
                        y,
                        "",
                        0,
                        toks[i].span.clone(),
                    ));
                    i += 1;
                }
                continue;
            }
            // "May" and "March" are also ordinary words: only with a year.
            let next_year = toks.get(i + 1).and_then(|n| year(n.low));
            if next_year.is_some() || !matches!(t.low, "may" | "march" | "mar") {
                if t.raw.len() >= 3 && (next_year.is_some() || t.low.len() > 3) {
                    out.push(Figure::new(FigureKind::Month, month, "", 0, t.span.clone()));
                }
                i += 1;
                if let Some(y) = next_year {
                    out.push(Figure::new(
                        FigureKind::Year,
                        y,
                        "",
                        0,
                        toks[i].span.clone(),
                    ));
                    i += 1;
                }
                continue;
            }
        }
        if let Some(day) = day_number(t.low)
            && let Some(next) = toks.get(i + 1)
            && spaced(i)
        {
            let (month_at, skip) = if next.low == "of" {
                (i + 2, 2)
            } else {
                (i + 1, 1)
            };
            if let Some(m) = toks
                .get(month_at)
                .filter(|m| is_capitalised(m.raw))
                .and_then(|m| lookup(MONTHS, m.low))
            {
                out.push(Figure::new(
                    FigureKind::Date,
                    m * 100 + day,
                    "",
                    0,
                    t.span.start..toks[month_at].span.end,
                ));
                i += 1 + skip;
                continue;
            }
        }
        // Times of day and reference numbers are not figures.
        if is_time_or_reference(text, &toks, i) {
            i += 1;
            while i < toks.len() && toks[i].raw.chars().all(|c| c.is_ascii_digit()) {
                i += 1;
            }
            continue;
        }
        if let Some(o) = ordinal(t.low) {
            out.push(Figure::new(FigureKind::Ordinal, o, "", 0, t.span.clone()));
            i += 1;
            continue;
        }
        // Numbers, in digits or in words, with a scale.
        let Some((value, mut j, unit_in_word)) = number_at(&toks, i, &spaced) else {
            i += 1;
            continue;
        };
        let before = if i == 0 {
            text.get(..t.span.start).unwrap_or("")
        } else {
            gap(i - 1, i)
        };
        let mut currency = currency_before(before);
        let mut value = value;
        while let Some(scale) = toks.get(j).and_then(|n| lookup(SCALES, n.low))
            && spaced(j - 1)
        {
            value *= scale;
            j += 1;
        }
        if currency.is_none()
            && let Some(c) = toks.get(j).and_then(|n| lookup(CURRENCY_WORDS, n.low))
            && spaced(j - 1)
        {
            currency = Some(c);
            j += 1;
        }
        let span = t.span.start..toks[j - 1].span.end;
        let after = gap(j - 1, j);
        let percent = after.starts_with('%')
            || toks.get(j).is_some_and(|n| n.low == "percent")
            || (toks.get(j).is_some_and(|n| n.low == "per")
                && toks.get(j + 1).is_some_and(|n| n.low == "cent"));
        let scaled = (value * 100.0).round();
        if !scaled.is_finite() || scaled.abs() > 9.0e18 {
            i = j;
            continue;
        }
        let scaled = scaled as i64;
        if let Some(c) = currency {
            out.push(Figure::new(FigureKind::Money, scaled, c, 0, span));
        } else if percent {
            let end = if after.starts_with('%') {
                span.end + 1
            } else if toks.get(j).is_some_and(|n| n.low == "percent") {
                toks[j].span.end
            } else {
                toks.get(j + 1).map_or(span.end, |n| n.span.end)
            };
            out.push(Figure::new(
                FigureKind::Percent,
                scaled,
                "",
                0,
                span.start..end,
            ));
        } else if j == i + 1 && !t.raw.contains(',') && year(t.low).is_some() {
            out.push(Figure::new(FigureKind::Year, value as i64, "", 0, span));
        } else {
            let unit = unit_in_word
                .or_else(|| {
                    toks.get(j)
                        .filter(|n| !is_stop_word(n.low))
                        .and_then(|n| term(n.raw))
                })
                .unwrap_or(0);
            out.push(Figure::new(FigureKind::Count, scaled, "", unit, span));
        }
        i = j;
    }
    out
}

fn is_capitalised(raw: &str) -> bool {
    raw.chars().next().is_some_and(char::is_uppercase)
}

fn day_number(low: &str) -> Option<i64> {
    let digits = low
        .strip_suffix("st")
        .or_else(|| low.strip_suffix("nd"))
        .or_else(|| low.strip_suffix("rd"))
        .or_else(|| low.strip_suffix("th"))
        .unwrap_or(low);
    if digits.is_empty() || digits.len() > 2 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let d: i64 = digits.parse().ok()?;
    (1..=31).contains(&d).then_some(d)
}

fn year(low: &str) -> Option<i64> {
    if low.len() != 4 || !low.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let y: i64 = low.parse().ok()?;
    (1900..=2099).contains(&y).then_some(y)
}

fn ordinal(low: &str) -> Option<i64> {
    if let Some(o) = lookup(ORDINALS, low) {
        return Some(o);
    }
    let digits = low
        .strip_suffix("st")
        .or_else(|| low.strip_suffix("nd"))
        .or_else(|| low.strip_suffix("rd"))
        .or_else(|| low.strip_suffix("th"))?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

fn currency_before(gap: &str) -> Option<&'static str> {
    let g = gap.trim_end();
    if g.ends_with('$') {
        Some("usd")
    } else if g.ends_with('€') {
        Some("eur")
    } else if g.ends_with('£') {
        Some("gbp")
    } else if g.ends_with('¥') {
        Some("jpy")
    } else {
        None
    }
}

/// "6 p.m.", "2:51", "252-972-1411", "11-02-2025".
fn is_time_or_reference(text: &str, toks: &[Tok<'_>], i: usize) -> bool {
    let t = &toks[i];
    let digits_and_hyphens = t.raw.contains('-')
        && t.raw.split('-').filter(|p| !p.is_empty()).count() >= 2
        && t.raw
            .split('-')
            .all(|p| p.bytes().all(|b| b.is_ascii_digit()));
    if digits_and_hyphens {
        return true;
    }
    if !t.raw.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let after = text.get(t.span.end..).unwrap_or("");
    if after.starts_with(':') && after[1..].starts_with(|c: char| c.is_ascii_digit()) {
        return true;
    }
    toks.get(i + 1).is_some_and(|n| {
        matches!(
            n.low,
            "a.m" | "p.m" | "am" | "pm" | "a" | "p" | "gmt" | "utc" | "et" | "pt" | "bst"
        ) && (n.low.len() > 1 || text.get(n.span.end..).is_some_and(|r| r.starts_with('.')))
    })
}

/// A number starting at token `i`: its value, the index after it, and a
/// unit glued to it ("12-year-old"). Digits may carry a scale suffix
/// ("1.5bn", "$5m").
fn number_at(
    toks: &[Tok<'_>],
    i: usize,
    spaced: &dyn Fn(usize) -> bool,
) -> Option<(f64, usize, Option<u64>)> {
    let t = &toks[i];
    let first = t.low.chars().next()?;
    if first.is_ascii_digit() {
        let num_end = t
            .low
            .find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
            .unwrap_or(t.low.len());
        let digits: String = t.low[..num_end].chars().filter(|&c| c != ',').collect();
        let mut value: f64 = digits.trim_end_matches('.').parse().ok()?;
        let rest = &t.low[num_end..];
        let mut unit = None;
        match rest {
            "" => {}
            "bn" | "b" => value *= 1e9,
            "m" | "mn" => value *= 1e6,
            "k" => value *= 1e3,
            "s" => return None, // "1990s"
            r if r.starts_with('-') => {
                // "12-year-old", "3-day": the unit is glued on.
                let word = r.trim_start_matches('-').split('-').next().unwrap_or("");
                unit = term(word);
            }
            _ => return None,
        }
        return Some((value, i + 1, unit));
    }
    // Number words: "twenty-four", "two hundred and fifty", "a dozen".
    let mut total = 0.0;
    let mut current = 0.0;
    let mut j = i;
    let mut any = false;
    let mut only_one = true;
    while j < toks.len() {
        let w = toks[j].low;
        let parts: Vec<&str> = w.split('-').collect();
        let values: Option<Vec<i64>> = parts.iter().map(|p| lookup(SMALL, p)).collect();
        if let Some(vs) = values {
            current += vs.iter().sum::<i64>() as f64;
            if w != "one" {
                only_one = false;
            }
            any = true;
            j += 1;
        } else if any && (w == "hundred") {
            current = current.max(1.0) * 100.0;
            only_one = false;
            j += 1;
        } else if any && matches!(w, "thousand" | "million" | "billion" | "trillion") {
            // Leave the largest scale to the caller when nothing follows.
            let scale = lookup(SCALES, w).unwrap_or(1.0);
            let continues = toks
                .get(j + 1)
                .is_some_and(|n| lookup(SMALL, n.low.split('-').next().unwrap_or("")).is_some())
                && spaced(j);
            if !continues {
                break;
            }
            total += current.max(1.0) * scale;
            current = 0.0;
            only_one = false;
            j += 1;
        } else if any
            && w == "and"
            && toks
                .get(j + 1)
                .is_some_and(|n| lookup(SMALL, n.low.split('-').next().unwrap_or("")).is_some())
        {
            j += 1;
        } else {
            break;
        }
        if j < toks.len() && !spaced(j - 1) {
            break;
        }
    }
    if !any {
        return None;
    }
    // A bare "one" is a pronoun far more often than a figure.
    let scaled_next = toks.get(j).is_some_and(|n| lookup(SCALES, n.low).is_some());
    if only_one && !scaled_next {
        return None;
    }
    Some((total + current, j, None))
}

#[cfg(test)]
mod tests {
    use super::super::terms::read_words;
    use super::*;

    fn read(text: &str) -> Vec<Figure> {
        let mut arena = String::new();
        let words = read_words(text, 0..text.len(), &mut arena);
        extract(text, &arena, &words)
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
        assert_eq!(keys("on September 2"), keys("on 2 September"));
        assert_eq!(keys("on Sept. 2"), keys("on September 2nd"));
        assert_eq!(
            figs("on September 2, 2025 they met"),
            [
                (FigureKind::Date, 902, "September 2".into()),
                (FigureKind::Year, 2025, "2025".into())
            ]
        );
        assert_ne!(keys("on September 2"), keys("on September 3"));
        // "may" the verb is no month.
        assert!(figs("It may rain").is_empty());
    }

    #[test]
    fn amounts_percentages_and_counts_normalise() {
        assert_eq!(keys("$20 million"), keys("twenty million dollars"));
        assert_eq!(keys("40%"), keys("forty per cent"));
        assert_eq!(keys("40 percent"), keys("40%"));
        assert_eq!(keys("5,000 murders"), keys("five thousand murders"));
        assert_eq!(keys("1.5bn euros"), keys("€1.5 billion"));
        assert_eq!(
            figs("two hundred and fifty-three people"),
            [(
                FigureKind::Count,
                25300,
                "two hundred and fifty-three".into()
            )]
        );
        assert_eq!(figs("Rubio’s third trip")[0].0, FigureKind::Ordinal);
        assert_eq!(figs("a 12-year-old boy")[0].1, 1200);
    }

    #[test]
    fn units_are_kept_for_counts() {
        let a = read("11 members");
        let b = read("13 members");
        assert_eq!(a[0].unit, b[0].unit);
        assert_ne!(a[0].unit, 0);
        assert_ne!(a[0].key, b[0].key);
    }

    #[test]
    fn times_references_and_pronouns_are_not_figures() {
        assert!(
            figs("at about 6 p.m. Monday").is_empty(),
            "{:?}",
            figs("at about 6 p.m. Monday")
        );
        assert!(figs("call 252-972-1411 now").is_empty());
        assert!(figs("Last Updated at 2:51").is_empty());
        assert!(figs("one of the victims").is_empty());
        assert!(figs("the 1990s").is_empty());
        assert_eq!(figs("one million people")[0].1, 100_000_000);
    }

    #[test]
    fn odd_text_does_not_panic() {
        for t in [
            "",
            "$",
            "%",
            "1,",
            "9999999999999999999999999 people",
            "Sept. 😀",
            "€ 5",
        ] {
            figs(t);
        }
    }
}
