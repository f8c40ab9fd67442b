//! Figures across documents: a fixture corpus where a draft restates two
//! sources, the real seeds, and false-alarm rates on real text.

mod common;

use std::sync::Arc;

use factline::analysis::{
    Corpus, DocAnalysis, DocId, Finding, RuleScope, Settings, analyze_document, check,
};

/// An invented ferry disaster, reported by two outlets, and a draft that
/// restates them: some figures changed, the others kept in another form.
const FERRY: &str = r#"//- /sources/coastguard.txt
Published: 14 March 2024
Ferry Capsizes on Lake Tanvik

The passenger ferry Aurora capsized on Lake Tanvik on 12 March, killing 23 people and injuring 41, the Meridian coast guard said on Wednesday.

Officials said more than 4,000 volunteers joined the search along the northern shore of Lake Tanvik, and the Meridian government released $6 million in emergency aid.

According to port records, the Aurora was carrying 212 passengers when it left Port Halden, about 40% more than its licensed capacity.

It was the third fatal accident on Lake Tanvik since 2019, the transport ministry said.

Rescuers pulled 57 survivors from the water within 12 hours, coast guard spokesperson Lena Ostrova told reporters.

Tanvik Lines, which operated the Aurora, said it would suspend all crossings for 30 days. An independent inquiry will report on Sept. 2.
//- /sources/wire.txt
Published: 15 March 2024
Meridia mourns ferry victims

Meridian authorities said on Thursday that twenty-three people died when the ferry Aurora overturned on Lake Tanvik, while 41 were hurt.

Interior Minister Paulo Reyes announced six million dollars in emergency aid for the families, the ministry said.

Investigators said the Aurora had 212 passengers on board when it left Port Halden, roughly 40 percent above its licensed capacity.

Tanvik Lines said it would halt crossings for thirty days while the inquiry takes place.
//- /draft.txt
Aurora ferry disaster: what we know

The ferry Aurora capsized on Lake Tanvik on March 12, killing 26 people and injuring forty-one, the coast guard said.

Over 4,000 volunteers joined the search along the shore of Lake Tanvik, officials said, and the Meridian government released six million dollars in emergency aid.

Port records show the Aurora was carrying 221 passengers when it left Port Halden, some 40 percent more than its licensed capacity.

It was the second fatal accident on Lake Tanvik since 2019, according to the transport ministry.

Rescuers pulled 75 survivors from the water within 12 hours, coast guard spokesperson Lena Ostrova said.

Tanvik Lines said it would suspend all crossings for thirty days. The independent inquiry will report on September 2.
"#;

fn corpus_of(fixture: &str) -> Corpus {
    common::corpus_of_fixture(fixture)
}

fn findings(corpus: &Corpus, name: &str, code: &str) -> (Arc<DocAnalysis>, Vec<Finding>) {
    let doc = corpus.get(&DocId::new(name)).expect("in corpus").clone();
    let found = check(&doc, corpus, &Settings::default(), RuleScope::All)
        .into_iter()
        .filter(|f| f.code == code)
        .collect();
    (doc, found)
}

