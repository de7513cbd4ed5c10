//! Damaged bytes anywhere in a workbook give an error or a table, never a panic.

mod common;

use rust_xlsxwriter::{Worksheet, XlsxError};
use sheets::{TableSpec, Workbook};

fn sheet(ws: &mut Worksheet) -> Result<(), XlsxError> {
    ws.write_row(0, 0, ["Subject", "Visit", "Result"])?;
    for r in 1..40u32 {
        ws.write_row(r, 0, [format!("S{r:03}"), format!("Week {r}")])?;
        ws.write(r, 2, f64::from(r) / 3.0)?;
    }
    Ok(())
}

#[test]
fn flipped_and_cut_bytes_never_panic() {
    let dir = tempfile::tempdir().unwrap();
    let good = common::xlsx(dir.path(), "good.xlsx", &[("Labs", &sheet)]);
    let bytes = std::fs::read(&good).unwrap();
    let path = dir.path().join("bad.xlsx");
    let (mut opened, mut read) = (0, 0);
    for i in (0..bytes.len()).step_by(37) {
        let mut bad = bytes.clone();
        bad[i] ^= 0x5A;
        if i % 3 == 0 {
            bad.truncate(bytes.len() - i / 7);
        }
        std::fs::write(&path, &bad).unwrap();
        if let Ok(mut book) = Workbook::open(&path) {
            opened += 1;
            let mut findings = Vec::new();
            if let Ok(Some(_)) = book.read_table(&TableSpec::default(), &mut findings) {
                read += 1;
            }
        }
    }
    println!(
        "{} mutations, {opened} opened, {read} read",
        bytes.len().div_ceil(37)
    );
}
