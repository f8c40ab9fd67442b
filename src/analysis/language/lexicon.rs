//! The lexicon: closed word lists kept as data files under
//! `data/lexicon/<language>/`, embedded at compile time and parsed once.
//!
//! Each file has one entry a line (`#` starts a comment); some have a
//! tab-separated value. Lookups take any case and either apostrophe.
//!
//! These lists gather what the detector families keep in code today, so
//! that they can move to one place:
//! - `stopwords.txt`: function words (closed classes), read by the
//!   boilerplate family's function-word density and language detection,
//!   and by the figure reader with `index_stopwords.txt` and its own
//!   lexical words (`not_counted.txt`: "year", "today", "many").
//! - `number_words.txt` (en): read by `figures::lexicon::is_number_word`.
//! - `months.txt`, `weekdays.txt` (en): read by `figures::lexicon::month`
//!   and `is_weekday` (with `weekday_abbreviations.txt`); = the month
//!   words of the attribution reader's time words.
//! - `reporting_verbs.txt` (en): the lemmas and classes of the reporting
//!   verbs, with their forms in `verb_forms.txt`; `role_titles.txt`; and
//!   `attribution.txt` (each language: a word and a role it can play in
//!   an attribution): the words `attribution::lexicon` compiles. The
//!   Spanish reader (`attribution::spanish`) compiles the Spanish
//!   `attribution.txt` (its function words, clitics, verb endings and
//!   quotation marks are roles there too), with `according.txt` and the
//!   irregular forms of `reporting_verb_forms.txt`.
//! - `finite_verbs.txt` and `weekday_abbreviations.txt`: the boilerplate
//!   family's sentence and date-stamp evidence.
//! - `to_english.txt` pairs a language's words of news events with English
//!   ones; the related-passage terms (`related::terms`) read it, with the
//!   stop words, to relate passages across languages.
//! - `person_nouns.txt` (en) is learned, not written: the nouns that head
//!   person mentions in a treebank (`examples/train_person_nouns.rs`).
//! - The figure reader's lists (English): `scales.txt`,
//!   `attached_scales.txt`, `vague_scales.txt`, `time_units.txt`,
//!   `currency_*.txt`, `currencies.txt`, `qualifiers.txt`,
//!   `street_types.txt`, `time_markers.txt`, `time_deixis.txt`, `event_verb_forms.txt`,
//!   `before_figure.txt`, `not_counted.txt`, `perpetrator_deaths.txt`
//!   ([`FigureWords`]); its stop
//!   words are `stopwords.txt` and `index_stopwords.txt` with
//!   `not_counted.txt`.
//! - The entity reader's lists (`related::entities`): `name_particles.txt`
//!   and `place_aliases.txt` (en, es), `name_titles.txt`,
//!   `honorifics.txt`, `name_abbreviations.txt`, `organisation_heads.txt`,
//!   `sentence_openers.txt` and `quantity_nouns.txt` (en); it reads
//!   `months.txt`, `weekdays.txt` and `number_words.txt` too.
//! - `abbreviations.txt` is new (the tokenizer's); the related-passage
//!   word splitter (`related::terms`) and the figures tokenizer keep their
//!   own dotted-acronym rules.

use std::sync::LazyLock;

/// The lexicon's maps and sets: hashed with FNV-1a (the `fnv` crate), since every
/// token of every text is looked up in several of them and the standard
/// library's SipHash costs more than the lookup it serves. Nothing reads
/// them in iteration order for a result (the standard hasher's order
/// already changed from run to run). Their keys are the project's own
/// data files, not input, so a hash that resists chosen collisions buys
/// nothing here.
pub type HashMap<K, V> = fnv::FnvHashMap<K, V>;
/// See [`HashMap`].
pub type HashSet<K> = fnv::FnvHashSet<K>;

use super::Lang;

