//! Bytes as an uploaded dataset package (a zip) → `formats::package::unpack` into a scratch
//! folder, with a 64 MB limit: entries land under our names only, and nothing inflates past
//! the limit.
#![no_main]

use libfuzzer_sys::fuzz_target;

include!("../dataset_package.rs");

fuzz_target!(|data: &[u8]| dataset_package(data));
