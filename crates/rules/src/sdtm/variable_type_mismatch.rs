//! ## What it checks
//! A variable the SDTMIG 3.4 defines has the IG's type: Char or Num. Custom domains are
//! checked through their class template (`XXSTRESN` is Num like `LBSTRESN`). CSV files
//! carry no types and are not checked. One finding per variable, on the dataset.
//!
//! ## Why it matters
//! Tools and define.xml rely on the IG type: a numeric --SEQ stored as text sorts `10`
//! before `2`, a character VISITNUM cannot be compared with TV's.
//!
//! ## Example
//! AESEQ stored as Char is reported.
//!
//! ## References
//! SDTMIG 3.4 §2.4 and the domain specification tables (Type column).

use super::Spec;
use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use crate::versions::Needs;
use model::{Severity, VarType};

pub struct VariableTypeMismatch;

static META: RuleMeta = RuleMeta {
    code: "SDT0074",
    name: "variable_type_mismatch",
    severity: Severity::Error,
    summary: "a variable's type (Char/Num) differs from the SDTMIG",
    refs: &[],
};

fn type_name(t: VarType) -> &'static str {
    match t {
        VarType::Num => "Num",
        _ => "Char",
    }
}

impl Rule for VariableTypeMismatch {
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
        if crate::sdtm::untyped(input) {
            return;
        }
        let Some(spec) = Spec::of(input) else {
            return;
        };
        for var in &input.dataset.meta().variables {
            let Some(vm) = spec.lookup(&var.name) else {
                continue;
            };
            let (want, got) = (type_name(vm.vtype), type_name(var.vtype));
            if want != got {
                out.dataset(
                    &[var.name.as_str()],
                    format!("{} is {got}; the SDTMIG defines it as {want}", var.name),
                );
            }
        }
    }
}
