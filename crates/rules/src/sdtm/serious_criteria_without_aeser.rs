//! ## What it checks
//! In AE, when any seriousness criterion (AESCAN, AESCONG, AESDISAB, AESDTH, AESHOSP,
//! AESLIFE, AESOD, AESMIE) is `Y`, AESER is `Y`.
//!
//! ## Why it matters
//! An event that met a seriousness criterion is serious by definition. AESER = N or null
//! next to a criterion hides a serious adverse event from safety tables.
//!
//! ## Example
//! `AESHOSP = "Y"` with `AESER = "N"` is reported.
//!
//! ## References
//! SDTMIG 3.4 §6.2 (AE); CDISC conformance rule CG0041; CORE-000022.

use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use crate::values::{get, show, text};
use model::Severity;

pub struct SeriousCriteriaWithoutAeser;

const CRITERIA: [&str; 8] = [
    "AESCAN", "AESCONG", "AESDISAB", "AESDTH", "AESHOSP", "AESLIFE", "AESOD", "AESMIE",
];

static META: RuleMeta = RuleMeta {
    code: "SDT0016",
    name: "serious_criteria_without_aeser",
    severity: Severity::Error,
    summary: "a seriousness criterion is Y but AESER is not Y",
    refs: &["CG0041", "CORE-000022"],
};

impl Rule for SeriousCriteriaWithoutAeser {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, input: &Input) -> bool {
        input.name() == "AE" && CRITERIA.iter().any(|c| input.has(c))
    }

    fn check(&self, _: &Study, input: &Input, out: &mut Sink<'_>) {
        for row in 0..input.dataset.len() {
            let met: Vec<&str> = CRITERIA
                .iter()
                .copied()
                .filter(|c| get(input, row, c).and_then(text) == Some("Y"))
                .collect();
            let aeser = get(input, row, "AESER").map(show).unwrap_or_default();
            if !met.is_empty() && aeser.trim() != "Y" {
                let mut cells = vec![("AESER", aeser.clone())];
                cells.extend(met.iter().map(|c| (*c, "Y".to_owned())));
                out.record(
                    row,
                    &cells,
                    format!("{} is Y but AESER is `{aeser}`", met.join(", ")),
                );
            }
        }
    }
}
