//! Seed 000, a second study shaped nothing like the example: its ADaM and endpoints come
//! from its analysis spec (`analyses/seed000/`) with no code of its own.
#![allow(clippy::unwrap_used)]

use model::{Dataset, Value};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn adam() -> &'static adam::AdamOutput {
    static OUT: OnceLock<adam::AdamOutput> = OnceLock::new();
    OUT.get_or_init(|| {
        let root = repo();
        let plan = sdtm::compile_dir(&root.join("mappings/seed000")).unwrap();
        let files: Vec<(String, PathBuf)> = ["patients", "ae_log", "pft", "gc_log", "labs"]
            .iter()
            .map(|n| {
                (
                    format!("{n}.csv"),
                    root.join("fixtures/seed000").join(format!("{n}.csv")),
                )
            })
            .collect();
        let refs: Vec<(String, &Path)> = files
            .iter()
            .map(|(n, p)| (n.clone(), p.as_path()))
            .collect();
        let sdtm = sdtm::convert(&plan, &refs).unwrap().into_datasets();
        let spec = adam::spec::compile_dir(&root.join("analyses/seed000")).unwrap();
        adam::derive_all(&sdtm, &spec, &adam::DeriveOptions::default())
    })
}

fn ds(name: &str) -> &'static Dataset {
    adam().dataset(name).unwrap_or_else(|| panic!("no {name}"))
}

/// The rows of `d` where every (variable, text) pair holds.
fn rows<'a>(d: &'a Dataset, want: &[(&str, &str)]) -> Vec<&'a [Value]> {
    d.rows
        .iter()
        .filter(|r| {
            want.iter()
                .all(|(v, x)| r[d.meta.index_of(v).unwrap()].as_str() == Some(*x))
        })
        .map(Vec::as_slice)
        .collect()
}

fn num(d: &Dataset, r: &[Value], v: &str) -> Option<f64> {
    r[d.meta.index_of(v).unwrap()].as_f64()
}

fn text<'a>(d: &Dataset, r: &'a [Value], v: &str) -> Option<&'a str> {
    r[d.meta.index_of(v).unwrap()].as_str()
}

#[test]
fn every_dataset_of_the_spec_is_derived_without_data_problems() {
    let names: Vec<&str> = adam().datasets.iter().map(|d| d.name()).collect();
    assert_eq!(
        names,
        ["ADSL", "ADTTE", "ADAE", "ADRE", "ADLB", "ADGC", "ADLDA"]
    );
    let drv2: Vec<String> = adam()
        .findings
        .iter()
        .filter(|f| f.code == "DRV0002")
        .map(ToString::to_string)
        .collect();
    assert!(drv2.is_empty(), "{drv2:?}");
    let adsl = ds("ADSL");
    assert_eq!(adsl.rows.len(), 6);
    assert_eq!(rows(adsl, &[("ITTFL", "Y")]).len(), 6);
    assert_eq!(rows(adsl, &[("ASABR", "anti-Jo-1")]).len(), 3);
    // Randomized at the baseline visit: every subject has a baseline FVC and DLCO.
    for v in ["BFVCPP", "BDLCOPP"] {
        assert!(adsl.rows.iter().all(|r| num(adsl, r, v).is_some()), "{v}");
    }
}

#[test]
fn twelve_month_survival_counts_the_one_death_and_censors_at_twelve_months() {
    let d = ds("ADTTE");
    assert_eq!(rows(d, &[("PARAMCD", "OS12")]).len(), 6);
    let dead = rows(d, &[("USUBJID", "SEED000-J-103")]);
    assert_eq!(num(d, dead[0], "CNSR"), Some(0.0));
    // Randomized 2023-02-05, died 2023-09-15.
    assert_eq!(num(d, dead[0], "AVAL"), Some(222.0));
    assert_eq!(text(d, dead[0], "EVNTDESC"), Some("DEATH"));
    let j101 = rows(d, &[("USUBJID", "SEED000-J-101")]);
    // Randomized 2023-01-09, last seen 2024-01-10: censored on 2024-01-09.
    assert_eq!(num(d, j101[0], "CNSR"), Some(1.0));
    assert_eq!(num(d, j101[0], "AVAL"), Some(365.0));
    assert_eq!(
        text(d, j101[0], "CNSDTDSC"),
        Some("END OF 12-MONTH FOLLOW-UP")
    );
    assert_eq!(adam().horizon, Some(365.0));
}

#[test]
fn annual_decline_of_fvc_and_dlco_is_a_derived_parameter() {
    let d = ds("ADRE");
    for cd in ["FVCPPSLP", "DLCOPSLP"] {
        let r = rows(d, &[("PARAMCD", cd)]);
        assert!(r.len() >= 5, "{cd}: {}", r.len());
        assert!(r.iter().all(|r| text(d, r, "PARAMTYP") == Some("DERIVED")));
    }
    let visits: Vec<&str> = rows(d, &[("PARAMCD", "FVCPP"), ("ANL01FL", "Y")])
        .iter()
        .filter_map(|r| text(d, r, "AVISIT"))
        .collect();
    assert!(visits.contains(&"MONTH 6") && visits.contains(&"MONTH 12"));
}

