//! Kaplan–Meier against textbook tables and the edge cases an endpoint table meets.
#![allow(clippy::unwrap_used)]

use adam::stats::{StatsError, SurvivalData, kaplan_meier, kaplan_meier_by_group};

/// Freireich et al. (1963), 6-MP arm of the leukaemia remission trial (weeks; `+` censored):
/// 6 6 6 6+ 7 9+ 10 10+ 11+ 13 16 17+ 19+ 20+ 22 23 25+ 32+ 32+ 34+ 35+.
fn six_mp() -> (Vec<f64>, Vec<bool>) {
    let t = [
        6, 6, 6, 6, 7, 9, 10, 10, 11, 13, 16, 17, 19, 20, 22, 23, 25, 32, 32, 34, 35,
    ];
    let e = [
        1, 1, 1, 0, 1, 0, 1, 0, 0, 1, 1, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0,
    ];
    (
        t.iter().map(|&x| f64::from(x)).collect(),
        e.iter().map(|&x| x == 1).collect(),
    )
}

fn near(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol
}

#[test]
fn six_mp_table_matches_the_textbook() {
    let (t, e) = six_mp();
    let km = kaplan_meier(&t, &e, 0.95).unwrap();
    // (time, n at risk, events, S, Greenwood SE, log-log lower, log-log upper) as printed by
    // R's survfit(conf.type = "log-log") and in Kleinbaum & Klein, Survival Analysis.
    let table = [
        (6.0, 21, 3, 0.857, 0.0764, 0.620, 0.952),
        (7.0, 17, 1, 0.807, 0.0869, 0.563, 0.923),
        (10.0, 15, 1, 0.753, 0.0963, 0.503, 0.889),
        (13.0, 12, 1, 0.690, 0.1068, 0.432, 0.849),
        (16.0, 11, 1, 0.627, 0.1141, 0.368, 0.805),
        (22.0, 7, 1, 0.538, 0.1282, 0.268, 0.747),
        (23.0, 6, 1, 0.448, 0.1346, 0.188, 0.680),
    ];
    let events: Vec<_> = km.rows.iter().filter(|r| r.n_event > 0).collect();
    assert_eq!(events.len(), table.len());
    for (row, &(time, n, d, s, se, lo, hi)) in events.iter().zip(&table) {
        assert_eq!((row.time, row.n_risk, row.n_event), (time, n, d));
        assert!(near(row.survival, s, 5e-4), "S({time}) = {}", row.survival);
        assert!(near(row.std_err, se, 5e-5), "SE({time}) = {}", row.std_err);
        assert!(
            near(row.ci_loglog.lower, lo, 5e-4),
            "lower({time}) = {}",
            row.ci_loglog.lower
        );
        assert!(
            near(row.ci_loglog.upper, hi, 5e-4),
            "upper({time}) = {}",
            row.ci_loglog.upper
        );
    }
    assert_eq!((km.n, km.events), (21, 9));
    assert_eq!(km.median().estimate, Some(23.0));
}

#[test]
fn exact_fractions_on_a_small_table() {
    // 3, 4+, 5, 5, 8+, 10: S = 5/6, then 5/6 · 2/4 = 5/12, then 0 when the last one dies.
    let t = [3.0, 4.0, 5.0, 5.0, 8.0, 10.0];
    let e = [true, false, true, true, false, true];
    let km = kaplan_meier(&t, &e, 0.95).unwrap();
    let times: Vec<f64> = km.rows.iter().map(|r| r.time).collect();
    assert_eq!(times, [3.0, 4.0, 5.0, 8.0, 10.0]);
    let at5 = &km.rows[2];
    assert!(near(at5.survival, 5.0 / 12.0, 1e-15));
    assert!(near(at5.greenwood, 1.0 / 30.0 + 2.0 / 8.0, 1e-15));
    assert!(near(
        at5.std_err,
        5.0 / 12.0 * (17.0f64 / 60.0).sqrt(),
        1e-15
    ));
    let z = 1.959_963_984_540_054;
    // The plain interval would dip below zero here and is clipped; the log-log one cannot.
    assert!(5.0 / 12.0 - z * at5.std_err < 0.0);
    assert_eq!(at5.ci_plain.lower, 0.0);
    assert!(near(
        at5.ci_plain.upper,
        5.0 / 12.0 + z * at5.std_err,
        1e-15
    ));
    assert!(at5.ci_loglog.lower > 0.0);
    let last = &km.rows[4];
    assert_eq!(
        (last.survival, last.ci_loglog.lower, last.ci_loglog.upper),
        (0.0, 0.0, 0.0)
    );
    // The median is reached at 5; the upper band never drops to one half before 10.
    let m = km.median();
    assert_eq!(m.estimate, Some(5.0));
    assert_eq!(m.upper, Some(10.0));
}

