//! Writing v5 transport files: byte layout, determinism, round trips through the reader,
//! and the limits that refuse to write (never truncate).

#![allow(clippy::unwrap_used, reason = "helpers of a test crate")]

use formats::xpt::{
    XptError, XptOptions, XptReader, XptWriter, read_all_members, validate, write_dataset,
};
use model::{Dataset, DatasetMeta, DatasetReader, Missing, Severity, Value, Variable};

const STAMP: i64 = 1_772_000_000; // 25FEB26:06:13:20

fn demo() -> Dataset {
    let mut meta = DatasetMeta::new("LB", "Laboratory Test Results");
    meta.variables = vec![
        Variable::char("USUBJID", "Unique Subject Identifier"),
        Variable::num("LBSTRESN", "Numeric Result/Finding in Std Units").with_format("8.2"),
        Variable::num("LBDT", "Date of Test").with_format("DATE9."),
        Variable::char("LBCOMM", "Comment")
            .with_length(20)
            .with_format("$CHAR20."),
    ];
    let mut ds = Dataset::new(meta);
    let rows: Vec<Vec<Value>> = vec![
        vec![
            "01-701-1015".into(),
            5.25.into(),
            19_724.0.into(),
            "  leading kept".into(),
        ],
        vec![
            "01-701-1023".into(),
            (-1e-70).into(),
            Value::Missing(Missing::Dot),
            "".into(),
        ],
        vec!["X".into(), 7.2e75.into(), 0.0.into(), Value::NULL],
        vec![
            "01-701-1028".into(),
            Value::Missing(Missing::Letter(b'A')),
            Value::Missing(Missing::Underscore),
            "max".into(),
        ],
        vec![
            "01-701-1033".into(),
            Value::Missing(Missing::Letter(b'Z')),
            (-0.0).into(),
            "third".into(),
        ],
        vec![
            "01-701-1034".into(),
            (1.0 / 3.0).into(),
            1e-78.into(),
            "".into(),
        ],
    ];
    ds.rows = rows;
    ds
}

fn write(ds: &Dataset, opts: &XptOptions) -> Vec<u8> {
    let mut out = Vec::new();
    write_dataset(ds, &mut out, opts).unwrap();
    out
}

fn codes(findings: &[model::Finding]) -> Vec<&str> {
    let mut c: Vec<&str> = findings.iter().map(|f| f.code.as_str()).collect();
    c.sort_unstable();
    c.dedup();
    c
}

