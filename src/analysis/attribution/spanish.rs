//! Spanish attribution, read from the language layer: the Spanish tagger's
//! parts of speech and the Spanish lists of the shared lexicon
//! (`language::Lexicon`, files in `data/lexicon/es/`): the reporting verbs
//! (`reporting_verbs.txt`, irregular forms in `reporting_verb_forms.txt`),
//! the phrases of `according.txt`, and the words of `attribution.txt` with
//! the roles they can play (an anonymous head, a crowd, a noun of saying,
//! the relative "que", the impersonal "se", clitics, the endings of regular
//! verbs, quotation marks, …), compiled once into the reader's tables as
//! the English reader compiles its own (`attribution::lexicon`). No word is
//! a literal here.
//!
//! Constructions:
//! - a reporting verb with its subject before it ("El ministro afirmó"), or
//!   after it when it opens a clause ("—No cerraremos —dijo Almeida",
//!   "«…», aseguró la alcaldesa"); a verb with no subject speaks for the
//!   speaker named before (Spanish drops subject pronouns: "Aseguró que …",
//!   "«…», añade, …"); in a speaker tag's slot after a quotation any verb
//!   is a verb of saying; a verb of asking ("pidió al ministro «…»") credits
//!   what it quotes to its subject;
//! - the phrases of `data/lexicon/es/according.txt`: "según X", "de acuerdo
//!   con/a/al X", "a juicio de X", "en opinión de X", and "para X, …" when X
//!   is a person or a body and a comma closes it (an opinion's holder);
//! - a noun of saying (role `report_noun`) with "de X" before a colon or
//!   a quotation ("el veredicto del jurado fue claro: «…»"), and a person
//!   alone before a colon and a quotation ("Ana Ruiz: «…»");
//! - the impersonal "se" with a reporting verb and no one behind it ("se
//!   dice que", "se cree", "se considera");
//! - the kind of a source: named (a proper noun), anonymous ("fuentes del
//!   ministerio", "un alto funcionario", a relative clause that says the
//!   speaker asked not to be named, someone placed near a person or a body,
//!   "una persona cercana al alcalde", "del entorno del presidente", one
//!   unnamed person of a kind, "un testigo", read through the bilingual list
//!   and the English person nouns learned from a treebank), an unnamed crowd
//!   ("muchos", "según expertos"), or a role that refers back ("el
//!   portavoz").
//!
//! Only sentences with a reporting word, a phrase of `according.txt`, a noun
//! of saying with its complement, or a colon before a quotation are tagged.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

use super::{Attribution, Construction, QuoteKind, Source, SourceKind};
use crate::analysis::language::lexicon::{HashMap as FnvMap, HashSet};
use crate::analysis::language::{Lang, Upos, lexicon, tagger, tokenize};

/// What a word of `attribution.txt` says of the source it stands in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    Anonymous,
    Official,
    Crowd,
    Anonymity,
    Indefinite,
    Proximity,
}

/// The other roles of `attribution.txt` the reader asks about, as bits.
mod class {
    pub const REPORT_NOUN: u32 = 1 << 0;
    pub const COMPLEMENT: u32 = 1 << 1;
    pub const PROXIMITY_COMPLEMENT: u32 = 1 << 2;
    pub const RANK: u32 = 1 << 3;
    pub const RELATIVE: u32 = 1 << 4;
    pub const IMPERSONAL: u32 = 1 << 5;
    pub const CLITIC: u32 = 1 << 6;
    pub const OBJECT_PREPOSITION: u32 = 1 << 7;
    pub const OPENING_MARK: u32 = 1 << 8;
    pub const CLOSING_MARK: u32 = 1 << 9;
    pub const DIALOGUE_DASH: u32 = 1 << 10;
}

/// How a phrase of `according.txt` credits a statement.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Credit {
    /// The source follows the phrase ("según X").
    Source,
    /// "para X, …": a source only when X is a person or a body and a comma
    /// closes it.
    Opinion,
}

/// The words of the shared Spanish lexicon the reader decides with,
/// compiled once from `lexicon(Lang::Spanish)`: the roles of
/// `attribution.txt`, the phrases of `according.txt` and the irregular
/// forms of `reporting_verb_forms.txt`.
struct Lists {
    /// Word → what it says of a source.
    roles: FnvMap<String, Role>,
    /// Word → its other roles ([`class`]).
    classes: FnvMap<String, u32>,
    /// Phrases of `according.txt`, longest first so that "de acuerdo a la"
    /// wins over "de acuerdo a".
    according: Vec<(Vec<String>, Credit)>,
    /// Pronouns written onto a gerund or an infinitive, longest first.
    enclitics: Vec<String>,
    /// Endings of the forms an enclitic attaches to.
    enclitic_hosts: Vec<String>,
    ar_endings: HashSet<String>,
    er_ir_endings: HashSet<String>,
    participle_endings: Vec<String>,
}

