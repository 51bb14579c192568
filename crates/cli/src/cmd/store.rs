//! `petrel ingest`, `query`, `dyad`, `export` and `serve`: the store and its API on the command
//! line. The logic lives in `petrel-store` and `petrel-server`; this module parses flags, codes
//! documents and prints.

use super::common::{documents, usage_error, InputArgs};
use super::kb::{load_kb, KbArgs};
use anyhow::{bail, Context};
use petrel_coder::Coder;
use petrel_core::{Document, Span};
use petrel_dict::KnowledgeBase;
use petrel_events::Record;
use petrel_store::export::{export as export_events, ExportFormat};
use petrel_store::{
    parse_modalities, ActorPattern, Coded, DocStatus, EventFilter, Interval, Page, PutOutcome,
    SortKey, Store, StoredEvent,
};
use rayon::prelude::*;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

/// Sentence spans and records of one document, as the store keeps them.
fn code_one(coder: &Coder<'_>, doc: &Document) -> (Vec<Span>, Vec<Record>) {
    (petrel_text::sentence_spans(doc), coder.code(doc))
}

/// Options of `ingest`.
#[derive(clap::Args)]
pub struct IngestArgs {
    #[command(flatten)]
    input: InputArgs,
    /// The SQLite database to create or update.
    #[arg(long, value_name = "FILE")]
    db: PathBuf,
    /// Code and replace documents already stored with the same content (after a dictionary
    /// change).
    #[arg(long)]
    recode: bool,
    /// Documents per transaction.
    #[arg(long, default_value_t = 64, value_name = "N")]
    batch: usize,
    #[command(flatten)]
    kb: KbArgs,
}

#[derive(Default)]
struct Tally {
    inserted: u64,
    replaced: u64,
    unchanged: u64,
    duplicates: u64,
    events: u64,
    quotes: u64,
}

fn store_batch(
    store: &mut Store,
    coder: &Coder<'_>,
    docs: &mut Vec<Document>,
    recode: bool,
    tally: &mut Tally,
) -> anyhow::Result<()> {
    // Skip coding what would not change; code the rest in parallel; store in one transaction.
    let mut todo = Vec::with_capacity(docs.len());
    for d in docs.drain(..) {
        match store.status(&d)? {
            DocStatus::Unchanged if !recode => tally.unchanged += 1,
            DocStatus::Duplicate { .. } => tally.duplicates += 1,
            _ => todo.push(d),
        }
    }
    let coded: Vec<(Vec<Span>, Vec<Record>)> =
        todo.par_iter().map(|d| code_one(coder, d)).collect();
    let batch: Vec<Coded<'_>> = todo
        .iter()
        .zip(&coded)
        .map(|(doc, (sentences, records))| Coded {
            doc,
            sentences,
            records,
        })
        .collect();
    let outcomes = store
        .put_batch_with(&batch, recode)
        .with_context(|| format!("cannot store documents in {}", store.path().display()))?;
    for (o, (_, recs)) in outcomes.iter().zip(&coded) {
        let stored = match o {
            PutOutcome::Inserted => {
                tally.inserted += 1;
                true
            }
            PutOutcome::Replaced => {
                tally.replaced += 1;
                true
            }
            PutOutcome::Unchanged => {
                tally.unchanged += 1;
                false
            }
            PutOutcome::Duplicate { .. } => {
                tally.duplicates += 1;
                false
            }
        };
        if stored {
            for r in recs {
                match r {
                    Record::Event(_) => tally.events += 1,
                    Record::Quote(_) => tally.quotes += 1,
                }
            }
        }
    }
    Ok(())
}

/// `petrel ingest`.
pub fn ingest(a: IngestArgs) -> anyhow::Result<ExitCode> {
    let kb = load_kb(&a.kb)?;
    let coder = Coder::new(&kb);
    // The store's errors name the database file.
    let mut store = Store::open(&a.db)?;
    let batch_size = a.batch.clamp(1, 10_000);
    let mut tally = Tally::default();
    let mut pending: Vec<Document> = Vec::with_capacity(batch_size);
    let mut docs = documents(&a.input)?;
    let mut read = 0u64;
    for d in docs.by_ref() {
        read += 1;
        pending.push(d);
        if pending.len() >= batch_size {
            store_batch(&mut store, &coder, &mut pending, a.recode, &mut tally)?;
        }
    }
    store_batch(&mut store, &coder, &mut pending, a.recode, &mut tally)?;
    if !a.input.quiet {
        let c = store.counts()?;
        eprintln!(
            "petrel: {} documents read: {} new, {} replaced, {} unchanged, {} duplicates; \
             {} events and {} quotes stored{}",
            read,
            tally.inserted,
            tally.replaced,
            tally.unchanged,
            tally.duplicates,
            tally.events,
            tally.quotes,
            if docs.failed() {
                "; some inputs failed (see the errors above)".to_string()
            } else {
                String::new()
            }
        );
        eprintln!(
            "petrel: {} now holds {} documents, {} events ({} distinct), {} quotes, {} near-duplicate links",
            a.db.display(),
            c.documents,
            c.events,
            c.event_groups,
            c.quotes,
            c.duplicate_links
        );
    }
    Ok(docs.exit_code())
}

