//! Match Datasets naming a supplemental-qualifier dataset (`SUPPAE`): its records are pivoted
//! (each QNAM a column holding QVAL) and left-joined onto the parent as CORE's
//! `merge_pivot_supp_dataset` does, on the identifiers both have (STUDYID, USUBJID, APID,
//! POOLID, SPDEVID) and on IDVAR (the parent's IDVAR value, as text, equal to IDVARVAL).
//! With one IDVAR, each qualifier record makes its own joined row (carrying only its QNAM);
//! with several, a parent row gets all its qualifiers in one row.

use crate::error::EvalError;
use crate::frame::{Cell, Column, Frame};

const STATIC_KEYS: &[&str] = &["STUDYID", "USUBJID", "APID", "POOLID", "SPDEVID"];
const PIVOTED: &[&str] = &["IDVAR", "IDVARVAL", "QNAM", "QVAL", "QLABEL"];

fn text(c: &Cell) -> String {
    match c {
        Cell::Num(n) if n.fract() == 0.0 => format!("{n:.0}"),
        other => other.report().trim().to_owned(),
    }
}

pub fn join(left: &Frame, supp: &Frame) -> Result<Frame, EvalError> {
    let col = |name: &str| {
        supp.column(name)
            .ok_or_else(|| EvalError::MissingColumn(name.to_owned()))
    };
    let (idvar, idvarval, qnam, qval) =
        (col("IDVAR")?, col("IDVARVAL")?, col("QNAM")?, col("QVAL")?);
    let keys: Vec<(&[Cell], &[Cell])> = STATIC_KEYS
        .iter()
        .filter_map(|k| Some((left.column(k)?, supp.column(k)?)))
        .collect();
    let mut qnams: Vec<String> = Vec::new();
    for q in qnam.iter().filter_map(Cell::as_str) {
        if !qnams.iter().any(|n| n == q) {
            qnams.push(q.to_owned());
        }
    }
    // Other qualifier columns come along (RDOMAIN, QORIG, QEVAL) unless the parent has them.
    let carried: Vec<usize> = (0..supp.columns.len())
        .filter(|&c| {
            let name = &supp.columns[c];
            !PIVOTED.contains(&name.as_str())
                && left.index_of(name).is_none()
                && !qnams.contains(name)
        })
        .collect();
    let mut idvars: Vec<String> = idvar.iter().map(text).collect();
    idvars.sort();
    idvars.dedup();
    let single = idvars.len() <= 1;
    let matches = |lr: usize, sr: usize| {
        keys.iter().all(|(l, s)| text(&l[lr]) == text(&s[sr]))
            && match idvar[sr].as_str().map(str::trim).filter(|v| !v.is_empty()) {
                Some(var) => left
                    .column(var)
                    .is_some_and(|c| text(&c[lr]) == text(&idvarval[sr])),
                None => true,
            }
    };
    // The parent rows, repeated per joined qualifier, and the qualifier columns beside them.
    let mut rows: Vec<usize> = Vec::new();
    let mut data: Vec<Vec<Cell>> = vec![Vec::new(); qnams.len() + carried.len()];
    // Candidates by USUBJID, so the join is not quadratic in the subjects.
    let subject = |f: &Frame, r: usize| f.column("USUBJID").map_or(String::new(), |c| text(&c[r]));
    let mut by_subject: std::collections::HashMap<String, Vec<usize>> = Default::default();
    for sr in 0..supp.len() {
        by_subject.entry(subject(supp, sr)).or_default().push(sr);
    }
    let all: Vec<usize> = (0..supp.len()).collect();
    let keyed = left.column("USUBJID").is_some() && supp.column("USUBJID").is_some();
    for lr in 0..left.len() {
        let candidates = if keyed {
            by_subject
                .get(&subject(left, lr))
                .unwrap_or(&Vec::new())
                .clone()
        } else {
            all.clone()
        };
        let hits: Vec<usize> = candidates
            .into_iter()
            .filter(|&sr| matches(lr, sr))
            .collect();
        // One joined row per qualifier record (single IDVAR), or one row with all of them.
        let groups: Vec<Vec<usize>> = match (single, hits.is_empty()) {
            (_, true) => vec![Vec::new()],
            (true, false) => hits.iter().map(|&h| vec![h]).collect(),
            (false, false) => vec![hits],
        };
        for g in groups {
            rows.push(lr);
            for (i, name) in qnams.iter().enumerate() {
                let v = g
                    .iter()
                    .find(|&&sr| qnam[sr].as_str() == Some(name.as_str()) && !qval[sr].is_empty());
                data[i].push(v.map_or(Cell::Null, |&sr| qval[sr].clone()));
            }
            for (i, &c) in carried.iter().enumerate() {
                data[qnams.len() + i]
                    .push(g.first().map_or(Cell::Null, |&sr| supp.data[c][sr].clone()));
            }
        }
    }
    let mut out = left.take_rows(&rows);
    out.columns.extend(qnams);
    out.columns
        .extend(carried.iter().map(|&c| supp.columns[c].clone()));
    out.data.extend(data.into_iter().map(Column::new));
    Ok(out)
}
