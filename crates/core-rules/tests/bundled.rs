//! Every bundled CORE rule loads (schema-valid and typed), and invalid custom rules give
//! located errors.

use core_rules::RuleBook;

#[test]
fn every_bundled_rule_loads() {
    let (book, errors) = RuleBook::bundled_with_errors();
    let shown: Vec<String> = errors.iter().take(20).map(ToString::to_string).collect();
    assert!(
        errors.is_empty(),
        "{} load errors:\n{}",
        errors.len(),
        shown.join("\n")
    );
    assert_eq!(book.rules().len(), standards::cdisc_core::rules().len());
    assert_eq!(RuleBook::bundled().rules().len(), book.rules().len());
}

const CUSTOM: &str = r#"
Authorities:
  - Organization: Custom
    Category:
      OutputType: Check
    Standards:
      - Name: SDTMIG
        Version: "3.4"
        References:
          - Origin: Sponsor
            Rule Identifier:
              Id: SP0001
            Version: "1"
Check:
  all:
    - name: AETERM
      operator: non_empty
    - name: AESEV
      operator: is_one_of_my_favourites
Core:
  Id: SPONSOR-0001
  Status: Draft
  Version: "1"
Description: Sponsor rule.
Executability: Fully Executable
Outcome:
  Message: AESEV wrong.
Rule Type: Record Data
Scope:
  Classes:
    Include:
      - ALL
  Domains:
    Include:
      - AE
Sensitivity: Record
"#;

#[test]
fn schema_invalid_custom_rule_is_located() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("rule.yml");
    std::fs::write(&path, CUSTOM).expect("write rule");
    let errors = RuleBook::load(&path).expect_err("invalid operator must not load");
    assert!(
        errors.iter().any(|e| e.key_path == "Check.all[1].operator"
            && e.message.contains("is_one_of_my_favourites")),
        "{errors:?}"
    );
    std::fs::write(
        &path,
        CUSTOM.replace("is_one_of_my_favourites", "equal_to\n      value: MILD"),
    )
    .expect("write");
    let book = RuleBook::load(dir.path()).expect("valid custom rule loads");
    assert_eq!(book.rules()[0].id(), "SPONSOR-0001");
    assert!(book.rules()[0].applies_to(&core_rules::Standard::new("SDTMIG", "3.4")));
}

#[test]
fn every_error_of_a_rule_is_reported() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("rule.yaml");
    let text = CUSTOM
        .replace(
            "      operator: non_empty",
            "      operator: is_quite_empty",
        )
        .replace("Sensitivity: Record", "Sensitivity: Sometimes");
    std::fs::write(&path, text).expect("write rule");
    let errors = RuleBook::load(dir.path()).expect_err("invalid rule must not load");
    let paths: Vec<&str> = errors.iter().map(|e| e.key_path.as_str()).collect();
    assert!(paths.contains(&"Check.all[0].operator"), "{errors:?}");
    assert!(paths.contains(&"Check.all[1].operator"), "{errors:?}");
    assert!(paths.contains(&"Sensitivity"), "{errors:?}");
    assert!(errors.iter().all(|e| e.file.ends_with("rule.yaml")));
}

#[test]
fn malformed_yaml_is_a_load_error_not_a_panic() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("rule.yml");
    std::fs::write(&path, "Check:\n  all: [ {name: A\n").expect("write rule");
    let errors = RuleBook::load(&path).expect_err("malformed YAML must not load");
    assert_eq!(errors.len(), 1);
}
