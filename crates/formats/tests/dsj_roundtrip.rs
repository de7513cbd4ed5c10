//! Writing then reading gives back the same values, in all three flavors, byte-stably.

#![allow(clippy::unwrap_used)] // tests: a failed unwrap is a failed test

use formats::dataset_json::{DsjOptions, DsjWriter, Flavor, reader};
use model::{Dataset, DatasetMeta, DatasetReader, DatasetWriter, Missing, Value, Variable};

fn sample() -> Dataset {
    let mut meta = DatasetMeta::new("ADSL", "Subject-Level Analysis");
    meta.variables = vec![
        Variable::char("USUBJID", "Unique Subject Identifier").with_length(11),
        Variable::char("ARM", "Description of Planned Arm"),
        Variable::num("AGE", "Age"),
        Variable::num("TRTSDT", "Date of First Exposure").with_format("DATE9."),
        Variable::num("HEIGHTBL", "Baseline Height (cm)"),
        Variable::num("WEIGHT", "Weight"),
    ];
    meta.variables[2].data_type = Some("integer".into());
    meta.variables[4].data_type = Some("decimal".into());
    let mut ds = Dataset::new(meta);
    ds.rows = vec![
        vec![
            "01-701-1015".into(),
            "Placebo".into(),
            63.0.into(),
            19725.0.into(),
            162.9.into(),
            0.1.into(),
        ],
        vec![
            "01-701-1023".into(),
            "".into(),
            Value::NULL,
            Value::NULL,
            Value::NULL,
            (-2.5e-7).into(),
        ],
        vec![
            "ü \"q\" \\ \n".into(),
            Value::NULL,
            0.0.into(),
            (-1.0).into(),
            1e21.into(),
            (1.0 / 3.0).into(),
        ],
    ];
    ds
}

fn write(flavor: Flavor, ds: &Dataset, opts: &DsjOptions) -> (Vec<u8>, Vec<model::Finding>) {
    let mut w = DsjWriter::new(Vec::new(), flavor, &ds.meta, opts).unwrap();
    for r in &ds.rows {
        w.write_row(r).unwrap();
    }
    w.finish().unwrap()
}

fn opts() -> DsjOptions {
    let mut o = DsjOptions::new("2025-01-02T03:04:05");
    o.keys = vec!["USUBJID".into()];
    o.study_oid = Some("S1".into());
    o
}

#[test]
fn every_flavor_round_trips_values_null_and_empty() {
    let ds = sample();
    for flavor in [Flavor::Json, Flavor::Ndjson, Flavor::Dsjc] {
        for records in [None, Some(3)] {
            let mut o = opts();
            o.records = records;
            let (bytes, findings) = write(flavor, &ds, &o);
            assert!(findings.is_empty());
            let r = reader(flavor, std::io::Cursor::new(bytes)).unwrap();
            assert_eq!(r.header().records.or(Some(3)), Some(3));
            let back = r.read_all().unwrap();
            assert_eq!(back.rows, ds.rows, "{flavor:?} {records:?}");
            assert_eq!(back.rows[1][1], Value::char(""), "empty string stays empty");
            assert_eq!(back.rows[1][2], Value::NULL, "null stays null");
        }
    }
}

#[test]
fn a_row_buffer_reused_across_reads_holds_each_rows_own_values() {
    let mut meta = DatasetMeta::new("XX", "Reuse");
    meta.variables = vec![Variable::char("TEXT", "Text"), Variable::num("N", "N")];
    let mut ds = Dataset::new(meta);
    let texts = [
        Some("a longer value"),
        None,
        Some("de"),
        Some(""),
        Some("fghij"),
    ];
    ds.rows = (0..texts.len())
        .map(|i| {
            let text = texts[i].map_or(Value::NULL, Value::char);
            vec![text, Value::Num(i as f64)]
        })
        .collect();
    for flavor in [Flavor::Json, Flavor::Ndjson] {
        let mut o = opts();
        o.keys.clear();
        let (bytes, _) = write(flavor, &ds, &o);
        let mut r = reader(flavor, std::io::Cursor::new(bytes)).unwrap();
        let (mut row, mut back) = (Vec::new(), Vec::new());
        while r.read_row(&mut row).unwrap() {
            back.push(row.clone());
        }
        assert_eq!(back, ds.rows, "{flavor:?}");
    }
}

