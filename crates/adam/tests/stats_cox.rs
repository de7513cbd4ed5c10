//! Cox proportional hazards: closed-form optima for Efron and Breslow, the Freireich trial as
//! textbooks report it, and the cases where a hazard ratio does not exist.
#![allow(clippy::unwrap_used)]

use adam::stats::{
    Covariate, CoxOptions, StatsError, SurvivalData, Ties, cox_ph, cox_treatment, dist,
};

fn rows(spec: &[(f64, bool)]) -> Vec<SurvivalData> {
    spec.iter().map(|&(t, e)| SurvivalData::new(t, e)).collect()
}

fn breslow() -> CoxOptions {
    CoxOptions {
        ties: Ties::Breslow,
        ..CoxOptions::default()
    }
}

#[test]
fn no_ties_closed_form() {
    // Deaths at 1..4 with x = 1, 0, 1, 0 and w = e^β:
    // ℓ = 2β − ln(2w+2) − ln(w+2) − ln(w+1), whose score vanishes at w² − w − 4 = 0;
    // the information is Σ p(1−p) over the risk sets: 2w/(w+1)² + 2w/(w+2)².
    let data = rows(&[(1.0, true), (2.0, true), (3.0, true), (4.0, true)]);
    let x = [Covariate::new("x", vec![1.0, 0.0, 1.0, 0.0])];
    let fit = cox_ph(&data, &x, false, &CoxOptions::default()).unwrap();
    let c = &fit.coefficients[0];
    let w = (1.0 + 17f64.sqrt()) / 2.0;
    assert!((c.coef - w.ln()).abs() < 1e-12, "{}", c.coef);
    assert!((c.hazard_ratio - w).abs() < 1e-12);
    let info = 2.0 * w / (w + 1.0).powi(2) + 2.0 * w / (w + 2.0).powi(2);
    assert!((c.se - info.powf(-0.5)).abs() < 1e-12);
    assert!((c.z - w.ln() * info.sqrt()).abs() < 1e-12);
    assert!((c.p_value - 2.0 * dist::normal_sf(c.z)).abs() < 1e-14);
    assert!((c.hr_ci.lower - (c.coef - 1.959_963_984_540_054 * c.se).exp()).abs() < 1e-12);
    let ll = 2.0 * w.ln() - (2.0 * w + 2.0).ln() - (w + 2.0).ln() - (w + 1.0).ln();
    assert!((fit.log_likelihood - ll).abs() < 1e-12);
    assert!((fit.log_likelihood_null + 24f64.ln()).abs() < 1e-12);
}

#[test]
fn efron_and_breslow_differ_on_ties_as_derived() {
    // A (x=1) and B (x=0) die at 1, C (x=0) is censored at 2; w = e^β.
    // Efron: ℓ = β − ln(w+2) − ln((w+3)/2) ⇒ w² = 6.  Breslow: ℓ = β − 2 ln(w+2) ⇒ w = 2.
    let data = rows(&[(1.0, true), (1.0, true), (2.0, false)]);
    let x = [Covariate::new("x", vec![1.0, 0.0, 0.0])];
    let efron = cox_ph(&data, &x, false, &CoxOptions::default()).unwrap();
    let w = 6f64.sqrt();
    assert!((efron.coefficients[0].coef - w.ln()).abs() < 1e-12);
    let info = 2.0 * w / (w + 2.0).powi(2) + 3.0 * w / (w + 3.0).powi(2);
    assert!((efron.coefficients[0].se - info.powf(-0.5)).abs() < 1e-12);
    let bres = cox_ph(&data, &x, false, &breslow()).unwrap();
    assert!((bres.coefficients[0].coef - 2f64.ln()).abs() < 1e-12);
    assert_eq!(bres.ties, Ties::Breslow);
}

fn gehan() -> Vec<SurvivalData> {
    let six_mp = [
        (6, 1),
        (6, 1),
        (6, 1),
        (6, 0),
        (7, 1),
        (9, 0),
        (10, 1),
        (10, 0),
        (11, 0),
        (13, 1),
        (16, 1),
        (17, 0),
        (19, 0),
        (20, 0),
        (22, 1),
        (23, 1),
        (25, 0),
        (32, 0),
        (32, 0),
        (34, 0),
        (35, 0),
    ];
    let placebo = [
        1, 1, 2, 2, 3, 4, 4, 5, 5, 8, 8, 8, 8, 11, 11, 12, 12, 15, 17, 22, 23,
    ];
    let mut rows: Vec<SurvivalData> = six_mp
        .iter()
        .map(|&(t, e)| SurvivalData::new(f64::from(t), e == 1).with_group("6-MP"))
        .collect();
    rows.extend(
        placebo
            .iter()
            .map(|&t| SurvivalData::new(f64::from(t), true).with_group("placebo")),
    );
    rows
}

#[test]
fn freireich_trial_as_textbooks_report_it() {
    // Kleinbaum & Klein: Efron coef 1.572, SE 0.412, HR 4.817; Breslow coef 1.509, SE 0.410.
    let efron = cox_treatment(&gehan(), "placebo", false, &CoxOptions::default()).unwrap();
    let c = &efron.coefficients[0];
    assert_eq!(c.name, "placebo");
    assert!((c.coef - 1.572).abs() < 5e-4, "{}", c.coef);
    assert!((c.se - 0.412).abs() < 5e-4, "{}", c.se);
    assert!((c.hazard_ratio - 4.817).abs() < 5e-3);
    assert_eq!((efron.n, efron.events), (42, 30));
    let b = cox_treatment(&gehan(), "placebo", false, &breslow()).unwrap();
    assert!(
        (b.coefficients[0].coef - 1.509).abs() < 5e-4,
        "{}",
        b.coefficients[0].coef
    );
    assert!((b.coefficients[0].se - 0.410).abs() < 5e-4);
    // Reversing the indicator flips the sign and keeps the SE.
    let rev = cox_treatment(&gehan(), "6-MP", false, &CoxOptions::default()).unwrap();
    assert!((rev.coefficients[0].coef + c.coef).abs() < 1e-9);
    assert!((rev.coefficients[0].se - c.se).abs() < 1e-9);
}

