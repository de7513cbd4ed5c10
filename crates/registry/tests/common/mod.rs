//! Paths shared by the integration tests.
#![allow(dead_code)] // each test binary uses a different subset

use std::path::PathBuf;

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The real ClinicalTrials.gov records in the standards folder.
pub fn ctgov(sub: &str) -> PathBuf {
    standards::reference_dir().join("ctgov").join(sub)
}

pub fn fixture(name: &str) -> PathBuf {
    repo().join("fixtures/registry").join(name)
}

pub fn files(dir: PathBuf, ext: &str) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == ext))
        .collect();
    out.sort();
    out
}
