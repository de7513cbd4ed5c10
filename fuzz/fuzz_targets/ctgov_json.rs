//! ClinicalTrials.gov API v2 JSON text → StudyRecord.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Err(e) = registry::ctgov_json::read_str(text) {
            let _ = (e.to_string(), e.position(), e.pointer());
        }
    }
});
