//! Ranking on an invented story told by several outlets in their own
//! words, with distractors that share words but not the fact.

use std::sync::Arc;

use super::*;
use crate::analysis::{Settings, analyze_document};

/// The Harlow Bridge flood of 14 March, as four outlets report it, and
/// three distractors: the same town's flood of another year, the same
/// officials at other talks, and another river's flood.
const DOCS: &[(&str, &str)] = &[
    (
        "courier.txt",
        "Tamsin River Bursts Its Banks in Harlow Bridge\n\
         \n\
         The Tamsin river burst its banks in Harlow Bridge on March 14, forcing 240 residents from their homes before dawn.\n\
         Mayor Elena Varga opened the gym of St Brigid's school as an emergency shelter and asked families to bring blankets.\n\
         “The water rose faster than anyone in this town has ever seen,” Varga said at a briefing on the high street.\n\
         Environment Minister Daniel Okafor announced a £3.5 million repair fund for the damaged flood wall.\n\
         \n\
         Frequently asked questions\n\
         How many residents left their homes in Harlow Bridge? 240 residents left their homes when the Tamsin burst its banks on March 14.\n",
    ),
    (
        "valley-post.txt",
        "Hundreds evacuated as flood hits Harlow Bridge\n\
         \n\
         Some 240 people were evacuated from Harlow Bridge on 14 March after the Tamsin overflowed its banks overnight.\n\
         The mayor, Elena Varga, turned the St Brigid's school gym into a shelter for the displaced families.\n\
         She told reporters the water rose faster than anyone in this town has ever seen.\n\
         The environment minister pledged £3.5 million to rebuild the flood wall, after Daniel Okafor toured the damage.\n",
    ),
    (
        "radio-west.txt",
        "Varga: “The water rose faster than anyone in this town has ever seen”\n\
         \n\
         Harlow Bridge mayor Elena Varga described the night of March 14 as the worst in living memory.\n\
         Okafor, the environment minister, promised 3.5 million pounds to repair the flood wall that gave way.\n\
         Two hundred and forty residents spent the night in a school gym.\n",
    ),
    (
        "county-gazette.txt",
        "Harlow Bridge flood: what we know\n\
         \n\
         Floodwater from the Tamsin forced the evacuation of 240 Harlow Bridge residents on March 14.\n\
         A £3.5m fund for the broken flood wall was announced by Daniel Okafor, the environment minister.\n",
    ),
    (
        "archive-2019.txt",
        "Harlow Bridge flooded again\n\
         \n\
         The Tamsin river burst its banks in Harlow Bridge on October 3, 2019, and 60 residents were evacuated from their homes.\n\
         The town council opened the church hall as a shelter for the night.\n",
    ),
    (
        "rail-talks.txt",
        "Mayor and minister discuss rail link\n\
         \n\
         Mayor Elena Varga met Environment Minister Daniel Okafor on June 9 to discuss a new rail link for Harlow Bridge.\n\
         Okafor said the government would study the line, which would cost £40 million.\n",
    ),
    (
        "millbrook.txt",
        "Arden floods Millbrook\n\
         \n\
         The Arden river burst its banks in Millbrook on Tuesday, and residents were told to leave their homes.\n\
         Emergency crews opened a shelter in a school gym and families brought blankets.\n",
    ),
];

fn analyze(name: &str, text: &str) -> Arc<DocAnalysis> {
    Arc::new(analyze_document(
        DocId::new(name),
        Arc::from(text),
        &Settings::default(),
    ))
}

fn corpus() -> (Corpus, Vec<Arc<DocAnalysis>>) {
    let docs: Vec<Arc<DocAnalysis>> = DOCS.iter().map(|(n, t)| analyze(n, t)).collect();
    let mut corpus = Corpus::new();
    for d in &docs {
        corpus.upsert(d.clone());
    }
    (corpus, docs)
}

fn doc<'a>(docs: &'a [Arc<DocAnalysis>], name: &str) -> &'a Arc<DocAnalysis> {
    docs.iter()
        .find(|d| d.id.as_str() == name)
        .expect("fixture doc")
}

/// The related passages of the sentence of `name` containing `needle`, as
/// (document, passage text).
fn related(
    corpus: &Corpus,
    docs: &[Arc<DocAnalysis>],
    name: &str,
    needle: &str,
) -> Vec<(String, String, f32)> {
    let d = doc(docs, name);
    let at = d.text.find(needle).expect("needle in fixture");
    query(corpus, d, at..at, 10)
        .into_iter()
        .map(|r| {
            let other = corpus.get(&r.doc).expect("result doc");
            (
                r.doc.to_string(),
                other.slice(r.span.clone()).to_string(),
                r.score,
            )
        })
        .collect()
}

