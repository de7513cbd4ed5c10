//! ## What it checks
//! Dataset names are at most 8 characters (including SUPP-- datasets).
//!
//! ## Why it matters
//! SAS XPORT v5, the format regulators require, cannot hold longer member names, and the
//! define.xml and file names must agree with the member name.
//!
//! ## Example
//! `SUPPDMMMM` (9 characters) is reported.
//!
//! ## References
//! SDTMIG 3.4 §8.4; CDISC conformance rule CG0205; CORE-000293.

use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use model::Severity;

pub struct DatasetNameTooLong;

static META: RuleMeta = RuleMeta {
    code: "SDT0003",
    name: "dataset_name_too_long",
    severity: Severity::Error,
    summary: "dataset name longer than 8 characters",
    refs: &["CG0205", "CORE-000293"],
};

impl Rule for DatasetNameTooLong {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, input: &Input) -> bool {
        input.name().chars().count() > 8
    }

    fn check(&self, _: &Study, input: &Input, out: &mut Sink<'_>) {
        let n = input.name().chars().count();
        out.dataset(
            &[],
            format!(
                "dataset name `{}` has {n} characters; at most 8 are allowed",
                input.name()
            ),
        );
    }
}
