//! Words that restate each other: pairs of English stems that stand on the
//! two sides of a paraphrase ("extradite" and "hand", "kill" and "dead")
//! more often than on the two sides of a pair that is not one, learned from
//! labelled sentence pairs (`data/lexicon/en/related_stems.tsv`, written by
//! `cargo run --release --example related_kin -- --write`; that program
//! names the data and the rule). A restatement in other words shares few
//! terms, and [`overlap`] gives the score what the terms miss.

use std::sync::LazyLock;

use super::Stats;
use super::passages::Passage;
use super::terms::stem_term;
use crate::analysis::language::tagger::KeyMap;

/// Term key → its related terms' keys, sorted, with their weights (0 to 1).
type Table = KeyMap<Box<[(u64, f32)]>>;

static TABLE: LazyLock<Table> =
    LazyLock::new(|| parse(include_str!("../../../data/lexicon/en/related_stems.tsv")));

/// Reads `stem<TAB>stem<TAB>weight` lines (`#` starts a comment); a line
/// that does not read so is skipped. Each pair is related both ways.
fn parse(text: &str) -> Table {
    let mut lists: KeyMap<Vec<(u64, f32)>> = KeyMap::default();
    for line in text.lines() {
        let line = line.split('#').next().unwrap_or("").trim();
        let mut parts = line.split('\t');
        let (Some(a), Some(b), Some(w), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            continue;
        };
        let Some(w) = w
            .trim()
            .parse::<f32>()
            .ok()
            .filter(|w| (0.0..=1.0).contains(w))
        else {
            continue;
        };
        let (ka, kb) = (stem_term(a.trim()), stem_term(b.trim()));
        if ka == kb {
            continue;
        }
        lists.entry(ka).or_default().push((kb, w));
        lists.entry(kb).or_default().push((ka, w));
    }
    lists
        .into_iter()
        .map(|(k, mut v)| {
            v.sort_by_key(|x| x.0);
            v.dedup_by_key(|x| x.0);
            (k, v.into_boxed_slice())
        })
        .collect()
}

/// The related terms of a term.
fn related(term: u64) -> &'static [(u64, f32)] {
    TABLE.get(&term).map_or(&[], |v| &v[..])
}

/// How much of the two passages' words the other restates in other words:
/// each term that the other passage lacks counts its rarity times the
/// weight of its best related term there; the sum over both passages,
/// over the rarity of all their terms (0 to 1). Terms both share count
/// only in the total: the term measures read them.
pub(super) fn overlap(stats: &Stats<'_>, a: &Passage, b: &Passage) -> f32 {
    if a.terms.is_empty() || b.terms.is_empty() || TABLE.is_empty() {
        return 0.0;
    }
    let side = |x: &Passage, y: &Passage| -> (f32, f32) {
        let (mut found, mut total) = (0.0, 0.0);
        for &t in x.terms.iter() {
            let idf = stats.idf(t);
            total += idf;
            if y.terms.binary_search(&t).is_ok() {
                continue;
            }
            let best = related(t)
                .iter()
                .filter(|(u, _)| y.terms.binary_search(u).is_ok())
                .map(|&(_, w)| w)
                .fold(0.0f32, f32::max);
            found += idf * best;
        }
        (found, total)
    };
    let (fa, ta) = side(a, b);
    let (fb, tb) = side(b, a);
    if ta + tb <= 0.0 {
        return 0.0;
    }
    ((fa + fb) / (ta + tb)).clamp(0.0, 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_are_read_both_ways_and_bad_lines_skipped() {
        let t = parse("# comment\nkill\tdead\t0.8\nbad line\nx\ty\t7\nsame\tsame\t0.5\n");
        let (k, d) = (stem_term("kill"), stem_term("dead"));
        assert_eq!(t.get(&k).map(|v| v.to_vec()), Some(vec![(d, 0.8)]));
        assert_eq!(t.get(&d).map(|v| v.to_vec()), Some(vec![(k, 0.8)]));
        assert_eq!(t.len(), 2);
    }

    #[test]
    fn the_shipped_table_reads_and_relates_terms_both_ways() {
        assert!(!TABLE.is_empty());
        for (k, v) in TABLE.iter() {
            for &(u, w) in v.iter() {
                assert!(w > 0.0 && w <= 1.0);
                assert!(related(u).iter().any(|&(b, _)| b == *k));
            }
        }
    }
}
