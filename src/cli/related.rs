//! `factline related PATH:LINE[:COLUMN]`: the passages related to one
//! sentence, from PATH's folder and every `--corpus` folder.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde_json::{Value, json};

use super::output::range_json;
use super::{RelatedArgs, RelatedFormat, check, status};
use crate::analysis::related::{self, Options, RelatedPassage};
use crate::analysis::{Corpus, DocAnalysis, DocId};
use crate::document::{Document, Position, PositionEncoding};

const ENC: PositionEncoding = PositionEncoding::Utf32;

/// `PATH:LINE[:COLUMN]`, LINE and COLUMN 1-based. The path may itself
/// contain colons: the numbers are taken from the end.
pub fn parse_target(target: &str) -> Option<(PathBuf, usize, Option<usize>)> {
    let number = |s: &str| s.parse::<usize>().ok().filter(|&n| n >= 1);
    let (rest, last) = target.rsplit_once(':')?;
    let last = number(last)?;
    if let Some((path, line)) = rest.rsplit_once(':')
        && let Some(line) = number(line)
        && !path.is_empty()
        && !Path::new(rest).is_file()
    {
        return Some((PathBuf::from(path), line, Some(last)));
    }
    (!rest.is_empty()).then(|| (PathBuf::from(rest), last, None))
}

/// Runs `factline related` and returns the exit status.
pub fn run(args: &RelatedArgs) -> u8 {
    let Some((path, line, column)) = parse_target(&args.target) else {
        eprintln!(
            "factline: expected PATH:LINE[:COLUMN] with LINE and COLUMN from 1, got `{}`",
            args.target
        );
        return status::ERROR;
    };
    if !path.is_file() {
        eprintln!("factline: {}: no such file", path.display());
        return status::ERROR;
    }
    let (config, config_failed) = check::load_config(None, std::slice::from_ref(&path));
    if config_failed {
        return status::ERROR;
    }
    let folder = crate::host::folder_of(&path);
    let mut io_failed = false;
    let mut dirs = vec![folder];
    for dir in &args.corpus {
        if dir.is_dir() {
            dirs.push(dir.clone());
        } else {
            eprintln!("factline: --corpus {}: not a folder", dir.display());
            io_failed = true;
        }
    }
    // The target keeps its spelling and comes first; every file is read once.
    let (mut files, problems) = crate::host::discover(&dirs, &config, std::slice::from_ref(&path));
    for p in problems {
        eprintln!("factline: {p}");
    }
    files.insert(0, path.clone());

    let settings = config.settings();
    let root = crate::host::root_for(&path);
    let store = super::open_store(&root, &config, args.no_index);
    let loader = crate::host::Loader::new(
        &settings,
        config.max_file_bytes,
        store.as_ref().map(|s| s as &dyn crate::host::Store),
    );
    let named = crate::host::with_ids(files);
    let (read, _) = loader.load(&named, false, &|_| {});
    if let Some(problem) = loader.store_problem() {
        eprintln!("factline: {}", crate::host::store_message(&problem));
    }
    let mut corpus = Corpus::new();
    let mut query_doc = None;
    let mut analysed = Vec::with_capacity(read.len());
    for (i, ((p, _), outcome)) in named.iter().zip(read).enumerate() {
        match outcome {
            Ok(a) => {
                if i == 0 {
                    query_doc = Some(a.clone());
                }
                analysed.push(a);
            }
            Err(err) => {
                eprintln!("factline: {}: {err}", p.display());
                if i == 0 {
                    return status::ERROR;
                }
            }
        }
    }
    corpus.upsert_many(analysed);
    let Some(doc) = query_doc else {
        return status::ERROR;
    };
    let text = Document::new(&doc.text);
    let line0 = (line - 1) as u32;
    if line0 as usize >= text.line_count() {
        eprintln!(
            "factline: {}: line {line} is past the end ({} lines)",
            path.display(),
            text.line_count()
        );
        return status::ERROR;
    }
    let offset = text.offset(
        Position::new(line0, column.map_or(0, |c| (c - 1) as u32)),
        ENC,
    );
    let Some(q) = related::PassageRef::at(&doc, offset) else {
        eprintln!("factline: {}:{line}: no sentence there", path.display());
        return status::ERROR;
    };
    // The archive's documents related to this sentence, beside the
    // folders'.
    match crate::host::open_archive(args.store.as_deref(), &config) {
        Ok(None) => {}
        Ok(Some(archive)) => {
            let local: Vec<_> = named.iter().map(|(p, _)| p.clone()).collect();
            if let Err(message) =
                crate::host::add_archive_for_passage(&mut corpus, &doc, q.index, &local, &archive)
            {
                eprintln!("factline: {message}");
                io_failed = true;
            }
        }
        Err(message) => {
            eprintln!("factline: {message}");
            return status::ERROR;
        }
    }
    let query_span = doc.related.passages[q.index].span.clone();
    let results = related::query_with(
        &corpus,
        &doc,
        query_span.clone(),
        &Options {
            limit: args.limit,
            ..Options::default()
        },
    );
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let printed = match args.format {
        RelatedFormat::Json => json_output(&mut out, &corpus, &doc, &text, query_span, &results),
        RelatedFormat::Human => human(&mut out, &corpus, &doc, &text, query_span, &results),
    };
    let printed = printed.and_then(|()| out.flush());
    if let Err(err) = &printed {
        eprintln!("factline: cannot write the passages to the standard output: {err}");
    }
    if printed.is_err() || io_failed {
        status::ERROR
    } else {
        status::CLEAN
    }
}

