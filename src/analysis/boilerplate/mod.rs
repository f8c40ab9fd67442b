//! Leftover page boilerplate: which lines of a scraped article are page
//! furniture rather than the article.
//!
//! The detector labels each *unit* (a paragraph as
//! [`Segmentation`](super::text::Segmentation) finds it; in scraped text,
//! one line) from shallow text features and the labels of its neighbours,
//! in the tradition of Kohlschütter et al. ("Boilerplate Detection using
//! Shallow Text Features", 2010) and Pomikálek's jusText:
//!
//! - [`features`]: word count, stop-word density, sentence end, Title Case,
//!   slug shape, reader-interface vocabulary, quotation marks, date stamps;
//! - [`phrases`]: known wording of page furniture (one feature among the
//!   others), extended by `boilerplate.extra_patterns`;
//! - `classify`: the decision, using position (the edges of the article),
//!   runs of short lines (navigation), repetition inside the document, the
//!   headline, and blocks (a "Related Posts" heading with its teasers; a
//!   generated FAQ; readers' comments under their heading);
//! - [`model`]: the learned line model (logistic regression over shapes,
//!   neighbours and the rules' evidence, weights shipped as data), which
//!   confirms or drops the rules' flags, starts blocks where it is sure
//!   and grows blocks;
//! - [`prose`]: whether a line reads as prose — the removal guard every
//!   fix goes through ([`guarded_removal_edits`]).
//!
//! Corpus evidence (the same line in several documents: site template
//! text) is added at check time by [`template_lines`], because it depends on
//! the other documents.
//!
//! # For other detectors
//!
//! Detectors that read the article (attribution, figures, related passages)
//! should skip boilerplate through [`DocAnalysis::is_boilerplate_line`] and
//! [`DocAnalysis::in_boilerplate`] (document evidence, computed once per
//! version), and may add [`template_lines`] when they hold the corpus:
//!
//! ```text
//! for sentence in &doc.segmentation.sentences {
//!     if doc.in_boilerplate(sentence.span.clone()) { continue; }
//!     …
//! }
//! ```
//!
//! Generated FAQ blocks count as boilerplate there too: their answers
//! restate the article, so a claim or figure in them is a duplicate.
//!
//! Never flagged: the headline, subheadings inside the article, short
//! paragraphs that read as sentences, quotations, a story dateline
//! ("PORT ALDREN (AP) —"), lists introduced by the story, and lines
//! matching `boilerplate.allow`.
//!
//! [`DocAnalysis::is_boilerplate_line`]: super::DocAnalysis::is_boilerplate_line
//! [`DocAnalysis::in_boilerplate`]: super::DocAnalysis::in_boilerplate

mod classify;
pub mod features;
pub mod model;
pub mod phrases;
pub mod prose;
mod words;

use std::ops::Range;

pub use classify::{TrainingRow, UnitTexts, detect, detect_reusing, training_rows};
pub use phrases::Cue;
pub use prose::reads_as_prose;

use super::text::Line;
use super::{Corpus, DocAnalysis, Edit, Fix};

/// Which rule a region belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Kind {
    /// Rule `boilerplate`.
    Boilerplate,
    /// Rule `generated-faq`.
    GeneratedFaq,
}

/// Why a region was flagged.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Reason {
    /// Known wording of page furniture.
    Cue(Cue),
    /// Matches `boilerplate.extra_patterns[index]` (the pattern's text).
    Custom(String),
    /// A URL slug or image file name; `suffix` is its last part when it
    /// looks like an image counter ("-images-0", "-main").
    Slug { suffix: Option<String> },
    /// A date, weekday or issue number alone, outside the story.
    DateStamp,
    /// A name alone at an edge of the article.
    NameByline,
    /// "… director of … at …" at the end of the article.
    AuthorBio,
    /// Text addressed to the reader about the website ("you", "sign in",
    /// "notification").
    ReaderInterface,
    /// A run of short lines with no sentence: menus and link lists.
    Navigation { lines: usize, place: Place },
    /// The same text as an earlier line (0-based line index).
    Repeated { first_line: usize },
    /// A short piece isolated among page furniture, outside the article.
    Isolated,
    /// The line model ([`model`]) rates the unit as furniture from its
    /// shape and its neighbours; `percent` is its probability.
    Learned { percent: u32 },
    /// Readers' comments: what follows a comments heading ("12 Comments",
    /// "Have your say") placed after paragraphs of the article.
    Comments { heading: String },
    /// A heading of links to other articles with the teasers under it.
    RelatedBlock { heading: String, teasers: usize },
    /// An FAQ whose answers restate the article.
    Faq {
        questions: usize,
        restated_percent: u32,
    },
}

