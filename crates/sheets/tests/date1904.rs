//! A workbook in the 1904 date system (old Mac Excel), zipped by hand: rust_xlsxwriter
//! writes only the 1900 system.

mod common;

use common::{column, hand_xlsx, read};
use sheets::{DateSystem, RawValue, TableSpec};

const SHEET: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>Date</t></is></c></row>
<row r="2"><c r="A2" s="1"><v>0</v></c></row>
<row r="3"><c r="A3" s="1"><v>40968</v></c></row>
<row r="4"><c r="A4" s="1"><v>60</v></c></row>
</sheetData>
</worksheet>"#;

#[test]
fn serial_0_of_the_1904_system_is_1904_01_01_and_60_is_an_ordinary_day() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mac.xlsx");
    std::fs::write(
        &path,
        hand_xlsx("Dates", r#"<workbookPr date1904="1"/>"#, SHEET),
    )
    .unwrap();
    let (table, findings) = read(&path, &TableSpec::default());
    let t = table.unwrap();
    assert_eq!(
        column(&t, "Date"),
        ["d:1904-01-01", "d:2016-03-01", "d:1904-03-01"]
    );
    let RawValue::Date(d) = &t.rows[1].cells[0].value else {
        panic!("a date cell")
    };
    assert_eq!(d.serial, Some((40_968.0, DateSystem::Excel1904)));
    assert!(
        findings.is_empty(),
        "no phantom leap day in the 1904 system: {findings:?}"
    );
}
