//! Prints each line of the given files with the boilerplate detector's
//! label, for reading what it decides:
//!
//! ```text
//! cargo run --example boilerplate_lines -- FILE...
//! ```
//!
//! `B` marks boilerplate, `F` a generated FAQ, `H` the headline; the reason
//! follows the first line of each region.

use std::sync::Arc;

use factline::analysis::boilerplate::Kind;
use factline::analysis::{DocId, Settings, analyze_document};

fn main() {
    let settings = Settings::default();
    for path in std::env::args().skip(1) {
        let Ok(text) = std::fs::read_to_string(&path) else {
            eprintln!("{path}: cannot read");
            continue;
        };
        let doc = analyze_document(DocId::new(path.as_str()), Arc::from(text), &settings);
        println!("=== {path}");
        for (i, line) in doc.segmentation.lines.iter().enumerate() {
            let text = &doc.text[line.span.clone()];
            let region = doc.boilerplate.region_of_line(i);
            let mark = match region.map(|r| r.kind) {
                Some(Kind::Boilerplate) => "B",
                Some(Kind::GeneratedFaq) => "F",
                None if doc.boilerplate.headline() == Some(i) => "H",
                None => " ",
            };
            let clipped: String = text.chars().take(110).collect();
            match region {
                Some(r) if r.lines.start == i => {
                    println!(
                        "{mark} {:>4} {clipped}\n         ^ {}",
                        i + 1,
                        r.reason.message()
                    )
                }
                _ => println!("{mark} {:>4} {clipped}", i + 1),
            }
        }
    }
}
