//! Unit tests of the pieces: IBM floats, header fields, formats. Whole-file behaviour is in
//! `crates/formats/tests/xpt_*.rs`.

use super::header::{Format, Namestr};
use super::ibm::*;
use model::Missing;

fn round_trips(x: f64) {
    let ibm = to_ibm(x).unwrap_or_else(|e| panic!("{x:e} rejected: {e:?}"));
    let back = from_ibm(ibm);
    assert_eq!(
        back.to_bits(),
        x.to_bits(),
        "{x:e} came back as {back:e} via {ibm:02x?}"
    );
}

#[test]
fn known_ibm_encodings() {
    // Examples from TS-140 and IBM's own documentation.
    assert_eq!(to_ibm(1.0), Ok([0x41, 0x10, 0, 0, 0, 0, 0, 0]));
    assert_eq!(to_ibm(-118.625), Ok([0xC2, 0x76, 0xA0, 0, 0, 0, 0, 0]));
    assert_eq!(to_ibm(0.0), Ok([0; 8]));
    assert_eq!(to_ibm(0.5), Ok([0x40, 0x80, 0, 0, 0, 0, 0, 0]));
    assert_eq!(from_ibm([0x42, 0x64, 0, 0, 0, 0, 0, 0]), 100.0);
}

#[test]
fn range_limits_are_the_ibm_ones() {
    assert_eq!(IBM_MIN_POSITIVE, 2f64.powi(-260));
    assert_eq!(IBM_MAX, ((1u64 << 53) - 1) as f64 * 2f64.powi(199));
    assert_eq!(to_ibm(IBM_MIN_POSITIVE), Ok([0x00, 0x10, 0, 0, 0, 0, 0, 0]));
    assert_eq!(
        to_ibm(IBM_MAX),
        Ok([0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xF8])
    );
    round_trips(IBM_MIN_POSITIVE);
    round_trips(-IBM_MIN_POSITIVE);
    round_trips(IBM_MAX);
    round_trips(-IBM_MAX);
    // One ulp outside either end has no encoding.
    assert_eq!(
        to_ibm(IBM_MIN_POSITIVE.next_down()),
        Err(IbmRangeError::Underflow)
    );
    assert_eq!(to_ibm(IBM_MAX.next_up()), Err(IbmRangeError::Overflow));
    assert_eq!(to_ibm(-IBM_MAX.next_up()), Err(IbmRangeError::Overflow));
}

#[test]
fn out_of_range_values_are_errors_not_saturated() {
    assert_eq!(to_ibm(1e300), Err(IbmRangeError::Overflow));
    assert_eq!(to_ibm(-1e300), Err(IbmRangeError::Overflow));
    assert_eq!(to_ibm(1e-300), Err(IbmRangeError::Underflow));
    assert_eq!(to_ibm(f64::MIN_POSITIVE), Err(IbmRangeError::Underflow));
    assert_eq!(
        to_ibm(f64::from_bits(1)),
        Err(IbmRangeError::Underflow),
        "smallest IEEE subnormal"
    );
    assert_eq!(to_ibm(f64::INFINITY), Err(IbmRangeError::NotFinite));
    assert_eq!(to_ibm(f64::NEG_INFINITY), Err(IbmRangeError::NotFinite));
    assert_eq!(to_ibm(f64::NAN), Err(IbmRangeError::NotFinite));
}

#[test]
fn every_in_range_double_round_trips_bit_exactly() {
    round_trips(0.0);
    assert_eq!(
        to_ibm(-0.0),
        Ok([0; 8]),
        "SAS has one zero: -0.0 is written as 0.0"
    );
    for x in [
        1.0,
        -1.0,
        0.1,
        -0.1,
        1.0 / 3.0,
        2.0 / 3.0,
        std::f64::consts::PI,
        1e-78,
        1e75,
        7e75,
        123_456_789.123_456_78,
        9_007_199_254_740_993.0,
        9_007_199_254_740_991.0,
        f64::EPSILON,
        65.5,
        22_000.0,
    ] {
        round_trips(x);
        round_trips(-x);
    }
    // Every power of two in range, and the doubles next to it, exercise all four hex shifts.
    for e in -260..252 {
        let p = 2f64.powi(e);
        round_trips(p);
        round_trips(-p);
        if e > -260 {
            round_trips(p.next_down());
        }
        if e < 251 {
            round_trips(p.next_up());
        }
    }
    // A deterministic scatter of arbitrary bit patterns (xorshift), kept to the IBM range.
    let mut s: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut checked = 0;
    for _ in 0..200_000 {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        let x = f64::from_bits(s);
        if (IBM_MIN_POSITIVE..=IBM_MAX).contains(&x.abs()) {
            round_trips(x);
            checked += 1;
        }
    }
    assert!(checked > 20_000, "only {checked} in range");
}

