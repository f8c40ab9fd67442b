//! Spanish numbers for the figure scanner (`scan.rs`), used when a text is
//! Spanish: numbers in words parsed by `text2num`'s Spanish grammar
//! ("doscientos", "mil doscientos", "treinta y cinco", "dos millones"),
//! ordinals ("tercera visita"), scale words after digits ("1,5 millones",
//! "20 mil") and currency names after an amount, also across "de" ("dos
//! millones de dólares").
//!
//! The words are data: cardinals in `data/lexicon/es/number_words.txt` (the
//! shared lexicon's), ordinals in `ordinal_words.txt`, scales in
//! `scales.txt`, currencies in `currencies.txt`. Digits ("1.200" for
//! 1,200, "3,5" for 3.5) are read by the scanner itself.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use text2num::lang::Spanish;

use super::interval::Qualifier;
use crate::analysis::language::{Lang, lexicon};

static ES: LazyLock<Spanish> = LazyLock::new(Spanish::default);

fn entries(data: &'static str) -> impl Iterator<Item = &'static str> {
    data.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

static ORDINALS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| entries(include_str!("../../../data/lexicon/es/ordinal_words.txt")).collect());

static SCALES: LazyLock<HashMap<&'static str, f64>> = LazyLock::new(|| {
    entries(include_str!("../../../data/lexicon/es/scales.txt"))
        .filter_map(|l| {
            let (w, v) = l.split_once('\t')?;
            Some((w.trim(), v.trim().parse().ok()?))
        })
        .collect()
});

static CURRENCIES: LazyLock<HashMap<&'static str, &'static str>> = LazyLock::new(|| {
    entries(include_str!("../../../data/lexicon/es/currencies.txt"))
        .filter_map(|l| {
            let (w, c) = l.split_once('\t')?;
            Some((w.trim(), c.trim()))
        })
        .collect()
});

/// Hedges before a figure, longest first: (words, qualifier).
static QUALIFIERS: LazyLock<Vec<(Vec<&'static str>, Qualifier)>> = LazyLock::new(|| {
    let mut out: Vec<(Vec<&'static str>, Qualifier)> =
        entries(include_str!("../../../data/lexicon/es/qualifiers.txt"))
            .filter_map(|l| {
                let (phrase, q) = l.split_once('\t')?;
                let q = match q.trim() {
                    "over" => Qualifier::Over,
                    "at_least" => Qualifier::AtLeast,
                    "under" => Qualifier::Under,
                    "at_most" => Qualifier::AtMost,
                    "about" => Qualifier::About,
                    "nearly" => Qualifier::Nearly,
                    _ => return None,
                };
                Some((phrase.split_whitespace().collect(), q))
            })
            .collect();
    out.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
    out
});

/// The hedge that ends right before a figure, from the lower-case words
/// before it (`before`, nearest last; "" for a token that is not a word):
/// its qualifier and how many words it takes ("más de": 2).
pub(super) fn qualifier_before(before: &[&str]) -> Option<(Qualifier, usize)> {
    QUALIFIERS.iter().find_map(|(words, q)| {
        let n = words.len();
        (before.len() >= n && before[before.len() - n..] == words[..]).then_some((*q, n))
    })
}

/// Whether a lower-case word can be part of a Spanish number in words.
pub(super) fn is_number_word(lw: &str) -> bool {
    ORDINALS.contains(lw) || lexicon(Lang::Spanish).is_number_word(lw)
}

/// "y" joins tens and units ("treinta y cinco") inside a run.
pub(super) fn is_linking(lw: &str) -> bool {
    lw == "y"
}

/// A word for `text2num`.
struct Word<'a>(&'a str);

impl text2num::Token for &Word<'_> {
    fn text(&self) -> Cow<'_, str> {
        Cow::Borrowed(self.0)
    }

    fn text_lowercase(&self) -> Cow<'_, str> {
        Cow::Borrowed(self.0)
    }
}

/// The numbers in a run of lower-case Spanish number words, positions
/// relative to the run. An article on its own is not a count ("un
/// vecino", "una visita"); with a scale it is ("un millón").
pub(super) fn find_numbers(words: &[&str]) -> Vec<text2num::Occurence> {
    let ws: Vec<Word<'_>> = words.iter().map(|w| Word(w)).collect();
    text2num::find_numbers(ws.iter(), &*ES, 0.0)
        .into_iter()
        .filter(|o| {
            !(o.end == o.start + 1
                && words
                    .get(o.start)
                    .is_some_and(|w| matches!(*w, "un" | "una" | "uno")))
        })
        .collect()
}

/// A preposition that introduces the place a figure belongs to ("tercera
/// visita *a Ecuador*", "300 muertos *en Gaza*").
pub(super) fn place_preposition(lw: &str) -> bool {
    matches!(lw, "a" | "en" | "hacia" | "desde" | "para")
}

/// A definite article before a place ("en *la* Patagonia").
pub(super) fn is_article(lw: &str) -> bool {
    matches!(lw, "el" | "la" | "los" | "las")
}

/// The multiplier of a Spanish scale word ("millones" → 1e6).
pub(super) fn scale(lw: &str) -> Option<f64> {
    SCALES.get(lw).copied()
}

/// A currency named after an amount: `first` the word right after it,
/// `second` the one after that. Returns the currency and how many words
/// it took ("dólares": 1; "de dólares", after a scale word: 2).
pub(super) fn currency_after(first: &str, second: &str) -> Option<(&'static str, usize)> {
    if let Some(&c) = CURRENCIES.get(first) {
        return Some((c, 1));
    }
    if first == "de" {
        return CURRENCIES.get(second).map(|&c| (c, 2));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(text: &str) -> Vec<(f64, bool)> {
        let words: Vec<&str> = text.split(' ').collect();
        find_numbers(&words)
            .into_iter()
            .map(|o| (o.value, o.is_ordinal))
            .collect()
    }

    #[test]
    fn numbers_in_words() {
        assert_eq!(values("doscientos"), vec![(200.0, false)]);
        assert_eq!(values("mil doscientos"), vec![(1200.0, false)]);
        assert_eq!(values("treinta y cinco"), vec![(35.0, false)]);
        assert_eq!(values("dos millones"), vec![(2e6, false)]);
        assert_eq!(values("tercera"), vec![(3.0, true)]);
        assert!(values("una").is_empty());
        assert_eq!(values("un millón"), vec![(1e6, false)]);
    }

    #[test]
    fn scales_and_currencies() {
        assert_eq!(scale("millones"), Some(1e6));
        assert_eq!(scale("billón"), Some(1e12));
        assert_eq!(currency_after("de", "dólares"), Some(("USD", 2)));
        assert_eq!(currency_after("euros", ""), Some(("EUR", 1)));
        assert_eq!(currency_after("de", "vecinos"), None);
        assert_eq!(
            qualifier_before(&["evacuaron", "a", "más", "de"]),
            Some((Qualifier::Over, 2))
        );
        assert_eq!(
            qualifier_before(&["", "poco", "más", "de"]),
            Some((Qualifier::Over, 3))
        );
        assert_eq!(qualifier_before(&["los", "vecinos"]), None);
    }
}
