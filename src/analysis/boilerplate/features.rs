//! Shallow text features of one unit (a paragraph: usually one line of a
//! scraped article), computed in one pass without allocating.
//!
//! These are the features of the published shallow-text approaches
//! (Kohlschütter et al. 2010; Pomikálek's jusText): word count, stop-word
//! density, whether the text ends like a sentence, and the capitalisation
//! pattern, plus a few that scraped news needs: slug shape, reader-interface
//! vocabulary, quotation marks and date-only text.

use super::words::{is_any_function_word, is_stop_word};

/// What one unit looks like, before its neighbours are considered.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Features {
    /// Tokens with at least one letter or digit.
    pub words: u32,
    /// Function words among them.
    pub stop_words: u32,
    /// Words that start with a capital letter.
    pub capitalised: u32,
    /// Lexical words (not function words) with a letter.
    pub lexical: u32,
    /// Lexical words that start with a capital letter.
    pub lexical_capitalised: u32,
    /// Words that start with a digit ("2008", "16th", "4:20pm").
    pub numeric: u32,
    /// Characters (Unicode scalar values), surrounding white space excluded.
    pub chars: u32,
    /// Ends like a sentence: `.`, `!` or `?`, possibly before closing quotes
    /// or brackets (a trailing ellipsis is not a sentence end).
    pub terminal: bool,
    /// Ends with `…` or `...` right after a word: a blurb cut off.
    pub truncated: bool,
    /// Ends with `:`.
    pub colon_end: bool,
    /// Ends with `?`.
    pub question: bool,
    /// Starts with an opening quotation mark.
    pub starts_quote: bool,
    /// Contains a quotation of three or more words.
    pub has_quotation: bool,
    /// Starts with a list marker (`-`, `•`, `*`, `1.`, `2)`).
    pub bullet: bool,
    /// Second-person words (you, your) outside quotation marks.
    pub second_person: u32,
    /// Words that only a web page uses about itself (newsletter,
    /// notification, password, cookies, javascript, inbox…).
    pub interface_words: u32,
    /// Words a page uses about itself but news uses too (email, share,
    /// print, sign, website).
    pub weak_interface_words: u32,
    /// One token of lowercase letters and digits joined by four or more
    /// hyphens (or an image file name): a URL slug or image name.
    pub slug: bool,
    /// Only dates, times, weekdays, months and masthead words ("Vol",
    /// "Published", "Updated"): a date stamp.
    pub date_only: bool,
    /// Has a masthead word: Published, Updated, Posted, Vol.
    pub stamp_word: bool,
}

impl Features {
    /// Share of function words among the words (0 for an empty unit).
    pub fn stop_density(&self) -> f32 {
        if self.words == 0 {
            0.0
        } else {
            self.stop_words as f32 / self.words as f32
        }
    }

    /// Reads like a sentence of prose: three or more words, a sentence
    /// end, and function words among them (a line-up of names ending with
    /// a period has none).
    pub fn sentence(&self) -> bool {
        self.words >= 3 && self.terminal && self.stop_words >= 1
    }

    /// Title Case: most lexical words capitalised ("Harlow Bridge Council
    /// Backs Plan for Riverside Market").
    pub fn title_case(&self) -> bool {
        self.lexical >= 2 && self.lexical_capitalised * 10 >= self.lexical * 8
    }

    /// A name alone ("Rowan Pike"): two to four capitalised words,
    /// nothing else.
    pub fn name_shaped(&self) -> bool {
        (2..=4).contains(&self.words)
            && self.capitalised == self.words
            && self.numeric == 0
            && self.stop_words == 0
            && !self.terminal
            && !self.colon_end
    }
}

/// Words about the page and its machinery: 2 for words news text hardly
/// uses ("newsletter", "javascript"), 1 for words it also uses ("email",
/// "share"), 0 otherwise.
fn interface_weight(lower: &str) -> u8 {
    match lower {
        "subscribe" | "subscribed" | "subscriber" | "subscribers" | "subscription"
        | "newsletter" | "newsletters" | "notification" | "notifications" | "login" | "logged"
        | "signup" | "password" | "username" | "account" | "profile" | "verification"
        | "register" | "registering" | "registration" | "comment" | "comments" | "commenting"
        | "cookie" | "cookies" | "browser" | "javascript" | "inbox" | "click" | "app"
        | "bookmark" | "rss" | "e-edition" | "eedition" | "ad-free" | "homepage" | "webpage" => 2,
        "email" | "e-mail" | "share" | "print" | "sign" | "log" | "tap" | "download"
        | "website" => 1,
        _ => 0,
    }
}

