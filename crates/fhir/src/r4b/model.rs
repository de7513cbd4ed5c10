//! The R4B resources we write, as plain serde structs: fhir-sdk's R4B model would double
//! the memory its build needs (figures in the crate README).
//!
//! Written from the FHIR R4 JSON schema (R4B is R4-shaped for these resources) with only
//! the elements we fill, in FHIR element order so the JSON is in the order fhir-sdk wrote
//! it. A writer's model: unknown elements would be dropped on reading, so incoming R4B
//! documents are checked against the JSON schema, never read into these types.

use super::datatypes::{
    Address, Annotation, CodeableConcept, ContactDetail, Identifier, Period, Range, Reference,
};
use crate::error::FhirError;
use serde::{Deserialize, Serialize};

/// A resource with `resourceType` written first, as FHIR JSON readers expect. The big
/// ones are boxed so a Bundle entry is not the size of a ResearchStudy.
#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "resourceType")]
pub(crate) enum Resource {
    ResearchStudy(Box<ResearchStudy>),
    Group(Group),
    Location(Location),
    Organization(Organization),
    ResearchSubject(Box<ResearchSubject>),
    Bundle(Bundle),
}

impl Resource {
    /// Compact JSON.
    pub(crate) fn to_json(&self) -> Result<String, FhirError> {
        Ok(serde_json::to_string(self)?)
    }
}

/// research-study-status, R4B edition (a required binding).
const STUDY_STATUS: &[&str] = &[
    "active",
    "administratively-completed",
    "approved",
    "closed-to-accrual",
    "closed-to-accrual-and-intervention",
    "completed",
    "disapproved",
    "in-review",
    "temporarily-closed-to-accrual",
    "temporarily-closed-to-accrual-and-intervention",
    "withdrawn",
];

/// `code` if it is in the R4B research-study-status value set: a code table of ours that
/// drifted from the value set is our fault, not the record's.
pub(crate) fn study_status(code: &str) -> Result<String, FhirError> {
    if STUDY_STATUS.contains(&code) {
        Ok(code.to_owned())
    } else {
        Err(FhirError::Code {
            what: "R4B research-study-status",
            code: code.to_owned(),
        })
    }
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(crate) struct ResearchStudy {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub contained: Vec<Resource>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub identifier: Vec<Identifier>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    pub status: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub primary_purpose_type: Option<CodeableConcept>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phase: Option<CodeableConcept>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub category: Vec<CodeableConcept>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub focus: Vec<CodeableConcept>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub condition: Vec<CodeableConcept>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub contact: Vec<ContactDetail>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub keyword: Vec<CodeableConcept>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub location: Vec<CodeableConcept>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub enrollment: Vec<Reference>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period: Option<Period>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sponsor: Option<Reference>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub principal_investigator: Option<Reference>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub site: Vec<Reference>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason_stopped: Option<CodeableConcept>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub note: Vec<Annotation>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub arm: Vec<ResearchStudyArm>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub objective: Vec<ResearchStudyObjective>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(crate) struct ResearchStudyArm {
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub r#type: Option<CodeableConcept>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(crate) struct ResearchStudyObjective {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub r#type: Option<CodeableConcept>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(crate) struct Group {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// group-type: `person` is the only one we write.
    pub r#type: String,
    pub actual: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quantity: Option<u32>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub characteristic: Vec<GroupCharacteristic>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct GroupCharacteristic {
    pub code: CodeableConcept,
    #[serde(flatten)]
    pub value: CharacteristicValue,
    pub exclude: bool,
}

/// `value[x]`: the element name carries the type.
#[derive(Debug, Serialize, Deserialize)]
pub(crate) enum CharacteristicValue {
    #[serde(rename = "valueCodeableConcept")]
    CodeableConcept(CodeableConcept),
    #[serde(rename = "valueBoolean")]
    Boolean(bool),
    #[serde(rename = "valueRange")]
    Range(Range),
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(crate) struct Location {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address: Option<Address>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(crate) struct Organization {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub r#type: Vec<CodeableConcept>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(crate) struct ResearchSubject {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub identifier: Vec<Identifier>,
    /// research-subject-status (R4B).
    pub status: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period: Option<Period>,
    pub study: Reference,
    pub individual: Reference,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assigned_arm: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actual_arm: Option<String>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(crate) struct Bundle {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// bundle-type: `collection` or `transaction`.
    pub r#type: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub entry: Vec<BundleEntry>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(crate) struct BundleEntry {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub full_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resource: Option<Resource>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request: Option<BundleEntryRequest>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(crate) struct BundleEntryRequest {
    /// http-verb: `POST` is the only one we write.
    pub method: String,
    pub url: String,
}
