//! Where the workspace is, when the editor does not say.
//!
//! Editors send the workspace as `workspaceFolders`, or the older `rootUri`
//! or `rootPath`. In a plain folder (no `.git`, no `factline.toml`) some send
//! nothing: Neovim's `rootUri: null, workspaceFolders: []`, Helix only
//! `rootPath`. Without a root every cross-document feature would be lost
//! silently, so the server takes, in order: the workspace folders, `rootUri`,
//! `rootPath`, and else the folder of the first file opened. Where the roots
//! came from is logged once and reported by `factline/status`.

use std::path::PathBuf;

use tower_lsp_server::ls_types::{InitializeParams, Uri};

/// Where the workspace roots came from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum RootOrigin {
    /// No root yet: the folder of the first file opened will be taken.
    #[default]
    Pending,
    WorkspaceFolders,
    RootUri,
    RootPath,
    /// The folder of the first file opened (the editor sent no root).
    OpenFile(PathBuf),
}

impl RootOrigin {
    /// A short name for `factline/status`.
    pub fn name(&self) -> &'static str {
        match self {
            RootOrigin::Pending => "none",
            RootOrigin::WorkspaceFolders => "workspaceFolders",
            RootOrigin::RootUri => "rootUri",
            RootOrigin::RootPath => "rootPath",
            RootOrigin::OpenFile(_) => "open file",
        }
    }

    /// What to tell the user when the editor's own root was not used, or
    /// `None` when it was.
    pub fn notice(&self, roots: &[PathBuf]) -> Option<String> {
        let folder = roots
            .first()
            .map(|r| r.display().to_string())
            .unwrap_or_default();
        match self {
            RootOrigin::WorkspaceFolders | RootOrigin::RootUri => None,
            RootOrigin::RootPath => Some(format!(
                "the editor sent no workspace folder; using its rootPath {folder} as the workspace"
            )),
            RootOrigin::OpenFile(file) => Some(format!(
                "the editor sent no workspace folder; using the folder of {} ({folder}) as the \
                 workspace, so its other .txt files are compared with it",
                file.file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default()
            )),
            RootOrigin::Pending => Some(
                "the editor sent no workspace folder; the folder of the first file opened \
                 will be used as the workspace"
                    .to_string(),
            ),
        }
    }
}

/// The roots an `initialize` request names, and where they came from.
pub fn from_initialize(params: &InitializeParams) -> (Vec<PathBuf>, RootOrigin) {
    let folders: Vec<PathBuf> = params
        .workspace_folders
        .iter()
        .flatten()
        .filter_map(|f| f.uri.to_file_path().map(|p| p.into_owned()))
        .collect();
    if !folders.is_empty() {
        return (folders, RootOrigin::WorkspaceFolders);
    }
    #[allow(deprecated)]
    if let Some(root) = params.root_uri.as_ref().and_then(|u| u.to_file_path()) {
        return (vec![root.into_owned()], RootOrigin::RootUri);
    }
    #[allow(deprecated)]
    if let Some(path) = params.root_path.as_deref().filter(|p| !p.is_empty()) {
        let path = PathBuf::from(path);
        if path.is_absolute() {
            return (vec![path], RootOrigin::RootPath);
        }
    }
    (Vec::new(), RootOrigin::Pending)
}

/// The folder to take as the workspace for an opened file, when the
/// editor sent none: the file's folder, if it exists and is not the root
/// of the file system (indexing a whole disk is never what was meant).
pub fn folder_of(uri: &Uri) -> Option<(PathBuf, PathBuf)> {
    let file = uri.to_file_path()?.into_owned();
    let dir = file.parent()?.to_path_buf();
    (dir.parent().is_some() && dir.is_dir()).then_some((dir, file))
}
