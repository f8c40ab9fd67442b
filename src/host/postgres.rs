//! The desk-wide index on PostgreSQL: sources analysed on any machine of
//! the desk, their passages' index keys, and the findings marked as
//! reviewed, in one shared database (`store = "postgres://…"`).
//!
//! Tables (created and migrated here, versioned with the on-disk index's
//! [`FORMAT`] and fingerprint; a database of another format has its
//! sources emptied, its reviews kept):
//!
//! - `factline_sources`: per source its [`Entry`] (key, size, time, text
//!   hash, settings), its text and its analysis (postcard, as in the
//!   SQLite index);
//! - `factline_passages`: per indexed passage its index keys (the terms
//!   the analysis reads, stemmed and shared across English and Spanish,
//!   entity names and figure keys: [`crate::analysis::related`]) as a
//!   `bigint[]` under a GIN index, so candidate generation is an inverted
//!   index lookup inside the database;
//! - `factline_reviews`: the reviewed findings (file relative to the
//!   workspace root, rule, sentence hash), one row each.
//!
//! Candidates are fetched per query (a draft's or a checked document's
//! passages), never the whole archive: for each passage the database
//! returns the passages sharing the most keys with it; their documents
//! are decoded and handed to factline's own scoring, which re-ranks them
//! beside the local folder's. Every write is one transaction; concurrent
//! writers are safe (upserts keyed by source key, reviews inserted with
//! `ON CONFLICT DO NOTHING`), and a commit of sources sends a
//! `NOTIFY factline_sources` so that servers on the same database fetch
//! again.
//!
//! A load into an empty store ([`PgStore::begin_bulk`]) leaves the
//! passages' inverted index and the key frequencies to its end, where
//! each is built once; a load stopped before its end is repaired by the
//! next connection. Texts and analyses are compressed with LZ4 where the
//! server has it ([`COMPRESSION`]).
//!
//! The client is the synchronous `postgres` crate (the blocking face of
//! `tokio-postgres`): the host layer is synchronous (rayon workers, the
//! command line, the server's blocking threads), so its calls never run on
//! an async worker thread.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use postgres::binary_copy::BinaryCopyInWriter;
use postgres::types::Type;
use postgres::{Client, NoTls};
use rayon::prelude::*;

use super::archive::{Archive, Fetched, passage_keys, passages_keys, rare_keys};
use super::store::{Entry, FORMAT, FORMAT_FINGERPRINT, StoreError};
use crate::analysis::{DocAnalysis, DocId};
use crate::reviewed;

/// The channel a commit of sources is announced on.
pub const CHANNEL: &str = "factline_sources";

pub use super::archive::{
    COMMON_FLOOR, COMMON_SHARE, Candidate, KEY_BUDGET, MAX_DOCS, MAX_QUERIES, PER_PASSAGE,
    RARE_KEYS,
};

/// How many passages one candidate statement asks about. A draft has
/// tens to a few hundred indexed passages, so its first fetch is one or
/// two round trips instead of one per passage; the bound keeps a
/// statement's parameters (about [`RARE_KEYS`] keys a passage) and its
/// result (up to [`PER_PASSAGE`] rows a passage) small whatever is asked.
pub const BATCH: usize = 256;

/// Whether `s` names a PostgreSQL database (`postgres://` or
/// `postgresql://`).
pub fn is_url(s: &str) -> bool {
    s.starts_with("postgres://") || s.starts_with("postgresql://")
}

/// A connection to the desk-wide index.
pub struct PgStore {
    client: Mutex<Client>,
    url: String,
    /// A bulk load is under way on this connection ([`Self::begin_bulk`]):
    /// the changes of the key frequencies its commits made, added to the
    /// table at its end.
    bulk: Mutex<Option<HashMap<i64, i32>>>,
    /// [`KEY_BUDGET`], changed only to measure it.
    key_budget: std::sync::atomic::AtomicI64,
}

