//! Typed errors and warnings of ingestion. Each names the input file, and the line (JSON Lines)
//! or byte offset (invalid UTF-8) where it applies.

use std::fmt;

/// `file` or `file:line`.
fn loc(file: &str, line: &Option<usize>) -> String {
    match line {
        Some(l) => format!("{file}:{l}"),
        None => file.to_string(),
    }
}

/// An input that could not be read, or a story that could not be made into a document.
///
/// `file` is the path as given (or found in a directory), or `<stdin>`; `line` is 1-based.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    /// A path given on the command line does not exist.
    #[error("{file}: no such file or directory")]
    NotFound {
        /// The path.
        file: String,
    },
    /// Reading failed (permissions, I/O).
    #[error("{file}: cannot read: {source}")]
    Io {
        /// The path.
        file: String,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// The input is not valid UTF-8 (and lossy decoding was not asked for).
    #[error("{}: invalid UTF-8 at byte offset {offset} (lossy decoding replaces it)", loc(.file, .line))]
    InvalidUtf8 {
        /// The path.
        file: String,
        /// The JSON Lines line, when the input is JSON Lines.
        line: Option<usize>,
        /// Byte offset of the first invalid byte, from the start of the input.
        offset: u64,
    },
    /// A JSON Lines line is not a JSON object.
    #[error("{file}:{line}: malformed JSON: {message}")]
    Json {
        /// The path.
        file: String,
        /// 1-based line.
        line: usize,
        /// What the JSON parser said.
        message: String,
    },
    /// A required field of a JSON Lines story is missing or null.
    #[error("{file}:{line}: field `{field}` is missing")]
    MissingField {
        /// The path.
        file: String,
        /// 1-based line.
        line: usize,
        /// The field name.
        field: &'static str,
    },
    /// A field of a JSON Lines story has a wrong type or value (a bad date, a number for a title).
    #[error("{file}:{line}: field `{field}`: {message}")]
    BadField {
        /// The path.
        file: String,
        /// 1-based line.
        line: usize,
        /// The field name.
        field: &'static str,
        /// What is wrong.
        message: String,
    },
}

impl IngestError {
    /// The input the error is about (`<stdin>` for standard input).
    pub fn file(&self) -> &str {
        match self {
            IngestError::NotFound { file }
            | IngestError::Io { file, .. }
            | IngestError::InvalidUtf8 { file, .. }
            | IngestError::Json { file, .. }
            | IngestError::MissingField { file, .. }
            | IngestError::BadField { file, .. } => file,
        }
    }

    /// The 1-based line, for errors inside JSON Lines.
    pub fn line(&self) -> Option<usize> {
        match self {
            IngestError::NotFound { .. } | IngestError::Io { .. } => None,
            IngestError::InvalidUtf8 { line, .. } => *line,
            IngestError::Json { line, .. }
            | IngestError::MissingField { line, .. }
            | IngestError::BadField { line, .. } => Some(*line),
        }
    }
}

/// Something worth telling the user that does not make the input fail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Warning {
    /// The file holds nothing but whitespace.
    EmptyFile {
        /// The path.
        file: String,
    },
    /// A JSON Lines story has neither title nor text.
    EmptyStory {
        /// The path.
        file: String,
        /// 1-based line.
        line: usize,
    },
    /// Nothing was left once page furniture and markup were removed.
    NoText {
        /// The path.
        file: String,
    },
    /// Lossy decoding replaced invalid UTF-8 with U+FFFD.
    Replaced {
        /// The path.
        file: String,
        /// The JSON Lines line, when the input is JSON Lines.
        line: Option<usize>,
        /// Number of invalid sequences replaced.
        count: usize,
        /// Byte offset of the first one, from the start of the input.
        offset: u64,
    },
}

impl Warning {
    /// The input the warning is about.
    pub fn file(&self) -> &str {
        match self {
            Warning::EmptyFile { file }
            | Warning::EmptyStory { file, .. }
            | Warning::NoText { file }
            | Warning::Replaced { file, .. } => file,
        }
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Warning::EmptyFile { file } => write!(f, "{file}: empty file, skipped"),
            Warning::EmptyStory { file, line } => {
                write!(f, "{file}:{line}: empty story (no title, no text), skipped")
            }
            Warning::NoText { file } => write!(
                f,
                "{file}: no article text left after removing markup and page furniture, skipped"
            ),
            Warning::Replaced {
                file,
                line,
                count,
                offset,
            } => write!(
                f,
                "{}: replaced {count} invalid UTF-8 sequence{} with U+FFFD (first at byte offset {offset})",
                loc(file, line),
                if *count == 1 { "" } else { "s" }
            ),
        }
    }
}
