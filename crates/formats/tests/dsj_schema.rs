//! Dataset-JSON files against the official 1.1 schema and the checks it cannot express.
//! Examples: cdisc-org/DataExchange-DatasetJson (MIT), in the standards folder.

#![allow(clippy::unwrap_used)]

use formats::dataset_json::schema::{validate_file, validate_file_with, validate_value, validator};
use model::{Finding, Severity};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn examples() -> PathBuf {
    standards::reference_dir().join("dataset-json/examples")
}

fn all_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            all_files(&p, out);
        } else if p
            .extension()
            .is_some_and(|e| e == "json" || e == "ndjson" || e == "dsjc")
        {
            out.push(p);
        }
    }
}

fn codes(fs: &[Finding]) -> Vec<&str> {
    fs.iter().map(|f| f.code.as_str()).collect()
}

fn errors(fs: &[Finding]) -> Vec<String> {
    fs.iter()
        .filter(|f| f.severity == Severity::Error)
        .map(Finding::to_string)
        .collect()
}

#[test]
fn every_v1_1_example_passes() {
    let mut files = Vec::new();
    all_files(&examples().join("v1.1"), &mut files);
    files.sort();
    assert_eq!(files.len(), 29, "{files:?}");
    for p in &files {
        let fs = validate_file(p);
        assert_eq!(errors(&fs), Vec::<String>::new(), "{}", p.display());
        assert!(
            fs.iter()
                .all(|f| f.file.as_deref() == Some(&*p.display().to_string())),
            "{fs:?}"
        );
    }
}

#[test]
fn v1_0_examples_get_the_version_finding_and_their_rows_are_read() {
    let mut files = Vec::new();
    all_files(&examples().join("v1.0"), &mut files);
    assert!(!files.is_empty());
    for p in &files {
        let fs = validate_file(p);
        assert!(codes(&fs).contains(&"FM0068"), "{}: {fs:?}", p.display());
        assert_eq!(errors(&fs), Vec::<String>::new(), "{}", p.display());
    }
}

fn dm() -> Value {
    serde_json::from_slice(&std::fs::read(examples().join("v1.1/sdtm/dm.json")).unwrap()).unwrap()
}

fn write(dir: &Path, name: &str, v: &Value) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, serde_json::to_vec(v).unwrap()).unwrap();
    p
}

#[test]
fn missing_name_is_fm0061_at_the_root() {
    let mut v = dm();
    v.as_object_mut().unwrap().remove("name");
    let fs = validate_value(&v, "dm.json");
    assert_eq!(codes(&fs), ["FM0061"], "{fs:?}");
    assert!(fs[0].message.starts_with("/: "), "{}", fs[0].message);
    assert!(fs[0].message.contains("\"name\""), "{}", fs[0].message);
    assert_eq!(fs[0].file.as_deref(), Some("dm.json"));
}

#[test]
fn a_wrong_data_type_is_fm0063_with_its_pointer() {
    let dir = tempfile::tempdir().unwrap();
    let mut v = dm();
    v["columns"][2]["dataType"] = json!("strin");
    let fs = validate_file(&write(dir.path(), "dm.json", &v));
    assert_eq!(codes(&fs), ["FM0063"], "{fs:?}");
    assert!(
        fs[0].message.starts_with("/columns/2/dataType: "),
        "{}",
        fs[0].message
    );
    assert_eq!(fs[0].values, ["\"strin\""]);
    // The reader's complaint about the same column is not repeated.
    assert!(fs[0].masked().message.contains("`***`"));
}

#[test]
fn an_unknown_attribute_is_fm0062() {
    let mut v = dm();
    v["columns"][0]["colour"] = json!("red");
    let fs = validate_value(&v, "dm.json");
    assert_eq!(codes(&fs), ["FM0062"], "{fs:?}");
    assert!(fs[0].message.starts_with("/columns/0: "));
}

