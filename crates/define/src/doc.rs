//! Define-XML 2.1: the metadata document of an SDTM or ADaM package.
//!
//! Build a [`DefineDoc`] (by hand, or with [`DefineDoc::from_datasets`] and then add what
//! data cannot say: methods, comments, codelists), then [`write_define`]. The output is
//! byte-deterministic: `CreationDateTime` is the caller's, and every list is written in the
//! order the document holds it. [`check_references`] checks any define.xml text, ours or
//! a sponsor's, for dangling and duplicate OIDs.
//!
//! # OIDs
//!
//! `IG.DM` and `IT.DM.AGE` as in Dataset-JSON ([`item_group_oid`](model::oid::item_group_oid),
//! [`item_oid`](model::oid::item_oid)), so Dataset-JSON's `itemGroupOID` and
//! column `itemOID`s resolve here. Value-level items are `IT.LB.LBORRES.CK` in
//! `VL.LB.LBORRES`, selected by `WC.LB.LBTESTCD.CK`; codelists `CL.<name>`, methods
//! `MT.<name>`, comments `COM.<name>`, dataset leaves `LF.<dataset>` (see [`oid`]).
//!
//! # Data types
//!
//! Character `--DTC` variables are `datetime` when any value has a time part, else `date`
//! (as the CDISC 2.1 examples write them), with no `Length`; `--DUR` is `durationDatetime`.
//! Numeric variables are `integer` when every value is whole, else `float` with
//! `SignificantDigits` = the most decimals seen; ADaM numeric dates (`data_type` date,
//! datetime or time) are `integer` with their SAS format as `def:DisplayFormat`. `Length`
//! is the longest value's text in bytes.
//!
//! # Findings
//!
//! | code | severity | from | when |
//! |---|---|---|---|
//! | `FM0120`–`FM0132` | | [`check_references`] | see there |
//! | `FM0140` | error/warning | [`DefineDoc::validate`] | class or subclass outside the 2.1 terminology (error); no class or no structure (warning) |
//! | `FM0141` | warning | validate | an extended value in a codelist that is not extensible |
//! | `FM0142` | warning | validate | a Derived variable without a method |
//! | `FM0143` | error | validate | a key variable that is not in the dataset |
//! | `FM0144` | error | validate | a codelist without terms or a value-level item without a where clause |
//! | `FM0145` | error | validate | one where-clause OID for two different conditions |
//! | `FM0146` | warning | validate | a text/integer/float variable or value-level item without a length |
//! | `FM0147` | error | validate | a standard's name, status or publishing set outside the 2.1 terminology |
//! | `FM0148` | warning | validate | a Predecessor origin that does not name the predecessor |
//! | `FM0149` | error | validate | an empty FileOID/Study OID/MetaDataVersion OID, or a malformed CreationDateTime |
//!
//! | `FM0139` | error | validate | a dataset name that is not a SAS name (a letter, then letters, digits or `_`, at most 8): it becomes a file name, an OID and a `def:leaf` link |
//!
//! `FM0133`–`FM0138` are reserved for further reference checks.

mod arm;
mod check;
mod derive;
mod items;
mod model;
pub mod oid;
mod validate;
mod writer;

pub use self::arm::{AnalysisDataset, AnalysisPurpose, AnalysisResult, ResultDisplay};
pub use self::check::check_references;
pub use self::derive::{declared_type, infer};
pub use self::model::{
    CodeItem, CodeList, CodeListType, Comment, Comparator, Condition, Context, DataType,
    DatasetDef, DefineDoc, Document, Method, MethodType, OriginSource, Purpose, Standard,
    StandardType, Study, ValueItem, VarDef,
};

use ::model::{Finding, Severity};

/// Why no define.xml was written.
#[derive(Debug, thiserror::Error)]
pub enum DefineError {
    /// The document has error-level findings from [`DefineDoc::validate`]; they are all here.
    #[error("the define.xml would be invalid: {}", .0.iter().map(|f| f.to_string()).collect::<Vec<_>>().join("; "))]
    Invalid(Vec<Finding>),
    #[error("writing define.xml: {0}")]
    Io(#[from] std::io::Error),
}

/// A written document and what was noticed on the way: warnings from
/// [`DefineDoc::validate`] and every finding of [`check_references`] on the output.
#[derive(Debug, Clone)]
pub struct Written {
    pub xml: Vec<u8>,
    pub findings: Vec<Finding>,
}

/// Writes `doc` as Define-XML 2.1 (UTF-8, two-space indentation), refusing when
/// [`DefineDoc::validate`] reports an error.
pub fn write_define(doc: &DefineDoc) -> Result<Written, DefineError> {
    let mut findings = doc.validate();
    if findings.iter().any(|f| f.severity == Severity::Error) {
        findings.retain(|f| f.severity == Severity::Error);
        return Err(DefineError::Invalid(findings));
    }
    let xml = writer::write(doc, Vec::new())?;
    findings.extend(check_references(&String::from_utf8_lossy(&xml)));
    Ok(Written { xml, findings })
}
