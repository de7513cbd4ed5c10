//! CSV bytes → inferred metadata → rows.
#![no_main]

use formats::csv::{CsvReader, infer_meta};
use libfuzzer_sys::fuzz_target;
use model::DatasetReader;

fuzz_target!(|data: &[u8]| {
    let Ok(meta) = infer_meta(data, "DM") else {
        return;
    };
    let Ok(mut r) = CsvReader::new(data, meta) else {
        return;
    };
    let width = r.meta().variables.len();
    let mut row = Vec::new();
    while let Ok(true) = r.read_row(&mut row) {
        assert_eq!(row.len(), width, "row width");
    }
    let _ = r.findings();
});
