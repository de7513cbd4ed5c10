//! ## What it checks
//! In AE, a populated AESER is `Y` or `N`.
//!
//! ## Why it matters
//! AESER answers "is this a serious event?" with the NY codelist subset Y/N; other values
//! (`YES`, `U`) break the serious-event counts.
//!
//! ## Example
//! `AESER = "YES"` is reported.
//!
//! ## References
//! SDTMIG 3.4 §6.2 (AE); CDISC conformance rule CG0387; CORE-000087.

use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use crate::values::{column, text};
use model::Severity;

pub struct AeserNotYOrN;

static META: RuleMeta = RuleMeta {
    code: "SDT0018",
    name: "aeser_not_y_or_n",
    severity: Severity::Error,
    summary: "AESER must be Y or N",
    refs: &["CG0387", "CORE-000087"],
};

impl Rule for AeserNotYOrN {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, input: &Input) -> bool {
        input.name() == "AE" && input.has("AESER")
    }

    fn check(&self, _: &Study, input: &Input, out: &mut Sink<'_>) {
        for (row, v) in column(input, "AESER") {
            if let Some(t) = text(v).filter(|t| !matches!(*t, "Y" | "N")) {
                out.record(
                    row,
                    &[("AESER", t.to_owned())],
                    format!("AESER is `{t}`; it must be Y or N"),
                );
            }
        }
    }
}
