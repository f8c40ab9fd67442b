//! What the analysis can be told: per-rule switches and each detector's
//! options. Parsing and validating configuration files happens outside
//! `analysis` (in `crate::config`); this is the already-validated result.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use super::{DocId, Severity};

/// Per-rule configuration.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RuleSettings {
    pub enabled: bool,
    /// `None` keeps the rule's default severity.
    pub severity: Option<Severity>,
}

impl Default for RuleSettings {
    fn default() -> Self {
        Self {
            enabled: true,
            severity: None,
        }
    }
}

/// Validated analysis settings.
#[derive(Clone, Debug, Default)]
pub struct Settings {
    /// Keyed by rule code; a rule that is absent uses [`RuleSettings::default`].
    pub rules: HashMap<String, RuleSettings>,
    /// Options of the boilerplate detector (`boilerplate.*` keys).
    pub boilerplate: BoilerplateSettings,
    /// Which documents are drafts: verified against the sources, never
    /// used as one (the host decides: `drafts` globs, `--draft`, documents
    /// open in the editor outside the indexed sources).
    pub drafts: Drafts,
    /// The languages whose documents are checked (`languages`); empty
    /// checks every document. A document in another language (or one
    /// whose language is not known) gets no findings.
    pub languages: Vec<super::language::Lang>,
}

/// The documents that are drafts, by id. Cheap to clone.
#[derive(Clone, Debug, Default)]
pub struct Drafts(Arc<HashSet<DocId>>);

impl Drafts {
    pub fn new(ids: impl IntoIterator<Item = DocId>) -> Self {
        Self(Arc::new(ids.into_iter().collect()))
    }

    pub fn contains(&self, id: &DocId) -> bool {
        self.0.contains(id)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// A digest of which documents are drafts, the same whatever order
    /// they were named in: results kept from an earlier check that read
    /// whether a document is a draft hold only while it is unchanged.
    pub fn digest(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        self.0
            .iter()
            .map(|id| {
                let mut h = std::hash::DefaultHasher::new();
                id.hash(&mut h);
                h.finish()
            })
            .fold(self.0.len() as u64, u64::wrapping_add)
    }
}

/// `boilerplate.extra_patterns` and `boilerplate.allow`, compiled.
///
/// Both are matched against a whole line with its surrounding white space
/// trimmed (use `^…$` to anchor); matching is case-insensitive unless the
/// pattern turns it off with `(?-i)`.
#[derive(Clone, Debug, Default)]
pub struct BoilerplateSettings {
    /// Lines matching one of these are page furniture, wherever they are.
    pub extra_patterns: Vec<regex::Regex>,
    /// Lines matching one of these are never flagged (they win over
    /// everything, including `extra_patterns`).
    pub allow: Vec<regex::Regex>,
}

impl Settings {
    pub fn rule(&self, code: &str) -> RuleSettings {
        self.rules.get(code).copied().unwrap_or_default()
    }

    /// Whether documents in `lang` are checked (see [`Settings::languages`]).
    pub fn checks_language(&self, lang: super::language::Lang) -> bool {
        self.languages.is_empty() || self.languages.contains(&lang)
    }
}
