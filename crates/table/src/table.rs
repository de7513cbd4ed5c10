//! The table and its borrowed views: a column, a row, a value.

use crate::builder::{Parts, TableBuilder};
use crate::meta;
use arrow_array::cast::AsArray;
use arrow_array::types::Float64Type;
use arrow_array::{Array, ArrayRef, Float64Array, RecordBatch, StringArray};
use arrow_schema::{DataType, SchemaRef};
use model::{Dataset, DatasetMeta, Missing, Provenance, SourceCell, Value, ValueRef};
use std::sync::Arc;

/// A whole dataset in memory as Arrow record batches; see the [crate] documentation for
/// the layout.
#[derive(Debug, Clone)]
pub struct Table {
    meta: DatasetMeta,
    schema: SchemaRef,
    batches: Vec<RecordBatch>,
    chunks: Vec<Chunk>,
    /// First row of each batch, then the row count.
    starts: Vec<usize>,
    /// By (row, variable); dataset files do not carry it.
    pub provenance: Provenance,
}

/// A batch's columns, cast once to their concrete arrays.
#[derive(Debug, Clone)]
struct Chunk {
    columns: Vec<Col>,
    exceptions: Vec<Option<StringArray>>,
}

#[derive(Debug, Clone)]
enum Col {
    Num(Float64Array),
    Char(StringArray),
}

impl Table {
    pub(crate) fn from_parts(
        meta: DatasetMeta,
        with: &[usize],
        parts: Vec<Parts>,
        provenance: Provenance,
    ) -> Table {
        let schema = Arc::new(meta::schema(&meta, with));
        let batches = parts
            .into_iter()
            .map(|p| {
                let mut columns = p.columns;
                columns.extend(with.iter().filter_map(|&i| p.exceptions[i].clone()));
                RecordBatch::try_new(schema.clone(), columns)
                    .expect("the builder makes every column to the schema")
            })
            .collect();
        Table::assemble(meta, with, schema, batches, provenance)
    }

    /// A table over batches made elsewhere (another Arrow engine, a file), which must carry
    /// the schema metadata of [`meta::schema`]; says why when they do not.
    pub fn from_batches(schema: SchemaRef, batches: Vec<RecordBatch>) -> Result<Table, String> {
        let (meta, with) = meta::dataset_meta(&schema)?;
        for b in &batches {
            if b.schema().fields() != schema.fields() {
                return Err("a batch's columns differ from the schema's".into());
            }
        }
        Ok(Table::assemble(
            meta,
            &with,
            schema,
            batches,
            Provenance::default(),
        ))
    }

    fn assemble(
        meta: DatasetMeta,
        with: &[usize],
        schema: SchemaRef,
        batches: Vec<RecordBatch>,
        provenance: Provenance,
    ) -> Table {
        let n = meta.variables.len();
        let chunks = batches
            .iter()
            .map(|b| {
                let mut exceptions = vec![None; n];
                for (k, &i) in with.iter().enumerate() {
                    exceptions[i] = b.column(n + k).as_string_opt::<i32>().cloned();
                }
                Chunk {
                    columns: b.columns()[..n].iter().map(col).collect(),
                    exceptions,
                }
            })
            .collect();
        let mut starts = Vec::with_capacity(batches.len() + 1);
        let mut at = 0;
        for b in &batches {
            starts.push(at);
            at += b.num_rows();
        }
        starts.push(at);
        Table {
            meta,
            schema,
            batches,
            chunks,
            starts,
            provenance,
        }
    }

    pub fn meta(&self) -> &DatasetMeta {
        &self.meta
    }

    pub fn name(&self) -> &str {
        &self.meta.name
    }

    /// Number of records.
    pub fn len(&self) -> usize {
        self.starts.last().copied().unwrap_or(0)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn schema(&self) -> &SchemaRef {
        &self.schema
    }

    pub fn batches(&self) -> &[RecordBatch] {
        &self.batches
    }

    /// Column `i` (variable order), or `None` past the last variable.
    pub fn column(&self, i: usize) -> Option<Column<'_>> {
        (i < self.meta.variables.len()).then_some(Column { table: self, i })
    }

