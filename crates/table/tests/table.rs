//! The table against the rows it was built from.

use arrow_array::cast::AsArray;
use arrow_array::types::Float64Type;
use arrow_array::{Array, RecordBatch};
use model::{
    CellRef, Dataset, DatasetMeta, DatasetReader, Missing, SourceCell, Value, ValueRef, Variable,
};
use table::{BATCH_ROWS, Table, TableBuilder};

fn meta() -> DatasetMeta {
    let mut m = DatasetMeta::new("ADLB", "Lab Analysis");
    m.variables
        .push(Variable::char("USUBJID", "Subject").with_length(12));
    m.variables
        .push(Variable::num("AVAL", "Analysis Value").with_format("8.2"));
    m.variables
        .push(Variable::char("AVALC", "Analysis Value (C)"));
    m
}

/// Every kind of value a dataset holds, including those with no Arrow spelling.
fn odd_rows() -> Vec<Vec<Value>> {
    vec![
        vec![Value::char("S-1"), Value::Num(1.5), Value::char("")],
        vec![Value::NULL, Value::NULL, Value::NULL],
        vec![
            Value::char("S-2"),
            Value::Missing(Missing::Letter(b'A')),
            Value::Missing(Missing::Underscore),
        ],
        vec![
            Value::char("c:S-3"),
            Value::char("n/a"),
            Value::Num(0.1 + 0.2),
        ],
        vec![Value::char(".A"), Value::Num(-0.0), Value::char("n:1")],
    ]
}

#[test]
fn every_value_comes_back_exactly() {
    let ds = Dataset::with_rows(meta(), odd_rows());
    let t = Table::from_dataset(&ds);
    assert_eq!(t.len(), 5);
    assert_eq!(t.to_dataset(), ds);
    assert_eq!(t.get(3, "aval"), Some(ValueRef::Char("n/a")));
    assert_eq!(
        t.get(2, "AVAL"),
        Some(ValueRef::Missing(Missing::Letter(b'A')))
    );
    assert_eq!(t.get(0, "AVALC"), Some(ValueRef::Char("")));
    assert_eq!(t.get(1, "AVALC"), Some(ValueRef::NULL));
    assert_eq!(t.get(5, "AVAL"), None);
    assert_eq!(t.get(0, "NOPE"), None);
    assert_eq!(t.cell(0, 3), None);
}

#[test]
fn a_plain_arrow_reader_sees_nulls_and_the_spelled_exceptions() {
    let t = Table::from_dataset(&Dataset::with_rows(meta(), odd_rows()));
    let schema = t.schema();
    let names: Vec<&str> = schema.fields().iter().map(|f| f.name().as_str()).collect();
    // USUBJID never needs one: ".A" and "c:S-3" are ordinary text in a text column.
    assert_eq!(
        names,
        [
            "USUBJID",
            "AVAL",
            "AVALC",
            "AVAL.exceptions",
            "AVALC.exceptions"
        ]
    );
    let b: &RecordBatch = &t.batches()[0];
    let aval = b.column(1).as_primitive::<Float64Type>();
    assert_eq!(aval.null_count(), 3);
    let odd = b.column(3).as_string::<i32>();
    let spelled: Vec<Option<&str>> = odd.iter().collect();
    assert_eq!(spelled, [None, None, Some(".A"), Some("c:n/a"), None]);
    let odd: Vec<Option<&str>> = b.column(4).as_string::<i32>().iter().collect();
    // "n:1" in a text column is text, not an exception.
    assert_eq!(
        odd,
        [None, None, Some("._"), Some("n:0.30000000000000004"), None]
    );
}

