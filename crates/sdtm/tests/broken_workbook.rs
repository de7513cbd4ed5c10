//! The deliberately broken site-02 workbook: every problem listed in its PROBLEMS.toml is
//! reported with the right code at the right cell, all in one run.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn code_for(kind: &str) -> &'static str {
    match kind {
        "duplicate_subject_id" => "SI0033",
        "unknown_sex_code" => "SI0031",
        "subject_not_in_demographics" => "SI0034",
        "invalid_date" => "SI0021",
        "out_of_range" => "SI0032",
        "error_cell" => "SI0001",
        other => panic!("PROBLEMS.toml has a kind this test does not know: {other}"),
    }
}

#[test]
fn every_listed_problem_is_reported_at_its_cell() {
    let plan = sdtm::compile_dir(&root().join("mappings/umin000015469")).unwrap();
    let dir = root().join("fixtures/umin000015469/broken");
    let book = dir.join("site-02-mikatahara.xlsx");
    let conv = sdtm::convert(
        &plan,
        &[("broken/site-02-mikatahara.xlsx".into(), book.as_path())],
    )
    .unwrap();
    for f in &conv.findings {
        eprintln!("{f}");
    }
    let problems: toml::Table = std::fs::read_to_string(dir.join("PROBLEMS.toml"))
        .unwrap()
        .parse()
        .unwrap();
    let list = problems["problem"].as_array().unwrap();
    assert_eq!(list.len(), 6);
    for p in list {
        let kind = p["kind"].as_str().unwrap();
        let (sheet, cell) = (p["sheet"].as_str().unwrap(), p["cell"].as_str().unwrap());
        let code = code_for(kind);
        let hit = conv.findings.iter().find(|f| {
            f.code == code
                && f.source
                    .as_ref()
                    .is_some_and(|s| s.sheet == sheet && s.cell.to_string() == cell)
        });
        assert!(hit.is_some(), "{kind}: no {code} at {sheet}!{cell}");
        let hit = hit.unwrap();
        assert_eq!(hit.file.as_deref(), Some("broken/site-02-mikatahara.xlsx"));
        if code != "SI0001" {
            assert!(
                hit.values.iter().any(|v| v == p["value"].as_str().unwrap()),
                "{kind}: {hit:?}"
            );
        }
    }
}

#[test]
fn the_clean_copy_of_the_same_site_has_none_of_them() {
    let plan = sdtm::compile_dir(&root().join("mappings/umin000015469")).unwrap();
    let book = root().join("fixtures/umin000015469/site-02-mikatahara.xlsx");
    let conv = sdtm::convert(&plan, &[("site-02-mikatahara.xlsx".into(), book.as_path())]).unwrap();
    let errors: Vec<_> = conv
        .findings
        .iter()
        .filter(|f| f.severity == model::Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}
