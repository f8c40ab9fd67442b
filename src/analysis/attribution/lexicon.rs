//! The words attribution is decided with, compiled once into one lookup
//! table keyed by the lower-case word.
//!
//! The words are data, read through the shared lexicon
//! (`language::Lexicon`): `data/lexicon/en/attribution.txt` (each word with
//! the roles it can play: determiner, crowd, anonymous head, body, report
//! noun, …), `role_titles.txt`, and the reporting verbs of
//! `reporting_verbs.txt` with their forms in `verb_forms.txt`. The table
//! says what a word *can* be; the parser decides from its place in the
//! sentence whether it is.

use crate::analysis::language::lexicon::{HashMap, HashSet};
use std::sync::LazyLock;

use crate::analysis::language::{Lang, lexicon as shared};

/// What a reporting verb reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VerbClass {
    /// A speech act: "said", "told", "warned", "denied", "announced".
    Speech,
    /// A view held: "believe", "interpret", "fear", "consider".
    Opinion,
    /// What evidence shows: "show", "find", "suggest", "indicate".
    Evidence,
    /// A characterisation: "described … as", "called", "labelled", "dubbed".
    Label,
}

/// The inflection of a verb form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Form {
    Base,
    Third,
    /// Simple past that is also the past participle ("said", "warned").
    PastOrParticiple,
    /// Simple past only ("saw", "wrote").
    Past,
    /// Past participle only ("seen", "written").
    Participle,
    Gerund,
}

