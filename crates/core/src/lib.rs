//! petrel-core: the few types every stage of the pipeline shares.
//!
//! A [`Document`] owns its text; everything later stages produce (sentences, tokens, actor
//! mentions, events, quotes) is a [`Span`], a byte range into [`Document::text`].
//!
//! Architecture invariant: this crate has no I/O and no knowledge of any later stage.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A half-open byte range `start..end` into a document's text.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end` (`start <= end`).
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end, "span start {start} after end {end}");
        Span { start, end }
    }
    /// Number of bytes covered.
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    /// True when the span covers no byte.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
    /// The text this span covers in `text`; empty if out of range or not on char boundaries.
    pub fn slice<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start..self.end).unwrap_or("")
    }
    /// The smallest span covering both.
    pub fn cover(&self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }
    /// True when `other` lies inside this span.
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

/// One news story, as ingestion produced it.
///
/// `text` is the analysed text: the headline (if any) as its own first paragraph, then the body,
/// paragraphs separated by blank lines. All spans of later stages are byte offsets into `text`.
/// `source_map` maps ranges of `text` back to byte offsets of the original input (useful for
/// HTML, where the text is extracted from markup); for plain text it is the identity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Document {
    /// Stable identifier: from the story's metadata, else derived from the file name (and line).
    pub id: String,
    /// Headline, when the input has one. It is also the first paragraph of `text`.
    pub title: Option<String>,
    /// The span of the headline inside `text`.
    pub title_span: Option<Span>,
    /// The analysed text.
    pub text: String,
    /// Publication date, when known (metadata, `--date`, or a dateline).
    pub date: Option<NaiveDate>,
    /// Address of the story, when known.
    pub url: Option<String>,
    /// Outlet or dataset name, when known.
    pub source: Option<String>,
    /// Where the document came from: a path, `path:line` for JSON Lines, or `-` for stdin.
    pub origin: String,
    /// Pieces of `text` and where each came from in the original input.
    pub source_map: Vec<SourceMapping>,
}

/// `text[text_start .. text_start+len]` came from `input[input_start .. input_start+len']`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceMapping {
    /// Byte offset in `Document::text`.
    pub text_start: usize,
    /// Length in bytes in `Document::text`.
    pub len: usize,
    /// Byte offset in the original input.
    pub input_start: usize,
}

impl Document {
    /// A document with just an id and text (tests, `explain`).
    pub fn from_text(id: impl Into<String>, text: impl Into<String>) -> Self {
        let text = text.into();
        let len = text.len();
        Document {
            id: id.into(),
            origin: String::new(),
            source_map: vec![SourceMapping {
                text_start: 0,
                len,
                input_start: 0,
            }],
            text,
            ..Default::default()
        }
    }

    /// Maps a byte offset of `text` back to the original input, when the mapping knows it.
    pub fn input_offset(&self, text_offset: usize) -> Option<usize> {
        let i = self
            .source_map
            .partition_point(|m| m.text_start + m.len <= text_offset);
        let m = self.source_map.get(i)?;
        (m.text_start <= text_offset).then(|| m.input_start + (text_offset - m.text_start))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn span_basics() {
        let s = Span::new(2, 5);
        assert_eq!(s.slice("abcdefg"), "cde");
        assert_eq!(s.len(), 3);
        assert!(s.contains(Span::new(3, 4)));
        assert_eq!(s.cover(Span::new(4, 9)), Span::new(2, 9));
        assert_eq!(Span::new(0, 99).slice("abc"), "");
    }

    #[test]
    fn input_offsets() {
        let mut d = Document::from_text("x", "Hello world");
        d.source_map = vec![
            SourceMapping {
                text_start: 0,
                len: 5,
                input_start: 10,
            },
            SourceMapping {
                text_start: 6,
                len: 5,
                input_start: 30,
            },
        ];
        assert_eq!(d.input_offset(1), Some(11));
        assert_eq!(d.input_offset(7), Some(31));
        assert_eq!(d.input_offset(5), None);
    }
}
