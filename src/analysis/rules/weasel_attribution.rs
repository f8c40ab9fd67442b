#![doc = include_str!("../../../docs/rules/weasel-attribution.md")]

use std::sync::LazyLock;

use regex::Regex;

use super::{Reach, Rule, RuleContext, RuleMeta};
use crate::analysis::{Finding, Severity};

pub struct WeaselAttribution;

static META: RuleMeta = RuleMeta {
    code: "weasel-attribution",
    title: "Weasel attribution",
    default_severity: Severity::Warning,
    reach: Reach::Document,
    summary: "A view or claim credited to unnamed people or to no one.",
    docs: include_str!("../../../docs/rules/weasel-attribution.md"),
};

/// Anonymous crowds and agentless constructions. Each alternative is one
/// phrase family; the rule reports the matched text.
static PATTERNS: &[&str] = &[
    // quantifier (+ group) + reporting verb: "many interpret", "some analysts say"
    r"\b(?:many|some|several|most|certain|various|numerous|others)(?:\s+(?:people|observers|analysts|experts|critics|commentators|scholars|scientists|economists|historians|officials|residents|voices))?\s+(?:say|said|believe|believed|argue|argued|claim|claimed|think|thought|feel|felt|suggest|suggested|interpret|interpreted|contend|contended|fear|feared|insist|insisted|maintain|maintained|consider|considered|view|viewed|see|saw|describe|described|warn|warned|point\s+out|have\s+(?:said|argued|suggested|claimed|noted|warned|called))\b",
    // bare group + reporting verb: "critics say", "experts believe"
    r"\b(?:critics|experts|observers|analysts|commentators|skeptics|sceptics|insiders|detractors|supporters|opponents)\s+(?:say|said|believe|believed|argue|argued|claim|claimed|contend|contended|suggest|suggested|warn|warned|note|noted|fear|feared|insist|insisted|point\s+out)\b",
    // agentless "it is believed that", "it has been reported"
    r"\bit\s+(?:is|was|has\s+been|had\s+been)\s+(?:widely\s+|generally\s+|commonly\s+|often\s+)?(?:believed|thought|said|claimed|reported|rumou?red|understood|alleged|feared|suggested|argued)\b",
    // "is seen as", "a move seen as", "widely regarded as"
    r"\b(?:(?:is|are|was|were|be|been|being)\s+)?(?:widely\s+|generally\s+|largely\s+|often\s+|commonly\s+|increasingly\s+)?(?:seen|viewed|regarded|perceived)\s+as\b",
    r"\b(?:widely|generally|commonly|largely)\s+(?:considered|believed|thought|accepted|expected|acknowledged)\b",
    r"\b(?:is|are|was|were)\s+(?:widely\s+|generally\s+|commonly\s+)?considered\s+(?:to\s+be\s+)?",
    r"\b(?:largely|widely|often|mainly|mostly)\s+attributed\s+to\b",
    r"\breportedly\b",
    r"\baccording\s+to\s+(?:some|many|critics|experts|observers|analysts|reports|sources)\b",
    r"\bthere\s+(?:are|were)\s+(?:those|people|some)\s+who\s+(?:say|believe|argue|think|claim)\b",
    r"\b(?:research|studies|evidence)\s+(?:has\s+shown|have\s+shown|shows|show|suggests|suggest)\b",
];

static WEASEL: LazyLock<Regex> = LazyLock::new(|| {
    let joined = PATTERNS
        .iter()
        .map(|p| format!("(?:{p})"))
        .collect::<Vec<_>>()
        .join("|");
    Regex::new(&format!("(?i){joined}")).expect("weasel patterns are valid regexes")
});

/// A modal before the phrase makes it the writer's own hedged reading
/// ("can be seen as"), not a claim about what others think.
static MODAL_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:can|could|may|might|should|must|would)\s+(?:also\s+|perhaps\s+)?$")
        .expect("valid regex")
});

/// "… by the national police": the agent is named after the phrase.
static AGENT_AFTER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[^.;]{0,80}?\bby\s+(?:the\s+)?\p{Lu}").expect("valid regex"));

impl Rule for WeaselAttribution {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
        let text = &*cx.doc.text;
        for sentence in &cx.doc.segmentation.sentences {
            let s = &text[sentence.span.clone()];
            for m in WEASEL.find_iter(s) {
                let phrase = m.as_str().trim();
                if phrase.is_empty() || inside_quotes(s, m.start()) {
                    continue;
                }
                if MODAL_BEFORE.is_match(&s[..m.start()]) || AGENT_AFTER.is_match(&s[m.end()..]) {
                    continue;
                }
                let start = sentence.span.start + m.start();
                let span = start..start + phrase.len();
                out.push(Finding::new(
                    &META,
                    span,
                    format!(
                        "“{phrase}” credits this to no one in particular: who says so? \
                         Name the source or state it as the writer's own view."
                    ),
                ));
            }
        }
    }
}

/// Whether byte `at` of `s` lies inside a quotation opened earlier in the
/// sentence (curly quotes by nesting, straight quotes by parity).
fn inside_quotes(s: &str, at: usize) -> bool {
    let before = &s[..at];
    let curly_open = before.matches('“').count();
    let curly_close = before.matches('”').count();
    curly_open > curly_close || before.matches('"').count() % 2 == 1
}

#[cfg(test)]
mod tests {
    use crate::analysis::{Corpus, DocId, RuleScope, Settings, analyze_document, check};
    use std::sync::Arc;

    fn flagged(text: &str) -> Vec<String> {
        let doc = analyze_document(DocId::new("t.txt"), Arc::from(text), &Settings::default());
        check(&doc, &Corpus::new(), &Settings::default(), RuleScope::All)
            .into_iter()
            .filter(|f| f.code == "weasel-attribution")
            .map(|f| text[f.span].to_string())
            .collect()
    }

    #[test]
    fn flags_anonymous_crowds_and_agentless_phrases() {
        assert_eq!(
            flagged("The port reopened, in a gesture that many interpret as a concession."),
            ["many interpret"]
        );
        assert_eq!(
            flagged("The surge is largely attributed to gang rivalry."),
            ["largely attributed to"]
        );
        assert_eq!(
            flagged("The deal was signed, a move seen as a win for farmers."),
            ["seen as"]
        );
        assert_eq!(
            flagged("It is widely believed that the mayor will resign."),
            ["It is widely believed"]
        );
        assert_eq!(
            flagged("Critics say the plan is too costly."),
            ["Critics say"]
        );
    }

    #[test]
    fn leaves_named_sources_modals_and_quotes_alone() {
        assert!(flagged("Economists at the central bank say inflation will ease.").is_empty());
        assert!(flagged("The visit can be seen as a step towards that goal.").is_empty());
        assert!(
            flagged("The rise is attributed to gang rivalry by the national police.").is_empty()
        );
        assert!(flagged("“Many people believe the war is over,” the governor said.").is_empty());
        assert!(flagged("He is expected to meet the president on Tuesday.").is_empty());
    }

    #[test]
    fn disabled_rule_reports_nothing() {
        let text = "Critics say the plan is too costly.";
        let doc = analyze_document(DocId::new("t.txt"), Arc::from(text), &Settings::default());
        let mut settings = Settings::default();
        settings.rules.insert(
            "weasel-attribution".into(),
            crate::analysis::RuleSettings {
                enabled: false,
                severity: None,
            },
        );
        assert!(check(&doc, &Corpus::new(), &settings, RuleScope::All).is_empty());
    }
}
