//! Files that must be refused with a clear error naming them, never a panic.

mod common;

use common::xlsx;
use rust_xlsxwriter::Worksheet;
use sheets::{RawValue, SheetsError, TableSpec, Workbook, ZipLimits};
use std::path::Path;

fn open_err(path: &Path) -> SheetsError {
    Workbook::open(path).expect_err("must be refused")
}

#[test]
fn garbage_named_xlsx_is_damaged() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("site01.xlsx");
    std::fs::write(&path, b"this is not a workbook at all").unwrap();
    let e = open_err(&path);
    assert!(matches!(e, SheetsError::Damaged { .. }), "{e:?}");
    assert_eq!(e.file(), Some(path.display().to_string().as_str()));
    assert!(
        e.to_string().contains("site01.xlsx: not a readable zip"),
        "{e}"
    );
}

#[test]
fn truncated_xlsx_names_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let fill = |ws: &mut Worksheet| {
        for r in 0..200 {
            ws.write_row(r, 0, [format!("subject {r}"), "x".repeat(r as usize)])?;
        }
        Ok(())
    };
    let path = xlsx(dir.path(), "cut.xlsx", &[("Labs", &fill)]);
    let bytes = std::fs::read(&path).unwrap();
    for keep in [bytes.len() / 2, bytes.len() - 10, 30] {
        std::fs::write(&path, &bytes[..keep]).unwrap();
        let e = open_err(&path);
        assert!(matches!(e, SheetsError::Damaged { .. }), "{keep}: {e:?}");
        assert!(
            e.to_string().contains("cut.xlsx") && e.to_string().contains("truncated"),
            "{e}"
        );
    }
}

#[test]
fn an_ole_file_named_xlsx_is_an_encrypted_workbook() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("locked.xlsx");
    let mut bytes = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    bytes.resize(4096, 0);
    std::fs::write(&path, bytes).unwrap();
    let e = open_err(&path);
    assert!(matches!(e, SheetsError::Encrypted { .. }), "{e:?}");
    assert!(
        e.to_string().contains("locked.xlsx: encrypted workbook"),
        "{e}"
    );
}

#[test]
fn a_garbage_ole_xls_is_an_error_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.xls");
    let mut bytes = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    bytes.resize(4096, 0xAB);
    std::fs::write(&path, bytes).unwrap();
    let e = open_err(&path);
    assert_eq!(e.file(), Some(path.display().to_string().as_str()), "{e:?}");
}

#[test]
fn unsupported_and_missing_files() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.docx");
    std::fs::write(&path, b"x").unwrap();
    assert!(
        matches!(open_err(&path), SheetsError::UnsupportedType { extension, .. } if extension == "docx")
    );
    assert!(matches!(
        open_err(&dir.path().join("absent.xlsx")),
        SheetsError::Io { .. }
    ));
}

