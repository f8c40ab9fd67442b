//! An edited document analysed with its previous analysis
//! (`analyze_edited`) equals a fresh analysis of the same text, after any
//! sequence of edits: the words and figures read of unchanged paragraphs
//! and carried over are those a fresh read gives, at the new offsets, and
//! nothing else differs. Edits join and split paragraphs, move a
//! quotation's boundary across paragraphs and change the document's
//! language; the figures of an unchanged paragraph are not read again.
//! The segmentation, cut again only around the changed bytes, the
//! paragraphs' hashes taken over, and the facts key other documents are
//! checked by, equal those of a fresh read too.

use std::sync::{Arc, Mutex};

use factline::analysis::{
    DocAnalysis, DocId, RuleScope, Settings, analyze_document, analyze_edited, check,
};
use factline::analysis::{corpus, effort, figures, related, reuse};
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;

/// Pieces of English and Spanish prose, with paragraph breaks, figures,
/// quotes and odd characters, so that edits move, join and split
/// paragraphs and sentences.
const PIECES: &[&str] = &[
    "The council said the new ferry would carry 300 passengers. ",
    "Officials told reporters the bridge reopened on Monday. ",
    "“We will rebuild the pier,” said Mara Tillet. ",
    "Nearly forty per cent of the harbour was flooded. ",
    "Critics say the plan costs $6 million. ",
    // A perpetrator's death, carried with its paragraph.
    "A gunman shot two men at the pier before killing himself. ",
    "El alcalde dijo que el puerto abrirá en mayo. ",
    "Mr. Orrin arrived at 9 a.m. on Sept. 2. ",
    "Related Posts\n",
    "\n",
    "\n\n",
    "\r\n",
    "é",
    "😀",
    "—",
    ". ",
    "\"",
    "word ",
    // A quotation that runs on into the next paragraph.
    "“The harbour will reopen in 2027 and carry 4,000 people a day.\n\n“It will cost 12 million euros,” the mayor said. ",
    // Enough Spanish to turn an English text Spanish, with figures
    // written the Spanish way.
    "La policía detuvo a 14 personas el martes en Valencia, según el ministerio, y el puerto perdió 1.200 millones de euros en 2024, un 3,5 por ciento más que el año anterior. Los vecinos dijeron que la obra costará 45 millones. ",
];

/// The effort counters are global: one test at a time reads them.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

fn one_at_a_time() -> std::sync::MutexGuard<'static, ()> {
    ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner())
}

/// `cases` random cases, failures kept in one regressions file.
fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(
            "proptest-regressions/incremental_props.txt",
        ))),
        ..ProptestConfig::default()
    }
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 1..40).prop_map(|v| v.concat())
}

/// One edit: at a fraction of the text, remove a fraction of what follows
/// and insert a piece.
fn edits() -> impl Strategy<Value = Vec<(f64, f64, Option<&'static str>)>> {
    prop::collection::vec(
        (
            0.0..1.0f64,
            prop_oneof![4 => 0.0..0.2f64, 1 => 0.0..1.0f64],
            prop::option::of(prop::sample::select(PIECES)),
        ),
        1..8,
    )
}

fn floor_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn apply(text: &str, (at, cut, insert): (f64, f64, Option<&str>)) -> String {
    let start = floor_boundary(text, (at * text.len() as f64) as usize);
    let end = floor_boundary(text, start + (cut * text.len() as f64) as usize).max(start);
    format!("{}{}{}", &text[..start], insert.unwrap_or(""), &text[end..])
}

/// Reads the words of the sentences `mask` picks (cycled), as rules
/// asking for some sentences would.
fn read_some(doc: &DocAnalysis, mask: &[bool]) {
    for i in 0..doc.segmentation.sentences.len() {
        if mask.is_empty() || mask[i % mask.len()] {
            let _ = doc.sentence_language(i);
        }
    }
}

/// The findings of the rules that read one document, as text.
fn document_findings(doc: &DocAnalysis, settings: &Settings) -> String {
    format!(
        "{:?}",
        check(
            doc,
            &factline::analysis::Corpus::new(),
            settings,
            RuleScope::DocumentOnly
        )
    )
}

proptest! {
    #![proptest_config(config(120))]

    #[test]
    fn edited_analysis_equals_a_fresh_one(
        start in text(),
        steps in edits(),
        mask in prop::collection::vec(any::<bool>(), 0..5),
    ) {
        let _serial = one_at_a_time();
        let settings = Settings::default();
        let id = DocId::new("draft.txt");
        let mut text = start;
        let mut doc = analyze_document(id.clone(), Arc::from(text.as_str()), &settings);
        read_some(&doc, &mask);
        for step in steps {
            text = apply(&text, step);
            let edited = analyze_edited(Some(&doc), id.clone(), Arc::from(text.as_str()), &settings);
            let fresh = analyze_document(id.clone(), Arc::from(text.as_str()), &settings);
            // What was carried over, before anything is read.
            let carried = edited.language.sentences_read();
            prop_assert!(carried <= doc.language.sentences_read());
            // Everything the edited analysis holds equals a fresh read.
            for i in 0..fresh.segmentation.sentences.len() {
                prop_assert_eq!(edited.sentence_language(i), fresh.sentence_language(i), "sentence {}", i);
            }
            prop_assert_eq!(edited.language.lang, fresh.language.lang);
            prop_assert_eq!(format!("{:?}", edited.figures), format!("{:?}", fresh.figures));
            prop_assert_eq!(format!("{:?}", edited.attribution), format!("{:?}", fresh.attribution));
            prop_assert_eq!(format!("{:?}", edited.boilerplate), format!("{:?}", fresh.boilerplate));
            prop_assert_eq!(format!("{:?}", edited.related), format!("{:?}", fresh.related));
            prop_assert_eq!(&edited.segmentation, &fresh.segmentation);
            // The paragraphs' hashes taken over are those of their text,
            // and the facts other documents read are the same.
            prop_assert_eq!(&edited.paragraph_hashes, &reuse::paragraph_hashes(&text, &fresh.segmentation));
            prop_assert_eq!(corpus::facts_key(&edited), corpus::facts_key(&fresh));
            // The rules' findings taken over from the version before are
            // a fresh check's.
            prop_assert_eq!(document_findings(&edited, &settings), document_findings(&fresh, &settings));
            // The next step starts from an analysis read only in part.
            doc = analyze_edited(Some(&edited), id.clone(), Arc::from(text.as_str()), &settings);
            read_some(&doc, &mask);
            if mask.first() == Some(&true) {
                prop_assert_eq!(document_findings(&doc, &settings), document_findings(&fresh, &settings));
            }
        }
    }
}

