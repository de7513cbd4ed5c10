//! The validation report files every command writes the same way: report.json (rendered by
//! the caller), report.html and report.xlsx, with CDISC CORE's own texts for its codes.

use crate::Failure;
use crate::output;
use anyhow::anyhow;
use model::Finding;
use reports::json::Checked;
use reports::{self as report, CodeText, CodeTexts};
use std::path::Path;

/// What the HTML and xlsx reports say about the CDISC CORE codes among the findings: the
/// rule's Outcome message and its Description (the rules crate describes every other code).
fn core_texts(findings: &[Finding]) -> CodeTexts {
    let mut texts = CodeTexts::new();
    // Only a run with CORE findings loads the bundled rule book for them.
    if !findings.iter().any(|f| f.code.starts_with("CORE-")) {
        return texts;
    }
    let book = core_rules::RuleBook::bundled();
    let one_line = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    for f in findings {
        if texts.contains_key(&f.code) {
            continue;
        }
        if let Some(rule) = book.get(&f.code) {
            texts.insert(
                f.code.clone(),
                CodeText {
                    summary: one_line(&rule.message),
                    description: one_line(rule.description()),
                },
            );
        }
    }
    texts
}

pub fn html(
    stamp: &str,
    checked: Option<&Checked>,
    inputs: &[String],
    findings: &[Finding],
    mask: bool,
) -> String {
    let texts = core_texts(findings);
    let page = report::html::Page {
        title: "trialbridge validation report",
        timestamp: stamp,
        checked,
        inputs,
        texts: &texts,
    };
    report::html::render(&page, findings, mask)
}

pub fn xlsx(
    stamp: &str,
    checked: Option<&Checked>,
    inputs: &[String],
    findings: &[Finding],
    mask: bool,
) -> Result<Vec<u8>, Failure> {
    let texts = core_texts(findings);
    let meta = report::xlsx::Meta {
        tool_version: env!("CARGO_PKG_VERSION"),
        timestamp: stamp,
        inputs,
        checked,
        texts: &texts,
    };
    Ok(report::xlsx::render(&meta, findings, mask)
        .map_err(|e| anyhow!("cannot build the xlsx report: {e}"))?)
}

/// Writes report.json, report.html and report.xlsx into `dir`.
pub fn write_reports(
    dir: &Path,
    checked: Option<&Checked>,
    inputs: &[String],
    json: &str,
    stamp: &str,
    findings: &[Finding],
    mask: bool,
) -> Result<(), Failure> {
    output::write_atomic(dir, "report.json", json.as_bytes())?;
    let html = html(stamp, checked, inputs, findings, mask);
    output::write_atomic(dir, "report.html", html.as_bytes())?;
    output::write_atomic(
        dir,
        "report.xlsx",
        &xlsx(stamp, checked, inputs, findings, mask)?,
    )?;
    Ok(())
}
