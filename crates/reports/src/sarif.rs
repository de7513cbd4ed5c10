//! SARIF 2.1.0, the format code-scanning dashboards read, so a pipeline can show dataset
//! findings next to code findings.

use super::json::Checked;
use model::{Finding, Severity};
use rules::codes;
use serde_json::{Value, json};

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Notice => "note",
    }
}

pub fn render(version: &str, findings: &[Finding], mask: bool) -> String {
    render_checked(version, None, findings, mask)
}

/// With the CDISC CORE rules' statuses: each CORE rule is a rule of the run, disabled when it
/// was skipped, its status, reason and count of findings in its property bag; the standard
/// checked against and the rules' source commit are properties of the run.
pub fn render_checked(
    version: &str,
    checked: Option<&Checked>,
    findings: &[Finding],
    mask: bool,
) -> String {
    let mut rules: Vec<Value> = codes::TABLE
        .iter()
        .map(|e| {
            let m = e.rule.meta();
            json!({"id": m.code, "name": m.name, "shortDescription": {"text": m.summary},
                   "defaultConfiguration": {"level": level(m.severity)}})
        })
        .collect();
    for r in checked.iter().flat_map(|c| &c.rules) {
        let mut properties = json!({"status": r.status, "findings": r.findings});
        if let Some(reason) = &r.reason {
            properties["reason"] = json!(reason);
        }
        rules.push(json!({"id": r.id,
                          "defaultConfiguration": {"level": "error", "enabled": r.status != "skipped"},
                          "properties": properties}));
    }
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
    let mut run = json!({"tool": {"driver": {"name": "trialbridge", "version": version, "rules": rules}}, "results": results});
    if let Some(c) = checked {
        run["properties"] = json!({"standard": c.standard, "standardFrom": c.standard_from, "ct": c.ct,
                                   "coreRulesCommit": c.core_rules_commit});
    }
    let doc = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [run],
    });
    serde_json::to_string_pretty(&doc)
        .map(|s| s + "\n")
        .unwrap_or_default()
}
