//! Seed 000's made-up study: CSV files shaped nothing like the example study's workbooks
//! map with specs only.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

#[test]
fn seed000_maps_with_specs_only() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let plan = sdtm::compile_dir(&root.join("mappings/seed000")).unwrap();
    let files: Vec<(String, PathBuf)> = ["patients.csv", "ae_log.csv", "pft.csv"]
        .iter()
        .map(|n| (n.to_string(), root.join("fixtures/seed000").join(n)))
        .collect();
    let books: Vec<(String, &Path)> = files
        .iter()
        .map(|(n, p)| (n.clone(), p.as_path()))
        .collect();
    let conv = sdtm::convert(&plan, &books).unwrap();
    for f in &conv.findings {
        eprintln!("{f}");
    }
    assert!(
        conv.findings
            .iter()
            .all(|f| f.severity != model::Severity::Error)
    );
    for (name, n) in [
        ("DM", 6),
        ("SUPPDM", 6),
        ("EX", 6),
        ("AE", 5),
        ("DS", 12),
        ("RE", 34),
        ("SV", 17),
    ] {
        assert_eq!(conv.dataset(name).map(|d| d.rows.len()), Some(n), "{name}");
    }
    let dm = &conv.dataset("DM").unwrap();
    assert_eq!(
        dm.get(2, "USUBJID").unwrap().to_string(),
        "SEED000-J-103",
        "leading space trimmed"
    );
    assert_eq!(dm.get(2, "DTHFL").unwrap().to_string(), "Y");
    assert_eq!(dm.get(2, "SEX").unwrap().to_string(), "F");
    let re = &conv.dataset("RE").unwrap();
    let visits: std::collections::BTreeSet<String> = re
        .column("VISIT")
        .unwrap()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        visits.into_iter().collect::<Vec<_>>(),
        ["BASELINE", "MONTH 12", "MONTH 6"]
    );
    let ae = &conv.dataset("AE").unwrap();
    assert_eq!(ae.get(0, "AESTDTC").unwrap().to_string(), "2023-04-14");
    assert_eq!(ae.get(0, "AESTDY").unwrap().as_f64(), Some(95.0));
}
