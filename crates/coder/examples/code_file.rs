//! Development helper: codes a plain-text file and prints JSON Lines (or the explanation).
//!
//! `cargo run -p petrel-coder --example code_file -- FILE [--date YYYY-MM-DD] [--dict-only DIR]
//! [--all] [--explain]`. `--dict-only DIR` loads the dictionaries from DIR alone (laid out like
//! `dict/`) instead of the built-in base.

use petrel_coder::Coder;
use petrel_core::Document;
use petrel_dict::{KbBuilder, KnowledgeBase};
use petrel_events::Record;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut file = None;
    let mut date = None;
    let mut dict = None;
    let mut all = false;
    let mut explain = false;
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--date" => {
                i += 1;
                date = args.get(i).and_then(|d| d.parse().ok());
            }
            "--dict-only" => {
                i += 1;
                dict = args.get(i).cloned();
            }
            "--all" => all = true,
            "--explain" => explain = true,
            f => file = Some(f.to_string()),
        }
        i += 1;
    }
    let file =
        file.ok_or("usage: code_file FILE [--date D] [--dict-only DIR] [--all] [--explain]")?;
    let text = std::fs::read_to_string(&file)?;
    let kb = match dict {
        Some(d) => {
            let mut b = KbBuilder::new();
            KnowledgeBase::load_dir_into(&mut b, std::path::Path::new(&d));
            b.build().map_err(|e| format!("{e:?}"))?
        }
        None => KnowledgeBase::builtin().map_err(|e| format!("{e:?}"))?,
    };
    let coder = Coder::new(&kb);
    let paras: Vec<&str> = text
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let mut doc = Document::from_text(
        std::path::Path::new(&file)
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("doc"),
        paras.join("\n\n"),
    );
    if let Some(t) = paras.first() {
        doc.title = Some(t.to_string());
        doc.title_span = Some(petrel_core::Span::new(0, t.len()));
    }
    doc.date = date;
    let (records, trace) = coder.explain(&doc);
    if explain {
        print!("{}", petrel_coder::explain::render(&trace, &records));
        return Ok(());
    }
    for r in records {
        if let Record::Event(e) = &r {
            if !all && !e.modality.is_factual() {
                continue;
            }
        }
        println!("{}", serde_json::to_string(&r)?);
    }
    Ok(())
}
