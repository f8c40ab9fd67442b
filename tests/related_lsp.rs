//! Related passages through the real server: definition, references, code
//! lens, hover and `factline/relatedPassages`, on a folder of sources where
//! several outlets report the same facts in their own words.

mod common;

use std::time::Duration;

use common::{Client, file_uri, write_fixture};
use serde_json::{Value, json};

const FIXTURE: &str = r#"//- /sources/ferry-daily.txt
Ferry Strike Ends After Nine Days in Kestrel Bay

Dockworkers at Kestrel Bay voted on Friday, April 11, to end a nine-day strike that halted ferries to the Morrow islands.
The union leader, Ines Halloran, said members accepted a 6 percent pay rise spread over two years.
“Nobody wanted the islands cut off for a tenth day,” Halloran told reporters outside the terminal.
Transport Minister Felix Amundsen welcomed the vote and said sailings would resume on Saturday morning.
//- /sources/island-herald.txt
Morrow ferries to sail again as dockers back deal

The nine-day stoppage at Kestrel Bay came to an end on April 11 when dockworkers voted to return.
Ines Halloran, who leads the dockers' union, said the deal gives members a 6% raise over two years.
She said nobody wanted the islands cut off for a tenth day.
The transport minister, Felix Amundsen, told the Herald that ferries would run from Saturday.
//- /sources/coast-radio.txt
Halloran: “Nobody wanted the islands cut off for a tenth day”

Union chief Ines Halloran said the six percent offer was enough to end the walkout at Kestrel Bay on April 11.
Amundsen said the first ferry would leave for the Morrow islands early on Saturday.
//- /sources/strike-2021.txt
Kestrel Bay dockers walk out

Dockworkers at Kestrel Bay began a strike on October 2, 2021, demanding a 9 percent pay rise.
Ferries to the Morrow islands were cancelled for three days.
//- /sources/bridge-plan.txt
Minister backs bridge study

Transport Minister Felix Amundsen and union leader Ines Halloran met on May 20 to discuss a study of a bridge to the Morrow islands.
The study will cost 2 million euros, Amundsen said.
"#;

/// The draft, with an emoji before the sentence so UTF-16 positions matter.
const DRAFT: &str = "Draft: the ferry strike 😀\n\
Dockworkers in Kestrel Bay ended their nine-day strike on April 11 after accepting a 6 percent raise.\n\
Felix Amundsen said ferries to the Morrow islands would sail again on Saturday.\n";

/// (line, UTF-16 character) of the first occurrence of `needle`.
fn position(text: &str, needle: &str) -> Value {
    let at = text.find(needle).expect("needle");
    let line = text[..at].matches('\n').count();
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let character: usize = text[line_start..at].encode_utf16().count();
    json!({"line": line, "character": character})
}

/// The text of a location's range, read from the fixture folder.
fn text_at(location: &Value) -> String {
    let uri = location["uri"].as_str().expect("uri");
    let path = uri.strip_prefix("file://").expect("file uri");
    let path = path.replace("%20", " ");
    let text = std::fs::read_to_string(path).expect("source readable");
    let line = location["range"]["start"]["line"].as_u64().unwrap() as usize;
    text.lines().nth(line).unwrap_or("").to_string()
}

async fn start(dir: &std::path::Path) -> (Client, String) {
    let mut c = Client::start();
    c.initialize_default(Some(dir)).await;
    c.wait_indexed().await;
    let uri = file_uri(&dir.join("draft.txt"));
    c.open(&uri, 1, DRAFT).await;
    c.diagnostics(&uri, 1).await;
    (c, uri)
}

#[tokio::test]
async fn definition_jumps_to_the_same_fact_in_another_source() {
    let dir = write_fixture(FIXTURE);
    let (mut c, uri) = start(dir.path()).await;
    let r = c
        .request(
            "textDocument/definition",
            json!({"textDocument": {"uri": uri}, "position": position(DRAFT, "ended their nine-day")}),
        )
        .await;
    let loc = &r["result"];
    assert!(loc["uri"].as_str().is_some(), "{r}");
    assert!(!loc["uri"].as_str().unwrap().ends_with("draft.txt"));
    let line = text_at(loc);
    assert!(
        line.contains("April 11") && !line.contains("2021"),
        "jumped to: {line}"
    );
    // On a line with nothing related: no location, no error.
    let r = c
        .request(
            "textDocument/definition",
            json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 3}}),
        )
        .await;
    assert!(r.get("error").is_none(), "{r}");
    c.shutdown().await;
}

