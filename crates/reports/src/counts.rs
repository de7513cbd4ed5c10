//! Tallies the reports share: per dataset, per code within a dataset, and per code (the
//! issue summary).

use model::{Finding, Severity, Summary};
use std::collections::BTreeMap;

/// `(file, dataset)` → counts, sorted.
pub fn by_dataset(findings: &[Finding]) -> Vec<((String, String), Summary)> {
    let mut m: BTreeMap<(String, String), Summary> = BTreeMap::new();
    for f in findings {
        let key = (
            f.file.clone().unwrap_or_default(),
            f.dataset.clone().unwrap_or_default(),
        );
        let s = m.entry(key).or_default();
        match f.severity {
            Severity::Error => s.error += 1,
            Severity::Warning => s.warning += 1,
            Severity::Notice => s.notice += 1,
        }
    }
    m.into_iter().collect()
}

pub struct CodeCount {
    pub code: String,
    pub severity: Severity,
    pub dataset: String,
    pub count: usize,
    pub example: String,
}

/// One row per (code, dataset), most severe first, then by code.
pub fn by_code_and_dataset(findings: &[Finding]) -> Vec<CodeCount> {
    let mut m: BTreeMap<(Severity, String, String), (usize, String)> = BTreeMap::new();
    for f in findings {
        let key = (
            f.severity,
            f.code.clone(),
            f.dataset.clone().unwrap_or_default(),
        );
        let e = m.entry(key).or_insert((0, f.message.clone()));
        e.0 += 1;
    }
    m.into_iter()
        .map(|((severity, code, dataset), (count, example))| CodeCount {
            code,
            severity,
            dataset,
            count,
            example,
        })
        .collect()
}

/// code → count, sorted by code.
pub fn by_code(findings: &[Finding]) -> Vec<(String, Severity, usize)> {
    let mut m: BTreeMap<String, (Severity, usize)> = BTreeMap::new();
    for f in findings {
        let e = m.entry(f.code.clone()).or_insert((f.severity, 0));
        e.1 += 1;
    }
    m.into_iter().map(|(c, (s, n))| (c, s, n)).collect()
}

/// One row of the issue summary: a code at one severity, how often it was found, and where.
pub struct Issue {
    pub code: String,
    pub severity: Severity,
    pub count: usize,
    /// `(dataset, count)`, by dataset; the file's name for findings outside a dataset.
    pub datasets: Vec<(String, usize)>,
}

/// One row per (severity, code), errors first, then by code: the issue summary.
pub fn issues(findings: &[Finding]) -> Vec<Issue> {
    let mut m: BTreeMap<(Severity, &str), BTreeMap<String, usize>> = BTreeMap::new();
    for f in findings {
        let place = f.dataset.clone().unwrap_or_else(|| {
            f.file
                .as_deref()
                .map(|p| {
                    std::path::Path::new(p)
                        .file_name()
                        .map_or_else(|| p.to_owned(), |n| n.to_string_lossy().into_owned())
                })
                .unwrap_or_default()
        });
        *m.entry((f.severity, &f.code))
            .or_default()
            .entry(place)
            .or_default() += 1;
    }
    m.into_iter()
        .map(|((severity, code), places)| Issue {
            code: code.to_owned(),
            severity,
            count: places.values().sum(),
            datasets: places.into_iter().collect(),
        })
        .collect()
}

impl Issue {
    /// `AE (3), DM (1)`: where the code was found; empty for findings about the run itself.
    pub fn places(&self) -> String {
        self.datasets
            .iter()
            .filter(|(d, _)| !d.is_empty())
            .map(|(d, n)| format!("{d} ({n})"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}
