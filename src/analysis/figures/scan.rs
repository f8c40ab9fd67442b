//! The recogniser: sentences → tokens → numbers → figures.
//!
//! Three passes over each sentence's tokens:
//! 1. expressions read straight from tokens: dates with a month name or in
//!    digits, times of day and phone numbers (consumed, not figures),
//!    "maiden"/"inaugural" (a first);
//! 2. numbers: digits (validated: "22,24" is not a number, "1.2.3" is not
//!    one number) and runs of number words parsed by `text2num`, joined with
//!    scale words ("2.5 million", "$20m"), "a dozen", vague plurals
//!    ("hundreds of thousands");
//! 3. figures: each number with its hedge, currency, percent sign, unit of
//!    time or range partner, after the checks that reject identifiers.

use std::borrow::Cow;
use std::sync::Arc;
use std::sync::LazyLock;

use text2num::lang::English;

use super::counted;
use super::interval::{Interval, Qualifier, interval};
use super::lexicon::{self, TimeUnit};
use super::token::{Tok, TokKind, tokenize};
use super::{DateValue, Figure, FigureKind, Fnv};
use crate::analysis::language::Lang;
use crate::analysis::text::Segmentation;

static EN: LazyLock<English> = LazyLock::new(English::default);

/// One sentence's tokens, with a lower-case copy of each.
pub(super) struct Sent<'a> {
    pub text: &'a str,
    pub toks: Vec<Tok>,
    lower: String,
    lspans: Vec<(usize, usize)>,
    /// Digits are read with a decimal comma ("1.200" is 1,200).
    pub decimal_comma: bool,
    /// The text's language, for its function words.
    pub lang: Lang,
}

impl<'a> Sent<'a> {
    fn new(text: &'a str) -> Self {
        Self {
            text,
            decimal_comma: false,
            lang: Lang::English,
            toks: Vec::new(),
            lower: String::new(),
            lspans: Vec::new(),
        }
    }

    /// Whether a lower-case word is a function word of the text's language
    /// (English's for a text of unknown language).
    pub fn is_stop(&self, lw: &str) -> bool {
        match self.lang {
            Lang::Spanish => crate::analysis::language::lexicon(Lang::Spanish).is_stop_word(lw),
            _ => lexicon::STOPWORDS.contains(lw),
        }
    }

    fn load(&mut self, span: std::ops::Range<usize>) {
        self.toks.clear();
        self.lower.clear();
        self.lspans.clear();
        tokenize(self.text, span, &mut self.toks);
        for t in &self.toks {
            let s = t.text(self.text);
            let a = self.lower.len();
            if s.is_ascii() {
                self.lower.push_str(s);
                self.lower[a..].make_ascii_lowercase();
            } else {
                for c in s.chars() {
                    self.lower.extend(c.to_lowercase());
                }
            }
            self.lspans.push((a, self.lower.len()));
        }
    }

    pub fn len(&self) -> usize {
        self.toks.len()
    }

    /// Lower-case text of token `i` ("" out of range).
    pub fn lw(&self, i: usize) -> &str {
        self.lspans
            .get(i)
            .and_then(|&(a, b)| self.lower.get(a..b))
            .unwrap_or("")
    }

    /// Original text of token `i`.
    pub fn tx(&self, i: usize) -> &'a str {
        self.toks.get(i).map_or("", |t| t.text(self.text))
    }

    pub fn kind(&self, i: usize) -> Option<TokKind> {
        self.toks.get(i).map(|t| t.kind)
    }

    pub fn is_word(&self, i: usize) -> bool {
        self.kind(i) == Some(TokKind::Word)
    }

    pub fn is_num(&self, i: usize) -> bool {
        self.kind(i) == Some(TokKind::Num)
    }

    pub fn is_sym(&self, i: usize, c: &str) -> bool {
        self.kind(i) == Some(TokKind::Sym) && self.tx(i) == c
    }

    /// Whether token `i` is glued to the one before.
    pub fn attached(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| !t.space_before)
    }

    /// A word starting with an upper-case letter.
    pub fn is_cap(&self, i: usize) -> bool {
        self.is_word(i) && self.tx(i).chars().next().is_some_and(char::is_uppercase)
    }

    pub fn start(&self, i: usize) -> usize {
        self.toks.get(i).map_or(0, |t| t.start)
    }

    pub fn end(&self, i: usize) -> usize {
        self.toks.get(i).map_or(0, |t| t.end)
    }

    /// A headline in title case: most words of four letters or more
    /// capitalised ("4 People Hurt Near Bus Depot").
    pub fn title_case(&self) -> bool {
        let (mut caps, mut words) = (0, 0);
        for i in 0..self.len() {
            if self.is_word(i) && self.tx(i).len() >= 4 {
                words += 1;
                caps += usize::from(self.is_cap(i));
            }
        }
        words >= 2 && caps * 10 >= words * 7
    }
}

/// A number found in pass 2, before it becomes a figure.
#[derive(Clone, Copy, Debug)]
struct Atom {
    /// Tokens of the number itself, `t0..t1`.
    t0: usize,
    t1: usize,
    value: f64,
    /// Place value of the last written significant digit.
    unit: f64,
    ordinal: bool,
    words: bool,
    /// One plain run of 4 digits: maybe a year.
    plain4: bool,
    decimal: bool,
    /// A quantity word like "dozens", "hundreds of thousands".
    vague: bool,
    /// For a compound word like "two-year" or "five-year-old": the byte
    /// offset in the token where the non-number suffix starts.
    suffix_at: Option<usize>,
    /// The last scale word applied ("4 thousand" → 1000), 1 if none: a
    /// smaller number right after adds to it ("4 thousand 3 hundred").
    scaled: f64,
}

/// A figure before its counted thing is read.
pub(super) struct Raw {
    /// Tokens of the whole expression.
    pub t0: usize,
    pub t1: usize,
    /// Tokens of the number(s).
    pub n0: usize,
    pub n1: usize,
    pub kind: FigureKind,
    pub value: f64,
    pub interval: Interval,
    pub qualifier: Qualifier,
    pub currency: Option<&'static str>,
    pub time_unit: Option<TimeUnit>,
    pub date: Option<DateValue>,
    pub in_words: bool,
    /// For an age: the person it belongs to, when named next to it.
    pub person: Option<u64>,
}

impl Raw {
    fn new(t0: usize, t1: usize, kind: FigureKind, value: f64, interval: Interval) -> Self {
        Raw {
            t0,
            t1,
            n0: t0,
            n1: t1,
            kind,
            value,
            interval,
            qualifier: Qualifier::Exact,
            currency: None,
            time_unit: None,
            date: None,
            in_words: false,
            person: None,
        }
    }
}

