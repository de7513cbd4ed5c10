//! Match Datasets with `Child: true`: the dataset under check is a child (CO, SUPP--, RELREC)
//! whose rows point at a parent record through RDOMAIN (the parent dataset), USUBJID and
//! IDVAR/IDVARVAL (the parent's variable and its value). Each child row is joined with the
//! parent rows it points at (a left join: unmatched rows keep nulls for the parent columns).
//! IDVARVAL is text, so values compare as text with integral numbers written without `.0`.

use crate::error::EvalError;
use crate::frame::{Cell, Column, Frame};
use crate::plan::MatchDataset;

/// Whether this entry names the dataset under check (`SUPP--` names every SUPP dataset).
pub fn applies(m: &MatchDataset, frame: &Frame) -> bool {
    match m.name.as_str() {
        "SUPP--" => frame.info.is_supp,
        name => {
            frame.info.name.eq_ignore_ascii_case(name)
                || frame.info.domain.eq_ignore_ascii_case(name)
        }
    }
}

fn text(c: &Cell) -> Option<String> {
    match c {
        Cell::Null => None,
        Cell::Num(n) if n.fract() == 0.0 => Some(format!("{n:.0}")),
        Cell::Int(n) => Some(n.to_string()),
        other => Some(other.report().trim().to_owned()),
    }
}

/// Parent rows by USUBJID, so the join is not quadratic in the subjects.
fn index(usubjid: &[Cell]) -> std::collections::HashMap<String, Vec<usize>> {
    let mut out: std::collections::HashMap<String, Vec<usize>> = Default::default();
    for (r, u) in usubjid.iter().enumerate() {
        out.entry(text(u).unwrap_or_default()).or_default().push(r);
    }
    out
}

pub fn join(child: &Frame, datasets: &[Frame]) -> Result<Frame, EvalError> {
    let col = |name: &str| {
        child
            .column(name)
            .ok_or_else(|| EvalError::MissingColumn(name.to_owned()))
    };
    let (rdomain, usubjid, idvar, idvarval) = (
        col("RDOMAIN")?,
        col("USUBJID")?,
        col("IDVAR")?,
        col("IDVARVAL")?,
    );
    // Parent columns, in first-seen order, that the child lacks.
    let mut extra: Vec<String> = Vec::new();
    let parent_of = |r: usize| {
        let name = rdomain[r].as_str()?;
        datasets.iter().find(|d| {
            d.info.name.eq_ignore_ascii_case(name) || d.info.domain.eq_ignore_ascii_case(name)
        })
    };
    for r in 0..child.len() {
        if let Some(p) = parent_of(r) {
            for c in &p.columns {
                if child.index_of(c).is_none() && !extra.contains(c) {
                    extra.push(c.clone());
                }
            }
        }
    }
    let indices: std::collections::HashMap<String, std::collections::HashMap<String, Vec<usize>>> =
        datasets
            .iter()
            .filter_map(|d| Some((d.info.name.clone(), index(d.column("USUBJID")?))))
            .collect();
    // The child rows, repeated per parent match, and the parent columns beside them.
    let mut rows: Vec<usize> = Vec::new();
    let mut data: Vec<Vec<Cell>> = vec![Vec::new(); extra.len()];
    for r in 0..child.len() {
        let matches: Vec<(&Frame, usize)> =
            match (parent_of(r), idvar[r].as_str(), text(&idvarval[r])) {
                (Some(p), Some(var), Some(val)) => match (p.column("USUBJID"), p.column(var)) {
                    (Some(pu), Some(pv)) => indices
                        .get(&p.info.name)
                        .and_then(|i| i.get(&text(&usubjid[r]).unwrap_or_default()))
                        .into_iter()
                        .flatten()
                        .copied()
                        .filter(|&pr| {
                            pu[pr].py_eq(&usubjid[r])
                                && text(&pv[pr]).as_deref() == Some(val.as_str())
                        })
                        .map(|pr| (p, pr))
                        .collect(),
                    _ => Vec::new(),
                },
                _ => Vec::new(),
            };
        let matched: Vec<Option<(&Frame, usize)>> = if matches.is_empty() {
            vec![None]
        } else {
            matches.into_iter().map(Some).collect()
        };
        for m in matched {
            rows.push(r);
            for (i, name) in extra.iter().enumerate() {
                let v = m.and_then(|(p, pr)| p.column(name).map(|col| col[pr].clone()));
                data[i].push(v.unwrap_or(Cell::Null));
            }
        }
    }
    let mut out = child.take_rows(&rows);
    out.columns.extend(extra);
    out.data.extend(data.into_iter().map(Column::new));
    Ok(out)
}
