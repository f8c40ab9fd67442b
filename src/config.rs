//! Configuration: `factline.toml`, `--config FILE`, and the editor's
//! `initializationOptions` / `workspace/didChangeConfiguration` settings.
//!
//! Every source is read into a generic tree and *applied* on top of the
//! configuration built so far, key by key: the defaults, then the file, then
//! the editor's settings. A key with an invalid value produces one error that
//! names the key and its origin, and leaves the value it had before (so the
//! default stays in force). An unknown key produces a warning and is skipped.
//! Nothing here ever fails as a whole.

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

use serde_json::Value;

use crate::analysis::language::Lang;
use crate::analysis::{RuleSettings, Settings, Severity, rules};

/// The configuration file's name, looked up at the workspace root.
pub const FILE_NAME: &str = "factline.toml";

/// Default for [`Config::max_file_bytes`]: 2 MB is far more than any article
/// and small enough that analysing the file stays interactive.
pub const DEFAULT_MAX_FILE_BYTES: u64 = 2_000_000;

/// Every top-level or dotted key the configuration accepts. Editor packages
/// expose the same names under `factline.` (a test checks them).
pub const KEYS: &[&str] = &[
    "rules",
    "exclude",
    "drafts",
    "max_file_bytes",
    "inlay_hints",
    "workspace_diagnostics",
    "boilerplate.extra_patterns",
    "boilerplate.allow",
    "languages",
    "index.enabled",
    "index.path",
    "index.lazy_above",
    "store",
];

/// Default for [`Config::index_lazy_above`]. Below it the server holds
/// every source's analysis in memory (about 40 KB resident an article:
/// 377 MiB peak at 8,560 real articles) and every cross-document rule
/// reads the whole folder; above it, memory would pass 1 GB near 25,000
/// articles, so the server reads the index lazily instead (the open
/// documents and those the index proposes for them, see
/// `docs/archive.md`). 20,000 keeps the real 8,560-article folder on the
/// exact path with room to double.
pub const DEFAULT_INDEX_LAZY_ABOVE: usize = 20_000;

/// Default for [`Config::index_path`]: the folder that already holds the
/// workspace's reviewed list.
pub const DEFAULT_INDEX_PATH: &str = ".factline";

/// The validated configuration.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    /// Per-rule switches, by rule code.
    pub rules: BTreeMap<String, RuleSettings>,
    /// Globs (relative to the workspace root) of files and folders to leave out.
    pub exclude: Vec<String>,
    /// Globs (relative to the workspace root) of the drafts: the documents
    /// verified against the sources rather than used as sources. With none
    /// set, a document open in the editor that is not an indexed source is
    /// a draft, and `factline check` treats the files given with `--draft`.
    pub drafts: Vec<String>,
    /// Files given on the command line as drafts (`--draft`), besides the
    /// `drafts` globs. Not a configuration key.
    pub draft_files: Vec<std::path::PathBuf>,
    /// Larger files are left out of the corpus.
    pub max_file_bytes: u64,
    /// Whether the server sends inlay hints.
    pub inlay_hints: bool,
    /// Which files' findings an editor that pulls diagnostics is given.
    pub workspace_diagnostics: WorkspaceDiagnostics,
    /// `boilerplate.extra_patterns`: regexes of lines that are page furniture.
    pub boilerplate_extra_patterns: Vec<String>,
    /// `boilerplate.allow`: regexes of lines never flagged as boilerplate.
    pub boilerplate_allow: Vec<String>,
    /// `languages`: the languages of the documents to check ("en", "es");
    /// empty checks every document.
    pub languages: Vec<Lang>,
    /// `index.enabled`: keep the sources' analyses in an on-disk index at
    /// the workspace root, so a restart analyses only what changed.
    pub index_enabled: bool,
    /// `index.path`: the index folder, relative to the workspace root (it
    /// must stay inside it).
    pub index_path: String,
    /// `index.lazy_above`: past this many sources in the workspace the
    /// server reads the on-disk index lazily (the open documents and the
    /// stored documents related to them) instead of holding every
    /// source's analysis; `0` is always lazy. `check` always reads
    /// everything.
    pub index_lazy_above: usize,
    /// `store`: the desk-wide index (`postgres://…`), used beside the
    /// local folder for related passages, figures, corroboration and the
    /// reviewed findings. `None`: the local folder only.
    pub store: Option<String>,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            rules: BTreeMap::new(),
            exclude: Vec::new(),
            drafts: Vec::new(),
            draft_files: Vec::new(),
            max_file_bytes: DEFAULT_MAX_FILE_BYTES,
            inlay_hints: false,
            workspace_diagnostics: WorkspaceDiagnostics::All,
            boilerplate_extra_patterns: Vec::new(),
            boilerplate_allow: Vec::new(),
            languages: Vec::new(),
            index_enabled: true,
            index_path: DEFAULT_INDEX_PATH.to_string(),
            index_lazy_above: DEFAULT_INDEX_LAZY_ABOVE,
            store: None,
        }
    }
}

