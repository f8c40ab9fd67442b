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
    TooLarge {
        size: u64,
        limit: u64,
    },
    NotUtf8 {
        offset: usize,
    },
    /// A UTF-16 file (it has the byte-order mark) that is not valid UTF-16.
    BadUtf16 {
        offset: usize,
    },
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
            SourceError::BadUtf16 { offset } => write!(
                f,
                "file starts as UTF-16 but is not valid UTF-16 (at byte {offset}); re-save it as UTF-8 or UTF-16 to include it"
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

/// The byte-order mark of a UTF-16 file and its byte order, if the bytes
/// start with one.
pub fn utf16_bom(bytes: &[u8]) -> Option<Utf16Order> {
    match bytes {
        [0xFF, 0xFE, ..] => Some(Utf16Order::Little),
        [0xFE, 0xFF, ..] => Some(Utf16Order::Big),
        _ => None,
    }
}

/// The byte order of a UTF-16 text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Utf16Order {
    Little,
    Big,
}

/// Decodes UTF-16 after its byte-order mark. The text is then analysed
/// as any other: its lines and characters are the file's, and byte
/// offsets are into its UTF-8 form.
fn decode_utf16(bytes: &[u8], order: Utf16Order) -> Result<String, SourceError> {
    let body = &bytes[2..];
    if !body.len().is_multiple_of(2) {
        return Err(SourceError::BadUtf16 {
            offset: bytes.len() - 1,
        });
    }
    let units = body.chunks_exact(2).map(|p| match order {
        Utf16Order::Little => u16::from_le_bytes([p[0], p[1]]),
        Utf16Order::Big => u16::from_be_bytes([p[0], p[1]]),
    });
    let mut text = String::with_capacity(body.len() / 2);
    let mut offset = 2;
    for c in char::decode_utf16(units) {
        match c {
            Ok(c) => {
                offset += 2 * c.len_utf16();
                text.push(c);
            }
            Err(_) => return Err(SourceError::BadUtf16 { offset }),
        }
    }
    if looks_binary(text.as_bytes()) {
        return Err(SourceError::Binary);
    }
    Ok(text)
}

/// Decodes file bytes as a source text (see [`read_source`]): UTF-8, with
/// or without a byte-order mark, or UTF-16 (either byte order) with one.
pub fn decode_source(mut bytes: Vec<u8>) -> Result<String, SourceError> {
    if let Some(order) = utf16_bom(&bytes) {
        return decode_utf16(&bytes, order);
    }
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

/// Why [`write_atomic_if_unchanged`] did not write.
#[derive(Debug)]
pub enum WriteError {
    /// The file is no longer what was read (edited, replaced or deleted
    /// meanwhile); it is left as it is.
    Changed,
    Io(std::io::Error),
}

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WriteError::Changed => write!(f, "the file changed since it was read; not written"),
            WriteError::Io(err) => write!(f, "cannot write the file: {err}"),
        }
    }
}

impl std::error::Error for WriteError {}

/// The bytes of a file as read, with its modification time, for
/// [`write_atomic_if_unchanged`].
#[derive(Clone, Debug)]
pub struct ReadStamp {
    pub bytes: Vec<u8>,
    pub modified: Option<std::time::SystemTime>,
}

/// Reads a file's bytes and modification time.
pub fn read_stamped(path: &Path) -> std::io::Result<ReadStamp> {
    let modified = std::fs::metadata(path)?.modified().ok();
    let bytes = std::fs::read(path)?;
    Ok(ReadStamp { bytes, modified })
}

fn unchanged(path: &Path, stamp: &ReadStamp) -> Result<bool, WriteError> {
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(false),
        Err(err) => return Err(WriteError::Io(err)),
    };
    if meta.len() != stamp.bytes.len() as u64 || meta.modified().ok() != stamp.modified {
        return Ok(false);
    }
    let now = std::fs::read(path).map_err(WriteError::Io)?;
    Ok(now == stamp.bytes)
}

