//! A registry record in any format the registry crate reads, the classic CT.gov JSON
//! included (the first byte picks it), then the record checks `validate` runs on it.
#![no_main]

use libfuzzer_sys::fuzz_target;

include!("../registry_record.rs");

fuzz_target!(|data: &[u8]| registry_record(data));
