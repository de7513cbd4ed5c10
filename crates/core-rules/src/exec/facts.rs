//! Operations whose value does not aggregate the rows of a source dataset: facts about the
//! package or the dataset (`dataset_names`, `study_domains`, `variable_exists`,
//! `variable_count`, `get_column_order_from_dataset`, `extract_metadata`, `record_count` of a
//! metadata view) and per-row study days (`dy`).

use crate::error::EvalError;
use crate::frame::{Cell, Frame};
use crate::ops::datetime as dates;
use crate::plan::Operation;
use std::sync::Arc;

/// Operations whose value is the same for every row: facts about the package or dataset.
pub(super) fn whole_package(op: &Operation, frame: &Frame, datasets: &[Frame]) -> Option<Cell> {
    let list = |items: Vec<String>| {
        Cell::List(Arc::new(
            items.into_iter().map(|s| Cell::Str(s.into())).collect(),
        ))
    };
    // The dataset a metadata view describes (or the frame itself).
    let own = datasets
        .iter()
        .find(|d| d.info.name == frame.info.name)
        .unwrap_or(frame);
    match op.operator.as_str() {
        // Each dataset's DOMAIN (None for datasets without one), once each.
        "study_domains" => {
            let mut out: Vec<Cell> = Vec::new();
            for d in datasets {
                let dom = d
                    .column("DOMAIN")
                    .and_then(|c| c.iter().find(|v| !v.is_empty()).cloned())
                    .unwrap_or(Cell::Null);
                if !out
                    .iter()
                    .any(|o| o.py_eq(&dom) || (o.is_empty() && dom.is_empty()))
                {
                    out.push(dom);
                }
            }
            Some(Cell::List(Arc::new(out)))
        }
        // In how many datasets the variable occurs (`--` as each dataset's own prefix).
        "variable_count" => {
            let name = op.name.as_deref().unwrap_or_default();
            let n = datasets
                .iter()
                .filter(|d| d.index_of(name).is_some())
                .count();
            Some(Cell::Int(n as i64))
        }
        // A fact about the dataset itself (`dataset_name`, `dataset_label`).
        "extract_metadata" => match op.name.as_deref() {
            Some("dataset_name") => Some(Cell::Str(frame.info.name.as_str().into())),
            _ => None,
        },
        "dataset_names" => Some(list(datasets.iter().map(|d| d.info.name.clone()).collect())),
        "get_column_order_from_dataset" => Some(list(own.columns.clone())),
        // Python's `True`/`False`, as CORE prints them.
        "variable_exists" => {
            let name = op.name.as_deref().unwrap_or_default();
            let found = if frame.info.name == "STUDY" {
                datasets.iter().any(|d| d.index_of(name).is_some())
            } else {
                own.index_of(name).is_some()
            };
            Some(Cell::Str(if found { "True" } else { "False" }.into()))
        }
        // A metadata view counts the records of the dataset it describes.
        "record_count" if op.group.is_empty() && op.filter.is_empty() && op.domain.is_none() => {
            frame.source_len.map(|n| Cell::Int(n as i64))
        }
        _ => None,
    }
}

/// `dy`: the study day of `name`'s date relative to RFSTDTC (no day 0), when both are full dates.
pub(super) fn study_days(op: &Operation, frame: &Frame) -> Result<Vec<Cell>, EvalError> {
    let name = op.name.as_deref().unwrap_or_default();
    let dtc = frame
        .column(name)
        .ok_or_else(|| EvalError::MissingColumn(frame.resolve(name)))?;
    let rf = frame
        .column("RFSTDTC")
        .ok_or_else(|| EvalError::MissingColumn("RFSTDTC".into()))?;
    Ok(dtc
        .iter()
        .zip(rf)
        .map(|(d, r)| {
            match (
                d.as_str().and_then(dates::day_number),
                r.as_str().and_then(dates::day_number),
            ) {
                (Some(d), Some(r)) => Cell::Int(if d >= r { d - r + 1 } else { d - r }),
                _ => Cell::Null,
            }
        })
        .collect())
}
