//! Site workbooks to SDTM.
//!
//! [`mapping`] holds the declarative mapping engine: TOML specs (one per target domain, see
//! `mappings/README.md`) are compiled once into an immutable, `Send + Sync` [`MappingPlan`],
//! checked against SDTMIG 3.4 and CDISC CT 2022-03-25 before any data is read, and then run
//! over any number of workbooks, giving datasets (Arrow tables) with per-value provenance
//! and site-input findings ([`Check`], `SI0030`–`SI0040`).
//!
//! ```no_run
//! use std::path::Path;
//! let plan = sdtm::compile_dir(Path::new("mappings/umin000015469"))?; // bad spec: Err(Spec)
//! let book = Path::new("fixtures/umin000015469/site-01-hamamatsu.xlsx");
//! let conv = sdtm::convert(&plan, &[("site-01-hamamatsu.xlsx".into(), book)])?;
//! for d in &conv.datasets {
//!     // Each value that came from a workbook names its cell: `d.source(row, "AGE")`.
//!     println!("{}: {} records", d.name(), d.len());
//! }
//! for f in &conv.findings {
//!     println!("{f}"); // site-01-hamamatsu.xlsx!Labs!E2: error[SI0022] ...
//! }
//! # Ok::<(), sdtm::SdtmError>(())
//! ```

mod error;
pub mod mapping;
mod order;
pub mod trial_design;

pub use error::{SdtmError, SpecProblem};
pub use mapping::checks::Check;
pub use mapping::run::{Conversion, convert};
pub use mapping::{MappingPlan, compile_dir, compile_files};

#[cfg(test)]
mod tests {
    #[test]
    fn the_plan_can_be_shared_across_threads() {
        fn shared<T: Send + Sync>() {}
        shared::<super::MappingPlan>();
    }
}