/// A zip whose only member claims `uncompressed` bytes from `compressed` stored ones.
fn claimed_zip(uncompressed: u32, compressed: u32) -> Vec<u8> {
    let name = b"xl/worksheets/sheet1.xml";
    let data = vec![0u8; compressed as usize];
    let mut z = Vec::new();
    let header = |sig: u32, z: &mut Vec<u8>| z.extend(sig.to_le_bytes());
    header(0x0403_4b50, &mut z);
    z.extend([20, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    z.extend(compressed.to_le_bytes());
    z.extend(uncompressed.to_le_bytes());
    z.extend((name.len() as u16).to_le_bytes());
    z.extend([0, 0]);
    z.extend(name);
    z.extend(&data);
    let cd_offset = z.len() as u32;
    header(0x0201_4b50, &mut z);
    z.extend([20, 0, 20, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    z.extend(compressed.to_le_bytes());
    z.extend(uncompressed.to_le_bytes());
    z.extend((name.len() as u16).to_le_bytes());
    z.extend([0; 12]);
    z.extend(0u32.to_le_bytes());
    z.extend(name);
    let cd_size = z.len() as u32 - cd_offset;
    header(0x0605_4b50, &mut z);
    z.extend([0, 0, 0, 0, 1, 0, 1, 0]);
    z.extend(cd_size.to_le_bytes());
    z.extend(cd_offset.to_le_bytes());
    z.extend([0, 0]);
    z
}

#[test]
fn a_zip_bomb_is_refused_before_anything_is_inflated() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bomb.xlsx");
    std::fs::write(&path, claimed_zip(4_000_000_000, 1000)).unwrap();
    let e = open_err(&path);
    assert!(
        matches!(&e, SheetsError::MemberTooLarge { member, claimed: 4_000_000_000, .. } if member == "xl/worksheets/sheet1.xml"),
        "{e:?}"
    );

    std::fs::write(&path, claimed_zip(500_000_000, 1000)).unwrap();
    let e = open_err(&path);
    assert!(
        matches!(
            e,
            SheetsError::CompressionRatio {
                ratio: 500_000,
                limit: 1000,
                ..
            }
        ),
        "{e:?}"
    );
}

#[test]
fn a_real_workbook_is_within_the_limits_and_limits_are_configurable() {
    let dir = tempfile::tempdir().unwrap();
    let fill = |ws: &mut Worksheet| ws.write_row(0, 0, ["Subject", "Arm"]).map(drop);
    let path = xlsx(dir.path(), "ok.xlsx", &[("DM", &fill)]);
    let mut file = std::fs::File::open(&path).unwrap();
    sheets::check_zip(&mut file, "ok.xlsx", &ZipLimits::default()).unwrap();
    let tight = ZipLimits {
        max_total_bytes: 100,
        ..ZipLimits::default()
    };
    let e = Workbook::open_as(&path, "ok.xlsx", &tight).unwrap_err();
    assert!(
        matches!(e, SheetsError::ArchiveTooLarge { limit: 100, .. }),
        "{e:?}"
    );
    assert!(e.to_string().starts_with("ok.xlsx: archive claims"), "{e}");
}

#[test]
fn errors_and_workbooks_can_cross_threads() {
    fn send_sync<T: Send + Sync + 'static>() {}
    fn send<T: Send>() {}
    send_sync::<SheetsError>();
    send::<Workbook>();
    send_sync::<sheets::RawTable>();
}

#[test]
fn an_html_table_saved_as_xls_is_named_for_what_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("export.xls");
    std::fs::write(
        &path,
        b"  <html><table><tr><td>001</td></tr></table></html>",
    )
    .unwrap();
    let e = open_err(&path);
    assert!(
        e.to_string()
            .contains("an HTML or XML file named like a workbook"),
        "{e}"
    );
}

#[test]
fn a_cell_past_excels_last_row_or_column_is_an_error_naming_the_sheet() {
    let dir = tempfile::tempdir().unwrap();
    let sheet = |far: &str| {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>Subject</t></is></c></row>
<row r="2"><c r="A2" t="inlineStr"><is><t>001</t></is></c>{far}</row>
</sheetData></worksheet>"#
        )
    };
    // A grid is laid out up to its last cell: these would have asked for tens of gigabytes.
    for far in [
        r#"<c r="A4000000000"><v>1</v></c>"#,
        r#"<c r="ZZZZZZ2"><v>1</v></c>"#,
    ] {
        let path = dir.path().join("far.xlsx");
        std::fs::write(&path, common::hand_xlsx("Labs", "", &sheet(far))).unwrap();
        let mut book = Workbook::open(&path).unwrap();
        let err = book
            .read_table(&TableSpec::default(), &mut Vec::new())
            .unwrap_err()
            .to_string();
        assert!(err.contains("far.xlsx!Labs"), "{err}");
        assert!(err.contains("past Excel's last row or column"), "{err}");
    }
    // In the last column, or on the last row, a cell is read.
    for edge in [
        r#"<c r="XFD2"><v>1</v></c>"#,
        r#"<c r="A1048576"><v>1</v></c>"#,
    ] {
        let path = dir.path().join("edge.xlsx");
        let edge = sheet(edge);
        std::fs::write(&path, common::hand_xlsx("Labs", "", &edge)).unwrap();
        let (table, _) = common::read(&path, &TableSpec::default());
        let table = table.unwrap();
        assert_eq!(table.rows[0].cells[0].value, RawValue::Text("001".into()));
    }
}
