//! `factline related` on a fixture folder: the JSON shape and the ranking.

mod common;

use std::process::Command;

use serde_json::Value;

const FIXTURE: &str = "//- /news/draft.txt
Notes on the reservoir
The Corran reservoir reached 38 percent of capacity on July 30, its lowest level since records began.
Water minister Priya Castell ordered a hosepipe ban for the whole valley.
//- /news/sources/valley-times.txt
Reservoir at record low

Engineers said on July 30 that the Corran reservoir had fallen to 38% of capacity, the lowest since records began.
Priya Castell, the water minister, announced a hosepipe ban across the valley.
//- /news/sources/old-drought.txt
Corran reservoir recovers

The Corran reservoir was back at 80 percent of capacity on March 2, 2019, after weeks of rain.
//- /archive/farm-weekly.txt
Farmers warn of dry summer

Valley farmers said the Corran reservoir stood at 38 percent on July 30 and feared for their crops.
";

fn run(args: &[&str], dir: &std::path::Path) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_factline"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("factline runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn json_lists_related_passages_with_ranges_scores_and_reasons() {
    let dir = common::write_fixture(FIXTURE);
    let (code, stdout, stderr) = run(
        &[
            "related",
            "--corpus",
            "archive",
            "--format",
            "json",
            "news/draft.txt:2",
        ],
        dir.path(),
    );
    assert_eq!(code, 0, "{stderr}");
    let v: Value = serde_json::from_str(&stdout).expect("JSON");
    assert_eq!(v["query"]["path"], "news/draft.txt");
    assert_eq!(v["query"]["range"]["start"]["line"], 1);
    assert_eq!(v["query"]["range"]["start"]["character"], 0);
    assert!(
        v["query"]["text"]
            .as_str()
            .unwrap()
            .starts_with("The Corran reservoir reached 38 percent")
    );
    let results = v["results"].as_array().expect("results");
    assert!(results.len() >= 2, "{stdout}");
    // The same fact, from PATH's folder and from the --corpus folder, before
    // the same reservoir on another date.
    let paths: Vec<&str> = results
        .iter()
        .map(|r| r["path"].as_str().unwrap())
        .collect();
    assert!(
        paths[..2].contains(&"news/sources/valley-times.txt")
            && paths[..2].contains(&"archive/farm-weekly.txt"),
        "{paths:?}"
    );
    let old = paths
        .iter()
        .position(|p| *p == "news/sources/old-drought.txt");
    assert!(old.is_none_or(|o| o >= 2), "{paths:?}");
    let top = &results[0];
    for key in ["path", "range", "byte_range", "text", "score", "reasons"] {
        assert!(top.get(key).is_some(), "missing {key}: {top}");
    }
    let [start, end] = [
        top["byte_range"][0].as_u64().unwrap() as usize,
        top["byte_range"][1].as_u64().unwrap() as usize,
    ];
    let text = std::fs::read_to_string(dir.path().join(top["path"].as_str().unwrap())).unwrap();
    assert_eq!(&text[start..end], top["text"].as_str().unwrap());
    let line = top["range"]["start"]["line"].as_u64().unwrap() as usize;
    assert!(
        text.lines()
            .nth(line)
            .unwrap()
            .starts_with(&text[start..end][..10])
    );
    let reasons = &top["reasons"];
    for key in ["terms", "entities", "figures", "quotes"] {
        assert!(reasons[key].is_array(), "{reasons}");
    }
    let figures: Vec<&str> = reasons["figures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f.as_str().unwrap())
        .collect();
    assert!(figures.contains(&"July 30"), "{reasons}");
    let score = top["score"].as_f64().unwrap();
    assert!(score > 0.0 && score <= 1.0);
}

#[test]
fn column_picks_the_sentence_and_human_output_reads_well() {
    let dir = common::write_fixture(FIXTURE);
    let (code, stdout, stderr) = run(&["related", "news/draft.txt:3:5"], dir.path());
    assert_eq!(code, 0, "{stderr}");
    let mut lines = stdout.lines();
    assert!(
        lines
            .next()
            .unwrap()
            .starts_with("news/draft.txt:3:1: Water minister Priya Castell"),
        "{stdout}"
    );
    let first = lines.next().unwrap();
    assert!(
        first.contains("news/sources/valley-times.txt:4:1"),
        "{stdout}"
    );
    assert!(
        lines.next().unwrap().contains("shared: Priya Castell"),
        "{stdout}"
    );
}

#[test]
fn bad_targets_are_usage_errors() {
    let dir = common::write_fixture(FIXTURE);
    for target in [
        "news/draft.txt",
        "news/draft.txt:0",
        "missing.txt:1",
        "news/draft.txt:99",
    ] {
        let (code, _, stderr) = run(&["related", target], dir.path());
        assert_eq!(code, 2, "{target}: {stderr}");
        assert!(stderr.starts_with("factline: "), "{stderr}");
    }
    // A blank line has no sentence.
    let (code, _, stderr) = run(&["related", "news/draft.txt:4"], dir.path());
    assert_eq!(code, 2, "{stderr}");
}
