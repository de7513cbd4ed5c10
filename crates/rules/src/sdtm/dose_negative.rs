//! ## What it checks
//! --DOSE (EXDOSE, ECDOSE, CMDOSE ...) is not negative.
//!
//! ## Why it matters
//! A dose is an amount given; a negative amount is a sign error or a placeholder code
//! (`-99`) that analyses would sum as real exposure.
//!
//! ## Example
//! `EXDOSE = -54` is reported; `EXDOSE = 0` (placebo, or a dose held) is not.
//!
//! ## References
//! SDTMIG 3.4 §6.1 (Interventions: EX, EC, CM — --DOSE).

use super::var;
use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use crate::values::{column, number, show};
use model::Severity;

pub struct DoseNegative;

static META: RuleMeta = RuleMeta {
    code: "SDT0063",
    name: "dose_negative",
    severity: Severity::Error,
    summary: "--DOSE is negative",
    refs: &[],
};

impl Rule for DoseNegative {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, input: &Input) -> bool {
        var(input, "DOSE").is_some()
    }

    fn check(&self, _: &Study, input: &Input, out: &mut Sink<'_>) {
        let Some(dose) = var(input, "DOSE") else {
            return;
        };
        for (row, v) in column(input, &dose) {
            if number(v).is_some_and(|d| d < 0.0) {
                let shown = show(v);
                out.record(
                    row,
                    &[(dose.as_str(), shown.clone())],
                    format!("{dose} `{}` is negative", shown.trim()),
                );
            }
        }
    }
}
