//! Mapping the rows of one source into records: the stage between raw tables and datasets,
//! where every value still knows its cell.

use super::checks::Check;
use super::columns::Interned;
use super::memo::{Eval, Memo, Src};
use super::ops::{self, Cols, RowCtx, lookup::Lookups};
use super::plan::{FilterTest, SourcePlan};
use super::read::{Tables, key};
use model::{CellRef, Finding, Origin, Provenance, SourceCell, Value, VarType};
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

#[derive(Debug, Clone)]
pub(crate) struct SuppRec {
    pub qnam: String,
    pub qlabel: String,
    pub qorig: String,
    pub value: Value,
    pub src: Option<SourceCell>,
}

/// Records of one domain, columns in order of first appearance, each value stored once per
/// column.
#[derive(Debug, Default)]
pub(crate) struct Records {
    pub names: Vec<String>,
    pub types: Vec<(VarType, Origin)>,
    cols: Vec<Interned>,
    len: usize,
    /// The cell behind each value, by (record, column).
    pub provenance: Provenance,
    pub supp: Vec<Vec<SuppRec>>,
}

impl Records {
    pub fn col(&mut self, name: &str, vtype: VarType, origin: Origin) -> usize {
        if let Some(i) = self.index(name) {
            return i;
        }
        self.names.push(name.to_owned());
        self.types.push((vtype, origin));
        self.cols.push(Interned::nulls(self.len));
        self.names.len() - 1
    }

    pub fn index(&self, name: &str) -> Option<usize> {
        self.names.iter().position(|n| n == name)
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn get(&self, row: usize, col: usize) -> &Value {
        self.cols[col].get(row)
    }

    /// Sets a value; returns its number in the column.
    pub fn set(&mut self, row: usize, col: usize, v: Value) -> u32 {
        self.cols[col].set(row, v)
    }

    pub fn column(&self, col: usize) -> &Interned {
        &self.cols[col]
    }

    pub fn column_mut(&mut self, col: usize) -> &mut Interned {
        &mut self.cols[col]
    }

    /// Appends a record whose every value is missing; returns its number.
    pub fn push_empty(&mut self) -> usize {
        self.cols.iter_mut().for_each(Interned::push_null);
        self.supp.push(Vec::new());
        self.len += 1;
        self.len - 1
    }

    /// A column's value as text, borrowed when it is text; `None` when null.
    pub fn text_at(&self, row: usize, col: usize) -> Option<Cow<'_, str>> {
        if row >= self.len {
            return None;
        }
        let v = self.cols.get(col)?.get(row);
        match v {
            _ if v.is_null() => None,
            Value::Char(s) => Some(Cow::Borrowed(s.as_str())),
            _ => Some(Cow::Owned(v.to_string())),
        }
    }

    pub fn text(&self, row: usize, name: &str) -> Option<String> {
        self.text_at(row, self.index(name)?).map(Cow::into_owned)
    }
}

/// Subjects of the demographics sheet, and where each was first seen.
pub(crate) type Subjects = HashMap<String, SourceCell>;

pub(crate) struct MapCx<'a> {
    pub domain: &'a str,
    pub tables: &'a Tables,
    pub lookups: &'a Lookups,
    /// `None` while mapping the demographics sheet itself, or when there is none.
    pub subjects: Option<&'a Subjects>,
}

