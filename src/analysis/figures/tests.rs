//! Extraction and comparison tests on sentences written for them.

use super::*;
use crate::analysis::text::Segmentation;

fn figs(text: &str) -> Vec<Figure> {
    extract(text, &Segmentation::new(text)).list
}

/// (surface, kind, display value) of each figure.
fn read(text: &str) -> Vec<(String, FigureKind, String)> {
    figs(text)
        .into_iter()
        .map(|f| (text[f.span.clone()].to_string(), f.kind, f.display_value()))
        .collect()
}

fn one(text: &str) -> Figure {
    let mut all = figs(text);
    assert_eq!(all.len(), 1, "{text:?}: {:?}", read(text));
    all.remove(0)
}

fn surfaces(text: &str) -> Vec<String> {
    read(text).into_iter().map(|(s, _, _)| s).collect()
}

use FigureKind::*;

#[test]
fn cardinals_in_digits_and_words() {
    let cases: &[(&str, &str, f64)] = &[
        ("The ministry counted 4,000 applications.", "4,000", 4000.0),
        ("Turnout fell by 1.5 points.", "1.5", 1.5),
        ("Guards freed 13 hostages.", "13", 13.0),
        ("Guards freed eleven hostages.", "eleven", 11.0),
        (
            "Volunteers planted five thousand trees.",
            "five thousand",
            5000.0,
        ),
        (
            "The fund lost twenty million savers.",
            "twenty million",
            2e7,
        ),
        ("They hired a dozen nurses.", "a dozen", 12.0),
        ("They hired two nurses.", "two", 2.0),
        (
            "The port handles 2.5 million containers.",
            "2.5 million",
            2.5e6,
        ),
        ("Half a million people marched.", "Half a million", 5e5),
        ("They sent a hundred medics.", "a hundred", 100.0),
        (
            "Crews laid two hundred and fifty-three metres of cable.",
            "two hundred and fifty-three",
            253.0,
        ),
    ];
    for &(text, surface, value) in cases {
        let f = one(text);
        assert_eq!(&text[f.span.clone()], surface, "{text}");
        assert_eq!(f.kind, Count, "{text}");
        assert!((f.value - value).abs() < 1e-6, "{text}: {}", f.value);
        assert_eq!(
            f.in_words,
            surface.chars().any(char::is_alphabetic),
            "{text}"
        );
    }
}

#[test]
fn percentages_money_and_currencies() {
    let pct = ["40%", "40 percent", "forty per cent", "40 per cent"];
    for p in pct {
        let text = format!("Prices rose {p} last year.");
        let f = one(&text);
        assert_eq!((f.kind, f.value), (Percent, 40.0), "{text}");
    }
    let money: &[(&str, f64, &str)] = &[
        ("nearly twenty million dollars", 2e7, "USD"),
        ("$20m", 2e7, "USD"),
        ("€5 billion", 5e9, "EUR"),
        ("30 million pesos", 3e7, "peso"),
        ("$1.13bn", 1.13e9, "USD"),
        ("£600m", 6e8, "GBP"),
        ("$6 million", 6e6, "USD"),
        ("six million dollars", 6e6, "USD"),
        ("US$10 billion", 1e10, "USD"),
        ("C$300 million", 3e8, "CAD"),
        ("400 million Mexican pesos", 4e8, "MXN"),
    ];
    for &(m, value, code) in money {
        let text = format!("The ministry pledged {m} on Monday.");
        let f = one(&text);
        assert_eq!(&text[f.span.clone()], m);
        assert_eq!(f.kind, Money, "{text}");
        assert!((f.value - value).abs() < 1.0, "{text}: {}", f.value);
        assert_eq!(f.currency, Some(code), "{text}");
    }
}

