//! What a figure counts: the noun phrase it modifies ("alleged members"),
//! the event around it ("killing", "extraditing"), the place it points to
//! ("trip *to the Ostral Coast*") and the entities of its paragraph.
//!
//! Words are compared by their Snowball stem and through a small synonym
//! table (`synonyms.txt`), so "extraditing 46 wanted gang figures" and
//! "sent 31 gang suspects abroad" count the same kind of thing, while
//! "27 mayors" and "46 gang figures" do not.

use std::ops::Range;
use std::sync::{Arc, LazyLock};

use super::scan::{Raw, Sent, looks_plural};
use super::{Figure, FigureKind, Fnv, lexicon};

/// What a figure counts. Stems are lower case Snowball stems.
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct Counted {
    /// The counted noun phrase ("alleged members", "rescue drones").
    pub noun: Option<Range<usize>>,
    /// Stem of its head noun ("member").
    pub head: Option<Box<str>>,
    pub head_concept: Option<Concept>,
    /// The event word ("killing", "extraditing", "surged").
    pub verb: Option<Range<usize>>,
    pub verb_stem: Option<Box<str>>,
    pub verb_concept: Option<Concept>,
    /// Hashed stems of the noun phrase's other words ("gang", "political").
    pub modifiers: Box<[u64]>,
    /// The named place or body the phrase points to: "trip *to the Ostral
    /// Coast*", "assistance *for Corvania*" (hashed, lower case).
    pub complement: Option<u64>,
    /// The initials of a complement of several words ("United States" →
    /// "us"), so that a name and its abbreviation ("the U.S.") point to
    /// the same place.
    pub complement_initials: Option<u64>,
    pub complement_span: Option<Range<usize>>,
    /// Whose figure it is, when a name owns the phrase: "*Rubio's* third
    /// trip" (hashed, lower case). Two owners' ranks or counts are
    /// different quantities.
    pub owner: Option<u64>,
    /// For an age: the person (hashed full name as written).
    pub person: Option<u64>,
    /// Said as a possibility, a condition or a need ("could kill up to
    /// 50", "if 200 come", "needs only two servers"): not a fact, not
    /// compared.
    pub hypothetical: bool,
    /// A running total over a period ("31 magazines so far", "a total of
    /// 14 rifles"): never the same quantity as one event's count.
    pub cumulative: bool,
    /// A count joined by a hyphen to the word after it ("a 12-gauge
    /// shotgun", "a 40-foot boat"): a measure that describes a thing, not a
    /// number of things.
    pub compound: bool,
    /// A part of a larger group: "two *of the* victims", "*including*
    /// three children", "*the other* two". Not compared: the whole and its
    /// parts differ by design.
    pub partitive: bool,
    /// A toll of people killed or shot that its sentence tells apart from
    /// the death of the one who did it: the object of the harm, before the
    /// words of his death ("killed three people before killing himself").
    /// It counts victims only (see [`perpetrator_death`]).
    #[serde(default)]
    pub victims_only: bool,
    /// Hashed names in the figure's sentence, sorted.
    pub sentence_entities: Arc<[u64]>,
    /// Other hashed forms of the sentence's names, sorted: the initials of
    /// names of several words ("United States" → "us"), and a capitalised
    /// first word that may be a name. Matched against the other sentence's
    /// names, so that a name and its abbreviation ("the U.S.") are one.
    pub sentence_initials: Arc<[u64]>,
    /// Hashed names in the figure's paragraph, sorted (the document's most
    /// frequent names when the paragraph has none).
    pub entities: Arc<[u64]>,
    /// For a toll ([`toll_event`]): what identifies its document's
    /// incident, whatever its sentence names (the document's most
    /// frequent names, its rare figures; see
    /// [`incident_keys`](super::incident::incident_keys)), hashed. The
    /// corpus index files the toll under them too, so that two reports of
    /// one incident whose toll sentences share no name ("Harris County
    /// deputies", "a club in Spring") meet. Empty for other figures.
    #[serde(default)]
    pub incident: Arc<[u64]>,
}

/// A row of the synonym table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(into = "StoredConcept")]
pub struct Concept {
    pub name: &'static str,
    pub class: ConceptClass,
}

/// A [`Concept`] as stored: its name owned (read back through
/// [`crate::analysis::interned`]).
#[derive(serde::Serialize, serde::Deserialize)]
struct StoredConcept {
    name: String,
    class: ConceptClass,
}

