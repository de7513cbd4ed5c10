//! Seed 000's made-up study: CSV files shaped nothing like the example study's workbooks
//! map with specs only.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

#[test]
fn seed000_maps_with_specs_only() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let plan = sdtm::compile_dir(&root.join("mappings/seed000")).unwrap();
    let files: Vec<(String, PathBuf)> = [
        "patients.csv",
        "ae_log.csv",
        "pft.csv",
        "gc_log.csv",
        "labs.csv",
    ]
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
        ("DS", 18),
        ("RE", 34),
        ("SV", 17),
        ("CM", 46),
        ("LB", 34),
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
    // The arms are the registry's (TA is built from its labels), not the site's codes.
    assert_eq!(dm.get(2, "ARMCD").unwrap().to_string(), "JAK_INHI");
    assert_eq!(
        dm.get(3, "ARM").unwrap().to_string(),
        "Calcineurin inhibitor"
    );
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

    let count = |name: &str, var: &str, value: &str| {
        let d = conv.dataset(name).unwrap();
        d.column(var)
            .unwrap()
            .filter(|v| v.to_string() == value)
            .count()
    };
    assert_eq!(
        count("DS", "DSDECOD", "RANDOMIZED"),
        6,
        "one per randomized subject"
    );
    assert_eq!(count("DS", "DSDECOD", "DEATH"), 1, "J-103");
    assert_eq!(count("CM", "CMCAT", "GLUCOCORTICOID"), 46);
    assert_eq!(count("CM", "CMROUTE", "INTRAVENOUS"), 1, "J-103's pulse");
    let cm = &conv.dataset("CM").unwrap();
    assert_eq!(
        cm.column("CMENDTC")
            .unwrap()
            .filter(|v| v.is_null())
            .count(),
        2,
        "J-104 and J-106 still on prednisolone"
    );
    assert_eq!(count("LB", "LBTESTCD", "CK"), 17);
    assert_eq!(count("LB", "LBTESTCD", "ESR"), 17);
    let lb = &conv.dataset("LB").unwrap();
    let ck_uln: std::collections::BTreeSet<String> = (0..lb.rows.len())
        .filter(|&i| lb.get(i, "LBTESTCD").unwrap().to_string() == "CK")
        .map(|i| lb.get(i, "LBSTNRHI").unwrap().to_string())
        .collect();
    assert_eq!(ck_uln.into_iter().collect::<Vec<_>>(), ["170", "190"]);
}
