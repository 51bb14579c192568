//! Loader errors. Every error names the file and line (`file:line: problem`).

use crate::Origin;

/// One problem found while loading dictionaries.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum DictError {
    /// A problem reported by another reader (such as the PETRARCH-format reader).
    #[error("{origin}: {message}")]
    Invalid {
        /// Where.
        origin: Origin,
        /// What is wrong.
        message: String,
    },
    /// A file or folder could not be read.
    #[error("{path}: cannot read: {message}")]
    Io {
        /// The path.
        path: String,
        /// The system's message.
        message: String,
    },
    /// An actor or agent code with a segment not listed in `segments/*.txt`.
    #[error("{origin}: unknown code {code}: segment {segment} is not in segments/*.txt")]
    UnknownCode {
        /// Where.
        origin: Origin,
        /// The whole code.
        code: String,
        /// The unknown segment.
        segment: String,
    },
    /// An event code not in `cameo.txt`.
    #[error("{origin}: unknown CAMEO event code {code} (not in cameo.txt)")]
    UnknownEventCode {
        /// Where.
        origin: Origin,
        /// The code.
        code: String,
    },
    /// A date that is not `YYYY-MM-DD`.
    #[error("{origin}: bad date {text:?} (expected YYYY-MM-DD)")]
    BadDate {
        /// Where.
        origin: Origin,
        /// The text that is not a date.
        text: String,
    },
    /// A role whose range ends on or before its start, or a range not written `FROM..TO`.
    #[error("{origin}: bad date range {range} ({reason})")]
    BadRange {
        /// Where.
        origin: Origin,
        /// The range as written.
        range: String,
        /// Why.
        reason: String,
    },
    /// Two roles of one entry overlap and give different codes.
    #[error("{origin}: role {code} overlaps the role {other_code} at line {other_line}")]
    OverlappingRoles {
        /// Where the later role is.
        origin: Origin,
        /// Its code.
        code: String,
        /// Line of the earlier role.
        other_line: usize,
        /// Its code.
        other_code: String,
    },
    /// An entry with neither `= CODE` nor roles.
    #[error("{origin}: entry {name:?} has no code (add `= CODE` or role lines)")]
    NoCode {
        /// Where.
        origin: Origin,
        /// The entry's first name.
        name: String,
    },
    /// The same name given two different codes within one dictionary layer.
    #[error(
        "{origin}: duplicate name {name:?} with code {code}; {earlier} gives it {earlier_code}"
    )]
    DuplicateAlias {
        /// Where the later entry is.
        origin: Origin,
        /// The name.
        name: String,
        /// Its code here.
        code: String,
        /// Where the earlier entry is.
        earlier: Origin,
        /// The code there.
        earlier_code: String,
    },
    /// The same pattern given two different event codes within one dictionary layer.
    #[error("{origin}: pattern {pattern:?} coded {code}; {earlier} codes it {earlier_code}")]
    ConflictingPattern {
        /// Where the later pattern is.
        origin: Origin,
        /// The pattern.
        pattern: String,
        /// Its code here.
        code: String,
        /// Where the earlier one is.
        earlier: Origin,
        /// The code there.
        earlier_code: String,
    },
    /// A pattern that cannot be parsed.
    #[error("{origin}: malformed pattern {pattern:?}: {reason}")]
    MalformedPattern {
        /// Where.
        origin: Origin,
        /// The pattern as written.
        pattern: String,
        /// Why.
        reason: String,
    },
    /// A pattern line with no `verb` or `noun` block above it.
    #[error("{origin}: pattern line outside a `verb` or `noun` block")]
    PatternOutsideBlock {
        /// Where.
        origin: Origin,
    },
    /// A role line with no entry above it.
    #[error("{origin}: indented role line outside an entry")]
    RoleOutsideEntry {
        /// Where.
        origin: Origin,
    },
    /// A `[section]` that is not a known actor kind.
    #[error("{origin}: unknown section [{name}] (expected one of: country, region, igo, media, person, group, place)")]
    UnknownSection {
        /// Where.
        origin: Origin,
        /// The section name.
        name: String,
    },
    /// An actor entry before any `[section]` header.
    #[error("{origin}: entry outside a section (start the file with a [kind] header)")]
    EntryOutsideSection {
        /// Where.
        origin: Origin,
    },
    /// Any other malformed line.
    #[error("{origin}: {reason}")]
    Malformed {
        /// Where.
        origin: Origin,
        /// Why.
        reason: String,
    },
}

impl DictError {
    /// Where the error is (`None` for I/O errors, which name a path only).
    pub fn origin(&self) -> Option<&Origin> {
        match self {
            DictError::Io { .. } => None,
            DictError::Invalid { origin, .. }
            | DictError::UnknownCode { origin, .. }
            | DictError::UnknownEventCode { origin, .. }
            | DictError::BadDate { origin, .. }
            | DictError::BadRange { origin, .. }
            | DictError::OverlappingRoles { origin, .. }
            | DictError::NoCode { origin, .. }
            | DictError::DuplicateAlias { origin, .. }
            | DictError::ConflictingPattern { origin, .. }
            | DictError::MalformedPattern { origin, .. }
            | DictError::PatternOutsideBlock { origin }
            | DictError::RoleOutsideEntry { origin }
            | DictError::UnknownSection { origin, .. }
            | DictError::EntryOutsideSection { origin }
            | DictError::Malformed { origin, .. } => Some(origin),
        }
    }
}

/// All the errors of one load (loading reports every error, not just the first).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DictErrors(pub Vec<DictError>);

impl DictErrors {
    /// The errors.
    pub fn errors(&self) -> &[DictError] {
        &self.0
    }
    /// Number of errors.
    pub fn len(&self) -> usize {
        self.0.len()
    }
    /// True when there is none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl std::fmt::Display for DictErrors {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for DictErrors {}

impl From<DictError> for DictErrors {
    fn from(e: DictError) -> Self {
        DictErrors(vec![e])
    }
}
