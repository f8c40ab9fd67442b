//! What a figure counts: the noun phrase it modifies ("alleged members"),
//! the event around it ("killing", "extraditing"), the place it points to
//! ("trip *to Latin America*") and the entities of its paragraph.
//!
//! Words are compared by their Snowball stem and through a small synonym
//! table (`synonyms.txt`), so "extraditing 55 wanted cartel figures" and
//! "sent 29 cartel suspects north" count the same kind of thing, while
//! "32 governors" and "55 cartel figures" do not.

use std::ops::Range;
use std::sync::{Arc, LazyLock};

use super::scan::{Raw, Sent, looks_plural};
use super::{Figure, FigureKind, Fnv, lexicon};

/// What a figure counts. Stems are lower case Snowball stems.
#[derive(Clone, Debug, Default)]
pub struct Counted {
    /// The counted noun phrase ("alleged members", "naval drones").
    pub noun: Option<Range<usize>>,
    /// Stem of its head noun ("member").
    pub head: Option<Box<str>>,
    pub head_concept: Option<Concept>,
    /// The event word ("killing", "extraditing", "surged").
    pub verb: Option<Range<usize>>,
    pub verb_stem: Option<Box<str>>,
    pub verb_concept: Option<Concept>,
    /// Hashed stems of the noun phrase's other words ("cartel", "political").
    pub modifiers: Box<[u64]>,
    /// The named place or body the phrase points to: "trip *to Latin
    /// America*", "assistance *for Ecuador*" (hashed, lower case).
    pub complement: Option<u64>,
    pub complement_span: Option<Range<usize>>,
    /// For an age: the person (hashed surname or name).
    pub person: Option<u64>,
    /// Hashed names in the figure's sentence, sorted.
    pub sentence_entities: Box<[u64]>,
    /// Hashed names in the figure's paragraph, sorted (the document's most
    /// frequent names when the paragraph has none).
    pub entities: Arc<[u64]>,
}

/// A row of the synonym table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Concept {
    pub name: &'static str,
    pub class: ConceptClass,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ConceptClass {
    Event,
    People,
    Person,
    Thing,
}

static SYNONYMS: LazyLock<super::FastMap<String, Concept>> = LazyLock::new(|| {
    let mut map = super::FastMap::default();
    for line in include_str!("synonyms.txt").lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((left, words)) = line.split_once(':') else {
            continue;
        };
        let mut left = left.split_whitespace();
        let class = match left.next() {
            Some("event") => ConceptClass::Event,
            Some("people") => ConceptClass::People,
            Some("person") => ConceptClass::Person,
            _ => ConceptClass::Thing,
        };
        let Some(name) = left.next() else { continue };
        let name: &'static str = Box::leak(name.to_string().into_boxed_str());
        for w in words.split_whitespace() {
            map.entry(stem(w)).or_insert(Concept { name, class });
        }
    }
    map
});

static STEMMER: LazyLock<frostem::Stemmer> =
    LazyLock::new(|| frostem::Stemmer::new(frostem::Algorithm::English));

/// The Snowball stem of a lower-case word (curly apostrophes straightened,
/// possessives dropped).
pub fn stem(lower: &str) -> String {
    let w = lower
        .trim_end_matches("’s")
        .trim_end_matches("'s")
        .trim_end_matches(['’', '\'']);
    if w.contains('’') {
        return STEMMER.stem(&w.replace('’', "'")).into_owned();
    }
    STEMMER.stem(w).into_owned()
}

/// The concept of a lower-case word, if the synonym table has it.
pub fn concept(lower: &str) -> Option<Concept> {
    SYNONYMS.get(&stem(lower)).copied()
}

/// Words after a figure that end its noun phrase.
fn ends_phrase(lw: &str) -> bool {
    lexicon::STOPWORDS.contains(lw)
        || matches!(
            lw,
            "who"
                | "which"
                | "that"
                | "were"
                | "was"
                | "are"
                | "is"
                | "had"
                | "have"
                | "has"
                | "will"
                | "would"
                | "could"
                | "said"
                | "including"
                | "between"
                | "among"
                | "amid"
                | "against"
                | "across"
                | "toward"
                | "towards"
                | "north"
                | "south"
                | "east"
                | "west"
                | "back"
                | "home"
                | "away"
                | "ago"
                | "later"
                | "earlier"
                | "each"
                | "apiece"
        )
}

