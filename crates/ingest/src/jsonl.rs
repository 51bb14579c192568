//! JSON Lines stories: one object a line with `id`, `title`, `text`, `date`, `url`, `source`.
//! Read line by line, so memory stays constant whatever the file size.

use crate::builder::{DocBuilder, Meta};
use crate::decode::decode;
use crate::error::{IngestError, Warning};
use crate::Item;
use chrono::{DateTime, NaiveDate, NaiveDateTime};
use serde::Deserialize;
use serde_json::value::RawValue;
use std::io::BufRead;

/// The fields petrel reads; others are ignored.
#[derive(Deserialize)]
struct RawRecord<'a> {
    #[serde(borrow, default)]
    id: Option<&'a RawValue>,
    #[serde(borrow, default)]
    title: Option<&'a RawValue>,
    #[serde(borrow, default)]
    text: Option<&'a RawValue>,
    #[serde(borrow, default)]
    date: Option<&'a RawValue>,
    #[serde(borrow, default)]
    url: Option<&'a RawValue>,
    #[serde(borrow, default)]
    source: Option<&'a RawValue>,
}

/// Parses a date field: `YYYY-MM-DD` or RFC 3339 (the date as written, in its own offset).
pub fn parse_date(s: &str) -> Result<NaiveDate, String> {
    let t = s.trim();
    if let Ok(d) = NaiveDate::parse_from_str(t, "%Y-%m-%d") {
        return Ok(d);
    }
    if let Ok(dt) = DateTime::parse_from_rfc3339(t) {
        return Ok(dt.date_naive());
    }
    if let Ok(dt) = NaiveDateTime::parse_from_str(t, "%Y-%m-%dT%H:%M:%S%.f") {
        return Ok(dt.date());
    }
    Err(format!(
        "{s:?} is not a date (expected YYYY-MM-DD or RFC 3339)"
    ))
}

/// A streaming reader of one JSON Lines input.
pub(crate) struct JsonlStream {
    reader: Box<dyn BufRead>,
    file: String,
    origin: String,
    stem: String,
    line: usize,
    offset: usize,
    buf: Vec<u8>,
    lossy: bool,
    default_date: Option<NaiveDate>,
    saw_content: bool,
    done: bool,
}

/// Longest line buffer kept between lines; a longer one is freed after use.
const KEEP_BUF: usize = 1 << 20;

impl JsonlStream {
    /// `file` names the input in messages, `origin` in documents (`-` for stdin), `stem` makes
    /// ids for stories without one.
    pub fn new(
        reader: Box<dyn BufRead>,
        file: String,
        origin: String,
        stem: String,
        lossy: bool,
        default_date: Option<NaiveDate>,
    ) -> Self {
        JsonlStream {
            reader,
            file,
            origin,
            stem,
            line: 0,
            offset: 0,
            buf: Vec::new(),
            lossy,
            default_date,
            saw_content: false,
            done: false,
        }
    }

    /// The next items: a document, or warnings and errors for this line. Empty at the end.
    pub fn next_items(&mut self, out: &mut Vec<Item>) {
        while !self.done {
            if self.buf.capacity() > KEEP_BUF {
                self.buf = Vec::new();
            }
            self.buf.clear();
            match self.reader.read_until(b'\n', &mut self.buf) {
                Ok(0) => {
                    self.done = true;
                    if !self.saw_content {
                        out.push(Item::Warning(Warning::EmptyFile {
                            file: self.file.clone(),
                        }));
                    }
                    return;
                }
                Ok(n) => {
                    self.line += 1;
                    let start = self.offset;
                    self.offset += n;
                    let mut end = self.buf.len();
                    while end > 0 && matches!(self.buf[end - 1], b'\n' | b'\r') {
                        end -= 1;
                    }
                    let mut begin = 0;
                    if self.line == 1 && self.buf[..end].starts_with(b"\xEF\xBB\xBF") {
                        begin = 3;
                    }
                    if self.buf[begin..end].iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    self.saw_content = true;
                    let buf = std::mem::take(&mut self.buf);
                    self.parse_line(&buf[begin..end], start + begin, out);
                    self.buf = buf;
                    return;
                }
                Err(e) => {
                    self.done = true;
                    out.push(Item::Error(IngestError::Io {
                        file: self.file.clone(),
                        source: e,
                    }));
                    return;
                }
            }
        }
    }

