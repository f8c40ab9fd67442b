//! The word lists attribution is decided with, as data tables, compiled once
//! into one lookup table keyed by the lower-case word.
//!
//! The tables say what a word *can* be (a reporting verb, a role that
//! speaks, an anonymous head, a crowd); the parser decides from its place in
//! the sentence whether it is. Lists are written for news English, in both
//! British and American spellings.

use std::collections::HashMap;
use std::sync::LazyLock;

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

/// Reporting verbs: lemma, class, and forms (third person, past,
/// participle, gerund; "-" when the participle is the past).
const VERBS: &[(&str, VerbClass, &str)] = {
    use VerbClass::*;
    &[
        ("say", Speech, "says said - saying"),
        ("tell", Speech, "tells told - telling"),
        ("state", Speech, "states stated - stating"),
        ("announce", Speech, "announces announced - announcing"),
        ("declare", Speech, "declares declared - declaring"),
        ("add", Speech, "adds added - adding"),
        ("note", Speech, "notes noted - noting"),
        ("explain", Speech, "explains explained - explaining"),
        ("insist", Speech, "insists insisted - insisting"),
        ("claim", Speech, "claims claimed - claiming"),
        ("argue", Speech, "argues argued - arguing"),
        ("warn", Speech, "warns warned - warning"),
        ("deny", Speech, "denies denied - denying"),
        ("confirm", Speech, "confirms confirmed - confirming"),
        (
            "acknowledge",
            Speech,
            "acknowledges acknowledged - acknowledging",
        ),
        ("admit", Speech, "admits admitted - admitting"),
        ("report", Speech, "reports reported - reporting"),
        ("write", Speech, "writes wrote written writing"),
        ("tweet", Speech, "tweets tweeted - tweeting"),
        ("post", Speech, "posts posted - posting"),
        ("reply", Speech, "replies replied - replying"),
        ("respond", Speech, "responds responded - responding"),
        ("answer", Speech, "answers answered - answering"),
        ("comment", Speech, "comments commented - commenting"),
        ("remark", Speech, "remarks remarked - remarking"),
        ("recall", Speech, "recalls recalled - recalling"),
        ("predict", Speech, "predicts predicted - predicting"),
        ("promise", Speech, "promises promised - promising"),
        ("vow", Speech, "vows vowed - vowing"),
        ("pledge", Speech, "pledges pledged - pledging"),
        ("threaten", Speech, "threatens threatened - threatening"),
        ("urge", Speech, "urges urged - urging"),
        ("ask", Speech, "asks asked - asking"),
        ("complain", Speech, "complains complained - complaining"),
        ("concede", Speech, "concedes conceded - conceding"),
        ("contend", Speech, "contends contended - contending"),
        ("allege", Speech, "alleges alleged - alleging"),
        ("assert", Speech, "asserts asserted - asserting"),
        ("maintain", Speech, "maintains maintained - maintaining"),
        ("stress", Speech, "stresses stressed - stressing"),
        ("emphasise", Speech, "emphasises emphasised - emphasising"),
        ("emphasize", Speech, "emphasizes emphasized - emphasizing"),
        ("clarify", Speech, "clarifies clarified - clarifying"),
        ("accuse", Speech, "accuses accused - accusing"),
        ("criticise", Speech, "criticises criticised - criticising"),
        ("criticize", Speech, "criticizes criticized - criticizing"),
        ("condemn", Speech, "condemns condemned - condemning"),
        ("praise", Speech, "praises praised - praising"),
        ("reject", Speech, "rejects rejected - rejecting"),
        ("dismiss", Speech, "dismisses dismissed - dismissing"),
        ("echo", Speech, "echoes echoed - echoing"),
        ("testify", Speech, "testifies testified - testifying"),
        ("disclose", Speech, "discloses disclosed - disclosing"),
        ("reveal", Speech, "reveals revealed - revealing"),
        ("caution", Speech, "cautions cautioned - cautioning"),
        ("forecast", Speech, "forecasts forecast - forecasting"),
        ("observe", Speech, "observes observed - observing"),
        ("counter", Speech, "counters countered - countering"),
        ("retort", Speech, "retorts retorted - retorting"),
        ("boast", Speech, "boasts boasted - boasting"),
        ("lament", Speech, "laments lamented - lamenting"),
        ("mention", Speech, "mentions mentioned - mentioning"),
        ("reiterate", Speech, "reiterates reiterated - reiterating"),
        ("repeat", Speech, "repeats repeated - repeating"),
        ("highlight", Speech, "highlights highlighted - highlighting"),
        (
            "underscore",
            Speech,
            "underscores underscored - underscoring",
        ),
        ("underline", Speech, "underlines underlined - underlining"),
        ("defend", Speech, "defends defended - defending"),
        ("voice", Speech, "voices voiced - voicing"),
        ("express", Speech, "expresses expressed - expressing"),
        ("recommend", Speech, "recommends recommended - recommending"),
        ("propose", Speech, "proposes proposed - proposing"),
        ("demand", Speech, "demands demanded - demanding"),
        ("inform", Speech, "informs informed - informing"),
        ("assure", Speech, "assures assured - assuring"),
        ("signal", Speech, "signals signalled signaled signalling"),
        ("quip", Speech, "quips quipped - quipping"),
        ("joke", Speech, "jokes joked - joking"),
        ("shout", Speech, "shouts shouted - shouting"),
        ("cite", Speech, "cites cited - citing"),
        ("brief", Speech, "briefs briefed - briefing"),
        ("welcome", Speech, "welcomes welcomed - welcoming"),
        ("hail", Speech, "hails hailed - hailing"),
        ("decry", Speech, "decries decried - decrying"),
        ("protest", Speech, "protests protested - protesting"),
        ("continue", Speech, "continues continued - continuing"),
        ("intimate", Speech, "intimates intimated - intimating"),
        ("read", Speech, "reads read - reading"),
        ("thank", Speech, "thanks thanked - thanking"),
        ("laugh", Speech, "laughs laughed - laughing"),
        ("sigh", Speech, "sighs sighed - sighing"),
        ("smile", Speech, "smiles smiled - smiling"),
        ("enthuse", Speech, "enthuses enthused - enthusing"),
        ("confess", Speech, "confesses confessed - confessing"),
        ("exclaim", Speech, "exclaims exclaimed - exclaiming"),
        ("confide", Speech, "confides confided - confiding"),
        ("remind", Speech, "reminds reminded - reminding"),
        ("plead", Speech, "pleads pleaded - pleading"),
        ("muse", Speech, "muses mused - musing"),
        ("speak", Speech, "speaks spoke spoken speaking"),
        ("talk", Speech, "talks talked - talking"),
        ("attack", Speech, "attacks attacked - attacking"),
        ("rule", Speech, "rules ruled - ruling"),
        ("wonder", Opinion, "wonders wondered - wondering"),
        ("quote", Speech, "quotes quoted - quoting"),
        ("attribute", Speech, "attributes attributed - attributing"),
        ("blame", Speech, "blames blamed - blaming"),
        ("point", Speech, "points pointed - pointing"),
        ("insinuate", Speech, "insinuates insinuated - insinuating"),
        ("concur", Speech, "concurs concurred - concurring"),
        ("class", Label, "classes classed - classing"),
        ("classify", Label, "classifies classified - classifying"),
        ("conclude", Evidence, "concludes concluded - concluding"),
        ("believe", Opinion, "believes believed - believing"),
        ("think", Opinion, "thinks thought - thinking"),
        ("feel", Opinion, "feels felt - feeling"),
        ("consider", Opinion, "considers considered - considering"),
        (
            "interpret",
            Opinion,
            "interprets interpreted - interpreting",
        ),
        ("view", Opinion, "views viewed - viewing"),
        ("see", Opinion, "sees saw seen seeing"),
        ("regard", Opinion, "regards regarded - regarding"),
        ("perceive", Opinion, "perceives perceived - perceiving"),
        ("fear", Opinion, "fears feared - fearing"),
        ("doubt", Opinion, "doubts doubted - doubting"),
        ("suspect", Opinion, "suspects suspected - suspecting"),
        ("reckon", Opinion, "reckons reckoned - reckoning"),
        (
            "understand",
            Opinion,
            "understands understood - understanding",
        ),
        ("rumour", Opinion, "rumours rumoured - rumouring"),
        ("rumor", Opinion, "rumors rumored - rumoring"),
        ("worry", Opinion, "worries worried - worrying"),
        ("speculate", Opinion, "speculates speculated - speculating"),
        ("question", Opinion, "questions questioned - questioning"),
        ("agree", Opinion, "agrees agreed - agreeing"),
        ("disagree", Opinion, "disagrees disagreed - disagreeing"),
        ("hope", Opinion, "hopes hoped - hoping"),
        ("expect", Opinion, "expects expected - expecting"),
        ("show", Evidence, "shows showed shown showing"),
        ("find", Evidence, "finds found - finding"),
        ("suggest", Evidence, "suggests suggested - suggesting"),
        ("indicate", Evidence, "indicates indicated - indicating"),
        ("estimate", Evidence, "estimates estimated - estimating"),
        (
            "demonstrate",
            Evidence,
            "demonstrates demonstrated - demonstrating",
        ),
        ("prove", Evidence, "proves proved proven proving"),
        ("describe", Label, "describes described - describing"),
        ("call", Label, "calls called - calling"),
        ("label", Label, "labels labelled labeled labelling"),
        ("brand", Label, "brands branded - branding"),
        ("dub", Label, "dubs dubbed - dubbing"),
        ("term", Label, "terms termed - terming"),
        ("refer", Label, "refers referred - referring"),
        (
            "characterise",
            Label,
            "characterises characterised - characterising",
        ),
        (
            "characterize",
            Label,
            "characterizes characterized - characterizing",
        ),
        ("portray", Label, "portrays portrayed - portraying"),
        ("deem", Label, "deems deemed - deeming"),
    ]
};

