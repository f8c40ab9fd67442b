//! Findings kept between runs of `factline check`, with the state they
//! were computed against.
//!
//! A document's findings depend on its own analysis, on every other
//! document of the corpus (the cross-document rules), on the settings and
//! on the code that computed them. [`CheckState`] hashes all of it: each
//! source's name, key, text hash (or why it could not be read) and whether
//! it is checked, every setting that shapes findings, and the build of
//! factline itself. A check stores each checked document's findings under
//! that hash; the next check over the same state takes them back without
//! decoding a single analysis or building the corpus, and any change
//! (one source edited, added or removed, a setting, a rebuilt binary)
//! gives another hash, so every document is checked afresh. Findings are
//! stored before the reviewed list filters them, each with the hash of
//! the sentence it is in, so marking a finding as reviewed needs no new
//! check either.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::index::{key_of, settings_fingerprint};
use super::store::{Entry, Store, text_hash};
use crate::analysis::{DocAnalysis, DocId, Edit, Finding, Fix, Related, Settings, Severity};
use crate::workspace;

/// What one check was computed against, as a hash.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CheckState(pub u64);

/// One source as a check sees it.
#[derive(Clone)]
pub struct SourceState<'a> {
    /// The id its findings and related places are reported under.
    pub id: &'a str,
    /// Its key in the index ([`super::index::key_of`]).
    pub key: &'a str,
    /// [`text_hash`] of its text, or why it could not be read.
    pub text: Result<u64, String>,
    /// Whether its findings are reported (else it is only compared with).
    pub checked: bool,
}

impl CheckState {
    /// The state of a check of `sources` (in the order they are loaded)
    /// with `settings`, by this build of factline.
    pub fn new(settings: &Settings, sources: &[SourceState<'_>]) -> Self {
        let mut text = String::with_capacity(64 + sources.len() * 96);
        text.push_str(build_id());
        text.push('\u{1e}');
        text.push_str(&settings_text(settings));
        for s in sources {
            text.push('\u{1e}');
            text.push_str(s.id);
            text.push('\u{1f}');
            text.push_str(s.key);
            text.push('\u{1f}');
            match &s.text {
                Ok(hash) => text.push_str(&format!("{hash:016x}")),
                Err(why) => {
                    text.push('!');
                    text.push_str(why);
                }
            }
            text.push(if s.checked { '+' } else { '-' });
            if settings.drafts.contains(&DocId::new(s.id)) {
                text.push('d');
            }
        }
        Self(text_hash(text.as_bytes()))
    }
}

/// Every setting that changes what `check` reports, written out in a
/// stable order (rules sorted by code).
fn settings_text(settings: &Settings) -> String {
    let rules: BTreeMap<&str, String> = settings
        .rules
        .iter()
        .map(|(code, r)| (code.as_str(), format!("{}:{:?}", r.enabled, r.severity)))
        .collect();
    // Which sources are drafts is written with each source.
    format!(
        "{:016x}\u{1f}{rules:?}\u{1f}{:?}",
        settings_fingerprint(settings),
        settings.languages,
    )
}

/// What tells this build of factline from another: its version and, for
/// the running executable, its size and modification time, so a rebuilt
/// binary (rules changed, same version number) never takes findings an
/// older one stored.
pub fn build_id() -> &'static str {
    static ID: OnceLock<String> = OnceLock::new();
    ID.get_or_init(|| {
        let exe = std::env::current_exe()
            .ok()
            .map(|p| super::index::stamp(&p))
            .unwrap_or((0, 0));
        format!("{}:{}:{}", env!("CARGO_PKG_VERSION"), exe.0, exe.1)
    })
}

/// A finding as stored: the analysis's [`Finding`] with its rule code as
/// text and the hash of the sentence it is in.
#[derive(Serialize, Deserialize)]
struct Stored {
    code: String,
    severity: u8,
    span: Range<usize>,
    message: String,
    related: Vec<(String, Range<usize>, String)>,
    fixes: Vec<(String, Vec<StoredEdit>)>,
    unnecessary: bool,
    sentence: String,
}