impl Form {
    pub fn can_be_participle(self) -> bool {
        matches!(self, Form::PastOrParticiple | Form::Participle)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Verb {
    pub lemma: &'static str,
    pub class: VerbClass,
    pub form: Form,
    /// The form is also a common noun ("report", "claims", "warning"): it is
    /// a verb only where a subject stands before it.
    pub noun_too: bool,
    /// Speech verbs that make anyone before them a speaker ("said", "told",
    /// "wrote"); other verbs need a subject that is known to speak.
    pub core: bool,
}

/// A tiny bit-set type, to avoid a dependency for one flags struct.
macro_rules! bitflags_lite {
    (
        $(#[$meta:meta])*
        pub struct $name:ident: $t:ty {
            $( $(#[$fmeta:meta])* const $flag:ident = $value:expr; )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
        pub struct $name($t);
        #[allow(dead_code)]
        impl $name {
            $( $(#[$fmeta])* pub const $flag: $name = $name($value); )*
            pub const fn empty() -> Self { $name(0) }
            pub const fn union(self, other: Self) -> Self { $name(self.0 | other.0) }
            pub const fn intersects(self, other: Self) -> bool { self.0 & other.0 != 0 }
            pub const fn contains(self, other: Self) -> bool { self.0 & other.0 == other.0 }
        }
        impl std::ops::BitOr for $name {
            type Output = Self;
            fn bitor(self, other: Self) -> Self { self.union(other) }
        }
        impl std::ops::BitOrAssign for $name {
            fn bitor_assign(&mut self, other: Self) { self.0 |= other.0; }
        }
    };
}

bitflags_lite! {
    /// Closed and open word classes the parser asks about.
    pub struct Class: u32 {
        /// "the", "a", "this", "his": opens a noun phrase.
        const DET = 1 << 0;
        /// Definite determiners and possessive pronouns.
        const DEFINITE = 1 << 1;
        /// "he", "she", "they", "it", "we", "i", "you".
        const PRONOUN = 1 << 2;
        /// "many", "some", "several", "most", "others": a crowd on its own.
        const QUANTIFIER = 1 << 3;
        /// "critics", "experts", "observers": a crowd unless affiliated.
        const CROWD = 1 << 4;
        /// "official", "source", "aide": anonymous unless named.
        const ANONYMOUS = 1 << 5;
        /// "minister", "spokesman", "lawyer": a person by role.
        const ROLE = 1 << 6;
        /// "ministry", "company", "police": a body that speaks.
        const BODY = 1 << 7;
        /// "report", "study", "statement": a document that says.
        const DOCUMENT = 1 << 8;
        /// Vague documents as bare plurals: "studies", "research", "reports".
        const VAGUE_DOCUMENT = 1 << 9;
        /// Nouns of a reporting act: "claim", "statement", "announcement".
        const REPORT_NOUN = 1 << 10;
        /// Where something was said: "post", "statement", "interview".
        const MEDIUM = 1 << 11;
        /// Words that end a noun phrase walked backwards: conjunctions,
        /// prepositions, auxiliaries, relatives.
        const STOP = 1 << 12;
        /// "is", "was", "been": forms of "be".
        const BE = 1 << 13;
        /// "has", "had", "will", "would", "did", "does": skipped between a
        /// subject and its verb.
        const AUX = 1 << 14;
        /// "can", "could", "may", "might", "should", "must", "would".
        const MODAL = 1 << 15;
        /// Adverbs skipped between a subject and its verb ("also",
        /// "recently", "publicly"); words in -ly are skipped too.
        const ADVERB = 1 << 16;
        /// "widely", "generally", "largely": credits a view to a crowd.
        const CROWD_ADVERB = 1 << 17;
        /// "reportedly", "purportedly": a claim credited to no one.
        const WEASEL_ADVERB = 1 << 18;
        /// Hedges shown in the hover ("allegedly", "apparently").
        const HEDGE = 1 << 19;
        /// Relative pronouns: "who", "which", "that".
        const RELATIVE = 1 << 20;
        /// Time words that never belong to a speaker's name ("week").
        const TIME = 1 << 21;
        /// A plural noun.
        const PLURAL = 1 << 22;
        /// Words that introduce a name rather than a claim before a quote:
        /// "so-called", "dubbed", "titled".
        const NAMING = 1 << 23;
        /// Prepositions that attach an affiliation: "at", "for", "of",
        /// "from", "with", "in", "including".
        const AFFILIATION = 1 << 24;
        /// Demonstratives that are not speakers on their own ("this", "that").
        const DEMONSTRATIVE = 1 << 25;
        /// Professions reported as a group: "analysts", "economists".
        const PROFESSION = 1 << 26;
    }
}

/// The role names of `attribution.txt` and the class each stands for.
const ROLE_CLASSES: &[(&str, Class)] = &[
    ("det", Class::DET),
    ("definite", Class::DEFINITE),
    ("demonstrative", Class::DEMONSTRATIVE),
    ("pronoun", Class::PRONOUN),
    ("quantifier", Class::QUANTIFIER),
    ("stop", Class::STOP),
    ("be", Class::BE),
    ("aux", Class::AUX),
    ("modal", Class::MODAL),
    ("adverb", Class::ADVERB),
    ("crowd_adverb", Class::CROWD_ADVERB),
    ("weasel_adverb", Class::WEASEL_ADVERB),
    ("hedge", Class::HEDGE),
    ("relative", Class::RELATIVE),
    ("time", Class::TIME),
    ("naming", Class::NAMING),
    ("affiliation", Class::AFFILIATION),
    ("vague_document", Class::VAGUE_DOCUMENT),
    ("report_noun", Class::REPORT_NOUN),
    ("medium", Class::MEDIUM),
    ("plural", Class::PLURAL),
];

/// The roles of nouns whose plurals are generated, and their classes.
const NOUN_CLASSES: &[(&str, Class)] = &[
    ("crowd", Class::CROWD),
    ("profession", Class::PROFESSION),
    ("anonymous", Class::ANONYMOUS),
    ("body", Class::BODY),
    ("document", Class::DOCUMENT),
];

/// The words of `attribution.txt` with role `role`, lower case.
pub fn words(role: &str) -> &'static HashSet<&'static str> {
    static BY_ROLE: LazyLock<HashMap<&'static str, HashSet<&'static str>>> = LazyLock::new(|| {
        let mut out: HashMap<&'static str, HashSet<&'static str>> = HashMap::default();
        for (word, roles) in &shared(Lang::English).attribution {
            for r in roles {
                out.entry(r.as_str()).or_default().insert(word.as_str());
            }
        }
        out
    });
    static EMPTY: LazyLock<HashSet<&'static str>> = LazyLock::new(HashSet::default);
    BY_ROLE.get(role).unwrap_or(&EMPTY)
}

/// Named word sets the parser asks about by a word's text or lemma.
pub struct Lists {
    pub preposition: &'static HashSet<&'static str>,
    /// Verb lemmas whose crowd subject makes a weasel: claims, opinions,
    /// forecasts.
    pub crowd_claim: &'static HashSet<&'static str>,
    /// Transitive reporting verb lemmas.
    pub transitive: &'static HashSet<&'static str>,
    pub particle: &'static HashSet<&'static str>,
    pub anonymity_marker: &'static HashSet<&'static str>,
    pub indefinite: &'static HashSet<&'static str>,
    pub marked_anonymous: &'static HashSet<&'static str>,
    pub crowd_participle: &'static HashSet<&'static str>,
    pub narrow_crowd_adverb: &'static HashSet<&'static str>,
    pub narrow_participle: &'static HashSet<&'static str>,
    /// Pronouns outside the pronoun role that stand for a speaker already named (relatives and object forms): "who said", "told them".
    pub referring: &'static HashSet<&'static str>,
    /// Heads of a partitive ("one of the officials", "both of them"): the phrase takes the kind of its whole.
    pub partitive_head: &'static HashSet<&'static str>,
    /// Words that open a partitive phrase before "of" ("some of the analysts").
    pub partitive_opener: &'static HashSet<&'static str>,
    /// Possessive pronouns: "his aides" are someone's, not a definite reference.
    pub possessive_pronoun: &'static HashSet<&'static str>,
    /// Prepositions that make a name a member of a body ("Ana Ruiz of Norte Capital").
    pub member_preposition: &'static HashSet<&'static str>,
    /// Words after a phrase that mark its person as unnamed ("who spoke on condition of anonymity").
    pub anonymity_word: &'static HashSet<&'static str>,
    /// Conjunctions that may open a main clause before its subject ("But the minister said").
    pub clause_conjunction: &'static HashSet<&'static str>,
    /// Prepositions that introduce where something was said ("in a post", "via a statement").
    pub medium_preposition: &'static HashSet<&'static str>,
    /// Prepositions after a transitive reporting participle that make it an adjective or a passive ("accused in the case").
    pub participle_preposition: &'static HashSet<&'static str>,
    /// Words before a participle that open its clause ("while saying", "after telling").
    pub clause_opener: &'static HashSet<&'static str>,
    /// Prepositions that also open a clause ("more than aides expected"): a phrase after one, right before a verb, is its subject.
    pub clause_preposition: &'static HashSet<&'static str>,
    /// Prepositions that open the clause a comparison is made with ("more cargo than officials expected").
    pub comparison_clause: &'static HashSet<&'static str>,
    /// Prepositions that open an absolute clause ("with officials warning that"): the phrase is the participle's subject.
    pub absolute_opener: &'static HashSet<&'static str>,
    /// Audiences of a reporting verb, part of the cue ("told reporters", "told parliament").
    pub audience: &'static HashSet<&'static str>,
    /// Participles after "quoted as" / "cited as" that report speech ("was quoted as saying").
    pub quoted_as_participle: &'static HashSet<&'static str>,
    /// Verb forms that make a statement the subject's ("issued a statement", "posted a message").
    pub issue_verb: &'static HashSet<&'static str>,
    /// Documents that say nothing without an owner: "a report", "a new study" (whose?).
    pub owned_document: &'static HashSet<&'static str>,
    /// Titles that start a name inside a phrase ("Speaking in Carrow Ms Brandt").
    pub name_title: &'static HashSet<&'static str>,
    /// Forms that credit words as quoted ("was quoted as saying", "cited as").
    pub quoting_verb: &'static HashSet<&'static str>,
    /// Participles that credit a view with "to" after them ("widely attributed to").
    pub attribution_participle: &'static HashSet<&'static str>,
    /// Prepositions after a reporting noun that name its owner ("a statement from the ministry").
    pub owner_preposition: &'static HashSet<&'static str>,
    /// Words after a verb form that is also a noun which make it the noun ("claims of fraud").
    pub noun_follower: &'static HashSet<&'static str>,
    /// Conjunctions before "as" that keep it a clause opener ("but as the minister said").
    pub coordinator: &'static HashSet<&'static str>,
    /// Reporting verb lemmas that report only with "as" after them ("seen as", "described as").
    pub needs_as: &'static HashSet<&'static str>,
    /// Label verb lemmas read as "X described … as …".
    pub described_as: &'static HashSet<&'static str>,
    /// Words in -ly that are not adverbs ("family", "rally").
    pub ly_noun: &'static HashSet<&'static str>,
    /// Forms of "make" in "made it clear that".
    pub make_form: &'static HashSet<&'static str>,
    /// Adjectives of "made it clear that", "made plain".
    pub clear_adjective: &'static HashSet<&'static str>,
    /// Reporting verb lemmas that report with "as", "to" or "that" after them ("considered to be").
    pub needs_as_or_clause: &'static HashSet<&'static str>,
    /// Lemmas whose "as" must follow within a few words ("seen as").
    pub near_as: &'static HashSet<&'static str>,
    /// Reporting verb lemmas that report only as a speech tag ("…,” he continued.").
    pub tag_only: &'static HashSet<&'static str>,
    /// Reporting verb lemmas that "off" after them makes another verb ("called off the talks").
    pub off_cancels: &'static HashSet<&'static str>,
    /// Phrasal reporting verb lemmas that report only with "out" after them ("pointed out").
    pub needs_out: &'static HashSet<&'static str>,
    /// Label verb lemmas that name rather than report after "a"/"an" ("a group called Harbour Watch").
    pub naming_verb: &'static HashSet<&'static str>,
    /// Lemmas whose participle after a noun or comma with "as" after it is a reduced passive ("a plan seen as rushed").
    pub as_participle: &'static HashSet<&'static str>,
    /// Lemmas whose passive with a crowd for agent credits a view to no one ("seen by many as").
    pub crowd_agent_verb: &'static HashSet<&'static str>,
    /// "a", "an": a phrase they open is new to the text ("a group called …").
    pub indefinite_article: &'static HashSet<&'static str>,
    /// Reporting verb lemmas whose agentless passive before "to" or "that", or after "it", credits no one ("it is believed", "is said to").
    pub agentless_clause: &'static HashSet<&'static str>,
    /// Lemmas of agentless_clause that credit no one only after "it" ("it is alleged").
    pub expletive_only: &'static HashSet<&'static str>,
    /// Reporting verb lemmas whose agentless participle before "as" credits no one ("seen as").
    pub agentless_as: &'static HashSet<&'static str>,
    /// Label verb lemmas whose passive before "as" credits no one ("is described as").
    pub agentless_as_passive: &'static HashSet<&'static str>,
    /// Words after "considered" that open what it is considered ("is considered one of", "among", "the").
    pub rank_opener: &'static HashSet<&'static str>,
    /// Relative pronouns that stand for a speaker named before them ("who said", "which reported").
    pub relative_subject: &'static HashSet<&'static str>,
    /// Words that open a parenthetical listing members of a group ("officials, including the mayor,").
    pub group_opener: &'static HashSet<&'static str>,
    /// Third-person subject pronouns that refer back to a speaker ("he", "she", "they").
    pub third_person: &'static HashSet<&'static str>,
    /// Third-person possessives that own a reporting noun ("his claim", "their statement").
    pub third_possessive: &'static HashSet<&'static str>,
    /// Words that join capitalised words into one name ("Secretary of State Ana Lindqvist", "Marks and Spencer").
    pub name_joiner: &'static HashSet<&'static str>,
    /// Conjunctions that join a name and a phrase into one subject ("President Irene Castellan and her cabinet").
    pub phrase_coordinator: &'static HashSet<&'static str>,
    /// Nouns of a multi-word anonymity marker after its preposition ("with knowledge of").
    pub marker_noun: &'static HashSet<&'static str>,
    /// Prepositions that open a multi-word anonymity marker ("with knowledge of").
    pub marker_preposition: &'static HashSet<&'static str>,
    /// The preposition of a partitive ("one of the officials").
    pub partitive_of: &'static HashSet<&'static str>,
    /// Negation before "to be" ("asked not to be named").
    pub negator: &'static HashSet<&'static str>,
    /// The infinitive marker ("declined to say", "is said to", "according to").
    pub infinitive: &'static HashSet<&'static str>,
    /// The base form of "be" ("not to be named", "considered to be").
    pub be_base: &'static HashSet<&'static str>,
    /// The expletive subject ("it is believed", "made it clear").
    pub expletive: &'static HashSet<&'static str>,
    /// Pronouns read as anyone, not a speaker (a generic "you").
    pub generic_pronoun: &'static HashSet<&'static str>,
    /// Prepositions after a medium that name where it ran ("a post on Facebook", "an interview with the BBC", "a letter to the board").
    pub medium_link: &'static HashSet<&'static str>,
    /// Prepositions inside a name after a medium ("the Bank of England").
    pub name_preposition: &'static HashSet<&'static str>,
    /// Words that open a parenthetical between a subject and its verb ("The band - whose album sold best - thanked").
    pub parenthetical_opener: &'static HashSet<&'static str>,
    /// The word of "according to X".
    pub according: &'static HashSet<&'static str>,
    /// The complementizer that opens a reported clause ("made clear that", "is said that").
    pub complementizer: &'static HashSet<&'static str>,
    /// The preposition of a passive's agent and a byline ("seen by many", "by Jane Doe").
    pub agent_preposition: &'static HashSet<&'static str>,
    /// "as" after a verb of characterisation or in a clause opener ("seen as", "As Reyner stated").
    pub as_marker: &'static HashSet<&'static str>,
    /// The particle a phrasal reporting verb needs ("pointed out").
    pub completing_particle: &'static HashSet<&'static str>,
    /// The particle that makes a reporting verb another verb ("called off").
    pub cancelling_particle: &'static HashSet<&'static str>,
    /// Conjunctions that join a second verb to the first one's subject ("arrived and said").
    pub verb_coordinator: &'static HashSet<&'static str>,
    /// The free relative of "what X calls".
    pub free_relative: &'static HashSet<&'static str>,
    /// Subjects a base-form verb agrees with ("they report", "who claim").
    pub base_subject: &'static HashSet<&'static str>,
    /// The future auxiliary ("will be seen as": the writer's own reading).
    pub future: &'static HashSet<&'static str>,
    /// Relative pronouns that open a parenthetical about the phrase before it (", who …,").
    pub relative_opener: &'static HashSet<&'static str>,
    /// Words that open a parenthetical listing members ("officials, including the mayor,").
    pub listing_opener: &'static HashSet<&'static str>,
    /// Participles that open an aside between a speaker and the verb ("X, speaking to reporters, said").
    pub aside_participle: &'static HashSet<&'static str>,
    /// Reporting verb lemmas whose short object is an audience that belongs to the cue ("told reporters").
    pub audience_verb: &'static HashSet<&'static str>,
    /// Words before "as" that introduce a name ("known as", "such as").
    pub naming_as: &'static HashSet<&'static str>,
    /// Pronouns that refer back to a body, not a person ("it", "its").
    pub neuter_pronoun: &'static HashSet<&'static str>,
    /// Pronouns that refer back to a person ("he", "her").
    pub personal_pronoun: &'static HashSet<&'static str>,
}

/// The parser's named sets, looked up once.
pub static LISTS: LazyLock<Lists> = LazyLock::new(|| Lists {
    preposition: words("preposition"),
    crowd_claim: words("crowd_claim"),
    transitive: words("transitive"),
    particle: words("particle"),
    anonymity_marker: words("anonymity_marker"),
    indefinite: words("indefinite"),
    marked_anonymous: words("marked_anonymous"),
    crowd_participle: words("crowd_participle"),
    narrow_crowd_adverb: words("narrow_crowd_adverb"),
    narrow_participle: words("narrow_participle"),
    referring: words("referring"),
    partitive_head: words("partitive_head"),
    partitive_opener: words("partitive_opener"),
    possessive_pronoun: words("possessive_pronoun"),
    member_preposition: words("member_preposition"),
    anonymity_word: words("anonymity_word"),
    clause_conjunction: words("clause_conjunction"),
    medium_preposition: words("medium_preposition"),
    participle_preposition: words("participle_preposition"),
    clause_opener: words("clause_opener"),
    clause_preposition: words("clause_preposition"),
    comparison_clause: words("comparison_clause"),
    absolute_opener: words("absolute_opener"),
    audience: words("audience"),
    quoted_as_participle: words("quoted_as_participle"),
    issue_verb: words("issue_verb"),
    owned_document: words("owned_document"),
    name_title: words("name_title"),
    quoting_verb: words("quoting_verb"),
    attribution_participle: words("attribution_participle"),
    owner_preposition: words("owner_preposition"),
    noun_follower: words("noun_follower"),
    coordinator: words("coordinator"),
    needs_as: words("needs_as"),
    described_as: words("described_as"),
    ly_noun: words("ly_noun"),
    make_form: words("make_form"),
    clear_adjective: words("clear_adjective"),
    needs_as_or_clause: words("needs_as_or_clause"),
    near_as: words("near_as"),
    tag_only: words("tag_only"),
    off_cancels: words("off_cancels"),
    needs_out: words("needs_out"),
    naming_verb: words("naming_verb"),
    as_participle: words("as_participle"),
    crowd_agent_verb: words("crowd_agent_verb"),
    indefinite_article: words("indefinite_article"),
    agentless_clause: words("agentless_clause"),
    expletive_only: words("expletive_only"),
    agentless_as: words("agentless_as"),
    agentless_as_passive: words("agentless_as_passive"),
    rank_opener: words("rank_opener"),
    relative_subject: words("relative_subject"),
    group_opener: words("group_opener"),
    third_person: words("third_person"),
    third_possessive: words("third_possessive"),
    name_joiner: words("name_joiner"),
    phrase_coordinator: words("phrase_coordinator"),
    marker_noun: words("marker_noun"),
    marker_preposition: words("marker_preposition"),
    partitive_of: words("partitive_of"),
    negator: words("negator"),
    infinitive: words("infinitive"),
    be_base: words("be_base"),
    expletive: words("expletive"),
    generic_pronoun: words("generic_pronoun"),
    medium_link: words("medium_link"),
    name_preposition: words("name_preposition"),
    parenthetical_opener: words("parenthetical_opener"),
    according: words("according"),
    complementizer: words("complementizer"),
    agent_preposition: words("agent_preposition"),
    as_marker: words("as_marker"),
    completing_particle: words("completing_particle"),
    cancelling_particle: words("cancelling_particle"),
    verb_coordinator: words("verb_coordinator"),
    free_relative: words("free_relative"),
    base_subject: words("base_subject"),
    future: words("future"),
    relative_opener: words("relative_opener"),
    listing_opener: words("listing_opener"),
    aside_participle: words("aside_participle"),
    audience_verb: words("audience_verb"),
    naming_as: words("naming_as"),
    neuter_pronoun: words("neuter_pronoun"),
    personal_pronoun: words("personal_pronoun"),
});

fn verb_class(name: &str) -> Option<VerbClass> {
    match name {
        "speech" => Some(VerbClass::Speech),
        "opinion" => Some(VerbClass::Opinion),
        "evidence" => Some(VerbClass::Evidence),
        "label" => Some(VerbClass::Label),
        _ => None,
    }
}

fn build() -> HashMap<&'static str, Entry> {
    let lex = shared(Lang::English);
    let mut map: HashMap<&'static str, Entry> = HashMap::default();
    let mut add = |word: &'static str, class: Class| {
        map.entry(word).or_default().class |= class;
    };
    for &(role, class) in ROLE_CLASSES {
        for &w in words(role) {
            add(w, class);
        }
    }
    // Nouns, with their plurals.
    let singular = words("singular");
    let mut nouns: Vec<(&'static str, Class)> = Vec::new();
    for &(role, class) in NOUN_CLASSES {
        nouns.extend(words(role).iter().map(|&w| (w, class)));
    }
    nouns.extend(lex.role_titles.iter().map(|w| (w.as_str(), Class::ROLE)));
    for (w, class) in nouns {
        add(w, class);
        if w.ends_with('s') && !singular.contains(w) {
            add(w, Class::PLURAL);
        } else if let Some(p) = plural(w) {
            // Leaked once per word, at start-up: plurals live as long as
            // the table.
            let p: &'static str = Box::leak(p.into_boxed_str());
            add(p, class | Class::PLURAL);
        }
    }
    let (noun_too, core) = (words("noun_too"), words("core"));
    for (lemma, forms) in &lex.verb_forms {
        let lemma = lemma.as_str();
        let Some(class) = lex.reporting_verb(lemma).and_then(verb_class) else {
            continue;
        };
        let mut parts = forms.split_whitespace();
        let third = parts.next().unwrap_or(lemma);
        let past = parts.next().unwrap_or(lemma);
        let participle = parts.next().unwrap_or("-");
        let gerund = parts.next().unwrap_or(lemma);
        let mut entries: Vec<(&'static str, Form)> = vec![
            (lemma, Form::Base),
            (third, Form::Third),
            (gerund, Form::Gerund),
        ];
        if participle == "-" || participle == past {
            // Two spellings ("signalled|signaled") are both past and
            // participle.
            entries.extend(past.split('|').map(|p| (p, Form::PastOrParticiple)));
        } else {
            entries.push((past, Form::Past));
            entries.push((participle, Form::Participle));
        }
        for (form_word, mut form) in entries {
            if form == Form::Base && past.split('|').any(|p| p == form_word) {
                // "forecast", "cut": the base form is also the past.
                form = Form::PastOrParticiple;
            }
            let e = map.entry(form_word).or_default();
            if e.verb.is_none() {
                e.verb = Some(Verb {
                    lemma,
                    class,
                    form,
                    noun_too: noun_too.contains(form_word),
                    core: core.contains(lemma),
                });
            }
        }
    }
    map
}

/// What the lexicon knows about one lower-case word.
#[derive(Clone, Copy, Debug, Default)]
pub struct Entry {
    pub class: Class,
    pub verb: Option<Verb>,
}

/// The compiled lexicon: every listed word, lower case.
pub static LEXICON: LazyLock<HashMap<&'static str, Entry>> = LazyLock::new(build);

fn plural(noun: &str) -> Option<String> {
    if noun.ends_with('s') || noun.contains(' ') || noun.contains('\'') || noun.contains('’') {
        return None;
    }
    let b = noun.as_bytes();
    if noun.ends_with('y') && b.len() > 1 && !b"aeiou".contains(&b[b.len() - 2]) {
        return Some(format!("{}ies", &noun[..noun.len() - 1]));
    }
    if noun.ends_with("sh") || noun.ends_with("ch") || noun.ends_with('x') {
        return Some(format!("{noun}es"));
    }
    if let Some(stem) = noun.strip_suffix("man") {
        return Some(format!("{stem}men"));
    }
    Some(format!("{noun}s"))
}

/// Looks up a word (any case; ASCII only — every listed word is ASCII,
/// except curly apostrophes, which are folded).
pub fn lookup(word: &str) -> Option<&'static Entry> {
    let mut buf = [0u8; 32];
    let mut n = 0;
    for c in word.chars() {
        let c = if c == '’' { '\'' } else { c };
        if !c.is_ascii() || n >= buf.len() {
            return None;
        }
        buf[n] = c.to_ascii_lowercase() as u8;
        n += 1;
    }
    let key = std::str::from_utf8(&buf[..n]).ok()?;
    LEXICON.get(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_and_plurals_are_generated() {
        let said = lookup("Said").and_then(|e| e.verb).unwrap();
        assert_eq!((said.lemma, said.form), ("say", Form::PastOrParticiple));
        assert!(said.core);
        let seen = lookup("seen").and_then(|e| e.verb).unwrap();
        assert_eq!(seen.form, Form::Participle);
        assert!(lookup("reports").and_then(|e| e.verb).unwrap().noun_too);
        let officials = lookup("officials").unwrap().class;
        assert!(officials.contains(Class::ANONYMOUS | Class::PLURAL));
        assert!(lookup("authorities").unwrap().class.contains(Class::BODY));
        assert!(lookup("spokesmen").unwrap().class.contains(Class::ROLE));
        assert!(
            lookup("Reportedly")
                .unwrap()
                .class
                .contains(Class::WEASEL_ADVERB)
        );
        assert!(lookup("signaled").and_then(|e| e.verb).unwrap().form == Form::PastOrParticiple);
        assert!(
            lookup("critics")
                .unwrap()
                .class
                .contains(Class::CROWD | Class::PLURAL)
        );
        assert!(LISTS.preposition.contains("amid") && LISTS.transitive.contains("accuse"));
        assert!(lookup("Ibáñez").is_none());
        assert!(lookup("").is_none());
    }

    #[test]
    fn every_role_and_verb_of_the_data_files_is_read() {
        let parser = [
            "singular",
            "noun_too",
            "core",
            "preposition",
            "crowd_claim",
            "transitive",
            "particle",
            "anonymity_marker",
            "indefinite",
            "marked_anonymous",
            "crowd_participle",
            "narrow_crowd_adverb",
            "narrow_participle",
            "referring",
            "partitive_head",
            "partitive_opener",
            "possessive_pronoun",
            "member_preposition",
            "anonymity_word",
            "clause_conjunction",
            "medium_preposition",
            "participle_preposition",
            "clause_opener",
            "clause_preposition",
            "comparison_clause",
            "absolute_opener",
            "audience",
            "quoted_as_participle",
            "issue_verb",
            "owned_document",
            "name_title",
            "quoting_verb",
            "attribution_participle",
            "owner_preposition",
            "noun_follower",
            "coordinator",
            "needs_as",
            "described_as",
            "ly_noun",
            "make_form",
            "clear_adjective",
            "needs_as_or_clause",
            "near_as",
            "tag_only",
            "off_cancels",
            "needs_out",
            "naming_verb",
            "as_participle",
            "crowd_agent_verb",
            "indefinite_article",
            "agentless_clause",
            "expletive_only",
            "agentless_as",
            "agentless_as_passive",
            "rank_opener",
            "relative_subject",
            "group_opener",
            "third_person",
            "third_possessive",
            "name_joiner",
            "phrase_coordinator",
            "marker_noun",
            "marker_preposition",
            "partitive_of",
            "negator",
            "infinitive",
            "be_base",
            "expletive",
            "generic_pronoun",
            "medium_link",
            "name_preposition",
            "parenthetical_opener",
            "according",
            "complementizer",
            "agent_preposition",
            "as_marker",
            "completing_particle",
            "cancelling_particle",
            "verb_coordinator",
            "free_relative",
            "base_subject",
            "future",
            "relative_opener",
            "listing_opener",
            "aside_participle",
            "audience_verb",
            "naming_as",
            "neuter_pronoun",
            "personal_pronoun",
        ];
        let known: HashSet<&str> = ROLE_CLASSES
            .iter()
            .chain(NOUN_CLASSES)
            .map(|(r, _)| *r)
            .chain(parser)
            .collect();
        let lex = shared(Lang::English);
        for (word, roles) in &lex.attribution {
            for r in roles {
                assert!(known.contains(r.as_str()), "{word}: unknown role {r}");
            }
        }
        for role in known {
            assert!(!words(role).is_empty(), "no word has role {role}");
        }
        assert!(lex.verb_forms.len() > 100);
        for (lemma, forms) in &lex.verb_forms {
            assert!(lex.reporting_verb(lemma).is_some(), "{lemma}: no class");
            assert_eq!(forms.split_whitespace().count(), 4, "{lemma}");
        }
    }
}
