//! One registry-independent model of a trial registration.
//!
//! Field names follow ClinicalTrials.gov API v2 where it has one, because every other
//! registry's export is a subset of what it can say. Anything a source leaves out stays
//! `None` or empty: readers never invent values.

use crate::codes::{
    Actuality, AgeUnit, Allocation, ArmType, Coded, InterventionModel, InterventionType, Masking,
    OverallStatus, PartyRole, Phase, PrimaryPurpose, Sex, StudyType,
};
use model::IsoDateTime;
use serde::{Deserialize, Serialize};

/// Identifier system of ClinicalTrials.gov (NCT numbers), as HL7's naming system has it.
pub const CTGOV_SYSTEM: &str = "http://clinicaltrials.gov";
/// Identifier system of the WHO ICTRP trial search portal.
pub const ICTRP_SYSTEM: &str = "https://trialsearch.who.int";
/// Identifier system of UMIN-CTR (UMIN000nnnnnn).
pub const UMIN_SYSTEM: &str = "https://www.umin.ac.jp/ctr";

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct StudyRecord {
    pub ids: Identifiers,
    pub titles: Titles,
    pub status: Status,
    pub dates: Dates,
    /// Empty when the source states no phase; `[NotApplicable]` when it says "N/A".
    pub phases: Vec<Phase>,
    /// The source phase text, e.g. `PHASE2, PHASE3` or `Phase 1/Phase 2`.
    pub phase_raw: Option<String>,
    pub study_type: Option<Coded<StudyType>>,
    /// "Observational [Patient Registry]" in the legacy XML, `patientRegistry` in API v2.
    pub patient_registry: Option<bool>,
    pub design: Design,
    pub brief_summary: Option<String>,
    pub detailed_description: Option<String>,
    pub conditions: Vec<String>,
    pub keywords: Vec<String>,
    pub arms: Vec<Arm>,
    pub interventions: Vec<Intervention>,
    pub outcomes: Outcomes,
    pub eligibility: Eligibility,
    pub enrollment: Option<Enrollment>,
    pub parties: Vec<Party>,
    pub locations: Vec<Location>,
    /// Countries named by the source, in source order, without duplicates.
    pub countries: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegistryId {
    pub value: String,
    /// URI of the issuing registry; `None` when the issuer is not a known registry.
    pub system: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Identifiers {
    /// The registry's own id (NCT number, UMIN number, ICTRP TrialID). `None` when the
    /// source record does not give one, e.g. a record authored from a paper without it.
    pub primary: Option<RegistryId>,
    /// The sponsor's protocol number.
    pub org_study_id: Option<String>,
    pub secondary: Vec<SecondaryId>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecondaryId {
    pub value: String,
    /// API v2 `type` (e.g. `NIH`, `OTHER`) or the source's label for the id.
    pub kind: Option<String>,
    /// Who issued it (API v2 `domain`).
    pub domain: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Titles {
    pub brief: Option<String>,
    pub official: Option<String>,
    pub acronym: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Status {
    pub overall: Option<Coded<OverallStatus>>,
    /// CT.gov `lastKnownStatus`, given when the overall status is "unknown".
    pub last_known: Option<Coded<OverallStatus>>,
    pub why_stopped: Option<String>,
    /// The month (or day) the status was last verified.
    pub verified: Option<IsoDateTime>,
}

/// A date as a registry states it: possibly partial, possibly only planned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StudyDate {
    /// `None` when the source text is not a date we can read (kept in `raw`).
    pub date: Option<IsoDateTime>,
    pub actuality: Option<Actuality>,
    pub raw: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Dates {
    pub start: Option<StudyDate>,
    pub primary_completion: Option<StudyDate>,
    pub completion: Option<StudyDate>,
    /// First submission to, or registration in, the registry.
    pub registered: Option<StudyDate>,
    pub last_update: Option<StudyDate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Design {
    pub allocation: Option<Coded<Allocation>>,
    pub intervention_model: Option<Coded<InterventionModel>>,
    pub intervention_model_description: Option<String>,
    pub masking: Option<Coded<Masking>>,
    /// API v2 `whoMasked` tokens (`PARTICIPANT`, `INVESTIGATOR`, ...).
    pub who_masked: Vec<String>,
    pub masking_description: Option<String>,
    pub primary_purpose: Option<Coded<PrimaryPurpose>>,
    pub observational_model: Option<String>,
    pub time_perspective: Option<String>,
    /// Free-text design statement, for registries (ICTRP) that give nothing else.
    pub description: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Arm {
    pub label: String,
    pub arm_type: Option<Coded<ArmType>>,
    pub description: Option<String>,
    /// As the source writes them; API v2 prefixes the type (`Drug: Tacrolimus`).
    pub intervention_names: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Intervention {
    pub intervention_type: Option<Coded<InterventionType>>,
    pub name: String,
    pub description: Option<String>,
    pub arm_labels: Vec<String>,
    pub other_names: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outcome {
    pub measure: String,
    pub time_frame: Option<String>,
    pub description: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Outcomes {
    pub primary: Vec<Outcome>,
    pub secondary: Vec<Outcome>,
    pub other: Vec<Outcome>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Age {
    /// `None` when the source text has no number we can read (kept in `raw`).
    pub value: Option<u32>,
    pub unit: AgeUnit,
    pub raw: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Eligibility {
    /// The criteria as the source gives them.
    pub criteria: Option<String>,
    /// One entry per top-level criterion, in source order, without bullets or numbers.
    pub inclusion: Vec<String>,
    pub exclusion: Vec<String>,
    pub sex: Option<Coded<Sex>>,
    /// `None` means no limit (or not stated).
    pub minimum_age: Option<Age>,
    pub maximum_age: Option<Age>,
    pub healthy_volunteers: Option<bool>,
    /// API v2 `stdAges` (`CHILD`, `ADULT`, `OLDER_ADULT`).
    pub std_ages: Vec<String>,
    pub study_population: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Enrollment {
    /// `None` when the source text holds no count we can read (kept in `raw`).
    pub count: Option<u32>,
    pub actuality: Option<Actuality>,
    /// Source text, for registries where the count is free text ("Japan: 58").
    pub raw: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Party {
    pub name: String,
    pub role: PartyRole,
    pub affiliation: Option<String>,
    /// Agency class as the source states it (`OTHER`, `INDUSTRY`, `NIH`, ...).
    pub class: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Location {
    pub facility: Option<String>,
    pub city: Option<String>,
    pub state: Option<String>,
    pub zip: Option<String>,
    pub country: Option<String>,
    pub status: Option<Coded<OverallStatus>>,
}

impl StudyRecord {
    /// The registry id, or the sponsor's protocol number when there is none.
    pub fn display_id(&self) -> Option<&str> {
        self.ids
            .primary
            .as_ref()
            .map(|p| p.value.as_str())
            .or(self.ids.org_study_id.as_deref())
    }

    pub fn lead_sponsor(&self) -> Option<&Party> {
        self.parties
            .iter()
            .find(|p| p.role == PartyRole::LeadSponsor)
    }

    /// Adds a country once, keeping first-seen order.
    pub(crate) fn add_country(&mut self, country: &str) {
        let c = country.trim();
        if !c.is_empty() && !self.countries.iter().any(|k| k.eq_ignore_ascii_case(c)) {
            self.countries.push(c.to_owned());
        }
    }
}
