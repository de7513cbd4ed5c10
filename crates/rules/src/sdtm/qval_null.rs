//! ## What it checks
//! In SUPP-- datasets, QVAL is not null.
//!
//! ## Why it matters
//! A supplemental qualifier exists only to carry a value; records with a null QVAL should not
//! be submitted, and they inflate the qualifier's apparent use.
//!
//! ## Example
//! A SUPPDM record with `QNAM = "RACE2"` and QVAL null is reported.
//!
//! ## References
//! SDTMIG 3.4 §8.4.1 (SUPP--: QVAL is required).

use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use crate::values::{column, get, show};
use model::Severity;

pub struct QvalNull;

static META: RuleMeta = RuleMeta {
    code: "SDT0052",
    name: "qval_null",
    severity: Severity::Error,
    summary: "QVAL is null in a SUPP-- record",
    refs: &[],
};

impl Rule for QvalNull {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, input: &Input) -> bool {
        super::is_supp(input) && input.has("QVAL")
    }

    fn check(&self, _: &Study, input: &Input, out: &mut Sink<'_>) {
        for (row, v) in column(input, "QVAL") {
            if v.is_null() {
                let qnam = get(input, row, "QNAM").map(show).unwrap_or_default();
                out.record(
                    row,
                    &[("QVAL", String::new()), ("QNAM", qnam.clone())],
                    format!("QVAL is null for QNAM `{}`", qnam.trim()),
                );
            }
        }
    }
}