/// A month or weekday of the lexicon, or a relative day: date evidence.
fn is_month_or_weekday(lower: &str) -> bool {
    super::words::is_month_or_weekday(lower) || matches!(lower, "today" | "yesterday")
}

/// Words that may stand in a date stamp besides dates and times.
fn is_stamp_word(lower: &str) -> bool {
    matches!(
        lower,
        "published" | "updated" | "posted" | "modified" | "vol" | "volume" | "edition" | "issue"
    )
}

fn is_date_filler(lower: &str) -> bool {
    matches!(
        lower,
        "at" | "on"
            | "last"
            | "am"
            | "pm"
            | "a.m"
            | "p.m"
            | "est"
            | "edt"
            | "cst"
            | "cdt"
            | "mst"
            | "mdt"
            | "pst"
            | "pdt"
            | "et"
            | "ct"
            | "pt"
            | "gmt"
            | "utc"
            | "bst"
            | "cet"
            | "no"
            | "and"
            | "th"
            | "st"
            | "nd"
            | "rd"
    )
}

fn is_open_quote(c: char) -> bool {
    matches!(c, '"' | '“' | '‘' | '«' | '„')
}

fn is_closing(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | ')' | ']' | '»' | '›')
}

/// Lower-cases an ASCII-ish word into `buf`; `None` when it does not fit
/// or has characters a keyword never has.
fn lower_into<'b>(word: &str, buf: &'b mut [u8; 24]) -> Option<&'b str> {
    let mut n = 0;
    for c in word.chars() {
        let b = match c {
            '’' => b'\'',
            c if c.is_ascii() => c.to_ascii_lowercase() as u8,
            _ => return None,
        };
        if n == buf.len() {
            return None;
        }
        buf[n] = b;
        n += 1;
    }
    std::str::from_utf8(&buf[..n]).ok()
}

/// Computes the features of `text` (one unit, may contain line breaks).
pub fn features(text: &str) -> Features {
    let text = text.trim();
    let mut f = Features {
        chars: text.chars().count() as u32,
        ..Features::default()
    };
    if text.is_empty() {
        return f;
    }

    // Ends.
    let core = text.trim_end_matches(is_closing);
    let last = core.chars().next_back();
    f.truncated = core.ends_with('…') || core.ends_with("...");
    f.terminal = !f.truncated && matches!(last, Some('.' | '!' | '?'));
    f.question = last == Some('?');
    f.colon_end = text.ends_with(':');
    let first = text.chars().next().unwrap_or(' ');
    f.starts_quote = is_open_quote(first);
    f.bullet = matches!(first, '-' | '•' | '*' | '·' | '▪' | '‣' | '–' | '—') || {
        let digits = text.bytes().take_while(u8::is_ascii_digit).count();
        (1..=2).contains(&digits)
            && matches!(text.as_bytes().get(digits), Some(b'.' | b')'))
            && text.as_bytes().get(digits + 1) == Some(&b' ')
    };

    // Words.
    let mut in_quote = false;
    let mut quote_words = 0u32;
    let mut date_only = true;
    let mut date_evidence = false;
    let mut buf = [0u8; 24];
    for raw in text.split_whitespace() {
        // Quotation state: an opening mark before the word, a closing
        // mark after it.
        let opens = raw.starts_with(is_open_quote);
        if opens && !in_quote {
            in_quote = true;
            quote_words = 0;
        }
        let word = raw.trim_matches(|c: char| !c.is_alphanumeric());
        let closes = raw.ends_with(['”', '"'])
            || raw
                .trim_end_matches([',', '.', '?', '!'])
                .ends_with(['”', '"']);
        if !word.is_empty() {
            f.words += 1;
            let stop = is_any_function_word(word);
            let upper = word.chars().next().is_some_and(char::is_uppercase);
            let has_letter = word.chars().any(char::is_alphabetic);
            if stop {
                f.stop_words += 1;
            } else if has_letter {
                f.lexical += 1;
                if upper {
                    f.lexical_capitalised += 1;
                }
            }
            if upper {
                f.capitalised += 1;
            }
            if !has_letter || word.starts_with(|c: char| c.is_ascii_digit()) {
                f.numeric += 1;
            }
            if in_quote {
                quote_words += 1;
            }
            match lower_into(word, &mut buf) {
                Some(lower) => {
                    if !in_quote {
                        if matches!(
                            lower,
                            "you" | "your" | "you're" | "yours" | "you'll" | "you've"
                        ) {
                            f.second_person += 1;
                        }
                        match interface_weight(lower) {
                            2 => f.interface_words += 1,
                            1 => f.weak_interface_words += 1,
                            _ => {}
                        }
                    }
                    // Date words matter only while the unit may still be a
                    // date stamp (a dozen words at most).
                    if date_only && f.words <= 12 {
                        if is_stamp_word(lower) {
                            f.stamp_word = true;
                            date_evidence = true;
                        } else if is_month_or_weekday(lower) || is_date_number(word) {
                            date_evidence = true;
                        } else if !is_number_like(lower) && !is_date_filler(lower) {
                            date_only = false;
                        }
                    }
                }
                None => date_only = false,
            }
        }
        if in_quote && closes && !(opens && raw.len() <= 1) {
            if quote_words >= 3 {
                f.has_quotation = true;
            }
            in_quote = false;
        }
    }
    if in_quote && quote_words >= 3 && f.starts_quote {
        // A quotation that runs to the end of the unit (or beyond it).
        f.has_quotation = true;
    }
    f.date_only = date_only && date_evidence && f.words <= 12;
    f.slug = is_slug(text);
    f
}

