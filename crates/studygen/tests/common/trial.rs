//! Everything the tests pull out of the four site workbooks, normalised.
#![allow(dead_code, clippy::unwrap_used)]

use std::collections::{BTreeMap, BTreeSet};

use super::{SITE_FILES, date, fixtures, num, read, text};
use calamine::{Data, Reader, open_workbook_auto};

/// (visit, date, test, result, normal high)
pub type LabRow = (String, String, String, f64, f64);

/// Everything a mapper would pull out of the four site workbooks, keyed by subject.
#[derive(Default)]
pub struct Trial {
    pub arm: BTreeMap<String, String>,
    pub dm: BTreeMap<String, BTreeMap<String, Data>>,
    pub ab: BTreeMap<String, (bool, bool)>,
    /// subject → [(week, date, fvc %, dlco %)]
    pub pft: BTreeMap<String, Vec<(String, String, f64, f64)>>,
    /// subject → [(visit, date, test, result, normal high)]
    pub labs: BTreeMap<String, Vec<LabRow>>,
    pub aes: Vec<(String, String, Option<String>)>,
    pub prog: Vec<(String, String, String)>,
    pub deaths: Vec<(String, String)>,
    pub eos: BTreeMap<String, String>,
    pub pulse: BTreeSet<String>,
    pub troughs: Vec<(String, f64)>,
    pub rows: BTreeMap<(String, String), usize>,
}

fn id(r: &[Data]) -> String {
    text(&r[0])
}

pub fn load() -> Trial {
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

pub fn arm_of<'a>(t: &'a Trial, s: &str) -> &'a str {
    t.arm.get(s).map(String::as_str).unwrap_or("?")
}

pub fn count(t: &Trial, arm: &str, f: impl Fn(&str, &BTreeMap<String, Data>) -> bool) -> i64 {
    t.dm.iter()
        .filter(|(s, d)| arm_of(t, s) == arm && f(s, d))
        .count() as i64
}

pub fn exp_int(v: &toml::Value, path: &[&str]) -> i64 {
    path.iter().fold(v, |v, k| &v[*k]).as_integer().unwrap()
}

pub const ARMS: [&str; 2] = ["TAC", "CsA"];
