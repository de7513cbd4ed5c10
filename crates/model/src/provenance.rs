//! Where a value came from, so a finding can point a data manager at the cell to fix.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A zero-based (row, column) cell position that prints in A1 style.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CellRef {
    pub row: u32,
    pub col: u32,
}

impl CellRef {
    pub fn new(row: u32, col: u32) -> CellRef {
        CellRef { row, col }
    }

    /// Column letters for a zero-based column: 0 → `A`, 25 → `Z`, 26 → `AA`.
    pub fn column_letters(col: u32) -> String {
        let mut n = col + 1;
        let mut out = Vec::new();
        while n > 0 {
            let rem = (n - 1) % 26;
            out.push(b'A' + rem as u8);
            n = (n - 1) / 26;
        }
        out.reverse();
        String::from_utf8(out).unwrap_or_default()
    }

    /// Parses `B7`, `aa10`; `None` for anything else.
    pub fn parse_a1(s: &str) -> Option<CellRef> {
        let split = s.find(|c: char| c.is_ascii_digit())?;
        let (letters, digits) = s.split_at(split);
        if letters.is_empty() || !letters.chars().all(|c| c.is_ascii_alphabetic()) {
            return None;
        }
        let col = letters.bytes().try_fold(0u32, |acc, b| {
            acc.checked_mul(26)?
                .checked_add(u32::from(b.to_ascii_uppercase() - b'A' + 1))
        })?;
        let row: u32 = digits.parse().ok().filter(|r| *r >= 1)?;
        Some(CellRef {
            row: row - 1,
            col: col - 1,
        })
    }
}

impl fmt::Display for CellRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", CellRef::column_letters(self.col), self.row + 1)
    }
}

impl Serialize for CellRef {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for CellRef {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<CellRef, D::Error> {
        let s = String::deserialize(d)?;
        CellRef::parse_a1(&s)
            .ok_or_else(|| serde::de::Error::custom(format!("not an A1 cell reference: {s}")))
    }
}

/// A cell of a site workbook (or a CSV file, whose "sheet" is its file stem).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct SourceCell {
    pub file: String,
    pub sheet: String,
    pub cell: CellRef,
}

impl fmt::Display for SourceCell {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}!{}!{}", self.file, self.sheet, self.cell)
    }
}

/// Which workbook cell each value of a dataset came from.
///
/// Kept per column as runs: rows `row..row + len` of a column came from `len` consecutive
/// rows of one sheet column. A mapped dataset in the order of its sheet is one run per column
/// and workbook, whatever its length; files and sheets are interned once per dataset. Values
/// with no cell (derived, assigned, read from a dataset file) simply have none.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Provenance {
    /// Interned (file, sheet) pairs that runs point into.
    places: Vec<(String, String)>,
    /// Per column, runs sorted by row and never overlapping.
    columns: Vec<Vec<Run>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Run {
    row: u32,
    len: u32,
    place: u32,
    /// The first row's cell; row `row + k` came from `cell.row + k`, same column.
    cell: CellRef,
}

impl Run {
    fn end(&self) -> u32 {
        self.row + self.len
    }
}

impl Provenance {
    /// No value has a source cell.
    pub fn is_empty(&self) -> bool {
        self.columns.iter().all(Vec::is_empty)
    }

    /// How many runs are stored, over all columns (what the provenance costs in memory).
    pub fn runs(&self) -> usize {
        self.columns.iter().map(Vec::len).sum()
    }

