//! ## What it checks
//! --STRTPT (start relative to a reference time point) and --STTPT (the reference time
//! point) come together: a record with one populated has the other.
//!
//! ## Why it matters
//! `BEFORE` means nothing without the time point it is relative to, and a reference time
//! point without a relation says nothing about the start.
//!
//! ## Example
//! `CMSTRTPT = "BEFORE"` with CMSTTPT null is reported on CMSTTPT.
//!
//! ## References
//! SDTMIG 3.4 §4.4.7 (use of relative timing variables --STRTPT, --STTPT, --ENRTPT, --ENTPT).

use super::end_timepoint_incomplete::check_pair;
use super::var;
use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use model::Severity;

pub struct StartTimepointIncomplete;

static META: RuleMeta = RuleMeta {
    code: "SDT0059",
    name: "start_timepoint_incomplete",
    severity: Severity::Error,
    summary: "--STRTPT without --STTPT, or --STTPT without --STRTPT",
    refs: &[],
};

impl Rule for StartTimepointIncomplete {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, input: &Input) -> bool {
        var(input, "STRTPT").is_some() || var(input, "STTPT").is_some()
    }

    fn check(&self, _: &Study, input: &Input, out: &mut Sink<'_>) {
        let p = super::prefix(input);
        check_pair(input, out, &format!("{p}STRTPT"), &format!("{p}STTPT"));
    }
}
