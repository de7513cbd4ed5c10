//! ## What it checks
//! Every RELREC record points at existing records: for a record with USUBJID, IDVAR/IDVARVAL
//! find a record of RDOMAIN for that subject (numbers match however they are written); for a
//! dataset-level relationship (USUBJID and IDVARVAL null), RDOMAIN exists and has the IDVAR
//! variable. When the RDOMAIN dataset is missing altogether, one finding per RDOMAIN says so.
//!
//! ## Why it matters
//! RELREC is how a reviewer follows an AE to the concomitant medication that treated it; a
//! link to nothing is a broken cross-reference, usually after --SEQ was renumbered.
//!
//! ## Example
//! A RELREC record with `RDOMAIN = "AE"`, `USUBJID = "S-1"`, `IDVAR = "AESEQ"`,
//! `IDVARVAL = "9"` when `S-1` has no AESEQ 9 is reported.
//!
//! ## References
//! SDTMIG 3.4 §8.2 (RELREC) and §8.3 (dataset-level relationships).

use super::{RecordIndex, Unresolved};
use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use crate::values::{get, show, text};
use model::Severity;
use std::collections::BTreeSet;

pub struct RelrecUnresolved;

static META: RuleMeta = RuleMeta {
    code: "SDT0054",
    name: "relrec_unresolved",
    severity: Severity::Error,
    summary: "RELREC points at a record that does not exist",
    refs: &[],
};

impl Rule for RelrecUnresolved {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, input: &Input) -> bool {
        input.name() == "RELREC" && input.has("RDOMAIN") && input.has("IDVAR")
    }

    fn check(&self, study: &Study, input: &Input, out: &mut Sink<'_>) {
        let mut index = RecordIndex::default();
        let mut missing_domains = BTreeSet::new();
        for row in 0..input.dataset.len() {
            let Some(rdomain) = get(input, row, "RDOMAIN").and_then(text) else {
                continue;
            };
            let idvar = get(input, row, "IDVAR").and_then(text);
            let idvarval = get(input, row, "IDVARVAL").and_then(text);
            let value = get(input, row, "IDVARVAL").map(show).unwrap_or_default();
            let value = value.trim();
            let id = get(input, row, "USUBJID").and_then(text);
            let result = match id {
                Some(id) => index.resolve(study, rdomain, id, idvar, idvarval),
                // A dataset-level relationship: only the dataset and variable must exist.
                None => match index.resolve(study, rdomain, "", idvar, None) {
                    Err(Unresolved::Subject) => Ok(()),
                    other => other,
                },
            };
            let why = match result {
                Ok(()) => continue,
                Err(Unresolved::Dataset) => {
                    missing_domains.insert(rdomain.to_ascii_uppercase());
                    continue;
                }
                Err(Unresolved::Variable) => {
                    format!("{rdomain} has no variable {}", idvar.unwrap_or_default())
                }
                Err(Unresolved::Subject) => {
                    format!("`{}` has no record in {rdomain}", id.unwrap_or_default())
                }
                Err(Unresolved::Record) => format!(
                    "`{}` has no {rdomain} record with {} `{value}`",
                    id.unwrap_or_default(),
                    idvar.unwrap_or_default()
                ),
            };
            out.record(
                row,
                &[
                    ("IDVARVAL", value.to_owned()),
                    ("RDOMAIN", rdomain.to_owned()),
                    ("IDVAR", idvar.unwrap_or_default().to_owned()),
                ],
                format!("RELREC link does not resolve: {why}"),
            );
        }
        for d in missing_domains {
            out.dataset(
                &["RDOMAIN"],
                format!("RDOMAIN `{d}` names a domain that has no dataset in the submission"),
            );
        }
    }
}
