//! ## What it checks
//! Treatment names and their numeric codes are one-to-one: TRTxxP/TRTxxPN and
//! TRTxxA/TRTxxAN in ADSL, TRTP/TRTPN and TRTA/TRTAN in any ADaM dataset. Each conflicting
//! pairing is reported once, at its first record.
//!
//! ## Why it matters
//! Tables sort and label columns by the pair; one name with two codes splits a treatment
//! group, one code with two names merges two.
//!
//! ## Example
//! `TRT01P = "Placebo"` with `TRT01PN = 0` for one subject and `1` for another is reported.
//!
//! ## References
//! ADaMIG 1.3 §3.1 (treatment variables, `*N` numeric versions one-to-one) and §3.2.

use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use crate::sdtm::not_one_to_one;
use model::Severity;

pub struct TreatmentNotOneToOne;

static META: RuleMeta = RuleMeta {
    code: "ADM0006",
    name: "treatment_not_one_to_one",
    severity: Severity::Error,
    summary: "a treatment variable and its numeric version (TRTxxP/TRTxxPN ...) are not one-to-one",
    refs: &[],
};

fn pairs(input: &Input) -> Vec<(String, String)> {
    input
        .dataset
        .meta()
        .variables
        .iter()
        .filter_map(|v| {
            let n = v.name.to_ascii_uppercase();
            let is_trt = n == "TRTP"
                || n == "TRTA"
                || (n.len() == 6
                    && n.starts_with("TRT")
                    && n.as_bytes()[3..5].iter().all(|b| b.is_ascii_digit())
                    && (n.ends_with('P') || n.ends_with('A')));
            let code = format!("{}N", v.name);
            (is_trt && input.has(&code)).then(|| (v.name.clone(), code))
        })
        .collect()
}

impl Rule for TreatmentNotOneToOne {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, input: &Input) -> bool {
        super::is_adam(input) && !pairs(input).is_empty()
    }

    fn check(&self, _: &Study, input: &Input, out: &mut Sink<'_>) {
        for (name, code) in pairs(input) {
            for p in not_one_to_one(input, &name, &code) {
                let others: Vec<String> = p.partners.iter().map(|s| format!("`{s}`")).collect();
                let (var, val, msg) = if p.a_has_many {
                    (
                        &name,
                        &p.a,
                        format!(
                            "{name} `{}` has several {code} values: {}",
                            p.a,
                            others.join(", ")
                        ),
                    )
                } else {
                    (
                        &code,
                        &p.b,
                        format!(
                            "{code} `{}` has several {name} values: {}",
                            p.b,
                            others.join(", ")
                        ),
                    )
                };
                out.record(p.row, &[(var.as_str(), val.clone())], msg);
            }
        }
    }
}
