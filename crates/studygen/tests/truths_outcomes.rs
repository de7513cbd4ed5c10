//! The committed workbooks, read back cell by cell: events, deaths, Table 3, Table 2, dosing.
#![allow(clippy::unwrap_used)] // test helpers outside #[test] fns panic on purpose

mod common;

use std::collections::BTreeSet;

use common::trial::{ARMS, Trial, arm_of, exp_int, load};
use common::{expected, mean_sd};

#[test]
fn progressions_and_deaths_are_the_papers() {
    let t = load();
    let e = toml::Value::Table(expected());
    // (arm, ILD, muscle, skin, deaths)
    for (arm, ild, muscle, skin, deaths) in [("TAC", 2, 2, 0, 1), ("CsA", 6, 1, 1, 2)] {
        let n = |k: &str| {
            t.prog
                .iter()
                .filter(|p| arm_of(&t, &p.0) == arm && p.1 == k)
                .count() as i64
        };
        assert_eq!(
            (n("ILD"), n("Muscle"), n("Skin")),
            (ild, muscle, skin),
            "{arm}"
        );
        assert_eq!(
            exp_int(&e, &["outcomes", arm, "progressions"]),
            ild + muscle + skin
        );
        let d = t.deaths.iter().filter(|d| arm_of(&t, &d.0) == arm).count() as i64;
        assert_eq!(d, deaths);
        assert_eq!(exp_int(&e, &["outcomes", arm, "deaths"]), deaths);
    }
    // Subgroup PFS by antibody (paper: ARS+ 14/15 and 13/14, MDA5+ 5/8 and 4/10).
    for (arm, ars, mda5) in [("TAC", 1, 3), ("CsA", 1, 6)] {
        let n = |f: fn(&(bool, bool)) -> bool| {
            t.prog
                .iter()
                .filter(|p| arm_of(&t, &p.0) == arm && f(&t.ab[&p.0]))
                .count()
        };
        assert_eq!((n(|a| a.0), n(|a| a.1)), (ars, mda5), "{arm}");
    }
    for (s, day) in &t.deaths {
        assert!(t.ab[s].1, "{s} died anti-MDA5 negative");
        let p = t
            .prog
            .iter()
            .find(|p| &p.0 == s)
            .expect("death without progression");
        assert_eq!(p.1, "ILD");
        assert!(&p.2 < day);
        assert!(
            t.pft[s].iter().all(|v| &v.1 < day),
            "{s}: visit after death"
        );
        assert!(t.labs[s].iter().all(|v| &v.1 < day), "{s}: lab after death");
        assert_eq!(t.eos[s], "Died");
    }
    let completed = t.eos.values().filter(|s| *s == "Completed").count();
    assert_eq!(completed, 55);
}

