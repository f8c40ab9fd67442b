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

use std::ops::Range;
use std::sync::{Arc, LazyLock};

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
    /// The hash of `key` in the document's [`Evidence`].
    hash: u64,
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

/// The words of one paragraph, read once and shared by the versions of an
/// edited document that keep the paragraph: the keys in `arena`, each
/// sentence's words with spans relative to the paragraph's first byte.
#[derive(Debug)]
pub(crate) struct ParagraphWords {
    pub arena: String,
    pub sentences: Vec<Vec<Word>>,
    /// The paragraph's quoted stretches ([`super::quotes::quote_spans`]).
    pub quotes: Vec<Range<usize>>,
}

impl ParagraphWords {
    /// Reads the words of the sentences `spans` (byte ranges of
    /// `paragraph`, the paragraph's text).
    pub fn read(paragraph: &str, spans: impl Iterator<Item = Range<usize>>) -> Self {
        let mut arena = String::with_capacity(paragraph.len());
        let sentences = spans
            .map(|s| super::terms::read_words(paragraph, s, &mut arena))
            .collect();
        let quotes = super::quotes::quote_spans(paragraph, 0..paragraph.len());
        Self {
            arena,
            sentences,
            quotes,
        }
    }
}

/// What the entity reader read of one paragraph: its words, what they add
/// to the document's evidence of capitalisation, the keys of its
/// capitalised words (the only ones whose evidence its reading asked), and
/// what its first pass found under the evidence of its document.
#[derive(Debug)]
pub(crate) struct ParagraphNames {
    words: Arc<ParagraphWords>,
    /// Distinct keys capitalised in running text, and seen in lower case.
    cap_mid: Box<[u64]>,
    lower: Box<[u64]>,
    /// Distinct keys of capitalised words whose evidence the first pass
    /// may ask ([`asks_evidence`]), sorted.
    asked: Box<[u64]>,
    found: Found,
}

/// The evidence of a document's capitalisation: how many paragraphs
/// capitalise each word (by key hash) in running text, and how many write
/// it in lower case. Kept per version and updated by the paragraphs an edit
/// adds and removes.
#[derive(Clone, Debug, Default)]
pub(crate) struct Evidence {
    cap_mid: FxHashMap<u64, u32>,
    lower: FxHashMap<u64, u32>,
}

impl Evidence {
    fn cap_mid(&self, key: u64) -> bool {
        self.cap_mid.contains_key(&key)
    }

    fn lower(&self, key: u64) -> bool {
        self.lower.contains_key(&key)
    }

    /// Adds `times` (negative: removes) the paragraph's evidence; `changed`
    /// gets every key it touched.
    fn add(&mut self, p: &ParagraphNames, times: i64, changed: &mut Vec<u64>) {
        for (map, keys) in [(&mut self.cap_mid, &p.cap_mid), (&mut self.lower, &p.lower)] {
            for &k in keys.iter() {
                let n = map.get(&k).copied().unwrap_or(0) as i64 + times;
                if n <= 0 {
                    map.remove(&k);
                } else {
                    map.insert(k, n as u32);
                }
                changed.push(k);
            }
        }
    }
}

/// What the entity reader keeps of a document for reading its next
/// version: each paragraph's reading and the document's evidence. Empty
/// for a document that is not edited.
#[derive(Clone, Default)]
pub(crate) struct NameCache {
    paragraphs: Vec<Arc<ParagraphNames>>,
    evidence: Arc<Evidence>,
}

impl std::fmt::Debug for NameCache {
    // A cache: two readings of one text are equal whatever it holds.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NameCache")
    }
}

impl NameCache {
    /// The reading of old paragraph `p`, if kept.
    pub fn paragraph(&self, p: usize) -> Option<&Arc<ParagraphNames>> {
        self.paragraphs.get(p)
    }

    /// How many paragraphs it holds.
    pub fn len(&self) -> usize {
        self.paragraphs.len()
    }
}

impl ParagraphNames {
    /// The paragraph's words.
    pub fn words(&self) -> &Arc<ParagraphWords> {
        &self.words
    }
}