/// Words to step over when looking back from a figure for its verb.
fn skip_back(lw: &str) -> bool {
    matches!(
        lw,
        "the"
            | "a"
            | "an"
            | "of"
            | "to"
            | "by"
            | "at"
            | "about"
            | "just"
            | "only"
            | "another"
            | "additional"
            | "all"
            | "its"
            | "their"
            | "his"
            | "her"
            | "up"
            | "some"
            | "least"
            | "than"
            | "more"
            | "over"
            | "nearly"
            | "almost"
            | "around"
            | "roughly"
            | "estimated"
            | "approximately"
            | "reportedly"
            | "also"
            | "as"
            | "many"
            | "much"
            | "fewer"
            | "less"
            | "under"
            | "below"
            | "above"
            | "exactly"
            | "further"
            | "total"
            | "combined"
            | "with"
    )
}

/// Whether a lower-case word reads as a verb or an event noun.
fn verb_like(lw: &str) -> bool {
    if lexicon::STOPWORDS.contains(lw) {
        return false;
    }
    if concept(lw).is_some_and(|c| c.class == ConceptClass::Event) {
        return true;
    }
    lexicon::is_irregular_verb(lw) || (lw.len() > 4 && (lw.ends_with("ed") || lw.ends_with("ing")))
}

/// Nouns before a figure that name what it counts: "the death toll rose to
/// 14", "a total of 32".
fn container_noun(lw: &str) -> bool {
    matches!(
        lw,
        "toll"
            | "total"
            | "tally"
            | "number"
            | "count"
            | "figure"
            | "rate"
            | "share"
            | "level"
            | "unemployment"
            | "inflation"
            | "turnout"
            | "majority"
    )
}

/// Reads what `raw` counts in its sentence.
pub(super) fn read(s: &Sent<'_>, raw: &Raw) -> Counted {
    let mut c = Counted {
        person: raw.person,
        ..Default::default()
    };
    if matches!(raw.kind, FigureKind::Date | FigureKind::Year) {
        // A date counts nothing; its event is the nearest verb of its clause
        // ("arrived in Mexico City on September 2").
        let mut k = raw.t0;
        let mut steps = 0;
        let mut found = None;
        while k > 0 && steps < 10 {
            k -= 1;
            steps += 1;
            if !s.is_word(k) {
                if s.is_sym(k, ".") && s.attached(k) {
                    continue;
                }
                break;
            }
            if verb_like(s.lw(k)) {
                found = Some(k);
                break;
            }
        }
        if let Some(v) = found.or_else(|| verb_after(s, raw.t1)) {
            set_verb(s, &mut c, v);
        }
        return c;
    }
    // 1. The noun phrase after the figure.
    let mut j = raw.t1;
    // "13 of the victims", "$20m in assistance", "$6m worth of".
    if raw.kind != FigureKind::Ordinal {
        if s.lw(j) == "worth" && s.lw(j + 1) == "of" {
            j += 2;
        } else if s.lw(j) == "of" && raw.kind == FigureKind::Count {
            j += 1;
            if matches!(
                s.lw(j),
                "the" | "them" | "those" | "these" | "their" | "its" | "his" | "her"
            ) {
                j += 1;
            }
        } else if raw.kind == FigureKind::Money && matches!(s.lw(j), "in" | "for" | "of") {
            j += 1;
        }
    }
    // Money: "six million dollars allocated for naval drones".
    if raw.kind == FigureKind::Money && s.is_word(j) && verb_like(s.lw(j)) {
        set_verb(s, &mut c, j);
        if matches!(s.lw(j + 1), "for" | "to" | "in" | "on") {
            j += 2;
        }
    }
    let np_start = j;
    let mut head_at = None;
    let mut last_word = None;
    while j < s.len() && j < np_start + 4 && s.is_word(j) {
        let lw = s.lw(j);
        if ends_phrase(lw) || lexicon::month(lw).is_some_and(|_| s.is_cap(j)) {
            break;
        }
        // "11 killed", "2 dead": the word is the event, not the thing.
        if concept(lw).is_some_and(|k| k.class == ConceptClass::Event)
            && (looks_plural(lw) || lw.ends_with("ed") || lexicon::is_irregular_verb(lw))
            && !lw.ends_with('s')
        {
            if c.verb.is_none() {
                set_verb(s, &mut c, j);
            }
            break;
        }
        last_word = Some(j);
        let singular_ok = raw.value <= 1.0 || raw.kind != FigureKind::Count;
        if looks_plural(lw) || (singular_ok && !adjective_like(lw) && !s.is_cap(j)) {
            head_at = Some(j);
            break;
        }
        j += 1;
    }
    let head_at = head_at.or(last_word.filter(|&k| !verb_like(s.lw(k))));
    if let Some(h) = head_at {
        set_head(s, &mut c, np_start, h);
        // 2. What the phrase points to: "to Latin America", "for Ecuador".
        complement(s, &mut c, h + 1);
    } else if raw.kind == FigureKind::Ordinal {
        complement(s, &mut c, raw.t1);
    }
    // 3. The event: a verb just before, else one just after.
    if c.verb.is_none() {
        let before = verb_before(s, raw.t0, 6);
        let after = || {
            let from = head_at.map_or(raw.t1, |h| h + 1);
            verb_after(s, from)
        };
        if let Some(v) = before.or_else(after) {
            set_verb(s, &mut c, v);
        }
    }
    // 4. No noun after: a container noun or subject before ("the death toll
    //    rose to 14", "the homicide rate surged by 40%").
    if c.head.is_none() {
        let mut k = raw.t0;
        let mut steps = 0;
        while k > 0 && steps < 8 {
            k -= 1;
            steps += 1;
            if !s.is_word(k) {
                break;
            }
            let lw = s.lw(k);
            if container_noun(lw)
                || (raw.kind == FigureKind::Percent
                    && !verb_like(lw)
                    && !skip_back(lw)
                    && !lexicon::STOPWORDS.contains(lw))
            {
                let start =
                    if k > 0 && s.is_word(k - 1) && !lexicon::STOPWORDS.contains(s.lw(k - 1)) {
                        k - 1
                    } else {
                        k
                    };
                set_head(s, &mut c, start, k);
                // "death toll": the event is in the modifier.
                if c.verb_concept.is_none()
                    && let Some(ev) =
                        concept(s.lw(start)).filter(|k| k.class == ConceptClass::Event)
                {
                    c.verb_concept = Some(ev);
                    c.verb_stem = Some(stem(s.lw(start)).into_boxed_str());
                    c.verb = Some(s.start(start)..s.end(start));
                }
                break;
            }
            if !(skip_back(lw)
                || verb_like(lw)
                || matches!(
                    lw,
                    "to" | "at" | "reached" | "stood" | "stands" | "was" | "is" | "were" | "of"
                ))
            {
                break;
            }
        }
    }
    c
}

