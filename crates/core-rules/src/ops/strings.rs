//! Text: regular expressions (`matches_regex`: Python `re.match`, anchored at the start only;
//! `prefix_/suffix_matches_regex`: `re.search` in the first/last N characters), lengths
//! (`longer_than` …, in characters), substrings (`contains`, `starts_with`, `ends_with`) and
//! string parts (`prefix_equal_to`, `suffix_equal_to`).
//!
//! Nulls never match and never "not match": CORE ANDs every regex result with `notna`.
//! Numbers are matched as CORE prints them for regexes (`1.0` as `1`). `shorter_than` is
//! CORE's `not longer_than_or_equal_to`, so it holds for nulls.

use super::{Operand, Reach, comparator, per_text, target};
use crate::error::EvalError;
use crate::frame::{Cell, Frame, py_float};
use crate::plan::Leaf;
use fancy_regex::Regex;
use std::borrow::Cow;

pub const OPERATORS: &[&str] = &[
    "matches_regex",
    "not_matches_regex",
    "prefix_matches_regex",
    "not_prefix_matches_regex",
    "suffix_matches_regex",
    "not_suffix_matches_regex",
    "longer_than",
    "longer_than_or_equal_to",
    "shorter_than",
    "shorter_than_or_equal_to",
    "contains",
    "does_not_contain",
    "contains_case_insensitive",
    "does_not_contain_case_insensitive",
    "starts_with",
    "ends_with",
    "prefix_equal_to",
    "prefix_not_equal_to",
    "suffix_equal_to",
    "suffix_not_equal_to",
];

/// Regexes read their row alone; substrings too against a literal (against a column they
/// look among all its values). Lengths and string parts reach the column: CORE raises on a
/// non-text value anywhere in it.
pub fn reach(op: &str) -> Reach {
    match op {
        _ if op.ends_with("matches_regex") => Reach::Row,
        "contains"
        | "does_not_contain"
        | "contains_case_insensitive"
        | "does_not_contain_case_insensitive"
        | "starts_with"
        | "ends_with" => Reach::RowWithLiteral,
        _ => Reach::Column,
    }
}

pub fn eval(leaf: &Leaf, frame: &Frame) -> Result<Vec<bool>, EvalError> {
    let t = target(leaf, frame)?;
    let op = leaf.operator.as_str();
    match op {
        _ if op.ends_with("matches_regex") => regex_ops(leaf, t),
        "longer_than" | "longer_than_or_equal_to" | "shorter_than" | "shorter_than_or_equal_to" => {
            lengths(leaf, frame, t)
        }
        "contains"
        | "does_not_contain"
        | "contains_case_insensitive"
        | "does_not_contain_case_insensitive" => {
            let ci = op.ends_with("case_insensitive");
            let negate = op.starts_with("does_not");
            let c = comparator(leaf, frame);
            let lower = |s: &str| if ci { s.to_lowercase() } else { s.to_owned() };
            Ok(match c {
                // CORE: each comparator value is looked for among all target values.
                Operand::Column(col) => {
                    let present: std::collections::HashSet<_, foldhash::fast::FixedState> = t
                        .iter()
                        .filter(|x| !matches!(x, Cell::Null))
                        .map(Cell::key_ref)
                        .collect();
                    col.iter()
                        .map(|v| {
                            (!matches!(v, Cell::Null) && present.contains(&v.key_ref())) != negate
                        })
                        .collect()
                }
                Operand::Literal(lit) => {
                    // The literal is lowered once; a target's text only when case is ignored.
                    let needle = lit.as_str().map(&lower);
                    t.iter()
                        .map(|x| {
                            let found = match (x, &lit) {
                                (Cell::Str(s), Cell::Str(_)) => {
                                    let needle = needle.as_deref().unwrap_or_default();
                                    if ci {
                                        lower(s).contains(needle)
                                    } else {
                                        s.contains(needle)
                                    }
                                }
                                (Cell::List(items), l) => items.iter().any(|i| i.py_eq(l)),
                                _ => false,
                            };
                            found != negate
                        })
                        .collect()
                }
            })
        }
        "starts_with" | "ends_with" => {
            let c = comparator(leaf, frame);
            let needles: Vec<String> = match &c {
                Operand::Column(col) => col
                    .iter()
                    .filter_map(|c| c.as_str().map(str::to_owned))
                    .collect(),
                Operand::Literal(l) => l.as_str().map(str::to_owned).into_iter().collect(),
            };
            Ok(t.iter()
                .map(|x| match x {
                    Cell::Str(s) if op == "starts_with" => {
                        needles.iter().any(|n| s.starts_with(n.as_str()))
                    }
                    Cell::Str(s) => needles.iter().any(|n| s.ends_with(n.as_str())),
                    _ => false,
                })
                .collect())
        }
        _ => string_part(leaf, frame, t),
    }
}