/// Forms that are as often nouns as verbs: a verb only after a subject.
const NOUN_TOO: &[&str] = &[
    "report",
    "reports",
    "claim",
    "claims",
    "note",
    "notes",
    "post",
    "posts",
    "comment",
    "comments",
    "remark",
    "remarks",
    "promise",
    "promises",
    "pledge",
    "pledges",
    "warning",
    "warnings",
    "answer",
    "answers",
    "reply",
    "replies",
    "echo",
    "echoes",
    "view",
    "views",
    "fear",
    "fears",
    "doubt",
    "doubts",
    "hope",
    "hopes",
    "estimate",
    "estimates",
    "forecast",
    "forecasts",
    "finding",
    "findings",
    "question",
    "questions",
    "demand",
    "demands",
    "voice",
    "voices",
    "call",
    "calls",
    "brief",
    "briefing",
    "briefs",
    "term",
    "terms",
    "label",
    "labels",
    "brand",
    "brands",
    "signal",
    "signals",
    "counter",
    "state",
    "states",
    "record",
    "protest",
    "protests",
    "stress",
    "show",
    "shows",
    "tweet",
    "tweets",
    "praise",
    "suspect",
    "suspects",
    "cite",
    "quip",
    "joke",
    "jokes",
    "testimony",
    "welcome",
    "maintaining",
    "understanding",
    "feeling",
    "thinking",
    "reporting",
    "meaning",
    "point",
    "points",
    "class",
    "classes",
    "quote",
    "quotes",
    "blame",
    "thanks",
    "laugh",
    "laughs",
    "sigh",
    "smile",
    "smiles",
    "talk",
    "talks",
    "attack",
    "attacks",
    "rule",
    "rules",
    "ruling",
    "plea",
    "reading",
    "read",
];

