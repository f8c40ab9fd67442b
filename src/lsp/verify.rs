//! Verification of drafts in the editor.
//!
//! - Which documents are drafts ([`State::drafts`]): the documents matched
//!   by the `drafts` globs (relative to a workspace root), and open
//!   documents outside every workspace root (they are not indexed sources).
//! - The `unsourced-claim` diagnostics of a draft are computed after its
//!   other diagnostics are published, never on the keystroke path
//!   ([`State::run_verification`], driven by the worker; it gives up as
//!   soon as a newer edit is queued). Until then the previous ones are kept
//!   where their sentence still stands, so they do not flicker.
//! - `textDocument/documentSymbol`: the claims outline of a document,
//!   ranked (contradicted, unsourced, corroborated; most check-worthy
//!   first), so outline views and symbol pickers list what is left to check.
//! - A code lens above each claim of a draft with its counts, and the
//!   claim's section of the hover ("Reported by 2 of 3 sources …"), both
//!   read from the draft's verification rather than computed again.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex};

use tower_lsp_server::ls_types::{CodeLens, Command, DocumentSymbol, SymbolKind};

use super::convert;
use super::state::{Publish, State, id_path, lock, read};
use crate::analysis::settings::Drafts;
use crate::analysis::verify::{self, Claim, Status, Verification};
use crate::analysis::{Corpus, DocAnalysis, DocId, Finding, Settings, rules};
use crate::document::Document;

/// The rule whose findings come from verification.
pub const RULE: &str = "unsourced-claim";

/// The verification of one draft at one version.
#[derive(Debug, Clone)]
pub struct Verified {
    pub version: i32,
    pub verification: Arc<Verification>,
    /// Its `unsourced-claim` findings.
    pub findings: Vec<Finding>,
}

impl State {
    /// The drafts among the corpus and the open documents.
    pub fn drafts(&self) -> Drafts {
        let globs = read(&self.config).config.drafts.clone();
        let roots = read(&self.roots).clone();
        let set = crate::workspace::exclude_set(&globs);
        let open: Vec<DocId> = lock(&self.open).keys().cloned().collect();
        let mut ids: Vec<DocId> = Vec::new();
        let matches = |id: &DocId| -> bool {
            if globs.is_empty() {
                return false;
            }
            let Some(path) = id_path(id) else {
                return false;
            };
            let path = crate::paths::lexical(&path);
            roots.iter().any(|root| {
                crate::paths::is_inside(root, &path)
                    && crate::workspace::is_excluded(&crate::paths::lexical(root), &path, &set)
            })
        };
        for id in &open {
            let outside = match id_path(id) {
                Some(path) => !roots.is_empty() && !self.in_workspace(&path),
                None => true,
            };
            if outside || matches(id) {
                ids.push(id.clone());
            }
        }
        if !globs.is_empty() {
            let corpus = read(&self.corpus);
            ids.extend(corpus.docs().map(|d| d.id.clone()).filter(|id| matches(id)));
        }
        Drafts::new(ids)
    }

    /// The settings the keystroke path checks with: `unsourced-claim`, the
    /// only reader of the drafts, is left to [`State::run_verification`],
    /// so the drafts need not be worked out on every keystroke.
    pub fn edit_settings(&self) -> Arc<Settings> {
        let mut settings = (*self.settings()).clone();
        let mut rule = settings.rule(RULE);
        rule.enabled = false;
        settings.rules.insert(RULE.to_string(), rule);
        Arc::new(settings)
    }

    /// Verifies the open drafts among `ids` whose results are current and
    /// returns the diagnostics to publish again. `None` when `stop` said a
    /// newer edit is queued.
    pub fn run_verification(&self, ids: &[DocId], stop: &dyn Fn() -> bool) -> Option<Vec<Publish>> {
        let settings = self.settings();
        let rule = settings.rule(RULE);
        let drafts = self.drafts();
        let mut publishes = Vec::new();
        for id in ids {
            if !drafts.contains(id) {
                continue;
            }
            let (analysis, version) = {
                let results = lock(&self.results);
                let Some(r) = results.get(id) else { continue };
                let Some(a) = r.analysis.clone() else {
                    continue;
                };
                (a, r.version)
            };
            let landing = self.verifier.start(id, &analysis);
            let verification = {
                let corpus = read(&self.corpus);
                let is_source = |d: &DocAnalysis| !drafts.contains(&d.id);
                Arc::new(self.verifier.verify(&analysis, &corpus, &is_source, stop)?)
            };
            landing.land(Some(verification.clone()));
            let findings = if rule.enabled && verification.sources > 0 {
                let meta = rules::meta(RULE).expect("the rule is registered");
                unsourced_findings(&verification, meta, rule.severity)
            } else {
                Vec::new()
            };
            let enc = self.encoding();
            let current = lock(&self.open).get(id).map(|o| (o.uri.clone(), o.version));
            let mut results = lock(&self.results);
            let Some(r) = results.get_mut(id) else {
                continue;
            };
            if r.version != version || current.as_ref().map(|c| c.1) != Some(version) {
                continue;
            }
            r.verified = Some(Verified {
                version,
                verification,
                findings,
            });
            let corpus = read(&self.corpus);
            let mut cache = HashMap::new();
            let diagnostics = self.diagnostics_of(r, &corpus, enc, &mut cache);
            if diagnostics != r.published
                && let Some((uri, _)) = current
            {
                r.published = diagnostics.clone();
                publishes.push(Publish {
                    uri,
                    version,
                    diagnostics,
                });
            }
        }
        Some(publishes)
    }

