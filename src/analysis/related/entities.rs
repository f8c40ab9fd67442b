//! Named entities of one document, with their short forms and roles
//! resolved inside the document.
//!
//! A *name* is a run of capitalised words, possibly joined by particles
//! ("Brotherhood of the Tide", "Inés María de la Roca", "U.S. Bureau of
//! Harbour Safety"). Capitalisation is only evidence where it is unusual: the
//! first word of a sentence counts when the document also capitalises it
//! elsewhere mid-sentence (or it opens a multi-word name and is never seen
//! in lower case), and a headline in Title Case contributes only words the
//! document capitalises in running text.
//!
//! Within a document:
//! - a title before a name is a *role* linked to it ("Secretary of State
//!   Ana Lindqvist", "President Irene Castellan"), as is an appositive
//!   ("Ana Lindqvist, the secretary of state," / "The Secretary of State,
//!   Ana Lindqvist,");
//! - a later "the Secretary of State" or "the secretary" resolves to the one
//!   name linked to that role (none when two names share it);
//! - a surname ("Lindqvist") or a shorter tail of a name resolves to the one
//!   longer name of a person that ends with it ("Ana Lindqvist").
//!
//! Every mention gets a canonical key (the full name, folded to lower-case
//! ASCII, with "U.S."/"US"/"United States" and a few such spellings made
//! one: `place_aliases.txt` of the shared lexicon) and, for people, a short
//! key (the surname), so that a document that only ever says "Lindqvist"
//! still meets one that says "Ana Lindqvist".
//!
//! Example: in "Secretary of State Ana Lindqvist will visit Estavia City.
//! The Secretary of State will meet Castellan.", both sentences mention
//! `ana lindqvist`; "Estavia City" is one place, not "Estavia" and a "City".
//! Months, weekdays and sentence openers ("Despite", "The") are not names.

use std::collections::HashSet;
use std::ops::Range;
use std::sync::LazyLock;

use super::terms::{FxHashMap, FxHashSet, Word, key_hash, kind};
use crate::analysis::language::{Lang, lexicon};

/// One mention of a named entity in a passage.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct EntityMention {
    /// Hash of the canonical (full) name.
    pub canon: u64,
    /// Hash of the short form (a person's surname; the name itself for a
    /// one-word name).
    pub short: u64,
    /// The mention in the text (a name, a surname or a role).
    pub span: Range<usize>,
    /// Index of the canonical display name in [`Entities::names`].
    pub name: u32,
    /// A capitalised first word of a sentence with no other evidence of
    /// being a name ("Amrozi accused …" in a one-sentence text). It can
    /// confirm a name the other passage has, but is no evidence by itself.
    pub weak: bool,
}

/// The entities of a document.
#[derive(Debug, Default)]
pub struct Entities {
    /// Mentions by sentence index.
    pub by_sentence: Vec<Vec<EntityMention>>,
    /// Canonical display names ("Ana Lindqvist"), indexed by [`EntityMention::name`].
    pub names: Vec<Box<str>>,
}

/// The shared lexicon's lists the entity reader asks about
/// (`data/lexicon/{en,es}/`), as bit flags looked up once per word: words
/// inside names (`name_particles.txt`), titles (`name_titles.txt`),
/// honorifics, abbreviations whose period sits inside a name
/// (`name_abbreviations.txt`), last words of places and organisations
/// (`organisation_heads.txt`), capitalised sentence openers that are not
/// names (`sentence_openers.txt`), months and weekdays, number words and
/// round quantities (`number_words.txt`, `quantity_nouns.txt`). Names are
/// read the same way in English and Spanish text, so each flag holds the
/// union of the two languages' lists.
mod flag {
    pub const PARTICLE: u16 = 1;
    pub const ROLE_HEAD: u16 = 1 << 1;
    pub const HONORIFIC: u16 = 1 << 2;
    pub const DOTTED_TITLE: u16 = 1 << 3;
    pub const NON_PERSON_LAST: u16 = 1 << 4;
    pub const OPENER: u16 = 1 << 5;
    pub const MONTH_OR_DAY: u16 = 1 << 6;
    pub const NUMBER_WORD: u16 = 1 << 7;
    pub const STOP: u16 = 1 << 8;
}

