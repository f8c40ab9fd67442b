//! `unattributed-quote` and `anonymous-source` measured on PolNeAR dev
//! (real political news with every attribution marked: Source, Cue,
//! Content; skipped without `../shared`). Prints precision and recall; the
//! assertions only guard against the harness reading nothing.
//!
//! - A flagged quotation is wrong when it lies inside a gold Content that
//!   has a Source. Gold unattributed quotations are quotations of three or
//!   more words inside no such Content; recall is the share flagged.
//! - The last assertion guards the shipped quotation model against
//!   regressing to the flags on attributed quotations of the structural
//!   reading alone.
//! - An `anonymous-source` finding is on target when it overlaps a gold
//!   Source or Cue (the gold marks who speaks, not whether they are named).
//!   Recall, and a strict precision, need to know which gold Sources are
//!   anonymous; the gold does not say, so a transparent criterion decides
//!   ([`anonymous_gold`]): a Source whose head is a common noun that names
//!   a person (the learned person nouns and role titles of the shared
//!   lexicon, or the attribution lexicon's anonymous heads, roles and
//!   professions; a plural must be a role, not any group: "officials",
//!   not "voters"; not an unnamed crowd or a quantified group, which
//!   `weasel-attribution` reports, unless marked as anonymous: "people
//!   familiar with"), with no proper noun as head, pronoun, definite or possessive
//!   determiner, and no name in apposition ("a campaign aide", "an agency
//!   spokesman", "officials"; not "Name, a hospital official", "the
//!   official", "his aide").
//!   Only Sources whose Cue has a reporting verb (the shared lexicon's
//!   `reporting_verbs.txt`, by lemma) or "according to" count: the gold
//!   also marks thought and action ("candidates scramble"), which is not
//!   sourcing.
//! - `unattributed-statistic`: a finding inside a Content people credit
//!   to a Source is wrong (an upper bound on precision: the gold does not
//!   say which figures are statistics). `weasel-attribution`: the share of
//!   findings on a Source or Cue people marked (a vague attribution is
//!   still an attribution to them).
//! - `polnear_train_anonymous` (ignored; run it with `--ignored`) prints
//!   the same figures on train, with the misses, to develop on.

mod common;
#[path = "support/polnear.rs"]
mod polnear;

use std::ops::Range;
use std::sync::Arc;

use factline::analysis::attribution::{self, anon_model};
use factline::analysis::language::{Lang, lexicon};
use factline::analysis::{
    Corpus, DocAnalysis, DocId, RuleScope, Settings, analyze_document, check,
};
use polnear::{anonymous_gold, articles, fold, inside, language_at, overlaps};

/// Double-quoted passages of three or more words.
fn quotations(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    for (i, c) in text.char_indices() {
        match (c, open) {
            ('“' | '"', None) => open = Some(i),
            ('”' | '"', Some(s)) => {
                let end = i + c.len_utf8();
                if text[s..end].split_whitespace().count() >= 3 {
                    out.push(s..end);
                }
                open = None;
            }
            ('\n', Some(_)) => open = None,
            _ => {}
        }
    }
    out
}

/// Whether a gold Cue says that someone spoke: one of its words is a
/// reporting verb of the shared lexicon (by lemma), or it is "according
/// to". Attributions of thought or action ("candidates scramble",
/// "politicians resist") are not sourcing.
fn reporting_cue(doc: &DocAnalysis, span: &Range<usize>) -> bool {
    let text = &*doc.text;
    let Some(lang) = language_at(doc, span) else {
        return false;
    };
    let lex = lexicon(Lang::English);
    (0..lang.tokens.len()).any(|k| {
        let t = &lang.tokens[k].span;
        t.start >= span.start
            && t.end <= span.end
            && (lex.reporting_verb(&lang.lemmas[k]).is_some()
                || lang.word(text, k).eq_ignore_ascii_case("according"))
    })
}