/// One paragraph given to [`extract_paragraphs`]: read afresh, or kept
/// from the version before (its index there).
pub(crate) enum ParagraphInput {
    Read(Arc<ParagraphWords>),
    Kept(usize, Arc<ParagraphNames>),
}

/// What the first pass found in a paragraph: spans relative to the
/// paragraph's first byte, sentences to its first sentence.
#[derive(Debug, Default)]
struct Found {
    /// (sentence, span, tokens, display) of each name.
    names: Vec<(usize, Range<usize>, Vec<String>, String)>,
    /// (sentence, span, key, display) of each weak name.
    weak: Vec<(usize, Range<usize>, String, String)>,
    /// (role, name) tokens.
    links: Vec<(Vec<String>, Vec<String>)>,
    /// (sentence, span, tokens) of each role mention.
    roles: Vec<(usize, Range<usize>, Vec<String>)>,
}

/// The hash a word's key is counted under in the [`Evidence`].
fn evidence_key(key: &str) -> u64 {
    key_hash(super::terms::kind::WORD, key.as_bytes())
}

/// The entity reader's view of a paragraph's sentences (`text` is the
/// paragraph's).
fn sentences_of<'a>(text: &str, words: &'a ParagraphWords) -> Vec<Sentence<'a>> {
    let arena = words.arena.as_str();
    words
        .sentences
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
                        hash: evidence_key(key),
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
        .collect()
}

/// Whether the first pass may ask the document's evidence about a
/// capitalised word: [`accept`] and the weak names decide a word that is
/// empty, "i", not a letter, a month or a weekday, a number word, or a
/// stop word (not an acronym) without it. A change of evidence about the
/// others makes the paragraphs that hold them look for names again.
fn asks_evidence(w: &W<'_>) -> bool {
    !w.key.is_empty()
        && w.key != "i"
        && w.key.chars().next().is_some_and(char::is_alphabetic)
        && !w.is(flag::MONTH_OR_DAY)
        && !w.is(flag::NUMBER_WORD)
        && (!w.is(flag::STOP) || w.acronym)
}