static FLAGS: LazyLock<FxHashMap<String, u16>> = LazyLock::new(|| {
    let mut m: FxHashMap<String, u16> = FxHashMap::default();
    let mut add = |words: &mut dyn Iterator<Item = &String>, f: u16| {
        for w in words {
            *m.entry(w.clone()).or_default() |= f;
        }
    };
    for lang in [Lang::English, Lang::Spanish] {
        let l = lexicon(lang);
        add(&mut l.name_particles.iter(), flag::PARTICLE);
        add(&mut l.name_titles.iter(), flag::ROLE_HEAD);
        add(&mut l.honorifics.iter(), flag::HONORIFIC);
        add(&mut l.name_abbreviations.iter(), flag::DOTTED_TITLE);
        add(&mut l.organisation_heads.iter(), flag::NON_PERSON_LAST);
        add(&mut l.sentence_openers.iter(), flag::OPENER);
    }
    // English only: Spanish writes months, weekdays and numbers in lower
    // case, and some of its number words are particles of names ("dos").
    let en = lexicon(Lang::English);
    add(
        &mut en.months.keys().chain(en.weekdays.keys()),
        flag::MONTH_OR_DAY,
    );
    add(
        &mut en.number_words.iter().chain(&en.quantity_nouns),
        flag::NUMBER_WORD,
    );
    m
});

/// Other spellings of a place or body → its one name (`place_aliases.txt`
/// of English and Spanish).
static ALIASES: LazyLock<FxHashMap<String, String>> = LazyLock::new(|| {
    let mut m: FxHashMap<String, String> = FxHashMap::default();
    for lang in [Lang::English, Lang::Spanish] {
        for (from, to) in &lexicon(lang).place_aliases {
            m.insert(from.clone(), to.clone());
        }
    }
    m
});

/// The flags of the folded word `w`: the lists above, and the stop words
/// of the shared lexicon (English and Spanish: names are read the same way
/// in both).
fn flags_of(w: &str) -> u16 {
    let stop = if w.contains('\'') && super::terms::is_any_stop_word(&w.replace('\'', "")) {
        flag::STOP
    } else {
        0
    };
    FLAGS_AND_STOP.get(w).copied().unwrap_or(0) | stop
}

/// [`FLAGS`] with [`flag::STOP`] added for the stop words of both
/// languages: one lookup gives a word's flags (every word of every
/// sentence is looked up).
static FLAGS_AND_STOP: LazyLock<FxHashMap<Box<str>, u16>> = LazyLock::new(|| {
    let mut m: FxHashMap<Box<str>, u16> =
        FLAGS.iter().map(|(w, &f)| (w.as_str().into(), f)).collect();
    for w in super::terms::EN_STOP
        .iter()
        .chain(super::terms::ES_STOP.iter())
    {
        *m.entry(w.clone()).or_default() |= flag::STOP;
    }
    m
});

/// Whether the folded word `w` is in the list of `f`.
fn is(w: &str, f: u16) -> bool {
    flags_of(w) & f != 0
}

/// A word of a sentence, as the entity reader sees it.
#[derive(Clone, Debug)]
struct W<'a> {
    span: Range<usize>,
    /// Folded lower-case form, possessive dropped, periods of a dotted
    /// acronym dropped.
    key: &'a str,
    cap: bool,
    acronym: bool,
    possessive: bool,
    /// First word of the sentence, or first after an opening quote or colon.
    initial: bool,
    /// The word's [`flag`]s.
    flags: u16,
}

impl W<'_> {
    fn is(&self, f: u16) -> bool {
        self.flags & f != 0
    }
}

/// Whether the gap between two words is only white space (an honorific's
/// period is allowed: "Sen. Reyes").
fn joined(text: &str, a: &W<'_>, b: &W<'_>) -> bool {
    let gap = text.get(a.span.end..b.span.start).unwrap_or(",");
    if gap.chars().all(char::is_whitespace) && !gap.is_empty() {
        return true;
    }
    gap.starts_with('.')
        && gap.len() > 1
        && gap[1..].chars().all(char::is_whitespace)
        && a.is(flag::DOTTED_TITLE)
}

