//! IBM System/370 double precision, the number format of SAS transport files.
//!
//! An IBM double is `sign | 7-bit excess-64 base-16 exponent | 56-bit fraction`, value
//! `0.F × 16^(E-64)`. The fraction is 3 bits wider than IEEE's 53-bit significand, so every
//! IEEE double inside the IBM range converts exactly and converts back bit for bit. The IBM
//! range is narrower than IEEE's: anything smaller than 16^-65 or larger than about 7.2e75 has
//! no IBM encoding, and the conversion says so rather than flushing to zero or saturating.
//! The one exception to bit-exactness is -0.0, which is written as 0.0 (see [`to_ibm`]).

use model::Missing;

/// Smallest positive normalised IBM double, `0x00100000_00000000` = 16^-65.
pub const IBM_MIN_POSITIVE: f64 = 5.397_605_346_934_028e-79;
/// Largest IBM double that an IEEE double can hold exactly: `0x7FFFFFFF_FFFFFFF8`.
pub const IBM_MAX: f64 = 7.237_005_577_332_261_4e75;

/// Why a double has no IBM encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IbmRangeError {
    NotFinite,
    /// Non-zero but below [`IBM_MIN_POSITIVE`] in magnitude.
    Underflow,
    /// Above [`IBM_MAX`] in magnitude.
    Overflow,
}

/// IEEE → IBM, exact, or an error when the value is outside the IBM range.
pub fn to_ibm(x: f64) -> Result<[u8; 8], IbmRangeError> {
    if !x.is_finite() {
        return Err(IbmRangeError::NotFinite);
    }
    let bits = x.to_bits();
    let sign = (bits >> 63) as u8;
    if x == 0.0 {
        // SAS writes every zero as eight zero bytes, and readers (ReadStat) take a sign bit
        // over a zero fraction for a missing value, so -0.0 is written as 0.0.
        return Ok([0; 8]);
    }
    let biased = ((bits >> 52) & 0x7ff) as i64;
    let frac = bits & ((1u64 << 52) - 1);
    // value = m × 2^e2 with m an integer of at most 53 bits.
    let (m, e2) = if biased == 0 {
        (frac, -1074)
    } else {
        (frac | (1u64 << 52), biased - 1075)
    };
    let top = 63 - i64::from(m.leading_zeros());
    // Shift m so that its leading bit lands in the top hex digit (bits 52..=55) of a 56-bit
    // fraction, choosing the shift that makes the binary exponent a multiple of 4.
    let base_shift = 52 - top;
    let shift = base_shift + (e2 - base_shift).rem_euclid(4);
    let f = m << shift;
    let exp16 = (e2 - shift + 56) / 4;
    let biased16 = exp16 + 64;
    if biased16 < 0 {
        return Err(IbmRangeError::Underflow);
    }
    if biased16 > 127 {
        return Err(IbmRangeError::Overflow);
    }
    let mut out = f.to_be_bytes();
    out[0] = (sign << 7) | biased16 as u8;
    Ok(out)
}

/// IBM → IEEE. Exact for everything [`to_ibm`] produces; fractions using all 56 bits (as
/// written by SAS on a mainframe) round to nearest, ties to even. Unnormalised fractions are
/// accepted.
pub fn from_ibm(b: [u8; 8]) -> f64 {
    let sign = b[0] >> 7;
    let exp16 = i64::from(b[0] & 0x7f) - 64;
    let f = u64::from_be_bytes(b) & ((1u64 << 56) - 1);
    let signed = |v: f64| if sign == 1 { -v } else { v };
    if f == 0 {
        return signed(0.0);
    }
    // value = f × 2^(4·exp16 − 56)
    let mut e2 = 4 * exp16 - 56;
    let top = 63 - i64::from(f.leading_zeros());
    let mut m = if top > 52 {
        let drop = (top - 52) as u32;
        let kept = f >> drop;
        let rest = f & ((1u64 << drop) - 1);
        let half = 1u64 << (drop - 1);
        e2 += i64::from(drop);
        let round_up = rest > half || (rest == half && kept & 1 == 1);
        kept + u64::from(round_up)
    } else {
        let s = (52 - top) as u32;
        e2 -= i64::from(s);
        f << s
    };
    if m == 1u64 << 53 {
        m >>= 1;
        e2 += 1;
    }
    // The IBM range sits well inside IEEE's normal range, so the exponent always fits.
    let biased = (e2 + 1075) as u64;
    let bits = (u64::from(sign) << 63) | (biased << 52) | (m & ((1u64 << 52) - 1));
    f64::from_bits(bits)
}

/// A SAS numeric as stored in a transport file: a number or one of the 28 missing values.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum XptNumber {
    Num(f64),
    Missing(Missing),
}

/// SAS writes a missing value as its character (`.`, `_`, `A`–`Z`) followed by zero bytes,
/// which as a float would read as an (unnormalised) zero.
pub fn missing_to_bytes(m: Missing) -> [u8; 8] {
    let first = match m {
        Missing::Dot => b'.',
        Missing::Underscore => b'_',
        Missing::Letter(c) => c,
    };
    [first, 0, 0, 0, 0, 0, 0, 0]
}

/// Decodes a numeric field of `len` (2..=8) bytes; short fields are the leading bytes of the
/// double, as SAS truncates them.
pub fn decode_number(field: &[u8]) -> XptNumber {
    let mut b = [0u8; 8];
    let n = field.len().min(8);
    b[..n].copy_from_slice(&field[..n]);
    if b[1..].iter().all(|&x| x == 0) {
        match b[0] {
            b'.' => return XptNumber::Missing(Missing::Dot),
            b'_' => return XptNumber::Missing(Missing::Underscore),
            c @ b'A'..=b'Z' => return XptNumber::Missing(Missing::Letter(c)),
            _ => {}
        }
    }
    XptNumber::Num(from_ibm(b))
}
