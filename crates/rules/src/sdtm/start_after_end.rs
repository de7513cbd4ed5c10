//! ## What it checks
//! --STDTC is not after --ENDTC in the same record (and RFSTDTC not after RFENDTC,
//! RFXSTDTC not after RFXENDTC in DM). Partial dates are compared only where their known
//! parts decide the order.
//!
//! ## Why it matters
//! An event that ends before it starts has a negative duration; usually day and month were
//! swapped when a `DD/MM/YYYY` date was typed as `MM/DD/YYYY`.
//!
//! ## Example
//! `AESTDTC = "2016-03-07"`, `AEENDTC = "2016-02-07"` is reported; `2016-03` vs
//! `2016-03-07` is not (it cannot be decided).
//!
//! ## References
//! SDTMIG 3.4 §4.4.8 (date/time of start and end); CDISC conformance rules on start/end order.

use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use crate::values::{get, text};
use model::{IsoDateTime, Severity};

pub struct StartAfterEnd;

static META: RuleMeta = RuleMeta {
    code: "SDT0012",
    name: "start_after_end",
    severity: Severity::Error,
    summary: "start date/time is after end date/time",
    refs: &[],
};

fn pairs(input: &Input) -> Vec<(String, String)> {
    let d = input.domain().to_ascii_uppercase();
    let mut v = vec![(format!("{d}STDTC"), format!("{d}ENDTC"))];
    if d == "DM" {
        v.push(("RFSTDTC".into(), "RFENDTC".into()));
        v.push(("RFXSTDTC".into(), "RFXENDTC".into()));
    }
    v.into_iter()
        .filter(|(s, e)| input.has(s) && input.has(e))
        .collect()
}

impl Rule for StartAfterEnd {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, input: &Input) -> bool {
        !pairs(input).is_empty()
    }

    fn check(&self, _: &Study, input: &Input, out: &mut Sink<'_>) {
        for (sv, ev) in pairs(input) {
            for row in 0..input.dataset.len() {
                let parse = |var: &str| -> Option<(String, IsoDateTime)> {
                    let t = get(input, row, var).and_then(text)?;
                    Some((t.to_owned(), t.parse().ok()?))
                };
                let (Some((st, s)), Some((et, e))) = (parse(&sv), parse(&ev)) else {
                    continue;
                };
                if s.is_after(&e) {
                    out.record(
                        row,
                        &[(sv.as_str(), st.clone()), (ev.as_str(), et.clone())],
                        format!("{sv} `{st}` is after {ev} `{et}`"),
                    );
                }
            }
        }
    }
}