#[test]
fn the_same_fact_in_other_words_ranks_first() {
    let (corpus, docs) = corpus();
    // The evacuation.
    let r = related(&corpus, &docs, "courier.txt", "forcing 240 residents");
    assert!(!r.is_empty());
    assert!(
        r[0].1.contains("240") || r[0].1.contains("Two hundred and forty"),
        "{r:#?}"
    );
    assert!(
        ["valley-post.txt", "county-gazette.txt", "radio-west.txt"].contains(&r[0].0.as_str()),
        "{r:#?}"
    );
    // The archive flood (same town, other date) ranks below every report
    // of this one.
    let archive = r.iter().position(|x| x.0 == "archive-2019.txt");
    let reports = r
        .iter()
        .filter(|x| x.0 == "valley-post.txt" || x.0 == "county-gazette.txt")
        .count();
    assert_eq!(reports, 2, "{r:#?}");
    if let Some(a) = archive {
        assert!(
            r[..a]
                .iter()
                .filter(|x| x.0 == "valley-post.txt" || x.0 == "county-gazette.txt")
                .count()
                == 2,
            "{r:#?}"
        );
    }
    // The other river's flood shares words, not the fact.
    assert!(
        r.iter()
            .take(3)
            .all(|x| x.0 != "millbrook.txt" && x.0 != "archive-2019.txt"),
        "{r:#?}"
    );
}

#[test]
fn roles_and_surnames_connect_reports_of_the_fund() {
    let (corpus, docs) = corpus();
    let r = related(&corpus, &docs, "courier.txt", "announced a £3.5 million");
    let top: Vec<&str> = r.iter().take(3).map(|x| x.0.as_str()).collect();
    for expected in ["valley-post.txt", "radio-west.txt", "county-gazette.txt"] {
        assert!(top.contains(&expected), "{expected} not in top 3: {r:#?}");
    }
    // Same people at other talks rank below the same fund.
    let rail = r.iter().position(|x| x.0 == "rail-talks.txt");
    assert!(rail.is_none_or(|p| p >= 3), "{r:#?}");
}

#[test]
fn a_shared_quote_finds_its_other_reports() {
    let (corpus, docs) = corpus();
    let r = related(&corpus, &docs, "courier.txt", "The water rose faster");
    assert!(!r.is_empty());
    assert!(
        r[0].0 == "radio-west.txt" || r[0].0 == "valley-post.txt",
        "{r:#?}"
    );
    let d = doc(&docs, "courier.txt");
    let at = d.text.find("The water rose faster").unwrap();
    let res = query(&corpus, d, at..at, 5);
    let radio = res
        .iter()
        .find(|x| x.doc.as_str() == "radio-west.txt")
        .expect("the radio headline quotes Varga");
    assert!(
        radio
            .reasons
            .quotes
            .iter()
            .any(|q| q.contains("rose faster than anyone")),
        "{:?}",
        radio.reasons
    );
}

#[test]
fn the_faq_restating_the_article_ranks_below_other_documents() {
    let (corpus, docs) = corpus();
    let d = doc(&docs, "courier.txt");
    let at = d.text.find("forcing 240 residents").unwrap();
    let res = query(&corpus, d, at..at, 20);
    let first_same = res.iter().position(|r| r.doc == d.id);
    let last_other = res.iter().rposition(|r| r.doc != d.id);
    let first_same = first_same.expect("the FAQ restates the evacuation");
    assert!(last_other.is_some_and(|l| l < first_same), "{res:#?}");
    assert!(
        d.slice(res[first_same].span.clone())
            .contains("240 residents left their homes")
    );
}

#[test]
fn reasons_name_what_is_shared() {
    let (corpus, docs) = corpus();
    let d = doc(&docs, "courier.txt");
    let at = d.text.find("forcing 240 residents").unwrap();
    let res = query(&corpus, d, at..at, 5);
    let gazette = res
        .iter()
        .find(|r| r.doc.as_str() == "county-gazette.txt")
        .expect("gazette");
    let why = gazette.reasons.summary(10);
    for part in ["Harlow Bridge", "240", "March 14"] {
        assert!(why.contains(part), "{why}");
    }
    // Words inside a shared name or figure are not repeated as words.
    assert!(
        !gazette.reasons.terms.iter().any(|t| t == "harlow"),
        "{why}"
    );
}

