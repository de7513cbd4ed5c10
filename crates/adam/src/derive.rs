//! Glue: SDTM in, every ADaM dataset of the spec and the endpoint summary out, in
//! dependency order (ADSL first: every other dataset copies its treatment and population
//! variables).

use crate::spec::AnalysisSpec;
use crate::summary::{self, Summary};
use crate::{adae, adsl, adtte, bds, composite, dose};
use model::{Dataset, Finding};
use std::collections::BTreeMap;

/// Knobs of the derivation.
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
    /// ADSL, ADTTE, ADAE, the spec's findings, dose and composite datasets (those whose
    /// inputs exist).
    pub datasets: Vec<Dataset>,
    pub summary: Summary,
    /// Sorted.
    pub findings: Vec<Finding>,
    /// The primary endpoint's horizon in days (the summary's primary time-to-event
    /// endpoint's, else the first ADTTE parameter's), when ADTTE was derived: what the
    /// registry's time frame is checked against.
    pub horizon: Option<f64>,
}

impl AdamOutput {
    pub fn dataset(&self, name: &str) -> Option<&Dataset> {
        self.datasets
            .iter()
            .find(|d| d.meta.name.eq_ignore_ascii_case(name))
    }
}

pub fn derive_all(sdtm: &[Dataset], spec: &AnalysisSpec, opts: &DeriveOptions) -> AdamOutput {
    let mut findings = Vec::new();
    let subjects = adsl::subjects(sdtm, spec, &mut findings);
    let mut datasets = Vec::new();
    let mut horizon = None;
    if !subjects.is_empty() {
        datasets.push(adsl::dataset(&subjects, spec));
        if let Some(tte) = &spec.adtte {
            datasets.push(adtte::derive(sdtm, spec, tte, &subjects, &mut findings));
            // The primary endpoint's horizon: the summary's primary time-to-event endpoint,
            // else the first parameter.
            let primary = spec
                .summary
                .time_to_event
                .iter()
                .find(|e| e.purpose == crate::spec::Purpose::Primary)
                .and_then(|e| tte.parameters.iter().find(|p| p.paramcd == e.paramcd));
            horizon = primary
                .or(tte.parameters.first())
                .map(|p| p.horizon.nominal_days());
        }
        if let Some(ae) = adae::derive(sdtm, spec.teae_window_days, &subjects, &mut findings) {
            datasets.push(ae);
        }
        for b in &spec.bds {
            if b.dataset == "ADLB" && !opts.adlb {
                continue;
            }
            datasets.extend(bds::derive(sdtm, spec, b, &subjects, &mut findings));
        }
        let mut doses = BTreeMap::new();
        for d in &spec.doses {
            let mut got = dose::derive(sdtm, spec, d, &subjects, &mut findings);
            datasets.extend(got.dataset.take());
            doses.insert(d.dataset.clone(), got);
        }
        for c in &spec.composites {
            datasets.push(composite::derive(sdtm, spec, c, &subjects, &doses));
        }
    }
    // A dataset no record could be derived for is not written: the findings say why.
    datasets.retain(|d| d.name() == "ADSL" || !d.rows.is_empty());
    datasets.sort_by_key(|d| order(d.name()));
    let summary = summary::summarize(&datasets, spec);
    findings.extend(summary.notes.iter().cloned().map(crate::stats_note));
    if summary.time_to_event.is_empty()
        && summary.change.is_empty()
        && summary.proportion.is_empty()
    {
        findings.push(crate::stats_note(
            "no endpoint of the analysis spec's summary.toml could be computed from these \
             datasets (the findings above say what is missing); summary/ is not written"
                .into(),
        ));
    }
    findings.sort();
    AdamOutput {
        datasets,
        summary,
        findings,
        horizon,
    }
}

/// ADSL, ADTTE, ADAE, then the BDS datasets by name (ADRE before ADLB, as the example
/// study has always written them), then ADGC and ADLDA.
fn order(name: &str) -> (usize, String) {
    let fixed = ["ADSL", "ADTTE", "ADAE", "ADRE", "ADLB", "ADGC", "ADLDA"];
    match fixed.iter().position(|n| *n == name) {
        Some(i) => (i, String::new()),
        None => (4, name.to_owned()),
    }
}