/// The speech verbs that make anything before them a speaker ("the
/// 34-year-old said", "the ruling stated").
const CORE: &[&str] = &[
    "say", "tell", "state", "announce", "declare", "add", "write", "tweet", "explain", "insist",
    "warn", "claim", "argue", "deny", "confirm", "reply", "respond", "testify", "report",
];

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

const DETERMINERS: &[&str] = &[
    "a", "an", "the", "this", "that", "these", "those", "his", "her", "its", "their", "our", "my",
    "your", "one", "two", "three", "four", "five", "several", "some", "many", "most", "certain",
    "various", "numerous", "few", "other", "another", "each", "every", "any", "no",
];
const DEFINITE: &[&str] = &[
    "the", "this", "that", "these", "those", "his", "her", "its", "their", "our", "my", "your",
];
const DEMONSTRATIVES: &[&str] = &["this", "that", "these", "those"];
const PRONOUNS: &[&str] = &["he", "she", "they", "it", "we", "i", "you"];
const QUANTIFIERS: &[&str] = &[
    "many",
    "some",
    "several",
    "most",
    "others",
    "few",
    "various",
    "numerous",
    "certain",
    "countless",
    "everyone",
    "everybody",
    "somebody",
    "someone",
    "nobody",
];

/// Groups that, unnamed, are a crowd ("critics say").
const CROWD: &[&str] = &[
    "people",
    "critics",
    "experts",
    "observers",
    "commentators",
    "pundits",
    "skeptics",
    "sceptics",
    "detractors",
    "supporters",
    "opponents",
    "voices",
    "others",
    "onlookers",
];

