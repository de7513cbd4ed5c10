//! A folder of incoming site workbooks, one broken in the middle: every workbook is
//! reported, the broken one with its problems, the others clean.

use crate::{repo, stderr, trialbridge};

#[test]
fn every_workbook_of_a_batch_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let inbox = dir.path().join("inbox");
    std::fs::create_dir(&inbox).unwrap();
    let fixtures = repo().join("fixtures/umin000015469");
    let sites = [
        "site-01-hamamatsu.xlsx",
        "site-02-mikatahara.xlsx",
        "site-03-shizuoka.xlsx",
        "site-04-hamamatsu-mc.xlsx",
    ];
    for i in 0..21 {
        let from = if i == 10 {
            fixtures.join("broken/site-02-mikatahara.xlsx")
        } else {
            fixtures.join(sites[i % 4])
        };
        std::fs::copy(from, inbox.join(format!("batch-{i:03}.xlsx"))).unwrap();
    }
    let mapping = repo().join("mappings/umin000015469");
    let rand = fixtures.join("randomization.xlsx");
    let o = trialbridge(dir.path())
        .args(["validate", "inbox", "--format", "json", "--mapping"])
        .arg(&mapping)
        .arg("--with")
        .arg(&rand)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let files = report["files"].as_array().unwrap();
    assert_eq!(files.len(), 21, "every workbook reported");
    let failing: Vec<&str> = files
        .iter()
        .filter(|f| f["error"].as_u64() > Some(0))
        .map(|f| f["file"].as_str().unwrap())
        .collect();
    assert_eq!(failing, vec!["inbox/batch-010.xlsx"]);
    assert_eq!(report["summary"]["error"], 12);
    let findings = report["findings"].as_array().unwrap();
    assert!(
        findings
            .iter()
            .all(|f| f["file"].as_str().unwrap().starts_with("inbox/batch-"))
    );
    let cell = findings.iter().find(|f| f["code"] == "SI0031").unwrap();
    assert_eq!(cell["source"]["sheet"], "Demographics");
    assert_eq!(cell["source"]["cell"], "C4");
}
