//! The classic modules, one function each, rewritten into their API v2 form.

use super::{Out, count, date, date_struct, flag, get, keyed_strings, list, strings, text, token};
use crate::codes::{
    Actuality, Allocation, ArmType, InterventionModel, InterventionType, Masking, OverallStatus,
    PartyRole, Phase, PrimaryPurpose, Sex, StudyType, key,
};
use serde_json::{Map, Value};

/// The first label of a classic list that API v2 holds as one token (`Cohort` → `COHORT`).
fn first_keyed(v: &Value, outer: &str, inner: &str) -> Option<Value> {
    let first = get(v, outer)?.get(inner)?.as_array()?.first()?;
    Some(
        first
            .as_str()
            .map_or_else(|| first.clone(), |s| Value::String(key(s))),
    )
}

pub(super) fn protocol(ps: &Value) -> Value {
    let m = |name: &str| get(ps, name).unwrap_or(&Value::Null);
    Out::new()
        .set(
            "identificationModule",
            identification(m("IdentificationModule")),
        )
        .set("statusModule", status(m("StatusModule")))
        .set(
            "sponsorCollaboratorsModule",
            sponsors(m("SponsorCollaboratorsModule")),
        )
        .set("descriptionModule", {
            let d = m("DescriptionModule");
            Out::new()
                .set("briefSummary", text(d, "BriefSummary"))
                .set("detailedDescription", text(d, "DetailedDescription"))
                .done()
        })
        .set("conditionsModule", {
            let c = m("ConditionsModule");
            Out::new()
                .set("conditions", strings(c, "ConditionList", "Condition"))
                .set("keywords", strings(c, "KeywordList", "Keyword"))
                .done()
        })
        .set("designModule", design(m("DesignModule")))
        .set(
            "armsInterventionsModule",
            arms(m("ArmsInterventionsModule")),
        )
        .set("outcomesModule", outcomes(m("OutcomesModule")))
        .set("eligibilityModule", eligibility(m("EligibilityModule")))
        .set(
            "contactsLocationsModule",
            contacts(m("ContactsLocationsModule")),
        )
        .done()
        .unwrap_or_else(|| Value::Object(Map::new()))
}

fn identification(m: &Value) -> Option<Value> {
    Out::new()
        .set("nctId", text(m, "NCTId"))
        .set(
            "orgStudyIdInfo",
            get(m, "OrgStudyIdInfo")
                .and_then(|o| Out::new().set("id", text(o, "OrgStudyId")).done()),
        )
        .set(
            "secondaryIdInfos",
            list(m, "SecondaryIdInfoList", "SecondaryIdInfo", |s| {
                Out::new()
                    .set("id", text(s, "SecondaryId"))
                    .set("type", text(s, "SecondaryIdType"))
                    .set("domain", text(s, "SecondaryIdDomain"))
                    .done()
            }),
        )
        .set("briefTitle", text(m, "BriefTitle"))
        .set("officialTitle", text(m, "OfficialTitle"))
        .set("acronym", text(m, "Acronym"))
        .done()
}

fn status(m: &Value) -> Option<Value> {
    Out::new()
        .set("statusVerifiedDate", date(m, "StatusVerifiedDate"))
        .set(
            "overallStatus",
            token(m, "OverallStatus", OverallStatus::from_key, api_status),
        )
        .set(
            "lastKnownStatus",
            token(m, "LastKnownStatus", OverallStatus::from_key, api_status),
        )
        .set("whyStopped", text(m, "WhyStopped"))
        .set(
            "startDateStruct",
            date_struct(m, "StartDateStruct", "StartDate"),
        )
        .set(
            "primaryCompletionDateStruct",
            date_struct(m, "PrimaryCompletionDateStruct", "PrimaryCompletionDate"),
        )
        .set(
            "completionDateStruct",
            date_struct(m, "CompletionDateStruct", "CompletionDate"),
        )
        .set("studyFirstSubmitDate", date(m, "StudyFirstSubmitDate"))
        .set("lastUpdateSubmitDate", date(m, "LastUpdateSubmitDate"))
        .done()
}

