//! Presence: `exists` / `not_exists` (is the variable in the dataset — true or false for every
//! row alike), `empty` / `non_empty` (CORE's null flavours: null or the empty string; a blank
//! `" "` is not empty; an absent column is CORE's `KeyError`) and
//! `inconsistent_enumerated_columns` (of `X`, `X1`, `X2`, … in that order, a populated one
//! follows an empty one; no such columns → false).

use super::target;
use crate::error::EvalError;
use crate::frame::Frame;
use crate::plan::Leaf;

pub const OPERATORS: &[&str] = &[
    "exists",
    "not_exists",
    "empty",
    "non_empty",
    "inconsistent_enumerated_columns",
];

pub fn eval(leaf: &Leaf, frame: &Frame) -> Result<Vec<bool>, EvalError> {
    let n = frame.len();
    Ok(match leaf.operator.as_str() {
        "exists" => vec![frame.index_of(&leaf.target).is_some(); n],
        "not_exists" => vec![frame.index_of(&leaf.target).is_none(); n],
        "empty" => target(leaf, frame)?.iter().map(|c| c.is_empty()).collect(),
        "inconsistent_enumerated_columns" => enumerated(leaf, frame),
        _ => target(leaf, frame)?.iter().map(|c| !c.is_empty()).collect(),
    })
}

fn enumerated(leaf: &Leaf, frame: &Frame) -> Vec<bool> {
    let base = frame.resolve(&leaf.target);
    let mut cols: Vec<(usize, &String)> = frame
        .columns
        .iter()
        .enumerate()
        .filter(|(_, c)| {
            c.strip_prefix(base.as_str())
                .is_some_and(|n| n.bytes().all(|b| b.is_ascii_digit()))
        })
        .collect();
    // CORE orders them by (name length, name): X, X1, X2, ..., X10.
    cols.sort_by_key(|(_, c)| (c.len(), (*c).clone()));
    (0..frame.len())
        .map(|r| {
            let filled: Vec<bool> = cols
                .iter()
                .map(|(i, _)| !frame.data[*i][r].is_empty())
                .collect();
            filled.windows(2).any(|w| !w[0] && w[1])
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ops::testing::{frame, leaf, s};

    #[test]
    fn exists_and_empty() {
        let f = frame(
            "AE",
            &[(
                "AETERM",
                vec![s("X"), s(""), crate::frame::Cell::Str(" ".into())],
            )],
        );
        assert_eq!(eval(&leaf("AETERM", "exists", None), &f), Ok(vec![true; 3]));
        assert_eq!(
            eval(&leaf("AESTAT", "exists", None), &f),
            Ok(vec![false; 3])
        );
        assert_eq!(
            eval(&leaf("--TERM", "empty", None), &f),
            Ok(vec![false, true, false])
        );
        assert_eq!(
            eval(&leaf("AETERM", "non_empty", None), &f),
            Ok(vec![true, false, true])
        );
        assert!(eval(&leaf("AESTAT", "empty", None), &f).is_err());
    }

    #[test]
    fn enumerated_columns_fill_in_order() {
        let f = frame(
            "DM",
            &[
                ("RACE", vec![s("A"), s(""), s("A")]),
                ("RACE1", vec![s("B"), s("B"), s("")]),
                ("RACE2", vec![s(""), s(""), s("C")]),
            ],
        );
        let l = leaf("RACE", "inconsistent_enumerated_columns", None);
        assert_eq!(eval(&l, &f), Ok(vec![false, true, true]));
    }
}
