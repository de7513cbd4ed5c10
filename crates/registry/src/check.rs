//! What a record that reads lacks, or holds that no vocabulary knows, with where in the
//! source export it is: the readers keep what they cannot map (as `Unknown` with its raw
//! text, or a date as raw text) so that a mapping can go on; a validator reports it.
//!
//! Positions are JSON pointers for API v2 JSON and element paths for the XML formats; the
//! readers do not keep positions in the record, so these are the elements the readers
//! take each field from.

use crate::codes::Coded;
use crate::{Format, StudyRecord, StudyType};

/// One thing to report about a record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// JSON pointer (`/protocolSection/statusModule/overallStatus`) or element path
    /// (`clinical_study/overall_status`).
    pub at: String,
    /// What the element is, in words (`overall status`).
    pub field: &'static str,
    pub kind: ProblemKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProblemKind {
    /// A field every registration has: id, title, status, study type, phase of an
    /// interventional study.
    Missing,
    /// A value no token of the field's vocabulary matches.
    UnknownCode { raw: String },
    /// A date the reader could not read.
    NotADate { raw: String },
}

/// The problems of `record`, read from a source of `format`. `root` is the JSON pointer of
/// the study object in a JSON document: empty for a bare API v2 study, `/studies/0` in a
/// search page, `/FullStudy/Study` and the like in the classic JSON
/// ([`crate::ctgov_classic::study_pointer`]); XML and TOML sources ignore it.
pub fn check(record: &StudyRecord, format: Format, root: &str) -> Vec<Problem> {
    let at = Paths::of(format, root);
    let mut out = Vec::new();
    let mut missing = |present: bool, key: Key, field: &'static str| {
        if !present {
            out.push(Problem {
                at: at.get(key),
                field,
                kind: ProblemKind::Missing,
            });
        }
    };
    missing(
        record.ids.primary.is_some() || format == Format::StudyToml,
        Key::Id,
        "registry id",
    );
    // Registries that give only the scientific title still name the study.
    missing(
        record.titles.brief.is_some() || record.titles.official.is_some(),
        Key::Title,
        "brief title",
    );
    missing(
        record.status.overall.is_some(),
        Key::Status,
        "overall status",
    );
    missing(record.study_type.is_some(), Key::StudyType, "study type");
    let interventional = record
        .study_type
        .as_ref()
        .is_some_and(|t| t.value == StudyType::Interventional);
    // CT.gov requires a phase of interventional studies only ("N/A" counts as one).
    missing(
        !interventional || !record.phases.is_empty() || record.phase_raw.is_some(),
        Key::Phase,
        "phase",
    );
    let mut unknown = |raw: Option<&str>, key: Key, field: &'static str| {
        if let Some(raw) = raw.filter(|r| !r.trim().is_empty()) {
            out.push(Problem {
                at: at.get(key),
                field,
                kind: ProblemKind::UnknownCode {
                    raw: raw.to_owned(),
                },
            });
        }
    };
    let d = &record.design;
    unknown(
        raw_if_unknown(&record.status.overall),
        Key::Status,
        "overall status",
    );
    unknown(
        raw_if_unknown(&record.study_type),
        Key::StudyType,
        "study type",
    );
    if record.phases.contains(&crate::Phase::Unknown) {
        unknown(record.phase_raw.as_deref(), Key::Phase, "phase");
    }
    unknown(raw_if_unknown(&d.allocation), Key::Allocation, "allocation");
    unknown(
        raw_if_unknown(&d.intervention_model),
        Key::InterventionModel,
        "intervention model",
    );
    unknown(
        raw_if_unknown(&d.primary_purpose),
        Key::PrimaryPurpose,
        "primary purpose",
    );
    unknown(raw_if_unknown(&record.eligibility.sex), Key::Sex, "sex");
    for (i, arm) in record.arms.iter().enumerate() {
        unknown(raw_if_unknown(&arm.arm_type), Key::ArmType(i), "arm type");
    }
    for (i, iv) in record.interventions.iter().enumerate() {
        unknown(
            raw_if_unknown(&iv.intervention_type),
            Key::InterventionType(i),
            "intervention type",
        );
    }
    let dates = &record.dates;
    for (date, key, field) in [
        (&dates.start, Key::Start, "start date"),
        (
            &dates.primary_completion,
            Key::PrimaryCompletion,
            "primary completion date",
        ),
        (&dates.completion, Key::Completion, "completion date"),
        (&dates.registered, Key::Registered, "registration date"),
        (&dates.last_update, Key::LastUpdate, "last update date"),
    ] {
        if let Some(d) = date.as_ref().filter(|d| d.date.is_none()) {
            out.push(Problem {
                at: at.get(key),
                field,
                kind: ProblemKind::NotADate { raw: d.raw.clone() },
            });
        }
    }
    out
}

