//! Paths that try to leave the workspace, and files written through links:
//! `..` and `%2e%2e` in URIs from the editor and in watched-file events, a
//! `.factline` folder that is a symbolic link to elsewhere, `check --fix`
//! on symbolic and hard links; and the command line's exit statuses for a
//! corrupt reviewed list and an output that cannot be written.

mod common;

use std::path::Path;
use std::process::Command;

use common::{Client, file_uri, write_fixture};
use serde_json::{Value, json};

const WORKSPACE: &str = "
//- /ws/notes.txt
The ferry timetable changes next week, many say.
//- /outside/secret.txt
Nothing in this folder belongs to the workspace.
";

/// A hash-shaped `sentence` argument (the command checks its shape only).
const SENTENCE: &str = "0123456789abcdef";

async fn mark(c: &mut Client, uri: &str) -> Value {
    c.request(
        "workspace/executeCommand",
        json!({"command": "factline.markReviewed",
               "arguments": [{"uri": uri, "rule": "weasel-attribution", "sentence": SENTENCE}]}),
    )
    .await
}

/// Polls `factline/status` until `done` holds for it (each poll waits on
/// the server's answer).
async fn status_until(c: &mut Client, done: impl Fn(&Value) -> bool) -> Value {
    let deadline = tokio::time::Instant::now() + common::WAIT;
    loop {
        let status = c.request("factline/status", Value::Null).await;
        if done(&status["result"]) {
            return status["result"].clone();
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "status never reached the expected state: {status}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
}

#[tokio::test]
async fn mark_reviewed_refuses_paths_that_climb_out_of_the_workspace() {
    let dir = write_fixture(WORKSPACE);
    let ws = dir.path().join("ws");
    let mut c = Client::start();
    c.initialize(json!({}), Some(&ws)).await;
    let ws_uri = file_uri(&ws);
    for sneaky in [
        format!("{ws_uri}/../outside/secret.txt"),
        format!("{ws_uri}/%2e%2e/outside/secret.txt"),
        format!("{ws_uri}/%2E%2E/outside/x.txt"),
        format!("{ws_uri}/sub/..%2f..%2foutside/x.txt"),
    ] {
        let r = mark(&mut c, &sneaky).await;
        assert!(
            r["error"]["message"]
                .as_str()
                .unwrap_or("")
                .contains("outside the workspace"),
            "{sneaky} was accepted: {r}"
        );
    }
    assert!(!dir.path().join("outside/.factline").exists());
    assert!(
        !ws.join(".factline/reviewed.toml").exists(),
        "nothing recorded"
    );
    // A path inside, spelled with `..`, is recorded under its plain name.
    let r = mark(&mut c, &format!("{ws_uri}/sub/../notes.txt")).await;
    assert_eq!(r["result"]["file"], "notes.txt", "{r}");
    let list = std::fs::read_to_string(ws.join(".factline/reviewed.toml")).unwrap();
    assert!(!list.contains(".."), "{list}");
    c.shutdown().await;
}

#[tokio::test]
async fn watched_file_events_outside_the_workspace_are_ignored() {
    let dir = write_fixture(WORKSPACE);
    let ws = dir.path().join("ws");
    let mut c = Client::start();
    c.initialize_default(Some(&ws)).await;
    c.wait_indexed().await;
    let before = status_until(&mut c, |s| s["sources"] == 1).await;
    assert_eq!(before["sources"], 1);
    // Two files outside that are not text: read into the server, each
    // would be listed as skipped. They are announced before a new file
    // inside, in one event handled in order: once the new file is in, the
    // others have been handled.
    for name in ["bad1.txt", "bad2.txt"] {
        std::fs::write(
            dir.path().join("outside").join(name),
            b"caf\xe9 \x00\x00 not text",
        )
        .unwrap();
    }
    std::fs::write(ws.join("fresh.txt"), "The pier reopened on Sunday.\n").unwrap();
    let ws_uri = file_uri(&ws);
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [
            {"uri": format!("{ws_uri}/../outside/bad1.txt"), "type": 1},
            {"uri": format!("{ws_uri}/%2e%2e/outside/bad2.txt"), "type": 2},
            {"uri": format!("{ws_uri}/fresh.txt"), "type": 1},
        ]}),
    )
    .await;
    let after = status_until(&mut c, |s| s["sources"] != 1).await;
    assert_eq!(after["sources"], 2, "only the file inside joins: {after}");
    assert_eq!(
        after["skipped"],
        json!([]),
        "nothing outside was read: {after}"
    );
    c.shutdown().await;
}

