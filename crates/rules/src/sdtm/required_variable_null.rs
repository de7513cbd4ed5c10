//! ## What it checks
//! A variable the SDTMIG 3.4 marks Required (`Req`) is never null. Each Required variable
//! with nulls is reported once, at its first null record, with the number of null records.
//! The variables are those SDT0069 requires to be present, except USUBJID and QVAL, whose
//! nulls SDT0060 and SDT0052 report.
//!
//! ## Why it matters
//! A Required variable is the record's identity or topic; a record without it (an AE
//! without AETERM, a lab result without LBTESTCD) cannot be analysed or even told apart.
//!
//! ## Example
//! An AE record with `AETERM = ""` is reported.
//!
//! ## References
//! SDTMIG 3.4 §4.1.1.5 (Req: null values not allowed); Pinnacle 21 SD0002.

use super::Spec;
use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use crate::versions::Needs;
use model::{Severity, ValueRef};

pub struct RequiredVariableNull;

static META: RuleMeta = RuleMeta {
    code: "SDT0070",
    name: "required_variable_null",
    severity: Severity::Error,
    summary: "a Required variable is null",
    refs: &["P21:SD0002"],
};

fn is_null(v: ValueRef<'_>) -> bool {
    match v {
        ValueRef::Char(s) => s.trim().is_empty(),
        ValueRef::Num(n) => !n.is_finite(),
        ValueRef::Missing(_) => true,
    }
}

impl Rule for RequiredVariableNull {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn needs(&self) -> Needs {
        Needs::Ig
    }

    fn applies(&self, input: &Input) -> bool {
        Spec::of(input).is_some_and(|s| s.table.is_some())
    }

    fn check(&self, _: &Study, input: &Input, out: &mut Sink<'_>) {
        let Some(spec) = Spec::of(input) else {
            return;
        };
        for (name, _) in spec.required() {
            if name == "USUBJID" || name == "QVAL" {
                continue;
            }
            let Some(column) = input.dataset.column_named(&name) else {
                continue;
            };
            let mut nulls = column
                .iter()
                .enumerate()
                .filter(|&(_, v)| is_null(v))
                .map(|(row, _)| row);
            let Some(first) = nulls.next() else {
                continue;
            };
            let count = 1 + nulls.count();
            out.record(
                first,
                &[(name.as_str(), String::new())],
                format!("Required variable {name} is null in {count} records"),
            );
        }
    }
}
