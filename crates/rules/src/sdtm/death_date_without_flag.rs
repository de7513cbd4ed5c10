//! ## What it checks
//! In DM, when the date of death DTHDTC is populated, DTHFL is `Y`.
//!
//! ## Why it matters
//! Reviewers count deaths from DTHFL; a death date without the flag drops a death from
//! every summary that relies on it.
//!
//! ## Example
//! `DTHDTC = "2016-05-02"` with `DTHFL` null is reported.
//!
//! ## References
//! SDTMIG 3.4 §5.2 (DM); CDISC conformance rule CG0435; CORE-000007.

use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use crate::values::{column, get, show, text};
use model::Severity;

pub struct DeathDateWithoutFlag;

static META: RuleMeta = RuleMeta {
    code: "SDT0014",
    name: "death_date_without_flag",
    severity: Severity::Error,
    summary: "DTHDTC is populated but DTHFL is not Y",
    refs: &["CG0435", "CORE-000007"],
};

impl Rule for DeathDateWithoutFlag {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, input: &Input) -> bool {
        input.name() == "DM" && input.has("DTHDTC")
    }

    fn check(&self, _: &Study, input: &Input, out: &mut Sink<'_>) {
        for (row, v) in column(input, "DTHDTC") {
            let Some(date) = text(v) else { continue };
            let flag = get(input, row, "DTHFL").map(show).unwrap_or_default();
            if flag.trim() != "Y" {
                out.record(
                    row,
                    &[("DTHFL", flag.clone()), ("DTHDTC", date.to_owned())],
                    format!("DTHDTC is `{date}` but DTHFL is `{flag}`, not Y"),
                );
            }
        }
    }
}
