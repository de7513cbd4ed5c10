//! `report.csv`: the Details sheet of `report.xlsx` as CSV, for filtering in a spreadsheet
//! or loading into a tracker.
//!
//! Values come from site workbooks and datasets, so a cell may start with `=`, `+`, `-`, `@`,
//! tab or CR; a spreadsheet opening the file would run it as a formula (CSV injection). Such
//! text gets a leading `'`, which spreadsheets show as text. The file starts with a UTF-8
//! byte-order mark so Excel reads non-ASCII messages correctly.

use super::{DETAIL_HEADERS, detail_fields};
use model::Finding;
use model::text::defuse_formula;

pub fn render(findings: &[Finding], mask: bool) -> Vec<u8> {
    let mut w = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer("\u{feff}".as_bytes().to_vec());
    // Writing to a Vec cannot fail; the results are kept only to satisfy the signature.
    let _ = w.write_record(DETAIL_HEADERS);
    for f in findings {
        let f = if mask { f.masked() } else { f.clone() };
        let fields = detail_fields(&f).map(|v| defuse_formula(&v).into_owned());
        let _ = w.write_record(&fields);
    }
    w.into_inner().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::render;
    use model::{CellRef, Finding, SourceCell};

    fn text(findings: &[Finding], mask: bool) -> String {
        String::from_utf8(render(findings, mask)).unwrap_or_default()
    }

    #[test]
    fn values_that_would_run_as_formulas_are_prefixed_and_the_rest_kept() {
        let f = Finding::error(
            "SI0031",
            "SEX: `=HYPERLINK(\"http://x\",\"y\")` is not in SEX",
        )
        .with_value("=HYPERLINK(\"http://x\",\"y\")")
        .with_variable("SEX")
        .from_cell(SourceCell {
            file: "site-02.xlsx".into(),
            sheet: "Demographics".into(),
            cell: CellRef::new(3, 2),
        });
        let t = text(
            &[
                f.clone(),
                Finding::warning("X0001", "-1 is low").with_value("-1"),
            ],
            false,
        );
        let lines: Vec<&str> = t.split("\r\n").collect();
        assert_eq!(
            lines[0],
            "\u{feff}Severity,Code,File,Dataset,Record,Variables,Values,Sheet,Cell,Message,References"
        );
        assert_eq!(
            lines[1],
            "error,SI0031,site-02.xlsx,,,SEX,\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",Demographics,C4,\"SEX: `=HYPERLINK(\"\"http://x\"\",\"\"y\"\")` is not in SEX\","
        );
        assert_eq!(lines[2], "warning,X0001,,,,,'-1,,,'-1 is low,");
        // Masked, the value is gone from every column.
        assert!(!text(&[f], true).contains("HYPERLINK"));
    }
}