    fn parse_line(&self, raw: &[u8], base: usize, out: &mut Vec<Item>) {
        let line = self.line;
        let decoded = match decode(raw, self.lossy) {
            Ok(d) => d,
            Err(off) => {
                out.push(Item::Error(IngestError::InvalidUtf8 {
                    file: self.file.clone(),
                    line: Some(line),
                    offset: (base + off) as u64,
                }));
                return;
            }
        };
        if decoded.replaced > 0 {
            out.push(Item::Warning(Warning::Replaced {
                file: self.file.clone(),
                line: Some(line),
                count: decoded.replaced,
                offset: (base + decoded.first_bad) as u64,
            }));
        }
        match self.record(&decoded.text) {
            Ok(Some((mut b, meta))) => {
                let map = b.take_map();
                b.set_map(decoded.to_raw(map, base));
                out.push(Item::Document(Box::new(b.finish(meta))));
            }
            Ok(None) => out.push(Item::Warning(Warning::EmptyStory {
                file: self.file.clone(),
                line,
            })),
            Err(e) => out.push(Item::Error(e)),
        }
    }

    fn json_err(&self, e: serde_json::Error) -> IngestError {
        IngestError::Json {
            file: self.file.clone(),
            line: self.line,
            message: e.to_string(),
        }
    }

    fn bad(&self, field: &'static str, message: impl Into<String>) -> IngestError {
        IngestError::BadField {
            file: self.file.clone(),
            line: self.line,
            field,
            message: message.into(),
        }
    }

    /// An optional string field (null and absent are `None`).
    fn string(
        &self,
        v: Option<&RawValue>,
        field: &'static str,
    ) -> Result<Option<String>, IngestError> {
        match v {
            None => Ok(None),
            Some(v) => serde_json::from_str::<Option<String>>(v.get()).map_err(|_| {
                self.bad(field, format!("expected a string, found {}", kind(v.get())))
            }),
        }
    }

    /// Parses one decoded line into a document builder, `None` for an empty story.
    fn record(&self, line: &str) -> Result<Option<(DocBuilder, Meta)>, IngestError> {
        let trimmed = line.trim_start();
        if !trimmed.starts_with('{') {
            return Err(IngestError::Json {
                file: self.file.clone(),
                line: self.line,
                message: format!("expected a JSON object, found {}", kind(trimmed)),
            });
        }
        let rec: RawRecord<'_> = serde_json::from_str(line).map_err(|e| self.json_err(e))?;
        let id = match rec.id {
            None => None,
            Some(v) => match serde_json::from_str::<serde_json::Value>(v.get()) {
                Ok(serde_json::Value::String(s)) => Some(s),
                Ok(serde_json::Value::Number(n)) => Some(n.to_string()),
                Ok(serde_json::Value::Null) => None,
                _ => {
                    return Err(self.bad(
                        "id",
                        format!("expected a string or a number, found {}", kind(v.get())),
                    ))
                }
            },
        }
        .unwrap_or_else(|| format!("{}-{}", self.stem, self.line));
        let Some(text_raw) = rec.text.filter(|v| v.get() != "null") else {
            return Err(IngestError::MissingField {
                file: self.file.clone(),
                line: self.line,
                field: "text",
            });
        };
        let text = self.string(Some(text_raw), "text")?.unwrap_or_default();
        let title = self.string(rec.title, "title")?;
        let date = match self.string(rec.date, "date")? {
            None => None,
            Some(s) => Some(parse_date(&s).map_err(|m| self.bad("date", m))?),
        };
        let url = self.string(rec.url, "url")?;
        let source = self.string(rec.source, "source")?;

        let offset_of = |v: &RawValue| v.get().as_ptr() as usize - line.as_ptr() as usize;
        let mut b = DocBuilder::new();
        let title_t = title.as_deref().map(str::trim).unwrap_or("");
        if !title_t.is_empty() {
            let raw = rec.title.map(|v| (v.get(), offset_of(v)));
            let pieces = raw
                .map(|(r, o)| string_pieces(r, o, title.as_deref().unwrap_or(""), title_t))
                .unwrap_or_default();
            b.title_pieces(title_t, &pieces);
        }
        let body = text.trim();
        if !body.is_empty() {
            let pieces = string_pieces(text_raw.get(), offset_of(text_raw), &text, body);
            b.paragraph_pieces(body, &pieces);
        }
        if b.paragraphs() == 0 {
            return Ok(None);
        }
        let meta = Meta {
            id,
            origin: if self.origin == "-" {
                format!("-:{}", self.line)
            } else {
                format!("{}:{}", self.origin, self.line)
            },
            date: date.or(self.default_date),
            url,
            source,
        };
        Ok(Some((b, meta)))
    }
}

