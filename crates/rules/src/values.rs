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
