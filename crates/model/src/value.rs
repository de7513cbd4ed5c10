//! Cell values as SAS and CDISC understand them.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A SAS missing value. `.` is the ordinary missing; `._` and `.A`–`.Z` are the special
/// missings that XPT can carry and that analysis datasets use to say *why* a value is absent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Missing {
    /// `.` (numeric) or an absent character value; `null` in Dataset-JSON.
    Dot,
    /// `._`
    Underscore,
    /// `.A` to `.Z`; the byte is always an ASCII uppercase letter.
    Letter(u8),
}

impl Missing {
    /// Parses `.`, `._`, `.A`…`.Z` (case-insensitive letter).
    pub fn parse(s: &str) -> Option<Missing> {
        match s.as_bytes() {
            [b'.'] => Some(Missing::Dot),
            [b'.', b'_'] => Some(Missing::Underscore),
            [b'.', c] if c.is_ascii_alphabetic() => Some(Missing::Letter(c.to_ascii_uppercase())),
            _ => None,
        }
    }

    /// A special missing letter, or `None` when `c` is not A–Z.
    pub fn letter(c: char) -> Option<Missing> {
        c.is_ascii_alphabetic()
            .then(|| Missing::Letter(c.to_ascii_uppercase() as u8))
    }
}

impl fmt::Display for Missing {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Missing::Dot => f.write_str("."),
            Missing::Underscore => f.write_str("._"),
            Missing::Letter(c) => write!(f, ".{}", *c as char),
        }
    }
}

/// One value of one variable in one record.
///
/// Character values keep the empty string distinct from missing because Dataset-JSON does
/// (`""` vs `null`); XPT cannot, and its writer says so.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Value {
    Num(f64),
    Char(String),
    #[serde(with = "missing_serde")]
    Missing(Missing),
}

impl Value {
    pub const NULL: Value = Value::Missing(Missing::Dot);

    pub fn char(s: impl Into<String>) -> Value {
        Value::Char(s.into())
    }

    // An owned value answers as its borrowed view does: one definition of each.
    pub fn is_missing(&self) -> bool {
        self.view().is_missing()
    }

    /// Missing, or a character value that is empty after trimming: what SDTM calls "null".
    pub fn is_null(&self) -> bool {
        self.view().is_null()
    }

    pub fn as_str(&self) -> Option<&str> {
        self.view().as_str()
    }

    pub fn as_f64(&self) -> Option<f64> {
        self.view().as_f64()
    }
}

/// A value borrowed from wherever it is stored (an Arrow column, a row of [`Value`]s): what
/// readers of a dataset see without copying text out of it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ValueRef<'a> {
    Num(f64),
    Char(&'a str),
    Missing(Missing),
}

impl<'a> ValueRef<'a> {
    pub const NULL: ValueRef<'static> = ValueRef::Missing(Missing::Dot);

    pub fn is_missing(&self) -> bool {
        matches!(self, ValueRef::Missing(_))
    }

    /// Missing, or a character value that is empty after trimming: what SDTM calls "null".
    pub fn is_null(&self) -> bool {
        match self {
            ValueRef::Missing(_) => true,
            ValueRef::Char(s) => s.trim().is_empty(),
            ValueRef::Num(_) => false,
        }
    }

    pub fn as_str(&self) -> Option<&'a str> {
        match self {
            ValueRef::Char(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_f64(&self) -> Option<f64> {
        match self {
            ValueRef::Num(n) => Some(*n),
            _ => None,
        }
    }

    pub fn to_value(self) -> Value {
        match self {
            ValueRef::Num(n) => Value::Num(n),
            ValueRef::Char(s) => Value::Char(s.to_owned()),
            ValueRef::Missing(m) => Value::Missing(m),
        }
    }
}

impl Value {
    pub fn view(&self) -> ValueRef<'_> {
        match self {
            Value::Num(n) => ValueRef::Num(*n),
            Value::Char(s) => ValueRef::Char(s),
            Value::Missing(m) => ValueRef::Missing(*m),
        }
    }
}

impl<'a> From<&'a Value> for ValueRef<'a> {
    fn from(v: &'a Value) -> ValueRef<'a> {
        v.view()
    }
}

impl<'a> From<&ValueRef<'a>> for ValueRef<'a> {
    fn from(v: &ValueRef<'a>) -> ValueRef<'a> {
        *v
    }
}

impl PartialEq<Value> for ValueRef<'_> {
    fn eq(&self, other: &Value) -> bool {
        *self == other.view()
    }
}