/// Where a run of lines stands relative to the article's paragraphs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Place {
    Before,
    Inside,
    After,
}

/// A flagged run of lines.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Region {
    /// Line indices (into `Segmentation::lines`), end exclusive.
    pub lines: Range<usize>,
    /// From the start of the first line to the end of the last (line
    /// breaks excluded).
    pub span: Range<usize>,
    pub kind: Kind,
    pub reason: Reason,
}

/// What the detector keeps per unit for the corpus index and the hover.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct UnitInfo {
    pub lines: Range<usize>,
    pub span: Range<usize>,
    /// [`features::normalised_hash`] of the unit's text (0 when it has no
    /// letters or digits).
    pub hash: u64,
    /// Whether corpus evidence may flag it (short, not prose, not the
    /// headline, not protected, not flagged already).
    pub template_candidate: bool,
    /// A paragraph of prose (counts towards "is this document a copy").
    pub prose: bool,
    /// Outside the article (before its first or after its last paragraph).
    pub outside_article: bool,
}

/// The boilerplate labels of one document.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Boilerplate {
    /// Sorted, non-overlapping.
    regions: Vec<Region>,
    /// For each line, 1 + the index of its region, or 0.
    line_region: Vec<u32>,
    units: Vec<UnitInfo>,
    /// Sorted, deduplicated hashes of the units (for the corpus index).
    hashes: Vec<u64>,
    /// Line index of the headline, when one was found.
    headline: Option<usize>,
}

impl Boilerplate {
    pub(crate) fn new(
        regions: Vec<Region>,
        line_count: usize,
        units: Vec<UnitInfo>,
        headline: Option<usize>,
    ) -> Self {
        let mut line_region = vec![0u32; line_count];
        for (i, r) in regions.iter().enumerate() {
            for l in r.lines.clone() {
                if let Some(slot) = line_region.get_mut(l) {
                    *slot = i as u32 + 1;
                }
            }
        }
        let mut hashes: Vec<u64> = units.iter().map(|u| u.hash).filter(|&h| h != 0).collect();
        hashes.sort_unstable();
        hashes.dedup();
        Self {
            regions,
            line_region,
            units,
            hashes,
            headline,
        }
    }

    /// Every flagged region, in document order.
    pub fn regions(&self) -> &[Region] {
        &self.regions
    }

    /// The region line `line` belongs to.
    pub fn region_of_line(&self, line: usize) -> Option<&Region> {
        let i = *self.line_region.get(line)?;
        i.checked_sub(1).and_then(|i| self.regions.get(i as usize))
    }

    /// Whether line `line` is boilerplate (of either kind).
    pub fn is_line(&self, line: usize) -> bool {
        self.line_region.get(line).is_some_and(|&i| i != 0)
    }

    /// The region containing byte `offset` (line breaks between the lines
    /// of a block count as inside it).
    pub fn region_at(&self, offset: usize) -> Option<&Region> {
        let i = self.regions.partition_point(|r| r.span.start <= offset);
        let r = self.regions.get(i.checked_sub(1)?)?;
        (offset <= r.span.end).then_some(r)
    }

    /// Whether `span` lies entirely inside one flagged region.
    pub fn contains_span(&self, span: Range<usize>) -> bool {
        self.region_at(span.start)
            .is_some_and(|r| span.end <= r.span.end)
    }

    /// Whether `span` overlaps a flagged region.
    pub fn overlaps(&self, span: Range<usize>) -> bool {
        let i = self.regions.partition_point(|r| r.span.end < span.start);
        self.regions
            .get(i)
            .is_some_and(|r| r.span.start < span.end.max(span.start + 1))
    }

