//! ## What it checks
//! In DM, each ARMCD has one ARM and each ARM one ARMCD; likewise ACTARMCD and ACTARM. Each
//! conflicting pairing is reported once, at its first record.
//!
//! ## Why it matters
//! ARMCD is the code analyses group by and ARM the name tables print; when they are not
//! one-to-one, subjects land in different groups depending on which variable a program uses.
//!
//! ## Example
//! `ARMCD = "PBO"` with `ARM = "Placebo"` for one subject and `ARM = "PLACEBO"` for another:
//! the first record of each pairing is reported.
//!
//! ## References
//! SDTMIG 3.4 §5.2 (DM: ARM, ARMCD, ACTARM, ACTARMCD) and §7.2.1 (TA).

use super::not_one_to_one;
use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use model::Severity;

pub struct ArmArmcdNotOneToOne;

static META: RuleMeta = RuleMeta {
    code: "SDT0041",
    name: "arm_armcd_not_one_to_one",
    severity: Severity::Error,
    summary: "ARM and ARMCD (or ACTARM and ACTARMCD) are not one-to-one in DM",
    refs: &[],
};

const PAIRS: [(&str, &str); 2] = [("ARMCD", "ARM"), ("ACTARMCD", "ACTARM")];

impl Rule for ArmArmcdNotOneToOne {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, input: &Input) -> bool {
        input.name() == "DM" && PAIRS.iter().any(|(c, n)| input.has(c) && input.has(n))
    }

    fn check(&self, _: &Study, input: &Input, out: &mut Sink<'_>) {
        for (code, name) in PAIRS {
            for p in not_one_to_one(input, code, name) {
                let others: Vec<String> = p.partners.iter().map(|s| format!("`{s}`")).collect();
                if p.a_has_many {
                    out.record(
                        p.row,
                        &[(name, p.b.clone()), (code, p.a.clone())],
                        format!(
                            "{code} `{}` has several {name} values: {}",
                            p.a,
                            others.join(", ")
                        ),
                    );
                } else {
                    out.record(
                        p.row,
                        &[(code, p.a.clone()), (name, p.b.clone())],
                        format!(
                            "{name} `{}` has several {code} values: {}",
                            p.b,
                            others.join(", ")
                        ),
                    );
                }
            }
        }
    }
}
