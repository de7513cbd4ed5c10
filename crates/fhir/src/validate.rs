//! FHIR JSON validation: the official JSON schema, the typed fhir-sdk model (for elements
//! it does not know), and our own checks for what both miss.
//!
//! Every finding's `variables[0]` is the RFC 6901 JSON pointer of the element it is about
//! (`""` for the whole document); `refs` carries the FHIR invariant id where one applies.
//!
//! | code | severity | meaning | FHIR |
//! |---|---|---|---|
//! | FH0050 | error | not JSON | |
//! | FH0051 | error | not a resource: no `resourceType`, or one this FHIR version lacks | |
//! | FH0052 | error | JSON schema violation (official `fhir.schema.json`) | |
//! | FH0053 | error | the typed model rejects the document (missing required element, bad code, bad date) | |
//! | FH0054 | error | element unknown to this FHIR version | |
//! | FH0055 | error | required element missing (minimum cardinality) | |
//! | FH0056 | error | code not in the required value set | |
//! | FH0057 | error | element with no value and no children (`{}`, `[]`, `""`, `null`) | ele-1 |
//! | FH0058 | error | date that does not exist in the calendar (`2021-02-31`) | |
//! | FH0059 | error | Period start after end | per-1 |
//! | FH0060 | error | `#id` reference to no contained resource | ref-1 |
//! | FH0061 | error | reference to a resource of a type the element does not allow | |
//! | FH0062 | error | contained resource has contained resources | dom-2 |
//! | FH0063 | error | contained resource referenced from nowhere | dom-3 |
//! | FH0064 | error | contained resource has `meta.versionId` or `meta.lastUpdated` | dom-4 |
//! | FH0065 | error | contained resource has `meta.security` | dom-5 |
//! | FH0066 | error | extension without `url`, or with both or neither of value and extensions | ext-1 |
//! | FH0067 | error | Reference with none of reference, identifier, display | ref-2 |
//! | FH0068 | warning | `urn:uuid:` reference that no entry of the Bundle has as fullUrl | |
//! | FH0069 | error | two Bundle entries with the same fullUrl | bdl-7 |
//! | FH0070 | error | the embedded official JSON schema did not compile (a build defect, never the document's fault); schema check skipped | |
//! | FH0071 | error | contained resource without id, or two with the same id | |

mod rules;
mod schema;
mod tables;
mod unknown;
mod values;

use crate::FhirVersion;
use model::Finding;
use serde_json::Value;

/// Checks FHIR JSON text of `version` (a resource or a Bundle).
pub fn validate_json(text: &str, version: FhirVersion) -> Vec<Finding> {
    match serde_json::from_str::<Value>(text) {
        Ok(v) => check(&v, text, version),
        Err(e) => {
            vec![Finding::error("FH0050", format!("not JSON: {e}")).with_variable(String::new())]
        }
    }
}

/// [`validate_json`] for a parsed document.
pub fn validate_value(value: &Value, version: FhirVersion) -> Vec<Finding> {
    check(value, &value.to_string(), version)
}

fn check(value: &Value, text: &str, version: FhirVersion) -> Vec<Finding> {
    let mut out = Vec::new();
    let rt = value.get("resourceType").and_then(Value::as_str);
    let Some(rt) = rt else {
        out.push(at("FH0051", "", "not a FHIR resource: no `resourceType`"));
        return out;
    };
    match schema::validator(version) {
        Ok(s) => {
            if !s.knows(rt) {
                out.push(at(
                    "FH0051",
                    "/resourceType",
                    format!("`{rt}` is not a FHIR {} resource type", version.label()),
                ));
                return out;
            }
            out.extend(s.check(value));
        }
        Err(why) => out.push(
            Finding::error("FH0070", format!("schema check skipped: {why}"))
                .with_variable(String::new()),
        ),
    }
    out.extend(unknown::check(value, text, version));
    out.extend(rules::check(value, version));
    out.sort();
    out.dedup();
    out
}

/// An error finding at a JSON pointer.
pub(crate) fn at(code: &str, pointer: &str, message: impl Into<String>) -> Finding {
    Finding::error(code, message).with_variable(pointer)
}

/// RFC 6901 escaping of one pointer segment.
pub(crate) fn push_ptr(base: &str, key: &str) -> String {
    format!("{base}/{}", key.replace('~', "~0").replace('/', "~1"))
}
