//! What the ADaM conformance rules will check, guaranteed by construction on the example
//! study: structure, metadata, baseline and change arithmetic, flags, time-to-event values.

#![allow(clippy::unwrap_used)]
mod support;

use model::{Dataset, Value, VarType};
use std::collections::{BTreeMap, BTreeSet};
use support::example_adam;

fn text<'a>(d: &'a Dataset, r: &'a [Value], v: &str) -> Option<&'a str> {
    d.meta.index_of(v).and_then(|i| r[i].as_str())
}

fn num(d: &Dataset, r: &[Value], v: &str) -> Option<f64> {
    d.meta.index_of(v).and_then(|i| r[i].as_f64())
}

fn bds() -> impl Iterator<Item = &'static Dataset> {
    example_adam()
        .datasets
        .iter()
        .filter(|d| d.meta.index_of("PARAMCD").is_some())
}

#[test]
fn names_labels_and_types_fit_xpt_and_the_ig() {
    for d in &example_adam().datasets {
        assert!(
            d.name().len() <= 8 && d.meta.label.len() <= 40,
            "{}",
            d.name()
        );
        assert!(d.meta.class.is_some(), "{} has a class", d.name());
        for v in &d.meta.variables {
            assert!(v.name.len() <= 8, "{}.{}", d.name(), v.name);
            assert!(
                !v.label.is_empty() && v.label.len() <= 40,
                "{}.{} label {:?}",
                d.name(),
                v.name,
                v.label
            );
            if v.name.ends_with("DT") && v.vtype == VarType::Num {
                assert_eq!(
                    v.format.as_deref(),
                    Some("DATE9."),
                    "{}.{}",
                    d.name(),
                    v.name
                );
            }
        }
        for r in &d.rows {
            assert_eq!(r.len(), d.meta.variables.len());
            for (v, x) in d.meta.variables.iter().zip(r) {
                match x {
                    Value::Num(n) => assert!(
                        v.vtype == VarType::Num && n.is_finite(),
                        "{}.{}",
                        d.name(),
                        v.name
                    ),
                    Value::Char(s) => {
                        assert!(
                            v.vtype == VarType::Char && s.is_ascii(),
                            "{}.{}",
                            d.name(),
                            v.name
                        );
                        assert!(s.len() <= v.length.unwrap(), "{}.{}", d.name(), v.name);
                    }
                    Value::Missing(_) => {}
                }
            }
        }
    }
}

#[test]
fn population_flags_are_y_or_n_and_every_required_variable_is_filled() {
    let adsl = example_adam().dataset("ADSL").unwrap();
    for r in &adsl.rows {
        for fl in ["ITTFL", "SAFFL", "PPROTFL"] {
            assert!(matches!(text(adsl, r, fl), Some("Y" | "N")), "{fl}");
        }
        for v in [
            "STUDYID", "USUBJID", "SUBJID", "SITEID", "SEX", "ARM", "TRT01P", "AGEU",
        ] {
            assert!(text(adsl, r, v).is_some(), "{v}");
        }
        assert!(num(adsl, r, "TRT01PN").is_some() && num(adsl, r, "AGE").is_some());
    }
    // TRT01P and TRT01PN map one to one.
    let pairs: BTreeSet<(String, i64)> = adsl
        .rows
        .iter()
        .map(|r| {
            (
                text(adsl, r, "TRT01P").unwrap().to_owned(),
                num(adsl, r, "TRT01PN").unwrap() as i64,
            )
        })
        .collect();
    assert_eq!(pairs.len(), 2);
}

#[test]
fn paramcd_and_param_are_one_to_one_and_short() {
    for d in bds() {
        let mut map: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
        for r in &d.rows {
            let cd = text(d, r, "PARAMCD").unwrap();
            assert!(cd.len() <= 8, "{cd}");
            map.entry(cd)
                .or_default()
                .insert(text(d, r, "PARAM").unwrap());
        }
        let params: BTreeSet<&str> = map.values().flatten().copied().collect();
        assert!(map.values().all(|p| p.len() == 1), "{}", d.name());
        assert_eq!(params.len(), map.len(), "{}", d.name());
    }
}