#[test]
fn changed_figures_are_flagged_and_kept_ones_are_not() {
    let corpus = corpus_of(FERRY);
    let (draft, found) = findings(&corpus, "/draft.txt", "inconsistent-figure");
    let flagged: Vec<(&str, &str)> = found
        .iter()
        .map(|f| (&draft.text[f.span.clone()], f.message.as_str()))
        .collect();
    // Every changed figure, with the passage it contradicts.
    let expect: &[(&str, &[&str])] = &[
        (
            "26",
            &[
                "26 here; 23 in coastguard.txt:4 ‘killing 23 people’",
                "23 in wire.txt:4",
            ],
        ),
        (
            "221",
            &[
                "221 here; 212 in",
                "coastguard.txt:8 ‘carrying 212 passengers’",
                "wire.txt:8",
            ],
        ),
        (
            "second",
            &["2nd here; 3rd in coastguard.txt:10 ‘third fatal accident on Lake Tanvik’"],
        ),
        (
            "75",
            &["75 here; 57 in coastguard.txt:12 ‘pulled 57 survivors’"],
        ),
    ];
    for (figure, parts) in expect {
        let Some((_, message)) = flagged.iter().find(|(s, _)| s == figure) else {
            panic!("{figure} is not flagged; flagged: {flagged:#?}");
        };
        for part in *parts {
            assert!(
                message.contains(part),
                "{figure}: {message:?} lacks {part:?}"
            );
        }
    }
    // Nothing else: the kept figures (in words, "over" for "more than",
    // "percent" for "%", "six million dollars" for "$6 million", "March
    // 12" for "12 March", "September 2" for "Sept. 2") agree.
    assert_eq!(
        flagged.len(),
        expect.len(),
        "only the changed figures are flagged: {flagged:#?}"
    );
    // The related information points into the sources.
    let killed = found
        .iter()
        .find(|f| &draft.text[f.span.clone()] == "26")
        .expect("flagged");
    let related: Vec<(&str, &str)> = killed
        .related
        .iter()
        .map(|r| {
            let doc = corpus.get(&r.doc).expect("related doc in corpus");
            (r.doc.as_str(), &doc.text[r.span.clone()])
        })
        .collect();
    assert!(
        related.contains(&("/sources/coastguard.txt", "23")),
        "{related:?}"
    );
    assert!(
        related.contains(&("/sources/wire.txt", "twenty-three")),
        "{related:?}"
    );
    // The sources get the other half of each pair, and do not contradict
    // each other.
    let (coast, found) = findings(&corpus, "/sources/coastguard.txt", "inconsistent-figure");
    let flagged: Vec<&str> = found.iter().map(|f| &coast.text[f.span.clone()]).collect();
    assert_eq!(flagged, ["23", "212", "third", "57"], "{found:#?}");
    assert!(found.iter().all(|f| f.message.contains("draft.txt")));
    let (_, found) = findings(&corpus, "/sources/wire.txt", "inconsistent-figure");
    assert!(
        found.iter().all(|f| f.message.contains("draft.txt")),
        "{found:#?}"
    );
}

#[test]
fn casualty_counts_from_differently_dated_reports_say_so() {
    let corpus = corpus_of(
        "//- /early.txt\nPublished: 12 March 2024\nThe ferry Aurora capsized on Lake Tanvik, killing 19 people, the Meridian coast guard said.\n\
         //- /late.txt\nPublished: 15 March 2024\nThe ferry Aurora capsized on Lake Tanvik, killing 23 people, the Meridian coast guard said.\n",
    );
    let (_, found) = findings(&corpus, "/late.txt", "inconsistent-figure");
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0]
            .message
            .contains("The reports are dated 15 March 2024 and 12 March 2024"),
        "{}",
        found[0].message
    );
}

#[test]
fn seeds_agree_on_every_figure_they_share() {
    let Some(dir) = common::shared("seeds") else {
        return;
    };
    let mut corpus = Corpus::new();
    let mut names = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("readable seeds") {
        let path = entry.expect("entry").path();
        let text = std::fs::read_to_string(&path).expect("UTF-8 seed");
        let id = DocId::new(path.display().to_string());
        names.push(id.clone());
        corpus.upsert(Arc::new(analyze_document(
            id,
            Arc::from(text.as_str()),
            &Settings::default(),
        )));
    }
    assert_eq!(names.len(), 5);
    let mut figures = 0;
    for id in &names {
        let doc = corpus.get(id).expect("in corpus");
        figures += doc.figures.len();
        let found: Vec<Finding> = check(doc, &corpus, &Settings::default(), RuleScope::All)
            .into_iter()
            .filter(|f| f.code == "inconsistent-figure")
            .collect();
        assert!(found.is_empty(), "{}: {found:#?}", doc.name);
    }
    // The seeds are full of figures; the check above is not vacuous.
    assert!(figures >= 25, "only {figures} figures read in the seeds");
}

