//! A workbook as plain data, so mess and breakage are edits on values whose cell address is
//! known before anything is written.

use crate::date::Date;

#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Num(f64),
    Date(Date),
    /// `=NA()` with its cached `#N/A` result.
    NaError,
}

impl Cell {
    pub fn text(s: impl Into<String>) -> Cell {
        Cell::Text(s.into())
    }
}

#[derive(Debug, Clone)]
pub struct Sheet {
    pub name: String,
    pub hidden: bool,
    /// Merged group headers above the column header: (first col, last col, label).
    pub groups: Vec<(u16, u16, String)>,
    pub header: Vec<String>,
    /// An empty row is written as a blank row.
    pub rows: Vec<Vec<Cell>>,
    /// Written two rows under the table.
    pub notes: Vec<String>,
}

impl Sheet {
    pub fn new(name: &str, header: &[&str]) -> Sheet {
        Sheet {
            name: name.to_string(),
            hidden: false,
            groups: Vec::new(),
            header: header.iter().map(|h| h.to_string()).collect(),
            rows: Vec::new(),
            notes: Vec::new(),
        }
    }

    pub fn header_rows(&self) -> usize {
        if self.groups.is_empty() { 1 } else { 2 }
    }

    pub fn col(&self, name: &str) -> usize {
        self.header
            .iter()
            .position(|h| h == name)
            .unwrap_or(usize::MAX)
    }

    /// A1-style address of data row `row` (0-based among `rows`) and column `col`.
    pub fn addr(&self, row: usize, col: usize) -> String {
        format!("{}{}", col_letter(col), row + self.header_rows() + 1)
    }

    pub fn data_rows(&self) -> usize {
        self.rows.iter().filter(|r| !r.is_empty()).count()
    }

    /// First data row whose column A is this subject id.
    pub fn find_subject(&self, id: &str) -> Option<usize> {
        self.rows
            .iter()
            .position(|r| matches!(r.first(), Some(Cell::Text(t)) if t == id))
    }
}

pub fn col_letter(col: usize) -> String {
    let mut n = col + 1;
    let mut s = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        s.push(b'A' + r as u8);
        n = (n - 1) / 26;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

#[derive(Debug, Clone)]
pub struct Book {
    pub file: String,
    pub sheets: Vec<Sheet>,
}

impl Book {
    pub fn sheet(&self, name: &str) -> Option<&Sheet> {
        self.sheets.iter().find(|s| s.name == name)
    }
    pub fn sheet_mut(&mut self, name: &str) -> Option<&mut Sheet> {
        self.sheets.iter_mut().find(|s| s.name == name)
    }
}
