//! The same-fact test of `inconsistent-figure`, in sentences written for
//! it: conflicts that must be flagged, look-alikes that must stay quiet,
//! and tolls that grow between reports, in English and Spanish.

mod common;

use factline::analysis::{Corpus, DocId, Finding, RuleScope, Settings, Severity, check};

fn corpus_of(fixture: &str) -> Corpus {
    common::corpus_of_fixture(fixture)
}

/// The `inconsistent-figure` findings of `name`, as (figure text, finding).
fn flagged(corpus: &Corpus, name: &str) -> Vec<(String, Finding)> {
    let doc = corpus.get(&DocId::new(name)).expect("in corpus");
    check(doc, corpus, &Settings::default(), RuleScope::All)
        .into_iter()
        .filter(|f| f.code == "inconsistent-figure")
        .map(|f| (doc.text[f.span.clone()].to_string(), f))
        .collect()
}

#[test]
fn a_changed_rank_of_one_persons_visits_is_flagged() {
    let c = corpus_of(
        "//- /a.txt\nThis is Ilse Maren's third visit to Norland since she took office, the foreign ministry said.\n\
         //- /b.txt\nIt is Ilse Maren's second visit to Norland since she took office, according to the foreign ministry.\n",
    );
    let found = flagged(&c, "/b.txt");
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].0, "second");
    // The message says why the two are one quantity.
    assert!(
        found[0].1.message.contains("(both rank visit — Norland)"),
        "{}",
        found[0].1.message
    );
}

#[test]
fn two_peoples_ranks_are_not_one_quantity() {
    let c = corpus_of(
        "//- /a.txt\nThis is Ilse Maren's third visit to Norland since taking office, the ministry said.\n\
         //- /b.txt\nIt is Tomas Brevik's second visit to Norland since taking office, the ministry said.\n",
    );
    assert!(
        flagged(&c, "/b.txt").is_empty(),
        "{:#?}",
        flagged(&c, "/b.txt")
    );
}

#[test]
fn a_name_and_its_initials_are_one_place() {
    let c = corpus_of(
        "//- /a.txt\nThe government of Calvera has extradited 40 wanted gang leaders to the United States this year, officials said.\n\
         //- /b.txt\nCalvera extradited 46 wanted gang leaders to the U.S. this year, officials in Calvera said.\n",
    );
    let found = flagged(&c, "/b.txt");
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].0, "46");
}

#[test]
fn a_duration_written_as_an_adjective_is_compared() {
    let c = corpus_of(
        "//- /a.txt\nBrenmark avoided 25% tariffs on its steel after Ostrava agreed to a 45-day truce in the trade dispute.\n\
         //- /b.txt\nOstrava granted Brenmark a 30-day truce in the trade dispute, sparing its steel from 25% tariffs.\n",
    );
    let found = flagged(&c, "/b.txt");
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].0, "30-day");
}

/// In a corpus of a few stories (a corpus of two documents gives every
/// shared word the same weight).
#[test]
fn dates_of_one_arrival_conflict_and_of_two_places_do_not() {
    let c = corpus_of(
        "//- /a.txt\nThe envoy will arrive in Port Selby on June 9 and will travel on to Calder on June 11, the embassy said.\n\
         //- /b.txt\nThe envoy landed in Port Selby on Friday, June 12, for two days of talks, the embassy said.\n\
         //- /other.txt\nThe harbour board of Port Selby said on Monday that cargo traffic fell in May.\n\
         //- /weather.txt\nHeavy rain closed two roads near Calder, the council said.\n",
    );
    let found = flagged(&c, "/b.txt");
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0].1.message.contains("9 June"),
        "{}",
        found[0].1.message
    );
    let c = corpus_of(
        "//- /a.txt\nThe envoy will arrive in Port Selby on June 9 and will travel on to Calder on June 11, the embassy said.\n\
         //- /c.txt\nThe envoy will arrive in Calder on June 12, the embassy said.\n",
    );
    assert!(
        flagged(&c, "/c.txt").is_empty(),
        "{:#?}",
        flagged(&c, "/c.txt")
    );
}

