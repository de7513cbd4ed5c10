//! ## What it checks
//! Every populated --DTC value (and DTHDTC, RFSTDTC and the other DM reference dates) is a
//! valid ISO 8601 date/time in extended format, partial values allowed, impossible dates
//! (`2019-02-30`) refused.
//!
//! ## Why it matters
//! Study days, windows, durations and every date comparison are computed from these values;
//! a date that does not parse silently drops the record from time-based analyses.
//!
//! ## Example
//! `AESTDTC = "07/03/2016"` and `LBDTC = "2016-02-30"` are reported; `2016-03` is fine.
//!
//! ## References
//! SDTMIG 3.4 §4.4.1–4.4.4 (ISO 8601); Pinnacle 21 SD0003.

use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use crate::values::{column, show, text};
use foldhash::HashMap;
use model::{IsoDateTime, Severity};

pub struct InvalidIso8601;

static META: RuleMeta = RuleMeta {
    code: "SDT0011",
    name: "invalid_iso8601",
    severity: Severity::Error,
    summary: "date/time value is not valid ISO 8601",
    refs: &["P21:SD0003"],
};

fn dtc_vars(input: &Input) -> Vec<String> {
    input
        .dataset
        .meta()
        .variables
        .iter()
        .map(|v| v.name.to_ascii_uppercase())
        .filter(|n| n.ends_with("DTC"))
        .collect()
}

impl Rule for InvalidIso8601 {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, input: &Input) -> bool {
        !dtc_vars(input).is_empty()
    }

    fn check(&self, _: &Study, input: &Input, out: &mut Sink<'_>) {
        // Dates repeat across records: each text is parsed once, with the reason it fails.
        let mut checked: HashMap<&str, Option<String>> = HashMap::default();
        for var in dtc_vars(input) {
            for (row, v) in column(input, &var) {
                let Some(t) = text(v) else {
                    if v.as_f64().is_some() {
                        let s = show(v);
                        out.record(
                            row,
                            &[(var.as_str(), s.clone())],
                            format!("{var} is the number `{s}`, not ISO 8601 text"),
                        );
                    }
                    continue;
                };
                let why = checked
                    .entry(t)
                    .or_insert_with(|| t.parse::<IsoDateTime>().err().map(|e| reason(&e)));
                if let Some(why) = why {
                    out.record(
                        row,
                        &[(var.as_str(), t.to_owned())],
                        format!("{var} `{t}` is not ISO 8601: {why}"),
                    );
                }
            }
        }
    }
}

/// The parser's reason without repeating the value (the message already quotes it).
fn reason(e: &model::IsoError) -> String {
    match e {
        model::IsoError::Empty => "empty".into(),
        model::IsoError::Syntax { pos, why, .. } => format!("{why} at character {pos}"),
        model::IsoError::Range {
            component, value, ..
        } => format!("{component} `{value}` is out of range"),
    }
}