/// Professions reported as a group ("analysts said", "economists
/// warned"): unnamed, so anonymous, but not a crowd of opinion. With a
/// quantifier ("some analysts believe") they are a crowd again.
const PROFESSIONS: &[&str] = &[
    "analysts",
    "economists",
    "scientists",
    "researchers",
    "historians",
    "scholars",
    "academics",
    "specialists",
    "watchers",
    "campaigners",
    "activists",
    "politicians",
    "strategists",
    "forecasters",
];

/// Heads of an anonymous source ("a senior official", "sources familiar").
const ANONYMOUS: &[&str] = &[
    "official",
    "officials",
    "source",
    "sources",
    "aide",
    "aides",
    "insider",
    "insiders",
    "adviser",
    "advisers",
    "advisor",
    "advisors",
    "staffer",
    "staffers",
    "diplomat",
    "diplomats",
    "person",
    "people",
    "someone",
    "individual",
    "individuals",
];

/// People named by their role.
const ROLES: &[&str] = &[
    "minister",
    "president",
    "secretary",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "spokesmen",
    "spokeswomen",
    "chairman",
    "chairwoman",
    "chair",
    "chief",
    "executive",
    "director",
    "head",
    "leader",
    "boss",
    "manager",
    "coach",
    "captain",
    "player",
    "lawyer",
    "attorney",
    "prosecutor",
    "judge",
    "witness",
    "mayor",
    "governor",
    "senator",
    "lawmaker",
    "legislator",
    "mp",
    "ambassador",
    "envoy",
    "commander",
    "general",
    "officer",
    "economist",
    "analyst",
    "professor",
    "doctor",
    "author",
    "researcher",
    "scientist",
    "founder",
    "owner",
    "ceo",
    "chancellor",
    "premier",
    "king",
    "queen",
    "prince",
    "princess",
    "pope",
    "bishop",
    "star",
    "singer",
    "actor",
    "actress",
    "producer",
    "striker",
    "midfielder",
    "defender",
    "keeper",
    "goalkeeper",
    "boss",
    "spokesperson",
    "representative",
    "commissioner",
    "inspector",
    "superintendent",
    "detective",
    "sheriff",
    "chairperson",
    "councillor",
    "councilor",
    "deputy",
    "administrator",
    "negotiator",
    "mediator",
    "investigator",
    "expert",
    "consultant",
    "campaigner",
    "activist",
    "organiser",
    "organizer",
    "rapporteur",
    "official",
    "vice",
    "candidate",
    "nominee",
    "partner",
    "colleague",
    "wife",
    "husband",
    "mother",
    "father",
    "son",
    "daughter",
    "brother",
    "sister",
    "friend",
    "neighbour",
    "neighbor",
    "resident",
    "victim",
    "survivor",
    "relative",
    "teacher",
    "pilot",
    "driver",
    "worker",
    "engineer",
    "nurse",
    "surgeon",
    "designer",
    "writer",
    "editor",
    "reporter",
    "journalist",
    "correspondent",
    "columnist",
    "presenter",
    "host",
    "musician",
    "artist",
    "filmmaker",
    "entrepreneur",
    "banker",
    "trader",
    "strategist",
    "forecaster",
    "pollster",
    "historian",
    "academic",
    "lecturer",
    "dean",
    "principal",
    "headteacher",
    "commentator",
    "critic",
    "fan",
    "user",
    "customer",
    "shareholder",
    "investor",
    "employee",
    "staff",
    "premier",
    "monarch",
    "dictator",
    "leader",
    "opposition",
    "speaker",
    "whip",
    "peer",
    "lord",
    "baroness",
    "mep",
    "msp",
    "congressman",
    "congresswoman",
    "senator",
    "delegate",
];