/// Figures of a whole document, paragraph by paragraph, and every name the
/// document mentions (hashed, sorted; see [`super::Figures::names`]).
///
/// In Spanish (as in most of Europe), digits group
/// thousands with points and write decimals after a comma: "1.200" is
/// 1,200 and "3,5" is 3.5.
pub(super) fn scan_document(
    text: &str,
    seg: &Segmentation,
    lang: Lang,
    carried: &dyn Fn(usize) -> Option<ParagraphScan>,
) -> DocumentScan {
    let mut out = Vec::new();
    let mut sent = Sent::new(text);
    sent.decimal_comma = lang == Lang::Spanish;
    sent.lang = lang;
    let mut raws: Vec<Raw> = Vec::new();
    let mut used: Vec<bool> = Vec::new();
    let mut all_entities: Vec<u64> = Vec::new();
    let mut acronyms: Vec<u64> = Vec::new();
    let mut bare_paragraphs: Vec<usize> = Vec::new();
    let mut paragraph_names: Vec<Box<[u64]>> = Vec::with_capacity(seg.paragraphs.len());
    let mut paragraph_deaths: Vec<bool> = Vec::with_capacity(seg.paragraphs.len());
    // The names of sentences not written in capitals, every mention: what
    // the document repeats of its own story (see `incident_keys`).
    let mut story_names: Vec<u64> = Vec::new();
    let mut paragraph_story: Vec<Box<[u64]>> = Vec::with_capacity(seg.paragraphs.len());
    for (p, para) in seg.paragraphs.iter().enumerate() {
        let first = out.len();
        let para_start = all_entities.len();
        let story_start = story_names.len();
        if let Some(scan) = carried(p) {
            // Read before, unchanged: its figures (their paragraph's names
            // set when it has any) and its names.
            out.extend(scan.figures);
            all_entities.extend_from_slice(&scan.names);
            if out.len() > first && scan.names.is_empty() {
                bare_paragraphs.push(first);
            }
            story_names.extend_from_slice(&scan.story_names);
            paragraph_names.push(scan.names);
            paragraph_story.push(scan.story_names);
            paragraph_deaths.push(scan.perpetrator_died);
            continue;
        }
        let mut died = false;
        crate::analysis::effort::add_paragraph_read();
        for si in para.sentences.clone() {
            let Some(sentence) = seg.sentences.get(si) else {
                continue;
            };
            sent.load(sentence.span.clone());
            let ent_start = all_entities.len();
            acronyms.clear();
            counted::collect_entities(&sent, &mut all_entities, &mut acronyms);
            if !shouted(text.get(sentence.span.clone()).unwrap_or("")) {
                story_names.extend_from_slice(&all_entities[ent_start..]);
            }
            let death = counted::perpetrator_death(&sent);
            died |= death.is_some();
            raws.clear();
            scan_sentence(&sent, &mut raws, &mut used);
            if raws.is_empty() {
                continue;
            }
            let mut local: Vec<u64> = all_entities[ent_start..].to_vec();
            local.sort_unstable();
            local.dedup();
            let local: Arc<[u64]> = Arc::from(local);
            acronyms.sort_unstable();
            acronyms.dedup();
            let initials: Arc<[u64]> = Arc::from(acronyms.as_slice());
            let mut tags = None;
            for raw in raws.drain(..) {
                let mut counted = counted::read(&sent, &raw);
                counted.victims_only = death.is_some_and(|d| {
                    counted::victims_only_in(&sent, &counted, (raw.t0, raw.t1), d)
                });
                // What Spanish money and percentages measure, and what an
                // English amount left without one pays for.
                if sent.lang == Lang::Spanish
                    || (raw.kind == FigureKind::Money && counted.head.is_none())
                {
                    super::spanish::read_measured(&sent, &raw, &mut counted, &mut tags);
                }
                counted.sentence_entities = local.clone();
                counted.sentence_initials = initials.clone();
                let span = sent.start(raw.t0)..sent.end(raw.t1.saturating_sub(1).max(raw.t0));
                let number_span =
                    sent.start(raw.n0)..sent.end(raw.n1.saturating_sub(1).max(raw.n0));
                out.push(Figure {
                    span,
                    number_span,
                    kind: raw.kind,
                    value: raw.value,
                    interval: raw.interval,
                    qualifier: raw.qualifier,
                    currency: raw.currency,
                    time_unit: raw.time_unit,
                    date: raw.date,
                    in_words: raw.in_words,
                    sentence: si,
                    paragraph: p,
                    counted,
                });
            }
        }
        paragraph_names.push(Box::from(&all_entities[para_start..]));
        paragraph_story.push(Box::from(&story_names[story_start..]));
        paragraph_deaths.push(died);
        if out.len() > first {
            let mut entities: Vec<u64> = all_entities[para_start..].to_vec();
            entities.sort_unstable();
            entities.dedup();
            if entities.is_empty() {
                bare_paragraphs.push(first);
            }
            let shared: Arc<[u64]> = Arc::from(entities);
            for f in &mut out[first..] {
                f.counted.entities = shared.clone();
            }
        }
    }
    all_entities.sort_unstable();
    // Paragraphs without names take the document's most frequent ones.
    if !bare_paragraphs.is_empty() && !all_entities.is_empty() {
        let mut counts: Vec<(usize, u64)> = Vec::new();
        for chunk in all_entities.chunk_by(|a, b| a == b) {
            counts.push((chunk.len(), chunk[0]));
        }
        counts.sort_unstable_by(|a, b| b.cmp(a));
        let mut top: Vec<u64> = counts.iter().take(3).map(|&(_, h)| h).collect();
        top.sort_unstable();
        let top: Arc<[u64]> = Arc::from(top);
        for f in &mut out {
            if f.counted.entities.is_empty() {
                f.counted.entities = top.clone();
            }
        }
    }
    // Every toll is filed under what identifies the document's incident
    // too (taken over figures are given it again: other paragraphs may
    // have changed it).
    story_names.sort_unstable();
    let incident: Arc<[u64]> = Arc::from(super::incident::incident_keys(&out, &story_names));
    let none: Arc<[u64]> = Arc::from([]);
    for f in &mut out {
        f.counted.incident = if counted::toll_event(f).is_some() {
            incident.clone()
        } else {
            none.clone()
        };
    }
    all_entities.dedup();
    DocumentScan {
        figures: out,
        names: all_entities,
        paragraph_names,
        paragraph_story,
        paragraph_deaths,
    }
}

/// Whether a sentence is written in capitals (a broadcast transcript, a
/// shouted headline): most of its letters are. Its capitalised words are
/// not names because of their capitals.
fn shouted(sentence: &str) -> bool {
    let (mut upper, mut letters) = (0usize, 0usize);
    for c in sentence.chars().filter(|c| c.is_alphabetic()) {
        letters += 1;
        upper += usize::from(c.is_uppercase());
    }
    letters > 0 && 2 * upper > letters
}

/// What [`scan_document`] read of a document.
pub(super) struct DocumentScan {
    /// Its figures, paragraph by paragraph.
    pub figures: Vec<Figure>,
    /// Every name it mentions (hashed, sorted, once each).
    pub names: Vec<u64>,
    /// Per paragraph, the names it mentions in order (repeats kept).
    pub paragraph_names: Vec<Box<[u64]>>,
    /// Per paragraph, the names of its sentences not written in capitals,
    /// in order (repeats kept).
    pub paragraph_story: Vec<Box<[u64]>>,
    /// Per paragraph, whether it tells the death of the one who did the
    /// harm ([`counted::perpetrator_death`]).
    pub paragraph_deaths: Vec<bool>,
}

/// What [`scan_document`] read of one paragraph, carried over from the
/// analysis of an earlier version: its figures in text order, moved to the
/// paragraph's new place, with the names of a paragraph that has none
/// left empty (the document's most frequent names are chosen again), and
/// the names it mentions, in order, repeats kept.
pub(super) struct ParagraphScan {
    pub figures: Vec<Figure>,
    pub names: Box<[u64]>,
    /// Its names outside sentences written in capitals, in order.
    pub story_names: Box<[u64]>,
    /// Whether it tells the death of the one who did the harm.
    pub perpetrator_died: bool,
}

fn scan_sentence(s: &Sent<'_>, out: &mut Vec<Raw>, used: &mut Vec<bool>) {
    if !may_hold_figure(s) {
        return;
    }
    used.clear();
    used.resize(s.len(), false);
    pass_tokens(s, out, used);
    let atoms = atoms(s, used);
    pass_atoms(s, &atoms, out, used);
    out.sort_by_key(|r| r.t0);
}

/// A quick look: a digit, or a word that can start a figure. Most
/// sentences of prose have neither and skip the passes.
fn may_hold_figure(s: &Sent<'_>) -> bool {
    (0..s.len()).any(|i| {
        if s.is_num(i) {
            return true;
        }
        if !s.is_word(i) {
            return false;
        }
        let lw = s.lw(i);
        lexicon::is_number_word(lw)
            || (s.lang == Lang::Spanish && super::spanish::is_number_word(lw))
            || compound_number(lw).is_some()
            || lexicon::month(lw).is_some()
            || lexicon::vague_scale(lw).is_some()
            || matches!(lw, "dozen" | "maiden" | "inaugural" | "several" | "few")
    })
}

// ---------------------------------------------------------------------------
// Pass 1: dates, times, phone numbers, "maiden".

fn pass_tokens(s: &Sent<'_>, out: &mut Vec<Raw>, used: &mut [bool]) {
    let n = s.len();
    let mut i = 0;
    while i < n {
        if used[i] {
            i += 1;
            continue;
        }
        if let Some((raw, end)) = month_date(s, i).or_else(|| numeric_date(s, i)) {
            for u in &mut used[raw.t0..end] {
                *u = true;
            }
            i = end;
            out.push(raw);
            continue;
        }
        // Web addresses: nothing in them is a figure.
        if s.is_word(i)
            && matches!(s.lw(i), "http" | "https" | "www")
            && matches!(s.tx(i + 1), ":" | ".")
        {
            let mut end = i + 1;
            while end < n && s.attached(end) {
                end += 1;
            }
            for u in &mut used[i..end] {
                *u = true;
            }
            i = end;
            continue;
        }
        if let Some(end) = time_or_phone(s, i) {
            for u in &mut used[i..end] {
                *u = true;
            }
            i = end;
            continue;
        }
        let lw = s.lw(i);
        if (lw == "maiden" || lw == "inaugural") && s.is_word(i + 1) {
            let mut raw = Raw::new(i, i + 1, FigureKind::Ordinal, 1.0, Interval::point(1.0));
            raw.in_words = true;
            used[i] = true;
            out.push(raw);
        }
        i += 1;
    }
}

/// A plausible day of the month in token `i` ("2", "2nd"); returns the day
/// and the token after it.
fn day_at(s: &Sent<'_>, i: usize) -> Option<(u8, usize)> {
    if !s.is_num(i) {
        return None;
    }
    let t = s.tx(i);
    if t.len() > 2 || !t.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let d: u8 = t.parse().ok()?;
    if !(1..=31).contains(&d) {
        return None;
    }
    let mut next = i + 1;
    if s.attached(next) && matches!(s.lw(next), "st" | "nd" | "rd" | "th") {
        next += 1;
    }
    // "2 million" / "2%" / "2-1" are not days.
    if s.attached(next) && s.kind(next) == Some(TokKind::Word) {
        return None;
    }
    Some((d, next))
}

/// A year in token `i`: four digits, 1800–2100.
fn year_at(s: &Sent<'_>, i: usize) -> Option<i32> {
    if !s.is_num(i) {
        return None;
    }
    let t = s.tx(i);
    if t.len() != 4 || !t.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let y: i32 = t.parse().ok()?;
    ((1800..=2100).contains(&y) && !(s.attached(i + 1) && s.is_word(i + 1))).then_some(y)
}