#[test]
fn similarity_flags_a_different_date_and_keeps_the_topic() {
    let (corpus, docs) = corpus();
    let a = doc(&docs, "courier.txt");
    let same = doc(&docs, "county-gazette.txt");
    let other = doc(&docs, "archive-2019.txt");
    let pa = PassageRef::at(a, a.text.find("burst its banks").unwrap()).unwrap();
    let ps = PassageRef::at(same, same.text.find("Floodwater").unwrap()).unwrap();
    let po = PassageRef::at(other, other.text.find("burst its banks").unwrap()).unwrap();
    let s_same = similarity(&corpus, pa, ps);
    let s_other = similarity(&corpus, pa, po);
    assert!(s_same.topical >= SAME_FACT, "{s_same:?}");
    assert!(
        !s_same.date_conflict && !s_same.figure_conflict,
        "{s_same:?}"
    );
    assert!(s_other.date_conflict, "{s_other:?}");
    assert!(s_other.figure_conflict, "{s_other:?}");
    assert!(s_same.score > s_other.score, "{s_same:?} {s_other:?}");
    // Symmetric.
    let back = similarity(&corpus, ps, pa);
    assert!((back.score - s_same.score).abs() < 1e-5);
}

#[test]
fn an_edit_reindexes_only_that_document() {
    let (mut corpus, docs) = corpus();
    let before = corpus.related().passages();
    let other_before = related(&corpus, &docs, "valley-post.txt", "Some 240 people");
    // Rewrite the gazette: it no longer reports the evacuation.
    let edited = analyze(
        "county-gazette.txt",
        "Harlow Bridge flood: what we know\n\nA £3.5m fund for the broken flood wall was announced by Daniel Okafor.\n",
    );
    corpus.upsert(edited);
    let after = corpus.related().passages();
    assert_eq!(after, before - 1);
    let r = related(&corpus, &docs, "valley-post.txt", "Some 240 people");
    assert!(
        !r.iter()
            .any(|x| x.0 == "county-gazette.txt" && x.1.contains("evacuation")),
        "{r:#?}"
    );
    assert!(other_before.iter().any(|x| x.0 == "county-gazette.txt"));
    corpus.remove(&DocId::new("county-gazette.txt"));
    assert!(
        !related(&corpus, &docs, "valley-post.txt", "Some 240 people")
            .iter()
            .any(|x| x.0 == "county-gazette.txt")
    );
    // Removing everything leaves an empty index that still answers.
    for d in &docs {
        corpus.remove(&d.id);
    }
    assert_eq!(corpus.related().passages(), 0);
    let d = doc(&docs, "courier.txt");
    let at = d.text.find("forcing 240").unwrap();
    // Only the document's own FAQ is left to find.
    assert!(query(&corpus, d, at..at, 10).iter().all(|r| r.doc == d.id));
}

#[test]
fn many_edits_keep_the_index_consistent() {
    let (mut corpus, docs) = corpus();
    let base = corpus.related().passages();
    // Thousands of re-indexings force id compaction along the way.
    for i in 0..1200 {
        let text = format!(
            "{}\nEdit number {i} of the draft about the Tamsin flood.\n",
            DOCS[0].1
        );
        corpus.upsert(analyze("courier.txt", &text));
    }
    assert_eq!(corpus.related().passages(), base + 1);
    assert!(corpus.related().heap_bytes() < 2_000_000);
    let r = related(&corpus, &docs, "valley-post.txt", "Some 240 people");
    assert!(r.iter().any(|x| x.0 == "courier.txt"), "{r:#?}");
}

#[test]
fn paragraph_related_and_hover() {
    let (corpus, docs) = corpus();
    let d = doc(&docs, "courier.txt");
    let para = d.segmentation.sentences[d
        .related
        .passage_at(&d.segmentation, d.text.find("forcing").unwrap())
        .unwrap()]
    .paragraph;
    let r = paragraph_related(&corpus, d, para, &Options::default());
    assert!(r.iter().all(|x| x.doc != d.id));
    assert!(r.len() >= 2);
    let hover = hover_section(d, &corpus, d.text.find("forcing").unwrap()).expect("hover");
    assert!(
        hover.markdown.contains("Related passages"),
        "{}",
        hover.markdown
    );
    assert!(hover.markdown.contains("shared:"), "{}", hover.markdown);
    assert!(hover.markdown.matches("\n1. ").count() == 1);
    // A sentence on a boilerplate line is never a result, even where the
    // words match; asked about, it finds the reports of its fact.
    let filtered = Arc::new({
        let text =
            "Related videos:\nThe Tamsin river burst its banks in Harlow Bridge on March 14.\n";
        let seg = crate::analysis::text::Segmentation::new(text);
        let mut a = analyze_document(
            DocId::new("filtered.txt"),
            Arc::from(text),
            &Settings::default(),
        );
        let figs = crate::analysis::figures::extract(text, &seg);
        let source = |span: std::ops::Range<usize>| {
            crate::analysis::related::figures_for_index(figs.in_span(span))
        };
        a.related = DocPassages::new(
            text,
            &seg,
            crate::analysis::language::Lang::English,
            &|line| line == 1,
            &source,
        );
        a
    });
    assert!(!filtered.related.passages[1].indexed);
    let asked = query(&corpus, &filtered, 20..20, 5);
    assert!(
        asked.iter().any(|r| r.doc.as_str() == "courier.txt"),
        "{asked:#?}"
    );
    let (mut with_filtered, _) = self::corpus();
    with_filtered.upsert(filtered.clone());
    let courier = doc(&docs, "courier.txt");
    let from_article = query(
        &with_filtered,
        courier,
        courier.text.find("The Tamsin river").unwrap()..courier.text.len(),
        50,
    );
    assert!(!from_article.is_empty());
    assert!(
        from_article.iter().all(|r| r.doc != filtered.id),
        "{from_article:#?}"
    );
    // An unrelated sentence has nothing to show.
    let lone = analyze("lone.txt", "Bakers in Oslo sell rye bread.");
    assert!(hover_section(&lone, &corpus, 0).is_none());
}

