//! ## What it checks
//! In ADTTE (a dataset with CNSR and PARAMCD), CNSR is populated on every record with a
//! whole number ≥ 0: 0 for an event, 1 (or a higher sponsor-defined code for a censoring
//! reason) for a censored time. Each distinct bad value is reported once, at its first
//! record, with its count.
//!
//! A BDS dataset that holds time-to-event parameters beside others (a dose dataset with
//! daily doses and the time to a threshold dose) has CNSR only on the time-to-event ones:
//! when some parameter has a CNSR, a parameter whose CNSR is null on every record is not
//! time-to-event and is not checked.
//!
//! ## Why it matters
//! Survival procedures read CNSR as the event indicator; a null or a negative or fractional
//! value drops or misclassifies the subject's time.
//!
//! ## Example
//! `CNSR = -1` and a null CNSR are reported; 0, 1 and 2 are not.
//!
//! ## References
//! ADaM Basic Data Structure for Time-to-Event Analyses v1.0 (CNSR: 0 event, positive
//! integers censored); ADaMIG 1.3 §3.2.

use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use crate::sdtm::tally;
use crate::values::{column, show};
use model::Severity;
use std::collections::BTreeSet;

pub struct CnsrInvalid;

static META: RuleMeta = RuleMeta {
    code: "ADM0017",
    name: "cnsr_invalid",
    severity: Severity::Error,
    summary: "ADTTE CNSR is null, negative or not a whole number",
    refs: &[],
};

impl Rule for CnsrInvalid {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, input: &Input) -> bool {
        super::structure(input) == Some(super::Structure::Adtte)
    }

    fn check(&self, _: &Study, input: &Input, out: &mut Sink<'_>) {
        let params: Vec<String> = column(input, "PARAMCD").map(|(_, v)| show(v)).collect();
        let mut timed: BTreeSet<&str> = BTreeSet::new();
        for (r, v) in column(input, "CNSR") {
            if crate::values::number(v).is_some() || !show(v).is_empty() {
                timed.extend(params.get(r).map(String::as_str));
            }
        }
        // In a dataset where no parameter has a CNSR, every parameter is checked.
        let checked =
            |r: usize| timed.is_empty() || params.get(r).is_none_or(|p| timed.contains(p.as_str()));
        let shown: Vec<(usize, String)> = column(input, "CNSR")
            .filter(|(r, _)| checked(*r))
            .filter(|(_, v)| !matches!(crate::values::number(v), Some(n) if n >= 0.0 && n.fract() == 0.0))
            .map(|(r, v)| (r, show(v)))
            .collect();
        for (value, row, count) in tally(shown.iter().map(|(r, s)| (*r, s.as_str()))) {
            let what = if value.is_empty() {
                "null".to_owned()
            } else {
                format!("`{value}`")
            };
            out.record(
                row,
                &[("CNSR", value.to_owned())],
                format!("CNSR is {what} in {count} records; it must be 0 (event) or a positive integer (censored)"),
            );
        }
    }
}
