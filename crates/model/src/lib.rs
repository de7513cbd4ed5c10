//! The vocabulary every trialbridge crate speaks.
//!
//! Plain data only: no file I/O lives here, so readers, writers, mappers and rules can all
//! depend on this crate without pulling in each other.

pub mod ascii;
pub mod dataset;
pub mod finding;
pub mod io;
pub mod iso8601;
pub mod num;
pub mod oid;
pub mod provenance;
pub mod quotes;
pub mod text;
pub mod timestamp;
pub mod value;

pub use dataset::{Core, Dataset, DatasetMeta, Origin, VarType, Variable};
pub use finding::{Finding, Severity, Summary};
pub use io::{DatasetReader, DatasetRows, DatasetWriter};
pub use iso8601::{IsoDateTime, IsoError, TimeZone};
pub use provenance::{CellRef, Provenance, SourceCell};
pub use timestamp::{Timestamp, TimestampError};
pub use value::{Missing, Value, ValueRef, comparable, comparable_text};
