//! `factline check --fix` on files on disk: removals are written
//! atomically, and only to files that did not change since they were read.

mod common;

use std::path::PathBuf;
use std::process::Command;

use factline::cli::check::{check_paths, fix_files};
use factline::config::Config;

/// An invented story, scraped with its page furniture.
const SCRAPED: &str = "Saturday

Library Fire Destroys Rare Map Collection in Orlen

library-fire-destroys-rare-map-collection-orlen-images-0

ORLEN —

A fire at the Orlen municipal library on Friday night destroyed most of its collection of 18th-century maps, the city's cultural office said.

Firefighters needed four hours to control the blaze, which started in a storage room on the second floor, fire chief Ines Marr told reporters.

Also Read: Orlen Museum Extends Opening Hours for Summer

“Some of these maps were the only copies in existence,” said librarian Petra Solve.

The cause of the fire is under investigation.

Share this article

Leave a Reply
";

const ARTICLE: &str = "Library Fire Destroys Rare Map Collection in Orlen

ORLEN —

A fire at the Orlen municipal library on Friday night destroyed most of its collection of 18th-century maps, the city's cultural office said.

Firefighters needed four hours to control the blaze, which started in a storage room on the second floor, fire chief Ines Marr told reporters.

“Some of these maps were the only copies in existence,” said librarian Petra Solve.

The cause of the fire is under investigation.
";

fn fixture() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let crlf = SCRAPED.replace('\n', "\r\n");
    let dir = common::write_fixture(&format!(
        "//- /sources/orlen.txt\n{SCRAPED}//- /sources/clean.txt\n{ARTICLE}"
    ));
    let bom = dir.path().join("sources/orlen-crlf.txt");
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(crlf.as_bytes());
    std::fs::write(&bom, bytes).unwrap();
    let plain = dir.path().join("sources/orlen.txt");
    (dir, plain, bom)
}

#[test]
fn fix_removes_boilerplate_on_disk_and_leaves_the_article() {
    let (dir, plain, bom) = fixture();
    let clean = dir.path().join("sources/clean.txt");
    let before_clean = std::fs::metadata(&clean).unwrap().modified().unwrap();

    let out = Command::new(env!("CARGO_BIN_EXE_factline"))
        .args(["check", "--fix"])
        .arg(dir.path().join("sources"))
        .output()
        .expect("factline runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stdout}\n{stderr}");
    assert!(
        !stdout.contains("[boilerplate]"),
        "what is left is reported: {stdout}"
    );

    assert_eq!(std::fs::read_to_string(&plain).unwrap(), ARTICLE);
    let mut want = b"\xEF\xBB\xBF".to_vec();
    want.extend_from_slice(ARTICLE.replace('\n', "\r\n").as_bytes());
    assert_eq!(std::fs::read(&bom).unwrap(), want, "BOM and CRLF kept");
    // A file with nothing to remove is not rewritten.
    assert_eq!(
        std::fs::metadata(&clean).unwrap().modified().unwrap(),
        before_clean
    );
    // No temporary files are left (`.factline` is the on-disk index).
    let names: Vec<String> = std::fs::read_dir(dir.path().join("sources"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != ".factline")
        .collect();
    assert_eq!(names.len(), 3, "{names:?}");
}

#[test]
fn without_fix_nothing_is_written() {
    let (dir, plain, _) = fixture();
    let out = Command::new(env!("CARGO_BIN_EXE_factline"))
        .arg("check")
        .arg(dir.path().join("sources"))
        .output()
        .expect("factline runs");
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("warning[boilerplate]"), "{stdout}");
    assert_eq!(std::fs::read_to_string(&plain).unwrap(), SCRAPED);
}

#[test]
fn a_file_changed_underneath_is_not_written() {
    let (dir, plain, bom) = fixture();
    let (report, failed) = check_paths(&[dir.path().join("sources")], &[], &Config::default());
    assert!(!failed);
    // Someone edits the file after it was checked.
    let edited = format!("{SCRAPED}Editor's note: the library reopens Monday.\n");
    std::fs::write(&plain, &edited).unwrap();

    let outcome = fix_files(&report);
    assert_eq!(outcome.not_written.len(), 1, "{outcome:?}");
    assert!(outcome.not_written[0].0.ends_with("orlen.txt"));
    assert!(
        outcome.not_written[0]
            .1
            .contains("changed since it was read")
    );
    assert_eq!(
        std::fs::read_to_string(&plain).unwrap(),
        edited,
        "left alone"
    );
    // The other file is fixed.
    assert_eq!(outcome.written.len(), 1, "{outcome:?}");
    assert!(std::fs::read_to_string(&bom).unwrap().contains("ORLEN —"));
    assert!(
        !std::fs::read_to_string(&bom)
            .unwrap()
            .contains("Leave a Reply")
    );
}
