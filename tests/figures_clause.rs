//! The clause of a figure in `inconsistent-figure`: two values of one
//! counted thing are one quantity only for the same time and the same
//! owner. Look-alikes that must stay quiet (two times of a session, two
//! years, two companies, shares of two groups, a live report's updates, a
//! story's two counts) and conflicts that must still be found, in
//! sentences written for these tests.

mod common;

use factline::analysis::{Corpus, DocId, Finding, RuleScope, Settings, check};

/// The `inconsistent-figure` findings of `name`, as (figure text, finding).
fn flagged(corpus: &Corpus, name: &str) -> Vec<(String, Finding)> {
    let doc = corpus.get(&DocId::new(name)).expect("in corpus");
    check(doc, corpus, &Settings::default(), RuleScope::All)
        .into_iter()
        .filter(|f| f.code == "inconsistent-figure")
        .map(|f| (doc.text[f.span.clone()].to_string(), f))
        .collect()
}

fn quiet(fixture: &str) {
    let c = common::corpus_of_fixture(fixture);
    for doc in c.docs() {
        let found = flagged(&c, doc.id.as_str());
        assert!(found.is_empty(), "{}: {found:#?}", doc.id);
    }
}

fn found_in(fixture: &str, name: &str, figure: &str) {
    let c = common::corpus_of_fixture(fixture);
    let found = flagged(&c, name);
    assert!(
        found.iter().any(|(text, _)| text == figure),
        "{figure} in {name}: {found:#?}"
    );
}

#[test]
fn a_share_price_at_midday_and_at_the_close_are_two_quantities() {
    quiet(
        "//- /a.txt\nShares in Harlow Mining were up 6% by noon on Tuesday after a takeover bid from Keswick Holdings.\n\
         //- /b.txt\nShares in Harlow Mining closed up 3.5% on Tuesday after a takeover bid from Keswick Holdings.\n",
    );
}

#[test]
fn two_closing_prices_of_one_day_still_conflict() {
    found_in(
        "//- /a.txt\nShares in Harlow Mining closed up 6% on Tuesday after a takeover bid from Keswick Holdings.\n\
         //- /b.txt\nShares in Harlow Mining closed up 3.5% on Tuesday after a takeover bid from Keswick Holdings.\n",
        "/b.txt",
        "3.5%",
    );
}

#[test]
fn last_years_growth_and_this_years_are_two_quantities() {
    quiet(
        "//- /a.txt\nThe economy of Veloria grew by 6.1% last year, the Veloria statistics office said on its website.\n\
         //- /b.txt\nThe economy of Veloria grew by 4.2% this year, the Veloria statistics office said on its website.\n",
    );
}

#[test]
fn a_value_a_week_earlier_is_another_time() {
    quiet(
        "//- /a.txt\nThe Ostral index of consumer confidence stood at 91 points, its lowest level since the floods in Carrow.\n\
         //- /b.txt\nThe Ostral index of consumer confidence stood at 97 points a week earlier, before the floods in Carrow.\n",
    );
}

#[test]
fn one_years_growth_given_twice_still_conflicts() {
    found_in(
        "//- /a.txt\nThe economy of Veloria grew by 6.1% last year, the Veloria statistics office said on its website.\n\
         //- /b.txt\nThe economy of Veloria grew by 4.2% last year, the Veloria statistics office said on its website.\n",
        "/b.txt",
        "4.2%",
    );
}

#[test]
fn two_makers_sales_are_two_quantities() {
    quiet(
        "//- /a.txt\nKestrel Motors sold 41,000 electric vans in Ardenia during the spring, dealers in Ardenia said.\n\
         //- /b.txt\nBrantley Autos sold 28,000 electric vans in Ardenia during the spring, dealers in Ardenia said.\n",
    );
}

#[test]
fn one_makers_sales_given_twice_still_conflict() {
    found_in(
        "//- /a.txt\nKestrel Motors sold 41,000 electric vans in Ardenia during the spring, dealers in Ardenia said.\n\
         //- /b.txt\nKestrel Motors sold 28,000 electric vans in Ardenia during the spring, dealers in Ardenia said.\n",
        "/b.txt",
        "28,000",
    );
}

#[test]
fn shares_of_two_groups_of_voters_are_two_quantities() {
    quiet(
        "//- /a.txt\nIn the 2020 race for governor of Ardenia, Lena Marlow won 61 percent of rural voters.\n\
         //- /b.txt\nIn the 2020 race for governor of Ardenia, Lena Marlow won 34 percent of urban voters.\n",
    );
}

#[test]
fn a_report_that_gives_both_values_tells_them_apart_either_way() {
    // The figure's own sentence gives the other report's value too: that
    // value is the other year's, not a second value for this one.
    quiet(
        "//- /a.txt\nThe economy of Veloria expanded by 7.2% during 2024, well above the 6.8% of 2023.\n\
         //- /b.txt\nGrowth in the economy of Veloria remains at a brisk 6.8%, the central bank of Veloria said.\n",
    );
}

#[test]
fn a_denied_value_is_not_another_quantity() {
    // "not five as first reported" corrects the toll: the report that says
    // five is still contradicted.
    found_in(
        "//- /a.txt\nFive dock workers were hurt when a crane collapsed at Pier 9 in Valmera on Monday, police said.\n\
         //- /b.txt\nFour dock workers were hurt when a crane collapsed at Pier 9 in Valmera on Monday, not five as first reported, police said.\n",
        "/a.txt",
        "Five",
    );
}

#[test]
fn a_live_reports_updates_are_not_conflicts() {
    quiet(
        "//- /live.txt\nThe latest on the Ardenia primaries\n\n\
         9:10 p.m.\n\nOverall, Lena Marlow leads with 140 delegates in the Ardenia primaries.\n\n\
         Turnout was high across the north of Ardenia, officials said.\n\n\
         10:45 p.m.\n\nOverall, Lena Marlow leads with 188 delegates in the Ardenia primaries.\n",
    );
}

#[test]
fn one_storys_two_counts_of_counties_are_two_quantities() {
    quiet(
        "//- /story.txt\nLena Marlow has won in four counties of Ardenia so far, which assures her a lead.\n\n\
         In all, 300 delegates are at stake in nine counties of Ardenia on Tuesday.\n",
    );
}

#[test]
fn a_toll_of_the_dead_gives_no_value_of_the_injured() {
    // The sentence with 14 injured also gives two dead: that is not a
    // second value of the injured, so 14 against "up to 11" still stands.
    found_in(
        "//- /a.txt\nTwo men were killed and 14 people were injured in a shooting outside the Harbour Lounge in Valmera early Sunday, police said.\n\
         //- /b.txt\nUp to 11 people were injured in the shooting outside the Harbour Lounge in Valmera early Sunday, police said.\n",
        "/a.txt",
        "14",
    );
}
