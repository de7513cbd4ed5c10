//! ## What it checks
//! In DM, a record with `DTHFL = "Y"` has a DTHDTC.
//!
//! ## Why it matters
//! A death without a date cannot enter a survival analysis; when the date is truly unknown
//! the reviewer's guide should say so, and the finding is the reminder.
//!
//! ## Example
//! `DTHFL = "Y"`, `DTHDTC` null is reported; `DTHDTC = "2016-05"` (partial) is not.
//!
//! ## References
//! SDTMIG 3.4 §5.2 (DM: DTHDTC, DTHFL).

use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use crate::values::{column, get, text};
use model::Severity;

pub struct DeathFlagWithoutDate;

static META: RuleMeta = RuleMeta {
    code: "SDT0034",
    name: "death_flag_without_date",
    severity: Severity::Warning,
    summary: "DTHFL is Y but DTHDTC is null",
    refs: &[],
};

impl Rule for DeathFlagWithoutDate {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, input: &Input) -> bool {
        input.name() == "DM" && input.has("DTHFL") && input.has("DTHDTC")
    }

    fn check(&self, _: &Study, input: &Input, out: &mut Sink<'_>) {
        for (row, v) in column(input, "DTHFL") {
            if text(v) == Some("Y") && get(input, row, "DTHDTC").and_then(text).is_none() {
                out.record(
                    row,
                    &[("DTHDTC", String::new()), ("DTHFL", "Y".to_owned())],
                    "DTHFL is `Y` but DTHDTC is null".to_owned(),
                );
            }
        }
    }
}
