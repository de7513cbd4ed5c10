//! Kaplan–Meier product-limit estimate with Greenwood variance.
//!
//! The table has a row at every distinct observed time, censoring-only times included (as
//! lifelines' `event_table` does), so the number at risk can be read off at any time.
//! Two 95% intervals are given: the plain one, `S ± z·SE(S)` clipped to [0, 1], and the
//! log(−log) one, `exp(−exp(log(−log S) ± z·σ/|log S|))` with `σ² = Σ d/(n(n−d))`.
//! lifelines' `KaplanMeierFitter` reports the log(−log) interval ("exponential Greenwood"),
//! as does R's `survfit(conf.type = "log-log")` and SAS `PROC LIFETEST`; it never leaves
//! [0, 1], which is why it is the default here too.

use super::{Result, StatsError, SurvivalData, check_conf, check_times};
use serde::Serialize;
use std::collections::BTreeMap;

/// Slack for "survival at or below one half": a product of ratios that equals 1/2 exactly
/// can land an ulp above it.
const MEDIAN_SLACK: f64 = 1e-12;

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ConfInterval {
    pub lower: f64,
    pub upper: f64,
}

/// One distinct observed time of the product-limit table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KmRow {
    pub time: f64,
    pub n_risk: usize,
    pub n_event: usize,
    pub n_censor: usize,
    /// S(t), right-continuous: it includes the events at `time`.
    pub survival: f64,
    /// Greenwood's sum Σ d/(n(n−d)) up to `time`; Var(S) = S²·sum.
    pub greenwood: f64,
    /// Greenwood standard error of S(t).
    pub std_err: f64,
    pub ci_loglog: ConfInterval,
    pub ci_plain: ConfInterval,
}

/// S(t) and its intervals at an arbitrary time.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KmPoint {
    pub time: f64,
    pub survival: f64,
    pub std_err: f64,
    pub ci_loglog: ConfInterval,
    pub ci_plain: ConfInterval,
    /// Subjects still at risk just after `time`.
    pub n_risk_after: usize,
}

/// Median survival time with its interval; `None` where the curve (or that interval curve)
/// never reaches one half.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Median {
    pub estimate: Option<f64>,
    pub lower: Option<f64>,
    pub upper: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KaplanMeier {
    pub group: Option<String>,
    pub n: usize,
    pub events: usize,
    pub conf_level: f64,
    pub rows: Vec<KmRow>,
}

fn loglog_interval(s: f64, greenwood: f64, z: f64) -> ConfInterval {
    if s >= 1.0 {
        return ConfInterval {
            lower: 1.0,
            upper: 1.0,
        };
    }
    if s <= 0.0 {
        return ConfInterval {
            lower: 0.0,
            upper: 0.0,
        };
    }
    let log_s = s.ln();
    let centre = (-log_s).ln();
    let half = z * greenwood.sqrt() / -log_s;
    ConfInterval {
        lower: (-(centre + half).exp()).exp(),
        upper: (-(centre - half).exp()).exp(),
    }
}

fn plain_interval(s: f64, se: f64, z: f64) -> ConfInterval {
    ConfInterval {
        lower: (s - z * se).clamp(0.0, 1.0),
        upper: (s + z * se).clamp(0.0, 1.0),
    }
}

/// Product-limit estimate of one sample. `conf_level` is e.g. 0.95.
pub fn kaplan_meier(times: &[f64], events: &[bool], conf_level: f64) -> Result<KaplanMeier> {
    if times.len() != events.len() {
        return Err(StatsError::LengthMismatch {
            name: "event".into(),
            expected: times.len(),
            found: events.len(),
        });
    }
    let data: Vec<SurvivalData> = times
        .iter()
        .zip(events)
        .map(|(&t, &e)| SurvivalData::new(t, e))
        .collect();
    fit(&data, None, conf_level)
}

