//! The example study (UMIN000015469) through SDTM to ADaM: the paper's truths must hold.

#![allow(clippy::unwrap_used)]
mod support;

use model::{Dataset, Value};
use support::example_adam;

fn ds(name: &str) -> &'static Dataset {
    example_adam().dataset(name).unwrap()
}

fn col<'a>(d: &'a Dataset, row: &'a [Value], name: &str) -> &'a Value {
    &row[d.meta.index_of(name).unwrap()]
}

fn s<'a>(d: &'a Dataset, row: &'a [Value], name: &str) -> Option<&'a str> {
    col(d, row, name).as_str()
}

fn n(d: &Dataset, row: &[Value], name: &str) -> Option<f64> {
    col(d, row, name).as_f64()
}

fn count(d: &Dataset, pred: impl Fn(&[Value]) -> bool) -> usize {
    d.rows.iter().filter(|r| pred(r)).count()
}

const TAC: &str = "PSL + tacrolimus";
const CSA: &str = "PSL + cyclosporin A";

#[test]
fn prints_the_summary() {
    let out = example_adam();
    eprintln!("{}", out.summary.to_csv());
    for f in &out.findings {
        eprintln!("{f}");
    }
    for d in &out.datasets {
        eprintln!(
            "{}: {} rows, {} variables",
            d.name(),
            d.rows.len(),
            d.meta.variables.len()
        );
    }
}

#[test]
fn adsl_has_one_record_per_randomized_subject_by_arm() {
    let d = ds("ADSL");
    assert_eq!(d.rows.len(), 58);
    assert_eq!(count(d, |r| s(d, r, "TRT01P") == Some(TAC)), 30);
    assert_eq!(count(d, |r| s(d, r, "TRT01P") == Some(CSA)), 28);
    assert_eq!(count(d, |r| s(d, r, "ITTFL") == Some("Y")), 58);
    assert_eq!(count(d, |r| s(d, r, "SAFFL") == Some("Y")), 58);
    let mut ids: Vec<&str> = d.rows.iter().map(|r| s(d, r, "USUBJID").unwrap()).collect();
    ids.dedup();
    assert_eq!(ids.len(), 58, "one record per subject");
}

#[test]
fn per_protocol_is_26_vs_20() {
    let d = ds("ADSL");
    let pp = |arm| {
        count(d, |r| {
            s(d, r, "TRT01P") == Some(arm) && s(d, r, "PPROTFL") == Some("Y")
        })
    };
    assert_eq!((pp(TAC), pp(CSA)), (26, 20));
}

#[test]
fn strata_and_antibody_flags_match_table_1() {
    let d = ds("ADSL");
    let c = |arm, var, val| {
        count(d, |r| {
            s(d, r, "TRT01P") == Some(arm) && s(d, r, var) == Some(val)
        })
    };
    assert_eq!(
        (
            c(TAC, "STRAT1R", "PM"),
            c(TAC, "STRAT1R", "DM"),
            c(TAC, "STRAT1R", "CADM")
        ),
        (6, 10, 14)
    );
    assert_eq!(
        (
            c(CSA, "STRAT1R", "PM"),
            c(CSA, "STRAT1R", "DM"),
            c(CSA, "STRAT1R", "CADM")
        ),
        (4, 13, 11)
    );
    assert_eq!((c(TAC, "ARSFL", "Y"), c(CSA, "ARSFL", "Y")), (15, 14));
    assert_eq!((c(TAC, "MDA5FL", "Y"), c(CSA, "MDA5FL", "Y")), (8, 10));
    assert_eq!((c(TAC, "DTHFL", "Y"), c(CSA, "DTHFL", "Y")), (1, 2));
    // All three deaths were anti-MDA5 positive.
    assert_eq!(
        count(d, |r| s(d, r, "DTHFL") == Some("Y")
            && s(d, r, "MDA5FL") == Some("Y")),
        3
    );
}

