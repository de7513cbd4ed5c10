//! Building a [`Table`] a row at a time, a batch at a time.

use crate::BATCH_ROWS;
use crate::table::Table;
use arrow_array::builder::{Float64Builder, StringBuilder};
use arrow_array::{ArrayRef, new_null_array};
use arrow_schema::DataType;
use model::{DatasetMeta, Missing, Provenance, ValueRef, VarType};
use rayon::prelude::*;
use std::sync::Arc;

/// Rows in, Arrow batches out: values are appended to typed column builders and cut into
/// batches of [`BATCH_ROWS`] rows, so building never holds a row vector per record.
pub struct TableBuilder {
    meta: DatasetMeta,
    columns: Vec<ColumnBuilder>,
    rows: usize,
    batches: Vec<Parts>,
    exceptions: Vec<bool>,
    text: String,
}

/// One finished batch: a column per variable and the exceptions of those that had any.
pub(crate) struct Parts {
    pub columns: Vec<ArrayRef>,
    pub exceptions: Vec<Option<ArrayRef>>,
    pub rows: usize,
}

enum Values {
    Num(Float64Builder),
    Char(StringBuilder),
}

/// One column of one batch: its values and, when it has any, its exceptions.
type Finished = (ArrayRef, Option<ArrayRef>);

struct ColumnBuilder {
    values: Values,
    exceptions: Option<StringBuilder>,
}

impl TableBuilder {
    pub fn new(meta: DatasetMeta) -> TableBuilder {
        let columns = meta
            .variables
            .iter()
            .map(|v| ColumnBuilder::new(v.vtype))
            .collect();
        let exceptions = vec![false; meta.variables.len()];
        TableBuilder {
            meta,
            columns,
            rows: 0,
            batches: Vec::new(),
            exceptions,
            text: String::new(),
        }
    }

    pub fn meta(&self) -> &DatasetMeta {
        &self.meta
    }

    /// Rows appended so far.
    pub fn len(&self) -> usize {
        self.batches.iter().map(|b| b.rows).sum::<usize>() + self.rows
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Appends one record in variable order. A short row is padded with missing values and
    /// values beyond the last variable are ignored, as a reader of a ragged row would.
    pub fn push_row<'a, I>(&mut self, row: I)
    where
        I: IntoIterator<Item = ValueRef<'a>>,
    {
        let mut row = row.into_iter();
        for i in 0..self.columns.len() {
            let v = row.next().unwrap_or(ValueRef::NULL);
            self.push_value(i, v);
        }
        self.rows += 1;
        if self.rows == BATCH_ROWS {
            self.cut();
        }
    }

    fn push_value(&mut self, i: usize, v: ValueRef<'_>) {
        if self.columns[i].push(self.rows, v, &mut self.text) {
            self.exceptions[i] = true;
        }
    }

    fn cut(&mut self) {
        let rows = std::mem::take(&mut self.rows);
        let (columns, exceptions) = self.columns.iter_mut().map(ColumnBuilder::finish).unzip();
        self.batches.push(Parts {
            columns,
            exceptions,
            rows,
        });
    }

    /// The table of every row appended, with no provenance.
    pub fn finish(self) -> Table {
        self.finish_with(Provenance::default())
    }

    pub fn finish_with(mut self, provenance: Provenance) -> Table {
        if self.rows > 0 || self.batches.is_empty() {
            self.cut();
        }
        assemble(self.meta, &self.exceptions, self.batches, provenance)
    }

    /// A table of `rows` records built a column at a time, columns on several threads:
    /// `value(column, record)` gives each value. What the rows would give pushed one by one.
    pub fn from_columns<'a, F>(
        meta: DatasetMeta,
        rows: usize,
        provenance: Provenance,
        value: F,
    ) -> Table
    where
        F: Fn(usize, usize) -> ValueRef<'a> + Sync,
    {
        let starts: Vec<usize> = (0..rows.max(1)).step_by(BATCH_ROWS).collect();
        let built: Vec<(Vec<Finished>, bool)> = meta
            .variables
            .par_iter()
            .enumerate()
            .map(|(i, var)| {
                let mut col = ColumnBuilder::new(var.vtype);
                let mut text = String::new();
                let mut odd = false;
                let batches = starts
                    .iter()
                    .map(|&a| {
                        for (k, r) in (a..(a + BATCH_ROWS).min(rows)).enumerate() {
                            odd |= col.push(k, value(i, r), &mut text);
                        }
                        col.finish()
                    })
                    .collect();
                (batches, odd)
            })
            .collect();
        let exceptions: Vec<bool> = built.iter().map(|(_, odd)| *odd).collect();
        let mut parts: Vec<Parts> = starts
            .iter()
            .map(|&a| Parts {
                columns: Vec::with_capacity(built.len()),
                exceptions: Vec::with_capacity(built.len()),
                rows: (a + BATCH_ROWS).min(rows) - a,
            })
            .collect();
        for (batches, _) in built {
            for (p, (values, exceptions)) in parts.iter_mut().zip(batches) {
                p.columns.push(values);
                p.exceptions.push(exceptions);
            }
        }
        assemble(meta, &exceptions, parts, provenance)
    }
}

