//! Reporting constructions in one sentence, read structurally from its
//! tokens: a subject before its reporting verb, "according to X", a speaker
//! after a quotation, a passive with or without its agent, a crowd or an
//! adverb that credits no one.
//!
//! Noun phrases are read with a small chunker: determiners open them,
//! capitalised words, possessives and up to three lower-case modifiers
//! extend them, and "of"/"for"/"de" join capitalised words ("Secretary of
//! State Ana Lindqvist"). An affiliation ("at Brannock Research", "familiar
//! with the talks") attaches to the phrase before it. A compound's head may
//! follow a name or an unknown modifier ("a GOP leadership aide"), and a
//! subject relative clause may stand between a subject and its verb.
//!
//! Every word the reading asks about is a role of the attribution lexicon
//! (`data/lexicon/en/attribution.txt`), never a literal here. Capitals mark
//! names, except on a sentence's first word: the English tagger, asked once
//! per sentence and only then, says whether that word is a name, a
//! modifier of the phrase after it ("Former prosecutors"), or another word.

use crate::analysis::language::lexicon::HashSet;
use std::ops::Range;

use super::lexicon::{Class, Form, LISTS, VerbClass};
use super::tokens::{Kind, Token};
use super::{Construction, SourceKind};

/// A noun phrase: token indices into the sentence.
#[derive(Clone, Debug)]
pub struct Np {
    pub start: usize,
    pub end: usize,
    pub head: usize,
    /// The affiliation phrase, when one is attached ("at Brannock Research").
    pub affiliation: Option<(usize, usize)>,
    /// "familiar with", "close to", "with knowledge of", "on condition of
    /// anonymity": the phrase marks its head as an anonymous source.
    pub anonymity_marker: bool,
}

/// A reporting construction found in a sentence (byte spans).
#[derive(Clone, Debug)]
pub struct Cue {
    pub kind: SourceKind,
    pub source: Range<usize>,
    /// Token range of the source phrase (for resolution and corroboration).
    pub source_head: Option<usize>,
    pub construction: Construction,
    pub cue: Range<usize>,
    pub phrase: Range<usize>,
    /// The source is a pronoun or relative to resolve ("she", "who").
    pub pronoun: bool,
    /// A relative pronoun's antecedent in the same sentence.
    pub antecedent: Option<Range<usize>>,
    /// The verb token (for media and participle clauses).
    pub at: usize,
    pub medium: Option<Range<usize>>,
}

pub struct Sentence<'a> {
    pub text: &'a str,
    pub toks: &'a [Token],
    /// For each token: whether it is an opening or closing quotation mark.
    pub opens: &'a [bool],
    pub closes: &'a [bool],
    /// The part of speech of the sentence's first word by the English
    /// tagger (see [`Sentence::first_tag`]): read the first time it is
    /// asked, and kept by the caller for the whole document, so a sentence
    /// parsed again (a quotation's speaker is looked for in the sentences
    /// around it) does not tag it again.
    first_tag: &'a FirstTag,
}

/// The cell of one sentence's first-word tag (see [`Sentence::new`]).
pub type FirstTag = std::cell::OnceCell<crate::analysis::language::Upos>;

/// Whether a noun (any number) names a person, by the shared lexicon's
/// learned person nouns and role titles.
fn is_person_noun(word: &str) -> bool {
    use crate::analysis::language::{Lang, Upos, lemma::lemma, lexicon};
    lexicon(Lang::English).is_person_noun(&lemma(&word.to_lowercase(), Upos::Noun))
}

impl<'a> Sentence<'a> {
    /// The sentence of tokens `toks`; `first_tag` holds the tag of its
    /// first word once read (one cell per sentence of the document, empty
    /// at first, the same cell each time the sentence is parsed).
    pub fn new(
        text: &'a str,
        toks: &'a [Token],
        opens: &'a [bool],
        closes: &'a [bool],
        first_tag: &'a FirstTag,
    ) -> Self {
        Sentence {
            text,
            toks,
            opens,
            closes,
            first_tag,
        }
    }

    /// The part of speech of token `i`, the sentence's first word, by the
    /// tagger reading it with the words after it. Only the first word's
    /// tag is computed (`Tagger::tag_first`): it is all the parser asks.
    fn first_tag(&self, i: usize) -> crate::analysis::language::Upos {
        use crate::analysis::language::{Upos, tagger};
        *self.first_tag.get_or_init(|| {
            let mut words = [""; FIRST_WORD_CONTEXT];
            let mut n = 0;
            for (slot, t) in words.iter_mut().zip(&self.toks[i..]) {
                *slot = t.text(self.text);
                n += 1;
            }
            tagger::english().tag_first(&words[..n]).unwrap_or(Upos::X)
        })
    }

    /// Whether token `i` is the sentence's first word, unknown to the
    /// lexicon, and a common word by the tagger. A proper noun, a word it
    /// cannot class and a noun stay names: an unknown capitalised word
    /// that opens a sentence is often a surname the tagger reads as a
    /// common noun ("Reyner, in a post, warned").
    fn first_is_common(&self, i: usize) -> bool {
        use crate::analysis::language::Upos;
        !matches!(
            self.first_tag(i),
            Upos::Propn | Upos::Noun | Upos::X | Upos::Sym
        )
    }

    /// Whether token `i`, capitalised because it opens the sentence, is a
    /// modifier of the noun phrase after it ("Former inspectors", "Federal
    /// investigators"): an adjective or numeral by the tagger.
    fn initial_modifier(&self, i: usize) -> bool {
        use crate::analysis::language::Upos;
        let t = &self.toks[i];
        t.entry.is_none()
            && !t.possessive
            && self.initial(i)
            && self.toks[..i].iter().all(|p| p.kind != Kind::Word)
            && matches!(self.first_tag(i), Upos::Adj | Upos::Num)
    }

    fn tok(&self, i: usize) -> Option<&Token> {
        self.toks.get(i)
    }

    fn word(&self, i: usize) -> bool {
        self.tok(i)
            .is_some_and(|t| t.kind == Kind::Word && !t.quoted)
    }

    /// Whether token `i` is a word (without a possessive ending) of
    /// `set` (lower-case words), in any case.
    fn is_in(&self, i: usize, set: &HashSet<&'static str>) -> bool {
        self.tok(i)
            .is_some_and(|t| t.kind == Kind::Word && in_any_case(t.stem(self.text), set))
    }

    /// Whether token `i` is a word (the whole token, possessive ending
    /// included) of `set` (lower-case words), in any case.
    fn word_in(&self, i: usize, set: &HashSet<&'static str>) -> bool {
        self.tok(i)
            .is_some_and(|t| t.kind == Kind::Word && in_any_case(t.text(self.text), set))
    }

    /// "to be" at token `i` ("asked not to be named", "considered to be").
    fn to_be(&self, i: usize) -> bool {
        self.word_in(i, LISTS.infinitive) && self.word_in(i + 1, LISTS.be_base)
    }

    fn has(&self, i: usize, c: Class) -> bool {
        self.tok(i).is_some_and(|t| t.has(c))
    }

    fn kind(&self, i: usize) -> Option<Kind> {
        self.tok(i).map(|t| t.kind)
    }

    fn span(&self, a: usize, b: usize) -> Range<usize> {
        match (self.tok(a), b.checked_sub(1).and_then(|b| self.tok(b))) {
            (Some(x), Some(y)) if b > a => x.start..y.end,
            _ => 0..0,
        }
    }

    /// Whether token `i` is capitalised only because it opens the sentence
    /// or a quotation.
    fn initial(&self, i: usize) -> bool {
        let mut k = i;
        while k > 0 {
            k -= 1;
            match self.toks[k].kind {
                Kind::Quote | Kind::OpenBracket | Kind::Dash => continue,
                Kind::Colon => return true,
                _ => return false,
            }
        }
        true
    }

    /// A capitalised word that is part of a name.
    pub fn proper(&self, i: usize) -> bool {
        let Some(t) = self.tok(i) else { return false };
        if t.kind != Kind::Word || t.quoted {
            return false;
        }
        if t.acronym {
            return !t.has(Class::PRONOUN);
        }
        if !t.cap {
            return false;
        }
        let c = t.class();
        if c.intersects(Class::DET | Class::STOP | Class::PRONOUN | Class::BE | Class::AUX) {
            return false;
        }
        if self.initial(i) {
            if t.entry.is_some() {
                return false;
            }
            // The first word of the sentence: capitalised by position.
            let first = self.toks[..i].iter().all(|p| p.kind != Kind::Word);
            if first && !t.possessive && self.first_is_common(i) {
                return false;
            }
        }
        true
    }

    fn is_adverb(&self, i: usize) -> bool {
        let Some(t) = self.tok(i) else { return false };
        if t.kind != Kind::Word || t.cap {
            return false;
        }
        if t.has(Class::ADVERB | Class::CROWD_ADVERB | Class::WEASEL_ADVERB) {
            return true;
        }
        let w = t.text(self.text);
        w.len() > 4
            && w.ends_with("ly")
            && !t.has(Class::ROLE | Class::BODY | Class::CROWD | Class::DOCUMENT)
            && !LISTS.ly_noun.contains(w)
    }

    /// Skips adverbs, auxiliaries, modals and "not" backwards from `i`
    /// (exclusive); returns the new end and whether a form of "be" was
    /// crossed, and whether a modal was.
    fn skip_back(&self, mut i: usize) -> (usize, Option<usize>, bool) {
        let mut be = None;
        let mut modal = false;
        while i > 0 {
            let k = i - 1;
            if !self.word(k) {
                break;
            }
            if self.has(k, Class::BE) {
                be.get_or_insert(k);
            } else if self.has(k, Class::MODAL) {
                modal = true;
            } else if !(self.has(k, Class::AUX) || self.is_adverb(k)) {
                break;
            }
            i = k;
        }
        (i, be, modal)
    }

    /// Whether token `k` quantifies the phrase after it: a quantifier, a
    /// word that opens a partitive ("both", "all", "each"), a numeral
    /// in figures or in words.
    fn quantifies(&self, k: usize) -> bool {
        self.tok(k).is_some_and(|t| {
            t.kind == Kind::Word
                && (t.has(Class::QUANTIFIER) || self.is_in(k, LISTS.partitive_opener))
        }) || self.numeral(k)
    }

    /// Whether token `k` is a numeral, in figures or in words.
    fn numeral(&self, k: usize) -> bool {
        use crate::analysis::language::{Lang, lexicon};
        self.tok(k).is_some_and(|t| {
            t.kind == Kind::Word
                && (t.digit || lexicon(Lang::English).is_number_word(t.text(self.text)))
        })
    }