#[test]
fn a_toll_that_grows_between_dated_reports_is_an_update() {
    let c = corpus_of(
        "//- /early.txt\nPublished: 3 March 2025\nFive people were killed when floodwater swept through the village of Orla, the regional governor said.\n\
         //- /late.txt\nPublished: 4 March 2025\nThe floods that swept through the village of Orla have killed 24 people, the regional governor said.\n",
    );
    let found = flagged(&c, "/late.txt");
    assert_eq!(found.len(), 1, "{found:#?}");
    let f = &found[0].1;
    // Never louder than information; the rule itself is a hint today.
    assert_eq!(f.severity, Severity::Hint, "{f:#?}");
    assert!(
        f.message
            .starts_with("Update: 5 on 3 March 2025; 24 on 4 March 2025"),
        "{}",
        f.message
    );
    // The same reports dated the same day contradict each other.
    let c = corpus_of(
        "//- /early.txt\nPublished: 4 March 2025\nFive people were killed when floodwater swept through the village of Orla, the regional governor said.\n\
         //- /late.txt\nPublished: 4 March 2025\nThe floods that swept through the village of Orla have killed 24 people, the regional governor said.\n",
    );
    let found = flagged(&c, "/late.txt");
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(!found[0].1.message.starts_with("Update"), "{found:#?}");
}

#[test]
fn spanish_counts_with_thousands_points_conflict() {
    let c = corpus_of(
        "//- /a.txt\nEl incendio forestal de Valdemora obligó a evacuar a 1.200 vecinos, según la consejería de Emergencias.\n\
         //- /b.txt\nLa consejería de Emergencias informó de que 900 vecinos fueron evacuados por el incendio forestal de Valdemora.\n",
    );
    let found = flagged(&c, "/b.txt");
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].0, "900");
    assert!(
        found[0].1.message.contains("1,200"),
        "{}",
        found[0].1.message
    );
}

#[test]
fn spanish_agreeing_figures_stay_quiet() {
    let c = corpus_of(
        "//- /a.txt\nEl incendio forestal de Valdemora obligó a evacuar a 1.200 vecinos, según la consejería de Emergencias.\n\
         //- /b.txt\nLa consejería de Emergencias informó de que 1200 vecinos fueron evacuados por el incendio forestal de Valdemora.\n",
    );
    // Both are read as 1,200 …
    for name in ["/a.txt", "/b.txt"] {
        let doc = c.get(&DocId::new(name)).expect("in corpus");
        assert!(
            doc.figures.list.iter().any(|f| f.value == 1200.0),
            "{name}: {:#?}",
            doc.figures.list
        );
    }
    // … and agree.
    assert!(
        flagged(&c, "/b.txt").is_empty(),
        "{:#?}",
        flagged(&c, "/b.txt")
    );
}

#[test]
fn possibilities_and_needs_are_not_facts() {
    let c = corpus_of(
        "//- /a.txt\nThe new billing system at Harrow Bank runs on five servers, the bank said.\n\
         //- /b.txt\nHarrow Bank said its new billing system needs only two servers.\n\
         //- /c.txt\nEngineers at Harrow Bank warned the billing system could need as many as nine servers.\n",
    );
    for name in ["/a.txt", "/b.txt", "/c.txt"] {
        assert!(
            flagged(&c, name).is_empty(),
            "{name}: {:#?}",
            flagged(&c, name)
        );
    }
}

#[test]
fn a_running_total_is_not_one_events_count() {
    let c = corpus_of(
        "//- /a.txt\nCoast guards seized 12 rifles from the smugglers' boat off Tarrin Point, the navy said.\n\
         //- /b.txt\nThe navy said its patrol off Tarrin Point has seized a total of 40 rifles from smugglers so far this year.\n\
         //- /c.txt\nThe navy said coast guards seized 15 rifles from the smugglers' boat off Tarrin Point.\n",
    );
    assert!(
        flagged(&c, "/b.txt").is_empty(),
        "{:#?}",
        flagged(&c, "/b.txt")
    );
    let found = flagged(&c, "/c.txt");
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(found[0].1.message.contains("12"), "{}", found[0].1.message);
}

