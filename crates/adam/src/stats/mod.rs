//! Endpoint statistics on ADaM data: Kaplan–Meier, log-rank (plain and stratified), Cox
//! proportional hazards (Efron or Breslow ties) and change-from-baseline summaries.
//!
//! The conventions follow Python's `lifelines`, which the interop check compares against:
//! Greenwood variance, log(−log) ("exponential Greenwood") confidence intervals by default,
//! the median as the first time the survival curve is at or below one half, and the Cox
//! variance from the observed information at the estimate. Groups and strata are reported in
//! sorted order so output is deterministic.

pub mod cox;
mod coxlik;
pub mod dist;
pub mod km;
mod linalg;
pub mod logrank;
pub mod proportion;
pub mod summary;

pub use cox::{Covariate, CoxCoefficient, CoxFit, CoxOptions, Ties, cox_ph, cox_treatment};
pub use km::{
    ConfInterval, KaplanMeier, KmPoint, KmRow, Median, kaplan_meier, kaplan_meier_by_group,
};
pub use logrank::{LogRank, LogRankGroup, logrank, logrank_stratified};
pub use proportion::{Proportion, wilson};
pub use summary::{GroupSummary, Summary, summarize, summarize_by_group};

/// One ADTTE record as the statistics need it: `time` is AVAL in days and `event` is
/// `CNSR == 0`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SurvivalData {
    pub time: f64,
    pub event: bool,
    pub group: Option<String>,
    pub stratum: Option<String>,
}

impl SurvivalData {
    pub fn new(time: f64, event: bool) -> Self {
        SurvivalData {
            time,
            event,
            group: None,
            stratum: None,
        }
    }

    pub fn with_group(mut self, group: impl Into<String>) -> Self {
        self.group = Some(group.into());
        self
    }

    pub fn with_stratum(mut self, stratum: impl Into<String>) -> Self {
        self.stratum = Some(stratum.into());
        self
    }
}

/// Why a statistic could not be computed. Rows are 0-based indices into the input slice.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum StatsError {
    #[error("no observations")]
    Empty,
    #[error("row {row}: time {time} is not a finite non-negative number")]
    InvalidTime { row: usize, time: f64 },
    #[error("row {row}: covariate {name} is {value}, not a finite number")]
    InvalidCovariate {
        row: usize,
        name: String,
        value: f64,
    },
    #[error("row {row}: value {value} is not a finite number")]
    InvalidValue { row: usize, value: f64 },
    #[error("row {row}: {what} is missing")]
    Missing { row: usize, what: &'static str },
    #[error("covariate {name} has {found} values for {expected} observations")]
    LengthMismatch {
        name: String,
        expected: usize,
        found: usize,
    },
    #[error("{found} group(s) found; the comparison needs at least two")]
    TooFewGroups { found: usize },
    #[error("group {group} has no subjects")]
    UnknownGroup { group: String },
    #[error("no events: the statistic is undefined")]
    NoEvents,
    #[error("confidence level {0} is not strictly between 0 and 1")]
    ConfidenceLevel(f64),
    #[error("the variance (information) matrix is singular: {0}")]
    Singular(String),
    #[error(
        "covariate {name}: the partial likelihood keeps increasing as its coefficient goes to \
         {direction}; the hazard ratio is not estimable"
    )]
    InfiniteEstimate {
        name: String,
        direction: &'static str,
    },
    #[error("Newton-Raphson did not converge in {iterations} iterations")]
    NotConverged { iterations: usize },
}

pub type Result<T> = std::result::Result<T, StatsError>;

fn check_times(data: &[SurvivalData]) -> Result<()> {
    if data.is_empty() {
        return Err(StatsError::Empty);
    }
    for (row, d) in data.iter().enumerate() {
        if !d.time.is_finite() || d.time < 0.0 {
            return Err(StatsError::InvalidTime { row, time: d.time });
        }
    }
    Ok(())
}

fn check_conf(level: f64) -> Result<f64> {
    if level > 0.0 && level < 1.0 {
        Ok(dist::normal_quantile(0.5 + level / 2.0))
    } else {
        Err(StatsError::ConfidenceLevel(level))
    }
}

/// Distinct group labels in sorted order; every row must have one.
fn group_labels(data: &[SurvivalData]) -> Result<Vec<&str>> {
    let mut labels = Vec::new();
    for (row, d) in data.iter().enumerate() {
        match &d.group {
            Some(g) => labels.push(g.as_str()),
            None => return Err(StatsError::Missing { row, what: "group" }),
        }
    }
    labels.sort_unstable();
    labels.dedup();
    Ok(labels)
}
