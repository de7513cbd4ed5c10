//! Site workbooks in, raw tables out: every value keeps its file, sheet and cell.
//!
//! ```no_run
//! use sheets::{TableSpec, Workbook};
//! let mut findings = Vec::new();
//! let mut book = Workbook::open("site01.xlsx")?;
//! if let Some(labs) = book.read_table(&TableSpec::sheet("Labs"), &mut findings)? {
//!     let result = labs.column("Result").expect("a Result column");
//!     for cell in labs.column_cells(result) {
//!         if let Err(problem) = sheets::parse_number(cell) {
//!             findings.extend(problem.finding(labs.source(cell.cell)));
//!         }
//!     }
//! }
//! # Ok::<(), sheets::SheetsError>(())
//! ```
//!
//! Reading never stops at the first problem: a [`Workbook::read_table`] call reports every
//! problem it sees as a [`model::Finding`] pointing at the cell, and returns an error only
//! when the file or sheet cannot be read at all ([`SheetsError`]).
//!
//! # Findings
//!
//! Codes are never reused. `SI0026`–`SI0029` are reserved for this crate; the mapping
//! engine's input checks continue from `SI0030`.
//!
//! | Code | Severity | Meaning |
//! |------|----------|---------|
//! | `SI0001` | error | Excel error value (`#N/A`, `#DIV/0!`, ...) in a table cell |
//! | `SI0002` | warning | CSV row with more or fewer fields than the first row |
//! | `SI0003` | notice | CSV not valid UTF-8: decoded as Windows-1252 |
//! | `SI0004` | warning | hidden or very hidden sheet read without `allow_hidden` |
//! | `SI0005` | error | header repeats an earlier one (after normalization) |
//! | `SI0006` | warning | column holds data but its header cell is empty |
//! | `SI0007` | error | sheet not found (with "did you mean") |
//! | `SI0008` | notice | sheet found only by ignoring case or surrounding spaces |
//! | `SI0009` | notice | blank row inside the table skipped (`blank_rows = "skip"`) |
//! | `SI0010` | notice | notes block below the table not read as data |
//! | `SI0011` | notice | merged header cell applied to each of its columns |
//! | `SI0012` | notice | merged cells in the data (filled, or only the top-left holds the value; see [`TableSpec::fill_merged_data`]) |
//! | `SI0013` | error | NUL bytes in a CSV field (removed) |
//! | `SI0014` | error | date serial 60 of the 1900 system: the phantom 1900-02-29 |
//! | `SI0015` | error | date serial outside Excel's calendar |
//! | `SI0016` | warning | sheet or workbook without data |
//! | `SI0017` | error | no header row found, or the declared one is empty |
//! | `SI0018` | warning | non-blank rows below the blank row that ended the table |
//! | `SI0019` | notice | CSV separated by `;` or tab rather than commas |
//! | `SI0020` | error | text is not a date in the declared formats |
//! | `SI0021` | error | date that does not exist (`31/02/2016`) |
//! | `SI0022` | error | text is not a number (`<0.5`, `12,5` without a declared decimal comma) |
//! | `SI0023` | error | text reads as different dates in two declared formats |
//! | `SI0024` | error | cell of the wrong kind (a boolean where a date is wanted) |
//! | `SI0025` | error | CSV quoted field never closed: the rest of the file was read into one cell |
//!
//! `SI0020`–`SI0024` come from [`CellProblem::finding`], when the mapper asks for a typed value.
//!
//! # Dates
//!
//! Excel date cells are serials, converted exactly ([`serial_to_iso`]): the 1900 system with
//! its phantom 29 February (serial 60, reported, never shifted) and the 1904 system. A whole
//! serial is a date without a time. ODS dates arrive as ISO text and become dates too. Text
//! dates are read only in the formats a spec declares ([`DateFormat`]); two-digit years
//! follow Excel's pivot (`00`–`29` → 20xx, `30`–`99` → 19xx).
//!
//! # Safety
//!
//! A zip-based workbook's member directory is read and checked against [`ZipLimits`] before
//! calamine inflates anything; an OLE file named like an OOXML workbook is an encrypted
//! workbook; damaged files are errors naming the file.

mod cells;
mod codes;
mod csvread;
mod datefmt;
mod error;
mod extent;
mod grid;
mod names;
mod parse;
mod serial;
mod spec;
mod stream;
mod table;
mod value;
mod workbook;
mod zipcheck;

pub use cells::SheetCells;
pub use codes::Code;
pub use datefmt::{DEFAULT_PIVOT, DateFormat};
pub use error::SheetsError;
pub use names::normalize_header;
pub use parse::{CellProblem, parse_date, parse_number, parse_number_decimal_comma, text};
pub use serial::{DateSystem, SerialError, serial_to_iso};
pub use spec::{BlankRows, TableSpec};
pub use table::{Column, RawRow, RawTable};
pub use value::{CellDate, RawCell, RawValue};
pub use workbook::{SheetInfo, Visibility, Workbook};
pub use zipcheck::{ZipLimits, check_zip};
