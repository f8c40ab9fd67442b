//! What the figure hover and the inlay hints say.

use std::ops::Range;

use super::similarity::for_document;
use super::{Figure, FigureKind, Qualifier, mentions};
use crate::analysis::{Corpus, DocAnalysis};

/// At most this many other mentions are listed in a hover.
const MAX_LISTED: usize = 10;

/// The hover for the figure at `offset`: its value and interval, what it
/// counts, and every other mention of its quantity in the corpus, each
/// marked as agreeing or conflicting. `None` when no figure is there.
pub fn hover(doc: &DocAnalysis, corpus: &Corpus, offset: usize) -> Option<(Range<usize>, String)> {
    let index = doc.figures.at(offset)?;
    let f = &doc.figures.list[index];
    let mut md = format!("**Figure:** {} ({})", phrase(f), kind_phrase(f));
    if f.in_words {
        md.push_str(" — written in words");
    }
    if !matches!(
        f.kind,
        FigureKind::Date | FigureKind::Year | FigureKind::Ordinal
    ) {
        md.push_str(&format!(
            "\n\nValues the wording allows: {} ({})",
            f.display_interval(),
            match f.qualifier {
                Qualifier::Exact if f.interval.hi > f.interval.lo => "a round number, rounded",
                q => q.describe(),
            }
        ));
    }
    let counts = counts_phrase(doc, f);
    if !counts.is_empty() {
        md.push_str("\n\n");
        md.push_str(&counts);
    }
    if super::comparable(f) {
        let sim = for_document(corpus, doc);
        let found = mentions(doc, index, corpus, &sim);
        if found.is_empty() {
            md.push_str("\n\nNo other mention of this quantity in the corpus.");
        } else {
            md.push_str("\n\nOther mentions of this quantity:");
            for m in found.iter().take(MAX_LISTED) {
                let g = m.figure();
                md.push_str(&format!(
                    "\n- {} `{}` ‘{}’ — {} ({})",
                    if m.agrees {
                        "✓ agrees:"
                    } else {
                        "✗ conflicts:"
                    },
                    m.doc.location(g.span.start),
                    snippet(m.doc, g),
                    phrase(g),
                    why_same(doc, f, m.doc, g)
                ));
            }
            if found.len() > MAX_LISTED {
                md.push_str(&format!("\n- and {} more", found.len() - MAX_LISTED));
            }
        }
    }
    Some((f.span.clone(), md))
}

/// Why `f` (in `doc`) and `g` (in `other`) are taken for one quantity, in
/// the words of the two passages: "both count alleged members killed",
/// "both date arriving — Mexico City", "both rank trips — Latin America".
/// What the passages say alike: the counted thing and the event of `f`
/// (or of `g` where `f` says none), and the place they point to.
pub fn why_same(doc: &DocAnalysis, f: &Figure, other: &DocAnalysis, g: &Figure) -> String {
    let text_of = |d: &DocAnalysis, r: &Option<Range<usize>>| {
        r.clone()
            .and_then(|r| d.text.get(r))
            .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
    };
    let thing = text_of(doc, &f.counted.noun).or_else(|| text_of(other, &g.counted.noun));
    let event = text_of(doc, &f.counted.verb).or_else(|| text_of(other, &g.counted.verb));
    let place = text_of(doc, &f.counted.complement_span)
        .or_else(|| text_of(other, &g.counted.complement_span));
    let verb = match f.kind {
        FigureKind::Count => "count",
        FigureKind::Date | FigureKind::Year => "date",
        FigureKind::Ordinal => "rank",
        FigureKind::Duration => "give how long",
        FigureKind::Age => "give the age of",
        FigureKind::Money => "give the amount",
        FigureKind::Percent | FigureKind::PercentPoints => "give the share",
    };
    let mut out = format!("both {verb}");
    if f.kind == FigureKind::Age && thing.is_none() && event.is_none() {
        // An age is one quantity because the same name has it ("Rolf
        // Denner, 25,"): say so rather than leave the phrase unfinished.
        out.push_str(" the person named alike");
    }
    for part in [thing, event].into_iter().flatten() {
        out.push(' ');
        out.push_str(&part);
    }
    if let Some(p) = place {
        out.push_str(" — ");
        out.push_str(&p);
    }
    out
}

/// The value with its hedge: "more than 4,000", "nearly $20,000,000",
/// "10–12", "3rd".
pub fn phrase(f: &Figure) -> String {
    let v = f.display_value();
    match f.qualifier {
        Qualifier::Exact | Qualifier::Vague => v,
        Qualifier::Range => {
            let unit = if f.kind == FigureKind::Duration {
                f.time_unit.map_or(1.0, |u| u.days())
            } else {
                1.0
            };
            let lo = super::format_number(f.interval.lo / unit);
            let hi = super::format_number(f.value * 2.0 / unit - f.interval.lo / unit);
            match f.kind {
                FigureKind::Percent => format!("{lo}–{hi}%"),
                _ => format!("{lo}–{hi}"),
            }
        }
        q => format!("{} {v}", hedge_word(q)),
    }
}

