//! Leaf operators, one module per family. Each evaluates a whole column at once and returns
//! one boolean per row ("this row violates"), so a later DataFusion lowering can replace a
//! family without touching the row iteration in `exec`.

pub mod compare;
pub mod dates;
pub mod datetime;
pub mod grouping;
pub mod membership;
pub mod ordering;
pub mod presence;
pub mod strings;
pub mod uniqueness;

use crate::error::EvalError;
use crate::frame::{Cell, Frame};
use crate::plan::Leaf;

type Eval = fn(&Leaf, &Frame) -> Result<Vec<bool>, EvalError>;

/// Operator families: the operators each implements and its evaluator.
const FAMILIES: &[(&[&str], Eval)] = &[
    (presence::OPERATORS, presence::eval),
    (compare::OPERATORS, compare::eval),
    (strings::OPERATORS, strings::eval),
    (membership::OPERATORS, membership::eval),
    (uniqueness::OPERATORS, uniqueness::eval),
    (dates::OPERATORS, dates::eval),
    (grouping::OPERATORS, grouping::eval),
    (ordering::OPERATORS, ordering::eval),
];

/// Operators that need data we do not have; the reason says which.
const NEEDS: &[(&str, &str)] = &[
    ("meddra", "needs the MedDRA dictionary (not available)"),
    ("whodrug", "needs the WHODrug dictionary (not available)"),
    (
        "external_dict",
        "needs an external dictionary (not available)",
    ),
    ("loinc", "needs the LOINC dictionary (not available)"),
    (
        "codelist",
        "needs controlled terminology from the CDISC Library (not available)",
    ),
    (
        "value_data_type",
        "needs define.xml value-level metadata (not available)",
    ),
    (
        "value_length",
        "needs define.xml value-level metadata (not available)",
    ),
];

/// Why a leaf cannot be evaluated by this interpreter, if it cannot.
pub fn unsupported(leaf: &Leaf) -> Option<String> {
    if FAMILIES
        .iter()
        .any(|(ops, _)| ops.contains(&leaf.operator.as_str()))
    {
        return None;
    }
    if let Some((_, why)) = NEEDS.iter().find(|(k, _)| leaf.operator.contains(k)) {
        return Some(format!("operator `{}` {why}", leaf.operator));
    }
    Some(format!("operator `{}` not implemented yet", leaf.operator))
}

/// Evaluates one leaf on a frame: `true` where the row meets the condition.
pub fn evaluate(leaf: &Leaf, frame: &Frame) -> Result<Vec<bool>, EvalError> {
    match FAMILIES
        .iter()
        .find(|(ops, _)| ops.contains(&leaf.operator.as_str()))
    {
        Some((_, eval)) => eval(leaf, frame),
        None => Err(EvalError::Invalid(format!(
            "operator `{}` not implemented",
            leaf.operator
        ))),
    }
}

/// Operators whose answer for a row depends on that row alone, whatever the comparator, and
/// that raise no error a row could cause: evaluating them on some rows gives those rows'
/// answers. Lengths and string parts are left out (CORE raises on a non-text value anywhere in
/// the column), and so are date comparisons (an unparseable date anywhere is an error).
const ROW_LOCAL: &[&str] = &[
    "exists",
    "not_exists",
    "empty",
    "non_empty",
    "inconsistent_enumerated_columns",
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
    "matches_regex",
    "not_matches_regex",
    "prefix_matches_regex",
    "not_prefix_matches_regex",
    "suffix_matches_regex",
    "not_suffix_matches_regex",
    "invalid_date",
    "is_complete_date",
    "is_incomplete_date",
];