/// Event filters shared by `query` and `export`.
#[derive(clap::Args, Debug, Clone)]
pub struct FilterArgs {
    /// Source actor: a code prefix (RUS) or segments (GOV).
    #[arg(long, value_name = "CODE")]
    source: Option<String>,
    /// Target actor: a code prefix or segments.
    #[arg(long, value_name = "CODE")]
    target: Option<String>,
    /// Events between two actors, either direction (see --directed): RUS,USA.
    #[arg(long, value_name = "A,B")]
    dyad: Option<String>,
    /// With --dyad: only events from the first actor to the second.
    #[arg(long)]
    directed: bool,
    /// First event date, YYYY-MM-DD.
    #[arg(long, value_name = "DATE")]
    from: Option<String>,
    /// Last event date, YYYY-MM-DD.
    #[arg(long, value_name = "DATE")]
    to: Option<String>,
    /// CAMEO code prefix (13: threats).
    #[arg(long, value_name = "CODE")]
    cameo: Option<String>,
    /// QuadClass 1-4.
    #[arg(long, value_name = "N")]
    quad: Option<i64>,
    /// Modalities, comma separated (asserted, reported, negated, denied, hypothetical,
    /// conditional, future), or factual, or all.
    #[arg(long, default_value = "all", value_name = "LIST")]
    modality: String,
    /// Only events of this document id.
    #[arg(long, value_name = "ID")]
    doc: Option<String>,
    /// Only events whose evidence contains this text.
    #[arg(long, value_name = "TEXT")]
    text: Option<String>,
}

impl FilterArgs {
    fn filter(&self) -> anyhow::Result<EventFilter> {
        let mut f = EventFilter::default().with_dates(self.from.as_deref(), self.to.as_deref())?;
        f.source = self
            .source
            .as_deref()
            .map(|s| ActorPattern::parse("--source", s))
            .transpose()?;
        f.target = self
            .target
            .as_deref()
            .map(|s| ActorPattern::parse("--target", s))
            .transpose()?;
        if let Some(d) = &self.dyad {
            let Some((x, y)) = d.split_once(',') else {
                bail!("invalid --dyad: {d:?} is not two codes like RUS,USA");
            };
            f.dyad = Some((
                ActorPattern::parse("--dyad", x)?,
                ActorPattern::parse("--dyad", y)?,
            ));
        }
        f.directed = self.directed;
        if let Some(c) = &self.cameo {
            f = f.with_cameo(c)?;
        }
        if let Some(q) = self.quad {
            f = f.with_quad(q)?;
        }
        f.modalities = parse_modalities(&self.modality)?;
        f.doc = self.doc.clone();
        f.text = self.text.clone();
        Ok(f)
    }
}

fn open_existing(db: &PathBuf) -> anyhow::Result<Store> {
    if !db.exists() {
        bail!(
            "no database at {} (make one with `petrel ingest PATHS --db {}`)",
            db.display(),
            db.display()
        );
    }
    Ok(Store::open(db)?)
}

/// Output formats of `query` and `dyad`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum TableFormat {
    /// Aligned columns for people.
    Table,
    /// One JSON object a line.
    Jsonl,
    /// Comma-separated values with a header.
    Csv,
}

