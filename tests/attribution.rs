//! Attribution on whole articles: what must be flagged and what must be
//! left alone, `factline check` honouring reviewed findings, and
//! measurements on real corpora (BBC news as edited, attributed reporting;
//! the Szeged WikiWeasel sentences for hedges), skipped when ../shared is
//! missing.

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;
use std::sync::Arc;
use std::time::Instant;

use factline::analysis::{Corpus, DocId, RuleScope, Settings, analyze_document, check};
use serde_json::Value;

const RULES: [&str; 3] = [
    "unattributed-quote",
    "weasel-attribution",
    "anonymous-source",
];

/// An invented article, written for these tests, with every construction
/// that must not be flagged.
const ATTRIBUTED: &str = "\
Valmera Reopens Its Port After Crane Collapse

The Interior Ministry reported this Wednesday that the Port of Valmera will reopen to container traffic next week, eight days after a freighter struck a gantry crane.

Harbour minister Tomas Reyner described the collapse as a “wake-up call for every port on the coast”, and accused the operator of delaying repairs.

“We lost steering for less than a minute, and that was enough,” harbour master Elena Vasquez told reporters at a briefing on Tuesday.

Vasquez said the tugs had done what they could. “Nobody could have held a ship that size in that wind.”

According to the Harbour Institute’s March 2023 report on coastal ports, half of the region’s cranes are older than thirty years.

As Reyner stated in Valmera on Thursday, “You cannot have trade without safe quays, and you cannot have safe quays without inspections.” He added that the ministry would pay for two new cranes.

The union, in a post on its website, warned that “the night shifts will not come back” until the inspections end.

Crews will now target what the coast guard calls “ghost vessels” that anchor outside the harbour without permits.

Dockworkers’ union leader Mariam Oduya said the crane had been flagged for inspection twice this year. “Nobody listened,” she said.
";

/// An invented article with claims nobody stands behind.
const UNATTRIBUTED: &str = "\
Valmera Port Stays Shut

The port stayed closed on Friday, in a move that many interpret as a concession to the union.

The collapse is widely believed to have been avoidable.

A senior Interior Ministry official clarified that no compensation deal was imminent.

Sources familiar with the inquiry said the cables had rusted through.

The closure is the latest step in what amounts to a “slow strangling of the coast”.

The repairs were rushed.

“The crane should have been replaced years ago.”
";

fn findings(text: &str) -> Vec<(&'static str, String)> {
    let doc = analyze_document(DocId::new("t.txt"), Arc::from(text), &Settings::default());
    check(&doc, &Corpus::new(), &Settings::default(), RuleScope::All)
        .into_iter()
        .filter(|f| RULES.contains(&f.code))
        .map(|f| (f.code, text[f.span].to_string()))
        .collect()
}

#[test]
fn attributed_reporting_is_left_alone() {
    assert_eq!(findings(ATTRIBUTED), []);
}

#[test]
fn unattributed_claims_are_flagged() {
    let found = findings(UNATTRIBUTED);
    let expected = [
        ("weasel-attribution", "many interpret"),
        ("weasel-attribution", "widely believed"),
        ("anonymous-source", "A senior Interior Ministry official"),
        ("anonymous-source", "Sources familiar with the inquiry"),
        // "“slow strangling of the coast”" is not expected: the paragraph
        // before credits sources with what follows, and the learned
        // quotation model reads a phrase next to them as theirs.
        (
            "unattributed-quote",
            "“The crane should have been replaced years ago.”",
        ),
    ];
    for (code, text) in expected {
        assert!(
            found.iter().any(|(c, t)| *c == code && t == text),
            "missing {code} on {text:?}; found {found:#?}"
        );
    }
    assert_eq!(found.len(), expected.len(), "{found:#?}");
}

