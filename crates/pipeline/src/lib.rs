//! The pipeline's shared ground, out of the binary: where outputs go and how a stage fails.
//!
//! - [`output`]: atomic files and staged folders, so a failed run leaves nothing half
//!   written, and file names confined to their folder.
//! - [`sink`]: one [`sink::DatasetSink`] every command writes datasets through, in every
//!   format, stamped with the run's one timestamp.
//!
//! The stages of `run` move here next (issue: one columnar core).

pub mod output;
pub mod sink;

/// One or more problems that stopped a stage or a command, each printed on its own line.
#[derive(Debug)]
pub struct Failure(pub Vec<anyhow::Error>);

impl<E: Into<anyhow::Error>> From<E> for Failure {
    fn from(e: E) -> Failure {
        Failure(vec![e.into()])
    }
}
