//! ## What it checks
//! In a BDS dataset, CHG and PCHG are null when BASE is null. Every record with a change
//! but no baseline is reported.
//!
//! ## Why it matters
//! A change needs a baseline; a CHG without BASE was derived from something else (often a
//! carried-over value) and cannot be traced.
//!
//! ## Example
//! `BASE` null with `CHG = 5` is reported.
//!
//! ## References
//! ADaMIG 1.3 §3.2 (CHG and PCHG derived from BASE).

use super::{num, show_num};
use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use model::Severity;

pub struct ChgWithoutBase;

static META: RuleMeta = RuleMeta {
    code: "ADM0014",
    name: "chg_without_base",
    severity: Severity::Error,
    summary: "CHG or PCHG is populated while BASE is null",
    refs: &[],
};

impl Rule for ChgWithoutBase {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, input: &Input) -> bool {
        super::is_bds(input) && input.has("BASE") && (input.has("CHG") || input.has("PCHG"))
    }

    fn check(&self, _: &Study, input: &Input, out: &mut Sink<'_>) {
        for row in 0..input.dataset.len() {
            if num(input, row, "BASE").is_some() {
                continue;
            }
            for var in ["CHG", "PCHG"] {
                if let Some(v) = num(input, row, var) {
                    out.record(
                        row,
                        &[(var, show_num(v)), ("BASE", String::new())],
                        format!("{var} `{}` is populated but BASE is null", show_num(v)),
                    );
                }
            }
        }
    }
}
