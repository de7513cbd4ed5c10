//! Presence: `exists` / `not_exists` (is the variable in the dataset — true or false for every
//! row alike) and `empty` / `non_empty` (CORE's null flavours: null or the empty string; a
//! blank `" "` is not empty). `empty` on an absent column is CORE's `KeyError`.

use super::target;
use crate::error::EvalError;
use crate::frame::Frame;
use crate::plan::Leaf;

pub const OPERATORS: &[&str] = &["exists", "not_exists", "empty", "non_empty"];

pub fn eval(leaf: &Leaf, frame: &Frame) -> Result<Vec<bool>, EvalError> {
    let n = frame.len();
    Ok(match leaf.operator.as_str() {
        "exists" => vec![frame.index_of(&leaf.target).is_some(); n],
        "not_exists" => vec![frame.index_of(&leaf.target).is_none(); n],
        "empty" => target(leaf, frame)?.iter().map(|c| c.is_empty()).collect(),
        _ => target(leaf, frame)?.iter().map(|c| !c.is_empty()).collect(),
    })
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
}