/// An edit of a stored fix: the span replaced and the new text.
type StoredEdit = (Range<usize>, String);

/// A finding taken back from the store, with its sentence hash.
pub type Kept = (Finding, String);

/// Encodes the findings of `doc` (before the reviewed list filters them).
pub fn encode(doc: &DocAnalysis, findings: &[Finding]) -> Option<Vec<u8>> {
    let stored: Vec<Stored> = findings
        .iter()
        .map(|f| Stored {
            code: f.code.to_string(),
            severity: Severity::ALL
                .iter()
                .position(|s| *s == f.severity)
                .unwrap_or(0) as u8,
            span: f.span.clone(),
            message: f.message.clone(),
            related: f
                .related
                .iter()
                .map(|r| {
                    (
                        r.doc.as_str().to_string(),
                        r.span.clone(),
                        r.message.clone(),
                    )
                })
                .collect(),
            fixes: f
                .fixes
                .iter()
                .map(|x| {
                    (
                        x.title.clone(),
                        x.edits
                            .iter()
                            .map(|e| (e.span.clone(), e.text.clone()))
                            .collect(),
                    )
                })
                .collect(),
            unnecessary: f.unnecessary,
            sentence: crate::reviewed::finding_hash(doc, &f.span),
        })
        .collect();
    postcard::to_stdvec(&stored).ok()
}

/// Decodes what [`encode`] stored; `None` when it cannot be read (a
/// damaged row, a rule that no longer exists): the caller checks again.
pub fn decode(blob: &[u8]) -> Option<Vec<Kept>> {
    let stored: Vec<Stored> = postcard::from_bytes(blob).ok()?;
    stored
        .into_iter()
        .map(|s| {
            let code = crate::analysis::rules::all_meta()
                .map(|m| m.code)
                .find(|c| *c == s.code)?;
            let severity = *Severity::ALL.get(s.severity as usize)?;
            let finding = Finding {
                code,
                severity,
                span: s.span,
                message: s.message,
                related: s
                    .related
                    .into_iter()
                    .map(|(doc, span, message)| Related {
                        doc: DocId::new(doc),
                        span,
                        message,
                    })
                    .collect(),
                fixes: s
                    .fixes
                    .into_iter()
                    .map(|(title, edits)| Fix {
                        title,
                        edits: edits
                            .into_iter()
                            .map(|(span, text)| Edit { span, text })
                            .collect(),
                    })
                    .collect(),
                unnecessary: s.unnecessary,
            };
            Some((finding, s.sentence))
        })
        .collect()
}

/// What a check over an unchanged state takes back from the store.
pub struct Reused {
    /// Each source's text, or why it could not be read, in order.
    pub texts: Vec<Result<Arc<str>, String>>,
    /// Each source's findings, in order: `Some` for the checked sources
    /// that could be read, `None` for the others.
    pub findings: Vec<Option<Vec<Kept>>>,
}

