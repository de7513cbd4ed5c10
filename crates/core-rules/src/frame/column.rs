//! A frame's column: cells a rule reads, converted from the dataset's table only when a rule
//! first reads them.

use super::Cell;
use model::ValueRef;
use std::sync::{Arc, OnceLock};
use table::Table;

/// A column's cells, shared: cloning a frame for a join or an operation copies no cells.
///
/// A dataset's column stays in its Arrow table until a rule reads it: as cells a 1,000,000-row
/// LB costs 24 MB a variable, and a rule reads a few of its variables, not all of them.
#[derive(Clone)]
pub struct Column(Arc<Lazy>);

struct Lazy {
    cells: OnceLock<Vec<Cell>>,
    /// Where the cells come from until read, end to end (split datasets are checked as one).
    parts: Vec<Part>,
}

#[derive(Clone)]
enum Part {
    Table(Arc<Table>, usize),
    Repeat(Cell, usize),
    /// Rows of another column, in this order (repeats allowed; a row past its end is null): a
    /// join's sides.
    Rows(Column, Arc<[usize]>),
}

impl Column {
    /// Computed cells.
    pub fn new(cells: Vec<Cell>) -> Column {
        Column(Arc::new(Lazy {
            cells: OnceLock::from(cells),
            parts: Vec::new(),
        }))
    }

    /// Column `i` of a table, read when first asked for.
    pub fn of_table(table: &Arc<Table>, i: usize) -> Column {
        Column::of_parts(vec![Part::Table(table.clone(), i)])
    }

    /// The cells at `rows` of this column, taken only when read; a row past the end (such as
    /// [`NO_ROW`]) is null.
    pub fn take(&self, rows: &Arc<[usize]>) -> Column {
        // A repeated cell stays one: the value-check view repeats a variable's name and type
        // on every row, and a rule's later conditions take a few of those rows.
        if let [Part::Repeat(cell, n)] = self.0.parts.as_slice()
            && rows.iter().all(|r| r < n)
        {
            return Column::repeat(cell.clone(), rows.len());
        }
        Column::of_parts(vec![Part::Rows(self.clone(), rows.clone())])
    }

    /// The same cells read into a cache of their own: what reads them is dropped with them,
    /// not kept for the frame this column came from.
    pub fn unshared(&self) -> Column {
        if self.0.parts.is_empty() {
            return self.clone();
        }
        Column::of_parts(self.0.parts.clone())
    }

    /// The cell on every row, when the column is one cell repeated.
    pub fn constant(&self) -> Option<&Cell> {
        match self.0.parts.as_slice() {
            [Part::Repeat(cell, _)] => Some(cell),
            _ => None,
        }
    }

    /// `n` copies of a cell, made only when read.
    pub fn repeat(cell: Cell, n: usize) -> Column {
        Column::of_parts(vec![Part::Repeat(cell, n)])
    }

    fn of_parts(parts: Vec<Part>) -> Column {
        Column(Arc::new(Lazy {
            cells: OnceLock::new(),
            parts,
        }))
    }

    pub fn cells(&self) -> &[Cell] {
        self.0.cells.get_or_init(|| cells_of(&self.0.parts))
    }

    /// Whether the cells exist (computed, or read from the table already).
    pub fn is_read(&self) -> bool {
        self.0.cells.get().is_some()
    }

    /// This column's rows, then `other`'s; unread table columns stay unread.
    pub fn concat(&self, other: &Column) -> Column {
        let unread = |c: &Column| !c.is_read() && !c.0.parts.is_empty();
        if !unread(self) || !unread(other) {
            let cells = self.cells().iter().chain(other.cells()).cloned().collect();
            return Column::new(cells);
        }
        let parts = self.0.parts.iter().chain(&other.0.parts);
        Column::of_parts(parts.cloned().collect())
    }

    /// Drops cells read from the table, to be read again if asked for, unless another frame
    /// shares them (then they go with it). Computed cells stay: they have no other source.
    pub fn release(&mut self) {
        if let Some(lazy) = Arc::get_mut(&mut self.0)
            && !lazy.parts.is_empty()
        {
            lazy.cells.take();
        }
    }
}

/// Rules index a column as a slice; the first to do so reads it from the table.
impl std::ops::Deref for Column {
    type Target = [Cell];

    fn deref(&self) -> &[Cell] {
        self.cells()
    }
}

impl From<Vec<Cell>> for Column {
    fn from(cells: Vec<Cell>) -> Column {
        Column::new(cells)
    }
}

impl PartialEq for Column {
    fn eq(&self, other: &Column) -> bool {
        Arc::ptr_eq(&self.0, &other.0) || self.cells() == other.cells()
    }
}

impl std::fmt::Debug for Column {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0.cells.get() {
            Some(cells) => cells.fmt(f),
            None => f.write_str("(not read)"),
        }
    }
}

/// A row [`Column::take`] reads as null: an unmatched row of a left join.
pub const NO_ROW: usize = usize::MAX;

/// Distinct texts shared per column at most; beyond it values are stored as they come
/// (a column of mostly unique values, like dates, gains nothing from sharing).
const INTERN_LIMIT: usize = 4096;

/// Equal texts of a column share one allocation (LBTESTCD, units, visit names repeat on every
/// row of a large LB).
#[derive(Default)]
struct Interner {
    seen: foldhash::HashSet<Arc<str>>,
    /// Sorted datasets repeat a value over runs of rows: the previous one is checked first.
    last: Option<Arc<str>>,
}

impl Interner {
    fn cell(&mut self, v: ValueRef<'_>) -> Cell {
        match v {
            ValueRef::Char(s) => {
                if let Some(l) = self.last.as_ref().filter(|l| ***l == *s) {
                    return Cell::Str(l.clone());
                }
                let shared = self.seen.get(s).cloned().unwrap_or_else(|| {
                    let new: Arc<str> = s.into();
                    if self.seen.len() < INTERN_LIMIT {
                        self.seen.insert(new.clone());
                    }
                    new
                });
                Cell::Str(self.last.insert(shared).clone())
            }
            other => Cell::from(other),
        }
    }
}

fn cells_of(parts: &[Part]) -> Vec<Cell> {
    let len = parts.iter().map(|p| match p {
        Part::Table(t, _) => t.len(),
        Part::Repeat(_, n) => *n,
        Part::Rows(_, rows) => rows.len(),
    });
    let mut out = Vec::with_capacity(len.sum());
    let mut interner = Interner::default();
    for p in parts {
        match p {
            Part::Table(t, i) => push_column(&mut out, &mut interner, t, *i),
            Part::Repeat(cell, n) => out.extend(std::iter::repeat_n(cell.clone(), *n)),
            // No rows read nothing: a condition no row reached leaves the column unread.
            Part::Rows(_, rows) if rows.is_empty() => {}
            Part::Rows(from, rows) => {
                let from = from.cells();
                out.extend(
                    rows.iter()
                        .map(|&r| from.get(r).cloned().unwrap_or(Cell::Null)),
                );
            }
        }
    }
    out
}

fn push_column(out: &mut Vec<Cell>, interner: &mut Interner, table: &Table, i: usize) {
    match table.column(i) {
        Some(c) => out.extend(c.iter().map(|v| interner.cell(v))),
        None => out.extend(std::iter::repeat_n(Cell::Null, table.len())),
    }
}

/// One column of a table as cells, read now.
pub fn column_of(table: &Table, i: usize) -> Vec<Cell> {
    let mut out = Vec::with_capacity(table.len());
    push_column(&mut out, &mut Interner::default(), table, i);
    out
}
