//! A sheet's cells as a person sees them, for showing the sheet as a grid (the `serve` page
//! puts each finding on its cell): text per cell over the used range, cut at a size a page
//! can hold.

use crate::grid::Grid;
use crate::parse::value_text;
use crate::value::RawValue;

/// A cell as a spreadsheet shows it: numbers to 15 significant digits, as Excel does, so a
/// binary fraction (1.1400000000000001) reads as typed (1.14).
fn shown(v: &RawValue) -> String {
    match v {
        RawValue::Number(n) if n.is_finite() => format!("{n:.14e}")
            .parse::<f64>()
            .map_or_else(|_| n.to_string(), |r| r.to_string()),
        other => value_text(other).into_owned(),
    }
}

/// The used range of a sheet from its top-left cell, each cell as shown.
#[derive(Debug, Clone, PartialEq)]
pub struct SheetCells {
    /// 0-based row and column of the first cell shown.
    pub start: (u32, u32),
    pub rows: Vec<Vec<String>>,
    /// Rows or columns beyond the limits were left out.
    pub truncated: bool,
}

impl SheetCells {
    pub(crate) fn of(grid: Option<Grid>, max_rows: usize, max_cols: usize) -> SheetCells {
        let Some(g) = grid else {
            return SheetCells {
                start: (0, 0),
                rows: Vec::new(),
                truncated: false,
            };
        };
        // The page shows columns from A and rows from 1, so a cell's place reads as in Excel.
        let (last_row, last_col) = g.end;
        let rows = (last_row as usize + 1).min(max_rows);
        let cols = (last_col as usize + 1).min(max_cols);
        let truncated = rows <= last_row as usize || cols <= last_col as usize;
        let rows = (0..rows as u32)
            .map(|r| (0..cols as u32).map(|c| shown(g.shown(r, c))).collect())
            .collect();
        SheetCells {
            start: (0, 0),
            rows,
            truncated,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::shown;
    use crate::value::RawValue;

    #[test]
    fn numbers_show_as_a_spreadsheet_shows_them() {
        assert_eq!(shown(&RawValue::Number(1.1400000000000001)), "1.14");
        assert_eq!(shown(&RawValue::Number(66.60000000000001)), "66.6");
        assert_eq!(shown(&RawValue::Number(42.0)), "42");
        assert_eq!(shown(&RawValue::Text("a  b".into())), "a b");
    }
}
