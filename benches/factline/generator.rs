//! A generator of realistic scraped news articles, at any size, for
//! benchmarks: several outlets report the same invented events in their own
//! words, with each outlet's page furniture around the story (mastheads,
//! teasers, image slugs, bylines, "Related Posts" blocks), attributed and
//! unattributed quotes, weasel phrases, anonymous sources, and figures that
//! sometimes disagree between outlets.
//!
//! Names come from large pools (hundreds of places, over a thousand
//! people), as in a real collection of sources: two events rarely share a
//! place and an official, so a figure's other mentions are the reports of
//! its own event, not of every event that happened to reuse a name. The
//! sentences vary with the outlet and the event, so the only lines that
//! repeat across many files are page furniture.
//!
//! Deterministic: the same seed gives the same corpus.

use std::fmt::Write;

/// Changes whenever the generated text does (corpora on disk are cached
/// under it).
pub const VERSION: u32 = 2;

/// A small, fast, deterministic random source (SplitMix64).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

const FIRST: &[&str] = &[
    "Amara", "Jonas", "Leticia", "Pavel", "Noor", "Tobias", "Ines", "Kwame", "Sofia", "Rafael",
    "Hana", "Dmitri", "Lucia", "Omar", "Freya", "Mateo", "Yusuf", "Greta", "Ana", "Tomasz",
    "Adaeze", "Bruno", "Carmen", "Desmond", "Elif", "Farid", "Gwen", "Hector", "Ilse", "Jamal",
    "Katarina", "Lorenzo", "Maren", "Nikolai", "Olga", "Priya", "Quentin", "Rosa", "Stellan",
    "Thandiwe",
];
const LAST: &[&str] = &[
    "Okafor",
    "Lindqvist",
    "Moreno",
    "Halvorsen",
    "Ibrahim",
    "Castellanos",
    "Novak",
    "Achebe",
    "Brennan",
    "Takahashi",
    "Duarte",
    "Petrov",
    "Quispe",
    "Whitfield",
    "Mensah",
    "Arslan",
    "Abernathy",
    "Bergstrom",
    "Cavanagh",
    "Delacroix",
    "Eriksen",
    "Fonseca",
    "Gallagher",
    "Haddad",
    "Iwasaki",
    "Jablonski",
    "Kowalczyk",
    "Laurent",
    "Marchetti",
    "Nakamura",
    "Oyelaran",
    "Pellegrini",
    "Rasmussen",
    "Santoro",
    "Thorvaldsen",
    "Uchenna",
    "Valdivia",
    "Wojcik",
    "Yilmaz",
    "Zamora",
];
const ROLES: &[&str] = &[
    "Mayor",
    "Police Chief",
    "Health Minister",
    "Fire Commissioner",
    "Governor",
    "Transport Secretary",
    "spokeswoman",
    "spokesman",
    "union leader",
    "harbour master",
];
/// Places are a prefix and a suffix: 22 × 20 = 440 names.
const PLACE_HEAD: &[&str] = &[
    "Val", "Kil", "Bright", "Os", "Mir", "Cedar", "Hal", "Ell", "Aur", "Tarrow", "Ash", "Elm",
    "Stone", "Red", "Glen", "Fair", "Ox", "Wren", "Dun", "Mar", "Thorn", "Bel",
];
const PLACE_TAIL: &[&str] = &[
    "mera", "bride", "water", "trava", "abel", "falls", "den", "ellis", "elio", "wick", "ford",
    "haven", "mouth", "dale", "field", "bury", "ton", "more", "gate", "crest",
];
const EVENTS: &[(&str, &str, &str)] = &[
    (
        "flood",
        "flooding swept through",
        "residents were evacuated",
    ),
    (
        "fire",
        "a warehouse fire broke out in",
        "firefighters were injured",
    ),
    ("crash", "a bus crashed outside", "passengers were hurt"),
    (
        "strike",
        "dockworkers walked out in",
        "containers were stranded",
    ),
    ("storm", "a storm battered", "homes lost power"),
    (
        "collapse",
        "a parking garage collapsed in",
        "people were trapped",
    ),
    (
        "blast",
        "a gas explosion tore through",
        "people were injured",
    ),
    (
        "derailment",
        "a freight train derailed near",
        "homes were evacuated",
    ),
];
/// Each outlet's furniture: a masthead, a footer, a share prompt.
const OUTLETS: &[(&str, &str, &str)] = &[
    (
        "Harbour Daily",
        "Harbour Daily | Local news, weather and sport",
        "© 2025 Harbour Daily. All rights reserved.",
    ),
    (
        "Coastal Wire",
        "COASTAL WIRE — Breaking news from the coast",
        "Coastal Wire is a member of the Regional Press Council.",
    ),
    (
        "Evening Ledger",
        "The Evening Ledger · Since 1887",
        "Copyright 2025 The Evening Ledger Company",
    ),
    (
        "Metro Courier",
        "Metro Courier | Subscribe for $1 a week",
        "Got a news tip? Email tips@metrocourier.example",
    ),
    (
        "Valley Tribune",
        "VALLEY TRIBUNE",
        "Valley Tribune — Independent journalism for the valley since 1952",
    ),
    (
        "Northern Post",
        "Northern Post: News, Opinion, Obituaries",
        "Terms of Use | Privacy Policy | Contact the Northern Post",
    ),
];
const WEEKDAYS: &[&str] = &["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];
const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const NUMBER_WORDS: &[&str] = &[
    "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
];
/// Background sentences; `{p}` is the event's place.
const FILLER: &[&str] = &[
    "Officials in {p} said crews would work through the night to restore access.",
    "The {p} council has scheduled an emergency session to review the response.",
    "Shop owners in {p} reported a sharp drop in customers during the week.",
    "Engineers will inspect neighbouring buildings in {p} before they reopen.",
    "The regional government promised {p} a full report within a month.",
    "Schools around {p} will remain closed until further notice.",
    "Insurance assessors arrived in {p} on Thursday to begin reviewing claims.",
    "Volunteers set up a shelter at the {p} community centre.",
    "Roads into {p} were reopened to residents by the evening.",
    "A helpline for families in {p} has been set up by the county.",
    "Residents of {p} queued for bottled water outside the town hall.",
    "The last comparable emergency in {p} was more than a decade ago.",
];
const TEASERS: &[&str] = &[
    "City Council Approves New Cycling Lanes After Heated Debate",
    "Local Bakery Wins National Award for Sourdough",
    "Five Things to Know Before the Weekend Market Opens",
    "Stadium Renovation Plans Unveiled to Mixed Reviews",
    "Heatwave Expected to Break Records This Summer",
    "School Board Delays Vote on Later Start Times",
    "Ferry Timetable Changes Take Effect Next Month",
    "Museum Reopens Its Maritime Gallery After Repairs",
];

/// One event, shared by the articles that report it.
struct Event {
    kind: (&'static str, &'static str, &'static str),
    place: String,
    weekday: &'static str,
    month: usize,
    day: usize,
    count: usize,
    cost_millions: usize,
    homes: usize,
    official: String,
    role: &'static str,
    /// A second person quoted (a resident or a witness).
    witness: String,
}

impl Event {
    fn new(rng: &mut Rng) -> Self {
        let place = format!("{}{}", rng.pick(PLACE_HEAD), rng.pick(PLACE_TAIL));
        Self {
            kind: EVENTS[rng.below(EVENTS.len())],
            place,
            weekday: rng.pick(WEEKDAYS),
            month: rng.below(12),
            day: 1 + rng.below(27),
            count: 3 + rng.below(40),
            cost_millions: 2 + rng.below(30),
            homes: 100 * (1 + rng.below(40)),
            official: format!("{} {}", rng.pick(FIRST), rng.pick(LAST)),
            role: rng.pick(ROLES),
            witness: format!("{} {}", rng.pick(FIRST), rng.pick(LAST)),
        }
    }
}

fn count_text(n: usize, rng: &mut Rng) -> String {
    if n >= 2 && n - 2 < NUMBER_WORDS.len() && rng.chance(40) {
        NUMBER_WORDS[n - 2].to_string()
    } else {
        n.to_string()
    }
}

/// A figure as one outlet reports it: usually the event's, sometimes not.
fn reported(value: usize, rng: &mut Rng, percent_off: usize) -> usize {
    if rng.chance(percent_off) {
        value + 1 + rng.below(5)
    } else {
        value
    }
}

/// Which furniture an article carries: a whole page as scraped, or only
/// the story (a draft, or a careful copy).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Page {
    Scraped,
    Story,
}

/// One article about `event` by outlet `outlet`, about `paragraphs`
/// paragraphs long.
fn article(event: &Event, outlet: usize, paragraphs: usize, page: Page, rng: &mut Rng) -> String {
    let mut out = String::new();
    let (name, masthead, footer) = OUTLETS[outlet % OUTLETS.len()];
    let (kind, verb, victims) = event.kind;
    let place = event.place.as_str();
    let scraped = page == Page::Scraped;
    // Page furniture at the top.
    if scraped {
        let _ = writeln!(out, "{masthead}\n");
        if rng.chance(30) {
            let _ = writeln!(
                out,
                "{}\n\n{:02}-{:02}-2025 Vol {}\n",
                rng.pick(WEEKDAYS),
                event.month + 1,
                event.day,
                100 + rng.below(900)
            );
        }
        if rng.chance(30) {
            out.push_str("Related videos:\n\n");
        }
    }
    let headline = match rng.below(3) {
        0 => format!(
            "{} in {place} Leaves {} Counting the Cost",
            capitalise(kind),
            if rng.chance(50) {
                "Residents"
            } else {
                "Officials"
            }
        ),
        1 => format!(
            "{place} {} Prompts Questions Over Warnings",
            capitalise(kind)
        ),
        _ => format!("What We Know About the {place} {}", capitalise(kind)),
    };
    let _ = writeln!(out, "{headline}\n");
    let count = reported(event.count, rng, 25);
    let day = if rng.chance(10) {
        event.day + 1
    } else {
        event.day
    };
    let month = MONTHS[event.month];
    let lead = match rng.below(3) {
        0 => format!(
            "{} ({name}) — On {}, {verb} {place} on {month} {day}, and {} {victims}, {} {} said.",
            place.to_uppercase(),
            event.weekday,
            count_text(count, rng),
            event.role,
            event.official
        ),
        1 => format!(
            "{} {victims} after {verb} {place} on {month} {day}, according to {} {}.",
            capitalise(&count_text(count, rng)),
            event.role,
            event.official
        ),
        _ => format!(
            "{verb} {place} on {}, {month} {day}. {} {} said {} {victims}.",
            event.weekday,
            capitalise(event.role),
            event.official,
            count_text(count, rng)
        ),
    };
    let _ = writeln!(out, "{}\n", capitalise(&lead));
    if scraped && rng.chance(50) {
        let _ = writeln!(
            out,
            "{}-{}-report-images-{}\n",
            kind,
            place.to_lowercase(),
            rng.below(4)
        );
    }
    let surname = event.official.rsplit(' ').next().unwrap_or("");
    for p in 0..paragraphs {
        let paragraph = match rng.below(11) {
            0 => format!(
                "\"{}\" {} {}.",
                rng.pick(&[
                    "We are doing everything we can to help the families",
                    "Our priority is getting people back into their homes",
                    "Every department is working on this around the clock",
                    "We will find out what went wrong, and we will say so publicly",
                    "I want to thank the crews who worked through the night",
                ]),
                event.official,
                rng.pick(&[
                    "told reporters",
                    "said at a briefing",
                    "said in a statement",
                    "told a news conference",
                ])
            ),
            1 => format!(
                "\"{}\"",
                rng.pick(&[
                    "Nobody warned us this could happen.",
                    "We lost everything in a single night.",
                    "It was like nothing I have ever seen.",
                    "They knew about the problem for years.",
                    "Help took far too long to arrive.",
                ])
            ),
            2 => {
                let cost = reported(event.cost_millions, rng, 20);
                match rng.below(3) {
                    0 => format!(
                        "Repairs in {place} are expected to cost about ${cost} million, according to the {}.",
                        rng.pick(&[
                            "city's finance office",
                            "county treasurer",
                            "regional budget office"
                        ])
                    ),
                    1 => format!(
                        "The {kind} caused an estimated ${cost} million in damage, {surname} {}.",
                        rng.pick(&["said", "told the council", "said on the radio"])
                    ),
                    _ => format!(
                        "{} put the bill for the {place} {kind} at ${cost} million.",
                        rng.pick(&["Insurers", "The finance office", "Early estimates"])
                    ),
                }
            }
            3 => format!(
                "The damage is widely seen as the worst {}, and many residents believe {}.",
                rng.pick(&[
                    "in a decade",
                    "in a generation",
                    "in living memory",
                    "in years"
                ]),
                rng.pick(&[
                    "the warnings came too late",
                    "the town was unprepared",
                    "help was slow to arrive",
                    "the inspections were ignored",
                ])
            ),
            4 => format!(
                "{} said the inquiry would {}, speaking on condition of anonymity.",
                rng.pick(&[
                    "A senior official",
                    "A person familiar with the inquiry",
                    "One official involved in the response",
                ]),
                rng.pick(&[
                    "examine the response",
                    "look at the warnings given before the {kind}",
                    "report by the spring",
                    "question the emergency services",
                ])
                .replace("{kind}", kind)
            ),
            5 => {
                let homes = reported(event.homes, rng, 15);
                format!(
                    "{} {homes} homes {}, and {}% of businesses in the district closed for at least {} days.",
                    rng.pick(&["More than", "Nearly", "About"]),
                    rng.pick(&["were affected", "were damaged", "lost power or water"]),
                    5 + rng.below(60),
                    2 + rng.below(10)
                )
            }
            6 => format!(
                "\"{}\" said {}, {} {place} for {} years.",
                rng.pick(&[
                    "It came up faster than anyone expected,",
                    "We had ten minutes to get out,",
                    "I heard it before I saw anything,",
                    "The whole street was out helping,",
                ]),
                event.witness,
                rng.pick(&[
                    "who has lived in",
                    "who has run a shop in",
                    "who has worked in"
                ]),
                3 + rng.below(40)
            ),
            7 => format!(
                "{} the authorities ignored earlier {}, a claim {surname} rejected.",
                rng.pick(&["Critics say", "Some argue", "Opponents claim"]),
                rng.pick(&["inspections", "complaints", "safety reports", "warnings"])
            ),
            8 if scraped && p > 1 => format!("Also Read: {}", rng.pick(TEASERS)),
            _ => {
                let a = rng.pick(FILLER).replace("{p}", place);
                let b = rng.pick(FILLER).replace("{p}", place);
                if a == b { a } else { format!("{a} {b}") }
            }
        };
        let _ = writeln!(out, "{paragraph}\n");
    }
    if !scraped {
        return out;
    }
    // Page furniture at the bottom.
    if rng.chance(40) {
        out.push_str("Related Posts\n\n");
        for _ in 0..3 {
            let t = rng.pick(TEASERS);
            let _ = writeln!(
                out,
                "{t}\n\n{t}\n\nEver wondered what happens next? Here is the story everyone is talking about and why it matters to…\n"
            );
        }
    }
    if rng.chance(40) {
        out.push_str("Leave a Reply\n\n");
    } else {
        let _ = writeln!(out, "By {} {}\n", rng.pick(FIRST), rng.pick(LAST));
    }
    let _ = writeln!(out, "{footer}");
    out
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// The events of a corpus, in order, from its seed, each with the number
/// of outlets that report it.
fn events(seed: u64) -> impl Iterator<Item = (Event, usize)> {
    let mut rng = Rng::new(seed ^ 0xE7E7);
    std::iter::from_fn(move || {
        let event = Event::new(&mut rng);
        let outlets = 1 + rng.below(4);
        Some((event, outlets))
    })
}

/// `n` articles, grouped by event (one to four outlets per event), each
/// about `paragraphs` paragraphs long. Returns `(file name, text)` pairs.
pub fn corpus(n: usize, paragraphs: usize, seed: u64) -> Vec<(String, String)> {
    let mut rng = Rng::new(seed);
    let mut out = Vec::with_capacity(n);
    for (event, outlets) in events(seed) {
        let first = rng.below(OUTLETS.len());
        for o in 0..outlets {
            if out.len() == n {
                return out;
            }
            let text = article(&event, first + o, paragraphs, Page::Scraped, &mut rng);
            out.push((format!("{:06}.txt", out.len()), text));
        }
    }
    out
}

/// A fact-checker's draft of about `bytes` bytes: a round-up of the first
/// events of the corpus generated with `corpus_seed` (the stories alone, no
/// furniture), so its figures have other mentions in that corpus, some of
/// them disagreeing.
pub fn draft(bytes: usize, corpus_seed: u64, seed: u64) -> String {
    let mut rng = Rng::new(seed);
    let mut text = String::new();
    for (event, _) in events(corpus_seed) {
        if text.len() >= bytes {
            break;
        }
        text.push_str(&article(&event, 0, 10, Page::Story, &mut rng));
        text.push('\n');
    }
    text
}
