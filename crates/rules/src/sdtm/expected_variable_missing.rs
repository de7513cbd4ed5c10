//! ## What it checks
//! Every variable the SDTMIG 3.4 marks Expected (`Exp`) for the dataset's domain is present
//! (it may be null). Only domains whose IG table is embedded are checked, and SUPP-- against
//! SUPPQUAL; custom domains are not, since which Expected variables apply depends on the
//! domain. One finding per missing variable, on the dataset.
//!
//! ## Why it matters
//! Expected variables are needed to interpret a record (AESTDTC, LBORRES): when the
//! information was not collected the variable is still included, null, so reviewers can see
//! that rather than wonder whether it was lost in mapping.
//!
//! ## Example
//! An AE dataset without AESTDTC is reported.
//!
//! ## References
//! SDTMIG 3.4 §4.1.1.5 (Exp variables must be included, may be null); Pinnacle 21 SD0057.

use super::Spec;
use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use crate::versions::Needs;
use model::{Core, Severity};

pub struct ExpectedVariableMissing;

static META: RuleMeta = RuleMeta {
    code: "SDT0071",
    name: "expected_variable_missing",
    severity: Severity::Warning,
    summary: "a variable the SDTMIG marks Expected is missing from the dataset",
    refs: &["P21:SD0057"],
};

impl Rule for ExpectedVariableMissing {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn needs(&self) -> Needs {
        Needs::Ig
    }

    fn applies(&self, input: &Input) -> bool {
        Spec::of(input).is_some_and(|s| s.exact().is_some())
    }

    fn check(&self, _: &Study, input: &Input, out: &mut Sink<'_>) {
        let Some(table) = Spec::of(input).and_then(|s| s.exact()) else {
            return;
        };
        for v in table.variables().iter().filter(|v| v.core == Core::Exp) {
            if !input.has(&v.name) {
                out.dataset(
                    &[v.name.as_str()],
                    format!(
                        "Expected variable {} of SDTMIG 3.4 {} is missing",
                        v.name, table.name
                    ),
                );
            }
        }
    }
}
