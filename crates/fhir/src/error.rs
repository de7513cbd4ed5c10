use thiserror::Error;

/// Why a resource could not be written. Mapping problems in the record are findings, not
/// errors: these are faults of ours (an R5 builder missing a required field, a code or date
/// our tables produce that FHIR does not have) and of serialization.
#[derive(Debug, Error)]
pub enum FhirError {
    #[error("building {what}: {source}")]
    Build {
        what: &'static str,
        #[source]
        source: fhir_sdk::BuilderError,
    },
    #[error("`{code}` is not a {what} code")]
    Code { what: &'static str, code: String },
    #[error("serializing FHIR JSON: {0}")]
    Json(#[from] serde_json::Error),
}

/// `.map_err(build("Group"))?` names the resource whose builder failed.
pub(crate) fn build(what: &'static str) -> impl Fn(fhir_sdk::BuilderError) -> FhirError {
    move |source| FhirError::Build { what, source }
}
