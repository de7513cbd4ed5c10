//! Finding the table in a sheet: header row(s), columns, and where the data ends.

use crate::SheetsError;
use crate::codes::Code;
use crate::extent::{data_extent, find_header};
use crate::grid::{Grid, is_blank};
use crate::names::normalize_header;
use crate::parse::value_text;
use crate::serial::SerialError;
use crate::spec::TableSpec;
use crate::value::{ConvertIssue, RawCell, RawValue};
use calamine::Dimensions;
use model::{CellRef, Finding, SourceCell};
use std::collections::HashMap;

/// One column of a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// The header as written (trimmed; two header rows joined as `"Parent Child"`).
    pub name: String,
    /// [`normalize_header`] of the name: what specs are matched against.
    pub key: String,
    /// 0-based sheet column.
    pub col: u32,
}

/// One data row: a cell per table column, in column order.
#[derive(Debug, Clone, PartialEq)]
pub struct RawRow {
    /// 0-based sheet row.
    pub row: u32,
    pub cells: Vec<RawCell>,
}

/// One table from one sheet. Every cell keeps its position; file and sheet are stored once.
#[derive(Debug, Clone, PartialEq)]
pub struct RawTable {
    pub file: String,
    pub sheet: String,
    /// 0-based sheet row of the first header row.
    pub header_row: u32,
    pub header_rows: u8,
    pub columns: Vec<Column>,
    pub rows: Vec<RawRow>,
}

impl RawTable {
    /// The full address of a cell of this table.
    pub fn source(&self, cell: CellRef) -> SourceCell {
        SourceCell {
            file: self.file.clone(),
            sheet: self.sheet.clone(),
            cell,
        }
    }

    /// Index of the first column whose normalized header equals `name` normalized.
    pub fn column(&self, name: &str) -> Option<usize> {
        let key = normalize_header(name);
        self.columns.iter().position(|c| c.key == key)
    }

    /// The cells of one column, top to bottom.
    pub fn column_cells(&self, index: usize) -> impl Iterator<Item = &RawCell> {
        self.rows.iter().filter_map(move |r| r.cells.get(index))
    }
}

pub(crate) struct Ctx<'a> {
    pub file: &'a str,
    pub sheet: &'a str,
}

impl Ctx<'_> {
    pub fn at(&self, row: u32, col: u32) -> SourceCell {
        SourceCell {
            file: self.file.to_owned(),
            sheet: self.sheet.to_owned(),
            cell: CellRef::new(row, col),
        }
    }
}

fn a1(row: u32, col: u32) -> CellRef {
    CellRef::new(row, col)
}

fn region(m: &Dimensions) -> String {
    format!("{}:{}", a1(m.start.0, m.start.1), a1(m.end.0, m.end.1))
}

/// Header text of a cell as [`crate::text`] gives it (a date header reads as ISO 8601), with
/// the inner spacing kept as written.
fn header_text(v: &RawValue) -> String {
    match v {
        RawValue::Text(s) => s.trim().to_owned(),
        other => value_text(other).into_owned(),
    }
}

/// Reads a sheet's merged regions when asked; xlsx has to parse the sheet a second time for
/// them, so they are only asked for when they can matter.
pub(crate) type MergeLoader<'a> = &'a mut dyn FnMut() -> Result<Vec<Dimensions>, SheetsError>;

pub(crate) fn build_table(
    grid: Option<Grid>,
    merges: MergeLoader<'_>,
    spec: &TableSpec,
    ctx: &Ctx<'_>,
    findings: &mut Vec<Finding>,
) -> Result<Option<RawTable>, SheetsError> {
    // Findings of one table come out in cell order, however they were found.
    let mut local = Vec::new();
    let table = build(grid, merges, spec, ctx, &mut local);
    local.sort_by_key(|f| f.source.as_ref().map(|s| s.cell));
    findings.append(&mut local);
    table
}

