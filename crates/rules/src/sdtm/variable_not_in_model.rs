//! ## What it checks
//! Every variable of a dataset is defined for it: in the domain's SDTMIG 3.4 table (SUPP--
//! against SUPPQUAL), or — in the general-class domains (Interventions, Events, Findings),
//! including custom domains and standard domains whose table is not embedded — among the
//! SDTM model's variables for that class, with the domain prefix (`--GRPID`, `--SPID`,
//! `--LNKID`, `--TPT`, `--DUR`, `--ORRES`...) or as they are (`EPOCH`, `TAETORD`,
//! `VISITNUM`). Special-purpose and trial-design domains that are not embedded are not
//! checked. One finding per variable, on the dataset.
//!
//! ## Why it matters
//! Sponsor variables that the model does not define belong in SUPP--; in the parent domain
//! they are invisible to standard tools and rejected by review software.
//!
//! ## Example
//! `AEFOO` in AE is reported; `AESPID`, `EPOCH` and `AELNKID` are not.
//!
//! ## References
//! SDTMIG 3.4 §2.6 (creating a new domain), §4.1.1.3 (variables not in the model go in
//! SUPP--); SDTM v2.0 general observation classes; Pinnacle 21 SD0058.

use super::Spec;
use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use crate::versions::Needs;
use model::Severity;

pub struct VariableNotInModel;

static META: RuleMeta = RuleMeta {
    code: "SDT0072",
    name: "variable_not_in_model",
    severity: Severity::Warning,
    summary: "a variable is neither in the domain's SDTMIG table nor allowed by the SDTM model",
    refs: &["P21:SD0058"],
};

impl Rule for VariableNotInModel {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn needs(&self) -> Needs {
        Needs::Ig
    }

    fn applies(&self, input: &Input) -> bool {
        Spec::of(input).is_some_and(|s| s.exact().is_some() || s.is_general())
    }

    fn check(&self, _: &Study, input: &Input, out: &mut Sink<'_>) {
        let Some(spec) = Spec::of(input) else {
            return;
        };
        let own = spec.exact();
        for var in &input.dataset.meta().variables {
            let listed = own.is_some_and(|t| t.variable(&var.name).is_some());
            if listed || spec.model_allows(&var.name) {
                continue;
            }
            let place = match own {
                Some(t) => format!("SDTMIG 3.4 {}", t.name),
                None => format!("the SDTM model for {}", spec.prefix),
            };
            out.dataset(
                &[var.name.as_str()],
                format!("{} is not a variable of {place}", var.name),
            );
        }
    }
}