fn adjective_like(lw: &str) -> bool {
    lw.ends_with("ed")
        || lw.ends_with("al")
        || lw.ends_with("ous")
        || lw.ends_with("ive")
        || lw.ends_with("ic")
        || lw.ends_with("ful")
        || lw.ends_with("less")
        || lw.ends_with("able")
        || lw.ends_with("ible")
        || lw.ends_with("ing")
        || lw.ends_with("ese")
        || lw.ends_with("ian")
        || lw.ends_with("an")
        || matches!(
            lw,
            "new"
                | "more"
                | "other"
                | "wanted"
                | "senior"
                | "top"
                | "former"
                | "alleged"
                | "armed"
                | "young"
                | "old"
                | "local"
                | "federal"
                | "military"
                | "civilian"
        )
}

fn set_head(s: &Sent<'_>, c: &mut Counted, start: usize, head: usize) {
    let lw = s.lw(head);
    c.noun = Some(s.start(start)..s.end(head));
    c.head_concept = concept(lw);
    c.head = Some(stem(lw).into_boxed_str());
    let mut mods: Vec<u64> = (start..head)
        .filter(|&k| s.is_word(k) && !lexicon::STOPWORDS.contains(s.lw(k)))
        .map(|k| Fnv::hash(&stem(s.lw(k))))
        .collect();
    mods.sort_unstable();
    c.modifiers = mods.into_boxed_slice();
}

fn set_verb(s: &Sent<'_>, c: &mut Counted, at: usize) {
    let lw = s.lw(at);
    c.verb = Some(s.start(at)..s.end(at));
    c.verb_concept = concept(lw);
    c.verb_stem = Some(stem(lw).into_boxed_str());
}

/// The nearest verb-like word before token `t0`, stepping over hedges and
/// determiners, within `max` tokens and the same clause.
fn verb_before(s: &Sent<'_>, t0: usize, max: usize) -> Option<usize> {
    let mut k = t0;
    let mut steps = 0;
    while k > 0 && steps < max {
        k -= 1;
        steps += 1;
        if !s.is_word(k) {
            return None;
        }
        let lw = s.lw(k);
        if verb_like(lw) {
            return Some(k);
        }
        if !(skip_back(lw)
            || lexicon::month(lw).is_some()
            || matches!(
                lw,
                "on" | "in" | "since" | "until" | "back" | "from" | "before" | "after" | "during"
            ))
        {
            return None;
        }
    }
    None
}