    /// A variable's column, matched case-insensitively as SAS does.
    pub fn column_named(&self, name: &str) -> Option<Column<'_>> {
        self.column(self.meta.index_of(name)?)
    }

    /// One value by 0-based row and column; `None` out of range.
    pub fn cell(&self, row: usize, col: usize) -> Option<ValueRef<'_>> {
        if row >= self.len() || col >= self.meta.variables.len() {
            return None;
        }
        let (b, r) = self.locate(row);
        Some(self.chunks[b].value(col, r))
    }

    /// One value by 0-based row and variable name.
    pub fn get(&self, row: usize, name: &str) -> Option<ValueRef<'_>> {
        self.cell(row, self.meta.index_of(name)?)
    }

    /// One record, or `None` past the last.
    pub fn row(&self, row: usize) -> Option<Row<'_>> {
        (row < self.len()).then(|| {
            let (b, r) = self.locate(row);
            Row {
                chunk: &self.chunks[b],
                r,
            }
        })
    }

    /// Every record in order.
    pub fn rows(&self) -> Rows<'_> {
        Rows(Cursor::new(self))
    }

    /// The workbook cell behind one value, by 0-based row and variable name.
    pub fn source(&self, row: usize, name: &str) -> Option<SourceCell> {
        self.provenance.get(row, self.meta.index_of(name)?)
    }

    fn locate(&self, row: usize) -> (usize, usize) {
        let b = self.starts.partition_point(|&s| s <= row) - 1;
        (b, row - self.starts[b])
    }

    /// The rows as values, for code that still builds on [`Dataset`].
    pub fn to_dataset(&self) -> Dataset {
        let rows = self.rows().map(|r| r.to_values()).collect();
        let mut ds = Dataset::with_rows(self.meta.clone(), rows);
        ds.provenance = self.provenance.clone();
        ds
    }

    /// A table of the dataset's rows, keeping its provenance.
    pub fn from_dataset(ds: &Dataset) -> Table {
        let mut b = TableBuilder::new(ds.meta.clone());
        for row in &ds.rows {
            b.push_row(row.iter().map(Value::view));
        }
        b.finish_with(ds.provenance.clone())
    }
}

/// A table is written as rows of values made one at a time (see [`Row::fill`]).
impl model::DatasetRows for Table {
    fn meta(&self) -> &DatasetMeta {
        &self.meta
    }

    fn len(&self) -> usize {
        Table::len(self)
    }

    fn try_each<E, F>(&self, mut f: F) -> Result<(), E>
    where
        F: FnMut(&[Value]) -> Result<(), E>,
    {
        let mut row = Vec::new();
        self.rows().try_for_each(|r| {
            r.fill(&mut row);
            f(&row)
        })
    }
}

impl From<Dataset> for Table {
    fn from(ds: Dataset) -> Table {
        Table::from_dataset(&ds)
    }
}

impl From<&Dataset> for Table {
    fn from(ds: &Dataset) -> Table {
        Table::from_dataset(ds)
    }
}

impl PartialEq for Table {
    /// Same metadata, same values in the same rows, same provenance; how the rows are cut
    /// into batches does not matter.
    fn eq(&self, other: &Table) -> bool {
        self.meta == other.meta
            && self.len() == other.len()
            && self.provenance == other.provenance
            && self
                .rows()
                .zip(other.rows())
                .all(|(a, b)| a.iter().eq(b.iter()))
    }
}

fn col(a: &ArrayRef) -> Col {
    match a.data_type() {
        DataType::Float64 => Col::Num(a.as_primitive::<Float64Type>().clone()),
        // The schema allows Utf8 and Float64 only (see `meta::dataset_meta`).
        _ => Col::Char(a.as_string::<i32>().clone()),
    }
}

impl Chunk {
    fn value(&self, col: usize, r: usize) -> ValueRef<'_> {
        value_at(&self.columns[col], self.exceptions[col].as_ref(), r)
    }
}

impl Col {
    fn len(&self) -> usize {
        match self {
            Col::Num(a) => a.len(),
            Col::Char(a) => a.len(),
        }
    }
}

/// Row `r` of one batch's column and its exceptions.
#[inline]
fn value_at<'a>(col: &'a Col, exceptions: Option<&'a StringArray>, r: usize) -> ValueRef<'a> {
    match col {
        Col::Num(a) if a.is_valid(r) => ValueRef::Num(a.value(r)),
        Col::Char(a) if a.is_valid(r) => ValueRef::Char(a.value(r)),
        _ => match exceptions {
            Some(e) if e.is_valid(r) => exception(e.value(r)),
            _ => ValueRef::NULL,
        },
    }
}

/// A value spelled in an exceptions column (see the crate documentation).
fn exception(text: &str) -> ValueRef<'_> {
    if let Some(s) = text.strip_prefix("c:") {
        ValueRef::Char(s)
    } else if let Some(n) = text.strip_prefix("n:") {
        n.parse().map_or(ValueRef::NULL, ValueRef::Num)
    } else {
        Missing::parse(text).map_or(ValueRef::NULL, ValueRef::Missing)
    }
}

/// One variable's values, borrowed from the table.
#[derive(Clone, Copy)]
pub struct Column<'a> {
    table: &'a Table,
    i: usize,
}

impl<'a> Column<'a> {
    /// The column's position among the variables.
    pub fn index(&self) -> usize {
        self.i
    }

    pub fn len(&self) -> usize {
        self.table.len()
    }

    pub fn is_empty(&self) -> bool {
        self.table.is_empty()
    }

