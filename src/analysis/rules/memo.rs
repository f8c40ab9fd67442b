//! Findings of the rules that read a bounded neighbourhood, taken over
//! from the version before an edit.
//!
//! A rule that declares a [`Rule::neighbourhood`] of `k` paragraphs finds,
//! for the sentences of one paragraph, what the document's analysis of
//! that paragraph and of the `k` paragraphs on each side decide (its
//! attribution, quotations, words and boilerplate). The registry runs such
//! a rule paragraph by paragraph and keeps its findings per paragraph
//! ([`Memo`], on the checked version). The next version ([`Carry`], made
//! by [`super::super::analyze_edited`]) knows which of its paragraphs may
//! read differently from the version before:
//! - the paragraphs the edit changed (those between the unchanged
//!   paragraphs at the start and at the end of the text, same text cut
//!   into the same sentences), widened as the attribution reading widens
//!   them into the part it reads again (outside it, the attribution is the
//!   previous version's, moved; see `attribution/incremental.rs`);
//! - the paragraphs of a boilerplate region that is not the previous
//!   version's, moved.
//!
//! A rule is run again over those paragraphs, `k` more on each side, and
//! out to the first paragraph of any quotation whose findings read into
//! them; the findings of the other paragraphs are the previous version's,
//! moved by the edit. A property test (`tests/incremental_props.rs`)
//! checks that the findings equal a fresh check's after random edits.

use std::ops::Range;
use std::sync::{Arc, Mutex};

use super::{Rule, RuleContext};
use crate::analysis::boilerplate::Region;
use crate::analysis::{DocAnalysis, DocId, Finding, attribution};

/// The findings one rule made on one version, paragraph by paragraph.
#[derive(Debug)]
pub struct Memo {
    findings: Vec<Finding>,
    /// The findings about paragraph `p` are `findings[starts[p]..starts[p + 1]]`.
    starts: Vec<usize>,
}