#[test]
fn check_honours_the_reviewed_list() {
    let dir = common::write_fixture(&format!("//- /port.txt\n{UNATTRIBUTED}"));
    let run = || {
        let o = Command::new(env!("CARGO_BIN_EXE_factline"))
            .args(["check", "--format", "json", "."])
            .current_dir(dir.path())
            .output()
            .expect("factline runs");
        let doc: Value = serde_json::from_slice(&o.stdout).expect("JSON");
        doc["files"][0]["diagnostics"]
            .as_array()
            .cloned()
            .unwrap_or_default()
            .into_iter()
            .map(|d| d["code"].as_str().unwrap_or("").to_string())
            .collect::<Vec<_>>()
    };
    let before = run();
    assert!(
        before.contains(&"unattributed-quote".to_string()),
        "{before:?}"
    );
    let sentence = "“The crane should have been replaced years ago.”";
    std::fs::create_dir_all(dir.path().join(".factline")).unwrap();
    std::fs::write(
        dir.path().join(".factline/reviewed.toml"),
        format!(
            "[[reviewed]]\nfile = \"port.txt\"\nrule = \"unattributed-quote\"\nsentence = \"{}\"\n",
            factline::reviewed::sentence_hash(sentence)
        ),
    )
    .unwrap();
    let after = run();
    let quotes = |v: &[String]| v.iter().filter(|c| *c == "unattributed-quote").count();
    assert_eq!(quotes(&after) + 1, quotes(&before), "{after:?}");
    assert_eq!(after.len() + 1, before.len());
    assert_eq!(before.len(), 5, "{before:?}");
}

/// The findings of one rule on `text`.
fn of_rule(text: &str, code: &str) -> Vec<String> {
    findings(text)
        .into_iter()
        .filter(|(c, _)| *c == code)
        .map(|(_, s)| s)
        .collect()
}

#[test]
fn an_anonymous_source_reports_something() {
    // A clause after the cue, or before a source that follows a comma.
    assert_eq!(
        of_rule(
            "A harbour spokesman said on Monday that the pier would reopen.",
            "anonymous-source"
        ),
        ["A harbour spokesman"]
    );
    assert_eq!(
        of_rule(
            "The pier will reopen in May, a harbour spokesman said.",
            "anonymous-source"
        ),
        ["a harbour spokesman"]
    );
    // Someone who reports nothing a reader could check.
    assert!(
        of_rule(
            "A harbour spokesman did not respond on Monday to a request for comment.",
            "anonymous-source"
        )
        .is_empty()
    );
    assert!(
        of_rule(
            "A district judge agreed with the dockers.",
            "anonymous-source"
        )
        .is_empty()
    );
}

#[test]
fn anonymous_sources_across_relatives_compounds_and_fronted_places() {
    let anon = |t: &str| of_rule(t, "anonymous-source");
    // A subject relative clause between the source and its verb.
    assert_eq!(
        anon(
            "A port official who spoke on condition of anonymity to discuss the talks said the ferries would stop."
        ),
        ["A port official"]
    );
    assert_eq!(
        anon("Officials who have worked with the harbour master say the cranes are unsafe."),
        ["Officials"]
    );
    // An object relative keeps its own subject.
    assert!(anon("The levy, which Mayor Ana Ruiz says is fair, passed.").is_empty());
    // A compound whose head comes after a name or an unknown modifier.
    assert_eq!(
        anon("\u{201c}It was chaos,\u{201d} said one former Carrow council leadership aide."),
        ["one former Carrow council leadership aide"]
    );
    assert_eq!(
        anon("\u{201c}She was ready,\u{201d} said a 2019 Ruiz campaign veteran."),
        ["a 2019 Ruiz campaign veteran"]
    );
    // An affiliated speaker whose verb also names ("called").
    assert_eq!(
        anon("A spokesman for the port authority called the report \u{201c}reckless.\u{201d}"),
        ["A spokesman for the port authority"]
    );
    assert!(anon("A group called Harbour Watch said the pier was unsafe.").is_empty());
    // A place and its region before a comma are not a name the phrase describes.
    assert_eq!(
        anon("In Carrow, Vt., harbour inspectors say they found two more leaks."),
        ["harbour inspectors"]
    );
    // A speech tag inside the clause it reports.
    assert_eq!(
        anon("Ruiz, a senior aide said, is sure of the numbers."),
        ["a senior aide"]
    );
    // A sentence's first word capitalised by position is a name only if
    // the tagger reads it as one.
    assert_eq!(
        anon("Former inspectors said the cranes were unsafe."),
        ["Former inspectors"]
    );
    assert_eq!(
        anon("Meanwhile, harbour inspectors say they found two more leaks."),
        ["harbour inspectors"]
    );
    assert!(anon("Reyner said the cranes were unsafe.").is_empty());
    // A person brought in by an indefinite singular, or marked by "with
    // knowledge of", is unnamed; people in general are a crowd.
    assert_eq!(
        anon(
            "\u{201c}It was a hard choice,\u{201d} said one person with knowledge of the mayor's plans."
        ),
        ["one person with knowledge of the mayor's plans"]
    );
    assert_eq!(
        anon("Another person wrote that the hall was full."),
        ["Another person"]
    );
    assert!(anon("People say the port is unsafe.").is_empty());
    // Still named: a description beside a name, after a bracketed tag too.
    assert!(
        anon("Rosa Tellam, a hospital official, told the agency the ward was full.").is_empty()
    );
    assert!(anon("Senator Ivo Brandt (D), a Ruiz supporter, praised the levy.").is_empty());
}

