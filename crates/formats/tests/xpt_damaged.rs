//! Damaged and hostile input: every failure is an `XptError` with a byte offset, never a
//! panic, and never an allocation sized by what a header claims.

#![allow(clippy::unwrap_used, reason = "helpers of a test crate")]

use formats::xpt::{XptError, XptOptions, XptReader, read_all_members, write_dataset};
use model::{Dataset, DatasetMeta, Value, Variable};

fn sample() -> Vec<u8> {
    let mut meta = DatasetMeta::new("VS", "Vital Signs");
    meta.variables = vec![
        Variable::char("VSTESTCD", "Test Code"),
        Variable::num("VSSTRESN", "Result"),
    ];
    let mut ds = Dataset::new(meta);
    ds.rows = (0..7)
        .map(|i| vec![Value::char(format!("T{i}")), Value::Num(f64::from(i) * 1.5)])
        .collect();
    let mut out = Vec::new();
    write_dataset(&ds, &mut out, &XptOptions::default()).unwrap();
    out
}

fn read(bytes: &[u8]) -> Result<Vec<model::Dataset>, XptError> {
    read_all_members(bytes).map(|(d, _)| d)
}

/// Start of the OBS header in `sample()`: 8 header records + 2 NAMESTRs (280 → 320 bytes).
const OBS_HEADER: usize = 8 * 80 + 320;

#[test]
fn every_truncation_fails_cleanly_or_reads_a_prefix() {
    let full = sample();
    assert_eq!(read(&full).unwrap()[0].rows.len(), 7);
    for cut in 0..full.len() {
        match read(&full[..cut]) {
            Err(e) => {
                let offset = e.offset().unwrap();
                assert!(
                    offset <= cut as u64,
                    "cut {cut}: offset {offset} past the end: {e}"
                );
                assert!(e.to_string().starts_with(&format!("byte {offset}:")), "{e}");
            }
            // Cutting the data at a record boundary is undetectable in v5: fewer rows.
            Ok(d) => assert!(
                cut >= OBS_HEADER + 80 && cut % 80 == 0 && d[0].rows.len() < 7,
                "cut {cut} read as {d:?}"
            ),
        }
    }
}

#[test]
fn truncation_inside_the_namestrs_names_the_offset_and_the_part() {
    let full = sample();
    let e = read(&full[..700]).unwrap_err();
    assert!(
        matches!(
            e,
            XptError::Truncated {
                offset: 700,
                context: "NAMESTR records",
                missing: 80
            }
        ),
        "{e}"
    );
    assert_eq!(
        e.to_string(),
        "byte 700: file ends inside the NAMESTR records: 80 more bytes expected"
    );
}

#[test]
fn a_row_cut_in_half_is_an_error_not_a_short_row() {
    let full = sample();
    // Row 3 starts at OBS_HEADER + 80 + 2 * 10; keep 4 of its bytes.
    let cut = OBS_HEADER + 80 + 24;
    let e = read(&full[..cut]).unwrap_err();
    assert!(
        matches!(
            e,
            XptError::Truncated {
                context: "last observation",
                ..
            }
        ),
        "{e}"
    );
    assert_eq!(e.offset(), Some(cut as u64));
}