#[test]
fn a_row_too_wide_is_fm0064_at_its_record() {
    let dir = tempfile::tempdir().unwrap();
    let mut v = dm();
    v["rows"][3].as_array_mut().unwrap().push(json!("extra"));
    let fs = validate_file(&write(dir.path(), "dm.json", &v));
    assert_eq!(codes(&fs), ["FM0064"], "{fs:?}");
    assert_eq!(
        (fs[0].record, fs[0].dataset.as_deref()),
        (Some(4), Some("DM"))
    );
    assert!(
        fs[0].message.starts_with("/rows/3: line 1, column "),
        "{}",
        fs[0].message
    );
    // In memory the same finding has no position.
    let fs = validate_value(&v, "dm.json");
    assert_eq!(codes(&fs), ["FM0064"]);
    assert!(
        fs[0].message.starts_with("/rows/3: the row has "),
        "{}",
        fs[0].message
    );
}

#[test]
fn a_value_of_the_wrong_type_is_fm0065() {
    let mut v = dm();
    let age = v["columns"]
        .as_array()
        .unwrap()
        .iter()
        .position(|c| c["name"] == "AGE")
        .unwrap();
    v["rows"][1][age] = json!("sixty");
    let fs = validate_value(&v, "dm.json");
    assert_eq!(codes(&fs), ["FM0065"], "{fs:?}");
    assert_eq!(fs[0].record, Some(2));
    assert!(
        fs[0]
            .message
            .starts_with(&format!("/rows/1/{age}: column AGE is integer")),
        "{}",
        fs[0].message
    );
}

#[test]
fn a_records_mismatch_is_fm0060() {
    let mut v = dm();
    v["records"] = json!(3);
    let fs = validate_value(&v, "dm.json");
    assert_eq!(codes(&fs), ["FM0060"], "{fs:?}");
    v["records"] = json!(-1);
    let fs = validate_value(&v, "dm.json");
    assert!(codes(&fs).contains(&"FM0063"), "{fs:?}");
}

#[test]
fn ndjson_metadata_line_is_validated_and_rows_streamed() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(examples().join("v1.1/ndjson/dm.ndjson")).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    let mut meta: Value = serde_json::from_str(&lines[0]).unwrap();
    meta["colour"] = json!("red");
    lines[0] = meta.to_string();
    lines[2].insert_str(1, "1, ");
    let p = dir.path().join("dm.ndjson");
    std::fs::write(&p, lines.join("\n")).unwrap();
    let fs = validate_file(&p);
    // The reader skips the attribute with a notice; the schema's error says it instead.
    assert_eq!(codes(&fs), ["FM0062", "FM0064"], "{fs:?}");
    assert!(fs[0].message.starts_with("/: "));
    assert_eq!(fs[1].record, Some(2));
}

#[test]
fn large_json_validates_metadata_and_streams_rows() {
    let dir = tempfile::tempdir().unwrap();
    let mut v = dm();
    v["columns"][1]["length"] = json!(0);
    v["records"] = json!(1);
    let p = write(dir.path(), "dm.json", &v);
    let fs = validate_file_with(&p, 10);
    // The reader accepts a zero length; the schema asks for at least 1.
    assert!(codes(&fs).contains(&"FM0067"), "{fs:?}");
    assert!(codes(&fs).contains(&"FM0060"), "{fs:?}");
    let f = fs.iter().find(|f| f.code == "FM0063").unwrap();
    assert!(
        f.message.starts_with("/columns/1/length: "),
        "{}",
        f.message
    );
}

#[test]
fn not_json_is_fm0066_with_a_position() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("x.json");
    std::fs::write(&p, "{\n  \"name\": ,\n}").unwrap();
    let fs = validate_file(&p);
    assert_eq!(codes(&fs), ["FM0066"]);
    assert!(
        fs[0].message.starts_with("line 2, column "),
        "{}",
        fs[0].message
    );
    let p = dir.path().join("x.ndjson");
    std::fs::write(&p, "not json\n[1]").unwrap();
    assert_eq!(codes(&validate_file(&p)), ["FM0066"]);
    assert_eq!(
        codes(&validate_file(Path::new("/nonexistent/x.json"))),
        ["FM0066"]
    );
}

#[test]
fn the_schema_is_compiled_once() {
    let first = Instant::now();
    let a = validator().unwrap() as *const _;
    let _ = first.elapsed();
    let again = Instant::now();
    for _ in 0..1000 {
        assert_eq!(validator().unwrap() as *const _, a);
    }
    assert!(
        again.elapsed() < Duration::from_millis(50),
        "{:?}",
        again.elapsed()
    );
}