/// Editing one paragraph of three carries over the words of the two
/// others, wherever they moved.
#[test]
fn unchanged_paragraphs_are_not_read_again() {
    let _serial = one_at_a_time();
    let settings = Settings::default();
    let id = DocId::new("draft.txt");
    let before = "The ferry sailed at noon. It reached the island late.\n\nThe council met on Monday.\n\nRepairs will start in May.\n";
    let doc = analyze_document(id.clone(), Arc::from(before), &settings);
    for i in 0..doc.segmentation.sentences.len() {
        let _ = doc.sentence_language(i);
    }
    assert_eq!(doc.language.sentences_read(), 4);
    let after = before.replace(
        "The council met",
        "Extra words first. The whole council met",
    );
    let edited = analyze_edited(Some(&doc), id.clone(), Arc::from(after.as_str()), &settings);
    // The first and last paragraphs (three sentences) are carried over;
    // the edited one (now two sentences) waits to be read.
    assert_eq!(edited.language.sentences_read(), 3);
    let fresh = analyze_document(id, Arc::from(after.as_str()), &settings);
    for i in 0..fresh.segmentation.sentences.len() {
        assert_eq!(edited.sentence_language(i), fresh.sentence_language(i));
    }
}

/// A long draft of paragraphs with figures.
fn long_draft(paragraphs: usize) -> String {
    (0..paragraphs)
        .map(|i| {
            format!(
                "The ferry line {i} carried {} passengers in May, the port authority said, up {}% on April.\n\n",
                1000 + 7 * i,
                i % 40
            )
        })
        .collect()
}

/// Reads `text` as an edit of `doc`; the paragraphs whose figures were
/// read afresh, and whether the result equals a fresh analysis.
fn edit(doc: &DocAnalysis, text: &str) -> (DocAnalysis, u64) {
    let settings = Settings::default();
    effort::reset();
    let edited = analyze_edited(Some(doc), doc.id.clone(), Arc::from(text), &settings);
    let read = effort::read().paragraphs_read;
    let fresh = analyze_document(doc.id.clone(), Arc::from(text), &settings);
    assert_eq!(
        format!("{:?}", edited.figures),
        format!("{:?}", fresh.figures)
    );
    assert_eq!(
        format!("{:?}", edited.related),
        format!("{:?}", fresh.related)
    );
    (edited, read)
}

/// A keystroke in one paragraph of a long draft reads the figures of that
/// paragraph only; joining two paragraphs reads the joined one; a change
/// of the document's language reads every paragraph again.
#[test]
fn figures_of_unchanged_paragraphs_are_carried_over() {
    let _serial = one_at_a_time();
    let settings = Settings::default();
    let text = long_draft(200);
    let doc = analyze_document(DocId::new("long.txt"), Arc::from(text.as_str()), &settings);
    assert!(doc.figures.list.len() >= 400);
    let paragraphs = doc.segmentation.paragraphs.len() as u64;

    // One character typed in the middle: one paragraph read, the others
    // (before and after it, moved by a byte) carried over.
    let at = text.find("line 100 ").expect("the draft has 200 lines") + 5;
    let typed = format!("{}x{}", &text[..at], &text[at..]);
    let (doc, read) = edit(&doc, &typed);
    assert_eq!(
        read, 1,
        "one keystroke read {read} paragraphs of {paragraphs}"
    );

    // Two paragraphs joined into one, then split again.
    let join = typed
        .find("April.\n\nThe ferry line 51 ")
        .expect("paragraph 50")
        + 6;
    let joined = format!("{} {}", &typed[..join], &typed[join + 2..]);
    let (doc, read) = edit(&doc, &joined);
    assert_eq!(read, 1, "joining two paragraphs read {read}");
    let (doc, read) = edit(&doc, &typed);
    assert_eq!(read, 2, "splitting a paragraph in two read {read}");

    // Nothing changed: nothing read.
    let (doc, read) = edit(&doc, &typed);
    assert_eq!(read, 0);

    // The document turned Spanish (its language is read from its
    // beginning): its numbers read another way, so every paragraph is
    // read again.
    let spanish = format!("{}\n\n{typed}", PIECES[PIECES.len() - 1].repeat(3));
    let (es, read) = edit(&doc, &spanish);
    assert_ne!(es.language.lang, doc.language.lang);
    assert_eq!(read as usize, es.segmentation.paragraphs.len());
}