pub(crate) fn map_source(
    plan: &SourcePlan,
    cx: &MapCx<'_>,
    recs: &mut Records,
    demo: &mut Subjects,
    mine: &mut Tables,
    out: &mut Vec<Finding>,
) {
    let k = key(&plan.table);
    let Some(tables) = mine.remove(&k).or_else(|| cx.tables.get(&k).cloned()) else {
        return;
    };
    for mut table in tables {
        // A sheet only this source reads is consumed: each row is freed once mapped, so the
        // records grow as the sheet shrinks.
        let rows = match Arc::get_mut(&mut table) {
            Some(t) => RowsOf::Owned(std::mem::take(&mut t.rows).into_iter()),
            None => RowsOf::Shared,
        };
        let table = &*table;
        let mut cols = Cols::default();
        for c in &plan.columns {
            match table.column(c) {
                Some(i) => {
                    cols.insert(c.clone(), i);
                }
                None => out.push(missing_column(table, c).in_dataset(cx.domain)),
            }
        }
        let mut reported: HashSet<String> = HashSet::new();
        let items: Vec<_> = if plan.unpivot.is_empty() {
            vec![None]
        } else {
            plan.unpivot
                .iter()
                .map(|i| Some((i, cols.get(&i.column).copied())))
                .collect()
        };
        // The records' columns of the plan's variables: found at the first record, the same
        // for every other.
        let mut idx: Vec<usize> = Vec::new();
        let mut memos: Vec<Memo> = plan.vars.iter().map(|_| Memo::default()).collect();
        // The address of this table's cells, reused for each value's provenance.
        let mut here = table.source(CellRef::new(0, 0));
        for row in rows.iter(table) {
            let row = &*row;
            let Some(subject_cell) = cols.get(&plan.subject).and_then(|&i| row.cells.get(i)) else {
                continue;
            };
            let subject = sheets::text(subject_cell).into_owned();
            // The subject's cell, made only for a finding or the first sight of a subject.
            let at = || table.source(subject_cell.cell);
            if subject.is_empty() || !keep(plan, &cols, row) {
                continue;
            }
            if plan.demographics {
                if let Some(first) = demo.get(&subject) {
                    out.push(
                        Check::DuplicateSubject
                            .at(
                                at(),
                                format!("subject `{subject}` appears again (first at {first})"),
                            )
                            .with_value(subject.clone())
                            .in_dataset(cx.domain),
                    );
                    continue;
                }
                demo.insert(subject.clone(), at());
            } else if let Some(known) = cx.subjects
                && !known.contains_key(&subject)
                && reported.insert(subject.clone())
            {
                out.push(
                    Check::SubjectNotInDemographics
                        .at(
                            at(),
                            format!("subject `{subject}` is not in the demographics sheet"),
                        )
                        .with_value(subject.clone())
                        .in_dataset(cx.domain),
                );
            }
            for item in &items {
                let mut done: Vec<(&str, Cow<'_, Value>)> = Vec::with_capacity(plan.vars.len());
                let mut slots = Vec::with_capacity(plan.vars.len());
                let mut srcs = Vec::with_capacity(plan.vars.len());
                for (var, memo) in plan.vars.iter().zip(&mut memos) {
                    let ctx = RowCtx {
                        dataset: cx.domain,
                        table,
                        row,
                        cols: &cols,
                        item: *item,
                        done: &done,
                        subject: &subject,
                        lookups: cx.lookups,
                    };
                    let (v, s) = memo.eval(var, &ctx, out);
                    let (shown, slot) = match v {
                        Eval::Kept(value, id) => (Cow::Borrowed(value), Some(id)),
                        Eval::Fresh(value) => (Cow::Owned(value), None),
                    };
                    done.push((var.name.as_str(), shown));
                    slots.push(slot);
                    srcs.push(s);
                }
                let mut supp = Vec::new();
                for q in &plan.supp {
                    let ctx = RowCtx {
                        dataset: cx.domain,
                        table,
                        row,
                        cols: &cols,
                        item: *item,
                        done: &done,
                        subject: &subject,
                        lookups: cx.lookups,
                    };
                    let (value, src) = ops::eval(&q.var, &ctx, out);
                    if !value.is_null() {
                        supp.push(SuppRec {
                            qnam: q.qnam.clone(),
                            qlabel: q.qlabel.clone(),
                            qorig: q.qorig.clone(),
                            value,
                            src,
                        });
                    }
                }
                if idx.len() != plan.vars.len() {
                    idx = plan
                        .vars
                        .iter()
                        .map(|v| recs.col(&v.name, v.vtype, v.origin.clone()))
                        .collect();
                }
                let record = recs.push_empty();
                for (((&i, (_, v)), slot), s) in idx.iter().zip(done).zip(slots).zip(srcs) {
                    match slot {
                        Some(Some(id)) => recs.column_mut(i).set_id(record, *id),
                        Some(id) => *id = Some(recs.set(record, i, v.into_owned())),
                        None => {
                            recs.set(record, i, v.into_owned());
                        }
                    }
                    match s {
                        Some(Src::Here(cell)) => {
                            here.cell = cell;
                            recs.provenance.set(record, i, &here);
                        }
                        Some(Src::Elsewhere(s)) => recs.provenance.set(record, i, &s),
                        None => {}
                    }
                }
                recs.supp[record] = supp;
            }
        }
    }
}

/// The rows of a table: taken from it, or read in place.
enum RowsOf {
    Owned(std::vec::IntoIter<sheets::RawRow>),
    Shared,
}

impl RowsOf {
    fn iter(
        self,
        table: &sheets::RawTable,
    ) -> Box<dyn Iterator<Item = Cow<'_, sheets::RawRow>> + '_> {
        match self {
            RowsOf::Owned(rows) => Box::new(rows.map(Cow::Owned)),
            RowsOf::Shared => Box::new(table.rows.iter().map(Cow::Borrowed)),
        }
    }
}

fn keep(plan: &SourcePlan, cols: &Cols, row: &sheets::RawRow) -> bool {
    plan.filters.iter().all(|f| {
        let text = cols
            .get(&f.column)
            .and_then(|&i| row.cells.get(i))
            .map(|c| standards::normalize(&sheets::text(c)))
            .unwrap_or_default();
        match &f.test {
            FilterTest::In(v) => v.contains(&text),
            FilterTest::NotIn(v) => !v.contains(&text),
        }
    })
}

fn missing_column(table: &sheets::RawTable, wanted: &str) -> Finding {
    let names: Vec<&str> = table.columns.iter().map(|c| c.name.as_str()).collect();
    let hint = model::text::did_you_mean(wanted, names.iter().copied())
        .map(|s| format!("; did you mean `{s}`?"))
        .unwrap_or_default();
    Check::MissingColumn
        .at(
            table.source(CellRef::new(table.header_row, 0)),
            format!("sheet `{}` has no column `{wanted}`{hint}", table.sheet),
        )
        .with_value(wanted)
}

#[cfg(test)]
mod tests {
    use super::RowsOf;
    use model::CellRef;
    use sheets::{RawCell, RawRow, RawTable, RawValue};

    fn table() -> RawTable {
        let row = |r: u32, t: &str| RawRow {
            row: r,
            cells: vec![RawCell {
                value: RawValue::Text(t.into()),
                cell: CellRef::new(r, 0),
            }],
        };
        RawTable {
            file: "site.xlsx".into(),
            sheet: "Labs".into(),
            header_row: 0,
            header_rows: 1,
            columns: Vec::new(),
            rows: vec![row(1, "a"), row(2, "b"), row(3, "c")],
        }
    }

    #[test]
    fn taken_rows_and_rows_read_in_place_are_the_same_rows() {
        let shared = table();
        let mut taken = table();
        let owned = RowsOf::Owned(std::mem::take(&mut taken.rows).into_iter());
        let a: Vec<RawRow> = owned.iter(&taken).map(|r| r.into_owned()).collect();
        let b: Vec<RawRow> = RowsOf::Shared
            .iter(&shared)
            .map(|r| r.into_owned())
            .collect();
        assert_eq!(a, shared.rows);
        assert_eq!(b, shared.rows);
        assert!(taken.rows.is_empty(), "the rows left the table");
    }
}
