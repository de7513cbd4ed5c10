//! ## What it checks
//! Character values are at most 200 bytes.
//!
//! ## Why it matters
//! SAS XPORT v5 cannot store longer values; SDTM puts the overflow into SUPP-- records
//! (`--TERM1`, `COVAL1` ...) instead of cutting the text.
//!
//! ## Example
//! An AETERM of 230 characters is reported.
//!
//! ## References
//! SDTMIG 3.4 §4.5.3.2 (text over 200 characters); FDA Study Data Technical Conformance Guide.

use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use model::{Severity, ValueRef};

pub struct ValueTooLong;

static META: RuleMeta = RuleMeta {
    code: "SDT0006",
    name: "value_too_long",
    severity: Severity::Error,
    summary: "character value longer than 200 bytes",
    refs: &[],
};

impl Rule for ValueTooLong {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, _: &Input) -> bool {
        true
    }

    fn check(&self, _: &Study, input: &Input, out: &mut Sink<'_>) {
        let vars = &input.dataset.meta().variables;
        // Column by column, as the table stores them; reported record by record.
        let mut long = Vec::new();
        for (i, v) in vars.iter().enumerate() {
            let Some(column) = input.dataset.column(i) else {
                continue;
            };
            for (row, value) in column.iter().enumerate() {
                if let ValueRef::Char(s) = value
                    && s.len() > 200
                {
                    long.push((row, i, &v.name, s));
                }
            }
        }
        long.sort_unstable_by_key(|&(row, i, ..)| (row, i));
        for (row, _, name, s) in long {
            let head: String = s.chars().take(20).collect();
            out.record(
                row,
                &[(name, s.to_owned())],
                format!(
                    "{name} is {} bytes long (starts `{head}`…); at most 200 fit",
                    s.len()
                ),
            );
        }
    }
}