impl From<Concept> for StoredConcept {
    fn from(c: Concept) -> Self {
        Self {
            name: c.name.to_string(),
            class: c.class,
        }
    }
}

impl<'de> serde::Deserialize<'de> for Concept {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let c = StoredConcept::deserialize(d)?;
        Ok(Concept {
            name: crate::analysis::interned::intern(&c.name)
                .ok_or_else(|| serde::de::Error::custom("too many distinct names"))?,
            class: c.class,
        })
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum ConceptClass {
    Event,
    People,
    Person,
    Part,
    Thing,
    /// Units of measure: "5 feet", "35 miles".
    Unit,
    /// Things a story counts many different sets of: charges, counts,
    /// images, citations.
    Varied,
}

struct Table {
    words: super::FastMap<String, Concept>,
    related: Vec<(&'static str, &'static str)>,
}

static SYNONYMS: LazyLock<Table> = LazyLock::new(|| {
    let mut words = super::FastMap::default();
    let mut related = Vec::new();
    for line in include_str!("synonyms.txt").lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(rest) = line.strip_prefix("related ") {
            let mut it = rest.split_whitespace();
            if let (Some(a), Some(b)) = (it.next(), it.next()) {
                let leak = |s: &str| -> &'static str { Box::leak(s.to_string().into_boxed_str()) };
                related.push((leak(a), leak(b)));
            }
            continue;
        }
        let Some((left, list)) = line.split_once(':') else {
            continue;
        };
        let mut left = left.split_whitespace();
        let class = match left.next() {
            Some("event") => ConceptClass::Event,
            Some("people") => ConceptClass::People,
            Some("person") => ConceptClass::Person,
            Some("part") => ConceptClass::Part,
            Some("unit") => ConceptClass::Unit,
            Some("varied") => ConceptClass::Varied,
            _ => ConceptClass::Thing,
        };
        let Some(name) = left.next() else { continue };
        let name: &'static str = Box::leak(name.to_string().into_boxed_str());
        for w in list.split_whitespace() {
            words.entry(stem(w)).or_insert(Concept { name, class });
        }
    }
    Table { words, related }
});

/// Whether two event concepts may report the same fact.
fn related(a: &str, b: &str) -> bool {
    SYNONYMS
        .related
        .iter()
        .any(|&(x, y)| (x == a && y == b) || (x == b && y == a))
}

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
    if lower.contains(['’', '\'']) {
        return SYNONYMS.words.get(&stem(lower)).copied();
    }
    // The stemmer borrows when the word is its own stem: no allocation.
    SYNONYMS.words.get(&*STEMMER.stem(lower)).copied()
}