/// Options of `query`.
#[derive(clap::Args)]
pub struct QueryArgs {
    /// The SQLite database.
    #[arg(long, value_name = "FILE")]
    db: PathBuf,
    #[command(flatten)]
    filter: FilterArgs,
    /// Output format (jsonl and csv print every matching event unless --limit is given).
    #[arg(long, value_enum, default_value_t = TableFormat::Table)]
    format: TableFormat,
    /// Most events to print (table: 50 by default, at most 1000).
    #[arg(long, value_name = "N")]
    limit: Option<u32>,
    /// Sort key: date, goldstein, mentions, cameo, source, target or id.
    #[arg(long, default_value = "date", value_name = "KEY")]
    sort: String,
    /// Sort in descending order.
    #[arg(long)]
    desc: bool,
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

fn print_table(out: &mut impl Write, header: &[&str], rows: &[Vec<String>]) -> std::io::Result<()> {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for r in rows {
        for (i, c) in r.iter().enumerate() {
            widths[i] = widths[i].max(c.chars().count());
        }
    }
    let line = |out: &mut dyn Write, cells: &[String]| -> std::io::Result<()> {
        let mut s = String::new();
        for (i, c) in cells.iter().enumerate() {
            if i > 0 {
                s.push_str("  ");
            }
            s.push_str(c);
            if i + 1 < cells.len() {
                s.extend(std::iter::repeat_n(' ', widths[i] - c.chars().count()));
            }
        }
        writeln!(out, "{}", s.trim_end())
    };
    line(
        out,
        &header.iter().map(|h| h.to_string()).collect::<Vec<_>>(),
    )?;
    for r in rows {
        line(out, r)?;
    }
    Ok(())
}

fn event_cells(e: &StoredEvent) -> Vec<String> {
    let ev = &e.event;
    vec![
        if ev.date.is_empty() {
            "-".into()
        } else {
            ev.date.clone()
        },
        ev.source.code.clone(),
        ev.target
            .as_ref()
            .map(|t| t.code.clone())
            .filter(|c| !c.is_empty())
            .unwrap_or_else(|| "-".into()),
        ev.cameo.clone(),
        truncate(&ev.cameo_name, 28),
        format!("{:.1}", ev.goldstein),
        ev.quad_class.to_string(),
        ev.modality.as_str().to_string(),
        e.num_mentions.to_string(),
        truncate(&ev.doc, 24),
        truncate(&ev.evidence.text.replace('\n', " "), 60),
    ]
}

/// `petrel query`.
pub fn query(a: QueryArgs) -> anyhow::Result<ExitCode> {
    super::common::end_on_broken_pipe(query_to_output(a))
}

fn query_to_output(a: QueryArgs) -> anyhow::Result<ExitCode> {
    let checked = (|| -> anyhow::Result<_> {
        if a.limit == Some(0) {
            bail!("invalid --limit: 0 (give 1 or more)");
        }
        Ok((a.filter.filter()?, SortKey::parse(&a.sort)?))
    })();
    let (filter, sort) = match checked {
        Ok(v) => v,
        Err(e) => return Ok(usage_error(&e)),
    };
    let store = open_existing(&a.db)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let all = a.format != TableFormat::Table && a.limit.is_none();
    if all && sort == SortKey::Date && !a.desc {
        let format = match a.format {
            TableFormat::Csv => ExportFormat::Csv,
            _ => ExportFormat::Jsonl,
        };
        export_events(&store, &filter, format, &mut out)?;
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    let per_page = a
        .limit
        .unwrap_or(if all { petrel_store::MAX_PAGE_SIZE } else { 50 });
    let mut page = Page {
        page: 1,
        per_page: per_page.min(petrel_store::MAX_PAGE_SIZE),
        sort,
        descending: a.desc,
    };
    enum Sink<W: Write> {
        Table(Vec<Vec<String>>, W),
        Jsonl(W),
        Csv(Box<petrel_store::export::CsvEvents<W>>),
    }
    let mut sink = match a.format {
        TableFormat::Table => Sink::Table(Vec::new(), out),
        TableFormat::Jsonl => Sink::Jsonl(out),
        TableFormat::Csv => Sink::Csv(Box::new(petrel_store::export::CsvEvents::new(out)?)),
    };
    let mut total;
    let mut shown = 0u64;
    loop {
        let p = store.events(&filter, page)?;
        total = p.total;
        for e in &p.events {
            match &mut sink {
                Sink::Table(rows, _) => rows.push(event_cells(e)),
                Sink::Jsonl(out) => {
                    let mut v = serde_json::to_value(e)?;
                    if let serde_json::Value::Object(m) = &mut v {
                        m.insert("type".into(), "event".into());
                    }
                    writeln!(out, "{v}")?;
                }
                Sink::Csv(w) => w.write(e)?,
            }
        }
        shown += p.events.len() as u64;
        let want = if all {
            total
        } else {
            u64::from(per_page).min(total)
        };
        if p.events.is_empty() || shown >= want {
            break;
        }
        page.page += 1;
    }
    match sink {
        Sink::Table(rows, mut out) => {
            print_table(
                &mut out,
                &[
                    "date", "source", "target", "cameo", "event", "gold", "quad", "modality",
                    "mentions", "doc", "evidence",
                ],
                &rows,
            )?;
            out.flush()?;
            eprintln!("petrel: {shown} of {total} matching events");
        }
        Sink::Jsonl(mut out) => out.flush()?,
        Sink::Csv(w) => w.finish()?,
    }
    Ok(ExitCode::SUCCESS)
}

/// Options of `dyad`.
#[derive(clap::Args)]
pub struct DyadArgs {
    /// First actor: a code prefix (RUS) or segments.
    #[arg(value_name = "A")]
    a: String,
    /// Second actor.
    #[arg(value_name = "B")]
    b: String,
    /// The SQLite database.
    #[arg(long, value_name = "FILE")]
    db: PathBuf,
    /// Time buckets: day, week (labelled by Monday) or month.
    #[arg(long, default_value = "week", value_name = "INTERVAL")]
    by: String,
    /// Only events from A to B (else both directions).
    #[arg(long)]
    directed: bool,
    /// First event date, YYYY-MM-DD.
    #[arg(long, value_name = "DATE")]
    from: Option<String>,
    /// Last event date, YYYY-MM-DD.
    #[arg(long, value_name = "DATE")]
    to: Option<String>,
    /// Modalities counted: factual (asserted and reported, the default), all, or a list.
    #[arg(long, default_value = "factual", value_name = "LIST")]
    modality: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = TableFormat::Table)]
    format: TableFormat,
}