impl From<postgres::Error> for StoreError {
    fn from(e: postgres::Error) -> Self {
        // The server's own message (constraint, permission, …) when there
        // is one; the connection error otherwise.
        match e.as_db_error() {
            Some(db) => StoreError(format!("{}: {}", db.severity(), db.message())),
            None => StoreError(e.to_string()),
        }
    }
}

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS factline_meta (key text PRIMARY KEY, value text NOT NULL);
CREATE TABLE IF NOT EXISTS factline_sources (
    id bigserial PRIMARY KEY,
    key text NOT NULL UNIQUE,
    size bigint NOT NULL,
    mtime_ns bigint NOT NULL,
    hash bigint NOT NULL,
    settings bigint NOT NULL,
    indexed_at timestamptz NOT NULL DEFAULT now(),
    text text NOT NULL,
    analysis bytea NOT NULL
);
CREATE TABLE IF NOT EXISTS factline_passages (
    source bigint NOT NULL REFERENCES factline_sources (id) ON DELETE CASCADE,
    n integer NOT NULL,
    keys bigint[] NOT NULL,
    PRIMARY KEY (source, n)
);
CREATE TABLE IF NOT EXISTS factline_keys (key bigint PRIMARY KEY, df integer NOT NULL);
CREATE TABLE IF NOT EXISTS factline_reviews (
    file text NOT NULL,
    rule text NOT NULL,
    sentence text NOT NULL,
    marked_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (file, rule, sentence)
);
";

/// The inverted index over the passages' keys: created with the schema,
/// left out during a bulk load into an empty store and built once at its
/// end (see [`PgStore::begin_bulk`]), and built again at the next
/// connection when a bulk load stopped before its end.
const KEYS_INDEX: &str =
    "CREATE INDEX IF NOT EXISTS factline_passages_keys ON factline_passages USING gin (keys)";

/// The keys' document frequencies counted again from the passages, in
/// place of those kept by each commit's deltas: after a bulk load that
/// stopped before its end (its commits leave the frequencies to it).
/// The table is locked first, so a writer's commit is either counted here
/// (committed before) or adds its deltas after (waiting on the lock).
const RECOUNT_KEYS: &str = "
LOCK TABLE factline_keys IN EXCLUSIVE MODE;
DELETE FROM factline_keys;
INSERT INTO factline_keys (key, df)
    SELECT k, count(*) FROM factline_passages, unnest(keys) AS k GROUP BY k;
DELETE FROM factline_meta WHERE key = 'bulk_load';
";

/// The version of the tables above, beside the analysis's [`FORMAT`]: a
/// database made by another version has its sources indexed again.
const SCHEMA_VERSION: u32 = 2;

/// The advisory lock that serialises schema creation and migration among
/// processes opening one database at once (an arbitrary constant,
/// "factline" in ASCII).
const SCHEMA_LOCK: i64 = 0x6661_6374_6c69_6e65;

/// The advisory lock a bulk load holds, at session level, from its start
/// to its end: while it is held the passages' inverted index and the key
/// frequencies are the load's to rebuild; when its connection is gone (the
/// load ended, or was killed) the next connection repairs what it left.
pub const LOAD_LOCK: i64 = SCHEMA_LOCK + 1;

/// Working memory for building the inverted index at the end of a bulk
/// load (PostgreSQL's default is 64 MB): a GIN index is built in memory
/// chunks of this size and merged, so a larger one builds it in fewer
/// passes. Set for the loading session only.
const BUILD_MEMORY: &str = "256MB";

/// How this connection compresses the values it stores out of line (a
/// source's analysis, about 8 KB, and its text): LZ4 instead of
/// PostgreSQL's default pglz. Measured on 20,000 generated articles loaded
/// into an empty store, the database's CPU fell from 7.0 to 4.9 s (a
/// third; 40.7 to 26.2 s on 100,000) for about the same size on disk (233
/// against 234 MB): compressing the analyses was the largest part of the
/// database's work. Set for the session only,
/// when the server was built with LZ4 (Debian's is); values compressed
/// either way are read back alike.
const COMPRESSION: &str = "SET default_toast_compression = lz4";

