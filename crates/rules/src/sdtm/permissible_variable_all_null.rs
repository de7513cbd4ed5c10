//! ## What it checks
//! A variable the SDTMIG 3.4 marks Permissible (`Perm`) for the dataset's domain is not null
//! in every record. Only domains whose IG table is embedded are checked, and SUPP-- against
//! SUPPQUAL; an empty dataset is SDT0066's. One finding per variable, on the dataset.
//!
//! ## Why it matters
//! A Permissible variable is included when its data were collected or derived; one that is
//! never populated is clutter that reviewers must still read past, and it is usually a
//! template column nobody mapped. Dropping it loses nothing, so a notice.
//!
//! ## Example
//! AE with AESCAT null in every record is reported.
//!
//! ## References
//! SDTMIG 3.4 §4.1.1.5 (Perm variables are included when data were collected); Pinnacle 21
//! SD1078.

use super::Spec;
use super::expected_variable_all_null::check_all_null;
use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use crate::versions::Needs;
use model::{Core, Severity};

pub struct PermissibleVariableAllNull;

static META: RuleMeta = RuleMeta {
    code: "SDT0092",
    name: "permissible_variable_all_null",
    severity: Severity::Notice,
    summary: "a Permissible variable is null in every record",
    refs: &["P21:SD1078"],
};

impl Rule for PermissibleVariableAllNull {
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
        check_all_null(input, out, Core::Perm, "Permissible");
    }
}
