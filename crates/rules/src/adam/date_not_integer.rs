//! ## What it checks
//! In ADaM datasets, numeric date variables (`*DT`: ADT, TRTSDT, ASTDT...) hold whole
//! numbers (SAS dates count days; a fraction means a datetime or a division went into a
//! date). Each variable with such values is reported once, at its first record, with the
//! count.
//!
//! ## Why it matters
//! Date arithmetic (study days, durations, windows) assumes whole days; a fractional date
//! shifts every derived day by rounding differences between programs.
//!
//! ## Example
//! `ADT = 19792.5` is reported.
//!
//! ## References
//! ADaMIG 1.3 variable naming conventions (`*DT`: numeric date; `*DTM`: numeric datetime).

use super::{DateKind, date_kind, show_num};
use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use crate::values::{column, number};
use model::Severity;

pub struct DateNotInteger;

static META: RuleMeta = RuleMeta {
    code: "ADM0026",
    name: "date_not_integer",
    severity: Severity::Error,
    summary: "a numeric date (*DT) is not a whole number of days",
    refs: &[],
};

fn dates(input: &Input) -> Vec<&str> {
    input
        .dataset
        .meta()
        .variables
        .iter()
        .filter(|v| date_kind(v) == Some(DateKind::Date))
        .map(|v| v.name.as_str())
        .collect()
}

impl Rule for DateNotInteger {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, input: &Input) -> bool {
        super::is_adam(input) && !dates(input).is_empty()
    }

    fn check(&self, _: &Study, input: &Input, out: &mut Sink<'_>) {
        for var in dates(input) {
            let mut bad = column(input, var)
                .filter_map(|(r, v)| Some((r, number(v)?)))
                .filter(|(_, n)| n.fract() != 0.0);
            let Some((row, first)) = bad.next() else {
                continue;
            };
            let count = 1 + bad.count();
            out.record(
                row,
                &[(var, show_num(first))],
                format!(
                    "Date {var} `{}` is not a whole number of days ({count} records)",
                    show_num(first)
                ),
            );
        }
    }
}