fn gap_is_comma(text: &str, a: &W<'_>, b: &W<'_>) -> bool {
    let gap = text.get(a.span.end..b.span.start).unwrap_or("");
    let t = gap.trim();
    t == ","
}

/// Title-case or all-caps sentences (headlines): capitalisation there says
/// nothing about names.
fn is_title_case(words: &[W<'_>]) -> bool {
    let content: Vec<&W<'_>> = words
        .iter()
        .filter(|w| {
            w.key.chars().next().is_some_and(char::is_alphabetic)
                && !w.is(flag::STOP)
                && !w.is(flag::PARTICLE)
        })
        .collect();
    if content.len() < 3 {
        return false;
    }
    let caps = content.iter().filter(|w| w.cap).count();
    caps * 10 >= content.len() * 9
}

struct Sentence<'a> {
    words: Vec<W<'a>>,
    title_case: bool,
}

/// What a run of capitalised words turned out to be.
struct Run {
    /// Word indices of the role, if a title stands before the name.
    role: Option<Range<usize>>,
    /// Word indices of the name, if any.
    name: Option<Range<usize>>,
}

/// Reads the entities of a document from its sentences' words (keys in
/// `arena`, see [`super::terms::read_words`]).
pub(crate) fn extract(text: &str, arena: &str, sentences: &[Vec<Word>]) -> Entities {
    let sents: Vec<Sentence<'_>> = sentences
        .iter()
        .map(|words| {
            let mut prev_end: Option<usize> = None;
            let ws: Vec<W<'_>> = words
                .iter()
                .enumerate()
                .map(|(i, w)| {
                    let initial = i == 0
                        || prev_end.is_some_and(|e| {
                            let gap = text.get(e..w.span.start).unwrap_or("");
                            gap.contains(['“', '"', ':', '‘', '(', '—']) && !gap.contains('”')
                        });
                    prev_end = Some(w.span.end);
                    let key = arena.get(w.key.clone()).unwrap_or("");
                    W {
                        cap: text
                            .get(w.span.clone())
                            .and_then(|s| s.chars().next())
                            .is_some_and(char::is_uppercase),
                        span: w.span.clone(),
                        flags: flags_of(key),
                        key,
                        acronym: w.acronym,
                        possessive: w.possessive,
                        initial,
                    }
                })
                .collect();
            let title_case = is_title_case(&ws);
            Sentence {
                words: ws,
                title_case,
            }
        })
        .collect();

    // Evidence: words capitalised in running text, and words seen in lower case.
    let mut cap_mid: FxHashSet<&str> = FxHashSet::default();
    let mut lower_seen: FxHashSet<&str> = FxHashSet::default();
    for s in &sents {
        for w in &s.words {
            if w.cap {
                if !w.initial && !s.title_case {
                    cap_mid.insert(w.key);
                }
            } else if w.key.chars().next().is_some_and(char::is_alphabetic) {
                lower_seen.insert(w.key);
            }
        }
    }

    // Pass 1: runs, names and role links.
    struct Found {
        sentence: usize,
        words: Range<usize>,
        tokens: Vec<String>,
    }
    let mut names: Vec<Found> = Vec::new();
    let mut role_mentions: Vec<(usize, Range<usize>, Vec<String>)> = Vec::new();
    let mut weak_names: Vec<(usize, usize)> = Vec::new();
    let mut links: Vec<(Vec<String>, Vec<String>)> = Vec::new();
    for (si, s) in sents.iter().enumerate() {
        let ws = &s.words;
        let accepted: Vec<bool> = (0..ws.len())
            .map(|i| accept(ws, i, s.title_case, &cap_mid, &lower_seen))
            .collect();
        for (i, w) in ws.iter().enumerate() {
            let next_accepted = accepted.get(i + 1).copied().unwrap_or(false);
            if w.initial
                && !accepted[i]
                && !next_accepted
                && !s.title_case
                && w.cap
                && w.key.chars().count() >= 3
                && w.key.chars().all(char::is_alphabetic)
                && !w.is(flag::STOP)
                && !w.is(flag::OPENER)
                && !w.is(flag::MONTH_OR_DAY)
                && !w.is(flag::NUMBER_WORD)
                && !w.is(flag::ROLE_HEAD)
                && !lower_seen.contains(w.key)
            {
                weak_names.push((si, i));
            }
        }
        let mut i = 0;
        while i < ws.len() {
            if !accepted[i] {
                i += 1;
                continue;
            }
            // Extend the run over accepted words and inner particles.
            let start = i;
            let mut end = i + 1;
            while end < ws.len() && !ws[end - 1].possessive {
                if accepted[end] && joined(text, &ws[end - 1], &ws[end]) {
                    end += 1;
                    continue;
                }
                // Particles: "of", "of the", "de la".
                let mut k = end;
                while k < ws.len()
                    && k - end < 2
                    && !ws[k].cap
                    && (ws[k].is(flag::PARTICLE) || (k > end && ws[k].key == "the"))
                    && joined(text, &ws[k - 1], &ws[k])
                {
                    k += 1;
                }
                if k > end && k < ws.len() && accepted[k] && joined(text, &ws[k - 1], &ws[k]) {
                    end = k + 1;
                    continue;
                }
                break;
            }
            let run = split_run(ws, start..end);
            let tokens = |r: &Range<usize>| -> Vec<String> {
                ws[r.clone()].iter().map(|w| w.key.to_string()).collect()
            };
            match (&run.role, &run.name) {
                (Some(role), Some(name)) => {
                    links.push((tokens(role), name_tokens(ws, name.clone())));
                }
                (Some(role), None) => {
                    // "The Secretary of State, Ana Lindqvist, …"
                    if let Some(next) = name_after_comma(text, ws, &accepted, end) {
                        links.push((tokens(role), name_tokens(ws, next)));
                    } else {
                        role_mentions.push((si, role.clone(), tokens(role)));
                    }
                }
                _ => {}
            }
            if let Some(name) = run.name {
                // "Ana Lindqvist, the secretary of state, …"
                if let Some(role) = appositive_role(text, ws, name.end) {
                    links.push((role, name_tokens(ws, name.clone())));
                }
                let toks = name_tokens(ws, name.clone());
                if !toks.is_empty() {
                    names.push(Found {
                        sentence: si,
                        words: name,
                        tokens: toks,
                    });
                }
            }
            i = end;
        }
        // Lower-case role mentions: "the secretary of state".
        for (h, w) in ws.iter().enumerate() {
            if w.cap || !w.is(flag::ROLE_HEAD) {
                continue;
            }
            let Some(the) = (h.saturating_sub(3)..h).rev().find(|&k| ws[k].key == "the") else {
                continue;
            };
            if !(the + 1..=h).all(|k| joined(text, &ws[k - 1], &ws[k])) {
                continue;
            }
            let mut end = h + 1;
            if end + 1 < ws.len()
                && ws[end].key == "of"
                && joined(text, &ws[end - 1], &ws[end])
                && joined(text, &ws[end], &ws[end + 1])
            {
                end += 2;
            }
            role_mentions.push((si, the + 1..end, tokens_of(ws, the + 1..end)));
        }
    }

    // Pass 2: canonical names.
    let full_names: Vec<Vec<String>> = {
        let mut seen: HashSet<Vec<String>> = HashSet::new();
        names
            .iter()
            .filter(|f| is_person(&f.tokens))
            .filter(|f| seen.insert(f.tokens.clone()))
            .map(|f| f.tokens.clone())
            .collect()
    };
    let resolve = |tokens: &[String]| -> Vec<String> {
        // A shorter tail of exactly one longer person's name.
        let longer: Vec<&Vec<String>> = full_names
            .iter()
            .filter(|n| n.len() > tokens.len() && n.ends_with(tokens))
            .collect();
        match longer.as_slice() {
            [one]
                if !is(
                    tokens.last().map_or("", |s| s.as_str()),
                    flag::NON_PERSON_LAST,
                ) =>
            {
                (*one).clone()
            }
            _ => tokens.to_vec(),
        }
    };

    let mut out = Entities {
        by_sentence: vec![Vec::new(); sents.len()],
        names: Vec::new(),
    };
    let mut name_ids: FxHashMap<String, u32> = FxHashMap::default();
    let mut add = |out: &mut Entities,
                   si: usize,
                   span: Range<usize>,
                   canon_tokens: &[String],
                   display: &str,
                   weak: bool| {
        let canon = canonical(canon_tokens);
        let short = if is_person(canon_tokens) {
            canon_tokens.last().cloned().unwrap_or_default()
        } else {
            canon.clone()
        };
        let id = *name_ids.entry(canon.clone()).or_insert_with(|| {
            out.names.push(display.into());
            (out.names.len() - 1) as u32
        });
        // Keep the longest spelling as the display name.
        if display.chars().count() > out.names[id as usize].chars().count() {
            out.names[id as usize] = display.into();
        }
        let mention = EntityMention {
            canon: key_hash(kind::ENTITY, canon.as_bytes()),
            short: key_hash(kind::SHORT_NAME, short.as_bytes()),
            span,
            name: id,
            weak,
        };
        let list = &mut out.by_sentence[si];
        if !list.iter().any(|m| m.canon == mention.canon) {
            list.push(mention);
        }
    };

    for f in &names {
        let ws = &sents[f.sentence].words;
        let canon_tokens = resolve(&f.tokens);
        let span = ws[f.words.start].span.start..ws[f.words.end - 1].span.end;
        let display = display_of(text, ws, f.words.clone());
        add(&mut out, f.sentence, span, &canon_tokens, &display, false);
    }
    for &(si, i) in &weak_names {
        let w = &sents[si].words[i];
        let display = display_of(text, &sents[si].words, i..i + 1);
        add(
            &mut out,
            si,
            w.span.clone(),
            &[w.key.to_string()],
            &display,
            true,
        );
    }
    let link_names: Vec<(Vec<String>, Vec<String>)> = links
        .into_iter()
        .map(|(role, name)| (role, resolve(&name)))
        .collect();
    for (si, words, tokens) in role_mentions {
        let mut targets: Vec<&Vec<String>> = link_names
            .iter()
            .filter(|(role, _)| role_matches(&tokens, role))
            .map(|(_, name)| name)
            .collect();
        targets.sort();
        targets.dedup();
        if let [one] = targets.as_slice() {
            let ws = &sents[si].words;
            let span = ws[words.start].span.start..ws[words.end - 1].span.end;
            let display = one.iter().map(|t| title(t)).collect::<Vec<_>>().join(" ");
            let one = (*one).clone();
            add(&mut out, si, span, &one, &display, false);
        }
    }
    out
}

