//! Words and index terms.
//!
//! A *word* is a run of letters and digits, joined by single inner
//! apostrophes, hyphens, periods, ampersands or digit-group commas
//! ("O’Brien", "flat-bottomed", "U.S.", "AT&T", "5,000", "8.08").
//! A dotted acronym keeps its final period ("U.S.").
//!
//! An index *term* is a word part (split at hyphens and periods), lower-cased,
//! folded to ASCII where it is a Latin letter with a diacritic ("Ibáñez"
//! and "Ibanez" are one term), without a possessive "’s", not a stop word,
//! and stemmed with the Snowball English stemmer ("agreements" and
//! "agreement" are one term). A number is one term as written, without
//! digit-group commas ("5,000" is "5000"); the figures reader normalises
//! spelled-out numbers separately. Terms are identified by a
//! 64-bit hash of the stem; the index never stores the strings.
//!
//! # Why not the language layer's tokens
//!
//! The layer's tokenizer ([`crate::analysis::language::tokenize`]) splits
//! words as treebanks do, for the tagger; read through the same keys and
//! terms (`terms_two_ways`), it gives other terms and costs more
//! (`cargo run --release --example related_terms`, load average 12 on two
//! cores, both ways measured in turn on the same texts):
//! - the same terms for 0.949 of the 3,160 ECB+ dev sentences and 0.943 of
//!   the 43,937 BBC news sentences; 1.1% and 1.7% of the term occurrences
//!   are read one way only. Most are amounts and names with a unit or a
//!   letter after the digits, which the layer cuts ("12.5bn" and "49ers"
//!   become "12.5" with "bn", "49" with "ers": a generic unit term and a
//!   bare number that match unrelated passages), clitics it cuts off whole
//!   words ("can't", "won't" leave the terms "ca" and "wo"), and
//!   contractions this splitter keeps as one word ("we've");
//! - splitting alone takes 98 ms per MB of text on the layer's tokens
//!   against 24 ms here on ECB+ (101 against 38 on BBC), on every
//!   document indexed: the layer reads a sentence's tokens only when a
//!   detector asks for them, so they are not there to reuse.
//!
//! The entity reader also reads these words (joined hyphens and periods,
//! the possessive, all capitals), which the layer's tokens split
//! differently. So this module keeps its splitter; its word lists (stop
//! words, the bilingual list, month and weekday names) are the shared
//! lexicon's.

use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

use crate::analysis::language::tagger::KeyMap;
use crate::analysis::language::{Lang, lexicon};

/// Kind tags mixed into every key hash, so that a term, an entity, a figure
/// and a quotation never share a key.
pub(crate) mod kind {
    pub const TERM: u8 = b't';
    pub const ENTITY: u8 = b'e';
    pub const SHORT_NAME: u8 = b's';
    pub const FIGURE: u8 = b'f';
    pub const QUOTE: u8 = b'q';
    /// A word as written, in caches of what is read from it (never
    /// stored in the index).
    pub const WORD: u8 = b'w';
}

/// FNV-1a over the kind and the bytes, then a 64-bit finaliser (splitmix64)
/// so the low bits are well mixed for hash maps keyed by the hash itself.
pub(crate) fn key_hash(kind: u8, bytes: &[u8]) -> u64 {
    use std::hash::Hasher;
    let mut h = fnv::FnvHasher::default();
    h.write(&[kind]);
    h.write(bytes);
    mix(h.finish())
}

/// A fast, non-cryptographic hasher (the Fx hash) for maps keyed by words.
#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher(u64);