/// Why no finding overlaps the gold Source `g`: the learned decision
/// rejected a candidate (its probability, whether the structural checks
/// accept it), the parser read the source as another kind, or no
/// attribution overlaps it at all.
fn why_missed(doc: &DocAnalysis, g: &Range<usize>) -> String {
    let m = anon_model::model();
    for c in anon_model::candidates(doc) {
        let a = &doc.attribution.sentences[c.sentence].attributions[c.attribution];
        if overlaps(&a.source.span, std::slice::from_ref(g)) {
            return format!(
                "candidate p={:.2} structural={} speech={} {:?}",
                m.probability(&c.features),
                c.structural,
                c.speech,
                a.construction
            );
        }
    }
    doc.attribution
        .sentences
        .iter()
        .flat_map(|s| s.attributions.iter())
        .find(|a| overlaps(&a.source.span, std::slice::from_ref(g)))
        .map_or("no attribution".to_string(), |a| {
            format!(
                "parsed {:?} [{}] {:?}",
                a.source.kind,
                &doc.text[a.source.span.clone()],
                a.construction
            )
        })
}

/// The precision the shipped anonymous-source decision must reach on the
/// fold of train it was not fitted on (0.875 there, the structural checks
/// alone 0.846).
const ANON_MIN_PRECISION: f64 = 0.86;
/// The share (percent) of the structural checks' right findings it must
/// keep on that fold (105, the checks alone 104).
const ANON_MIN_KEPT: usize = 95;

/// The attribution whose source is the finding at `span`.
fn attribution_of<'d>(
    doc: &'d DocAnalysis,
    span: &Range<usize>,
) -> Option<&'d attribution::Attribution> {
    doc.attribution
        .sentences
        .iter()
        .flat_map(|s| s.attributions.iter())
        .find(|a| a.source.span == *span)
}

#[derive(Default)]
struct Figures {
    articles: usize,
    flagged: usize,
    flagged_wrong: usize,
    gold_unattributed: usize,
    gold_found: usize,
    anonymous: usize,
    anonymous_on_source: usize,
    anonymous_on_anonymous: usize,
    gold_anonymous: usize,
    gold_anonymous_found: usize,
    statistic: usize,
    statistic_sourced: usize,
    weasel: usize,
    weasel_on_attribution: usize,
}

