#![allow(clippy::unwrap_used)]
//! Every resource we emit for the registry fixtures and the CT.gov records passes our own
//! validator with no error, and is byte-identical on a second run.

mod common;

use fhir::{BundleKind, DmRow, FhirVersion, Options};
use model::Severity;

fn errors(json: &str, v: FhirVersion) -> Vec<String> {
    fhir::validate_json(json, v)
        .into_iter()
        .filter(|f| f.severity != Severity::Notice)
        .map(|f| format!("{} {:?} {}", f.code, f.variables, f.message))
        .collect()
}

fn dm() -> Vec<DmRow> {
    vec![DmRow {
        usubjid: "S-001".into(),
        armcd: "TAC".into(),
        actarmcd: "TAC".into(),
        rficdtc: "2015-01-20".into(),
    }]
}

#[test]
fn every_record_gives_valid_r5_and_r4b() {
    let records = common::records();
    assert!(records.len() >= 12, "fixtures missing: {records:?}");
    let mut failures = Vec::new();
    for path in records {
        let rec = registry::read_path(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        for kind in [BundleKind::Collection, BundleKind::Transaction] {
            let opts = Options {
                bundle: kind,
                id: None,
            };
            for v in [FhirVersion::R5, FhirVersion::R4B] {
                let study = match v {
                    FhirVersion::R5 => fhir::research_study_r5(&rec, &opts).unwrap(),
                    FhirVersion::R4B => fhir::research_study_r4b(&rec, &opts).unwrap(),
                };
                let bundle = fhir::bundle(&rec, v, &dm(), &opts).unwrap();
                for (what, out) in [("study", &study), ("bundle", &bundle)] {
                    let e = errors(&out.json, v);
                    if !e.is_empty() {
                        failures.push(format!("{name} {} {what}: {e:#?}", v.label()));
                    }
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn output_is_byte_identical_on_rerun() {
    for path in common::records() {
        let rec = registry::read_path(&path).unwrap();
        let opts = Options::default();
        for v in [FhirVersion::R5, FhirVersion::R4B] {
            let a = fhir::bundle(&rec, v, &dm(), &opts).unwrap();
            let again = registry::read_path(&path).unwrap();
            let b = fhir::bundle(&again, v, &dm(), &opts).unwrap();
            assert_eq!(a, b, "{}", path.display());
        }
    }
}

#[test]
fn unknown_r4b_elements_are_reported_where_they_are() {
    let rec =
        registry::read_path(common::repo().join("fixtures/registry/umin000015469.toml")).unwrap();
    let opts = Options::default();
    let study = fhir::research_study_r4b(&rec, &opts).unwrap();
    let mut s: serde_json::Value = serde_json::from_str(&study.json).unwrap();
    // R5 spellings and typos, at the root, in a backbone element, in a data type and in a
    // contained resource.
    s["recruitment"] = serde_json::json!({"targetNumber": 58});
    s["arm"][0]["linkId"] = "TAC".into();
    s["period"]["begin"] = "2014".into();
    s["contained"][0]["membership"] = "definitional".into();
    let bundle = fhir::bundle(&rec, FhirVersion::R4B, &dm(), &opts).unwrap();
    let mut b: serde_json::Value = serde_json::from_str(&bundle.json).unwrap();
    let last = b["entry"].as_array().unwrap().len() - 1;
    b["entry"][last]["resource"]["subject"] = serde_json::json!({"display": "x"});
    let unknown = |doc: &serde_json::Value| -> Vec<String> {
        let mut at: Vec<String> = fhir::validate_value(doc, FhirVersion::R4B)
            .into_iter()
            .filter(|f| f.code == "FH0054")
            .map(|f| f.variables[0].clone())
            .collect();
        at.sort();
        at
    };
    assert_eq!(
        unknown(&s),
        [
            "/arm/0/linkId",
            "/contained/0/membership",
            "/period/begin",
            "/recruitment"
        ]
    );
    assert_eq!(unknown(&b), [format!("/entry/{last}/resource/subject")]);
    let all = fhir::validate_value(&s, FhirVersion::R4B);
    let f = all
        .iter()
        .find(|f| f.variables[0] == "/arm/0/linkId")
        .unwrap();
    assert_eq!(
        f.message,
        "`linkId` is not an element of this FHIR R4B resource"
    );
}
