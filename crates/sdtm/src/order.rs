//! The one order of values in the datasets this crate builds: nulls first, numbers by value,
//! text as written (ISO 8601 dates and date/times sort in time order). A number meets text
//! as the text it prints as.
//!
//! Sorting records computes each record's keys once: comparing `Value`s directly would trim
//! and print both sides at every comparison, which for a 200,000-record LB was most of the
//! mapping's time.

use crate::mapping::columns::Interned;
use model::Value;
use std::borrow::Cow;
use std::cmp::Ordering;

/// A value as it sorts.
#[derive(Debug, Clone, PartialEq)]
enum Key<'a> {
    Null,
    Num(f64),
    Text(&'a str),
}

impl<'a> Key<'a> {
    fn of(v: &'a Value) -> Key<'a> {
        match v {
            _ if v.is_null() => Key::Null,
            Value::Num(n) => Key::Num(*n),
            Value::Char(s) => Key::Text(s),
            Value::Missing(_) => Key::Null,
        }
    }

    fn text(&self) -> Cow<'a, str> {
        match self {
            Key::Text(s) => Cow::Borrowed(s),
            Key::Num(n) => Cow::Owned(Value::Num(*n).to_string()),
            Key::Null => Cow::Borrowed(""),
        }
    }

    fn cmp(&self, other: &Key<'_>) -> Ordering {
        match (self, other) {
            (Key::Null, Key::Null) => Ordering::Equal,
            (Key::Null, _) => Ordering::Less,
            (_, Key::Null) => Ordering::Greater,
            (Key::Num(x), Key::Num(y)) => x.total_cmp(y),
            (Key::Text(x), Key::Text(y)) => x.cmp(y),
            _ => self.text().cmp(&other.text()),
        }
    }
}

/// How two values sort.
pub(crate) fn compare(a: &Value, b: &Value) -> Ordering {
    Key::of(a).cmp(&Key::of(b))
}

/// The record order of `rows` by the columns `keys`, ties kept in their order: `order[i]` is
/// the row that goes `i`th.
pub(crate) fn by_keys(rows: &[Vec<Value>], keys: &[usize]) -> Vec<usize> {
    let width = keys.len();
    let flat: Vec<Key<'_>> = rows
        .iter()
        .flat_map(|r| {
            keys.iter()
                .map(move |&k| r.get(k).map_or(Key::Null, Key::of))
        })
        .collect();
    let of = |r: usize| &flat[r * width..(r + 1) * width];
    let mut order: Vec<usize> = (0..rows.len()).collect();
    order.sort_by(|&a, &b| {
        of(a)
            .iter()
            .zip(of(b))
            .map(|(x, y)| x.cmp(y))
            .find(|o| *o != Ordering::Equal)
            .unwrap_or(Ordering::Equal)
    });
    order
}

/// The record order of `len` mapped records by the interned columns `keys`, ties kept in
/// their order. Each column's distinct values are sorted once and records compare by rank:
/// a 200,000-record LB has a few thousand distinct keys.
pub(crate) fn by_columns(keys: &[&Interned], len: usize) -> Vec<usize> {
    let ranks: Vec<Vec<u32>> = keys.iter().map(|c| ranks(c.values())).collect();
    let width = keys.len();
    let mut flat = Vec::with_capacity(len * width);
    for r in 0..len {
        flat.extend(
            keys.iter()
                .zip(&ranks)
                .map(|(c, rank)| rank[c.id(r) as usize]),
        );
    }
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by(|&a, &b| flat[a * width..(a + 1) * width].cmp(&flat[b * width..(b + 1) * width]));
    order
}

/// Each value's place in sort order; values that sort equal share it.
fn ranks(values: &[Value]) -> Vec<u32> {
    let mut by: Vec<usize> = (0..values.len()).collect();
    by.sort_by(|&a, &b| compare(&values[a], &values[b]));
    let mut rank = vec![0u32; values.len()];
    let mut at = 0u32;
    for (i, &v) in by.iter().enumerate() {
        if i > 0 && compare(&values[by[i - 1]], &values[v]) != Ordering::Equal {
            at += 1;
        }
        rank[v] = at;
    }
    rank
}

#[cfg(test)]
mod tests {
    use super::{by_columns, by_keys, compare};
    use crate::mapping::columns::Interned;
    use model::Value;
    use std::cmp::Ordering;

    #[test]
    fn nulls_first_numbers_by_value_text_as_written() {
        let c = |s: &str| Value::char(s);
        assert_eq!(compare(&Value::NULL, &c("  ")), Ordering::Equal);
        assert_eq!(compare(&c(" "), &Value::Num(-5.0)), Ordering::Less);
        assert_eq!(compare(&Value::Num(9.0), &Value::Num(10.0)), Ordering::Less);
        assert_eq!(
            compare(&c("9"), &c("10")),
            Ordering::Greater,
            "text as written"
        );
        assert_eq!(
            compare(&c("2020-01-09"), &c("2020-01-10T08:00")),
            Ordering::Less
        );
        assert_eq!(
            compare(&Value::Num(10.0), &c("9")),
            Ordering::Less,
            "10 prints before 9"
        );
    }

    #[test]
    fn records_sort_by_each_key_in_turn_and_ties_keep_their_order() {
        let row =
            |s: &str, n: f64, tag: &str| vec![Value::char(s), Value::Num(n), Value::char(tag)];
        let rows = vec![
            row("B", 1.0, "first B1"),
            row("A", 2.0, "A2"),
            row("B", 1.0, "second B1"),
            vec![Value::NULL, Value::Num(0.0), Value::char("null")],
            row("A", 1.0, "A1"),
        ];
        assert_eq!(by_keys(&rows, &[0, 1]), [3, 4, 1, 0, 2]);
        assert_eq!(by_keys(&rows, &[]), [0, 1, 2, 3, 4]);
        assert_eq!(
            by_keys(&rows, &[7]),
            [0, 1, 2, 3, 4],
            "a column past the row"
        );
    }

    #[test]
    fn interned_columns_sort_as_their_values_do() {
        let rows = vec![
            vec![Value::char("B"), Value::Num(1.0)],
            vec![Value::char("A"), Value::Num(2.0)],
            vec![Value::char("B"), Value::Num(1.0)],
            vec![Value::char("  "), Value::Num(0.0)],
            vec![Value::NULL, Value::Num(0.0)],
            vec![Value::char("A"), Value::Num(-1.0)],
        ];
        let mut cols = [Interned::nulls(0), Interned::nulls(0)];
        for (r, row) in rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                cols[c].push_null();
                cols[c].set(r, v.clone());
            }
        }
        let keys = [&cols[0], &cols[1]];
        assert_eq!(by_columns(&keys, rows.len()), by_keys(&rows, &[0, 1]));
        assert_eq!(by_columns(&keys, rows.len()), [3, 4, 5, 1, 0, 2]);
        assert_eq!(by_columns(&[], 3), [0, 1, 2]);
    }
}
