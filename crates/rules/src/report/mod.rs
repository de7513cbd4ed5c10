//! Reporters: JSON (the contract other tools read), SARIF, HTML, XLSX and CSV for people,
//! and the console summary.

pub mod counts;
pub mod csv;
pub mod html;
pub mod json;
pub mod sarif;
pub mod xlsx;

use model::Finding;

/// The columns of one finding in the Details sheet of `report.xlsx` and in `report.csv`.
pub const DETAIL_HEADERS: [&str; 11] = [
    "Severity",
    "Code",
    "File",
    "Dataset",
    "Record",
    "Variables",
    "Values",
    "Sheet",
    "Cell",
    "Message",
    "References",
];

/// One finding as the text of its [`DETAIL_HEADERS`] columns.
pub(crate) fn detail_fields(f: &Finding) -> [String; 11] {
    let src = f.source.as_ref();
    [
        f.severity.to_string(),
        f.code.clone(),
        f.file.clone().unwrap_or_default(),
        f.dataset.clone().unwrap_or_default(),
        f.record.map(|r| r.to_string()).unwrap_or_default(),
        f.variables.join(", "),
        f.values.join(", "),
        src.map(|s| s.sheet.clone()).unwrap_or_default(),
        src.map(|s| s.cell.to_string()).unwrap_or_default(),
        f.message.clone(),
        f.refs.join(", "),
    ]
}
