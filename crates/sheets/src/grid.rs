//! A sheet's cells by absolute position, already converted to [`RawValue`]s, with merged
//! regions resolved on reading.
//!
//! Cells arrive in any order ([`GridBuilder`]); a row is a vector of cells by absolute
//! column, so a table whose columns start at A can take a row whole, and the others free
//! each row once taken.

use crate::value::{ConvertIssue, RawCell, RawValue, from_data};
use calamine::{Data, Dimensions, Range};
use model::CellRef;
use std::collections::HashMap;

pub(crate) struct Grid {
    rows: Vec<Vec<RawCell>>,
    /// Cells whose value could not be kept as read (rare): reported only for table cells.
    issues: HashMap<(u32, u32), ConvertIssue>,
    merges: Vec<Dimensions>,
    pub start: (u32, u32),
    pub end: (u32, u32),
}

static EMPTY: RawValue = RawValue::Empty;

pub(crate) fn is_blank(v: &RawValue) -> bool {
    v.is_blank()
}

/// Cells in, a [`Grid`] out. The grid spans the cells that were given a value, an empty
/// text included, as calamine's ranges do.
#[derive(Default)]
pub(crate) struct GridBuilder {
    rows: Vec<Vec<RawCell>>,
    issues: HashMap<(u32, u32), ConvertIssue>,
    bounds: Option<((u32, u32), (u32, u32))>,
    /// One past the rightmost column holding a value so far.
    width: usize,
}

impl GridBuilder {
    pub fn push(&mut self, row: u32, col: u32, data: Data) {
        if matches!(data, Data::Empty) {
            return;
        }
        self.bounds = Some(match self.bounds {
            None => ((row, col), (row, col)),
            Some((s, e)) => ((s.0.min(row), s.1.min(col)), (e.0.max(row), e.1.max(col))),
        });
        let (value, issue) = from_data(data);
        if let Some(issue) = issue {
            self.issues.insert((row, col), issue);
        }
        if value == RawValue::Empty {
            return;
        }
        let (r, c) = (row as usize, col as usize);
        if self.rows.len() <= r {
            self.rows.resize_with(r + 1, Vec::new);
        }
        let width = self.width.max(c + 1);
        self.width = width;
        let cells = &mut self.rows[r];
        if cells.len() <= c {
            // Rows are mostly as wide as the widest so far: one allocation a row, no slack.
            if cells.capacity() == 0 {
                cells.reserve_exact(width);
            }
            while cells.len() <= c {
                let cell = CellRef::new(row, cells.len() as u32);
                cells.push(RawCell {
                    value: RawValue::Empty,
                    cell,
                });
            }
        }
        cells[c].value = value;
    }

    /// `None` for a sheet without a used cell.
    pub fn finish(self) -> Option<Grid> {
        let (start, end) = self.bounds?;
        Some(Grid {
            rows: self.rows,
            issues: self.issues,
            merges: Vec::new(),
            start,
            end,
        })
    }
}

impl Grid {
    /// The grid of a range read whole (formats read without streaming, and CSV), spanning
    /// what the range spans.
    pub fn from_range(mut range: Range<Data>) -> Option<Grid> {
        let (start, end) = (range.start()?, range.end()?);
        let mut b = GridBuilder::default();
        let (height, width) = range.get_size();
        for r in 0..height {
            for c in 0..width {
                let data = std::mem::take(&mut range[(r, c)]);
                b.push(start.0 + r as u32, start.1 + c as u32, data);
            }
        }
        Some(Grid {
            rows: b.rows,
            issues: b.issues,
            merges: Vec::new(),
            start,
            end,
        })
    }

    pub fn set_merges(&mut self, merges: Vec<Dimensions>) {
        self.merges = merges;
    }

    pub fn get(&self, row: u32, col: u32) -> &RawValue {
        self.rows
            .get(row as usize)
            .and_then(|r| r.get(col as usize))
            .map_or(&EMPTY, |c| &c.value)
    }

    /// Moves the value out, leaving the cell empty.
    pub fn take(&mut self, row: u32, col: u32) -> RawValue {
        self.rows
            .get_mut(row as usize)
            .and_then(|r| r.get_mut(col as usize))
            .map(|c| std::mem::take(&mut c.value))
            .unwrap_or_default()
    }

    /// The row's cells, as many as `width` from column A (missing ones empty), taken whole.
    pub fn take_row(&mut self, row: u32, width: usize) -> Vec<RawCell> {
        let mut cells = self
            .rows
            .get_mut(row as usize)
            .map(std::mem::take)
            .unwrap_or_default();
        cells.truncate(width);
        while cells.len() < width {
            let cell = CellRef::new(row, cells.len() as u32);
            cells.push(RawCell {
                value: RawValue::Empty,
                cell,
            });
        }
        cells
    }

    /// Frees a row whose cells are no longer needed.
    pub fn drop_row(&mut self, row: u32) {
        if let Some(r) = self.rows.get_mut(row as usize) {
            *r = Vec::new();
        }
    }

    /// Why the cell's value is not what the sheet shows, if it is not.
    pub fn issue(&self, row: u32, col: u32) -> Option<&ConvertIssue> {
        // Asked of every table cell; most sheets have none to look up.
        if self.issues.is_empty() {
            return None;
        }
        self.issues.get(&(row, col))
    }

    /// The merged region holding the cell, when it spans more than one cell.
    pub fn merge_at(&self, row: u32, col: u32) -> Option<&Dimensions> {
        self.merges
            .iter()
            .find(|m| m.start != m.end && m.contains(row, col))
    }

    /// The value a reader sees: inside a merged region, that of its top-left cell.
    pub fn shown(&self, row: u32, col: u32) -> &RawValue {
        match self.merge_at(row, col) {
            Some(m) => self.get(m.start.0, m.start.1),
            None => self.get(row, col),
        }
    }

    pub fn merges(&self) -> impl Iterator<Item = &Dimensions> {
        self.merges.iter().filter(|m| m.start != m.end)
    }

    pub fn row_is_blank(&self, row: u32) -> bool {
        (self.start.1..=self.end.1).all(|c| is_blank(self.get(row, c)))
    }

    /// Column and text of the cell that would begin a notes block: the first non-blank cell
    /// of the row, when it is text and either alone in its row or in the first column. (A
    /// data row with an empty ID and a comment starting with `*` is not a note.)
    pub fn note_candidate(&self, row: u32) -> Option<(u32, &str)> {
        let mut filled = (self.start.1..=self.end.1).filter(|&c| !is_blank(self.get(row, c)));
        let col = filled.next()?;
        let alone = filled.next().is_none();
        match self.get(row, col) {
            RawValue::Text(s) if alone || col == self.start.1 => Some((col, s)),
            _ => None,
        }
    }
}