/// Paragraphs of a long draft: pronouns and roles that refer back over
/// paragraphs, quotations continued over paragraphs and taking the
/// speaker of the sentence before, crowds named in the next sentence,
/// blocks of page furniture and a comments heading, so that the parts of
/// the attribution and boilerplate analyses that read beyond a paragraph
/// are exercised.
const PARAGRAPHS: &[&str] = &[
    "Mara Tillet runs the harbour board. She said the pier would reopen in May.\n\n",
    "“We will rebuild it,” she said. “It will take a year.”\n\n",
    "“The ferry will carry 300 people a day.\n\n",
    "“It will cost 12 million euros,” the mayor said.\n\n",
    "“Nobody expected the storm to be this strong.”\n\n",
    "Analysts said the plan was costly. Jon Reyes, an analyst at Brannock Research, said costs would rise.\n\n",
    "He told reporters the vote was close.\n\n",
    "The official declined to say more.\n\n",
    "Critics say the plan costs $6 million.\n\n",
    "The council met on Monday. It will vote again in June.\n\n",
    "It is believed the harbour lost 40 boats.\n\n",
    "The port authority said 4,000 jobs were at risk, up 12% on last year.\n\n",
    "Related Posts\nHarbour reopens after storm\nFerry fares rise again\nPier repairs begin\n\n",
    "Share this article\nSign up for our newsletter\n\n",
    "Home | News | Sport | Weather\n\n",
    "Posted on March 3, 2024\n\n",
    "12 Comments\n\n",
    "Great news for the town, I think.\n\n",
    "Residents were told to stay indoors. A spokesman for the coastguard said two boats sank.\n\n",
    // A quotation over many paragraphs whose speaker is named in its last
    // segment, given back to every earlier one.
    concat!(
        "“The water came in at night.\n\n",
        "“We moved the boats first.\n\n",
        "“Then the nets went.\n\n",
        "“Nobody slept.\n\n",
        "“The road was closed.\n\n",
        "“We waited for the pumps.\n\n",
        "“They came on Tuesday.\n\n",
        "“The pier was gone.\n\n",
        "“The shed was gone.\n\n",
        "“The cafe was flooded.\n\n",
        "“The school was shut.\n\n",
        "“We lost the van.\n\n",
        "“We lost the records.\n\n",
        "“The bank helped.\n\n",
        "“We start again now,” said Ana Oduya, who runs the ferry.\n\n",
    ),
    // Quotations opening their paragraphs, each taking the speaker of the
    // sentence before.
    concat!(
        "Tomas Reyner spoke at the harbour on Friday.\n\n",
        "“The money is there.”\n\n",
        "“The plan is ready.”\n\n",
        "“The crews are hired.”\n\n",
        "“The stone is cut.”\n\n",
        "“The boats will wait.”\n\n",
        "“The town will help.”\n\n",
        "“The work starts soon.”\n\n",
        "“It ends in spring.”\n\n",
        "“The road reopens first.”\n\n",
        "“The ferry follows.”\n\n",
        "“The market comes last.”\n\n",
        "“Nobody will lose a job.”\n\n",
        "“The fares stay the same.”\n\n",
        "“We have the votes.”\n\n",
    ),
];

/// Small edits that open and close quotations, join and split paragraphs
/// and add pronouns.
const TYPED: &[&str] = &[
    "“",
    "”",
    "\"",
    "\n\n",
    "\n",
    "x",
    ". ",
    "She said ",
    " he said.",
    "Related Posts\n",
];

fn long_text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PARAGRAPHS), 40..90).prop_map(|v| v.concat())
}

/// One edit of a long text: at a fraction of it, remove a few bytes or a
/// longer run, and insert a typed piece or a paragraph.
fn long_edits() -> impl Strategy<Value = Vec<(f64, f64, Option<&'static str>)>> {
    prop::collection::vec(
        (
            0.0..1.0f64,
            prop_oneof![6 => Just(0.0f64), 3 => 0.0..0.005f64, 1 => 0.0..0.05f64],
            prop::option::of(prop_oneof![
                3 => prop::sample::select(TYPED),
                1 => prop::sample::select(PARAGRAPHS),
            ]),
        ),
        1..10,
    )
}

proptest! {
    #![proptest_config(config(48))]

    /// In a long draft, where the attribution of the paragraphs far from
    /// an edit and what the boilerplate detector read of unchanged
    /// paragraphs are taken over, every edit gives what a fresh read does.
    #[test]
    fn long_edited_analysis_equals_a_fresh_one(start in long_text(), steps in long_edits()) {
        let _serial = one_at_a_time();
        let settings = Settings::default();
        let id = DocId::new("long-draft.txt");
        let mut text = start;
        // As the server reads an open document; its findings are kept
        // for the next version.
        let mut doc = analyze_edited(None, id.clone(), Arc::from(text.as_str()), &settings);
        document_findings(&doc, &settings);
        for step in steps {
            text = apply(&text, step);
            let edited = analyze_edited(Some(&doc), id.clone(), Arc::from(text.as_str()), &settings);
            let fresh = analyze_document(id.clone(), Arc::from(text.as_str()), &settings);
            prop_assert_eq!(document_findings(&edited, &settings), document_findings(&fresh, &settings));
            prop_assert_eq!(&edited.segmentation, &fresh.segmentation);
            prop_assert_eq!(&edited.attribution, &fresh.attribution);
            prop_assert_eq!(&edited.boilerplate, &fresh.boilerplate);
            prop_assert_eq!(format!("{:?}", edited.figures), format!("{:?}", fresh.figures));
            prop_assert_eq!(format!("{:?}", edited.related), format!("{:?}", fresh.related));
            prop_assert_eq!(&edited.paragraph_hashes, &reuse::paragraph_hashes(&text, &fresh.segmentation));
            prop_assert_eq!(corpus::facts_key(&edited), corpus::facts_key(&fresh));
            doc = edited;
        }
    }
}

/// A keystroke in the middle of a long draft re-reads the attribution of
/// a window of sentences around it and the boilerplate features of the
/// paragraph it touched, and gives what a fresh read does.
#[test]
fn a_keystroke_reads_the_paragraphs_around_it() {
    let _serial = one_at_a_time();
    let settings = Settings::default();
    let text: String = (0..300)
        .map(|i| PARAGRAPHS[(i * 7) % PARAGRAPHS.len()])
        .collect();
    let id = DocId::new("long-draft.txt");
    // As the server reads an open document.
    let doc = analyze_edited(None, id.clone(), Arc::from(text.as_str()), &settings);
    let sentences = doc.segmentation.sentences.len() as u64;
    let at = text.len() / 2;
    let at = text[..at].rfind("\n\n").expect("paragraphs") + 2;
    let typed = format!("{}x{}", &text[..at], &text[at..]);
    effort::reset();
    let edited = analyze_edited(Some(&doc), id.clone(), Arc::from(typed.as_str()), &settings);
    let read = effort::read();
    let fresh = analyze_document(id, Arc::from(typed.as_str()), &settings);
    assert_eq!(edited.attribution, fresh.attribution);
    assert_eq!(edited.boilerplate, fresh.boilerplate);
    assert_eq!(read.units_read, 1, "{read:?}");
    assert!(
        read.sentences_attributed * 5 < sentences,
        "{} of {sentences} sentences attributed again",
        read.sentences_attributed
    );
}

