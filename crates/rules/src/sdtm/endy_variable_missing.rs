//! ## What it checks
//! A dataset with an --ENDTC variable (end date/time) also has the --ENDY variable (its
//! study day): AE with AEENDTC has AEENDY. One finding per dataset, naming the missing
//! variable.
//!
//! ## Why it matters
//! Reviewers line up events and treatments by the study day they ended; the FDA expects
//! --ENDY wherever --ENDTC is submitted. A warning: the SDTMIG makes --ENDY permissible.
//!
//! ## Example
//! AE with AEENDTC and without AEENDY is reported.
//!
//! ## References
//! SDTMIG 3.4 §4.4.4 (study day variables); FDA Study Data Technical Conformance Guide
//! (study day variables); Pinnacle 21 SD1091. CORE-000776 checks the same; it is cited on
//! each finding rather than by the rule, as its published violating case has no expected
//! results to compare with.

use super::dy_variable_missing::{check_day, day_missing};
use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use model::Severity;

pub struct EndyVariableMissing;

static META: RuleMeta = RuleMeta {
    code: "SDT0089",
    name: "endy_variable_missing",
    severity: Severity::Warning,
    summary: "--ENDTC is present but --ENDY is not",
    refs: &["P21:SD1091"],
};

impl Rule for EndyVariableMissing {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, input: &Input) -> bool {
        day_missing(input, "ENDTC", "ENDY").is_some()
    }

    fn check(&self, _: &Study, input: &Input, out: &mut Sink<'_>) {
        check_day(input, out, "ENDTC", "ENDY");
        out.cite_last("CORE-000776");
    }
}