/// Reads every `.txt` under `dir` (lossily: one BBC file is not UTF-8).
fn read_all(dir: &std::path::Path, out: &mut Vec<(String, String)>) {
    for entry in std::fs::read_dir(dir).expect("readable folder") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            read_all(&path, out);
        } else if path.extension().is_some_and(|e| e == "txt") {
            let bytes = std::fs::read(&path).expect("readable file");
            out.push((
                path.display().to_string(),
                String::from_utf8_lossy(&bytes).into_owned(),
            ));
        }
    }
}

/// BBC articles are edited, attributed and full of numbers: extraction must
/// not choke on them and unattributed statistics must stay occasional.
#[test]
fn bbc_false_alarm_rates() {
    let Some(dir) = common::shared("corpora/bbc-news-2225") else {
        return;
    };
    let mut files = Vec::new();
    read_all(&dir, &mut files);
    let (mut sentences, mut figures, mut stats) = (0usize, 0usize, 0usize);
    let corpus = Corpus::new();
    for (name, text) in &files {
        let doc = analyze_document(
            DocId::new(name.as_str()),
            Arc::from(text.as_str()),
            &Settings::default(),
        );
        sentences += doc.segmentation.sentences.len();
        figures += doc.figures.len();
        for f in &doc.figures.list {
            assert!(text.is_char_boundary(f.span.start) && text.is_char_boundary(f.span.end));
        }
        stats += check(&doc, &corpus, &Settings::default(), RuleScope::DocumentOnly)
            .iter()
            .filter(|f| f.code == "unattributed-statistic")
            .count();
    }
    let per_k = |n: usize| n as f64 * 1000.0 / sentences.max(1) as f64;
    println!(
        "BBC: {} documents, {sentences} sentences, {figures} figures ({:.0} per 1,000 sentences), \
         {stats} unattributed-statistic ({:.1} per 1,000 sentences)",
        files.len(),
        per_k(figures),
        per_k(stats)
    );
    // Cross-document: 2,225 different stories, a few of them on the same
    // company or the same statistic in another month. Figures of unrelated
    // passages must not be compared.
    let mut corpus = Corpus::new();
    for (name, text) in &files {
        corpus.upsert(Arc::new(analyze_document(
            DocId::new(name.as_str()),
            Arc::from(text.as_str()),
            &Settings::default(),
        )));
    }
    let mut conflicts = 0usize;
    for doc in corpus.docs() {
        for f in check(doc, &corpus, &Settings::default(), RuleScope::All)
            .iter()
            .filter(|f| f.code == "inconsistent-figure")
        {
            conflicts += 1;
            println!(
                "  {} ‘{}’: {}",
                doc.id,
                &doc.text[f.span.clone()],
                f.message
            );
        }
    }
    println!("BBC as one corpus: {conflicts} inconsistent-figure findings");
    assert!(
        conflicts * 100 < files.len(),
        "inconsistent-figure compares unrelated stories: {conflicts} findings"
    );
    assert!(files.len() > 2000);
    assert!(per_k(figures) > 200.0, "extraction finds the numbers");
    assert!(
        per_k(stats) < 20.0,
        "unattributed-statistic too frequent on BBC"
    );
}