/// A keystroke in the middle of a long draft runs the rules that read a
/// bounded neighbourhood only over the paragraphs around it, and their
/// findings are a fresh check's, before, inside and after those
/// paragraphs.
#[test]
fn a_keystroke_checks_the_paragraphs_around_it_again() {
    let _serial = one_at_a_time();
    let settings = Settings::default();
    let text: String = (0..300).map(|i| PARAGRAPHS[i % PARAGRAPHS.len()]).collect();
    let id = DocId::new("long-draft.txt");
    let doc = analyze_edited(None, id.clone(), Arc::from(text.as_str()), &settings);
    effort::reset();
    let first = document_findings(&doc, &settings);
    let paragraphs = doc.segmentation.paragraphs.len() as u64;
    assert!(
        effort::read().rule_paragraphs >= paragraphs,
        "the first check reads every paragraph: {:?}",
        effort::read()
    );
    assert!(first.contains("code: "), "the draft has findings: {first}");
    for at in [text.len() / 2, text.len() / 10, text.len() * 9 / 10] {
        let at = text[..at].rfind("\n\n").expect("paragraphs") + 2;
        let typed = format!("{}x{}", &text[..at], &text[at..]);
        let edited = analyze_edited(Some(&doc), id.clone(), Arc::from(typed.as_str()), &settings);
        let fresh = analyze_document(id.clone(), Arc::from(typed.as_str()), &settings);
        effort::reset();
        let kept = document_findings(&edited, &settings);
        let read = effort::read();
        assert_eq!(kept, document_findings(&fresh, &settings));
        assert!(
            read.rule_paragraphs * 5 < paragraphs * 3,
            "{} paragraphs of {paragraphs} checked again",
            read.rule_paragraphs
        );
        // The same version checked again takes every finding over.
        effort::reset();
        assert_eq!(document_findings(&edited, &settings), kept);
        assert_eq!(effort::read().rule_paragraphs, 0);
    }
}

/// A keystroke in a long draft reads the words of the paragraph it
/// touched and looks for names only there and in the paragraphs holding a
/// word whose capitalisation evidence it changed; a word written in
/// capitals mid-sentence for the first time makes every paragraph that
/// holds it look again, and nothing else. Each gives what a fresh read
/// does.
#[test]
fn a_keystroke_reads_the_words_and_names_of_its_paragraph() {
    let _serial = one_at_a_time();
    let settings = Settings::default();
    let text: String = (0..300).map(|i| PARAGRAPHS[i % PARAGRAPHS.len()]).collect();
    let id = DocId::new("long-draft.txt");
    let doc = analyze_edited(None, id.clone(), Arc::from(text.as_str()), &settings);
    let paragraphs = doc.segmentation.paragraphs.len() as u64;
    let typed = |doc: &DocAnalysis, text: &str| {
        effort::reset();
        let edited = analyze_edited(Some(doc), id.clone(), Arc::from(text), &settings);
        let read = effort::read();
        let fresh = analyze_document(id.clone(), Arc::from(text), &settings);
        assert_eq!(
            format!("{:?}", edited.related),
            format!("{:?}", fresh.related)
        );
        (edited, read)
    };
    // A letter typed at the start of a paragraph, then taken back.
    let at = text.len() / 2;
    let at = text[..at].rfind("\n\n").expect("paragraphs") + 2;
    let one = format!("{}x{}", &text[..at], &text[at..]);
    let (edited, read) = typed(&doc, &one);
    assert_eq!(read.word_paragraphs_read, 1, "{read:?}");
    assert_eq!(read.name_paragraphs_read, 1, "{read:?}");
    // Taken back, the paragraph repeats others of the draft: nothing new
    // is read.
    let (edited, read) = typed(&edited, &text);
    assert_eq!(read.word_paragraphs_read, 0, "{read:?}");
    assert!(read.name_paragraphs_read <= 1, "{read:?}");
    // "Harbour" in capitals mid-sentence: the paragraphs that write it
    // capitalised elsewhere (a list of headlines) read their names again.
    let harbour = text.find("the harbour board").expect("harbour") + 4;
    let capital = format!("{}H{}", &text[..harbour], &text[harbour + 1..]);
    let (_, read) = typed(&edited, &capital);
    assert_eq!(read.word_paragraphs_read, 1, "{read:?}");
    assert!(read.name_paragraphs_read > 1, "{read:?}");
    assert!(
        read.name_paragraphs_read * 5 < paragraphs,
        "{} of {paragraphs} paragraphs looked for names again",
        read.name_paragraphs_read
    );
}

/// Paragraphs of a draft whose figures are compared with each other: one
/// toll, one sum and one age told several ways, a perpetrator's death
/// (which changes whether two tolls agree), two counts in one sentence
/// (the second a part of the first), and a date line.
const FIGURE_PARAGRAPHS: &[&str] = &[
    "Posted on March 3, 2024\n\n",
    "Twelve people were killed when the Marren bridge in Harlow collapsed on Tuesday, the fire service said.\n\n",
    "Fourteen people were killed when the Marren bridge in Harlow collapsed, officials said.\n\n",
    "The gunman shot 5 people at the Harlow depot before killing himself.\n\n",
    "Police said 6 people were shot at the Harlow depot.\n\n",
    "The Harlow council said repairs to the bridge would cost $3 million.\n\n",
    "Repairs to the Marren bridge will cost $4.5 million, the Harlow council said.\n\n",
    "Edith Varga, 58, has led the Harlow council since 2014.\n\n",
    "Edith Varga, 61, spoke to residents on Wednesday.\n\n",
    "Six people were shot and one victim was taken to hospital in Harlow.\n\n",
    "About 40 homes near the river were evacuated, the council said. Engineers said 45 homes were evacuated.\n\n",
    "Residents gathered by the river on Wednesday.\n\n",
    // A running report's time stamp: the figures after it are of its time.
    "8:35 p.m.\n\n",
];

/// Pieces typed into such a draft: figures, names and dates, the words of
/// a perpetrator's death, paragraph breaks, a date line and a running
/// report's time stamp (read by every figure after it, up to a distance).
const FIGURE_TYPED: &[&str] = &[
    "x",
    " ",
    "12",
    "fifteen ",
    "killed ",
    "Harlow ",
    "Edith Varga, 60, ",
    "$5 million",
    "in 2019 ",
    "before killing himself",
    "\n\n",
    ". ",
    "Posted on March 9, 2025\n\n",
    "\n\n9:40 p.m.\n\n",
];

