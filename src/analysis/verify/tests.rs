use std::sync::Arc;

use super::{Status, claims, verify};
use crate::analysis::{Corpus, DocAnalysis, DocId, Settings, analyze_document};

fn corpus(files: &[(&str, &str)]) -> Corpus {
    let mut c = Corpus::new();
    for (name, text) in files {
        c.upsert(Arc::new(analyze_document(
            DocId::new(*name),
            Arc::from(*text),
            &Settings::default(),
        )));
    }
    c
}

const HARBOUR: &str = "Ferry Fire at Port Aldren\n\n\
    A fire on the ferry Marisol Bay injured 14 passengers off Port Aldren on Tuesday, the coast guard said.\n\n\
    Coast guard commander Ilse Varnholt said the blaze began in the engine room shortly after the ferry left the harbour.\n\n\
    The operator, Brightwater Lines, said it had suspended all sailings from Port Aldren until Friday.\n";

const WIRE: &str = "Passengers hurt in Port Aldren ferry blaze\n\n\
    Fourteen passengers were injured when fire broke out aboard the Marisol Bay near Port Aldren on Tuesday, according to the coast guard.\n\n\
    Brightwater Lines suspended its Port Aldren sailings until Friday, the company said in a statement.\n\n\
    Investigators from the maritime safety board will inspect the engine room, said board spokesman Tomas Ekwall.\n";

fn draft_doc(c: &Corpus) -> Arc<DocAnalysis> {
    c.get(&DocId::new("draft.txt")).expect("draft").clone()
}

fn statuses(c: &Corpus) -> Vec<(String, Status)> {
    let draft = draft_doc(c);
    let is_source = |d: &DocAnalysis| d.id.as_str() != "draft.txt";
    verify(&draft, c, &is_source)
        .claims
        .into_iter()
        .map(|cl| (draft.slice(cl.span).to_string(), cl.status))
        .collect()
}

#[test]
fn a_restated_claim_is_corroborated_by_each_source() {
    let c = corpus(&[
        ("harbour.txt", HARBOUR),
        ("wire.txt", WIRE),
        (
            "draft.txt",
            "The coast guard said 14 passengers were injured in a fire aboard the ferry Marisol Bay off Port Aldren on Tuesday.\n",
        ),
    ]);
    let draft = draft_doc(&c);
    let v = verify(&draft, &c, &|d: &DocAnalysis| d.id.as_str() != "draft.txt");
    assert_eq!(v.sources, 2);
    assert_eq!(v.claims.len(), 1, "{v:#?}");
    let claim = &v.claims[0];
    assert_eq!(claim.status, Status::Corroborated, "{claim:#?}");
    assert_eq!(claim.supporting_sources(), 2, "{claim:#?}");
    let docs: Vec<&str> = claim.support.iter().map(|e| e.doc.as_str()).collect();
    assert!(docs.contains(&"harbour.txt") && docs.contains(&"wire.txt"));
    // The best passage of each source is the one about the injuries.
    for e in &claim.support {
        let other = c.get(&e.doc).unwrap();
        let text = other.slice(e.span.clone()).to_lowercase();
        assert!(
            text.contains("injured") || text.contains("14"),
            "{}: {text}",
            e.doc
        );
    }
}

#[test]
fn a_changed_figure_is_contradicted_with_the_source_passage() {
    let c = corpus(&[
        ("harbour.txt", HARBOUR),
        (
            "draft.txt",
            "A fire on the ferry Marisol Bay injured 19 passengers off Port Aldren on Tuesday, the coast guard said.\n",
        ),
    ]);
    let draft = draft_doc(&c);
    let v = verify(&draft, &c, &|d: &DocAnalysis| d.id.as_str() != "draft.txt");
    assert_eq!(v.claims.len(), 1, "{v:#?}");
    let claim = &v.claims[0];
    assert_eq!(claim.status, Status::Contradicted, "{claim:#?}");
    let e = &claim.contradictions[0];
    assert_eq!(e.doc.as_str(), "harbour.txt");
    assert!(e.reason.starts_with("19 here, 14 there"), "{}", e.reason);
}