    /// The value at a 0-based row; missing past the end.
    pub fn get(&self, row: usize) -> ValueRef<'a> {
        self.table.cell(row, self.i).unwrap_or(ValueRef::NULL)
    }

    /// Every value in row order, walking the batches rather than looking each row up.
    pub fn iter(&self) -> ColumnIter<'a> {
        ColumnIter {
            chunks: self.table.chunks.iter(),
            at: None,
            row: 0,
            rows: 0,
            left: self.table.len(),
            i: self.i,
        }
    }
}

/// Steps through a table's records batch by batch; rows and columns walk with it. A plain
/// cursor, not nested iterators: zipping several columns stays as fast as one loop.
#[derive(Clone)]
struct Cursor<'a> {
    table: &'a Table,
    batch: usize,
    row: usize,
    left: usize,
}

impl<'a> Cursor<'a> {
    fn new(table: &'a Table) -> Cursor<'a> {
        Cursor {
            table,
            batch: 0,
            row: 0,
            left: table.len(),
        }
    }

    fn next(&mut self) -> Option<(&'a Chunk, usize)> {
        while self.left > 0 {
            let t = self.table;
            let rows = t.starts[self.batch + 1] - t.starts[self.batch];
            if self.row < rows {
                self.row += 1;
                self.left -= 1;
                return Some((&t.chunks[self.batch], self.row - 1));
            }
            self.batch += 1;
            self.row = 0;
        }
        None
    }
}

/// A table's records in order.
#[derive(Clone)]
pub struct Rows<'a>(Cursor<'a>);

impl<'a> Iterator for Rows<'a> {
    type Item = Row<'a>;

    fn next(&mut self) -> Option<Row<'a>> {
        self.0.next().map(|(chunk, r)| Row { chunk, r })
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.0.left, Some(self.0.left))
    }
}

impl ExactSizeIterator for Rows<'_> {}

/// One column's values in row order. The batch's array is looked up once per batch, not
/// once per value: converting a column is most of what reading one costs the rules.
#[derive(Clone)]
pub struct ColumnIter<'a> {
    chunks: std::slice::Iter<'a, Chunk>,
    /// The current batch's array and exceptions.
    at: Option<(&'a Col, Option<&'a StringArray>)>,
    row: usize,
    rows: usize,
    left: usize,
    i: usize,
}

impl<'a> Iterator for ColumnIter<'a> {
    type Item = ValueRef<'a>;

    #[inline]
    fn next(&mut self) -> Option<ValueRef<'a>> {
        loop {
            if let Some((col, exceptions)) = self.at
                && self.row < self.rows
            {
                let r = self.row;
                self.row += 1;
                self.left -= 1;
                return Some(value_at(col, exceptions, r));
            }
            let chunk = self.chunks.next()?;
            let col = chunk.columns.get(self.i)?;
            let exceptions = chunk.exceptions.get(self.i).and_then(Option::as_ref);
            self.at = Some((col, exceptions));
            self.row = 0;
            self.rows = col.len();
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.left, Some(self.left))
    }
}

impl ExactSizeIterator for ColumnIter<'_> {}

/// One record, borrowed from the table.
#[derive(Clone, Copy)]
pub struct Row<'a> {
    chunk: &'a Chunk,
    r: usize,
}

impl<'a> Row<'a> {
    /// The value of variable `i`, or `None` past the last variable.
    pub fn get(&self, i: usize) -> Option<ValueRef<'a>> {
        (i < self.chunk.columns.len()).then(|| self.chunk.value(i, self.r))
    }

    pub fn len(&self) -> usize {
        self.chunk.columns.len()
    }

    pub fn is_empty(&self) -> bool {
        self.chunk.columns.is_empty()
    }

    pub fn iter(&self) -> RowIter<'a> {
        self.into_iter()
    }

    pub fn to_values(&self) -> Vec<Value> {
        self.iter().map(ValueRef::to_value).collect()
    }

    /// The record's values into `row`, replacing what it held and refilling its strings in
    /// place: a table written row by row allocates per row only what grows.
    pub fn fill(&self, row: &mut Vec<Value>) {
        row.truncate(self.len());
        for (i, v) in self.iter().enumerate() {
            match (row.get_mut(i), v) {
                (Some(Value::Char(s)), ValueRef::Char(text)) => {
                    s.clear();
                    s.push_str(text);
                }
                (_, v) => model::io::put(row, i, v.to_value()),
            }
        }
    }
}

impl<'a> IntoIterator for Row<'a> {
    type Item = ValueRef<'a>;
    type IntoIter = RowIter<'a>;

    fn into_iter(self) -> RowIter<'a> {
        RowIter { row: self, i: 0 }
    }
}

/// A record's values in variable order.
pub struct RowIter<'a> {
    row: Row<'a>,
    i: usize,
}

impl<'a> Iterator for RowIter<'a> {
    type Item = ValueRef<'a>;

    fn next(&mut self) -> Option<ValueRef<'a>> {
        let v = self.row.get(self.i)?;
        self.i += 1;
        Some(v)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = self.row.len() - self.i;
        (left, Some(left))
    }
}

impl ExactSizeIterator for RowIter<'_> {}