#[test]
fn rows_past_one_batch_keep_order_exceptions_and_provenance() {
    let n = BATCH_ROWS * 2 + 7;
    let rows: Vec<Vec<Value>> = (0..n)
        .map(|i| {
            let aval = if i == BATCH_ROWS + 3 {
                Value::Missing(Missing::Letter(b'Z'))
            } else {
                Value::Num(i as f64)
            };
            vec![Value::char(format!("S-{i}")), aval, Value::NULL]
        })
        .collect();
    let mut ds = Dataset::with_rows(meta(), rows);
    let cell = SourceCell {
        file: "site.xlsx".into(),
        sheet: "Labs".into(),
        cell: CellRef::new(99_000, 2),
    };
    ds.provenance.set(BATCH_ROWS + 5, 1, &cell);
    let t = Table::from(&ds);
    assert_eq!(t.batches().len(), 3);
    assert!(t.batches().iter().all(|b| b.num_rows() <= BATCH_ROWS));
    // The first batch has no exception but still carries the companion column, all null.
    assert_eq!(t.batches()[0].num_columns(), 4);
    assert_eq!(t.batches()[0].column(3).null_count(), BATCH_ROWS);
    assert_eq!(t.to_dataset(), ds);
    assert_eq!(t.source(BATCH_ROWS + 5, "AVAL"), Some(cell));
    let aval = t.column_named("AVAL").unwrap();
    assert_eq!(aval.iter().count(), n);
    assert_eq!(aval.get(n - 1), ValueRef::Num((n - 1) as f64));
    assert_eq!(aval.get(n), ValueRef::NULL);
    let row = t.row(BATCH_ROWS + 3).unwrap();
    assert_eq!(row.get(1), Some(ValueRef::Missing(Missing::Letter(b'Z'))));
    assert_eq!(
        row.get(0).and_then(|v| v.as_str()),
        Some(format!("S-{}", BATCH_ROWS + 3).as_str())
    );
    assert!(t.row(n).is_none());
}

#[test]
fn batches_made_elsewhere_read_back_when_they_carry_the_metadata() {
    let t = Table::from_dataset(&Dataset::with_rows(meta(), odd_rows()));
    let again = Table::from_batches(t.schema().clone(), t.batches().to_vec()).unwrap();
    assert_eq!(again, t);
    let bare = arrow_schema::Schema::new(vec![arrow_schema::Field::new(
        "N",
        arrow_schema::DataType::Int64,
        true,
    )]);
    let err = Table::from_batches(std::sync::Arc::new(bare), Vec::new()).unwrap_err();
    assert!(err.contains("Int64"), "{err}");
}

#[test]
fn an_empty_dataset_is_an_empty_table_with_its_schema() {
    let t = TableBuilder::new(meta()).finish();
    assert!(t.is_empty());
    assert_eq!(t.schema().fields().len(), 3);
    assert_eq!(t.to_dataset(), Dataset::new(meta()));
}

#[test]
fn ragged_rows_are_padded_with_missing_and_cut_at_the_last_variable() {
    let mut b = TableBuilder::new(meta());
    b.push_row([ValueRef::Char("S-1")]);
    b.push_row([
        ValueRef::Char("S-2"),
        ValueRef::Num(1.0),
        ValueRef::Char("x"),
        ValueRef::Num(9.0),
    ]);
    let t = b.finish();
    assert_eq!(
        t.row(0).unwrap().to_values(),
        [Value::char("S-1"), Value::NULL, Value::NULL]
    );
    assert_eq!(t.row(1).unwrap().len(), 3);
}

/// Hands out rows, then ends, or fails as a truncated file does.
struct Failing {
    meta: DatasetMeta,
    left: usize,
    fails: bool,
}

#[derive(Debug, thiserror::Error)]
#[error("truncated")]
struct Truncated;

impl DatasetReader for Failing {
    type Error = Truncated;
    fn meta(&self) -> &DatasetMeta {
        &self.meta
    }
    fn read_row(&mut self, row: &mut Vec<Value>) -> Result<bool, Truncated> {
        if self.left == 0 {
            row.clear();
            return if self.fails {
                Err(Truncated)
            } else {
                Ok(false)
            };
        }
        self.left -= 1;
        row.clear();
        row.extend([Value::char("S"), Value::Num(self.left as f64), Value::NULL]);
        Ok(true)
    }
}