    /// The units, for the corpus index and hovers.
    pub fn units(&self) -> &[UnitInfo] {
        &self.units
    }

    /// Sorted, deduplicated hashes of the document's units.
    pub fn hashes(&self) -> &[u64] {
        &self.hashes
    }

    /// Line index of the headline, when one was found.
    pub fn headline(&self) -> Option<usize> {
        self.headline
    }
}

impl Reason {
    /// One or two sentences saying why, for the diagnostic and the hover.
    pub fn message(&self) -> String {
        match self {
            Reason::Cue(cue) => format!("{}.", cue.explain()),
            Reason::Custom(pattern) => format!(
                "Page furniture by this project's configuration: the line matches `boilerplate.extra_patterns` entry `{pattern}`."
            ),
            Reason::Slug { suffix } => match suffix {
                Some(s) => format!(
                    "Image file name left from the page: lowercase words joined by hyphens, ending in {s}."
                ),
                None => "Image file name or URL slug left from the page: lowercase words joined by hyphens, with no spaces.".to_string(),
            },
            Reason::DateStamp => {
                "Date stamp of the page (a date, weekday or issue number alone on a line, outside the story), not part of the story.".to_string()
            }
            Reason::NameByline => {
                "Byline at the edge of the article: a name alone on a line, not part of the story.".to_string()
            }
            Reason::AuthorBio => {
                "Author biography at the end of the article: a name followed by a job title, with no reporting in it.".to_string()
            }
            Reason::ReaderInterface => {
                "Website text addressed to the reader (sign-in, notifications, email, comments), not the article.".to_string()
            }
            Reason::Navigation { lines, place } => format!(
                "Page navigation: one of {lines} short lines in a row with no sentence among them, {}.",
                match place {
                    Place::Before => "before the article",
                    Place::Inside => "among known page furniture inside the article",
                    Place::After => "after the article",
                }
            ),
            Reason::Repeated { first_line } => format!(
                "Repeats line {} word for word: the page showed it twice (a teaser headline, a pull quote or a duplicated paragraph); the first copy stays.",
                first_line + 1
            ),
            Reason::Learned { percent } => format!(
                "Page furniture by its shape and its neighbours (length, function words, sentence ends, place in the page, the lines around it): the line model rates it {percent}% likely. “Remove all boilerplate” leaves it: only its own fix removes it."
            ),
            Reason::Comments { heading } => format!(
                "Readers' comments under “{}”, after the article: not the story, and not the outlet's reporting. No fix deletes a comment that reads as a sentence, and “Remove all boilerplate” leaves the section.",
                clip(heading, 40)
            ),
            Reason::Isolated => {
                "Short line among page furniture, outside the article's paragraphs.".to_string()
            }
            Reason::RelatedBlock { heading, teasers } => format!(
                "“{}” block: the heading and {teasers} teaser line{} under it (headlines of other articles, repeated headlines, blurbs cut off with “…”).",
                clip(heading, 40),
                if *teasers == 1 { "" } else { "s" }
            ),
            Reason::Faq {
                questions,
                restated_percent,
            } => format!(
                "Generated FAQ: {questions} questions whose answers restate the article ({restated_percent}% of their words appear above). Some desks keep these; most are filler added by the site."
            ),
        }
    }
}