/// Bodies that speak ("the ministry said").
const BODIES: &[&str] = &[
    "government",
    "country",
    "nation",
    "state",
    "ministry",
    "department",
    "magazine",
    "journal",
    "station",
    "channel",
    "outlet",
    "tabloid",
    "daily",
    "festival",
    "academy",
    "guard",
    "administration",
    "agency",
    "office",
    "police",
    "army",
    "military",
    "court",
    "council",
    "committee",
    "commission",
    "board",
    "company",
    "firm",
    "group",
    "party",
    "union",
    "bank",
    "club",
    "team",
    "organisation",
    "organization",
    "association",
    "institute",
    "authority",
    "authorities",
    "regulator",
    "watchdog",
    "parliament",
    "congress",
    "senate",
    "cabinet",
    "embassy",
    "federation",
    "league",
    "charity",
    "coalition",
    "alliance",
    "network",
    "broadcaster",
    "newspaper",
    "studio",
    "airline",
    "carrier",
    "retailer",
    "operator",
    "maker",
    "manufacturer",
    "insurer",
    "lender",
    "fund",
    "treasury",
    "executive",
    "regime",
    "prosecutors",
    "prosecution",
    "defence",
    "defense",
    "navy",
    "forces",
    "ministries",
    "governments",
    "companies",
    "firms",
    "banks",
    "clubs",
    "teams",
    "agencies",
    "unions",
    "parties",
    "courts",
    "council's",
    "campaign",
    "family",
    "families",
    "spokespeople",
    "spokesmen",
    "pentagon",
    "kremlin",
    "palace",
    "presidency",
    "junta",
    "cartel",
    "gang",
    "rebels",
    "insurgents",
    "militants",
    "military's",
    "giant",
    "chain",
    "corporation",
    "conglomerate",
    "group's",
    "body",
    "bureau",
    "service",
    "services",
    "trust",
    "foundation",
    "university",
    "school",
    "hospital",
    "jury",
    "panel",
    "tribunal",
    "inquiry",
    "secretariat",
    "mission",
    "delegation",
    "consortium",
    "label",
    "publisher",
    "developer",
    "producers",
    "organisers",
    "organizers",
    "judges",
    "doctors",
    "officers",
    "staff",
    "employees",
    "workers",
    "ministers",
    "mps",
    "peers",
    "lords",
    "meps",
    "troops",
    "soldiers",
    "residents",
    "witnesses",
    "investigators",
];

/// Documents that say or show something.
const DOCUMENTS: &[&str] = &[
    "report",
    "reports",
    "study",
    "studies",
    "survey",
    "surveys",
    "statement",
    "statements",
    "poll",
    "polls",
    "data",
    "figures",
    "research",
    "analysis",
    "document",
    "documents",
    "letter",
    "memo",
    "filing",
    "ruling",
    "audit",
    "review",
    "census",
    "paper",
    "article",
    "post",
    "tweet",
    "release",
    "index",
    "estimates",
    "records",
    "findings",
    "assessment",
    "investigation",
    "inquiry",
    "probe",
    "evidence",
    "science",
    "statistics",
    "website",
    "book",
    "judgment",
    "judgement",
    "verdict",
    "indictment",
    "complaint",
    "lawsuit",
    "affidavit",
    "transcript",
    "footage",
    "video",
    "recording",
    "memoir",
    "biography",
    "forecasts",
    "projections",
    "model",
    "models",
    "accounts",
    "results",
    "minutes",
];