/// Reads `sources` (each with its id and whether it is checked) and, when
/// `store` holds the findings of every checked one under the state they
/// make with `settings` now, returns them with the texts; `None` when one
/// is missing (something changed: the caller checks afresh).
pub fn reuse(
    store: &dyn Store,
    sources: &[(PathBuf, DocId, bool)],
    settings: &Settings,
    max_bytes: u64,
) -> Option<Reused> {
    let read: Vec<(Result<Arc<str>, String>, String)> = sources
        .par_iter()
        .map(|(path, _, _)| {
            let text = workspace::read_source(path, max_bytes)
                .map(Arc::from)
                .map_err(|e| e.to_string());
            (text, key_of(path))
        })
        .collect();
    let states: Vec<SourceState<'_>> = sources
        .iter()
        .zip(&read)
        .map(|((_, id, checked), (text, key))| SourceState {
            id: id.as_str(),
            key,
            text: text
                .as_ref()
                .map(|t| text_hash(t.as_bytes()))
                .map_err(Clone::clone),
            checked: *checked,
        })
        .collect();
    let state = CheckState::new(settings, &states);
    let wanted: Vec<&str> = states
        .iter()
        .filter(|s| s.checked && s.text.is_ok())
        .map(|s| s.key)
        .collect();
    let mut blobs = store.findings(state.0, &wanted).ok()?;
    if blobs.len() != wanted.len() {
        return None;
    }
    let findings: Vec<Option<Vec<Kept>>> = states
        .iter()
        .map(|s| {
            if s.checked && s.text.is_ok() {
                blobs.remove(s.key).and_then(|b| decode(&b)).map(Some)
            } else {
                Some(None)
            }
        })
        .collect::<Option<_>>()?;
    // Rows of files that are gone are dropped, as a full load does.
    if let Ok(entries) = store.entries() {
        let seen: HashSet<String> = read.iter().map(|(_, k)| k.clone()).collect();
        let _ = super::index::prune_missing(store, &entries, &seen);
    }
    Some(Reused {
        texts: read.into_iter().map(|(t, _)| t).collect(),
        findings,
    })
}

/// The key of the row that holds the list of sources of the last check
/// (no source's key is empty: keys are absolute paths).
pub const LIST_KEY: &str = "";

/// One source as the last check listed it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
struct Listed {
    key: String,
    id: String,
    text: Result<u64, String>,
    checked: bool,
    draft: bool,
}

/// The sources of a check, with what besides them its findings were
/// computed against (the build and the settings, as a hash).
#[derive(Serialize, Deserialize)]
struct List {
    base: u64,
    sources: Vec<Listed>,
}

/// A hash of what a check's findings depend on besides its sources.
fn base(settings: &Settings) -> u64 {
    text_hash(format!("{}\u{1e}{}", build_id(), settings_text(settings)).as_bytes())
}

fn listed(settings: &Settings, s: &SourceState<'_>) -> Listed {
    Listed {
        key: s.key.to_string(),
        id: s.id.to_string(),
        text: s.text.clone(),
        checked: s.checked,
        draft: settings.drafts.contains(&DocId::new(s.id)),
    }
}

