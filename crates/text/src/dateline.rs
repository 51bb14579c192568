//! Publication dates read from a dateline.

use crate::{dates, Granularity, Sentence, TokenKind};
use chrono::NaiveDate;

/// How far into the first body sentence a dateline may reach, in bytes.
const MAX_DATELINE: usize = 160;
/// A first body sentence this short (in bytes) may be a date line of its own
/// ("Friday, January 4, 2019").
const MAX_DATE_LINE: usize = 60;

/// The date in the dateline of the first body sentence (the first that is not the headline),
/// when it gives a full date: "MOSCOW, 2021-12-15 (Reuters) -", "PARIS, April 1, 1987 -",
/// or a short line that is only a date ("Friday, January 4, 2019"). A dateline without a year
/// ("MOSCOW, Dec 15 (Reuters) -") gives none.
pub fn dateline_date(text: &str, sentences: &[Sentence]) -> Option<NaiveDate> {
    let s = sentences.iter().find(|s| !s.headline)?;
    let body = s.span.slice(text);
    let head_len = body.floor_char_boundary_compat(MAX_DATELINE);
    let dash = [" - ", " -- ", " — ", " – ", " —", " –"]
        .iter()
        .filter_map(|d| body[..head_len].find(d))
        .min();
    let date_line = dash.is_none() && body.len() <= MAX_DATE_LINE;
    let region_end = dash.or(date_line.then_some(body.len()))?;
    let end = s.span.start + region_end;
    let toks: Vec<_> = s
        .tokens
        .iter()
        .copied()
        .filter(|t| t.span.end <= end)
        .collect();
    let mut found = Vec::new();
    dates::find_in_tokens(text, &toks, 0, None, &mut found);
    let m = found
        .into_iter()
        .find(|m| m.granularity == Granularity::Day)?;
    if date_line {
        // A line of its own must be only the date (plus punctuation).
        let words = toks
            .iter()
            .filter(|t| matches!(t.kind, TokenKind::Word | TokenKind::Number));
        if words.clone().any(|t| !m.span.contains(t.span)) {
            return None;
        }
    }
    Some(m.from)
}

trait FloorCharBoundary {
    fn floor_char_boundary_compat(&self, i: usize) -> usize;
}

impl FloorCharBoundary for str {
    fn floor_char_boundary_compat(&self, i: usize) -> usize {
        let mut i = i.min(self.len());
        while !self.is_char_boundary(i) {
            i -= 1;
        }
        i
    }
}