impl fmt::Display for ValueRef<'_> {
    /// As [`Value`]'s: numbers in the shortest form that reads back to the same double.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ValueRef::Num(n) => write!(f, "{n}"),
            ValueRef::Char(s) => f.write_str(s),
            ValueRef::Missing(m) => write!(f, "{m}"),
        }
    }
}

/// Significant digits at which two numbers are the same value when compared.
pub const COMPARE_DIGITS: usize = 15;

/// A number as comparisons see it: rounded to [`COMPARE_DIGITS`] significant digits, so the
/// `1.3000000000000003` that arithmetic (`0.1 + 0.2` is `0.30000000000000004`) leaves in a dataset is the `1.3` SAS shows and a
/// define.xml or trial design lists. A double holds 15 decimal digits reliably; what lies
/// beyond is arithmetic noise, not data.
pub fn comparable(n: f64) -> f64 {
    // A whole number below 10^15 has at most 15 digits: already what rounding would give.
    if !n.is_finite() || (n.fract() == 0.0 && n.abs() < 1e15) {
        return n;
    }
    // So does any number whose shortest form has at most 15 significant digits (most data:
    // `1.3`, `0.15`). Only the rest take the exact printer, which on 1,000,000-row columns
    // was the largest single cost of comparing and keying numbers.
    let shortest = format!("{n:e}");
    let mantissa = shortest.split('e').next().unwrap_or_default();
    if mantissa.bytes().filter(u8::is_ascii_digit).count() <= COMPARE_DIGITS {
        return n;
    }
    format!("{n:.*e}", COMPARE_DIGITS - 1).parse().unwrap_or(n)
}

/// [`comparable`] in its shortest text (`1.3`), for keys and joins that match on text.
pub fn comparable_text(n: f64) -> String {
    comparable(n).to_string()
}

impl fmt::Display for Value {
    /// Numbers print in the shortest form that reads back to the same double.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.view().fmt(f)
    }
}

impl From<f64> for Value {
    fn from(n: f64) -> Value {
        Value::Num(n)
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Value {
        Value::Char(s.to_owned())
    }
}

impl From<String> for Value {
    fn from(s: String) -> Value {
        Value::Char(s)
    }
}

mod missing_serde {
    use super::Missing;
    use serde::{Deserialize, Deserializer, Serializer};