impl PgStore {
    /// Connects to `url`, creating or migrating the schema.
    pub fn connect(url: &str) -> Result<Self, StoreError> {
        let mut client = Client::connect(url, NoTls)
            .map_err(|e| StoreError(format!("cannot connect to the store: {e}")))?;
        let mut tx = client.transaction()?;
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&SCHEMA_LOCK])?;
        tx.batch_execute(SCHEMA)?;
        // A bulk load under way leaves its index and key frequencies to
        // itself; one that stopped before its end left them to repair.
        let loading = !tx
            .query_one("SELECT pg_try_advisory_xact_lock_shared($1)", &[&LOAD_LOCK])?
            .get::<_, bool>(0);
        if !loading {
            tx.batch_execute(KEYS_INDEX)?;
            let stopped = tx
                .query_opt("SELECT 1 FROM factline_meta WHERE key = 'bulk_load'", &[])?
                .is_some();
            if stopped {
                tx.batch_execute(RECOUNT_KEYS)?;
            }
        }
        let want = format!("{FORMAT}:{FORMAT_FINGERPRINT:016x}:{SCHEMA_VERSION}");
        let have: Option<String> = tx
            .query_opt("SELECT value FROM factline_meta WHERE key = 'format'", &[])?
            .map(|r| r.get(0));
        if have.as_deref() != Some(want.as_str()) {
            // Analyses of another format cannot be decoded: dropped, to be
            // indexed again. Reviews do not depend on the format.
            tx.batch_execute("TRUNCATE factline_sources, factline_keys CASCADE")?;
            tx.execute(
                "INSERT INTO factline_meta (key, value) VALUES ('format', $1)
                 ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
                &[&want],
            )?;
        }
        tx.commit()?;
        // Sources' texts and analyses are compressed with LZ4 where the
        // server has it (see [`COMPRESSION`]); either reads back alike.
        let lz4: bool = client
            .query_one(
                "SELECT coalesce(bool_or('lz4' = ANY (enumvals)), false) FROM pg_settings
                 WHERE name = 'default_toast_compression'",
                &[],
            )?
            .get(0);
        if lz4 {
            client.batch_execute(COMPRESSION)?;
        }
        Ok(Self {
            client: Mutex::new(client),
            url: redact(url),
            bulk: Mutex::new(None),
            key_budget: KEY_BUDGET.into(),
        })
    }

    /// Prepares this connection for loading many sources: its commits no
    /// longer wait for the write-ahead log to reach the disk
    /// (`synchronous_commit = off`: a crash of the database server may
    /// lose the last commits, never corrupt or half-apply one), and, when
    /// the store holds no source and no other bulk load runs, the
    /// passages' inverted index is dropped and the key frequencies are no
    /// longer kept commit by commit: [`Self::end_bulk`] builds both once,
    /// which is much cheaper than maintaining them row by row. Returns
    /// whether that bulk path was taken.
    ///
    /// While it runs, other connections stay correct but slower: their
    /// candidate queries read the passages without the index and do not
    /// see the loaded keys' frequencies until the end; their own commits
    /// keep the frequencies as usual. If the load stops before
    /// [`Self::end_bulk`] (killed, connection lost), the next connection
    /// to the database rebuilds the index and counts the frequencies again.
    pub fn begin_bulk(&self) -> Result<bool, StoreError> {
        let mut client = self.client();
        client.batch_execute("SET synchronous_commit = off")?;
        let alone: bool = client
            .query_one("SELECT pg_try_advisory_lock($1)", &[&LOAD_LOCK])?
            .get(0);
        if !alone {
            return Ok(false);
        }
        let mut tx = client.transaction()?;
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&SCHEMA_LOCK])?;
        let empty: bool = tx
            .query_one("SELECT NOT EXISTS (SELECT 1 FROM factline_sources)", &[])?
            .get(0);
        if empty {
            tx.batch_execute(
                "DROP INDEX IF EXISTS factline_passages_keys;
                 INSERT INTO factline_meta (key, value) VALUES ('bulk_load', 'started')
                 ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
            )?;
        }
        tx.commit()?;
        if !empty {
            client.execute("SELECT pg_advisory_unlock($1)", &[&LOAD_LOCK])?;
            return Ok(false);
        }
        *self.bulk.lock().unwrap_or_else(|e| e.into_inner()) = Some(HashMap::new());
        Ok(true)
    }

    /// Ends a bulk load begun by [`Self::begin_bulk`] (nothing to do if it
    /// took the ordinary path): builds the passages' inverted index, adds
    /// the load's changes to the keys' frequencies (other writers added
    /// theirs as they committed), refreshes the planner's statistics and
    /// lets other bulk loads run.
    pub fn end_bulk(&self) -> Result<(), StoreError> {
        let Some(df) = self.bulk.lock().unwrap_or_else(|e| e.into_inner()).take() else {
            return Ok(());
        };
        let mut client = self.client();
        client.batch_execute(&format!("SET maintenance_work_mem = '{BUILD_MEMORY}'"))?;
        let mut tx = client.transaction()?;
        tx.batch_execute(KEYS_INDEX)?;
        add_frequencies(&mut tx, df)?;
        tx.execute("DELETE FROM factline_meta WHERE key = 'bulk_load'", &[])?;
        tx.execute(&format!("NOTIFY {CHANNEL}"), &[])?;
        tx.commit()?;
        client.batch_execute(
            "RESET maintenance_work_mem;
             ANALYZE factline_sources, factline_passages, factline_keys",
        )?;
        client.execute("SELECT pg_advisory_unlock($1)", &[&LOAD_LOCK])?;
        Ok(())
    }

    /// Replaces [`KEY_BUDGET`] for this connection's later queries
    /// (`i64::MAX`: no budget): for measuring what it costs in recall.
    #[doc(hidden)]
    pub fn set_key_budget(&self, budget: i64) {
        self.key_budget
            .store(budget, std::sync::atomic::Ordering::Relaxed);
    }

    fn client(&self) -> std::sync::MutexGuard<'_, Client> {
        self.client.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Where it is, for messages (without the password).
    pub fn location(&self) -> String {
        self.url.clone()
    }

    /// Every stored source's entry, by key.
    pub fn entries(&self) -> Result<HashMap<String, Entry>, StoreError> {
        let rows = self.client().query(
            "SELECT key, size, mtime_ns, hash, settings FROM factline_sources",
            &[],
        )?;
        Ok(rows
            .into_iter()
            .map(|r| {
                let e = Entry {
                    key: r.get(0),
                    size: r.get::<_, i64>(1) as u64,
                    mtime_ns: r.get(2),
                    hash: r.get::<_, i64>(3) as u64,
                    settings: r.get::<_, i64>(4) as u64,
                };
                (e.key.clone(), e)
            })
            .collect())
    }

    /// Stores the analysed sources `docs` (replacing those with the same
    /// key, passages included) and removes `remove`, in one transaction,
    /// then announces it on [`CHANNEL`].
    pub fn publish(
        &self,
        docs: &[(Entry, Arc<DocAnalysis>)],
        remove: &[String],
    ) -> Result<(), StoreError> {
        if docs.is_empty() && remove.is_empty() {
            return Ok(());
        }
        let mut encoded: Vec<(&Entry, &DocAnalysis, Vec<u8>)> = docs
            .par_iter()
            .filter_map(|(e, d)| Some((e, &**d, postcard::to_stdvec(&**d).ok()?)))
            .collect();
        // Rows are locked in key order, so two writers of overlapping
        // batches wait for each other instead of deadlocking.
        encoded.sort_by(|a, b| a.0.key.cmp(&b.0.key));
        let bulk = self
            .bulk
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .is_some();
        let mut client = self.client();
        let mut tx = client.transaction()?;
        let (ids, replaced) = upsert_staged(&mut tx, &encoded)?;
        // Each key's change in document frequency (passages holding it).
        let mut df: HashMap<i64, i32> = HashMap::new();
        // The replaced sources' old passages out (new sources have none),
        // the batch's new ones in by COPY.
        if !replaced.is_empty() {
            for row in tx.query(
                "DELETE FROM factline_passages WHERE source = ANY($1) RETURNING keys",
                &[&replaced],
            )? {
                for k in row.get::<_, Vec<i64>>(0) {
                    *df.entry(k).or_insert(0) -= 1;
                }
            }
        }
        {
            let sink =
                tx.copy_in("COPY factline_passages (source, n, keys) FROM STDIN (FORMAT binary)")?;
            let mut writer =
                BinaryCopyInWriter::new(sink, &[Type::INT8, Type::INT4, Type::INT8_ARRAY]);
            for ((_, doc, _), id) in encoded.iter().zip(&ids) {
                for (n, keys) in passage_keys(doc) {
                    for &k in &keys {
                        *df.entry(k).or_insert(0) += 1;
                    }
                    writer.write(&[id, &n, &keys])?;
                }
            }
            writer.finish()?;
        }
        if !remove.is_empty() {
            let gone = tx.query(
                "DELETE FROM factline_passages WHERE source IN
                     (SELECT id FROM factline_sources WHERE key = ANY($1))
                 RETURNING keys",
                &[&remove],
            )?;
            for row in gone {
                for k in row.get::<_, Vec<i64>>(0) {
                    *df.entry(k).or_insert(0) -= 1;
                }
            }
            tx.execute(
                "DELETE FROM factline_sources WHERE key = ANY($1)",
                &[&remove],
            )?;
        }
        // A bulk load adds its changes at its end, once committed.
        if !bulk {
            add_frequencies(&mut tx, std::mem::take(&mut df))?;
        }
        tx.execute(&format!("NOTIFY {CHANNEL}"), &[])?;
        tx.commit()?;
        if bulk {
            let mut kept = self.bulk.lock().unwrap_or_else(|e| e.into_inner());
            match &mut *kept {
                Some(kept) => {
                    for (k, d) in df {
                        *kept.entry(k).or_insert(0) += d;
                    }
                }
                // The load ended meanwhile: added now.
                None => {
                    drop(kept);
                    let mut tx = client.transaction()?;
                    add_frequencies(&mut tx, df)?;
                    tx.commit()?;
                }
            }
        }
        Ok(())
    }

    /// [`Archive::related_documents`] (an inherent method, so callers
    /// need not import the trait).
    pub fn related_documents(
        &self,
        docs: &[&DocAnalysis],
        skip: &dyn Fn(&str) -> bool,
        id_of: &dyn Fn(&str) -> DocId,
    ) -> Result<Vec<Arc<DocAnalysis>>, StoreError> {
        Archive::related_documents(self, docs, skip, id_of)
    }

    /// [`Archive::related_to_passage`].
    pub fn related_to_passage(
        &self,
        doc: &DocAnalysis,
        passage: usize,
        skip: &dyn Fn(&str) -> bool,
        id_of: &dyn Fn(&str) -> DocId,
    ) -> Result<Vec<Arc<DocAnalysis>>, StoreError> {
        Archive::related_to_passage(self, doc, passage, skip, id_of)
    }

    /// The candidates of each distinct indexed passage of `docs` (in the
    /// order asked): per passage its (source id, source key, shared keys)
    /// rows, sorted. `batched` asks in [`BATCH`]-passage statements, as
    /// [`Self::related_documents`] does; otherwise one query per passage.
    /// Both must agree: this is how that is checked.
    #[doc(hidden)]
    pub fn candidates_of(
        &self,
        docs: &[&DocAnalysis],
        batched: bool,
    ) -> Result<Vec<Vec<Candidate>>, StoreError> {
        let passages = passages_keys(docs);
        let rare = rare_keys(self, passages, self.key_budget())?;
        let mut client = self.client();
        let mut found = if batched {
            candidates_batched(&mut client, &rare)?
        } else {
            candidates_each(&mut client, &rare)?
        };
        for f in &mut found {
            f.sort();
        }
        Ok(found)
    }

    /// Records a reviewed finding (already recorded: nothing changes).
    pub fn record_review(&self, entry: &reviewed::Entry) -> Result<(), StoreError> {
        self.client().execute(
            "INSERT INTO factline_reviews (file, rule, sentence) VALUES ($1, $2, $3)
             ON CONFLICT DO NOTHING",
            &[&entry.file, &entry.rule, &entry.sentence],
        )?;
        Ok(())
    }

    /// Every reviewed finding recorded in the database.
    pub fn reviews(&self) -> Result<BTreeSet<reviewed::Entry>, StoreError> {
        let rows = self
            .client()
            .query("SELECT file, rule, sentence FROM factline_reviews", &[])?;
        Ok(rows
            .into_iter()
            .map(|r| reviewed::Entry {
                file: r.get(0),
                rule: r.get(1),
                sentence: r.get(2),
            })
            .collect())
    }

    /// The number of stored sources and passages.
    pub fn counts(&self) -> Result<(i64, i64), StoreError> {
        let row = self.client().query_one(
            "SELECT (SELECT count(*) FROM factline_sources), (SELECT count(*) FROM factline_passages)",
            &[],
        )?;
        Ok((row.get(0), row.get(1)))
    }
}

