//! The classic ClinicalTrials.gov JSON (the API retired in 2023) reads into the same record
//! as API v2. The classic records are made here from the real API v2 records in the standards
//! folder by `to_classic`, which writes each field the way the classic API did: PascalCase
//! names with their parent's prefix (`LeadSponsorName`), lists wrapped in objects
//! (`PhaseList.Phase`), display labels (`Unknown status`, `Phase 2`, `N/A`), dates as
//! `March 2019` / `March 5, 2019`, counts and flags as text.

#![allow(clippy::unwrap_used)]

mod common;

use common::{ctgov, files};
use registry::{Format, read_path, read_str, sniff};
use serde_json::{Map, Value, json};

/// A token as the classic API labelled it.
fn label(token: &str) -> String {
    match token {
        "UNKNOWN" => "Unknown status".into(),
        "NA" => "N/A".into(),
        "NONE" => "None (Open Label)".into(),
        "EARLY_PHASE1" => "Early Phase 1".into(),
        t if t.starts_with("PHASE") => format!("Phase {}", &t[5..]),
        t => {
            let words = t.to_lowercase().replace('_', " ");
            let mut c = words.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect())
                .unwrap_or_default()
        }
    }
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// `2019-03` → `March 2019`, `2019-03-05` → `March 5, 2019`.
fn classic_date(iso: &str) -> String {
    let p: Vec<&str> = iso.split('-').collect();
    let month = MONTHS[p[1].parse::<usize>().unwrap() - 1];
    match p.len() {
        2 => format!("{month} {}", p[0]),
        _ => format!("{month} {}, {}", p[2].parse::<u32>().unwrap(), p[0]),
    }
}

/// Builds a classic object: each (classic name, value) kept when the value is present.
fn obj(fields: Vec<(&str, Option<Value>)>) -> Option<Value> {
    let m: Map<String, Value> = fields
        .into_iter()
        .filter_map(|(k, v)| v.map(|v| (k.to_owned(), v)))
        .collect();
    (!m.is_empty()).then_some(Value::Object(m))
}

fn s(v: &Value, name: &str) -> Option<Value> {
    v.get(name).cloned()
}
fn lab(v: &Value, name: &str) -> Option<Value> {
    v.get(name)?.as_str().map(|t| Value::String(label(t)))
}
fn date(v: &Value, name: &str) -> Option<Value> {
    v.get(name)?
        .as_str()
        .map(|d| Value::String(classic_date(d)))
}
/// `{outer: {inner: [each(item)...]}}` from an API v2 array.
fn wrap(
    v: &Value,
    name: &str,
    inner: &str,
    each: impl Fn(&Value) -> Option<Value>,
) -> Option<Value> {
    let items: Vec<Value> = v.get(name)?.as_array()?.iter().filter_map(each).collect();
    Some(json!({ inner: items }))
}
fn date_struct(v: &Value, name: &str, prefix: &str) -> Option<Value> {
    let d = v.get(name)?;
    obj(vec![
        (prefix, date(d, "date")),
        (&format!("{prefix}Type"), lab(d, "type")),
    ])
}