    /// The verification of an open document at its current version (see
    /// [`State::verification_for`]).
    pub fn verification_of(
        &self,
        id: &DocId,
    ) -> Option<(Arc<DocAnalysis>, Document, Arc<Verification>)> {
        let snap = self.snapshot(id)?;
        let v = self.verification_for(&snap.analysis);
        Some((snap.analysis, snap.doc, v))
    }

    /// The verification of `analysis`: the stored one when it is of this
    /// analysis, else the one under way (waited for), else computed now
    /// with the draft's claim cache (not stored).
    fn verification_for(&self, analysis: &Arc<DocAnalysis>) -> Arc<Verification> {
        {
            let results = lock(&self.results);
            if let Some(r) = results.get(&analysis.id)
                && let Some(v) = &r.verified
                && v.version == r.version
                && r.analysis
                    .as_ref()
                    .is_some_and(|a| Arc::ptr_eq(a, analysis))
            {
                return v.verification.clone();
            }
        }
        if let Some(v) = self.verifier.wait(analysis) {
            return v;
        }
        let drafts = self.drafts();
        let corpus = read(&self.corpus);
        let is_source = |d: &DocAnalysis| !drafts.contains(&d.id);
        let v = self
            .verifier
            .verify(analysis, &corpus, &is_source, &|| false)
            .unwrap_or_default();
        Arc::new(v)
    }

    /// `textDocument/documentSymbol`: the claims, ranked, each with its
    /// status and counts.
    pub fn document_symbols(&self, id: &DocId) -> Option<Vec<DocumentSymbol>> {
        let (analysis, doc, v) = self.verification_of(id)?;
        let enc = self.encoding();
        let symbols = v
            .ranked()
            .into_iter()
            .map(|claim| {
                let range = convert::span_range(&doc, claim.span.clone(), enc);
                #[allow(deprecated)]
                DocumentSymbol {
                    name: format!(
                        "{} · {}",
                        claim.status.as_str(),
                        crate::analysis::related::shorten(analysis.slice(claim.span.clone()), 90)
                    ),
                    detail: Some(format!(
                        "{} · score {}",
                        counts(claim, v.sources),
                        claim.score
                    )),
                    kind: match claim.status {
                        Status::Contradicted => SymbolKind::EVENT,
                        Status::Unsourced => SymbolKind::KEY,
                        Status::Corroborated => SymbolKind::STRING,
                    },
                    tags: None,
                    deprecated: None,
                    range,
                    selection_range: range,
                    children: None,
                }
            })
            .collect();
        Some(symbols)
    }

    /// A code lens above each claim of a draft, with its counts (from the
    /// stored verification only: lenses never wait for one).
    pub fn claim_lenses(&self, id: &DocId) -> Vec<CodeLens> {
        if !self.drafts().contains(id) {
            return Vec::new();
        }
        let results = lock(&self.results);
        let Some(r) = results.get(id) else {
            return Vec::new();
        };
        let Some(v) = r.verified.as_ref().filter(|v| v.version == r.version) else {
            return Vec::new();
        };
        let enc = self.encoding();
        v.verification
            .claims
            .iter()
            .map(|claim| CodeLens {
                range: convert::span_range(&r.doc, claim.span.start..claim.span.start, enc),
                command: Some(Command {
                    title: format!(
                        "{}: {}",
                        claim.status.as_str(),
                        counts(claim, v.verification.sources)
                    ),
                    command: String::new(),
                    arguments: None,
                }),
                data: None,
            })
            .collect()
    }

