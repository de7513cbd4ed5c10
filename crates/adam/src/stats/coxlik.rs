//! The Cox log partial likelihood, its gradient and information, evaluated in one sweep
//! over each stratum from the latest time back, so each risk set is the previous one plus
//! the rows tied at the current time.
// Index loops mirror the matrix formulas; iterator chains would hide them.
#![allow(clippy::needless_range_loop)]

use super::cox::{Covariate, Ties};
use super::linalg::{Matrix, zeros};
use super::{Result, StatsError, SurvivalData};
use std::collections::BTreeMap;

/// Row indices per stratum, each sorted by descending time (so the risk set only grows).
pub(crate) fn strata_of(
    data: &[SurvivalData],
    stratified: bool,
) -> Result<(Vec<Vec<usize>>, Vec<String>)> {
    let mut groups: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (row, d) in data.iter().enumerate() {
        let key = if stratified {
            d.stratum.as_deref().ok_or(StatsError::Missing {
                row,
                what: "stratum",
            })?
        } else {
            ""
        };
        groups.entry(key).or_default().push(row);
    }
    let names = if stratified {
        groups.keys().map(|k| (*k).to_owned()).collect()
    } else {
        vec![]
    };
    let mut out: Vec<Vec<usize>> = groups.into_values().collect();
    for rows in &mut out {
        rows.sort_by(|&a, &b| data[b].time.total_cmp(&data[a].time).then(a.cmp(&b)));
    }
    Ok((out, names))
}

pub(crate) struct Model<'a> {
    pub(crate) data: &'a [SurvivalData],
    pub(crate) x: &'a [Vec<f64>],
    pub(crate) strata: &'a [Vec<usize>],
    pub(crate) p: usize,
    pub(crate) ties: Ties,
}

impl Model<'_> {
    /// Calls `f(tied rows)` for each distinct time of a stratum, latest first.
    fn for_each_time(&self, rows: &[usize], mut f: impl FnMut(&[usize])) {
        let mut i = 0;
        while i < rows.len() {
            let t = self.data[rows[i]].time;
            let start = i;
            while i < rows.len() && self.data[rows[i]].time == t {
                i += 1;
            }
            f(&rows[start..i]);
        }
    }

    /// Infinite estimates the Newton iteration would only chase: if every event's value of
    /// a covariate is the largest (smallest) in its risk set, and strictly so somewhere, the
    /// partial likelihood increases without bound in that coefficient.
    pub(crate) fn check_separation(&self, covariates: &[Covariate]) -> Result<()> {
        for (j, c) in covariates.iter().enumerate() {
            let (mut all_max, mut all_min, mut strict) = (true, true, false);
            for rows in self.strata {
                let (mut hi, mut lo) = (f64::NEG_INFINITY, f64::INFINITY);
                self.for_each_time(rows, |tied| {
                    for &r in tied {
                        hi = hi.max(self.x[r][j]);
                        lo = lo.min(self.x[r][j]);
                    }
                    for &r in tied.iter().filter(|&&r| self.data[r].event) {
                        let v = self.x[r][j];
                        all_max &= v >= hi;
                        all_min &= v <= lo;
                        strict |= hi > lo;
                    }
                });
            }
            if strict && (all_max || all_min) {
                let direction = if all_max { "+infinity" } else { "-infinity" };
                return Err(StatsError::InfiniteEstimate {
                    name: c.name.clone(),
                    direction,
                });
            }
        }
        Ok(())
    }

    /// Log partial likelihood, its gradient and the observed information at `beta`.
    pub(crate) fn evaluate(&self, beta: &[f64]) -> (f64, Vec<f64>, Matrix) {
        let p = self.p;
        let mut ll = 0.0;
        let mut grad = vec![0.0; p];
        let mut info = zeros(p);
        let eta: Vec<f64> = self
            .x
            .iter()
            .map(|xi| xi.iter().zip(beta).map(|(a, b)| a * b).sum())
            .collect();
        for rows in self.strata {
            // Weights relative to the largest, so exp never overflows; the shift m adds
            // back as a constant in each log-denominator.
            let m = rows
                .iter()
                .map(|&r| eta[r])
                .fold(f64::NEG_INFINITY, f64::max);
            let (mut s0, mut s1, mut s2) = (0.0, vec![0.0; p], zeros(p));
            self.for_each_time(rows, |tied| {
                let (mut d0, mut d1, mut d2) = (0.0, vec![0.0; p], zeros(p));
                let mut deaths = 0usize;
                for &r in tied {
                    let w = (eta[r] - m).exp();
                    let xr = &self.x[r];
                    s0 += w;
                    for a in 0..p {
                        s1[a] += w * xr[a];
                        for b in 0..=a {
                            s2[a][b] += w * xr[a] * xr[b];
                        }
                    }
                    if self.data[r].event {
                        deaths += 1;
                        ll += eta[r];
                        d0 += w;
                        for a in 0..p {
                            grad[a] += xr[a];
                            d1[a] += w * xr[a];
                            for b in 0..=a {
                                d2[a][b] += w * xr[a] * xr[b];
                            }
                        }
                    }
                }
                for l in 0..deaths {
                    let f = match self.ties {
                        Ties::Efron => l as f64 / deaths as f64,
                        Ties::Breslow => 0.0,
                    };
                    let den = s0 - f * d0;
                    ll -= den.ln() + m;
                    let mean: Vec<f64> = (0..p).map(|a| (s1[a] - f * d1[a]) / den).collect();
                    for a in 0..p {
                        grad[a] -= mean[a];
                        for b in 0..=a {
                            info[a][b] += (s2[a][b] - f * d2[a][b]) / den - mean[a] * mean[b];
                        }
                    }
                }
            });
        }
        for a in 0..p {
            for b in 0..a {
                info[b][a] = info[a][b];
            }
        }
        (ll, grad, info)
    }
}
