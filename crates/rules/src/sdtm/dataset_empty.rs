//! ## What it checks
//! A dataset has at least one record.
//!
//! ## Why it matters
//! A domain without data is left out of a submission rather than sent empty; an empty dataset
//! is usually a leftover of a template, or a mapping step that silently produced nothing.
//!
//! ## Example
//! A CE dataset with variables but no records is reported once.
//!
//! ## References
//! SDTMIG 3.4 §3 (submitting data in standard format).

use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use model::Severity;

pub struct DatasetEmpty;

static META: RuleMeta = RuleMeta {
    code: "SDT0066",
    name: "dataset_empty",
    severity: Severity::Notice,
    summary: "the dataset has no records",
    refs: &[],
};

impl Rule for DatasetEmpty {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, input: &Input) -> bool {
        input.dataset.is_empty()
    }

    fn check(&self, _: &Study, input: &Input, out: &mut Sink<'_>) {
        out.dataset(&[], format!("{} has no records", input.name()));
    }
}
