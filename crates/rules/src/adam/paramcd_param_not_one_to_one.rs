//! ## What it checks
//! In a BDS dataset (including ADTTE), PARAMCD and PARAM are one-to-one. Each conflicting
//! pairing is reported once, at its first record.
//!
//! ## Why it matters
//! A parameter is analysed by PARAMCD and printed by PARAM; when they are not one-to-one a
//! table's row label can describe a different parameter than its numbers.
//!
//! ## Example
//! `PARAMCD = "SYSBP"` with `PARAM = "Systolic BP (mmHg)"` and `"Systolic Blood Pressure
//! (mmHg)"` is reported.
//!
//! ## References
//! ADaMIG 1.3 §3.2 (BDS parameter variables: PARAMCD one-to-one with PARAM).

use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use crate::sdtm::not_one_to_one;
use model::Severity;

pub struct ParamcdParamNotOneToOne;

static META: RuleMeta = RuleMeta {
    code: "ADM0007",
    name: "paramcd_param_not_one_to_one",
    severity: Severity::Error,
    summary: "PARAMCD and PARAM are not one-to-one",
    refs: &[],
};

impl Rule for ParamcdParamNotOneToOne {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, input: &Input) -> bool {
        super::is_bds(input) && input.has("PARAM")
    }

    fn check(&self, _: &Study, input: &Input, out: &mut Sink<'_>) {
        for p in not_one_to_one(input, "PARAMCD", "PARAM") {
            let others: Vec<String> = p.partners.iter().map(|s| format!("`{s}`")).collect();
            if p.a_has_many {
                out.record(
                    p.row,
                    &[("PARAM", p.b.clone()), ("PARAMCD", p.a.clone())],
                    format!(
                        "PARAMCD `{}` has several PARAM values: {}",
                        p.a,
                        others.join(", ")
                    ),
                );
            } else {
                out.record(
                    p.row,
                    &[("PARAMCD", p.a.clone()), ("PARAM", p.b.clone())],
                    format!(
                        "PARAM `{}` has several PARAMCD values: {}",
                        p.b,
                        others.join(", ")
                    ),
                );
            }
        }
    }
}
