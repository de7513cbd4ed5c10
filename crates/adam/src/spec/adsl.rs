//! `adsl.toml`: what a study adds to the standard subject-level variables — population
//! flags from declared criteria, subgroup and stratum variables, baseline characteristics,
//! and the dates that show a subject alive.

use super::names::{self, Ctx};
use super::select::{Select, select, texts};
use spec::toml::{Table, Value};
use spec::{Diag, check_keys, join, string, type_name};

/// ADSL variables every study gets (the derivation's own rules; analyses/README.md).
pub const STANDARD: [&str; 29] = [
    "STUDYID", "USUBJID", "SUBJID", "SITEID", "AGE", "AGEU", "SEX", "RACE", "COUNTRY", "ARM",
    "ARMCD", "ACTARM", "ACTARMCD", "TRT01P", "TRT01PN", "TRT01A", "TRT01AN", "RANDDT", "TRTSDT",
    "TRTEDT", "TRTDURD", "ITTFL", "SAFFL", "DTHFL", "DTHDT", "LSTALVDT", "EOSSTT", "EOSDT",
    "DCSREAS",
];

/// The dates that show a subject alive when a spec names none.
const LAST_ALIVE: [(&str, &str); 12] = [
    ("DS", "DSSTDTC"),
    ("SV", "SVSTDTC"),
    ("SV", "SVENDTC"),
    ("RE", "REDTC"),
    ("LB", "LBDTC"),
    ("EX", "EXSTDTC"),
    ("EX", "EXENDTC"),
    ("CM", "CMSTDTC"),
    ("CM", "CMENDTC"),
    ("AE", "AESTDTC"),
    ("AE", "AEENDTC"),
    ("CE", "CESTDTC"),
];

#[derive(Debug, Clone, PartialEq)]
pub struct AdslSpec {
    /// `DOMAIN.VARIABLE` dates of contact; LSTALVDT is the latest, never after death.
    pub last_alive: Vec<(String, String)>,
    pub populations: Vec<Population>,
    pub variables: Vec<SpecVariable>,
}

