//! Writing an R5 resource we built as JSON. fhir-sdk reads it into its typed model and
//! writes it: the model checks types, codes and required elements, and its element order
//! is the order of our output. It drops elements it does not know, so what it writes must
//! equal what we built, or a misspelt element would vanish unnoticed.

use crate::error::FhirError;
use serde_json::Value;

/// Compact JSON of `resource`, a `what` (resource type, for errors).
pub(crate) fn write(what: &'static str, mut resource: Value) -> Result<String, FhirError> {
    prune(&mut resource);
    let model = |detail| FhirError::Model { what, detail };
    let json = crate::sdk::r5_reparse(&resource.to_string()).map_err(|e| model(e.to_string()))?;
    let back: Value = serde_json::from_str(&json)?;
    if back == resource {
        return Ok(json);
    }
    let ptr = differ(&resource, &back, String::new()).unwrap_or_default();
    Err(model(format!("`{ptr}` is not written back as built")))
}

/// Drops absent members (null) and empty lists, as the model does: the code that builds
/// resources can then pass optional values and possibly empty lists as they are.
fn prune(v: &mut Value) {
    match v {
        Value::Object(m) => {
            m.retain(|_, v| !(v.is_null() || v.as_array().is_some_and(Vec::is_empty)));
            m.values_mut().for_each(prune);
        }
        Value::Array(a) => a.iter_mut().for_each(prune),
        _ => {}
    }
}

/// The JSON pointer of the first element where `a` and `b` differ.
fn differ(a: &Value, b: &Value, ptr: String) -> Option<String> {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            x.keys()
                .chain(y.keys())
                .find_map(|k| match (x.get(k), y.get(k)) {
                    (Some(v), Some(w)) => differ(v, w, format!("{ptr}/{k}")),
                    _ => Some(format!("{ptr}/{k}")),
                })
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => x
            .iter()
            .zip(y)
            .enumerate()
            .find_map(|(i, (v, w))| differ(v, w, format!("{ptr}/{i}"))),
        _ => (a != b).then_some(ptr),
    }
}

#[cfg(test)]
mod tests {
    use super::write;
    use crate::error::FhirError;
    use serde_json::json;

    fn group(extra: serde_json::Value) -> serde_json::Value {
        let mut g = json!({
            "resourceType": "Group",
            "id": "g",
            "characteristic": [],
            "membership": "definitional",
            "type": "person",
            "name": null,
        });
        g.as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        g
    }

    #[test]
    fn writes_in_model_order_without_absent_members() {
        let out = write("Group", group(json!({}))).unwrap();
        assert_eq!(
            out,
            r#"{"resourceType":"Group","id":"g","type":"person","membership":"definitional"}"#
        );
    }

    #[test]
    fn an_element_the_model_drops_is_an_error() {
        let err = write("Group", group(json!({ "nmae": "x" }))).unwrap_err();
        assert!(
            matches!(&err, FhirError::Model { what: "Group", detail } if detail.contains("`/nmae`")),
            "{err}"
        );
    }

    #[test]
    fn what_the_model_rejects_is_an_error() {
        for bad in [json!({ "type": "persons" }), json!({ "membership": null })] {
            let err = write("Group", group(bad)).unwrap_err();
            assert!(matches!(err, FhirError::Model { .. }), "{err}");
        }
    }
}
