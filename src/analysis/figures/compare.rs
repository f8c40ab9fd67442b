//! Mentions of the same quantity, and whether they agree.
//!
//! Two figures are *mentions of the same quantity* when they are of the
//! same kind, count the same thing ([`same_quantity`]) and sit in passages
//! about the same fact ([`PassageSimilarity`]). They *agree* when their
//! intervals overlap (for dates: when they can be the same day).

use super::clause;
use super::counted::{same_quantity, same_toll};
use super::similarity::{PassageSimilarity, names_foreign, placed_together};
use super::{FastSet, Figure, FigureKind};
use crate::analysis::{Corpus, DocAnalysis};

/// `same_quantity` below this: not the same thing.
const MIN_QUANTITY: f32 = 0.7;
/// Passage similarity (the related index's topical score, discounted for
/// documents telling different stories) below this: not the same fact.
/// Measured on the GVA incident folders and the BBC corpus: 0.25 lets
/// related-but-different business stories through (38 findings across
/// 2,225 BBC articles), 0.4 halves the GVA casualty conflicts found.
const MIN_PASSAGE: f32 = 0.3;
/// Within one document, passages share the story's words and names
/// anyway: it takes more to be the same fact.
const MIN_PASSAGE_SAME_DOC: f32 = 0.5;
/// Dates: the two sentences must say nearly the same thing.
const MIN_PASSAGE_DATE: f32 = 0.5;
/// Passage similarity needed for two tolls of one kind ([`same_toll`])
/// in reports of one incident: outlets tell the incident in their own
/// words ("Four people were injured in a shooting", "One person was
/// killed and three people were injured at a night club"), and the toll
/// is the incident's, so the passages need only be on its topic.
const MIN_PASSAGE_TOLL: f32 = 0.1;
/// At most this many mentions are examined per figure (the best first).
const MAX_MENTIONS: usize = 20;

/// Another mention of a figure's quantity.
#[derive(Clone, Copy, Debug)]
pub struct Mention<'a> {
    pub doc: &'a DocAnalysis,
    /// Index into `doc.figures.list`.
    pub figure: usize,
    pub agrees: bool,
    /// How sure the match is (0–1): quantity and passage scores combined.
    pub score: f32,
}

impl<'a> Mention<'a> {
    pub fn figure(&self) -> &'a Figure {
        &self.doc.figures.list[self.figure]
    }
}

/// Whether two mentions of one quantity can both be true.
pub fn agree(a: &Figure, b: &Figure) -> bool {
    match (a.kind, a.date, b.date) {
        (FigureKind::Date, Some(x), Some(y)) => x.compatible(&y),
        _ => a.interval.overlaps(&b.interval),
    }
}

/// Whether two mentions of one quantity, `fa` in `a` and `fb` in `b`, can
/// both be true, reading what each document says beside the figures: a
/// person's age grown by the time between the reports, or a birthday
/// between two undated ones ([`ages_agree`](super::docdate::ages_agree)),
/// and tolls of an incident whose perpetrator died
/// ([`perpetrator_may_count`]).
pub fn agree_in(a: &DocAnalysis, fa: &Figure, b: &DocAnalysis, fb: &Figure) -> bool {
    agree(fa, fb) || super::docdate::ages_agree(a, fa, b, fb) || perpetrator_may_count(a, fa, b, fb)
}

/// A digest of what [`agree_in`] reads of `doc` beside the two figures:
/// when the report speaks from ([`report_span`](super::docdate::report_span))
/// and whether it tells a perpetrator's death. Two versions of a document
/// with the same digest agree with the same figures of another: a cache
/// of agreements keyed by a figure's own text holds while this holds.
pub fn agreement_key(doc: &DocAnalysis) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    super::docdate::report_span(doc)
        .map(|(lo, hi)| (lo.to_bits(), hi.to_bits()))
        .hash(&mut h);
    doc.figures.perpetrator_died.hash(&mut h);
    h.finish()
}

