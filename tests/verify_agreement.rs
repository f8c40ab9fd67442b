//! A draft's figure is contradicted by a source's only where the figure
//! comparison reads the two as inconsistent: an age is whole years, read
//! across the times the reports speak from, and a toll of people killed
//! may count a perpetrator who died or leave him out. A wrong count is
//! still a contradiction. Every document here is invented.

use std::sync::Arc;

use factline::analysis::verify::{self, ClaimCache, Status, Verification};
use factline::analysis::{Corpus, DocAnalysis, DocId, Settings, analyze_document};

fn analyse(name: &str, text: &str) -> Arc<DocAnalysis> {
    Arc::new(analyze_document(
        DocId::new(name),
        Arc::from(text),
        &Settings::default(),
    ))
}

fn sources(texts: &[&str]) -> Corpus {
    let mut c = Corpus::new();
    for (i, text) in texts.iter().enumerate() {
        c.upsert(analyse(&format!("source-{i}.txt"), text));
    }
    c
}

fn is_source(d: &DocAnalysis) -> bool {
    d.id.as_str() != "draft.txt"
}

/// The status of the draft's claim that holds `figure`, and whether each
/// source mention of that figure agrees with it.
fn read(v: &Verification, draft: &DocAnalysis, figure: &str) -> (Status, Vec<bool>) {
    for claim in &v.claims {
        for check in &claim.figures {
            if draft.slice(check.span.clone()) == figure {
                let agrees = check.mentions.iter().map(|m| m.agrees).collect();
                return (claim.status, agrees);
            }
        }
    }
    panic!("no claim of the draft holds the figure {figure:?}: {v:#?}");
}

/// [`read`] for a draft verified afresh against `source_texts`.
fn check(source_texts: &[&str], draft: &str, figure: &str) -> (Status, Vec<bool>) {
    let corpus = sources(source_texts);
    let draft = analyse("draft.txt", draft);
    let v = verify::verify(&draft, &corpus, &is_source);
    read(&v, &draft, figure)
}

/// A source that gives the gunman's age and no date.
const AGE_SOURCE: &str = "Police named the gunman as Doran Pelt, 34, a forklift driver who had \
     worked at the Harnby freight depot for six years.\n";

#[test]
fn an_age_a_year_apart_in_undated_reports_is_not_a_contradiction() {
    // A birthday may lie between two reports of unknown dates.
    let draft = "Police named the gunman as Doran Pelt, 35, a forklift driver who had \
         worked at the Harnby freight depot for six years.\n";
    let (status, agrees) = check(&[AGE_SOURCE], draft, "35");
    assert_eq!(agrees, [true], "the source's age is found and agrees");
    assert_ne!(status, Status::Contradicted);
}

#[test]
fn an_age_that_no_time_between_the_reports_explains_is_a_contradiction() {
    // Three years off between undated reports.
    let draft = "Police named the gunman as Doran Pelt, 37, a forklift driver who had \
         worked at the Harnby freight depot for six years.\n";
    let (status, agrees) = check(&[AGE_SOURCE], draft, "37");
    assert_eq!(agrees, [false]);
    assert_eq!(status, Status::Contradicted);
    // A year off between reports two days apart.
    let source = format!("Published 3 March 2026\n\n{AGE_SOURCE}");
    let draft = "Published 5 March 2026\n\nPolice named the gunman as Doran Pelt, 35, a \
         forklift driver who had worked at the Harnby freight depot for six years.\n";
    let (status, agrees) = check(&[&source], draft, "35");
    assert_eq!(agrees, [false]);
    assert_eq!(status, Status::Contradicted);
    // Four years after a report dated 2022 he is 38, not 35.
    let source = format!("Published 3 March 2022\n\n{AGE_SOURCE}");
    let (status, _) = check(&[&source], draft, "35");
    assert_eq!(status, Status::Contradicted);
    let grown = draft.replace("35", "38");
    let (status, agrees) = check(&[&source], &grown, "38");
    assert_eq!(agrees, [true], "the years between the reports count");
    assert_ne!(status, Status::Contradicted);
}

