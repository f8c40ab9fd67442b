//! Structural tests: who each sentence is credited to, and how.

use super::*;

fn analyse(text: &str) -> (Segmentation, DocAttribution) {
    let seg = Segmentation::new(text);
    let a = analyze(text, &seg);
    (seg, a)
}

/// (source text, kind, construction) of every attribution of sentence `i`.
fn sources(text: &str, i: usize) -> Vec<(String, SourceKind, Construction)> {
    let (_, a) = analyse(text);
    a.sentences[i]
        .attributions
        .iter()
        .map(|x| {
            (
                text[x.source.span.clone()].to_string(),
                x.source.kind,
                x.construction,
            )
        })
        .collect()
}

fn main_source(text: &str, i: usize) -> Option<(String, SourceKind)> {
    let (_, a) = analyse(text);
    a.sentences[i]
        .source()
        .map(|x| (text[x.source.span.clone()].to_string(), x.source.kind))
}

fn speaker(text: &str, q: usize) -> Option<(String, Construction)> {
    let (_, a) = analyse(text);
    a.quotes[q]
        .speaker
        .as_ref()
        .map(|s| (text[s.source.span.clone()].to_string(), s.construction))
}

use Construction as C;
use SourceKind as K;

#[test]
fn subject_and_reporting_verb() {
    assert_eq!(
        sources(
            "The Interior Ministry reported this Tuesday that the ferry will run.",
            0
        ),
        [("The Interior Ministry".into(), K::Named, C::Verb)]
    );
    assert_eq!(
        sources(
            "Port director Lena Marsh, speaking in Valmera, told reporters the quay was safe.",
            0
        )[1],
        ("Port director Lena Marsh".into(), K::Named, C::Verb)
    );
    assert_eq!(
        sources(
            "Ana Ruiz, chief economist at Norte Capital, said rates would rise.",
            0
        ),
        [("Ana Ruiz".into(), K::Named, C::Verb)]
    );
}

#[test]
fn described_as_and_what_x_calls() {
    assert_eq!(
        sources(
            "Harbour minister Tomas Reyner described the closure as a “blow to the coast”.",
            0
        ),
        [(
            "Harbour minister Tomas Reyner".into(),
            K::Named,
            C::DescribedAs
        )]
    );
    assert_eq!(
        sources(
            "Crews will target what the coast guard calls “ghost vessels” near the port.",
            0
        ),
        [("the coast guard".into(), K::Reference, C::WhatXCalls)]
    );
}

#[test]
fn according_to_and_as_x_stated() {
    assert_eq!(
        sources(
            "According to the Harbour Institute’s March 2023 review of port safety, cranes are old.",
            0
        ),
        [(
            "the Harbour Institute’s March 2023 review of port safety".into(),
            K::Named,
            C::AccordingTo
        )]
    );
    assert_eq!(
        sources(
            "As Reyner put it in Valmera, “The coast cannot wait.” As Marsh stated there, “Nor can we.”",
            1
        ),
        [("Marsh".into(), K::Named, C::AsXStated)]
    );
}

#[test]
fn quotes_take_the_speaker_before_or_after_them() {
    let text = "“We lost steering for a minute,” said harbour master Elena Vasquez.";
    assert_eq!(
        speaker(text, 0),
        Some(("harbour master Elena Vasquez".into(), C::AfterQuote))
    );
    let text = "Vasquez said: “We lost steering.”";
    assert_eq!(speaker(text, 0), Some(("Vasquez".into(), C::Verb)));
    let text = "“Why now?” Vasquez asked.";
    assert_eq!(speaker(text, 0).map(|s| s.0), Some("Vasquez".into()));
}

#[test]
fn a_quote_over_sentences_carries_its_speaker() {
    let text = "Vasquez spoke to reporters, saying, “We lost steering. It was enough.” \
                The tugs left.";
    let (_, a) = analyse(text);
    assert_eq!(a.sentences.len(), 3);
    assert!(a.has_source(0));
    let carried = a.sentences[1].carried.as_ref().expect("carried");
    assert_eq!(&text[carried.source.span.clone()], "Vasquez");
    assert_eq!(carried.construction, C::CarriedOver);
    assert!(!a.has_source(2));
}

#[test]
fn a_quote_opening_its_sentence_continues_the_speaker_before() {
    let text = "Vasquez said the tugs had failed. “It was enough to hit the crane.”";
    assert_eq!(speaker(text, 0), Some(("Vasquez".into(), C::CarriedOver)));
    let text = "He said: \"It will not close.\n\n\"We have the money,\" he added.";
    let (_, a) = analyse(text);
    assert_eq!(a.quotes.len(), 2);
    assert_eq!(a.quotes[1].continues, Some(0));
}

#[test]
fn pronouns_and_roles_refer_back() {
    let text = "Valmera mayor Rosa Ilves opened the quay. She said the cranes were new.";
    let (_, a) = analyse(text);
    let s = &a.sentences[1].attributions[0].source;
    assert_eq!(s.kind, K::Reference);
    assert_eq!(
        s.refers_to.clone().map(|r| &text[r]),
        Some("Valmera mayor Rosa Ilves")
    );
    let text = "A senior port official described the talks as tense. \
                The official said more meetings were planned.";
    let (_, a) = analyse(text);
    assert_eq!(a.sentences[0].attributions[0].source.kind, K::Anonymous);
    let s = &a.sentences[1].attributions[0].source;
    assert_eq!(s.kind, K::Reference);
    assert_eq!(s.refers_to_kind, Some(K::Anonymous));
}

