//! ## What it checks
//! In a BDS dataset, where AVAL, BASE and CHG are all populated, CHG = AVAL − BASE, to a
//! relative tolerance of 1e-9 (so stored floating point noise is not reported). Every
//! disagreeing record is reported.
//!
//! ## Why it matters
//! Change from baseline is the endpoint of most continuous analyses; a wrong CHG is a wrong
//! result, typically from BASE being updated after CHG was derived.
//!
//! ## Example
//! `AVAL = 130`, `BASE = 120`, `CHG = 12` is reported.
//!
//! ## References
//! ADaMIG 1.3 §3.2 (CHG = AVAL − BASE).

use super::{num, show_num};
use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use model::Severity;

pub struct ChgIncorrect;

static META: RuleMeta = RuleMeta {
    code: "ADM0012",
    name: "chg_incorrect",
    severity: Severity::Error,
    summary: "CHG is not AVAL − BASE",
    refs: &[],
};

pub(crate) fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

impl Rule for ChgIncorrect {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, input: &Input) -> bool {
        super::is_bds(input) && input.has("CHG") && input.has("AVAL") && input.has("BASE")
    }

    fn check(&self, _: &Study, input: &Input, out: &mut Sink<'_>) {
        for row in 0..input.dataset.len() {
            let (Some(aval), Some(base), Some(chg)) = (
                num(input, row, "AVAL"),
                num(input, row, "BASE"),
                num(input, row, "CHG"),
            ) else {
                continue;
            };
            if !close(chg, aval - base) {
                out.record(
                    row,
                    &[
                        ("CHG", show_num(chg)),
                        ("AVAL", show_num(aval)),
                        ("BASE", show_num(base)),
                    ],
                    format!(
                        "CHG `{}` is not AVAL `{}` − BASE `{}` = `{}`",
                        show_num(chg),
                        show_num(aval),
                        show_num(base),
                        show_num(aval - base)
                    ),
                );
            }
        }
    }
}
