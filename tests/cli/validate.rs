use crate::{stderr, stdout, trialbridge};
use std::path::{Path, PathBuf};

fn standards(rel: &str) -> PathBuf {
    standards::reference_dir().join(rel)
}

const DM_META: &str = r#"{"name":"DM","label":"Demographics","variables":[
{"name":"STUDYID","label":"Study Identifier","type":"char"},
{"name":"DOMAIN","label":"Domain Abbreviation","type":"char"},
{"name":"USUBJID","label":"Unique Subject Identifier","type":"char"},
{"name":"SUBJID","label":"Subject Identifier for the Study","type":"char"},
{"name":"RFSTDTC","label":"Subject Reference Start Date/Time","type":"char"},
{"name":"RFICDTC","label":"Date/Time of Informed Consent","type":"char"},
{"name":"DTHDTC","label":"Date/Time of Death","type":"char"},
{"name":"DTHFL","label":"Subject Death Flag","type":"char"},
{"name":"SITEID","label":"Study Site Identifier","type":"char"},
{"name":"AGE","label":"Age","type":"num"},
{"name":"AGEU","label":"Age Units","type":"char"},
{"name":"SEX","label":"Sex","type":"char"},
{"name":"ARMCD","label":"Planned Arm Code","type":"char"},
{"name":"ARM","label":"Description of Planned Arm","type":"char"},
{"name":"ACTARMCD","label":"Actual Arm Code","type":"char"},
{"name":"ACTARM","label":"Description of Actual Arm","type":"char"},
{"name":"COUNTRY","label":"Country","type":"char"}]}"#;

/// A DM as CSV with its metadata sidecar, optionally with one text replaced.
fn write_dm(dir: &Path, from: &str, to: &str) {
    std::fs::write(dir.join("dm.csv"), CLEAN_DM.replace(from, to)).unwrap();
    std::fs::write(dir.join("dm.meta.json"), DM_META).unwrap();
}

/// Two subjects, the second dead (DTHFL `Y`); tests turn that flag into `N` to break it.
const CLEAN_DM: &str = "STUDYID,DOMAIN,USUBJID,SUBJID,RFSTDTC,RFICDTC,DTHDTC,DTHFL,SITEID,AGE,AGEU,SEX,ARMCD,ARM,ACTARMCD,ACTARM,COUNTRY\r\nS1,DM,S1-001,001,2016-03-07,2016-03-01,,,01,54,YEARS,F,TAC,Tacrolimus,TAC,Tacrolimus,JPN\r\nS1,DM,S1-002,002,2016-04-07,2016-04-01,2016-05-02,Y,01,61,YEARS,M,CSA,Cyclosporin A,CSA,Cyclosporin A,JPN\r\n";
const DEAD: &str = ",2016-05-02,Y,";
const BAD_FLAG: &str = ",2016-05-02,N,";