#[test]
fn header_records_sit_where_ts140_puts_them() {
    let bytes = write(&demo(), &XptOptions::at(STAMP));
    assert_eq!(bytes.len() % 80, 0, "whole 80-byte records");
    let rec = |i: usize| &bytes[i * 80..(i + 1) * 80];
    assert_eq!(
        rec(0),
        b"HEADER RECORD*******LIBRARY HEADER RECORD!!!!!!!000000000000000000000000000000  "
    );
    assert_eq!(&rec(1)[..40], b"SAS     SAS     SASLIB  9.4     RUST    ");
    assert_eq!(&rec(1)[40..64], [b' '; 24]);
    assert_eq!(&rec(1)[64..], b"25FEB26:06:13:20");
    assert_eq!(&rec(2)[..16], b"25FEB26:06:13:20");
    assert_eq!(
        rec(3),
        b"HEADER RECORD*******MEMBER  HEADER RECORD!!!!!!!000000000000000001600000000140  "
    );
    assert_eq!(
        rec(4),
        b"HEADER RECORD*******DSCRPTR HEADER RECORD!!!!!!!000000000000000000000000000000  "
    );
    assert_eq!(&rec(5)[..40], b"SAS     LB      SASDATA 9.4     RUST    ");
    assert_eq!(&rec(5)[64..], b"25FEB26:06:13:20");
    assert_eq!(
        &rec(6)[32..72],
        format!("{:40}", "Laboratory Test Results").as_bytes()
    );
    assert_eq!(
        rec(7),
        b"HEADER RECORD*******NAMESTR HEADER RECORD!!!!!!!000000000400000000000000000000  "
    );
    // Four 140-byte NAMESTRs fill 560 bytes = 7 records exactly.
    let ns = |i: usize| &bytes[640 + 140 * i..640 + 140 * (i + 1)];
    assert_eq!(
        &ns(0)[..16],
        b"\x00\x02\x00\x00\x00\x0b\x00\x01USUBJID ",
        "char, sized to longest value (11)"
    );
    assert_eq!(&ns(1)[..8], &[0, 1, 0, 0, 0, 8, 0, 2]);
    assert_eq!(
        &ns(1)[56..70],
        b"        \x00\x08\x00\x02\x00\x01",
        "8.2: no name, w=8, d=2, right-justified"
    );
    assert_eq!(&ns(2)[56..68], b"DATE    \x00\x09\x00\x00");
    assert_eq!(&ns(3)[56..66], b"$CHAR   \x00\x14");
    assert_eq!(&ns(3)[84..88], &[0, 0, 0, 27], "position after 11 + 8 + 8");
    assert_eq!(
        rec(15),
        b"HEADER RECORD*******OBS     HEADER RECORD!!!!!!!000000000000000000000000000000  "
    );
    let first_row = &bytes[16 * 80..16 * 80 + 47];
    assert_eq!(&first_row[..11], b"01-701-1015");
    assert_eq!(&first_row[11..19], &[0x41, 0x54, 0, 0, 0, 0, 0, 0], "5.25");
    assert_eq!(&first_row[27..47], b"  leading kept      ");
    // Six rows of 47 bytes, then blanks to the record boundary.
    assert_eq!(bytes.len(), 16 * 80 + 320);
    assert!(bytes[16 * 80 + 6 * 47..].iter().all(|&b| b == b' '));
    // Special missings: `.A` then `._`.
    let row4 = &bytes[16 * 80 + 3 * 47..16 * 80 + 4 * 47];
    assert_eq!(
        &row4[11..27],
        &[b'A', 0, 0, 0, 0, 0, 0, 0, b'_', 0, 0, 0, 0, 0, 0, 0]
    );
}

#[test]
fn output_is_byte_deterministic_and_only_the_stamps_follow_the_timestamp() {
    let a = write(&demo(), &XptOptions::at(STAMP));
    assert_eq!(a, write(&demo(), &XptOptions::at(STAMP)));
    let b = write(&demo(), &XptOptions::at(0));
    assert_eq!(a.len(), b.len());
    let differing: Vec<usize> = (0..a.len())
        .filter(|&i| a[i] != b[i])
        .map(|i| i / 80)
        .collect();
    assert!(
        differing.iter().all(|r| [1, 2, 5, 6].contains(r)),
        "{differing:?}"
    );
}

#[test]
fn writer_then_reader_gives_the_same_dataset() {
    let ds = demo();
    let bytes = write(&ds, &XptOptions::at(STAMP));
    let back = XptReader::new(&bytes[..]).unwrap().read_all().unwrap();
    assert_eq!(back.meta.name, "LB");
    assert_eq!(back.meta.label, "Laboratory Test Results");
    let v = &back.meta.variables;
    assert_eq!(
        v.iter().map(|v| v.length).collect::<Vec<_>>(),
        [Some(11), Some(8), Some(8), Some(20)]
    );
    assert_eq!(
        v.iter().map(|v| v.format.as_deref()).collect::<Vec<_>>(),
        [None, Some("8.2"), Some("DATE9."), Some("$CHAR20.")]
    );
    assert_eq!(v[1].label, "Numeric Result/Finding in Std Units");
    assert_eq!(back.rows.len(), ds.rows.len());
    for (got, want) in back.rows.iter().zip(&ds.rows) {
        for (g, w) in got.iter().zip(want) {
            match (g, w) {
                // SAS has a single zero: -0.0 is written as 0.0.
                (Value::Num(a), Value::Num(b)) if *b == 0.0 => assert_eq!(a.to_bits(), 0),
                (Value::Num(a), Value::Num(b)) => assert_eq!(a.to_bits(), b.to_bits(), "bit-exact"),
                // XPT has no missing/empty distinction for text: both come back as "".
                (Value::Char(a), Value::Missing(Missing::Dot)) => assert_eq!(a, ""),
                _ => assert_eq!(g, w),
            }
        }
    }
}

