//! Site workbooks to SDTM.
//!
//! [`mapping`] holds the declarative mapping engine: TOML specs (one per target domain, see
//! `mappings/README.md`) are compiled once into an immutable [`MappingPlan`] and then run over
//! any number of workbooks, giving datasets with per-value provenance and site-input findings.

mod error;
pub mod mapping;

pub use error::{SdtmError, SpecProblem};
pub use mapping::checks::Check;
pub use mapping::run::{Conversion, Mapped, convert};
pub use mapping::{MappingPlan, compile_dir, compile_files};