/// The [`Memo`] of each rule checked on one version. Kept only on
/// versions read by [`analyze_edited`](crate::analysis::analyze_edited)
/// (those an editor edits), not on every document of a corpus.
#[derive(Debug, Default)]
pub struct RuleMemos(Mutex<Vec<(&'static str, Arc<Memo>)>>);

impl RuleMemos {
    fn get(&self, code: &str) -> Option<Arc<Memo>> {
        let memos = self.0.lock().unwrap_or_else(|e| e.into_inner());
        memos
            .iter()
            .find(|(c, _)| *c == code)
            .map(|(_, m)| m.clone())
    }

    fn put(&self, code: &'static str, memo: Arc<Memo>) {
        let mut memos = self.0.lock().unwrap_or_else(|e| e.into_inner());
        memos.retain(|(c, _)| *c != code);
        memos.push((code, memo));
    }

    fn snapshot(&self) -> Vec<(&'static str, Arc<Memo>)> {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }
}

/// What a new version takes over from the findings of the version before
/// it (see the module documentation).
#[derive(Debug, Default)]
pub struct Carry {
    memos: Vec<(&'static str, Arc<Memo>)>,
    /// The new version's paragraphs that may read differently.
    changed: Range<usize>,
    /// The previous version's number of paragraphs.
    old_paragraphs: usize,
    /// How far the paragraphs after `changed` moved.
    bytes: isize,
}

impl Carry {
    /// What `new` (the next version of `old`, in the same language) takes
    /// over from `old`'s findings; `None` when there is nothing to take.
    pub fn new(old: &DocAnalysis, new: &DocAnalysis) -> Option<Carry> {
        let memos = old.rule_memos.snapshot();
        if memos.is_empty() || old.language.lang != new.language.lang {
            return None;
        }
        let (seg, old_seg) = (&new.segmentation, &old.segmentation);
        let (text, old_text) = (&*new.text, &*old.text);
        let (n, on) = (seg.paragraphs.len(), old_seg.paragraphs.len());
        if n == 0 || on == 0 || !whole_paragraphs(new) || !whole_paragraphs(old) {
            return None;
        }
        // As the attribution reading compares paragraphs: the same text,
        // cut into the same sentences, moved together.
        let same = seg.unchanged(text, old_seg, old_text)?;
        let (prefix, suffix, bytes) = (same.prefix, same.suffix, same.bytes);
        let mut changed = attribution::widen(text, seg, prefix..n - suffix);
        // Boilerplate regions that are not the previous version's, moved.
        let lines = seg.lines.len() as isize - old_seg.lines.len() as isize;
        let (regions, old_regions) = (new.boilerplate.regions(), old.boilerplate.regions());
        let prefix_end = seg
            .paragraphs
            .get(prefix)
            .map_or(usize::MAX, |p| p.span.start);
        let same_from_start = regions
            .iter()
            .zip(old_regions)
            .take_while(|(a, b)| a == b && a.span.end < prefix_end)
            .count();
        let first_differing = [
            regions.get(same_from_start),
            old_regions.get(same_from_start),
        ]
        .into_iter()
        .flatten()
        .map(|r| r.span.start)
        .min();
        if let Some(at) = first_differing {
            changed.start = changed.start.min(paragraph_at(new, at));
        }
        let suffix_start = seg
            .paragraphs
            .get(n - suffix)
            .map_or(usize::MAX, |p| p.span.start);
        let same_from_end = regions
            .iter()
            .rev()
            .zip(old_regions.iter().rev())
            .take_while(|(a, b)| *a == &moved(b, bytes, lines) && a.span.start > suffix_start)
            .count();
        let last_differing = [
            regions
                .len()
                .checked_sub(same_from_end + 1)
                .map(|i| regions[i].span.end),
            old_regions
                .len()
                .checked_sub(same_from_end + 1)
                .map(|i| moved(&old_regions[i], bytes, lines).span.end),
        ]
        .into_iter()
        .flatten()
        .max();
        if let Some(at) = last_differing {
            changed.end = changed.end.max(paragraph_at(new, at) + 1).min(n);
        }
        if changed.start > changed.end {
            changed.end = changed.start;
        }
        Some(Carry {
            memos,
            changed,
            old_paragraphs: on,
            bytes,
        })
    }

    /// The paragraphs `rule` reads again on `doc` (see the module
    /// documentation).
    fn part(&self, doc: &DocAnalysis, k: usize) -> Range<usize> {
        let n = doc.segmentation.paragraphs.len();
        let changed = self.changed.start.min(n)..self.changed.end.min(n);
        let mut start = changed.start.saturating_sub(k);
        let end = (changed.end + k).min(n);
        // A quotation's findings read every paragraph it spans: one that
        // starts before the part and reaches into what changed is read
        // again. (One that starts after the part reads back at most `k`
        // paragraphs from its first.)
        let sentences = &doc.segmentation.sentences;
        let paragraph = |s: usize| sentences.get(s).map_or(n, |s| s.paragraph);
        for q in &doc.attribution.quotes {
            let first = paragraph(q.sentences.start);
            let last = paragraph(q.sentences.end.saturating_sub(1).max(q.sentences.start));
            if first < start && last + k >= changed.start {
                start = first;
            }
        }
        start..end.max(start)
    }
}

/// Whether the paragraphs of `doc` hold its sentences one after another,
/// every sentence in one.
fn whole_paragraphs(doc: &DocAnalysis) -> bool {
    let seg = &doc.segmentation;
    let mut next = 0;
    for p in &seg.paragraphs {
        if p.sentences.start != next {
            return false;
        }
        next = p.sentences.end;
    }
    next == seg.sentences.len()
}

/// The index of the paragraph holding byte `at`, or of the first one after it.
fn paragraph_at(doc: &DocAnalysis, at: usize) -> usize {
    doc.segmentation
        .paragraphs
        .partition_point(|p| p.span.end <= at)
}

fn moved(r: &Region, bytes: isize, lines: isize) -> Region {
    let byte = |x: usize| x.checked_add_signed(bytes).unwrap_or(0);
    let line = |x: usize| x.checked_add_signed(lines).unwrap_or(0);
    Region {
        lines: line(r.lines.start)..line(r.lines.end),
        span: byte(r.span.start)..byte(r.span.end),
        kind: r.kind,
        reason: r.reason.clone(),
    }
}

/// A finding of the previous version at its place in `doc`, `bytes` on.
fn moved_finding(f: &Finding, bytes: isize, doc: &DocId) -> Finding {
    let byte = |x: usize| x.checked_add_signed(bytes).unwrap_or(0);
    let span = |s: &Range<usize>| byte(s.start)..byte(s.end);
    let mut f = f.clone();
    f.span = span(&f.span);
    for r in &mut f.related {
        if r.doc == *doc {
            r.span = span(&r.span);
        }
    }
    for fix in &mut f.fixes {
        for e in &mut fix.edits {
            e.span = span(&e.span);
        }
    }
    f
}

/// Runs `rule` (which declares a neighbourhood of `k` paragraphs) over
/// `cx.doc`, taking over what it can (see the module documentation), and
/// appends its findings to `out`.
pub(crate) fn check(rule: &dyn Rule, k: usize, cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
    let doc = cx.doc;
    let code = rule.meta().code;
    // Kept only where the next version can take it over.
    let keep =
        doc.paragraph_hashes.len() == doc.segmentation.paragraphs.len() && whole_paragraphs(doc);
    if !keep {
        rule.check(cx, out);
        return;
    }
    if let Some(memo) = doc.rule_memos.get(code) {
        out.extend(memo.findings.iter().cloned());
        return;
    }
    let paragraphs = &doc.segmentation.paragraphs;
    let n = paragraphs.len();
    let before = doc.carry.as_ref().and_then(|c| {
        let (_, memo) = c.memos.iter().find(|(c, _)| *c == code)?;
        let part = c.part(doc, k);
        // The paragraphs outside the part are the previous version's
        // first and last ones.
        (memo.starts.len() == c.old_paragraphs + 1
            && part.start <= c.old_paragraphs
            && n - part.end <= c.old_paragraphs - part.start)
            .then_some((c, memo, part))
    });
    let part = before.as_ref().map_or(0..n, |(_, _, part)| part.clone());
    let before = before.map(|(c, memo, _)| (c, memo));
    let mut memo = Memo {
        findings: Vec::new(),
        starts: Vec::with_capacity(n + 1),
    };
    memo.starts.push(0);
    if let Some((_, old)) = before {
        // The paragraphs before the part: unchanged, in place.
        memo.findings
            .extend_from_slice(&old.findings[..old.starts[part.start]]);
        memo.starts.extend_from_slice(&old.starts[1..=part.start]);
    }
    crate::analysis::effort::add_rule_paragraphs(part.len());
    for p in part.clone() {
        rule.check_sentences(cx, paragraphs[p].sentences.clone(), &mut memo.findings);
        memo.starts.push(memo.findings.len());
    }
    if let Some((c, old)) = before {
        // The paragraphs after the part: unchanged, moved by the edit.
        let first = c.old_paragraphs - (n - part.end);
        for q in first..c.old_paragraphs {
            let fs = &old.findings[old.starts[q]..old.starts[q + 1]];
            memo.findings
                .extend(fs.iter().map(|f| moved_finding(f, c.bytes, &doc.id)));
            memo.starts.push(memo.findings.len());
        }
    }
    out.extend(memo.findings.iter().cloned());
    doc.rule_memos.put(code, Arc::new(memo));
}