static LISTS: LazyLock<Lists> = LazyLock::new(|| {
    let lex = lexicon(Lang::Spanish);
    let mut w = Lists {
        roles: FnvMap::default(),
        classes: FnvMap::default(),
        according: Vec::new(),
        enclitics: Vec::new(),
        enclitic_hosts: Vec::new(),
        ar_endings: HashSet::default(),
        er_ir_endings: HashSet::default(),
        participle_endings: Vec::new(),
    };
    for (word, roles) in &lex.attribution {
        for r in roles {
            let role = match r.as_str() {
                "anonymous" => Some(Role::Anonymous),
                "official" => Some(Role::Official),
                "crowd" => Some(Role::Crowd),
                "anonymity" => Some(Role::Anonymity),
                "indefinite" => Some(Role::Indefinite),
                "proximity" => Some(Role::Proximity),
                _ => None,
            };
            if let Some(role) = role {
                w.roles.insert(word.clone(), role);
                continue;
            }
            let bit = match r.as_str() {
                "report_noun" => class::REPORT_NOUN,
                "complement" => class::COMPLEMENT,
                "proximity_complement" => class::PROXIMITY_COMPLEMENT,
                "rank" => class::RANK,
                "relative" => class::RELATIVE,
                "impersonal" => class::IMPERSONAL,
                "clitic" => class::CLITIC,
                "object_preposition" => class::OBJECT_PREPOSITION,
                "opening_mark" => class::OPENING_MARK,
                "closing_mark" => class::CLOSING_MARK,
                "dialogue_dash" => class::DIALOGUE_DASH,
                "enclitic" => {
                    w.enclitics.push(word.clone());
                    0
                }
                "enclitic_host" => {
                    w.enclitic_hosts.push(word.clone());
                    0
                }
                "ar_ending" => {
                    w.ar_endings.insert(word.clone());
                    0
                }
                "er_ir_ending" => {
                    w.er_ir_endings.insert(word.clone());
                    0
                }
                "participle_ending" => {
                    w.participle_endings.push(word.clone());
                    0
                }
                _ => 0,
            };
            if bit != 0 {
                *w.classes.entry(word.clone()).or_default() |= bit;
            }
        }
    }
    // Longest first; two suffixes of one length cannot both end a word, so
    // the order among them does not matter (sorted for a stable build).
    w.enclitics
        .sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
    w.according = lex
        .according
        .iter()
        .filter_map(|(words, kind)| {
            let credit = match kind.as_str() {
                "source" => Credit::Source,
                "opinion" => Credit::Opinion,
                _ => return None,
            };
            Some((words.clone(), credit))
        })
        .collect();
    w.according.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
    w
});

/// Whether `word` (lower case) has role bit `bit` of [`class`].
fn is(word: &str, bit: u32) -> bool {
    LISTS.classes.get(word).is_some_and(|c| c & bit != 0)
}

/// The irregular forms of the reporting verbs (form → lemma).
fn irregular() -> &'static FnvMap<String, String> {
    &lexicon(Lang::Spanish).verb_form_lemmas
}

/// The reporting-verb lemma of a Spanish word form, if it is one; a gerund
/// or infinitive with pronouns attached is read without them (the accent
/// they put on its stem dropped: "diciéndole" is "diciendo").
fn reporting_lemma(form: &str) -> Option<(String, &'static str)> {
    if let Some(found) = reporting_lemma_plain(form) {
        return Some(found);
    }
    let stem = LISTS
        .enclitics
        .iter()
        .find_map(|c| form.strip_suffix(c.as_str()))?;
    let accented = stem.contains(['á', 'é', 'í', 'ó', 'ú']);
    if !accented || stem.chars().count() < 4 {
        return None;
    }
    let plain: String = stem
        .chars()
        .map(|c| match c {
            'á' => 'a',
            'é' => 'e',
            'í' => 'i',
            'ó' => 'o',
            'ú' => 'u',
            c => c,
        })
        .collect();
    // Only the forms a pronoun attaches to: gerunds and infinitives.
    if !LISTS
        .enclitic_hosts
        .iter()
        .any(|e| plain.ends_with(e.as_str()))
    {
        return None;
    }
    reporting_lemma_plain(&plain)
}

