//! Findings a fact-checker has marked as reviewed.
//!
//! They are recorded in `.factline/reviewed.toml` at a workspace root (the
//! folder the editor opened, or for `factline check` the checked folder and
//! the folder of `factline.toml`), one entry per finding:
//!
//! ```toml
//! [[reviewed]]
//! file = "drafts/port.txt"
//! rule = "unattributed-quote"
//! sentence = "9c1f0b6e2d7a4455"
//! ```
//!
//! `sentence` is a stable hash (64-bit FNV-1a, hex) of the text of the
//! sentence the finding is in, with white space runs folded to one space: a
//! reviewed finding stays hidden until that sentence changes, and re-wrapping
//! a paragraph does not bring it back.
//!
//! Recording is safe against concurrent writers: under a lock file the
//! current file is re-read, the new entry merged in, and the result written
//! to a temporary file that is renamed over the old one.

use std::collections::{BTreeSet, HashSet};
use std::io::Write;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use crate::analysis::{DocAnalysis, Finding};

/// The folder, at a workspace root, that holds factline's own files.
pub const DIR: &str = ".factline";
/// The file name of the reviewed list.
pub const FILE: &str = "reviewed.toml";

/// One reviewed finding.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Entry {
    /// The file, relative to the root, with `/` separators.
    pub file: String,
    /// The rule code.
    pub rule: String,
    /// [`sentence_hash`] of the finding's sentence.
    pub sentence: String,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct ReviewedFile {
    #[serde(default)]
    reviewed: Vec<Entry>,
}

/// The path of the reviewed list under `root`.
pub fn path(root: &Path) -> PathBuf {
    root.join(DIR).join(FILE)
}

/// 64-bit FNV-1a of `text` with white space runs folded to one space and
/// the ends trimmed, as 16 hex digits. Stable across runs and platforms.
pub fn sentence_hash(text: &str) -> String {
    use std::hash::Hasher;
    let mut hash = fnv::FnvHasher::default();
    for (i, word) in text.split_whitespace().enumerate() {
        if i > 0 {
            hash.write(b" ");
        }
        hash.write(word.as_bytes());
    }
    format!("{:016x}", hash.finish())
}

/// The hash of the sentence a finding at `span` is in (or, off any
/// sentence, of its line).
pub fn finding_hash(doc: &DocAnalysis, span: &Range<usize>) -> String {
    let seg = &doc.segmentation;
    let text = match seg.sentence_at_or_after(span.start) {
        Some(i) if seg.sentences[i].span.start <= span.end.max(span.start) => {
            doc.slice(seg.sentences[i].span.clone())
        }
        _ => {
            let line = seg.line_at(span.start);
            doc.slice(seg.lines[line].span.clone())
        }
    };
    sentence_hash(text)
}

