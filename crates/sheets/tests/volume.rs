//! A large sheet reads in time linear in its cells (run with `--ignored`; prints timings).

mod common;

use rust_xlsxwriter::Worksheet;
use sheets::TableSpec;
use std::time::Instant;

#[test]
#[ignore = "volume check: cargo test -p trialbridge-sheets --test volume -- --ignored --nocapture"]
fn a_100k_row_lab_sheet() {
    let dir = tempfile::tempdir().unwrap();
    let rows = 100_000u32;
    let fill = |ws: &mut Worksheet| {
        ws.write_row(
            0,
            0,
            [
                "Subject", "Visit", "Date", "Test", "Result", "Unit", "Low", "High", "Flag",
                "Comment",
            ],
        )?;
        for r in 1..=rows {
            ws.write_row(
                r,
                0,
                [
                    format!("S{:05}", r % 500),
                    format!("Week {}", r % 52),
                    "2016-03-01".into(),
                ],
            )?;
            ws.write_row(r, 3, ["HGB".to_owned()])?;
            ws.write_row(r, 4, [f64::from(r % 170), 1.0, 120.0, 170.0])?;
            ws.write_row(r, 8, ["N", "ok"])?;
        }
        Ok(())
    };
    let start = Instant::now();
    let path = common::xlsx(dir.path(), "big.xlsx", &[("Labs", &fill)]);
    println!("write: {:?}", start.elapsed());
    let start = Instant::now();
    let mut raw: calamine::Xlsx<_> = calamine::open_workbook(&path).unwrap();
    let range = calamine::Reader::worksheet_range(&mut raw, "Labs").unwrap();
    println!(
        "calamine alone: {:?} ({} cells)",
        start.elapsed(),
        range.get_size().0 * range.get_size().1
    );
    let start = Instant::now();
    let (table, findings) = common::read(&path, &TableSpec::sheet("Labs"));
    println!(
        "read_table (calamine + table + merges when needed): {:?}",
        start.elapsed()
    );
    assert_eq!(table.unwrap().rows.len(), rows as usize);
    assert!(findings.is_empty());
}