/// Runs the rules over one split; `show` prints misses and false alarms.
fn measure(split: &str, show: bool) -> Option<Figures> {
    let root = common::shared(&format!("corpora/polnear-attribution/{split}"))?;
    let settings = Settings::default();
    let corpus = Corpus::new();
    let mut fig = Figures::default();
    for art in articles(&root) {
        let (ann_name, text, gold) = (&art.name, art.text.as_str(), &art.gold);
        fig.articles += 1;
        let doc = analyze_document(DocId::new(ann_name.clone()), Arc::from(text), &settings);
        let findings = check(&doc, &corpus, &settings, RuleScope::All);
        let quote_findings: Vec<Range<usize>> = findings
            .iter()
            .filter(|f| f.code == "unattributed-quote")
            .map(|f| f.span.clone())
            .collect();
        for f in &quote_findings {
            fig.flagged += 1;
            let wrong = inside(text, f, &gold.sourced_contents);
            fig.flagged_wrong += usize::from(wrong);
            if show && wrong {
                eprintln!("QUOTE-WRONG {ann_name}: {}", &text[f.clone()]);
            }
        }
        for q in quotations(text) {
            if !inside(text, &q, &gold.sourced_contents) {
                fig.gold_unattributed += 1;
                fig.gold_found += usize::from(overlaps(&q, &quote_findings));
            }
        }
        // A figure inside a Content people credit to a Source is
        // attributed: an `unattributed-statistic` finding there is wrong.
        // A `weasel-attribution` finding that overlaps no Source or Cue
        // people marked credits nothing in their reading.
        for f in &findings {
            match f.code {
                "unattributed-statistic" => {
                    fig.statistic += 1;
                    let sourced = inside(text, &f.span, &gold.sourced_contents);
                    fig.statistic_sourced += usize::from(sourced);
                    if show && sourced {
                        eprintln!("STAT-SOURCED {ann_name}: {}", &text[f.span.clone()]);
                    }
                }
                "weasel-attribution" => {
                    fig.weasel += 1;
                    fig.weasel_on_attribution += usize::from(
                        overlaps(&f.span, &gold.sources) || overlaps(&f.span, &gold.cues),
                    );
                }
                _ => {}
            }
        }
        let gold_anonymous: Vec<Range<usize>> = gold
            .source_cues
            .iter()
            .filter(|(_, cues)| cues.iter().any(|c| reporting_cue(&doc, c)))
            .flat_map(|(sources, _)| sources.iter())
            .filter(|s| anonymous_gold(&doc, s))
            .cloned()
            .collect();
        let anonymous: Vec<Range<usize>> = findings
            .iter()
            .filter(|f| f.code == "anonymous-source")
            .map(|f| f.span.clone())
            .collect();
        for f in &anonymous {
            fig.anonymous += 1;
            fig.anonymous_on_source +=
                usize::from(overlaps(f, &gold.sources) || overlaps(f, &gold.cues));
            let right = overlaps(f, &gold_anonymous);
            fig.anonymous_on_anonymous += usize::from(right);
            if show && std::env::var_os("POLNEAR_ALL").is_some() {
                let cue = attribution_of(&doc, f).map_or(String::new(), |a| {
                    let after: String = text[a.cue.end..].chars().take(50).collect();
                    format!(
                        "{:?} [{}] >> {}",
                        a.construction,
                        &text[a.cue.clone()],
                        after.replace('\n', " ")
                    )
                });
                let on_gold = overlaps(f, &gold.sources) || overlaps(f, &gold.cues);
                eprintln!(
                    "ANON-ALL {} {} {ann_name}: {} CUE {cue}",
                    u8::from(on_gold),
                    u8::from(right),
                    &text[f.clone()]
                );
            }
            if show && !right {
                let on: Vec<&str> = gold
                    .sources
                    .iter()
                    .filter(|g| g.start < f.end && f.start < g.end)
                    .map(|g| &text[g.clone()])
                    .collect();
                let s = doc
                    .segmentation
                    .sentences
                    .iter()
                    .find(|s| s.span.start <= f.start && f.start < s.span.end)
                    .map_or("", |s| &text[s.span.clone()]);
                let cue = attribution_of(&doc, f).map_or(String::new(), |a| {
                    format!("{:?} [{}]", a.construction, &text[a.cue.clone()])
                });
                eprintln!(
                    "ANON-EXTRA {ann_name}: {} CUE {cue} ON {on:?} in: {}",
                    &text[f.clone()],
                    s.replace('\n', " ")
                );
            }
        }
        for g in &gold_anonymous {
            fig.gold_anonymous += 1;
            let found = overlaps(g, &anonymous);
            fig.gold_anonymous_found += usize::from(found);
            if show && !found {
                let s = doc
                    .segmentation
                    .sentences
                    .iter()
                    .find(|s| s.span.start <= g.start && g.start < s.span.end)
                    .map_or("", |s| &text[s.span.clone()]);
                eprintln!(
                    "ANON-MISS {ann_name}: [{}] WHY {} in: {}",
                    &text[g.clone()],
                    why_missed(&doc, g),
                    s.replace('\n', " ")
                );
            }
        }
    }
    let pct = |a: usize, b: usize| 100.0 * a as f64 / b.max(1) as f64;
    eprintln!(
        "PolNeAR {split}, {} articles: unattributed-quote {} flagged, precision {:.1}% ({} inside a sourced Content); \
         recall {:.1}% of {} unattributed quotations; anonymous-source {} findings, {:.1}% on a gold Source or Cue, \
         {:.1}% on an anonymous gold Source; recall {:.1}% of {} anonymous gold Sources",
        fig.articles,
        fig.flagged,
        pct(fig.flagged - fig.flagged_wrong, fig.flagged),
        fig.flagged_wrong,
        pct(fig.gold_found, fig.gold_unattributed),
        fig.gold_unattributed,
        fig.anonymous,
        pct(fig.anonymous_on_source, fig.anonymous),
        pct(fig.anonymous_on_anonymous, fig.anonymous),
        pct(fig.gold_anonymous_found, fig.gold_anonymous),
        fig.gold_anonymous,
    );
    eprintln!(
        "PolNeAR {split}: unattributed-statistic {} findings, {} inside a sourced Content \
         (precision at most {:.1}%); weasel-attribution {} findings, {:.1}% on a gold Source or Cue",
        fig.statistic,
        fig.statistic_sourced,
        pct(fig.statistic - fig.statistic_sourced, fig.statistic),
        fig.weasel,
        pct(fig.weasel_on_attribution, fig.weasel),
    );
    Some(fig)
}

