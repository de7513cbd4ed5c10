//! ## What it checks
//! A variable ADaMIG 1.3 marks Required for the dataset's structure (ADSL, BDS, ADTTE,
//! ADAE) is never null. Each such variable with nulls is reported once, at its first null
//! record, with the number of null records.
//!
//! ## Why it matters
//! A subject without TRT01P or a record without PARAMCD silently drops out of every
//! analysis that groups by it.
//!
//! ## Example
//! An ADSL record with `TRT01P = ""` is reported.
//!
//! ## References
//! ADaMIG 1.3 §3.1 and §3.2 (Core `Req`: populated on every record).

use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use crate::versions::Needs;
use model::{Severity, ValueRef};
use standards::AdamCore;

pub struct AdamRequiredVariableNull;

static META: RuleMeta = RuleMeta {
    code: "ADM0003",
    name: "adam_required_variable_null",
    severity: Severity::Error,
    summary: "a variable ADaMIG marks Required is null",
    refs: &[],
};

fn is_null(v: ValueRef<'_>) -> bool {
    match v {
        ValueRef::Char(s) => s.trim().is_empty(),
        ValueRef::Num(n) => !n.is_finite(),
        ValueRef::Missing(_) => true,
    }
}

impl Rule for AdamRequiredVariableNull {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn needs(&self) -> Needs {
        Needs::Ig
    }

    fn applies(&self, input: &Input) -> bool {
        super::structure(input).is_some()
    }

    fn check(&self, _: &Study, input: &Input, out: &mut Sink<'_>) {
        let Some(ig) =
            super::structure(input).and_then(|s| standards::adamig().dataset(s.ig_name()))
        else {
            return;
        };
        for (col, var) in input.dataset.meta().variables.iter().enumerate() {
            let required = ig
                .variable(&var.name.to_ascii_uppercase())
                .is_some_and(|v| v.core == AdamCore::Req);
            if !required {
                continue;
            }
            let mut nulls = input
                .dataset
                .rows()
                .enumerate()
                .filter(|(_, r)| r.get(col).is_none_or(is_null))
                .map(|(row, _)| row);
            let Some(first) = nulls.next() else { continue };
            let count = 1 + nulls.count();
            out.record(
                first,
                &[(var.name.as_str(), String::new())],
                format!("Required variable {} is null in {count} records", var.name),
            );
        }
    }
}
