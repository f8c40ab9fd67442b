//! The same-incident evidence of `inconsistent-figure`, in sentences
//! written for the test: two reports of one shooting told in their own
//! words (a broadcast transcript full of other stories' names, a paper)
//! compare their tolls; a report of another shooting in the same county,
//! told in the same words, does not.

mod common;

use std::sync::Arc;

use factline::analysis::{Corpus, DocId, RuleScope, Settings, analyze_document, check};

fn corpus_of(fixture: &str) -> Corpus {
    let mut corpus = Corpus::new();
    for (name, text) in common::parse_fixture(fixture) {
        corpus.upsert(Arc::new(analyze_document(
            DocId::new(name),
            Arc::from(text.as_str()),
            &Settings::default(),
        )));
    }
    corpus
}

fn flagged(corpus: &Corpus, name: &str) -> Vec<String> {
    let doc = corpus.get(&DocId::new(name)).expect("in corpus");
    check(doc, corpus, &Settings::default(), RuleScope::All)
        .into_iter()
        .filter(|f| f.code == "inconsistent-figure")
        .map(|f| format!("{} | {}", &doc.text[f.span.clone()], f.message))
        .collect()
}

/// A broadcast transcript and a paper: one shooting (the same
/// victims, ages, street and sheriff's spokesman), two tolls.
const TRANSCRIPT: &str = "//- /transcript.txt\n\
Five hurt after brawl outside Maple Avenue bar\n\n\
GOOD MORNING. Calder County deputies are investigating a shooting that left five people injured early Sunday.\n\n\
Deputies said two groups began arguing inside the Copper Kettle bar on Maple Avenue in Brookfield and carried the fight into the parking lot.\n\n\
The victims include Dario Penn, 24, and Lena Voss, 31, according to Sgt. Tomas Ewing of the Calder County Sheriff's Office.\n\n\
Ewing said no arrests had been made and asked anyone with video of the parking lot to call the sheriff's office.\n\n\
Thanks, Priya. Coming up, Nadia Holm has the forecast for Lake Orwell and the Tarrow Valley, and Ben Castell joins us from the Ridgefield Fair.\n\n\
Later, Governor Anton Vale visits the Kestrel Dam and Senator Rosa Imre speaks at Delmont College.\n";

const PAPER: &str = "//- /paper.txt\n\
4 injured in shooting outside Brookfield bar\n\n\
Four people were injured when gunfire broke out in a parking lot in Brookfield before dawn on Sunday, Calder County deputies said.\n\n\
The fight began inside the Copper Kettle bar on Maple Avenue, Sgt. Tomas Ewing of the Calder County Sheriff's Office said.\n\n\
Dario Penn, 24, was taken to Brookfield General in serious condition and Lena Voss, 31, was treated for a wound to her arm, Ewing said.\n\n\
Investigators found more than 20 shell casings in the lot, and no arrests had been made.\n\n\
Mayor Celia Brandt of Brookfield said the Westmoor Mall and the Harlan Street market would add patrols, and Councilman Joel Avery asked the Brookfield Police Department for a report.\n\n\
The Brookfield Herald, the Northgate Gazette and Radio Kestrel have asked Brookfield General and Saint Ives Clinic for updates.\n";

/// Another shooting in the same county, told in the same words: other
/// victims, another bar, another street.
const OTHER: &str = "//- /other.txt\n\
4 injured in shooting outside Brookfield club\n\n\
Four people were injured when gunfire broke out in a parking lot in Brookfield late on Friday, Calder County deputies said.\n\n\
The argument started inside the Blue Heron club on Quarry Road, Deputy Anita Sholes of the Calder County Sheriff's Office said.\n\n\
Marcus Tal, 19, and Ray Odum, 45, were taken to a hospital, Sholes said.\n";

#[test]
fn tolls_of_one_incident_told_in_other_words_conflict() {
    let c = corpus_of(&format!("{TRANSCRIPT}{PAPER}"));
    let found = flagged(&c, "/transcript.txt");
    assert!(found.iter().any(|f| f.starts_with("five |")), "{found:?}");
    let found = flagged(&c, "/paper.txt");
    assert!(
        found.iter().any(|f| f.to_lowercase().starts_with("four |")),
        "{found:?}"
    );
}

#[test]
fn a_toll_of_another_shooting_in_the_county_stays_quiet() {
    let c = corpus_of(&format!("{TRANSCRIPT}{OTHER}"));
    assert!(
        flagged(&c, "/transcript.txt").is_empty(),
        "{:?}",
        flagged(&c, "/transcript.txt")
    );
    assert!(
        flagged(&c, "/other.txt").is_empty(),
        "{:?}",
        flagged(&c, "/other.txt")
    );
}