/// Whether two tolls of people killed or shot differ only by the one who
/// did the harm, in an incident where either report tells his death: a
/// toll may count him ("four people dead") or leave him out ("killed
/// three people before killing himself"). Victims are compared with
/// victims: a toll told apart from his death
/// ([`Counted::victims_only`](super::Counted::victims_only)) counts its
/// value in victims, any other its value or one fewer.
pub fn perpetrator_may_count(a: &DocAnalysis, fa: &Figure, b: &DocAnalysis, fb: &Figure) -> bool {
    let toll =
        |f: &Figure| f.kind == FigureKind::Count && super::counted::perpetrator_toll(&f.counted);
    if !(a.figures.perpetrator_died || b.figures.perpetrator_died) || !toll(fa) || !toll(fb) {
        return false;
    }
    let victims = |f: &Figure| {
        let i = f.interval;
        if f.counted.victims_only {
            i
        } else {
            super::interval::Interval::new(i.lo - 1.0, i.hi)
        }
    };
    victims(fa).overlaps(&victims(fb))
}

/// Whether a figure is compared at all. Vague quantities ("dozens") are too
/// loose to contradict anything; a possibility or a need ("could kill up to
/// 50", "needs only two servers") is not a fact; a count that describes a
/// thing ("a 12-gauge shotgun") counts nothing; a part of a group ("two of the victims")
/// differs from the whole by design; units of measure ("5 feet 10
/// inches") and things a story counts many sets of ("two counts of
/// assault", "image 5 of 11") are not one quantity.
pub fn comparable(f: &Figure) -> bool {
    use super::counted::ConceptClass;
    f.qualifier != super::Qualifier::Vague
        && !f.counted.partitive
        && !f.counted.hypothetical
        && !f.counted.compound
        && !f
            .counted
            .head_concept
            .is_some_and(|k| matches!(k.class, ConceptClass::Unit | ConceptClass::Varied))
}

/// How sure we are that `fa` in `a` and `fb` in `b` are the same quantity
/// in passages about the same fact; `None` when they are not.
pub fn same_fact(
    a: &DocAnalysis,
    fa: &Figure,
    b: &DocAnalysis,
    fb: &Figure,
    sim: &dyn PassageSimilarity,
) -> Option<f32> {
    let same_doc = std::ptr::eq(a, b) || a.id == b.id;
    same_fact_known(a, fa, b, fb, sim, same_doc, part_of_more(a, fa))
}

/// Whether the sentence of `fb` in `b` also gives a value that agrees with
/// `fa`, for a figure of its kind: a sentence that gives both values
/// ("9.5% during 2004, above 2003's 9.1%", "seven nominations while the
/// other film has 11", "a 6% stake in itself for 20% of the carmaker")
/// tells two quantities apart, and `fb` is the other one, not a second
/// value for `fa`'s.
///
/// The other value need not be a fact itself ("would cut £35bn in spending
/// to allow £4bn in tax cuts" gives both amounts), but it must be given,
/// not denied: "four were hurt, not five as first reported" corrects five,
/// it does not count something else; and a toll of another harm ("two
/// dead and 18 injured") gives no value of a toll.
pub fn gives_both(a: &DocAnalysis, fa: &Figure, b: &DocAnalysis, fb: &Figure) -> bool {
    let same_doc = std::ptr::eq(a, b) || a.id == b.id;
    b.figures.of_sentence(fb.sentence).iter().any(|h| {
        h.kind == fa.kind
            && !std::ptr::eq(h, fb)
            && h.span != fb.span
            && !(same_doc && h.span == fa.span)
            && h.qualifier != super::Qualifier::Vague
            && !h.counted.compound
            && !denied(b, h)
            && !two_tolls(fa, h)
            && agree_in(a, fa, b, h)
    })
}

/// Whether two figures are tolls of different harms ("two dead", "up to
/// 16 injured"): the one does not give the other's value.
fn two_tolls(a: &Figure, b: &Figure) -> bool {
    use super::counted::harm_event;
    matches!((harm_event(a), harm_event(b)), (Some(x), Some(y)) if x != y)
}

