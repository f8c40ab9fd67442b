//! `factline verify DRAFT`: every claim of a draft, corroborated,
//! contradicted or unsourced by the sources (the draft's folder and every
//! `--corpus` folder), as text, JSON or a Markdown verification log, and
//! optionally a one-page HTML report with a figure matrix.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde_json::{Value, json};

use super::output::range_json;
use super::{VerifyArgs, VerifyFormat, check, status};
use crate::analysis::verify::{self, Claim, Status, Verification};
use crate::analysis::{Corpus, DocAnalysis, DocId, related::shorten};
use crate::document::{Document, PositionEncoding};
use crate::host;

const ENC: PositionEncoding = PositionEncoding::Utf32;

/// Runs `factline verify` and returns the exit status: 1 when a claim is
/// contradicted, 0 otherwise, 2 on a usage or I/O error.
pub fn run(args: &VerifyArgs) -> u8 {
    let draft_path = &args.draft;
    if !draft_path.is_file() {
        eprintln!("factline: {}: no such file", draft_path.display());
        return status::ERROR;
    }
    let (config, config_failed) =
        check::load_config(args.config.as_deref(), std::slice::from_ref(draft_path));
    if config_failed {
        return status::ERROR;
    }
    let settings = config.settings();
    let draft = match host::analyse_file(draft_path, &settings, config.max_file_bytes) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("factline: {e}");
            return status::ERROR;
        }
    };
    let folder = host::folder_of(draft_path);
    let mut dirs = vec![folder.clone()];
    dirs.extend(args.corpus.iter().cloned());
    let (files, problems) = host::discover(&dirs, &config, std::slice::from_ref(draft_path));
    let mut io_failed = false;
    for p in &problems {
        eprintln!("factline: {p}");
        io_failed = true;
    }
    // Other drafts are not sources.
    let root = host::root_for(draft_path);
    let files: Vec<PathBuf> = files
        .into_iter()
        .filter(|f| !host::is_draft(&config, &root, f))
        .collect();
    let store = super::open_store(&root, &config, args.no_index);
    let mut local = files.clone();
    let loaded = host::load(
        files,
        &settings,
        config.max_file_bytes,
        store.as_ref().map(|s| s as &dyn host::Store),
    );
    for p in &loaded.problems {
        eprintln!("factline: {p}");
    }
    let mut corpus = loaded.corpus;
    match host::open_archive(args.store.as_deref(), &config) {
        Ok(None) => {}
        Ok(Some(archive)) => {
            local.push(draft_path.clone());
            if let Err(message) = host::add_archive(&mut corpus, &[&draft], &local, &archive) {
                eprintln!("factline: {message}");
                io_failed = true;
            }
        }
        Err(message) => {
            eprintln!("factline: {message}");
            return status::ERROR;
        }
    }
    let verification = verify::verify(&draft, &corpus, &|_| true);
    let mut report = Rendered::new(&corpus, &draft);

    if let Some(html) = &args.html {
        let page = report.html(&verification);
        if let Err(err) = std::fs::write(html, page) {
            eprintln!(
                "factline: {}: cannot write the report: {err}",
                html.display()
            );
            return status::ERROR;
        }
    }
    let text = match args.format {
        VerifyFormat::Human => report.human(&verification),
        VerifyFormat::Json => {
            let mut s = serde_json::to_string_pretty(&report.json(&verification))
                .unwrap_or_else(|_| "{}".to_string());
            s.push('\n');
            s
        }
        VerifyFormat::Markdown => report.markdown(&verification),
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if let Err(err) = out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        eprintln!("factline: cannot write the output: {err}");
        return status::ERROR;
    }
    if io_failed {
        status::ERROR
    } else if verification.count(Status::Contradicted) > 0 {
        status::FINDINGS
    } else {
        status::CLEAN
    }
}

/// Positions and snippets of the draft and the sources, converted once.
struct Rendered<'a> {
    corpus: &'a Corpus,
    draft: &'a Arc<DocAnalysis>,
    cache: HashMap<DocId, Document>,
}