    /// `.` becomes JSON null; special missings keep their SAS spelling.
    pub fn serialize<S: Serializer>(m: &Missing, s: S) -> Result<S::Ok, S::Error> {
        match m {
            Missing::Dot => s.serialize_none(),
            other => s.serialize_str(&other.to_string()),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Missing, D::Error> {
        let o: Option<String> = Option::deserialize(d)?;
        match o {
            None => Ok(Missing::Dot),
            Some(s) => Missing::parse(&s)
                .ok_or_else(|| serde::de::Error::custom(format!("not a SAS missing value: {s}"))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_special_missing() {
        assert_eq!(Missing::parse("."), Some(Missing::Dot));
        assert_eq!(Missing::parse("._"), Some(Missing::Underscore));
        assert_eq!(Missing::parse(".a"), Some(Missing::Letter(b'A')));
        assert_eq!(Missing::parse(".Z"), Some(Missing::Letter(b'Z')));
        assert_eq!(Missing::parse(".1"), None);
        assert_eq!(Missing::parse("A"), None);
        assert_eq!(Missing::Letter(b'Q').to_string(), ".Q");
    }

    #[test]
    fn null_covers_blank_text_but_not_zero() {
        assert!(Value::char("  ").is_null());
        assert!(Value::NULL.is_null());
        assert!(!Value::Num(0.0).is_null());
        assert!(!Value::char("").is_missing());
    }

    #[test]
    fn a_borrowed_value_says_what_the_owned_one_says() {
        let vals = [
            Value::NULL,
            Value::char(" "),
            Value::char("x"),
            Value::Num(0.1 + 0.2),
            Value::Missing(Missing::Letter(b'C')),
        ];
        for v in &vals {
            let r = v.view();
            assert_eq!(r.to_string(), v.to_string());
            assert_eq!((r.is_null(), r.is_missing()), (v.is_null(), v.is_missing()));
            assert_eq!((r.as_str(), r.as_f64()), (v.as_str(), v.as_f64()));
            assert_eq!(r.to_value(), *v);
            assert_eq!(r, *v);
        }
    }

    #[test]
    fn json_keeps_null_and_empty_apart() {
        let vals = vec![
            Value::NULL,
            Value::char(""),
            Value::Num(1.5),
            Value::Missing(Missing::Letter(b'B')),
        ];
        let json = serde_json::to_string(&vals).unwrap();
        assert_eq!(json, r#"[null,"",1.5,".B"]"#);
        let back: Vec<Value> = serde_json::from_str(&json).unwrap();
        // ".B" reads back as text: JSON alone cannot tell a special missing from a string.
        assert_eq!(back[0], Value::NULL);
        assert_eq!(back[1], Value::char(""));
        assert_eq!(back[2], Value::Num(1.5));
    }
}

#[cfg(test)]
mod compare_tests {
    use super::{comparable, comparable_text};

    #[test]
    fn arithmetic_noise_is_not_a_different_value() {
        let noisy = 0.1 + 0.2;
        assert_ne!(noisy, 0.3);
        assert_eq!(comparable(noisy), 0.3);
        assert_eq!(comparable_text(1.300_000_000_000_000_3), "1.3");
        assert_eq!(comparable_text(9.2), "9.2");
    }

    #[test]
    fn real_differences_stay() {
        assert_ne!(comparable(1.3), comparable(1.30000001));
        assert_ne!(comparable(1e-20), comparable(2e-20));
        assert_eq!(comparable_text(123_456_789_012.0), "123456789012");
        assert_eq!(comparable(0.0), 0.0);
        assert!(comparable(f64::NAN).is_nan());
    }

    #[test]
    fn whole_numbers_skip_the_rounding_and_get_what_it_would_give() {
        let rounded = |n: f64| {
            format!("{n:.*e}", super::COMPARE_DIGITS - 1)
                .parse::<f64>()
                .unwrap()
        };
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut whole = vec![
            0.0,
            -0.0,
            1.0,
            -7.0,
            999_999_999_999_999.0,
            -999_999_999_999_999.0,
        ];
        for _ in 0..100_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            whole.push((x % 1_000_000_000_000_000) as f64 * if x & 1 == 0 { 1.0 } else { -1.0 });
        }
        for n in whole {
            assert_eq!(comparable(n).to_bits(), rounded(n).to_bits(), "{n}");
        }
        // At 10^15 and above a whole number can have 16 digits, and rounding applies.
        assert_eq!(comparable(1_234_567_890_123_456.0), 1_234_567_890_123_460.0);
    }

    #[test]
    fn short_numbers_skip_the_rounding_and_get_what_it_would_give() {
        let rounded = |n: f64| {
            format!("{n:.*e}", super::COMPARE_DIGITS - 1)
                .parse::<f64>()
                .unwrap()
        };
        let mut x: u64 = 0x2545_F491_4F6C_DD1D;
        let mut some = vec![
            0.1 + 0.2,
            1.0 / 3.0,
            0.15,
            1e-7,
            123.456,
            2.0f64.sqrt() * 1e300,
            5e-324,
            f64::MAX,
            1.234_567_890_123_45,
            1.234_567_890_123_456,
        ];
        for _ in 0..100_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            // Any bit pattern (a finite one), and decimals of 1 to 17 digits.
            let any = f64::from_bits(x);
            if any.is_finite() {
                some.push(any);
            }
            let digits = (x % 17 + 1) as i32;
            some.push((x % 10u64.pow(digits as u32)) as f64 / 10f64.powi((x >> 40) as i32 % 20));
        }
        for n in some {
            assert_eq!(comparable(n).to_bits(), rounded(n).to_bits(), "{n:e}");
        }
    }
}
