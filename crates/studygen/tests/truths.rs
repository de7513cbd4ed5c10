//! The committed workbooks, read back cell by cell, agree with the paper and the manifest.
#![allow(clippy::unwrap_used)] // test helpers outside #[test] fns panic on purpose

mod common;

use std::collections::{BTreeMap, BTreeSet};

use calamine::{Data, Reader, SheetVisible, open_workbook_auto};
use common::{SITE_FILES, date, expected, fixtures, mean_sd, num, read, sex, text};

/// (visit, date, test, result, normal high)
type LabRow = (String, String, String, f64, f64);

/// Everything a mapper would pull out of the four site workbooks, keyed by subject.
#[derive(Default)]
struct Trial {
    arm: BTreeMap<String, String>,
    dm: BTreeMap<String, BTreeMap<String, Data>>,
    ab: BTreeMap<String, (bool, bool)>,
    /// subject → [(week, date, fvc %, dlco %)]
    pft: BTreeMap<String, Vec<(String, String, f64, f64)>>,
    /// subject → [(visit, date, test, result, normal high)]
    labs: BTreeMap<String, Vec<LabRow>>,
    aes: Vec<(String, String, Option<String>)>,
    prog: Vec<(String, String, String)>,
    deaths: Vec<(String, String)>,
    eos: BTreeMap<String, String>,
    pulse: BTreeSet<String>,
    troughs: Vec<(String, f64)>,
    rows: BTreeMap<(String, String), usize>,
}

fn id(r: &[Data]) -> String {
    text(&r[0])
}

fn load() -> Trial {
    let mut t = Trial::default();
    for f in SITE_FILES {
        let path = fixtures().join(f);
        let sheets = open_workbook_auto(&path).unwrap().sheet_names();
        for s in &sheets {
            if s != "Lists" {
                t.rows
                    .insert((f.into(), s.clone()), read(&path, s).rows.len());
            }
        }
        let rz = read(&path, "Randomization");
        for (_, r) in &rz.rows {
            t.arm.insert(id(r), text(&rz.get(r, "Arm")));
        }
        let dm = read(&path, "Demographics");
        for (_, r) in &dm.rows {
            let m = dm.header.iter().cloned().zip(r.iter().cloned()).collect();
            t.dm.insert(id(r), m);
        }
        let ab = read(&path, "Antibodies");
        for (_, r) in &ab.rows {
            let pos = |c| text(&ab.get(r, c)) == "Positive";
            t.ab.insert(id(r), (pos("Anti-ARS antibody"), pos("Anti-MDA5 antibody")));
        }
        let p = read(&path, "Pulmonary function");
        for (_, r) in &p.rows {
            t.pft.entry(id(r)).or_default().push((
                text(&p.get(r, "Visit")),
                date(&p.get(r, "Visit date")).unwrap(),
                num(&p.get(r, "FVC (% predicted)")).unwrap(),
                num(&p.get(r, "DLCO (% predicted)")).unwrap(),
            ));
        }
        let l = read(&path, "Labs");
        for (_, r) in &l.rows {
            t.labs.entry(id(r)).or_default().push((
                text(&l.get(r, "Visit")),
                date(&l.get(r, "Collection date")).unwrap(),
                text(&l.get(r, "Test")),
                num(&l.get(r, "Result")).unwrap(),
                num(&l.get(r, "Normal high")).unwrap(),
            ));
        }
        let a = read(&path, "Adverse events");
        for (_, r) in &a.rows {
            t.aes.push((
                id(r),
                text(&a.get(r, "AE term")),
                date(&a.get(r, "Start date")),
            ));
        }
        let pr = read(&path, "Progression");
        for (_, r) in &pr.rows {
            t.prog.push((
                id(r),
                text(&pr.get(r, "Type")),
                date(&pr.get(r, "Date")).unwrap(),
            ));
        }
        let d = read(&path, "Deaths");
        for (_, r) in &d.rows {
            t.deaths
                .push((id(r), date(&d.get(r, "Date of death")).unwrap()));
        }
        let e = read(&path, "End of study");
        for (_, r) in &e.rows {
            t.eos.insert(id(r), text(&e.get(r, "Status")));
        }
        let g = read(&path, "Glucocorticoids");
        for (_, r) in &g.rows {
            if text(&g.get(r, "Drug")) == "Methylprednisolone" {
                t.pulse.insert(id(r));
            }
        }
        let x = read(&path, "Study drug");
        for (_, r) in &x.rows {
            if let Some(v) = num(&x.get(r, "Trough level")) {
                t.troughs.push((id(r), v));
            }
        }
    }
    t
}

fn arm_of<'a>(t: &'a Trial, s: &str) -> &'a str {
    t.arm.get(s).map(String::as_str).unwrap_or("?")
}

