//! SARIF 2.1.0, the format code-scanning dashboards read, so a pipeline can show dataset
//! findings next to code findings.

use crate::codes;
use model::{Finding, Severity};
use serde_json::{Value, json};

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Notice => "note",
    }
}

pub fn render(version: &str, findings: &[Finding], mask: bool) -> String {
    let rules: Vec<Value> = codes::TABLE
        .iter()
        .map(|e| {
            let m = e.rule.meta();
            json!({"id": m.code, "name": m.name, "shortDescription": {"text": m.summary},
                   "defaultConfiguration": {"level": level(m.severity)}})
        })
        .collect();
    let results: Vec<Value> = findings
        .iter()
        .map(|f| {
            let f = if mask { f.masked() } else { f.clone() };
            let mut location = json!({"physicalLocation": {"artifactLocation": {"uri": f.file.clone().unwrap_or_default()}}});
            let mut logical = Vec::new();
            if let Some(src) = &f.source {
                logical.push(json!({"fullyQualifiedName": src.to_string(), "kind": "cell"}));
            } else if let (Some(d), Some(r)) = (&f.dataset, f.record) {
                logical.push(json!({"fullyQualifiedName": format!("{d}[{r}]"), "kind": "record"}));
            }
            if !logical.is_empty() {
                location["logicalLocations"] = Value::Array(logical);
            }
            json!({"ruleId": f.code, "level": level(f.severity), "message": {"text": f.message}, "locations": [location]})
        })
        .collect();
    let doc = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{"tool": {"driver": {"name": "trialbridge", "version": version, "rules": rules}}, "results": results}],
    });
    serde_json::to_string_pretty(&doc)
        .map(|s| s + "\n")
        .unwrap_or_default()
}