#[test]
fn adsl_dates_carry_date9_and_baselines_match_table_1() {
    let d = ds("ADSL");
    for v in ["RANDDT", "TRTSDT", "TRTEDT", "DTHDT", "LSTALVDT", "EOSDT"] {
        let var = d.meta.variable(v).unwrap();
        assert_eq!(var.format.as_deref(), Some("DATE9."), "{v}");
        assert_eq!(var.data_type.as_deref(), Some("date"), "{v}");
    }
    assert_eq!(
        d.meta.variable("TRT01P").unwrap().label,
        "Planned Treatment for Period 01"
    );
    let mean = |arm, var| {
        let xs: Vec<f64> = d
            .rows
            .iter()
            .filter(|r| s(d, r, "TRT01P") == Some(arm))
            .filter_map(|r| n(d, r, var))
            .collect();
        xs.iter().sum::<f64>() / xs.len() as f64
    };
    assert!(
        (mean(TAC, "BFVCPP") - 74.8).abs() < 0.1,
        "{}",
        mean(TAC, "BFVCPP")
    );
    assert!(
        (mean(CSA, "BFVCPP") - 76.4).abs() < 0.1,
        "{}",
        mean(CSA, "BFVCPP")
    );
    assert!((mean(TAC, "BDLCOPP") - 64.1).abs() < 0.1);
    assert!((mean(CSA, "BDLCOPP") - 68.5).abs() < 0.1);
    for r in &d.rows {
        assert!(n(d, r, "LSTALVDT").is_some());
        if let (Some(a), Some(dth)) = (n(d, r, "LSTALVDT"), n(d, r, "DTHDT")) {
            assert!(a <= dth);
        }
    }
}

#[test]
fn adtte_counts_4_vs_8_progressions_and_1_vs_2_deaths() {
    let d = ds("ADTTE");
    let events = |cd, arm| {
        count(d, |r| {
            s(d, r, "PARAMCD") == Some(cd)
                && s(d, r, "TRTP") == Some(arm)
                && n(d, r, "CNSR") == Some(0.0)
        })
    };
    assert_eq!((events("PFS", TAC), events("PFS", CSA)), (4, 8));
    assert_eq!((events("OS", TAC), events("OS", CSA)), (1, 2));
    assert_eq!((events("OS12", TAC), events("OS12", CSA)), (1, 2));
    assert_eq!(d.rows.len(), 3 * 58);
    for r in &d.rows {
        let (aval, start, adt) = (
            n(d, r, "AVAL").unwrap(),
            n(d, r, "STARTDT").unwrap(),
            n(d, r, "ADT").unwrap(),
        );
        assert_eq!(aval, adt - start);
        assert!((0.0..=366.0).contains(&aval));
        assert!(s(d, r, "EVNTDESC").is_some());
        assert_eq!(n(d, r, "CNSR") == Some(1.0), s(d, r, "CNSDTDSC").is_some());
        assert!(s(d, r, "SRCDOM").is_some());
    }
    // Every PFS event traces to its CE record, every death to DS.
    for r in d.rows.iter().filter(|r| n(d, r, "CNSR") == Some(0.0)) {
        let src = (s(d, r, "SRCDOM"), n(d, r, "SRCSEQ").is_some());
        assert!(matches!(src, (Some("CE" | "DS"), true)), "{src:?}");
    }
}

fn endpoint(cd: &str) -> &'static adam::summary::TteEndpoint {
    example_adam()
        .summary
        .time_to_event
        .iter()
        .find(|e| e.paramcd == cd)
        .unwrap()
}

#[test]
fn km_at_52_weeks_reproduces_the_paper() {
    let pfs = endpoint("PFS");
    let os = endpoint("OS");
    let at = |e: &adam::summary::TteEndpoint, arm: &str| {
        e.arms.iter().find(|a| a.arm == arm).unwrap().estimate
    };
    assert_eq!((at(pfs, TAC) * 100.0).round(), 87.0);
    assert_eq!((at(pfs, CSA) * 100.0).round(), 71.0);
    assert_eq!((at(os, TAC) * 100.0).round(), 97.0);
    assert_eq!((at(os, CSA) * 100.0).round(), 93.0);
    // The paper: log-rank p = 0.16 (PFS) and 0.50 (OS).
    let (p_pfs, p_os) = (pfs.logrank_p.unwrap(), os.logrank_p.unwrap());
    assert!((p_pfs - 0.16).abs() < 0.05, "PFS log-rank p {p_pfs}");
    assert!((p_os - 0.50).abs() < 0.1, "OS log-rank p {p_os}");
    let hr = &pfs.hazard_ratios[0];
    assert_eq!((hr.arm.as_str(), hr.reference.as_str()), (TAC, CSA));
    assert!(hr.hazard_ratio < 1.0 && hr.lower < hr.hazard_ratio && hr.hazard_ratio < hr.upper);
}