#[test]
fn the_glucocorticoid_taper_reaches_the_threshold_for_some_and_not_others() {
    let d = ds("ADGC");
    let j101 = rows(d, &[("USUBJID", "SEED000-J-101"), ("PARAMCD", "TTPSL75")]);
    // Randomized 2023-01-09; 7.5 mg/day from 2023-07-01.
    assert_eq!(num(d, j101[0], "AVAL"), Some(173.0));
    assert_eq!(num(d, j101[0], "CNSR"), Some(0.0));
    let j103 = rows(d, &[("USUBJID", "SEED000-J-103"), ("PARAMCD", "TTPSL75")]);
    assert_eq!(num(d, j103[0], "CNSR"), Some(1.0), "died on 15 mg/day");
    // The methylprednisolone pulse counts 1.25 mg per mg: 1,250 mg/day on its last two days
    // (its first was the day before randomization).
    let pulse = rows(d, &[("USUBJID", "SEED000-J-103"), ("PARAMCD", "PSLDOSE")]);
    assert_eq!(num(d, pulse[0], "AVAL"), Some(1250.0));
    assert_eq!(num(d, pulse[0], "AENDY"), Some(2.0));
    let cum = rows(d, &[("USUBJID", "SEED000-J-105"), ("PARAMCD", "PSLCUM12")]);
    // fixtures/seed000/README.md: 4,455 mg to day 364, and 5 mg on day 365.
    assert_eq!(num(d, cum[0], "AVAL"), Some(4460.0));
}

#[test]
fn low_disease_activity_judges_esr_and_never_invents_arthritis() {
    let d = ds("ADLDA");
    let esr = rows(d, &[("PARAMCD", "LDAESR")]);
    assert!(esr.iter().any(|r| text(d, r, "AVALC") == Some("Y")));
    assert!(esr.iter().any(|r| text(d, r, "AVALC") == Some("N")));
    let arth = rows(d, &[("PARAMCD", "LDAARTH")]);
    assert!(arth.iter().all(|r| text(d, r, "AVALC") == Some("NE")));
    assert!(
        rows(d, &[("PARAMCD", "LDA")])
            .iter()
            .all(|r| text(d, r, "AVALC") != Some("Y"))
    );
    let died = rows(
        d,
        &[
            ("USUBJID", "SEED000-J-103"),
            ("AVISIT", "MONTH 12"),
            ("PARAMCD", "LDA"),
        ],
    );
    assert_eq!(
        text(d, died[0], "AVALC"),
        Some("N"),
        "a death is not a response"
    );
}

#[test]
fn the_endpoint_table_follows_the_spec() {
    let s = &adam().summary;
    let tte: Vec<&str> = s.time_to_event.iter().map(|e| e.paramcd.as_str()).collect();
    assert_eq!(tte, ["OS12", "TTPSL75"]);
    let os = &s.time_to_event[0];
    assert_eq!(os.arms.iter().map(|a| a.n).sum::<usize>(), 6);
    assert_eq!(os.arms.iter().map(|a| a.events).sum::<usize>(), 1);
    assert!(os.logrank_stratified_p.is_none(), "no strata in the spec");
    // Six subjects cannot support a model with a covariate: the page and the notes say so
    // rather than print a number.
    let taper = &s.time_to_event[1];
    assert_eq!(taper.covariates, ["BFVCPP"]);
    assert!(taper.adjusted_hazard_ratios.is_empty());
    assert!(
        s.notes
            .iter()
            .any(|n| n.starts_with("TTPSL75 adjusted hazard ratio")),
        "{:?}",
        s.notes
    );
    assert!(s.to_html().contains("adjusted for BFVCPP: not estimable"));
    let chg: Vec<(&str, &str)> = s
        .change
        .iter()
        .map(|c| (c.paramcd.as_str(), c.avisit.as_str()))
        .collect();
    assert_eq!(chg, [("FVCPP", "MONTH 12"), ("DLCOPP", "MONTH 12")]);
    // Low disease activity: arthritis is never evaluable here, so no subject is a responder;
    // a subject who died before month 12 is a non-responder, the rest are not evaluable.
    let at: Vec<&str> = s.proportion.iter().map(|p| p.avisit.as_str()).collect();
    assert_eq!(at, ["MONTH 6", "MONTH 12"]);
    let m12 = &s.proportion[1];
    assert_eq!(m12.arms.iter().map(|a| a.responders).sum::<usize>(), 0);
    let dead = adam()
        .dataset("ADLDA")
        .map(|d| {
            rows(
                d,
                &[("AVISIT", "MONTH 12"), ("PARAMCD", "LDA"), ("AVALC", "N")],
            )
            .len()
        })
        .unwrap();
    assert_eq!(m12.arms.iter().map(|a| a.n).sum::<usize>(), dead);
    assert_eq!(
        m12.arms
            .iter()
            .map(|a| a.n + a.not_evaluable)
            .sum::<usize>(),
        6
    );
    assert!(s.to_csv().lines().any(|l| l.starts_with("LDA_RESP,")));
}