fn count(t: &Trial, arm: &str, f: impl Fn(&str, &BTreeMap<String, Data>) -> bool) -> i64 {
    t.dm.iter()
        .filter(|(s, d)| arm_of(t, s) == arm && f(s, d))
        .count() as i64
}

fn exp_int(v: &toml::Value, path: &[&str]) -> i64 {
    path.iter().fold(v, |v, k| &v[*k]).as_integer().unwrap()
}

const ARMS: [&str; 2] = ["TAC", "CsA"];

#[test]
fn arms_strata_and_sites() {
    let t = load();
    let e = toml::Value::Table(expected());
    assert_eq!(t.dm.len(), 58);
    assert_eq!(t.arm.len(), 58);
    for (arm, n) in [("TAC", 30), ("CsA", 28)] {
        assert_eq!(count(&t, arm, |_, _| true), n);
        assert_eq!(exp_int(&e, &["arms", arm, "n"]), n);
    }
    let list = read(&fixtures().join("randomization.xlsx"), "Randomization list");
    assert_eq!(list.rows.len(), 58);
    for (_, r) in &list.rows {
        let s = text(&list.get(r, "Subject ID"));
        assert_eq!(arm_of(&t, &s), text(&list.get(r, "Arm")), "{s}");
        let d = date(&list.get(r, "Randomization date")).unwrap();
        assert!(
            ("2014-11-01".into()..="2018-03-31".to_string()).contains(&d),
            "{d}"
        );
        let dx = text(&t.dm[&s]["Diagnosis"]);
        assert_eq!(dx, text(&list.get(r, "Stratum")));
    }
    for dx in ["PM", "DM", "CADM"] {
        for arm in ARMS {
            let n = count(&t, arm, |_, d| text(&d["Diagnosis"]) == dx);
            assert_eq!(n, exp_int(&e, &["strata", dx, arm]), "{dx} {arm}");
        }
    }
    for (code, site) in e["sites"].as_table().unwrap() {
        let n = t.dm.keys().filter(|s| s.starts_with(code.as_str())).count() as i64;
        assert_eq!(n, exp_int(site, &["subjects"]));
    }
}

#[test]
fn table1_counts_are_the_papers() {
    let t = load();
    let e = toml::Value::Table(expected());
    // (name, TAC, CsA) exactly as printed in Table 1.
    let paper: [(&str, i64, i64); 11] = [
        ("female", 19, 22),
        ("never_smoker", 24, 24),
        ("pm", 6, 4),
        ("dm", 10, 13),
        ("cadm", 14, 11),
        ("acute_subacute", 16, 20),
        ("chronic", 14, 8),
        ("dyspnea", 24, 21),
        ("crackles", 28, 25),
        ("anti_ars", 15, 14),
        ("anti_mda5", 8, 10),
    ];
    for (name, tac, csa) in paper {
        for (arm, want) in [("TAC", tac), ("CsA", csa)] {
            let got = count(&t, arm, |s, d| {
                let is = |c: &str, v: &str| text(&d[c]) == v;
                match name {
                    "female" => sex(&d["Sex"]) == Some('F'),
                    "never_smoker" => is("Smoking", "Never"),
                    "pm" => is("Diagnosis", "PM"),
                    "dm" => is("Diagnosis", "DM"),
                    "cadm" => is("Diagnosis", "CADM"),
                    "acute_subacute" => is("ILD onset", "Acute/subacute"),
                    "chronic" => is("ILD onset", "Chronic"),
                    "dyspnea" => is("Dyspnea on exertion", "Yes"),
                    "crackles" => is("Fine crackles", "Yes"),
                    "anti_ars" => t.ab[s].0,
                    _ => t.ab[s].1,
                }
            });
            assert_eq!(got, want, "{name} {arm}");
            assert_eq!(
                exp_int(&e, &["table1", arm, name]),
                want,
                "manifest {name} {arm}"
            );
        }
    }
    assert!(
        t.dm.values().all(|d| sex(&d["Sex"]).is_some()),
        "a sex spelling no reader knows"
    );
}

fn baseline(t: &Trial, s: &str, name: &str) -> f64 {
    let lab = |test: &str| {
        t.labs[s]
            .iter()
            .find(|l| l.0 == "Week 0" && l.2 == test)
            .map(|l| l.3)
            .unwrap()
    };
    match name {
        "age" => num(&t.dm[s]["Age"]).unwrap(),
        "ferritin" => lab("Ferritin"),
        "ck" => lab("CK"),
        "aldolase" => lab("Aldolase"),
        "kl6" => lab("KL-6"),
        "spd" => lab("SP-D"),
        "fvc_pct" => t.pft[s][0].2,
        "dlco_pct" => t.pft[s][0].3,
        _ => f64::NAN,
    }
}

