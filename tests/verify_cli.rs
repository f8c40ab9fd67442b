//! `factline verify` on the command line: a draft about an invented ferry
//! fire (tests/fixtures/verify-draft) against three invented sources
//! (tests/fixtures/verify), in every output format, and the HTML report
//! opened in a real headless Chromium and looked at.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn factline(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_factline"))
        .args(args)
        .current_dir(fixtures())
        .output()
        .expect("run factline")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

const DRAFT: &str = "verify-draft/draft.txt";

#[test]
fn json_gives_each_claim_its_status_and_sources() {
    let out = factline(&["verify", DRAFT, "--corpus", "verify", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1), "a contradicted claim exits 1");
    let v: Value = serde_json::from_str(&stdout(&out)).expect("json");
    assert_eq!(v["sources"], 3);
    assert_eq!(v["summary"]["claims"], 4, "{v:#}");
    assert_eq!(v["summary"]["contradicted"], 1, "{v:#}");
    assert_eq!(v["summary"]["unsourced"], 1, "{v:#}");
    assert_eq!(v["summary"]["corroborated"], 2, "{v:#}");
    let claims = v["claims"].as_array().unwrap();
    // Ranked: contradicted first, then unsourced, then corroborated.
    let statuses: Vec<&str> = claims
        .iter()
        .map(|c| c["status"].as_str().unwrap())
        .collect();
    assert_eq!(
        statuses,
        ["contradicted", "unsourced", "corroborated", "corroborated"]
    );
    let draft = std::fs::read_to_string(fixtures().join(DRAFT)).unwrap();
    for c in claims {
        let r = c["byte_range"].as_array().unwrap();
        let (s, e) = (
            r[0].as_u64().unwrap() as usize,
            r[1].as_u64().unwrap() as usize,
        );
        assert_eq!(&draft[s..e], c["text"].as_str().unwrap());
    }
    let contradicted = &claims[0];
    assert!(
        contradicted["text"]
            .as_str()
            .unwrap()
            .contains("19 passengers")
    );
    let against: Vec<&Value> = contradicted["sources"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["relation"] == "contradicts")
        .collect();
    let mut paths: Vec<&str> = against
        .iter()
        .map(|s| s["path"].as_str().unwrap())
        .collect();
    paths.sort();
    assert_eq!(
        paths,
        ["verify/coast-wire.txt", "verify/harbour-courier.txt"]
    );
    for s in &against {
        assert!(
            s["reason"]
                .as_str()
                .unwrap()
                .starts_with("19 here, 14 there"),
            "{s}"
        );
        let text = std::fs::read_to_string(fixtures().join(s["path"].as_str().unwrap())).unwrap();
        let r = s["byte_range"].as_array().unwrap();
        let (a, b) = (
            r[0].as_u64().unwrap() as usize,
            r[1].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[a..b], s["text"].as_str().unwrap());
    }
    let unsourced = &claims[1];
    assert!(
        unsourced["text"]
            .as_str()
            .unwrap()
            .contains("built in 1998")
    );
    assert!(unsourced["sources"].as_array().unwrap().is_empty());
    for c in &claims[2..] {
        let sources = c["sources"].as_array().unwrap();
        assert!(sources.len() >= 2, "{c:#}");
        assert!(sources.iter().all(|s| s["relation"] == "supports"));
    }
}

#[test]
fn human_and_markdown_name_the_passages() {
    let out = factline(&["verify", DRAFT, "--corpus", "verify"]);
    let text = stdout(&out);
    assert!(
        text.ends_with("4 claims against 3 sources: 2 corroborated, 1 contradicted, 1 unsourced\n"),
        "{text}"
    );
    assert!(
        text.contains("✗ verify/harbour-courier.txt:3:59  19 here, 14 there"),
        "{text}"
    );
    assert!(
        !text.contains("Why did"),
        "a question is not a claim: {text}"
    );
    let md = stdout(&factline(&[
        "verify", DRAFT, "--corpus", "verify", "--format", "markdown",
    ]));
    assert!(
        md.starts_with("# Verification log: verify-draft/draft.txt\n"),
        "{md}"
    );
    for heading in [
        "## Contradicted (1)",
        "## Unsourced (1)",
        "## Corroborated (2)",
    ] {
        assert!(md.contains(heading), "{heading}: {md}");
    }
    assert!(
        md.contains("  - no source in the folder reports it"),
        "{md}"
    );
}