#[test]
fn full_56_bit_fractions_round_to_nearest_even() {
    // 8.0 has its leading bit at the top of the 56-bit fraction, so 3 bits fall off.
    let tie_to_even = [0x41, 0x80, 0, 0, 0, 0, 0, 0x04];
    assert_eq!(from_ibm(tie_to_even), 8.0);
    let above_tie = [0x41, 0x80, 0, 0, 0, 0, 0, 0x05];
    assert_eq!(from_ibm(above_tie), 8.0f64.next_up());
    let tie_from_odd = [0x41, 0x80, 0, 0, 0, 0, 0, 0x0C];
    assert_eq!(from_ibm(tie_from_odd), 8.0f64.next_up().next_up());
    // All-ones fraction rounds up across a power of 16.
    assert_eq!(
        from_ibm([0x41, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]),
        16.0
    );
    // Unnormalised fractions (leading hex zero) are still read.
    assert_eq!(from_ibm([0x42, 0x01, 0, 0, 0, 0, 0, 0]), 1.0);
}

#[test]
fn missing_values_are_sas_bytes() {
    assert_eq!(missing_to_bytes(Missing::Dot), [0x2E, 0, 0, 0, 0, 0, 0, 0]);
    assert_eq!(
        missing_to_bytes(Missing::Underscore),
        [0x5F, 0, 0, 0, 0, 0, 0, 0]
    );
    assert_eq!(
        missing_to_bytes(Missing::Letter(b'A')),
        [0x41, 0, 0, 0, 0, 0, 0, 0]
    );
    assert_eq!(
        missing_to_bytes(Missing::Letter(b'Z')),
        [0x5A, 0, 0, 0, 0, 0, 0, 0]
    );
    for m in [
        Missing::Dot,
        Missing::Underscore,
        Missing::Letter(b'A'),
        Missing::Letter(b'Q'),
        Missing::Letter(b'Z'),
    ] {
        assert_eq!(decode_number(&missing_to_bytes(m)), XptNumber::Missing(m));
    }
    // 0x41 followed by a fraction is a number (1.0), not `.A`.
    assert_eq!(
        decode_number(&[0x41, 0x10, 0, 0, 0, 0, 0, 0]),
        XptNumber::Num(1.0)
    );
    // Short numerics are the leading bytes of the double.
    assert_eq!(decode_number(&[0x41, 0x10, 0]), XptNumber::Num(1.0));
}

#[test]
fn display_formats_split_into_namestr_fields() {
    let f = |s: &str| Format::parse(s).map(|f| (f.name, f.width, f.decimals));
    assert_eq!(f("DATE9."), Some(("DATE".into(), 9, 0)));
    assert_eq!(f("8.2"), Some(("".into(), 8, 2)));
    assert_eq!(f("$CHAR20."), Some(("$CHAR".into(), 20, 0)));
    assert_eq!(f("$20."), Some(("$".into(), 20, 0)));
    assert_eq!(f("E8601DA."), Some(("E8601DA".into(), 0, 0)));
    assert_eq!(f("best12."), Some(("BEST".into(), 12, 0)));
    assert_eq!(f("DATE9"), None, "a format needs its period");
    assert_eq!(f("."), None);
    assert_eq!(f("9DATE."), None);
    for s in ["DATE9.", "8.2", "$CHAR20.", "$20.", "E8601DA.", "BEST12."] {
        assert_eq!(
            Format::parse(s).and_then(|f| f.render()).as_deref(),
            Some(s)
        );
    }
}

#[test]
fn namestr_fields_sit_where_ts140_puts_them() {
    let ns = Namestr {
        numeric: true,
        length: 8,
        varnum: 3,
        name: b"AGE".to_vec(),
        label: b"Age".to_vec(),
        format: Format {
            name: "DATE".into(),
            width: 9,
            decimals: 0,
        },
        position: 24,
        ..Namestr::default()
    };
    let b = ns.encode();
    assert_eq!(&b[0..8], &[0, 1, 0, 0, 0, 8, 0, 3]);
    assert_eq!(&b[8..16], b"AGE     ");
    assert_eq!(&b[16..19], b"Age");
    assert_eq!(&b[56..64], b"DATE    ");
    assert_eq!(&b[64..68], &[0, 9, 0, 0]);
    assert_eq!(&b[84..88], &[0, 0, 0, 24]);
    assert!(b[88..].iter().all(|&x| x == 0));
    assert_eq!(
        Namestr::decode(&b, false),
        Some(Namestr {
            informat: Format::default(),
            ..ns
        })
    );
}
