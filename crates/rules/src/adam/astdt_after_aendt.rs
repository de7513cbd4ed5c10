//! ## What it checks
//! In an ADaM dataset (ADAE and other OCCDS), ASTDT is on or before AENDT where both are
//! populated. Every record with ASTDT after AENDT is reported.
//!
//! ## Why it matters
//! An event that ends before it starts has a wrong date or a wrong imputation; durations
//! and treatment-emergence derived from it are wrong too.
//!
//! ## Example
//! `ASTDT` 2014-03-10 (numeric date 19792) with `AENDT` 2014-03-01 (19783) is reported.
//!
//! ## References
//! ADaM OCCDS v1.1 (ASTDT, AENDT).

use super::{num, show_date, show_num};
use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use model::Severity;

pub struct AstdtAfterAendt;

static META: RuleMeta = RuleMeta {
    code: "ADM0024",
    name: "astdt_after_aendt",
    severity: Severity::Error,
    summary: "ASTDT is after AENDT",
    refs: &[],
};

impl Rule for AstdtAfterAendt {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, input: &Input) -> bool {
        input.has("ASTDT") && input.has("AENDT") && super::is_adam(input)
    }

    fn check(&self, _: &Study, input: &Input, out: &mut Sink<'_>) {
        for row in 0..input.dataset.len() {
            let (Some(a), Some(b)) = (num(input, row, "ASTDT"), num(input, row, "AENDT")) else {
                continue;
            };
            if a > b {
                out.record(
                    row,
                    &[("ASTDT", show_num(a)), ("AENDT", show_num(b))],
                    format!("ASTDT `{}` is after AENDT `{}`", show_date(a), show_date(b)),
                );
            }
        }
    }
}
