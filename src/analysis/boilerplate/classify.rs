//! The decision: which units are page furniture.
//!
//! 1. **Context-free classes** (as in jusText): *good* (a paragraph of
//!    prose: a sentence of ten or more words, or twenty words dense in
//!    function words), *near* (a shorter sentence), *short* (no sentence
//!    end: headlines, subheadings, menus, names), and *bad* (known phrases,
//!    slugs, text addressed to the reader about the website, repeated lines).
//! 2. **Blocks**: a related-links heading takes the teasers under it; an FAQ
//!    heading takes the questions and answers under it when the answers
//!    restate the article.
//! 3. **The article**: from its first to its last *good* paragraph; the
//!    headline is the short line before it that shares the most words with
//!    its opening paragraphs.
//! 4. **Context**: short lines are judged by their neighbours. Runs of
//!    three or more very short lines are navigation (outside the article,
//!    or inside it when the run holds known furniture); dates and names
//!    alone are stamps and bylines at the edges; a short line between two
//!    flagged lines outside the article goes with them. A short line between
//!    paragraphs of the article is a subheading and stays.
//! 5. **Protection**: the headline, quotations, a story dateline, lists
//!    that the story introduces, and `boilerplate.allow` are never flagged.
//! 6. **The line model** ([`super::model`]) weighs the units' shapes, their
//!    neighbours and the evidence above: it drops the context rules' flags
//!    it rates below its threshold, starts blocks at units it is sure of
//!    (a stricter threshold between the article's paragraphs), and grows
//!    flagged blocks into neighbouring units it rates above its threshold
//!    (never into prose or between the article's paragraphs).
//! 7. **Comments**: under a comments heading that follows paragraphs of
//!    the article, the rest of the page is one block of readers' comments
//!    (`comment_section`).
//!
//! Runs, stamps, bylines and isolated lines never take a unit that reads
//! as prose ([`super::prose`]).
//!
//! Everything is linear in the number of units, except the headline and FAQ
//! word overlaps, which look at a bounded number of units.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use super::features::{self, Features};
use super::phrases::{self, Cue};
use super::{Boilerplate, Kind, Place, Reason, Region, UnitInfo};
use super::{model, prose};
use crate::analysis::Settings;
use crate::analysis::effort;
use crate::analysis::reuse::ParagraphMap;
use crate::analysis::text::Segmentation;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Class {
    Good,
    Near,
    Short,
}

struct Unit<'t> {
    text: &'t str,
    /// The paragraph it is (an index into `Segmentation::paragraphs`).
    paragraph: usize,
    lines: Range<usize>,
    span: Range<usize>,
    f: Features,
    cue: Option<Cue>,
    hash: u64,
    class: Class,
    /// Quotation, story dateline, `boilerplate.allow`, headline, list item.
    protected: bool,
    quote: bool,
    /// A story dateline ("PORT ALDREN (AP) —").
    dateline: bool,
    allowed: bool,
    flag: Option<(Kind, Reason)>,
    /// Units of one block share a block number (for one finding).
    block: Option<usize>,
    /// Whether the unit reads as prose, computed once when first asked.
    prose: std::cell::OnceCell<bool>,
}

impl Unit<'_> {
    fn flagged(&self) -> bool {
        self.flag.is_some()
    }

    /// [`prose::reads_as_prose`] of the unit's text, computed once.
    fn prose(&self) -> bool {
        *self.prose.get_or_init(|| prose::reads_as_prose(self.text))
    }

    fn free(&self) -> bool {
        !self.flagged() && !self.protected
    }

    fn content(&self) -> bool {
        !self.flagged() && (matches!(self.class, Class::Good | Class::Near) || self.quote)
    }
}

/// How many words a unit of navigation has at most.
const NAV_WORDS: u32 = 6;

/// A menu item or link: a few words, no sentence end, and none of the
/// marks of a list item of a story (commas, brackets, a dash between
/// parts, figures): "Press Room", "Tools & Services", "Latest Headlines";
/// not "Holland 14, Bartlett 80." or "Drama - Featherboy".
fn navlike(u: &Unit<'_>) -> bool {
    let t = u.text;
    u.f.words <= NAV_WORDS
        && !u.f.terminal
        && u.f.numeric == 0
        && !t.contains([',', '(', ';'])
        && !t.contains(" - ")
        && !t.contains(" – ")
        && !t.contains(" — ")
        && !t.contains(" v ")
        && !t.contains(" vs ")
        && !t.contains(':')
}

/// Labels the lines of `text`: the rules, then the learned model over
/// the rules' evidence and the units' shapes, then the regions.
pub fn detect(text: &str, seg: &Segmentation, settings: &Settings) -> Boilerplate {
    detect_reusing(text, seg, settings, None).0
}

/// What the text of one unit decides, wherever the unit stands and
/// whatever the settings: its features, cue, hash, class, whether it is a
/// quotation or a story dateline and, once asked, whether it reads as
/// prose.
#[derive(Clone, Debug)]
struct UnitText {
    f: Features,
    cue: Option<Cue>,
    hash: u64,
    class: Class,
    quote: bool,
    dateline: bool,
    prose: Option<bool>,
}

/// For each paragraph of a document, what the text of its unit decided
/// (`None` for a paragraph that makes no unit): the part of the detector
/// that costs per unit, kept so that an edited version reads only the
/// paragraphs the edit touched ([`detect_reusing`]).
#[derive(Clone, Debug, Default)]
pub struct UnitTexts(Vec<Option<UnitText>>);