#[test]
fn one_baseline_per_subject_and_parameter_and_change_is_arithmetic() {
    for name in ["ADRE", "ADLB"] {
        let d = example_adam().dataset(name).unwrap();
        let mut ablfl: BTreeMap<(&str, &str), usize> = BTreeMap::new();
        let mut base: BTreeMap<(&str, &str), BTreeSet<u64>> = BTreeMap::new();
        for r in &d.rows {
            let key = (
                text(d, r, "USUBJID").unwrap(),
                text(d, r, "PARAMCD").unwrap(),
            );
            if text(d, r, "ABLFL") == Some("Y") {
                *ablfl.entry(key).or_default() += 1;
                assert_eq!(num(d, r, "AVAL"), num(d, r, "BASE"));
            }
            if let Some(b) = num(d, r, "BASE") {
                base.entry(key).or_default().insert(b.to_bits());
            }
            if let (Some(chg), Some(aval), Some(b)) =
                (num(d, r, "CHG"), num(d, r, "AVAL"), num(d, r, "BASE"))
            {
                assert!((chg - (aval - b)).abs() < 1e-9);
                if let Some(p) = num(d, r, "PCHG") {
                    assert!((p - 100.0 * chg / b).abs() < 1e-9);
                }
            }
        }
        assert!(
            ablfl.values().all(|&n| n == 1),
            "{name}: one ABLFL per subject and parameter"
        );
        assert!(base.values().all(|b| b.len() == 1), "{name}: BASE constant");
    }
}

#[test]
fn one_analysed_record_per_subject_parameter_and_visit() {
    for d in bds().filter(|d| d.meta.index_of("ANL01FL").is_some()) {
        let mut seen = BTreeSet::new();
        for r in d.rows.iter().filter(|r| text(d, r, "ANL01FL") == Some("Y")) {
            let key = (
                text(d, r, "USUBJID"),
                text(d, r, "PARAMCD"),
                text(d, r, "AVISIT"),
            );
            assert!(seen.insert(key), "{}: {key:?} twice", d.name());
        }
    }
}

#[test]
fn time_to_event_values_are_consistent() {
    for name in ["ADTTE", "ADGC"] {
        let d = example_adam().dataset(name).unwrap();
        for r in d.rows.iter().filter(|r| num(d, r, "CNSR").is_some()) {
            assert!(matches!(num(d, r, "CNSR"), Some(0.0 | 1.0)));
            let (start, adt, aval) = (
                num(d, r, "STARTDT").unwrap(),
                num(d, r, "ADT").unwrap(),
                num(d, r, "AVAL").unwrap(),
            );
            assert!(start <= adt && aval >= 0.0 && aval == adt - start, "{name}");
        }
    }
}

#[test]
fn ae_analysis_dates_are_ordered_and_flags_valid() {
    let d = example_adam().dataset("ADAE").unwrap();
    assert_eq!(d.rows.len(), 31);
    for r in &d.rows {
        if let (Some(a), Some(b)) = (num(d, r, "ASTDT"), num(d, r, "AENDT")) {
            assert!(a <= b);
        }
        assert!(matches!(text(d, r, "ASTDTF"), None | Some("D" | "M" | "Y")));
        assert!(matches!(text(d, r, "TRTEMFL"), None | Some("Y")));
        assert_eq!(text(d, r, "ATOXGR"), text(d, r, "AETOXGR"));
    }
    // The fixture's two partial dates (2015-08 start, 2015-10 end) are imputed and flagged.
    assert_eq!(
        d.rows
            .iter()
            .filter(|r| text(d, r, "ASTDTF") == Some("D"))
            .count(),
        1
    );
    assert_eq!(
        d.rows
            .iter()
            .filter(|r| text(d, r, "AENDTF") == Some("D"))
            .count(),
        1
    );
}

#[test]
fn low_disease_activity_never_invents_missing_criteria() {
    let d = example_adam().dataset("ADLDA").unwrap();
    for r in &d.rows {
        let cd = text(d, r, "PARAMCD").unwrap();
        let avalc = text(d, r, "AVALC").unwrap();
        if matches!(cd, "LDAARTH" | "LDASYS") {
            assert_eq!(avalc, "NE");
            assert!(text(d, r, "NEREAS").is_some());
        }
        assert_ne!((cd, avalc), ("LDA", "Y"), "two criteria are not evaluable");
        if avalc != "NE" && cd != "LDA" && text(d, r, "NEREAS").is_none() && cd != "LDAGC" {
            assert!(
                text(d, r, "SRCDOM").is_some() && num(d, r, "SRCSEQ").is_some(),
                "{cd} traces to its source"
            );
        }
        match avalc {
            "Y" => assert_eq!(num(d, r, "AVAL"), Some(1.0)),
            "N" => assert_eq!(num(d, r, "AVAL"), Some(0.0)),
            _ => assert_eq!(num(d, r, "AVAL"), None),
        }
    }
    // 58 subjects × 2 visits × (5 criteria + the composite, FVC and DLCO apart).
    assert_eq!(d.rows.len(), 58 * 2 * 7);
}
