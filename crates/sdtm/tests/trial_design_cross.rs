//! Registry-vs-data cross-checks (XC0001–XC0011): each with the case that triggers it and
//! the case that passes, then the example study's own data against its registry record.
#![allow(clippy::unwrap_used)]

use model::{Dataset, DatasetMeta, Finding, Value, Variable};
use registry::StudyRecord;
use sdtm::trial_design::{Options, build, cross_check};
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn umin() -> StudyRecord {
    registry::read_path(root().join("fixtures/registry/umin000015469.toml")).unwrap()
}

/// A DM with one record per (ARMCD, ARM, RFICDTC) given.
fn dm(subjects: &[(&str, &str, &str)]) -> Dataset {
    let mut meta = DatasetMeta::new("DM", "Demographics");
    for v in ["USUBJID", "ARMCD", "ARM", "RFICDTC"] {
        meta.variables.push(Variable::char(v, v));
    }
    let mut ds = Dataset::new(meta);
    for (i, (cd, arm, ic)) in subjects.iter().enumerate() {
        let opt = |s: &str| {
            if s.is_empty() {
                Value::NULL
            } else {
                Value::char(s)
            }
        };
        ds.rows.push(vec![
            Value::char(format!("S-{i:03}")),
            opt(cd),
            opt(arm),
            opt(ic),
        ]);
    }
    ds
}

/// The example study's shape: `tac` + `csa` randomized subjects, consent from 2014-11-12.
fn example_dm(tac: usize, csa: usize) -> Dataset {
    let mut s = vec![("TAC", "TAC group", "2014-11-12"); tac];
    s.extend(vec![("CSA", "CsA group", "2015-02-01"); csa]);
    dm(&s)
}

fn codes(f: &[Finding]) -> Vec<&str> {
    f.iter().map(|f| f.code.as_str()).collect()
}

#[test]
fn a_dm_that_matches_the_registry_passes_clean() {
    let rec = umin();
    let td = build(&rec, &Options::default());
    let f = cross_check(&rec, &example_dm(30, 28), Some(&td.ts), Some(364.0));
    assert!(f.is_empty(), "{f:#?}");
}

#[test]
fn xc0001_actual_enrollment_vs_randomized() {
    let rec = umin();
    let mut d = example_dm(30, 27);
    d.rows
        .extend(dm(&[("SCRNFAIL", "Screen Failure", "2015-03-01")]).rows);
    d.rows.extend(dm(&[("", "", "2015-03-02")]).rows);
    let f = cross_check(&rec, &d, None, None);
    assert_eq!(codes(&f), ["XC0001"]);
    assert!(
        f[0].message.contains("58") && f[0].message.contains("57"),
        "{}",
        f[0]
    );

    let mut ok = example_dm(30, 28);
    ok.rows
        .extend(dm(&[("NOTASSGN", "Not Assigned", "2015-03-01")]).rows);
    assert!(cross_check(&rec, &ok, None, None).is_empty());
}

#[test]
fn xc0002_planned_enrollment_is_only_a_notice() {
    let rec = registry::read_path(root().join("fixtures/registry/seed004-catr-pat.json")).unwrap();
    let labels: Vec<String> = rec.arms.iter().map(|a| a.label.clone()).collect();
    let codes_for: Vec<String> = labels
        .iter()
        .map(|l| sdtm::trial_design::armcd_for(l))
        .collect();
    let subjects = |n: usize| -> Dataset {
        let rows: Vec<(&str, &str, &str)> = (0..n)
            .map(|i| (codes_for[i % 2].as_str(), labels[i % 2].as_str(), ""))
            .collect();
        dm(&rows)
    };
    let f = cross_check(&rec, &subjects(70), None, None);
    assert_eq!(codes(&f), ["XC0002"]);
    assert_eq!(f[0].severity, model::Severity::Notice);
    assert!(cross_check(&rec, &subjects(76), None, None).is_empty());
}

#[test]
fn xc0003_xc0004_arms_that_do_not_match() {
    let rec = umin();
    let mut s = vec![("TAC", "TAC group", "2014-11-12"); 30];
    s.extend(vec![("PBO", "Placebo", "2014-11-20"); 28]);
    let f = cross_check(&rec, &dm(&s), None, None);
    assert_eq!(codes(&f), ["XC0003", "XC0004"]);
    assert!(f[0].message.contains("`CsA group`"), "{}", f[0]);
    assert!(f[1].message.contains("`Placebo`"), "{}", f[1]);
}

#[test]
fn xc0005_arms_matched_by_code_with_other_names() {
    let rec = umin();
    let mut s = vec![("TAC", "PSL + tacrolimus", "2014-11-12"); 30];
    s.extend(vec![("CSA", "PSL + cyclosporin A", "2014-11-20"); 28]);
    let f = cross_check(&rec, &dm(&s), None, None);
    assert_eq!(codes(&f), ["XC0005", "XC0005"]);
    // Names equal up to case and punctuation match outright.
    let mut s = vec![("T", "tac-group", "2014-11-12"); 30];
    s.extend(vec![("C", "CSA GROUP", "2014-11-20"); 28]);
    assert!(cross_check(&rec, &dm(&s), None, None).is_empty());
}

