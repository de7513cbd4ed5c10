//! ## What it checks
//! In a subject-level dataset (one with USUBJID), USUBJID is not null. Records identified by
//! POOLID instead are not reported, nor is RELREC, where a null USUBJID marks a
//! dataset-level relationship.
//!
//! ## Why it matters
//! A record without a subject belongs to no one: it drops out of every by-subject join and
//! cannot be traced back to the site.
//!
//! ## Example
//! An AE record with USUBJID null is reported.
//!
//! ## References
//! SDTMIG 3.4 §5.2 (DM: USUBJID identifies a subject across all datasets) and §8.4.1
//! (POOLID).

use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use crate::values::{column, get, text};
use model::Severity;

pub struct UsubjidNull;

static META: RuleMeta = RuleMeta {
    code: "SDT0060",
    name: "usubjid_null",
    severity: Severity::Error,
    summary: "USUBJID is null in a subject-level dataset",
    refs: &[],
};

impl Rule for UsubjidNull {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, input: &Input) -> bool {
        input.has("USUBJID") && !input.name().eq_ignore_ascii_case("RELREC")
    }

    fn check(&self, _: &Study, input: &Input, out: &mut Sink<'_>) {
        for (row, v) in column(input, "USUBJID") {
            if v.is_null() && get(input, row, "POOLID").and_then(text).is_none() {
                out.record(
                    row,
                    &[("USUBJID", String::new())],
                    "USUBJID is null".to_owned(),
                );
            }
        }
    }
}