/// A batch of sources to store, in key order: each one's entry, analysis
/// and encoded analysis.
type Encoded<'a> = [(&'a Entry, &'a DocAnalysis, Vec<u8>)];

/// The columns a source's row is written with, and their types.
const SOURCE_COLUMNS: &str = "key, size, mtime_ns, hash, settings, text, analysis";
const SOURCE_TYPES: [Type; 7] = [
    Type::TEXT,
    Type::INT8,
    Type::INT8,
    Type::INT8,
    Type::INT8,
    Type::TEXT,
    Type::BYTEA,
];

/// Writes the rows of `encoded` by binary `COPY` into the staging table.
fn copy_sources(
    tx: &mut postgres::Transaction<'_>,
    encoded: &Encoded<'_>,
) -> Result<(), StoreError> {
    let sink = tx.copy_in(&format!(
        "COPY factline_incoming ({SOURCE_COLUMNS}) FROM STDIN (FORMAT binary)"
    ))?;
    let mut writer = BinaryCopyInWriter::new(sink, &SOURCE_TYPES);
    for (entry, doc, blob) in encoded {
        writer.write(&[
            &entry.key,
            &(entry.size as i64),
            &entry.mtime_ns,
            &(entry.hash as i64),
            &(entry.settings as i64),
            &&*doc.text,
            blob,
        ])?;
    }
    writer.finish()?;
    Ok(())
}