/// The month at token `i`, with the token after it (and after an
/// abbreviation's period).
fn month_at(s: &Sent<'_>, i: usize) -> Option<(u8, usize)> {
    if !s.is_word(i) {
        return None;
    }
    let lw = s.lw(i);
    if s.lang == Lang::Spanish {
        // Spanish writes months in lower case ("2 de septiembre");
        // abbreviations ("sept.") are short.
        let m = crate::analysis::language::lexicon(Lang::Spanish).month(lw)?;
        let mut next = i + 1;
        if lw.chars().count() <= 4 {
            if !(s.is_sym(next, ".") && s.attached(next)) {
                return None;
            }
            next += 1;
        }
        return Some((m, next));
    }
    let m = lexicon::month(lw)?;
    let full = lexicon::MONTH_NAMES[usize::from(m - 1)].eq_ignore_ascii_case(lw);
    // Abbreviations and ambiguous names ("May", "March") only capitalised.
    if (!full || matches!(m, 3 | 5)) && !s.is_cap(i) {
        return None;
    }
    let mut next = i + 1;
    if !full && s.is_sym(next, ".") && s.attached(next) {
        next += 1;
    }
    Some((m, next))
}

/// "September 2", "Sept. 2, 2025", "2 September 2025", "2nd of September",
/// "February 2024", "in May".
fn month_date(s: &Sent<'_>, i: usize) -> Option<(Raw, usize)> {
    let date_raw = |t0: usize, t1: usize, y: Option<i32>, m: u8, d: Option<u8>| {
        let mut raw = Raw::new(
            t0,
            t1,
            FigureKind::Date,
            y.map_or(0.0, f64::from),
            Interval::point(y.map_or(0.0, f64::from)),
        );
        raw.date = Some(DateValue {
            year: y,
            month: Some(m),
            day: d,
            day_month_ambiguous: false,
        });
        raw
    };
    // Spanish joins day, month and year with "de": "2 de septiembre de
    // 2025".
    let of = if s.lang == Lang::Spanish { "de" } else { "of" };
    let year_after = |k: usize| {
        if s.lang == Lang::Spanish && s.lw(k) == "de" {
            year_at(s, k + 1).map(|y| (y, k + 2))
        } else {
            year_at(s, k).map(|y| (y, k + 1))
        }
    };
    // Day first: "2 September 2025", "2nd of September".
    if let Some((d, mut j)) = day_at(s, i) {
        if s.lw(j) == of {
            j += 1;
        }
        if let Some((m, k)) = month_at(s, j) {
            let (y, end) = match year_after(k) {
                Some((y, end)) => (Some(y), end),
                None => (None, k),
            };
            return Some((date_raw(i, end, y, m, Some(d)), end));
        }
        return None;
    }
    let (m, j) = month_at(s, i)?;
    // A weekday or "the" before a day number is fine; the month comes first.
    if let Some((d, k)) = day_at(s, j) {
        // "September 2, 2025"
        let (y, end) = if s.is_sym(k, ",") {
            match year_at(s, k + 1) {
                Some(y) => (Some(y), k + 2),
                None => (None, k),
            }
        } else {
            match year_at(s, k) {
                Some(y) => (Some(y), k + 1),
                None => (None, k),
            }
        };
        return Some((date_raw(i, end, y, m, Some(d)), end));
    }
    if let Some(y) = year_at(s, j).or_else(|| {
        // "February, 2024", "febrero de 2024"
        if s.is_sym(j, ",") || (s.lang == Lang::Spanish && s.lw(j) == "de") {
            year_at(s, j + 1)
        } else {
            None
        }
    }) {
        let end = if year_at(s, j).is_some() {
            j + 1
        } else {
            j + 2
        };
        return Some((date_raw(i, end, Some(y), m, None), end));
    }
    // A month alone counts after a preposition: "in May", "since February".
    let prev = i.checked_sub(1).map_or("", |p| s.lw(p));
    if matches!(
        prev,
        "in" | "since"
            | "until"
            | "till"
            | "by"
            | "from"
            | "during"
            | "through"
            | "early"
            | "late"
            | "mid"
            | "last"
            | "next"
            | "this"
            | "of"
            | "before"
            | "after"
    ) && lexicon::MONTH_NAMES[usize::from(m - 1)].eq_ignore_ascii_case(s.lw(i))
    {
        return Some((date_raw(i, j, None, m, None), j));
    }
    None
}

/// "03-09-2024", "2024-09-03", "9/3/2024", "03.09.2024".
fn numeric_date(s: &Sent<'_>, i: usize) -> Option<(Raw, usize)> {
    if !s.is_num(i) {
        return None;
    }
    let parts: [&str; 3];
    let end;
    let t = s.tx(i);
    if t.matches('.').count() == 2 && !t.contains(',') {
        let mut it = t.split('.');
        parts = [
            it.next().unwrap_or(""),
            it.next().unwrap_or(""),
            it.next().unwrap_or(""),
        ];
        end = i + 1;
    } else {
        let sep = s.tx(i + 1);
        if !(sep == "-" || sep == "/")
            || !s.attached(i + 1)
            || !s.is_num(i + 2)
            || !s.attached(i + 2)
            || s.tx(i + 3) != sep
            || !s.attached(i + 3)
            || !s.is_num(i + 4)
            || !s.attached(i + 4)
        {
            return None;
        }
        parts = [s.tx(i), s.tx(i + 2), s.tx(i + 4)];
        end = i + 5;
    }
    if parts
        .iter()
        .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let num = |p: &str| p.parse::<i32>().ok();
    let (a, b, c) = (num(parts[0])?, num(parts[1])?, num(parts[2])?);
    let date = if parts[0].len() == 4 {
        // ISO: year-month-day.
        DateValue {
            year: Some(a),
            month: u8::try_from(b).ok(),
            day: u8::try_from(c).ok(),
            day_month_ambiguous: false,
        }
    } else if parts[2].len() == 4 || parts[2].len() == 2 {
        let year = if parts[2].len() == 2 { 2000 + c } else { c };
        let (day, month, ambiguous) = if a > 12 {
            (a, b, false)
        } else if b > 12 {
            (b, a, false)
        } else {
            // Month first, as in US dates, but either way is possible.
            (b, a, a != b)
        };
        DateValue {
            year: Some(year),
            month: u8::try_from(month).ok(),
            day: u8::try_from(day).ok(),
            day_month_ambiguous: ambiguous,
        }
    } else {
        return None;
    };
    let valid = date.year.is_some_and(|y| (1800..=2100).contains(&y))
        && date.month.is_some_and(|m| (1..=12).contains(&m))
        && date.day.is_some_and(|d| (1..=31).contains(&d));
    if !valid {
        return None;
    }
    let y = f64::from(date.year.unwrap_or(0));
    let mut raw = Raw::new(i, end, FigureKind::Date, y, Interval::point(y));
    raw.date = Some(date);
    Some((raw, end))
}

/// Times of day ("12:20 a.m.", "9 p.m.", "10:15") and phone numbers
/// ("555-1234", "(919) 555-0100", "1-800-555-0199"): the tokens they take.
fn time_or_phone(s: &Sent<'_>, i: usize) -> Option<usize> {
    if !s.is_num(i) {
        return None;
    }
    // h:mm
    if s.is_sym(i + 1, ":") && s.attached(i + 1) && s.is_num(i + 2) && s.attached(i + 2) {
        let mut end = i + 3;
        if s.is_word(end) && lexicon::is_time_marker(s.lw(end)) {
            end += 1;
        }
        return Some(end);
    }
    if s.is_word(i + 1) && lexicon::is_time_marker(s.lw(i + 1)) && s.tx(i).len() <= 2 {
        return Some(i + 2);
    }
    // Digit groups joined by hyphens or dots, phone-shaped.
    let mut groups = [0usize; 5];
    let mut n = 1;
    groups[0] = s.tx(i).len();
    let mut j = i + 1;
    while (s.is_sym(j, "-") || s.is_sym(j, "."))
        && s.attached(j)
        && s.is_num(j + 1)
        && s.attached(j + 1)
    {
        if n < groups.len() {
            groups[n] = s.tx(j + 1).len();
        }
        n += 1;
        j += 2;
    }
    let phone = matches!(
        &groups[..n.min(groups.len())],
        [3, 4] | [3, 3, 4] | [1, 3, 3, 4] | [3, 3, 3] | [2, 4, 4]
    );
    let opened = i > 0 && s.is_sym(i - 1, "(") && s.tx(i).len() == 3 && s.is_sym(i + 1, ")");
    if opened && s.is_num(i + 2) {
        let mut k = i + 3;
        while (s.is_sym(k, "-") || s.is_sym(k, ".")) && s.is_num(k + 1) {
            k += 2;
        }
        return Some(k);
    }
    if phone && s.tx(i).bytes().all(|b| b.is_ascii_digit()) {
        return Some(j);
    }
    None
}

// ---------------------------------------------------------------------------
// Pass 2: numbers.

/// A spelled-out word for `text2num`.
struct Word<'a>(&'a str);