/// Operators that are row-local when the comparator is a literal; against a column they read
/// the whole column (CORE's `isin` on all its values, `contains` among all target values).
const ROW_LOCAL_WITH_LITERAL: &[&str] = &[
    "contains",
    "does_not_contain",
    "contains_case_insensitive",
    "does_not_contain_case_insensitive",
    "starts_with",
    "ends_with",
    "is_contained_by",
    "is_not_contained_by",
    "is_contained_by_case_insensitive",
    "is_not_contained_by_case_insensitive",
    "prefix_is_contained_by",
    "prefix_is_not_contained_by",
    "suffix_is_contained_by",
    "suffix_is_not_contained_by",
];

/// Whether a leaf's answer for each row depends on that row alone (see [`ROW_LOCAL`]), so it
/// may be evaluated on the rows where it can still change a result.
pub fn row_local(leaf: &Leaf, frame: &Frame) -> bool {
    let op = leaf.operator.as_str();
    ROW_LOCAL.contains(&op)
        || (ROW_LOCAL_WITH_LITERAL.contains(&op)
            && matches!(comparator(leaf, frame), Operand::Literal(_)))
}

/// The target column; absent columns are CORE's `KeyError`.
pub(crate) fn target<'f>(leaf: &Leaf, frame: &'f Frame) -> Result<&'f [Cell], EvalError> {
    frame
        .column(&leaf.target)
        .ok_or_else(|| EvalError::MissingColumn(frame.resolve(&leaf.target)))
}

/// A comparator: a column of the row, or a literal.
pub(crate) enum Operand<'f> {
    Column(&'f [Cell]),
    Literal(Cell),
}

impl Operand<'_> {
    pub fn at(&self, row: usize) -> &Cell {
        match self {
            Operand::Column(c) => c.get(row).unwrap_or(&Cell::Null),
            Operand::Literal(c) => c,
        }
    }
}

/// CORE's `get_comparator_data`: a string `value` naming a column of the dataset is that
/// column unless `value_is_literal`; `--` in it is the domain prefix either way.
pub(crate) fn comparator<'f>(leaf: &Leaf, frame: &'f Frame) -> Operand<'f> {
    let Some(value) = &leaf.value else {
        return Operand::Literal(Cell::Null);
    };
    match value {
        serde_json::Value::String(s) => {
            if !leaf.value_is_literal
                && let Some(col) = frame.column(s)
            {
                return Operand::Column(col);
            }
            Operand::Literal(Cell::Str(frame.resolve(s).into()))
        }
        serde_json::Value::Array(items) => Operand::Literal(Cell::List(std::sync::Arc::new(
            items
                .iter()
                .map(|i| match i {
                    serde_json::Value::String(s) => Cell::Str(frame.resolve(s).into()),
                    other => Cell::from_json(other),
                })
                .collect(),
        ))),
        other => Operand::Literal(Cell::from_json(other)),
    }
}

#[cfg(test)]
pub(crate) mod testing {
    //! Small frames for operator tests.
    use crate::frame::{Cell, Frame};
    use crate::package::DatasetInfo;
    use crate::plan::Leaf;

    pub fn frame(domain: &str, columns: &[(&str, Vec<Cell>)]) -> Frame {
        let rows = columns.first().map_or(0, |c| c.1.len());
        Frame {
            info: DatasetInfo {
                name: domain.into(),
                domain: domain.into(),
                prefix: domain.into(),
                is_supp: false,
                class: None,
            },
            columns: columns.iter().map(|c| c.0.to_owned()).collect(),
            data: columns.iter().map(|c| c.1.clone().into()).collect(),
            records: (1..=rows as u64).collect(),
            files: vec![0; rows],
            file_names: vec![domain.into()],
            source_len: None,
            raw_values: false,
        }
    }

    pub fn s(v: &str) -> Cell {
        if v.is_empty() {
            Cell::Null
        } else {
            Cell::Str(v.into())
        }
    }

    pub fn leaf(target: &str, operator: &str, value: Option<serde_json::Value>) -> Leaf {
        Leaf {
            target: target.into(),
            operator: operator.into(),
            value,
            ..Leaf::default()
        }
    }
}