#[test]
fn empty_garbage_html_and_json_are_told_apart() {
    assert!(matches!(read(b""), Err(XptError::Empty)));
    let html = read(b"<!DOCTYPE html><html><head><title>404</title></head></html>").unwrap_err();
    assert!(html.to_string().contains("HTML page"), "{html}");
    let json = read(br#"{"datasetJSONVersion": "1.1.0"}"#).unwrap_err();
    assert!(json.to_string().contains("JSON"), "{json}");
    let garbage: Vec<u8> = (0..4000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    let e = read(&garbage).unwrap_err();
    assert!(matches!(e, XptError::NotXpt { offset: 0, .. }), "{e}");
    assert!(
        !e.to_string().contains('\0'),
        "previews never carry raw binary"
    );
}

#[test]
fn lying_namestr_counts_fail_at_the_offset_where_the_lie_shows() {
    let full = sample();
    // Claim 9999 variables: the reader runs out of NAMESTRs instead of allocating 9999.
    let mut more = full.clone();
    more[7 * 80 + 54..7 * 80 + 58].copy_from_slice(b"9999");
    let e = read(&more).unwrap_err();
    assert!(
        matches!(
            e,
            XptError::Truncated {
                context: "NAMESTR records",
                ..
            } | XptError::BadNamestr { .. }
        ),
        "{e}"
    );
    // Claim 3 with only 2 present: the third "NAMESTR" is padding and the OBS header.
    let mut fewer = full.clone();
    fewer[7 * 80 + 54..7 * 80 + 58].copy_from_slice(b"0003");
    let e = read(&fewer).unwrap_err();
    assert!(matches!(e, XptError::BadNamestr { index: 3, .. }), "{e}");
    assert_eq!(e.offset(), Some(8 * 80 + 280));
    // Claim 1: the second NAMESTR is read where the OBS header was expected.
    let mut one = full.clone();
    one[7 * 80 + 54..7 * 80 + 58].copy_from_slice(b"0001");
    let e = read(&one).unwrap_err();
    assert!(
        matches!(
            e,
            XptError::UnexpectedRecord {
                expected: "OBS",
                ..
            }
        ),
        "{e}"
    );
    // Non-digits in the count.
    let mut junk = full;
    junk[7 * 80 + 54..7 * 80 + 58].copy_from_slice(b"00x2");
    let e = read(&junk).unwrap_err();
    assert!(
        matches!(
            e,
            XptError::BadField {
                field: "variable count",
                offset: 608,
                ..
            }
        ),
        "{e}"
    );
}

#[test]
fn impossible_namestr_fields_are_rejected_with_the_variable() {
    let full = sample();
    let ns = 8 * 80;
    let mut bad_type = full.clone();
    bad_type[ns + 1] = 7;
    let e = read(&bad_type).unwrap_err();
    assert!(e.to_string().contains("type code 7"), "{e}");
    assert!(e.to_string().contains("VSTESTCD"), "{e}");
    let mut huge_len = full.clone();
    huge_len[ns + 140 + 5] = 9; // numeric length 9
    let e = read(&huge_len).unwrap_err();
    assert!(matches!(e, XptError::BadNamestr { index: 2, .. }), "{e}");
    assert_eq!(e.offset(), Some((ns + 140) as u64));
    let mut zero_len = full;
    zero_len[ns + 4..ns + 6].copy_from_slice(&[0, 0]);
    assert!(matches!(
        read(&zero_len),
        Err(XptError::BadNamestr { index: 1, .. })
    ));
}

#[test]
fn a_character_length_claiming_32k_does_not_make_a_32k_row_from_nothing() {
    let mut full = sample();
    let ns = 8 * 80;
    full[ns + 4..ns + 6].copy_from_slice(&32_000u16.to_be_bytes());
    // The row claims ~32 kB but the file ends first: truncation, not a giant zeroed row.
    let e = read(&full).unwrap_err();
    assert!(
        matches!(
            e,
            XptError::Truncated {
                context: "last observation",
                ..
            }
        ),
        "{e}"
    );
}

#[test]
fn other_header_kinds_where_the_library_belongs_are_named() {
    let full = sample();
    let e = read(&full[240..]).unwrap_err();
    assert!(
        matches!(
            e,
            XptError::UnexpectedRecord {
                offset: 0,
                expected: "LIBRARY",
                ..
            }
        ),
        "{e}"
    );
    let e = XptReader::new(&full[..100]).err().unwrap();
    assert!(
        matches!(
            e,
            XptError::Truncated {
                offset: 100,
                context: "first real header record",
                ..
            }
        ),
        "{e}"
    );
}

#[test]
fn a_v5_character_variable_over_200_bytes_is_an_error_finding() {
    // Version 5 stops at 200 bytes; a file claiming more is read, but not silently.
    let sample = sample();
    let ns = 8 * 80;
    let with_len = |n: u16| {
        let mut f = sample.clone();
        f[ns + 4..ns + 6].copy_from_slice(&n.to_be_bytes());
        // Move VSSTRESN behind the widened VSTESTCD, and drop the rows (none are needed).
        f[ns + 140 + 84..ns + 140 + 88].copy_from_slice(&u32::from(n).to_be_bytes());
        f.truncate(OBS_HEADER + 80);
        f
    };
    let (_, findings) = read_all_members(&with_len(201)[..]).unwrap();
    let f = findings
        .iter()
        .find(|f| f.code == "FM0032")
        .expect("FM0032");
    assert_eq!(f.severity, model::Severity::Error);
    assert_eq!(f.variables, ["VSTESTCD"]);
    assert!(f.message.contains("201 bytes"), "{}", f.message);
    let (_, findings) = read_all_members(&with_len(200)[..]).unwrap();
    assert!(findings.iter().all(|f| f.code != "FM0032"), "{findings:#?}");
}
