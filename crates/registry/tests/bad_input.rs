//! Broken and hostile inputs give positioned errors, never a panic, a guess or a leak.

use registry::{Format, RegistryError, ctgov_json, ctgov_xml, ictrp, toml_study};

const MINIMAL_JSON: &str = r#"{"protocolSection": {"designModule": {"phases": ["PHASE2"], "enrollmentInfo": {"count": 58}}}}"#;

#[test]
fn truncated_json_reports_line_and_column() {
    let text = "{\n  \"protocolSection\": {\n    \"identificationModule\": {\"nctId\": \"NCT0";
    let e = ctgov_json::read_str(text).unwrap_err();
    assert!(
        matches!(
            e,
            RegistryError::Syntax {
                format: Format::CtgovJson,
                line: 3,
                ..
            }
        ),
        "{e}"
    );
    assert!(e.to_string().contains("line 3"), "{e}");
}

#[test]
fn wrong_typed_field_names_its_pointer() {
    let text = MINIMAL_JSON.replace(r#""count": 58"#, r#""count": "58""#);
    let e = ctgov_json::read_str(&text).unwrap_err();
    assert_eq!(
        e.pointer(),
        Some("/protocolSection/designModule/enrollmentInfo/count")
    );
    assert!(
        e.to_string()
            .contains("/protocolSection/designModule/enrollmentInfo/count"),
        "{e}"
    );
    assert!(e.to_string().contains("string \"58\""), "{e}");

    let text = MINIMAL_JSON.replace(r#"["PHASE2"]"#, r#""PHASE2""#);
    let e = ctgov_json::read_str(&text).unwrap_err();
    assert_eq!(e.pointer(), Some("/protocolSection/designModule/phases"));
}

#[test]
fn unknown_phase_token_is_an_error_at_its_pointer() {
    let text = MINIMAL_JSON.replace(r#"["PHASE2"]"#, r#"["PHASE2", "PHASE7"]"#);
    let e = ctgov_json::read_str(&text).unwrap_err();
    assert!(
        matches!(&e, RegistryError::UnknownValue { field: "phase", value, .. } if value == "PHASE7"),
        "{e}"
    );
    assert_eq!(e.pointer(), Some("/protocolSection/designModule/phases/1"));
    // Registry wording is not an API v2 token.
    let text = MINIMAL_JSON.replace(r#"["PHASE2"]"#, r#"["Phase 2"]"#);
    assert!(ctgov_json::read_str(&text).is_err());
}

#[test]
fn pointer_escapes_follow_rfc_6901() {
    let text = r#"{"protocolSection": {"identificationModule": {"nctId": 5}}}"#;
    let e = ctgov_json::read_str(text).unwrap_err();
    assert_eq!(
        e.pointer(),
        Some("/protocolSection/identificationModule/nctId")
    );
}

#[test]
fn missing_protocol_section_is_named() {
    let e = ctgov_json::read_str("{}").unwrap_err();
    assert!(
        e.to_string().contains("classic JSON"),
        "the message names both shapes: {e}"
    );
    assert!(
        matches!(
            e,
            RegistryError::Missing { field, .. } if field.starts_with("protocolSection")
        ),
        "{e}"
    );
}

const XXE: &str = r#"<?xml version="1.0"?>
<!DOCTYPE clinical_study [
  <!ENTITY xxe SYSTEM "file:///etc/passwd">
]>
<clinical_study><brief_title>&xxe;</brief_title></clinical_study>"#;

#[test]
fn external_entity_is_refused_and_nothing_leaks() {
    for read in [ctgov_xml::read_str, ictrp::read_str] {
        let e = read(XXE).unwrap_err();
        assert!(
            matches!(
                e,
                RegistryError::Refused {
                    line: 2,
                    column: 1,
                    ..
                }
            ),
            "{e}"
        );
        assert!(!e.to_string().contains("root:"), "{e}");
        assert!(!format!("{e:?}").contains("/bin/"), "{e:?}");
    }
}

#[test]
fn billion_laughs_is_refused_quickly() {
    let mut text =
        String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n");
    for i in 1..10 {
        let prev = if i == 1 {
            "lol".to_owned()
        } else {
            format!("lol{}", i - 1)
        };
        text.push_str(&format!(
            " <!ENTITY lol{i} \"{}\">\n",
            format!("&{prev};").repeat(10)
        ));
    }
    text.push_str("]>\n<clinical_study><brief_title>&lol9;</brief_title></clinical_study>\n");
    let start = std::time::Instant::now();
    let e = ctgov_xml::read_str(&text).unwrap_err();
    assert!(matches!(e, RegistryError::Refused { .. }), "{e}");
    assert!(start.elapsed().as_secs() < 1);
}

#[test]
fn entity_reference_without_a_declaration_is_refused() {
    let text = "<clinical_study>\n  <brief_title>a &ent; b</brief_title>\n</clinical_study>";
    let e = ctgov_xml::read_str(text).unwrap_err();
    assert!(
        matches!(&e, RegistryError::UndeclaredEntity { name, line: 2, column: 18, .. } if name == "ent"),
        "{e}"
    );
}

#[test]
fn unclosed_tag_reports_where_it_opened() {
    let text = "<?xml version=\"1.0\"?>\n<clinical_study>\n  <id_info>\n    <nct_id>NCT01065844</nct_id>\n";
    let e = ctgov_xml::read_str(text).unwrap_err();
    assert_eq!(e.position(), Some((3, 3)), "{e}");
    assert!(e.to_string().contains("<id_info> is never closed"), "{e}");
}

#[test]
fn mismatched_end_tag_is_positioned() {
    let text = "<clinical_study>\n  <brief_title>x</official_title>\n</clinical_study>";
    let e = ctgov_xml::read_str(text).unwrap_err();
    assert!(matches!(e, RegistryError::Syntax { line: 2, .. }), "{e}");
}

#[test]
fn legacy_xml_closed_enum_is_checked_with_position() {
    let text = "<clinical_study>\n  <phase>Phase 7</phase>\n</clinical_study>";
    let e = ctgov_xml::read_str(text).unwrap_err();
    assert!(
        matches!(&e, RegistryError::UnknownValue { field: "phase", value, .. } if value == "Phase 7"),
        "{e}"
    );
    assert_eq!(e.position(), Some((2, 3)));
    let text = "<clinical_study><enrollment type=\"Actual\">many</enrollment></clinical_study>";
    assert!(matches!(
        ctgov_xml::read_str(text),
        Err(RegistryError::InvalidValue { .. })
    ));
}

#[test]
fn wrong_root_is_named() {
    let e = ctgov_xml::read_str("<Trials_downloaded_from_ICTRP/>").unwrap_err();
    assert!(
        matches!(
            e,
            RegistryError::UnexpectedRoot {
                expected: "clinical_study",
                ..
            }
        ),
        "{e}"
    );
    let e = ictrp::read_str("<clinical_study/>").unwrap_err();
    assert!(matches!(e, RegistryError::UnexpectedRoot { .. }), "{e}");
}

#[test]
fn ictrp_unknown_free_text_is_kept_not_an_error() {
    let text = "<Trials_downloaded_from_ICTRP><Trial><TrialID>X-1</TrialID><Phase>Pilot</Phase>\
        <Recruitment_Status>Ongoing</Recruitment_Status><Target_size>lots</Target_size></Trial></Trials_downloaded_from_ICTRP>";
    let r = ictrp::read_str(text).unwrap();
    assert_eq!(r.phases, [registry::Phase::Unknown]);
    assert_eq!(r.phase_raw.as_deref(), Some("Pilot"));
    let s = r.status.overall.unwrap();
    assert_eq!(
        (s.value, s.raw.as_str()),
        (registry::OverallStatus::Unknown, "Ongoing")
    );
    let e = r.enrollment.unwrap();
    assert_eq!((e.count, e.raw.as_deref()), (None, Some("lots")));
}

#[test]
fn ictrp_export_with_two_trials_needs_read_all() {
    let text = "<Trials_downloaded_from_ICTRP><Trial><TrialID>A</TrialID></Trial><Trial><TrialID>B</TrialID></Trial></Trials_downloaded_from_ICTRP>";
    assert!(matches!(
        ictrp::read_str(text),
        Err(RegistryError::TrialCount { count: 2, .. })
    ));
    assert_eq!(ictrp::read_all(text).unwrap().len(), 2);
}

#[test]
fn toml_typo_and_bad_values_are_positioned() {
    let e =
        toml_study::read_str("[ids]\nprimary = \"UMIN1\"\n\n[enrolment]\ncount = 5\n").unwrap_err();
    assert!(matches!(e, RegistryError::Syntax { line: 4, .. }), "{e}");
    assert!(e.to_string().contains("enrolment"), "{e}");
    let e = toml_study::read_str("phases = [\"PHASE2\", \"Phase 9\"]\n[ids]\n").unwrap_err();
    assert!(
        matches!(&e, RegistryError::UnknownValue { field: "phase", .. }),
        "{e}"
    );
    assert_eq!(e.position(), Some((1, 21)));
    let e = toml_study::read_str("[ids]\n[dates]\nstart = { date = \"soon\" }\n").unwrap_err();
    assert!(matches!(e, RegistryError::InvalidValue { .. }), "{e}");
    assert_eq!(e.position(), Some((3, 18)));
}

#[test]
fn read_path_refuses_what_it_cannot_recognize() {
    let dir = std::env::temp_dir().join(format!("registry-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join("page.xml");
    std::fs::write(&p, "<html><body/></html>").unwrap();
    assert!(matches!(
        registry::read_path(&p),
        Err(RegistryError::UnknownFormat { .. })
    ));
    let p = dir.join("latin1.json");
    std::fs::write(&p, b"{\"a\": \"caf\xE9\"}").unwrap();
    assert!(matches!(
        registry::read_path(&p),
        Err(RegistryError::Encoding {
            line: 1,
            column: 11,
            ..
        })
    ));
    assert!(matches!(
        registry::read_path(dir.join("missing.json")),
        Err(RegistryError::Io { .. })
    ));
    std::fs::remove_dir_all(&dir).unwrap();
}
