//! ## What it checks
//! In DM, the date of informed consent is not after the reference start dates (RFICDTC ≤
//! RFSTDTC and RFICDTC ≤ RFXSTDTC), and the end of exposure is not after the end of
//! participation (RFXENDTC ≤ RFPENDTC). Partial dates are compared only where their known
//! parts decide the order. RFSTDTC ≤ RFENDTC is SDT0012's.
//!
//! ## Why it matters
//! No study procedure may precede consent, and a subject cannot be dosed after leaving the
//! study; either order means a date was mistyped or derived from the wrong source.
//!
//! ## Example
//! `RFICDTC = "2016-03-09"`, `RFSTDTC = "2016-03-07"` is reported on RFICDTC;
//! `RFICDTC = "2016-03"` against `RFSTDTC = "2016-03-07"` is not (it cannot be decided).
//!
//! ## References
//! SDTMIG 3.4 §5.2 (DM: RFICDTC, RFSTDTC, RFXSTDTC, RFXENDTC, RFPENDTC).

use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use crate::values::{get, text};
use model::{IsoDateTime, Severity};
use std::cmp::Ordering;

pub struct RfDatesOutOfOrder;

static META: RuleMeta = RuleMeta {
    code: "SDT0030",
    name: "rf_dates_out_of_order",
    severity: Severity::Error,
    summary: "DM reference dates out of order (consent after start, exposure after participation)",
    refs: &[],
};

/// `(earlier, later)`: the first must not be after the second.
const ORDER: [(&str, &str); 3] = [
    ("RFICDTC", "RFSTDTC"),
    ("RFICDTC", "RFXSTDTC"),
    ("RFXENDTC", "RFPENDTC"),
];

impl Rule for RfDatesOutOfOrder {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, input: &Input) -> bool {
        input.name() == "DM" && ORDER.iter().any(|(a, b)| input.has(a) && input.has(b))
    }

    fn check(&self, _: &Study, input: &Input, out: &mut Sink<'_>) {
        for row in 0..input.dataset.len() {
            let parse = |var: &str| -> Option<(&str, IsoDateTime)> {
                let t = get(input, row, var).and_then(text)?;
                Some((t, t.parse().ok()?))
            };
            for (a, b) in ORDER {
                let (Some((at, ad)), Some((bt, bd))) = (parse(a), parse(b)) else {
                    continue;
                };
                if ad.compare(&bd) == Some(Ordering::Greater) {
                    out.record(
                        row,
                        &[(a, at.to_owned()), (b, bt.to_owned())],
                        format!("{a} `{at}` is after {b} `{bt}`"),
                    );
                }
            }
        }
    }
}
