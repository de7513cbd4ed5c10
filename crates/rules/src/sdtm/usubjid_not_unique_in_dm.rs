//! ## What it checks
//! Each USUBJID appears in exactly one DM record.
//!
//! ## Why it matters
//! DM is one record per subject; a duplicate means a subject was enrolled twice (often the
//! same person at two sites) and every per-subject count is off.
//!
//! ## Example
//! Two DM records with `USUBJID = "UMIN000015469-01-003"`: the second is reported.
//!
//! ## References
//! SDTMIG 3.4 §5.2 (DM, one record per subject).

use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use crate::values::{column, text};
use model::Severity;
use std::collections::HashMap;

pub struct UsubjidNotUniqueInDm;

static META: RuleMeta = RuleMeta {
    code: "SDT0008",
    name: "usubjid_not_unique_in_dm",
    severity: Severity::Error,
    summary: "USUBJID appears in more than one DM record",
    refs: &[],
};

impl Rule for UsubjidNotUniqueInDm {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, input: &Input) -> bool {
        input.name() == "DM" && input.has("USUBJID")
    }

    fn check(&self, _: &Study, input: &Input, out: &mut Sink<'_>) {
        let mut first: HashMap<&str, usize> = HashMap::new();
        for (row, v) in column(input, "USUBJID") {
            let Some(id) = text(v) else { continue };
            if let Some(prev) = first.get(id) {
                out.record(
                    row,
                    &[("USUBJID", id.to_owned())],
                    format!("USUBJID `{id}` already in DM record {}", prev + 1),
                );
            } else {
                first.insert(id, row);
            }
        }
    }
}
