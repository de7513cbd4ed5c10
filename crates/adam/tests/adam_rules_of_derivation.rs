//! The stated derivation rules, one by one, on small inputs.

#![allow(clippy::unwrap_used)]

use model::IsoDateTime;

fn sas(s: &str) -> i64 {
    s.parse::<IsoDateTime>().unwrap().sas_date().unwrap()
}

fn iso(s: &str) -> IsoDateTime {
    s.parse().unwrap()
}

#[test]
fn a_start_missing_its_day_is_the_first_of_the_month_or_treatment_start() {
    let trtsdt = Some(sas("2015-08-10"));
    assert_eq!(
        adam::impute_start(&iso("2015-08"), trtsdt),
        (Some(sas("2015-08-10")), Some("D"))
    );
    assert_eq!(
        adam::impute_start(&iso("2015-09"), trtsdt),
        (Some(sas("2015-09-01")), Some("D"))
    );
    assert_eq!(
        adam::impute_start(&iso("2015-07"), trtsdt),
        (Some(sas("2015-07-01")), Some("D"))
    );
    assert_eq!(
        adam::impute_start(&iso("2015"), trtsdt),
        (Some(sas("2015-08-10")), Some("M"))
    );
    assert_eq!(
        adam::impute_start(&iso("2016"), trtsdt),
        (Some(sas("2016-01-01")), Some("M"))
    );
    assert_eq!(
        adam::impute_start(&iso("2015-08-03"), trtsdt),
        (Some(sas("2015-08-03")), None)
    );
}

#[test]
fn an_end_missing_its_day_is_the_last_of_the_month_but_never_after_death() {
    assert_eq!(
        adam::impute_end(&iso("2015-10"), None),
        (Some(sas("2015-10-31")), Some("D"))
    );
    assert_eq!(
        adam::impute_end(&iso("2016-02"), None),
        (Some(sas("2016-02-29")), Some("D"))
    );
    assert_eq!(
        adam::impute_end(&iso("2015-12"), None),
        (Some(sas("2015-12-31")), Some("D"))
    );
    assert_eq!(
        adam::impute_end(&iso("2015"), None),
        (Some(sas("2015-12-31")), Some("M"))
    );
    let death = Some(sas("2015-10-12"));
    assert_eq!(
        adam::impute_end(&iso("2015-10"), death),
        (Some(sas("2015-10-12")), Some("D"))
    );
}

#[test]
fn analysis_windows_split_at_the_midpoints_between_visits() {
    let spec = adam::spec::example();
    let w = |d| spec.windows.of(d).map(|w| w.0);
    assert_eq!(w(-5), Some("BASELINE"));
    assert_eq!(w(1), Some("BASELINE"));
    assert_eq!(w(2), Some("WEEK 4"));
    assert_eq!(w(56), Some("WEEK 4"));
    assert_eq!(w(57), Some("WEEK 12"));
    assert_eq!(w(365), Some("WEEK 52"));
    assert_eq!(w(420), Some("WEEK 52"));
    assert_eq!(w(421), None);
    assert_eq!(spec.windows.of(365).unwrap().2, 365);
}

#[test]
fn glucocorticoids_convert_to_prednisolone_equivalents() {
    let spec = adam::spec::example();
    let gc = &spec.doses[0];
    assert_eq!(gc.factor("Methylprednisolone pulse"), Some(1.25));
    assert_eq!(gc.factor("Prednisolone"), Some(1.0));
    assert_eq!(gc.factor("DEXAMETHASONE"), Some(5.0 / 0.75));
    assert_eq!(gc.factor("Tacrolimus"), None);
}

#[test]
fn without_dm_nothing_is_derived_and_a_finding_says_why() {
    let out = adam::derive_all(&[], &adam::spec::example(), &adam::DeriveOptions::default());
    assert!(out.datasets.is_empty());
    assert!(
        out.findings.iter().any(|f| f.code == "DRV0001"),
        "{:?}",
        out.findings
    );
    assert!(out.summary.time_to_event.is_empty());
    assert!(out.summary.to_html().contains("</html>"));
}
