//! CDISC CORE rules through the binary: a CORE test case folder validates like a package and
//! gives exactly the published results, a custom rule runs end to end, a broken one is a
//! located error, and every report says which standard it checked against.

use crate::{stderr, stdout, trialbridge};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn case(rule: &str, kind: &str) -> PathBuf {
    standards::reference_dir().join(format!("cdisc-core/rules/{rule}/{kind}/01/data"))
}

fn json(dir: &Path, args: &[&str]) -> (Option<i32>, serde_json::Value) {
    let out = trialbridge(dir)
        .args(["validate", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    let report = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}{}", stdout(&out), stderr(&out)));
    (out.status.code(), report)
}

/// (dataset, record, variable, value) of every finding with this code, as results.csv has them.
fn rows(report: &serde_json::Value, code: &str) -> BTreeSet<(String, String, String, String)> {
    let mut out = BTreeSet::new();
    for f in report["findings"].as_array().unwrap() {
        if f["code"] != code {
            continue;
        }
        let vars = f["variables"].as_array().unwrap();
        let values = f["values"].as_array().unwrap();
        for (var, val) in vars.iter().zip(values) {
            out.insert((
                f["dataset"].as_str().unwrap().to_owned(),
                f["record"]
                    .as_u64()
                    .map(|r| r.to_string())
                    .unwrap_or_default(),
                var.as_str().unwrap().to_owned(),
                val.as_str().unwrap().to_owned(),
            ));
        }
    }
    out
}

fn status<'a>(report: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    report["checked"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == id)
        .unwrap_or_else(|| panic!("no status for {id}"))
}

#[test]
fn a_core_case_folder_gives_exactly_the_published_results() {
    let dir = tempfile::tempdir().unwrap();
    let bad = case("CORE-000001", "negative");
    let (code, report) = json(
        dir.path(),
        &["--select", "CORE-000001", bad.to_str().unwrap()],
    );
    assert_eq!(code, Some(1));
    let expected: BTreeSet<_> = csv::Reader::from_path(bad.join("../results/results.csv"))
        .unwrap()
        .records()
        .map(|r| {
            let r = r.unwrap();
            (
                r[0].to_owned(),
                r[1].to_owned(),
                r[2].to_owned(),
                r[3].to_owned(),
            )
        })
        .collect();
    assert_eq!(expected.len(), 6);
    assert_eq!(rows(&report, "CORE-000001"), expected);
    assert_eq!(status(&report, "CORE-000001")["status"], "failed");
    // The case's .env says SDTMIG 3-3: the report says so, and where it came from.
    assert_eq!(report["checked"]["standard"], "SDTMIG 3.3");
    assert_eq!(report["checked"]["standard_from"], "the case's .env");
    // Only the selected rule ran: the catalogue stayed out of it.
    assert!(
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["code"] == "CORE-000001")
    );

    let good = case("CORE-000001", "positive");
    let (code, report) = json(
        dir.path(),
        &["--select", "CORE-000001", good.to_str().unwrap()],
    );
    assert_eq!(code, Some(0));
    assert!(rows(&report, "CORE-000001").is_empty());
    assert_eq!(status(&report, "CORE-000001")["status"], "passed");
}

#[test]
fn rules_for_another_standard_are_skipped_saying_so() {
    let dir = tempfile::tempdir().unwrap();
    let bad = case("CORE-000001", "negative");
    let (code, report) = json(
        dir.path(),
        &[
            "--select",
            "CORE-000001",
            "--standard",
            "sendig-3.1",
            bad.to_str().unwrap(),
        ],
    );
    assert_eq!(code, Some(0));
    assert_eq!(report["checked"]["standard"], "SENDIG 3.1");
    assert_eq!(report["checked"]["standard_from"], "--standard");
    let s = status(&report, "CORE-000001");
    assert_eq!(s["status"], "skipped");
    assert_eq!(s["reason"], "not applicable to SENDIG 3.1");
}

