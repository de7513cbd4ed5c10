//! CSV: quoting, formula injection, missing values, sidecar and inferred metadata.

#![allow(clippy::unwrap_used)] // tests: a failed unwrap is a failed test

use formats::csv::{CsvOptions, CsvReader, CsvWriter, infer_meta, read_sidecar, write_sidecar};
use model::{Dataset, DatasetMeta, DatasetReader, DatasetWriter, Missing, Value, Variable};

fn sample() -> Dataset {
    let mut meta = DatasetMeta::new("AE", "Adverse Events");
    meta.variables = vec![
        Variable::char("AETERM", "Term"),
        Variable::num("AESEQ", "Seq"),
        Variable::char("SITEID", "Site"),
    ];
    let mut ds = Dataset::new(meta);
    ds.rows = vec![
        vec![
            "HEADACHE, \"mild\"\nsecond line".into(),
            1.0.into(),
            "007".into(),
        ],
        vec!["=HYPERLINK(\"x\")".into(), (-3.5).into(), "-".into()],
        vec!["".into(), Value::NULL, "+1".into()],
    ];
    ds
}

fn write(ds: &Dataset, opts: CsvOptions) -> (String, Vec<model::Finding>) {
    let mut w = CsvWriter::new(Vec::new(), &ds.meta, opts).unwrap();
    for r in &ds.rows {
        w.write_row(r).unwrap();
    }
    let (bytes, findings) = w.finish().unwrap();
    (String::from_utf8(bytes).unwrap(), findings)
}

#[test]
fn rfc4180_quoting_and_round_trip_with_metadata() {
    let ds = sample();
    let (text, findings) = write(&ds, CsvOptions::default());
    assert_eq!(
        text,
        "AETERM,AESEQ,SITEID\r\n\"HEADACHE, \"\"mild\"\"\nsecond line\",1,007\r\n\"=HYPERLINK(\"\"x\"\")\",-3.5,-\r\n,,+1\r\n"
    );
    assert!(findings.is_empty());
    let back = CsvReader::new(text.as_bytes(), ds.meta.clone())
        .unwrap()
        .read_all()
        .unwrap();
    assert_eq!(back.rows, ds.rows);
}

#[test]
fn a_row_buffer_reused_across_reads_holds_each_rows_own_values() {
    let ds = sample();
    let (text, _) = write(&ds, CsvOptions::default());
    let mut r = CsvReader::new(text.as_bytes(), ds.meta.clone()).unwrap();
    let (mut row, mut back) = (Vec::new(), Vec::new());
    while r.read_row(&mut row).unwrap() {
        back.push(row.clone());
    }
    assert_eq!(back, ds.rows);
    assert!(row.is_empty(), "the row is empty at the end of the data");
}

#[test]
fn spreadsheet_safe_output_guards_text_but_not_numbers() {
    let (text, findings) = write(
        &sample(),
        CsvOptions {
            spreadsheet_safe: true,
            bom: false,
        },
    );
    assert!(
        text.contains("\"'=HYPERLINK(\"\"x\"\")\",-3.5,'-\r\n"),
        "{text}"
    );
    assert!(text.ends_with("\r\n,,'+1\r\n"), "{text}");
    let codes: Vec<(&str, &str)> = findings
        .iter()
        .map(|f| (f.code.as_str(), f.variables[0].as_str()))
        .collect();
    assert_eq!(codes, [("FM0102", "AETERM"), ("FM0102", "SITEID")]);
    for bad in ["@SUM(A1)", "\tx", "\rx"] {
        let mut ds = sample();
        ds.rows[0][0] = bad.into();
        let (text, _) = write(
            &ds,
            CsvOptions {
                spreadsheet_safe: true,
                bom: false,
            },
        );
        assert!(text.contains(&format!("'{}", &bad[..1])), "{bad:?}: {text}");
    }
}

#[test]
fn missing_values_are_empty_with_notices() {
    let mut ds = sample();
    ds.rows[0][1] = Value::Missing(Missing::Letter(b'B'));
    ds.rows[0][2] = Value::NULL;
    let (text, findings) = write(&ds, CsvOptions::default());
    assert!(text.contains("second line\",,\r\n"), "{text}");
    let codes: Vec<&str> = findings.iter().map(|f| f.code.as_str()).collect();
    assert_eq!(codes, ["FM0100", "FM0101"]);
    let back = CsvReader::new(text.as_bytes(), ds.meta.clone())
        .unwrap()
        .read_all()
        .unwrap();
    assert_eq!(back.rows[0][1], Value::NULL);
    assert_eq!(
        back.rows[0][2],
        Value::char(""),
        "CSV cannot tell null text from empty"
    );
    let dots = "AETERM,AESEQ,SITEID\nX,.A,1\n";
    let back = CsvReader::new(dots.as_bytes(), ds.meta)
        .unwrap()
        .read_all()
        .unwrap();
    assert_eq!(back.rows[0][1], Value::Missing(Missing::Letter(b'A')));
}

