//! Membership: `is_contained_by` / `is_not_contained_by` (and `_case_insensitive`, and the
//! `prefix_`/`suffix_` forms that test the first/last N characters).
//!
//! CORE semantics (pandas `isin`): a literal list is the set of allowed values; a comparator
//! column of lists (what `distinct` yields) is a per-row set; a comparator column of plain
//! values is the set of *all* that column's values. Null is in no set, so
//! `is_not_contained_by` holds for nulls. Types are strict (`"1"` is not `1.0`).

use super::{Operand, comparator, target};
use crate::error::EvalError;
use crate::frame::{Cell, Frame, Key};
use crate::plan::Leaf;
use foldhash::fast::FixedState;
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

type Map<K, V> = HashMap<K, V, FixedState>;
type Set<T> = HashSet<T, FixedState>;

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
    let part = if op.starts_with("prefix") {
        Part::Prefix(leaf.prefix.unwrap_or(0))
    } else if op.starts_with("suffix") {
        Part::Suffix(leaf.suffix.unwrap_or(0))
    } else {
        Part::Whole
    };
    // A set's value as it is stored: lower-cased when case is ignored. Null is in no set (as
    // `py_eq` has it).
    let stored = |items: &mut dyn Iterator<Item = &Cell>| -> Vec<Cell> {
        let items = items.filter(|x| !matches!(x, Cell::Null));
        if ci {
            items.map(lower).collect()
        } else {
            items.cloned().collect()
        }
    };
    let c = comparator(leaf, frame);
    let per_row = match &c {
        Operand::Column(col) => {
            let non_null: Vec<&Cell> = col.iter().filter(|c| !matches!(c, Cell::Null)).collect();
            !non_null.is_empty() && non_null.iter().all(|c| matches!(c, Cell::List(_)))
        }
        Operand::Literal(_) => false,
    };
    let whole: Vec<Cell> = match &c {
        Operand::Column(col) if !per_row => stored(&mut col.iter()),
        Operand::Literal(Cell::List(items)) => stored(&mut items.iter()),
        Operand::Literal(Cell::Null) | Operand::Column(_) => Vec::new(),
        Operand::Literal(other) => stored(&mut std::iter::once(other)),
    };
    // Per-row sets come from operations (`distinct`): one shared list per group, stored once.
    let mut lists: Map<*const Vec<Cell>, Vec<Cell>> = Map::default();
    if per_row {
        for row in 0..t.len() {
            if let Cell::List(items) = c.at(row) {
                lists
                    .entry(Arc::as_ptr(items))
                    .or_insert_with(|| stored(&mut items.iter()));
            }
        }
    }
    let in_whole = keys(&whole);
    let sets: Map<*const Vec<Cell>, Set<Key<'_>>> =
        lists.iter().map(|(p, cells)| (*p, keys(cells))).collect();
    let none = Set::default();
    Ok(t.iter()
        .enumerate()
        .map(|(i, x)| {
            let set = match (per_row, c.at(i)) {
                (true, Cell::List(items)) => sets.get(&Arc::as_ptr(items)).unwrap_or(&none),
                (true, _) => &none,
                (false, _) => &in_whole,
            };
            let found = match x {
                Cell::Null => false,
                Cell::List(items) => items
                    .iter()
                    .any(|it| set.contains(&looked_up(it, part, ci).key_ref())),
                x => set.contains(&looked_up(x, part, ci).key_ref()),
            };
            found != negate
        })
        .collect())
}

/// Which characters of a target value are looked up.
#[derive(Clone, Copy)]
enum Part {
    Whole,
    Prefix(usize),
    Suffix(usize),
}

/// A target value as it is looked up: cut to its prefix or suffix, then lower-cased.
fn looked_up(c: &Cell, part: Part, ci: bool) -> Cow<'_, Cell> {
    let cell = match (c, part) {
        (Cell::Str(s), Part::Prefix(n)) => {
            Cow::Owned(Cell::Str(s.chars().take(n).collect::<String>().into()))
        }
        (Cell::Str(s), Part::Suffix(n)) => {
            let skip = s.chars().count().saturating_sub(n);
            Cow::Owned(Cell::Str(s.chars().skip(skip).collect::<String>().into()))
        }
        _ => Cow::Borrowed(c),
    };
    if ci { Cow::Owned(lower(&cell)) } else { cell }
}

/// Keys with Python's equality, borrowed from a set's stored values.
fn keys(cells: &[Cell]) -> Set<Key<'_>> {
    cells.iter().map(Cell::key_ref).collect()
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
    fn parts_cases_and_per_row_sets() {
        let list = |v: &[&str]| Cell::List(Arc::new(v.iter().map(|x| s(x)).collect()));
        let f = frame(
            "LB",
            &[
                ("LBTESTCD", vec![s("ALTX"), s("astY"), s("CK"), Cell::Null]),
                (
                    "SEEN",
                    vec![
                        list(&["ALT", "AST"]),
                        list(&["ast"]),
                        list(&["CK"]),
                        list(&["CK"]),
                    ],
                ),
            ],
        );
        let mut prefix = leaf(
            "LBTESTCD",
            "prefix_is_contained_by",
            Some(json!(["ALT", "AST"])),
        );
        prefix.prefix = Some(3);
        assert_eq!(eval(&prefix, &f), Ok(vec![true, false, false, false]));
        prefix.case_insensitive = true;
        assert_eq!(eval(&prefix, &f), Ok(vec![true, true, false, false]));
        let mut suffix = leaf(
            "LBTESTCD",
            "suffix_is_not_contained_by",
            Some(json!(["K", "y"])),
        );
        suffix.suffix = Some(1);
        assert_eq!(eval(&suffix, &f), Ok(vec![true, true, false, true]));
        let per_row = leaf("LBTESTCD", "is_contained_by", Some(json!("SEEN")));
        assert_eq!(eval(&per_row, &f), Ok(vec![false, false, true, false]));
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
