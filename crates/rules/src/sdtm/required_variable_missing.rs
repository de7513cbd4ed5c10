//! ## What it checks
//! Every variable the SDTMIG 3.4 marks Required (`Req`) for the dataset's domain is present:
//! the domain's own table for the embedded domains, SUPPQUAL's for SUPP-- datasets, and for
//! a custom (sponsor-defined) domain the identifiers and topic variable of its class
//! template (`XXSEQ`, `XXTESTCD` on the Findings template). DOMAIN has its own rule
//! (SDT0079) and is not repeated here. One finding per missing variable, on the dataset.
//!
//! ## Why it matters
//! Required variables identify a record and say what it is about; a dataset without one
//! cannot be read or merged the way every downstream program expects.
//!
//! ## Example
//! An AE dataset without AETERM is reported.
//!
//! ## References
//! SDTMIG 3.4 §4.1.1.5 (Req variables must be included) and the domain specification
//! tables; Pinnacle 21 SD0056.

use super::Spec;
use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use crate::versions::Needs;
use model::Severity;

pub struct RequiredVariableMissing;

static META: RuleMeta = RuleMeta {
    code: "SDT0069",
    name: "required_variable_missing",
    severity: Severity::Error,
    summary: "a variable the SDTMIG marks Required is missing from the dataset",
    refs: &["P21:SD0056"],
};

impl Rule for RequiredVariableMissing {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn needs(&self) -> Needs {
        Needs::Ig
    }

    fn applies(&self, input: &Input) -> bool {
        Spec::of(input).is_some_and(|s| s.table.is_some())
    }

    fn check(&self, _: &Study, input: &Input, out: &mut Sink<'_>) {
        let Some(spec) = Spec::of(input) else {
            return;
        };
        let domain = spec.table.map(|t| t.name.as_str()).unwrap_or_default();
        for (name, _) in spec.required() {
            if name == "DOMAIN" || input.has(&name) {
                continue;
            }
            let what = if spec.template {
                format!("the {domain} template of its class")
            } else {
                format!("SDTMIG 3.4 {domain}")
            };
            out.dataset(
                &[name.as_str()],
                format!("Required variable {name} of {what} is missing"),
            );
        }
    }
}
