//! Log-rank tests against the Freireich leukaemia trial, a classic worked example.
#![allow(clippy::unwrap_used)]

use adam::stats::{StatsError, SurvivalData, dist, logrank, logrank_stratified};

/// 6-MP arm and placebo arm of Freireich et al. (1963), remission times in weeks.
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
fn two_groups_match_survdiff() {
    // R: survdiff(Surv(time, status) ~ group): O 9 vs 21, E 19.25 vs 10.75, Chisq = 16.8.
    let lr = logrank(&gehan()).unwrap();
    assert_eq!(lr.df, 1);
    assert_eq!(lr.groups[0].group, "6-MP");
    assert_eq!((lr.groups[0].observed, lr.groups[1].observed), (9, 21));
    assert!(
        (lr.groups[0].expected - 19.25).abs() < 5e-3,
        "{}",
        lr.groups[0].expected
    );
    assert!((lr.groups[1].expected - 10.75).abs() < 5e-3);
    assert!((lr.chi2 - 16.793).abs() < 1e-3, "chi2 {}", lr.chi2);
    assert!((lr.p_value - dist::chi2_sf(lr.chi2, 1)).abs() < 1e-18);
    assert!(
        lr.p_value > 4.0e-5 && lr.p_value < 4.3e-5,
        "p {}",
        lr.p_value
    );
    // O − E sums to zero across groups, and so do the covariance rows.
    let sum: f64 = lr
        .groups
        .iter()
        .map(|g| g.observed as f64 - g.expected)
        .sum();
    assert!(sum.abs() < 1e-12);
    assert!(
        lr.variance
            .iter()
            .all(|row| row.iter().sum::<f64>().abs() < 1e-12)
    );
}

#[test]
fn strata_add_up() {
    // One stratum is the plain test; two identical strata double U and V, so chi2 doubles.
    let one: Vec<_> = gehan().into_iter().map(|r| r.with_stratum("all")).collect();
    let plain = logrank(&one).unwrap();
    let strat = logrank_stratified(&one).unwrap();
    assert!((plain.chi2 - strat.chi2).abs() < 1e-12);
    assert_eq!(strat.strata, ["all"]);
    let mut two = one.clone();
    two.extend(gehan().into_iter().map(|r| r.with_stratum("copy")));
    let doubled = logrank_stratified(&two).unwrap();
    assert!((doubled.chi2 - 2.0 * plain.chi2).abs() < 1e-10);
    assert_eq!(doubled.groups[1].n, 42);
}

#[test]
fn three_groups_have_two_degrees_of_freedom() {
    let mut data = gehan();
    for (i, t) in [3.0, 9.0, 14.0, 14.0, 20.0, 27.0].into_iter().enumerate() {
        data.push(SurvivalData::new(t, i % 3 != 2).with_group("third"));
    }
    let lr = logrank(&data).unwrap();
    assert_eq!((lr.df, lr.groups.len()), (2, 3));
    // chi-square with 2 df has the closed-form tail exp(−x/2).
    assert!((lr.p_value - (-lr.chi2 / 2.0).exp()).abs() < 1e-15);
}

#[test]
fn an_all_censored_group_still_compares() {
    let mut data = gehan();
    for r in &mut data {
        if r.group.as_deref() == Some("6-MP") {
            r.event = false;
        }
    }
    let lr = logrank(&data).unwrap();
    assert_eq!(lr.groups[0].observed, 0);
    assert!(lr.chi2.is_finite() && lr.chi2 > 16.8);
}

#[test]
fn undefined_tests_are_errors() {
    let censored: Vec<_> = gehan()
        .into_iter()
        .map(|mut r| {
            r.event = false;
            r
        })
        .collect();
    assert_eq!(logrank(&censored).unwrap_err(), StatsError::NoEvents);
    let one_group: Vec<_> = gehan()
        .into_iter()
        .filter(|r| r.group.as_deref() == Some("6-MP"))
        .collect();
    assert_eq!(
        logrank(&one_group).unwrap_err(),
        StatsError::TooFewGroups { found: 1 }
    );
    let mut ungrouped = gehan();
    ungrouped[3].group = None;
    assert_eq!(
        logrank(&ungrouped).unwrap_err(),
        StatsError::Missing {
            row: 3,
            what: "group"
        }
    );
    assert_eq!(
        logrank_stratified(&gehan()).unwrap_err(),
        StatsError::Missing {
            row: 0,
            what: "stratum"
        }
    );
    // Everyone in B leaves before the first event: B carries no information.
    let data = vec![
        SurvivalData::new(5.0, true).with_group("A"),
        SurvivalData::new(6.0, true).with_group("A"),
        SurvivalData::new(1.0, false).with_group("B"),
    ];
    assert!(matches!(
        logrank(&data).unwrap_err(),
        StatsError::Singular(_)
    ));
}
