//! Every published Dataset-JSON example reads with the right row count and columns.
//! Examples: cdisc-org/DataExchange-DatasetJson (MIT), in the standards folder.

#![allow(clippy::unwrap_used)] // tests: a failed unwrap is a failed test

use formats::dataset_json::{self, Flavor};
use model::{DatasetReader, Value};
use std::path::{Path, PathBuf};

fn examples() -> PathBuf {
    standards::reference_dir().join("dataset-json/examples")
}

fn files(dir: &str, ext: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(examples().join(dir))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    v.sort();
    v
}

/// Row count, column names and findings of one file.
fn summary(path: &Path) -> (u64, Vec<String>, Vec<model::Finding>) {
    let mut r = dataset_json::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let names = r.meta().variables.iter().map(|v| v.name.clone()).collect();
    let mut row = Vec::new();
    let mut n = 0;
    while r
        .read_row(&mut row)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    {
        assert_eq!(row.len(), r.meta().variables.len());
        n += 1;
    }
    (n, names, r.findings())
}

#[test]
fn every_v11_json_example_reads_cleanly_with_records_rows() {
    let mut seen = 0;
    for dir in ["v1.1/sdtm", "v1.1/adam", "v1.1/i18n"] {
        for path in files(dir, "json") {
            let (n, names, findings) = summary(&path);
            let raw: serde_json::Value =
                serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
            assert_eq!(n, raw["records"].as_u64().unwrap(), "{}", path.display());
            let expected: Vec<&str> = raw["columns"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c["name"].as_str().unwrap())
                .collect();
            assert_eq!(names, expected, "{}", path.display());
            assert!(findings.is_empty(), "{}: {findings:?}", path.display());
            seen += 1;
        }
    }
    assert_eq!(seen, 22);
}

#[test]
fn ndjson_and_dsjc_examples_match_their_json_twins() {
    for (dir, ext) in [("v1.1/ndjson", "ndjson"), ("v1.1/dsjc", "dsjc")] {
        let found = files(dir, ext);
        assert!(found.len() >= 3, "{dir}");
        for path in found {
            let stem = path.file_stem().unwrap().to_str().unwrap();
            let twin = ["sdtm", "adam"]
                .iter()
                .map(|d| examples().join("v1.1").join(d).join(format!("{stem}.json")))
                .find(|p| p.exists())
                .unwrap();
            let a = dataset_json::open(&path).unwrap().read_all().unwrap();
            let b = dataset_json::open(&twin).unwrap().read_all().unwrap();
            assert_eq!(a.rows.len(), b.rows.len(), "{}", path.display());
            assert_eq!(
                a.meta.variables.len(),
                b.meta.variables.len(),
                "{}",
                path.display()
            );
            assert_eq!(a.rows, b.rows, "{}", path.display());
        }
    }
}

#[test]
fn v10_layout_reads_without_the_itemgroupdataseq_column() {
    for dir in ["v1.0/sdtm", "v1.0/adam"] {
        for path in files(dir, "json") {
            let (n, names, findings) = summary(&path);
            let raw: serde_json::Value =
                serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
            let data = raw
                .get("clinicalData")
                .or(raw.get("referenceData"))
                .unwrap();
            let (_, ig) = data["itemGroupData"]
                .as_object()
                .unwrap()
                .iter()
                .next()
                .unwrap();
            assert_eq!(n, ig["records"].as_u64().unwrap(), "{}", path.display());
            assert_eq!(names.len() + 1, ig["items"].as_array().unwrap().len());
            assert!(!names.iter().any(|n| n == "ITEMGROUPDATASEQ"));
            assert!(findings.is_empty(), "{}: {findings:?}", path.display());
        }
    }
    let v10 = dataset_json::open(&examples().join("v1.0/sdtm/dm.json"))
        .unwrap()
        .read_all()
        .unwrap();
    let v11 = dataset_json::open(&examples().join("v1.1/sdtm/dm.json"))
        .unwrap()
        .read_all()
        .unwrap();
    assert_eq!(v10.get(0, "USUBJID"), v11.get(0, "USUBJID"));
    assert_eq!(v10.get(0, "AGE"), Some(&Value::Num(84.0)));
}

#[test]
fn japanese_text_survives() {
    let ds = dataset_json::open(&examples().join("v1.1/i18n/ae.json"))
        .unwrap()
        .read_all()
        .unwrap();
    let terms: Vec<&str> = ds
        .column("AETERM")
        .unwrap()
        .filter_map(Value::as_str)
        .collect();
    assert!(terms.iter().any(|t| {
        t.chars().any(|c| {
            ('\u{3040}'..='\u{30ff}').contains(&c) || ('\u{4e00}'..='\u{9fff}').contains(&c)
        })
    }));
}

#[test]
fn adam_numeric_dates_become_sas_numbers_and_header_is_kept() {
    let mut r = dataset_json::open(&examples().join("v1.1/adam/adsl.json")).unwrap();
    let trtsdt = r.meta().variable("TRTSDT").unwrap().clone();
    assert_eq!(trtsdt.vtype, model::VarType::Num);
    assert_eq!(trtsdt.data_type.as_deref(), Some("date"));
    let h = r.header().clone();
    assert_eq!(h.item_group_oid.as_deref(), Some("IG.ADSL"));
    assert_eq!(h.version.as_deref(), Some("1.1.0"));
    assert_eq!(h.source_system.as_ref().unwrap().name, "SAS on X64_10PRO");
    assert_eq!(h.keys(), ["USUBJID"]);
    let mut row = Vec::new();
    r.read_row(&mut row).unwrap();
    let i = r.meta().index_of("TRTSDT").unwrap();
    assert!(
        matches!(row[i], Value::Num(n) if n > 18_000.0 && n.fract() == 0.0),
        "{:?}",
        row[i]
    );
    assert_eq!(Flavor::from_path(Path::new("x.DSJC")), Some(Flavor::Dsjc));
}