    /// The claim section of a hover at `offset` of an open document:
    /// "**Claim** (corroborated) · Reported by 2 of 3 sources: a.txt:4, …".
    /// A draft's claim is read from its verification (the stored one, or
    /// the one under way: [`State::verification_for`]), never verified a
    /// second time; another document's claim is verified alone.
    pub fn claim_hover(&self, analysis: &Arc<DocAnalysis>, offset: usize) -> Option<String> {
        let drafts = self.drafts();
        let (claim, sources) = if drafts.contains(&analysis.id) {
            let v = self.verification_for(analysis);
            (v.claim_at(offset)?.clone(), v.sources)
        } else {
            let corpus = read(&self.corpus);
            let is_source = |d: &DocAnalysis| !drafts.contains(&d.id) && d.id != analysis.id;
            let claim = self
                .verifier
                .claim_at(analysis, &corpus, &is_source, offset)?;
            let sources = corpus
                .docs()
                .filter(|d| d.id != analysis.id && is_source(d))
                .count();
            (claim, sources)
        };
        if sources == 0 {
            return None;
        }
        let corpus = read(&self.corpus);
        let location = |id: &DocId, at: usize| {
            corpus
                .get(id)
                .map(|d| d.location(at))
                .unwrap_or_else(|| id.to_string())
        };
        let mut md = format!(
            "**Claim** ({}): reported by {} of {} sources",
            claim.status.as_str(),
            claim.supporting_sources(),
            sources
        );
        if !claim.support.is_empty() {
            let list: Vec<String> = claim
                .support
                .iter()
                .map(|e| location(&e.doc, e.span.start))
                .collect();
            md.push_str(&format!(": {}", list.join(", ")));
        }
        for e in &claim.contradictions {
            md.push_str(&format!(
                " · contradicted by {}: {}",
                location(&e.doc, e.span.start),
                e.reason
            ));
        }
        md.push_str(&format!("  \n*worth checking: {}*", claim.worth_summary()));
        Some(md)
    }
}

/// Verification work shared between the background run and requests: each
/// draft's claim cache, and the verification under way, so a request
/// that arrives while it runs waits for its result instead of doing the
/// same work a second time. Leaf locks: no other lock is taken while one
/// is held, except that a draft's cache is locked during its verification
/// (with the corpus read).
#[derive(Debug, Default)]
pub struct Verifier {
    /// Each draft's cache, locked for the length of a verification: a
    /// request that finds no run under way but comes while one starts
    /// waits for it, then reuses its claims.
    caches: Mutex<HashMap<DocId, Arc<Mutex<CacheEntry>>>>,
    flights: Mutex<HashMap<DocId, Arc<Flight>>>,
    /// Claims compared with the sources by the verifications that ran to
    /// the end since the server started (claims taken from a claim cache
    /// are not): `factline/status` reports it, so that a test sees a
    /// request reuse a verification.
    claims_compared: AtomicU64,
}

/// A draft's claim cache, with the sources it was made against (held, so
/// that a source replaced later cannot take a freed one's address and pass
/// for it).
#[derive(Debug, Default)]
struct CacheEntry {
    cache: verify::ClaimCache,
    sources: Vec<Arc<DocAnalysis>>,
}

/// A verification under way of one analysis of a draft.
#[derive(Debug)]
struct Flight {
    analysis: Arc<DocAnalysis>,
    outcome: Mutex<Option<Option<Arc<Verification>>>>,
    done: Condvar,
}

/// Marks its flight given up if the verification ends without a result
/// (a newer edit stopped it, or it panicked), so nobody waits for ever.
struct Landing<'a> {
    verifier: &'a Verifier,
    id: DocId,
    flight: Arc<Flight>,
}

impl Landing<'_> {
    fn land(self, outcome: Option<Arc<Verification>>) {
        *lock(&self.flight.outcome) = Some(outcome);
        self.flight.done.notify_all();
    }
}

impl Drop for Landing<'_> {
    fn drop(&mut self) {
        {
            let mut o = lock(&self.flight.outcome);
            if o.is_none() {
                *o = Some(None);
            }
        }
        self.flight.done.notify_all();
        let mut flights = lock(&self.verifier.flights);
        if flights
            .get(&self.id)
            .is_some_and(|f| Arc::ptr_eq(f, &self.flight))
        {
            flights.remove(&self.id);
        }
    }
}

