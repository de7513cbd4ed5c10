//! `report.xlsx`, shaped like the validation workbook data managers already know: Summary,
//! Dataset Summary, Issue Summary (per code its severity, count, where, message and
//! description), Details (errors first, by dataset and record) and Rules sheets, and Rule
//! Status (every CDISC CORE rule's status) when CORE rules ran. Files are named relative to the
//! folder of the inputs, which the Summary sheet names once.
//!
//! Cells are written as strings or numbers, never formulas; text starting with `=`, `+`,
//! `-` or `@` (a value copied from a site workbook, say) also gets Excel's quote prefix, so
//! it stays inert even after the workbook is re-saved or exported to CSV.

use super::json::Checked;
use super::{CodeTexts, DETAIL_HEADERS, Folder, counts, describe, detail_fields, sorted};
use model::{Finding, Summary};
use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

/// What the Summary sheet says about the run.
pub struct Meta<'a> {
    pub tool_version: &'a str,
    pub timestamp: &'a str,
    pub inputs: &'a [String],
    /// The standard checked against and every CORE rule's status, when CORE rules ran.
    pub checked: Option<&'a Checked>,
    /// Descriptions of the codes this crate cannot describe (CORE ids): see [`describe`].
    pub texts: &'a CodeTexts,
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
    let folder = Folder::of(meta.inputs);
    summary(book.add_worksheet(), meta, &folder, &findings, &bold)?;
    datasets(book.add_worksheet(), &folder, &findings, &bold)?;
    issues(book.add_worksheet(), &folder, meta.texts, &findings, &bold)?;
    details(book.add_worksheet(), &folder, &findings, &bold)?;
    rules(book.add_worksheet(), meta.texts, &findings, &bold)?;
    if let Some(checked) = meta.checked {
        statuses(book.add_worksheet(), checked, &bold)?;
    }
    book.save_to_buffer()
}

/// Writes text inertly: text a spreadsheet would take as a formula gets the quote prefix.
fn text(sheet: &mut Worksheet, row: u32, col: u16, value: &str) -> Result<(), XlsxError> {
    if model::text::starts_formula(value) {
        sheet.write_string_with_format(row, col, value, &Format::new().set_quote_prefix())?;
    } else {
        sheet.write_string(row, col, value)?;
    }
    Ok(())
}

/// Long text (messages, descriptions) wraps within its column, read from the top.
fn wrapped() -> Format {
    Format::new()
        .set_text_wrap()
        .set_align(rust_xlsxwriter::FormatAlign::Top)
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
    folder: &Folder,
    findings: &[Finding],
    bold: &Format,
) -> Result<(), XlsxError> {
    sheet.set_name("Summary")?;
    let s = Summary::of(findings);
    let standard = meta.checked.map_or_else(
        || "not applicable (no datasets)".to_owned(),
        |c| format!("{} ({})", c.standard, folder.shorten(&c.standard_from)),
    );
    let ct = meta.checked.map_or_else(
        || "not applicable (no datasets)".to_owned(),
        |c| folder.shorten(&c.ct),
    );
    let rows: [(&str, String); 9] = [
        ("Tool", format!("trialbridge {}", meta.tool_version)),
        ("Run at", meta.timestamp.to_owned()),
        ("Standard", standard),
        ("Controlled terminology", ct),
        ("Folder", folder.shown().unwrap_or_default()),
        ("Input files", meta.inputs.len().to_string()),
        ("Errors", s.error.to_string()),
        ("Warnings", s.warning.to_string()),
        ("Notices", s.notice.to_string()),
    ];
    for (r, (k, v)) in rows.iter().enumerate() {
        sheet.write_string_with_format(r as u32, 0, *k, bold)?;
        text(sheet, r as u32, 1, v)?;
    }
    let first = rows.len() as u32 + 1;
    sheet.write_string_with_format(first - 1, 0, "Inputs (relative to the folder)", bold)?;
    for (i, input) in meta.inputs.iter().enumerate() {
        text(sheet, first + i as u32, 0, &folder.relative(input))?;
    }
    sheet.set_column_width(0, 40)?;
    Ok(())
}

