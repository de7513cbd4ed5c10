//! Every `.xpt` in the standards folder (CDISC pilot, Dataset-JSON examples, edge
//! cases) read with the streaming reader. Files written by SAS and others; see the
//! standards README for origins and licences.

#![allow(clippy::unwrap_used, reason = "helpers of a test crate")]

mod common;

use formats::xpt::{XptError, XptReader, XptVersion, read_all_members};
use model::{DatasetReader, Value, VarType};
use serde_json::Value as Json;
use std::fs::File;
use std::io::BufReader;
use std::path::{Path, PathBuf};

fn standards_dir() -> &'static Path {
    standards::reference_dir()
}

fn all_xpt(dir: &Path, out: &mut Vec<PathBuf>) {
    common::files_under(dir, &|p| p.extension().is_some_and(|e| e == "xpt"), out);
}

fn open(path: &Path) -> Result<XptReader<BufReader<File>>, XptError> {
    XptReader::new(BufReader::new(File::open(path).unwrap()))
}

/// Rows, columns of the first member, as pyreadstat 1.x reports them.
const PILOT: &[(&str, usize, usize)] = &[
    ("cdiscpilot01/adam/adae.xpt", 1191, 55),
    ("cdiscpilot01/adam/adqscibc.xpt", 730, 36),
    ("cdiscpilot01/adam/adsl.xpt", 254, 48),
    ("cdiscpilot01/adam/adtte.xpt", 254, 26),
    ("cdiscpilot01/sdtm/ae.xpt", 1191, 35),
    ("cdiscpilot01/sdtm/dm.xpt", 306, 25),
    ("cdiscpilot01/sdtm/ds.xpt", 596, 13),
    ("cdiscpilot01/sdtm/ex.xpt", 591, 17),
    ("cdiscpilot01/sdtm/mh.xpt", 1818, 19),
    ("cdiscpilot01/sdtm/relrec.xpt", 234, 7),
    ("cdiscpilot01/sdtm/sc.xpt", 254, 14),
    ("cdiscpilot01/sdtm/se.xpt", 752, 9),
    ("cdiscpilot01/sdtm/suppae.xpt", 1191, 10),
    ("cdiscpilot01/sdtm/suppdm.xpt", 1197, 10),
    ("cdiscpilot01/sdtm/suppds.xpt", 3, 10),
    ("cdiscpilot01/sdtm/sv.xpt", 3559, 8),
    ("cdiscpilot01/sdtm/ta.xpt", 8, 10),
    ("cdiscpilot01/sdtm/te.xpt", 7, 7),
    ("cdiscpilot01/sdtm/ti.xpt", 31, 6),
    ("cdiscpilot01/sdtm/ts.xpt", 33, 6),
    ("cdiscpilot01/sdtm/tv.xpt", 21, 9),
    ("edge-cases/send_dm_small.xpt", 1, 7),
    ("edge-cases/test_dataset_sas_v8.xpt", 74, 37),
];

#[test]
fn every_real_file_reads_or_fails_with_a_clear_positioned_error() {
    let mut files = Vec::new();
    all_xpt(standards_dir(), &mut files);
    assert!(files.len() >= 45, "found only {} .xpt files", files.len());
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy();
        match name.as_ref() {
            "test_empty_dataset.xpt" => {
                let e = open(path).err().expect("0-byte file must fail");
                assert!(matches!(e, XptError::Empty), "{e}");
                assert_eq!(e.offset(), Some(0));
            }
            "lab1_0_1refrangesampledata.xpt" => {
                let e = open(path).err().expect("HTML must fail");
                assert!(matches!(e, XptError::NotXpt { .. }), "{e}");
                assert!(e.to_string().contains("HTML"), "{e}");
                assert!(e.to_string().starts_with("byte 0:"), "{e}");
            }
            _ => {
                let file = BufReader::new(File::open(path).unwrap());
                let (members, _) =
                    read_all_members(file).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
                assert_eq!(members.len(), 1, "{}", path.display());
                let ds = &members[0];
                assert!(!ds.meta.variables.is_empty());
                for row in &ds.rows {
                    assert_eq!(row.len(), ds.meta.variables.len());
                }
            }
        }
    }
}

#[test]
fn pilot_and_edge_case_row_counts_match_pyreadstat() {
    for (rel, rows, cols) in PILOT {
        let path = standards_dir().join(rel);
        let ds = open(&path)
            .unwrap()
            .read_all()
            .unwrap_or_else(|e| panic!("{rel}: {e}"));
        assert_eq!(
            (ds.rows.len(), ds.meta.variables.len()),
            (*rows, *cols),
            "{rel}"
        );
    }
}

