//! `{ concat = ["$STUDYID", "-", { column = "Subject ID" }] }`: text joined from literals,
//! earlier variables (`$NAME`) and columns. A null part makes the whole value null, so a
//! missing subject never yields a half-built USUBJID.

use super::{Got, RowCtx};
use crate::mapping::plan::Part;
use model::{SourceCell, Value};
use spec::{Diag, check_keys, string, type_name};

pub(crate) fn parse(
    v: &toml::Value,
    path: &str,
    earlier: &[String],
    columns: &mut Vec<String>,
    d: &mut Diag,
) -> Option<Vec<Part>> {
    let Some(items) = v.as_array() else {
        d.err(
            path,
            format!("concat takes an array, found {}", type_name(v)),
        );
        return None;
    };
    let mut parts = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let p = format!("{path}[{i}]");
        match item {
            toml::Value::String(s) => match s.strip_prefix('$') {
                Some(name) if earlier.iter().any(|e| e == name) => {
                    parts.push(Part::Var(name.to_owned()));
                }
                Some(name) => d.near(
                    &p,
                    format!("`${name}` is not a variable defined above this one"),
                    name,
                    earlier.iter().map(String::as_str),
                ),
                None => parts.push(Part::Text(s.clone())),
            },
            toml::Value::Table(t) => {
                check_keys(t, &p, &["column"], d);
                if let Some(c) = string(t, "column", &p, d) {
                    columns.push(c.clone());
                    parts.push(Part::Column(c));
                }
            }
            other => d.err(
                &p,
                format!(
                    "expected text, `$VARIABLE` or {{ column = ... }}, found {}",
                    type_name(other)
                ),
            ),
        }
    }
    Some(parts)
}

pub(crate) fn apply(parts: &[Part], ctx: &RowCtx<'_>) -> (Got, Option<SourceCell>) {
    let mut out = String::new();
    let mut src = None;
    for part in parts {
        let piece = match part {
            Part::Text(t) => t.clone(),
            Part::Var(name) => ctx
                .done
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| {
                    if v.is_missing() {
                        String::new()
                    } else {
                        v.to_string()
                    }
                })
                .unwrap_or_default(),
            Part::Column(c) => match ctx.cell(c) {
                Some(cell) => {
                    src.get_or_insert_with(|| ctx.source(cell));
                    sheets::text(cell).into_owned()
                }
                None => String::new(),
            },
        };
        if piece.is_empty() && !matches!(part, Part::Text(_)) {
            return (Got::Null, src);
        }
        out.push_str(&piece);
    }
    (Got::Val(Value::char(out)), src)
}
