//! `&'static str` fields of the analysis (a currency code, a concept's
//! name) written and read back by serde, for a host that stores analyses.
//!
//! The analysis takes these strings from closed tables (the figure lexicon,
//! the synonym table), so a stored analysis holds few distinct ones. Read
//! back, each distinct string is kept once for the life of the process and
//! handed out as `&'static str`; past [`MAX_INTERNED`] distinct strings
//! (never reached by what the analysis writes, only by a damaged store) the
//! value is refused, and the host analyses that text again.

use std::collections::HashSet;
use std::sync::{LazyLock, Mutex};

use serde::{Deserialize, Deserializer, Serializer};

/// Distinct strings kept at most. The tables behind these fields hold a
/// few hundred names; 4,096 leaves room for them all and bounds what a
/// damaged store can make the process keep.
pub const MAX_INTERNED: usize = 4096;

static STRINGS: LazyLock<Mutex<HashSet<&'static str>>> =
    LazyLock::new(|| Mutex::new(HashSet::new()));

/// The one `&'static str` equal to `s`, if there is room for it.
pub fn intern(s: &str) -> Option<&'static str> {
    let mut set = STRINGS.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(&known) = set.get(s) {
        return Some(known);
    }
    if set.len() >= MAX_INTERNED {
        return None;
    }
    let leaked: &'static str = Box::leak(s.to_string().into_boxed_str());
    set.insert(leaked);
    Some(leaked)
}

/// `#[serde(with = "interned")]` for a `&'static str`.
pub fn serialize<S: Serializer>(value: &&'static str, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(value)
}

/// See [`serialize`].
pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<&'static str, D::Error> {
    let s = String::deserialize(d)?;
    intern(&s).ok_or_else(|| serde::de::Error::custom("too many distinct names"))
}

/// `#[serde(with = "interned::option")]` for an `Option<&'static str>`.
pub mod option {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(value: &Option<&'static str>, s: S) -> Result<S::Ok, S::Error> {
        match value {
            Some(v) => s.serialize_some(v),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<&'static str>, D::Error> {
        match Option::<String>::deserialize(d)? {
            None => Ok(None),
            Some(s) => super::intern(&s)
                .map(Some)
                .ok_or_else(|| serde::de::Error::custom("too many distinct names")),
        }
    }
}
