//! The example study (UMIN000015469) converts with its specs: row counts per domain match
//! the fixture manifest and the documented mess is normalized.
#![allow(clippy::unwrap_used)]

use model::Value;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn convert() -> sdtm::Conversion {
    let plan = sdtm::compile_dir(&root().join("mappings/umin000015469")).unwrap();
    let dir = root().join("fixtures/umin000015469");
    let names = [
        "site-01-hamamatsu.xlsx",
        "site-02-mikatahara.xlsx",
        "site-03-shizuoka.xlsx",
        "site-04-hamamatsu-mc.xlsx",
        "randomization.xlsx",
    ];
    let paths: Vec<(String, PathBuf)> =
        names.iter().map(|n| (n.to_string(), dir.join(n))).collect();
    let books: Vec<(String, &Path)> = paths
        .iter()
        .map(|(n, p)| (n.clone(), p.as_path()))
        .collect();
    sdtm::convert(&plan, &books).unwrap()
}

#[test]
fn row_counts_match_the_manifest() {
    let conv = convert();
    for f in &conv.findings {
        eprintln!("{f}");
    }
    let manifest: toml::Table =
        std::fs::read_to_string(root().join("fixtures/umin000015469/expected.toml"))
            .unwrap()
            .parse()
            .unwrap();
    let sdtm = manifest["sdtm"].as_table().unwrap();
    let mut checked = 0;
    for (domain, n) in sdtm {
        let Some(n) = n.as_integer() else { continue };
        if let Some(ds) = conv.dataset(domain) {
            eprintln!("{domain}: {} rows, manifest {n}", ds.rows.len());
            assert_eq!(ds.rows.len() as i64, n, "{domain}");
            checked += 1;
        }
    }
    assert!(checked >= 9, "every domain of the manifest but PC");
    // Not in the manifest: two conditions per subject at entry.
    assert_eq!(conv.dataset("MH").unwrap().rows.len(), 2 * 58);
}

fn column<'a>(ds: &'a model::Dataset, name: &str) -> Vec<&'a Value> {
    ds.column(name).unwrap().collect()
}

#[test]
fn mess_is_normalized() {
    let conv = convert();
    let dm = &conv.dataset("DM").unwrap();
    let sexes: std::collections::BTreeSet<String> =
        column(dm, "SEX").iter().map(|v| v.to_string()).collect();
    assert_eq!(sexes.into_iter().collect::<Vec<_>>(), ["F", "M"]);
    let ids: Vec<String> = column(dm, "USUBJID")
        .iter()
        .map(|v| v.to_string())
        .collect();
    assert!(
        ids.contains(&"UMIN000015469-03-004".to_owned()),
        "leading-space ID trimmed"
    );
    let ae = &conv.dataset("AE").unwrap();
    let starts: Vec<String> = column(ae, "AESTDTC")
        .iter()
        .map(|v| v.to_string())
        .collect();
    for d in ["2015-05-02", "2016-03-17", "2015-08-09", "2015-08"] {
        assert!(starts.contains(&d.to_owned()), "{d} in {starts:?}");
    }
    let ends: Vec<String> = column(ae, "AEENDTC")
        .iter()
        .map(|v| v.to_string())
        .collect();
    assert!(
        ends.contains(&"2015-10".to_owned()),
        "UNK-10-2015 kept partial"
    );
    assert!(
        conv.findings
            .iter()
            .all(|f| f.severity != model::Severity::Error),
        "clean workbooks have no errors"
    );
}

#[test]
fn units_tests_visits_and_flags_are_standard() {
    let conv = convert();
    let lb = &conv.dataset("LB").unwrap();
    let units: std::collections::BTreeSet<String> = column(lb, "LBSTRESU")
        .iter()
        .filter(|v| !v.is_null())
        .map(|v| v.to_string())
        .collect();
    assert!(
        !units.contains("mg/dl") && !units.contains("IU/L"),
        "{units:?}"
    );
    assert!(units.contains("mg/dL") && units.contains("U/L"));
    let tests: std::collections::BTreeSet<String> =
        column(lb, "LBTEST").iter().map(|v| v.to_string()).collect();
    assert!(tests.contains("Creatine Kinase"), "{tests:?}");
    assert!(
        column(lb, "LBSTRESN")
            .iter()
            .any(|v| **v == Value::Num(10554.0)),
        "CK stored as text"
    );
    assert!(column(lb, "LBLOBXFL").iter().any(|v| v.to_string() == "Y"));
    let re = &conv.dataset("RE").unwrap();
    assert!(
        column(re, "VISITNUM").iter().all(|v| !v.is_null()),
        "every PF row has its visit"
    );
    let sv = &conv.dataset("SV").unwrap();
    assert!(
        column(sv, "VISIT")
            .iter()
            .all(|v| v.to_string().starts_with("WEEK "))
    );
    let dm = &conv.dataset("DM").unwrap();
    let deaths = column(dm, "DTHFL")
        .iter()
        .filter(|v| v.to_string() == "Y")
        .count();
    assert_eq!(deaths, 3, "1 TAC + 2 CsA deaths");
    let arms: Vec<String> = column(dm, "ARMCD").iter().map(|v| v.to_string()).collect();
    assert_eq!(arms.iter().filter(|a| *a == "TAC").count(), 30);
    assert_eq!(arms.iter().filter(|a| *a == "CSA").count(), 28);
    assert!(column(dm, "RFSTDTC").iter().all(|v| !v.is_null()));
    assert!(conv.dataset("SUPPDM").unwrap().rows.len() >= 58 * 5);
}

#[test]
fn two_runs_give_identical_datasets_and_findings() {
    let (a, b) = (convert(), convert());
    assert_eq!(a.findings, b.findings);
    assert_eq!(
        a.datasets, b.datasets,
        "values and the cells they came from"
    );
}
