//! petrel-text: sentences, tokens and dates over a [`Document`]'s text.
//!
//! Architecture invariant: the text layer never looks at dictionaries, and every span it makes
//! is a byte range into the document's text.
//!
//! PUBLIC API CONTRACT (other crates build on these names; keep them stable):
//! [`analyze`], [`Analysis`], [`Sentence`], [`Token`], [`TokenKind`], [`tokenize`], [`segment`],
//! [`DateMention`], [`resolve_dates`].
//!
//! Where things are:
//! - `segment.rs`: paragraphs and sentence ends ([`segment`]);
//! - `token.rs`: tokens ([`tokenize`]);
//! - `lexicon.rs` and `data/`: the abbreviation and sentence-starter lists, as data files
//!   embedded in the crate (edit `data/abbreviations.txt` to teach the splitter and tokenizer
//!   an abbreviation);
//! - `dates.rs`: date expressions and their resolution ([`resolve_dates`]);
//! - `dateline.rs`: a publication date read from a dateline ([`dateline_date`]).
//!
//! The segmentation cases live in `tests/segmentation.txt` (one table, input and expected
//! sentences); the speed bench is `benches/segment.rs`.
//!
//! ```
//! use petrel_core::Document;
//! let mut doc = Document::from_text("d", "Putin met Gen. Milley on Wednesday. Talks with the U.S. ended.");
//! doc.date = chrono::NaiveDate::from_ymd_opt(2021, 12, 15);
//! let a = petrel_text::analyze(&doc);
//! assert_eq!(a.sentences.len(), 2);
//! assert_eq!(a.dates[0].span.slice(&doc.text), "Wednesday");
//! assert_eq!(a.dates[0].from.to_string(), "2021-12-15");
//! ```

use chrono::NaiveDate;
use petrel_core::{Document, Span};
use serde::Serialize;

mod dateline;
mod dates;
mod lexicon;
mod segment;
mod token;

pub use dateline::dateline_date;
pub use dates::is_calendar_word;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum TokenKind {
    /// Letters, possibly with inner apostrophes, hyphens or periods ("U.S.", "Russia", "don't").
    Word,
    /// Digits, possibly with separators ("1,300", "3.5").
    Number,
    /// A quotation mark (straight or curly, single or double).
    Quote,
    /// Any other punctuation or symbol.
    Punct,
}

/// A token: a byte range of the document text and its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Token {
    /// Where the token is in the document text.
    pub span: Span,
    /// What the token is.
    pub kind: TokenKind,
}

impl Token {
    /// The token's text in `text` (the document text its span points into).
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        self.span.slice(text)
    }

    /// The parts of a hyphenated word, without the hyphens ("Kremlin-backed" -> "Kremlin",
    /// "backed"); the whole token when it has no inner hyphen. For matchers that look for a
    /// name inside a compound; the tokenizer itself keeps such words whole.
    pub fn hyphen_parts(&self, text: &str) -> Vec<Span> {
        let word = self.span.slice(text);
        let mut parts = Vec::new();
        let mut start = 0;
        for (i, c) in word.char_indices() {
            if matches!(c, '-' | '‐' | '‑') {
                if i > start {
                    parts.push(Span::new(self.span.start + start, self.span.start + i));
                }
                start = i + c.len_utf8();
            }
        }
        if start < word.len() {
            parts.push(Span::new(
                self.span.start + start,
                self.span.start + word.len(),
            ));
        }
        parts
    }
}

/// A sentence with its tokens.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Sentence {
    /// Where the sentence is in the document text (trimmed of surrounding whitespace).
    pub span: Span,
    /// Its tokens, in order.
    pub tokens: Vec<Token>,
    /// True for the document's headline.
    pub headline: bool,
    /// Index of the paragraph the sentence is in.
    pub paragraph: usize,
}

/// A date expression and the dates it resolves to (a day, or a range such as a week).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DateMention {
    /// Where the expression is in the document text.
    pub span: Span,
    /// Index of the sentence it is in.
    pub sentence: usize,
    /// First day it covers.
    pub from: NaiveDate,
    /// Last day it covers (equal to `from` for a single day).
    pub to: NaiveDate,
    /// Whether the expression names a day, a week, a month or a year.
    pub granularity: Granularity,
}

/// How much time a [`DateMention`] covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Granularity {
    /// One day ("Wednesday", "Dec 15", "yesterday").
    Day,
    /// A Monday-to-Sunday week or a weekend ("last week").
    Week,
    /// A calendar month ("next month", "in March").
    Month,
    /// A calendar year ("last year", "in 2020").
    Year,
}