    /// The noun phrase whose last token is `end - 1`, read backwards.
    pub fn np_back(&self, end: usize) -> Option<Np> {
        let h = end.checked_sub(1)?;
        if !self.word(h) {
            return None;
        }
        let t = &self.toks[h];
        let proper_h = self.proper(h);
        if t.has(Class::PRONOUN) || self.is_in(h, LISTS.referring) {
            return Some(single(h));
        }
        // "many interpret", "some say", "others believe".
        if t.has(Class::QUANTIFIER) && !proper_h {
            return Some(single(h));
        }
        if !proper_h
            && (t.has(Class::STOP | Class::BE | Class::AUX | Class::TIME | Class::MODAL)
                || self.is_adverb(h))
            && !t.has(Class::QUANTIFIER)
        {
            return None;
        }
        if t.verb().is_some_and(|v| !v.noun_too) && !proper_h && !t.has(NOUNS) {
            return None;
        }
        let mut start = h;
        let mut lower = 0;
        let mut j = h;
        while j > 0 {
            let k = j - 1;
            if !self.word(k) {
                break;
            }
            let p = &self.toks[k];
            if p.has(Class::RELATIVE | Class::TIME) {
                break;
            }
            if p.has(Class::DET) && !self.proper(k) {
                start = k;
                // "the three ports", "its two leaders": a determiner
                // before a numeral opens the phrase.
                // Not "that" opening a clause ("said that two officials").
                if self.numeral(k)
                    && k > 0
                    && self.has(k - 1, Class::DEFINITE)
                    && !self.has(k - 1, Class::RELATIVE)
                {
                    start = k - 1;
                }
                break;
            }
            if p.possessive || self.proper(k) || (p.digit && !p.has(Class::STOP)) {
                start = k;
                j = k;
                continue;
            }
            let joiner = self.is_in(k, LISTS.name_joiner) || self.is_in(k, LISTS.particle);
            if joiner && k > 0 && self.proper(k - 1) && self.proper(k + 1) {
                start = k;
                j = k;
                continue;
            }
            let cap = p.cap && !(self.initial(k) && p.has(NOUNS)) && !self.initial_modifier(k);
            if cap
                || p.has(
                    Class::STOP
                        | Class::BE
                        | Class::AUX
                        | Class::TIME
                        | Class::RELATIVE
                        | Class::PRONOUN
                        | Class::MODAL
                        | Class::QUANTIFIER,
                )
                || p.verb().is_some_and(|v| !v.noun_too)
                || self.is_adverb(k)
                || lower >= 3
            {
                // A quantifier directly before its noun belongs to it
                // ("many analysts"); as a pronoun it is its own phrase.
                if p.has(Class::QUANTIFIER) && !p.has(Class::STOP) && !p.cap && lower == 0 {
                    start = k;
                }
                // "officials in both ports", "aides to two senators",
                // "organisers of all the conventions": a word that
                // quantifies a phrase, after a preposition, opens the
                // preposition's object, so the reading steps over it to
                // the phrase the preposition hangs on.
                if self.quantifies(k) && !p.cap && self.after_preposition(k) {
                    start = k;
                }
                break;
            }
            lower += 1;
            start = k;
            j = k;
        }
        Some(Np {
            start,
            end: h + 1,
            head: h,
            affiliation: None,
            anonymity_marker: false,
        })
    }

    /// [`Self::np_back`], with an affiliation before it attached to the
    /// phrase it qualifies ("sources familiar with the talks", "analysts at
    /// Brannock Research").
    pub fn np_back_ext(&self, end: usize) -> Option<Np> {
        let mut np = self.np_back(end)?;
        // "President Irene Castellan and her cabinet"
        if np.start >= 2
            && self.word_in(np.start - 1, LISTS.phrase_coordinator)
            && !self.has(np.head, Class::PRONOUN)
            && let Some(first) = self.np_back(np.start - 1)
            && (self.proper(first.head) || self.coordinated_people(&first, &np))
        {
            np.start = first.start;
        }
        let Some(c) = np.start.checked_sub(1) else {
            return Some(np);
        };
        if !self.has(c, Class::AFFILIATION) || self.has(np.head, Class::PRONOUN) {
            return Some(np);
        }
        let mut k = c;
        let mut marker = false;
        if k > 0 && self.is_in(k - 1, LISTS.anonymity_marker) {
            marker = true;
            k -= 1;
            if self.word_in(k, LISTS.marker_noun)
                && k > 0
                && self.word_in(k - 1, LISTS.marker_preposition)
            {
                k -= 1;
            }
        }
        let Some(outer) = self.np_back(k) else {
            return Some(np);
        };
        let partitive =
            self.word_in(c, LISTS.partitive_of) && self.is_in(outer.head, LISTS.partitive_head);
        // "Lena Marsh from the ministry", "Ana Ruiz of Norte Capital".
        let named_member = self.proper(outer.head)
            && self.is_in(c, LISTS.member_preposition)
            && !self.toks[outer.head].possessive;
        if !(self.has(outer.head, NOUNS | Class::QUANTIFIER) || partitive || named_member)
            || (self.proper(outer.head) && !named_member)
        {
            return Some(np);
        }
        Some(Np {
            start: outer.start,
            end: np.end,
            head: outer.head,
            affiliation: Some((np.start, np.end)),
            anonymity_marker: marker || self.anonymity_after(np.end),
        })
    }

    /// "conservatives and party officials", "Friends, lobbyists and
    /// former aides": two phrases of people joined into one subject, the
    /// first opening the clause (at the sentence's start or after a
    /// comma), so it is no object of what comes before.
    fn coordinated_people(&self, first: &Np, second: &Np) -> bool {
        let person = |np: &Np| {
            let t = &self.toks[np.head];
            !t.has(Class::PRONOUN)
                && !t.possessive
                && (t.has(NOUNS) || is_person_noun(t.stem(self.text)))
        };
        let opens = first.start == 0
            || matches!(
                self.kind(first.start - 1),
                Some(Kind::Comma | Kind::Quote | Kind::Dash | Kind::Colon)
            );
        opens && person(first) && person(second)
    }

    /// "… who spoke on condition of anonymity", "… who asked not to be
    /// named" right after a phrase.
    fn anonymity_after(&self, end: usize) -> bool {
        let limit = (end + 10).min(self.toks.len());
        (end..limit).any(|i| self.is_in(i, LISTS.anonymity_word))
            || (end..limit.saturating_sub(2))
                .any(|i| self.word_in(i, LISTS.negator) && self.to_be(i + 1))
    }

    /// The noun phrase starting at `start`, read forwards, with an
    /// affiliation after it.
    pub fn np_forward(&self, start: usize) -> Option<Np> {
        // "one of their lawyers", "some of the analysts"
        if self.is_in(start, LISTS.partitive_opener)
            && self.word_in(start + 1, LISTS.partitive_of)
            && let Some(inner) = self.np_forward_plain(start + 2)
        {
            return Some(Np {
                start,
                end: inner.end,
                head: start,
                affiliation: Some((inner.start, inner.end)),
                anonymity_marker: self.anonymity_after(inner.end),
            });
        }
        let np = self.np_forward_plain(start)?;
        let e = np.end;
        let mut k = e;
        let mut marker = false;
        if self.is_in(k, LISTS.anonymity_marker) && self.has(k + 1, Class::AFFILIATION) {
            marker = true;
            k += 1;
        } else if self.word_in(k, LISTS.marker_preposition)
            && self.word_in(k + 1, LISTS.marker_noun)
            && self.has(k + 2, Class::AFFILIATION)
        {
            // "one person with knowledge of the talks".
            marker = true;
            k += 2;
        }
        if self.has(k, Class::AFFILIATION)
            && self.has(np.head, NOUNS | Class::QUANTIFIER)
            && !self.proper(np.head)
            && let Some(aff) = self.np_forward_plain(k + 1)
        {
            return Some(Np {
                start: np.start,
                end: aff.end,
                head: np.head,
                affiliation: Some((aff.start, aff.end)),
                anonymity_marker: marker || self.anonymity_after(aff.end),
            });
        }
        Some(np)
    }

    fn np_forward_plain(&self, start: usize) -> Option<Np> {
        if !self.word(start) {
            return None;
        }
        let first = &self.toks[start];
        if first.has(Class::PRONOUN) {
            return Some(single(start));
        }
        let mut i = start;
        if first.has(Class::DET) && !self.proper(start) {
            i += 1;
        }
        let mut end = i;
        let mut lower = 0;
        // After a name, only a noun the lexicon knows continues the phrase
        // ("the Pentagon spokesman"); another word is the verb.
        let mut after_name = false;
        while i < self.toks.len() && self.word(i) {
            let t = &self.toks[i];
            let proper = self.proper(i);
            if proper || t.digit || t.possessive {
                end = i + 1;
                i += 1;
                after_name = proper && !t.possessive;
                continue;
            }
            if after_name && !t.has(NOUNS) {
                // "a 2008 Clinton veteran", "one GOP leadership aide": a
                // name that modifies the person noun after it.
                if let Some(j) = self.compound_head(i) {
                    end = j + 1;
                    i = j + 1;
                    after_name = false;
                    lower += 1;
                    if self.word(i) && (self.has(i, NOUNS) || self.proper(i)) {
                        continue;
                    }
                }
                break;
            }
            let joiner = self.is_in(i, LISTS.name_joiner) || self.is_in(i, LISTS.particle);
            if joiner && end > start && self.proper(i - 1) && self.proper(i + 1) {
                i += 1;
                continue;
            }
            let cap = t.cap && !(self.initial(i) && t.has(NOUNS)) && !self.initial_modifier(i);
            if t.has(FUNCTION_WORDS)
                || cap
                || self.is_adverb(i)
                || (t.verb().is_some_and(|v| !v.noun_too) && !t.has(NOUNS))
                || lower >= 4
            {
                break;
            }
            // "The trip commenced": a past form after a noun is its verb.
            let w = t.text(self.text);
            if end > start
                && !self.has(i - 1, Class::DET)
                && !t.has(NOUNS)
                && (w.ends_with("ed") || w.ends_with("ing"))
            {
                break;
            }
            lower += 1;
            end = i + 1;
            i += 1;
            // A lexicon noun ends the phrase unless a name or another
            // noun follows ("the ministry spokesman").
            if t.has(NOUNS) && !(self.word(i) && (self.has(i, NOUNS) || self.proper(i))) {
                // "a party leadership aide": a compound whose head the
                // lexicon knows after a word it does not.
                if let Some(j) = self.compound_head(i) {
                    end = j + 1;
                    i = j + 1;
                    if self.word(i) && (self.has(i, NOUNS) || self.proper(i)) {
                        continue;
                    }
                }
                break;
            }
        }
        if end == start
            || (end == start + 1 && first.has(Class::DET) && !first.has(Class::QUANTIFIER))
        {
            return None;
        }
        Some(Np {
            start,
            end,
            head: end - 1,
            affiliation: None,
            anonymity_marker: false,
        })
    }

