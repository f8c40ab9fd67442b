//! The cross-document figure comparisons a document's check keeps for its
//! next check give the findings a fresh check gives: after random edits of
//! a draft (typing, deleting, pasting paragraphs, changing figures and
//! names) and after its sources change, the draft checked in the corpus it
//! was edited in equals the draft checked in a corpus built from scratch.
//! The server keeps them across the edits of an open document too.

mod common;

use std::sync::Arc;

use factline::analysis::{
    Corpus, DocAnalysis, DocId, RuleScope, Settings, analyze_document, check, effort, figures,
};
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;

/// The work counters are global: the tests of this file run one at a time.
static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Sources about two invented events, giving some figures that disagree.
const SOURCES: &[(&str, &str)] = &[
    (
        "harlow-times.txt",
        "Bridge Collapse In Harlow\n\nTwelve people were killed when the Marren bridge in Harlow collapsed on Tuesday, the fire service said.\n\nThe Harlow council said 40 homes were evacuated and repairs would cost $3 million.\n\nMayor Edith Varga said the bridge had been inspected in 2019.\n\nEdith Varga, 58, has led the council since 2014.\n",
    ),
    (
        "north-wire.txt",
        "Fourteen people died after the Marren bridge in Harlow gave way on Tuesday, officials said.\n\nAbout 45 homes near the river were evacuated, according to the Harlow council.\n\nEdith Varga, the mayor, told reporters the last inspection was in 2018.\n",
    ),
    (
        "coast-daily.txt",
        "A fire at the Selby depot injured 9 workers on Monday, the fire brigade said.\n\nThe Selby depot employs 300 people and handled 2 million parcels last year.\n",
    ),
    (
        "valley-news.txt",
        "Firefighters said 11 workers were injured in the Selby depot fire on Monday.\n\nThe depot, which employs 320 people, will stay closed for a week.\n",
    ),
];

/// Paragraphs a draft is made of and pasted into it.
const PARAGRAPHS: &[&str] = &[
    "Thirteen people were killed when the Marren bridge in Harlow collapsed on Tuesday.",
    "The Harlow council said 50 homes were evacuated and repairs would cost $4 million.",
    "Mayor Edith Varga said the bridge was last inspected in 2017.",
    "A fire at the Selby depot injured 10 workers on Monday, the brigade said.",
    "The Selby depot employs 310 people.",
    "Residents of Harlow gathered by the river on Wednesday.",
    "Engineers will inspect the other bridges next month.",
    "Edith Varga, 61, spoke to residents on Wednesday.",
    "The council met again in 2022.",
];

/// Fragments typed into the draft.
const PIECES: &[&str] = &[
    "x",
    " ",
    "12",
    "fifteen ",
    "killed ",
    "injured ",
    "Harlow ",
    "Selby ",
    "Edith Varga ",
    "bridge ",
    "on Tuesday",
    "$5 million",
    "2016",
    ". ",
    "\n\n",
    "the council said ",
];

#[derive(Clone, Debug)]
enum Edit {
    /// Type a piece at a position (a fraction of the text).
    Type(u16, usize),
    /// Delete up to this many characters at a position.
    Delete(u16, u8),
    /// Paste a paragraph at a paragraph boundary.
    Paste(u16, usize),
    /// Change a source: replace a figure or a name in it.
    Source(usize, usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        4 => (any::<u16>(), 0..PIECES.len()).prop_map(|(p, k)| Edit::Type(p, k)),
        2 => (any::<u16>(), 1u8..12).prop_map(|(p, n)| Edit::Delete(p, n)),
        1 => (any::<u16>(), 0..PARAGRAPHS.len()).prop_map(|(p, k)| Edit::Paste(p, k)),
        1 => (0..SOURCES.len(), 0..4usize).prop_map(|(s, k)| Edit::Source(s, k)),
    ]
}

