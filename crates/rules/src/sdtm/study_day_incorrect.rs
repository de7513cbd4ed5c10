//! ## What it checks
//! --DY, --STDY and --ENDY equal the study day of their date (--DTC, --STDTC, --ENDTC)
//! relative to the subject's DM.RFSTDTC: day 1 is the reference day, the day before is −1,
//! and there is no day 0.
//!
//! ## Why it matters
//! Reviewers line up events by study day. A value computed with day 0, or from another
//! reference date, shifts every pre-treatment record by one day.
//!
//! ## Example
//! RFSTDTC `2016-03-07`, `AESTDTC = "2016-03-06"`, `AESTDY = 0` is reported (it must be −1).
//!
//! ## References
//! SDTMIG 3.4 §4.4.4 (use of the study day variables). CDISC CORE checks the same per
//! variable: CORE-000529 (--DY), CORE-000552 (--STDY), CORE-000553 (--ENDY); each finding
//! cites the one for its variable, and the CORE finding on the same record is not repeated.

use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use crate::values::{column, get, show, text};
use model::{IsoDateTime, Severity, iso8601::study_day};
use std::collections::HashMap;

pub struct StudyDayIncorrect;

static META: RuleMeta = RuleMeta {
    code: "SDT0028",
    name: "study_day_incorrect",
    severity: Severity::Error,
    summary: "--DY/--STDY/--ENDY disagrees with the date and RFSTDTC",
    refs: &[],
};

/// The CORE rule that checks the same study-day variable.
fn core_rule(dy: &str) -> &'static str {
    match dy {
        "STDY" => "CORE-000552",
        "ENDY" => "CORE-000553",
        _ => "CORE-000529",
    }
}

fn pairs(input: &Input) -> Vec<(String, String, &'static str)> {
    let d = input.domain().to_ascii_uppercase();
    [("DY", "DTC"), ("STDY", "STDTC"), ("ENDY", "ENDTC")]
        .into_iter()
        .map(|(dy, dtc)| (format!("{d}{dy}"), format!("{d}{dtc}"), core_rule(dy)))
        .filter(|(dy, dtc, _)| input.has(dy) && input.has(dtc))
        .collect()
}

impl Rule for StudyDayIncorrect {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, input: &Input) -> bool {
        input.name() != "DM" && input.has("USUBJID") && !pairs(input).is_empty()
    }

    fn check(&self, study: &Study, input: &Input, out: &mut Sink<'_>) {
        let Some(dm) = study.dataset("DM") else {
            return;
        };
        let mut rfst: HashMap<&str, IsoDateTime> = HashMap::new();
        for (row, v) in column(dm, "USUBJID") {
            let date = get(dm, row, "RFSTDTC")
                .and_then(text)
                .and_then(|t| t.parse().ok());
            if let (Some(id), Some(date)) = (text(v), date) {
                rfst.insert(id, date);
            }
        }
        for (dy, dtc, core) in pairs(input) {
            for row in 0..input.dataset.rows.len() {
                let Some(reference) = get(input, row, "USUBJID")
                    .and_then(text)
                    .and_then(|id| rfst.get(id))
                else {
                    continue;
                };
                let Some(actual) = get(input, row, &dy).and_then(|v| v.as_f64()) else {
                    continue;
                };
                let date: Option<IsoDateTime> = get(input, row, &dtc)
                    .and_then(text)
                    .and_then(|t| t.parse().ok());
                let Some(expected) = date.as_ref().and_then(|d| study_day(reference, d)) else {
                    continue;
                };
                if actual != expected as f64 {
                    let shown = get(input, row, &dy).map(show).unwrap_or_default();
                    out.record(
                        row,
                        &[(dy.as_str(), shown.clone()), (dtc.as_str(), date.map(|d| d.to_string()).unwrap_or_default())],
                        format!("{dy} is `{shown}` but the study day of {dtc} from RFSTDTC `{reference}` is `{expected}`"),
                    );
                    out.cite_last(core);
                }
            }
        }
    }
}