/// One language's lists.
#[derive(Debug, Default)]
pub struct Lexicon {
    pub stop_words: HashSet<String>,
    /// Words beside the stop words that an index of passages leaves out
    /// (`index_stopwords.txt`: "said", "according", "dijo").
    pub index_stop_words: HashSet<String>,
    pub abbreviations: HashSet<String>,
    pub number_words: HashSet<String>,
    pub role_titles: HashSet<String>,
    /// Words that negate the statement they stand in ("not", "never",
    /// "denied"; "no", "nunca", "negó").
    pub negations: HashSet<String>,
    /// Month name or abbreviation → 1..=12.
    pub months: HashMap<String, u8>,
    /// Weekday name → 1 (Monday) ..= 7.
    pub weekdays: HashMap<String, u8>,
    /// Reporting verb lemma → class ("speech", "evidence", "opinion",
    /// "label").
    pub reporting_verbs: HashMap<String, String>,
    /// Words that make a clause a possibility, condition or need
    /// ("could", "if", "needs"; "podría", "si").
    pub hypotheticals: HashSet<String>,
    /// Phrases that make a figure a running total ("so far", "a total of";
    /// "hasta ahora"), each as its lower-case words.
    pub cumulative: Vec<Vec<String>>,
    /// Finite verb forms that mark a clause (auxiliaries, modals, common
    /// irregular forms), for telling a sentence from a label without a
    /// tagger.
    pub finite_verbs: HashSet<String>,
    /// Weekday abbreviation ("tue", "mié") → 1 (Monday) ..= 7: read only in
    /// date-stamp shapes, since several are words too ("sat", "mar").
    pub weekday_abbreviations: HashMap<String, u8>,
    /// Word → its English equivalents (`to_english.txt`: the words of news
    /// events, so that passages in two languages that report one fact share
    /// terms). Empty for English.
    pub to_english: HashMap<String, Vec<String>>,
    /// Nouns that name a person ("official", "reporter", "resident"),
    /// learned from a treebank's person mentions by
    /// `examples/train_person_nouns.rs` (`person_nouns.txt`, lemmas).
    /// English only; empty for Spanish.
    pub person_nouns: HashSet<String>,
    /// Word → the roles it can play in an attribution
    /// (`attribution.txt`: "anonymous", "crowd", "det", …; each language
    /// has its own roles).
    pub attribution: HashMap<String, Vec<String>>,
    /// Reporting verb lemma → its forms ("says said - saying"), in file
    /// order (`verb_forms.txt`). English only; Spanish irregular forms are
    /// [`Lexicon::verb_form_lemmas`].
    pub verb_forms: Vec<(String, String)>,
    /// Irregular form of a reporting verb → its lemma ("dijo" → "decir",
    /// `reporting_verb_forms.txt`); regular forms are read from the
    /// lemma's stem and the endings of `attribution.txt`. Spanish only.
    pub verb_form_lemmas: HashMap<String, String>,
    /// Phrases that credit a statement to the noun phrase after them, as
    /// lower-case words, with how they credit it ("según" → "source",
    /// "para" → "opinion"; `according.txt`). Spanish only: the English
    /// reader's "according to" is a role of `attribution.txt`.
    pub according: Vec<(Vec<String>, String)>,
    /// The entity reader's lists (`related::entities`): lower-case words
    /// inside names ("van", "de").
    pub name_particles: HashSet<String>,
    /// Titles before a name or in an appositive, resolved back to it.
    pub name_titles: HashSet<String>,
    /// Honorifics dropped from names ("Mr.").
    pub honorifics: HashSet<String>,
    /// Abbreviations whose period may sit inside a name ("Sen.").
    pub name_abbreviations: HashSet<String>,
    /// Last words of names of places and organisations ("City").
    pub organisation_heads: HashSet<String>,
    /// Capitalised sentence openers that are not names ("Despite").
    pub sentence_openers: HashSet<String>,
    /// Nouns of round quantities ("dozens").
    pub quantity_nouns: HashSet<String>,
    /// Other spellings of a place or body → its English name ("u.s."
    /// written "us" → "united states").
    pub place_aliases: HashMap<String, String>,
    /// The words the figure reader needs beside the shared ones (English
    /// only; Spanish figures read their own files in `data/lexicon/es/`).
    pub figures: FigureWords,
}