/// A verb after the figure's phrase: "11 were killed", "29 suspects were
/// sent", "11 died".
fn verb_after(s: &Sent<'_>, from: usize) -> Option<usize> {
    let mut k = from;
    let mut steps = 0;
    while k < s.len() && steps < 5 {
        if !s.is_word(k) {
            return None;
        }
        let lw = s.lw(k);
        if matches!(
            lw,
            "were"
                | "was"
                | "are"
                | "is"
                | "have"
                | "has"
                | "had"
                | "been"
                | "being"
                | "be"
                | "reportedly"
                | "also"
                | "all"
                | "later"
                | "allegedly"
                | "who"
                | "that"
        ) {
            k += 1;
            steps += 1;
            continue;
        }
        return verb_like(lw).then_some(k);
    }
    None
}

/// "to Latin America", "in Mexico City", "for Ecuador" after token `from`.
fn complement(s: &Sent<'_>, c: &mut Counted, from: usize) {
    let mut k = from;
    if !matches!(
        s.lw(k),
        "to" | "in" | "into" | "for" | "from" | "across" | "throughout" | "on" | "at"
    ) {
        return;
    }
    k += 1;
    if s.lw(k) == "the" {
        k += 1;
    }
    let start = k;
    let mut key = String::new();
    while k < s.len()
        && (s.is_cap(k) || (k > start && matches!(s.lw(k), "de" | "del" | "la") && s.is_cap(k + 1)))
    {
        if !key.is_empty() {
            key.push(' ');
        }
        key.push_str(&entity_norm(s.lw(k)));
        k += 1;
    }
    if k > start {
        c.complement = Some(Fnv::hash(&key));
        c.complement_span = Some(s.start(start)..s.end(k - 1));
    }
}

/// Lower-case name as compared: "u.s." → "us", "rubio’s" → "rubio".
fn entity_norm(lw: &str) -> String {
    let w = lw.trim_end_matches("’s").trim_end_matches("'s");
    w.chars().filter(|&c| c != '.').collect()
}

/// The hash of [`entity_norm`]`(lw)`, without allocating.
fn entity_hash(lw: &str) -> u64 {
    let w = lw.trim_end_matches("’s").trim_end_matches("'s");
    let mut h = Fnv::new();
    for part in w.split('.') {
        h.write(part.as_bytes());
    }
    h.finish()
}

/// Titles and generic capitalised words that do not identify anything.
fn is_title_word(lw: &str) -> bool {
    matches!(
        lw,
        "president"
            | "secretary"
            | "minister"
            | "chief"
            | "sheriff"
            | "police"
            | "officer"
            | "mayor"
            | "governor"
            | "senator"
            | "sen"
            | "rep"
            | "gov"
            | "gen"
            | "lt"
            | "sgt"
            | "capt"
            | "det"
            | "officials"
            | "official"
            | "department"
            | "state"
            | "states"
            | "mr"
            | "mrs"
            | "ms"
            | "dr"
            | "the"
            | "city"
            | "county"
            | "news"
            | "prime"
            | "foreign"
            | "national"
            | "new"
            | "north"
            | "south"
            | "east"
            | "west"
            | "i"
    )
}

/// Adds the hashed names of a sentence to `out`: capitalised words other
/// than the first (unless a name continues after it), months, weekdays,
/// titles and function words.
pub(super) fn collect_entities(s: &Sent<'_>, out: &mut Vec<u64>) {
    let mut first_word = true;
    for k in 0..s.len() {
        if !s.is_word(k) {
            continue;
        }
        let initial = first_word;
        first_word = false;
        if !s.is_cap(k) {
            continue;
        }
        if initial && !s.is_cap(k + 1) {
            continue;
        }
        let lw = s.lw(k);
        if lexicon::STOPWORDS.contains(lw)
            || lexicon::month(lw).is_some()
            || lexicon::is_weekday(lw)
            || is_title_word(lw)
            || lw.chars().count() < 2
        {
            continue;
        }
        out.push(entity_hash(lw));
    }
}