#[test]
fn odd_text_never_panics() {
    let (mut corpus, _) = corpus();
    for (i, text) in [
        "",
        "\r\n\r\n",
        "😀😀 “",
        "“Unclosed quote about the Tamsin flood",
        "Harlow Bridge\r\nTamsin\r\n240 residents 😀 March 14",
        "É",
    ]
    .iter()
    .enumerate()
    {
        let d = analyze(&format!("odd{i}.txt"), text);
        corpus.upsert(d.clone());
        for at in [0, text.len() / 2, text.len(), text.len() + 10] {
            let _ = query(&corpus, &d, at..at, 5);
            let _ = hover_section(&d, &corpus, at);
        }
        for p in 0..d.segmentation.paragraphs.len() + 1 {
            let _ = paragraph_related(&corpus, &d, p, &Options::default());
        }
    }
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    /// Text made of the pieces the readers care about: names, titles,
    /// numbers, months, quotes, abbreviations, emoji, line breaks.
    fn newsy() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            Just("Mayor Elena Varga".to_string()),
            Just("the mayor".to_string()),
            Just("Varga’s".to_string()),
            Just("U.S.".to_string()),
            Just("on March 14, 2024".to_string()),
            Just("£3.5 million".to_string()),
            Just("twenty-four".to_string()),
            Just("40%".to_string()),
            Just("“".to_string()),
            Just("”".to_string()),
            Just("\"".to_string()),
            Just(". ".to_string()),
            Just(", ".to_string()),
            Just("\r\n".to_string()),
            Just("\n\n".to_string()),
            Just("😀".to_string()),
            Just("Sept.".to_string()),
            Just("5,000".to_string()),
            Just("-".to_string()),
            "[a-zA-Zé ]{0,12}",
            any::<char>().prop_map(|c| c.to_string()),
        ];
        proptest::collection::vec(piece, 0..40).prop_map(|v| v.join(" "))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn reading_and_querying_any_text_never_panics(a in newsy(), b in newsy(), at in 0usize..400) {
            let da = analyze("a.txt", &a);
            let db = analyze("b.txt", &b);
            prop_assert_eq!(da.related.passages.len(), da.segmentation.sentences.len());
            for p in &da.related.passages {
                prop_assert!(p.span.end <= a.len());
                for e in p.entities.iter() {
                    prop_assert!(a.is_char_boundary(e.span.start) && a.is_char_boundary(e.span.end));
                }
                for f in p.figures.iter() {
                    prop_assert!(f.span.end <= a.len() && a.is_char_boundary(f.span.start));
                }
            }
            let mut corpus = Corpus::new();
            corpus.upsert(da.clone());
            corpus.upsert(db.clone());
            let results = query(&corpus, &da, at..at, 5);
            for r in &results {
                prop_assert!(r.score > 0.0 && r.score <= 1.0);
            }
            let _ = hover_section(&da, &corpus, at);
            if let (Some(pa), Some(pb)) = (PassageRef::at(&da, at), PassageRef::at(&db, 0)) {
                let s = similarity(&corpus, pa, pb);
                prop_assert!((0.0..=1.0).contains(&s.score) && (0.0..=1.0).contains(&s.topical));
                // Nothing shared is no evidence; the score is symmetric.
                prop_assert!(s.topical > 0.0 || s.score == 0.0);
                let back = similarity(&corpus, pb, pa);
                prop_assert!((back.score - s.score).abs() < 1e-5);
                let _ = explain(&corpus, pa, pb);
            }
            corpus.remove(&da.id);
            corpus.remove(&db.id);
            prop_assert_eq!(corpus.related().passages(), 0);
        }
    }
}

