//! Where a table starts and ends: the header row and the last data row.

use crate::codes::Code;
use crate::grid::{Grid, is_blank};
use crate::spec::{BlankRows, TableSpec};
use crate::table::Ctx;
use crate::value::RawValue;
use model::Finding;

pub(crate) fn find_header(
    grid: &Grid,
    spec: &TableSpec,
    ctx: &Ctx<'_>,
    findings: &mut Vec<Finding>,
) -> Option<u32> {
    let (r0, r1) = (grid.start.0, grid.end.0);
    if let Some(wanted) = spec.header_row {
        let row = wanted.max(1) - 1;
        if row > r1 || grid.row_is_blank(row) {
            findings.push(Code::NoHeaderRow.at(
                ctx.at(row, grid.start.1),
                format!(
                    "header row {wanted} is empty (the sheet's data spans rows {} to {})",
                    r0 + 1,
                    r1 + 1
                ),
            ));
            return None;
        }
        return Some(row);
    }
    let non_blank = |row: u32| {
        (grid.start.1..=grid.end.1)
            .filter(|&c| !is_blank(grid.shown(row, c)))
            .count()
    };
    let found = (r0..=r1.min(r0 + 49)).find(|&row| {
        let cells: Vec<&RawValue> = (grid.start.1..=grid.end.1)
            .map(|c| grid.shown(row, c))
            .filter(|d| !is_blank(d))
            .collect();
        let text = cells
            .iter()
            .filter(|d| matches!(d, RawValue::Text(_)))
            .count();
        let below = (row + 1..=r1.min(row + 5))
            .map(non_blank)
            .max()
            .unwrap_or(0);
        !cells.is_empty() && text * 2 > cells.len() && cells.len() * 2 >= below
    });
    if found.is_none() {
        findings.push(Code::NoHeaderRow.at(
            ctx.at(r0, grid.start.1),
            "no header row found in the first 50 rows (none is mostly text); set header_row",
        ));
    }
    found
}

/// Rows of data below the header, up to the first blank row (or past blank rows when told
/// to skip them) and before any notes block.
pub(crate) fn data_extent(
    grid: &Grid,
    spec: &TableSpec,
    start: u32,
    ctx: &Ctx<'_>,
    findings: &mut Vec<Finding>,
) -> Vec<u32> {
    let mut rows = Vec::new();
    let mut blanks = Vec::new();
    let mut row = start;
    while row <= grid.end.0 {
        if grid.row_is_blank(row) {
            if spec.blank_rows == BlankRows::Stop {
                report_rows_after_stop(grid, spec, row, ctx, findings);
                return rows;
            }
            blanks.push(row);
        } else if let Some((col, text)) = grid
            .note_candidate(row)
            .filter(|(_, t)| spec.starts_notes(t))
        {
            report_notes(grid, row, col, text, ctx, findings);
            return rows;
        } else {
            for b in blanks.drain(..) {
                findings.push(Code::BlankRowSkipped.at(
                    ctx.at(b, grid.start.1),
                    format!("blank row {} inside the table skipped", b + 1),
                ));
            }
            rows.push(row);
        }
        row += 1;
    }
    rows
}

fn report_notes(
    grid: &Grid,
    row: u32,
    col: u32,
    text: &str,
    ctx: &Ctx<'_>,
    findings: &mut Vec<Finding>,
) {
    let lines = (row..=grid.end.0)
        .filter(|&r| !grid.row_is_blank(r))
        .count();
    let preview: String = text.trim().chars().take(40).collect();
    findings.push(Code::NotesBlockIgnored.at(
        ctx.at(row, col),
        format!(
            "notes block from row {} (`{preview}`, {lines} non-blank rows) is not read as data",
            row + 1
        ),
    ));
}

fn report_rows_after_stop(
    grid: &Grid,
    spec: &TableSpec,
    blank: u32,
    ctx: &Ctx<'_>,
    findings: &mut Vec<Finding>,
) {
    let Some(next) = (blank + 1..=grid.end.0).find(|&r| !grid.row_is_blank(r)) else {
        return;
    };
    if let Some((col, text)) = grid
        .note_candidate(next)
        .filter(|(_, t)| spec.starts_notes(t))
    {
        report_notes(grid, next, col, text, ctx, findings);
        return;
    }
    let more = (next..=grid.end.0)
        .take_while(|&r| {
            !grid
                .note_candidate(r)
                .is_some_and(|(_, t)| spec.starts_notes(t))
        })
        .filter(|&r| !grid.row_is_blank(r))
        .count();
    findings.push(Code::RowsAfterBlankRow.at(
        ctx.at(next, grid.start.1),
        format!(
            "the table ends at blank row {}; {more} non-blank rows from row {} are not read (blank_rows = \"skip\" reads them)",
            blank + 1,
            next + 1
        ),
    ));
}