/// Whether the word before figure `f` (or the one before that, past an
/// article or a hedge) is a negation of the lexicon ("not five", "not the
/// 20 first reported").
fn denied(doc: &DocAnalysis, f: &Figure) -> bool {
    use crate::analysis::language::{TokenKind, lexicon::normalize};
    let Some(s) = doc.sentence_language(f.sentence) else {
        return false;
    };
    let negations = &crate::analysis::language::lexicon(doc.language.lang).negations;
    let before = s.tokens.partition_point(|t| t.span.end <= f.span.start);
    s.tokens[..before]
        .iter()
        .rev()
        .filter(|t| t.kind != TokenKind::Punct)
        .take(2)
        .any(|t| negations.contains(normalize(&doc.text[t.span.clone()]).as_ref()))
}

/// Whether `fa` in `a` and `fb` in `b` surely tell two different facts:
/// the same-fact test turns them down and their passages are less alike
/// than passages about one fact need to be ([`MIN_PASSAGE`]). Two reports
/// of one fact that the test turns down for what their figures or names
/// say, in alike passages, are not told apart.
pub fn told_apart(
    a: &DocAnalysis,
    fa: &Figure,
    b: &DocAnalysis,
    fb: &Figure,
    sim: &dyn PassageSimilarity,
) -> bool {
    same_fact(a, fa, b, fb, sim).is_none() && sim.similarity(a, fa, b, fb, 0.0) < MIN_PASSAGE
}

/// [`same_fact`] when the caller knows whether `a` and `b` are one
/// document (`same_doc`) and whether `fa` is part of a larger count of
/// its sentence (`fa_part`, [`part_of_more`]): comparing one figure with
/// many candidates then reads no id and weighs `fa`'s sentence once.
fn same_fact_known(
    a: &DocAnalysis,
    fa: &Figure,
    b: &DocAnalysis,
    fb: &Figure,
    sim: &dyn PassageSimilarity,
    same_doc: bool,
    fa_part: bool,
) -> Option<f32> {
    crate::analysis::effort::add_figure_pair();
    if !comparable(fa) || !comparable(fb) {
        return None;
    }
    if fa.kind == FigureKind::Count
        && (clause::kept_ratio(a, fa, ratio) || clause::kept_ratio(b, fb, ratio))
    {
        return None;
    }
    // Ranks, dates and lengths of time name many different things in one
    // story ("the first shot", "the second shot"; "the Oct. 13 and Nov. 2
    // shootings"; two sentences): they are compared across documents only.
    if same_doc
        && matches!(
            fa.kind,
            FigureKind::Ordinal | FigureKind::Date | FigureKind::Year | FigureKind::Duration
        )
    {
        return None;
    }
    if fa_part {
        return None;
    }
    if fa.kind == FigureKind::Age && !agree(fa, fb) && (two_ages(a, fa) || two_ages(b, fb)) {
        return None;
    }
    let q = same_quantity(fa, fb);
    if q < MIN_QUANTITY {
        return None;
    }
    // Read after `same_quantity`, which turns down most candidates for
    // less: it searches the other document's figures for the sentence's.
    if part_of_more(b, fb) {
        return None;
    }
    if !same_time(a, fa, b, fb) || !same_clause_frame(a, fa, b, fb, same_doc) {
        return None;
    }
    // Dates: the two sentences must name the same people and places ("opened
    // in Valmera on 9 November", "opened in Carrow on 11 November"), unless
    // both name the place of the dated event and it is the same
    // (`same_quantity` has compared them): the rest of the sentence may
    // then be told in other words.
    let placed = fa.counted.complement.is_some() && fb.counted.complement.is_some();
    if matches!(fa.kind, FigureKind::Date | FigureKind::Year) && !placed {
        let (x, y) = (&fa.counted.sentence_entities, &fb.counted.sentence_entities);
        let union = x.len() + y.len() - super::counted::shared(x, y);
        if union > 0 && (super::counted::shared(x, y) as f32) < 0.75 * union as f32 {
            return None;
        }
    }
    // The less certain the counted thing, the closer the passages must be;
    // dates need near-paraphrases (a story dates many events).
    let base = if same_doc {
        MIN_PASSAGE_SAME_DOC
    } else {
        MIN_PASSAGE
    };
    let mut min = base + (1.0 - q).max(0.0) * 0.6;
    if matches!(fa.kind, FigureKind::Date | FigureKind::Year) && !placed {
        min = min.max(MIN_PASSAGE_DATE);
    }
    let toll = !same_doc && same_toll(fa, fb);
    if toll && names_foreign(a, fa, b, fb) {
        return None;
    }
    if toll && placed_together(sim, a, fa, b, fb) {
        min = min.min(MIN_PASSAGE_TOLL);
    }
    let p = sim.similarity(a, fa, b, fb, min);
    (p >= min).then_some((0.5 * q + p).min(1.0))
}

