//! ## What it checks
//! In ADTTE datasets that have CNSDTDSC, it is populated on every record with CNSR > 0
//! (censored). Each parameter with such records is reported once, at its first record, with
//! the count.
//!
//! ## Why it matters
//! Reviewers check each censored time against its description; without one, the derivation
//! of the date cannot be traced to its source.
//!
//! ## Example
//! `CNSR = 1` with `CNSDTDSC` null is reported.
//!
//! ## References
//! ADaM Basic Data Structure for Time-to-Event Analyses v1.0 (EVNTDESC, CNSDTDSC).

use super::{num, txt};
use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use crate::sdtm::tally;
use model::Severity;

pub struct CnsdtdscMissing;

static META: RuleMeta = RuleMeta {
    code: "ADM0021",
    name: "cnsdtdsc_missing",
    severity: Severity::Warning,
    summary: "CNSDTDSC is null on an ADTTE record with CNSR > 0 (censored)",
    refs: &[],
};

impl Rule for CnsdtdscMissing {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, input: &Input) -> bool {
        super::structure(input) == Some(super::Structure::Adtte) && input.has("CNSDTDSC")
    }

    fn check(&self, _: &Study, input: &Input, out: &mut Sink<'_>) {
        let missing = (0..input.dataset.len())
            .filter(|&r| {
                num(input, r, "CNSR").is_some_and(|n| n > 0.0)
                    && txt(input, r, "CNSDTDSC").is_none()
            })
            .map(|r| (r, txt(input, r, "PARAMCD").unwrap_or("")));
        for (param, row, count) in tally(missing) {
            out.record(
                row,
                &[("CNSDTDSC", String::new()), ("PARAMCD", param.to_owned())],
                format!("CNSDTDSC is null on {count} censored records of PARAMCD `{param}`"),
            );
        }
    }
}
