//! Registry vocabularies to FHIR codes: the documented mapping tables.
//!
//! Each table answers with a code *and* whether the mapping is exact, so the mappers can
//! raise a notice for every lossy case instead of silently picking the nearest code.

use registry::{ArmType, OverallStatus, PartyRole, Phase, PrimaryPurpose};

pub const PHASE_R5: &str = "http://hl7.org/fhir/research-study-phase";
pub const PHASE_R4B: &str = "http://terminology.hl7.org/CodeSystem/research-study-phase";
pub const PURPOSE_R5: &str = "http://hl7.org/fhir/research-study-prim-purp-type";
pub const PURPOSE_R4B: &str = "http://terminology.hl7.org/CodeSystem/research-study-prim-purp-type";
pub const STUDY_STATUS: &str = "http://hl7.org/fhir/research-study-status";
pub const ARM_TYPE: &str = "http://hl7.org/fhir/research-study-arm-type";
pub const PARTY_ROLE: &str = "http://hl7.org/fhir/research-study-party-role";
pub const OBJECTIVE_TYPE: &str =
    "http://terminology.hl7.org/CodeSystem/research-study-objective-type";
pub const TITLE_TYPE: &str = "http://terminology.hl7.org/CodeSystem/title-type";

/// A FHIR code for a registry value; `exact` is false when meaning is lost on the way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mapped {
    pub code: &'static str,
    pub display: &'static str,
    pub exact: bool,
}

const fn exact(code: &'static str, display: &'static str) -> Option<Mapped> {
    Some(Mapped {
        code,
        display,
        exact: true,
    })
}

const fn lossy(code: &'static str, display: &'static str) -> Option<Mapped> {
    Some(Mapped {
        code,
        display,
        exact: false,
    })
}

/// research-study-phase for a registry phase list. The code system has single phases and
/// the two adjacent pairs CT.gov allows (1/2, 2/3); any other combination has no code.
pub fn phase(phases: &[Phase]) -> Option<Mapped> {
    use Phase::*;
    let mut p: Vec<Phase> = phases.to_vec();
    p.sort();
    p.dedup();
    match p.as_slice() {
        [NotApplicable] => exact("n-a", "N/A"),
        [EarlyPhase1] => exact("early-phase-1", "Early Phase 1"),
        [Phase1] => exact("phase-1", "Phase 1"),
        [Phase1, Phase2] => exact("phase-1-phase-2", "Phase 1/Phase 2"),
        [Phase2] => exact("phase-2", "Phase 2"),
        [Phase2, Phase3] => exact("phase-2-phase-3", "Phase 2/Phase 3"),
        [Phase3] => exact("phase-3", "Phase 3"),
        [Phase4] => exact("phase-4", "Phase 4"),
        _ => None,
    }
}

/// R5 `progressStatus.state` (research-study-status, R5 edition) for the overall status.
/// The table, with the reason for every lossy row, is `docs/registry.md` ("Overall status
/// to FHIR"); `tests/status_table.rs` checks each of its rows against this function.
/// `None` only for a source text no reader could map: it is written as text alone.
pub fn progress_state_r5(s: OverallStatus) -> Option<Mapped> {
    use OverallStatus::*;
    match s {
        NotYetRecruiting => exact("not-yet-recruiting", "Not yet recruiting"),
        Recruiting => exact("recruiting", "Recruiting"),
        EnrollingByInvitation => exact("enrolling-by-invitation", "Enrolling by invitation"),
        ActiveNotRecruiting => exact("active-but-not-recruiting", "Active, not recruiting"),
        NotRecruiting => lossy("closed-to-accrual", "Closed to Accrual"),
        Approved => exact("approved", "Approved"),
        Suspended => exact(
            "temporarily-closed-to-accrual",
            "Temporarily Closed to Accrual",
        ),
        Terminated => exact("terminated", "Terminated"),
        Completed => exact("completed", "Completed"),
        Withdrawn => exact("withdrawn", "Withdrawn"),
        // CT.gov gives UNKNOWN to studies last known to be ongoing whose record went
        // unverified, and WITHHELD to ongoing trials of devices not yet cleared: both were
        // running when last seen, and nothing in the value set says "we do not know".
        Available | UnknownStatus | Withheld => lossy("active", "Active"),
        TemporarilyNotAvailable => lossy(
            "temporarily-closed-to-accrual",
            "Temporarily Closed to Accrual",
        ),
        NoLongerAvailable | ApprovedForMarketing => lossy("closed-to-accrual", "Closed to Accrual"),
        Unknown => None,
    }
}

