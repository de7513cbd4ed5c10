//! ## What it checks
//! In SUPP-- datasets, QNAM is at most 8 characters of upper-case letters, digits and
//! underscores, not starting with a digit.
//!
//! ## Why it matters
//! QNAM becomes a variable name when supplemental qualifiers are merged back onto the parent
//! domain; an invalid name cannot be merged.
//!
//! ## Example
//! `QNAM = "DICTVERSION"` (11 characters) is reported.
//!
//! ## References
//! SDTMIG 3.4 §8.4.1 (SUPP--); CDISC conformance rule CG0417; CORE-000221.

use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use crate::values::{column, get, show};
use model::Severity;

pub struct QnamInvalid;

static META: RuleMeta = RuleMeta {
    code: "SDT0025",
    name: "qnam_invalid",
    severity: Severity::Error,
    summary: "QNAM is not a valid 8-character upper-case name",
    refs: &["CG0417", "CORE-000221"],
};

impl Rule for QnamInvalid {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, input: &Input) -> bool {
        super::is_supp(input) && input.has("QNAM")
    }

    fn check(&self, _: &Study, input: &Input, out: &mut Sink<'_>) {
        for (row, v) in column(input, "QNAM") {
            let q = show(v);
            if !q.is_empty() && !model::text::is_upper_sas_name(&q, 8) {
                let idvar = get(input, row, "IDVAR").map(show).unwrap_or_default();
                let idval = get(input, row, "IDVARVAL").map(show).unwrap_or_default();
                out.record(
                    row,
                    &[("QNAM", q.clone()), ("IDVAR", idvar), ("IDVARVAL", idval)],
                    format!("QNAM `{q}` must be 1–8 upper-case letters, digits or underscores"),
                );
            }
        }
    }
}