    /// Records that the value at (`row`, `col`), both 0-based, came from `src`. Rows given in
    /// increasing order extend runs; any order is accepted.
    pub fn set(&mut self, row: usize, col: usize, src: &SourceCell) {
        let (Ok(row), Ok(_)) = (u32::try_from(row), u32::try_from(col)) else {
            return;
        };
        let place = self.intern(&src.file, &src.sheet);
        if self.columns.len() <= col {
            self.columns.resize_with(col + 1, Vec::new);
        }
        if self.columns[col].last().is_none_or(|r| r.end() <= row) {
            self.push_interned(row as usize, col, place, src.cell);
            return;
        }
        let runs = &mut self.columns[col];
        let one = Run {
            row,
            len: 1,
            place,
            cell: src.cell,
        };
        // Out of order: cut `row` out of whatever run covers it, then insert it alone.
        let at = runs.partition_point(|r| r.end() <= row);
        if let Some(r) = runs.get(at).copied().filter(|r| r.row <= row) {
            let before = row - r.row;
            let after = r.end() - row - 1;
            let mut pieces = Vec::with_capacity(3);
            if before > 0 {
                pieces.push(Run { len: before, ..r });
            }
            pieces.push(one);
            if after > 0 {
                pieces.push(Run {
                    row: row + 1,
                    len: after,
                    place: r.place,
                    cell: CellRef::new(r.cell.row + before + 1, r.cell.col),
                });
            }
            runs.splice(at..=at, pieces);
        } else {
            runs.insert(at, one);
        }
    }

    /// The cell the value at (`row`, `col`) came from, if any.
    pub fn get(&self, row: usize, col: usize) -> Option<SourceCell> {
        let (place, cell) = self.locate(row, col)?;
        let (file, sheet) = &self.places[place as usize];
        Some(SourceCell {
            file: file.clone(),
            sheet: sheet.clone(),
            cell,
        })
    }

    /// The provenance of a dataset whose row `i` is this one's row `rows[i]`: after sorting,
    /// filtering or repeating records, every value still names its cell.
    pub fn select_rows(&self, rows: &[usize]) -> Provenance {
        let mut out = Provenance {
            places: self.places.clone(),
            columns: vec![Vec::new(); self.columns.len()],
        };
        for (col, runs) in self.columns.iter().enumerate() {
            if runs.is_empty() {
                continue;
            }
            for (new, &old) in rows.iter().enumerate() {
                if let Some((place, cell)) = self.locate(old, col) {
                    out.push_interned(new, col, place, cell);
                }
            }
        }
        out
    }

    /// Appends `other`'s records after this one's first `start` records, its column `j`
    /// becoming this one's column `cols[j]`: what a dataset mapped in pieces needs to end
    /// as one. Runs that meet at the seam join.
    pub fn append(&mut self, other: &Provenance, start: usize, cols: &[usize]) {
        for (j, runs) in other.columns.iter().enumerate() {
            let Some(&col) = cols.get(j) else { continue };
            if self.columns.len() <= col {
                self.columns.resize_with(col + 1, Vec::new);
            }
            for r in runs {
                let (file, sheet) = &other.places[r.place as usize];
                let place = self.intern(file, sheet);
                let row = start + r.row as usize;
                if u32::try_from(row + r.len as usize).is_err() {
                    return;
                }
                // The run's first row starts or extends a run; its other rows follow on.
                self.push_interned(row, col, place, r.cell);
                if let Some(last) = self.columns[col].last_mut() {
                    last.len += r.len.saturating_sub(1);
                }
            }
        }
    }

    /// The provenance of a dataset whose column `j` is this one's column `cols[j]` (`None` for
    /// a new column, which has no cells).
    pub fn select_columns(&self, cols: &[Option<usize>]) -> Provenance {
        Provenance {
            places: self.places.clone(),
            columns: cols
                .iter()
                .map(|c| {
                    c.and_then(|c| self.columns.get(c))
                        .cloned()
                        .unwrap_or_default()
                })
                .collect(),
        }
    }

    fn locate(&self, row: usize, col: usize) -> Option<(u32, CellRef)> {
        let row = u32::try_from(row).ok()?;
        let runs = self.columns.get(col)?;
        let r = runs.get(runs.partition_point(|r| r.end() <= row))?;
        (r.row <= row).then(|| {
            (
                r.place,
                CellRef::new(r.cell.row + (row - r.row), r.cell.col),
            )
        })
    }

