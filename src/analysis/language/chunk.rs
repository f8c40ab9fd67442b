//! Base noun phrases read from part-of-speech tags: a run of determiners,
//! numbers, adjectives (with the adverbs that modify them, "nearly two"),
//! participles after a determiner ("the United States"), nouns and
//! possessive "'s", ending in its head noun, proper noun, pronoun or
//! number ("the city's new budget", "Donald Trump", "three people").
//! Non-recursive, as CoNLL-2000 chunks are: "the mayor of the city" is two.
//!
//! Measured against base noun phrases derived from treebank dependencies
//! ([`gold_noun_phrases`]) by `tests/language_tagger.rs`.

use std::ops::Range;

use super::conllu::Sentence;
use super::tagger::Upos;

/// Whether a word tagged `t` can stand inside a base noun phrase.
fn inside(t: Upos) -> bool {
    matches!(
        t,
        Upos::Det | Upos::Num | Upos::Adj | Upos::Noun | Upos::Propn | Upos::Pron
    )
}

/// Whether a phrase can go on at word `k`.
fn continues(tags: &[Upos], k: usize) -> bool {
    match tags.get(k) {
        Some(Upos::Adv) => matches!(tags.get(k + 1), Some(Upos::Adj | Upos::Num)),
        Some(t) => inside(*t),
        None => false,
    }
}

fn head(t: Upos) -> bool {
    matches!(t, Upos::Noun | Upos::Propn | Upos::Pron | Upos::Num)
}

/// The base noun phrases of a tagged sentence, as ranges of word indexes.
/// `words` gives the forms, used only for the possessive "'s" and the
/// hyphen of compounds.
pub fn noun_phrases<S: AsRef<str>>(words: &[S], tags: &[Upos]) -> Vec<Range<usize>> {
    let n = tags.len().min(words.len());
    let mut out = Vec::new();
    let mut i = 0;
    while i < n {
        if !(inside(tags[i])
            || tags[i] == Upos::Adv && i + 1 < n && matches!(tags[i + 1], Upos::Adj | Upos::Num))
        {
            i += 1;
            continue;
        }
        let start = i;
        let mut last_head = None;
        let mut j = i;
        while j < n {
            let t = tags[j];
            let w = words[j].as_ref();
            let ok = if t == Upos::Pron {
                // A pronoun ends a phrase ("they") unless it is a possessive
                // before its noun ("their budget").
                last_head = Some(j);
                j += 1;
                if j < n && matches!(tags[j], Upos::Noun | Upos::Adj | Upos::Num | Upos::Propn) {
                    continue;
                }
                break;
            } else if t == Upos::Det && j > start {
                false
            } else if inside(t) {
                true
            } else if t == Upos::Adv {
                j + 1 < n && matches!(tags[j + 1], Upos::Adj | Upos::Num)
            } else if t == Upos::Verb {
                // A participle before its noun, after a determiner: "the
                // United States", "a damaged bridge".
                last_head.is_none()
                    && j > start
                    && tags[start] == Upos::Det
                    && j + 1 < n
                    && matches!(tags[j + 1], Upos::Noun | Upos::Propn)
            } else if t == Upos::Part && matches!(w, "'s" | "’s" | "'" | "’") {
                // Possessive: the phrase goes on with the possessed noun.
                j > start && continues(tags, j + 1)
            } else if t == Upos::Punct && w == "-" {
                j > start && continues(tags, j + 1)
            } else {
                false
            };
            if !ok {
                break;
            }
            if head(t) {
                last_head = Some(j);
            }
            j += 1;
        }
        match last_head {
            Some(h) => {
                out.push(start..h + 1);
                i = h + 1;
            }
            None => i = j.max(start + 1),
        }
    }
    out
}

/// Base noun phrases of a treebank sentence: each noun, proper noun or
/// pronoun with its determiners, possessors, adjectival, numeric and
/// compound modifiers (with their own words) and flat name parts; phrases
/// inside others are dropped.
pub fn gold_noun_phrases(s: &Sentence) -> Vec<Range<usize>> {
    let n = s.words.len();
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, w) in s.words.iter().enumerate() {
        if w.head >= 1 && w.head <= n {
            children[w.head - 1].push(i);
        }
    }
    let subtree = |root: usize| -> Range<usize> {
        let (mut lo, mut hi) = (root, root);
        let mut stack = vec![root];
        let mut seen = 0;
        while let Some(x) = stack.pop() {
            seen += 1;
            if seen > n {
                break;
            }
            lo = lo.min(x);
            hi = hi.max(x);
            stack.extend(&children[x]);
        }
        lo..hi + 1
    };
    let mut spans: Vec<Range<usize>> = Vec::new();
    for (h, w) in s.words.iter().enumerate() {
        if !matches!(w.upos, Upos::Noun | Upos::Propn | Upos::Pron)
            || w.deprel == "flat"
            || w.deprel == "compound"
        {
            continue;
        }
        let (mut lo, mut hi) = (h, h);
        for &c in &children[h] {
            let rel = s.words[c].deprel.split(':').next().unwrap_or("");
            let full = &s.words[c].deprel;
            let take = match rel {
                "det" | "amod" | "nummod" | "compound" => c < h,
                "nmod" => full == "nmod:poss" && c < h,
                "flat" => true,
                _ => false,
            };
            if take {
                let r = subtree(c);
                lo = lo.min(r.start);
                hi = hi.max(r.end - 1);
            }
        }
        spans.push(lo..hi + 1);
    }
    // Keep the outermost phrases.
    let all = spans.clone();
    spans.retain(|a| {
        !all.iter()
            .any(|b| b != a && b.start <= a.start && a.end <= b.end)
    });
    spans.sort_by_key(|r| (r.start, r.end));
    spans.dedup();
    spans
}