/// A number that can only be part of a date or a time: "03-09-2024",
/// "2024-09-03", "30/12", "6:48", "7:45am", "2008". Not a phone number
/// ("014-2023") or a coordinate ("41.503318").
fn is_date_number(word: &str) -> bool {
    let word = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    if word.len() == 4 && (word.starts_with("19") || word.starts_with("20")) {
        return word.bytes().all(|b| b.is_ascii_digit());
    }
    let sep = if word.contains(':') {
        ':'
    } else if word.contains('-') {
        '-'
    } else if word.contains('/') {
        '/'
    } else if word.contains('.') {
        '.'
    } else {
        return false;
    };
    let parts: Vec<&str> = word.split(sep).collect();
    if !(2..=3).contains(&parts.len())
        || parts
            .iter()
            .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return false;
    }
    let lens: Vec<usize> = parts.iter().map(|p| p.len()).collect();
    if sep == ':' {
        matches!(lens.as_slice(), [1 | 2, 2] | [1 | 2, 2, 2])
    } else {
        matches!(
            lens.as_slice(),
            [1 | 2, 1 | 2] | [1 | 2, 1 | 2, 2 | 4] | [4, 1 | 2, 1 | 2]
        )
    }
}

/// "517", "03-09-2024", "7:45am", "21st": starts with a digit and has
/// at most two letters.
fn is_number_like(lower: &str) -> bool {
    lower.starts_with(|c: char| c.is_ascii_digit())
        && lower.bytes().filter(u8::is_ascii_alphabetic).count() <= 2
}

/// `valmera-port-crane-collapse-images-0`, `storm-damage.jpg`.
fn is_slug(text: &str) -> bool {
    if text.contains(char::is_whitespace) || text.len() < 8 {
        return false;
    }
    let lower = text.to_ascii_lowercase();
    if [".jpg", ".jpeg", ".png", ".gif", ".webp"]
        .iter()
        .any(|ext| lower.ends_with(ext))
    {
        return true;
    }
    let hyphens = text.bytes().filter(|&b| b == b'-' || b == b'_').count();
    hyphens >= 4
        && text
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
        && text.bytes().filter(u8::is_ascii_lowercase).count() >= 6
}

/// Lexical (non-function) words of at least three letters, lower-cased,
/// for word-overlap measures. Allocates; used on a few units only.
pub fn content_words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .filter(|w| w.chars().count() >= 3 && !is_stop_word(w))
        .map(|w| w.to_lowercase().replace('’', "'"))
}

