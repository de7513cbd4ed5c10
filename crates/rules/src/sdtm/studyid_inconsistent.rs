//! ## What it checks
//! STUDYID has one value across every dataset of the submission. The value most records use
//! is taken as the study's (on a tie, the first in sort order); each other value is reported
//! once per dataset, at its first record, with the number of records that use it.
//!
//! ## Why it matters
//! A submission folder is one study; a second STUDYID means a dataset from another study (or
//! an old extract) was packaged by mistake, or the identifier was typed differently.
//!
//! ## Example
//! DM and AE use `CDISCPILOT01`, LB uses `CDISC-PILOT-01`: the first LB record is reported.
//!
//! ## References
//! SDTMIG 3.4 §5.2 (DM: STUDYID) and §3 (submitting data in standard format).

use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use crate::values::{column, text};
use model::Severity;
use std::collections::{BTreeMap, HashMap};

pub struct StudyidInconsistent;

static META: RuleMeta = RuleMeta {
    code: "SDT0061",
    name: "studyid_inconsistent",
    severity: Severity::Error,
    summary: "STUDYID differs from the one the rest of the study uses",
    refs: &[],
};

impl Rule for StudyidInconsistent {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, input: &Input) -> bool {
        input.has("STUDYID")
    }

    fn check(&self, study: &Study, input: &Input, out: &mut Sink<'_>) {
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for other in &study.inputs {
            for (_, v) in column(other, "STUDYID") {
                if let Some(id) = text(v) {
                    *counts.entry(id).or_default() += 1;
                }
            }
        }
        if counts.len() < 2 {
            return;
        }
        // Most records first, then sort order: a stable choice of "the" study.
        let Some((&main, _)) = counts
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
        else {
            return;
        };
        let mut odd: HashMap<&str, (usize, usize)> = HashMap::new();
        for (row, v) in column(input, "STUDYID") {
            if let Some(id) = text(v).filter(|id| *id != main) {
                odd.entry(id).or_insert((row, 0)).1 += 1;
            }
        }
        let mut odd: Vec<_> = odd.into_iter().collect();
        odd.sort_by_key(|(_, (row, _))| *row);
        for (id, (row, count)) in odd {
            out.record(
                row,
                &[("STUDYID", id.to_owned())],
                format!("STUDYID `{id}` ({count} records here) differs from `{main}`, which the rest of the study uses"),
            );
        }
    }
}