/// Whether figure `f` of `doc` counts part of what its sentence counts
/// ([`part_of_earlier_total`], [`part_of_split`]): then it is compared
/// with nothing.
pub(super) fn part_of_more(doc: &DocAnalysis, f: &Figure) -> bool {
    part_of_earlier_total(doc, f) || part_of_split(doc, f)
}

/// Whether a count of persons follows a larger count of persons in its
/// sentence: "Six people were shot and one victim was rushed to hospital"
/// — the one is among the six, not another count of them.
fn part_of_earlier_total(doc: &DocAnalysis, f: &Figure) -> bool {
    use super::counted::ConceptClass;
    let persons = |g: &Figure| {
        g.kind == FigureKind::Count
            && g.counted.head_concept.is_some_and(|k| {
                matches!(
                    k.class,
                    ConceptClass::People | ConceptClass::Person | ConceptClass::Part
                )
            })
    };
    persons(f)
        && doc
            .figures
            .of_sentence(f.sentence)
            .iter()
            .any(|g| g.span.end <= f.span.start && persons(g) && g.value > f.value)
}

/// Whether a count of persons shares its sentence with another count of
/// persons to whom the same thing happened: "Three people who had been
/// shot were taken by ambulance and two people who had been shot went by
/// private car" — each is a part of the toll, not the toll.
fn part_of_split(doc: &DocAnalysis, f: &Figure) -> bool {
    let event = |g: &Figure| {
        (g.kind == FigureKind::Count)
            .then_some(g.counted.verb_concept)
            .flatten()
            .filter(|k| k.class == super::counted::ConceptClass::Event)
    };
    let Some(e) = event(f) else {
        return false;
    };
    doc.figures
        .of_sentence(f.sentence)
        .iter()
        .any(|g| g.span != f.span && event(g) == Some(e))
}

/// Whether the document gives the person of an age another age too
/// ("Edwin Joseph, 25," in the report of the shooting, "Edwin Joseph, 26,
/// reached a plea agreement"): it tells of two times, and either age may
/// be the other report's.
fn two_ages(doc: &DocAnalysis, f: &Figure) -> bool {
    f.counted.person.is_some_and(|p| {
        doc.figures
            .list
            .iter()
            .any(|g| g.kind == FigureKind::Age && g.counted.person == Some(p) && g.value != f.value)
    })
}

/// Whether two dates or years date the same event: the same event word
/// (or its synonym), the same place where both name one, and, across
/// documents, sentences that name the same people and places. For the
/// verification of a draft against its sources: a draft's date and a
/// source's that pass this test and disagree ([`agree`]) conflict. `false`
/// for other kinds of figures.
pub fn same_event(a: &DocAnalysis, fa: &Figure, b: &DocAnalysis, fb: &Figure) -> bool {
    matches!(fa.kind, FigureKind::Date | FigureKind::Year)
        && fa.kind == fb.kind
        && same_quantity(fa, fb) >= MIN_QUANTITY
        && {
            let placed = fa.counted.complement.is_some() && fb.counted.complement.is_some();
            let (x, y) = (&fa.counted.sentence_entities, &fb.counted.sentence_entities);
            let shared = super::counted::shared(x, y);
            let union = x.len() + y.len() - shared;
            placed || union == 0 || shared as f32 >= 0.75 * union as f32 || std::ptr::eq(a, b)
        }
}