#[test]
fn fvc_change_at_week_52_matches_table_2() {
    let fvc = example_adam()
        .summary
        .change
        .iter()
        .find(|c| c.paramcd == "FVCPP")
        .unwrap();
    let arm = |a: &str| fvc.arms.iter().find(|x| x.arm == a).unwrap();
    assert_eq!((arm(TAC).n, arm(CSA).n), (26, 20));
    assert!(
        (arm(TAC).mean.unwrap() - 16.9).abs() < 0.5,
        "{:?}",
        arm(TAC)
    );
    assert!(
        (arm(CSA).mean.unwrap() - 19.7).abs() < 0.5,
        "{:?}",
        arm(CSA)
    );
    let dlco = example_adam()
        .summary
        .change
        .iter()
        .find(|c| c.paramcd == "DLCOPP")
        .unwrap();
    let tac = dlco.arms.iter().find(|x| x.arm == TAC).unwrap();
    assert!((tac.mean.unwrap() - 14.7).abs() < 0.5, "{tac:?}");
}

#[test]
fn a_covariate_in_the_spec_adjusts_the_hazard_ratio_on_complete_cases() {
    use adam::stats::{Covariate, CoxOptions, SurvivalData, cox_ph};
    let mut spec = adam::spec::example();
    let pfs = spec
        .summary
        .time_to_event
        .iter_mut()
        .find(|e| e.paramcd == "PFS")
        .unwrap();
    pfs.covariates = vec!["BFVCPP".into()];
    let out = adam::derive_all(
        support::example_sdtm(),
        &spec,
        &adam::DeriveOptions { adlb: false },
    );
    let e = out
        .summary
        .time_to_event
        .iter()
        .find(|e| e.paramcd == "PFS")
        .unwrap();
    let adj = &e.adjusted_hazard_ratios[0];
    // The same model fitted by hand from ADTTE and ADSL.
    let (adsl, adtte) = (out.dataset("ADSL").unwrap(), out.dataset("ADTTE").unwrap());
    let base = |u: &str| {
        (0..adsl.rows.len())
            .find(|&i| adsl.get(i, "USUBJID").and_then(|v| v.as_str()) == Some(u))
            .and_then(|i| adsl.get(i, "BFVCPP").and_then(|v| v.as_f64()))
    };
    let mut rows = Vec::new();
    let mut x = Vec::new();
    for i in 0..adtte.rows.len() {
        let t = |v: &str| adtte.get(i, v).and_then(|v| v.as_str()).map(str::to_owned);
        let n = |v: &str| adtte.get(i, v).and_then(|v| v.as_f64());
        if t("PARAMCD").as_deref() != Some("PFS") {
            continue;
        }
        let Some(b) = base(&t("USUBJID").unwrap()) else {
            continue;
        };
        rows.push(
            SurvivalData::new(n("AVAL").unwrap(), n("CNSR").unwrap() == 0.0)
                .with_group(t("TRTP").unwrap()),
        );
        x.push(b);
    }
    let trt: Vec<f64> = rows
        .iter()
        .map(|r| f64::from(u8::from(r.group.as_deref() == Some(adj.arm.as_str()))))
        .collect();
    let fit = cox_ph(
        &rows,
        &[Covariate::new("trt", trt), Covariate::new("x1", x)],
        false,
        &CoxOptions::default(),
    )
    .unwrap();
    assert_eq!(adj.hazard_ratio, fit.coefficients[0].hazard_ratio);
    assert_eq!(adj.p_value, fit.coefficients[0].p_value);
    assert_ne!(adj.hazard_ratio, e.hazard_ratios[0].hazard_ratio);
    assert!(
        out.summary.to_html().contains(
            "Cox hazard ratio adjusted for BFVCPP: PSL + tacrolimus vs PSL + cyclosporin A"
        )
    );
}
