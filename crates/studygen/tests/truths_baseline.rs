//! The committed workbooks, read back cell by cell: arms, strata, Table 1, row counts, mess.
#![allow(clippy::unwrap_used)] // test helpers outside #[test] fns panic on purpose

mod common;

use std::collections::BTreeSet;

use calamine::{Data, Reader, SheetVisible, open_workbook_auto};
use common::trial::{ARMS, Trial, arm_of, count, exp_int, load};
use common::{SITE_FILES, date, expected, fixtures, mean_sd, num, read, sex, text};

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
