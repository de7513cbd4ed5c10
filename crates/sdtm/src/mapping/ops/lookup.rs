//! `lookup = { sheet = "Randomization", value = "Arm" }`: a value from another sheet, found
//! by the record's subject (`key` is the subject column there, `Subject ID` by default).
//! Several matching rows are narrowed by `pick`: `first`, `last`, or `min`/`max` after the
//! variable's steps (so dates compare as dates: RFSTDTC is the `min` of the dosing starts).

use super::{Got, RowCtx, finish};
use crate::mapping::plan::{Lookup, Pick, VarPlan};
use model::{Finding, SourceCell, Value};
use sheets::{RawTable, TableSpec};
use spec::{Diag, boolean, check_keys, join, number, string};
use std::collections::HashMap;
use std::sync::Arc;

pub(crate) fn parse(t: &toml::Table, path: &str, d: &mut Diag) -> Option<Lookup> {
    check_keys(
        t,
        path,
        &[
            "sheet",
            "key",
            "value",
            "pick",
            "header_row",
            "allow_hidden",
        ],
        d,
    );
    let sheet = string(t, "sheet", path, d);
    let value = string(t, "value", path, d);
    if sheet.is_none() || value.is_none() {
        d.err(path, "a lookup names its `sheet` and `value` column");
    }
    let pick = match string(t, "pick", path, d).as_deref() {
        None | Some("first") => Pick::First,
        Some("last") => Pick::Last,
        Some("min") => Pick::Min,
        Some("max") => Pick::Max,
        Some(other) => {
            d.near(
                &join(path, "pick"),
                format!("unknown pick `{other}`; use first, last, min or max"),
                other,
                ["first", "last", "min", "max"],
            );
            Pick::First
        }
    };
    let mut table = TableSpec::sheet(sheet?);
    table.header_row = number(t, "header_row", path, d).map(|n| n as u32);
    table.allow_hidden = boolean(t, "allow_hidden", path, d).unwrap_or(false);
    Some(Lookup {
        table,
        key: string(t, "key", path, d).unwrap_or_else(|| "Subject ID".to_owned()),
        value: value?,
        pick,
    })
}

/// The rows of each looked-up sheet by subject, built once per run.
#[derive(Debug, Default)]
pub(crate) struct Lookups {
    index: HashMap<(String, String, String), Index>,
}

#[derive(Debug, Default)]
struct Index {
    tables: Vec<(Arc<RawTable>, usize)>,
    rows: HashMap<String, Vec<(usize, usize)>>,
}

fn id(l: &Lookup) -> (String, String, String) {
    let sheet = l.table.sheet.clone().unwrap_or_default();
    (
        sheets::normalize_header(&sheet),
        l.key.clone(),
        l.value.clone(),
    )
}

impl Lookups {
    /// Indexes `tables` (the sheet of `l` in every workbook) by subject.
    pub fn add(&mut self, l: &Lookup, tables: &[Arc<RawTable>]) {
        let entry = self.index.entry(id(l)).or_default();
        if !entry.tables.is_empty() {
            return;
        }
        for t in tables {
            let (Some(k), Some(v)) = (t.column(&l.key), t.column(&l.value)) else {
                continue;
            };
            let ti = entry.tables.len();
            entry.tables.push((Arc::clone(t), v));
            for (ri, row) in t.rows.iter().enumerate() {
                if let Some(c) = row.cells.get(k) {
                    let s = sheets::text(c).into_owned();
                    if !s.is_empty() {
                        entry.rows.entry(s).or_default().push((ti, ri));
                    }
                }
            }
        }
    }
}

pub(crate) fn apply(
    l: &Lookup,
    var: &VarPlan,
    ctx: &RowCtx<'_>,
    out: &mut Vec<Finding>,
) -> (Value, Option<SourceCell>) {
    let Some(index) = ctx.lookups.index.get(&id(l)) else {
        return (Value::NULL, None);
    };
    let mut found: Vec<(Value, Option<SourceCell>)> = Vec::new();
    for &(ti, ri) in index.rows.get(ctx.subject).into_iter().flatten() {
        let (table, col) = &index.tables[ti];
        let Some(cell) = table.rows[ri].cells.get(*col) else {
            continue;
        };
        let got = Got::Raw(cell.clone());
        let lookup_var = VarPlan {
            required: false,
            ..var.clone()
        };
        let (v, s) = finish(&lookup_var, got, Some(table.source(cell.cell)), ctx, out);
        if !v.is_null() {
            found.push((v, s));
        }
    }
    let pick = match l.pick {
        Pick::First => found.into_iter().next(),
        Pick::Last => found.into_iter().last(),
        Pick::Min => found
            .into_iter()
            .min_by(|a, b| crate::order::compare(&a.0, &b.0)),
        Pick::Max => found
            .into_iter()
            .max_by(|a, b| crate::order::compare(&a.0, &b.0)),
    };
    pick.unwrap_or((Value::NULL, None))
}
