//! Mapping the rows of one source into records: the stage between raw tables and datasets,
//! where every value still knows its cell.

use super::checks::Check;
use super::columns::Interned;
use super::ops::{Cols, lookup::Lookups};
use super::plan::SourcePlan;
use super::read::{Tables, key};
use super::rows::{RowsOf, TableCx, map_rows};
use model::{CellRef, Finding, Origin, Provenance, SourceCell, Value, VarType};
use rayon::prelude::*;
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

    /// Appends `other`'s records after these: columns matched by name (a new name becomes a
    /// new column), each value interned again, provenance and qualifiers kept.
    pub fn append(&mut self, other: Records) {
        let start = self.len;
        let to: Vec<usize> = other
            .names
            .iter()
            .zip(&other.types)
            .map(|(n, (t, o))| self.col(n, *t, o.clone()))
            .collect();
        let mut filled = vec![false; self.cols.len()];
        for (c, &i) in other.cols.into_iter().zip(&to) {
            self.cols[i].append(c);
            filled[i] = true;
        }
        for (c, _) in self.cols.iter_mut().zip(filled).filter(|(_, f)| !f) {
            (0..other.len).for_each(|_| c.push_null());
        }
        self.provenance.append(&other.provenance, start, &to);
        self.supp.extend(other.supp);
        self.len += other.len;
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

/// Rows a piece of a large table holds when its mapping is shared among threads.
const PIECE: usize = 16_384;

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
        let owned = Arc::get_mut(&mut table).map(|t| std::mem::take(&mut t.rows));
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
        let t = TableCx {
            plan,
            cx,
            table,
            cols: &cols,
        };
        let len = owned.as_ref().map_or(table.rows.len(), Vec::len);
        let mut reported = HashSet::new();
        // The demographics sheet is read in order: its first row of a subject is the one kept.
        if plan.demographics || len < 2 * PIECE {
            let rows = match owned {
                Some(rows) => RowsOf::Owned(rows.into_iter()),
                None => RowsOf::Shared(0..len),
            };
            map_rows(&t, rows, recs, demo, &mut reported, out);
            continue;
        }
        let pieces: Vec<RowsOf> = match owned {
            Some(mut rows) => {
                let mut pieces = Vec::new();
                while !rows.is_empty() {
                    let tail = rows.split_off(rows.len().saturating_sub(PIECE));
                    pieces.push(RowsOf::Owned(tail.into_iter()));
                }
                pieces.reverse();
                pieces
            }
            None => (0..len)
                .step_by(PIECE)
                .map(|a| RowsOf::Shared(a..(a + PIECE).min(len)))
                .collect(),
        };
        let mapped: Vec<(Records, Vec<Finding>)> = pieces
            .into_par_iter()
            .map(|rows| {
                let (mut part, mut fs) = (Records::default(), Vec::new());
                let mut seen = HashSet::new();
                map_rows(
                    &t,
                    rows,
                    &mut part,
                    &mut Subjects::new(),
                    &mut seen,
                    &mut fs,
                );
                (part, fs)
            })
            .collect();
        // In row order, as one pass would give them: each unknown subject reported once.
        let unknown = Check::SubjectNotInDemographics.code();
        for (part, fs) in mapped {
            recs.append(part);
            out.extend(fs.into_iter().filter(|f| {
                f.code != unknown || f.values.first().is_none_or(|v| reported.insert(v.clone()))
            }));
        }
    }
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