/// API v2 spells "Unknown status" `UNKNOWN`; every other status token is ours.
fn api_status(s: OverallStatus) -> &'static str {
    match s {
        OverallStatus::UnknownStatus => "UNKNOWN",
        other => other.token(),
    }
}

fn sponsors(m: &Value) -> Option<Value> {
    let party = |v: &Value, prefix: &str| {
        Out::new()
            .set("name", text(v, &format!("{prefix}Name")))
            .set("class", text(v, &format!("{prefix}Class")))
            .done()
    };
    Out::new()
        .set(
            "leadSponsor",
            get(m, "LeadSponsor").and_then(|l| party(l, "LeadSponsor")),
        )
        .set(
            "collaborators",
            list(m, "CollaboratorList", "Collaborator", |c| {
                party(c, "Collaborator")
            }),
        )
        .set(
            "responsibleParty",
            get(m, "ResponsibleParty").and_then(|r| {
                Out::new()
                    .set(
                        "type",
                        token(
                            r,
                            "ResponsiblePartyType",
                            PartyRole::from_key,
                            PartyRole::token,
                        ),
                    )
                    .set(
                        "investigatorFullName",
                        text(r, "ResponsiblePartyInvestigatorFullName"),
                    )
                    .set(
                        "investigatorAffiliation",
                        text(r, "ResponsiblePartyInvestigatorAffiliation"),
                    )
                    .done()
            }),
        )
        .done()
}

fn design(m: &Value) -> Option<Value> {
    let info = get(m, "DesignInfo");
    Out::new()
        .set(
            "studyType",
            token(m, "StudyType", StudyType::from_key, StudyType::token),
        )
        .set("patientRegistry", flag(m, "PatientRegistry"))
        .set(
            "phases",
            list(m, "PhaseList", "Phase", |p| {
                Some(p.as_str().map_or_else(
                    || p.clone(),
                    |s| {
                        Value::String(
                            Phase::from_key(&key(s))
                                .map_or_else(|| s.to_owned(), |p| p.token().to_owned()),
                        )
                    },
                ))
            }),
        )
        .set(
            "designInfo",
            info.and_then(|d| {
                Out::new()
                    .set(
                        "allocation",
                        token(
                            d,
                            "DesignAllocation",
                            Allocation::from_key,
                            Allocation::token,
                        ),
                    )
                    .set(
                        "interventionModel",
                        token(
                            d,
                            "DesignInterventionModel",
                            InterventionModel::from_key,
                            InterventionModel::token,
                        ),
                    )
                    .set(
                        "interventionModelDescription",
                        text(d, "DesignInterventionModelDescription"),
                    )
                    .set(
                        "primaryPurpose",
                        token(
                            d,
                            "DesignPrimaryPurpose",
                            PrimaryPurpose::from_key,
                            PrimaryPurpose::token,
                        ),
                    )
                    .set(
                        "observationalModel",
                        first_keyed(
                            d,
                            "DesignObservationalModelList",
                            "DesignObservationalModel",
                        ),
                    )
                    .set(
                        "timePerspective",
                        first_keyed(d, "DesignTimePerspectiveList", "DesignTimePerspective"),
                    )
                    .set(
                        "maskingInfo",
                        get(d, "DesignMaskingInfo").and_then(|mi| {
                            Out::new()
                                .set(
                                    "masking",
                                    token(mi, "DesignMasking", Masking::from_key, Masking::token),
                                )
                                .set(
                                    "whoMasked",
                                    keyed_strings(mi, "DesignWhoMaskedList", "DesignWhoMasked"),
                                )
                                .set("maskingDescription", text(mi, "DesignMaskingDescription"))
                                .done()
                        }),
                    )
                    .done()
            }),
        )
        .set(
            "enrollmentInfo",
            get(m, "EnrollmentInfo").and_then(|e| {
                Out::new()
                    .set("count", count(e, "EnrollmentCount"))
                    .set(
                        "type",
                        token(e, "EnrollmentType", Actuality::from_key, Actuality::token),
                    )
                    .done()
            }),
        )
        .done()
}

