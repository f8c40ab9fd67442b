//! Fixtures written for these tests: invented news events, scraped the way
//! real pages come out, with the furniture that must go and the near
//! misses that must stay.

use std::sync::Arc;

use super::*;
use crate::analysis::{
    Corpus, DocId, RuleScope, Settings, analyze_document, apply_edits, check, fix_all,
};

fn analyse(text: &str) -> DocAnalysis {
    analyze_document(DocId::new("t.txt"), Arc::from(text), &Settings::default())
}

/// The flagged lines' text, and the kind of each.
fn flagged(doc: &DocAnalysis) -> Vec<(String, Kind)> {
    doc.segmentation
        .lines
        .iter()
        .enumerate()
        .filter_map(|(i, l)| {
            let r = doc.boilerplate.region_of_line(i)?;
            let t = doc.text[l.span.clone()].trim();
            (!t.is_empty()).then(|| (t.to_string(), r.kind))
        })
        .collect()
}

fn flagged_text(doc: &DocAnalysis) -> Vec<String> {
    flagged(doc).into_iter().map(|(t, _)| t).collect()
}

/// Like seed articles 003 and 004: a masthead date, image slugs between
/// paragraphs, a "Related Posts" block with doubled headlines and cut-off
/// blurbs, a comment form, an author biography, an image source and a
/// bare byline.
const FERRY: &str = "Thursday

14-03-2026 Vol 881

Ferry Crews Strike, Halting Crossings to Arlen Island

Why are hundreds of commuters stuck on the mainland this week? Here is what the strike means for the island and its harbour.

ferry-crews-strike-halting-crossings-to-arlen-island-images-main

KESTON BAY —

Ferry crews walked off the job on Wednesday morning, halting every crossing between Keston Bay and Arlen Island and stranding about 2,400 commuters, the port authority said.

The Maritime Workers Union called the strike after talks on night-shift pay broke down late on Tuesday. Union secretary Halle Voss said crews had worked without a new contract for 14 months.

ferry-crews-strike-halting-crossings-to-arlen-island-images-0

“We are not asking for the moon. We are asking to be paid for the hours we already work,” Voss told reporters outside the terminal.

Island schools close early

The island's two schools sent pupils home at noon because teachers who live on the mainland could not reach them. The harbour master said a skeleton service for medical emergencies would start on Thursday.

The union is asking for:
a 6% rise in night-shift pay
two more crew members on winter crossings
a review of rest breaks

Talks are due to resume on Friday.

Related Posts

Harbour Lights Festival Returns After a Five-Year Pause

Harbour Lights Festival Returns After a Five-Year Pause

Ever wondered what it takes to light up a whole harbour? This year the organisers are trying something new and…

Island Bakery Wins Regional Bread Award for Its Rye

Island Bakery Wins Regional Bread Award for Its Rye

Who knew a loaf of rye could cause this much excitement? The judges could not stop talking about the crust and…

Leave a Reply

Tomas Ferreira, senior fellow for maritime labour at the Coastal Policy Institute.

image source from:kestonbaypost

Lena Harwood
";

/// What a fact-checker should be left with.
const FERRY_ARTICLE: &str = "Ferry Crews Strike, Halting Crossings to Arlen Island

Why are hundreds of commuters stuck on the mainland this week? Here is what the strike means for the island and its harbour.

KESTON BAY —

Ferry crews walked off the job on Wednesday morning, halting every crossing between Keston Bay and Arlen Island and stranding about 2,400 commuters, the port authority said.

The Maritime Workers Union called the strike after talks on night-shift pay broke down late on Tuesday. Union secretary Halle Voss said crews had worked without a new contract for 14 months.

“We are not asking for the moon. We are asking to be paid for the hours we already work,” Voss told reporters outside the terminal.

Island schools close early

The island's two schools sent pupils home at noon because teachers who live on the mainland could not reach them. The harbour master said a skeleton service for medical emergencies would start on Thursday.

The union is asking for:
a 6% rise in night-shift pay
two more crew members on winter crossings
a review of rest breaks

Talks are due to resume on Friday.
";

/// Like seeds 000 and 001: a section label before the story, subheadings,
/// "Also Read" teasers in the middle and at the end, a generated FAQ and a
/// "Filed under:" label.
const WILDFIRE: &str = "
Related videos:
Crews battling a wildfire near Pell Ridge ordered 3,000 residents to leave their homes on Sunday as strong winds pushed the flames toward the town's northern edge, the county fire service said.
The fire has burned about 4,800 hectares since it started on Friday in dry scrub east of the reservoir, according to the service.
Also Read: Pell Ridge Reservoir Drops to Record Low
Evacuation centres fill up
The county opened two shelters at Pell Ridge High School and the civic centre. Officials said both were close to capacity by nightfall.
“We left with the dog and the clothes we had on,” said Mara Quint, who lives on Orchard Lane.
More than 300 firefighters and six aircraft were working the fire on Sunday, the service said.
Share prices of the regional power company fell 4% after it cut electricity to 9,000 homes as a precaution.
Frequently Asked Questions about the Pell Ridge Wildfire
How many residents were ordered to leave Pell Ridge?
The county fire service ordered about 3,000 residents to leave their homes on Sunday as strong winds pushed the wildfire toward the town.
How large is the wildfire near Pell Ridge?
The fire has burned about 4,800 hectares of dry scrub east of the reservoir since it started on Friday.
Where can evacuated residents find shelter?
The county opened shelters at Pell Ridge High School and the civic centre, which were close to capacity by nightfall.
Also Read: Pell Ridge Council Bans Outdoor Burning
Filed under:";