/// The row to store beside a check's findings: its list of sources, so
/// that the next check can tell what changed ([`Previous`]).
pub fn list_row(settings: &Settings, sources: &[SourceState<'_>]) -> Option<(String, Vec<u8>)> {
    let list = List {
        base: base(settings),
        sources: sources.iter().map(|s| listed(settings, s)).collect(),
    };
    postcard::to_stdvec(&list)
        .ok()
        .map(|b| (LIST_KEY.to_string(), b))
}

/// The last check whose findings are stored, when it was made with the
/// same settings by this build, with the stored analyses of its sources
/// that are not among the sources now (read before loading drops them).
pub struct Previous {
    state: u64,
    sources: Vec<Listed>,
    gone: HashMap<String, (Entry, Vec<u8>)>,
}

impl Previous {
    /// Reads the last check of `store`; `now` are the keys of the sources
    /// about to be loaded. `None` when there is none to compare with.
    pub fn read(store: &dyn Store, settings: &Settings, now: &HashSet<String>) -> Option<Self> {
        let (state, blob) = store.last_check().ok()??;
        let list: List = postcard::from_bytes(&blob).ok()?;
        if list.base != base(settings) {
            return None;
        }
        let gone: Vec<&str> = list
            .sources
            .iter()
            .filter(|s| s.text.is_ok() && !now.contains(&s.key))
            .map(|s| s.key.as_str())
            .collect();
        let mut found = HashMap::new();
        if !gone.is_empty() {
            let entries = store.entries().ok()?;
            for (key, blob) in store.analyses(&gone).ok()? {
                if let Some(e) = entries.get(&key) {
                    found.insert(key, (e.clone(), blob));
                }
            }
        }
        Some(Self {
            state,
            sources: list.sources,
            gone: found,
        })
    }
}

/// What a check after a change takes from the last one.
pub struct Plan {
    /// The encoded findings of the checked sources the change does not
    /// reach, by key (the others are checked).
    pub kept: HashMap<String, Vec<u8>>,
}

/// Compares the sources now (`now`, loaded into `corpus`, in load order,
/// each with its analysis when it could be read) with the last check's
/// and returns the findings of the checked sources the change cannot
/// reach ([`super::reach`]); `replaced` holds the stored analyses loading
/// replaced ([`super::index::Loader::replaced`]). `None` when the last
/// check cannot be compared with (the order of the sources changed, one
/// was renamed or made a draft, an analysis before the change is no
/// longer stored): then every source is checked.
pub fn plan(
    store: &dyn Store,
    previous: Previous,
    now: &[(SourceState<'_>, Option<&Arc<DocAnalysis>>)],
    mut replaced: HashMap<String, (Entry, Vec<u8>)>,
    corpus: &crate::analysis::Corpus,
    settings: &Settings,
) -> Option<Plan> {
    let Previous {
        state,
        sources: before_list,
        mut gone,
    } = previous;
    let fingerprint = settings_fingerprint(settings);
    let now_keys: HashSet<&str> = now.iter().map(|(s, _)| s.key).collect();
    let before: HashMap<&str, &Listed> = before_list.iter().map(|l| (l.key.as_str(), l)).collect();
    // The sources both lists hold must be in the same order: the corpus
    // files them in load order, and comparisons meet candidates in it.
    let kept_order = now
        .iter()
        .map(|(s, _)| s.key)
        .filter(|k| before.contains_key(k));
    let old_order = before_list
        .iter()
        .map(|l| l.key.as_str())
        .filter(|k| now_keys.contains(k));
    if !kept_order.eq(old_order) {
        return None;
    }
    // The analysis stored for a source as the last check read it.
    let old_analysis =
        |l: &Listed, stored: Option<(Entry, Vec<u8>)>| -> Option<Option<Arc<DocAnalysis>>> {
            let Ok(hash) = l.text else {
                return Some(None);
            };
            let (entry, blob) = stored?;
            if entry.hash != hash || entry.settings != fingerprint {
                return None;
            }
            let doc: DocAnalysis = postcard::from_bytes(&blob).ok()?;
            Some(Some(Arc::new(
                doc.restore(DocId::new(l.id.clone()), Arc::from("")),
            )))
        };
    let mut changed: HashSet<&str> = HashSet::new();
    let (mut old_docs, mut new_docs) = (Vec::new(), Vec::new());
    for (s, doc) in now {
        let l = listed(settings, s);
        match before.get(s.key) {
            None => {
                changed.insert(s.key);
                new_docs.extend(doc.cloned());
            }
            Some(b) if b.id != l.id || b.draft != l.draft => return None,
            Some(b) if b.text == l.text => {
                if l.checked && !b.checked {
                    changed.insert(s.key);
                }
            }
            Some(b) => {
                changed.insert(s.key);
                old_docs.extend(old_analysis(b, replaced.remove(s.key))?);
                new_docs.extend(doc.cloned());
            }
        }
    }
    for l in before_list
        .iter()
        .filter(|l| !now_keys.contains(l.key.as_str()))
    {
        if l.draft {
            return None;
        }
        old_docs.extend(old_analysis(l, gone.remove(&l.key))?);
    }
    let footprint = super::reach::Footprint::new(&old_docs, &new_docs);
    let unchanged: Vec<(&str, &DocAnalysis)> = now
        .iter()
        .filter(|(s, _)| s.checked && !changed.contains(s.key))
        .filter_map(|(s, d)| Some((s.key, d.map(|d| &**d)?)))
        .collect();
    let reached = super::reach::reached(
        corpus,
        &footprint,
        &settings.drafts,
        unchanged.iter().map(|(_, d)| *d),
    );
    let wanted: Vec<&str> = unchanged
        .iter()
        .filter(|(_, d)| !reached.contains(&d.id))
        .map(|(k, _)| *k)
        .collect();
    let kept = store.findings(state, &wanted).ok()?;
    Some(Plan { kept })
}
