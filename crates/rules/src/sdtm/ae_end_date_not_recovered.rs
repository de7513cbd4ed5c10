//! ## What it checks
//! An AE record whose outcome is `AEOUT = "NOT RECOVERED/NOT RESOLVED"` has no end date:
//! AEENDTC is null. Each such record with AEENDTC populated is reported.
//!
//! ## Why it matters
//! An event that has not resolved has not ended. One of the two is wrong, and they feed
//! different analyses: duration and ongoing-at-end-of-study tables use AEENDTC, outcome
//! tables use AEOUT. A warning, not an error: either value may be the one to fix, and
//! only the source tells which.
//!
//! ## Example
//! `AEOUT = "NOT RECOVERED/NOT RESOLVED"` with `AEENDTC = "2016-03-20"` is reported; with
//! AEENDTC null, or with `AEOUT = "RECOVERED/RESOLVED"`, it is not.
//!
//! ## References
//! SDTMIG 3.4 §6.2 (AE: AEOUT, AEENDTC); CDISC CT OUT codelist; Pinnacle 21 SD1332.

use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use crate::values::{column, get, text};
use model::Severity;

pub struct AeEndDateNotRecovered;

static META: RuleMeta = RuleMeta {
    code: "SDT0084",
    name: "ae_end_date_not_recovered",
    severity: Severity::Warning,
    summary: "AEENDTC is populated but AEOUT says the event has not resolved",
    refs: &["P21:SD1332"],
};

const NOT_RECOVERED: &str = "NOT RECOVERED/NOT RESOLVED";

impl Rule for AeEndDateNotRecovered {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, input: &Input) -> bool {
        super::prefix(input) == "AE" && input.has("AEOUT") && input.has("AEENDTC")
    }

    fn check(&self, _: &Study, input: &Input, out: &mut Sink<'_>) {
        for (row, v) in column(input, "AEOUT") {
            if text(v) != Some(NOT_RECOVERED) {
                continue;
            }
            let Some(end) = get(input, row, "AEENDTC").and_then(text) else {
                continue;
            };
            out.record(
                row,
                &[
                    ("AEENDTC", end.to_owned()),
                    ("AEOUT", NOT_RECOVERED.to_owned()),
                ],
                format!("AEENDTC is `{end}` but AEOUT is `{NOT_RECOVERED}`"),
            );
        }
    }
}