fn raw_if_unknown<T: PartialEq + UnknownMember>(c: &Option<Coded<T>>) -> Option<&str> {
    c.as_ref()
        .filter(|c| c.value == T::UNKNOWN)
        .map(|c| c.raw.as_str())
}

/// The vocabularies' `Unknown` member, for [`raw_if_unknown`].
trait UnknownMember: Sized {
    const UNKNOWN: Self;
}

macro_rules! unknown_member {
    ($($t:ident),*) => {$(
        impl UnknownMember for crate::$t {
            const UNKNOWN: Self = crate::$t::Unknown;
        }
    )*};
}
unknown_member!(
    OverallStatus,
    StudyType,
    Allocation,
    InterventionModel,
    PrimaryPurpose,
    Sex,
    ArmType,
    InterventionType
);

#[derive(Debug, Clone, Copy)]
enum Key {
    Id,
    Title,
    Status,
    StudyType,
    Phase,
    Allocation,
    InterventionModel,
    PrimaryPurpose,
    Sex,
    ArmType(usize),
    InterventionType(usize),
    Start,
    PrimaryCompletion,
    Completion,
    Registered,
    LastUpdate,
}

struct Paths {
    format: Format,
    base: String,
}

impl Paths {
    fn of(format: Format, root: &str) -> Paths {
        let base = match format {
            Format::CtgovJson => format!("{root}/protocolSection"),
            Format::CtgovClassicJson => format!("{root}/ProtocolSection"),
            Format::CtgovXml => "clinical_study".into(),
            Format::Ictrp => "Trial".into(),
            Format::StudyToml => String::new(),
        };
        Paths { format, base }
    }