/// The ids of the sources of `encoded`, in its order, from `stored`
/// (their ids by key).
fn ids_in_order(
    encoded: &Encoded<'_>,
    stored: &HashMap<String, i64>,
) -> Result<Vec<i64>, StoreError> {
    encoded
        .iter()
        .map(|(e, _, _)| {
            stored
                .get(&e.key)
                .copied()
                .ok_or_else(|| StoreError(format!("{} was not stored", e.key)))
        })
        .collect()
}

/// Stores `encoded` (replacing the stored sources of the same keys) by
/// binary `COPY` into a staging table and one upsert from it: one round
/// trip per batch instead of one per source, and the rows go in key
/// order. Returns their ids in order and the ids of those that replaced a
/// stored source.
fn upsert_staged(
    tx: &mut postgres::Transaction<'_>,
    encoded: &Encoded<'_>,
) -> Result<(Vec<i64>, Vec<i64>), StoreError> {
    tx.batch_execute(
        "CREATE TEMP TABLE IF NOT EXISTS factline_incoming (
             key text, size bigint, mtime_ns bigint, hash bigint, settings bigint,
             text text, analysis bytea
         ) ON COMMIT DELETE ROWS",
    )?;
    copy_sources(tx, encoded)?;
    // Per key its id, and whether it replaced a stored source (a new row
    // has no locking transaction: `xmax = 0`).
    let stored: HashMap<String, (i64, bool)> = tx
        .query(
            "INSERT INTO factline_sources (key, size, mtime_ns, hash, settings, text, analysis)
             SELECT key, size, mtime_ns, hash, settings, text, analysis
             FROM factline_incoming ORDER BY key
             ON CONFLICT (key) DO UPDATE SET size = EXCLUDED.size,
                 mtime_ns = EXCLUDED.mtime_ns, hash = EXCLUDED.hash,
                 settings = EXCLUDED.settings, text = EXCLUDED.text,
                 analysis = EXCLUDED.analysis, indexed_at = now()
             RETURNING key, id, xmax <> 0",
            &[],
        )?
        .into_iter()
        .map(|r| (r.get(0), (r.get(1), r.get(2))))
        .collect();
    let replaced = stored
        .values()
        .filter(|(_, old)| *old)
        .map(|(id, _)| *id)
        .collect();
    let ids = stored.into_iter().map(|(k, (id, _))| (k, id)).collect();
    Ok((ids_in_order(encoded, &ids)?, replaced))
}

