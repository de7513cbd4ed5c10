//! Registry vocabularies (ClinicalTrials.gov API v2 tokens) → CDISC CT submission values for
//! the coded TS parameters. Each mapping says whether it is exact, lossy or impossible.

use registry::{
    Allocation, ArmType, InterventionModel, InterventionType, Masking, Phase, PrimaryPurpose, Sex,
    StudyRecord, StudyType,
};

/// A CT submission value for a TS parameter, or why there is none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Mapped {
    Term(&'static str),
    /// A term that says less than the registry did; the text says what was lost.
    Lossy(&'static str, String),
    /// The registry has no value: TSVALNF.
    Missing(&'static str),
    /// The registry has a value CT cannot express (its text).
    Unmapped(String),
}

fn interventional(r: &StudyRecord) -> Option<bool> {
    r.study_type
        .as_ref()
        .map(|t| t.value == StudyType::Interventional)
}

/// TPHASE. CT.gov's "Early Phase 1" is what it formerly called "Phase 0".
pub(crate) fn tphase(r: &StudyRecord) -> Mapped {
    use Phase::*;
    let mut p = r.phases.clone();
    p.sort();
    p.dedup();
    match p.as_slice() {
        [] if interventional(r) == Some(false) => Mapped::Term("NOT APPLICABLE"),
        [] => Mapped::Missing("NI"),
        [NotApplicable] => Mapped::Term("NOT APPLICABLE"),
        [EarlyPhase1] => Mapped::Lossy(
            "PHASE 0 TRIAL",
            "ClinicalTrials.gov `EARLY_PHASE1` (formerly Phase 0)".into(),
        ),
        [Phase1] => Mapped::Term("PHASE I TRIAL"),
        [Phase1, Phase2] => Mapped::Term("PHASE I/II TRIAL"),
        [Phase2] => Mapped::Term("PHASE II TRIAL"),
        [Phase2, Phase3] => Mapped::Term("PHASE II/III TRIAL"),
        [Phase3] => Mapped::Term("PHASE III TRIAL"),
        [Phase4] => Mapped::Term("PHASE IV TRIAL"),
        _ => Mapped::Unmapped(
            r.phase_raw
                .clone()
                .unwrap_or_else(|| p.iter().map(|x| x.token()).collect::<Vec<_>>().join(", ")),
        ),
    }
}

pub(crate) fn stype(r: &StudyRecord) -> Mapped {
    let Some(t) = &r.study_type else {
        return Mapped::Missing("NI");
    };
    match t.value {
        StudyType::Interventional => Mapped::Term("INTERVENTIONAL"),
        StudyType::Observational if r.patient_registry == Some(true) => {
            Mapped::Term("PATIENT REGISTRY")
        }
        StudyType::Observational => Mapped::Term("OBSERVATIONAL"),
        StudyType::ExpandedAccess => Mapped::Term("EXPANDED ACCESS"),
        StudyType::Unknown => Mapped::Unmapped(t.raw.clone()),
    }
}

/// Design parameters (INTMODEL, RANDOM, TBLIND) do not apply to observational studies.
fn not_interventional(r: &StudyRecord) -> bool {
    interventional(r) == Some(false)
}

pub(crate) fn intmodel(r: &StudyRecord) -> Mapped {
    let Some(m) = &r.design.intervention_model else {
        return if not_interventional(r) {
            Mapped::Missing("NA")
        } else {
            Mapped::Missing("NI")
        };
    };
    match m.value {
        InterventionModel::SingleGroup => Mapped::Term("SINGLE GROUP"),
        InterventionModel::Parallel => Mapped::Term("PARALLEL"),
        InterventionModel::Crossover => Mapped::Term("CROSS-OVER"),
        InterventionModel::Factorial => Mapped::Term("FACTORIAL"),
        InterventionModel::Sequential => Mapped::Term("SEQUENTIAL"),
        InterventionModel::Unknown => Mapped::Unmapped(m.raw.clone()),
    }
}

/// RANDOM (NY codelist). A single-group study is not randomized even when the registry
/// leaves allocation empty, as CT.gov does for single-arm trials.
pub(crate) fn random(r: &StudyRecord) -> Mapped {
    match r.design.allocation.as_ref().map(|a| (a.value, &a.raw)) {
        Some((Allocation::Randomized, _)) => Mapped::Term("Y"),
        Some((Allocation::NonRandomized | Allocation::NotApplicable, _)) => Mapped::Term("N"),
        Some((Allocation::Unknown, raw)) => Mapped::Unmapped(raw.clone()),
        None if matches!(
            r.design.intervention_model.as_ref().map(|m| m.value),
            Some(InterventionModel::SingleGroup)
        ) =>
        {
            Mapped::Term("N")
        }
        None if not_interventional(r) => Mapped::Missing("NA"),
        None => Mapped::Missing("NI"),
    }
}

pub(crate) fn tblind(r: &StudyRecord) -> Mapped {
    let Some(m) = &r.design.masking else {
        return if not_interventional(r) {
            Mapped::Missing("NA")
        } else {
            Mapped::Missing("NI")
        };
    };
    match m.value {
        Masking::None => Mapped::Term("OPEN LABEL"),
        Masking::Single => Mapped::Term("SINGLE BLIND"),
        Masking::Double => Mapped::Term("DOUBLE BLIND"),
        Masking::Triple | Masking::Quadruple => Mapped::Lossy(
            "DOUBLE BLIND",
            format!(
                "masking `{}` ({}) has no term of its own",
                m.value.token(),
                r.design.who_masked.join(", ")
            ),
        ),
        Masking::Unknown => Mapped::Unmapped(m.raw.clone()),
    }
}

/// TCNTRL from the arm types; a single-group study has no control. Without arm types a
/// multi-arm study's control cannot be told from the record, and an untreated control arm
/// has no term in CT 2022-03-25 (NONE means "no control"), so both stay NI.
pub(crate) fn tcntrl(r: &StudyRecord) -> Mapped {
    let types: Vec<ArmType> = r
        .arms
        .iter()
        .filter_map(|a| a.arm_type.as_ref().map(|t| t.value))
        .collect();
    let placebo_named = r
        .interventions
        .iter()
        .any(|i| i.name.to_ascii_lowercase().contains("placebo"));
    if types.contains(&ArmType::PlaceboComparator) || placebo_named {
        Mapped::Term("PLACEBO")
    } else if types.contains(&ArmType::ActiveComparator) {
        Mapped::Term("ACTIVE")
    } else if r.arms.len() == 1
        || matches!(
            r.design.intervention_model.as_ref().map(|m| m.value),
            Some(InterventionModel::SingleGroup)
        )
    {
        Mapped::Term("NONE")
    } else if not_interventional(r) {
        Mapped::Missing("NA")
    } else {
        Mapped::Missing("NI")
    }
}

pub(crate) fn sexpop(r: &StudyRecord) -> Mapped {
    let Some(s) = &r.eligibility.sex else {
        return Mapped::Missing("NI");
    };
    match s.value {
        Sex::All => Mapped::Term("BOTH"),
        Sex::Female => Mapped::Term("F"),
        Sex::Male => Mapped::Term("M"),
        Sex::Unknown => Mapped::Unmapped(s.raw.clone()),
    }
}

/// TINDTP from the primary purpose: CT.gov's purposes and CDISC's intent types are the same
/// list except for "other" and "educational/counseling/training".
pub(crate) fn tindtp(r: &StudyRecord) -> Mapped {
    let Some(p) = &r.design.primary_purpose else {
        return Mapped::Missing("NI");
    };
    match p.value {
        PrimaryPurpose::Treatment => Mapped::Term("TREATMENT"),
        PrimaryPurpose::Prevention => Mapped::Term("PREVENTION"),
        PrimaryPurpose::Diagnostic => Mapped::Term("DIAGNOSIS"),
        PrimaryPurpose::SupportiveCare => Mapped::Term("SUPPORTIVE CARE"),
        PrimaryPurpose::Screening => Mapped::Term("SCREENING"),
        PrimaryPurpose::HealthServicesResearch => Mapped::Term("HEALTH SERVICES RESEARCH"),
        PrimaryPurpose::BasicScience => Mapped::Term("BASIC SCIENCE"),
        PrimaryPurpose::DeviceFeasibility => Mapped::Term("DEVICE FEASIBILITY"),
        PrimaryPurpose::EducationalCounselingTraining
        | PrimaryPurpose::Other
        | PrimaryPurpose::Unknown => Mapped::Unmapped(p.raw.clone()),
    }
}

pub(crate) fn inttype(t: InterventionType, raw: &str) -> Mapped {
    match t {
        InterventionType::Behavioral => Mapped::Term("BEHAVIORAL THERAPY"),
        InterventionType::Biological => Mapped::Term("BIOLOGIC"),
        InterventionType::Device => Mapped::Term("DEVICE"),
        InterventionType::DietarySupplement => Mapped::Term("DIETARY SUPPLEMENT"),
        InterventionType::Drug => Mapped::Term("DRUG"),
        InterventionType::Genetic => Mapped::Term("GENETIC"),
        InterventionType::Procedure => Mapped::Term("PROCEDURE"),
        InterventionType::Radiation => Mapped::Term("RADIATION"),
        InterventionType::Other => Mapped::Term("OTHER"),
        InterventionType::CombinationProduct
        | InterventionType::DiagnosticTest
        | InterventionType::Unknown => Mapped::Unmapped(raw.to_owned()),
    }
}

/// Registry ids other registries issue, recognised by their shape, with the name TS
/// REGID's TSVCDREF gives the registry.
pub(crate) fn registry_of(id: &str, system: Option<&str>) -> Option<&'static str> {
    let id = id.trim();
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    match system {
        Some(registry::CTGOV_SYSTEM) => return Some("ClinicalTrials.gov"),
        Some(registry::UMIN_SYSTEM) => return Some("UMIN-CTR"),
        Some(registry::ICTRP_SYSTEM) => return Some("WHO ICTRP"),
        _ => {}
    }
    let up = id.to_ascii_uppercase();
    if up.strip_prefix("NCT").is_some_and(|d| digits(d, 8)) {
        Some("ClinicalTrials.gov")
    } else if up.strip_prefix("UMIN").is_some_and(|d| digits(d, 9)) {
        Some("UMIN-CTR")
    } else if up.strip_prefix("ISRCTN").is_some_and(|d| digits(d, 8)) {
        Some("ISRCTN")
    } else if up.starts_with("JRCT") {
        Some("jRCT")
    } else if up.starts_with("CHICTR") {
        Some("ChiCTR")
    } else if up.starts_with("DRKS") {
        Some("DRKS")
    } else if up.starts_with("CTRI/") {
        Some("CTRI")
    } else if up.starts_with("ACTRN") {
        Some("ANZCTR")
    } else if let [y, n, c] = up.split('-').collect::<Vec<_>>()[..]
        && digits(y, 4)
        && digits(n, 6)
        && digits(c, 2)
    {
        Some("EudraCT")
    } else {
        None
    }
}
