//! The learned decision of `anonymous-source`: whether an unnamed source the
//! structural reading proposes is someone reporting something, by logistic
//! regression over features of the language layer.
//!
//! The parser proposes a candidate for every noun phrase of an unnamed
//! person before or after a reporting cue. How often such a candidate is a
//! source people mark depends on evidence no single hand rule weighs well:
//! a core speech verb ("said", "told") is right almost always, a cue seen
//! once or twice about half the time; a head the lexicon knows as anonymous
//! ("official", "aide") more often than any person noun; an indefinite
//! determiner more often than none. The model weighs the cue (its learned
//! cue share from `data/attribution/cue_lemmas_en.txt`, its class of
//! frequency, whether the lexicon lists it as a reporting verb, how the
//! tagger reads it), the construction, where the source stands, the source
//! head's lexicon role, its determiner, its modifiers' parts of speech,
//! number, affiliation and anonymity marks, a name set beside it, and the
//! structural checks of what the cue reports (a cue read as a noun, a cue
//! inside a phrase of place, a cue with nothing after it). The shape of
//! the phrase that tells whether a reader can identify the person is a
//! group of its own ("anonymity": a proper-noun modifier, an affiliation
//! and whether a name follows it, a name just before or after the phrase,
//! a capitalised head inside the sentence, a quantifier or partitive
//! opening); cross validation weighs it like every other group and today
//! leaves it out (the file's header says which groups are left out). Only
//! classes of the lexicon and tags are features, no word of any article.
//!
//! The weights and the threshold (`data/attribution/anonymous_model.txt`)
//! are written by `cargo run --release --example train_anonymous_model` on
//! PolNeAR train; a test measures the shipped file on a fold of train the
//! model was not fitted on. Scoring is one dot product per candidate.

use std::ops::Range;
use std::sync::LazyLock;

use super::lexicon::{Class, LISTS, lookup};
use super::quote_model::{cue_lemmas, read_weights};
use super::{Attribution, Construction, SourceKind};
use crate::analysis::DocAnalysis;
use crate::analysis::language::{Lang, SentenceLang, Upos, lexicon};

/// Names of the features, in the order of the weight vector.
pub const NAMES: &[&str] = &[
    "bias",
    "cue_score",
    "cue_known",
    "cue_common",
    "cue_core",
    "cue_reporting_verb",
    "cue_verb_tag",
    "cue_words",
    "c_verb",
    "c_after_quote",
    "c_according_to",
    "c_reporting_noun",
    "c_passive",
    "c_other",
    "source_after_cue",
    "head_anonymous",
    "head_role",
    "head_profession",
    "head_body",
    "head_crowd",
    "head_person_noun",
    "head_propn_tag",
    "head_noun_tag",
    "head_plural",
    "det_indefinite",
    "det_definite",
    "det_possessive",
    "det_number",
    "det_none",
    "mod_adj",
    "mod_propn",
    "mod_noun",
    "affiliated",
    "marked",
    "name_follows",
    "log_words",
    "starts_sentence",
    "quote_in_sentence",
    "cue_as_noun",
    "cue_in_medium",
    "no_nominal",
    "reports_nothing",
    "det_quantifier",
    "affiliated_name",
    "name_before",
    "head_capitalised",
];

/// Number of features.
pub const N: usize = 46;

/// One candidate's features.
pub type Vector = [f64; N];

/// A cue share at least this high is a core speech verb ("say", "tell").
const CORE: f64 = 0.6;
/// A cue share at least this high is a common cue.
const COMMON: f64 = 0.3;

/// The weights and the threshold.
#[derive(Clone, Debug)]
pub struct Model {
    pub weights: Vector,
    /// A candidate whose probability is at least this is flagged.
    pub threshold: f64,
    /// Whether the file named every feature (an incomplete file leaves the
    /// decision to the structural checks alone).
    pub trained: bool,
}

impl Model {
    /// Reads `name<TAB>weight` lines and a `threshold<TAB>value` line.
    pub fn from_text(data: &str) -> Model {
        let (weights, other) = read_weights::<N>(data, NAMES);
        Model {
            trained: weights.is_some(),
            weights: weights.unwrap_or([0.0; N]),
            threshold: other.get("threshold").copied().unwrap_or(0.5),
        }
    }