/// A verb in the present perfect gives a total up to the time of its
/// report, which grows from one report to the next: two undated reports'
/// totals are two times, not a conflict; two reports of one date still
/// conflict.
#[test]
fn totals_up_to_each_report_conflict_only_on_one_date() {
    let undated = corpus_of(
        "//- /a.txt\nThe memoir by Oren Vasko has sold more than two million copies worldwide, its publisher Tallis Books said.\n\
         //- /b.txt\nOren Vasko's memoir has sold more than five million copies worldwide, according to Tallis Books.\n",
    );
    for name in ["/a.txt", "/b.txt"] {
        assert!(
            flagged(&undated, name).is_empty(),
            "{name}: {:#?}",
            flagged(&undated, name)
        );
    }
    let one_date = corpus_of(
        "//- /a.txt\nPublished: 3 May 2024\nThe memoir by Oren Vasko has sold more than two million copies worldwide, its publisher Tallis Books said.\n\
         //- /b.txt\nPublished: 3 May 2024\nOren Vasko's memoir has sold more than five million copies worldwide, according to Tallis Books.\n",
    );
    let found = flagged(&one_date, "/b.txt");
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0].1.message.contains("2,000,000"),
        "{}",
        found[0].1.message
    );
}

#[test]
fn spanish_possibilities_and_totals_stay_quiet() {
    let c = corpus_of(
        "//- /a.txt\nEl incendio de Valdemora obligó a evacuar a 300 vecinos, según Protección Civil.\n\
         //- /b.txt\nProtección Civil advirtió que el incendio de Valdemora podría obligar a evacuar a 2.000 vecinos.\n\
         //- /c.txt\nLos incendios han obligado a evacuar a un total de 4.500 vecinos en la provincia hasta ahora, según Protección Civil.\n",
    );
    for name in ["/a.txt", "/b.txt", "/c.txt"] {
        assert!(
            flagged(&c, name).is_empty(),
            "{name}: {:#?}",
            flagged(&c, name)
        );
    }
}

/// What the verification of a draft uses: a date resolved against its
/// document's date, and whether two dates date one event.
#[test]
fn dates_resolve_and_tell_one_event_from_another() {
    use factline::analysis::figures::{FigureKind, agree, same_event};
    let c = corpus_of(
        "//- /source.txt\nPublished: 1 June 2025\nThe envoy will arrive in Port Selby on June 9, the embassy said.\n\
         //- /draft.txt\nThe envoy landed in Port Selby on June 12.\n\
         //- /other.txt\nThe envoy opened a school in Calder on June 12.\n",
    );
    let get = |name: &str| c.get(&DocId::new(name)).expect("in corpus").clone();
    let (source, draft, other) = (get("/source.txt"), get("/draft.txt"), get("/other.txt"));
    let date_of = |d: &factline::analysis::DocAnalysis| {
        d.figures
            .list
            .iter()
            .find(|f| f.kind == FigureKind::Date && f.counted.verb.is_some())
            .expect("a dated event")
            .clone()
    };
    let (fs, fd, fo) = (date_of(&source), date_of(&draft), date_of(&other));
    let day = fs
        .resolved_date(source.figures.date.as_ref())
        .expect("a date");
    assert_eq!(
        (day.year, day.month, day.day),
        (Some(2025), Some(6), Some(9))
    );
    assert!(same_event(&source, &fs, &draft, &fd));
    assert!(!agree(&fs, &fd));
    assert!(!same_event(&source, &fs, &other, &fo));
}

#[test]
fn a_part_named_after_its_total_is_not_another_count() {
    let c = corpus_of(
        "//- /a.txt\nFour people were shot outside a bar on Kessel Street in Dunmore late on Saturday, police said.\n\
         //- /b.txt\nPolice in Dunmore said four people were shot on Kessel Street and one victim was shot in the head.\n\
         //- /c.txt\nFive people were shot outside a bar on Kessel Street in Dunmore on Saturday, police said.\n",
    );
    assert!(
        flagged(&c, "/b.txt").iter().all(|(text, _)| text != "one"),
        "{:#?}",
        flagged(&c, "/b.txt")
    );
    // The totals still conflict.
    let found = flagged(&c, "/c.txt");
    assert!(!found.is_empty(), "{found:#?}");
    assert!(found.iter().all(|(text, _)| text == "Five"), "{found:#?}");
}