fn datasets(
    sheet: &mut Worksheet,
    folder: &Folder,
    findings: &[Finding],
    bold: &Format,
) -> Result<(), XlsxError> {
    sheet.set_name("Dataset Summary")?;
    header(
        sheet,
        &["File", "Dataset", "Errors", "Warnings", "Notices"],
        bold,
    )?;
    for (r, ((file, ds), s)) in counts::by_dataset(findings).iter().enumerate() {
        let r = r as u32 + 1;
        let file = match (file.is_empty(), ds.is_empty()) {
            // Findings about the run itself (which versions were checked against).
            (true, true) => "(run)".to_owned(),
            _ => folder.relative(file),
        };
        text(sheet, r, 0, &file)?;
        text(sheet, r, 1, ds)?;
        sheet.write_number(r, 2, s.error as f64)?;
        sheet.write_number(r, 3, s.warning as f64)?;
        sheet.write_number(r, 4, s.notice as f64)?;
    }
    Ok(())
}

/// Per code and severity: how often and where it was found, its message and description.
fn issues(
    sheet: &mut Worksheet,
    folder: &Folder,
    texts: &CodeTexts,
    findings: &[Finding],
    bold: &Format,
) -> Result<(), XlsxError> {
    sheet.set_name("Issue Summary")?;
    header(
        sheet,
        &[
            "Code",
            "Severity",
            "Found",
            "Where",
            "Message",
            "Description",
        ],
        bold,
    )?;
    let issues = counts::issues(findings);
    for (r, i) in issues.iter().enumerate() {
        let r = r as u32 + 1;
        let about = describe(&i.code, texts, findings);
        text(sheet, r, 0, &i.code)?;
        text(sheet, r, 1, &i.severity.to_string())?;
        sheet.write_number(r, 2, i.count as f64)?;
        text(sheet, r, 3, &i.places())?;
        text(sheet, r, 4, &folder.shorten(&about.summary))?;
        text(sheet, r, 5, &folder.shorten(&about.description))?;
    }
    sheet.set_column_width(0, 13)?;
    for (col, width) in [(3, 24), (4, 50), (5, 90)] {
        sheet.set_column_width(col, width)?;
        sheet.set_column_format(col, &wrapped())?;
    }
    sheet.autofilter(0, 0, issues.len() as u32, 5)?;
    Ok(())
}

/// Every finding, errors first, then by dataset and record.
fn details(
    sheet: &mut Worksheet,
    folder: &Folder,
    findings: &[Finding],
    bold: &Format,
) -> Result<(), XlsxError> {
    sheet.set_name("Details")?;
    header(sheet, &DETAIL_HEADERS, bold)?;
    for (i, f) in sorted(findings).into_iter().enumerate() {
        let r = i as u32 + 1;
        for (c, value) in detail_fields(f).iter().enumerate() {
            match (c, f.record) {
                (2, _) => text(sheet, r, 2, &folder.relative(value))?,
                (9, _) => text(sheet, r, 9, &folder.shorten(value))?,
                (4, Some(rec)) => {
                    sheet.write_number(r, 4, rec as f64)?;
                }
                (4, None) => {}
                _ => text(sheet, r, c as u16, value)?,
            }
        }
    }
    sheet.autofilter(0, 0, findings.len() as u32, DETAIL_HEADERS.len() as u16 - 1)?;
    sheet.set_column_width(2, 16)?;
    sheet.set_column_width(9, 80)?;
    sheet.set_column_format(9, &wrapped())?;
    Ok(())
}