#[test]
fn anonymous_sources_after_quantified_objects_and_in_partitives() {
    let anon = |t: &str| of_rule(t, "anonymous-source");
    // A quantifier, "both" or a numeral after a preposition opens its
    // object: the subject is the phrase the preposition hangs on.
    assert_eq!(
        anon(
            "There is no risk of a closure, officials in both ports insist, because the cranes were repaired."
        ),
        ["officials in both ports"]
    );
    assert_eq!(
        anon("Harbour inspectors across the four ports said the cranes were unsafe."),
        ["Harbour inspectors"]
    );
    // One of a group is someone the text leaves unnamed.
    assert_eq!(
        anon("But one of the former aides to the mayor said the levy was unfair."),
        ["one of the former aides to the mayor"]
    );
    // The group itself, once introduced, is not.
    assert!(anon("The aides said the levy was unfair.").is_empty());
    // A name after the phrase that opens the next clause is no apposition.
    assert_eq!(
        anon("According to one source, Halvor Energy is responsible for the pier's cranes."),
        ["one source"]
    );
    assert!(anon("According to a spokesman, Tom Rowe, the pier is safe.").is_empty());
    // A place adverb between the subject and its verb.
    assert_eq!(
        anon("Inspectors there said the cranes were unsafe."),
        ["Inspectors"]
    );
}

#[test]
fn anonymous_sources_of_comparative_clauses_absolutes_and_completing_participles() {
    let anon = |t: &str| of_rule(t, "anonymous-source");
    // "than" and "after" may open a clause: the phrase right before the
    // verb is its subject, not a preposition's object.
    assert_eq!(
        anon("The levy raised far less money than harbour officials say it should have."),
        ["harbour officials"]
    );
    // A preposition that opens no clause still hangs its object on the
    // phrase before it.
    assert!(
        anon("The chair of the panel of harbour inspectors said the pier was safe.").is_empty()
    );
    // "with" opening an absolute clause: its phrase speaks the participle.
    assert_eq!(
        anon(
            "The ferries stopped on Monday, with port officials warning that the cranes were unsafe."
        ),
        ["port officials"]
    );
    assert!(
        anon("The ferries stopped on Monday, with the harbour master warning that the cranes were unsafe.")
            .is_empty()
    );
    // A participle completing the verb before it shares that verb's subject.
    assert_eq!(
        anon("A harbour official was heard telling the crew that the pier was closed."),
        ["A harbour official"]
    );
    assert!(anon("Ivo Brandt was heard telling the crew that the pier was closed.").is_empty());
}

#[test]
fn anonymous_sources_of_object_relatives_without_a_relative_word() {
    let anon = |t: &str| of_rule(t, "anonymous-source");
    // A relative clause with no "that" or "which" whose own clause lacks a
    // subject: the name after the antecedent opens the speaker's phrase.
    assert_eq!(
        anon("Divers searched the pier Harbour Board inspectors say was damaged in the storm."),
        ["Harbour Board inspectors"]
    );
    assert_eq!(
        anon("The crane Carrow port engineers believe will fail first is the oldest."),
        ["Carrow port engineers"]
    );
    // A phrase already a verb's complement is no subject either.
    assert_eq!(
        anon(
            "The north quay is now the spot Harbour Board inspectors say the ferries should avoid."
        ),
        ["Harbour Board inspectors"]
    );
    // A named speaker of such a clause stays named.
    assert!(anon("The ferry Mayor Ana Ruiz says will sail on Monday is old.").is_empty());
    // With a subject of its own after the verb, the phrase is one compound.
    assert!(anon("The harbour Port Authority inspectors said the cranes were unsafe.").is_empty());
}

