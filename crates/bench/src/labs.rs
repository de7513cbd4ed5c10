//! The spreadsheet benchmark: a site lab workbook of N rows, read raw by calamine, read and
//! mapped to SDTM LB by trialbridge, and read by pandas + openpyxl (bench/peers.py).

use anyhow::Context;
use calamine::{Reader, open_workbook_auto};
use rust_xlsxwriter::Workbook;
use std::path::Path;

const TESTS: [(&str, &str, f64); 5] = [
    ("CK", "U/L", 180.0),
    ("Creatinine", "mg/dL", 0.8),
    ("Glucose", "mg/dL", 95.0),
    ("AST", "U/L", 25.0),
    ("ALT", "U/L", 22.0),
];
const SUBJECTS: usize = 200;

pub fn make(rows: usize, out: &Path) -> anyhow::Result<()> {
    let mut book = Workbook::new();
    let dm = book.add_worksheet().set_name("Demographics")?;
    for (c, h) in ["Subject ID", "Sex", "Consent date"].iter().enumerate() {
        dm.write_string(0, c as u16, *h)?;
    }
    for s in 0..SUBJECTS {
        let r = s as u32 + 1;
        dm.write_string(r, 0, format!("{s:04}"))?;
        dm.write_string(r, 1, if s % 2 == 0 { "Female" } else { "Male" })?;
        dm.write_string(r, 2, "2020-01-06")?;
    }
    let lb = book.add_worksheet().set_name("Labs")?;
    for (c, h) in ["Subject ID", "Test", "Result", "Unit", "Collection date"]
        .iter()
        .enumerate()
    {
        lb.write_string(0, c as u16, *h)?;
    }
    for i in 0..rows {
        let r = i as u32 + 1;
        let (test, unit, base) = TESTS[i % TESTS.len()];
        lb.write_string(r, 0, format!("{:04}", (i / TESTS.len()) % SUBJECTS))?;
        lb.write_string(r, 1, test)?;
        lb.write_number(r, 2, base * (1.0 + ((i * 7919) % 100) as f64 / 200.0))?;
        lb.write_string(r, 3, unit)?;
        let day = 6 + (i / (TESTS.len() * SUBJECTS)) % 20;
        lb.write_string(
            r,
            4,
            format!("2020-{:02}-{:02}", 1 + (i / 50_000) % 12, day),
        )?;
    }
    book.save(out)?;
    Ok(())
}

/// Every cell of the Labs sheet, as calamine alone reads it; returns the data row count.
pub fn calamine_raw(path: &Path) -> anyhow::Result<usize> {
    let mut book = open_workbook_auto(path)?;
    let range = book.worksheet_range("Labs")?;
    let mut cells = 0usize;
    for row in range.rows() {
        cells += row
            .iter()
            .filter(|c| !matches!(c, calamine::Data::Empty))
            .count();
    }
    std::hint::black_box(cells);
    Ok(range.height().saturating_sub(1))
}

/// The Labs sheet as the mapping reads it (a table whose every cell knows its address), not
/// yet mapped: what the mapping adds is `ingest-map` minus this.
pub fn sheets_read(path: &Path) -> anyhow::Result<usize> {
    let mut book = sheets::Workbook::open(path)?;
    let spec = sheets::TableSpec {
        sheet: Some("Labs".into()),
        ..sheets::TableSpec::default()
    };
    let mut findings = Vec::new();
    let table = book
        .read_table(&spec, &mut findings)?
        .context("no Labs table")?;
    Ok(table.rows.len())
}

/// Read, check and map the workbook with the benchmark's specs; returns the LB row count.
pub fn ingest_map(path: &Path, mapping: &Path) -> anyhow::Result<usize> {
    let plan = sdtm::compile_dir(mapping).map_err(|e| anyhow::anyhow!("{e}"))?;
    let conv = sdtm::convert(&plan, &[(path.display().to_string(), path)])
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let lb = conv.table("LB").context("no LB dataset")?;
    anyhow::ensure!(
        conv.findings
            .iter()
            .all(|f| f.severity != model::Severity::Error),
        "{:?}",
        conv.findings.first()
    );
    Ok(lb.len())
}
