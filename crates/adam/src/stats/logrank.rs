//! Log-rank test of equal survival across two or more groups, and its stratified form.
//!
//! At each distinct event time with `n` at risk and `d` events, group `j` (with `n_j` at
//! risk) expects `d·n_j/n` events, and the hypergeometric covariance is
//! `d·(n−d)/(n−1) · n_j/n · (δ_jl − n_l/n)`. The statistic is `Uᵀ V⁻¹ U` over the first
//! `k−1` groups of `U = O − E`, chi-square with `k−1` degrees of freedom. The stratified test
//! sums `U` and `V` over strata before forming the quadratic form (R's
//! `survdiff(... + strata(s))`), so each stratum keeps its own baseline hazard.
// Index loops mirror the matrix formulas; iterator chains would hide them.
#![allow(clippy::needless_range_loop)]

use super::linalg::{Matrix, cholesky, cholesky_solve, zeros};
use super::{Result, StatsError, SurvivalData, check_times, dist, group_labels};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LogRankGroup {
    pub group: String,
    pub n: usize,
    pub observed: usize,
    /// Expected events under equal hazards, summed over strata.
    pub expected: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LogRank {
    pub groups: Vec<LogRankGroup>,
    /// Sorted stratum labels; empty for the unstratified test.
    pub strata: Vec<String>,
    pub chi2: f64,
    pub df: u32,
    pub p_value: f64,
    /// The full `k × k` covariance of `O − E` (its rows sum to zero).
    pub variance: Vec<Vec<f64>>,
}

/// Unstratified log-rank test; every row needs a group.
pub fn logrank(data: &[SurvivalData]) -> Result<LogRank> {
    check_times(data)?;
    let labels = group_labels(data)?;
    let all: Vec<&SurvivalData> = data.iter().collect();
    test(&labels, &[all], Vec::new())
}

/// Log-rank test stratified by `SurvivalData::stratum`; every row needs a group and a stratum.
pub fn logrank_stratified(data: &[SurvivalData]) -> Result<LogRank> {
    check_times(data)?;
    let labels = group_labels(data)?;
    let mut strata: BTreeMap<&str, Vec<&SurvivalData>> = BTreeMap::new();
    for (row, d) in data.iter().enumerate() {
        let s = d.stratum.as_deref().ok_or(StatsError::Missing {
            row,
            what: "stratum",
        })?;
        strata.entry(s).or_default().push(d);
    }
    let names = strata.keys().map(|s| (*s).to_owned()).collect();
    let parts: Vec<Vec<&SurvivalData>> = strata.into_values().collect();
    test(&labels, &parts, names)
}

struct Sums {
    observed: Vec<usize>,
    expected: Vec<f64>,
    variance: Matrix,
}

/// Adds one stratum's observed, expected and covariance to `sums`.
fn accumulate(labels: &[&str], rows: &[&SurvivalData], sums: &mut Sums) {
    let k = labels.len();
    let index = |d: &SurvivalData| {
        let g = d.group.as_deref().unwrap_or_default();
        labels.binary_search(&g).unwrap_or_default()
    };
    let mut sorted: Vec<(f64, bool, usize)> =
        rows.iter().map(|d| (d.time, d.event, index(d))).collect();
    sorted.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut at_risk = vec![0usize; k];
    for &(_, _, g) in &sorted {
        at_risk[g] += 1;
    }
    let mut i = 0;
    while i < sorted.len() {
        let time = sorted[i].0;
        let mut deaths = vec![0usize; k];
        let mut removed = vec![0usize; k];
        while i < sorted.len() && sorted[i].0 == time {
            let (_, event, g) = sorted[i];
            removed[g] += 1;
            if event {
                deaths[g] += 1;
            }
            i += 1;
        }
        let d: usize = deaths.iter().sum();
        let n: usize = at_risk.iter().sum();
        if d > 0 {
            let (nf, df) = (n as f64, d as f64);
            for j in 0..k {
                let share = at_risk[j] as f64 / nf;
                sums.observed[j] += deaths[j];
                sums.expected[j] += df * share;
                if n > 1 {
                    let factor = df * (nf - df) / (nf - 1.0);
                    for l in 0..k {
                        let other = at_risk[l] as f64 / nf;
                        let delta = if j == l { 1.0 } else { 0.0 };
                        sums.variance[j][l] += factor * share * (delta - other);
                    }
                }
            }
        }
        for j in 0..k {
            at_risk[j] -= removed[j];
        }
    }
}

fn test(labels: &[&str], strata: &[Vec<&SurvivalData>], names: Vec<String>) -> Result<LogRank> {
    let k = labels.len();
    if k < 2 {
        return Err(StatsError::TooFewGroups { found: k });
    }
    let mut sums = Sums {
        observed: vec![0; k],
        expected: vec![0.0; k],
        variance: zeros(k),
    };
    for rows in strata {
        accumulate(labels, rows, &mut sums);
    }
    if sums.observed.iter().sum::<usize>() == 0 {
        return Err(StatsError::NoEvents);
    }
    let u: Vec<f64> = (0..k - 1)
        .map(|j| sums.observed[j] as f64 - sums.expected[j])
        .collect();
    let v: Matrix = (0..k - 1)
        .map(|j| sums.variance[j][..k - 1].to_vec())
        .collect();
    let l = cholesky(&v).map_err(|j| {
        StatsError::Singular(format!(
            "group {} contributes no variance (nobody at risk at any event time, or all \
             events tied with everyone at risk)",
            labels[j]
        ))
    })?;
    let w = cholesky_solve(&l, &u);
    let chi2: f64 = u.iter().zip(&w).map(|(a, b)| a * b).sum();
    let df = u32::try_from(k - 1).unwrap_or(u32::MAX);
    let mut groups = Vec::with_capacity(k);
    for (j, label) in labels.iter().enumerate() {
        let n = strata
            .iter()
            .flatten()
            .filter(|d| d.group.as_deref() == Some(*label))
            .count();
        groups.push(LogRankGroup {
            group: (*label).to_owned(),
            n,
            observed: sums.observed[j],
            expected: sums.expected[j],
        });
    }
    Ok(LogRank {
        groups,
        strata: names,
        chi2,
        df,
        p_value: dist::chi2_sf(chi2, df),
        variance: sums.variance,
    })
}