impl text2num::Token for &Word<'_> {
    fn text(&self) -> Cow<'_, str> {
        Cow::Borrowed(self.0)
    }
    fn text_lowercase(&self) -> Cow<'_, str> {
        Cow::Borrowed(self.0)
    }
}

/// Place value of the last significant digit of a digit string
/// ("4000" → 1000, "4500" → 100, "1.50" → 0.01).
fn last_digit_unit(digits: &str) -> f64 {
    if let Some((_, frac)) = digits.split_once('.') {
        return 10f64.powi(-(frac.len() as i32));
    }
    let zeros = digits.bytes().rev().take_while(|&b| b == b'0').count();
    if zeros == digits.len() {
        return 1.0;
    }
    10f64.powi(zeros as i32)
}

/// Parses a digit token ("4,000", "1.5"); `None` for malformed grouping
/// ("22,24") or several points ("1.2.3").
fn parse_digits(t: &str) -> Option<(f64, f64, bool)> {
    if t.matches('.').count() > 1 {
        return None;
    }
    let (int, frac) = match t.split_once('.') {
        Some((a, b)) => (a, Some(b)),
        None => (t, None),
    };
    if int.is_empty() && frac.is_none_or(str::is_empty) {
        return None;
    }
    if int.contains(',') {
        let mut groups = int.split(',');
        let first = groups.next()?;
        if first.is_empty() || first.len() > 3 || groups.any(|g| g.len() != 3) {
            return None;
        }
    }
    let plain: String = t.chars().filter(|&c| c != ',').collect();
    let value: f64 = plain.parse().ok()?;
    let unit = last_digit_unit(&plain);
    Some((value, unit, frac.is_some()))
}

fn atoms(s: &Sent<'_>, used: &[bool]) -> Vec<Atom> {
    let n = s.len();
    let mut atoms: Vec<Atom> = Vec::new();
    let mut i = 0;
    while i < n {
        if used[i] {
            i += 1;
            continue;
        }
        if s.is_num(i) {
            let t = s.tx(i);
            // Glued to a word before it ("COVID" + "-19" is one word already;
            // "A4", "G20" are words).
            let swapped: String;
            let t = if s.decimal_comma && t.contains([',', '.']) {
                swapped = t
                    .chars()
                    .map(|c| match c {
                        ',' => '.',
                        '.' => ',',
                        c => c,
                    })
                    .collect();
                swapped.as_str()
            } else {
                t
            };
            if let Some((value, unit, decimal)) = parse_digits(t) {
                atoms.push(Atom {
                    t0: i,
                    t1: i + 1,
                    value,
                    unit,
                    ordinal: false,
                    words: false,
                    plain4: t.len() == 4 && !decimal,
                    decimal,
                    vague: false,
                    suffix_at: None,
                    scaled: 1.0,
                });
            }
            i += 1;
            continue;
        }
        if !s.is_word(i) {
            i += 1;
            continue;
        }
        // A run of number words.
        let start = i;
        let mut j = i;
        let spanish = s.lang == Lang::Spanish;
        while j < n && !used[j] && s.is_word(j) {
            let lw = s.lw(j);
            let (number, linking) = if spanish {
                (
                    super::spanish::is_number_word(lw),
                    super::spanish::is_linking(lw),
                )
            } else {
                (lexicon::is_number_word(lw), lw == "and" || lw == "point")
            };
            if number || (linking && j > start) {
                j += 1;
            } else {
                break;
            }
        }
        while j > start
            && (matches!(s.lw(j - 1), "and" | "point")
                || (spanish && super::spanish::is_linking(s.lw(j - 1))))
        {
            j -= 1;
        }
        if j > start {
            let words: Vec<Word<'_>> = (start..j).map(|k| Word(s.lw(k))).collect();
            let found = if spanish {
                let lws: Vec<&str> = (start..j).map(|k| s.lw(k)).collect();
                super::spanish::find_numbers(&lws)
            } else {
                text2num::find_numbers(words.iter(), &*EN, 0.0)
            };
            for o in found {
                let (t0, t1) = (start + o.start, start + o.end);
                let digits = o.text.trim_end_matches(|c: char| c.is_ascii_alphabetic());
                let last_scale = scale_word(s, s.lw(t1 - 1), false).unwrap_or(1.0);
                atoms.push(Atom {
                    t0,
                    t1,
                    value: o.value,
                    unit: last_digit_unit(digits),
                    ordinal: o.is_ordinal,
                    words: true,
                    plain4: false,
                    decimal: digits.contains('.'),
                    vague: false,
                    suffix_at: None,
                    scaled: last_scale,
                });
            }
            i = j;
            continue;
        }
        // "two-year", "five-year-old", "90-day" written in words.
        let lw = s.lw(i);
        if let Some(cut) = compound_number(lw) {
            let head = &lw[..cut];
            let words: Vec<Word<'_>> = head.split('-').map(Word).collect();
            let found = text2num::find_numbers(words.iter(), &*EN, 0.0);
            if let [o] = found.as_slice()
                && o.start == 0
                && o.end == words.len()
                && !o.is_ordinal
            {
                atoms.push(Atom {
                    t0: i,
                    t1: i + 1,
                    value: o.value,
                    unit: last_digit_unit(&o.text),
                    ordinal: false,
                    words: true,
                    plain4: false,
                    decimal: false,
                    vague: false,
                    suffix_at: Some(cut + 1),
                    scaled: 1.0,
                });
            }
        }
        i += 1;
    }
    atoms.sort_by_key(|a| a.t0);
    merge_scales(s, used, &mut atoms);
    add_dozens_and_vague(s, used, &mut atoms);
    atoms.sort_by_key(|a| a.t0);
    atoms
}

/// The multiplier of a scale word written after a number, in the text's
/// language ("million"; Spanish "millones", "mil").
fn scale_word(s: &Sent<'_>, lw: &str, attached: bool) -> Option<f64> {
    if s.lang == Lang::Spanish
        && let Some(m) = super::spanish::scale(lw)
    {
        return Some(m);
    }
    lexicon::scale(lw, attached)
}

/// For "five-year-old" → Some(4): the byte length of the number-word part
/// of a hyphenated word whose last parts are not number words.
fn compound_number(lw: &str) -> Option<usize> {
    if !lw.contains('-') {
        return None;
    }
    let mut cut = None;
    let mut pos = 0;
    for part in lw.split('-') {
        if lexicon::is_number_word(part) {
            pos += part.len() + 1;
            cut = Some(pos - 1);
        } else {
            break;
        }
    }
    let cut = cut?;
    // Every part a number word ("twenty-one" in a Spanish text, where it is
    // not read as one): no suffix.
    let rest = lw.get(cut + 1..)?;
    let first = rest.split('-').next().unwrap_or("");
    (lexicon::time_unit(first).is_some() || matches!(first, "member" | "person" | "man" | "strong"))
        .then_some(cut)
}

/// "2.5 million", "$20m", "1.13bn", "five trillion", "a hundred", "half a
/// million", "a million"; then sums: "4 thousand 3 hundred and 21".
fn merge_scales(s: &Sent<'_>, used: &[bool], atoms: &mut Vec<Atom>) {
    let mut k = 0;
    while k < atoms.len() {
        let a = atoms[k];
        if a.ordinal || a.suffix_at.is_some() {
            k += 1;
            continue;
        }
        let next = a.t1;
        // A following word atom that is a bare scale: "2.5" + "million".
        if k + 1 < atoms.len() && atoms[k + 1].t0 == next && atoms[k + 1].words {
            let b = atoms[k + 1];
            let only_scale = (b.t0..b.t1).all(|t| scale_word(s, s.lw(t), false).is_some());
            if only_scale && !b.ordinal && !a.words {
                atoms[k].value = a.value * b.value;
                atoms[k].unit = a.unit * b.value;
                atoms[k].t1 = b.t1;
                atoms[k].plain4 = false;
                atoms[k].words = true;
                atoms[k].scaled = b.value;
                atoms.remove(k + 1);
                continue;
            }
        }
        // A scale word no atom took ("trillion", "bn", glued "m").
        if next < s.len() && !used[next] && s.is_word(next) {
            let attached = s.attached(next);
            let word = s.tx(next);
            // A glued lower-case "m", "b" or "t" is a unit ("20m" is metres)
            // unless a currency comes first ("$20m").
            let letter = matches!(word, "m" | "b" | "t");
            let money = currency_before(s, a.t0).is_some();
            if let Some(mult) = scale_word(s, s.lw(next), attached)
                && (!letter || money)
                && (s.lw(next) != "t" || money)
            {
                atoms[k].value = a.value * mult;
                atoms[k].unit = a.unit * mult;
                atoms[k].t1 = next + 1;
                atoms[k].plain4 = false;
                atoms[k].scaled = mult;
                if !attached {
                    atoms[k].words = true;
                }
                continue;
            }
        }
        // "a hundred", "a million": take the article in; "half a million".
        if a.words && a.t0 >= 1 && matches!(s.lw(a.t0 - 1), "a" | "an") {
            let starts_with_scale = lexicon::scale(s.lw(a.t0), false).is_some();
            if starts_with_scale {
                atoms[k].t0 -= 1;
                if a.t0 >= 2 && s.lw(a.t0 - 2) == "half" {
                    atoms[k].t0 -= 1;
                    atoms[k].value *= 0.5;
                    atoms[k].unit *= 0.5;
                }
            }
        }
        k += 1;
    }
    // Sums: a scaled number followed by a smaller one, optionally after
    // "and": "twenty-one trillion three hundred", "3 hundred and 21".
    let mut k = 0;
    while k + 1 < atoms.len() {
        let a = atoms[k];
        let b = atoms[k + 1];
        let mut gap = a.t1;
        if s.lw(gap) == "and" && !used[gap] {
            gap += 1;
        }
        let adds = a.scaled > 1.0
            && !a.ordinal
            && !b.ordinal
            && b.suffix_at.is_none()
            && b.t0 == gap
            && b.value > 0.0
            && b.value < a.scaled
            && !b.decimal
            && !a.decimal;
        if adds {
            atoms[k].value += b.value;
            atoms[k].unit = a.unit.min(b.unit);
            atoms[k].t1 = b.t1;
            atoms[k].scaled = b.scaled;
            atoms[k].words = true;
            atoms.remove(k + 1);
            continue;
        }
        k += 1;
    }
}

