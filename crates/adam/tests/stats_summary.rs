//! Change-from-baseline summaries by arm.
#![allow(clippy::unwrap_used)]

use adam::stats::{StatsError, summarize, summarize_by_group};

#[test]
fn n_mean_sd_median_min_max() {
    let s = summarize(&[Some(4.0), Some(1.0), None, Some(3.0), Some(2.0)]).unwrap();
    assert_eq!((s.n, s.n_missing), (4, 1));
    assert_eq!(s.mean, Some(2.5));
    assert!((s.sd.unwrap() - (5.0f64 / 3.0).sqrt()).abs() < 1e-15);
    assert_eq!((s.median, s.min, s.max), (Some(2.5), Some(1.0), Some(4.0)));
    let odd = summarize(&[Some(-7.5), Some(0.0), Some(10.0)]).unwrap();
    assert_eq!(odd.median, Some(0.0));
}

#[test]
fn mean_survives_a_large_offset() {
    // Naive sum-of-squares SD loses every digit here.
    let xs: Vec<Option<f64>> = [1e9 + 4.0, 1e9 + 7.0, 1e9 + 13.0, 1e9 + 16.0]
        .iter()
        .map(|&x| Some(x))
        .collect();
    let s = summarize(&xs).unwrap();
    assert_eq!(s.mean, Some(1e9 + 10.0));
    assert!((s.sd.unwrap() - 30.0f64.sqrt()).abs() < 1e-9);
}

#[test]
fn one_value_has_no_sd_and_no_values_have_no_statistics() {
    let one = summarize(&[Some(-3.2)]).unwrap();
    assert_eq!(
        (one.n, one.mean, one.sd, one.median),
        (1, Some(-3.2), None, Some(-3.2))
    );
    let none = summarize(&[None, None]).unwrap();
    assert_eq!(
        (none.n, none.n_missing, none.mean, none.min),
        (0, 2, None, None)
    );
}

#[test]
fn grouped_in_sorted_order() {
    let rows = [
        (Some("TAC"), Some(-2.0)),
        (Some("CSA"), Some(-6.0)),
        (Some("TAC"), Some(4.0)),
        (Some("CSA"), None),
    ];
    let out = summarize_by_group(rows).unwrap();
    assert_eq!(out.len(), 2);
    assert_eq!(out[0].group.as_deref(), Some("CSA"));
    assert_eq!((out[0].summary.n, out[0].summary.n_missing), (1, 1));
    assert_eq!(out[1].summary.mean, Some(1.0));
}

#[test]
fn non_finite_value_is_reported_with_its_row() {
    let err = summarize_by_group([(Some("A"), Some(1.0)), (Some("B"), Some(f64::INFINITY))]);
    assert!(matches!(
        err.unwrap_err(),
        StatsError::InvalidValue { row: 1, .. }
    ));
}
