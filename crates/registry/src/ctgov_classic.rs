//! The classic ClinicalTrials.gov JSON, from the API retired in 2023
//! (`/api/query/full_studies`): `{"FullStudiesResponse":{"FullStudies":[{"Study":…}]}}`,
//! a single `{"FullStudy":{"Study":…}}` or a bare `{"Study":{"ProtocolSection":…}}`.
//!
//! Its modules nest as API v2's do, with PascalCase names, leaf names prefixed by their
//! parent (`LeadSponsor.LeadSponsorName`), lists wrapped in an object
//! (`PhaseList.Phase[]`), display labels instead of tokens (`Unknown status`,
//! `Phase 2`), dates as `March 2019` / `March 5, 2019` and numbers and flags as text.
//! Rather than a second reader, the study is rewritten into the API v2 shape and read by
//! [`crate::ctgov_json`], so both formats give the same [`StudyRecord`] for the same trial.
//! Errors then point at the API v2 name of the field (`/protocolSection/designModule/...`).

use crate::codes::{
    Actuality, Allocation, ArmType, InterventionModel, InterventionType, Masking, OverallStatus,
    PartyRole, Phase, PrimaryPurpose, Sex, StudyType, key,
};
use crate::error::{Format, Location, RegistryError};
use crate::normalize::parse_date;
use crate::record::StudyRecord;
use serde_json::{Map, Value};

const F: Format = Format::CtgovClassicJson;

/// Whether a parsed JSON document has the classic shape (one of its three roots).
pub fn is_classic(root: &Value) -> bool {
    ["FullStudiesResponse", "FullStudy", "Study"]
        .iter()
        .any(|k| root.get(k).is_some())
}

/// Reads one study of the classic JSON.
pub fn read_str(text: &str) -> Result<StudyRecord, RegistryError> {
    let root: Value = serde_json::from_str(text).map_err(|e| RegistryError::Syntax {
        format: F,
        line: e.line(),
        column: e.column(),
        message: e.to_string(),
    })?;
    read_value(&root)
}

pub(crate) fn read_value(root: &Value) -> Result<StudyRecord, RegistryError> {
    let (study, at) = study(root)?;
    let ps = study
        .get("ProtocolSection")
        .filter(|v| v.is_object())
        .ok_or_else(|| RegistryError::Missing {
            format: F,
            at: Location::Pointer(at.clone()),
            field: "ProtocolSection",
        })?;
    let v2 = serde_json::json!({ "protocolSection": protocol(ps) });
    crate::ctgov_json::read_value(&v2).map_err(|e| retag(e))
}

/// The one study, and its JSON pointer.
fn study(root: &Value) -> Result<(&Value, String), RegistryError> {
    if let Some(resp) = root.get("FullStudiesResponse") {
        let list = resp
            .get("FullStudies")
            .and_then(Value::as_array)
            .map_or(&[][..], Vec::as_slice);
        if list.len() != 1 {
            return Err(RegistryError::TrialCount {
                format: F,
                count: list.len(),
            });
        }
        let s = list[0].get("Study").ok_or_else(|| RegistryError::Missing {
            format: F,
            at: Location::Pointer("/FullStudiesResponse/FullStudies/0".into()),
            field: "Study",
        })?;
        return Ok((s, "/FullStudiesResponse/FullStudies/0/Study".into()));
    }
    if let Some(full) = root.get("FullStudy") {
        let s = full.get("Study").ok_or_else(|| RegistryError::Missing {
            format: F,
            at: Location::Pointer("/FullStudy".into()),
            field: "Study",
        })?;
        return Ok((s, "/FullStudy/Study".into()));
    }
    match root.get("Study") {
        Some(s) => Ok((s, "/Study".into())),
        None => Err(RegistryError::Missing {
            format: F,
            at: Location::Pointer(String::new()),
            field: "Study",
        }),
    }
}

fn retag(e: RegistryError) -> RegistryError {
    match e {
        RegistryError::WrongType {
            at,
            expected,
            found,
            ..
        } => RegistryError::WrongType {
            format: F,
            at,
            expected,
            found,
        },
        RegistryError::UnknownValue {
            at, field, value, ..
        } => RegistryError::UnknownValue {
            format: F,
            at,
            field,
            value,
        },
        RegistryError::InvalidValue {
            at, value, reason, ..
        } => RegistryError::InvalidValue {
            format: F,
            at,
            value,
            reason,
        },
        RegistryError::Missing { at, field, .. } => RegistryError::Missing {
            format: F,
            at,
            field,
        },
        other => other,
    }
}

/// Builds one API v2 object from classic members.
struct Out(Map<String, Value>);

impl Out {
    fn new() -> Out {
        Out(Map::new())
    }
    fn set(&mut self, name: &str, v: Option<Value>) -> &mut Out {
        if let Some(v) = v.filter(|v| !v.is_null()) {
            self.0.insert(name.to_owned(), v);
        }
        self
    }
    fn done(&mut self) -> Option<Value> {
        (!self.0.is_empty()).then(|| Value::Object(std::mem::take(&mut self.0)))
    }
}

fn get<'a>(v: &'a Value, name: &str) -> Option<&'a Value> {
    v.get(name).filter(|v| !v.is_null())
}

/// A text member, as is (the API v2 reader checks its type).
fn text(v: &Value, name: &str) -> Option<Value> {
    get(v, name).cloned()
}

