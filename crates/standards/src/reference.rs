//! Official schemas, embedded whole from the standards folder at build time (`build.rs`;
//! origins and licences in `data/README.md`). The FHIR schemas are stored deflated and
//! inflated once, on first use; nothing is read from disk at run time.

use flate2::read::DeflateDecoder;
use std::io::Read;
use std::sync::OnceLock;

const FHIR_R5: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/fhir-r5.schema.json.deflate"));
const FHIR_R4: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/fhir-r4.schema.json.deflate"));
const DATASET_JSON_V1_1: &str = include_str!(concat!(env!("OUT_DIR"), "/dataset.schema.v1.1.json"));

/// build.rs compressed these bytes and checked they are UTF-8: inflating cannot fail.
fn inflate(deflated: &[u8]) -> String {
    let mut text = String::new();
    DeflateDecoder::new(deflated)
        .read_to_string(&mut text)
        .expect("schema compressed by build.rs inflates to UTF-8");
    text
}

/// The official FHIR R5 JSON schema (`fhir.schema.json`, draft-06; HL7, CC0), as published:
/// its `decimal` pattern has a stray `}` that consumers must repair.
pub fn fhir_schema_r5() -> &'static str {
    static TEXT: OnceLock<String> = OnceLock::new();
    TEXT.get_or_init(|| inflate(FHIR_R5))
}

/// The official FHIR R4 JSON schema (`fhir.schema.json`, draft-06; HL7, CC0). FHIR R4B
/// resources this project writes and reads are R4-shaped, so it serves R4B too.
pub fn fhir_schema_r4() -> &'static str {
    static TEXT: OnceLock<String> = OnceLock::new();
    TEXT.get_or_init(|| inflate(FHIR_R4))
}

/// The official CDISC Dataset-JSON v1.1 dataset schema (`dataset.schema.v1.1.json`, draft
/// 2019-09; cdisc-org/DataExchange-DatasetJson, MIT), unchanged.
pub fn dataset_json_schema_v1_1() -> &'static str {
    DATASET_JSON_V1_1
}
