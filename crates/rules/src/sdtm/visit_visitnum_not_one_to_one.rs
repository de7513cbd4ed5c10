//! ## What it checks
//! Within a dataset, each VISITNUM has one VISIT and each VISIT one VISITNUM. Each
//! conflicting pairing is reported once, at its first record.
//!
//! ## Why it matters
//! VISITNUM orders and VISIT labels the same clinical encounter; a visit number with two
//! names (or a name with two numbers) splits or merges visits in every by-visit table.
//!
//! ## Example
//! `VISITNUM = 3` with `VISIT = "WEEK 2"` in one record and `VISIT = "WK 2"` in another: the
//! first record of each of the two pairings is reported.
//!
//! ## References
//! SDTMIG 3.4 §4.4.5 (clinical encounters and visits) and §7.3.1 (TV).

use super::not_one_to_one;
use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use model::Severity;

pub struct VisitVisitnumNotOneToOne;

static META: RuleMeta = RuleMeta {
    code: "SDT0036",
    name: "visit_visitnum_not_one_to_one",
    severity: Severity::Error,
    summary: "VISIT and VISITNUM are not one-to-one within the dataset",
    refs: &[],
};

impl Rule for VisitVisitnumNotOneToOne {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, input: &Input) -> bool {
        input.has("VISITNUM") && input.has("VISIT")
    }

    fn check(&self, _: &Study, input: &Input, out: &mut Sink<'_>) {
        for p in not_one_to_one(input, "VISITNUM", "VISIT") {
            let others: Vec<String> = p.partners.iter().map(|s| format!("`{s}`")).collect();
            let cells = [("VISITNUM", p.a.clone()), ("VISIT", p.b.clone())];
            if p.a_has_many {
                out.record(
                    p.row,
                    &[cells[1].clone(), cells[0].clone()],
                    format!(
                        "VISITNUM `{}` has several VISIT values: {}",
                        p.a,
                        others.join(", ")
                    ),
                );
            } else {
                out.record(
                    p.row,
                    &cells,
                    format!(
                        "VISIT `{}` has several VISITNUM values: {}",
                        p.b,
                        others.join(", ")
                    ),
                );
            }
        }
    }
}