#[test]
fn table1_means_and_sds_are_close_to_the_papers() {
    let t = load();
    let e = expected();
    let cont = e["table1_continuous"].as_table().unwrap();
    for arm in ARMS {
        for (name, v) in cont[arm].as_table().unwrap() {
            if name == "pao2" {
                continue;
            }
            let xs: Vec<f64> =
                t.dm.keys()
                    .filter(|s| arm_of(&t, s) == arm)
                    .map(|s| baseline(&t, s, name))
                    .collect();
            let (m, sd) = mean_sd(&xs);
            let f = |k: &str| v[k].as_float().unwrap();
            assert!(
                (m - f("mean")).abs() < 0.01,
                "{arm} {name}: cells {m} vs manifest"
            );
            assert!(
                (m - f("paper_mean")).abs() <= 0.02 * f("paper_mean"),
                "{arm} {name} mean {m}"
            );
            assert!(
                (sd - f("paper_sd")).abs() <= 0.05 * f("paper_sd"),
                "{arm} {name} sd {sd}"
            );
        }
    }
}

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

#[test]
fn row_counts_match_the_manifest() {
    let t = load();
    let e = expected();
    let rows = e["rows"].as_table().unwrap();
    for ((file, sheet), n) in &t.rows {
        assert_eq!(
            rows[file][sheet].as_integer().unwrap() as usize,
            *n,
            "{file} {sheet}"
        );
    }
    let sdtm = &e["sdtm"];
    let total = |sheet: &str| -> usize {
        SITE_FILES
            .iter()
            .map(|f| t.rows[&(f.to_string(), sheet.to_string())])
            .sum()
    };
    let want = |k: &str| sdtm[k].as_integer().unwrap() as usize;
    assert_eq!(want("DM"), total("Demographics"));
    assert_eq!(want("AE"), total("Adverse events"));
    assert_eq!(want("LB"), total("Labs") + 2 * total("Antibodies"));
    assert_eq!(want("RE"), 4 * total("Pulmonary function"));
    assert_eq!(want("SV"), total("Pulmonary function"));
    assert_eq!(want("EX"), total("Study drug"));
    assert_eq!(want("PC"), t.troughs.len());
    assert_eq!(
        want("CM"),
        total("Glucocorticoids") + total("Additional treatment")
    );
    assert_eq!(want("DS"), 3 * total("End of study"));
    assert_eq!(want("CE"), total("Progression"));
}

#[test]
fn documented_mess_is_where_the_readme_says() {
    let e = expected();
    let mut kinds = BTreeSet::new();
    for m in e["mess"].as_array().unwrap() {
        let s = |k: &str| m[k].as_str().unwrap().to_string();
        let path = fixtures().join(s("file"));
        let mut wb = open_workbook_auto(&path).unwrap();
        kinds.insert(s("kind"));
        let single = s("cell").chars().all(|c| c.is_ascii_alphanumeric());
        let value = if single {
            let r = wb.worksheet_range(&s("sheet")).unwrap();
            r.get_value(common::cell_pos(&s("cell")))
                .cloned()
                .unwrap_or(Data::Empty)
        } else {
            Data::Empty
        };
        match s("kind").as_str() {
            "hidden_sheet" => {
                let meta = wb
                    .sheets_metadata()
                    .iter()
                    .find(|x| x.name == s("sheet"))
                    .unwrap()
                    .clone();
                assert_eq!(meta.visible, SheetVisible::Hidden);
            }
            "text_date" | "partial_date" | "number_as_text" | "sex_coding" if single => {
                assert!(
                    matches!(value, Data::String(_)),
                    "{}!{}",
                    s("sheet"),
                    s("cell")
                );
            }
            "leading_space_id" => {
                assert!(
                    matches!(value, Data::String(ref x) if x.starts_with(' ')),
                    "{value:?}"
                );
            }
            "blank_row" => assert_eq!(value, Data::Empty),
            "notes_block" => {
                let a1 = s("cell");
                let first = a1.split(':').next().unwrap();
                assert_eq!(
                    text(&{
                        let r = wb.worksheet_range(&s("sheet")).unwrap();
                        r.get_value(common::cell_pos(first)).cloned().unwrap()
                    }),
                    "Notes:"
                );
            }
            "merged_header" => {
                let calamine::Sheets::Xlsx(x) = &mut wb else {
                    panic!("not xlsx")
                };
                assert_eq!(x.merge_cells_by_sheet_name(&s("sheet")).unwrap().len(), 2);
            }
            _ => {}
        }
    }
    for k in [
        "blank_row",
        "hidden_sheet",
        "leading_space_id",
        "merged_header",
        "notes_block",
        "number_as_text",
        "partial_date",
        "sex_coding",
        "text_date",
        "unit_spelling",
    ] {
        assert!(kinds.contains(k), "no {k} in the fixtures");
    }
}