fn clip(s: &str, max_chars: usize) -> &str {
    match s.char_indices().nth(max_chars) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

/// The hover section for a flagged line at `offset`: what it is, why, and
/// the features the decision rests on. `None` when the line is not
/// flagged. Returns the region's span and Markdown.
pub fn describe(
    doc: &DocAnalysis,
    corpus: &Corpus,
    offset: usize,
) -> Option<(Range<usize>, String)> {
    let seg = &doc.segmentation;
    let total = seg.lines.len();
    let (span, lines, title, why) = match doc.boilerplate.region_at(offset) {
        Some(r) => {
            let title = match r.kind {
                Kind::Boilerplate => "Page boilerplate",
                Kind::GeneratedFaq => "Generated FAQ",
            };
            (r.span.clone(), r.lines.clone(), title, r.reason.message())
        }
        None => {
            let line = seg.line_at(offset);
            let t = template_lines(doc, corpus)
                .into_iter()
                .find(|t| t.lines.contains(&line))?;
            (
                t.span.clone(),
                t.lines.clone(),
                "Page boilerplate",
                crate::analysis::rules::boilerplate::template_message(t.other_docs),
            )
        }
    };
    let first = seg.lines.get(lines.start)?;
    let f = features::features(doc.text.get(first.span.clone()).unwrap_or(""));
    let place = if lines.len() > 1 {
        format!("lines {}–{} of {total}", lines.start + 1, lines.end)
    } else {
        format!("line {} of {total}", lines.start + 1)
    };
    let headline = doc
        .boilerplate
        .headline()
        .map(|h| format!("; the headline is line {}", h + 1))
        .unwrap_or_default();
    let evidence = format!(
        "{} word{}, {}% function words, {}{}{}",
        f.words,
        if f.words == 1 { "" } else { "s" },
        (f.stop_density() * 100.0).round() as u32,
        if f.terminal {
            "ends like a sentence"
        } else if f.truncated {
            "cut off with “…”"
        } else {
            "no sentence end"
        },
        if f.title_case() { ", Title Case" } else { "" },
        headline,
    );
    let fix = if lines.len() > 1 {
        "The quick fix removes the whole block with its line breaks."
    } else {
        "The quick fix removes the line with its line break."
    };
    Some((
        span,
        format!(
            "**{title}** ({place}): {why}

Evidence: {evidence}. {fix}"
        ),
    ))
}

/// A line that corpus evidence shows to be site template text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TemplateLine {
    pub lines: Range<usize>,
    pub span: Range<usize>,
    /// How many *other* documents of the corpus have the same line.
    pub other_docs: u32,
}

/// How often each unit of a document recurs verbatim in the corpus.
struct Shared<'a> {
    bp: &'a Boilerplate,
    corpus: &'a Corpus,
    mine: Option<&'a DocAnalysis>,
    /// The document is a copy of others (syndicated, saved twice): then
    /// sharing proves nothing.
    copy: bool,
}

impl<'a> Shared<'a> {
    fn new(doc: &'a DocAnalysis, corpus: &'a Corpus) -> Self {
        let mut shared = Self {
            bp: &doc.boilerplate,
            corpus,
            mine: corpus.get(&doc.id).map(|d| &**d),
            copy: false,
        };
        // A copy of another document shares its paragraphs, or most of its
        // lines.
        let (mut prose, mut shared_prose, mut all, mut shared_all) = (0usize, 0, 0usize, 0);
        for u in shared.bp.units.iter().filter(|u| u.hash != 0) {
            let s = shared.others(u.hash) > 0;
            all += 1;
            shared_all += usize::from(s);
            if u.prose {
                prose += 1;
                shared_prose += usize::from(s);
            }
        }
        shared.copy = (prose > 0 && shared_prose * 2 >= prose) || shared_all * 2 > all;
        shared
    }

    /// How many *other* documents have a unit with this hash.
    fn others(&self, hash: u64) -> u32 {
        let all = self.corpus.line_doc_count(hash);
        let mine = self
            .mine
            .is_some_and(|d| d.boilerplate.hashes.binary_search(&hash).is_ok());
        all.saturating_sub(u32::from(mine))
    }

    /// Other documents with this unit, when that is evidence of template
    /// text: three documents in all, or two when it stands outside the
    /// article's paragraphs; never in a copy.
    fn template_count(&self, u: &UnitInfo) -> Option<u32> {
        if self.copy || u.hash == 0 {
            return None;
        }
        let n = self.others(u.hash);
        let needed = if u.outside_article { 1 } else { 2 };
        (n >= needed).then_some(n)
    }
}