const WILDFIRE_ARTICLE: &str = "Crews battling a wildfire near Pell Ridge ordered 3,000 residents to leave their homes on Sunday as strong winds pushed the flames toward the town's northern edge, the county fire service said.
The fire has burned about 4,800 hectares since it started on Friday in dry scrub east of the reservoir, according to the service.
Evacuation centres fill up
The county opened two shelters at Pell Ridge High School and the civic centre. Officials said both were close to capacity by nightfall.
“We left with the dog and the clothes we had on,” said Mara Quint, who lives on Orchard Lane.
More than 300 firefighters and six aircraft were working the fire on Sunday, the service said.
Share prices of the regional power company fell 4% after it cut electricity to 9,000 homes as a precaution.";

#[test]
fn flags_the_furniture_of_a_scraped_page_and_nothing_else() {
    let doc = analyse(FERRY);
    let got = flagged_text(&doc);
    let want = [
        "Thursday",
        "14-03-2026 Vol 881",
        "ferry-crews-strike-halting-crossings-to-arlen-island-images-main",
        "ferry-crews-strike-halting-crossings-to-arlen-island-images-0",
        "Related Posts",
        "Harbour Lights Festival Returns After a Five-Year Pause",
        "Harbour Lights Festival Returns After a Five-Year Pause",
        "Ever wondered what it takes to light up a whole harbour? This year the organisers are trying something new and…",
        "Island Bakery Wins Regional Bread Award for Its Rye",
        "Island Bakery Wins Regional Bread Award for Its Rye",
        "Who knew a loaf of rye could cause this much excitement? The judges could not stop talking about the crust and…",
        "Leave a Reply",
        "Tomas Ferreira, senior fellow for maritime labour at the Coastal Policy Institute.",
        "image source from:kestonbaypost",
        "Lena Harwood",
    ];
    assert_eq!(got, want);
    assert_eq!(
        doc.boilerplate
            .headline()
            .map(|l| &doc.text[doc.segmentation.lines[l].span.clone()]),
        Some("Ferry Crews Strike, Halting Crossings to Arlen Island")
    );
}

#[test]
fn related_posts_block_is_one_region_with_one_fix() {
    let doc = analyse(FERRY);
    let blocks: Vec<&Region> = doc
        .boilerplate
        .regions()
        .iter()
        .filter(|r| matches!(r.reason, Reason::RelatedBlock { .. }))
        .collect();
    assert_eq!(blocks.len(), 1, "{:?}", doc.boilerplate.regions());
    let block = blocks[0];
    assert_eq!(
        block.lines.len(),
        13,
        "heading, 6 teasers and the blank lines between"
    );
    assert!(
        block.reason.message().contains("“Related Posts” block")
            && block.reason.message().contains("6 teaser lines"),
        "{}",
        block.reason.message()
    );
    let findings = check(&doc, &Corpus::new(), &Settings::default(), RuleScope::All);
    let f = findings
        .iter()
        .find(|f| f.span == block.span)
        .expect("a finding for the block");
    assert_eq!(f.code, "boilerplate");
    assert!(f.unnecessary);
    assert_eq!(f.fixes.len(), 1);
    assert_eq!(f.fixes[0].edits.len(), 1);
}

#[test]
fn applying_every_fix_leaves_exactly_the_article() {
    let doc = analyse(FERRY);
    let findings = check(&doc, &Corpus::new(), &Settings::default(), RuleScope::All);
    let fix = fix_all(&doc, &findings).expect("something to remove");
    assert_eq!(apply_edits(&doc.text, &fix.edits), FERRY_ARTICLE);

    // The FAQ is not removed in bulk (some desks keep them), but its own
    // quick fix removes it.
    let doc = analyse(WILDFIRE);
    let findings = check(&doc, &Corpus::new(), &Settings::default(), RuleScope::All);
    let bulk = fix_all(&doc, &findings).expect("something to remove");
    let after_bulk = apply_edits(&doc.text, &bulk.edits);
    assert!(after_bulk.contains("Frequently Asked Questions"));
    let faq = findings
        .iter()
        .find(|f| f.code == "generated-faq")
        .expect("the FAQ is found");
    let after_faq = analyse(&after_bulk);
    let faq_again = check(
        &after_faq,
        &Corpus::new(),
        &Settings::default(),
        RuleScope::All,
    )
    .into_iter()
    .find(|f| f.code == "generated-faq")
    .expect("still found after the bulk removal");
    assert_eq!(
        apply_edits(&after_faq.text, &faq_again.fixes[0].edits),
        WILDFIRE_ARTICLE
    );
    assert!(faq.unnecessary);
}

