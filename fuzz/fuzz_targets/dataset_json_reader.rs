//! Dataset-JSON bytes → rows. The first byte picks the flavor (json, ndjson, dsjc).
#![no_main]

use formats::dataset_json::{Flavor, reader};
use libfuzzer_sys::fuzz_target;
use model::DatasetReader;

fuzz_target!(|data: &[u8]| {
    let Some((&pick, body)) = data.split_first() else {
        return;
    };
    let flavor = match pick % 3 {
        0 => Flavor::Json,
        1 => Flavor::Ndjson,
        _ => Flavor::Dsjc,
    };
    let Ok(mut r) = reader(flavor, std::io::Cursor::new(body.to_vec())) else {
        return;
    };
    let width = r.meta().variables.len();
    let mut row = Vec::new();
    // A compressed body can inflate a lot: stop after a bounded number of rows.
    for _ in 0..100_000 {
        match r.read_row(&mut row) {
            Ok(true) => assert_eq!(row.len(), width, "row width"),
            Ok(false) | Err(_) => break,
        }
    }
    let _ = r.findings().iter().map(ToString::to_string).count();
});
