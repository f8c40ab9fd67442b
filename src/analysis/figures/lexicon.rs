//! The words figure extraction looks up: the vocabulary that may form a
//! spelled-out number (to find candidate runs for `text2num`, which does
//! the parsing), scale words, months, units, currencies, hedges and the
//! words around a figure. The lists are the shared lexicon's data files
//! (`data/lexicon/en/`, [`FigureWords`]); this module indexes them for the
//! scanner's lookups. All keys are lower case.

use std::sync::LazyLock;

use super::FastMap;
use super::interval::Qualifier;
use crate::analysis::language::lexicon::{self, FigureWords};

/// Whether a lower-case word (possibly hyphenated: "twenty-five") is made
/// only of number words.
pub fn is_number_word(lower: &str) -> bool {
    // Number words are 3 to 11 letters long (parts of compounds too).
    let plausible = lower.len() >= 3
        && lower
            .as_bytes()
            .first()
            .is_some_and(|b| b"zontfsehmb".contains(b));
    // The words (text2num parses them; the list only finds where to ask
    // it) are the shared lexicon's `number_words.txt`.
    let words = &english().number_words;
    plausible && lower.split('-').all(|p| words.contains(p))
}

/// A word list of [`FigureWords`] as a map with a fast hash, its keys
/// borrowed from the lexicon (the scanner looks words up on every token).
fn fast<V: Copy>(
    pick: impl Fn(&'static FigureWords) -> Vec<(&'static str, V)>,
) -> FastMap<&'static str, V> {
    pick(&english().figures).into_iter().collect()
}

fn numbers(m: &'static lexicon::HashMap<String, f64>) -> Vec<(&'static str, f64)> {
    m.iter().map(|(k, v)| (k.as_str(), *v)).collect()
}

fn codes(m: &'static lexicon::HashMap<String, String>) -> Vec<(&'static str, &'static str)> {
    m.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect()
}

static SCALES: LazyLock<FastMap<&'static str, f64>> =
    LazyLock::new(|| fast(|w| numbers(&w.scales)));
static ATTACHED_SCALES: LazyLock<FastMap<&'static str, f64>> =
    LazyLock::new(|| fast(|w| numbers(&w.attached_scales)));
static VAGUE_SCALES: LazyLock<FastMap<&'static str, f64>> =
    LazyLock::new(|| fast(|w| numbers(&w.vague_scales)));
static TIME_UNITS: LazyLock<FastMap<&'static str, TimeUnit>> = LazyLock::new(|| {
    fast(|w| {
        w.time_units
            .iter()
            .filter_map(|(k, v)| Some((k.as_str(), TimeUnit::from_name(v)?)))
            .collect()
    })
});
static CURRENCY_CODES: LazyLock<FastMap<&'static str, &'static str>> =
    LazyLock::new(|| fast(|w| codes(&w.currency_codes)));
static CURRENCY_WORDS: LazyLock<FastMap<&'static str, &'static str>> =
    LazyLock::new(|| fast(|w| codes(&w.currencies)));

/// Multipliers written after a number: "2.5 million", "$20m", "1.13bn".
/// `attached_only` abbreviations count only when glued to the digits.
///
/// A glued "m" is read as million only with a currency ("$20m"); alone,
/// "20m" is metres. The caller passes `money` for that.
pub fn scale(lower: &str, attached: bool) -> Option<f64> {
    SCALES
        .get(lower)
        .or_else(|| attached.then(|| ATTACHED_SCALES.get(lower)).flatten())
        .copied()
}

/// Plural scale words used as vague quantities: "hundreds of", "thousands".
pub fn vague_scale(lower: &str) -> Option<f64> {
    VAGUE_SCALES.get(lower).copied()
}

/// Month number of a lower-case month name or abbreviation ("sept" → 9),
/// from the shared lexicon's `months.txt`.
pub fn month(lower: &str) -> Option<u8> {
    english().months.get(lower).copied()
}

/// The months' names for messages and for telling a full name from an
/// abbreviation (the longest name of each month in `months.txt`).
pub static MONTH_NAMES: LazyLock<[String; 12]> = LazyLock::new(|| {
    let mut names: [String; 12] = Default::default();
    for (word, &m) in &english().months {
        let slot = &mut names[usize::from(m.clamp(1, 12)) - 1];
        if word.len() > slot.len() {
            *slot = capitalised(word);
        }
    }
    names
});

fn capitalised(word: &str) -> String {
    let mut c = word.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// Whether a lower-case word names a weekday, in full or abbreviated
/// ("tues"), from the shared lexicon's `weekdays.txt` and
/// `weekday_abbreviations.txt`.
pub fn is_weekday(lower: &str) -> bool {
    let l = english();
    l.weekdays.contains_key(lower) || l.weekday_abbreviations.contains_key(lower)
}

/// The English lexicon (the figures' word lists are English; Spanish
/// forms are read where they differ).
fn english() -> &'static crate::analysis::language::Lexicon {
    crate::analysis::language::lexicon(crate::analysis::language::Lang::English)
}

