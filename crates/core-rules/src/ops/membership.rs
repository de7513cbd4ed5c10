//! Membership: `is_contained_by` / `is_not_contained_by` (and `_case_insensitive`, and the
//! `prefix_`/`suffix_` forms that test the first/last N characters).
//!
//! CORE semantics (pandas `isin`): a literal list is the set of allowed values; a comparator
//! column of lists (what `distinct` yields) is a per-row set; a comparator column of plain
//! values is the set of *all* that column's values. Null is in no set, so
//! `is_not_contained_by` holds for nulls. Types are strict (`"1"` is not `1.0`).

use super::{Operand, comparator, target};
use crate::error::EvalError;
use crate::frame::{Cell, Frame};
use crate::plan::Leaf;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

pub const OPERATORS: &[&str] = &[
    "is_contained_by",
    "is_not_contained_by",
    "is_contained_by_case_insensitive",
    "is_not_contained_by_case_insensitive",
    "prefix_is_contained_by",
    "prefix_is_not_contained_by",
    "suffix_is_contained_by",
    "suffix_is_not_contained_by",
];

pub fn eval(leaf: &Leaf, frame: &Frame) -> Result<Vec<bool>, EvalError> {
    let t = target(leaf, frame)?;
    let op = leaf.operator.as_str();
    let negate = op.contains("is_not_");
    let ci = op.ends_with("case_insensitive") || leaf.case_insensitive;
    let part = |c: &Cell| -> Cell {
        let Cell::Str(s) = c else { return c.clone() };
        if op.starts_with("prefix") {
            Cell::Str(
                s.chars()
                    .take(leaf.prefix.unwrap_or(0))
                    .collect::<String>()
                    .into(),
            )
        } else if op.starts_with("suffix") {
            let n = leaf.suffix.unwrap_or(0);
            Cell::Str(
                s.chars()
                    .skip(s.chars().count().saturating_sub(n))
                    .collect::<String>()
                    .into(),
            )
        } else {
            c.clone()
        }
    };
    let norm = |c: &Cell| if ci { lower(&part(c)) } else { part(c) };
    let c = comparator(leaf, frame);
    let per_row = match &c {
        Operand::Column(col) => {
            let non_null: Vec<&Cell> = col.iter().filter(|c| !matches!(c, Cell::Null)).collect();
            !non_null.is_empty() && non_null.iter().all(|c| matches!(c, Cell::List(_)))
        }
        Operand::Literal(_) => false,
    };
    // Sets of value keys (Python equality), lower-cased when case-insensitive.
    let keys = |items: &mut dyn Iterator<Item = &Cell>| -> HashSet<String> {
        // Null is in no set (as `py_eq` has it).
        items
            .filter(|x| !matches!(x, Cell::Null))
            .map(|x| if ci { lower(x).key() } else { x.key() })
            .collect()
    };
    let whole: HashSet<String> = match &c {
        Operand::Column(col) if !per_row => keys(&mut col.iter()),
        Operand::Literal(Cell::List(items)) => keys(&mut items.iter()),
        Operand::Literal(Cell::Null) | Operand::Column(_) => HashSet::new(),
        Operand::Literal(other) => keys(&mut std::iter::once(other)),
    };
    // Per-row sets come from operations (`distinct`): one shared list per group, keyed once.
    let mut cache: HashMap<*const Vec<Cell>, HashSet<String>> = HashMap::new();
    Ok(t.iter()
        .enumerate()
        .map(|(i, x)| {
            let set = match (per_row, c.at(i)) {
                (true, Cell::List(items)) => cache
                    .entry(Arc::as_ptr(items))
                    .or_insert_with(|| keys(&mut items.iter())),
                (true, _) => &HashSet::new(),
                (false, _) => &whole,
            };
            let found = match x {
                Cell::Null => false,
                Cell::List(items) => items.iter().any(|it| set.contains(&norm(it).key())),
                x => set.contains(&norm(x).key()),
            };
            found != negate
        })
        .collect())
}

fn lower(c: &Cell) -> Cell {
    match c {
        Cell::Str(s) => Cell::Str(s.to_lowercase().into()),
        other => other.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ops::testing::{frame, leaf, s};
    use serde_json::json;

    #[test]
    fn literal_lists_and_nulls() {
        let f = frame("DM", &[("SEX", vec![s("M"), s("X"), s("")])]);
        let l = leaf("SEX", "is_not_contained_by", Some(json!(["M", "F"])));
        assert_eq!(eval(&l, &f), Ok(vec![false, true, true]));
        let l = leaf("SEX", "is_contained_by", Some(json!(["M", "F"])));
        assert_eq!(eval(&l, &f), Ok(vec![true, false, false]));
        let l = leaf(
            "SEX",
            "is_contained_by_case_insensitive",
            Some(json!(["m"])),
        );
        assert_eq!(eval(&l, &f), Ok(vec![true, false, false]));
    }

    #[test]
    fn comparator_columns_are_whole_sets() {
        let f = frame(
            "AE",
            &[("A", vec![s("1"), s("3")]), ("B", vec![s("3"), s("4")])],
        );
        assert_eq!(
            eval(&leaf("A", "is_contained_by", Some(json!("B"))), &f),
            Ok(vec![false, true])
        );
    }
}
