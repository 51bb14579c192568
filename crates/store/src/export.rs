//! Exports of stored events: CSV, JSON Lines, a GDELT 2.0 event table, and Parquet (with the
//! `parquet` feature).

use crate::{EventFilter, Result, Store, StoreError, StoredEvent};
use std::io::Write;

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// Flattened events with their counts, comma separated, header row.
    Csv,
    /// One JSON object a line: the event as `petrel code` prints it plus storage fields.
    Jsonl,
    /// GDELT 2.0 event table: 61 tab-separated columns, no header (as GDELT's files).
    Gdelt,
    /// Apache Parquet (needs the `parquet` feature).
    Parquet,
}

impl std::str::FromStr for ExportFormat {
    type Err = StoreError;
    fn from_str(s: &str) -> Result<Self> {
        match s {
            "csv" => Ok(ExportFormat::Csv),
            "jsonl" | "json" => Ok(ExportFormat::Jsonl),
            "gdelt" => Ok(ExportFormat::Gdelt),
            "parquet" => Ok(ExportFormat::Parquet),
            _ => Err(StoreError::Invalid {
                field: "format",
                message: format!(
                    "unknown export format {s:?} (expected csv, jsonl, gdelt or parquet)"
                ),
            }),
        }
    }
}

/// Columns of the CSV export (and of the Parquet one), in order.
pub const CSV_COLUMNS: &[&str] = &[
    "id",
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
    "location",
    "num_mentions",
    "num_articles",
    "num_sources",
    "num_stories",
    "doc_title",
    "doc_source",
    "doc_url",
];

/// The 61 columns of GDELT 2.0's event table, in order.
pub const GDELT_COLUMNS: [&str; 61] = [
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1KnownGroupCode",
    "Actor1EthnicCode",
    "Actor1Religion1Code",
    "Actor1Religion2Code",
    "Actor1Type1Code",
    "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2KnownGroupCode",
    "Actor2EthnicCode",
    "Actor2Religion1Code",
    "Actor2Religion2Code",
    "Actor2Type1Code",
    "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    "Actor1Geo_Type",
    "Actor1Geo_FullName",
    "Actor1Geo_CountryCode",
    "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat",
    "Actor1Geo_Long",
    "Actor1Geo_FeatureID",
    "Actor2Geo_Type",
    "Actor2Geo_FullName",
    "Actor2Geo_CountryCode",
    "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat",
    "Actor2Geo_Long",
    "Actor2Geo_FeatureID",
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
    "DATEADDED",
    "SOURCEURL",
];

/// CAMEO actor type codes (the "role" segments that follow a country or organisation code).
const TYPE_CODES: &[&str] = &[
    "AGR", "BUS", "CHR", "COP", "CRM", "CVL", "DEV", "EDU", "ELI", "ENV", "GOV", "HLH", "HRI",
    "IGO", "IMG", "INS", "JUD", "LAB", "LEG", "MED", "MIL", "MNC", "MOD", "NGM", "NGO", "OPP",
    "PTY", "RAD", "REB", "REF", "SEP", "SET", "SPY", "UAF",
];

/// The parts of a CAMEO actor code GDELT keeps apart: country, known group, up to three types.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct CodeParts {
    /// The leading country (or region) code.
    pub country: String,
    /// A known group or organisation ("NAT" in "IGOWSTNAT", "UNO").
    pub known_group: String,
    /// Type codes ("GOV", "MIL").
    pub types: Vec<String>,
}

/// Splits an actor code into three-letter segments: a leading segment that is not a type is
/// the country; type segments are types (three at most); the last other segment is the known
/// group.
pub fn code_parts(code: &str) -> CodeParts {
    let segs: Vec<&str> = (0..code.len() / 3)
        .filter_map(|i| code.get(i * 3..i * 3 + 3))
        .collect();
    let mut p = CodeParts::default();
    for (i, s) in segs.iter().enumerate() {
        if TYPE_CODES.contains(s) {
            if p.types.len() < 3 {
                p.types.push(s.to_string());
            }
        } else if i == 0 {
            p.country = s.to_string();
        } else {
            p.known_group = s.to_string();
        }
    }
    p
}