    /// The head of a compound noun starting at token `from`: the first
    /// noun the lexicon knows as a speaker, or a person noun, within
    /// [`COMPOUND_REACH`] lower-case words that can be nouns (no function
    /// word, verb form, adverb or time word between): "leadership aide",
    /// "law enforcement official", "supporter".
    fn compound_head(&self, from: usize) -> Option<usize> {
        let limit = (from + COMPOUND_REACH).min(self.toks.len());
        for j in from..limit {
            let t = self.tok(j)?;
            if !self.word(j)
                || t.cap
                || t.possessive
                || t.has(FUNCTION_WORDS | Class::DET)
                || self.is_adverb(j)
                || t.verb().is_some_and(|v| !v.noun_too)
            {
                return None;
            }
            if t.has(NOUNS) || is_person_noun(t.text(self.text)) {
                return Some(j);
            }
        }
        None
    }

    /// Whether the phrase starting at token `start` is set beside a name
    /// or an age after a comma ("Lena Marsh, 60, a doctor"): a
    /// description of someone named.
    fn beside_name(&self, start: usize) -> bool {
        let comma = |i: usize| self.toks.get(i).is_some_and(|t| t.kind == Kind::Comma);
        if start < 2 || !comma(start - 1) {
            return false;
        }
        let mut before = start - 2;
        // "Ed Rendell (D), a supporter": a bracketed tag after the name.
        if self.kind(before) == Some(Kind::CloseBracket) {
            let limit = before.saturating_sub(BRACKET_TAG_REACH);
            let mut k = before;
            while k > limit && self.kind(k) != Some(Kind::OpenBracket) {
                k -= 1;
            }
            if self.kind(k) == Some(Kind::OpenBracket) && k > 0 {
                before = k - 1;
            }
        }
        let name_ending = |end: usize| {
            if !self.proper(end) || self.has(end, Class::TIME) {
                return false;
            }
            // Not a fronted phrase: "On Monday, …", "In Berlin, …", "In
            // Douglas, Ariz., …" (a place and its region).
            let mut k = end;
            loop {
                while k > 0 && self.proper(k - 1) {
                    k -= 1;
                }
                if k >= 2 && self.kind(k - 1) == Some(Kind::Comma) && self.proper(k - 2) {
                    k -= 2;
                    continue;
                }
                break;
            }
            // Nor a body's name inside a clause ("… the Justice
            // Department, a former official said"): a person's name takes
            // no determiner.
            k == 0 || !(self.is_in(k - 1, LISTS.preposition) || self.has(k - 1, Class::DET))
        };
        if name_ending(before) {
            return true;
        }
        // "Name, 60, a doctor".
        self.toks[before].digit && before >= 2 && comma(before - 1) && name_ending(before - 2)
    }

    /// A description set beside a name ([`Self::beside_name`]): "Lena
    /// Marsh, a doctor, said". Not a speech tag set inside the clause it
    /// reports ("Clinton, a top aide said, is confident"): the phrase, its
    /// verb and a comma.
    fn apposition(&self, start: usize, end: usize) -> bool {
        let tag = self.word(end)
            && self.toks[end].verb().is_some()
            && self.kind(end + 1) == Some(Kind::Comma);
        self.beside_name(start) && !tag
    }

    /// Whether a name follows the phrase ending at token `end` after a
    /// comma: "a former spokesman for the ministry, Oleg Marsh," names its
    /// speaker.
    ///
    /// Not a name that opens the next clause, its verb right after it
    /// ("According to one source, Halvor Energy is responsible …").
    fn name_after(&self, end: usize) -> bool {
        if !(self.toks.get(end).is_some_and(|t| t.kind == Kind::Comma)
            && self.proper(end + 1)
            && !self.toks[end + 1].has(Class::ROLE | Class::BODY))
        {
            return false;
        }
        let mut k = end + 1;
        while self.proper(k) {
            k += 1;
        }
        !(self.word(k)
            && (self.has(k, Class::BE | Class::AUX | Class::MODAL)
                || self.toks[k].verb().is_some_and(|v| !v.noun_too)))
    }

    /// What kind of source a phrase is, or `None` when it is not one that
    /// speaks for the verb `verb_class` (a core speech verb accepts any
    /// noun phrase).
    pub fn classify(&self, np: &Np, core: bool, class: Option<VerbClass>) -> Option<SourceKind> {
        let head = &self.toks[np.head];
        let hc = head.class();
        let det = (np.start < np.head && self.has(np.start, Class::DET)).then_some(np.start);
        let definite = det.is_some_and(|d| self.has(d, Class::DEFINITE))
            || (np.start < np.head && self.toks[np.start].possessive);
        let possessive_pronoun = det.is_some_and(|d| self.is_in(d, LISTS.possessive_pronoun));
        let proper_inside = (np.start..np.head).any(|i| self.proper(i) || self.toks[i].possessive);
        let affiliated = np.affiliation.is_some_and(|(a, b)| {
            (a..b).any(|i| self.proper(i))
                || self
                    .np_forward_plain(a)
                    .is_some_and(|n| self.has(n.head, Class::BODY | Class::ROLE))
        });
        let head_word = head.stem(self.text);
        if head_word.contains("year-old") {
            // "the 31-year-old said": a person.
            return Some(if det.is_some() || proper_inside {
                SourceKind::Reference
            } else {
                SourceKind::Anonymous
            });
        }

        if hc.contains(Class::PRONOUN) || self.is_in(np.head, LISTS.referring) {
            if self.is_in(np.head, LISTS.expletive) && !core && class != Some(VerbClass::Opinion) {
                return (class == Some(VerbClass::Label)).then_some(SourceKind::Reference);
            }
            if self.is_in(np.head, LISTS.generic_pronoun) {
                // A generic "you".
                return None;
            }
            return Some(SourceKind::Reference);
        }
        if self.proper(np.head) {
            return Some(SourceKind::Named);
        }
        if hc.contains(Class::QUANTIFIER) || self.is_in(np.head, LISTS.partitive_head) {
            // A partitive takes the kind of its whole: "one of the
            // officials", "many of them", "some of the analysts".
            if let Some((a, b)) = np.affiliation
                && a > 0
                && self.word_in(a - 1, LISTS.partitive_of)
            {
                let inner = Np {
                    start: a,
                    end: b,
                    head: b - 1,
                    affiliation: None,
                    anonymity_marker: np.anonymity_marker,
                };
                let kind = self.classify(&inner, core, class);
                // "one of the officials", "two of the president's aides":
                // a number of a group the text may have introduced is
                // people it leaves unnamed, unlike the group itself.
                let counted = self.numeral(np.head);
                if counted
                    && kind == Some(SourceKind::Reference)
                    && !self.has(inner.head, Class::PRONOUN)
                    && !self.proper(inner.head)
                    && self.has(
                        inner.head,
                        Class::ROLE | Class::PROFESSION | Class::ANONYMOUS,
                    )
                {
                    return Some(SourceKind::Anonymous);
                }
                return kind;
            }
            if np.head == np.start && hc.contains(Class::QUANTIFIER) {
                return Some(SourceKind::Crowd);
            }
        }
        if hc.intersects(Class::DEMONSTRATIVE) {
            return None;
        }
        if hc.contains(Class::ANONYMOUS) {
            // "Lena Marsh, a hospital official, said": the name speaks.
            let phrase_end = np.affiliation.map_or(np.end, |(_, b)| b.max(np.end));
            if (self.apposition(np.start, phrase_end) || self.name_after(phrase_end))
                && !np.anonymity_marker
            {
                return Some(SourceKind::Named);
            }
            let marked_only = self.is_in(np.head, LISTS.marked_anonymous);
            // "one person tweeted", "another person wrote": an indefinite
            // singular brings in someone new, whom no one named.
            let new_person = det.is_some_and(|d| self.is_in(d, LISTS.indefinite))
                && !hc.contains(Class::PLURAL)
                && !proper_inside;
            if marked_only && !np.anonymity_marker && !new_person {
                if hc.contains(Class::CROWD) {
                    return Some(if affiliated {
                        SourceKind::Named
                    } else {
                        SourceKind::Crowd
                    });
                }
                return Some(SourceKind::Reference);
            }
            // "Sanders' aides", "the mayor's advisers": the unnamed many of
            // someone, not one known person.
            let possessed_many =
                hc.contains(Class::PLURAL) && (np.start..np.head).any(|i| self.toks[i].possessive);
            if definite && !possessive_pronoun && !np.anonymity_marker && !possessed_many {
                return Some(SourceKind::Reference);
            }
            return Some(SourceKind::Anonymous);
        }
        if hc.contains(Class::CROWD) {
            if affiliated {
                return Some(SourceKind::Named);
            }
            if definite && !possessive_pronoun {
                return Some(SourceKind::Reference);
            }
            return Some(SourceKind::Crowd);
        }
        if hc.contains(Class::PROFESSION) {
            let quantified = det.is_some_and(|d| self.has(d, Class::QUANTIFIER));
            // "CEA analysts", "analysts at Brannock Research": the body is
            // named, the people are not (not a crowd, not on the record).
            if (affiliated || (proper_inside && !quantified))
                && det.is_none()
                && !(np.start..np.head).any(|i| self.toks[i].possessive)
                && !self.beside_name(np.start)
            {
                return Some(SourceKind::Anonymous);
            }
            if affiliated || (proper_inside && !quantified) {
                return Some(SourceKind::Named);
            }
            if definite && !possessive_pronoun {
                return Some(SourceKind::Reference);
            }
            // "some analysts believe": a crowd; "analysts said": unnamed.
            if det.is_some_and(|d| self.has(d, Class::QUANTIFIER)) {
                return Some(SourceKind::Crowd);
            }
            return Some(SourceKind::Anonymous);
        }
        if hc.contains(Class::DOCUMENT) {
            if proper_inside || affiliated {
                return Some(SourceKind::Named);
            }
            if definite {
                return Some(SourceKind::Reference);
            }
            if hc.contains(Class::VAGUE_DOCUMENT)
                || det.is_some_and(|d| self.has(d, Class::QUANTIFIER))
            {
                return Some(SourceKind::Crowd);
            }
            if det.is_some() && self.is_in(np.head, LISTS.owned_document) {
                // "a report", "a new study": whose?
                return Some(SourceKind::Crowd);
            }
            return Some(SourceKind::Reference);
        }
        // An indefinite phrase ("a campaign aide", "an agency spokesman",
        // "two officers") or a bare plural ("inspectors", "bank
        // executives") brings in someone new: with no name it cannot refer
        // back, so it is anonymous. So are the unnamed many of someone
        // ("his aides", "the mayor's lawyers"). Not a possessor ("a
        // candidate's"), nor a description set beside a name ("Lena Marsh,
        // 60, a doctor, said").
        let plural = hc.contains(Class::PLURAL);
        let possessed = possessive_pronoun || (np.start..np.head).any(|i| self.toks[i].possessive);
        let phrase_end = np.affiliation.map_or(np.end, |(_, b)| b.max(np.end));
        let unnamed = !head.possessive
            && !self.apposition(np.start, phrase_end)
            && !self.name_after(phrase_end);
        // "union chief says", "…, federal judge rules": a singular count
        // noun with no determiner, opening a clause right before its verb,
        // is the headline's way of bringing in someone new, whom no one
        // named. Not a title before a name or after one ("former secretary
        // of state Lena Marsh", "Lena Marsh, chairman of the board"), nor a
        // capitalised role, which is a title.
        let opens_clause = np.start <= 1
            || self.kind(np.start - 1) == Some(Kind::Comma) && !self.beside_name(np.start);
        let headline = !plural
            && !possessed
            && hc.contains(Class::ROLE)
            && !hc.contains(Class::BODY)
            && !head.cap
            && np.affiliation.is_none()
            && opens_clause
            && np.end == np.head + 1
            && self.toks.get(np.end).is_some_and(|t| t.verb().is_some())
            && !(np.start..np.head).any(|i| self.has(i, Class::QUANTIFIER));
        let indefinite = unnamed
            && match det {
                Some(d) => self.is_in(d, LISTS.indefinite) || self.toks[d].digit,
                None => (plural || headline) && !possessed,
            };
        if hc.intersects(Class::ROLE | Class::BODY) {
            if det.is_some_and(|d| self.has(d, Class::QUANTIFIER)) {
                // "many residents", "some officers".
                return Some(if proper_inside || affiliated {
                    SourceKind::Named
                } else {
                    SourceKind::Crowd
                });
            }
            // "A spokesman for Tesco", "a Harbour Board spokeswoman", "Tesco
            // executives": the body is named, the person is not. The
            // reader cannot ask who spoke, so the person is anonymous;
            // a body itself ("a Tesco subsidiary") speaks on the record.
            // A body ("police", "the government") speaks on the record. A
            // role title also listed as a body for its group ("ministers",
            // "prosecutors") is people nobody named when bare; with a name
            // ("G7 ministers", "Fox executives") it is the named group.
            // A role also listed as a body ("executive", "staff") is one
            // person when an indefinite article brings in one of them: "a
            // Valmera Shipping executive told" names the firm in a modifier
            // of the noun, not the person. Bare plurals of such roles with
            // a name ("Fox executives") stay the named group.
            let one_of_body = !plural
                && !head.cap
                && det.is_some_and(|d| self.is_in(d, LISTS.indefinite) && !self.toks[d].digit)
                && !(np.start..np.head).any(|i| self.toks[i].possessive);
            let person = hc.contains(Class::ROLE)
                && (!hc.contains(Class::BODY)
                    || !(affiliated || proper_inside)
                    || (one_of_body && indefinite));
            if person && (indefinite || (unnamed && plural && possessed)) {
                return Some(SourceKind::Anonymous);
            }
            if affiliated || (proper_inside && !plural) {
                return Some(SourceKind::Named);
            }
            if proper_inside {
                return Some(SourceKind::Named);
            }
            return Some(SourceKind::Reference);
        }
        if !head_word.chars().next().is_some_and(char::is_uppercase) {
            // "a reporter asked", "a woman told", "a Clinton veteran said": a
            // person nobody named (a name before the noun only modifies it).
            if indefinite && det.is_some() && is_person_noun(head_word) {
                return Some(SourceKind::Anonymous);
            }
            // "the 34-year-old said", "the Liberian pilot told": any phrase
            // with a determiner or a name before a core speech verb speaks.
            if core && proper_inside {
                return Some(SourceKind::Named);
            }
            if core && det.is_some() {
                return Some(SourceKind::Reference);
            }
        }
        None
    }

