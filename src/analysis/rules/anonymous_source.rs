//! # `anonymous-source`
//!
//! A claim credited to someone the reader cannot check: "a senior port authority official
//! confirmed", "a harbour official noted", "sources familiar with the talks said", "two officials, who
//! spoke on condition of anonymity".
//!
//! ## What it flags
//! The first mention of an unnamed source in a sentence: an official, a source, an aide, an adviser,
//! an insider or a diplomat with no name (with or without an affiliation: "a senior Interior Ministry
//! official", "U.S. officials"), and people marked as anonymous ("people familiar with the matter",
//! "a person close to the minister", "who asked not to be named"). Any other person brought in by
//! role with no name is anonymous too: an indefinite phrase ("an agency spokesman told us", "a
//! reporter asked", "two inspectors", "one person tweeted"), a bare plural ("inspectors argued"),
//! or the unnamed many of someone ("his advisers say"). The source is read across a relative clause
//! between it and its verb ("an official who spoke on condition of anonymity to discuss the talks
//! said"), through compound nouns whose head follows a name ("one former GOP leadership aide", "a
//! 2008 campaign veteran"), and from a sentence's first word when the tagger reads it as a modifier
//! rather than a name ("Former prosecutors said"). A quantifier, "both" or a numeral opening a
//! preposition's object does not cut the subject short ("inspectors in both ports insist", "inspectors
//! across the four ports said"); a number of a group is someone left unnamed ("one of the former aides
//! to the mayor said"), and a place adverb may stand between the subject and its verb ("officials
//! there say"). A phrase after "than" or "after" right before its verb is the subject of the
//! clause that word opens ("more money than harbour officials say"), a phrase after "with" or
//! "including" opening an absolute clause speaks the participle after it ("with port officials
//! warning that", "including a senior aide admitting that"), and a participle completing the verb before it shares that verb's subject ("a harbour
//! official was heard telling"). Which nouns name a person is learned, not listed: the nouns that
//! head person mentions in the GUM treebank (`data/lexicon/en/person_nouns.txt`, written by
//! `examples/train_person_nouns.rs`) and the role titles of the shared lexicon. Later references back
//! ("the official said") are not flagged again.
//!
//! An unnamed person speaking for a named body is anonymous too ("a spokeswoman for the agency
//! said", "a Harbour Board spokesman", "Tesco executives", "a Harbour Board executive"): the body is
//! named, the person is not, and the message says so. A role the lexicon also lists as a body
//! ("executive", "staff") is one unnamed person when an indefinite article brings it in, the name
//! only a modifier of the noun or its affiliation ("a Valmera Shipping executive told", "an
//! executive for the carrier"); a bare plural with a name ("G7 ministers") stays the named group.
//!
//! Not flagged: named people and bodies; a description set beside a name ("Rosa Tellam, a hospital
//! official, told the agency", "a former spokesman, Ivo Brandt, said"); a spokesperson the text has
//! introduced ("the spokesman for the ministry"); and unnamed crowds ("critics say", "some
//! lawmakers"), which `weasel-attribution` reports. Nor someone who reports nothing: a reporting word
//! the tagger reads as a noun ("delegates at stake in 11 states", "a liberal think tank"), or a cue
//! with no clause, quotation or object after it and none before ("a spokesman did not respond to a
//! request for comment", "a judge agreed with the plaintiffs"). A cue ending the clause of a
//! comparison reports the clause compared with ("more cargo than most port officials expected").
//!
//! Nothing is flagged inside page boilerplate or a generated FAQ block (see `boilerplate` and
//! `generated-faq`): that text is to be removed, not sourced.
//!
//! ## Why it matters
//! Anonymous sourcing is sometimes necessary, but the reader has to take it on trust. A fact-checker
//! wants to know who the source is, whether anyone confirms the claim on the record, and why the
//! source was not named. It is reported as information, not as a problem.
//!
//! ## Example
//! Flagged:
//!
//! ```text
//! A senior Interior Ministry official clarified that no deal is imminent.
//! ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ anonymous-source
//! Sources familiar with the talks said the draft was ready.
//! ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ anonymous-source
//! An agency spokesman told us the pier would reopen.
//! ^^^^^^^^^^^^^^^^^^^ anonymous-source
//! A spokeswoman for the port authority said the pier was closed.
//! ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ anonymous-source
//! ```
//!
//! Not flagged:
//!
//! ```text
//! Interior Minister Lena Marsh said no deal is imminent.
//! The spokesman for the ministry said the talks would resume.
//! The official added that the draft was ready.
//! Rosa Tellam, a hospital official, told the agency the ward was full.
//! ```
//!
//! "The official" refers back to a source the text has already named.
//!
//! ## Configuration
//! ```toml
//! [rules.anonymous-source]
//! enabled = true
//! severity = "information"
//! ```
//!
//! ## How it decides
//! The attribution parser proposes every unnamed person before or after a reporting cue; a learned
//! decision (`attribution::anon_model`, logistic regression, weights in
//! `data/attribution/anonymous_model.txt`, written by `cargo run --release --example
//! train_anonymous_model -- --write` on PolNeAR train) keeps those people mark as sources. Its
//! features are the language layer's: the cue's learned cue share and its class (seen as a cue,
//! common, core), whether the lexicon lists it as a reporting verb and the tagger reads a verb, the
//! source head's lexicon role, tag and number, its determiner, and where the source stands in the
//! sentence. Feature groups and the threshold were chosen by cross validation over articles of
//! train (the construction and modifier groups did not lower the out-of-fold loss and are left out;
//! the checks of what a cue reports are features too). The model decides only among the candidates
//! the structural checks accept: a cue the tagger reads as no verb of speech (a noun after a
//! determiner, a word inside a phrase of place, a source with no noun) and a cue that reports
//! nothing a reader could check ("did not respond to a request for comment") are never flagged. Scoring is one dot product per candidate. Spanish text is decided by the structural
//! checks.
//!
//! ## Measured
//! On PolNeAR dev (84 political news articles whose attributions people marked; never used to
//! develop), with `cargo test --release --test attribution_polnear -- --nocapture`: 50 findings, 44
//! of them on a Source or Cue people marked — **precision 0.88**. The gold does not say whether a
//! source is named, so a stated criterion picks the anonymous gold Sources (a Source of a reporting
//! Cue whose head is a person noun with no name, no definite determiner and no name beside it, not
//! a crowd; see the test's module doc): 63 on dev, of which the rule finds 43 — **recall 0.68**
//! (the same before and after the indefinite person of a body, the "including" absolutes and the comparisons with what was expected below; 0.67 before the quantified objects, partitives, "point to" and place adverbs were read; the
//! same before and after the comparative, absolute and completing-participle readings, which
//! found nothing new on dev, nor did the bare object relatives below), below the 0.7 aimed at; 41 of its 50 findings are on such a Source
//! (strict precision 0.82, 0.80 before: the criterion misses sources whose cue is not a listed
//! reporting verb, so this is a lower bound). Developed on train only (`-- --ignored
//! polnear_train_anonymous` prints the figures and every miss there): 564 findings, 0.908 on a
//! gold Source or Cue, recall 0.819, 472 of 576 (before a cue ending a comparison's clause was
//! read as reporting the clause compared with, "more cargo than port officials expected": 562, 0.907,
//! 0.816; before absolute clauses opened by "including" were read: 561, 0.907, 0.814; before an indefinite person of a role also listed
//! as a body was read, "a Dunmore Freight executive told": 560, 0.907, 0.811; before object relatives with no relative word were read, "the
//! place agency officials say …": 558, 0.909, 0.809; before the comparative, absolute and
//! completing-participle
//! readings: 555, 0.908, 0.804; before the quantified objects: 547, 0.905, 0.783). On the fold of
//! train the shipped weights were not fitted on (`anonymous_model_on_held_out_train_fold`): 119
//! findings, precision 0.882, 105 right, unchanged by those readings, the object relatives, the indefinite person of a body, the "including" absolutes and the comparisons (before the quantified
//! objects: 115, 0.878, 101; the structural checks alone: 126 findings, 0.849, 107 right). BBC
//! news: 17.38 findings per 1,000 sentences (764; 762 before the comparisons with what was
//! expected, the two new findings, read, unnamed analysts whose expectations a company's results
//! are set against; the same 762 before and after the "including" absolutes; 761 before the indefinite person of a body, the
//! one new finding, read, an unnamed executive of an exchange quoted in a report; the same 761 before the object relatives; 17.15 before the comparative, absolute and
//! completing-participle readings: the 7 new findings, all read, are unnamed analysts, investors
//! and sources after "with", "than" and "after" (analysts who say, advisers who say,
//! investors who criticise); 17.13 before that; `cargo test --release --test attribution --
//! --nocapture bbc_warnings`, `BBC_SHOW=anonymous-source` prints them; mostly "analysts", unnamed
//! spokespeople of named firms ("a spokesman for the carrier"), "officials", "ministers",
//! "economists"). Of 40 of those BBC findings drawn at random (Python `random.seed(13)`,
//! `random.sample` over the printed lines) and judged by this page's definition, 35 cite an
//! unnamed person or group as a source (precision 0.88; 32 of an earlier draw, before the readings
//! above); the 5 others are a spokesman who declined to comment, a headline's role that names one
//! known person ("carmaker's boss hails"), agents of a passive that report nothing ("posted on the net
//! by a programmer", "blamed by lawmakers"), and people acted on ("ministers have been asked to
//! explain"). In the earlier draw the wrong ones were people acted on or accused rather than cited
//! ("accused ministry officials of hiding"), a group the text has introduced ("the two brothers would appeal"), crowds the writer generalises about ("cyclists often complain", "traders are expecting"), agents of a passive that report nothing ("written by an unknown prankster", "criticised by viewers", "roads promised by ministers"), and an action
//! ("former trustees have agreed to repay"). Every attribution rule ships below warning severity
//! (this one at information, `weasel-attribution`, `unattributed-quote` and
//! `unattributed-statistic` at hint): no attribution warning on BBC.
//!
//! Tried and not shipped: letting the model also decide people the structural reading credits to a
//! named body ("bank executives", "an airline executive", "march organisers in the capital",
//! with a feature saying so, indefinite or bare plural phrases only) raised train recall from 0.783
//! to 0.804 (567 findings, 0.901 on a gold Source or Cue) but lowered precision on the held-out
//! train fold from 0.878 (115 findings) to 0.868 (121 findings, 105 right). Of the 125 train
//! misses (the test prints why each was missed), 77 lie in no reporting construction the parser
//! reads, 34 are read as a named or referring source, 8 are rejected by the learned decision and 6
//! by the structural checks (among them "declined to comment", "did not respond", which stay
//! unflagged by design).
//!
//! Also tried: features of the phrase's shape that say whether a reader can identify the person (a
//! proper-noun modifier, an affiliation followed by a name, a name just before or after the
//! phrase, a capitalised head inside the sentence, a quantifier or partitive opening), as one group
//! the cross validation may keep or leave out. It leaves them out (out-of-fold log loss 0.3106 with
//! them, 0.3022 without), so the shipped weights are unchanged; with them forced in by folding the
//! quantifier into the determiner group the held-out fold falls to 0.870 (115 findings, 100 right).
//! With the widening above they are left out as well and the held-out fold stays at 0.868. Fitting
//! the model to the anonymity criterion of the measure instead of to any gold Source or Cue
//! (`--anonymous-label`) lowers the held-out fold to 0.850 (120 findings, 102 right; with the
//! widening 0.860). The phrase's shape adds nothing the head and determiner features do not already
//! carry; the misses are elsewhere. Of the 77 train misses outside any construction the parser
//! read, counted by hand: 25 a participle or infinitive clause whose subject the reading does not
//! carry (", calling it", "were likely to say", "with officials vowing"); 19 thought or
//! expectation ("traders expect", "managers are uneasy", 7 of them after "than" or in an object
//! relative: "than advisers expected", "the trends politicians point to"); 3 an object relative of
//! a speech or label verb ("whom one insider described as"); 5 words between the subject and its
//! verb (brackets, dashes, "have, it seems, welcomed"); 3 a phrase after "by" or "with"; 3 a
//! quantifier or "both" in the phrase ("inspectors in both ports insist"); 2 a coordination; 1 a
//! partitive; 1 a place adverb; 15 no source a reader would be asked to trust (actions, headlines,
//! named people). Reading the quantified objects, partitives, place adverbs and "point to" leaves
//! 113 train misses (69 outside any construction, 31 read as named or referring, 13 rejected).
//! Reading the comparative and temporal clauses, absolute "with" clauses and completing
//! participles leaves 110: the other sources after "than" that the reading now proposes (of the
//! shape "more seats than his advisers expected") are thought,
//! not speech, and the learned decision rejects them (the weights are unchanged: no feature
//! changed).
//!
//! Earlier rounds (hand rules; dev precision on a gold Source or Cue, dev recall, train precision
//! and recall, BBC per 1,000 sentences):
//!
//! | hand rules | dev P (findings) | dev R | train P (findings) | train R | BBC |
//! |---|---|---|---|---|---|
//! | last round, before the learned decision | 0.83 (54) | 0.67 | 0.882 (576) | 0.797 | 17.95 |
//! | before headline subjects and place phrases were read | 0.84 (55) | 0.67 | 0.878 (573) | 0.786 | 17.88 |
//! | before relatives, compound role nouns and indefinite persons | 0.85 (55) | 0.68 | 0.872 (545) | 0.734 | 17.54 |
//! | before nouns read as cues and cues reporting nothing were left alone | 0.82 (57) | 0.52 | 0.855 | 0.745 | 17.83 |
//! | before speakers for named bodies and bare plurals of roles | 0.85 (46) | 0.33 | | | 12.03 |
//! | before people brought in by role | 0.92 (25) | | | | 7.07 |
//!
//! Spanish sources ("fuentes del ministerio", "un alto funcionario que pidió el anonimato", "una
//! persona cercana al alcalde", "personas del entorno del presidente", "un portavoz, que prefirió
//! no dar su nombre", "según un testigo") are read by the Spanish reading of speakers. On real
//! Spanish sentences (UD Spanish-GSD, every finding read; `cargo test --test spanish_real --
//! --nocapture`): 3 findings on the 1,378 dev sentences, 2 right (0.67); none on the 410 held-out
//! test sentences, which hold no anonymous source. Recall on nine Spanish phrasings written for the
//! tests (`cargo test --test attribution_spanish`): 9 of 9, 2 of 9 before people close to someone
//! and unnamed persons of a kind were read.

