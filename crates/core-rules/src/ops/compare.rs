//! Comparison: `equal_to`, `not_equal_to` (and `_case_insensitive`) and the numeric
//! `less_than` … `greater_than_or_equal_to`.
//!
//! CORE's equality truth table: when both sides are empty (null or ""), neither `equal_to`
//! nor `not_equal_to` holds; when one side is empty, `not_equal_to` holds. Types are strict
//! as in Python: the string "1" is not the number 1.0. Numeric comparisons coerce both sides
//! with `pd.to_numeric(errors="coerce")`; anything non-numeric compares false.

use super::{Operand, comparator, target};
use crate::error::EvalError;
use crate::frame::{Cell, Frame, integral_text, py_float};
use crate::plan::Leaf;
use std::sync::Arc;

pub const OPERATORS: &[&str] = &[
    "equal_to",
    "not_equal_to",
    "equal_to_case_insensitive",
    "not_equal_to_case_insensitive",
    "less_than",
    "less_than_or_equal_to",
    "greater_than",
    "greater_than_or_equal_to",
    "equals_string_part",
    "does_not_equal_string_part",
];

pub fn eval(leaf: &Leaf, frame: &Frame) -> Result<Vec<bool>, EvalError> {
    let op = leaf.operator.as_str();
    if op.ends_with("equal_string_part") || op == "equals_string_part" {
        return string_part(leaf, frame, target(leaf, frame)?);
    }
    if let Some(cmp) = numeric(op) {
        let t = target(leaf, frame)?;
        let c = comparator(leaf, frame);
        return Ok((0..t.len())
            .map(|i| match (t[i].to_number(), c.at(i).to_number()) {
                (Some(a), Some(b)) => cmp(a, b),
                _ => false,
            })
            .collect());
    }
    let negate = op.starts_with("not_");
    let ci = leaf.case_insensitive || op.ends_with("_case_insensitive");
    let c = if leaf.value_is_reference {
        None
    } else {
        Some(comparator(leaf, frame))
    };
    // One cell on every row against a literal (the value-check view's data type): one answer.
    if let (Some(cell), Some(Operand::Literal(lit))) = (frame.constant(&leaf.target), &c) {
        let holds = check(
            cell,
            lit,
            negate,
            ci,
            leaf.type_insensitive.then(Memo::default).as_mut(),
        );
        return Ok(vec![holds; frame.len()]);
    }
    let t = target(leaf, frame)?;
    let mut memo = leaf.type_insensitive.then(Memo::default);
    (0..t.len())
        .map(|i| {
            // Borrowed: a literal is the same cell on every record, and cloning it on every
            // thread would contend for its one reference count.
            let other = match &c {
                Some(c) => std::borrow::Cow::Borrowed(c.at(i)),
                None => std::borrow::Cow::Owned(referenced(leaf, frame, i)?),
            };
            Ok(check(&t[i], &other, negate, ci, memo.as_mut()))
        })
        .collect()
}

/// `equals_string_part`: the target equals the part of the comparator that `regex` captures
/// (its first match; the first group when it has groups), with equality's null rules.
fn string_part(leaf: &Leaf, frame: &Frame, t: &[Cell]) -> Result<Vec<bool>, EvalError> {
    let pattern = leaf.regex.as_deref().unwrap_or_default();
    let re = super::strings::compile(pattern)?;
    let c = comparator(leaf, frame);
    let negate = leaf.operator.starts_with("does_not");
    (0..t.len())
        .map(|i| {
            let part = match c.at(i).as_str() {
                Some(s) => re
                    .captures(s)
                    .map_err(|e| EvalError::Regex {
                        pattern: pattern.to_owned(),
                        message: e.to_string(),
                    })?
                    .and_then(|m| m.get(1).or_else(|| m.get(0)))
                    .map_or(Cell::Null, |m| Cell::Str(m.as_str().into())),
                None => Cell::Null,
            };
            Ok(check(&t[i], &part, false, false, None) != negate)
        })
        .collect()
}

fn numeric(op: &str) -> Option<fn(f64, f64) -> bool> {
    Some(match op {
        "less_than" => |a, b| a < b,
        "less_than_or_equal_to" => |a, b| a <= b,
        "greater_than" => |a, b| a > b,
        "greater_than_or_equal_to" => |a, b| a >= b,
        _ => return None,
    })
}

/// `value_is_reference`: the comparator column holds the name of the column to compare with.
fn referenced(leaf: &Leaf, frame: &Frame, row: usize) -> Result<Cell, EvalError> {
    let name = match comparator(leaf, frame) {
        Operand::Column(col) => col.get(row).and_then(Cell::as_str).unwrap_or("").to_owned(),
        Operand::Literal(_) => return Err(EvalError::MissingColumn(format!("{:?}", leaf.value))),
    };
    // A name the row points at that is no column (`IDVAR = NONSENSE`) has no value.
    Ok(frame
        .column(&name)
        .and_then(|col| col.get(row).cloned())
        .unwrap_or(Cell::Null))
}