#[test]
fn anonymous_speaker_of_an_absolute_clause_after_including() {
    let anon = |t: &str| of_rule(t, "anonymous-source");
    // "including" opens an absolute clause as "with" does: the phrase
    // before the participle is who speaks.
    assert_eq!(
        anon(
            "The mayor lost ground after several errors, including a senior aide to his \
             campaign admitting to a local paper that the plan had no budget."
        ),
        ["a senior aide to his campaign"]
    );
    // A named speaker there, or "including" before a plain list of
    // things: not flagged.
    assert!(
        anon(
            "The mayor lost ground after several errors, including his aide Ines Varga \
             admitting that the plan had no budget."
        )
        .is_empty()
    );
    assert!(
        anon("The council cut several budgets, including the harbour repairs planned for May.")
            .is_empty()
    );
}

#[test]
fn anonymous_source_of_a_comparison_with_what_was_expected() {
    let anon = |t: &str| of_rule(t, "anonymous-source");
    // "than" opens the source's clause at the end of the sentence: what
    // the cue reports is the clause compared with, not nothing.
    assert_eq!(
        anon("The port moved more cargo than most harbour officials expected."),
        ["most harbour officials"]
    );
    // A named person there, or a verb that reports nothing: not flagged.
    assert!(
        anon("The port moved more cargo than the harbour master Ana Pell expected.").is_empty()
    );
    assert!(anon("The ferry left long before the inspectors spoke.").is_empty());
    // Only a comparison's clause: "before" opens a clause of time.
    assert!(anon("It would take a week before an engineer would show up.").is_empty());
}

#[test]
fn one_unnamed_person_of_a_named_firm() {
    let anon = |t: &str| of_rule(t, "anonymous-source");
    // A role also listed as a body, brought in by an indefinite article:
    // the firm's name only modifies the noun, the person is unnamed.
    assert_eq!(
        anon("A Dunmore Freight executive told the inquiry that the cranes were unsafe."),
        ["A Dunmore Freight executive"]
    );
    assert_eq!(
        anon("The cranes were unsafe, an executive for Dunmore Freight said."),
        ["an executive for Dunmore Freight"]
    );
    // A name set beside the phrase, or a definite article that refers back
    // to someone the text has brought in: not flagged.
    assert!(
        anon("Ada Korrin, a Dunmore Freight executive, said the cranes were unsafe.").is_empty()
    );
    assert!(anon("The Dunmore Freight executive said the cranes were unsafe.").is_empty());
}

#[test]
fn a_reporting_word_read_as_a_noun_has_no_speaker() {
    // "states", "reports": the tagger reads the sentence's nouns.
    assert!(
        of_rule(
            "There are 312 harbour delegates at stake in nine states.",
            "anonymous-source"
        )
        .is_empty()
    );
    assert!(
        of_rule(
            "The union sent enough harbour delegates to file minority reports.",
            "anonymous-source"
        )
        .is_empty()
    );
}

#[test]
fn quotations_credited_after_a_dash_or_in_a_transcript_turn() {
    // A dash and a name after the closing mark sign the words off.
    let signed = "The ferries ran late all week.\n\n\
“The timetable was written for a fleet we no longer have.” — Dana Whitlock, Carrow\n";
    assert!(of_rule(signed, "unattributed-quote").is_empty());
    // A transcript turn runs over the paragraphs after its label.
    let turn = "OKAFOR: We have answered that question already.\n\n\
And we will answer it again in the spring.\n\n\
“The pier is safe, and the inspectors have said so twice.”\n";
    assert!(of_rule(turn, "unattributed-quote").is_empty());
    // With neither, the same quotation is flagged.
    let bare = "The ferries ran late all week.\n\n\
“The timetable was written for a fleet we no longer have.”\n";
    assert_eq!(
        of_rule(bare, "unattributed-quote"),
        ["“The timetable was written for a fleet we no longer have.”"]
    );
}

