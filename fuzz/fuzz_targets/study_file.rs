//! Study file text (`study.toml`) → the parsed, checked study file. Parsing only: resolving
//! its paths and workbook patterns is the file system's business.
#![no_main]

use libfuzzer_sys::fuzz_target;

include!("../study_file.rs");

fuzz_target!(|data: &[u8]| study_file(data));
