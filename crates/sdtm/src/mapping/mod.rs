//! The declarative mapping engine: TOML specs → [`MappingPlan`] (compiled once, checked
//! against SDTMIG 3.4 and CDISC CT before any data is read) → SDTM datasets with per-value
//! provenance and site-input findings ([`checks`]).

mod build;
pub mod checks;
pub(crate) mod columns;
mod compile;
mod compile_parts;
mod compile_var;
pub mod derive;
mod memo;
mod ops;
pub mod plan;
mod read;
mod records;
mod rows;
pub mod run;

pub use compile::{compile_dir, compile_files};
pub use plan::MappingPlan;