#[tokio::test]
async fn references_list_related_passages_best_first() {
    let dir = write_fixture(FIXTURE);
    let (mut c, uri) = start(dir.path()).await;
    let r = c
        .request(
            "textDocument/references",
            json!({"textDocument": {"uri": uri},
                   "position": position(DRAFT, "Felix Amundsen said"),
                   "context": {"includeDeclaration": false}}),
        )
        .await;
    let list = r["result"].as_array().cloned().unwrap_or_default();
    assert!(list.len() >= 2, "{r}");
    let files: Vec<String> = list
        .iter()
        .map(|l| {
            l["uri"]
                .as_str()
                .unwrap()
                .rsplit('/')
                .next()
                .unwrap()
                .to_string()
        })
        .collect();
    // The three reports of Saturday's sailings come before the bridge talks.
    let bridge = files.iter().position(|f| f == "bridge-plan.txt");
    let reports = files
        .iter()
        .take(3)
        .filter(|f| {
            ["ferry-daily.txt", "island-herald.txt", "coast-radio.txt"].contains(&f.as_str())
        })
        .count();
    assert_eq!(reports, 3, "{files:?}");
    assert!(bridge.is_none_or(|b| b >= 3), "{files:?}");
    for l in &list {
        assert!(text_at(l).contains("Saturday") || !text_at(l).is_empty());
    }
    c.shutdown().await;
}

#[tokio::test]
async fn code_lens_counts_related_passages_and_opens_them() {
    let dir = write_fixture(FIXTURE);
    let (mut c, uri) = start(dir.path()).await;
    let r = c
        .request(
            "textDocument/codeLens",
            json!({"textDocument": {"uri": uri}}),
        )
        .await;
    let lenses = r["result"].as_array().cloned().unwrap_or_default();
    assert!(lenses.len() >= 2, "{r}");
    // The lens above the strike paragraph (line 1).
    let lens = lenses
        .iter()
        .find(|l| l["range"]["start"]["line"] == 1)
        .expect("a lens on line 1")
        .clone();
    assert!(
        lens.get("command").is_none_or(Value::is_null),
        "unresolved: {lens}"
    );
    let resolved = c.request("codeLens/resolve", lens).await;
    let command = &resolved["result"]["command"];
    let title = command["title"].as_str().unwrap_or_default();
    let re_ok = title.ends_with(" sources") && title.contains(" related passages in ");
    assert!(re_ok, "{resolved}");
    let n: usize = title.split(' ').next().unwrap().parse().unwrap();
    assert!(n >= 3, "{title}");
    assert_eq!(command["command"], "factline.showRelatedPassages");
    let args = command["arguments"].as_array().expect("arguments");
    assert_eq!(args[0], json!(uri));
    assert_eq!(args[1]["line"], 1);
    assert_eq!(args[2].as_array().map(Vec::len), Some(n));
    c.shutdown().await;
}

#[tokio::test]
async fn related_passages_request_gives_scores_and_reasons() {
    let dir = write_fixture(FIXTURE);
    let (mut c, uri) = start(dir.path()).await;
    let pos = position(DRAFT, "ended their nine-day");
    let r = c
        .request(
            "factline/relatedPassages",
            json!({"textDocument": {"uri": uri}, "position": pos, "limit": 3}),
        )
        .await;
    let result = &r["result"];
    assert_eq!(result["query"]["uri"], json!(uri), "{r}");
    assert_eq!(result["query"]["range"]["start"]["line"], 1);
    assert!(
        result["query"]["text"]
            .as_str()
            .unwrap()
            .starts_with("Dockworkers in Kestrel Bay")
    );
    let results = result["results"].as_array().expect("results");
    assert!(!results.is_empty() && results.len() <= 3, "{r}");
    let scores: Vec<f64> = results
        .iter()
        .map(|x| x["score"].as_f64().unwrap())
        .collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
    let top = &results[0];
    let why: Vec<String> = ["entities", "figures", "terms"]
        .iter()
        .flat_map(|k| {
            top["reasons"][k]
                .as_array()
                .cloned()
                .unwrap_or_default()
                .into_iter()
                .map(|v| v.as_str().unwrap_or_default().to_string())
        })
        .collect();
    assert!(why.iter().any(|w| w == "Kestrel Bay"), "{top}");
    assert!(why.iter().any(|w| w == "April 11"), "{top}");
    assert!(top["text"].as_str().unwrap().contains("April 11"));
    assert!(top["location"].as_str().unwrap().contains(".txt:"));
    // The draft's emoji line: the range is in UTF-16 on line 1, unaffected.
    assert_eq!(result["query"]["range"]["start"]["character"], 0);
    // Unknown documents are an error, not a crash.
    let bad = c
        .request(
            "factline/relatedPassages",
            json!({"textDocument": {"uri": "file:///nowhere/x.txt"}, "position": pos}),
        )
        .await;
    assert_eq!(bad["error"]["code"], -32602, "{bad}");
    c.shutdown().await;
}

