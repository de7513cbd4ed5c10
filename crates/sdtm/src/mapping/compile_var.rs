//! One `[variables]` entry → a [`VarPlan`]: exactly one source (constant, column, concat,
//! from, lookup), then the steps (recode, decode, date, number, present) in that order.

use super::ops::{concat, constant, copy, date, lookup, number, recode};
use super::plan::{Op, Step, VarPlan};
use model::{Origin, Value, VarType};
use spec::{Diag, boolean, check_keys, join, string, table, type_name};

pub(crate) const KEYS: &[&str] = &[
    "constant", "column", "concat", "from", "lookup", "recode", "codelist", "date", "number",
    "present", "required", "origin", "label",
];
const SOURCES: &[&str] = &["constant", "column", "concat", "from", "lookup"];

/// What a variable may refer to while it is compiled.
pub(crate) struct VarCx<'a> {
    pub earlier: &'a [String],
    pub columns: &'a mut Vec<String>,
    pub unpivot: bool,
    pub lookups: &'a mut Vec<super::plan::Lookup>,
}

pub(crate) fn compile(
    name: &str,
    vtype: VarType,
    codelist: Option<&str>,
    v: &toml::Value,
    path: &str,
    cx: &mut VarCx<'_>,
    d: &mut Diag,
) -> Option<VarPlan> {
    let Some(t) = v.as_table() else {
        d.err(
            path,
            format!(
                "a variable is an inline table such as {{ column = \"...\" }}, found {}",
                type_name(v)
            ),
        );
        return None;
    };
    check_keys(t, path, KEYS, d);
    let given: Vec<&str> = SOURCES
        .iter()
        .copied()
        .filter(|k| t.contains_key(*k))
        .collect();
    if given.len() != 1 {
        d.err(
            path,
            format!(
                "give exactly one source of {}, found {}",
                SOURCES.join(", "),
                if given.is_empty() {
                    "none".to_owned()
                } else {
                    given.join(" and ")
                }
            ),
        );
        return None;
    }
    let (op, origin) = match given[0] {
        "constant" => {
            let c = constant::parse(&t["constant"], &join(path, "constant"), d)?;
            if vtype == VarType::Num
                && let Value::Char(s) = &c
                && s.trim().parse::<f64>().is_err()
            {
                d.err(
                    &join(path, "constant"),
                    format!("{name} is numeric but the constant `{s}` is text"),
                );
            }
            (Op::Constant(c), Origin::Assigned)
        }
        "column" => {
            let c = string(t, "column", path, d)?;
            if c == copy::ITEM {
                if !cx.unpivot {
                    d.err(&join(path, "column"), "`@value` needs an [[unpivot]] list");
                }
                (Op::Item, Origin::Collected)
            } else {
                cx.columns.push(c.clone());
                (Op::Column(c), Origin::Collected)
            }
        }
        "concat" => {
            let p = concat::parse(
                &t["concat"],
                &join(path, "concat"),
                cx.earlier,
                cx.columns,
                d,
            )?;
            (Op::Concat(p), Origin::Derived)
        }
        "from" => {
            let f = string(t, "from", path, d)?;
            if !cx.earlier.contains(&f) {
                d.near(
                    &join(path, "from"),
                    format!("`{f}` is not a variable defined above this one"),
                    &f,
                    cx.earlier.iter().map(String::as_str),
                );
            }
            (Op::From(f), Origin::Derived)
        }
        _ => {
            let lt = table(t, "lookup", path, d)?;
            let l = lookup::parse(lt, &join(path, "lookup"), d)?;
            cx.lookups.push(l.clone());
            (Op::Lookup(l), Origin::Derived)
        }
    };
    let mut steps = Vec::new();
    if let Some(r) = table(t, "recode", path, d) {
        steps.extend(recode::parse(r, &join(path, "recode"), codelist, d).map(Step::Recode));
    }
    if let Some(to) = string(t, "codelist", path, d) {
        decode(&op, &to, path, cx, &mut steps, d);
    }
    if t.contains_key("date") {
        if vtype == VarType::Num {
            d.err(
                &join(path, "date"),
                format!("type clash: {name} is numeric, a date gives ISO 8601 text"),
            );
        }
        steps.extend(date::parse(t, path, d).map(Step::Date));
    }
    if let Some(n) = table(t, "number", path, d) {
        steps.push(Step::Number(number::parse(
            n,
            &join(path, "number"),
            cx.columns,
            d,
        )));
    }
    if let Some(p) = string(t, "present", path, d) {
        if vtype == VarType::Num {
            d.err(
                &join(path, "present"),
                format!("type clash: {name} is numeric"),
            );
        }
        steps.push(Step::Present(p));
    }
    let origin = match string(t, "origin", path, d).as_deref() {
        None => origin,
        Some("Collected") => Origin::Collected,
        Some("Derived") => Origin::Derived,
        Some("Assigned") => Origin::Assigned,
        Some("Protocol") => Origin::Protocol,
        Some(o) => {
            let all = ["Collected", "Derived", "Assigned", "Protocol"];
            d.near(
                &join(path, "origin"),
                format!("unknown origin `{o}`"),
                o,
                all,
            );
            origin
        }
    };
    Some(VarPlan {
        name: name.to_owned(),
        op,
        steps,
        required: boolean(t, "required", path, d).unwrap_or(false),
        origin,
        vtype,
    })
}

/// `{ from = "LBTESTCD", codelist = "LBTEST" }`: the partner term of a paired codelist.
fn decode(op: &Op, to: &str, path: &str, cx: &VarCx<'_>, steps: &mut Vec<Step>, d: &mut Diag) {
    let ct = standards::ct();
    if ct.codelist(to).is_none() {
        d.near(
            &join(path, "codelist"),
            format!("no codelist `{to}` in CDISC CT {}", ct.version()),
            to,
            ct.codelists().iter().map(|c| c.submission_value.as_str()),
        );
        return;
    }
    // The code's own codelist is the paired one: LBTEST ↔ LBTESTCD.
    let from = match op {
        Op::From(_) if to.ends_with("CD") => to.trim_end_matches("CD").to_owned(),
        Op::From(_) => format!("{to}CD"),
        _ => {
            d.err(
                &join(path, "codelist"),
                "`codelist` decodes an earlier variable: use it with `from`",
            );
            return;
        }
    };
    let _ = cx;
    steps.push(Step::Decode {
        from,
        to: to.to_owned(),
    });
}