use super::{Docs, Reach, Rule, RuleContext, RuleMeta};
use crate::analysis::attribution;
use crate::analysis::{Finding, Severity};

pub struct AnonymousSource;

static META: RuleMeta = RuleMeta {
    code: "anonymous-source",
    title: "Anonymous source",
    default_severity: Severity::Information,
    reach: Reach::Document,
    summary: "A claim credited to someone the reader cannot check: \"a senior official\", \"sources familiar with the talks\".",
    docs: Docs::from_source(include_str!("anonymous_source.rs")),
};

impl Rule for AnonymousSource {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
        self.check_sentences(cx, 0..cx.doc.attribution.sentences.len(), out);
    }

    /// A candidate is read from its own sentence's words and attribution.
    fn neighbourhood(&self) -> Option<usize> {
        Some(1)
    }

    fn check_sentences(
        &self,
        cx: &RuleContext<'_>,
        sentences: std::ops::Range<usize>,
        out: &mut Vec<Finding>,
    ) {
        let doc = cx.doc;
        let text = &*doc.text;
        // Later mentions ("the official clarified") refer back to the
        // first one, which is the one reported; the learned decision
        // settles whether an unnamed person reports something.
        let mut seen: Vec<(usize, std::ops::Range<usize>)> = Vec::new();
        for c in attribution::anon_model::candidates_in(doc, sentences) {
            let i = c.sentence;
            let a = &doc.attribution.sentences[i].attributions[c.attribution];
            if seen.contains(&(i, a.source.span.clone()))
                || !attribution::anon_model::accept(doc, &c)
            {
                continue;
            }
            seen.push((i, a.source.span.clone()));
            let who = doc.slice(a.source.span.clone());
            let message = if names_body(doc, i, a.source.span.clone()) {
                format!(
                    "“{who}” is an unnamed person speaking for a named body: the body is \
                     named, the person is not. Who is it, and can the claim be confirmed \
                     on the record? Name the person or say why they are not named."
                )
            } else {
                format!(
                    "“{who}” is an anonymous source: who is it, and can the claim be \
                     confirmed on the record? Name the source or say why they are not named."
                )
            };
            let mut f = Finding::new(&META, a.source.span.clone(), message);
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

/// Whether the source phrase `span` of sentence `i` names the body its
/// unnamed person speaks for ("a spokeswoman for the agency", "a Harbour
/// Board spokesman"): a proper noun, or a noun the attribution lexicon
/// knows as a body, in the phrase.
fn names_body(doc: &crate::analysis::DocAnalysis, i: usize, span: std::ops::Range<usize>) -> bool {
    use crate::analysis::attribution::lexicon::{Class, lookup};
    use crate::analysis::language::Upos;
    let Some(s) = doc.sentence_language(i) else {
        return false;
    };
    let text = &*doc.text;
    let inside: Vec<usize> = (0..s.tokens.len())
        .filter(|&k| span.start <= s.tokens[k].span.start && s.tokens[k].span.end <= span.end)
        .collect();
    inside.iter().any(|&k| {
        s.tags[k] == Upos::Propn
            || (s.tags[k] == Upos::Noun
                && lookup(s.word(text, k)).is_some_and(|e| e.class.contains(Class::BODY)))
    })
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
    fn flags_unnamed_people_brought_in_by_role() {
        // An indefinite phrase or a bare plural of a role brings in
        // someone new, with no name.
        assert_eq!(
            flagged("An agency spokesman told us the pier would reopen."),
            ["An agency spokesman"]
        );
        assert_eq!(
            flagged("On Monday, harbour inspectors argued that the captain had been warned."),
            ["harbour inspectors"]
        );
        assert_eq!(
            flagged("His advisers say the mayor will not run again."),
            ["His advisers"]
        );
        assert_eq!(
            flagged("A reporter asked whether the bridge was safe."),
            ["A reporter"]
        );
    }

    #[test]
    fn flags_unnamed_people_speaking_for_a_named_body() {
        // The body is named, the person is not.
        assert_eq!(
            flagged("A spokesman for Harbour Lines said the talks would resume."),
            ["A spokesman for Harbour Lines"]
        );
        assert_eq!(
            flagged("The ferry is late, a spokeswoman for the port authority told reporters."),
            ["a spokeswoman for the port authority"]
        );
        assert_eq!(
            flagged("A Harbour Board spokesman said the quay was safe."),
            ["A Harbour Board spokesman"]
        );
        assert_eq!(
            flagged("Analysts at Brannock Research said the index would fall."),
            ["Analysts at Brannock Research"]
        );
        let doc = crate::analysis::analyze_document(
            crate::analysis::DocId::new("t.txt"),
            std::sync::Arc::from("A spokesman for Harbour Lines said the talks would resume."),
            &crate::analysis::Settings::default(),
        );
        let found = crate::analysis::check(
            &doc,
            &crate::analysis::Corpus::new(),
            &crate::analysis::Settings::default(),
            crate::analysis::RuleScope::All,
        );
        let f = found.iter().find(|f| f.code == "anonymous-source").unwrap();
        assert!(
            f.message.contains("the body is named, the person is not"),
            "{}",
            f.message
        );
    }

    #[test]
    fn flags_the_unnamed_many_of_someone_and_bare_plurals_of_roles() {
        // A possessor does not name the people: "the mayor's aides".
        assert_eq!(
            flagged("The mayor's aides say the budget will pass."),
            ["The mayor's aides"]
        );
        assert_eq!(
            flagged("Prosecutors argued that the captain had ignored the warnings."),
            ["Prosecutors"]
        );
        assert_eq!(
            flagged("The bridge is unsafe, ministers insisted on Friday."),
            ["ministers"]
        );
        // A named group of a role speaks as that group.
        assert!(flagged("G7 ministers said the loans would be deferred.").is_empty());
        // One aide of someone is a person the text can name.
        assert!(flagged("The mayor's aide said the budget will pass.").is_empty());
    }

    #[test]
    fn flags_headline_subjects_with_no_article() {
        // A singular role with no determiner brings in someone new.
        assert_eq!(
            flagged("Dock union chief says the strike will go on."),
            ["Dock union chief"]
        );
        assert_eq!(
            flagged("The quay must reopen by Friday, harbour judge rules."),
            ["harbour judge"]
        );
        // A title before a name, or a capitalised title, is not.
        assert!(flagged("Harbour spokesman Ivo Brandt says the quay is safe.").is_empty());
        assert!(flagged("Port chief Lena Marsh says the strike will end.").is_empty());
    }

    #[test]
    fn leaves_reporting_words_inside_noun_phrases_alone() {
        // The cue is a noun of the phrase that says where: no one speaks.
        assert!(
            flagged("He is a big star on the late-night comedy show, but she is a star at home.")
                .is_empty()
        );
        assert!(
            flagged("He spoke to reporters in the Harbour Board briefing room on Tuesday.")
                .is_empty()
        );
        // The tagger reads no noun in the source: it modifies what follows.
        assert!(flagged("She works for the Quayside Institute, a liberal think tank.").is_empty());
    }

    #[test]
    fn leaves_descriptions_of_named_people_alone() {
        // The name speaks; the role describes it.
        assert!(
            flagged("Rosa Tellam, a hospital official, told the agency the ward was full.")
                .is_empty()
        );
        assert!(flagged("Ivo Brandt, 61, a dock worker, said the cranes stopped.").is_empty());
        assert!(
            flagged("A former spokesman for the port, Ivo Brandt, said the cranes stopped.")
                .is_empty()
        );
        // A possessor is not the speaker; a title before a name is not
        // anonymous; "the official" refers back; a crowd is weasel's.
        assert!(flagged("Senator Ada Quill said the vote would be close.").is_empty());
        assert!(flagged("The officials said the vote would be close.").is_empty());
        assert!(flagged("Critics say the vote was rushed.").is_empty());
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
        assert!(flagged("The spokesman for the ministry said the talks would resume.").is_empty());
        assert!(
            flagged("A former spokeswoman for the port, Ivo Brandt, said the talks ended.")
                .is_empty()
        );
        assert!(flagged("Many people say the queues are too long.").is_empty());
        assert!(flagged("The officials left the building at noon.").is_empty());
    }
}
