//! `kind = "composite"`: a responder definition met when every criterion is met (low
//! disease activity), one record per subject, visit and criterion plus the composite.

use super::adtte::copy_list;
use super::names::{self, Ctx};
use spec::toml::{Table, Value};
use spec::{Diag, check_keys, join, string, type_name};

#[derive(Debug, Clone, PartialEq)]
pub struct CompositeSpec {
    pub dataset: String,
    pub label: String,
    pub copy: Vec<String>,
    /// PARCAT1.
    pub category: String,
    pub paramcd: String,
    pub param: String,
    /// The columns holding each criterion's input value and its reference (limit).
    pub value_var: String,
    pub reference_var: String,
    /// Whose analysed record dates a visit (else the window's target day).
    pub visit_date: (String, String),
    pub visits: Vec<CompositeVisit>,
    pub criteria: Vec<Part>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CompositeVisit {
    pub avisit: String,
    pub avisitn: f64,
    /// The analysis window (analysis.toml) the visit reads results from.
    pub window: String,
    /// The window a decline is measured from.
    pub earlier: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    pub paramcd: String,
    pub param: String,
    pub rule: PartRule,
    /// NEREAS when the data the rule needs is missing.
    pub missing: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum PartRule {
    /// The study collects nothing to judge it by: always NE with this reason.
    NotEvaluable(String),
    /// The result nearest the visit's target is at most its upper limit of normal.
    AtMostUln { domain: String, test: String },
    /// The result nearest the visit's target is below a fixed limit.
    Below {
        domain: String,
        test: String,
        limit: f64,
    },
    /// The relative decline since the earlier window, in percent, is below a limit.
    DeclineBelow {
        domain: String,
        test: String,
        percent: f64,
    },
    /// The daily dose of a dose dataset is at most `at_most` on each of the `days` days up
    /// to the visit date.
    DoseAtMost {
        dataset: String,
        at_most: f64,
        days: i64,
    },
}

pub(super) fn compile(
    t: &Table,
    cx: &Ctx,
    adsl: &[String],
    windows: &[String],
    doses: &[String],
    d: &mut Diag,
) -> Option<CompositeSpec> {
    check_keys(
        t,
        "",
        &[
            "kind",
            "dataset",
            "label",
            "copy",
            "category",
            "paramcd",
            "param",
            "variables",
            "visit_date",
            "visits",
            "criterion",
        ],
        d,
    );
    let window = |name: &str, path: &str, d: &mut Diag| {
        if !windows.iter().any(|w| w.eq_ignore_ascii_case(name)) {
            d.near(
                path,
                format!("no analysis visit `{name}` in analysis.toml [windows]"),
                name,
                windows.iter().map(String::as_str),
            );
        }
    };
    let visit_date = match t.get("visit_date") {
        Some(Value::Table(v)) => {
            check_keys(v, "visit_date", &["domain", "test"], d);
            names::domain(v, "visit_date", cx, d).zip(names::required(v, "test", "visit_date", d))
        }
        _ => {
            d.err(
                "",
                "`visit_date = { domain, test }` is required: whose record dates a visit",
            );
            None
        }
    };
    let vars = match t.get("variables") {
        Some(Value::Table(v)) => {
            check_keys(v, "variables", &["value", "reference"], d);
            names::adam_name(v, "value", "variables", d).zip(names::adam_name(
                v,
                "reference",
                "variables",
                d,
            ))
        }
        _ => {
            d.err("", "`variables = { value, reference }` is required: the columns of each criterion's input and limit");
            None
        }
    };
    let mut visits = Vec::new();
    for (i, v) in spec::tables(t, "visits", "", d).into_iter().enumerate() {
        let path = format!("visits[{i}]");
        check_keys(v, &path, &["avisit", "avisitn", "window", "earlier"], d);
        let (Some(avisit), Some(avisitn), Some(w), Some(e)) = (
            names::required(v, "avisit", &path, d),
            names::number(v, "avisitn", &path, d),
            names::required(v, "window", &path, d),
            names::required(v, "earlier", &path, d),
        ) else {
            continue;
        };
        window(&w, &join(&path, "window"), d);
        window(&e, &join(&path, "earlier"), d);
        visits.push(CompositeVisit {
            avisit,
            avisitn,
            window: w,
            earlier: e,
        });
    }
    let mut criteria = Vec::new();
    for (i, c) in spec::tables(t, "criterion", "", d).into_iter().enumerate() {
        let path = format!("criterion[{i}]");
        if let Some(p) = part(c, &path, cx, doses, d) {
            criteria.push(p);
        }
    }
    Some(CompositeSpec {
        dataset: names::adam_name(t, "dataset", "", d)?,
        label: names::required(t, "label", "", d)?,
        copy: copy_list(t, "", adsl, d),
        category: names::required(t, "category", "", d)?,
        paramcd: names::adam_name(t, "paramcd", "", d)?,
        param: names::required(t, "param", "", d)?,
        value_var: vars.as_ref()?.0.clone(),
        reference_var: vars?.1,
        visit_date: visit_date?,
        visits,
        criteria,
    })
}

const RULES: [&str; 5] = [
    "not_evaluable",
    "at_most_uln",
    "below",
    "decline_below",
    "dose_at_most",
];

fn part(c: &Table, path: &str, cx: &Ctx, doses: &[String], d: &mut Diag) -> Option<Part> {
    let mut keys = vec!["paramcd", "param", "missing"];
    keys.extend(RULES);
    check_keys(c, path, &keys, d);
    let given: Vec<&str> = RULES
        .iter()
        .copied()
        .filter(|k| c.contains_key(*k))
        .collect();
    if given.len() != 1 {
        d.err(
            path,
            format!("a criterion needs exactly one of {}", RULES.join(", ")),
        );
        return None;
    }
    let k = given[0];
    let p = join(path, k);
    let rule = if k == "not_evaluable" {
        PartRule::NotEvaluable(names::required(c, k, path, d)?)
    } else {
        let Value::Table(r) = &c[k] else {
            d.err(&p, format!("expected a table, found {}", type_name(&c[k])));
            return None;
        };
        let found = |r: &Table, d: &mut Diag| {
            names::domain(r, &p, cx, d).zip(names::required(r, "test", &p, d))
        };
        match k {
            "at_most_uln" => {
                check_keys(r, &p, &["domain", "test"], d);
                let (domain, test) = found(r, d)?;
                PartRule::AtMostUln { domain, test }
            }
            "below" => {
                check_keys(r, &p, &["domain", "test", "limit"], d);
                let (domain, test) = found(r, d)?;
                PartRule::Below {
                    domain,
                    test,
                    limit: names::number(r, "limit", &p, d)?,
                }
            }
            "decline_below" => {
                check_keys(r, &p, &["domain", "test", "percent"], d);
                let (domain, test) = found(r, d)?;
                PartRule::DeclineBelow {
                    domain,
                    test,
                    percent: names::number(r, "percent", &p, d)?,
                }
            }
            _ => {
                check_keys(r, &p, &["dataset", "at_most", "days"], d);
                let dataset = names::required(r, "dataset", &p, d)?;
                if !doses.contains(&dataset) {
                    d.near(
                        &join(&p, "dataset"),
                        format!("no dose dataset `{dataset}` in this spec"),
                        &dataset,
                        doses.iter().map(String::as_str),
                    );
                }
                PartRule::DoseAtMost {
                    dataset,
                    at_most: names::number(r, "at_most", &p, d)?,
                    days: names::days(r, "days", &p, 1, d)?,
                }
            }
        }
    };
    Some(Part {
        paramcd: names::adam_name(c, "paramcd", path, d)?,
        param: names::required(c, "param", path, d)?,
        rule,
        missing: string(c, "missing", path, d),
    })
}
