//! The one error type of the Dataset-JSON reader and writer.

use std::fmt;

/// Where in the (decompressed) text an error was noticed. Lines and columns are 1-based;
/// columns count characters, not bytes, so an editor's cursor lands on the spot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Position {
    pub offset: u64,
    pub line: u64,
    pub column: u64,
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "line {}, column {} (byte {})",
            self.line, self.column, self.offset
        )
    }
}

/// Everything that can stop a Dataset-JSON file from being read or written.
///
/// Reading errors carry the [`Position`] and, where it helps, a JSON path such as
/// `rows[12][3]` (0-based, like a JSON pointer). Writing errors carry the 1-based record.
#[derive(Debug, thiserror::Error)]
pub enum DsjError {
    #[error("{}: {source}", .pos.map_or_else(|| "I/O".to_owned(), |p| p.to_string()))]
    Io {
        pos: Option<Position>,
        source: std::io::Error,
    },

    #[error("{pos}: not valid JSON: expected {expected}, found {found}")]
    Syntax {
        pos: Position,
        expected: &'static str,
        found: String,
    },

    #[error("{pos}: the file ends early: expected {expected}")]
    Truncated {
        pos: Position,
        expected: &'static str,
    },

    #[error("{pos}: JSON nested deeper than {limit} levels")]
    TooDeep { pos: Position, limit: usize },

    #[error("{pos}: a single JSON token is longer than {limit} bytes")]
    TooLong { pos: Position, limit: usize },

    #[error("{pos}: text is not valid UTF-8")]
    Utf8 { pos: Position },

    #[error("{pos}: {path}: {why}")]
    BadAttribute {
        pos: Position,
        path: String,
        why: String,
    },

    #[error("{pos}: required attribute `{name}` is missing")]
    MissingAttribute { pos: Position, name: &'static str },

    #[error("{pos}: `{name}` appears twice")]
    Duplicate { pos: Position, name: String },

    #[error("{pos}: {path}: the row has {found} values but there are {expected} columns")]
    RowWidth {
        pos: Position,
        path: String,
        expected: usize,
        found: usize,
    },

    #[error("{pos}: {path}: column {column} is {data_type}, found {found}")]
    WrongType {
        pos: Position,
        path: String,
        column: String,
        data_type: String,
        found: String,
    },

    #[error("{pos}: not supported: {what}")]
    Unsupported { pos: Position, what: &'static str },

    #[error("dataset metadata cannot be written: {why}")]
    BadMeta { why: String },

    #[error("record {record}: {found} values for {expected} columns")]
    WriteWidth {
        record: u64,
        expected: usize,
        found: usize,
    },

    #[error("record {record}, {column}: {found} cannot be written to a {data_type} column")]
    WriteType {
        record: u64,
        column: String,
        data_type: String,
        found: String,
    },

    #[error("records was declared as {declared} but {written} rows were written")]
    WriteCount { declared: u64, written: u64 },
}

impl DsjError {
    /// Where the problem was noticed in the input, for read errors.
    pub fn position(&self) -> Option<Position> {
        match self {
            DsjError::Io { pos, .. } => *pos,
            DsjError::Syntax { pos, .. }
            | DsjError::Truncated { pos, .. }
            | DsjError::TooDeep { pos, .. }
            | DsjError::TooLong { pos, .. }
            | DsjError::Utf8 { pos }
            | DsjError::BadAttribute { pos, .. }
            | DsjError::MissingAttribute { pos, .. }
            | DsjError::Duplicate { pos, .. }
            | DsjError::RowWidth { pos, .. }
            | DsjError::WrongType { pos, .. }
            | DsjError::Unsupported { pos, .. } => Some(*pos),
            DsjError::BadMeta { .. }
            | DsjError::WriteWidth { .. }
            | DsjError::WriteType { .. }
            | DsjError::WriteCount { .. } => None,
        }
    }

    /// The JSON path of the offending value, when there is one.
    pub fn path(&self) -> Option<&str> {
        match self {
            DsjError::BadAttribute { path, .. }
            | DsjError::RowWidth { path, .. }
            | DsjError::WrongType { path, .. } => Some(path),
            _ => None,
        }
    }
}

impl From<std::io::Error> for DsjError {
    fn from(source: std::io::Error) -> DsjError {
        DsjError::Io { pos: None, source }
    }
}
