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
use crate::values::{show, text};
use model::{Severity, ValueRef};

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

/// Whether --STRESC's number `c` is --STRESN `n` as [`crate::values::number`] reads it:
/// [`same`] on `n` rounded by [`model::comparable`], which moves a number in the normal range
/// by less than 1e-14 of itself. Only a difference within a hair of the 1e-9 tolerance can
/// turn on that rounding; every other pair is settled without it, since rounding a million
/// results costs far more than comparing them.
fn matches(c: f64, n: f64) -> bool {
    let scale = c.abs().max(n.abs());
    let diff = (c - n).abs();
    if c.is_finite() && (1e-300..=1e300).contains(&scale) {
        if diff <= 0.5e-9 * scale {
            return true;
        }
        if diff >= 2e-9 * scale {
            return false;
        }
    }
    same(c, model::comparable(n))
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
        let meta = input.dataset.meta();
        let (Some(ns), Some(cs)) = (meta.index_of(&stresn), meta.index_of(&stresc)) else {
            return;
        };
        for (row, record) in input.dataset.rows().enumerate() {
            let (Some(v), Some(c)) = (record.get(ns), record.get(cs)) else {
                continue;
            };
            let n = match v {
                ValueRef::Num(n) => n,
                ValueRef::Char(s) => match s.trim().parse::<f64>() {
                    Ok(n) => n,
                    Err(_) => continue,
                },
                ValueRef::Missing(_) => continue,
            };
            if !n.is_finite() {
                continue;
            }
            let c = text(c).unwrap_or("");
            let agree = c.parse::<f64>().is_ok_and(|c| matches(c, n));
            if !agree {
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
