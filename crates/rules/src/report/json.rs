//! `report.json`: the machine-readable report other tools rely on.

use model::{Finding, Summary};
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct Tool<'a> {
    pub name: &'a str,
    pub version: &'a str,
    /// The run's timestamp, so two reports can be told apart without changing bytes between reruns.
    pub timestamp: &'a str,
}

#[derive(Debug, Serialize)]
pub struct Report<'a> {
    pub tool: Tool<'a>,
    pub inputs: &'a [String],
    pub summary: Summary,
    pub findings: Vec<Finding>,
}

/// Pretty JSON with a trailing newline; findings masked when asked.
pub fn render(tool: Tool<'_>, inputs: &[String], findings: &[Finding], mask: bool) -> String {
    let findings: Vec<Finding> = findings
        .iter()
        .map(|f| if mask { f.masked() } else { f.clone() })
        .collect();
    let report = Report {
        tool,
        inputs,
        summary: Summary::of(&findings),
        findings,
    };
    serde_json::to_string_pretty(&report)
        .map(|s| s + "\n")
        .unwrap_or_default()
}
