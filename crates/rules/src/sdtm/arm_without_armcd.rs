//! ## What it checks
//! When ARM is populated, ARMCD is populated too.
//!
//! ## Why it matters
//! ARMCD is the key analyses and TA join on; an arm description without its code cannot be
//! joined to the trial design.
//!
//! ## Example
//! `ARM = "Tacrolimus + prednisolone"` with `ARMCD` null is reported.
//!
//! ## References
//! SDTMIG 3.4 §5.2 (DM); CDISC conformance rule CG0521; CORE-000119.

use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use crate::values::{column, get, text};
use model::Severity;

pub struct ArmWithoutArmcd;

static META: RuleMeta = RuleMeta {
    code: "SDT0019",
    name: "arm_without_armcd",
    severity: Severity::Error,
    summary: "ARM is populated but ARMCD is null",
    refs: &["CG0521", "CORE-000119"],
};

impl Rule for ArmWithoutArmcd {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, input: &Input) -> bool {
        input.has("ARM")
    }

    fn check(&self, _: &Study, input: &Input, out: &mut Sink<'_>) {
        for (desc, code) in [("ARM", "ARMCD")] {
            for (row, v) in column(input, desc) {
                let Some(arm) = text(v) else { continue };
                if get(input, row, code).and_then(text).is_none() {
                    out.record(
                        row,
                        &[(code, String::new()), (desc, arm.to_owned())],
                        format!("{desc} is `{arm}` but {code} is null"),
                    );
                }
            }
        }
    }
}
