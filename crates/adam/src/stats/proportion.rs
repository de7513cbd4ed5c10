//! A proportion of responders with its Wilson score interval: the interval that keeps its
//! coverage near the nominal level for small samples and for proportions near 0 or 1, where
//! the Wald interval fails (0 of 5 responders gives the Wald interval 0–0).

use super::{Result, StatsError};

/// Responders out of evaluable subjects, with its confidence interval.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Proportion {
    pub responders: usize,
    pub n: usize,
    pub estimate: f64,
    pub lower: f64,
    pub upper: f64,
}

/// `k` of `n` with the Wilson score interval at `conf_level` (e.g. 0.95).
pub fn wilson(k: usize, n: usize, conf_level: f64) -> Result<Proportion> {
    if n == 0 {
        return Err(StatsError::Empty);
    }
    if k > n {
        return Err(StatsError::InvalidValue {
            row: 0,
            value: k as f64,
        });
    }
    let z = super::check_conf(conf_level)?;
    let (kf, nf) = (k as f64, n as f64);
    let p = kf / nf;
    let z2 = z * z;
    let centre = (p + z2 / (2.0 * nf)) / (1.0 + z2 / nf);
    let half = z / (1.0 + z2 / nf) * (p * (1.0 - p) / nf + z2 / (4.0 * nf * nf)).sqrt();
    // At 0 and n the bound is exactly 0 or 1; rounding must not move it.
    let lower = if k == 0 {
        0.0
    } else {
        (centre - half).max(0.0)
    };
    let upper = if k == n {
        1.0
    } else {
        (centre + half).min(1.0)
    };
    Ok(Proportion {
        responders: k,
        n,
        estimate: p,
        lower,
        upper,
    })
}

#[cfg(test)]
mod tests {
    use super::wilson;

    /// Reference values from scipy 1.x, `binomtest(k, n).proportion_ci(0.95, method="wilson")`.
    #[test]
    fn matches_scipy_wilson_intervals() {
        for (k, n, lo, hi) in [
            (3, 10, 0.10779126740630102, 0.6032218525388546),
            (0, 5, 0.0, 0.43448246478317476),
            (5, 5, 0.5655175352168251, 1.0),
            (26, 58, 0.3274985404778122, 0.5754791687415537),
        ] {
            let p = wilson(k, n, 0.95).unwrap();
            assert!(
                (p.lower - lo).abs() < 1e-9,
                "{k}/{n} lower {} vs {lo}",
                p.lower
            );
            assert!(
                (p.upper - hi).abs() < 1e-9,
                "{k}/{n} upper {} vs {hi}",
                p.upper
            );
        }
    }

    #[test]
    fn no_subjects_or_more_responders_than_subjects_is_an_error() {
        assert!(wilson(0, 0, 0.95).is_err());
        assert!(wilson(3, 2, 0.95).is_err());
        assert!(wilson(1, 2, 1.5).is_err());
    }
}