#[test]
fn each_fix_alone_leaves_no_blank_gap() {
    let doc = analyse(FERRY);
    let findings = check(&doc, &Corpus::new(), &Settings::default(), RuleScope::All);
    for f in &findings {
        let after = apply_edits(&doc.text, &f.fixes[0].edits);
        assert!(!after.contains("\n\n\n"), "{}:\n{after}", f.message);
        assert!(!after.starts_with('\n'), "{}", f.message);
        assert!(after.ends_with(".\n") || after.ends_with("Clarke\n") || after.ends_with('\n'));
        assert_eq!(
            after.len(),
            doc.text.len() - f.fixes[0].edits.iter().map(|e| e.span.len()).sum::<usize>()
        );
    }
}

#[test]
fn generated_faq_is_one_information_finding() {
    let doc = analyse(WILDFIRE);
    let got = flagged(&doc);
    let faq: Vec<&String> = got
        .iter()
        .filter(|(_, k)| *k == Kind::GeneratedFaq)
        .map(|(t, _)| t)
        .collect();
    assert_eq!(faq.len(), 7, "{got:#?}");
    assert!(faq[0].starts_with("Frequently Asked Questions"));
    let plain: Vec<&String> = got
        .iter()
        .filter(|(_, k)| *k == Kind::Boilerplate)
        .map(|(t, _)| t)
        .collect();
    assert_eq!(
        plain,
        [
            "Related videos:",
            "Also Read: Pell Ridge Reservoir Drops to Record Low",
            "Also Read: Pell Ridge Council Bans Outdoor Burning",
            "Filed under:"
        ]
    );
    let findings = check(&doc, &Corpus::new(), &Settings::default(), RuleScope::All);
    let faqs: Vec<_> = findings
        .iter()
        .filter(|f| f.code == "generated-faq")
        .collect();
    assert_eq!(faqs.len(), 1);
    assert_eq!(faqs[0].severity, crate::analysis::Severity::Information);
    assert!(
        faqs[0].message.contains("3 questions"),
        "{}",
        faqs[0].message
    );
}

#[test]
fn an_faq_with_new_material_is_not_generated() {
    let text = "Dam Repairs Delayed Again

The regional water authority said on Monday that repairs to the Kessel dam will slip to spring because of a shortage of steel.

Questions and answers

What did the engineer find?
Corrosion in the spillway gates, which the contractor had not inspected since 2011, and a cracked anchor block.
Who pays for the delay?
Farmers downstream carry the cost, the irrigation cooperative's chairwoman argued in a letter to the minister.
";
    let doc = analyse(text);
    assert!(
        doc.boilerplate
            .regions()
            .iter()
            .all(|r| r.kind != Kind::GeneratedFaq),
        "{:?}",
        doc.boilerplate.regions()
    );
}

#[test]
fn near_misses_stay() {
    let text = "Storm Closes Coastal Road

PORT ALDREN (AP) —

A storm closed the coastal road on Monday, and officials said it would stay shut for at least two days while crews cleared fallen trees.

Engineers question the culvert design

The culvert that failed was installed in 1998. Read the engineers' report in full, the transport ministry urged on its website.

No one was hurt.

“Share what you saw with us,” the mayor told residents at a meeting.

The ministry listed the roads still closed:
- Route 9 north of the bridge
- the harbour access road
- Calle Olmo

Advertisement revenue at the local paper fell after the closure, its editor said.

By Tuesday, the water had fallen two metres.

The investigation is ongoing.
";
    let doc = analyse(text);
    assert!(
        flagged_text(&doc).is_empty(),
        "{:?}",
        doc.boilerplate.regions()
    );
}

#[test]
fn reader_interface_text_and_edge_bylines() {
    let text = "Bridge Reopens After Repairs

The Tessel Canal footbridge reopened on Saturday after three months of repairs, the town council said, and pedestrians crossed it within minutes of the ribbon cutting.

Your notification has been saved.

If you do not receive the verification email within a few minutes, please check your spam folder.

The council said the final cost was 1.2 million euros, about 15% over budget.

Dana Whitcombe contributed to this report.
";
    let doc = analyse(text);
    assert_eq!(
        flagged_text(&doc),
        [
            "Your notification has been saved.",
            "If you do not receive the verification email within a few minutes, please check your spam folder.",
            "Dana Whitcombe contributed to this report."
        ]
    );
}

#[test]
fn navigation_runs_at_the_edges() {
    let text = "Home
News
Sport
Business
Weather
Council Votes to Keep the Night Bus
The city council voted on Tuesday to keep the night bus running for another year, reversing a plan to cut it that had drawn hundreds of complaints from shift workers.
The service costs about 2 million pounds a year, the council's transport committee said in its report to members.
Share this article
Email
Print
Most Popular
Council Votes to Keep the Night Bus
Storm Damage Closes Two Schools
Contact us
";
    let doc = analyse(text);
    let got = flagged_text(&doc);
    assert!(
        !got.iter()
            .any(|t| t.starts_with("The city council") || t.starts_with("The service"))
    );
    assert_eq!(
        got.iter()
            .filter(|t| *t == "Council Votes to Keep the Night Bus")
            .count(),
        1,
        "the headline stays, its repeat in the list goes: {got:?}"
    );
    for t in [
        "Home",
        "News",
        "Sport",
        "Business",
        "Weather",
        "Share this article",
        "Storm Damage Closes Two Schools",
        "Contact us",
    ] {
        assert!(got.iter().any(|g| g == t), "{t} not flagged: {got:?}");
    }
}