#[test]
fn bad_input_is_positioned() {
    let meta = sample().meta;
    let e = CsvReader::new(
        "AETERM,AESEQ,SITEID\nX,1,2\nY,two,3\n".as_bytes(),
        meta.clone(),
    )
    .unwrap()
    .read_all()
    .unwrap_err();
    assert_eq!(e.to_string(), "line 3, AESEQ: `two` is not a number");
    let e = CsvReader::new("AETERM,AESEQ,SITEID\nX,1\n".as_bytes(), meta.clone())
        .unwrap()
        .read_all()
        .unwrap_err();
    assert_eq!(e.to_string(), "line 2: 2 fields for 3 columns");
    assert!(CsvReader::new("AETERM,SEQ,SITEID\n".as_bytes(), meta.clone()).is_err());
    let mut w = CsvWriter::new(Vec::new(), &meta, CsvOptions::default()).unwrap();
    assert!(w.write_row(&["x".into(), "1".into(), "y".into()]).is_err());
}

#[test]
fn sidecar_and_inference() {
    let ds = sample();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ae.csv");
    let (text, _) = write(
        &ds,
        CsvOptions {
            spreadsheet_safe: false,
            bom: true,
        },
    );
    std::fs::write(&path, &text).unwrap();
    write_sidecar(&path, &ds.meta).unwrap();
    assert!(dir.path().join("ae.meta.json").exists());
    let meta = read_sidecar(&path).unwrap();
    assert_eq!(meta, ds.meta);
    let back = CsvReader::new(std::fs::File::open(&path).unwrap(), meta)
        .unwrap()
        .read_all()
        .unwrap();
    assert_eq!(back.rows, ds.rows, "a BOM before the header is ignored");
    let inferred = infer_meta(text.as_bytes(), "AE").unwrap();
    let types: Vec<_> = inferred.variables.iter().map(|v| v.vtype).collect();
    assert_eq!(
        types,
        [
            model::VarType::Char,
            model::VarType::Num,
            model::VarType::Char
        ],
        "007 keeps SITEID text"
    );
}

#[test]
fn an_unclosed_quote_is_an_error_at_its_line_not_a_swallowed_file() {
    let meta = sample().meta;
    let text = "AETERM,AESEQ,SITEID\nX,1,2\n\"HEADACHE,2,3\nNAUSEA,3,4\n";
    let e = CsvReader::new(text.as_bytes(), meta.clone())
        .unwrap()
        .read_all()
        .unwrap_err();
    assert!(
        e.to_string()
            .starts_with("line 3, AETERM: a quoted value opened here is never closed"),
        "{e}"
    );
    let e = infer_meta(text.as_bytes(), "AE").unwrap_err();
    assert!(e.to_string().starts_with("line 3, AETERM:"), "{e}");
    // Closed, with a quoted line break and an escaped quote, it reads.
    let ok = "AETERM,AESEQ,SITEID\n\"HEAD\nACHE \"\"x\"\"\",2,3\n";
    let ds = CsvReader::new(ok.as_bytes(), meta)
        .unwrap()
        .read_all()
        .unwrap();
    assert_eq!(ds.rows[0][0], Value::char("HEAD\nACHE \"x\""));
}

#[test]
fn a_nul_byte_is_an_error_at_its_line_and_column() {
    let meta = sample().meta;
    let text = "AETERM,AESEQ,SITEID\nX,1,2\nY,2,0\u{0}7\n";
    let e = CsvReader::new(text.as_bytes(), meta.clone())
        .unwrap()
        .read_all()
        .unwrap_err();
    assert!(
        e.to_string().starts_with("line 3, SITEID: a NUL byte"),
        "{e}"
    );
    let e = infer_meta(text.as_bytes(), "AE").unwrap_err();
    assert!(
        e.to_string().starts_with("line 3, SITEID: a NUL byte"),
        "{e}"
    );
}
