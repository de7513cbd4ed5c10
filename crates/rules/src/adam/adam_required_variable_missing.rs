//! ## What it checks
//! Every variable ADaMIG 1.3 marks Required for the dataset's structure is present: for
//! ADSL STUDYID, USUBJID, SUBJID, SITEID, AGE, AGEU, SEX, RACE, ARM, ACTARM and at least
//! one TRTxxP; for BDS and ADTTE STUDYID, USUBJID, PARAM, PARAMCD; for ADAE STUDYID,
//! USUBJID, AETERM, AEDECOD, AEBODSYS. Placeholder names (`TRTxxP`) are met by any period.
//! One finding per missing variable, on the dataset.
//!
//! ## Why it matters
//! Required variables are what every ADaM-aware program and reviewer relies on; without
//! TRT01P there is no treatment to tabulate by, without PARAMCD no parameter to analyse.
//!
//! ## Example
//! An ADSL without TRT01P (or any TRTxxP) is reported.
//!
//! ## References
//! ADaMIG 1.3 §3.1 (ADSL variables), §3.2 (BDS variables); ADaM BDS for TTE v1.0; ADaM
//! OCCDS v1.1 (Core column `Req`).

use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use crate::versions::Needs;
use model::Severity;
use standards::AdamCore;

pub struct AdamRequiredVariableMissing;

static META: RuleMeta = RuleMeta {
    code: "ADM0002",
    name: "adam_required_variable_missing",
    severity: Severity::Error,
    summary: "a variable ADaMIG marks Required is missing",
    refs: &[],
};

impl Rule for AdamRequiredVariableMissing {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn needs(&self) -> Needs {
        Needs::Ig
    }

    fn applies(&self, input: &Input) -> bool {
        super::structure(input).is_some()
    }

    fn check(&self, _: &Study, input: &Input, out: &mut Sink<'_>) {
        let Some(s) = super::structure(input) else {
            return;
        };
        let Some(ig) = standards::adamig().dataset(s.ig_name()) else {
            return;
        };
        let vars = &input.dataset.meta().variables;
        for v in ig.variables().iter().filter(|v| v.core == AdamCore::Req) {
            if vars.iter().any(|d| v.matches(&d.name)) {
                continue;
            }
            out.dataset(
                &[v.name.as_str()],
                format!(
                    "Required variable {} of ADaMIG 1.3 {} is missing",
                    v.name,
                    s.ig_name()
                ),
            );
        }
    }
}