fn hedge_word(q: Qualifier) -> &'static str {
    match q {
        Qualifier::Over => "more than",
        Qualifier::AtLeast => "at least",
        Qualifier::Under => "fewer than",
        Qualifier::AtMost => "at most",
        Qualifier::About => "about",
        Qualifier::Nearly => "nearly",
        _ => "",
    }
}

/// The words around a figure that say what it counts: "killing 11
/// alleged members". At most about 80 bytes, on one line.
pub fn snippet(doc: &DocAnalysis, f: &Figure) -> String {
    let c = &f.counted;
    let mut start = f.span.start;
    let mut end = f.span.end;
    if let Some(v) = &c.verb
        && v.end <= start
        && start - v.end < 40
    {
        start = v.start;
    }
    if let Some(v) = &c.verb
        && v.start >= end
        && v.start - end < 40
    {
        end = v.end;
    }
    if let Some(n) = &c.noun
        && n.start >= f.span.end
        && n.end - f.span.end < 60
    {
        end = end.max(n.end);
    }
    if let Some(n) = &c.complement_span
        && n.start >= end
        && n.end - end < 40
    {
        end = n.end;
    }
    if end - start > 100 {
        end = f.span.end;
        start = f.span.start;
    }
    doc.slice(start..end)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn kind_phrase(f: &Figure) -> String {
    match (f.kind, f.currency) {
        (FigureKind::Money, Some(c)) => format!("money, {c}"),
        (k, _) => k.name().to_string(),
    }
}

/// "Counts: *alleged members* · event: *killing* · to *Corvania*".
fn counts_phrase(doc: &DocAnalysis, f: &Figure) -> String {
    let c = &f.counted;
    let mut parts = Vec::new();
    if let Some(n) = &c.noun {
        parts.push(format!("Counts: *{}*", one_line(doc.slice(n.clone()))));
    }
    if let Some(v) = &c.verb {
        parts.push(format!("event: *{}*", one_line(doc.slice(v.clone()))));
    }
    if let Some(p) = &c.complement_span {
        parts.push(format!("about: *{}*", one_line(doc.slice(p.clone()))));
    }
    if c.partitive {
        parts.push("a part of a larger group (not compared)".to_string());
    }
    let s = parts.join(" · ");
    if !s.is_empty() && c.noun.is_none() {
        let mut s = s;
        s.replace_range(..1, &s[..1].to_uppercase());
        return s;
    }
    s
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Inlay hints: the normalised value after each figure written in words,
/// as (byte offset, label).
pub fn inlay_hints(doc: &DocAnalysis) -> Vec<(usize, String)> {
    doc.figures
        .list
        .iter()
        .filter(|f| f.in_words)
        .map(|f| (f.span.end, format!("= {}", phrase(f))))
        .collect()
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use crate::analysis::{Corpus, DocId, Settings, analyze_document};

    #[test]
    fn hover_lists_agreeing_and_conflicting_mentions() {
        let mut corpus = Corpus::new();
        let texts = [
            (
                "a.txt",
                "The coast guard said the raid off Cape Morrow killed 9 alleged members of the Salt Heron gang.\n",
            ),
            (
                "b.txt",
                "A coast guard raid off Cape Morrow killed nine alleged members of the Salt Heron gang, officials said.\n",
            ),
            (
                "c.txt",
                "The raid off Cape Morrow killed 12 members of the Salt Heron gang, the coast guard said.\n",
            ),
        ];
        for (name, text) in texts {
            corpus.upsert(Arc::new(analyze_document(
                DocId::new(name),
                Arc::from(text),
                &Settings::default(),
            )));
        }
        let a = corpus.get(&DocId::new("a.txt")).unwrap().clone();
        let at = a.text.find('9').unwrap();
        let (span, md) = super::hover(&a, &corpus, at).expect("a figure");
        assert_eq!(&a.text[span], "9");
        assert!(md.contains("**Figure:** 9 (count)"), "{md}");
        assert!(md.contains("Counts: *alleged members*"), "{md}");
        assert!(md.contains("✓ agrees: `b.txt:1`"), "{md}");
        assert!(md.contains("✗ conflicts: `c.txt:1`"), "{md}");
        let b = corpus.get(&DocId::new("b.txt")).unwrap().clone();
        let hints = super::inlay_hints(&b);
        assert_eq!(hints.len(), 1);
        assert_eq!(hints[0].1, "= 9");
        assert_eq!(
            &b.text[..hints[0].0],
            "A coast guard raid off Cape Morrow killed nine"
        );
        assert!(super::hover(&a, &corpus, 2).is_none());
    }
}
