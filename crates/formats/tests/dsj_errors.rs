//! Bad input gives one positioned error, never a panic; soft problems become findings.

#![allow(clippy::unwrap_used)] // tests: a failed unwrap is a failed test

use formats::dataset_json::{DsjError, Flavor, reader};
use model::{DatasetReader, Value};

const HEAD: &str = r#"{"datasetJSONCreationDateTime":"2025-01-01T00:00:00","datasetJSONVersion":"1.1.0","itemGroupOID":"IG.DM","records":2,"name":"DM","label":"Demographics","columns":[{"itemOID":"IT.DM.USUBJID","name":"USUBJID","label":"Subject","dataType":"string"},{"itemOID":"IT.DM.AGE","name":"AGE","label":"Age","dataType":"integer"}]"#;

fn read_all(flavor: Flavor, text: &str) -> Result<(model::Dataset, Vec<model::Finding>), DsjError> {
    let mut r = reader(flavor, std::io::Cursor::new(text.as_bytes().to_vec()))?;
    let mut rows = Vec::new();
    let mut row = Vec::new();
    while r.read_row(&mut row)? {
        rows.push(row.clone());
    }
    let mut ds = model::Dataset::new(r.meta().clone());
    ds.rows = rows;
    Ok((ds, r.findings()))
}

fn json(rows: &str) -> String {
    format!("{HEAD},\"rows\":[\n{rows}\n]}}")
}