#[test]
fn a_csv_without_labels_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("dm.csv"), CLEAN_DM).unwrap();
    let o = trialbridge(dir.path())
        .args(["validate", "dm.csv"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains("dm.csv DM: error[SDT0005] AGE has no label"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn clean_data_exits_0() {
    let dir = tempfile::tempdir().unwrap();
    write_dm(dir.path(), "", "");
    let o = trialbridge(dir.path())
        .args(["validate", "dm.csv"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    // Warnings remain (no DS for the consent and death records): a DM alone is not a package.
    assert!(
        stdout(&o).contains("1 file(s): 0 error(s)"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn findings_exit_1_and_point_at_the_record() {
    let dir = tempfile::tempdir().unwrap();
    write_dm(dir.path(), DEAD, BAD_FLAG);
    let o = trialbridge(dir.path())
        .args(["validate", "dm.csv"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o)
            .contains("dm.csv DM record 2: error[SDT0013] DTHFL is `N`; it must be Y or null"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn a_broken_file_is_reported_and_the_rest_still_checked() {
    let dir = tempfile::tempdir().unwrap();
    write_dm(dir.path(), DEAD, BAD_FLAG);
    std::fs::copy(
        standards("edge-cases/lab1_0_1refrangesampledata.xpt"),
        dir.path().join("lb.xpt"),
    )
    .unwrap();
    let o = trialbridge(dir.path())
        .args(["validate", ".", "--format", "json"])
        .output()
        .unwrap();
    // A file that cannot be read at all is exit 2 (README, "Exit codes"); the report still
    // covers every file.
    assert_eq!(o.status.code(), Some(2));
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let codes = crate::codes(&report);
    assert!(
        codes.contains(&"RL0002") && codes.contains(&"SDT0013"),
        "{codes:?}"
    );
    let errors: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["severity"] == "error")
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    let mut errors = errors;
    errors.sort_unstable();
    assert_eq!(
        errors,
        vec!["RL0002", "SDT0013", "SDT0014"],
        "the broken file, and DTHFL `N` beside a death date"
    );
    assert_eq!(report["inputs"].as_array().unwrap().len(), 2);
}

#[test]
fn the_pilot_study_gives_a_full_report_set() {
    let dir = tempfile::tempdir().unwrap();
    let sdtm = standards("cdiscpilot01/sdtm");
    let o = trialbridge(dir.path())
        .args([
            "validate",
            sdtm.to_str().unwrap(),
            "--report-dir",
            "rep",
            "--timestamp",
            "2024-01-31T12:00:00Z",
        ])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    for f in ["report.json", "report.html", "report.xlsx"] {
        assert!(
            dir.path().join("rep").join(f).metadata().unwrap().len() > 100,
            "{f}"
        );
    }
    let report: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("rep/report.json")).unwrap())
            .unwrap();
    assert_eq!(report["tool"]["timestamp"], "2024-01-31T12:00:00Z");
    let findings = report["findings"].as_array().unwrap();
    assert!(
        findings.iter().any(|f| f["code"] == "FM0030"),
        "the Windows-1252 byte in ts.xpt is reported"
    );
    assert!(
        findings
            .iter()
            .any(|f| f["code"] == "SDT0007" && f["dataset"] == "TS")
    );
    let errors = findings.iter().filter(|f| f["severity"] == "error").count();
    assert_eq!(report["summary"]["error"], errors);
    let again = trialbridge(dir.path())
        .args([
            "validate",
            sdtm.to_str().unwrap(),
            "--report-dir",
            "rep2",
            "--timestamp",
            "2024-01-31T12:00:00Z",
        ])
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(1));
    for f in ["report.json", "report.html", "report.xlsx"] {
        assert_eq!(
            std::fs::read(dir.path().join("rep").join(f)).unwrap(),
            std::fs::read(dir.path().join("rep2").join(f)).unwrap(),
            "{f}"
        );
    }
}

#[test]
fn mask_hides_subject_values() {
    let dir = tempfile::tempdir().unwrap();
    write_dm(dir.path(), DEAD, BAD_FLAG);
    let o = trialbridge(dir.path())
        .args(["validate", "dm.csv", "--mask"])
        .output()
        .unwrap();
    assert!(stdout(&o).contains("DTHFL is `***`"), "{}", stdout(&o));
    assert!(!stdout(&o).contains("`N`"));
}

#[test]
fn unknown_rule_selector_is_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let o = trialbridge(dir.path())
        .args(["validate", "nothing-here", "--select", "SDT0O13"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o).trim(),
        "error: no rule code starts with `SDT0O13` (did you mean `SDT0013`?)"
    );
}

#[test]
fn sarif_output_is_valid_json_with_rules() {
    let dir = tempfile::tempdir().unwrap();
    write_dm(dir.path(), DEAD, BAD_FLAG);
    let o = trialbridge(dir.path())
        .args([
            "validate", "dm.csv", "--format", "sarif", "--select", "SDT0013",
        ])
        .output()
        .unwrap();
    let sarif: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    assert_eq!(sarif["runs"][0]["results"][0]["ruleId"], "SDT0013");
}

#[test]
fn xlsx_and_html_reports_go_to_a_file() {
    let dir = tempfile::tempdir().unwrap();
    write_dm(dir.path(), DEAD, BAD_FLAG);
    let o = trialbridge(dir.path())
        .args(["validate", "dm.csv", "--format", "xlsx"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "xlsx needs --output");
    for (fmt, file) in [("xlsx", "r.xlsx"), ("html", "r.html")] {
        let o = trialbridge(dir.path())
            .args(["validate", "dm.csv", "--format", fmt, "-o", file])
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
        assert!(dir.path().join(file).metadata().unwrap().len() > 1000);
    }
    let html = std::fs::read_to_string(dir.path().join("r.html")).unwrap();
    // The bars are HTML now (labels ellipsize, the chart shrinks with the window), with a legend.
    assert!(
        html.contains("class=\"chart\"")
            && html.contains("class=\"legend\"")
            && html.contains("Findings per code")
            && html.contains("Issue summary")
            && html.contains("sortable")
    );
    assert!(html.contains("SDT0013"));
}

#[test]
fn text_output_ends_with_counts_per_code() {
    let dir = tempfile::tempdir().unwrap();
    write_dm(dir.path(), DEAD, BAD_FLAG);
    let o = trialbridge(dir.path())
        .args(["validate", "dm.csv"])
        .output()
        .unwrap();
    let text = stdout(&o);
    assert!(
        text.contains("      1 × SDT0013  error    DTHFL must be Y or null"),
        "{text}"
    );
}

#[test]
fn csv_report_neutralizes_formulas_and_mask_hides_them() {
    // A site typed a formula into SEX: the report must show it as text, never run it.
    let dir = tempfile::tempdir().unwrap();
    write_dm(dir.path(), ",M,CSA,", ",=SUM(1+2),CSA,");
    let o = trialbridge(dir.path())
        .args(["validate", "dm.csv", "--format", "csv"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(
        text.starts_with("\u{feff}Severity,Code,File,Dataset,Record,"),
        "{text}"
    );
    let row = text
        .lines()
        .find(|l| l.contains("SUM(1+2)"))
        .unwrap_or_else(|| panic!("no finding for SEX in {text}"));
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(row.as_bytes());
    let fields = r.records().next().unwrap().unwrap();
    assert!(fields.iter().any(|f| f == "'=SUM(1+2)"), "{row}");
    assert!(fields.iter().all(|f| !f.starts_with('=')), "{row}");
    let o = trialbridge(dir.path())
        .args(["--mask", "validate", "dm.csv", "--format", "csv"])
        .output()
        .unwrap();
    assert!(!stdout(&o).contains("SUM(1+2)"), "{}", stdout(&o));
    assert!(!stderr(&o).contains("SUM(1+2)"), "{}", stderr(&o));
}

#[test]
fn select_and_ignore_work_for_codes_raised_while_reading() {
    let dir = tempfile::tempdir().unwrap();
    let ts = standards("cdiscpilot01/sdtm/ts.xpt");
    let codes = |args: &[&str]| -> Vec<String> {
        let o = trialbridge(dir.path())
            .args(["validate", "--format", "json"])
            .args(args)
            .arg(&ts)
            .output()
            .unwrap();
        let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["code"].as_str().unwrap().to_owned())
            .collect()
    };
    // The Windows-1252 byte in ts.xpt is reported while reading (FM0030).
    let all = codes(&[]);
    assert!(all.iter().any(|c| c == "FM0030") && all.iter().any(|c| c.starts_with("SDT")));
    assert!(!codes(&["--ignore", "FM0030"]).iter().any(|c| c == "FM0030"));
    let only = codes(&["--select", "FM"]);
    assert!(
        !only.is_empty() && only.iter().all(|c| c.starts_with("FM")),
        "{only:?}"
    );
    // Unknown codes are refused, also in a family that exists.
    for unknown in ["FX1", "FM9999"] {
        let o = trialbridge(dir.path())
            .args(["validate", "--select", unknown])
            .arg(&ts)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2), "{unknown}");
    }
}