#[test]
fn survival_at_a_time_is_a_right_continuous_step() {
    let t = [3.0, 4.0, 5.0, 5.0, 8.0, 10.0];
    let e = [true, false, true, true, false, true];
    let km = kaplan_meier(&t, &e, 0.95).unwrap();
    assert_eq!(km.survival_at(0.0), 1.0);
    assert_eq!(km.survival_at(2.999), 1.0);
    assert!(near(km.survival_at(3.0), 5.0 / 6.0, 1e-15));
    assert!(near(km.survival_at(4.99), 5.0 / 6.0, 1e-15));
    assert!(near(km.survival_at(5.0), 5.0 / 12.0, 1e-15));
    assert_eq!(km.survival_at(1000.0), 0.0);
    assert_eq!(km.at(5.0).n_risk_after, 2);
    assert_eq!(km.at(0.0).ci_loglog.lower, 1.0);
}

#[test]
fn all_censored_group_stays_at_one_without_a_median() {
    let km = kaplan_meier(&[5.0, 7.0, 7.0], &[false; 3], 0.95).unwrap();
    assert!(
        km.rows
            .iter()
            .all(|r| r.survival == 1.0 && r.ci_loglog.lower == 1.0)
    );
    assert_eq!(km.events, 0);
    let m = km.median();
    assert_eq!((m.estimate, m.lower, m.upper), (None, None, None));
}

#[test]
fn group_of_one() {
    let km = kaplan_meier(&[12.0], &[true], 0.95).unwrap();
    assert_eq!(km.rows.len(), 1);
    assert_eq!(km.rows[0].survival, 0.0);
    assert_eq!(km.rows[0].std_err, 0.0);
    assert_eq!(km.median().estimate, Some(12.0));
}

#[test]
fn by_group_is_sorted_and_keeps_ungrouped_rows_apart() {
    let data = vec![
        SurvivalData::new(4.0, true).with_group("TAC"),
        SurvivalData::new(2.0, true).with_group("CSA"),
        SurvivalData::new(3.0, false),
        SurvivalData::new(6.0, false).with_group("CSA"),
    ];
    let fits = kaplan_meier_by_group(&data, 0.95).unwrap();
    let groups: Vec<_> = fits.iter().map(|k| k.group.as_deref()).collect();
    assert_eq!(groups, [None, Some("CSA"), Some("TAC")]);
    assert_eq!(fits[1].n, 2);
}

#[test]
fn bad_input_is_an_error_not_nan() {
    assert_eq!(kaplan_meier(&[], &[], 0.95).unwrap_err(), StatsError::Empty);
    let err = kaplan_meier(&[1.0, f64::NAN], &[true, true], 0.95).unwrap_err();
    assert!(matches!(err, StatsError::InvalidTime { row: 1, .. }));
    let err = kaplan_meier(&[1.0, -2.0], &[true, true], 0.95).unwrap_err();
    assert!(matches!(err, StatsError::InvalidTime { row: 1, .. }));
    assert!(matches!(
        kaplan_meier(&[1.0], &[true], 1.0).unwrap_err(),
        StatsError::ConfidenceLevel(_)
    ));
    assert!(matches!(
        kaplan_meier(&[1.0], &[true, false], 0.95).unwrap_err(),
        StatsError::LengthMismatch { .. }
    ));
}

#[test]
fn median_at_exactly_one_half_despite_rounding() {
    // 9/10 · 8/9 · … · 5/6 is one half in exact arithmetic but not necessarily in doubles.
    let t: Vec<f64> = (1..=10).map(f64::from).collect();
    let km = kaplan_meier(&t, &[true; 10], 0.95).unwrap();
    assert!(near(km.survival_at(5.0), 0.5, 1e-15));
    assert_eq!(km.median().estimate, Some(5.0));
}