/// Publishes loaded sources to a store, leaving out those it already
/// holds unchanged (same text hash and settings), so that indexing an
/// unchanged folder again sends nothing.
pub struct Publisher<'a> {
    pub store: &'a PgStore,
    entries: HashMap<String, Entry>,
    fingerprint: u64,
}

impl<'a> Publisher<'a> {
    /// Reads the store's entries once.
    pub fn new(store: &'a PgStore, fingerprint: u64) -> Result<Self, StoreError> {
        Ok(Self {
            entries: store.entries()?,
            store,
            fingerprint,
        })
    }

    /// The text hash of each stored source analysed with this
    /// publisher's settings, by key: what a file must hash to for its
    /// analysis to be skipped.
    pub fn stored_hashes(&self) -> HashMap<String, u64> {
        self.entries
            .values()
            .filter(|e| e.settings == self.fingerprint)
            .map(|e| (e.key.clone(), e.hash))
            .collect()
    }

    /// Publishes the readable sources of `loaded` in one transaction
    /// and counts them in `stats`. Returns the keys seen.
    pub fn publish(
        &mut self,
        loaded: &[(PathBuf, Option<Arc<DocAnalysis>>)],
        stats: &mut super::Stats,
    ) -> Result<Vec<String>, StoreError> {
        let mut put = Vec::new();
        let mut seen = Vec::with_capacity(loaded.len());
        for (path, doc) in loaded {
            let key = super::index::key_of(path);
            seen.push(key.clone());
            let Some(doc) = doc else {
                stats.unreadable += 1;
                continue;
            };
            let (size, mtime_ns) = super::index::stamp(path);
            let entry = Entry {
                key,
                size,
                mtime_ns,
                hash: super::store::text_hash(doc.text.as_bytes()),
                settings: self.fingerprint,
            };
            match self.entries.get(&entry.key) {
                Some(e) if e.hash == entry.hash && e.settings == entry.settings => {
                    stats.unchanged += 1;
                    continue;
                }
                Some(_) => stats.updated += 1,
                None => stats.added += 1,
            }
            put.push((entry, doc.clone()));
        }
        self.store.publish(&put, &[])?;
        for (e, _) in put {
            self.entries.insert(e.key.clone(), e);
        }
        Ok(seen)
    }

