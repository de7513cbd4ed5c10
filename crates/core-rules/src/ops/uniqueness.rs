//! Uniqueness across the dataset: `is_unique_set` / `is_not_unique_set` (the combination of
//! target and comparator variables occurs once), `is_unique_relationship` /
//! `is_not_unique_relationship` (target and comparator map one to one), and
//! `is_inconsistent_across_dataset` (within groups, the target takes one value).
//!
//! CORE semantics: unique-set keys ignore listed variables the dataset lacks and treat null as
//! one value; a relationship is violated by a non-null value that maps to two different values
//! or to a value and a null, and every row carrying a violating value is flagged; an
//! inconsistency flags the minority rows, or the whole group when the top counts tie.

use super::target;
use crate::error::EvalError;
use crate::frame::{Cell, Frame, Key};
use crate::plan::Leaf;
use foldhash::fast::FixedState;
use std::collections::{HashMap, HashSet};

type Map<K, V> = HashMap<K, V, FixedState>;
type Set<T> = HashSet<T, FixedState>;

pub const OPERATORS: &[&str] = &[
    "is_unique_set",
    "is_not_unique_set",
    "is_unique_relationship",
    "is_not_unique_relationship",
    "is_inconsistent_across_dataset",
];

pub fn eval(leaf: &Leaf, frame: &Frame) -> Result<Vec<bool>, EvalError> {
    match leaf.operator.as_str() {
        "is_unique_set" | "is_not_unique_set" => unique_set(leaf, frame),
        "is_inconsistent_across_dataset" => inconsistent(leaf, frame),
        _ => relationship(leaf, frame),
    }
}

/// The comparator as a list of variable names.
fn names(leaf: &Leaf) -> Vec<String> {
    match &leaf.value {
        Some(serde_json::Value::String(s)) => vec![s.clone()],
        Some(serde_json::Value::Array(a)) => a
            .iter()
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect(),
        _ => Vec::new(),
    }
}

/// A hashable key for a cell; nulls are one value (CORE fills them with `_NaN_`).
fn key(c: &Cell) -> Key<'_> {
    c.key_ref()
}

fn unique_set(leaf: &Leaf, frame: &Frame) -> Result<Vec<bool>, EvalError> {
    let mut cols: Vec<usize> = std::iter::once(leaf.target.clone())
        .chain(names(leaf))
        .filter_map(|n| frame.index_of(&n))
        .collect();
    cols.sort_unstable();
    cols.dedup();
    if cols.is_empty() {
        return Err(EvalError::MissingColumn(frame.resolve(&leaf.target)));
    }
    let keys: Vec<Vec<Key<'_>>> = (0..frame.len())
        .map(|r| cols.iter().map(|&c| key(&frame.data[c][r])).collect())
        .collect();
    let mut counts: Map<&Vec<Key<'_>>, usize> = Map::default();
    for k in &keys {
        *counts.entry(k).or_default() += 1;
    }
    let want_unique = leaf.operator == "is_unique_set";
    Ok(keys
        .iter()
        .map(|k| (counts.get(k).copied().unwrap_or(0) <= 1) == want_unique)
        .collect())
}