#[test]
fn what_no_source_reports_is_unsourced() {
    let c = corpus(&[
        ("harbour.txt", HARBOUR),
        ("wire.txt", WIRE),
        (
            "draft.txt",
            "Brightwater Lines has suspended its Port Aldren sailings until Friday, the company said.\n\n\
             The Marisol Bay was built in 1998 at the Keldane shipyard and carried 610 passengers on its busiest crossing.\n",
        ),
    ]);
    let found = statuses(&c);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert_eq!(found[0].1, Status::Corroborated, "{found:#?}");
    assert_eq!(found[1].1, Status::Unsourced, "{found:#?}");
}

#[test]
fn a_negated_restatement_contradicts() {
    let c = corpus(&[
        ("harbour.txt", HARBOUR),
        (
            "draft.txt",
            "The operator, Brightwater Lines, said it had not suspended sailings from Port Aldren until Friday.\n",
        ),
    ]);
    let found = statuses(&c);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].1, Status::Contradicted, "{found:#?}");
}

#[test]
fn framing_questions_and_headings_are_not_claims() {
    let c = corpus(&[(
        "draft.txt",
        "What Went Wrong Aboard the Marisol Bay\n\n\
         Why did the ferry leave port with a faulty engine?\n\n\
         It is a question that will shape how the region thinks about safety at sea.\n\n\
         Coast guard commander Ilse Varnholt said 14 passengers were hurt.\n",
    )]);
    let draft = draft_doc(&c);
    let found: Vec<String> = claims(&draft)
        .into_iter()
        .map(|cl| draft.slice(cl.span).to_string())
        .collect();
    assert_eq!(
        found,
        vec!["Coast guard commander Ilse Varnholt said 14 passengers were hurt.".to_string()]
    );
}

#[test]
fn figures_and_quotes_rank_before_names() {
    let c = corpus(&[(
        "draft.txt",
        "Ilse Varnholt and Tomas Ekwall toured the harbour at Port Aldren together.\n\n\
         “We will find out what happened,” Varnholt told reporters at the harbour.\n\n\
         The fire injured 14 passengers and forced 230 people off the ferry on Tuesday.\n",
    )]);
    let draft = draft_doc(&c);
    let v = verify(&draft, &c, &|_| true);
    let ranked: Vec<String> = v
        .ranked()
        .iter()
        .map(|cl| draft.slice(cl.span.clone()).to_string())
        .collect();
    assert_eq!(ranked.len(), 3, "{ranked:#?}");
    assert!(ranked[0].starts_with("The fire injured"), "{ranked:#?}");
    assert!(ranked[1].starts_with("“We will"), "{ranked:#?}");
    let first = v.ranked()[0];
    assert!(
        first.worth_summary() == "2 figures +4",
        "{}",
        first.worth_summary()
    );
}

#[test]
fn the_draft_is_never_its_own_source() {
    let c = corpus(&[(
        "draft.txt",
        "The fire injured 14 passengers off Port Aldren on Tuesday.\n\n\
         Officials later said the fire injured 19 passengers off Port Aldren on Tuesday.\n",
    )]);
    let draft = draft_doc(&c);
    let v = verify(&draft, &c, &|_| true);
    assert_eq!(v.sources, 0);
    assert!(
        v.claims.iter().all(|cl| cl.status == Status::Unsourced),
        "{v:#?}"
    );
}

/// A wire report dated 5 September 2026 that gives the collapse relatively.
const DATED: &str = "Quarry wall collapse closes Brenford road\n\n\
    Published 5 September 2026\n\n\
    A retaining wall at the Halloway quarry collapsed onto the Brenford ring road yesterday, the county highways office said.\n\n\
    Highways engineer Mireille Castan said the road would stay closed until next week.\n";

fn verify_draft(draft: &str) -> Vec<super::Claim> {
    let c = corpus(&[("dated.txt", DATED), ("draft.txt", draft)]);
    let d = draft_doc(&c);
    verify(&d, &c, &|d: &DocAnalysis| d.id.as_str() != "draft.txt").claims
}

