//! ## What it checks
//! ADSL has one record per subject: each USUBJID appears once. Every repeat is reported, at
//! its record, naming the first record of that subject.
//!
//! ## Why it matters
//! ADSL is merged onto every analysis dataset by USUBJID; a second record multiplies that
//! subject's records in every merge and counts the subject twice in every table.
//!
//! ## Example
//! Two ADSL records with `USUBJID = "01-701-1015"`: the second is reported.
//!
//! ## References
//! ADaMIG 1.3 §3.1 (ADSL: one record per subject).

use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use crate::values::{column, text};
use model::Severity;
use std::collections::HashMap;

pub struct AdslUsubjidNotUnique;

static META: RuleMeta = RuleMeta {
    code: "ADM0001",
    name: "adsl_usubjid_not_unique",
    severity: Severity::Error,
    summary: "ADSL has more than one record for a USUBJID",
    refs: &[],
};

impl Rule for AdslUsubjidNotUnique {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, input: &Input) -> bool {
        super::structure(input) == Some(super::Structure::Adsl) && input.has("USUBJID")
    }

    fn check(&self, _: &Study, input: &Input, out: &mut Sink<'_>) {
        let mut first: HashMap<&str, usize> = HashMap::new();
        for (row, v) in column(input, "USUBJID") {
            let Some(id) = text(v) else { continue };
            match first.get(id) {
                Some(&f) => out.record(
                    row,
                    &[("USUBJID", id.to_owned())],
                    format!("USUBJID `{id}` repeats ADSL record {}", f + 1),
                ),
                None => {
                    first.insert(id, row);
                }
            }
        }
    }
}