#[test]
fn a_reader_streams_into_the_table_and_its_error_says_how_far_it_got() {
    let mut r = Failing {
        meta: meta(),
        left: BATCH_ROWS + 2,
        fails: false,
    };
    let t = table::read(&mut r).unwrap();
    assert_eq!((t.len(), t.batches().len()), (BATCH_ROWS + 2, 2));
    assert_eq!(t.get(BATCH_ROWS + 1, "AVAL"), Some(ValueRef::Num(0.0)));
    assert_eq!(t.meta(), &meta());
    let mut r = Failing {
        meta: meta(),
        left: 3,
        fails: true,
    };
    let err = table::read(&mut r).unwrap_err();
    assert_eq!(err.rows, 3);
    assert_eq!(err.to_string(), "truncated (after 3 records)");
}

#[test]
fn rows_and_columns_walk_every_batch_and_know_their_length() {
    let n = BATCH_ROWS + 5;
    let rows = (0..n).map(|i| vec![Value::char("S"), Value::Num(i as f64), Value::NULL]);
    let t = Table::from_dataset(&Dataset::with_rows(meta(), rows.collect()));
    let aval = t.column(1).unwrap();
    let mut walked = aval.iter();
    assert_eq!(walked.len(), n);
    walked.nth(BATCH_ROWS - 1);
    assert_eq!(walked.len(), 5);
    assert_eq!(walked.next(), Some(ValueRef::Num(BATCH_ROWS as f64)));
    let sums: (f64, f64) = t
        .rows()
        .zip(aval.iter())
        .map(|(r, v)| {
            (
                r.get(1).and_then(|x| x.as_f64()).unwrap(),
                v.as_f64().unwrap(),
            )
        })
        .fold((0.0, 0.0), |a, b| (a.0 + b.0, a.1 + b.1));
    assert_eq!(sums.0, sums.1);
    assert_eq!(t.rows().len(), n);
}

#[test]
fn a_table_built_by_columns_equals_the_one_built_by_rows() {
    let n = BATCH_ROWS + 11;
    let odd = odd_rows();
    let rows: Vec<Vec<Value>> = (0..n)
        .map(|i| match odd.get(i % (BATCH_ROWS - 1)) {
            Some(r) if i > 0 => r.clone(),
            _ => vec![
                Value::char(format!("S-{i}")),
                Value::Num(i as f64),
                Value::NULL,
            ],
        })
        .collect();
    let mut provenance = model::Provenance::default();
    let cell = SourceCell {
        file: "site.xlsx".into(),
        sheet: "Labs".into(),
        cell: CellRef::new(7, 2),
    };
    provenance.set(BATCH_ROWS + 2, 2, &cell);
    for rows in [rows, Vec::new(), odd.clone()] {
        let mut by_rows = TableBuilder::new(meta());
        for r in &rows {
            by_rows.push_row(r.iter().map(Value::view));
        }
        let by_rows = by_rows.finish_with(provenance.clone());
        let by_columns =
            TableBuilder::from_columns(meta(), rows.len(), provenance.clone(), |c, r| {
                rows[r][c].view()
            });
        assert_eq!(
            by_columns.batches(),
            by_rows.batches(),
            "{} rows",
            rows.len()
        );
        assert_eq!(by_columns, by_rows);
    }
}

#[test]
fn a_column_walked_batch_by_batch_holds_each_row_s_value() {
    // Odd values on every row, across three batches and a short last one.
    let rows: Vec<Vec<Value>> = (0..2 * BATCH_ROWS + 7)
        .map(|r| odd_rows()[r % 5].clone())
        .collect();
    let t = Table::from_dataset(&Dataset::with_rows(meta(), rows));
    assert_eq!(t.batches().len(), 3);
    for i in 0..3 {
        let column = t.column(i).unwrap();
        let mut walked = column.iter();
        assert_eq!(walked.len(), t.len());
        walked.next();
        assert_eq!(walked.len(), t.len() - 1);
        let all: Vec<ValueRef> = column.iter().collect();
        let one_by_one: Vec<ValueRef> = (0..t.len()).map(|r| t.cell(r, i).unwrap()).collect();
        assert_eq!(all, one_by_one, "column {i}");
    }
    let empty = Table::from_dataset(&Dataset::new(meta()));
    assert_eq!(empty.column(1).unwrap().iter().count(), 0);
}
