//! ## What it checks
//! Every subject-level dataset of a general observation class (Interventions, Events,
//! Findings, including custom domains of those classes) has an EPOCH variable. DM, SE, SV,
//! the trial design datasets, SUPP-- and RELREC are not of those classes and are not
//! checked. One finding per dataset.
//!
//! ## Why it matters
//! The SDTMIG makes EPOCH permissible, but the FDA expects it in every subject-level
//! observation dataset, so reviewers can tell screening from treatment from follow-up
//! without re-deriving it from dates and SE. A warning: the IG allows the omission.
//!
//! ## Example
//! An LB dataset without EPOCH is reported; the same dataset with EPOCH (null or not) is
//! not.
//!
//! ## References
//! FDA Study Data Technical Conformance Guide (EPOCH in subject-level observation
//! datasets); SDTMIG 3.4 (EPOCH, a timing variable of every general class); Pinnacle 21
//! SD1077.

use super::Spec;
use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use model::Severity;

pub struct EpochMissing;

static META: RuleMeta = RuleMeta {
    code: "SDT0086",
    name: "epoch_missing",
    severity: Severity::Warning,
    summary: "a subject-level general-class dataset has no EPOCH variable",
    refs: &["P21:SD1077"],
};

impl Rule for EpochMissing {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, input: &Input) -> bool {
        input.has("USUBJID") && Spec::of(input).is_some_and(|s| s.is_general())
    }

    fn check(&self, _: &Study, input: &Input, out: &mut Sink<'_>) {
        if !input.has("EPOCH") {
            out.dataset(
                &["EPOCH"],
                format!(
                    "{} has no EPOCH variable, which the FDA expects",
                    input.name()
                ),
            );
        }
    }
}
