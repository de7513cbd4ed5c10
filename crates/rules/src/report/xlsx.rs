//! `report.xlsx`: findings as a spreadsheet, the way data managers pass them to sites.
//! Every cell is written as a string or number, never a formula, so a value such as
//! `=HYPERLINK(...)` from a site workbook stays inert text.

use model::Finding;
use rust_xlsxwriter::{Format, Workbook, XlsxError};

const HEADERS: [&str; 11] = [
    "severity",
    "code",
    "file",
    "dataset",
    "record",
    "variables",
    "values",
    "sheet",
    "cell",
    "message",
    "refs",
];

pub fn render(findings: &[Finding], mask: bool) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    // A fixed creation time keeps the bytes identical from run to run.
    let props = rust_xlsxwriter::DocProperties::new()
        .set_creation_datetime(&rust_xlsxwriter::ExcelDateTime::from_ymd(2000, 1, 1)?);
    book.set_properties(&props);
    let sheet = book.add_worksheet();
    sheet.set_name("Findings")?;
    let bold = Format::new().set_bold();
    for (c, h) in HEADERS.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *h, &bold)?;
    }
    for (i, f) in findings.iter().enumerate() {
        let f = if mask { f.masked() } else { f.clone() };
        let r = i as u32 + 1;
        let src = f.source.as_ref();
        let cells = [
            f.severity.to_string(),
            f.code.clone(),
            f.file.clone().unwrap_or_default(),
            f.dataset.clone().unwrap_or_default(),
            String::new(),
            f.variables.join(", "),
            f.values.join(", "),
            src.map(|s| s.sheet.clone()).unwrap_or_default(),
            src.map(|s| s.cell.to_string()).unwrap_or_default(),
            f.message.clone(),
            f.refs.join(", "),
        ];
        for (c, v) in cells.iter().enumerate() {
            if c == 4 {
                if let Some(rec) = f.record {
                    sheet.write_number(r, 4, rec as f64)?;
                }
            } else {
                sheet.write_string(r, c as u16, v)?;
            }
        }
    }
    sheet.autofilter(0, 0, findings.len() as u32, HEADERS.len() as u16 - 1)?;
    sheet.set_freeze_panes(1, 0)?;
    book.save_to_buffer()
}