/// Units of time, with their length in days.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum TimeUnit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Year,
    Decade,
}

impl TimeUnit {
    /// The unit of a name in `time_units.txt` ("hour").
    pub fn from_name(name: &str) -> Option<Self> {
        Some(match name {
            "second" => TimeUnit::Second,
            "minute" => TimeUnit::Minute,
            "hour" => TimeUnit::Hour,
            "day" => TimeUnit::Day,
            "week" => TimeUnit::Week,
            "month" => TimeUnit::Month,
            "year" => TimeUnit::Year,
            "decade" => TimeUnit::Decade,
            _ => return None,
        })
    }

    pub fn days(self) -> f64 {
        match self {
            TimeUnit::Second => 1.0 / 86_400.0,
            TimeUnit::Minute => 1.0 / 1_440.0,
            TimeUnit::Hour => 1.0 / 24.0,
            TimeUnit::Day => 1.0,
            TimeUnit::Week => 7.0,
            TimeUnit::Month => 30.44,
            TimeUnit::Year => 365.25,
            TimeUnit::Decade => 3652.5,
        }
    }

    pub fn name(self, plural: bool) -> &'static str {
        match (self, plural) {
            (TimeUnit::Second, false) => "second",
            (TimeUnit::Second, true) => "seconds",
            (TimeUnit::Minute, false) => "minute",
            (TimeUnit::Minute, true) => "minutes",
            (TimeUnit::Hour, false) => "hour",
            (TimeUnit::Hour, true) => "hours",
            (TimeUnit::Day, false) => "day",
            (TimeUnit::Day, true) => "days",
            (TimeUnit::Week, false) => "week",
            (TimeUnit::Week, true) => "weeks",
            (TimeUnit::Month, false) => "month",
            (TimeUnit::Month, true) => "months",
            (TimeUnit::Year, false) => "year",
            (TimeUnit::Year, true) => "years",
            (TimeUnit::Decade, false) => "decade",
            (TimeUnit::Decade, true) => "decades",
        }
    }
}

/// A unit of time, singular or plural ("months", "day").
pub fn time_unit(lower: &str) -> Option<TimeUnit> {
    TIME_UNITS.get(lower).copied()
}

/// Currency symbols written before the amount, with their ISO code. The
/// key is the symbol with any letters before it ("US$", "C$").
pub fn currency_symbol(prefix_letters: &str, symbol: char) -> Option<&'static str> {
    let mut key = prefix_letters.to_lowercase();
    key.push(symbol);
    english()
        .figures
        .currency_symbols
        .get(&key)
        .map(String::as_str)
}

/// ISO codes written as words before or after the amount ("USD 200",
/// "115USD", "Rs 500").
pub fn currency_code(lower: &str) -> Option<&'static str> {
    CURRENCY_CODES.get(lower).copied()
}

/// Currency names written after the amount; the adjective before a generic
/// name narrows it ("Canadian dollars"). Returns the ISO code or a generic
/// name when the country is not said ("pesos").
pub fn currency_word(lower: &str) -> Option<&'static str> {
    CURRENCY_WORDS.get(lower).copied()
}

/// "Canadian dollars", "Mexican pesos", "Swiss francs", "US dollars".
pub fn currency_with_adjective(adjective: &str, generic: &str) -> Option<&'static str> {
    english()
        .figures
        .currency_adjectives
        .get(&(adjective.to_string(), generic.to_string()))
        .map(String::as_str)
}

/// The name of a currency code for messages ("$20,000,000", "30,000,000 pesos"):
/// (prefix, suffix).
pub fn currency_display(code: &str) -> (&'static str, &'static str) {
    english()
        .figures
        .currency_display
        .get(code)
        .map_or(("", ""), |(p, s)| (p.as_str(), s.as_str()))
}

/// Hedges written before a figure, longest first, as word sequences.
pub static QUALIFIERS_BEFORE: LazyLock<Vec<(Vec<&'static str>, Qualifier)>> = LazyLock::new(|| {
    let mut v: Vec<(Vec<&str>, Qualifier)> = english()
        .figures
        .qualifiers
        .iter()
        .filter_map(|(words, q)| {
            Some((
                words.iter().map(String::as_str).collect(),
                Qualifier::from_name(q)?,
            ))
        })
        .collect();
    v.sort_by_key(|(words, _)| std::cmp::Reverse(words.len()));
    v
});

/// Street types: a number before "… Main Street" is an address.
pub fn is_street_type(lower: &str) -> bool {
    english().figures.street_types.contains(lower)
}

