//! A generator of realistic scraped news articles, at any size, for
//! benchmarks: several outlets report the same invented events in their own
//! words, with page furniture around the story (teasers, image slugs,
//! bylines, "Related Posts" blocks), attributed and unattributed quotes,
//! weasel phrases, anonymous sources, and figures that sometimes disagree
//! between outlets.
//!
//! Deterministic: the same seed gives the same corpus.

use std::fmt::Write;

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
const PLACES: &[&str] = &[
    "Valmera",
    "Port Ellis",
    "Krasnovo",
    "San Aurelio",
    "Brightwater",
    "Oduma",
    "Lake Tarrow",
    "North Halden",
    "Mirabel",
    "Cedar Falls",
    "Ostrava Nova",
    "Kilbride",
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
];
const OUTLETS: &[&str] = &[
    "Harbour Daily",
    "Coastal Wire",
    "Evening Ledger",
    "Metro Courier",
    "Valley Tribune",
    "Northern Post",
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
const FILLER: &[&str] = &[
    "Officials said crews would work through the night to restore access to the area.",
    "The council has scheduled an emergency session to review the response.",
    "Local businesses reported a sharp drop in customers during the week.",
    "Engineers will inspect neighbouring structures before they reopen.",
    "The regional government promised a full report within a month.",
    "Schools in the district will remain closed until further notice.",
    "Insurance assessors arrived on Thursday to begin reviewing claims.",
    "Volunteers set up a shelter at the community centre on Elm Street.",
];
const TEASERS: &[&str] = &[
    "City Council Approves New Cycling Lanes After Heated Debate",
    "Local Bakery Wins National Award for Sourdough",
    "Five Things to Know Before the Weekend Market Opens",
    "Stadium Renovation Plans Unveiled to Mixed Reviews",
    "Heatwave Expected to Break Records This Summer",
];

/// One event, shared by the articles that report it.
struct Event {
    kind: (&'static str, &'static str, &'static str),
    place: &'static str,
    weekday: &'static str,
    month: usize,
    day: usize,
    count: usize,
    cost_millions: usize,
    official: String,
    role: &'static str,
}

impl Event {
    fn new(rng: &mut Rng) -> Self {
        Self {
            kind: EVENTS[rng.below(EVENTS.len())],
            place: rng.pick(PLACES),
            weekday: rng.pick(WEEKDAYS),
            month: rng.below(12),
            day: 1 + rng.below(28),
            count: 3 + rng.below(40),
            cost_millions: 2 + rng.below(30),
            official: format!("{} {}", rng.pick(FIRST), rng.pick(LAST)),
            role: rng.pick(ROLES),
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

/// One article about `event` by `outlet`, about `paragraphs` paragraphs long.
fn article(event: &Event, outlet: &str, paragraphs: usize, rng: &mut Rng) -> String {
    let mut out = String::new();
    let (kind, verb, victims) = event.kind;
    // Page furniture at the top.
    if rng.chance(30) {
        out.push_str(rng.pick(WEEKDAYS));
        out.push_str("\n\n");
        let _ = writeln!(
            out,
            "{:02}-{:02}-2025 Vol {}\n",
            event.month + 1,
            event.day,
            100 + rng.below(900)
        );
    }
    if rng.chance(30) {
        out.push_str("Related videos:\n");
    }
    let headline = format!(
        "{} in {} Leaves {} Counting the Cost",
        capitalise(kind),
        event.place,
        if rng.chance(50) {
            "Residents"
        } else {
            "Officials"
        }
    );
    let _ = writeln!(out, "{headline}\n");
    // Possibly a disagreeing count.
    let count = if rng.chance(25) {
        event.count + 1 + rng.below(5)
    } else {
        event.count
    };
    let _ = writeln!(
        out,
        "{} ({}) — On {}, {} {} on {} {}, and {} {}, {} {} said.\n",
        event.place.to_uppercase(),
        outlet,
        event.weekday,
        verb,
        event.place,
        MONTHS[event.month],
        event.day,
        count_text(count, rng),
        victims,
        event.role,
        event.official
    );
    if rng.chance(50) {
        let _ = writeln!(
            out,
            "{}-{}-report-images-{}\n",
            kind,
            event.place.to_lowercase().replace(' ', "-"),
            rng.below(4)
        );
    }
    for p in 0..paragraphs {
        match rng.below(9) {
            0 => {
                let _ = writeln!(
                    out,
                    "\"We are doing everything we can to help the families affected,\" {} told reporters.\n",
                    event.official
                );
            }
            1 => {
                let _ = writeln!(out, "\"Nobody warned us this could happen.\"\n");
            }
            2 => {
                let _ = writeln!(
                    out,
                    "Repairs are expected to cost about ${} million, according to the city's finance office.\n",
                    event.cost_millions
                );
            }
            3 => {
                let _ = writeln!(
                    out,
                    "The damage is widely seen as the worst in a decade, and many residents believe the warnings came too late.\n"
                );
            }
            4 => {
                let _ = writeln!(
                    out,
                    "A senior official said the inquiry would examine the response, speaking on condition of anonymity.\n"
                );
            }
            5 => {
                let _ = writeln!(
                    out,
                    "More than {} homes were affected, and {}% of businesses in the district closed for at least {} days.\n",
                    100 * (1 + rng.below(40)),
                    5 + rng.below(60),
                    2 + rng.below(10)
                );
            }
            6 if p > 1 => {
                let _ = writeln!(out, "Also Read: {}\n", rng.pick(TEASERS));
            }
            _ => {
                let a = rng.pick(FILLER);
                let b = rng.pick(FILLER);
                let _ = writeln!(out, "{a} {b}\n");
            }
        }
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
        out.push_str("Leave a Reply\n");
    } else {
        let _ = writeln!(out, "{} {}", rng.pick(FIRST), rng.pick(LAST));
    }
    out
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// `n` articles, grouped by event (one to four outlets per event), each
/// about `paragraphs` paragraphs long. Returns `(file name, text)` pairs.
pub fn corpus(n: usize, paragraphs: usize, seed: u64) -> Vec<(String, String)> {
    let mut rng = Rng::new(seed);
    let mut out = Vec::with_capacity(n);
    while out.len() < n {
        let event = Event::new(&mut rng);
        let outlets = 1 + rng.below(4);
        for o in 0..outlets {
            if out.len() == n {
                break;
            }
            let outlet = OUTLETS[(o + rng.below(OUTLETS.len())) % OUTLETS.len()];
            let text = article(&event, outlet, paragraphs, &mut rng);
            out.push((format!("{:06}.txt", out.len()), text));
        }
    }
    out
}

/// One long article of about `bytes` bytes (a draft), about one event.
pub fn draft(bytes: usize, seed: u64) -> String {
    let mut rng = Rng::new(seed);
    let event = Event::new(&mut rng);
    let mut text = String::new();
    while text.len() < bytes {
        text.push_str(&article(&event, "Draft", 6, &mut rng));
    }
    text
}
