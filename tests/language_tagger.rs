//! The shipped part-of-speech model and lemma table, measured on treebank
//! text held out of their training: six GUM news documents and the EWT
//! test split (skipped without `../shared`).

mod common;

use factline::analysis::language::conllu::{self, Sentence};
use factline::analysis::language::lemma;
use factline::analysis::language::tagger::{self, HELD_OUT_NEWS};

fn held_out_news() -> Option<Vec<Sentence>> {
    let dir = common::shared("corpora/ud-treebanks/en-gum")?;
    let mut out = Vec::new();
    for name in HELD_OUT_NEWS {
        let text =
            std::fs::read_to_string(dir.join(format!("{name}.conllu"))).expect("held-out document");
        out.extend(conllu::parse(&text));
    }
    Some(out)
}

fn ewt_test() -> Option<Vec<Sentence>> {
    let path = common::shared("corpora/ud-treebanks/en-ewt/en_ewt-ud-test.conllu")?;
    Some(conllu::parse(
        &std::fs::read_to_string(path).expect("EWT test"),
    ))
}

#[test]
fn shipped_model_is_loaded() {
    assert!(tagger::english().is_trained());
    let words = [
        "The", "minister", "said", "on", "Monday", "prices", "rose", "3.5", "%", ".",
    ];
    let tags: Vec<&str> = tagger::english()
        .tag(&words)
        .iter()
        .map(|t| t.as_str())
        .collect();
    assert_eq!(
        tags,
        [
            "DET", "NOUN", "VERB", "ADP", "PROPN", "NOUN", "VERB", "NUM", "SYM", "PUNCT"
        ]
    );
}

#[test]
fn upos_accuracy_on_held_out_gum_news() {
    let Some(sentences) = held_out_news() else {
        return;
    };
    let acc = tagger::evaluate(tagger::english(), &sentences);
    eprintln!(
        "held-out GUM news: UPOS {:.2}% of {} words, PROPN recall {:.2}% of {}",
        100.0 * acc.overall(),
        acc.words,
        100.0 * acc.propn_recall(),
        acc.propn
    );
    assert!(acc.words > 5000);
    assert!(acc.overall() >= 0.95, "{acc:?}");
    assert!(acc.propn_recall() >= 0.92, "{acc:?}");
}

#[test]
fn upos_accuracy_on_ewt_test() {
    let Some(sentences) = ewt_test() else { return };
    let acc = tagger::evaluate(tagger::english(), &sentences);
    eprintln!(
        "EWT test: UPOS {:.2}% of {} words, PROPN recall {:.2}% of {}",
        100.0 * acc.overall(),
        acc.words,
        100.0 * acc.propn_recall(),
        acc.propn
    );
    assert!(acc.words > 25000);
    assert!(acc.overall() >= 0.92, "{acc:?}");
}

#[test]
fn lemma_accuracy_on_held_out_gum_news() {
    let Some(sentences) = held_out_news() else {
        return;
    };
    let (mut n, mut ok) = (0, 0);
    for w in sentences.iter().flat_map(|s| &s.words) {
        n += 1;
        let got = lemma::lemma(&w.form, w.upos);
        ok += usize::from(got.to_lowercase() == w.lemma.to_lowercase());
    }
    let share = ok as f64 / n as f64;
    eprintln!(
        "held-out GUM news: lemma {:.2}% of {n} (gold tags)",
        100.0 * share
    );
    assert!(share >= 0.97, "{share}");
}

#[test]
fn noun_phrase_chunks_on_held_out_gum_news() {
    use factline::analysis::language::chunk::{ChunkScore, gold_noun_phrases, noun_phrases};
    let Some(sentences) = held_out_news() else {
        return;
    };
    let (mut predicted_tags, mut gold_tags) = (ChunkScore::default(), ChunkScore::default());
    for s in &sentences {
        let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
        let gold = gold_noun_phrases(s);
        let tags = tagger::english().tag(&forms);
        predicted_tags.add(&noun_phrases(&forms, &tags), &gold);
        let gold_t: Vec<_> = s.words.iter().map(|w| w.upos).collect();
        gold_tags.add(&noun_phrases(&forms, &gold_t), &gold);
    }
    for (name, c) in [("tagger's tags", predicted_tags), ("gold tags", gold_tags)] {
        eprintln!(
            "held-out GUM news, base NP chunks from {name}: P {:.2}% R {:.2}% F1 {:.2}% ({} gold)",
            100.0 * c.precision(),
            100.0 * c.recall(),
            100.0 * c.f1(),
            c.gold
        );
    }
    assert!(predicted_tags.f1() >= 0.80, "{predicted_tags:?}");
}

/// The `# text =` lines of a CoNLL-U file, in blocks of `n` sentences.
fn text_blocks(conllu: &str, n: usize) -> Vec<String> {
    let lines: Vec<&str> = conllu
        .lines()
        .filter_map(|l| l.strip_prefix("# text = "))
        .collect();
    lines.chunks(n).map(|c| c.join(" ")).collect()
}