/// One edit of a draft with figures.
#[derive(Clone, Debug)]
enum FigureEdit {
    /// Type a piece at a fraction of the text.
    Type(u16, usize),
    /// Delete up to this many bytes at a fraction of the text.
    Delete(u16, u8),
    /// Move the paragraph at one fraction to the paragraph boundary at
    /// another.
    Move(u16, u16),
    /// Join the paragraph at a fraction with the next one.
    Join(u16),
    /// Paste a paragraph at the paragraph boundary at a fraction.
    Paste(u16, usize),
    /// Replace the first line (the date line, when there is one).
    Date(u8),
    /// Tell a perpetrator's death, or tell it no more: read by every pair
    /// of tolls, wherever they are.
    Death,
}

fn figure_edit() -> impl Strategy<Value = FigureEdit> {
    prop_oneof![
        4 => (any::<u16>(), 0..FIGURE_TYPED.len()).prop_map(|(p, k)| FigureEdit::Type(p, k)),
        2 => (any::<u16>(), 1u8..16).prop_map(|(p, n)| FigureEdit::Delete(p, n)),
        2 => (any::<u16>(), any::<u16>()).prop_map(|(a, b)| FigureEdit::Move(a, b)),
        1 => any::<u16>().prop_map(FigureEdit::Join),
        1 => (any::<u16>(), 0..FIGURE_PARAGRAPHS.len()).prop_map(|(p, k)| FigureEdit::Paste(p, k)),
        1 => (0u8..4).prop_map(FigureEdit::Date),
        1 => Just(FigureEdit::Death),
    ]
}

/// The byte at fraction `p` of `text`, on a character boundary.
fn fraction(text: &str, p: u16) -> usize {
    floor_boundary(text, text.len() * usize::from(p) / usize::from(u16::MAX))
}

/// The paragraph (its text and blank lines after it) holding byte `at`.
fn paragraph_around(text: &str, at: usize) -> std::ops::Range<usize> {
    let start = text[..at].rfind("\n\n").map_or(0, |i| i + 2);
    let end = text[at..].find("\n\n").map_or(text.len(), |i| at + i + 2);
    start..end.min(text.len())
}

fn apply_figure_edit(text: &str, e: &FigureEdit) -> String {
    let mut t = text.to_string();
    match *e {
        FigureEdit::Type(p, k) => t.insert_str(fraction(&t, p), FIGURE_TYPED[k]),
        FigureEdit::Delete(p, n) => {
            let i = fraction(&t, p);
            let j = floor_boundary(&t, i + usize::from(n)).max(i);
            t.replace_range(i..j, "");
        }
        FigureEdit::Move(a, b) => {
            let r = paragraph_around(&t, fraction(&t, a));
            let moved: String = t[r.clone()].to_string();
            t.replace_range(r, "");
            let at = paragraph_around(&t, fraction(&t, b)).start;
            t.insert_str(at, &moved);
        }
        FigureEdit::Join(p) => {
            let r = paragraph_around(&t, fraction(&t, p));
            if r.end >= 2 && t.get(r.end - 2..r.end) == Some("\n\n") && r.end < t.len() {
                t.replace_range(r.end - 2..r.end, " ");
            }
        }
        FigureEdit::Paste(p, k) => {
            let at = paragraph_around(&t, fraction(&t, p)).start;
            t.insert_str(at, FIGURE_PARAGRAPHS[k]);
        }
        FigureEdit::Date(k) => {
            let line = [
                "Posted on March 3, 2024",
                "Posted on June 12, 2019",
                "Updated 9 March 2025",
                "Harlow bridge",
            ][usize::from(k)];
            let end = t.find('\n').unwrap_or(t.len());
            t.replace_range(..end, line);
        }
        FigureEdit::Death => {
            const DEATH: &str = " before killing himself";
            if t.contains(DEATH) {
                t = t.replace(DEATH, "");
            } else if let Some(i) = t.find(" people at") {
                t.insert_str(i + " people".len(), DEATH);
            } else {
                t.push_str("\n\nA gunman shot 5 people before killing himself.\n\n");
            }
        }
    }
    t
}

/// Every figure's mentions as (document, figure, agrees, score bits)
/// through the comparisons kept in `corpus`, which holds `doc`.
fn kept_figure_mentions(
    corpus: &factline::analysis::Corpus,
    doc: &DocAnalysis,
) -> Vec<Vec<(usize, bool, u32)>> {
    let reuse = figures::MentionReuse::open(corpus, doc, &Default::default());
    let sim = reuse.similarity();
    (0..doc.figures.list.len())
        .map(|i| {
            reuse
                .mentions(i, &sim)
                .iter()
                .map(|m| (m.figure, m.agrees, m.score.to_bits()))
                .collect()
        })
        .collect()
}

/// The same, compared afresh in a corpus of the document alone, built for
/// the purpose.
fn fresh_figure_mentions(text: &str) -> Vec<Vec<(usize, bool, u32)>> {
    let mut corpus = factline::analysis::Corpus::new();
    let doc = Arc::new(analyze_document(
        DocId::new("figures-draft.txt"),
        Arc::from(text),
        &Settings::default(),
    ));
    corpus.upsert(doc.clone());
    let sim = figures::for_document(&corpus, &doc);
    (0..doc.figures.list.len())
        .map(|i| {
            figures::mentions(&doc, i, &corpus, &sim)
                .iter()
                .map(|m| (m.figure, m.agrees, m.score.to_bits()))
                .collect()
        })
        .collect()
}

/// The draft's cross-document findings (the figure comparison) checked
/// afresh.
fn fresh_figure_findings(text: &str, settings: &Settings) -> String {
    let mut corpus = factline::analysis::Corpus::new();
    let doc = Arc::new(analyze_document(
        DocId::new("figures-draft.txt"),
        Arc::from(text),
        settings,
    ));
    corpus.upsert(doc.clone());
    format!(
        "{:?}",
        check(&doc, &corpus, settings, RuleScope::CrossDocument)
    )
}

