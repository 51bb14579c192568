//! Assembles a [`Document`]'s text (headline, then paragraphs separated by blank lines) and its
//! source map.

use chrono::NaiveDate;
use petrel_core::{Document, SourceMapping, Span};

/// Paragraph separator inside `Document::text`.
pub(crate) const PARA_SEP: &str = "\n\n";

/// Builds the text of a document piece by piece, keeping the source map in step.
#[derive(Debug, Default)]
pub(crate) struct DocBuilder {
    text: String,
    map: Vec<SourceMapping>,
    title: Option<String>,
    title_span: Option<Span>,
    paragraphs: usize,
}

impl DocBuilder {
    pub fn new() -> Self {
        Self::default()
    }

    /// Number of paragraphs pushed so far (the headline included).
    pub fn paragraphs(&self) -> usize {
        self.paragraphs
    }

    fn start_paragraph(&mut self) -> usize {
        if !self.text.is_empty() {
            self.text.push_str(PARA_SEP);
        }
        self.paragraphs += 1;
        self.text.len()
    }

    /// Records that `len` bytes at `text_start` came from `input_start`, merging with the
    /// previous piece when both are contiguous.
    fn map(&mut self, text_start: usize, len: usize, input_start: usize) {
        if len == 0 {
            return;
        }
        if let Some(last) = self.map.last_mut() {
            if last.text_start + last.len == text_start
                && last.input_start + last.len == input_start
            {
                last.len += len;
                return;
            }
        }
        self.map.push(SourceMapping {
            text_start,
            len,
            input_start,
        });
    }

    /// Appends a paragraph copied unchanged from the input at `input_start` (if known).
    pub fn paragraph(&mut self, s: &str, input_start: Option<usize>) -> Span {
        let start = self.start_paragraph();
        self.text.push_str(s);
        if let Some(i) = input_start {
            self.map(start, s.len(), i);
        }
        Span::new(start, self.text.len())
    }

    /// Appends a paragraph with its own pieces: `(offset in s, len, input_start)`, in order.
    pub fn paragraph_pieces(&mut self, s: &str, pieces: &[(usize, usize, usize)]) -> Span {
        let start = self.start_paragraph();
        self.text.push_str(s);
        for &(off, len, input) in pieces {
            if off + len <= s.len() {
                self.map(start + off, len, input);
            }
        }
        Span::new(start, self.text.len())
    }

    /// Appends the headline; it must be the first paragraph.
    pub fn title(&mut self, s: &str, input_start: Option<usize>) {
        debug_assert!(self.text.is_empty());
        let span = self.paragraph(s, input_start);
        self.title = Some(s.to_string());
        self.title_span = Some(span);
    }

    /// Appends the headline with its own pieces; it must be the first paragraph.
    pub fn title_pieces(&mut self, s: &str, pieces: &[(usize, usize, usize)]) {
        debug_assert!(self.text.is_empty());
        let span = self.paragraph_pieces(s, pieces);
        self.title = Some(s.to_string());
        self.title_span = Some(span);
    }

    /// The source map so far, in the coordinates given to the push methods.
    pub fn take_map(&mut self) -> Vec<SourceMapping> {
        std::mem::take(&mut self.map)
    }

    /// Sets the source map (after translation to raw input offsets).
    pub fn set_map(&mut self, map: Vec<SourceMapping>) {
        self.map = map;
    }

    /// The finished document.
    pub fn finish(self, meta: Meta) -> Document {
        Document {
            id: meta.id,
            title: self.title,
            title_span: self.title_span,
            text: self.text,
            date: meta.date,
            url: meta.url,
            source: meta.source,
            origin: meta.origin,
            source_map: self.map,
        }
    }
}

/// The metadata of a document being built.
#[derive(Debug, Default, Clone)]
pub(crate) struct Meta {
    pub id: String,
    pub origin: String,
    pub date: Option<NaiveDate>,
    pub url: Option<String>,
    pub source: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_and_paragraphs_map_back() {
        let input = "Headline\n\nFirst para.\n\nSecond.";
        let mut b = DocBuilder::new();
        b.title("Headline", Some(0));
        b.paragraph("First para.", Some(10));
        b.paragraph("Second.", Some(23));
        let d = b.finish(Meta::default());
        assert_eq!(d.text, input);
        assert_eq!(d.title_span, Some(Span::new(0, 8)));
        // contiguous pieces merge
        assert_eq!(d.source_map.len(), 3);
        for i in 0..d.text.len() {
            if let Some(o) = d.input_offset(i) {
                assert_eq!(input.as_bytes()[o], d.text.as_bytes()[i]);
            }
        }
    }
}
