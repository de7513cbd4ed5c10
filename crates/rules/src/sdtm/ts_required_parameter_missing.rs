//! ## What it checks
//! TS has at least one record for each of these parameters (TSPARMCD): `SSTDTC` (study start
//! date), `TITLE` (trial title), `TPHASE` (trial phase), `STYPE` (study type), `SPONSOR`
//! (clinical study sponsor), `TRT` (investigational therapy or treatment), and one of
//! `INDIC` (trial indication) or `TDIGRP` (diagnosis group). The list is ours: the parameters
//! every trial has and FDA reviewers look for first; SSTDTC is also what decides which
//! terminology versions the FDA expects. One finding per missing parameter.
//!
//! ## Why it matters
//! TS is the machine-readable summary of the trial; without these parameters a submission
//! cannot be catalogued or matched to its registry record.
//!
//! ## Example
//! A TS without a `TSPARMCD = "SSTDTC"` record is reported once, on the dataset.
//!
//! ## References
//! SDTMIG 3.4 §7.4.2 (TS) and its trial summary codes appendix; FDA Study Data Technical
//! Conformance Guide (Trial Summary dataset, study start date).

use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use crate::values::{column, text};
use model::Severity;
use std::collections::HashSet;

pub struct TsRequiredParameterMissing;

static META: RuleMeta = RuleMeta {
    code: "SDT0055",
    name: "ts_required_parameter_missing",
    severity: Severity::Warning,
    summary: "a required trial summary parameter is missing from TS",
    refs: &[],
};

/// Each entry is satisfied by any one of its codes.
const REQUIRED: [&[&str]; 7] = [
    &["SSTDTC"],
    &["TITLE"],
    &["TPHASE"],
    &["STYPE"],
    &["SPONSOR"],
    &["TRT"],
    &["INDIC", "TDIGRP"],
];

impl Rule for TsRequiredParameterMissing {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, input: &Input) -> bool {
        input.name() == "TS" && input.has("TSPARMCD")
    }

    fn check(&self, _: &Study, input: &Input, out: &mut Sink<'_>) {
        let present: HashSet<String> = column(input, "TSPARMCD")
            .filter_map(|(_, v)| text(v))
            .map(str::to_ascii_uppercase)
            .collect();
        for codes in REQUIRED {
            if !codes.iter().any(|c| present.contains(*c)) {
                let named: Vec<String> = codes.iter().map(|c| format!("`{c}`")).collect();
                out.dataset(
                    &["TSPARMCD"],
                    format!("TS has no TSPARMCD {} record", named.join(" or ")),
                );
            }
        }
    }
}