/// Everything the text layer found in a document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Analysis {
    /// The sentences, headline first when there is one.
    pub sentences: Vec<Sentence>,
    /// The publication date used to resolve relative dates: the document's own, else one read
    /// from a dateline, else `None`.
    pub date: Option<NaiveDate>,
    /// Resolved date expressions, in text order.
    pub dates: Vec<DateMention>,
}

/// Splits the whole document into sentences and tokens and resolves its dates.
///
/// The headline ([`Document::title_span`]) is one sentence with `headline = true`, whatever
/// punctuation it holds; the rest of the text is segmented by [`segment`]'s rules. The
/// publication date is the document's own, else one read from a dateline
/// ([`dateline_date`]); relative dates resolve against it, and without it only dates that
/// carry their own year resolve.
pub fn analyze(doc: &Document) -> Analysis {
    let text = doc.text.as_str();
    let (raw, headline_at) = segment_document(doc);
    let mut sentences = Vec::with_capacity(raw.len());
    for (k, (span, paragraph)) in raw.into_iter().enumerate() {
        sentences.push(Sentence {
            span,
            tokens: tokenize(text, span),
            headline: headline_at == Some(k),
            paragraph,
        });
    }
    let date = doc.date.or_else(|| dateline_date(text, &sentences));
    let dates = dates::find_dates(text, &sentences, date);
    Analysis {
        sentences,
        date,
        dates,
    }
}

/// The sentence spans of a document exactly as [`analyze`] numbers them (the headline one
/// sentence, the rest by [`segment`]'s rules), without tokenizing or reading dates: the
/// indices that events and quotes refer to, for callers that store or count sentences.
pub fn sentence_spans(doc: &Document) -> Vec<Span> {
    segment_document(doc)
        .0
        .into_iter()
        .map(|(s, _)| s)
        .collect()
}

/// Sentence spans with their paragraph numbers, and the index of the headline sentence.
fn segment_document(doc: &Document) -> (Vec<(Span, usize)>, Option<usize>) {
    let text = doc.text.as_str();
    let mut raw = Vec::new();
    let mut headline_at = None;
    match doc
        .title_span
        .filter(|t| t.start <= t.end && text.get(t.start..t.end).is_some())
        .and_then(|t| segment::trimmed(text, t.start, t.end))
    {
        Some(title) => {
            let before = segment::segment_range(text, 0, title.start, 0, &mut raw);
            headline_at = Some(raw.len());
            raw.push((title, before));
            segment::segment_range(text, title.end, text.len(), before + 1, &mut raw);
        }
        None => {
            segment::segment_range(text, 0, text.len(), 0, &mut raw);
        }
    }
    (raw, headline_at)
}

/// Sentence spans of `text`, in order, trimmed of surrounding whitespace.
///
/// Paragraph breaks (a blank line, or a line break followed by indentation) always end a
/// sentence. Inside a paragraph a sentence ends after `.`, `?`, `!` or an ellipsis (with any
/// closing quotes or brackets) followed by whitespace, unless the next word is in lower case,
/// or the period closes a title ("Gen.", "Mr."), or closes another abbreviation, an initial or
/// a dotted word ("Inc.", "W.", "U.S.") and the next word is not a common sentence starter.
/// The abbreviation and sentence-starter lists are data files embedded in the crate.
pub fn segment(text: &str) -> Vec<Span> {
    let mut raw = Vec::new();
    segment::segment_range(text, 0, text.len(), 0, &mut raw);
    raw.into_iter().map(|(s, _)| s).collect()
}

/// Tokens of `text[span]`, with offsets into `text`. A span outside `text` or off char
/// boundaries yields no tokens. See the rules in the crate's `token` module: "U.S." is one
/// token, "Russia's" is "Russia" + "'s", "don't" is "do" + "n't", "so-called" and "1,300" stay
/// whole, and a sentence-final period is its own token unless it closes an abbreviation.
pub fn tokenize(text: &str, span: Span) -> Vec<Token> {
    let mut out = Vec::new();
    token::tokenize_into(text, span, &mut out);
    out
}

/// Date expressions in the sentences, resolved against `anchor` (the publication date).
pub fn resolve_dates(text: &str, sentences: &[Sentence], anchor: NaiveDate) -> Vec<DateMention> {
    dates::find_dates(text, sentences, Some(anchor))
}