    /// "In a post on its website", "at a joint press conference", "in her
    /// New Year address": where a claim was made.
    pub fn media(&self) -> Vec<(usize, Range<usize>)> {
        let mut out = Vec::new();
        for (i, t) in self.toks.iter().enumerate() {
            if t.quoted || !t.has(Class::MEDIUM) || t.cap && !self.initial(i) && t.acronym {
                continue;
            }
            // "press conference": the last noun of the run.
            if self.has(i + 1, Class::MEDIUM) {
                continue;
            }
            // Walk back to the preposition.
            let mut k = i;
            let mut found = None;
            for _ in 0..7 {
                if k == 0 {
                    break;
                }
                k -= 1;
                if !self.word(k) {
                    break;
                }
                if self.is_in(k, LISTS.medium_preposition) {
                    found = Some(k);
                    break;
                }
                if self.has(k, Class::STOP | Class::BE | Class::AUX) {
                    break;
                }
            }
            let Some(p) = found else { continue };
            let mut end = i + 1;
            // "… post on Facebook", "… interview with the BBC"
            if self.is_in(end, LISTS.medium_link) {
                let mut e = end + 1;
                if self.has(e, Class::DET) {
                    e += 1;
                }
                let mut any = false;
                while self.proper(e)
                    || (any && self.is_in(e, LISTS.name_preposition) && self.proper(e + 1))
                {
                    e += 1;
                    any = true;
                }
                if any {
                    end = e;
                }
            }
            out.push((i, self.span(p, end)));
        }
        out
    }

    /// The subject of the sentence's main clause, after a leading adverbial
    /// ("In Corvania, he will seek …" → "he").
    pub fn main_subject(&self) -> Option<Np> {
        let mut first = (0..self.toks.len()).find(|&i| self.toks[i].kind == Kind::Word)?;
        while self.is_in(first, LISTS.clause_conjunction) && self.word(first + 1) {
            first += 1;
        }
        let t = &self.toks[first];
        let leading_adverbial = t.has(Class::STOP | Class::ADVERB)
            || self.is_adverb(first)
            || t.cap && t.text(self.text).ends_with("ly");
        let at_start = if leading_adverbial {
            None
        } else {
            self.np_forward(first)
                .filter(|np| self.verb_follows(np.end) && self.starts_subject(np.start))
        };
        if at_start.is_some() {
            return at_start;
        }
        // After a leading phrase: "In Corvania, he …", "Hours before the
        // vote, Castellan …".
        let limit = (first + 16).min(self.toks.len());
        let comma =
            (first..limit).find(|&k| self.toks[k].kind == Kind::Comma && !self.toks[k].quoted)?;
        self.np_forward(comma + 1)
            .filter(|np| self.verb_follows(np.end) && self.starts_subject(np.start))
    }

    /// A subject starts with a determiner, a name, a pronoun, a possessive
    /// or a noun the lexicon knows ("following a US military …" does not).
    fn starts_subject(&self, i: usize) -> bool {
        let Some(t) = self.tok(i) else { return false };
        t.has(Class::DET | Class::PRONOUN | Class::QUANTIFIER | NOUNS)
            || self.proper(i)
            || t.possessive
            || t.digit
    }

    /// A verb must follow a subject: a lower-case word, an auxiliary or an
    /// adverb.
    fn verb_follows(&self, i: usize) -> bool {
        // "The band - whose album sold best - thanked …": across a
        // parenthetical between dashes or commas.
        if matches!(self.kind(i), Some(Kind::Dash | Kind::Comma)) {
            let close = self.kind(i);
            let limit = (i + 25).min(self.toks.len());
            if let Some(k) = (i + 1..limit).find(|&k| self.kind(k) == close)
                && (self.is_in(i + 1, LISTS.parenthetical_opener) || k - i <= 4)
            {
                return self.verb_follows_plain(k + 1);
            }
            return false;
        }
        self.verb_follows_plain(i)
    }

    fn verb_follows_plain(&self, i: usize) -> bool {
        self.tok(i)
            .is_some_and(|t| t.kind == Kind::Word && !t.cap && !t.quoted)
            && !self.is_in(i, LISTS.preposition)
    }

    /// Every reporting construction of the sentence, in text order.
    pub fn cues(&self) -> Vec<Cue> {
        let mut out: Vec<Cue> = Vec::new();
        let n = self.toks.len();
        let mut i = 0;
        while i < n {
            let t = &self.toks[i];
            if t.kind != Kind::Word || t.quoted {
                i += 1;
                continue;
            }
            // "according to X"
            if self.word_in(i, LISTS.according) && self.word_in(i + 1, LISTS.infinitive) {
                if let Some(np) = self.np_forward(i + 2)
                    && let Some(kind) = self.classify(&np, true, None)
                {
                    out.push(self.cue(
                        kind,
                        &np,
                        Construction::AccordingTo,
                        i..i + 2,
                        i..np.end,
                        i,
                    ));
                    i = np.end;
                    continue;
                }
                i += 2;
                continue;
            }
            if t.has(Class::WEASEL_ADVERB) {
                out.push(Cue {
                    kind: SourceKind::Nobody,
                    source: t.span(),
                    source_head: None,
                    construction: Construction::Hedge,
                    cue: t.span(),
                    phrase: t.span(),
                    pronoun: false,
                    antecedent: None,
                    at: i,
                    medium: None,
                });
                i += 1;
                continue;
            }
            if let Some(c) = self.crowd_adverb(i) {
                let end = c.phrase.end;
                out.push(c);
                while i < n && self.toks[i].start < end {
                    i += 1;
                }
                continue;
            }
            if let Some(c) = self.made_clear(i) {
                out.push(c);
                i += 3;
                continue;
            }
            if let Some(c) = self.quoted_as(i).or_else(|| self.issued_statement(i)) {
                out.push(c);
                i += 1;
                continue;
            }
            if let Some(c) = self.verb_cue(i, &out) {
                out.push(c);
            } else if let Some(c) = self.report_noun(i) {
                out.push(c);
            } else if let Some(c) = self.colon_intro(i) {
                out.push(c);
            }
            i += 1;
        }
        // Media attach to the nearest cue.
        for (at, span) in self.media() {
            if let Some(c) = out
                .iter_mut()
                .filter(|c| c.kind != SourceKind::Nobody)
                .min_by_key(|c| c.at.abs_diff(at))
                && c.medium.is_none()
            {
                c.medium = Some(span);
            }
        }
        out
    }

