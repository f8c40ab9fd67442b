//! Paths from outside — the editor's URIs, watched-file events, workspace
//! folders — made comparable before any check: the one place where `.` and
//! `..` are removed and symbolic links resolved.
//!
//! Two forms:
//! - [`lexical`]: absolute, `.` and `..` removed by text alone. This is the
//!   path's *name*: document ids are built from it, so that an editor's
//!   spelling and the workspace walker's agree without touching the disk.
//! - [`resolve`]: where the path really leads, symbolic links followed for
//!   the part that exists. Every "is this inside the workspace?" question is
//!   asked of this form ([`relative_inside`], [`is_inside`]), so that neither
//!   `..` (written plainly or percent-encoded: URIs are decoded before they
//!   get here) nor a link can lead a check outside a folder.

use std::path::{Component, Path, PathBuf};

/// `path` made absolute (against the working directory) with `.` and `..`
/// removed by text alone; `..` never climbs above the root. No file system
/// access.
pub fn lexical(path: &Path) -> PathBuf {
    let absolute;
    let path = if path.is_absolute() {
        path
    } else {
        absolute = std::env::current_dir()
            .map(|d| d.join(path))
            .unwrap_or_else(|_| path.to_path_buf());
        &absolute
    };
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                // `pop` keeps the root (and a Windows prefix).
                if out.parent().is_some() {
                    out.pop();
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// Where `path` really leads: the longest part of it that exists is
/// canonicalised (symbolic links followed, `..` taken after them as the
/// system does), and the rest, which does not exist and so holds no link,
/// is appended with `.` and `..` removed by text.
pub fn resolve(path: &Path) -> PathBuf {
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .map(|d| d.join(path))
            .unwrap_or_else(|_| path.to_path_buf())
    };
    let components: Vec<Component> = absolute.components().collect();
    for existing in (1..=components.len()).rev() {
        let head: PathBuf = components[..existing].iter().collect();
        let Ok(mut out) = std::fs::canonicalize(&head) else {
            continue;
        };
        for component in &components[existing..] {
            match component {
                Component::CurDir => {}
                Component::ParentDir => {
                    if out.parent().is_some() {
                        out.pop();
                    }
                }
                other => out.push(other.as_os_str()),
            }
        }
        return out;
    }
    lexical(&absolute)
}

/// `path` relative to `root`, with `/` separators, when `path` really is
/// under `root` (both [`resolve`]d); `None` for `root` itself and for
/// anything outside it.
pub fn relative_inside(root: &Path, path: &Path) -> Option<String> {
    let root = resolve(root);
    let path = resolve(path);
    let rel = path.strip_prefix(&root).ok()?;
    let parts: Vec<String> = rel
        .components()
        .map(|c| match c {
            Component::Normal(name) => Some(name.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect::<Option<_>>()?;
    (!parts.is_empty()).then(|| parts.join("/"))
}

/// Whether `path` really is `root` or under it (both [`resolve`]d).
pub fn is_inside(root: &Path, path: &Path) -> bool {
    resolve(path).starts_with(resolve(root))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexical_removes_dots_and_never_climbs_above_the_root() {
        assert_eq!(lexical(Path::new("/a/./b/../c")), Path::new("/a/c"));
        assert_eq!(lexical(Path::new("/a/../../../x")), Path::new("/x"));
        assert_eq!(lexical(Path::new("/")), Path::new("/"));
        assert!(lexical(Path::new("rel/../x")).is_absolute());
    }

    #[test]
    fn dot_dot_does_not_lead_a_check_outside() {
        let dir = tempfile::tempdir().unwrap();
        let ws = dir.path().join("ws");
        std::fs::create_dir_all(ws.join("sub")).unwrap();
        std::fs::create_dir_all(dir.path().join("outside")).unwrap();
        let sneaky = ws.join("../outside/x.txt");
        assert!(!is_inside(&ws, &sneaky));
        assert_eq!(relative_inside(&ws, &sneaky), None);
        // Through a folder that does not exist, too.
        assert!(!is_inside(&ws, &ws.join("nothere/../../outside/x.txt")));
        // Inside, spelled the long way round.
        assert_eq!(
            relative_inside(&ws, &ws.join("sub/../sub/./y.txt")).as_deref(),
            Some("sub/y.txt")
        );
        assert_eq!(
            relative_inside(&ws, &ws),
            None,
            "the root is not a file in it"
        );
    }

    #[cfg(unix)]
    #[test]
    fn symbolic_links_are_followed() {
        let dir = tempfile::tempdir().unwrap();
        let ws = dir.path().join("ws");
        let outside = dir.path().join("outside");
        std::fs::create_dir_all(&ws).unwrap();
        std::fs::create_dir_all(&outside).unwrap();
        std::os::unix::fs::symlink(&outside, ws.join("link")).unwrap();
        assert!(!is_inside(&ws, &ws.join("link/x.txt")));
        // `..` after a link is taken where the link leads, as the system does.
        std::fs::create_dir_all(outside.join("deep")).unwrap();
        std::os::unix::fs::symlink(outside.join("deep"), ws.join("deeplink")).unwrap();
        assert!(!is_inside(&ws, &ws.join("deeplink/../x.txt")));
        // A root reached through a link still holds its files.
        let alias = dir.path().join("alias");
        std::os::unix::fs::symlink(&ws, &alias).unwrap();
        std::fs::write(ws.join("a.txt"), "x").unwrap();
        assert_eq!(
            relative_inside(&alias, &ws.join("a.txt")).as_deref(),
            Some("a.txt")
        );
    }
}
