//! What the standards folder must hold, relative to it. Shared by the build script (which
//! stops when one is missing) and `tests/one_location.rs` (which checks `reference_dir()`).

/// Files the build script reads and folders the tests read.
pub const PARTS: &[&str] = &[
    "ct/SDTM_Terminology_2022-03-25.OWL.zip",
    "ct/ct-odm-xml/ADaM_Terminology_2021-12-17.odm.xml",
    "fhir/r5/fhir.schema.json",
    "fhir/r4/fhir.schema.json",
    "dataset-json/schema/dataset.schema.v1.1.json",
    "dataset-json/examples/v1.1",
    "define-xml/v2.1",
    "define-xml/xsd",
    "ctgov/api-v2-json",
    "ctgov/legacy-xml",
    "cdisc-core/rules",
    "cdisc-core/schema",
    "cdisc-core/README.md",
    "cdiscpilot01/sdtm",
    "cdiscpilot01/adam",
    "edge-cases",
];
