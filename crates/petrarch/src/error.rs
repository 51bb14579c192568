//! Diagnostics of the readers: every problem names its file and line.

use std::fmt;

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The line was read, but something in it was odd and was repaired or ignored
    /// (a duplicate name, a `}` closing a `[`, a conflicting pattern that an earlier one shadows).
    Warning,
    /// The line (or part of it) could not be read and was skipped.
    Unreadable,
}

/// One problem found while reading a PETRARCH file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {reason}")]
pub struct Diagnostic {
    /// File path as given.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// Warning or unreadable.
    pub severity: Severity,
    /// What is wrong.
    pub reason: String,
}

/// Errors that stop a load: a file that cannot be opened, a record file that is not XML.
#[derive(Debug, thiserror::Error)]
pub enum PetrarchError {
    /// A file could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// A validation file is not well-formed XML.
    #[error("{path}: not well-formed XML: {reason}")]
    Xml {
        /// The file.
        path: String,
        /// Parser message (with its position).
        reason: String,
    },
    /// A validation file lacks something it needs.
    #[error("{path}: {reason}")]
    Records {
        /// The file.
        path: String,
        /// What is missing or wrong.
        reason: String,
    },
    /// A configuration file line could not be read.
    #[error("{path}:{line}: {reason}")]
    Config {
        /// The file.
        path: String,
        /// 1-based line.
        line: usize,
        /// What is wrong.
        reason: String,
    },
    /// The knowledge base could not be compiled.
    #[error("knowledge base: {0}")]
    Build(String),
}

/// Collects diagnostics for one file.
#[derive(Debug, Clone)]
pub(crate) struct Sink {
    pub file: String,
    pub out: Vec<Diagnostic>,
}

impl Sink {
    pub fn new(file: &str) -> Self {
        Sink {
            file: file.to_string(),
            out: Vec::new(),
        }
    }

    pub fn unreadable(&mut self, line: usize, reason: impl fmt::Display) {
        self.push(line, Severity::Unreadable, reason);
    }

    pub fn warn(&mut self, line: usize, reason: impl fmt::Display) {
        self.push(line, Severity::Warning, reason);
    }

    fn push(&mut self, line: usize, severity: Severity, reason: impl fmt::Display) {
        self.out.push(Diagnostic {
            file: self.file.clone(),
            line,
            severity,
            reason: reason.to_string(),
        });
    }
}
