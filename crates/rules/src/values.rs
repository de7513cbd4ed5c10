//! Small readers over a dataset's columns that every rule needs.

use crate::rule::Input;
use model::Value;

/// `(row, value)` for each record of a variable, or nothing when the variable is absent.
pub fn column<'a>(input: &'a Input, var: &str) -> impl Iterator<Item = (usize, &'a Value)> + 'a {
    let idx = input.dataset.meta.index_of(var);
    input
        .dataset
        .rows
        .iter()
        .enumerate()
        .filter_map(move |(r, row)| Some((r, row.get(idx?)?)))
}

/// The value as text for messages; numbers print shortest, missing prints empty.
pub fn show(v: &Value) -> String {
    match v {
        Value::Missing(model::Missing::Dot) => String::new(),
        other => other.to_string(),
    }
}

/// The trimmed text of a character value, `None` when null.
pub fn text(v: &Value) -> Option<&str> {
    match v {
        Value::Char(s) if !s.trim().is_empty() => Some(s.trim()),
        _ => None,
    }
}

/// A value of another variable in the same record.
pub fn get<'a>(input: &'a Input, row: usize, var: &str) -> Option<&'a Value> {
    input.dataset.get(row, var)
}

/// A value as a matching key: trimmed text, or the shortest form of a number at the precision
/// numbers are compared ([`model::comparable`]), so that `AESEQ = 3` and `IDVARVAL = "3"`
/// meet, and so do VISITNUM `1.3000000000000003` and TV's `1.3`. `None` when null.
pub fn key(v: &Value) -> Option<String> {
    match v {
        Value::Num(n) if n.is_finite() => Some(model::comparable_text(*n)),
        Value::Char(s) => text_key(s),
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
pub fn number(v: &Value) -> Option<f64> {
    match v {
        Value::Num(n) if n.is_finite() => Some(model::comparable(*n)),
        Value::Char(s) => s
            .trim()
            .parse::<f64>()
            .ok()
            .filter(|n| n.is_finite())
            .map(model::comparable),
        _ => None,
    }
}

/// [`key`] without allocating for text, for per-record hashing in large datasets.
pub fn key_ref(v: &Value) -> Option<std::borrow::Cow<'_, str>> {
    match v {
        Value::Char(s) if !s.trim().is_empty() => match s.trim().parse::<f64>() {
            Ok(n) if n.is_finite() => Some(model::comparable_text(n).into()),
            _ => Some(s.trim().into()),
        },
        other => key(other).map(Into::into),
    }
}