fn reporting_lemma_plain(form: &str) -> Option<(String, &'static str)> {
    let lex = lexicon(Lang::Spanish);
    if let Some(l) = irregular().get(form) {
        return lex.reporting_verb(l).map(|c| (l.clone(), class_str(c)));
    }
    for (lemma, class) in &lex.reporting_verbs {
        let Some(stem) = lemma.get(..lemma.len().saturating_sub(2)) else {
            continue;
        };
        let Some(rest) = form.strip_prefix(stem) else {
            continue;
        };
        // The infinitive's ending picks the endings of its forms.
        let endings = if lemma.ends_with("ar") {
            &LISTS.ar_endings
        } else {
            &LISTS.er_ir_endings
        };
        if endings.contains(rest) {
            return Some((lemma.clone(), class_str(class)));
        }
    }
    None
}

fn class_str(c: &str) -> &'static str {
    match c {
        "speech" => "speech",
        "evidence" => "evidence",
        "opinion" => "opinion",
        "request" => "request",
        _ => "label",
    }
}

/// Words a relative clause that hides a speaker may run to ("que pidió
/// no ser identificado"): the clauses news uses are this short.
const RELATIVE_WORDS: usize = 8;

struct Words {
    spans: Vec<Range<usize>>,
    lower: Vec<String>,
    tags: Vec<Upos>,
}

impl Words {
    fn len(&self) -> usize {
        self.spans.len()
    }

    fn crowd(&self, i: usize) -> bool {
        LISTS.roles.get(self.lower[i].as_str()) == Some(&Role::Crowd)
    }

    fn nominal(&self, i: usize) -> bool {
        self.crowd(i)
            || matches!(
                self.tags[i],
                Upos::Propn | Upos::Noun | Upos::Adj | Upos::Det | Upos::Num
            )
            || is(&self.lower[i], class::RANK)
    }

    /// The noun phrase that starts at `i`: determiners, adjectives and
    /// nouns, with "de"/"del" complements ("fuentes del ministerio de
    /// Salud"). `None` when it holds no noun or proper noun.
    fn phrase_from(&self, i: usize) -> Option<Range<usize>> {
        let mut j = i;
        loop {
            // A determiner after a noun opens the next phrase ("en opinión
            // de muchos analistas | la derecha …").
            while j < self.len()
                && self.nominal(j)
                && !(j > i
                    && self.tags[j] == Upos::Det
                    && matches!(self.tags[j - 1], Upos::Noun | Upos::Propn | Upos::Adj))
            {
                j += 1;
            }
            let de = j + 1 < self.len() && self.complement_at(j) && self.nominal(j + 1);
            if de {
                j += 1;
            } else {
                break;
            }
        }
        (j > i && (i..j).any(|k| self.head_like(k))).then_some(i..j)
    }

    /// The noun phrase that ends right before `end`.
    fn phrase_before(&self, end: usize) -> Option<Range<usize>> {
        let mut i = end;
        while i > 0
            && (self.nominal(i - 1) || (self.complement_at(i - 1) && i < end && self.nominal(i)))
        {
            i -= 1;
        }
        while i < end && is(&self.lower[i], class::COMPLEMENT) {
            i += 1;
        }
        (i < end && (i..end).any(|k| self.head_like(k))).then_some(i..end)
    }

    /// Whether word `j` joins a complement to the noun phrase before it:
    /// "de"/"del" ("fuentes del ministerio"), and "a"/"al" after a word of
    /// proximity ("una persona cercana al alcalde").
    fn complement_at(&self, j: usize) -> bool {
        let w = self.lower[j].as_str();
        is(w, class::COMPLEMENT)
            || (is(w, class::PROXIMITY_COMPLEMENT)
                && j > 0
                && self.role(j - 1) == Some(Role::Proximity))
    }

    /// Whether word `k` names a person or a body: a proper noun, a role
    /// title, an official or a crowd.
    fn person(&self, k: usize) -> bool {
        self.tags[k] == Upos::Propn
            || self.crowd(k)
            || matches!(self.role(k), Some(Role::Official | Role::Anonymous))
            || lexicon(Lang::Spanish).is_role_title(&self.lower[k])
    }

    /// X in "para X, …" (`i` is the word after "para"): determiners and
    /// adjectives before a head that names a person or a body, then
    /// anything but a verb up to a comma within [`OPINION_WORDS`]. "Para
    /// que …", "para llegar …", "para 2011, …" and "para el puerto, …" have
    /// none.
    fn opinion_holder(&self, i: usize) -> Option<Range<usize>> {
        let end = (i..(i + OPINION_WORDS).min(self.len())).find(|&j| self.lower[j] == ",")?;
        let head = (i..end).find(|&j| self.head_like(j))?;
        let lead = (i..head).all(|j| matches!(self.tags[j], Upos::Det | Upos::Adj | Upos::Num));
        let verbless = !(i..end).any(|j| matches!(self.tags[j], Upos::Verb | Upos::Aux));
        (lead && verbless && self.person(head)).then_some(i..end)
    }