/// Word lists of the figure reader (`figures::lexicon` looks them up):
/// scales, units, currencies, hedges and the words around a figure.
#[derive(Debug, Default)]
pub struct FigureWords {
    /// Scale word → multiplier (`scales.txt`: "million", "bn").
    pub scales: HashMap<String, f64>,
    /// Scale abbreviations read only glued to digits
    /// (`attached_scales.txt`: "k", "m").
    pub attached_scales: HashMap<String, f64>,
    /// Plural scale words of a vague quantity (`vague_scales.txt`:
    /// "hundreds", "dozens").
    pub vague_scales: HashMap<String, f64>,
    /// Unit of time word → unit name (`time_units.txt`: "hrs" → "hour").
    pub time_units: HashMap<String, String>,
    /// Symbol with the letters before it → ISO code
    /// (`currency_symbols.txt`: "us$" → "USD").
    pub currency_symbols: HashMap<String, String>,
    /// Currency code written as a word → ISO code (`currency_codes.txt`).
    pub currency_codes: HashMap<String, String>,
    /// Currency name → ISO code or generic name (`currencies.txt`).
    pub currencies: HashMap<String, String>,
    /// (adjective, generic code) → ISO code (`currency_adjectives.txt`).
    pub currency_adjectives: HashMap<(String, String), String>,
    /// ISO code → (prefix, suffix) for messages (`currency_display.txt`;
    /// the suffix with the space before it: " pesos").
    pub currency_display: HashMap<String, (String, String)>,
    /// Hedges before a figure, as lower-case words, with the qualifier's
    /// name (`qualifiers.txt`), in file order.
    pub qualifiers: Vec<(Vec<String>, String)>,
    /// Street types (`street_types.txt`).
    pub street_types: HashSet<String>,
    /// Words that make a number a time of day (`time_markers.txt`).
    pub time_markers: HashSet<String>,
    /// Words that place a clause's time relative to another
    /// (`time_deixis.txt`: "last", "ago", "yesterday", "noon"): word →
    /// (role, unit, offset), as written.
    pub time_deixis: HashMap<String, (String, String, String)>,
    /// Irregular forms that report an event around a figure
    /// (`event_verb_forms.txt`).
    pub event_verb_forms: HashSet<String>,
    /// Capitalised words that may come right before a figure
    /// (`before_figure.txt`).
    pub before_figure: HashSet<String>,
    /// Lexical words that are not what a figure counts (`not_counted.txt`).
    pub not_counted: HashSet<String>,
    /// Phrases that tell the death of the one who did the harm ("killed
    /// himself", "the gunman died"), placeholders expanded, as lower-case
    /// words joined by single spaces (`perpetrator_deaths.txt`).
    pub perpetrator_deaths: Vec<String>,
}

/// `key<TAB>value` lines with the value kept as written.
fn strings(data: &str) -> HashMap<String, String> {
    map(data, |v| Some(v.to_string()))
}

fn english_figure_words() -> FigureWords {
    macro_rules! en {
        ($file:literal) => {
            include_str!(concat!("../../../data/lexicon/en/", $file))
        };
    }
    let number = |v: &str| v.parse::<f64>().ok();
    let column = |v: &str| {
        if v == "-" {
            String::new()
        } else {
            v.to_string()
        }
    };
    FigureWords {
        scales: map(en!("scales.txt"), number),
        attached_scales: map(en!("attached_scales.txt"), number),
        vague_scales: map(en!("vague_scales.txt"), number),
        time_units: strings(en!("time_units.txt")),
        currency_symbols: strings(en!("currency_symbols.txt")),
        currency_codes: strings(en!("currency_codes.txt")),
        currencies: strings(en!("currencies.txt")),
        currency_adjectives: entries(en!("currency_adjectives.txt"))
            .filter_map(|l| {
                let mut cols = l.split('\t').map(str::trim);
                let (adjective, generic, code) = (cols.next()?, cols.next()?, cols.next()?);
                Some((
                    (adjective.to_lowercase(), generic.to_string()),
                    code.to_string(),
                ))
            })
            .collect(),
        currency_display: entries(en!("currency_display.txt"))
            .filter_map(|l| {
                let mut cols = l.split('\t').map(str::trim);
                let (code, prefix, suffix) = (cols.next()?, cols.next()?, cols.next()?);
                // The suffix is a word after the amount: "30,000,000 pesos".
                let suffix = if suffix == "-" {
                    String::new()
                } else {
                    format!(" {suffix}")
                };
                Some((code.to_string(), (column(prefix), suffix)))
            })
            .collect(),
        qualifiers: entries(en!("qualifiers.txt"))
            .filter_map(|l| {
                let (phrase, q) = l.split_once('\t')?;
                let words = phrase.split_whitespace().map(str::to_lowercase).collect();
                Some((words, q.trim().to_string()))
            })
            .collect(),
        street_types: set(en!("street_types.txt")),
        time_markers: set(en!("time_markers.txt")),
        time_deixis: entries(en!("time_deixis.txt"))
            .filter_map(|l| {
                let mut cols = l.split('\t').map(str::trim);
                let word = cols.next()?.to_lowercase();
                let (role, unit, offset) = (cols.next()?, cols.next()?, cols.next()?);
                Some((word, (role.into(), unit.into(), offset.into())))
            })
            .collect(),
        event_verb_forms: set(en!("event_verb_forms.txt")),
        before_figure: set(en!("before_figure.txt")),
        not_counted: set(en!("not_counted.txt")),
        perpetrator_deaths: expanded_phrases(en!("perpetrator_deaths.txt")),
    }
}