#[test]
fn configuration_extends_and_exempts() {
    let mut settings = Settings::default();
    settings.boilerplate.extra_patterns =
        vec![regex::Regex::new("(?i)^keston bay post morning briefing$").unwrap()];
    settings.boilerplate.allow = vec![regex::Regex::new("(?i)^leave a reply$").unwrap()];
    let text = "Ferry Crews Strike\n\nFerry crews walked off the job on Wednesday morning, halting every crossing to the island, the port authority said.\n\nKeston Bay Post Morning Briefing\n\nLeave a Reply\n";
    let doc = analyze_document(DocId::new("t.txt"), Arc::from(text), &settings);
    let regions = doc.boilerplate.regions();
    assert_eq!(regions.len(), 1, "{regions:?}");
    assert!(matches!(&regions[0].reason, Reason::Custom(p) if p.contains("briefing")));
    assert!(
        regions[0]
            .reason
            .message()
            .contains("boilerplate.extra_patterns")
    );
}

#[test]
fn slug_message_names_the_suffix() {
    let doc = analyse(FERRY);
    let r = doc
        .boilerplate
        .region_of_line(16)
        .expect("slug line flagged");
    assert_eq!(
        r.reason.message(),
        "Image file name left from the page: lowercase words joined by hyphens, ending in -images-0."
    );
}

#[test]
fn api_for_other_detectors() {
    let doc = analyse(FERRY);
    let slug_line = 16;
    assert!(doc.is_boilerplate_line(slug_line));
    let span = doc.segmentation.lines[slug_line].span.clone();
    assert!(doc.in_boilerplate(span.start + 3..span.end - 1));
    let body = FERRY.find("Ferry crews walked").unwrap();
    assert!(!doc.in_boilerplate(body..body + 10));
    assert!(!doc.is_boilerplate_line(12));
    assert!(!doc.is_boilerplate_line(4), "the headline");
    // A span running from the article into the furniture is not inside.
    assert!(!doc.in_boilerplate(span.start - 5..span.end));
    assert!(doc.boilerplate.overlaps(span.start - 5..span.end));
}

#[test]
fn line_removal_keeps_one_gap_and_the_final_newline() {
    let edits = |text: &str, ranges: &[(usize, usize)]| {
        let lines = crate::analysis::text::split_lines(text);
        apply_edits(
            text,
            &line_removal_edits(text, &lines, ranges.iter().map(|&(a, b)| a..b)),
        )
    };
    assert_eq!(edits("A\n\nX\n\nB\n", &[(2, 3)]), "A\n\nB\n");
    assert_eq!(edits("A\nX\nB", &[(1, 2)]), "A\nB");
    assert_eq!(edits("A\nX\n\nB", &[(1, 2)]), "A\n\nB");
    assert_eq!(edits("\nX\nA\n", &[(1, 2)]), "A\n");
    assert_eq!(edits("A\n\nX\n", &[(2, 3)]), "A\n");
    assert_eq!(edits("A\n\nX", &[(2, 3)]), "A");
    assert_eq!(
        edits("A\r\n\r\nX\r\n\r\nY\r\n\r\nB\r\n", &[(2, 3), (4, 5)]),
        "A\r\n\r\nB\r\n"
    );
    assert_eq!(edits("X\nY\n", &[(0, 2)]), "\n");
    assert_eq!(edits("A\n", &[]), "A\n");
}

