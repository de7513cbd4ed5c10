//! Match Datasets: a left join of the dataset under check with another on shared keys, as
//! CORE merges them (pandas `merge(how="left")`): unmatched rows keep nulls, a key matching
//! several rows repeats the row (with its record number), and right-hand columns whose names
//! collide are prefixed with the dataset name (`TV.VISITDY`), as rules refer to them.

use crate::error::EvalError;
use crate::frame::{Cell, Frame, NO_ROW};
use crate::plan::MatchDataset;
use std::borrow::Cow;
use std::collections::HashSet;

/// `mentions`: the only names the rule can read (see `CompiledRule::mentions`); right-hand
/// columns none of them can name are left out of the result.
pub fn left_join(
    left: &Frame,
    m: &MatchDataset,
    datasets: &[Frame],
    mentions: Option<&HashSet<String>>,
    qualified: &HashSet<String>,
) -> Result<Frame, EvalError> {
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
    let mut index: foldhash::HashMap<Vec<Cow<str>>, Vec<usize>> = Default::default();
    for r in 0..right.len() {
        index.entry(key_of(right, &rk, r)).or_default().push(r);
    }
    let named = |name: &str| {
        mentions.is_none_or(|all| {
            all.iter().any(|s| {
                s == name
                    || s.strip_prefix("--")
                        .is_some_and(|rest| name.ends_with(rest))
                    || s.strip_suffix(name).is_some_and(|head| head.ends_with('.'))
            })
        })
    };
    let extra: Vec<usize> = (0..right.columns.len())
        .filter(|c| !rk.contains(c) && named(&right.columns[*c]))
        .collect();
    let mut pairs: Vec<(usize, Option<usize>)> = Vec::with_capacity(left.len());
    let key_cols: Vec<&[Cell]> = lk.iter().map(|&c| &*left.data[c]).collect();
    let mut found: Option<&Vec<usize>> = None;
    for r in 0..left.len() {
        // A sorted dataset repeats one shared key over a run of records (LB's USUBJID):
        // the run is looked up once.
        if r == 0 || !key_cols.iter().all(|c| same_text(&c[r], &c[r - 1])) {
            found = index.get(&key_of(left, &lk, r));
        }
        match found {
            Some(rs) => pairs.extend(rs.iter().map(|&rr| (r, Some(rr)))),
            None => pairs.push((r, None)),
        }
    }
    // At most one match per left row (the usual join to DM on USUBJID): the left columns are
    // shared as they are, only the right side's columns are built.
    let mut out = if pairs.len() == left.len() {
        left.clone()
    } else {
        let rows: Vec<usize> = pairs.iter().map(|p| p.0).collect();
        left.take_rows(&rows)
    };
    // Right-hand columns are taken when a rule reads them: a rule naming no DM variable
    // (mentions unknown) would otherwise copy every DM column to each LB record.
    let right_rows: std::sync::Arc<[usize]> =
        pairs.iter().map(|&(_, rr)| rr.unwrap_or(NO_ROW)).collect();
    for &c in &extra {
        let name = &right.columns[c];
        let taken = out.columns.iter().any(|n| n == name);
        let name = if taken {
            format!("{}.{name}", m.name.to_ascii_uppercase())
        } else {
            name.clone()
        };
        let cells = right.data[c].take(&right_rows);
        // A rule naming `TV.VISITDY` means TV's VISITDY, also when the dataset under check
        // has no VISITDY and the column came in under its plain name: CORE's published
        // results for rule 249 say so (a record without VISITDY of its own is not flagged).
        let alias = format!("{}.{name}", m.name.to_ascii_uppercase());
        if !taken && qualified.contains(&alias) {
            out.columns.push(alias);
            out.data.push(cells.clone());
        }
        out.columns.push(name);
        out.data.push(cells);
    }
    Ok(out)
}

/// Whether two cells are one shared text (equal keys, known without comparing them).
fn same_text(a: &Cell, b: &Cell) -> bool {
    matches!((a, b), (Cell::Str(x), Cell::Str(y)) if std::sync::Arc::ptr_eq(x, y))
}

/// A row's join key as CORE compares keys (printed values); text is borrowed, not copied.
fn key_of<'f>(f: &'f Frame, ks: &[usize], r: usize) -> Vec<Cow<'f, str>> {
    ks.iter()
        .map(|&c| match &f.data[c][r] {
            Cell::Str(s) => Cow::Borrowed(&**s),
            other => Cow::Owned(other.report()),
        })
        .collect()
}