/// R4B `ResearchStudy.status` (research-study-status, R4B edition, required binding).
/// R4B has no "recruiting" vs "not yet" split and no "terminated", hence the lossy rows;
/// the table and its reasons are in `docs/registry.md` with the R5 one.
/// A status is required, so a record without one, or with text no reader could map, is
/// `active` (lossy, the same least claim as UNKNOWN_STATUS) — never `in-review`, which says
/// the protocol awaits its ethics review and is false of every registered trial.
pub fn status_r4b(s: Option<OverallStatus>) -> Mapped {
    use OverallStatus::*;
    let m = match s {
        Some(NotYetRecruiting | Approved) => exact("approved", "Approved"),
        Some(Recruiting) => exact("active", "Active"),
        Some(Available | EnrollingByInvitation | UnknownStatus | Withheld | Unknown) | None => {
            lossy("active", "Active")
        }
        Some(ActiveNotRecruiting) => exact("closed-to-accrual", "Closed to Accrual"),
        Some(NotRecruiting | NoLongerAvailable | ApprovedForMarketing) => {
            lossy("closed-to-accrual", "Closed to Accrual")
        }
        Some(Suspended) => lossy(
            "temporarily-closed-to-accrual-and-intervention",
            "Temporarily Closed to Accrual and Intervention",
        ),
        Some(TemporarilyNotAvailable) => lossy(
            "temporarily-closed-to-accrual",
            "Temporarily Closed to Accrual",
        ),
        Some(Terminated) => lossy("administratively-completed", "Administratively Completed"),
        Some(Completed) => exact("completed", "Completed"),
        Some(Withdrawn) => exact("withdrawn", "Withdrawn"),
    };
    m.unwrap_or(Mapped {
        code: "active",
        display: "Active",
        exact: false,
    })
}

/// research-study-prim-purp-type; OTHER and ECT have no code.
pub fn purpose(p: PrimaryPurpose) -> Option<Mapped> {
    use PrimaryPurpose::*;
    match p {
        Treatment => exact("treatment", "Treatment"),
        Prevention => exact("prevention", "Prevention"),
        Diagnostic => exact("diagnostic", "Diagnostic"),
        SupportiveCare => exact("supportive-care", "Supportive Care"),
        Screening => exact("screening", "Screening"),
        HealthServicesResearch => exact("health-services-research", "Health Services Research"),
        BasicScience => exact("basic-science", "Basic Science"),
        DeviceFeasibility => exact("device-feasibility", "Device Feasibility"),
        EducationalCounselingTraining | Other | Unknown => None,
    }
}

/// research-study-arm-type (R5 code system; R4B `arm.type` is example-bound and uses it too).
pub fn arm_type(t: ArmType) -> Option<Mapped> {
    use ArmType::*;
    match t {
        Experimental => exact("experimental", "Experimental"),
        ActiveComparator => exact("active-comparator", "Active Comparator"),
        PlaceboComparator => exact("placebo-comparator", "Placebo Comparator"),
        ShamComparator => exact("sham-comparator", "Sham Comparator"),
        NoIntervention => exact("no-intervention", "No Intervention"),
        Other => exact("other-arm-type", "Other Arm Type"),
        Unknown => None,
    }
}

/// research-study-party-role for R5 `associatedParty.role`.
pub fn party_role(r: PartyRole) -> Option<Mapped> {
    use PartyRole::*;
    let (code, display) = match r {
        LeadSponsor => ("lead-sponsor", "Lead Sponsor"),
        Collaborator => ("collaborator", "Collaborator"),
        Funder => ("funding-source", "Funding Source"),
        PrincipalInvestigator => ("primary-investigator", "Primary Investigator"),
        SubInvestigator => ("sub-investigator", "Sub Investigator"),
        StudyChair => ("study-chair", "Study Chair"),
        StudyDirector => ("study-director", "Study Director"),
        SponsorInvestigator => ("sponsor-investigator", "Sponsor-Investigator"),
        Contact => ("general-contact", "General Contact"),
        Unknown => return None,
    };
    exact(code, display)
}

/// Whether a party is an organisation (gets an Organization resource) or a person.
pub fn is_organisation(r: PartyRole) -> bool {
    matches!(
        r,
        PartyRole::LeadSponsor | PartyRole::Collaborator | PartyRole::Funder
    )
}

// ARMCD (and the comparison-group link id) come from `registry::armcd`, the rule TA uses.
pub use registry::armcd::{armcd_for, armcds_for, link_id};

/// A name-based UUID (version 8, RFC 9562 "custom") from 128-bit FNV-1a of `parts`, so
/// `urn:uuid:` full URLs are the same on every run for the same content.
pub fn uuid_for(parts: &[&str]) -> String {
    const OFFSET: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
    const PRIME: u128 = 0x0000_0000_0100_0000_0000_0000_0000_013b;
    let mut h = OFFSET;
    for (i, p) in parts.iter().enumerate() {
        // A separator byte that cannot occur in UTF-8 keeps ["ab","c"] apart from ["a","bc"].
        let bytes = p.bytes().chain(std::iter::once(if i + 1 < parts.len() {
            0xff
        } else {
            0xfe
        }));
        for b in bytes {
            h ^= u128::from(b);
            h = h.wrapping_mul(PRIME);
        }
    }
    h = (h & !(0xf << 76)) | (0x8 << 76);
    h = (h & !(0x3 << 62)) | (0x2 << 62);
    let hex = format!("{h:032x}");
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

#[cfg(test)]
mod tests;
