//! ## What it checks
//! In a general-class domain of the SDTMIG 3.4 (AE, CM, LB ...), each variable that the
//! SDTM model allows for the class but the domain's IG table does not list is reported:
//! `VISITNUM` or `AELAT` in AE, `CMDOSRGM` in CM. Variables the model does not
//! allow at all are SDT0072's; custom domains and domains whose table is not embedded have
//! no list to compare with and are not checked. One finding per variable, on the dataset.
//!
//! ## Why it matters
//! The SDTMIG lets a sponsor add a model variable to a standard domain, but reviewers
//! expect each such addition to be deliberate and described in define.xml; an unlisted
//! variable is often a leftover of the mapping (VISITNUM carried into AE). A warning, as
//! the variable is allowed.
//!
//! ## Example
//! `VISITNUM` in AE is reported (the AE table does not list it); `AESPID` is not (it does).
//!
//! ## References
//! SDTMIG 3.4 §2.6 and §4.1.1.3 (adding model variables to a standard domain); SDTM v2.0
//! general observation classes; Pinnacle 21 SD1076.

use super::Spec;
use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use crate::versions::Needs;
use model::Severity;

pub struct ModelVariableNotInDomain;

static META: RuleMeta = RuleMeta {
    code: "SDT0085",
    name: "model_variable_not_in_domain",
    severity: Severity::Warning,
    summary: "an SDTM model variable the domain's SDTMIG table does not list was added to it",
    refs: &["P21:SD1076"],
};

impl Rule for ModelVariableNotInDomain {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn needs(&self) -> Needs {
        Needs::Ig
    }

    fn applies(&self, input: &Input) -> bool {
        Spec::of(input).is_some_and(|s| s.exact().is_some() && s.is_general())
    }

    fn check(&self, _: &Study, input: &Input, out: &mut Sink<'_>) {
        let Some(spec) = Spec::of(input) else {
            return;
        };
        let Some(table) = spec.exact() else {
            return;
        };
        for var in &input.dataset.meta().variables {
            if table.variable(&var.name).is_some() || !spec.model_allows(&var.name) {
                continue;
            }
            out.dataset(
                &[var.name.as_str()],
                format!(
                    "{} is an SDTM model variable but not one of SDTMIG 3.4 {}",
                    var.name, table.name
                ),
            );
        }
    }
}
