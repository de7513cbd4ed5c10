//! Mapping spec TOML text → compiled MappingPlan (or positioned spec problems).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let files = [("dm.toml".to_owned(), text.to_owned())];
    if let Err(e) = sdtm::compile_files(&files) {
        let _ = e.to_string();
    }
    // The same text as the visit schedule, which has its own parser.
    let files = [("visits.toml".to_owned(), text.to_owned())];
    let _ = sdtm::compile_files(&files).map_err(|e| e.to_string());
});
