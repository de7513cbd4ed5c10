//! ## What it checks
//! In a findings dataset, when --STRESN is populated, --STRESC holds the same number
//! (`"5.20"` matches 5.2; a relative difference below 1e-9 is rounding and not reported).
//!
//! ## Why it matters
//! --STRESN is the numeric copy of --STRESC; when they disagree, analyses of the numeric
//! value and listings of the character value show different results.
//!
//! ## Example
//! `LBSTRESC = "5.2"`, `LBSTRESN = 52` is reported; so is `LBSTRESC = "<5"`,
//! `LBSTRESN = 5` (a censored result has no numeric standard value).
//!
//! ## References
//! SDTMIG 3.4 §4.5.1 (original and standardized results).

use super::var;
use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use crate::values::{column, get, number, show, text};
use model::Severity;

pub struct StresnStrescMismatch;

static META: RuleMeta = RuleMeta {
    code: "SDT0045",
    name: "stresn_stresc_mismatch",
    severity: Severity::Error,
    summary: "--STRESN is not the number in --STRESC",
    refs: &[],
};

fn same(a: f64, b: f64) -> bool {
    a == b || (a - b).abs() <= 1e-9 * a.abs().max(b.abs())
}

impl Rule for StresnStrescMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, input: &Input) -> bool {
        var(input, "STRESN").is_some() && var(input, "STRESC").is_some()
    }

    fn check(&self, _: &Study, input: &Input, out: &mut Sink<'_>) {
        let (Some(stresn), Some(stresc)) = (var(input, "STRESN"), var(input, "STRESC")) else {
            return;
        };
        for (row, v) in column(input, &stresn) {
            let Some(n) = number(v) else { continue };
            let c = get(input, row, &stresc).and_then(text).unwrap_or("");
            let c_num = c.parse::<f64>().ok();
            if !c_num.is_some_and(|c| same(c, n)) {
                let shown = show(v);
                out.record(
                    row,
                    &[
                        (stresn.as_str(), shown.clone()),
                        (stresc.as_str(), c.to_owned()),
                    ],
                    format!("{stresn} `{shown}` is not the number in {stresc} `{c}`"),
                );
            }
        }
    }
}
