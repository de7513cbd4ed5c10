//! Findings as CORE reports them. The reported variables are the rule's Output Variables
//! (`--` as the domain prefix), or else every variable its Check names; a variable the dataset
//! lacks is reported as `Not in dataset`. Record sensitivity: one finding per violating row,
//! with its 1-based record number. Dataset sensitivity: one finding for the dataset, with the
//! first violating row's values and no record number. Group sensitivity: one finding per group
//! of Grouping_Variables values, at the group's first violating record.

use crate::frame::Frame;
use crate::plan::{CompiledRule, Sensitivity};
use model::Finding;

/// What CORE writes for an output variable the dataset does not have.
pub const NOT_IN_DATASET: &str = "Not in dataset";

pub fn findings(rule: &CompiledRule, frame: &Frame, violating: &[bool]) -> Vec<Finding> {
    let rows: Vec<usize> = violating
        .iter()
        .enumerate()
        .filter(|(_, v)| **v)
        .map(|(i, _)| i)
        .collect();
    let Some(&first) = rows.first() else {
        return Vec::new();
    };
    let targets = targets(rule, frame);
    let make = |row: usize, record: Option<u64>| {
        let mut f = Finding::error(rule.id(), rule.message.replace("--", &frame.info.prefix))
            .in_dataset(frame.file_of(row));
        if let Some(r) = record {
            f = f.at_record(r);
        }
        for t in &targets {
            let value = frame.column(t).map_or_else(
                || NOT_IN_DATASET.to_owned(),
                |c| {
                    if frame.raw_values {
                        c[row].report()
                    } else {
                        c[row].report_value()
                    }
                },
            );
            f = f.with_variable(t.clone()).with_value(value);
        }
        for r in &rule.refs {
            f = f.with_ref(r.clone());
        }
        f
    };
    match &rule.sensitivity {
        Sensitivity::Dataset => vec![make(first, None)],
        Sensitivity::Record => rows
            .iter()
            .map(|&r| make(r, Some(frame.records[r]).filter(|n| *n > 0)))
            .collect(),
        // The first violating record of each group, groups in key order (pandas groupby).
        Sensitivity::Group(vars) => {
            let mut groups: std::collections::BTreeMap<Vec<String>, usize> = Default::default();
            for &r in &rows {
                let key = vars
                    .iter()
                    .map(|v| frame.column(v).map_or(String::new(), |c| c[r].report()))
                    .collect();
                groups.entry(key).or_insert(r);
            }
            groups
                .into_values()
                .map(|r| make(r, Some(frame.records[r]).filter(|n| *n > 0)))
                .collect()
        }
    }
}

/// The variables a finding reports, in the rule's order, without repeats.
fn targets(rule: &CompiledRule, frame: &Frame) -> Vec<String> {
    // Without Output Variables, every variable the Check names. (The engine's current
    // RuleProcessor.extract_target_names_from_rule leaves out `not_exists` variables, but most
    // published results list them; see known-differences.toml.)
    let names: Vec<String> = if rule.output_variables.is_empty() {
        rule.check
            .leaves()
            .iter()
            .map(|l| l.target.clone())
            .collect()
    } else {
        rule.output_variables.clone()
    };
    let mut out: Vec<String> = Vec::new();
    for n in names.iter().filter(|n| !n.is_empty()) {
        let n = frame.resolve(n);
        if !out.contains(&n) {
            out.push(n);
        }
    }
    out
}