/// Number of shared values in two sorted slices.
pub(super) fn shared(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// The event a figure reports: its verb's concept or stem, or a head noun
/// that is itself an event ("2 dead", "5,000 murders").
fn event(c: &Counted) -> Option<(Option<Concept>, &str)> {
    if let Some(v) = &c.verb_stem {
        let concept = c.verb_concept.filter(|k| k.class == ConceptClass::Event);
        if concept.is_some()
            || c.head_concept
                .is_none_or(|k| k.class != ConceptClass::Event)
        {
            return Some((concept, v));
        }
    }
    match (&c.head, c.head_concept) {
        (Some(h), Some(k)) if k.class == ConceptClass::Event => Some((Some(k), h)),
        _ => c.verb_stem.as_deref().map(|v| (c.verb_concept, v)),
    }
}

/// The thing a figure counts, unless its head noun is an event.
fn thing(c: &Counted) -> Option<(Option<Concept>, &str)> {
    let h = c.head.as_deref()?;
    match c.head_concept {
        Some(k) if k.class == ConceptClass::Event => None,
        k => Some((k, h)),
    }
}

/// How likely two figures are to count the same quantity, from 0 to 1,
/// judged on what they count alone (not on their values or passages).
///
/// "extraditing 55 wanted cartel figures" and "sent 29 cartel suspects"
/// score high (same kind of thing, same kind of event); "32 governors" and
/// "55 cartel figures" score 0; a "maiden trip to Mexico" and a "third trip
/// to Latin America" score 0 (they point to different places).
pub fn same_quantity(a: &Figure, b: &Figure) -> f32 {
    use FigureKind::*;
    if a.kind != b.kind {
        return 0.0;
    }
    match a.kind {
        Money => {
            let generic = |x: &str, y: &str| {
                x == y
                    || (x == "peso" && matches!(y, "MXN" | "ARS" | "COP" | "CLP" | "PHP"))
                    || (y == "peso" && matches!(x, "MXN" | "ARS" | "COP" | "CLP" | "PHP"))
            };
            if !generic(a.currency.unwrap_or(""), b.currency.unwrap_or("")) {
                return 0.0;
            }
        }
        Age => {
            return match (a.counted.person, b.counted.person) {
                (Some(x), Some(y)) if x == y => 1.0,
                _ => 0.0,
            };
        }
        _ => {}
    }
    let (ca, cb) = (&a.counted, &b.counted);
    // Places the phrases point to must agree when both say one.
    if let (Some(x), Some(y)) = (ca.complement, cb.complement)
        && x != y
    {
        return 0.0;
    }
    let same = |x: &(Option<Concept>, &str), y: &(Option<Concept>, &str)| {
        x.1 == y.1 || matches!((x.0, y.0), (Some(p), Some(q)) if p == q)
    };
    let e = match (event(ca), event(cb)) {
        (Some(x), Some(y)) => {
            if same(&x, &y) {
                1.0
            } else if x.0.is_some() && y.0.is_some() {
                // Killed and injured are different quantities.
                return 0.0;
            } else {
                0.3
            }
        }
        (None, None) => 0.5,
        _ => 0.6,
    };
    let t = match (thing(ca), thing(cb)) {
        (Some(x), Some(y)) => {
            if x.1 == y.1 {
                1.0
            } else if matches!((x.0, y.0), (Some(p), Some(q)) if p == q) {
                0.85
            } else {
                let people =
                    |k: Option<Concept>| k.is_some_and(|k| k.class == ConceptClass::People);
                let person = |k: Option<Concept>| {
                    k.is_some_and(|k| {
                        matches!(k.class, ConceptClass::Person | ConceptClass::People)
                    })
                };
                if (people(x.0) && person(y.0)) || (people(y.0) && person(x.0)) {
                    0.6
                } else {
                    return 0.0;
                }
            }
        }
        (None, None) => 0.5,
        _ => 0.6,
    };
    let known = |c: &Counted| c.head.is_some() || c.verb_stem.is_some();
    if !known(ca) || !known(cb) {
        return 0.0;
    }
    if matches!(a.kind, Date | Year | Duration) && (event(ca).is_none() || event(cb).is_none()) {
        return 0.0;
    }
    let mut score: f32 = 0.5 * t + 0.5 * e;
    if ca.complement.is_some() && ca.complement == cb.complement {
        score += 0.1;
    }
    if shared(&ca.modifiers, &cb.modifiers) > 0 {
        score += 0.05;
    }
    score.min(1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn synonyms_group_by_stem() {
        assert_eq!(concept("extraditing").map(|c| c.name), Some("transferred"));
        assert_eq!(concept("sent").map(|c| c.name), Some("transferred"));
        assert_eq!(concept("figures").map(|c| c.name), Some("suspects"));
        assert_eq!(concept("suspects").map(|c| c.name), Some("suspects"));
        assert_eq!(concept("fatalities").map(|c| c.name), Some("killed"));
        assert_eq!(concept("wounded").map(|c| c.name), Some("injured"));
        assert_eq!(concept("governors"), None);
        assert_eq!(stem("rubio’s"), "rubio");
    }
}