/// `petrel dyad`.
pub fn dyad(a: DyadArgs) -> anyhow::Result<ExitCode> {
    super::common::end_on_broken_pipe(dyad_to_output(a))
}

fn dyad_to_output(a: DyadArgs) -> anyhow::Result<ExitCode> {
    let checked = (|| -> anyhow::Result<_> {
        let x = ActorPattern::parse("A", &a.a)?;
        let y = ActorPattern::parse("B", &a.b)?;
        let by: Interval = a.by.parse()?;
        let mut filter = EventFilter::default().with_dates(a.from.as_deref(), a.to.as_deref())?;
        filter.modalities = parse_modalities(&a.modality)?;
        Ok((x, y, by, filter))
    })();
    let (x, y, by, mut filter) = match checked {
        Ok(v) => v,
        Err(e) => return Ok(usage_error(&e)),
    };
    filter.dyad = Some((x.clone(), y.clone()));
    filter.directed = a.directed;
    let store = open_existing(&a.db)?;
    for p in [&x, &y] {
        if !store.actor_known(p)? {
            bail!(
                "no stored actor code matches {:?} (see `petrel query --db {}` for the codes)",
                p.as_str(),
                a.db.display()
            );
        }
    }
    let points = store.timeline(&filter, by)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match a.format {
        TableFormat::Jsonl => {
            for p in &points {
                writeln!(out, "{}", serde_json::to_string(p)?)?;
            }
        }
        TableFormat::Csv | TableFormat::Table => {
            let header = [
                "period",
                "events",
                "verbal_coop",
                "material_coop",
                "verbal_conflict",
                "material_conflict",
                "goldstein_sum",
                "goldstein_mean",
            ];
            let rows: Vec<Vec<String>> = points
                .iter()
                .map(|p| {
                    vec![
                        p.period.clone(),
                        p.events.to_string(),
                        p.quad[0].to_string(),
                        p.quad[1].to_string(),
                        p.quad[2].to_string(),
                        p.quad[3].to_string(),
                        format!("{:.2}", p.goldstein_sum),
                        format!("{:.2}", p.goldstein_mean),
                    ]
                })
                .collect();
            if a.format == TableFormat::Csv {
                // Dates and numbers only: nothing to quote.
                writeln!(out, "{}", header.join(","))?;
                for r in &rows {
                    writeln!(out, "{}", r.join(","))?;
                }
            } else {
                print_table(&mut out, &header, &rows)?;
                let dir = if a.directed { "→" } else { "↔" };
                eprintln!(
                    "petrel: {} {dir} {}, {} events in {} {}s ({} modalities)",
                    x.as_str(),
                    y.as_str(),
                    points.iter().map(|p| p.events).sum::<u64>(),
                    points.len(),
                    a.by,
                    a.modality
                );
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// Options of `export`.
#[derive(clap::Args)]
pub struct ExportArgs {
    /// The SQLite database.
    #[arg(long, value_name = "FILE")]
    db: PathBuf,
    /// csv, jsonl, gdelt (GDELT 2.0 event table, tab separated, no header) or parquet.
    #[arg(long, value_name = "FORMAT")]
    format: String,
    /// Output file (default: standard output; Parquet needs a file).
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
    #[command(flatten)]
    filter: FilterArgs,
}

/// `petrel export`.
pub fn export(a: ExportArgs) -> anyhow::Result<ExitCode> {
    super::common::end_on_broken_pipe(export_to_output(a))
}

fn export_to_output(a: ExportArgs) -> anyhow::Result<ExitCode> {
    let checked =
        (|| -> anyhow::Result<(ExportFormat, _)> { Ok((a.format.parse()?, a.filter.filter()?)) })();
    let (format, filter) = match checked {
        Ok(v) => v,
        Err(e) => return Ok(usage_error(&e)),
    };
    let store = open_existing(&a.db)?;
    let n = match &a.output {
        Some(path) => {
            // Write next to the target and rename, so a failed export leaves no half file.
            // Messages name the file asked for, not the temporary one.
            let tmp = path.with_extension("petrel-partial");
            let f = std::fs::File::create(&tmp)
                .with_context(|| format!("cannot create {}", path.display()))?;
            let mut w = std::io::BufWriter::new(f);
            let written = export_events(&store, &filter, format, &mut w)
                .map_err(anyhow::Error::from)
                .and_then(|n| {
                    w.flush()?;
                    Ok(n)
                });
            drop(w);
            let n = match written {
                Ok(n) => n,
                Err(e) => {
                    let _ = std::fs::remove_file(&tmp);
                    return Err(e.context(format!("cannot write {}", path.display())));
                }
            };
            if let Err(e) = std::fs::rename(&tmp, path) {
                let _ = std::fs::remove_file(&tmp);
                return Err(
                    anyhow::Error::from(e).context(format!("cannot write {}", path.display()))
                );
            }
            n
        }
        None => {
            if format == ExportFormat::Parquet {
                bail!("Parquet is binary: give an output file with -o FILE");
            }
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            let n = export_events(&store, &filter, format, &mut out)?;
            out.flush()?;
            n
        }
    };
    eprintln!("petrel: exported {n} events");
    Ok(ExitCode::SUCCESS)
}

/// Options of `serve`.
#[derive(clap::Args)]
pub struct ServeArgs {
    /// The SQLite database (made by `petrel ingest`; see `--create`).
    #[arg(long, value_name = "FILE")]
    db: PathBuf,
    /// Create the database when it does not exist (an empty store, filled by POST
    /// /api/documents); without it a missing file is an error, so a typo is not served empty.
    #[arg(long)]
    create: bool,
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080", value_name = "HOST:PORT")]
    addr: String,
    /// Bearer token that POST /api/documents needs (else the PETREL_TOKEN environment
    /// variable; without either, posting is refused).
    #[arg(long, value_name = "TOKEN")]
    token: Option<String>,
    #[command(flatten)]
    kb: KbArgs,
}

/// `petrel serve`.
pub fn serve(a: ServeArgs) -> anyhow::Result<ExitCode> {
    if !a.create && !a.db.exists() {
        anyhow::bail!(
            "no database at {} (make one with `petrel ingest PATHS --db {}`, or pass --create \
             to serve an empty one)",
            a.db.display(),
            a.db.display()
        );
    }
    let token = a
        .token
        .clone()
        .or_else(|| std::env::var("PETREL_TOKEN").ok())
        .filter(|t| !t.is_empty());
    let kb: Arc<KnowledgeBase> = Arc::new(load_kb(&a.kb)?);
    let coder: Arc<petrel_server::CodeFn> = Arc::new(move |doc: &Document| {
        let coder = Coder::new(&kb);
        code_one(&coder, doc)
    });
    let posting = token.is_some();
    let state = petrel_server::AppState::new(&a.db, token, Some(coder))?;
    let db = a.db.display().to_string();
    petrel_server::serve_blocking(Arc::new(state), &a.addr, |addr| {
        eprintln!(
            "petrel: serving {db} on http://{addr}/ (API description at /api/openapi.json; posting {})",
            if posting { "needs the bearer token" } else { "disabled: no --token or PETREL_TOKEN" }
        );
    })?;
    Ok(ExitCode::SUCCESS)
}