#[test]
fn json_output_is_exact_and_deterministic() {
    let ds = sample();
    let (a, _) = write(Flavor::Json, &ds, &opts());
    let (b, _) = write(Flavor::Json, &ds, &opts());
    assert_eq!(a, b);
    let text = String::from_utf8(a).unwrap();
    assert!(text.starts_with(r#"{"datasetJSONCreationDateTime":"2025-01-02T03:04:05","datasetJSONVersion":"1.1.0","studyOID":"S1","itemGroupOID":"IG.ADSL","name":"ADSL""#), "{text}");
    assert!(text.contains(r#"{"itemOID":"IT.ADSL.USUBJID","name":"USUBJID","label":"Unique Subject Identifier","dataType":"string","length":11,"keySequence":1}"#));
    assert!(
        text.contains(r#""dataType":"date","targetDataType":"integer","displayFormat":"DATE9.""#)
    );
    assert!(text.contains(r#""dataType":"decimal","targetDataType":"decimal""#));
    assert!(
        text.contains("\n[\"01-701-1015\",\"Placebo\",63,\"2014-01-02\",\"162.9\",0.1],\n"),
        "{text}"
    );
    assert!(
        text.contains(r#"["01-701-1023","",null,null,null,-2.5e-7]"#),
        "{text}"
    );
    assert!(
        text.ends_with("],\"records\":3}\n"),
        "records follows rows when not known up front"
    );
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["rows"][2][4], serde_json::json!("1000000000000000000000"));
}

#[test]
fn records_known_up_front_goes_in_spec_order() {
    let mut o = opts();
    o.records = Some(3);
    let (a, _) = write(Flavor::Json, &sample(), &o);
    let text = String::from_utf8(a).unwrap();
    assert!(text.contains(r#""itemGroupOID":"IG.ADSL","records":3,"name":"ADSL""#));
    assert!(text.ends_with("]}\n"));
}

#[test]
fn ndjson_and_dsjc_are_deterministic_and_dsjc_is_zlib() {
    let ds = sample();
    let (n1, _) = write(Flavor::Ndjson, &ds, &opts());
    let (n2, _) = write(Flavor::Ndjson, &ds, &opts());
    assert_eq!(n1, n2);
    let text = String::from_utf8(n1.clone()).unwrap();
    assert_eq!(text.lines().count(), 4);
    assert!(text.lines().next().unwrap().contains(r#""records":3"#));
    let (c1, _) = write(Flavor::Dsjc, &ds, &opts());
    let (c2, _) = write(Flavor::Dsjc, &ds, &opts());
    assert_eq!(c1, c2);
    assert_eq!(c1[0], 0x78, "zlib header, as the DSJC spec says");
    let mut plain = Vec::new();
    std::io::Read::read_to_end(&mut flate2::read::ZlibDecoder::new(&c1[..]), &mut plain).unwrap();
    assert_eq!(plain, n1);
}

#[test]
fn special_missing_becomes_null_with_a_notice() {
    let mut ds = sample();
    ds.rows[0][2] = Value::Missing(Missing::Letter(b'A'));
    ds.rows[1][2] = Value::Missing(Missing::Underscore);
    let (bytes, findings) = write(Flavor::Json, &ds, &opts());
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0].code, "FM0054");
    assert_eq!(findings[0].variables, ["AGE"]);
    let back = reader(Flavor::Json, std::io::Cursor::new(bytes))
        .unwrap()
        .read_all()
        .unwrap();
    assert_eq!(back.rows[0][2], Value::NULL);
}

#[test]
fn zero_rows_is_metadata_only() {
    let ds = Dataset::new(sample().meta);
    for flavor in [Flavor::Json, Flavor::Ndjson, Flavor::Dsjc] {
        let (bytes, _) = write(flavor, &ds, &opts());
        let r = reader(flavor, std::io::Cursor::new(bytes)).unwrap();
        assert_eq!(r.header().records, Some(0));
        let back = r.read_all().unwrap();
        assert!(back.rows.is_empty());
        assert_eq!(back.meta.variables.len(), 6);
    }
}

#[test]
fn writer_refuses_values_that_do_not_fit() {
    let ds = sample();
    let mut w = DsjWriter::new(Vec::new(), Flavor::Json, &ds.meta, &opts()).unwrap();
    let mut row = ds.rows[0].clone();
    row[2] = 63.5.into();
    let e = w.write_row(&row).unwrap_err();
    assert_eq!(
        e.to_string(),
        "record 1, AGE: number 63.5 cannot be written to a integer (numeric) column"
    );
    row[2] = "63".into();
    assert!(w.write_row(&row).is_err());
    assert!(w.write_row(&row[..2]).is_err());
    row[2] = f64::NAN.into();
    assert!(w.write_row(&row).is_err());
    let mut o = opts();
    o.records = Some(5);
    let mut w = DsjWriter::new(Vec::new(), Flavor::Ndjson, &ds.meta, &o).unwrap();
    w.write_row(&ds.rows[0]).unwrap();
    assert!(matches!(
        w.finish(),
        Err(formats::dataset_json::DsjError::WriteCount {
            declared: 5,
            written: 1
        })
    ));
    assert!(
        DsjWriter::new(
            Vec::new(),
            Flavor::Json,
            &ds.meta,
            &DsjOptions::new("yesterday")
        )
        .is_err()
    );
}

#[test]
fn oids_are_shared_rules() {
    assert_eq!(
        formats::dataset_json::item_oid("DM", "USUBJID"),
        "IT.DM.USUBJID"
    );
    assert_eq!(formats::dataset_json::item_group_oid("DM"), "IG.DM");
}

#[test]
fn published_example_survives_a_transcode_to_every_flavor() {
    let path = standards::reference_dir().join("dataset-json/examples/v1.1/adam/adsl.json");
    let mut src = formats::dataset_json::open(&path).unwrap();
    let mut o = DsjOptions::new("2025-01-02T03:04:05");
    o.keys = src.header().keys();
    o.records = src.header().records;
    let meta = src.meta().clone();
    let mut w = DsjWriter::new(Vec::new(), Flavor::Dsjc, &meta, &o).unwrap();
    let mut row = Vec::new();
    let mut rows = Vec::new();
    while src.read_row(&mut row).unwrap() {
        w.write_row(&row).unwrap();
        rows.push(row.clone());
    }
    let (bytes, _) = w.finish().unwrap();
    let back = reader(Flavor::Dsjc, std::io::Cursor::new(bytes))
        .unwrap()
        .read_all()
        .unwrap();
    assert_eq!(back.meta, meta);
    assert_eq!(back.rows, rows);
}