/// [`detect`] of a new version of a document, taking over from the
/// version before it (`before`: its [`UnitTexts`] and the map of its
/// unchanged paragraphs) what the text of each unchanged paragraph
/// decided. Everything that depends on a unit's place, its neighbours,
/// the whole page or the settings (the rules, the line model, blocks,
/// comments) is decided again over every unit: those passes are cheap and
/// linear, and any change of a document-wide input (the unit count, the
/// headline, the article's bounds, a repeated line) reaches every unit as
/// in a fresh read. The result equals [`detect`]'s; the second value is
/// what the next version takes over.
pub fn detect_reusing(
    text: &str,
    seg: &Segmentation,
    settings: &Settings,
    before: Option<(&UnitTexts, &ParagraphMap)>,
) -> (Boilerplate, UnitTexts) {
    let carried = |p: usize| {
        let (texts, map) = before?;
        texts.0.get(map.get(p)?.old)?.clone()
    };
    let mut units = build_units(text, seg, settings, carried);
    if units.is_empty() {
        let empty = Boilerplate::new(Vec::new(), seg.lines.len(), Vec::new(), None);
        return (empty, unit_texts(&units, seg));
    }
    let (headline, body) = rules(&mut units);
    if let Some(m) = model::shipped() {
        let x = learned_features(&units, body, headline);
        apply_model(&mut units, &x, m, body);
    }
    comment_section(&mut units);
    // With whether a unit reads as prose, as far as the passes above asked.
    let texts = unit_texts(&units, seg);
    (finish(units, seg, headline, body), texts)
}

