//! Numbers as text, exactly as Rust's `Display` writes them, for writers that print millions.

use std::fmt::Write;
use std::iter::repeat_n;

/// Appends what `format!("{x}")` gives: the shortest digits that read back as `x`, never in
/// exponent notation (`1e-7` is `0.0000001`), `-0` for negative zero.
///
/// `Display` goes through the general formatting machinery and `to_string` allocates per
/// number; in a CSV of numbers that was a fifth of the time. Whole numbers and numbers of
/// up to 15 digits, most data, are written here in a fraction of that; the rest are left to
/// `Display`. The text must not change: files written before and after are compared byte for
/// byte, and CSV `infer_meta` calls a number canonical when it equals `Display`'s text.
pub fn push_num(out: &mut String, x: f64) {
    if !push_short(out, x) {
        // Writing to a String cannot fail.
        let _ = write!(out, "{x}");
    }
}

/// Writes `x` when its shortest form has at most 15 digits and 22 decimals; otherwise
/// writes nothing and returns `false`.
fn push_short(out: &mut String, x: f64) -> bool {
    const DIGITS_15: u64 = 1_000_000_000_000_000;
    // Below 2^53 every whole f64 is exact as an i64; -0.0 is left to `Display` for its sign.
    if x.abs() < 9_007_199_254_740_992.0 {
        let i = x as i64;
        if i as f64 == x && !(i == 0 && x.is_sign_negative()) {
            out.push_str(itoa::Buffer::new().format(i));
            return true;
        }
    }
    // With d decimals the only candidate is m, the integer nearest |x|·10^d: `m / 10^d` is
    // correctly rounded like parsing, so it equals |x| exactly when m's digits read back as
    // x. The first such d gives the shortest form, which is `Display`'s because below 10^15
    // it is unique: decimals 10^-d apart cannot both round to x, whose rounding interval is
    // narrower than 2^-52·|x| < 0.23·10^-d. For the same reason |x|·10^d as computed is
    // within 0.23 of m, so rounding it finds m. 10^d is exact up to d = 22.
    let a = x.abs();
    let mut scale = 1.0;
    for decimals in 1..=22 {
        scale *= 10.0;
        let m = (a * scale + 0.5) as u64;
        if m >= DIGITS_15 {
            return false;
        }
        if m != 0 && m as f64 / scale == a {
            if x < 0.0 {
                out.push('-');
            }
            let mut buf = itoa::Buffer::new();
            let digits = buf.format(m);
            // No trailing zeros: with one, d - 1 decimals would have read back already.
            match digits.len().checked_sub(decimals) {
                Some(whole) if whole > 0 => {
                    out.push_str(&digits[..whole]);
                    out.push('.');
                    out.push_str(&digits[whole..]);
                }
                _ => {
                    out.push_str("0.");
                    out.extend(repeat_n('0', decimals - digits.len()));
                    out.push_str(digits);
                }
            }
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(x: f64) {
        let mut s = String::from("x");
        push_num(&mut s, x);
        assert_eq!(&s[1..], format!("{x}"), "bits {:#018x}", x.to_bits());
    }

    #[test]
    fn edge_cases_match_display() {
        let two53 = 9_007_199_254_740_992.0_f64;
        for x in [
            0.0,
            -0.0,
            1.0,
            -1.0,
            1e-7,
            -1e-7,
            1.5e-7,
            1e-5,
            0.001234,
            1e-22,
            1.5e-22,
            1e-23,
            123456789012345680000.0,
            123456789012345.6,
            999999999999999.9,
            0.999999999999999,
            0.9999999999999999,
            1e15,
            1e16,
            1e21,
            1e22,
            1e23,
            1e300,
            -1e300,
            5e-324,
            -5e-324,
            f64::MIN_POSITIVE,
            f64::MAX,
            f64::MIN,
            f64::EPSILON,
            0.1 + 0.2,
            // 138964175296848.125, halfway between two shortest forms.
            f64::from_bits(0x42df_98c7_9386_5408),
            0.1,
            -0.5,
            -123.456,
            1.0 / 3.0,
            -2.0 / 3.0,
            two53,
            two53 - 1.0,
            two53 + 2.0,
            -two53,
            -(two53 - 1.0),
            i64::MAX as f64,
            i64::MIN as f64,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
        ] {
            check(x);
        }
        for i in -2000..2000 {
            check(f64::from(i) * 1.25);
            check(f64::from(i) / 8.0);
            check(f64::from(i) * 0.1);
            check(f64::from(i) * 0.001);
            check(1e6 + f64::from(i));
        }
        for e in -324..=308 {
            check(10f64.powi(e));
            check(1.5 * 10f64.powi(e));
            check(-9.87654321 * 10f64.powi(e));
        }
    }

    #[test]
    fn random_numbers_match_display() {
        let mut state = 0x9E37_79B9_7F4A_7C15_u64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let mut checked = 0;
        while checked < 300_000 {
            let bits = next();
            let x = f64::from_bits(bits);
            if x.is_finite() {
                check(x);
                checked += 1;
            }
            // Uniform bits are mostly astronomically large or small; data is not.
            let exponent = (1023 - 30 + bits % 90) << 52;
            check(f64::from_bits(bits & 0x800F_FFFF_FFFF_FFFF | exponent));
            // Up to 17 digits with up to 30 decimals, around the 15 digits and 22 decimals
            // written without `Display`.
            let digits = 10u64.pow((bits >> 58) as u32 % 18);
            let short: f64 = format!("{}e{}", (bits >> 4) % digits, (bits % 61) as i64 - 30)
                .parse()
                .unwrap_or_default();
            check(short);
            check(-short);
            // Short binary fractions, whose exact value can be a tie between two shortest forms.
            check((bits >> 10) as f64 / (1u64 << (bits % 12)) as f64);
        }
    }
}