/// Documents of the results, converted once.
struct Docs<'a> {
    corpus: &'a Corpus,
    cache: HashMap<DocId, Document>,
}

impl Docs<'_> {
    fn get(&mut self, id: &DocId) -> Option<(&Arc<DocAnalysis>, &Document)> {
        let a = self.corpus.get(id)?;
        let doc = self
            .cache
            .entry(id.clone())
            .or_insert_with(|| Document::new(&a.text));
        Some((a, doc))
    }
}

fn json_output(
    out: &mut impl Write,
    corpus: &Corpus,
    doc: &DocAnalysis,
    text: &Document,
    span: std::ops::Range<usize>,
    results: &[RelatedPassage],
) -> std::io::Result<()> {
    let mut docs = Docs {
        corpus,
        cache: HashMap::new(),
    };
    let list: Vec<Value> = results
        .iter()
        .filter_map(|r| {
            let (a, d) = docs.get(&r.doc)?;
            Some(json!({
                "path": r.doc.as_str(),
                "range": range_json(d.range(r.span.clone(), ENC)),
                "byte_range": [r.span.start, r.span.end],
                "text": a.slice(r.span.clone()),
                "score": (f64::from(r.score) * 1000.0).round() / 1000.0,
                "reasons": {
                    "terms": r.reasons.terms,
                    "entities": r.reasons.entities,
                    "figures": r.reasons.figures,
                    "quotes": r.reasons.quotes,
                },
            }))
        })
        .collect();
    let value = json!({
        "query": {
            "path": doc.id.as_str(),
            "range": range_json(text.range(span.clone(), ENC)),
            "byte_range": [span.start, span.end],
            "text": doc.slice(span),
        },
        "results": list,
    });
    serde_json::to_writer_pretty(&mut *out, &value)?;
    writeln!(out)
}

fn human(
    out: &mut impl Write,
    corpus: &Corpus,
    doc: &DocAnalysis,
    text: &Document,
    span: std::ops::Range<usize>,
    results: &[RelatedPassage],
) -> std::io::Result<()> {
    let p = text.position(span.start, ENC);
    writeln!(
        out,
        "{}:{}:{}: {}",
        doc.id,
        p.line + 1,
        p.character + 1,
        related::shorten(doc.slice(span), 160)
    )?;
    if results.is_empty() {
        return writeln!(out, "no related passages");
    }
    let mut docs = Docs {
        corpus,
        cache: HashMap::new(),
    };
    for (i, r) in results.iter().enumerate() {
        let Some((a, d)) = docs.get(&r.doc) else {
            continue;
        };
        let pos = d.position(r.span.start, ENC);
        writeln!(
            out,
            "{:>3}. {:.2}  {}:{}:{}  {}",
            i + 1,
            r.score,
            r.doc,
            pos.line + 1,
            pos.character + 1,
            related::shorten(a.slice(r.span.clone()), 140)
        )?;
        let why = r.reasons.summary(8);
        if !why.is_empty() {
            writeln!(out, "       shared: {why}")?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_parse_from_the_end() {
        assert_eq!(
            parse_target("a/b.txt:3"),
            Some((PathBuf::from("a/b.txt"), 3, None))
        );
        assert_eq!(
            parse_target("a/b.txt:3:7"),
            Some((PathBuf::from("a/b.txt"), 3, Some(7)))
        );
        assert_eq!(
            parse_target("odd:name.txt:2:1"),
            Some((PathBuf::from("odd:name.txt"), 2, Some(1)))
        );
        assert_eq!(parse_target("b.txt"), None);
        assert_eq!(parse_target("b.txt:0"), None);
        assert_eq!(parse_target(":3"), None);
        assert_eq!(parse_target("b.txt:x"), None);
    }
}
