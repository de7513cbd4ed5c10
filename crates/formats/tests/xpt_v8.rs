//! v8 features that the one real v8 file does not exercise: 32-character names, labels over
//! 40 bytes in a LABELV9 record (with a format name longer than 8), built by hand per the
//! SAS v8 transport supplement.

#![allow(clippy::unwrap_used, reason = "helpers of a test crate")]

use formats::xpt::{XptReader, XptVersion};
use model::{DatasetReader, Value};

fn header(tag: &str, numbers: &str) -> Vec<u8> {
    format!("HEADER RECORD*******{tag:8}HEADER RECORD!!!!!!!{numbers:30}  ").into_bytes()
}

fn pad(b: &mut Vec<u8>) {
    while !b.len().is_multiple_of(80) {
        b.push(b' ');
    }
}

fn namestr(
    numeric: bool,
    len: u16,
    varnum: u16,
    short: &str,
    long: &str,
    label: &str,
    pos: u32,
) -> Vec<u8> {
    let mut b = vec![0u8; 140];
    b[0..2].copy_from_slice(&(if numeric { 1u16 } else { 2 }).to_be_bytes());
    b[4..6].copy_from_slice(&len.to_be_bytes());
    b[6..8].copy_from_slice(&varnum.to_be_bytes());
    b[8..16].copy_from_slice(format!("{short:8}").as_bytes());
    b[16..56].copy_from_slice(format!("{:40}", &label[..label.len().min(40)]).as_bytes());
    b[56..64].copy_from_slice(b"        ");
    b[72..80].copy_from_slice(b"        ");
    b[84..88].copy_from_slice(&pos.to_be_bytes());
    b[88..120].copy_from_slice(format!("{long:32}").as_bytes());
    b[120..122].copy_from_slice(&(label.len() as u16).to_be_bytes());
    b
}

const LONG_LABEL: &str = "Planned Treatment for Period 01 (as randomised at baseline)";
const LONG_NAME: &str = "PLANNED_TREATMENT_PERIOD_01";

fn v8_file() -> Vec<u8> {
    let stamp = "24FEB26:09:05:00";
    let mut f = header("LIBV8", &"0".repeat(30));
    f.extend(format!("SAS     SAS     SASLIB  9.4     X64_10PR{:24}{stamp}", "").bytes());
    f.extend(format!("{stamp}{:64}", "").bytes());
    f.extend(header("MEMBV8", "000000000000000001600000000140"));
    f.extend(header("DSCPTV8", &"0".repeat(30)));
    f.extend(
        format!(
            "SAS     {:32}SASDATA 9.4     X64_10PR{stamp}",
            "ADSL_WITH_A_LONG_NAME"
        )
        .bytes(),
    );
    f.extend(
        format!(
            "{stamp}{:16}{:40}{:8}",
            "", "Subject-Level Analysis", "DATA"
        )
        .bytes(),
    );
    f.extend(header("NAMSTV8", "000000000200000000000000000000"));
    f.extend(namestr(false, 12, 1, "PLANNED_", LONG_NAME, LONG_LABEL, 0));
    f.extend(namestr(true, 8, 2, "AGE", "AGE", "Age", 12));
    pad(&mut f);
    f.extend(header("LABELV9", "1"));
    let fmt = "E8601DATETIME19.";
    for v in [
        1u16,
        LONG_NAME.len() as u16,
        LONG_LABEL.len() as u16,
        fmt.len() as u16,
        0,
    ] {
        f.extend(v.to_be_bytes());
    }
    f.extend(LONG_NAME.bytes());
    f.extend(LONG_LABEL.bytes());
    f.extend(fmt.bytes());
    pad(&mut f);
    f.extend(header("OBSV8", "2"));
    f.extend(b"Placebo     ");
    f.extend([0x42, 0x4B, 0, 0, 0, 0, 0, 0]); // 75
    f.extend(b"Xanomeline  ");
    f.extend([b'.', 0, 0, 0, 0, 0, 0, 0]);
    pad(&mut f);
    f
}

#[test]
fn long_names_labels_and_formats_come_from_the_v8_records() {
    let file = v8_file();
    let r = XptReader::new(&file[..]).unwrap();
    assert_eq!(r.library().version, XptVersion::V8);
    assert_eq!(r.meta().name, "ADSL_WITH_A_LONG_NAME");
    let v = &r.meta().variables;
    assert_eq!(v[0].name, LONG_NAME);
    assert_eq!(v[0].label, LONG_LABEL);
    assert_eq!(v[0].format.as_deref(), Some("E8601DATETIME19."));
    assert_eq!((v[1].name.as_str(), v[1].label.as_str()), ("AGE", "Age"));
    let ds = r.read_all().unwrap();
    assert_eq!(
        ds.rows,
        vec![
            vec![Value::char("Placebo"), Value::Num(75.0)],
            vec![Value::char("Xanomeline"), Value::NULL]
        ]
    );
}

#[test]
fn a_declared_row_count_larger_than_the_data_is_an_error() {
    let mut f = v8_file();
    let obs = f.windows(8).position(|w| w == b"OBSV8   ").unwrap() - 20;
    f[obs + 48..obs + 49].copy_from_slice(b"3");
    let e = XptReader::new(&f[..]).unwrap().read_all().unwrap_err();
    assert!(e.to_string().contains("declares 3 observations"), "{e}");
}