    fn cue(
        &self,
        kind: SourceKind,
        np: &Np,
        construction: Construction,
        cue: Range<usize>,
        phrase: Range<usize>,
        at: usize,
    ) -> Cue {
        let pronoun = self.has(np.head, Class::PRONOUN) || self.is_in(np.head, LISTS.referring);
        let antecedent = if self.is_in(np.head, LISTS.relative_subject) {
            // "…, who believes": the phrase before the comma.
            let k = np.start;
            let before = if k > 0 && self.kind(k - 1) == Some(Kind::Comma) {
                k - 1
            } else {
                k
            };
            self.np_back_ext(before).and_then(|a| {
                (self.classify(&a, true, None).is_some()).then(|| self.span(a.start, a.end))
            })
        } else {
            None
        };
        Cue {
            kind,
            source: self.span(np.start, np.end),
            source_head: Some(np.head),
            construction,
            cue: self.span(cue.start, cue.end),
            phrase: self.span(phrase.start, phrase.end),
            pronoun,
            antecedent,
            at,
            medium: None,
        }
    }

    /// "widely believed", "largely attributed to", "generally considered".
    fn crowd_adverb(&self, i: usize) -> Option<Cue> {
        let t = &self.toks[i];
        if !t.has(Class::CROWD_ADVERB) || t.cap && !self.initial(i) {
            return None;
        }
        let p = i + 1;
        let narrow = self.is_in(i, LISTS.narrow_crowd_adverb);
        let ok = if narrow {
            self.is_in(p, LISTS.narrow_participle)
        } else {
            self.is_in(p, LISTS.crowd_participle)
        };
        if !ok || !self.word(p) {
            return None;
        }
        // A modal before makes it the writer's own hedge ("could be seen").
        let (_, be, modal) = self.skip_back(i);
        if modal {
            return None;
        }
        // An agent named after it answers the question.
        if self.agent_after(p + 1).is_some() {
            return None;
        }
        let mut end = p + 1;
        if (self.is_in(p, LISTS.attribution_participle) && self.word_in(end, LISTS.infinitive))
            || self.word_in(end, LISTS.as_marker)
        {
            end += 1;
        }
        let mut start = i;
        // "It is widely believed": the expletive belongs to the phrase.
        if let Some(b) = be {
            let mut k = b;
            while k > 0 && self.has(k - 1, Class::AUX) {
                k -= 1;
            }
            if k > 0 && self.word_in(k - 1, LISTS.expletive) {
                start = k - 1;
            }
        }
        let span = self.span(start, end);
        Some(Cue {
            kind: SourceKind::Nobody,
            source: span.clone(),
            source_head: None,
            construction: Construction::Agentless,
            cue: self.span(p, p + 1),
            phrase: span,
            pronoun: false,
            antecedent: None,
            at: p,
            medium: None,
        })
    }

    /// "made it clear that", "make clear".
    fn made_clear(&self, i: usize) -> Option<Cue> {
        if !self.is_in(i, LISTS.make_form) {
            return None;
        }
        let end =
            if self.word_in(i + 1, LISTS.expletive) && self.is_in(i + 2, LISTS.clear_adjective) {
                i + 3
            } else if self.is_in(i + 1, LISTS.clear_adjective)
                && self.word_in(i + 2, LISTS.complementizer)
            {
                i + 2
            } else {
                return None;
            };
        let (b, _, _) = self.skip_back(i);
        let np = self.np_back_ext(b)?;
        let kind = self.classify(&np, true, Some(VerbClass::Speech))?;
        Some(self.cue(kind, &np, Construction::Verb, i..end, np.start..end, i))
    }

    /// An agent "by X" within a few words after `from`.
    fn agent_after(&self, from: usize) -> Option<(Np, SourceKind)> {
        let limit = (from + 8).min(self.toks.len());
        let mut k = from;
        while k < limit {
            let t = &self.toks[k];
            if t.kind != Kind::Word || t.quoted {
                return None;
            }
            if self.word_in(k, LISTS.complementizer) {
                return None;
            }
            if self.word_in(k, LISTS.agent_preposition) {
                let np = self.np_forward(k + 1)?;
                let kind = self.classify(&np, false, Some(VerbClass::Speech))?;
                return Some((np, kind));
            }
            k += 1;
        }
        None
    }

    /// Whether "as" (or, with `clause`, as for "consider", "to"/"that")
    /// follows within the clause.
    fn as_follows(&self, from: usize, clause: bool, reach: usize) -> bool {
        let limit = (from + reach).min(self.toks.len());
        for k in from..limit {
            let t = &self.toks[k];
            if t.kind == Kind::Stop || t.kind == Kind::Semicolon {
                return false;
            }
            if t.kind == Kind::Word
                && !t.quoted
                && (self.word_in(k, LISTS.as_marker)
                    || clause
                        && (self.is_in(k, LISTS.infinitive) || self.is_in(k, LISTS.complementizer)))
            {
                return true;
            }
        }
        false
    }

