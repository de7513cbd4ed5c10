//! The sections of a spec file other than `[variables]`: `[source]`, `[[unpivot]]`,
//! `[derive]` and `[supp]`, and the evaluation order of variables.

use super::compile_var::{self, VarCx};
use super::plan::*;
use model::VarType;
use sheets::{BlankRows, TableSpec};
use spec::{Diag, boolean, check_keys, join, number, string, strings, table, tables};
use standards::DomainMeta;

const SOURCE: &[&str] = &[
    "sheet",
    "subject",
    "header_row",
    "header_rows",
    "blank_rows",
    "notes",
    "allow_hidden",
    "fill_merged_data",
    "demographics",
    "filter",
];

pub(crate) fn source(t: &toml::Table, d: &mut Diag) -> (TableSpec, String, Vec<Filter>, bool) {
    let p = "source";
    check_keys(t, p, SOURCE, d);
    let mut ts = TableSpec::sheet(string(t, "sheet", p, d).unwrap_or_else(|| {
        d.err(p, "the source names its `sheet`");
        String::new()
    }));
    ts.header_row = number(t, "header_row", p, d).map(|n| n as u32);
    ts.header_rows = number(t, "header_rows", p, d).map_or(1, |n| n as u8);
    match string(t, "blank_rows", p, d).as_deref() {
        None | Some("stop") => {}
        Some("skip") => ts.blank_rows = BlankRows::Skip,
        Some(o) => d.near(
            &join(p, "blank_rows"),
            format!("unknown `{o}`; use skip or stop"),
            o,
            ["skip", "stop"],
        ),
    }
    if let Some(n) = strings(t, "notes", p, d) {
        ts.notes_prefixes = n;
    }
    ts.allow_hidden = boolean(t, "allow_hidden", p, d).unwrap_or(false);
    ts.fill_merged_data = boolean(t, "fill_merged_data", p, d).unwrap_or(false);
    let subject = string(t, "subject", p, d).unwrap_or_else(|| "Subject ID".to_owned());
    let mut filters = Vec::new();
    for (i, f) in tables(t, "filter", p, d).into_iter().enumerate() {
        let fp = format!("source.filter[{i}]");
        check_keys(f, &fp, &["column", "in", "not_in"], d);
        let norm = |v: Vec<String>| v.iter().map(|s| standards::normalize(s)).collect();
        let test = match (strings(f, "in", &fp, d), strings(f, "not_in", &fp, d)) {
            (Some(v), None) => FilterTest::In(norm(v)),
            (None, Some(v)) => FilterTest::NotIn(norm(v)),
            _ => {
                d.err(&fp, "a filter has one of `in` or `not_in`");
                continue;
            }
        };
        if let Some(column) = string(f, "column", &fp, d) {
            filters.push(Filter { column, test });
        }
    }
    (
        ts,
        subject,
        filters,
        boolean(t, "demographics", p, d).unwrap_or(false),
    )
}

pub(crate) fn unpivot(
    t: &toml::Table,
    meta: &DomainMeta,
    columns: &mut Vec<String>,
    d: &mut Diag,
) -> Vec<UnpivotItem> {
    let mut items: Vec<UnpivotItem> = Vec::new();
    for (i, u) in tables(t, "unpivot", "", d).into_iter().enumerate() {
        let p = format!("unpivot[{i}]");
        check_keys(u, &p, &["column", "set", "min", "max"], d);
        let Some(column) = string(u, "column", &p, d) else {
            continue;
        };
        let mut set = Vec::new();
        for (k, v) in table(u, "set", &p, d).into_iter().flatten() {
            let sp = join(&join(&p, "set"), k);
            if meta.variable(k).is_none() {
                d.near(
                    &sp,
                    format!("{k} is not a variable of {}", meta.name),
                    k,
                    meta.variables().iter().map(|v| v.name.as_str()),
                );
            }
            match v.as_str() {
                Some(s) => set.push((k.to_ascii_uppercase(), s.to_owned())),
                None => d.err(&sp, "an unpivot constant is a string"),
            }
        }
        if let Some(first) = items.first() {
            let names = |s: &[(String, String)]| s.iter().map(|x| x.0.clone()).collect::<Vec<_>>();
            if names(&first.set) != names(&set) {
                d.err(
                    &join(&p, "set"),
                    "every [[unpivot]] item sets the same variables",
                );
            }
        }
        columns.push(column.clone());
        items.push(UnpivotItem {
            column,
            set,
            min: number(u, "min", &p, d),
            max: number(u, "max", &p, d),
        });
    }
    items
}