fn to_classic(v2: &Value) -> Value {
    let ps = &v2["protocolSection"];
    let m = |n: &str| ps.get(n).cloned().unwrap_or(Value::Null);
    let id = m("identificationModule");
    let st = m("statusModule");
    let sp = m("sponsorCollaboratorsModule");
    let de = m("designModule");
    let ar = m("armsInterventionsModule");
    let ou = m("outcomesModule");
    let el = m("eligibilityModule");
    let co = m("contactsLocationsModule");
    let di = de.get("designInfo").cloned().unwrap_or(Value::Null);
    let mi = di.get("maskingInfo").cloned().unwrap_or(Value::Null);
    let outcome = |prefix: &'static str| {
        move |o: &Value| {
            obj(vec![
                (&format!("{prefix}OutcomeMeasure"), s(o, "measure")),
                (&format!("{prefix}OutcomeDescription"), s(o, "description")),
                (&format!("{prefix}OutcomeTimeFrame"), s(o, "timeFrame")),
            ])
        }
    };
    let labels = |v: &Value, name: &str, outer: &str, inner: &str| -> Option<Value> {
        let items: Vec<Value> = v
            .get(name)?
            .as_array()?
            .iter()
            .map(|t| Value::String(label(t.as_str().unwrap())))
            .collect();
        Some(json!({ outer: { inner: items } }))
    };
    let ps = obj(vec![
        (
            "IdentificationModule",
            obj(vec![
                ("NCTId", s(&id, "nctId")),
                (
                    "OrgStudyIdInfo",
                    id.get("orgStudyIdInfo")
                        .and_then(|o| obj(vec![("OrgStudyId", s(o, "id"))])),
                ),
                (
                    "SecondaryIdInfoList",
                    wrap(&id, "secondaryIdInfos", "SecondaryIdInfo", |x| {
                        obj(vec![
                            ("SecondaryId", s(x, "id")),
                            ("SecondaryIdType", s(x, "type")),
                            ("SecondaryIdDomain", s(x, "domain")),
                        ])
                    }),
                ),
                ("BriefTitle", s(&id, "briefTitle")),
                ("OfficialTitle", s(&id, "officialTitle")),
                ("Acronym", s(&id, "acronym")),
            ]),
        ),
        (
            "StatusModule",
            obj(vec![
                ("StatusVerifiedDate", date(&st, "statusVerifiedDate")),
                ("OverallStatus", lab(&st, "overallStatus")),
                ("LastKnownStatus", lab(&st, "lastKnownStatus")),
                ("WhyStopped", s(&st, "whyStopped")),
                (
                    "StartDateStruct",
                    date_struct(&st, "startDateStruct", "StartDate"),
                ),
                (
                    "PrimaryCompletionDateStruct",
                    date_struct(&st, "primaryCompletionDateStruct", "PrimaryCompletionDate"),
                ),
                (
                    "CompletionDateStruct",
                    date_struct(&st, "completionDateStruct", "CompletionDate"),
                ),
                ("StudyFirstSubmitDate", date(&st, "studyFirstSubmitDate")),
                ("LastUpdateSubmitDate", date(&st, "lastUpdateSubmitDate")),
            ]),
        ),
        (
            "SponsorCollaboratorsModule",
            obj(vec![
                (
                    "LeadSponsor",
                    sp.get("leadSponsor").and_then(|l| {
                        obj(vec![
                            ("LeadSponsorName", s(l, "name")),
                            ("LeadSponsorClass", s(l, "class")),
                        ])
                    }),
                ),
                (
                    "CollaboratorList",
                    wrap(&sp, "collaborators", "Collaborator", |c| {
                        obj(vec![
                            ("CollaboratorName", s(c, "name")),
                            ("CollaboratorClass", s(c, "class")),
                        ])
                    }),
                ),
                (
                    "ResponsibleParty",
                    sp.get("responsibleParty").and_then(|r| {
                        obj(vec![
                            ("ResponsiblePartyType", lab(r, "type")),
                            (
                                "ResponsiblePartyInvestigatorFullName",
                                s(r, "investigatorFullName"),
                            ),
                            (
                                "ResponsiblePartyInvestigatorAffiliation",
                                s(r, "investigatorAffiliation"),
                            ),
                        ])
                    }),
                ),
            ]),
        ),
        (
            "DescriptionModule",
            ps.get("descriptionModule").and_then(|d| {
                obj(vec![
                    ("BriefSummary", s(d, "briefSummary")),
                    ("DetailedDescription", s(d, "detailedDescription")),
                ])
            }),
        ),
        (
            "ConditionsModule",
            ps.get("conditionsModule").and_then(|c| {
                obj(vec![
                    (
                        "ConditionList",
                        wrap(c, "conditions", "Condition", |x| Some(x.clone())),
                    ),
                    (
                        "KeywordList",
                        wrap(c, "keywords", "Keyword", |x| Some(x.clone())),
                    ),
                ])
            }),
        ),
        (
            "DesignModule",
            obj(vec![
                ("StudyType", lab(&de, "studyType")),
                (
                    "PatientRegistry",
                    de.get("patientRegistry")
                        .and_then(Value::as_bool)
                        .map(|b| json!(if b { "Yes" } else { "No" })),
                ),
                (
                    "PhaseList",
                    labels(&de, "phases", "x", "y").map(|v| json!({ "Phase": v["x"]["y"] })),
                ),
                (
                    "DesignInfo",
                    obj(vec![
                        ("DesignAllocation", lab(&di, "allocation")),
                        ("DesignInterventionModel", lab(&di, "interventionModel")),
                        (
                            "DesignInterventionModelDescription",
                            s(&di, "interventionModelDescription"),
                        ),
                        ("DesignPrimaryPurpose", lab(&di, "primaryPurpose")),
                        (
                            "DesignObservationalModelList",
                            lab(&di, "observationalModel")
                                .map(|v| json!({ "DesignObservationalModel": [v] })),
                        ),
                        (
                            "DesignTimePerspectiveList",
                            lab(&di, "timePerspective")
                                .map(|v| json!({ "DesignTimePerspective": [v] })),
                        ),
                        (
                            "DesignMaskingInfo",
                            obj(vec![
                                ("DesignMasking", lab(&mi, "masking")),
                                (
                                    "DesignWhoMaskedList",
                                    labels(&mi, "whoMasked", "x", "y")
                                        .map(|v| json!({ "DesignWhoMasked": v["x"]["y"] })),
                                ),
                                ("DesignMaskingDescription", s(&mi, "maskingDescription")),
                            ]),
                        ),
                    ]),
                ),
                (
                    "EnrollmentInfo",
                    de.get("enrollmentInfo").and_then(|e| {
                        obj(vec![
                            (
                                "EnrollmentCount",
                                e.get("count").map(|n| Value::String(n.to_string())),
                            ),
                            ("EnrollmentType", lab(e, "type")),
                        ])
                    }),
                ),
            ]),
        ),
        (
            "ArmsInterventionsModule",
            obj(vec![
                (
                    "ArmGroupList",
                    wrap(&ar, "armGroups", "ArmGroup", |a| {
                        obj(vec![
                            ("ArmGroupLabel", s(a, "label")),
                            ("ArmGroupType", lab(a, "type")),
                            ("ArmGroupDescription", s(a, "description")),
                            (
                                "ArmGroupInterventionList",
                                wrap(a, "interventionNames", "ArmGroupInterventionName", |x| {
                                    Some(x.clone())
                                }),
                            ),
                        ])
                    }),
                ),
                (
                    "InterventionList",
                    wrap(&ar, "interventions", "Intervention", |i| {
                        obj(vec![
                            ("InterventionType", lab(i, "type")),
                            ("InterventionName", s(i, "name")),
                            ("InterventionDescription", s(i, "description")),
                            (
                                "InterventionArmGroupLabelList",
                                wrap(i, "armGroupLabels", "InterventionArmGroupLabel", |x| {
                                    Some(x.clone())
                                }),
                            ),
                            (
                                "InterventionOtherNameList",
                                wrap(i, "otherNames", "InterventionOtherName", |x| {
                                    Some(x.clone())
                                }),
                            ),
                        ])
                    }),
                ),
            ]),
        ),
        (
            "OutcomesModule",
            obj(vec![
                (
                    "PrimaryOutcomeList",
                    wrap(&ou, "primaryOutcomes", "PrimaryOutcome", outcome("Primary")),
                ),
                (
                    "SecondaryOutcomeList",
                    wrap(
                        &ou,
                        "secondaryOutcomes",
                        "SecondaryOutcome",
                        outcome("Secondary"),
                    ),
                ),
                (
                    "OtherOutcomeList",
                    wrap(&ou, "otherOutcomes", "OtherOutcome", outcome("Other")),
                ),
            ]),
        ),
        (
            "EligibilityModule",
            obj(vec![
                ("EligibilityCriteria", s(&el, "eligibilityCriteria")),
                (
                    "HealthyVolunteers",
                    el.get("healthyVolunteers")
                        .and_then(Value::as_bool)
                        .map(|b| {
                            json!(if b {
                                "Accepts Healthy Volunteers"
                            } else {
                                "No"
                            })
                        }),
                ),
                ("Gender", lab(&el, "sex")),
                ("MinimumAge", s(&el, "minimumAge")),
                ("MaximumAge", s(&el, "maximumAge")),
                (
                    "StdAgeList",
                    labels(&el, "stdAges", "x", "y").map(|v| json!({ "StdAge": v["x"]["y"] })),
                ),
                ("StudyPopulation", s(&el, "studyPopulation")),
            ]),
        ),
        (
            "ContactsLocationsModule",
            obj(vec![
                (
                    "OverallOfficialList",
                    wrap(&co, "overallOfficials", "OverallOfficial", |o| {
                        obj(vec![
                            ("OverallOfficialName", s(o, "name")),
                            ("OverallOfficialAffiliation", s(o, "affiliation")),
                            ("OverallOfficialRole", lab(o, "role")),
                        ])
                    }),
                ),
                (
                    "LocationList",
                    wrap(&co, "locations", "Location", |l| {
                        obj(vec![
                            ("LocationFacility", s(l, "facility")),
                            ("LocationStatus", lab(l, "status")),
                            ("LocationCity", s(l, "city")),
                            ("LocationState", s(l, "state")),
                            ("LocationZip", s(l, "zip")),
                            ("LocationCountry", s(l, "country")),
                        ])
                    }),
                ),
            ]),
        ),
    ]);
    json!({ "FullStudiesResponse": { "APIVrs": "1.01.05", "NStudiesFound": 1, "FullStudies": [
        { "Rank": 1, "Study": { "ProtocolSection": ps } }
    ] } })
}