#[tokio::test]
async fn hover_shows_the_top_related_passages() {
    let dir = write_fixture(FIXTURE);
    let (mut c, uri) = start(dir.path()).await;
    let r = c
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": position(DRAFT, "nine-day strike")}),
        )
        .await;
    let text = r["result"]["contents"]["value"]
        .as_str()
        .unwrap_or_default();
    assert!(text.contains("**Related passages**"), "{r}");
    assert!(text.contains("shared:"), "{text}");
    assert!(text.contains(".txt:"), "{text}");
    assert!(!text.contains("\n4. "), "three at most: {text}");
    c.shutdown().await;
}

#[tokio::test]
async fn a_file_created_on_disk_joins_the_index() {
    let dir = write_fixture(FIXTURE);
    let (mut c, uri) = start(dir.path()).await;
    let new = dir.path().join("sources/late-edition.txt");
    std::fs::write(
        &new,
        "Kestrel Bay strike over\n\nThe Kestrel Bay dockworkers ended their nine-day strike on April 11 with a 6 percent raise.\n",
    )
    .unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": file_uri(&new), "type": 1}]}),
    )
    .await;
    let deadline = tokio::time::Instant::now() + common::WAIT;
    loop {
        let r = c
            .request(
                "textDocument/references",
                json!({"textDocument": {"uri": uri},
                       "position": position(DRAFT, "ended their nine-day"),
                       "context": {"includeDeclaration": false}}),
            )
            .await;
        let found = r["result"]
            .as_array()
            .is_some_and(|l| l.iter().any(|x| x["uri"] == json!(file_uri(&new))));
        if found {
            break;
        }
        assert!(tokio::time::Instant::now() < deadline, "never indexed: {r}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    // Deleted: it leaves the index.
    std::fs::remove_file(&new).unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": file_uri(&new), "type": 3}]}),
    )
    .await;
    loop {
        let r = c
            .request(
                "textDocument/references",
                json!({"textDocument": {"uri": uri},
                       "position": position(DRAFT, "ended their nine-day"),
                       "context": {"includeDeclaration": false}}),
            )
            .await;
        let found = r["result"]
            .as_array()
            .is_some_and(|l| l.iter().any(|x| x["uri"] == json!(file_uri(&new))));
        if !found {
            break;
        }
        assert!(tokio::time::Instant::now() < deadline, "never removed: {r}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    c.shutdown().await;
}

#[tokio::test]
async fn capabilities_announce_the_related_features() {
    let mut c = Client::start();
    let r = c.initialize(json!({}), None).await;
    let caps = &r["result"]["capabilities"];
    assert_eq!(caps["definitionProvider"], true);
    assert_eq!(caps["referencesProvider"], true);
    assert_eq!(caps["codeLensProvider"]["resolveProvider"], true);
    c.shutdown().await;
}

/// The hover text at `needle` of the draft.
async fn hover_text(c: &mut Client, uri: &str, needle: &str) -> String {
    let r = c
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": position(DRAFT, needle)}),
        )
        .await;
    r["result"]["contents"]["value"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

#[tokio::test]
async fn first_line_hover_gives_the_language_and_the_languages_setting() {
    let dir = write_fixture(FIXTURE);
    let (mut c, uri) = start(dir.path()).await;
    let text = hover_text(&mut c, &uri, "ferry strike").await;
    assert!(text.contains("**Language:** English (`en`)"), "{text}");
    assert!(!text.contains("Not checked"), "{text}");
    // Not on the other lines.
    let text = hover_text(&mut c, &uri, "Felix Amundsen said").await;
    assert!(!text.contains("**Language:**"), "{text}");
    c.shutdown().await;

    // A folder that checks Spanish only: the English draft is not checked,
    // and its first line says why.
    let fixture = format!("//- /factline.toml\nlanguages = [\"es\"]\n{FIXTURE}");
    let dir = write_fixture(&fixture);
    let (mut c, uri) = start(dir.path()).await;
    let text = hover_text(&mut c, &uri, "ferry strike").await;
    assert!(
        text.contains("**Language:** English (`en`)")
            && text.contains("Not checked: `languages` is `es`."),
        "{text}"
    );
    c.shutdown().await;
}