/// Replaces `path` with `contents`, only if the file still holds what
/// `stamp` recorded.
///
/// - A plain file is replaced atomically: the new text goes to a temporary
///   file in the same folder (same file system, so the rename is atomic;
///   the original's permissions are kept), the file is compared with the
///   stamp (size, modification time, bytes) just before the rename, and the
///   temporary file is removed if anything fails. A reader sees the old or
///   the new file, never half of one. (A write that lands between the last
///   comparison and the rename, a few microseconds, is not detected.)
/// - A symbolic link is written through: its target is the file replaced as
///   above, and the link stays a link to it.
/// - A file with several hard links is rewritten in place, so that every
///   link sees the fix (a rename would give this one name a new file and
///   leave the other links with the old text). That write is not atomic:
///   the new text is first saved beside the file, and if the rewrite fails
///   that copy is kept and the error names it, so no text is lost.
pub fn write_atomic_if_unchanged(
    path: &Path,
    stamp: &ReadStamp,
    contents: &[u8],
) -> Result<(), WriteError> {
    let link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    let target = if link {
        std::fs::canonicalize(path).map_err(WriteError::Io)?
    } else {
        path.to_path_buf()
    };
    let path = target.as_path();
    if !unchanged(path, stamp)? {
        return Err(WriteError::Changed);
    }
    let tmp = write_beside(path, contents)?;
    match unchanged(path, stamp) {
        Ok(true) => {}
        outcome => {
            let _ = std::fs::remove_file(&tmp);
            outcome?;
            return Err(WriteError::Changed);
        }
    }
    if hard_links(path) > 1 {
        rewrite_in_place(path, contents).map_err(|err| {
            WriteError::Io(std::io::Error::new(
                err.kind(),
                format!("{err}; the fixed text is saved in {}", tmp.display()),
            ))
        })?;
        std::fs::remove_file(&tmp).map_err(WriteError::Io)
    } else {
        std::fs::rename(&tmp, path).map_err(|err| {
            let _ = std::fs::remove_file(&tmp);
            WriteError::Io(err)
        })
    }
}

/// Writes `contents` to a new temporary file beside `path` (with its
/// permissions) and syncs it; returns the temporary file's path. On
/// failure nothing is left behind.
fn write_beside(path: &Path, contents: &[u8]) -> Result<PathBuf, WriteError> {
    use std::io::Write;
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    static COUNTER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let (tmp, mut file) = loop {
        let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let tmp = dir.join(format!(".{name}.factline-{}-{n}.tmp", std::process::id()));
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
        {
            Ok(file) => break (tmp, file),
            Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(err) => return Err(WriteError::Io(err)),
        }
    };
    let written = (|| {
        file.write_all(contents)?;
        if let Ok(meta) = std::fs::metadata(path) {
            let _ = file.set_permissions(meta.permissions());
        }
        file.sync_all()
    })()
    .map_err(WriteError::Io);
    match written {
        Ok(()) => Ok(tmp),
        Err(err) => {
            let _ = std::fs::remove_file(&tmp);
            Err(err)
        }
    }
}

/// How many names the file at `path` has (1 where the system cannot say).
fn hard_links(path: &Path) -> u64 {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata(path).map_or(1, |m| m.nlink())
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        1
    }
}

/// Overwrites the file's bytes in place (same inode: every hard link sees
/// them), then cuts it to the new length and syncs it.
fn rewrite_in_place(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut file = std::fs::OpenOptions::new().write(true).open(path)?;
    file.write_all(contents)?;
    file.set_len(contents.len() as u64)?;
    file.sync_all()
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

    fn utf16(text: &str, order: Utf16Order) -> Vec<u8> {
        let mut bytes = match order {
            Utf16Order::Little => vec![0xFF, 0xFE],
            Utf16Order::Big => vec![0xFE, 0xFF],
        };
        for u in text.encode_utf16() {
            bytes.extend(match order {
                Utf16Order::Little => u.to_le_bytes(),
                Utf16Order::Big => u.to_be_bytes(),
            });
        }
        bytes
    }

    #[test]
    fn decodes_utf16_with_a_byte_order_mark() {
        let text = "Año récord 😀\r\nThe council said 12 homes.\n";
        for order in [Utf16Order::Little, Utf16Order::Big] {
            assert_eq!(decode_source(utf16(text, order)).unwrap(), text);
        }
        // A lone surrogate, and an odd number of bytes.
        assert!(matches!(
            decode_source(vec![0xFF, 0xFE, b'a', 0, 0x00, 0xD8, b'b', 0]),
            Err(SourceError::BadUtf16 { offset: 4 })
        ));
        assert!(matches!(
            decode_source(vec![0xFE, 0xFF, 0, b'a', 0]),
            Err(SourceError::BadUtf16 { .. })
        ));
        // Binary content behind a UTF-16 mark is still refused.
        let mut binary = vec![0xFF, 0xFE];
        binary.extend([0u8; 64]);
        assert!(matches!(decode_source(binary), Err(SourceError::Binary)));
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
    fn atomic_write_replaces_only_an_unchanged_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(&path, "old\n").unwrap();
        let stamp = read_stamped(&path).unwrap();
        write_atomic_if_unchanged(&path, &stamp, b"new\n").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new\n");

        // The stamp is now stale: the file holds "new".
        assert!(matches!(
            write_atomic_if_unchanged(&path, &stamp, b"newer\n"),
            Err(WriteError::Changed)
        ));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new\n");
        // No temporary file is left behind.
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), 1);

        std::fs::remove_file(&path).unwrap();
        let stamp = ReadStamp {
            bytes: b"new\n".to_vec(),
            modified: None,
        };
        assert!(matches!(
            write_atomic_if_unchanged(&path, &stamp, b"x"),
            Err(WriteError::Changed)
        ));
        assert!(!path.exists());
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