/// How CORE turns a cell into text before matching: integral floats without `.0`.
fn regex_text(c: &Cell) -> Option<Cow<'_, str>> {
    match c {
        Cell::Null => None,
        Cell::Str(s) => Some(Cow::Borrowed(s)),
        Cell::Num(n) if n.fract() == 0.0 => Some(Cow::Owned(crate::frame::integral_text(*n))),
        Cell::Num(n) => Some(Cow::Owned(py_float(*n))),
        Cell::Int(n) => Some(Cow::Owned(n.to_string())),
        Cell::List(_) => Some(Cow::Owned(c.report())),
    }
}

pub(crate) fn compile(pattern: &str) -> Result<Regex, EvalError> {
    Regex::new(pattern).map_err(|e| EvalError::Regex {
        pattern: pattern.to_owned(),
        message: e.to_string(),
    })
}

fn regex_ops(leaf: &Leaf, t: &[Cell]) -> Result<Vec<bool>, EvalError> {
    let op = leaf.operator.as_str();
    let pattern = leaf
        .value
        .as_ref()
        .and_then(|v| v.as_str())
        .unwrap_or_default();
    let negate = op.starts_with("not_");
    let (re, part): (Regex, Option<(bool, usize)>) = if op.contains("prefix") {
        (compile(pattern)?, Some((true, leaf.prefix.unwrap_or(0))))
    } else if op.contains("suffix") {
        (compile(pattern)?, Some((false, leaf.suffix.unwrap_or(0))))
    } else {
        (compile(&format!(r"\A(?:{pattern})"))?, None)
    };
    let text_of = |c| {
        let text = regex_text(c)?;
        Some(match part {
            Some((true, n)) => Cow::Owned(text.chars().take(n).collect()),
            Some((false, n)) => {
                let len = text.chars().count();
                Cow::Owned(text.chars().skip(len.saturating_sub(n)).collect())
            }
            None => text,
        })
    };
    // Nulls are `false` either way (CORE ANDs every regex result with `notna`).
    per_text(t, false, text_of, |text| {
        let found = re.is_match(text).map_err(|e| EvalError::Regex {
            pattern: pattern.to_owned(),
            message: e.to_string(),
        })?;
        Ok(found != negate)
    })
}

fn lengths(leaf: &Leaf, frame: &Frame, t: &[Cell]) -> Result<Vec<bool>, EvalError> {
    let c = comparator(leaf, frame);
    let (strict, negate) = match leaf.operator.as_str() {
        "longer_than" => (true, false),
        "longer_than_or_equal_to" => (false, false),
        "shorter_than" => (false, true),
        _ => (true, true),
    };
    t.iter()
        .enumerate()
        .map(|(i, x)| {
            let len = match x {
                Cell::Str(s) => s.chars().count() as f64,
                Cell::Null => return Ok(negate),
                _ => {
                    return Err(EvalError::Invalid(format!(
                        "`{}` on a non-text column",
                        leaf.operator
                    )));
                }
            };
            let bound = match c.at(i) {
                Cell::Num(n) => *n,
                Cell::Int(n) => *n as f64,
                Cell::Str(s) if matches!(c, Operand::Column(_)) => s.chars().count() as f64,
                other => match other.to_number() {
                    Some(n) => n,
                    None => return Ok(negate),
                },
            };
            let longer = if strict { len > bound } else { len >= bound };
            Ok(longer != negate)
        })
        .collect()
}