fn arms(m: &Value) -> Option<Value> {
    Out::new()
        .set(
            "armGroups",
            list(m, "ArmGroupList", "ArmGroup", |a| {
                Out::new()
                    .set("label", text(a, "ArmGroupLabel"))
                    .set(
                        "type",
                        token(a, "ArmGroupType", ArmType::from_key, ArmType::token),
                    )
                    .set("description", text(a, "ArmGroupDescription"))
                    .set(
                        "interventionNames",
                        strings(a, "ArmGroupInterventionList", "ArmGroupInterventionName"),
                    )
                    .done()
            }),
        )
        .set(
            "interventions",
            list(m, "InterventionList", "Intervention", |i| {
                Out::new()
                    .set(
                        "type",
                        token(
                            i,
                            "InterventionType",
                            InterventionType::from_key,
                            InterventionType::token,
                        ),
                    )
                    .set("name", text(i, "InterventionName"))
                    .set("description", text(i, "InterventionDescription"))
                    .set(
                        "armGroupLabels",
                        strings(
                            i,
                            "InterventionArmGroupLabelList",
                            "InterventionArmGroupLabel",
                        ),
                    )
                    .set(
                        "otherNames",
                        strings(i, "InterventionOtherNameList", "InterventionOtherName"),
                    )
                    .done()
            }),
        )
        .done()
}

fn outcomes(m: &Value) -> Option<Value> {
    let kind = |out: &mut Out, v2: &str, prefix: &str| {
        out.set(
            v2,
            list(
                m,
                &format!("{prefix}OutcomeList"),
                &format!("{prefix}Outcome"),
                |o| {
                    Out::new()
                        .set("measure", text(o, &format!("{prefix}OutcomeMeasure")))
                        .set(
                            "description",
                            text(o, &format!("{prefix}OutcomeDescription")),
                        )
                        .set("timeFrame", text(o, &format!("{prefix}OutcomeTimeFrame")))
                        .done()
                },
            ),
        );
    };
    let mut out = Out::new();
    kind(&mut out, "primaryOutcomes", "Primary");
    kind(&mut out, "secondaryOutcomes", "Secondary");
    kind(&mut out, "otherOutcomes", "Other");
    out.done()
}

fn eligibility(m: &Value) -> Option<Value> {
    Out::new()
        .set("eligibilityCriteria", text(m, "EligibilityCriteria"))
        .set("healthyVolunteers", flag(m, "HealthyVolunteers"))
        .set("sex", token(m, "Gender", Sex::from_key, Sex::token))
        .set("minimumAge", text(m, "MinimumAge"))
        .set("maximumAge", text(m, "MaximumAge"))
        .set("stdAges", keyed_strings(m, "StdAgeList", "StdAge"))
        .set("studyPopulation", text(m, "StudyPopulation"))
        .done()
}

fn contacts(m: &Value) -> Option<Value> {
    Out::new()
        .set(
            "overallOfficials",
            list(m, "OverallOfficialList", "OverallOfficial", |o| {
                Out::new()
                    .set("name", text(o, "OverallOfficialName"))
                    .set("affiliation", text(o, "OverallOfficialAffiliation"))
                    .set(
                        "role",
                        token(
                            o,
                            "OverallOfficialRole",
                            PartyRole::from_key,
                            PartyRole::token,
                        ),
                    )
                    .done()
            }),
        )
        .set(
            "locations",
            list(m, "LocationList", "Location", |l| {
                Out::new()
                    .set("facility", text(l, "LocationFacility"))
                    .set(
                        "status",
                        token(l, "LocationStatus", OverallStatus::from_key, api_status),
                    )
                    .set("city", text(l, "LocationCity"))
                    .set("state", text(l, "LocationState"))
                    .set("zip", text(l, "LocationZip"))
                    .set("country", text(l, "LocationCountry"))
                    .done()
            }),
        )
        .done()
}
