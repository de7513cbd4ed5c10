//! ## What it checks
//! When DS has a record with `DSDECOD = "DEATH"` for a subject, the subject's DM.DTHFL is
//! `Y`. The DM record is reported, since DM is where the flag belongs.
//!
//! ## Why it matters
//! Reviewers count deaths from DM; a death recorded as a disposition event but not flagged
//! in DM is missing from that count.
//!
//! ## Example
//! DS has `DSDECOD = "DEATH"` for `S-1`, DM has `DTHFL` null for `S-1`: the DM record is
//! reported.
//!
//! ## References
//! SDTMIG 3.4 §5.2 (DM: DTHFL) and §6.2 (DS).

use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use crate::values::{column, get, show, text};
use model::Severity;
use std::collections::HashSet;

pub struct DeathDispositionWithoutFlag;

static META: RuleMeta = RuleMeta {
    code: "SDT0031",
    name: "death_disposition_without_flag",
    severity: Severity::Error,
    summary: "DS records a death but DM.DTHFL is not Y",
    refs: &[],
};

/// Subjects with a DS record whose DSDECOD is DEATH.
pub(crate) fn deaths_in_ds(ds: &Input) -> HashSet<&str> {
    column(ds, "DSDECOD")
        .filter(|(_, v)| text(v).is_some_and(|d| d.eq_ignore_ascii_case("DEATH")))
        .filter_map(|(row, _)| get(ds, row, "USUBJID").and_then(text))
        .collect()
}

impl Rule for DeathDispositionWithoutFlag {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, input: &Input) -> bool {
        input.name() == "DM" && input.has("USUBJID") && input.has("DTHFL")
    }

    fn check(&self, study: &Study, input: &Input, out: &mut Sink<'_>) {
        let Some(ds) = study.dataset("DS") else {
            return;
        };
        let dead = deaths_in_ds(ds);
        for (row, v) in column(input, "USUBJID") {
            let Some(id) = text(v).filter(|id| dead.contains(id)) else {
                continue;
            };
            let flag = get(input, row, "DTHFL").map(show).unwrap_or_default();
            if flag.trim() != "Y" {
                out.record(
                    row,
                    &[("DTHFL", flag.clone()), ("USUBJID", id.to_owned())],
                    format!("`{id}` has a DS record with DSDECOD `DEATH` but DTHFL is `{flag}`"),
                );
            }
        }
    }
}
