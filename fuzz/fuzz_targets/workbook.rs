//! Workbook bytes → `sheets::Workbook::open` → every sheet's table. The first byte picks the
//! extension the file is given (xlsx, xls, ods, csv); the rest is written to a file, since
//! the reader opens paths.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sheets::{TableSpec, Workbook};

const EXTENSIONS: [&str; 4] = ["xlsx", "xls", "ods", "csv"];

fuzz_target!(
    init: {
        // The sheets guard turns a panic inside calamine into an error naming the file, as
        // the binary does; libfuzzer-sys's hook would abort on it first. A panic the guard
        // does not catch still fails the run (libfuzzer-sys aborts on an unwound input).
        std::panic::set_hook(Box::new(|info| eprintln!("caught? {info}")));
    },
    |data: &[u8]| {
        let Some((&pick, body)) = data.split_first() else {
            return;
        };
        let dir = std::path::Path::new("/dev/shm");
        let dir = if dir.is_dir() { dir.to_owned() } else { std::env::temp_dir() };
        let ext = EXTENSIONS[usize::from(pick % 4)];
        let path = dir.join(format!("tb-fuzz-workbook-{}.{ext}", std::process::id()));
        if std::fs::write(&path, body).is_err() {
            return;
        }
        if let Ok(mut book) = Workbook::open(&path) {
            let names: Vec<String> = book.sheets().iter().map(|s| s.name.clone()).collect();
            for name in names.into_iter().take(16) {
                let spec = TableSpec {
                    sheet: Some(name),
                    allow_hidden: true,
                    ..TableSpec::default()
                };
                let mut findings = Vec::new();
                if let Ok(Some(table)) = book.read_table(&spec, &mut findings) {
                    let _ = table;
                }
            }
        }
    }
);
