//! ## What it checks
//! Variable names are 1–8 characters of upper-case letters, digits and underscores, not
//! starting with a digit.
//!
//! ## Why it matters
//! SAS XPORT v5 and the SDTM model both constrain names this way; a longer or lower-case
//! name is truncated or rejected by the tools downstream.
//!
//! ## Example
//! A variable `FVC_PCT_PRED` is reported.
//!
//! ## References
//! SDTMIG 3.4 §2.2 and §4.1.2; FDA Study Data Technical Conformance Guide §3.3.

use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use model::Severity;

pub struct VariableNameInvalid;

static META: RuleMeta = RuleMeta {
    code: "SDT0004",
    name: "variable_name_invalid",
    severity: Severity::Error,
    summary: "variable name is not a valid 8-character SDTM name",
    refs: &[],
};

impl Rule for VariableNameInvalid {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, _: &Input) -> bool {
        true
    }

    fn check(&self, _: &Study, input: &Input, out: &mut Sink<'_>) {
        for v in &input.dataset.meta().variables {
            if !model::text::is_upper_sas_name(&v.name, 8) {
                out.dataset(
                    &[&v.name],
                    format!(
                        "variable name `{}` must be 1–8 upper-case letters, digits or underscores",
                        v.name
                    ),
                );
            }
        }
    }
}