/// The [`UnitTexts`] of `units` (the units of `seg`'s paragraphs).
fn unit_texts(units: &[Unit<'_>], seg: &Segmentation) -> UnitTexts {
    let mut out = vec![None; seg.paragraphs.len()];
    for u in units {
        if let Some(slot) = out.get_mut(u.paragraph) {
            *slot = Some(UnitText {
                f: u.f,
                cue: u.cue,
                hash: u.hash,
                class: u.class,
                quote: u.quote,
                dateline: u.dateline,
                prose: u.prose.get().copied(),
            });
        }
    }
    UnitTexts(out)
}

/// Paragraphs of prose (class *good*) that must come before a comments
/// heading for it to open the readers' comments. On the L3S-GN1 training
/// pages (the held-out part unseen), requiring one lost 7,000 words of
/// article text to comment sections opened by a comment count in a
/// toolbar under the lead, two lost 1,700, three 720 (0.35% of the
/// article's words) while still taking three quarters of the comments.
const MIN_PARAGRAPHS_BEFORE_COMMENTS: usize = 3;

/// Words a comments heading has at most ("Comments (14) Post a comment").
const MAX_COMMENTS_HEADING_WORDS: u32 = 8;

/// Readers' comments: after a comments heading ([`phrases::opens_comments`])
/// that follows [`MIN_PARAGRAPHS_BEFORE_COMMENTS`] paragraphs of the
/// article, every unit not flagged or protected already is one block of
/// comments, prose included (a reader's claim is not the outlet's
/// reporting). Runs after the line model, which never learned from
/// comments (their labels are left out of its training) and whose
/// features it leaves unchanged.
fn comment_section(units: &mut [Unit<'_>]) {
    let mut paragraphs = 0;
    let mut heading = None;
    for (k, u) in units.iter().enumerate() {
        if paragraphs >= MIN_PARAGRAPHS_BEFORE_COMMENTS
            && !u.protected
            && u.f.words <= MAX_COMMENTS_HEADING_WORDS
            && u.cue == Some(Cue::Comments)
            && phrases::opens_comments(u.text)
        {
            heading = Some(k);
            break;
        }
        if u.class == Class::Good && !u.flagged() {
            paragraphs += 1;
        }
    }
    let Some(h) = heading else {
        return;
    };
    let block = units
        .iter()
        .filter_map(|u| u.block)
        .max()
        .map_or(0, |b| b + 1);
    let title = units[h].text.trim().to_string();
    for u in units.iter_mut().skip(h + 1) {
        if u.flagged() || u.protected {
            continue;
        }
        u.flag = Some((
            Kind::Boilerplate,
            Reason::Comments {
                heading: title.clone(),
            },
        ));
        u.block = Some(block);
    }
}

/// The model's feature vectors of the units of `text`, with the line
/// ranges they cover: what `examples/train_boilerplate_model.rs` learns
/// from.
#[doc(hidden)]
pub fn training_rows(text: &str, seg: &Segmentation, settings: &Settings) -> Vec<TrainingRow> {
    let mut units = build_units(text, seg, settings, |_| None);
    if units.is_empty() {
        return Vec::new();
    }
    let (headline, body) = rules(&mut units);
    let x = learned_features(&units, body, headline);
    let furnished = furnished(&units);
    units
        .iter()
        .enumerate()
        .zip(x)
        .map(|((k, u), x)| TrainingRow {
            lines: u.lines.clone(),
            x,
            start: start(u, k, body).filter(|_| furnished),
        })
        .collect()
}

/// Units the rules must have flagged on a page before the model may start
/// blocks of its own there. A page with furniture found by evidence is a
/// scraped page with more of it; a clean article (a wire story, a pasted
/// draft) has none, and there a short line the model rates as furniture by
/// shape is a list item, a programme credit or a closing note of the story
/// (on 2,224 clean BBC articles, starting anywhere multiplied the flagged
/// lines tenfold).
const MIN_FLAGGED_TO_START: usize = 3;

/// Whether the page shows enough furniture for the model to start blocks.
fn furnished(units: &[Unit<'_>]) -> bool {
    units.iter().filter(|u| u.flagged()).count() >= MIN_FLAGGED_TO_START
}

/// One unit as the trainer sees it.
#[doc(hidden)]
#[derive(Clone, Debug)]
pub struct TrainingRow {
    /// The lines the unit covers.
    pub lines: Range<usize>,
    /// Its features ([`model::NAMES`]).
    pub x: model::Vector,
    /// Whether the model may flag it on its own word, and where it stands
    /// ([`start`]).
    pub start: Option<Place>,
}

/// Whether the model alone may flag unit `k` (no rule flagged it, no
/// flagged neighbour leads to it), and where it stands: only a unit that
/// no rule flagged or protected and that does not read as prose; outside
/// the article's paragraphs at [`model::Model::start_threshold`], between
/// them (where a short line is most often a subheading or a list item of
/// the story) at the stricter [`model::Model::inside_threshold`].
fn start(u: &Unit<'_>, k: usize, body: Option<(usize, usize)>) -> Option<Place> {
    if u.flagged() || u.protected || u.prose() {
        return None;
    }
    Some(match body {
        Some((first, _)) if k < first => Place::Before,
        Some((_, last)) if k <= last => Place::Inside,
        _ => Place::After,
    })
}

/// The hand-written rules: headline, repeats, blocks, the article's
/// bounds, context. Returns the headline unit and the article's bounds.
fn rules(units: &mut [Unit<'_>]) -> (Option<usize>, Option<(usize, usize)>) {
    // The headline first, so that no block or run takes it.
    let headline = pick_headline(units);
    mark_repeats(units);
    let mut blocks = 0;
    related_blocks(units, &mut blocks);
    faq_blocks(units, &mut blocks);

    let mut body = body_bounds(units);
    if let Some((_, last)) = body {
        // An author's biography closes the article, at most two of them.
        let mut last = last;
        for _ in 0..2 {
            let u = &units[last];
            if u.free() && phrases::is_author_bio(u.text) {
                units[last].flag = Some((Kind::Boilerplate, Reason::AuthorBio));
                match body_bounds(units) {
                    Some((_, l)) => last = l,
                    None => break,
                }
            } else {
                break;
            }
        }
        body = body_bounds(units);
    }

    if let Some((first, last)) = body {
        protect_lists(units, first, last);
        context(units, first, last);
    }
    (headline, body)
}

fn finish(
    units: Vec<Unit<'_>>,
    seg: &Segmentation,
    headline: Option<usize>,
    body: Option<(usize, usize)>,
) -> Boilerplate {
    let info = units
        .iter()
        .enumerate()
        .map(|(k, u)| {
            let outside = match body {
                Some((first, last)) => k < first || k > last,
                None => true,
            };
            UnitInfo {
                lines: u.lines.clone(),
                span: u.span.clone(),
                hash: u.hash,
                // A figure or a date alone recurs because stories share
                // numbers and days, not because a site template does.
                template_candidate: u.free()
                    && u.f.words <= 20
                    && !u.f.slug
                    && u.f.lexical >= 1
                    && !u.f.date_only
                    && (u.class == Class::Short
                        || (u.class == Class::Near
                            && (u.f.interface_words + u.f.second_person > 0))),
                prose: u.class == Class::Good,
                outside_article: outside,
            }
        })
        .collect();
    let regions = regions(&units, seg);
    Boilerplate::new(
        regions,
        seg.lines.len(),
        info,
        headline.map(|k| units[k].lines.start),
    )
}

/// What a unit shows its neighbours.
fn neighbour(u: Option<&Unit<'_>>) -> [f32; 5] {
    match u {
        None => [0.0; 5],
        Some(u) => [
            (1.0 + u.f.words as f32).ln(),
            u.f.stop_density(),
            f32::from(u8::from(u.f.terminal)),
            f32::from(u8::from(u.flagged())),
            f32::from(u8::from(u.class == Class::Good)),
        ],
    }
}

/// The feature vectors ([`model::NAMES`]) of every unit, after the rules.
fn learned_features(
    units: &[Unit<'_>],
    body: Option<(usize, usize)>,
    headline: Option<usize>,
) -> Vec<model::Vector> {
    let n = units.len();
    let b = |v: bool| f32::from(u8::from(v));
    // Runs of short units, and the distance to the nearest paragraph.
    let mut run = vec![0u32; n];
    let mut k = 0;
    while k < n {
        let mut j = k;
        while j < n && units[j].class == Class::Short {
            j += 1;
        }
        for r in run.iter_mut().take(j).skip(k) {
            *r = (j - k) as u32;
        }
        k = j.max(k + 1);
    }
    let mut dist = vec![n as u32; n];
    let mut last_good: Option<usize> = None;
    for (k, u) in units.iter().enumerate() {
        if u.class == Class::Good {
            last_good = Some(k);
        }
        if let Some(g) = last_good {
            dist[k] = (k - g) as u32;
        }
    }
    let mut next_good: Option<usize> = None;
    for k in (0..n).rev() {
        if units[k].class == Class::Good {
            next_good = Some(k);
        }
        if let Some(g) = next_good {
            dist[k] = dist[k].min((g - k) as u32);
        }
    }
    let mut seen: HashSet<u64> = HashSet::with_capacity(n);
    units
        .iter()
        .enumerate()
        .map(|(k, u)| {
            let f = &u.f;
            let words = f.words.max(1) as f32;
            let repeated = u.hash != 0 && !seen.insert(u.hash);
            let context_flag = matches!(
                u.flag,
                Some((_, Reason::Navigation { .. } | Reason::Isolated))
            );
            let (before, after) = match body {
                Some((first, last)) => (k < first, k > last),
                None => (true, true),
            };
            let mut x = [0f32; model::N];
            let own = [
                1.0,
                (1.0 + f.words as f32).ln(),
                f.stop_density(),
                f.capitalised as f32 / words,
                f.numeric as f32 / words,
                b(f.terminal),
                b(f.truncated),
                b(f.colon_end),
                b(f.question),
                b(u.quote),
                b(f.bullet),
                b(f.second_person > 0),
                (2 * f.interface_words + f.weak_interface_words).min(4) as f32 / 4.0,
                b(f.slug),
                b(f.date_only),
                b(f.stamp_word),
                b(f.title_case()),
                b(f.name_shaped()),
                b(u.prose()),
                b(u.class == Class::Good),
                b(u.class == Class::Near),
                b(u.cue.is_some()),
                b(u.cue.is_some_and(addresses_reader)),
                b(matches!(u.cue, Some(Cue::LinkTeaser | Cue::RelatedHeading))),
                b(u.flagged()),
                b(context_flag),
                b(repeated),
                (f.chars as f32 / words / 10.0).min(3.0),
                k as f32 / n as f32,
                b(before),
                b(after),
                b(headline == Some(k)),
                (1.0 + run[k] as f32).ln(),
                (1.0 + dist[k] as f32).ln(),
            ];
            x[..own.len()].copy_from_slice(&own);
            let mut at = own.len();
            for j in [k.checked_sub(1), Some(k + 1), k.checked_sub(2), Some(k + 2)] {
                let v = neighbour(j.and_then(|j| units.get(j)));
                x[at..at + 5].copy_from_slice(&v);
                at += 5;
            }
            debug_assert_eq!(at, model::N);
            x
        })
        .collect()
}

/// The model decides where the rules judged by shape and place: protected
/// units, phrase, date and block evidence (cues, slugs, date stamps,
/// bylines, text addressed to the reader, related blocks), the user's own
/// patterns and generated FAQs keep the rules' verdict.
///
/// It drops the flags of the context rules (runs of short lines, isolated
/// and repeated lines: judgements from shape and place, which it weighs
/// with more evidence) that it rates below its threshold. On a page where
/// the rules found furniture ([`MIN_FLAGGED_TO_START`]), a unit it is
/// sure of starts a block on its own word
/// ([`model::Model::start_threshold`] outside the article's paragraphs,
/// the stricter [`model::Model::inside_threshold`] between them, where a
/// short line is most often a subheading or a list item of the story);
/// such a unit must not read as prose nor be protected. Then it extends
/// the flags to the neighbouring units it rates at or above its threshold,
/// line by line in both directions; a unit a block grows into must not
/// read as prose and must stand outside the article's paragraphs.
fn apply_model(
    units: &mut [Unit<'_>],
    x: &[model::Vector],
    m: &model::Model,
    body: Option<(usize, usize)>,
) {
    let inside = |k: usize| body.is_some_and(|(first, last)| k >= first && k <= last);
    let p: Vec<f32> = x.iter().map(|x| m.probability(x)).collect();
    let furnished = furnished(units);
    let decided = |u: &Unit<'_>| {
        u.protected
            || matches!(
                u.flag,
                Some((Kind::GeneratedFaq, _) | (_, Reason::Custom(_)))
            )
    };
    for (k, u) in units.iter_mut().enumerate() {
        let from_context = matches!(
            u.flag,
            Some((
                _,
                Reason::Navigation { .. } | Reason::Isolated | Reason::Repeated { .. }
            ))
        );
        if from_context && !decided(u) && p[k] < m.threshold {
            u.flag = None;
            u.block = None;
        }
    }
    // Units the model is sure of start blocks of their own.
    for (k, pk) in p.iter().enumerate() {
        if !furnished || *pk < m.start_threshold.min(m.inside_threshold) {
            continue;
        }
        let threshold = match start(&units[k], k, body) {
            None => continue,
            Some(Place::Inside) => m.inside_threshold,
            Some(_) => m.start_threshold,
        };
        if *pk >= threshold {
            units[k].flag = Some((
                Kind::Boilerplate,
                Reason::Learned {
                    percent: (pk * 100.0).round() as u32,
                },
            ));
        }
    }
    let n = units.len();
    for forward in [true, false] {
        for step in 0..n {
            let k = if forward { step } else { n - 1 - step };
            let from = if forward {
                k.checked_sub(1)
            } else {
                Some(k + 1)
            };
            let u = &units[k];
            if u.flagged()
                || decided(u)
                || p[k] < m.threshold
                || inside(k)
                || !from.and_then(|j| units.get(j)).is_some_and(Unit::flagged)
                || u.prose()
            {
                continue;
            }
            units[k].flag = Some((
                Kind::Boilerplate,
                Reason::Learned {
                    percent: (p[k] * 100.0).round() as u32,
                },
            ));
        }
    }
}

/// What the text of one unit decides (see [`UnitText`]).
fn read_unit_text(t: &str) -> UnitText {
    effort::add_unit_read();
    let f = features::features(t);
    let class = if f.truncated {
        Class::Short
    } else if (f.sentence() && f.words >= 10) || (f.words >= 20 && f.stop_density() >= 0.2) {
        Class::Good
    } else if f.sentence() {
        Class::Near
    } else {
        Class::Short
    };
    let cue = (f.words <= phrases::MAX_WORDS && f.chars <= 600)
        .then(|| phrases::cue(t))
        .flatten();
    UnitText {
        f,
        cue,
        hash: features::normalised_hash(t),
        class,
        quote: f.starts_quote || f.has_quotation,
        dateline: phrases::is_story_dateline(t),
        prose: None,
    }
}

/// The units of `seg`'s paragraphs; `carried(p)` gives what the text of
/// paragraph `p` decided when an earlier version read it already.
fn build_units<'t>(
    text: &'t str,
    seg: &Segmentation,
    settings: &Settings,
    carried: impl Fn(usize) -> Option<UnitText>,
) -> Vec<Unit<'t>> {
    let mut units = Vec::with_capacity(seg.paragraphs.len());
    for (pi, p) in seg.paragraphs.iter().enumerate() {
        let Some(t) = text.get(p.span.clone()) else {
            continue;
        };
        if t.is_empty() {
            continue;
        }
        let own = carried(pi).unwrap_or_else(|| read_unit_text(t));
        let allowed = settings.boilerplate.allow.iter().any(|r| r.is_match(t));
        let prose = std::cell::OnceCell::new();
        if let Some(v) = own.prose {
            let _ = prose.set(v);
        }
        let mut unit = Unit {
            text: t,
            paragraph: pi,
            lines: p.lines.clone(),
            span: p.span.clone(),
            f: own.f,
            cue: own.cue,
            hash: own.hash,
            class: own.class,
            protected: allowed || own.quote || own.dateline,
            quote: own.quote,
            dateline: own.dateline,
            allowed,
            flag: None,
            block: None,
            prose,
        };
        if !allowed {
            if let Some(r) = settings
                .boilerplate
                .extra_patterns
                .iter()
                .find(|r| r.is_match(t))
            {
                unit.flag = Some((Kind::Boilerplate, Reason::Custom(r.as_str().to_string())));
            } else if !unit.protected {
                unit.flag = strong_evidence(&unit).map(|r| (Kind::Boilerplate, r));
            }
        }
        units.push(unit);
    }
    units
}

/// Evidence that holds wherever the unit is.
fn strong_evidence(u: &Unit<'_>) -> Option<Reason> {
    let f = &u.f;
    if f.slug {
        return Some(Reason::Slug {
            suffix: slug_suffix(u.text),
        });
    }
    if let Some(cue) = u.cue {
        // An FAQ heading is judged with what follows it ("Q&A: …" may be a
        // headline); a related-links heading alone is still furniture. A
        // label's wording ("Posted on …", "By …", "Photo: …") opening a
        // line that reads as a sentence is the sentence's own wording,
        // unless it is written as a label, with a colon ("Also Read: …").
        let label = !addresses_reader(cue) && !opens_with_label(u.text);
        return (cue != Cue::FaqHeading && !(label && u.prose())).then_some(Reason::Cue(cue));
    }
    if f.date_only && f.stamp_word {
        return Some(Reason::DateStamp);
    }
    if reader_interface(u) {
        return Some(Reason::ReaderInterface);
    }
    None
}

/// Whether a line opens with a label: one of its first three words ends
/// with a colon ("Also Read: …", "Photo: …", "Related videos: …").
fn opens_with_label(text: &str) -> bool {
    text.split_whitespace().take(3).any(|w| w.ends_with(':'))
}

/// Cues for text about the website or the making of the article (sign-up,
/// sharing, comments, cookies, advertising, copyright, "… contributed to
/// this report"): furniture even when written as a sentence. The others
/// (dates, bylines, captions, labels, link teasers, menus) name a label,
/// and a label does not read as prose.
fn addresses_reader(cue: Cue) -> bool {
    matches!(
        cue,
        Cue::Share
            | Cue::Comments
            | Cue::Newsletter
            | Cue::Account
            | Cue::Cookies
            | Cue::Advertisement
            | Cue::Copyright
            | Cue::Credit
            | Cue::CallToAction
    )
}

/// Text addressed to the reader about the website: "you" or an
/// imperative with a word only pages use about themselves, or two words
/// pages also share with news. Reporting ("said", "told") never is.
fn reader_interface(u: &Unit<'_>) -> bool {
    let f = &u.f;
    if f.words > 40 || f.words < 2 {
        return false;
    }
    let first = u
        .text
        .split_whitespace()
        .next()
        .unwrap_or("")
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_ascii_lowercase();
    let imperative = matches!(
        first.as_str(),
        "click"
            | "tap"
            | "sign"
            | "subscribe"
            | "follow"
            | "share"
            | "log"
            | "register"
            | "download"
            | "enter"
            | "join"
            | "like"
            | "please"
            | "visit"
            | "scroll"
            | "swipe"
            | "get"
            | "whenever"
    );
    let addressed = f.second_person > 0 || imperative;
    let weight = 2 * f.interface_words + f.weak_interface_words;
    // A paragraph of prose needs more than one such word ("each time you
    // open your browser" may start a technology story).
    let interface = if u.class == Class::Good {
        weight >= 3 || (weight >= 2 && u.text.to_ascii_lowercase().contains("please"))
    } else {
        weight >= 2
    };
    addressed && interface && !reports(u.text)
}

fn reports(text: &str) -> bool {
    text.split(|c: char| !c.is_alphabetic()).any(|w| {
        matches!(
            w,
            "said" | "says" | "told" | "according" | "police" | "officials" | "authorities"
        )
    })
}

/// "-images-0", "-main", "-2" at the end of a slug.
fn slug_suffix(text: &str) -> Option<String> {
    let lower = text.to_ascii_lowercase();
    let parts: Vec<&str> = lower.split(['-', '_']).collect();
    let last = *parts.last()?;
    let before = parts.len().checked_sub(2).map(|i| parts[i]);
    if last.chars().all(|c| c.is_ascii_digit()) && !last.is_empty() {
        return Some(match before {
            Some(b) if matches!(b, "image" | "images" | "img" | "photo" | "pic" | "picture") => {
                format!("-{b}-{last}")
            }
            _ => format!("-{last}"),
        });
    }
    if matches!(
        last,
        "main" | "hero" | "thumb" | "thumbnail" | "featured" | "cover" | "banner"
    ) {
        let b = before.unwrap_or("");
        return Some(if matches!(b, "image" | "images" | "img" | "photo") {
            format!("-{b}-{last}")
        } else {
            format!("-{last}")
        });
    }
    None
}

/// A later unit with the same text as an earlier one (six words or more)
/// repeats it: a teaser headline shown twice, a pull quote, a headline
/// repeated under the title.
fn mark_repeats(units: &mut [Unit<'_>]) {
    let mut first: HashMap<u64, usize> = HashMap::with_capacity(units.len());
    for u in units.iter_mut() {
        if u.hash == 0 || u.f.words < 6 || u.f.chars < 25 {
            continue;
        }
        match first.get(&u.hash) {
            Some(&line) => {
                if u.free() {
                    u.flag = Some((Kind::Boilerplate, Reason::Repeated { first_line: line }));
                }
            }
            None => {
                first.insert(u.hash, u.lines.start);
            }
        }
    }
}

/// Whether the article resumes at unit `k`: a paragraph followed by
/// another one (teaser blurbs are followed by teaser headlines).
fn resumes(units: &[Unit<'_>], k: usize) -> bool {
    let Some(u) = units.get(k) else {
        return false;
    };
    if u.flagged() || u.class != Class::Good {
        return false;
    }
    units
        .get(k + 1)
        .is_some_and(|v| !v.flagged() && matches!(v.class, Class::Good | Class::Near))
}

/// A teaser headline: short, no sentence end, not a label.
fn teaser_title(u: &Unit<'_>) -> bool {
    !u.protected
        && (matches!(u.flag, Some((_, Reason::Repeated { .. })))
            || (u.flag.is_none()
                && u.class == Class::Short
                && !u.f.truncated
                && u.f.words <= 25
                && !u.f.colon_end))
}

fn related_blocks(units: &mut [Unit<'_>], blocks: &mut usize) {
    let n = units.len();
    let mut k = 0;
    while k < n {
        if units[k].cue != Some(Cue::RelatedHeading) || units[k].protected {
            k += 1;
            continue;
        }
        let mut j = k + 1;
        let mut prev_title = false;
        let mut teasers = 0;
        while j < n {
            let u = &units[j];
            if u.protected {
                break;
            }
            let title = teaser_title(u);
            let ok = if title {
                // A subheading that opens more article text ends the block.
                !(u.flag.is_none() && resumes(units, j + 1))
            } else if ((u.f.truncated || u.f.date_only) && !u.flagged())
                || u.cue == Some(Cue::RelatedHeading)
                || u.cue == Some(Cue::LinkTeaser)
            {
                true
            } else if !u.flagged() && matches!(u.class, Class::Good | Class::Near) {
                // A blurb: after a teaser headline, before another one (or
                // the end).
                prev_title
                    && u.f.words <= 60
                    && units.get(j + 1).is_none_or(|v| {
                        teaser_title(v)
                            || v.f.truncated
                            || v.flagged() && v.cue != Some(Cue::FaqHeading)
                    })
                    && !resumes(units, j)
            } else {
                false
            };
            if !ok {
                break;
            }
            prev_title = title;
            teasers += 1;
            j += 1;
        }
        if teasers == 0 {
            k += 1;
            continue;
        }
        let heading = units[k].text.to_string();
        let id = *blocks;
        *blocks += 1;
        for u in &mut units[k..j] {
            u.flag = Some((
                Kind::Boilerplate,
                Reason::RelatedBlock {
                    heading: heading.clone(),
                    teasers,
                },
            ));
            u.block = Some(id);
        }
        k = j;
    }
}

/// An FAQ heading, then two or more questions each followed by answers,
/// where the answers restate the article above.
fn faq_blocks(units: &mut [Unit<'_>], blocks: &mut usize) {
    let n = units.len();
    let mut k = 0;
    while k < n {
        if units[k].cue != Some(Cue::FaqHeading) || units[k].allowed || units[k].f.words > 25 {
            k += 1;
            continue;
        }
        let is_question =
            |u: &Unit<'_>| u.f.question && u.f.words <= 40 && !u.allowed && u.cue.is_none();
        let mut j = k + 1;
        let mut questions = 0;
        let mut answer_range = Vec::new();
        while j < n && is_question(&units[j]) {
            questions += 1;
            j += 1;
            let start = j;
            while j < n
                && !units[j].f.question
                && !units[j].allowed
                && units[j].cue.is_none()
                && matches!(units[j].class, Class::Good | Class::Near)
            {
                j += 1;
            }
            answer_range.push(start..j);
        }
        if questions < 2 {
            k += 1;
            continue;
        }
        // How much of the answers' vocabulary the article already has.
        let article: HashSet<String> = units[..k]
            .iter()
            .filter(|u| u.content() || u.protected)
            .flat_map(|u| features::content_words(u.text))
            .collect();
        let (mut total, mut seen) = (0usize, 0usize);
        for r in &answer_range {
            for u in &units[r.clone()] {
                for w in features::content_words(u.text) {
                    total += 1;
                    if article.contains(&w) {
                        seen += 1;
                    }
                }
            }
        }
        let percent = (seen * 100).checked_div(total).unwrap_or(0);
        if total == 0 || percent < 50 {
            k = j;
            continue;
        }
        let id = *blocks;
        *blocks += 1;
        for u in &mut units[k..j] {
            u.flag = Some((
                Kind::GeneratedFaq,
                Reason::Faq {
                    questions,
                    restated_percent: percent as u32,
                },
            ));
            u.block = Some(id);
        }
        k = j;
    }
}

/// The article: first and last unflagged paragraph of prose, extended to
/// short sentences and quotations that follow the last one.
fn body_bounds(units: &[Unit<'_>]) -> Option<(usize, usize)> {
    let good = |u: &Unit<'_>| !u.flagged() && u.class == Class::Good;
    let first = units.iter().position(good)?;
    let last_good = units.iter().rposition(good)?;
    let mut last = last_good;
    for (k, u) in units.iter().enumerate().skip(last_good + 1) {
        if u.content() {
            last = k;
        }
    }
    Some((first, last))
}

/// Where the article's main text starts: the first unit of the largest
/// cluster of paragraphs (units of prose or short sentences, with at most
/// two short lines between them), by words.
fn main_text_start(units: &[Unit<'_>]) -> Option<usize> {
    let mut best: Option<(usize, u32)> = None;
    let mut k = 0;
    while k < units.len() {
        let u = &units[k];
        if u.flagged() || u.class != Class::Good {
            k += 1;
            continue;
        }
        let start = k;
        let mut words = 0;
        let mut gap = 0;
        let mut j = k;
        while j < units.len() {
            let v = &units[j];
            if !v.flagged() && matches!(v.class, Class::Good | Class::Near) {
                words += v.f.words;
                gap = 0;
            } else {
                gap += 1;
                if gap > 2 {
                    break;
                }
            }
            j += 1;
        }
        if best.is_none_or(|(_, w)| words > w) {
            best = Some((start, words));
        }
        k = j.max(k + 1);
    }
    best.map(|(k, _)| k)
}

/// The headline: among the unflagged lines before the article's main
/// text, the one that shares the most words with its opening paragraphs
/// (ties: the nearest). Without such overlap, or without an article, the
/// first unflagged line. The first line of the text is kept too when it
/// reads like a title: scraped text puts the page title first.
fn pick_headline(units: &mut [Unit<'_>]) -> Option<usize> {
    let chosen = match main_text_start(units) {
        None => units.iter().position(|u| !u.flagged()),
        Some(first) => {
            let opening: HashSet<String> = units[first..]
                .iter()
                .filter(|u| u.class == Class::Good && !u.flagged())
                .take(3)
                .flat_map(|u| features::content_words(u.text))
                .map(stem)
                .collect();
            let mut best: Option<(usize, f32)> = None;
            let mut scores: Vec<(usize, f32)> = Vec::new();
            for k in (0..first).filter(|&k| k < 3 || k + 40 >= first) {
                let u = &units[k];
                if u.flagged() || u.quote || u.f.date_only || u.f.truncated || u.f.words > 30 {
                    continue;
                }
                let (mut total, mut shared) = (0usize, 0usize);
                for w in features::content_words(u.text) {
                    total += 1;
                    shared += usize::from(opening.contains(&stem(w)));
                }
                if shared == 0 || shared * 10 < total * 3 {
                    continue;
                }
                // Words shared, weighted by the share of the line they
                // make: a headline is mostly words of its story. A long
                // line (a caption, a blurb) counts half.
                let mut score = (shared * shared) as f32 / total as f32;
                if u.f.words > 16 || u.f.terminal {
                    score /= 2.0;
                }
                scores.push((k, score));
                if best.is_none_or(|(_, s)| score >= s) {
                    best = Some((k, score));
                }
            }
            match best {
                Some((k, top)) => {
                    // A headline with its standfirst under it: the other
                    // strong candidates just before the best one stay too.
                    for &(j, score) in &scores {
                        if j < k && j + 12 >= k && score * 2.0 >= top {
                            units[j].protected = true;
                        }
                    }
                    Some(k)
                }
                None => units[..first]
                    .iter()
                    .position(|u| !u.flagged() && u.f.words >= 2 && !u.f.date_only),
            }
        }
    };
    if let Some(k) = chosen {
        units[k].protected = true;
    }
    if let Some(k) = units.iter().position(|u| !u.flagged()) {
        let u = &units[k];
        if k < 2 && u.f.words >= 3 && !u.f.truncated && !u.f.date_only && u.class != Class::Good {
            units[k].protected = true;
        }
    }
    chosen
}

/// A crude stem for word overlap: a final "s" dropped, then the first
/// five characters ("resigns" and "resignation", "trees" and "tree").
fn stem(word: String) -> String {
    let w = word.strip_suffix('s').unwrap_or(&word);
    w.chars().take(5).collect()
}

/// Lines that a sentence of the article introduces with a colon, and
/// bulleted lines inside the article, are the story's lists.
fn protect_lists(units: &mut [Unit<'_>], first: usize, last: usize) {
    let n = units.len();
    for k in first..=last.min(n - 1) {
        let u = &units[k];
        let bullet = u.f.bullet && !u.flagged();
        let intro = !u.flagged()
            && u.f.colon_end
            && u.cue.is_none()
            && u.f.words >= 3
            && u.f.stop_words >= 1;
        if bullet {
            units[k].protected = true;
        }
        if intro {
            let mut j = k + 1;
            while j < n && !units[j].flagged() && units[j].class != Class::Good && j <= last + 1 {
                units[j].protected = true;
                j += 1;
            }
        }
    }
}

fn context(units: &mut [Unit<'_>], first: usize, last: usize) {
    let n = units.len();
    let inside = |k: usize| k >= first && k <= last;

    // Runs of short lines: navigation.
    let mut k = 0;
    while k < n {
        // A line that reads as prose ends the run: navigation is never
        // made of sentences.
        let furniture = |u: &Unit<'_>| {
            u.flagged()
                || (u.class == Class::Short && !u.protected && u.f.words <= 25 && !u.prose())
        };
        if !furniture(&units[k]) {
            k += 1;
            continue;
        }
        let start = k;
        while k < n && furniture(&units[k]) {
            k += 1;
        }
        let run = start..k;
        let navlike = units[run.clone()]
            .iter()
            .filter(|u| u.free() && navlike(u))
            .count();
        let short = units[run.clone()].iter().filter(|u| u.free()).count();
        let known = units[run.clone()]
            .iter()
            .filter(|u| matches!(u.flag, Some((_, Reason::Cue(_) | Reason::Slug { .. }))))
            .count();
        let all_inside = run.clone().all(inside);
        let qualifies = if all_inside {
            (navlike >= 3 && known >= 1) || navlike >= 5
        } else {
            // Most of the run looks like menu items (a list of fixtures or
            // nominees has figures, commas and brackets in most lines).
            let menu = navlike * 2 >= short;
            (menu && navlike >= 3)
                || (short >= 4 && navlike >= 2 && menu)
                || (navlike >= 2 && known >= 2)
        };
        if qualifies {
            let place = if all_inside {
                Place::Inside
            } else if start < first {
                Place::Before
            } else {
                Place::After
            };
            let lines = run.len();
            for u in &mut units[run] {
                if u.free() {
                    u.flag = Some((Kind::Boilerplate, Reason::Navigation { lines, place }));
                }
            }
        }
    }

    // Dates and names alone at the edges.
    for k in 0..n {
        let u = &units[k];
        if !u.free() {
            continue;
        }
        let edge_flagged = |j: Option<usize>| j.is_none_or(|j| units[j].flagged());
        let prev = k.checked_sub(1);
        let next = (k + 1 < n).then_some(k + 1);
        if u.f.date_only && (!inside(k) || (edge_flagged(prev) && edge_flagged(next))) && !u.prose()
        {
            units[k].flag = Some((Kind::Boilerplate, Reason::DateStamp));
            continue;
        }
        if u.f.name_shaped()
            && u.class == Class::Short
            && full_name(u.text)
            && !u.text.contains('(')
        {
            // Right after the article's text (furniture between allowed),
            // with nothing but furniture after it.
            let after_text = units[..k]
                .iter()
                .rev()
                .find(|v| !v.flagged())
                .is_some_and(|v| v.content() && v.class != Class::Short);
            let bottom = k > last
                && after_text
                && units[k + 1..].iter().all(|v| v.flagged() || !v.content());
            if bottom {
                units[k].flag = Some((Kind::Boilerplate, Reason::NameByline));
            }
        }
    }

    // A short piece between two flagged units outside the article goes
    // with them (forwards, then backwards, so runs close up).
    for pass in 0..2 {
        let order: Vec<usize> = if pass == 0 {
            (0..n).collect()
        } else {
            (0..n).rev().collect()
        };
        for k in order {
            let u = &units[k];
            if !u.free() || inside(k) || u.class == Class::Good || u.prose() {
                continue;
            }
            let prev_flagged = k.checked_sub(1).is_none_or(|p| units[p].flagged());
            let next_flagged = units.get(k + 1).is_none_or(Unit::flagged);
            // At the very edge of the text one flagged neighbour is not
            // enough for a sentence.
            let edge = k == 0 || k + 1 == n;
            if prev_flagged && next_flagged && !(edge && u.class == Class::Near) {
                units[k].flag = Some((Kind::Boilerplate, Reason::Isolated));
            }
        }
    }
}

/// Every word of a name is longer than an initial: "Rowan Pike",
/// not "C Thomson" (a referee in a match report).
fn full_name(text: &str) -> bool {
    text.split_whitespace()
        .all(|w| w.trim_matches(|c: char| !c.is_alphabetic()).chars().count() >= 2)
}

/// Flagged units as regions: a block or a navigation run is one region,
/// anything else one region per unit.
fn regions(units: &[Unit<'_>], seg: &Segmentation) -> Vec<Region> {
    let mut out: Vec<Region> = Vec::new();
    let mut prev_unit: Option<usize> = None;
    for (k, u) in units.iter().enumerate() {
        let Some((kind, reason)) = &u.flag else {
            continue;
        };
        let joins = prev_unit == Some(k.wrapping_sub(1))
            && out.last().is_some_and(|r| {
                let p = &units[k - 1];
                r.kind == *kind
                    && ((u.block.is_some() && p.block == u.block)
                        || (matches!(reason, Reason::Navigation { .. })
                            && matches!(r.reason, Reason::Navigation { .. }))
                        || (matches!(reason, Reason::Learned { .. })
                            && matches!(r.reason, Reason::Learned { .. })))
            });
        let end_line = u.lines.end;
        let span_end = seg
            .lines
            .get(end_line.saturating_sub(1))
            .map_or(u.span.end, |l| l.span.end);
        if joins && let Some(r) = out.last_mut() {
            r.lines.end = end_line;
            r.span.end = span_end;
            if let (
                Reason::Navigation { lines, .. },
                Reason::Navigation {
                    lines: this_run, ..
                },
            ) = (&mut r.reason, reason)
            {
                *lines = (*lines).max(*this_run);
            }
        } else {
            let span_start = seg
                .lines
                .get(u.lines.start)
                .map_or(u.span.start, |l| l.span.start);
            out.push(Region {
                lines: u.lines.clone(),
                span: span_start..span_end,
                kind: *kind,
                reason: reason.clone(),
            });
        }
        prev_unit = Some(k);
    }
    out
}