/// A source that tells the perpetrator's death beside his victims.
const MURDER_SUICIDE: &str = "A gunman killed three people at the Harnby freight depot on \
     Tuesday night before killing himself, police said.\n";

#[test]
fn a_toll_that_counts_the_dead_perpetrator_is_not_a_contradiction() {
    for (draft, figure) in [
        (
            "The shooting at the Harnby freight depot on Tuesday night left four dead, \
             police said.\n",
            "four",
        ),
        (
            "Four people were killed at the Harnby freight depot on Tuesday night, police \
             said.\n",
            "Four",
        ),
    ] {
        let (status, agrees) = check(&[MURDER_SUICIDE], draft, figure);
        assert!(
            !agrees.is_empty() && agrees.iter().all(|&a| a),
            "{draft}: {agrees:?}"
        );
        assert_ne!(status, Status::Contradicted, "{draft}");
    }
}

#[test]
fn a_toll_told_in_a_close_passage_without_names_is_read_the_same_way() {
    // No names: the figure index has no key to find the toll under, and
    // the passage says what the draft says.
    let source = "A gunman killed three people on the night shift at the freight depot \
         before dawn before killing himself, police said.\n";
    let draft = "Four people were killed on the night shift at the freight depot before \
         dawn, police said.\n";
    let (status, agrees) = check(&[source], draft, "Four");
    assert_eq!(agrees, [true]);
    assert_ne!(status, Status::Contradicted);
    let wrong = draft.replace("Four", "Six");
    let (status, agrees) = check(&[source], &wrong, "Six");
    assert_eq!(agrees, [false]);
    assert_eq!(status, Status::Contradicted);
}

#[test]
fn a_wrong_toll_is_still_a_contradiction() {
    // Six is neither three victims nor three and the gunman.
    let draft = "The shooting at the Harnby freight depot on Tuesday night left six dead, \
         police said.\n";
    let (status, agrees) = check(&[MURDER_SUICIDE], draft, "six");
    assert!(agrees.contains(&false), "{agrees:?}");
    assert_eq!(status, Status::Contradicted);
    // Four against three when no report tells the gunman died.
    let survived = "A gunman killed three people at the Harnby freight depot on Tuesday \
         night, police said.\n";
    let draft = "The shooting at the Harnby freight depot on Tuesday night left four dead, \
         police said.\n";
    let (status, agrees) = check(&[survived], draft, "four");
    assert!(agrees.contains(&false), "{agrees:?}");
    assert_eq!(status, Status::Contradicted);
}

#[test]
fn a_cached_claim_is_read_again_when_the_draft_tells_the_perpetrators_death() {
    // The claim's text is unchanged; a paragraph added elsewhere tells
    // the gunman died, so its four dead may count him.
    let corpus = sources(&[
        "A gunman killed three people at the Harnby freight depot on Tuesday night, \
         police said.\n",
    ]);
    let claim = "The shooting at the Harnby freight depot on Tuesday night left four dead, \
         police said.\n";
    let before = analyse("draft.txt", claim);
    let after = analyse(
        "draft.txt",
        &format!("{claim}\nThe gunman later died of his wounds in hospital.\n"),
    );
    let mut cache = ClaimCache::default();
    let cached = |d: &DocAnalysis, cache: &mut ClaimCache| {
        verify::verify_cached(d, &corpus, &is_source, 1, cache, &|| false).expect("not stopped")
    };
    let v = cached(&before, &mut cache);
    assert_eq!(read(&v, &before, "four").0, Status::Contradicted);
    let v = cached(&after, &mut cache);
    let fresh = verify::verify(&after, &corpus, &is_source);
    assert_eq!(
        read(&v, &after, "four"),
        read(&fresh, &after, "four"),
        "the cache gives what a fresh verification gives"
    );
    assert_ne!(read(&fresh, &after, "four").0, Status::Contradicted);
}