/// Equality with CORE's truth table; `normalised` (type-insensitive) compares canonical text.
fn check(a: &Cell, b: &Cell, negate: bool, ci: bool, normalised: Option<&mut Memo>) -> bool {
    if a.is_empty() && b.is_empty() {
        return false;
    }
    if normalised.is_none() && !ci {
        return a.py_eq(b) != negate;
    }
    let (a, b) = match normalised {
        Some(memo) => (memo.of(a), memo.of(b)),
        None => (a.clone(), b.clone()),
    };
    let (a, b) = if ci { (lower(&a), lower(&b)) } else { (a, b) };
    a.py_eq(&b) != negate
}

fn lower(c: &Cell) -> Cell {
    match c {
        Cell::Str(s) if !s.is_empty() => Cell::Str(s.to_lowercase().into()),
        Cell::Str(_) => Cell::Null,
        other => other.clone(),
    }
}

/// Canonical texts already made: a column repeats its values (a million `--STRESN` hold a
/// few thousand numbers), and parsing and printing each again costs more than the compare.
#[derive(Default)]
struct Memo {
    /// By the text's address; the text is kept so that no other text takes the address.
    text: foldhash::HashMap<*const u8, (Arc<str>, Cell)>,
    num: foldhash::HashMap<u64, Cell>,
}

/// Distinct values remembered per side at most; past it a value is normalised each time.
const MEMO_LIMIT: usize = 65_536;

impl Memo {
    fn of(&mut self, c: &Cell) -> Cell {
        match c {
            Cell::Str(s) => {
                if let Some((_, n)) = self.text.get(&s.as_ptr()) {
                    return n.clone();
                }
                let n = normalise(c);
                if self.text.len() < MEMO_LIMIT {
                    self.text.insert(s.as_ptr(), (s.clone(), n.clone()));
                }
                n
            }
            Cell::Num(x) => {
                if let Some(n) = self.num.get(&x.to_bits()) {
                    return n.clone();
                }
                let n = normalise(c);
                if self.num.len() < MEMO_LIMIT {
                    self.num.insert(x.to_bits(), n.clone());
                }
                n
            }
            other => normalise(other),
        }
    }
}

/// `type_insensitive`: numbers and numeric strings compare as their canonical text
/// (`200.00` as `200`).
fn normalise(c: &Cell) -> Cell {
    match c {
        Cell::Str(s) => match s.parse::<f64>() {
            Ok(n) if n.fract() == 0.0 && n.abs() < 1e15 => Cell::Str(integral_text(n).into()),
            Ok(n) => Cell::Str(py_float(n).into()),
            Err(_) => Cell::Str(s.trim().into()),
        },
        Cell::Num(n) if n.fract() == 0.0 => Cell::Str(integral_text(*n).into()),
        Cell::Num(n) => Cell::Str(py_float(*n).into()),
        Cell::Int(n) => Cell::Str(n.to_string().into()),
        other => other.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ops::testing::{frame, leaf, s};
    use serde_json::json;

    #[test]
    fn equality_follows_cores_truth_table() {
        let f = frame(
            "IE",
            &[
                ("IEORRES", vec![s("Y"), s("N"), s("")]),
                ("IESTRESC", vec![s("Y"), s("Y"), s("")]),
            ],
        );
        let eq = leaf("IEORRES", "equal_to", Some(json!("IESTRESC")));
        assert_eq!(eval(&eq, &f), Ok(vec![true, false, false]));
        let ne = leaf("IEORRES", "not_equal_to", Some(json!("N")));
        assert_eq!(eval(&ne, &f), Ok(vec![true, false, true]));
        let mut lit = leaf("IEORRES", "equal_to", Some(json!("IESTRESC")));
        lit.value_is_literal = true;
        assert_eq!(eval(&lit, &f), Ok(vec![false, false, false]));
        let ci = leaf("IEORRES", "equal_to_case_insensitive", Some(json!("y")));
        assert_eq!(eval(&ci, &f), Ok(vec![true, false, false]));
    }

    #[test]
    fn type_insensitive_equality_compares_canonical_text_of_repeated_values() {
        let shared = s("200.00");
        let f = frame(
            "LB",
            &[
                (
                    "LBSTRESC",
                    vec![shared.clone(), shared, s("201"), s(" "), s("1e2")],
                ),
                (
                    "LBSTRESN",
                    vec![
                        Cell::Num(200.0),
                        Cell::Num(200.0),
                        Cell::Num(200.0),
                        Cell::Null,
                        Cell::Num(100.0),
                    ],
                ),
            ],
        );
        let mut ne = leaf("LBSTRESC", "not_equal_to", Some(json!("LBSTRESN")));
        ne.type_insensitive = true;
        assert_eq!(eval(&ne, &f), Ok(vec![false, false, true, true, false]));
        let mut eq = leaf("LBSTRESC", "equal_to", Some(json!("LBSTRESN")));
        eq.type_insensitive = true;
        assert_eq!(eval(&eq, &f), Ok(vec![true, true, false, false, true]));
    }

    #[test]
    fn numeric_comparisons_coerce() {
        let f = frame(
            "VS",
            &[("VSSTRESN", vec![Cell::Num(5.0), s("abc"), Cell::Null])],
        );
        assert_eq!(
            eval(&leaf("VSSTRESN", "greater_than", Some(json!(3))), &f),
            Ok(vec![true, false, false])
        );
        assert_eq!(
            eval(&leaf("VSSTRESN", "less_than", Some(json!(3))), &f),
            Ok(vec![false, false, false])
        );
    }
}
