//! Options and wiring shared by the subcommands that read news: which inputs, in which format,
//! with which publication date, and how to report what went wrong.
//!
//! ```ignore
//! #[derive(clap::Args)]
//! pub struct Args {
//!     #[command(flatten)]
//!     input: common::InputArgs,
//! }
//! pub fn run(args: Args) -> anyhow::Result<ExitCode> {
//!     let mut docs = common::documents(&args.input)?;
//!     for doc in docs.by_ref() { /* ... */ }
//!     Ok(docs.exit_code())
//! }
//! ```

use chrono::NaiveDate;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use petrel_core::Document;
use petrel_ingest::{read_inputs, InputFormat, Inputs, Item, Options};
use std::path::PathBuf;
use std::process::ExitCode;

/// `--input-format` values.
#[derive(clap::ValueEnum, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum FormatArg {
    /// By extension (.html/.htm, .jsonl/.ndjson, .txt), else by looking at the content.
    #[default]
    Auto,
    /// Plain text: an optional headline line, paragraphs separated by blank lines.
    Text,
    /// An HTML page: the article is extracted, page furniture dropped.
    Html,
    /// JSON Lines: one story a line with id, title, text, date (YYYY-MM-DD or RFC 3339), url, source.
    Jsonl,
}

impl From<FormatArg> for InputFormat {
    fn from(f: FormatArg) -> Self {
        match f {
            FormatArg::Auto => InputFormat::Auto,
            FormatArg::Text => InputFormat::Text,
            FormatArg::Html => InputFormat::Html,
            FormatArg::Jsonl => InputFormat::Jsonl,
        }
    }
}

/// Parses `--date YYYY-MM-DD` (a bad date is a usage error, exit code 2).
pub fn parse_date_arg(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|e| format!("{s:?} is not a date in the form YYYY-MM-DD ({e})"))
}

/// The inputs of a command that reads news, and how to read them.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct InputArgs {
    /// Files, directories (read recursively, in sorted order) or `-` for standard input.
    /// With no path, standard input is read.
    #[arg(value_name = "PATHS")]
    pub paths: Vec<PathBuf>,

    /// Input format.
    #[arg(long, value_enum, default_value_t = FormatArg::Auto, value_name = "FORMAT")]
    pub input_format: FormatArg,

    /// Publication date of stories that carry none (JSON Lines and HTML metadata win); relative
    /// dates such as "Wednesday" resolve against it.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date_arg)]
    pub date: Option<NaiveDate>,

    /// Replace invalid UTF-8 with U+FFFD (and warn) instead of failing the input.
    #[arg(long)]
    pub lossy: bool,

    /// Stop at the first input error instead of going on with the other lines and files.
    #[arg(long)]
    pub strict: bool,

    /// No warnings and no progress bar on stderr (errors are still reported).
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

impl InputArgs {
    /// The ingestion options these flags stand for.
    pub fn options(&self) -> Options {
        Options {
            format: self.input_format.into(),
            lossy: self.lossy,
            strict: self.strict,
            date: self.date,
        }
    }

    /// The paths to read (`-` when none was given).
    pub fn paths(&self) -> Vec<PathBuf> {
        if self.paths.is_empty() {
            vec![PathBuf::from("-")]
        } else {
            self.paths.clone()
        }
    }
}

/// Reports a bad option value as `petrel: error: ...` on stderr and returns exit code 2, the
/// code of every usage error (as for the option errors clap finds itself).
pub fn usage_error(e: &anyhow::Error) -> ExitCode {
    eprintln!("petrel: error: {e:#}");
    ExitCode::from(2)
}

/// A write to a closed pipe (`petrel code ... | head`) is a normal end of the output: exit 0
/// and no message, as `petrel inspect` does. Other results pass through.
pub fn end_on_broken_pipe(result: anyhow::Result<ExitCode>) -> anyhow::Result<ExitCode> {
    match result {
        Err(e) if e.chain().any(broken_pipe_in) => Ok(ExitCode::SUCCESS),
        r => r,
    }
}

/// Whether `e` is a write to a closed pipe.
fn broken_pipe_in(e: &(dyn std::error::Error + 'static)) -> bool {
    if let Some(io) = e.downcast_ref::<std::io::Error>() {
        io.kind() == std::io::ErrorKind::BrokenPipe
    } else if let Some(w) = e.downcast_ref::<petrel_events::WriteError>() {
        w.is_broken_pipe()
    } else if let Some(s) = e.downcast_ref::<petrel_store::StoreError>() {
        s.is_broken_pipe()
    } else {
        false
    }
}

/// How serious a reported message is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// The input goes on.
    Warning,
    /// The input (or a line of it) failed.
    Error,
}

type Reporter = Box<dyn FnMut(Level, &str)>;

/// The documents of the inputs, in order. Warnings and errors are reported on stderr as
/// `petrel: warning: FILE: ...` and `petrel: error: FILE:LINE: ...` as they happen; a progress
/// spinner runs on stderr when it is a terminal (not with `--quiet`).
pub struct Documents {
    inner: Inputs,
    quiet: bool,
    bar: ProgressBar,
    report: Reporter,
    errors: u64,
}

