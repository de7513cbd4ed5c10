//! ## What it checks
//! Each PARAM value of a BDS dataset (including ADTTE) is at most 200 characters. Each
//! distinct long value is reported once, at its first record, with its count.
//!
//! ## Why it matters
//! PARAM must fit a SAS version 5 transport character variable (200 bytes); a longer
//! description is truncated on export and may no longer tell parameters apart.
//!
//! ## Example
//! A PARAM of 230 characters is reported.
//!
//! ## References
//! ADaMIG 1.3 §3.2 (PARAM: at most 200 characters).

use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use crate::sdtm::tally;
use crate::values::{column, text};
use model::Severity;

pub struct ParamTooLong;

static META: RuleMeta = RuleMeta {
    code: "ADM0009",
    name: "param_too_long",
    severity: Severity::Error,
    summary: "PARAM is longer than 200 characters",
    refs: &[],
};

impl Rule for ParamTooLong {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, input: &Input) -> bool {
        super::is_bds(input) && input.has("PARAM")
    }

    fn check(&self, _: &Study, input: &Input, out: &mut Sink<'_>) {
        let long = column(input, "PARAM")
            .filter_map(|(r, v)| Some((r, text(v)?)))
            .filter(|(_, s)| s.len() > 200);
        for (value, row, count) in tally(long) {
            out.record(
                row,
                &[("PARAM", value.to_owned())],
                format!(
                    "PARAM `{value}` ({count} records) has {} bytes, more than 200",
                    value.len()
                ),
            );
        }
    }
}
