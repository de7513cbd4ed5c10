//! Validation against CORE's rule schema (`CORE-base.json`, draft 2020-12). Its `$ref`s name
//! sibling files by relative `$id`; those are registered from the embedded schema files under
//! the base's URI, so nothing is fetched. The validator is compiled once per process.

use jsonschema::{Registry, Resource, Validator};
use serde_json::Value;
use std::sync::OnceLock;

const BASE: &str = "CORE-base.json";

fn validator() -> Result<&'static Validator, String> {
    static V: OnceLock<Result<Validator, String>> = OnceLock::new();
    V.get_or_init(build).as_ref().map_err(Clone::clone)
}

fn build() -> Result<Validator, String> {
    let files = standards::cdisc_core::schema();
    let parse = |name: &str, text: &str| {
        serde_json::from_str::<Value>(text).map_err(|e| format!("schema file {name}: {e}"))
    };
    let base_text = files
        .iter()
        .find(|f| f.name == BASE)
        .ok_or_else(|| format!("schema file {BASE} is not embedded"))?;
    let base = parse(BASE, base_text.text)?;
    let base_id = base["$id"]
        .as_str()
        .ok_or_else(|| format!("{BASE} has no $id"))?;
    // Relative `$ref: Operator.json` resolves against the directory of the base `$id`.
    let dir = base_id.rsplit_once('/').map_or("", |(d, _)| d);
    // The base itself is registered too: its internal `#/$defs/...` refs resolve through it.
    let mut builder = Registry::new()
        .add(base_id, Resource::from_contents(base.clone()))
        .map_err(|e| format!("schema file {BASE}: {e}"))?;
    for f in files
        .iter()
        .filter(|f| f.name.ends_with(".json") && f.name != BASE)
    {
        let contents = parse(f.name, f.text)?;
        builder = builder
            .add(
                format!("{dir}/{}", f.name),
                Resource::from_contents(contents),
            )
            .map_err(|e| format!("schema file {}: {e}", f.name))?;
    }
    let registry = builder.prepare().map_err(|e| e.to_string())?;
    jsonschema::options()
        .with_registry(&registry)
        .build(&base)
        .map_err(|e| format!("CORE rule schema does not compile: {e}"))
}

/// One schema violation: where (a key path like `Check.all[2].operator`) and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    pub key_path: String,
    pub message: String,
}

/// All violations of `rule` against the CORE schema (empty when valid).
pub fn validate(rule: &Value) -> Result<Vec<Violation>, String> {
    let v = validator()?;
    Ok(v.iter_errors(rule)
        .map(|e| Violation {
            key_path: key_path(e.instance_path()),
            message: shorten(&e.to_string()),
        })
        .collect())
}

/// `/Check/all/2/operator` → `Check.all[2].operator`.
fn key_path(location: &jsonschema::paths::Location) -> String {
    let mut out = String::new();
    for seg in location.iter() {
        match seg {
            jsonschema::paths::LocationSegment::Index(i) => out.push_str(&format!("[{i}]")),
            jsonschema::paths::LocationSegment::Property(p) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(&p);
            }
        }
    }
    out
}

/// Schema messages quote the whole failing instance; a rule's Check can be pages long.
fn shorten(message: &str) -> String {
    const MAX: usize = 240;
    if message.chars().count() <= MAX {
        return message.to_owned();
    }
    let cut: String = message.chars().take(MAX).collect();
    format!("{cut}…")
}
