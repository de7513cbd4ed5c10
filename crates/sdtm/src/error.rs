//! The one error type of this crate: the mapping could not be done at all. Problems inside
//! readable workbooks are findings, not errors.

use std::fmt;

/// One problem in a mapping spec, positioned by spec file and TOML key path.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct SpecProblem {
    pub file: String,
    /// Dotted TOML key path, e.g. `variables.SEX.recode.table."Male"`; empty for the file.
    pub path: String,
    pub message: String,
    /// A near name the author probably meant.
    pub suggestion: Option<String>,
}

impl fmt::Display for SpecProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if !self.path.is_empty() {
            write!(f, ": {}", self.path)?;
        }
        write!(f, ": {}", self.message)?;
        if let Some(s) = &self.suggestion {
            write!(f, " (did you mean `{s}`?)")?;
        }
        Ok(())
    }
}

#[derive(Debug, thiserror::Error)]
pub enum SdtmError {
    /// The specs are wrong; nothing was read. Every problem found is listed.
    #[error("{} problem(s) in the mapping spec:\n{}", .0.len(), join(.0))]
    Spec(Vec<SpecProblem>),
    #[error("{path}: cannot read: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error(transparent)]
    Sheets(#[from] sheets::SheetsError),
}

fn join(problems: &[SpecProblem]) -> String {
    problems
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

impl SdtmError {
    /// The spec problems, when the error is a bad spec.
    pub fn spec_problems(&self) -> &[SpecProblem] {
        match self {
            SdtmError::Spec(p) => p,
            _ => &[],
        }
    }
}