    /// A word that can head a source: a noun, a proper noun, or a crowd
    /// word ("muchos").
    fn head_like(&self, k: usize) -> bool {
        matches!(self.tags[k], Upos::Noun | Upos::Propn) || self.crowd(k)
    }

    /// "el veredicto del jurado fue claro: «…»": a noun of saying at `k`
    /// with a complement "de X" credits a colon or a quotation later in
    /// its sentence to X.
    fn reporting_noun(&self, k: usize, si: usize) -> Option<Attribution> {
        if self.tags[k] != Upos::Noun || !is(&self.lower[k], class::REPORT_NOUN) {
            return None;
        }
        if !self
            .lower
            .get(k + 1)
            .is_some_and(|w| is(w, class::COMPLEMENT))
        {
            return None;
        }
        let r = self.phrase_from(k + 2)?;
        let introduces = (r.end..self.len())
            .any(|j| self.lower[j] == ":" || is(&self.lower[j], class::OPENING_MARK));
        if !introduces {
            return None;
        }
        let span = self.byte_span(&r);
        let cue = self.spans[k].clone();
        Some(attribution(
            span.clone(),
            self.kind(&r),
            Construction::ReportingNoun,
            cue.clone(),
            cue.start..span.end,
            si,
        ))
    }

    /// "Ana Ruiz: «…»": a clause that is only a person or a body, a colon
    /// at `k` and a quotation; the turn of an interview or a headline
    /// that quotes its speaker.
    fn colon_turn(&self, k: usize, si: usize) -> Option<Attribution> {
        let next = self.lower.get(k + 1)?;
        if self.lower[k] != ":" || !is(next, class::OPENING_MARK | class::DIALOGUE_DASH) {
            return None;
        }
        let r = self.phrase_before(k)?;
        let opens = r.start == 0 || self.tags[r.start - 1] == Upos::Punct;
        if !opens || !r.clone().any(|j| self.person(j)) {
            return None;
        }
        let span = self.byte_span(&r);
        let cue = self.spans[k].clone();
        Some(attribution(
            span.clone(),
            self.kind(&r),
            Construction::BeforeQuote,
            cue.clone(),
            span.start..cue.end,
            si,
        ))
    }

    fn byte_span(&self, r: &Range<usize>) -> Range<usize> {
        self.spans[r.start].start..self.spans[r.end - 1].end
    }

    /// What the phrase `r` is; `after` is where a relative clause would
    /// start ("… que pidió el anonimato").
    fn role(&self, k: usize) -> Option<Role> {
        LISTS.roles.get(self.lower[k].as_str()).copied()
    }

    fn kind(&self, r: &Range<usize>) -> SourceKind {
        let role = |k: usize| self.role(k);
        let proper = r.clone().any(|k| self.tags[k] == Upos::Propn);
        // A relative clause right after that says the speaker is not named,
        // restrictive ("un alto cargo que pidió …") or set off by commas
        // ("un alto cargo, que pidió …,").
        let relative = |i: usize| self.lower.get(i).is_some_and(|w| is(w, class::RELATIVE));
        let rel = if relative(r.end) {
            Some(r.end)
        } else if self.lower.get(r.end).is_some_and(|w| w == ",") && relative(r.end + 1) {
            Some(r.end + 1)
        } else {
            None
        };
        let hidden = rel.is_some_and(|q| {
            (q..(q + RELATIVE_WORDS).min(self.len())).any(|k| role(k) == Some(Role::Anonymity))
        });
        // Someone placed near a person or a body but not named ("una
        // persona cercana al alcalde", "fuentes del entorno del
        // presidente"): the name in the phrase is not the speaker's.
        let near = r.clone().any(|k| role(k) == Some(Role::Proximity));
        if hidden || near || r.clone().any(|k| role(k) == Some(Role::Anonymous)) {
            return SourceKind::Anonymous;
        }
        if proper {
            return SourceKind::Named;
        }
        // "un testigo", "una vecina": one person of a kind, unnamed.
        if role(r.start) == Some(Role::Indefinite)
            && let Some(head) = r.clone().find(|&k| self.tags[k] == Upos::Noun)
            && person_noun(&self.lower[head])
        {
            return SourceKind::Anonymous;
        }
        if role(r.start) == Some(Role::Indefinite)
            && r.clone().any(|k| {
                role(k) == Some(Role::Official)
                    || lexicon(Lang::Spanish).is_role_title(&self.lower[k])
            })
        {
            return SourceKind::Anonymous;
        }
        if r.clone().any(|k| role(k) == Some(Role::Crowd)) {
            return SourceKind::Crowd;
        }
        SourceKind::Reference
    }
}