fn rules(
    sheet: &mut Worksheet,
    texts: &CodeTexts,
    findings: &[Finding],
    bold: &Format,
) -> Result<(), XlsxError> {
    sheet.set_name("Rules")?;
    header(
        sheet,
        &["Code", "Severity", "Rule", "Description", "References"],
        bold,
    )?;
    let mut codes: Vec<&str> = findings.iter().map(|f| f.code.as_str()).collect();
    codes.sort_unstable();
    codes.dedup();
    for (r, code) in codes.iter().enumerate() {
        let r = r as u32 + 1;
        let about = describe(code, texts, findings);
        text(sheet, r, 0, code)?;
        let (severity, refs) = match rules::codes::lookup(code) {
            Some(e) => {
                let m = e.rule.meta();
                (m.severity.to_string(), m.refs.join(", "))
            }
            None => findings
                .iter()
                .find(|f| f.code == *code)
                .map(|f| (f.severity.to_string(), f.refs.join(", ")))
                .unwrap_or_default(),
        };
        text(sheet, r, 1, &severity)?;
        text(sheet, r, 2, &about.summary)?;
        text(sheet, r, 3, &about.description)?;
        text(sheet, r, 4, &refs)?;
    }
    sheet.set_column_width(0, 13)?;
    for (col, width) in [(2, 50), (3, 90)] {
        sheet.set_column_width(col, width)?;
        sheet.set_column_format(col, &wrapped())?;
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
        text(sheet, row, 1, &r.status)?;
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
        let texts = crate::CodeTexts::new();
        let meta = Meta {
            tool_version: "0",
            timestamp: "2026-01-01T00:00:00Z",
            inputs: &["site.xlsx".to_owned()],
            checked: None,
            texts: &texts,
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

    #[test]
    fn the_issue_summary_describes_every_code_and_details_are_sorted_with_relative_paths() {
        use crate::{CodeText, CodeTexts};
        let findings = [
            Finding::notice("FM0030", "a byte that is not UTF-8")
                .in_file("/data/pilot/sdtm/ts.xpt")
                .in_dataset("TS"),
            Finding::warning("CORE-000001", "a CORE outcome")
                .in_file("/data/pilot/sdtm/ae.xpt")
                .in_dataset("AE")
                .at_record(4),
            Finding::error("SDT0084", "AEENDTC is `2016-03-20`")
                .in_file("/data/pilot/sdtm/ae.xpt")
                .in_dataset("AE")
                .at_record(7),
        ];
        let texts: CodeTexts = [(
            "CORE-000001".to_owned(),
            CodeText {
                summary: "the CORE message".to_owned(),
                description: "what the CORE rule checks".to_owned(),
            },
        )]
        .into();
        let inputs = [
            "/data/pilot/sdtm/ae.xpt".to_owned(),
            "/data/pilot/sdtm/ts.xpt".to_owned(),
        ];
        let meta = Meta {
            tool_version: "0",
            timestamp: "2026-01-01T00:00:00Z",
            inputs: &inputs,
            checked: None,
            texts: &texts,
        };
        let xlsx = render(&meta, &findings, false).expect("rendered");
        let strings = member(&xlsx, "xl/sharedStrings.xml");
        for text in [
            "/data/pilot/sdtm",
            "ae.xpt",
            "the CORE message",
            "what the CORE rule checks",
            "AEENDTC is populated but AEOUT says the event has not resolved",
            "AE (1)",
        ] {
            assert!(strings.contains(text), "{text}: {strings}");
        }
        assert!(
            !strings.contains("/data/pilot/sdtm/"),
            "files are relative: {strings}"
        );
        // The shared strings are numbered in the order first written: Issue Summary's
        // severities come before Details', so read the Details sheet's own cells.
        let details = member(&xlsx, "xl/worksheets/sheet4.xml");
        let index: Vec<&str> = strings.split("<si>").skip(1).collect();
        let shown: Vec<&str> = details
            .split("<c r=\"A")
            .skip(2)
            .filter_map(|c| c.split("<v>").nth(1)?.split("</v>").next())
            .filter_map(|i| index.get(i.parse::<usize>().ok()?).copied())
            .collect();
        assert!(shown[0].contains(">error<"), "{shown:?}");
        assert!(shown[1].contains(">warning<"), "{shown:?}");
        assert!(shown[2].contains(">notice<"), "{shown:?}");
    }
}