/// Checks `text` as a draft, then after each of `steps`: the findings and
/// the figure mentions (the scores too, not only the findings they
/// decide) kept from one check to the next equal a fresh comparison's.
fn kept_figures_equal_fresh_ones(
    mut text: String,
    steps: &[FigureEdit],
) -> Result<(), TestCaseError> {
    let settings = Settings::default();
    let id = DocId::new("figures-draft.txt");
    let mut corpus = factline::analysis::Corpus::new();
    let mut doc = Arc::new(analyze_edited(
        None,
        id.clone(),
        Arc::from(text.as_str()),
        &settings,
    ));
    corpus.upsert(doc.clone());
    let first_check = format!(
        "{:?}",
        check(&doc, &corpus, &settings, RuleScope::CrossDocument)
    );
    prop_assert_eq!(&first_check, &fresh_figure_findings(&text, &settings));
    for e in steps {
        text = apply_figure_edit(&text, e);
        doc = Arc::new(analyze_edited(
            Some(&doc),
            id.clone(),
            Arc::from(text.as_str()),
            &settings,
        ));
        corpus.upsert(doc.clone());
        let kept = format!(
            "{:?}",
            check(&doc, &corpus, &settings, RuleScope::CrossDocument)
        );
        prop_assert_eq!(
            &kept,
            &fresh_figure_findings(&text, &settings),
            "text: {:?}",
            text
        );
        prop_assert_eq!(
            kept_figure_mentions(&corpus, &doc),
            fresh_figure_mentions(&text),
            "text: {:?}",
            text
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(48))]

    /// The comparison of a draft's figures with each other, whose pairs
    /// are kept from one check to the next by the digests of the two
    /// figures, gives what a fresh comparison gives after edits that
    /// move figures between paragraphs, join paragraphs, change the date
    /// line, a perpetrator's death or a person's other age.
    #[test]
    fn kept_figure_pairs_equal_a_fresh_comparison(
        first in prop::collection::vec(prop::sample::select(FIGURE_PARAGRAPHS), 3..12),
        steps in prop::collection::vec(figure_edit(), 1..12),
    ) {
        let _serial = one_at_a_time();
        kept_figures_equal_fresh_ones(first.concat(), &steps)?;
    }
}

proptest! {
    #![proptest_config(config(6))]

    /// The same in a draft long enough that a topic has more figures than
    /// [`figures::MAX_SAME_DOC_PER_SIDE`] on each side of an edit: a
    /// figure out of the edit's reach keeps its candidates and mentions
    /// from the last check only when its nearest figures of each topic,
    /// on the side of the edit, all lie on its own side; those are the
    /// figures whose candidates a fresh comparison chooses the same way.
    #[test]
    fn kept_figure_pairs_in_a_long_draft_equal_a_fresh_comparison(
        paragraphs in 150usize..220,
        stride in prop::sample::select(&[1usize, 5, 7][..]),
        offset in 0usize..11,
        steps in prop::collection::vec(figure_edit(), 1..5),
    ) {
        let _serial = one_at_a_time();
        // Every paragraph but the date line, in turn, from a random start.
        let body = FIGURE_PARAGRAPHS.len() - 1;
        let text: String = (0..paragraphs)
            .map(|i| FIGURE_PARAGRAPHS[1 + (i * stride + offset) % body])
            .collect();
        // More tolls than a side's candidates, on both sides of the middle.
        let tolls = text.matches("people").count();
        prop_assert!(tolls > 2 * figures::MAX_SAME_DOC_PER_SIDE, "{} tolls", tolls);
        kept_figures_equal_fresh_ones(text, &steps)?;
    }
}

/// The candidates of each figure of `docs` that `index` gives, as
/// (document, figure), so that indexes of other versions of equal
/// analyses compare.
fn figure_candidates(
    index: &figures::FigureIndex,
    docs: &[&DocAnalysis],
) -> Vec<Vec<(String, usize)>> {
    docs.iter()
        .flat_map(|d| d.figures.list.iter())
        .map(|f| {
            let mut found: Vec<(String, usize)> = index
                .candidates(f, None)
                .into_iter()
                .map(|(d, i)| (format!("{:?}", d.id), i))
                .collect();
            found.sort();
            found
        })
        .collect()
}

proptest! {
    #![proptest_config(config(48))]

    /// A draft filed again in the corpus index after each edit, the keys
    /// of its unchanged figures taken over from the version before, is
    /// found as its fresh analysis filed once is: by lookups from its own
    /// figures and from another document's.
    #[test]
    fn figures_filed_again_after_edits_equal_fresh_ones(
        first in prop::collection::vec(prop::sample::select(FIGURE_PARAGRAPHS), 3..12),
        other in prop::collection::vec(prop::sample::select(FIGURE_PARAGRAPHS), 2..6),
        steps in prop::collection::vec(figure_edit(), 1..12),
    ) {
        let settings = Settings::default();
        let id = DocId::new("figures-draft.txt");
        let other = Arc::new(analyze_document(
            DocId::new("other.txt"),
            Arc::from(other.concat().as_str()),
            &settings,
        ));
        let mut text = first.concat();
        let mut doc = Arc::new(analyze_edited(None, id.clone(), Arc::from(text.as_str()), &settings));
        let mut index = figures::FigureIndex::default();
        index.insert(&other);
        index.insert(&doc);
        for step in &steps {
            text = apply_figure_edit(&text, step);
            doc = Arc::new(analyze_edited(Some(&*doc), id.clone(), Arc::from(text.as_str()), &settings));
            index.replace(&doc);
            let fresh = Arc::new(analyze_document(id.clone(), Arc::from(text.as_str()), &settings));
            let mut fresh_index = figures::FigureIndex::default();
            fresh_index.insert(&other);
            fresh_index.insert(&fresh);
            prop_assert_eq!(index.entries(), fresh_index.entries());
            prop_assert_eq!(
                figure_candidates(&index, &[&fresh, &other]),
                figure_candidates(&fresh_index, &[&fresh, &other])
            );
        }
    }
}