    /// A reporting verb and its subject.
    fn verb_cue(&self, i: usize, earlier: &[Cue]) -> Option<Cue> {
        let t = &self.toks[i];
        let v = t.verb()?;
        if t.cap && !self.initial(i) || t.acronym {
            return None;
        }
        // "was keen to point out", "declined to say": the sentence's
        // speaker, like a participle clause.
        let after_to = i > 0 && self.word_in(i - 1, LISTS.infinitive);
        let infinitive = after_to && v.form == Form::Base;
        if after_to && !infinitive {
            return None;
        }
        if lemma_needs_out(v.lemma) && !self.word_in(i + 1, LISTS.completing_particle) {
            return None;
        }
        if LISTS.transitive.contains(v.lemma)
            && v.form.can_be_participle()
            && self.is_in(i + 1, LISTS.participle_preposition)
        {
            return None;
        }
        // A determiner or possessive before it makes it a noun.
        // ("many interpret", "some say": a quantifier on its own is the
        // subject; "some reports" is a noun phrase.)
        if i > 0
            && ((self.has(i - 1, Class::DET)
                && (!self.has(i - 1, Class::QUANTIFIER) || v.noun_too))
                || self.toks[i - 1].possessive)
        {
            return None;
        }
        let lemma = v.lemma;
        // "the company reports are due", "claims of fraud": a noun.
        if v.noun_too
            && (self.has(i + 1, Class::BE | Class::AUX | Class::MODAL)
                || self.is_in(i + 1, LISTS.noun_follower))
        {
            return None;
        }
        // Verbs that report only with "as" (or a clause) after them.
        let needs_as = if LISTS.needs_as.contains(lemma) {
            Some(false)
        } else if LISTS.needs_as_or_clause.contains(lemma) {
            Some(true)
        } else {
            None
        };
        let reach = if LISTS.near_as.contains(lemma) {
            NEAR_AS_REACH
        } else {
            AS_REACH
        };
        if let Some(clause) = needs_as
            && !self.as_follows(i + 1, clause, reach)
        {
            return None;
        }
        if LISTS.tag_only.contains(lemma)
            && !(i + 1 < self.toks.len()
                && matches!(
                    self.kind(i + 1),
                    Some(Kind::Colon | Kind::Comma | Kind::Stop)
                ))
        {
            // "continued" reports only as a speech tag ("…,” he continued.")
            return None;
        }
        if LISTS.off_cancels.contains(lemma) && self.word_in(i + 1, LISTS.cancelling_particle) {
            return None;
        }
        let construction = if v.class == VerbClass::Label && LISTS.described_as.contains(lemma) {
            Construction::DescribedAs
        } else {
            Construction::Verb
        };
        let (b, be, modal) = self.skip_back(i);
        let passive = be.is_some() && v.form.can_be_participle() && !self.is_progressive(be, i);
        if passive
            || (be.is_none() && v.form.can_be_participle() && self.reduced_passive(b, i, lemma))
        {
            return self.passive_cue(i, b, be, v.lemma);
        }
        // "…, telling reporters": a participle clause speaks for the
        // subject of its sentence.
        if (v.form == Form::Gerund && be.is_none()) || infinitive {
            if !matches!(v.class, VerbClass::Speech | VerbClass::Opinion) {
                return None;
            }
            let prior = earlier.iter().rev().find(|c| {
                matches!(
                    c.kind,
                    SourceKind::Named | SourceKind::Reference | SourceKind::Anonymous
                )
            });
            let clause_start = b > 0 && matches!(self.kind(b - 1), Some(Kind::Comma | Kind::Dash))
                || self.is_in(b.wrapping_sub(1), LISTS.clause_opener);
            // "… attacked the plans saying …": a speech participle after
            // a speaker's clause needs no comma.
            let speech_participle = prior.is_some()
                && v.class == VerbClass::Speech
                && b > 0
                && !self.has(b - 1, Class::DET)
                && !self.toks[b - 1].possessive;
            // "with harbour minister Tomas Reyner telling the council": the
            // name before the participle is its subject. So is any phrase
            // opening an absolute clause ("with port officials warning
            // that …"): the preposition takes a clause, not an object.
            if !infinitive
                && !clause_start
                && v.class == VerbClass::Speech
                && b > 0
                && let Some(np) = self.np_back_ext(b)
                && (self.proper(b - 1)
                    || np.start > 0 && self.word_in(np.start - 1, LISTS.absolute_opener))
                && let Some(kind) = self.classify(&np, true, Some(v.class))
                && kind.is_source()
            {
                let cue_end = self.object_end(i, lemma);
                return Some(self.cue(
                    kind,
                    &np,
                    Construction::Verb,
                    i..cue_end,
                    np.start..cue_end,
                    i,
                ));
            }
            // "a clerk could be heard asking", "aides kept insisting": a
            // participle completing the verb before it shares that verb's
            // subject.
            if !infinitive
                && !clause_start
                && !speech_participle
                && v.class == VerbClass::Speech
                && let Some(c) = self.catenative(b, i, lemma)
            {
                return Some(c);
            }
            if !infinitive && !clause_start && !speech_participle {
                return None;
            }
            let cue_end = self.object_end(i, lemma);
            if let Some(p) = prior {
                let mut c = p.clone();
                c.construction = Construction::Verb;
                c.cue = self.span(i, cue_end);
                c.phrase = c.cue.clone();
                c.at = i;
                c.medium = None;
                return Some(c);
            }
            let np = self.main_subject()?;
            if np.end > i {
                return None;
            }
            let kind = self.classify(&np, v.core, Some(v.class))?;
            if kind == SourceKind::Crowd || kind == SourceKind::Nobody {
                return None;
            }
            return Some(self.cue(kind, &np, Construction::Verb, i..cue_end, i..cue_end, i));
        }
        // "The Valmera Port Authority (VPA) said": skip the brackets.
        let mut b = b;
        if b > 0 && self.kind(b - 1) == Some(Kind::CloseBracket) {
            let mut k = b - 1;
            while k > 0 && self.kind(k) != Some(Kind::OpenBracket) && b - k < 8 {
                k -= 1;
            }
            if self.kind(k) == Some(Kind::OpenBracket) && k > 0 {
                b = k;
            }
        }
        // The subject: before the verb, or after it for "…,” said X".
        let before = b.checked_sub(1).map(|k| self.toks[k].kind);
        let after_quote = b > 0
            && (self.closes[b - 1] || (before == Some(Kind::Comma) && b > 1 && self.closes[b - 2]));
        let np = match before {
            Some(Kind::Word) => {
                if self.is_in(b - 1, LISTS.verb_coordinator) && v.form != Form::Gerund {
                    // "… arrived and said": the first verb's subject.
                    let cue_end = self.object_end(i, lemma);
                    if let Some(prior) = earlier.iter().rev().find(|c| {
                        matches!(
                            c.kind,
                            SourceKind::Named | SourceKind::Reference | SourceKind::Anonymous
                        )
                    }) {
                        let mut c = prior.clone();
                        c.cue = self.span(i, cue_end);
                        c.phrase = c.cue.clone();
                        c.at = i;
                        c.medium = None;
                        c.construction = construction;
                        return Some(c);
                    }
                    let np = self.main_subject().filter(|np| np.end < b)?;
                    let kind = self.classify(&np, v.core, Some(v.class))?;
                    if !kind.is_source() {
                        return None;
                    }
                    return Some(self.cue(kind, &np, construction, i..cue_end, i..cue_end, i));
                }
                let np = self
                    .np_back_ext(b)
                    .map(|np| self.bare_object_relative(np, i));
                self.across_relative(b, np)
            }
            Some(Kind::Comma) if !after_quote => self
                .parenthetical_subject(b - 1)
                .or_else(|| self.inverted(i)),
            Some(Kind::Dash) if !after_quote => {
                self.dash_subject(b - 1).or_else(|| self.inverted(i))
            }
            Some(Kind::Quote | Kind::Comma | Kind::Dash) => self.inverted(i),
            _ => None,
        }?;
        // The object of a preposition is not a subject: "… of the college in
        // Carrow said" reads back to the phrase the prepositions hang on.
        let mut np = np;
        let mut hops = 0;
        let name = self.name_suffix(&np);
        while np.start < i && self.after_preposition(np.start) {
            // "fewer votes than his aides predicted", "after officials
            // said": a preposition that also opens a clause, its phrase
            // right before the verb, heads a clause whose subject that
            // phrase is.
            if np.end == b && self.word_in(np.start - 1, LISTS.clause_preposition) {
                break;
            }
            hops += 1;
            let p = np.start - 1;
            let next = match p.checked_sub(1).map(|k| self.toks[k].kind) {
                Some(Kind::Word) if hops <= 6 => self.np_back_ext(p),
                Some(Kind::Comma) if hops <= 6 => self.parenthetical_subject(p - 1),
                _ => None,
            };
            match (next, &name) {
                // "one of the former aides to the senator said": the
                // partitive's opener is the subject, of the kind of its
                // whole.
                (Some(n), _)
                    if n.start == n.head
                        && n.affiliation.is_none()
                        && self.word_in(p, LISTS.partitive_of)
                        && self.is_in(n.head, LISTS.partitive_opener) =>
                {
                    np = Np {
                        start: n.start,
                        end: np.end,
                        head: n.head,
                        affiliation: Some((np.start, np.head + 1)),
                        anonymity_marker: np.anonymity_marker || self.anonymity_after(np.end),
                    };
                }
                (Some(n), _) => np = n,
                // "Asked about the delays Harbour Board chairwoman Nadia
                // Brandt said": the name at the end of the phrase.
                (None, Some(n)) if hops == 1 => {
                    np = n.clone();
                    break;
                }
                _ => return None,
            }
        }
        let what_x = np.start > 0 && self.word_in(np.start - 1, LISTS.free_relative);
        if v.noun_too && np.end == b && !self.subject_like(&np) && !what_x {
            return None;
        }
        // "a group called Harbour Watch": naming, not reporting.
        if LISTS.naming_verb.contains(lemma)
            && self.is_in(np.start, LISTS.indefinite_article)
            && np.start < i
            && np.affiliation.is_none()
        {
            return None;
        }
        // "a … post", "the report": a bare form after a singular phrase is
        // a noun, not a verb.
        if v.noun_too
            && v.form == Form::Base
            && np.end == b
            && b == i
            && !self.has(np.head, Class::PLURAL)
            && !self.is_in(np.head, LISTS.base_subject)
        {
            return None;
        }
        // A speaker tag after a quotation makes any phrase a speaker.
        let tag = np.start > i && after_quote;
        let kind = self.classify(&np, v.core || tag, Some(v.class))?;
        if kind == SourceKind::Crowd {
            if !LISTS.crowd_claim.contains(lemma) || modal {
                // "people may see": the writer's hypothetical.
                return None;
            }
            // "people are finding", "many have found": experience, not a
            // claim; evidence verbs credit only documents.
            if v.class == VerbClass::Evidence && !self.has(np.head, Class::DOCUMENT) {
                return None;
            }
            // "a website called …": naming, not a view.
            if v.class == VerbClass::Label && self.is_in(np.start, LISTS.indefinite_article) {
                return None;
            }
        }
        // A verb of evidence reports only for documents, people and bodies.
        if v.class == VerbClass::Evidence
            && !self.has(np.head, NOUNS | Class::PRONOUN | Class::QUANTIFIER)
            && kind != SourceKind::Named
        {
            return None;
        }
        if v.class == VerbClass::Label
            && kind == SourceKind::Reference
            && !self.subject_like(&np)
            && !what_x
        {
            return None;
        }
        if !v.core
            && !what_x
            && kind == SourceKind::Reference
            && !self.has(np.head, NOUNS | Class::PRONOUN)
            && !self.is_in(np.head, LISTS.relative_subject)
        {
            return None;
        }
        let construction = if np.start > i {
            Construction::AfterQuote
        } else if np.start > 0 && self.is_in(np.start - 1, LISTS.free_relative) {
            Construction::WhatXCalls
        } else if np.start > 0
            && self.word_in(np.start - 1, LISTS.as_marker)
            && self.initial(np.start - 1)
        {
            Construction::AsXStated
        } else if after_quote {
            Construction::AfterQuote
        } else {
            construction
        };
        let cue_end = self.object_end(i, lemma);
        let (ps, pe) = if np.start > i {
            (i, np.end)
        } else {
            (np.start, cue_end)
        };
        Some(self.cue(kind, &np, construction, i..cue_end, ps..pe, i))
    }

    /// "a clerk could be heard asking", "officials kept insisting": the
    /// speech participle at `i` completes the verb right before it (token
    /// `b - 1`, a verb by the tagger reading the words around it), so its
    /// speaker is that verb's subject, read back across its auxiliaries.
    fn catenative(&self, b: usize, i: usize, lemma: &str) -> Option<Cue> {
        use crate::analysis::language::{Upos, tagger};
        let k = b.checked_sub(1)?;
        if !self.word(k) || self.toks[k].verb().is_some() || self.toks[k].cap {
            return None;
        }
        let from = k.saturating_sub(CATENATIVE_CONTEXT);
        let words: Vec<&str> = self.toks[from..=i]
            .iter()
            .map(|t| t.text(self.text))
            .collect();
        if tagger::english().tag(&words).get(k - from) != Some(&Upos::Verb) {
            return None;
        }
        let (sb, _, _) = self.skip_back(k);
        let np = self.subject_before(sb)?;
        if np.start > 0 && self.after_preposition(np.start) {
            return None;
        }
        let kind = self.classify(&np, true, Some(VerbClass::Speech))?;
        if !kind.is_source() || self.has(np.head, Class::PRONOUN) {
            return None;
        }
        let cue_end = self.object_end(i, lemma);
        Some(self.cue(
            kind,
            &np,
            Construction::Verb,
            i..cue_end,
            np.start..cue_end,
            i,
        ))
    }

    /// "the pier Harbour Board inspectors say was hit", "is now the spot
    /// Port Authority inspectors say the ferry should stop": an object
    /// relative clause with no "that" or "which". The phrase read back from
    /// the verb at `i` runs over the relative's antecedent (a common noun)
    /// into its subject (a phrase opened by a name). When the clause after
    /// the verb has no subject of its own (a verb follows directly), or the
    /// whole phrase is already a verb's complement or a preposition's
    /// object, it cannot be the verb's subject: the subject is the phrase
    /// from the name on. Otherwise ("The harbour Port Authority inspectors
    /// said") it stays one compound. The tagger, reading the words around
    /// it, says whether the word before the name is a noun (the
    /// antecedent's head) and which words are verbs.
    fn bare_object_relative(&self, np: Np, i: usize) -> Np {
        use crate::analysis::language::{Upos, tagger};
        if np.affiliation.is_some() || np.head >= i {
            return np;
        }
        let Some(k) = (np.start + 1..=np.head).find(|&k| {
            self.proper(k)
                && !self.proper(k - 1)
                && !self.toks[k - 1].possessive
                && !self.toks[k - 1].cap
                && !self.toks[k - 1].digit
                && !self.has(k - 1, Class::DET | Class::QUANTIFIER)
        }) else {
            return np;
        };
        if !self.word(i + 1) {
            return np;
        }
        let from = np.start.saturating_sub(RELATIVE_CONTEXT);
        let to = (i + 2).min(self.toks.len());
        let words: Vec<&str> = self.toks[from..to]
            .iter()
            .map(|t| t.text(self.text))
            .collect();
        let tags = tagger::english().tag(&words);
        let antecedent = tags.get(k - 1 - from) == Some(&Upos::Noun);
        let gap = self.has(i + 1, Class::BE | Class::AUX | Class::MODAL)
            || matches!(tags.get(i + 1 - from), Some(Upos::Verb | Upos::Aux));
        // "is now the place officials say …", "searched the pier …": a
        // phrase that is already a verb's complement or a preposition's
        // object is no subject, so the antecedent ends before the name.
        // Adverbs and auxiliaries between ("is now the place …") are
        // stepped over.
        let (p, be, _) = self.skip_back(np.start);
        let taken = self.after_preposition(np.start)
            || be.is_some()
            || (p > from && matches!(tags.get(p - 1 - from), Some(Upos::Verb | Upos::Aux)));
        if antecedent && (gap || taken) {
            Np { start: k, ..np }
        } else {
            np
        }
    }

