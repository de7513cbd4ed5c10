//! Helpers shared by the integration tests: workbooks written on the fly into a temp dir.

#![allow(dead_code)]

use model::Finding;
use rust_xlsxwriter::{Format, Workbook as XlsxBook, Worksheet, XlsxError};
use sheets::{RawTable, RawValue, TableSpec, Workbook};
use std::path::{Path, PathBuf};

pub fn date_format() -> Format {
    Format::new().set_num_format("yyyy-mm-dd")
}

/// A sheet to write: its name and what to put in it.
pub type SheetFill<'a> = (&'a str, &'a dyn Fn(&mut Worksheet) -> Result<(), XlsxError>);

/// Writes an xlsx with one sheet per `(name, fill)` pair and returns its path.
pub fn xlsx(dir: &Path, file: &str, sheets: &[SheetFill<'_>]) -> PathBuf {
    let mut book = XlsxBook::new();
    for (name, fill) in sheets {
        let ws = book.add_worksheet();
        ws.set_name(*name).expect("a valid sheet name");
        fill(ws).expect("the sheet is filled");
    }
    let path = dir.join(file);
    book.save(&path).expect("the workbook is written");
    path
}

/// Opens `path` and reads the table `spec` describes.
pub fn read(path: &Path, spec: &TableSpec) -> (Option<RawTable>, Vec<Finding>) {
    let mut findings = Vec::new();
    let mut book = Workbook::open(path).expect("the workbook opens");
    let table = book
        .read_table(spec, &mut findings)
        .expect("the sheet reads");
    (table, findings)
}

/// `(code, cell)` of each finding, e.g. `("SI0001", "C6")`.
pub fn codes(findings: &[Finding]) -> Vec<(String, String)> {
    findings
        .iter()
        .map(|f| {
            (
                f.code.clone(),
                f.source
                    .as_ref()
                    .map(|s| s.cell.to_string())
                    .unwrap_or_default(),
            )
        })
        .collect()
}

/// The values of one column, as short strings: `t:abc`, `n:12.5`, `d:2016-03-01`, `e:#N/A`, `-`.
pub fn column(table: &RawTable, name: &str) -> Vec<String> {
    let i = table
        .column(name)
        .unwrap_or_else(|| panic!("no column {name}"));
    table
        .column_cells(i)
        .map(|c| match &c.value {
            RawValue::Empty => "-".to_owned(),
            RawValue::Text(s) => format!("t:{s}"),
            RawValue::Number(n) => format!("n:{n}"),
            RawValue::Bool(b) => format!("b:{b}"),
            RawValue::Date(d) => format!("d:{}", d.value),
            RawValue::Error(e) => format!("e:{e}"),
        })
        .collect()
}

/// The A1 addresses of one column's cells.
pub fn cells(table: &RawTable, name: &str) -> Vec<String> {
    let i = table
        .column(name)
        .unwrap_or_else(|| panic!("no column {name}"));
    table.column_cells(i).map(|c| c.cell.to_string()).collect()
}