/// The figure comparison's shortcut gives what the full similarity gives.
#[test]
fn topical_alone_equals_the_full_similarity() {
    let (c, docs) = corpus();
    let mut pairs = 0;
    for a in &docs {
        for b in &docs {
            for i in 0..a.related.passages.len() {
                for j in 0..b.related.passages.len() {
                    let (pa, pb) = (
                        PassageRef { doc: a, index: i },
                        PassageRef { doc: b, index: j },
                    );
                    let full = similarity_in_story(&c, pa, pb, Story::NONE);
                    let part = topical(&c, pa, pb);
                    assert_eq!(
                        part.topical, full.topical,
                        "{} {i} / {} {j}",
                        a.name, b.name
                    );
                    assert_eq!(part.date_conflict, full.date_conflict);
                    pairs += usize::from(full.date_conflict);
                }
            }
        }
    }
    assert!(pairs > 0, "some pairs give disagreeing dates");
    // The names-only context gives the same story factor.
    for a in &docs {
        for b in &docs {
            let full = story_between(a, &story_context(&c, a), b, &story_context(&c, b));
            let names = story_between(a, &story_names(&c, a), b, &story_names(&c, b));
            assert_eq!(full.factor(), names.factor());
        }
    }
}

#[test]
fn query_alone_scores_each_result_as_the_pair_score() {
    let (corpus, docs) = corpus();
    let d = doc(&docs, "courier.txt");
    let at = d.text.find("Environment Minister").expect("needle");
    let options = Options {
        limit: 1000,
        min_score: 0.0,
        first_min_score: 0.0,
        same_document: false,
        ..Options::default()
    };
    let alone = query_alone(&corpus, d, at..at, &options);
    assert!(!alone.is_empty());
    let q = PassageRef::at(d, at).expect("a passage");
    for r in &alone {
        let other = corpus.get(&r.doc).expect("result doc");
        let b = PassageRef {
            doc: other,
            index: r.passage,
        };
        assert_eq!(r.score, similarity(&corpus, q, b).score, "{r:?}");
    }
    // The ranking scores the same candidates, with the ranking model.
    let ranked = query_with(&corpus, d, at..at, &options);
    assert_eq!(ranked.len(), alone.len());
    for r in &ranked {
        assert!(
            alone
                .iter()
                .any(|a| a.doc == r.doc && a.passage == r.passage)
        );
    }
}

#[test]
fn doc_best_is_a_share_of_the_documents_best() {
    assert_eq!(doc_best(0.3, 0.6), 0.5);
    assert_eq!(doc_best(0.6, 0.6), 1.0);
    // No shared words in the document: no passage is singled out.
    assert_eq!(doc_best(0.0, 0.0), 1.0);
}

#[test]
fn equal_scores_at_the_pool_cut_off_do_not_depend_on_insertion_order() {
    // More reports of one sentence than the candidate pool holds, each
    // scoring the same: which of them are kept is decided by document id,
    // whatever order the documents were added in.
    let sentence = "Dock workers unloaded forty crates of citrus at the northern pier.";
    let docs: Vec<Arc<DocAnalysis>> = (0..POOL + 40)
        .map(|i| analyze(&format!("wire-{i:03}.txt"), sentence))
        .collect();
    let mut forward = Corpus::new();
    for d in &docs {
        forward.upsert(d.clone());
    }
    let mut backward = Corpus::new();
    for d in docs.iter().rev() {
        backward.upsert(d.clone());
    }
    let draft = analyze("draft.txt", sentence);
    let ranked = |corpus: &Corpus| -> Vec<String> {
        query(corpus, &draft, 0..1, 10)
            .into_iter()
            .map(|r| r.doc.to_string())
            .collect()
    };
    let first = ranked(&forward);
    assert_eq!(first.len(), 10, "{first:?}");
    assert_eq!(first[0], "wire-000.txt");
    assert_eq!(first, ranked(&backward));
}

/// Every related passage of every sentence of `docs`, scores as bits.
fn every_result(corpus: &Corpus, docs: &[Arc<DocAnalysis>]) -> Vec<(String, usize, u32, Reasons)> {
    let mut out = Vec::new();
    for d in docs {
        for p in d.related.passages.iter() {
            for r in query(corpus, d, p.span.clone(), 10) {
                out.push((r.doc.to_string(), r.passage, r.score.to_bits(), r.reasons));
            }
        }
        for k in 0..d.segmentation.paragraphs.len() {
            for r in paragraph_related(corpus, d, k, &Options::default()) {
                out.push((r.doc.to_string(), r.passage, r.score.to_bits(), r.reasons));
            }
        }
    }
    out
}

