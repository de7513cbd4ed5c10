//! ## What it checks
//! In DM, when AGEU is populated, AGE or AGETXT is populated.
//!
//! ## Why it matters
//! A unit with no age is a mapping slip: usually the age column was lost while the constant
//! `YEARS` was still assigned.
//!
//! ## Example
//! `AGEU = "YEARS"` with both AGE and AGETXT null is reported.
//!
//! ## References
//! SDTMIG 3.4 §5.2 (DM); CDISC conformance rule CG0434; CORE-000122.

use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use crate::values::{column, get, text};
use model::Severity;

pub struct AgeuWithoutAge;

static META: RuleMeta = RuleMeta {
    code: "SDT0020",
    name: "ageu_without_age",
    severity: Severity::Error,
    summary: "AGEU is populated but AGE and AGETXT are null",
    refs: &["CG0434", "CORE-000122"],
};

impl Rule for AgeuWithoutAge {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, input: &Input) -> bool {
        input.name() == "DM" && input.has("AGEU")
    }

    fn check(&self, _: &Study, input: &Input, out: &mut Sink<'_>) {
        for (row, v) in column(input, "AGEU") {
            let Some(unit) = text(v) else { continue };
            let age = get(input, row, "AGE").is_some_and(|a| !a.is_null());
            let agetxt = get(input, row, "AGETXT").is_some_and(|a| !a.is_null());
            if !age && !agetxt {
                out.record(
                    row,
                    &[("AGEU", unit.to_owned())],
                    format!("AGEU is `{unit}` but AGE and AGETXT are null"),
                );
            }
        }
    }
}
