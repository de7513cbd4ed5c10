//! What changed between a site's submissions: findings new since its previous checked
//! submission, fixed (there before, gone now) and still open.
//!
//! A finding is the same finding in two submissions when its code, place and variables
//! agree: the sheet and cell for workbook findings, else the dataset and record; the file
//! name is left out, as sites rename their files between uploads.

use crate::{App, Submission};
use axum::response::Response;
use model::{Finding, Summary};
use std::collections::BTreeSet;

/// A finding's identity across submissions.
fn key(f: &Finding) -> String {
    let place = match &f.source {
        Some(s) => format!("{}!{}", s.sheet, s.cell),
        None => format!(
            "{}#{}",
            f.dataset.as_deref().unwrap_or_default(),
            f.record.map(|r| r.to_string()).unwrap_or_default()
        ),
    };
    format!("{}|{place}|{}|{}", f.code, f.variables.join(","), f.message)
}

#[derive(Debug, Clone, Default, serde::Serialize, PartialEq)]
pub struct Changes {
    /// The submission compared with, if the site had a checked one before.
    pub since: Option<i64>,
    pub new: Vec<Finding>,
    pub fixed: Vec<Finding>,
    pub open: Vec<Finding>,
}

pub fn compare(since: Option<i64>, before: &[Finding], now: &[Finding]) -> Changes {
    let was: BTreeSet<String> = before.iter().map(key).collect();
    let is: BTreeSet<String> = now.iter().map(key).collect();
    Changes {
        since,
        new: now
            .iter()
            .filter(|f| !was.contains(&key(f)))
            .cloned()
            .collect(),
        fixed: before
            .iter()
            .filter(|f| !is.contains(&key(f)))
            .cloned()
            .collect(),
        open: now
            .iter()
            .filter(|f| was.contains(&key(f)))
            .cloned()
            .collect(),
    }
}

/// One submission of a site's history.
pub(crate) struct Entry {
    pub submission: Submission,
    /// Counts per severity, once checked.
    pub summary: Option<Summary>,
    /// Against the site's previous checked submission, once checked.
    pub changes: Option<Changes>,
}

/// A site's submissions, oldest first, each compared with the one checked before it; `None`
/// when the site sent nothing.
pub(crate) fn of_site(app: &App, site: &str) -> Result<Option<Vec<Entry>>, Response> {
    let ids = app.store.of_site(site).map_err(|e| {
        crate::api::error(axum::http::StatusCode::INTERNAL_SERVER_ERROR, e.to_string())
    })?;
    if ids.is_empty() {
        return Ok(None);
    }
    let mut out = Vec::new();
    let mut previous: Option<(i64, Vec<Finding>)> = None;
    for id in ids {
        let (s, findings) = crate::api::load(app, id)?;
        let done = s.status == "done";
        let changes = done.then(|| match &previous {
            Some((p, before)) => compare(Some(*p), before, &findings),
            None => compare(None, &[], &findings),
        });
        out.push(Entry {
            submission: s,
            summary: done.then(|| Summary::of(&findings)),
            changes,
        });
        if done {
            previous = Some((id, findings));
        }
    }
    Ok(Some(out))
}

#[cfg(test)]
mod tests {
    use super::*;
    use model::{CellRef, SourceCell};

    fn at(code: &str, file: &str, cell: &str) -> Finding {
        Finding::error(code, "bad").from_cell(SourceCell {
            file: file.into(),
            sheet: "Labs".into(),
            cell: CellRef::parse_a1(cell).unwrap(),
        })
    }

    #[test]
    fn a_renamed_file_keeps_its_findings_the_same() {
        let before = [
            at("SI0001", "site-02.xlsx", "E42"),
            at("SI0021", "site-02.xlsx", "C6"),
        ];
        let now = [
            at("SI0001", "site-02 (fixed).xlsx", "E42"),
            at("SI0033", "site-02 (fixed).xlsx", "A3"),
        ];
        let c = compare(Some(1), &before, &now);
        assert_eq!(c.open.len(), 1);
        assert_eq!(c.open[0].code, "SI0001");
        assert_eq!(c.fixed.len(), 1);
        assert_eq!(c.fixed[0].code, "SI0021");
        assert_eq!(c.new.len(), 1);
        assert_eq!(c.new[0].code, "SI0033");
    }
}
