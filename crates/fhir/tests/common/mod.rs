#![allow(dead_code)]
use std::path::{Path, PathBuf};

pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every registry record the tests convert: the seed fixtures and the real CT.gov records in
/// the standards folder. A missing folder fails the test.
pub fn records() -> Vec<PathBuf> {
    let mut out = Vec::new();
    let ctgov = standards::reference_dir().join("ctgov");
    let dirs = [
        repo().join("fixtures/registry"),
        ctgov.join("api-v2-json"),
        ctgov.join("legacy-xml"),
    ];
    for d in dirs {
        let rd = std::fs::read_dir(&d).unwrap_or_else(|e| panic!("{}: {e}", d.display()));
        for e in rd.flatten() {
            let p = e.path();
            let ext = p.extension().and_then(|e| e.to_str()).unwrap_or("");
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if matches!(ext, "json" | "toml" | "xml") && !name.ends_with(".xsd") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}
