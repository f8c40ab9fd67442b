//! Adversarial texts: shapes that make a careless analysis quadratic.
//!
//! Each shape is a plain-text source of about the requested size, built
//! from short invented sentences repeated with varying numbers, names and
//! places. Shared by the `adversarial` benchmark group and the
//! `linear_time` tests (which include this file by path).

/// Every shape, by name.
pub const SHAPES: &[&str] = &[
    "figures",
    "figure-runs",
    "named-figures",
    "same-number",
    "quotes",
    "quote-chain",
    "unbalanced-quotes",
    "curly-quotes",
    "long-line",
    "names",
    "boilerplate-cues",
];

const PLACES: &[&str] = &[
    "Carrow",
    "Dunmore",
    "Kilford",
    "Ashwick",
    "Redmore",
    "Glenhaven",
    "Belcrest",
    "Thornfield",
    "Valmera",
    "Estavia",
    "Corvania",
    "Ostral",
];
const PEOPLE: &[&str] = &[
    "Maren Voss",
    "Darnell Quist",
    "Ilse Brandt",
    "Tomas Reyner",
    "Odile Marsh",
    "Kofi Lindqvist",
    "Ana Castellan",
    "Piet Aldana",
];
const THINGS: &[&str] = &[
    "people were killed",
    "people were injured",
    "workers were evacuated",
    "homes were damaged",
    "suspects were arrested",
];

/// A capitalised invented name, different for each `n` below 1,728.
fn invented_name(n: usize) -> String {
    const SYLLABLES: &[&str] = &[
        "ka", "lo", "mi", "ren", "tor", "vas", "qui", "bel", "dor", "fen", "gar", "hul",
    ];
    let k = SYLLABLES.len();
    let mut name = String::new();
    for d in [n % k, (n / k) % k, (n / k / k) % k] {
        name.push_str(SYLLABLES[d]);
    }
    let mut c = name.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// A text of shape `shape` of about `bytes` bytes (at least one unit).
/// Unknown shapes give an empty text.
pub fn text(shape: &str, bytes: usize) -> String {
    let mut out = String::with_capacity(bytes + 256);
    let mut i = 0usize;
    if shape == "long-line" {
        // One line, no punctuation at all.
        while out.len() < bytes {
            out.push_str(match i % 7 {
                0 => "the ",
                1 => "river ",
                2 => "rose ",
                3 => "slowly ",
                4 => "past ",
                5 => "several ",
                _ => "farms ",
            });
            i += 1;
        }
        return out;
    }
    while out.len() < bytes {
        let place = PLACES[i % PLACES.len()];
        let person = PEOPLE[(i / 3) % PEOPLE.len()];
        let thing = THINGS[(i / 2) % THINGS.len()];
        match shape {
            // One paragraph full of figures: every sentence counts
            // something, near a place, with a different number.
            "figures" => out.push_str(&format!(
                "In {place} {} {thing} and {}% of the {} budget was spent, officials said on {} March. ",
                3 + i % 997,
                1 + i % 89,
                1990 + i % 30,
                1 + i % 28,
            )),
            // Long sentences of figures with no punctuation, a line each.
            "figure-runs" => {
                out.push_str(&format!("{} {thing} in {place} and ", 3 + i % 997));
                if i % 200 == 199 {
                    out.push_str("more\n");
                }
            }
            // One paragraph of figures, each sentence naming new people.
            "named-figures" => out.push_str(&format!(
                "{} {} of {} said {} people were killed in Harlow. ",
                invented_name(i),
                invented_name(i * 7 + 3),
                invented_name(i * 13 + 5),
                10 + i % 90,
            )),
            // Thousands of sentences with the same number, seven to a
            // paragraph (so that no line repeats).
            "same-number" => {
                out.push_str(&format!("Police in {place} said 42 {thing} near the station."));
                out.push_str(if i % 7 == 6 { "\n" } else { " " });
            }
            "quotes" => out.push_str(&format!(
                "“We will rebuild the bridge at {place} before the winter,” {person} said. “It is the only road.”\n"
            )),
            // Quotations and speakers in one sentence that never ends.
            "quote-chain" => out.push_str(&format!(
                "“we stay in {place}” said {person} and "
            )),
            // Opening quotes that are never closed, in one paragraph.
            "unbalanced-quotes" => out.push_str(&format!(
                "“The storm in {place} was worse than {person} expected and “nobody had planned for it "
            )),
            // Nothing but curly quotation marks and a few words.
            "curly-quotes" => out.push_str(if i % 16 == 15 {
                "“‘yes’” "
            } else {
                "“”‘’"
            }),
            // Thousands of capitalised names, one paragraph.
            "names" => out.push_str(&format!(
                "{person} Of {place} Met {} {} And The {place} Council ",
                PEOPLE[(i * 5 + 1) % PEOPLE.len()],
                PLACES[(i * 7 + 3) % PLACES.len()],
            )),
            // Page-furniture cues repeated line after line.
            "boilerplate-cues" => out.push_str(match i % 4 {
                0 => "Share this article on Facebook Twitter Email\n",
                1 => "Subscribe to our newsletter. Sign up now. Read more:\n",
                2 => "Advertisement - Continue reading below. Related: Most read\n",
                _ => "© 2024 All rights reserved. Cookie policy. Terms of use.\n",
            }),
            _ => return String::new(),
        }
        i += 1;
    }
    out
}