/// Whether the clauses of two figures can speak of one quantity: the same
/// time and the same owner where both say one ([`clause`](super::clause)).
/// Tolls of people killed or hurt are placed by their incident instead
/// (the reports' names and dates, [`same_toll`]), and dates, years and
/// ages carry their own time.
fn same_clause_frame(
    a: &DocAnalysis,
    fa: &Figure,
    b: &DocAnalysis,
    fb: &Figure,
    same_doc: bool,
) -> bool {
    if matches!(fa.kind, FigureKind::Date | FigureKind::Year) {
        return true;
    }
    if same_doc {
        let stamp = |f: &Figure| {
            let paragraph = a.segmentation.sentences.get(f.sentence)?.paragraph;
            clause::section_stamp(a, paragraph)
        };
        if let (Some(x), Some(y)) = (stamp(fa), stamp(fb))
            && x != y
        {
            return false;
        }
    }
    if fa.kind == FigureKind::Age || same_toll(fa, fb) {
        return true;
    }
    let (x, y) = (clause::kept(a, fa), clause::kept(b, fb));
    // A total up to the time of its report ("has sold 3.1 million handsets",
    // "40 rifles so far") grows from one report to the next: two such
    // totals of one thing are one time only in one document or in two
    // reports of one known date. (One side alone in the perfect says
    // little: a restating draft's "has extradited 65" is its source's one
    // transfer of 55.)
    let running = |c: &clause::Clause, f: &Figure| c.up_to_report || f.counted.cumulative;
    if running(&x, fa)
        && running(&y, fb)
        && !same_doc
        && (a.figures.date.is_none() || a.figures.date != b.figures.date)
    {
        return false;
    }
    // Times relative to the report ("last year") are one time only in
    // reports of one date, or in two with none.
    let same_report_time = same_doc || a.figures.date == b.figures.date;
    !clause::different_times(&x, &y, same_report_time) && !clause::different_scopes(&x, &y)
}

/// Whether two figures can be about the same time: when both sentences
/// date what they say ("in October", "in 2004") the dates must be
/// compatible ("rose 0.8% in January" is not "rose 0.4% in October").
fn same_time<'a>(a: &'a DocAnalysis, fa: &Figure, b: &'a DocAnalysis, fb: &Figure) -> bool {
    if matches!(fa.kind, FigureKind::Date | FigureKind::Year) {
        return true;
    }
    let dates = |d: &'a DocAnalysis, f: &Figure| d.figures.dates_of_sentence(f.sentence);
    // "In 2004 … rose 0.8% in January" against "rose 1.1% in December":
    // when both name a month, the months decide, not the bare year.
    let months = dates(a, fa).any(|d| d.month.is_some()) && dates(b, fb).any(|d| d.month.is_some());
    let x = dates(a, fa).filter(|d| !months || d.month.is_some());
    let y = || dates(b, fb).filter(|d| !months || d.month.is_some());
    // Reports of one event may date it a day or two apart ("on October
    // 15", "on Oct. 14"); that conflict is the date's own finding.
    let mut x = x.peekable();
    if x.peek().is_none() || y().next().is_none() {
        return true;
    }
    x.any(|p| y().any(|q| p.within_days(&q, 2)))
}

/// Every other mention of the quantity of figure `index` of `doc`: in
/// `doc` itself (other sentences) and in the other documents of `corpus`,
/// best first. `doc` need not be in the corpus; the corpus's copy of it,
/// if any, is skipped.
///
/// Only candidates from the indexes are weighed, a bounded number per
/// figure: within `doc` the nearest figures of each of its topics
/// ([`Figures::same_topic`](super::Figures::same_topic)), in the corpus
/// those filed under its keys (at most
/// [`MAX_PER_DOCUMENT`](super::MAX_PER_DOCUMENT) of one document per key).
/// Checking a document is thus linear in its figures.
pub fn mentions<'a>(
    doc: &'a DocAnalysis,
    index: usize,
    corpus: &'a Corpus,
    sim: &dyn PassageSimilarity,
) -> Vec<Mention<'a>> {
    let Some(f) = doc.figures.list.get(index) else {
        return Vec::new();
    };
    if !comparable(f) {
        return Vec::new();
    }
    let mut out = within_document(doc, index, f, sim);
    let cross = across_documents(doc, f, corpus, sim, None);
    out.extend(cross.into_iter().filter_map(|c| c.mention(corpus)));
    best_per_document(out)
}

