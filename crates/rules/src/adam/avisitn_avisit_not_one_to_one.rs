//! ## What it checks
//! In a BDS dataset, AVISITN and AVISIT are one-to-one. Each conflicting pairing is
//! reported once, at its first record.
//!
//! ## Why it matters
//! Visits are ordered by AVISITN and labelled by AVISIT; a number with two names (or a name
//! with two numbers) puts the same visit in two columns of a by-visit table.
//!
//! ## Example
//! `AVISITN = 8` with `AVISIT = "Week 8"` and `"WEEK 8"` is reported.
//!
//! ## References
//! ADaMIG 1.3 §3.2 (BDS timing variables: AVISITN the numeric version of AVISIT).

use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use crate::sdtm::not_one_to_one;
use model::Severity;

pub struct AvisitnAvisitNotOneToOne;

static META: RuleMeta = RuleMeta {
    code: "ADM0016",
    name: "avisitn_avisit_not_one_to_one",
    severity: Severity::Error,
    summary: "AVISITN and AVISIT are not one-to-one",
    refs: &[],
};

impl Rule for AvisitnAvisitNotOneToOne {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, input: &Input) -> bool {
        super::is_adam(input) && input.has("AVISITN") && input.has("AVISIT")
    }

    fn check(&self, _: &Study, input: &Input, out: &mut Sink<'_>) {
        for p in not_one_to_one(input, "AVISITN", "AVISIT") {
            let others: Vec<String> = p.partners.iter().map(|s| format!("`{s}`")).collect();
            if p.a_has_many {
                out.record(
                    p.row,
                    &[("AVISIT", p.b.clone()), ("AVISITN", p.a.clone())],
                    format!(
                        "AVISITN `{}` has several AVISIT values: {}",
                        p.a,
                        others.join(", ")
                    ),
                );
            } else {
                out.record(
                    p.row,
                    &[("AVISITN", p.a.clone()), ("AVISIT", p.b.clone())],
                    format!(
                        "AVISIT `{}` has several AVISITN values: {}",
                        p.b,
                        others.join(", ")
                    ),
                );
            }
        }
    }
}
