//! ## What it checks
//! When the study has a TA dataset, every EPOCH value in another dataset is an epoch of TA.
//! Each unknown value is reported once per dataset, at its first record, with the number of
//! records that use it.
//!
//! ## Why it matters
//! EPOCH places a record in the trial design; a value TA does not define cannot be placed,
//! and is usually a spelling variant (`TREATMENT` vs `BLINDED TREATMENT`).
//!
//! ## Example
//! TA has epochs `SCREENING`, `TREATMENT`; an AE with `EPOCH = "FOLLOW UP"` is reported.
//!
//! ## References
//! SDTMIG 3.4 §7.2.1 (TA: EPOCH).

use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use crate::values::{column, text};
use model::Severity;
use std::collections::{HashMap, HashSet};

pub struct EpochNotInTa;

static META: RuleMeta = RuleMeta {
    code: "SDT0039",
    name: "epoch_not_in_ta",
    severity: Severity::Error,
    summary: "EPOCH value is not an epoch of TA",
    refs: &[],
};

impl Rule for EpochNotInTa {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, input: &Input) -> bool {
        input.name() != "TA" && input.has("EPOCH")
    }

    fn check(&self, study: &Study, input: &Input, out: &mut Sink<'_>) {
        let Some(ta) = study.dataset("TA").filter(|t| t.has("EPOCH")) else {
            return;
        };
        let epochs: HashSet<&str> = column(ta, "EPOCH").filter_map(|(_, v)| text(v)).collect();
        let mut unknown: HashMap<&str, (usize, usize)> = HashMap::new();
        for (row, v) in column(input, "EPOCH") {
            if let Some(e) = text(v).filter(|e| !epochs.contains(e)) {
                unknown.entry(e).or_insert((row, 0)).1 += 1;
            }
        }
        let mut unknown: Vec<_> = unknown.into_iter().collect();
        unknown.sort_by_key(|(_, (row, _))| *row);
        for (epoch, (row, count)) in unknown {
            out.record(
                row,
                &[("EPOCH", epoch.to_owned())],
                format!("EPOCH `{epoch}` ({count} records) is not an epoch of TA"),
            );
        }
    }
}