fn gdelt_row(e: &StoredEvent) -> Vec<String> {
    let ev = &e.event;
    let date = chrono::NaiveDate::parse_from_str(&ev.date, "%Y-%m-%d").ok();
    let (sqldate, month, year, fraction) = match date {
        Some(d) => {
            use chrono::Datelike;
            (
                d.format("%Y%m%d").to_string(),
                d.format("%Y%m").to_string(),
                d.format("%Y").to_string(),
                format!("{:.4}", d.year() as f64 + f64::from(d.ordinal0()) / 365.0),
            )
        }
        None => Default::default(),
    };
    let actor = |a: Option<&petrel_events::ActorRef>| -> Vec<String> {
        let Some(a) = a.filter(|a| !a.code.is_empty()) else {
            return vec![String::new(); 10];
        };
        let p = code_parts(&a.code);
        let name = a
            .name
            .clone()
            .unwrap_or_else(|| a.text.clone())
            .to_uppercase();
        let mut v = vec![
            a.code.clone(),
            name,
            p.country,
            p.known_group,
            String::new(),
            String::new(),
            String::new(),
        ];
        for i in 0..3 {
            v.push(p.types.get(i).cloned().unwrap_or_default());
        }
        v
    };
    let mut row = vec![e.id.to_string(), sqldate, month, year, fraction];
    row.extend(actor(Some(&ev.source)));
    row.extend(actor(ev.target.as_ref()));
    let cameo = &ev.cameo;
    row.extend([
        if e.is_root { "1" } else { "0" }.to_string(),
        cameo.clone(),
        cameo.get(..3).unwrap_or(cameo).to_string(),
        cameo.get(..2).unwrap_or(cameo).to_string(),
        ev.quad_class.to_string(),
        format!("{}", ev.goldstein),
        e.num_mentions.to_string(),
        e.num_sources.to_string(),
        e.num_articles.to_string(),
        String::new(), // AvgTone: petrel does not score tone.
    ]);
    // Actor1Geo and Actor2Geo: petrel does not geocode actors.
    row.extend(std::iter::repeat_n(String::new(), 16));
    // ActionGeo: the place the clause names, by name only (no coordinates or FIPS codes).
    let place = ev
        .location
        .as_ref()
        .map(|l| l.name.clone().unwrap_or_else(|| l.text.clone()))
        .unwrap_or_default();
    row.push(String::new());
    row.push(place);
    row.extend(std::iter::repeat_n(String::new(), 6));
    row.push(e.added.clone());
    row.push(e.doc_url.clone().unwrap_or_default());
    debug_assert_eq!(row.len(), GDELT_COLUMNS.len());
    row
}

/// One row of [`CSV_COLUMNS`]: the id, the event's own cells
/// ([`petrel_events::EVENT_COLUMNS`]), then location, counts and document.
fn csv_row(e: &StoredEvent) -> Vec<String> {
    let ev = &e.event;
    let mut row = Vec::with_capacity(CSV_COLUMNS.len());
    row.push(e.id.to_string());
    row.extend(petrel_events::event_row(ev));
    row.extend([
        ev.location
            .as_ref()
            .map(|l| l.name.clone().unwrap_or_else(|| l.text.clone()))
            .unwrap_or_default(),
        e.num_mentions.to_string(),
        e.num_articles.to_string(),
        e.num_sources.to_string(),
        e.num_stories.to_string(),
        e.doc_title.clone().unwrap_or_default(),
        e.doc_source.clone().unwrap_or_default(),
        e.doc_url.clone().unwrap_or_default(),
    ]);
    debug_assert_eq!(row.len(), CSV_COLUMNS.len());
    row
}

/// Writes stored events as CSV ([`CSV_COLUMNS`], header first), one at a time.
pub struct CsvEvents<W: Write> {
    w: csv::Writer<W>,
}

impl<W: Write> CsvEvents<W> {
    /// A writer that has written the header row.
    pub fn new(out: W) -> Result<Self> {
        let mut w = csv::Writer::from_writer(out);
        w.write_record(CSV_COLUMNS)?;
        Ok(CsvEvents { w })
    }
    /// Writes one event.
    pub fn write(&mut self, e: &StoredEvent) -> Result<()> {
        Ok(self.w.write_record(csv_row(e))?)
    }
    /// Flushes the output.
    pub fn finish(mut self) -> Result<()> {
        Ok(self.w.flush()?)
    }
}

/// Writes the events of `filter` to `out` in `format`. Returns how many were written.
pub fn export<W: Write>(
    store: &Store,
    filter: &EventFilter,
    format: ExportFormat,
    out: W,
) -> Result<u64> {
    match format {
        ExportFormat::Csv | ExportFormat::Gdelt => {
            let gdelt = format == ExportFormat::Gdelt;
            let mut w = csv::WriterBuilder::new()
                .delimiter(if gdelt { b'\t' } else { b',' })
                .quote_style(if gdelt {
                    csv::QuoteStyle::Never
                } else {
                    csv::QuoteStyle::Necessary
                })
                .from_writer(out);
            if !gdelt {
                w.write_record(CSV_COLUMNS)?;
            }
            let n = store.for_each_event(filter, |e| {
                if gdelt {
                    // GDELT files are never quoted: tabs and newlines inside cells become spaces.
                    let row: Vec<String> = gdelt_row(e)
                        .into_iter()
                        .map(|c| c.replace(['\t', '\n', '\r'], " "))
                        .collect();
                    w.write_record(&row)?;
                } else {
                    w.write_record(csv_row(e))?;
                }
                Ok(())
            })?;
            w.flush()?;
            Ok(n)
        }
        ExportFormat::Jsonl => {
            let mut out = std::io::BufWriter::new(out);
            let n = store.for_each_event(filter, |e| {
                let mut v = serde_json::to_value(e).map_err(|source| StoreError::Json {
                    field: "event",
                    error: source,
                })?;
                if let serde_json::Value::Object(m) = &mut v {
                    m.insert("type".into(), "event".into());
                }
                serde_json::to_writer(&mut out, &v).map_err(|source| StoreError::Json {
                    field: "event",
                    error: source,
                })?;
                out.write_all(b"\n")?;
                Ok(())
            })?;
            out.flush()?;
            Ok(n)
        }
        ExportFormat::Parquet => parquet_export(store, filter, out),
    }
}

