//! TA, TE, TI and TV from the registry fixtures, and the ARMCD rule.
#![allow(clippy::unwrap_used)]

use model::{Dataset, Finding, Value};
use registry::StudyRecord;
use sdtm::trial_design::{Options, PlannedVisit, TrialDesign, armcd_for, build};
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn record(rel: &str) -> StudyRecord {
    registry::read_path(root().join(rel)).unwrap()
}

fn umin() -> StudyRecord {
    record("fixtures/registry/umin000015469.toml")
}

fn example() -> TrialDesign {
    build(
        &umin(),
        &Options {
            visits: PlannedVisit::weeks(&[0, 4, 12, 24, 36, 52]),
            treatment_duration: Some("P52W".into()),
            ..Options::default()
        },
    )
}

fn text(ds: &Dataset, row: usize, var: &str) -> Option<String> {
    ds.get(row, var)
        .filter(|v| !v.is_null())
        .map(Value::to_string)
}

fn text_column(ds: &Dataset, var: &str) -> Vec<String> {
    (0..ds.rows.len())
        .filter_map(|r| text(ds, r, var))
        .collect()
}

fn codes(findings: &[Finding]) -> Vec<&str> {
    findings.iter().map(|f| f.code.as_str()).collect()
}

#[test]
fn example_study_ta_te_have_screening_and_one_treatment_element_per_arm() {
    let td = example();
    let (ta, te) = (&td.ta, &td.te);
    let rows: Vec<(String, f64, String, String)> = (0..ta.rows.len())
        .map(|r| {
            (
                text(ta, r, "ARMCD").unwrap(),
                ta.get(r, "TAETORD").unwrap().as_f64().unwrap(),
                text(ta, r, "ETCD").unwrap(),
                text(ta, r, "EPOCH").unwrap(),
            )
        })
        .collect();
    let s = |a: &str, o: f64, e: &str, p: &str| (a.to_owned(), o, e.to_owned(), p.to_owned());
    assert_eq!(
        rows,
        [
            s("CSA", 1.0, "SCRN", "SCREENING"),
            s("CSA", 2.0, "CSA", "TREATMENT"),
            s("TAC", 1.0, "SCRN", "SCREENING"),
            s("TAC", 2.0, "TAC", "TREATMENT"),
        ]
    );
    assert_eq!(text(ta, 0, "ARM").as_deref(), Some("CsA group"));
    assert_eq!(
        text(ta, 0, "TABRANCH").as_deref(),
        Some("Randomized to CsA group")
    );
    assert_eq!(text(ta, 1, "TABRANCH"), None);
    let epoch = standards::ct().codelist("EPOCH").unwrap();
    assert!((0..ta.rows.len()).all(|r| epoch.contains(&text(ta, r, "EPOCH").unwrap())));

    let etcds: Vec<String> = (0..te.rows.len())
        .map(|r| text(te, r, "ETCD").unwrap())
        .collect();
    assert_eq!(etcds, ["CSA", "SCRN", "TAC"]);
    let tac = etcds.iter().position(|e| e == "TAC").unwrap();
    assert_eq!(
        text(te, tac, "ELEMENT").as_deref(),
        Some("Tacrolimus + Prednisolone + Methylprednisolone")
    );
    assert_eq!(
        text(te, tac, "TESTRL").as_deref(),
        Some("Randomized to TAC group")
    );
    assert_eq!(text(te, tac, "TEDUR").as_deref(), Some("P52W"));
    assert!(etcds.iter().all(|e| e.len() <= 8));
}

#[test]
fn follow_up_element_only_when_known() {
    assert!(!text_column(&example().te, "ETCD").contains(&"FU".to_owned()));
    let td = build(
        &umin(),
        &Options {
            follow_up: Some("P4W".into()),
            ..Options::default()
        },
    );
    assert!(text_column(&td.te, "ETCD").contains(&"FU".to_owned()));
    let fu: Vec<String> = (0..td.ta.rows.len())
        .filter(|&r| text(&td.ta, r, "ETCD").as_deref() == Some("FU"))
        .map(|r| text(&td.ta, r, "EPOCH").unwrap())
        .collect();
    assert_eq!(fu, ["FOLLOW-UP", "FOLLOW-UP"]);
}

#[test]
fn example_study_ti_numbers_the_inclusion_criteria() {
    let td = example();
    let ti = &td.ti;
    assert_eq!(
        text_column(ti, "IETESTCD"),
        ["INCL01", "INCL02", "INCL03", "INCL04", "INCL05", "INCL06"]
    );
    assert_eq!(text(ti, 0, "IETEST").as_deref(), Some("Aged 18 or older"));
    assert!(text_column(ti, "IECAT").iter().all(|c| c == "INCLUSION"));
}

#[test]
fn catr_pat_ti_has_inclusion_and_exclusion_in_key_order() {
    let td = build(
        &record("fixtures/registry/seed004-catr-pat.json"),
        &Options::default(),
    );
    let cds = text_column(&td.ti, "IETESTCD");
    assert_eq!(cds.len(), 9 + 14, "{cds:?}");
    assert_eq!(cds[0], "EXCL01");
    assert_eq!(cds[14], "INCL01");
    assert!(text_column(&td.ti, "IETEST").iter().all(|t| t.len() <= 200));
    let (incl, excl): (Vec<_>, Vec<_>) = text_column(&td.ti, "IECAT")
        .into_iter()
        .partition(|c| c == "INCLUSION");
    assert_eq!((incl.len(), excl.len()), (9, 14));
}

#[test]
fn tv_from_the_visit_schedule_or_a_notice() {
    let td = example();
    let tv = td.tv.as_ref().unwrap();
    assert_eq!(
        text_column(tv, "VISIT"),
        [
            "WEEK 0", "WEEK 4", "WEEK 12", "WEEK 24", "WEEK 36", "WEEK 52"
        ]
    );
    let days: Vec<f64> = tv
        .column("VISITDY")
        .unwrap()
        .map(|v| v.as_f64().unwrap())
        .collect();
    assert_eq!(days, [1.0, 29.0, 85.0, 169.0, 253.0, 365.0]);
    assert_eq!(text(tv, 1, "TVSTRL").as_deref(), Some("Study day 29"));
    assert!(!codes(&td.findings).contains(&"RG0016"));

    let bare = build(&umin(), &Options::default());
    assert!(bare.tv.is_none());
    assert!(codes(&bare.findings).contains(&"RG0016"));
}

#[test]
fn armcd_is_stable_readable_and_matches_ta() {
    assert_eq!(armcd_for("TAC group"), "TAC");
    assert_eq!(armcd_for("TAC group"), armcd_for("  tac GROUP "));
    assert_eq!(armcd_for("Tacrolimus + prednisolone"), "TACR_PRED");
    let td = example();
    for r in 0..td.ta.rows.len() {
        let arm = text(&td.ta, r, "ARM").unwrap();
        assert_eq!(text(&td.ta, r, "ARMCD").unwrap(), armcd_for(&arm));
    }
    // Two arms whose labels abbreviate alike still get distinct codes.
    let mut rec = umin();
    rec.arms[1].label = "TAC arm".into();
    let td = build(&rec, &Options::default());
    let mut cds = text_column(&td.ta, "ARMCD");
    cds.dedup();
    assert_eq!(cds, ["TAC", "TAC_2"]);
    assert!(codes(&td.findings).contains(&"RG0012"));
    let etcds = text_column(&td.te, "ETCD");
    assert!(etcds.contains(&"TAC".to_owned()) && etcds.contains(&"TAC_2".to_owned()));
}