/// The other mentions of figure `index` (`f`) of `doc` in its other
/// sentences, in text order.
pub(super) fn within_document<'a>(
    doc: &'a DocAnalysis,
    index: usize,
    f: &Figure,
    sim: &dyn PassageSimilarity,
) -> Vec<Mention<'a>> {
    let mut f_part = None;
    within_document_by(doc, index, f, &mut |_, g| {
        let part = *f_part.get_or_insert_with(|| part_of_more(doc, f));
        within_pair(doc, f, part, g, sim)
    })
}

/// [`within_document`] with each candidate pair weighed by `weigh` (given
/// the other figure and its index, it answers what [`within_pair`] does): the
/// candidates are chosen here, by topic and nearness, and only the pairs'
/// results may come from elsewhere (a cache of an earlier check).
pub(super) fn within_document_by<'a>(
    doc: &'a DocAnalysis,
    index: usize,
    f: &Figure,
    weigh: &mut dyn FnMut(usize, &Figure) -> Weighed,
) -> Vec<Mention<'a>> {
    let mut out = Vec::new();
    for j in within_candidates(doc, index, f) {
        let g = &doc.figures.list[j];
        if let Some((score, agrees)) = weigh(j, g) {
            out.push(Mention {
                doc,
                figure: j,
                agrees,
                score,
            });
        }
    }
    out
}

/// The figures of `doc` weighed as other mentions of figure `index`
/// (`f`): those of its topics nearest to it
/// ([`Figures::same_topic`](super::Figures::same_topic)), of its kind, in
/// other sentences, in text order.
pub(super) fn within_candidates(doc: &DocAnalysis, index: usize, f: &Figure) -> Vec<usize> {
    let mut out = doc.figures.same_topic(index);
    out.retain(|&j| {
        let g = &doc.figures.list[j];
        j != index && g.sentence != f.sentence && g.kind == f.kind
    });
    out
}

/// What weighing a pair of figures found: `None` when they are not one
/// quantity, else how sure (the score) and whether they agree.
pub(super) type Weighed = Option<(f32, bool)>;

/// Whether figure `g` of `doc` is another mention of the quantity of `f`
/// (in another sentence of the same document; `f_part` is
/// [`part_of_more`] of `f`): its score and whether the two agree.
pub(super) fn within_pair(
    doc: &DocAnalysis,
    f: &Figure,
    f_part: bool,
    g: &Figure,
    sim: &dyn PassageSimilarity,
) -> Weighed {
    let score = same_fact_known(doc, f, doc, g, sim, true, f_part)?;
    let agrees = agree_in(doc, f, doc, g);
    // Within one story two values of one thing are nearly always two
    // quantities (two products' sales, two matches' sets, two films'
    // nominations): a conflict needs sentences about the same names.
    if !agrees && !same_names(f, g) {
        return None;
    }
    // Even then, two values of one thing in one story's body are two
    // quantities far more often than a slip (two states' counts, a
    // campaign's wins so far and the states at stake; BBC and PolNeAR
    // train: every such finding was). What one report gets wrong about
    // itself is its headline against its text, one sentence given twice
    // with two values, or a toll it tells twice.
    if !agrees
        && !same_toll(f, g)
        && !headline(doc, f)
        && !headline(doc, g)
        && !same_frame(doc, f, g)
    {
        return None;
    }
    Some((score, agrees))
}