/// "a dozen", "two dozen", and vague quantities: "dozens", "hundreds of
/// thousands", "several hundred", "a few thousand".
fn add_dozens_and_vague(s: &Sent<'_>, used: &[bool], atoms: &mut Vec<Atom>) {
    let taken = |atoms: &[Atom], t: usize| atoms.iter().any(|a| a.t0 <= t && t < a.t1);
    for (i, &is_used) in used.iter().enumerate().take(s.len()) {
        if is_used || !s.is_word(i) {
            continue;
        }
        let lw = s.lw(i);
        let relevant = lw == "dozen"
            || lexicon::vague_scale(lw).is_some()
            || matches!(lw, "several" | "few" | "many" | "tens");
        if !relevant || taken(atoms, i) {
            continue;
        }
        if lw == "dozen" {
            // "two dozen" multiplies; "a dozen" is twelve.
            if let Some(a) = atoms.iter_mut().find(|a| a.t1 == i && !a.ordinal) {
                a.value *= 12.0;
                a.t1 = i + 1;
                continue;
            }
            let t0 = if i > 0 && matches!(s.lw(i - 1), "a" | "one") {
                i - 1
            } else {
                continue;
            };
            atoms.push(Atom {
                t0,
                t1: i + 1,
                value: 12.0,
                unit: 1.0,
                ordinal: false,
                words: true,
                plain4: false,
                decimal: false,
                vague: false,
                suffix_at: None,
                scaled: 1.0,
            });
            continue;
        }
        // "thirty-five thousands", "3 dozens", "sixty hundreds".
        if let Some(v) = lexicon::vague_scale(lw)
            && let Some(a) = atoms
                .iter_mut()
                .find(|a| a.t1 == i && !a.ordinal && !a.vague && a.value < v)
        {
            a.value *= v;
            a.unit *= v;
            a.t1 = i + 1;
            a.words = true;
            continue;
        }
        let few = matches!(lw, "several" | "few" | "many");
        let scale_after = if few && !taken(atoms, i + 1) {
            lexicon::scale(s.lw(i + 1), false).filter(|&m| m >= 100.0)
        } else {
            None
        };
        let vague = lexicon::vague_scale(lw);
        if scale_after.is_none() && vague.is_none() {
            continue;
        }
        // "tens of thousands", "hundreds of thousands", "thousands of".
        let (mut t1, mut base) = match (scale_after, vague) {
            (Some(m), _) => (i + 2, m * if lw == "several" { 3.0 } else { 2.0 }),
            (None, Some(v)) => (i + 1, v * 2.0),
            _ => continue,
        };
        let mut t0 = i;
        if lw == "tens" {
            continue;
        }
        if i >= 2 && s.lw(i - 1) == "of" && matches!(s.lw(i - 2), "tens" | "hundreds") {
            t0 = i - 2;
            base *= if s.lw(i - 2) == "tens" { 10.0 } else { 100.0 };
        } else if s.lw(t1) == "of" && lexicon::vague_scale(s.lw(t1 + 1)).is_some_and(|v| v >= 1e3) {
            let v = lexicon::vague_scale(s.lw(t1 + 1)).unwrap_or(1.0);
            base *= v;
            t1 += 2;
        }
        if i >= 1 && matches!(s.lw(i - 1), "a") && scale_after.is_some() {
            t0 = i - 1;
        }
        atoms.push(Atom {
            t0,
            t1,
            value: base,
            unit: base,
            ordinal: false,
            words: true,
            plain4: false,
            decimal: false,
            vague: true,
            suffix_at: None,
            scaled: 1.0,
        });
    }
    // Drop atoms nested in a vague one ("thousands of" took "of thousands").
    atoms.sort_by_key(|a| (a.t0, std::cmp::Reverse(a.t1)));
    let mut last_end = 0;
    atoms.retain(|a| {
        if a.t0 < last_end {
            return false;
        }
        last_end = a.t1;
        true
    });
}

// ---------------------------------------------------------------------------
// Pass 3: figures.

fn pass_atoms(s: &Sent<'_>, atoms: &[Atom], out: &mut Vec<Raw>, used: &mut [bool]) {
    let mut k = 0;
    while k < atoms.len() {
        let a = atoms[k];
        if (a.t0..a.t1).any(|t| used[t]) {
            k += 1;
            continue;
        }
        match range(s, atoms, k, used) {
            Ok(Some((raw, consumed))) => {
                for u in &mut used[raw.t0..raw.t1] {
                    *u = true;
                }
                out.push(raw);
                k += consumed;
                continue;
            }
            // A score ("2-1"): neither number is a figure.
            Err(()) => {
                k += 2;
                continue;
            }
            Ok(None) => {}
        }
        if let Some(raw) = figure(s, &a, used) {
            let end = raw.t1.min(used.len());
            for u in &mut used[raw.t0..end] {
                *u = true;
            }
            out.push(raw);
        }
        k += 1;
    }
}

/// Whether the number at `a` is an identifier or part of something that is
/// not a quantity.
fn is_identifier(s: &Sent<'_>, a: &Atom) -> bool {
    let prev = a.t0.checked_sub(1);
    if let Some(p) = prev {
        // "Boeing 737", "Route 66", "Vol 517", "Chapter 11".
        // (A capitalised function word opens a sentence: "Unos 250".)
        if s.is_cap(p) && !a.words && !lexicon::may_precede_figure(s.lw(p)) && !s.is_stop(s.lw(p)) {
            let code = lexicon::currency_code(s.lw(p)).is_some();
            if !code {
                return true;
            }
        }
        // "No. 10", "#1", "number 10"
        if s.is_sym(p, "#") {
            return true;
        }
        if s.is_sym(p, ".") && p >= 1 && matches!(s.lw(p - 1), "no" | "nos" | "vol" | "art" | "fig")
        {
            return true;
        }
        if !a.words && matches!(s.lw(p), "number" | "no" | "nos" | "vol" | "version" | "v") {
            return true;
        }
        // Chart places and rankings: "number two", "top 10".
        if matches!(s.lw(p), "number" | "top") {
            return true;
        }
        // Glued to something before it: "x4", "/3", ":30".
        if s.attached(a.t0)
            && !a.words
            && (s.is_word(p)
                || s.is_num(p)
                || matches!(s.tx(p), "/" | ":" | "." | "-" | "–" | "+" | "×" | "^" | "@"))
        {
            // "US$5" is money: the currency check happens later.
            let currency_glue = lexicon::currency_code(s.lw(p)).is_some();
            if !currency_glue {
                return true;
            }
        }
    }
    if a.words {
        let first = s.tx(a.t0);
        // Capitalised number words inside a sentence are names ("Fantastic
        // Four", "Safety First").
        if a.t0 > 0
            && first.chars().next().is_some_and(char::is_uppercase)
            && !s.is_sym(a.t0 - 1, "\"")
            && !s.is_sym(a.t0 - 1, "“")
            && !matches!(s.tx(a.t0 - 1), ":" | "(" | "—" | "–" | "-")
        {
            return true;
        }
        return false;
    }
    let t = s.tx(a.t0);
    // Positions: "image 2 of 5", "5 of 11".
    if (s.lw(a.t1) == "of" && s.is_num(a.t1 + 1))
        || (a.t0 >= 2 && s.lw(a.t0 - 1) == "of" && s.is_num(a.t0 - 2))
    {
        return true;
    }
    // The emergency number, and calibres (".22", ".45-caliber").
    if t == "911" || t == "999" {
        return true;
    }
    if t.starts_with('.') {
        let next = s.lw(a.t1);
        let next = if next == "-" { s.lw(a.t1 + 1) } else { next };
        if next.starts_with("calib")
            || matches!(
                next,
                "magnum" | "rifle" | "pistol" | "handgun" | "revolver" | "gun" | "auto" | "special"
            )
        {
            return true;
        }
    }
    // Codes: a leading zero ("007"), or long digit strings without commas.
    if t.len() > 1 && t.starts_with('0') && !t.starts_with("0.") {
        return true;
    }
    let digits = t.bytes().filter(u8::is_ascii_digit).count();
    if digits >= 6 && !t.contains(',') && !t.contains('.') {
        return true;
    }
    // Glued letters after it that are no known suffix: "3D", "4x4", "5G".
    let next = a.t1;
    if s.attached(next) && s.is_word(next) {
        let lw = s.lw(next);
        let known = matches!(
            lw,
            "st" | "nd" | "rd" | "th" | "s" | "pc" | "p" | "pm" | "am"
        ) || lexicon::currency_code(lw).is_some()
            || lexicon::currency_word(lw).is_some()
            || lexicon::time_unit(lw).is_some();
        if !known {
            return true;
        }
    }
    // A street address: "2261 North Alder St.", "the 1300 block of".
    if s.lw(next) == "block" {
        return true;
    }
    // A name or an address right after the digits: "3817 Willow Bend in",
    // "Image 5 of 11 Dorian Vale" (not in title-case headlines, and not
    // a modifier before a noun: "3 U.S. troops", "2 Israeli soldiers").
    if s.is_cap(next)
        && !s.attached(next)
        && lexicon::month(s.lw(next)).is_none()
        && !s.title_case()
    {
        let after = next + 1;
        let name_follows = s.is_cap(after)
            || !s.is_word(after)
            || matches!(s.lw(after), "in" | "on" | "at" | "and" | "of");
        if name_follows && !s.lw(next).contains('.') && !names_modify_a_noun(s, next) {
            return true;
        }
    }
    let mut j = next;
    let mut caps = 0;
    while caps < 4 && s.is_cap(j) {
        if caps > 0 && lexicon::is_street_type(s.lw(j)) {
            return true;
        }
        caps += 1;
        j += 1;
    }
    false
}