/// The subject of the verb at word `verb`, as one of `chunks`: the
/// noun phrase right before it (only auxiliaries, adverbs and particles
/// may stand between; a relative pronoun is its own phrase), or, for a
/// verb that opens its clause after a quotation or a comma ("…," said the
/// minister), the noun phrase right after it. Heads derived from chunks,
/// not a parse: the speaker of a reporting verb is its subject.
pub fn subject_of<S: AsRef<str>>(
    words: &[S],
    tags: &[Upos],
    chunks: &[Range<usize>],
    verb: usize,
) -> Option<Range<usize>> {
    let n = tags.len().min(words.len());
    if verb >= n {
        return None;
    }
    // Backwards over the verb's own auxiliaries and adverbs.
    let mut j = verb;
    while j > 0 && matches!(tags[j - 1], Upos::Aux | Upos::Adv | Upos::Part) {
        j -= 1;
    }
    if let Some(c) = chunks.iter().find(|c| c.end == j) {
        return Some(c.clone());
    }
    // Inverted: a verb right after closing punctuation takes the phrase
    // that follows it.
    let opens_clause = j == 0 || tags[j - 1] == Upos::Punct;
    if opens_clause && let Some(c) = chunks.iter().find(|c| c.start == verb + 1) {
        return Some(c.clone());
    }
    None
}

/// Precision, recall and F1 of exact phrase matches.
#[derive(Clone, Copy, Debug, Default)]
pub struct ChunkScore {
    pub predicted: usize,
    pub gold: usize,
    pub matched: usize,
}

impl ChunkScore {
    pub fn add(&mut self, predicted: &[Range<usize>], gold: &[Range<usize>]) {
        self.predicted += predicted.len();
        self.gold += gold.len();
        self.matched += predicted.iter().filter(|p| gold.contains(p)).count();
    }
    pub fn precision(&self) -> f64 {
        self.matched as f64 / self.predicted.max(1) as f64
    }
    pub fn recall(&self) -> f64 {
        self.matched as f64 / self.gold.max(1) as f64
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Upos::*;

    fn phrases(words: &[&str], tags: &[Upos]) -> Vec<String> {
        noun_phrases(words, tags)
            .into_iter()
            .map(|r| words[r].join(" "))
            .collect()
    }

    #[test]
    fn reads_base_noun_phrases() {
        let w = [
            "the", "city", "'s", "very", "new", "budget", "rose", "by", "three", "million",
            "dollars",
        ];
        let t = [Det, Noun, Part, Adv, Adj, Noun, Verb, Adp, Num, Num, Noun];
        assert_eq!(
            phrases(&w, &t),
            ["the city 's very new budget", "three million dollars"]
        );
        let w = ["they", "told", "their", "staff", "about", "Donald", "Trump"];
        let t = [Pron, Verb, Pron, Noun, Adp, Propn, Propn];
        assert_eq!(phrases(&w, &t), ["they", "their staff", "Donald Trump"]);
        let w = ["the", "big", "of", "it"];
        assert_eq!(phrases(&w, &[Det, Adj, Adp, Pron]), ["it"]);
        assert!(noun_phrases::<&str>(&[], &[]).is_empty());
        assert!(noun_phrases(&["a"], &[]).is_empty());
    }

    #[test]
    fn subjects_before_and_after_the_verb() {
        let w = ["the", "minister", "has", "already", "said", "it"];
        let t = [Det, Noun, Aux, Adv, Verb, Pron];
        let c = noun_phrases(&w, &t);
        assert_eq!(subject_of(&w, &t, &c, 4), Some(0..2));
        let w = ["\"", "No", ",", "\"", "said", "the", "mayor", "."];
        let t = [Punct, Intj, Punct, Punct, Verb, Det, Noun, Punct];
        let c = noun_phrases(&w, &t);
        assert_eq!(subject_of(&w, &t, &c, 4), Some(5..7));
        assert_eq!(subject_of(&w, &t, &c, 99), None);
    }

    #[test]
    fn gold_phrases_from_dependencies() {
        let text = "1\tThe\tthe\tDET\t_\t_\t3\tdet\t_\t_\n2\tnew\tnew\tADJ\t_\t_\t3\tamod\t_\t_\n3\tbudget\tbudget\tNOUN\t_\t_\t4\tnsubj\t_\t_\n4\trose\trise\tVERB\t_\t_\t0\troot\t_\t_\n5\tin\tin\tADP\t_\t_\t6\tcase\t_\t_\n6\tParis\tParis\tPROPN\t_\t_\t4\tobl\t_\t_\n\n";
        let s = &super::super::conllu::parse(text)[0];
        assert_eq!(gold_noun_phrases(s), [0..3, 5..6]);
    }
}