/// A keystroke in one paragraph of a long draft weighs again only the
/// pairs of figures that touch the paragraph's figures; a date line
/// changed is read by no pair of one document, so it weighs again only
/// the pairs of its own figure;
/// a perpetrator's death, which every pair of tolls reads, weighs them
/// all again. The findings are those of a fresh check each time.
#[test]
fn a_keystroke_weighs_only_the_pairs_of_figures_it_touched() {
    let _serial = one_at_a_time();
    let settings = Settings::default();
    let id = DocId::new("figures-draft.txt");
    let mut text: String = (0..120)
        .map(|i| FIGURE_PARAGRAPHS[1 + (i * 5) % (FIGURE_PARAGRAPHS.len() - 1)])
        .collect();
    text.insert_str(0, "Posted on March 3, 2024\n\n");
    let mut corpus = factline::analysis::Corpus::new();
    let mut doc = Arc::new(analyze_edited(
        None,
        id.clone(),
        Arc::from(text.as_str()),
        &settings,
    ));
    corpus.upsert(doc.clone());
    effort::reset();
    check(&doc, &corpus, &settings, RuleScope::CrossDocument);
    let all = effort::read().figure_pairs;
    assert!(all > 1000, "{all} pairs weighed");
    let mut edit = |text: &mut String, doc: &mut Arc<DocAnalysis>, new: String| {
        *text = new;
        *doc = Arc::new(analyze_edited(
            Some(doc),
            id.clone(),
            Arc::from(text.as_str()),
            &settings,
        ));
        corpus.upsert(doc.clone());
        effort::reset();
        let kept = check(doc, &corpus, &settings, RuleScope::CrossDocument);
        let pairs = effort::read().figure_pairs;
        assert_eq!(format!("{kept:?}"), fresh_figure_findings(text, &settings));
        pairs
    };
    // A figure changed in the middle of the draft.
    let at = text.len() / 2;
    let at = at + text[at..].find("Twelve").expect("a toll");
    let typed = format!("{}Eleven{}", &text[..at], &text[at + "Twelve".len()..]);
    let pairs = edit(&mut text, &mut doc, typed);
    assert!(
        pairs > 0 && pairs * 20 < all,
        "{pairs} of {all} pairs weighed again"
    );
    // The date line.
    let dated = text.replacen("March 3, 2024", "June 12, 2019", 1);
    let pairs = edit(&mut text, &mut doc, dated);
    // (The date line's own figure is weighed against the other dates.)
    assert!(pairs * 50 < all, "{pairs} of {all} pairs weighed again");
    // A perpetrator's death, read by every pair of tolls, told no more.
    assert!(doc.figures.perpetrator_died);
    let undone = text.replace(" before killing himself", "");
    let pairs = edit(&mut text, &mut doc, undone);
    assert!(pairs * 2 > all, "{pairs} of {all} pairs weighed again");
}

/// A keystroke in a long draft chooses afresh the candidates of only the
/// figures it changed and of those whose nearest figures of a topic reach
/// it: the others keep their candidates and mentions from the last check.
/// The findings are those of a fresh check.
#[test]
fn a_keystroke_chooses_again_only_the_candidates_it_reaches() {
    let _serial = one_at_a_time();
    let settings = Settings::default();
    let id = DocId::new("figures-draft.txt");
    let mut text: String = (0..2000)
        .map(|i| FIGURE_PARAGRAPHS[1 + (i * 5) % (FIGURE_PARAGRAPHS.len() - 1)])
        .collect();
    let mut corpus = factline::analysis::Corpus::new();
    let doc = Arc::new(analyze_edited(
        None,
        id.clone(),
        Arc::from(text.as_str()),
        &settings,
    ));
    corpus.upsert(doc.clone());
    effort::reset();
    check(&doc, &corpus, &settings, RuleScope::CrossDocument);
    let all = effort::read().figure_candidates;
    assert!(all > 10_000, "{all} candidates");
    let at = text.len() / 2;
    let at = at + text[at..].find("Twelve").expect("a toll");
    text.replace_range(at..at + "Twelve".len(), "Eleven");
    let doc = Arc::new(analyze_edited(
        Some(&doc),
        id.clone(),
        Arc::from(text.as_str()),
        &settings,
    ));
    corpus.upsert(doc.clone());
    effort::reset();
    let kept = check(&doc, &corpus, &settings, RuleScope::CrossDocument);
    let e = effort::read();
    let figures = doc.figures.len() as u64;
    assert!(
        e.within_carried * 2 > figures,
        "{} of {figures} figures carried over",
        e.within_carried
    );
    assert!(
        e.figure_candidates * 2 < all,
        "{} of {all} candidates chosen again",
        e.figure_candidates
    );
    assert_eq!(format!("{kept:?}"), fresh_figure_findings(&text, &settings));
}

/// The related passages of every passage of every document, as the
/// corpus answers them.
fn every_related(corpus: &factline::analysis::Corpus, docs: &[&DocAnalysis]) -> Vec<String> {
    docs.iter()
        .flat_map(|d| {
            d.related
                .passages
                .iter()
                .map(move |p| format!("{:?}", related::query(corpus, d, p.span.clone(), 20)))
        })
        .collect()
}

