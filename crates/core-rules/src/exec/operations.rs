//! Operations: columns computed before the Check runs, named by their `id` (`$dm_usubjid`).
//! Implemented: `distinct` (the set of a variable's non-null values, optionally per group, as
//! a list in every row), `record_count` (rows, optionally filtered and per group),
//! `min_date`/`max_date` (per group), `dy` (study day against RFSTDTC) and facts about the
//! package (`dataset_names`, `study_domains`, `variable_exists`, `get_column_order_from_dataset`).

use super::facts;
use crate::error::EvalError;
use crate::frame::{Cell, Frame};
use crate::ops::datetime as dates;
use crate::plan::Operation;
use std::collections::BTreeMap;
use std::sync::Arc;

/// Operations that need CDISC Library metadata, which this interpreter does not have.
const LIBRARY: &[&str] = &[
    "get_model_column_order",
    "get_column_order_from_library",
    "get_parent_model_column_order",
    "get_model_filtered_variables",
    "required_variables",
    "expected_variables",
    "permissible_variables",
    "codelist_terms",
    "codelist_extensible",
    "valid_codelist_dates",
    "domain_is_custom",
    "domain_label",
    "variable_library_metadata",
    "variable_value_count",
    "get_dataset_filtered_variables",
];

/// Why an operation cannot run here, if it cannot.
pub fn unsupported(op: &Operation) -> Option<String> {
    match op.operator.as_str() {
        "distinct"
        | "record_count"
        | "min_date"
        | "max_date"
        | "dy"
        | "study_domains"
        | "variable_count"
        | "dataset_names"
        | "variable_exists"
        | "get_column_order_from_dataset" => None,
        "extract_metadata" if op.name.as_deref() == Some("dataset_name") => None,
        o if LIBRARY.contains(&o) => Some(format!(
            "operation `{o}` needs CDISC Library metadata (not available)"
        )),
        o => Some(format!("operation `{o}` not implemented yet")),
    }
}

