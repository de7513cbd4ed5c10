//! A folder of incoming site workbooks, one broken in the middle and one cut in half: every
//! workbook is reported, the broken ones with their problems, the others clean.

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
        let to = inbox.join(format!("batch-{i:03}.xlsx"));
        if i == 15 {
            // Cut in half: unreadable, reported, and the batch goes on.
            let whole = std::fs::read(fixtures.join(sites[i % 4])).unwrap();
            std::fs::write(to, &whole[..whole.len() / 2]).unwrap();
            continue;
        }
        let from = if i == 10 {
            fixtures.join("broken/site-02-mikatahara.xlsx")
        } else {
            fixtures.join(sites[i % 4])
        };
        std::fs::copy(from, to).unwrap();
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
    // The cut workbook could not be checked at all: exit 2 (README, "Exit codes"), after a
    // report that still covers every workbook.
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let files = report["files"].as_array().unwrap();
    assert_eq!(files.len(), 21, "every workbook reported");
    let failing: Vec<&str> = files
        .iter()
        .filter(|f| f["error"].as_u64() > Some(0))
        .map(|f| f["file"].as_str().unwrap())
        .collect();
    assert_eq!(
        failing,
        vec!["inbox/batch-010.xlsx", "inbox/batch-015.xlsx"]
    );
    assert_eq!(report["summary"]["error"], 12 + 1);
    let cut = findings_of(&report, "inbox/batch-015.xlsx");
    assert_eq!(cut.len(), 1, "{cut:?}");
    assert_eq!(cut[0]["code"], "RL0002");
    assert!(
        cut[0]["message"]
            .as_str()
            .unwrap()
            .contains("the file is truncated"),
        "{cut:?}"
    );
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

fn findings_of<'a>(report: &'a serde_json::Value, file: &str) -> Vec<&'a serde_json::Value> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["file"] == file)
        .collect()
}
