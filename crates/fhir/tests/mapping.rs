#![allow(clippy::unwrap_used)]
//! What the mappers write, and the notices for what a version cannot hold.

mod common;

use fhir::{DmRow, FhirVersion, Options};
use registry::{Coded, OverallStatus, Phase, StudyRecord};
use serde_json::Value;

fn umin() -> StudyRecord {
    registry::read_path(common::repo().join("fixtures/registry/umin000015469.toml")).unwrap()
}

fn json(out: &fhir::Output) -> Value {
    serde_json::from_str(&out.json).unwrap()
}

fn codes(out: &fhir::Output) -> Vec<&str> {
    out.findings.iter().map(|f| f.code.as_str()).collect()
}

#[test]
fn umin_r5_study() {
    let out = fhir::research_study_r5(&umin(), &Options::default()).unwrap();
    let s = json(&out);
    assert_eq!(s["identifier"][0]["system"], "https://www.umin.ac.jp/ctr");
    assert_eq!(s["identifier"][0]["value"], "UMIN000015469");
    assert_eq!(s["status"], "active");
    assert_eq!(s["phase"]["coding"][0]["code"], "phase-2");
    assert_eq!(s["primaryPurposeType"]["coding"][0]["code"], "treatment");
    assert_eq!(s["comparisonGroup"][0]["linkId"], "TAC");
    assert_eq!(s["comparisonGroup"][1]["linkId"], "CSA");
    assert_eq!(s["recruitment"]["actualNumber"], 58);
    assert_eq!(s["recruitment"]["eligibility"]["reference"], "#eligibility");
    assert_eq!(s["contained"][0]["resourceType"], "Group");
    assert_eq!(s["progressStatus"][0]["period"]["start"], "2014-11");
    let secondary = &s["outcomeMeasure"][2];
    assert_eq!(secondary["type"][0]["coding"][0]["code"], "secondary");
    assert!(
        secondary["description"]
            .as_str()
            .unwrap()
            .contains("Time frame: Baseline to 52 weeks")
    );
    // The design description has no element: it is a note, and a notice says so.
    assert!(codes(&out).contains(&"FH0013"));
    assert!(
        s["note"]
            .to_string()
            .contains("stratified-block randomized")
    );
}

#[test]
fn umin_r4b_study_lists_its_losses() {
    let out = fhir::research_study_r4b(&umin(), &Options::default()).unwrap();
    let s = json(&out);
    assert_eq!(s["status"], "active", "no overall status in the TOML");
    assert_eq!(s["arm"][0]["name"], "TAC group");
    assert_eq!(s["enrollment"][0]["reference"], "#eligibility");
    assert_eq!(s["contained"][0]["quantity"], 58);
    let c = codes(&out);
    for code in ["FH0004", "FH0006", "FH0013", "FH0015"] {
        assert!(c.contains(&code), "{code} missing from {c:?}");
    }
    let f = out.findings.iter().find(|f| f.code == "FH0006").unwrap();
    assert_eq!(f.variables, ["dates.start"]);
}

#[test]
fn multi_phase_and_status_tables() {
    let mut rec = umin();
    rec.phases = vec![Phase::Phase2, Phase::Phase3];
    rec.phase_raw = Some("PHASE2, PHASE3".into());
    rec.status.overall = Some(Coded::new(OverallStatus::Terminated, "Terminated"));
    let r5 = fhir::research_study_r5(&rec, &Options::default()).unwrap();
    let s = json(&r5);
    assert_eq!(s["phase"]["coding"][0]["code"], "phase-2-phase-3");
    assert_eq!(
        s["progressStatus"][0]["state"]["coding"][0]["code"],
        "terminated"
    );
    let r4b = fhir::research_study_r4b(&rec, &Options::default()).unwrap();
    assert_eq!(json(&r4b)["status"], "administratively-completed");
    assert!(codes(&r4b).contains(&"FH0004"));

    rec.phases = vec![Phase::Phase1, Phase::Phase3];
    rec.status.overall = Some(Coded::new(OverallStatus::UnknownStatus, "Unknown status"));
    let r5 = fhir::research_study_r5(&rec, &Options::default()).unwrap();
    let s = json(&r5);
    assert!(s["phase"].get("coding").is_none());
    // CT.gov's unknown status: the least wrong code, the registry's words beside it.
    let state = &s["progressStatus"][0]["state"];
    assert_eq!(state["coding"][0]["code"], "active");
    assert_eq!(state["text"], "Unknown status");
    assert!(codes(&r5).contains(&"FH0007") && codes(&r5).contains(&"FH0004"));
    // Text no reader could map has no code at all.
    rec.status.overall = Some(Coded::new(OverallStatus::Unknown, "Other"));
    let r5 = fhir::research_study_r5(&rec, &Options::default()).unwrap();
    assert_eq!(json(&r5)["progressStatus"][0]["state"]["text"], "Other");
    assert!(codes(&r5).contains(&"FH0003"));
}