    /// Removes the stored sources under `dir` whose file is gone (and not
    /// in `seen`). Returns how many.
    pub fn prune(
        &mut self,
        dir: &Path,
        seen: &std::collections::HashSet<String>,
    ) -> Result<usize, StoreError> {
        let prefix = super::index::key_of(dir);
        let gone: Vec<String> = self
            .entries
            .keys()
            .filter(|k| Path::new(k.as_str()).starts_with(&prefix))
            .filter(|k| !seen.contains(*k) && !Path::new(k.as_str()).exists())
            .cloned()
            .collect();
        self.store.publish(&[], &gone)?;
        for k in &gone {
            self.entries.remove(k);
        }
        Ok(gone.len())
    }
}

impl Archive for PgStore {
    fn frequencies(&self, keys: &[i64]) -> Result<(HashMap<i64, i32>, i64), StoreError> {
        let mut client = self.client();
        let df: HashMap<i64, i32> = client
            .query(
                "SELECT key, df FROM factline_keys WHERE key = ANY($1) AND df > 0",
                &[&keys],
            )?
            .into_iter()
            .map(|r| (r.get(0), r.get(1)))
            .collect();
        let stored: i64 = client
            .query_one(
                "SELECT greatest(reltuples, 0)::bigint FROM pg_class
                 WHERE oid = 'factline_passages'::regclass",
                &[],
            )?
            .get(0);
        Ok((df, stored))
    }

    fn candidates(&self, rare: &[Vec<i64>]) -> Result<Vec<Vec<Candidate>>, StoreError> {
        candidates_batched(&mut self.client(), rare)
    }

    fn sources(&self, ids: &[i64]) -> Result<Vec<Fetched>, StoreError> {
        let rows = self.client().query(
            "SELECT key, text, analysis FROM factline_sources WHERE id = ANY($1) ORDER BY key",
            &[&ids],
        )?;
        Ok(rows
            .into_iter()
            .map(|r| {
                let (key, text, blob): (String, String, Vec<u8>) = (r.get(0), r.get(1), r.get(2));
                (key, Arc::from(text), blob)
            })
            .collect())
    }

    fn key_budget(&self) -> i64 {
        self.key_budget.load(std::sync::atomic::Ordering::Relaxed)
    }

    fn archive_location(&self) -> String {
        self.location()
    }
}

/// Adds `df` (per key, the change in the number of passages holding it)
/// to the stored frequencies. In key order, like the sources: concurrent
/// writers never wait on each other in a cycle. Not clamped at zero:
/// during a bulk load another writer may remove passages whose addition
/// the load adds only at its end, so a frequency is briefly negative and
/// the sum exact (readers ask only with keys held, `df > 0`).
fn add_frequencies(
    tx: &mut postgres::Transaction<'_>,
    df: HashMap<i64, i32>,
) -> Result<(), StoreError> {
    let mut df: Vec<(i64, i32)> = df.into_iter().filter(|(_, d)| *d != 0).collect();
    if df.is_empty() {
        return Ok(());
    }
    df.sort_unstable();
    let (keys, deltas): (Vec<i64>, Vec<i32>) = df.into_iter().unzip();
    tx.execute(
        "INSERT INTO factline_keys (key, df)
         SELECT * FROM unnest($1::bigint[], $2::integer[])
         ON CONFLICT (key) DO UPDATE SET df = factline_keys.df + EXCLUDED.df",
        &[&keys, &deltas],
    )?;
    Ok(())
}

