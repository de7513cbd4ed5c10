//! define.xml text → reference-check findings.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let findings = define::doc::check_references(text);
        let _ = findings.iter().map(ToString::to_string).count();
    }
});