#[test]
fn stories_kept_between_queries_give_the_results_of_a_fresh_corpus() {
    let all: Vec<Arc<DocAnalysis>> = DOCS.iter().map(|(n, t)| analyze(n, t)).collect();
    let (first, last) = all.split_at(all.len() - 1);
    let fresh = |docs: &[Arc<DocAnalysis>]| {
        let mut c = Corpus::new();
        for d in docs {
            c.upsert(d.clone());
        }
        c
    };
    // Queries fill what the index keeps for its version...
    let mut kept = fresh(first);
    let before = every_result(&kept, &all);
    assert!(!before.is_empty());
    assert_eq!(before, every_result(&kept, &all), "asked twice");
    assert_eq!(before, every_result(&fresh(first), &all));
    // ...and every change to the index drops it, even one that leaves the
    // statistics' digest as it was: a word for a word, as many passages
    // of the same lengths, but other keys (a word other passages have).
    let digest = Stats::new(&kept).digest();
    let mut now: Vec<Arc<DocAnalysis>> = first.to_vec();
    let swapped = analyze(
        now[0].id.as_str(),
        &now[0].text.replace("blankets", "shelter"),
    );
    assert_ne!(swapped.text, now[0].text);
    kept.upsert(swapped.clone());
    assert_eq!(Stats::new(&kept).digest(), digest);
    now[0] = swapped;
    let after = every_result(&kept, &now);
    assert_ne!(before, after);
    assert_eq!(
        after,
        every_result(&fresh(&now), &now),
        "after a word swapped"
    );
    // Another document: other statistics.
    kept.upsert(last[0].clone());
    now.push(last[0].clone());
    let grown = every_result(&kept, &now);
    assert_eq!(grown, every_result(&fresh(&now), &now), "after an upsert");
    let edited = analyze(
        last[0].id.as_str(),
        &format!(
            "{}\nThe Tamsin crested at 4.2 metres near the old mill in Harlow Bridge.\n",
            last[0].text
        ),
    );
    kept.upsert(edited.clone());
    now.pop();
    now.push(edited);
    assert_eq!(
        every_result(&kept, &now),
        every_result(&fresh(&now), &now),
        "after an edit"
    );
    kept.remove(&now[0].id);
    assert_eq!(
        every_result(&kept, &now),
        every_result(&fresh(&now[1..]), &now),
        "after a removal"
    );
}

/// Every indexed passage's words as the index keeps them for its version
/// and as weighed afresh, (id, kept, fresh) with the weights as bits.
#[allow(clippy::type_complexity)]
fn kept_and_fresh_weights(corpus: &Corpus) -> Vec<(u32, Vec<(u32, u32)>, Vec<(u32, u32)>)> {
    let stats = Stats::new(corpus);
    let bits = |w: &Weighed| {
        let mut v: Vec<(u32, u32)> = w
            .terms
            .iter()
            .map(|&(a, b)| (a.to_bits(), b.to_bits()))
            .collect();
        v.push((w.self_score.to_bits(), w.norm.to_bits()));
        v
    };
    let index = corpus.related();
    let mut out = Vec::new();
    for id in 0..index.id_space() as u32 {
        let Some(slot) = index.slot(id) else { continue };
        let Some(d) = index.doc(&slot) else { continue };
        let p = &d.related.passages[slot.passage as usize];
        let kept = stats.weighed_passage(Some(id), p, bits);
        out.push((id, kept, bits(&weigh_passage(&stats, p))));
    }
    out
}

#[test]
fn kept_passage_weights_are_dropped_when_the_corpus_changes() {
    let (mut corpus, docs) = corpus();
    let check = |corpus: &Corpus, when: &str| {
        let all = kept_and_fresh_weights(corpus);
        assert!(!all.is_empty());
        for (id, kept, fresh) in all {
            assert_eq!(kept, fresh, "passage {id} {when}");
        }
    };
    // Queries fill the weights of this version...
    for p in docs[0].related.passages.iter() {
        query(&corpus, &docs[0], p.span.clone(), 10);
    }
    check(&corpus, "as kept");
    // ...and a change that keeps the number of passages and their mean
    // length (the statistics' digest) still drops them: the swapped word's
    // passages elsewhere weigh it otherwise now.
    let digest = Stats::new(&corpus).digest();
    let swapped = analyze(
        docs[0].id.as_str(),
        &docs[0].text.replace("blankets", "shelter"),
    );
    corpus.upsert(swapped);
    assert_eq!(Stats::new(&corpus).digest(), digest);
    check(&corpus, "after a word swapped");
    corpus.remove(&docs[1].id);
    check(&corpus, "after a removal");
    corpus.upsert(docs[1].clone());
    check(&corpus, "after an upsert");
}