#[test]
fn crowds_agentless_phrases_and_hedges() {
    assert_eq!(
        sources("Many residents believe the crane was unsafe.", 0),
        [("Many residents".into(), K::Crowd, C::Verb)]
    );
    assert_eq!(
        sources("The collapse is seen as avoidable.", 0)[0].1,
        K::Nobody
    );
    assert_eq!(
        sources("The ship was reportedly insured.", 0)[0].2,
        C::Hedge
    );
    assert!(main_source("Many residents believe the crane was unsafe.", 0).is_none());
}

#[test]
fn anonymous_sources() {
    assert_eq!(
        main_source(
            "Sources familiar with the inquiry said the cables had rusted.",
            0
        ),
        Some(("Sources familiar with the inquiry".into(), K::Anonymous))
    );
    assert_eq!(
        main_source("U.S. officials noted that the port was closed.", 0),
        Some(("U.S. officials".into(), K::Anonymous))
    );
    assert_eq!(
        main_source("Analysts said the port would lose trade.", 0),
        Some(("Analysts".into(), K::Anonymous))
    );
}

#[test]
fn media_are_recorded() {
    let text = "Reyner, in a late-night post on Harbour Social, warned that fees would rise.";
    let (_, a) = analyse(text);
    let at = &a.sentences[0].attributions[0];
    assert_eq!(&text[at.source.span.clone()], "Reyner");
    assert_eq!(
        at.medium.clone().map(|m| &text[m]),
        Some("in a late-night post on Harbour Social")
    );
}

#[test]
fn things_that_are_not_attributions() {
    for text in [
        "The closure follows a sudden storm, signaling a longer repair.",
        "The fine underscores the push against dumping.",
        "He is expected to meet the mayor on Tuesday.",
        "No injuries were reported.",
        "The film has seen a rise in sales.",
        "The company reports are due in May.",
        "A group called Harbour Watch met on Monday.",
    ] {
        let (_, a) = analyse(text);
        assert!(
            a.sentences.iter().all(|s| s.attributions.is_empty()),
            "{text}: {:?}",
            a.sentences[0].attributions
        );
    }
}

#[test]
fn paragraph_and_offset_queries() {
    let text = "The port reopened on Monday after a week.\n\n\
                Repairs cost six million dollars, the port authority said. Crews worked at night.\n\n\
                Ships queued outside.";
    let seg = Segmentation::new(text);
    let a = analyze(text, &seg);
    assert!(!a.paragraph_has_source(0));
    assert!(a.paragraph_has_source(1));
    assert!(!a.has_source(2));
    assert!(!a.paragraph_has_source(2));
}

#[test]
fn odd_text_never_panics() {
    for text in [
        "",
        " ",
        "\"",
        "“",
        "”said",
        "said",
        "According to",
        "according to 😀",
        "It is",
        "\r\n\r\n“a\r\n”b said c.",
        "Mr. . . said: “",
        "‘’‘’ ' ' \" \"",
        "who said who said which said",
        "😀 said 😀, “😀,” said 😀.",
        "a,b,c,d,e,f,g,h,i,j,k,l,m,n,o,p said",
        "—said—“—”—",
    ] {
        let seg = Segmentation::new(text);
        let a = analyze(text, &seg);
        assert_eq!(a.sentences.len(), seg.sentences.len());
        for q in &a.quotes {
            assert!(q.span.start <= q.span.end && q.span.end <= text.len());
            assert!(text.is_char_boundary(q.span.start) && text.is_char_boundary(q.span.end));
        }
        for s in &a.sentences {
            for at in &s.attributions {
                assert!(text.get(at.phrase.clone()).is_some(), "{text:?}");
                assert!(text.get(at.source.span.clone()).is_some(), "{text:?}");
            }
        }
    }
}

mod props {
    use super::*;
    use proptest::prelude::*;

    /// Words and marks that exercise every construction, in any order.
    const PIECES: &[&str] = &[
        "said",
        "says",
        "told",
        "reporters",
        "according",
        "to",
        "it",
        "is",
        "was",
        "been",
        "believed",
        "seen",
        "as",
        "widely",
        "largely",
        "attributed",
        "reportedly",
        "many",
        "some",
        "critics",
        "officials",
        "a",
        "the",
        "senior",
        "official",
        "Reyner",
        "Mr.",
        "U.S.",
        "who",
        "which",
        "what",
        "calls",
        "described",
        "by",
        "of",
        "familiar",
        "with",
        "sources",
        "one",
        "and",
        "but",
        "he",
        "she",
        "his",
        "claim",
        "quoted",
        "saying",
        "in",
        "post",
        "on",
        ",",
        ".",
        ":",
        ";",
        "\"",
        "“",
        "”",
        "‘",
        "’",
        "'",
        "—",
        "-",
        "(",
        ")",
        "\n",
        "\n\n",
        "\r\n",
        "😀",
        "é",
        "Vasquez’s",
        "made",
        "clear",
        "issued",
        "statement",
        "point",
        "out",
        "?",
        "!",
        "…",
        "calling",
        "to",
        "say",
        "will",
        "can",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]
        #[test]
        fn any_sequence_of_pieces_is_analysed_without_panic(
            picks in proptest::collection::vec(0..PIECES.len(), 0..60),
            spaces in proptest::collection::vec(any::<bool>(), 60),
        ) {
            let mut text = String::new();
            for (k, &p) in picks.iter().enumerate() {
                text.push_str(PIECES[p]);
                if spaces[k] {
                    text.push(' ');
                }
            }
            let seg = Segmentation::new(&text);
            let a = analyze(&text, &seg);
            prop_assert_eq!(a.sentences.len(), seg.sentences.len());
            for s in &a.sentences {
                for at in s.attributions.iter().chain(s.carried.iter()) {
                    prop_assert!(text.get(at.phrase.clone()).is_some());
                    prop_assert!(text.get(at.cue.clone()).is_some());
                    prop_assert!(text.get(at.source.span.clone()).is_some());
                }
            }
        }
    }
}
