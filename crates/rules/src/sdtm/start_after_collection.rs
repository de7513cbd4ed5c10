//! ## What it checks
//! --STDTC (start) is not after --DTC (date/time of collection) in the same record. Values
//! are compared only at the precision both have: `2016-03-07T10:00` against `2016-03-07`
//! compares the dates and is not reported, `2016-04` against `2016-03-07` is.
//!
//! ## Why it matters
//! An event or treatment is recorded when it is known: it cannot start after the date it
//! was collected. Usually one of the two was typed with day and month swapped. A warning:
//! which date is wrong takes the source to tell.
//!
//! ## Example
//! `AEDTC = "2016-03-07"`, `AESTDTC = "2016-03-09"` is reported.
//!
//! ## References
//! SDTMIG 3.4 §4.4 (timing variables: --DTC, --STDTC); Pinnacle 21 SD1331.

use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use crate::values::{get, text};
use model::{IsoDateTime, Severity};

pub struct StartAfterCollection;

static META: RuleMeta = RuleMeta {
    code: "SDT0090",
    name: "start_after_collection",
    severity: Severity::Warning,
    summary: "--STDTC is after --DTC in the same record",
    refs: &["P21:SD1331"],
};

fn pair(input: &Input) -> Option<(String, String)> {
    let p = super::prefix(input);
    let (st, dtc) = (format!("{p}STDTC"), format!("{p}DTC"));
    (input.has(&st) && input.has(&dtc)).then_some((st, dtc))
}

impl Rule for StartAfterCollection {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, input: &Input) -> bool {
        pair(input).is_some()
    }

    fn check(&self, _: &Study, input: &Input, out: &mut Sink<'_>) {
        let Some((sv, dv)) = pair(input) else {
            return;
        };
        for row in 0..input.dataset.len() {
            let parse = |var: &str| -> Option<(&str, IsoDateTime)> {
                let t = get(input, row, var).and_then(text)?;
                Some((t, t.parse().ok()?))
            };
            let (Some((st, s)), Some((dt, d))) = (parse(&sv), parse(&dv)) else {
                continue;
            };
            if s.is_after(&d) {
                out.record(
                    row,
                    &[(sv.as_str(), st.to_owned()), (dv.as_str(), dt.to_owned())],
                    format!("{sv} `{st}` is after {dv} `{dt}`"),
                );
            }
        }
    }
}
