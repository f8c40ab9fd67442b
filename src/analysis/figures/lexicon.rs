//! Closed word lists figure extraction needs: the vocabulary that may form
//! a spelled-out number (to find candidate runs for `text2num`, which does
//! the parsing), scale words, months, units, currencies and hedges.
//! All keys are lower case.

use std::sync::LazyLock;

use super::interval::Qualifier;

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

/// Multipliers written after a number: "2.5 million", "$20m", "1.13bn".
/// `attached_only` abbreviations count only when glued to the digits.
///
/// A glued "m" is read as million only with a currency ("$20m"); alone,
/// "20m" is metres. The caller passes `money` for that.
pub fn scale(lower: &str, attached: bool) -> Option<f64> {
    Some(match lower {
        "hundred" => 1e2,
        "thousand" => 1e3,
        "million" | "mln" | "mn" => 1e6,
        "billion" | "bn" | "bln" => 1e9,
        "trillion" | "tn" | "trn" | "tln" => 1e12,
        "k" if attached => 1e3,
        "m" if attached => 1e6,
        "b" if attached => 1e9,
        "t" if attached => 1e12,
        _ => return None,
    })
}

/// Plural scale words used as vague quantities: "hundreds of", "thousands".
pub fn vague_scale(lower: &str) -> Option<f64> {
    Some(match lower {
        "dozens" => 12.0,
        "scores" => 20.0,
        "hundreds" => 1e2,
        "thousands" => 1e3,
        "millions" => 1e6,
        "billions" => 1e9,
        _ => return None,
    })
}

/// Month number of a lower-case month name or abbreviation ("sept" → 9),
/// from the shared lexicon's `months.txt`.
pub fn month(lower: &str) -> Option<u8> {
    english().months.get(lower).copied()
}

pub const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

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
    Some(match lower {
        "second" | "seconds" | "sec" | "secs" => TimeUnit::Second,
        "minute" | "minutes" | "min" | "mins" => TimeUnit::Minute,
        "hour" | "hours" | "hr" | "hrs" => TimeUnit::Hour,
        "day" | "days" => TimeUnit::Day,
        "week" | "weeks" => TimeUnit::Week,
        "month" | "months" => TimeUnit::Month,
        "year" | "years" | "yr" | "yrs" => TimeUnit::Year,
        "decade" | "decades" => TimeUnit::Decade,
        _ => return None,
    })
}

/// Currency symbols written before the amount, with their ISO code. The
/// key is the symbol with any letters before it ("US$", "C$").
pub fn currency_symbol(prefix_letters: &str, symbol: char) -> Option<&'static str> {
    let letters = prefix_letters.to_ascii_lowercase();
    Some(match (letters.as_str(), symbol) {
        ("" | "us" | "u.s.", '$') => "USD",
        ("c" | "ca" | "can", '$') => "CAD",
        ("a" | "au", '$') => "AUD",
        ("nz", '$') => "NZD",
        ("hk", '$') => "HKD",
        ("s", '$') => "SGD",
        ("r", '$') => "BRL",
        ("mex" | "mx" | "mxn", '$') => "MXN",
        ("usd", '$') => "USD",
        ("cad", '$') => "CAD",
        ("aud", '$') => "AUD",
        ("nzd", '$') => "NZD",
        ("hkd", '$') => "HKD",
        ("", '€') => "EUR",
        ("", '£') => "GBP",
        ("", '¥') => "JPY",
        ("", '₹') => "INR",
        ("", '₩') => "KRW",
        ("", '₽') => "RUB",
        ("", '₦') => "NGN",
        ("", '₪') => "ILS",
        ("", '₱') => "PHP",
        ("", '₺') => "TRY",
        ("", '₴') => "UAH",
        ("", '₿') => "BTC",
        ("", '元') => "CNY",
        _ => return None,
    })
}

/// ISO codes written as words before or after the amount ("USD 200",
/// "115USD", "Rs 500").
pub fn currency_code(lower: &str) -> Option<&'static str> {
    Some(match lower {
        "usd" => "USD",
        "eur" => "EUR",
        "gbp" => "GBP",
        "jpy" => "JPY",
        "cny" | "rmb" => "CNY",
        "inr" | "rs" => "INR",
        "cad" => "CAD",
        "aud" => "AUD",
        "chf" => "CHF",
        "mxn" => "MXN",
        "brl" => "BRL",
        "hkd" => "HKD",
        "nzd" => "NZD",
        "sek" => "SEK",
        "nok" => "NOK",
        "dkk" => "DKK",
        "zar" => "ZAR",
        "rub" => "RUB",
        "krw" => "KRW",
        "btc" => "BTC",
        _ => return None,
    })
}