/// `workspace_diagnostics`: which files' findings the editor is given
/// when it pulls diagnostics (LSP 3.17).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum WorkspaceDiagnostics {
    /// Every source in the workspace, opened or not (VS Code's Problems
    /// panel lists them all).
    #[default]
    All,
    /// Only the documents open in the editor.
    Open,
}

/// How bad a configuration problem is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IssueLevel {
    /// A value was rejected; its previous value stays in force.
    Error,
    /// An unknown key was ignored.
    Warning,
}

/// One problem found while applying a configuration source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigIssue {
    pub level: IssueLevel,
    /// Where the value came from ("factline.toml", "editor settings").
    pub origin: String,
    /// The dotted key ("rules.boilerplate.severity").
    pub key: String,
    pub message: String,
}

impl fmt::Display for ConfigIssue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.level {
            IssueLevel::Error => "invalid",
            IssueLevel::Warning => "unknown key",
        };
        if self.key.is_empty() {
            write!(f, "{}: {level}: {}", self.origin, self.message)
        } else {
            write!(
                f,
                "{}: {level} `{}`: {}",
                self.origin, self.key, self.message
            )
        }
    }
}

impl Config {
    /// Parses TOML text and applies it. A syntax error rejects the whole
    /// source with one error (with TOML's line and column).
    pub fn apply_toml(&mut self, source: &str, origin: &str) -> Vec<ConfigIssue> {
        match toml::from_str::<Value>(source) {
            Ok(value) => self.apply(&value, origin),
            Err(err) => vec![ConfigIssue {
                level: IssueLevel::Error,
                origin: origin.to_string(),
                key: String::new(),
                message: format!("not valid TOML, defaults kept: {}", err.to_string().trim()),
            }],
        }
    }

    /// Reads and applies a TOML file.
    pub fn apply_file(&mut self, path: &Path) -> Vec<ConfigIssue> {
        let origin = path.display().to_string();
        match std::fs::read_to_string(path) {
            Ok(source) => self.apply_toml(&source, &origin),
            Err(err) => vec![ConfigIssue {
                level: IssueLevel::Error,
                origin,
                key: String::new(),
                message: format!("cannot read the file: {err}"),
            }],
        }
    }

    /// Applies editor settings: the object itself, or an object with a
    /// `factline` key (as `workspace/didChangeConfiguration` sends them).
    /// `null` changes nothing.
    pub fn apply_editor_settings(&mut self, value: &Value, origin: &str) -> Vec<ConfigIssue> {
        match value {
            Value::Null => Vec::new(),
            Value::Object(map) if map.len() == 1 && map.contains_key("factline") => {
                self.apply_editor_settings(&map["factline"], origin)
            }
            other => self.apply(other, origin),
        }
    }