/// Lower-case words of a phrase joined by single spaces, every character
/// that is not a letter or digit a break ("self-inflicted" → "self
/// inflicted").
pub fn phrase_words(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for w in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(w.chars().flat_map(char::to_lowercase));
    }
    out
}

/// Phrases with placeholders: a line `@name<TAB>word word …` defines a
/// placeholder, every other line is a phrase, expanded with each word of
/// each placeholder it holds (see `perpetrator_deaths.txt`), as
/// [`phrase_words`].
fn expanded_phrases(data: &str) -> Vec<String> {
    let mut holders: Vec<(String, Vec<String>)> = Vec::new();
    let mut out = Vec::new();
    for line in entries(data) {
        if let Some((name, words)) = line.split_once('\t').filter(|_| line.starts_with('@')) {
            holders.push((
                name.trim().to_string(),
                words.split_whitespace().map(str::to_lowercase).collect(),
            ));
            continue;
        }
        let mut phrases = vec![line.to_string()];
        for (name, words) in &holders {
            phrases = phrases
                .into_iter()
                .flat_map(|p| {
                    if p.contains(name.as_str()) {
                        words.iter().map(|w| p.replace(name.as_str(), w)).collect()
                    } else {
                        vec![p]
                    }
                })
                .collect();
        }
        out.extend(phrases.iter().map(|p| phrase_words(p)));
    }
    out.sort();
    out.dedup();
    out
}

