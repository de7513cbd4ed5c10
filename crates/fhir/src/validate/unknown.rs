//! Elements this FHIR version does not know.
//!
//! **R5**: fhir-sdk drops unknown elements silently, so we read the document into its
//! model, write it back, and report every input key that did not survive (FH0054); a
//! document the model cannot read at all is FH0053.
//!
//! **R4B** has no typed model here (fhir-sdk's would double the memory of our build; the
//! R4B structs we write are a writer's model that knows only what we write). The R4 JSON
//! schema the validator applies closes every definition — resources, backbone elements,
//! data types, primitive `_x` extensions — with `additionalProperties: false`, and checks
//! each contained or Bundle entry resource on its own: so its "Additional properties"
//! errors name exactly the unknown elements of any document. Each is also reported as
//! FH0054 at the element itself (the schema's FH0052 points at the parent). Resources
//! nested in a `Bundle.entry.response.outcome` or a `Parameters.parameter` are checked by
//! the schema only as a whole (one `oneOf` error).
//!
//! FH0053 is never reported for R4B: what the R4B model used to reject is covered by the
//! schema (FH0052: types, date and code patterns, required-binding enums, required
//! complex elements), by FH0055/FH0056 for the resources we write, FH0058 for calendar
//! dates, and FH0051 below for a contained or entry resource with no or an unknown
//! `resourceType`. Not caught for R4B: a missing required *primitive* element (the schema
//! cannot require one that may come as `_x` alone) of a resource type other than
//! ResearchStudy, ResearchSubject, Group and Bundle. R4B elements that R4 lacks are
//! reported as unknown: the schema is R4's (see `schema`).

use super::{at, push_ptr};
use crate::FhirVersion;
use model::Finding;
use serde_json::Value;

pub(super) fn check(value: &Value, text: &str, version: FhirVersion) -> Vec<Finding> {
    match version {
        FhirVersion::R5 => reparsed(value, text, version),
        FhirVersion::R4B => from_schema(value, version),
    }
}

fn reparsed(value: &Value, text: &str, version: FhirVersion) -> Vec<Finding> {
    let back = match crate::sdk::r5_reparse(text).map(|s| serde_json::from_str::<Value>(&s)) {
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

/// Unknown elements from the schema's `additionalProperties` errors. The schema runs a
/// second time here: `validate` hands this module the document, not the schema's findings.
fn from_schema(value: &Value, version: FhirVersion) -> Vec<Finding> {
    // No schema: FH0070 already says the check was skipped.
    let Ok(schema) = super::schema::validator(version) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (ptr, res) in super::rules::resources(value).into_iter().skip(1) {
        match res.get("resourceType").and_then(Value::as_str) {
            Some(rt) if schema.knows(rt) => {}
            Some(rt) => out.push(at(
                "FH0051",
                &format!("{ptr}/resourceType"),
                format!("`{rt}` is not a FHIR {} resource type", version.label()),
            )),
            None => out.push(at("FH0051", &ptr, "not a FHIR resource: no `resourceType`")),
        }
    }
    for f in schema.check(value) {
        let additional = f
            .values
            .first()
            .is_some_and(|p| p.ends_with("/additionalProperties"));
        let (Some(ptr), true) = (f.variables.first(), additional) else {
            continue;
        };
        let Some(Value::Object(obj)) = value.pointer(ptr) else {
            continue;
        };
        for (k, v) in obj {
            if !is_empty(v) && names(&f.message, k) {
                out.push(unknown(&push_ptr(ptr, k), k, version));
            }
        }
    }
    out
}

/// Whether jsonschema's "Additional properties are not allowed ('a', 'b' were
/// unexpected)" lists `key`.
fn names(message: &str, key: &str) -> bool {
    let Some((_, list)) = message.split_once("not allowed (") else {
        return false;
    };
    let list = list
        .strip_suffix(" was unexpected)")
        .or_else(|| list.strip_suffix(" were unexpected)"))
        .unwrap_or(list);
    list.split(", ").any(|item| item == format!("'{key}'"))
}

fn unknown(ptr: &str, key: &str, version: FhirVersion) -> Finding {
    at(
        "FH0054",
        ptr,
        format!(
            "`{key}` is not an element of this FHIR {} resource",
            version.label()
        ),
    )
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
                    None => out.push(unknown(&p, k, version)),
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
