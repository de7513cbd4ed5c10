//! Match Datasets: a left join of the dataset under check with another on shared keys, as
//! CORE merges them (pandas `merge(how="left")`): unmatched rows keep nulls, a key matching
//! several rows repeats the row (with its record number), and right-hand columns whose names
//! collide are prefixed with the dataset name (`TV.VISITDY`), as rules refer to them.

use crate::error::EvalError;
use crate::frame::{Cell, Frame};
use crate::plan::MatchDataset;
use std::collections::BTreeMap;

pub fn left_join(left: &Frame, m: &MatchDataset, datasets: &[Frame]) -> Result<Frame, EvalError> {
    let right = datasets
        .iter()
        .find(|f| {
            f.info.name.eq_ignore_ascii_case(&m.name) || f.info.domain.eq_ignore_ascii_case(&m.name)
        })
        .ok_or_else(|| EvalError::MissingDataset(m.name.clone()))?;
    if right.info.is_supp && !left.info.is_supp {
        return super::supp::join(left, right);
    }
    let cols = |f: &Frame| -> Result<Vec<usize>, EvalError> {
        m.keys
            .iter()
            .map(|k| {
                f.index_of(k)
                    .ok_or_else(|| EvalError::MissingColumn(f.resolve(k)))
            })
            .collect()
    };
    let (lk, rk) = (cols(left)?, cols(right)?);
    let key = |f: &Frame, ks: &[usize], r: usize| -> Vec<String> {
        ks.iter().map(|&c| f.data[c][r].report()).collect()
    };
    let mut index: BTreeMap<Vec<String>, Vec<usize>> = BTreeMap::new();
    for r in 0..right.len() {
        index.entry(key(right, &rk, r)).or_default().push(r);
    }
    let extra: Vec<usize> = (0..right.columns.len())
        .filter(|c| !rk.contains(c))
        .collect();
    let mut out = Frame {
        info: left.info.clone(),
        columns: left.columns.clone(),
        data: vec![Vec::new(); left.columns.len()],
        records: Vec::new(),
        files: Vec::new(),
        file_names: left.file_names.clone(),
        source_len: left.source_len,
        raw_values: left.raw_values,
    };
    for &c in &extra {
        let name = &right.columns[c];
        let taken = out.columns.iter().any(|n| n == name);
        out.columns.push(if taken {
            format!("{}.{name}", m.name.to_ascii_uppercase())
        } else {
            name.clone()
        });
        out.data.push(Vec::new());
    }
    let width = left.columns.len();
    for r in 0..left.len() {
        let matches: Vec<Option<usize>> = match index.get(&key(left, &lk, r)) {
            Some(rs) => rs.iter().copied().map(Some).collect(),
            None => vec![None],
        };
        for rr in matches {
            for c in 0..width {
                out.data[c].push(left.data[c][r].clone());
            }
            for (i, &c) in extra.iter().enumerate() {
                out.data[width + i].push(rr.map_or(Cell::Null, |rr| right.data[c][rr].clone()));
            }
            out.records.push(left.records[r]);
            out.files.push(left.files.get(r).copied().unwrap_or(0));
        }
    }
    Ok(out)
}
