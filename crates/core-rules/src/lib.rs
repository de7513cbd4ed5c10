//! CDISC CORE rule interpreter: loads CORE's published rules (YAML), validates them against
//! the CORE rule schema, compiles each into a plan (Check tree, scope, operations, outcome)
//! and runs the plans on in-memory datasets, reporting findings as CORE does.
//!
//! ```no_run
//! use core_rules::{Package, RuleBook};
//! let package = Package::from_case_dir(std::path::Path::new("case/data")).unwrap();
//! let outcome = RuleBook::bundled().run(&package);
//! println!("{} findings", outcome.findings.len());
//! ```

mod book;
mod case;
pub mod error;
pub mod exec;
pub mod frame;
mod load;
pub mod ops;
mod package;
pub mod plan;
pub mod rule;

pub use book::{RuleBook, RunOutcome};
pub use error::{CaseError, EvalError, LoadError};
pub use exec::Status;
pub use package::{DatasetInfo, Package, Standard};
pub use plan::CompiledRule;

/// The cdisc-org/cdisc-open-rules commit of the bundled rules.
pub const RULES_COMMIT: &str = standards::cdisc_core::RULES_COMMIT;
