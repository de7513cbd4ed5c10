//! ## What it checks
//! Every populated DOMAIN value is exactly two characters.
//!
//! ## Why it matters
//! DOMAIN is the two-character code that ties a record to its domain and prefixes its
//! variable names; anything longer or shorter cannot be a domain code.
//!
//! ## Example
//! `DOMAIN = "DEM"` is reported.
//!
//! ## References
//! SDTMIG 3.4 §2.2; CDISC conformance rule CG0308; CORE-000180.

use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use crate::values::{column, text};
use model::Severity;

pub struct DomainValueLength;

static META: RuleMeta = RuleMeta {
    code: "SDT0001",
    name: "domain_value_length",
    severity: Severity::Error,
    summary: "DOMAIN value is not two characters",
    refs: &["CG0308", "CORE-000180"],
};

impl Rule for DomainValueLength {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, input: &Input) -> bool {
        input.has("DOMAIN")
    }

    fn check(&self, _: &Study, input: &Input, out: &mut Sink<'_>) {
        for (row, v) in column(input, "DOMAIN") {
            if let Some(t) = text(v).filter(|t| t.chars().count() != 2) {
                out.record(
                    row,
                    &[("DOMAIN", t.to_owned())],
                    format!("DOMAIN `{t}` is not a two-character code"),
                );
            }
        }
    }
}
