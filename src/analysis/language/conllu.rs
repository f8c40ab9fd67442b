//! Reading CoNLL-U treebank text (Universal Dependencies): the words of each
//! sentence with lemma, part of speech, head and relation. Used to train and
//! measure the tagger, the lemmatizer and the chunker; the caller reads the
//! files. Multi-word token lines ("1-2") and empty nodes ("8.1") are
//! skipped: the tagger works on syntactic words.

use super::tagger::Upos;

/// One syntactic word of a treebank sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word {
    pub form: String,
    pub lemma: String,
    pub upos: Upos,
    /// 1-based index of the head word; 0 for the root.
    pub head: usize,
    /// Universal relation with subtype ("nmod:poss").
    pub deprel: String,
}

/// One sentence: its words in order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sentence {
    pub words: Vec<Word>,
}

/// Every sentence of a CoNLL-U text; malformed lines are skipped.
pub fn parse(text: &str) -> Vec<Sentence> {
    read(text, false)
}

/// Like [`parse`], but a multi-word token ("del" = "de" + "el", "darle")
/// is one word as written, with the tag of its first part: the words a
/// tokenizer that does not undo contractions sees.
pub fn parse_surface(text: &str) -> Vec<Sentence> {
    read(text, true)
}

fn read(text: &str, surface: bool) -> Vec<Sentence> {
    let mut out = Vec::new();
    // The open multi-word token: its last word id, its form, and whether
    // it has been written.
    let mut range: Option<(usize, String, bool)> = None;
    let mut current = Sentence::default();
    for line in text.lines() {
        let line = line.trim_end_matches('\r');
        if line.is_empty() {
            if !current.words.is_empty() {
                out.push(std::mem::take(&mut current));
            }
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 8 {
            continue;
        }
        if surface && let Some((_, last)) = cols[0].split_once('-') {
            range = last.parse().ok().map(|l| (l, cols[1].to_string(), false));
            continue;
        }
        if cols[0].contains(['-', '.']) {
            continue;
        }
        let Some(upos) = Upos::parse(cols[3]) else {
            continue;
        };
        let id: usize = cols[0].parse().unwrap_or(0);
        let mut form = cols[1].to_string();
        if let Some((last, f, written)) = &mut range {
            if id > *last {
                range = None;
            } else if *written {
                // A later part of a token already written.
                if id == *last {
                    range = None;
                }
                continue;
            } else {
                form = f.clone();
                *written = true;
            }
        }
        current.words.push(Word {
            form,
            lemma: cols[2].to_string(),
            upos,
            head: cols[6].parse().unwrap_or(0),
            deprel: cols[7].to_string(),
        });
    }
    if !current.words.is_empty() {
        out.push(current);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_words_and_skips_ranges_and_comments() {
        let text = "# sent_id = 1\n1-2\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n1\tdo\tdo\tAUX\tVBP\t_\t3\taux\t_\t_\n2\tn't\tnot\tPART\tRB\t_\t3\tadvmod\t_\t_\n3\tgo\tgo\tVERB\tVB\t_\t0\troot\t_\t_\n\n1\tHi\thi\tINTJ\tUH\t_\t0\troot\t_\t_\n";
        let s = parse(text);
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].words.len(), 3);
        assert_eq!(s[0].words[1].upos, Upos::Part);
        assert_eq!(s[0].words[2].head, 0);
        assert!(parse("garbage\n\n\t\t\n").is_empty());
        let s = parse_surface(text);
        assert_eq!(s[0].words.len(), 2);
        assert_eq!(
            (s[0].words[0].form.as_str(), s[0].words[0].upos),
            ("don't", Upos::Aux)
        );
        assert_eq!(s[0].words[1].form, "go");
    }
}
