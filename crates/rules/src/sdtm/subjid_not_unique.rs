//! ## What it checks
//! In DM, SUBJID is unique within the study.
//!
//! ## Why it matters
//! SUBJID is the identifier the site used; two subjects sharing it cannot be told apart
//! when queries go back to the site.
//!
//! ## Example
//! Two DM records with `SUBJID = "003"` are both reported.
//!
//! ## References
//! SDTMIG 3.4 §5.2 (DM); CDISC conformance rule CG0150; CORE-000186.

use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use crate::values::{column, text};
use model::Severity;
use std::collections::HashMap;

pub struct SubjidNotUnique;

static META: RuleMeta = RuleMeta {
    code: "SDT0022",
    name: "subjid_not_unique",
    severity: Severity::Error,
    summary: "SUBJID is not unique in DM",
    refs: &["CG0150", "CORE-000186"],
};

impl Rule for SubjidNotUnique {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, input: &Input) -> bool {
        input.name() == "DM" && input.has("SUBJID")
    }

    fn check(&self, _: &Study, input: &Input, out: &mut Sink<'_>) {
        let mut rows: HashMap<&str, Vec<usize>> = HashMap::new();
        for (row, v) in column(input, "SUBJID") {
            if let Some(id) = text(v) {
                rows.entry(id).or_default().push(row);
            }
        }
        let mut dupes: Vec<_> = rows.into_iter().filter(|(_, r)| r.len() > 1).collect();
        dupes.sort();
        for (id, rs) in dupes {
            for row in rs {
                out.record(
                    row,
                    &[("SUBJID", id.to_owned())],
                    format!("SUBJID `{id}` is used by more than one subject"),
                );
            }
        }
    }
}