/// Whether the capitalised words from token `first` modify a plural noun
/// that follows them: "240 Harlow Bridge residents", "12 Red Cross
/// volunteers" (but not "2261 North Alder St." or "3817 Willow Bend in").
fn names_modify_a_noun(s: &Sent<'_>, first: usize) -> bool {
    let mut j = first;
    while j < first + 4 && s.is_cap(j) && !s.attached(j) {
        if j > first && lexicon::is_street_type(s.lw(j)) {
            return false;
        }
        j += 1;
    }
    if j == first || !s.is_word(j) || s.is_cap(j) {
        return false;
    }
    let w = s.lw(j);
    w.len() > 3
        && w.ends_with('s')
        && !w.ends_with("ss")
        && !s.is_stop(w)
        && w.chars().all(|c| c.is_ascii_lowercase())
}

/// Hedge words right before token `t0`: the qualifier and where it starts.
fn qualifier_before(s: &Sent<'_>, t0: usize) -> Option<(Qualifier, usize)> {
    if s.lang == Lang::Spanish {
        let before: Vec<&str> = (t0.saturating_sub(3)..t0)
            .map(|k| if s.is_word(k) { s.lw(k) } else { "" })
            .collect();
        if let Some((q, n)) = super::spanish::qualifier_before(&before) {
            return Some((q, t0 - n));
        }
    }
    for (words, q) in lexicon::QUALIFIERS_BEFORE.iter() {
        let n = words.len();
        if t0 < n {
            continue;
        }
        if words
            .iter()
            .enumerate()
            .all(|(k, w)| s.is_word(t0 - n + k) && s.lw(t0 - n + k) == *w)
        {
            // "some of" is not a hedge; "over" after a verb of time is.
            return Some((*q, t0 - n));
        }
    }
    None
}

/// Currency written before the number at token `t0`: "$", "US$", "€",
/// "USD", "Rs". Returns the code and the first token.
fn currency_before(s: &Sent<'_>, t0: usize) -> Option<(&'static str, usize)> {
    let p = t0.checked_sub(1)?;
    if s.kind(p) == Some(TokKind::Sym) {
        let c = s.tx(p).chars().next()?;
        // Letters before the symbol: "US$", "C$", "HK$" (spaced only for
        // letters that cannot be a word: "c $ 300 million").
        if p >= 1 && s.is_word(p - 1) {
            let letters = s.lw(p - 1);
            let glued = s.attached(p);
            let spaced_ok = matches!(
                letters,
                "c" | "hk" | "us" | "nz" | "mex" | "usd" | "cad" | "aud" | "nzd" | "hkd" | "mxn"
            );
            if (glued || spaced_ok)
                && let Some(code) = lexicon::currency_symbol(letters, c)
            {
                return Some((code, p - 1));
            }
        }
        return lexicon::currency_symbol("", c).map(|code| (code, p));
    }
    if s.is_word(p) {
        let lw = s.lw(p);
        if let Some(code) = lexicon::currency_code(lw) {
            return Some((code, p));
        }
    }
    None
}

/// Currency written after the number, from token `t`: "dollars", "US
/// dollars", "Mexican pesos", "USD". Returns the code and the end token.
fn currency_after(s: &Sent<'_>, t: usize) -> Option<(&'static str, usize)> {
    // A symbol after the amount: "10 €", "100元", "10 $" (not when it
    // opens the next amount: "5 $10").
    if s.kind(t) == Some(TokKind::Sym) {
        let c = s.tx(t).chars().next()?;
        let code = lexicon::currency_symbol("", c)?;
        if s.is_num(t + 1) && s.attached(t + 1) {
            return None;
        }
        return Some((code, t + 1));
    }
    if !s.is_word(t) {
        return None;
    }
    let lw = s.lw(t);
    if s.lang == Lang::Spanish
        && let Some((code, words)) = super::spanish::currency_after(lw, s.lw(t + 1))
    {
        return Some((code, t + words));
    }
    if let Some(code) = lexicon::currency_code(lw) {
        return Some((code, t + 1));
    }
    // "50 Cent" the rapper: a capitalised currency name inside a sentence
    // is a name.
    if s.is_cap(t) && !s.title_case() && t > 1 && lexicon::currency_code(lw).is_none() {
        let proper = !matches!(lw, "euro" | "euros");
        if proper && lexicon::currency_word(lw).is_some() {
            return None;
        }
    }
    if let Some(generic) = lexicon::currency_word(lw) {
        // "pounds of cocaine" is a weight; "p" only glued ("50p").
        if matches!(lw, "pound" | "pounds") && s.lw(t + 1) == "of" {
            return None;
        }
        if lw == "p" && !s.attached(t) {
            return None;
        }
        return Some((generic, t + 1));
    }
    // "US dollars", "Canadian dollars", "Mexican pesos", "Hong Kong dollars".
    let mut adj = t;
    if lw == "hong" && s.lw(t + 1) == "kong" {
        adj = t + 1;
    }
    if lw == "new" && s.lw(t + 1) == "zealand" {
        adj = t + 1;
    }
    let generic = lexicon::currency_word(s.lw(adj + 1))?;
    let code = lexicon::currency_with_adjective(s.lw(adj), generic)?;
    Some((code, adj + 2))
}

/// A single number with what surrounds it.
fn figure(s: &Sent<'_>, a: &Atom, used: &[bool]) -> Option<Raw> {
    if is_identifier(s, a) {
        return None;
    }
    figure_unchecked(s, a, used)
}

