//! ## What it checks
//! In AE, a record with `AESER = "Y"` has at least one seriousness criterion `Y` (AESCAN,
//! AESCONG, AESDISAB, AESDTH, AESHOSP, AESLIFE, AESOD, AESMIE), when AE has any of them.
//!
//! ## Why it matters
//! Serious events are reported to regulators by criterion; a serious event with none says
//! the criteria were not collected or not mapped.
//!
//! ## Example
//! `AESER = "Y"` with AESHOSP, AESDTH ... all `N` or null is reported.
//!
//! ## References
//! SDTMIG 3.4 §6.2 (AE: AESER and the seriousness criteria).

use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use crate::values::{column, get, text};
use model::Severity;

pub struct SeriousAeWithoutCriterion;

const CRITERIA: [&str; 8] = [
    "AESCAN", "AESCONG", "AESDISAB", "AESDTH", "AESHOSP", "AESLIFE", "AESOD", "AESMIE",
];

static META: RuleMeta = RuleMeta {
    code: "SDT0062",
    name: "serious_ae_without_criterion",
    severity: Severity::Warning,
    summary: "AESER is Y but no seriousness criterion is Y",
    refs: &[],
};

impl Rule for SeriousAeWithoutCriterion {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, input: &Input) -> bool {
        input.name() == "AE" && input.has("AESER") && CRITERIA.iter().any(|c| input.has(c))
    }

    fn check(&self, _: &Study, input: &Input, out: &mut Sink<'_>) {
        let present: Vec<&str> = CRITERIA.iter().copied().filter(|c| input.has(c)).collect();
        for (row, v) in column(input, "AESER") {
            if text(v) != Some("Y") {
                continue;
            }
            if !present
                .iter()
                .any(|c| get(input, row, c).and_then(text) == Some("Y"))
            {
                out.record(
                    row,
                    &[("AESER", "Y".to_owned())],
                    format!("AESER is `Y` but none of {} is `Y`", present.join(", ")),
                );
            }
        }
    }
}