/// The char boundary at fraction `p` of `text`.
fn at(text: &str, p: u16) -> usize {
    let mut i = text.len() * usize::from(p) / usize::from(u16::MAX).max(1);
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn analyse(name: &str, text: &str) -> Arc<DocAnalysis> {
    Arc::new(analyze_document(
        DocId::new(name),
        Arc::from(text),
        &Settings::default(),
    ))
}

/// The sources as owned pairs, and a corpus holding them.
fn sources_in_a_corpus() -> (Vec<(String, String)>, Corpus) {
    let sources: Vec<(String, String)> = SOURCES
        .iter()
        .map(|(n, t)| (n.to_string(), t.to_string()))
        .collect();
    let mut corpus = Corpus::new();
    for (name, text) in &sources {
        corpus.upsert(analyse(name, text));
    }
    (sources, corpus)
}

/// Settings under which only the figure comparison counts its work: the
/// verification of claims (`unsourced-claim`) looks figures up too.
fn figures_only() -> Settings {
    let mut settings = Settings::default();
    let mut unsourced = settings.rule("unsourced-claim");
    unsourced.enabled = false;
    settings.rules.insert("unsourced-claim".into(), unsourced);
    settings
}

/// Every figure's mentions as (document, figure, agrees, score bits),
/// through the kept comparisons of `corpus`.
fn kept_mentions(corpus: &Corpus, doc: &DocAnalysis) -> Vec<Vec<(String, usize, bool, u32)>> {
    let reuse = figures::MentionReuse::open(corpus, doc, &Default::default());
    let sim = reuse.similarity();
    (0..doc.figures.list.len())
        .map(|i| {
            reuse
                .mentions(i, &sim)
                .iter()
                .map(|m| (m.doc.id.to_string(), m.figure, m.agrees, m.score.to_bits()))
                .collect()
        })
        .collect()
}

/// The same, fresh, in a corpus built from scratch.
fn fresh_mentions(
    sources: &[(String, String)],
    draft: &str,
) -> Vec<Vec<(String, usize, bool, u32)>> {
    let mut corpus = Corpus::new();
    for (name, text) in sources {
        corpus.upsert(analyse(name, text));
    }
    let doc = analyse("draft.txt", draft);
    corpus.upsert(doc.clone());
    let sim = figures::for_document(&corpus, &doc);
    (0..doc.figures.list.len())
        .map(|i| {
            figures::mentions(&doc, i, &corpus, &sim)
                .iter()
                .map(|m| (m.doc.id.to_string(), m.figure, m.agrees, m.score.to_bits()))
                .collect()
        })
        .collect()
}

/// The draft's cross-document findings in a corpus built from scratch.
fn fresh(sources: &[(String, String)], draft: &str, settings: &Settings) -> String {
    let mut corpus = Corpus::new();
    for (name, text) in sources {
        corpus.upsert(analyse(name, text));
    }
    let doc = analyse("draft.txt", draft);
    corpus.upsert(doc.clone());
    format!(
        "{:?}",
        check(&doc, &corpus, settings, RuleScope::CrossDocument)
    )
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 24,
        // Integration tests have no `lib.rs` beside them: name the file
        // where failing cases are kept (committed, replayed first).
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(
            "proptest-regressions/figure_reuse.txt",
        ))),
        ..ProptestConfig::default()
    })]

    #[test]
    fn kept_comparisons_equal_a_fresh_check(
        first in proptest::collection::vec(0..PARAGRAPHS.len(), 3..8),
        edits in proptest::collection::vec(edit(), 1..14),
    ) {
        let _one = ONE_AT_A_TIME.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let mut sources: Vec<(String, String)> = SOURCES
            .iter()
            .map(|(n, t)| (n.to_string(), t.to_string()))
            .collect();
        let mut draft: String = first
            .iter()
            .map(|&k| PARAGRAPHS[k])
            .collect::<Vec<_>>()
            .join("\n\n");
        let mut corpus = Corpus::new();
        for (name, text) in &sources {
            corpus.upsert(analyse(name, text));
        }
        let settings = Settings::default();
        let doc = analyse("draft.txt", &draft);
        corpus.upsert(doc.clone());
        let first_check = format!("{:?}", check(&doc, &corpus, &settings, RuleScope::CrossDocument));
        prop_assert_eq!(&first_check, &fresh(&sources, &draft, &settings));
        for e in edits {
            match e {
                Edit::Type(p, k) => {
                    let i = at(&draft, p);
                    draft.insert_str(i, PIECES[k]);
                }
                Edit::Delete(p, n) => {
                    let i = at(&draft, p);
                    let mut j = (i + usize::from(n)).min(draft.len());
                    while !draft.is_char_boundary(j) {
                        j += 1;
                    }
                    draft.replace_range(i..j, "");
                }
                Edit::Paste(p, k) => {
                    let i = at(&draft, p);
                    let i = draft[..i].rfind("\n\n").map_or(0, |b| b + 2);
                    draft.insert_str(i, &format!("{}\n\n", PARAGRAPHS[k]));
                }
                Edit::Source(s, k) => {
                    let (from, to) = [("Twelve", "Eleven"), ("45", "47"), ("9 workers", "8 workers"), ("Harlow", "Harlowe")][k];
                    let (name, text) = &mut sources[s];
                    *text = text.replacen(from, to, 1);
                    corpus.upsert(analyse(name, text));
                }
            }
            let doc = analyse("draft.txt", &draft);
            corpus.upsert(doc.clone());
            let kept = format!("{:?}", check(&doc, &corpus, &settings, RuleScope::CrossDocument));
            // The scores too, not only the findings they decide.
            prop_assert_eq!(kept_mentions(&corpus, &doc), fresh_mentions(&sources, &draft));
            prop_assert_eq!(&kept, &fresh(&sources, &draft, &settings), "draft: {:?}", draft);
        }
    }
}

