//! `report.xlsx`, shaped like the validation workbook data managers already know: Summary,
//! Dataset Summary, Issue Summary, Details and Rules sheets, and Rule Status (every CDISC CORE
//! rule's status) when CORE rules ran.
//!
//! Cells are written as strings or numbers, never formulas; text starting with `=`, `+`,
//! `-` or `@` (a value copied from a site workbook, say) also gets Excel's quote prefix, so
//! it stays inert even after the workbook is re-saved or exported to CSV.

use super::json::Checked;
use super::{DETAIL_HEADERS, counts, detail_fields};
use model::{Finding, Summary};
use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

/// What the Summary sheet says about the run.
pub struct Meta<'a> {
    pub tool_version: &'a str,
    pub timestamp: &'a str,
    pub inputs: &'a [String],
    /// The standard checked against and every CORE rule's status, when CORE rules ran.
    pub checked: Option<&'a Checked>,
}

pub fn render(meta: &Meta<'_>, findings: &[Finding], mask: bool) -> Result<Vec<u8>, XlsxError> {
    let findings: Vec<Finding> = findings
        .iter()
        .map(|f| if mask { f.masked() } else { f.clone() })
        .collect();
    let mut book = Workbook::new();
    // A fixed creation time keeps the bytes identical from run to run.
    let props = rust_xlsxwriter::DocProperties::new()
        .set_creation_datetime(&rust_xlsxwriter::ExcelDateTime::from_ymd(2000, 1, 1)?);
    book.set_properties(&props);
    let bold = Format::new().set_bold();
    summary(book.add_worksheet(), meta, &findings, &bold)?;
    datasets(book.add_worksheet(), &findings, &bold)?;
    issues(book.add_worksheet(), &findings, &bold)?;
    details(book.add_worksheet(), &findings, &bold)?;
    rules(book.add_worksheet(), &findings, &bold)?;
    if let Some(checked) = meta.checked {
        statuses(book.add_worksheet(), checked, &bold)?;
    }
    book.save_to_buffer()
}

/// Writes text inertly: a leading `=`, `+`, `-` or `@` gets the quote prefix.
fn text(sheet: &mut Worksheet, row: u32, col: u16, value: &str) -> Result<(), XlsxError> {
    if value.starts_with(['=', '+', '-', '@']) {
        sheet.write_string_with_format(row, col, value, &Format::new().set_quote_prefix())?;
    } else {
        sheet.write_string(row, col, value)?;
    }
    Ok(())
}

fn header(sheet: &mut Worksheet, names: &[&str], bold: &Format) -> Result<(), XlsxError> {
    for (c, h) in names.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *h, bold)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

fn summary(
    sheet: &mut Worksheet,
    meta: &Meta<'_>,
    findings: &[Finding],
    bold: &Format,
) -> Result<(), XlsxError> {
    sheet.set_name("Summary")?;
    let s = Summary::of(findings);
    let standard = meta.checked.map_or_else(
        || "not applicable (no datasets)".to_owned(),
        |c| format!("{} ({})", c.standard, c.standard_from),
    );
    let ct = meta.checked.map_or_else(
        || "not applicable (no datasets)".to_owned(),
        |c| c.ct.clone(),
    );
    let rows: [(&str, String); 8] = [
        ("Tool", format!("trialbridge {}", meta.tool_version)),
        ("Run at", meta.timestamp.to_owned()),
        ("Standard", standard),
        ("Controlled terminology", ct),
        ("Input files", meta.inputs.len().to_string()),
        ("Errors", s.error.to_string()),
        ("Warnings", s.warning.to_string()),
        ("Notices", s.notice.to_string()),
    ];
    for (r, (k, v)) in rows.iter().enumerate() {
        sheet.write_string_with_format(r as u32, 0, *k, bold)?;
        text(sheet, r as u32, 1, v)?;
    }
    sheet.write_string_with_format(8, 0, "Inputs", bold)?;
    for (i, input) in meta.inputs.iter().enumerate() {
        text(sheet, 9 + i as u32, 0, input)?;
    }
    sheet.set_column_width(0, 40)?;
    Ok(())
}

fn datasets(sheet: &mut Worksheet, findings: &[Finding], bold: &Format) -> Result<(), XlsxError> {
    sheet.set_name("Dataset Summary")?;
    header(
        sheet,
        &["File", "Dataset", "Errors", "Warnings", "Notices"],
        bold,
    )?;
    for (r, ((file, ds), s)) in counts::by_dataset(findings).iter().enumerate() {
        let r = r as u32 + 1;
        text(sheet, r, 0, file)?;
        text(sheet, r, 1, ds)?;
        sheet.write_number(r, 2, s.error as f64)?;
        sheet.write_number(r, 3, s.warning as f64)?;
        sheet.write_number(r, 4, s.notice as f64)?;
    }
    Ok(())
}