#[test]
fn xc0006_phase_vs_ts_tphase() {
    let rec = umin();
    let mut ts = build(&rec, &Options::default()).ts;
    let d = example_dm(30, 28);
    assert!(cross_check(&rec, &d, Some(&ts), None).is_empty());
    let parmcd = ts.meta.index_of("TSPARMCD").unwrap();
    let val = ts.meta.index_of("TSVAL").unwrap();
    for r in &mut ts.rows {
        if r[parmcd] == Value::char("TPHASE") {
            r[val] = Value::char("PHASE III TRIAL");
        }
    }
    let f = cross_check(&rec, &d, Some(&ts), None);
    assert_eq!(codes(&f), ["XC0006"]);
    assert!(f[0].message.contains("PHASE II TRIAL") && f[0].message.contains("PHASE III TRIAL"));
    ts.rows.retain(|r| r[parmcd] != Value::char("TPHASE"));
    let f = cross_check(&rec, &d, Some(&ts), None);
    assert_eq!(codes(&f), ["XC0006"]);
}

#[test]
fn xc0007_xc0008_study_start_vs_first_consent() {
    let rec = umin(); // start 2014-11
    let with_first = |ic: &str| {
        let mut d = example_dm(30, 28);
        let c = d.meta.index_of("RFICDTC").unwrap();
        d.rows[40][c] = Value::char(ic);
        d
    };
    let f = cross_check(&rec, &with_first("2014-10-20"), None, None);
    assert_eq!(codes(&f), ["XC0007"]);
    assert!(f[0].message.contains("2014-10-20") && f[0].message.contains("2014-11"));
    // Inside the registered month, or too partial to order: nothing to say.
    assert!(cross_check(&rec, &with_first("2014-11-01"), None, None).is_empty());
    assert!(cross_check(&rec, &with_first("2014"), None, None).is_empty());
    // Everyone consented after the registered start month.
    let mut late = example_dm(30, 28);
    let c = late.meta.index_of("RFICDTC").unwrap();
    for r in &mut late.rows {
        r[c] = Value::char("2015-01-05");
    }
    let f = cross_check(&rec, &late, None, None);
    assert_eq!(codes(&f), ["XC0008"]);
    assert_eq!(f[0].severity, model::Severity::Notice);
}

#[test]
fn xc0009_xc0010_adtte_horizon_vs_primary_time_frame() {
    let rec = umin(); // primary: 52 weeks = 364 days
    let d = example_dm(30, 28);
    for ok in [364.0, 378.0, 400.0, 330.0] {
        assert!(cross_check(&rec, &d, None, Some(ok)).is_empty(), "{ok}");
    }
    let f = cross_check(&rec, &d, None, Some(450.0));
    assert_eq!(codes(&f), ["XC0009"]);
    assert!(f[0].message.contains("450") && f[0].message.contains("364"));
    let f = cross_check(&rec, &d, None, Some(180.0));
    assert_eq!(codes(&f), ["XC0010"]);
}

#[test]
fn xc0011_checks_that_cannot_run_say_so() {
    let mut rec = umin();
    rec.outcomes.primary[0].time_frame = Some("through study completion".into());
    let f = cross_check(&rec, &example_dm(30, 28), None, Some(364.0));
    assert_eq!(codes(&f), ["XC0011"]);
    assert_eq!(f[0].dataset.as_deref(), Some("ADTTE"));

    let mut meta = DatasetMeta::new("DM", "Demographics");
    meta.variables
        .push(Variable::char("USUBJID", "Unique Subject Identifier"));
    let bare = Dataset::new(meta);
    let f = cross_check(&umin(), &bare, None, None);
    assert_eq!(codes(&f), ["XC0011", "XC0011"], "{f:#?}");
}

#[test]
fn the_example_study_data_agrees_with_its_registry_record() {
    let plan = sdtm::compile_dir(&root().join("mappings/umin000015469")).unwrap();
    let dir = root().join("fixtures/umin000015469");
    let names = [
        "site-01-hamamatsu.xlsx",
        "site-02-mikatahara.xlsx",
        "site-03-shizuoka.xlsx",
        "site-04-hamamatsu-mc.xlsx",
        "randomization.xlsx",
    ];
    let paths: Vec<(String, PathBuf)> =
        names.iter().map(|n| (n.to_string(), dir.join(n))).collect();
    let books: Vec<(String, &Path)> = paths
        .iter()
        .map(|(n, p)| (n.clone(), p.as_path()))
        .collect();
    let conv = sdtm::convert(&plan, &books).unwrap();
    let dm = &conv.dataset("DM").unwrap();
    let rec = umin();
    let td = build(&rec, &Options::default());
    let f = cross_check(&rec, dm, Some(&td.ts), Some(364.0));
    for x in &f {
        eprintln!("{x}");
    }
    // The arms are named by their drugs in DM and by the paper's group names in the record;
    // the codes agree, so that is a notice and nothing worse.
    assert!(
        f.iter().all(|x| x.severity == model::Severity::Notice),
        "{f:#?}"
    );
    assert_eq!(codes(&f).iter().filter(|c| **c == "XC0005").count(), 2);
}
