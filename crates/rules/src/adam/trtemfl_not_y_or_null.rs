//! ## What it checks
//! In ADAE, TRTEMFL is `Y` or null. Each distinct other value is reported once, at its
//! first record, with its count.
//!
//! ## Why it matters
//! Treatment-emergent tables select `TRTEMFL = "Y"`; an `N` or a lower-case `y` is either
//! excluded silently or included by programs that test for non-null.
//!
//! ## Example
//! `TRTEMFL = "N"` is reported.
//!
//! ## References
//! ADaM OCCDS v1.1 (TRTEMFL: Y or null); ADaMIG 1.3 flag conventions.

use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use crate::sdtm::tally;
use crate::values::{column, text};
use model::Severity;

pub struct TrtemflNotYOrNull;

static META: RuleMeta = RuleMeta {
    code: "ADM0023",
    name: "trtemfl_not_y_or_null",
    severity: Severity::Error,
    summary: "ADAE TRTEMFL is not Y or null",
    refs: &[],
};

impl Rule for TrtemflNotYOrNull {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, input: &Input) -> bool {
        super::structure(input) == Some(super::Structure::Adae) && input.has("TRTEMFL")
    }

    fn check(&self, _: &Study, input: &Input, out: &mut Sink<'_>) {
        let bad = column(input, "TRTEMFL")
            .filter_map(|(r, v)| Some((r, text(v)?)))
            .filter(|(_, s)| *s != "Y");
        for (value, row, count) in tally(bad) {
            out.record(
                row,
                &[("TRTEMFL", value.to_owned())],
                format!("TRTEMFL `{value}` ({count} records) must be `Y` or null"),
            );
        }
    }
}