#[test]
fn dates_years_durations_ages() {
    let date = |t: &str| one(t).date.expect("a date");
    let d = date("The envoy arrives on September 2.");
    assert_eq!((d.month, d.day, d.year), (Some(9), Some(2), None));
    assert_eq!(date("The envoy arrives on Sept. 2."), d);
    let d = date("Talks ended on 2 September 2025.");
    assert_eq!((d.year, d.month, d.day), (Some(2025), Some(9), Some(2)));
    let d = date("Talks ended on September 2, 2025, in Lisso.");
    assert_eq!((d.year, d.month, d.day), (Some(2025), Some(9), Some(2)));
    let d = date("03-09-2024 Vol 517");
    assert!(d.day_month_ambiguous);
    assert!(d.compatible(&DateValue {
        year: Some(2024),
        month: Some(9),
        day: Some(3),
        day_month_ambiguous: false
    }));
    let d = date("According to its February 2024 report, the plan works.");
    assert_eq!((d.year, d.month, d.day), (Some(2024), Some(2), None));
    let f = one("The base closed in 2009 after a vote.");
    assert_eq!((f.kind, f.value), (Year, 2009.0));
    let f = one("Both sides agreed a 60-day pause.");
    assert_eq!(
        (f.kind, f.value, f.time_unit),
        (Duration, 60.0, Some(TimeUnit::Day))
    );
    let all = figs("It was his third visit in seven months.");
    assert_eq!(all.len(), 2);
    assert_eq!(all[1].kind, Duration);
    assert_eq!(all[1].display_value(), "7 months");
    let f = one("Darnell Quist, 31, died on the way to hospital.");
    assert_eq!((f.kind, f.value), (Age, 31.0));
    let f = one("A 9-year-old girl was hurt.");
    assert_eq!((f.kind, f.value), (Age, 9.0));
    // Relative dates stay relative: no figure.
    assert!(figs("The ministry said this Thursday that talks resume next week.").is_empty());
}

#[test]
fn ordinals_and_ranges() {
    let f = one("This is the minister's third trip to the region.");
    assert_eq!((f.kind, f.value), (Ordinal, 3.0));
    let f = one("It was her maiden trip to Estavia.");
    assert_eq!((f.kind, f.value), (Ordinal, 1.0));
    let f = one("She is the first woman to hold the post.");
    assert_eq!((f.kind, f.value), (Ordinal, 1.0));
    for text in [
        "Between 10 and 12 people were hurt.",
        "Some 10-12 people were hurt.",
        "Ten to 12 people were hurt.",
    ] {
        let f = figs(text)
            .into_iter()
            .find(|f| f.qualifier == Qualifier::Range)
            .unwrap_or_else(|| panic!("{text}: {:?}", read(text)));
        assert_eq!(f.interval.lo, 10.0, "{text}");
        assert!(f.interval.contains(12.0), "{text}");
    }
}

#[test]
fn hedges_become_intervals() {
    let over = one("The navy sent over 4,000 sailors.");
    let more = one("The navy sent more than 4,000 sailors.");
    let exact = one("The navy sent 4,500 sailors.");
    assert_eq!(over.qualifier, Qualifier::Over);
    assert!(agree(&over, &more) && agree(&over, &exact) && agree(&more, &exact));
    let few = one("The navy sent 3,000 sailors.");
    assert!(!agree(&over, &few));
    let nearly = one("They pledged nearly twenty million dollars.");
    assert!(nearly.interval.contains(19.5e6) && !nearly.interval.contains(20.6e6));
    let about = one("About 5,000 people fled.");
    assert!(about.interval.contains(5400.0) && !about.interval.contains(6000.0));
    let least = one("At least 11 people died.");
    assert!(least.interval.contains(40.0) && !least.interval.contains(10.0));
}

