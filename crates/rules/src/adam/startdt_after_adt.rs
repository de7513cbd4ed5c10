//! ## What it checks
//! In ADTTE, the time-to-event origin STARTDT is on or before the event or censoring date
//! ADT, where both are populated. Every record with STARTDT after ADT is reported.
//!
//! ## Why it matters
//! The analysed time runs from STARTDT to ADT; an origin after the end gives a negative or
//! meaningless time.
//!
//! ## Example
//! `STARTDT` 2014-01-10 with `ADT` 2014-01-02 is reported.
//!
//! ## References
//! ADaM Basic Data Structure for Time-to-Event Analyses v1.0 (STARTDT, ADT).

use super::{num, show_date, show_num};
use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use model::Severity;

pub struct StartdtAfterAdt;

static META: RuleMeta = RuleMeta {
    code: "ADM0019",
    name: "startdt_after_adt",
    severity: Severity::Error,
    summary: "ADTTE STARTDT is after ADT",
    refs: &[],
};

impl Rule for StartdtAfterAdt {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, input: &Input) -> bool {
        super::structure(input) == Some(super::Structure::Adtte)
            && input.has("STARTDT")
            && input.has("ADT")
    }

    fn check(&self, _: &Study, input: &Input, out: &mut Sink<'_>) {
        for row in 0..input.dataset.len() {
            let (Some(start), Some(adt)) = (num(input, row, "STARTDT"), num(input, row, "ADT"))
            else {
                continue;
            };
            if start > adt {
                out.record(
                    row,
                    &[("STARTDT", show_num(start)), ("ADT", show_num(adt))],
                    format!(
                        "STARTDT `{}` is after ADT `{}`",
                        show_date(start),
                        show_date(adt)
                    ),
                );
            }
        }
    }
}
