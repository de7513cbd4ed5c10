//! The one error type of this crate: the mapping could not be done at all. Problems inside
//! readable workbooks are findings, not errors.

pub use spec::SpecProblem;

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
