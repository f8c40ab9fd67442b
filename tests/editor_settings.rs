//! The editors expose the configuration under the names the server reads.
//!
//! `config::KEYS` lists every key of `factline.toml`; the VS Code extension
//! declares each as a `factline.*` setting, and the Neovim and Helix
//! configurations document each. None of them may set a key by default:
//! an editor's value overrides the file's, so a default `exclude = []` in
//! an editor would silently undo the project's `exclude`.

use std::collections::BTreeSet;
use std::path::Path;

use factline::config::{Config, KEYS};
use serde_json::Value;

fn read(path: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path))
        .unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn vscode_declares_every_key_and_only_those() {
    let package: Value = serde_json::from_str(&read("editors/vscode/package.json")).unwrap();
    let declared: BTreeSet<String> = package["contributes"]["configuration"]["properties"]
        .as_object()
        .expect("properties")
        .keys()
        .map(|k| {
            k.strip_prefix("factline.")
                .expect("factline. prefix")
                .to_string()
        })
        .filter(|k| !k.starts_with("server.") && !k.starts_with("trace."))
        .collect();
    let keys: BTreeSet<String> = KEYS.iter().map(|k| k.to_string()).collect();
    assert_eq!(declared, keys, "package.json settings vs config::KEYS");
}

#[test]
fn neovim_and_helix_document_every_key() {
    let nvim = read("editors/nvim/lsp/factline.lua");
    let helix = read("editors/helix/languages.toml");
    for key in KEYS {
        // "boilerplate.allow" is written nested: `boilerplate`, then `allow`.
        for part in key.split('.') {
            assert!(
                nvim.contains(part),
                "nvim/lsp/factline.lua does not mention {key}"
            );
            assert!(
                helix.contains(part),
                "helix/languages.toml does not mention {key}"
            );
        }
    }
}

#[test]
fn editors_send_no_setting_by_default() {
    // Helix: the `config.factline` table as shipped, parsed and applied.
    let helix: toml::Value = toml::from_str(&read("editors/helix/languages.toml")).unwrap();
    let sent = &helix["language-server"]["factline"]["config"]["factline"];
    let table = sent.as_table().expect("config.factline table");
    for (key, value) in table {
        let empty_table = value.as_table().is_some_and(|t| t.is_empty());
        assert!(empty_table, "helix sends `{key}` by default: {value}");
    }
    let mut config = Config::default();
    let before = format!("{:?}", config.settings());
    let json: Value = serde_json::to_value(sent).unwrap();
    assert!(config.apply_editor_settings(&json, "helix").is_empty());
    assert_eq!(before, format!("{:?}", config.settings()));

    // Neovim: the `settings.factline` table holds no key but `rules`.
    let nvim = read("editors/nvim/lsp/factline.lua");
    let start = nvim.find("  settings = {").expect("settings table");
    let end = start + nvim[start..].find("\n  },").expect("end of settings");
    let block = &nvim[start..end];
    for key in KEYS.iter().filter(|k| **k != "rules") {
        let name = key.split('.').next().unwrap();
        assert!(
            !block.contains(&format!("{name} =")),
            "nvim sets `{name}` by default:\n{block}"
        );
    }
}
