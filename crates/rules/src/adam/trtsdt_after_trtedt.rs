//! ## What it checks
//! In ADSL, TRTSDT is on or before TRTEDT where both are populated. Every record with
//! TRTSDT after TRTEDT is reported.
//!
//! ## Why it matters
//! Exposure runs from the first to the last dose; reversed dates make treatment duration
//! negative and misplace every on-treatment window.
//!
//! ## Example
//! `TRTSDT` 2014-03-10 (numeric date 19792) with `TRTEDT` 2014-03-01 (19783) is reported.
//!
//! ## References
//! ADaMIG 1.3 §3.1 (ADSL treatment timing variables TRTSDT, TRTEDT).

use super::{num, show_date, show_num};
use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use model::Severity;

pub struct TrtsdtAfterTrtedt;

static META: RuleMeta = RuleMeta {
    code: "ADM0030",
    name: "trtsdt_after_trtedt",
    severity: Severity::Error,
    summary: "TRTSDT is after TRTEDT",
    refs: &[],
};

impl Rule for TrtsdtAfterTrtedt {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, input: &Input) -> bool {
        super::structure(input) == Some(super::Structure::Adsl)
            && input.has("TRTSDT")
            && input.has("TRTEDT")
    }

    fn check(&self, _: &Study, input: &Input, out: &mut Sink<'_>) {
        for row in 0..input.dataset.len() {
            let (Some(a), Some(b)) = (num(input, row, "TRTSDT"), num(input, row, "TRTEDT")) else {
                continue;
            };
            if a > b {
                out.record(
                    row,
                    &[("TRTSDT", show_num(a)), ("TRTEDT", show_num(b))],
                    format!(
                        "TRTSDT `{}` is after TRTEDT `{}`",
                        show_date(a),
                        show_date(b)
                    ),
                );
            }
        }
    }
}
