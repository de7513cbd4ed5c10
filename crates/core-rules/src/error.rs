//! Structured errors: where a rule failed to load, where a case failed to read, why a rule
//! could not run.

use thiserror::Error;

/// A rule that failed the CORE schema or our typing, located by file and key path
/// (`Check.all[2].operator`).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{file}: {key_path}: {message}")]
pub struct LoadError {
    pub file: String,
    pub key_path: String,
    pub message: String,
}

impl LoadError {
    pub fn new(file: &str, key_path: impl Into<String>, message: impl Into<String>) -> LoadError {
        LoadError {
            file: file.to_owned(),
            key_path: key_path.into(),
            message: message.into(),
        }
    }
}

/// A test case (or any folder of CSV datasets) that could not be read.
#[derive(Debug, Error)]
pub enum CaseError {
    #[error("{file}: {source}")]
    Io {
        file: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{file}:{line}: {message}")]
    Parse {
        file: String,
        line: u64,
        message: String,
    },
}

/// Why evaluating a rule on one dataset failed; data-dependent, decided at run time.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum EvalError {
    /// CORE raises `KeyError` ("Column not found in data") and does not report the dataset.
    #[error("column `{0}` not found in data")]
    MissingColumn(String),
    /// An operation's source dataset is absent (CORE: "operation domain not found", skipped).
    #[error("dataset `{0}` not found")]
    MissingDataset(String),
    #[error("invalid regular expression `{pattern}`: {message}")]
    Regex { pattern: String, message: String },
    #[error("{0}")]
    Invalid(String),
}
