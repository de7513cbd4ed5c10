//! ## What it checks
//! In a BDS dataset, where AVAL, BASE and PCHG are populated, PCHG = 100 × (AVAL − BASE) /
//! BASE to a relative tolerance of 1e-9; when BASE is 0, PCHG is null. Every disagreeing
//! record is reported.
//!
//! ## Why it matters
//! Percent change is undefined for a zero baseline and a wrong percent change is a wrong
//! endpoint; both usually come from a derivation that ran on an earlier BASE.
//!
//! ## Example
//! `AVAL = 110`, `BASE = 100`, `PCHG = 11` is reported; `PCHG = 10` is not.
//!
//! ## References
//! ADaMIG 1.3 §3.2 (PCHG = 100 × CHG / BASE).

use super::{num, show_num};
use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use model::Severity;

pub struct PchgIncorrect;

static META: RuleMeta = RuleMeta {
    code: "ADM0013",
    name: "pchg_incorrect",
    severity: Severity::Error,
    summary: "PCHG is not 100 × (AVAL − BASE) / BASE, or is populated when BASE is 0",
    refs: &[],
};

impl Rule for PchgIncorrect {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, input: &Input) -> bool {
        super::is_bds(input) && input.has("PCHG") && input.has("AVAL") && input.has("BASE")
    }

    fn check(&self, _: &Study, input: &Input, out: &mut Sink<'_>) {
        for row in 0..input.dataset.len() {
            let (Some(aval), Some(base), Some(pchg)) = (
                num(input, row, "AVAL"),
                num(input, row, "BASE"),
                num(input, row, "PCHG"),
            ) else {
                continue;
            };
            let cells = [
                ("PCHG", show_num(pchg)),
                ("AVAL", show_num(aval)),
                ("BASE", show_num(base)),
            ];
            if base == 0.0 {
                out.record(
                    row,
                    &cells,
                    format!("PCHG `{}` is populated but BASE is `0`", show_num(pchg)),
                );
                continue;
            }
            let want = 100.0 * (aval - base) / base;
            if !super::chg_incorrect::close(pchg, want) {
                out.record(
                    row,
                    &cells,
                    format!(
                        "PCHG `{}` is not 100 × (AVAL `{}` − BASE `{}`) / BASE = `{}`",
                        show_num(pchg),
                        show_num(aval),
                        show_num(base),
                        show_num(want)
                    ),
                );
            }
        }
    }
}
