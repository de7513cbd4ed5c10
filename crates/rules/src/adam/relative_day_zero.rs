//! ## What it checks
//! In ADaM datasets, relative-day variables (`*DY`: ADY, ASTDY, AENDY) are never 0: by the
//! SDTM convention ADaM follows, day 1 is the reference date and the day before it is −1.
//! Each variable with zeros is reported once, at its first record, with the count.
//!
//! ## Why it matters
//! A day 0 means the derivation added 1 on one side of the reference date only, or not at
//! all; every window and by-day summary built on it is shifted by a day.
//!
//! ## Example
//! `ADY = 0` is reported.
//!
//! ## References
//! ADaMIG 1.3 variable naming conventions (`*DY`, relative day, derived as SDTMIG 3.4
//! §4.4.4 with no day 0).

use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use crate::values::{column, number};
use model::{Severity, VarType};

pub struct RelativeDayZero;

static META: RuleMeta = RuleMeta {
    code: "ADM0028",
    name: "relative_day_zero",
    severity: Severity::Warning,
    summary: "a relative day (*DY) is 0",
    refs: &[],
};

fn days(input: &Input) -> Vec<&str> {
    super::named(input, "DY")
        .into_iter()
        .filter(|v| v.vtype == VarType::Num)
        .map(|v| v.name.as_str())
        .collect()
}

impl Rule for RelativeDayZero {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, input: &Input) -> bool {
        super::is_adam(input) && !days(input).is_empty()
    }

    fn check(&self, _: &Study, input: &Input, out: &mut Sink<'_>) {
        for var in days(input) {
            let mut zeros = column(input, var).filter(|(_, v)| number(v) == Some(0.0));
            let Some((row, _)) = zeros.next() else {
                continue;
            };
            let count = 1 + zeros.count();
            out.record(
                row,
                &[(var, "0".to_owned())],
                format!("{var} is `0` in {count} records; relative days skip 0"),
            );
        }
    }
}