fn relationship(leaf: &Leaf, frame: &Frame) -> Result<Vec<bool>, EvalError> {
    let t = target(leaf, frame)?;
    let comp: Vec<&[Cell]> = names(leaf)
        .iter()
        .map(|n| {
            frame
                .column(n)
                .ok_or_else(|| EvalError::MissingColumn(frame.resolve(n)))
        })
        .collect::<Result<_, _>>()?;
    let null = |c: &Cell| c.is_empty();
    let n = frame.len();
    let c_key = |r: usize| -> Vec<Key<'_>> { comp.iter().map(|c| key(&c[r])).collect() };
    let c_null = |r: usize| comp.iter().any(|c| null(&c[r]));
    // Target value → distinct comparator tuples (None = some part null), and the reverse.
    let mut t_map: Map<Key<'_>, Set<Option<Vec<Key<'_>>>>> = Map::default();
    let mut c_map: Map<Vec<Key<'_>>, Set<Option<Key<'_>>>> = Map::default();
    for r in 0..n {
        if null(&t[r]) && c_null(r) && comp.iter().all(|c| matches!(c[r], Cell::Null)) {
            continue;
        }
        if !null(&t[r]) {
            t_map
                .entry(key(&t[r]))
                .or_default()
                .insert((!c_null(r)).then(|| c_key(r)));
        }
        if !c_null(r) {
            c_map
                .entry(c_key(r))
                .or_default()
                .insert((!null(&t[r])).then(|| key(&t[r])));
        }
    }
    let bad_t: Set<&Key<'_>> = t_map
        .iter()
        .filter(|(_, s)| violates(s))
        .map(|(k, _)| k)
        .collect();
    let bad_c: Set<&Vec<Key<'_>>> = c_map
        .iter()
        .filter(|(_, s)| violates(s))
        .map(|(k, _)| k)
        .collect();
    let flagged: Vec<bool> = (0..n)
        .map(|r| {
            (!null(&t[r]) && bad_t.contains(&key(&t[r])))
                || (!c_null(r) && bad_c.contains(&c_key(r)))
        })
        .collect();
    Ok(if leaf.operator == "is_unique_relationship" {
        flagged.iter().map(|f| !f).collect()
    } else {
        flagged
    })
}

/// A non-null key maps to two different non-null values, or to a value and a null.
fn violates<T: Eq + std::hash::Hash>(set: &Set<Option<T>>) -> bool {
    let non_null = set.iter().filter(|v| v.is_some()).count();
    non_null > 1 || (non_null >= 1 && set.contains(&None))
}

fn inconsistent(leaf: &Leaf, frame: &Frame) -> Result<Vec<bool>, EvalError> {
    let t = target(leaf, frame)?;
    let groups: Vec<&[Cell]> = names(leaf).iter().filter_map(|n| frame.column(n)).collect();
    let mut by_group: Map<Vec<Key<'_>>, Vec<usize>> = Map::default();
    for r in 0..frame.len() {
        by_group
            .entry(groups.iter().map(|g| key(&g[r])).collect())
            .or_default()
            .push(r);
    }
    let mut out = vec![false; frame.len()];
    for rows in by_group.values() {
        let mut counts: Map<Key<'_>, usize> = Map::default();
        for &r in rows {
            *counts.entry(key(&t[r])).or_default() += 1;
        }
        if counts.len() <= 1 {
            continue;
        }
        let max = counts.values().copied().max().unwrap_or(0);
        let top: Vec<&Key<'_>> = counts
            .iter()
            .filter(|(_, c)| **c == max)
            .map(|(k, _)| k)
            .collect();
        for &r in rows {
            out[r] = top.len() > 1 || key(&t[r]) != *top[0];
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ops::testing::{frame, leaf, s};
    use serde_json::json;

    #[test]
    fn duplicate_keys_are_not_unique() {
        let f = frame(
            "AE",
            &[
                ("USUBJID", vec![s("1"), s("1"), s("2")]),
                (
                    "AESEQ",
                    vec![Cell::Num(1.0), Cell::Num(1.0), Cell::Num(1.0)],
                ),
            ],
        );
        let l = leaf(
            "AESEQ",
            "is_not_unique_set",
            Some(json!(["USUBJID", "--SPID"])),
        );
        assert_eq!(eval(&l, &f), Ok(vec![true, true, false]));
    }

    #[test]
    fn relationships_must_be_one_to_one() {
        let f = frame(
            "LB",
            &[
                ("LBTESTCD", vec![s("A"), s("A"), s("B")]),
                ("LBTEST", vec![s("Alpha"), s("Alfa"), s("Beta")]),
            ],
        );
        let l = leaf(
            "LBTESTCD",
            "is_not_unique_relationship",
            Some(json!("LBTEST")),
        );
        assert_eq!(eval(&l, &f), Ok(vec![true, true, false]));
    }
}
