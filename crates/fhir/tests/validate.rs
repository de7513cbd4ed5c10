#![allow(clippy::unwrap_used)]
//! The validator flags what fhir.resources and the JSON schema let through.

use fhir::FhirVersion::{R4B, R5};
use fhir::{FhirVersion, validate_json};
use serde_json::{Value, json};

fn codes_at(doc: &Value, v: FhirVersion) -> Vec<(String, String)> {
    validate_json(&doc.to_string(), v)
        .into_iter()
        .filter(|f| f.severity == model::Severity::Error)
        .map(|f| (f.code, f.variables.first().cloned().unwrap_or_default()))
        .collect()
}

fn study() -> Value {
    json!({
        "resourceType": "ResearchStudy",
        "id": "s1",
        "status": "active",
        "contained": [{"resourceType": "Group", "id": "elig", "type": "person", "membership": "definitional"}],
        "recruitment": {"eligibility": {"reference": "#elig", "type": "Group"}},
        "period": {"start": "2020-01-01", "end": "2021-06"}
    })
}

#[test]
fn a_clean_study_has_no_errors() {
    assert_eq!(codes_at(&study(), R5), vec![]);
}

#[test]
fn bad_status_code() {
    let mut s = study();
    s["status"] = json!("ongoing");
    let found = codes_at(&s, R5);
    assert!(
        found.contains(&("FH0056".into(), "/status".into())),
        "{found:?}"
    );
}

#[test]
fn bad_r4b_status_code() {
    let doc = json!({"resourceType": "ResearchStudy", "status": "recruiting"});
    let found = codes_at(&doc, R4B);
    assert!(
        found.contains(&("FH0056".into(), "/status".into())),
        "{found:?}"
    );
}

#[test]
fn dangling_contained_reference() {
    let mut s = study();
    s["recruitment"]["eligibility"]["reference"] = json!("#nowhere");
    let found = codes_at(&s, R5);
    assert!(
        found.contains(&("FH0060".into(), "/recruitment/eligibility/reference".into())),
        "{found:?}"
    );
    // and the Group it no longer points to is now unreferenced (dom-3)
    assert!(
        found.contains(&("FH0063".into(), "/contained/0".into())),
        "{found:?}"
    );
}

#[test]
fn period_start_after_end() {
    let mut s = study();
    s["period"] = json!({"start": "2022-03-01", "end": "2021-06"});
    let found = codes_at(&s, R5);
    assert!(
        found.contains(&("FH0059".into(), "/period".into())),
        "{found:?}"
    );
}

#[test]
fn impossible_calendar_date() {
    let mut s = study();
    s["period"]["start"] = json!("2021-02-31");
    s["period"]["end"] = json!("2021-12-31");
    let found = codes_at(&s, R5);
    assert!(
        found.contains(&("FH0058".into(), "/period/start".into())),
        "{found:?}"
    );
}

#[test]
fn unknown_elements_are_reported_not_dropped() {
    let mut s = study();
    s["arm"] = json!([{"name": "A"}]);
    s["recruitment"]["targetNumbr"] = json!(10);
    let found = codes_at(&s, R5);
    assert!(
        found.contains(&("FH0054".into(), "/arm".into()))
            || found.iter().any(|(c, p)| c == "FH0052" && p.is_empty()),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|(c, p)| c == "FH0054" && p == "/recruitment/targetNumbr"),
        "{found:?}"
    );
}

#[test]
fn reference_to_the_wrong_resource_type() {
    let mut s = study();
    s["contained"][0] = json!({"resourceType": "Location", "id": "elig"});
    s["recruitment"]["eligibility"]["type"] = json!("Location");
    let found = codes_at(&s, R5);
    assert!(
        found
            .iter()
            .any(|(c, p)| c == "FH0061" && p == "/recruitment/eligibility"),
        "{found:?}"
    );
}

#[test]
fn contained_rules_and_empty_elements() {
    let mut s = study();
    s["contained"][0]["meta"] = json!({"versionId": "2"});
    s["contained"][0]["contained"] = json!([{"resourceType": "Group", "id": "x", "type": "person", "membership": "definitional"}]);
    s["keyword"] = json!([]);
    s["title"] = json!("");
    let found = codes_at(&s, R5);
    for (code, ptr) in [
        ("FH0064", "/contained/0/meta"),
        ("FH0062", "/contained/0/contained"),
        ("FH0057", "/keyword"),
        ("FH0057", "/title"),
    ] {
        assert!(
            found.contains(&(code.into(), ptr.into())),
            "{code} {ptr}: {found:?}"
        );
    }
}

#[test]
fn missing_required_elements_and_bad_extensions() {
    let doc = json!({
        "resourceType": "ResearchStudy",
        "status": "active",
        "comparisonGroup": [{"linkId": "A"}],
        "extension": [{"url": "http://x", "valueString": "a", "extension": [{"url": "y", "valueBoolean": true}]}]
    });
    let found = codes_at(&doc, R5);
    assert!(
        found.contains(&("FH0055".into(), "/comparisonGroup/0/name".into())),
        "{found:?}"
    );
    assert!(
        found.contains(&("FH0066".into(), "/extension/0".into())),
        "{found:?}"
    );
}

#[test]
fn not_json_and_not_a_resource() {
    assert_eq!(validate_json("{", R5)[0].code, "FH0050");
    assert_eq!(validate_json("{}", R5)[0].code, "FH0051");
    assert_eq!(
        validate_json(r#"{"resourceType":"Nonsense"}"#, R5)[0].code,
        "FH0051"
    );
}

#[test]
fn schema_errors_point_at_the_field_even_inside_a_bundle() {
    let doc = json!({
        "resourceType": "Bundle", "type": "collection",
        "entry": [{"fullUrl": "urn:uuid:1", "resource": {"resourceType": "ResearchStudy", "status": "active", "title": 5}}]
    });
    let found = codes_at(&doc, R5);
    assert!(
        found.contains(&("FH0052".into(), "/entry/0/resource/title".into())),
        "{found:?}"
    );
}

#[test]
fn duplicate_full_urls_and_unresolved_uuid_references() {
    let s = json!({"resourceType": "ResearchSubject", "status": "active",
        "study": {"reference": "urn:uuid:missing"}, "subject": {"display": "x"}});
    let doc = json!({"resourceType": "Bundle", "type": "collection",
        "entry": [{"fullUrl": "urn:uuid:a", "resource": s}, {"fullUrl": "urn:uuid:a", "resource": s}]});
    let all = validate_json(&doc.to_string(), R5);
    assert!(all.iter().any(|f| f.code == "FH0069"), "{all:?}");
    assert!(all.iter().any(|f| f.code == "FH0068"), "{all:?}");
}
