//! petrel-text: sentences, tokens and dates over a [`Document`]'s text.
//!
//! Architecture invariant: the text layer never looks at dictionaries, and every span it makes
//! is a byte range into the document's text.
//!
//! PUBLIC API CONTRACT (other crates build on these names; keep them stable):
//! [`analyze`], [`Analysis`], [`Sentence`], [`Token`], [`TokenKind`], [`tokenize`], [`segment`],
//! [`DateMention`], [`resolve_dates`].

use chrono::NaiveDate;
use petrel_core::{Document, Span};
use serde::Serialize;

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
pub fn analyze(doc: &Document) -> Analysis {
    let mut sentences = Vec::new();
    for (i, span) in segment(&doc.text).into_iter().enumerate() {
        let headline = i == 0 && doc.title_span.is_some_and(|t| t.contains(span));
        sentences.push(Sentence {
            span,
            tokens: tokenize(&doc.text, span),
            headline,
            paragraph: 0,
        });
    }
    let date = doc.date;
    let dates = match date {
        Some(d) => resolve_dates(&doc.text, &sentences, d),
        None => Vec::new(),
    };
    Analysis {
        sentences,
        date,
        dates,
    }
}

/// Sentence spans of `text`. (Placeholder: splits on `. ` and blank lines; to be replaced.)
pub fn segment(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let end_here = (matches!(b[i], b'.' | b'?' | b'!')
            && b.get(i + 1).is_none_or(|c| c.is_ascii_whitespace()))
            || (b[i] == b'\n' && b.get(i + 1) == Some(&b'\n'));
        if end_here || i + 1 == b.len() {
            let e = if b[i] == b'\n' { i } else { i + 1 };
            push_trimmed(text, start, e, &mut out);
            start = i + 1;
        }
        i += 1;
    }
    out
}

fn push_trimmed(text: &str, s: usize, e: usize, out: &mut Vec<Span>) {
    let piece = &text[s..e];
    let lead = piece.len() - piece.trim_start().len();
    let trail = piece.len() - piece.trim_end().len();
    if lead + trail < piece.len() {
        out.push(Span::new(s + lead, e - trail));
    }
}

/// Tokens of `text[span]`, with offsets into `text`. (Placeholder: to be replaced.)
pub fn tokenize(text: &str, span: Span) -> Vec<Token> {
    let mut out = Vec::new();
    let piece = span.slice(text);
    let mut iter = piece.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if c.is_whitespace() {
            continue;
        }
        let start = span.start + i;
        let kind = if c.is_alphanumeric() {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = iter.peek() {
                if d.is_alphanumeric() {
                    end = j + d.len_utf8();
                    iter.next();
                } else {
                    break;
                }
            }
            out.push(Token {
                span: Span::new(start, span.start + end),
                kind: if c.is_ascii_digit() {
                    TokenKind::Number
                } else {
                    TokenKind::Word
                },
            });
            continue;
        } else if matches!(c, '"' | '\'' | '“' | '”' | '‘' | '’') {
            TokenKind::Quote
        } else {
            TokenKind::Punct
        };
        out.push(Token {
            span: Span::new(start, start + c.len_utf8()),
            kind,
        });
    }
    out
}

/// Date expressions in the sentences, resolved against `anchor` (the publication date).
/// (Placeholder: to be replaced.)
pub fn resolve_dates(_text: &str, _sentences: &[Sentence], _anchor: NaiveDate) -> Vec<DateMention> {
    Vec::new()
}
