//! petrel-ingest: reads news in the forms analysts have it into [`petrel_core::Document`]s.
//!
//! Inputs are plain text files, HTML pages, JSON Lines story files, directories of those
//! (recursed in sorted order) and standard input (`-`). [`read_inputs`] streams them: each
//! [`Item`] is a document, a [`Warning`] (an empty file, replaced bytes) or an [`IngestError`]
//! that names the file and the line (JSON Lines) or byte offset (invalid UTF-8). JSON Lines are
//! read a line at a time, so memory stays flat on files of any size.
//!
//! ```
//! use petrel_ingest::{read_bytes, InputFormat, Item, Options};
//! let opts = Options { format: InputFormat::Text, ..Default::default() };
//! let items = read_bytes(b"Talks Resume in Geneva\n\nDiplomats met on Monday.\n\nRead more\n", "note.txt", &opts);
//! let Item::Document(doc) = &items[0] else { panic!() };
//! assert_eq!(doc.title.as_deref(), Some("Talks Resume in Geneva"));
//! assert_eq!(doc.text, "Talks Resume in Geneva\n\nDiplomats met on Monday.");
//! ```
//!
//! What each format gives:
//! - **plain text**: paragraphs are blocks separated by blank lines, copied unchanged (the
//!   source map is the identity for every kept piece); the first line is the headline when it
//!   is one (short, no final sentence punctuation, a blank line after it, a body below it).
//! - **HTML**: dom_smoothie finds the article and its title; petrel's own rules drop what leaks;
//!   the date comes from the page's metadata or first `<time datetime>`; each paragraph is
//!   located in the raw page for the source map (words inside entities stay unmapped).
//! - **JSON Lines**: `id`, `title`, `text`, `date` (YYYY-MM-DD or RFC 3339, or null), `url`,
//!   `source`; other fields are ignored. The text is the title, a blank line, then the body; the
//!   source map points into the file at every run of the strings that has no JSON escape.
//!
//! Ids: the JSON Lines `id` (else `STEM-LINE`), the file stem, or `stdin`. Origins: the path,
//! `path:line`, or `-` (`-:line`). The publication date is the story's own (metadata wins),
//! else [`Options::date`].
//!
//! Page furniture (banners, "Read more", share lines, bylines, photo captions and credits) is
//! dropped by rules kept as data in `crates/ingest/furniture.txt`; see [`furniture`].

mod builder;
mod decode;
mod error;
pub mod furniture;
mod html;
mod inputs;
mod jsonl;
mod text;

pub use error::{IngestError, Warning};
pub use inputs::{read_inputs, Inputs};
pub use jsonl::parse_date;

use chrono::NaiveDate;
use petrel_core::Document;
use std::fmt;
use std::str::FromStr;

/// How to read an input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum InputFormat {
    /// By extension (`.html`/`.htm`/`.xhtml` → HTML, `.jsonl`/`.ndjson` → JSON Lines,
    /// `.txt`/`.text` → text), else by sniffing the first bytes.
    #[default]
    Auto,
    /// Plain text.
    Text,
    /// An HTML page.
    Html,
    /// JSON Lines, one story a line.
    Jsonl,
}

impl InputFormat {
    /// Names accepted by [`FromStr`], in order.
    pub const NAMES: [&'static str; 4] = ["auto", "text", "html", "jsonl"];

    /// The format an extension stands for, if it is one petrel knows.
    pub fn from_extension(ext: &str) -> Option<InputFormat> {
        match ext.to_ascii_lowercase().as_str() {
            "html" | "htm" | "xhtml" => Some(InputFormat::Html),
            "jsonl" | "ndjson" => Some(InputFormat::Jsonl),
            "txt" | "text" => Some(InputFormat::Text),
            _ => None,
        }
    }

    /// Guesses the format of content from its first bytes: `{` → JSON Lines, markup → HTML,
    /// anything else → text.
    pub fn sniff(head: &[u8]) -> InputFormat {
        let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
        let start = head
            .iter()
            .position(|c| !c.is_ascii_whitespace())
            .unwrap_or(head.len());
        let t = &head[start..];
        if t.starts_with(b"{") {
            return InputFormat::Jsonl;
        }
        if t.starts_with(b"<") {
            let lower = t[..t.len().min(1024)].to_ascii_lowercase();
            let markup = [
                &b"<!doctype html"[..],
                b"<html",
                b"<head",
                b"<body",
                b"<!--",
                b"<meta",
                b"<article",
                b"<div",
                b"<p>",
                b"<p ",
                b"<?xml",
            ];
            if markup.iter().any(|m| lower.starts_with(m)) {
                return InputFormat::Html;
            }
        }
        InputFormat::Text
    }
}

impl fmt::Display for InputFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            InputFormat::Auto => "auto",
            InputFormat::Text => "text",
            InputFormat::Html => "html",
            InputFormat::Jsonl => "jsonl",
        })
    }
}

/// An unknown `--input-format` name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown input format {0:?} (expected auto, text, html or jsonl)")]
pub struct UnknownFormat(pub String);

impl FromStr for InputFormat {
    type Err = UnknownFormat;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "auto" => Ok(InputFormat::Auto),
            "text" | "txt" => Ok(InputFormat::Text),
            "html" | "htm" => Ok(InputFormat::Html),
            "jsonl" | "ndjson" => Ok(InputFormat::Jsonl),
            _ => Err(UnknownFormat(s.to_string())),
        }
    }
}

/// How to read inputs.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Input format, or [`InputFormat::Auto`].
    pub format: InputFormat,
    /// Replace invalid UTF-8 with U+FFFD (with a warning) instead of failing the input.
    pub lossy: bool,
    /// Stop at the first error instead of going on with the other lines and inputs.
    pub strict: bool,
    /// Publication date for stories whose metadata has none (metadata wins).
    pub date: Option<NaiveDate>,
}

/// One result of reading inputs.
#[derive(Debug)]
pub enum Item {
    /// A story.
    Document(Box<Document>),
    /// Something to tell the user; the input did not fail.
    Warning(Warning),
    /// An input, or a line of one, failed.
    Error(IngestError),
}

/// Reads one in-memory input named `name` (used for ids, origins and messages; `-` means
/// standard input). JSON Lines give one item a line. Like [`read_inputs`], reading stops at
/// the first error with [`Options::strict`].
pub fn read_bytes(data: &[u8], name: &str, opts: &Options) -> Vec<Item> {
    Inputs::from_reader(Box::new(std::io::Cursor::new(data.to_vec())), name, opts).collect()
}