impl<'a> Rendered<'a> {
    fn new(corpus: &'a Corpus, draft: &'a Arc<DocAnalysis>) -> Self {
        Self {
            corpus,
            draft,
            cache: HashMap::new(),
        }
    }

    fn doc(&self, id: &DocId) -> Option<&'a DocAnalysis> {
        if *id == self.draft.id {
            Some(self.draft)
        } else {
            self.corpus.get(id).map(|d| &**d)
        }
    }

    fn position(&mut self, id: &DocId, span: std::ops::Range<usize>) -> Option<Value> {
        let text = self.doc(id)?.text.clone();
        let d = self
            .cache
            .entry(id.clone())
            .or_insert_with(|| Document::new(&text));
        Some(range_json(d.range(span, ENC)))
    }

    /// "name:line:column", 1-based.
    fn location(&mut self, id: &DocId, offset: usize) -> String {
        let Some(text) = self.doc(id).map(|d| d.text.clone()) else {
            return id.to_string();
        };
        let d = self
            .cache
            .entry(id.clone())
            .or_insert_with(|| Document::new(&text));
        let p = d.range(offset..offset, ENC).start;
        format!("{}:{}:{}", id, p.line + 1, p.character + 1)
    }

    fn snippet(&self, id: &DocId, span: std::ops::Range<usize>, max: usize) -> String {
        self.doc(id)
            .map(|d| shorten(d.slice(span), max))
            .unwrap_or_default()
    }

    fn summary(&self, v: &Verification) -> String {
        format!(
            "{}: {} claim{} against {} source{}: {} corroborated, {} contradicted, {} unsourced",
            self.draft.id,
            v.claims.len(),
            if v.claims.len() == 1 { "" } else { "s" },
            v.sources,
            if v.sources == 1 { "" } else { "s" },
            v.count(Status::Corroborated),
            v.count(Status::Contradicted),
            v.count(Status::Unsourced),
        )
    }

    fn human(&mut self, v: &Verification) -> String {
        let mut out = String::new();
        for claim in v.ranked() {
            let at = self.location(&self.draft.id.clone(), claim.span.start);
            let _ = writeln!(
                out,
                "{at}: {}  (score {}: {})",
                claim.status.as_str(),
                fmt_score(claim.score),
                claim.worth_summary()
            );
            let _ = writeln!(
                out,
                "  {}",
                self.snippet(&self.draft.id, claim.span.clone(), 160)
            );
            for e in &claim.contradictions {
                let at = self.location(&e.doc, e.span.start);
                let _ = writeln!(out, "  ✗ {at}  {}", e.reason);
            }
            for e in &claim.support {
                let at = self.location(&e.doc, e.span.start);
                let _ = writeln!(
                    out,
                    "  ✓ {at}  {}  ({})",
                    self.snippet(&e.doc, e.span.clone(), 100),
                    e.reason
                );
            }
            out.push('\n');
        }
        out.push_str(&self.summary(v));
        out.push('\n');
        out
    }

    fn json(&mut self, v: &Verification) -> Value {
        let claims: Vec<Value> = v
            .ranked()
            .into_iter()
            .map(|claim| self.claim_json(claim))
            .collect();
        json!({
            "path": self.draft.id.as_str(),
            "sources": v.sources,
            "summary": {
                "claims": v.claims.len(),
                "corroborated": v.count(Status::Corroborated),
                "contradicted": v.count(Status::Contradicted),
                "unsourced": v.count(Status::Unsourced),
            },
            "claims": claims,
        })
    }

    fn claim_json(&mut self, claim: &Claim) -> Value {
        let draft_id = self.draft.id.clone();
        let mut sources: Vec<Value> = Vec::new();
        for (relation, list) in [
            ("contradicts", &claim.contradictions),
            ("supports", &claim.support),
        ] {
            for e in list {
                sources.push(json!({
                    "path": e.doc.as_str(),
                    "range": self.position(&e.doc, e.span.clone()),
                    "byte_range": [e.span.start, e.span.end],
                    "text": self.doc(&e.doc).map(|d| d.slice(e.span.clone())).unwrap_or(""),
                    "relation": relation,
                    "score": round3(e.score),
                    "reason": e.reason,
                }));
            }
        }
        json!({
            "range": self.position(&draft_id, claim.span.clone()),
            "byte_range": [claim.span.start, claim.span.end],
            "text": self.draft.slice(claim.span.clone()),
            "status": claim.status.as_str(),
            "score": round3(claim.score),
            "worth": claim.worth_summary(),
            "sources": sources,
        })
    }

    fn markdown(&mut self, v: &Verification) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "# Verification log: {}\n", self.draft.id);
        let _ = writeln!(out, "{}.\n", self.summary(v));
        for status in [
            Status::Contradicted,
            Status::Unsourced,
            Status::Corroborated,
        ] {
            let claims: Vec<&Claim> = v
                .ranked()
                .into_iter()
                .filter(|c| c.status == status)
                .collect();
            if claims.is_empty() {
                continue;
            }
            let _ = writeln!(out, "## {} ({})\n", title(status), claims.len());
            for claim in claims {
                let at = self.location(&self.draft.id.clone(), claim.span.start);
                let _ = writeln!(
                    out,
                    "- [ ] **{}** — `{at}` (score {}: {})",
                    md_escape(&self.snippet(&self.draft.id, claim.span.clone(), 200)),
                    fmt_score(claim.score),
                    claim.worth_summary()
                );
                for e in &claim.contradictions {
                    let at = self.location(&e.doc, e.span.start);
                    let _ = writeln!(out, "  - contradicted by `{at}`: {}", md_escape(&e.reason));
                }
                for e in &claim.support {
                    let at = self.location(&e.doc, e.span.start);
                    let _ = writeln!(
                        out,
                        "  - reported by `{at}`: “{}”",
                        md_escape(&self.snippet(&e.doc, e.span.clone(), 140))
                    );
                }
                if claim.status == Status::Unsourced {
                    let _ = writeln!(out, "  - no source in the folder reports it");
                }
            }
            out.push('\n');
        }
        out
    }

    /// A page that opens in any browser with no server: the claims, then the
    /// figure matrix (the draft's quantities as rows, the sources as
    /// columns, conflicts highlighted).
    fn html(&mut self, v: &Verification) -> String {
        let mut sources: Vec<DocId> = v
            .claims
            .iter()
            .flat_map(|c| {
                c.figures
                    .iter()
                    .flat_map(|f| f.mentions.iter().map(|m| m.doc.clone()))
            })
            .collect();
        sources.sort();
        sources.dedup();
        let mut page = String::new();
        let _ = write!(
            page,
            "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
             <title>Verification: {}</title><style>{}</style></head><body>\n",
            esc(self.draft.id.as_str()),
            CSS
        );
        let _ = writeln!(
            page,
            "<h1>Verification of <code>{}</code></h1>",
            esc(self.draft.id.as_str())
        );
        let _ = writeln!(
            page,
            "<p class=\"summary\"><span class=\"pill contradicted\">{} contradicted</span> \
             <span class=\"pill unsourced\">{} unsourced</span> \
             <span class=\"pill corroborated\">{} corroborated</span> \
             — {} claims against {} sources</p>",
            v.count(Status::Contradicted),
            v.count(Status::Unsourced),
            v.count(Status::Corroborated),
            v.claims.len(),
            v.sources
        );
        page.push_str("<h2>Claims</h2>\n<ol class=\"claims\">\n");
        for claim in v.ranked() {
            let at = self.location(&self.draft.id.clone(), claim.span.start);
            let _ = write!(
                page,
                "<li class=\"{s}\"><span class=\"pill {s}\">{s}</span> <q>{}</q> \
                 <span class=\"where\">{}</span> <span class=\"score\">score {}: {}</span><ul>",
                esc(&self.snippet(&self.draft.id, claim.span.clone(), 240)),
                esc(&at),
                fmt_score(claim.score),
                esc(&claim.worth_summary()),
                s = claim.status.as_str()
            );
            for e in &claim.contradictions {
                let at = self.location(&e.doc, e.span.start);
                let _ = write!(
                    page,
                    "<li class=\"against\">✗ <span class=\"where\">{}</span> {}</li>",
                    esc(&at),
                    esc(&e.reason)
                );
            }
            for e in &claim.support {
                let at = self.location(&e.doc, e.span.start);
                let _ = write!(
                    page,
                    "<li class=\"for\">✓ <span class=\"where\">{}</span> <q>{}</q></li>",
                    esc(&at),
                    esc(&self.snippet(&e.doc, e.span.clone(), 160))
                );
            }
            page.push_str("</ul></li>\n");
        }
        page.push_str("</ol>\n<h2>Figures</h2>\n");
        let rows: Vec<&verify::FigureCheck> =
            v.claims.iter().flat_map(|c| c.figures.iter()).collect();
        if rows.is_empty() {
            page.push_str("<p>The draft's claims have no figures.</p>\n");
        } else {
            page.push_str("<table class=\"matrix\"><thead><tr><th>Draft</th>");
            for s in &sources {
                let _ = write!(page, "<th>{}</th>", esc(short_name(s.as_str())));
            }
            page.push_str("</tr></thead><tbody>\n");
            for f in rows {
                let conflict = f.mentions.iter().any(|m| !m.agrees);
                let _ = write!(
                    page,
                    "<tr{}><th><b>{}</b> <span class=\"what\">{}</span></th>",
                    if conflict { " class=\"conflict\"" } else { "" },
                    esc(&f.phrase),
                    esc(&f.what)
                );
                for s in &sources {
                    let cell: Vec<&verify::FigureMention> =
                        f.mentions.iter().filter(|m| &m.doc == s).collect();
                    if cell.is_empty() {
                        page.push_str("<td class=\"none\">—</td>");
                        continue;
                    }
                    let bad = cell.iter().any(|m| !m.agrees);
                    let _ = write!(
                        page,
                        "<td class=\"{}\">{}</td>",
                        if bad { "disagrees" } else { "agrees" },
                        cell.iter()
                            .map(|m| esc(&m.phrase))
                            .collect::<Vec<_>>()
                            .join("<br>")
                    );
                }
                page.push_str("</tr>\n");
            }
            page.push_str("</tbody></table>\n");
        }
        page.push_str("</body></html>\n");
        page
    }
}

