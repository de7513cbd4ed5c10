use crate::{repo, stderr, stdout, trialbridge};
use std::path::PathBuf;

fn site(name: &str) -> PathBuf {
    repo().join("fixtures/umin000015469").join(name)
}

fn mapping() -> PathBuf {
    repo().join("mappings/umin000015469")
}

const SITES: [&str; 5] = [
    "site-01-hamamatsu.xlsx",
    "site-02-mikatahara.xlsx",
    "site-03-shizuoka.xlsx",
    "site-04-hamamatsu-mc.xlsx",
    "randomization.xlsx",
];

#[test]
fn example_study_converts_to_xpt_and_dataset_json() {
    let dir = tempfile::tempdir().unwrap();
    let o = trialbridge(dir.path())
        .args(["convert", "--mapping"])
        .arg(mapping())
        .args(["--out", "sdtm"])
        .args(SITES.map(site))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    for name in [
        "dm", "suppdm", "ae", "cm", "ex", "lb", "re", "ds", "sv", "ce",
    ] {
        for ext in ["xpt", "json"] {
            let p = dir.path().join("sdtm").join(format!("{name}.{ext}"));
            assert!(p.is_file(), "{} missing", p.display());
        }
    }
    assert!(stdout(&o).contains("0 error(s)"), "{}", stdout(&o));
    let json = std::fs::read_to_string(dir.path().join("sdtm/dm.json")).unwrap();
    assert!(json.contains("UMIN000015469-03-004"));
}

#[test]
fn check_only_reports_the_broken_workbook_cells_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let o = trialbridge(dir.path())
        .args(["convert", "--check-only", "--mapping"])
        .arg(mapping())
        .arg(site("broken/site-02-mikatahara.xlsx"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = stdout(&o);
    for line in [
        "Demographics!A15: error[SI0033]",
        "Demographics!C4: error[SI0031]",
        "Randomization!A7: error[SI0034]",
        "Pulmonary function!C6: error[SI0021]",
        "Pulmonary function!E11: error[SI0032]",
        "Labs!E42: error[SI0001]",
    ] {
        assert!(out.contains(line), "{line} not in\n{out}");
    }
    assert!(out.contains("nothing written"));
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn mask_hides_values_but_keeps_cells() {
    let dir = tempfile::tempdir().unwrap();
    let o = trialbridge(dir.path())
        .args(["--mask", "convert", "--check-only", "--mapping"])
        .arg(mapping())
        .arg(site("broken/site-02-mikatahara.xlsx"))
        .output()
        .unwrap();
    let out = stdout(&o);
    assert!(
        out.contains("Demographics!C4: error[SI0031] SEX: `***`"),
        "{out}"
    );
    assert!(!out.contains("`X`"));
}

#[test]
fn a_bad_spec_exits_2_before_reading_workbooks() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("dm.toml"),
        "domain = \"DM\"\n[source]\nsheet = \"Demographics\"\n[variables]\nSEX = { column = \"Sex\", recode = { table = { \"Male\" = \"MALE\" } } }\nAGEE = { column = \"Age\" }\n",
    )
    .unwrap();
    let o = trialbridge(dir.path())
        .args([
            "convert",
            "--check-only",
            "--mapping",
            "dm.toml",
            "no-such-workbook.xlsx",
        ])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("variables.SEX.recode.table.\"Male\""), "{err}");
    assert!(
        err.contains("variables.AGEE") && err.contains("did you mean `AGE`?"),
        "{err}"
    );
    assert!(
        !err.contains("no-such-workbook"),
        "spec errors come before data: {err}"
    );
}

#[test]
fn out_is_required_without_check_only() {
    let dir = tempfile::tempdir().unwrap();
    let o = trialbridge(dir.path())
        .args(["convert", "--mapping"])
        .arg(mapping())
        .arg(site("site-01-hamamatsu.xlsx"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--out"));
}
