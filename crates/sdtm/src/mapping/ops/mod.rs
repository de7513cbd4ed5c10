//! One file per operation: each parses its spec form (with key paths) and applies itself to
//! one record. A value travels with the cell it came from, so every finding can point at it.

pub(crate) mod concat;
pub(crate) mod constant;
pub(crate) mod copy;
pub(crate) mod date;
pub(crate) mod lookup;
pub(crate) mod number;
pub(crate) mod recode;

use super::plan::{Op, Step, UnpivotItem, VarPlan};
use model::{Finding, SourceCell, Value, VarType};
use sheets::{RawCell, RawRow, RawTable, RawValue};
use std::borrow::Cow;
use std::collections::HashMap;

/// A value on its way through the steps: still the raw cell, or already a value.
#[derive(Debug, Clone)]
pub(crate) enum Got {
    Null,
    Raw(RawCell),
    Val(Value),
}

impl Got {
    pub fn is_null(&self) -> bool {
        match self {
            Got::Null => true,
            Got::Raw(c) => c.value.is_blank(),
            Got::Val(v) => v.is_null(),
        }
    }

    /// The value as a cell the `sheets` parsers read; a text value keeps its source cell.
    pub fn as_cell(&self, src: Option<&SourceCell>) -> RawCell {
        match self {
            Got::Raw(c) => c.clone(),
            Got::Null => RawCell {
                value: RawValue::Empty,
                cell: src.map(|s| s.cell).unwrap_or(model::CellRef::new(0, 0)),
            },
            Got::Val(v) => RawCell {
                value: match v {
                    Value::Num(n) => RawValue::Number(*n),
                    Value::Char(s) => RawValue::Text(s.clone()),
                    Value::Missing(_) => RawValue::Empty,
                },
                cell: src.map(|s| s.cell).unwrap_or(model::CellRef::new(0, 0)),
            },
        }
    }

    pub fn text(&self) -> String {
        match self {
            Got::Null => String::new(),
            Got::Raw(c) => sheets::text(c).into_owned(),
            Got::Val(v) if v.is_missing() => String::new(),
            Got::Val(v) => v.to_string().trim().to_owned(),
        }
    }
}

/// Spec column name → index in the table, looked up for every variable of every record.
pub(crate) type Cols = HashMap<String, usize, foldhash::fast::FixedState>;

/// Everything one record's evaluation may read.
pub(crate) struct RowCtx<'a> {
    pub dataset: &'a str,
    pub table: &'a RawTable,
    pub row: &'a RawRow,
    /// Spec column name → index in the table (absent columns were reported once).
    pub cols: &'a Cols,
    pub item: Option<(&'a UnpivotItem, Option<usize>)>,
    /// Variables already evaluated for this record.
    pub done: &'a [(&'a str, Cow<'a, Value>)],
    pub subject: &'a str,
    pub lookups: &'a lookup::Lookups,
}

impl RowCtx<'_> {
    pub fn cell(&self, column: &str) -> Option<&RawCell> {
        self.cols.get(column).and_then(|&i| self.row.cells.get(i))
    }

    pub fn source(&self, cell: &RawCell) -> SourceCell {
        self.table.source(cell.cell)
    }

    pub fn finding(&self, f: Finding, variable: &str) -> Finding {
        f.in_dataset(self.dataset).with_variable(variable)
    }
}

/// Evaluates one variable of one record; problems go to `out`.
pub(crate) fn eval(
    var: &VarPlan,
    ctx: &RowCtx<'_>,
    out: &mut Vec<Finding>,
) -> (Value, Option<SourceCell>) {
    let (got, src) = match &var.op {
        Op::Constant(v) => (Got::Val(v.clone()), None),
        Op::Column(c) => copy::get(ctx, c),
        Op::Item => match ctx.item {
            Some((_, Some(i))) => match ctx.row.cells.get(i) {
                Some(c) => (Got::Raw(c.clone()), Some(ctx.source(c))),
                None => (Got::Null, None),
            },
            _ => (Got::Null, None),
        },
        Op::ItemSet => match ctx.item {
            Some((item, _)) => (constant::item_value(item, &var.name), None),
            None => (Got::Null, None),
        },
        Op::Concat(parts) => concat::apply(parts, ctx),
        Op::From(name) => (
            ctx.done
                .iter()
                .find(|(n, _)| *n == name)
                .map_or(Got::Null, |(_, v)| Got::Val(v.as_ref().clone())),
            None,
        ),
        Op::Lookup(l) => {
            return lookup::apply(l, var, ctx, out);
        }
    };
    finish(var, got, src, ctx, out)
}

/// Runs the steps and the final conversion to the variable's type.
pub(crate) fn finish(
    var: &VarPlan,
    got: Got,
    src: Option<SourceCell>,
    ctx: &RowCtx<'_>,
    out: &mut Vec<Finding>,
) -> (Value, Option<SourceCell>) {
    // An empty cell is reported here; a value a step refused was reported by the step.
    let empty = got.is_null();
    let got = run_steps(&var.steps, &var.name, got, src.as_ref(), ctx, out);
    let value = to_type(var.vtype, got, &var.name, src.as_ref(), ctx, out);
    if var.required
        && empty
        && let Some(s) = &src
    {
        out.push(ctx.finding(
            super::checks::Check::RequiredEmpty.at(
                s.clone(),
                format!("{} is required but the cell is empty", var.name),
            ),
            &var.name,
        ));
    }
    (value, src)
}

pub(crate) fn run_steps(
    steps: &[Step],
    var: &str,
    mut got: Got,
    src: Option<&SourceCell>,
    ctx: &RowCtx<'_>,
    out: &mut Vec<Finding>,
) -> Got {
    for step in steps {
        if got.is_null() {
            return Got::Null;
        }
        got = match step {
            Step::Recode(r) => recode::apply(r, var, &got, src, ctx, out),
            Step::Date(formats) => date::apply(formats, var, &got, src, ctx, out),
            Step::Number(n) => number::apply(n, var, &got, src, ctx, out),
            Step::Present(c) => Got::Val(Value::char(c.clone())),
            Step::Decode { from, to } => standards::ct()
                .pair(from, &got.text(), to)
                .map_or(Got::Null, |s| Got::Val(Value::char(s))),
        };
    }
    got
}

fn to_type(
    vtype: VarType,
    got: Got,
    var: &str,
    src: Option<&SourceCell>,
    ctx: &RowCtx<'_>,
    out: &mut Vec<Finding>,
) -> Value {
    if got.is_null() {
        return Value::NULL;
    }
    match (vtype, got) {
        (VarType::Char, Got::Val(Value::Num(n))) => Value::char(number::format(n)),
        (VarType::Char, g) => Value::char(g.text()),
        (VarType::Num, Got::Val(Value::Num(n))) => Value::Num(n),
        (VarType::Num, g) => match sheets::parse_number(&g.as_cell(src)) {
            Ok(n) => Value::Num(n),
            Err(p) => {
                if let Some(f) = src.and_then(|s| p.finding(s.clone())) {
                    out.push(ctx.finding(f, var));
                }
                Value::NULL
            }
        },
    }
}
