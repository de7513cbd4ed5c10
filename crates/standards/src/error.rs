use thiserror::Error;

/// Why an embedded (or caller-supplied) metadata table could not be compiled.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum Error {
    #[error("{file}:{line}: {kind}")]
    Table {
        file: &'static str,
        line: usize,
        kind: TableErrorKind,
    },
}

#[derive(Debug, Error, PartialEq, Eq)]
pub enum TableErrorKind {
    #[error("header row must be: {expected}")]
    Header { expected: String },
    #[error("expected {expected} tab-separated columns, found {found}")]
    ColumnCount { expected: usize, found: usize },
    #[error("bad {column} value {value:?}")]
    BadValue { column: &'static str, value: String },
    #[error("duplicate {what} {name:?}")]
    Duplicate { what: &'static str, name: String },
    #[error("{what} {name:?} is not defined")]
    Undefined { what: &'static str, name: String },
}
