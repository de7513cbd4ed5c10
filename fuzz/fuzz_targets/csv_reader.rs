//! CSV bytes → inferred metadata → rows; what reads, written back and read again, gives the
//! same values (special missings come back as plain missing: CSV writes both as empty).
#![no_main]

use formats::csv::{CsvOptions, CsvReader, CsvWriter, infer_meta};
use libfuzzer_sys::fuzz_target;
use model::{DatasetReader, DatasetWriter, Value};

fn plain(v: &Value) -> Value {
    match v {
        Value::Missing(_) => Value::NULL,
        other => other.clone(),
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(meta) = infer_meta(data, "DM") else {
        return;
    };
    let Ok(mut r) = CsvReader::new(data, meta.clone()) else {
        return;
    };
    let width = r.meta().variables.len();
    let mut rows = Vec::new();
    let mut row = Vec::new();
    loop {
        match r.read_row(&mut row) {
            Ok(true) => {
                assert_eq!(row.len(), width, "row width");
                rows.push(std::mem::take(&mut row));
            }
            Ok(false) => break,
            Err(_) => return,
        }
    }
    let _ = r.findings();
    if width == 0 {
        // No columns: CSV cannot say how many rows such a dataset has.
        return;
    }
    let Ok(mut w) = CsvWriter::new(Vec::new(), &meta, CsvOptions::default()) else {
        return;
    };
    for row in &rows {
        w.write_row(row).expect("a row just read can be written");
    }
    let (bytes, _) = w.finish().expect("writing to memory");
    let back = CsvReader::new(&bytes[..], meta)
        .expect("our header reads")
        .read_all()
        .expect("our CSV reads");
    assert_eq!(back.rows.len(), rows.len(), "row count");
    for (a, b) in rows.iter().zip(&back.rows) {
        let a: Vec<Value> = a.iter().map(plain).collect();
        let b: Vec<Value> = b.iter().map(plain).collect();
        assert_eq!(a, b, "round trip");
    }
});