/// Changing a word in one paragraph reuses the comparisons of the
/// others, and so does any edit of a paragraph without figures, whatever
/// it does to the draft's statistics; the findings are those of a fresh
/// check.
#[test]
fn typing_in_one_paragraph_reuses_the_others() {
    let _one = ONE_AT_A_TIME
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let (sources, mut corpus) = sources_in_a_corpus();
    let settings = figures_only();
    let mut draft = PARAGRAPHS.join("\n\n");
    let doc = analyse("draft.txt", &draft);
    corpus.upsert(doc.clone());
    effort::reset();
    check(&doc, &corpus, &settings, RuleScope::CrossDocument);
    let all = effort::read();
    // One word for another in the paragraph without figures: the mean
    // passage length stays, every figure's comparison is reused.
    draft = draft.replace("gathered", "assembled");
    let doc = analyse("draft.txt", &draft);
    corpus.upsert(doc.clone());
    effort::reset();
    let kept = check(&doc, &corpus, &settings, RuleScope::CrossDocument);
    let reused = effort::read();
    assert_eq!(format!("{kept:?}"), fresh(&sources, &draft, &settings));
    assert!(
        kept.iter().any(|f| f.code == "inconsistent-figure"),
        "{kept:?}"
    );
    let start = draft.find("Residents").unwrap();
    let end = start + draft[start..].find('\n').unwrap();
    let elsewhere = doc
        .figures
        .list
        .iter()
        .filter(|f| f.span.end <= start || f.span.start >= end)
        .filter(|f| figures::comparable(f))
        .count() as u64;
    assert!(elsewhere >= 4, "{elsewhere}");
    assert_eq!(reused.figures_reused, elsewhere, "{reused:?}");
    // What is left is the comparison within the draft (its own figures
    // are candidates too).
    assert!(
        reused.figure_candidates < all.figure_candidates && reused.figure_pairs < all.figure_pairs,
        "{reused:?} after {all:?}"
    );
    // A word of the source passage the draft's death toll was compared
    // with ("the fire service said"), put for another in a paragraph
    // without figures, and then a word more: the draft's comparisons read
    // the statistics of the other documents only, so neither its document
    // frequencies nor its mean passage length move them, and every
    // comparison is reused.
    for edit in [
        |d: &str| d.replace("by the river", "by the service"),
        |d: &str| d.replace("assembled", "quietly assembled"),
    ] {
        draft = edit(&draft);
        let doc = analyse("draft.txt", &draft);
        corpus.upsert(doc.clone());
        effort::reset();
        let kept = check(&doc, &corpus, &settings, RuleScope::CrossDocument);
        let again = effort::read();
        assert_eq!(format!("{kept:?}"), fresh(&sources, &draft, &settings));
        assert_eq!(
            kept_mentions(&corpus, &doc),
            fresh_mentions(&sources, &draft)
        );
        assert_eq!(again.figures_reused, elsewhere, "{again:?}");
        assert_eq!(
            (again.figure_candidates, again.figure_pairs),
            (reused.figure_candidates, reused.figure_pairs),
            "{again:?} after {reused:?}"
        );
    }
    // A source changes: nothing is reused, and the findings follow it.
    let (name, text) = &sources[1];
    let changed = text.replace("Fourteen", "Thirteen");
    corpus.upsert(analyse(name, &changed));
    effort::reset();
    let after = check(&doc, &corpus, &settings, RuleScope::CrossDocument);
    assert_eq!(effort::read().figures_reused, 0);
    assert!(effort::read().figure_candidates > 0);
    let mut sources = sources.clone();
    sources[1].1 = changed;
    assert_eq!(format!("{after:?}"), fresh(&sources, &draft, &settings));
}