/// Whether a word is capitalised in a way that marks a name.
fn accept(
    ws: &[W],
    i: usize,
    title_case: bool,
    cap_mid: &FxHashSet<&str>,
    lower_seen: &FxHashSet<&str>,
) -> bool {
    let w = &ws[i];
    if !w.cap || w.key.is_empty() || w.key == "i" {
        return false;
    }
    if !w.key.chars().next().is_some_and(char::is_alphabetic) {
        return false;
    }
    if w.is(flag::MONTH_OR_DAY) || w.is(flag::NUMBER_WORD) {
        return false;
    }
    if w.is(flag::STOP) && !w.acronym {
        return false;
    }
    if title_case {
        return w.acronym || cap_mid.contains(w.key);
    }
    if w.initial {
        if w.is(flag::OPENER) {
            return false;
        }
        if w.acronym || cap_mid.contains(w.key) {
            return true;
        }
        // Opens a multi-word name and is never written in lower case.
        let next_cap = ws
            .get(i + 1)
            .is_some_and(|n| n.cap && !n.is(flag::STOP) && !n.is(flag::MONTH_OR_DAY));
        return next_cap && !lower_seen.contains(w.key);
    }
    true
}

/// Splits a run into a title and a name: "U.S. Secretary of State Ana
/// Lindqvist" is the role "u.s. secretary of state" and the name "Ana Lindqvist".
fn split_run(ws: &[W], run: Range<usize>) -> Run {
    // Honorifics in front are dropped from the name.
    let mut start = run.start;
    while start < run.end && ws[start].is(flag::HONORIFIC) {
        start += 1;
    }
    if start == run.end {
        return Run {
            role: None,
            name: None,
        };
    }
    let head = (start..run.end).rev().find(|&k| ws[k].is(flag::ROLE_HEAD));
    let Some(h) = head else {
        return Run {
            role: None,
            name: Some(start..run.end),
        };
    };
    // A title inside an organisation's name ("Justice Department",
    // "Police Chiefs Association") is not a role.
    let last = &ws[run.end - 1].key;
    if h + 1 < run.end && is(last, flag::NON_PERSON_LAST) {
        return Run {
            role: None,
            name: Some(start..run.end),
        };
    }
    if h + 1 == run.end {
        return Run {
            role: Some(start..run.end),
            name: None,
        };
    }
    if ws[h + 1].key == "of" {
        // "Secretary of State Ana Lindqvist": the complement is what is left
        // before a two-word name; with fewer than three words after "of"
        // the whole run is the title.
        let tail = run.end - (h + 2);
        if tail < 3 {
            return Run {
                role: Some(start..run.end),
                name: None,
            };
        }
        let name_start = name_start_from_end(ws, run.end, h + 3);
        return Run {
            role: Some(start..name_start),
            name: Some(name_start..run.end),
        };
    }
    Run {
        role: Some(start..h + 1),
        name: Some(h + 1..run.end),
    }
}

