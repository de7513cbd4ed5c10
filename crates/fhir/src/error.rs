use thiserror::Error;

/// Why a resource could not be written. Mapping problems in the record are findings, not
/// errors: these are faults of ours (R5 JSON that fhir-sdk's model rejects or does not
/// write back as built, a code or date our tables produce that FHIR does not have) and of
/// serialization.
#[derive(Debug, Error)]
pub enum FhirError {
    #[error("the R5 {what} we built does not fit the FHIR model: {detail}")]
    Model { what: &'static str, detail: String },
    #[error("`{code}` is not a {what} code")]
    Code { what: &'static str, code: String },
    #[error("serializing FHIR JSON: {0}")]
    Json(#[from] serde_json::Error),
}