/// Whether the sentences of `f` and `g` say the same words around their
/// figures: one sentence given twice with two values.
fn same_frame(doc: &DocAnalysis, f: &Figure, g: &Figure) -> bool {
    let around = |x: &Figure| {
        let s = doc.segmentation.sentences.get(x.sentence)?;
        let before = doc.text.get(s.span.start..x.span.start)?;
        let after = doc.text.get(x.span.end..s.span.end)?;
        Some((
            before.split_whitespace().collect::<Vec<_>>(),
            after.split_whitespace().collect::<Vec<_>>(),
        ))
    };
    around(f).is_some_and(|x| around(g) == Some(x))
}

/// Whether figure `f` of `doc` stands in a headline or subheading.
fn headline(doc: &DocAnalysis, f: &Figure) -> bool {
    doc.related
        .passages
        .get(f.sentence)
        .is_some_and(|p| p.headline)
}

/// Whether the sentences of `f` and `g` name the same people, places and
/// bodies, and at least one.
fn same_names(f: &Figure, g: &Figure) -> bool {
    let (x, y) = (&f.counted.sentence_entities, &g.counted.sentence_entities);
    !x.is_empty() && x == y
}

/// Whether figure `f` of `doc` is the second term of a ratio ("one in six
/// cars", "1 in 5 voters") or its first ("one in six"): a rate, not a
/// count of things.
fn ratio(doc: &DocAnalysis, f: &Figure) -> bool {
    let word = |w: &str| {
        w.trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase()
    };
    let one = |w: &str| matches!(word(w).as_str(), "one" | "1");
    // The other term is a small number, not a year ("rose by one in 2004").
    let number = |w: &str| {
        let w = word(w);
        (!w.is_empty() && w.len() <= 3 && w.chars().all(|c| c.is_ascii_digit()))
            || super::lexicon::is_number_word(&w)
    };
    let text = &doc.text;
    let before = text.get(..f.span.start).unwrap_or("");
    let mut back = before.split_whitespace().rev();
    let after = text.get(f.span.end..).unwrap_or("");
    let mut fwd = after.split_whitespace();
    let second =
        back.next().is_some_and(|w| w.eq_ignore_ascii_case("in")) && back.next().is_some_and(one);
    let first = text.get(f.span.clone()).is_some_and(one)
        && fwd.next().is_some_and(|w| w.eq_ignore_ascii_case("in"))
        && fwd.next().is_some_and(number);
    second || first
}

/// A mention in another document, by its place in the corpus's figure
/// index (see [`FigureIndex::doc_at`](super::FigureIndex::doc_at)).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Across {
    pub slot: u32,
    pub figure: u32,
    pub agrees: bool,
    pub score: f32,
}

impl Across {
    /// The mention, while the corpus's other documents are those it was
    /// found in.
    pub fn mention<'a>(&self, corpus: &'a Corpus) -> Option<Mention<'a>> {
        let doc = corpus.figures.doc_at(self.slot)?;
        doc.figures.list.get(self.figure as usize)?;
        Some(Mention {
            doc,
            figure: self.figure as usize,
            agrees: self.agrees,
            score: self.score,
        })
    }
}

/// What a comparison of one figure with other documents read that the
/// figures alone do not say (see [`reweigh`]).
#[derive(Debug, Default)]
pub(super) struct Noted {
    /// The candidates (slot, figure) for which the passage similarity was
    /// asked anything: the others were turned down by what the figures
    /// and documents say, whatever the corpus's statistics.
    pub consulted: Vec<(u32, u32)>,
    /// Names whose presence in the compared figure's document may have
    /// been looked up (two tolls are placed by the names each document
    /// mentions, [`placed_together`], [`names_foreign`]): the sentence names of
    /// every candidate that is a toll of one kind with the figure. A
    /// superset of what was read, unsorted.
    pub names: Vec<u64>,
}

/// The mentions of `f` (a figure of `doc`) in the other documents of
/// `corpus`, in the index's order. When `noted` is given, what the
/// comparisons read beyond the figures is added to it (see [`reweigh`]).
pub(super) fn across_documents(
    doc: &DocAnalysis,
    f: &Figure,
    corpus: &Corpus,
    sim: &dyn PassageSimilarity,
    noted: Option<&mut Noted>,
) -> Vec<Across> {
    let pairs = corpus.figures.candidate_slots(f, Some(&doc.id));
    reweigh(doc, f, corpus, sim, &pairs, noted)
}