#[test]
fn weighed_words_compare_as_the_passages_do() {
    let (corpus, docs) = corpus();
    let stats = Stats::new(&corpus);
    let bits = |l: Lexical| [l.terms, l.min, l.max, l.cosine, l.shared].map(f32::to_bits);
    let passages: Vec<&Passage> = docs
        .iter()
        .flat_map(|d| d.related.passages.iter())
        .collect();
    let mut shared = 0;
    for a in &passages {
        let wa = weigh_passage(&stats, a);
        for b in &passages {
            let wb = weigh_passage(&stats, b);
            let lex = lexical(&stats, a, b);
            shared += usize::from(lex.terms > 0.0);
            assert_eq!(bits(lexical_weighed(a, &wa, b, &wb)), bits(lex));
        }
    }
    assert!(shared > passages.len());
}

#[test]
fn documents_are_numbered_in_the_order_of_their_ids() {
    // Added in an order that fills the gaps between numbers until they
    // are numbered again, some removed and added back.
    let mut corpus = Corpus::new();
    let mut names: Vec<String> = Vec::new();
    let text = "Dock workers unloaded forty crates of citrus at the northern pier.";
    corpus.upsert(analyze("n.txt", text));
    for k in 0..80 {
        // Each new id between the last one and "n.txt": the gap there
        // halves each time.
        let name = format!("m{}.txt", "z".repeat(k));
        corpus.upsert(analyze(&name, text));
        names.push(name);
    }
    for k in (0..80).step_by(7) {
        corpus.remove(&DocId::new(names[k].as_str()));
    }
    for k in (0..80).step_by(14) {
        corpus.upsert(analyze(&names[k], text));
    }
    let index = corpus.related();
    let mut by_number: Vec<(u64, String)> = corpus
        .docs()
        .map(|d| {
            let slot = index.doc_slot(&d.id).expect("indexed");
            (index.doc_order(slot), d.id.to_string())
        })
        .collect();
    by_number.sort();
    let numbered: Vec<&String> = by_number.iter().map(|(_, n)| n).collect();
    let mut sorted = numbered.clone();
    sorted.sort();
    assert_eq!(numbered, sorted);
    let numbers: std::collections::HashSet<u64> = by_number.iter().map(|&(n, _)| n).collect();
    assert_eq!(numbers.len(), by_number.len(), "numbers are distinct");
}

#[test]
fn few_figures_compare_as_key_sets_do() {
    let texts = [
        "Police said 4 people were killed and 12 injured on March 3, 2021.",
        "Officials said 5 people were killed and 12 injured on March 3, 2021.",
        "Four people were killed on March 4 and 12 were hurt, police said in 2021.",
        "The council approved £3.5 million on 14 March, 2019, for 240 homes.",
        "A 90-day pause began on May 2 after 3 rounds of talks in 2020.",
        "Twelve people were injured and 4 killed, police said on 3 March 2021.",
    ];
    let docs: Vec<Arc<DocAnalysis>> = texts
        .iter()
        .enumerate()
        .map(|(k, t)| analyze(&format!("fig-{k}.txt"), t))
        .collect();
    let mut corpus = Corpus::new();
    for d in &docs {
        corpus.upsert(d.clone());
    }
    let stats = Stats::new(&corpus);
    let passages: Vec<&Passage> = docs
        .iter()
        .flat_map(|d| d.related.passages.iter())
        .filter(|p| !p.figures.is_empty())
        .collect();
    assert!(passages.len() >= texts.len());
    let (mut conflicting, mut overlapping) = (0, 0);
    for a in &passages {
        for b in &passages {
            let few = few_conflicts(a, b);
            assert_eq!(few, set_conflicts(a, b));
            conflicting += usize::from(few.0 || few.1 || few.2);
            let overlap = few_figure_overlap(&stats, a, b);
            assert_eq!(
                overlap.to_bits(),
                set_figure_overlap(&stats, a, b).to_bits()
            );
            overlapping += usize::from(overlap > 0.0);
        }
    }
    // Both answers occur among the pairs.
    assert!(conflicting > 0 && overlapping > passages.len());
}

