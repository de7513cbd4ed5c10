//! Cox proportional hazards by maximum partial likelihood, Efron or Breslow ties,
//! optionally stratified (a separate baseline hazard per stratum).
//!
//! With `d` tied events at a time, risk-set sums `S₀, S₁, S₂` and the tied events' own sums
//! `D₀, D₁, D₂`, Efron's approximation replaces the single denominator by
//! `S₀ − (l/d)·D₀` for `l = 0..d−1` (Breslow keeps `l/d = 0`). Newton–Raphson starts at
//! β = 0, halves a step that lowers the log partial likelihood, and stops once a full step
//! moves no coefficient by more than `tol`. Covariates are centred and scaled before fitting
//! (as lifelines does) so the singularity test is scale-free; results are mapped back. The
//! variance is the inverse observed information at the final estimate.
//!
//! A hazard ratio that is not estimable (no events; a covariate constant in every risk set;
//! a covariate whose events always sit at the extreme of their risk set, as when one arm has
//! no events) is an error rather than a huge or NaN coefficient.

use super::coxlik::{Model, strata_of};
use super::km::ConfInterval;
use super::linalg::{cholesky, cholesky_inverse, cholesky_solve};
use super::{Result, StatsError, SurvivalData, check_conf, check_times, dist};
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub enum Ties {
    /// lifelines' and R's default.
    #[default]
    Efron,
    /// SAS PHREG's default.
    Breslow,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CoxOptions {
    pub ties: Ties,
    pub conf_level: f64,
    pub max_iter: usize,
    /// Largest coefficient change (on the standardized scale) of a full Newton step that
    /// counts as converged; Newton converges quadratically, so the estimate is then far
    /// more precise than `tol`.
    pub tol: f64,
}

impl Default for CoxOptions {
    fn default() -> Self {
        CoxOptions {
            ties: Ties::Efron,
            conf_level: 0.95,
            max_iter: 50,
            tol: 1e-9,
        }
    }
}

/// A numeric covariate, one value per observation.
#[derive(Debug, Clone, PartialEq)]
pub struct Covariate {
    pub name: String,
    pub values: Vec<f64>,
}

impl Covariate {
    pub fn new(name: impl Into<String>, values: Vec<f64>) -> Self {
        Covariate {
            name: name.into(),
            values,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CoxCoefficient {
    pub name: String,
    pub coef: f64,
    pub se: f64,
    pub coef_ci: ConfInterval,
    pub hazard_ratio: f64,
    pub hr_ci: ConfInterval,
    /// Wald statistic coef/se and its two-sided normal p-value.
    pub z: f64,
    pub p_value: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CoxFit {
    pub coefficients: Vec<CoxCoefficient>,
    pub variance: Vec<Vec<f64>>,
    pub log_likelihood: f64,
    pub log_likelihood_null: f64,
    /// Likelihood-ratio test of all coefficients: 2·(ℓ − ℓ₀), chi-square with p df.
    pub lr_chi2: f64,
    pub lr_p_value: f64,
    pub n: usize,
    pub events: usize,
    pub iterations: usize,
    pub ties: Ties,
    pub conf_level: f64,
    /// Sorted stratum labels; empty when unstratified.
    pub strata: Vec<String>,
}

/// Cox model of `data`'s time and event on `covariates`; `stratified` uses
/// `SurvivalData::stratum` for separate baselines.
pub fn cox_ph(
    data: &[SurvivalData],
    covariates: &[Covariate],
    stratified: bool,
    opts: &CoxOptions,
) -> Result<CoxFit> {
    check_times(data)?;
    let z_crit = check_conf(opts.conf_level)?;
    let n = data.len();
    if covariates.is_empty() {
        return Err(StatsError::Singular("the model has no covariates".into()));
    }
    for c in covariates {
        if c.values.len() != n {
            let (name, found) = (c.name.clone(), c.values.len());
            return Err(StatsError::LengthMismatch {
                name,
                expected: n,
                found,
            });
        }
        if let Some((row, &value)) = c.values.iter().enumerate().find(|(_, v)| !v.is_finite()) {
            return Err(StatsError::InvalidCovariate {
                row,
                name: c.name.clone(),
                value,
            });
        }
    }
    let events = data.iter().filter(|d| d.event).count();
    if events == 0 {
        return Err(StatsError::NoEvents);
    }

    // Standardize: x' = (x − mean)/sd; β = β'/sd and Var(β) = Var(β')/(sd_i·sd_j).
    let p = covariates.len();
    let mut scale = Vec::with_capacity(p);
    let mut x = vec![vec![0.0; p]; n];
    for (j, c) in covariates.iter().enumerate() {
        let mean = c.values.iter().sum::<f64>() / n as f64;
        let ss: f64 = c.values.iter().map(|v| (v - mean) * (v - mean)).sum();
        let sd = (ss / n as f64).sqrt();
        if sd.is_nan() || sd <= 0.0 {
            return Err(StatsError::Singular(format!(
                "covariate {} is constant",
                c.name
            )));
        }
        for (row, v) in c.values.iter().enumerate() {
            x[row][j] = (v - mean) / sd;
        }
        scale.push(sd);
    }

    let (strata, names) = strata_of(data, stratified)?;
    let model = Model {
        data,
        x: &x,
        strata: &strata,
        p,
        ties: opts.ties,
    };
    model.check_separation(covariates)?;

    let mut beta = vec![0.0; p];
    let (mut ll, mut grad, mut info) = model.evaluate(&beta);
    let ll_null = ll;
    let mut iterations = 0;
    loop {
        if iterations >= opts.max_iter {
            return Err(StatsError::NotConverged { iterations });
        }
        iterations += 1;
        let l = cholesky(&info).map_err(|j| singular(covariates, j))?;
        let mut step = cholesky_solve(&l, &grad);
        let mut halvings = 0;
        let (next, next_ll, next_grad, next_info) = loop {
            let cand: Vec<f64> = beta.iter().zip(&step).map(|(b, s)| b + s).collect();
            let (cl, cg, ci) = model.evaluate(&cand);
            if cl.is_finite() && cl >= ll - 1e-12 * ll.abs() {
                break (cand, cl, cg, ci);
            }
            halvings += 1;
            if halvings > 40 {
                return Err(StatsError::NotConverged { iterations });
            }
            step.iter_mut().for_each(|s| *s *= 0.5);
        };
        let moved = step.iter().fold(0.0f64, |m, s| m.max(s.abs()));
        (beta, ll, grad, info) = (next, next_ll, next_grad, next_info);
        if halvings == 0 && moved <= opts.tol {
            break;
        }
    }

    let l = cholesky(&info).map_err(|j| singular(covariates, j))?;
    let inv = cholesky_inverse(&l);
    let variance: Vec<Vec<f64>> = (0..p)
        .map(|i| (0..p).map(|j| inv[i][j] / (scale[i] * scale[j])).collect())
        .collect();
    let coefficients = covariates
        .iter()
        .enumerate()
        .map(|(j, c)| {
            let coef = beta[j] / scale[j];
            let se = variance[j][j].sqrt();
            let coef_ci = ConfInterval {
                lower: coef - z_crit * se,
                upper: coef + z_crit * se,
            };
            let z = coef / se;
            CoxCoefficient {
                name: c.name.clone(),
                coef,
                se,
                coef_ci,
                hazard_ratio: coef.exp(),
                hr_ci: ConfInterval {
                    lower: coef_ci.lower.exp(),
                    upper: coef_ci.upper.exp(),
                },
                z,
                p_value: dist::normal_two_sided_p(z),
            }
        })
        .collect();
    let lr_chi2 = (2.0 * (ll - ll_null)).max(0.0);
    Ok(CoxFit {
        coefficients,
        variance,
        log_likelihood: ll,
        log_likelihood_null: ll_null,
        lr_chi2,
        lr_p_value: dist::chi2_sf(lr_chi2, u32::try_from(p).unwrap_or(u32::MAX)),
        n,
        events,
        iterations,
        ties: opts.ties,
        conf_level: opts.conf_level,
        strata: names,
    })
}

/// Cox model on a single treatment indicator: 1 for rows whose group is `treated`, 0 for
/// the others, so the hazard ratio is `treated` versus the rest.
pub fn cox_treatment(
    data: &[SurvivalData],
    treated: &str,
    stratified: bool,
    opts: &CoxOptions,
) -> Result<CoxFit> {
    let labels = super::group_labels(data)?;
    if !labels.contains(&treated) {
        return Err(StatsError::UnknownGroup {
            group: treated.to_owned(),
        });
    }
    if labels.len() < 2 {
        return Err(StatsError::TooFewGroups {
            found: labels.len(),
        });
    }
    let values = data
        .iter()
        .map(|d| f64::from(u8::from(d.group.as_deref() == Some(treated))))
        .collect();
    cox_ph(data, &[Covariate::new(treated, values)], stratified, opts)
}

fn singular(covariates: &[Covariate], j: usize) -> StatsError {
    let name = covariates.get(j).map_or("?", |c| c.name.as_str());
    StatsError::Singular(format!(
        "covariate {name} is collinear with the others or constant within every risk set"
    ))
}