/// Warnings per 1,000 sentences on the BBC set, with ceilings loose enough
/// that only a regression fails.
#[test]
fn bbc_warnings_are_rare() {
    let Some(root) = common::shared("corpora/bbc-news-2225") else {
        return;
    };
    let settings = Settings::default();
    let corpus = Corpus::new();
    let mut sentences = 0usize;
    let mut docs = 0usize;
    let mut counts: BTreeMap<&str, usize> = RULES.iter().map(|r| (*r, 0)).collect();
    let mut elapsed = std::time::Duration::ZERO;
    let mut bytes = 0usize;
    for category in ["business", "entertainment", "politics", "sport", "tech"] {
        let mut paths: Vec<_> = std::fs::read_dir(root.join(category))
            .expect("category folder")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        paths.sort();
        for path in paths {
            let text =
                String::from_utf8_lossy(&std::fs::read(&path).expect("readable")).into_owned();
            bytes += text.len();
            let start = Instant::now();
            let doc = analyze_document(
                DocId::new(path.display().to_string()),
                Arc::from(text),
                &settings,
            );
            let found = check(&doc, &corpus, &settings, RuleScope::All);
            elapsed += start.elapsed();
            docs += 1;
            sentences += doc.segmentation.sentences.len();
            for f in found {
                if let Some(n) = counts.get_mut(f.code) {
                    *n += 1;
                }
                // `BBC_SHOW=<rule code>` prints that rule's findings.
                if std::env::var("BBC_SHOW").is_ok_and(|c| c == f.code) {
                    let line = doc.segmentation.sentence_at(f.span.start).map_or("", |i| {
                        doc.slice(doc.segmentation.sentences[i].span.clone())
                    });
                    println!("{}: [{}] in: {}", f.code, doc.slice(f.span.clone()), line);
                }
            }
        }
    }
    let per_1000 = |code: &str| counts[code] as f64 * 1000.0 / sentences.max(1) as f64;
    println!("BBC: {docs} documents, {sentences} sentences, {bytes} bytes");
    for code in RULES {
        println!(
            "  {code}: {} findings, {:.2} per 1,000 sentences",
            counts[code],
            per_1000(code)
        );
    }
    println!(
        "  analysis + rules: {:.3} ms per document on average ({:.1} MB/s; debug builds are slower)",
        elapsed.as_secs_f64() * 1000.0 / docs.max(1) as f64,
        bytes as f64 / elapsed.as_secs_f64().max(1e-9) / 1e6
    );
    assert!(sentences > 40_000, "the whole set was read");
    assert!(per_1000("unattributed-quote") < 6.0);
    assert!(per_1000("weasel-attribution") < 18.0);
    // Unnamed people brought in by role ("investors said", "a reporter
    // asked") are anonymous sources too: recall on PolNeAR dev rose from
    // 0.33 to 0.52 with this rate going from 7 to 12. Unnamed people
    // speaking for a named body ("a spokesman for the carrier", "a spokeswoman
    // for the firm") and bare plurals of roles ("ministers insist") took it
    // to 18: each is a person the reader cannot name (information
    // severity, not a warning).
    assert!(per_1000("anonymous-source") < 20.0);
}

/// The weasel and hedge lexicons against the Szeged WikiWeasel sentences
/// (annotated for uncertainty cues): the share of flagged sentences that
/// annotators marked uncertain, and the share of annotated doxastic cues
/// ("believed", "considered", "regarded", "reportedly" …) found.
#[test]
fn szeged_wikiweasel_agreement() {
    let Some(path) = common::shared("corpora/szeged-wikiweasel/sentences.tsv") else {
        return;
    };
    let data = std::fs::read_to_string(path).expect("readable");
    let settings = Settings::default();
    let corpus = Corpus::new();
    let (mut flagged, mut flagged_uncertain) = (0usize, 0usize);
    let (mut cues, mut cues_found) = (0usize, 0usize);
    let (mut hedged, mut hedged_uncertain) = (0usize, 0usize);
    const DOXASTIC: &[&str] = &[
        "believed",
        "thought",
        "considered",
        "regarded",
        "seen",
        "viewed",
        "reportedly",
        "said",
        "rumoured",
        "rumored",
    ];
    for line in data.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 6 {
            continue;
        }
        let (uncertain, cue_list, text) = (cols[3] == "1", cols[4], cols[5]);
        let doc = analyze_document(DocId::new("s.txt"), Arc::from(text), &settings);
        let weasels: Vec<_> = check(&doc, &corpus, &settings, RuleScope::All)
            .into_iter()
            .filter(|f| f.code == "weasel-attribution")
            .collect();
        if !weasels.is_empty() {
            flagged += 1;
            flagged_uncertain += usize::from(uncertain);
        }
        if doc
            .attribution
            .sentences
            .iter()
            .any(|s| !s.hedges.is_empty())
        {
            hedged += 1;
            hedged_uncertain += usize::from(uncertain);
        }
        // Doxastic cues in an agentless passive: "is considered", "are
        // believed to", "widely regarded"; offsets count code points.
        for cue in cue_list.split('|').filter(|c| !c.is_empty()) {
            let parts: Vec<&str> = cue.splitn(4, ':').collect();
            if parts.len() < 4 || !parts[2].starts_with("speculation_hypo_doxastic") {
                continue;
            }
            let surface = parts[3].to_lowercase();
            if !DOXASTIC.contains(&surface.as_str()) {
                continue;
            }
            let Ok(start) = parts[0].parse::<usize>() else {
                continue;
            };
            let byte = text
                .char_indices()
                .nth(start)
                .map_or(text.len(), |(b, _)| b);
            let before = text[..byte].to_lowercase();
            let passive = [
                "is ",
                "are ",
                "was ",
                "were ",
                "been ",
                "be ",
                "widely ",
                "generally ",
            ]
            .iter()
            .any(|w| before.ends_with(w));
            if !(passive || surface == "reportedly") {
                continue;
            }
            cues += 1;
            cues_found += usize::from(weasels.iter().any(|f| f.span.contains(&byte)));
        }
    }
    let pct = |a: usize, b: usize| a as f64 * 100.0 / b.max(1) as f64;
    println!(
        "Szeged WikiWeasel: {flagged} sentences flagged weasel-attribution, {:.1}% annotated uncertain",
        pct(flagged_uncertain, flagged)
    );
    println!(
        "  agentless doxastic cues found: {cues_found} of {cues} ({:.1}%)",
        pct(cues_found, cues)
    );
    println!(
        "  sentences with a hedge: {hedged}, {:.1}% annotated uncertain",
        pct(hedged_uncertain, hedged)
    );
    assert!(flagged > 100, "the lexicon finds weasels in Wikipedia text");
    assert!(pct(flagged_uncertain, flagged) > 45.0);
    assert!(pct(cues_found, cues) > 50.0);
}

