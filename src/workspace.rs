//! Finding and reading the `.txt` sources of a folder.
//!
//! Shared by the language server (workspace indexing, watched files) and the
//! command line. Reading a file either gives its text or says, in one
//! sentence, why it was left out; it never panics and never hangs (symlink
//! loops are detected by the walker).

use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};

/// Why a file was left out of the corpus.
#[derive(Debug)]
pub enum SourceError {
    TooLarge { size: u64, limit: u64 },
    NotUtf8 { offset: usize },
    Binary,
    Io(std::io::Error),
}

impl fmt::Display for SourceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SourceError::TooLarge { size, limit } => write!(
                f,
                "file is {size} bytes, larger than max_file_bytes ({limit}); it is left out of the corpus"
            ),
            SourceError::NotUtf8 { offset } => write!(
                f,
                "file is not valid UTF-8 (first bad byte at offset {offset}); re-save it as UTF-8 to include it"
            ),
            SourceError::Binary => write!(
                f,
                "file looks binary, not text; it is left out of the corpus"
            ),
            SourceError::Io(err) => write!(f, "cannot read the file: {err}"),
        }
    }
}

impl std::error::Error for SourceError {}

/// How many leading bytes are inspected to decide whether a file is binary.
const BINARY_SNIFF_BYTES: usize = 8192;

/// Reads a source file as text, refusing files over `max_bytes`, binary
/// files and invalid UTF-8. A leading byte-order mark is dropped, as editors
/// do when they open the file, so positions agree with theirs.
pub fn read_source(path: &Path, max_bytes: u64) -> Result<String, SourceError> {
    let file = std::fs::File::open(path).map_err(SourceError::Io)?;
    let size = file.metadata().map_err(SourceError::Io)?.len();
    if size > max_bytes {
        return Err(SourceError::TooLarge {
            size,
            limit: max_bytes,
        });
    }
    let mut bytes = Vec::with_capacity(size as usize);
    // `take` guards against a file that grows while it is read.
    file.take(max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(SourceError::Io)?;
    if bytes.len() as u64 > max_bytes {
        return Err(SourceError::TooLarge {
            size: bytes.len() as u64,
            limit: max_bytes,
        });
    }
    decode_source(bytes)
}

/// Decodes file bytes as a source text (see [`read_source`]).
pub fn decode_source(mut bytes: Vec<u8>) -> Result<String, SourceError> {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    if looks_binary(&bytes) {
        return Err(SourceError::Binary);
    }
    String::from_utf8(bytes).map_err(|e| SourceError::NotUtf8 {
        offset: e.utf8_error().valid_up_to(),
    })
}

/// A NUL byte, or more than one control character in ten, among the first
/// bytes: text files have neither.
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(BINARY_SNIFF_BYTES)];
    if head.contains(&0) {
        return true;
    }
    let control = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C))
        .count();
    control * 10 > head.len().max(1)
}

/// Whether `path` names a source file (`.txt`, any case).
pub fn is_source_path(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("txt"))
}

/// Folder names that never hold sources.
const SKIPPED_DIRS: &[&str] = &["target", "node_modules"];

/// Compiles exclude globs (already validated by the configuration; an
/// invalid one is skipped).
pub fn exclude_set(globs: &[String]) -> GlobSet {
    let mut builder = GlobSetBuilder::new();
    for glob in globs {
        if let Ok(g) = Glob::new(glob) {
            builder.add(g);
            // "drafts" should exclude the folder's contents too.
            if let Ok(g) = Glob::new(&format!("{}/**", glob.trim_end_matches('/'))) {
                builder.add(g);
            }
        }
    }
    builder.build().unwrap_or_else(|_| GlobSet::empty())
}

/// Whether `path` (under `root`) is excluded by the globs.
pub fn is_excluded(root: &Path, path: &Path, excludes: &GlobSet) -> bool {
    let rel = path.strip_prefix(root).unwrap_or(path);
    excludes.is_match(rel)
}

/// Every source file under `root` (a folder or a single file), sorted, with
/// a message for each entry that could not be walked (permission denied,
/// symlink loop). Hidden folders, `target/` and `node_modules/` are skipped.
pub fn discover(root: &Path, excludes: &GlobSet) -> (Vec<PathBuf>, Vec<String>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    if root.is_file() {
        files.push(root.to_path_buf());
        return (files, problems);
    }
    let root_owned = root.to_path_buf();
    let excludes = excludes.clone();
    let walker = ignore::WalkBuilder::new(root)
        .standard_filters(false)
        .hidden(true)
        .follow_links(true)
        .filter_entry(move |entry| {
            let name = entry.file_name().to_string_lossy();
            let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
            if entry.depth() > 0 && is_dir && SKIPPED_DIRS.contains(&name.as_ref()) {
                return false;
            }
            !is_excluded(&root_owned, entry.path(), &excludes)
        })
        .build();
    for entry in walker {
        match entry {
            Ok(entry) => {
                if entry.file_type().is_some_and(|t| t.is_file()) && is_source_path(entry.path()) {
                    files.push(entry.into_path());
                }
            }
            Err(err) => problems.push(err.to_string()),
        }
    }
    files.sort();
    (files, problems)
}

/// The nearest `factline.toml` in `start` or one of its ancestors.
pub fn find_config(start: &Path) -> Option<PathBuf> {
    let start = if start.is_file() {
        start.parent()?
    } else {
        start
    };
    start
        .ancestors()
        .map(|dir| dir.join(crate::config::FILE_NAME))
        .find(|p| p.is_file())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_text_and_refuses_the_rest() {
        assert_eq!(decode_source(b"\xEF\xBB\xBFhi".to_vec()).unwrap(), "hi");
        assert!(matches!(
            decode_source(b"caf\xE9".to_vec()),
            Err(SourceError::NotUtf8 { offset: 3 })
        ));
        assert!(matches!(
            decode_source(b"PK\x03\x04\x00\x00".to_vec()),
            Err(SourceError::Binary)
        ));
        assert_eq!(decode_source(Vec::new()).unwrap(), "");
        assert_eq!(
            decode_source(b"a\r\nb\rc\x0c".to_vec()).unwrap(),
            "a\r\nb\rc\x0c"
        );
    }

    #[test]
    fn discovers_sources_and_skips_what_it_should() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for path in [
            "a.txt",
            "B.TXT",
            "notes.md",
            "sub/c.txt",
            ".hidden/d.txt",
            "target/e.txt",
            "node_modules/f.txt",
            "archive/g.txt",
        ] {
            let p = root.join(path);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, "text").unwrap();
        }
        #[cfg(unix)]
        std::os::unix::fs::symlink(root, root.join("sub/loop")).unwrap();
        let (files, problems) = discover(root, &exclude_set(&["archive".to_string()]));
        let names: Vec<String> = files
            .iter()
            .map(|p| p.strip_prefix(root).unwrap().display().to_string())
            .collect();
        assert_eq!(names, ["B.TXT", "a.txt", "sub/c.txt"]);
        #[cfg(unix)]
        assert_eq!(problems.len(), 1, "{problems:?}");
    }

    #[test]
    fn refuses_files_over_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.txt");
        std::fs::write(&path, "x".repeat(100)).unwrap();
        assert!(matches!(
            read_source(&path, 99),
            Err(SourceError::TooLarge { size: 100, .. })
        ));
        assert_eq!(read_source(&path, 100).unwrap().len(), 100);
    }
}