#[test]
fn a_date_a_source_gives_relatively_is_corroborated() {
    let claims = verify_draft(
        "A retaining wall at the Halloway quarry collapsed onto the Brenford ring road on 4 September, the county highways office said.\n",
    );
    assert_eq!(claims.len(), 1, "{claims:#?}");
    let claim = &claims[0];
    assert_eq!(claim.status, Status::Corroborated, "{claim:#?}");
    assert!(
        claim.support[0]
            .reason
            .contains("same day: 4 September 2026"),
        "{claim:#?}"
    );
}

#[test]
fn dates_that_cannot_both_be_true_contradict() {
    // The source's "yesterday" is 4 September.
    let claims = verify_draft(
        "A retaining wall at the Halloway quarry collapsed onto the Brenford ring road on 2 September, the county highways office said.\n",
    );
    let claim = &claims[0];
    assert_eq!(claim.status, Status::Contradicted, "{claim:#?}");
    let e = &claim.contradictions[0];
    assert_eq!(e.doc.as_str(), "dated.txt");
    assert!(
        e.reason.contains("2 September") && e.reason.contains("4 September 2026"),
        "{e:#?}"
    );
    // Two absolute dates a day apart for the same collapse, too.
    let c = corpus(&[
        (
            "abs.txt",
            "A retaining wall at the Halloway quarry collapsed onto the Brenford ring road on 4 September 2026, the county highways office said.\n",
        ),
        (
            "draft.txt",
            "A retaining wall at the Halloway quarry collapsed onto the Brenford ring road on 3 September 2026, the county highways office said.\n",
        ),
    ]);
    let d = draft_doc(&c);
    let v = verify(&d, &c, &|d: &DocAnalysis| d.id.as_str() != "draft.txt");
    assert_eq!(v.claims[0].status, Status::Contradicted, "{v:#?}");
}

#[test]
fn an_undated_source_leaves_relative_dates_unresolved() {
    let c = corpus(&[
        (
            "undated.txt",
            "A retaining wall at the Halloway quarry collapsed onto the Brenford ring road yesterday, the county highways office said.\n",
        ),
        (
            "draft.txt",
            "A retaining wall at the Halloway quarry collapsed onto the Brenford ring road on 2 September, the county highways office said.\n",
        ),
    ]);
    let d = draft_doc(&c);
    let v = verify(&d, &c, &|d: &DocAnalysis| d.id.as_str() != "draft.txt");
    assert_eq!(v.claims[0].status, Status::Corroborated, "{v:#?}");
}

#[test]
fn the_claim_cache_reverifies_only_touched_claims_with_the_same_result() {
    let draft = "Ferry fire\n\n\
        A fire aboard the ferry Marisol Bay injured 14 passengers off Port Aldren on Tuesday, the coast guard said.\n\n\
        Brightwater Lines suspended its Port Aldren sailings until Friday, the company said.\n\n\
        The Marisol Bay was refitted in 2019 at the Keldane shipyard for 9 million euros.\n";
    let mut c = corpus(&[
        ("harbour.txt", HARBOUR),
        ("wire.txt", WIRE),
        ("draft.txt", draft),
    ]);
    let is_source = |d: &DocAnalysis| d.id.as_str() != "draft.txt";
    let mut cache = super::ClaimCache::default();
    let first = super::verify_cached(&draft_doc(&c), &c, &is_source, 1, &mut cache, &|| false)
        .expect("not stopped");
    assert_eq!((cache.reused, cache.verified), (0, 3), "{first:#?}");

    // An edit to the last claim: the two others are reused, moved.
    let edited = draft.replace("9 million euros", "12 million euros");
    let edited = format!("\n\n{edited}");
    c.upsert(Arc::new(analyze_document(
        DocId::new("draft.txt"),
        Arc::from(edited.as_str()),
        &Settings::default(),
    )));
    let d = draft_doc(&c);
    let again =
        super::verify_cached(&d, &c, &is_source, 1, &mut cache, &|| false).expect("not stopped");
    assert_eq!((cache.reused, cache.verified), (2, 1));
    let fresh = verify(&d, &c, &is_source);
    let summary = |v: &super::Verification| -> Vec<_> {
        v.claims
            .iter()
            .map(|cl| {
                let docs: Vec<_> = cl
                    .support
                    .iter()
                    .map(|e| (e.doc.clone(), e.span.clone()))
                    .collect();
                (
                    cl.span.clone(),
                    cl.status,
                    docs,
                    cl.figures
                        .iter()
                        .map(|f| f.span.clone())
                        .collect::<Vec<_>>(),
                )
            })
            .collect()
    };
    assert_eq!(
        summary(&again),
        summary(&fresh),
        "the cache changes no status"
    );

    // Other sources: nothing is reused.
    let _ = super::verify_cached(&d, &c, &is_source, 2, &mut cache, &|| false);
    assert_eq!((cache.reused, cache.verified), (0, 3));
}

