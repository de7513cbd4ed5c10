//! ## What it checks
//! A dataset is a domain of the SDTMIG 3.4 (by name, or by its DOMAIN value for a split
//! file), a SUPP-- dataset, or a custom domain whose variables show its class (`XXTESTCD`
//! for Findings, `XXTRT` for Interventions, `XXTERM` for Events). Anything else is reported
//! once, as a notice. ADaM datasets (`AD…`) are not SDTM datasets and are not reported.
//!
//! ## Why it matters
//! A dataset the tool cannot place is checked only by the generic rules; it is often a
//! working file submitted by mistake, or a custom domain that lacks its topic variable.
//!
//! ## Example
//! A dataset `LABS` without a `LBTESTCD`-like topic variable is reported.
//!
//! ## References
//! SDTMIG 3.4 §2.6 (creating a new domain) and §4.1.7 (split datasets).

use super::Spec;
use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use crate::versions::Needs;
use model::Severity;

pub struct DatasetNotInIg;

static META: RuleMeta = RuleMeta {
    code: "SDT0080",
    name: "dataset_not_in_ig",
    severity: Severity::Notice,
    summary: "dataset is not an SDTMIG domain, SUPP--, or recognisable custom domain",
    refs: &[],
};

impl Rule for DatasetNotInIg {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn needs(&self) -> Needs {
        Needs::Ig
    }

    fn applies(&self, input: &Input) -> bool {
        Spec::of(input).is_some_and(|s| !s.known)
    }

    fn check(&self, _: &Study, input: &Input, out: &mut Sink<'_>) {
        out.dataset(
            &[],
            format!(
                "Dataset {} is not a domain of SDTMIG 3.4 and shows no general-class topic variable",
                input.name()
            ),
        );
    }
}