impl Verifier {
    /// Claims a draft's verification of `analysis`; a request for the
    /// same analysis then waits on it ([`Verifier::wait`]).
    fn start(&self, id: &DocId, analysis: &Arc<DocAnalysis>) -> Landing<'_> {
        let flight = Arc::new(Flight {
            analysis: analysis.clone(),
            outcome: Mutex::new(None),
            done: Condvar::new(),
        });
        lock(&self.flights).insert(id.clone(), flight.clone());
        Landing {
            verifier: self,
            id: id.clone(),
            flight,
        }
    }

    /// The result of the verification of `analysis` under way, once it
    /// lands; `None` when none is under way or it was given up.
    fn wait(&self, analysis: &Arc<DocAnalysis>) -> Option<Arc<Verification>> {
        let flight = lock(&self.flights).get(&analysis.id).cloned()?;
        if !Arc::ptr_eq(&flight.analysis, analysis) {
            return None;
        }
        let mut outcome = lock(&flight.outcome);
        while outcome.is_none() {
            outcome = flight
                .done
                .wait(outcome)
                .unwrap_or_else(std::sync::PoisonError::into_inner);
        }
        outcome.clone().flatten()
    }

    /// The claim at `offset` of `analysis` verified alone (for a document
    /// that is not a draft, which has no verification to read it from).
    fn claim_at(
        &self,
        analysis: &DocAnalysis,
        corpus: &Corpus,
        is_source: &dyn Fn(&DocAnalysis) -> bool,
        offset: usize,
    ) -> Option<Claim> {
        let claim = verify::claim_at(analysis, corpus, is_source, offset)?;
        self.count(1);
        Some(claim)
    }

    /// Counts `n` claims compared with the sources.
    fn count(&self, n: usize) {
        self.claims_compared.fetch_add(n as u64, Ordering::Relaxed);
    }

    /// Claims compared with the sources so far (see the field).
    pub fn claims_compared(&self) -> u64 {
        self.claims_compared.load(Ordering::Relaxed)
    }

    /// Verifies `analysis` with the draft's claim cache.
    fn verify(
        &self,
        analysis: &DocAnalysis,
        corpus: &Corpus,
        is_source: &dyn Fn(&DocAnalysis) -> bool,
        stop: &dyn Fn() -> bool,
    ) -> Option<Verification> {
        let mut sources: Vec<Arc<DocAnalysis>> = corpus
            .docs()
            .filter(|d| d.id != analysis.id && is_source(d))
            .cloned()
            .collect();
        sources.sort_by_key(|d| Arc::as_ptr(d) as usize);
        let fingerprint = {
            use std::hash::{Hash, Hasher};
            let mut h = std::collections::hash_map::DefaultHasher::new();
            for d in &sources {
                (Arc::as_ptr(d) as usize).hash(&mut h);
            }
            h.finish()
        };
        let slot = {
            let mut caches = lock(&self.caches);
            if caches.len() >= MAX_CACHED_DRAFTS && !caches.contains_key(&analysis.id) {
                caches.clear();
            }
            caches.entry(analysis.id.clone()).or_default().clone()
        };
        let mut entry = lock(&slot);
        entry.sources = sources;
        let v = verify::verify_cached(
            analysis,
            corpus,
            is_source,
            fingerprint,
            &mut entry.cache,
            stop,
        );
        if v.is_some() {
            self.count(entry.cache.verified);
        }
        v
    }
}

/// Drafts whose claim caches are kept; past it they start over.
const MAX_CACHED_DRAFTS: usize = 64;

/// "2 of 3 sources", "contradicted by 1 source".
fn counts(claim: &Claim, sources: usize) -> String {
    let against = {
        let mut docs: Vec<&DocId> = claim.contradictions.iter().map(|e| &e.doc).collect();
        docs.sort();
        docs.dedup();
        docs.len()
    };
    let mut s = format!(
        "{} of {} sources report it",
        claim.supporting_sources(),
        sources
    );
    if against > 0 {
        s.push_str(&format!(
            ", {against} contradict{}",
            if against == 1 { "s" } else { "" }
        ));
    }
    s
}

/// The `unsourced-claim` findings of a verification.
fn unsourced_findings(
    v: &Verification,
    meta: &'static rules::RuleMeta,
    severity: Option<crate::analysis::Severity>,
) -> Vec<Finding> {
    v.claims
        .iter()
        .filter(|c| c.status == Status::Unsourced)
        .map(|c| {
            let mut f = Finding::new(meta, c.span.clone(), rules::unsourced_message(c, v.sources));
            if let Some(s) = severity {
                f.severity = s;
            }
            f
        })
        .collect()
}

/// The previous verification's findings moved onto a new text: each where
/// its sentence still stands, verbatim (nearest its old place), dropped
/// otherwise.
pub fn carry_over(old: &Verified, old_text: &str, new_text: &str) -> Vec<Finding> {
    old.findings
        .iter()
        .filter_map(|f| {
            let sentence = old_text.get(f.span.clone())?;
            let mut best: Option<usize> = None;
            for (at, _) in new_text.match_indices(sentence) {
                if best.is_none_or(|b| at.abs_diff(f.span.start) < b.abs_diff(f.span.start)) {
                    best = Some(at);
                }
            }
            let at = best?;
            let mut moved = f.clone();
            moved.span = at..at + sentence.len();
            Some(moved)
        })
        .collect()
}
