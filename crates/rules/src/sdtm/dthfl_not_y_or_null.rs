//! ## What it checks
//! In DM, the subject death flag DTHFL is either `Y` or null.
//!
//! ## Why it matters
//! DTHFL is a one-valued flag: death is flagged, anything else is left null. `N` or `U`
//! suggests a collected yes/no question was copied into the flag and will mislead counts.
//!
//! ## Example
//! `DTHFL = "N"` for a living subject is reported; leave it null instead.
//!
//! ## References
//! SDTMIG 3.4 §5.2 (DM); CDISC conformance rule CG0131; CORE-000006.

use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use crate::values::{column, text};
use model::Severity;

pub struct DthflNotYOrNull;

static META: RuleMeta = RuleMeta {
    code: "SDT0013",
    name: "dthfl_not_y_or_null",
    severity: Severity::Error,
    summary: "DTHFL must be Y or null",
    refs: &["CG0131", "CORE-000006"],
};

impl Rule for DthflNotYOrNull {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, input: &Input) -> bool {
        input.name() == "DM" && input.has("DTHFL")
    }

    fn check(&self, _: &Study, input: &Input, out: &mut Sink<'_>) {
        for (row, v) in column(input, "DTHFL") {
            if let Some(t) = text(v).filter(|t| *t != "Y") {
                out.record(
                    row,
                    &[("DTHFL", t.to_owned())],
                    format!("DTHFL is `{t}`; it must be Y or null"),
                );
            }
        }
    }
}