#[test]
fn a_draft_beside_its_sources_and_other_drafts_left_out() {
    let dir = tempfile::tempdir().unwrap();
    for f in ["harbour-courier.txt", "coast-wire.txt", "aldren-post.txt"] {
        std::fs::copy(fixtures().join("verify").join(f), dir.path().join(f)).unwrap();
    }
    std::fs::create_dir(dir.path().join("drafts")).unwrap();
    std::fs::copy(fixtures().join(DRAFT), dir.path().join("drafts/draft.txt")).unwrap();
    // Another draft repeats the unsourced claim: as a draft it is no source.
    std::fs::write(
        dir.path().join("drafts/other.txt"),
        "The Marisol Bay was built in 1998 at the Keldane shipyard and was refitted in 2019 for 9 million euros.\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("factline.toml"),
        "drafts = [\"drafts/**\"]\n",
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_factline"))
        .args([
            "verify",
            "drafts/draft.txt",
            "--corpus",
            ".",
            "--format",
            "json",
        ])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let v: Value = serde_json::from_str(&stdout(&out)).expect("json");
    assert_eq!(v["sources"], 3, "{v:#}");
    assert_eq!(v["summary"]["unsourced"], 1, "{v:#}");
}

#[test]
fn check_with_a_draft_reports_its_unsourced_claims() {
    let out = factline(&["check", "verify", "--draft", DRAFT, "--format", "json"]);
    let v: Value = serde_json::from_str(&stdout(&out)).expect("json");
    let findings = |path: &str, code: &str| -> Vec<String> {
        v["files"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["path"] == path)
            .flat_map(|f| f["diagnostics"].as_array().unwrap().iter())
            .filter(|f| f["code"] == code)
            .map(|f| f["message"].as_str().unwrap().to_string())
            .collect()
    };
    let unsourced = findings(DRAFT, "unsourced-claim");
    assert_eq!(unsourced.len(), 1, "{v:#}");
    assert_eq!(
        unsourced[0],
        "No source in the folder reports this claim (3 sources compared): 1 figure, 2 dates, 2 names to check. Add the source it comes from."
    );
    assert_eq!(findings(DRAFT, "inconsistent-figure").len(), 1, "{v:#}");
    // Sources are never verified as drafts.
    assert!(findings("verify/coast-wire.txt", "unsourced-claim").is_empty());
    // Without --draft nothing is a draft.
    let out = factline(&["check", "verify", "verify-draft", "--format", "json"]);
    assert!(!stdout(&out).contains("unsourced-claim"));
}

#[test]
fn usage_errors_exit_two() {
    let out = factline(&["verify", "no-such-draft.txt"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no such file"));
}

/// Chromium from Debian's packages, where installed.
fn chromium() -> Option<PathBuf> {
    std::env::var_os("CHROMIUM_BIN")
        .map(PathBuf::from)
        .into_iter()
        .chain(
            ["/usr/bin/chromium", "/usr/lib/chromium/chromium"]
                .iter()
                .map(PathBuf::from),
        )
        .find(|p| p.is_file())
}

#[test]
fn the_html_report_renders_in_a_real_browser() {
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("report.html");
    let out = factline(&[
        "verify",
        DRAFT,
        "--corpus",
        "verify",
        "--html",
        html.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.contains("<table class=\"matrix\">"), "{page}");
    assert!(page.contains("<td class=\"disagrees\">14</td>"), "{page}");
    let Some(browser) = chromium() else {
        assert!(
            std::env::var_os("FACTLINE_E2E").is_none(),
            "FACTLINE_E2E is set but Chromium is not installed"
        );
        println!("notice: Chromium not installed; the report was not opened in a browser");
        eprintln!("notice: Chromium not installed; the report was not opened in a browser");
        return;
    };
    let shot = dir.path().join("report.png");
    let profile = dir.path().join("profile");
    let status = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--window-size=1100,900",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--screenshot={}", shot.display()))
        .arg(format!("file://{}", html.display()))
        .output()
        .expect("start chromium");
    assert!(shot.is_file(), "no screenshot: {status:?}");
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(&shot).unwrap()));
    let mut reader = decoder.read_info().expect("a PNG");
    let mut buf = vec![0; reader.output_buffer_size().expect("size")];
    let info = reader.next_frame(&mut buf).expect("a frame");
    assert_eq!((info.width, info.height), (1100, 900));
    let channels = info.color_type.samples();
    let count = |rgb: [u8; 3]| {
        buf[..info.buffer_size()]
            .chunks(channels)
            .filter(|p| p[..3].iter().zip(rgb).all(|(&a, b)| a.abs_diff(b) <= 6))
            .count()
    };
    // The page is drawn: the red "contradicted" pill, the green
    // "corroborated" one, and the disagreeing cell of the figure matrix.
    assert!(
        count([0xc6, 0x28, 0x28]) > 100,
        "no contradicted pill on the page"
    );
    assert!(
        count([0x2e, 0x7d, 0x32]) > 100,
        "no corroborated pill on the page"
    );
    assert!(
        count([0xff, 0xcd, 0xd2]) > 200,
        "no disagreeing cell on the page"
    );
    if let Ok(keep) = std::env::var("FACTLINE_SCREENSHOTS") {
        let _ = std::fs::create_dir_all(&keep);
        let _ = std::fs::copy(&shot, Path::new(&keep).join("verify-report.png"));
    }
}
