//! ## What it checks
//! --ENRTPT (end relative to a reference time point) and --ENTPT (the reference time point)
//! come together: a record with one populated has the other.
//!
//! ## Why it matters
//! `ONGOING` means nothing without the time point it is relative to, and a reference time
//! point without a relation says nothing about the end.
//!
//! ## Example
//! `CMENRTPT = "ONGOING"` with CMENTPT null is reported on CMENTPT; `AEENTPT = "END OF
//! STUDY"` with AEENRTPT null is reported on AEENRTPT.
//!
//! ## References
//! SDTMIG 3.4 §4.4.7 (use of relative timing variables --STRTPT, --STTPT, --ENRTPT, --ENTPT).

use super::var;
use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use crate::values::{get, text};
use model::Severity;

pub struct EndTimepointIncomplete;

static META: RuleMeta = RuleMeta {
    code: "SDT0058",
    name: "end_timepoint_incomplete",
    severity: Severity::Error,
    summary: "--ENRTPT without --ENTPT, or --ENTPT without --ENRTPT",
    refs: &[],
};

/// Reports records where exactly one of a relation/anchor pair is populated.
pub(crate) fn check_pair(input: &Input, out: &mut Sink<'_>, relation: &str, anchor: &str) {
    for row in 0..input.dataset.len() {
        let r = get(input, row, relation).and_then(text);
        let a = get(input, row, anchor).and_then(text);
        match (r, a) {
            (Some(r), None) => out.record(
                row,
                &[(anchor, String::new()), (relation, r.to_owned())],
                format!("{relation} is `{r}` but {anchor} is null"),
            ),
            (None, Some(a)) => out.record(
                row,
                &[(relation, String::new()), (anchor, a.to_owned())],
                format!("{anchor} is `{a}` but {relation} is null"),
            ),
            _ => {}
        }
    }
}

impl Rule for EndTimepointIncomplete {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, input: &Input) -> bool {
        var(input, "ENRTPT").is_some() || var(input, "ENTPT").is_some()
    }

    fn check(&self, _: &Study, input: &Input, out: &mut Sink<'_>) {
        let p = super::prefix(input);
        check_pair(input, out, &format!("{p}ENRTPT"), &format!("{p}ENTPT"));
    }
}