#[test]
fn corpus_evidence_flags_template_lines_but_not_shared_reporting() {
    const STREETS: [&str; 3] = ["Elm Street", "Harbour Road", "Mill Lane"];
    const TOWNS: [&str; 3] = ["Dunmore", "Castleford", "Ashby"];
    let article = |n: usize, extra: &str| {
        format!(
            "Man Wounded in {town} Shooting\n\nPolice said a man was wounded on {street} in {town} late on Friday and taken to the county hospital in a stable condition.\n\nThe investigation is ongoing.\n\n{extra}\n\nKeep checking Valley Sentinel Online\n\nJoin the Valley Sentinel Readers Panel\n",
            town = TOWNS[n],
            street = STREETS[n],
        )
    };
    let mut corpus = Corpus::new();
    let mut docs = Vec::new();
    for (n, street) in STREETS.iter().enumerate() {
        let text = article(
            n,
            &format!(
                "A neighbour on {} said she heard three shots before midnight.",
                street
            ),
        );
        let doc = Arc::new(analyze_document(
            DocId::new(format!("{n}.txt")),
            Arc::from(text),
            &Settings::default(),
        ));
        corpus.upsert(doc.clone());
        docs.push(doc);
    }
    let lines: Vec<String> = template_lines(&docs[0], &corpus)
        .into_iter()
        .map(|t| docs[0].text[t.span].to_string())
        .collect();
    // The second line may already be flagged from the document alone (the
    // line model rates it furniture at the page's edge); then the corpus
    // need not add it.
    let own = flagged_text(&docs[0]);
    assert_eq!(lines[0], "Keep checking Valley Sentinel Online");
    for l in [
        "Keep checking Valley Sentinel Online",
        "Join the Valley Sentinel Readers Panel",
    ] {
        assert!(
            lines.iter().any(|t| t == l) || own.iter().any(|t| t == l),
            "{l}"
        );
    }
    assert!(lines.len() <= 2, "{lines:?}");
    assert!(
        !lines
            .iter()
            .any(|t| t.contains("neighbour") || t.contains("investigation"))
    );
    let findings = check(&docs[0], &corpus, &Settings::default(), RuleScope::All);
    let f = findings
        .iter()
        .find(|f| f.message.contains("Site template text"))
        .expect("a template finding");
    assert!(f.message.contains("2 other documents"), "{}", f.message);

    // A copy of the same story (syndicated) gets no corpus evidence.
    let copy = Arc::new(analyze_document(
        DocId::new("copy.txt"),
        docs[1].text.clone(),
        &Settings::default(),
    ));
    corpus.upsert(copy.clone());
    assert!(template_lines(&copy, &corpus).is_empty());

    // Removing documents updates the index.
    corpus.remove(&DocId::new("1.txt"));
    corpus.remove(&DocId::new("2.txt"));
    corpus.remove(&DocId::new("copy.txt"));
    assert!(template_lines(&docs[0], &corpus).is_empty());
}

#[test]
fn odd_text_never_panics() {
    for text in [
        "",
        "\n",
        "\r\n\r\n",
        "😀",
        "“",
        "Related Posts",
        "Related Posts\n",
        "Frequently Asked Questions\nWhy?\nBecause.\nHow?\nSo.",
        "a-b-c-d-e-f-images-0",
        "Sunday\r\n03-09-2024 Vol 517\r\nHeadline 😀 “quoted” text\r\n",
        "…\n...\n—\n",
    ] {
        let doc = analyse(text);
        let findings = check(&doc, &Corpus::new(), &Settings::default(), RuleScope::All);
        if let Some(fix) = fix_all(&doc, &findings) {
            let _ = apply_edits(text, &fix.edits);
        }
    }
}

mod props {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        #[test]
        fn any_text_analyses_and_fixes_apply(
            lines in proptest::collection::vec(
                prop_oneof![
                    Just("Related Posts".to_string()),
                    Just("Leave a Reply".to_string()),
                    Just(String::new()),
                    Just("Sunday".to_string()),
                    Just("a-b-c-d-e-images-0".to_string()),
                    Just("The council said on Monday that the bridge would stay closed for weeks.".to_string()),
                    Just("Frequently Asked Questions".to_string()),
                    Just("Why did it close?".to_string()),
                    "\\PC{0,40}",
                ],
                0..30,
            ),
            crlf in any::<bool>(),
        ) {
            let text = lines.join(if crlf { "\r\n" } else { "\n" });
            let doc = analyse(&text);
            let findings = check(&doc, &Corpus::new(), &Settings::default(), RuleScope::All);
            for f in &findings {
                prop_assert!(text.is_char_boundary(f.span.start) && text.is_char_boundary(f.span.end));
                for e in f.fixes.iter().flat_map(|fix| &fix.edits) {
                    prop_assert!(text.is_char_boundary(e.span.start) && text.is_char_boundary(e.span.end));
                }
            }
            if let Some(fix) = fix_all(&doc, &findings) {
                let mut prev_end = 0;
                for e in &fix.edits {
                    prop_assert!(e.span.start >= prev_end, "edits overlap");
                    prev_end = e.span.end;
                }
                let out = apply_edits(&text, &fix.edits);
                prop_assert!(out.len() <= text.len());
            }
        }
    }
}

/// The removal guard and the prose boundary: short sentences of reporting
/// in a row (the way Spanish wire copy is often laid out) are neither a
/// menu nor removable, while the menu lines around them still go.
const RIADA: &str = "Inicio
Noticias
Deportes
Cultura
Opinión

Desalojadas cuarenta familias en Valdemora por la crecida del río

La crecida del río Lerma obligó anoche a desalojar a cuarenta familias del barrio de la Ribera en Valdemora, según informó el ayuntamiento en un comunicado.

El agua alcanzó un metro de altura en la calle Mayor.
Los vecinos desalojados han sido realojados en el pabellón municipal.
Dos personas fueron atendidas por hipotermia.
La carretera comarcal sigue cortada al tráfico.
Los bomberos trabajaron toda la noche en la zona.

La alcaldesa, Marta Ibarra, pidió calma y anunció ayudas para los comercios afectados por el agua.

Aviso legal
Contacto
Mapa del sitio
";

