//! ## What it checks
//! A variable of a domain whose SDTMIG 3.4 table is embedded carries the IG's label, ignoring
//! case and spacing. Custom domains are not checked (their labels name their own topic),
//! nor variables without a declared label (CSV). One finding per variable, on the dataset.
//!
//! ## Why it matters
//! Labels are what reviewers read in viewers and define.xml; a label from an older IG or a
//! mapping spec typo makes the same variable read differently across studies.
//!
//! ## Example
//! AESTDTC labelled `Start Date` instead of `Start Date/Time of Adverse Event` is reported.
//!
//! ## References
//! SDTMIG 3.4 domain specification tables (Variable Label column); SDTMIG 3.4 §2.4.

use super::Spec;
use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use crate::versions::Needs;
use model::Severity;

pub struct VariableLabelMismatch;

static META: RuleMeta = RuleMeta {
    code: "SDT0075",
    name: "variable_label_mismatch",
    severity: Severity::Notice,
    summary: "a variable's label differs from the SDTMIG label",
    refs: &[],
};

fn normal(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_ascii_uppercase()
}

impl Rule for VariableLabelMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn needs(&self) -> Needs {
        Needs::Ig
    }

    fn applies(&self, input: &Input) -> bool {
        Spec::of(input).is_some_and(|s| s.exact().is_some())
    }

    fn check(&self, _: &Study, input: &Input, out: &mut Sink<'_>) {
        let Some(table) = Spec::of(input).and_then(|s| s.exact()) else {
            return;
        };
        for var in &input.dataset.meta().variables {
            let Some(vm) = table.variable(&var.name) else {
                continue;
            };
            // No label declared (CSV, or the name standing in for one): nothing to compare.
            let declared =
                !var.label.trim().is_empty() && !var.label.eq_ignore_ascii_case(&var.name);
            if declared && normal(&var.label) != normal(&vm.label) {
                out.dataset(
                    &[var.name.as_str()],
                    format!(
                        "{} is labelled `{}`; SDTMIG 3.4 labels it `{}`",
                        var.name, var.label, vm.label
                    ),
                );
            }
        }
    }
}
