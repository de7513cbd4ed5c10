//! expected.toml (the truths), PROBLEMS.toml and the fixture README, all generated so they
//! can never disagree with the workbooks.

use toml::{Table, Value};

use crate::broken::Problem;
use crate::mess::Note;
use crate::paper::{self, facts};
use crate::rng::mean_sd;
use crate::sheet::Book;
use crate::study::{SITES, Study, site_file};
use crate::subjects::{Ab, Arm, Dx, ProgKind, Smoking, Subject};

fn int(n: usize) -> Value {
    Value::Integer(n as i64)
}

fn r2(x: f64) -> Value {
    Value::Float((x * 100.0).round() / 100.0)
}

fn count(st: &Study, arm: Arm, f: impl Fn(&Subject) -> bool) -> usize {
    st.subjects.iter().filter(|s| s.arm == arm && f(s)).count()
}

fn table(pairs: Vec<(&str, Value)>) -> Value {
    Value::Table(pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
}

pub fn baseline_value(s: &Subject, name: &str) -> f64 {
    let b = &s.base;
    match name {
        "age" => s.age as f64,
        "ferritin" => b.ferritin,
        "ck" => b.ck,
        "aldolase" => b.aldolase,
        "kl6" => b.kl6,
        "spd" => b.spd,
        "fvc_pct" => b.fvc_pct,
        "dlco_pct" => b.dlco_pct,
        _ => b.pao2,
    }
}

/// Week-52 change in the per-protocol subjects (FVC %, DLCO %).
pub fn pp_change(st: &Study, arm: Arm) -> (Vec<f64>, Vec<f64>) {
    let mut f = Vec::new();
    let mut d = Vec::new();
    for (i, s) in st.subjects.iter().enumerate() {
        if s.arm == arm && s.per_protocol() {
            let v = &st.visits[i];
            if let (Some(a), Some(b)) = (v.first(), v.last().filter(|x| x.week == 52)) {
                f.push(b.fvc_pct - a.fvc_pct);
                d.push(b.dlco_pct - a.dlco_pct);
            }
        }
    }
    (f, d)
}

pub fn expected(st: &Study, books: &[Book], mess: &[Note]) -> Result<String, toml::ser::Error> {
    let mut root = Table::new();
    root.insert(
        "study".into(),
        table(vec![
            ("id", "UMIN000015469".into()),
            ("title", paper::TITLE.into()),
            ("authors", paper::AUTHORS.into()),
            ("source", paper::HANDLE.into()),
            (
                "origin",
                "simulated from the published paper; no real patient data".into(),
            ),
            ("seed", Value::Integer(paper::SEED as i64)),
            ("subjects", int(st.subjects.len())),
            (
                "weeks",
                Value::Array(
                    crate::schedule::WEEKS
                        .iter()
                        .map(|w| Value::Integer(i64::from(*w)))
                        .collect(),
                ),
            ),
        ]),
    );
    let mut arms = Table::new();
    let mut t1 = Table::new();
    let mut t1c = Table::new();
    let mut outcomes = Table::new();
    let mut trt = Table::new();
    let mut aes = Table::new();
    let mut pp = Table::new();
    for arm in Arm::BOTH {
        let a = arm.code().to_string();
        let f = facts(arm);
        arms.insert(
            a.clone(),
            table(vec![
                ("n", int(count(st, arm, |_| true))),
                ("label", arm.label().into()),
            ]),
        );
        let c = |g: &dyn Fn(&Subject) -> bool| int(count(st, arm, g));
        t1.insert(
            a.clone(),
            table(vec![
                ("female", c(&|s| s.female)),
                ("male", c(&|s| !s.female)),
                ("never_smoker", c(&|s| s.smoking == Smoking::Never)),
                ("pm", c(&|s| s.dx == Dx::Pm)),
                ("dm", c(&|s| s.dx == Dx::Dm)),
                ("cadm", c(&|s| s.dx == Dx::Cadm)),
                ("acute_subacute", c(&|s| s.acute)),
                ("chronic", c(&|s| !s.acute)),
                ("dyspnea", c(&|s| s.dyspnea)),
                ("crackles", c(&|s| s.crackles)),
                ("anti_ars", c(&|s| s.ab == Ab::Ars)),
                ("anti_mda5", c(&|s| s.ab == Ab::Mda5)),
            ]),
        );
        let mut cont = Table::new();
        for (name, unit, _, _) in paper::CONTINUOUS {
            let v: Vec<f64> = st
                .subjects
                .iter()
                .filter(|s| s.arm == arm)
                .map(|s| baseline_value(s, name))
                .collect();
            let (m, sd) = mean_sd(&v);
            let (pm, psd) = paper::continuous(name, arm);
            cont.insert(
                name.into(),
                table(vec![
                    ("unit", unit.into()),
                    ("mean", r2(m)),
                    ("sd", r2(sd)),
                    ("paper_mean", r2(pm)),
                    ("paper_sd", r2(psd)),
                ]),
            );
        }
        t1c.insert(a.clone(), Value::Table(cont));
        let prog = |k: ProgKind| c(&move |s: &Subject| s.progression.is_some_and(|p| p.1 == k));
        let n = count(st, arm, |_| true) as f64;
        let np = count(st, arm, |s| s.progression.is_some());
        let nd = count(st, arm, |s| s.death_day.is_some());
        outcomes.insert(
            a.clone(),
            table(vec![
                ("progressions", int(np)),
                ("ild", prog(ProgKind::Ild)),
                ("muscle", prog(ProgKind::Muscle)),
                ("skin", prog(ProgKind::Skin)),
                ("deaths", int(nd)),
                (
                    "deaths_anti_mda5",
                    c(&|s| s.death_day.is_some() && s.ab == Ab::Mda5),
                ),
                (
                    "deaths_after_ild_progression",
                    c(&|s| {
                        s.death_day.is_some() && s.progression.is_some_and(|p| p.1 == ProgKind::Ild)
                    }),
                ),
                ("pfs_52w", r2(1.0 - np as f64 / n)),
                ("os_52w", r2(1.0 - nd as f64 / n)),
            ]),
        );
        let psl: Vec<f64> = st
            .subjects
            .iter()
            .filter(|s| s.arm == arm)
            .map(|s| s.psl0)
            .collect();
        trt.insert(
            a.clone(),
            table(vec![
                ("mpsl_pulse", c(&|s| s.pulse)),
                ("psl_initial_mean", r2(mean_sd(&psl).0)),
                ("paper_psl_initial_mean", r2(f.psl_initial_mean)),
            ]),
        );
        let mut at = Table::new();
        let mut total = 0;
        for (term, _, _) in paper::ADVERSE_EVENTS {
            let k = st
                .aes
                .iter()
                .filter(|e| e.plan.term == term && st.subjects[e.plan.subject].arm == arm)
                .count();
            total += k;
            at.insert(term.into(), int(k));
        }
        let mut inf: Vec<usize> = st
            .aes
            .iter()
            .filter(|e| {
                paper::INFECTIONS.contains(&e.plan.term) && st.subjects[e.plan.subject].arm == arm
            })
            .map(|e| e.plan.subject)
            .collect();
        inf.sort();
        inf.dedup();
        at.insert("subjects_with_infection".into(), int(inf.len()));
        at.insert("total".into(), int(total));
        aes.insert(a.clone(), Value::Table(at));
        let (fc, dc) = pp_change(st, arm);
        let ((pfm, pfs), (pdm, pds)) = paper::table2(arm);
        let (fm, fs) = mean_sd(&fc);
        let (dm, ds) = mean_sd(&dc);
        pp.insert(
            a,
            table(vec![
                ("n", int(fc.len())),
                ("fvc_change_mean", r2(fm)),
                ("fvc_change_sd", r2(fs)),
                ("paper_fvc_change_mean", r2(pfm)),
                ("paper_fvc_change_sd", r2(pfs)),
                ("dlco_change_mean", r2(dm)),
                ("dlco_change_sd", r2(ds)),
                ("paper_dlco_change_mean", r2(pdm)),
                ("paper_dlco_change_sd", r2(pds)),
            ]),
        );
    }
    root.insert("arms".into(), Value::Table(arms));
    let mut strata = Table::new();
    for dx in Dx::ALL {
        strata.insert(
            dx.code().into(),
            table(vec![
                ("TAC", int(count(st, Arm::Tac, |s| s.dx == dx))),
                ("CsA", int(count(st, Arm::Csa, |s| s.dx == dx))),
            ]),
        );
    }
    root.insert("strata".into(), Value::Table(strata));
    let mut sites = Table::new();
    for (i, s) in SITES.iter().enumerate() {
        let n = |arm: Option<Arm>| {
            st.subjects
                .iter()
                .filter(|x| x.site == i && arm.is_none_or(|a| x.arm == a))
                .count()
        };
        sites.insert(
            s.code.into(),
            table(vec![
                ("file", site_file(i).into()),
                ("name", s.name.into()),
                ("subjects", int(n(None))),
                ("TAC", int(n(Some(Arm::Tac)))),
                ("CsA", int(n(Some(Arm::Csa)))),
            ]),
        );
    }
    root.insert("sites".into(), Value::Table(sites));
    root.insert("table1".into(), Value::Table(t1));
    root.insert("table1_continuous".into(), Value::Table(t1c));
    root.insert("outcomes".into(), Value::Table(outcomes));
    root.insert("treatment".into(), Value::Table(trt));
    root.insert("adverse_events".into(), Value::Table(aes));
    root.insert("per_protocol".into(), Value::Table(pp));
    let mut rows = Table::new();
    for b in books {
        let mut t = Table::new();
        for s in &b.sheets {
            t.insert(s.name.clone(), int(s.data_rows()));
        }
        rows.insert(b.file.clone(), Value::Table(t));
    }
    root.insert("rows".into(), Value::Table(rows));
    root.insert("sdtm".into(), sdtm(st));
    root.insert(
        "mess".into(),
        Value::Array(
            mess.iter()
                .map(|m| {
                    table(vec![
                        ("file", m.file.as_str().into()),
                        ("sheet", m.sheet.as_str().into()),
                        ("cell", m.cell.as_str().into()),
                        ("kind", m.kind.into()),
                        ("detail", m.detail.as_str().into()),
                    ])
                })
                .collect(),
        ),
    );
    toml::to_string(&root)
}

fn sdtm(st: &Study) -> Value {
    let visits: usize = st.visits.iter().map(Vec::len).sum();
    let troughs: usize = st
        .cni
        .iter()
        .flatten()
        .filter(|r| r.trough.is_some())
        .count();
    let cm: usize =
        st.gc.iter().map(Vec::len).sum::<usize>() + st.rescue.iter().map(Vec::len).sum::<usize>();
    let n = st.subjects.len();
    table(vec![
        ("DM", int(n)),
        ("AE", int(st.aes.len())),
        ("LB", int(visits * crate::labs::TESTS.len() + 2 * n)),
        ("RE", int(visits * 4)),
        ("EX", int(st.cni.iter().map(Vec::len).sum())),
        ("PC", int(troughs)),
        ("CM", int(cm)),
        ("DS", int(3 * n)),
        ("SV", int(visits)),
        ("CE", int(st.subjects.iter().filter(|s| s.progression.is_some()).count())),
        ("notes", "LB = Labs rows + 2 antibody results per subject; RE = 4 tests per Pulmonary function row (FVC L, FVC %pred, DLCO %pred, PaO2); EX = Study drug rows; PC = trough levels; CM = Glucocorticoids + Additional treatment rows; DS = informed consent + randomized + completed/death per subject; SV = visits (Pulmonary function rows); CE = Progression rows".into()),
    ])
}

pub fn problems(file: &str, ps: &[Problem]) -> Result<String, toml::ser::Error> {
    let mut root = Table::new();
    root.insert("file".into(), file.into());
    root.insert(
        "problem".into(),
        Value::Array(
            ps.iter()
                .map(|p| {
                    table(vec![
                        ("kind", p.kind.into()),
                        ("sheet", p.sheet.into()),
                        ("cell", p.cell.as_str().into()),
                        ("subject", p.subject.as_str().into()),
                        ("value", p.value.as_str().into()),
                        ("detail", p.detail.as_str().into()),
                    ])
                })
                .collect(),
        ),
    );
    toml::to_string(&root)
}
