//! ## What it checks
//! In DM, when AGE is populated, AGEU is populated.
//!
//! ## Why it matters
//! An age without its unit is ambiguous (years? months?), which matters for paediatric and
//! neonatal subjects and for every age-group derivation.
//!
//! ## Example
//! `AGE = 54` with `AGEU` null is reported.
//!
//! ## References
//! SDTMIG 3.4 §5.2 (DM); CDISC conformance rule CG0665; CORE-000189.

use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use crate::values::{column, get, show, text};
use model::Severity;

pub struct AgeWithoutAgeu;

static META: RuleMeta = RuleMeta {
    code: "SDT0023",
    name: "age_without_ageu",
    severity: Severity::Error,
    summary: "AGE is populated but AGEU is null",
    refs: &["CG0665", "CORE-000189"],
};

impl Rule for AgeWithoutAgeu {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, input: &Input) -> bool {
        input.name() == "DM" && input.has("AGE")
    }

    fn check(&self, _: &Study, input: &Input, out: &mut Sink<'_>) {
        for (row, v) in column(input, "AGE") {
            if v.is_null() {
                continue;
            }
            if get(input, row, "AGEU").and_then(text).is_none() {
                let age = show(v);
                out.record(
                    row,
                    &[("AGEU", String::new()), ("AGE", age.clone())],
                    format!("AGE is `{age}` but AGEU is null"),
                );
            }
        }
    }
}