#[test]
fn lead_counts_body_paragraphs_and_leaves_headlines_out() {
    let d = analyze(
        "lead.txt",
        "Ferry loses power near the harbour\n\
         \n\
         The island ferry lost power on Tuesday morning. Passengers waited on the open deck for hours. A lifeboat crew reached the stricken vessel.\n\
         Repairs and an apology\n\
         Mechanics checked the damaged engine overnight. The harbour master reopened the quay at dawn.\n\
         Council buses took stranded travellers home.\n\
         The ferry operator apologised to every passenger.\n\
         Insurers sent an assessor to the quay on Wednesday.\n\
         A second crossing was cancelled as a precaution.\n\
         The ferry is due back in service next week.\n",
    );
    let p = &d.related.passages;
    let indexed: Vec<usize> = (0..p.len()).filter(|&i| p[i].indexed).collect();
    let body: Vec<usize> = indexed
        .iter()
        .copied()
        .filter(|&i| !p[i].headline)
        .collect();
    let headlines: Vec<usize> = indexed.iter().copied().filter(|&i| p[i].headline).collect();
    assert_eq!(headlines.len(), 2, "the title and the subheading: {p:?}");
    assert_eq!(body.len(), 10, "{indexed:?}");
    // Every sentence of the first body paragraph is the lead.
    for &i in &body[..3] {
        assert_eq!(lead(&d, i), 1.0, "{i}");
    }
    // The subheading between them does not count as a paragraph.
    assert!(
        (lead(&d, body[3]) - 0.8).abs() < 1e-6,
        "{}",
        lead(&d, body[3])
    );
    assert!(
        (lead(&d, body[4]) - 0.8).abs() < 1e-6,
        "{}",
        lead(&d, body[4])
    );
    assert!(
        (lead(&d, body[5]) - 0.6).abs() < 1e-6,
        "{}",
        lead(&d, body[5])
    );
    assert!(
        (lead(&d, body[8]) - 0.0).abs() < 1e-6,
        "{}",
        lead(&d, body[8])
    );
    assert_eq!(lead(&d, body[9]), 0.0);
    // Headlines are no part of the lead.
    for &i in &headlines {
        assert_eq!(lead(&d, i), 0.0, "{i}");
    }
}

#[test]
fn among_a_storys_passages_a_lead_restating_the_querys_lead_ranks_first() {
    // The second report tells the query's lead twice in the same words,
    // reordered: once as its own lead and once after five other
    // sentences. Every other feature of the two candidates is the same,
    // so only where they stand in their articles orders them.
    let draft = analyze(
        "draft.txt",
        "Ferry stalls off Corran Point\n\
         \n\
         The ferry Morvah lost power off Corran Point on Tuesday, leaving 84 passengers adrift for three hours.\n\
         A lifeboat crew towed the vessel back to Penlee harbour before nightfall.\n\
         The operator blamed an electrical fault in the engine room.\n",
    );
    let report = analyze(
        "report.txt",
        "Passengers stranded on the Morvah\n\
         \n\
         Some 84 passengers were left adrift for three hours when the ferry Morvah lost power off Corran Point on Tuesday.\n\
         Coastguard officers in Penlee raised the alarm shortly after noon.\n\
         Relatives gathered at the quay as the weather turned.\n\
         Engineers from the operator boarded once the vessel was moored.\n\
         A spokesman promised refunds to every traveller on the crossing.\n\
         The Morvah ferry lost power off Corran Point on Tuesday and left some 84 passengers adrift for three hours.\n",
    );
    let mut corpus = Corpus::new();
    corpus.upsert(draft.clone());
    corpus.upsert(report.clone());
    let at = draft.text.find("The ferry Morvah").expect("needle");
    let options = Options {
        limit: 50,
        min_score: 0.0,
        first_min_score: 0.0,
        same_document: false,
        reasons: false,
    };
    let results = query_with(&corpus, &draft, at..at, &options);
    let score_of = |needle: &str| {
        let start = report.text.find(needle).expect("needle");
        results
            .iter()
            .find(|r| r.span.start == start)
            .map(|r| r.score)
            .unwrap_or_else(|| panic!("{needle:?} not ranked: {results:?}"))
    };
    let lead_copy = score_of("Some 84 passengers");
    let late_copy = score_of("The Morvah ferry");
    assert!(lead_copy > late_copy, "{lead_copy} vs {late_copy}");
    // Compared alone, the two copies say the same.
    let q = PassageRef::at(&draft, at).expect("a passage");
    let alone = |needle: &str| {
        let b = PassageRef::at(&report, report.text.find(needle).expect("needle")).expect("b");
        similarity(&corpus, q, b).score
    };
    assert_eq!(alone("Some 84 passengers"), alone("The Morvah ferry"));
}