/// Lines of a list file without comments and blanks.
fn entries(data: &str) -> impl Iterator<Item = &str> {
    data.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

fn set(data: &str) -> HashSet<String> {
    entries(data).map(str::to_lowercase).collect()
}

fn map<V>(data: &str, parse: impl Fn(&str) -> Option<V>) -> HashMap<String, V> {
    entries(data)
        .filter_map(|l| {
            let (k, v) = l.split_once('\t')?;
            Some((k.trim().to_lowercase(), parse(v.trim())?))
        })
        .collect()
}

/// `key<TAB>value` lines where one key may have several values.
fn pairs(data: &str) -> HashMap<String, Vec<String>> {
    let mut out: HashMap<String, Vec<String>> = HashMap::default();
    for (k, v) in entries(data).filter_map(|l| l.split_once('\t')) {
        let (k, v) = (k.trim().to_lowercase(), v.trim().to_lowercase());
        if !k.is_empty() && !v.is_empty() {
            out.entry(k).or_default().push(v);
        }
    }
    out
}

macro_rules! lexicon {
    ($dir:literal) => {
        Lexicon {
            stop_words: set(include_str!(concat!(
                "../../../data/lexicon/",
                $dir,
                "/stopwords.txt"
            ))),
            index_stop_words: set(include_str!(concat!(
                "../../../data/lexicon/",
                $dir,
                "/index_stopwords.txt"
            ))),
            abbreviations: set(include_str!(concat!(
                "../../../data/lexicon/",
                $dir,
                "/abbreviations.txt"
            ))),
            number_words: set(include_str!(concat!(
                "../../../data/lexicon/",
                $dir,
                "/number_words.txt"
            ))),
            role_titles: set(include_str!(concat!(
                "../../../data/lexicon/",
                $dir,
                "/role_titles.txt"
            ))),
            negations: set(include_str!(concat!(
                "../../../data/lexicon/",
                $dir,
                "/negation.txt"
            ))),
            months: map(
                include_str!(concat!("../../../data/lexicon/", $dir, "/months.txt")),
                |v| v.parse().ok(),
            ),
            weekdays: map(
                include_str!(concat!("../../../data/lexicon/", $dir, "/weekdays.txt")),
                |v| v.parse().ok(),
            ),
            reporting_verbs: map(
                include_str!(concat!(
                    "../../../data/lexicon/",
                    $dir,
                    "/reporting_verbs.txt"
                )),
                |v| Some(v.to_string()),
            ),
            hypotheticals: set(include_str!(concat!(
                "../../../data/lexicon/",
                $dir,
                "/hypothetical.txt"
            ))),
            cumulative: entries(include_str!(concat!(
                "../../../data/lexicon/",
                $dir,
                "/cumulative.txt"
            )))
            .map(|l| l.split_whitespace().map(str::to_lowercase).collect())
            .collect(),
            finite_verbs: set(include_str!(concat!(
                "../../../data/lexicon/",
                $dir,
                "/finite_verbs.txt"
            ))),
            weekday_abbreviations: map(
                include_str!(concat!(
                    "../../../data/lexicon/",
                    $dir,
                    "/weekday_abbreviations.txt"
                )),
                |v| v.parse().ok(),
            ),
            to_english: pairs(include_str!(concat!(
                "../../../data/lexicon/",
                $dir,
                "/to_english.txt"
            ))),
            person_nouns: HashSet::default(),
            figures: FigureWords::default(),
            name_particles: set(include_str!(concat!(
                "../../../data/lexicon/",
                $dir,
                "/name_particles.txt"
            ))),
            name_titles: HashSet::default(),
            honorifics: HashSet::default(),
            name_abbreviations: HashSet::default(),
            organisation_heads: HashSet::default(),
            sentence_openers: HashSet::default(),
            quantity_nouns: HashSet::default(),
            place_aliases: map(
                include_str!(concat!(
                    "../../../data/lexicon/",
                    $dir,
                    "/place_aliases.txt"
                )),
                |v| Some(v.to_lowercase()),
            ),
            attribution: pairs(include_str!(concat!(
                "../../../data/lexicon/",
                $dir,
                "/attribution.txt"
            ))),
            verb_forms: Vec::new(),
            verb_form_lemmas: HashMap::default(),
            according: Vec::new(),
        }
    };
}

static ENGLISH: LazyLock<Lexicon> = LazyLock::new(|| Lexicon {
    person_nouns: set(include_str!("../../../data/lexicon/en/person_nouns.txt")),
    figures: english_figure_words(),
    name_titles: set(include_str!("../../../data/lexicon/en/name_titles.txt")),
    honorifics: set(include_str!("../../../data/lexicon/en/honorifics.txt")),
    name_abbreviations: set(include_str!(
        "../../../data/lexicon/en/name_abbreviations.txt"
    )),
    organisation_heads: set(include_str!(
        "../../../data/lexicon/en/organisation_heads.txt"
    )),
    sentence_openers: set(include_str!(
        "../../../data/lexicon/en/sentence_openers.txt"
    )),
    quantity_nouns: set(include_str!("../../../data/lexicon/en/quantity_nouns.txt")),
    verb_forms: entries(include_str!("../../../data/lexicon/en/verb_forms.txt"))
        .filter_map(|l| {
            let (k, v) = l.split_once('\t')?;
            Some((k.trim().to_lowercase(), v.trim().to_lowercase()))
        })
        .collect(),
    ..lexicon!("en")
});
static SPANISH: LazyLock<Lexicon> = LazyLock::new(|| Lexicon {
    verb_form_lemmas: map(
        include_str!("../../../data/lexicon/es/reporting_verb_forms.txt"),
        |v| Some(v.to_lowercase()),
    ),
    according: entries(include_str!("../../../data/lexicon/es/according.txt"))
        .filter_map(|l| {
            let (phrase, kind) = l.split_once('\t')?;
            let words: Vec<String> = phrase.split_whitespace().map(str::to_lowercase).collect();
            (!words.is_empty()).then(|| (words, kind.trim().to_lowercase()))
        })
        .collect(),
    ..lexicon!("es")
});

/// The lists of `lang` (English for a language without lists).
pub fn lexicon(lang: Lang) -> &'static Lexicon {
    match lang {
        Lang::Spanish => &SPANISH,
        Lang::English | Lang::Unknown => &ENGLISH,
    }
}

/// `word` in lower case with straight apostrophes, borrowed when it
/// already is.
pub fn normalize(word: &str) -> std::borrow::Cow<'_, str> {
    if word
        .chars()
        .any(|c| c.is_uppercase() || c == '’' || c == 'ʼ')
    {
        std::borrow::Cow::Owned(
            word.chars()
                .flat_map(char::to_lowercase)
                .map(|c| if c == '’' || c == 'ʼ' { '\'' } else { c })
                .collect(),
        )
    } else {
        std::borrow::Cow::Borrowed(word)
    }
}

