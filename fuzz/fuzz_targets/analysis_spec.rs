//! Analysis spec text (one file of a spec, picked by the first byte) → the compiled spec, and
//! when it compiles, ADaM and the endpoint summary derived by it from seed 000's SDTM.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

include!("../analysis_spec.rs");

fn sdtm() -> &'static [model::Dataset] {
    static SDTM: OnceLock<Vec<model::Dataset>> = OnceLock::new();
    SDTM.get_or_init(|| seed000_sdtm(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..")))
}

fuzz_target!(|data: &[u8]| analysis_spec(data, sdtm()));