    pub fn to_text(&self, header: &str) -> String {
        let mut s = String::new();
        for l in header.lines() {
            s.push_str(&format!("# {l}\n"));
        }
        for (n, w) in NAMES.iter().zip(self.weights) {
            s.push_str(&format!("{n}\t{w:.6}\n"));
        }
        s.push_str(&format!("threshold\t{:.6}\n", self.threshold));
        s
    }

    /// The probability that a candidate with features `x` is a source
    /// people mark.
    pub fn probability(&self, x: &Vector) -> f64 {
        let z: f64 = self.weights.iter().zip(x).map(|(w, v)| w * v).sum();
        1.0 / (1.0 + (-z).exp())
    }
}

/// The shipped model.
pub fn model() -> &'static Model {
    static M: LazyLock<Model> = LazyLock::new(|| {
        Model::from_text(include_str!(
            "../../../data/attribution/anonymous_model.txt"
        ))
    });
    &M
}

/// One candidate: the sentence, the index of its attribution there, and
/// its features.
#[derive(Clone, Debug)]
pub struct Candidate {
    pub sentence: usize,
    pub attribution: usize,
    pub features: Vector,
    /// The structural checks' decision alone (what the rule decided before
    /// the model).
    pub structural: bool,
    /// Whether the tagger reads the cue as a verb of speech at all (not a
    /// noun after a determiner, not inside a phrase of place, after a
    /// source with a noun or a role): when it does not, no one speaks and
    /// the model is not asked.
    pub speech: bool,
}

/// Every unnamed source the structural reading proposes outside
/// boilerplate, with each reporting construction it is the source of.
pub fn candidates(doc: &DocAnalysis) -> Vec<Candidate> {
    candidates_in(doc, 0..doc.attribution.sentences.len())
}

/// The [`candidates`] of sentences `sentences` only.
pub fn candidates_in(doc: &DocAnalysis, sentences: std::ops::Range<usize>) -> Vec<Candidate> {
    let mut out = Vec::new();
    let first = sentences.start;
    let within = doc.attribution.sentences.get(sentences).unwrap_or(&[]);
    for (i, sentence) in within.iter().enumerate().map(|(k, s)| (first + k, s)) {
        for (j, a) in sentence.attributions.iter().enumerate() {
            if a.source.kind != SourceKind::Anonymous || doc.in_boilerplate(a.source.span.clone()) {
                continue;
            }
            let (features, checks) = features(doc, i, a);
            out.push(Candidate {
                sentence: i,
                attribution: j,
                features,
                structural: !checks.rejects(),
                speech: !(checks.as_noun || checks.in_medium || checks.no_nominal),
            });
        }
    }
    out
}

/// Whether the rule reports candidate `c`: the model decides English text
/// when it is trained, among the candidates the structural checks accept;
/// otherwise the structural checks alone do. The model is trained on every
/// candidate whose cue is a verb of speech, but one that reports nothing a
/// reader could check ("a spokesman did not respond to a request for
/// comment", "delegates to file minority reports") leaves nothing to
/// verify, whatever the model makes of its source.
pub fn accept(doc: &DocAnalysis, c: &Candidate) -> bool {
    let m = model();
    if !m.trained || doc.language.lang != Lang::English {
        return c.structural;
    }
    c.structural && m.probability(&c.features) >= m.threshold
}

/// What the structural checks read of a candidate's cue.
#[derive(Clone, Copy, Debug, Default)]
pub struct CueChecks {
    /// A reporting word the tagger reads as a noun after a determiner.
    as_noun: bool,
    /// The cue lies inside the phrase that says where something was said.
    in_medium: bool,
    /// The tagger reads no noun in the source and its last word is no role.
    no_nominal: bool,
    /// Nothing follows the cue and no clause stands before the source.
    reports_nothing: bool,
}

impl CueChecks {
    fn rejects(self) -> bool {
        self.as_noun || self.in_medium || self.no_nominal || self.reports_nothing
    }
}

/// Tokens before a source set off by punctuation that make a clause it
/// reports ("The pier reopens, an aide said"): fewer are a fronted phrase
/// ("On Monday, an aide said").
const CLAUSE_WORDS: usize = 4;

/// Tokens before a source searched for a name it is set beside ("Lena
/// Marsh, 60, a doctor"): a name, an age and their commas.
const BESIDE_NAME_REACH: usize = 4;

