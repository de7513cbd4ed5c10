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
use std::borrow::Cow;
use std::sync::Arc;

type Eval = fn(&Leaf, &Frame) -> Result<Vec<bool>, EvalError>;

/// What an operator reads to answer for one row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reach {
    /// That row alone, and no value elsewhere in the column can make it raise: evaluating
    /// it on some rows gives those rows' answers.
    Row,
    /// That row alone when the comparator is a literal; against a column, all that column's
    /// values (CORE's `isin`, `contains` among all target values).
    RowWithLiteral,
    /// The whole column (uniqueness, groups, order), or a row elsewhere can make it raise.
    Column,
}

/// An operator family: the operators it implements, its evaluator, and each operator's reach.
struct Family {
    ops: &'static [&'static str],
    eval: Eval,
    reach: fn(&str) -> Reach,
}

const fn family_of(ops: &'static [&'static str], eval: Eval, reach: fn(&str) -> Reach) -> Family {
    Family { ops, eval, reach }
}

const FAMILIES: &[Family] = &[
    family_of(presence::OPERATORS, presence::eval, |_| Reach::Row),
    family_of(compare::OPERATORS, compare::eval, |_| Reach::Row),
    family_of(strings::OPERATORS, strings::eval, strings::reach),
    family_of(membership::OPERATORS, membership::eval, |_| {
        Reach::RowWithLiteral
    }),
    family_of(uniqueness::OPERATORS, uniqueness::eval, |_| Reach::Column),
    family_of(dates::OPERATORS, dates::eval, dates::reach),
    family_of(grouping::OPERATORS, grouping::eval, |_| Reach::Column),
    family_of(ordering::OPERATORS, ordering::eval, |_| Reach::Column),
];

fn family(op: &str) -> Option<&'static Family> {
    FAMILIES.iter().find(|f| f.ops.contains(&op))
}

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
    if family(&leaf.operator).is_some() {
        return None;
    }
    if let Some((_, why)) = NEEDS.iter().find(|(k, _)| leaf.operator.contains(k)) {
        return Some(format!("operator `{}` {why}", leaf.operator));
    }
    Some(format!("operator `{}` not implemented yet", leaf.operator))
}

/// Evaluates one leaf on a frame: `true` where the row meets the condition.
pub fn evaluate(leaf: &Leaf, frame: &Frame) -> Result<Vec<bool>, EvalError> {
    match family(&leaf.operator) {
        Some(f) => (f.eval)(leaf, frame),
        None => Err(EvalError::Invalid(format!(
            "operator `{}` not implemented",
            leaf.operator
        ))),
    }
}

/// Whether a leaf's answer for each row depends on that row alone (see [`Reach`]), so it may
/// be evaluated on the rows where it can still change a result.
pub fn row_local(leaf: &Leaf, frame: &Frame) -> bool {
    match family(&leaf.operator).map(|f| (f.reach)(&leaf.operator)) {
        Some(Reach::Row) => true,
        Some(Reach::RowWithLiteral) => matches!(comparator(leaf, frame), Operand::Literal(_)),
        Some(Reach::Column) | None => false,
    }
}

/// `judge` of each cell's text, once per distinct text: a column repeats its values (test
/// codes, units, a visit's date on each of its tests), and a run of one shared text (a sorted
/// column) is looked up once. `text_of` gives the text judged, or `None` for a cell that is
/// `absent` without being judged.
pub(crate) fn per_text<'c>(
    t: &'c [Cell],
    absent: bool,
    text_of: impl Fn(&'c Cell) -> Option<Cow<'c, str>>,
    mut judge: impl FnMut(&str) -> Result<bool, EvalError>,
) -> Result<Vec<bool>, EvalError> {
    let mut seen: foldhash::HashMap<Cow<'c, str>, bool> = Default::default();
    let mut last: Option<(&Arc<str>, bool)> = None;
    let mut out = Vec::with_capacity(t.len());
    for c in t {
        if let (Cell::Str(s), Some((prev, holds))) = (c, last)
            && Arc::ptr_eq(s, prev)
        {
            out.push(holds);
            continue;
        }
        let Some(text) = text_of(c) else {
            out.push(absent);
            continue;
        };
        let holds = match seen.get(&text) {
            Some(holds) => *holds,
            None => {
                let holds = judge(&text)?;
                if seen.len() < 65_536 {
                    seen.insert(text, holds);
                }
                holds
            }
        };
        if let Cell::Str(s) = c {
            last = Some((s, holds));
        }
        out.push(holds);
    }
    Ok(out)
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