/// Starts reading the inputs of `args`.
pub fn documents(args: &InputArgs) -> anyhow::Result<Documents> {
    let bar = if args.quiet {
        ProgressBar::hidden()
    } else {
        // hidden by indicatif itself when stderr is not a terminal
        let b = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        if let Ok(style) = ProgressStyle::with_template("{spinner} {pos} documents {msg}") {
            b.set_style(style);
        }
        b
    };
    let report_bar = bar.clone();
    let report: Reporter = Box::new(move |level, msg| {
        let tag = match level {
            Level::Warning => "warning",
            Level::Error => "error",
        };
        report_bar.suspend(|| eprintln!("petrel: {tag}: {msg}"));
    });
    Ok(Documents::with_reporter(args, bar, report))
}

impl Documents {
    /// Like [`documents`], with messages sent to `report` instead of stderr and no progress bar.
    pub fn with_reporter(args: &InputArgs, bar: ProgressBar, report: Reporter) -> Documents {
        Documents {
            inner: read_inputs(&args.paths(), &args.options()),
            quiet: args.quiet,
            bar,
            report,
            errors: 0,
        }
    }

    /// True when some input (or line of one) failed.
    pub fn failed(&self) -> bool {
        self.errors > 0
    }

    /// The progress bar (hidden unless stderr is a terminal), for commands that add a message.
    pub fn progress(&self) -> &ProgressBar {
        &self.bar
    }

    /// 1 when some input failed, else 0.
    pub fn exit_code(&self) -> ExitCode {
        ExitCode::from(u8::from(self.failed()))
    }
}

impl Iterator for Documents {
    type Item = Document;

    fn next(&mut self) -> Option<Document> {
        loop {
            match self.inner.next() {
                None => {
                    self.bar.finish_and_clear();
                    return None;
                }
                Some(Item::Document(d)) => {
                    self.bar.inc(1);
                    return Some(*d);
                }
                Some(Item::Warning(w)) => {
                    if !self.quiet {
                        (self.report)(Level::Warning, &w.to_string());
                    }
                }
                Some(Item::Error(e)) => {
                    self.errors += 1;
                    (self.report)(Level::Error, &e.to_string());
                }
            }
        }
    }
}

impl Drop for Documents {
    fn drop(&mut self) {
        self.bar.finish_and_clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;
    use std::cell::RefCell;
    use std::rc::Rc;

    #[derive(Parser)]
    struct Cli {
        #[command(flatten)]
        input: InputArgs,
    }

    fn collect(args: &InputArgs) -> (Vec<Document>, Vec<String>, bool) {
        let msgs = Rc::new(RefCell::new(Vec::new()));
        let sink = msgs.clone();
        let mut docs = Documents::with_reporter(
            args,
            ProgressBar::hidden(),
            Box::new(move |level, m| sink.borrow_mut().push(format!("{level:?}: {m}"))),
        );
        let out: Vec<Document> = docs.by_ref().collect();
        let failed = docs.failed();
        drop(docs);
        let msgs = msgs.borrow().clone();
        (out, msgs, failed)
    }

    #[test]
    fn flags_parse() {
        let cli = Cli::try_parse_from([
            "petrel",
            "a.txt",
            "-",
            "--input-format",
            "jsonl",
            "--date",
            "2021-12-15",
            "--lossy",
            "--strict",
            "--quiet",
        ])
        .unwrap();
        let o = cli.input.options();
        assert_eq!(o.format, InputFormat::Jsonl);
        assert_eq!(o.date, NaiveDate::from_ymd_opt(2021, 12, 15));
        assert!(o.lossy && o.strict && cli.input.quiet);
        assert_eq!(
            cli.input.paths(),
            [PathBuf::from("a.txt"), PathBuf::from("-")]
        );
        let none = Cli::try_parse_from(["petrel"]).unwrap();
        assert_eq!(none.input.paths(), [PathBuf::from("-")]);
    }

    #[test]
    fn bad_date_and_format_are_usage_errors() {
        for argv in [
            &["petrel", "--date", "2021-13-01"][..],
            &["petrel", "--date", "15/12/2021"],
            &["petrel", "--input-format", "pdf"],
        ] {
            let e = Cli::try_parse_from(argv).err().unwrap();
            assert_eq!(e.exit_code(), 2, "{argv:?}");
        }
    }

    #[test]
    fn failures_are_reported_and_tracked() {
        let dir = tempfile::tempdir().unwrap();
        let ok = dir.path().join("ok.txt");
        std::fs::write(&ok, "Diplomats met.\n").unwrap();
        let empty = dir.path().join("empty.txt");
        std::fs::write(&empty, "").unwrap();
        let bad = dir.path().join("s.jsonl");
        std::fs::write(&bad, "{\"text\":\"a\"}\n{oops\n").unwrap();
        let args = InputArgs {
            paths: vec![ok.clone(), empty.clone()],
            ..Default::default()
        };
        let (docs, msgs, failed) = collect(&args);
        assert_eq!(docs.len(), 1);
        assert!(!failed, "a warning is not a failure");
        assert_eq!(
            msgs,
            [format!("Warning: {}: empty file, skipped", empty.display())]
        );

        let quiet = InputArgs {
            paths: vec![empty, bad.clone(), dir.path().join("missing.txt")],
            quiet: true,
            ..Default::default()
        };
        let (docs, msgs, failed) = collect(&quiet);
        assert_eq!(docs.len(), 1);
        assert!(failed);
        assert_eq!(msgs.len(), 2, "{msgs:?}");
        assert!(msgs[0].starts_with(&format!("Error: {}:2: malformed JSON", bad.display())));
        assert!(msgs[1].ends_with("missing.txt: no such file or directory"));
    }
}