/// The candidates of each of `rare` (a passage's rarest keys), one query
/// per passage: the reference [`candidates_batched`] is checked against.
fn candidates_each(
    client: &mut Client,
    rare: &[Vec<i64>],
) -> Result<Vec<Vec<Candidate>>, StoreError> {
    let candidates = client.prepare(
        "SELECT c.source, s.key, c.shared FROM (
             SELECT p.source,
                    cardinality(ARRAY(SELECT unnest(p.keys) INTERSECT SELECT unnest($1::bigint[]))) AS shared
             FROM factline_passages p
             WHERE p.keys && $1
             ORDER BY 2 DESC, p.source LIMIT $2) c
         JOIN factline_sources s ON s.id = c.source",
    )?;
    let mut out = Vec::with_capacity(rare.len());
    for keys in rare {
        let rows = client.query(&candidates, &[keys, &PER_PASSAGE])?;
        out.push(
            rows.iter()
                .map(|r| (r.get(0), r.get(1), r.get(2)))
                .collect(),
        );
    }
    Ok(out)
}

/// The candidates of each of `rare`, the same rows [`candidates_each`]
/// returns, asked in statements of [`BATCH`] passages: the passages'
/// keys go as two parallel arrays (passage number, key), regrouped in the
/// database, and each passage's top [`PER_PASSAGE`] are read from the GIN
/// index in a `LATERAL` subquery (their sources' keys joined to those
/// few rows only, not to every passage the keys reach); the rows come back
/// tagged with their passage and are split here.
fn candidates_batched(
    client: &mut Client,
    rare: &[Vec<i64>],
) -> Result<Vec<Vec<Candidate>>, StoreError> {
    let statement = client.prepare(
        "WITH q AS (
             SELECT n, array_agg(k) AS keys
             FROM unnest($1::integer[], $2::bigint[]) AS t(n, k) GROUP BY n)
         SELECT q.n, c.source, s.key, c.shared FROM q CROSS JOIN LATERAL (
             SELECT p.source,
                    cardinality(ARRAY(SELECT unnest(p.keys) INTERSECT SELECT unnest(q.keys))) AS shared
             FROM factline_passages p
             WHERE p.keys && q.keys
             ORDER BY 2 DESC, p.source LIMIT $3) c
         JOIN factline_sources s ON s.id = c.source",
    )?;
    let mut out: Vec<Vec<Candidate>> = vec![Vec::new(); rare.len()];
    for (chunk, batch) in rare.chunks(BATCH).enumerate() {
        let mut numbers: Vec<i32> = Vec::new();
        let mut keys: Vec<i64> = Vec::new();
        for (n, passage) in batch.iter().enumerate() {
            numbers.extend(std::iter::repeat_n(n as i32, passage.len()));
            keys.extend_from_slice(passage);
        }
        for r in client.query(&statement, &[&numbers, &keys, &PER_PASSAGE])? {
            let n: i32 = r.get(0);
            if let Some(slot) = out.get_mut(chunk * BATCH + n as usize) {
                slot.push((r.get(1), r.get(2), r.get(3)));
            }
        }
    }
    Ok(out)
}

/// `url` without its password, for messages.
pub fn redact(url: &str) -> String {
    // postgres://user:secret@host/db → postgres://user:***@host/db
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    match rest.split_once('@') {
        Some((user, host)) => match user.split_once(':') {
            Some((name, _)) => format!("{scheme}://{name}:***@{host}"),
            None => url.to_string(),
        },
        None => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_not_shown() {
        assert_eq!(
            redact("postgres://desk:s3cret@db.example/news"),
            "postgres://desk:***@db.example/news"
        );
        assert_eq!(redact("postgres://db/news"), "postgres://db/news");
        assert!(is_url("postgresql://x/y") && !is_url("/tmp/index"));
    }
}
