//! `kind = "dose"`: daily doses of a medication class from an interventions domain (the
//! glucocorticoid taper), in the units of a reference drug, with cumulative doses and the
//! time to a daily dose at or below a threshold.

use super::adtte::copy_list;
use super::names::{self, Ctx};
use super::select::texts;
use spec::toml::{Table, Value};
use spec::{Diag, check_keys, join, type_name};

#[derive(Debug, Clone, PartialEq)]
pub struct DoseSpec {
    pub dataset: String,
    pub label: String,
    pub domain: String,
    pub copy: Vec<String>,
    /// The analysis covers the origin to this many days after it.
    pub horizon_days: i64,
    /// Variables: the drug's name, the dose, its unit.
    pub drug: String,
    pub dose: String,
    pub unit: String,
    /// Units taken as a daily dose; a record in another unit is a finding.
    pub units: Vec<String>,
    /// (word in the drug name, reference-drug mg per mg), longest word first so that
    /// METHYLPREDNISOLONE is not read as PREDNISOLONE.
    pub equivalents: Vec<(String, f64)>,
    pub daily: (String, String),
    pub cumulative: Vec<Cumulative>,
    pub threshold: Threshold,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Cumulative {
    pub paramcd: String,
    pub param: String,
    pub days: i64,
}

/// The time from the origin to the first day at or below `at_most` (no dose counts as 0).
#[derive(Debug, Clone, PartialEq)]
pub struct Threshold {
    pub paramcd: String,
    pub param: String,
    pub at_most: f64,
    pub event: String,
    pub censored: String,
}

impl DoseSpec {
    /// Reference-drug mg per mg of a drug name; `None` when the drug is not of the class.
    pub fn factor(&self, drug: &str) -> Option<f64> {
        let up = drug.to_ascii_uppercase();
        self.equivalents
            .iter()
            .find(|(w, _)| up.contains(w.as_str()))
            .map(|&(_, f)| f)
    }
}

fn param(t: &Table, path: &str, d: &mut Diag) -> Option<(String, String)> {
    check_keys(t, path, &["paramcd", "param"], d);
    Some((
        names::adam_name(t, "paramcd", path, d)?,
        names::required(t, "param", path, d)?,
    ))
}

fn sub<'a>(t: &'a Table, k: &str, d: &mut Diag) -> Option<&'a Table> {
    match t.get(k) {
        Some(Value::Table(x)) => Some(x),
        Some(other) => {
            d.err(k, format!("expected a table, found {}", type_name(other)));
            None
        }
        None => {
            d.err("", format!("`{k}` is required here"));
            None
        }
    }
}

pub(super) fn compile(t: &Table, cx: &Ctx, adsl: &[String], d: &mut Diag) -> Option<DoseSpec> {
    check_keys(
        t,
        "",
        &[
            "kind",
            "dataset",
            "label",
            "domain",
            "copy",
            "horizon_days",
            "drug",
            "dose",
            "unit",
            "units",
            "equivalents",
            "daily",
            "cumulative",
            "threshold",
        ],
        d,
    );
    let dataset = names::adam_name(t, "dataset", "", d);
    let label = names::required(t, "label", "", d);
    let domain = names::domain(t, "", cx, d);
    let copy = copy_list(t, "", adsl, d);
    let horizon_days = names::days(t, "horizon_days", "", 1, d);
    let var = |k: &str, d: &mut Diag| {
        let dom = domain.as_deref()?;
        let v = names::required(t, k, "", d)?;
        names::sdtm_var(&v, dom, k, cx, d)
    };
    let (drug, dose, unit) = (var("drug", d), var("dose", d), var("unit", d));
    let units = match t.get("units") {
        Some(v) => texts(v, "units", d).unwrap_or_default(),
        None => {
            d.err("", "`units` is required: the units taken as a daily dose");
            Vec::new()
        }
    };
    let mut equivalents: Vec<(String, f64)> = Vec::new();
    if let Some(e) = sub(t, "equivalents", d) {
        for (k, v) in e {
            match v {
                Value::Integer(i) => equivalents.push((k.to_ascii_uppercase(), *i as f64)),
                Value::Float(f) => equivalents.push((k.to_ascii_uppercase(), *f)),
                other => d.err(
                    &join("equivalents", k),
                    format!("expected a number, found {}", type_name(other)),
                ),
            }
        }
    }
    equivalents.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
    let daily = sub(t, "daily", d).and_then(|x| param(x, "daily", d));
    let mut cumulative = Vec::new();
    for (i, c) in spec::tables(t, "cumulative", "", d).into_iter().enumerate() {
        let path = format!("cumulative[{i}]");
        check_keys(c, &path, &["paramcd", "param", "days"], d);
        if let (Some(paramcd), Some(param), Some(days)) = (
            names::adam_name(c, "paramcd", &path, d),
            names::required(c, "param", &path, d),
            names::days(c, "days", &path, 0, d),
        ) {
            cumulative.push(Cumulative {
                paramcd,
                param,
                days,
            });
        }
    }
    let threshold = sub(t, "threshold", d).and_then(|x| {
        let p = "threshold";
        check_keys(
            x,
            p,
            &["paramcd", "param", "at_most", "event", "censored"],
            d,
        );
        Some(Threshold {
            paramcd: names::adam_name(x, "paramcd", p, d)?,
            param: names::required(x, "param", p, d)?,
            at_most: names::number(x, "at_most", p, d)?,
            event: names::required(x, "event", p, d)?,
            censored: names::required(x, "censored", p, d)?,
        })
    });
    Some(DoseSpec {
        dataset: dataset?,
        label: label?,
        domain: domain?,
        copy,
        horizon_days: horizon_days?,
        drug: drug?,
        dose: dose?,
        unit: unit?,
        units,
        equivalents,
        daily: daily?,
        cumulative,
        threshold: threshold?,
    })
}
