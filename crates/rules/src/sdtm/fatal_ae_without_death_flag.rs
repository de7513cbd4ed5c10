//! ## What it checks
//! When a subject has an AE with `AEOUT = "FATAL"`, the subject's DM.DTHFL is `Y`. The DM
//! record is reported, since that is where the fix belongs.
//!
//! ## Why it matters
//! A fatal adverse event is a death; DM is where reviewers count deaths, and the two must
//! tell the same story.
//!
//! ## Example
//! A subject with an AE whose `AEOUT = "FATAL"` and a null DTHFL in DM is reported on the
//! DM record.
//!
//! ## References
//! SDTMIG 3.4 §6.2 (AE) and §5.2 (DM); CDISC conformance rule CG0134; CORE-000254.

use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use crate::values::{column, get, show, text};
use model::Severity;
use std::collections::HashSet;

pub struct FatalAeWithoutDeathFlag;

static META: RuleMeta = RuleMeta {
    code: "SDT0027",
    name: "fatal_ae_without_death_flag",
    severity: Severity::Error,
    summary: "a fatal AE but DM.DTHFL is not Y",
    refs: &["CG0134", "CORE-000254"],
};

impl Rule for FatalAeWithoutDeathFlag {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, input: &Input) -> bool {
        input.name() == "DM" && input.has("USUBJID")
    }

    fn check(&self, study: &Study, input: &Input, out: &mut Sink<'_>) {
        let Some(ae) = study.dataset("AE") else {
            return;
        };
        let fatal: HashSet<&str> = column(ae, "AEOUT")
            .filter(|(_, v)| text(v) == Some("FATAL"))
            .filter_map(|(row, _)| get(ae, row, "USUBJID").and_then(text))
            .collect();
        for (row, v) in column(input, "USUBJID") {
            let Some(id) = text(v).filter(|id| fatal.contains(id)) else {
                continue;
            };
            let flag = get(input, row, "DTHFL").map(show).unwrap_or_default();
            if flag.trim() != "Y" {
                out.record(
                    row,
                    &[("DTHFL", flag.clone()), ("USUBJID", id.to_owned())],
                    format!("`{id}` has an AE with AEOUT FATAL but DTHFL is `{flag}`"),
                );
            }
        }
    }
}