#[test]
fn streaming_writer_matches_the_whole_dataset_writer_and_rejects_bad_rows() {
    let mut ds = demo();
    ds.meta.variables[0].length = Some(11);
    let opts = XptOptions::at(STAMP);
    let mut w = XptWriter::new(Vec::new(), &ds.meta, &opts).unwrap();
    for (i, row) in ds.rows.iter().enumerate() {
        w.write_row(row).unwrap();
        if i == 2 {
            let bad = [
                Value::char("01-701-1015-LONG"),
                Value::Num(f64::NAN),
                Value::NULL,
                Value::NULL,
            ];
            let e = w.write_row(&bad).unwrap_err();
            assert!(matches!(&e, XptError::InvalidRow { record: 4, .. }), "{e}");
            assert_eq!(codes(e.findings()), ["FM0009", "FM0011"]);
        }
    }
    assert_eq!(w.rows(), 6);
    let (bytes, findings) = w.finish().unwrap();
    assert!(findings.is_empty());
    assert_eq!(bytes, write(&ds, &opts));
}

#[test]
fn streaming_writer_needs_character_lengths() {
    let e = XptWriter::new(Vec::new(), &demo().meta, &XptOptions::default())
        .err()
        .unwrap();
    assert_eq!(codes(e.findings()), ["FM0015"]);
}

#[test]
fn every_limit_is_an_error_finding_and_nothing_is_written() {
    let mut meta = DatasetMeta::new(
        "LABORATORY",
        "A label that is much longer than forty bytes.",
    );
    meta.variables = vec![
        Variable::char("TOOLONGNAME", "x"),
        Variable::char("dup", "x"),
        Variable::char("DUP", "a label that is longer than forty bytes!!!"),
        Variable::num("BADFMT", "x").with_format("$CHAR20."),
        Variable::char("WIDE", "x").with_length(201),
        Variable::num("SHORT", "x").with_length(4),
        Variable::char("TEXT", "x").with_length(5),
        Variable::num("N", "x"),
    ];
    let mut ds = Dataset::new(meta);
    let ok = || {
        vec![
            Value::char("a"),
            Value::char("a"),
            Value::char("a"),
            Value::Num(1.0),
            Value::char("a"),
            Value::Num(1.0),
            Value::char("a"),
            Value::Num(1.0),
        ]
    };
    let mut r1 = ok();
    r1[6] = Value::char("toolong");
    r1[7] = Value::Num(1e300);
    let mut r2 = ok();
    r2[6] = Value::char("Bj\u{f6}rk");
    r2[7] = Value::char("12");
    let mut r3 = ok();
    r3[6] = Value::Missing(Missing::Letter(b'B'));
    r3[7] = Value::Num(1e-300);
    ds.rows = vec![ok(), r1, r2, r3, vec![Value::NULL]];
    let mut out = Vec::new();
    let e = write_dataset(&ds, &mut out, &XptOptions::default()).unwrap_err();
    assert!(out.is_empty(), "refused datasets leave no bytes behind");
    assert!(matches!(&e, XptError::Invalid { .. }));
    assert!(
        e.to_string().starts_with("dataset LABORATORY: not written"),
        "{e}"
    );
    let expected = [
        "FM0001", "FM0002", "FM0003", "FM0004", "FM0005", "FM0006", "FM0007", "FM0008", "FM0009",
        "FM0010", "FM0011", "FM0012", "FM0013", "FM0014",
    ];
    assert_eq!(codes(e.findings()), expected);
    assert!(
        e.findings()
            .iter()
            .all(|f| f.severity == Severity::Error && f.dataset.as_deref() == Some("LABORATORY"))
    );
    // Findings point at the record and variable.
    let overflow = e
        .findings()
        .iter()
        .find(|f| f.code == "FM0011" && f.record == Some(2))
        .unwrap();
    assert_eq!(overflow.variables, ["N"]);
    assert_eq!(overflow.values, ["1e300"]);
    let underflow = e
        .findings()
        .iter()
        .find(|f| f.code == "FM0011" && f.record == Some(4))
        .unwrap();
    assert!(
        underflow.message.contains("too close to zero"),
        "{}",
        underflow.message
    );
    assert_eq!(validate(&ds, &XptOptions::default()), e.findings());
}

