//! Glue: SDTM in, every ADaM dataset and the endpoint summary out, in dependency order
//! (ADSL first: every other dataset copies its treatment and population variables).

use crate::summary::{self, Summary};
use crate::{adae, adsl, adtte, bds, gc_taper, lda};
use model::{Dataset, Finding};

/// Knobs of the derivation. The defaults are the example study's protocol.
#[derive(Debug, Clone, PartialEq)]
pub struct DeriveOptions {
    /// Include ADLB (the example study has 3,000 lab records; callers that only need the
    /// endpoints can skip it).
    pub adlb: bool,
}

impl Default for DeriveOptions {
    fn default() -> Self {
        DeriveOptions { adlb: true }
    }
}

#[derive(Debug, Clone)]
pub struct AdamOutput {
    /// ADSL, ADTTE, ADAE, ADRE, ADLB, ADGC, ADLDA (those whose inputs exist), in that order.
    pub datasets: Vec<Dataset>,
    pub summary: Summary,
    /// Sorted.
    pub findings: Vec<Finding>,
}

impl AdamOutput {
    pub fn dataset(&self, name: &str) -> Option<&Dataset> {
        self.datasets
            .iter()
            .find(|d| d.meta.name.eq_ignore_ascii_case(name))
    }
}

pub fn derive_all(sdtm: &[Dataset], opts: &DeriveOptions) -> AdamOutput {
    let mut findings = Vec::new();
    let subjects = adsl::subjects(sdtm, &mut findings);
    let mut datasets = Vec::new();
    if !subjects.is_empty() {
        datasets.push(adsl::dataset(&subjects));
        datasets.push(adtte::derive(sdtm, &subjects, &mut findings));
        if let Some(ae) = adae::derive(sdtm, &subjects, &mut findings) {
            datasets.push(ae);
        }
        let adre = bds::derive(sdtm, &subjects, "RE", &mut findings);
        if opts.adlb
            && let Some(lb) = bds::derive(sdtm, &subjects, "LB", &mut findings)
        {
            datasets.push(lb);
        }
        let gc = gc_taper::derive(sdtm, &subjects, &mut findings);
        if let Some(ds) = lda::derive(sdtm, &subjects, &gc, &mut findings) {
            datasets.push(ds);
        }
        if let Some(re) = adre {
            datasets.push(re);
        }
        if let Some(gc) = gc.dataset {
            datasets.push(gc);
        }
    }
    datasets.sort_by_key(|d| order(d.name()));
    let summary = summary::summarize(&datasets);
    findings.extend(summary.notes.iter().cloned().map(crate::stats_note));
    findings.sort();
    AdamOutput {
        datasets,
        summary,
        findings,
    }
}

fn order(name: &str) -> usize {
    ["ADSL", "ADTTE", "ADAE", "ADRE", "ADLB", "ADGC", "ADLDA"]
        .iter()
        .position(|n| *n == name)
        .unwrap_or(usize::MAX)
}
