#![allow(dead_code)]
use std::path::{Path, PathBuf};

pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every registry record the tests convert: the seed fixtures and the shared CT.gov records.
pub fn records() -> Vec<PathBuf> {
    let mut out = Vec::new();
    let dirs = [
        repo().join("fixtures/registry"),
        repo().join("../shared/standards/ctgov/api-v2-json"),
        repo().join("../shared/standards/ctgov/legacy-xml"),
    ];
    for d in dirs {
        let Ok(rd) = std::fs::read_dir(&d) else {
            continue;
        };
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