    /// "An official who spoke on condition of anonymity to discuss the
    /// talks said": when the phrase read back from the verb at `b` is no
    /// speaker or the object of a preposition, and a subject relative
    /// clause ("who" or "which" with its own verb after it) lies between,
    /// the subject is the phrase the clause qualifies. An object relative
    /// ("the deal which officials say") keeps its own subject.
    fn across_relative(&self, b: usize, np: Option<Np>) -> Option<Np> {
        let from = np.as_ref().map_or(b, |n| n.start);
        // A phrase the lexicon does not know as a speaker ("the talks")
        // speaks only because a core verb lets any phrase speak.
        let own = np.as_ref().is_some_and(|n| {
            !self.after_preposition(n.start)
                && match self.classify(n, true, None) {
                    Some(SourceKind::Named | SourceKind::Anonymous) => true,
                    Some(SourceKind::Reference) => {
                        self.has(n.head, NOUNS | Class::PRONOUN)
                            || self.is_in(n.head, LISTS.referring)
                    }
                    _ => false,
                }
        });
        if own {
            return np;
        }
        let limit = from.saturating_sub(RELATIVE_REACH);
        let mut k = from;
        while k > limit {
            k -= 1;
            if !self.word(k) {
                return np;
            }
            if self.is_in(k, LISTS.relative_subject) {
                if k + 1 >= from {
                    return np;
                }
                let Some(outer) = self.np_back_ext(k) else {
                    return np;
                };
                let pronoun = self.has(outer.head, Class::PRONOUN);
                return match self.classify(&outer, true, None) {
                    Some(kind) if kind.is_source() && !pronoun => Some(outer),
                    _ => np,
                };
            }
        }
        np
    }

    /// Whether the word before token `start` is a preposition (so a phrase
    /// starting there is its object). "As" opening a clause ("As Reyner
    /// stated") is not one.
    fn after_preposition(&self, start: usize) -> bool {
        let Some(k) = start.checked_sub(1) else {
            return false;
        };
        if !self.word(k) {
            return false;
        }
        if self.word_in(k, LISTS.as_marker) {
            return !(self.initial(k)
                || k > 0 && self.kind(k - 1) == Some(Kind::Comma)
                || k > 0 && self.is_in(k - 1, LISTS.coordinator));
        }
        self.is_in(k, LISTS.preposition)
    }

    /// The name a phrase ends with, with the titles before it ("Harbour Board
    /// chairwoman Nadia Brandt"), when the phrase starts with other words.
    fn name_suffix(&self, np: &Np) -> Option<Np> {
        if !self.proper(np.head) {
            return None;
        }
        // "Speaking in Carrow Ms Brandt": a title starts the name.
        if let Some(t) = (np.start + 1..np.head).find(|&k| self.is_in(k, LISTS.name_title)) {
            return Some(Np {
                start: t,
                end: np.end,
                head: np.head,
                affiliation: None,
                anonymity_marker: false,
            });
        }
        let mut start = np.head;
        while start > np.start
            && (self.proper(start - 1)
                || self.has(start - 1, Class::ROLE)
                || self.toks[start - 1].text(self.text).contains('-') && !self.toks[start - 1].cap)
        {
            start -= 1;
        }
        (start > np.start).then_some(Np {
            start,
            end: np.end,
            head: np.head,
            affiliation: None,
            anonymity_marker: false,
        })
    }

    /// "was warning": a form of "be" before a gerund is progressive.
    fn is_progressive(&self, be: Option<usize>, i: usize) -> bool {
        be.is_some() && self.toks[i].verb().is_some_and(|v| v.form == Form::Gerund)
    }

    /// "a move seen as", "both labelled by Washington as": a participle
    /// after a noun or a comma, with "as" or an agent after it.
    fn reduced_passive(&self, b: usize, i: usize, lemma: &str) -> bool {
        if b == 0 {
            return false;
        }
        let prev = &self.toks[b - 1];
        if prev.has(Class::AUX) {
            return false;
        }
        let after_noun = prev.kind == Kind::Word
            && !prev.has(Class::PRONOUN)
            && (self.has(b - 1, NOUNS) || !self.proper(b - 1) && prev.verb().is_none())
            && !self.subject_like_single(b - 1);
        let after_comma = prev.kind == Kind::Comma;
        if !(after_noun || after_comma) {
            return false;
        }
        let as_verb = LISTS.as_participle.contains(lemma);
        (as_verb && self.word_in(i + 1, LISTS.as_marker))
            || self.word_in(i + 1, LISTS.agent_preposition)
    }

    /// A bare token that is a plausible subject ("Washington", "she").
    fn subject_like_single(&self, k: usize) -> bool {
        self.has(k, Class::PRONOUN) || (self.proper(k) && !self.toks[k].possessive)
    }

    /// Whether a phrase before a noun-or-verb form is a subject rather than
    /// a modifier ("the company reports" vs "progress reports").
    fn subject_like(&self, np: &Np) -> bool {
        self.proper(np.head)
            || self.has(np.head, NOUNS | Class::PRONOUN | Class::QUANTIFIER)
            || self.is_in(np.head, LISTS.relative_subject)
    }

    /// A passive reporting verb: with its agent, an attribution; without,
    /// an agentless phrase when the verb is one that credits a view.
    fn passive_cue(&self, i: usize, b: usize, be: Option<usize>, lemma: &str) -> Option<Cue> {
        let (_, _, modal) = self.skip_back(i);
        if let Some((np, kind)) = self.agent_after(i + 1) {
            let construction = if kind == SourceKind::Crowd {
                // "seen by many as": a crowd for agent credits no one; for
                // other verbs ("highlighted by progress reports") the agent
                // is not a source at all.
                if !LISTS.crowd_agent_verb.contains(lemma) {
                    return None;
                }
                Construction::Agentless
            } else {
                Construction::Passive
            };
            let start = be.unwrap_or(i);
            return Some(self.cue(kind, &np, construction, i..i + 1, start..np.end, i));
        }
        // "can be seen as", "will be seen as": the writer's own reading.
        if modal || (b..i).any(|k| self.word_in(k, LISTS.future)) {
            return None;
        }
        let next_to = self.word_in(i + 1, LISTS.infinitive);
        let next_that = self.word_in(i + 1, LISTS.complementizer);
        let next_as = self.word_in(i + 1, LISTS.as_marker);
        // The expletive subject: "It is believed", "it has been reported".
        let expletive = be.and_then(|bk| {
            let mut k = bk;
            while k > 0 && self.has(k - 1, Class::AUX) {
                k -= 1;
            }
            if k > 0
                && self.word_in(k - 1, LISTS.expletive)
                && !self.is_in(k.saturating_sub(2), LISTS.free_relative)
            {
                Some(k - 1)
            } else {
                None
            }
        });
        let weasel = if LISTS.agentless_clause.contains(lemma) {
            (be.is_some() && (next_to || next_that || expletive.is_some()))
                && !(LISTS.expletive_only.contains(lemma) && expletive.is_none())
        } else if LISTS.agentless_as.contains(lemma) {
            next_as
        } else if LISTS.needs_as_or_clause.contains(lemma) {
            be.is_some() && (self.to_be(i + 1) || next_as || self.is_in(i + 1, LISTS.rank_opener))
        } else if LISTS.agentless_as_passive.contains(lemma) {
            be.is_some() && next_as
        } else {
            false
        };
        if !weasel {
            return None;
        }
        // The phrase: from the adverbs before the participle (and "It is"
        // for an expletive) to "as".
        let mut start = i;
        while start > b && self.is_adverb(start - 1) {
            start -= 1;
        }
        if be.is_some() {
            // "is said to", "has long been described as".
            start = b;
        }
        if let Some(e) = expletive {
            start = e;
        }
        let end = if next_as || next_to { i + 2 } else { i + 1 };
        let span = self.span(start, end);
        Some(Cue {
            kind: SourceKind::Nobody,
            source: span.clone(),
            source_head: None,
            construction: Construction::Agentless,
            cue: self.span(i, i + 1),
            phrase: span,
            pronoun: false,
            antecedent: None,
            at: i,
            medium: None,
        })
    }

    /// Where a reporting verb's short object ends: "told reporters", "told
    /// the BBC".
    fn object_end(&self, i: usize, lemma: &str) -> usize {
        if lemma_needs_out(lemma) {
            return i + 2;
        }
        if !LISTS.audience_verb.contains(lemma) {
            return i + 1;
        }
        let mut e = i + 1;
        if self.has(e, Class::DET) {
            e += 1;
        }
        let start = e;
        while e < self.toks.len()
            && e < start + 4
            && (self.proper(e) || self.is_in(e, LISTS.audience))
        {
            e += 1;
        }
        if e == start { i + 1 } else { e }
    }

    /// "Ana Ruiz, chief economist at Norte Capital, said": the phrase before the
    /// parenthetical, or the parenthetical when it names the speaker.
    fn parenthetical_subject(&self, comma: usize) -> Option<Np> {
        // The opening comma of the parenthetical.
        let mut k = comma;
        let limit = comma.saturating_sub(25);
        let open = loop {
            if k == 0 || k <= limit {
                return None;
            }
            k -= 1;
            if self.closes[k] {
                // "“…,” Omar Pell, from the association, told …": the
                // phrase after the quotation.
                return self.np_forward(k + 1).filter(|np| np.end <= comma);
            }
            match self.toks[k].kind {
                Kind::Comma if !self.toks[k].quoted => break k,
                Kind::Word if !self.toks[k].quoted => {}
                Kind::Dash | Kind::OpenBracket | Kind::CloseBracket | Kind::Colon => {}
                _ => return None,
            }
        };
        let inner = open + 1;
        let before = self.np_back_ext(open);
        if self.is_in(inner, LISTS.relative_opener)
            || self.has(inner, Class::STOP) && !self.is_in(inner, LISTS.listing_opener)
            || self.is_in(inner, LISTS.aside_participle)
        {
            return before;
        }
        if self.is_in(inner, LISTS.group_opener) {
            let named = (inner..comma).any(|i| self.proper(i));
            return before.map(|mut np| {
                if named {
                    np.affiliation = Some((inner, comma));
                }
                np
            });
        }
        let appos = self
            .np_forward(inner)
            .filter(|np| np.end == comma || np.end + 1 >= comma);
        match (before, appos) {
            (Some(b), Some(a)) => {
                let bk = self.classify(&b, true, None);
                let ak = self.classify(&a, true, None);
                if ak == Some(SourceKind::Named) && bk != Some(SourceKind::Named) {
                    Some(a)
                } else if bk.is_some() {
                    Some(b)
                } else {
                    Some(a)
                }
            }
            (b, a) => b.or(a),
        }
    }