const CSS: &str = "body{font:15px/1.45 system-ui,sans-serif;margin:2em auto;max-width:72em;padding:0 1em;color:#1d1d1f}\
h1{font-size:1.5em}h2{font-size:1.2em;margin-top:1.6em}code{font-size:.95em}\
.pill{display:inline-block;border-radius:1em;padding:0 .6em;font-size:.8em;font-weight:600;color:#fff}\
.pill.contradicted{background:#c62828}.pill.unsourced{background:#9e6a00}.pill.corroborated{background:#2e7d32}\
.claims>li{margin:.6em 0}.claims ul{margin:.2em 0;padding-left:1.2em;list-style:none;font-size:.92em}\
.where{font-family:ui-monospace,monospace;font-size:.85em;color:#555}.score{font-size:.8em;color:#777}\
li.against{color:#b71c1c}li.for{color:#1b5e20}\
table.matrix{border-collapse:collapse;margin-top:.5em}.matrix th,.matrix td{border:1px solid #ccc;padding:.3em .6em;text-align:left;vertical-align:top}\
.matrix thead th{background:#f3f3f3}.matrix .what{color:#666;font-weight:normal;font-size:.85em}\
td.agrees{background:#e8f5e9}td.disagrees{background:#ffcdd2;font-weight:600}td.none{color:#bbb}\
tr.conflict>th{background:#fff3f3}";

fn title(status: Status) -> &'static str {
    match status {
        Status::Contradicted => "Contradicted",
        Status::Unsourced => "Unsourced",
        Status::Corroborated => "Corroborated",
    }
}

fn short_name(path: &str) -> &str {
    Path::new(path)
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or(path)
}

fn fmt_score(s: f32) -> String {
    crate::analysis::figures::format_number(f64::from(s))
}

fn round3(s: f32) -> f64 {
    (f64::from(s) * 1000.0).round() / 1000.0
}

/// HTML text escaping.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn md_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(
            c,
            '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '\\' | '|'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
