//! Row-to-row checks within groups: `present_on_multiple_rows_within` /
//! `not_present_on_multiple_rows_within` (a value occurs more than `value` times, default 1,
//! within a `within` group), `empty_within_except_last_row` /
//! `non_empty_within_except_last_row` (within groups of `value`, ordered by `ordering`, every
//! row but the last is empty), and `has_next_corresponding_record` /
//! `does_not_have_next_corresponding_record` (the target equals the comparator of the next row
//! of the group, ordered by `ordering`).
//!
//! CORE semantics kept on purpose: rows with a null key drop out of the multiple-rows result,
//! which is then aligned with the rows by position; the last row of a group is never "empty
//! except last"; and the next-record check's results come out in group order and are assigned
//! to rows by position (pandas `explode().tolist()`), which equals row order only when the
//! data is sorted by group.

use super::target;
use crate::error::EvalError;
use crate::frame::{Cell, Frame};
use crate::plan::Leaf;
use std::cmp::Ordering;
use std::collections::BTreeMap;

pub const OPERATORS: &[&str] = &[
    "present_on_multiple_rows_within",
    "not_present_on_multiple_rows_within",
    "empty_within_except_last_row",
    "non_empty_within_except_last_row",
    "has_next_corresponding_record",
    "does_not_have_next_corresponding_record",
];

pub fn eval(leaf: &Leaf, frame: &Frame) -> Result<Vec<bool>, EvalError> {
    let t = target(leaf, frame)?;
    let col = |name: &str| {
        frame
            .column(name)
            .ok_or_else(|| EvalError::MissingColumn(frame.resolve(name)))
    };
    let value_name = leaf
        .value
        .as_ref()
        .and_then(|v| v.as_str())
        .unwrap_or_default();
    let within = leaf
        .within
        .as_ref()
        .and_then(|v| v.as_str())
        .unwrap_or_default();
    let op = leaf.operator.as_str();
    match op {
        "present_on_multiple_rows_within" | "not_present_on_multiple_rows_within" => {
            let g = col(within)?;
            let min = leaf.value.as_ref().and_then(|v| v.as_u64()).unwrap_or(1) as usize;
            let mut counts: BTreeMap<(String, String), usize> = BTreeMap::new();
            for r in 0..frame.len() {
                if !g[r].is_empty() && !t[r].is_empty() {
                    *counts.entry((g[r].report(), t[r].report())).or_default() += 1;
                }
            }
            let negate = op.starts_with("not_");
            // CORE merges the group counts back with an inner join, which drops rows with a
            // null key; the shorter result then lines up with the first rows by position and
            // the remaining rows are false.
            let mut out: Vec<bool> = (0..frame.len())
                .filter(|&r| !g[r].is_empty() && !t[r].is_empty())
                .map(|r| {
                    let n = counts
                        .get(&(g[r].report(), t[r].report()))
                        .copied()
                        .unwrap_or(0);
                    (n > min) != negate
                })
                .collect();
            out.resize(frame.len(), false);
            Ok(out)
        }
        "empty_within_except_last_row" | "non_empty_within_except_last_row" => {
            let g = col(value_name)?;
            let order = leaf.ordering.as_deref().map(col).transpose()?;
            let mut out = vec![false; frame.len()];
            for rows in groups(g, order, frame.len()).values() {
                for &r in rows.iter().take(rows.len().saturating_sub(1)) {
                    out[r] = t[r].is_empty() != (op == "non_empty_within_except_last_row");
                }
            }
            Ok(out)
        }
        _ => {
            let c = col(value_name)?;
            let g = col(within)?;
            let order = leaf.ordering.as_deref().map(col).transpose()?;
            let mut results = Vec::with_capacity(frame.len());
            for rows in groups(g, order, frame.len()).values() {
                for (i, &r) in rows.iter().enumerate() {
                    results.push(rows.get(i + 1).is_none_or(|&next| t[r].py_eq(&c[next])));
                }
            }
            results.resize(frame.len(), true);
            let negate = op.starts_with("does_not");
            Ok(results.into_iter().map(|b| b != negate).collect())
        }
    }
}

/// Rows by group key (sorted as pandas groups), each ordered by `order` (stable).
fn groups(g: &[Cell], order: Option<&[Cell]>, n: usize) -> BTreeMap<String, Vec<usize>> {
    let mut out: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for r in (0..n).filter(|&r| !g[r].is_empty()) {
        out.entry(g[r].report()).or_default().push(r);
    }
    if let Some(o) = order {
        for rows in out.values_mut() {
            rows.sort_by(|&a, &b| compare(&o[a], &o[b]));
        }
    }
    out
}

/// pandas `sort_values`: numbers numerically, text lexically, nulls last.
pub(crate) fn compare(a: &Cell, b: &Cell) -> Ordering {
    match (a.is_empty(), b.is_empty()) {
        (true, true) => Ordering::Equal,
        (true, false) => Ordering::Greater,
        (false, true) => Ordering::Less,
        _ => match (a.to_number(), b.to_number(), a, b) {
            (_, _, Cell::Str(x), Cell::Str(y)) => x.cmp(y),
            (Some(x), Some(y), ..) => x.partial_cmp(&y).unwrap_or(Ordering::Equal),
            _ => a.report().cmp(&b.report()),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ops::testing::{frame, leaf, s};
    use serde_json::json;

    #[test]
    fn multiple_rows_and_last_rows() {
        let f = frame(
            "SE",
            &[
                ("USUBJID", vec![s("1"), s("1"), s("2")]),
                (
                    "SESTDTC",
                    vec![s("2020-01-01"), s("2020-02-01"), s("2020-01-01")],
                ),
                ("SEENDTC", vec![s(""), s(""), s("")]),
                ("RELID", vec![s("A"), s("A"), s("B")]),
            ],
        );
        let mut l = leaf("RELID", "present_on_multiple_rows_within", None);
        l.within = Some(json!("USUBJID"));
        assert_eq!(eval(&l, &f), Ok(vec![true, true, false]));
        let mut l = leaf(
            "SEENDTC",
            "empty_within_except_last_row",
            Some(json!("USUBJID")),
        );
        l.ordering = Some("SESTDTC".into());
        assert_eq!(eval(&l, &f), Ok(vec![true, false, false]));
    }

    #[test]
    fn next_record_corresponds() {
        let f = frame(
            "SE",
            &[
                ("USUBJID", vec![s("1"), s("1")]),
                ("SESEQ", vec![Cell::Num(1.0), Cell::Num(2.0)]),
                ("SESTDTC", vec![s("2020-01-01"), s("2020-01-05")]),
                ("SEENDTC", vec![s("2020-01-04"), s("2020-02-01")]),
            ],
        );
        let mut l = leaf(
            "SEENDTC",
            "does_not_have_next_corresponding_record",
            Some(json!("SESTDTC")),
        );
        l.within = Some(json!("USUBJID"));
        l.ordering = Some("SESEQ".into());
        assert_eq!(eval(&l, &f), Ok(vec![true, false]));
    }
}
