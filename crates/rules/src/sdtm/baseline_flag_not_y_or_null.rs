//! ## What it checks
//! --BLFL and --LOBXFL are `Y` or null.
//!
//! ## Why it matters
//! The flags are one-valued: a record is the baseline or it is not. `N` or other values
//! break the usual `where --BLFL = "Y"` and `is not null` selections differently.
//!
//! ## Example
//! `LBBLFL = "N"` is reported.
//!
//! ## References
//! SDTMIG 3.4 §6.3 (Findings: --BLFL, --LOBXFL).

use super::var;
use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use crate::values::{column, show, text};
use model::Severity;

pub struct BaselineFlagNotYOrNull;

static META: RuleMeta = RuleMeta {
    code: "SDT0048",
    name: "baseline_flag_not_y_or_null",
    severity: Severity::Error,
    summary: "--BLFL or --LOBXFL is not Y or null",
    refs: &[],
};

fn flags(input: &Input) -> Vec<String> {
    ["BLFL", "LOBXFL"]
        .iter()
        .filter_map(|s| var(input, s))
        .collect()
}

impl Rule for BaselineFlagNotYOrNull {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, input: &Input) -> bool {
        !flags(input).is_empty()
    }

    fn check(&self, _: &Study, input: &Input, out: &mut Sink<'_>) {
        for flag in flags(input) {
            for (row, v) in column(input, &flag) {
                let bad = match v {
                    model::ValueRef::Char(_) => text(v).is_some_and(|t| t != "Y"),
                    model::ValueRef::Num(_) => true,
                    model::ValueRef::Missing(_) => false,
                };
                if bad {
                    let shown = show(v);
                    out.record(
                        row,
                        &[(flag.as_str(), shown.clone())],
                        format!("{flag} is `{shown}`; only `Y` or null are allowed"),
                    );
                }
            }
        }
    }
}