#[test]
fn a_good_file_reads() {
    let (ds, findings) = read_all(Flavor::Json, &json(r#"["A",1],["B",null]"#)).unwrap();
    assert_eq!(
        ds.rows,
        vec![
            vec![Value::char("A"), Value::Num(1.0)],
            vec![Value::char("B"), Value::NULL]
        ]
    );
    assert!(findings.is_empty());
}

#[test]
fn a_narrow_row_names_its_path_and_line() {
    let e = read_all(Flavor::Json, &json("[\"A\",1],\n[\"B\"]")).unwrap_err();
    assert!(
        matches!(
            e,
            DsjError::RowWidth {
                expected: 2,
                found: 1,
                ..
            }
        ),
        "{e}"
    );
    assert_eq!(e.path(), Some("rows[1]"));
    assert_eq!(e.position().unwrap().line, 3);
}

#[test]
fn a_wide_row_is_an_error() {
    let e = read_all(Flavor::Json, &json(r#"["A",1,2,3,4]"#)).unwrap_err();
    assert!(
        matches!(
            e,
            DsjError::RowWidth {
                expected: 2,
                found: 5,
                ..
            }
        ),
        "{e}"
    );
}

#[test]
fn a_wrong_type_names_row_column_and_value() {
    let e = read_all(Flavor::Json, &json(r#"["A",1],["B","42"]"#)).unwrap_err();
    assert_eq!(e.path(), Some("rows[1][1]"));
    let p = e.position().unwrap();
    assert_eq!((p.line, p.column), (2, 14));
    assert!(
        e.to_string()
            .contains("column AGE is integer, found string \"42\""),
        "{e}"
    );
    let e = read_all(Flavor::Json, &json(r#"["A",1.5]"#)).unwrap_err();
    assert!(matches!(e, DsjError::WrongType { .. }));
    let e = read_all(Flavor::Json, &json(r#"[7,1]"#)).unwrap_err();
    assert!(matches!(e, DsjError::WrongType { .. }));
    let e = read_all(Flavor::Json, &json(r#"["A",[1]]"#)).unwrap_err();
    assert!(e.to_string().contains("an array or object"), "{e}");
}

#[test]
fn records_disagreeing_is_a_finding() {
    let (ds, findings) = read_all(Flavor::Json, &json(r#"["A",1]"#)).unwrap();
    assert_eq!(ds.rows.len(), 1);
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0].code, "FM0060");
    assert_eq!(findings[0].severity, model::Severity::Error);
}

#[test]
fn truncated_files_fail_with_their_end_position() {
    let full = json(r#"["A",1],["B",2]"#);
    for cut in [10, HEAD.len(), full.len() - 12, full.len() - 1] {
        let e = read_all(Flavor::Json, &full[..cut]).unwrap_err();
        assert!(matches!(e, DsjError::Truncated { .. }), "cut {cut}: {e}");
    }
    assert!(matches!(
        read_all(Flavor::Json, ""),
        Err(DsjError::Truncated { .. })
    ));
}

#[test]
fn not_json_at_all() {
    let e = read_all(Flavor::Json, "<html><body>404</body></html>").unwrap_err();
    assert_eq!(
        e.to_string(),
        "line 1, column 1 (byte 0): not valid JSON: expected `{` opening a Dataset-JSON object, found `<`"
    );
    let e = read_all(
        Flavor::Json,
        &format!("{} trailing", json(r#"["A",1],["B",2]"#)),
    )
    .unwrap_err();
    assert!(matches!(e, DsjError::Syntax { .. }));
    let e = read_all(Flavor::Json, &json(r#"["A",01],["B",2]"#)).unwrap_err();
    assert!(matches!(e, DsjError::Syntax { .. }), "{e}");
    let e = read_all(Flavor::Json, "{\"name\":\"\\x\"}").unwrap_err();
    assert!(matches!(e, DsjError::Syntax { .. }), "{e}");
}

#[test]
fn invalid_utf8_is_an_error() {
    let mut bytes = json(r#"["A",1],["B",2]"#).into_bytes();
    let i = bytes.iter().rposition(|&b| b == b'B').unwrap();
    bytes[i] = 0xFF;
    let e = reader(Flavor::Json, std::io::Cursor::new(bytes))
        .unwrap()
        .read_all()
        .unwrap_err();
    assert!(matches!(e, DsjError::Utf8 { .. }));
}

#[test]
fn deep_nesting_does_not_overflow_the_stack() {
    let text = format!("{HEAD},\"extra\":{}", "[".repeat(1_000_000));
    let e = read_all(Flavor::Json, &text).unwrap_err();
    assert!(matches!(e, DsjError::TooDeep { limit: 64, .. }), "{e}");
    let text = format!("{HEAD},\"rows\":[{}", "[".repeat(1_000_000));
    assert!(read_all(Flavor::Json, &text).is_err());
}

#[test]
fn huge_claimed_counts_allocate_nothing() {
    let text = HEAD
        .replace("\"records\":2", "\"records\":18446744073709551615")
        .replace(
            "\"dataType\":\"string\"",
            "\"dataType\":\"string\",\"length\":18446744073709551615",
        );
    let (ds, findings) = read_all(Flavor::Json, &format!("{text},\"rows\":[]}}")).unwrap();
    assert!(ds.rows.is_empty());
    assert_eq!(findings[0].code, "FM0060");
    let e = read_all(
        Flavor::Json,
        &HEAD.replace("\"records\":2", "\"records\":-1"),
    )
    .unwrap_err();
    assert!(matches!(e, DsjError::BadAttribute { .. }), "{e}");
}

#[test]
fn metadata_after_rows_is_still_read() {
    let text = r#"{"rows":[["A",1],["B",2]],"records":2,"name":"DM","label":"D","itemGroupOID":"IG.DM","datasetJSONCreationDateTime":"2025-01-01T00:00:00","datasetJSONVersion":"1.1","columns":[{"itemOID":"a","name":"USUBJID","label":"","dataType":"string"},{"itemOID":"b","name":"AGE","label":"","dataType":"integer"}]}"#;
    let (ds, findings) = read_all(Flavor::Json, text).unwrap();
    assert_eq!(ds.rows.len(), 2);
    assert_eq!(ds.meta.variables[1].name, "AGE");
    assert_eq!(
        findings.iter().map(|f| f.code.as_str()).collect::<Vec<_>>(),
        ["FM0059"]
    );
    let late = json(r#"["A",1],["B",2]"#)
        .replace(",\"records\":2", "")
        .replace("]}", "],\"records\":2}");
    let (ds, findings) = read_all(Flavor::Json, &late).unwrap();
    assert_eq!(ds.rows.len(), 2);
    assert!(
        findings.is_empty(),
        "records after rows streams: {findings:?}"
    );
}

#[test]
fn missing_essentials_are_errors_and_the_rest_warnings() {
    let e = read_all(Flavor::Json, r#"{"name":"DM","rows":[]}"#).unwrap_err();
    assert!(
        matches!(
            e,
            DsjError::MissingAttribute {
                name: "columns",
                ..
            }
        ),
        "{e}"
    );
    let (_, findings) = read_all(
        Flavor::Json,
        r#"{"name":"DM","label":"","columns":[],"rows":[],"x":{}}"#,
    )
    .unwrap();
    let codes: Vec<&str> = findings.iter().map(|f| f.code.as_str()).collect();
    assert_eq!(codes, ["FM0051", "FM0052", "FM0052", "FM0052", "FM0052"]);
    let e = read_all(Flavor::Json, r#"{"name":"DM","name":"DM"}"#).unwrap_err();
    assert!(matches!(e, DsjError::Duplicate { .. }));
    let e = read_all(Flavor::Json, r#"{"name":"DM","label":"","columns":[{"itemOID":"a","name":"X","label":"","dataType":"text2"}]}"#).unwrap_err();
    assert_eq!(e.path(), Some("columns[0]"));
}

#[test]
fn ndjson_errors_have_lines() {
    let head = format!("{HEAD}}}");
    let (ds, _) = read_all(Flavor::Ndjson, &format!("{head}\n[\"A\",1]\r\n[\"B\",2]\n")).unwrap();
    assert_eq!(ds.rows.len(), 2);
    let e = read_all(
        Flavor::Ndjson,
        &format!("{head}\n[\"A\",1]\n[\"B\",true]\n"),
    )
    .unwrap_err();
    assert_eq!(e.path(), Some("rows[1][1]"));
    assert_eq!(e.position().unwrap().line, 3);
    let e = read_all(Flavor::Ndjson, &format!("{head}\n[\"A\",1] [\"B\",2]\n")).unwrap_err();
    assert!(matches!(e, DsjError::Syntax { .. }), "{e}");
    let e = read_all(Flavor::Ndjson, &format!("{head}\n[\"A\",1]\n[\"B\",")).unwrap_err();
    assert!(matches!(e, DsjError::Truncated { .. }), "{e}");
}

#[test]
fn corrupt_and_truncated_dsjc_fail_cleanly() {
    let e = reader(
        Flavor::Dsjc,
        std::io::Cursor::new(b"not zlib at all".to_vec()),
    )
    .unwrap_err();
    assert!(matches!(e, DsjError::Io { .. }), "{e}");
    let full =
        std::fs::read(standards::reference_dir().join("dataset-json/examples/v1.1/dsjc/ae.dsjc"))
            .unwrap();
    let cut = full[..full.len() / 2].to_vec();
    let result = reader(Flavor::Dsjc, std::io::Cursor::new(cut)).and_then(|r| r.read_all());
    assert!(result.is_err());
}
