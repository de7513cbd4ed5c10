//! ## What it checks
//! Variable labels are at most 40 characters, and not empty.
//!
//! ## Why it matters
//! SAS XPORT v5 holds 40-character labels; longer labels are cut by other writers and the
//! define.xml then disagrees with the data.
//!
//! ## Example
//! A label `Forced Vital Capacity Percent of Predicted Value` (48 characters) is reported.
//!
//! ## References
//! SDTMIG 3.4 §4.1.2; FDA Study Data Technical Conformance Guide §3.3.

use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use model::Severity;

pub struct VariableLabelTooLong;

static META: RuleMeta = RuleMeta {
    code: "SDT0005",
    name: "variable_label_too_long",
    severity: Severity::Error,
    summary: "variable label longer than 40 characters or empty",
    refs: &[],
};

impl Rule for VariableLabelTooLong {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, _: &Input) -> bool {
        true
    }

    fn check(&self, _: &Study, input: &Input, out: &mut Sink<'_>) {
        for v in &input.dataset.meta().variables {
            let n = v.label.chars().count();
            if n > 40 {
                out.dataset(
                    &[&v.name],
                    format!(
                        "label of {} has {n} characters; at most 40 are allowed",
                        v.name
                    ),
                );
            } else if v.label.trim().is_empty() {
                out.dataset(&[&v.name], format!("{} has no label", v.name));
            }
        }
    }
}
