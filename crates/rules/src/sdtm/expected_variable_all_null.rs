//! ## What it checks
//! A variable the SDTMIG 3.4 marks Expected (`Exp`) for the dataset's domain is not null in
//! every record. Only domains whose IG table is embedded are checked, and SUPP-- against
//! SUPPQUAL; an empty dataset is SDT0066's. One finding per variable, on the dataset.
//! Expected variables the IG itself says are null throughout a normal study are left alone:
//! DM's ARMNRS and ACTARMUD (every subject assigned and treated as planned), SUPPDM's IDVAR
//! and IDVARVAL (DM has one record per subject), QEVAL (data collected, not evaluated),
//! TA's TATRANS (no branches) and TV's ARMCD (one visit schedule for every arm).
//!
//! ## Why it matters
//! An Expected variable that is never populated says that its data were not collected or
//! were lost in mapping (AEDECOD without MedDRA coding, LBSTRESC never derived). Both are
//! allowed, so a warning; reviewers look for the reason in the reviewer's guide.
//!
//! ## Example
//! AE with AESER null in every record is reported.
//!
//! ## References
//! SDTMIG 3.4 §4.1.1.5 (Exp variables may be null), §5.2 DM assumptions (ARMNRS,
//! ACTARMUD), §8.4 SUPPQUAL (IDVAR for SUPPDM, QEVAL), §7.2 TA and §7.3 TV assumptions
//! (TATRANS, ARMCD); Pinnacle 21 SD1149.

use super::Spec;
use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use crate::versions::Needs;
use model::{Core, Severity};

pub struct ExpectedVariableAllNull;

static META: RuleMeta = RuleMeta {
    code: "SDT0091",
    name: "expected_variable_all_null",
    severity: Severity::Warning,
    summary: "an Expected variable is null in every record",
    refs: &["P21:SD1149"],
};

/// Reports each variable of the dataset's own IG table with designation `core` that is
/// present and null in every record; `what` names the designation.
pub(crate) fn check_all_null(input: &Input, out: &mut Sink<'_>, core: Core, what: &str) {
    let Some(table) = Spec::of(input).and_then(|s| s.exact()) else {
        return;
    };
    if input.dataset.is_empty() {
        return;
    }
    for (col, var) in input.dataset.meta().variables.iter().enumerate() {
        if table.variable(&var.name).is_none_or(|v| v.core != core)
            || null_by_design(input.name(), &var.name)
        {
            continue;
        }
        let all_null = input
            .dataset
            .rows()
            .all(|r| r.get(col).is_none_or(|v| v.is_null()));
        if all_null {
            out.dataset(
                &[var.name.as_str()],
                format!(
                    "{what} variable {} of SDTMIG 3.4 {} is null in all {} records",
                    var.name,
                    table.name,
                    input.dataset.len()
                ),
            );
        }
    }
}

/// Variables the IG's assumptions leave null in every record of a normal study.
fn null_by_design(dataset: &str, var: &str) -> bool {
    matches!(
        (dataset.to_ascii_uppercase().as_str(), var),
        ("DM", "ARMNRS" | "ACTARMUD")
            | ("SUPPDM", "IDVAR" | "IDVARVAL")
            | ("TA", "TATRANS")
            | ("TV", "ARMCD")
    ) || var == "QEVAL"
}

impl Rule for ExpectedVariableAllNull {
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
        check_all_null(input, out, Core::Exp, "Expected");
    }
}
