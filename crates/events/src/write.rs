//! Output writers: JSON Lines (every record), CSV and TSV (events flattened to one row each).

use crate::{Event, Record};
use std::io::Write;

/// Errors while writing output. Each message carries its cause's, and `source()` is `None`,
/// so that printing the error with its chain does not say the cause twice.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// The output could not be written.
    #[error("cannot write output: {0}")]
    Io(std::io::Error),
    /// CSV encoding failed.
    #[error("cannot write CSV: {0}")]
    Csv(csv::Error),
    /// JSON encoding failed.
    #[error("cannot write JSON: {0}")]
    Json(serde_json::Error),
}

impl WriteError {
    /// Whether the reader of the output went away (`petrel code ... | head`): a normal end for
    /// a command-line tool rather than a failure.
    pub fn is_broken_pipe(&self) -> bool {
        let kind = match self {
            WriteError::Io(e) => Some(e.kind()),
            WriteError::Csv(e) => match e.kind() {
                csv::ErrorKind::Io(e) => Some(e.kind()),
                _ => None,
            },
            WriteError::Json(e) => e.io_error_kind(),
        };
        kind == Some(std::io::ErrorKind::BrokenPipe)
    }
}

impl From<std::io::Error> for WriteError {
    fn from(e: std::io::Error) -> Self {
        WriteError::Io(e)
    }
}

impl From<csv::Error> for WriteError {
    fn from(e: csv::Error) -> Self {
        WriteError::Csv(e)
    }
}

impl From<serde_json::Error> for WriteError {
    fn from(e: serde_json::Error) -> Self {
        WriteError::Json(e)
    }
}

/// The formats `petrel code` can print.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    /// One JSON object a line, events and quotes (`"type"` tells them apart).
    Jsonl,
    /// Events flattened, comma separated, with a header row. Quotes are not written.
    Csv,
    /// Events flattened, tab separated, with a header row. Quotes are not written.
    Tsv,
}

impl std::str::FromStr for OutputFormat {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "jsonl" | "json" => Ok(OutputFormat::Jsonl),
            "csv" => Ok(OutputFormat::Csv),
            "tsv" => Ok(OutputFormat::Tsv),
            _ => Err(format!(
                "unknown output format {s:?} (expected jsonl, csv or tsv)"
            )),
        }
    }
}

/// The column names of the flattened event table (CSV/TSV), in order.
pub const EVENT_COLUMNS: &[&str] = &[
    "doc",
    "sentence",
    "date",
    "source_code",
    "source_text",
    "source_name",
    "target_code",
    "target_text",
    "target_name",
    "cameo",
    "cameo_name",
    "goldstein",
    "quad_class",
    "plover_type",
    "plover_mode",
    "modality",
    "attribution",
    "evidence_start",
    "evidence_end",
    "evidence_text",
    "rule",
];

/// Flattens an event into the cells of [`EVENT_COLUMNS`].
pub fn event_row(e: &Event) -> Vec<String> {
    let t = e.target.as_ref();
    vec![
        e.doc.clone(),
        e.sentence.to_string(),
        e.date.clone(),
        e.source.code.clone(),
        e.source.text.clone(),
        e.source.name.clone().unwrap_or_default(),
        t.map(|t| t.code.clone()).unwrap_or_default(),
        t.map(|t| t.text.clone()).unwrap_or_default(),
        t.and_then(|t| t.name.clone()).unwrap_or_default(),
        e.cameo.clone(),
        e.cameo_name.clone(),
        format!("{}", e.goldstein),
        e.quad_class.to_string(),
        e.plover.kind.clone(),
        e.plover.mode.clone(),
        e.modality.as_str().to_string(),
        e.attribution
            .iter()
            .map(|a| match &a.code {
                Some(c) => format!("{} ({c})", a.text),
                None => a.text.clone(),
            })
            .collect::<Vec<_>>()
            .join(" < "),
        e.evidence.start.to_string(),
        e.evidence.end.to_string(),
        e.evidence.text.clone(),
        e.rule.clone(),
    ]
}

