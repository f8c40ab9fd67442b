//! The same-incident evidence of `inconsistent-figure`, in sentences
//! written for the test: two reports of one shooting told in their own
//! words (a broadcast transcript full of other stories' names, a paper)
//! compare their tolls, and so do two that place the toll at two scales
//! (the county, the town); a report of another shooting in the same
//! county, told in the same words, does not.

mod common;

use factline::analysis::{Corpus, DocId, RuleScope, Settings, check};

fn corpus_of(fixture: &str) -> Corpus {
    common::corpus_of_fixture(fixture)
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

/// One shooting told at two scales: the county report never names the
/// town the other report places the toll in, and the town report's toll
/// sentence names only the town; the same bar, road, spokesman and
/// victims' ages say it is one incident.
const COUNTY: &str = "//- /county.txt\n\
Six hurt in shooting at the Copper Kettle\n\n\
Calder County deputies are investigating a shooting at the Copper Kettle that left six people injured early Sunday.\n\n\
Sgt. Tomas Ewing of the Calder County Sheriff's Office said two groups had argued inside the Copper Kettle on Maple Avenue before the shooting.\n\n\
Ewing said Dario Penn, 24, and Lena Voss, 31, were taken to Mercy General in critical condition.\n\n\
Ewing asked anyone with video of the Maple Avenue parking lot to call the Calder County Sheriff's Office.\n";

const TOWN: &str = "//- /town.txt\n\
7 injured in shooting outside Brookfield bar\n\n\
Seven people were injured in a shooting outside a bar in Brookfield early Sunday.\n\n\
Deputies were called to the Copper Kettle on Maple Avenue after two groups began arguing, said Sgt. Tomas Ewing, a spokesman for the Calder County Sheriff's Office.\n\n\
Dario Penn, 24, and Lena Voss, 31, were taken to Mercy General, Ewing said.\n\n\
Ewing said the Copper Kettle would stay closed while deputies search the Maple Avenue lot.\n";

/// Another shooting in the town, another bar and other victims: its toll
/// sentence names the town, which the county report never names.
const ELSEWHERE: &str = "//- /elsewhere.txt\n\
7 injured in shooting outside Brookfield club\n\n\
Seven people were injured in a shooting outside a club in Brookfield late on Friday.\n\n\
The argument started inside the Blue Heron on Quarry Road, said Deputy Anita Sholes of the Calder County Sheriff's Office.\n\n\
Marcus Tal, 19, and Ray Odum, 45, were taken to Saint Ives Clinic, Sholes said.\n";

#[test]
fn tolls_placed_at_two_scales_of_one_incident_conflict() {
    let c = corpus_of(&format!("{COUNTY}{TOWN}"));
    let found = flagged(&c, "/county.txt");
    assert!(found.iter().any(|f| f.starts_with("six |")), "{found:?}");
    let found = flagged(&c, "/town.txt");
    assert!(found.iter().any(|f| f.starts_with("Seven |")), "{found:?}");
}

#[test]
fn a_toll_placed_in_the_town_of_another_shooting_stays_quiet() {
    let c = corpus_of(&format!("{COUNTY}{ELSEWHERE}"));
    assert!(
        flagged(&c, "/county.txt").is_empty(),
        "{:?}",
        flagged(&c, "/county.txt")
    );
    assert!(
        flagged(&c, "/elsewhere.txt").is_empty(),
        "{:?}",
        flagged(&c, "/elsewhere.txt")
    );
}

#[path = "support/same_incident.rs"]
mod pairs;

/// (pairs of one incident found, pairs of different incidents taken for
/// one) at the shipped bar, over `data`.
fn at_the_bar(data: &[pairs::Example]) -> (usize, usize, usize, usize) {
    let taken = |e: &pairs::Example| {
        factline::analysis::figures::incident_probability(&e.x)
            >= factline::analysis::figures::SAME_INCIDENT
    };
    let same = data.iter().filter(|e| e.same).count();
    let found = data.iter().filter(|e| e.same && taken(e)).count();
    let wrong = data.iter().filter(|e| !e.same && taken(e)).count();
    (found, same, wrong, data.len() - same)
}

/// The shipped weights on the pairs they were not trained on: the GVA
/// incidents above the tuning half and the held-out ECB+ topics. The
/// bounds sit a little under what the trainer printed when the weights
/// were written (GVA: 374 of 624 found, 11 of 4,371 wrongly taken; ECB+:
/// 321 of 528, 86 of 568), so a retrained or edited model that finds
/// fewer pairs of one incident, or takes more of different ones, fails.
#[test]
fn the_shipped_model_on_held_out_pairs() {
    let Some(gva_dir) = common::shared("corpora/gva-multisource-incidents/docs") else {
        return;
    };
    let root = gva_dir
        .parent()
        .and_then(|p| p.parent())
        .expect("corpora folder")
        .to_path_buf();
    let (_, held) = pairs::gva_folders(&root);
    let gva = pairs::gva(&gva_dir, &held);
    let (found, same, wrong, other) = at_the_bar(&gva);
    eprintln!("GVA held out: {found} of {same} found, {wrong} of {other} wrongly taken");
    assert!(
        same > 500 && other > 4000,
        "the held-out GVA pairs changed: {same}, {other}"
    );
    assert!(found as f64 >= 0.57 * same as f64, "{found} of {same}");
    assert!(wrong as f64 <= 0.0035 * other as f64, "{wrong} of {other}");

    let Some(ecb_dir) = common::shared("corpora/ecbplus-dev/docs") else {
        return;
    };
    let ecb = pairs::ecb(&ecb_dir, &pairs::ECB_HELD_OUT_TOPICS);
    let (found, same, wrong, other) = at_the_bar(&ecb);
    eprintln!("ECB+ held out: {found} of {same} found, {wrong} of {other} wrongly taken");
    assert!(found as f64 >= 0.57 * same as f64, "{found} of {same}");
    assert!(wrong as f64 <= 0.17 * other as f64, "{wrong} of {other}");
}