#[test]
fn every_real_api_v2_record_reads_the_same_in_its_classic_shape() {
    let paths = files(ctgov("api-v2-json"), "json");
    assert_eq!(paths.len(), 4);
    for p in paths {
        let v2: Value = serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
        let classic = serde_json::to_string_pretty(&to_classic(&v2)).unwrap();
        assert_eq!(sniff(&classic), Some(Format::CtgovClassicJson));
        let from_classic = read_str(&classic, Format::CtgovClassicJson)
            .unwrap_or_else(|e| panic!("{}: {e}", p.display()));
        assert_eq!(from_classic, read_path(&p).unwrap(), "{}", p.display());
        // The other two roots hold the same study.
        let study = &to_classic(&v2)["FullStudiesResponse"]["FullStudies"][0]["Study"];
        for root in [
            json!({ "FullStudy": { "Study": study } }),
            json!({ "Study": study }),
        ] {
            let r = read_str(&root.to_string(), Format::CtgovJson).unwrap();
            assert_eq!(r, from_classic, "{}", p.display());
        }
    }
}

#[test]
fn classic_dates_and_labels_are_the_classic_ones() {
    // The converter above must write what the classic API wrote, or the test proves little.
    assert_eq!(classic_date("2019-03"), "March 2019");
    assert_eq!(classic_date("2019-03-05"), "March 5, 2019");
    assert_eq!(label("UNKNOWN"), "Unknown status");
    assert_eq!(label("ACTIVE_NOT_RECRUITING"), "Active not recruiting");
    assert_eq!(label("PHASE2"), "Phase 2");
}

#[test]
fn a_response_with_two_studies_is_refused_by_its_name() {
    let two = r#"{"FullStudiesResponse":{"FullStudies":[{"Study":{}},{"Study":{}}]}}"#;
    let e = read_str(two, Format::CtgovJson).unwrap_err();
    assert_eq!(
        e.to_string(),
        "ClinicalTrials.gov classic JSON (pre-2023 API): expected exactly one trial, found 2"
    );
}