/// Capitalised words that may come right before a figure without making it
/// part of a name ("In 2009", "About 40", "September 2"). Any other
/// capitalised word before a number makes it an identifier ("Boeing 737",
/// "Route 66", "Vol 517").
pub fn may_precede_figure(lower: &str) -> bool {
    month(lower).is_some()
        || is_weekday(lower)
        || STOPWORDS.contains(lower)
        || QUALIFIERS_BEFORE
            .iter()
            .any(|(w, _)| w.first() == Some(&lower))
        || english().figures.before_figure.contains(lower)
}

/// Words that are never what a figure counts nor a name before it: the
/// shared stop words and index stop words ("said", "according"), and the
/// lexical words of `not_counted.txt` ("today", "year", "many").
pub static STOPWORDS: LazyLock<super::FastSet<&'static str>> = LazyLock::new(|| {
    let l = english();
    l.stop_words
        .iter()
        .chain(&l.index_stop_words)
        .chain(&l.figures.not_counted)
        .map(String::as_str)
        .collect()
});

/// Words that introduce a time of day after a number ("9 a.m.", "2 pm").
pub fn is_time_marker(lower: &str) -> bool {
    english().figures.time_markers.contains(lower)
}

/// Irregular past tenses and participles that report events around a
/// figure ("sent 29 suspects", "11 were shot").
pub fn is_irregular_verb(lower: &str) -> bool {
    english().figures.event_verb_forms.contains(lower)
}

/// The phrases of `perpetrator_deaths.txt` ("killed himself", "gunman
/// died"), each as its words, filed under its first word.
static PERPETRATOR_DEATHS: LazyLock<FastMap<&'static str, Vec<Vec<&'static str>>>> =
    LazyLock::new(|| {
        let mut out: FastMap<&'static str, Vec<Vec<&'static str>>> = FastMap::default();
        for p in &english().figures.perpetrator_deaths {
            let words: Vec<&'static str> = p.split(' ').collect();
            if let Some(&first) = words.first() {
                out.entry(first).or_default().push(words);
            }
        }
        out
    });

/// The phrases telling a perpetrator's death that start with the
/// lower-case word `first`, each as its words.
pub fn perpetrator_deaths_from(first: &str) -> &'static [Vec<&'static str>] {
    PERPETRATOR_DEATHS.get(first).map_or(&[], Vec::as_slice)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every entry of the data files is read: a misspelt qualifier or unit
    /// name, or a missing column, would drop its entry without a word.
    #[test]
    fn every_entry_of_the_figure_lists_is_read() {
        let w = &english().figures;
        assert_eq!(QUALIFIERS_BEFORE.len(), w.qualifiers.len());
        assert_eq!(TIME_UNITS.len(), w.time_units.len());
        for (file, lines, read) in [
            (
                "qualifiers",
                include_str!("../../../data/lexicon/en/qualifiers.txt"),
                w.qualifiers.len(),
            ),
            (
                "time_units",
                include_str!("../../../data/lexicon/en/time_units.txt"),
                w.time_units.len(),
            ),
            (
                "currency_adjectives",
                include_str!("../../../data/lexicon/en/currency_adjectives.txt"),
                w.currency_adjectives.len(),
            ),
            (
                "currency_display",
                include_str!("../../../data/lexicon/en/currency_display.txt"),
                w.currency_display.len(),
            ),
            (
                "scales",
                include_str!("../../../data/lexicon/en/scales.txt"),
                w.scales.len(),
            ),
            (
                "currency_symbols",
                include_str!("../../../data/lexicon/en/currency_symbols.txt"),
                w.currency_symbols.len(),
            ),
        ] {
            let entries = lines
                .lines()
                .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
                .count();
            assert_eq!(entries, read, "{file}.txt");
        }
    }

    #[test]
    fn lookups_read_the_lists() {
        assert_eq!(scale("million", false), Some(1e6));
        assert_eq!(scale("m", false), None);
        assert_eq!(scale("m", true), Some(1e6));
        assert_eq!(vague_scale("dozens"), Some(12.0));
        assert_eq!(time_unit("hrs"), Some(TimeUnit::Hour));
        assert_eq!(currency_symbol("US", '$'), Some("USD"));
        assert_eq!(currency_symbol("", '€'), Some("EUR"));
        assert_eq!(currency_code("rs"), Some("INR"));
        assert_eq!(currency_word("pesos"), Some("peso"));
        assert_eq!(currency_with_adjective("mexican", "peso"), Some("MXN"));
        assert_eq!(currency_display("MXN"), ("", " Mexican pesos"));
        assert_eq!(currency_display("USD"), ("$", ""));
        assert_eq!(
            QUALIFIERS_BEFORE.first().map(|(w, _)| w.len()),
            Some(3),
            "longest first"
        );
        assert!(is_street_type("avenue") && is_time_marker("p.m.") && is_irregular_verb("slain"));
        assert!(may_precede_figure("police") && may_precede_figure("september"));
        assert!(!may_precede_figure("boeing"));
        assert!(STOPWORDS.contains("said") && STOPWORDS.contains("yesterday"));
        assert_eq!(MONTH_NAMES[8], "September");
    }
}
