//! Where analyses are kept between runs: the [`Store`] seam, and its
//! on-disk implementation on SQLite ([`SqliteStore`]).
//!
//! A store holds, per source, what its analysis was computed from (the
//! [`Entry`]: path, size, modification time, a hash of the text, a
//! fingerprint of the settings that change the analysis) and the analysis
//! itself, encoded with postcard. The loader ([`super::index`]) decides
//! what is still valid; a store only keeps and returns rows. Every write
//! is one transaction: a process killed while writing leaves the index as
//! it was before that transaction or after it, never in between. A store
//! made with another [`FORMAT`] is emptied when opened.
//!
//! Another backend (a database shared by several machines) implements
//! the same trait with the same columns.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rusqlite::{Connection, OptionalExtension, params};

/// The version of what a store holds: its tables, the encoding of the
/// analysis and what the analysis computes. Bump it whenever one changes;
/// the test `index_format` fails until then (it pins
/// [`FORMAT_FINGERPRINT`]). Format 8 added the `checks` table; format 9
/// stores whether a document tells a perpetrator's death and which tolls
/// count victims only; format 10 what identifies a toll's incident.
pub const FORMAT: u32 = 10;

/// A hash of the stored encoding of a fixed set of texts' analyses,
/// recorded with [`FORMAT`]: the test `index_format` recomputes it, so a
/// change to the analysis or its encoding that forgets to bump
/// [`FORMAT`] fails the test instead of serving stale analyses.
pub const FORMAT_FINGERPRINT: u64 = 0x22f8_c2be_d6f5_7cc2;

/// The index's file inside the index folder.
pub const FILE_NAME: &str = "index.sqlite3";

/// What one source's stored analysis was computed from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The source's absolute path, `.` and `..` removed.
    pub key: String,
    pub size: u64,
    /// Modification time, nanoseconds since the Unix epoch (0 if unknown).
    pub mtime_ns: i64,
    /// [`text_hash`] of the text analysed.
    pub hash: u64,
    /// [`super::index::settings_fingerprint`] of the settings used.
    pub settings: u64,
}

/// A store's failure, as a message for the user.
#[derive(Debug)]
pub struct StoreError(pub String);

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        StoreError(e.to_string())
    }
}

/// Keeps analyses between runs. Implementations are shared between
/// threads; each method is atomic on its own.
pub trait Store: Send + Sync {
    /// Every entry, by key.
    fn entries(&self) -> Result<HashMap<String, Entry>, StoreError>;
    /// The encoded analyses of `keys` (those that have one), in one read.
    fn analyses(&self, keys: &[&str]) -> Result<HashMap<String, Vec<u8>>, StoreError>;
    /// Stores `put` (replacing entries with the same key) and removes
    /// `remove`, all in one transaction.
    fn commit(&self, put: &[(Entry, Vec<u8>)], remove: &[String]) -> Result<(), StoreError>;
    /// The encoded findings ([`super::findings`]) of `keys` stored with
    /// check state `state` (those that have them), in one read. A store
    /// that keeps no findings has none.
    fn findings(
        &self,
        _state: u64,
        _keys: &[&str],
    ) -> Result<HashMap<String, Vec<u8>>, StoreError> {
        Ok(HashMap::new())
    }
    /// Stores the encoded findings of `rows` under check state `state`,
    /// replacing what those keys held, in one transaction.
    fn put_findings(&self, _state: u64, _rows: &[(String, Vec<u8>)]) -> Result<(), StoreError> {
        Ok(())
    }
    /// The state and the encoded list of sources ([`super::findings`]) of
    /// the last check whose findings were stored, if any. The list is
    /// stored by [`Store::put_findings`] as the row of key
    /// [`super::findings::LIST_KEY`], which no source has.
    fn last_check(&self) -> Result<Option<(u64, Vec<u8>)>, StoreError> {
        Ok(None)
    }
    /// Where it is, for messages.
    fn location(&self) -> String;
}

/// The on-disk index: one SQLite file in the index folder, in
/// write-ahead-log mode (readers never wait for a writer, a commit is
/// atomic and durable).
pub struct SqliteStore {
    conn: Mutex<Connection>,
    path: PathBuf,
}

/// How long a writer waits for another process's transaction (a server
/// and a `factline check` on one folder) before giving up on the index
/// for this run. Transactions here last milliseconds; 10 s covers a busy
/// machine.
const BUSY_TIMEOUT_MS: u64 = 10_000;

/// Pages (4 KiB) written to the write-ahead log before it is copied into
/// the database (a checkpoint, which waits for the disk twice). SQLite's
/// default, 1,000 pages, checkpoints every 4 MB: indexing 8,560 articles
/// (a 72 MB index) waited for the disk about 50 times, 1.3 s on this
/// machine, in the middle of the work. At 64 MiB a large load is
/// checkpointed a few times; what a commit guarantees is unchanged (a
/// commit is durable in the log), and the log is folded in when the last
/// connection closes.
const WAL_CHECKPOINT_PAGES: i64 = 16_384;