/// What kind of JSON value starts `s`, for messages.
fn kind(s: &str) -> &'static str {
    match s.trim_start().chars().next() {
        Some('{') => "an object",
        Some('[') => "an array",
        Some('"') => "a string",
        Some('t' | 'f') => "a boolean",
        Some('n') => "null",
        Some(c) if c == '-' || c.is_ascii_digit() => "a number",
        _ => "something else",
    }
}

/// Maps a JSON string literal back to the line: `raw` is the literal (with quotes) at byte
/// `raw_offset` of the line, `full` its decoded value and `part` a subslice of `full`.
/// Returns `(offset in part, len, offset in line)` for every run copied without escapes.
fn string_pieces(
    raw: &str,
    raw_offset: usize,
    full: &str,
    part: &str,
) -> Vec<(usize, usize, usize)> {
    let Some(inner) = raw.strip_prefix('"').and_then(|r| r.strip_suffix('"')) else {
        return Vec::new();
    };
    let part_start = part.as_ptr() as usize - full.as_ptr() as usize;
    let part_end = part_start + part.len();
    // walk the literal: (decoded offset, raw offset, len) runs
    let bytes = inner.as_bytes();
    let mut runs = Vec::new();
    let mut decoded = String::with_capacity(full.len());
    let mut i = 0;
    while i < bytes.len() {
        let run_start = i;
        while i < bytes.len() && bytes[i] != b'\\' {
            i += 1;
        }
        if i > run_start {
            runs.push((decoded.len(), 1 + run_start, i - run_start));
            decoded.push_str(&inner[run_start..i]);
        }
        if i >= bytes.len() {
            break;
        }
        // an escape
        let Some(&e) = bytes.get(i + 1) else {
            return Vec::new();
        };
        i += 2;
        match e {
            b'n' => decoded.push('\n'),
            b't' => decoded.push('\t'),
            b'r' => decoded.push('\r'),
            b'b' => decoded.push('\u{8}'),
            b'f' => decoded.push('\u{c}'),
            b'"' | b'\\' | b'/' => decoded.push(e as char),
            b'u' => {
                let hex = |at: usize| {
                    inner
                        .get(at..at + 4)
                        .and_then(|h| u32::from_str_radix(h, 16).ok())
                };
                let Some(hi) = hex(i) else {
                    return Vec::new();
                };
                i += 4;
                let c = if (0xD800..0xDC00).contains(&hi) && inner.get(i..i + 2) == Some("\\u") {
                    match hex(i + 2) {
                        Some(lo) if (0xDC00..0xE000).contains(&lo) => {
                            i += 6;
                            char::from_u32(0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00))
                        }
                        _ => None,
                    }
                } else {
                    char::from_u32(hi)
                };
                decoded.push(c.unwrap_or('\u{FFFD}'));
            }
            _ => return Vec::new(),
        }
    }
    if decoded != full {
        return Vec::new();
    }
    runs.into_iter()
        .filter_map(|(d, r, len)| {
            let s = d.max(part_start);
            let e = (d + len).min(part_end);
            (s < e).then(|| (s - part_start, e - s, raw_offset + r + (s - d)))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(input: &str) -> Vec<Item> {
        let mut s = JsonlStream::new(
            Box::new(std::io::Cursor::new(input.as_bytes().to_vec())),
            "w.jsonl".into(),
            "w.jsonl".into(),
            "w".into(),
            false,
            None,
        );
        let mut out = Vec::new();
        loop {
            let n = out.len();
            s.next_items(&mut out);
            if out.len() == n && s.done {
                break;
            }
        }
        out
    }

    #[test]
    fn a_story_with_title_and_escapes() {
        let line = r#"{"id": "a1", "title": "Talks \"resume\"", "text": "Diplomats met.\n\nThey said \u00e9 little.", "date": "2021-12-15T10:00:00+03:00", "url": "https://example.org/a1", "source": "Wire", "extra": [1]}"#;
        let items = run(&format!("{line}\n"));
        let [Item::Document(d)] = &items[..] else {
            panic!("{items:?}")
        };
        assert_eq!(d.id, "a1");
        assert_eq!(d.title.as_deref(), Some("Talks \"resume\""));
        assert_eq!(
            d.text,
            "Talks \"resume\"\n\nDiplomats met.\n\nThey said é little."
        );
        assert_eq!(d.date, NaiveDate::from_ymd_opt(2021, 12, 15));
        assert_eq!(d.origin, "w.jsonl:1");
        assert_eq!(d.url.as_deref(), Some("https://example.org/a1"));
        assert_eq!(d.source.as_deref(), Some("Wire"));
        // every mapped piece is byte-identical in the line
        assert!(d.source_map.len() >= 4);
        for m in &d.source_map {
            assert_eq!(
                &d.text[m.text_start..m.text_start + m.len],
                &line[m.input_start..m.input_start + m.len]
            );
        }
        let at = d.text.find("Diplomats").unwrap();
        assert_eq!(d.input_offset(at), line.find("Diplomats"));
    }

    #[test]
    fn errors_name_line_and_field() {
        let input = "{\"id\":\"a\",\"text\":\"ok.\",\"date\":\"2021-12-15\"}\n\
                     {not json\n\
                     {\"id\":\"c\",\"title\":\"t\"}\n\
                     {\"id\":\"d\",\"text\":\"x\",\"date\":\"15/12/2021\"}\n\
                     \n\
                     [1,2]\n\
                     {\"id\":\"f\",\"text\":5}\n\
                     {\"id\":\"g\",\"text\":\"\",\"title\":null}\n\
                     {\"text\":\"no id\",\"date\":null}\n";
        let items = run(input);
        let msgs: Vec<String> = items
            .iter()
            .map(|i| match i {
                Item::Document(d) => format!("doc {} {}", d.id, d.origin),
                Item::Warning(w) => format!("warning {w}"),
                Item::Error(e) => format!("error {e}"),
            })
            .collect();
        assert_eq!(msgs[0], "doc a w.jsonl:1");
        assert!(
            msgs[1].starts_with("error w.jsonl:2: malformed JSON"),
            "{}",
            msgs[1]
        );
        assert_eq!(msgs[2], "error w.jsonl:3: field `text` is missing");
        assert!(
            msgs[3].starts_with("error w.jsonl:4: field `date`: \"15/12/2021\" is not a date"),
            "{}",
            msgs[3]
        );
        assert!(
            msgs[4].starts_with("error w.jsonl:6: malformed JSON: expected a JSON object"),
            "{}",
            msgs[4]
        );
        assert_eq!(
            msgs[5],
            "error w.jsonl:7: field `text`: expected a string, found a number"
        );
        assert!(
            msgs[6].starts_with("warning w.jsonl:8: empty story"),
            "{}",
            msgs[6]
        );
        assert_eq!(msgs[7], "doc w-9 w.jsonl:9");
        assert_eq!(msgs.len(), 8);
    }

    #[test]
    fn dates() {
        assert_eq!(
            parse_date("2021-12-15"),
            Ok(NaiveDate::from_ymd_opt(2021, 12, 15).unwrap())
        );
        assert_eq!(
            parse_date("2021-12-15T23:30:00-05:00"),
            Ok(NaiveDate::from_ymd_opt(2021, 12, 15).unwrap())
        );
        assert_eq!(
            parse_date("2021-12-15T23:30:00Z"),
            Ok(NaiveDate::from_ymd_opt(2021, 12, 15).unwrap())
        );
        assert!(parse_date("2021-02-30").is_err());
        assert!(parse_date("yesterday").is_err());
    }

    #[test]
    fn empty_file_warns() {
        let items = run("\n  \n");
        assert!(matches!(
            &items[..],
            [Item::Warning(Warning::EmptyFile { .. })]
        ));
    }

    #[test]
    fn surrogate_pairs_and_unicode_map() {
        let line = r#"{"text":"A \ud83d\ude00 b \u201cq\u201d"}"#;
        let items = run(line);
        let [Item::Document(d)] = &items[..] else {
            panic!("{items:?}")
        };
        assert_eq!(d.text, "A 😀 b “q”");
        for m in &d.source_map {
            assert_eq!(
                &d.text[m.text_start..m.text_start + m.len],
                &line[m.input_start..m.input_start + m.len]
            );
        }
    }
}
