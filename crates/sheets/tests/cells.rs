//! A sheet's cells as shown, for the grid `serve` draws: positions read as in Excel.
#![allow(clippy::unwrap_used)]

use std::path::Path;

#[test]
fn the_broken_workbooks_na_is_at_e42_and_big_sheets_are_cut() {
    let book = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures/umin000015469/broken/site-02-mikatahara.xlsx");
    let mut wb = sheets::Workbook::open(&book).unwrap();
    let labs = wb.cells("Labs", 1_000, 50).unwrap();
    assert!(!labs.truncated);
    // Row 42, column E (0-based 41, 4).
    assert_eq!(labs.rows[41][4], "#N/A");
    let cut = wb.cells("Labs", 10, 3).unwrap();
    assert!(cut.truncated);
    assert_eq!(cut.rows.len(), 10);
    assert!(cut.rows.iter().all(|r| r.len() == 3));
    assert!(wb.cells("No such sheet", 10, 10).is_err());
}
