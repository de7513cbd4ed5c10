//! The in-memory table a plan runs on: one dataset's columns (column-major, as a later
//! DataFusion lowering would hold them), plus the columns Match Datasets and Operations add.

mod column;

pub use column::{Column, NO_ROW, column_of};

use crate::package::DatasetInfo;
use model::{Value, ValueRef};
use std::sync::Arc;
use table::Table;

/// A cell's hashable identity with Python's equality; see [`Cell::key_ref`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Key<'a> {
    Null,
    Str(&'a str),
    Int(i64),
    Num(u64),
    Text(String),
}

/// One cell, typed as pandas holds it in CORE: strings, floats, nulls, and the lists that
/// operations such as `distinct` produce.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Null,
    /// Shared text: a frame's columns, joins and operations clone cells without copying text.
    Str(Arc<str>),
    Num(f64),
    /// Integers as operations such as `record_count` produce them (printed without `.0`).
    Int(i64),
    List(Arc<Vec<Cell>>),
}

impl Cell {
    /// CORE's "empty": null, the empty string, or an empty list (`NULL_FLAVORS`).
    pub fn is_empty(&self) -> bool {
        match self {
            Cell::Null => true,
            Cell::Str(s) => s.is_empty(),
            Cell::Num(n) => n.is_nan(),
            Cell::Int(_) => false,
            Cell::List(l) => l.is_empty(),
        }
    }

    /// Python `==`: strings never equal numbers, null equals nothing.
    pub fn py_eq(&self, other: &Cell) -> bool {
        match (self, other) {
            (Cell::Str(a), Cell::Str(b)) => Arc::ptr_eq(a, b) || a == b,
            (Cell::Num(a), Cell::Num(b)) => model::comparable(*a) == model::comparable(*b),
            (Cell::Int(a), Cell::Int(b)) => a == b,
            (Cell::Int(a), Cell::Num(b)) | (Cell::Num(b), Cell::Int(a)) => {
                *a as f64 == model::comparable(*b)
            }
            (Cell::List(a), Cell::List(b)) => {
                a.len() == b.len() && a.iter().zip(b.iter()).all(|(x, y)| x.py_eq(y))
            }
            _ => false,
        }
    }

    /// A hashable key with Python's equality: strings never equal numbers, `1` equals `1.0`,
    /// nulls are one value.
    pub fn key(&self) -> String {
        match self {
            Cell::Null => "\u{0}null".into(),
            Cell::Str(s) => format!("s{s}"),
            Cell::Num(n) => format!("n{}", model::comparable(*n)),
            Cell::Int(n) => format!("n{n}"),
            Cell::List(_) => format!("l{}", self.report()),
        }
    }

    /// [`Cell::key`] without making text: two cells' keys are equal exactly when their
    /// `key()`s are. Text is borrowed; a number is its bits, or the integer it is below 2^53
    /// (where `1` and `1.0` print alike); only lists and numbers past 2^53 spell the text.
    pub fn key_ref(&self) -> Key<'_> {
        const EXACT: f64 = 9_007_199_254_740_992.0;
        match self {
            Cell::Null => Key::Null,
            Cell::Str(s) => Key::Str(s),
            Cell::Int(n) if n.unsigned_abs() < EXACT as u64 => Key::Int(*n),
            Cell::Num(n) => {
                let c = model::comparable(*n);
                if c.is_nan() {
                    Key::Num(f64::NAN.to_bits())
                } else if c.fract() != 0.0 || c.is_infinite() || (c == 0.0 && c.is_sign_negative())
                {
                    // `-0` prints apart from `0`.
                    Key::Num(c.to_bits())
                } else if c.abs() < EXACT {
                    Key::Int(c as i64)
                } else {
                    Key::Text(self.key())
                }
            }
            Cell::Int(_) | Cell::List(_) => Key::Text(self.key()),
        }
    }

    /// `pd.to_numeric(errors="coerce")`.
    pub fn to_number(&self) -> Option<f64> {
        match self {
            Cell::Num(n) if !n.is_nan() => Some(*n),
            Cell::Int(n) => Some(*n as f64),
            Cell::Str(s) => s.trim().parse::<f64>().ok().filter(|n| !n.is_nan()),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Cell::Str(s) => Some(s),
            _ => None,
        }
    }

    /// From a rule's YAML value.
    pub fn from_json(v: &serde_json::Value) -> Cell {
        match v {
            serde_json::Value::Null => Cell::Null,
            serde_json::Value::String(s) => Cell::Str(s.as_str().into()),
            serde_json::Value::Number(n) => match n.as_i64() {
                Some(i) => Cell::Int(i),
                None => n.as_f64().map_or(Cell::Null, Cell::Num),
            },
            serde_json::Value::Bool(b) => Cell::Str(if *b { "True" } else { "False" }.into()),
            serde_json::Value::Array(a) => {
                Cell::List(Arc::new(a.iter().map(Cell::from_json).collect()))
            }
            serde_json::Value::Object(_) => Cell::Str(v.to_string().into()),
        }
    }

    /// CORE's report of a record value: blank text shows as empty.
    pub fn report_value(&self) -> String {
        match self {
            Cell::Str(s) if s.trim().is_empty() => String::new(),
            other => other.report(),
        }
    }

    /// How CORE's report prints the value: Python `str()` of floats (`1.0`), empty for null.
    pub fn report(&self) -> String {
        match self {
            Cell::Null => String::new(),
            Cell::Str(s) => s.to_string(),
            Cell::Num(n) => py_float(*n),
            Cell::Int(n) => n.to_string(),
            Cell::List(items) => {
                let parts: Vec<String> = items
                    .iter()
                    .map(|c| match c {
                        Cell::Str(s) => format!("'{s}'"),
                        Cell::Null => "None".into(),
                        other => other.report(),
                    })
                    .collect();
                format!("[{}]", parts.join(", "))
            }
        }
    }
}