/// The custom rule `docs/core-rules.md` shows: the test runs what the docs say.
fn custom() -> String {
    let doc = std::fs::read_to_string(crate::repo().join("docs/core-rules.md")).unwrap();
    let start = doc.find("```yaml\n").unwrap() + "```yaml\n".len();
    let len = doc[start..].find("```").unwrap();
    doc[start..start + len].to_owned()
}

fn ae_case(dir: &Path) -> PathBuf {
    let data = dir.join("case/data");
    std::fs::create_dir_all(&data).unwrap();
    std::fs::write(data.join(".env"), "PRODUCT=SDTMIG\nVERSION=3-4\n").unwrap();
    std::fs::write(
        data.join("_datasets.csv"),
        "Filename,Label\nae.xpt,Adverse Events\n",
    )
    .unwrap();
    std::fs::write(
        data.join("_variables.csv"),
        "dataset,variable,label,type,length\n\
         ae.xpt,STUDYID,Study Identifier,Char,8\n\
         ae.xpt,DOMAIN,Domain Abbreviation,Char,2\n\
         ae.xpt,USUBJID,Unique Subject Identifier,Char,12\n\
         ae.xpt,AESEQ,Sequence Number,Num,8\n\
         ae.xpt,AESEV,Severity/Intensity,Char,8\n\
         ae.xpt,AESER,Serious Event,Char,1\n",
    )
    .unwrap();
    std::fs::write(
        data.join("ae.csv"),
        "STUDYID,DOMAIN,USUBJID,AESEQ,AESEV,AESER\n\
         S1,AE,S1-001,1,MILD,N\n\
         S1,AE,S1-001,2,SEVERE,N\n\
         S1,AE,S1-002,1,SEVERE,Y\n",
    )
    .unwrap();
    data
}

#[test]
fn a_custom_rule_runs_end_to_end() {
    let dir = tempfile::tempdir().unwrap();
    let data = ae_case(dir.path());
    let rule = dir.path().join("severe-is-serious.yml");
    std::fs::write(&rule, custom()).unwrap();
    let (code, report) = json(
        dir.path(),
        &[
            "--select",
            "acme",
            "--rules",
            rule.to_str().unwrap(),
            data.to_str().unwrap(),
        ],
    );
    assert_eq!(code, Some(1));
    let custom: Vec<&serde_json::Value> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["message"] == "AESEV is SEVERE but AESER is not Y")
        .collect();
    assert_eq!(custom.len(), 1, "{report:#}");
    assert_eq!(custom[0]["record"], 2);
    assert_eq!(custom[0]["values"], serde_json::json!(["SEVERE", "N"]));
    assert!(custom[0]["file"].as_str().unwrap().ends_with("ae.csv"));
    // Only the selected rule ran (neither the catalogue nor a bundled rule), with its status.
    assert_eq!(crate::codes(&report), ["ACME-AE-001"]);
    let statuses = report["checked"]["rules"].as_array().unwrap();
    assert_eq!(statuses.len(), 1, "{statuses:?}");
    assert_eq!(statuses[0]["id"], "ACME-AE-001");
    assert_eq!(statuses[0]["status"], "failed");
}

