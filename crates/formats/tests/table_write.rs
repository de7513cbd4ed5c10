//! A table written through the writers gives the bytes and findings its rows give: writers
//! read Arrow tables a row at a time, with no copy of the dataset as rows.

#![allow(clippy::unwrap_used, reason = "helpers of a test crate")]

use formats::dataset_json::Flavor;
use formats::transcode::{Kind, TranscodeError, WriteOptions, refusal_findings, write};
use model::{Dataset, DatasetMeta, Finding, Missing, Value, Variable};
use table::{BATCH_ROWS, Table};

/// Every kind of value, a character variable with no length (sized from the data), and
/// empty and `.` in one character column (FM0017), over more than one Arrow batch.
fn odd(rows: usize) -> Dataset {
    let mut meta = DatasetMeta::new("LB", "Laboratory Test Results");
    meta.variables = vec![
        Variable::char("USUBJID", "Subject"),
        Variable::num("LBSTRESN", "Result").with_format("8.2"),
        Variable::char("LBCOMM", "Comment").with_length(20),
    ];
    let row = |r: usize| -> Vec<Value> {
        match r % 4 {
            0 => vec![format!("S-{r}").into(), (r as f64 / 3.0).into(), "".into()],
            1 => vec![
                "S".into(),
                Value::Missing(Missing::Letter(b'B')),
                Value::Missing(Missing::Dot),
            ],
            2 => vec![Value::NULL, Value::NULL, Value::NULL],
            _ => vec!["longer subject id".into(), (-0.0).into(), "kept ".into()],
        }
    };
    Dataset::with_rows(meta, (0..rows).map(row).collect())
}

fn written<R: model::DatasetRows>(
    ds: &R,
    kind: Kind,
) -> Result<(Vec<u8>, Vec<Finding>), TranscodeError> {
    let opts = WriteOptions {
        timestamp: model::Timestamp::from(1_772_000_000_i64),
        file_name: "lb".into(),
    };
    let mut out = Vec::new();
    let notes = write(ds, kind, &mut out, &opts)?;
    Ok((out, notes))
}

#[test]
fn a_table_writes_what_its_rows_write_in_every_format() {
    let ds = odd(BATCH_ROWS + 3);
    let t = Table::from_dataset(&ds);
    let kinds = [Flavor::Json, Flavor::Ndjson, Flavor::Dsjc].map(Kind::Json);
    for kind in std::iter::once(Kind::Xpt).chain(kinds).chain([Kind::Csv]) {
        let (rows, row_notes) = written(&ds, kind).unwrap();
        let (table, table_notes) = written(&t, kind).unwrap();
        assert!(rows == table, "{kind:?}: bytes differ");
        assert_eq!(table_notes, row_notes, "{kind:?}");
    }
    let (_, notes) = written(&t, Kind::Xpt).unwrap();
    assert!(notes.iter().any(|f| f.code == "FM0017"), "{notes:?}");
}

#[test]
fn a_table_xpt_cannot_hold_is_refused_with_every_reason_its_rows_give() {
    let mut ds = odd(10);
    ds.rows[3][0] = "Müller".into();
    ds.rows[7][2] = "x".repeat(30).into();
    let t = Table::from_dataset(&ds);
    let reasons = |r: Result<(Vec<u8>, Vec<Finding>), TranscodeError>| {
        refusal_findings(&r.unwrap_err()).to_vec()
    };
    let from_rows = reasons(written(&ds, Kind::Xpt));
    assert!(from_rows.len() >= 2, "{from_rows:?}");
    assert_eq!(reasons(written(&t, Kind::Xpt)), from_rows);
}
