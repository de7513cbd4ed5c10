//! ## What it checks
//! When the study has a TV dataset, a record whose VISITNUM is a planned visit of TV has the
//! same VISIT as TV gives that visit. Each differing `(VISITNUM, VISIT)` pairing is reported
//! once per dataset, at its first record, with the number of records that use it.
//!
//! ## Why it matters
//! VISIT/VISITNUM must be one-to-one across the study, not only within a dataset; TV is the
//! reference the other datasets follow.
//!
//! ## Example
//! TV has `VISITNUM = 3`, `VISIT = "WEEK 2"`; an LB record with `VISITNUM = 3`,
//! `VISIT = "WK 2"` is reported.
//!
//! ## References
//! SDTMIG 3.4 §7.3.1 (TV) and §4.4.5 (clinical encounters and visits).

use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use crate::values::{column, get, number, show, text};
use model::Severity;
use std::collections::HashMap;

pub struct VisitDiffersFromTv;

static META: RuleMeta = RuleMeta {
    code: "SDT0038",
    name: "visit_differs_from_tv",
    severity: Severity::Error,
    summary: "VISIT differs from TV's VISIT for the same VISITNUM",
    refs: &[],
};

impl Rule for VisitDiffersFromTv {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, input: &Input) -> bool {
        input.name() != "TV" && input.has("VISITNUM") && input.has("VISIT")
    }

    fn check(&self, study: &Study, input: &Input, out: &mut Sink<'_>) {
        let Some(tv) = study.dataset("TV").filter(|t| t.has("VISIT")) else {
            return;
        };
        let mut names: HashMap<u64, &str> = HashMap::new();
        for (row, v) in column(tv, "VISITNUM") {
            if let (Some(n), Some(name)) = (number(v), get(tv, row, "VISIT").and_then(text)) {
                names.entry(n.to_bits()).or_insert(name);
            }
        }
        let mut differing: HashMap<(u64, &str), (usize, usize, String)> = HashMap::new();
        for (row, v) in column(input, "VISITNUM") {
            let (Some(n), Some(name)) = (number(v), get(input, row, "VISIT").and_then(text)) else {
                continue;
            };
            if names
                .get(&n.to_bits())
                .is_some_and(|tv_name| *tv_name != name)
            {
                differing
                    .entry((n.to_bits(), name))
                    .or_insert((row, 0, show(v)))
                    .1 += 1;
            }
        }
        let mut differing: Vec<_> = differing.into_iter().collect();
        differing.sort_by_key(|(_, (row, _, _))| *row);
        for ((bits, name), (row, count, num)) in differing {
            let tv_name = names[&bits];
            out.record(
                row,
                &[("VISIT", name.to_owned()), ("VISITNUM", num.clone())],
                format!(
                    "VISIT `{name}` for VISITNUM `{num}` ({count} records) differs from TV's `{tv_name}`"
                ),
            );
        }
    }
}
