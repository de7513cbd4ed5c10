//! ## What it checks
//! When AGEU is `YEARS`, AGE is between 0 and 120.
//!
//! ## Why it matters
//! A negative age or one beyond any recorded human lifespan is a typing or derivation error
//! (often a birth date and a reference date swapped, or months stored as years).
//!
//! ## Example
//! `AGE = 152`, `AGEU = "YEARS"` is reported; `AGE = 152`, `AGEU = "MONTHS"` is not.
//!
//! ## References
//! SDTMIG 3.4 §5.2 (DM: AGE, AGEU).

use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use crate::values::{column, get, number, show, text};
use model::Severity;

pub struct AgeImplausible;

static META: RuleMeta = RuleMeta {
    code: "SDT0035",
    name: "age_implausible",
    severity: Severity::Warning,
    summary: "AGE in YEARS is below 0 or above 120",
    refs: &[],
};

impl Rule for AgeImplausible {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, input: &Input) -> bool {
        input.has("AGE") && input.has("AGEU")
    }

    fn check(&self, _: &Study, input: &Input, out: &mut Sink<'_>) {
        for (row, v) in column(input, "AGE") {
            let Some(age) = number(v) else { continue };
            let years = get(input, row, "AGEU")
                .and_then(text)
                .is_some_and(|u| u.eq_ignore_ascii_case("YEARS"));
            if years && !(0.0..=120.0).contains(&age) {
                let shown = show(v);
                out.record(
                    row,
                    &[("AGE", shown.clone()), ("AGEU", "YEARS".to_owned())],
                    format!("AGE `{shown}` YEARS is outside 0–120"),
                );
            }
        }
    }
}