#[test]
fn short_spanish_sentences_in_a_row_are_reporting_not_a_menu() {
    let doc = analyse(RIADA);
    let flagged = flagged_text(&doc);
    for l in RIADA.lines().filter(|l| l.ends_with('.')) {
        assert!(!flagged.iter().any(|f| f == l), "flagged: {l}");
    }
    assert!(flagged.iter().any(|f| f == "Noticias"), "{flagged:?}");
    assert!(flagged.iter().any(|f| f == "Mapa del sitio"), "{flagged:?}");
    let findings = check(&doc, &Corpus::new(), &Settings::default(), RuleScope::All);
    let out = apply_edits(RIADA, &fix_all(&doc, &findings).expect("the menus").edits);
    for l in RIADA.lines().filter(|l| l.ends_with('.')) {
        assert!(out.contains(l), "removed: {l}");
    }
    assert!(!out.contains("Noticias"));
}

#[test]
fn a_sentence_opening_with_label_wording_is_not_a_stamp() {
    let text = "Console Port Arrives Early

Posted on social media by testers at a hardware blog, the new port runs at a steady sixty frames per second.

The studio confirmed the release date on Tuesday and said a patch for older machines would follow.

By the end of the week, more than a million copies had been sold in Europe alone.

Posted on 4 March 2026
";
    let doc = analyse(text);
    let flagged = flagged_text(&doc);
    assert_eq!(flagged, ["Posted on 4 March 2026"]);
}

#[test]
fn the_guard_keeps_prose_in_any_removal() {
    let text =
        "Home\nThe council said on Monday that the bridge would stay closed for weeks.\nContact\n";
    let lines = crate::analysis::text::split_lines(text);
    // Asked to remove all three lines, the guard keeps the sentence.
    let kept = apply_edits(
        text,
        &line_removal_edits(text, &lines, std::iter::once(0..3)),
    );
    assert_eq!(
        kept,
        "The council said on Monday that the bridge would stay closed for weeks.\n"
    );
    // Exempted (template text, the user's own patterns) it goes.
    let all = apply_edits(
        text,
        &guarded_removal_edits(text, &lines, std::iter::once(0..3), |l| l == 1),
    );
    assert_eq!(all, "\n");
    assert!(may_remove("Share this article", false));
    assert!(!may_remove(
        "Los vecinos desalojados han sido realojados en el pabellón municipal.",
        false
    ));
}

#[test]
fn user_patterns_still_remove_prose() {
    let mut settings = Settings::default();
    settings.boilerplate.extra_patterns =
        vec![regex::Regex::new("^This story was produced with support from").unwrap()];
    let text = "Wells Run Dry in Harlow Valley\n\nFarmers in the Harlow valley said on Monday that half of the wells had run dry since June.\n\nThis story was produced with support from a regional journalism fund that has no say over its content.\n";
    let doc = analyze_document(DocId::new("t.txt"), Arc::from(text), &settings);
    let findings = check(&doc, &Corpus::new(), &settings, RuleScope::All);
    let out = apply_edits(text, &fix_all(&doc, &findings).expect("a removal").edits);
    assert!(!out.contains("journalism fund"), "{out}");
    assert!(out.contains("half of the wells"));
}

/// Found by `props::any_text_analyses_and_fixes_apply`: a finding of
/// another rule (a figure with no source) has no fix at all.
#[test]
fn findings_without_fixes_are_fine() {
    let text = ["0%(", "Why did it close?"].join("\n");
    let doc = analyse(&text);
    let findings = check(&doc, &Corpus::new(), &Settings::default(), RuleScope::All);
    for f in &findings {
        for e in f.fixes.iter().flat_map(|fix| &fix.edits) {
            assert!(text.is_char_boundary(e.span.start) && text.is_char_boundary(e.span.end));
        }
    }
    if let Some(fix) = fix_all(&doc, &findings) {
        assert!(apply_edits(&text, &fix.edits).len() <= text.len());
    }
}

/// A Spanish news page as scraped: the site's furniture in Spanish
/// ("Lea también", "Noticias relacionadas", "Te puede interesar",
/// "Compartir en", "Suscríbete", a byline "Por …") around an article whose
/// sentences open with the same words in their own sense ("Por la mañana",
/// "Publicado el informe", "Te puede interesar saber", a quotation).
const PUERTO_PAGE: &str = "Portada
Nacional
Economía
Deportes
Opinión

Martes, 14 de abril de 2026

El puerto de Altamar suspende las descargas por una avería en las grúas

Por Lucía Ferrer Soto

Compartir en Facebook
Compartir en WhatsApp

La autoridad portuaria de Altamar suspendió este martes todas las descargas de contenedores después de que dos grúas se detuvieran por un fallo eléctrico, informó la empresa concesionaria.

Lea también: Los estibadores convocan una huelga de dos días en el puerto

Por la mañana, más de treinta camiones esperaban en la entrada de la terminal sin poder cargar.
Publicado el informe técnico, la concesionaria calcula que la reparación durará al menos una semana.
Te puede interesar saber que el puerto mueve cada año unos dos millones de contenedores, según la memoria anual del organismo.

«No vamos a reabrir hasta que las grúas sean seguras», dijo el director de operaciones, Andrés Quiroga.

Los transportistas pidieron al ayuntamiento que habilite un aparcamiento provisional mientras dure la avería.

Suscríbete a nuestro boletín y recibe cada mañana las noticias de la ciudad

Noticias relacionadas
Cierran el muelle norte por obras de dragado
La naviera Solmar abre una nueva ruta a las islas
Récord de pasajeros de crucero en el mes de marzo