/// An integral float as `{:.0}` prints it, without the exact float printer that took the
/// largest share of a regex or type-insensitive check over a 1,000,000-row numeric column:
/// an integral float below 2^63 is an `i64` exactly, and only -0 needs the printer.
pub(crate) fn integral_text(n: f64) -> String {
    if n.abs() < 9.2e18 && !(n == 0.0 && n.is_sign_negative()) {
        (n as i64).to_string()
    } else {
        format!("{n:.0}")
    }
}

/// Python's `repr(float)`: integral values keep `.0`; large and tiny ones use exponents.
pub fn py_float(n: f64) -> String {
    if n.is_nan() {
        return String::new();
    }
    if n.fract() == 0.0 && n.abs() < 1e16 {
        return format!("{}.0", integral_text(n));
    }
    let s = format!("{n}");
    if n.abs() >= 1e16 || (n != 0.0 && n.abs() < 1e-4) {
        let e = format!("{n:e}");
        if let Some((m, exp)) = e.split_once('e') {
            let exp: i32 = exp.parse().unwrap_or(0);
            let sign = if exp < 0 { '-' } else { '+' };
            return format!("{m}e{sign}{:02}", exp.abs());
        }
    }
    s
}

impl From<ValueRef<'_>> for Cell {
    fn from(v: ValueRef<'_>) -> Cell {
        match v {
            ValueRef::Missing(_) => Cell::Null,
            ValueRef::Num(n) if n.is_nan() => Cell::Null,
            ValueRef::Num(n) => Cell::Num(n),
            ValueRef::Char(s) => Cell::Str(s.into()),
        }
    }
}

impl From<&Value> for Cell {
    fn from(v: &Value) -> Cell {
        Cell::from(v.view())
    }
}

/// One dataset as a rule sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct Frame {
    pub info: DatasetInfo,
    /// Column names as the data spells them; lookups are exact, as pandas' are.
    pub columns: Vec<String>,
    /// Column-major cells, parallel to `columns`.
    pub data: Vec<Column>,
    /// The 1-based record number of each row in its dataset (CORE's `Record`); 0 for none.
    pub records: Vec<u64>,
    /// The file (dataset) each row comes from, as an index into `file_names`: split datasets
    /// (`LBAE`, `LBDS`) are checked together as their domain and reported per file.
    pub files: Vec<u32>,
    pub file_names: Vec<String>,
    /// For metadata views: the number of records of the dataset described.
    pub source_len: Option<usize>,
    /// Report blank values as they are (CORE's value-check view does; record rules show them
    /// empty).
    pub raw_values: bool,
}

impl Frame {
    /// The file row `r` comes from.
    pub fn file_of(&self, r: usize) -> &str {
        let i = self.files.get(r).copied().unwrap_or(0) as usize;
        self.file_names
            .get(i)
            .map_or(self.info.name.as_str(), String::as_str)
    }

    /// A dataset's frame; its columns are read from the table as rules first ask for them.
    pub fn from_table(t: &Table) -> Frame {
        let info = DatasetInfo::of(t);
        let shared = Arc::new(t.clone());
        let columns: Vec<String> = t.meta().variables.iter().map(|v| v.name.clone()).collect();
        let data = (0..columns.len())
            .map(|i| Column::of_table(&shared, i))
            .collect();
        Frame {
            file_names: vec![info.name.clone()],
            info,
            columns,
            data,
            records: (1..=t.len() as u64).collect(),
            files: vec![0; t.len()],
            source_len: None,
            raw_values: false,
        }
    }