/// The structural checks of whether a verb construction reports
/// something. The structural reading finds a reporting word after a noun
/// phrase; the tagger, which reads the whole sentence, settles what it
/// cannot:
///
/// - the cue is a noun: a reporting word the tagger reads as a noun right
///   after a determiner, a numeral or an adjective ("delegates at stake in
///   11 states", "a liberal think tank") is not a verb;
/// - the cue lies inside the phrase that says where ("a host on the TV
///   show");
/// - the source holds no noun and its last word is no role ("a liberal
///   think tank"): the phrase modifies the noun after it;
/// - nothing is reported: the cue is followed by no clause, quotation,
///   colon or object, only a preposition or the end of the sentence, and
///   no clause stands before a source that follows punctuation ("a
///   spokesman did not respond to a request for comment").
///
/// Only the verb constructions are read so: "according to", reporting
/// nouns and passives carry what they report in their own shape.
fn cue_checks(text: &str, s: &SentenceLang, a: &Attribution, cue: &[usize]) -> CueChecks {
    let mut out = CueChecks::default();
    if !matches!(
        a.construction,
        Construction::Verb | Construction::AfterQuote | Construction::AsXStated
    ) {
        return out;
    }
    let n = s.tokens.len();
    let verbal = |k: usize| matches!(s.tags[k], Upos::Verb | Upos::Aux);
    let (Some(&first), Some(&last)) = (cue.first(), cue.last()) else {
        return out;
    };
    out.as_noun = !cue.iter().any(|&k| verbal(k))
        && first > 0
        && matches!(s.tags[first - 1], Upos::Det | Upos::Num | Upos::Adj);
    out.in_medium = a
        .medium
        .as_ref()
        .is_some_and(|m| m.start <= a.cue.start && a.cue.end <= m.end);
    let source = tokens_in(s, &a.source.span);
    let nominal = |k: usize| matches!(s.tags[k], Upos::Noun | Upos::Propn | Upos::Pron | Upos::Num);
    out.no_nominal = source.last().is_some_and(|&head| {
        !source.iter().any(|&k| nominal(k))
            && !lookup(&s.word(text, head).to_lowercase()).is_some_and(|e| {
                e.class
                    .intersects(Class::ROLE | Class::ANONYMOUS | Class::PROFESSION)
            })
    });
    if a.construction != Construction::Verb || a.source.span.start > a.cue.start {
        return out;
    }
    let marks = |k: usize| {
        matches!(
            s.word(text, k),
            "\"" | "“" | "”" | "‘" | "’" | "'" | ":" | "«" | "»"
        )
    };
    // What follows the cue: past adverbs and particles, a preposition or
    // the end, and no clause anywhere after it.
    let mut next = last + 1;
    while next < n && matches!(s.tags[next], Upos::Adv | Upos::Part) {
        next += 1;
    }
    let bare = next >= n || matches!(s.tags[next], Upos::Adp | Upos::Punct);
    let clause_after = (last + 1..n)
        .any(|k| verbal(k) || marks(k) || matches!(s.tags[k], Upos::Sconj | Upos::Pron));
    if !bare || clause_after {
        return out;
    }
    // "The pier will reopen, a spokesman said": a clause before the source.
    // So does a clause before the word that opens a comparison's clause
    // ("more cargo than port officials expected"): the cue's object is the
    // clause it is compared with.
    let lo = a.source.span.start;
    let before = (0..n).filter(|&k| s.tokens[k].span.end <= lo).count();
    let clause_before = before >= CLAUSE_WORDS
        && (s.tags[before - 1] == Upos::Punct
            || LISTS
                .comparison_clause
                .contains(s.word(text, before - 1).to_lowercase().as_str()));
    out.reports_nothing = !clause_before;
    out
}

/// Indexes of the tokens of `s` inside `span`.
fn tokens_in(s: &SentenceLang, span: &Range<usize>) -> Vec<usize> {
    (0..s.tokens.len())
        .filter(|&k| span.start <= s.tokens[k].span.start && s.tokens[k].span.end <= span.end)
        .collect()
}