/// [`across_documents`] over the given candidates (slot, figure) only, in
/// their order. When `noted` is given, the candidates for which `sim` was
/// asked anything and the names of `doc` that may have been looked up are
/// added to it.
pub(super) fn reweigh(
    doc: &DocAnalysis,
    f: &Figure,
    corpus: &Corpus,
    sim: &dyn PassageSimilarity,
    pairs: &[(u32, u32)],
    mut noted: Option<&mut Noted>,
) -> Vec<Across> {
    let mut out = Vec::new();
    // The document's own slot: a candidate there is `doc` (compared by
    // slot, since reading each candidate's id costs a cache miss per pair).
    let own = corpus.figures.slot_of(&doc.id);
    let f_part = part_of_more(doc, f);
    for &(slot, j) in pairs {
        if Some(slot) == own {
            continue;
        }
        let Some(other) = corpus.figures.doc_at(slot) else {
            continue;
        };
        let Some(g) = other.figures.list.get(j as usize) else {
            continue;
        };
        if g.kind != f.kind {
            continue;
        }
        let same = match noted.as_mut() {
            Some(noted) => {
                let asked = Asked {
                    inner: sim,
                    asked: std::cell::Cell::new(false),
                };
                let same = same_fact_known(doc, f, other, g, &asked, false, f_part);
                if asked.asked.get() {
                    noted.consulted.push((slot, j));
                }
                if same_toll(f, g) {
                    noted.names.extend_from_slice(&g.counted.sentence_entities);
                }
                same
            }
            None => same_fact_known(doc, f, other, g, sim, false, f_part),
        };
        if let Some(score) = same {
            out.push(Across {
                slot,
                figure: j,
                // Read with what each document says beside the figures
                // (the reports' times, a perpetrator's death).
                agrees: agree_in(doc, f, other, g),
                score,
            });
        }
    }
    out
}

/// A [`PassageSimilarity`] that notes whether it was asked.
struct Asked<'s> {
    inner: &'s dyn PassageSimilarity,
    asked: std::cell::Cell<bool>,
}

impl PassageSimilarity for Asked<'_> {
    fn similarity(
        &self,
        a: &DocAnalysis,
        fa: &Figure,
        b: &DocAnalysis,
        fb: &Figure,
        at_least: f32,
    ) -> f32 {
        self.asked.set(true);
        self.inner.similarity(a, fa, b, fb, at_least)
    }

    fn same_incident(&self, a: &DocAnalysis, b: &DocAnalysis) -> f32 {
        self.asked.set(true);
        self.inner.same_incident(a, b)
    }
}

/// The mentions best first, one per document unless several agree, at
/// most [`MAX_MENTIONS`].
pub(super) fn best_per_document(mut out: Vec<Mention<'_>>) -> Vec<Mention<'_>> {
    out.sort_by(|a, b| {
        b.score
            .partial_cmp(&a.score)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then_with(|| a.doc.id.cmp(&b.doc.id))
            .then(a.figure.cmp(&b.figure))
    });
    // One document often gives several figures of one kind for one story
    // ("four people were shot … two men … two women"). When a document
    // has a mention that agrees, its other candidates are taken to be
    // other quantities; when none agrees, only its best match conflicts.
    let key = |m: &Mention<'_>| m.doc as *const DocAnalysis as usize;
    let agreeing: FastSet<usize> = out.iter().filter(|m| m.agrees).map(key).collect();
    let mut seen: FastSet<usize> = FastSet::default();
    let mut kept: Vec<Mention<'_>> = Vec::with_capacity(out.len());
    for m in &out {
        // `seen` is inserted into for every mention: the first of a
        // document without an agreeing one is its best (`out` is sorted).
        let first = seen.insert(key(m));
        if m.agrees || (!agreeing.contains(&key(m)) && first) {
            kept.push(*m);
        }
    }
    kept.truncate(MAX_MENTIONS);
    kept
}