#[test]
fn language_detection_on_treebank_text() {
    use factline::analysis::language::{Lang, detect};
    let Some(root) = common::shared("corpora/ud-treebanks") else {
        return;
    };
    // EWT's web text has many one-line fragments ("Thanks!", lists of
    // names) that are rightly left unknown, hence the lower bar there.
    for (path, lang, min_right) in [
        ("es-gsd/es_gsd-ud-test.conllu", Lang::Spanish, 0.95),
        ("en-ewt/en_ewt-ud-test.conllu", Lang::English, 0.90),
    ] {
        let text = std::fs::read_to_string(root.join(path)).expect("treebank");
        // Three sentences: about a short paragraph.
        let blocks = text_blocks(&text, 3);
        let right = blocks.iter().filter(|b| detect(b) == lang).count();
        let wrong = blocks
            .iter()
            .filter(|b| !matches!(detect(b), l if l == lang || l == Lang::Unknown))
            .count();
        eprintln!(
            "{path}: {right} of {} three-sentence blocks detected as {lang:?}, {wrong} as the other language",
            blocks.len()
        );
        assert!(right as f64 >= min_right * blocks.len() as f64);
        assert!(wrong as f64 <= 0.01 * blocks.len() as f64);
    }
}

/// Byte spans of `forms` found in order in `text`; `None` when a form is
/// not where expected (a treebank normalised the text).
fn align(text: &str, forms: &[&str]) -> Option<Vec<std::ops::Range<usize>>> {
    let mut at = 0;
    let mut out = Vec::new();
    for f in forms {
        let i = at + text.get(at..)?.find(f)?;
        if !text[at..i].trim().is_empty() {
            return None;
        }
        out.push(i..i + f.len());
        at = i + f.len();
    }
    Some(out)
}

#[test]
fn tokenizer_agrees_with_treebank_words_and_tags_raw_text() {
    use factline::analysis::language::tokenize;
    let Some(dir) = common::shared("corpora/ud-treebanks/en-gum") else {
        return;
    };
    let (mut gold_n, mut ours_n, mut same) = (0usize, 0usize, 0usize);
    let (mut tagged, mut tagged_ok) = (0usize, 0usize);
    for name in HELD_OUT_NEWS {
        let conllu_text =
            std::fs::read_to_string(dir.join(format!("{name}.conllu"))).expect("document");
        let texts: Vec<&str> = conllu_text
            .lines()
            .filter_map(|l| l.strip_prefix("# text = "))
            .collect();
        let sentences = conllu::parse(&conllu_text);
        for (text, s) in texts.iter().zip(&sentences) {
            let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
            let Some(gold) = align(text, &forms) else {
                continue;
            };
            let ours: Vec<_> = tokenize(text, 0..text.len())
                .into_iter()
                .map(|t| t.span)
                .collect();
            gold_n += gold.len();
            ours_n += ours.len();
            same += ours.iter().filter(|o| gold.contains(o)).count();
            // Tags of our tokens, scored where a token is a treebank word.
            let words: Vec<&str> = ours.iter().map(|r| &text[r.clone()]).collect();
            for (r, t) in ours.iter().zip(tagger::english().tag(&words)) {
                if let Some(g) = gold.iter().position(|g| g == r) {
                    tagged += 1;
                    tagged_ok += usize::from(s.words[g].upos == t);
                }
            }
        }
    }
    let (p, r) = (
        same as f64 / ours_n.max(1) as f64,
        same as f64 / gold_n.max(1) as f64,
    );
    let f1 = 2.0 * p * r / (p + r).max(1e-9);
    eprintln!(
        "held-out GUM news from raw text: tokens P {:.2}% R {:.2}% F1 {:.2}% ({gold_n} treebank words); UPOS {:.2}% of the {tagged} tokens that are treebank words",
        100.0 * p,
        100.0 * r,
        100.0 * f1,
        100.0 * tagged_ok as f64 / tagged.max(1) as f64
    );
    assert!(gold_n > 4000);
    assert!(f1 >= 0.97, "{f1}");
}

#[test]
fn verb_subjects_on_held_out_gum_news() {
    use factline::analysis::language::Upos;
    use factline::analysis::language::chunk::{noun_phrases, subject_of};
    let Some(sentences) = held_out_news() else {
        return;
    };
    // Verbs with a nominal subject in the gold tree: is the gold subject's
    // head inside the phrase found?
    let (mut verbs, mut found, mut right) = (0usize, 0usize, 0usize);
    for s in &sentences {
        let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
        let tags = tagger::english().tag(&forms);
        let chunks = noun_phrases(&forms, &tags);
        for (v, w) in s.words.iter().enumerate() {
            if w.upos != Upos::Verb {
                continue;
            }
            let Some(subj) = s
                .words
                .iter()
                .position(|d| d.head == v + 1 && d.deprel.starts_with("nsubj"))
            else {
                continue;
            };
            verbs += 1;
            if let Some(c) = subject_of(&forms, &tags, &chunks, v) {
                found += 1;
                right += usize::from(c.contains(&subj));
            }
        }
    }
    let (p, r) = (
        right as f64 / found.max(1) as f64,
        right as f64 / verbs.max(1) as f64,
    );
    eprintln!(
        "held-out GUM news: subjects of {verbs} verbs with a nominal subject: precision {:.2}%, recall {:.2}%",
        100.0 * p,
        100.0 * r
    );
    assert!(verbs > 200);
    assert!(p >= 0.78 && r >= 0.68, "{p} {r}");
}

#[test]
fn spanish_upos_accuracy_on_gsd_test() {
    let Some(path) = common::shared("corpora/ud-treebanks/es-gsd/es_gsd-ud-test.conllu") else {
        return;
    };
    let sentences = conllu::parse_surface(&std::fs::read_to_string(path).expect("GSD test"));
    let acc = tagger::evaluate(tagger::spanish(), &sentences);
    eprintln!(
        "GSD test: UPOS {:.2}% of {} words, PROPN recall {:.2}% of {}",
        100.0 * acc.overall(),
        acc.words,
        100.0 * acc.propn_recall(),
        acc.propn
    );
    assert!(acc.words > 10000);
    assert!(acc.overall() >= 0.92, "{acc:?}");
}
