//! ## What it checks
//! When DM.DTHFL is `Y` and the study has a DS dataset, DS has a record with
//! `DSDECOD = "DEATH"` for the subject. The DM record is reported (there is no DS record to
//! point at); the fix is usually a missing DS record.
//!
//! ## Why it matters
//! Death is a disposition event: DS and DM must tell the same story, and a death known only
//! to DM is missing from disposition tables.
//!
//! ## Example
//! `DTHFL = "Y"` for `S-1`, and DS has no DEATH record for `S-1`: the DM record is reported.
//!
//! ## References
//! SDTMIG 3.4 §5.2 (DM: DTHFL) and §6.2 (DS).

use super::death_disposition_without_flag::deaths_in_ds;
use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use crate::values::{column, get, text};
use model::Severity;

pub struct DeathFlagWithoutDisposition;

static META: RuleMeta = RuleMeta {
    code: "SDT0032",
    name: "death_flag_without_disposition",
    severity: Severity::Warning,
    summary: "DM.DTHFL is Y but DS has no DEATH record for the subject",
    refs: &[],
};

impl Rule for DeathFlagWithoutDisposition {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, input: &Input) -> bool {
        input.name() == "DM" && input.has("USUBJID") && input.has("DTHFL")
    }

    fn check(&self, study: &Study, input: &Input, out: &mut Sink<'_>) {
        let Some(ds) = study.dataset("DS").filter(|d| d.has("DSDECOD")) else {
            return;
        };
        let dead = deaths_in_ds(ds);
        for (row, v) in column(input, "DTHFL") {
            if text(v) != Some("Y") {
                continue;
            }
            let Some(id) = get(input, row, "USUBJID").and_then(text) else {
                continue;
            };
            if !dead.contains(id) {
                out.record(
                    row,
                    &[("DTHFL", "Y".to_owned()), ("USUBJID", id.to_owned())],
                    format!("`{id}` has DTHFL `Y` but no DS record with DSDECOD `DEATH`"),
                );
            }
        }
    }
}
