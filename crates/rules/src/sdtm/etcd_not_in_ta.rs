//! ## What it checks
//! When the study has a TA dataset, every ETCD of SE is an element code of TA, except
//! `UNPLAN`, which SE uses for an unplanned element. Each unknown code is reported once, at
//! its first SE record, with the number of records that use it.
//!
//! ## Why it matters
//! SE records the elements each subject actually went through; an element that no arm of
//! the trial design has cannot be placed in an arm or epoch. A warning: the fix may as well
//! be a missing TA record as a wrong SE code.
//!
//! ## Example
//! TA has elements `SCRN`, `PBO`; SE with `ETCD = "FU"` is reported, `ETCD = "UNPLAN"` is
//! not.
//!
//! ## References
//! SDTMIG 3.4 §5.3 (SE: ETCD, UNPLAN) and §7.2.1 (TA: ETCD); Pinnacle 21 SD1378.

use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use crate::values::{column, text};
use model::Severity;
use std::collections::HashSet;

pub struct EtcdNotInTa;

static META: RuleMeta = RuleMeta {
    code: "SDT0093",
    name: "etcd_not_in_ta",
    severity: Severity::Warning,
    summary: "SE.ETCD is not an element code of TA",
    refs: &["P21:SD1378"],
};

impl Rule for EtcdNotInTa {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, input: &Input) -> bool {
        input.name().eq_ignore_ascii_case("SE") && input.has("ETCD")
    }

    fn check(&self, study: &Study, input: &Input, out: &mut Sink<'_>) {
        let Some(ta) = study.dataset("TA").filter(|t| t.has("ETCD")) else {
            return;
        };
        let elements: HashSet<&str> = column(ta, "ETCD").filter_map(|(_, v)| text(v)).collect();
        let unknown = column(input, "ETCD")
            .filter_map(|(row, v)| Some((row, text(v)?)))
            .filter(|(_, e)| *e != "UNPLAN" && !elements.contains(e));
        for (etcd, row, count) in super::tally(unknown) {
            out.record(
                row,
                &[("ETCD", etcd.to_owned())],
                format!("ETCD `{etcd}` ({count} records) is not an element code of TA"),
            );
        }
    }
}