#[test]
fn leaves_false_figures_alone() {
    let none = [
        "Corvania was once one of the calmest places on the coast.",
        "No one was hurt, and a man was arrested.",
        "Wait a second, the minister said.",
        "May officials resign if the audit fails?",
        "Call 555-123-4567 or (919) 555-0100 for details.",
        "COVID-19 closed the schools.",
        "A Boeing 737 landed safely.",
        "Protesters gathered outside No. 10 Downing Street.",
        "Madrid won 2-1 on Sunday.",
        "Officers were called at 12:20 a.m. to the house.",
        "Police went to 2261 North Alder St. after the call.",
        "Shots were fired in the 1300 block of Larch Avenue.",
        "The 1990s were calmer, the council said.",
        "Read more at https://example.com/news/2024/05/30-killed for details.",
        "She finished the 3D model and the 5G rollout.",
        "The run was 29km long.",
        "Route 66 reopened; Vol 517 went to print.",
        "This one is better than that one.",
    ];
    for text in none {
        assert!(figs(text).is_empty(), "{text}: {:?}", read(text));
    }
    // Names before a plural noun modify it: still a count.
    assert_eq!(
        surfaces("The flood forced 240 Harlow Bridge residents out."),
        ["240"]
    );
    assert_eq!(surfaces("They sent 12 Red Cross volunteers."), ["12"]);
    let address = "Police said the shots were fired at 3817 Willow Bend in the early hours.";
    assert!(figs(address).is_empty(), "{:?}", read(address));
    // A month only with a day, a year or a preposition.
    assert_eq!(surfaces("The vote is in May."), ["May"]);
    assert!(figs("You may go in march order.").is_empty());
}

#[test]
fn what_figures_count() {
    let f = one("Corvania extradited 46 wanted gang figures to Estavia.");
    let c = &f.counted;
    assert_eq!(c.head.as_deref(), Some("figur"));
    assert_eq!(c.head_concept.map(|k| k.name), Some("suspects"));
    assert_eq!(c.verb_concept.map(|k| k.name), Some("transferred"));
    let g = one("Corvania sent 31 gang suspects abroad last month.");
    assert!(same_quantity(&f, &g) >= 0.8, "{}", same_quantity(&f, &g));
    let h = one("The summit brought together 27 mayors.");
    assert_eq!(same_quantity(&f, &h), 0.0);
    let k = one("The raid killed 7 alleged members of the gang.");
    let i = one("Four people were injured in the raid.");
    assert_eq!(same_quantity(&k, &i), 0.0, "killed vs injured");
    let d = one("At least 9 were dead after the raid.");
    assert!(same_quantity(&k, &d) >= 0.6);
    let maiden = one("It was her maiden trip to Estavia.");
    let third = one("It was her third trip to the Ostral Coast.");
    let second = one("It was her second visit to the Ostral Coast.");
    assert_eq!(same_quantity(&maiden, &third), 0.0);
    assert!(same_quantity(&second, &third) >= 0.6);
    let money = one("Lindqvist pledged nearly fifteen million dollars in assistance for Corvania.");
    assert_eq!(
        money.counted.noun.clone().map(|s| {
            "Lindqvist pledged nearly fifteen million dollars in assistance for Corvania."[s]
                .to_string()
        }),
        Some("assistance".to_string())
    );
    let drones = one("It includes four million dollars allocated for rescue drones.");
    assert_eq!(same_quantity(&money, &drones), 0.0);
}

#[test]
fn value_keys_match_across_wordings() {
    let a = one("Prices rose 40% last year.");
    let b = one("Prices rose forty per cent last year.");
    assert_eq!(a.value_key(), b.value_key());
    let c = one("Prices rose 41% last year.");
    assert_ne!(a.value_key(), c.value_key());
    let d = one("They pledged $6 million.");
    let e = one("They pledged six million dollars.");
    assert_eq!(d.value_key(), e.value_key());
}

#[test]
fn shared_figures_of_two_passages() {
    let a = figs("The province released 13 detainees and pledged $6 million.");
    let b = figs("Thirteen prisoners were freed; six million dollars were pledged; 40 fled.");
    let pairs = shared_figures(&a, &b);
    assert_eq!(pairs.len(), 2);
    assert_eq!(pairs[0].0.value, 13.0);
    assert_eq!(pairs[1].1.kind, Money);
    assert!(shared_figures(&a, &figs("Fourteen prisoners were freed.")).is_empty());
}