impl FxHasher {
    fn add(&mut self, w: u64) {
        self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl std::hash::Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut v = [0u8; 8];
            v.copy_from_slice(c);
            self.add(u64::from_le_bytes(v));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut v = [0u8; 8];
            v[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(v) ^ ((rest.len() as u64) << 59));
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    /// The multiply of [`FxHasher::add`] leaves the high bits well mixed
    /// and the low ones poor (a product's low bits depend only on its
    /// factors' low bits: for a word of up to eight bytes, on its first
    /// two letters and five mixed bits), but a hash table picks the bucket
    /// from the low bits, so words crowd into few buckets and lookups probe
    /// long runs. Rotating brings the mixed bits down.
    fn finish(&self) -> u64 {
        self.0.rotate_left(FINISH_ROTATION)
    }
}

/// How far [`FxHasher::finish`] rotates: 26 moves bits 38–63, the best
/// mixed, into the low bits hash tables read (the value rustc-hash 2
/// chose for the same hash).
const FINISH_ROTATION: u32 = 26;

pub(crate) type FxBuild = std::hash::BuildHasherDefault<FxHasher>;
pub(crate) type FxHashMap<K, V> = HashMap<K, V, FxBuild>;
pub(crate) type FxHashSet<K> = std::collections::HashSet<K, FxBuild>;

pub(crate) fn mix(mut x: u64) -> u64 {
    x ^= x >> 30;
    x = x.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x ^= x >> 27;
    x = x.wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

fn is_joiner(c: char) -> bool {
    matches!(c, '\'' | '’' | '-' | '‐' | '.' | '&')
}

/// The words of `text[span]`, as byte ranges into `text`. `span` must lie on
/// character boundaries (sentence and paragraph spans do).
pub(crate) fn words(text: &str, span: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let Some(s) = text.get(span.clone()) else {
        return out;
    };
    let base = span.start;
    let mut it = s.char_indices().peekable();
    let mut start: Option<usize> = None;
    let mut prev: Option<char> = None;
    while let Some((i, c)) = it.next() {
        if c.is_alphanumeric() {
            if start.is_none() {
                start = Some(i);
            }
            prev = Some(c);
            continue;
        }
        if let Some(st) = start {
            let next = it.peek().map(|&(_, n)| n);
            let next_alnum = next.is_some_and(char::is_alphanumeric);
            let joins = (is_joiner(c) && next_alnum)
                || (c == ','
                    && prev.is_some_and(|p| p.is_ascii_digit())
                    && next.is_some_and(|n| n.is_ascii_digit())
                    && digit_group_follows(&s[i + 1..]));
            if joins {
                prev = Some(c);
                continue;
            }
            let mut end = i;
            // "U.S." keeps its final period.
            if c == '.' && is_dotted_acronym(&s[st..i]) {
                end = i + 1;
            }
            out.push(base + st..base + end);
            start = None;
        }
        prev = Some(c);
    }
    if let Some(st) = start {
        out.push(base + st..base + s.len());
    }
    out
}

/// "5,000": a comma between digits joins only when exactly three digits follow.
fn digit_group_follows(rest: &str) -> bool {
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    digits == 3
}

/// Two or more letters, all capitals, and no digit ("NATO", "FBI"; not
/// "A", "COVID-19"): a word read as an acronym whatever its dots.
#[inline]
fn all_capitals(raw: &str) -> bool {
    let (mut letters, mut upper, mut digit) = (0, 0, false);
    for c in raw.chars() {
        if c.is_alphabetic() {
            letters += 1;
            upper += usize::from(c.is_uppercase());
        }
        digit |= c.is_ascii_digit();
    }
    letters >= 2 && upper == letters && !digit
}

/// "U.S", "U.N", "D.C" (the final period not yet included).
pub(crate) fn is_dotted_acronym(w: &str) -> bool {
    w.contains('.')
        && w.split('.')
            .all(|p| p.chars().count() == 1 && p.chars().all(char::is_alphabetic))
}

/// Lower-cases `c` and folds Latin letters with diacritics to ASCII.
/// Returns up to two characters ("ß" → "ss", "æ" → "ae").
pub(crate) fn fold_char(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    let folded = match c {
        'À'..='Å' | 'à'..='å' | 'Ā' | 'ā' | 'Ă' | 'ă' | 'Ą' | 'ą' => "a",
        'Æ' | 'æ' => "ae",
        'Ç' | 'ç' | 'Ć' | 'ć' | 'Č' | 'č' | 'Ĉ' | 'ĉ' | 'Ċ' | 'ċ' => "c",
        'Ď' | 'ď' | 'Đ' | 'đ' | 'Ð' | 'ð' => "d",
        'È'..='Ë' | 'è'..='ë' | 'Ē' | 'ē' | 'Ĕ' | 'ĕ' | 'Ė' | 'ė' | 'Ę' | 'ę' | 'Ě' | 'ě' => {
            "e"
        }
        'Ĝ' | 'ĝ' | 'Ğ' | 'ğ' | 'Ġ' | 'ġ' | 'Ģ' | 'ģ' => "g",
        'Ĥ' | 'ĥ' | 'Ħ' | 'ħ' => "h",
        'Ì'..='Ï' | 'ì'..='ï' | 'Ĩ' | 'ĩ' | 'Ī' | 'ī' | 'Ĭ' | 'ĭ' | 'Į' | 'į' | 'İ' | 'ı' => {
            "i"
        }
        'Ĵ' | 'ĵ' => "j",
        'Ķ' | 'ķ' => "k",
        'Ĺ' | 'ĺ' | 'Ļ' | 'ļ' | 'Ľ' | 'ľ' | 'Ŀ' | 'ŀ' | 'Ł' | 'ł' => "l",
        'Ñ' | 'ñ' | 'Ń' | 'ń' | 'Ņ' | 'ņ' | 'Ň' | 'ň' => "n",
        'Ò'..='Ö' | 'Ø' | 'ò'..='ö' | 'ø' | 'Ō' | 'ō' | 'Ŏ' | 'ŏ' | 'Ő' | 'ő' => "o",
        'Œ' | 'œ' => "oe",
        'Ŕ' | 'ŕ' | 'Ŗ' | 'ŗ' | 'Ř' | 'ř' => "r",
        'Ś' | 'ś' | 'Ŝ' | 'ŝ' | 'Ş' | 'ş' | 'Š' | 'š' | 'Ș' | 'ș' => "s",
        'ß' => "ss",
        'Ţ' | 'ţ' | 'Ť' | 'ť' | 'Ŧ' | 'ŧ' | 'Ț' | 'ț' => "t",
        'Ù'..='Ü'
        | 'ù'..='ü'
        | 'Ũ'
        | 'ũ'
        | 'Ū'
        | 'ū'
        | 'Ŭ'
        | 'ŭ'
        | 'Ů'
        | 'ů'
        | 'Ű'
        | 'ű'
        | 'Ų'
        | 'ų' => "u",
        'Ŵ' | 'ŵ' => "w",
        'Ý' | 'ý' | 'ÿ' | 'Ŷ' | 'ŷ' | 'Ÿ' => "y",
        'Ź' | 'ź' | 'Ż' | 'ż' | 'Ž' | 'ž' => "z",
        'Þ' | 'þ' => "th",
        '’' | '‘' | 'ʼ' => "'",
        '‐' | '‑' | '–' | '—' => "-",
        _ => {
            out.extend(c.to_lowercase());
            return;
        }
    };
    out.push_str(folded);
}

/// `word` lower-cased and folded (see [`fold_char`]) into `out` (cleared first).
pub(crate) fn fold_into(word: &str, out: &mut String) {
    out.clear();
    for c in word.chars() {
        fold_char(c, out);
    }
}

/// The folded, apostrophe-free forms of `lang`'s function words and index
/// stop words (the shared lexicon's `stopwords.txt` and
/// `index_stopwords.txt`): they say nothing about which fact a passage
/// reports.
fn folded_stop_words(lang: Lang) -> FxHashSet<Box<str>> {
    let mut out = FxHashSet::default();
    let mut buf = String::new();
    let l = lexicon(lang);
    for w in l.stop_words.iter().chain(&l.index_stop_words) {
        fold_into(w, &mut buf);
        buf.retain(|c| c != '\'');
        out.insert(buf.as_str().into());
    }
    out
}

pub(super) static EN_STOP: LazyLock<FxHashSet<Box<str>>> =
    LazyLock::new(|| folded_stop_words(Lang::English));
pub(super) static ES_STOP: LazyLock<FxHashSet<Box<str>>> =
    LazyLock::new(|| folded_stop_words(Lang::Spanish));

/// Whether a folded, lower-case word is an English stop word.
pub(crate) fn is_stop_word(folded: &str) -> bool {
    EN_STOP.contains(folded)
}

/// Whether a folded, lower-case word is a stop word of English or Spanish
/// (for the entity reader, which runs on either language).
pub(crate) fn is_any_stop_word(folded: &str) -> bool {
    EN_STOP.contains(folded) || ES_STOP.contains(folded)
}

static STEMMER: LazyLock<frostem::Stemmer> =
    LazyLock::new(|| frostem::Stemmer::new(frostem::Algorithm::English));
static ES_STEMMER: LazyLock<frostem::Stemmer> =
    LazyLock::new(|| frostem::Stemmer::new(frostem::Algorithm::Spanish));

/// The Spanish stem of a lower-case word as written (the Snowball Spanish
/// stemmer reads the accents: "evacuación" and "evacuaciones" share a stem,
/// "evacuacion" would not), folded afterwards.
fn spanish_stem(lower: &str) -> String {
    let mut out = String::new();
    fold_into(&ES_STEMMER.stem(lower), &mut out);
    out
}

/// Folded Spanish stem → the English terms it stands for: the shared
/// lexicon's `to_english.txt`, and month and weekday names paired through
/// their numbers ("septiembre" is "september").
static ES_TO_EN: LazyLock<FxHashMap<String, Box<[u64]>>> = LazyLock::new(|| {
    let (es, en) = (lexicon(Lang::Spanish), lexicon(Lang::English));
    let mut pairs: Vec<(String, String)> = Vec::new();
    for (w, targets) in &es.to_english {
        pairs.extend(targets.iter().map(|t| (w.clone(), t.clone())));
    }
    // The longest English name of each number is its full name.
    let full = |m: &crate::analysis::language::lexicon::HashMap<String, u8>, n: u8| {
        m.iter()
            .filter(|&(_, &v)| v == n)
            .map(|(k, _)| k.clone())
            .max_by_key(|k| (k.len(), k.clone()))
    };
    for (table, en_table) in [(&es.months, &en.months), (&es.weekdays, &en.weekdays)] {
        for (w, &n) in table.iter() {
            if w.chars().count() > 3
                && let Some(t) = full(en_table, n)
            {
                pairs.push((w.clone(), t));
            }
        }
    }
    let mut map: FxHashMap<String, Vec<u64>> = FxHashMap::default();
    let mut buf = String::new();
    for (w, t) in pairs {
        let stem = spanish_stem(&w);
        let hashes = map.entry(stem).or_default();
        for part in t.split_whitespace() {
            fold_into(part, &mut buf);
            if buf.is_empty() || is_stop_word(&buf) {
                continue;
            }
            let h = term_of_folded(&buf);
            if !hashes.contains(&h) {
                hashes.push(h);
            }
        }
    }
    map.into_iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| (k, v.into_boxed_slice()))
        .collect()
});

thread_local! {
    /// Folded word → term hash. Words repeat across documents, so each
    /// thread stems a word once; the cache is dropped when it grows large.
    /// Keyed by the word's 64-bit hash ([`word_key`]), as the index keys
    /// terms: a lookup then compares two numbers instead of reading the
    /// word kept in another allocation (a cache miss per word of every
    /// document).
    static STEM_CACHE: RefCell<KeyMap<u64>> = RefCell::new(KeyMap::default());
    /// Lower-case Spanish word (by [`word_key`]) → its terms (see
    /// [`spanish_terms`]).
    static ES_CACHE: RefCell<KeyMap<SpanishTerms>> = RefCell::new(KeyMap::default());
}

/// The key of a word as written in the stemming caches.
fn word_key(word: &str) -> u64 {
    key_hash(kind::WORD, word.as_bytes())
}

const STEM_CACHE_MAX: usize = 200_000;

/// The term hash of one folded word part (already checked: not a stop word,
/// not a number).
fn term_of_folded(folded: &str) -> u64 {
    let key = word_key(folded);
    STEM_CACHE.with(|cache| {
        let mut cache = cache.borrow_mut();
        if let Some(&h) = cache.get(&key) {
            return h;
        }
        let stem = STEMMER.stem(folded);
        let h = key_hash(kind::TERM, stem.as_bytes());
        if cache.len() >= STEM_CACHE_MAX {
            cache.clear();
        }
        cache.insert(key, h);
        h
    })
}

/// What one Spanish word part can stand for.
#[derive(Clone)]
struct SpanishTerms {
    /// Its English equivalents, when the bilingual lexicon has the stem.
    english: Option<Box<[u64]>>,
    /// Its Spanish stem's term.
    spanish: u64,
    /// Its term read as an English word: how a name ("Almeida") is
    /// indexed in English text.
    as_name: u64,
}

/// The terms of one Spanish word part (`lower`: lower case with its
/// accents; `folded`: folded, checked as for [`term_of_folded`]). A word
/// in the bilingual lexicon stands for its English equivalents; any other
/// capitalised word is taken for a name and indexed as English text
/// indexes it; the rest by their Spanish stem.
fn spanish_terms(lower: &str, folded: &str, capital: bool, f: &mut impl FnMut(u64)) {
    let key = word_key(lower);
    let t = ES_CACHE.with(|cache| {
        if let Some(t) = cache.borrow().get(&key) {
            return t.clone();
        }
        let stem = spanish_stem(lower);
        let t = SpanishTerms {
            english: ES_TO_EN.get(&stem).cloned(),
            spanish: key_hash(kind::TERM, stem.as_bytes()),
            as_name: term_of_folded(folded),
        };
        let mut cache = cache.borrow_mut();
        if cache.len() >= STEM_CACHE_MAX {
            cache.clear();
        }
        cache.insert(key, t.clone());
        t
    });
    match (&t.english, capital) {
        (Some(en), _) => en.iter().for_each(|&h| f(h)),
        (None, true) => f(t.as_name),
        (None, false) => f(t.spanish),
    }
}

/// A word and its key: folded lower case (see [`fold_char`]), without a
/// final possessive, without the periods of a dotted acronym ("U.S." is
/// "us").
#[derive(Clone, Debug)]
pub(crate) struct Word {
    pub span: Range<usize>,
    /// The key's range in the arena it was read into.
    pub key: Range<usize>,
    pub possessive: bool,
    /// All capitals ("DEA", "U.S.").
    pub acronym: bool,
}

/// The words of `text[span]`, their keys appended to `arena`.
pub(crate) fn read_words(text: &str, span: Range<usize>, arena: &mut String) -> Vec<Word> {
    words(text, span)
        .into_iter()
        .map(|span| {
            let raw = text.get(span.clone()).unwrap_or("");
            let start = arena.len();
            let dotted = is_dotted_acronym(raw.trim_end_matches('.'));
            for c in raw.chars() {
                if !(dotted && c == '.') {
                    fold_char(c, arena);
                }
            }
            let mut possessive = false;
            if arena[start..].ends_with("'s") {
                arena.truncate(arena.len() - 2);
                possessive = true;
            } else if arena[start..].ends_with('\'') {
                arena.pop();
                possessive = true;
            }
            Word {
                span,
                key: start..arena.len(),
                possessive,
                acronym: dotted || all_capitals(raw),
            }
        })
        .collect()
}

/// Calls `f` with the hash of every index term of a word key. Pieces
/// between hyphens ("flat-bottomed", "$2.9-million"): a piece that is a
/// number is one term without digit-group commas ("5,000", "8.08"); any
/// other piece splits again at periods and loses its apostrophes.
pub(crate) fn terms_of_key(key: &str, buf: &mut String, mut f: impl FnMut(u64)) {
    for piece in key.split(['-', '&']) {
        if piece.is_empty() {
            continue;
        }
        if piece.starts_with(|c: char| c.is_ascii_digit())
            && piece
                .chars()
                .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
        {
            buf.clear();
            buf.extend(piece.chars().filter(|&c| c != ','));
            let trimmed = buf.trim_end_matches('.');
            f(key_hash(kind::TERM, trimmed.as_bytes()));
            continue;
        }
        for part in piece.split('.') {
            buf.clear();
            buf.extend(part.chars().filter(|&c| c != '\''));
            if buf.len() < 2 || (buf.len() < 4 && buf.chars().count() < 2) || is_stop_word(buf) {
                continue;
            }
            if !buf.chars().any(char::is_alphanumeric) {
                continue;
            }
            f(term_of_folded(buf));
        }
    }
}

/// Calls `f` with the hash of every index term of word `w` (read by
/// [`read_words`] into `arena` from `text`) in a document of language
/// `lang`. English (and a language not known) as [`terms_of_key`] reads the
/// word's key; Spanish from the word as written (see [`spanish_terms`]),
/// with "1.200" read as a thousand two hundred.
pub(crate) fn terms_of_word(
    text: &str,
    arena: &str,
    w: &Word,
    lang: Lang,
    buf: &mut String,
    mut f: impl FnMut(u64),
) {
    if lang != Lang::Spanish {
        terms_of_key(arena.get(w.key.clone()).unwrap_or(""), buf, f);
        return;
    }
    let raw = text.get(w.span.clone()).unwrap_or("");
    let capital = raw.chars().next().is_some_and(char::is_uppercase);
    let lower: String = raw
        .chars()
        .flat_map(char::to_lowercase)
        .filter(|c| !matches!(c, '\'' | '’' | '‘' | 'ʼ'))
        .collect();
    for piece in lower.split(['-', '‐', '&']) {
        if piece.is_empty() {
            continue;
        }
        if piece.starts_with(|c: char| c.is_ascii_digit())
            && piece
                .chars()
                .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
        {
            buf.clear();
            let thousands = piece.split('.').count() > 1
                && piece.split('.').skip(1).all(|g| g.len() == 3)
                && piece
                    .split('.')
                    .next()
                    .is_some_and(|g| (1..=3).contains(&g.len()));
            buf.extend(
                piece
                    .chars()
                    .filter(|&c| c != ',' && !(thousands && c == '.')),
            );
            let trimmed = buf.trim_end_matches('.');
            f(key_hash(kind::TERM, trimmed.as_bytes()));
            continue;
        }
        for part in piece.split('.') {
            fold_into(part, buf);
            if buf.len() < 2
                || (buf.len() < 4 && buf.chars().count() < 2)
                || ES_STOP.contains(buf.as_str())
                || !buf.chars().any(char::is_alphanumeric)
            {
                continue;
            }
            spanish_terms(part, buf, capital, &mut f);
        }
    }
}

/// The words of `text[span]` read from the language layer's tokens
/// ([`crate::analysis::language::tokenize`]) instead of [`words`]: word
/// and number tokens, keyed as [`read_words`] keys its words; a clitic
/// token ("'s", "n't") marks or leaves the word before it. For the
/// comparison in the module documentation (`examples/related_terms.rs`).
fn read_layer_words(text: &str, span: Range<usize>, arena: &mut String) -> Vec<Word> {
    use crate::analysis::language::tokenize::{TokenKind, tokenize};
    let mut out: Vec<Word> = Vec::new();
    for t in tokenize(text, span) {
        if !matches!(t.kind, TokenKind::Word | TokenKind::Number) {
            continue;
        }
        let raw = text.get(t.span.clone()).unwrap_or("");
        if raw.starts_with(['\'', '’', 'ʼ'])
            || raw.eq_ignore_ascii_case("n't")
            || raw.eq_ignore_ascii_case("n’t")
        {
            if let Some(last) = out.last_mut()
                && last.span.end == t.span.start
                && raw.chars().skip(1).all(|c| c.eq_ignore_ascii_case(&'s'))
            {
                last.possessive = true;
            }
            continue;
        }
        let start = arena.len();
        let dotted = is_dotted_acronym(raw.trim_end_matches('.'));
        for c in raw.chars() {
            if !(dotted && c == '.') {
                fold_char(c, arena);
            }
        }
        out.push(Word {
            span: t.span,
            key: start..arena.len(),
            possessive: false,
            acronym: dotted || all_capitals(raw),
        });
    }
    out
}

/// The index terms of `text[span]` in a document of language `lang`, in
/// text order, each with the word it was read from, read two ways: from
/// this module's words (what the index stores) and from the language
/// layer's tokens. Not used by the index;
/// it measures whether the layer's tokens could replace [`words`] (see
/// the module documentation and `examples/related_terms.rs`).
#[doc(hidden)]
#[allow(clippy::type_complexity)]
pub fn terms_two_ways(
    text: &str,
    span: Range<usize>,
    lang: Lang,
) -> (Vec<(u64, Range<usize>)>, Vec<(u64, Range<usize>)>) {
    let mut arena = String::new();
    let mut buf = String::new();
    let mut ours = Vec::new();
    for w in read_words(text, span.clone(), &mut arena) {
        terms_of_word(text, &arena, &w, lang, &mut buf, |h| {
            ours.push((h, w.span.clone()));
        });
    }
    arena.clear();
    let mut layer = Vec::new();
    for w in read_layer_words(text, span, &mut arena) {
        terms_of_word(text, &arena, &w, lang, &mut buf, |h| {
            layer.push((h, w.span.clone()));
        });
    }
    (ours, layer)
}

/// Only the splitting of `text[span]` into keyed words, by this module's
/// splitter (`layer` false) or the language layer's tokenizer (`layer`
/// true): the number of words, for timing the two
/// (`examples/related_terms.rs`).
#[doc(hidden)]
pub fn split_words(text: &str, span: Range<usize>, layer: bool) -> usize {
    let mut arena = String::new();
    if layer {
        read_layer_words(text, span, &mut arena).len()
    } else {
        read_words(text, span, &mut arena).len()
    }
}

/// The first term of a single word as written (for tests and callers that
/// hold one word).
pub(crate) fn term(word: &str) -> Option<u64> {
    let mut arena = String::new();
    let mut buf = String::new();
    let mut out = None;
    for w in read_words(word, 0..word.len(), &mut arena) {
        terms_of_key(&arena[w.key], &mut buf, |h| {
            out.get_or_insert(h);
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ws(text: &str) -> Vec<&str> {
        words(text, 0..text.len())
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn words_keep_inner_joiners_and_acronyms() {
        assert_eq!(
            ws("The U.S. sent 5,000 flat-bottomed barges; O’Brien’s “AT&T” deal, 8.08 and 1,50."),
            [
                "The",
                "U.S.",
                "sent",
                "5,000",
                "flat-bottomed",
                "barges",
                "O’Brien’s",
                "AT&T",
                "deal",
                "8.08",
                "and",
                "1",
                "50"
            ]
        );
        assert_eq!(ws(""), Vec::<&str>::new());
        assert_eq!(ws("😀 héllo—wörld!"), ["héllo", "wörld"]);
    }

    #[test]
    fn terms_are_stemmed_folded_and_filtered() {
        assert_eq!(term("agreements"), term("agreement"));
        assert_eq!(term("Ibáñez"), term("ibanez"));
        assert_eq!(term("Reyner’s"), term("Reyner"));
        assert_eq!(term("the"), None);
        assert_eq!(term("5,000"), term("5000"));
        assert_eq!(term("2.9-million"), term("2.9"));
        assert_ne!(term("2025"), None);
        assert_ne!(term("smuggler"), term("harbour"));
        let mut buf = String::new();
        let mut n = 0;
        terms_of_key("flat-bottomed", &mut buf, |_| n += 1);
        assert_eq!(n, 2);
        assert_eq!(term("D.C."), term("DC"));
    }

    #[test]
    fn the_layer_tokens_read_plain_words_alike_and_cut_amounts() {
        let terms = |t: &str| {
            let (mut a, mut b) = terms_two_ways(t, 0..t.len(), Lang::English);
            a.sort_unstable_by_key(|x| x.0);
            b.sort_unstable_by_key(|x| x.0);
            let hashes = |v: Vec<(u64, Range<usize>)>| v.into_iter().map(|x| x.0).collect();
            (hashes(a), hashes(b))
        };
        let (a, b): (Vec<u64>, Vec<u64>) =
            terms("The U.S. harbour master's flat-bottomed barges left on May 4.");
        assert_eq!(a, b);
        assert!(!a.is_empty());
        let (a, b) = terms("The fund is worth 12.5bn.");
        assert_ne!(a, b);
        assert_eq!(split_words("We can't stay.", 0..14, false), 3);
        assert_eq!(split_words("We can't stay.", 0..14, true), 3);
        for odd in ["", "’s", "n't", "😀 'S"] {
            terms(odd);
        }
    }

    #[test]
    fn hashes_of_different_kinds_differ() {
        assert_ne!(
            key_hash(kind::TERM, b"reyner"),
            key_hash(kind::ENTITY, b"reyner")
        );
    }
}
