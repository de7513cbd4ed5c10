//! The embedded CORE rules are the standards folder's, whole.

use standards::cdisc_core;

#[test]
fn every_published_rule_is_embedded_byte_for_byte() {
    let dir = standards::reference_dir().join("cdisc-core/rules");
    let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    on_disk.sort();
    let embedded: Vec<&str> = cdisc_core::rules().iter().map(|r| r.name).collect();
    assert_eq!(embedded, on_disk);
    for rule in cdisc_core::rules() {
        let text = std::fs::read_to_string(dir.join(rule.name).join("rule.yml")).unwrap();
        assert_eq!(rule.text, text, "{}", rule.name);
    }
}

#[test]
fn the_rule_schema_and_its_provenance_are_embedded() {
    let names: Vec<&str> = cdisc_core::schema().iter().map(|f| f.name).collect();
    for needed in ["CORE-base.json", "Operator.json", "Operations.json"] {
        assert!(names.contains(&needed), "{names:?}");
    }
    assert_eq!(cdisc_core::RULES_COMMIT.len(), 40);
    assert_ne!(cdisc_core::RULES_COMMIT, cdisc_core::ENGINE_COMMIT);
    assert!(cdisc_core::RULES_LICENCE.starts_with("MIT License"));
}