pub(crate) fn derive(t: &toml::Table, meta: &DomainMeta, d: &mut Diag) -> DerivePlan {
    let mut plan = DerivePlan::default();
    let Some(dt) = table(t, "derive", "", d) else {
        return plan;
    };
    let p = "derive";
    check_keys(
        dt,
        p,
        &["study_day", "visit", "epoch", "baseline", "in_study"],
        d,
    );
    let known = |v: &str, path: &str, d: &mut Diag| {
        if meta.variable(v).is_none() {
            d.near(
                path,
                format!("{v} is not a variable of {}", meta.name),
                v,
                meta.variables().iter().map(|x| x.name.as_str()),
            );
        }
    };
    for key in ["study_day", "in_study"] {
        let list = strings(dt, key, p, d).unwrap_or_default();
        for v in &list {
            known(v, &join(p, key), d);
        }
        if key == "study_day" {
            plan.study_day = list
        } else {
            plan.in_study = list
        }
    }
    if let Some(v) = table(dt, "visit", p, d) {
        let vp = join(p, "visit");
        check_keys(v, &vp, &["column", "date"], d);
        match string(v, "date", &vp, d) {
            Some(date) => {
                known(&date, &join(&vp, "date"), d);
                plan.visit = Some(VisitDerive {
                    column: string(v, "column", &vp, d),
                    date,
                });
            }
            None => d.err(&vp, "a visit derivation names the `date` variable"),
        }
    }
    plan.epoch = string(dt, "epoch", p, d);
    if let Some(b) = table(dt, "baseline", p, d) {
        let bp = join(p, "baseline");
        check_keys(b, &bp, &["flag", "date", "by", "value"], d);
        if let (Some(flag), Some(date), Some(value)) = (
            string(b, "flag", &bp, d),
            string(b, "date", &bp, d),
            string(b, "value", &bp, d),
        ) {
            for (k, v) in [("flag", &flag), ("date", &date), ("value", &value)] {
                known(v, &join(&bp, k), d);
            }
            plan.baseline = Some(Baseline {
                flag,
                date,
                value,
                by: strings(b, "by", &bp, d).unwrap_or_default(),
            });
        } else {
            d.err(
                &bp,
                "a baseline derivation names `flag`, `date` and `value`",
            );
        }
    }
    plan
}

pub(crate) fn supp(
    t: &toml::Table,
    meta: &DomainMeta,
    columns: &mut Vec<String>,
    lookups: &mut Vec<Lookup>,
    d: &mut Diag,
) -> Vec<SuppPlan> {
    let mut out = Vec::new();
    for (qnam, v) in table(t, "supp", "", d).into_iter().flatten() {
        let p = join("supp", qnam);
        if qnam.len() > 8
            || !qnam
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        {
            d.err(&p, "a QNAM is up to 8 upper-case letters and digits");
        }
        if meta.variable(qnam).is_some() {
            d.err(
                &p,
                format!(
                    "{qnam} is a standard {} variable: map it in [variables]",
                    meta.name
                ),
            );
        }
        let vt = v.as_table();
        let label = vt
            .and_then(|t| string(t, "label", &p, d))
            .unwrap_or_else(|| {
                d.err(&p, "a supplemental qualifier has a `label` (QLABEL)");
                String::new()
            });
        let qorig = vt
            .and_then(|t| string(t, "origin", &p, d))
            .unwrap_or_else(|| "CRF".into());
        let mut v = v.clone();
        if let Some(t) = v.as_table_mut() {
            t.remove("origin");
        }
        let mut cx = VarCx {
            earlier: &[],
            columns,
            unpivot: false,
            lookups,
        };
        if let Some(var) = compile_var::compile(qnam, VarType::Char, None, &v, &p, &mut cx, d) {
            out.push(SuppPlan {
                qnam: qnam.clone(),
                qlabel: label,
                qorig,
                var,
            });
        }
    }
    out
}

/// Orders variables so that each comes after those it refers to (`$STUDYID`, `from`).
pub(crate) fn order(mut vars: Vec<VarPlan>, d: &mut Diag) -> Vec<VarPlan> {
    let deps = |v: &VarPlan| -> Vec<String> {
        match &v.op {
            Op::From(f) => vec![f.clone()],
            Op::Concat(parts) => parts
                .iter()
                .filter_map(|p| {
                    if let Part::Var(n) = p {
                        Some(n.clone())
                    } else {
                        None
                    }
                })
                .collect(),
            _ => Vec::new(),
        }
    };
    let mut done: Vec<VarPlan> = Vec::new();
    while !vars.is_empty() {
        let ready = vars.iter().position(|v| {
            deps(v)
                .iter()
                .all(|n| done.iter().any(|x| &x.name == n) || !vars.iter().any(|x| &x.name == n))
        });
        match ready {
            Some(i) => done.push(vars.remove(i)),
            None => {
                let names: Vec<_> = vars.iter().map(|v| v.name.clone()).collect();
                d.err(
                    "variables",
                    format!(
                        "variables refer to each other in a cycle: {}",
                        names.join(", ")
                    ),
                );
                break;
            }
        }
    }
    done
}
