//! ## What it checks
//! In a BDS dataset, at most one record per USUBJID and PARAMCD (and BASETYPE, when
//! present) has `ABLFL = "Y"`. Every baseline record of a group with more than one is
//! reported.
//!
//! ## Why it matters
//! BASE is taken from the baseline record; two baseline records give two candidate
//! baselines, and which one BASE holds depends on record order.
//!
//! ## Example
//! Two records of subject `S-1`, parameter `SYSBP`, both with `ABLFL = "Y"`: both are
//! reported.
//!
//! ## References
//! ADaMIG 1.3 §3.2 (ABLFL: baseline record flag, one per subject, parameter and BASETYPE).

use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use crate::values::{column, text};
use model::Severity;
use std::collections::BTreeMap;

pub struct AblflNotUnique;

static META: RuleMeta = RuleMeta {
    code: "ADM0010",
    name: "ablfl_not_unique",
    severity: Severity::Error,
    summary: "more than one ABLFL = Y per USUBJID, PARAMCD (and BASETYPE)",
    refs: &[],
};

impl Rule for AblflNotUnique {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, input: &Input) -> bool {
        super::is_bds(input) && input.has("ABLFL") && input.has("USUBJID")
    }

    fn check(&self, _: &Study, input: &Input, out: &mut Sink<'_>) {
        let mut groups: BTreeMap<(String, String, String), Vec<usize>> = BTreeMap::new();
        for (row, v) in column(input, "ABLFL") {
            if text(v) != Some("Y") {
                continue;
            }
            if let Some(g) = super::baseline_group(input, row) {
                groups.entry(g).or_default().push(row);
            }
        }
        for ((id, param, basetype), rows) in groups.iter().filter(|(_, r)| r.len() > 1) {
            let bt = if basetype.is_empty() {
                String::new()
            } else {
                format!(", BASETYPE `{basetype}`")
            };
            for &row in rows {
                out.record(
                    row,
                    &[
                        ("ABLFL", "Y".to_owned()),
                        ("USUBJID", id.clone()),
                        ("PARAMCD", param.clone()),
                    ],
                    format!(
                        "ABLFL is `Y` on {} records of USUBJID `{id}`, PARAMCD `{param}`{bt}",
                        rows.len()
                    ),
                );
            }
        }
    }
}
