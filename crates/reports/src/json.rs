//! `report.json`: the machine-readable report other tools rely on.

use model::{Finding, Summary};
use serde::{Deserialize, Serialize};

#[derive(Debug, Serialize)]
pub struct Tool<'a> {
    pub name: &'a str,
    pub version: &'a str,
    /// The run's timestamp, so two reports can be told apart without changing bytes between reruns.
    pub timestamp: &'a str,
}

/// What a run checked against: the standard (and where it was taken from) and the status of
/// every CORE rule, so a report never passes a rule silently.
#[derive(Debug, Serialize, Deserialize, Clone, PartialEq)]
pub struct Checked {
    pub standard: String,
    /// `--standard`, the case's `.env`, or `default`.
    pub standard_from: String,
    /// The CT the datasets were checked against, and the one they claim.
    pub ct: String,
    /// The cdisc-org/cdisc-open-rules commit of the bundled rules.
    pub core_rules_commit: String,
    pub rules: Vec<RuleStatus>,
}

/// One rule's status: passed, failed, skipped (with the reason) or error (with the cause).
#[derive(Debug, Serialize, Deserialize, Clone, PartialEq)]
pub struct RuleStatus {
    pub id: String,
    pub status: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    pub findings: usize,
}

/// The FHIR version one FHIR file was checked as, and what decided it, so a pipeline can
/// tell a false error of a wrong version from a real one without reading messages.
#[derive(Debug, Serialize, Deserialize, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct FhirChecked {
    pub file: String,
    /// The release the file is: `R4`, `R4B` or `R5`.
    pub version: String,
    /// The rule set that checked it: `R4B` (R4 and R4B) or `R5`.
    pub checked_as: String,
    /// `--fhir-version`, its `fhirVersion`, a `meta.profile`, a `package.json`, its
    /// version-only elements, its file name, or the default.
    pub decided_by: String,
}

#[derive(Debug, Serialize)]
pub struct Report<'a> {
    pub tool: Tool<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub checked: Option<&'a Checked>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    pub fhir: &'a [FhirChecked],
    /// Set when the run checked one shard of its inputs (`validate --shard`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shard: Option<&'a Shard>,
    pub inputs: &'a [String],
    pub summary: Summary,
    /// Counts per input file, so a pipeline sees every file's status, clean ones included.
    pub files: Vec<FileSummary>,
    pub findings: Vec<Finding>,
}

/// Which share of a run's inputs a partial report covers, and every input of the whole run,
/// so `trialbridge merge` can put the parts back in the single run's order.
#[derive(Debug, Serialize, Deserialize, Clone, PartialEq, Eq)]
pub struct Shard {
    /// From 0.
    pub index: usize,
    pub count: usize,
    /// Every input of the whole run, in its order.
    pub of_inputs: Vec<String>,
}

/// A report read back (a part for `trialbridge merge`).
#[derive(Debug, Deserialize)]
pub struct Parsed {
    pub tool: ParsedTool,
    #[serde(default)]
    pub checked: Option<Checked>,
    #[serde(default)]
    pub fhir: Vec<FhirChecked>,
    #[serde(default)]
    pub shard: Option<Shard>,
    pub inputs: Vec<String>,
    pub findings: Vec<Finding>,
}

#[derive(Debug, Deserialize, PartialEq, Eq)]
pub struct ParsedTool {
    pub name: String,
    pub version: String,
    pub timestamp: String,
}

#[derive(Debug, Serialize)]
pub struct FileSummary {
    pub file: String,
    #[serde(flatten)]
    pub summary: Summary,
}

/// Counts per input, in input order; findings about files that are not inputs (outputs
/// written on the way) are counted under their own file after the inputs.
pub fn per_file(inputs: &[String], findings: &[Finding]) -> Vec<FileSummary> {
    let mut files: Vec<FileSummary> = inputs
        .iter()
        .map(|i| FileSummary {
            file: i.clone(),
            summary: Summary::default(),
        })
        .collect();
    for f in findings {
        let name = f.file.clone().unwrap_or_default();
        let idx = match files.iter().position(|s| s.file == name) {
            Some(i) => i,
            None => {
                files.push(FileSummary {
                    file: name,
                    summary: Summary::default(),
                });
                files.len() - 1
            }
        };
        let s = &mut files[idx].summary;
        match f.severity {
            model::Severity::Error => s.error += 1,
            model::Severity::Warning => s.warning += 1,
            model::Severity::Notice => s.notice += 1,
        }
    }
    files
}

/// Pretty JSON with a trailing newline; findings masked when asked.
pub fn render(tool: Tool<'_>, inputs: &[String], findings: &[Finding], mask: bool) -> String {
    render_checked(tool, None, inputs, findings, mask)
}

/// [`render`], with what the run checked against in the report's header.
pub fn render_checked(
    tool: Tool<'_>,
    checked: Option<&Checked>,
    inputs: &[String],
    findings: &[Finding],
    mask: bool,
) -> String {
    render_with(tool, checked, &[], inputs, findings, mask)
}

/// [`render_checked`], with the FHIR version each FHIR file was checked as.
pub fn render_with(
    tool: Tool<'_>,
    checked: Option<&Checked>,
    fhir: &[FhirChecked],
    inputs: &[String],
    findings: &[Finding],
    mask: bool,
) -> String {
    render_part(tool, checked, fhir, None, inputs, findings, mask)
}

/// [`render_with`] for one shard of a run.
pub fn render_part(
    tool: Tool<'_>,
    checked: Option<&Checked>,
    fhir: &[FhirChecked],
    shard: Option<&Shard>,
    inputs: &[String],
    findings: &[Finding],
    mask: bool,
) -> String {
    let findings: Vec<Finding> = findings
        .iter()
        .map(|f| if mask { f.masked() } else { f.clone() })
        .collect();
    let files = per_file(inputs, &findings);
    let report = Report {
        tool,
        checked,
        fhir,
        shard,
        inputs,
        summary: Summary::of(&findings),
        files,
        findings,
    };
    serde_json::to_string_pretty(&report)
        .map(|s| s + "\n")
        .unwrap_or_default()
}
