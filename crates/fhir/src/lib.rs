//! Registry [`StudyRecord`]s to FHIR ResearchStudy (R5 and R4B) and Bundles, and a FHIR JSON
//! validation layer.
//!
//! R5 is built as JSON and read into fhir-sdk's model, which checks it and writes it; the
//! model is only touched through the non-generic function of the private `sdk` module:
//! serde for the whole FHIR model is instantiated once, there, and editing the mapping code
//! does not recompile it (figures in the crate README).
//! R4B is written with small serde types of our own (`r4b::model`): fhir-sdk's `r4b`
//! feature nearly doubled the memory the build needs.
//!
//! # Mapping notices (`FH0001`–`FH0049`, severity notice)
//! Nothing in a record is dropped silently: what a FHIR version cannot hold, or holds only
//! loosely, is a notice whose `variables[0]` is the `StudyRecord` field (e.g.
//! `status.verified`).
//!
//! | code | meaning |
//! |---|---|
//! | FH0001 | registry id has no known system URI; identifier written without `system` |
//! | FH0002 | record has no registry id; the sponsor's protocol number identifies it |
//! | FH0003 | status has no code in the target value set; written as text only |
//! | FH0004 | status mapped to the nearest code (lossy, see [`codes::progress_state_r5`], [`codes::status_r4b`]) |
//! | FH0005 | a date the source gives as unreadable text; kept as note text only |
//! | FH0006 | a date or status with no element in this FHIR version; kept as note text |
//! | FH0007 | phase combination or unknown phase with no research-study-phase code; text only |
//! | FH0008 | primary purpose with no code (OTHER, ECT, unknown); text only |
//! | FH0009 | arm type unknown; text only |
//! | FH0010 | two arm labels give the same ARMCD; the later one got a numeric suffix |
//! | FH0011 | enrollment count unreadable; dropped (raw text in a note) |
//! | FH0012 | enrollment without actual/anticipated flag; written as the target number |
//! | FH0013 | a field with no structured element; kept as note text |
//! | FH0014 | R4B holds one sponsor and one principal investigator; the others are note text |
//! | FH0015 | R4B cannot say whether enrollment is actual or planned; group `quantity` only |
//! | FH0016 | a DM subject's ARMCD/ACTARMCD is not an arm of the registry record |
//! | FH0017 | a DM subject's RFICDTC is not a date; ResearchSubject without period |
//! | FH0018 | party role unknown; associatedParty role written as text |
//!
//! Validation finding codes (`FH0050`–`FH0099`) are listed in [`validate`].

pub mod codes;
mod error;
pub mod package;
mod plan;
mod r4b;
mod r5;
pub mod release;
mod sdk;
mod text;
mod types;
pub mod validate;

pub use codes::{armcd_for, armcds_for, link_id};
pub use error::FhirError;
pub use validate::{validate_json, validate_value};

use model::Finding;
use registry::StudyRecord;

/// Which FHIR release to write or check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FhirVersion {
    R5,
    R4B,
}

impl FhirVersion {
    pub fn label(self) -> &'static str {
        match self {
            FhirVersion::R5 => "R5",
            FhirVersion::R4B => "R4B",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BundleKind {
    /// A `collection` Bundle: a document set to read, not to post.
    #[default]
    Collection,
    /// A `transaction` Bundle: every entry a `POST` to its resource type.
    Transaction,
}

#[derive(Debug, Clone, Default)]
pub struct Options {
    pub bundle: BundleKind,
    /// `ResearchStudy.id`; by default the registry id with characters FHIR ids do not
    /// allow replaced by `-`.
    pub id: Option<String>,
}

/// One SDTM DM row, enough for a ResearchSubject.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DmRow {
    pub usubjid: String,
    pub armcd: String,
    pub actarmcd: String,
    /// Date of informed consent (ISO 8601, possibly partial); empty when unknown.
    pub rficdtc: String,
}

/// Compact FHIR JSON and the mapping notices.
#[derive(Debug, Clone, PartialEq)]
pub struct Output {
    pub json: String,
    pub findings: Vec<Finding>,
}

/// The R5 ResearchStudy, its eligibility Group, Locations and Organizations `contained`.
pub fn research_study_r5(record: &StudyRecord, options: &Options) -> Result<Output, FhirError> {
    let plan = plan::Plan::new(record, options);
    r5::study_json(plan)
}

/// The R4B ResearchStudy, its enrollment Group, Locations and Organizations `contained`.
pub fn research_study_r4b(record: &StudyRecord, options: &Options) -> Result<Output, FhirError> {
    let plan = plan::Plan::new(record, options);
    r4b::study_json(plan)
}

/// A Bundle (see [`BundleKind`]) of the ResearchStudy, its Group, Locations,
/// Organizations and one ResearchSubject per DM row, with `urn:uuid:` full URLs derived
/// from content, so reruns are byte-identical.
pub fn bundle(
    record: &StudyRecord,
    version: FhirVersion,
    dm: &[DmRow],
    options: &Options,
) -> Result<Output, FhirError> {
    let plan = plan::Plan::new(record, options);
    match version {
        FhirVersion::R5 => r5::bundle_json(plan, dm),
        FhirVersion::R4B => r4b::bundle_json(plan, dm),
    }
}