static ES_STEMMER: LazyLock<frostem::Stemmer> =
    LazyLock::new(|| frostem::Stemmer::new(frostem::Algorithm::Spanish));

/// Spanish stem → English equivalents (`to_english.txt`).
static TO_ENGLISH: LazyLock<HashMap<String, Vec<String>>> = LazyLock::new(|| {
    let mut out: HashMap<String, Vec<String>> = HashMap::new();
    for (es, en) in &lexicon(Lang::Spanish).to_english {
        out.entry(ES_STEMMER.stem(es).into_owned())
            .or_default()
            .extend(en.iter().cloned());
    }
    out
});

/// Whether a Spanish noun names a person: a role title, or a word whose
/// English equivalent (`to_english.txt`) is one of the person nouns
/// learned from an English treebank ("testigo" → "witness", "vecino" →
/// "residents"). The English list is learned from data; the bilingual
/// list carries it over rather than a Spanish list written by hand.
fn person_noun(word: &str) -> bool {
    let es = lexicon(Lang::Spanish);
    if es.is_role_title(word) {
        return true;
    }
    let en = lexicon(Lang::English);
    TO_ENGLISH
        .get(ES_STEMMER.stem(word).as_ref())
        .is_some_and(|words| {
            words.iter().any(|w| {
                en.is_person_noun(w) || w.strip_suffix('s').is_some_and(|s| en.is_person_noun(s))
            })
        })
}

/// How many words a phrase of `according.txt` at `k` takes ("según",
/// "de acuerdo al", "a juicio de", "para"), and how it credits, if one
/// starts there.
fn according(lower: &[String], k: usize) -> Option<(usize, Credit)> {
    LISTS
        .according
        .iter()
        .find(|(words, _)| {
            words
                .iter()
                .enumerate()
                .all(|(i, w)| lower.get(k + i) == Some(w))
        })
        .map(|(words, credit)| (words.len(), *credit))
        .filter(|&(_, credit)| credit == Credit::Source || clause_start(lower, k))
}

/// Whether word `k` opens a sentence or a clause set off by punctuation.
fn clause_start(lower: &[String], k: usize) -> bool {
    k == 0
        || lower
            .get(k - 1)
            .is_some_and(|w| !w.chars().any(char::is_alphanumeric))
}

/// Words "para X," may run to before its comma: a person with a role and
/// the body it stands for ("para el candidato a gobernador de …").
const OPINION_WORDS: usize = 10;

/// Whether word `k` stands where a speaker tag's verb stands: after a
/// closing quotation mark and a comma, or after a dialogue dash that
/// does not open the sentence.
fn speaker_tag_slot(lower: &[String], k: usize) -> bool {
    let at = |i: usize, bit: u32| lower.get(i).is_some_and(|w| is(w, bit));
    (k >= 2 && lower[k - 1] == "," && at(k - 2, class::CLOSING_MARK))
        || (k >= 2 && at(k - 1, class::DIALOGUE_DASH))
}