#[test]
fn adverse_events_are_table_3() {
    let t = load();
    let e = expected();
    let paper: [(&str, usize, usize); 10] = [
        ("Bacterial infection", 2, 0),
        ("Cytomegalovirus infection", 2, 3),
        ("Herpes zoster", 1, 0),
        ("Pulmonary aspergillosis", 1, 0),
        ("Tuberculosis", 1, 0),
        ("Renal dysfunction", 4, 7),
        ("Liver dysfunction", 2, 2),
        ("Hyperglycemia", 4, 0),
        ("Pneumomediastinum", 0, 1),
        ("Deep vein thrombosis", 0, 1),
    ];
    let subjects = |arm: &str, term: &str| -> BTreeSet<String> {
        t.aes
            .iter()
            .filter(|a| arm_of(&t, &a.0) == arm && a.1 == term)
            .map(|a| a.0.clone())
            .collect()
    };
    for (term, tac, csa) in paper {
        for (arm, want) in [("TAC", tac), ("CsA", csa)] {
            assert_eq!(subjects(arm, term).len(), want, "{term} {arm}");
            let m = e["adverse_events"][arm][term].as_integer().unwrap();
            assert_eq!(m as usize, want);
        }
    }
    for (arm, want) in [("TAC", 7), ("CsA", 3)] {
        let inf: BTreeSet<String> = paper[..5].iter().flat_map(|p| subjects(arm, p.0)).collect();
        assert_eq!(inf.len(), want, "{arm} infected subjects");
    }
    assert!(
        t.aes.iter().all(|a| a.2.is_some()),
        "an AE start date no reader can parse"
    );
    // Table 3's definitions hold on the lab cells, and for no one else.
    for arm in ARMS {
        let after = |s: &str, test: &str| -> Vec<(f64, f64)> {
            t.labs[s]
                .iter()
                .filter(|l| l.0 != "Week 0" && l.2 == test)
                .map(|l| (l.3, l.4))
                .collect()
        };
        let ids: Vec<&String> = t.dm.keys().filter(|s| arm_of(&t, s) == arm).collect();
        let renal: BTreeSet<String> = ids
            .iter()
            .filter(|s| {
                let b = baseline_lab(&t, s, "Creatinine");
                after(s, "Creatinine").iter().any(|(v, _)| *v > 1.5 * b)
            })
            .map(|s| s.to_string())
            .collect();
        assert_eq!(renal, subjects(arm, "Renal dysfunction"), "{arm} renal");
        let liver: BTreeSet<String> = ids
            .iter()
            .filter(|s| {
                ["AST", "ALT"]
                    .iter()
                    .any(|k| after(s, k).iter().any(|(v, hi)| *v > 3.0 * hi))
            })
            .map(|s| s.to_string())
            .collect();
        assert_eq!(liver, subjects(arm, "Liver dysfunction"), "{arm} liver");
        let glu: BTreeSet<String> = ids
            .iter()
            .filter(|s| after(s, "Glucose").iter().any(|(v, _)| *v > 250.0))
            .map(|s| s.to_string())
            .collect();
        assert_eq!(glu, subjects(arm, "Hyperglycemia"), "{arm} hyperglycemia");
    }
}

fn baseline_lab(t: &Trial, s: &str, test: &str) -> f64 {
    t.labs[s]
        .iter()
        .find(|l| l.0 == "Week 0" && l.2 == test)
        .map(|l| l.3)
        .unwrap()
}

#[test]
fn per_protocol_changes_are_close_to_table_2() {
    let t = load();
    let progressed: BTreeSet<&String> = t.prog.iter().map(|p| &p.0).collect();
    for (arm, n, (fm, fs), (dm, ds)) in [
        ("TAC", 26, (16.9, 12.1), (14.7, 23.3)),
        ("CsA", 20, (19.7, 14.5), (9.7, 23.3)),
    ] {
        let pp: Vec<&String> =
            t.dm.keys()
                .filter(|s| arm_of(&t, s) == arm && !progressed.contains(s))
                .collect();
        assert_eq!(pp.len(), n);
        let (mut f, mut d) = (Vec::new(), Vec::new());
        for s in pp {
            let v = &t.pft[s];
            let last = v.last().unwrap();
            assert_eq!(last.0, "Week 52", "{s} per-protocol without week 52");
            f.push(last.2 - v[0].2);
            d.push(last.3 - v[0].3);
        }
        let (m1, s1) = mean_sd(&f);
        let (m2, s2) = mean_sd(&d);
        assert!(
            (m1 - fm).abs() < 0.3 && (s1 - fs).abs() < 0.5,
            "{arm} FVC {m1} ({s1})"
        );
        assert!(
            (m2 - dm).abs() < 0.3 && (s2 - ds).abs() < 0.5,
            "{arm} DLCO {m2} ({s2})"
        );
    }
}

#[test]
fn treatment_facts() {
    let t = load();
    for (arm, pulses) in [("TAC", 7), ("CsA", 9)] {
        assert_eq!(
            t.pulse.iter().filter(|s| arm_of(&t, s) == arm).count(),
            pulses
        );
    }
    for (s, v) in &t.troughs {
        let ok = if arm_of(&t, s) == "TAC" {
            (5.0..=10.0).contains(v)
        } else {
            (100.0..=150.0).contains(v)
        };
        assert!(ok, "{s}: trough {v} outside target");
    }
    for v in t.pft.values().flatten() {
        assert!(
            v.1.as_str() < "2019-12-31" && v.1.as_str() > "2014-11-01",
            "{}",
            v.1
        );
    }
}
