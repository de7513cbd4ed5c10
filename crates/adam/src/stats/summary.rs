//! Descriptive summaries of a numeric analysis variable by group, as endpoint tables show
//! change from baseline (ADaM BDS `CHG`): n, mean, SD, median, min, max.
//!
//! Missing values (`None`) are counted but not summarized; a non-finite value is an error,
//! because it means a derivation went wrong upstream rather than a missing visit.

use super::{Result, StatsError};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    pub n: usize,
    pub n_missing: usize,
    pub mean: Option<f64>,
    /// Sample standard deviation (divisor n − 1); `None` below two values.
    pub sd: Option<f64>,
    /// Middle value, or the mean of the two middle values.
    pub median: Option<f64>,
    pub min: Option<f64>,
    pub max: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupSummary {
    pub group: Option<String>,
    #[serde(flatten)]
    pub summary: Summary,
}

/// Summary of one sample; row numbers in errors are indices into `values`.
pub fn summarize(values: &[Option<f64>]) -> Result<Summary> {
    let indexed: Vec<(usize, Option<f64>)> = values.iter().copied().enumerate().collect();
    summarize_indexed(&indexed)
}

fn summarize_indexed(values: &[(usize, Option<f64>)]) -> Result<Summary> {
    let mut xs = Vec::with_capacity(values.len());
    for &(row, v) in values {
        match v {
            Some(x) if !x.is_finite() => return Err(StatsError::InvalidValue { row, value: x }),
            Some(x) => xs.push(x),
            None => {}
        }
    }
    let n = xs.len();
    let n_missing = values.len() - n;
    if n == 0 {
        let none = None;
        return Ok(Summary {
            n,
            n_missing,
            mean: none,
            sd: none,
            median: none,
            min: none,
            max: none,
        });
    }
    xs.sort_by(f64::total_cmp);
    let nf = n as f64;
    // Second pass corrects the rounding of the first mean (Kahan's "corrected two-pass").
    let rough = xs.iter().sum::<f64>() / nf;
    let mean = rough + xs.iter().map(|x| x - rough).sum::<f64>() / nf;
    let sd = (n > 1).then(|| {
        let (ss, s): (f64, f64) = xs.iter().fold((0.0, 0.0), |(ss, s), x| {
            (ss + (x - mean) * (x - mean), s + (x - mean))
        });
        ((ss - s * s / nf) / (nf - 1.0)).max(0.0).sqrt()
    });
    let median = if n % 2 == 1 {
        xs[n / 2]
    } else {
        0.5 * (xs[n / 2 - 1] + xs[n / 2])
    };
    Ok(Summary {
        n,
        n_missing,
        mean: Some(mean),
        sd,
        median: Some(median),
        min: xs.first().copied(),
        max: xs.last().copied(),
    })
}

/// Summaries per group, sorted by group (`None` first); row numbers in errors count the
/// items of `rows` from 0.
pub fn summarize_by_group<'a, I>(rows: I) -> Result<Vec<GroupSummary>>
where
    I: IntoIterator<Item = (Option<&'a str>, Option<f64>)>,
{
    let mut groups: BTreeMap<Option<&str>, Vec<(usize, Option<f64>)>> = BTreeMap::new();
    for (row, (group, value)) in rows.into_iter().enumerate() {
        groups.entry(group).or_default().push((row, value));
    }
    groups
        .into_iter()
        .map(|(g, vals)| {
            Ok(GroupSummary {
                group: g.map(str::to_owned),
                summary: summarize_indexed(&vals)?,
            })
        })
        .collect()
}