/// The features of attribution `a` of sentence `i`, and what the
/// structural checks read of its cue.
pub fn features(doc: &DocAnalysis, i: usize, a: &Attribution) -> (Vector, CueChecks) {
    let mut x = [0.0; N];
    x[0] = 1.0;
    let Some(s) = doc.sentence_language(i) else {
        return (x, CueChecks::default());
    };
    let text = &*doc.text;
    let mut set = |name: &str, v: f64| {
        if let Some(k) = NAMES.iter().position(|n| *n == name) {
            x[k] = v;
        }
    };
    let on = |b: bool| f64::from(u8::from(b));
    let lex = lexicon(doc.language.lang);
    let class =
        |k: usize| lookup(&s.word(text, k).to_lowercase()).map_or(Class::empty(), |e| e.class);

    // The cue.
    let cue = tokens_in(s, &a.cue);
    let cue_verb = cue
        .iter()
        .copied()
        .find(|&k| matches!(s.tags[k], Upos::Verb | Upos::Aux))
        .or_else(|| cue.first().copied());
    let score = cue_verb.map_or(0.0, |k| cue_lemmas().score(&s.lemmas[k]));
    set("cue_score", score);
    // The class of the cue's share, cumulative: seen as a cue at all,
    // common, core.
    set("cue_known", on(score > 0.0));
    set("cue_common", on(score >= COMMON));
    set("cue_core", on(score >= CORE));
    set(
        "cue_reporting_verb",
        on(cue
            .iter()
            .any(|&k| lex.reporting_verb(&s.lemmas[k]).is_some())),
    );
    set(
        "cue_verb_tag",
        on(cue
            .iter()
            .any(|&k| matches!(s.tags[k], Upos::Verb | Upos::Aux))),
    );
    set("cue_words", (cue.len() as f64).min(4.0) / 4.0);

    // The construction and where the source stands.
    let c = match a.construction {
        Construction::Verb => "c_verb",
        Construction::AfterQuote => "c_after_quote",
        Construction::AccordingTo => "c_according_to",
        Construction::ReportingNoun => "c_reporting_noun",
        Construction::Passive => "c_passive",
        _ => "c_other",
    };
    set(c, 1.0);
    set("source_after_cue", on(a.source.span.start >= a.cue.end));

    // The source phrase: its head is its last noun before any
    // preposition, punctuation or relative.
    let src = tokens_in(s, &a.source.span);
    let mut head = None;
    let mut pre_end = src.len();
    for (n, &k) in src.iter().enumerate() {
        let cl = class(k);
        if matches!(s.tags[k], Upos::Noun | Upos::Propn)
            || cl.intersects(Class::ANONYMOUS | Class::ROLE | Class::PROFESSION)
        {
            head = Some(k);
        } else if head.is_some()
            && (matches!(
                s.tags[k],
                Upos::Adp | Upos::Punct | Upos::Pron | Upos::Verb | Upos::Aux | Upos::Sconj
            ) || cl.contains(Class::AFFILIATION))
        {
            pre_end = n;
            break;
        }
    }
    let head = head.or_else(|| src.last().copied());
    if let Some(h) = head {
        let cl = class(h);
        set("head_anonymous", on(cl.contains(Class::ANONYMOUS)));
        set("head_role", on(cl.contains(Class::ROLE)));
        set("head_profession", on(cl.contains(Class::PROFESSION)));
        set("head_body", on(cl.contains(Class::BODY)));
        set("head_crowd", on(cl.contains(Class::CROWD)));
        set("head_person_noun", on(lex.is_person_noun(&s.lemmas[h])));
        set("head_propn_tag", on(s.tags[h] == Upos::Propn));
        set("head_noun_tag", on(s.tags[h] == Upos::Noun));
        let word = s.word(text, h).to_lowercase();
        set(
            "head_plural",
            on(cl.contains(Class::PLURAL) || (word.ends_with('s') && s.lemmas[h] != word)),
        );
        // Determiner: the first word of the phrase.
        let first = src[0];
        let fw = s.word(text, first).to_lowercase();
        let fc = class(first);
        let possessive = LISTS.possessive_pronoun.contains(fw.as_str())
            || src[..pre_end]
                .iter()
                .any(|&k| matches!(s.word(text, k), "'s" | "’s" | "'" | "’"));
        let indefinite = LISTS.indefinite.contains(fw.as_str());
        let definite = !possessive && fc.intersects(Class::DEFINITE | Class::DEMONSTRATIVE);
        let number = s.tags[first] == Upos::Num || lex.is_number_word(&fw);
        set("det_possessive", on(possessive));
        set("det_indefinite", on(indefinite && !possessive));
        set("det_definite", on(definite && !indefinite));
        set("det_number", on(number && !indefinite));
        set(
            "det_none",
            on(!possessive && !indefinite && !definite && !number && !fc.contains(Class::DET)),
        );
        let mods: Vec<usize> = src[..pre_end].iter().copied().filter(|&k| k < h).collect();
        set("mod_adj", on(mods.iter().any(|&k| s.tags[k] == Upos::Adj)));
        set(
            "mod_propn",
            on(mods.iter().any(|&k| s.tags[k] == Upos::Propn)),
        );
        set(
            "mod_noun",
            on(mods.iter().any(|&k| s.tags[k] == Upos::Noun)),
        );
        set(
            "affiliated",
            on(src[pre_end..]
                .iter()
                .any(|&k| class(k).contains(Class::AFFILIATION))),
        );
        // Quantified: a quantifier before the head ("some officials",
        // "several aides") or a partitive opening ("one of the aides").
        set(
            "det_quantifier",
            on(src[..pre_end]
                .iter()
                .any(|&k| k < h && class(k).contains(Class::QUANTIFIER))
                || LISTS.partitive_opener.contains(fw.as_str())),
        );
        // Affiliated to a name: an affiliation word followed, within the
        // phrase, by a proper noun ("a spokesman for Harbour Lines").
        set(
            "affiliated_name",
            on(src[pre_end..]
                .iter()
                .position(|&k| class(k).contains(Class::AFFILIATION))
                .is_some_and(|p| src[pre_end + p..].iter().any(|&k| s.tags[k] == Upos::Propn))),
        );
        // A capitalised head inside the sentence: a title or a name more
        // often than an unnamed person.
        let head_first = h == 0 || s.tags[..h].iter().all(|t| *t == Upos::Punct);
        set(
            "head_capitalised",
            on(!head_first && s.word(text, h).starts_with(char::is_uppercase)),
        );
    }
    // Marked as unnamed, in the phrase or right after it.
    let after_src = src.last().map_or(0, |&k| k + 1);
    let marked = src
        .iter()
        .copied()
        .chain(after_src..(after_src + 3).min(s.tokens.len()))
        .any(|k| {
            let w = s.word(text, k).to_lowercase();
            LISTS.anonymity_marker.contains(w.as_str())
                || LISTS.marked_anonymous.contains(w.as_str())
                || LISTS.anonymity_word.contains(w.as_str())
        });
    set("marked", on(marked));
    // A name beside the phrase: ", Name" or "named Name".
    let n = s.tokens.len();
    let name_follows = after_src < n
        && matches!(s.word(text, after_src), "," | "named" | "called")
        && (after_src + 1 < n && s.tags[after_src + 1] == Upos::Propn);
    set("name_follows", on(name_follows));
    // A name just before the phrase, set off by a comma ("Lena Marsh, 60,
    // a doctor").
    let start = src.first().copied().unwrap_or(0);
    let name_before = start > 0
        && s.word(text, start - 1) == ","
        && (start.saturating_sub(1 + BESIDE_NAME_REACH)..start - 1)
            .any(|k| s.tags[k] == Upos::Propn);
    set("name_before", on(name_before));
    set("log_words", ((src.len() as f64) + 1.0).ln());
    set(
        "starts_sentence",
        on(src.first().is_some_and(|&k| k == 0)
            || src
                .first()
                .is_some_and(|&k| k > 0 && s.tags[..k].iter().all(|t| *t == Upos::Punct))),
    );
    set(
        "quote_in_sentence",
        on((0..n).any(|k| matches!(s.word(text, k), "\"" | "“" | "”"))),
    );

    let checks = cue_checks(text, s, a, &cue);
    set("cue_as_noun", on(checks.as_noun));
    set("cue_in_medium", on(checks.in_medium));
    set("no_nominal", on(checks.no_nominal));
    set("reports_nothing", on(checks.reports_nothing));
    (x, checks)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_the_vector_and_the_shipped_file_is_complete() {
        assert_eq!(NAMES.len(), N);
        assert!(model().trained, "data/attribution/anonymous_model.txt");
        let partial = Model::from_text("bias\t1.0\nthreshold\t0.4\n");
        assert!(!partial.trained);
    }
}
