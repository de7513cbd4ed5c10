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

/// The origin of a value: a workbook cell, or a record of a dataset already produced.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Provenance {
    Cell(SourceCell),
    Record {
        dataset: String,
        /// 1-based record number.
        record: u64,
        variable: String,
    },
}

impl fmt::Display for Provenance {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Provenance::Cell(c) => c.fmt(f),
            Provenance::Record {
                dataset,
                record,
                variable,
            } => write!(f, "{dataset} record {record} {variable}"),
        }
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
}