Te puede interesar
Diez playas para visitar este verano
Las mejores rutas en bicicleta por la costa

Etiquetas: puerto, transporte, Altamar

© 2026 Diario de Altamar. Todos los derechos reservados.
Aviso legal
Política de privacidad
";

/// What must stay of [`PUERTO_PAGE`]: the headline and every sentence of
/// the article.
const PUERTO_KEPT: &[&str] = &[
    "El puerto de Altamar suspende las descargas por una avería en las grúas",
    "La autoridad portuaria de Altamar suspendió este martes todas las descargas de contenedores después de que dos grúas se detuvieran por un fallo eléctrico, informó la empresa concesionaria.",
    "Por la mañana, más de treinta camiones esperaban en la entrada de la terminal sin poder cargar.",
    "Publicado el informe técnico, la concesionaria calcula que la reparación durará al menos una semana.",
    "Te puede interesar saber que el puerto mueve cada año unos dos millones de contenedores, según la memoria anual del organismo.",
    "«No vamos a reabrir hasta que las grúas sean seguras», dijo el director de operaciones, Andrés Quiroga.",
    "Los transportistas pidieron al ayuntamiento que habilite un aparcamiento provisional mientras dure la avería.",
];

#[test]
fn spanish_page_furniture_is_flagged_and_the_article_stays() {
    let doc = analyse(PUERTO_PAGE);
    let flagged = flagged_text(&doc);
    for must in [
        "Portada",
        "Economía",
        "Por Lucía Ferrer Soto",
        "Compartir en Facebook",
        "Compartir en WhatsApp",
        "Lea también: Los estibadores convocan una huelga de dos días en el puerto",
        "Suscríbete a nuestro boletín y recibe cada mañana las noticias de la ciudad",
        "Noticias relacionadas",
        "Cierran el muelle norte por obras de dragado",
        "Te puede interesar",
        "Diez playas para visitar este verano",
        "Etiquetas: puerto, transporte, Altamar",
        "© 2026 Diario de Altamar. Todos los derechos reservados.",
        "Aviso legal",
    ] {
        assert!(
            flagged.iter().any(|f| f == must),
            "not flagged: {must}\n{flagged:#?}"
        );
    }
    for keep in PUERTO_KEPT {
        assert!(!flagged.iter().any(|f| f == keep), "flagged: {keep}");
    }
}

#[test]
fn fixing_a_spanish_page_removes_no_prose() {
    let doc = analyse(PUERTO_PAGE);
    let findings = check(&doc, &Corpus::new(), &Settings::default(), RuleScope::All);
    let out = apply_edits(
        PUERTO_PAGE,
        &fix_all(&doc, &findings).expect("the furniture").edits,
    );
    for keep in PUERTO_KEPT {
        assert!(out.contains(keep), "removed: {keep}");
    }
    assert!(!out.contains("Compartir en WhatsApp"));
    assert!(!out.contains("Noticias relacionadas"));
    // Every line --fix removed, read on its own, is not Spanish prose.
    for line in PUERTO_PAGE.lines().filter(|l| !out.contains(*l)) {
        assert!(!reads_as_prose(line), "prose removed: {line}");
    }
}

#[test]
fn spanish_cue_wording_inside_a_sentence_is_not_a_cue() {
    for s in [
        "Por la tarde, los vecinos volvieron a sus casas después de que bajara el agua.",
        "Publicado el decreto, el gobierno regional abrirá el plazo de ayudas el lunes.",
        "Los usuarios podrán compartir en la aplicación las incidencias del servicio de autobuses.",
    ] {
        let text = format!(
            "Vuelven los vecinos a la Ribera\n\nLa crecida del río obligó a desalojar a cuarenta familias del barrio, según informó el ayuntamiento.\n\n{s}\n\nLa alcaldesa anunció ayudas para los comercios afectados por el agua.\n"
        );
        let doc = analyse(&text);
        assert!(!flagged_text(&doc).iter().any(|f| f == s), "flagged: {s}");
    }
}

/// A page whose rules find furniture, with more after the article that only
/// the line model takes (long lines without a sentence end).
const TOWPATH: &str = "Home
News
Sport
Weather
Canal Towpath Reopens After Winter Repairs

TESSEL — The towpath along the Tessel Canal reopened on Monday after four months of repairs to its stone edging, the waterways trust said.

Walkers and cyclists had used a road detour since November, when a section near the lock gave way after heavy rain.

The trust said the work cost about 310,000 pounds and was paid for by a grant from the regional council.

Share this
Leave a Reply
Advertisement
Harbor Ledger is a member of the Regional Press Standards Organisation
Registered office 4 Quay Street Tessel TE1 4QS company number 0448213
Harbor Ledger Media Group 2026 all rights held by the publishing house
";