/// [`figure`] without the identifier checks (for the second number of a
/// range, glued to a dash).
fn figure_unchecked(s: &Sent<'_>, a: &Atom, used: &[bool]) -> Option<Raw> {
    if word_filter(s, a) {
        return None;
    }
    let interval_of =
        |v: f64, unit: f64, q: Qualifier, integer: bool| interval(v, unit, q, integer);
    let next = a.t1;

    // Compound words: "two-year", "five-year-old".
    if let Some(cut) = a.suffix_at {
        let lw = s.lw(a.t0);
        let suffix = &lw[cut.min(lw.len())..];
        let unit_word = suffix.split('-').next().unwrap_or("");
        if suffix.ends_with("-old") {
            return Some(age(s, a.t0, a.t1, a.value, true));
        }
        if let Some(u) = lexicon::time_unit(unit_word) {
            let mut raw = duration(a, u, a.t1, Qualifier::Exact);
            raw.in_words = true;
            return Some(raw);
        }
        let mut raw = Raw::new(
            a.t0,
            a.t1,
            FigureKind::Count,
            a.value,
            interval_of(a.value, a.unit, Qualifier::Exact, true),
        );
        raw.in_words = true;
        return Some(raw);
    }

    if a.ordinal {
        return ordinal(s, a);
    }
    if a.vague {
        let mut raw = Raw::new(
            a.t0,
            a.t1,
            FigureKind::Count,
            a.value,
            Interval::new(a.value, a.value * 5.0),
        );
        raw.qualifier = Qualifier::Vague;
        raw.in_words = true;
        return Some(raw);
    }

    // Digit ordinals: "3rd", "21st".
    if !a.words && s.attached(next) && matches!(s.lw(next), "st" | "nd" | "rd" | "th") {
        let mut at = *a;
        at.t1 = next + 1;
        at.ordinal = true;
        return ordinal(s, &at);
    }
    // Decades ("1990s") and "20s" are not figures.
    if s.attached(next) && s.lw(next) == "s" {
        return None;
    }

    // Age: "Sims, 31, died", "Lyons,32, was", "Age: 22".
    if let Some(raw) = comma_age(s, a) {
        return Some(raw);
    }
    if a.t0 >= 2 && s.is_sym(a.t0 - 1, ":") && s.lw(a.t0 - 2) == "age" {
        return Some(Raw::new(
            a.t0,
            a.t1,
            FigureKind::Age,
            a.value,
            Interval::point(a.value),
        ));
    }

    let mut t0 = a.t0;
    let mut t1 = a.t1;
    // Words another figure took are not this one's ("10 rmb 20 usd").
    let free = |from: usize| (from..a.t0).all(|t| !used.get(t).copied().unwrap_or(false));
    let mut currency = currency_before(s, t0)
        .filter(|&(_, start)| free(start))
        .map(|(c, start)| {
            t0 = start;
            c
        });
    if currency.is_none()
        && let Some((c, end)) = currency_after(s, t1)
    {
        currency = Some(c);
        t1 = end;
    }

    // Percent: "40%", "40 percent", "forty per cent", "3 percentage points".
    let mut kind = if currency.is_some() {
        FigureKind::Money
    } else {
        FigureKind::Count
    };
    if currency.is_none() {
        if s.is_sym(t1, "%") {
            kind = FigureKind::Percent;
            t1 += 1;
        } else {
            match s.lw(t1) {
                "percent" | "percents" | "pct" | "pc" | "percentage" => {
                    kind = FigureKind::Percent;
                    t1 += 1;
                    if matches!(s.lw(t1), "point" | "points") {
                        kind = FigureKind::PercentPoints;
                        t1 += 1;
                    }
                }
                "per" if s.lw(t1 + 1) == "cent" => {
                    kind = FigureKind::Percent;
                    t1 += 2;
                }
                _ if s.lang == Lang::Spanish => {
                    let after = [s.lw(t1), s.lw(t1 + 1)];
                    if let Some((word, n)) = super::spanish::percent_after(&after) {
                        kind = match word {
                            super::spanish::PercentWord::Percent => FigureKind::Percent,
                            super::spanish::PercentWord::Points => FigureKind::PercentPoints,
                        };
                        t1 += n;
                    }
                }
                _ => {}
            }
        }
    }

    // Units of time and ages: "a 60-day pause", "seven months", "23-year-old".
    if kind == FigureKind::Count {
        let hyphen = s.is_sym(t1, "-") && s.attached(t1) && s.attached(t1 + 1);
        let u_at = if hyphen { t1 + 1 } else { t1 };
        let lw = s.lw(u_at);
        if lw.ends_with("-old") || (lexicon::time_unit(lw).is_some() && s.lw(u_at + 1) == "old") {
            let end = if lw.ends_with("-old") {
                u_at + 1
            } else {
                u_at + 2
            };
            if lw.starts_with("year") || lw.starts_with("years") {
                let mut raw = age(s, a.t0, end, a.value, a.words);
                // "over thirty years old"
                if let Some((q, qs)) = qualifier_before(s, a.t0) {
                    raw.qualifier = q;
                    raw.t0 = qs;
                    raw.interval = interval_of(a.value, 1.0, q, true);
                }
                return Some(raw);
            }
            return None;
        }
        if let Some(u) = lexicon::time_unit(lw) {
            // "a second" and "seconds" after a number are durations, but a
            // year written before "years" is not ("2009 years" is rare).
            let q = match qualifier_before(s, a.t0) {
                Some((
                    q @ (Qualifier::About
                    | Qualifier::Nearly
                    | Qualifier::AtLeast
                    | Qualifier::AtMost),
                    _,
                )) => q,
                _ if matches!(s.lw(a.t0.wrapping_sub(1)), "within") => Qualifier::AtMost,
                _ => Qualifier::Exact,
            };
            let mut raw = duration(a, u, u_at + 1, q);
            if q != Qualifier::Exact
                && let Some((_, qs)) = qualifier_before(s, a.t0)
            {
                raw.t0 = qs;
            }
            raw.in_words = a.words;
            return Some(raw);
        }
        let unit_part = s.lw(t1 + 1).split('-').next().unwrap_or("");
        if hyphen && let Some(code) = lexicon::currency_word(unit_part) {
            let mut raw = Raw::new(
                a.t0,
                t1 + 2,
                FigureKind::Money,
                a.value,
                interval_of(a.value, a.unit, Qualifier::Exact, false),
            );
            raw.n1 = a.t1;
            raw.currency = Some(code);
            raw.in_words = a.words;
            return Some(raw);
        }
        if hyphen && s.lw(t1 + 1) == "plus" {
            let mut raw = Raw::new(
                a.t0,
                t1 + 2,
                FigureKind::Count,
                a.value,
                interval_of(a.value, a.unit, Qualifier::AtLeast, true),
            );
            raw.n1 = a.t1;
            raw.qualifier = Qualifier::AtLeast;
            raw.in_words = a.words;
            return Some(raw);
        }
    }

    // A bare four-digit number from 1800 to 2100 is a year (news style puts a
    // comma in counts: "2,009 people"), unless a hedge or currency says
    // otherwise.
    let hedge = qualifier_before(s, t0).filter(|&(_, start)| free(start));
    if kind == FigureKind::Count
        && a.plain4
        && (1800.0..=2100.0).contains(&a.value)
        && hedge.is_none()
    {
        let prev = a.t0.checked_sub(1).map_or("", |p| s.lw(p));
        let counted_after = s.is_word(a.t1)
            && !s.is_cap(a.t1)
            && looks_plural(s.lw(a.t1))
            && !matches!(
                prev,
                "in" | "since"
                    | "of"
                    | "the"
                    | "by"
                    | "until"
                    | "from"
                    | "before"
                    | "after"
                    | "during"
                    | "through"
                    | "mid"
                    | "late"
                    | "early"
            );
        if !counted_after {
            let mut raw = Raw::new(
                a.t0,
                a.t1,
                FigureKind::Year,
                a.value,
                Interval::point(a.value),
            );
            raw.date = Some(DateValue {
                year: Some(a.value as i32),
                ..Default::default()
            });
            return Some(raw);
        }
    }

    // Hedges before, and "or more", "or so", "+" after. "A dozen" is loose.
    let mut qualifier = if a.words && s.lw(a.t1 - 1) == "dozen" && matches!(s.lw(a.t0), "a" | "one")
    {
        Qualifier::About
    } else {
        Qualifier::Exact
    };
    if let Some((q, qs)) = hedge {
        qualifier = q;
        t0 = qs;
    }
    if s.is_sym(a.t1, "+") && s.attached(a.t1) {
        qualifier = Qualifier::AtLeast;
        t1 = t1.max(a.t1 + 1);
    }
    // "5,000 or less" (but "5,000 or less than 6,000" is two figures).
    let then = s.lw(t1 + 2) == "than";
    match (s.lw(t1), s.lw(t1 + 1)) {
        (_, "more" | "greater" | "less" | "fewer") if then => {}
        ("or", "more") | ("or", "greater") | ("and", "up") => {
            qualifier = Qualifier::AtLeast;
            t1 += 2;
        }
        ("or", "so") => {
            qualifier = Qualifier::About;
            t1 += 2;
        }
        ("or", "less") | ("or", "fewer") => {
            qualifier = Qualifier::AtMost;
            t1 += 2;
        }
        _ => {}
    }
    let integer = kind == FigureKind::Count && !a.decimal;
    let mut raw = Raw::new(
        t0,
        t1,
        kind,
        a.value,
        interval_of(a.value, a.unit, qualifier, integer),
    );
    raw.n0 = a.t0;
    raw.n1 = a.t1;
    raw.qualifier = qualifier;
    raw.currency = currency;
    raw.in_words = a.words;
    Some(raw)
}

/// Words that read as numbers but are not figures here: "one of the",
/// "no one", "the one", "one day", "a second" (of time).
fn word_filter(s: &Sent<'_>, a: &Atom) -> bool {
    if !a.words || a.t1 - a.t0 != 1 {
        return false;
    }
    let lw = s.lw(a.t0);
    let prev = a.t0.checked_sub(1).map_or("", |p| s.lw(p));
    let next = s.lw(a.t1);
    match lw {
        "one" => {
            matches!(
                next,
                "of" | "another"
                    | "day"
                    | "thing"
                    | "way"
                    | "side"
                    | "hand"
                    | "time"
                    | "point"
                    | "by"
                    | "after"
                    | "more"
                    | "last"
            ) || matches!(
                prev,
                "no" | "any"
                    | "every"
                    | "some"
                    | "each"
                    | "the"
                    | "this"
                    | "that"
                    | "which"
                    | "someone"
                    | "only"
                    | "anyone"
                    | "everyone"
            ) || !s.is_word(a.t1)
                && !matches!(
                    prev,
                    "killing"
                        | "killed"
                        | "leaving"
                        | "injuring"
                        | "wounding"
                        | "than"
                        | "to"
                        | "of"
                )
        }
        "second" | "seconds" => {
            // The unit of time: "every second", "a second later", "seconds".
            lw == "seconds"
                || matches!(prev, "every" | "per" | "split" | "each")
                || (matches!(prev, "a" | "one" | "few")
                    && (!s.is_word(a.t1)
                        || matches!(
                            next,
                            "later"
                                | "ago"
                                | "or"
                                | "to"
                                | "of"
                                | "and"
                                | "after"
                                | "before"
                                | "in"
                                | "for"
                                | "when"
                                | "that"
                                | "longer"
                                | "earlier"
                        )))
        }
        "first" => matches!(prev, "at") || matches!(next, "of" | "and" | "place"),
        _ => false,
    }
}

