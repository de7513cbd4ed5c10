//! ## What it checks
//! A record with a reason in --REASND has `--STAT = "NOT DONE"`.
//!
//! ## Why it matters
//! --REASND explains why a test or event was not done; on a record that was done it is
//! either stale or the status was not set.
//!
//! ## Example
//! `LBREASND = "SAMPLE HEMOLYZED"` with `LBSTAT` null is reported.
//!
//! ## References
//! SDTMIG 3.4 §4.5.1.2 (tests not done: --STAT, --REASND).

use super::var;
use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use crate::values::{column, get, show, text};
use model::Severity;

pub struct ReasndWithoutNotDone;

static META: RuleMeta = RuleMeta {
    code: "SDT0047",
    name: "reasnd_without_not_done",
    severity: Severity::Error,
    summary: "--REASND is populated but --STAT is not NOT DONE",
    refs: &[],
};

impl Rule for ReasndWithoutNotDone {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, input: &Input) -> bool {
        var(input, "REASND").is_some() && var(input, "STAT").is_some()
    }

    fn check(&self, _: &Study, input: &Input, out: &mut Sink<'_>) {
        let (Some(reasnd), Some(stat)) = (var(input, "REASND"), var(input, "STAT")) else {
            return;
        };
        for (row, v) in column(input, &reasnd) {
            let Some(reason) = text(v) else { continue };
            let s = get(input, row, &stat).map(show).unwrap_or_default();
            if !s.trim().eq_ignore_ascii_case("NOT DONE") {
                out.record(
                    row,
                    &[
                        (reasnd.as_str(), reason.to_owned()),
                        (stat.as_str(), s.clone()),
                    ],
                    format!("{reasnd} is `{reason}` but {stat} is `{}`", s.trim()),
                );
            }
        }
    }
}