/// A hash of a unit's text that ignores case, punctuation, spacing and the
/// values of numbers ("© 2016" and "© 2017" agree), for finding the same
/// template text in several documents. FNV-1a over the normalised text.
pub fn normalised_hash(text: &str) -> u64 {
    use std::hash::Hasher;
    let mut h = fnv::FnvHasher::default();
    let mut sep = false;
    let mut digit = false;
    let mut any = false;
    let feed = |b: u8, h: &mut fnv::FnvHasher| h.write_u8(b);
    for c in text.chars() {
        if c.is_numeric() {
            if !digit {
                if sep && any {
                    feed(b' ', &mut h);
                }
                feed(b'0', &mut h);
                any = true;
            }
            digit = true;
            sep = false;
        } else if c.is_alphanumeric() {
            if sep && any {
                feed(b' ', &mut h);
            }
            if c.is_ascii() {
                feed(c.to_ascii_lowercase() as u8, &mut h);
            } else {
                for l in c.to_lowercase() {
                    let mut b = [0u8; 4];
                    for &byte in l.encode_utf8(&mut b).as_bytes() {
                        feed(byte, &mut h);
                    }
                }
            }
            any = true;
            digit = false;
            sep = false;
        } else {
            sep = true;
            digit = false;
        }
    }
    if any { h.finish() } else { 0 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prose_and_headlines_differ() {
        let prose = features(
            "The council said on Monday that the bridge would stay closed until the inspection ends.",
        );
        assert!(prose.sentence());
        assert!(prose.stop_density() > 0.3);
        let headline = features("Harlow Bridge Council Backs Mayor’s Plan for Riverside Market");
        assert!(!headline.sentence());
        assert!(headline.title_case());
        assert!(features("Rowan Pike").name_shaped());
        assert!(!features("The Mayor Resigns").name_shaped());
    }

    #[test]
    fn ends_quotes_and_bullets() {
        let f = features("Ever wondered what it takes to keep a lighthouse running on a remote…");
        assert!(f.truncated && !f.terminal);
        assert!(features("“We counted twelve casualties,” said the chief.").has_quotation);
        assert!(features("“It just folded in the middle, like paper.”").starts_quote);
        assert!(features("- Two people were injured").bullet);
        assert!(features("2. Schools stay closed").bullet);
        assert!(!features("2016 was a hard year.").bullet);
        let q = features("What does the closure mean?");
        assert!(q.question && q.terminal);
    }

    #[test]
    fn slugs_dates_and_interface_words() {
        assert!(
            features("valmera-port-reopens-after-crane-collapse-inquiry-findings-images-0").slug
        );
        assert!(features("bridge_collapse_04.JPG").slug);
        assert!(!features("well-to-do-looking").slug);
        assert!(!features("Anti-government-protest ends").slug);
        for d in [
            "Sunday",
            "03-09-2024 Vol 517",
            "Dec 30 2007",
            "Last Updated at 6:48 p.m.",
            "9 March 2011: 7:45am |",
            "Published Tuesday, 3 May",
        ] {
            assert!(features(d).date_only, "{d}");
        }
        assert!(!features("Sunday service resumes").date_only);
        assert!(!features("(555) 014-2023").date_only);
        assert!(!features("41.503318 -72.117402").date_only);
        assert!(!features("8,200").date_only);
        assert!(!features("May 5").stamp_word);
        let ui = features("Your notification has been saved.");
        assert_eq!((ui.second_person, ui.interface_words), (1, 1));
        let quoted = features("“Sign up for your newsletter,” she joked.");
        assert_eq!(quoted.second_person, 0);
    }

    #[test]
    fn hash_ignores_case_spacing_punctuation_and_numbers() {
        assert_eq!(
            normalised_hash("© 2016 Harbor Ledger Media Group."),
            normalised_hash("©  2017 harbor ledger media group")
        );
        assert_ne!(
            normalised_hash("Advertisement"),
            normalised_hash("Advertisements")
        );
        assert_eq!(normalised_hash(" — "), 0);
    }

    #[test]
    fn odd_text_does_not_panic() {
        for t in [
            "",
            " ",
            "😀",
            "“",
            "”",
            "...",
            "a\r\nb",
            "1.",
            "-",
            "“”“”",
            "'''",
        ] {
            let _ = features(t);
            let _ = normalised_hash(t);
        }
    }
}