#[cfg(unix)]
#[tokio::test]
async fn a_factline_folder_linked_outside_is_not_written() {
    let dir = write_fixture(WORKSPACE);
    let ws = dir.path().join("ws");
    let elsewhere = dir.path().join("outside/store");
    std::fs::create_dir_all(&elsewhere).unwrap();
    std::os::unix::fs::symlink(&elsewhere, ws.join(".factline")).unwrap();
    let mut c = Client::start();
    c.initialize(json!({}), Some(&ws)).await;
    let r = mark(&mut c, &file_uri(&ws.join("notes.txt"))).await;
    let message = r["error"]["message"].as_str().unwrap_or("");
    assert!(
        message.contains("leads outside the workspace folder"),
        "{r}"
    );
    // The user is told, not only the log.
    let shown = c.wait_for(|m| m["method"] == "window/showMessage").await;
    assert!(
        shown["params"]["message"]
            .as_str()
            .unwrap_or("")
            .contains("outside the workspace"),
        "{shown}"
    );
    assert_eq!(std::fs::read_dir(&elsewhere).unwrap().count(), 0);
    c.shutdown().await;
}

/// A story of my own with page furniture around it.
const SCRAPED: &str = "Share this article

The ferry between Ostel and Varne will run twice a day from March, the operator said on Monday.

Tickets will cost the same as last year, according to the operator's timetable.

Leave a Reply
";

fn factline(args: &[&str], dir: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_factline"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("factline runs")
}

#[cfg(unix)]
#[test]
fn fix_writes_through_a_symbolic_link_and_keeps_hard_links() {
    use std::os::unix::fs::MetadataExt;
    let dir = tempfile::tempdir().unwrap();
    let checked = dir.path().join("checked");
    let store = dir.path().join("store");
    std::fs::create_dir_all(&checked).unwrap();
    std::fs::create_dir_all(&store).unwrap();
    // A symbolic link in the checked folder to a file elsewhere.
    let target = store.join("ferry.txt");
    std::fs::write(&target, SCRAPED).unwrap();
    let link = checked.join("ferry.txt");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    // A file with a second name outside the checked folder.
    let linked = checked.join("ferry-copy.txt");
    std::fs::write(&linked, SCRAPED).unwrap();
    let other_name = store.join("ferry-copy-other-name.txt");
    std::fs::hard_link(&linked, &other_name).unwrap();
    let inode = std::fs::metadata(&linked).unwrap().ino();

    let out = factline(&["check", "--fix", checked.to_str().unwrap()], dir.path());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_ne!(out.status.code(), Some(2), "{stderr}");

    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink(),
        "the link is still a link"
    );
    let fixed = std::fs::read_to_string(&target).unwrap();
    assert!(!fixed.contains("Share this article"), "{fixed}");
    assert!(fixed.contains("twice a day from March"), "{fixed}");

    assert_eq!(std::fs::metadata(&linked).unwrap().ino(), inode);
    assert_eq!(std::fs::metadata(&linked).unwrap().nlink(), 2);
    let via_other = std::fs::read_to_string(&other_name).unwrap();
    assert_eq!(via_other, std::fs::read_to_string(&linked).unwrap());
    assert!(!via_other.contains("Leave a Reply"), "{via_other}");
    assert!(via_other.contains("according to the operator"));
    // No temporary file is left in either folder.
    for folder in [&checked, &store] {
        let names: Vec<String> = std::fs::read_dir(folder)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(names.iter().all(|n| !n.ends_with(".tmp")), "{names:?}");
    }
}

#[test]
fn a_corrupt_reviewed_list_is_a_configuration_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), SCRAPED).unwrap();
    std::fs::create_dir_all(dir.path().join(".factline")).unwrap();
    std::fs::write(
        dir.path().join(".factline/reviewed.toml"),
        "[[reviewed]\nfile = ",
    )
    .unwrap();
    let out = factline(&["check", "--fix", "."], dir.path());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("not a valid reviewed list"), "{stderr}");
    assert!(stderr.contains("nothing changed"), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("a.txt")).unwrap(),
        SCRAPED,
        "no fix without the reviewed list"
    );
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_on_the_output_is_reported() {
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        eprintln!("notice: /dev/full not available; skipping");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), SCRAPED).unwrap();
    for format in ["human", "json", "sarif"] {
        let out = Command::new(env!("CARGO_BIN_EXE_factline"))
            .args(["check", "--format", format, "."])
            .current_dir(dir.path())
            .stdout(full.try_clone().unwrap())
            .output()
            .expect("factline runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{format}: {stderr}");
        assert!(
            stderr.contains("cannot write the report") && stderr.contains("No space left"),
            "{format}: {stderr}"
        );
    }
    let out = Command::new(env!("CARGO_BIN_EXE_factline"))
        .args(["related", "a.txt:3"])
        .current_dir(dir.path())
        .stdout(full)
        .output()
        .expect("factline runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "related: {stderr}");
    assert!(stderr.contains("cannot write"), "related: {stderr}");
}