    /// "Tidewell - which runs four ferries - said": the phrase before the dashes.
    fn dash_subject(&self, dash: usize) -> Option<Np> {
        let limit = dash.saturating_sub(30);
        let mut k = dash;
        while k > limit {
            k -= 1;
            match self.toks[k].kind {
                Kind::Dash => return self.np_back_ext(k),
                Kind::Stop | Kind::Semicolon | Kind::Quote => return None,
                _ => {}
            }
        }
        None
    }

    /// "the agency quoted one broker as saying", "X was quoted as saying".
    fn quoted_as(&self, i: usize) -> Option<Cue> {
        if !self.is_in(i, LISTS.quoting_verb) {
            return None;
        }
        let limit = (i + 14).min(self.toks.len());
        let a = (i + 1..limit).find(|&k| {
            self.word_in(k, LISTS.as_marker) && self.is_in(k + 1, LISTS.quoted_as_participle)
        })?;
        let cue_end = a + 2;
        let (b, be, _) = self.skip_back(i);
        if a == i + 1 {
            // "X was quoted as saying": the subject speaks.
            be?;
            let np = self.subject_before(b)?;
            let kind = self.classify(&np, true, Some(VerbClass::Speech))?;
            return Some(self.cue(
                kind,
                &np,
                Construction::Verb,
                i..cue_end,
                np.start..cue_end,
                i,
            ));
        }
        let np = self.np_forward(i + 1)?;
        if np.end > a {
            return None;
        }
        let kind = self.classify(&np, true, Some(VerbClass::Speech))?;
        let mut c = self.cue(kind, &np, Construction::Verb, i..cue_end, i..cue_end, i);
        // The outlet that quoted them is where it was said.
        if let Some(outlet) = self.np_back_ext(b) {
            c.medium = Some(self.span(outlet.start, outlet.end));
        }
        Some(c)
    }

    /// The subject before token `b` (exclusive), across a parenthetical.
    fn subject_before(&self, b: usize) -> Option<Np> {
        match b.checked_sub(1).map(|k| self.toks[k].kind) {
            Some(Kind::Word) => self.np_back_ext(b),
            Some(Kind::Comma) => self.parenthetical_subject(b - 1),
            Some(Kind::Dash) => self.dash_subject(b - 1),
            _ => None,
        }
    }

    /// "It issued a statement that …", "the ministry released a report":
    /// a statement made by the subject.
    fn issued_statement(&self, i: usize) -> Option<Cue> {
        if !self.is_in(i, LISTS.issue_verb) {
            return None;
        }
        let limit = (i + 4).min(self.toks.len());
        let noun = (i + 1..limit)
            .find(|&k| self.has(k, Class::REPORT_NOUN | Class::MEDIUM) && !self.toks[k].quoted)?;
        if (i + 1..noun).any(|k| !self.word(k) || self.has(k, Class::STOP)) {
            return None;
        }
        let (b, _, _) = self.skip_back(i);
        let np = self.subject_before(b)?;
        if np.start < i && self.after_preposition(np.start) {
            return None;
        }
        let kind = self.classify(&np, true, Some(VerbClass::Speech))?;
        if !kind.is_source() {
            return None;
        }
        Some(self.cue(
            kind,
            &np,
            Construction::Verb,
            i..noun + 1,
            np.start..noun + 1,
            i,
        ))
    }

    /// "…,” said the minister": the speaker after the verb.
    fn inverted(&self, i: usize) -> Option<Np> {
        let v = self.toks[i].verb()?;
        if v.form == Form::Gerund {
            return None;
        }
        // After a quotation any reporting verb can lead ("…,” thinks
        // Curry); otherwise only speech ("…, said the minister").
        let after_quote = (1..=2).any(|d| i >= d && self.closes[i - d]);
        if v.class != VerbClass::Speech && !after_quote {
            return None;
        }
        let np = self.np_forward(i + 1)?;
        if self.has(np.head, Class::PRONOUN) && !self.is_in(np.head, LISTS.third_person) {
            return None;
        }
        Some(np)
    }

    /// "his claim that", "Reyner’s warning", "a statement from the ministry".
    fn report_noun(&self, i: usize) -> Option<Cue> {
        let t = &self.toks[i];
        if !t.has(Class::REPORT_NOUN) || t.cap && !self.initial(i) {
            return None;
        }
        // Possessor before: "his claim", "the ministry’s repeated warning".
        let mut k = i;
        for _ in 0..3 {
            if k == 0 {
                break;
            }
            k -= 1;
            if !self.word(k) {
                break;
            }
            let p = &self.toks[k];
            if p.possessive {
                let np = self.np_back(k + 1)?;
                let kind = self.classify(&np, true, None)?;
                return Some(self.cue(
                    kind,
                    &np,
                    Construction::ReportingNoun,
                    i..i + 1,
                    np.start..i + 1,
                    i,
                ));
            }
            if self.is_in(k, LISTS.third_possessive) {
                let np = single(k);
                return Some(Cue {
                    pronoun: true,
                    ..self.cue(
                        SourceKind::Reference,
                        &np,
                        Construction::ReportingNoun,
                        i..i + 1,
                        k..i + 1,
                        i,
                    )
                });
            }
            if p.has(Class::DET | Class::STOP) {
                break;
            }
        }
        // Owner after: "a statement from the ministry", "the words of X".
        if self.is_in(i + 1, LISTS.owner_preposition) {
            let np = self.np_forward(i + 2)?;
            let kind = self.classify(&np, false, Some(VerbClass::Speech))?;
            if matches!(kind, SourceKind::Crowd | SourceKind::Nobody)
                || self.has(np.head, Class::PRONOUN)
            {
                return None;
            }
            return Some(self.cue(
                kind,
                &np,
                Construction::ReportingNoun,
                i..i + 1,
                i..np.end,
                i,
            ));
        }
        None
    }

    /// "Vasquez: “We lost steering”": a name, a colon and a quotation.
    fn colon_intro(&self, i: usize) -> Option<Cue> {
        if self.kind(i + 1) != Some(Kind::Colon) || !self.opens.get(i + 2).copied().unwrap_or(false)
        {
            return None;
        }
        let np = self.np_back_ext(i + 1)?;
        let kind = self.classify(&np, false, Some(VerbClass::Speech))?;
        if kind != SourceKind::Named {
            return None;
        }
        Some(self.cue(
            kind,
            &np,
            Construction::BeforeQuote,
            i + 1..i + 2,
            np.start..i + 2,
            i,
        ))
    }
}

/// Nouns the lexicon knows as speakers or documents.
const NOUNS: Class = Class::CROWD
    .union(Class::PROFESSION)
    .union(Class::ANONYMOUS)
    .union(Class::ROLE)
    .union(Class::BODY)
    .union(Class::DOCUMENT);

/// Words that end a run of modifiers before a head noun: function words
/// (conjunctions, prepositions, auxiliaries, modals, relatives, pronouns)
/// and time words. A compound's head is also not read past a determiner.
const FUNCTION_WORDS: Class = Class::STOP
    .union(Class::BE)
    .union(Class::AUX)
    .union(Class::MODAL)
    .union(Class::RELATIVE)
    .union(Class::PRONOUN)
    .union(Class::TIME);

/// Phrasal verbs: "point out".
fn lemma_needs_out(lemma: &str) -> bool {
    LISTS.needs_out.contains(lemma)
}

/// Lower-case words read ahead for the head of a compound noun ("law
/// enforcement official"): two modifiers and the head cover the compounds
/// of news roles; more would run into the verb's object.
const COMPOUND_REACH: usize = 3;
/// Tokens the tagger reads to class a sentence's first word: the word and
/// the three after it give its context features (the next two words) and
/// settle a title-case line.
const FIRST_WORD_CONTEXT: usize = 4;
/// Tokens a bracketed tag after a name may hold ("(D)", "(R-Texas)",
/// "(D-N.Y.)"): longer brackets are asides, not tags.
const BRACKET_TAG_REACH: usize = 6;
/// Tokens back from a verb searched for a subject relative clause between
/// it and its subject ("an official who spoke on condition of anonymity to
/// discuss the talks said"): a relative clause of a dozen words fits.
const RELATIVE_REACH: usize = 14;
/// Tokens before a verb the tagger reads with it to say whether it is a
/// verb a participle completes ("could be heard asking"): its auxiliaries
/// and subject.
const CATENATIVE_CONTEXT: usize = 4;
/// Words read before a phrase when the tagger classes the words of a bare
/// object relative ([`Sentence::bare_object_relative`]).
const RELATIVE_CONTEXT: usize = 4;
/// Tokens after a verb that needs "as" within which the "as" is looked for
/// ("described the new harbour plan as"): a verb and its object fit.
const AS_REACH: usize = 12;
/// The same for a verb whose "as" must follow closely ("seen as"): "saw the
/// report of the port inspectors as" is seeing, not a view.
const NEAR_AS_REACH: usize = 6;

fn single(i: usize) -> Np {
    Np {
        start: i,
        end: i + 1,
        head: i,
        affiliation: None,
        anonymity_marker: false,
    }
}

/// Whether `word` is in `set` (lower-case words), in any case; a word
/// already in lower case is looked up without a copy.
fn in_any_case(word: &str, set: &HashSet<&'static str>) -> bool {
    if word.bytes().any(|b| b.is_ascii_uppercase()) {
        // Lowered on the stack: this runs for every capitalised word of
        // every sentence, several times over.
        let mut buf = [0u8; 32];
        match buf.get_mut(..word.len()) {
            Some(out) => {
                out.copy_from_slice(word.as_bytes());
                out.make_ascii_lowercase();
                std::str::from_utf8(out).is_ok_and(|w| set.contains(w))
            }
            None => set.contains(word.to_ascii_lowercase().as_str()),
        }
    } else {
        set.contains(word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_found_in_any_case() {
        let mut set = HashSet::default();
        let long = "w".repeat(40);
        set.insert("according");
        set.insert(&*long.leak());
        for w in ["according", "According", "ACCORDING", "aCcOrDiNg"] {
            assert!(in_any_case(w, &set), "{w}");
        }
        // Longer than the stack buffer: lowered on the heap.
        assert!(in_any_case(&"W".repeat(40), &set));
        assert!(in_any_case(&"w".repeat(40), &set));
        for w in ["Accordingly", "", "ÁCCORDING", "according "] {
            assert!(!in_any_case(w, &set), "{w}");
        }
    }
}
