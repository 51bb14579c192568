//! `petrel code`: read news, code events and quotes, write them out.

use super::common::{self, InputArgs};
use super::kb::{self, KbArgs};
use anyhow::Context;
use petrel_coder::Coder;
use petrel_core::Document;
use petrel_events::{OutputFormat, Record, RecordWriter};
use petrel_petrarch::Discards;
use rayon::prelude::*;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

/// Options of `petrel code`.
#[derive(clap::Args)]
#[command(after_help = "Examples:
  petrel code --date 2021-12-15 article.txt
  petrel code --format csv -o events.csv stories.jsonl
  cat page.html | petrel code --input-format html -
  petrel code --all-modalities --stats news/")]
pub struct Args {
    #[command(flatten)]
    input: InputArgs,
    #[command(flatten)]
    kb: KbArgs,
    /// Output format: jsonl (events and quotes), csv or tsv (events only).
    #[arg(long, default_value = "jsonl", value_parser = parse_format)]
    format: OutputFormat,
    /// Write to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Also print events that did not happen as stated (negated, denied, hypothetical,
    /// conditional, future), labelled with their modality.
    #[arg(long)]
    all_modalities: bool,
    /// Worker threads (default: all cores).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    threads: Option<u16>,
    /// Print documents, sentences, events, seconds and sentences per second to stderr at the end.
    #[arg(long)]
    stats: bool,
}

fn parse_format(s: &str) -> Result<OutputFormat, String> {
    s.parse()
}

/// Documents coded together; output order stays the input order.
const BATCH: usize = 256;

/// Runs `petrel code`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    common::end_on_broken_pipe(code(args))
}

fn code(args: Args) -> anyhow::Result<ExitCode> {
    if let Some(n) = args.threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n.into())
            .build_global()
            .context("cannot start worker threads")?;
    }
    let kb::Kb {
        kb,
        discards,
        petrarch,
    } = kb::load(&args.kb)?;
    let coder = Coder::new(&kb).with_petrarch_targets(petrarch);
    let out: Box<dyn Write> = match &args.output {
        Some(p) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(p).with_context(|| format!("cannot create {}", p.display()))?,
        )),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    let mut writer = RecordWriter::new(out, args.format);
    let mut docs = common::documents(&args.input)?;
    let started = Instant::now();
    let (mut n_docs, mut n_sentences, mut n_events, mut n_quotes) =
        (0usize, 0usize, 0usize, 0usize);
    loop {
        let batch: Vec<Document> = docs.by_ref().take(BATCH).collect();
        if batch.is_empty() {
            break;
        }
        let coded: Vec<(usize, Vec<Record>)> = batch
            .par_iter()
            .map(|doc| {
                let sentences = if args.stats {
                    petrel_text::sentence_spans(doc).len()
                } else {
                    0
                };
                let mut records = coder.code(doc);
                if let Some(d) = &discards {
                    apply_discards(doc, d, &mut records);
                }
                if !args.all_modalities {
                    records.retain(|r| match r {
                        Record::Event(e) => e.modality.is_factual(),
                        Record::Quote(_) => true,
                    });
                }
                (sentences, records)
            })
            .collect();
        for (sentences, records) in coded {
            n_sentences += sentences;
            for r in &records {
                match r {
                    Record::Event(_) => n_events += 1,
                    Record::Quote(_) => n_quotes += 1,
                }
                writer.write(r)?;
            }
        }
        n_docs += batch.len();
        docs.progress().set_message(format!("{n_events} events"));
    }
    writer.finish()?;
    docs.progress().finish_and_clear();
    if args.stats {
        let secs = started.elapsed().as_secs_f64();
        eprintln!(
            "petrel: {n_docs} documents, {n_sentences} sentences, {n_events} events, {n_quotes} quotes in {secs:.3} s ({:.0} sentences/s)",
            n_sentences as f64 / secs.max(1e-9)
        );
    }
    Ok(docs.exit_code())
}

/// PETRARCH discards: drops the records of sentences that hold a discard phrase, and every
/// record of a story that holds a `+` (whole-story) phrase.
fn apply_discards(doc: &Document, discards: &Discards, records: &mut Vec<Record>) {
    if records.is_empty() {
        return;
    }
    let spans = petrel_text::sentence_spans(doc);
    let mut dropped = vec![false; spans.len()];
    for (i, span) in spans.iter().enumerate() {
        if let Some(d) = discards.find(&petrel_dict::words(span.slice(&doc.text))) {
            if d.whole_story {
                records.clear();
                return;
            }
            dropped[i] = true;
        }
    }
    records.retain(|r| {
        let i = match r {
            Record::Event(e) => e.sentence,
            Record::Quote(q) => q.sentence,
        };
        !dropped.get(i).copied().unwrap_or(false)
    });
}