    /// Applies a generic tree.
    pub fn apply(&mut self, value: &Value, origin: &str) -> Vec<ConfigIssue> {
        let mut cx = Applier {
            origin,
            issues: Vec::new(),
        };
        let Some(map) = value.as_object() else {
            cx.error(
                "",
                format!("expected a table of settings, found {}", kind(value)),
            );
            return cx.issues;
        };
        for (key, value) in map {
            match key.as_str() {
                "rules" => cx.rules(value, &mut self.rules),
                "exclude" => {
                    if let Some(globs) = cx.globs("exclude", value) {
                        self.exclude = globs;
                    }
                }
                "drafts" => {
                    if let Some(globs) = cx.globs("drafts", value) {
                        self.drafts = globs;
                    }
                }
                "max_file_bytes" => match value.as_u64() {
                    Some(n) if n > 0 => self.max_file_bytes = n,
                    _ => cx.error(
                        "max_file_bytes",
                        format!("expected a positive whole number of bytes, found {value}"),
                    ),
                },
                "inlay_hints" => {
                    if let Some(b) = cx.bool("inlay_hints", value) {
                        self.inlay_hints = b;
                    }
                }
                "workspace_diagnostics" => match value.as_str() {
                    Some("all") => self.workspace_diagnostics = WorkspaceDiagnostics::All,
                    Some("open") => self.workspace_diagnostics = WorkspaceDiagnostics::Open,
                    _ => cx.error(
                        "workspace_diagnostics",
                        format!("expected \"all\" or \"open\", found {value}"),
                    ),
                },
                "boilerplate" => cx.boilerplate(value, self),
                "languages" => {
                    if let Some(langs) = cx.languages(value) {
                        self.languages = langs;
                    }
                }
                "index" => cx.index(value, self),
                "store" => match value.as_str() {
                    Some("") => self.store = None,
                    Some(url) if crate::host::postgres::is_url(url) => {
                        self.store = Some(url.to_string())
                    }
                    _ => cx.error(
                        "store",
                        "expected a PostgreSQL URL (postgres://user@host/database)".to_string(),
                    ),
                },
                other => {
                    let top: Vec<&str> = KEYS
                        .iter()
                        .map(|k| k.split('.').next().unwrap_or(k))
                        .collect();
                    cx.unknown(other, &top)
                }
            }
        }
        cx.issues
    }

    /// The analysis settings this configuration stands for.
    pub fn settings(&self) -> Settings {
        Settings {
            rules: self.rules.iter().map(|(k, v)| (k.clone(), *v)).collect(),
            boilerplate: crate::analysis::BoilerplateSettings {
                // Validated when applied; an invalid one cannot be here.
                extra_patterns: compile_line_patterns(&self.boilerplate_extra_patterns),
                allow: compile_line_patterns(&self.boilerplate_allow),
            },
            // The host names the drafts (see `host::drafts_among`).
            drafts: Default::default(),
            languages: self.languages.clone(),
        }
    }
}

/// Whether `path` names a folder inside the workspace: relative, not
/// empty, and never climbing out with `..`.
fn index_path_ok(path: &str) -> bool {
    let p = Path::new(path);
    !path.trim().is_empty()
        && p.components().all(|c| {
            matches!(
                c,
                std::path::Component::Normal(_) | std::path::Component::CurDir
            )
        })
}

/// How close (Jaro-Winkler similarity, 0 to 1) a typed name must be to a
/// known one to be suggested. 0.8 catches a swapped, missing or doubled
/// letter and a `-` for `_` in names of this length ("max_file_byte",
/// "inlay-hints", "unatributed-quote") without suggesting unrelated names.
pub const SUGGESTION_SIMILARITY: f64 = 0.8;

/// The known name closest to `typed`, if it is close enough to be what was
/// meant (see [`SUGGESTION_SIMILARITY`]).
pub fn did_you_mean<'a>(typed: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let typed = typed.to_ascii_lowercase();
    known
        .into_iter()
        .map(|k| (strsim::jaro_winkler(&typed, &k.to_ascii_lowercase()), k))
        .filter(|(score, _)| *score >= SUGGESTION_SIMILARITY)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k)
}

struct Applier<'a> {
    origin: &'a str,
    issues: Vec<ConfigIssue>,
}

