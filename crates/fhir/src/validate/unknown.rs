//! Elements the typed model does not know. fhir-sdk drops unknown elements silently, so we
//! read the document into the model, write it back, and report every input key that did
//! not survive.

use super::{at, push_ptr};
use crate::FhirVersion;
use model::Finding;
use serde_json::Value;

pub(super) fn check(value: &Value, text: &str, version: FhirVersion) -> Vec<Finding> {
    let back = match version {
        FhirVersion::R5 => crate::sdk::r5_reparse(text),
        FhirVersion::R4B => crate::sdk::r4b_reparse(text),
    };
    let back = match back.map(|s| serde_json::from_str::<Value>(&s)) {
        Ok(Ok(v)) => v,
        Ok(Err(e)) | Err(e) => {
            return vec![at(
                "FH0053",
                "",
                format!(
                    "the FHIR {} model rejects the document: {e}",
                    version.label()
                ),
            )];
        }
    };
    let mut out = Vec::new();
    compare(value, &back, "", &mut out, version);
    out
}

fn is_empty(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.is_empty(),
        Value::String(s) => s.is_empty(),
        _ => false,
    }
}

fn compare(input: &Value, back: &Value, ptr: &str, out: &mut Vec<Finding>, version: FhirVersion) {
    match (input, back) {
        (Value::Object(i), Value::Object(b)) => {
            for (k, v) in i {
                let p = push_ptr(ptr, k);
                match b.get(k) {
                    Some(bv) => compare(v, bv, &p, out, version),
                    // Empty elements are ele-1's business, not unknown ones.
                    None if is_empty(v) => {}
                    None => out.push(at(
                        "FH0054",
                        &p,
                        format!(
                            "`{k}` is not an element of this FHIR {} resource",
                            version.label()
                        ),
                    )),
                }
            }
        }
        (Value::Array(i), Value::Array(b)) => {
            for (n, (iv, bv)) in i.iter().zip(b).enumerate() {
                compare(iv, bv, &push_ptr(ptr, &n.to_string()), out, version);
            }
        }
        _ => {}
    }
}