impl Lexicon {
    pub fn is_stop_word(&self, word: &str) -> bool {
        self.stop_words.contains(normalize(word).as_ref())
    }

    pub fn is_number_word(&self, word: &str) -> bool {
        self.number_words.contains(normalize(word).as_ref())
    }

    /// Whether `lemma` names a person: a learned person noun or a role
    /// title.
    pub fn is_person_noun(&self, lemma: &str) -> bool {
        let w = normalize(lemma);
        self.person_nouns.contains(w.as_ref()) || self.role_titles.contains(w.as_ref())
    }

    pub fn is_role_title(&self, word: &str) -> bool {
        self.role_titles.contains(normalize(word).as_ref())
    }

    /// 1..=12 for a month name or abbreviation.
    pub fn month(&self, word: &str) -> Option<u8> {
        self.months.get(normalize(word).as_ref()).copied()
    }

    /// 1 (Monday) ..= 7 for a weekday name.
    pub fn weekday(&self, word: &str) -> Option<u8> {
        self.weekdays.get(normalize(word).as_ref()).copied()
    }

    /// Whether `word` is a listed finite verb form.
    pub fn is_finite_verb(&self, word: &str) -> bool {
        self.finite_verbs.contains(normalize(word).as_ref())
    }

    /// The class of a reporting verb, given its lemma.
    pub fn reporting_verb(&self, lemma: &str) -> Option<&str> {
        self.reporting_verbs
            .get(normalize(lemma).as_ref())
            .map(String::as_str)
    }
}

/// Whether `word` (without its period) is an abbreviation in any language
/// with lists: the tokenizer runs before the language is known.
pub fn is_abbreviation(word: &str) -> bool {
    let w = normalize(word);
    ENGLISH.abbreviations.contains(w.as_ref()) || SPANISH.abbreviations.contains(w.as_ref())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_list_loads_with_entries() {
        for lang in [Lang::English, Lang::Spanish] {
            let l = lexicon(lang);
            assert!(l.stop_words.len() > 100, "{lang:?}");
            assert!(
                l.abbreviations.len() > 10 && l.number_words.len() > 30 && l.role_titles.len() > 30
            );
            assert_eq!(l.months.values().copied().collect::<HashSet<_>>().len(), 12);
            assert_eq!(
                l.weekdays.values().copied().collect::<HashSet<_>>().len(),
                7
            );
            assert!(l.reporting_verbs.len() > 20);
            assert!(l.finite_verbs.len() > 20);
            assert_eq!(
                l.weekday_abbreviations
                    .values()
                    .copied()
                    .collect::<HashSet<_>>()
                    .len(),
                7
            );
        }
        let en = lexicon(Lang::English);
        for list in [
            &en.name_particles,
            &en.name_titles,
            &en.honorifics,
            &en.name_abbreviations,
            &en.organisation_heads,
            &en.sentence_openers,
            &en.quantity_nouns,
        ] {
            assert!(list.len() > 3);
        }
        assert_eq!(en.place_aliases["us"], "united states");
        let es = lexicon(Lang::Spanish);
        assert_eq!(es.place_aliases["eeuu"], "united states");
        assert!(es.name_particles.contains("del"));
        assert!(es.to_english.len() > 200);
        assert!(es.to_english["muerto"].contains(&"killed".to_string()));
        assert!(lexicon(Lang::English).to_english.is_empty());
    }

    #[test]
    fn lookups_ignore_case_and_apostrophe_style() {
        let en = lexicon(Lang::English);
        assert!(en.is_stop_word("DOESN’T") && en.is_stop_word("the") && !en.is_stop_word("said"));
        assert_eq!(en.month("Sept"), Some(9));
        assert_eq!(en.weekday("Friday"), Some(5));
        assert_eq!(en.reporting_verb("say"), Some("speech"));
        assert!(en.is_role_title("Spokeswoman") && en.is_number_word("Twelve"));
        let es = lexicon(Lang::Spanish);
        assert_eq!(es.month("Diciembre"), Some(12));
        assert!(es.is_stop_word("según") && es.is_role_title("portavoz"));
        assert!(is_abbreviation("Dr") && is_abbreviation("Sra") && !is_abbreviation("said"));
    }
}
