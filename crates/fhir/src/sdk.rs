//! The serde boundary to fhir-sdk. This is the only place that instantiates serde for the
//! FHIR model (a `Resource` holds every resource type), so it stays non-generic and
//! unchanged: editing any other module then rebuilds quickly. R5 only: R4B is written
//! through our own small types (`crate::r4b`).

use fhir_sdk::r5::resources::Resource as R5Resource;

/// Reads `text` into the typed R5 model and writes it back: what the model drops
/// (unknown elements) is then missing from the result. Writing our R5 resources goes
/// through here too (`crate::r5::write`).
#[inline(never)]
pub(crate) fn r5_reparse(text: &str) -> Result<String, serde_json::Error> {
    let r: R5Resource = serde_json::from_str(text)?;
    serde_json::to_string(&r)
}