/// Words after a figure that end its noun phrase.
fn ends_phrase(s: &Sent<'_>, lw: &str) -> bool {
    s.is_stop(lw)
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
fn verb_like(s: &Sent<'_>, lw: &str) -> bool {
    if s.is_stop(lw) {
        return false;
    }
    lexicon::is_irregular_verb(lw)
        || (lw.len() > 4 && (lw.ends_with("ed") || lw.ends_with("ing")))
        || concept(lw).is_some_and(|c| c.class == ConceptClass::Event)
}

/// Verbs that report rather than happen: "police reported three victims
/// were transported" is about transporting.
fn reporting_verb(lw: &str) -> bool {
    matches!(
        lw,
        "said" | "says" | "reported" | "reports" | "announced" | "confirmed" | "told" | "stated"
            | "added" | "noted" | "estimated" | "claimed" | "according" | "saying" | "reporting"
            | "announcing" | "confirming"
            // and their stems
            | "report" | "announc" | "confirm" | "state" | "estim" | "claim" | "record"
            | "recorded"
    )
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

/// Clause words read back from a figure for a modal or condition: "could
/// kill up to 50 people" (a modal is rarely further from its number).
const HYPOTHETICAL_REACH: usize = 8;

/// Whether the clause before token `t0` makes the figure a possibility,
/// a condition or a need (see [`Counted::hypothetical`]).
fn hypothetical(s: &Sent<'_>, t0: usize) -> bool {
    let words = &crate::analysis::language::lexicon(s.lang).hypotheticals;
    (t0.saturating_sub(HYPOTHETICAL_REACH)..t0)
        .rev()
        .take_while(|&k| s.is_word(k) || s.is_sym(k, "-"))
        // "May" the month is capitalised; "If" opens a sentence.
        .any(|k| s.is_word(k) && (k == 0 || !s.is_cap(k)) && words.contains(s.lw(k)))
}

/// Whether the sentence makes its figures running totals (see
/// [`Counted::cumulative`]).
fn cumulative(s: &Sent<'_>) -> bool {
    let phrases = &crate::analysis::language::lexicon(s.lang).cumulative;
    (0..s.len()).any(|k| {
        phrases.iter().any(|p| {
            !p.is_empty()
                && p.iter()
                    .enumerate()
                    .all(|(i, w)| k + i < s.len() && s.lw(k + i) == w)
        })
    })
}

/// Where the sentence tells the death of the one who did the harm ("killed
/// himself", "the gunman died": the phrases of `perpetrator_deaths.txt`):
/// the token the first such phrase starts at. English only. Words are
/// matched whole, hyphens aside ("murder-suicide").
pub(super) fn perpetrator_death(s: &Sent<'_>) -> Option<usize> {
    if s.lang == crate::analysis::language::Lang::Spanish {
        return None;
    }
    // (token, word) with hyphenated words split ("murder-suicide").
    let words: Vec<(usize, &str)> = (0..s.len())
        .filter(|&k| s.is_word(k) || s.is_num(k))
        .flat_map(|k| {
            s.lw(k)
                .split('-')
                .filter(|w| !w.is_empty())
                .map(move |w| (k, w))
        })
        .collect();
    (0..words.len()).find_map(|i| {
        let phrases = lexicon::perpetrator_deaths_from(words[i].1);
        phrases
            .iter()
            .any(|p| {
                p.len() <= words.len() - i
                    && p.iter().enumerate().all(|(j, w)| words[i + j].1 == *w)
            })
            .then_some(words[i].0)
    })
}

/// Whether `c`, a figure at tokens `t0..t1` of a sentence that tells a
/// perpetrator's death from token `death` on, counts victims only: a
/// toll of people killed or shot, told as the object of its event word
/// before the death ("killed three people before killing himself", "shot
/// four men, then turned the gun on himself").
pub(super) fn victims_only_in(
    s: &Sent<'_>,
    c: &Counted,
    (t0, t1): (usize, usize),
    death: usize,
) -> bool {
    let harm = perpetrator_toll(c);
    let object = c.verb.as_ref().is_some_and(|v| v.end <= s.start(t0));
    harm && object && t1 <= death
}

/// Whether `c` counts people killed or shot, people in general ("four
/// dead", "six people killed", "two victims"): a toll a perpetrator's
/// death may be counted in. A kind of people ("five officers killed")
/// does not hold him.
pub(super) fn perpetrator_toll(c: &Counted) -> bool {
    let anyone = c.head.is_none()
        || c.head_concept
            .is_some_and(|k| k.class == ConceptClass::People);
    anyone
        && event(c)
            .and_then(|e| e.0)
            .is_some_and(|k| PERPETRATOR_TOLLS.contains(&k.name))
}

/// The tolls a perpetrator's own death may be counted in: people killed,
/// and people shot (he is often shot, by himself or by the police).
pub const PERPETRATOR_TOLLS: [&str; 2] = ["killed", "shot"];

/// Verbs that leave their object in the state that follows it ("the
/// shooting left six people injured"): that state is the event counted.
const RESULTATIVE_VERBS: [&str; 4] = ["left", "leave", "leaves", "leaving"];

/// Reads what `raw` counts in its sentence.
pub(super) fn read(s: &Sent<'_>, raw: &Raw) -> Counted {
    let mut c = Counted {
        person: raw.person,
        owner: owner(s, raw.t0),
        hypothetical: hypothetical(s, raw.t0),
        cumulative: cumulative(s),
        compound: raw.kind == FigureKind::Count && s.is_sym(raw.t1, "-") && s.is_word(raw.t1 + 1),
        ..Default::default()
    };
    if matches!(raw.kind, FigureKind::Date | FigureKind::Year) {
        // A date counts nothing; its event is the nearest verb of its clause
        // ("arrived in Estavia City on May 4").
        let mut k = raw.t0;
        let mut steps = 0;
        let mut found = None;
        while k > 0 && steps < 10 {
            k -= 1;
            steps += 1;
            if !s.is_word(k) {
                // "Sept. 2"; "on Thursday, September 4".
                let weekday_comma = s.is_sym(k, ",") && k > 0 && lexicon::is_weekday(s.lw(k - 1));
                if (s.is_sym(k, ".") && s.attached(k)) || weekday_comma {
                    continue;
                }
                break;
            }
            if verb_like(s, s.lw(k)) {
                found = Some(k);
                break;
            }
        }
        if let Some(v) = found {
            set_verb(s, &mut c, v);
            date_place(s, &mut c, v + 1, raw.t0);
        } else if let Some(v) = verb_after(s, raw.t1) {
            set_verb(s, &mut c, v);
        }
        return c;
    }
    // 0. Parts of a whole.
    let before = |n: usize| raw.t0.checked_sub(n).map_or("", |k| s.lw(k));
    c.partitive = raw.kind == FigureKind::Count
        && (s.lw(raw.t1) == "of"
            || matches!(s.lw(raw.t1), "other" | "others" | "more")
            || matches!(
                before(1),
                "including" | "other" | "remaining" | "another" | "additional" | "further" | "all"
            )
            || (before(1) == "the" && before(2) == "including")
            // "one group from Tyler and another from Longview": one of
            // several, told apart.
            || (raw.value == 1.0
                && (raw.t1..s.len())
                    .any(|k| s.lw(k) == "another" || (s.lw(k) == "the" && s.lw(k + 1) == "other"))));
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
    // Money: "four million dollars allocated for rescue drones".
    if raw.kind == FigureKind::Money && s.is_word(j) && verb_like(s, s.lw(j)) {
        set_verb(s, &mut c, j);
        if matches!(s.lw(j + 1), "for" | "to" | "in" | "on") {
            j += 2;
        }
    }
    let np_start = j;
    let title = s.title_case();
    let mut head_at = None;
    let mut last_word = None;
    while j < s.len() && j < np_start + 4 && s.is_word(j) {
        let lw = s.lw(j);
        if ends_phrase(s, lw) || lexicon::month(lw).is_some_and(|_| s.is_cap(j)) {
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
        // "police officers": "police" modifies.
        if lw == "police" && s.is_word(j + 1) && !s.is_cap(j + 1) && !ends_phrase(s, s.lw(j + 1)) {
            j += 1;
            continue;
        }
        let singular_ok = raw.value <= 1.0 || raw.kind != FigureKind::Count;
        // Capitalised plurals are names ("Thomas", "Mercedes") unless the
        // whole line is in title case ("4 People Hurt").
        let cap_ok = !s.is_cap(j) || title;
        if (looks_plural(lw) && cap_ok) || (singular_ok && !adjective_like(lw) && !s.is_cap(j)) {
            head_at = Some(j);
            break;
        }
        j += 1;
    }
    // A capitalised word after a number is a name ("Image 5 of 11 Dorian
    // Vale"), not what the number counts.
    let head_at =
        head_at.or(last_word.filter(|&k| !verb_like(s, s.lw(k)) && (!s.is_cap(k) || title)));
    if let Some(h) = head_at {
        set_head(s, &mut c, np_start, h);
        // 2. What the phrase points to: "to the Ostral Coast", "for Corvania".
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
    // "left six people injured", "leaves two dead": the verb only leaves
    // its object in a state, and the state is the event.
    if c.verb
        .as_ref()
        .is_some_and(|v| RESULTATIVE_VERBS.contains(&s.text[v.clone()].to_lowercase().as_str()))
    {
        let k = head_at.map_or(raw.t1, |h| h + 1);
        if s.is_word(k) && concept(s.lw(k)).is_some_and(|e| e.class == ConceptClass::Event) {
            set_verb(s, &mut c, k);
        }
    }
    // 4. No noun after: a container noun or subject before ("the death toll
    //    rose to 14", "the robbery rate climbed by 35%").
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
                    && !verb_like(s, lw)
                    && !skip_back(lw)
                    && !s.is_stop(lw))
            {
                let start = if k > 0 && s.is_word(k - 1) && !s.is_stop(s.lw(k - 1)) {
                    k - 1
                } else {
                    k
                };
                set_head(s, &mut c, start, k);
                // "death toll": the event is in the modifier, and it says
                // more than the verb ("the death toll rose to 14", "reached
                // 14").
                if let Some(ev) = concept(s.lw(start)).filter(|k| k.class == ConceptClass::Event) {
                    c.verb_concept = Some(ev);
                    c.verb_stem = Some(stem(s.lw(start)).into_boxed_str());
                    c.verb = Some(s.start(start)..s.end(start));
                }
                break;
            }
            if !(skip_back(lw)
                || verb_like(s, lw)
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
        .filter(|&k| s.is_word(k) && !s.is_stop(s.lw(k)))
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
        if verb_like(s, lw) && !reporting_verb(lw) {
            return Some(k);
        }
        // "on", "in": "killed on Sunday three …"; a new clause ("after",
        // "when", "because") ends the search.
        if !(skip_back(lw)
            || reporting_verb(lw)
            || lexicon::month(lw).is_some()
            || matches!(lw, "on" | "in" | "back" | "during"))
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
        // Spanish auxiliaries are among its function words ("fueron
        // evacuados", "han muerto").
        if s.lang == super::super::language::Lang::Spanish && s.is_stop(lw) {
            k += 1;
            steps += 1;
            continue;
        }
        return verb_like(s, lw).then_some(k);
    }
    None
}

/// Where a dated event happened, when the verb names it before the date:
/// "arrive *in Mexico City* on September 2", "reached *Mexico City* on
/// Thursday" (tokens `from..to`). Stored as the date's complement, so two
/// dates of an arrival compare only for the same place.
fn date_place(s: &Sent<'_>, c: &mut Counted, from: usize, to: usize) {
    let mut k = from;
    let spanish = s.lang == super::super::language::Lang::Spanish;
    if matches!(s.lw(k), "in" | "into" | "to" | "at" | "for")
        || (spanish && matches!(s.lw(k), "a" | "en" | "hasta"))
    {
        k += 1;
    }
    if s.lw(k) == "the" || (spanish && matches!(s.lw(k), "el" | "la" | "los" | "las")) {
        k += 1;
    }
    let start = k;
    let (mut key, mut initials) = (String::new(), String::new());
    while k < to
        && s.is_word(k)
        && s.is_cap(k)
        && lexicon::month(s.lw(k)).is_none()
        && !lexicon::is_weekday(s.lw(k))
    {
        if !key.is_empty() {
            key.push(' ');
        }
        key.push_str(&entity_norm(s.lw(k)));
        initials.extend(s.lw(k).chars().next());
        k += 1;
    }
    if k > start {
        c.complement = Some(Fnv::hash(&key));
        c.complement_initials = (k - start > 1).then(|| Fnv::hash(&initials));
        c.complement_span = Some(s.start(start)..s.end(k - 1));
    }
}

/// The name that owns the phrase starting at token `t0`: "Rubio's third
/// trip", "Mexico's 32 governors". A possessive pronoun ("his") names no
/// one and gives `None`.
fn owner(s: &Sent<'_>, t0: usize) -> Option<u64> {
    let k = t0.checked_sub(1)?;
    let lw = s.lw(k);
    let possessive = lw.ends_with("’s") || lw.ends_with("'s");
    (s.is_word(k) && s.is_cap(k) && possessive).then(|| entity_hash(lw))
}

/// Whether two complements name the same place: the same words, or one
/// the initials of the other ("the U.S.", "the United States").
fn same_place(a: &Counted, b: &Counted) -> bool {
    a.complement == b.complement
        || (a.complement.is_some() && a.complement == b.complement_initials)
        || (b.complement.is_some() && b.complement == a.complement_initials)
}

/// "to the Ostral Coast", "in Estavia City", "for Corvania" after token `from`.
fn complement(s: &Sent<'_>, c: &mut Counted, from: usize) {
    let mut k = from;
    let spanish = s.lang == super::super::language::Lang::Spanish;
    let english = matches!(
        s.lw(k),
        "to" | "in" | "into" | "for" | "from" | "across" | "throughout" | "on" | "at"
    );
    if !(english || spanish && super::spanish::place_preposition(s.lw(k))) {
        return;
    }
    k += 1;
    if s.lw(k) == "the" || (spanish && super::spanish::is_article(s.lw(k))) {
        k += 1;
    }
    let start = k;
    let mut key = String::new();
    let mut initials = String::new();
    while k < s.len()
        && (s.is_cap(k) || (k > start && matches!(s.lw(k), "de" | "del" | "la") && s.is_cap(k + 1)))
    {
        if !key.is_empty() {
            key.push(' ');
        }
        key.push_str(&entity_norm(s.lw(k)));
        initials.extend(s.lw(k).chars().next());
        k += 1;
    }
    if k > start {
        c.complement = Some(Fnv::hash(&key));
        c.complement_initials = (k - start > 1).then(|| Fnv::hash(&initials));
        c.complement_span = Some(s.start(start)..s.end(k - 1));
    }
}

/// Lower-case name as compared: "u.s." → "us", "reyner’s" → "reyner".
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
pub(super) fn collect_entities(s: &Sent<'_>, out: &mut Vec<u64>, acronyms: &mut Vec<u64>) {
    let mut first_word = true;
    // A run of capitalised words, less the titles and function words it
    // starts with ("the", "President"), also goes by its initials ("United
    // States": "us").
    let mut initials = String::new();
    let flush = |initials: &mut String, out: &mut Vec<u64>| {
        if (2..=4).contains(&initials.chars().count()) {
            out.push(Fnv::hash(initials));
        }
        initials.clear();
    };
    for k in 0..s.len() {
        if !s.is_word(k) || !s.is_cap(k) {
            flush(&mut initials, acronyms);
        } else if !initials.is_empty() || !(s.is_stop(s.lw(k)) || is_title_word(s.lw(k))) {
            initials.extend(s.lw(k).chars().next());
        }
        if !s.is_word(k) {
            continue;
        }
        let initial = first_word;
        first_word = false;
        if !s.is_cap(k) {
            continue;
        }
        if initial && !s.is_cap(k + 1) {
            // A sentence's first word may be a name ("Ostrava granted …")
            // or not ("Officials said …"): it is matched against the other
            // sentence's names, not counted as one.
            let lw = s.lw(k);
            if !(s.is_stop(lw)
                || is_title_word(lw)
                || lexicon::month(lw).is_some()
                || lexicon::is_weekday(lw)
                || lw.chars().count() < 2)
            {
                acronyms.push(entity_hash(lw));
            }
            continue;
        }
        let lw = s.lw(k);
        if s.is_stop(lw)
            || lexicon::month(lw).is_some()
            || lexicon::is_weekday(lw)
            || is_title_word(lw)
            || lw.chars().count() < 2
        {
            continue;
        }
        out.push(entity_hash(lw));
    }
    flush(&mut initials, acronyms);
}

/// Names two sentences share: the same names, or a name of one and the
/// initials of a name of the other ("U.S.", "United States").
pub(super) fn shared_names(a: &Counted, b: &Counted) -> usize {
    shared(&a.sentence_entities, &b.sentence_entities)
        + shared(&a.sentence_initials, &b.sentence_entities)
        + shared(&a.sentence_entities, &b.sentence_initials)
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

/// The event a figure reports: its verb's concept or stem; or, when the
/// verb only reports ("killings reported as of May") or is missing, a head
/// noun that is itself an event ("5,000 murders").
fn event(c: &Counted) -> Option<(Option<Concept>, &str)> {
    let head_event = match (&c.head, c.head_concept) {
        (Some(h), Some(k)) if k.class == ConceptClass::Event => Some((Some(k), h.as_ref())),
        _ => None,
    };
    match &c.verb_stem {
        Some(v) if !reporting_verb(v) || head_event.is_none() => Some((
            c.verb_concept.filter(|k| k.class == ConceptClass::Event),
            v.as_ref(),
        )),
        _ => head_event,
    }
}

/// The thing a figure counts: its head noun. An event noun counts
/// incidents ("5 shootings"), which is not a count of people ("6 people
/// shot").
fn thing(c: &Counted) -> Option<(Option<Concept>, &str)> {
    c.head.as_deref().map(|h| (c.head_concept, h))
}

/// How two figures' events or things compare.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Match {
    /// The same word or concept.
    Strong,
    /// Compatible: one side says nothing, or the words are related.
    Weak,
    /// Neither side says anything.
    Unknown,
    /// Different: not the same quantity.
    Differ,
}

/// Whether two words name one concept of the synonym table: tested by
/// address first (a concept's name is one string of the table, or of the
/// interned names when read back), which settles nearly every pair of the
/// many the figure comparison weighs without comparing the names' bytes.
fn same_concept(a: Option<Concept>, b: Option<Concept>) -> bool {
    match (a, b) {
        (Some(p), Some(q)) => {
            p.class == q.class && (std::ptr::eq(p.name, q.name) || p.name == q.name)
        }
        _ => false,
    }
}

fn compare_events(a: Option<(Option<Concept>, &str)>, b: Option<(Option<Concept>, &str)>) -> Match {
    match (a, b) {
        (Some(x), Some(y)) => {
            if same_concept(x.0, y.0) || x.1 == y.1 {
                Match::Strong
            } else if let (Some(p), Some(q)) = (x.0, y.0)
                && related(p.name, q.name)
            {
                Match::Weak
            } else {
                // Different events: "transported" is not "shot", "met" is
                // not "uniting" (if the same, too little to tell).
                Match::Differ
            }
        }
        (None, None) => Match::Unknown,
        // One side names no event: fine for a plain verb, but a death, an
        // injury, an arrest … must be said on both sides to be one fact.
        (Some(x), None) | (None, Some(x)) => {
            if x.0.is_some() {
                Match::Differ
            } else {
                Match::Weak
            }
        }
    }
}

fn compare_things(a: Option<(Option<Concept>, &str)>, b: Option<(Option<Concept>, &str)>) -> Match {
    match (a, b) {
        (Some(x), Some(y)) => {
            if same_concept(x.0, y.0) || x.1 == y.1 {
                return Match::Strong;
            }
            let class = |k: Option<Concept>| k.map(|k| k.class);
            match (class(x.0), class(y.0)) {
                (Some(ConceptClass::Event), _) | (_, Some(ConceptClass::Event)) => Match::Differ,
                // "14 people" may be the "11 alleged members"; "two men"
                // are a part of "four people", not the same count.
                (Some(ConceptClass::People), Some(ConceptClass::Person))
                | (Some(ConceptClass::Person), Some(ConceptClass::People)) => Match::Weak,
                _ => Match::Differ,
            }
        }
        (None, None) => Match::Unknown,
        // "8 injured" and "two women": a part of a group, or a count of
        // incidents, is not the unnamed total.
        (Some(x), None) | (None, Some(x)) => match x.0.map(|k| k.class) {
            Some(ConceptClass::Part | ConceptClass::Event) => Match::Differ,
            _ => Match::Weak,
        },
    }
}

/// Whether a figure's event is one that happens to people (so a bare
/// number, "11 killed", counts people).
/// Whether two counts are tolls of one kind: both count people killed,
/// injured or shot, people in general ("six people injured", "7
/// injured", "13 victims"), not a kind of them. Across reports of one incident such counts are that
/// incident's toll, whatever else their sentences say.
pub fn same_toll(a: &Figure, b: &Figure) -> bool {
    let harm = |c: &Counted| {
        event(c)
            .and_then(|e| e.0)
            .is_some_and(|k| TOLL_EVENTS.contains(&k.name))
    };
    // "Three children shot", "kill two drivers": a kind of people is a
    // part of the toll, not the toll.
    let anyone = |c: &Counted| {
        c.head.is_none()
            || c.head_concept
                .is_some_and(|k| k.class == ConceptClass::People)
    };
    a.kind == FigureKind::Count
        && b.kind == FigureKind::Count
        && harm(&a.counted)
        && harm(&b.counted)
        && anyone(&a.counted)
        && anyone(&b.counted)
        && compare_events(event(&a.counted), event(&b.counted)) == Match::Strong
}

/// The harm a count reports, of whomever ("two teens dead", "14 people
/// injured"): the event of a toll, without asking what is counted.
pub(super) fn harm_event(f: &Figure) -> Option<&'static str> {
    if f.kind != FigureKind::Count {
        return None;
    }
    event(&f.counted)
        .and_then(|e| e.0)
        .map(|k| k.name)
        .filter(|name| TOLL_EVENTS.contains(name))
}

/// The event of a toll: the concept (of [`TOLL_EVENTS`]) when `f` counts
/// people in general killed, injured or shot, as [`same_toll`] reads each
/// side. Two figures of [`same_toll`] have the same toll event.
pub(super) fn toll_event(f: &Figure) -> Option<&'static str> {
    let c = &f.counted;
    let anyone = c.head.is_none()
        || c.head_concept
            .is_some_and(|k| k.class == ConceptClass::People);
    if f.kind != FigureKind::Count || !anyone {
        return None;
    }
    event(c)
        .and_then(|e| e.0)
        .map(|k| k.name)
        .filter(|name| TOLL_EVENTS.contains(name))
}

/// The events (concepts of `synonyms.txt`) whose counts are an incident's
/// toll: what happened to its victims. Arrests, releases and transfers
/// are counted in many stories of one kind ("four Britons freed") and are
/// left to the passage score.
const TOLL_EVENTS: [&str; 3] = ["killed", "injured", "shot"];

fn people_event(c: &Counted) -> bool {
    event(c).and_then(|e| e.0).is_some_and(|k| {
        matches!(
            k.name,
            "killed"
                | "injured"
                | "shot"
                | "arrested"
                | "deported"
                | "displaced"
                | "released"
                | "transferred"
                | "missing"
                | "rescued"
        )
    })
}

/// How likely two figures are to count the same quantity, from 0 to 1,
/// judged on what they count alone (not on their values or passages).
///
/// Both the counted thing and the event are compared; the figures must
/// agree strongly on at least one and not differ on the other.
/// "extraditing 46 wanted gang figures" and "sent 31 gang suspects"
/// score high (same kind of thing, same kind of event); "27 mayors" and
/// "46 gang figures" score 0; "killed" and "injured" score 0; a "maiden
/// trip to Estavia" and a "third trip to the Ostral Coast" score 0 (they point
/// to different places); "two men" and "four people" score 0 (a part is
/// not the whole).
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
    // A running total is not one event's count.
    if ca.cumulative != cb.cumulative {
        return 0.0;
    }
    // Places the phrases point to must agree when both say one, and so
    // must the names that own them ("Lindqvist's third trip").
    if ca.complement.is_some() && cb.complement.is_some() && !same_place(ca, cb) {
        return 0.0;
    }
    if let (Some(x), Some(y)) = (ca.owner, cb.owner)
        && x != y
    {
        return 0.0;
    }
    let e = compare_events(event(ca), event(cb));
    let t = compare_things(thing(ca), thing(cb));
    // People in general, with no event on either side, could be anyone.
    let generic = thing(ca)
        .and_then(|x| x.0)
        .is_some_and(|k| k.class == ConceptClass::People);
    // A length of time written as an adjective is known by what lasts
    // ("a 90-day pause", "the 60-day truce"), whatever was done with it;
    // a rank by what it ranks ("third trip"). Two plain verbs then do not
    // make two quantities.
    let e = match (a.kind, t, e) {
        (Duration | Ordinal, Match::Strong, Match::Differ)
            if event(ca).is_some_and(|x| x.0.is_none())
                && event(cb).is_some_and(|x| x.0.is_none()) =>
        {
            Match::Unknown
        }
        _ => e,
    };
    let mut score: f32 = match (t, e) {
        (Match::Differ, _) | (_, Match::Differ) => return 0.0,
        (Match::Strong, Match::Unknown | Match::Weak) if matches!(a.kind, Duration | Ordinal) => {
            0.9
        }
        (Match::Strong, Match::Strong) => 1.0,
        (Match::Strong, Match::Unknown) if generic => return 0.0,
        (Match::Strong, _) => 0.75,
        (Match::Weak, Match::Strong) => 0.75,
        // "11 killed" and "14 dead": no noun, but an event that happens to
        // people. Other events need the counted thing ("$51 trading").
        (Match::Unknown, Match::Strong) if a.kind == Count && people_event(ca) => 0.7,
        // A date counts nothing: it dates its event.
        (Match::Unknown, Match::Strong) if matches!(a.kind, Date | Year) => 0.8,
        _ => return 0.0,
    };
    // A rank is only one fact with the place it ranks: "third trip to the
    // Ostral Coast" and "second visit to the Ostral Coast" (but not "the
    // fourth round" of two different players).
    if a.kind == Ordinal && (ca.complement.is_none() || !same_place(ca, cb)) {
        return 0.0;
    }
    // A date or a year is only compared for one event; a length of time
    // for one event or one named thing that lasts.
    if matches!(a.kind, Date | Year) && e != Match::Strong {
        return 0.0;
    }
    if a.kind == Duration && e != Match::Strong && t != Match::Strong {
        return 0.0;
    }
    if ca.complement.is_some() && same_place(ca, cb) {
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
        assert_eq!(stem("reyner’s"), "reyner");
    }
}
