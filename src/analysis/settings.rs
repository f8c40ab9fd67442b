//! What the analysis can be told: per-rule switches and each detector's
//! options. Parsing and validating configuration files happens outside
//! `analysis` (in `crate::config`); this is the already-validated result.

use std::collections::HashMap;

use super::Severity;

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
}

impl Settings {
    pub fn rule(&self, code: &str) -> RuleSettings {
        self.rules.get(code).copied().unwrap_or_default()
    }
}