#[test]
fn spanish_dates_of_one_arrival_conflict() {
    let c = corpus_of(
        "//- /a.txt\nLa ministra Elena Duarte llegará a Quito el 2 de septiembre de 2025 para reunirse con el presidente, informó la cancillería.\n\
         //- /b.txt\nLa ministra Elena Duarte llegará a Quito el 4 de septiembre de 2025, según la cancillería.\n\
         //- /c.txt\nLa ministra Elena Duarte llegará a Lima el 4 de septiembre de 2025, según la cancillería.\n\
         //- /d.txt\nEl puerto de Valdemora registró menos tráfico de carga en mayo, dijo la autoridad portuaria.\n",
    );
    let found = flagged(&c, "/b.txt");
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0].1.message.contains("2 September 2025"),
        "{}",
        found[0].1.message
    );
    assert!(
        flagged(&c, "/c.txt").is_empty(),
        "{:#?}",
        flagged(&c, "/c.txt")
    );
}

/// Two reports of one shooting: one names the county, the other the town
/// in it, and each report mentions both. The toll is one quantity.
#[test]
fn a_toll_given_for_a_town_and_for_its_county_conflicts() {
    let c = corpus_of(
        "//- /a.txt\nSix hurt in shooting outside tavern\n\n\
         Corran County deputies said the shooting left six people injured early Sunday. \
         It happened in Millbrook, outside the Larkspur Tavern, after an argument in the parking lot.\n\n\
         Sheriff Ada Voss said the two suspects fled in a grey sedan.\n\
         //- /b.txt\n7 injured in shooting in Millbrook\n\n\
         An argument in the parking lot of the Larkspur Tavern turned into gunfire, Sheriff Ada Voss said.\n\n\
         The Corran County Sheriff's Office said the two suspects fled in a grey sedan.\n",
    );
    let found = flagged(&c, "/b.txt");
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].0, "7");
    assert!(
        found[0].1.message.contains("injured"),
        "{}",
        found[0].1.message
    );
    assert!(!flagged(&c, "/a.txt").is_empty());
}

/// The same words about two shootings in two towns that neither report
/// mentions of the other: two tolls.
#[test]
fn tolls_of_two_towns_stay_quiet() {
    let c = corpus_of(
        "//- /a.txt\nSix hurt in Millbrook tavern shooting\n\n\
         A shooting in Millbrook left six people injured early Sunday, Sheriff Ada Voss said.\n\n\
         The shooting happened outside the Larkspur Tavern after an argument in the parking lot.\n\
         //- /b.txt\nSeven hurt in Ashford tavern shooting\n\n\
         A shooting in Ashford left seven people injured early Sunday, Sheriff Ada Voss said.\n\n\
         The shooting happened outside a tavern after an argument in the parking lot.\n",
    );
    for name in ["/a.txt", "/b.txt"] {
        let found = flagged(&c, name);
        assert!(found.is_empty(), "{name}: {found:#?}");
    }
}

/// "Three … and two …" with one event: parts of the five, not a count of
/// them; "one group … and another": one of several.
#[test]
fn parts_of_a_toll_and_one_of_several_stay_quiet() {
    let c = corpus_of(
        "//- /a.txt\nFive shot at Dunmore party\n\n\
         Five people were shot at a birthday party in Dunmore late Saturday, police said.\n\n\
         Investigators said two groups had argued at the party on Keel Street before the shooting.\n\
         //- /b.txt\nFive wounded at Dunmore party\n\n\
         Three people who had been shot were taken to Dunmore General by ambulance and two people who had been shot drove there themselves.\n\n\
         Police said one group came from Dunmore and another from Halvern before the argument on Keel Street.\n",
    );
    for name in ["/a.txt", "/b.txt"] {
        let found = flagged(&c, name);
        assert!(found.is_empty(), "{name}: {found:#?}");
    }
}

/// A report that gives a person two ages tells of two times (the arrest,
/// the sentence): neither age contradicts another report's.
#[test]
fn a_person_with_two_ages_in_one_report_stays_quiet() {
    let c = corpus_of(
        "//- /a.txt\nMan charged in Calder Street shooting\n\n\
         Rolf Denner, 25, was charged with murder in the Calder Street shooting, police said.\n\n\
         The shooting on Calder Street left one man dead.\n\
         //- /b.txt\nCalder Street gunman sentenced\n\n\
         Rolf Denner, 25, was arrested days after the Calder Street shooting.\n\n\
         A year later Rolf Denner, 26, was sentenced to 30 years for the Calder Street shooting.\n",
    );
    for name in ["/a.txt", "/b.txt"] {
        let found = flagged(&c, name);
        assert!(found.is_empty(), "{name}: {found:#?}");
    }
}

