//! ## What it checks
//! In DS, when DSTERM is `COMPLETED`, DSDECOD is `COMPLETED` too.
//!
//! ## Why it matters
//! DSDECOD is the controlled term analyses count; a completed subject decoded as something
//! else changes completion rates.
//!
//! ## Example
//! `DSTERM = "COMPLETED"`, `DSDECOD = "ADVERSE EVENT"` is reported.
//!
//! ## References
//! SDTMIG 3.4 §6.2 (DS); CDISC conformance rule CG0065; CORE-000033.

use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use crate::values::{column, get, show, text};
use model::Severity;

pub struct CompletedDstermDsdecod;

static META: RuleMeta = RuleMeta {
    code: "SDT0017",
    name: "completed_dsterm_dsdecod",
    severity: Severity::Error,
    summary: "DSTERM is COMPLETED but DSDECOD is not",
    refs: &["CG0065", "CORE-000033"],
};

impl Rule for CompletedDstermDsdecod {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, input: &Input) -> bool {
        input.name() == "DS" && input.has("DSTERM")
    }

    fn check(&self, _: &Study, input: &Input, out: &mut Sink<'_>) {
        for (row, v) in column(input, "DSTERM") {
            if text(v) != Some("COMPLETED") {
                continue;
            }
            let decod = get(input, row, "DSDECOD").map(show).unwrap_or_default();
            if decod.trim() != "COMPLETED" {
                out.record(
                    row,
                    &[("DSDECOD", decod.clone()), ("DSTERM", "COMPLETED".into())],
                    format!("DSTERM is COMPLETED but DSDECOD is `{decod}`"),
                );
            }
        }
    }
}
