//! ## What it checks
//! A dataset with a --STDTC variable (start date/time) also has the --STDY variable (its
//! study day): CM with CMSTDTC has CMSTDY, SE with SESTDTC has SESTDY. One finding per
//! dataset, naming the missing variable.
//!
//! ## Why it matters
//! Reviewers line up events and treatments by the study day they started; the FDA expects
//! --STDY wherever --STDTC is submitted. A warning: the SDTMIG makes --STDY permissible.
//!
//! ## Example
//! CM with CMSTDTC and without CMSTDY is reported.
//!
//! ## References
//! SDTMIG 3.4 §4.4.4 (study day variables); FDA Study Data Technical Conformance Guide
//! (study day variables); CORE-000328; Pinnacle 21 SD1087.

use super::dy_variable_missing::{check_day, day_missing};
use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use model::Severity;

pub struct StdyVariableMissing;

static META: RuleMeta = RuleMeta {
    code: "SDT0088",
    name: "stdy_variable_missing",
    severity: Severity::Warning,
    summary: "--STDTC is present but --STDY is not",
    refs: &["P21:SD1087", "CORE-000328"],
};

impl Rule for StdyVariableMissing {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, input: &Input) -> bool {
        day_missing(input, "STDTC", "STDY").is_some()
    }

    fn check(&self, _: &Study, input: &Input, out: &mut Sink<'_>) {
        check_day(input, out, "STDTC", "STDY");
    }
}
