//! ## What it checks
//! In an Events or Interventions dataset, each record says when it started: at least one
//! of --STDTC, --STRF and --STRTPT (those the dataset has) is populated. Records of events
//! or treatments that did not happen (`--OCCUR = "N"`, `--STAT = "NOT DONE"`) are not
//! checked; a dataset with none of the three variables is not either.
//!
//! ## Why it matters
//! A record without any start cannot be placed before or after treatment, so it cannot be
//! called treatment-emergent or prior. When the date is unknown, --STRTPT and --STTPT can
//! still say `BEFORE` a reference point. A warning: the start may truly be unknown.
//!
//! ## Example
//! A CM record with CMSTDTC and CMSTRTPT null is reported; with `CMSTRTPT = "BEFORE"` and
//! `CMSTTPT = "SCREENING"` it is not.
//!
//! ## References
//! SDTMIG 3.4 §4.4.7 (relative timing variables); Pinnacle 21 SD0022 (missing start
//! time-point values). SDT0059 is another check: it pairs --STRTPT with --STTPT.

use super::Spec;
use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use crate::values::{get, text};
use model::Severity;
use standards::Class;

pub struct StartTimepointMissing;

static META: RuleMeta = RuleMeta {
    code: "SDT0100",
    name: "start_timepoint_missing",
    severity: Severity::Warning,
    summary: "an event or intervention record has none of --STDTC, --STRF, --STRTPT",
    refs: &["P21:SD0022"],
};

/// The time-point variables `suffixes` the dataset has, for Events and Interventions.
pub(crate) fn timepoints(input: &Input, suffixes: [&str; 3]) -> Vec<String> {
    let class = Spec::of(input).and_then(|s| s.class);
    if !matches!(class, Some(Class::Events | Class::Interventions)) {
        return Vec::new();
    }
    suffixes
        .iter()
        .filter_map(|s| super::var(input, s))
        .collect()
}

/// Reports records of events that happened with every one of `vars` null.
pub(crate) fn check_missing(input: &Input, out: &mut Sink<'_>, vars: &[String], what: &str) {
    let p = super::prefix(input);
    let (occur, stat) = (format!("{p}OCCUR"), format!("{p}STAT"));
    for row in 0..input.dataset.len() {
        let val = |v: &str| get(input, row, v).and_then(text);
        if val(&occur) == Some("N") || val(&stat) == Some("NOT DONE") {
            continue;
        }
        if vars.iter().all(|v| val(v).is_none()) {
            let cells: Vec<(&str, String)> =
                vars.iter().map(|v| (v.as_str(), String::new())).collect();
            out.record(
                row,
                &cells,
                match vars {
                    [only] => format!("no {what}: {only} is null"),
                    _ => format!("no {what}: {} are all null", vars.join(", ")),
                },
            );
        }
    }
}

impl Rule for StartTimepointMissing {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, input: &Input) -> bool {
        !timepoints(input, ["STDTC", "STRF", "STRTPT"]).is_empty()
    }

    fn check(&self, _: &Study, input: &Input, out: &mut Sink<'_>) {
        let vars = timepoints(input, ["STDTC", "STRF", "STRTPT"]);
        check_missing(input, out, &vars, "start");
    }
}
