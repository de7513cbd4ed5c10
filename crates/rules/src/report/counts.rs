//! Tallies the reports share: per dataset, and per code within a dataset.

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