#[test]
fn bundle_with_subjects() {
    let dm = [
        DmRow {
            usubjid: "P-01".into(),
            armcd: "TAC".into(),
            actarmcd: "CSA".into(),
            rficdtc: "2015-02-03".into(),
        },
        DmRow {
            usubjid: "P-02".into(),
            armcd: "SCRNFAIL".into(),
            actarmcd: String::new(),
            rficdtc: "2015-13".into(),
        },
    ];
    let out = fhir::bundle(&umin(), FhirVersion::R5, &dm, &Options::default()).unwrap();
    let b = json(&out);
    assert_eq!(b["type"], "collection");
    let entries = b["entry"].as_array().unwrap();
    let types: Vec<&str> = entries
        .iter()
        .map(|e| e["resource"]["resourceType"].as_str().unwrap())
        .collect();
    assert_eq!(
        types,
        [
            "ResearchStudy",
            "Group",
            "ResearchSubject",
            "ResearchSubject"
        ]
    );
    let study_url = entries[0]["fullUrl"].as_str().unwrap();
    assert!(study_url.starts_with("urn:uuid:"));
    assert_eq!(
        entries[0]["resource"]["recruitment"]["eligibility"]["reference"],
        entries[1]["fullUrl"]
    );
    let p1 = &entries[2]["resource"];
    assert_eq!(p1["study"]["reference"], study_url);
    assert_eq!(p1["assignedComparisonGroup"], "TAC");
    assert_eq!(p1["actualComparisonGroup"], "CSA");
    assert_eq!(p1["period"]["start"], "2015-02-03");
    assert!(
        entries[3]["resource"]
            .get("assignedComparisonGroup")
            .is_none()
    );
    assert!(codes(&out).contains(&"FH0016") && codes(&out).contains(&"FH0017"));

    let r4b = fhir::bundle(&umin(), FhirVersion::R4B, &dm, &Options::default()).unwrap();
    let b = json(&r4b);
    assert_eq!(b["entry"][2]["resource"]["assignedArm"], "TAC group");
    assert_eq!(b["entry"][2]["resource"]["status"], "on-study");
    assert_eq!(b["entry"][3]["resource"]["status"], "ineligible");
}

#[test]
fn transaction_bundles_post_each_entry() {
    let opts = Options {
        bundle: fhir::BundleKind::Transaction,
        id: Some("my-study".into()),
    };
    let out = fhir::bundle(&umin(), FhirVersion::R5, &[], &opts).unwrap();
    let b = json(&out);
    assert_eq!(b["type"], "transaction");
    assert_eq!(b["entry"][0]["request"]["method"], "POST");
    assert_eq!(b["entry"][0]["request"]["url"], "ResearchStudy");
    assert_eq!(b["entry"][0]["resource"]["id"], "my-study");
}

#[test]
fn r4b_bundle_is_r4b_json() {
    let dm = [DmRow {
        usubjid: "P-01".into(),
        armcd: "TAC".into(),
        actarmcd: "TAC".into(),
        rficdtc: "2015-02-03".into(),
    }];
    let out = fhir::bundle(&umin(), FhirVersion::R4B, &dm, &Options::default()).unwrap();
    // Written by our own R4B types: `resourceType` must still open every resource.
    assert!(out.json.starts_with(r#"{"resourceType":"Bundle","#));
    let b = json(&out);
    let entries = b["entry"].as_array().unwrap();
    assert_eq!(
        out.json.matches(r#""resource":{"resourceType":"#).count(),
        entries.len()
    );
    let s = &entries[0]["resource"];
    assert_eq!(s["resourceType"], "ResearchStudy");
    assert_eq!(s["status"], "active");
    assert_eq!(s["arm"][0]["name"], "TAC group");
    assert_eq!(s["enrollment"][0]["reference"], entries[1]["fullUrl"]);
    assert_eq!(s["period"]["start"], "2014-11");
    let g = &entries[1]["resource"];
    assert_eq!(
        (g["type"].as_str(), g["actual"].as_bool()),
        (Some("person"), Some(false))
    );
    assert_eq!(g["quantity"], 58);
    let age = g["characteristic"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["code"]["text"] == "Age")
        .unwrap();
    assert_eq!(age["valueRange"]["low"]["value"], 18.0);
    assert_eq!(age["valueRange"]["low"]["code"], "a");
    let subject = &entries.last().unwrap()["resource"];
    assert_eq!(subject["status"], "on-study");
    assert_eq!(subject["individual"]["identifier"]["value"], "P-01");
    // Nothing is lost or reformatted (`18.0`) when the JSON is read as plain JSON.
    assert_eq!(serde_json::to_string(&b).unwrap().len(), out.json.len());
}