#[test]
fn windows_1252_byte_in_pilot_ts_is_decoded_and_reported() {
    let mut r = open(&standards_dir().join("cdiscpilot01/sdtm/ts.xpt"))
        .unwrap()
        .with_file_name("ts.xpt");
    let tsval = r.meta().index_of("TSVAL").unwrap();
    let mut row = Vec::new();
    let mut texts = Vec::new();
    while r.read_row(&mut row).unwrap() {
        texts.push(row[tsval].clone());
    }
    assert_eq!(
        texts[8],
        Value::char("Patients with Probable Mild to Moderate Alzheimer\u{2019}s Disease")
    );
    let findings = r.findings();
    assert_eq!(findings.len(), 1, "{findings:?}");
    let f = &findings[0];
    assert_eq!(f.code, "FM0030");
    assert_eq!(f.severity, model::Severity::Notice);
    assert_eq!(
        (f.record, f.variables.as_slice()),
        (Some(9), &["TSVAL".to_owned()][..])
    );
    assert_eq!(f.file.as_deref(), Some("ts.xpt"));
    assert!(f.message.contains("3 value(s)"), "{}", f.message);
}

#[test]
fn v8_file_gives_version_names_and_declared_rows() {
    let r = open(&standards_dir().join("edge-cases/test_dataset_sas_v8.xpt")).unwrap();
    assert_eq!(r.library().version, XptVersion::V8);
    assert_eq!(r.library().created, "24FEB26:09:05:00");
    assert_eq!(r.meta().name, "AE");
    assert_eq!(r.meta().label, "ae converted");
    assert_eq!(r.meta().variables[0].name, "STUDYID");
    let ds = r.read_all().unwrap();
    assert_eq!(ds.rows.len(), 74);
    assert_eq!(ds.get(0, "STUDYID"), Some(&Value::char("CDISCPILOT01")));
}

/// The Dataset-JSON examples were made from these XPT files: same rows, columns, values.
#[test]
fn dataset_json_examples_agree_with_their_xpt_twins() {
    let mut checked = 0;
    for sub in ["sdtm", "adam"] {
        let dir = standards_dir().join("dataset-json/examples/v1.1").join(sub);
        let mut files = Vec::new();
        all_xpt(&dir, &mut files);
        for xpt in files {
            let json: Json =
                serde_json::from_reader(File::open(xpt.with_extension("json")).unwrap()).unwrap();
            let ds = open(&xpt)
                .unwrap()
                .read_all()
                .unwrap_or_else(|e| panic!("{}: {e}", xpt.display()));
            let cols = json["columns"].as_array().unwrap();
            let names: Vec<&str> = cols.iter().map(|c| c["name"].as_str().unwrap()).collect();
            let ours: Vec<&str> = ds.meta.variables.iter().map(|v| v.name.as_str()).collect();
            assert_eq!(ours, names, "{}", xpt.display());
            let rows = json["rows"].as_array().unwrap();
            assert_eq!(ds.rows.len(), rows.len(), "{}", xpt.display());
            assert_eq!(json["records"].as_u64(), Some(rows.len() as u64));
            for (i, (ours, theirs)) in ds.rows.iter().zip(rows).enumerate() {
                for (j, (v, t)) in ours.iter().zip(theirs.as_array().unwrap()).enumerate() {
                    let var = &ds.meta.variables[j];
                    let at = format!("{} row {} {}", xpt.display(), i + 1, var.name);
                    match (var.vtype, v, t) {
                        (VarType::Char, Value::Char(s), Json::String(t)) => {
                            assert_eq!(s, t.trim_end(), "{at}")
                        }
                        (VarType::Char, Value::Char(s), Json::Null) => assert_eq!(s, "", "{at}"),
                        (VarType::Num, Value::Num(x), Json::Number(n)) => {
                            let n = n.as_f64().unwrap();
                            assert!((x - n).abs() <= 1e-9 * n.abs().max(1.0), "{at}: {x} vs {n}");
                        }
                        (VarType::Num, Value::Missing(_), Json::Null) => {}
                        // Dates and decimals travel as text in Dataset-JSON.
                        (VarType::Num, Value::Num(_), Json::String(_)) => {}
                        other => panic!("{at}: {other:?}"),
                    }
                }
            }
            checked += 1;
        }
    }
    assert_eq!(checked, 21);
}
