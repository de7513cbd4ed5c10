//! The stages of `trialbridge run` and what they share, out of the binary, which only
//! parses arguments and prints.
//!
//! - [`run`]: the whole pipeline for one study: workbooks → SDTM, registry record → trial
//!   design, define.xml, ADaM and the endpoint summary, FHIR, the rules, the reports.
//! - Stages other commands run on their own: [`adam_stage`], [`define_out`], [`fhir_out`],
//!   [`cdisc_core`] (which CORE rules run and how their findings are located), [`report`].
//! - [`validate`]: every file given checked as what it is, the findings handed back.
//! - [`console`]: the one way a stage talks ([`Ctx`]), so a front end decides how it shows.
//! - [`output`]: atomic files and staged folders, so a failed run leaves nothing half
//!   written, and file names confined to their folder.
//! - [`sink`]: one [`sink::DatasetSink`] every command writes datasets through, in every
//!   format, stamped with the run's one timestamp.

pub mod adam_stage;
mod arm;
pub mod cdisc_core;
pub mod console;
pub mod define_out;
pub mod fhir_out;
pub mod output;
pub mod report;
pub mod run;
pub mod sink;
pub mod validate;

pub use console::{Busy, Console, Ctx, Progress, Silent};

/// One or more problems that stopped a stage or a command, each printed on its own line.
#[derive(Debug)]
pub struct Failure(pub Vec<anyhow::Error>);

impl<E: Into<anyhow::Error>> From<E> for Failure {
    fn from(e: E) -> Failure {
        Failure(vec![e.into()])
    }
}
