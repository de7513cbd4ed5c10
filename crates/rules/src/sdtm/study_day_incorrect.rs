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
use crate::values::{show, text};
use foldhash::HashMap;
use model::{IsoDateTime, Severity, ValueRef, iso8601::study_day};

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
        let (Some(ids), Some(dates)) = (
            dm.dataset.column_named("USUBJID"),
            dm.dataset.column_named("RFSTDTC"),
        ) else {
            return;
        };
        let mut rfst: HashMap<&str, IsoDateTime> = HashMap::default();
        for (v, date) in ids.iter().zip(dates.iter()) {
            let date = text(date).and_then(|t| t.parse().ok());
            if let (Some(id), Some(date)) = (text(v), date) {
                rfst.insert(id, date);
            }
        }
        let meta = input.dataset.meta();
        let Some(subject) = meta.index_of("USUBJID") else {
            return;
        };
        for (dy, dtc, core) in pairs(input) {
            let (Some(dy_col), Some(dtc_col)) = (meta.index_of(&dy), meta.index_of(&dtc)) else {
                continue;
            };
            // Dates repeat across records and tests: each text is parsed once. Records come
            // sorted by subject and date, so the previous record's study day usually holds.
            let mut parsed: HashMap<&str, Option<IsoDateTime>> = HashMap::default();
            let mut last: Option<(&str, &str, Option<i64>)> = None;
            for (row, record) in input.dataset.rows().enumerate() {
                let Some(v @ ValueRef::Num(actual)) = record.get(dy_col) else {
                    continue;
                };
                let (Some(id), Some(date)) = (
                    record.get(subject).and_then(text),
                    record.get(dtc_col).and_then(text),
                ) else {
                    continue;
                };
                let expected = match last {
                    Some((i, d, day)) if i == id && d == date => day,
                    _ => {
                        let on = parsed.entry(date).or_insert_with(|| date.parse().ok());
                        let day = rfst
                            .get(id)
                            .zip(on.as_ref())
                            .and_then(|(reference, on)| study_day(reference, on));
                        last = Some((id, date, day));
                        day
                    }
                };
                let Some(expected) = expected else { continue };
                if actual != expected as f64 {
                    let reference = &rfst[id];
                    let date = parsed[date].as_ref().map(IsoDateTime::to_string);
                    let shown = show(v);
                    out.record(
                        row,
                        &[(dy.as_str(), shown.clone()), (dtc.as_str(), date.unwrap_or_default())],
                        format!("{dy} is `{shown}` but the study day of {dtc} from RFSTDTC `{reference}` is `{expected}`"),
                    );
                    out.cite_last(core);
                }
            }
        }
    }
}
