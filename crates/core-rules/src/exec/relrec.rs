//! Match Datasets `Name: RELREC` without keys: the dataset under check joined, through the
//! relationships RELREC records, with the records it is related to (CORE's
//! `merge_relrec_datasets`). For each RELREC record of the checked domain and each other RELREC
//! record with the same STUDYID, USUBJID and RELID: the checked rows (filtered by IDVAR =
//! IDVARVAL when given) are joined with the related dataset's rows (likewise) on STUDYID,
//! USUBJID and, for dataset-level relationships (no IDVARVAL), the values of the two IDVARs.
//! The related columns are named `RELREC.` plus the name with the related domain's prefix
//! replaced by the wildcard (`RELREC.FAOBJ`; `**` by default: `RELREC.**TERM`). It is an inner
//! join: rows without related records drop out. Results of all pairs are stacked.

use crate::error::EvalError;
use crate::frame::{Cell, Column, Frame};
use std::collections::HashMap;

/// One joined row: the related record's renamed cells and the checked row.
type Piece = (Vec<(String, Cell)>, usize);

fn text(c: &Cell) -> Option<String> {
    match c {
        Cell::Null => None,
        Cell::Num(n) if n.fract() == 0.0 => Some(format!("{n:.0}")),
        other => Some(other.report().trim().to_owned()).filter(|s| !s.is_empty()),
    }
}

pub fn join(left: &Frame, wildcard: Option<&str>, datasets: &[Frame]) -> Result<Frame, EvalError> {
    let relrec = datasets
        .iter()
        .find(|d| d.info.name == "RELREC")
        .ok_or_else(|| EvalError::MissingDataset("RELREC".into()))?;
    let col = |name: &str| {
        relrec
            .column(name)
            .ok_or_else(|| EvalError::MissingColumn(name.to_owned()))
    };
    let (rdomain, usubjid, idvar, idvarval, relid) = (
        col("RDOMAIN")?,
        col("USUBJID")?,
        col("IDVAR")?,
        col("IDVARVAL")?,
        col("RELID")?,
    );
    let wildcard = wildcard.unwrap_or("**");
    let mut pieces: Vec<Piece> = Vec::new();
    let mut extra: Vec<String> = Vec::new();
    for l in (0..relrec.len()).filter(|&l| rdomain[l].as_str() == Some(left.info.domain.as_str())) {
        for r in (0..relrec.len()).filter(|&r| {
            r != l
                && relid[r].py_eq(&relid[l])
                && text(&usubjid[r]) == text(&usubjid[l])
                && rdomain[r].as_str() != Some(left.info.domain.as_str())
        }) {
            let Some(right) = rdomain[r].as_str().and_then(|d| {
                datasets
                    .iter()
                    .find(|f| f.info.domain == d || f.info.name == d)
            }) else {
                continue;
            };
            let rename = |c: &str| match c.strip_prefix(right.info.prefix.as_str()) {
                Some(rest) if !rest.is_empty() && !right.info.prefix.is_empty() => {
                    format!("RELREC.{wildcard}{rest}")
                }
                _ => format!("RELREC.{c}"),
            };
            let pick = |f: &Frame, var: &Cell, val: &Cell, row: usize| -> Option<String> {
                let column = f.column(var.as_str()?)?;
                let v = text(&column[row]);
                match text(val) {
                    Some(want) if v.as_deref() != Some(want.as_str()) => None,
                    _ => v.or(Some(String::new())),
                }
            };
            let by_value = text(&idvarval[l]).is_none() || text(&idvarval[r]).is_none();
            let (lu, ru) = (left.column("USUBJID"), right.column("USUBJID"));
            let both = lu.is_some() && ru.is_some();
            // Related rows by (subject, key value), so the join is not quadratic.
            let mut index: HashMap<(Option<String>, String), Vec<usize>> = HashMap::new();
            for rr in 0..right.len() {
                if let Some(rkey) = pick(right, &idvar[r], &idvarval[r], rr) {
                    let subject = ru.filter(|_| both).and_then(|c| text(&c[rr]));
                    index
                        .entry((subject, if by_value { rkey } else { String::new() }))
                        .or_default()
                        .push(rr);
                }
            }
            for lr in 0..left.len() {
                let Some(lkey) = pick(left, &idvar[l], &idvarval[l], lr) else {
                    continue;
                };
                if text(&usubjid[l])
                    .is_some_and(|u| lu.and_then(|c| text(&c[lr])).as_deref() != Some(u.as_str()))
                {
                    continue;
                }
                let subject = lu.filter(|_| both).and_then(|c| text(&c[lr]));
                let key = (subject, if by_value { lkey } else { String::new() });
                for &rr in index.get(&key).into_iter().flatten() {
                    let cells: Vec<(String, Cell)> = right
                        .columns
                        .iter()
                        .zip(&right.data)
                        .map(|(c, d)| (rename(c), d[rr].clone()))
                        .collect();
                    for (name, _) in &cells {
                        if !extra.contains(name) {
                            extra.push(name.clone());
                        }
                    }
                    pieces.push((cells, lr));
                }
            }
        }
    }
    let rows: Vec<usize> = pieces.iter().map(|p| p.1).collect();
    let mut data: Vec<Vec<Cell>> = vec![Vec::new(); extra.len()];
    for (cells, _) in &pieces {
        for (i, name) in extra.iter().enumerate() {
            let v = cells
                .iter()
                .find(|(n, _)| n == name)
                .map_or(Cell::Null, |(_, v)| v.clone());
            data[i].push(v);
        }
    }
    let mut out = left.take_rows(&rows);
    out.columns.extend(extra);
    out.data.extend(data.into_iter().map(Column::new));
    Ok(out)
}
