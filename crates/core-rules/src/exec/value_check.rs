//! Value checks (`Value Check with Variable Metadata`): rules over one row per value of a
//! dataset. The view is never built whole for a large dataset: a record-level rule without
//! joins or operations reads it one variable at a time, and each variable's rows are built
//! once for every such rule.

use super::passes::{Piece, Views};
use super::{VALUE_CHECK, run_on, views};
use crate::frame::Frame;
use crate::package::DatasetInfo;
use crate::plan::{CompiledRule, Sensitivity};
use rayon::prelude::*;

/// Whether a value check reads one variable's rows at a time.
fn per_variable(rule: &CompiledRule) -> bool {
    rule.rule_type == VALUE_CHECK
        && rule.skip_reason().is_none()
        && rule.match_datasets.is_empty()
        && rule.operations.is_empty()
        && rule.sensitivity == Sensitivity::Record
}

/// The datasets of record frame `at`, with their positions in the package and CORE's view.
fn datasets<'v>(
    views: &'v Views,
    at: usize,
) -> impl Iterator<Item = (usize, &'v table::Table, DatasetInfo)> {
    let datasets = views.package.datasets.iter().enumerate();
    datasets
        .filter(move |(k, _)| views.frame_of[*k] == at)
        .map(|(k, ds)| (k, ds, DatasetInfo::of(ds)))
}

/// A value check that needs the whole view (joins, operations, dataset or group findings) on
/// the datasets of record frame `at`; nothing for a rule [`by_variable`] runs.
pub fn whole(rule: &CompiledRule, views: &Views, at: usize) -> Vec<Piece> {
    if per_variable(rule) {
        return Vec::new();
    }
    datasets(views, at)
        .filter(|(_, _, info)| rule.scope.includes(info))
        .map(|(k, ds, _)| {
            let frame = views::variable_values(ds);
            let found = run_on(rule, &frame, &views.data);
            (k, frame.info.name, found)
        })
        .collect()
}

/// Every per-variable value check on the datasets of record frame `at`, one result list per
/// rule in `rules` (empty for the others). A variable's rows are built once and the rules run
/// on them in parallel: its values are read from the table once, not once per rule, and
/// dropped before the next variable's.
pub fn by_variable(rules: &[&CompiledRule], views: &Views, at: usize) -> Vec<Vec<Piece>> {
    let mut out: Vec<Vec<Piece>> = rules.iter().map(|_| Vec::new()).collect();
    if !rules.iter().any(|r| per_variable(r)) {
        return out;
    }
    for (k, ds, info) in datasets(views, at) {
        let wanted: Vec<usize> = (0..rules.len())
            .filter(|&r| per_variable(rules[r]) && rules[r].scope.includes(&info))
            .collect();
        if wanted.is_empty() {
            continue;
        }
        // A dataset read from one file has its record frame: its columns are shared.
        let built = views
            .data
            .iter()
            .find(|f| f.file_names.len() == 1 && f.info.name == info.name);
        for i in 0..ds.meta().variables.len() {
            let frame: Frame = views::variable_values_of(ds, i, &info, built);
            let found: Vec<Piece> = wanted
                .par_iter()
                .map(|&r| (k, info.name.clone(), run_on(rules[r], &frame, &views.data)))
                .collect();
            for (&r, piece) in wanted.iter().zip(found) {
                out[r].push(piece);
            }
        }
    }
    out
}
