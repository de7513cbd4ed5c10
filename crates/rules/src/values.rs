//! Small readers over a dataset's columns that every rule needs.

use crate::rule::Input;
use model::ValueRef;

/// `(row, value)` for each record of a variable, or nothing when the variable is absent.
pub fn column<'a>(input: &'a Input, var: &str) -> impl Iterator<Item = (usize, ValueRef<'a>)> + 'a {
    input
        .dataset
        .column_named(var)
        .map(|c| c.iter())
        .into_iter()
        .flatten()
        .enumerate()
}

/// The value as text for messages; numbers print shortest, missing prints empty.
pub fn show<'a>(v: impl Into<ValueRef<'a>>) -> String {
    match v.into() {
        ValueRef::Missing(model::Missing::Dot) => String::new(),
        other => other.to_string(),
    }
}

/// The trimmed text of a character value, `None` when null.
pub fn text<'a>(v: impl Into<ValueRef<'a>>) -> Option<&'a str> {
    match v.into() {
        ValueRef::Char(s) => Some(trim(s)).filter(|t| !t.is_empty()),
        _ => None,
    }
}

/// [`str::trim`], settled on the first and last bytes when both are printable ASCII (as they
/// almost always are): for per-record work over large datasets.
pub fn trim(s: &str) -> &str {
    match s.as_bytes() {
        [one] if one.is_ascii_graphic() => s,
        [first, .., last] if first.is_ascii_graphic() && last.is_ascii_graphic() => s,
        _ => s.trim(),
    }
}

/// A value of another variable in the same record.
pub fn get<'a>(input: &'a Input, row: usize, var: &str) -> Option<ValueRef<'a>> {
    input.dataset.get(row, var)
}

/// A value as a matching key: trimmed text, or the shortest form of a number at the precision
/// numbers are compared ([`model::comparable`]), so that `AESEQ = 3` and `IDVARVAL = "3"`
/// meet, and so do VISITNUM `1.3000000000000003` and TV's `1.3`. `None` when null.
pub fn key<'a>(v: impl Into<ValueRef<'a>>) -> Option<String> {
    match v.into() {
        ValueRef::Num(n) if n.is_finite() => Some(model::comparable_text(n)),
        ValueRef::Char(s) => text_key(s),
        _ => None,
    }
}

/// [`key`] for text that may hold a number (`"3"`, `"3.0"`, `" 3"` all become `3`).
pub fn text_key(s: &str) -> Option<String> {
    let t = s.trim();
    if t.is_empty() {
        return None;
    }
    match t.parse::<f64>() {
        Ok(n) if n.is_finite() => Some(model::comparable_text(n)),
        _ => Some(t.to_owned()),
    }
}

/// The number a value holds: a numeric value, or character text that reads as one.
pub fn number<'a>(v: impl Into<ValueRef<'a>>) -> Option<f64> {
    match v.into() {
        ValueRef::Num(n) if n.is_finite() => Some(model::comparable(n)),
        ValueRef::Char(s) => s
            .trim()
            .parse::<f64>()
            .ok()
            .filter(|n| n.is_finite())
            .map(model::comparable),
        _ => None,
    }
}

/// [`key`] without allocating for text, for per-record hashing in large datasets.
pub fn key_ref<'a>(v: impl Into<ValueRef<'a>>) -> Option<std::borrow::Cow<'a, str>> {
    match v.into() {
        ValueRef::Char(s) if !s.trim().is_empty() => match s.trim().parse::<f64>() {
            Ok(n) if n.is_finite() => Some(model::comparable_text(n).into()),
            _ => Some(s.trim().into()),
        },
        other => key(other).map(Into::into),
    }
}

/// [`str::trim_end`], settled on the last byte when that is printable ASCII (as it almost
/// always is): for per-record work over large datasets.
pub fn trim_end(s: &str) -> &str {
    match s.as_bytes().last() {
        Some(b) if b.is_ascii_graphic() => s,
        _ => s.trim_end(),
    }
}

/// A value exactly as stored, as a hash key: numbers by their bits. Counting a column's
/// distinct stored values and normalizing each once (by [`key`], say) costs one hash per
/// record, where normalizing every record costs a parse and often an allocation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Raw<'a> {
    Num(u64),
    Char(&'a str),
    Missing(model::Missing),
}

impl<'a> From<ValueRef<'a>> for Raw<'a> {
    fn from(v: ValueRef<'a>) -> Raw<'a> {
        match v {
            ValueRef::Num(n) => Raw::Num(n.to_bits()),
            ValueRef::Char(s) => Raw::Char(s),
            ValueRef::Missing(m) => Raw::Missing(m),
        }
    }
}

impl<'a> From<Raw<'a>> for ValueRef<'a> {
    fn from(v: Raw<'a>) -> ValueRef<'a> {
        match v {
            Raw::Num(bits) => ValueRef::Num(f64::from_bits(bits)),
            Raw::Char(s) => ValueRef::Char(s),
            Raw::Missing(m) => ValueRef::Missing(m),
        }
    }
}