/// Lines of `doc` that appear verbatim (up to case, spacing, punctuation
/// and numbers) in other documents of the corpus and look like template
/// text: short, not prose, not the headline, not quoted, not flagged
/// already.
///
/// Two outlets quoting the same sentence is not template text: prose is
/// never a candidate, and a document most of whose paragraphs also occur
/// elsewhere (a syndicated copy) gets no corpus evidence at all. A line
/// needs three documents in all, or two when it stands outside the
/// article's paragraphs.
pub fn template_lines(doc: &DocAnalysis, corpus: &Corpus) -> Vec<TemplateLine> {
    let shared = Shared::new(doc, corpus);
    if shared.copy {
        return Vec::new();
    }
    doc.boilerplate
        .units
        .iter()
        .filter(|u| u.template_candidate && u.hash != 0)
        .filter_map(|u| {
            shared.template_count(u).map(|n| TemplateLine {
                lines: u.lines.clone(),
                span: u.span.clone(),
                other_docs: n,
            })
        })
        .collect()
}

/// For each line of `doc`, whether it is verbatim site template text: its
/// unit recurs in other documents of the corpus as [`template_lines`]
/// requires (flagged or not, prose or not). The only lines besides the
/// user's own `extra_patterns` that the removal guard lets a fix delete
/// when they read as prose (a copyright notice, a newsletter pitch).
pub fn shared_template_lines(doc: &DocAnalysis, corpus: &Corpus) -> Vec<bool> {
    let mut out = vec![false; doc.segmentation.lines.len()];
    let shared = Shared::new(doc, corpus);
    if shared.copy {
        return out;
    }
    for u in &doc.boilerplate.units {
        if shared.template_count(u).is_some() {
            for slot in out.iter_mut().take(u.lines.end).skip(u.lines.start) {
                *slot = true;
            }
        }
    }
    out
}

/// The removal guard: whether a fix may delete the line `line_text`.
/// A line that reads as prose ([`reads_as_prose`]) stays, unless `exempt`
/// (verbatim template text shared across the corpus, or matched by the
/// user's `boilerplate.extra_patterns`).
pub fn may_remove(line_text: &str, exempt: bool) -> bool {
    exempt || !reads_as_prose(line_text)
}

/// Edits that delete whole lines, each with its line break, so that no
/// blank gaps pile up: where a removed line sat between two blank-line
/// gaps, one gap stays; removed lines at the start or end of the text take
/// the blank lines next to them along (the text's final line break stays).
///
/// `ranges` are line-index ranges (end exclusive) into `lines`; they may
/// overlap or touch. The edits do not overlap and are sorted.
///
/// Guarded: a line that reads as prose is never removed (see
/// [`may_remove`]); a block stops at it. Use [`guarded_removal_edits`] to
/// exempt template lines.
pub fn line_removal_edits(
    text: &str,
    lines: &[Line],
    ranges: impl IntoIterator<Item = Range<usize>>,
) -> Vec<Edit> {
    guarded_removal_edits(text, lines, ranges, |_| false)
}

/// [`line_removal_edits`] where `exempt(line)` marks the lines the guard
/// lets through when they read as prose (site template text, the user's
/// `extra_patterns`).
pub fn guarded_removal_edits(
    text: &str,
    lines: &[Line],
    ranges: impl IntoIterator<Item = Range<usize>>,
    exempt: impl Fn(usize) -> bool,
) -> Vec<Edit> {
    let n = lines.len();
    let mut removed = vec![false; n];
    for r in ranges {
        for i in r.start..r.end.min(n) {
            removed[i] = may_remove(text.get(lines[i].span.clone()).unwrap_or(""), exempt(i));
        }
    }
    merge_line_removals(text, lines, removed)
}