/// The attributions of sentence `si` (byte range `span` of `text`), read
/// in Spanish; empty when it has no reporting word.
pub fn read_sentence(text: &str, span: Range<usize>, si: usize) -> Vec<Attribution> {
    let tokens = tokenize(text, span);
    let lower: Vec<String> = tokens
        .iter()
        .map(|t| text[t.span.clone()].to_lowercase())
        .collect();
    let mut verbs: Vec<Option<(String, &'static str)>> =
        lower.iter().map(|w| reporting_lemma(w)).collect();
    let tag_slots: Vec<usize> = (0..lower.len())
        .filter(|&k| speaker_tag_slot(&lower, k))
        .collect();
    // A colon before a quotation ("Ana Ruiz: «…»", "el veredicto del
    // jurado fue claro: «…»"), read when no verb speaks.
    let colon_quote = (0..lower.len()).any(|k| {
        lower[k] == ":"
            && lower
                .get(k + 1)
                .is_some_and(|w| is(w, class::OPENING_MARK | class::DIALOGUE_DASH))
    });
    let noun_of_saying = (0..lower.len()).any(|k| {
        is(&lower[k], class::REPORT_NOUN)
            && lower.get(k + 1).is_some_and(|w| is(w, class::COMPLEMENT))
    });
    if verbs.iter().all(Option::is_none)
        && tag_slots.is_empty()
        && !colon_quote
        && !noun_of_saying
        && !(0..lower.len()).any(|k| according(&lower, k).is_some())
    {
        return Vec::new();
    }
    let words_text: Vec<&str> = tokens.iter().map(|t| &text[t.span.clone()]).collect();
    let tags = tagger::spanish().tag(&words_text);
    // The verb of a speaker tag after a quotation is a verb of saying
    // whatever its lemma ("«…», remarcó el médico", "—… —bromeó Ana"). The
    // tagger, trained on few quotations, may read a rare verb there as a
    // noun; a lower-case content word in that slot followed by a pause or
    // by its subject ("«…», bromea, y …", "«…», ironiza Ana") is the verb.
    let mut slot = vec![false; lower.len()];
    for k in tag_slots {
        slot[k] = true;
        let lower_case = words_text[k].chars().next().is_some_and(char::is_lowercase);
        let then = |t: Upos| matches!(t, Upos::Punct | Upos::Det | Upos::Propn);
        let verb_like = tags[k] == Upos::Verb
            || (lower_case
                && matches!(tags[k], Upos::Noun | Upos::Adj)
                && tags.get(k + 1).is_none_or(|&t| then(t)));
        if verbs[k].is_none() && verb_like {
            verbs[k] = Some((lower[k].clone(), "speech"));
        }
    }
    let w = Words {
        spans: tokens.iter().map(|t| t.span.clone()).collect(),
        lower,
        tags,
    };
    let mut out = Vec::new();
    let mut k = 0;
    while k < w.len() {
        if let Some((n, credit)) = according(&w.lower, k) {
            let cue = w.spans[k].start..w.spans[k + n - 1].end;
            let holder = match credit {
                Credit::Source => w.phrase_from(k + n),
                Credit::Opinion => w.opinion_holder(k + n),
            };
            let mut next = k + n;
            if let Some(r) = holder {
                // The source's own words are read as part of it: "de
                // acuerdo al relato de los vecinos" is one attribution.
                next = r.end;
                let kind = w.kind(&r);
                let span = w.byte_span(&r);
                out.push(attribution(
                    span.clone(),
                    kind,
                    Construction::AccordingTo,
                    cue.clone(),
                    cue.start..span.end,
                    si,
                ));
            }
            k = next;
            continue;
        }
        if let Some(a) = w.reporting_noun(k, si).or_else(|| w.colon_turn(k, si)) {
            out.push(a);
            k += 1;
            continue;
        }
        let Some((_, class)) = &verbs[k] else {
            k += 1;
            continue;
        };
        // A form the tagger reads as a noun ("la cuenta", "una muestra")
        // is not the verb, unless it stands where a speaker tag's verb
        // stands ("«…», añade, …") or is a listed irregular form.
        // An irregular form of the list ("dijo", "sostuvo") is a verb
        // unless a determiner makes it a noun ("un dicho").
        let listed =
            irregular().contains_key(w.lower[k].as_str()) && !(k > 0 && w.tags[k - 1] == Upos::Det);
        if matches!(w.tags[k], Upos::Noun | Upos::Adj | Upos::Propn)
            && !w.lower[k].ends_with('ó')
            && !slot[k]
            && !listed
        {
            k += 1;
            continue;
        }
        let cue = w.spans[k].clone();
        // "se dice que", "se cree": no one stands behind it. Impersonal
        // "se" reports a statement when a clause follows ("se dice que",
        // "se estima que"); an opinion verb also takes a noun phrase ("se
        // considera el fundamento de …"). Otherwise "se" is the verb's own
        // pronoun or a passive of an event ("se negó a declarar", "se
        // manifestaron contra", "se destacó su entrevista"): no claim.
        let clause_follows = w.lower.get(k + 1).is_some_and(|x| is(x, class::RELATIVE));
        let impersonal = clause_follows
            || (*class == "opinion"
                && w.lower
                    .get(k + 1)
                    .is_some_and(|x| !is(x, class::OBJECT_PREPOSITION)));
        let se = k > 0 && is(&w.lower[k - 1], class::IMPERSONAL);
        // An impersonal request ("se pidió a los vecinos …") credits no
        // words to anyone and claims nothing.
        if se && *class == "request" {
            k += 1;
            continue;
        }
        if se && *class != "label" && !impersonal {
            k += 1;
            continue;
        }
        if se && *class != "label" {
            let phrase = w.spans[k - 1].start..cue.end;
            out.push(attribution(
                phrase.clone(),
                SourceKind::Nobody,
                Construction::Agentless,
                cue,
                phrase,
                si,
            ));
            k += 1;
            continue;
        }
        // The subject before the verb, over clitics, auxiliaries and adverbs.
        let mut j = k;
        while j > 0
            && (is(&w.lower[j - 1], class::CLITIC)
                || matches!(w.tags[j - 1], Upos::Aux | Upos::Adv))
        {
            j -= 1;
        }
        let mut before = w.phrase_before(j);
        // "un alto funcionario que pidió el anonimato aseguró", "un alto
        // cargo del ministerio, que pidió no ser identificado, reconoció":
        // a relative clause that hides the speaker stands between the
        // subject and its verb; the subject is the phrase before "que"
        // (and its comma).
        let window = j.saturating_sub(RELATIVE_WORDS + 2)..j;
        if let Some(q) = window
            .clone()
            .rev()
            .find(|&i| is(&w.lower[i], class::RELATIVE))
            && (q..j).any(|i| w.role(i) == Some(Role::Anonymity))
        {
            let end = if q > 0 && w.lower[q - 1] == "," {
                q - 1
            } else {
                q
            };
            if let Some(r) = w.phrase_before(end) {
                before = Some(r);
            }
        }
        // The subject after it, when the verb opens a clause.
        let opens = j == 0 || w.tags[j - 1] == Upos::Punct;
        let after = if opens { w.phrase_from(k + 1) } else { None };
        let (r, construction) = match (before, after) {
            (_, Some(r)) => (Some(r), Construction::AfterQuote),
            (Some(r), None) => (Some(r), Construction::Verb),
            (None, None) => (None, Construction::Verb),
        };
        if let Some(r) = r {
            let kind = w.kind(&r);
            let span = w.byte_span(&r);
            let phrase = span.start.min(cue.start)..span.end.max(cue.end);
            out.push(attribution(span, kind, construction, cue, phrase, si));
        } else if matches!(*class, "speech" | "request")
            && (slot[k] || !matches!(w.tags[k], Upos::Noun))
            && !(j > 0 && is(&w.lower[j - 1], class::RELATIVE))
        {
            // A subject dropped, as Spanish does: the verb speaks for the
            // person named before ("Aseguró que …", "«…», añade"). After a
            // relative "que" the subject is the noun before it, which the
            // main verb reads ("un alto cargo que pidió el anonimato").
            out.push(attribution(
                cue.clone(),
                SourceKind::Reference,
                Construction::Verb,
                cue.clone(),
                cue,
                si,
            ));
        }
        k += 1;
    }
    // Crowds and impersonal phrases inside a statement credited to a
    // source are that source's words.
    let mut credited: Option<usize> = None;
    for a in &mut out {
        if a.source.kind.is_source() {
            credited = Some(credited.map_or(a.cue.start, |c| c.min(a.cue.start)));
        } else if credited.is_some_and(|c| c < a.phrase.start) {
            a.within_attributed = true;
        }
    }
    out
}

/// Words a quotation may have and still be a name set in apposition ("la
/// revista «…»"): titles of works and bodies run this long; a quoted
/// statement after a noun is rarer than one after a verb or a colon.
const APPOSITION_WORDS: usize = 10;

/// The kind of a Spanish quotation, from the one the reading of quotation
/// marks gave (`kind`): a statement or phrase that is a name is a
/// [`QuoteKind::Name`]. People say clauses; a quotation with no verb or
/// auxiliary in it is a title, a term or a scare quote ("la revista
/// «Enigmas del hombre»", "su obra «Buenas y malas palabras»", "hizo
/// "bastante alterada""); so is a short quotation set right after a noun
/// or a participle that names it ("la canción «…»", "titulado «…»").
/// `sentence` is the byte range of the quotation's sentence, `quote` its
/// range with the marks and `inner` without.
pub fn quote_kind(
    text: &str,
    sentence: Range<usize>,
    quote: Range<usize>,
    inner: Range<usize>,
    kind: QuoteKind,
) -> QuoteKind {
    if !matches!(kind, QuoteKind::Statement | QuoteKind::Phrase)
        || inner.end > sentence.end
        || quote.start < sentence.start
    {
        return kind;
    }
    let tokens = tokenize(text, sentence);
    let words: Vec<&str> = tokens.iter().map(|t| &text[t.span.clone()]).collect();
    let tags = tagger::spanish().tag(&words);
    let inside: Vec<usize> = (0..tokens.len())
        .filter(|&i| inner.start <= tokens[i].span.start && tokens[i].span.end <= inner.end)
        .collect();
    let verbless = !inside
        .iter()
        .any(|&i| matches!(tags[i], Upos::Verb | Upos::Aux));
    let before = (0..tokens.len())
        .rev()
        .find(|&i| tokens[i].span.end <= quote.start);
    let named = before.is_some_and(|i| {
        let w = words[i].to_lowercase();
        let participle = tags[i] == Upos::Verb
            && LISTS
                .participle_endings
                .iter()
                .any(|e| w.ends_with(e.as_str()));
        matches!(tags[i], Upos::Noun | Upos::Propn) || participle
    }) && inside.len() <= APPOSITION_WORDS;
    if verbless || named {
        QuoteKind::Name
    } else {
        kind
    }
}

fn attribution(
    span: Range<usize>,
    kind: SourceKind,
    construction: Construction,
    cue: Range<usize>,
    phrase: Range<usize>,
    sentence: usize,
) -> Attribution {
    Attribution {
        source: Source {
            span,
            kind,
            refers_to: None,
            refers_to_kind: None,
        },
        construction,
        cue,
        phrase,
        medium: None,
        sentence,
        corroborated: false,
        within_attributed: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Vec<(SourceKind, String, String)> {
        read_sentence(text, 0..text.len(), 0)
            .into_iter()
            .map(|a| {
                (
                    a.source.kind,
                    text[a.source.span].to_string(),
                    text[a.cue].to_string(),
                )
            })
            .collect()
    }

    #[test]
    fn verb_forms_are_read_from_the_lemmas() {
        assert_eq!(
            reporting_lemma("afirmó").map(|l| l.0),
            Some("afirmar".into())
        );
        assert_eq!(reporting_lemma("dijo").map(|l| l.0), Some("decir".into()));
        assert_eq!(
            reporting_lemma("aseguraron").map(|l| l.0),
            Some("asegurar".into())
        );
        assert_eq!(
            reporting_lemma("explicó").map(|l| l.0),
            Some("explicar".into())
        );
        assert!(reporting_lemma("casa").is_none());
        assert_eq!(
            reporting_lemma("diciéndole").map(|l| l.0),
            Some("decir".into())
        );
        assert_eq!(
            reporting_lemma("explicándoles").map(|l| l.0),
            Some("explicar".into())
        );
        assert!(reporting_lemma("cálculo").is_none());
    }

    #[test]
    fn speakers_before_and_after_the_verb() {
        let r = read("La alcaldesa Marta Quiroga afirmó que el puente abrirá en marzo.");
        assert_eq!(r[0].0, SourceKind::Named, "{r:?}");
        assert!(r[0].1.contains("Quiroga"), "{r:?}");
        let r = read("«No vamos a cerrar el puerto», dijo Almeida.");
        assert_eq!(r[0].0, SourceKind::Named, "{r:?}");
        assert_eq!(r[0].1, "Almeida");
    }

    #[test]
    fn anonymous_crowds_and_impersonal() {
        let r = read("Según fuentes del ministerio, la obra costará el doble.");
        assert_eq!(r[0].0, SourceKind::Anonymous, "{r:?}");
        let r = read("Un alto funcionario que pidió el anonimato aseguró que habrá recortes.");
        assert_eq!(r[0].0, SourceKind::Anonymous, "{r:?}");
        let r = read("Se dice que el alcalde dimitirá pronto.");
        assert_eq!(r[0].0, SourceKind::Nobody, "{r:?}");
        let r = read("Según expertos, el río bajará en otoño.");
        assert_eq!(r[0].0, SourceKind::Crowd, "{r:?}");
        let r = read("Muchos consideran que la reforma llega tarde.");
        assert_eq!(r[0].0, SourceKind::Crowd, "{r:?}");
    }

    #[test]
    fn tags_opinions_nouns_of_saying_and_nearness() {
        let r = read("«No pienso vender», añade, antes de volver al barco.");
        assert_eq!(r[0].0, SourceKind::Reference, "{r:?}");
        let r = read("Para la alcaldesa, el cierre no fue inevitable.");
        assert_eq!(r[0].1, "la alcaldesa", "{r:?}");
        assert!(read("Para 2011, la población había bajado.").is_empty());
        let r = read("De acuerdo al relato de los vecinos, el agua subió de noche.");
        assert_eq!(r.len(), 1, "{r:?}");
        let r = read("El veredicto del jurado fue claro: «Gana Valmera».");
        assert_eq!(r[0].1, "jurado", "{r:?}");
        let r = read("Una persona cercana al alcalde aseguró que dimitirá.");
        assert_eq!(r[0].0, SourceKind::Anonymous, "{r:?}");
        let r = read("Según un testigo, el coche no frenó.");
        assert_eq!(r[0].0, SourceKind::Anonymous, "{r:?}");
    }

    #[test]
    fn odd_text_does_not_panic() {
        for t in [
            "",
            "según",
            "de acuerdo con",
            "se dice",
            "dijo",
            "—",
            "«»",
            "para",
            "para ,",
            ": «",
            "Ana:",
            "cercana al",
            "veredicto del",
        ] {
            let _ = read(t);
        }
    }
}
