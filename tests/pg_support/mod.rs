//! A PostgreSQL server for the tests of the desk-wide index.
//!
//! `FACTLINE_TEST_PG` (a URL to a server where the role may create
//! databases, exported by `.ci/run`) is used when set. Otherwise, when
//! Debian's PostgreSQL binaries are installed, a throwaway cluster is
//! started in a temporary folder (as the `postgres` user when running as
//! root, which PostgreSQL refuses) and stopped when the test ends. With
//! neither, the test is skipped with a notice, unless `CI` is set: then
//! it fails, so a CI without PostgreSQL never passes silently.
//!
//! Each test gets a fresh database of its own.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// A database for one test; the throwaway cluster (if one was started) is
/// stopped when this is dropped.
pub struct TestDb {
    pub url: String,
    cluster: Option<Cluster>,
}

struct Cluster {
    dir: PathBuf,
    bin: PathBuf,
    as_postgres: bool,
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let ctl = self.bin.join("pg_ctl");
        let _ = run_as(
            self.as_postgres,
            &format!(
                "{} -D {} -m immediate -w stop",
                ctl.display(),
                self.dir.join("data").display()
            ),
        );
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// A fresh database named after `test`, or `None` (after printing why)
/// when no PostgreSQL can be had outside CI.
pub fn database(test: &str) -> Option<TestDb> {
    let (base, cluster) = match std::env::var("FACTLINE_TEST_PG") {
        Ok(url) if !url.is_empty() => (url, None),
        _ => match start_cluster() {
            Ok((url, cluster)) => (url, Some(cluster)),
            Err(why) => {
                if std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false") {
                    panic!("CI needs PostgreSQL for {test}: {why}");
                }
                eprintln!("note: {test} skipped: no PostgreSQL ({why})");
                return None;
            }
        },
    };
    let name = format!(
        "factline_{}_{}_{}",
        test,
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos())
    );
    let mut admin = postgres::Client::connect(&base, postgres::NoTls)
        .unwrap_or_else(|e| panic!("cannot connect to {base}: {e}"));
    admin
        .batch_execute(&format!("CREATE DATABASE {name}"))
        .expect("create the test database");
    Some(TestDb {
        url: with_database(&base, &name),
        cluster,
    })
}

/// `url` naming database `name` instead of its own.
fn with_database(url: &str, name: &str) -> String {
    let (head, query) = match url.split_once('?') {
        Some((h, q)) => (h, Some(q)),
        None => (url, None),
    };
    let after_scheme = head.find("://").map_or(0, |i| i + 3);
    let base = match head[after_scheme..].find('/') {
        Some(i) => &head[..after_scheme + i],
        None => head,
    };
    match query {
        Some(q) => format!("{base}/{name}?{q}"),
        None => format!("{base}/{name}"),
    }
}

/// The newest installed PostgreSQL's binaries (Debian's layout).
fn binaries() -> Option<PathBuf> {
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(|e| {
            let e = e.ok()?;
            let v: u32 = e.file_name().to_str()?.parse().ok()?;
            let bin = e.path().join("bin");
            bin.join("initdb").exists().then_some((v, bin))
        })
        .collect();
    versions.sort();
    versions.pop().map(|(_, b)| b)
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

fn run_as(as_postgres: bool, command: &str) -> Result<(), String> {
    let output = if as_postgres {
        Command::new("su")
            .args(["postgres", "-s", "/bin/sh", "-c", command])
            .output()
    } else {
        Command::new("sh").args(["-c", command]).output()
    }
    .map_err(|e| format!("{command}: {e}"))?;
    if output.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{command}: {}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        ))
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

fn start_cluster() -> Result<(String, Cluster), String> {
    let bin = binaries().ok_or("no /usr/lib/postgresql/*/bin/initdb")?;
    let as_postgres = is_root();
    let dir = tempfile::Builder::new()
        .prefix("factline-pg-")
        .tempdir()
        .map_err(|e| e.to_string())?
        .keep();
    if as_postgres {
        let status = Command::new("chown")
            .args(["postgres:", &dir.display().to_string()])
            .status()
            .map_err(|e| e.to_string())?;
        if !status.success() {
            return Err("cannot give the cluster folder to the postgres user".into());
        }
    }
    let cluster = Cluster {
        dir: dir.clone(),
        bin: bin.clone(),
        as_postgres,
    };
    let data = dir.join("data");
    run_as(
        as_postgres,
        &format!(
            "{} -D {} -A trust -U postgres --no-sync >/dev/null",
            bin.join("initdb").display(),
            data.display()
        ),
    )?;
    let port = free_port();
    // `-w` waits until the server accepts connections (pg_ctl's own
    // bounded wait), so no test sleeps.
    run_as(
        as_postgres,
        &format!(
            "{} -D {} -w -l {} -o \"-p {port} -k {} -c listen_addresses=127.0.0.1 -c fsync=off\" start",
            bin.join("pg_ctl").display(),
            data.display(),
            dir.join("log").display(),
            dir.display()
        ),
    )?;
    Ok((
        format!("postgres://postgres@127.0.0.1:{port}/postgres"),
        cluster,
    ))
}

/// The factline binary under test.
pub fn factline() -> Command {
    Command::new(env!("CARGO_BIN_EXE_factline"))
}

/// Writes `files` (relative path, text) under `dir`.
pub fn write_files(dir: &Path, files: &[(&str, &str)]) {
    for (rel, text) in files {
        let path = dir.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
}