fn build(
    grid: Option<Grid>,
    merges: MergeLoader<'_>,
    spec: &TableSpec,
    ctx: &Ctx<'_>,
    findings: &mut Vec<Finding>,
) -> Result<Option<RawTable>, SheetsError> {
    let Some(mut grid) = grid else {
        findings
            .push(Code::EmptySheet.at(ctx.at(0, 0), format!("sheet `{}` has no data", ctx.sheet)));
        return Ok(None);
    };
    let n_header = spec.header_rows.clamp(1, 5);
    // Group headers over sub-headers, and filling data, always need the regions. A single
    // header row needs them only when it has gaps, which is where a merge would show.
    let eager = spec.fill_merged_data || n_header > 1;
    if eager {
        grid.set_merges(merges()?);
    }
    let Some(header_row) = find_header(&grid, spec, ctx, findings) else {
        return Ok(None);
    };
    if !eager && (grid.start.1..=grid.end.1).any(|c| is_blank(grid.get(header_row, c))) {
        grid.set_merges(merges()?);
    }
    let data_start = header_row + u32::from(n_header);
    let data_rows = data_extent(&grid, spec, data_start, ctx, findings);

    // Header names, with merged group headers spread over their columns.
    let (c0, c1) = (grid.start.1, grid.end.1);
    let header_rows = header_row..data_start;
    let names: Vec<String> = (c0..=c1)
        .map(|col| {
            let mut parts: Vec<String> = Vec::new();
            for row in header_rows.clone() {
                let t = header_text(grid.shown(row, col));
                if !t.is_empty() && parts.last() != Some(&t) {
                    parts.push(t);
                }
            }
            parts.join(" ")
        })
        .collect();
    for m in grid
        .merges()
        .filter(|m| m.start.0 < data_start && m.end.0 >= header_row)
    {
        let value = header_text(grid.get(m.start.0, m.start.1));
        findings.push(Code::MergedHeaderFilled.at(
            ctx.at(m.start.0, m.start.1),
            format!(
                "merged header {} `{value}` applies to each of its columns",
                region(m)
            ),
        ));
    }

    // Columns: every named one, and every one holding data inside the table.
    let used = |col: u32| data_rows.iter().any(|&r| !is_blank(grid.get(r, col)));
    let mut columns = Vec::new();
    let mut first_of: HashMap<String, u32> = HashMap::new();
    let last_named = (c0..=c1)
        .rev()
        .find(|&c| !names[(c - c0) as usize].is_empty() || used(c));
    for col in c0..=last_named.unwrap_or(c0) {
        let name = names[(col - c0) as usize].clone();
        if name.is_empty() {
            if !used(col) {
                continue;
            }
            let first = data_rows
                .iter()
                .find(|&&r| !is_blank(grid.get(r, col)))
                .copied()
                .unwrap_or(data_start);
            findings.push(Code::EmptyHeaderInUsedColumn.at(
                ctx.at(header_row, col),
                format!(
                    "column {} holds data (first at {}) but has no header",
                    CellRef::column_letters(col),
                    a1(first, col)
                ),
            ));
        }
        let key = normalize_header(&name);
        if !key.is_empty() {
            if let Some(&prev) = first_of.get(&key) {
                findings.push(Code::DuplicateHeader.at(
                    ctx.at(header_row, col),
                    format!(
                        "header `{name}` repeats the one in {}; specs match the first",
                        a1(header_row, prev)
                    ),
                ));
            } else {
                first_of.insert(key.clone(), col);
            }
        }
        columns.push(Column { name, key, col });
    }

    let last_row = data_rows.last().copied().unwrap_or(data_start);
    let data_merges: Vec<(Dimensions, RawValue)> = grid
        .merges()
        .filter(|m| m.end.0 >= data_start && m.start.0 <= last_row)
        .map(|m| (*m, grid.get(m.start.0, m.start.1).clone()))
        .collect();
    for (m, _) in &data_merges {
        let top_left = a1(m.start.0, m.start.1);
        let message = if spec.fill_merged_data {
            format!(
                "merged cells {} filled with the value of {top_left}",
                region(m)
            )
        } else {
            format!(
                "merged cells {}: only {top_left} holds the value (fill_merged_data copies it)",
                region(m)
            )
        };
        findings.push(Code::MergedDataCells.at(ctx.at(m.start.0, m.start.1), message));
    }

    // Cells to fill, looked up once each: a per-cell scan of the regions would make a sheet
    // with many merges quadratic.
    let mut fill: HashMap<(u32, u32), usize> = HashMap::new();
    if spec.fill_merged_data {
        for (i, (m, _)) in data_merges.iter().enumerate() {
            for row in m.start.0.max(data_start)..=m.end.0.min(last_row) {
                for col in m.start.1.max(c0)..=m.end.1.min(c1) {
                    if (row, col) != m.start {
                        fill.insert((row, col), i);
                    }
                }
            }
        }
    }
    // A table from column A with no gap takes each sheet row whole.
    let whole = columns.iter().enumerate().all(|(i, c)| c.col as usize == i);
    let filled: std::collections::HashSet<u32> = fill.keys().map(|&(r, _)| r).collect();
    let rows = data_rows
        .iter()
        .map(|&row| {
            if whole && !filled.contains(&row) {
                let cells = grid.take_row(row, columns.len());
                for (c, cell) in columns.iter().zip(&cells) {
                    let issue = grid.issue(row, c.col).cloned();
                    convert(&cell.value, issue, row, c, ctx, findings);
                }
                return RawRow { row, cells };
            }
            let cells = columns
                .iter()
                .map(|c| {
                    let (value, issue) = match fill.get(&(row, c.col)) {
                        Some(&i) => {
                            let (m, v) = &data_merges[i];
                            (v.clone(), grid.issue(m.start.0, m.start.1).cloned())
                        }
                        None => (grid.take(row, c.col), grid.issue(row, c.col).cloned()),
                    };
                    convert(&value, issue, row, c, ctx, findings);
                    RawCell {
                        value,
                        cell: a1(row, c.col),
                    }
                })
                .collect();
            grid.drop_row(row);
            RawRow { row, cells }
        })
        .collect();
    Ok(Some(RawTable {
        file: ctx.file.to_owned(),
        sheet: ctx.sheet.to_owned(),
        header_row,
        header_rows: n_header,
        columns,
        rows,
    }))
}

/// Findings on a table cell: a serial the calendar cannot hold, an Excel error value.
fn convert(
    value: &RawValue,
    issue: Option<ConvertIssue>,
    row: u32,
    column: &Column,
    ctx: &Ctx<'_>,
    findings: &mut Vec<Finding>,
) {
    let at = || ctx.at(row, column.col);
    match issue {
        Some(ConvertIssue::Serial(SerialError::PhantomLeapDay)) => findings.push(Code::PhantomLeapDay.at(
            at(),
            "date serial 60 is 1900-02-29, a day that never existed (Excel's 1900 leap-year bug); kept as the number 60",
        )),
        Some(ConvertIssue::Serial(SerialError::OutOfRange(v))) => findings.push(Code::SerialOutOfRange.at(
            at(),
            format!("date serial {v} is outside Excel's calendar (1900-01-01 to 9999-12-31); kept as a number"),
        )),
        None => {}
    }
    if let RawValue::Error(kind) = value {
        findings.push(
            Code::ExcelErrorCell
                .at(
                    at(),
                    format!("Excel error `{kind}` in column `{}`", column.name),
                )
                .with_value(kind.clone()),
        );
    }
}