/// `prefix_equal_to` & co.: CORE refuses (raises) when any target value is not text.
fn string_part(leaf: &Leaf, frame: &Frame, t: &[Cell]) -> Result<Vec<bool>, EvalError> {
    let op = leaf.operator.as_str();
    let negate = op.contains("not_equal");
    if t.iter().any(|c| !matches!(c, Cell::Str(_))) {
        return Err(EvalError::Invalid(format!("`{op}` on non-string values")));
    }
    let c = if leaf.value.as_ref().and_then(|v| v.as_str()) == Some("DOMAIN") {
        Operand::Literal(Cell::Str(frame.info.prefix.as_str().into()))
    } else {
        comparator(leaf, frame)
    };
    Ok(t.iter()
        .enumerate()
        .map(|(i, x)| {
            let s = x.as_str().unwrap_or_default();
            let part: String = if op.starts_with("prefix") {
                s.chars().take(leaf.prefix.unwrap_or(0)).collect()
            } else {
                let n = leaf.suffix.unwrap_or(0);
                s.chars()
                    .skip(s.chars().count().saturating_sub(n))
                    .collect()
            };
            Cell::Str(part.into()).py_eq(c.at(i)) != negate
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ops::testing::{frame, leaf, s};
    use serde_json::json;

    #[test]
    fn integral_floats_print_as_the_exact_printer_prints_them() {
        for n in [
            0.0,
            -0.0,
            1.0,
            -7.0,
            120.0,
            9_007_199_254_740_991.0,
            9_007_199_254_740_992.0,
            -9_007_199_254_740_993.0,
            1e18,
            -9.1e18,
            1e20,
            -1e300,
        ] {
            assert_eq!(crate::frame::integral_text(n), format!("{n:.0}"), "{n:e}");
        }
    }

    #[test]
    fn regex_is_anchored_at_the_start_and_skips_nulls() {
        let f = frame(
            "AE",
            &[("AESTDTC", vec![s("2020-01-01"), s("x2020"), s("")])],
        );
        let m = leaf("AESTDTC", "matches_regex", Some(json!(r"\d{4}")));
        assert_eq!(eval(&m, &f), Ok(vec![true, false, false]));
        let n = leaf("AESTDTC", "not_matches_regex", Some(json!(r"\d{4}")));
        assert_eq!(eval(&n, &f), Ok(vec![false, true, false]));
    }

    #[test]
    fn lengths_and_substrings() {
        let f = frame("TS", &[("TSVAL", vec![s("abcdef"), s("ab"), s("")])]);
        assert_eq!(
            eval(&leaf("TSVAL", "longer_than", Some(json!(3))), &f),
            Ok(vec![true, false, false])
        );
        assert_eq!(
            eval(&leaf("TSVAL", "shorter_than", Some(json!(3))), &f),
            Ok(vec![false, true, true])
        );
        assert_eq!(
            eval(&leaf("TSVAL", "contains", Some(json!("cd"))), &f),
            Ok(vec![true, false, false])
        );
        assert_eq!(
            eval(&leaf("TSVAL", "does_not_contain", Some(json!("cd"))), &f),
            Ok(vec![false, true, true])
        );
        let f = frame("TS", &[("TSVAL", vec![s("ABCdef"), s("abc"), s("")])]);
        assert_eq!(
            eval(&leaf("TSVAL", "contains", Some(json!("cD"))), &f),
            Ok(vec![false, false, false]),
            "case counts"
        );
        assert_eq!(
            eval(
                &leaf("TSVAL", "contains_case_insensitive", Some(json!("Cd"))),
                &f
            ),
            Ok(vec![true, false, false])
        );
        assert_eq!(
            eval(
                &leaf(
                    "TSVAL",
                    "does_not_contain_case_insensitive",
                    Some(json!("aBc"))
                ),
                &f
            ),
            Ok(vec![false, false, true])
        );
    }
}