#[test]
fn scale_and_shift_of_a_covariate_only_rescale_its_coefficient() {
    let data = gehan();
    let trt: Vec<f64> = data
        .iter()
        .map(|r| f64::from(u8::from(r.group.as_deref() == Some("placebo"))))
        .collect();
    let age: Vec<f64> = (0..data.len())
        .map(|i| 40.0 + ((i * 37) % 23) as f64)
        .collect();
    let days: Vec<f64> = age.iter().map(|a| 365.25 * a + 1e6).collect();
    let opts = CoxOptions::default();
    let a = cox_ph(
        &data,
        &[
            Covariate::new("trt", trt.clone()),
            Covariate::new("age", age),
        ],
        false,
        &opts,
    )
    .unwrap();
    let b = cox_ph(
        &data,
        &[Covariate::new("trt", trt), Covariate::new("days", days)],
        false,
        &opts,
    )
    .unwrap();
    assert!((a.coefficients[0].coef - b.coefficients[0].coef).abs() < 1e-9);
    assert!((a.coefficients[1].coef - 365.25 * b.coefficients[1].coef).abs() < 1e-9);
    assert!((a.coefficients[1].p_value - b.coefficients[1].p_value).abs() < 1e-9);
    assert!(a.lr_chi2 > 0.0 && a.lr_p_value < 1e-3);
}

#[test]
fn stratified_model_with_one_stratum_is_the_plain_model() {
    let one: Vec<_> = gehan().into_iter().map(|r| r.with_stratum("all")).collect();
    let opts = CoxOptions::default();
    let plain = cox_treatment(&one, "placebo", false, &opts).unwrap();
    let strat = cox_treatment(&one, "placebo", true, &opts).unwrap();
    assert!((plain.coefficients[0].coef - strat.coefficients[0].coef).abs() < 1e-12);
    assert_eq!(strat.strata, ["all"]);
    // Two copies as separate strata: same estimate, information doubles.
    let mut two = one.clone();
    two.extend(gehan().into_iter().map(|r| r.with_stratum("copy")));
    let doubled = cox_treatment(&two, "placebo", true, &opts).unwrap();
    assert!((doubled.coefficients[0].coef - plain.coefficients[0].coef).abs() < 1e-9);
    let ratio = plain.coefficients[0].se / doubled.coefficients[0].se;
    assert!((ratio - 2f64.sqrt()).abs() < 1e-9);
}

#[test]
fn undefined_hazard_ratios_are_errors() {
    let opts = CoxOptions::default();
    // No events at all.
    let censored: Vec<_> = gehan()
        .into_iter()
        .map(|mut r| {
            r.event = false;
            r
        })
        .collect();
    assert_eq!(
        cox_treatment(&censored, "placebo", false, &opts).unwrap_err(),
        StatsError::NoEvents
    );
    // One arm without events: the estimate runs off to −∞ for that arm.
    let mut one_arm = gehan();
    one_arm
        .iter_mut()
        .filter(|r| r.group.as_deref() == Some("6-MP"))
        .for_each(|r| r.event = false);
    let err = cox_treatment(&one_arm, "6-MP", false, &opts).unwrap_err();
    assert_eq!(
        err,
        StatsError::InfiniteEstimate {
            name: "6-MP".into(),
            direction: "-infinity"
        }
    );
    // A constant covariate, and two collinear ones.
    let data = gehan();
    let n = data.len();
    let flat = [Covariate::new("c", vec![2.0; n])];
    assert!(matches!(
        cox_ph(&data, &flat, false, &opts).unwrap_err(),
        StatsError::Singular(_)
    ));
    let x: Vec<f64> = (0..n).map(|i| (i % 5) as f64).collect();
    let y: Vec<f64> = x.iter().map(|v| 3.0 * v - 1.0).collect();
    let collinear = [Covariate::new("x", x), Covariate::new("y", y)];
    assert!(matches!(
        cox_ph(&data, &collinear, false, &opts).unwrap_err(),
        StatsError::Singular(_)
    ));
}

#[test]
fn input_checks() {
    let opts = CoxOptions::default();
    let data = gehan();
    let short = [Covariate::new("x", vec![1.0])];
    assert!(matches!(
        cox_ph(&data, &short, false, &opts).unwrap_err(),
        StatsError::LengthMismatch { .. }
    ));
    let mut x = vec![0.0; data.len()];
    x[4] = f64::NAN;
    let err = cox_ph(&data, &[Covariate::new("x", x)], false, &opts).unwrap_err();
    assert!(matches!(err, StatsError::InvalidCovariate { row: 4, .. }));
    assert_eq!(
        cox_treatment(&data, "TAC", false, &opts).unwrap_err(),
        StatsError::UnknownGroup {
            group: "TAC".into()
        }
    );
    assert!(matches!(
        cox_treatment(&data, "placebo", true, &opts).unwrap_err(),
        StatsError::Missing {
            what: "stratum",
            ..
        }
    ));
}