#[test]
fn polnear_dev_precision_and_recall() {
    let Some(fig) = measure("dev", std::env::var_os("POLNEAR_SHOW").is_some()) else {
        return;
    };
    assert!(fig.articles >= 80, "read {} articles", fig.articles);
    assert!(
        fig.gold_anonymous >= 20,
        "{} anonymous gold Sources",
        fig.gold_anonymous
    );
    // The shipped quotation model (`data/attribution/quote_model.txt`,
    // trained on train only): few flags on quotations the articles
    // attribute (38 before the model, 7 before transcript turns and dash
    // credits were read).
    assert!(
        fig.flagged_wrong <= 5,
        "{} flags on attributed quotations",
        fig.flagged_wrong
    );
}

/// The same figures on train, with every miss and false alarm printed:
/// the split to develop on.
#[test]
#[ignore]
fn polnear_train_anonymous() {
    measure("train", true);
}

/// The shipped decision of `anonymous-source`
/// (`data/attribution/anonymous_model.txt`) on the fold of PolNeAR train it
/// was not fitted on (`examples/train_anonymous_model.rs` leaves it out),
/// against the structural checks alone on the same candidates: a
/// candidate is right when it overlaps a Source or Cue people marked.
#[test]
fn anonymous_model_on_held_out_train_fold() {
    let Some(root) = common::shared("corpora/polnear-attribution/train") else {
        return;
    };
    let settings = Settings::default();
    let (mut model, mut model_right, mut rules, mut rules_right, mut right) = (0, 0, 0, 0, 0);
    for art in articles(&root) {
        if fold(&art.name, polnear::MODEL_FOLDS) != polnear::MODEL_HELD_OUT {
            continue;
        }
        let doc = analyze_document(
            DocId::new(art.name.clone()),
            Arc::from(art.text.as_str()),
            &settings,
        );
        for c in anon_model::candidates(&doc) {
            let a = &doc.attribution.sentences[c.sentence].attributions[c.attribution];
            let on = overlaps(&a.source.span, &art.gold.sources)
                || overlaps(&a.source.span, &art.gold.cues);
            right += usize::from(on);
            if anon_model::accept(&doc, &c) {
                model += 1;
                model_right += usize::from(on);
            }
            if c.structural {
                rules += 1;
                rules_right += usize::from(on);
            }
        }
    }
    let p = |r: usize, n: usize| r as f64 / n.max(1) as f64;
    eprintln!(
        "held-out train fold: {right} right candidates; model {model} flagged, precision {:.3}, \
         {model_right} right; structural checks {rules} flagged, precision {:.3}, {rules_right} right",
        p(model_right, model),
        p(rules_right, rules)
    );
    assert!(right >= 50, "{right} right candidates");
    assert!(
        p(model_right, model) >= ANON_MIN_PRECISION,
        "model precision {:.3}",
        p(model_right, model)
    );
    assert!(
        p(model_right, model) > p(rules_right, rules),
        "no more precise than the structural checks"
    );
    assert!(
        model_right * 100 >= rules_right * ANON_MIN_KEPT,
        "model keeps {model_right} right, the structural checks {rules_right}"
    );
}
