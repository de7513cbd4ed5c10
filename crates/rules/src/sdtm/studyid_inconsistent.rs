//! ## What it checks
//! STUDYID has one value across every dataset of the submission. The study's value is the
//! one most DM records use (without DM, the one most records of the study use; on a tie, the
//! first in sort order); each other value is reported once per dataset, at its first record,
//! with the number of records that use it.
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
        // DM defines the study's subjects, so its STUDYID is the reference; reading DM alone
        // keeps the rule linear in the dataset checked.
        let reference: Vec<&Input> = match study.dataset("DM").filter(|dm| dm.has("STUDYID")) {
            Some(dm) => vec![dm],
            None => study.inputs.iter().collect(),
        };
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for other in reference {
            // Runs of one value are the rule, so count runs rather than look up every record.
            let mut run: Option<(&str, usize)> = None;
            for (_, v) in column(other, "STUDYID") {
                let Some(id) = text(v) else { continue };
                match &mut run {
                    Some((last, n)) if *last == id => *n += 1,
                    _ => {
                        if let Some((last, n)) = run.replace((id, 1)) {
                            *counts.entry(last).or_default() += n;
                        }
                    }
                }
            }
            if let Some((last, n)) = run {
                *counts.entry(last).or_default() += n;
            }
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
                format!("STUDYID `{id}` ({count} records here) differs from the study's `{main}`"),
            );
        }
    }
}