/// What a paragraph's words (`sents`, read by [`sentences_of`]) add to
/// the document's evidence (pass 1 waits for the document's evidence).
fn read_paragraph(words: Arc<ParagraphWords>, sents: &[Sentence<'_>]) -> ParagraphNames {
    let (mut cap_mid, mut lower, mut asked) = (Vec::new(), Vec::new(), Vec::new());
    for s in sents {
        for w in &s.words {
            if w.cap {
                if asks_evidence(w) {
                    asked.push(w.hash);
                }
                if !w.initial && !s.title_case {
                    cap_mid.push(w.hash);
                }
            } else if w.key.chars().next().is_some_and(char::is_alphabetic) {
                lower.push(w.hash);
            }
        }
    }
    let distinct = |mut v: Vec<u64>| {
        v.sort_unstable();
        v.dedup();
        v.into_boxed_slice()
    };
    ParagraphNames {
        cap_mid: distinct(cap_mid),
        lower: distinct(lower),
        asked: distinct(asked),
        words,
        found: Found::default(),
    }
}

/// Reads the entities of a document from its sentences' words (keys in
/// `arena`, see [`super::terms::read_words`]).
#[cfg(test)]
pub(crate) fn extract(text: &str, arena: &str, sentences: &[Vec<Word>]) -> Entities {
    // One paragraph holding every sentence, at the text's first byte.
    let words = ParagraphWords {
        arena: arena.to_string(),
        sentences: sentences.to_vec(),
        quotes: Vec::new(),
    };
    let paragraph = [(0, 0, sentences.len())];
    extract_paragraphs(
        text,
        &paragraph,
        vec![ParagraphInput::Read(Arc::new(words))],
        None,
    )
    .0
}

/// Reads the entities of a document paragraph by paragraph. `paragraphs`
/// gives each paragraph's first byte, first sentence and sentence count;
/// `inputs` its words, or the paragraph of the version before it repeats
/// (whose reading is taken from `previous`, the entity cache of that
/// version). Only what a paragraph reads from the document's evidence is
/// read again when that evidence changes for one of its words; the names
/// are then resolved over the whole document. The result is the same as a
/// read with nothing kept, with the cache for the next version.
pub(crate) fn extract_paragraphs(
    text: &str,
    paragraphs: &[(usize, usize, usize)],
    inputs: Vec<ParagraphInput>,
    previous: Option<&NameCache>,
) -> (Entities, NameCache) {
    let ptext = |p: usize| -> &str {
        let (start, _, _) = paragraphs[p];
        let end = paragraphs.get(p + 1).map_or(text.len(), |n| n.0);
        // The paragraph's words end before the next one starts.
        text.get(start..end).unwrap_or("")
    };
    // The entity reader's view of each paragraph read afresh, made once
    // for its evidence and its first pass.
    let held: Vec<Option<Arc<ParagraphWords>>> = inputs
        .iter()
        .map(|i| match i {
            ParagraphInput::Read(w) => Some(w.clone()),
            ParagraphInput::Kept(..) => None,
        })
        .collect();
    let mut fresh_sents: Vec<Option<Vec<Sentence<'_>>>> = held
        .iter()
        .enumerate()
        .map(|(p, w)| w.as_ref().map(|w| sentences_of(ptext(p), w)))
        .collect();
    // Each paragraph's reading, and whether its first pass is to be run.
    let mut read: Vec<(Arc<ParagraphNames>, bool)> = Vec::with_capacity(inputs.len());
    let mut uses: Vec<u32> = vec![0; previous.map_or(0, NameCache::len)];
    for (p, input) in inputs.into_iter().enumerate() {
        match input {
            ParagraphInput::Kept(q, kept) if q < uses.len() => {
                uses[q] += 1;
                read.push((kept, false));
            }
            // Kept from no version: its evidence is counted as new.
            ParagraphInput::Kept(_, kept) => {
                read.push((kept, true));
            }
            ParagraphInput::Read(words) => {
                let sents = fresh_sents[p].as_deref().unwrap_or(&[]);
                read.push((Arc::new(read_paragraph(words, sents)), true));
            }
        }
    }
    // The document's evidence: the version before's, less the paragraphs
    // the edit removed, plus those it added (a paragraph kept twice adds
    // itself once more); the keys whose presence changed make the kept
    // paragraphs that asked about them read again.
    let mut changed: Vec<u64> = Vec::new();
    let evidence = match previous {
        Some(cache) => {
            let mut ev = (*cache.evidence).clone();
            let mut touched = Vec::new();
            for (q, &n) in uses.iter().enumerate() {
                if n != 1 {
                    ev.add(&cache.paragraphs[q], i64::from(n) - 1, &mut touched);
                }
            }
            for (p, fresh) in &read {
                if *fresh {
                    ev.add(p, 1, &mut touched);
                }
            }
            touched.sort_unstable();
            touched.dedup();
            changed.extend(touched.into_iter().filter(|&k| {
                ev.cap_mid(k) != cache.evidence.cap_mid(k) || ev.lower(k) != cache.evidence.lower(k)
            }));
            ev
        }
        None => {
            let mut ev = Evidence::default();
            let mut touched = Vec::new();
            for (p, _) in &read {
                ev.add(p, 1, &mut touched);
                touched.clear();
            }
            ev
        }
    };
    for (p, again) in read.iter_mut() {
        if !*again && changed.iter().any(|k| p.asked.binary_search(k).is_ok()) {
            *again = true;
        }
    }
    let mut done: Vec<Arc<ParagraphNames>> = Vec::with_capacity(read.len());
    for (pi, (p, again)) in read.into_iter().enumerate() {
        if !again {
            done.push(p);
            continue;
        }
        crate::analysis::effort::add_name_paragraph_read();
        let found = match fresh_sents[pi].take() {
            Some(sents) => first_pass(ptext(pi), &sents, &evidence),
            None => first_pass(ptext(pi), &sentences_of(ptext(pi), &p.words), &evidence),
        };
        done.push(match Arc::try_unwrap(p) {
            // Read afresh by this version: completed in place.
            Ok(mut own) => {
                own.found = found;
                Arc::new(own)
            }
            Err(p) => Arc::new(ParagraphNames {
                words: p.words.clone(),
                cap_mid: p.cap_mid.clone(),
                lower: p.lower.clone(),
                asked: p.asked.clone(),
                found,
            }),
        });
    }
    let read = done;
    let sentences = paragraphs.iter().map(|p| p.2).sum();
    let entities = second_pass(paragraphs, &read, sentences);
    (
        entities,
        NameCache {
            paragraphs: read,
            evidence: Arc::new(evidence),
        },
    )
}

/// Pass 1 over one paragraph: runs, names and role links, read with the
/// document's evidence.
fn first_pass(text: &str, sents: &[Sentence<'_>], evidence: &Evidence) -> Found {
    let mut found = Found::default();
    for (si, s) in sents.iter().enumerate() {
        let ws = &s.words;
        let accepted: Vec<bool> = (0..ws.len())
            .map(|i| accept(ws, i, s.title_case, evidence))
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
                && !evidence.lower(w.hash)
            {
                let display = display_of(text, ws, i..i + 1);
                found
                    .weak
                    .push((si, w.span.clone(), w.key.to_string(), display));
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
                    found
                        .links
                        .push((tokens(role), name_tokens(ws, name.clone())));
                }
                (Some(role), None) => {
                    // "The Secretary of State, Ana Lindqvist, …"
                    if let Some(next) = name_after_comma(text, ws, &accepted, end) {
                        found.links.push((tokens(role), name_tokens(ws, next)));
                    } else {
                        let span = ws[role.start].span.start..ws[role.end - 1].span.end;
                        found.roles.push((si, span, tokens(role)));
                    }
                }
                _ => {}
            }
            if let Some(name) = run.name {
                // "Ana Lindqvist, the secretary of state, …"
                if let Some(role) = appositive_role(text, ws, name.end) {
                    found.links.push((role, name_tokens(ws, name.clone())));
                }
                let toks = name_tokens(ws, name.clone());
                if !toks.is_empty() {
                    let span = ws[name.start].span.start..ws[name.end - 1].span.end;
                    let display = display_of(text, ws, name.clone());
                    found.names.push((si, span, toks, display));
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
            let span = ws[the + 1].span.start..ws[end - 1].span.end;
            found.roles.push((si, span, tokens_of(ws, the + 1..end)));
        }
    }
    found
}

/// Pass 2 over the whole document: canonical names, short forms resolved
/// to the one longer name, roles to the one name linked to them, each
/// name's id in order of first mention. What a name resolves to is worked
/// out once per distinct spelling, not once per mention.
fn second_pass(
    paragraphs: &[(usize, usize, usize)],
    read: &[Arc<ParagraphNames>],
    sentences: usize,
) -> Entities {
    // Every proper tail of every distinct person's name (the empty one
    // too), with the names that end with it: a shorter name resolves to
    // the one longer name it ends.
    let mut tails: FxHashMap<&[String], (u32, &[String])> = FxHashMap::default();
    {
        let mut seen: FxHashSet<&[String]> = FxHashSet::default();
        for p in read {
            for (_, _, tokens, _) in &p.found.names {
                if seen.insert(tokens) && is_person(tokens) {
                    for k in 0..tokens.len() {
                        let e = tails.entry(&tokens[k + 1..]).or_insert((0, tokens));
                        e.0 += 1;
                    }
                }
            }
        }
    }
    let resolve = |tokens: &'_ [String]| -> Option<&[String]> {
        match tails.get(tokens) {
            Some(&(1, one))
                if !is(
                    tokens.last().map_or("", |s| s.as_str()),
                    flag::NON_PERSON_LAST,
                ) =>
            {
                Some(one)
            }
            _ => None,
        }
    };

    let mut out = Entities {
        by_sentence: vec![Vec::new(); sentences],
        names: Vec::new(),
    };
    // Each name's id by its canonical form, and the length in characters
    // of its display name.
    let mut name_ids: FxHashMap<String, u32> = FxHashMap::default();
    let mut name_chars: Vec<usize> = Vec::new();
    // What each distinct spelling (resolved tokens) comes to: its id and
    // its canonical and short keys.
    let mut known: FxHashMap<Vec<String>, (u32, u64, u64)> = FxHashMap::default();
    let mut add = |out: &mut Entities,
                   si: usize,
                   span: Range<usize>,
                   canon_tokens: &[String],
                   display: &str,
                   weak: bool| {
        let chars = display.chars().count();
        let (id, canon, short) = match known.get(canon_tokens) {
            Some(&k) => k,
            None => {
                let canon = canonical(canon_tokens);
                let short = if is_person(canon_tokens) {
                    canon_tokens.last().cloned().unwrap_or_default()
                } else {
                    canon.clone()
                };
                let id = *name_ids.entry(canon.clone()).or_insert_with(|| {
                    out.names.push(display.into());
                    name_chars.push(chars);
                    (out.names.len() - 1) as u32
                });
                let k = (
                    id,
                    key_hash(kind::ENTITY, canon.as_bytes()),
                    key_hash(kind::SHORT_NAME, short.as_bytes()),
                );
                known.insert(canon_tokens.to_vec(), k);
                k
            }
        };
        // Keep the longest spelling as the display name.
        if chars > name_chars[id as usize] {
            out.names[id as usize] = display.into();
            name_chars[id as usize] = chars;
        }
        let Some(list) = out.by_sentence.get_mut(si) else {
            return;
        };
        if !list.iter().any(|m| m.canon == canon) {
            list.push(EntityMention {
                canon,
                short,
                span,
                name: id,
                weak,
            });
        }
    };
    let at =
        |p: usize, span: &Range<usize>| paragraphs[p].0 + span.start..paragraphs[p].0 + span.end;

    for (pi, p) in read.iter().enumerate() {
        for (s, span, tokens, display) in &p.found.names {
            let canon_tokens = resolve(tokens).unwrap_or(tokens);
            add(
                &mut out,
                paragraphs[pi].1 + s,
                at(pi, span),
                canon_tokens,
                display,
                false,
            );
        }
    }
    for (pi, p) in read.iter().enumerate() {
        for (s, span, key, display) in &p.found.weak {
            add(
                &mut out,
                paragraphs[pi].1 + s,
                at(pi, span),
                std::slice::from_ref(key),
                display,
                true,
            );
        }
    }
    let link_names: Vec<(&Vec<String>, &[String])> = read
        .iter()
        .flat_map(|p| &p.found.links)
        .map(|(role, name)| (role, resolve(name).unwrap_or(name)))
        .collect();
    for (pi, p) in read.iter().enumerate() {
        for (s, span, tokens) in &p.found.roles {
            let mut targets: Vec<&[String]> = link_names
                .iter()
                .filter(|(role, _)| role_matches(tokens, role))
                .map(|&(_, name)| name)
                .collect();
            targets.sort();
            targets.dedup();
            if let [one] = targets.as_slice() {
                let display = one.iter().map(|t| title(t)).collect::<Vec<_>>().join(" ");
                add(
                    &mut out,
                    paragraphs[pi].1 + s,
                    at(pi, span),
                    one,
                    &display,
                    false,
                );
            }
        }
    }
    out
}

/// Whether a word is capitalised in a way that marks a name.
fn accept(ws: &[W], i: usize, title_case: bool, evidence: &Evidence) -> bool {
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
        return w.acronym || evidence.cap_mid(w.hash);
    }
    if w.initial {
        if w.is(flag::OPENER) {
            return false;
        }
        if w.acronym || evidence.cap_mid(w.hash) {
            return true;
        }
        // Opens a multi-word name and is never written in lower case.
        let next_cap = ws
            .get(i + 1)
            .is_some_and(|n| n.cap && !n.is(flag::STOP) && !n.is(flag::MONTH_OR_DAY));
        return next_cap && !evidence.lower(w.hash);
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