/// Computes one operation on `frame`, taking its source from `datasets` when it names a domain.
pub fn apply(op: &Operation, frame: &mut Frame, datasets: &[Frame]) -> Result<(), EvalError> {
    let source: &Frame = match &op.domain {
        // `SUPP--` on a SUPP dataset is the dataset itself.
        Some(d) if !names_frame(d, frame) => datasets
            .iter()
            .find(|f| f.info.domain.eq_ignore_ascii_case(d) || f.info.name.eq_ignore_ascii_case(d))
            .ok_or_else(|| EvalError::MissingDataset(d.clone()))?,
        _ => frame,
    };
    if op.operator == "dy" {
        let cells = facts::study_days(op, frame)?;
        frame.set_column(&op.id, cells);
        return Ok(());
    }
    if let Some(cell) = facts::whole_package(op, frame, datasets) {
        let n = frame.len();
        frame.set_column(&op.id, vec![cell; n]);
        return Ok(());
    }
    let rows: Vec<usize> = (0..source.len())
        .filter(|&r| matches_filter(op, source, r))
        .collect();
    let group_cols: Vec<&[Cell]> = op
        .group
        .iter()
        .map(|g| {
            source
                .column(g)
                .ok_or_else(|| EvalError::MissingColumn(source.resolve(g)))
        })
        .collect::<Result<_, _>>()?;
    let key =
        |f: &[&[Cell]], r: usize| -> Vec<String> { f.iter().map(|c| c[r].report()).collect() };
    let values: BTreeMap<Vec<String>, Cell> = match op.operator.as_str() {
        "distinct" => {
            let name = op.name.as_deref().unwrap_or_default();
            let col = source
                .column(name)
                .ok_or_else(|| EvalError::MissingColumn(source.resolve(name)))?;
            let rdomain = source.column("RDOMAIN");
            // `value_is_reference`: keep a variable name only if RDOMAIN's dataset has it.
            let referenced = |r: usize| {
                let (Some(var), Some(dom)) = (col[r].as_str(), rdomain.and_then(|d| d[r].as_str()))
                else {
                    return false;
                };
                datasets.iter().any(|d| {
                    (d.info.name == dom || d.info.domain == dom) && d.index_of(var).is_some()
                })
            };
            let mut sets: BTreeMap<Vec<String>, Vec<Cell>> = BTreeMap::new();
            for &r in &rows {
                let set = sets.entry(key(&group_cols, r)).or_default();
                if op.value_is_reference && !referenced(r) {
                    continue;
                }
                if !col[r].is_empty() && !set.iter().any(|c| c.py_eq(&col[r])) {
                    set.push(col[r].clone());
                }
            }
            sets.into_iter()
                .map(|(k, v)| (k, Cell::List(Arc::new(v))))
                .collect()
        }
        "min_date" | "max_date" => {
            let name = op.name.as_deref().unwrap_or_default();
            let col = source
                .column(name)
                .ok_or_else(|| EvalError::MissingColumn(source.resolve(name)))?;
            let mut best: BTreeMap<Vec<String>, (i64, Cell)> = BTreeMap::new();
            let max = op.operator == "max_date";
            for &r in &rows {
                let Some(k) = col[r].as_str().and_then(dates::sort_key) else {
                    continue;
                };
                let entry = best
                    .entry(key(&group_cols, r))
                    .or_insert((k, col[r].clone()));
                if (max && k > entry.0) || (!max && k < entry.0) {
                    *entry = (k, col[r].clone());
                }
            }
            best.into_iter().map(|(g, (_, c))| (g, c)).collect()
        }
        "record_count" => {
            let mut counts: BTreeMap<Vec<String>, usize> = BTreeMap::new();
            for &r in &rows {
                *counts.entry(key(&group_cols, r)).or_default() += 1;
            }
            counts
                .into_iter()
                .map(|(k, n)| (k, Cell::Int(n as i64)))
                .collect()
        }
        other => {
            return Err(EvalError::Invalid(format!(
                "operation `{other}` not implemented"
            )));
        }
    };
    let cells: Vec<Cell> = if op.group.is_empty() {
        let all = values
            .into_values()
            .next()
            .unwrap_or_else(|| empty_result(op));
        vec![all; frame.len()]
    } else {
        let here: Vec<&[Cell]> = op
            .group
            .iter()
            .map(|g| {
                frame
                    .column(g)
                    .ok_or_else(|| EvalError::MissingColumn(frame.resolve(g)))
            })
            .collect::<Result<_, _>>()?;
        (0..frame.len())
            .map(|r| {
                values
                    .get(&key(&here, r))
                    .cloned()
                    // A row whose group has no values gets null (pandas left merge), not [].
                    .unwrap_or(if op.operator == "record_count" {
                        Cell::Int(0)
                    } else {
                        Cell::Null
                    })
            })
            .collect()
    };
    frame.set_column(&op.id, cells);
    Ok(())
}

/// Whether an operation's `domain` is the dataset under check.
fn names_frame(domain: &str, frame: &Frame) -> bool {
    domain.eq_ignore_ascii_case(&frame.info.domain)
        || domain.eq_ignore_ascii_case(&frame.info.name)
        || (domain == "SUPP--" && frame.info.is_supp)
}

fn empty_result(op: &Operation) -> Cell {
    match op.operator.as_str() {
        "record_count" => Cell::Int(0),
        "distinct" => Cell::List(Arc::new(Vec::new())),
        _ => Cell::Null,
    }
}

/// `filter`: every listed variable equals the value; a trailing `&`/`%` is a prefix match.
fn matches_filter(op: &Operation, f: &Frame, r: usize) -> bool {
    op.filter.iter().all(|(name, want)| {
        let Some(col) = f.column(name) else {
            return false;
        };
        let want = Cell::from_json(want);
        match (&col[r], &want) {
            (Cell::Str(s), Cell::Str(w)) if w.ends_with(['&', '%']) => {
                s.starts_with(&w[..w.len() - 1])
            }
            (have, want) => have.py_eq(want),
        }
    })
}
