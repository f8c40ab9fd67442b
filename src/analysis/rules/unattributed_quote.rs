#![doc = include_str!("../../../docs/rules/unattributed-quote.md")]

use super::{Reach, Rule, RuleContext, RuleMeta};
use crate::analysis::attribution::{self, QuoteKind, quote_model};
use crate::analysis::{Finding, Severity};

pub struct UnattributedQuote;

static META: RuleMeta = RuleMeta {
    code: "unattributed-quote",
    title: "Unattributed quote",
    default_severity: Severity::Hint,
    reach: Reach::Document,
    summary: "A direct quotation with no speaker: none in its sentence or the ones around it, and no evidence of one the learned model reads.",
    docs: include_str!("../../../docs/rules/unattributed-quote.md"),
};

/// How many words of the quotation the message repeats.
const EXCERPT_WORDS: usize = 6;

impl Rule for UnattributedQuote {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
        let doc = cx.doc;
        let text = &*doc.text;
        let attribution = &doc.attribution;
        for qi in quote_model::candidates(doc) {
            // The structural reading found no speaker; the learned model
            // weighs the evidence around the quotation (a verb people
            // mark as a cue, a speaker in the sentence before or after, a
            // transcript turn, a sign-off) before calling it unattributed.
            if quote_model::attributed(doc, qi) {
                continue;
            }
            let q = &attribution.quotes[qi];
            let words: Vec<&str> = doc.slice(q.inner.clone()).split_whitespace().collect();
            let mut excerpt = words[..words.len().min(EXCERPT_WORDS)].join(" ");
            let excerpt_trimmed = excerpt.trim_end_matches([',', '.', ';', ':']).len();
            excerpt.truncate(excerpt_trimmed);
            if words.len() > EXCERPT_WORDS {
                excerpt.push('…');
            }
            let what = if q.kind == QuoteKind::Statement {
                "Quotation"
            } else {
                "Quoted phrase"
            };
            let mut f = Finding::new(
                &META,
                q.span.clone(),
                format!(
                    "{what} “{excerpt}” has no speaker in its sentence or the one before: \
                     who said it? Name the speaker, or drop the quotation marks if these \
                     are the writer's own words."
                ),
            );
            let at = if q.closed {
                q.span.end
            } else {
                doc.segmentation
                    .sentences
                    .get(q.sentences.end.saturating_sub(1))
                    .map_or(q.span.end, |s| attribution::claim_end(text, s.span.clone()))
            };
            if let Some(fix) = attribution::marker_fix(text, at) {
                f.fixes.push(fix);
            }
            out.push(f);
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
            .filter(|f| f.code == "unattributed-quote")
            .map(|f| text[f.span].to_string())
            .collect()
    }

    #[test]
    fn flags_quotes_nobody_says() {
        assert_eq!(
            flagged(
                "The ferry was late again.\n\n“The crane should have been replaced years ago.”"
            ),
            ["“The crane should have been replaced years ago.”"]
        );
        assert_eq!(
            flagged("The plan would turn the port into a \"tax haven for smugglers\" overnight."),
            ["\"tax haven for smugglers\""]
        );
    }

    #[test]
    fn named_speakers_before_or_after_the_quote_attribute_it() {
        for text in [
            "“We lost steering for a minute,” harbour master Elena Vasquez said.",
            "“We lost steering for a minute,” said harbour master Elena Vasquez.",
            "Elena Vasquez said: “We lost steering for a minute.”",
            "As Vasquez told reporters in Valmera, “We lost steering for a minute.”",
            "The ministry warned of what it calls “a wave of smuggling” on the coast.",
            "Vasquez spoke first. “We lost steering. It was enough,” she said.",
            "Vasquez said the tugs had failed. “We lost steering for a minute.”",
            "“Why now?” Vasquez asked.",
            "The union called the closure “a disgrace to the port”.",
        ] {
            assert!(flagged(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn titles_single_words_and_names_are_not_quotations_to_attribute() {
        for text in [
            "The policy, known as “Harbour First”, began in May.",
            "The port is not “necessarily” closed.",
            "Workers joined the so-called \"slow berth\" protest.",
            "Storm Warning for 'Valmera Coast'",
        ] {
            assert!(flagged(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn speakers_the_lists_do_not_know_attribute_the_quote() {
        for text in [
            // A reporting verb no list names, after the quotation.
            "The results came in overnight.\n\n“We doubled the harvest in a single season,” crowed the cooperative's director, Ines Marlow.",
            // A transcript turn.
            "The hearing resumed after lunch.\n\nOKAFOR: “We have answered that question three times already, senator.”",
            // A reader's letter signed on the next line.
            "Readers wrote in about the ferry timetable.\n\n“The new timetable leaves commuters stranded for an hour every evening.”\n— Dana Whitlock, Port Elmo",
            // An order shouted by someone the sentence names after it.
            "The crowd pushed towards the gate. “Stay behind the barrier!” an officer ordered.",
        ] {
            assert!(flagged(text).is_empty(), "{text}: {:?}", flagged(text));
        }
    }

    #[test]
    fn a_lone_quotation_with_no_one_around_is_flagged() {
        let text = "The ferry was late again on Monday, the third delay this month.\n\n\
                    “The whole schedule was built for a fleet the company no longer has.”\n\n\
                    Tickets will cost the same next year.";
        assert_eq!(flagged(text).len(), 1, "{:?}", flagged(text));
    }
}
