//! ## What it checks
//! A record with `--STAT = "NOT DONE"` has no result in --ORRES.
//!
//! ## Why it matters
//! NOT DONE says there is no result; a record that also carries one contradicts itself, and
//! either the status or the result is wrong.
//!
//! ## Example
//! `VSSTAT = "NOT DONE"`, `VSORRES = "120"` is reported.
//!
//! ## References
//! SDTMIG 3.4 §4.5.1.2 (tests not done) and §6.3 (Findings: --STAT, --ORRES).

use super::var;
use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use crate::values::{column, get, text};
use model::Severity;

pub struct NotDoneWithResult;

static META: RuleMeta = RuleMeta {
    code: "SDT0046",
    name: "not_done_with_result",
    severity: Severity::Error,
    summary: "--STAT is NOT DONE but --ORRES has a result",
    refs: &[],
};

impl Rule for NotDoneWithResult {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, input: &Input) -> bool {
        var(input, "STAT").is_some() && var(input, "ORRES").is_some()
    }

    fn check(&self, _: &Study, input: &Input, out: &mut Sink<'_>) {
        let (Some(stat), Some(orres)) = (var(input, "STAT"), var(input, "ORRES")) else {
            return;
        };
        for (row, v) in column(input, &stat) {
            if !text(v).is_some_and(|s| s.eq_ignore_ascii_case("NOT DONE")) {
                continue;
            }
            if let Some(result) = get(input, row, &orres).and_then(text) {
                out.record(
                    row,
                    &[
                        (orres.as_str(), result.to_owned()),
                        (stat.as_str(), "NOT DONE".to_owned()),
                    ],
                    format!("{stat} is `NOT DONE` but {orres} is `{result}`"),
                );
            }
        }
    }
}
