//! Writes varied Dataset-JSON files into a folder for `tests/interop/dsj_check.py`, which
//! validates them against the official 1.1 schema with Python `jsonschema`.
//!
//! `cargo run -p trialbridge-formats --example dsj_interop_fixtures -- DIR`

use formats::dataset_json::{DsjOptions, DsjWriter, Flavor, SourceSystem};
use model::{DatasetMeta, DatasetWriter, Missing, Value, Variable};
use std::path::Path;

fn dm() -> (DatasetMeta, Vec<Vec<Value>>) {
    let mut meta = DatasetMeta::new("DM", "Demographics");
    meta.variables = vec![
        Variable::char("STUDYID", "Study Identifier").with_length(12),
        Variable::char("USUBJID", "Unique Subject Identifier").with_length(20),
        Variable::num("AGE", "Age"),
        Variable::char("RFSTDTC", "Subject Reference Start Date/Time"),
        Variable::char("ARM", "Description of Planned Arm"),
    ];
    meta.variables[2].data_type = Some("integer".into());
    meta.variables[3].data_type = Some("date".into());
    let rows = vec![
        vec![
            "S1".into(),
            "S1-001".into(),
            54.0.into(),
            "2024-03-01".into(),
            "Drug A 10 mg".into(),
        ],
        vec![
            "S1".into(),
            "S1-002".into(),
            Value::NULL,
            "2024-03".into(),
            "".into(),
        ],
        vec![
            "S1".into(),
            "S1-003 \"ü\" 日本".into(),
            0.0.into(),
            Value::NULL,
            "a\tb\\c\n".into(),
        ],
    ];
    (meta, rows)
}

fn adsl() -> (DatasetMeta, Vec<Vec<Value>>) {
    let mut meta = DatasetMeta::new("ADSL", "Subject-Level Analysis Dataset");
    meta.variables = vec![
        Variable::char("USUBJID", "Unique Subject Identifier"),
        Variable::num("TRTSDT", "Date of First Exposure to Treatment").with_format("DATE9."),
        Variable::num("TRTSDTM", "Datetime of First Exposure").with_format("DATETIME20."),
        Variable::num("TRTSTM", "Time of First Exposure").with_format("TIME8."),
        Variable::num("HEIGHTBL", "Baseline Height (cm)").with_length(8),
        Variable::num("WEIGHTBL", "Baseline Weight (kg)"),
        Variable::num("SAFFN", "Safety Population Flag (N)"),
    ];
    meta.variables[4].data_type = Some("decimal".into());
    meta.variables[5].data_type = Some("double".into());
    meta.variables[6].data_type = Some("boolean".into());
    let rows = vec![
        vec![
            "S1-001".into(),
            23436.0.into(),
            2_024_904_000.5.into(),
            30_600.0.into(),
            162.9.into(),
            70.25.into(),
            1.0.into(),
        ],
        vec![
            "S1-002".into(),
            Value::NULL,
            Value::NULL,
            Value::NULL,
            Value::Missing(Missing::Letter(b'A')),
            (-1e-7).into(),
            0.0.into(),
        ],
        vec![
            "S1-003".into(),
            (-1.0).into(),
            0.0.into(),
            0.0.into(),
            1e21.into(),
            1e300.into(),
            Value::NULL,
        ],
    ];
    (meta, rows)
}

fn write(
    dir: &Path,
    file: &str,
    flavor: Flavor,
    meta: &DatasetMeta,
    rows: &[Vec<Value>],
    full: bool,
    known: bool,
) -> Result<(), Box<dyn std::error::Error>> {
    let mut o = DsjOptions::new("2025-06-30T12:00:00");
    if full {
        o.file_oid = Some(format!("trialbridge.fixtures.{file}"));
        o.db_last_modified_date_time = Some("2025-06-29T23:59:59.5+02:00".into());
        o.originator = Some("trialbridge".into());
        o.source_system = Some(SourceSystem {
            name: "trialbridge".into(),
            version: "0.1.0".into(),
        });
        o.study_oid = Some("S1".into());
        o.metadata_version_oid = Some("MDV.1".into());
        o.metadata_ref = Some("define.xml".into());
        o.keys = vec!["USUBJID".into()];
    }
    if known {
        o.records = Some(rows.len() as u64);
    }
    let mut w = DsjWriter::new(std::fs::File::create(dir.join(file))?, flavor, meta, &o)?;
    for r in rows {
        w.write_row(r)?;
    }
    w.close()?;
    Ok(())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args()
        .nth(1)
        .ok_or("usage: dsj_interop_fixtures DIR")?;
    let dir = Path::new(&dir);
    std::fs::create_dir_all(dir)?;
    let (dm_meta, dm_rows) = dm();
    let (adsl_meta, adsl_rows) = adsl();
    let empty = DatasetMeta {
        variables: dm_meta.variables.clone(),
        ..DatasetMeta::new("EMPTY", "")
    };
    write(dir, "dm.json", Flavor::Json, &dm_meta, &dm_rows, true, true)?;
    write(
        dir,
        "dm-records-last.json",
        Flavor::Json,
        &dm_meta,
        &dm_rows,
        false,
        false,
    )?;
    write(
        dir,
        "adsl.json",
        Flavor::Json,
        &adsl_meta,
        &adsl_rows,
        true,
        false,
    )?;
    write(dir, "empty.json", Flavor::Json, &empty, &[], false, false)?;
    write(
        dir,
        "dm.ndjson",
        Flavor::Ndjson,
        &dm_meta,
        &dm_rows,
        true,
        false,
    )?;
    write(
        dir,
        "adsl.ndjson",
        Flavor::Ndjson,
        &adsl_meta,
        &adsl_rows,
        false,
        true,
    )?;
    write(dir, "empty.ndjson", Flavor::Ndjson, &empty, &[], true, true)?;
    write(
        dir,
        "adsl.dsjc",
        Flavor::Dsjc,
        &adsl_meta,
        &adsl_rows,
        true,
        false,
    )?;
    println!("wrote 8 Dataset-JSON files to {}", dir.display());
    Ok(())
}