    /// Drops the cells read from tables (see [`Column::release`]).
    pub fn release(&mut self) {
        self.data.iter_mut().for_each(Column::release);
    }

    /// The frame's rows at `rows` (repeats allowed), in that order.
    /// Each column is taken when a rule reads it: a join copies no column the rule ignores.
    pub fn take_rows(&self, rows: &[usize]) -> Frame {
        let shared: Arc<[usize]> = rows.into();
        Frame {
            info: self.info.clone(),
            columns: self.columns.clone(),
            data: self.data.iter().map(|col| col.take(&shared)).collect(),
            records: rows.iter().map(|&r| self.records[r]).collect(),
            files: rows
                .iter()
                .map(|&r| self.files.get(r).copied().unwrap_or(0))
                .collect(),
            file_names: self.file_names.clone(),
            source_len: self.source_len,
            raw_values: self.raw_values,
        }
    }

    pub fn len(&self) -> usize {
        self.records.len()
    }

    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// A name as CORE resolves it on this dataset: a leading `--` is the domain prefix.
    pub fn resolve(&self, name: &str) -> String {
        match name.strip_prefix("--") {
            Some(rest) => format!("{}{}", self.info.prefix, rest),
            None => name.to_owned(),
        }
    }

    pub fn index_of(&self, name: &str) -> Option<usize> {
        let name = self.resolve(name);
        self.columns.iter().position(|c| *c == name)
    }

    pub fn column(&self, name: &str) -> Option<&[Cell]> {
        self.index_of(name).map(|i| self.data[i].cells())
    }

    /// The cell on every row of a column that repeats one (see [`Column::constant`]).
    pub fn constant(&self, name: &str) -> Option<&Cell> {
        self.index_of(name).and_then(|i| self.data[i].constant())
    }

    /// Adds (or replaces) a column.
    pub fn set_column(&mut self, name: &str, cells: Vec<Cell>) {
        let cells = Column::new(cells);
        match self.index_of(name) {
            Some(i) => self.data[i] = cells,
            None => {
                self.columns.push(name.to_owned());
                self.data.push(cells);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn borrowed_keys_are_equal_exactly_when_spelled_keys_are() {
        let big = 9_007_199_254_740_992_i64;
        let mut cells = vec![
            Cell::Null,
            Cell::Str("".into()),
            Cell::Str("1".into()),
            Cell::Str("n1".into()),
            Cell::List(Arc::new(vec![Cell::Int(1)])),
            Cell::List(Arc::new(vec![Cell::Num(1.0)])),
            Cell::Num(f64::NAN),
            Cell::Num(-f64::NAN),
            Cell::Num(f64::INFINITY),
            Cell::Num(f64::NEG_INFINITY),
            Cell::Num(0.0),
            Cell::Num(-0.0),
            Cell::Int(0),
            Cell::Num(0.1 + 0.2),
            Cell::Num(0.3),
            Cell::Num(1e16),
            Cell::Int(10_000_000_000_000_000),
            Cell::Num(1e20),
            Cell::Int(i64::MAX),
            Cell::Int(i64::MIN),
            Cell::Num(i64::MIN as f64),
        ];
        for n in [1_i64, -7, big - 1, big, big + 1, 1_000_000_000_000_000] {
            cells.push(Cell::Int(n));
            cells.push(Cell::Num(n as f64));
        }
        for x in [0.5, -2.5, 1.3, 123_456.789, 5e-324, 1.000_000_000_000_000_2] {
            cells.push(Cell::Num(x));
        }
        for a in &cells {
            for b in &cells {
                assert_eq!(
                    a.key_ref() == b.key_ref(),
                    a.key() == b.key(),
                    "{a:?} and {b:?}"
                );
            }
        }
    }

    #[test]
    fn formats_numbers_as_python_does() {
        assert_eq!(py_float(1.0), "1.0");
        assert_eq!(py_float(0.15), "0.15");
        assert_eq!(py_float(-3.0), "-3.0");
        assert_eq!(py_float(1e20), "1e+20");
        assert_eq!(py_float(-0.0), "-0.0");
        assert_eq!(py_float(0.0), "0.0");
        for n in [
            9_999_999_999_999_998.0,
            -123_456_789_012.0,
            4_503_599_627_370_497.0,
        ] {
            assert_eq!(py_float(n), format!("{n:.1}"), "{n:e}");
        }
    }
}
