//! The serde boundary to fhir-sdk. These two functions are the only places that
//! instantiate serde for the FHIR model (a `Resource` holds every resource type), so they
//! stay non-generic and unchanged: editing any other module then rebuilds quickly.
//! R5 only: R4B is written through our own small types (`crate::r4b`).

use fhir_sdk::r5::resources::Resource as R5Resource;

/// Compact JSON of an R5 resource.
#[inline(never)]
pub(crate) fn r5_to_json(resource: &R5Resource) -> Result<String, serde_json::Error> {
    serde_json::to_string(resource)
}

/// Reads `text` into the typed R5 model and writes it back: what the model drops
/// (unknown elements) is then missing from the result.
#[inline(never)]
pub(crate) fn r5_reparse(text: &str) -> Result<String, serde_json::Error> {
    let r: R5Resource = serde_json::from_str(text)?;
    serde_json::to_string(&r)
}
