//! ## What it checks
//! Each PARAMCD value of a BDS dataset (including ADTTE) is at most 8 characters, starts
//! with a letter or underscore, and has only letters, digits and underscores, so it can be
//! a SAS variable name when the data are transposed. Each distinct bad value is reported
//! once, at its first record, with its count.
//!
//! ## Why it matters
//! Parameter codes become column names in transposed datasets and program variables; a
//! code like `SYS-BP` or `SYSTOLICBP` breaks those programs.
//!
//! ## Example
//! `PARAMCD = "SYS BP"` and `PARAMCD = "SYSTOLICBP"` are reported.
//!
//! ## References
//! ADaMIG 1.3 §3.2 (PARAMCD: at most 8 characters, a valid SAS variable name).

use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use crate::sdtm::tally;
use crate::values::{column, text};
use model::Severity;

pub struct ParamcdInvalid;

static META: RuleMeta = RuleMeta {
    code: "ADM0008",
    name: "paramcd_invalid",
    severity: Severity::Error,
    summary: "PARAMCD is longer than 8 characters or not a valid SAS name",
    refs: &[],
};

fn valid(s: &str) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && b.len() <= 8
        && (b[0].is_ascii_alphabetic() || b[0] == b'_')
        && b.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'_')
}

impl Rule for ParamcdInvalid {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, input: &Input) -> bool {
        super::is_bds(input)
    }

    fn check(&self, _: &Study, input: &Input, out: &mut Sink<'_>) {
        let bad = column(input, "PARAMCD")
            .filter_map(|(r, v)| Some((r, text(v)?)))
            .filter(|(_, s)| !valid(s));
        for (value, row, count) in tally(bad) {
            out.record(
                row,
                &[("PARAMCD", value.to_owned())],
                format!(
                    "PARAMCD `{value}` ({count} records) is not a SAS name of at most 8 characters ({} characters)",
                    value.chars().count()
                ),
            );
        }
    }
}