/// Currency names written after the amount; the adjective before a generic
/// name narrows it ("Canadian dollars"). Returns the ISO code or a generic
/// name when the country is not said ("pesos").
pub fn currency_word(lower: &str) -> Option<&'static str> {
    Some(match lower {
        "dollar" | "dollars" => "USD",
        "euro" | "euros" => "EUR",
        "pound" | "pounds" | "sterling" => "GBP",
        "pence" | "penny" | "p" => "GBp",
        "cent" | "cents" => "cent",
        "yen" => "JPY",
        "yuan" | "renminbi" => "CNY",
        "rupee" | "rupees" => "INR",
        "peso" | "pesos" => "peso",
        "franc" | "francs" => "franc",
        "ruble" | "rubles" | "rouble" | "roubles" => "RUB",
        "naira" => "NGN",
        "rand" => "ZAR",
        "shekel" | "shekels" => "ILS",
        "lira" | "lire" => "TRY",
        "krona" | "kronor" => "SEK",
        "krone" | "kroner" => "NOK",
        "real" | "reais" => "BRL",
        "bolivar" | "bolivars" | "bolívares" => "VES",
        "hryvnia" | "hryvnias" => "UAH",
        "dinar" | "dinars" => "dinar",
        "riyal" | "riyals" => "riyal",
        "dirham" | "dirhams" => "AED",
        "bitcoin" | "bitcoins" => "BTC",
        "元" => "CNY",
        _ => return None,
    })
}

/// "Canadian dollars", "Mexican pesos", "Swiss francs", "US dollars".
pub fn currency_with_adjective(adjective: &str, generic: &str) -> Option<&'static str> {
    Some(match (adjective, generic) {
        ("us" | "u.s." | "american", "USD") => "USD",
        ("canadian", "USD") => "CAD",
        ("australian", "USD") => "AUD",
        ("hong", "USD") => "HKD",
        ("zealand", "USD") => "NZD",
        ("singapore", "USD") => "SGD",
        ("mexican", "peso") => "MXN",
        ("argentine" | "argentinian", "peso") => "ARS",
        ("colombian", "peso") => "COP",
        ("chilean", "peso") => "CLP",
        ("philippine", "peso") => "PHP",
        ("swiss", "franc") => "CHF",
        ("chinese", "CNY") => "CNY",
        ("japanese", "JPY") => "JPY",
        ("indian", "INR") => "INR",
        ("pakistani", "INR") => "PKR",
        ("egyptian", "GBP") => "EGP",
        _ => return None,
    })
}

/// The name of a currency code for messages ("$20,000,000", "30,000,000 pesos").
pub fn currency_display(code: &str) -> (&'static str, &'static str) {
    // (prefix, suffix)
    match code {
        "USD" => ("$", ""),
        "EUR" => ("€", ""),
        "GBP" => ("£", ""),
        "JPY" => ("¥", ""),
        "INR" => ("₹", ""),
        "CAD" => ("C$", ""),
        "AUD" => ("A$", ""),
        "MXN" => ("", " Mexican pesos"),
        "peso" => ("", " pesos"),
        "franc" => ("", " francs"),
        "cent" => ("", " cents"),
        "GBp" => ("", " pence"),
        "CNY" => ("", " yuan"),
        "RUB" => ("", " roubles"),
        "BTC" => ("", " bitcoin"),
        _ => ("", ""),
    }
}

/// Hedges written before a figure, longest first, as word sequences.
pub static QUALIFIERS_BEFORE: LazyLock<Vec<(Vec<&'static str>, Qualifier)>> = LazyLock::new(|| {
    let table: &[(&str, Qualifier)] = &[
        ("no fewer than", Qualifier::AtLeast),
        ("no less than", Qualifier::AtLeast),
        ("not less than", Qualifier::AtLeast),
        ("no more than", Qualifier::AtMost),
        ("not more than", Qualifier::AtMost),
        ("as many as", Qualifier::AtMost),
        ("as much as", Qualifier::AtMost),
        ("as few as", Qualifier::AtLeast),
        ("in excess of", Qualifier::Over),
        ("upwards of", Qualifier::Over),
        ("just over", Qualifier::Over),
        ("well over", Qualifier::Over),
        ("just under", Qualifier::Nearly),
        ("just shy of", Qualifier::Nearly),
        ("close to", Qualifier::Nearly),
        ("nearly", Qualifier::Nearly),
        ("almost", Qualifier::Nearly),
        ("more than", Qualifier::Over),
        ("greater than", Qualifier::Over),
        ("higher than", Qualifier::Over),
        ("over", Qualifier::Over),
        ("above", Qualifier::Over),
        ("exceeding", Qualifier::Over),
        ("at least", Qualifier::AtLeast),
        ("at most", Qualifier::AtMost),
        ("up to", Qualifier::AtMost),
        ("fewer than", Qualifier::Under),
        ("less than", Qualifier::Under),
        ("lower than", Qualifier::Under),
        ("under", Qualifier::Under),
        ("below", Qualifier::Under),
        ("an estimated", Qualifier::About),
        ("estimated", Qualifier::About),
        ("approximately", Qualifier::About),
        ("approx", Qualifier::About),
        ("roughly", Qualifier::About),
        ("around", Qualifier::About),
        ("about", Qualifier::About),
        ("some", Qualifier::About),
        ("circa", Qualifier::About),
        ("exactly", Qualifier::Exact),
        ("precisely", Qualifier::Exact),
    ];
    let mut v: Vec<(Vec<&str>, Qualifier)> = table
        .iter()
        .map(|(p, q)| (p.split(' ').collect(), *q))
        .collect();
    v.sort_by_key(|(words, _)| std::cmp::Reverse(words.len()));
    v
});

