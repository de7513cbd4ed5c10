//! A sheet's cells by absolute position, with merged regions resolved on reading.

use calamine::{Data, Dimensions, Range};

pub(crate) struct Grid {
    range: Range<Data>,
    merges: Vec<Dimensions>,
    pub start: (u32, u32),
    pub end: (u32, u32),
}

static EMPTY: Data = Data::Empty;

pub(crate) fn is_blank(d: &Data) -> bool {
    match d {
        Data::Empty => true,
        Data::String(s) => s.trim().is_empty(),
        _ => false,
    }
}

impl Grid {
    /// `None` for a sheet without a used cell.
    pub fn new(range: Range<Data>) -> Option<Grid> {
        let (start, end) = (range.start()?, range.end()?);
        Some(Grid {
            range,
            merges: Vec::new(),
            start,
            end,
        })
    }

    pub fn set_merges(&mut self, merges: Vec<Dimensions>) {
        self.merges = merges;
    }

    fn relative(&self, row: u32, col: u32) -> Option<(usize, usize)> {
        let inside = (self.start.0..=self.end.0).contains(&row)
            && (self.start.1..=self.end.1).contains(&col);
        inside.then(|| ((row - self.start.0) as usize, (col - self.start.1) as usize))
    }

    pub fn get(&self, row: u32, col: u32) -> &Data {
        self.relative(row, col)
            .and_then(|p| self.range.get(p))
            .unwrap_or(&EMPTY)
    }

    /// Moves the value out, leaving the cell empty.
    pub fn take(&mut self, row: u32, col: u32) -> Data {
        match self.relative(row, col) {
            Some(p) if p.0 < self.range.height() && p.1 < self.range.width() => {
                std::mem::take(&mut self.range[p])
            }
            _ => Data::Empty,
        }
    }

    /// The merged region holding the cell, when it spans more than one cell.
    pub fn merge_at(&self, row: u32, col: u32) -> Option<&Dimensions> {
        self.merges
            .iter()
            .find(|m| m.start != m.end && m.contains(row, col))
    }

    /// The value a reader sees: inside a merged region, that of its top-left cell.
    pub fn shown(&self, row: u32, col: u32) -> &Data {
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
            Data::String(s) if alone || col == self.start.1 => Some((col, s)),
            _ => None,
        }
    }
}
