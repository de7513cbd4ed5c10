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

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for b in bytes {
        crc ^= u32::from(*b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>
</Types>"#;

const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>"#;

const WORKBOOK_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
</Relationships>"#;

// Style 1 uses the built-in date format 14 (m/d/yyyy).
const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs>
</styleSheet>"#;

/// A one-sheet xlsx zipped by hand, for documents no writer at hand produces: the sheet
/// `sheet` holding `sheet_xml`, the workbook's properties `workbook_pr`; style 1 is a date.
pub fn hand_xlsx(sheet: &str, workbook_pr: &str, sheet_xml: &str) -> Vec<u8> {
    let workbook = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
{workbook_pr}
<sheets><sheet name="{sheet}" sheetId="1" r:id="rId1"/></sheets>
</workbook>"#
    );
    stored_zip(&[
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", RELS),
        ("xl/workbook.xml", &workbook),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
        ("xl/styles.xml", STYLES),
        ("xl/worksheets/sheet1.xml", sheet_xml),
    ])
}

/// A zip of stored (not deflated) members: enough for calamine, for documents no writer
/// at hand produces.
pub fn stored_zip(members: &[(&str, &str)]) -> Vec<u8> {
    let (mut z, mut central) = (Vec::new(), Vec::new());
    for (name, body) in members {
        let offset = z.len() as u32;
        let fields = |z: &mut Vec<u8>| {
            z.extend([0, 0, 0, 0, 0, 0, 0, 0]); // flags, method stored, time, date
            z.extend(crc32(body.as_bytes()).to_le_bytes());
            z.extend((body.len() as u32).to_le_bytes());
            z.extend((body.len() as u32).to_le_bytes());
            z.extend((name.len() as u16).to_le_bytes());
            z.extend([0, 0]);
        };
        z.extend(0x0403_4b50u32.to_le_bytes());
        z.extend([20, 0]);
        fields(&mut z);
        z.extend(name.as_bytes());
        z.extend(body.as_bytes());
        central.extend(0x0201_4b50u32.to_le_bytes());
        central.extend([20, 0, 20, 0]);
        fields(&mut central);
        central.extend([0; 10]);
        central.extend(offset.to_le_bytes());
        central.extend(name.as_bytes());
    }
    let cd_offset = z.len() as u32;
    z.extend(&central);
    z.extend(0x0605_4b50u32.to_le_bytes());
    z.extend([0, 0, 0, 0]);
    let n = (members.len() as u16).to_le_bytes();
    z.extend(n);
    z.extend(n);
    z.extend((central.len() as u32).to_le_bytes());
    z.extend(cd_offset.to_le_bytes());
    z.extend([0, 0]);
    z
}