    fn get(&self, key: Key) -> String {
        let rel: String = match self.format {
            Format::CtgovJson => match key {
                Key::Id => "/identificationModule/nctId".into(),
                Key::Title => "/identificationModule/briefTitle".into(),
                Key::Status => "/statusModule/overallStatus".into(),
                Key::StudyType => "/designModule/studyType".into(),
                Key::Phase => "/designModule/phases".into(),
                Key::Allocation => "/designModule/designInfo/allocation".into(),
                Key::InterventionModel => "/designModule/designInfo/interventionModel".into(),
                Key::PrimaryPurpose => "/designModule/designInfo/primaryPurpose".into(),
                Key::Sex => "/eligibilityModule/sex".into(),
                Key::ArmType(i) => format!("/armsInterventionsModule/armGroups/{i}/type"),
                Key::InterventionType(i) => {
                    format!("/armsInterventionsModule/interventions/{i}/type")
                }
                Key::Start => "/statusModule/startDateStruct/date".into(),
                Key::PrimaryCompletion => "/statusModule/primaryCompletionDateStruct/date".into(),
                Key::Completion => "/statusModule/completionDateStruct/date".into(),
                Key::Registered => "/statusModule/studyFirstSubmitDate".into(),
                Key::LastUpdate => "/statusModule/lastUpdateSubmitDate".into(),
            },
            Format::CtgovClassicJson => match key {
                Key::Id => "/IdentificationModule/NCTId".into(),
                Key::Title => "/IdentificationModule/BriefTitle".into(),
                Key::Status => "/StatusModule/OverallStatus".into(),
                Key::StudyType => "/DesignModule/StudyType".into(),
                Key::Phase => "/DesignModule/PhaseList/Phase".into(),
                Key::Allocation => "/DesignModule/DesignInfo/DesignAllocation".into(),
                Key::InterventionModel => "/DesignModule/DesignInfo/DesignInterventionModel".into(),
                Key::PrimaryPurpose => "/DesignModule/DesignInfo/DesignPrimaryPurpose".into(),
                Key::Sex => "/EligibilityModule/Gender".into(),
                Key::ArmType(i) => {
                    format!("/ArmsInterventionsModule/ArmGroupList/ArmGroup/{i}/ArmGroupType")
                }
                Key::InterventionType(i) => format!(
                    "/ArmsInterventionsModule/InterventionList/Intervention/{i}/InterventionType"
                ),
                Key::Start => "/StatusModule/StartDateStruct/StartDate".into(),
                Key::PrimaryCompletion => {
                    "/StatusModule/PrimaryCompletionDateStruct/PrimaryCompletionDate".into()
                }
                Key::Completion => "/StatusModule/CompletionDateStruct/CompletionDate".into(),
                Key::Registered => "/StatusModule/StudyFirstSubmitDate".into(),
                Key::LastUpdate => "/StatusModule/LastUpdateSubmitDate".into(),
            },
            Format::CtgovXml => match key {
                Key::Id => "/id_info/nct_id".into(),
                Key::Title => "/brief_title".into(),
                Key::Status => "/overall_status".into(),
                Key::StudyType => "/study_type".into(),
                Key::Phase => "/phase".into(),
                Key::Allocation => "/study_design_info/allocation".into(),
                Key::InterventionModel => "/study_design_info/intervention_model".into(),
                Key::PrimaryPurpose => "/study_design_info/primary_purpose".into(),
                Key::Sex => "/eligibility/gender".into(),
                Key::ArmType(i) => format!("/arm_group[{}]/arm_group_type", i + 1),
                Key::InterventionType(i) => format!("/intervention[{}]/intervention_type", i + 1),
                Key::Start => "/start_date".into(),
                Key::PrimaryCompletion => "/primary_completion_date".into(),
                Key::Completion => "/completion_date".into(),
                Key::Registered => "/study_first_submitted".into(),
                Key::LastUpdate => "/last_update_submitted".into(),
            },
            Format::Ictrp => match key {
                Key::Id => "/TrialID".into(),
                Key::Title => "/Public_title".into(),
                Key::Status => "/Recruitment_Status".into(),
                Key::StudyType => "/Study_type".into(),
                Key::Phase => "/Phase".into(),
                Key::Allocation | Key::InterventionModel | Key::PrimaryPurpose => {
                    "/Study_design".into()
                }
                Key::Sex => "/Inclusion_gender".into(),
                Key::ArmType(_) | Key::InterventionType(_) => "/Intervention".into(),
                Key::Start => "/Date_enrollement".into(),
                Key::Registered => "/Date_registration".into(),
                Key::PrimaryCompletion | Key::Completion | Key::LastUpdate => String::new(),
            },
            Format::StudyToml => String::new(),
        };
        format!("{}{rel}", self.base)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_record_lacks_what_every_registration_has() {
        let r = StudyRecord::default();
        let p = check(&r, Format::CtgovJson, "");
        let fields: Vec<&str> = p.iter().map(|p| p.field).collect();
        assert_eq!(
            fields,
            ["registry id", "brief title", "overall status", "study type"]
        );
        assert_eq!(p[2].at, "/protocolSection/statusModule/overallStatus");
        let p = check(&r, Format::CtgovXml, "");
        assert_eq!(p[0].at, "clinical_study/id_info/nct_id");
        let p = check(&r, Format::CtgovClassicJson, "/FullStudy/Study");
        assert_eq!(
            p[0].at,
            "/FullStudy/Study/ProtocolSection/IdentificationModule/NCTId"
        );
    }
}