    /// Appends at or after the column's last run, with a place already interned: extends
    /// that run when the sheet rows follow on.
    fn push_interned(&mut self, row: usize, col: usize, place: u32, cell: CellRef) {
        let Ok(row) = u32::try_from(row) else { return };
        let runs = &mut self.columns[col];
        if let Some(last) = runs.last_mut()
            && last.end() == row
            && last.place == place
            && last.cell.col == cell.col
            && last.cell.row.checked_add(last.len) == Some(cell.row)
        {
            last.len += 1;
            return;
        }
        runs.push(Run {
            row,
            len: 1,
            place,
            cell,
        });
    }

    fn intern(&mut self, file: &str, sheet: &str) -> u32 {
        // The last place is the likely one: a dataset is built sheet by sheet.
        let hit = |p: &(String, String)| p.0 == file && p.1 == sheet;
        if let Some(i) = self.places.iter().rposition(hit) {
            return i as u32;
        }
        self.places.push((file.to_owned(), sheet.to_owned()));
        (self.places.len() - 1) as u32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a1_letters_round_trip() {
        for (col, s) in [
            (0, "A"),
            (25, "Z"),
            (26, "AA"),
            (51, "AZ"),
            (52, "BA"),
            (701, "ZZ"),
            (702, "AAA"),
            (16_383, "XFD"),
        ] {
            assert_eq!(CellRef::column_letters(col), s);
            let parsed = CellRef::parse_a1(&format!("{s}12")).unwrap();
            assert_eq!(parsed, CellRef::new(11, col));
        }
        assert_eq!(CellRef::new(6, 1).to_string(), "B7");
        assert_eq!(CellRef::parse_a1("A0"), None);
        assert_eq!(CellRef::parse_a1("7"), None);
        assert_eq!(CellRef::parse_a1("B7x"), None);
    }

    #[test]
    fn source_cell_prints_like_a_spreadsheet_path() {
        let c = SourceCell {
            file: "site01.xlsx".into(),
            sheet: "Demographics".into(),
            cell: CellRef::new(4, 2),
        };
        assert_eq!(c.to_string(), "site01.xlsx!Demographics!C5");
        let json = serde_json::to_string(&c).unwrap();
        assert_eq!(
            json,
            r#"{"file":"site01.xlsx","sheet":"Demographics","cell":"C5"}"#
        );
        assert_eq!(serde_json::from_str::<SourceCell>(&json).unwrap(), c);
    }

    fn cell(file: &str, sheet: &str, a1: &str) -> SourceCell {
        SourceCell {
            file: file.into(),
            sheet: sheet.into(),
            cell: CellRef::parse_a1(a1).unwrap(),
        }
    }

    #[test]
    fn a_sheet_read_in_order_is_one_run_per_column() {
        let mut p = Provenance::default();
        for row in 0..10_000 {
            p.set(row, 0, &cell("site.xlsx", "LB", &format!("C{}", row + 2)));
            p.set(row, 2, &cell("site.xlsx", "LB", &format!("F{}", row + 2)));
        }
        assert_eq!(p.runs(), 2);
        assert_eq!(p.get(0, 0).unwrap().to_string(), "site.xlsx!LB!C2");
        assert_eq!(p.get(9_999, 2).unwrap().to_string(), "site.xlsx!LB!F10001");
        assert_eq!(p.get(10_000, 0), None);
        assert_eq!(p.get(5, 1), None, "a column with no cells");
        assert_eq!(p.get(5, 7), None, "a column past the last");
    }

    #[test]
    fn a_new_file_sheet_or_gap_starts_a_run() {
        let mut p = Provenance::default();
        p.set(0, 0, &cell("a.xlsx", "DM", "B2"));
        p.set(1, 0, &cell("b.xlsx", "DM", "B3"));
        p.set(2, 0, &cell("b.xlsx", "DM2", "B4"));
        p.set(3, 0, &cell("b.xlsx", "DM2", "B9"));
        p.set(5, 0, &cell("b.xlsx", "DM2", "B10"));
        assert_eq!(p.runs(), 5);
        let shown: Vec<String> = (0..6)
            .map(|r| p.get(r, 0).map_or("-".into(), |c| c.to_string()))
            .collect();
        assert_eq!(
            shown,
            [
                "a.xlsx!DM!B2",
                "b.xlsx!DM!B3",
                "b.xlsx!DM2!B4",
                "b.xlsx!DM2!B9",
                "-",
                "b.xlsx!DM2!B10"
            ]
        );
    }

    #[test]
    fn pieces_appended_read_as_the_whole_and_join_at_the_seam() {
        let mut whole = Provenance::default();
        // Piece 0 holds rows 0-3, piece 1 the rest; their two columns are the whole's swapped.
        let mut pieces = [Provenance::default(), Provenance::default()];
        let mut set = |row: usize, col: usize, src: &SourceCell| {
            whole.set(row, col, src);
            let (piece, at) = if row < 4 { (0, row) } else { (1, row - 4) };
            pieces[piece].set(at, 1 - col, src);
        };
        for row in 0..10 {
            set(row, 1, &cell("site.xlsx", "LB", &format!("C{}", row + 2)));
            if row % 3 == 0 {
                set(row, 0, &cell("other.xlsx", "LB2", &format!("D{}", row + 5)));
            }
        }
        let [a, b] = pieces;
        let mut joined = Provenance::default();
        joined.append(&a, 0, &[1, 0]);
        joined.append(&b, 4, &[1, 0]);
        for row in 0..11 {
            for col in 0..3 {
                assert_eq!(joined.get(row, col), whole.get(row, col), "({row}, {col})");
            }
        }
        assert_eq!(joined.runs(), whole.runs(), "the C column is one run again");
        assert_eq!(joined.runs(), 1 + 4);
    }

    #[test]
    fn setting_inside_a_run_splits_it_and_keeps_its_neighbours() {
        let mut p = Provenance::default();
        for row in 0..5 {
            p.set(row, 0, &cell("a.xlsx", "AE", &format!("D{}", row + 2)));
        }
        p.set(2, 0, &cell("fix.xlsx", "AE", "Z9"));
        p.set(7, 0, &cell("a.xlsx", "AE", "D20"));
        p.set(6, 0, &cell("a.xlsx", "AE", "D19"));
        let shown: Vec<String> = (0..8)
            .map(|r| p.get(r, 0).map_or("-".into(), |c| c.cell.to_string()))
            .collect();
        assert_eq!(shown, ["D2", "D3", "Z9", "D5", "D6", "-", "D19", "D20"]);
    }

    #[test]
    fn rows_and_columns_can_be_reordered_and_each_value_keeps_its_cell() {
        let mut p = Provenance::default();
        for row in 0..4 {
            p.set(row, 0, &cell("a.xlsx", "VS", &format!("A{}", row + 2)));
            p.set(row, 1, &cell("a.xlsx", "VS", &format!("B{}", row + 2)));
        }
        let sorted = p.select_rows(&[3, 1, 1, 0]);
        let shown: Vec<String> = (0..4)
            .map(|r| sorted.get(r, 1).unwrap().cell.to_string())
            .collect();
        assert_eq!(shown, ["B5", "B3", "B3", "B2"]);
        let moved = p.select_columns(&[Some(1), None, Some(0)]);
        assert_eq!(moved.get(2, 0).unwrap().cell.to_string(), "B4");
        assert_eq!(moved.get(2, 1), None);
        assert_eq!(moved.get(2, 2).unwrap().cell.to_string(), "A4");
        assert_eq!(
            p.select_rows(&[0, 1, 2, 3]),
            p,
            "the same order is the same provenance"
        );
    }
}
