#![doc = include_str!("../../../docs/rules/anonymous-source.md")]

use super::{Reach, Rule, RuleContext, RuleMeta};
use crate::analysis::attribution::{self, SourceKind};
use crate::analysis::{Finding, Severity};

pub struct AnonymousSource;

static META: RuleMeta = RuleMeta {
    code: "anonymous-source",
    title: "Anonymous source",
    default_severity: Severity::Information,
    reach: Reach::Document,
    summary: "A claim credited to someone the reader cannot check: \"a senior official\", \"sources familiar with the talks\".",
    docs: include_str!("../../../docs/rules/anonymous-source.md"),
};

impl Rule for AnonymousSource {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
        let doc = cx.doc;
        let text = &*doc.text;
        for (i, sentence) in doc.attribution.sentences.iter().enumerate() {
            let mut seen: Vec<std::ops::Range<usize>> = Vec::new();
            for a in &sentence.attributions {
                // Later mentions ("the official clarified") refer back to
                // the first one, which is the one reported.
                if a.source.kind != SourceKind::Anonymous
                    || seen.contains(&a.source.span)
                    || doc.in_boilerplate(a.source.span.clone())
                {
                    continue;
                }
                seen.push(a.source.span.clone());
                let who = doc.slice(a.source.span.clone());
                let mut f = Finding::new(
                    &META,
                    a.source.span.clone(),
                    format!(
                        "“{who}” is an anonymous source: who is it, and can the claim be \
                         confirmed on the record? Name the source or say why they are not named."
                    ),
                );
                if let Some(s) = doc.segmentation.sentences.get(i)
                    && let Some(fix) =
                        attribution::marker_fix(text, attribution::claim_end(text, s.span.clone()))
                {
                    f.fixes.push(fix);
                }
                out.push(f);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::{Corpus, DocId, RuleScope, Settings, analyze_document, check};
    use std::sync::Arc;

    fn flagged(text: &str) -> Vec<String> {
        let doc = analyze_document(DocId::new("t.txt"), Arc::from(text), &Settings::default());
        check(&doc, &Corpus::new(), &Settings::default(), RuleScope::All)
            .into_iter()
            .filter(|f| f.code == "anonymous-source")
            .map(|f| text[f.span].to_string())
            .collect()
    }

    #[test]
    fn flags_unnamed_officials_and_sources() {
        assert_eq!(
            flagged("A senior Interior Ministry official clarified that no deal was near."),
            ["A senior Interior Ministry official"]
        );
        assert_eq!(
            flagged("Sources familiar with the talks said the draft was ready."),
            ["Sources familiar with the talks"]
        );
        assert_eq!(
            flagged("The port will close, a harbour official noted on Monday."),
            ["a harbour official"]
        );
        assert_eq!(
            flagged("Two officials, who spoke on condition of anonymity, said the plan failed."),
            ["Two officials"]
        );
        assert_eq!(
            flagged("The plan, according to people close to the minister, is dead."),
            ["people close to the minister"]
        );
    }

    #[test]
    fn leaves_named_and_referring_sources_alone() {
        assert!(flagged("Port director Lena Marsh said the quay was safe.").is_empty());
        assert!(
            flagged(
                "A senior official described the talks as tense. The official said more \
                 meetings were planned."
            )
            .len()
                == 1,
            "only the first mention"
        );
        assert!(flagged("A spokesman for the ministry said the talks would resume.").is_empty());
        assert!(flagged("Many people say the queues are too long.").is_empty());
        assert!(flagged("The officials left the building at noon.").is_empty());
    }
}
