//! The public API as the CLI uses it: reading a case folder, running the bundled book on a
//! package, statuses and findings.

use core_rules::{CaseError, Package, RuleBook, Standard, Status};
use std::path::Path;

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).expect("write case file");
}

fn ie_case(dir: &Path, rows: &str) {
    write(dir, ".env", "PRODUCT=SDTMIG\nVERSION=3-4\n");
    write(
        dir,
        "_datasets.csv",
        "Filename,Label\nie,Inclusion/Exclusion Criteria Not Met\n",
    );
    write(
        dir,
        "_variables.csv",
        "dataset,variable,label,type,length\nie,STUDYID,Study Identifier,Char,12\n\
         ie,DOMAIN,Domain Abbreviation,Char,2\nie,IESEQ,Sequence Number,Num,8\n\
         ie,IECAT,Inclusion/Exclusion Category,Char,9\nie,IEORRES,I/E Criterion Original Result,Char,1\n",
    );
    write(
        dir,
        "ie.csv",
        &format!("STUDYID,DOMAIN,IESEQ,IECAT,IEORRES\n{rows}"),
    );
}

#[test]
fn reads_a_case_folder_with_types_and_labels() {
    let dir = tempfile::tempdir().expect("temp dir");
    ie_case(dir.path(), "S1,IE,1,INCLUSION,Y\nS1,IE,2,,\n");
    let p = Package::from_case_dir(dir.path()).expect("case reads");
    assert_eq!(p.standard, Standard::new("SDTMIG", "3.4"));
    let ie = &p.datasets[0];
    assert_eq!(ie.name(), "IE");
    assert_eq!(ie.meta().label, "Inclusion/Exclusion Criteria Not Met");
    assert_eq!(ie.get(0, "IESEQ"), Some(model::ValueRef::Num(1.0)));
    assert!(ie.get(1, "IEORRES").is_some_and(|v| v.is_missing()));
    assert_eq!(
        ie.meta().variable("IEORRES").and_then(|v| v.length),
        Some(1)
    );
}

#[test]
fn case_errors_are_located() {
    let dir = tempfile::tempdir().expect("temp dir");
    ie_case(dir.path(), "S1,IE,1,INCLUSION,Y,EXTRA\n");
    match Package::from_case_dir(dir.path()) {
        Err(CaseError::Parse { file, line, .. }) => {
            assert!(file.ends_with("ie.csv"));
            assert_eq!(line, 2);
        }
        other => panic!("expected a located parse error, got {other:?}"),
    }
}

#[test]
fn bundled_book_runs_on_a_package() {
    let dir = tempfile::tempdir().expect("temp dir");
    ie_case(
        dir.path(),
        "S1,IE,1,INCLUSION,Y\nS1,IE,2,INCLUSION,N\nS1,IE,3,EXCLUSION,Y\n",
    );
    let package = Package::from_case_dir(dir.path()).expect("case reads");
    let book = RuleBook::bundled();
    let outcome = book.run(&package);
    // Only rules citing SDTMIG 3.4 run, in id order.
    let ids: Vec<&str> = outcome.statuses.iter().map(|(id, _)| id.as_str()).collect();
    let mut sorted = ids.clone();
    sorted.sort_unstable();
    assert_eq!(ids, sorted);
    assert!(ids.iter().all(|id| {
        book.get(id)
            .is_some_and(|r| r.applies_to(&package.standard))
    }));
    // CORE-000001: IEORRES must be N when IECAT is INCLUSION; record 1 violates it.
    let status = outcome
        .statuses
        .iter()
        .find(|(id, _)| id == "CORE-000001")
        .map(|(_, s)| s);
    let Some(Status::Failed { findings }) = status else {
        panic!("CORE-000001 should fail, got {status:?}");
    };
    assert_eq!(findings.len(), 1);
    let f = &findings[0];
    assert_eq!(
        (f.code.as_str(), f.dataset.as_deref(), f.record),
        ("CORE-000001", Some("IE"), Some(1))
    );
    assert_eq!(f.variables, ["IECAT", "IEORRES"]);
    assert_eq!(f.values, ["INCLUSION", "Y"]);
    assert!(f.refs.iter().any(|r| r == "CG0176"));
    assert!(outcome.findings.contains(f));
    // Statically unsupported rules say why and never pass.
    for (id, s) in &outcome.statuses {
        let rule = book.get(id).expect("rule");
        if let Some(reason) = rule.skip_reason() {
            assert_eq!(
                s,
                &Status::Skipped {
                    reason: reason.to_owned()
                }
            );
        }
    }
}

/// A rule from text (an upload, a fuzzer) loads as a file would: the published rule as a
/// book of one; a broken one as located errors naming the given file.
#[test]
fn a_rule_loads_from_text() {
    let path = standards::reference_dir().join("cdisc-core/rules/CORE-000001/rule.yml");
    let text = std::fs::read_to_string(path).expect("CORE-000001 in the standards folder");
    let book = RuleBook::from_text("mine.yml", &text).expect("the published rule loads");
    assert_eq!(book.rules().len(), 1);
    assert_eq!(book.rules()[0].id(), "CORE-000001");
    let broken = text.replacen("Check:", "Chek:", 1);
    let errors = RuleBook::from_text("mine.yml", &broken).expect_err("no Check");
    assert!(
        errors.iter().all(|e| e.to_string().starts_with("mine.yml")),
        "{errors:?}"
    );
    assert!(RuleBook::from_text("mine.yml", "[").is_err());
}
