//! # `unattributed-quote`
//!
//! A direct quotation that no one in the text says: no speaker in its sentence, none in a tag right
//! after it ("“…?” she asked."), and none in the sentence before it when the quotation opens its
//! sentence (a quote that continues).
//!
//! ## What it flags
//! Quoted statements and quoted phrases of two words or more, in straight or curly quotation marks,
//! including quotations that run over several sentences or paragraphs. A quotation counts as
//! attributed when its sentence credits it to someone — "X said: “…”", "“…,” said X", "As X stated,
//! “…”", "what X calls “…”", "X described the plan as a “…”", "according to X" — or when it continues
//! a quotation whose speaker is named earlier. The message repeats the start of the quotation and
//! asks who said it.
//!
//! Not flagged: one quoted word ("a “temporary” closure"), titles and slogans in title case ("Safe
//! Streets Now"), names introduced as names ("so-called", "dubbed", "known as"), quotations in a headline
//! (the body attributes them), and quoted phrases inside a sentence whose subject is the person or
//! body they come from ("The council wants “a clean break with the past”").
//!
//! Nothing is flagged inside page boilerplate or a generated FAQ block (see `boilerplate` and
//! `generated-faq`): that text is to be removed, not sourced.
//!
//! ## Why it matters
//! A quotation is a claim about what someone said. Without a speaker the reader cannot check it, and
//! a phrase in quotation marks can smuggle an opinion into the writer's voice while seeming to report
//! it. Each flagged quotation needs a name, or it should lose its quotation marks.
//!
//! ## Example
//! Flagged:
//!
//! ```text
//! The port will stay shut. "The crane should have been replaced years ago."
//!                          ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ unattributed-quote
//! His efforts reflect a strategy to counter perceived “hostile foreign actors” in the region.
//!                                                     ^^^^^^^^^^^^^^^^^^^^^^^^ unattributed-quote
//! ```
//!
//! Not flagged:
//!
//! ```text
//! "We lost steering for less than a minute," harbour master Elena Vasquez said.
//! As Vasquez told reporters, “We lost steering for less than a minute.”
//! Vasquez said the tugs had failed. “It was enough to hit the crane.”
//! The ministry warned of what it calls “a wave of smuggling”.
//! ```
//!
//! The quick fix inserts a `[source?]` marker after the quotation; "Mark as reviewed" hides the
//! finding until the sentence changes.
//!
//! ## Configuration
//! ```toml
//! [rules.unattributed-quote]
//! enabled = true
//! severity = "warning"
//! ```
//!
//! ## Known false positives
//! A speaker named two or more sentences before a quotation that does not open its sentence is not
//! carried over: "Vasquez spoke for an hour. The tugs were late. Their crews called it “a
//! disgrace”." is flagged. Put the speaker in the quotation's sentence.

use super::{Docs, Reach, Rule, RuleContext, RuleMeta};
use crate::analysis::attribution::{self, QuoteKind};
use crate::analysis::{Finding, Severity};

pub struct UnattributedQuote;

static META: RuleMeta = RuleMeta {
    code: "unattributed-quote",
    title: "Unattributed quote",
    default_severity: Severity::Warning,
    reach: Reach::Document,
    summary: "A direct quotation with no speaker in its sentence or the one before it.",
    docs: Docs::from_source(include_str!("unattributed_quote.rs")),
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
        for q in &attribution.quotes {
            if q.speaker.is_some()
                || q.continues.is_some()
                || doc.in_boilerplate(q.span.clone())
                || !matches!(q.kind, QuoteKind::Statement | QuoteKind::Phrase)
            {
                continue;
            }
            // A headline's quote is attributed in the article body.
            if attribution
                .sentence(q.sentences.start)
                .is_some_and(|s| s.heading)
            {
                continue;
            }
            // A quoted phrase (not a statement) in a paragraph that cites a
            // source is most likely that source's wording.
            if q.kind == QuoteKind::Phrase
                && doc
                    .segmentation
                    .sentences
                    .get(q.sentences.start)
                    .is_some_and(|s| attribution.paragraph_has_source(s.paragraph))
            {
                continue;
            }
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
}