impl Applier<'_> {
    fn error(&mut self, key: &str, message: String) {
        self.issues.push(ConfigIssue {
            level: IssueLevel::Error,
            origin: self.origin.to_string(),
            key: key.to_string(),
            message,
        });
    }

    /// An unknown key; `known` are the names accepted where it stands.
    fn unknown(&mut self, key: &str, known: &[&str]) {
        let name = key.rsplit('.').next().unwrap_or(key);
        let message = match did_you_mean(name, known.iter().copied()) {
            Some(near) => format!("not a factline setting; ignored (did you mean `{near}`?)"),
            None => "not a factline setting; ignored".to_string(),
        };
        self.issues.push(ConfigIssue {
            level: IssueLevel::Warning,
            origin: self.origin.to_string(),
            key: key.to_string(),
            message,
        });
    }

    /// `languages`: a list of known language codes; any other value is
    /// rejected whole.
    fn languages(&mut self, value: &Value) -> Option<Vec<Lang>> {
        let known = || {
            [Lang::English, Lang::Spanish]
                .iter()
                .filter_map(|l| l.code())
                .map(|c| format!("\"{c}\""))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let Some(items) = value.as_array() else {
            self.error(
                "languages",
                format!(
                    "expected a list of language codes ({}), found {value}",
                    known()
                ),
            );
            return None;
        };
        let mut out = Vec::new();
        for item in items {
            match item.as_str().and_then(Lang::from_code) {
                Some(l) if !out.contains(&l) => out.push(l),
                Some(_) => {}
                None => {
                    self.error(
                        "languages",
                        format!("{item} is not a language factline reads ({})", known()),
                    );
                    return None;
                }
            }
        }
        Some(out)
    }

    fn bool(&mut self, key: &str, value: &Value) -> Option<bool> {
        let b = value.as_bool();
        if b.is_none() {
            self.error(key, format!("expected true or false, found {value}"));
        }
        b
    }

    fn globs(&mut self, key: &str, value: &Value) -> Option<Vec<String>> {
        let Some(items) = value.as_array() else {
            self.error(
                key,
                format!("expected a list of globs, found {}", kind(value)),
            );
            return None;
        };
        let mut out = Vec::new();
        for item in items {
            let Some(glob) = item.as_str() else {
                self.error(key, format!("expected a glob string, found {item}"));
                return None;
            };
            if let Err(err) = globset::Glob::new(glob) {
                self.error(key, format!("`{glob}` is not a valid glob: {err}"));
                return None;
            }
            out.push(glob.to_string());
        }
        Some(out)
    }

    /// A list of regexes; the whole list is rejected (and the previous
    /// value kept) when one of them does not compile.
    fn line_patterns(&mut self, key: &str, value: &Value) -> Option<Vec<String>> {
        let Some(items) = value.as_array() else {
            self.error(
                key,
                format!(
                    "expected a list of regular expressions, found {}",
                    kind(value)
                ),
            );
            return None;
        };
        let mut out = Vec::new();
        for item in items {
            let Some(pattern) = item.as_str() else {
                self.error(key, format!("expected a regex string, found {item}"));
                return None;
            };
            if let Err(err) = compile_line_pattern(pattern) {
                let err = err.to_string();
                let detail = err.lines().last().unwrap_or("").trim();
                self.error(
                    key,
                    format!("`{pattern}` is not a valid regular expression: {detail}"),
                );
                return None;
            }
            out.push(pattern.to_string());
        }
        Some(out)
    }

    /// The `[boilerplate]` table.
    fn boilerplate(&mut self, value: &Value, config: &mut Config) {
        let Some(map) = value.as_object() else {
            self.error(
                "boilerplate",
                format!(
                    "expected a table with `extra_patterns` and `allow`, found {}",
                    kind(value)
                ),
            );
            return;
        };
        for (field, value) in map {
            let key = format!("boilerplate.{field}");
            match field.as_str() {
                "extra_patterns" => {
                    if let Some(p) = self.line_patterns(&key, value) {
                        config.boilerplate_extra_patterns = p;
                    }
                }
                "allow" => {
                    if let Some(p) = self.line_patterns(&key, value) {
                        config.boilerplate_allow = p;
                    }
                }
                _ => self.unknown(&key, &["extra_patterns", "allow"]),
            }
        }
    }

    fn index(&mut self, value: &Value, config: &mut Config) {
        let Some(map) = value.as_object() else {
            self.error(
                "index",
                format!(
                    "expected a table with `enabled`, `path` and `lazy_above`, found {}",
                    kind(value)
                ),
            );
            return;
        };
        for (field, value) in map {
            let key = format!("index.{field}");
            match field.as_str() {
                "enabled" => {
                    if let Some(b) = self.bool(&key, value) {
                        config.index_enabled = b;
                    }
                }
                "path" => match value.as_str() {
                    Some(p) if index_path_ok(p) => config.index_path = p.to_string(),
                    _ => self.error(
                        &key,
                        format!("expected a relative folder inside the workspace, found {value}"),
                    ),
                },
                "lazy_above" => match value.as_u64() {
                    Some(n) => config.index_lazy_above = usize::try_from(n).unwrap_or(usize::MAX),
                    None => self.error(
                        &key,
                        format!("expected a number of sources (0 or more), found {value}"),
                    ),
                },
                _ => self.unknown(&key, &["enabled", "path", "lazy_above"]),
            }
        }
    }

    fn rules(&mut self, value: &Value, rules_out: &mut BTreeMap<String, RuleSettings>) {
        let Some(map) = value.as_object() else {
            self.error(
                "rules",
                format!("expected a table keyed by rule code, found {}", kind(value)),
            );
            return;
        };
        for (code, value) in map {
            let key = format!("rules.{code}");
            if rules::meta(code).is_none() {
                let known: Vec<&str> = rules::all_meta().map(|m| m.code).collect();
                let message = match did_you_mean(code, known.iter().copied()) {
                    Some(near) => format!("no rule has this code; did you mean `{near}`?"),
                    None => format!("no rule has this code; known rules: {}", known.join(", ")),
                };
                self.issues.push(ConfigIssue {
                    level: IssueLevel::Warning,
                    origin: self.origin.to_string(),
                    key,
                    message,
                });
                continue;
            }
            let mut rule = rules_out.get(code).copied().unwrap_or_default();
            match value {
                // `rules.boilerplate = false` is short for `enabled = false`.
                Value::Bool(b) => rule.enabled = *b,
                Value::Object(fields) => {
                    for (field, value) in fields {
                        let key = format!("{key}.{field}");
                        match field.as_str() {
                            "enabled" => {
                                if let Some(b) = self.bool(&key, value) {
                                    rule.enabled = b;
                                }
                            }
                            "severity" => match value.as_str().and_then(Severity::parse) {
                                Some(s) => rule.severity = Some(s),
                                None => self.error(
                                    &key,
                                    format!(
                                        "expected one of error, warning, information, hint; found {value}"
                                    ),
                                ),
                            },
                            _ => self.unknown(&key, &["enabled", "severity"]),
                        }
                    }
                }
                other => self.error(
                    &key,
                    format!(
                        "expected a table with `enabled` and `severity`, or true/false; found {}",
                        kind(other)
                    ),
                ),
            }
            rules_out.insert(code.clone(), rule);
        }
    }
}

