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
//!
//! An index that serves a large folder lazily also keeps every indexed
//! passage's index keys as postings, `(key, source, passage)` in a B-tree,
//! with each key's number of passages: it answers the [`super::Archive`]
//! seam as the desk-wide database does, so a server on a large folder
//! fetches the documents related to the open ones instead of decoding
//! every stored analysis. Postings are off in a new index (they tripled
//! the cost of indexing a folder that is held in memory whole) and turned
//! on by [`SqliteStore::keep_postings`] once the folder is large enough to
//! be read lazily.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use rusqlite::{Connection, OptionalExtension, Transaction, params};

use super::archive::{Archive, Candidate, Fetched, PER_PASSAGE, passage_keys};
use crate::analysis::DocAnalysis;

/// The version of what a store holds: its tables, the encoding of the
/// analysis and what the analysis computes. Bump it whenever one changes;
/// the test `index_format` fails until then (it pins
/// [`FORMAT_FINGERPRINT`]). Format 8 added the `checks` table; format 9
/// stores whether a document tells a perpetrator's death and which tolls
/// count victims only; format 10 added the passages' postings and key
/// frequencies (`postings`, `key_df`); format 11 what identifies a toll's
/// incident.
pub const FORMAT: u32 = 11;

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
    /// The largest source read back when the store answers as an archive
    /// ([`Archive::sources`]).
    max_bytes: u64,
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

