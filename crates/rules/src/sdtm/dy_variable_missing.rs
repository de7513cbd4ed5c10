//! ## What it checks
//! A dataset with a --DTC variable (date/time of collection) also has the --DY variable
//! (its study day): AE with AEDTC has AEDY, DM with DMDTC has DMDY. One finding per
//! dataset, naming the missing variable.
//!
//! ## Why it matters
//! Reviewers line up records by study day; the FDA expects --DY wherever its date is
//! submitted, so that each reviewer need not derive it from RFSTDTC. A warning: the SDTMIG
//! makes --DY permissible.
//!
//! ## Example
//! LB with LBDTC and without LBDY is reported.
//!
//! ## References
//! SDTMIG 3.4 §4.4.4 (study day variables); FDA Study Data Technical Conformance Guide
//! (study day variables); CORE-000321; Pinnacle 21 SD1083.

use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use model::Severity;

pub struct DyVariableMissing;

static META: RuleMeta = RuleMeta {
    code: "SDT0087",
    name: "dy_variable_missing",
    severity: Severity::Warning,
    summary: "--DTC is present but --DY is not",
    refs: &["P21:SD1083", "CORE-000321"],
};

/// `(date, day)` names with the dataset's prefix, when the date is there and the day is not.
pub(crate) fn day_missing(input: &Input, date: &str, day: &str) -> Option<(String, String)> {
    let p = super::prefix(input);
    let (date, day) = (format!("{p}{date}"), format!("{p}{day}"));
    (input.has(&date) && !input.has(&day)).then_some((date, day))
}

/// Reports the study-day variable of `date` missing from the dataset.
pub(crate) fn check_day(input: &Input, out: &mut Sink<'_>, date: &str, day: &str) {
    if let Some((date, day)) = day_missing(input, date, day) {
        out.dataset(
            &[day.as_str(), date.as_str()],
            format!("{date} is present but its study day {day} is not"),
        );
    }
}

impl Rule for DyVariableMissing {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, input: &Input) -> bool {
        day_missing(input, "DTC", "DY").is_some()
    }

    fn check(&self, _: &Study, input: &Input, out: &mut Sink<'_>) {
        check_day(input, out, "DTC", "DY");
    }
}
