//! SAS transport (XPORT) files: version 5 written and read, version 8 read.
//!
//! Layout (SAS TS-140 and its v8 supplement): 80-byte records throughout. A library header
//! and two "real" header records (SAS version, OS, created/modified timestamps), then per
//! member a MEMBER header, a DSCRPTR header and two descriptor records (dataset name, label,
//! type), a NAMESTR header with the variable count, one 140-byte NAMESTR per variable, in v8
//! optionally LABELV8/LABELV9 records for labels over 40 bytes, an OBS header, and the rows
//! back to back. Every block ends blank-padded to a record boundary. Numbers are IBM/370
//! doubles ([`ibm`]).
//!
//! # Writing: refuse rather than truncate
//!
//! [`write_dataset`] checks the whole dataset before writing a byte. If anything cannot be
//! held exactly (a 9-character name, a 41-byte label, a non-ASCII value, 1e300), nothing is
//! written and [`XptError::Invalid`] carries every finding at error severity, so a data
//! manager sees all problems in one run. On success the returned findings are notices and
//! warnings only. The streaming [`XptWriter`] checks metadata when created and each row as it
//! comes; a rejected row is not written and is reported as [`XptError::InvalidRow`].
//!
//! Character values are padded with blanks, so `""` and a missing value both become blanks
//! (FM0017 notes when a column had both); trailing blanks do not come back. Numbers are
//! exact except that -0.0 is written as 0.0: SAS has one zero, and ReadStat reads a signed
//! zero as missing.
//!
//! # Reading
//!
//! [`XptReader`] streams rows of one member; [`XptReader::next_member`] moves on to the next.
//! Character values lose trailing blanks; bytes that are not UTF-8 are decoded as
//! Windows-1252 and reported (FM0030). Damaged input is an [`XptError`] with the byte offset.
//!
//! # Finding codes
//!
//! | code   | severity | when |
//! |--------|----------|------|
//! | FM0001 | error    | dataset name empty, longer than 8, not a SAS name, or not ASCII |
//! | FM0002 | error    | dataset label longer than 40 bytes or not ASCII |
//! | FM0003 | error    | variable name empty, longer than 8, not a SAS name, or not ASCII |
//! | FM0004 | error    | two variables share a name (SAS names ignore case) |
//! | FM0005 | error    | variable label longer than 40 bytes or not ASCII |
//! | FM0006 | error    | display format unparsable, name over 8, or `$` format on a numeric (or the reverse) |
//! | FM0007 | error    | character length outside 1–200 |
//! | FM0008 | error    | numeric length other than 8 (shorter numerics lose precision) |
//! | FM0009 | error    | character value longer than 200 bytes or than the declared length |
//! | FM0010 | error    | character value not ASCII |
//! | FM0011 | error    | number outside the IBM range (±5.4e-79 … ±7.2e75), infinite or NaN |
//! | FM0012 | error    | value type does not match the variable type |
//! | FM0013 | error    | row has a different number of values than the dataset has variables |
//! | FM0014 | error    | special missing (`._`, `.A`–`.Z`) in a character variable |
//! | FM0015 | error    | streaming writer: character variable without a length |
//! | FM0016 | error    | dataset has no variables, or more than 9,999 |
//! | FM0017 | notice   | character variable holds both missing and `""`: XPT stores both as blanks |
//! | FM0030 | notice   | reader: text was not UTF-8 and was decoded as Windows-1252 |
//! | FM0031 | warning  | reader: numeric variable stored in fewer than 8 bytes (precision was cut) |
//! | FM0032 | error    | reader: version 5 character variable longer than 200 bytes |
//!
//! Codes are never reused; FM0018–FM0029 and FM0033–FM0049 are free.

pub mod header;
pub mod ibm;
mod input;
mod member;
mod reader;
mod validate;
mod writer;

#[cfg(test)]
mod tests;

pub use ibm::{IBM_MAX, IBM_MIN_POSITIVE, IbmRangeError, from_ibm, to_ibm};
pub use reader::{LibraryInfo, XptReader, XptVersion, read_all_members};
pub use validate::validate;
pub use writer::{XptWriter, write_dataset};

use model::Finding;

