//! ## What it checks
//! DM.DTHDTC agrees with DSSTDTC of the subject's DS record with `DSDECOD = "DEATH"`. Partial
//! dates disagree only when their known parts differ (`2016-05` agrees with `2016-05-02`).
//! With several DS death records, agreeing with any one is enough.
//!
//! ## Why it matters
//! Survival analyses take the date of death from one of the two; when they differ the
//! analysis depends on which one a programmer picked.
//!
//! ## Example
//! `DTHDTC = "2016-05-02"` in DM and `DSSTDTC = "2016-05-12"` on the DS DEATH record: the DM
//! record is reported.
//!
//! ## References
//! SDTMIG 3.4 §5.2 (DM: DTHDTC) and §6.2 (DS: DSSTDTC).

use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use crate::values::{column, get, text};
use model::{IsoDateTime, Severity};
use std::cmp::Ordering;
use std::collections::HashMap;

pub struct DeathDateDisagreesWithDisposition;

static META: RuleMeta = RuleMeta {
    code: "SDT0033",
    name: "death_date_disagrees_with_disposition",
    severity: Severity::Error,
    summary: "DM.DTHDTC differs from DSSTDTC of the DS death record",
    refs: &[],
};

impl Rule for DeathDateDisagreesWithDisposition {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, input: &Input) -> bool {
        input.name() == "DM" && input.has("USUBJID") && input.has("DTHDTC")
    }

    fn check(&self, study: &Study, input: &Input, out: &mut Sink<'_>) {
        let Some(ds) = study.dataset("DS").filter(|d| d.has("DSSTDTC")) else {
            return;
        };
        let mut dates: HashMap<&str, Vec<(&str, IsoDateTime)>> = HashMap::new();
        for (row, v) in column(ds, "DSDECOD") {
            if !text(v).is_some_and(|d| d.eq_ignore_ascii_case("DEATH")) {
                continue;
            }
            let id = get(ds, row, "USUBJID").and_then(text);
            let t = get(ds, row, "DSSTDTC").and_then(text);
            if let (Some(id), Some(t)) = (id, t)
                && let Ok(d) = t.parse()
            {
                dates.entry(id).or_default().push((t, d));
            }
        }
        for (row, v) in column(input, "DTHDTC") {
            let Some(t) = text(v) else { continue };
            let Ok(dth) = t.parse::<IsoDateTime>() else {
                continue;
            };
            let Some(ds_dates) = get(input, row, "USUBJID")
                .and_then(text)
                .and_then(|id| dates.get(id))
            else {
                continue;
            };
            let differs = |d: &IsoDateTime| {
                dth.date_part()
                    .compare(&d.date_part())
                    .is_some_and(|o| o != Ordering::Equal)
            };
            if ds_dates.iter().all(|(_, d)| differs(d)) {
                let shown: Vec<String> = ds_dates.iter().map(|(s, _)| format!("`{s}`")).collect();
                out.record(
                    row,
                    &[("DTHDTC", t.to_owned())],
                    format!(
                        "DTHDTC `{t}` differs from DSSTDTC {} of the DS death record",
                        shown.join(", ")
                    ),
                );
            }
        }
    }
}