/// A population flag: Y for subjects of the `of` population who meet every criterion.
#[derive(Debug, Clone, PartialEq)]
pub struct Population {
    pub name: String,
    pub label: Option<String>,
    pub of: String,
    pub all: Vec<Criterion>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Criterion {
    /// No record of the named event.
    NoEvent(String),
    /// A numeric result of `test` dated in the analysis window `avisit`.
    Measured {
        domain: String,
        test: String,
        avisit: String,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct SpecVariable {
    pub name: String,
    pub label: Option<String>,
    pub rule: VariableRule,
}

#[derive(Debug, Clone, PartialEq)]
pub enum VariableRule {
    /// Text of `var` on the subject's last matching record.
    Value { select: Select, var: String },
    /// Y when any matching record's `var` is one of `yes`, else N when one is in `no`,
    /// else null (not tested).
    Flag {
        select: Select,
        var: String,
        yes: Vec<String>,
        no: Vec<String>,
    },
    /// The baseline of a findings test: the last numeric result on or before the origin.
    Baseline { domain: String, test: String },
}

impl AdslSpec {
    /// Every ADSL variable name: standard, population flags, spec variables.
    pub fn names(&self) -> Vec<String> {
        STANDARD
            .iter()
            .map(|s| (*s).to_owned())
            .chain(self.populations.iter().map(|p| p.name.clone()))
            .chain(self.variables.iter().map(|v| v.name.clone()))
            .collect()
    }

    /// The label a spec gives a variable.
    pub fn label(&self, name: &str) -> Option<&str> {
        let p = self.populations.iter().find(|p| p.name == name);
        let v = self.variables.iter().find(|v| v.name == name);
        p.and_then(|p| p.label.as_deref())
            .or(v.and_then(|v| v.label.as_deref()))
    }

    /// Whether a spec variable is numeric (baselines are).
    pub fn is_num(&self, name: &str) -> bool {
        self.variables
            .iter()
            .any(|v| v.name == name && matches!(v.rule, VariableRule::Baseline { .. }))
    }
}

pub(super) fn compile(
    t: &Table,
    cx: &Ctx,
    events: &[String],
    windows: &[String],
    d: &mut Diag,
) -> Option<AdslSpec> {
    check_keys(t, "", &["last_alive", "population", "variable"], d);
    let last_alive = match t.get("last_alive") {
        Some(v) => names::date_refs(v, "last_alive", cx, d),
        None => LAST_ALIVE
            .iter()
            .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
            .collect(),
    };
    let mut taken: Vec<String> = STANDARD.iter().map(|s| (*s).to_owned()).collect();
    let mut fresh = |name: &str, path: &str, d: &mut Diag| {
        if taken.iter().any(|n| n == name) {
            d.err(path, format!("ADSL already has a variable `{name}`"));
            false
        } else {
            taken.push(name.to_owned());
            true
        }
    };
    let mut populations = Vec::new();
    for (i, p) in spec::tables(t, "population", "", d).into_iter().enumerate() {
        let path = format!("population[{i}]");
        check_keys(p, &path, &["name", "label", "of", "all"], d);
        let Some(name) = names::adam_name(p, "name", &path, d) else {
            continue;
        };
        if !name.ends_with("FL") {
            d.err(
                &join(&path, "name"),
                format!("a population flag ends in FL: `{name}`"),
            );
        }
        let of = string(p, "of", &path, d).unwrap_or_else(|| "ITTFL".into());
        if !["ITTFL", "SAFFL"].contains(&of.as_str())
            && !populations.iter().any(|q: &Population| q.name == of)
        {
            d.near(
                &join(&path, "of"),
                format!("`{of}` is not ITTFL, SAFFL or a population declared above"),
                &of,
                ["ITTFL", "SAFFL"],
            );
        }
        let all = criteria(p, &path, cx, events, windows, d);
        if fresh(&name, &join(&path, "name"), d) {
            populations.push(Population {
                name,
                label: string(p, "label", &path, d),
                of,
                all,
            });
        }
    }
    let mut variables = Vec::new();
    for (i, v) in spec::tables(t, "variable", "", d).into_iter().enumerate() {
        let path = format!("variable[{i}]");
        check_keys(v, &path, &["name", "label", "value", "flag", "baseline"], d);
        let Some(name) = names::adam_name(v, "name", &path, d) else {
            continue;
        };
        let Some(rule) = rule(v, &path, cx, d) else {
            continue;
        };
        if fresh(&name, &join(&path, "name"), d) {
            variables.push(SpecVariable {
                name,
                label: string(v, "label", &path, d),
                rule,
            });
        }
    }
    Some(AdslSpec {
        last_alive,
        populations,
        variables,
    })
}

fn criteria(
    p: &Table,
    path: &str,
    cx: &Ctx,
    events: &[String],
    windows: &[String],
    d: &mut Diag,
) -> Vec<Criterion> {
    let mut out = Vec::new();
    for (i, c) in spec::tables(p, "all", path, d).into_iter().enumerate() {
        let cp = format!("{}[{i}]", join(path, "all"));
        check_keys(c, &cp, &["no_event", "measured"], d);
        if let Some(e) = string(c, "no_event", &cp, d) {
            if events.contains(&e) {
                out.push(Criterion::NoEvent(e));
            } else {
                d.near(
                    &join(&cp, "no_event"),
                    format!("no event `{e}` in analysis.toml [events]"),
                    &e,
                    events.iter().map(String::as_str),
                );
            }
        } else if let Some(m) = spec::table(c, "measured", &cp, d) {
            let mp = join(&cp, "measured");
            check_keys(m, &mp, &["domain", "test", "avisit"], d);
            let (Some(domain), Some(test), Some(avisit)) = (
                names::domain(m, &mp, cx, d),
                names::required(m, "test", &mp, d),
                names::required(m, "avisit", &mp, d),
            ) else {
                continue;
            };
            if !windows.iter().any(|w| w.eq_ignore_ascii_case(&avisit)) {
                d.near(
                    &join(&mp, "avisit"),
                    format!("no analysis visit `{avisit}` in analysis.toml [windows]"),
                    &avisit,
                    windows.iter().map(String::as_str),
                );
            }
            out.push(Criterion::Measured {
                domain,
                test,
                avisit,
            });
        } else {
            d.err(
                &cp,
                "a criterion is `no_event = ...` or `measured = { ... }`",
            );
        }
    }
    out
}

fn rule(v: &Table, path: &str, cx: &Ctx, d: &mut Diag) -> Option<VariableRule> {
    let given: Vec<&str> = ["value", "flag", "baseline"]
        .into_iter()
        .filter(|k| v.contains_key(*k))
        .collect();
    if given.len() != 1 {
        d.err(
            path,
            "a variable needs exactly one of value, flag, baseline",
        );
        return None;
    }
    let k = given[0];
    let p = join(path, k);
    let Value::Table(t) = &v[k] else {
        d.err(&p, format!("expected a table, found {}", type_name(&v[k])));
        return None;
    };
    match k {
        "value" => {
            check_keys(t, &p, &["domain", "where", "var"], d);
            let select = select(t, &p, cx, d)?;
            let var = names::required(t, "var", &p, d)?;
            let var = names::sdtm_var(&var, &select.domain, &join(&p, "var"), cx, d)?;
            Some(VariableRule::Value { select, var })
        }
        "flag" => {
            check_keys(t, &p, &["domain", "where", "var", "yes", "no"], d);
            let select = select(t, &p, cx, d)?;
            let var = names::required(t, "var", &p, d)?;
            let var = names::sdtm_var(&var, &select.domain, &join(&p, "var"), cx, d)?;
            let list = |k: &str, d: &mut Diag| match t.get(k) {
                Some(x) => texts(x, &join(&p, k), d).unwrap_or_default(),
                None => {
                    d.err(&p, format!("`{k}` is required: the values that mean {k}"));
                    Vec::new()
                }
            };
            let yes = list("yes", d);
            let no = list("no", d);
            Some(VariableRule::Flag {
                select,
                var,
                yes,
                no,
            })
        }
        _ => {
            check_keys(t, &p, &["domain", "test"], d);
            let domain = names::domain(t, &p, cx, d)?;
            let test = names::required(t, "test", &p, d)?;
            Some(VariableRule::Baseline { domain, test })
        }
    }
}