/// Settings that make output byte-deterministic and say who wrote it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct XptOptions {
    /// Created/modified time stamped into every header, as UNIX seconds (UTC). Callers pass
    /// `--timestamp` / `SOURCE_DATE_EPOCH` here so the same inputs give the same bytes.
    pub timestamp: model::Timestamp,
    /// SAS release field of the headers (8 bytes).
    pub sas_version: String,
    /// Operating system field of the headers (8 bytes).
    pub os_name: String,
    /// Names findings after this file (e.g. `dm.xpt`).
    pub file_name: Option<String>,
}

impl XptOptions {
    pub fn at(timestamp: impl Into<model::Timestamp>) -> XptOptions {
        XptOptions {
            timestamp: timestamp.into(),
            ..XptOptions::default()
        }
    }
}

impl Default for XptOptions {
    fn default() -> XptOptions {
        XptOptions {
            timestamp: model::Timestamp::default(),
            sas_version: "9.4".into(),
            os_name: "RUST".into(),
            file_name: None,
        }
    }
}

/// Everything that can go wrong reading or writing a transport file. Offsets are bytes from
/// the start of the file (for writers: bytes written so far).
#[derive(Debug, thiserror::Error)]
pub enum XptError {
    #[error("byte {offset}: I/O error: {source}")]
    Io {
        offset: u64,
        #[source]
        source: std::io::Error,
    },
    #[error("byte 0: file is empty (0 bytes), not a SAS transport file")]
    Empty,
    #[error("byte {offset}: not a SAS transport file{hint}: starts with {found:?}")]
    NotXpt {
        offset: u64,
        found: String,
        hint: &'static str,
    },
    #[error("byte {offset}: file ends inside the {context}: {missing} more bytes expected")]
    Truncated {
        offset: u64,
        context: &'static str,
        missing: u64,
    },
    #[error("byte {offset}: expected the {expected} header record, found {found:?}")]
    UnexpectedRecord {
        offset: u64,
        expected: &'static str,
        found: String,
    },
    #[error("byte {offset}: invalid {field}: {found:?}")]
    BadField {
        offset: u64,
        field: &'static str,
        found: String,
    },
    #[error("byte {offset}: NAMESTR {index} (variable {name:?}): {problem}")]
    BadNamestr {
        offset: u64,
        index: usize,
        name: String,
        problem: String,
    },
    #[error(
        "byte {offset}: the header declares {declared} observations but the data ends after {found}"
    )]
    MissingRows {
        offset: u64,
        declared: u64,
        found: u64,
    },
    #[error(
        "dataset {dataset}: not written, {} finding(s) at error severity: {}",
        count_errors(findings),
        first_error(findings)
    )]
    Invalid {
        dataset: String,
        findings: Vec<Finding>,
    },
    #[error(
        "dataset {dataset} record {record}: row not written: {}",
        first_error(findings)
    )]
    InvalidRow {
        dataset: String,
        record: u64,
        findings: Vec<Finding>,
    },
}

fn count_errors(findings: &[Finding]) -> usize {
    findings
        .iter()
        .filter(|f| f.severity == model::Severity::Error)
        .count()
}

fn first_error(findings: &[Finding]) -> String {
    findings
        .iter()
        .find(|f| f.severity == model::Severity::Error)
        .map_or_else(String::new, ToString::to_string)
}

impl XptError {
    /// Where in the file the problem is, when it is about the file's bytes.
    pub fn offset(&self) -> Option<u64> {
        match self {
            XptError::Io { offset, .. }
            | XptError::NotXpt { offset, .. }
            | XptError::Truncated { offset, .. }
            | XptError::UnexpectedRecord { offset, .. }
            | XptError::BadField { offset, .. }
            | XptError::BadNamestr { offset, .. }
            | XptError::MissingRows { offset, .. } => Some(*offset),
            XptError::Empty => Some(0),
            XptError::Invalid { .. } | XptError::InvalidRow { .. } => None,
        }
    }

    /// The findings behind a refusal to write.
    pub fn findings(&self) -> &[Finding] {
        match self {
            XptError::Invalid { findings, .. } | XptError::InvalidRow { findings, .. } => findings,
            _ => &[],
        }
    }
}

/// Printable preview of raw bytes for error messages: never the whole record, never binary.
pub(crate) fn preview(b: &[u8]) -> String {
    b.iter()
        .take(48)
        .map(|&c| {
            if (0x20..0x7f).contains(&c) {
                c as char
            } else {
                '·'
            }
        })
        .collect()
}
