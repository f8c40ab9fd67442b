//! Interim stand-ins for analyses that other detectors own.
//!
//! The figure rules need to know whether a sentence names its source and
//! whether a line is page boilerplate. [`in_boilerplate`] asks the
//! boilerplate detector. [`has_source`] is a small check of its own until
//! the attribution analysis is in [`DocAnalysis`]; the rules call nothing
//! else, so that is the one place to change.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::analysis::DocAnalysis;

/// A source named in a sentence: a reporting verb with its speaker, "according
/// to", a quote with a speaker, "figures from …".
static SOURCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
        \b(?:according\ to|citing|cited\ by|quoted\ by|figures\ (?:from|released\ by)|data\ (?:from|released\ by)|statistics\ from|a\ report\ by|a\ study\ by)\b
        | \b(?:said|says|say|told|tells|announced|announces|stated|states|reported|reports|estimated|estimates|confirmed|confirms|claimed|claims|noted|notes|added|explained|wrote|warned|testified|disclosed|revealed|acknowledged|insisted|declared|show|showed|shows|found|counted|recorded|tallied|published|released|put\ the|puts\ the)\b
        ",
    )
    .expect("valid regex")
});

/// A reporting verb with no agent: "murders reported as of July", "it is
/// estimated", "were confirmed".
static AGENTLESS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
        \b(?:is|are|was|were|been|be|being|it\ is|it\ was|have\ been|has\ been)\s+(?:\w+ly\s+)?(?:reported|estimated|confirmed|recorded|counted|believed|thought|said|claimed|found|released|published)\b
        | \b(?:reported|recorded|estimated|counted|registered)\s+(?:as\ of|so\ far|to\ date|(?:so\ far\ )?this\ year)\b
        | ^\W*(?:reported|estimated)\b
        ",
    )
    .expect("valid regex")
});

/// Whether sentence `index` of `doc`, or its paragraph, names the source of
/// what it states.
///
/// Interim check: a reporting verb or "according to" that is not an
/// agentless passive ("murders reported as of July", "it is estimated"),
/// or a quotation (whose speaker the attribution analysis would find).
/// Sentences of the same paragraph count: the brief for statistics is "no
/// source in its sentence or paragraph".
pub fn has_source(doc: &DocAnalysis, index: usize) -> bool {
    let seg = &doc.segmentation;
    let Some(sentence) = seg.sentences.get(index) else {
        return false;
    };
    let sentences = seg
        .paragraphs
        .get(sentence.paragraph)
        .map_or(index..index + 1, |p| p.sentences.clone());
    sentences.into_iter().any(|k| {
        seg.sentences
            .get(k)
            .is_some_and(|s| sentence_names_source(doc.slice(s.span.clone())))
    })
}

fn sentence_names_source(s: &str) -> bool {
    let quoted = s.contains('“') || s.matches('"').count() >= 2;
    if quoted {
        return true;
    }
    SOURCE.find_iter(s).any(|m| {
        // The same verb inside an agentless construction is no source,
        // unless the agent follows ("was reported by the coast guard").
        let by_agent = s[m.end()..].trim_start().starts_with("by ");
        by_agent
            || !AGENTLESS
                .find_iter(s)
                .any(|a| a.start() <= m.start() && m.end() <= a.end())
    })
}

/// Whether a span lies in page boilerplate, as the boilerplate detector
/// labels the document (teasers, "Related Posts" blocks, generated FAQs,
/// captions and credits): figures there are not the article's claims.
pub fn in_boilerplate(doc: &DocAnalysis, span: Range<usize>) -> bool {
    doc.in_boilerplate(span)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reporting_verbs_count_agentless_passives_do_not() {
        assert!(sentence_names_source(
            "Police said 3 people were killed in the crash."
        ));
        assert!(sentence_names_source(
            "According to the ministry, 40% of schools closed."
        ));
        assert!(sentence_names_source(
            "Trump announced a strike killing 11 alleged members."
        ));
        assert!(!sentence_names_source(
            "Over five thousand murders were reported as of July."
        ));
        assert!(!sentence_names_source(
            "Over five thousand murders reported as of July this year."
        ));
        assert!(!sentence_names_source(
            "The homicide rate surged by 40% in 2025."
        ));
        assert!(!sentence_names_source(
            "It is estimated that 2,000 people fled."
        ));
        assert!(sentence_names_source(
            "It was reported by the coast guard that 12 people drowned."
        ));
        assert!(sentence_names_source(
            "Port records show the ferry carried 221 passengers."
        ));
    }
}