fn issues(sheet: &mut Worksheet, findings: &[Finding], bold: &Format) -> Result<(), XlsxError> {
    sheet.set_name("Issue Summary")?;
    header(
        sheet,
        &["Code", "Severity", "Dataset", "Found", "Example message"],
        bold,
    )?;
    for (r, c) in counts::by_code_and_dataset(findings).iter().enumerate() {
        let r = r as u32 + 1;
        text(sheet, r, 0, &c.code)?;
        text(sheet, r, 1, &c.severity.to_string())?;
        text(sheet, r, 2, &c.dataset)?;
        sheet.write_number(r, 3, c.count as f64)?;
        text(sheet, r, 4, &c.example)?;
    }
    Ok(())
}

fn details(sheet: &mut Worksheet, findings: &[Finding], bold: &Format) -> Result<(), XlsxError> {
    sheet.set_name("Details")?;
    header(sheet, &DETAIL_HEADERS, bold)?;
    for (i, f) in findings.iter().enumerate() {
        let r = i as u32 + 1;
        for (c, value) in detail_fields(f).iter().enumerate() {
            match (c, f.record) {
                (4, Some(rec)) => {
                    sheet.write_number(r, 4, rec as f64)?;
                }
                (4, None) => {}
                _ => text(sheet, r, c as u16, value)?,
            }
        }
    }
    sheet.autofilter(0, 0, findings.len() as u32, DETAIL_HEADERS.len() as u16 - 1)?;
    Ok(())
}

fn rules(sheet: &mut Worksheet, findings: &[Finding], bold: &Format) -> Result<(), XlsxError> {
    sheet.set_name("Rules")?;
    header(sheet, &["Code", "Severity", "Rule", "References"], bold)?;
    let mut codes: Vec<&str> = findings.iter().map(|f| f.code.as_str()).collect();
    codes.sort_unstable();
    codes.dedup();
    for (r, code) in codes.iter().enumerate() {
        let r = r as u32 + 1;
        text(sheet, r, 0, code)?;
        if let Some(e) = crate::codes::lookup(code) {
            let m = e.rule.meta();
            text(sheet, r, 1, &m.severity.to_string())?;
            text(sheet, r, 2, m.summary)?;
            text(sheet, r, 3, &m.refs.join(", "))?;
        } else if let Some(f) = findings
            .iter()
            .find(|f| f.code == *code && code.starts_with("CORE-"))
        {
            text(sheet, r, 1, &f.severity.to_string())?;
            text(sheet, r, 2, &format!("CDISC CORE rule: {}", f.message))?;
            text(sheet, r, 3, &f.refs.join(", "))?;
        } else if let Some(f) = findings.iter().find(|f| f.code == *code) {
            // Codes raised while reading inputs, or by a user's own CORE-format rule.
            text(sheet, r, 1, &f.severity.to_string())?;
            text(
                sheet,
                r,
                2,
                "raised while reading the input (see the message)",
            )?;
        }
    }
    Ok(())
}

/// Every CORE rule's status, so no rule passes unseen: passed, failed, skipped or error.
fn statuses(sheet: &mut Worksheet, checked: &Checked, bold: &Format) -> Result<(), XlsxError> {
    sheet.set_name("Rule Status")?;
    header(sheet, &["Rule", "Status", "Findings", "Reason"], bold)?;
    for (i, r) in checked.rules.iter().enumerate() {
        let row = i as u32 + 1;
        text(sheet, row, 0, &r.id)?;
        text(sheet, row, 1, r.status)?;
        sheet.write_number(row, 2, r.findings as f64)?;
        text(sheet, row, 3, r.reason.as_deref().unwrap_or(""))?;
    }
    sheet.set_column_width(3, 60)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{Meta, render};
    use model::Finding;
    use std::io::Read;

    fn member(xlsx: &[u8], name: &str) -> String {
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).expect("an xlsx is a zip");
        let mut text = String::new();
        zip.by_name(name)
            .expect("member")
            .read_to_string(&mut text)
            .expect("UTF-8 XML");
        text
    }

    #[test]
    fn a_formula_from_a_site_is_text_with_the_quote_prefix_never_a_formula() {
        let evil = "=HYPERLINK(\"http://x.test\",\"open\")";
        let findings = [
            Finding::error("SI0031", format!("SEX: `{evil}` is not in SEX"))
                .with_value(evil)
                .in_file("site.xlsx"),
        ];
        let meta = Meta {
            tool_version: "0",
            timestamp: "2026-01-01T00:00:00Z",
            inputs: &["site.xlsx".to_owned()],
            checked: None,
        };
        let xlsx = render(&meta, &findings, false).expect("rendered");
        // Details is the fourth sheet (Summary, Dataset Summary, Issue Summary, Details).
        let details = member(&xlsx, "xl/worksheets/sheet4.xml");
        assert!(!details.contains("<f>"), "no formula cell: {details}");
        let strings = member(&xlsx, "xl/sharedStrings.xml");
        assert!(strings.contains("=HYPERLINK("), "the value is kept as text");
        assert!(member(&xlsx, "xl/styles.xml").contains("quotePrefix=\"1\""));
        let masked = render(&meta, &findings, true).expect("rendered");
        assert!(!member(&masked, "xl/sharedStrings.xml").contains("HYPERLINK"));
    }
}