#[test]
fn an_empty_variable_list_and_mixed_text_missings_are_reported() {
    let empty = Dataset::new(DatasetMeta::new("EMPTY", ""));
    assert_eq!(codes(&validate(&empty, &XptOptions::default())), ["FM0016"]);

    let mut meta = DatasetMeta::new("CO", "Comments");
    meta.variables = vec![Variable::char("COVAL", "Comment")];
    let mut ds = Dataset::new(meta);
    ds.rows = vec![
        vec![Value::NULL],
        vec![Value::char("")],
        vec![Value::char("x")],
    ];
    let findings = write_dataset(&ds, Vec::new(), &XptOptions::default()).unwrap();
    assert_eq!(codes(&findings), ["FM0017"]);
    assert_eq!(findings[0].severity, Severity::Notice);
}

#[test]
fn blank_rows_inside_the_data_survive() {
    let mut meta = DatasetMeta::new("CO", "Comments");
    meta.variables = vec![Variable::char("COVAL", "Comment").with_length(10)];
    let mut ds = Dataset::new(meta);
    ds.rows = vec![
        vec![Value::char("a")],
        vec![Value::char("")],
        vec![Value::char("")],
        vec![Value::char("b")],
    ];
    let back = XptReader::new(&write(&ds, &XptOptions::default())[..])
        .unwrap()
        .read_all()
        .unwrap();
    assert_eq!(back.rows, ds.rows);
}

#[test]
fn several_members_are_listed_and_read_in_order() {
    let a = write(&demo(), &XptOptions::default());
    let mut meta = DatasetMeta::new("CO", "Comments");
    meta.variables = vec![Variable::char("COVAL", "Comment").with_length(3)];
    let mut co = Dataset::new(meta);
    co.rows = vec![vec![Value::char("abc")]];
    let b = write(&co, &XptOptions::default());
    // A second member is everything after the library's three records.
    let mut both = a.clone();
    both.extend_from_slice(&b[240..]);
    let (members, _) = read_all_members(&both[..]).unwrap();
    assert_eq!(
        members
            .iter()
            .map(|m| (m.meta.name.as_str(), m.rows.len()))
            .collect::<Vec<_>>(),
        [("LB", 6), ("CO", 1)]
    );
    // The first member alone stops at the member boundary.
    let first = XptReader::new(&both[..]).unwrap();
    let second = first.next_member().unwrap().unwrap();
    assert_eq!(
        (second.member_index(), second.meta().name.as_str()),
        (1, "CO")
    );
    assert!(second.next_member().unwrap().is_none());
}

#[test]
fn a_zero_row_dataset_is_headers_only() {
    let mut ds = demo();
    ds.rows.clear();
    ds.meta.variables[0].length = Some(8);
    let bytes = write(&ds, &XptOptions::default());
    assert_eq!(bytes.len(), 16 * 80);
    let back = XptReader::new(&bytes[..]).unwrap().read_all().unwrap();
    assert_eq!((back.rows.len(), back.meta.variables.len()), (0, 4));
}