/// Where a two-word name (with its particles) starts, counting from `end`.
fn name_start_from_end(ws: &[W], end: usize, min: usize) -> usize {
    let mut k = end;
    let mut words = 0;
    while k > min {
        k -= 1;
        if !ws[k].is(flag::PARTICLE) {
            words += 1;
            if words == 2 {
                break;
            }
        }
    }
    k.max(min)
}

fn tokens_of(ws: &[W], r: Range<usize>) -> Vec<String> {
    ws[r].iter().map(|w| w.key.to_string()).collect()
}

/// A name's tokens without honorifics.
fn name_tokens(ws: &[W], r: Range<usize>) -> Vec<String> {
    ws[r]
        .iter()
        .filter(|w| !w.is(flag::HONORIFIC))
        .map(|w| w.key.to_string())
        .collect()
}

/// The name as written, without a final possessive.
fn display_of(text: &str, ws: &[W], r: Range<usize>) -> String {
    let span = ws[r.start].span.start..ws[r.end - 1].span.end;
    let s = text.get(span).unwrap_or("");
    s.trim_end_matches("’s")
        .trim_end_matches("'s")
        .trim_end_matches(['’', '\''])
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn title(t: &str) -> String {
    let mut cs = t.chars();
    match cs.next() {
        Some(c) => c.to_uppercase().chain(cs).collect(),
        None => String::new(),
    }
}

/// A person's name: two or more words, not ending like a place or an
/// organisation, not an acronym.
fn is_person(tokens: &[String]) -> bool {
    let words = tokens.iter().filter(|t| !is(t, flag::PARTICLE)).count();
    (2..=4).contains(&words)
        && tokens
            .last()
            .is_some_and(|l| !is(l, flag::NON_PERSON_LAST) && l.chars().count() > 1)
        && !tokens
            .iter()
            .any(|t| is(t, flag::ROLE_HEAD) || is(t, flag::MONTH_OR_DAY))
}

fn canonical(tokens: &[String]) -> String {
    let joined = tokens.join(" ");
    match ALIASES.get(&joined) {
        Some(to) => to.clone(),
        None => joined,
    }
}

/// A name right after a comma: "The Secretary of State, Ana Lindqvist, …".
fn name_after_comma(text: &str, ws: &[W], accepted: &[bool], end: usize) -> Option<Range<usize>> {
    if end >= ws.len() || end == 0 || !gap_is_comma(text, &ws[end - 1], &ws[end]) {
        return None;
    }
    let mut k = end;
    while k < ws.len() && accepted[k] && (k == end || joined(text, &ws[k - 1], &ws[k])) {
        k += 1;
        if ws[k - 1].possessive {
            break;
        }
    }
    let r = end..k;
    let toks = name_tokens(ws, r.clone());
    (toks.len() >= 2 && is_person(&toks)).then_some(r)
}

/// "Ana Lindqvist, the secretary of state, …": the role after a name. The
/// appositive runs to the next comma (or the end of the sentence), holds at
/// most seven words and contains a title word.
fn appositive_role(text: &str, ws: &[W], name_end: usize) -> Option<Vec<String>> {
    if name_end >= ws.len() || !gap_is_comma(text, &ws[name_end - 1], &ws[name_end]) {
        return None;
    }
    let mut k = name_end;
    if matches!(ws[k].key, "the" | "a" | "an" | "its" | "their") || ws[k].possessive {
        k += 1;
    }
    let start = k;
    let mut end = None;
    while k < ws.len() && k - start < 7 {
        if k + 1 == ws.len() {
            end = Some(k + 1);
            break;
        }
        let gap = text
            .get(ws[k].span.end..ws[k + 1].span.start)
            .unwrap_or(",");
        if gap.contains([',', ';', '(', ')', '—', '–']) {
            end = Some(k + 1);
            break;
        }
        if !joined(text, &ws[k], &ws[k + 1]) {
            break;
        }
        k += 1;
    }
    let end = end?;
    let phrase = &ws[start..end];
    phrase
        .iter()
        .any(|w| w.is(flag::ROLE_HEAD))
        .then(|| tokens_of(ws, start..end))
}

/// Whether a role mention ("secretary of state", "minister") names the
/// linked role ("u.s. secretary of state", "chief engineer of harlow dam"):
/// it ends the role, or ends the part before "of", or is the role's title word.
fn role_matches(mention: &[String], role: &[String]) -> bool {
    if mention.is_empty() {
        return false;
    }
    if role.ends_with(mention) {
        return true;
    }
    let core = role
        .iter()
        .position(|t| t == "of")
        .map_or(role, |i| &role[..i]);
    if core.ends_with(mention) {
        return true;
    }
    if mention.len() == 1 {
        let head = core.iter().rev().find(|t| is(t, flag::ROLE_HEAD));
        return head.is_some_and(|h| *h == mention[0]);
    }
    false
}

#[cfg(test)]
mod tests {
    use super::super::terms::read_words;
    use super::*;
    use crate::analysis::text::Segmentation;

    fn read(text: &str) -> Entities {
        let seg = Segmentation::new(text);
        let mut arena = String::new();
        let sentences: Vec<Vec<Word>> = seg
            .sentences
            .iter()
            .map(|s| read_words(text, s.span.clone(), &mut arena))
            .collect();
        extract(text, &arena, &sentences)
    }

    /// (sentence index, mention text, canonical display name) of every
    /// mention that is evidence of a name.
    fn mentions(text: &str) -> Vec<(usize, String, String)> {
        let e = read(text);
        let mut out = Vec::new();
        for (i, ms) in e.by_sentence.iter().enumerate() {
            for m in ms.iter().filter(|m| !m.weak) {
                out.push((
                    i,
                    text[m.span.clone()].to_string(),
                    e.names[m.name as usize].to_string(),
                ));
            }
        }
        out
    }

    fn has(ms: &[(usize, String, String)], sentence: usize, mention: &str, name: &str) -> bool {
        ms.iter()
            .any(|(s, m, n)| *s == sentence && m == mention && n == name)
    }

    #[test]
    fn titles_link_roles_and_surnames_resolve() {
        let text = "Foreign Secretary Ana Lindqvist will visit Port Aldren on May 4. \
                    Lindqvist is expected to meet Mayor Tomas Ekberg. \
                    The Foreign Secretary will also tour the harbour. \
                    Ekberg said it was an honour. The mayor welcomed the visit.";
        let ms = mentions(text);
        assert!(has(&ms, 0, "Ana Lindqvist", "Ana Lindqvist"), "{ms:?}");
        assert!(has(&ms, 0, "Port Aldren", "Port Aldren"), "{ms:?}");
        assert!(has(&ms, 1, "Lindqvist", "Ana Lindqvist"), "{ms:?}");
        assert!(has(&ms, 1, "Tomas Ekberg", "Tomas Ekberg"), "{ms:?}");
        assert!(has(&ms, 2, "Foreign Secretary", "Ana Lindqvist"), "{ms:?}");
        assert!(has(&ms, 3, "Ekberg", "Tomas Ekberg"), "{ms:?}");
        assert!(has(&ms, 4, "mayor", "Tomas Ekberg"), "{ms:?}");
        // Neither a month nor the role words are entities of their own.
        assert!(!ms.iter().any(|(_, m, _)| m == "May" || m == "Mayor"));
    }

    #[test]
    fn appositives_link_roles() {
        let text = "The Interior Minister, Rosa Valdés, ordered an inquiry. \
                    Paulo Neri, the chief engineer of Harlow Dam, resigned. \
                    The minister thanked the chief engineer.";
        let ms = mentions(text);
        assert!(has(&ms, 0, "Rosa Valdés", "Rosa Valdés"), "{ms:?}");
        assert!(has(&ms, 1, "Paulo Neri", "Paulo Neri"), "{ms:?}");
        assert!(has(&ms, 2, "minister", "Rosa Valdés"), "{ms:?}");
        assert!(has(&ms, 2, "chief", "Paulo Neri"), "{ms:?}");
    }

    #[test]
    fn ambiguous_roles_and_surnames_stay_unresolved() {
        let text = "President Ana Ruiz met President Ben Ruiz in Lyon. \
                    The president spoke first. Ruiz left early.";
        let ms = mentions(text);
        assert!(!ms.iter().any(|(s, m, _)| *s == 1 && m == "president"));
        assert!(has(&ms, 2, "Ruiz", "Ruiz"), "{ms:?}");
    }

    #[test]
    fn places_keep_their_words_and_openers_are_not_names() {
        let text = "Despite the rain, crowds gathered in Estavia City on Sunday. \
                    Officials in Estavia said the U.S. embassy was closed.";
        let ms = mentions(text);
        assert!(has(&ms, 0, "Estavia City", "Estavia City"), "{ms:?}");
        assert!(!ms.iter().any(|(_, m, _)| m == "Despite" || m == "Sunday"));
        assert!(has(&ms, 1, "Estavia", "Estavia"), "{ms:?}");
        // "City" is no surname: "Estavia" stays Estavia.
        assert!(!has(&ms, 1, "Estavia", "Estavia City"));
        assert!(has(&ms, 1, "U.S.", "U.S."), "{ms:?}");
    }

    #[test]
    fn title_case_headlines_only_keep_known_names() {
        let text = "Harbour Strike Ends As Lindqvist Signs Deal\n\
                    Ana Lindqvist signed the deal on Friday.";
        let ms = mentions(text);
        assert!(has(&ms, 0, "Lindqvist", "Ana Lindqvist"), "{ms:?}");
        assert!(
            !ms.iter()
                .any(|(_, m, _)| m.contains("Strike") || m == "Deal")
        );
    }

    #[test]
    fn an_unconfirmed_first_word_is_a_weak_mention() {
        let e = read("Amrozi accused his brother of lying.");
        assert_eq!(e.by_sentence[0].len(), 1);
        assert!(e.by_sentence[0][0].weak);
        assert!(mentions("Police accused him. Police said so.").is_empty());
    }

    #[test]
    fn odd_text_does_not_panic() {
        for text in ["", "😀 “", "A", "Mr.", "The , , ,", "É É É É\r\n\r\nÉ"] {
            mentions(text);
        }
    }
}