#[test]
fn spans_are_char_boundaries_on_odd_text() {
    let texts = [
        "",
        "😀 4,000 😀 “twelve” ‘13’ 40%",
        "Line one 12\r\nLine two thirteen\r\n",
        "€€€ $$$ 1.1.1 ,,, 5-",
        "a.b.c 1e10 ½ ２０",
        "“Eleven,” she said. “Twelve.”",
        "\u{feff}Sept. 31, 1999 — 99 percent",
    ];
    for t in texts {
        for f in figs(t) {
            assert!(
                t.is_char_boundary(f.span.start) && t.is_char_boundary(f.span.end),
                "{t:?}"
            );
            assert!(
                f.span.start <= f.number_span.start
                    && f.number_span.end <= f.span.end.max(f.number_span.end)
            );
            assert!(f.span.end <= t.len());
        }
    }
}

#[test]
fn formats_numbers() {
    assert_eq!(format_number(20_000_000.0), "20,000,000");
    assert_eq!(format_number(1.13e9), "1,130,000,000");
    assert_eq!(format_number(2.5), "2.5");
    assert_eq!(format_number(999.0), "999");
}

mod prop {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn never_panics_and_spans_hold(text in "[a-zA-Z0-9 ,.$€%\\-:/\n“”’é😀]{0,80}") {
            let list = figs(&text);
            let mut last = 0;
            for f in &list {
                prop_assert!(f.span.start < f.span.end && f.span.end <= text.len());
                prop_assert!(text.is_char_boundary(f.span.start) && text.is_char_boundary(f.span.end));
                // Sorted by start.
                prop_assert!(f.span.start >= last);
                last = f.span.start;
            }
        }
    }
}

#[test]
fn dates_a_day_or_two_apart_are_the_same_time_but_not_the_same_day() {
    let d = |y: Option<i32>, m: u8, day: u8| DateValue {
        year: y,
        month: Some(m),
        day: Some(day),
        day_month_ambiguous: false,
    };
    let oct15 = d(None, 10, 15);
    assert!(!oct15.compatible(&d(None, 10, 14)));
    assert!(oct15.within_days(&d(None, 10, 14), 2));
    assert!(oct15.within_days(&d(Some(2025), 10, 17), 2));
    assert!(!oct15.within_days(&d(None, 10, 18), 2));
    // Across a month's end, and not across years.
    assert!(d(None, 3, 1).within_days(&d(Some(2023), 2, 28), 2));
    assert!(!d(Some(2024), 1, 1).within_days(&d(Some(2023), 12, 31), 2));
    // A month alone is no day.
    let march = DateValue {
        month: Some(3),
        ..DateValue::default()
    };
    assert!(!march.within_days(&d(None, 4, 1), 2));
}

#[test]
fn same_topic_finds_the_nearest_mentions_in_other_sentences() {
    let text = "Floods killed 12 people in Harlow. \
        The storm killed 14 people in Harlow, officials said. \
        Prices rose 3% in Harlow.";
    let all = extract(text, &Segmentation::new(text));
    assert_eq!(all.list.len(), 3, "{:?}", read(text));
    // The two death tolls count the same thing; the percentage does not.
    assert_eq!(all.same_topic(0), vec![1]);
    assert_eq!(all.same_topic(1), vec![0]);
    assert!(all.same_topic(2).is_empty());
    assert!(all.same_topic(99).is_empty());
}

