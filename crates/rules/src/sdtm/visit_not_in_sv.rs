//! ## What it checks
//! When the study has an SV dataset, every `(USUBJID, VISITNUM)` of another subject-level
//! dataset is a visit of that subject in SV. Each missing visit is reported once per dataset,
//! at its first record, with the number of records that use it.
//!
//! ## Why it matters
//! SV records the visits each subject actually made; data at a visit SV does not know means
//! SV is incomplete or the data carry the wrong visit.
//!
//! ## Example
//! LB has records of `S-1` at `VISITNUM = 4`, SV has visits 1–3 for `S-1`: the first such LB
//! record is reported.
//!
//! ## References
//! SDTMIG 3.4 §5 (special-purpose domains: SV) and §4.4.5 (clinical encounters and visits).

use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use crate::values::{column, get, number, show, text};
use model::Severity;
use std::collections::{HashMap, HashSet};

pub struct VisitNotInSv;

static META: RuleMeta = RuleMeta {
    code: "SDT0067",
    name: "visit_not_in_sv",
    severity: Severity::Warning,
    summary: "a subject's VISITNUM has no record in SV",
    refs: &[],
};

impl Rule for VisitNotInSv {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, input: &Input) -> bool {
        input.name() != "SV"
            && !super::is_supp(input)
            && input.has("USUBJID")
            && input.has("VISITNUM")
    }

    fn check(&self, study: &Study, input: &Input, out: &mut Sink<'_>) {
        let Some(sv) = study.dataset("SV").filter(|s| s.has("VISITNUM")) else {
            return;
        };
        let visits: HashSet<(&str, u64)> = column(sv, "VISITNUM")
            .filter_map(|(row, v)| {
                Some((
                    get(sv, row, "USUBJID").and_then(text)?,
                    number(v)?.to_bits(),
                ))
            })
            .collect();
        let mut missing: HashMap<(&str, u64), (usize, usize, String)> = HashMap::new();
        for (row, v) in column(input, "VISITNUM") {
            let (Some(id), Some(n)) = (get(input, row, "USUBJID").and_then(text), number(v)) else {
                continue;
            };
            if !visits.contains(&(id, n.to_bits())) {
                missing
                    .entry((id, n.to_bits()))
                    .or_insert((row, 0, show(v)))
                    .1 += 1;
            }
        }
        let mut missing: Vec<_> = missing.into_iter().collect();
        missing.sort_by_key(|(_, (row, _, _))| *row);
        for ((id, _), (row, count, num)) in missing {
            out.record(
                row,
                &[("VISITNUM", num.clone()), ("USUBJID", id.to_owned())],
                format!("`{id}` has no SV record for VISITNUM `{num}` ({count} records here)"),
            );
        }
    }
}