/// An age that grew by the years between two reports is the same person
/// older: the report of an arrest and the report of the trial three years
/// later both tell the truth.
#[test]
fn an_age_grown_by_the_years_between_reports_stays_quiet() {
    let c = corpus_of(
        "//- /arrest.txt\nPublished: 14 May 2016\n\n\
         Marta Quell, 22, was arrested in the Harlow Road shooting that killed one man, police in Dunwick said.\n\
         //- /trial.txt\nPublished: 2 June 2019\n\n\
         Marta Quell, 25, was convicted on Monday of murder in the Harlow Road shooting in Dunwick that killed one man.\n",
    );
    for name in ["/arrest.txt", "/trial.txt"] {
        let found = flagged(&c, name);
        assert!(found.is_empty(), "{name}: {found:#?}");
    }
    // Without a dateline, the latest year a report names dates it.
    let c = corpus_of(
        "//- /arrest.txt\nMarta Quell, 22, was arrested in May 2016 in the Harlow Road shooting that killed one man, police in Dunwick said.\n\
         //- /trial.txt\nMarta Quell, 25, was convicted in June 2019 of murder in the Harlow Road shooting in Dunwick that killed one man.\n",
    );
    for name in ["/arrest.txt", "/trial.txt"] {
        let found = flagged(&c, name);
        assert!(found.is_empty(), "{name}: {found:#?}");
    }
}

/// Ages that the years between the reports cannot explain still conflict:
/// younger in the later report, grown by more than the years, or two ages
/// in reports of one week.
#[test]
fn ages_the_years_between_reports_do_not_explain_are_flagged() {
    for (early, late) in [("25", "22"), ("22", "29"), ("22", "23")] {
        let late_date = if early == "22" && late == "23" {
            "21 May 2016"
        } else {
            "2 June 2019"
        };
        let fixture = format!(
            "//- /arrest.txt\nPublished: 14 May 2016\n\n\
             Marta Quell, {early}, was arrested in the Harlow Road shooting that killed one man, police in Dunwick said.\n\
             //- /trial.txt\nPublished: {late_date}\n\n\
             Marta Quell, {late}, was convicted on Monday of murder in the Harlow Road shooting in Dunwick that killed one man.\n"
        );
        let c = corpus_of(&fixture);
        let found = flagged(&c, "/trial.txt");
        assert_eq!(found.len(), 1, "{early} then {late}: {found:#?}");
        assert_eq!(found[0].0, late);
        // The message says why the two ages are one quantity.
        assert!(
            found[0]
                .1
                .message
                .contains("(both give the age of the person named alike)"),
            "{}",
            found[0].1.message
        );
    }
}

/// A draft restates its sources: a count of the same thing for the same
/// event and place ("extradited 65 gang leaders") is checked against a
/// source that gives it in a long sentence about several things, the way
/// the verification of a draft reads it; the draft's count of another
/// place's extraditions stays quiet all the same.
#[test]
fn a_drafts_count_is_checked_against_a_long_source_sentence() {
    use factline::analysis::settings::Drafts;
    let source = "//- /source.txt\nIn Calvera, the visit centres on border cooperation with President Oren Vask's government, which has faced pressure over smuggling and migration. \
         Hours before the visit, Vask gathered his security cabinet, regional governors and prosecutors to plan a crackdown. \
         Vask has stressed Calvera's sovereignty in his annual address to parliament on the first of the month, declaring that foreign meddling in the country's courts and ports is unacceptable, yet he has quietly sent troops to the northern border, raised port inspections and extradited 55 wanted gang leaders to the United States, a move widely seen as an effort to defuse threats of tariffs.\n";
    let settings = Settings {
        drafts: Drafts::new([DocId::new("/draft.txt")]),
        ..Settings::default()
    };
    let findings = |draft: &str| {
        let c = corpus_of(&format!("{source}//- /draft.txt\n{draft}\n"));
        let doc = c.get(&DocId::new("/draft.txt")).expect("in corpus");
        check(doc, &c, &settings, RuleScope::All)
            .into_iter()
            .filter(|f| f.code == "inconsistent-figure")
            .map(|f| (doc.text[f.span.clone()].to_string(), f))
            .collect::<Vec<_>>()
    };
    let found = findings("Calvera has extradited 65 gang leaders to the United States.");
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].0, "65");
    assert!(found[0].1.related[0].doc.as_str().contains("source"));
    let found = findings("Calvera has extradited 65 gang leaders to Spain.");
    assert!(found.is_empty(), "{found:#?}");
}