/// Documents that, as bare plurals or mass nouns, credit no one.
const VAGUE_DOCUMENTS: &[&str] = &[
    "studies",
    "research",
    "reports",
    "surveys",
    "polls",
    "evidence",
    "science",
    "statistics",
    "findings",
];

/// Nouns of a reporting act: "his claim that", "a statement from X".
const REPORT_NOUNS: &[&str] = &[
    "claim",
    "claims",
    "statement",
    "remarks",
    "comments",
    "comment",
    "warning",
    "announcement",
    "assertion",
    "allegation",
    "allegations",
    "accusation",
    "accusations",
    "denial",
    "insistence",
    "words",
    "message",
    "speech",
    "testimony",
    "pledge",
    "promise",
    "vow",
    "threat",
    "argument",
    "view",
    "belief",
    "description",
    "account",
    "admission",
    "boast",
    "criticism",
    "prediction",
    "forecast",
    "suggestion",
    "proposal",
    "assurance",
    "plea",
    "response",
    "reply",
    "answer",
    "confirmation",
    "declaration",
    "explanation",
    "estimate",
    "assessment",
    "verdict",
    "judgment",
    "judgement",
    "ruling",
    "conclusion",
    "report",
];

/// Where a claim was made: "in a post on", "in a statement".
const MEDIA: &[&str] = &[
    "post",
    "tweet",
    "statement",
    "interview",
    "speech",
    "address",
    "briefing",
    "conference",
    "letter",
    "video",
    "broadcast",
    "op-ed",
    "column",
    "article",
    "blog",
    "podcast",
    "message",
    "email",
    "e-mail",
    "memo",
    "release",
    "appearance",
    "hearing",
    "testimony",
    "remarks",
    "comments",
    "press",
    "radio",
    "television",
    "programme",
    "program",
    "show",
    "newspaper",
];

/// Words that end a noun phrase read backwards from its verb.
const STOPS: &[&str] = &[
    "and",
    "but",
    "or",
    "nor",
    "so",
    "yet",
    "that",
    "which",
    "who",
    "whom",
    "whose",
    "what",
    "when",
    "where",
    "while",
    "whilst",
    "as",
    "because",
    "if",
    "though",
    "although",
    "since",
    "after",
    "before",
    "until",
    "unless",
    "whether",
    "than",
    "to",
    "in",
    "on",
    "at",
    "by",
    "for",
    "with",
    "from",
    "of",
    "into",
    "onto",
    "about",
    "over",
    "under",
    "against",
    "between",
    "through",
    "during",
    "without",
    "within",
    "amid",
    "among",
    "amongst",
    "despite",
    "via",
    "per",
    "like",
    "upon",
    "towards",
    "toward",
    "across",
    "behind",
    "beyond",
    "near",
    "outside",
    "inside",
    "around",
    "up",
    "down",
    "off",
    "out",
    "then",
    "there",
    "here",
    "also",
    "not",
    "how",
    "why",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "being",
    "am",
    "has",
    "have",
    "had",
    "do",
    "does",
    "did",
    "will",
    "would",
    "shall",
    "should",
    "can",
    "could",
    "may",
    "might",
    "must",
    "let",
    "made",
    "make",
    "makes",
    "including",
    "according",
    "said",
    "says",
    "told",
    "just",
    "even",
    "only",
    "both",
    "either",
    "neither",
    "such",
    "very",
    "too",
    "now",
    "ago",
];