/// One estimate per group (rows without a group form the group `None`), in sorted order.
pub fn kaplan_meier_by_group(data: &[SurvivalData], conf_level: f64) -> Result<Vec<KaplanMeier>> {
    check_times(data)?;
    let mut groups: BTreeMap<Option<&str>, Vec<SurvivalData>> = BTreeMap::new();
    for d in data {
        groups
            .entry(d.group.as_deref())
            .or_default()
            .push(d.clone());
    }
    groups
        .into_iter()
        .map(|(g, rows)| fit(&rows, g.map(str::to_owned), conf_level))
        .collect()
}

fn fit(data: &[SurvivalData], group: Option<String>, conf_level: f64) -> Result<KaplanMeier> {
    check_times(data)?;
    let z = check_conf(conf_level)?;
    let mut sorted: Vec<(f64, bool)> = data.iter().map(|d| (d.time, d.event)).collect();
    sorted.sort_by(|a, b| a.0.total_cmp(&b.0));

    let mut rows = Vec::new();
    let mut at_risk = sorted.len();
    let mut survival = 1.0;
    let mut greenwood = 0.0;
    let mut i = 0;
    while i < sorted.len() {
        let time = sorted[i].0;
        let (mut n_event, mut n_censor) = (0, 0);
        while i < sorted.len() && sorted[i].0 == time {
            if sorted[i].1 {
                n_event += 1;
            } else {
                n_censor += 1;
            }
            i += 1;
        }
        if n_event > 0 {
            let (n, d) = (at_risk as f64, n_event as f64);
            survival *= (n - d) / n;
            // When everyone at risk dies S drops to 0 and the term is infinite; lifelines
            // drops it, and the interval collapses to 0 either way.
            if n_event < at_risk {
                greenwood += d / (n * (n - d));
            }
        }
        let std_err = survival * greenwood.sqrt();
        rows.push(KmRow {
            time,
            n_risk: at_risk,
            n_event,
            n_censor,
            survival,
            greenwood,
            std_err,
            ci_loglog: loglog_interval(survival, greenwood, z),
            ci_plain: plain_interval(survival, std_err, z),
        });
        at_risk -= n_event + n_censor;
    }
    let events = rows.iter().map(|r| r.n_event).sum();
    Ok(KaplanMeier {
        group,
        n: sorted.len(),
        events,
        conf_level,
        rows,
    })
}

impl KaplanMeier {
    /// S(t) with intervals; the step function is right-continuous, so an event at exactly
    /// `t` counts, and past the last observation the last value holds.
    pub fn at(&self, t: f64) -> KmPoint {
        let idx = self.rows.partition_point(|r| r.time <= t);
        match idx.checked_sub(1).map(|k| &self.rows[k]) {
            None => KmPoint {
                time: t,
                survival: 1.0,
                std_err: 0.0,
                ci_loglog: ConfInterval {
                    lower: 1.0,
                    upper: 1.0,
                },
                ci_plain: ConfInterval {
                    lower: 1.0,
                    upper: 1.0,
                },
                n_risk_after: self.n,
            },
            Some(r) => KmPoint {
                time: t,
                survival: r.survival,
                std_err: r.std_err,
                ci_loglog: r.ci_loglog,
                ci_plain: r.ci_plain,
                n_risk_after: r.n_risk - r.n_event - r.n_censor,
            },
        }
    }

    pub fn survival_at(&self, t: f64) -> f64 {
        self.at(t).survival
    }

    fn first_at_or_below_half(&self, curve: impl Fn(&KmRow) -> f64) -> Option<f64> {
        self.rows
            .iter()
            .find(|r| curve(r) <= 0.5 + MEDIAN_SLACK)
            .map(|r| r.time)
    }

    /// Median as the first time S(t) ≤ 1/2 (lifelines' convention; R and SAS instead take
    /// the midpoint when S is exactly 1/2 over an interval). The interval is where the
    /// log(−log) band crosses one half (Brookmeyer–Crowley with that transform).
    pub fn median(&self) -> Median {
        Median {
            estimate: self.first_at_or_below_half(|r| r.survival),
            lower: self.first_at_or_below_half(|r| r.ci_loglog.lower),
            upper: self.first_at_or_below_half(|r| r.ci_loglog.upper),
        }
    }
}
