//! JSON text → the FHIR version `validate` decides for it (fhirVersion, meta.profile,
//! version-only elements in contained resources and Bundle entries), and the same text as
//! a FHIR package manifest.
#![no_main]

use libfuzzer_sys::fuzz_target;

include!("../fhir_version.rs");

fuzz_target!(|data: &[u8]| fhir_version(data));