/// The quotations of a text, marks included, in order: a curly pair or a
/// pair of straight double quotes.
fn quotations(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    for (i, c) in text.char_indices() {
        match (c, open) {
            ('“' | '"', None) => open = Some(i),
            ('”' | '"', Some(s)) => {
                out.push(s..i + c.len_utf8());
                open = None;
            }
            _ => {}
        }
    }
    out
}

/// The seeds: every finding is printed for a reader to judge; the quotes
/// attributed by a named speaker must not be flagged.
#[test]
fn seeds_findings() {
    let Some(dir) = common::shared("seeds") else {
        return;
    };
    // Quotations the seeds credit to a named person or body, as (file name
    // prefix, index of the quotation in the file), so that no seed text is
    // copied here. Each is checked with its sentence up to the closing
    // mark, which holds the speaker ("As … stated in …, “…”").
    const ATTRIBUTED: &[(&str, usize)] =
        &[("000", 0), ("000", 4), ("001", 0), ("001", 3), ("004", 0)];
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("seeds")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    paths.sort();
    let settings = Settings::default();
    let mut total = 0;
    let mut protected = 0;
    for path in &paths {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let text = std::fs::read_to_string(path).expect("readable");
        let quotes = quotations(&text);
        let guarded: Vec<std::ops::Range<usize>> = ATTRIBUTED
            .iter()
            .filter(|(prefix, _)| name.starts_with(prefix))
            .map(|&(_, k)| {
                let q = quotes
                    .get(k)
                    .unwrap_or_else(|| panic!("{name}: quotation {k}"))
                    .clone();
                let before = &text[..q.start];
                let start = before
                    .rfind(". ")
                    .map(|p| p + 2)
                    .max(before.rfind('\n').map(|p| p + 1))
                    .unwrap_or(0);
                start..q.end
            })
            .collect();
        protected += guarded.len();
        let doc = analyze_document(DocId::new("seed.txt"), Arc::from(text.as_str()), &settings);
        for f in check(&doc, &Corpus::new(), &settings, RuleScope::All) {
            if !RULES.contains(&f.code) {
                continue;
            }
            total += 1;
            println!("{name}: {} «{}»", f.code, &text[f.span.clone()]);
            for g in &guarded {
                assert!(
                    f.span.end <= g.start || g.end <= f.span.start,
                    "{name}: {} «{}» inside «{}»",
                    f.code,
                    &text[f.span.clone()],
                    &text[g.clone()]
                );
            }
        }
    }
    assert_eq!(
        protected,
        ATTRIBUTED.len(),
        "every listed quotation was found"
    );
    assert!(total > 0);
    let _ = Path::new(".");
}