/// Crude plural test for a counted noun ("troops", "people").
pub(super) fn looks_plural(lw: &str) -> bool {
    if matches!(
        lw,
        "people"
            | "men"
            | "women"
            | "children"
            | "police"
            | "personnel"
            | "staff"
            | "troops"
            | "cattle"
            | "feet"
            | "teeth"
            | "mice"
            | "geese"
            | "crew"
            | "militia"
            | "youth"
            | "dead"
            | "injured"
            | "wounded"
            | "missing"
            | "killed"
            | "hospitalized"
            | "hospitalised"
            | "arrested"
            | "displaced"
            | "deported"
            | "homeless"
    ) {
        return true;
    }
    lw.len() > 3
        && lw.ends_with('s')
        && !lw.ends_with("ss")
        && !lw.ends_with("us")
        && !lw.ends_with("is")
        && !lw.ends_with("'s")
        && !lw.ends_with("’s")
}

fn ordinal(s: &Sent<'_>, a: &Atom) -> Option<Raw> {
    // "third-country", "first-hand": compounds were not parsed as numbers.
    // A capitalised ordinal inside a sentence is a name ("First Amendment").
    if a.words && a.t0 > 0 && s.is_cap(a.t0) {
        return None;
    }
    let mut raw = Raw::new(
        a.t0,
        a.t1,
        FigureKind::Ordinal,
        a.value,
        Interval::point(a.value),
    );
    raw.in_words = a.words;
    // "the third quarter", "fourth-quarter": periods, kept as ordinals.
    Some(raw)
}

fn duration(a: &Atom, u: TimeUnit, end: usize, q: Qualifier) -> Raw {
    let days = a.value * u.days();
    let iv = interval(a.value, a.unit, q, !a.decimal);
    let mut raw = Raw::new(
        a.t0,
        end,
        FigureKind::Duration,
        days,
        Interval::new(iv.lo * u.days(), iv.hi * u.days()),
    );
    raw.n0 = a.t0;
    raw.n1 = a.t1;
    raw.qualifier = q;
    raw.time_unit = Some(u);
    raw
}

fn age(s: &Sent<'_>, t0: usize, t1: usize, value: f64, words: bool) -> Raw {
    let mut raw = Raw::new(t0, t1, FigureKind::Age, value, Interval::point(value));
    raw.n1 = t0 + 1;
    raw.in_words = words;
    // "9-year-old Talia Quist": the name after it, if any ("a 23-year-old
    // Harlow Bridge man" names a town, not a person).
    let mut j = t1;
    while j < s.len() && j < t1 + 4 && s.is_cap(j) {
        j += 1;
    }
    raw.person = (j >= t1 + 2).then(|| person_hash(s, t1, j));
    raw
}

/// The hash of a name written over tokens `from..to` ("Darnell Quist").
fn person_hash(s: &Sent<'_>, from: usize, to: usize) -> u64 {
    let mut h = Fnv::new();
    for t in from..to {
        h.write(
            s.lw(t)
                .trim_end_matches("’s")
                .trim_end_matches("'s")
                .as_bytes(),
        );
        h.write(b" ");
    }
    h.finish()
}

/// "Darnell Quist, 31, died": a capitalised name, a comma, a number from 1
/// to 110, then a comma, a period or "and".
fn comma_age(s: &Sent<'_>, a: &Atom) -> Option<Raw> {
    if a.words || a.decimal || a.t0 < 2 || !s.is_sym(a.t0 - 1, ",") {
        return None;
    }
    let name = a.t0 - 2;
    if !s.is_cap(name) || lexicon::may_precede_figure(s.lw(name)) {
        return None;
    }
    if !(1.0..=110.0).contains(&a.value) {
        return None;
    }
    let after_ok = s.is_sym(a.t1, ",")
        || s.is_sym(a.t1, ".")
        || s.is_sym(a.t1, ";")
        || s.is_sym(a.t1, ")")
        || a.t1 >= s.len()
        || matches!(s.lw(a.t1), "and" | "of" | "was" | "were" | "is" | "who");
    if !after_ok {
        return None;
    }
    let mut raw = Raw::new(
        a.t0,
        a.t1,
        FigureKind::Age,
        a.value,
        Interval::point(a.value),
    );
    // The whole name before the comma: "Darnell Quist" and "Talia Quist"
    // are two people.
    let mut first = name;
    while first > 0
        && name - first < 3
        && s.is_cap(first - 1)
        && !lexicon::may_precede_figure(s.lw(first - 1))
    {
        first -= 1;
    }
    // A surname alone is shared by a family ("Robertson, 13" and
    // "Robertson, 37"): only a full name identifies the person.
    raw.person = (name > first).then(|| person_hash(s, first, name + 1));
    Some(raw)
}

/// "between 10 and 12", "10-12", "10 to 12 people", "two or three".
/// `Err` for a score ("won 2-1"), which is no figure at all.
fn range(
    s: &Sent<'_>,
    atoms: &[Atom],
    k: usize,
    used: &[bool],
) -> Result<Option<(Raw, usize)>, ()> {
    let a = atoms[k];
    let Some(&b) = atoms.get(k + 1) else {
        return Ok(None);
    };
    if a.ordinal || b.ordinal || a.vague || b.vague || a.suffix_at.is_some() {
        return Ok(None);
    }
    let gap: Vec<&str> = (a.t1..b.t0).map(|t| s.lw(t)).collect();
    let between = a.t0 >= 1 && s.lw(a.t0 - 1) == "between" && gap == ["and"];
    let dash = matches!(gap.as_slice(), ["-"] | ["–"] | ["—"]);
    let to = gap == ["to"];
    let or = gap == ["or"];
    if !(between || dash || to || or) {
        return Ok(None);
    }
    if is_identifier(s, &a) {
        return Ok(None);
    }
    // Scores: "won 2-1", "a 3-0 defeat".
    if dash {
        if s.is_num(a.t0) != s.is_num(b.t0) {
            return Ok(None);
        }
        // "2-1", "3-0": a result, not a range.
        if a.value >= b.value && s.is_num(a.t0) && a.value < 100.0 && !a.decimal {
            return Err(());
        }
        if a.value >= b.value {
            return Ok(None);
        }
        if !s.attached(a.t1) && s.lw(a.t1) == "-" {
            return Ok(None);
        }
        let score_words = (a.t0.saturating_sub(3)..a.t0)
            .chain(b.t1..(b.t1 + 2).min(s.len()))
            .any(|t| {
                matches!(
                    s.lw(t),
                    "won"
                        | "win"
                        | "lost"
                        | "lose"
                        | "beat"
                        | "beaten"
                        | "defeat"
                        | "defeated"
                        | "victory"
                        | "draw"
                        | "drew"
                        | "score"
                        | "scored"
                        | "lead"
                        | "led"
                        | "vote"
                        | "votes"
                        | "voted"
                        | "ruling"
                        | "decision"
                )
            });
        if score_words {
            return Err(());
        }
    }
    if to {
        // "rose from 10 to 12" is a change, not a range.
        let from = (a.t0.saturating_sub(3)..a.t0).any(|t| s.lw(t) == "from");
        if from || a.value >= b.value {
            return Ok(None);
        }
    }
    if or && (a.value >= b.value || b.value - a.value > a.value.max(1.0)) {
        return Ok(None);
    }
    if between && a.value > b.value {
        return Ok(None);
    }
    // The second number's unit decides the kind: "between 10 and 12 percent".
    let Some(second) = figure_unchecked(s, &b, used) else {
        return Ok(None);
    };
    if matches!(
        second.kind,
        FigureKind::Year | FigureKind::Date | FigureKind::Age
    ) {
        return Ok(None);
    }
    // "5 to 10 million": the scale of the second applies to the first.
    let scale_of = |x: &Atom| {
        (x.t0..x.t1).find_map(|t| lexicon::scale(s.lw(t), s.attached(t)).filter(|&m| m >= 1e3))
    };
    let scale = match (scale_of(&a), scale_of(&b)) {
        (None, Some(m)) if a.value * m <= b.value => m,
        _ => 1.0,
    };
    let lo_v = a.value * scale;
    let to_days = |v: f64| match second.time_unit {
        Some(u) => v * u.days(),
        None => v,
    };
    let lo = to_days(lo_v);
    let hi = second.interval.hi.max(second.value);
    let t0 = if between {
        a.t0 - 1
    } else {
        currency_before(s, a.t0).map_or(a.t0, |(_, st)| st)
    };
    let mut raw = Raw::new(
        t0,
        second.t1,
        second.kind,
        (lo + second.value) / 2.0,
        Interval::new(lo, hi),
    );
    raw.n0 = a.t0;
    raw.n1 = b.t1;
    raw.qualifier = Qualifier::Range;
    raw.currency = second.currency;
    raw.time_unit = second.time_unit;
    raw.in_words = a.words || b.words;
    Ok(Some((raw, 2)))
}