/// GVA: several outlets per shooting. Prints how many inconsistent-figure
/// findings each incident folder gets (run with `--ignored --nocapture`;
/// slow in a debug build).
#[test]
#[ignore]
fn gva_incident_folders() {
    let Some(dir) = common::shared("corpora/gva-multisource-incidents/docs") else {
        return;
    };
    let (mut docs, mut with, mut total, mut folders) = (0, 0, 0, 0);
    for entry in std::fs::read_dir(&dir).expect("readable") {
        let folder = entry.expect("entry").path();
        let mut files = Vec::new();
        read_all(&folder, &mut files);
        if files.len() < 2 {
            continue;
        }
        folders += 1;
        let mut corpus = Corpus::new();
        for (name, text) in &files {
            corpus.upsert(Arc::new(analyze_document(
                DocId::new(name.as_str()),
                Arc::from(text.as_str()),
                &Settings::default(),
            )));
        }
        for (name, _) in &files {
            let (_, found) = findings(&corpus, name, "inconsistent-figure");
            docs += 1;
            total += found.len();
            with += usize::from(!found.is_empty());
        }
    }
    println!(
        "GVA: {folders} incident folders with 2+ reports, {docs} documents, {total} \
         inconsistent-figure findings in {with} documents"
    );
}

/// The language server: the diagnostic carries the other passage, the hover
/// lists every mention, and inlay hints appear only once turned on.
#[tokio::test]
async fn diagnostics_hover_and_inlay_hints_over_lsp() {
    use serde_json::json;
    let mut c = common::Client::start();
    let init = c.initialize(json!({}), None).await;
    assert_eq!(init["result"]["capabilities"]["inlayHintProvider"], true);
    let source = "file:///tmp/factline-figures/source.txt";
    let draft = "file:///tmp/factline-figures/draft.txt";
    c.open(
        source,
        1,
        "The navy said the strike off Cape Morrow killed nine alleged members of the Salt Heron gang.\n",
    )
    .await;
    c.diagnostics(source, 1).await;
    let text = "Draft\nThe strike off Cape Morrow killed 12 members of the Salt Heron gang, the navy said.\n";
    c.open(draft, 1, text).await;
    let diags = c.diagnostics(draft, 1).await;
    let d = diags
        .iter()
        .find(|d| d["code"] == "inconsistent-figure")
        .unwrap_or_else(|| panic!("{diags:#?}"));
    // A hint until its precision on held-out text reaches 0.8.
    assert_eq!(d["severity"], 4);
    assert!(
        d["message"]
            .as_str()
            .unwrap_or("")
            .starts_with("12 here; 9 in source.txt:1 ‘killed nine alleged members"),
        "{d}"
    );
    assert_eq!(d["relatedInformation"][0]["location"]["uri"], source, "{d}");
    let column = text.lines().nth(1).unwrap().find("12").unwrap();
    assert_eq!(d["range"]["start"], json!({"line": 1, "character": column}));

    let hover = c
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": draft}, "position": {"line": 1, "character": column + 1}}),
        )
        .await;
    let md = hover["result"]["contents"]["value"].as_str().unwrap_or("");
    assert!(md.contains("**Figure:** 12 (count)"), "{md}");
    // The location is a link to the line.
    assert!(md.contains("✗ conflicts: [`source.txt:1`](file://"), "{md}");
    assert!(md.contains("source.txt#L1)"), "{md}");

    // Hints are off by default.
    let whole = json!({"start": {"line": 0, "character": 0}, "end": {"line": 9, "character": 0}});
    let hints = c
        .request(
            "textDocument/inlayHint",
            json!({"textDocument": {"uri": source}, "range": whole}),
        )
        .await;
    assert_eq!(hints["result"], json!([]), "{hints}");
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"factline": {"inlay_hints": true}}}),
    )
    .await;
    let mut label = serde_json::Value::Null;
    for _ in 0..50 {
        let hints = c
            .request(
                "textDocument/inlayHint",
                json!({"textDocument": {"uri": source}, "range": whole}),
            )
            .await;
        if let Some(first) = hints["result"].get(0) {
            label = first.clone();
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert_eq!(label["label"], "= 9", "{label}");
    let after = "The navy said the strike off Cape Morrow killed nine".len();
    assert_eq!(label["position"], json!({"line": 0, "character": after}));
    c.shutdown().await;
}
