//! ## What it checks
//! Every SUPP-- record points at an existing parent record: IDVAR/IDVARVAL find a record of
//! RDOMAIN for the same USUBJID (numbers match however they are written, `3` and `"3.0"`),
//! and a subject-level record (IDVAR null) names a USUBJID that RDOMAIN has (DM for SUPPDM).
//! When the RDOMAIN dataset is missing altogether, one finding per RDOMAIN says so. Pooled
//! records (USUBJID null) are not checked.
//!
//! ## Why it matters
//! An orphaned qualifier is dropped when SUPP-- is merged back onto its parent, and usually
//! means the parent's --SEQ was renumbered after SUPP-- was built.
//!
//! ## Example
//! A SUPPAE record with `IDVAR = "AESEQ"`, `IDVARVAL = "7"` when the subject's AE records
//! stop at AESEQ 6 is reported.
//!
//! ## References
//! SDTMIG 3.4 §8.4.1 (SUPP--: RDOMAIN, IDVAR, IDVARVAL).

use super::{RecordIndex, Unresolved};
use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use crate::values::{get, show, text};
use model::Severity;
use std::collections::BTreeSet;

pub struct SuppParentNotFound;

static META: RuleMeta = RuleMeta {
    code: "SDT0053",
    name: "supp_parent_not_found",
    severity: Severity::Error,
    summary: "SUPP-- record's parent record does not exist",
    refs: &[],
};

impl Rule for SuppParentNotFound {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, input: &Input) -> bool {
        super::is_supp(input) && input.has("RDOMAIN") && input.has("USUBJID")
    }

    fn check(&self, study: &Study, input: &Input, out: &mut Sink<'_>) {
        let mut index = RecordIndex::default();
        let mut missing_domains = BTreeSet::new();
        for row in 0..input.dataset.len() {
            let (Some(rdomain), Some(id)) = (
                get(input, row, "RDOMAIN").and_then(text),
                get(input, row, "USUBJID").and_then(text),
            ) else {
                continue;
            };
            let idvar = get(input, row, "IDVAR").and_then(text);
            let idvarval = get(input, row, "IDVARVAL").and_then(text);
            let value = get(input, row, "IDVARVAL").map(show).unwrap_or_default();
            let value = value.trim();
            let why = match index.resolve(study, rdomain, id, idvar, idvarval) {
                Ok(()) => continue,
                Err(Unresolved::Dataset) => {
                    missing_domains.insert(rdomain.to_ascii_uppercase());
                    continue;
                }
                Err(Unresolved::Variable) => format!(
                    "{rdomain} has no variable {} for IDVAR to name",
                    idvar.unwrap_or_default()
                ),
                Err(Unresolved::Subject) => format!("`{id}` has no record in {rdomain}"),
                Err(Unresolved::Record) => format!(
                    "`{id}` has no {rdomain} record with {} `{value}`",
                    idvar.unwrap_or_default()
                ),
            };
            let mut cells = vec![("IDVARVAL", value.to_owned()), ("USUBJID", id.to_owned())];
            if idvar.is_none() {
                cells.swap(0, 1);
            }
            out.record(row, &cells, format!("parent record not found: {why}"));
        }
        for d in missing_domains {
            out.dataset(
                &["RDOMAIN"],
                format!("RDOMAIN `{d}` names a domain that has no dataset in the submission"),
            );
        }
    }
}
