//! Ordering: `target_is_sorted_by` / `target_is_not_sorted_by`. Within each `within` group,
//! ordering the rows by the `value` sort keys (`name`, `sort_order` asc/desc, `null_position`
//! first/last) must put the target in ascending order; ties and gaps in the target are allowed
//! (1, 2, 2, 4). Rows out of place are not sorted, and so are rows whose dates overlap at
//! different precisions (`2005-10` and `2005-10-08`), whose order cannot be inferred.

use super::datetime;
use super::grouping::compare;
use super::target;
use crate::error::EvalError;
use crate::frame::{Cell, Frame};
use crate::plan::Leaf;
use std::cmp::Ordering;
use std::collections::BTreeMap;

pub const OPERATORS: &[&str] = &["target_is_sorted_by", "target_is_not_sorted_by"];

pub fn eval(leaf: &Leaf, frame: &Frame) -> Result<Vec<bool>, EvalError> {
    let t = target(leaf, frame)?;
    sorted_by(leaf, frame, t)
}

fn sorted_by(leaf: &Leaf, frame: &Frame, t: &[Cell]) -> Result<Vec<bool>, EvalError> {
    let within: Vec<String> = match &leaf.within {
        Some(serde_json::Value::Array(a)) => a
            .iter()
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect(),
        Some(serde_json::Value::String(s)) => vec![s.clone()],
        _ => Vec::new(),
    };
    let keys: Vec<(&[Cell], bool, bool)> = leaf
        .value
        .as_ref()
        .and_then(|v| v.as_array())
        .map(|a| a.as_slice())
        .unwrap_or_default()
        .iter()
        .map(|k| {
            let name = k["name"].as_str().unwrap_or_default();
            let col = frame
                .column(name)
                .ok_or_else(|| EvalError::MissingColumn(frame.resolve(name)))?;
            Ok((
                col,
                k["sort_order"].as_str() == Some("desc"),
                k["null_position"].as_str() == Some("first"),
            ))
        })
        .collect::<Result<_, EvalError>>()?;
    let groups_cols: Vec<&[Cell]> = within
        .iter()
        .map(|w| {
            frame
                .column(w)
                .ok_or_else(|| EvalError::MissingColumn(frame.resolve(w)))
        })
        .collect::<Result<_, _>>()?;
    let mut by_group: BTreeMap<Vec<String>, Vec<usize>> = BTreeMap::new();
    for r in 0..frame.len() {
        by_group
            .entry(groups_cols.iter().map(|g| g[r].report()).collect())
            .or_default()
            .push(r);
    }
    let mut sorted_ok = vec![true; frame.len()];
    for rows in by_group.values_mut() {
        rows.sort_by(|&a, &b| {
            keys.iter()
                .map(|(col, desc, nulls_first)| {
                    let o = match (col[a].is_empty(), col[b].is_empty()) {
                        (true, false) if *nulls_first => Ordering::Less,
                        (false, true) if *nulls_first => Ordering::Greater,
                        _ => compare_sortable(&col[a], &col[b]),
                    };
                    if *desc { o.reverse() } else { o }
                })
                .find(|o| *o != Ordering::Equal)
                .unwrap_or(Ordering::Equal)
        });
        let mut expected: Vec<&Cell> = rows.iter().map(|&r| &t[r]).collect();
        expected.sort_by(|a, b| compare(a, b));
        for (&r, want) in rows.iter().zip(expected) {
            if compare(&t[r], want) != Ordering::Equal {
                sorted_ok[r] = false;
            }
        }
        for (col, ..) in &keys {
            for (i, &a) in rows.iter().enumerate() {
                for &b in &rows[i + 1..] {
                    if overlap(&col[a], &col[b]) {
                        sorted_ok[a] = false;
                        sorted_ok[b] = false;
                    }
                }
            }
        }
    }
    let negate = leaf.operator == "target_is_not_sorted_by";
    Ok(sorted_ok.into_iter().map(|ok| ok != negate).collect())
}

/// Dates sort as instants (partial dates at their start), other values as `compare` does.
fn compare_sortable(a: &Cell, b: &Cell) -> Ordering {
    let date = |c: &Cell| c.as_str().and_then(datetime::sort_key);
    match (date(a), date(b)) {
        (Some(x), Some(y)) => x.cmp(&y),
        _ => compare(a, b),
    }
}

/// Two dates of different precision where the coarser contains the finer.
fn overlap(a: &Cell, b: &Cell) -> bool {
    let (Some(x), Some(y)) = (a.as_str(), b.as_str()) else {
        return false;
    };
    let (Some(px), Some(py)) = (datetime::parts(x), datetime::parts(y)) else {
        return false;
    };
    let (nx, ny) = (datetime::precision(x), datetime::precision(y));
    nx != ny && datetime::truncate(px, nx.min(ny)) == datetime::truncate(py, nx.min(ny))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ops::testing::{frame, leaf, s};
    use serde_json::json;

    #[test]
    fn sequence_follows_dates() {
        let f = frame(
            "SE",
            &[
                ("USUBJID", vec![s("1"), s("1"), s("1"), s("2"), s("2")]),
                (
                    "SESEQ",
                    vec![
                        Cell::Num(1.0),
                        Cell::Num(3.0),
                        Cell::Num(2.0),
                        Cell::Num(1.0),
                        Cell::Num(2.0),
                    ],
                ),
                (
                    "SESTDTC",
                    vec![
                        s("2020-01-01"),
                        s("2020-01-02"),
                        s("2020-01-03"),
                        s("2020-02"),
                        s("2020-02-05"),
                    ],
                ),
            ],
        );
        let mut l = leaf(
            "SESEQ",
            "target_is_not_sorted_by",
            Some(json!([{"name": "SESTDTC", "sort_order": "asc"}])),
        );
        l.within = Some(json!("USUBJID"));
        // Subject 1: 3 before 2; subject 2: overlapping precisions.
        assert_eq!(eval(&l, &f), Ok(vec![false, true, true, true, true]));
        let f2 = frame(
            "SE",
            &[
                ("USUBJID", vec![s("1"), s("1")]),
                ("SESEQ", vec![Cell::Num(1.0), Cell::Num(2.0)]),
                ("SESTDTC", vec![s("2020-01-01"), s("2020-01-02")]),
            ],
        );
        assert_eq!(eval(&l, &f2), Ok(vec![false, false]));
    }
}