#[test]
fn bulk_removal_leaves_the_line_models_own_flags() {
    let doc = analyse(TOWPATH);
    let learned: Vec<&Region> = doc
        .boilerplate
        .regions()
        .iter()
        .filter(|r| matches!(r.reason, Reason::Learned { .. }))
        .collect();
    assert!(!learned.is_empty(), "{:#?}", doc.boilerplate.regions());
    let findings = check(&doc, &Corpus::new(), &Settings::default(), RuleScope::All);
    let bulk = fix_all(&doc, &findings).expect("the rules' flags go");
    let after = apply_edits(&doc.text, &bulk.edits);
    assert!(!after.contains("Leave a Reply"), "{after}");
    for r in &learned {
        let text = &doc.text[r.span.clone()];
        assert!(after.contains(text), "bulk removed {text:?}:\n{after}");
        // Its own fix removes it.
        let f = findings
            .iter()
            .find(|f| f.span == r.span)
            .expect("a finding for the model's flag");
        assert!(f.message.contains("removes"), "{}", f.message);
        let alone = apply_edits(&doc.text, &f.fixes[0].edits);
        assert!(!alone.contains(text), "{alone}");
    }
}

/// A Spanish page: the story, then the readers' comments under their
/// heading.
const PUERTO: &str = "Reabren el muelle norte del puerto de Valdemar tras las obras

El muelle norte del puerto de Valdemar volvió a abrir el lunes después de seis meses de obras en su escollera, informó la autoridad portuaria.

Los pescadores habían descargado en el muelle sur desde mayo, cuando un temporal dañó una parte del dique de abrigo.

La autoridad portuaria dijo que las obras costaron unos 2,3 millones de euros y que las pagó el gobierno regional.

El alcalde visitó el muelle por la mañana y anunció que el mercado de pescado abrirá de nuevo la próxima semana.

Comentarios (2)
marinero_viejo
Ya era hora, llevamos medio año esperando y nadie nos dio una fecha clara.
Responder
Lucía desde Valdemar
Espero que esta vez la escollera aguante el invierno sin problemas.
";

#[test]
fn readers_comments_after_the_article_are_one_block_that_no_bulk_fix_removes() {
    let doc = analyse(PUERTO);
    let comments: Vec<&Region> = doc
        .boilerplate
        .regions()
        .iter()
        .filter(|r| matches!(r.reason, Reason::Comments { .. }))
        .collect();
    assert_eq!(comments.len(), 1, "{:#?}", doc.boilerplate.regions());
    let block = &doc.text[comments[0].span.clone()];
    assert!(block.starts_with("marinero_viejo"), "{block}");
    assert!(block.ends_with("sin problemas."), "{block}");
    assert!(
        comments[0].reason.message().contains("“Comentarios (2)”"),
        "{}",
        comments[0].reason.message()
    );
    // The story stays unflagged.
    for (i, line) in doc.segmentation.lines.iter().enumerate() {
        let t = &doc.text[line.span.clone()];
        if t.starts_with("El ") || t.starts_with("Los ") || t.starts_with("La ") {
            assert!(!doc.is_boilerplate_line(i), "{t}");
        }
    }
    // No fix deletes the comments written as sentences; bulk removal
    // leaves the section.
    let findings = check(&doc, &Corpus::new(), &Settings::default(), RuleScope::All);
    let after_bulk = fix_all(&doc, &findings)
        .map(|f| apply_edits(&doc.text, &f.edits))
        .unwrap_or_else(|| doc.text.to_string());
    assert!(after_bulk.contains("marinero_viejo"), "{after_bulk}");
    let f = findings
        .iter()
        .find(|f| f.span == comments[0].span)
        .expect("a finding for the comments");
    let after = apply_edits(&doc.text, &f.fixes[0].edits);
    assert!(
        after.contains("Ya era hora, llevamos medio año esperando"),
        "{after}"
    );
    assert!(!after.contains("Responder"), "{after}");
    for line in block.lines().filter(|l| reads_as_prose(l)) {
        assert!(after.contains(line), "{line:?} removed:\n{after}");
    }
}

#[test]
fn a_comment_count_under_the_lead_opens_no_comment_section() {
    let text = "Canal Towpath Reopens After Winter Repairs

TESSEL — The towpath along the Tessel Canal reopened on Monday after four months of repairs to its stone edging, the waterways trust said.

14 Comments

Walkers and cyclists had used a road detour since November, when a section near the lock gave way after heavy rain.

The trust said the work cost about 310,000 pounds and was paid for by a grant from the regional council.

A spokesman for the trust said the edging would be checked again after the spring floods.
";
    let doc = analyse(text);
    assert!(
        !doc.boilerplate
            .regions()
            .iter()
            .any(|r| matches!(r.reason, Reason::Comments { .. })),
        "{:#?}",
        doc.boilerplate.regions()
    );
    assert_eq!(flagged_text(&doc), ["14 Comments"]);
}

#[test]
fn the_guard_keeps_spanish_reporting_in_the_present_tense() {
    let text = "Portada\nEl ayuntamiento mantiene cerrado el puente mientras revisa sus pilares.\nAviso legal\n";
    let doc = analyse(text);
    let out = apply_edits(
        text,
        &line_removal_edits(text, &doc.segmentation.lines, std::iter::once(0..3)),
    );
    assert_eq!(
        out,
        "El ayuntamiento mantiene cerrado el puente mientras revisa sus pilares.\n"
    );
}
