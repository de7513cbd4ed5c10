//! The rules a mapping spec can set for finding a table in a sheet.

use serde::Deserialize;

/// What a blank row inside the data means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BlankRows {
    /// The table ends at the first fully blank row (rows below are reported, not read).
    #[default]
    Stop,
    /// Blank rows are skipped (each reported as a notice) and reading goes on.
    Skip,
}

/// How to find one table in a workbook. Every field has a default, so a spec names only what
/// differs: `{ sheet = "Labs", header_row = 3 }`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TableSpec {
    /// Sheet name, matched exactly, else ignoring case (with a notice). `None`: the first
    /// visible sheet. A CSV file's only sheet is its file stem.
    pub sheet: Option<String>,
    /// 1-based row of the (first) header row; `None` detects it: the first row, within the
    /// first 50, whose non-empty cells are mostly text and that is at least half as wide as
    /// the rows below it (so a one-cell title above the table is passed over).
    pub header_row: Option<u32>,
    /// 1, or 2 when a merged group header sits above sub-headers: names become
    /// `"Parent Child"`.
    pub header_rows: u8,
    pub blank_rows: BlankRows,
    /// A row whose first non-empty cell starts with one of these (trimmed, ignoring case)
    /// begins a notes block that ends the table.
    pub notes_prefixes: Vec<String>,
    /// Read a hidden or very hidden sheet without a warning.
    pub allow_hidden: bool,
    /// Copy the value of a merged region in the data into all its cells. Merged header
    /// regions are always spread over their columns. xlsx keeps merges apart from the cells,
    /// so they are read (a second pass over the sheet) only when they can matter: with this
    /// set, with several header rows, or when the header row has gaps. Merged data regions
    /// are reported (`SI0012`) when the merges were read.
    pub fill_merged_data: bool,
}

impl Default for TableSpec {
    fn default() -> TableSpec {
        TableSpec {
            sheet: None,
            header_row: None,
            header_rows: 1,
            blank_rows: BlankRows::Stop,
            notes_prefixes: ["Note:", "Notes:", "Note ", "NB:", "*"]
                .map(String::from)
                .to_vec(),
            allow_hidden: false,
            fill_merged_data: false,
        }
    }
}

impl TableSpec {
    /// The default rules for the named sheet.
    pub fn sheet(name: impl Into<String>) -> TableSpec {
        TableSpec {
            sheet: Some(name.into()),
            ..TableSpec::default()
        }
    }

    /// Whether a cell with this text begins a notes block.
    pub fn starts_notes(&self, text: &str) -> bool {
        let t = text.trim_start();
        self.notes_prefixes.iter().any(|p| {
            t.get(..p.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(p))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_prefixes_match_ignoring_case() {
        let spec = TableSpec::default();
        assert!(spec.starts_notes("  NOTE: values below LLOQ"));
        assert!(spec.starts_notes("* hospitalised"));
        assert!(!spec.starts_notes("Notebook"));
        assert!(!spec.starts_notes("Né"));
    }
}