enum Inner<W: Write> {
    Jsonl(W),
    Table(Box<csv::Writer<W>>),
}

/// Streams records to an output in one format.
pub struct RecordWriter<W: Write> {
    inner: Inner<W>,
}

impl<W: Write> RecordWriter<W> {
    /// A writer for `format`; CSV/TSV print their header at once.
    pub fn new(out: W, format: OutputFormat) -> Self {
        let inner = match format {
            OutputFormat::Jsonl => Inner::Jsonl(out),
            OutputFormat::Csv | OutputFormat::Tsv => {
                let delim = if format == OutputFormat::Csv {
                    b','
                } else {
                    b'\t'
                };
                let mut w = csv::WriterBuilder::new().delimiter(delim).from_writer(out);
                // A header write error surfaces again on the first record or on finish.
                let _ = w.write_record(EVENT_COLUMNS);
                Inner::Table(Box::new(w))
            }
        };
        RecordWriter { inner }
    }

    /// Writes one record (quotes are skipped by the tabular formats).
    pub fn write(&mut self, record: &Record) -> Result<(), WriteError> {
        match &mut self.inner {
            Inner::Jsonl(w) => {
                serde_json::to_writer(&mut *w, record)?;
                w.write_all(b"\n")?;
            }
            Inner::Table(w) => {
                if let Record::Event(e) = record {
                    w.write_record(event_row(e))?;
                }
            }
        }
        Ok(())
    }

    /// Flushes the output.
    pub fn finish(self) -> Result<(), WriteError> {
        match self.inner {
            Inner::Jsonl(mut w) => w.flush()?,
            Inner::Table(mut w) => w.flush()?,
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tests::sample_event;
    use crate::Record;

    #[test]
    fn csv_has_header_and_row() {
        let mut buf = Vec::new();
        let mut w = RecordWriter::new(&mut buf, OutputFormat::Csv);
        w.write(&Record::Event(sample_event())).unwrap();
        w.finish().unwrap();
        let s = String::from_utf8(buf).unwrap();
        let mut lines = s.lines();
        assert!(lines
            .next()
            .unwrap()
            .starts_with("doc,sentence,date,source_code"));
        let row = lines.next().unwrap();
        assert!(row.starts_with("d1,3,2021-12-15,RUSGOV,Putin,Vladimir Putin,FINGOV"));
        assert!(row.contains("Interfax (RUSMED)"));
    }

    #[test]
    fn tsv_uses_tabs_and_jsonl_one_line_each() {
        let mut buf = Vec::new();
        let mut w = RecordWriter::new(&mut buf, OutputFormat::Tsv);
        w.write(&Record::Event(sample_event())).unwrap();
        w.finish().unwrap();
        assert!(String::from_utf8(buf)
            .unwrap()
            .lines()
            .nth(1)
            .unwrap()
            .starts_with("d1\t3\t"));
        let mut buf = Vec::new();
        crate::write_jsonl(
            &mut buf,
            &[Record::Event(sample_event()), Record::Event(sample_event())],
        )
        .unwrap();
        assert_eq!(String::from_utf8(buf).unwrap().lines().count(), 2);
    }

    /// A writer whose reader has gone away.
    struct ClosedPipe;

    impl Write for ClosedPipe {
        fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
            Err(std::io::ErrorKind::BrokenPipe.into())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Err(std::io::ErrorKind::BrokenPipe.into())
        }
    }

    #[test]
    fn a_closed_pipe_is_told_apart_in_every_format() {
        for format in [OutputFormat::Jsonl, OutputFormat::Csv, OutputFormat::Tsv] {
            let mut w = RecordWriter::new(ClosedPipe, format);
            let err = w
                .write(&Record::Event(sample_event()))
                .err()
                .or_else(|| w.finish().err())
                .expect("writing to a closed pipe fails");
            assert!(err.is_broken_pipe(), "{format:?}: {err}");
        }
        let other = WriteError::Io(std::io::ErrorKind::PermissionDenied.into());
        assert!(!other.is_broken_pipe());
    }
}