/// `Outer.Inner[]` as an array of whatever `each` makes of the items.
fn list(
    v: &Value,
    outer: &str,
    inner: &str,
    each: impl Fn(&Value) -> Option<Value>,
) -> Option<Value> {
    let items = get(v, outer)?.get(inner)?.as_array()?;
    Some(Value::Array(items.iter().filter_map(each).collect()))
}

/// A display label as the API v2 token `parse` knows it by; unknown labels are passed on
/// unchanged, so the API v2 reader reports them.
fn token<T: Copy>(
    v: &Value,
    name: &str,
    parse: fn(&str) -> Option<T>,
    tok: fn(T) -> &'static str,
) -> Option<Value> {
    let raw = get(v, name)?;
    let Some(s) = raw.as_str() else {
        return Some(raw.clone());
    };
    Some(Value::String(
        parse(&key(s)).map_or_else(|| s.to_owned(), |t| tok(t).to_owned()),
    ))
}

/// `March 2019` / `March 5, 2019` as ISO 8601; text that is no date is passed on.
fn date(v: &Value, name: &str) -> Option<Value> {
    let raw = get(v, name)?;
    let Some(s) = raw.as_str() else {
        return Some(raw.clone());
    };
    Some(Value::String(
        parse_date(s).map_or_else(|| s.to_owned(), |d| d.to_string()),
    ))
}

/// `Yes` / `No` (and the classic `Accepts Healthy Volunteers`) as a boolean.
fn flag(v: &Value, name: &str) -> Option<Value> {
    let raw = get(v, name)?;
    Some(match raw.as_str().map(key).as_deref() {
        Some("YES" | "ACCEPTS_HEALTHY_VOLUNTEERS") => Value::Bool(true),
        Some("NO") => Value::Bool(false),
        _ => raw.clone(),
    })
}

/// A count given as text (`"80"`) as a number.
fn count(v: &Value, name: &str) -> Option<Value> {
    let raw = get(v, name)?;
    Some(
        match raw.as_str().and_then(|s| s.trim().parse::<u64>().ok()) {
            Some(n) => Value::from(n),
            None => raw.clone(),
        },
    )
}

fn date_struct(v: &Value, outer: &str, name: &str) -> Option<Value> {
    let s = get(v, outer)?;
    Out::new()
        .set("date", date(s, name))
        .set(
            "type",
            token(
                s,
                &format!("{name}Type"),
                Actuality::from_key,
                Actuality::token,
            ),
        )
        .done()
}

fn strings(v: &Value, outer: &str, inner: &str) -> Option<Value> {
    list(v, outer, inner, |x| Some(x.clone()))
}

fn keyed_strings(v: &Value, outer: &str, inner: &str) -> Option<Value> {
    list(v, outer, inner, |x| {
        Some(
            x.as_str()
                .map_or_else(|| x.clone(), |s| Value::String(key(s))),
        )
    })
}

/// The first label of a classic list that API v2 holds as one token (`Cohort` → `COHORT`).
fn first_keyed(v: &Value, outer: &str, inner: &str) -> Option<Value> {
    let first = get(v, outer)?.get(inner)?.as_array()?.first()?;
    Some(
        first
            .as_str()
            .map_or_else(|| first.clone(), |s| Value::String(key(s))),
    )
}

fn protocol(ps: &Value) -> Value {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_and_dates_become_api_v2_values() {
        let text = r#"{"FullStudy":{"Study":{"ProtocolSection":{
            "IdentificationModule":{"NCTId":"NCT00000001","BriefTitle":"A trial"},
            "StatusModule":{"OverallStatus":"Unknown status","LastKnownStatus":"Recruiting",
                "StartDateStruct":{"StartDate":"March 2019","StartDateType":"Actual"},
                "StudyFirstSubmitDate":"March 5, 2019"},
            "DesignModule":{"StudyType":"Interventional","PhaseList":{"Phase":["Phase 2","Phase 3"]},
                "EnrollmentInfo":{"EnrollmentCount":"80","EnrollmentType":"Anticipated"}}
        }}}}"#;
        let r = read_str(text).unwrap();
        assert_eq!(r.display_id(), Some("NCT00000001"));
        let s = r.status.overall.unwrap();
        assert_eq!(s.value, OverallStatus::UnknownStatus);
        assert_eq!(
            r.status.last_known.unwrap().value,
            OverallStatus::Recruiting
        );
        let start = r.dates.start.unwrap();
        assert_eq!(start.date.unwrap().to_string(), "2019-03");
        assert_eq!(start.actuality, Some(Actuality::Actual));
        assert_eq!(
            r.dates.registered.unwrap().date.unwrap().to_string(),
            "2019-03-05"
        );
        assert_eq!(r.phases, [Phase::Phase2, Phase::Phase3]);
        assert_eq!(r.enrollment.unwrap().count, Some(80));
    }

    #[test]
    fn a_response_must_hold_one_study_and_errors_name_the_format() {
        let e = read_str(r#"{"FullStudiesResponse":{"FullStudies":[]}}"#).unwrap_err();
        assert!(matches!(e, RegistryError::TrialCount { count: 0, .. }));
        let e = read_str(
            r#"{"Study":{"ProtocolSection":{"StatusModule":{"OverallStatus":"Sleeping"}}}}"#,
        )
        .unwrap_err();
        assert!(
            e.to_string().starts_with("ClinicalTrials.gov classic JSON"),
            "{e}"
        );
    }
}
