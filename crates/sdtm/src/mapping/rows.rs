//! Mapping rows of one table into records, one row at a time: the subject checks, each
//! variable through its memo, the record's provenance.

use super::checks::Check;
use super::memo::{Eval, Memo, Src};
use super::ops::{self, Cols, RowCtx};
use super::plan::{FilterTest, SourcePlan, UnpivotItem};
use super::records::{MapCx, Records, Subjects, SuppRec};
use model::{CellRef, Finding, Value};
use sheets::{RawRow, RawTable};
use std::borrow::Cow;
use std::collections::HashSet;
use std::ops::Range;

/// The rows of a table: taken from it, or read in place.
pub(crate) enum RowsOf {
    Owned(std::vec::IntoIter<RawRow>),
    Shared(Range<usize>),
}

impl RowsOf {
    pub fn iter(self, table: &RawTable) -> Box<dyn Iterator<Item = Cow<'_, RawRow>> + '_> {
        match self {
            RowsOf::Owned(rows) => Box::new(rows.map(Cow::Owned)),
            RowsOf::Shared(range) => {
                let rows = table.rows.get(range).unwrap_or_default();
                Box::new(rows.iter().map(Cow::Borrowed))
            }
        }
    }
}

/// One table's columns as the plan names them, and what the rows share.
pub(crate) struct TableCx<'a> {
    pub plan: &'a SourcePlan,
    pub cx: &'a MapCx<'a>,
    pub table: &'a RawTable,
    pub cols: &'a Cols,
}

impl<'a> TableCx<'a> {
    /// What an operation sees of one record: its row, unpivot item, the variables already
    /// worked out, its subject.
    fn row_ctx<'r>(
        &self,
        row: &'r RawRow,
        item: Option<(&'r UnpivotItem, Option<usize>)>,
        done: &'r [(&'r str, Cow<'r, Value>)],
        subject: &'r str,
    ) -> RowCtx<'r>
    where
        'a: 'r,
    {
        RowCtx {
            dataset: self.cx.domain,
            table: self.table,
            row,
            cols: self.cols,
            item,
            done,
            subject,
            lookups: self.cx.lookups,
        }
    }
}

/// Maps `rows` of the table into `recs`. `reported` holds the subjects already reported as
/// missing from the demographics sheet.
pub(crate) fn map_rows(
    t: &TableCx<'_>,
    rows: RowsOf,
    recs: &mut Records,
    demo: &mut Subjects,
    reported: &mut HashSet<String>,
    out: &mut Vec<Finding>,
) {
    let TableCx {
        plan,
        cx,
        table,
        cols,
    } = *t;
    let items: Vec<_> = if plan.unpivot.is_empty() {
        vec![None]
    } else {
        plan.unpivot
            .iter()
            .map(|i| Some((i, cols.get(&i.column).copied())))
            .collect()
    };
    // The records' columns of the plan's variables: found at the first record, the same for
    // every other.
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
        if subject.is_empty() || !keep(plan, cols, row) {
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
                let (v, s) = memo.eval(var, &t.row_ctx(row, *item, &done, &subject), out);
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
                let ctx = t.row_ctx(row, *item, &done, &subject);
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

fn keep(plan: &SourcePlan, cols: &Cols, row: &RawRow) -> bool {
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
        let b: Vec<RawRow> = RowsOf::Shared(0..3)
            .iter(&shared)
            .map(|r| r.into_owned())
            .collect();
        let tail: Vec<RawRow> = RowsOf::Shared(1..3)
            .iter(&shared)
            .map(|r| r.into_owned())
            .collect();
        assert_eq!(a, shared.rows);
        assert_eq!(b, shared.rows);
        assert_eq!(tail, shared.rows[1..]);
        assert!(taken.rows.is_empty(), "the rows left the table");
    }
}
