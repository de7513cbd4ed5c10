//! ## What it checks
//! In TS, TSPARM values are at most 40 characters.
//!
//! ## Why it matters
//! TSPARM is the label-like name of a trial summary parameter and shares the 40-character
//! limit of labels; longer values are cut by XPT v5 writers.
//!
//! ## Example
//! A TSPARM of 45 characters is reported.
//!
//! ## References
//! SDTMIG 3.4 §7.6.1 (TS); CDISC conformance rule CG0258; CORE-000148.

use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use crate::values::{column, text};
use model::Severity;

pub struct TsparmTooLong;

static META: RuleMeta = RuleMeta {
    code: "SDT0021",
    name: "tsparm_too_long",
    severity: Severity::Error,
    summary: "TSPARM longer than 40 characters",
    refs: &["CG0258", "CORE-000148"],
};

impl Rule for TsparmTooLong {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, input: &Input) -> bool {
        input.name() == "TS" && input.has("TSPARM")
    }

    fn check(&self, _: &Study, input: &Input, out: &mut Sink<'_>) {
        for (row, v) in column(input, "TSPARM") {
            if let Some(t) = text(v).filter(|t| t.chars().count() > 40) {
                let n = t.chars().count();
                out.record(
                    row,
                    &[("TSPARM", t.to_owned())],
                    format!("TSPARM `{t}` has {n} characters; at most 40 are allowed"),
                );
            }
        }
    }
}