/// An age is whole years: two reports with no date to tell their times
/// apart may lie on either side of a birthday, so ages one apart agree;
/// two apart they still conflict.
#[test]
fn undated_ages_a_birthday_apart_stay_quiet_and_two_apart_conflict() {
    let fixture = |late: &str| {
        format!(
            "//- /first.txt\nMan held after Pell Lane stabbing\n\n\
             Oskar Brint, 34, was held after a man was stabbed on Pell Lane in Varrow, police said.\n\
             //- /second.txt\nArrest in Pell Lane stabbing\n\n\
             Police in Varrow said Oskar Brint, {late}, was arrested after the stabbing on Pell Lane.\n"
        )
    };
    let c = corpus_of(&fixture("35"));
    for name in ["/first.txt", "/second.txt"] {
        let found = flagged(&c, name);
        assert!(found.is_empty(), "{name}: {found:#?}");
    }
    let c = corpus_of(&fixture("36"));
    let found = flagged(&c, "/second.txt");
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].0, "36");
}

/// A gunman who killed three people and then himself: one report counts
/// the three victims, another the four dead. Victims are compared with
/// victims, so the two agree; two reports that each count the victims
/// apart from his death and differ still conflict, and so do tolls one
/// apart where no report tells of his death.
#[test]
fn a_toll_with_and_without_the_gunman_stays_quiet() {
    let quiet = corpus_of(
        "//- /a.txt\nDepot shooting on Weller Street\n\n\
         A gunman killed three people at the bus depot on Weller Street in Harnby before killing himself, police said.\n\
         //- /b.txt\nFour dead at Harnby depot\n\n\
         Four people were killed in a shooting at the bus depot on Weller Street in Harnby, police said.\n",
    );
    for name in ["/a.txt", "/b.txt"] {
        let found = flagged(&quiet, name);
        assert!(found.is_empty(), "{name}: {found:#?}");
    }
    let both_victims = corpus_of(
        "//- /a.txt\nDepot shooting on Weller Street\n\n\
         A gunman killed three people at the bus depot on Weller Street in Harnby before killing himself, police said.\n\
         //- /b.txt\nDepot shooting on Weller Street\n\n\
         A gunman killed four people at the bus depot on Weller Street in Harnby before killing himself, police said.\n",
    );
    let found = flagged(&both_victims, "/b.txt");
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].0, "four");
    let no_death = corpus_of(
        "//- /a.txt\nDepot shooting on Weller Street\n\n\
         A gunman killed three people at the bus depot on Weller Street in Harnby, police said.\n\
         //- /b.txt\nFour dead at Harnby depot\n\n\
         Four people were killed in a shooting at the bus depot on Weller Street in Harnby, police said.\n",
    );
    let found = flagged(&no_death, "/b.txt");
    assert!(!found.is_empty(), "{found:#?}");
}

/// The perpetrator shot dead by the police is one of the dead too.
#[test]
fn a_toll_with_the_attacker_shot_by_police_stays_quiet() {
    let c = corpus_of(
        "//- /a.txt\nMarket attack in Dessel\n\n\
         An attacker killed two people at the covered market in Dessel. The attacker was shot dead by officers minutes later, the mayor said.\n\
         //- /b.txt\nThree dead in Dessel market attack\n\n\
         Three people were killed at the covered market in Dessel, the mayor said.\n",
    );
    for name in ["/a.txt", "/b.txt"] {
        let found = flagged(&c, name);
        assert!(found.is_empty(), "{name}: {found:#?}");
    }
}

