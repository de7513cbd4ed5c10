//! Per-version facts the schema does not enforce: required elements, required value sets
//! and allowed reference targets, for the resources trialbridge writes and reads.
//! Paths are element paths without indices (`ResearchStudy.comparisonGroup`).

use crate::FhirVersion;

const PUBLICATION: &[&str] = &["draft", "active", "retired", "unknown"];
const R4B_STUDY_STATUS: &[&str] = &[
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
const R4B_SUBJECT_STATUS: &[&str] = &[
    "candidate",
    "eligible",
    "follow-up",
    "ineligible",
    "not-registered",
    "off-study",
    "on-study",
    "on-study-intervention",
    "on-study-observation",
    "pending-on-study",
    "potential-candidate",
    "screening",
    "withdrawn",
];
const BUNDLE_R4: &[&str] = &[
    "document",
    "message",
    "transaction",
    "transaction-response",
    "batch",
    "batch-response",
    "history",
    "searchset",
    "collection",
];
const BUNDLE_R5: &[&str] = &[
    "document",
    "message",
    "transaction",
    "transaction-response",
    "batch",
    "batch-response",
    "history",
    "searchset",
    "collection",
    "subscription-notification",
];
const GROUP_R5: &[&str] = &[
    "person",
    "animal",
    "practitioner",
    "device",
    "careteam",
    "healthcareservice",
    "location",
    "organization",
    "relatedperson",
    "specimen",
];
const GROUP_R4: &[&str] = &[
    "person",
    "animal",
    "practitioner",
    "device",
    "medication",
    "substance",
];
const LOCATION_STATUS: &[&str] = &["active", "suspended", "inactive"];
const LOCATION_MODE: &[&str] = &["instance", "kind"];
const HTTP_VERB: &[&str] = &["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH"];
const NARRATIVE: &[&str] = &["generated", "extensions", "additional", "empty"];

/// Required value sets: element path → allowed codes.
pub(super) fn codes(version: FhirVersion, path: &str) -> Option<&'static [&'static str]> {
    let common = match path {
        "Location.status" => Some(LOCATION_STATUS),
        "Location.mode" => Some(LOCATION_MODE),
        "Bundle.entry.request.method" => Some(HTTP_VERB),
        p if p.ends_with(".text.status") => Some(NARRATIVE),
        _ => None,
    };
    common.or(match (version, path) {
        (FhirVersion::R5, "ResearchStudy.status" | "ResearchSubject.status") => Some(PUBLICATION),
        (FhirVersion::R5, "Bundle.type") => Some(BUNDLE_R5),
        (FhirVersion::R5, "Group.type") => Some(GROUP_R5),
        (FhirVersion::R5, "Group.membership") => Some(&["definitional", "enumerated"]),
        (FhirVersion::R4B, "ResearchStudy.status") => Some(R4B_STUDY_STATUS),
        (FhirVersion::R4B, "ResearchSubject.status") => Some(R4B_SUBJECT_STATUS),
        (FhirVersion::R4B, "Bundle.type") => Some(BUNDLE_R4),
        (FhirVersion::R4B, "Group.type") => Some(GROUP_R4),
        _ => None,
    })
}

/// Minimum cardinality ≥ 1: element path → required children (`value[x]` for a choice).
pub(super) fn required(version: FhirVersion, path: &str) -> &'static [&'static str] {
    use FhirVersion::{R4B, R5};
    match (version, path) {
        (_, "ResearchStudy") => &["status"],
        (_, "Group.characteristic") => &["code", "value[x]", "exclude"],
        (_, "Bundle") => &["type"],
        (_, "Bundle.entry.request") => &["method", "url"],
        (_, "Bundle.link") => &["relation", "url"],
        // Annotation.text; every `note` element is an Annotation.
        (_, p) if p.ends_with(".note") => &["text"],
        // DomainResource.text is a Narrative.
        (_, p) if p.ends_with(".text") && p.matches('.').count() == 1 => &["status", "div"],
        (R5, "ResearchStudy.comparisonGroup") => &["name"],
        (R5, "ResearchStudy.associatedParty") => &["role"],
        (R5, "ResearchStudy.progressStatus") => &["state"],
        (R5, "Group") => &["type", "membership"],
        (R5, "ResearchSubject") => &["status", "study", "subject"],
        (R4B, "ResearchStudy.arm") => &["name"],
        (R4B, "Group") => &["type", "actual"],
        (R4B, "ResearchSubject") => &["status", "study", "individual"],
        _ => &[],
    }
}

/// Resource types a Reference element may point to.
pub(super) fn targets(version: FhirVersion, path: &str) -> Option<&'static [&'static str]> {
    let common: Option<&[&str]> = match path {
        "ResearchStudy.partOf" => Some(&["ResearchStudy"]),
        "ResearchStudy.protocol" => Some(&["PlanDefinition"]),
        "ResearchSubject.study" => Some(&["ResearchStudy"]),
        "Location.managingOrganization" | "Organization.partOf" => Some(&["Organization"]),
        "Location.partOf" => Some(&["Location"]),
        _ => None,
    };
    common.or(match (version, path) {
        (FhirVersion::R5, "ResearchStudy.site") => {
            Some(&["Location", "ResearchStudy", "Organization"])
        }
        (FhirVersion::R5, "ResearchStudy.recruitment.eligibility") => {
            Some(&["Group", "EvidenceVariable"])
        }
        (FhirVersion::R5, "ResearchStudy.recruitment.actualGroup") => Some(&["Group"]),
        (FhirVersion::R5, "ResearchStudy.associatedParty.party") => {
            Some(&["Practitioner", "PractitionerRole", "Organization"])
        }
        (FhirVersion::R5, "ResearchStudy.comparisonGroup.intendedExposure") => {
            Some(&["EvidenceVariable"])
        }
        (FhirVersion::R5, "ResearchStudy.comparisonGroup.observedGroup") => Some(&["Group"]),
        (FhirVersion::R5, "ResearchSubject.subject") => Some(&[
            "Patient",
            "Group",
            "Specimen",
            "Device",
            "Medication",
            "Substance",
            "BiologicallyDerivedProduct",
        ]),
        (FhirVersion::R4B, "ResearchStudy.site") => Some(&["Location"]),
        (FhirVersion::R4B, "ResearchStudy.enrollment") => Some(&["Group"]),
        (FhirVersion::R4B, "ResearchStudy.sponsor") => Some(&["Organization"]),
        (FhirVersion::R4B, "ResearchStudy.principalInvestigator") => {
            Some(&["Practitioner", "PractitionerRole"])
        }
        (FhirVersion::R4B, "ResearchSubject.individual") => Some(&["Patient"]),
        _ => None,
    })
}
