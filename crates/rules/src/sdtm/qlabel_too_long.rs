//! ## What it checks
//! In SUPP-- datasets, QLABEL is at most 40 characters.
//!
//! ## Why it matters
//! QLABEL becomes the variable label when the qualifier is merged onto its parent domain,
//! and labels hold 40 characters.
//!
//! ## Example
//! A QLABEL of 52 characters is reported.
//!
//! ## References
//! SDTMIG 3.4 §8.4.1 (SUPP--); CDISC conformance rule CG0416; CORE-000222.

use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use crate::values::{column, text};
use model::Severity;

pub struct QlabelTooLong;

static META: RuleMeta = RuleMeta {
    code: "SDT0026",
    name: "qlabel_too_long",
    severity: Severity::Error,
    summary: "QLABEL longer than 40 characters",
    refs: &["CG0416", "CORE-000222"],
};

impl Rule for QlabelTooLong {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, input: &Input) -> bool {
        super::is_supp(input) && input.has("QLABEL")
    }

    fn check(&self, _: &Study, input: &Input, out: &mut Sink<'_>) {
        for (row, v) in column(input, "QLABEL") {
            let Some(raw) = v.as_str().filter(|_| text(v).is_some()) else {
                continue;
            };
            let n = raw.chars().count();
            if n > 40 {
                out.record(
                    row,
                    &[("QLABEL", raw.to_owned())],
                    format!("QLABEL `{raw}` has {n} characters; at most 40 are allowed"),
                );
            }
        }
    }
}