/// Every figure's mentions in every document, compared afresh (with the
/// statistics of the corpus without the figure's document).
fn every_figure_mention(
    corpus: &factline::analysis::Corpus,
    docs: &[&DocAnalysis],
) -> Vec<Vec<(String, usize, bool, u32)>> {
    docs.iter()
        .flat_map(|d| {
            let sim = figures::for_document(corpus, d);
            (0..d.figures.list.len())
                .map(|i| {
                    figures::mentions(d, i, corpus, &sim)
                        .iter()
                        .map(|m| (m.doc.id.to_string(), m.figure, m.agrees, m.score.to_bits()))
                        .collect()
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

proptest! {
    #![proptest_config(config(48))]

    /// The passage index, which keeps the ids of the passages an edit did
    /// not change, answers every related-passage query as an index built
    /// afresh from the same documents does, after edits of a draft and of
    /// a source between them.
    #[test]
    fn passage_index_kept_across_edits_equals_a_fresh_one(
        sources in prop::collection::vec(text(), 2..4),
        start in text(),
        steps in prop::collection::vec((edits(), any::<bool>()), 1..5),
    ) {
        let _serial = one_at_a_time();
        let settings = Settings::default();
        let mut texts: Vec<String> = sources;
        texts.push(start);
        let ids: Vec<DocId> = (0..texts.len()).map(|i| DocId::new(format!("doc{i}.txt"))).collect();
        let mut corpus = factline::analysis::Corpus::new();
        let mut docs: Vec<Arc<DocAnalysis>> = texts
            .iter()
            .zip(&ids)
            .map(|(t, id)| Arc::new(analyze_edited(None, id.clone(), Arc::from(t.as_str()), &settings)))
            .collect();
        for d in &docs {
            corpus.upsert(d.clone());
        }
        for (edits, in_source) in steps {
            // The draft (the last document), or the first source.
            let which = if in_source { 0 } else { texts.len() - 1 };
            for e in edits {
                texts[which] = apply(&texts[which], e);
                docs[which] = Arc::new(analyze_edited(
                    Some(&docs[which]),
                    ids[which].clone(),
                    Arc::from(texts[which].as_str()),
                    &settings,
                ));
                corpus.upsert(docs[which].clone());
            }
            let mut fresh = factline::analysis::Corpus::new();
            let fresh_docs: Vec<Arc<DocAnalysis>> = texts
                .iter()
                .zip(&ids)
                .map(|(t, id)| Arc::new(analyze_document(id.clone(), Arc::from(t.as_str()), &settings)))
                .collect();
            for d in &fresh_docs {
                fresh.upsert(d.clone());
            }
            prop_assert_eq!(format!("{:?}", corpus.related()), format!("{:?}", fresh.related()));
            let kept: Vec<&DocAnalysis> = docs.iter().map(|d| &**d).collect();
            let afresh: Vec<&DocAnalysis> = fresh_docs.iter().map(|d| &**d).collect();
            prop_assert_eq!(every_related(&corpus, &kept), every_related(&fresh, &afresh));
            // The figure comparisons read the statistics of the corpus
            // without their document, kept through its edits.
            prop_assert_eq!(every_figure_mention(&corpus, &kept), every_figure_mention(&fresh, &afresh));
            let last = kept.len() - 1;
            prop_assert_eq!(
                format!("{:?}", check(kept[last], &corpus, &settings, RuleScope::CrossDocument)),
                format!("{:?}", check(afresh[last], &fresh, &settings, RuleScope::CrossDocument))
            );
        }
    }
}

/// A keystroke in one paragraph of a long draft takes out of the passage
/// index and puts back only the passages of that paragraph, not the
/// draft's hundreds; what the index answers is what a fresh one does.
#[test]
fn a_keystroke_reindexes_only_the_passages_it_changed() {
    let _serial = one_at_a_time();
    let settings = Settings::default();
    let text: String = (0..300)
        .map(|i| PARAGRAPHS[(i * 7) % PARAGRAPHS.len()])
        .collect();
    let source: String = (0..40).map(|i| PARAGRAPHS[i % PARAGRAPHS.len()]).collect();
    let id = DocId::new("long-draft.txt");
    let source = Arc::new(analyze_document(
        DocId::new("source.txt"),
        Arc::from(source.as_str()),
        &settings,
    ));
    let mut corpus = factline::analysis::Corpus::new();
    corpus.upsert(source.clone());
    let mut doc = Arc::new(analyze_edited(
        None,
        id.clone(),
        Arc::from(text.as_str()),
        &settings,
    ));
    corpus.upsert(doc.clone());
    let indexed = doc.related.passages.iter().filter(|p| p.indexed).count() as u64;
    assert!(indexed > 150, "{indexed} passages indexed");
    let mut text = text;
    for (i, at) in [text.len() / 2, text.len() / 3, 10].into_iter().enumerate() {
        let at = text[..at].rfind(". ").map_or(0, |i| i + 2);
        text.insert_str(at, if i == 1 { "The pier " } else { "x" });
        doc = Arc::new(analyze_edited(
            Some(&doc),
            id.clone(),
            Arc::from(text.as_str()),
            &settings,
        ));
        effort::reset();
        corpus.upsert(doc.clone());
        let changed = effort::read().passages_indexed;
        assert!(
            (1..=8).contains(&changed),
            "{changed} of {indexed} passages taken out of or put in the index"
        );
        let mut fresh = factline::analysis::Corpus::new();
        fresh.upsert(source.clone());
        let afresh = Arc::new(analyze_document(
            id.clone(),
            Arc::from(text.as_str()),
            &settings,
        ));
        fresh.upsert(afresh.clone());
        assert_eq!(
            format!("{:?}", corpus.related()),
            format!("{:?}", fresh.related())
        );
        assert_eq!(
            every_related(&corpus, &[&source, &doc]),
            every_related(&fresh, &[&source, &afresh])
        );
    }
}

/// A version that differs from the indexed one in two paragraphs far
/// apart (a word changed in each, as a replace-all or a name's reading
/// changed through the draft does) takes out of the passage index and
/// puts back the passages of those two paragraphs, not every passage
/// between them; what the index answers is what a fresh one does.
#[test]
fn changes_far_apart_reindex_only_their_passages() {
    let _serial = one_at_a_time();
    let settings = Settings::default();
    let mut text: String = (0..300)
        .map(|i| PARAGRAPHS[(i * 7) % PARAGRAPHS.len()])
        .collect();
    let id = DocId::new("long-draft.txt");
    let mut corpus = factline::analysis::Corpus::new();
    let mut doc = Arc::new(analyze_edited(
        None,
        id.clone(),
        Arc::from(text.as_str()),
        &settings,
    ));
    corpus.upsert(doc.clone());
    let indexed = doc.related.passages.iter().filter(|p| p.indexed).count() as u64;
    assert!(indexed > 150, "{indexed} passages indexed");
    for round in 0..3 {
        // Words typed at the start of the indexed passages a quarter and
        // three quarters of the way through, the later first so that the
        // earlier offset stays valid.
        let starts: Vec<usize> = doc
            .related
            .passages
            .iter()
            .filter(|p| p.indexed)
            .map(|p| p.span.start)
            .collect();
        for at in [starts[starts.len() * 3 / 4], starts[starts.len() / 4]] {
            text.insert_str(at, ["Pilots ", "Harbour pilots ", "Tugs "][round]);
        }
        doc = Arc::new(analyze_edited(
            Some(&doc),
            id.clone(),
            Arc::from(text.as_str()),
            &settings,
        ));
        effort::reset();
        corpus.upsert(doc.clone());
        let changed = effort::read().passages_indexed;
        assert!(
            (4..=16).contains(&changed),
            "{changed} of {indexed} passages taken out of or put in the index"
        );
        let mut fresh = factline::analysis::Corpus::new();
        let afresh = Arc::new(analyze_document(
            id.clone(),
            Arc::from(text.as_str()),
            &settings,
        ));
        fresh.upsert(afresh.clone());
        assert_eq!(
            format!("{:?}", corpus.related()),
            format!("{:?}", fresh.related())
        );
        assert_eq!(
            every_related(&corpus, &[&doc]),
            every_related(&fresh, &[&afresh])
        );
    }
}