/// A year written in another paragraph changes when the draft was written,
/// and so whether a person's age grown between two reports agrees: the kept
/// comparison of the untouched age must be weighed again.
#[test]
fn a_year_written_elsewhere_reweighs_a_kept_age() {
    let _one = ONE_AT_A_TIME
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let sources: Vec<(String, String)> = vec![(
        "harlow-times.txt".into(),
        "Edith Varga, 58, has led the Harlow council since 2014, officials said in 2019.\n".into(),
    )];
    let mut corpus = Corpus::new();
    for (name, text) in &sources {
        corpus.upsert(analyse(name, text));
    }
    let settings = Settings::default();
    let before = "Edith Varga, 61, has led the Harlow council since 2014.";
    let doc = analyse("draft.txt", before);
    corpus.upsert(doc.clone());
    let first = format!(
        "{:?}",
        check(&doc, &corpus, &settings, RuleScope::CrossDocument)
    );
    assert_eq!(first, fresh(&sources, before, &settings));
    assert_eq!(
        kept_mentions(&corpus, &doc),
        fresh_mentions(&sources, before)
    );
    let after = format!("{before}\n\nThe Harlow council met again in 2022.");
    let doc = analyse("draft.txt", &after);
    corpus.upsert(doc.clone());
    let second = format!(
        "{:?}",
        check(&doc, &corpus, &settings, RuleScope::CrossDocument)
    );
    assert_eq!(second, fresh(&sources, &after, &settings));
    assert_eq!(
        kept_mentions(&corpus, &doc),
        fresh_mentions(&sources, &after)
    );
    assert_ne!(
        first, second,
        "the year changes whether the two ages agree (else this test shows nothing)"
    );
}

/// The server's edit path keeps the comparisons of the figures an edit did
/// not touch. Two paragraphs without figures swapped: every name the
/// document mentions is still mentioned, but the order in which they first
/// appear (the numbering of their display names) changes; the passages'
/// terms, the statistics and every figure's sentence stay. Every figure's
/// comparison is reused, and the diagnostics are those of a fresh server.
#[test]
fn the_server_reuses_comparisons_across_an_edit() {
    // The lock is held outside the runtime: the work counters are global.
    let _one = ONE_AT_A_TIME
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
        .block_on(server_edit());
}

