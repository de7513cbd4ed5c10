//! ## What it checks
//! When the study has ADSL, every USUBJID of another ADaM dataset is a subject of ADSL.
//! Each unknown subject is reported once per dataset, at its first record, with its count.
//!
//! ## Why it matters
//! ADSL is the subject-level backbone every analysis dataset merges with; a subject outside
//! it has no treatment or population flags and drops out of every analysis.
//!
//! ## Example
//! ADAE with `USUBJID = "01-999-0001"` when ADSL has no such subject is reported.
//!
//! ## References
//! ADaMIG 1.3 §2 (ADSL, one record per subject, the source of subject-level variables for
//! all ADaM datasets).

use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use crate::sdtm::tally;
use crate::values::{column, text};
use model::Severity;
use std::collections::HashSet;

pub struct UsubjidNotInAdsl;

static META: RuleMeta = RuleMeta {
    code: "ADM0029",
    name: "usubjid_not_in_adsl",
    severity: Severity::Error,
    summary: "a USUBJID of an ADaM dataset is not in ADSL",
    refs: &[],
};

impl Rule for UsubjidNotInAdsl {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, input: &Input) -> bool {
        super::is_adam(input) && !input.name().eq_ignore_ascii_case("ADSL") && input.has("USUBJID")
    }

    fn check(&self, study: &Study, input: &Input, out: &mut Sink<'_>) {
        let Some(adsl) = super::adsl(study) else {
            return;
        };
        let known: HashSet<&str> = column(adsl, "USUBJID")
            .filter_map(|(_, v)| text(v))
            .collect();
        let unknown = column(input, "USUBJID")
            .filter_map(|(r, v)| Some((r, text(v)?)))
            .filter(|(_, id)| !known.contains(id));
        for (id, row, count) in tally(unknown) {
            out.record(
                row,
                &[("USUBJID", id.to_owned())],
                format!("USUBJID `{id}` ({count} records) is not in ADSL"),
            );
        }
    }
}
