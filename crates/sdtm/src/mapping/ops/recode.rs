//! `recode = { codelist = "SEX", table = { "Male" = "M" } }`: source text (case and
//! whitespace ignored) → a value, first from the table, then from the codelist's submission
//! values, decodes and synonyms. Anything else is reported at its cell (`SI0031`), unless
//! `keep_unmapped = true` lets it through as written.

use super::{Got, RowCtx};
use crate::mapping::checks::Check;
use crate::mapping::plan::Recode;
use model::{Finding, SourceCell, Value};
use spec::{Diag, boolean, check_keys, join, join_quoted, string, table, type_name};
use std::collections::BTreeMap;

/// `var_codelist` is the codelist the SDTMIG gives the target variable, used when the
/// spec names none.
pub(crate) fn parse(
    t: &toml::Table,
    path: &str,
    var_codelist: Option<&str>,
    d: &mut Diag,
) -> Option<Recode> {
    check_keys(t, path, &["table", "codelist", "keep_unmapped"], d);
    let codelist = string(t, "codelist", path, d).or(var_codelist.map(str::to_owned));
    let ct = standards::ct();
    let list = match codelist.as_deref() {
        Some(name) => match ct.codelist(name) {
            Some(l) => Some(l),
            None => {
                d.near(
                    &join(path, "codelist"),
                    format!("no codelist `{name}` in CDISC CT {}", ct.version()),
                    name,
                    ct.codelists().iter().map(|c| c.submission_value.as_str()),
                );
                None
            }
        },
        None => None,
    };
    let mut entries = BTreeMap::new();
    if let Some(tt) = table(t, "table", path, d) {
        let tpath = join(path, "table");
        for (from, to) in tt {
            let p = join_quoted(&tpath, from);
            let Some(to) = to.as_str() else {
                d.err(
                    &p,
                    format!("a recode target is a string, found {}", type_name(to)),
                );
                continue;
            };
            if let Some(l) = list
                && !l.extensible
                && !l.contains(to)
            {
                d.near(
                    &p,
                    format!(
                        "`{to}` is not a value of the non-extensible codelist {}",
                        l.submission_value
                    ),
                    to,
                    l.terms().iter().map(|t| t.submission_value.as_str()),
                );
            }
            entries.insert(standards::normalize(from), to.to_owned());
        }
    }
    Some(Recode {
        table: entries,
        codelist: list.map(|l| l.submission_value.clone()),
        keep_unmapped: boolean(t, "keep_unmapped", path, d).unwrap_or(false),
    })
}

pub(crate) fn apply(
    r: &Recode,
    var: &str,
    got: &Got,
    src: Option<&SourceCell>,
    ctx: &RowCtx<'_>,
    out: &mut Vec<Finding>,
) -> Got {
    let text = got.text();
    let key = standards::normalize(&text);
    if let Some(to) = r.table.get(&key) {
        return Got::Val(Value::char(to.clone()));
    }
    let list = r
        .codelist
        .as_deref()
        .and_then(|c| standards::ct().codelist(c));
    if let Some(hit) = list.and_then(|l| l.lookup_normalized(&text)) {
        return Got::Val(Value::char(hit));
    }
    if r.keep_unmapped {
        return Got::Val(Value::char(text));
    }
    if let Some(s) = src {
        let within = match &r.codelist {
            Some(c) => format!("the recode table or codelist {c}"),
            None => "the recode table".to_owned(),
        };
        out.push(
            ctx.finding(
                Check::Unmapped
                    .at(s.clone(), format!("{var}: `{text}` is not in {within}"))
                    .with_value(text.clone()),
                var,
            ),
        );
    }
    Got::Null
}
