//! The official FHIR JSON schema, compiled once per version. The schemas are embedded by the
//! standards crate at build time ([`standards::reference`]): nothing is read from disk.
//!
//! Validating against the schema's root (a `oneOf` over every resource type) gives one
//! useless error, so we compile a copy whose root dispatches on `resourceType` with
//! draft-07 `if`/`then` to `#/definitions/<type>`: errors then point at the field.
//! Resources nested in a Bundle or `contained` are validated the same way on their own,
//! and the outer `oneOf` error about them is dropped.

use super::at;
use crate::FhirVersion;
use jsonschema::Validator;
use model::Finding;
use serde_json::{Value, json};
use std::collections::BTreeSet;
use std::sync::OnceLock;

pub(super) struct Schema {
    validator: Validator,
    types: BTreeSet<String>,
}

/// Compiles the embedded schema of `version`. It can fail only if the embedded schema does
/// not compile, a build defect the tests catch (`FH0070` reports it all the same).
fn load(version: FhirVersion) -> Result<Schema, String> {
    // R4B has no schema of its own; its resources we write and read are R4-shaped.
    let (name, text) = match version {
        FhirVersion::R5 => (
            "embedded FHIR R5 schema",
            standards::reference::fhir_schema_r5(),
        ),
        FhirVersion::R4B => (
            "embedded FHIR R4 schema",
            standards::reference::fhir_schema_r4(),
        ),
    };
    let mut full: Value = serde_json::from_str(text).map_err(|e| format!("{name}: {e}"))?;
    let types: BTreeSet<String> = full
        .pointer("/discriminator/mapping")
        .and_then(Value::as_object)
        .map(|m| m.keys().cloned().collect())
        .unwrap_or_default();
    let mut definitions = full
        .get_mut("definitions")
        .map(Value::take)
        .unwrap_or_default();
    repair_patterns(&mut definitions);
    let branches: Vec<Value> = types
        .iter()
        .map(|t| {
            json!({
                "if": {"properties": {"resourceType": {"const": t}}, "required": ["resourceType"]},
                "then": {"$ref": format!("#/definitions/{t}")}
            })
        })
        .collect();
    let root = json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "definitions": definitions,
        "allOf": branches,
    });
    let validator = jsonschema::draft7::new(&root).map_err(|e| format!("{name}: {e}"))?;
    Ok(Schema { validator, types })
}

/// The R5 schema's `decimal` pattern ends `[0-9]{1,9}})?$`: the stray `}` makes it an
/// invalid regex, and the meta-schema check refuses the whole schema. A doubled `}` is
/// never meaningful in these patterns, so it is collapsed.
fn repair_patterns(v: &mut Value) {
    match v {
        Value::Object(o) => {
            for (k, x) in o.iter_mut() {
                match x {
                    Value::String(s) if k == "pattern" && s.contains("}}") => {
                        *s = s.replace("}}", "}");
                    }
                    _ => repair_patterns(x),
                }
            }
        }
        Value::Array(a) => a.iter_mut().for_each(repair_patterns),
        _ => {}
    }
}

pub(super) fn validator(version: FhirVersion) -> Result<&'static Schema, &'static str> {
    static R5: OnceLock<Result<Schema, String>> = OnceLock::new();
    static R4B: OnceLock<Result<Schema, String>> = OnceLock::new();
    let cell = match version {
        FhirVersion::R5 => &R5,
        FhirVersion::R4B => &R4B,
    };
    cell.get_or_init(|| load(version))
        .as_ref()
        .map_err(String::as_str)
}

impl Schema {
    pub fn knows(&self, resource_type: &str) -> bool {
        self.types.contains(resource_type)
    }

    pub fn check(&self, root: &Value) -> Vec<Finding> {
        let mut out = Vec::new();
        for (ptr, res) in super::rules::resources(root) {
            let nested: Vec<String> = super::rules::resources(res)
                .into_iter()
                .map(|(p, _)| p)
                .filter(|p| !p.is_empty())
                .collect();
            for e in self.validator.iter_errors(res) {
                let inner = e.instance_path().as_str().to_owned();
                if nested
                    .iter()
                    .any(|n| inner == *n || inner.starts_with(&format!("{n}/")))
                {
                    continue;
                }
                let pointer = format!("{ptr}{inner}");
                out.push(
                    at("FH0052", &pointer, format!("schema: {e}"))
                        .with_value(e.schema_path().as_str().to_owned()),
                );
            }
        }
        out
    }
}
