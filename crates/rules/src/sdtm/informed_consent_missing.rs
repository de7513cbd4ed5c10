//! ## What it checks
//! Every subject in DM has a DS record with `DSDECOD = "INFORMED CONSENT OBTAINED"` (and,
//! when DSCAT is populated, `DSCAT = "PROTOCOL MILESTONE"`). Each DM record without one is
//! reported, also when no subject has one (the console shows the first few of a code per
//! file; report.json lists every record, so a reviewer can tick them off).
//!
//! ## Why it matters
//! Informed consent is the first protocol milestone; RFICDTC in DM should agree with it, and
//! a reviewer checking that no data predates consent needs the DS record.
//!
//! ## Example
//! DS records `INFORMED CONSENT OBTAINED` for `S-1` but not for `S-2`: the DM record of `S-2`
//! is reported.
//!
//! ## References
//! SDTMIG 3.4 §6.2 (Events: DS, protocol milestones) and §5.2 (DM, RFICDTC).

use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use crate::values::{column, get, text};
use model::Severity;
use std::collections::HashSet;

pub struct InformedConsentMissing;

static META: RuleMeta = RuleMeta {
    code: "SDT0029",
    name: "informed_consent_missing",
    severity: Severity::Warning,
    summary: "a subject has no informed-consent record in DS",
    refs: &[],
};

const CONSENT: &str = "INFORMED CONSENT OBTAINED";

impl Rule for InformedConsentMissing {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, input: &Input) -> bool {
        input.name() == "DM" && input.has("USUBJID")
    }

    fn check(&self, study: &Study, input: &Input, out: &mut Sink<'_>) {
        let Some(ds) = study.dataset("DS").filter(|d| d.has("DSDECOD")) else {
            return;
        };
        let consented: HashSet<&str> = column(ds, "DSDECOD")
            .filter(|(_, v)| text(v).is_some_and(|d| d.eq_ignore_ascii_case(CONSENT)))
            .filter(|(row, _)| {
                get(ds, *row, "DSCAT")
                    .and_then(text)
                    .is_none_or(|c| c.eq_ignore_ascii_case("PROTOCOL MILESTONE"))
            })
            .filter_map(|(row, _)| get(ds, row, "USUBJID").and_then(text))
            .collect();
        for (row, v) in column(input, "USUBJID") {
            if let Some(id) = text(v).filter(|id| !consented.contains(id)) {
                out.record(
                    row,
                    &[("USUBJID", id.to_owned())],
                    format!("`{id}` has no DS record with DSDECOD `{CONSENT}`"),
                );
            }
        }
    }
}
