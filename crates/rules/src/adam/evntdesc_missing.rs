//! ## What it checks
//! In ADTTE datasets that have EVNTDESC, it is populated on every record with CNSR = 0 (an
//! event). Each parameter with such records is reported once, at its first record, with the
//! count.
//!
//! ## Why it matters
//! Reviewers check each event time against its description; without one, the derivation of
//! the date cannot be traced to its source.
//!
//! ## Example
//! `CNSR = 0` with `EVNTDESC` null is reported.
//!
//! ## References
//! ADaM Basic Data Structure for Time-to-Event Analyses v1.0 (EVNTDESC, CNSDTDSC).

use super::{num, txt};
use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use crate::sdtm::tally;
use model::Severity;

pub struct EvntdescMissing;

static META: RuleMeta = RuleMeta {
    code: "ADM0020",
    name: "evntdesc_missing",
    severity: Severity::Warning,
    summary: "EVNTDESC is null on an ADTTE record with CNSR = 0 (an event)",
    refs: &[],
};

impl Rule for EvntdescMissing {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, input: &Input) -> bool {
        super::structure(input) == Some(super::Structure::Adtte) && input.has("EVNTDESC")
    }

    fn check(&self, _: &Study, input: &Input, out: &mut Sink<'_>) {
        let missing = (0..input.dataset.len())
            .filter(|&r| {
                num(input, r, "CNSR").is_some_and(|n| n == 0.0)
                    && txt(input, r, "EVNTDESC").is_none()
            })
            .map(|r| (r, txt(input, r, "PARAMCD").unwrap_or("")));
        for (param, row, count) in tally(missing) {
            out.record(
                row,
                &[("EVNTDESC", String::new()), ("PARAMCD", param.to_owned())],
                format!("EVNTDESC is null on {count} event records of PARAMCD `{param}`"),
            );
        }
    }
}