/// Compiles a line pattern as the boilerplate detector uses it:
/// case-insensitive unless the pattern says otherwise.
fn compile_line_pattern(pattern: &str) -> Result<regex::Regex, regex::Error> {
    regex::RegexBuilder::new(pattern)
        .case_insensitive(true)
        .size_limit(1 << 20)
        .build()
}

fn compile_line_patterns(patterns: &[String]) -> Vec<regex::Regex> {
    patterns
        .iter()
        .filter_map(|p| compile_line_pattern(p).ok())
        .collect()
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "nothing",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "a table",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn file_then_editor_settings_layer_key_by_key() {
        let mut config = Config::default();
        let issues = config.apply_toml(
            r#"
            exclude = ["archive/**"]
            max_file_bytes = 5000
            [rules.weasel-attribution]
            severity = "information"
            "#,
            "factline.toml",
        );
        assert!(issues.is_empty(), "{issues:?}");
        let issues = config.apply_editor_settings(
            &json!({"factline": {"rules": {"weasel-attribution": {"enabled": false}}}}),
            "editor settings",
        );
        assert!(issues.is_empty(), "{issues:?}");
        assert_eq!(config.exclude, ["archive/**"]);
        assert_eq!(config.max_file_bytes, 5000);
        let rule = config.settings().rule("weasel-attribution");
        assert!(!rule.enabled);
        assert_eq!(rule.severity, Some(Severity::Information));
    }

    #[test]
    fn invalid_values_name_the_key_and_keep_the_default() {
        let mut config = Config::default();
        let issues = config.apply_toml(
            "max_file_bytes = -3\n[rules.weasel-attribution]\nseverity = \"loud\"\n",
            "factline.toml",
        );
        assert_eq!(issues.len(), 2);
        assert!(issues.iter().all(|i| i.level == IssueLevel::Error));
        let text: Vec<String> = issues.iter().map(ToString::to_string).collect();
        assert!(text.iter().any(|t| t.contains("`max_file_bytes`")));
        assert!(
            text.iter().any(
                |t| t.contains("`rules.weasel-attribution.severity`") && t.contains("\"loud\"")
            )
        );
        assert_eq!(config.max_file_bytes, DEFAULT_MAX_FILE_BYTES);
        assert_eq!(config.settings().rule("weasel-attribution").severity, None);
    }

    #[test]
    fn unknown_keys_warn_and_syntax_errors_keep_defaults() {
        let mut config = Config::default();
        let issues = config.apply(
            &json!({"colour": "red", "rules": {"no-such-rule": {}}}),
            "editor settings",
        );
        assert_eq!(issues.len(), 2);
        assert!(issues.iter().all(|i| i.level == IssueLevel::Warning));
        let issues = config.apply_toml("max_file_bytes = ", "factline.toml");
        assert_eq!(issues.len(), 1);
        assert!(issues[0].to_string().contains("not valid TOML"));
        assert_eq!(config.max_file_bytes, DEFAULT_MAX_FILE_BYTES);
        assert!(config.apply_editor_settings(&Value::Null, "x").is_empty());
    }

    #[test]
    fn unknown_keys_suggest_the_name_meant() {
        let mut config = Config::default();
        let issues = config.apply(
            &json!({
                "max_file_byte": 10,
                "inlay-hints": true,
                "rules": {"unatributed-quote": false, "boilerplate": {"severty": "hint"}},
                "boilerplate": {"allowed": []},
                "colour": "red",
            }),
            "factline.toml",
        );
        let text: Vec<String> = issues.iter().map(ToString::to_string).collect();
        let find = |key: &str| {
            text.iter()
                .find(|t| t.contains(&format!("`{key}`:")))
                .unwrap_or_else(|| panic!("{key}: {text:#?}"))
        };
        assert!(find("max_file_byte").contains("did you mean `max_file_bytes`?"));
        assert!(find("inlay-hints").contains("did you mean `inlay_hints`?"));
        assert!(find("rules.unatributed-quote").contains("did you mean `unattributed-quote`?"));
        assert!(find("rules.boilerplate.severty").contains("did you mean `severity`?"));
        assert!(find("boilerplate.allowed").contains("did you mean `allow`?"));
        assert!(!find("colour").contains("did you mean"), "{text:#?}");
        // Nothing typed by mistake was applied.
        assert_eq!(config.max_file_bytes, DEFAULT_MAX_FILE_BYTES);
    }

    #[test]
    fn boilerplate_patterns_compile_or_name_the_key() {
        let mut config = Config::default();
        let issues = config.apply_toml(
            "[boilerplate]\nextra_patterns = [\"^Sponsored by .*$\"]\nallow = [\"^Editor's note\"]\n",
            "factline.toml",
        );
        assert!(issues.is_empty(), "{issues:?}");
        let settings = config.settings();
        assert_eq!(settings.boilerplate.extra_patterns.len(), 1);
        assert!(settings.boilerplate.extra_patterns[0].is_match("SPONSORED BY ACME"));
        assert_eq!(settings.boilerplate.allow.len(), 1);

        let issues = config.apply(
            &json!({"boilerplate": {"extra_patterns": ["(unclosed"], "allow": "x", "colour": 1}}),
            "editor settings",
        );
        let text: Vec<String> = issues.iter().map(ToString::to_string).collect();
        assert_eq!(issues.len(), 3, "{text:?}");
        assert!(
            text.iter()
                .any(|t| t.contains("`boilerplate.extra_patterns`")
                    && t.contains("(unclosed")
                    && t.contains("not a valid regular expression"))
        );
        assert!(text.iter().any(|t| t.contains("`boilerplate.allow`")));
        assert!(text.iter().any(|t| t.contains("`boilerplate.colour`")));
        // The earlier valid values stay in force.
        assert_eq!(config.settings().boilerplate.extra_patterns.len(), 1);
        assert_eq!(config.settings().boilerplate.allow.len(), 1);
    }

    #[test]
    fn bad_globs_are_rejected() {
        let mut config = Config::default();
        let issues = config.apply(&json!({"exclude": ["a/[b"]}), "factline.toml");
        assert_eq!(issues.len(), 1);
        assert!(config.exclude.is_empty());
    }

    #[test]
    fn languages_are_codes_and_bad_ones_are_reported_by_key() {
        let mut config = Config::default();
        assert!(config.settings().languages.is_empty());
        let issues = config.apply_toml("languages = [\"en\", \"ES\"]", "factline.toml");
        assert!(issues.is_empty(), "{issues:?}");
        assert_eq!(config.languages, [Lang::English, Lang::Spanish]);
        let issues = config.apply(&json!({"languages": ["en", "fr"]}), "editor settings");
        assert_eq!(issues.len(), 1);
        assert_eq!(issues[0].key, "languages");
        assert!(
            issues[0].message.contains("\"fr\""),
            "{}",
            issues[0].message
        );
        let issues = config.apply(&json!({"languages": "en"}), "editor settings");
        assert_eq!(issues.len(), 1);
        // The earlier valid value stays in force.
        assert_eq!(config.settings().languages, [Lang::English, Lang::Spanish]);
        let issues = config.apply(&json!({"languages": []}), "editor settings");
        assert!(issues.is_empty());
        assert!(config.settings().checks_language(Lang::Unknown));
    }
}
