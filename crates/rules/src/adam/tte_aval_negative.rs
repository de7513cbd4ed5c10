//! ## What it checks
//! In ADTTE, AVAL — the time to event or censoring — is not negative. Every negative value
//! is reported.
//!
//! ## Why it matters
//! A negative time means the event or censoring date precedes the origin (STARTDT): a date
//! or origin derivation is wrong, and survival procedures reject or mishandle the record.
//!
//! ## Example
//! `AVAL = -3` is reported.
//!
//! ## References
//! ADaM Basic Data Structure for Time-to-Event Analyses v1.0 (AVAL: elapsed time from
//! STARTDT).

use super::{num, show_num};
use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use model::Severity;

pub struct TteAvalNegative;

static META: RuleMeta = RuleMeta {
    code: "ADM0018",
    name: "tte_aval_negative",
    severity: Severity::Error,
    summary: "ADTTE AVAL (time to event) is negative",
    refs: &[],
};

impl Rule for TteAvalNegative {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, input: &Input) -> bool {
        super::structure(input) == Some(super::Structure::Adtte) && input.has("AVAL")
    }

    fn check(&self, _: &Study, input: &Input, out: &mut Sink<'_>) {
        for row in 0..input.dataset.len() {
            if let Some(aval) = num(input, row, "AVAL").filter(|a| *a < 0.0) {
                out.record(
                    row,
                    &[("AVAL", show_num(aval))],
                    format!("Time to event AVAL `{}` is negative", show_num(aval)),
                );
            }
        }
    }
}