/// A sentence that gives both values tells two quantities apart: one
/// film's nominations against another's.
#[test]
fn a_sentence_that_gives_both_values_is_not_a_second_value() {
    let c = corpus_of(
        "//- /a.txt\nHarbour Lights has seven nominations while The Salt Road has 11, ahead of the Marrow Film Prize on Sunday.\n\
         //- /b.txt\nThe Salt Road leads the field at this year's Marrow Film Prize with 11 nominations, the organisers said.\n\
         //- /ferry.txt\nThe ferry to Lorne Island will stop running in winter, the harbour board said.\n\
         //- /school.txt\nThe school on Dale Street will close for repairs in the spring, the council said.\n",
    );
    let found = flagged(&c, "/b.txt");
    assert!(found.is_empty(), "{found:#?}");
}

/// Two real events of one kind, each told by several reports: a short
/// report of the first whose words come near a headline of the second is
/// told apart from it by the reports that agree with it.
#[test]
fn a_report_near_another_events_headline_is_told_apart_by_its_own_event() {
    let c = corpus_of(
        "//- /kestrel1.txt\nThe Tarsian destroyer Kestrel captured 23 pirates on Saturday as they tried to board a grain ship, its captain said.\n\
         //- /kestrel2.txt\nSailors of the Tarsian destroyer Kestrel captured 23 pirates who tried to board a grain ship on Saturday.\n\
         //- /blog.txt\nReports say the Tarsian navy has captured 23 pirates who tried to board a grain ship in the Gulf of Merin.\n\
         //- /osprey1.txt\nTarsian navy captures 26 pirates in Gulf of Merin\n\nThe patrol ship Osprey intercepted three skiffs while escorting five cargo ships and captured 26 pirates, an officer said.\n\
         //- /osprey2.txt\nThe patrol ship Osprey captured 26 pirates on three skiffs during an escort mission, an officer said on Friday.\n",
    );
    // The headline's own figure has no report that agrees with it in
    // like words (the second report of the patrol ship tells it in
    // others), so nothing tells it apart from the short report.
    let found = flagged(&c, "/blog.txt");
    assert!(found.is_empty(), "{found:#?}");
}

/// One event told with two values stays a conflict when the reports that
/// agree with one value tell the same fact as the other.
#[test]
fn a_conflict_confirmed_by_a_second_report_stays_flagged() {
    let c = corpus_of(
        "//- /kestrel1.txt\nThe Tarsian destroyer Kestrel captured 23 pirates on Saturday as they tried to board a grain ship, its captain said.\n\
         //- /kestrel2.txt\nSailors of the Tarsian destroyer Kestrel captured 23 pirates who tried to board a grain ship on Saturday.\n\
         //- /wire.txt\nThe Tarsian destroyer Kestrel captured 21 pirates on Saturday as they tried to board a grain ship, the navy said.\n\
         //- /ferry.txt\nThe ferry to Lorne Island will stop running in winter, the harbour board said.\n",
    );
    let found = flagged(&c, "/wire.txt");
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].0, "21");
}

/// Within one story two values of one thing in sentences about different
/// names are two quantities (two consoles' sales); the same names with two
/// values are a conflict.
#[test]
fn within_one_report_two_values_need_the_same_names() {
    let quiet = corpus_of(
        "//- /a.txt\nThe Lumo handheld console sold 4.5 million units in its first year in Europe, Kestrel Games said.\n\
         Kestrel Games said the older Brio console sold 2.1 million units in its first year in Europe.\n",
    );
    assert!(
        flagged(&quiet, "/a.txt").is_empty(),
        "{:#?}",
        flagged(&quiet, "/a.txt")
    );
    let conflict = corpus_of(
        "//- /a.txt\nThe Lumo handheld console sold 4.5 million units in its first year in Europe, Kestrel Games said.\n\
         The Lumo handheld console sold 5.4 million units in its first year in Europe, Kestrel Games said.\n",
    );
    let found = flagged(&conflict, "/a.txt");
    assert!(!found.is_empty(), "{found:#?}");
}

/// "One in six cars" is a rate, not a number of cars.
#[test]
fn a_ratio_is_not_a_count() {
    let c = corpus_of(
        "//- /a.txt\nOne in six cars sold in Varnland last year was built by Ostermark, the trade body said.\n\
         //- /b.txt\nOstermark sold 120,000 cars in Varnland last year, the trade body said.\n",
    );
    for name in ["/a.txt", "/b.txt"] {
        assert!(flagged(&c, name).is_empty(), "{:#?}", flagged(&c, name));
    }
}
