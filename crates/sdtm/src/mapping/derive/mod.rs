//! Variables the engine computes once a domain's records are stacked: reference dates from
//! DM, study days, visits, epochs, baseline flags and sequence numbers.

pub(crate) mod baseline;
pub(crate) mod dm_reference;
pub(crate) mod epoch;
pub(crate) mod seq;
pub(crate) mod study_day;
pub mod visit;

use super::plan::DerivePlan;
use super::records::Records;
use dm_reference::Refs;
use model::Finding;

/// Runs the domain's derivations in dependency order: visits before epochs, dates before
/// baselines. Sequence numbers come last, after sorting, in [`super::build`].
pub(crate) fn run(
    domain: &str,
    plan: &DerivePlan,
    schedule: Option<&visit::Schedule>,
    refs: &Refs,
    recs: &mut Records,
    out: &mut Vec<Finding>,
) {
    if let (Some(v), Some(s)) = (&plan.visit, schedule) {
        epoch::visits(domain, v, s, refs, recs, out);
    }
    for var in &plan.study_day {
        study_day::derive(var, refs, recs);
    }
    if let Some(e) = &plan.epoch {
        epoch::from_date(e, refs, recs);
    }
    if let Some(b) = &plan.baseline {
        baseline::derive(b, refs, recs);
    }
    for var in &plan.in_study {
        dm_reference::check_in_study(domain, var, refs, recs, out);
    }
}