const BE: &[&str] = &["is", "are", "was", "were", "be", "been", "being", "am"];
const AUX: &[&str] = &[
    "has",
    "have",
    "had",
    "will",
    "would",
    "did",
    "does",
    "do",
    "shall",
    "should",
    "can",
    "could",
    "may",
    "might",
    "must",
    "not",
    "never",
    "n't",
    "also",
    "has't",
    "hasn't",
    "haven't",
    "hadn't",
    "didn't",
    "doesn't",
    "won't",
    "wouldn't",
    "cannot",
    "can't",
    "couldn't",
    "mustn't",
    "shouldn't",
];
const MODALS: &[&str] = &[
    "can", "could", "may", "might", "should", "must", "would", "cannot", "can't",
];

/// Adverbs skipped between a subject and its verb. Other words in -ly are
/// skipped too.
const ADVERBS: &[&str] = &[
    "also",
    "later",
    "then",
    "further",
    "recently",
    "again",
    "once",
    "often",
    "still",
    "already",
    "previously",
    "earlier",
    "now",
    "repeatedly",
    "subsequently",
    "today",
    "yesterday",
    "first",
    "last",
    "separately",
    "similarly",
    "however",
    "meanwhile",
    "too",
    "long",
    "even",
    "always",
    "never",
    "not",
    "just",
    "since",
    "afterwards",
    "reportedly",
    "privately",
    "publicly",
];

const CROWD_ADVERBS: &[&str] = &[
    "widely",
    "generally",
    "commonly",
    "largely",
    "broadly",
    "popularly",
    "universally",
    "traditionally",
    "increasingly",
    "mainly",
    "mostly",
    "partly",
    "often",
    "frequently",
];

const WEASEL_ADVERBS: &[&str] = &["reportedly", "purportedly", "reputedly"];

const HEDGES: &[&str] = &[
    "reportedly",
    "purportedly",
    "reputedly",
    "allegedly",
    "apparently",
    "supposedly",
    "seemingly",
    "ostensibly",
    "arguably",
    "presumably",
    "alleged",
    "purported",
    "supposed",
    "so-called",
    "rumoured",
    "rumored",
    "unconfirmed",
    "unverified",
];

const RELATIVES: &[&str] = &["who", "which", "that", "whom"];

const TIME: &[&str] = &[
    "week",
    "weeks",
    "year",
    "years",
    "month",
    "months",
    "day",
    "days",
    "today",
    "yesterday",
    "tonight",
    "night",
    "morning",
    "afternoon",
    "evening",
    "weekend",
    "time",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "ago",
    "later",
    "earlier",
    "recently",
    "hour",
    "hours",
    "decade",
    "season",
    "quarter",
];

const NAMING: &[&str] = &[
    "so-called",
    "dubbed",
    "nicknamed",
    "titled",
    "entitled",
    "named",
    "called",
    "word",
    "term",
    "phrase",
    "slogan",
    "motto",
    "banner",
    "headline",
    "headlined",
    "reads",
    "read",
    "reading",
    "known",
    "sign",
    "signs",
    "hashtag",
    "chant",
    "chanted",
    "chanting",
    "label",
    "labelled",
    "labeled",
    "branded",
    "marked",
    "song",
    "album",
    "single",
    "film",
    "movie",
    "book",
    "novel",
    "show",
    "series",
    "play",
    "programme",
    "program",
    "track",
    "campaign",
    "operation",
    "plan",
    "policy",
    "initiative",
    "project",
    "strategy",
    "doctrine",
    "agenda",
    "brand",
    "slogans",
    "means",
    "meaning",
    "meant",
    "translated",
    "translates",
    "message",
    "messages",
    "poster",
    "posters",
    "banner",
    "banners",
    "caption",
    "captioned",
    "title",
    "words",
    "lyrics",
    "lyric",
    "written",
    "spelled",
    "spelling",
    "motto",
    "tagline",
    "catchphrase",
    "nickname",
];

const AFFILIATION: &[&str] = &[
    "at",
    "for",
    "of",
    "from",
    "with",
    "in",
    "including",
    "within",
    "close",
    "familiar",
    "among",
    "inside",
    "to",
    "by",
];

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