#[test]
fn a_rule_that_fails_the_schema_is_a_located_error() {
    let dir = tempfile::tempdir().unwrap();
    let data = ae_case(dir.path());
    let rule = dir.path().join("broken.yml");
    std::fs::write(
        &rule,
        custom().replace("operator: equal_to", "operator: equals_to"),
    )
    .unwrap();
    let out = trialbridge(dir.path())
        .args([
            "validate",
            "--rules",
            rule.to_str().unwrap(),
            data.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("broken.yml"), "{err}");
    assert!(err.contains("Check.all[0]"), "{err}");
    assert!(stdout(&out).is_empty());
}

#[test]
fn an_unknown_core_selector_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let data = ae_case(dir.path());
    let out = trialbridge(dir.path())
        .args([
            "validate",
            "--select",
            "CORE-9999999",
            data.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no CORE rule id starts with `CORE-9999999`"));
}

#[test]
fn rules_lists_core_rules_and_prints_one() {
    let dir = tempfile::tempdir().unwrap();
    let out = trialbridge(dir.path()).arg("rules").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    let core: Vec<&str> = text.lines().filter(|l| l.starts_with("CORE-")).collect();
    assert_eq!(core.len(), 566);
    assert!(
        core.iter()
            .any(|l| l.starts_with("CORE-000001") && l.contains("SDTMIG"))
    );
    let out = trialbridge(dir.path())
        .args(["rules", "core-000001"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    for part in [
        "CORE-000001 — Raise an error when IECAT is equal to 'INCLUSION'",
        "refs: CG0176",
        "status: runs",
        "operator: not_equal_to",
    ] {
        assert!(text.contains(part), "{part}: {text}");
    }
}

#[test]
fn the_docs_console_example_is_what_validate_prints() {
    let dir = tempfile::tempdir().unwrap();
    ae_case(dir.path());
    std::fs::write(dir.path().join("severe-is-serious.yml"), custom()).unwrap();
    let out = trialbridge(dir.path())
        .args([
            "validate",
            "--rules",
            "severe-is-serious.yml",
            "--select",
            "ACME",
            "case/data",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let doc = std::fs::read_to_string(crate::repo().join("docs/core-rules.md")).unwrap();
    let start = doc
        .find("```console\n$ trialbridge validate --rules")
        .unwrap();
    let block = &doc[start..];
    let block = &block[..block[10..].find("```").unwrap() + 10];
    let shown: Vec<&str> = block.lines().skip(2).map(str::trim).collect();
    let printed: Vec<String> = stdout(&out).lines().map(|l| l.trim().to_owned()).collect();
    assert_eq!(shown, printed);
}

#[test]
fn a_record_the_catalogue_reports_for_a_core_rule_is_reported_once() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    std::fs::write(
        data.join("_variables.csv"),
        "dataset,variable,label,type,length\n\
         dm.xpt,STUDYID,Study Identifier,Char,8\n\
         dm.xpt,DOMAIN,Domain Abbreviation,Char,2\n\
         dm.xpt,USUBJID,Unique Subject Identifier,Char,12\n\
         dm.xpt,DTHDTC,Date/Time of Death,Char,10\n\
         dm.xpt,DTHFL,Subject Death Flag,Char,1\n",
    )
    .unwrap();
    std::fs::write(
        data.join("_datasets.csv"),
        "Filename,Label\ndm.xpt,Demographics\n",
    )
    .unwrap();
    std::fs::write(
        data.join("dm.csv"),
        "STUDYID,DOMAIN,USUBJID,DTHDTC,DTHFL\nS1,DM,S1-001,,\nS1,DM,S1-002,2016-05-02,N\n",
    )
    .unwrap();
    // SDT0014 cites CORE-000007: both flag record 2; the catalogue's finding is the one kept.
    let (code, report) = json(dir.path(), &["--select", "SDT0014,CORE-000007", "data"]);
    assert_eq!(code, Some(1));
    let codes = crate::codes(&report);
    assert_eq!(codes, ["SDT0014"]);
    assert_eq!(report["findings"][0]["record"], 2);
    assert_eq!(status(&report, "CORE-000007")["status"], "failed");
    // Without the catalogue rule, CORE's finding is reported.
    let (_, report) = json(dir.path(), &["--select", "CORE-000007", "data"]);
    assert_eq!(rows(&report, "CORE-000007").len(), 2, "{report:#}");
    // `--ignore CORE`: the catalogue alone, and no CORE rule has a status.
    let (_, report) = json(dir.path(), &["--ignore", "CORE", "data"]);
    assert!(report["checked"]["rules"].as_array().unwrap().is_empty());
    assert!(
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["code"] == "SDT0014")
    );
}

#[test]
fn the_html_and_xlsx_reports_say_the_standard_and_every_rule_status() {
    use std::io::Read;
    let dir = tempfile::tempdir().unwrap();
    let bad = case("CORE-000001", "negative");
    let out = trialbridge(dir.path())
        .args(["validate", "--select", "CORE-00000", "--report-dir", "rep"])
        .arg(&bad)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let html = std::fs::read_to_string(dir.path().join("rep/report.html")).unwrap();
    assert!(
        html.contains("Checked against SDTMIG 3.3 (the case's .env)"),
        "{html}"
    );
    assert!(html.contains("<tr><td>CORE-000001</td><td>failed</td><td>3</td><td></td></tr>"));
    let xlsx = std::fs::read(dir.path().join("rep/report.xlsx")).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).unwrap();
    let mut member = |name: &str| {
        let mut text = String::new();
        zip.by_name(name)
            .unwrap()
            .read_to_string(&mut text)
            .unwrap();
        text
    };
    assert!(member("xl/workbook.xml").contains("name=\"Rule Status\""));
    let strings = member("xl/sharedStrings.xml");
    assert!(strings.contains("SDTMIG 3.3 (the case"), "{strings}");
    assert!(strings.contains("CORE-000001") && strings.contains("failed"));
}

/// SARIF carries every CORE rule's status: a rule of the run with its status, reason and count
/// in its property bag, disabled when skipped; the standard is a property of the run.
#[test]
fn sarif_lists_every_core_rule_with_its_status() {
    let dir = tempfile::tempdir().unwrap();
    let data = case("CORE-000001", "negative");
    let out = trialbridge(dir.path())
        .args(["validate", "--format", "sarif", "--standard", "sdtmig-3.4"])
        .arg(&data)
        .output()
        .unwrap();
    let sarif: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}{}", stdout(&out), stderr(&out)));
    let run = &sarif["runs"][0];
    assert_eq!(run["properties"]["standard"], "SDTMIG 3.4");
    assert_eq!(run["properties"]["standardFrom"], "--standard");
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let core: Vec<&serde_json::Value> = rules
        .iter()
        .filter(|r| r["id"].as_str().unwrap().starts_with("CORE-"))
        .collect();
    assert_eq!(core.len(), 566);
    let one = core.iter().find(|r| r["id"] == "CORE-000001").unwrap();
    assert_eq!(one["properties"]["status"], "failed");
    assert!(one["properties"]["findings"].as_u64().unwrap() > 0);
    assert_eq!(one["defaultConfiguration"]["enabled"], true);
    let skipped = core
        .iter()
        .find(|r| r["properties"]["status"] == "skipped")
        .unwrap();
    assert_eq!(skipped["defaultConfiguration"]["enabled"], false);
    assert!(skipped["properties"]["reason"].is_string());
    let results = run["results"].as_array().unwrap();
    assert!(results.iter().any(|r| r["ruleId"] == "CORE-000001"));
}

/// SDT0028 and CORE-000552 both find AESTDY wrong on the CDISC pilot's AE record 971: it is
/// reported once, by SDT0028, which cites the CORE rule for the variable it flags; the CORE
/// rule keeps its failed status.
#[test]
fn a_study_day_both_flag_is_reported_once() {
    let dir = tempfile::tempdir().unwrap();
    let pilot = standards::reference_dir().join("cdiscpilot01/sdtm");
    let (_, report) = json(
        dir.path(),
        &[
            pilot.join("ae.xpt").to_str().unwrap(),
            pilot.join("dm.xpt").to_str().unwrap(),
        ],
    );
    let at_971: Vec<&serde_json::Value> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["dataset"] == "AE" && f["record"] == 971)
        .collect();
    let sdt = at_971
        .iter()
        .find(|f| f["code"] == "SDT0028")
        .expect("SDT0028 on record 971");
    assert!(
        sdt["refs"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r == "CORE-000552")
    );
    assert!(
        !at_971.iter().any(|f| f["code"] == "CORE-000552"),
        "{at_971:#?}"
    );
    let status = report["checked"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "CORE-000552")
        .unwrap();
    assert_eq!(status["status"], "failed");
}