async fn server_edit() {
    use serde_json::json;
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, text) in SOURCES {
        std::fs::write(dir.path().join(name), text).expect("write source");
    }
    let first = "Residents of Harlow gathered by the river.";
    let second = "Engineers from Selby inspected the other bridges.";
    let rest = [PARAGRAPHS[0], PARAGRAPHS[1], PARAGRAPHS[3], PARAGRAPHS[4]].join("\n\n");
    let before = format!("{first}\n\n{second}\n\n{rest}\n");
    let after = format!("{second}\n\n{first}\n\n{rest}\n");
    // Opened inside the workspace, so not a draft: no verification runs
    // after the diagnostics and counts its own work.
    let uri = common::file_uri(&dir.path().join("zz-draft.txt"));
    let mut client = common::Client::start();
    client.initialize_default(Some(dir.path())).await;
    client.wait_indexed().await;
    client.open(&uri, 1, &before).await;
    client.diagnostics(&uri, 1).await;
    effort::reset();
    client
        .notify(
            "textDocument/didChange",
            json!({
                "textDocument": {"uri": uri, "version": 2},
                "contentChanges": [{
                    "range": {"start": {"line": 0, "character": 0}, "end": {"line": 2, "character": second.len()}},
                    "text": format!("{second}\n\n{first}"),
                }],
            }),
        )
        .await;
    let edited = client.diagnostics(&uri, 2).await;
    let counted = effort::read();
    client.shutdown().await;

    let doc = analyse("zz-draft.txt", &after);
    let compared = doc
        .figures
        .list
        .iter()
        .filter(|f| figures::comparable(f) && !doc.in_boilerplate(f.span.clone()))
        .count() as u64;
    assert!(compared >= 4, "{compared}");
    assert_eq!(counted.figures_reused, compared, "{counted:?}");
    assert!(
        edited.iter().any(|d| d["code"] == "inconsistent-figure"),
        "{edited:?}"
    );

    let mut fresh = common::Client::start();
    fresh.initialize_default(Some(dir.path())).await;
    fresh.wait_indexed().await;
    fresh.open(&uri, 2, &after).await;
    let expected = fresh.diagnostics(&uri, 2).await;
    fresh.shutdown().await;
    assert_eq!(edited, expected);
}

/// After an edit of one paragraph of a long draft, the check expects to
/// compare afresh only the figures near the edit (the others are taken
/// from its last check, and are not worth spreading over threads), at
/// least every figure it does compare afresh with the other documents,
/// while its findings stay those of a fresh check. On the draft's first
/// check it expects to compare every comparable figure.
#[test]
fn an_edit_leaves_few_figures_to_compare_afresh() {
    let _one = ONE_AT_A_TIME
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let (sources, mut corpus) = sources_in_a_corpus();
    let settings = figures_only();
    // A long draft: the paragraphs six times over, each copy dated apart.
    let mut draft = (0..6)
        .map(|k| {
            format!(
                "{}\n\nThe report of day {k} ends here.",
                PARAGRAPHS.join("\n\n")
            )
        })
        .collect::<Vec<_>>()
        .join("\n\n");
    let first = analyse("draft.txt", &draft);
    corpus.upsert(first.clone());
    let n = first.figures.list.len() as u64;
    let comparable = first
        .figures
        .list
        .iter()
        .filter(|f| figures::comparable(f))
        .count() as u64;
    assert!(comparable > 32, "{comparable} of {n}");
    effort::reset();
    check(&first, &corpus, &settings, RuleScope::CrossDocument);
    let before = effort::read();
    // Nothing kept: every comparable figure is compared afresh, and
    // expected to be (enough to spread them over threads).
    assert_eq!(before.figures_reused, 0);
    assert_eq!(before.figures_likely_fresh, comparable);
    // One verb for another in a paragraph without figures, half way down.
    // The paragraph repeated six times is page furniture; edited, it no
    // longer repeats, so its passage and the one after it count for the
    // related-passage index. The draft then names their dates and names
    // once more, the weight of its story against each source's moves, and
    // the figures that compared a source sharing one of them are weighed
    // again (about half of them here): those are expected to be.
    let at = draft.len() / 2 + draft[draft.len() / 2..].find("inspect the").unwrap();
    draft.replace_range(at..at + "inspect".len(), "examine");
    let doc = Arc::new(factline::analysis::analyze_edited(
        Some(&first),
        DocId::new("draft.txt"),
        Arc::from(draft.as_str()),
        &settings,
    ));
    corpus.upsert(doc.clone());
    effort::reset();
    let kept = check(&doc, &corpus, &settings, RuleScope::CrossDocument);
    let after = effort::read();
    // Every figure compared afresh with the other documents was expected
    // to be, and few others (those whose own comparisons the edit may
    // reach): the comparisons stay on one thread.
    let afresh = comparable - after.figures_reused;
    assert!(after.figures_reused > 0, "{after:?}");
    assert!(after.figures_likely_fresh >= afresh, "{after:?}");
    assert!(after.figures_likely_fresh <= afresh + 8, "{after:?}");
    assert!(after.figures_likely_fresh <= 32, "{after:?}");
    assert_eq!(format!("{kept:?}"), fresh(&sources, &draft, &settings));
}
