//! Reading CORE's published cases for the conformance test: where they are, their expected
//! `results.csv` rows, and our findings as the same rows.

use core_rules::Status;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// (Dataset, Record, Variable, Value), as `results.csv` has them.
pub type Row = (String, String, String, String);

pub fn rules_dir() -> PathBuf {
    standards::reference_dir().join("cdisc-core/rules")
}

pub fn cases(rule_dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for kind in ["positive", "negative"] {
        // A few rules publish one case per kind without the `NN` level.
        if rule_dir.join(kind).join("data").is_dir() {
            out.push(rule_dir.join(kind));
            continue;
        }
        let Ok(entries) = std::fs::read_dir(rule_dir.join(kind)) else {
            continue;
        };
        let mut dirs: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_dir())
            .collect();
        dirs.sort();
        out.extend(dirs);
    }
    out
}

pub fn expected(case: &Path) -> Result<BTreeSet<Row>, String> {
    let path = case.join("results/results.csv");
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_path(&path)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    let mut rows = BTreeSet::new();
    for rec in reader.records() {
        let rec = rec.map_err(|e| format!("{}: {e}", path.display()))?;
        let get = |i: usize| rec.get(i).unwrap_or("").to_owned();
        rows.insert((get(0).to_ascii_uppercase(), get(1), get(2), get(3)));
    }
    Ok(rows)
}

pub fn actual(status: &Status) -> BTreeSet<Row> {
    let mut rows = BTreeSet::new();
    if let Status::Failed { findings } = status {
        for f in findings {
            let dataset = f.dataset.clone().unwrap_or_default().to_ascii_uppercase();
            let record = f.record.map(|r| r.to_string()).unwrap_or_default();
            for (v, val) in f.variables.iter().zip(&f.values) {
                rows.insert((dataset.clone(), record.clone(), v.clone(), val.clone()));
            }
        }
    }
    rows
}

pub fn case_name(case: &Path) -> String {
    let n = case
        .file_name()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    if n == "positive" || n == "negative" {
        return n;
    }
    let kind = case
        .parent()
        .and_then(Path::file_name)
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    format!("{kind}/{n}")
}