/// SQLite's page cache, in KiB, while the postings are built in one pass
/// ([`SqliteStore::keep_postings`]); SQLite's default (2,000 KiB) is put
/// back afterwards.
const BUILD_CACHE_KIB: i64 = 128 * 1024;

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
             );
             CREATE TABLE IF NOT EXISTS postings (
                 key INTEGER NOT NULL,
                 source INTEGER NOT NULL,
                 n INTEGER NOT NULL,
                 PRIMARY KEY (key, source, n)
             ) WITHOUT ROWID;
             CREATE TABLE IF NOT EXISTS key_df (
                 key INTEGER PRIMARY KEY,
                 df INTEGER NOT NULL
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
            tx.execute("DELETE FROM postings", [])?;
            tx.execute("DELETE FROM key_df", [])?;
            tx.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES ('passages', '0')",
                [],
            )?;
            tx.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES ('format', ?1)",
                params![want],
            )?;
            tx.commit()?;
        }
        Ok(Self {
            conn: Mutex::new(conn),
            path,
            max_bytes: crate::config::DEFAULT_MAX_FILE_BYTES,
        })
    }

    /// The same store, reading back sources of at most `max_bytes` when it
    /// answers as an archive (`max_file_bytes` of the configuration).
    pub fn with_max_bytes(mut self, max_bytes: u64) -> Self {
        self.max_bytes = max_bytes;
        self
    }

    /// How many sources it holds.
    pub fn count(&self) -> Result<usize, StoreError> {
        let n: i64 = self
            .conn()
            .query_row("SELECT count(*) FROM sources", [], |r| r.get(0))?;
        Ok(n as usize)
    }

    /// Whether the index keeps the passages' postings and key frequencies
    /// (turned on by [`Self::keep_postings`]; off in a new index).
    pub fn keeps_postings(&self) -> Result<bool, StoreError> {
        postings_on(&self.conn())
    }

    /// Keeps the passages' postings and key frequencies from now on, which
    /// the index needs to answer as an [`Archive`] (a workspace read
    /// lazily). Turned on for the first time, they are built from every
    /// stored analysis in one transaction: about what writing them with
    /// each commit would have cost. Already on: nothing to do.
    pub fn keep_postings(&self) -> Result<(), StoreError> {
        let mut conn = self.conn();
        if postings_on(&conn)? {
            return Ok(());
        }
        // The build inserts in the order of the sources, not of the keys:
        // a page cache that holds most of the B-tree's upper levels keeps
        // it from reading and writing the same pages again (SQLite's
        // default holds 2 MiB).
        conn.pragma_update(None, "cache_size", -BUILD_CACHE_KIB)?;
        let tx = conn.transaction()?;
        // Postings left by an index written before the switch existed, or
        // by a failed build, are dropped: they are rebuilt whole.
        tx.execute("DELETE FROM postings", [])?;
        tx.execute("DELETE FROM key_df", [])?;
        tx.execute(
            "INSERT OR REPLACE INTO meta (key, value) VALUES ('passages', '0')",
            [],
        )?;
        // Streamed source by source, in one transaction (a page of the
        // B-tree is written once, not once per commit); memory holds one
        // source's postings, whatever the index's size. The key
        // frequencies are then counted from the postings themselves.
        let mut passages = 0i64;
        {
            let mut all = tx.prepare("SELECT rowid, analysis FROM sources")?;
            let mut post = tx.prepare_cached(
                "INSERT OR IGNORE INTO postings (key, source, n) VALUES (?1, ?2, ?3)",
            )?;
            let mut read = all.query([])?;
            while let Some(row) = read.next()? {
                let source: i64 = row.get(0)?;
                let blob: Vec<u8> = row.get(1)?;
                let Ok(doc) = postcard::from_bytes::<DocAnalysis>(&blob) else {
                    continue;
                };
                for (n, keys) in passage_keys(&doc) {
                    for k in keys {
                        post.execute(params![k, source, n])?;
                    }
                    passages += 1;
                }
            }
        }
        tx.execute(
            "INSERT INTO key_df (key, df) SELECT key, count(*) FROM postings GROUP BY key",
            [],
        )?;
        tx.execute(
            "INSERT OR REPLACE INTO meta (key, value) VALUES ('passages', ?1)",
            params![passages.to_string()],
        )?;
        tx.execute(
            "INSERT OR REPLACE INTO meta (key, value) VALUES ('postings', '1')",
            [],
        )?;
        tx.commit()?;
        conn.pragma_update(None, "cache_size", -2000)?;
        Ok(())
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
        // Only an index that serves lazily keeps postings: writing them
        // costs more than the rest of a commit (each analysis decoded
        // again, thousands of B-tree inserts a source), which a folder
        // held whole in memory never reads. What the new analyses index is
        // read before the transaction, outside the lock: decoding is the
        // costly part. The switch is read again inside the transaction
        // (another process may have turned it on meanwhile).
        let keys_of = || -> Vec<Vec<(i32, Vec<i64>)>> {
            put.iter()
                .map(|(_, blob)| {
                    postcard::from_bytes::<DocAnalysis>(blob)
                        .map(|doc| passage_keys(&doc))
                        .unwrap_or_default()
                })
                .collect()
        };
        let keyed = self.keeps_postings()?.then(keys_of);
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        let keyed = match keyed {
            None if postings_on(&tx)? => Some(keys_of()),
            keyed => keyed,
        };
        let indexed = keyed.is_some();
        let mut df: HashMap<i64, i64> = HashMap::new();
        let mut passages = 0i64;
        {
            let mut insert = tx.prepare_cached(
                "INSERT INTO sources (key, size, mtime_ns, hash, settings, analysis)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?;
            let mut post = tx.prepare_cached(
                "INSERT OR IGNORE INTO postings (key, source, n) VALUES (?1, ?2, ?3)",
            )?;
            let none = Vec::new();
            for (i, (e, blob)) in put.iter().enumerate() {
                let keys = keyed.as_ref().map_or(&none, |k| &k[i]);
                passages -= unindex(&tx, &e.key, &mut df, indexed)?;
                insert.execute(params![
                    e.key,
                    e.size as i64,
                    e.mtime_ns,
                    e.hash as i64,
                    e.settings as i64,
                    blob
                ])?;
                let source = tx.last_insert_rowid();
                for (n, passage) in keys {
                    for &k in passage {
                        post.execute(params![k, source, n])?;
                        *df.entry(k).or_insert(0) += 1;
                    }
                }
                passages += keys.len() as i64;
            }
            let mut forget = tx.prepare_cached("DELETE FROM checks WHERE key = ?1")?;
            for key in remove {
                passages -= unindex(&tx, key, &mut df, indexed)?;
                forget.execute(params![key])?;
            }
            if indexed {
                add_frequencies(&tx, df, passages)?;
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

impl Archive for SqliteStore {
    fn frequencies(&self, keys: &[i64]) -> Result<(HashMap<i64, i32>, i64), StoreError> {
        let conn = self.conn();
        let mut stmt = conn.prepare_cached("SELECT df FROM key_df WHERE key = ?1")?;
        let mut df = HashMap::with_capacity(keys.len());
        for &k in keys {
            if let Some(d) = stmt
                .query_row(params![k], |r| r.get::<_, i64>(0))
                .optional()?
                && d > 0
            {
                df.insert(k, d.min(i64::from(i32::MAX)) as i32);
            }
        }
        let stored: Option<i64> = conn
            .query_row(
                "SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'passages'",
                [],
                |r| r.get(0),
            )
            .optional()?;
        Ok((df, stored.unwrap_or(0).max(0)))
    }

    fn candidates(&self, rare: &[Vec<i64>]) -> Result<Vec<Vec<Candidate>>, StoreError> {
        let conn = self.conn();
        let mut postings = conn.prepare_cached("SELECT source, n FROM postings WHERE key = ?1")?;
        let mut key_of = conn.prepare_cached("SELECT key FROM sources WHERE rowid = ?1")?;
        let mut keys: HashMap<i64, Option<String>> = HashMap::new();
        let mut out = Vec::with_capacity(rare.len());
        for asked in rare {
            // Per stored passage, how many of the asked keys it holds:
            // the posting lists of the (few, rare) keys merged.
            let mut shared: HashMap<(i64, i64), i32> = HashMap::new();
            for &k in asked {
                let rows = postings.query_map(params![k], |r| Ok((r.get(0)?, r.get(1)?)))?;
                for row in rows {
                    *shared.entry(row?).or_insert(0) += 1;
                }
            }
            let mut ranked: Vec<((i64, i64), i32)> = shared.into_iter().collect();
            ranked.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            ranked.truncate(PER_PASSAGE as usize);
            let mut found = Vec::with_capacity(ranked.len());
            for ((source, _), n) in ranked {
                if let std::collections::hash_map::Entry::Vacant(slot) = keys.entry(source) {
                    slot.insert(
                        key_of
                            .query_row(params![source], |r| r.get::<_, String>(0))
                            .optional()?,
                    );
                }
                if let Some(Some(key)) = keys.get(&source) {
                    found.push((source, key.clone(), n));
                }
            }
            out.push(found);
        }
        Ok(out)
    }

    fn sources(&self, ids: &[i64]) -> Result<Vec<Fetched>, StoreError> {
        let rows: Vec<(String, u64, Vec<u8>)> = {
            let conn = self.conn();
            let mut stmt =
                conn.prepare_cached("SELECT key, hash, analysis FROM sources WHERE rowid = ?1")?;
            let mut rows = Vec::with_capacity(ids.len());
            for &id in ids {
                if let Some(row) = stmt
                    .query_row(params![id], |r| {
                        Ok((r.get(0)?, r.get::<_, i64>(1)? as u64, r.get(2)?))
                    })
                    .optional()?
                {
                    rows.push(row);
                }
            }
            rows
        };
        // The index keeps no text: each source is read from its file, and
        // left out if it is no longer the text analysed (the next indexing
        // analyses it again).
        let mut out: Vec<Fetched> = rows
            .into_iter()
            .filter_map(|(key, hash, blob)| {
                let text = crate::workspace::read_source(Path::new(&key), self.max_bytes).ok()?;
                (text_hash(text.as_bytes()) == hash).then(|| (key, Arc::from(text), blob))
            })
            .collect();
        out.sort_by(|a, b| a.0.cmp(&b.0));
        Ok(out)
    }

    fn archive_location(&self) -> String {
        self.location()
    }
}

/// Removes the source of key `key` (if stored) and its postings, counting
/// the change of each key's frequency into `df`; returns how many indexed
/// passages it had. Its postings are found again from its stored
/// analysis (no second index on the postings' source is kept). Without
/// postings (`indexed` false) only the source is removed.
fn unindex(
    tx: &Transaction<'_>,
    key: &str,
    df: &mut HashMap<i64, i64>,
    indexed: bool,
) -> Result<i64, StoreError> {
    if !indexed {
        tx.prepare_cached("DELETE FROM sources WHERE key = ?1")?
            .execute(params![key])?;
        return Ok(0);
    }
    let old: Option<(i64, Vec<u8>)> = tx
        .prepare_cached("SELECT rowid, analysis FROM sources WHERE key = ?1")?
        .query_row(params![key], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let Some((source, blob)) = old else {
        return Ok(0);
    };
    let mut passages = 0;
    if let Ok(doc) = postcard::from_bytes::<DocAnalysis>(&blob) {
        let mut delete =
            tx.prepare_cached("DELETE FROM postings WHERE key = ?1 AND source = ?2 AND n = ?3")?;
        for (n, keys) in passage_keys(&doc) {
            for k in keys {
                if delete.execute(params![k, source, n])? > 0 {
                    *df.entry(k).or_insert(0) -= 1;
                }
            }
            passages += 1;
        }
    }
    // An analysis that does not decode had no postings written either
    // (they are read from the same blob when stored).
    tx.prepare_cached("DELETE FROM sources WHERE rowid = ?1")?
        .execute(params![source])?;
    Ok(passages)
}

/// Whether the index behind `conn` keeps postings (the `postings` row of
/// `meta`, written by [`SqliteStore::keep_postings`]).
fn postings_on(conn: &Connection) -> Result<bool, StoreError> {
    let on: Option<String> = conn
        .query_row("SELECT value FROM meta WHERE key = 'postings'", [], |r| {
            r.get(0)
        })
        .optional()?;
    Ok(on.as_deref() == Some("1"))
}

/// Adds `df` (per key, the change in the number of passages holding it)
/// to the stored frequencies, and `passages` to the number of indexed
/// passages.
fn add_frequencies(
    tx: &Transaction<'_>,
    df: HashMap<i64, i64>,
    passages: i64,
) -> Result<(), StoreError> {
    let mut df: Vec<(i64, i64)> = df.into_iter().filter(|(_, d)| *d != 0).collect();
    df.sort_unstable();
    let mut add = tx.prepare_cached(
        "INSERT INTO key_df (key, df) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET df = df + excluded.df",
    )?;
    let mut drop = tx.prepare_cached("DELETE FROM key_df WHERE key = ?1 AND df <= 0")?;
    for (k, d) in &df {
        add.execute(params![k, d])?;
        if *d < 0 {
            drop.execute(params![k])?;
        }
    }
    if passages != 0 {
        tx.execute(
            "INSERT INTO meta (key, value) VALUES ('passages', ?1)
             ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + ?1",
            params![passages],
        )?;
    }
    Ok(())
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