#[cfg(not(feature = "parquet"))]
fn parquet_export<W: Write>(_: &Store, _: &EventFilter, _: W) -> Result<u64> {
    Err(StoreError::ParquetDisabled)
}

#[cfg(feature = "parquet")]
fn parquet_export<W: Write>(store: &Store, filter: &EventFilter, mut out: W) -> Result<u64> {
    use arrow_array::{ArrayRef, Float64Array, Int64Array, RecordBatch, StringArray};
    use arrow_schema::{DataType, Field, Schema};
    use std::sync::Arc;

    /// Which columns of [`CSV_COLUMNS`] are integers or floats; the rest are strings.
    fn kind(col: &str) -> DataType {
        match col {
            "id" | "sentence" | "quad_class" | "evidence_start" | "evidence_end"
            | "num_mentions" | "num_articles" | "num_sources" | "num_stories" => DataType::Int64,
            "goldstein" => DataType::Float64,
            _ => DataType::Utf8,
        }
    }
    let pq = |e: parquet::errors::ParquetError| StoreError::Parquet(e.to_string());
    let ar = |e: arrow_schema::ArrowError| StoreError::Parquet(e.to_string());
    let schema = Arc::new(Schema::new(
        CSV_COLUMNS
            .iter()
            .map(|c| Field::new(*c, kind(c), false))
            .collect::<Vec<_>>(),
    ));
    let props = parquet::file::properties::WriterProperties::builder()
        .set_compression(parquet::basic::Compression::SNAPPY)
        .build();
    // The writer needs a `Send` sink: it writes into a buffer that is drained into `out` after
    // every batch.
    let mut writer = parquet::arrow::ArrowWriter::try_new(Vec::new(), schema.clone(), Some(props))
        .map_err(pq)?;
    const BATCH: usize = 8192;
    let mut rows: Vec<Vec<String>> = Vec::with_capacity(BATCH);
    let flush = |rows: &mut Vec<Vec<String>>,
                 writer: &mut parquet::arrow::ArrowWriter<Vec<u8>>,
                 out: &mut W|
     -> Result<()> {
        if rows.is_empty() {
            return Ok(());
        }
        let cols: Vec<ArrayRef> = CSV_COLUMNS
            .iter()
            .enumerate()
            .map(|(i, c)| -> ArrayRef {
                match kind(c) {
                    DataType::Int64 => Arc::new(Int64Array::from_iter_values(
                        rows.iter().map(|r| r[i].parse::<i64>().unwrap_or(0)),
                    )),
                    DataType::Float64 => Arc::new(Float64Array::from_iter_values(
                        rows.iter().map(|r| r[i].parse::<f64>().unwrap_or(0.0)),
                    )),
                    _ => Arc::new(StringArray::from_iter_values(rows.iter().map(|r| &r[i]))),
                }
            })
            .collect();
        let batch = RecordBatch::try_new(schema.clone(), cols).map_err(ar)?;
        writer.write(&batch).map_err(pq)?;
        let buf = writer.inner_mut();
        out.write_all(buf)?;
        buf.clear();
        rows.clear();
        Ok(())
    };
    let mut n = 0u64;
    let mut pending: Option<StoreError> = None;
    store
        .for_each_event(filter, |e| {
            rows.push(csv_row(e));
            n += 1;
            if rows.len() >= BATCH {
                if let Err(err) = flush(&mut rows, &mut writer, &mut out) {
                    pending = Some(err);
                    return Err(StoreError::Parquet("write failed".into()));
                }
            }
            Ok(())
        })
        .map_err(|e| pending.take().unwrap_or(e))?;
    flush(&mut rows, &mut writer, &mut out)?;
    let rest = writer.into_inner().map_err(pq)?;
    out.write_all(&rest)?;
    out.flush()?;
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_parts_split_country_group_and_types() {
        assert_eq!(
            code_parts("RUSGOV"),
            CodeParts {
                country: "RUS".into(),
                known_group: String::new(),
                types: vec!["GOV".into()]
            }
        );
        let p = code_parts("IGOWSTNAT");
        assert_eq!(p.country, "");
        assert_eq!(p.types, vec!["IGO".to_string()]);
        assert_eq!(p.known_group, "NAT");
        assert_eq!(code_parts("USA").country, "USA");
    }

    #[test]
    fn csv_columns_hold_the_event_columns_after_the_id() {
        let n = petrel_events::EVENT_COLUMNS.len();
        assert_eq!(CSV_COLUMNS[0], "id");
        assert_eq!(&CSV_COLUMNS[1..=n], petrel_events::EVENT_COLUMNS);
    }

    #[test]
    fn formats_parse() {
        assert_eq!(
            "gdelt".parse::<ExportFormat>().unwrap(),
            ExportFormat::Gdelt
        );
        assert!("xlsx".parse::<ExportFormat>().is_err());
    }
}