#[test]
fn same_topic_is_bounded_on_a_text_of_one_repeated_count() {
    let mut text = String::new();
    for i in 0..400 {
        text.push_str(&format!("Floods killed {} people in Harlow. ", 10 + i));
    }
    let all = extract(&text, &Segmentation::new(&text));
    assert_eq!(all.list.len(), 400);
    let middle = all.same_topic(200);
    assert_eq!(middle.len(), 2 * MAX_SAME_DOC_PER_SIDE, "{middle:?}");
    // The nearest on each side, never the figure itself.
    assert_eq!(middle[0], 200 - MAX_SAME_DOC_PER_SIDE);
    assert_eq!(*middle.last().unwrap(), 200 + MAX_SAME_DOC_PER_SIDE);
    assert!(!middle.contains(&200));
    assert_eq!(all.same_topic(0).len(), MAX_SAME_DOC_PER_SIDE);
}

#[test]
fn the_corpus_index_skips_the_asking_document_and_bounds_each_other() {
    use crate::analysis::{Corpus, DocId, Settings, analyze_document};
    use std::sync::Arc;
    let mut many = String::new();
    for i in 0..100 {
        many.push_str(&format!("Floods killed {} people in Harlow.\n", 10 + i));
    }
    let mut corpus = Corpus::new();
    for (name, text) in [
        ("many.txt", many.as_str()),
        ("one.txt", "Floods killed 12 people in Harlow.\n"),
    ] {
        corpus.upsert(Arc::new(analyze_document(
            DocId::new(name),
            Arc::from(text),
            &Settings::default(),
        )));
    }
    let one = corpus.get(&DocId::new("one.txt")).unwrap();
    let f = &one.figures.list[0];
    let found = corpus.figures.candidates(f, None);
    let from = |name: &str| found.iter().filter(|(d, _)| d.id.as_str() == name).count();
    assert_eq!(from("one.txt"), 1);
    assert_eq!(from("many.txt"), MAX_PER_DOCUMENT);
    let found = corpus.figures.candidates(f, Some(&one.id));
    assert!(found.iter().all(|(d, _)| d.id != one.id));
    assert_eq!(found.len(), MAX_PER_DOCUMENT);
    assert_eq!(corpus.figures.largest_run(), 100);
}

/// Whether a text tells the death of the one who did the harm, and which
/// of its tolls count victims only.
fn perpetrator(text: &str) -> (bool, Vec<(String, bool)>) {
    let f = extract(text, &Segmentation::new(text));
    let tolls = f
        .list
        .iter()
        .filter(|g| g.kind == Count)
        .map(|g| (text[g.span.clone()].to_string(), g.counted.victims_only))
        .collect();
    (f.perpetrator_died, tolls)
}

#[test]
fn a_perpetrators_death_is_read_and_his_victims_told_apart() {
    // Told apart: the object of the harm before his death.
    let (died, tolls) =
        perpetrator("A gunman killed three people at a depot in Harnby before killing himself.");
    assert!(died);
    assert_eq!(tolls, [("three".to_string(), true)]);
    // His death in another sentence: the toll may hold him.
    let (died, tolls) = perpetrator(
        "Four people were killed at a depot in Harnby. The gunman later died in hospital.",
    );
    assert!(died);
    assert_eq!(tolls, [("Four".to_string(), false)]);
    // Hyphens aside: "murder-suicide".
    assert!(perpetrator("Police called it a murder-suicide in Harnby.").0);
    // Not his death: a child who shot himself in the hand, a suspect who
    // killed two people, a gunman who fled.
    for text in [
        "A boy, 6, shot himself in the hand at a home in Harnby.",
        "The suspect killed two people at a depot in Harnby.",
        "The gunman fled after two people were killed in Harnby.",
    ] {
        assert!(!perpetrator(text).0, "{text}");
    }
}

#[test]
fn every_perpetrator_death_phrase_is_expanded() {
    let phrases = &crate::analysis::language::lexicon(crate::analysis::language::Lang::English)
        .figures
        .perpetrator_deaths;
    assert!(phrases.iter().any(|p| p == "killed himself"));
    assert!(
        phrases
            .iter()
            .any(|p| p == "the gunman died" || p == "gunman died")
    );
    assert!(phrases.iter().all(|p| !p.contains('@') && !p.is_empty()));
}
