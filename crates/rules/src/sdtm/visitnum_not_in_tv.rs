//! ## What it checks
//! When the study has a TV dataset, every whole-number VISITNUM in another dataset is a
//! planned visit of TV. Unplanned visits, numbered with decimals (`3.1`) by convention, are
//! not in TV and are not reported. Each missing visit number is reported once per dataset,
//! at its first record, with the number of records that use it.
//!
//! ## Why it matters
//! TV lists the planned visits; a planned-looking visit number TV does not know means TV is
//! incomplete or the visit was numbered differently at collection.
//!
//! ## Example
//! TV has VISITNUM 1, 2, 3; an SV record with `VISITNUM = 4` is reported, one with
//! `VISITNUM = 3.1` is not.
//!
//! ## References
//! SDTMIG 3.4 §7.3.1 (TV: planned visits only) and §4.4.5 (visits, unplanned visits).

use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use crate::values::{column, number, show};
use model::Severity;
use std::collections::{HashMap, HashSet};

pub struct VisitnumNotInTv;

static META: RuleMeta = RuleMeta {
    code: "SDT0037",
    name: "visitnum_not_in_tv",
    severity: Severity::Error,
    summary: "a planned (whole-number) VISITNUM is not in TV",
    refs: &[],
};

impl Rule for VisitnumNotInTv {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, input: &Input) -> bool {
        input.name() != "TV" && input.has("VISITNUM")
    }

    fn check(&self, study: &Study, input: &Input, out: &mut Sink<'_>) {
        let Some(tv) = study.dataset("TV").filter(|t| t.has("VISITNUM")) else {
            return;
        };
        // Compared as bit patterns of whole numbers, which are exact.
        let planned: HashSet<u64> = column(tv, "VISITNUM")
            .filter_map(|(_, v)| number(v))
            .map(f64::to_bits)
            .collect();
        let mut missing: HashMap<u64, (usize, usize, String)> = HashMap::new();
        for (row, v) in column(input, "VISITNUM") {
            let Some(n) = number(v).filter(|n| n.fract() == 0.0) else {
                continue;
            };
            if !planned.contains(&n.to_bits()) {
                missing.entry(n.to_bits()).or_insert((row, 0, show(v))).1 += 1;
            }
        }
        let mut missing: Vec<_> = missing.into_values().collect();
        missing.sort();
        for (row, count, shown) in missing {
            out.record(
                row,
                &[("VISITNUM", shown.clone())],
                format!("VISITNUM `{shown}` ({count} records) is not a planned visit in TV"),
            );
        }
    }
}