/// The edits for the lines marked in `removed` (one entry per line).
fn merge_line_removals(text: &str, lines: &[Line], removed: Vec<bool>) -> Vec<Edit> {
    let n = lines.len();
    if n == 0 || !removed.iter().any(|&r| r) {
        return Vec::new();
    }
    let blank = |i: usize| super::text::is_blank(text.get(lines[i].span.clone()).unwrap_or(""));
    // The phantom empty line after a final line break is not a line of
    // its own for this purpose.
    let last_real = if n > 1 && text.ends_with(['\n', '\r']) && lines[n - 1].span.is_empty() {
        n - 2
    } else {
        n - 1
    };
    let kept = |i: usize| !removed[i] && !blank(i);
    let mut edits = Vec::new();
    let mut i = 0;
    while i <= last_real {
        if !removed[i] {
            i += 1;
            continue;
        }
        // A group: from the kept line before to the kept line after.
        let prev_kept = (0..i).rev().find(|&j| kept(j));
        let mut end = i;
        while end <= last_real && !kept(end) {
            end += 1;
        }
        let next_kept = (end <= last_real).then_some(end);
        let first_removed = i;
        let last_removed = (first_removed..end)
            .rev()
            .find(|&j| removed[j])
            .unwrap_or(i);
        let span = match (prev_kept, next_kept) {
            (Some(p), Some(nk)) => {
                let before = first_removed - p - 1;
                let after = nk - last_removed - 1;
                if before >= after {
                    lines[first_removed].span.start..lines[nk].span.start
                } else {
                    lines[p + 1].span.start..lines[last_removed + 1].span.start
                }
            }
            (None, Some(nk)) => 0..lines[nk].span.start,
            (Some(p), None) => lines[p].span.end..lines[last_real].span.end,
            (None, None) => 0..lines[last_real].span.end,
        };
        if !span.is_empty() {
            edits.push(Edit {
                span,
                text: String::new(),
            });
        }
        i = end;
    }
    edits
}

/// Whether a bulk removal may delete line `line` of `doc` when a fix
/// deletes it: every line but those only the line model flagged
/// ([`Reason::Learned`]) and readers' comments ([`Reason::Comments`]: the
/// guard keeps the comments written as sentences, and a bulk fix would
/// leave them without their names and dates); lines the rules flagged,
/// corpus template text and the user's `extra_patterns` go.
pub fn bulk_removable(doc: &DocAnalysis, line: usize) -> bool {
    !doc.boilerplate
        .region_of_line(line)
        .is_some_and(|r| matches!(r.reason, Reason::Learned { .. } | Reason::Comments { .. }))
}

/// One fix deleting the given line ranges of `doc`, guarded (see
/// [`guarded_removal_edits`]); `None` when the guard keeps every line.
pub fn removal_fix(
    doc: &DocAnalysis,
    title: String,
    ranges: &[Range<usize>],
    exempt: impl Fn(usize) -> bool,
) -> Option<Fix> {
    let edits = guarded_removal_edits(
        &doc.text,
        &doc.segmentation.lines,
        ranges.iter().cloned(),
        exempt,
    );
    (!edits.is_empty()).then_some(Fix { title, edits })
}

/// The edits of several removal fixes of `doc` applied together: the lines
/// each fix deletes, merged before the edits are made, so that blank lines
/// between removed lines close up as they do for a single removal. Only
/// lines that a fix deletes are deleted: each fix went through the guard
/// when it was built ([`removal_fix`]), with the exemptions it knew of.
///
/// A bulk removal (fix-all, `check --fix`) leaves the lines that only the
/// line model flagged ([`Reason::Learned`]): the model is right about most
/// of them, but on pages unlike the news it learned from (forums, shops,
/// listings) it takes short lines people count as the page's content, and
/// a bulk fix is applied unseen. Each such line keeps its own fix, applied
/// by someone who looked at it. See [`bulk_removable`].
pub fn merged_removal_edits<'f>(
    doc: &DocAnalysis,
    fixes: impl IntoIterator<Item = &'f Fix>,
) -> Vec<Edit> {
    let lines = &doc.segmentation.lines;
    let mut removed = vec![false; lines.len()];
    for fix in fixes {
        for e in &fix.edits {
            let first = lines.partition_point(|l| l.span.start < e.span.start);
            for (i, l) in lines.iter().enumerate().skip(first) {
                if l.span.start >= e.span.end {
                    break;
                }
                if !l.span.is_empty() && l.span.end <= e.span.end && bulk_removable(doc, i) {
                    removed[i] = true;
                }
            }
        }
    }
    merge_line_removals(&doc.text, lines, removed)
}

#[cfg(test)]
mod tests;
