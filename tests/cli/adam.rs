//! `trialbridge adam`: SDTM from `convert` in, ADaM datasets and the endpoint summary out.

use crate::{repo, stderr, stdout, trialbridge};
use std::path::Path;

/// SDTM of the example study, written by `trialbridge convert` into `dir/sdtm`.
fn example_sdtm(dir: &Path) {
    let fixtures = repo().join("fixtures/umin000015469");
    let mut cmd = trialbridge(dir);
    cmd.args(["convert", "--mapping"])
        .arg(repo().join("mappings/umin000015469"))
        .arg("--out")
        .arg(dir.join("sdtm"))
        .arg(fixtures.join("randomization.xlsx"));
    for site in [
        "site-01-hamamatsu",
        "site-02-mikatahara",
        "site-03-shizuoka",
        "site-04-hamamatsu-mc",
    ] {
        cmd.arg(fixtures.join(format!("{site}.xlsx")));
    }
    let out = cmd.output().unwrap();
    assert!(
        dir.join("sdtm/dm.json").exists(),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
}

#[test]
fn derives_adam_and_the_endpoint_summary_from_sdtm() {
    let dir = tempfile::tempdir().unwrap();
    example_sdtm(dir.path());
    let out = trialbridge(dir.path())
        .args(["adam", "--sdtm", "sdtm", "--out", "out"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
    assert!(
        stdout(&out).contains("adam: 7 datasets"),
        "{}",
        stdout(&out)
    );
    for name in ["adsl", "adtte", "adae", "adre", "adlb", "adgc", "adlda"] {
        for ext in ["xpt", "json"] {
            let p = dir.path().join(format!("out/adam/{name}.{ext}"));
            assert!(p.exists(), "{} missing", p.display());
        }
    }
    assert!(dir.path().join("out/adam/define.xml").exists());
    let csv = std::fs::read_to_string(dir.path().join("out/summary/endpoints.csv")).unwrap();
    assert!(csv.starts_with("endpoint,param,population,arm,n,events"));
    let pfs_tac = csv
        .lines()
        .find(|l| l.starts_with("PFS,") && l.contains("tacrolimus"))
        .unwrap();
    assert!(pfs_tac.contains(",30,4,364,0.866"), "{pfs_tac}");
    let json: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join("out/summary/endpoints.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(json["study"], "UMIN000015469");
    assert_eq!(json["time_to_event"][0]["paramcd"], "PFS");
    let html = std::fs::read_to_string(dir.path().join("out/summary/index.html")).unwrap();
    // OS12 prints the same numbers as OS (no death between day 364 and 365): named once,
    // not drawn twice.
    assert_eq!(
        html.matches("<svg").count(),
        2,
        "one KM plot per distinct endpoint"
    );
    assert!(html.contains("<path d=\"M"));
    assert_eq!(html.matches("<caption>Number at risk</caption>").count(), 2);
    assert!(html.contains("The same numbers as <em>Overall Survival up to Week 52 (Days)</em>"));
    assert!(html.contains("Kaplan–Meier estimate at week 52 (day 364)"));
    assert!(html.contains("<th>Median, days (95% CI)</th>"));
}

#[test]
fn same_inputs_give_byte_identical_outputs() {
    let dir = tempfile::tempdir().unwrap();
    example_sdtm(dir.path());
    for o in ["a", "b"] {
        let out = trialbridge(dir.path())
            .args(["adam", "--sdtm", "sdtm", "--out", o, "-q"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    }
    for f in [
        "adam/adtte.xpt",
        "adam/adsl.json",
        "summary/index.html",
        "summary/endpoints.json",
    ] {
        let a = std::fs::read(dir.path().join("a").join(f)).unwrap();
        let b = std::fs::read(dir.path().join("b").join(f)).unwrap();
        assert!(a == b, "{f} differs between runs");
    }
}

#[test]
fn a_folder_without_datasets_is_an_error_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("empty")).unwrap();
    let out = trialbridge(dir.path())
        .args(["adam", "--sdtm", "empty", "--out", "o"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("no SDTM datasets"),
        "{}",
        stderr(&out)
    );
    let missing = trialbridge(dir.path())
        .args(["adam", "--sdtm", "nowhere", "--out", "o"])
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(2));
}

#[test]
fn a_package_the_spec_does_not_fit_is_explained_once_and_gets_no_empty_summary() {
    let dir = tempfile::tempdir().unwrap();
    let pilot = standards::reference_dir().join("cdiscpilot01/sdtm");
    let out = trialbridge(dir.path())
        .args(["adam", "--sdtm"])
        .arg(&pilot)
        .args(["--out", "o"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = format!("{}{}", stdout(&out), stderr(&out));
    let origin: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("DRV0002") && l.contains("RANDOMIZATION date"))
        .collect();
    assert_eq!(origin.len(), 1, "{text}");
    assert!(
        origin[0].contains("306 of 306 randomized subjects"),
        "{}",
        origin[0]
    );
    assert!(origin[0].contains("DSDECOD is RANDOMIZED"), "{}", origin[0]);
    assert!(text.matches("DRV0002").count() < 5, "{text}");
    assert!(
        !dir.path().join("o/summary").exists(),
        "no empty summary page"
    );
    assert!(dir.path().join("o/adam/adsl.xpt").exists());
    assert!(
        !dir.path().join("o/adam/adtte.xpt").exists(),
        "no empty ADTTE"
    );
}

#[test]
fn a_bad_analysis_spec_is_every_problem_and_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    example_sdtm(dir.path());
    let spec = dir.path().join("spec");
    std::fs::create_dir(&spec).unwrap();
    for f in ["analysis.toml", "adsl.toml", "adtte.toml"] {
        let text = std::fs::read_to_string(repo().join("analyses/umin000015469").join(f)).unwrap();
        let text = text
            .replace("DSDECOD", "DSDECD")
            .replace("\"death\"]", "\"deth\"]");
        std::fs::write(spec.join(f), text).unwrap();
    }
    let out = trialbridge(dir.path())
        .args(["adam", "--sdtm", "sdtm", "--spec", "spec", "--out", "o"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("analysis.toml: origin.where.DSDECD: SDTMIG has no variable `DSDECD` in DS (did you mean `DSDECOD`?)"),
        "{err}"
    );
    assert!(err.contains("(did you mean `death`?)"), "{err}");
    assert!(!dir.path().join("o").exists(), "nothing written");
}

#[test]
fn the_example_adam_passes_the_adam_rules_but_for_what_the_data_lacks() {
    let dir = tempfile::tempdir().unwrap();
    example_sdtm(dir.path());
    let out = trialbridge(dir.path())
        .args(["adam", "--sdtm", "sdtm", "--out", "o", "-q"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v = trialbridge(dir.path())
        .args([
            "validate", "o/adam", "--format", "json", "--output", "v.json",
        ])
        .output()
        .unwrap();
    let r: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("v.json")).unwrap()).unwrap();
    let found: Vec<String> = r["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| format!("{} {}", f["code"], f["message"]))
        .collect();
    // RACE is not collected and 31 adverse events are not MedDRA-coded (AEBODSYS): true
    // findings. No key clash (DX0013), no CNSR problem on ADGC's daily doses (ADM0017).
    assert!(
        found.iter().all(|f| f.starts_with("\"ADM0003\"")),
        "{found:#?}"
    );
    assert_eq!(v.status.code(), Some(1));
    // Analysis Results Metadata: a display per endpoint, the protocol's primary one marked.
    let define = std::fs::read_to_string(dir.path().join("o/adam/define.xml")).unwrap();
    assert_eq!(define.matches("<arm:ResultDisplay ").count(), 5);
    assert!(define.contains(
        "<arm:AnalysisResult OID=\"AR.PFS.1\" ParameterOID=\"IT.ADTTE.PARAMCD\" AnalysisReason=\"SPECIFIED IN PROTOCOL\" AnalysisPurpose=\"PRIMARY OUTCOME MEASURE\">"
    ));
    assert!(define.contains("AnalysisPurpose=\"EXPLORATORY OUTCOME MEASURE\""));
    assert!(
        define.contains("<def:WhereClauseRef WhereClauseOID=\"WC.AR.FVCPP_CHG_WEEK_52.1.ADRE\"/>")
    );
}