/// `path` relative to `root`, with `/` separators, when it is under it.
/// Both must already be [`absolute`] (resolved): this compares them as
/// they are, so that filtering many findings costs no file system calls;
/// for paths from outside use [`crate::paths::relative_inside`].
pub fn relative(root: &Path, path: &Path) -> Option<String> {
    let rel = path.strip_prefix(root).ok()?;
    let parts: Vec<String> = rel
        .components()
        .map(|c| match c {
            std::path::Component::Normal(name) => Some(name.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect::<Option<_>>()?;
    (!parts.is_empty()).then(|| parts.join("/"))
}

/// Reads the reviewed list under `root`; a missing file is an empty list.
pub fn load(root: &Path) -> Result<BTreeSet<Entry>, String> {
    let file = path(root);
    match std::fs::read_to_string(&file) {
        Ok(text) => toml::from_str::<ReviewedFile>(&text)
            .map(|f| f.reviewed.into_iter().collect())
            .map_err(|e| format!("{}: not a valid reviewed list: {e}", file.display())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(BTreeSet::new()),
        Err(e) => Err(format!("{}: {e}", file.display())),
    }
}

/// How long a writer waits for another one's lock, and when a lock is
/// considered left behind by a crashed writer.
const LOCK_WAIT: Duration = Duration::from_secs(5);
const LOCK_STALE: Duration = Duration::from_secs(30);

/// Adds `entry` to the reviewed list under `root` (creating it), keeping
/// every entry another writer added meanwhile. Returns the list as written.
///
/// Refuses to write when `.factline` or the list itself leads outside
/// `root` (a symbolic link to another folder): the list belongs to this
/// workspace, and writing there would touch files the user did not open.
pub fn record(root: &Path, entry: Entry) -> Result<BTreeSet<Entry>, String> {
    let dir = root.join(DIR);
    for own in [dir.clone(), path(root)] {
        if !crate::paths::is_inside(root, &own) {
            return Err(format!(
                "{} leads outside the workspace folder (to {}); the reviewed list is not \
                 written there. Make `{DIR}` a plain folder inside {}.",
                own.display(),
                crate::paths::resolve(&own).display(),
                root.display()
            ));
        }
    }
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let _lock = Lock::acquire(&dir.join(format!("{FILE}.lock")))?;
    // Re-read under the lock: the file may have changed since it was loaded.
    let mut entries = load(root)?;
    if !entries.insert(entry) {
        return Ok(entries);
    }
    let body = toml::to_string(&ReviewedFile {
        reviewed: entries.iter().cloned().collect(),
    })
    .map_err(|e| format!("cannot write the reviewed list: {e}"))?;
    let text = format!(
        "# Findings marked as reviewed in factline. Each stays hidden until the text of its\n\
         # sentence changes (`sentence` is a hash of it). Delete an entry to see it again.\n\n{body}"
    );
    let target = path(root);
    let tmp = dir.join(format!(".{FILE}.{}.tmp", std::process::id()));
    let written = std::fs::File::create(&tmp)
        .and_then(|mut f| {
            f.write_all(text.as_bytes())?;
            f.sync_all()
        })
        .and_then(|()| std::fs::rename(&tmp, &target));
    if let Err(e) = written {
        let _ = std::fs::remove_file(&tmp);
        return Err(format!("{}: {e}", target.display()));
    }
    Ok(entries)
}

/// An exclusive lock file, removed on drop.
struct Lock(PathBuf);

impl Lock {
    fn acquire(path: &Path) -> Result<Self, String> {
        let start = Instant::now();
        loop {
            match std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(path)
            {
                Ok(_) => return Ok(Self(path.to_path_buf())),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    let stale = std::fs::metadata(path)
                        .and_then(|m| m.modified())
                        .ok()
                        .and_then(|t| t.elapsed().ok())
                        .is_some_and(|age| age > LOCK_STALE);
                    if stale {
                        let _ = std::fs::remove_file(path);
                        continue;
                    }
                    if start.elapsed() > LOCK_WAIT {
                        return Err(format!(
                            "{}: another process holds the lock; try again",
                            path.display()
                        ));
                    }
                    std::thread::sleep(Duration::from_millis(20));
                }
                Err(e) => return Err(format!("{}: {e}", path.display())),
            }
        }
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// The reviewed lists of several roots, for filtering findings.
#[derive(Debug, Default, Clone)]
pub struct Reviewed {
    roots: Vec<(PathBuf, HashSet<Entry>)>,
}

impl Reviewed {
    /// Loads the lists of `roots`; problems (an unreadable or invalid file)
    /// are returned, and that root counts as having none.
    pub fn load(roots: &[PathBuf]) -> (Self, Vec<String>) {
        let mut out = Self::default();
        let mut problems = Vec::new();
        for root in roots {
            let root = absolute(root);
            if out.roots.iter().any(|(r, _)| *r == root) {
                continue;
            }
            match load(&root) {
                Ok(entries) => out.roots.push((root, entries.into_iter().collect())),
                Err(e) => problems.push(e),
            }
        }
        (out, problems)
    }

    /// Replaces the list of one root.
    pub fn set(&mut self, root: &Path, entries: BTreeSet<Entry>) {
        let root = absolute(root);
        let entries: HashSet<Entry> = entries.into_iter().collect();
        match self.roots.iter_mut().find(|(r, _)| *r == root) {
            Some((_, e)) => *e = entries,
            None => self.roots.push((root, entries)),
        }
    }

    /// Adds `entries` (the desk-wide list, keyed by paths relative to a
    /// workspace root) to every root and to `root`.
    pub fn extend_all(&mut self, root: &Path, entries: &BTreeSet<Entry>) {
        let root = absolute(root);
        if !self.roots.iter().any(|(r, _)| *r == root) {
            self.roots.push((root, HashSet::new()));
        }
        for (_, e) in &mut self.roots {
            e.extend(entries.iter().cloned());
        }
    }

    pub fn is_empty(&self) -> bool {
        self.roots.iter().all(|(_, e)| e.is_empty())
    }

    /// Whether a finding of `doc` (the file at `file`) is reviewed.
    pub fn contains(&self, file: &Path, doc: &DocAnalysis, finding: &Finding) -> bool {
        if self.is_empty() {
            return false;
        }
        let file = absolute(file);
        let mut hash = None;
        self.roots.iter().any(|(root, entries)| {
            let Some(rel) = relative(root, &file) else {
                return false;
            };
            let hash = hash.get_or_insert_with(|| finding_hash(doc, &finding.span));
            entries.contains(&Entry {
                file: rel,
                rule: finding.code.to_string(),
                sentence: hash.clone(),
            })
        })
    }

    /// [`Reviewed::contains`] for a finding of rule `code` whose sentence
    /// hash ([`finding_hash`]) was kept with it, without its document.
    pub fn contains_hashed(&self, file: &Path, code: &str, sentence: &str) -> bool {
        if self.is_empty() {
            return false;
        }
        let file = absolute(file);
        self.roots.iter().any(|(root, entries)| {
            relative(root, &file).is_some_and(|rel| {
                entries.contains(&Entry {
                    file: rel,
                    rule: code.to_string(),
                    sentence: sentence.to_string(),
                })
            })
        })
    }

    /// Removes the reviewed findings of `doc` (the file at `file`).
    pub fn retain_unreviewed(&self, file: &Path, doc: &DocAnalysis, findings: &mut Vec<Finding>) {
        if !self.is_empty() {
            findings.retain(|f| !self.contains(file, doc, f));
        }
    }
}

/// Where `path` really leads ([`crate::paths::resolve`]): roots and files
/// are compared in this form.
pub fn absolute(path: &Path) -> PathBuf {
    crate::paths::resolve(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_is_stable_and_ignores_wrapping() {
        assert_eq!(sentence_hash(""), "cbf29ce484222325");
        assert_eq!(sentence_hash("a"), "af63dc4c8601ec8c");
        assert_eq!(
            sentence_hash("Many interpret it\n  as a bluff."),
            sentence_hash("Many interpret it as a bluff.")
        );
        assert_ne!(
            sentence_hash("Many interpret it as a bluff."),
            sentence_hash("Many interpret it as a feint.")
        );
    }

    #[test]
    fn record_merges_with_what_is_on_disk_and_writes_atomically() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let e = |n: &str| Entry {
            file: "a.txt".into(),
            rule: "weasel-attribution".into(),
            sentence: n.into(),
        };
        record(root, e("1")).unwrap();
        // Another writer changes the file underneath.
        let text = std::fs::read_to_string(path(root)).unwrap();
        std::fs::write(
            path(root),
            text.replace("sentence = \"1\"", "sentence = \"1\"\n\n[[reviewed]]\nfile = \"b.txt\"\nrule = \"r\"\nsentence = \"2\""),
        )
        .unwrap();
        let all = record(root, e("3")).unwrap();
        assert_eq!(all.len(), 3, "{all:?}");
        let reread = load(root).unwrap();
        assert_eq!(reread, all);
        // Recording twice changes nothing; no temporary or lock file stays.
        record(root, e("3")).unwrap();
        let names: Vec<String> = std::fs::read_dir(root.join(DIR))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, [FILE]);
    }

    #[test]
    fn concurrent_writers_lose_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().to_path_buf();
        let handles: Vec<_> = (0..8)
            .map(|i| {
                let root = root.clone();
                std::thread::spawn(move || {
                    record(
                        &root,
                        Entry {
                            file: format!("f{i}.txt"),
                            rule: "r".into(),
                            sentence: "s".into(),
                        },
                    )
                    .unwrap();
                })
            })
            .collect();
        for h in handles {
            h.join().unwrap();
        }
        assert_eq!(load(&root).unwrap().len(), 8);
    }

    #[test]
    fn invalid_files_are_reported() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join(DIR)).unwrap();
        std::fs::write(path(dir.path()), "reviewed = 3").unwrap();
        assert!(load(dir.path()).is_err());
        let (r, problems) = Reviewed::load(&[dir.path().to_path_buf()]);
        assert!(r.is_empty());
        assert_eq!(problems.len(), 1);
        assert!(
            record(
                dir.path(),
                Entry {
                    file: "a".into(),
                    rule: "r".into(),
                    sentence: "s".into()
                }
            )
            .is_err(),
            "an invalid list is not overwritten"
        );
    }
}
