//! `petrel inspect`: what petrel read. Each sentence with its byte offsets, its tokens and the
//! dates resolved in it, as text for people or as JSON Lines (`--json`, one object a document).

use super::common::{self, InputArgs};
use anyhow::Context;
use petrel_core::Document;
use petrel_text::{analyze, Analysis, DateMention, Granularity, Sentence, TokenKind};
use serde_json::{json, Value};
use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

const EXAMPLES: &str = "\
Examples:
  petrel inspect examples/moscow-proposals.txt --date 2021-12-15
  petrel inspect examples/kyiv-talks.html --json | jq '.sentences[].text'
  cat story.txt | petrel inspect - --date 2021-12-15";

/// Options of `petrel inspect`.
#[derive(clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// What to read and how.
    #[command(flatten)]
    pub input: InputArgs,
    /// Print one JSON object per document (JSON Lines) instead of text.
    #[arg(long)]
    pub json: bool,
}

/// Runs the command: exit 0 when every input was read, 1 when some failed.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let mut docs = common::documents(&args.input)?;
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    while let Some(doc) = docs.next() {
        let analysis = analyze(&doc);
        let written = docs.progress().suspend(|| {
            if args.json {
                writeln!(out, "{}", to_json(&doc, &analysis))
            } else {
                write_text(&mut out, &doc, &analysis)
            }
        });
        if let Err(e) = written {
            return finish_on_write_error(e);
        }
    }
    if let Err(e) = out.flush() {
        return finish_on_write_error(e);
    }
    Ok(docs.exit_code())
}

/// A closed pipe (`petrel inspect ... | head`) is a normal end; other write errors are errors.
fn finish_on_write_error(e: io::Error) -> anyhow::Result<ExitCode> {
    if e.kind() == io::ErrorKind::BrokenPipe {
        Ok(ExitCode::SUCCESS)
    } else {
        Err(e).context("cannot write to standard output")
    }
}

/// Where the date used for relative dates came from.
fn date_source(doc: &Document, a: &Analysis) -> &'static str {
    match (doc.date, a.date) {
        (Some(_), _) => "metadata or --date",
        (None, Some(_)) => "dateline",
        (None, None) => "none",
    }
}

fn granularity_name(g: Granularity) -> &'static str {
    match g {
        Granularity::Day => "day",
        Granularity::Week => "week",
        Granularity::Month => "month",
        Granularity::Year => "year",
    }
}

fn kind_name(k: TokenKind) -> &'static str {
    match k {
        TokenKind::Word => "word",
        TokenKind::Number => "number",
        TokenKind::Quote => "quote",
        TokenKind::Punct => "punct",
    }
}

/// Text on one line: line breaks and tabs shown as `\n` and `\t`.
fn one_line(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('\n', "\\n")
        .replace('\r', "\\r")
        .replace('\t', "\\t")
}

fn dates_in(a: &Analysis, index: usize) -> impl Iterator<Item = &DateMention> {
    a.dates.iter().filter(move |d| d.sentence == index)
}

fn write_text(out: &mut impl Write, doc: &Document, a: &Analysis) -> io::Result<()> {
    let text = doc.text.as_str();
    writeln!(out, "document {} ({})", doc.id, doc.origin)?;
    if let Some(t) = &doc.title {
        writeln!(out, "  title: {}", one_line(t))?;
    }
    match a.date {
        Some(d) => writeln!(out, "  date: {d} ({})", date_source(doc, a))?,
        None => writeln!(
            out,
            "  date: none (relative dates are not resolved; pass --date)"
        )?,
    }
    writeln!(
        out,
        "  {} sentences, {} paragraphs, {} dates",
        a.sentences.len(),
        a.sentences.last().map_or(0, |s| s.paragraph + 1),
        a.dates.len()
    )?;
    for (i, s) in a.sentences.iter().enumerate() {
        write_sentence(out, text, a, i, s)?;
    }
    writeln!(out)
}

fn write_sentence(
    out: &mut impl Write,
    text: &str,
    a: &Analysis,
    i: usize,
    s: &Sentence,
) -> io::Result<()> {
    let mark = if s.headline { " headline" } else { "" };
    writeln!(
        out,
        "\n[{i}] {}..{} paragraph {}{mark}",
        s.span.start, s.span.end, s.paragraph
    )?;
    writeln!(out, "  text:   {}", one_line(s.span.slice(text)))?;
    let tokens: Vec<String> = s
        .tokens
        .iter()
        .map(|t| {
            format!(
                "{}@{}..{}",
                one_line(t.span.slice(text)),
                t.span.start,
                t.span.end
            )
        })
        .collect();
    writeln!(out, "  tokens: {}", tokens.join(" "))?;
    for d in dates_in(a, i) {
        let range = if d.from == d.to {
            d.from.to_string()
        } else {
            format!("{}..{}", d.from, d.to)
        };
        writeln!(
            out,
            "  date:   {:?}@{}..{} -> {range} ({})",
            d.span.slice(text),
            d.span.start,
            d.span.end,
            granularity_name(d.granularity)
        )?;
    }
    Ok(())
}

fn to_json(doc: &Document, a: &Analysis) -> Value {
    let text = doc.text.as_str();
    let sentences: Vec<Value> = a
        .sentences
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let tokens: Vec<Value> = s
                .tokens
                .iter()
                .map(|t| {
                    json!({
                        "text": t.span.slice(text),
                        "start": t.span.start,
                        "end": t.span.end,
                        "kind": kind_name(t.kind),
                    })
                })
                .collect();
            let dates: Vec<Value> = dates_in(a, i)
                .map(|d| {
                    json!({
                        "text": d.span.slice(text),
                        "start": d.span.start,
                        "end": d.span.end,
                        "from": d.from.to_string(),
                        "to": d.to.to_string(),
                        "granularity": granularity_name(d.granularity),
                    })
                })
                .collect();
            json!({
                "index": i,
                "start": s.span.start,
                "end": s.span.end,
                "input_start": doc.input_offset(s.span.start),
                "text": s.span.slice(text),
                "headline": s.headline,
                "paragraph": s.paragraph,
                "tokens": tokens,
                "dates": dates,
            })
        })
        .collect();
    json!({
        "id": doc.id,
        "origin": doc.origin,
        "title": doc.title,
        "url": doc.url,
        "source": doc.source,
        "date": a.date.map(|d| d.to_string()),
        "date_source": date_source(doc, a),
        "sentences": sentences,
    })
}