impl SqliteStore {
    /// Opens (creating the folder and file if needed) the index in `dir`.
    pub fn open(dir: &Path) -> Result<Self, StoreError> {
        std::fs::create_dir_all(dir)
            .map_err(|e| StoreError(format!("cannot create {}: {e}", dir.display())))?;
        let path = dir.join(FILE_NAME);
        let conn = Connection::open(&path)
            .map_err(|e| StoreError(format!("cannot open {}: {e}", path.display())))?;
        conn.busy_timeout(std::time::Duration::from_millis(BUSY_TIMEOUT_MS))?;
        // WAL: atomic commits that survive a killed process; NORMAL sync is
        // durable across a process crash (only an OS crash may lose the
        // last commits, never corrupt the file).
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "wal_autocheckpoint", WAL_CHECKPOINT_PAGES)?;
        conn.execute_batch(
            "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
             CREATE TABLE IF NOT EXISTS sources (
                 key TEXT PRIMARY KEY,
                 size INTEGER NOT NULL,
                 mtime_ns INTEGER NOT NULL,
                 hash INTEGER NOT NULL,
                 settings INTEGER NOT NULL,
                 analysis BLOB NOT NULL
             );
             CREATE TABLE IF NOT EXISTS checks (
                 key TEXT PRIMARY KEY,
                 state INTEGER NOT NULL,
                 findings BLOB NOT NULL
             );",
        )?;
        let format: Option<String> = conn
            .query_row("SELECT value FROM meta WHERE key = 'format'", [], |r| {
                r.get(0)
            })
            .optional()?;
        let want = format!("{FORMAT}:{FORMAT_FINGERPRINT:016x}");
        if format.as_deref() != Some(want.as_str()) {
            let tx = conn.unchecked_transaction()?;
            tx.execute("DELETE FROM sources", [])?;
            tx.execute("DELETE FROM checks", [])?;
            tx.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES ('format', ?1)",
                params![want],
            )?;
            tx.commit()?;
        }
        Ok(Self {
            conn: Mutex::new(conn),
            path,
        })
    }

    fn conn(&self) -> std::sync::MutexGuard<'_, Connection> {
        self.conn.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Store for SqliteStore {
    fn entries(&self) -> Result<HashMap<String, Entry>, StoreError> {
        let conn = self.conn();
        let mut stmt = conn.prepare("SELECT key, size, mtime_ns, hash, settings FROM sources")?;
        let rows = stmt.query_map([], |r| {
            Ok(Entry {
                key: r.get(0)?,
                size: r.get::<_, i64>(1)? as u64,
                mtime_ns: r.get(2)?,
                hash: r.get::<_, i64>(3)? as u64,
                settings: r.get::<_, i64>(4)? as u64,
            })
        })?;
        let mut out = HashMap::new();
        for e in rows {
            let e = e?;
            out.insert(e.key.clone(), e);
        }
        Ok(out)
    }

    fn analyses(&self, keys: &[&str]) -> Result<HashMap<String, Vec<u8>>, StoreError> {
        let conn = self.conn();
        let mut stmt = conn.prepare_cached("SELECT analysis FROM sources WHERE key = ?1")?;
        let mut out = HashMap::with_capacity(keys.len());
        for &key in keys {
            if let Some(blob) = stmt
                .query_row(params![key], |r| r.get::<_, Vec<u8>>(0))
                .optional()?
            {
                out.insert(key.to_string(), blob);
            }
        }
        Ok(out)
    }

    fn commit(&self, put: &[(Entry, Vec<u8>)], remove: &[String]) -> Result<(), StoreError> {
        if put.is_empty() && remove.is_empty() {
            return Ok(());
        }
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        {
            let mut insert = tx.prepare_cached(
                "INSERT OR REPLACE INTO sources (key, size, mtime_ns, hash, settings, analysis)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?;
            for (e, blob) in put {
                insert.execute(params![
                    e.key,
                    e.size as i64,
                    e.mtime_ns,
                    e.hash as i64,
                    e.settings as i64,
                    blob
                ])?;
            }
            let mut delete = tx.prepare_cached("DELETE FROM sources WHERE key = ?1")?;
            let mut forget = tx.prepare_cached("DELETE FROM checks WHERE key = ?1")?;
            for key in remove {
                delete.execute(params![key])?;
                forget.execute(params![key])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    fn findings(&self, state: u64, keys: &[&str]) -> Result<HashMap<String, Vec<u8>>, StoreError> {
        let conn = self.conn();
        let mut stmt =
            conn.prepare_cached("SELECT findings FROM checks WHERE key = ?1 AND state = ?2")?;
        let mut out = HashMap::with_capacity(keys.len());
        for &key in keys {
            if let Some(blob) = stmt
                .query_row(params![key, state as i64], |r| r.get::<_, Vec<u8>>(0))
                .optional()?
            {
                out.insert(key.to_string(), blob);
            }
        }
        Ok(out)
    }

    fn put_findings(&self, state: u64, rows: &[(String, Vec<u8>)]) -> Result<(), StoreError> {
        if rows.is_empty() {
            return Ok(());
        }
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        {
            let mut insert = tx.prepare_cached(
                "INSERT OR REPLACE INTO checks (key, state, findings) VALUES (?1, ?2, ?3)",
            )?;
            for (key, blob) in rows {
                insert.execute(params![key, state as i64, blob])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    fn last_check(&self) -> Result<Option<(u64, Vec<u8>)>, StoreError> {
        let conn = self.conn();
        let mut stmt = conn.prepare_cached("SELECT state, findings FROM checks WHERE key = ?1")?;
        Ok(stmt
            .query_row(params![super::findings::LIST_KEY], |r| {
                Ok((r.get::<_, i64>(0)? as u64, r.get::<_, Vec<u8>>(1)?))
            })
            .optional()?)
    }

    fn location(&self) -> String {
        self.path.display().to_string()
    }
}

/// A 64-bit FNV-1a hash of a text: stable across builds and platforms
/// (unlike the standard library's hasher), and with the size beside it
/// enough to tell an edited file from an unchanged one.
pub fn text_hash(bytes: &[u8]) -> u64 {
    use std::hash::Hasher;
    let mut h = fnv::FnvHasher::default();
    h.write(bytes);
    h.finish()
}