/// A source that tells the minister's visit in long sentences about
/// several things at once.
const VISIT: &str = "Halloran lands in Port Velle\n\n\
    Minister Oskar Halloran landed in Port Velle on Monday, his fourth visit to the Veltran Islands since taking office, and went straight into talks on fishing quotas, the new ferry contract, a row over harbour fees and the price of diesel for the island's generators.\n\n\
    In Port Velle, the minister will arrive again on 14 May and open the ferry terminal that the harbour board, the island council and Nordlys Lines have argued over for years.\n\n\
    Insurers estimate the storm losses on the islands at 45 million euros, the chamber of commerce said.\n\n\
    Harbour master Ines Corvo said the swell reached 4.2 metres at the breakwater on Sunday.\n";

fn against_visit(draft: &str) -> super::Claim {
    let c = corpus(&[
        ("visit.txt", VISIT),
        ("harbour.txt", HARBOUR),
        ("wire.txt", WIRE),
        ("draft.txt", draft),
    ]);
    let d = draft_doc(&c);
    let v = verify(&d, &c, &|d: &DocAnalysis| d.id.as_str() != "draft.txt");
    assert_eq!(v.claims.len(), 1, "{v:#?}");
    v.claims[0].clone()
}

#[test]
fn a_changed_rank_is_contradicted_by_a_long_source_sentence() {
    let claim =
        against_visit("It is Oskar Halloran's third visit to the Veltran Islands as minister.\n");
    assert_eq!(claim.status, Status::Contradicted, "{claim:#?}");
    assert!(
        claim.contradictions[0]
            .reason
            .starts_with("3rd here, 4th there"),
        "{claim:#?}"
    );
}

#[test]
fn money_and_measures_are_compared_in_a_close_passage() {
    // What the euros count is not read ("put … at"); metres are a measure.
    let claim = against_visit(
        "Insurers put the storm losses on the islands at 60 million euros, the chamber of commerce said.\n",
    );
    assert_eq!(claim.status, Status::Contradicted, "{claim:#?}");
    assert!(claim.contradictions[0].reason.contains("45"), "{claim:#?}");
    let claim = against_visit(
        "The swell reached 5 metres at the breakwater on Sunday, harbour master Ines Corvo said.\n",
    );
    assert_eq!(claim.status, Status::Contradicted, "{claim:#?}");
    let claim = against_visit(
        "Harbour master Ines Corvo said the swell reached 4.2 metres at the breakwater on Sunday.\n",
    );
    assert_eq!(claim.status, Status::Corroborated, "{claim:#?}");
}

#[test]
fn the_date_of_a_placed_event_is_checked_against_the_source() {
    let claim = against_visit(
        "Halloran is due to land in Port Velle on 14 May to see the island council.\n",
    );
    assert_eq!(claim.status, Status::Corroborated, "{claim:#?}");
    assert!(
        claim.support.iter().any(|e| e.reason.contains("same date")),
        "{claim:#?}"
    );
}