fn build() -> HashMap<&'static str, Entry> {
    let mut map: HashMap<&'static str, Entry> = HashMap::new();
    let mut add = |word: &'static str, class: Class| {
        map.entry(word).or_default().class |= class;
    };
    for &w in DETERMINERS {
        add(w, Class::DET);
    }
    for &w in DEFINITE {
        add(w, Class::DEFINITE);
    }
    for &w in DEMONSTRATIVES {
        add(w, Class::DEMONSTRATIVE);
    }
    for &w in PRONOUNS {
        add(w, Class::PRONOUN);
    }
    for &w in QUANTIFIERS {
        add(w, Class::QUANTIFIER);
    }
    for &w in STOPS {
        add(w, Class::STOP);
    }
    for &w in BE {
        add(w, Class::BE);
    }
    for &w in AUX {
        add(w, Class::AUX);
    }
    for &w in MODALS {
        add(w, Class::MODAL);
    }
    for &w in ADVERBS {
        add(w, Class::ADVERB);
    }
    for &w in CROWD_ADVERBS {
        add(w, Class::CROWD_ADVERB);
    }
    for &w in WEASEL_ADVERBS {
        add(w, Class::WEASEL_ADVERB);
    }
    for &w in HEDGES {
        add(w, Class::HEDGE);
    }
    for &w in RELATIVES {
        add(w, Class::RELATIVE);
    }
    for &w in TIME {
        add(w, Class::TIME);
    }
    for &w in NAMING {
        add(w, Class::NAMING);
    }
    for &w in AFFILIATION {
        add(w, Class::AFFILIATION);
    }
    for &w in VAGUE_DOCUMENTS {
        add(w, Class::VAGUE_DOCUMENT);
    }
    for &w in REPORT_NOUNS {
        add(w, Class::REPORT_NOUN);
    }
    for &w in MEDIA {
        add(w, Class::MEDIUM);
    }
    // Nouns, with their plurals.
    let mut nouns: Vec<(&'static str, Class)> = Vec::new();
    nouns.extend(CROWD.iter().map(|&w| (w, Class::CROWD)));
    nouns.extend(PROFESSIONS.iter().map(|&w| (w, Class::PROFESSION)));
    nouns.extend(ANONYMOUS.iter().map(|&w| (w, Class::ANONYMOUS)));
    nouns.extend(ROLES.iter().map(|&w| (w, Class::ROLE)));
    nouns.extend(BODIES.iter().map(|&w| (w, Class::BODY)));
    nouns.extend(DOCUMENTS.iter().map(|&w| (w, Class::DOCUMENT)));
    for (w, class) in nouns {
        add(w, class);
        if w.ends_with('s') && !matches!(w, "press" | "news" | "series" | "campus" | "status") {
            add(w, Class::PLURAL);
        } else if let Some(p) = plural(w) {
            // Leaked once per word, at start-up: plurals live as long as
            // the table.
            let p: &'static str = Box::leak(p.into_boxed_str());
            add(p, class | Class::PLURAL);
        }
    }
    for &w in &[
        "people",
        "police",
        "staff",
        "data",
        "media",
        "spokespeople",
        "troops",
    ] {
        add(w, Class::PLURAL);
    }
    for &(lemma, class, forms) in VERBS {
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
            entries.push((past, Form::PastOrParticiple));
        } else if lemma == "label" || lemma == "signal" {
            // British and American spellings, both past and participle.
            entries.push((past, Form::PastOrParticiple));
            entries.push((participle, Form::PastOrParticiple));
        } else {
            entries.push((past, Form::Past));
            entries.push((participle, Form::Participle));
        }
        for (form_word, mut form) in entries {
            if form == Form::Base && form_word == past {
                // "forecast", "cut": the base form is also the past.
                form = Form::PastOrParticiple;
            }
            let e = map.entry(form_word).or_default();
            if e.verb.is_none() {
                e.verb = Some(Verb {
                    lemma,
                    class,
                    form,
                    noun_too: NOUN_TOO.contains(&form_word),
                    core: CORE.contains(&lemma),
                });
            }
        }
    }
    map
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
        assert!(lookup("Ibáñez").is_none());
        assert!(lookup("").is_none());
    }
}