/// The table of finished batches: a variable with an exception anywhere gets its companion
/// column in every batch.
fn assemble(
    meta: DatasetMeta,
    exceptions: &[bool],
    batches: Vec<Parts>,
    provenance: Provenance,
) -> Table {
    let with: Vec<usize> = (0..exceptions.len()).filter(|&i| exceptions[i]).collect();
    let parts = batches
        .into_iter()
        .map(|mut p| {
            for &i in &with {
                if p.exceptions[i].is_none() {
                    p.exceptions[i] = Some(new_null_array(&DataType::Utf8, p.rows));
                }
            }
            p
        })
        .collect();
    Table::from_parts(meta, &with, parts, provenance)
}

impl ColumnBuilder {
    fn new(vtype: VarType) -> ColumnBuilder {
        let values = match vtype {
            VarType::Num => Values::Num(Float64Builder::with_capacity(1024)),
            VarType::Char => Values::Char(StringBuilder::new()),
        };
        ColumnBuilder {
            values,
            exceptions: None,
        }
    }

    /// Appends a value to a batch holding `rows` values so far; true when it went to the
    /// exceptions (a special missing, or a value of the other type), spelled with `text`.
    fn push(&mut self, rows: usize, v: ValueRef<'_>, text: &mut String) -> bool {
        let odd = match (&mut self.values, v) {
            (Values::Num(b), ValueRef::Num(n)) => {
                b.append_value(n);
                None
            }
            (Values::Char(b), ValueRef::Char(s)) => {
                b.append_value(s);
                None
            }
            (Values::Num(b), _) => {
                b.append_null();
                Some(v)
            }
            (Values::Char(b), _) => {
                b.append_null();
                Some(v)
            }
        };
        match odd {
            None | Some(ValueRef::Missing(Missing::Dot)) => {
                if let Some(e) = &mut self.exceptions {
                    e.append_null();
                }
                false
            }
            Some(odd) => {
                text.clear();
                match odd {
                    ValueRef::Missing(m) => text.push_str(&m.to_string()),
                    ValueRef::Char(s) => {
                        text.push_str("c:");
                        text.push_str(s);
                    }
                    ValueRef::Num(n) => {
                        text.push_str("n:");
                        model::num::push_num(text, n);
                    }
                }
                let e = self.exceptions.get_or_insert_with(|| {
                    let mut e = StringBuilder::new();
                    e.append_nulls(rows);
                    e
                });
                e.append_value(&*text);
                true
            }
        }
    }

    /// The batch's values and exceptions; the builder starts the next batch empty.
    fn finish(&mut self) -> Finished {
        let values = match &mut self.values {
            Values::Num(b) => Arc::new(b.finish()) as ArrayRef,
            Values::Char(b) => Arc::new(b.finish()) as ArrayRef,
        };
        let exceptions = self
            .exceptions
            .take()
            .map(|mut e| Arc::new(e.finish()) as ArrayRef);
        (values, exceptions)
    }
}