/// Street types: a number before "… Main Street" is an address.
pub fn is_street_type(lower: &str) -> bool {
    matches!(
        lower,
        "street"
            | "st"
            | "avenue"
            | "ave"
            | "road"
            | "rd"
            | "drive"
            | "dr"
            | "boulevard"
            | "blvd"
            | "lane"
            | "ln"
            | "way"
            | "court"
            | "ct"
            | "place"
            | "pl"
            | "highway"
            | "hwy"
            | "parkway"
            | "pkwy"
            | "circle"
            | "cir"
            | "terrace"
            | "trail"
            | "pike"
            | "square"
    )
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
        || matches!(
            lower,
            "only"
                | "just"
                | "another"
                | "nearly"
                | "almost"
                | "roughly"
                | "around"
                | "approximately"
                | "between"
                | "police"
                | "officials"
                | "authorities"
                | "killing"
                | "leaving"
                | "wounding"
                | "injuring"
                | "including"
                | "among"
                | "since"
                | "until"
                | "til"
                | "through"
                | "during"
                | "after"
                | "before"
                | "by"
                | "of"
                | "from"
                | "than"
                | "with"
                | "without"
                | "said"
        )
}

/// Common English function words (for similarity and entity detection).
pub static STOPWORDS: LazyLock<super::FastSet<&'static str>> = LazyLock::new(|| {
    [
        "a",
        "about",
        "above",
        "after",
        "again",
        "against",
        "all",
        "also",
        "am",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "because",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "doing",
        "down",
        "during",
        "each",
        "either",
        "even",
        "ever",
        "every",
        "few",
        "for",
        "from",
        "further",
        "had",
        "has",
        "have",
        "having",
        "he",
        "her",
        "here",
        "hers",
        "herself",
        "him",
        "himself",
        "his",
        "how",
        "however",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "itself",
        "just",
        "last",
        "least",
        "less",
        "many",
        "may",
        "me",
        "meanwhile",
        "might",
        "more",
        "most",
        "much",
        "must",
        "my",
        "neither",
        "new",
        "next",
        "no",
        "nor",
        "not",
        "now",
        "of",
        "off",
        "on",
        "once",
        "one",
        "only",
        "or",
        "other",
        "others",
        "our",
        "ours",
        "out",
        "over",
        "own",
        "per",
        "same",
        "several",
        "she",
        "should",
        "since",
        "so",
        "some",
        "still",
        "such",
        "than",
        "that",
        "the",
        "their",
        "theirs",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "though",
        "through",
        "thus",
        "to",
        "too",
        "under",
        "until",
        "up",
        "upon",
        "us",
        "very",
        "via",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "whether",
        "which",
        "while",
        "who",
        "whom",
        "whose",
        "why",
        "will",
        "with",
        "within",
        "without",
        "would",
        "yet",
        "you",
        "your",
        "yours",
        "according",
        "said",
        "says",
        "say",
        "told",
        "week",
        "year",
        "today",
        "yesterday",
        "tomorrow",
        "mr",
        "mrs",
        "ms",
        "dr",
    ]
    .into_iter()
    .collect()
});

/// Words that introduce a time of day after a number ("9 a.m.", "2 pm").
pub fn is_time_marker(lower: &str) -> bool {
    matches!(
        lower,
        "a.m." | "p.m." | "am" | "pm" | "a.m" | "p.m" | "o'clock" | "o’clock" | "gmt" | "utc"
    )
}

/// Irregular past tenses and participles that report events around a
/// figure ("sent 29 suspects", "11 were shot").
pub fn is_irregular_verb(lower: &str) -> bool {
    matches!(
        lower,
        "sent"
            | "left"
            | "shot"
            | "hit"
            | "held"
            | "freed"
            | "fled"
            | "took"
            | "taken"
            | "gave"
            | "given"
            | "won"
            | "lost"
            | "led"
            | "made"
            | "paid"
            | "sold"
            | "bought"
            | "spent"
            | "cut"
            | "rose"
            | "risen"
            | "fell"
            | "fallen"
            | "hurt"
            | "died"
            | "saw"
            | "seen"
            | "put"
            | "set"
            | "brought"
            | "sought"
            | "struck"
            | "found"
            | "drew"
            | "grew"
            | "grown"
            | "threw"
            | "told"
            | "kept"
            | "met"
            | "ran"
            | "became"
            | "slain"
            | "stood"
            | "sank"
            | "sunk"
            | "stole"
            | "stolen"
            | "dead"
            | "injured"
            | "wounded"
            | "missing"
    )
}
