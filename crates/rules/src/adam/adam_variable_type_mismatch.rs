//! ## What it checks
//! A variable ADaMIG 1.3 defines for the dataset's structure (ADSL, BDS, ADTTE, ADAE) has
//! the IG's type: AVAL, BASE, CHG, ADT, TRTSDT, AGE numeric; AVALC, PARAMCD, flags
//! character. Placeholder names (`TRTxxPN`) match any index. CSV files carry no types and
//! are not checked. One finding per variable, on the dataset.
//!
//! ## Why it matters
//! Analysis programs compute on AVAL and compare dates as numbers; a character AVAL or a
//! text date cannot be summarised or windowed.
//!
//! ## Example
//! `AVAL` stored as Char is reported.
//!
//! ## References
//! ADaMIG 1.3 §3.1 and §3.2 (Type column of the variable tables).

use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use crate::versions::Needs;
use model::{Severity, VarType};

pub struct AdamVariableTypeMismatch;

static META: RuleMeta = RuleMeta {
    code: "ADM0033",
    name: "adam_variable_type_mismatch",
    severity: Severity::Error,
    summary: "a variable's type (Char/Num) differs from the ADaMIG",
    refs: &[],
};

fn type_name(t: VarType) -> &'static str {
    match t {
        VarType::Num => "Num",
        _ => "Char",
    }
}

impl Rule for AdamVariableTypeMismatch {
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
        if crate::sdtm::untyped(input) {
            return;
        }
        let Some(ig) =
            super::structure(input).and_then(|s| standards::adamig().dataset(s.ig_name()))
        else {
            return;
        };
        for var in &input.dataset.meta().variables {
            let Some(av) = ig.variable(&var.name.to_ascii_uppercase()) else {
                continue;
            };
            let (want, got) = (type_name(av.vtype), type_name(var.vtype));
            if want != got {
                out.dataset(
                    &[var.name.as_str()],
                    format!("{} is {got}; ADaMIG 1.3 defines it as {want}", var.name),
                );
            }
        }
    }
}
